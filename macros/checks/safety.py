"""What the sanitiser would change in a page, as problems on the lines that hold it.

The build publishes each page's HTML through the same sanitiser (macros/rendering/sanitiser.py);
a page that passes this check is published exactly as its Markdown renders.
"""

from __future__ import annotations

from macros.checks.index import Checked, ContentIndex
from macros.content.problems import Problem
from macros.rendering.sanitiser import Change, locate, sanitise_and_compare


def check_safety(doc: Checked, index: ContentIndex) -> list[Problem]:
    """Every construct of the body the sanitiser would remove or alter."""
    _, changes = sanitise_and_compare(index.html(doc))
    return changes_as_problems(changes, index.shown(doc.src_uri), index.stripped(doc), doc.body_line)


def changes_as_problems(changes: list[Change], shown: str, body: str, body_line: int) -> list[Problem]:
    """Sanitiser changes as problems, each on the first line of the body that holds it."""
    lines = body.split("\n")
    problems = []
    for change in changes:
        found = locate(change, lines)
        problems.append(Problem(shown, body_line + (found or 0), change.message, change.hint))
    return list(dict.fromkeys(problems))
