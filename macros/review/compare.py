"""Compare two built sites and say, in Markdown for a pull request's job summary, what readers will see change.

Builds are byte-deterministic, so any difference between two builds is a real change. What counts:

- pages (every `index.html`): added, removed, or changed, where changed means the text of the
  page's main content (its `<article>`) changed. The header, navigation, footer and the
  Content-Security-Policy are outside it, so a change to the theme does not mark every page;
- PDFs: added, removed, or re-rendered (their bytes differ);
- the content's problems, which the caller finds with the same check as every build.

Titles, messages and file names come from the pull request: the summary shows them as text,
escaped, and never copies HTML from a page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from macros.content.problems import ERROR, Problem, counted
from macros.content.text import folded

ADDED, REMOVED, CHANGED, RERENDERED = "added", "removed", "changed", "re-rendered"
PAGE_ORDER = (ADDED, REMOVED, CHANGED)
PDF_ORDER = (ADDED, REMOVED, RERENDERED)
HEADING = "## What readers will see change"
# Each table shows at most this many rows, then says how many more there are: a summary is read, not searched.
MAX_ROWS = 50
# Characters of a title or a message shown; a pull request decides how long they are.
MAX_TITLE = 120
MAX_MESSAGE = 300

WORD = re.compile(r"\w+(?:['’]\w+)*")
# Elements whose text no reader sees on the page.
_UNSEEN = frozenset({"script", "style", "template"})
# Elements inside a line of text: no space is added at their edges, so `<b>word</b>s` stays one word.
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp"}
    | {"small", "span", "strong", "sub", "sup", "time", "u", "var", "del", "ins", "wbr"}
)
# The theme's parts around the content, left out when a page has no <article> to read.
_CHROME = frozenset({"head", "header", "nav", "footer", "aside"})


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters and digits (an apostrophe keeps a word whole)."""
    return len(WORD.findall(text))


@dataclass(frozen=True)
class PageText:
    """What a reader sees of one page: its title (the first `<h1>`) and the text of its main content."""

    title: str
    text: str

    @property
    def words(self) -> int:
        return count_words(self.text)


class _PageReader(HTMLParser):
    """Collect the text of the first <article>, the first <h1>, and the page's text outside its chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.article: list[str] = []
        self.outside: list[str] = []
        self.h1: list[str] = []
        self.article_depth = 0  # open <article> elements, counting from the first
        self.article_seen = False
        self.h1_state = 0  # 0: before the first h1, 1: inside it, 2: after it
        self.unseen = 0
        self.chrome = 0
        self.permalink = False  # inside the "¶" link beside a heading: a mark, not a word of the title

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "article" and not (self.article_seen and self.article_depth == 0):
            self.article_seen = True
            self.article_depth += 1
        elif tag == "h1" and self.h1_state == 0:
            self.h1_state = 1
        if tag in _UNSEEN:
            self.unseen += 1
        if tag in _CHROME:
            self.chrome += 1
        if tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split():
            self.permalink = True
        self._gap(tag)

    def handle_endtag(self, tag: str) -> None:
        self._gap(tag)
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        elif tag == "h1" and self.h1_state == 1:
            self.h1_state = 2
        if tag in _UNSEEN and self.unseen:
            self.unseen -= 1
        if tag in _CHROME and self.chrome:
            self.chrome -= 1
        if tag == "a":
            self.permalink = False

    def handle_data(self, data: str) -> None:
        if self.unseen or self.permalink:
            return
        if self.article_depth:
            self.article.append(data)
        if not self.chrome:
            self.outside.append(data)
        if self.h1_state == 1:
            self.h1.append(data)

    def _gap(self, tag: str) -> None:
        if tag not in _INLINE:
            self.handle_data(" ")


def read_page(html: str) -> PageText:
    """A built page's title and main-content text (its text outside the theme's parts if it has no article)."""
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    text = reader.article if reader.article_seen else reader.outside
    return PageText(folded("".join(reader.h1)), folded("".join(text)))


@dataclass(frozen=True)
class PageChange:
    """A page added, removed or changed; `before` or `after` is None for a page only one build has."""

    url: str  # the address inside the site, such as /briefings/leading-supervision/
    change: str
    is_resource: bool
    before: PageText | None = None
    after: PageText | None = None

    @property
    def title(self) -> str:
        page = self.after or self.before
        return (page.title if page else "") or self.url


@dataclass(frozen=True)
class PdfChange:
    """A PDF added, removed or re-rendered; a size is None for a file only one build has."""

    path: str  # inside the site, such as pdf/leading-supervision.pdf
    change: str
    size_before: int | None = None
    size_after: int | None = None


@dataclass(frozen=True)
class Comparison:
    """Everything readers will see change from one build to another, and the newer content's problems."""

    pages: tuple[PageChange, ...]
    pdfs: tuple[PdfChange, ...]
    problems: tuple[Problem, ...] = ()
    drafts: tuple[str, ...] = ()  # the newer content's drafts: checked, not published, so in no table above

    @property
    def resources(self) -> tuple[PageChange, ...]:
        return tuple(p for p in self.pages if p.is_resource)

    @property
    def other_pages(self) -> tuple[PageChange, ...]:
        return tuple(p for p in self.pages if not p.is_resource)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def nothing_changed(self) -> bool:
        return not (self.pages or self.pdfs)


