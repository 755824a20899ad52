"""The allow-list sanitiser for contributed HTML, and what it would change, located in the source.

Every resource and site page is Markdown from a pull request, and Markdown passes raw HTML
through. What is published is what `nh3` (the Rust `ammonia` sanitiser, which parses HTML as
a browser does) keeps under this allow-list: the elements and attributes that Markdown and
its extensions produce, plus a few that editors paste, with link schemes limited to https,
http, mailto and relative addresses. There is no block-list to get around: anything not
listed is removed.

`make check` and the build both call `sanitise_and_compare`: a file the sanitiser would alter
is an error in both, reported on the line that holds the construct, so a file that passes is
published exactly as written.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    }
)
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "details": {"open"},
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
ADMONITION_TYPES = frozenset(
    {
        "note",
        "abstract",
        "info",
        "tip",
        "success",
        "question",
        "warning",
        "failure",
        "danger",
        "bug",
        "example",
        "quote",
        "inline",
        "end",
    }
)
# Classes that Markdown extensions write (and that the theme styles), by element.
CLASSES: dict[str, frozenset[str]] = {
    # lib-lines, lib-line and lib-writing-space: the ruled lines of print (macros/printing/extension.py).
    "div": frozenset({"admonition", "footnote", "lib-lines", "lib-line", "lib-writing-space", *ADMONITION_TYPES}),
    "details": ADMONITION_TYPES,
    "p": frozenset({"admonition-title"}),
    "a": frozenset(
        {"headerlink", "footnote-ref", "footnote-backref", "md-button", "md-button--primary", "lib-bare-url"}
    ),
    "pre": frozenset({"highlight"}),
    "ul": frozenset({"lib-questions"}),
    "ol": frozenset({"lib-questions"}),
    "th": frozenset({"lib-align-left", "lib-align-right", "lib-align-center"}),
    "td": frozenset({"lib-align-left", "lib-align-right", "lib-align-center"}),
}
CODE_CLASS_RE = re.compile(r"^language-[a-z0-9+#-]{1,30}$")
# Element ids: no ids the theme or the site's scripts look up (they start with "__", "md-" or
# "lib-"), which a page could otherwise clobber.
ID_RE = re.compile(r"^(?!__|md-|lib-)[A-Za-z0-9_][\w:.-]*$")
# The ids the site's own templates (overrides/, macros/site/templates/) give the parts of a page a
# page's text is shown on; ids they build from data start with "lib-". A heading "Related
# resources" would otherwise take the id of the related resources' own heading.
RESERVED_IDS = frozenset(
    {
        "about-this-resource",
        "cite-this-resource",
        "related-resources",
        "updates",
        "pathways",
        "by-type",
        "by-audience",
        "by-pqs-domain",
        "coverage-caption",
        "reviews-overdue",
        "reviews-due-soon",
        "uncovered-domains",
        "uncovered-audiences",
        "without-pdf",
        "no-review-date",
    }
)
# A table cell may span a few columns or rows; a huge span makes the PDF's layout run for minutes.
MAX_SPAN = 20
# Elements within elements: far deeper than any page needs, far shallower than what exhausts a parser.
MAX_DEPTH = 40
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str | None:
    """The scheme of a URL, lower-cased, or None for a relative one (as a browser reads it: controls ignored)."""
    match = _SCHEME_RE.match(_IGNORED_IN_URLS.sub("", html.unescape(url)))
    return match.group(1).lower() if match else None


def _escapes_origin(url: str) -> bool:
    """True for an address without a scheme that still leaves the site: //host, /\\host, \\\\host."""
    cleaned = _IGNORED_IN_URLS.sub("", url)
    return cleaned[:2] in ("//", "/\\", "\\\\", "\\/")


def allowed_link(url: str) -> bool:
    """A link a reader may follow: http, https, mailto, or an address on this site."""
    scheme = url_scheme(url)
    return scheme in LINK_SCHEMES if scheme else not _escapes_origin(url)


def allowed_id(value: str) -> bool:
    """An id a page's text may give an element: none the theme, its scripts or the page's own parts use."""
    return bool(ID_RE.match(value)) and value.lower() not in RESERVED_IDS


def allowed_image(url: str) -> bool:
    """An image address: a file in the library, relative to the page (the site loads nothing from elsewhere)."""
    cleaned = _IGNORED_IN_URLS.sub("", url)
    return bool(cleaned) and url_scheme(url) is None and cleaned[0] not in "/\\"


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        if tag == "code":
            kept = [c for c in value.split() if CODE_CLASS_RE.match(c)]
        else:
            kept = [c for c in value.split() if c in CLASSES.get(tag, ())]
        return " ".join(kept) or None
    if name == "id":
        return value if allowed_id(value) else None
    if name == "href":
        return value if allowed_link(value) else None
    if name == "src":
        return value if allowed_image(value) or not value.strip() else None
    if name in ("colspan", "rowspan"):
        return value if value.isdigit() and 1 <= int(value) <= MAX_SPAN else None
    if name in ("width", "height", "start", "value"):
        return value if value.isdigit() and len(value) <= 5 else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(LINK_SCHEMES),
)


