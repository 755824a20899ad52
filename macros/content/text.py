"""Rules for the short texts that describe resources: titles, summaries, names, labels, notes.

These texts are plain text, never HTML: templates escape them wherever they appear. What cannot
be escaped is refused here: control characters (a feed or sitemap holding one is not
well-formed XML) and the invisible characters that reorder text for display (bidirectional
overrides and isolates, which can make a title read differently from what it is).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"

# C0 and C1 controls (tab and newline are folded to spaces before this check), the bidirectional
# embeddings, overrides and isolates, line and paragraph separators, and the two non-characters
# XML forbids.
# Unicode's tag characters (U+E0000-U+E007F) spell out hidden ASCII text that no reader sees.
_REFUSED = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufffe\uffff\U000e0000-\U000e007f]")


def folded(value: str) -> str:
    """Text with every run of white space (newlines included) folded to one space."""
    return " ".join(value.split())


def is_blank(value: str) -> bool:
    """True when a text shows nothing: only white space and invisible formatting characters (such as U+200B)."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in value)


def refused_character(value: str) -> str | None:
    """A description of the first character a text may not hold, or None if it has none."""
    match = _REFUSED.search(value)
    if match is None:
        return None
    char = match.group(0)
    name = unicodedata.name(char, "")
    if not name:
        name = "CONTROL CHARACTER" if unicodedata.category(char) == "Cc" else "INVISIBLE CHARACTER"
    return f"U+{ord(char):04X} {name.lower()}"


def text_problem(value: str) -> tuple[str, str] | None:
    """(message, hint) when a text holds a character it may not, else None."""
    found = refused_character(value)
    if found is None:
        return None
    return (
        f"holds an invisible character ({found})",
        "retype the text, or paste it as plain text: it often comes from copying out of another program",
    )


def lower_first(text: str) -> str:
    """'Senior leaders' -> 'senior leaders', for a label inside a sentence (an abbreviation such as 'PQS' stays)."""
    text = folded(text)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def xml_safe(value: str) -> str:
    """Text with every character XML cannot hold removed (a last line of defence for the feed)."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", value)


_OPENS_BEFORE = r"(^|[\s(\[{“‘—–-])"  # what comes before an opening quote: nothing, space, a bracket or a dash


def typographic(text: str) -> str:
    """Straight quotes, double hyphens and three dots as a typesetter would write them.

    The same as Python-Markdown's `smarty` extension does to the text of a page, so a title in a
    listing, the feed or a PDF's metadata reads as it does on the page, whatever was typed:
    `"Don't" -- it's the 1990s...` becomes `“Don’t” – it’s the 1990s…`. Text already set this
    way (as pasted from a word processor) is left as it is.
    """
    text = text.replace("---", "—").replace("--", "–").replace("...", "…")
    text = re.sub(r"'(?=\d0s\b)", "’", text)  # '90s: an apostrophe, not an opening quote
    text = re.sub(_OPENS_BEFORE + '"', r"\1“", text).replace('"', "”")
    return re.sub(_OPENS_BEFORE + "'", r"\1‘", text).replace("'", "’")


def calendar_date(text: str) -> date | None:
    """The date a `YYYY-MM-DD` text names, or None when it is not one (`2024-13-01`, `1 July 2024`)."""
    try:
        return date.fromisoformat(text) if re.fullmatch(DATE_PATTERN, text) else None
    except ValueError:
        return None


def joined(items: list[str]) -> str:
    """Items as a sentence lists them: `A, B and C`; `A; B and C` when an item has an "and" of its own.

    ("For senior leaders; principal social workers and practice leads" keeps the second audience whole.)
    """
    if len(items) <= 1:
        return "".join(items)
    if any(" and " in item for item in items):
        return "; ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
