"""The content model: one typed Resource per Markdown file, and the front matter fields."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from macros.content.taxonomy import Audience, Domain, ResourceType, Tag

WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class FieldSpec:
    """One front matter field: its kind, whether it is required, and what it means to an editor."""

    name: str
    kind: str  # text | date | audiences | domains | pcf | people | words | isbn | slugs | type
    required: bool
    description: str
    example: Any


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "title",
        "text",
        True,
        "The resource's title, as it appears on the page, in listings and on the PDF cover.",
        "Supporting the move from social worker to practice supervisor",
    ),
    FieldSpec(
        "summary",
        "text",
        True,
        "One or two sentences saying what the reader gets; shown in listings and search results.",
        "What senior leaders can do to help new practice supervisors settle into the role.",
    ),
    FieldSpec(
        "type", "type", False, "The resource type. It comes from the folder; if you give it, it must agree.", "briefing"
    ),
    FieldSpec(
        "audience",
        "audiences",
        True,
        "Who the resource is written for: one or more audience ids from the taxonomy.",
        ["senior-leaders"],
    ),
    FieldSpec(
        "pqs",
        "domains",
        True,
        "The PQS domains it covers: one or more ids from either framework (cf-1 … cf-8, asc-1 … asc-8).",
        ["cf-2", "asc-3"],
    ),
    FieldSpec(
        "pcf",
        "pcf",
        False,
        "Professional Capabilities Framework domains it relates to (optional).",
        ["professional-leadership"],
    ),
    FieldSpec(
        "authors",
        "people",
        True,
        "Who wrote it: each with a name and a role or organisation.",
        [{"name": "Nicola McGeown", "role": "Research in Practice"}],
    ),
    FieldSpec(
        "editors",
        "people",
        False,
        "Who edited it (optional): each with a name and a role or organisation.",
        [{"name": "Alison Domakin", "role": "Research in Practice"}],
    ),
    FieldSpec("published", "date", True, "The date it was first published, written YYYY-MM-DD.", "2020-01-15"),
    FieldSpec("reviewed", "date", False, "The date it was last reviewed, written YYYY-MM-DD (optional).", "2026-03-01"),
    FieldSpec(
        "review_due", "date", False, "When it should next be reviewed, written YYYY-MM-DD (optional).", "2028-03-01"
    ),
    FieldSpec(
        "keywords",
        "words",
        False,
        "Words and phrases people might search for (optional).",
        ["transition", "succession planning"],
    ),
    FieldSpec(
        "isbn",
        "isbn",
        False,
        "The ISBN of the printed edition, if it has one (optional; the check digit is checked).",
        "978-1-911638-76-6",
    ),
    FieldSpec(
        "licence",
        "text",
        False,
        "The licence, if not the site-wide default set in mkdocs.yml (optional).",
        "Open Government Licence v3.0",
    ),
    FieldSpec(
        "related",
        "slugs",
        False,
        "Other resources in the library to suggest alongside this one, by file name without .md (optional).",
        ["first-year-in-post"],
    ),
)

FIELD_NAMES = tuple(f.name for f in FIELDS)


@dataclass(frozen=True)
class Person:
    """An author or editor, with their role or organisation."""

    name: str
    role: str = ""

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name


@dataclass(frozen=True)
class Resource:
    """One published resource, read from `content/<type folder>/<slug>.md`."""

    slug: str
    type: ResourceType
    src_uri: str  # path under content/, with forward slashes
    title: str
    summary: str
    audiences: tuple[Audience, ...]
    pqs: tuple[Domain, ...]
    authors: tuple[Person, ...]
    published: date
    body: str = field(repr=False)
    body_line: int = 1
    pcf: tuple[Tag, ...] = ()
    editors: tuple[Person, ...] = ()
    reviewed: date | None = None
    review_due: date | None = None
    keywords: tuple[str, ...] = ()
    isbn: str | None = None
    licence: str | None = None
    related: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    word_count: int = 0

    @property
    def url(self) -> str:
        """The page's address relative to the site root (directory URLs)."""
        return self.src_uri[: -len(".md")] + "/"

    @property
    def pdf_url(self) -> str:
        return f"pdf/{self.slug}.pdf"

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def updated(self) -> date:
        return self.reviewed or self.published

    @property
    def frameworks(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.framework_id for d in self.pqs))
