"""Checks on the text of each resource: links, images, headings, pasted-text debris, template leftovers.

The loader checks the front matter and refuses unsafe HTML; these checks read the body and
report what would break or confuse a reader, each as `path:line: message (hint)`.
They run in `make check` and before every build, and need no PDFs and no MkDocs build.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable, Protocol
from urllib.parse import unquote

import markdown

from .frontmatter import FrontMatterError, parse_front_matter
from .listings import browse_pages
from .loader import LoadResult, body_headings, resource_files, strip_code
from .problems import WARNING, Problem, closest, display_path
from .safety import SAFE_SCHEMES, is_script_url, url_scheme

# The words every placeholder written by `make new` starts with (see content/taxonomy.yml).
PLACEHOLDER = "Replace this"

# Inline links and images: [text](url "title") and ![alt](url). One level of parentheses is
# allowed inside the address, as in Wikipedia links.
INLINE_LINK_RE = re.compile(
    r"(?P<image>!?)\[(?P<text>[^\]]*)\]\(\s*(?:<(?P<angled>[^>]*)>|(?P<url>(?:[^()\s]|\([^()\s]*\))*))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REFERENCE_DEF_RE = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*(?:<(?P<angled>[^>]*)>|(?P<url>\S*))")
REFERENCE_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[[^\]]*\]")
AUTOLINK_RE = re.compile(r"<(?P<url>[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^>\s]*)>")
HTML_TAG_RE = re.compile(r"<(?:a|img)\b[^>]*>", re.I)
SETEXT_H1_RE = re.compile(r"^ {0,3}=+\s*$")
QUOTED_BULLET_RE = re.compile(r"^\s*[-*+]\s+>")
PASTED_BULLET_RE = re.compile(r"^\s*([•●▪◦▫■□➢➤▶✓✔])\s*\S")

# Python-Markdown extensions that give elements an id, as configured in mkdocs.yml.
ID_EXTENSIONS = ["toc", "attr_list", "footnotes", "def_list", "tables", "abbr", "admonition"]
ID_RE = re.compile(r'\sid="([^"]+)"')


class Checked(Protocol):
    """What a check needs from a resource: where it lives and its body."""

    src_uri: str
    body: str
    body_line: int


@dataclass(frozen=True)
class Document:
    """The body of a resource whose front matter did not load, so its text can still be checked."""

    src_uri: str
    body: str
    body_line: int


@dataclass
class ContentIndex:
    """What links may point at: every page and file under the content folder, and their anchors."""

    docs_dir: Path
    bodies: dict[str, str]  # src_uri -> Markdown body, for every page whose anchors can be known
    # Pages whose anchors cannot be known here: those the build generates, and pages that run macros.
    opaque: frozenset[str] = frozenset()
    _anchors: dict[str, frozenset[str]] = field(default_factory=dict)
    _markdown: markdown.Markdown | None = None
    # Every check reads the same few things from a body: work them out once per resource.
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

    def exists(self, src_uri: str) -> bool:
        return src_uri in self.pages or (self.docs_dir / src_uri).is_file()

    def anchors(self, src_uri: str) -> frozenset[str] | None:
        """The ids a link may point at in a page (as the build makes them), or None if unknown."""
        if src_uri not in self.bodies:
            return None
        if src_uri not in self._anchors:
            # Rendering with the same extensions gives exactly the ids the build gives, headings
            # slugified by the toc extension and made unique with _1, _2, plus {#id} and footnotes.
            if self._markdown is None:
                self._markdown = markdown.Markdown(extensions=ID_EXTENSIONS)
            rendered = self._markdown.reset().convert(self.bodies[src_uri])
            self._anchors[src_uri] = frozenset(html.unescape(i) for i in ID_RE.findall(rendered))
        return self._anchors[src_uri]


def build_index(docs_dir: Path, result: LoadResult, failed: Iterable[Document] = (),
                generated: Iterable[str] = ()) -> ContentIndex:
    """Index every Markdown page under the content folder, with resource bodies from the catalogue.

    `generated` names pages the build adds beyond the browse pages (coverage map, pathways).
    """
    docs_dir = Path(docs_dir)
    bodies: dict[str, str] = {}
    opaque = {p.src_uri for p in browse_pages(result.catalogue)} | set(generated)
    known = {r.src_uri: r.body for r in result.catalogue}
    known.update({d.src_uri: d.body for d in failed})
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        src_uri = rel.as_posix()
        if src_uri in known:
            bodies[src_uri] = known[src_uri]
            continue
        try:
            fm = parse_front_matter(path.read_text(encoding="utf-8"))
        except (FrontMatterError, UnicodeDecodeError):
            fm = None
        if fm is None or fm.data.get("render_macros"):
            opaque.add(src_uri)  # its headings may come from templates
        else:
            bodies[src_uri] = fm.body
    return ContentIndex(docs_dir, bodies, frozenset(opaque - set(bodies)))


def failed_documents(docs_dir: Path, result: LoadResult) -> list[Document]:
    """Resources left out of the catalogue by a front matter error whose body can still be read."""
    docs_dir = Path(docs_dir)
    loaded = {r.src_uri for r in result.catalogue}
    documents = []
    for path, _folder in resource_files(docs_dir, result.catalogue.taxonomy):
        src_uri = path.relative_to(docs_dir).as_posix()
        if src_uri in loaded:
            continue
        try:
            fm = parse_front_matter(path.read_text(encoding="utf-8"))
        except (FrontMatterError, UnicodeDecodeError):
            continue
        if fm.present and fm.body.strip():
            documents.append(Document(src_uri, fm.body, fm.body_line))
    return documents


# -- links ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """One link or image found in a body: its file line, address, text, and kind."""

    line: int
    url: str | None  # None for a reference-style image, whose address is checked at its definition
    text: str
    image: bool = False
    html: bool = False


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
            links.append(Link(line_at(match.start()), parser.attrs.get("src") or "",
                              "" if alt is None else alt.strip(), image=True, html=True))
        elif parser.tag == "a" and "href" in parser.attrs:
            links.append(Link(line_at(match.start()), parser.attrs.get("href") or "", "", html=True))
    return sorted(links, key=lambda link: link.line)


def check_links(doc: Checked, index: ContentIndex) -> list[Problem]:
    """Links that go nowhere: placeholders, unknown schemes, missing files and missing anchors."""
    shown = index.shown(doc.src_uri)
    problems: list[Problem] = []
    for link in index.links(doc):
        if link.image or link.url is None:
            continue
        url = html.unescape(link.url.strip())
        label = f"link '{_shorten(link.text)}'" if link.text else "a link"
        if url in ("", "#"):
            problems.append(Problem(shown, link.line, f"{label} has no address" if url == "" else
                                    f"{label} goes to '#', a placeholder",
                                    "put the web address or the .md file it should open between the round brackets, "
                                    "or remove the link and keep the words"))
            continue
        problems.extend(_check_address(shown, link, url, doc, index))
    return problems


def _shorten(text: str, limit: int = 60) -> str:
    """Link text as the reader sees it (Markdown escapes removed), cut short for the message."""
    text = " ".join(re.sub(r"\\(.)", r"\1", text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _check_address(shown: str, link: Link, url: str, doc: Checked, index: ContentIndex) -> list[Problem]:
    scheme = url_scheme(url)
    if scheme is not None:
        if is_script_url(url):
            if link.html:
                return []  # raw HTML is refused by the loader's safety check, with its own message
            return [Problem(shown, link.line, f"'{scheme}:' link is not allowed",
                            "link to a web page (https://…) instead")]
        if scheme not in SAFE_SCHEMES:
            if len(scheme) == 1 or scheme == "file":
                hint = ("this points at a file on one computer, which readers cannot open: "
                        "add the file to the library or link to a web page")
            else:
                hint = "only web (https://…), email (mailto:) and phone (tel:) links work for every reader"
            return [Problem(shown, link.line, f"link to '{url}' uses '{scheme}:', which is not allowed", hint)]
        if scheme in ("http", "https") and not re.match(r"^https?://[^/\s?#]+\.[^/\s?#]+", url, re.I):
            return [Problem(shown, link.line, f"web address '{url}' is incomplete",
                            "copy the whole address from the browser's address bar")]
        return []
    if url.startswith("//"):
        return [Problem(shown, link.line, f"web address '{url}' has no 'https:'", f"write it as https:{url}")]
    if url.startswith("/"):
        return [Problem(shown, link.line, f"link '{url}' starts with '/'",
                        "link to the .md file relative to this one, for example ../briefings/name.md: "
                        "links from the site's root break when the site is not at the root of its address")]
    return _check_internal(shown, link, url, doc, index)


def _check_internal(shown: str, link: Link, url: str, doc: Checked, index: ContentIndex) -> list[Problem]:
    path, _, fragment = url.partition("#")
    path = unquote(path.split("?", 1)[0])
    fragment = unquote(fragment)
    here = posixpath.dirname(doc.src_uri)
    if not path:
        return _check_anchor(shown, link.line, doc.src_uri, fragment, index, same_page=True)
    target = posixpath.normpath(posixpath.join(here, path))
    if target == ".." or target.startswith("../"):
        return [Problem(shown, link.line, f"link '{url}' points outside the content folder",
                        "link to a page or file inside content/, or to a web address")]
    if path.endswith(".md"):
        if target not in index.pages:
            return [Problem(shown, link.line, f"link to '{path}' does not lead to a page",
                            _page_hint(path, here, index))]
        return _check_anchor(shown, link.line, target, fragment, index) if fragment else []
    as_page = next((p for p in (target + ".md", target.rstrip("/") + ".md", posixpath.join(target, "index.md"))
                    if p in index.pages), None)
    if as_page and (path.endswith("/") or "." not in posixpath.basename(path)):
        return [Problem(shown, link.line, f"link to '{path}' is written as a web address",
                        f"link to the page's file instead: {posixpath.relpath(as_page, here or '.')}")]
    if not index.exists(target):
        return [Problem(shown, link.line, f"link to '{path}' does not lead to a page or file",
                        _page_hint(path, here, index) if "." not in posixpath.basename(path)
                        else "check the file name and folder: the address is relative to this file")]
    return []


def _page_hint(path: str, here: str, index: ContentIndex) -> str:
    """Name the page the editor most probably meant, as a path relative to the linking file."""
    stems = {posixpath.basename(p)[: -len(".md")]: p for p in sorted(index.pages) if not p.endswith("index.md")}
    wanted = posixpath.basename(path.rstrip("/")).removesuffix(".md")
    near = closest(wanted, list(stems), n=1)
    if near:
        return f"did you mean {posixpath.relpath(stems[near[0]], here or '.')}?"
    return "link to the page's .md file, relative to this file, for example ../briefings/name.md"


def _check_anchor(shown: str, line: int, target: str, fragment: str, index: ContentIndex,
                  *, same_page: bool = False) -> list[Problem]:
    anchors = index.anchors(target)
    if anchors is None or fragment in anchors:
        return []
    where = "on this page" if same_page else f"in {posixpath.basename(target)}"
    near = closest(fragment, sorted(anchors), n=1)
    hint = (f"did you mean #{near[0]}?" if near else
            "a heading's anchor is its text in lower case with hyphens, for example #reflective-questions")
    return [Problem(shown, line, f"'#{fragment}' is not a heading {where}", hint)]


# -- images --------------------------------------------------------------------------------------


def check_images(doc: Checked, index: ContentIndex) -> list[Problem]:
    """Images need alt text and a file in the library (the site loads nothing from other hosts)."""
    shown = index.shown(doc.src_uri)
    problems: list[Problem] = []
    for link in index.links(doc):
        if not link.image:
            continue
        if not link.text:
            problems.append(Problem(shown, link.line, "image has no alt text",
                                    "describe what the image shows for readers who cannot see it: "
                                    + ('<img alt="A team meeting" …>' if link.html else
                                       "![A team meeting in progress](images/meeting.jpg)")))
        if link.url is None:
            continue
        url = html.unescape(link.url.strip())
        scheme = url_scheme(url)
        if url in ("", "#"):
            problems.append(Problem(shown, link.line, "image has no file", "put the image's file name in the brackets"))
        elif scheme in ("http", "https") or url.startswith("//"):
            problems.append(Problem(shown, link.line, f"image '{url}' is loaded from another website",
                                    "save the image in the content folder (for example beside this file in images/) "
                                    "and link to it there: the site loads nothing from other hosts"))
        elif scheme is None and not url.startswith("/"):
            here = posixpath.dirname(doc.src_uri)
            path = unquote(url.split("#", 1)[0].split("?", 1)[0])
            target = posixpath.normpath(posixpath.join(here, path))
            if target.startswith("../") or not (index.docs_dir / target).is_file():
                problems.append(Problem(shown, link.line, f"image file '{path}' does not exist",
                                        "check the file name and folder: the path is relative to this file"))
        elif scheme is None:
            problems.append(Problem(shown, link.line, f"image '{url}' starts with '/'",
                                    "write the path relative to this file, for example images/diagram.png"))
        elif scheme not in SAFE_SCHEMES and not is_script_url(url):
            problems.append(Problem(shown, link.line, f"image '{url}' uses '{scheme}:', which is not allowed",
                                    "add the image file to the library and link to it"))
    return problems


# -- headings ------------------------------------------------------------------------------------


def check_headings(doc: Checked, index: ContentIndex) -> list[Problem]:
    """No top-level heading in a resource (the title is the page's only one) and no skipped levels."""
    shown = index.shown(doc.src_uri)
    problems: list[Problem] = []
    headings = body_headings(doc.body)
    stripped = index.stripped(doc).split("\n")
    for number in range(1, len(stripped)):
        if SETEXT_H1_RE.match(stripped[number]) and stripped[number - 1].strip() and \
                not stripped[number - 1].lstrip().startswith(("-", "*", "+", ">", "|")):
            headings.append((number, 1, stripped[number - 1].strip()))
    previous = 1  # the page title, from the front matter, is the level 1 heading
    for line, level, text in sorted(headings):
        file_line = doc.body_line + line - 1
        if level == 1:
            problems.append(Problem(shown, file_line, f"'# {_shorten(text)}' is a top-level heading",
                                    "the title comes from 'title' in the front matter, so sections start at ##: "
                                    "change # to ##, or delete the line if it repeats the title"))
            level = 2  # as the editor will write it, so the next heading is measured from there
        elif level > previous + 1:
            problems.append(Problem(shown, file_line,
                                    f"heading '{_shorten(text)}' skips a level: "
                                    f"{'#' * previous} is followed by {'#' * level}",
                                    f"change {'#' * level} to {'#' * (previous + 1)}, or add the missing "
                                    f"{'#' * (previous + 1)} heading above it"))
        previous = level
    return problems


# -- pasted text ---------------------------------------------------------------------------------


def check_pasted_text(doc: Checked, index: ContentIndex) -> list[Problem]:
    """Debris from copying out of Word or PDF: quoted bullets and bullet characters, one problem per list."""
    shown = index.shown(doc.src_uri)
    lines = index.stripped(doc).split("\n")
    quoted = [n for n, line in enumerate(lines) if QUOTED_BULLET_RE.match(line)]
    pasted: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        match = PASTED_BULLET_RE.match(line)
        if match and number not in quoted:
            pasted.setdefault(match.group(1), []).append(number)
    problems: list[Problem] = []
    for first, last in _runs(quoted, lines):
        problems.append(Problem(shown, doc.body_line + first, "bullet written as '- >'" + _lines_note(first, last, doc),
                                "remove the '>' so each line reads '- ' and then the text: "
                                "the '>' turns every item into a quotation"))
    for bullet, numbers in pasted.items():
        for first, last in _runs(numbers, lines):
            problems.append(Problem(shown, doc.body_line + first,
                                    f"line starts with a pasted bullet character '{bullet}'"
                                    + _lines_note(first, last, doc),
                                    f"replace '{bullet}' with '- ' so the lines become a list"))
    return problems


def _runs(numbers: list[int], lines: list[str]) -> list[tuple[int, int]]:
    """Group line numbers into runs separated only by blank lines: one list, one problem."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and all(not lines[between].strip() for between in range(runs[-1][1] + 1, number)):
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


def _lines_note(first: int, last: int, doc: Checked) -> str:
    return "" if first == last else f" on lines {doc.body_line + first} to {doc.body_line + last}"


def check_placeholders(doc: Checked, index: ContentIndex) -> list[Problem]:
    """A warning, at the first such line, while lines still hold the instructions `make new` wrote."""
    shown = index.shown(doc.src_uri)
    try:
        text = (index.docs_dir / doc.src_uri).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    lines = [n for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1) if PLACEHOLDER in line]
    if not lines:
        return []
    where = f"line {lines[0]}" if len(lines) == 1 else (
        "lines " + ", ".join(map(str, lines[:3])) + (f" and {len(lines) - 3} more" if len(lines) > 3 else ""))
    return [Problem(shown, lines[0], f"text from the template is still on {where}",
                    f"write your own text in place of each line starting '{PLACEHOLDER}'", WARNING)]


CHECKS: tuple[Callable[[Checked, ContentIndex], list[Problem]], ...] = (
    check_links, check_images, check_headings, check_pasted_text, check_placeholders,
)


def check_content(docs_dir: Path, result: LoadResult, *, generated: Iterable[str] = ()) -> list[Problem]:
    """Run every check over every resource, including those whose front matter has errors."""
    failed = failed_documents(docs_dir, result)
    index = build_index(docs_dir, result, failed, generated)
    problems: list[Problem] = []
    for doc in [*result.catalogue, *failed]:
        for check in CHECKS:
            problems.extend(check(doc, index))
    return problems
