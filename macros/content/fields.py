"""The front matter fields, each defined once: its kind, limits, description, example and hint.

The loader reads a resource's front matter through these definitions, and the JSON Schema
(macros/authoring/schema.py) and CONTRIBUTING.md's field list (macros/authoring/field_docs.py)
are generated from them, so the three can never disagree. Each kind of field knows how to read
a value (reporting problems with their lines), how to describe itself in JSON Schema, and which
values it allows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from macros.content.inventory import SLUG_RE, slug_of, unknown_resource
from macros.content.model import Change, Person, Source
from macros.content.problems import did_you_mean
from macros.content.taxonomy import Taxonomy
from macros.content.text import DATE_PATTERN, calendar_date, folded, is_blank, text_problem, typographic

FIRST_YEAR, LAST_YEAR = 1900, 2199
ISBN_PATTERN = r"^[0-9Xx\- ]{10,17}$"
_ISBN_SEPARATORS = re.compile(r"[\s-]")


class Reading(Protocol):
    """What a field needs from the resource being read: where each value is, and where to report."""

    taxonomy: Taxonomy
    slug: str
    all_slugs: set[str]
    sources: dict[str, Source]  # the publications of content/sources.yml, by id

    def problem(self, line: int, message: str, hint: str = "") -> None: ...

    def line(self, key: str, index: int | None = None) -> int: ...


@dataclass(frozen=True)
class Field:
    """One front matter field."""

    name: str
    kind: Kind
    required: bool
    description: str
    example: Any
    hint: str = ""  # said when the value is wrong; the description is said when it is missing
    label: str = ""  # the field's name in the browser editor, when its name capitalised will not do

    @property
    def shown_label(self) -> str:
        """The field's name as a form shows it: `review_due` is "Review due"."""
        return self.label or self.name.replace("_", " ").capitalize()

    def read(self, reading: Reading, value: Any) -> Any:
        """The field's value as the model holds it, or None (with problems reported) if it is wrong."""
        return self.kind.read(reading, self, value)


class Kind:
    """A kind of field value. Subclasses read values, describe them in JSON Schema, and list their choices."""

    def read(self, reading: Reading, spec: Field, value: Any) -> Any:
        raise NotImplementedError

    def schema(self, spec: Field, taxonomy: Taxonomy) -> dict[str, Any]:
        raise NotImplementedError

    def choices(self, taxonomy: Taxonomy) -> list[tuple[str, str]] | None:
        """The ids this field allows, each with its label, or None when it is free."""
        return None


def _items(reading: Reading, spec: Field, value: Any) -> list[Any]:
    """A list field's items (a single value counts as a list of one)."""
    if isinstance(value, list):
        return value
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    reading.problem(
        reading.line(spec.name), f"'{spec.name}' must be a list", "write one item per line, each starting with '- '"
    )
    return []


def _text(
    reading: Reading, spec: Field, value: Any, line: int, max_length: int = 0, sub: Subfield | None = None
) -> str | None:
    """A single line of plain text: white space folded; blank text, refused characters and lengths reported.

    `sub` is the key of a record (such as a person's role) the text is the value of.
    """
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        reading.problem(line, f"'{spec.name}' must be text", f"for example: {spec.name}: Some words")
        return None
    try:
        text = folded(str(value))
    except ValueError:  # an integer too long for Python to write out (its limit is 4,300 digits)
        reading.problem(line, f"'{spec.name}' is a number too long to be text", "write words, in quotes if need be")
        return None
    name = f"{spec.name} {sub.name}" if sub else spec.name
    if is_blank(text):
        what = sub.description if sub else spec.description
        reading.problem(line, f"'{name}' is empty", f"write it, or take the line out: {what[:1].lower()}{what[1:]}")
        return None
    refused = text_problem(text)
    if refused:
        reading.problem(line, f"'{spec.name}' {refused[0]}", refused[1])
        return None
    if max_length and len(text) > max_length:
        hint = spec.hint if spec.hint and not sub else f"keep it to {max_length} characters at most"
        reading.problem(line, f"{name} is {len(text)} characters long", hint)
        return None
    return typographic(text)


