"""Links that go nowhere: placeholders, incomplete addresses, missing pages and missing anchors.

Which addresses are allowed at all (schemes, other hosts) is the sanitiser's decision
(macros/checks/safety.py); these checks say whether an allowed link leads somewhere.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote

from macros.checks.index import Checked, ContentIndex, Link, shorten
from macros.content.problems import Problem, closest
from macros.rendering.sanitiser import url_scheme


def check_links(doc: Checked, index: ContentIndex) -> list[Problem]:
    """Every link of a body that would not lead where it says."""
    shown = index.shown(doc.src_uri)
    problems: list[Problem] = []
    for link in index.links(doc):
        if link.image or link.url is None:
            continue
        url = html.unescape(link.url.strip())
        label = f"link '{shorten(link.text)}'" if link.text else "a link"
        if url in ("", "#"):
            problems.append(
                Problem(
                    shown,
                    link.line,
                    f"{label} has no address" if url == "" else f"{label} goes to '#', a placeholder",
                    "put the web address or the .md file it should open between the round brackets, "
                    "or remove the link and keep the words",
                )
            )
            continue
        if link.html and url_scheme(url) is None:
            problems.append(html_relative_link(shown, link, url))
            continue
        problems.extend(_check_address(shown, link, url, doc, index))
    # Any link the Markdown above was not recognised in (such as one whose words hold brackets) is
    # still in the page's HTML: check those too, so the check never misses what MkDocs would warn of.
    seen = {html.unescape((link.url or "").strip()) for link in index.links(doc)}
    lines = index.stripped(doc).split("\n")
    for url in index.hrefs(doc):
        if url not in seen and url_scheme(url) is None and not url.startswith(("#", "//")):
            seen.add(url)
            number = next((n for n, line in enumerate(lines) if url in line), 0)
            problems.extend(_check_address(shown, Link(doc.body_line + number, url, ""), url, doc, index))
    return problems


def html_relative_link(shown: str, link: Link, url: str) -> Problem:
    """A relative address in raw HTML: Markdown rewrites its links for the web and the PDF, raw HTML never.

    `<a href="x.md">` would keep a broken `.md` address on the web and become a `file:` address of
    the build machine in the PDF, so only web and mail addresses may be written as HTML.
    """
    return Problem(
        shown,
        link.line,
        f"link to '{shorten(url)}' is written in HTML, which is not made into the page's web and print address",
        f"write it in Markdown: [the words]({url})",
    )


def _check_address(shown: str, link: Link, url: str, doc: Checked, index: ContentIndex) -> list[Problem]:
    scheme = url_scheme(url)
    if scheme is not None:
        if scheme in ("http", "https") and not re.match(r"^https?://[^/\s?#]+\.[^/\s?#]+", url, re.I):
            return [
                Problem(
                    shown,
                    link.line,
                    f"web address '{url}' is incomplete",
                    "copy the whole address from the browser's address bar",
                )
            ]
        return []  # other schemes are allowed or refused by the sanitiser
    if url.startswith(("//", "/\\", "\\")):
        return []  # an address on another host: refused by the sanitiser
    if url.startswith("/"):
        return [
            Problem(
                shown,
                link.line,
                f"link '{url}' starts with '/'",
                "link to the .md file relative to this one, for example ../briefings/name.md: "
                "links from the site's root break when the site is not at the root of its address",
            )
        ]
    return _check_internal(shown, link, url, doc, index)


def _check_internal(shown: str, link: Link, url: str, doc: Checked, index: ContentIndex) -> list[Problem]:
    path, _, fragment = url.partition("#")
    path = unquote(path.split("?", 1)[0])
    fragment = unquote(fragment)
    here = posixpath.dirname(doc.src_uri)
    if not path:
        return _check_anchor(shown, link.line, doc.src_uri, fragment, index, same_page=True)
    target = posixpath.normpath(posixpath.join(here, path))
    if target == ".." or target.startswith("../"):
        return [
            Problem(
                shown,
                link.line,
                f"link '{url}' points outside the content folder",
                "link to a page or file inside content/, or to a web address",
            )
        ]
    if path.endswith(".md"):
        if target not in index.pages:
            return [
                Problem(shown, link.line, f"link to '{path}' does not lead to a page", _page_hint(path, here, index))
            ]
        if target in index.drafts and not getattr(doc, "draft", False):
            return [
                Problem(
                    shown,
                    link.line,
                    f"link to '{path}' leads to a draft, which is not published",
                    "remove the link until that resource is published, or publish it first",
                )
            ]
        return _check_anchor(shown, link.line, target, fragment, index) if fragment else []
    as_page = next(
        (
            p
            for p in (target + ".md", target.rstrip("/") + ".md", posixpath.join(target, "index.md"))
            if p in index.pages
        ),
        None,
    )
    if as_page and (path.endswith("/") or "." not in posixpath.basename(path)):
        return [
            Problem(
                shown,
                link.line,
                f"link to '{path}' is written as a web address",
                f"link to the page's file instead: {posixpath.relpath(as_page, here or '.')}",
            )
        ]
    if not index.exists(target):
        return [
            Problem(
                shown,
                link.line,
                f"link to '{path}' does not lead to a page or file",
                _page_hint(path, here, index)
                if "." not in posixpath.basename(path)
                else "check the file name and folder: the address is relative to this file",
            )
        ]
    return []


def _page_hint(path: str, here: str, index: ContentIndex) -> str:
    """Name the page the editor most probably meant, as a path relative to the linking file."""
    stems = {posixpath.basename(p)[: -len(".md")]: p for p in sorted(index.pages) if not p.endswith("index.md")}
    wanted = posixpath.basename(path.rstrip("/")).removesuffix(".md")
    near = closest(wanted, list(stems), n=1)
    if near:
        return f"did you mean {posixpath.relpath(stems[near[0]], here or '.')}?"
    return "link to the page's .md file, relative to this file, for example ../briefings/name.md"


def _check_anchor(
    shown: str, line: int, target: str, fragment: str, index: ContentIndex, *, same_page: bool = False
) -> list[Problem]:
    anchors = index.anchors(target)
    if anchors is None or fragment in anchors:
        return []
    where = "on this page" if same_page else f"in {posixpath.basename(target)}"
    near = closest(fragment, sorted(anchors), n=1)
    hint = (
        f"did you mean #{near[0]}?"
        if near
        else "a heading's anchor is its text in lower case with hyphens, for example #reflective-questions"
    )
    return [Problem(shown, line, f"'#{fragment}' is not a heading {where}", hint)]
