"""The Content-Security-Policy every page carries, as a `<meta>` tag (static hosts set no headers).

Scripts run only from the site's own origin, and inline only where the theme writes them:
each inline script outside the page's content is allowed by its hash. Nothing loads from
another origin, no plug-ins, no frames, and a page cannot be re-based elsewhere. The content
itself is sanitised (macros/rendering/sanitiser.py); this is the second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<code>.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CONTENT = re.compile(r'<article\b[^>]*\bid="lib-content"[^>]*>.*?</article>', re.DOTALL)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)

POLICY = (
    "default-src 'self'",
    "script-src 'self'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


class PolicyError(ValueError):
    """A page holds an inline script inside its content, which no page may."""


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the page's inline scripts, in page order, each once."""
    content = _CONTENT.search(html)
    start, end = content.span() if content else (0, 0)
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if _SRC.search(attrs):
            continue
        script_type = _TYPE.search(attrs).group(1).lower() if _TYPE.search(attrs) else ""
        if script_type not in _JAVASCRIPT_TYPES:
            continue  # data, such as the theme's JSON configuration: never run
        if start <= match.start() < end:
            raise PolicyError("an inline script is inside the page's content")
        digest = hashlib.sha256(match.group("code").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


def policy_for(html: str) -> str:
    """The policy for one page."""
    hashes = inline_script_hashes(html)
    return "; ".join(POLICY).format(hashes="".join(f" {h}" for h in hashes))


def add_policy(html: str) -> str:
    """The page with its Content-Security-Policy as the first thing after its character set."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    match = _CHARSET.search(html)
    if match is None:
        return html.replace("<head>", "<head>" + tag, 1)
    return html[: match.end()] + tag + html[match.end() :]
