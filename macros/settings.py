"""Site-wide settings for the library, read from `extra.library` in mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


class SettingsError(ValueError):
    """A site setting is missing or of the wrong kind."""


@dataclass(frozen=True)
class Publisher:
    """Who publishes the library: printed on every PDF's end matter."""

    name: str
    address: str = ""
    email: str = ""
    website: str = ""
    charity_number: str = ""
    company_number: str = ""


@dataclass(frozen=True)
class LibrarySettings:
    """The programme, its partners, funder and publisher, and the default licence."""

    programme: str
    publisher: Publisher
    copyright_holder: str
    licence: str
    partners: tuple[str, ...] = ()
    funder: str = ""
    funder_line: str = ""
    language: str = "en-GB"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def read_settings(extra: dict[str, Any] | None) -> LibrarySettings:
    """Build LibrarySettings from mkdocs.yml's `extra.library`, saying exactly what is wrong."""
    data = dict((extra or {}).get("library") or {})
    if not data:
        raise SettingsError("mkdocs.yml: extra.library is missing: it sets the programme, publisher and licence")
    missing = [k for k in ("programme", "publisher", "copyright_holder", "licence") if not data.get(k)]
    if missing:
        raise SettingsError(f"mkdocs.yml: extra.library.{missing[0]} is required")
    publisher = data.pop("publisher")
    if isinstance(publisher, str):
        publisher = {"name": publisher}
    known = {f.name for f in fields(Publisher)}
    if not isinstance(publisher, dict) or "name" not in publisher or set(publisher) - known:
        raise SettingsError(f"mkdocs.yml: extra.library.publisher expects {', '.join(sorted(known))}")
    names = {f.name for f in fields(LibrarySettings)} - {"extra"}
    kwargs = {k: v for k, v in data.items() if k in names}
    kwargs["partners"] = tuple(kwargs.get("partners") or ())
    kwargs = {k: (str(v) if isinstance(v, (int, float)) else v) for k, v in kwargs.items()}
    return LibrarySettings(publisher=Publisher(**{k: str(v) for k, v in publisher.items()}),
                           extra={k: v for k, v in data.items() if k not in names}, **kwargs)
