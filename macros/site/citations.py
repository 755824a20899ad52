"""How to cite a resource: a Harvard-style reference made from its metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from macros.content.model import Person, Resource, Source
from macros.content.text import joined

ACCESSED_PLACEHOLDER = "[date]"
HONORIFICS = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "rev", "revd"}
# A personal name is two to five capitalised words (hyphens and apostrophes allowed); anything
# else, such as "PSDP resource library team", is an organisation and is cited as written.
_NAME_WORD = re.compile(r"^[A-Z][A-Za-z'’\-]*\.?$")
_NAME_PARTICLES = {"de", "van", "von", "der", "den", "da", "du", "le", "la", "di"}


def harvard_name(person: Person) -> str:
    """`Surname, I.` for a person (`McGeown, N.`), or the name as written for an organisation."""
    words = person.name.split()
    while words and words[0].lower().rstrip(".") in HONORIFICS and len(words) > 2:
        words = words[1:]
    personal = 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) or w in _NAME_PARTICLES for w in words)
    if not personal:
        return person.name
    # Particles such as "van" belong to the surname: "Ludwig van Beethoven" -> "van Beethoven, L."
    split = len(words) - 1
    while split > 1 and words[split - 1] in _NAME_PARTICLES:
        split -= 1
    given, surname = words[:split], " ".join(words[split:])
    initials = " ".join(f"{w[0]}." for w in given if w not in _NAME_PARTICLES)
    return f"{surname}, {initials}"


@dataclass(frozen=True)
class Citation:
    """The parts of a Harvard reference, kept apart so the page can set the title in italics."""

    authors: str
    year: int
    title: str
    medium: str
    publisher: str
    url: str
    sources: tuple[SourceReference, ...] = ()

    def text(self, accessed: str = ACCESSED_PLACEHOLDER) -> str:
        """The reference as plain text, for copying."""
        publisher = f" {self.publisher}." if self.publisher else ""
        available = f" Available at: {self.url} (Accessed: {accessed})." if self.url else ""
        based_on = f" Based on: {'; '.join(s.text(end='') for s in self.sources)}." if self.sources else ""
        return f"{self.authors} ({self.year}) {self.title}. [{self.medium}].{publisher}{available}{based_on}"

    def html(self, *, accessed_slot: bool = False) -> Markup:
        """The reference for a page or a PDF, the titles in italics and every part escaped.

        With `accessed_slot`, the access date is an element the page's script fills with today's date.
        """
        publisher = Markup(" {}.").format(self.publisher) if self.publisher else ""
        available = ""
        if self.url:
            accessed = Markup(" (Accessed: <span data-cite-accessed>{}</span>)").format(ACCESSED_PLACEHOLDER)
            available = Markup(" Available at: {}{}.").format(self.url, accessed if accessed_slot else "")
        based_on = ""
        if self.sources:
            based_on = Markup(" Based on: {}.").format(Markup("; ").join(s.html(end="") for s in self.sources))
        return Markup("{} ({}) <i>{}</i>. [{}].{}{}{}").format(
            self.authors, self.year, self.title, self.medium, publisher, available, based_on
        )


@dataclass(frozen=True)
class SourceReference:
    """A Harvard reference for a publication a resource draws on, kept in parts like Citation."""

    authors: str
    year: int
    title: str
    publisher: str
    isbn: str
    url: str

    def text(self, end: str = ".") -> str:
        """The reference as plain text; `end` is its last mark (none when it is one of a list)."""
        isbn = f". ISBN {self.isbn}" if self.isbn else ""
        available = f". Available at: {self.url}" if self.url else ""
        return f"{self.authors} ({self.year}) {self.title}. {self.publisher}{isbn}{available}{end}"

    def html(self, end: str = ".") -> Markup:
        """The reference for a page or a PDF: the title in italics, the address a link; every part escaped."""
        isbn = Markup(". ISBN {}").format(self.isbn) if self.isbn else ""
        available = Markup('. Available at: <a href="{0}">{0}</a>').format(self.url) if self.url else ""
        return Markup("{} ({}) <i>{}</i>. {}{}{}{}").format(
            self.authors, self.year, self.title, self.publisher, isbn, available, end
        )


def source_reference(source: Source) -> SourceReference:
    """How a source is cited: its own authors, never the resource's."""
    names = joined([harvard_name(Person(name)) for name in source.authors])
    return SourceReference(names, source.year, source.title, source.publisher, source.isbn, source.url)


def harvard_citation(resource: Resource, publisher: str, site_url: str) -> Citation:
    """The Harvard reference for a resource, with its canonical address under `site_url`."""
    url = f"{site_url.rstrip('/')}/{resource.url}" if site_url else ""
    names = joined([harvard_name(p) for p in resource.authors]) or publisher
    sources = tuple(source_reference(s) for s in resource.sources)
    return Citation(names, resource.published.year, resource.title, resource.type.label, publisher, url, sources)
