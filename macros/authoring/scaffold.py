"""Start a new resource: complete front matter and its type's sections, checked against the taxonomy."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from macros.content.fields import FIELDS, SUMMARY_LIMIT, TITLE_LIMIT, Date, Field
from macros.content.inventory import SLUG_RE, slugify
from macros.content.problems import did_you_mean
from macros.content.sources import load_sources
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


def field(name: str) -> Field:
    """The front matter field of that name (macros/content/fields.py), for its description and example."""
    return next(spec for spec in FIELDS if spec.name == name)


def numbered_choices(taxonomy: Taxonomy, name: str) -> list[tuple[str, str]]:
    """A list field's choices in the order they are shown and numbered (from 1): (id, label)."""
    return field(name).kind.choices(taxonomy) or []


def pick(value: str, choices: list[tuple[str, str]]) -> str | None:
    """The id an answer names: its number in the list, its id or its label (any case); None if none."""
    wanted = " ".join(str(value).split()).lower()
    if wanted.isdigit():
        number = int(wanted)
        return choices[number - 1][0] if 1 <= number <= len(choices) else None
    return next((i for i, label in choices if wanted in (i.lower(), label.lower())), None)


def pick_many(values: Sequence[str], choices: list[tuple[str, str]], what: str) -> tuple[tuple[str, ...], list[str]]:
    """Every id the answers name (commas separate them), and a problem for each one that names none.

    Numbers and ids are taken the same way for every list; the good answers are kept whatever
    is wrong with the others.
    """
    found: list[str] = []
    problems: list[str] = []
    for item in (v.strip() for value in values for v in str(value).split(",")):
        if not item:
            continue
        chosen = pick(item, choices)
        if chosen is None:
            hint = (
                f"the numbers go from 1 to {len(choices)}"
                if item.isdigit()
                else did_you_mean(item, [i for i, _ in choices], fallback_all=False)
                or f"give a number from 1 to {len(choices)} or an id from the list"
            )
            problems.append(f"{what} '{item}' is not in the list: {hint}")
        elif chosen not in found:
            found.append(chosen)
    return tuple(found), problems


def title_problem(title: str) -> str | None:
    """What is wrong with a title, or None."""
    if not title:
        return "a title is needed"
    if not re.search(r"[^\W\d_]{2}", title):
        return f"'{title}' is not a title: a title has words (was this the answer to another question?)"
    if len(title) > TITLE_LIMIT:
        return f"the title is {len(title)} characters long: keep titles under {TITLE_LIMIT} characters"
    return None


def summary_problem(summary: str) -> str | None:
    """What is wrong with a summary (which may be left to write later), or None."""
    if summary and not re.search(r"[^\W\d_]{2}", summary):
        return f"'{summary}' is not a summary: write one or two sentences, or leave it to write later"
    if len(summary) > SUMMARY_LIMIT:
        return f"the summary is {len(summary)} characters long: keep it under {SUMMARY_LIMIT} characters"
    return None


# Words that name a job or an organisation, never a person: an answer holding one is a role.
_ROLE_WORDS = frozenset(
    """council university trust nhs department service services team manager managers worker workers educator
    officer director lead leader head supervisor practitioner programme partnership ltd limited college
    school authority borough county agency""".split()
)


def name_problem(name: str, team: str = "") -> str | None:
    """What is wrong with an author's name (a role or a place is not a name), or None.

    The library's editorial team (mkdocs.yml: editorial_team) is the one name that is not a person's.
    """
    if not name:
        return "an author's name is needed"
    if team and name.casefold() == team.casefold():
        return None
    words = set(re.findall(r"[a-z]+", name.lower()))
    if "," in name or words & _ROLE_WORDS or re.search(r"\d", name):
        return (
            f"'{name}' looks like a role or an organisation, not a name: give the person's full name here "
            "and their role or organisation as the role"
        )
    return None


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
    team: str = "",
) -> NewResource:
    """Check every answer with the same rules as the questions; raise ScaffoldError listing all problems."""
    messages: list[str] = []
    title, summary, author, role = (" ".join(str(v).split()) for v in (title, summary, author, role))
    messages += filter(None, [title_problem(title), summary_problem(summary)])
    types = numbered_choices(taxonomy, "type")
    type_id = pick(type_name, types) if type_name else None
    if not type_name:
        messages.append("a type is needed: " + ", ".join(f"{n}. {i}" for n, (i, _) in enumerate(types, start=1)))
    elif type_id is None:
        messages.append(f"type '{type_name}' is not in the list: {did_you_mean(type_name, [i for i, _ in types])}")
    chosen = {}
    for name, given, what in (("audience", audiences, "audience"), ("pqs", pqs, "PQS domain")):
        choices = numbered_choices(taxonomy, name)
        chosen[name], problems = pick_many(given, choices, what)
        messages += problems
        if not chosen[name] and not problems:
            messages.append(f"at least one {what} is needed: a number from 1 to {len(choices)} or an id")
    messages += filter(None, [name_problem(author, team)])
    slug = (slug or "").strip().removesuffix(".md") or slugify(title)
    messages += filter(None, [slug_problem(slug, docs_dir, taxonomy)] if title else [])
    if messages:
        raise ScaffoldError(messages)
    assert type_id is not None
    return NewResource(
        taxonomy.type_by_id(type_id),
        title,
        slug,
        tuple(taxonomy.audience(a) for a in chosen["audience"]),
        tuple(taxonomy.domain(d) for d in chosen["pqs"]),
        author,
        role,
        summary,
        published,
    )


