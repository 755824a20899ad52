"""Provenance: who wrote a resource, what it draws on, what changed, drafts, and typography.

Each error path of the `source` and `changes` fields, of content/sources.yml and of drafts is
reported as `path:line: message (hint)`; what readers see comes from real builds.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from pypdf import PdfReader

from conftest import ROOT, own_library, text_of
from macros.build import build_site

INTRO = "Some opening words.\n\n## What it covers\n\nA paragraph.\n\n"

SOURCES = """\
sources:
  - id: nosowska-2021
    title: "Capabilities, consistency and outcomes"
    authors: [Gerry Nosowska]
    year: 2021
    publisher: Research in Practice
    isbn: 978-1-911638-76-6
  - id: skills-for-care-2013
    title: Developing reflective practice
    authors: [Skills for Care]
    year: 2013
    publisher: Skills for Care
    url: https://www.example.org/case-study
"""


def reading(html: str) -> str:
    """Text as a reader sees it: text_of, without the spaces it leaves where inline tags end before a mark."""
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([.,;:)])", r"\1", text_of(html)))


def errors(project) -> list[str]:
    return [str(p) for p in project.validate().problems if p.severity == "error"]


def line_of(path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


# -- sources ---------------------------------------------------------------------------------------


def test_a_source_is_named_by_its_id_and_read_with_its_own_authors(project):
    project.write("sources.yml", SOURCES)
    project.resource("briefings", "adapted", source=["nosowska-2021", "skills-for-care-2013"])
    assert errors(project) == []
    resource = project.validate().catalogue.get("adapted")
    assert [(s.id, s.authors, s.year, s.isbn, s.url) for s in resource.sources] == [
        ("nosowska-2021", ("Gerry Nosowska",), 2021, "978-1-911638-76-6", ""),
        ("skills-for-care-2013", ("Skills for Care",), 2013, "", "https://www.example.org/case-study"),
    ]
    assert [p.name for p in resource.authors] == ["Sam Example"]


def test_a_source_that_is_not_listed_is_an_error_on_its_line(project):
    project.write("sources.yml", SOURCES)
    path = project.resource("briefings", "adapted", source=["nosowska-2012", "someone-else"])
    assert errors(project) == [
        f"content/briefings/adapted.md:{line_of(path, 'nosowska-2012')}: source 'nosowska-2012' is not in "
        "content/sources.yml (did you mean 'nosowska-2021'?)",
        f"content/briefings/adapted.md:{line_of(path, 'someone-else')}: source 'someone-else' is not in "
        "content/sources.yml (add the publication to content/sources.yml first, then name it here by its id)",
    ]


@pytest.mark.parametrize(
    "old,new,expect",
    [
        ("year: 2013", "year: 21", "'21' is not a likely year"),
        ("year: 2013", "year: twenty", "'year' must be a whole number, not 'twenty'"),
        ("url: https://www.example.org/case-study", "url: www.example.org", "'www.example.org' is not a web address"),
        ("isbn: 978-1-911638-76-6", "isbn: 978-1-911638-76-7", "ISBN '978-1-911638-76-7' is not valid (check the"),
        ("publisher: Skills for Care", "editor: Someone", "unknown key 'editor' in a source"),
        ("id: skills-for-care-2013", "id: nosowska-2021", "source id 'nosowska-2021' is used twice"),
    ],
)
def test_each_mistake_in_the_sources_file_is_reported_on_its_line(project, old, new, expect):
    path = project.write("sources.yml", SOURCES.replace(old, new))
    project.resource("briefings", "plain")
    found = [m for m in errors(project) if "missing 'publisher'" not in m]
    assert len(found) == 1, found
    line = [n for n, text in enumerate(path.read_text().splitlines(), start=1) if new in text][-1]
    assert found[0].startswith(f"content/sources.yml:{line}: "), found
    assert expect in found[0]


def test_a_source_without_a_publisher_says_what_is_missing(project):
    project.write("sources.yml", SOURCES.replace("    publisher: Skills for Care\n", ""))
    assert errors(project) == ["content/sources.yml:8: source is missing 'publisher' (who published it)"]


def test_the_sources_file_is_read_but_never_published(project):
    project.write("sources.yml", SOURCES)
    project.resource("briefings", "plain")
    result = project.build()
    assert result.code == 0, result.output
    assert not list(result.site.rglob("sources.yml"))


def test_the_page_the_citation_and_the_pdf_say_who_wrote_it_and_what_it_draws_on(project):
    project.write("sources.yml", SOURCES)
    project.resource(
        "briefings",
        "adapted",
        source=["nosowska-2021", "skills-for-care-2013"],
        authors=[{"name": "The Library editorial team", "role": "Example Press"}],
    )
    result = project.build(pdf=True)
    assert result.code == 0, result.output
    page = reading(result.html("briefings/adapted/"))
    assert "Written by The Library editorial team (Example Press)" in page
    assert (
        "Based on Nosowska, G. (2021) Capabilities, consistency and outcomes. Research in Practice. "
        "ISBN 978-1-911638-76-6. Skills for Care (2013) Developing reflective practice. Skills for Care. "
        "Available at: https://www.example.org/case-study." in page
    )
    cite = reading(
        re.search(r'<p class="lib-cite__text" data-cite>(.*?)</p>', result.html("briefings/adapted/"), re.S).group(1)
    )
    assert cite.startswith("The Library editorial team (2024) Adapted. [Briefing]. Research in Practice.")
    assert cite.endswith(
        "Based on: Nosowska, G. (2021) Capabilities, consistency and outcomes. Research in Practice. "
        "ISBN 978-1-911638-76-6; Skills for Care (2013) Developing reflective practice. Skills for Care. "
        "Available at: https://www.example.org/case-study."
    )
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(result.site / "pdf" / "adapted.pdf").pages).split())
    assert "Written by The Library editorial team, Example Press" in pdf
    assert "Based on Nosowska, G. (2021) Capabilities, consistency and outcomes." in pdf
    assert PdfReader(result.site / "pdf" / "adapted.pdf").metadata.author == "The Library editorial team"


def test_the_sample_resources_credit_the_editorial_team_and_cite_their_sources():
    """No person is credited with text they did not write: the ten samples are the editorial team's own."""
    library = own_library()
    team = library.options.editorial_team.name
    assert team
    for resource in library.catalogue:
        assert [p.name for p in resource.authors] == [team], resource.slug
        assert resource.editors == (), resource.slug
        assert resource.sources, f"{resource.slug} cites no source"
        source_authors = {name for s in resource.sources for name in s.authors}
        assert not source_authors & {p.name for p in resource.authors}, resource.slug


