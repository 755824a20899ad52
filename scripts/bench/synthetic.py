"""Synthetic catalogues for the benchmark: realistic resources from a fixed seed, in a throwaway project.

Resource number i has the same content whatever the catalogue's size (its random generator is
seeded with the seed and i, and it only relates to resources before it), so the 100-resource
catalogue is the first 100 of the 5,000 and page sizes can be compared across sizes.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from macros.content.packs import MAX_PACK_MEMBERS, MAX_PACKS
from macros.content.taxonomy import Taxonomy, load_taxonomy

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SEED = 20261123
# The content check refuses a review dated after today, so no synthetic review is later than this
# (a date in the past, after the latest publication date the generator gives: 2026-05-27).
LATEST_REVIEW = date(2026, 6, 30)
# One resource in a plain configuration's nav: (type folder, title, path under content/).
NavEntry = tuple[str, str, str]

# Body length in words, per type id; types not listed get the one-minute guide's range.
WORDS = {"briefing": (1500, 3000), "one-minute-guide": (400, 800), "practice-tool": (300, 700)}
# Share of each type in the catalogue, roughly as in the programme's own library.
TYPE_WEIGHTS = {"briefing": 3, "one-minute-guide": 3, "practice-tool": 4}

SUBJECTS = (
    "practice supervisors",
    "new supervisors",
    "team managers",
    "senior leaders",
    "middle leaders",
    "social workers",
    "principal social workers",
    "the organisation",
    "the team",
    "families",
    "adults who use services",
    "children and young people",
    "carers",
    "workforce leads",
    "consultant social workers",
    "heads of service",
    "the practice system",
    "supervision groups",
)
VERBS = (
    "need",
    "notice",
    "build",
    "reflect on",
    "make room for",
    "hold",
    "protect",
    "explore",
    "review",
    "strengthen",
    "share",
    "talk through",
    "learn from",
    "plan for",
    "model",
    "question",
    "support",
    "record",
    "challenge",
    "revisit",
)
OBJECTS = (
    "reflective supervision",
    "emotional safety",
    "case direction",
    "professional curiosity",
    "the use of power and authority",
    "performance data",
    "relationship-based practice",
    "critical analysis",
    "decision-making under uncertainty",
    "wellbeing and retention",
    "the first year in post",
    "group supervision",
    "anti-oppressive practice",
    "restorative approaches",
    "the voice of the child",
    "strengths-based conversations",
    "workload and capacity",
    "systemic thinking",
    "learning from audits",
    "feedback from families",
    "peer support",
    "recording and accountability",
    "the parallel process",
    "trauma-informed practice",
    "career progression",
    "induction",
    "succession planning",
    "values and ethics",
)
CONNECTIVES = (
    "because",
    "so that",
    "while",
    "even when",
    "which means",
    "and at the same time",
    "before",
    "after",
    "so",
    "whenever",
)
TITLE_OPENERS = (
    "Supporting",
    "Leading",
    "Developing",
    "Understanding",
    "Making time for",
    "Strengthening",
    "Reflecting on",
    "Planning for",
    "Sustaining",
    "Building",
    "Rethinking",
    "Getting started with",
)
TITLE_CONTEXTS = (
    "in children's services",
    "in adult social care",
    "across a service",
    "in a new team",
    "during restructuring",
    "in the first year",
    "for middle leaders",
    "with families",
    "in hybrid teams",
    "under pressure",
    "through supervision",
    "in practice",
)
AUTHORS = (
    "Nicola Harper",
    "Sam Okafor",
    "Priya Desai",
    "Joanne Whitfield",
    "Tom Brennan",
    "Aisha Rahman",
    "Gareth Lloyd",
    "Fiona MacLeod",
    "Daniel Price",
    "Helen Ng",
    "Marcus Bell",
    "Ruth Adeyemi",
)
ROLES = (
    "Principal Social Worker",
    "Practice Lead",
    "Head of Service",
    "Research in Practice",
    "Practice Supervisor",
    "Workforce Development Lead",
    "University of Sussex",
)
JOURNALS = (
    "British Journal of Social Work",
    "Journal of Social Work Practice",
    "Child and Family Social Work",
    "Practice: Social Work in Action",
    "Social Work Education",
)


@dataclass
class SyntheticResource:
    """One generated resource: where it goes, its front matter and its Markdown body."""

    index: int
    folder: str
    slug: str
    front: dict
    body: str

    @property
    def relpath(self) -> str:
        return f"{self.folder}/{self.slug}.md"

    @property
    def text(self) -> str:
        return "---\n" + yaml.safe_dump(self.front, sort_keys=False, allow_unicode=True) + "---\n\n" + self.body

    @property
    def words(self) -> int:
        return len(self.body.split())


@dataclass
class SyntheticCatalogue:
    """A generated catalogue: the resources, and the queries a reader might type to find them."""

    resources: list[SyntheticResource]
    queries: list[str] = field(default_factory=list)

    def nav_entries(self) -> list[NavEntry]:
        """(type folder, title, path under content/) of every resource, for a plain configuration's nav."""
        return [(r.folder, r.front["title"], r.relpath) for r in self.resources]


