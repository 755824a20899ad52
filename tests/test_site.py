"""Fixture sites built for real: browse pages, resource pages, macros safety, nav size, swap."""

from __future__ import annotations

import os
import re
import textwrap
from datetime import date

from conftest import SiteProject, text_of


def test_resource_appears_under_its_type_audiences_and_domains(sample_project):
    result = sample_project.build()
    assert result.code == 0, result.output
    link = 'href="../../briefings/leading-supervision/"'
    assert 'href="leading-supervision/"' in result.html("briefings/")
    assert link in result.html("audiences/senior-leaders/")
    assert link in result.html("pqs/cf-1/")
    assert link in result.html("pqs/asc-2/")
    assert "leading-supervision" not in result.html("pqs/cf-2/")


def test_every_domain_and_audience_gets_a_page_saying_when_nothing_covers_it(sample_project):
    result = sample_project.build()
    assert "No resource covers this domain yet" in result.html("pqs/cf-8/")
    assert "Nothing is written for this audience yet" in result.html("audiences/practitioners/")
    assert (result.site / "pqs" / "asc-8" / "index.html").exists()


def test_listing_entries_show_title_summary_type_audiences_and_reading_time(sample_project):
    html = sample_project.build().html("audiences/middle-leaders/")
    card = text_of(re.search(r'<li class="lib-card.*?</li>', html, re.S).group(0))
    assert "First year guide" in card
    assert "A short summary of first year guide." in card
    assert "One-minute guide" in card and "For Middle leaders" in card and "min read" in card


def test_resource_page_has_metadata_block_and_related(sample_project):
    html = sample_project.build().html("briefings/leading-supervision/")
    # GOV.UK's order: breadcrumbs, title, summary as the lead, one line of essentials, then the text.
    head = html.split("<p>Some opening words about this resource.</p>")[0].split('id="lib-content"')[1]
    assert [m for m in ("lib-breadcrumbs", "<h1", "lib-lead", "lib-essentials") if m in head] == [
        "lib-breadcrumbs",
        "<h1",
        "lib-lead",
        "lib-essentials",
    ]
    assert head.index("lib-breadcrumbs") < head.index("<h1") < head.index("lib-lead") < head.index("lib-essentials")
    essentials = text_of(re.search(r'<p class="lib-essentials">.*?</p>', head, re.S).group(0))
    assert essentials == "Briefing for senior leaders · Published 15 January 2024 · 1 min read"
    # Everything else about it comes after the text.
    about = html.split('class="lib-about"')[1].split("</section>")[0]
    assert 'href="../../audiences/senior-leaders/"' in about
    assert 'href="../../pqs/cf-1/"' in about and "Child and family 1: Promote and govern excellent practice" in about
    assert "Sam Example" in about and "Practice lead" in about
    assert '<time datetime="2024-01-15">15 January 2024</time>' in about
    related = html.split('class="lib-related"')[1]
    assert 'href="../../one-minute-guides/first-year-guide/"' in related


def test_search_finds_authors_but_not_related_titles(sample_project):
    import json

    from macros.finder.index import FINDER_DIR, load_finder_index
    from macros.finder.search import search_finder

    result = sample_project.build()
    folder = result.site / FINDER_DIR
    index = load_finder_index((folder / "index.json").read_text(encoding="utf-8"))
    resources = json.loads((folder / "resources.json").read_text(encoding="utf-8"))["resources"]

    def found(words: str) -> set[str]:
        return {r.resource["slug"] for r in search_finder(index, resources, words)}

    assert "leading-supervision" in found("Sam Example")  # the authors are searchable
    assert "leading-supervision" not in found("first year guide")  # the titles of its related resources are not


def test_home_page_lists_types_audiences_domains_and_newest(sample_project):
    sample_project.resource("practice-tools", "newest-tool", published="2025-06-01")
    html = sample_project.build().html()
    content = html.split('id="lib-content"')[1]
    # The home page leads with search, then a way in for each audience; the domains are one link away.
    assert content.index('action="find-resources/"') < content.index('href="audiences/senior-leaders/"')
    assert "I am a senior leader" in content and "I am a social worker" in content
    assert 'href="pqs/asc-8/"' not in content and 'href="browse/"' in content
    newest = html.split('id="newest-resources"')[1]
    assert newest.index("Newest tool") < newest.index("Leading supervision")


def test_resource_jinja_is_never_executed(project):
    project.resource("briefings", "curly", body="Show {{ config }} and a stray {{ here.\n\n{% if x %}y{% endif %}\n")
    result = project.build()
    assert result.code == 0, result.output
    html = result.html("briefings/curly/")
    assert "{{ config }}" in html and "{{ here." in html and "{% if x %}" in html
    assert "site_name" not in html.split('class="md-content"')[1]