def _one_or_many(item: dict[str, Any]) -> dict[str, Any]:
    """A list of items, or a single item (the loader accepts both)."""
    return {"anyOf": [{"type": "array", "items": item, "minItems": 1, "uniqueItems": True}, item]}


def _choice_schema(choices: list[tuple[str, str]]) -> dict[str, Any]:
    """One of a closed list of ids, each with its label so editors' tools can show it."""
    return {
        "type": "string",
        "enum": [i for i, _ in choices],
        "markdownEnumDescriptions": [label for _, label in choices],
    }


@dataclass(frozen=True)
class Text(Kind):
    """A line of plain text (never HTML), at most `max_length` characters."""

    max_length: int = 0

    def read(self, reading, spec, value):
        return _text(reading, spec, value, reading.line(spec.name), self.max_length)

    def schema(self, spec, taxonomy):
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema


def _date(reading: Reading, name: str, value: Any, line: int) -> date | None:
    """A date written YYYY-MM-DD in a likely year, or None with a problem on `line`."""
    text = str(value).strip()
    day = calendar_date(text)
    if day is None:
        reading.problem(
            line, f"'{name}' is not a valid date: '{text}'", "write dates as YYYY-MM-DD, for example 2024-03-31"
        )
        return None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        reading.problem(
            line,
            f"'{name}' is in {day.year}, which is not a likely year",
            f"write a date between {FIRST_YEAR} and {LAST_YEAR}",
        )
        return None
    return day


@dataclass(frozen=True)
class Date(Kind):
    """A date written YYYY-MM-DD."""

    def read(self, reading, spec, value):
        return _date(reading, spec.name, value, reading.line(spec.name))

    def schema(self, spec, taxonomy):
        return {"type": "string", "pattern": DATE_PATTERN, "format": "date"}


@dataclass(frozen=True)
class ResourceTypeRef(Kind):
    """One of the taxonomy's resource types, by id."""

    def read(self, reading, spec, value):
        rtype = reading.taxonomy.type_by_id(str(value))
        if rtype is None:
            reading.problem(
                reading.line(spec.name),
                f"unknown type '{value}'",
                did_you_mean(str(value), [t.id for t in reading.taxonomy.types]),
            )
        return rtype

    def schema(self, spec, taxonomy):
        return _choice_schema(self.choices(taxonomy))

    def choices(self, taxonomy):
        return [(t.id, t.label) for t in taxonomy.types]