def is_built_site(folder: Path) -> bool:
    """Whether a folder holds a built site (its home page at least)."""
    return (Path(folder) / "index.html").is_file()


def compare_sites(
    base: Path,
    head: Path,
    *,
    resource_folders: Collection[str],
    problems: Iterable[Problem] = (),
    drafts: Iterable[str] = (),
) -> Comparison:
    """What changed from the site built in `base` to the one in `head`.

    A page is a resource when its address is `<folder>/<slug>/` and the folder is a resource type's
    folder (from the taxonomy); every other page (home, listings, about…) is a site page.
    """
    base, head = Path(base), Path(head)
    before, after = _pages(base), _pages(head)
    pages = []
    for url in sorted(before.keys() | after.keys()):
        old = read_page(before[url].read_text(encoding="utf-8")) if url in before else None
        new = read_page(after[url].read_text(encoding="utf-8")) if url in after else None
        if old is not None and new is not None and old == new:
            continue
        change = ADDED if old is None else REMOVED if new is None else CHANGED
        pages.append(PageChange(url, change, _is_resource(url, resource_folders), old, new))
    pages.sort(key=lambda p: (PAGE_ORDER.index(p.change), p.url))
    return Comparison(tuple(pages), _pdf_changes(base, head), tuple(sorted(problems)), tuple(sorted(drafts)))


def _pages(site: Path) -> dict[str, Path]:
    return {"/" + "".join(f"{part}/" for part in p.parent.relative_to(site).parts): p for p in site.rglob("index.html")}


def _is_resource(url: str, resource_folders: Collection[str]) -> bool:
    """A resource's page: anywhere under a type's folder (resources may sit in folders within it)."""
    parts = url.strip("/").split("/")
    return len(parts) >= 2 and parts[0] in resource_folders


def _pdf_changes(base: Path, head: Path) -> tuple[PdfChange, ...]:
    def pdfs(site: Path) -> dict[str, Path]:
        return {p.relative_to(site).as_posix(): p for p in (site / "pdf").rglob("*.pdf")}

    before, after = pdfs(base), pdfs(head)
    changes = []
    for path in sorted(before.keys() | after.keys()):
        old, new = before.get(path), after.get(path)
        if old is None:
            changes.append(PdfChange(path, ADDED, None, new.stat().st_size))
        elif new is None:
            changes.append(PdfChange(path, REMOVED, old.stat().st_size, None))
        else:
            sizes = old.stat().st_size, new.stat().st_size
            if sizes[0] != sizes[1] or old.read_bytes() != new.read_bytes():
                changes.append(PdfChange(path, RERENDERED, *sizes))
    changes.sort(key=lambda c: (PDF_ORDER.index(c.change), c.path))
    return tuple(changes)


# -- the summary ---------------------------------------------------------------------------------

# ASCII punctuation that means nothing in running text, in a table cell: it is shown as it is.
# Every other ASCII punctuation character is written as a character reference, which Markdown
# (GitHub's and Python-Markdown alike) shows as that character and never reads as markup.
# Not `:`, `.` or `@`: GitHub makes `https://…`, `www.…` and `name@host` into links and `:warning:` into
# an emoji, in text as well as in links, so each is written as a character reference instead.
_PLAIN_PUNCTUATION = frozenset(" ,'?;-/()\"%!=+")
_SAFE_ADDRESS = re.compile(r"[A-Za-z0-9._~/:-]+")


