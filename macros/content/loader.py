"""Read every resource under `content/` into typed objects, reporting every problem found."""

from __future__ import annotations

import math
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from macros.content import yaml_source
from macros.content.budget import TimeLimitExceeded, time_limit, too_hard_to_read
from macros.content.catalogue import Catalogue
from macros.content.fields import FIELD_NAMES, FIELDS
from macros.content.frontmatter import FrontMatter, FrontMatterError, parse_front_matter
from macros.content.inventory import MAX_RESOURCE_BYTES
from macros.content.model import Resource, Source
from macros.content.problems import ERROR, WARNING, Problem, did_you_mean, display_path
from macros.content.records import read_yaml_file
from macros.content.taxonomy import Taxonomy
from macros.content.yaml_source import entries

FENCE_RE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE_RE = re.compile(r"`[^`]*`")
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
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


def title_key_of(title: str) -> str:
    """A title as two resources' titles are compared: case, white space and invisible characters aside."""
    shown = "".join(char for char in unicodedata.normalize("NFKC", title) if unicodedata.category(char) != "Cf")
    return " ".join(shown.casefold().split())


def load_catalogue(
    docs_dir: Path,
    taxonomy: Taxonomy,
    resources: list[str],
    folder_defaults: list[str] = (),
    *,
    today: date | None = None,
    words_per_minute: int = 200,
    sources: dict[str, Source] | None = None,
) -> LoadResult:
    """Load and check every resource the inventory found; the catalogue holds only those without errors.

    `resources` and `folder_defaults` are paths relative to `docs_dir` (see macros/content/inventory.py);
    `today` decides which reviews are overdue (a warning only: nothing built depends on it);
    `words_per_minute` is the library's reading speed, for each resource's "min read"; `sources` are the
    publications of content/sources.yml that a resource's `source` may name.
    """
    docs_dir = Path(docs_dir)
    today = today or date.today()
    problems: list[Problem] = []
    defaults = FolderDefaults(docs_dir, folder_defaults, problems)
    loaded: list[Resource] = []
    seen_slugs: dict[str, str] = {}
    seen_titles: dict[str, str] = {}
    front: dict[str, tuple[str, FrontMatter]] = {}
    all_slugs = {posixpath.basename(src_uri)[: -len(".md")] for src_uri in resources}
    context = _Context(
        docs_dir, taxonomy, problems, defaults, all_slugs, today, max(1, words_per_minute), sources or {}
    )
    for src_uri in resources:
        path = docs_dir / src_uri
        shown = display_path(path)
        folder = src_uri.split("/", 1)[0]
        reader = _ResourceReader(path, shown, folder, context)
        try:
            with time_limit():
                resource, fm = reader.read()
        except (TimeLimitExceeded, RecursionError):
            problems.append(too_hard_to_read(shown, 1))
            resource, fm = None, None
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
        title_key = title_key_of(resource.title)
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
        front[resource.slug] = (shown, fm)
    _check_no_draft_related(loaded, front, problems)
    order = {t.id: i for i, t in enumerate(taxonomy.types)}
    loaded.sort(key=lambda r: (order[r.type.id], r.title.lower(), r.slug))
    return LoadResult(Catalogue(taxonomy, tuple(loaded)), problems)


def _check_no_draft_related(loaded: list[Resource], front: dict, problems: list[Problem]) -> None:
    """A published resource may not suggest a draft: the link would lead nowhere on the site."""
    drafts = {r.slug for r in loaded if r.draft}
    for resource in loaded:
        if resource.draft:
            continue
        shown, fm = front[resource.slug]
        for index, slug in enumerate(resource.related):
            if slug in drafts:
                problems.append(
                    Problem(
                        shown,
                        fm.line_of("related", index),
                        f"related resource '{slug}' is a draft, which is not published",
                        "remove it from related until it is published, or publish it first",
                    )
                )


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