def test_a_new_type_is_a_data_change_plus_a_folder(project):
    taxonomy = project.content / "taxonomy.yml"
    taxonomy.write_text(
        taxonomy.read_text().replace(
            "audiences:\n",
            textwrap.dedent("""\
          - id: case-study
            folder: case-studies
            label: Case study
            plural: Case studies
            cover_label: "Case Study"
            description: Longer accounts of practice to learn from.
        audiences:
          - id: ward-managers
            label: Ward managers
            description: A new audience added as data.
        """),
            1,
        )
    )
    project.resource("case-studies", "restructure-story", audience=["ward-managers"], pqs=["asc-6"])
    result = project.build()
    assert result.code == 0, result.output
    assert "Case studies" in result.html()
    assert 'href="restructure-story/"' in result.html("case-studies/")
    assert 'href="../../case-studies/restructure-story/"' in result.html("audiences/ward-managers/")
    assert "Case study" in result.html("case-studies/restructure-story/")


def test_failed_build_leaves_the_previous_site_untouched(sample_project):
    assert sample_project.build().code == 0
    before = {p: p.read_bytes() for p in sample_project.root.joinpath("site").rglob("*") if p.is_file()}
    sample_project.resource("briefings", "broken", audience=["nobody"])
    result = sample_project.build()
    assert result.code == 1
    assert "content/briefings/broken.md:" in result.output and "Traceback" not in result.output
    after = {p: p.read_bytes() for p in sample_project.root.joinpath("site").rglob("*") if p.is_file()}
    assert after == before
    assert not (sample_project.root / "site.tmp").exists()


def test_build_failure_inside_mkdocs_also_keeps_the_site(sample_project):
    assert sample_project.build().code == 0
    before = sorted(p.relative_to(sample_project.root) for p in sample_project.root.joinpath("site").rglob("*"))
    sample_project.write("about.md", "# About\n\n[broken](missing-page.md)\n")
    result = sample_project.build()
    assert result.code == 1
    assert "The previous site in site/ is unchanged" in result.output
    assert sorted(p.relative_to(sample_project.root) for p in sample_project.root.joinpath("site").rglob("*")) == before


def test_no_third_party_hosts_in_the_built_html(sample_project):
    result = sample_project.build()
    fetched = re.compile(
        r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="(https?:)?//'
        r'|<link\b[^>]*\brel="(?:stylesheet|icon|preload|preconnect|modulepreload)"[^>]*\bhref="(https?:)?//'
    )
    for page in list(result.site.rglob("*.html")) + list(result.site.rglob("*.css")):
        text = page.read_text(encoding="utf-8")
        assert not fetched.search(text), (page, fetched.search(text).group(0))
        assert not re.search(r"url\((['\"]?)(https?:)?//", text), page
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_largest_resource_page_barely_grows_with_the_catalogue(tmp_path):
    def build(count: int) -> int:
        project = SiteProject(tmp_path / f"n{count}")
        project.resource("briefings", "measured", pqs=["cf-1"], audience=["senior-leaders"])
        for i in range(count):
            project.resource(
                "practice-tools",
                f"generated-{i:03d}",
                title=f"Generated tool {i:03d}",
                pqs=[f"cf-{i % 8 + 1}", f"asc-{i % 8 + 1}"],
                audience=["practice-supervisors"],
            )
        result = project.build()
        assert result.code == 0, result.output
        return max(len(p.read_bytes()) for p in (result.site / "briefings" / "measured").glob("*.html"))

    small, large = build(3), build(300)
    assert large <= small * 1.05, (small, large)


class _AnotherDay(date):
    """A clock that says it is years from now."""

    @classmethod
    def today(cls):
        return cls(2031, 7, 4)


def test_same_content_builds_byte_identical_html_on_any_day(tmp_path, monkeypatch):
    outputs = []
    for name in ("one", "two"):
        project = SiteProject(tmp_path / name)
        project.resource("briefings", "stable", pqs=["cf-1"], review_due="2029-01-01")
        project.resource("practice-tools", "also-stable", pqs=["cf-1"])
        environment = dict(os.environ)
        result = project.build()
        assert dict(os.environ) == environment, "a build must leave the environment as it found it"
        monkeypatch.setattr("macros.content.loader.date", _AnotherDay)  # the second build is on another day
        assert result.code == 0
        outputs.append(
            {p.relative_to(result.site).as_posix(): p.read_bytes() for p in result.site.rglob("*") if p.is_file()}
        )
    assert outputs[0].keys() == outputs[1].keys()
    differing = [k for k in outputs[0] if outputs[0][k] != outputs[1][k]]
    assert differing == []
