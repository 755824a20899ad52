"""Learning pathways: ordered lists of resources, read from `content/pathways.yml`.

A pathway names resources by slug. Every problem is reported as `content/pathways.yml:line:
message (hint)`, so an editor can fix the data file without reading code.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from macros.content.catalogue import Catalogue
from macros.content.inventory import slug_of, unknown_resource
from macros.content.model import Resource
from macros.content.problems import Problem, did_you_mean, display_path
from macros.content.records import read_yaml_file
from macros.content.taxonomy import Audience
from macros.content.text import is_blank, text_problem, typographic
from macros.site.listings import GeneratedPage

PATHWAYS_FILE = "pathways.yml"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PATHWAY_KEYS = ("id", "title", "audience", "description", "steps")
# Each pathway is a page and a PDF of its steps, so their number and length are bounded.
MAX_PATHWAYS = 30
MAX_STEPS = 30  # in one pathway
MAX_LENGTHS = {"title": 120, "description": 400, "note": 300}
STEP_KEYS = ("resource", "note")


@dataclass(frozen=True)
class PathwayStep:
    """One resource in a pathway, with an optional note on why it comes here."""

    resource: Resource
    note: str = ""


@dataclass(frozen=True)
class Pathway:
    """An ordered list of resources for one audience."""

    id: str
    title: str
    audience: Audience
    description: str
    steps: tuple[PathwayStep, ...]

    @property
    def url(self) -> str:
        return f"pathways/{self.id}/"


@dataclass(frozen=True)
class StepPosition:
    """Where one resource sits in one pathway: its step number and its neighbours."""

    pathway: Pathway
    number: int  # counted from 1
    step: PathwayStep

    @property
    def total(self) -> int:
        return len(self.pathway.steps)

    @property
    def previous(self) -> Resource | None:
        return self.pathway.steps[self.number - 2].resource if self.number > 1 else None

    @property
    def next(self) -> Resource | None:
        return self.pathway.steps[self.number].resource if self.number < self.total else None


@dataclass(frozen=True)
class Pathways:
    """Every pathway of the library, in the order the data file gives them."""

    pathways: tuple[Pathway, ...] = ()

    def __iter__(self):
        return iter(self.pathways)

    def __len__(self) -> int:
        return len(self.pathways)

    def get(self, pathway_id: str) -> Pathway | None:
        return next((p for p in self.pathways if p.id == pathway_id), None)

    def positions(self, resource: Resource) -> list[StepPosition]:
        """Every pathway step that is this resource, in pathway order."""
        return [
            StepPosition(p, i, s)
            for p in self.pathways
            for i, s in enumerate(p.steps, start=1)
            if s.resource.slug == resource.slug
        ]


@dataclass
class PathwaysResult:
    """The pathways that loaded cleanly and every problem found in the data file."""

    pathways: Pathways
    problems: list[Problem] = field(default_factory=list)


def load_pathways(docs_dir: Path, catalogue: Catalogue, resources: list[str]) -> PathwaysResult:
    """Read and check `pathways.yml` against the catalogue; a missing file means no pathways.

    `resources` are the resource files the inventory found (relative paths), including those
    left out of the catalogue by their own errors, so a step naming one is not reported twice.
    """
    path = Path(docs_dir) / PATHWAYS_FILE
    if not path.is_file():
        return PathwaysResult(Pathways())
    if not catalogue.taxonomy.types:
        # The taxonomy did not load: its own problem is reported, and every audience would look unknown.
        return PathwaysResult(Pathways())
    existing = {posixpath.basename(src_uri)[: -len(".md")] for src_uri in resources}
    return _PathwaysReader(display_path(path), catalogue, existing).read(path)


class _PathwaysReader:
    """Walks the YAML node tree so every problem carries the line it is on."""

    def __init__(self, shown: str, catalogue: Catalogue, existing_slugs: set[str]):
        self.shown = shown
        self.catalogue = catalogue
        self.existing = existing_slugs
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.problems.append(Problem(self.shown, line, message, hint))

    def _check_text(self, node: yaml.Node, key: str) -> bool:
        """False, with a problem, when a text is blank, too long or holds a character no text may hold."""
        text = _scalar(node)
        found = text_problem(text)
        if found:
            self.problem(node, f"'{key}' {found[0]}", found[1])
        elif text and is_blank(text):
            self.problem(node, f"'{key}' is empty", "write it, in words readers can see")
        elif len(text) > MAX_LENGTHS[key]:
            self.problem(node, f"'{key}' is {len(text)} characters long", f"keep it to {MAX_LENGTHS[key]} at most")
        else:
            return True
        return False

    def read(self, path: Path) -> PathwaysResult:
        before = len(self.problems)
        root = read_yaml_file(path, self.shown, self.problems)
        if len(self.problems) > before:
            return PathwaysResult(Pathways(), self.problems)
        if root is None:
            return PathwaysResult(Pathways())
        entries = _mapping(root).get("pathways")
        if entries is None or not isinstance(entries[1], yaml.SequenceNode):
            self.problem(
                root,
                "expected a list called 'pathways'",
                "start the file with 'pathways:' and give each pathway on a line starting with '- id:'",
            )
            return PathwaysResult(Pathways(), self.problems)
        pathways: list[Pathway] = []
        seen_ids: dict[str, int] = {}
        if len(entries[1].value) > MAX_PATHWAYS:
            self.problem(
                entries[1].value[MAX_PATHWAYS],
                f"'pathways' has {len(entries[1].value)} items, more than the limit of {MAX_PATHWAYS}",
                "keep to the limit: each pathway is a page and a PDF of its own",
            )
        for node in entries[1].value[:MAX_PATHWAYS]:
            pathway = self._pathway(node, seen_ids)
            if pathway is not None:
                pathways.append(pathway)
        return PathwaysResult(Pathways(tuple(pathways)), self.problems)

    def _pathway(self, node: yaml.Node, seen_ids: dict[str, int]) -> Pathway | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                "each pathway must be a set of 'key: value' lines",
                "give id, title, audience, description and steps",
            )
            return None
        fields = _mapping(node)
        before = len(self.problems)
        for key, (key_node, _) in fields.items():
            if key not in PATHWAY_KEYS:
                self.problem(key_node, f"unknown key '{key}' in a pathway", did_you_mean(key, PATHWAY_KEYS))
        for key in PATHWAY_KEYS[:-1]:  # steps are checked with the steps
            if key not in fields or _scalar(fields[key][1]) == "":
                self.problem(fields[key][0] if key in fields else node, f"pathway is missing '{key}'", KEY_HINTS[key])
        for key in ("title", "description"):
            if key in fields:
                self._check_text(fields[key][1], key)
        pathway_id = _scalar(fields["id"][1]) if "id" in fields else ""
        if pathway_id:
            id_node = fields["id"][1]
            if not ID_RE.fullmatch(pathway_id):
                self.problem(
                    id_node,
                    f"pathway id '{pathway_id}' is not a valid id",
                    "use lower-case letters, digits and hyphens, for example first-year-supervisor",
                )
            elif pathway_id == "index":
                self.problem(
                    id_node,
                    "pathway id 'index' is reserved",
                    "it is the address of the list of pathways; choose another id",
                )
            elif pathway_id in seen_ids:
                self.problem(
                    id_node,
                    f"pathway id '{pathway_id}' is used twice",
                    f"it is first used on line {seen_ids[pathway_id]}; give each pathway its own id",
                )
            else:
                seen_ids[pathway_id] = id_node.start_mark.line + 1
        audience = None
        if "audience" in fields and _scalar(fields["audience"][1]):
            audience_id = _scalar(fields["audience"][1])
            audience = self.catalogue.taxonomy.audience(audience_id)
            if audience is None:
                self.problem(
                    fields["audience"][1],
                    f"audience '{audience_id}' is not in the taxonomy",
                    did_you_mean(audience_id, [a.id for a in self.catalogue.taxonomy.audiences]),
                )
        steps = self._steps(fields.get("steps", (node, None)), pathway_id or "?")
        if len(self.problems) > before or audience is None:
            return None
        title, description = (typographic(_scalar(fields[key][1])) for key in ("title", "description"))
        return Pathway(pathway_id, title, audience, description, steps)

    def _steps(self, key_value: tuple[yaml.Node, yaml.Node | None], pathway_id: str) -> tuple[PathwayStep, ...]:
        key_node, node = key_value
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            self.problem(key_node, f"pathway '{pathway_id}' has no steps", KEY_HINTS["steps"])
            return ()
        steps: list[PathwayStep] = []
        seen: dict[str, int] = {}
        if len(node.value) > MAX_STEPS:
            self.problem(
                node.value[MAX_STEPS],
                f"pathway '{pathway_id}' has {len(node.value)} steps, more than the limit of {MAX_STEPS}",
                "split it into shorter pathways",
            )
        for item in node.value[:MAX_STEPS]:
            slug_node, note = item, ""
            if isinstance(item, yaml.MappingNode):
                step_fields = _mapping(item)
                for key, (k_node, _) in step_fields.items():
                    if key not in STEP_KEYS:
                        self.problem(k_node, f"unknown key '{key}' in a pathway step", did_you_mean(key, STEP_KEYS))
                if "resource" not in step_fields:
                    self.problem(
                        item, "pathway step is missing 'resource'", "name the resource by its file name without .md"
                    )
                    continue
                slug_node = step_fields["resource"][1]
                note = _scalar(step_fields["note"][1]) if "note" in step_fields else ""
                if note and not self._check_text(step_fields["note"][1], "note"):
                    continue
            elif not isinstance(item, yaml.ScalarNode):
                self.problem(
                    item, "a pathway step must be a resource's file name", "write: - resource: file-name-without-md"
                )
                continue
            slug = slug_of(_scalar(slug_node))
            if slug not in self.existing:
                self.problem(slug_node, *unknown_resource(slug, self.existing))
            elif slug in seen:
                self.problem(
                    slug_node,
                    f"resource '{slug}' is already step {seen[slug]} of this pathway",
                    "a resource can appear only once in a pathway",
                )
            elif (resource := self.catalogue.get(slug)) is not None and resource.draft:
                self.problem(
                    slug_node,
                    f"resource '{slug}' is a draft, which is not published",
                    "leave it out of the pathway until it is published",
                )
            else:
                seen[slug] = len(seen) + 1
                if resource is not None:  # a resource with errors of its own is reported by the loader
                    steps.append(PathwayStep(resource, typographic(note)))
        return tuple(steps)


KEY_HINTS = {
    "id": "a short identifier used in the page address, for example first-year-supervisor",
    "title": "the pathway's name as readers see it",
    "audience": "one audience id from the taxonomy, for example practice-supervisors",
    "description": "one or two sentences saying who the pathway is for and where it leads",
    "steps": "list at least one resource, in order, each on a line starting with '- resource:'",
}


def _mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's entries by key, keeping each key's node and value node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _scalar(node: yaml.Node) -> str:
    """A scalar node's text, folded to single spaces; '' for anything else or null."""
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return " ".join(str(node.value).split())
    return ""


def pathway_pages(pathways: Pathways) -> list[GeneratedPage]:
    """The pathways index page and one page per pathway."""
    pages = [
        GeneratedPage(
            "pathways/index.md",
            "Learning pathways",
            "A pathway is a set of resources to work through in order. Tick each step as you finish it: "
            "your progress is kept only in this browser on this device.",
            "pathways-index.html",
            {"pathways": list(pathways)},
            in_nav=True,
        )
    ]
    for pathway in pathways:
        pages.append(
            GeneratedPage(
                f"pathways/{pathway.id}.md",
                pathway.title,
                pathway.description,
                "pathway-page.html",
                {"pathway": pathway},
                (("Home", ""), ("Learning pathways", "pathways/")),
            )
        )
    return pages