def escape_markdown(text: str, limit: int = MAX_TITLE) -> str:
    """Untrusted text as Markdown that shows exactly that text: on one line, at most `limit` characters.

    Letters, digits and a few harmless marks pass; every other ASCII mark (`| < > [ ] * _` and
    backticks among them, and the `: . @` that make bare addresses and emoji shortcodes) becomes a
    character reference such as `&#124;`, line breaks and other control characters become spaces,
    and invisible formatting characters are dropped.
    """
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp"):
            kept.append(" ")
        elif category[0] != "C":
            kept.append(char)
    shown = folded("".join(kept))
    if len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    return "".join(
        char if char.isalnum() or not char.isascii() or char in _PLAIN_PUNCTUATION else f"&#{ord(char)};"
        for char in shown
    )


def _address(text: str) -> str:
    """An address or file location as code, when it holds only characters a code span shows as they are."""
    return f"`{text}`" if _SAFE_ADDRESS.fullmatch(text) else escape_markdown(text, MAX_MESSAGE)


def _words(change: PageChange) -> str:
    """A page's word count, or for a changed page its count before and after and the difference."""
    before, after = change.before, change.after
    if before is None or after is None:
        page = after or before
        return str(page.words) if page else ""
    difference = after.words - before.words
    return f"{before.words} → {after.words} ({f'{difference:+d}' if difference else '±0'})"


def _page_name(change: PageChange) -> str:
    name = escape_markdown(change.title)
    if change.change == CHANGED and change.before and change.after and change.before.title != change.after.title:
        name += f" (was: {escape_markdown(change.before.title or change.url)})"
    return name


def _size(size: int | None) -> str:
    return "" if size is None else f"{size / 1024:.1f} KB"


def _pdf_size(change: PdfChange) -> str:
    if change.size_before is None or change.size_after is None:
        return _size(change.size_after if change.size_before is None else change.size_before)
    return (
        f"{_size(change.size_before)} → {_size(change.size_after)} ({change.size_after - change.size_before:+,d} bytes)"
    )


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        lines += ["", f"…and {len(rows) - MAX_ROWS} more."]
    return lines


def _tally(changes: Iterable[PageChange | PdfChange], order: tuple[str, ...]) -> str:
    kinds = [c.change for c in changes]
    return ", ".join(f"{kinds.count(kind)} {kind}" for kind in order if kind in kinds)


def format_summary(comparison: Comparison) -> str:
    """The comparison as GitHub-flavoured Markdown for a job summary: one line when nothing readers see changed."""
    lines = [HEADING, ""]
    if comparison.nothing_changed:
        lines.append("Nothing readers will see has changed: every page's text and every PDF are as they were.")
    else:
        overview = [
            f"{counted(len(group), noun)} ({_tally(group, PAGE_ORDER)})"
            for group, noun in ((comparison.resources, "resource"), (comparison.other_pages, "other page"))
            if group
        ]
        if comparison.pdfs:
            overview.append(f"{counted(len(comparison.pdfs), 'PDF')} ({_tally(comparison.pdfs, PDF_ORDER)})")
        lines.append("Changed from the base's build: " + "; ".join(overview) + ".")
    for group, heading, noun in (
        (comparison.resources, "Resources", "resource"),
        (comparison.other_pages, "Other pages", "page"),
    ):
        if group:
            rows = [[c.change, _page_name(c), _address(c.url), _words(c)] for c in group]
            lines += ["", f"### {heading}", ""]
            lines += _table(["change", noun, "address", "words"], rows)
    if comparison.pdfs:
        rows = [[c.change, _address(c.path), _pdf_size(c)] for c in comparison.pdfs]
        lines += ["", "### PDFs", ""] + _table(["change", "file", "size"], rows)
    if comparison.drafts:
        lines += ["", "### Drafts", "", "Checked, and not published until `draft: true` is taken out:", ""]
        lines += [f"- {_address('content/' + d)}" for d in comparison.drafts[:MAX_ROWS]]
        if len(comparison.drafts) > MAX_ROWS:
            lines.append(f"- …and {len(comparison.drafts) - MAX_ROWS} more")
    lines += ["", "### Content checks", ""]
    problems = comparison.problems
    if not problems:
        lines.append("No errors or warnings in the content.")
    else:
        errors = len(comparison.errors)
        lines += [
            f"{counted(errors, 'error')} and {counted(len(problems) - errors, 'warning')} in the content.",
            "",
        ]
        rows = [
            [
                p.severity,
                _address(f"{p.path}:{p.line}"),
                escape_markdown(p.message + (f" ({p.hint})" if p.hint else ""), MAX_MESSAGE),
            ]
            for p in sorted(problems, key=lambda p: (p.severity != ERROR, p))
        ]
        lines += _table(["severity", "where", "problem"], rows)
    return "\n".join(lines) + "\n"
