"""Repairs to the theme's own markup that the Nu Html Checker rejects, applied to every written page.

Material writes these in places no template block reaches (its base.html and nav partials), so a
small, exact rewrite of the finished page is simpler and safer than copying whole theme files.
Each rule matches only the theme's markup and leaves the content alone.
"""

from __future__ import annotations

import re

# Material marks its hidden checkbox toggles autocomplete="off" so Firefox does not restore an open
# drawer on reload; HTML allows autocomplete only on text-like inputs, and the drawer closes anyway.
_TOGGLE = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')
# Section labels in the navigation get tabindex="" when they are not meant to be focusable.
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')
# The table of contents title is a label for the `__toc` toggle, which the theme writes only for
# pages in the navigation; on every other page (each resource) the label points at nothing.
_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.S)
# The theme's skip link targets the first heading in the table of contents (on a resource page, past
# its details and introduction) and is missing where there is none; main.html writes one to the
# start of the content on every page, so the theme's is dropped.
_THEME_SKIP = re.compile(r'(<div data-md-component="skip">)\s*<a href="[^"]*" class="md-skip">.*?</a>', re.S)


def fix_theme_markup(html: str) -> str:
    """Return the page with the theme's invalid attributes, dangling labels and skip link repaired."""
    html = _TOGGLE.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), html)
    html = _EMPTY_TABINDEX.sub(r"\1", html)
    html = _THEME_SKIP.sub(r"\1", html, count=1)
    if 'id="__toc"' not in html:
        html = _TOC_TITLE.sub(r'<div class="md-nav__title">\1</div>', html)
    return html
