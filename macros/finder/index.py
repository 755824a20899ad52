"""The resource finder: a prebuilt lunr index and facet data, and the search that runs on them.

The same serialized index is searched in the page by lunr.js (overrides/assets/js/finder.js)
and on the command line by lunr.py (scripts/search.py). Both build the query the same way
(`query_terms`, `build_query`), so a query finds the same resources in the same order in both.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lunr as lunr_package
from lunr.builder import Builder
from lunr.index import Index
from lunr.query import Query
from lunr.stemmer import PorterStemmer
from lunr.stemmer import stemmer as lunr_stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from macros.content.catalogue import Catalogue
from macros.content.model import Resource
from macros.content.taxonomy import Taxonomy

# Where the build writes the finder's files, under the site folder.
FINDER_DIR = "assets/finder"
INDEX_FILE = "index.json"
RESOURCES_FILE = "resources.json"
LUNR_JS_FILE = "lunr.js"

# The index covers what a resource says about itself, not its whole body: the theme's site
# search already covers bodies, and bodies would make this index many times larger.
INDEX_FIELDS: tuple[tuple[str, int], ...] = (
    ("title", 10),
    ("summary", 1),
    ("keywords", 1),
    ("headings", 1),
    ("type", 1),
    ("audiences", 1),
    ("domains", 1),
)

# The facets, in the order they appear on the page and in the URL. Each is also the key of the
# matching list of ids in every entry of resources.json.
FACETS: tuple[str, ...] = ("type", "audience", "framework", "pqs")

# A whole word the reader typed counts ten times as much as the words its last part could grow into.
WORD_BOOST = 10
PREFIX_BOOST = 1
# The shortest start of a half-typed word that is searched for in its place.
MIN_PREFIX = 2

_SPACES = re.compile(r"\s+")
_CURLY_APOSTROPHES = re.compile("[\u2018\u2019]")
_POSSESSIVE = re.compile(r"'s(?!\w)")
_SEPARATORS = re.compile(r"[\s\-]+")
_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")


class _LunrJsPorterStemmer(PorterStemmer):
    """lunr.py's Porter stemmer, changed where it disagrees with lunr.js's.

    lunr.py turns a final y into i when the stem has a vowel ("pathway" -> "pathwai");
    lunr.js does so only after a consonant that is not the first letter ("pathway" stays).
    The index is built here but searched by lunr.js in the page, so it must stem as lunr.js does.
    """

    def step1c(self) -> None:
        if self.ends("y") and self.j > self.k0 and self.b[self.j] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_stemmer = _LunrJsPorterStemmer()


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The stem lunr.js gives a lower-case word."""
    # Cached: the same few thousand words recur across the catalogue, and stemming was most of
    # the index build's time (see BENCHMARKS.md).
    return _stemmer.stem(word)


def normalise_text(text: str) -> str:
    """Lower-case text, with straight apostrophes and no possessive 's, as index and query both see it."""
    # Every kind of space becomes a plain one, which is all lunr's tokenizer splits on.
    text = _SPACES.sub(" ", _CURLY_APOSTROPHES.sub("'", text.lower()).replace("*", " "))
    return _POSSESSIVE.sub("", text)


def _trim(word: str) -> str:
    return _EDGE_PUNCTUATION.sub("", word)


def _is_stop_word(word: str) -> bool:
    return stop_word_filter(Token(word)) is None


def query_terms(query: str) -> list[str]:
    """The searchable words of a query: normalised, split like the index, trimmed, no stop words."""
    words = (_trim(w) for w in _SEPARATORS.split(normalise_text(query)))
    return [w for w in words if w and not _is_stop_word(w)]


def _index_token(token: Token, i=None, tokens=None):
    """Trim the punctuation off a word, drop it if it is a stop word, and stem it as lunr.js would."""
    word = _trim(str(token))
    if not word or _is_stop_word(word):
        return None
    return Token(stem(word), token.metadata)


# A label keeps lunr.py from warning that the function cannot be serialized; it never is,
# because only the search pipeline is saved with the index.
_index_token.label = "libraryIndexToken"  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FacetOption:
    """One choice in a facet: the id used in the URL and its label on the page."""

    id: str
    label: str
    group: str = ""  # the framework id of a PQS domain
    number: int = 0


@dataclass(frozen=True)
class Facet:
    """A set of options the reader can tick; results must have at least one of those ticked."""

    id: str
    legend: str
    options: tuple[FacetOption, ...]


def finder_facets(taxonomy: Taxonomy) -> tuple[Facet, ...]:
    """The finder's facets and their options, in page order, from the taxonomy."""
    return (
        Facet("type", "Type", tuple(FacetOption(t.id, t.label) for t in taxonomy.types)),
        Facet("audience", "Audience", tuple(FacetOption(a.id, a.label) for a in taxonomy.audiences)),
        Facet("framework", "PQS framework", tuple(FacetOption(f.id, f.label) for f in taxonomy.frameworks)),
        Facet(
            "pqs", "PQS domain", tuple(FacetOption(d.id, d.label, d.framework_id, d.number) for d in taxonomy.domains)
        ),
    )