def _sentence(rng: random.Random) -> str:
    clause = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.6:
        clause += f" {rng.choice(CONNECTIVES)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return clause[0].upper() + clause[1:] + "."


def _paragraph(rng: random.Random, words: int) -> str:
    out: list[str] = []
    count = 0
    while count < words:
        sentence = _sentence(rng)
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


def _list(rng: random.Random, items: int, question: bool = False) -> str:
    lines = []
    for _ in range(items):
        text = _sentence(rng).rstrip(".")
        lines.append(f"- {'How do ' + text[0].lower() + text[1:] + '?' if question else text}")
    return "\n".join(lines)


def _table(rng: random.Random) -> str:
    rows = ["| Area | What supervisors do | What leaders do |", "| --- | --- | --- |"]
    for _ in range(rng.randint(3, 6)):
        rows.append(f"| {rng.choice(OBJECTS).capitalize()} | {_sentence(rng)} | {_sentence(rng)} |")
    return "\n".join(rows)


def _references(rng: random.Random, count: int) -> str:
    refs = []
    for _ in range(count):
        author = rng.choice(AUTHORS).split()[-1]
        year = rng.randint(1995, 2025)
        title = rng.choice(OBJECTS).capitalize()
        refs.append(
            f"- {author}, {rng.choice('ABCDEFGHJKLMNPRS')}. ({year}) '{title} {rng.choice(TITLE_CONTEXTS)}'. "
            f"*{rng.choice(JOURNALS)}*, {rng.randint(10, 60)}({rng.randint(1, 6)}), "
            f"{rng.randint(1, 400)}–{rng.randint(401, 900)}."
        )
    return "\n".join(sorted(refs))


