"""Shared fixtures: build real sites from small content trees in temporary folders."""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
from contextlib import redirect_stderr
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.build import build_site
from macros.config import DEFAULT_SITE_PAGES
from macros.library import Library, check_library
from macros.site.page_macros import PLUGIN_NAME

ROOT = Path(__file__).resolve().parent.parent
# Fixture projects are built for an address, as the deploy workflow builds the site; the tests of a
# build without one (tests/test_build_paths.py) take it away.
os.environ.setdefault("SITE_URL", "https://resources.example.org/")
# ... and from a repository, which the deploy workflow's GITHUB_REPOSITORY names for the browser editor.
os.environ.setdefault("GITHUB_REPOSITORY", "example/resource-library")
SITE_PAGES = tuple(DEFAULT_SITE_PAGES)


def text_of(html: str) -> str:
    """The words of some HTML as a reader sees them: tags removed, entities decoded, spaces folded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def run_library(*args: str, cwd: Path, **kwargs: Any) -> subprocess.CompletedProcess:
    """Run the `library` command (as the make targets do) in a project folder; capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "macros.cli", *args], cwd=cwd, capture_output=True, text=True, **kwargs
    )


@functools.cache
def own_library() -> Library:
    """The project's own content, checked once per test run (read-only: never change what it holds)."""
    return SiteProject.at(ROOT).validate()


@dataclass
class BuildResult:
    code: int
    output: str
    site: Path
    library: Library | None = None

    def html(self, url: str = "") -> str:
        """The HTML of the page at a site-relative URL such as 'briefings/x/'."""
        path = self.site / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


class SiteProject:
    """A throwaway project: the real mkdocs.yml and theme overrides, with its own content.

    The library's code is the installed package (the project is installed into the virtual
    environment), so only the theme overrides folder is linked in.
    """

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True)
        (root / "overrides").symlink_to(ROOT / "overrides", target_is_directory=True)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copy(ROOT / "content" / "taxonomy.yml", self.content / "taxonomy.yml")
        for page in SITE_PAGES:
            src = ROOT / "content" / page
            if src.exists():
                shutil.copy(src, self.content / page)
        # content/pathways.yml is not copied: it names the project's own resources, which a fixture
        # project does not have. Tests that need pathways write their own.

    @classmethod
    def at(cls, root: Path) -> SiteProject:
        """A project that already exists on disk (such as one the benchmark made)."""
        project = cls.__new__(cls)
        project.root, project.content = Path(root), Path(root) / "content"
        return project

    @classmethod
    def with_own_content(cls, root: Path) -> SiteProject:
        """A project at `root` holding a copy of the project's own content/ (the site `make site` builds)."""
        project = cls(root)
        shutil.rmtree(project.content)
        shutil.copytree(ROOT / "content", project.content)
        return project

    def write(self, relpath: str, text: str | bytes) -> Path:
        """Write a file under content/ (text is dedented)."""
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def image(self, relpath: str, size: tuple[int, int] = (40, 20)) -> Path:
        """Write a real PNG image under content/."""
        from PIL import Image

        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, (29, 79, 110)).save(path)
        return path

    def resource(self, folder: str, slug: str, body: str | None = None, **front: Any) -> Path:
        """Write a valid resource, with any front matter field overridden (None removes it)."""
        data: dict[str, Any] = {
            "title": slug.replace("-", " ").capitalize(),
            "summary": f"A short summary of {slug.replace('-', ' ')}.",
            "audience": ["practice-supervisors"],
            "pqs": ["cf-7"],
            "authors": [{"name": "Sam Example", "role": "Practice lead"}],
            "published": "2024-01-15",
        }
        for key, value in front.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        if body is None:
            body = (
                "Some opening words about this resource.\n\n## What it covers\n\n"
                "- First point\n- Second point\n\n## Reflective questions\n\n"
                "- What do you notice?\n- What would you do next?\n"
            )
        text = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n\n" + textwrap.dedent(body)
        return self.write(f"{folder}/{slug}.md", text)

    def config(self, **changes: Any) -> None:
        """Change top-level settings in this project's mkdocs.yml (a plain text edit keeps the !ENV tag)."""
        text = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        for key, value in changes.items():
            text += "\n" + yaml.safe_dump({key: value}, sort_keys=False)
        (self.root / "mkdocs.yml").write_text(text, encoding="utf-8")

    def config_plugin(self, **options: Any) -> None:
        """Set options of the library plugin in this project's mkdocs.yml (replacing any it sets already)."""
        text = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        head, marker, rest = text.partition("  - resource-library:\n")
        assert marker, "mkdocs.yml has no resource-library plugin"
        lines = rest.split("\n")
        end = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("      "))
        kept, skipping = [], False
        for line in lines[:end]:
            key = line[6:].split(":", 1)[0] if line.startswith("      ") and not line.startswith("       ") else None
            if key is not None:
                skipping = key in options
            if not skipping:
                kept.append(line)
        added = yaml.safe_dump(options, sort_keys=False, allow_unicode=True).rstrip("\n").split("\n")
        lines = kept + ["      " + line for line in added] + lines[end:]
        (self.root / "mkdocs.yml").write_text(head + marker + "\n".join(lines), encoding="utf-8")

    def build(self, *, pdf: bool = False) -> BuildResult:
        """Build the site as `make site` does (check, build, swap) and capture what it printed."""
        stream = io.StringIO()
        old = Path.cwd()
        os.chdir(self.root)
        try:
            with redirect_stderr(stream):
                outcome = build_site(self.root / "mkdocs.yml", pdf=pdf)
        finally:
            os.chdir(old)
        return BuildResult(outcome.code, stream.getvalue(), self.root / "site", outcome.library)

    def validate(self, **overrides: Any) -> Library:
        """Check the content as `make check` does; returns the Library with every problem found."""
        from mkdocs.config import load_config

        old = Path.cwd()
        os.chdir(self.root)
        try:
            config = load_config(str(self.root / "mkdocs.yml"), **overrides)
            return check_library(config, config.plugins[PLUGIN_NAME].config)
        finally:
            os.chdir(old)


