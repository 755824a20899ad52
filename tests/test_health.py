"""The content-health report: reviews due, uncovered PQS domains and audiences, resources with no PDF."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

import pytest

from conftest import run_library
from macros.site.health import content_health, format_report, pdfs_in_site

TODAY = date(2026, 6, 1)


@pytest.fixture
def ageing_project(project):
    """One resource overdue for review, one due soon, one fine; only cf-7 and asc-6 covered."""
    project.resource(
        "briefings",
        "overdue-briefing",
        title="Overdue briefing",
        review_due="2025-01-31",
        audience=["senior-leaders"],
        pqs=["cf-7"],
    )
    project.resource(
        "one-minute-guides",
        "due-soon-guide",
        title="Due soon guide",
        review_due="2026-07-15",
        audience=["middle-leaders"],
        pqs=["asc-6"],
    )
    project.resource(
        "practice-tools",
        "fresh-tool",
        title="Fresh tool",
        review_due="2029-01-01",
        audience=["practice-supervisors"],
        pqs=["cf-7"],
    )
    return project


def test_report_lists_reviews_due_and_uncovered_domains_and_audiences(ageing_project):
    report = content_health(ageing_project.validate().catalogue, today=TODAY, pdf_slugs={"fresh-tool"})
    assert [r.slug for r in report.overdue] == ["overdue-briefing"]
    assert [r.slug for r in report.due_soon] == ["due-soon-guide"]
    assert "cf-1" in [d.id for d in report.uncovered_domains]
    uncovered = [d.id for d in report.uncovered_domains]
    assert "cf-7" not in uncovered and "asc-6" not in uncovered
    assert len(report.uncovered_domains) == 14
    assert [a.id for a in report.uncovered_audiences] == [
        "principal-social-workers",
        "workforce-development",
        "practitioners",
    ]
    assert [r.slug for r in report.without_pdf] == ["due-soon-guide", "overdue-briefing"]
    assert not report.all_clear


def test_the_overdue_review_is_also_a_check_warning(ageing_project):
    problems = [p for p in ageing_project.validate().problems if "overdue-briefing" in p.path]
    assert [p.severity for p in problems] == ["warning"]
    assert "review was due on 2025-01-31" in str(problems[0])


def test_report_script_prints_each_section(ageing_project):
    run = run_library("report", "--today", TODAY.isoformat(), cwd=ageing_project.root)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Content health on 2026-06-01: 3 resources" in out
    assert "Reviews overdue (1)\n  - briefings/overdue-briefing.md: due 2025-01-31, Overdue briefing" in out
    assert "Reviews due by 2026-08-30 (1)\n  - one-minute-guides/due-soon-guide.md: due 2026-07-15" in out
    assert "PQS domains with no resources (14)" in out
    assert "  - cf-1: Child and family 1: Promote and govern excellent practice" in out
    assert "Audiences with no resources (3)" in out and "  - practitioners: Practitioners" in out
    assert "Resources with no PDF: not known, because site/ has not been built" in out


def test_pdfs_are_looked_for_in_the_built_site(ageing_project, tmp_path):
    site = tmp_path / "built"
    assert pdfs_in_site(site) is None
    (site / "pdf").mkdir(parents=True)
    (site / "index.html").write_text("<html></html>")
    (site / "pdf" / "overdue-briefing.pdf").write_bytes(b"%PDF-1.7")
    assert pdfs_in_site(site) == {"overdue-briefing"}
    run = run_library("report", "--site", str(site), cwd=ageing_project.root)
    assert "Resources with no PDF (2)" in run.stdout
    assert "due-soon-guide.md" in run.stdout.split("Resources with no PDF")[1]
    assert "overdue-briefing.md" not in run.stdout.split("Resources with no PDF")[1]


def test_all_clear_report(project):
    for number in range(1, 9):
        project.resource(
            "briefings",
            f"cf-{number}-and-asc-{number}",
            pqs=[f"cf-{number}", f"asc-{number}"],
            audience=[
                a
                for a in (
                    "senior-leaders",
                    "middle-leaders",
                    "practice-supervisors",
                    "principal-social-workers",
                    "workforce-development",
                    "practitioners",
                )
            ],
            review_due="2030-01-01",
        )
    report = content_health(project.validate().catalogue, today=TODAY, pdf_slugs=None)
    assert report.all_clear
    text = format_report(report)
    assert "PQS domains with no resources: none, every domain is covered" in text
    assert "Reviews overdue: none" in text


def test_editors_page_shows_the_same_report(ageing_project, monkeypatch):
    # The page speaks of the date the content gives (or SOURCE_DATE_EPOCH), never of the day it is built.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.combine(TODAY, time(), UTC).timestamp())))
    result = ageing_project.build()
    assert result.code == 0, result.output
    html = result.html("editors/")
    overdue = html.split('id="reviews-overdue"')[1].split("<h3")[0]
    assert 'href="../briefings/overdue-briefing/"' in overdue and "Overdue briefing" in overdue
    domains = html.split('id="uncovered-domains"')[1].split("<h3")[0]
    assert 'href="../pqs/cf-1/"' in domains and "pqs/cf-7/" not in domains
    audiences = html.split('id="uncovered-audiences"')[1].split("<h3")[0]
    assert 'href="../audiences/practitioners/"' in audiences
    assert "this build made no PDFs" in html.split('id="without-pdf"')[1]
    # The page is listed in the site's navigation.
    assert re.search(r'href="editors/"[^>]*>\s*For editors', result.html())