@dataclass(frozen=True)
class _Context:
    """What every resource of one load is read against, and the one list its problems go to."""

    docs_dir: Path
    taxonomy: Taxonomy
    problems: list[Problem]
    defaults: FolderDefaults
    all_slugs: set[str]
    today: date
    words_per_minute: int
    sources: dict[str, Source]


class _ResourceReader:
    """Reads one file; every problem goes to the shared list, and None comes back on any error."""

    def __init__(self, path: Path, shown: str, folder: str, context: _Context):
        self.path = path
        self.shown = shown
        self.folder = folder
        self.context = context
        # What a field reading needs (macros/content/fields.py: Reading).
        self.taxonomy = context.taxonomy
        self.all_slugs = context.all_slugs
        self.sources = context.sources
        self.failed = False
        self.slug = path.stem  # what a field reading needs (macros/content/fields.py: Reading)
        self.fm: FrontMatter | None = None

    def line(self, key: str, index: int | None = None) -> int:
        """The file line of a front matter key, or of one item of its list."""
        return self.fm.line_of(key, index) if self.fm else 1

    def problem(self, line: int, message: str, hint: str = "", path: str | None = None) -> None:
        self.context.problems.append(Problem(path or self.shown, line, message, hint))
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
        self.fm = fm
        data = self._with_folder_defaults(fm)
        resource = self._build(data, fm)
        return (None if self.failed else resource), fm

    def _with_folder_defaults(self, fm: FrontMatter) -> dict[str, Any]:
        """The folder defaults with the file's own fields over them."""
        merged = self.context.defaults.for_file(self.path.relative_to(self.context.docs_dir).as_posix())
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
                values[spec.name] = spec.read(self, data[spec.name])
        self._check_dates(values, fm)
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
        words = len(WORD_RE.findall(body))
        return Resource(
            slug=self.path.stem,
            type=rtype,
            src_uri=self.path.relative_to(self.context.docs_dir).as_posix(),
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
            short_title=values.get("short_title"),
            sources=values.get("source", ()),
            changes=values.get("changes", ()),
            draft=values.get("draft", False),
            headings=tuple(text for _, level, text in body_headings(body) if level in (2, 3)),
            word_count=words,
            reading_minutes=max(1, math.ceil(words / self.context.words_per_minute)),
        )

    def _check_dates(self, values: dict[str, Any], fm: FrontMatter) -> None:
        """Dates in the order things happen: published, then each change in turn, none in the future."""
        published = values.get("published")
        for name in ("published", "reviewed"):
            if values.get(name) and values[name] > self.context.today:
                self.problem(
                    fm.line_of(name),
                    f"'{name}' is in the future: {values[name].isoformat()}",
                    "give the date it happened; a resource is published when it is merged",
                )
        if published and values.get("reviewed") and values["reviewed"] < published:
            self.problem(
                fm.line_of("reviewed"),
                "'reviewed' is before 'published'",
                "a resource can only be reviewed after it is published",
            )
        previous = published
        for index, change in enumerate(values.get("changes") or ()):
            line = fm.line_of("changes", index)
            if change.date > self.context.today:
                self.problem(
                    line,
                    f"a change is dated in the future: {change.date.isoformat()}",
                    "give the date the change was made",
                )
            elif published and change.date < published:
                self.problem(
                    line,
                    f"a change is dated {change.date.isoformat()}, before 'published'",
                    "a resource can only change after it is published",
                )
            elif previous and change.date < previous:
                self.problem(
                    line,
                    f"changes are not in date order: {change.date.isoformat()} comes after a later one",
                    "list changes oldest first; the last one is the resource's 'last updated' date",
                )
            previous = max(previous, change.date) if previous else change.date


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
            # Closing hashes and an attribute list are not part of the heading's text (string work, not
            # regular expressions: a line of any length is read in one pass).
            text = match.group(2).rstrip().rstrip("#").rstrip()
            if text.endswith("}") and "{" in text:
                text = text[: text.rindex("{")].rstrip()
            found.append((number, len(match.group(1)), text.replace("*", "").replace("_", "").replace("`", "")))
    return found
