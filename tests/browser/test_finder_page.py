"""The resource finder in a real browser: results as you type, facets, the address and Back, no JavaScript."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from macros.finder.index import FINDER_DIR, load_finder_index, search_finder

from .support import SUBPATH, visit

pytestmark = pytest.mark.browser

RESULT_LINKS = "#lib-finder-results h3 a"


def _ready(page) -> None:
    page.locator("[data-finder] form").wait_for(state="visible")


def _expected(site, query: str, **filters) -> list[str]:
    """The titles scripts/search.py would list for the same search, from the same built files."""
    folder = site / FINDER_DIR
    index = load_finder_index((folder / "index.json").read_text(encoding="utf-8"))
    resources = json.loads((folder / "resources.json").read_text(encoding="utf-8"))["resources"]
    return [r.resource["title"] for r in search_finder(index, resources, query, filters)]


def _status(page) -> str:
    return page.locator("[role=status]").inner_text().strip()


def test_a_link_with_a_query_and_filters_reproduces_the_results_under_a_sub_path(page, subpath_server, subpath_site):
    visit(page, subpath_server.url("find-resources/?q=supervisi&audience=middle-leaders"))
    _ready(page)
    # The theme's own search also reads ?q=; on this page it must stay closed.
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.input_value("input[name=q]") == "supervisi"
    assert page.is_checked("input[name=audience][value=middle-leaders]")
    expected = _expected(subpath_site, "supervisi", audience=["middle-leaders"])
    assert expected and page.locator(RESULT_LINKS).all_inner_texts() == expected
    assert _status(page) == f"{len(expected)} resources match."
    assert page.locator("[data-finder-fallback]").is_hidden()
    assert urlsplit(page.url).query == "q=supervisi&audience=middle-leaders"
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url(f"**{SUBPATH}*/*/")
    assert urlsplit(page.url).path.startswith(SUBPATH) and page.locator("h1").count() == 1


def test_typing_and_ticking_update_the_results_the_address_and_back(page, site_server, built_site):
    visit(page, site_server.url("find-resources/"))
    _ready(page)
    everything = len(_expected(built_site, ""))
    assert _status(page) == f"Showing all {everything} resources."
    page.locator("input[name=q]").press_sequentially("wellbeing", delay=20)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'wellbeing'")
    assert page.locator(RESULT_LINKS).all_inner_texts() == _expected(built_site, "wellbeing")

    # An option that would give nothing is shown, disabled; one that would give some can be ticked.
    counts = page.locator(".lib-facet__option").all_inner_texts()
    assert any(c.endswith("(0)") for c in counts)
    disabled = page.locator(".lib-facet input:disabled")
    assert disabled.count() > 0 and disabled.first.is_visible()
    page.locator("input[name=type][value=one-minute-guide]").check()
    page.wait_for_function("() => location.search.includes('type=one-minute-guide')")
    assert page.locator(RESULT_LINKS).all_inner_texts() == _expected(built_site, "wellbeing", type=["one-minute-guide"])

    page.go_back()
    page.wait_for_function("() => !location.search.includes('type=')")
    assert not page.is_checked("input[name=type][value=one-minute-guide]")
    assert page.locator(RESULT_LINKS).all_inner_texts() == _expected(built_site, "wellbeing")
    # The half-typed words made no entries of their own: one more Back returns to the empty finder.
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert page.input_value("input[name=q]") == ""
    assert page.locator(RESULT_LINKS).count() == everything
    page.go_forward()
    page.wait_for_function("() => location.search === '?q=wellbeing'")
    assert page.input_value("input[name=q]") == "wellbeing"


def test_without_javascript_every_resource_is_listed_by_type(browser, site_server, built_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server.url("find-resources/?q=wellbeing"))
        assert page.locator("[data-finder] form").is_hidden()
        fallback = page.locator("[data-finder-fallback]")
        assert fallback.is_visible()
        assert fallback.locator("h4 a").count() == len(_expected(built_site, ""))
    finally:
        context.close()
