"""The site's vocabularies, read from one data file (`content/taxonomy.yml`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, display_path

TAXONOMY_FILE = "taxonomy.yml"


@dataclass(frozen=True)
class ResourceType:
    """A kind of resource; its folder under `content/` holds its resources."""

    id: str
    folder: str
    label: str
    plural: str
    cover_label: str
    description: str = ""
    skeleton: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"{self.folder}/"


@dataclass(frozen=True)
class Audience:
    """A group of readers a resource is written for."""

    id: str
    label: str
    description: str = ""

    @property
    def url(self) -> str:
        return f"audiences/{self.id}/"


@dataclass(frozen=True)
class Domain:
    """One area of a PQS framework; its id carries the framework (`cf-4`, `asc-7`)."""

    id: str
    number: int
    label: str
    framework_id: str
    framework_label: str
    confirmed: bool = True

    @property
    def url(self) -> str:
        return f"pqs/{self.id}/"

    @property
    def short_label(self) -> str:
        return f"{self.framework_label} {self.number}: {self.label}"


@dataclass(frozen=True)
class Framework:
    """A set of post-qualifying standards with its numbered domains."""

    id: str
    label: str
    title: str
    publisher: str
    year: int
    note: str = ""
    domains: tuple[Domain, ...] = ()

    @property
    def url(self) -> str:
        return f"pqs/#{self.id}"


@dataclass(frozen=True)
class Tag:
    """An optional tag, such as a PCF domain."""

    id: str
    label: str


@dataclass(frozen=True)
class Taxonomy:
    """Every vocabulary the content is checked against."""

    types: tuple[ResourceType, ...]
    audiences: tuple[Audience, ...]
    frameworks: tuple[Framework, ...]
    pcf: tuple[Tag, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def domains(self) -> tuple[Domain, ...]:
        return tuple(d for f in self.frameworks for d in f.domains)

    def type_by_folder(self, folder: str) -> ResourceType | None:
        return next((t for t in self.types if t.folder == folder), None)

    def type_by_id(self, type_id: str) -> ResourceType | None:
        return next((t for t in self.types if t.id == type_id), None)

    def audience(self, audience_id: str) -> Audience | None:
        return next((a for a in self.audiences if a.id == audience_id), None)

    def domain(self, domain_id: str) -> Domain | None:
        return next((d for d in self.domains if d.id == domain_id), None)

    def framework(self, framework_id: str) -> Framework | None:
        return next((f for f in self.frameworks if f.id == framework_id), None)

    def pcf_tag(self, tag_id: str) -> Tag | None:
        return next((t for t in self.pcf if t.id == tag_id), None)


class TaxonomyError(Exception):
    """The taxonomy file cannot be used; carries the problems found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and check the taxonomy file; raise TaxonomyError with `path:line` problems."""
    shown = display_path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError([Problem(shown, 1, "taxonomy file not found", "it holds the site's vocabularies")])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise TaxonomyError([Problem(shown, line, f"invalid YAML: {getattr(exc, 'problem', exc)}")])
    if not isinstance(data, dict):
        raise TaxonomyError([Problem(shown, 1, "expected a mapping with types, audiences and frameworks")])
    try:
        types = tuple(
            ResourceType(
                id=t["id"], folder=t["folder"], label=t["label"], plural=t.get("plural", t["label"] + "s"),
                cover_label=t.get("cover_label", t["label"]), description=t.get("description", ""),
                skeleton=tuple(t.get("skeleton", ())),
            )
            for t in data["types"]
        )
        audiences = tuple(Audience(a["id"], a["label"], a.get("description", "")) for a in data["audiences"])
        frameworks = tuple(
            Framework(
                id=f["id"], label=f["label"], title=" ".join(str(f["title"]).split()), publisher=f["publisher"],
                year=int(f["year"]), note=f.get("note", ""),
                domains=tuple(
                    Domain(d["id"], int(d["number"]), d["label"], f["id"], f["label"], bool(d.get("confirmed", True)))
                    for d in f["domains"]
                ),
            )
            for f in data["frameworks"]
        )
        pcf = tuple(Tag(t["id"], t["label"]) for t in data.get("pcf", ()) or ())
    except (KeyError, TypeError, ValueError) as exc:
        raise TaxonomyError([Problem(shown, 1, f"taxonomy entry is incomplete: missing or invalid {exc}")])
    taxonomy = Taxonomy(types, audiences, frameworks, pcf, path)
    ids = [t.id for t in types] + [a.id for a in audiences] + [d.id for d in taxonomy.domains] + [f.id for f in frameworks]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    problems = [Problem(shown, 1, f"identifier '{d}' is used twice", "every id must be unique") for d in dupes]
    for domain in taxonomy.domains:
        if not domain.id.startswith(domain.framework_id + "-"):
            problems.append(Problem(shown, 1, f"domain id '{domain.id}' does not carry its framework",
                                    f"write it as '{domain.framework_id}-{domain.number}'"))
    if problems:
        raise TaxonomyError(problems)
    return taxonomy
