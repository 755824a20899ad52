"""Find HTML that contributed content may not carry: scripts, frames, styles, handlers, script URLs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

UNSAFE_TAGS = {"script", "iframe", "style", "object", "embed", "frame", "frameset", "applet", "base", "meta", "link", "form"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}
_SCHEME_RE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL_RE = re.compile(r"[\x00-\x20]+")


def url_scheme(url: str) -> str | None:
    """The scheme of a URL, lower-cased, or None for a relative URL (browsers ignore control characters)."""
    match = _SCHEME_RE.match(_CONTROL_RE.sub("", url))
    return match.group(1).lower() if match else None


def is_script_url(url: str) -> bool:
    return url_scheme(url) in {"javascript", "vbscript", "data"}


class _UnsafeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in UNSAFE_TAGS:
            self.found.append((line, f"<{tag}> is not allowed in resource content"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"inline event handler '{name}=' is not allowed"))
            elif name in URL_ATTRIBUTES and value and is_script_url(value):
                self.found.append((line, f"'{url_scheme(value)}:' URL in {name}= is not allowed"))
            elif name == "style" and value and re.search(r"expression\(|url\(\s*['\"]?\s*javascript:", value, re.I):
                self.found.append((line, "script in a style attribute is not allowed"))

    handle_startendtag = handle_starttag


def find_unsafe_html(html: str) -> list[tuple[int, str]]:
    """(line, message) for each unsafe construct in an HTML (or Markdown with raw HTML) string."""
    finder = _UnsafeFinder()
    finder.feed(html)
    finder.close()
    return finder.found
