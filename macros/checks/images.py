"""Images need alt text and a file in the library, beside the resource that uses it."""

from __future__ import annotations

import html
import posixpath
from urllib.parse import unquote

from macros.checks.index import Checked, ContentIndex
from macros.content.problems import Problem
from macros.rendering.sanitiser import allowed_image


def image_target(doc: Checked, url: str) -> str:
    """The path under the content folder an image address points at (it may not exist)."""
    path = unquote(html.unescape(url.strip()).split("#", 1)[0].split("?", 1)[0])
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc.src_uri), path))


def images_used(doc: Checked, index: ContentIndex) -> set[str]:
    """The library's images a document shows or links to (those beside it; others are refused)."""
    here = posixpath.dirname(doc.src_uri)
    found = set()
    for link in index.links(doc):
        if link.url and not link.html and allowed_image(html.unescape(link.url.strip())):
            target = image_target(doc, link.url)
            if target in index.files and (not here or target.startswith(here + "/")):
                found.add(target)
    return found


def check_images(doc: Checked, index: ContentIndex) -> list[Problem]:
    """Alt text, and an image file beside the document."""
    shown = index.shown(doc.src_uri)
    problems: list[Problem] = []
    here = posixpath.dirname(doc.src_uri)
    for link in index.links(doc):
        if not link.image:
            continue
        if not link.text:
            problems.append(
                Problem(
                    shown,
                    link.line,
                    "image has no alt text",
                    "describe what the image shows for readers who cannot see it: "
                    + (
                        '<img alt="A team meeting" …>'
                        if link.html
                        else "![A team meeting in progress](images/meeting.jpg)"
                    ),
                )
            )
        if link.url is None:
            continue
        url = html.unescape(link.url.strip())
        if url in ("", "#"):
            problems.append(Problem(shown, link.line, "image has no file", "put the image's file name in the brackets"))
            continue
        if not allowed_image(url):
            continue  # another host, a scheme or a rooted path: refused by the sanitiser, with its own message
        if link.html:
            # One rule for where an image is, shared by the check, the web page and the PDF: Markdown's,
            # relative to the resource. Raw HTML is never rewritten for the PDF, which would look elsewhere.
            problems.append(
                Problem(
                    shown,
                    link.line,
                    f"image '{url}' is written in HTML, which the PDF would look for in another folder",
                    f"write it in Markdown: ![{link.text or 'what the image shows'}]({url})",
                )
            )
            continue
        target = image_target(doc, url)
        if target not in index.files:
            problems.append(
                Problem(
                    shown,
                    link.line,
                    f"image file '{url}' does not exist",
                    "check the file name and folder: the path is relative to this file",
                )
            )
        elif here and not target.startswith(here + "/"):
            problems.append(
                Problem(
                    shown,
                    link.line,
                    f"image '{url}' is not beside this file",
                    f"keep a resource's images in its own folder (content/{here}/) or a folder inside it",
                )
            )
    return problems
