"""The catalogue: every resource, with the views the site's pages need."""

from __future__ import annotations

from dataclasses import dataclass

from macros.content.model import Resource
from macros.content.taxonomy import Audience, Domain, ResourceType, Taxonomy

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

    def published(self) -> Catalogue:
        """The catalogue without its drafts: what `make site` publishes."""
        return Catalogue(self.taxonomy, tuple(r for r in self.resources if not r.draft))

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
        """Most recently published or updated first; ties broken by title for a stable order."""
        ordered = sorted(self.resources, key=lambda r: r.title)
        return sorted(ordered, key=lambda r: r.updated, reverse=True)[:count]

    def related(self, resource: Resource, limit: int = RELATED_LIMIT) -> list[Resource]:
        """Explicit `related` first, then those sharing most PQS domains and audiences."""
        chosen = [self.get(slug) for slug in dict.fromkeys(resource.related)]
        result = [r for r in chosen if r is not None and r.slug != resource.slug]
        seen = {resource.slug, *(r.slug for r in result)}
        # Only resources sharing a domain and an audience qualify. Comparing every pair made the
        # build quadratic (see BENCHMARKS.md), so each domain and audience is a bit set over the
        # resources in tie-break order, and whole sets are counted at once: the lowest set bit of
        # a score's set is then its best candidate.
        by_domain, by_audience, order, rank = self._related_index()
        domains = _bit_count_levels([by_domain.get(d, 0) for d in {d.id for d in resource.pqs}])
        audiences = _bit_count_levels([by_audience.get(a, 0) for a in {a.id for a in resource.audiences}])
        excluded = 0
        for slug in seen:
            position = self._by_slug_position.get(slug)  # type: ignore[attr-defined]
            if position is not None:
                excluded |= 1 << rank[position]
        wanted = limit - len(result)
        for score in range(2 * (len(domains) - 1) + len(audiences) - 1, 2, -1):
            if wanted <= 0:
                break
            found = 0
            for shared_domains in range(1, len(domains)):
                shared_audiences = score - 2 * shared_domains
                if 1 <= shared_audiences < len(audiences):
                    found |= domains[shared_domains] & audiences[shared_audiences]
            found &= ~excluded
            while found and wanted > 0:
                lowest = found & -found
                result.append(self.resources[order[lowest.bit_length() - 1]])
                found ^= lowest
                wanted -= 1
        return result[:limit]

    def _related_index(self):
        """Bit sets (one bit per resource, in tie-break order) by domain id and by audience id, that
        order as positions in the catalogue, and each position's place in it."""
        index = self.__dict__.get("_related")
        if index is None:
            # Ties go to the most recently updated, then by title.
            order = sorted(
                range(len(self.resources)),
                key=lambda p: (-self.resources[p].updated.toordinal(), self.resources[p].title),
            )
            rank = [0] * len(self.resources)
            for place, position in enumerate(order):
                rank[position] = place
            by_domain: dict[str, int] = {}
            by_audience: dict[str, int] = {}
            for position, r in enumerate(self.resources):
                bit = 1 << rank[position]
                for domain in {d.id for d in r.pqs}:
                    by_domain[domain] = by_domain.get(domain, 0) | bit
                for audience in {a.id for a in r.audiences}:
                    by_audience[audience] = by_audience.get(audience, 0) | bit
            index = (by_domain, by_audience, order, rank)
            object.__setattr__(self, "_related", index)
            object.__setattr__(self, "_by_slug_position", {r.slug: p for p, r in enumerate(self.resources)})
        return index


def _bit_count_levels(sets: list[int]) -> list[int]:
    """For bit sets s1..sn, the bits set in exactly k of them, at index k for k = 1..n (index 0 is unused)."""
    counters: list[int] = []  # a binary counter per bit: counters[i] holds bit i of every count
    for bits in sets:
        carry = bits
        for level, counter in enumerate(counters):
            counters[level], carry = counter ^ carry, counter & carry
            if not carry:
                break
        if carry:
            counters.append(carry)
    everything = 0
    for bits in sets:
        everything |= bits
    levels = [0] * (len(sets) + 1)
    for count in range(1, len(sets) + 1):
        exact = everything
        for level, counter in enumerate(counters):
            exact &= counter if count >> level & 1 else ~counter
        levels[count] = exact
    return levels
