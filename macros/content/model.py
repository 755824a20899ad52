"""The content model: one typed Resource per Markdown file, and the front matter fields."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from macros.content.taxonomy import Audience, Domain, ResourceType, Tag

WORDS_PER_MINUTE = 200


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
