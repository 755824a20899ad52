"""Debris from copying out of Word or PDF, and instructions left from a template."""

from __future__ import annotations

import re

from macros.checks.index import Checked, ContentIndex
from macros.content.problems import ERROR, WARNING, Problem

# The words every placeholder written by `make new` starts with (see content/taxonomy.yml).
PLACEHOLDER = "Replace this"
QUOTED_BULLET_RE = re.compile(r"^\s*[-*+]\s+>")
PASTED_BULLET_RE = re.compile(r"^\s*([•●▪◦▫■□➢➤▶✓✔])\s*\S")


def check_pasted_text(doc: Checked, index: ContentIndex) -> list[Problem]:
    """Debris from copying out of Word or PDF: quoted bullets and bullet characters, one problem per list."""
    shown = index.shown(doc.src_uri)
    lines = index.stripped(doc).split("\n")
    quoted = [n for n, line in enumerate(lines) if QUOTED_BULLET_RE.match(line)]
    pasted: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        match = PASTED_BULLET_RE.match(line)
        if match and number not in quoted:
            pasted.setdefault(match.group(1), []).append(number)
    problems: list[Problem] = []
    for first, last in _runs(quoted, lines):
        problems.append(
            Problem(
                shown,
                doc.body_line + first,
                "bullet written as '- >'" + _lines_note(first, last, doc),
                "remove the '>' so each line reads '- ' and then the text: the '>' turns every item into a quotation",
            )
        )
    for bullet, numbers in pasted.items():
        for first, last in _runs(numbers, lines):
            problems.append(
                Problem(
                    shown,
                    doc.body_line + first,
                    f"line starts with a pasted bullet character '{bullet}'" + _lines_note(first, last, doc),
                    f"replace '{bullet}' with '- ' so the lines become a list",
                )
            )
    return problems


def _runs(numbers: list[int], lines: list[str]) -> list[tuple[int, int]]:
    """Group line numbers into runs separated only by blank lines: one list, one problem."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and all(not lines[between].strip() for between in range(runs[-1][1] + 1, number)):
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _lines_note(first: int, last: int, doc: Checked) -> str:
    return "" if first == last else f" on lines {doc.body_line + first} to {doc.body_line + last}"


def check_placeholders(doc: Checked, index: ContentIndex) -> list[Problem]:
    """An error (a warning in a draft), at the first such line, while lines hold the instructions `make new` wrote.

    Every placeholder sentence `make new` writes starts with PLACEHOLDER, in the front matter, the
    taxonomy's section templates and the scaffold alike (tests/test_scaffold.py holds it to that).
    """
    shown = index.shown(doc.src_uri)
    try:
        text = (index.docs_dir / doc.src_uri).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    lines = [n for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1) if PLACEHOLDER in line]
    if not lines:
        return []
    where = (
        f"line {lines[0]}"
        if len(lines) == 1
        else ("lines " + ", ".join(map(str, lines[:3])) + (f" and {len(lines) - 3} more" if len(lines) > 3 else ""))
    )
    return [
        Problem(
            shown,
            lines[0],
            f"text from the template is still on {where}",
            f"write your own text in place of each line starting '{PLACEHOLDER}'"
            + ("" if getattr(doc, "draft", False) else ", or mark the resource `draft: true` until it is ready"),
            WARNING if getattr(doc, "draft", False) else ERROR,
        )
    ]