# -- changes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes,expect",
    [
        ([{"date": "2023-12-01", "note": "Too early."}], "a change is dated 2023-12-01, before 'published'"),
        ([{"date": "2199-01-01", "note": "Too late."}], "a change is dated in the future: 2199-01-01"),
        (
            [{"date": "2024-06-01", "note": "Second."}, {"date": "2024-03-01", "note": "First."}],
            "changes are not in date order: 2024-03-01 comes after a later one",
        ),
        ([{"date": "1st March", "note": "When?"}], "'changes date' is not a valid date: '1st March'"),
        ([{"date": "2024-03-01"}], "a change in changes has no note"),
        ([{"note": "When?"}], "a change in changes has no date"),
        ([{"date": "2024-03-01", "note": "N", "major": "yes"}], "'changes major' must be true or false, not 'yes'"),
        ([{"date": "2024-03-01", "note": "N", "by": "Me"}], "unknown key 'by' in changes"),
        (["Rewrote it"], "each of changes is a change written as `key: value` lines"),
    ],
)
def test_each_mistake_in_a_change_is_reported_on_its_line(project, changes, expect):
    path = project.resource("briefings", "changed", published="2024-01-15", changes=changes)
    found = errors(project)
    assert len(found) == 1, found
    bad = len(changes) - 1 if "date order" in expect else 0
    lines = path.read_text().splitlines()
    start = lines.index("changes:")
    item_line = [n for n, line in enumerate(lines[start:], start=start + 1) if line.startswith("- ")][bad]
    assert found[0].startswith(f"content/briefings/changed.md:{item_line}: {expect}"), found


def test_reviewed_before_published_is_an_error(project):
    path = project.resource("briefings", "reviewed", published="2024-01-15", reviewed="2023-01-01")
    assert errors(project) == [
        f"content/briefings/reviewed.md:{line_of(path, 'reviewed:')}: 'reviewed' is before 'published' "
        "(a resource can only be reviewed after it is published)"
    ]


def test_the_page_shows_published_last_updated_and_every_update(project):
    project.resource(
        "briefings",
        "changed",
        published="2024-01-15",
        changes=[
            {"date": "2024-03-01", "note": "Corrected a figure."},
            {"date": "2025-02-10", "note": "Added the 2024 survey's findings.", "major": True},
        ],
    )
    project.resource("briefings", "unchanged", published="2024-01-15")
    result = project.build()
    assert result.code == 0, result.output
    html = result.html("briefings/changed/")
    essentials = reading(re.search(r'<p class="lib-essentials">(.*?)</p>', html, re.S).group(1))
    assert "Published 15 January 2024 · Last updated 10 February 2025 (see all updates)" in essentials
    assert re.search(r'<a href="#updates">see all updates</a>', html)
    updates = re.search(r'<details class="lib-disclosure lib-updates">(.*?)</details>', html, re.S).group(1)
    assert reading(updates) == (
        "See all updates (3) 10 February 2025: Added the 2024 survey’s findings. "
        "1 March 2024: Corrected a figure. 15 January 2024: first published."
    )
    assert 'id="updates"' in updates
    # A resource that never changed says when it was published, and nothing about updates.
    unchanged = result.html("briefings/unchanged/")
    assert "Last updated" not in text_of(unchanged) and "lib-updates" not in unchanged


# -- drafts ----------------------------------------------------------------------------------------


