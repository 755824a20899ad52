"""Small screens: at 375 px no page scrolls sideways; screenshots of key pages are kept for review."""

from __future__ import annotations

import pytest

from conftest import ROOT

from .conftest import DESKTOP, MOBILE
from .support import finder_query, key_pages, visit

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-results" / "screenshots"


@pytest.mark.parametrize("case", key_pages(), ids=lambda c: c.id)
def test_no_sideways_scrolling_at_375px(page, site_server, case):
    page.set_viewport_size(MOBILE)
    visit(page, site_server.url(case.path), expect_status=case.status)
    scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if scroll > client:
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'))""")
        pytest.fail(f"{case.path or 'home'} is {scroll} px wide at {client} px; too wide: {wide}", pytrace=False)


def _screenshot_cases():
    cases = {c.id: c for c in key_pages()}
    query, audience, domain = finder_query()
    return [
        ("home", cases["home"].path),
        *((kind.split(":")[1], case.path) for kind, case in cases.items() if kind.startswith("resource:")),
        ("finder", f"find-resources/?q={query}&audience={audience}"),
        ("browse", cases["browse"].path),
        ("audience", next(c.path for k, c in cases.items() if k.startswith("audience:"))),
    ]


@pytest.mark.parametrize("width", ["desktop", "mobile"])
@pytest.mark.parametrize(("name", "path"), _screenshot_cases(), ids=lambda v: v if "/" not in v else "")
def test_screenshots_for_review(page, site_server, name, path, width):
    """Full-page pictures under test-results/screenshots/ for a person to look over."""
    page.set_viewport_size(DESKTOP if width == "desktop" else MOBILE)
    visit(page, site_server.url(path))
    if name == "finder" and page.locator("#lib-finder-results > li").count() == 0:
        page.locator("#lib-finder-results > li").first.wait_for(state="visible")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(target), full_page=True, animations="disabled")
    from PIL import Image

    with Image.open(target) as picture:
        viewport = DESKTOP if width == "desktop" else MOBILE
        assert picture.width == viewport["width"], "the page is wider than the screen"
        assert picture.height >= viewport["height"]
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 50, "the page is blank"
