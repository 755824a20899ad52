"""The catalogue: every resource, with the views the site's pages need."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from .model import Resource
from .taxonomy import Audience, Domain, ResourceType, Taxonomy

RELATED_LIMIT = 5


@dataclass(frozen=True)
class Catalogue:
    """All resources (sorted by type, then title) and the taxonomy they were checked against."""

    taxonomy: Taxonomy
    resources: tuple[Resource, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_slug", {r.slug: r for r in self.resources})

    def __len__(self) -> int:
        return len(self.resources)

    def __iter__(self):
        return iter(self.resources)

    def get(self, slug: str) -> Resource | None:
        return self._by_slug.get(slug)  # type: ignore[attr-defined]

    def by_src_uri(self, src_uri: str) -> Resource | None:
        slug = src_uri.rsplit("/", 1)[-1].removesuffix(".md")
        resource = self.get(slug)
        return resource if resource and resource.src_uri == src_uri else None

    def of_type(self, rtype: ResourceType) -> list[Resource]:
        return [r for r in self.resources if r.type.id == rtype.id]

    def for_audience(self, audience: Audience) -> list[Resource]:
        return [r for r in self.resources if audience in r.audiences]

    def for_domain(self, domain: Domain) -> list[Resource]:
        return [r for r in self.resources if domain in r.pqs]

    def newest(self, count: int = 6) -> list[Resource]:
        """Most recently published or reviewed first; ties broken by title for a stable order."""
        ordered = sorted(self.resources, key=lambda r: r.title)
        return sorted(ordered, key=lambda r: r.updated, reverse=True)[:count]

    def related(self, resource: Resource, limit: int = RELATED_LIMIT) -> list[Resource]:
        """Explicit `related` first, then those sharing most PQS domains and audiences."""
        chosen = [self.get(slug) for slug in resource.related]
        result = [r for r in chosen if r is not None and r.slug != resource.slug]
        seen = {resource.slug, *(r.slug for r in result)}
        # Only resources sharing a domain and an audience can qualify: count what each shares from
        # indexes by domain and by audience (C-level counting) rather than comparing every pair.
        by_domain, by_audience, rank = self._related_index()
        shared_domains = Counter(chain.from_iterable(by_domain.get(d, ()) for d in {d.id for d in resource.pqs}))
        shared_audiences = Counter(chain.from_iterable(by_audience.get(a, ()) for a in {a.id for a in resource.audiences}))
        resources = self.resources
        scored = [(-(2 * domains + shared_audiences[position]), rank[position], position)
                  for position, domains in shared_domains.items()
                  if position in shared_audiences and resources[position].slug not in seen]
        result.extend(resources[position] for *_, position in heapq.nsmallest(limit, scored))
        return result[:limit]

    def _related_index(self):
        """Positions of the resources by domain id and by audience id, and each one's tie-break rank."""
        index = self.__dict__.get("_related")
        if index is None:
            by_domain: dict[str, list[int]] = {}
            by_audience: dict[str, list[int]] = {}
            for position, r in enumerate(self.resources):
                for domain in {d.id for d in r.pqs}:
                    by_domain.setdefault(domain, []).append(position)
                for audience in {a.id for a in r.audiences}:
                    by_audience.setdefault(audience, []).append(position)
            # Ties go to the most recently updated, then by title: one precomputed number per resource.
            order = sorted(range(len(self.resources)),
                           key=lambda p: (-self.resources[p].updated.toordinal(), self.resources[p].title))
            rank = [0] * len(self.resources)
            for place, position in enumerate(order):
                rank[position] = place
            index = (by_domain, by_audience, rank)
            object.__setattr__(self, "_related", index)
        return index
