"""Every built page is valid HTML: the Nu Html Checker (vnu-jar) reports no errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SiteProject

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _require(condition: bool, message: str) -> None:
    """Fail under CI, skip locally, when a tool the test needs is missing."""
    if not condition:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def own_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own content built once for this module (without PDFs: they are not HTML)."""
    result = SiteProject.with_own_content(tmp_path_factory.mktemp("vnu") / "own").build(pdf=False)
    assert result.code == 0, result.output
    return result.site


def test_every_page_is_valid_html(own_site: Path):
    java = shutil.which("java")
    _require(java is not None, "Java is missing: install it with `sudo apt-get install default-jre-headless`.")
    _require(VNU_JAR.is_file(), f"{VNU_JAR} is missing: run `npm ci` (make test does).")
    pages = sorted(own_site.rglob("*.html"))
    assert len(pages) > 10
    # One run over the whole folder: the checker takes a few seconds to start.
    run = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html", str(own_site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(run.stderr or run.stdout)
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    lines = [
        f"{m.get('url', '').removeprefix('file:').removeprefix(str(own_site) + '/')}:{m.get('lastLine', '?')}: "
        f"{m['message']}"
        for m in errors
    ]
    assert not lines, f"{len(lines)} HTML errors:\n" + "\n".join(lines[:60])
