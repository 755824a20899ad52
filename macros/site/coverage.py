"""The PQS coverage map: how many resources cover each PQS domain, per audience and per type.

Senior leaders plan against it; editors use it to see gaps. Counts come from the catalogue's
tags only, so the map can never disagree with the domain, audience and type pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.content.catalogue import Catalogue
from macros.content.model import Resource
from macros.content.taxonomy import Audience, Domain, Framework, ResourceType
from macros.site.listings import GeneratedPage


@dataclass(frozen=True)
class CoverageCell:
    """The resources that cover one domain for one audience or one type."""

    domain: Domain
    column: Audience | ResourceType
    kind: str  # "audience" or "type": the finder's parameter name
    resources: tuple[Resource, ...]

    @property
    def count(self) -> int:
        return len(self.resources)

    @property
    def query(self) -> str:
        """The finder's query string for this cell, e.g. `pqs=cf-4&audience=senior-leaders`."""
        return f"pqs={self.domain.id}&{self.kind}={self.column.id}"


@dataclass(frozen=True)
class CoverageRow:
    """One PQS domain: a cell per audience, a cell per type, and every resource covering it."""

    domain: Domain
    audience_cells: tuple[CoverageCell, ...]
    type_cells: tuple[CoverageCell, ...]
    resources: tuple[Resource, ...]

    @property
    def cells(self) -> tuple[CoverageCell, ...]:
        return self.audience_cells + self.type_cells


@dataclass(frozen=True)
class FrameworkCoverage:
    """The rows of one PQS framework."""

    framework: Framework
    rows: tuple[CoverageRow, ...]


@dataclass(frozen=True)
class Coverage:
    """The whole map: its columns, and its rows grouped by framework."""

    audiences: tuple[Audience, ...]
    types: tuple[ResourceType, ...]
    frameworks: tuple[FrameworkCoverage, ...]

    @property
    def rows(self) -> tuple[CoverageRow, ...]:
        return tuple(row for f in self.frameworks for row in f.rows)

    @property
    def uncovered_domains(self) -> tuple[Domain, ...]:
        """Domains that no resource covers at all."""
        return tuple(row.domain for row in self.rows if not row.resources)

    @property
    def empty_cells(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if not cell.count)


def build_coverage(catalogue: Catalogue) -> Coverage:
    """Count the catalogue's resources per PQS domain, per audience and per type."""
    taxonomy = catalogue.taxonomy
    frameworks = []
    for framework in taxonomy.frameworks:
        rows = []
        for domain in framework.domains:
            covering = tuple(catalogue.for_domain(domain))
            audience_cells = tuple(
                CoverageCell(domain, audience, "audience", tuple(r for r in covering if audience in r.audiences))
                for audience in taxonomy.audiences
            )
            type_cells = tuple(
                CoverageCell(domain, rtype, "type", tuple(r for r in covering if r.type.id == rtype.id))
                for rtype in taxonomy.types
            )
            rows.append(CoverageRow(domain, audience_cells, type_cells, covering))
        frameworks.append(FrameworkCoverage(framework, tuple(rows)))
    return Coverage(taxonomy.audiences, taxonomy.types, tuple(frameworks))


def coverage_pages(catalogue: Catalogue) -> list[GeneratedPage]:
    """The coverage map page."""
    return [
        GeneratedPage(
            "coverage/index.md",
            "PQS coverage map",
            "How many resources in the library cover each domain of the post-qualifying standards (PQS), "
            "for each audience and each type of resource. Use it to plan learning against the PQS, "
            "or to see where the library has gaps.",
            "coverage-page.html",
            {"coverage": build_coverage(catalogue)},
        )
    ]
