"""Find the reflective questions in a resource's HTML.

A list directly under a heading whose text mentions "questions" is a list of reflective
questions: print gives each one ruled space to write in, and the browser an answer box.
"""

from __future__ import annotations

import re

_HEADING_THEN_LIST = re.compile(
    r"(<h([2-6])[^>]*>(?:(?!</h\2>).)*?questions?(?:(?!</h\2>).)*?</h\2>\s*(?:<p>(?:(?!</p>).)*</p>\s*)*)<(ul|ol)>",
    re.IGNORECASE | re.DOTALL,
)

QUESTIONS_CLASS = "lib-questions"


def mark_reflective_questions(html: str) -> str:
    """Add class `lib-questions` to each list that follows a heading about questions."""
    return _HEADING_THEN_LIST.sub(lambda m: f'{m.group(1)}<{m.group(3)} class="{QUESTIONS_CLASS}">', html)
