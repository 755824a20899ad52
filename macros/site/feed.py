"""The Atom feed of new and updated resources, and last-modified dates in the sitemap.

Both are written after the build from the catalogue alone, so two builds of the same content
give byte-identical files (no build time, no file times).
"""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from macros.content.catalogue import Catalogue
from macros.content.model import Resource
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


def entry_id(resource: Resource, site_url: str) -> str:
    """A tag URI that stays the same when the resource moves folder or the site changes scheme."""
    host = urlsplit(site_url).hostname or "localhost"
    return f"tag:{host},{resource.published.isoformat()}:{resource.slug}"


def build_atom_feed(
    catalogue: Catalogue, *, site_url: str, site_name: str, settings=None, size: int = FEED_SIZE
) -> bytes:
    """The Atom 1.0 feed of the `size` most recently published or reviewed resources."""
    ET.register_namespace("", ATOM_NS)
    newest = catalogue.newest(size)
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
    add(feed, "updated", _timestamp(max((r.updated for r in newest), default=date(1970, 1, 1))))
    publisher = settings.publisher.name if settings else site_name
    author = add(feed, "author")
    add(author, "name", publisher)
    if settings and settings.publisher.website:
        add(author, "uri", settings.publisher.website)
    if settings:
        add(feed, "rights", f"© {settings.copyright_holder}. {settings.licence}")
    for resource in newest:
        entry = add(feed, "entry")
        add(entry, "id", entry_id(resource, site_url))
        add(entry, "title", resource.title)
        add(entry, "link", rel="alternate", type="text/html", href=_absolute(site_url, resource.url))
        add(entry, "published", _timestamp(resource.published))
        add(entry, "updated", _timestamp(resource.updated))
        for person in resource.authors:
            add(add(entry, "author"), "name", person.name)
        add(entry, "category", term=resource.type.id, label=resource.type.label)
        for audience in resource.audiences:
            add(entry, "category", term=audience.id, label=audience.label)
        for domain in resource.pqs:
            add(entry, "category", term=domain.id, label=domain.short_label)
        add(entry, "summary", resource.summary)
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
