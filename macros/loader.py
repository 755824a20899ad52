"""Read every resource under `content/` into typed objects, reporting every problem found."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .catalogue import Catalogue
from .frontmatter import FrontMatter, FrontMatterError, parse_front_matter
from .model import FIELD_NAMES, FIELDS, Person, Resource
from .problems import ERROR, WARNING, Problem, did_you_mean, display_path
from .safety import find_unsafe_html
from .taxonomy import TAXONOMY_FILE, Taxonomy, TaxonomyError, load_taxonomy

FOLDER_DEFAULTS = ".meta.yml"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ISBN_CHARS_RE = re.compile(r"[\s-]")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE_RE = re.compile(r"`[^`]*`")
HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
WORD_RE = re.compile(r"[A-Za-z0-9\u00C0-\u024F'’]+")
SITE_KEYS = {"render_macros"}


@dataclass
class LoadResult:
    """The catalogue of every resource that loaded cleanly, and every problem found."""

    catalogue: Catalogue
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)


def resource_files(docs_dir: Path, taxonomy: Taxonomy) -> list[tuple[Path, str]]:
    """Every Markdown file inside a type folder, with its type folder, in a stable order."""
    found: list[tuple[Path, str]] = []
    for rtype in taxonomy.types:
        folder = docs_dir / rtype.folder
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            rel = path.relative_to(folder)
            if path.name == "index.md" or any(part.startswith((".", "_")) for part in rel.parts):
                continue
            found.append((path, rtype.folder))
    return found


# The last catalogue loaded, by everything it was loaded from: `make site` validates the content and
# then the build's hook loads it again in the same process, and parsing thousands of files twice
# was a large share of the build (see BENCHMARKS.md).
_last_load: dict[tuple, LoadResult] = {}


def _load_key(docs_dir: Path, today: date) -> tuple:
    """What a load depends on: the bytes of every file under the content folder, the working folder, the date."""
    digest = hashlib.blake2b(digest_size=20)
    for dirpath, dirnames, filenames in os.walk(docs_dir):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
            try:
                with open(path, "rb") as handle:
                    digest.update(handle.read())
            except OSError:
                digest.update(b"\1unreadable")
    return (str(docs_dir.resolve()), os.getcwd(), today, digest.hexdigest())


def load_catalogue(docs_dir: Path, taxonomy: Taxonomy | None = None, *, today: date | None = None) -> LoadResult:
    """Load and check every resource; the catalogue holds only those without errors.

    A second load of unchanged content (same bytes, same day) reuses the first: the catalogue
    is immutable, and the caller gets its own list of problems.
    """
    docs_dir = Path(docs_dir)
    key = _load_key(docs_dir, today or date.today()) if taxonomy is None else None
    if key is not None and key in _last_load:
        cached = _last_load[key]
        return LoadResult(cached.catalogue, list(cached.problems))
    result = _load_catalogue(docs_dir, taxonomy, today=today)
    if key is not None:
        _last_load.clear()
        _last_load[key] = LoadResult(result.catalogue, list(result.problems))
    return result


def _load_catalogue(docs_dir: Path, taxonomy: Taxonomy | None, *, today: date | None) -> LoadResult:
    if taxonomy is None:
        try:
            taxonomy = load_taxonomy(docs_dir / TAXONOMY_FILE)
        except TaxonomyError as exc:
            return LoadResult(Catalogue(_empty_taxonomy(), ()), exc.problems)
    problems: list[Problem] = []
    defaults_cache: dict[Path, tuple[dict[str, Any], dict[str, int], str]] = {}
    loaded: list[Resource] = []
    seen_slugs: dict[str, str] = {}
    seen_titles: dict[str, str] = {}
    all_slugs = {path.stem for path, _ in resource_files(docs_dir, taxonomy)}
    for path, folder in resource_files(docs_dir, taxonomy):
        shown = display_path(path)
        reader = _ResourceReader(path, shown, folder, docs_dir, taxonomy, problems, defaults_cache, all_slugs)
        resource, fm = reader.read()
        slug = path.stem
        if slug in seen_slugs:
            problems.append(Problem(shown, 1, f"another resource already uses the file name '{slug}'",
                                    f"rename one of this and {seen_slugs[slug]}: file names must be unique across all folders"))
        else:
            seen_slugs[slug] = shown
        if resource is None or fm is None:
            continue
        title_key = " ".join(resource.title.lower().split())
        if title_key in seen_titles:
            problems.append(Problem(shown, fm.line_of("title"), f"title '{resource.title}' is already used",
                                    f"by {seen_titles[title_key]}; give each resource its own title"))
        else:
            seen_titles[title_key] = shown
        if resource.review_due and resource.review_due < (today or date.today()):
            problems.append(Problem(shown, fm.line_of("review_due"), f"review was due on {resource.review_due.isoformat()}",
                                    "review the resource, then update 'reviewed' and 'review_due'", WARNING))
        loaded.append(resource)
    order = {t.id: i for i, t in enumerate(taxonomy.types)}
    loaded.sort(key=lambda r: (order[r.type.id], r.title.lower(), r.slug))
    return LoadResult(Catalogue(taxonomy, tuple(loaded)), problems)


def _empty_taxonomy() -> Taxonomy:
    return Taxonomy((), (), (), ())


class _ResourceReader:
    """Reads one file; every problem goes to the shared list, and None comes back on any error."""

    def __init__(self, path, shown, folder, docs_dir, taxonomy, problems, defaults_cache, all_slugs):
        self.path: Path = path
        self.shown: str = shown
        self.folder: str = folder
        self.docs_dir: Path = docs_dir
        self.taxonomy: Taxonomy = taxonomy
        self.problems: list[Problem] = problems
        self.defaults_cache = defaults_cache
        self.all_slugs: set[str] = all_slugs
        self.failed = False

    def problem(self, line: int, message: str, hint: str = "", path: str | None = None) -> None:
        self.problems.append(Problem(path or self.shown, line, message, hint))
        self.failed = True

    def read(self) -> tuple[Resource | None, FrontMatter | None]:
        raw = self.path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.problem(line, "file is not UTF-8 text",
                         "save it again as UTF-8 (in Word: Save As, Plain Text, Unicode UTF-8)")
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
            self.problem(1, "no front matter", "start the file with a --- block giving title, summary, audience, pqs, authors and published")
            return None, None
        data = self._with_folder_defaults(fm)
        resource = self._build(data, fm)
        self._check_body(fm)
        return (None if self.failed else resource), fm

    def _with_folder_defaults(self, fm: FrontMatter) -> dict[str, Any]:
        """Merge `.meta.yml` defaults from the type folder down to the file's folder; the file wins."""
        merged: dict[str, Any] = {}
        folder = self.path.parent
        chain = []
        while True:
            chain.append(folder)
            if folder == self.docs_dir / self.folder or folder == self.docs_dir or folder.parent == folder:
                break
            folder = folder.parent
        for folder in reversed(chain):
            data, lines, shown = self._folder_defaults(folder)
            for key, value in data.items():
                merged[key] = value
                fm.key_lines.setdefault(key, 1)
        merged.update(fm.data)
        return merged

    def _folder_defaults(self, folder: Path) -> tuple[dict[str, Any], dict[str, int], str]:
        if folder not in self.defaults_cache:
            path = folder / FOLDER_DEFAULTS
            shown = display_path(path)
            data: dict[str, Any] = {}
            if path.is_file():
                try:
                    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
                    if not isinstance(loaded, dict):
                        raise yaml.YAMLError("expected `key: value` lines")
                    data = loaded
                except (yaml.YAMLError, UnicodeDecodeError) as exc:
                    mark = getattr(exc, "problem_mark", None)
                    self.problems.append(Problem(shown, mark.line + 1 if mark else 1, f"folder defaults are not valid YAML: {exc}"))
            self.defaults_cache[folder] = (data, {}, shown)
        return self.defaults_cache[folder]

    # -- fields ---------------------------------------------------------------------------

    def _build(self, data: dict[str, Any], fm: FrontMatter) -> Resource | None:
        for key in data:
            if key in FIELD_NAMES:
                continue
            line = fm.line_of(key)
            if key in SITE_KEYS:
                self.problem(line, f"'{key}' is not allowed in a resource",
                             "template code runs only on the site's own pages; remove this line")
            else:
                clean = key.strip("\"'“”‘’ ")
                if clean in FIELD_NAMES and clean != key:
                    self.problem(line, f"field name {key!r} has quotation marks around it",
                                 f"write it as plain {clean}: (smart quotes often come from pasting out of Word)")
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
            self.problem(fm.line_of("type"), f"type '{data['type']}' disagrees with the folder '{self.folder}/'",
                         f"resources in {self.folder}/ are '{rtype.id}'; move the file or remove the type line")
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
        text = " ".join(str(value).split())
        if key == "summary" and len(text) > 400:
            self.problem(fm.line_of(key), f"summary is {len(text)} characters long",
                         "keep it to one or two sentences (at most 400 characters); put the rest in the body")
        if key == "title" and len(text) > 150:
            self.problem(fm.line_of(key), f"title is {len(text)} characters long", "keep titles under 150 characters")
        return text

    def _read_type(self, key: str, value: Any, fm: FrontMatter):
        rtype = self.taxonomy.type_by_id(str(value))
        if rtype is None:
            self.problem(fm.line_of(key), f"unknown type '{value}'", did_you_mean(str(value), [t.id for t in self.taxonomy.types]))
        return rtype

    def _read_date(self, key: str, value: Any, fm: FrontMatter) -> date | None:
        text = str(value).strip()
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError
            return date.fromisoformat(text)
        except ValueError:
            self.problem(fm.line_of(key), f"'{key}' is not a valid date: '{text}'",
                         "write dates as YYYY-MM-DD, for example 2024-03-31")
            return None

    def _as_list(self, key: str, value: Any, fm: FrontMatter) -> list[Any]:
        if isinstance(value, list):
            return value
        if isinstance(value, (str, int, float)):
            return [value]
        self.problem(fm.line_of(key), f"'{key}' must be a list", f"write one item per line, each starting with '- '")
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
                hint = ("PQS domains carry their framework: write cf-" + item_id + " (child and family) or asc-" + item_id
                        + " (adult social care)") if bare else did_you_mean(item_id, list(choices))
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
                    self.problem(fm.line_of(key, index), f"unknown key '{sorted(unknown)[0]}' in {key}",
                                 "each person has a name and a role")
                people.append(Person(" ".join(item["name"].split()), " ".join(str(item.get("role") or "").split())))
            else:
                self.problem(fm.line_of(key, index), f"each of {key} needs a name and a role",
                             "write:  - name: Full Name\n             role: Role or organisation")
        return tuple(people)

    def _read_words(self, key: str, value: Any, fm: FrontMatter) -> tuple[str, ...]:
        return tuple(" ".join(str(v).split()) for v in self._as_list(key, value, fm) if str(v).strip())

    def _read_isbn(self, key: str, value: Any, fm: FrontMatter) -> str | None:
        text = str(value).strip()
        if not isbn_is_valid(text):
            self.problem(fm.line_of(key), f"ISBN '{text}' is not valid", "check the digits: the last one is a check digit")
            return None
        return text

    def _read_slugs(self, key: str, value: Any, fm: FrontMatter) -> tuple[str, ...]:
        slugs = []
        for index, item in enumerate(self._as_list(key, value, fm)):
            slug = str(item).strip().removesuffix(".md").rsplit("/", 1)[-1]
            if slug == self.path.stem:
                self.problem(fm.line_of(key, index), "a resource cannot be related to itself", "remove this line")
            elif slug not in self.all_slugs:
                self.problem(fm.line_of(key, index), f"related resource '{slug}' does not exist",
                             did_you_mean(slug, sorted(self.all_slugs), fallback_all=False) or "use the file name without .md")
            else:
                slugs.append(slug)
        return tuple(slugs)

    # -- body -----------------------------------------------------------------------------

    def _check_body(self, fm: FrontMatter) -> None:
        """Refuse raw HTML that could run code; Markdown links are checked in macros/content_checks.py."""
        offset = fm.body_line - 1
        for line, message in find_unsafe_html(strip_code(fm.body)):
            self.problem(line + offset, message, "contributed content cannot run code; remove it")


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
