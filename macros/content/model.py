"""The content model: one typed Resource per Markdown file, and the front matter fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from macros.content.taxonomy import Audience, Domain, ResourceType, Tag


@dataclass(frozen=True)
class Person:
    """An author or editor, with their role or organisation."""

    name: str
    role: str = ""

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.role else self.name


@dataclass(frozen=True)
class Source:
    """A publication resources adapt or draw on, listed once in content/sources.yml and cited by its id."""

    id: str
    title: str
    authors: tuple[str, ...]
    year: int
    publisher: str
    url: str = ""
    isbn: str = ""


@dataclass(frozen=True)
class Change:
    """One update to a resource: when, what changed, and whether readers should be told (a major change)."""

    date: date
    note: str
    major: bool = False


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
    short_title: str | None = None
    sources: tuple[Source, ...] = ()
    changes: tuple[Change, ...] = ()
    draft: bool = False
    headings: tuple[str, ...] = ()
    word_count: int = 0
    reading_minutes: int = 1  # at the library's reading speed (the `reading_speed` setting)

    @property
    def url(self) -> str:
        """The page's address relative to the site root (directory URLs)."""
        return self.src_uri[: -len(".md")] + "/"

    @property
    def pdf_url(self) -> str:
        return f"pdf/{self.slug}.pdf"

    @property
    def updated(self) -> date:
        """'Last updated': the date of the last change, or of publication (one source of truth)."""
        return self.changes[-1].date if self.changes else self.published

    @property
    def latest_change(self) -> Change | None:
        return self.changes[-1] if self.changes else None

    @property
    def frameworks(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.framework_id for d in self.pqs))