def sanitise(fragment: str) -> str:
    """The HTML fragment with everything outside the allow-list removed."""
    return _CLEANER.clean(fragment)


# -- what changed ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One thing the sanitiser removed: what to tell the editor, and what to look for in the source."""

    message: str
    hint: str
    needles: tuple[str, ...]  # regular expressions, tried in order, that find it in the Markdown


Token = tuple


class _Tokens(HTMLParser):
    """The start tags (with their attributes) and the text of a fragment, end tags and comments aside.

    Both sides of the comparison are read by this one parser, so a difference between them is
    a difference the sanitiser made, not a difference between parsers.
    """

    # Elements the HTML parsing algorithm inserts on its own; their appearing is not a change.
    IMPLIED = frozenset({"tbody"})

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self._text: list[str] = []
        self.depth = self.deepest = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text.clear()
        if text:
            self.tokens.append(("text", text))

    def handle_starttag(self, tag, attrs):
        self._flush()
        if tag not in self.IMPLIED:
            self.tokens.append(("tag", tag, tuple(sorted((k, v or "") for k, v in attrs))))
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_startendtag(self, tag, attrs):
        self._flush()
        self.tokens.append(("tag", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        self._text.append(data)

    def handle_decl(self, decl):
        self._flush()
        self.tokens.append(("markup", f"<!{decl}>"))

    def unknown_decl(self, data):
        self._flush()
        self.tokens.append(("markup", f"<![{data}]>"))

    def handle_pi(self, data):
        self._flush()
        self.tokens.append(("markup", f"<?{data}>"))

    def close(self):
        super().close()
        self._flush()


def _read(fragment: str) -> _Tokens:
    parser = _Tokens()
    parser.feed(fragment)
    parser.close()
    return parser


TOO_DEEP = Change(
    f"quotations, lists or other parts are nested more than {MAX_DEPTH} levels deep",
    "flatten the text: a printed page cannot show so many levels",
    (r"^\s*(?:>\s*){8}", r"^\s{16}"),
)


def sanitise_and_compare(fragment: str) -> tuple[str, list[Change]]:
    """The sanitised fragment, and every change the sanitiser made to it (none: published as written)."""
    cleaned = sanitise(fragment)
    published = _read(cleaned)  # well-formed, every element closed: its depth is the one a browser builds
    if published.deepest > MAX_DEPTH:
        return cleaned, [TOO_DEEP]
    if cleaned == fragment:
        return cleaned, []
    before, after = _read(fragment).tokens, published.tokens
    if before == after:
        return cleaned, []
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        kept = [t for t in after[j1:j2] if t[0] == "tag"]
        found = [c for token in before[i1:i2] if token[0] != "text" for c in _describe(token, kept)]
        if not found:  # only text changed, or something appeared: the source is not well-formed HTML
            found = [_malformed(before[i1:i2] or after[j1:j2])]
        changes.extend(found)
    return cleaned, list(dict.fromkeys(changes))


def _describe(token: Token, kept: list[Token]) -> list[Change]:
    if token[0] == "markup":
        return [
            Change(
                f"'{_short(token[1])}' is not allowed",
                "remove it: pages hold Markdown and simple HTML only",
                (re.escape(token[1][:12]),),
            )
        ]
    if token[0] == "text":
        return [_malformed([token])]
    _, tag, attrs = token
    twin = next((t for t in kept if t[1] == tag), None)
    if twin is None:
        if tag not in TAGS:
            return [Change(f"<{tag}> is not allowed in the library's pages", _tag_hint(tag), (_tag_needle(tag),))]
        # An allowed element that went missing was moved or merged: the HTML around it is malformed.
        return [
            Change(
                f"the HTML around <{tag}> is not well-formed",
                "close every element you open, in the right order, or write it in Markdown",
                (_tag_needle(tag),),
            )
        ]
    left = dict(twin[2])
    return [_attribute_change(tag, name, value, left.get(name)) for name, value in attrs if left.get(name) != value]


def _attribute_change(tag: str, name: str, value: str, kept: str | None) -> Change:
    needles = (
        rf"\b{re.escape(name)}\s*=\s*['\"]?{re.escape(value[:20])}",
        re.escape(value[:40]),
        re.escape(value[1:40]),
        re.escape(value[-20:]),
        rf"\b{re.escape(name)}\s*=",
        _tag_needle(tag),
    )
    if name.startswith("on"):
        return Change(
            f"event handler '{name}=' is not allowed", "contributed content cannot run code: remove it", needles
        )
    if name == "style":
        return Change("'style=' is not allowed", "the site's theme sets every style: remove the style", needles)
    if name == "href":
        return Change(*_link_message(value), needles)
    if name == "src" and tag == "img":
        if url_scheme(value) in ("http", "https") or _escapes_origin(value):
            return Change(
                f"image '{_short(value)}' is loaded from another website",
                "save the image beside this file in the content folder and link to it there: "
                "the site loads nothing from other hosts",
                needles,
            )
        return Change(
            f"image address '{_short(value)}' is not allowed",
            "link to an image file beside this one, for example images/diagram.png",
            needles,
        )
    if name in ("colspan", "rowspan") and value.isdigit():
        return Change(
            f"'{name}={value}' spans more than {MAX_SPAN} cells",
            f"a cell may span at most {MAX_SPAN} columns or rows",
            needles,
        )
    if name == "class":
        gone = " ".join(sorted(set(value.split()) - set((kept or "").split())))
        return Change(
            f"class '{gone}' is not allowed on <{tag}>",
            "the theme's own classes cannot be used in content: remove it",
            needles,
        )
    if name == "id":
        if ID_RE.match(value):
            words = r"[\s_-]+".join(re.escape(word) for word in re.split(r"[-_]+", value) if word)
            return Change(
                f"id '{_short(value)}' is one the page uses for its own part",
                "word the heading differently, or give it another id with {: #another-id }",
                (rf"#{re.escape(value)}\b", rf"^\s*#{{1,6}}\s.*\b{words}\b", *needles),
            )
        return Change(
            f"id '{_short(value)}' is not allowed",
            "ids may not start with '__', 'md-' or 'lib-' (the site's own): choose another",
            needles,
        )
    return Change(
        f"'{name}=' is not allowed on <{tag}>", "remove it: pages hold Markdown and simple HTML only", needles
    )


def _link_message(url: str) -> tuple[str, str]:
    scheme = url_scheme(url)
    if scheme in ("javascript", "vbscript", "data"):
        return f"'{scheme}:' link is not allowed", "link to a web page (https://…) instead"
    if scheme == "file" or (scheme is not None and len(scheme) == 1):
        return (
            f"link to '{_short(url)}' uses '{scheme}:', which is not allowed",
            "this points at a file on one computer, which readers cannot open: "
            "add the file to the library or link to a web page",
        )
    if scheme in ("http", "https"):  # allowed, so the address itself is broken
        return f"web address '{url}' is incomplete", "copy the whole address from the browser's address bar"
    if scheme is not None:
        return (
            f"link to '{_short(url)}' uses '{scheme}:', which is not allowed",
            "only web (https://…) and email (mailto:) links work for every reader",
        )
    return (
        f"web address '{_short(url)}' has no 'https:'",
        f"write it as https:{url.lstrip()}" if url.lstrip().startswith("//") else "link to a page of this site",
    )


def _malformed(tokens: list[Token]) -> Change:
    text = next((t[1] for t in tokens if t[0] == "text"), "")
    return Change(
        "this HTML is not well-formed, and would be published differently from how it is written",
        "write it in Markdown, or close every element and comment you open",
        tuple(re.escape(w) for w in text.split()[:1]) + (r"<!--|<\s*/?\s*[a-zA-Z]",),
    )


def _tag_hint(tag: str) -> str:
    if tag in (
        "script",
        "noscript",
        "iframe",
        "object",
        "embed",
        "frame",
        "frameset",
        "applet",
        "base",
        "meta",
        "link",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "template",
    ):
        return "contributed content cannot run code, embed other pages or ask for input: remove it"
    if tag in ("img", "svg", "video", "audio", "source", "picture", "canvas", "math"):
        return "use a Markdown image of a PNG, JPEG, WebP or GIF file beside this one: ![What it shows](images/x.png)"
    if tag == "style":
        return "the site's theme sets every style: remove it"
    return "write it in Markdown instead (see CONTRIBUTING.md for what Markdown can do)"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tag_needle(tag: str) -> str:
    """A start tag in the source; the name is whatever the parser saw, such as `javascript:alert(1)`."""
    return rf"<\s*{re.escape(tag)}(?![\w:-])"


def locate(change: Change, lines: list[str]) -> int | None:
    """The index of the first line of `lines` where one of the change's needles is found, or None.

    The source is searched as written, then with character references read (`javascript&colon;`
    is `javascript:` in the HTML), so a change is found on its own line rather than on none.
    """
    for source in (lines, [html.unescape(line) for line in lines]):
        for needle in change.needles:
            pattern = re.compile(needle, re.IGNORECASE)
            for index, line in enumerate(source):
                if pattern.search(line):
                    return index
    return None
