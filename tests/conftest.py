"""Shared fixtures: build real sites from small content trees in temporary folders."""

from __future__ import annotations

import io
import os
import shutil
import sys
import textwrap
from contextlib import redirect_stderr
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.site_build import build_site  # noqa: E402
from macros.validation import validate_content  # noqa: E402

SITE_PAGES = ("index.md", "find-resources.md", "about.md", "accessibility.md", "editors.md")


@dataclass
class BuildResult:
    code: int
    output: str
    site: Path

    def html(self, url: str = "") -> str:
        """The HTML of the page at a site-relative URL such as 'briefings/x/'."""
        path = self.site / url
        if url == "" or url.endswith("/"):
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


class SiteProject:
    """A throwaway project: the real mkdocs.yml, theme and macros, with its own content."""

    def __init__(self, root: Path):
        self.root = root
        self.content = root / "content"
        self.content.mkdir(parents=True)
        for name in ("macros", "overrides"):
            (root / name).symlink_to(ROOT / name, target_is_directory=True)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copy(ROOT / "content" / "taxonomy.yml", self.content / "taxonomy.yml")
        for page in SITE_PAGES:
            src = ROOT / "content" / page
            if src.exists():
                shutil.copy(src, self.content / page)
        # content/pathways.yml is not copied: it names the project's own resources, which a fixture
        # project does not have. Tests that need pathways write their own.

    def write(self, relpath: str, text: str | bytes) -> Path:
        """Write a file under content/ (text is dedented)."""
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
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
            body = ("Some opening words about this resource.\n\n## What it covers\n\n"
                    "- First point\n- Second point\n\n## Reflective questions\n\n"
                    "- What do you notice?\n- What would you do next?\n")
        text = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n\n" + textwrap.dedent(body)
        return self.write(f"{folder}/{slug}.md", text)

    def config(self, **changes: Any) -> None:
        """Change top-level settings in this project's mkdocs.yml (a plain text edit keeps the !ENV tag)."""
        text = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        for key, value in changes.items():
            text += "\n" + yaml.safe_dump({key: value}, sort_keys=False)
        (self.root / "mkdocs.yml").write_text(text, encoding="utf-8")

    def build(self, *, pdf: bool = False) -> BuildResult:
        """Build the site as `make site` does (validation, build, swap) and capture what it printed."""
        stream = io.StringIO()
        old = Path.cwd()
        os.chdir(self.root)
        try:
            with redirect_stderr(stream):
                code = build_site(self.root / "mkdocs.yml", pdf=pdf)
        finally:
            os.chdir(old)
        return BuildResult(code, stream.getvalue(), self.root / "site")

    def validate(self):
        """Load and check the content as scripts/validate.py does; returns the LoadResult."""
        old = Path.cwd()
        os.chdir(self.root)
        try:
            return validate_content(Path("content"))
        finally:
            os.chdir(old)


@pytest.fixture
def project(tmp_path: Path) -> SiteProject:
    """An empty project (site pages and taxonomy, no resources) in a temporary folder."""
    return SiteProject(tmp_path / "project")


@pytest.fixture
def sample_project(project: SiteProject) -> SiteProject:
    """A project with one resource of each type, related to each other."""
    project.resource("briefings", "leading-supervision", audience=["senior-leaders"], pqs=["cf-1", "asc-2"],
                     related=["first-year-guide"])
    project.resource("one-minute-guides", "first-year-guide", audience=["middle-leaders"], pqs=["cf-2", "asc-3"])
    project.resource("practice-tools", "reflective-tool", audience=["practice-supervisors"], pqs=["asc-6", "cf-7"])
    return project
