"""The site's vocabularies, read from one data file (`content/taxonomy.yml`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.content import yaml_source
from macros.content.problems import Problem, did_you_mean, display_path
from macros.content.records import Key, RecordReader, read_yaml_file
from macros.content.yaml_source import entries
from macros.printing.layouts import DEFAULT_LAYOUT, print_layouts

TAXONOMY_FILE = "taxonomy.yml"
# Addresses the site uses for pages it makes, and for the theme's and the build's own files: a type's
# folder of the same name would take them over.
RESERVED_FOLDERS = frozenset(
    {
        "assets",
        "audiences",
        "pqs",
        "pathways",
        "coverage",
        "pdf",
        "packs",
        "search",
        "admin",
        "feed.xml",
        "sitemap.xml",
        "404",
        "index",
        "browse",
    }
)
# Ids that would take the address of a list of the site's own: audiences/index/ is the audiences' list.
RESERVED_IDS = frozenset({"index"})
# How many of each the taxonomy may hold: every type, audience and domain has pages of its own, and
# the coverage page is a table of every domain by every audience and type.
TAXONOMY_LIMITS = {"types": 12, "audiences": 24, "frameworks": 4, "pcf": 24}
MAX_DOMAINS = 30  # in one framework


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
    print_layout: str = DEFAULT_LAYOUT  # the PDF's layout: a template in macros/printing/templates/layouts/

    @property
    def url(self) -> str:
        return f"{self.folder}/"


@dataclass(frozen=True)
class Audience:
    """A group of readers a resource is written for."""

    id: str
    label: str
    description: str = ""
    person: str = ""  # one person of the audience: "a senior leader" (for "I am a senior leader")

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


TYPE_KEYS = (
    Key("id", "id", hint="the type's id, used in front matter, for example briefing"),
    Key("folder", "id", hint="the folder under content/ that holds this type's resources"),
    Key("label", "text", hint="the type's name, for example Briefing"),
    Key("plural", "text", False),
    Key("cover_label", "text", False),
    Key("description", "text", False),
    Key("skeleton", "blocks", False),
    Key("print_layout", "text", False, hint="the PDF's layout, one of: " + ", ".join(print_layouts())),
)
AUDIENCE_KEYS = (
    Key("id", "id", hint="the audience's id, used in front matter, for example senior-leaders"),
    Key("label", "text", hint="the audience's name as readers see it"),
    Key("person", "text", False, hint="one person of the audience, as in 'I am a senior leader'"),
    Key("description", "text", False),
)
FRAMEWORK_KEYS = (
    Key("id", "id", hint="a short id that starts each domain's id, for example cf"),
    Key("label", "text", hint="the framework's short name, for example Child and family"),
    Key("title", "text", hint="the standard's full title"),
    Key("publisher", "text", hint="who published the standard"),
    Key("year", "int", hint="the year of the current edition"),
    Key("note", "text", False),
    Key("domains", "list", hint="the framework's numbered domains"),
)
DOMAIN_KEYS = (
    Key("id", "id", hint="the framework's id, a hyphen and the number, for example cf-4"),
    Key("number", "int", hint="the domain's number in the framework"),
    Key("label", "text", hint="the domain's title"),
    Key("confirmed", "bool", False),
)
TAG_KEYS = (Key("id", "id"), Key("label", "text"))


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and check the taxonomy file; raise TaxonomyError with every `path:line` problem."""
    shown = display_path(path)
    problems: list[Problem] = []
    if not Path(path).is_file():
        raise TaxonomyError([Problem(shown, 1, "taxonomy file not found", "it holds the site's vocabularies")])
    root = read_yaml_file(Path(path), shown, problems)
    if problems:
        raise TaxonomyError(problems)
    reader = RecordReader(shown, problems)
    if not isinstance(root, yaml.MappingNode):
        raise TaxonomyError([Problem(shown, 1, "expected a mapping with types, audiences and frameworks")])
    first_lines: dict[str, int] = {}

    def claim(identifier: str, node: yaml.Node, what: str = "identifier") -> None:
        """Record where an id (or folder) is first given; a second use is a problem on its own line."""
        key = f"{what}:{identifier}"
        line = yaml_source.line_of(node)
        if what == "identifier" and identifier in RESERVED_IDS:
            problems.append(
                Problem(shown, line, f"id '{identifier}' is reserved", "it names a list page: choose another")
            )
        if key in first_lines:
            problems.append(
                Problem(
                    shown,
                    line,
                    f"{what} '{identifier}' is used twice",
                    f"it is first used on line {first_lines[key]}; every {what} must be unique",
                )
            )
        else:
            first_lines[key] = line

    def records(name: str, keys: tuple[Key, ...], what: str, hint: str, required: bool = True):
        for node in reader.list_of(root, name, hint, required=required, limit=TAXONOMY_LIMITS.get(name, 0)):
            values = reader.record(node, keys, what)
            if values is not None:
                yield node, values

    types = []
    for node, v in records("types", TYPE_KEYS, "type", "each type has an id, a folder and a label"):
        claim(v["id"], node)
        claim(v["folder"], node, "folder")
        if v["folder"] in RESERVED_FOLDERS:
            reader.problem(
                node,
                f"folder '{v['folder']}' is an address the site uses for its own pages",
                "choose another folder name, for example the type's plural",
            )
        layout = v.get("print_layout", DEFAULT_LAYOUT)
        if layout not in print_layouts():
            reader.problem(
                entries(node)["print_layout"].value,
                f"print layout '{layout}' does not exist",
                did_you_mean(layout, print_layouts()),
            )
        types.append(
            ResourceType(
                id=v["id"],
                folder=v["folder"],
                label=v["label"],
                plural=v.get("plural", v["label"] + "s"),
                cover_label=v.get("cover_label", v["label"]),
                description=v.get("description", ""),
                skeleton=v.get("skeleton", ()),
                print_layout=layout,
            )
        )
    audiences = []
    for node, v in records("audiences", AUDIENCE_KEYS, "audience", "each audience has an id and a label"):
        claim(v["id"], node)
        audiences.append(Audience(v["id"], v["label"], v.get("description", ""), v.get("person", "")))
    frameworks = []
    for node, v in records("frameworks", FRAMEWORK_KEYS, "framework", "each framework has an id, a label and domains"):
        claim(v["id"], node)
        domains = []
        if len(v["domains"]) > MAX_DOMAINS:
            reader.problem(
                v["domains"][MAX_DOMAINS],
                f"the framework has {len(v['domains'])} domains, more than the limit of {MAX_DOMAINS}",
                "keep to the limit: every domain has a page, and a row of the coverage table",
            )
        for domain_node in v["domains"][:MAX_DOMAINS]:
            d = reader.record(domain_node, DOMAIN_KEYS, "domain")
            if d is None:
                continue
            if not d["id"].startswith(v["id"] + "-"):
                reader.problem(
                    domain_node,
                    f"domain id '{d['id']}' does not carry its framework",
                    f"write it as '{v['id']}-{d['number']}'",
                )
                continue
            claim(d["id"], domain_node)
            domains.append(Domain(d["id"], d["number"], d["label"], v["id"], v["label"], d.get("confirmed", True)))
        frameworks.append(
            Framework(
                id=v["id"],
                label=v["label"],
                title=v["title"],
                publisher=v["publisher"],
                year=v["year"],
                note=v.get("note", ""),
                domains=tuple(domains),
            )
        )
    pcf = [Tag(v["id"], v["label"]) for _, v in records("pcf", TAG_KEYS, "PCF domain", "", required=False)]
    if problems:
        raise TaxonomyError(problems)
    return Taxonomy(tuple(types), tuple(audiences), tuple(frameworks), tuple(pcf), path)
