"""The print side of a resource's Markdown: a Python-Markdown extension used only for PDFs.

- **Room to write.** Each question of a reflective-questions list (macros/rendering/extension.py
  marks them) gets ruled lines after its own text, nested lists included; a "Space to reflect"
  (or write, or note) heading gets a block of them after its introduction. Each block carries, as
  its `title`, what it is the answer to (the question; the heading and its prompt), which
  `with_answer_fields` makes the accessible name of a form field over the lines.
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

import copy
import html
import posixpath
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from markdown import Extension, Markdown
from markdown.extensions.toc import remove_fnrefs, render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor

from macros.rendering.extension import QUESTIONS_CLASS

QUESTION_LINES = 3  # ruled lines after each reflective question
SPACE_LINES = 8  # ruled lines under a "Space to reflect" heading
_SPACE_HEADING = re.compile(r"\bspace to (?:reflect|write|note)\b", re.IGNORECASE)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


# An answer space as the sanitiser writes it (attributes in the order given, values double-quoted).
_ANSWER_SPACE = re.compile(r'<div class="lib-(lines|writing-space)" title="([^"]*)">')
FIELD_NAMES = {"lines": "question", "writing-space": "notes"}


def ruled_lines(count: int, css_class: str = "lib-lines", answer_to: str = "") -> ET.Element:
    """Lines to write on, drawn as borders so they print crisply at any resolution."""
    block = ET.Element("div", {"class": css_class})
    if answer_to:
        block.set("title", answer_to)
    for _ in range(count):
        ET.SubElement(block, "div", {"class": "lib-line"})
    return block


def with_answer_fields(body: str, prefix: str = "") -> str:
    """The print body with a form field (a text area) over each answer space, for a PDF reader to fill in.

    Runs on the sanitised HTML, whose allow-list has no form elements: each field's name is the
    kind of space and its number (`question-3`, `notes-1`, after `prefix` in a pack), and its
    accessible name (the PDF's /TU) is the space's title, already escaped as an attribute value.
    """
    counts = dict.fromkeys(FIELD_NAMES.values(), 0)

    def field(match: re.Match) -> str:
        kind = FIELD_NAMES[match.group(1)]
        counts[kind] += 1
        name = f"{prefix}{kind}-{counts[kind]}"
        return f'{match.group(0)}<textarea class="lib-answer" name="{name}" title="{match.group(2)}"></textarea>'

    return _ANSWER_SPACE.sub(field, body)


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
                    question = self._text(item, keep=lambda child: child.tag not in ("ul", "ol"))
                    item.append(ruled_lines(self.ext.getConfig("question_lines"), answer_to=question))
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

    def _text(self, element: ET.Element, keep=lambda child: True) -> str:
        """An element's text as a reader sees it (entities and typography resolved), leaving out children not kept."""
        shown = copy.copy(element)
        shown[:] = [child for child in element if keep(child)]
        return html.unescape(strip_tags(render_inner_html(remove_fnrefs(shown), self.md)))

    def _writing_space(self, parent: ET.Element) -> None:
        children = list(parent)
        for position, child in enumerate(children):
            if child.tag in _HEADINGS and _SPACE_HEADING.search("".join(child.itertext())):
                after = position + 1
                while after < len(children) and children[after].tag == "p":
                    after += 1
                prompt = " ".join(self._text(c) for c in children[position + 1 : after])
                answer_to = f"{self._text(child)}: {prompt}" if prompt.strip() else self._text(child)
                parent.insert(
                    after + (len(parent) - len(children)),
                    ruled_lines(self.ext.getConfig("space_lines"), "lib-writing-space", answer_to),
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
