"""Tables small enough to print: at most so many rows in one table, and so many cells in a page.

WeasyPrint lays a table out in time that grows with its cells, and each PDF has a time limit
(SECONDS_PER_PDF in macros/printing/printer.py) so that no page can hold the build up. A time
limit depends on the machine, though, so the check could pass a table that the build then
fails to print. These limits are counts instead, far inside what the PDFs lay out in their
time on a slow, busy machine: whatever the check accepts, the build can print.
"""

from __future__ import annotations

import re

from macros.checks.index import Checked, ContentIndex
from macros.content.problems import Problem

MAX_TABLE_ROWS = 200  # in one table, its heading row included
MAX_TABLE_CELLS = 2000  # in all the tables of one page

_TABLE_RE = re.compile(r"<table\b.*?(?:</table>|\Z)", re.DOTALL | re.IGNORECASE)
_ROW_RE = re.compile(r"<tr\b", re.IGNORECASE)
_CELL_RE = re.compile(r"<t[dh]\b", re.IGNORECASE)
# Where a table starts in the source: the line before a Markdown table's |---|---| row, or <table.
_DELIMITER_ROW_RE = re.compile(r"^ {0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_HTML_TABLE_RE = re.compile(r"<table\b", re.IGNORECASE)


def table_sizes(html: str) -> list[tuple[int, int]]:
    """The rows and cells of each table of some HTML, in order (a table within a table counts in both)."""
    return [(len(_ROW_RE.findall(t)), len(_CELL_RE.findall(t))) for t in _TABLE_RE.findall(html)]


def table_lines(text: str) -> list[int]:
    """The index of the line each table of a body starts on, in order."""
    lines = text.split("\n")
    starts = []
    for index, line in enumerate(lines):
        if _HTML_TABLE_RE.search(line):
            starts.append(index)
        elif index and "|" in line and "-" in line and _DELIMITER_ROW_RE.match(line) and "|" in lines[index - 1]:
            starts.append(index - 1)
    return starts


def check_table_sizes(doc: Checked, index: ContentIndex) -> list[Problem]:
    """Every table with too many rows, and the page's tables once they hold too many cells in all."""
    shown = index.shown(doc.src_uri)
    starts = table_lines(index.stripped(doc))
    problems = []
    cells = 0
    for number, (rows, in_table) in enumerate(table_sizes(index.html(doc))):
        line = doc.body_line + (starts[number] if number < len(starts) else (starts[-1] if starts else 0))
        if rows > MAX_TABLE_ROWS:
            problems.append(
                Problem(
                    shown,
                    line,
                    f"this table has {rows} rows, more than the {MAX_TABLE_ROWS} a table may have",
                    "split it into shorter tables under their own headings, or link to a spreadsheet",
                )
            )
        cells += in_table
        if cells > MAX_TABLE_CELLS:
            problems.append(
                Problem(
                    shown,
                    line,
                    f"the tables of this page have {cells} cells by the end of this one, "
                    f"more than the {MAX_TABLE_CELLS} a page may have",
                    "shorten the tables, or split the resource into several",
                )
            )
            break
    return problems