def _body(rng: random.Random, type_id: str, target_words: int, see_also: tuple[str, str] | None) -> str:
    """Markdown with the type's sections: paragraphs, lists, a table, questions and references."""
    parts: list[str] = [_paragraph(rng, 60)]
    if type_id == "briefing":
        parts += ["## Key messages", _list(rng, rng.randint(4, 6))]
        sections = max(3, target_words // 350)
        per_section = max(60, (target_words - 650) // sections)
        for number in range(1, sections + 1):
            parts.append(f"## {number}. {rng.choice(TITLE_OPENERS)} {rng.choice(OBJECTS)}")
            parts.append(_paragraph(rng, per_section // 2))
            if number % 2:
                parts.append(_list(rng, rng.randint(3, 5)))
            if number == 2:
                parts.append(_table(rng))
            parts.append(f"### {rng.choice(OBJECTS).capitalize()} {rng.choice(TITLE_CONTEXTS)}")
            parts.append(_paragraph(rng, per_section // 2))
        parts += ["## Reflective questions", _list(rng, rng.randint(4, 6), question=True)]
    elif type_id == "practice-tool":
        parts += [
            "## How to use this tool",
            _paragraph(rng, target_words // 8),
            "1. Read the questions before the session.\n2. Choose two to talk through.\n"
            "3. Write down what you agree to try.",
        ]
        parts += ["## Reflective questions", _list(rng, rng.randint(5, 8), question=True)]
        if rng.random() < 0.5:
            parts.append(_table(rng))
        parts += ["## Space to reflect", _paragraph(rng, target_words // 5)]
    else:
        parts += [
            "## Introduction",
            _paragraph(rng, target_words // 4),
            "## Questions to ask",
            _list(rng, rng.randint(4, 6), question=True),
            f"## {rng.choice(TITLE_OPENERS)} {rng.choice(OBJECTS)}",
            _paragraph(rng, target_words // 4),
        ]
    if see_also:
        parts.append(f"See also [{see_also[0]}](../{see_also[1]}).")
    parts += ["## References", _references(rng, rng.randint(3, 8 if type_id == "briefing" else 4))]
    return "\n\n".join(parts) + "\n"


def guide_body(words: int, seed: int = DEFAULT_SEED) -> str:
    """A one-minute guide's body of exactly `words` words as the library counts them (headings and
    references included), shaped like the programme's own: an opening, headed sections, a list of
    steps, two lists of questions and six references."""
    from macros.content.loader import WORD_RE

    rng = random.Random(f"{seed}:guide:{words}")
    head = "\n\n".join(
        [
            _paragraph(rng, 55),
            "## Why it matters",
            _paragraph(rng, 90),
            _paragraph(rng, 70),
            "## What you can do",
            _list(rng, 5),
            "## Questions to ask about your supervisors",
            _list(rng, 6, question=True),
            "## Questions to ask yourself",
            _list(rng, 3, question=True),
            "## What the evidence says",
        ]
    )
    tail = "## References\n\n" + _references(rng, 6)
    room = words - len(WORD_RE.findall(head + "\n" + tail))
    filler: list[str] = []
    while sum(len(WORD_RE.findall(s)) for s in filler) < room:
        filler.append(_sentence(rng))
    kept = " ".join(filler).split(" ")
    while len(WORD_RE.findall(" ".join(kept))) > room:
        kept.pop()
    return f"{head}\n\n{' '.join(kept).rstrip(',.')}.\n\n{tail}\n"


def _isbn(rng: random.Random) -> str:
    digits = [9, 7, 8, 1] + [rng.randint(0, 9) for _ in range(8)]
    check = (10 - sum(d * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits)) % 10) % 10
    text = "".join(map(str, digits + [check]))
    return f"{text[:3]}-{text[3]}-{text[4:10]}-{text[10:12]}-{text[12]}"


def make_resource(index: int, taxonomy: Taxonomy, seed: int, earlier: list[SyntheticResource]) -> SyntheticResource:
    """Resource number `index`; it depends only on the seed, the index and the resources before it."""
    rng = random.Random(f"{seed}:{index}")
    types = list(taxonomy.types)
    weights = [TYPE_WEIGHTS.get(t.id, 2) for t in types]
    rtype = rng.choices(types, weights)[0]
    low, high = WORDS.get(rtype.id, WORDS["one-minute-guide"])
    target = rng.randint(low, high)
    topic = rng.choice(OBJECTS)
    title = f"{rng.choice(TITLE_OPENERS)} {topic} {rng.choice(TITLE_CONTEXTS)}: note {index + 1}"
    slug = "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())
    front: dict = {
        "title": title,
        "summary": f"{_sentence(rng)} {_sentence(rng)}"[:390],
        "audience": sorted(a.id for a in rng.sample(list(taxonomy.audiences), rng.randint(1, 3))),
        "pqs": sorted(d.id for d in rng.sample(list(taxonomy.domains), rng.randint(1, 4))),
    }
    if taxonomy.pcf and rng.random() < 0.6:
        front["pcf"] = sorted(t.id for t in rng.sample(list(taxonomy.pcf), rng.randint(1, 3)))
    front["authors"] = [{"name": rng.choice(AUTHORS), "role": rng.choice(ROLES)} for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.5:
        front["editors"] = [{"name": rng.choice(AUTHORS), "role": rng.choice(ROLES)}]
    published = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3800))
    front["published"] = published.isoformat()
    if rng.random() < 0.4:
        reviewed = published + timedelta(days=rng.randint(100, 900))
        front["reviewed"] = min(reviewed, LATEST_REVIEW).isoformat()
    front["review_due"] = (date(2028, 1, 1) + timedelta(days=rng.randint(0, 700))).isoformat()
    front["keywords"] = sorted({topic, *rng.sample(OBJECTS, rng.randint(1, 4))})
    if rtype.id == "briefing" and rng.random() < 0.5:
        front["isbn"] = _isbn(rng)
    if earlier and rng.random() < 0.7:
        front["related"] = sorted({r.slug for r in rng.sample(earlier, min(len(earlier), rng.randint(1, 3)))})
    see_also = None
    if earlier and rng.random() < 0.5:
        other = rng.choice(earlier)
        see_also = (other.front["title"], other.relpath)
    return SyntheticResource(index, rtype.folder, slug, front, _body(rng, rtype.id, target, see_also))


def generate_catalogue(
    size: int, taxonomy: Taxonomy, seed: int = DEFAULT_SEED, queries: int = 50
) -> SyntheticCatalogue:
    """`size` resources and `queries` finder queries a reader might type to find them (see _query)."""
    resources: list[SyntheticResource] = []
    for index in range(size):
        resources.append(make_resource(index, taxonomy, seed, resources))
    rng = random.Random(f"{seed}:queries")
    return SyntheticCatalogue(resources, [_query(rng, rng.choice(resources)) for _ in range(queries)])


def _query(rng: random.Random, resource: SyntheticResource) -> str:
    """One query for a resource: two words of its title, a keyword, a word still being typed, a PQS
    domain by id, or a few words of its text, in the shares a finder sees them (titles and topics most)."""
    kind = rng.random()
    title_words = [w for w in resource.front["title"].split(":")[0].split() if len(w) > 3]
    if kind < 0.4:
        return " ".join(rng.sample(title_words, min(2, len(title_words)))).lower()
    if kind < 0.7:
        return rng.choice(resource.front["keywords"])
    if kind < 0.8:
        word = rng.choice(title_words).lower()
        return word[: rng.randint(3, max(3, len(word) - 1))]
    if kind < 0.9:
        return rng.choice(resource.front["pqs"])
    words = [w for w in resource.body.split() if w.isalpha()]
    start = rng.randrange(max(1, len(words) - 3))
    return " ".join(words[start : start + 3])


# One curated pack for every RESOURCES_PER_PACK resources, each of PACK_SIZE resources for one audience:
# at 1,000 resources, 20 packs, much as a programme with that many resources might curate. Never more
# than the library allows in all (macros/content/packs.py), so from 1,000 resources on it is 20 packs.
RESOURCES_PER_PACK = 50
PACK_SIZE = (6, 10)
MOST_PACKS = min(MAX_PACKS, MAX_PACK_MEMBERS // PACK_SIZE[1])
PACK_DATE = "2026-06-30"


def packs_yaml(catalogue: SyntheticCatalogue, seed: int = DEFAULT_SEED) -> str:
    """content/packs.yml for a synthetic catalogue: curated packs, each of resources for one audience."""
    rng = random.Random(f"{seed}:packs")
    by_audience: dict[str, list[SyntheticResource]] = {}
    for resource in catalogue.resources:
        for audience in resource.front["audience"]:
            by_audience.setdefault(audience, []).append(resource)
    packs = []
    for number in range(min(MOST_PACKS, max(1, len(catalogue.resources) // RESOURCES_PER_PACK))):
        audience = rng.choice(sorted(by_audience))
        pool = by_audience[audience]
        chosen = rng.sample(pool, min(len(pool), rng.randint(*PACK_SIZE)))
        packs.append(
            {
                "id": f"pack-{number + 1}",
                "title": f"Pack {number + 1}: {rng.choice(OBJECTS)} for {audience.replace('-', ' ')}",
                "description": f"{_sentence(rng)}"[:390],
                "audience": audience,
                "date": PACK_DATE,
                "resources": [r.slug for r in chosen],
            }
        )
    return yaml.safe_dump({"packs": packs}, sort_keys=False, allow_unicode=True)


def make_project(root: Path, catalogue: SyntheticCatalogue) -> Path:
    """A project like the tests' SiteProject: the real mkdocs.yml, macros and theme, with this content."""
    root.mkdir(parents=True, exist_ok=True)
    content = root / "content"
    for name in ("overrides",):
        if not (root / name).exists():
            (root / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    taxonomy = load_taxonomy(ROOT / "content" / "taxonomy.yml")
    type_folders = {t.folder for t in taxonomy.types}
    # The site's own pages and data files come along; the real resources do not.
    # Data files that name real resources (such as pathways) name synthetic ones instead.
    real_slugs = sorted(
        {p.stem for folder in type_folders for p in (ROOT / "content" / folder).rglob("*.md") if p.name != "index.md"},
        key=len,
        reverse=True,
    )
    stand_ins = dict(zip(real_slugs, (r.slug for r in catalogue.resources), strict=False))
    # A catalogue too small to stand in for every resource they name goes without those files.
    too_small = len(stand_ins) < len(real_slugs)
    for src in sorted((ROOT / "content").iterdir()):
        if src.name in type_folders:
            continue
        dest = content / src.name
        if src.is_dir():
            shutil.copytree(src, dest, dirs_exist_ok=True)
        elif src.suffix in (".yml", ".yaml") and src.name != "taxonomy.yml" and real_slugs:
            text = src.read_text(encoding="utf-8")
            pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, real_slugs)) + r")(?![\w-])")
            if too_small and pattern.search(text):
                continue
            dest.write_text(pattern.sub(lambda m: stand_ins[m.group(1)], text), encoding="utf-8")
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest)
    for folder in type_folders:
        src = ROOT / "content" / folder
        for keep in sorted(src.glob("index.md")) + sorted(src.glob(".meta.yml")):
            (content / folder).mkdir(parents=True, exist_ok=True)
            shutil.copy(keep, content / folder / keep.name)
    for resource in catalogue.resources:
        path = content / resource.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(resource.text, encoding="utf-8")
    (content / "packs.yml").write_text(packs_yaml(catalogue), encoding="utf-8")
    return root


def project_taxonomy() -> Taxonomy:
    """The project's own taxonomy, which the synthetic tags are drawn from."""
    return load_taxonomy(ROOT / "content" / "taxonomy.yml")
