"""The library's one search in a real browser: the header's form, the finder's results as you type,
facets, the address and Back, the first screen, layout shift, lazy loading, no JavaScript."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import SiteProject
from macros.finder.index import FINDER_DIR, FIRST_RESULTS, load_finder_index
from macros.finder.search import search_finder

from .support import SUBPATH, SiteServer, describe_violations, finder_query, run_axe, visit

pytestmark = pytest.mark.browser

RESULT_LINKS = "#lib-finder-results h3 a"
STATUS = "[data-finder] [role=status]"
# The two screens the finder is designed for: a phone and a laptop.
SCREENS = {"phone": {"width": 375, "height": 812}, "laptop": {"width": 1280, "height": 800}}
FINDER_FILES = ("assets/finder/index.json", "assets/finder/resources.json", "assets/finder/lunr.js")


def _expected(site, query: str, **filters) -> list[str]:
    """The titles `library search` would list for the same search, from the same built files."""
    folder = site / FINDER_DIR
    index = load_finder_index((folder / "index.json").read_text(encoding="utf-8"))
    resources = json.loads((folder / "resources.json").read_text(encoding="utf-8"))["resources"]
    return [r.resource["title"] for r in search_finder(index, resources, query, filters)]


def _count(titles: list[str], filtered: bool = True) -> str:
    """What the count says for these results (finder.js: statusMessage)."""
    n = len(titles)
    if not filtered:
        return f"All {n} resource{'' if n == 1 else 's'}."
    return f"{n} resource{' matches' if n == 1 else 's match'}." if n else "No resources match."


def _loaded(page) -> None:
    """Wait until the finder is not busy (it has fetched its index, if it needed to, and shown the results)."""
    page.wait_for_function("() => !document.querySelector('[data-finder] [aria-busy=\"true\"]')")


def test_a_link_with_a_query_and_filters_reproduces_the_results_under_a_sub_path(page, subpath_server, subpath_site):
    visit(page, subpath_server.url("find-resources/?q=supervisi&audience=middle-leaders"))
    assert page.input_value("#lib-finder-q") == "supervisi"
    assert page.is_checked("input[name=audience][value=middle-leaders]")
    expected = _expected(subpath_site, "supervisi", audience=["middle-leaders"])
    assert expected and page.locator(RESULT_LINKS).all_inner_texts() == expected
    assert page.locator(STATUS).inner_text() == _count(expected)
    assert urlsplit(page.url).query == "q=supervisi&audience=middle-leaders"
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url(f"**{SUBPATH}*/*/")
    assert urlsplit(page.url).path.startswith(SUBPATH) and page.locator("h1").count() == 1


def test_typing_and_ticking_update_the_results_the_address_and_back(page, site_server, built_site):
    visit(page, site_server.url("find-resources/"))
    everything = _expected(built_site, "")
    assert page.locator(STATUS).inner_text() == _count(everything, filtered=False)
    assert page.locator(RESULT_LINKS).all_inner_texts() == everything  # in the page before any script
    page.locator("#lib-finder-q").press_sequentially("wellbeing", delay=20)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'wellbeing'")
    expect(page.locator(RESULT_LINKS)).to_have_text(_expected(built_site, "wellbeing"))

    # An option that would give nothing is shown, disabled; one that would give some can be ticked.
    counts = page.locator(".lib-facet__option").all_inner_texts()
    assert any(c.endswith("(0)") for c in counts)
    disabled = page.locator(".lib-facet input:disabled")
    assert disabled.count() > 0 and disabled.first.is_visible()
    page.locator("input[name=type][value=one-minute-guide]").check()
    page.wait_for_function("() => location.search.includes('type=one-minute-guide')")
    expected = _expected(built_site, "wellbeing", type=["one-minute-guide"])
    assert page.locator(RESULT_LINKS).all_inner_texts() == expected
    assert page.locator(STATUS).inner_text() == _count(expected)

    page.go_back()
    page.wait_for_function("() => !location.search.includes('type=')")
    assert not page.is_checked("input[name=type][value=one-minute-guide]")
    assert page.locator(RESULT_LINKS).all_inner_texts() == _expected(built_site, "wellbeing")
    # The half-typed words made no entries of their own: one more Back returns to the empty finder.
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert page.input_value("#lib-finder-q") == ""
    assert page.locator(RESULT_LINKS).count() == len(everything)
    page.go_forward()
    page.wait_for_function("() => location.search === '?q=wellbeing'")
    assert page.input_value("#lib-finder-q") == "wellbeing"


@pytest.mark.parametrize(("words", "same_as"), [("well-being", "wellbeing"), ("CF-7", "cf-7"), ("Signs of Safety", "")])
def test_the_header_search_and_the_finder_give_the_same_resources(page, site_server, built_site, words, same_as):
    expected = _expected(built_site, words)
    assert expected, f"{words!r} finds nothing in the project's content"
    if same_as:
        assert _expected(built_site, same_as) == expected
    # From the header of any page, without the finder's script: a plain form.
    visit(page, site_server.url("briefings/"))
    page.locator("#lib-search-q").fill(words)
    with page.expect_navigation():
        page.locator("#lib-search-q").press("Enter")
    assert urlsplit(page.url).path == "/find-resources/"
    _loaded(page)
    assert page.input_value("#lib-finder-q") == words
    assert page.locator(RESULT_LINKS).all_inner_texts() == expected
    # Typed into the finder itself.
    visit(page, site_server.url("find-resources/"))
    page.locator("#lib-finder-q").press_sequentially(same_as or words, delay=10)
    page.locator("#lib-finder-q").press("Enter")
    expect(page.locator(RESULT_LINKS)).to_have_text(expected)
    assert page.locator(STATUS).inner_text() == _count(expected)


def test_the_index_is_fetched_only_when_the_search_is_used(page, site_server):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path.lstrip("/")))
    visit(page, site_server.url(""), settle=True)
    page.locator("#lib-search-q").focus()
    page.keyboard.type("supervision")
    page.wait_for_timeout(300)
    assert not set(FINDER_FILES) & set(requested), "the home page fetched the finder's files"
    visit(page, site_server.url("find-resources/"), settle=True)
    assert not set(FINDER_FILES) & set(requested), "the finder fetched its index before it was used"
    page.locator("#lib-finder-q").focus()
    page.wait_for_load_state("networkidle")
    assert set(FINDER_FILES) <= set(requested)
    # A link with words fetches them at once.
    requested.clear()
    visit(page, site_server.url("find-resources/?pqs=cf-7"), settle=True)
    assert set(FINDER_FILES) <= set(requested)


def _open_filters(page) -> None:
    """On a phone the filters are folded behind their button; on a laptop they are always there."""
    toggle = page.locator("[data-finder-toggle]")
    if toggle.is_visible():
        assert toggle.get_attribute("aria-expanded") == "false"
        assert page.locator("#lib-finder-facets").is_hidden()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#lib-finder-facets").is_visible()


def _on_first_screen(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector, "el => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top < innerHeight; }"
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_the_count_and_first_result_are_on_the_first_screen_after_every_change(page, site_server, built_site, screen):
    page.set_viewport_size(SCREENS[screen])
    query, audience, _ = finder_query()
    visit(page, site_server.url("find-resources/"))
    _open_filters(page)
    changes = [
        ("tick", audience, _expected(built_site, "", audience=[audience])),
        ("type", query, _expected(built_site, query, audience=[audience])),
    ]
    for change, value, expected in changes:
        if change == "tick":
            page.locator(f"input[name=audience][value='{value}']").check()
        else:
            page.locator("#lib-finder-q").press_sequentially(value, delay=10)
        # The address changes with each update (after a pause in typing), then the results and the count.
        page.wait_for_function("v => location.search.includes(encodeURIComponent(v))", arg=value)
        expect(page.locator(RESULT_LINKS)).to_have_text(expected)
        assert page.locator(STATUS).inner_text() == _count(expected)
        for selector in (STATUS, "#lib-finder-results > li"):
            assert _on_first_screen(page, selector), f"{screen}: {selector} is below the first screen after {change}"
    # The live region is polite and says the whole count.
    status = page.locator(STATUS)
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("aria-atomic") == "true"
    # On a phone the button says how many filters are ticked; on a laptop the filters are in view instead.
    toggle = page.locator("[data-finder-toggle]")
    if screen == "laptop":
        assert toggle.is_hidden()
        return
    assert toggle.inner_text().startswith("Filters (1)")
    expect(toggle).to_have_accessible_name("Filters (1 applied)")
    page.locator(f"input[name=audience][value='{audience}']").uncheck()
    expect(toggle).to_have_accessible_name("Filters")


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", ["find-resources/", "find-resources/?q=supervision&audience=middle-leaders"])
def test_nothing_moves_while_the_finder_loads(browser, site_server, screen, path):
    context = browser.new_context(viewport=SCREENS[screen])
    context.add_init_script(
        """window.__shifts = [];
        new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shifts.push(e.value); })
            .observe({type: 'layout-shift', buffered: true});"""
    )
    try:
        page = context.new_page()
        page.goto(site_server.url(path), wait_until="networkidle")
        _loaded(page)
        page.wait_for_timeout(300)  # entries are reported after the frame they happened in
        assert page.evaluate("window.__shifts") == [], f"{screen} {path}: layout shifts while loading"
    finally:
        context.close()


def test_axe_is_clean_with_filters_applied_and_the_filters_open(page, site_server):
    query, audience, domain = finder_query()
    for screen in SCREENS.values():
        page.set_viewport_size(screen)
        visit(page, site_server.url(f"find-resources/?q={query}&audience={audience}&pqs={domain}"))
        _open_filters(page)
        violations = run_axe(page)
        assert not violations, describe_violations(violations)


def test_without_javascript_every_resource_is_listed(browser, site_server, built_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server.url("find-resources/?q=wellbeing"))
        assert page.locator("[data-finder] form").is_hidden() and page.locator(".lib-finder__filters").is_hidden()
        assert page.locator(".lib-finder__noscript").is_visible()
        assert page.locator(RESULT_LINKS).all_inner_texts() == _expected(built_site, "")
        # The header's search is a plain form: it works without JavaScript, and leads here.
        page.goto(site_server.url("about/"))
        page.locator("#lib-search-q").fill("wellbeing")
        with page.expect_navigation():
            page.locator("#lib-search-q").press("Enter")
        assert page.url == site_server.url("find-resources/?q=wellbeing")
    finally:
        context.close()


@pytest.fixture(scope="module")
def long_catalogue(tmp_path_factory) -> Iterator[tuple[Path, SiteServer]]:
    """A catalogue of two and a half pages of results, built and served: the finder page holds only the first."""
    project = SiteProject(tmp_path_factory.mktemp("finder-pages") / "project")
    for n in range(2 * FIRST_RESULTS + 10):
        audience = ["senior-leaders"] if n % 2 else ["middle-leaders"]
        project.resource("briefings", f"resource-{n:02d}", title=f"Resource {n:02d}", audience=audience)
    built = project.build()
    assert built.code == 0, built.output
    server = SiteServer(built.site)
    yield built.site, server
    server.close()


def test_more_results_come_a_page_at_a_time(page, long_catalogue):
    site, server = long_catalogue
    total = 2 * FIRST_RESULTS + 10
    everything = _expected(site, "")
    more = page.locator("[data-finder-more] button")
    visit(page, server.url("find-resources/"))
    expect(page.locator(RESULT_LINKS)).to_have_text(everything[:FIRST_RESULTS])
    assert page.locator(STATUS).inner_text() == f"All {total} resources."
    expect(more).to_have_text(f"Show more results ({total - FIRST_RESULTS} not shown)")
    # The next page is added (the index is fetched for it), and focus goes to its first result.
    more.click()
    expect(page.locator(RESULT_LINKS)).to_have_text(everything[: 2 * FIRST_RESULTS])
    expect(page.locator(RESULT_LINKS).nth(FIRST_RESULTS)).to_be_focused()
    expect(more).to_have_text("Show more results (10 not shown)")
    more.click()
    expect(page.locator(RESULT_LINKS)).to_have_text(everything)
    expect(page.locator("[data-finder-more]")).to_be_hidden()
    # A new search starts again at its first page.
    page.locator("input[name=audience][value=senior-leaders]").check()
    half = _expected(site, "", audience=["senior-leaders"])
    expect(page.locator(RESULT_LINKS)).to_have_text(half[:FIRST_RESULTS])
    expect(more).to_have_text(f"Show more results ({len(half) - FIRST_RESULTS} not shown)")
    assert page.locator(STATUS).inner_text() == _count(half)


def test_without_javascript_a_long_catalogue_leads_to_the_browse_pages(browser, long_catalogue):
    site, server = long_catalogue
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url("find-resources/"))
        assert page.locator(RESULT_LINKS).all_inner_texts() == _expected(site, "")[:FIRST_RESULTS]
        assert page.locator("[data-finder-more]").is_hidden()
        note = page.locator(".lib-finder__noscript")
        assert (
            note.is_visible()
            and f"The first {FIRST_RESULTS} of {2 * FIRST_RESULTS + 10} resources" in note.inner_text()
        )
        note.get_by_role("link", name="by audience").click()
        page.wait_for_url("**/audiences/")
    finally:
        context.close()
