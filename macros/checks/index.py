"""What the body checks share: the documents to check, and an index of what links may point at.

Every check reads the same few things from a body (the text with code blanked, its links, its
HTML as the build renders it); the index works each out once per document.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol

from macros.content.loader import strip_code
from macros.content.problems import display_path
from macros.rendering.body import BodyRenderer

# Inline links and images: [text](url "title") and ![alt](url). One level of parentheses is
# allowed inside the address, as in Wikipedia links.
INLINE_LINK_RE = re.compile(
    r"(?P<image>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(?:<(?P<angled>[^>]*)>|(?P<url>(?:[^()\s]|\([^()\s]*\))*))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REFERENCE_DEF_RE = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*(?:<(?P<angled>[^>]*)>|(?P<url>\S*))")
REFERENCE_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[[^\]]*\]")
AUTOLINK_RE = re.compile(r"<(?P<url>[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^>\s]*)>")
HTML_TAG_RE = re.compile(r"<(?:a|img)\b[^>]*>", re.I)
ID_RE = re.compile(r'\sid="([^"]+)"')
HREF_RE = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')


class Checked(Protocol):
    """What a check needs from a document: where it lives and its body."""

    src_uri: str
    body: str
    body_line: int


@dataclass(frozen=True)
class Document:
    """A body to check that is not a loaded resource: one whose front matter failed, or a site page."""

    src_uri: str
    body: str
    body_line: int
    is_resource: bool = True


@dataclass(frozen=True)
class Link:
    """One link or image found in a body: its file line, address, text, and kind."""

    line: int
    url: str | None  # None for a reference-style image, whose address is checked at its definition
    text: str
    image: bool = False
    html: bool = False


@dataclass
class ContentIndex:
    """What links may point at: every page and file in the inventory, and the anchors of each page."""

    docs_dir: Path
    renderer: BodyRenderer
    bodies: dict[str, str]  # src_uri -> Markdown body, for every page whose anchors can be known
    files: frozenset[str]  # images and other files links may point at
    # Pages whose anchors cannot be known here: those the build generates, and pages that run macros.
    opaque: frozenset[str] = frozenset()
    drafts: frozenset[str] = frozenset()  # resources marked `draft: true`: never published
    _html: dict[str, str] = field(default_factory=dict)
    _anchors: dict[str, frozenset[str]] = field(default_factory=dict)
    _shown: dict[str, str] = field(default_factory=dict)
    _stripped: dict[str, str] = field(default_factory=dict)
    _links: dict[str, list[Link]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.pages = frozenset(self.bodies) | self.opaque

    def shown(self, src_uri: str) -> str:
        """The path as problems show it (relative to the working folder, like the loader's)."""
        if src_uri not in self._shown:
            self._shown[src_uri] = display_path(self.docs_dir / src_uri)
        return self._shown[src_uri]

    def stripped(self, doc: Checked) -> str:
        """The body with code blanked out, line numbers kept."""
        if doc.src_uri not in self._stripped:
            self._stripped[doc.src_uri] = strip_code(doc.body)
        return self._stripped[doc.src_uri]

    def links(self, doc: Checked) -> list[Link]:
        if doc.src_uri not in self._links:
            self._links[doc.src_uri] = find_links(doc, self.stripped(doc))
        return self._links[doc.src_uri]

    def html(self, doc: Checked) -> str:
        """The body as HTML, rendered with the site's Markdown settings (as the build renders it)."""
        if doc.src_uri not in self._html:
            self._html[doc.src_uri] = self.renderer.html(doc.body)
        return self._html[doc.src_uri]

    def hrefs(self, doc: Checked) -> list[str]:
        """The address of every link in the body's HTML, as the build renders it."""
        return [html.unescape(href) for href in HREF_RE.findall(self.html(doc))]

    def exists(self, src_uri: str) -> bool:
        return src_uri in self.pages or src_uri in self.files

    def anchors(self, src_uri: str) -> frozenset[str] | None:
        """The ids a link may point at in a page (as the build makes them), or None if unknown."""
        if src_uri not in self.bodies:
            return None
        if src_uri not in self._anchors:
            doc = Document(src_uri, self.bodies[src_uri], 1)
            self._anchors[src_uri] = frozenset(html.unescape(i) for i in ID_RE.findall(self.html(doc)))
        return self._anchors[src_uri]


class _TagAttributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tag = ""
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        self.tag, self.attrs = tag, dict(attrs)

    handle_startendtag = handle_starttag


def find_links(doc: Checked, stripped: str | None = None) -> list[Link]:
    """Every link and image in the body (outside code), with the line it is on in the file."""
    text = strip_code(doc.body) if stripped is None else stripped

    def line_at(offset: int) -> int:
        return doc.body_line + text.count("\n", 0, offset)

    links = []
    inline_spans = []
    for match in INLINE_LINK_RE.finditer(text):
        url = match.group("angled") if match.group("angled") is not None else match.group("url")
        links.append(Link(line_at(match.start()), url, match.group("text").strip(), bool(match.group("image"))))
        inline_spans.append(match.span())
    for match in REFERENCE_IMAGE_RE.finditer(text):
        links.append(Link(line_at(match.start()), None, match.group("alt").strip(), image=True))
    for match in AUTOLINK_RE.finditer(text):
        # `[text](<url>)` is one link, not an inline link plus an autolink.
        if not any(start <= match.start() < end for start, end in inline_spans):
            links.append(Link(line_at(match.start()), match.group("url"), match.group("url")))
    for number, line in enumerate(text.split("\n"), start=doc.body_line):
        match = REFERENCE_DEF_RE.match(line)
        if match:
            url = match.group("angled") if match.group("angled") is not None else match.group("url")
            links.append(Link(number, url, match.group("label").strip()))
    for match in HTML_TAG_RE.finditer(text):
        parser = _TagAttributes()
        parser.feed(match.group(0))
        parser.close()
        if parser.tag == "img":
            alt = parser.attrs.get("alt")
            links.append(
                Link(
                    line_at(match.start()),
                    parser.attrs.get("src") or "",
                    "" if alt is None else alt.strip(),
                    image=True,
                    html=True,
                )
            )
        elif parser.tag == "a" and "href" in parser.attrs:
            links.append(Link(line_at(match.start()), parser.attrs.get("href") or "", "", html=True))
    return sorted(links, key=lambda link: link.line)


def shorten(text: str, limit: int = 60) -> str:
    """Text as the reader sees it (Markdown escapes removed), cut short for a message."""
    text = " ".join(re.sub(r"\\(.)", r"\1", text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
