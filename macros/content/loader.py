"""Read every resource under `content/` into typed objects, reporting every problem found."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from macros.content import yaml_source
from macros.content.catalogue import Catalogue
from macros.content.frontmatter import FrontMatter, FrontMatterError, parse_front_matter
from macros.content.inventory import MAX_RESOURCE_BYTES
from macros.content.model import FIELD_NAMES, FIELDS, Person, Resource
from macros.content.problems import ERROR, WARNING, Problem, did_you_mean, display_path
from macros.content.records import read_yaml_file
from macros.content.taxonomy import Taxonomy
from macros.content.text import folded, text_problem
from macros.content.yaml_source import entries

ISBN_CHARS_RE = re.compile(r"[\s-]")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE_RE = re.compile(r"`[^`]*`")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F'’]+")
SITE_KEYS = {"render_macros"}
# Fields a folder's .meta.yml may give every resource in it (a title or summary is never shared).
DEFAULTABLE_FIELDS = tuple(name for name in FIELD_NAMES if name not in ("title", "summary", "type"))


@dataclass
class LoadResult:
    """The catalogue of every resource that loaded cleanly, and every problem found."""

    catalogue: Catalogue
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def load_catalogue(
    docs_dir: Path,
    taxonomy: Taxonomy,
    resources: list[str],
    folder_defaults: list[str] = (),
    *,
    today: date | None = None,
) -> LoadResult:
    """Load and check every resource the inventory found; the catalogue holds only those without errors.

    `resources` and `folder_defaults` are paths relative to `docs_dir` (see macros/content/inventory.py);
    `today` decides which reviews are overdue (a warning only: nothing built depends on it).
    """
    docs_dir = Path(docs_dir)
    today = today or date.today()
    problems: list[Problem] = []
    defaults = FolderDefaults(docs_dir, folder_defaults, problems)
    loaded: list[Resource] = []
    seen_slugs: dict[str, str] = {}
    seen_titles: dict[str, str] = {}
    all_slugs = {posixpath.basename(src_uri)[: -len(".md")] for src_uri in resources}
    for src_uri in resources:
        path = docs_dir / src_uri
        shown = display_path(path)
        folder = src_uri.split("/", 1)[0]
        reader = _ResourceReader(path, shown, folder, docs_dir, taxonomy, problems, defaults, all_slugs)
        resource, fm = reader.read()
        slug = path.stem
        if slug in seen_slugs:
            problems.append(
                Problem(
                    shown,
                    1,
                    f"another resource already uses the file name '{slug}'",
                    f"rename one of this and {seen_slugs[slug]}: file names must be unique across all folders",
                )
            )
        else:
            seen_slugs[slug] = shown
        if resource is None or fm is None:
            continue
        title_key = " ".join(resource.title.lower().split())
        if title_key in seen_titles:
            problems.append(
                Problem(
                    shown,
                    fm.line_of("title"),
                    f"title '{resource.title}' is already used",
                    f"by {seen_titles[title_key]}; give each resource its own title",
                )
            )
        else:
            seen_titles[title_key] = shown
        if resource.review_due and resource.review_due < today:
            problems.append(
                Problem(
                    shown,
                    fm.line_of("review_due"),
                    f"review was due on {resource.review_due.isoformat()}",
                    "review the resource, then update 'reviewed' and 'review_due'",
                    WARNING,
                )
            )
        loaded.append(resource)
    order = {t.id: i for i, t in enumerate(taxonomy.types)}
    loaded.sort(key=lambda r: (order[r.type.id], r.title.lower(), r.slug))
    return LoadResult(Catalogue(taxonomy, tuple(loaded)), problems)


def empty_taxonomy() -> Taxonomy:
    """The taxonomy of a library whose taxonomy file did not load: nothing is known."""
    return Taxonomy((), (), (), ())


class FolderDefaults:
    """Front matter fields shared by every resource in a folder, from its `.meta.yml`.

    Read once per folder, with the same bounded YAML reader as front matter. Only resource
    fields may be set; `render_macros` in particular never can.
    """

    def __init__(self, docs_dir: Path, files: list[str], problems: list[Problem]):
        self.by_folder: dict[str, dict[str, Any]] = {}
        for src_uri in files:
            path = Path(docs_dir) / src_uri
            shown = display_path(path)
            node = read_yaml_file(path, shown, problems)
            if node is None:
                continue
            if not isinstance(node, yaml.MappingNode):
                problems.append(Problem(shown, 1, "folder defaults must be `key: value` lines"))
                continue
            values = {}
            for key, entry in entries(node).items():
                line = yaml_source.line_of(entry.key)
                if key in SITE_KEYS:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            f"'{key}' is not allowed in folder defaults",
                            "template code runs only on the site's own pages; remove this line",
                        )
                    )
                elif key not in DEFAULTABLE_FIELDS:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            f"'{key}' cannot be a folder default",
                            "folder defaults may set " + ", ".join(DEFAULTABLE_FIELDS),
                        )
                    )
                else:
                    values[key] = yaml_source.construct(entry.value)
            self.by_folder[posixpath.dirname(src_uri)] = values

    def for_file(self, src_uri: str) -> dict[str, Any]:
        """The defaults that apply to a resource, from its type folder down to its own folder."""
        merged: dict[str, Any] = {}
        parts = src_uri.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            merged.update(self.by_folder.get("/".join(parts[:depth]), {}))
        return merged


class _ResourceReader:
    """Reads one file; every problem goes to the shared list, and None comes back on any error."""

    def __init__(self, path, shown, folder, docs_dir, taxonomy, problems, defaults, all_slugs):
        self.path: Path = path
        self.shown: str = shown
        self.folder: str = folder
        self.docs_dir: Path = docs_dir
        self.taxonomy: Taxonomy = taxonomy
        self.problems: list[Problem] = problems
        self.defaults: FolderDefaults = defaults
        self.all_slugs: set[str] = all_slugs
        self.failed = False

    def problem(self, line: int, message: str, hint: str = "", path: str | None = None) -> None:
        self.problems.append(Problem(path or self.shown, line, message, hint))
        self.failed = True

    def read(self) -> tuple[Resource | None, FrontMatter | None]:
        raw = self.path.read_bytes()
        if len(raw) > MAX_RESOURCE_BYTES:
            self.problem(
                1,
                f"file is {len(raw) // 1024} KB, over the limit of {MAX_RESOURCE_BYTES // 1024} KB for a resource",
                "split it into shorter resources, or move long reference lists out of it",
            )
            return None, None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.problem(
                line, "file is not UTF-8 text", "save it again as UTF-8 (in Word: Save As, Plain Text, Unicode UTF-8)"
            )
            return None, None
        if not text.strip():
            self.problem(1, "file is empty", "start from `make new`, which writes the front matter and sections")
            return None, None
        try:
            fm = parse_front_matter(text)
        except FrontMatterError as exc:
            self.problem(exc.line, exc.message, exc.hint)
            return None, None
        if not fm.present:
            self.problem(
                1,
                "no front matter",
                "start the file with a --- block giving title, summary, audience, pqs, authors and published",
            )
            return None, None
        data = self._with_folder_defaults(fm)
        resource = self._build(data, fm)
        return (None if self.failed else resource), fm

    def _with_folder_defaults(self, fm: FrontMatter) -> dict[str, Any]:
        """The folder defaults with the file's own fields over them."""
        merged = self.defaults.for_file(self.path.relative_to(self.docs_dir).as_posix())
        for key in merged:
            fm.key_lines.setdefault(key, 1)
        merged.update(fm.data)
        return merged

    # -- fields ---------------------------------------------------------------------------

    def _build(self, data: dict[str, Any], fm: FrontMatter) -> Resource | None:
        for key in data:
            if key in FIELD_NAMES:
                continue
            line = fm.line_of(key)
            if key in SITE_KEYS:
                self.problem(
                    line,
                    f"'{key}' is not allowed in a resource",
                    "template code runs only on the site's own pages; remove this line",
                )
            else:
                clean = key.strip("\"'“”‘’ ")
                if clean in FIELD_NAMES and clean != key:
                    self.problem(
                        line,
                        f"field name {key!r} has quotation marks around it",
                        f"write it as plain {clean}: (smart quotes often come from pasting out of Word)",
                    )
                else:
                    self.problem(line, f"unknown field '{key}'", did_you_mean(key, FIELD_NAMES))
        # A field already reported as quoted ("“title”:") is not reported missing as well.
        quoted = {str(key).strip("\"'“”‘’ ") for key in data}
        for spec in FIELDS:
            if spec.required and (spec.name not in data or data[spec.name] in (None, "", [])):
                if spec.name not in data and spec.name in quoted:
                    continue
                line = fm.line_of(spec.name) if spec.name in data else 1
                self.problem(line, f"missing required field '{spec.name}'", f"{spec.description}")
        values: dict[str, Any] = {}
        for spec in FIELDS:
            if spec.name in data and data[spec.name] not in (None, "", []):
                values[spec.name] = getattr(self, f"_read_{spec.kind}")(spec.name, data[spec.name], fm)
        rtype = self.taxonomy.type_by_folder(self.folder)
        if "type" in values and rtype and values["type"] and values["type"] != rtype:
            self.problem(
                fm.line_of("type"),
                f"type '{data['type']}' disagrees with the folder '{self.folder}/'",
                f"resources in {self.folder}/ are '{rtype.id}'; move the file or remove the type line",
            )
        if not fm.body.strip():
            self.problem(fm.body_line, "front matter but no body", "write the resource's text below the closing ---")
        if self.failed or rtype is None:
            return None
        body = fm.body
        return Resource(
            slug=self.path.stem,
            type=rtype,
            src_uri=self.path.relative_to(self.docs_dir).as_posix(),
            title=values["title"],
            summary=values["summary"],
            audiences=values["audience"],
            pqs=values["pqs"],
            authors=values["authors"],
            published=values["published"],
            body=body,
            body_line=fm.body_line,
            pcf=values.get("pcf", ()),
            editors=values.get("editors", ()),
            reviewed=values.get("reviewed"),
            review_due=values.get("review_due"),
            keywords=values.get("keywords", ()),
            isbn=values.get("isbn"),
            licence=values.get("licence"),
            related=values.get("related", ()),
            headings=tuple(text for _, level, text in body_headings(body) if level in (2, 3)),
            word_count=len(WORD_RE.findall(body)),
        )

    def _read_text(self, key: str, value: Any, fm: FrontMatter) -> str | None:
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(fm.line_of(key), f"'{key}' must be text", f"for example: {key}: Some words")
            return None
        text = folded(str(value))
        if self._refused_text(key, text, fm.line_of(key)):
            return None
        if key == "summary" and len(text) > 400:
            self.problem(
                fm.line_of(key),
                f"summary is {len(text)} characters long",
                "keep it to one or two sentences (at most 400 characters); put the rest in the body",
            )
        if key == "title" and len(text) > 150:
            self.problem(fm.line_of(key), f"title is {len(text)} characters long", "keep titles under 150 characters")
        return text

    def _refused_text(self, key: str, text: str, line: int) -> bool:
        """Report a text holding a character no text may hold (see macros/content/text.py)."""
        found = text_problem(text)
        if found:
            self.problem(line, f"'{key}' {found[0]}", found[1])
        return found is not None

    def _read_type(self, key: str, value: Any, fm: FrontMatter):
        rtype = self.taxonomy.type_by_id(str(value))
        if rtype is None:
            self.problem(
                fm.line_of(key),
                f"unknown type '{value}'",
                did_you_mean(str(value), [t.id for t in self.taxonomy.types]),
            )
        return rtype

    def _read_date(self, key: str, value: Any, fm: FrontMatter) -> date | None:
        text = str(value).strip()
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return date.fromisoformat(text)
        except ValueError:
            self.problem(
                fm.line_of(key),
                f"'{key}' is not a valid date: '{text}'",
                "write dates as YYYY-MM-DD, for example 2024-03-31",
            )
            return None

    def _as_list(self, key: str, value: Any, fm: FrontMatter) -> list[Any]:
        if isinstance(value, list):
            return value
        if isinstance(value, (str, int, float)):
            return [value]
        self.problem(fm.line_of(key), f"'{key}' must be a list", "write one item per line, each starting with '- '")
        return []

    def _read_ids(self, key: str, value: Any, fm: FrontMatter, choices: dict[str, Any], what: str) -> tuple:
        found = []
        for index, item in enumerate(self._as_list(key, value, fm)):
            item_id = str(item).strip()
            if item_id in choices:
                if choices[item_id] not in found:
                    found.append(choices[item_id])
            else:
                bare = what == "PQS domain" and item_id.isdigit()
                hint = (
                    (
                        "PQS domains carry their framework: write cf-"
                        + item_id
                        + " (child and family) or asc-"
                        + item_id
                        + " (adult social care)"
                    )
                    if bare
                    else did_you_mean(item_id, list(choices))
                )
                self.problem(fm.line_of(key, index), f"{what} '{item_id}' is not in the taxonomy", hint)
        return tuple(found)

    def _read_audiences(self, key, value, fm):
        return self._read_ids(key, value, fm, {a.id: a for a in self.taxonomy.audiences}, "audience")

    def _read_domains(self, key, value, fm):
        return self._read_ids(key, value, fm, {d.id: d for d in self.taxonomy.domains}, "PQS domain")

    def _read_pcf(self, key, value, fm):
        return self._read_ids(key, value, fm, {t.id: t for t in self.taxonomy.pcf}, "PCF domain")

    def _read_people(self, key: str, value: Any, fm: FrontMatter) -> tuple[Person, ...]:
        people = []
        for index, item in enumerate(self._as_list(key, value, fm)):
            if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
                unknown = set(item) - {"name", "role"}
                if unknown:
                    self.problem(
                        fm.line_of(key, index),
                        f"unknown key '{sorted(unknown)[0]}' in {key}",
                        "each person has a name and a role",
                    )
                name, role = folded(item["name"]), folded(str(item.get("role") or ""))
                if not (
                    self._refused_text(key, name, fm.line_of(key, index))
                    or self._refused_text(key, role, fm.line_of(key, index))
                ):
                    people.append(Person(name, role))
            else:
                self.problem(
                    fm.line_of(key, index),
                    f"each of {key} needs a name and a role",
                    "write:  - name: Full Name\n             role: Role or organisation",
                )
        return tuple(people)

    def _read_words(self, key: str, value: Any, fm: FrontMatter) -> tuple[str, ...]:
        words = []
        for index, item in enumerate(self._as_list(key, value, fm)):
            text = folded(str(item))
            if text and not self._refused_text(key, text, fm.line_of(key, index)):
                words.append(text)
        return tuple(words)

    def _read_isbn(self, key: str, value: Any, fm: FrontMatter) -> str | None:
        text = str(value).strip()
        if not isbn_is_valid(text):
            self.problem(
                fm.line_of(key), f"ISBN '{text}' is not valid", "check the digits: the last one is a check digit"
            )
            return None
        return text

    def _read_slugs(self, key: str, value: Any, fm: FrontMatter) -> tuple[str, ...]:
        slugs = []
        for index, item in enumerate(self._as_list(key, value, fm)):
            slug = str(item).strip().removesuffix(".md").rsplit("/", 1)[-1]
            if slug == self.path.stem:
                self.problem(fm.line_of(key, index), "a resource cannot be related to itself", "remove this line")
            elif slug not in self.all_slugs:
                self.problem(
                    fm.line_of(key, index),
                    f"related resource '{slug}' does not exist",
                    did_you_mean(slug, sorted(self.all_slugs), fallback_all=False) or "use the file name without .md",
                )
            else:
                slugs.append(slug)
        return tuple(slugs)

    # -- body -----------------------------------------------------------------------------


def strip_code(body: str) -> str:
    """The body with fenced code blocks blanked (line numbers kept), so examples are not checked."""
    if "`" not in body and "~~~" not in body:
        return body  # no fence and no inline code: nothing to blank (most bodies; it runs several times per file)
    out, fenced = [], False
    for line in body.split("\n"):
        if FENCE_RE.match(line):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else (INLINE_CODE_RE.sub("", line) if "`" in line else line))
    return "\n".join(out)


def body_headings(body: str) -> list[tuple[int, int, str]]:
    """(line within body, level, text) of each Markdown heading outside code blocks."""
    found = []
    for number, line in enumerate(strip_code(body).split("\n"), start=1):
        match = HEADING_RE.match(line)
        if match:
            text = re.sub(r"\s*\{[^}]*\}\s*$", "", match.group(2))
            found.append((number, len(match.group(1)), re.sub(r"[*_`]", "", text)))
    return found


def isbn_is_valid(text: str) -> bool:
    """True for a valid ISBN-10 or ISBN-13 (hyphens and spaces allowed)."""
    digits = ISBN_CHARS_RE.sub("", text).upper()
    if re.fullmatch(r"\d{13}", digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    return False
