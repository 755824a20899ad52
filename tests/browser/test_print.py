"""Print: the site's header, navigation, sidebars and footer are hidden; a resource's details are shown."""

from __future__ import annotations

import pytest

from .support import key_pages, visit

pytestmark = pytest.mark.browser

CHROME = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-skip",
    ".md-top",
]
RESOURCE_PAGES = [c for c in key_pages() if c.id.startswith("resource:")]


# On paper a resource page is its own text and what it is: nothing only a screen can use.
SCREEN_ONLY = [".lib-breadcrumbs", ".lib-download", ".lib-step-line", ".lib-related", ".lib-cite", ".lib-answers"]


@pytest.mark.parametrize("case", RESOURCE_PAGES, ids=lambda c: c.id)
def test_print_hides_site_chrome_and_shows_resource_details(page, site_server, case):
    visit(page, site_server.url(case.path))
    page.emulate_media(media="print")
    shown = [sel for sel in CHROME + SCREEN_ONLY if any(el.is_visible() for el in page.locator(sel).all())]
    assert not shown, f"visible when printed: {shown}"
    for kept in ("article h1", ".lib-lead", ".lib-essentials", ".lib-about"):
        assert page.locator(kept).first.is_visible(), kept
    bold = page.evaluate(
        "[...document.querySelectorAll('article h1, article h2')].map(h => getComputedStyle(h).fontWeight)"
    )
    assert bold and all(int(w) >= 700 for w in bold), "headings print bold"


def test_the_screen_shows_what_paper_leaves_out(page, site_server):
    visit(page, site_server.url(RESOURCE_PAGES[0].path))
    for shown in (".lib-breadcrumbs", ".lib-related", ".lib-about"):
        assert page.locator(shown).first.is_visible(), shown
