"""Content health: what editors should look at next (reviews due, gaps in coverage, missing PDFs).

`scripts/report.py` prints it; the editors' page on the site shows the same report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from macros.content.catalogue import Catalogue
from macros.content.model import Resource
from macros.content.problems import counted
from macros.content.taxonomy import Audience, Domain

# Reviews due within this many days are listed too, so there is time to plan them.
DUE_SOON_DAYS = 90


@dataclass(frozen=True)
class HealthReport:
    """The state of the library on one day."""

    today: date
    resources: int
    overdue: tuple[Resource, ...]  # review_due before today, longest overdue first
    due_soon: tuple[Resource, ...]  # review_due from today to DUE_SOON_DAYS ahead, soonest first
    no_review_date: tuple[Resource, ...]
    uncovered_domains: tuple[Domain, ...]
    uncovered_audiences: tuple[Audience, ...]
    without_pdf: tuple[Resource, ...] | None  # None when no PDFs were made to compare with

    @property
    def due_soon_until(self) -> date:
        return self.today + timedelta(days=DUE_SOON_DAYS)

    @property
    def all_clear(self) -> bool:
        return not (
            self.overdue or self.due_soon or self.uncovered_domains or self.uncovered_audiences or self.without_pdf
        )


def content_health(
    catalogue: Catalogue, *, today: date | None = None, pdf_slugs: set[str] | None = None
) -> HealthReport:
    """Build the report; `pdf_slugs` are the resources that have a PDF, or None if PDFs were not made."""
    today = today or date.today()
    horizon = today + timedelta(days=DUE_SOON_DAYS)
    dated = sorted((r for r in catalogue if r.review_due), key=lambda r: (r.review_due, r.title.lower()))
    taxonomy = catalogue.taxonomy
    return HealthReport(
        today=today,
        resources=len(catalogue),
        overdue=tuple(r for r in dated if r.review_due < today),
        due_soon=tuple(r for r in dated if today <= r.review_due <= horizon),
        no_review_date=tuple(sorted((r for r in catalogue if not r.review_due), key=lambda r: r.title.lower())),
        uncovered_domains=tuple(d for d in taxonomy.domains if not catalogue.for_domain(d)),
        uncovered_audiences=tuple(a for a in taxonomy.audiences if not catalogue.for_audience(a)),
        without_pdf=None
        if pdf_slugs is None
        else tuple(sorted((r for r in catalogue if r.slug not in pdf_slugs), key=lambda r: r.title.lower())),
    )


def pdfs_in_site(site_dir: Path) -> set[str] | None:
    """Slugs of the resource PDFs in a built site, or None if the site has not been built."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        return None
    return {path.stem for path in (site_dir / "pdf").glob("*.pdf")}


def format_report(report: HealthReport, *, source: str = "") -> str:
    """The report as plain text for the terminal."""
    lines = [f"Content health on {report.today.isoformat()}: {counted(report.resources, 'resource')}", ""]

    def section(title: str, items: list[str], empty: str) -> None:
        lines.append(f"{title} ({len(items)})" if items else f"{title}: {empty}")
        lines.extend(f"  - {item}" for item in items)
        lines.append("")

    section(
        "Reviews overdue", [f"{r.src_uri}: due {r.review_due.isoformat()}, {r.title}" for r in report.overdue], "none"
    )
    section(
        f"Reviews due by {report.due_soon_until.isoformat()}",
        [f"{r.src_uri}: due {r.review_due.isoformat()}, {r.title}" for r in report.due_soon],
        "none",
    )
    section("No review date set", [f"{r.src_uri}: {r.title}" for r in report.no_review_date], "none")
    section(
        "PQS domains with no resources",
        [f"{d.id}: {d.short_label}" for d in report.uncovered_domains],
        "none, every domain is covered",
    )
    section(
        "Audiences with no resources",
        [f"{a.id}: {a.label}" for a in report.uncovered_audiences],
        "none, every audience has resources",
    )
    if report.without_pdf is None:
        lines.append(
            f"Resources with no PDF: not known, because {source or 'the site'} has not been built "
            "(run `make site` first)"
        )
    else:
        section(
            "Resources with no PDF",
            [f"{r.src_uri}: {r.title}" for r in report.without_pdf],
            "none, every resource has one",
        )
    return "\n".join(lines).rstrip() + "\n"
