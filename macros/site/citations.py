"""How to cite a resource: a Harvard-style reference made from its metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from macros.content.model import Person, Resource

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


def join_names(names: list[str]) -> str:
    """Names joined the Harvard way: `A, B and C`."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Citation:
    """The parts of a Harvard reference, kept apart so the page can set the title in italics."""

    authors: str
    year: int
    title: str
    medium: str
    publisher: str
    url: str

    def text(self, accessed: str = ACCESSED_PLACEHOLDER) -> str:
        """The reference as plain text, for copying."""
        publisher = f" {self.publisher}." if self.publisher else ""
        available = f" Available at: {self.url} (Accessed: {accessed})." if self.url else ""
        return f"{self.authors} ({self.year}) {self.title}. [{self.medium}].{publisher}{available}"


def harvard_citation(resource: Resource, publisher: str, site_url: str) -> Citation:
    """The Harvard reference for a resource, with its canonical address under `site_url`."""
    url = f"{site_url.rstrip('/')}/{resource.url}" if site_url else ""
    names = join_names([harvard_name(p) for p in resource.authors]) or publisher
    return Citation(names, resource.published.year, resource.title, resource.type.label, publisher, url)
