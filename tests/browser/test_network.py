"""Privacy and portability: pages load only from the site's own origin, and work under a sub-path."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from .support import MISSING_PAGE, SUBPATH, finder_query, foreign_requests, key_pages, visit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("case", key_pages(), ids=lambda c: c.id)
def test_every_request_stays_on_the_site(page, site_server, case):
    seen = visit(page, site_server.url(case.path), expect_status=case.status)
    # Use the page as a reader would: open the search, so its index and worker load too.
    if page.locator(".md-search__input").count():
        page.locator(".md-search__input").focus()
        page.keyboard.type("supervision")
        page.wait_for_load_state("networkidle")
    assert seen.requests, "no requests were recorded"
    foreign = foreign_requests(seen.requests, site_server.origin)
    assert not foreign, f"requests to other origins: {foreign}"
    assert not seen.failures, f"failed requests: {seen.failures}"


def _subpath_cases():
    cases = {c.id: c for c in key_pages()}
    query, audience, domain = finder_query()
    return [cases["home"], cases["resource:briefing"], cases["type:briefing"], cases["finder:facets"],
            cases["404"], type(cases["404"])("404-deep", "briefings/deeper/" + MISSING_PAGE, 404)]


@pytest.mark.parametrize("case", _subpath_cases(), ids=lambda c: c.id)
def test_site_works_under_a_sub_path(page, subpath_server, case):
    seen = visit(page, subpath_server.url(case.path), expect_status=case.status)
    assert not seen.failures, f"failed requests under {SUBPATH}: {seen.failures}"
    outside = [u for u in seen.requests if urlsplit(u).path and not urlsplit(u).path.startswith(SUBPATH)
               and not u.startswith(("data:", "blob:"))]
    assert not outside, f"requests outside {SUBPATH}: {outside}"
    # Every link within the site resolves under the sub-path and to a page that exists.
    links = page.eval_on_selector_all("a[href]", "els => els.map(el => el.getAttribute('href'))")
    internal = {urljoin(page.url, href).split("#")[0] for href in links
                if not href.startswith(("#", "mailto:", "tel:")) and "://" not in href}
    broken = []
    for url in sorted(internal):
        if not urlsplit(url).path.startswith(SUBPATH):
            broken.append((url, "outside the sub-path"))
            continue
        status = page.request.head(url).status
        if status != 200:
            broken.append((url, status))
    assert not broken, f"links that do not work under {SUBPATH}: {broken}"
