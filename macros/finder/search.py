"""The finder's search on the prebuilt index, as lunr.js runs it in the page (overrides/assets/js/finder.js).

Every word typed must be found (in any field), the last one may be half-typed, and the results
come best first. finder.js mirrors each function here, and the tests check that both give the
same resources in the same order with the same scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lunr.index import Index
from lunr.query import Query, QueryPresence

from macros.finder.facets import count_options, matches_filters
from macros.finder.index import INDEX_FIELDS
from macros.finder.words import query_terms, stem

# A whole word the reader typed counts ten times as much as the words its last part could grow into.
WORD_BOOST = 10
PREFIX_BOOST = 1
# The shortest start of a half-typed word that is searched for in its place.
MIN_PREFIX = 2


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
    prefix: str  # empty when the last word is taken as it is


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
    """The lunr query for a plan. Each whole word is required; a last word that may grow is checked after."""
    lunr_query = index.create_query()
    last = len(plan.stems) - 1
    for position, term in enumerate(plan.stems):
        # With a prefix, the last word matches its stem or a word it starts: lunr cannot require one of two.
        presence = QueryPresence.OPTIONAL if plan.prefix and position == last else QueryPresence.REQUIRED
        lunr_query.term(term, use_pipeline=False, boost=WORD_BOOST, presence=presence)
    if plan.prefix:
        lunr_query.term(plan.prefix, use_pipeline=False, boost=PREFIX_BOOST, wildcard=Query.WILDCARD_TRAILING)
    return lunr_query


def matches_last_word(plan: QueryPlan, terms: Iterable[str]) -> bool:
    """Whether the indexed terms a resource matched include the last word (its stem, or a word it starts)."""
    terms = set(terms)
    return plan.stems[-1] in terms or bool(plan.prefix and any(t.startswith(plan.prefix) for t in terms))


@dataclass(frozen=True)
class Hit:
    """One resource a query found: its ref (position in resources.json), lunr score, and matched terms by field."""

    ref: str
    score: float
    matched: dict[str, list[str]]


def run_query(index: Index, query: str) -> list[Hit] | None:
    """Search the index; None when the query has no searchable words (everything matches).

    The highest lunr score comes first, then the earlier resource (A to Z by title), exactly as
    finder.js orders them.
    """
    plan = plan_query(index, query)
    if plan is None:
        return None
    hits = []
    for result in index.query(build_query(index, plan)):
        metadata = result["match_data"].metadata
        if not matches_last_word(plan, metadata):
            continue
        matched = {
            name: sorted(term for term, fields in metadata.items() if name in fields) for name, _ in INDEX_FIELDS
        }
        hits.append(Hit(result["ref"], result["score"], {name: terms for name, terms in matched.items() if terms}))
    return sorted(hits, key=lambda h: (-h.score, int(h.ref)))


@dataclass(frozen=True)
class FinderResult:
    """A resource the finder shows; score is None when there were no search words."""

    resource: dict[str, Any]
    score: float | None
    matched: dict[str, list[str]]


def _candidates(index: Index, resources: list[dict[str, Any]], query: str) -> list[FinderResult]:
    hits = run_query(index, query)
    if hits is None:
        return [FinderResult(r, None, {}) for r in resources]
    return [FinderResult(resources[int(h.ref)], h.score, h.matched) for h in hits if int(h.ref) < len(resources)]


def search_finder(
    index: Index, resources: list[dict[str, Any]], query: str, filters: Mapping[str, Iterable[str]] | None = None
) -> list[FinderResult]:
    """What the finder lists: resources matching the words, best first, that pass the filters."""
    filters = filters or {}
    return [c for c in _candidates(index, resources, query) if matches_filters(c.resource, filters)]


def facet_counts(
    index: Index, resources: list[dict[str, Any]], query: str, filters: Mapping[str, Iterable[str]] | None = None
) -> dict[str, dict[str, int]]:
    """For each facet option, how many results there would be with it ticked and the rest of that facet not."""
    return count_options((c.resource for c in _candidates(index, resources, query)), filters or {})
