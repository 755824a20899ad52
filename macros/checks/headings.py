"""Headings: no top-level heading in a resource (the title is the page's only one) and no skipped levels."""

from __future__ import annotations

import re

from macros.checks.index import Checked, ContentIndex, shorten
from macros.content.loader import body_headings
from macros.content.problems import Problem

SETEXT_H1_RE = re.compile(r"^ {0,3}=+\s*$")
# A heading written in HTML is a heading all the same: `<h1>` makes a second top-level one.
HTML_HEADING_RE = re.compile(r"<h([1-6])\b[^>]*>(.*?)(?:</h\1\s*>|$)", re.IGNORECASE)


def check_headings(doc: Checked, index: ContentIndex) -> list[Problem]:
    """No top-level heading in a resource (the title is the page's only one) and no skipped levels."""
    shown = index.shown(doc.src_uri)
    problems: list[Problem] = []
    headings = body_headings(doc.body)
    stripped = index.stripped(doc).split("\n")
    for number in range(1, len(stripped)):
        if (
            SETEXT_H1_RE.match(stripped[number])
            and stripped[number - 1].strip()
            and not stripped[number - 1].lstrip().startswith(("-", "*", "+", ">", "|"))
        ):
            headings.append((number, 1, stripped[number - 1].strip()))
    for number, line in enumerate(stripped, start=1):
        for match in HTML_HEADING_RE.finditer(line):
            headings.append((number, int(match.group(1)), re.sub(r"<[^>]*>", "", match.group(2)).strip() or "…"))
    previous = 1  # the page title, from the front matter, is the level 1 heading
    for line, level, text in sorted(headings):
        file_line = doc.body_line + line - 1
        if level == 1:
            problems.append(
                Problem(
                    shown,
                    file_line,
                    f"'# {shorten(text)}' is a top-level heading",
                    "the title comes from 'title' in the front matter, so sections start at ##: "
                    "change # to ##, or delete the line if it repeats the title",
                )
            )
            level = 2  # as the editor will write it, so the next heading is measured from there
        elif level > previous + 1:
            problems.append(
                Problem(
                    shown,
                    file_line,
                    f"heading '{shorten(text)}' skips a level: {'#' * previous} is followed by {'#' * level}",
                    f"change {'#' * level} to {'#' * (previous + 1)}, or add the missing "
                    f"{'#' * (previous + 1)} heading above it",
                )
            )
        previous = level
    return problems
