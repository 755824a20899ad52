"""Hostile content, by class (tests/hostile.py): the check and the build agree on every case.

For every case, either both refuse it with the same `path:line` problems (and the build leaves
no site), or both accept it and everything built is harmless: no handler, script or foreign
request in any page, and nothing of the build machine (its environment, its files) in any
page, index or PDF. The browser half is in tests/browser/test_hostile_pages.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import StreamObject

from conftest import SiteProject
from hostile import CANARY, CASES, HARMLESS, REFUSED
from macros.site.csp import inline_script_hashes

# The <link> relations that make a browser fetch the address (canonical and alternate only name one).
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}
SECRETS = (CANARY.encode(), b"root:x:0:0", b"LIBRARY_CANARY")
THEME_SCRIPTS = re.compile(r"^/?(\.\./)*(assets/javascripts/|assets/js/)")
# The browser editor's page (written by the plugin from the library's code, never from content/) runs
# Decap CMS and the library's additions, both beside it; contributed text reaches it only as YAML data.
EDITOR_PAGE, EDITOR_SCRIPTS = "admin/index.html", {"decap-cms.js", "editor.js"}
# (Forms are the site's own, the header's search, the finder and the search on the 404 page, whose actions
# must stay on the site; so is the finder's card <template>, which is inert.)
NEVER_IN_CONTENT = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "base",
    "meta",
    "link",
    "svg",
    "math",
    "video",
    "audio",
    "source",
    "textarea",
    "noscript",
}


@pytest.mark.parametrize("case", REFUSED, ids=str)
def test_check_and_build_both_refuse(case, hostile_build):
    project, errors, built = hostile_build(case)
    assert any(case.refused in e for e in errors), errors
    if case.where:
        where = f"{case.where}:{_line(project, case)}:"
        assert any(e.startswith(where) and case.refused in e for e in errors), (where, errors)
    assert built.code == 1
    for error in errors:  # every problem the check found, in the same words
        assert error in built.output, built.output
    assert "Traceback" not in built.output
    assert not (project.root / "site").exists()


@pytest.mark.parametrize("case", HARMLESS, ids=str)
def test_check_and_build_both_publish_it_harmlessly(case, hostile_build):
    _, errors, built = hostile_build(case)
    assert errors == []
    assert built.code == 0, built.output
    assert_harmless(built.site)


def _line(project: SiteProject, case) -> int:
    """The line a case's problem is on: given, or the first line of the file that holds its text."""
    if isinstance(case.at, int):
        return case.at
    lines = (project.root / case.where).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if case.at in line)


def test_every_problem_of_a_pull_request_is_reported_in_one_run(hostile_build):
    """Several attacks at once, in different files: the check and the build both report every one."""
    chosen = [
        c
        for c in REFUSED
        if c.id
        in (
            "misspelt-type-folder",
            "symlink-to-environ",
            "meta-yml-at-the-root",
            "site-page-runs-python",
            "alias-in-pathways",
        )
    ]
    combined = type(chosen[0])("combined", "all", lambda project: [c.write(project) for c in chosen], "x")
    project, errors, built = hostile_build(combined)
    for case in chosen:
        assert any(case.refused in e for e in errors), (case.id, errors)
    assert built.code == 1 and all(e in built.output for e in errors)


def test_every_class_of_attack_has_cases():
    classes = {case.klass for case in CASES}
    assert classes == {
        "unchecked files",
        "symlinks",
        "what a PDF would fetch",
        "HTML the sanitiser refuses",
        "metadata is text",
        "parsers",
        "site pages",
        "unbounded data",
    }
    assert len({case.id for case in CASES}) == len(CASES)


# -- what "harmless" means ------------------------------------------------------------------------