def slug_problem(slug: str, docs_dir: Path, taxonomy: Taxonomy) -> str | None:
    """What is wrong with a new file name (its form, or a resource that has it already), or None."""
    if not SLUG_RE.fullmatch(slug):
        return (
            f"file name '{slug}' must be lower-case letters and digits joined by hyphens, "
            f"for example {slugify(slug) or 'my-new-resource'}"
        )
    taken = existing_resources(docs_dir, taxonomy)
    if slug in taken:
        return (
            f"a resource called '{slug}' already exists at {taken[slug].as_posix()}: "
            "choose another title or give a different file name with --slug"
        )
    return None


def existing_resources(docs_dir: Path, taxonomy: Taxonomy) -> dict[str, Path]:
    """Every resource file of the library by its name, in the order of the type folders."""
    return {path.stem: path for t in taxonomy.types for path in sorted((Path(docs_dir) / t.folder).glob("**/*.md"))}


def real_examples(docs_dir: Path, taxonomy: Taxonomy) -> dict[str, Any]:
    """Examples for the fields that name other content, taken from the library so they always exist."""
    examples: dict[str, Any] = {}
    slugs = list(existing_resources(docs_dir, taxonomy))
    if slugs:
        examples["related"] = slugs[:1]
    sources = load_sources(Path(docs_dir)).sources
    if sources:
        examples["source"] = list(sources)[:1]
    return examples


def resource_text(new: NewResource, today: date | None = None, examples: dict[str, Any] | None = None) -> str:
    """The whole file: front matter with every required field, optional ones as comments, then the sections.

    A new resource starts as a draft: the preview shows it, the site does not publish it, and the
    text left from the template is a warning, not an error, until the editor takes the line out.
    `examples` replace the fields' own examples (see real_examples).
    """
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
    draft = "# A draft until you take out the next line: `make preview` shows it, the site does not publish it.\n"
    draft += _dump({"draft": True})
    body = "\n\n".join(block.strip("\n") for block in (new.type.skeleton or (DEFAULT_INTRO,)))
    return f"---\n{yaml_text}{draft}{_optional_fields(published, examples or {})}---\n\n{body}\n"


def _optional_fields(published: date, examples: dict[str, Any]) -> str:
    """The optional fields as YAML comments, so editors see what else they can say.

    Every example works when uncommented: dates are the publication date, and the fields naming
    other content name real resources and sources.
    """
    lines = ["# Optional: remove the '# ' in front of the lines you need (CONTRIBUTING.md explains each field)."]
    for spec in FIELDS:
        if spec.required or spec.name in ("type", "review_due", "draft"):
            continue
        value = examples.get(spec.name, spec.example)
        if isinstance(spec.kind, Date):
            value = published
        elif spec.name == "changes":
            value = [{**change, "date": published} for change in value]
        example = _dump({spec.name: value}).rstrip("\n")
        lines.extend("# " + line for line in example.split("\n"))
    return "\n".join(lines) + "\n"


def write_resource(
    docs_dir: Path, new: NewResource, today: date | None = None, examples: dict[str, Any] | None = None
) -> Path:
    """Write the new file; never overwrite one that exists."""
    path = Path(docs_dir) / new.type.folder / f"{new.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(resource_text(new, today, examples))
    except FileExistsError:
        raise ScaffoldError([f"{path.as_posix()} already exists: it was not changed"]) from None
    return path