def resource_facet_values(resource: Resource) -> dict[str, list[str]]:
    """The ids a resource has in each facet."""
    return {
        "type": [resource.type.id],
        "audience": [a.id for a in resource.audiences],
        "framework": list(resource.frameworks),
        "pqs": [d.id for d in resource.pqs],
    }


def facet_counts_for(catalogue: Catalogue) -> dict[str, dict[str, int]]:
    """How many resources have each facet option, before any search or filter."""
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for resource in catalogue:
        for facet, values in resource_facet_values(resource).items():
            for value in values:
                counts[facet][value] = counts[facet].get(value, 0) + 1
    return counts


def _search_document(resource: Resource) -> dict[str, str]:
    # Lists are joined into text because lunr keeps each list item as one unsplit token.
    return {
        "slug": resource.slug,
        "title": normalise_text(resource.title),
        "summary": normalise_text(resource.summary),
        "keywords": normalise_text(" ; ".join(resource.keywords)),
        "headings": normalise_text(" ; ".join(resource.headings)),
        "type": normalise_text(resource.type.label),
        "audiences": normalise_text(" ; ".join(a.label for a in resource.audiences)),
        "domains": normalise_text(" ; ".join(f"{d.framework_label} ; {d.label}" for d in resource.pqs)),
    }


def _empty_index() -> dict[str, Any]:
    # lunr cannot build an index of no documents (it averages field lengths over them).
    return {
        "version": lunr_package.__TARGET_JS_VERSION__,
        "fields": [name for name, _ in INDEX_FIELDS],
        "fieldVectors": [],
        "invertedIndex": [],
        "pipeline": ["stemmer"],
    }


