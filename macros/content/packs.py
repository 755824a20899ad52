"""Packs: curated sets of resources printed as one PDF, read from `content/packs.yml`.

A pack is data, like a pathway: an id, a title, a description, the audience it is for, the date
of its edition and its resources in order. Each learning pathway prints as a pack too. Packs are
short by design (at most MAX_RESOURCES resources): a pack is something a reader prints and
takes to a meeting, and its size does not grow with the catalogue.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from macros.content.catalogue import Catalogue
from macros.content.inventory import slug_of, unknown_resource
from macros.content.model import Resource
from macros.content.pathways import Pathways
from macros.content.problems import Problem, did_you_mean, display_path
from macros.content.records import Key, RecordReader, read_yaml_file
from macros.content.taxonomy import Audience
from macros.content.yaml_source import entries, scalar_text
from macros.site.listings import GeneratedPage

PACKS_FILE = "packs.yml"
MAX_RESOURCES = 30
# Every pack is a PDF of its resources printed again: packs and their members in all are bounded,
# so packs.yml cannot multiply the build's PDF time.
MAX_PACKS = 30
MAX_PACK_MEMBERS = 200  # in all the packs
TITLE_LIMIT = 150
DESCRIPTION_LIMIT = 400

PACK_KEYS = (
    Key("id", "id", hint="a short name for the pack's address, such as senior-leaders-essentials"),
    Key("title", "text", hint="the pack's title, as printed on its cover", max_length=TITLE_LIMIT),
    Key(
        "description",
        "text",
        hint="one or two sentences saying who the pack is for and what it holds",
        max_length=DESCRIPTION_LIMIT,
    ),
    Key("audience", "id", hint="the one audience it is for, by its id in taxonomy.yml, such as senior-leaders"),
    Key("date", "date", hint="the date of this edition of the pack, written YYYY-MM-DD"),
    Key("resources", "list", hint=f"its resources in order, by file name without .md: 1 to {MAX_RESOURCES}"),
)
HINT = "start the file with 'packs:' and give each pack on a line starting with '- id:'"


@dataclass(frozen=True)
class Pack:
    """Resources printed together, in order, for one audience."""

    id: str
    title: str
    description: str
    audience: Audience
    date: date
    resources: tuple[Resource, ...]
    folder: str = "packs"  # where its PDF goes under pdf/: packs, or pathways for a pathway's pack

    @property
    def pdf_url(self) -> str:
        return f"pdf/{self.folder}/{self.id}.pdf"

    @property
    def label(self) -> str:
        """What the pack is, on its cover."""
        return "Learning pathway" if self.folder == "pathways" else "Resource pack"


@dataclass
class PacksResult:
    """The packs that read cleanly and every problem found in the data file."""

    packs: tuple[Pack, ...] = ()
    problems: list[Problem] = field(default_factory=list)


def load_packs(docs_dir: Path, catalogue: Catalogue, resources: list[str], *, today: date) -> PacksResult:
    """Read and check `packs.yml` against the catalogue; a missing file means no curated packs.

    `resources` are the resource files the inventory found (relative paths), so a pack naming
    one that has errors of its own is not reported twice.
    """
    path = Path(docs_dir) / PACKS_FILE
    if not path.is_file() or not catalogue.taxonomy.types:
        return PacksResult()
    problems: list[Problem] = []
    reader = RecordReader(display_path(path), problems)
    root = read_yaml_file(path, reader.shown, problems)
    existing = {posixpath.basename(src_uri)[: -len(".md")] for src_uri in resources}
    packs: list[Pack] = []
    seen: dict[str, int] = {}
    members_in_all = 0
    for node in reader.list_of(root, "packs", HINT, limit=MAX_PACKS) if root is not None else []:
        values = reader.record(node, PACK_KEYS, "pack")
        if values is None:
            continue
        keys = entries(node)
        before = len(problems)
        if values["id"] in seen:
            reader.problem(
                keys["id"].value,
                f"pack id '{values['id']}' is used twice",
                f"it is first used on line {seen[values['id']]}; give each pack its own id",
            )
        seen.setdefault(values["id"], keys["id"].value.start_mark.line + 1)
        audience = catalogue.taxonomy.audience(values["audience"])
        if audience is None:
            reader.problem(
                keys["audience"].value,
                f"audience '{values['audience']}' is not in the taxonomy",
                did_you_mean(values["audience"], [a.id for a in catalogue.taxonomy.audiences]),
            )
        if values["date"] > today:
            reader.problem(
                keys["date"].value,
                f"the pack is dated in the future: {values['date'].isoformat()}",
                "give the date of this edition",
            )
        members = _members(reader, keys["resources"], values["resources"], catalogue, existing)
        members_in_all += len(values["resources"])
        if members_in_all > MAX_PACK_MEMBERS >= members_in_all - len(values["resources"]):
            reader.problem(
                node,
                f"the packs list {members_in_all} resources in all by the end of this one, "
                f"more than the limit of {MAX_PACK_MEMBERS}",
                "keep packs short, and few: each is printed as a PDF of its own",
            )
        if len(problems) == before and audience is not None:
            packs.append(Pack(values["id"], values["title"], values["description"], audience, values["date"], members))
    return PacksResult(tuple(packs), problems)


def _members(
    reader: RecordReader, entry, nodes: list, catalogue: Catalogue, existing: set[str]
) -> tuple[Resource, ...]:
    """A pack's resources, each named once, each published; a problem on the line of each that is not."""
    if not nodes:
        reader.problem(entry.key, "a pack needs at least one resource", PACK_KEYS[-1].hint)
        return ()
    if len(nodes) > MAX_RESOURCES:
        reader.problem(
            entry.key,
            f"the pack has {len(nodes)} resources, more than {MAX_RESOURCES}",
            "a pack is printed and read in one sitting: split it into smaller packs",
        )
    members: list[Resource] = []
    for node in nodes:
        slug = slug_of(scalar_text(node))
        resource = catalogue.get(slug)
        if slug not in existing:
            reader.problem(node, *unknown_resource(slug, existing))
        elif resource is not None and resource in members:
            reader.problem(node, f"resource '{slug}' is already in this pack", "name each resource once")
        elif resource is not None and resource.draft:
            reader.problem(
                node,
                f"resource '{slug}' is a draft, which is not published",
                "leave it out of the pack until it is published",
            )
        elif resource is not None:
            members.append(resource)
    return tuple(members)


def pathway_packs(pathways: Pathways) -> tuple[Pack, ...]:
    """Each learning pathway as a pack: its steps in order, dated by its newest resource."""
    return tuple(
        Pack(
            p.id,
            p.title,
            p.description,
            p.audience,
            max(s.resource.updated for s in p.steps),
            tuple(s.resource for s in p.steps),
            folder="pathways",
        )
        for p in pathways
        if p.steps
    )


def pack_pages(packs: tuple[Pack, ...]) -> list[GeneratedPage]:
    """The Packs page: every curated pack and every pathway's PDF, with its size."""
    return [
        GeneratedPage(
            "packs/index.md",
            "Printable packs",
            "Sets of resources chosen for one audience and printed as one PDF, with a contents page: "
            "to read on paper or take to a meeting. Every learning pathway prints as one too.",
            "packs-page.html",
            {
                "packs": [p for p in packs if p.folder == "packs"],
                "pathway_packs": [p for p in packs if p.folder == "pathways"],
            },
            (("Home", ""), ("Browse", "browse/")),
            in_nav=True,
        )
    ]