@dataclass(frozen=True)
class Vocabulary(Kind):
    """One or more ids from one of the taxonomy's vocabularies (audiences, PQS domains, PCF domains)."""

    vocabulary: str  # the Taxonomy attribute: audiences | domains | pcf
    what: str  # how a problem names one item, e.g. "PQS domain"

    def _entries(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {entry.id: entry for entry in getattr(taxonomy, self.vocabulary)}

    def read(self, reading, spec, value):
        entries = self._entries(reading.taxonomy)
        found = []
        for index, item in enumerate(_items(reading, spec, value)):
            item_id = str(item).strip()
            if item_id in entries:
                if entries[item_id] not in found:
                    found.append(entries[item_id])
            elif self.vocabulary == "domains" and item_id.isdigit():
                reading.problem(
                    reading.line(spec.name, index),
                    f"{self.what} '{item_id}' is not in the taxonomy",
                    f"PQS domains carry their framework: write cf-{item_id} (child and family) "
                    f"or asc-{item_id} (adult social care)",
                )
            else:
                reading.problem(
                    reading.line(spec.name, index),
                    f"{self.what} '{item_id}' is not in the taxonomy",
                    did_you_mean(item_id, list(entries)),
                )
        return tuple(found)

    def schema(self, spec, taxonomy):
        return _one_or_many(_choice_schema(self.choices(taxonomy)))

    def choices(self, taxonomy):
        labels = {"domains": lambda d: d.short_label}
        label = labels.get(self.vocabulary, lambda entry: entry.label)
        return [(entry.id, label(entry)) for entry in getattr(taxonomy, self.vocabulary)]


@dataclass(frozen=True)
class Subfield:
    """One key of a record in a list field (such as a person's name, or a change's date)."""

    name: str
    kind: str  # text | date | bool
    required: bool
    description: str
    max_length: int = 0


def _subfield_schema(sub: Subfield) -> dict[str, Any]:
    if sub.kind == "date":
        return {"type": "string", "pattern": DATE_PATTERN, "format": "date", "description": sub.description}
    if sub.kind == "bool":
        return {"type": "boolean", "description": sub.description}
    return {
        "type": "string",
        "minLength": 1 if sub.required else 0,
        "maxLength": sub.max_length,
        "description": sub.description,
    }


@dataclass(frozen=True)
class Records(Kind):
    """A list of records, each a set of `key: value` lines (people, changes)."""

    subfields: tuple[Subfield, ...]
    make: Callable[..., Any]  # builds the model's object from the values, by subfield name
    what: str  # how a problem names one record, e.g. "change"
    hint: str  # how a record is written, for a problem that cannot read one

    def read(self, reading, spec, value):
        records = []
        names = [s.name for s in self.subfields]
        for index, item in enumerate(_items(reading, spec, value)):
            line = reading.line(spec.name, index)
            if not isinstance(item, dict):
                reading.problem(line, f"each of {spec.name} is a {self.what} written as `key: value` lines", self.hint)
                continue
            unknown = sorted(set(map(str, item)) - set(names))
            for key in unknown:
                reading.problem(line, f"unknown key '{key}' in {spec.name}", did_you_mean(key, names))
            values, complete = {}, not unknown
            for sub in self.subfields:
                raw = item.get(sub.name)
                if raw is None or raw == "":
                    if sub.required:
                        reading.problem(line, f"a {self.what} in {spec.name} has no {sub.name}", sub.description)
                        complete = False
                    continue
                read = _read_subfield(reading, spec, sub, raw, line)
                if read is None:
                    complete = False
                else:
                    values[sub.name] = read
            if complete:
                records.append(self.make(**values))
        return tuple(records)

    def schema(self, spec, taxonomy):
        record = {
            "type": "object",
            "required": [s.name for s in self.subfields if s.required],
            "additionalProperties": False,
            "properties": {s.name: _subfield_schema(s) for s in self.subfields},
        }
        return {"type": "array", "items": record, "minItems": 1}


def _read_subfield(reading: Reading, spec: Field, sub: Subfield, value: Any, line: int) -> Any:
    """One value of a record, or None with a problem on the record's line."""
    if sub.kind == "date":
        return _date(reading, f"{spec.name} {sub.name}", value, line)
    if sub.kind == "bool":
        if isinstance(value, bool):
            return value
        reading.problem(line, f"'{spec.name} {sub.name}' must be true or false, not '{value}'")
        return None
    return _text(reading, spec, value, line, sub.max_length, sub)


PEOPLE = Records(
    (Subfield("name", "text", True, "Full name", 100), Subfield("role", "text", False, "Role or organisation", 150)),
    lambda name, role="": Person(name, role),
    "person",
    "write:  - name: Full Name\n             role: Role or organisation",
)
CHANGES = Records(
    (
        Subfield("date", "date", True, "When it changed, written YYYY-MM-DD"),
        Subfield("note", "text", True, "What changed, in a sentence readers understand", 300),
        Subfield("major", "bool", False, "true when readers should be told (the feed announces it)"),
    ),
    lambda date, note, major=False: Change(date, note, major),
    "change",
    "write:  - date: 2026-03-01\n             note: What changed\n             major: false",
)


@dataclass(frozen=True)
class Flag(Kind):
    """true or false."""

    def read(self, reading, spec, value):
        if isinstance(value, bool):
            return value
        reading.problem(reading.line(spec.name), f"'{spec.name}' must be true or false, not '{value}'")
        return None

    def schema(self, spec, taxonomy):
        return {"type": "boolean"}


@dataclass(frozen=True)
class Words(Kind):
    """One or more words or phrases."""

    max_length: int = 80

    def read(self, reading, spec, value):
        words = []
        for index, item in enumerate(_items(reading, spec, value)):
            text = _text(reading, spec, item, reading.line(spec.name, index), self.max_length)
            if text:
                words.append(text)
        return tuple(words)

    def schema(self, spec, taxonomy):
        return _one_or_many({"type": "string", "minLength": 1, "maxLength": self.max_length})


@dataclass(frozen=True)
class Isbn(Kind):
    """An ISBN-10 or ISBN-13, its check digit checked."""

    def read(self, reading, spec, value):
        text = str(value).strip()
        if not isbn_is_valid(text):
            reading.problem(
                reading.line(spec.name),
                f"ISBN '{text}' is not valid",
                "check the digits: the last one is a check digit",
            )
            return None
        return text

    def schema(self, spec, taxonomy):
        return {"type": ["string", "integer"], "pattern": ISBN_PATTERN}


@dataclass(frozen=True)
class ResourceRefs(Kind):
    """Other resources of the library, by file name without .md."""

    def read(self, reading, spec, value):
        slugs = []
        for index, item in enumerate(_items(reading, spec, value)):
            slug = slug_of(item)
            line = reading.line(spec.name, index)
            if slug == reading.slug:
                reading.problem(line, "a resource cannot be related to itself", "remove this line")
            elif slug not in reading.all_slugs:
                message, hint = unknown_resource(slug, reading.all_slugs)
                reading.problem(line, f"related {message}", hint)
            elif slug not in slugs:
                slugs.append(slug)
        return tuple(slugs)

    def schema(self, spec, taxonomy):
        return _one_or_many({"type": "string", "pattern": SLUG_RE.pattern})


@dataclass(frozen=True)
class SourceRefs(Kind):
    """Publications from the library's list of sources (content/sources.yml), by id."""

    def read(self, reading, spec, value):
        found = []
        for index, item in enumerate(_items(reading, spec, value)):
            source_id = str(item).strip()
            source = reading.sources.get(source_id)
            if source is None:
                reading.problem(
                    reading.line(spec.name, index),
                    f"source '{source_id}' is not in content/sources.yml",
                    did_you_mean(source_id, list(reading.sources), fallback_all=False)
                    or "add the publication to content/sources.yml first, then name it here by its id",
                )
            elif source not in found:
                found.append(source)
        return tuple(found)

    def schema(self, spec, taxonomy):
        return _one_or_many({"type": "string", "pattern": SLUG_RE.pattern})


def isbn_is_valid(text: str) -> bool:
    """True for a valid ISBN-10 or ISBN-13 (hyphens and spaces allowed)."""
    digits = _ISBN_SEPARATORS.sub("", text).upper()
    if re.fullmatch(r"\d{13}", digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    return False


TITLE_LIMIT = 150
SHORT_TITLE_LIMIT = 60
SUMMARY_LIMIT = 400

FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        Text(TITLE_LIMIT),
        True,
        "The resource's title, as it appears on the page, in listings and on the PDF cover.",
        "Supporting the move from social worker to practice supervisor",
        f"keep titles under {TITLE_LIMIT} characters",
    ),
    Field(
        "short_title",
        Text(SHORT_TITLE_LIMIT),
        False,
        "A shorter title for the foot of each printed page, when the title is too long to fit there (optional).",
        "The move to practice supervisor",
        f"keep it to {SHORT_TITLE_LIMIT} characters",
    ),
    Field(
        "summary",
        Text(SUMMARY_LIMIT),
        True,
        "One or two sentences saying what the reader gets; shown in listings and search results.",
        "What senior leaders can do to help new practice supervisors settle into the role.",
        f"keep it to one or two sentences (at most {SUMMARY_LIMIT} characters); put the rest in the body",
    ),
    Field(
        "type",
        ResourceTypeRef(),
        False,
        "The resource type. It comes from the folder; if you give it, it must agree.",
        "briefing",
    ),
    Field(
        "audience",
        Vocabulary("audiences", "audience"),
        True,
        "Who the resource is written for: one or more audience ids from the taxonomy.",
        ["senior-leaders"],
        label="Audiences",
    ),
    Field(
        "pqs",
        Vocabulary("domains", "PQS domain"),
        True,
        "The PQS domains it covers: one or more ids from either framework (cf-1 … cf-8, asc-1 … asc-8).",
        ["cf-2", "asc-3"],
        label="PQS domains",
    ),
    Field(
        "pcf",
        Vocabulary("pcf", "PCF domain"),
        False,
        "Professional Capabilities Framework domains it relates to (optional).",
        ["professional-leadership"],
        label="PCF domains",
    ),
    Field(
        "authors",
        PEOPLE,
        True,
        "Who wrote this text: each with a name and a role or organisation. Credit the publication it draws on "
        "under source, never here.",
        [{"name": "Practice Supervisor Resource Library editorial team", "role": "Research in Practice"}],
    ),
    Field(
        "editors",
        PEOPLE,
        False,
        "Who edited this text (optional): each with a name and a role or organisation.",
        [{"name": "Alex Morgan", "role": "Practice educator"}],
    ),
    Field(
        "source",
        SourceRefs(),
        False,
        "The publications this resource adapts or draws on (optional), by their id in content/sources.yml, where "
        "each is listed once with its title, authors, year, publisher, and web address or ISBN if it has one.",
        ["nosowska-2021"],
        label="Sources",
    ),
    Field("published", Date(), True, "The date it was first published, written YYYY-MM-DD.", "2020-01-15"),
    Field(
        "changes",
        CHANGES,
        False,
        "What changed since it was published (optional), oldest first: each with a date, a note, and major: true "
        "when readers should be told. The last change's date is the resource's 'last updated' date.",
        [{"date": "2026-03-01", "note": "Updated to the 2025 guidance on supervision.", "major": True}],
    ),
    Field("reviewed", Date(), False, "The date it was last reviewed, written YYYY-MM-DD (optional).", "2026-03-01"),
    Field("review_due", Date(), False, "When it should next be reviewed, written YYYY-MM-DD (optional).", "2028-03-01"),
    Field(
        "keywords",
        Words(),
        False,
        "Words and phrases people might search for that the text does not use, such as other names for its "
        "subject (optional).",
        ["transition", "succession planning"],
    ),
    Field(
        "isbn",
        Isbn(),
        False,
        "The ISBN of this resource's own printed edition, if it has one (optional; the check digit is checked).",
        "978-1-911638-76-6",
        label="ISBN",
    ),
    Field(
        "licence",
        Text(300),
        False,
        "The licence, if not the site-wide default set in mkdocs.yml (optional).",
        "Open Government Licence v3.0",
    ),
    Field(
        "related",
        ResourceRefs(),
        False,
        "Other resources in the library to suggest alongside this one, by file name without .md (optional).",
        ["supporting-a-supervisor-in-their-first-year"],
        label="Related resources",
    ),
    Field(
        "draft",
        Flag(),
        False,
        "true while the resource is being written: it shows in `make preview`, marked as a draft, and is never "
        "published (optional).",
        True,
    ),
)

FIELD_NAMES = tuple(f.name for f in FIELDS)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}
