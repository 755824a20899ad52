"""The finder's facets: what a reader can tick (type, audience, PQS framework and domain), from the taxonomy."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from macros.content.catalogue import Catalogue
from macros.content.model import Resource
from macros.content.taxonomy import Taxonomy

# The facets, in the order they appear on the page and in the URL. Each is also the key of the
# matching list of ids in every entry of resources.json.
FACETS: tuple[str, ...] = ("type", "audience", "framework", "pqs")


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


def matches_filters(resource: Mapping[str, Any], filters: Mapping[str, Iterable[str]], skip: str | None = None) -> bool:
    """Whether a resources.json entry passes every facet but `skip`: AND across facets, OR within one."""
    for facet, chosen in filters.items():
        chosen = set(chosen)
        if facet != skip and chosen and not chosen & set(resource.get(facet, ())):
            return False
    return True


def count_options(resources: Iterable[Mapping[str, Any]], filters: Mapping[str, Iterable[str]]) -> dict:
    """For each facet option, how many of `resources` there would be with it ticked and the rest of its facet not.

    An option counts the resources that pass every other facet's filters and have it.
    """
    resources = list(resources)
    counts: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        tally: dict[str, int] = {}
        for resource in resources:
            if matches_filters(resource, filters, skip=facet):
                for value in resource.get(facet, ()):
                    tally[value] = tally.get(value, 0) + 1
        counts[facet] = tally
    return counts
