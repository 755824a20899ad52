"""The catalogue: every resource, with the views the site's pages need."""

from __future__ import annotations

from dataclasses import dataclass

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

        def score(other: Resource) -> tuple[int, int, str]:
            shared_domains = len(set(other.pqs) & set(resource.pqs))
            shared_audiences = len(set(other.audiences) & set(resource.audiences))
            return (-(2 * shared_domains + shared_audiences), -other.updated.toordinal(), other.title)

        candidates = [r for r in self.resources if r.slug not in seen
                      and (set(r.pqs) & set(resource.pqs)) and (set(r.audiences) & set(resource.audiences))]
        result.extend(sorted(candidates, key=score))
        return result[:limit]