def _dumps(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def build_finder_index(catalogue: Catalogue, pdfs: Mapping[str, Any] | None = None) -> tuple[str, str]:
    """The serialized lunr index and the facet data (resources.json) for the finder, as JSON text.

    `pdfs` are the details (macros/printing/printer.py: PdfInfo) of the PDFs the build has written,
    by slug; only those resources get a PDF link, with the size the card shows.
    """
    resources = sorted(catalogue, key=lambda r: (r.title.casefold(), r.slug))
    if resources:
        builder = Builder()
        builder.pipeline.add(_index_token)
        # Queries are stemmed by build_query itself; "stemmer" is saved so lunr.js loads the index.
        builder.search_pipeline.add(lunr_stemmer)
        builder.ref("slug")
        for name, boost in INDEX_FIELDS:
            builder.field(name, boost=boost)
        for resource in resources:
            builder.add(_search_document(resource))
        index = builder.build().serialize()
    else:
        index = _empty_index()
    pdfs = pdfs or {}
    facets = finder_facets(catalogue.taxonomy)
    data = {
        "facets": [
            {"id": f.id, "legend": f.legend, "options": [{"id": o.id, "label": o.label} for o in f.options]}
            for f in facets
        ],
        "resources": [
            {
                "slug": r.slug,
                "title": r.title,
                "url": r.url,
                **({"pdf": {"url": r.pdf_url, "size": pdfs[r.slug].size_text}} if r.slug in pdfs else {}),
                **resource_facet_values(r),
                "summary": r.summary,
                "minutes": r.reading_minutes,
            }
            for r in resources
        ],
    }
    return _dumps(index), _dumps(data)


def load_finder_index(index_json: str | Mapping[str, Any]) -> Index:
    """Load the serialized index as lunr.js does in the page."""
    return Index.load(dict(index_json) if isinstance(index_json, Mapping) else json.loads(index_json))


def _walk(index: Index, word: str) -> tuple[int, bool]:
    """How many leading letters of `word` some indexed term also starts with, and whether `word` is a term."""
    node, length = index.token_set, 0
    for char in word:
        node = node.edges.get(char)
        if node is None:
            return length, False
        length += 1
    return length, bool(node.final)


@dataclass(frozen=True)
class QueryPlan:
    """What a query searches for: the stem of each word, and what the last word may grow into."""

    stems: tuple[str, ...]
    prefix: str  # empty when the last word starts no indexed term


def plan_query(index: Index, query: str) -> QueryPlan | None:
    """The plan for what the reader typed, or None when it has no searchable words.

    The last word is taken as still being typed, so it also matches the terms it starts. When
    no term starts with it and its stem is no term either, the longest start of it that a term
    begins with is used instead, if that is at least half the word: terms are stems, so the
    half-typed "supervisi" must grow from "supervis" (the stem of "supervision").
    """
    terms = query_terms(query)
    if not terms:
        return None
    last = terms[-1]
    known, _ = _walk(index, last)
    if known == len(last):
        prefix = last
    elif _walk(index, stem(last))[1] or 2 * known < len(last) or known < MIN_PREFIX:
        prefix = ""
    else:
        prefix = last[:known]
    return QueryPlan(tuple(stem(t) for t in terms), prefix)


def build_query(index: Index, plan: QueryPlan) -> Query:
    """The lunr query for a plan: any word may match (more matching words rank higher)."""
    lunr_query = index.create_query()
    for term in plan.stems:
        lunr_query.term(term, use_pipeline=False, boost=WORD_BOOST)
    if plan.prefix:
        lunr_query.term(plan.prefix, use_pipeline=False, boost=PREFIX_BOOST, wildcard=Query.WILDCARD_TRAILING)
    return lunr_query


def words_matched(plan: QueryPlan, terms: Iterable[str]) -> int:
    """How many of the query's words a resource matched, given the indexed terms it matched."""
    terms = set(terms)
    count = 0
    for position, word_stem in enumerate(plan.stems):
        is_last = position == len(plan.stems) - 1
        if word_stem in terms or (is_last and plan.prefix and any(t.startswith(plan.prefix) for t in terms)):
            count += 1
    return count


@dataclass(frozen=True)
class Hit:
    """One resource a query found: its lunr score, how many query words it matched, and which terms, by field."""

    ref: str
    score: float
    words: int
    matched: dict[str, list[str]]


def run_query(index: Index, query: str) -> list[Hit] | None:
    """Search the index; None when the query has no searchable words (everything matches).

    Resources that match more of the words come first, then the higher lunr score, then the
    slug, exactly as finder.js orders them.
    """
    plan = plan_query(index, query)
    if plan is None:
        return None
    hits = []
    for result in index.query(build_query(index, plan)):
        metadata = result["match_data"].metadata
        matched = {
            name: sorted(term for term, fields in metadata.items() if name in fields) for name, _ in INDEX_FIELDS
        }
        matched = {name: terms for name, terms in matched.items() if terms}
        hits.append(Hit(result["ref"], result["score"], words_matched(plan, metadata), matched))
    return sorted(hits, key=lambda h: (-h.words, -h.score, h.ref))


def matches_filters(resource: Mapping[str, Any], filters: Mapping[str, Iterable[str]], skip: str | None = None) -> bool:
    """Whether a resources.json entry passes every facet but `skip`: AND across facets, OR within one."""
    for facet, chosen in filters.items():
        chosen = set(chosen)
        if facet != skip and chosen and not chosen & set(resource.get(facet, ())):
            return False
    return True


@dataclass(frozen=True)
class FinderResult:
    """A resource the finder shows; score and words are None when there were no search words."""

    resource: dict[str, Any]
    score: float | None
    words: int | None
    matched: dict[str, list[str]]


def _candidates(index: Index, resources: list[dict[str, Any]], query: str) -> list[FinderResult]:
    hits = run_query(index, query)
    if hits is None:
        return [FinderResult(r, None, None, {}) for r in resources]
    by_slug = {r["slug"]: r for r in resources}
    return [FinderResult(by_slug[h.ref], h.score, h.words, h.matched) for h in hits if h.ref in by_slug]


def search_finder(
    index: Index, resources: list[dict[str, Any]], query: str, filters: Mapping[str, Iterable[str]] | None = None
) -> list[FinderResult]:
    """What the finder lists: resources matching the words, best first, that pass the filters."""
    filters = filters or {}
    return [c for c in _candidates(index, resources, query) if matches_filters(c.resource, filters)]


def facet_counts(
    index: Index, resources: list[dict[str, Any]], query: str, filters: Mapping[str, Iterable[str]] | None = None
) -> dict[str, dict[str, int]]:
    """For each facet option, how many results there would be with it ticked and the rest of that facet not.

    An option counts the resources that match the words and every other facet's filters and have it.
    """
    filters = filters or {}
    candidates = [c.resource for c in _candidates(index, resources, query)]
    counts: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        tally: dict[str, int] = {}
        for resource in candidates:
            if matches_filters(resource, filters, skip=facet):
                for value in resource.get(facet, ()):
                    tally[value] = tally.get(value, 0) + 1
        counts[facet] = tally
    return counts


def lunr_js_source() -> Path:
    """lunr.js as shipped inside the installed mkdocs package (the version lunr.py serializes for)."""
    import mkdocs.contrib.search

    return Path(mkdocs.contrib.search.__file__).resolve().parent / "templates" / "search" / "lunr.js"


def write_finder_assets(catalogue: Catalogue, site_dir: Path, pdfs: Mapping[str, Any] | None = None) -> dict[str, int]:
    """Write index.json, resources.json and lunr.js into the site; return each file's size in bytes."""
    target = Path(site_dir) / FINDER_DIR
    target.mkdir(parents=True, exist_ok=True)
    index_json, resources_json = build_finder_index(catalogue, pdfs)
    (target / INDEX_FILE).write_text(index_json, encoding="utf-8")
    (target / RESOURCES_FILE).write_text(resources_json, encoding="utf-8")
    shutil.copyfile(lunr_js_source(), target / LUNR_JS_FILE)
    return {name: (target / name).stat().st_size for name in (INDEX_FILE, RESOURCES_FILE, LUNR_JS_FILE)}