def test_a_draft_is_checked_but_never_published(project):
    project.resource("briefings", "ready")
    project.resource("briefings", "unfinished", title="Unfinished work", draft=True)
    assert errors(project) == []
    result = project.build(pdf=True)
    assert result.code == 0, result.output
    assert not (result.site / "briefings" / "unfinished").exists()
    assert not (result.site / "pdf" / "unfinished.pdf").exists()
    everything = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in result.site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".json")
    )
    assert "Unfinished work" not in everything and "unfinished" not in everything


def test_an_image_only_a_draft_shows_is_left_out_with_it(project):
    project.image("briefings/images/shared.png")
    project.image("briefings/images/secret-plan.png")
    project.resource("briefings", "ready", body=INTRO + "![A shared figure](images/shared.png)\n")
    project.resource(
        "briefings",
        "unfinished",
        body=INTRO + "![A shared figure](images/shared.png)\n\n![The plan](images/secret-plan.png)\n",
        draft=True,
    )
    result = project.build()
    assert result.code == 0, result.output
    assert (result.site / "briefings" / "images" / "shared.png").exists()
    assert not (result.site / "briefings" / "images" / "secret-plan.png").exists()


def test_the_preview_shows_a_draft_with_a_banner(project):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project.resource("briefings", "unfinished", title="Unfinished work", draft=True)
    config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(project.root / "preview"))
    config.plugins["resource-library"].config["pdf"] = False
    config.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` (make preview) does
    build(config)
    html = (project.root / "preview" / "briefings" / "unfinished" / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<div class="lib-draft" role="note">(.*?)</div>', html, re.S)
    assert banner and text_of(banner.group(1)).startswith("Draft. Only the preview shows this resource")


@pytest.mark.parametrize("how", ["related", "link", "pathway"])
def test_a_published_resource_may_not_lead_to_a_draft(project, how):
    project.resource("briefings", "unfinished", draft=True)
    body = "Some words.\n\nSee [the unfinished one](unfinished.md).\n" if how == "link" else None
    front = {"related": ["unfinished"]} if how == "related" else {}
    path = project.resource("briefings", "ready", body=body, **front)
    if how == "pathway":
        path = project.write(
            "pathways.yml",
            """
            pathways:
              - id: first
                title: First
                audience: practice-supervisors
                description: A pathway.
                steps:
                  - resource: ready
                  - resource: unfinished
            """,
        )
    found = errors(project)
    assert len(found) == 1, found
    shown = "content/pathways.yml" if how == "pathway" else "content/briefings/ready.md"
    assert found[0].startswith(f"{shown}:{line_of(path, 'unfinished')}: ")
    assert "a draft, which is not published" in found[0]
    # A draft may lead to another draft.
    project.resource("briefings", "also-unfinished", related=["unfinished"], draft=True)
    assert len(errors(project)) == 1


def test_draft_must_be_true_or_false(project):
    path = project.resource("briefings", "unsure", draft="maybe")
    assert errors(project) == [
        f"content/briefings/unsure.md:{line_of(path, 'draft:')}: 'draft' must be true or false, not 'maybe'"
    ]


# -- typography ------------------------------------------------------------------------------------


def test_quotes_and_dashes_are_set_the_same_way_everywhere_whatever_was_typed(project):
    project.resource(
        "briefings",
        "typed",
        title="""Supervisors' "first year" -- a guide""",
        summary="It's what you do... and how.",
        body='Supervisors\' "first year" -- a guide...\n\n## What it covers\n\nWords.\n',
    )
    result = project.build(pdf=True)
    assert result.code == 0, result.output
    title = "Supervisors’ “first year” – a guide"
    html = result.html("briefings/typed/")
    assert text_of(re.search(r'<h1 class="lib-title">(.*?)</h1>', html).group(1)) == title
    assert text_of(re.search(r"<title>(.*?)</title>", html).group(1)).startswith(title)
    assert "Supervisors’ “first year” – a guide…" in text_of(html)  # the body, by Markdown's smarty
    assert "It’s what you do… and how." in text_of(html)
    assert title in text_of(result.html("briefings/"))  # listings
    feed = ET.parse(result.site / "feed.xml").getroot()
    assert title in [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    index = json.loads(next(result.site.rglob("*.json")).read_text(encoding="utf-8"))
    assert title in json.dumps(index, ensure_ascii=False)
    assert PdfReader(result.site / "pdf" / "typed.pdf").metadata.title == title


def test_the_build_of_the_real_content_is_unchanged_by_the_checks_for_provenance(tmp_path):
    """The project's own content builds with the provenance it declares (a smoke test of mkdocs.yml)."""
    outcome = build_site(ROOT / "mkdocs.yml", tmp_path / "site", pdf=False)
    assert outcome.code == 0
    page = text_of(
        (tmp_path / "site" / "briefings" / "using-adult-pqs-to-strengthen-supervision" / "index.html").read_text(
            encoding="utf-8"
        )
    )
    assert "Written by Practice Supervisor Resource Library editorial team (Research in Practice)" in page
    assert "Based on Nosowska, G. (2021)" in page
    assert date(2026, 11, 29).strftime("%-d %B %Y") in page
