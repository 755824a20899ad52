"""The library's Markdown extension (`macros.rendering.extension` in mkdocs.yml).

- **Reflective questions.** A list that follows a heading about questions (with only paragraphs
  between) is a list of reflective questions: class `lib-questions`. The browser gives each
  question an answer box; print gives it ruled lines to write on.
- **Table alignment as classes.** The tables extension aligns columns with `style` attributes,
  which the sanitiser refuses everywhere; the alignment becomes a class instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

QUESTIONS_CLASS = "lib-questions"
_QUESTIONS_HEADING = re.compile(r"\bquestions?\b", re.IGNORECASE)
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
_CONTAINERS = {"div", "details", "blockquote", "section"}
_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$")


def _add_class(element: ET.Element, name: str) -> None:
    classes = element.get("class", "").split()
    if name not in classes:
        element.set("class", " ".join([*classes, name]))


class ReflectiveQuestions(Treeprocessor):
    """Marks each list that follows a heading about questions."""

    def run(self, root: ET.Element) -> None:
        self._mark(root)

    def _mark(self, parent: ET.Element) -> None:
        after_questions = False
        for child in parent:
            if child.tag in _HEADINGS:
                after_questions = bool(_QUESTIONS_HEADING.search("".join(child.itertext())))
            elif child.tag in ("ul", "ol"):
                if after_questions:
                    _add_class(child, QUESTIONS_CLASS)
                after_questions = False
            elif child.tag != "p":
                after_questions = False
                if child.tag in _CONTAINERS:
                    self._mark(child)


class TableAlignment(Treeprocessor):
    """`style="text-align: left"` on table cells becomes class `lib-align-left`."""

    def run(self, root: ET.Element) -> None:
        for cell in root.iter():
            if cell.tag in ("th", "td"):
                match = _ALIGN.match(cell.get("style", ""))
                if match:
                    del cell.attrib["style"]
                    _add_class(cell, f"lib-align-{match.group(1)}")


class LibraryExtension(Extension):
    """The library's tree processors, run after the inline patterns so headings hold their final text."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(ReflectiveQuestions(md), "lib_questions", 5)
        md.treeprocessors.register(TableAlignment(md), "lib_table_alignment", 4)


def makeExtension(**kwargs) -> LibraryExtension:  # noqa: N802 - Python-Markdown's name
    return LibraryExtension(**kwargs)
