"""Keyboard use: a working skip link first, focus always visible, and the finder usable without a mouse."""

from __future__ import annotations

import pytest

from .conftest import MOBILE
from .support import MISSING_PAGE, finder_query, focus_state, key_pages, tab_through, visit

pytestmark = pytest.mark.browser

SKIP_LINK_PAGES = [
    c
    for c in key_pages()
    if c.id in ("home", "type:briefing", "resource:briefing", "find-resources", "404") or c.id.startswith("audience:")
]
WALK_PAGES = [c for c in key_pages() if c.id in ("home", "resource:briefing", "find-resources", "404")]


def _wait_until_opaque(page) -> None:
    """The theme fades the skip link in; wait for the end of that transition."""
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")


@pytest.mark.parametrize("case", SKIP_LINK_PAGES, ids=lambda c: c.id)
def test_skip_link_comes_first_and_moves_to_the_content(page, site_server, case):
    visit(page, site_server.url(case.path), expect_status=case.status)
    page.keyboard.press("Tab")
    first = focus_state(page)
    assert first is not None and first["text"] == "Skip to content", f"first Tab stop: {first}"
    _wait_until_opaque(page)
    first = focus_state(page)
    assert first["shown"] and first["inView"] and first["indicator"], first
    target = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert page.locator(target).count() == 1, f"skip link target {target} is missing"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    # The next Tab stop is inside the content, past the header and navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("([t]) => document.querySelector(t).contains(document.activeElement)", [target]), (
        f"after the skip link, Tab went to {focus_state(page)}"
    )


@pytest.mark.parametrize("width", ["desktop", "mobile"])
@pytest.mark.parametrize("case", WALK_PAGES, ids=lambda c: c.id)
def test_focus_is_always_visible(page, site_server, case, width):
    _visit_at(page, site_server.url(case.path), width, expect_status=case.status)
    stops = tab_through(page)
    assert len(stops) > 5, stops
    hidden = [s for s in stops if not (s["indicator"] and s["shown"] and s["inView"])]
    assert not hidden, "focus lands where it cannot be seen:\n" + "\n".join(map(str, hidden))


def _finder_ready(page) -> None:
    """The finder's form is in the page, usable, from the start."""
    form = page.locator("[data-finder] form")
    if form.count() == 0:
        pytest.fail("the finder page has no [data-finder] form", pytrace=False)
    assert form.is_visible()


def _tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the focused element matches `selector`; every stop on the way must show focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focus_state(page)
        assert state is not None, f"focus left the page before reaching {selector}"
        assert state["indicator"] and state["shown"], f"focus not visible on the way to {selector}: {state}"
        if page.evaluate("([s]) => document.activeElement.matches(s)", [selector]):
            return
    pytest.fail(f"{selector} cannot be reached with Tab", pytrace=False)


def _visit_at(page, url: str, width: str, **kwargs) -> None:
    if width == "mobile":
        page.set_viewport_size(MOBILE)
    visit(page, url, **kwargs)


def _search_from(page, site_server, selector: str, query: str) -> None:
    """Type words into a search box reached with Tab, press Enter: the finder opens with them."""
    _tab_to(page, selector)
    page.keyboard.type(query)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_server.url(f"find-resources/?q={query}")


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_finder_can_be_used_with_the_keyboard_alone(page, site_server, width):
    query, audience, domain = finder_query()
    _visit_at(page, site_server.url("find-resources/"), width)
    _finder_ready(page)
    _tab_to(page, "#lib-finder-q")
    page.keyboard.type(query)
    if width == "mobile":
        # The filters are folded behind their button: open them from the keyboard.
        _tab_to(page, "[data-finder-toggle]")
        page.keyboard.press("Enter")
        assert page.get_attribute("[data-finder-toggle]", "aria-expanded") == "true"
    for name, value in (("audience", audience), ("pqs", domain)):
        box = f"input[type=checkbox][name={name}][value='{value}']"
        _tab_to(page, box)
        page.keyboard.press("Space")
        assert page.locator(box).is_checked(), f"Space did not tick {box}"
    results = page.locator("#lib-finder-results > li")
    results.first.wait_for(state="visible")
    status = page.locator("[role=status]").first.inner_text().strip()
    assert status, "the result count is not announced"
    # The results can be read and opened from the keyboard.
    _tab_to(page, "#lib-finder-results a")
    href = page.evaluate("() => document.activeElement.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == href


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_header_search_works_from_the_keyboard(page, site_server, width):
    query, _, _ = finder_query()
    _visit_at(page, site_server.url("about/"), width)
    if width == "mobile":
        # A phone's header has room for the search button alone: it opens the finder, ready to type in.
        assert page.locator("#lib-search-q").is_hidden()
        _tab_to(page, ".lib-search__button")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == site_server.url("find-resources/?q=")
        page.wait_for_function("() => document.activeElement && document.activeElement.id === 'lib-finder-q'")
        page.keyboard.type(query)
        page.keyboard.press("Enter")
        page.wait_for_url(site_server.url(f"find-resources/?q={query}"))
    else:
        _search_from(page, site_server, "#lib-search-q", query)
    page.locator("#lib-finder-results > li").first.wait_for(state="visible")
    assert page.input_value("#lib-finder-q") == query


def test_not_found_page_search_works_from_the_keyboard(page, site_server):
    query, _, _ = finder_query()
    visit(page, site_server.url("briefings/" + MISSING_PAGE), expect_status=404)
    _search_from(page, site_server, "#lib-notfound-query", query)
