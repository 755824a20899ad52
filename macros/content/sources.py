"""The publications resources draw on, listed once in `content/sources.yml` and cited by id.

A resource's `authors` are who wrote its text; its `source` names the publications it adapts,
each with that publication's own authors. Several resources often draw on one publication, so
each is written once here, and a resource's front matter names it by id (`source: [nosowska-2021]`).
Every problem is reported on its line: `content/sources.yml:12: ... (hint)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from macros.content.fields import FIRST_YEAR, LAST_YEAR, isbn_is_valid
from macros.content.model import Source
from macros.content.problems import Problem, display_path
from macros.content.records import Key, RecordReader, read_yaml_file
from macros.content.yaml_source import Entry, entries

SOURCES_FILE = "sources.yml"
# A web address as a browser's address bar gives it, by allow-list: https, a host name of letters, digits
# and hyphens (an international one in its xn-- form), an optional port, then only the characters an
# address may hold (RFC 3986; others percent-encoded). So no user name before the host
# ("https://trusted.example@evil.example/"), no backslash, quote, space or invisible character.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
URL_RE = re.compile(rf"https://(?:{_LABEL}\.)+{_LABEL}(?::[0-9]{{1,5}})?(?:[/?#][A-Za-z0-9\-._~!$&'()*+,;=:@/?#%]*)?")

SOURCE_KEYS = (
    Key("id", "id", hint="a short name for the publication, such as nosowska-2021 (author and year)"),
    Key("title", "text", hint="the publication's title, as printed on it", max_length=250),
    Key(
        "authors",
        "texts",
        hint="who wrote it, as the publication names them: people or an organisation",
        max_length=150,
    ),
    Key("year", "int", hint=f"the year it was published, in four digits, between {FIRST_YEAR} and {LAST_YEAR}"),
    Key("publisher", "text", hint="who published it", max_length=150),
    Key("url", "url", required=False, hint="where to read it, starting https://", max_length=500),
    Key("isbn", "text", required=False, hint="its ISBN, if it has one", max_length=17),
)
HINT = (
    "write each as:  - id: nosowska-2021\n    title: …\n    authors: [Gerry Nosowska]\n    year: 2021\n"
    "    publisher: Research in Practice"
)


@dataclass
class SourcesResult:
    """The sources that read cleanly, by id, and every problem found in the data file."""

    sources: dict[str, Source]
    problems: list[Problem] = field(default_factory=list)


def load_sources(docs_dir: Path) -> SourcesResult:
    """Read and check `sources.yml`; a missing file means the library cites no publications."""
    path = Path(docs_dir) / SOURCES_FILE
    if not path.is_file():
        return SourcesResult({})
    problems: list[Problem] = []
    reader = RecordReader(display_path(path), problems)
    root = read_yaml_file(path, reader.shown, problems)
    sources: dict[str, Source] = {}
    for node in reader.list_of(root, "sources", HINT) if root is not None else []:
        values = reader.record(node, SOURCE_KEYS, "source")
        if values is None:
            continue
        keys = entries(node)
        if not _checked(reader, keys, values):
            continue
        if values["id"] in sources:
            reader.problem(keys["id"].value, f"source id '{values['id']}' is used twice", "give each source its own id")
            continue
        sources[values["id"]] = Source(
            values["id"],
            values["title"],
            values["authors"],
            values["year"],
            values["publisher"],
            values.get("url", ""),
            values.get("isbn", ""),
        )
    return SourcesResult(sources, problems)


def _checked(reader: RecordReader, keys: dict[str, Entry], values: dict) -> bool:
    """True when the year is likely, the address is a web address and the ISBN's check digit is right."""
    ok = True
    if not FIRST_YEAR <= values["year"] <= LAST_YEAR:
        reader.problem(keys["year"].value, f"'{values['year']}' is not a likely year", SOURCE_KEYS[3].hint)
        ok = False
    if "url" in values and not URL_RE.fullmatch(values["url"]):
        reader.problem(
            keys["url"].value,
            f"'{values['url']}' is not a web address starting https://",
            "copy the whole address from the browser's address bar: https://, the site's name, then the rest "
            "with no spaces, quotation marks or backslashes",
        )
        ok = False
    if "isbn" in values and not isbn_is_valid(values["isbn"]):
        reader.problem(
            keys["isbn"].value,
            f"ISBN '{values['isbn']}' is not valid",
            "check the digits: the last one is a check digit",
        )
        ok = False
    return ok
