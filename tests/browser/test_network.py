"""Privacy and portability: pages load only from the site's own origin, and work under a sub-path."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .support import MISSING_PAGE, SUBPATH, PageCase, broken_links, foreign_requests, key_pages, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("case", key_pages(), ids=lambda c: c.id)
def test_every_request_stays_on_the_site(page, site_server, case):
    # Pages that fetch more once loaded (the finder's index, once the search is used) are watched until
    # the network is quiet; everything else a page needs it asks for before it has loaded.
    searched = case.id in ("find-resources", "finder:query")
    seen = visit(page, site_server.url(case.path), expect_status=case.status, settle=searched)
    # Use the page as a reader would: search, so lunr.js and the index load too.
    if searched:
        page.locator("#lib-finder-q").focus()
        page.keyboard.type(" supervision")
        page.wait_for_load_state("networkidle")
    assert seen.requests, "no requests were recorded"
    foreign = foreign_requests(seen.requests, site_server.origin)
    assert not foreign, f"requests to other origins: {foreign}"
    assert not seen.failures, f"failed requests: {seen.failures}"


def _subpath_cases():
    cases = {c.id: c for c in key_pages()}
    return [
        cases["home"],
        cases["resource:briefing"],
        cases["type:briefing"],
        cases["finder:facets"],
        cases["404"],
        PageCase("404-deep", "briefings/deeper/" + MISSING_PAGE, 404),
    ]


@pytest.mark.parametrize("case", _subpath_cases(), ids=lambda c: c.id)
def test_site_works_under_a_sub_path(page, subpath_server, case):
    seen = visit(page, subpath_server.url(case.path), expect_status=case.status, settle=True)
    assert not seen.failures, f"failed requests under {SUBPATH}: {seen.failures}"
    outside = [
        u
        for u in seen.requests
        if urlsplit(u).path and not urlsplit(u).path.startswith(SUBPATH) and not u.startswith(("data:", "blob:"))
    ]
    assert not outside, f"requests outside {SUBPATH}: {outside}"
    broken = broken_links(page, SUBPATH)
    assert not broken, f"links that do not work under {SUBPATH}: {broken}"


def test_not_found_page_helps_at_any_depth(page, site_server):
    visit(page, site_server.url("briefings/deeper/still/" + MISSING_PAGE), expect_status=404)
    assert page.locator("h1").inner_text() == "Page not found"
    links = page.eval_on_selector_all("article a[href]", "els => els.map(el => el.getAttribute('href'))")
    for wanted in ("find-resources/", "briefings/", "audiences/", "pqs/"):
        assert any(href.endswith(wanted) for href in links), f"the 404 page does not link to {wanted}: {links}"
    assert page.locator("article form[role=search] input[name=q]").count() == 1
    assert not broken_links(page, "/")
