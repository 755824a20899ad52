"""The Content-Security-Policy every page carries, as a `<meta>` tag (static hosts set no headers).

Scripts run only from the site's own origin, and inline only where the theme writes them: an
inline script is allowed by its hash only if it is one of the theme's own (`THEME_SCRIPTS`,
an allow-list of exact texts); any other inline script anywhere in a page fails the build.
Nothing loads from another origin, no plug-ins, no frames, and a page cannot be re-based
elsewhere. The content itself is sanitised (macros/rendering/sanitiser.py); this is the
second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<code>.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# The inline scripts of mkdocs-material (its base.html) as it writes them, the site's root address
# (".", "..", "../.." …) aside. A new version of the theme that changes them fails the build here
# until they are reviewed and listed again.
THEME_SCRIPTS = (
    re.compile(
        re.escape('__md_scope=new URL("')
        + r"(?:\.|\.\.(?:/\.\.)*|/[A-Za-z0-9._~%/-]*)"  # relative to the page, or the site's path (404.html)
        + re.escape(
            '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,'
            't=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>'
            '{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
        )
    ),
    re.compile(
        re.escape(
            "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
            '(target.checked=target.name.startsWith("__tabbed_"))'
        )
    ),
)
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
    """A page holds an inline script that is not one of the theme's."""


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the page's inline scripts (the theme's own), in page order, each once."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs") or ""
        if _SRC.search(attrs):
            continue
        script_type = _TYPE.search(attrs).group(1).lower() if _TYPE.search(attrs) else ""
        if script_type not in _JAVASCRIPT_TYPES:
            continue  # data, such as the theme's JSON configuration: never run
        code = match.group("code")
        if not any(known.fullmatch(code) for known in THEME_SCRIPTS):
            raise PolicyError(f"an inline script that is not the theme's: {code[:80]!r}")
        digest = hashlib.sha256(match.group("code").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return list(dict.fromkeys(hashes))


def policy_for(html: str) -> str:
    """The policy for one page."""
    return policy_text(inline_script_hashes(html))


def policy_text(hashes: Iterable[str] = (), widened: Mapping[str, str] | None = None) -> str:
    """The site's policy with these script hashes, and the sources `widened` adds to a directive (by name).

    Only a page that needs more than the site's policy widens it, and only the directives it names.
    """
    directives = []
    for directive in POLICY:
        text = directive.format(hashes="".join(f" {h}" for h in hashes))
        extra = (widened or {}).get(text.split()[0])
        directives.append(f"{text} {extra}" if extra else text)
    return "; ".join(directives)


def add_policy(html: str) -> str:
    """The page with its Content-Security-Policy as the first thing after its character set."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    match = _CHARSET.search(html)
    if match is None:
        return html.replace("<head>", "<head>" + tag, 1)
    return html[: match.end()] + tag + html[match.end() :]
