"""The project's own content builds in strict mode and every resource appears where it should."""

from __future__ import annotations

from pathlib import Path

from conftest import SiteProject, own_library


def test_project_content_validates():
    result = own_library()
    assert [str(p) for p in result.problems if p.severity == "error"] == []
    counts = {t.id: len(result.catalogue.of_type(t)) for t in result.catalogue.taxonomy.types}
    assert all(n >= 3 for n in counts.values()), counts


def test_project_site_builds_strict(tmp_path: Path):
    result = SiteProject.with_own_content(tmp_path / "own").build()
    assert result.code == 0, result.output
    home = result.html()
    for rtype in ("briefings", "one-minute-guides", "practice-tools"):
        assert f'href="{rtype}/"' in home
