"""The Atom feed, the sitemap's last-modified dates, and "Cite this resource"."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from macros.authoring.cms import ADMIN_DIR
from macros.content.model import Person
from macros.site.citations import harvard_name

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://resources.example.org/"


@pytest.fixture
def many_project(project):
    """22 resources with distinct dates, some changed since, so the feed has to choose the newest 20 events.

    Every fourth resource has a major change in 2025 (announced) and every fifth a minor one in
    2026 (not announced: only its "last updated" date moves).
    """
    for n in range(22):
        folder = ("briefings", "one-minute-guides", "practice-tools")[n % 3]
        changes = []
        if n % 4 == 0:
            changes.append({"date": f"2025-{(n % 12) + 1:02d}-15", "note": f"Rewrote part {n} & more.", "major": True})
        if n % 5 == 0:
            changes.append({"date": f"2026-01-{n + 1:02d}", "note": "Corrected a reference."})
        project.resource(
            folder,
            f"resource-{n:02d}",
            published=f"{2000 + n}-01-{(n % 27) + 1:02d}",
            title=f"Resource number {n:02d} & more",
            changes=changes or None,
            authors=[{"name": "Sam Example", "role": "Practice lead"}, {"name": "Research team"}],
        )
    return project


def test_feed_announces_new_resources_and_major_changes_newest_first(many_project):
    result = many_project.build()
    assert result.code == 0, result.output
    feed = ET.parse(result.site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None, tag
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 20
    # What should be announced, worked out from the fixture: 22 publications and 6 major changes.
    events = [(date(2000 + n, 1, (n % 27) + 1), f"Resource number {n:02d} & more") for n in range(22)]
    events += [(date(2025, (n % 12) + 1, 15), f"Updated: Resource number {n:02d} & more") for n in range(0, 22, 4)]
    events.sort(key=lambda e: (-e[0].toordinal(), e[1]))
    assert [e.findtext(f"{ATOM}title") for e in entries] == [title for _, title in events[:20]]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [f"{day.isoformat()}T00:00:00Z" for day, _ in events[:20]]
    catalogue = many_project.validate().catalogue
    ids = set()
    for entry in entries:
        ids.add(entry.findtext(f"{ATOM}id"))
        title = entry.findtext(f"{ATOM}title")
        resource = next(r for r in catalogue if title.endswith(r.title))
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == SITE + resource.url
        if title.startswith("Updated: "):
            n = int(resource.slug[-2:])
            assert entry.findtext(f"{ATOM}summary") == f"Rewrote part {n} & more."
            assert entry.findtext(f"{ATOM}id").endswith(f":{resource.slug}/update-2025-{(n % 12) + 1:02d}-15")
        else:
            assert entry.findtext(f"{ATOM}summary") == resource.summary
            assert entry.findtext(f"{ATOM}published") == f"{resource.published.isoformat()}T00:00:00Z"
        assert [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")] == ["Sam Example", "Research team"]
        terms = {c.get("term") for c in entry.findall(f"{ATOM}category")}
        assert terms >= {resource.type.id, "practice-supervisors", "cf-7"}
    assert len(ids) == 20 and all(i.startswith("tag:resources.example.org,") for i in ids)
    # Minor changes move a resource's "last updated" date but are not announced.
    assert "Corrected a reference." not in (result.site / "feed.xml").read_text(encoding="utf-8")
    assert feed.findtext(f"{ATOM}updated") == f"{events[0][0].isoformat()}T00:00:00Z"


def test_every_page_links_to_the_feed(sample_project):
    """From its footer: a <link rel="alternate"> would make the theme fetch the sitemap on every page."""
    result = sample_project.build()
    for url in ("", "about/", "briefings/leading-supervision/", "coverage/", "pqs/cf-1/"):
        footer = result.html(url).split('<footer class="md-footer">')[1]
        assert re.search(r'<a href="[^"]*feed\.xml">', footer), url
        assert 'type="application/atom+xml"' not in result.html(url)
    home = result.html().split('<footer class="md-footer">')[1]
    href = re.search(r'<a href="([^"]*feed\.xml)">', home).group(1)
    assert (result.site / href).resolve() == (result.site / "feed.xml").resolve()
    # The error page is served at any depth, so its link is from the site's root, never `//feed.xml`.
    assert '<a href="/feed.xml">' in (result.site / "404.html").read_text(encoding="utf-8")


def test_sitemap_gives_each_resource_its_updated_date(sample_project):
    sample_project.resource(
        "practice-tools", "changed-tool", published="2020-02-02", changes=[{"date": "2025-05-05", "note": "New text."}]
    )
    result = sample_project.build()
    root = ET.parse(result.site / "sitemap.xml").getroot()
    lastmod = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root.findall(f"{SITEMAP}url")}
    catalogue = sample_project.validate().catalogue
    for resource in catalogue:
        assert lastmod[SITE + resource.url] == resource.updated.isoformat()
    assert lastmod[SITE + "practice-tools/changed-tool/"] == "2025-05-05"
    # Every built page is listed but the browser editor's; only resources carry a date (MkDocs would
    # stamp the build time).
    pages = {p.parent.relative_to(result.site).as_posix() for p in result.site.rglob("index.html")}
    listed = {loc.removeprefix(SITE).rstrip("/") for loc in lastmod}
    assert ADMIN_DIR in pages and ADMIN_DIR not in listed
    assert {p if p != "." else "" for p in pages} - {ADMIN_DIR} == listed
    assert all(v is None for k, v in lastmod.items() if not any(SITE + r.url == k for r in catalogue))
    # The gzipped copy matches and carries no time or file name.
    raw = (result.site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(raw) == (result.site / "sitemap.xml").read_bytes()
    assert raw[4:8] == b"\x00\x00\x00\x00" and not raw[3] & 0x08


def test_feed_and_sitemap_are_the_same_on_every_build(sample_project):
    first = sample_project.build()
    saved = {name: (first.site / name).read_bytes() for name in ("feed.xml", "sitemap.xml", "sitemap.xml.gz")}
    second = sample_project.build()
    assert {name: (second.site / name).read_bytes() for name in saved} == saved


def test_resource_page_has_a_harvard_reference_with_a_copy_button(sample_project):
    sample_project.resource(
        "briefings",
        "cited",
        title="Leading through change",
        published="2020-01-15",
        authors=[{"name": "Nicola McGeown", "role": "RiP"}, {"name": "Alison Domakin"}, {"name": "Dr Marion Russell"}],
    )
    html = sample_project.build().html("briefings/cited/")
    block = re.search(r'<section class="lib-cite".*?</section>', html, re.S).group(0)
    assert '<h2 id="cite-this-resource">Cite this resource' in block
    text = re.sub(r"<[^>]+>", "", re.search(r'<p class="lib-cite__text" data-cite>(.*?)</p>', block, re.S).group(1))
    assert text == (
        "McGeown, N., Domakin, A. and Russell, M. (2020) Leading through change. [Briefing]. "
        "Research in Practice. Available at: https://resources.example.org/briefings/cited/ "
        "(Accessed: [date])."
    )
    assert "<i>Leading through change</i>" in block
    assert "data-cite-copy" in block and "hidden" in block.split("lib-cite__actions")[1][:20]
    assert "assets/js/library.js" in html


@pytest.mark.parametrize(
    "name, cited",
    [
        ("Nicola McGeown", "McGeown, N."),
        ("Dr Marion Russell", "Russell, M."),
        ("Mary Jane O'Neill", "O'Neill, M. J."),
        ("Ludwig van Beethoven", "van Beethoven, L."),
        ("Anne-Marie Smith-Jones", "Smith-Jones, A."),
        ("PSDP resource library team", "PSDP resource library team"),
        ("Research in Practice", "Research in Practice"),
        ("Cher", "Cher"),
    ],
)
def test_harvard_names(name, cited):
    assert harvard_name(Person(name)) == cited


def test_a_feed_date_is_midnight_utc():
    from macros.site.feed import _timestamp

    assert _timestamp(date(2024, 3, 1)) == "2024-03-01T00:00:00Z"
