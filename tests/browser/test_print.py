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


@pytest.mark.parametrize("case", RESOURCE_PAGES, ids=lambda c: c.id)
def test_print_hides_site_chrome_and_shows_resource_details(page, site_server, case):
    visit(page, site_server.url(case.path))
    page.emulate_media(media="print")
    shown = [sel for sel in CHROME if any(el.is_visible() for el in page.locator(sel).all())]
    assert not shown, f"visible when printed: {shown}"
    meta = page.locator(".lib-meta")
    assert meta.count() == 1 and meta.is_visible()
    assert page.locator("article h1").first.is_visible()
    # The web address is printed so a paper copy leads back to the page.
    assert page.locator(".lib-meta .lib-print-only").first.is_visible()


def test_screen_hides_print_only_details(page, site_server):
    visit(page, site_server.url(RESOURCE_PAGES[0].path))
    assert page.locator(".lib-meta").is_visible()
    assert not page.locator(".lib-meta .lib-print-only").first.is_visible()
