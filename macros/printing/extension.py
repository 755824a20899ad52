"""The print side of a resource's Markdown: a Python-Markdown extension used only for PDFs.

- **Room to write.** Each question of a reflective-questions list (macros/rendering/extension.py
  marks them) gets ruled lines after its own text, nested lists included; a "Space to reflect"
  (or write, or note) heading gets a block of them after its introduction.
- **Links on paper.** A link to another page of the library points at that page on the web;
  without the site's address it keeps its words and loses its target. A web address printed as
  its own link text may break at any character.
- **Images** are addressed from the content folder, which is the PDF's base address, so a pack
  finds each resource's images wherever the resource lives.
- **Packs.** Ids and in-page links carry the resource's own prefix, so the resources of a pack
  keep their anchors apart (heading levels move down with the toc extension's `baselevel`).

Everything it writes is within the sanitiser's allow-list (macros/rendering/sanitiser.py),
which the print HTML passes through like every other.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from macros.rendering.extension import QUESTIONS_CLASS

QUESTION_LINES = 3  # ruled lines after each reflective question
SPACE_LINES = 8  # ruled lines under a "Space to reflect" heading
_SPACE_HEADING = re.compile(r"\bspace to (?:reflect|write|note)\b", re.IGNORECASE)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def ruled_lines(count: int, css_class: str = "lib-lines") -> ET.Element:
    """Lines to write on, drawn as borders so they print crisply at any resolution."""
    block = ET.Element("div", {"class": css_class})
    for _ in range(count):
        ET.SubElement(block, "div", {"class": "lib-line"})
    return block


def page_address(href: str, src_uri: str) -> str | None:
    """The site-relative address of a link to another page of the library, or None if it is not one.

    `../one-minute-guides/x.md#part` from `briefings/y.md` is `one-minute-guides/x/#part`;
    a link to `index.md` is its folder.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or href.startswith("#"):
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), parts.path)).lstrip("/")
    if path.endswith(".md"):
        folder, name = posixpath.split(path[: -len(".md")])
        path = (f"{folder}/" if folder else "") if name == "index" else f"{path[: -len('.md')]}/"
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return path + fragment


class PrintTreeprocessor(Treeprocessor):
    """Applies the print changes above to one resource's tree."""

    def __init__(self, md: Markdown, extension: PrintExtension):
        super().__init__(md)
        self.ext = extension

    def run(self, root: ET.Element) -> None:
        self._writing_space(root)
        for element in root.iter():
            if element.tag in ("ul", "ol") and QUESTIONS_CLASS in element.get("class", "").split():
                for item in element.findall("li"):
                    item.append(ruled_lines(self.ext.getConfig("question_lines")))
            elif element.tag == "a" and element.get("href"):
                self._link(element)
            elif element.tag == "img" and element.get("src"):
                src = element.get("src")
                if not urlsplit(src).scheme and not src.startswith("/"):
                    element.set("src", posixpath.normpath(posixpath.join(self._folder(), src)))
        scope = self.ext.getConfig("scope")
        if scope:
            for element in root.iter():
                if element.get("id"):
                    element.set("id", f"{scope}-{element.get('id')}")
                if element.tag == "a" and (element.get("href") or "").startswith("#"):
                    element.set("href", f"#{scope}-{element.get('href')[1:]}")

    def _folder(self) -> str:
        return posixpath.dirname(self.ext.getConfig("src_uri"))

    def _link(self, link: ET.Element) -> None:
        href = link.get("href")
        if href.startswith(("http://", "https://")) and "".join(link.itertext()).strip() == href:
            link.set("class", "lib-bare-url")
            return
        address = page_address(href, self.ext.getConfig("src_uri"))
        if address is None:
            return
        site_url = self.ext.getConfig("site_url")
        if site_url:
            link.set("href", site_url.rstrip("/") + "/" + address)
        else:
            del link.attrib["href"]  # nowhere to point on paper: the words stay

    def _writing_space(self, parent: ET.Element) -> None:
        children = list(parent)
        for position, child in enumerate(children):
            if child.tag in _HEADINGS and _SPACE_HEADING.search("".join(child.itertext())):
                after = position + 1
                while after < len(children) and children[after].tag == "p":
                    after += 1
                parent.insert(
                    after + (len(parent) - len(children)),
                    ruled_lines(self.ext.getConfig("space_lines"), "lib-writing-space"),
                )
            elif child.tag in ("div", "details", "blockquote"):
                self._writing_space(child)


class PrintExtension(Extension):
    """Python-Markdown extension for one resource's print HTML (see the module's docstring)."""

    def __init__(self, **kwargs):
        self.config = {
            "src_uri": ["", "the resource's path under the content folder"],
            "site_url": ["", "the site's address, for links to other pages ('' when it has none)"],
            "scope": ["", "a prefix for ids in a pack ('' in a resource's own PDF)"],
            "question_lines": [QUESTION_LINES, "ruled lines after each reflective question"],
            "space_lines": [SPACE_LINES, "ruled lines under a 'Space to reflect' heading"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After the toc extension (priority 5) has given headings their ids.
        md.treeprocessors.register(PrintTreeprocessor(md, self), "lib_print", 1)
