"""One build path: `make check`, `make site`, `mkdocs build` and `mkdocs serve` refuse the same inputs alike."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from conftest import SiteProject, run_library

MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _problems(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if line.startswith("content/"))


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> SiteProject:
    """A project with three problems of different kinds: front matter, body and an unknown file."""
    project = SiteProject(tmp_path_factory.mktemp("paths") / "project")
    project.resource("briefings", "bad", '<p onclick="x()">Hi</p>\n', audience=["nobody"])
    project.write("breifings/stray.md", "# Stray\n")
    return project


def test_every_way_of_building_reports_the_same_problems(broken: SiteProject):
    import subprocess

    check = run_library("check", cwd=broken.root)
    assert check.returncode == 1
    expected = _problems(check.stderr)
    assert len(expected) == 3, check.stderr
    site = run_library("build", cwd=broken.root)
    build = subprocess.run([MKDOCS, "build", "--site-dir", "out"], cwd=broken.root, capture_output=True, text=True)
    serve = subprocess.run(
        [MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{_free_port()}"],
        cwd=broken.root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    for run in (site, build, serve):
        assert run.returncode != 0
        assert _problems(run.stderr) == expected, run.stderr
        assert "Traceback" not in run.stderr
    assert not (broken.root / "out").exists() or not any((broken.root / "out").rglob("*.html"))


def test_a_build_without_the_sites_address_names_no_placeholder(project: SiteProject, monkeypatch):
    """Links, the cite box, the sitemap and the PDFs give the configured address or none, never an invented one."""
    from pypdf import PdfReader

    monkeypatch.delenv("SITE_URL", raising=False)
    project.resource("briefings", "one", "Words, and [another](two.md).\n")
    project.resource("briefings", "two")
    result = project.build(pdf=True)
    assert result.code == 0, result.output
    for path in result.site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt"):
            assert "example.org" not in path.read_text(encoding="utf-8"), path
    page = result.html("briefings/one/")
    assert "Web address" not in page and "Available at" not in page
    text = " ".join(p.extract_text() for p in PdfReader(result.site / "pdf" / "one.pdf").pages)
    assert "Online" not in text and "/briefings/" not in text
    assert "another" in text  # the link's words stay, with nowhere to point on paper


def test_a_build_for_publishing_needs_the_sites_address_and_leaves_the_site_alone(project: SiteProject, monkeypatch):
    project.resource("briefings", "one")
    first = project.build()
    assert first.code == 0, first.output
    before = (first.site / "index.html").read_bytes()
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("LIBRARY_PUBLISH", "true")
    result = project.build()
    assert result.code != 0
    assert "SITE_URL is not set: a build for publishing needs the site's address" in result.output
    assert "Traceback" not in result.output
    assert (result.site / "index.html").read_bytes() == before
    monkeypatch.setenv("SITE_URL", "https://library.example.net/")
    result = project.build()
    assert result.code == 0, result.output
    assert 'href="https://library.example.net/briefings/one/"' in result.html("briefings/one/")