class _Page(HTMLParser):
    """Every start tag of a page, and whether it is inside the page's content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], bool]] = []
        self._content_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if self._content_depth:
            self._content_depth += tag == "article"
        elif tag == "article" and attrs.get("id") == "lib-content":
            self._content_depth = 1
        self.tags.append((tag, attrs, bool(self._content_depth)))

    def handle_endtag(self, tag):
        if self._content_depth and tag == "article":
            self._content_depth -= 1


def _foreign(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc) or url.strip().startswith(("//", "/\\", "\\"))


def assert_harmless(site: Path) -> None:
    """Nothing in the built site runs script, loads from another host, or holds a secret of the build."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        where = path.relative_to(site).as_posix()
        for secret in SECRETS:
            assert secret not in data, f"{where} holds {secret!r}"
        if where == "admin/config.yml":
            yaml.safe_load(data)  # plain data whatever the content holds: no tag, no alias
        if path.suffix == ".xml":
            ElementTree.fromstring(data)  # the feed and the sitemap are well-formed whatever the content holds
        if path.suffix == ".pdf":
            _assert_pdf_holds_no_secret(path, where)
        if path.suffix != ".html":
            continue
        html = data.decode("utf-8")
        page = _Page()
        page.feed(html)
        hashed = set(inline_script_hashes(html))
        for tag, attrs, in_content in page.tags:
            handlers = [name for name in attrs if name.startswith("on")]
            assert not handlers, f"{where}: <{tag} {handlers[0]}=…>"
            assert "style" not in attrs or not in_content, f"{where}: <{tag} style=…> in the content"
            for name in ("href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href"):
                value = attrs.get(name, "").strip().lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text")), f"{where}: {name}={value}"
                loads = tag != "a" and (tag != "link" or set(attrs.get("rel", "").split()) & LOADING_RELS)
                if name != "href" or loads:
                    assert not value or not _foreign(value), f"{where}: <{tag} {name}={value}> loads from elsewhere"
            if in_content:
                assert tag not in NEVER_IN_CONTENT, f"{where}: <{tag}> in the content"
            if tag == "script" and "src" in attrs:
                allowed = where == EDITOR_PAGE and attrs["src"] in EDITOR_SCRIPTS
                assert allowed or THEME_SCRIPTS.match(attrs["src"]), f"{where}: script {attrs['src']}"
        assert len(hashed) <= 2, f"{where}: more inline scripts than the theme's"


def _assert_pdf_holds_no_secret(path: Path, where: str) -> None:
    """No secret in any stream of the PDF once decompressed, and no embedded file at all."""
    reader = PdfReader(path)
    assert not reader.attachments, f"{where} has attachments: {list(reader.attachments)}"
    for page in reader.pages:  # no link names a file of the build machine (or its path)
        for annotation in page.get("/Annots") or ():
            action = annotation.get_object().get("/A") or {}
            uri = str(action.get("/URI", "") or action.get("/F", ""))
            assert not uri.lower().startswith(("file:", "/")), f"{where} links to {uri}"
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - a free entry of the cross-reference table
            continue
        if isinstance(obj, StreamObject):
            data = obj.get_data()
            for secret in SECRETS:
                assert secret not in data, f"{where}, object {number}, holds {secret!r}"


def test_a_file_name_cannot_forge_a_ci_annotation(tmp_path):
    """GitHub reads workflow commands from the log: a hostile file name stays inside one escaped annotation."""
    import os

    from conftest import run_library

    forging = next(c for c in CASES if c.id == "file-name-forges-a-ci-annotation")
    project = SiteProject(tmp_path / "project")
    forging.write(project)
    run = run_library("check", cwd=project.root, env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert run.returncode == 1
    commands = [line for line in (run.stdout + run.stderr).splitlines() if line.startswith("::")]
    assert commands and all(line.startswith(("::error file=", "::warning file=")) for line in commands), commands
    for line in commands:  # the file name is one escaped property: no ':' or ',' of its own ends it
        path = line.split(" file=", 1)[1].split(",line=", 1)[0]
        assert ":" not in path and "," not in path and "\n" not in path, line
