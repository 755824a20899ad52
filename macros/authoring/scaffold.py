"""Start a new resource: complete front matter and its type's sections, checked against the taxonomy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from macros.content.fields import FIELDS, Date
from macros.content.inventory import SLUG_RE, slugify
from macros.content.problems import did_you_mean
from macros.content.taxonomy import Audience, Domain, ResourceType, Taxonomy

# A new resource is due for review three years after it is published, as the library's own are.
REVIEW_AFTER_YEARS = 3
SUMMARY_PLACEHOLDER = (
    "Replace this with one or two sentences saying what the reader gets from this resource; "
    "they appear in listings and search results."
)
DEFAULT_INTRO = "Replace this with an opening paragraph saying who the resource is for and what it will help them do."


class _IndentedDumper(yaml.SafeDumper):
    """Indents list items under their key, as the library's own resources are written."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_IndentedDumper, sort_keys=False, allow_unicode=True, width=1000)


class ScaffoldError(ValueError):
    """The answers cannot make a resource; each message says what is wrong and what would be right."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class NewResource:
    """The checked answers for one new resource."""

    type: ResourceType
    title: str
    slug: str
    audiences: tuple[Audience, ...]
    pqs: tuple[Domain, ...]
    author: str
    role: str = ""
    summary: str = ""
    published: date | None = None

    @property
    def src_uri(self) -> str:
        return f"{self.type.folder}/{self.slug}.md"


def find_type(taxonomy: Taxonomy, value: str) -> ResourceType | None:
    """A type by its id, folder or label (any case), so editors can answer in their own words."""
    wanted = value.strip().lower()
    return next((t for t in taxonomy.types if wanted in (t.id, t.folder, t.label.lower(), t.plural.lower())), None)


def find_audience(taxonomy: Taxonomy, value: str) -> Audience | None:
    """An audience by its id or label (any case)."""
    wanted = value.strip().lower()
    return next((a for a in taxonomy.audiences if wanted in (a.id, a.label.lower())), None)


def find_domain(taxonomy: Taxonomy, value: str) -> Domain | None:
    """A PQS domain by its id (any case)."""
    return taxonomy.domain(value.strip().lower())


def check_answers(
    taxonomy: Taxonomy,
    docs_dir: Path,
    *,
    type_name: str,
    title: str,
    audiences: Sequence[str],
    pqs: Sequence[str],
    author: str,
    role: str = "",
    slug: str | None = None,
    summary: str = "",
    published: date | None = None,
) -> NewResource:
    """Check every answer against the taxonomy and the existing files; raise ScaffoldError listing all problems."""
    messages: list[str] = []
    rtype = find_type(taxonomy, type_name) if type_name else None
    if not type_name:
        messages.append("a type is needed: " + ", ".join(t.id for t in taxonomy.types))
    elif rtype is None:
        hint = did_you_mean(type_name, [t.id for t in taxonomy.types])
        messages.append(f"type '{type_name}' is not in the taxonomy: {hint}")
    title = " ".join(title.split())
    if not title:
        messages.append("a title is needed")
    elif len(title) > 150:
        messages.append(f"the title is {len(title)} characters long: keep titles under 150 characters")
    chosen_audiences = _lookup(
        audiences, lambda v: find_audience(taxonomy, v), [a.id for a in taxonomy.audiences], "audience", messages
    )
    chosen_domains = _lookup(
        pqs, lambda v: find_domain(taxonomy, v), [d.id for d in taxonomy.domains], "PQS domain", messages
    )
    if not " ".join(author.split()):
        messages.append("an author's name is needed")
    slug = (slug or "").strip().removesuffix(".md") or slugify(title)
    if title and not SLUG_RE.match(slug):
        messages.append(
            f"file name '{slug}' must be lower-case letters and digits joined by hyphens, "
            f"for example {slugify(slug) or 'my-new-resource'}"
        )
    elif slug:
        taken = {
            path.stem: path for t in taxonomy.types for path in sorted((Path(docs_dir) / t.folder).glob("**/*.md"))
        }
        if slug in taken:
            messages.append(
                f"a resource called '{slug}' already exists at {taken[slug].as_posix()}: "
                "choose another title or give a different file name with --slug"
            )
    if messages:
        raise ScaffoldError(messages)
    assert rtype is not None
    return NewResource(
        rtype,
        title,
        slug,
        chosen_audiences,
        chosen_domains,
        " ".join(author.split()),
        " ".join(role.split()),
        " ".join(summary.split()),
        published,
    )


def _lookup(values: Sequence[str], find, choices: list[str], what: str, messages: list[str]) -> tuple:
    found = []
    items = [v.strip() for value in values for v in str(value).split(",") if v.strip()]
    if not items:
        messages.append(f"at least one {what} is needed: " + ", ".join(choices))
    for item in items:
        match = find(item)
        if match is None:
            bare = what == "PQS domain" and item.isdigit()
            hint = (
                (
                    f"PQS domains carry their framework: write cf-{item} (child and family) or asc-{item} "
                    "(adult social care)"
                )
                if bare
                else did_you_mean(item, choices)
            )
            messages.append(f"{what} '{item}' is not in the taxonomy: {hint}")
        elif match not in found:
            found.append(match)
    return tuple(found)


def resource_text(new: NewResource, today: date | None = None) -> str:
    """The whole file: front matter with every required field, optional ones as comments, then the sections."""
    published = new.published or today or date.today()
    try:
        review_due = published.replace(year=published.year + REVIEW_AFTER_YEARS)
    except ValueError:  # 29 February
        review_due = published.replace(year=published.year + REVIEW_AFTER_YEARS, day=28)
    author = {"name": new.author, "role": new.role} if new.role else {"name": new.author}
    front = {
        "title": new.title,
        "summary": new.summary or SUMMARY_PLACEHOLDER,
        "audience": [a.id for a in new.audiences],
        "pqs": [d.id for d in new.pqs],
        "authors": [author],
        "published": published,
        "review_due": review_due,
    }
    yaml_text = _dump(front)
    body = "\n\n".join(block.strip("\n") for block in (new.type.skeleton or (DEFAULT_INTRO,)))
    return f"---\n{yaml_text}{_optional_fields()}---\n\n{body}\n"


def _optional_fields() -> str:
    """The optional fields as YAML comments, so editors see what else they can say."""
    lines = ["# Optional: remove the '# ' in front of the lines you need (CONTRIBUTING.md explains each field)."]
    for spec in FIELDS:
        if spec.required or spec.name in ("type", "review_due"):
            continue
        value = date.fromisoformat(spec.example) if isinstance(spec.kind, Date) else spec.example
        example = _dump({spec.name: value}).rstrip("\n")
        lines.extend("# " + line for line in example.split("\n"))
    return "\n".join(lines) + "\n"


def write_resource(docs_dir: Path, new: NewResource, today: date | None = None) -> Path:
    """Write the new file; never overwrite one that exists."""
    path = Path(docs_dir) / new.type.folder / f"{new.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(resource_text(new, today))
    except FileExistsError:
        raise ScaffoldError([f"{path.as_posix()} already exists: it was not changed"]) from None
    return path