def printer_for(content: Path, **kwargs: Any):
    """A PDF printer for a project's content, with the Markdown settings of its mkdocs.yml unless given."""
    from mkdocs.config import load_config

    from macros.printing.printer import Printer

    lib = SiteProject.at(content.parent).validate()
    config = load_config(str(content.parent / "mkdocs.yml"))
    kwargs.setdefault("markdown_extensions", config.markdown_extensions)
    kwargs.setdefault("mdx_configs", config.mdx_configs)
    return Printer(lib.catalogue, lib.options, content, **kwargs)


@pytest.fixture(scope="session")
def own_site_with_pdfs(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The project's own content built once per run, PDFs included, as `make site` builds it (read-only)."""
    result = SiteProject.with_own_content(tmp_path_factory.mktemp("own-pdfs") / "own").build(pdf=True)
    assert result.code == 0, result.output
    return result


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory):
    """Build a hostile case (tests/hostile.py) once per run, with a canary in the build's environment.

    Returns (project, the check's errors, the build's result); the browser tests open the same build.
    """
    from hostile import CANARY

    builds: dict[str, tuple[SiteProject, list[str], BuildResult]] = {}

    def build(case) -> tuple[SiteProject, list[str], BuildResult]:
        if case.id not in builds:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("LIBRARY_CANARY", CANARY)
                patch.delenv("GITHUB_ACTIONS", raising=False)
                project = SiteProject(tmp_path_factory.mktemp("hostile") / "project")
                case.write(project)
                errors = [str(p) for p in project.validate().errors]
                builds[case.id] = (project, errors, project.build(pdf=True))
        return builds[case.id]

    return build


@pytest.fixture
def project(tmp_path: Path) -> SiteProject:
    """An empty project (site pages and taxonomy, no resources) in a temporary folder."""
    return SiteProject(tmp_path / "project")


@pytest.fixture
def sample_project(project: SiteProject) -> SiteProject:
    """A project with one resource of each type, related to each other."""
    project.resource(
        "briefings",
        "leading-supervision",
        audience=["senior-leaders"],
        pqs=["cf-1", "asc-2"],
        related=["first-year-guide"],
    )
    project.resource("one-minute-guides", "first-year-guide", audience=["middle-leaders"], pqs=["cf-2", "asc-3"])
    project.resource("practice-tools", "reflective-tool", audience=["practice-supervisors"], pqs=["asc-6", "cf-7"])
    return project
