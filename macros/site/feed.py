"""The Atom feed of new resources and of major changes to them, and last-modified dates in the sitemap.

Both are written after the build from the catalogue alone, so two builds of the same content
give byte-identical files (no build time, no file times).
"""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from macros.content.catalogue import Catalogue
from macros.content.model import Change, Resource
from macros.content.text import xml_safe

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_FILE = "feed.xml"
FEED_SIZE = 20


def _timestamp(day: date) -> str:
    """An RFC 3339 time for a date: midnight UTC, which is what a date-only field means here."""
    return f"{day.isoformat()}T00:00:00Z"


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/") if site_url else path


def entry_id(resource: Resource, site_url: str, change: Change | None = None) -> str:
    """A tag URI that stays the same when the resource moves folder or the site changes scheme.

    An update's id adds the change's date, so it stays the same when later changes are added.
    """
    host = urlsplit(site_url).hostname or "localhost"
    base = f"tag:{host},{resource.published.isoformat()}:{resource.slug}"
    if change is None:
        return base
    same_day = [c for c in resource.changes if c.major and c.date == change.date]
    suffix = f"-{same_day.index(change) + 1}" if len(same_day) > 1 else ""
    return f"{base}/update-{change.date.isoformat()}{suffix}"


@dataclass(frozen=True)
class FeedEvent:
    """What one feed entry announces: a resource published, or a major change to one."""

    resource: Resource
    day: date
    change: Change | None = None  # None for the resource's publication
    number: int = 0  # the change's place in the resource's list, counted from 1

    @property
    def sort_key(self) -> tuple:
        return (-self.day.toordinal(), self.change is None, self.resource.title, self.resource.slug, -self.number)


def feed_events(catalogue: Catalogue, size: int) -> list[FeedEvent]:
    """The `size` newest events: each resource's publication and each of its major changes, newest first."""
    events = [FeedEvent(r, r.published) for r in catalogue]
    events += [
        FeedEvent(r, change.date, change, number)
        for r in catalogue
        for number, change in enumerate(r.changes, start=1)
        if change.major
    ]
    return sorted(events, key=lambda e: e.sort_key)[:size]


def build_atom_feed(
    catalogue: Catalogue, *, site_url: str, site_name: str, settings=None, size: int = FEED_SIZE
) -> bytes:
    """The Atom 1.0 feed of the `size` newest events: resources published, and major changes to them."""
    ET.register_namespace("", ATOM_NS)
    events = feed_events(catalogue, size)
    language = settings.language if settings else "en-GB"
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = xml_safe(text)
        return element

    add(feed, "id", _absolute(site_url, ""))
    add(feed, "title", f"{site_name}: new and updated resources")
    add(feed, "link", rel="self", type="application/atom+xml", href=_absolute(site_url, FEED_FILE))
    add(feed, "link", rel="alternate", type="text/html", href=_absolute(site_url, ""))
    # The feed changed when its newest entry did; a fixed date keeps builds reproducible.
    add(feed, "updated", _timestamp(max((e.day for e in events), default=date(1970, 1, 1))))
    publisher = settings.publisher.name if settings else site_name
    author = add(feed, "author")
    add(author, "name", publisher)
    if settings and settings.publisher.website:
        add(author, "uri", settings.publisher.website)
    if settings:
        add(feed, "rights", f"© {settings.copyright_holder}. {settings.licence}")
    for event in events:
        resource, change = event.resource, event.change
        entry = add(feed, "entry")
        add(entry, "id", entry_id(resource, site_url, change))
        add(entry, "title", f"Updated: {resource.title}" if change else resource.title)
        add(entry, "link", rel="alternate", type="text/html", href=_absolute(site_url, resource.url))
        add(entry, "published", _timestamp(event.day))
        add(entry, "updated", _timestamp(event.day))
        for person in resource.authors:
            add(add(entry, "author"), "name", person.name)
        add(entry, "category", term=resource.type.id, label=resource.type.label)
        for audience in resource.audiences:
            add(entry, "category", term=audience.id, label=audience.label)
        for domain in resource.pqs:
            add(entry, "category", term=domain.id, label=domain.short_label)
        add(entry, "summary", change.note if change else resource.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(
    site_dir: Path, catalogue: Catalogue, *, site_url: str, site_name: str, settings=None, size: int = FEED_SIZE
) -> Path:
    """Write `feed.xml` at the root of the built site."""
    path = Path(site_dir) / FEED_FILE
    path.write_bytes(build_atom_feed(catalogue, site_url=site_url, site_name=site_name, settings=settings, size=size))
    return path


def date_sitemap(site_dir: Path, catalogue: Catalogue, *, site_url: str) -> None:
    """Give each resource page in the sitemap its updated date; drop the build time MkDocs stamps elsewhere.

    MkDocs dates every page with the time of the build, which says nothing about the page and
    makes every build differ. Only resources have a real date; other pages go without one.
    The gzipped copy is rewritten to match, with no time or file name in its header.
    """
    sitemap = Path(site_dir) / "sitemap.xml"
    if not sitemap.is_file():
        return
    ET.register_namespace("", SITEMAP_NS)
    tree = ET.parse(sitemap)
    by_path = {urlsplit(_absolute(site_url, r.url)).path: r for r in catalogue}
    for url in tree.getroot().findall(f"{{{SITEMAP_NS}}}url"):
        loc = url.find(f"{{{SITEMAP_NS}}}loc")
        for old in url.findall(f"{{{SITEMAP_NS}}}lastmod"):
            url.remove(old)
        resource = by_path.get(urlsplit((loc.text or "").strip()).path) if loc is not None else None
        if resource is not None:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = resource.updated.isoformat()
    ET.indent(tree)
    data = ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True) + b"\n"
    sitemap.write_bytes(data)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(data)
    sitemap.with_name("sitemap.xml.gz").write_bytes(buffer.getvalue())
