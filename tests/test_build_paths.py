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
