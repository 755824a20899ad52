"""WCAG 2.2 AA in a real browser: axe-core finds no violation on any kind of page."""

from __future__ import annotations

import os

import pytest

from conftest import own_library

from .conftest import DESKTOP, MOBILE
from .support import PageCase, describe_violations, foreign_requests, key_pages, run_axe, sitemap_paths, visit

pytestmark = pytest.mark.browser

# Landmark and heading rules that axe files under best practice rather than a WCAG criterion;
# they back WCAG 1.3.1 and 2.4.1 (structure a screen-reader user can navigate by), so they run too.
STRUCTURE_RULES = [
    "landmark-one-main",
    "landmark-unique",
    "region",
    "page-has-heading-one",
    "heading-order",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
]


@pytest.mark.parametrize("case", key_pages(), ids=lambda c: c.id)
def test_page_has_no_axe_violations(page, site_server, case: PageCase):
    visit(page, site_server.url(case.path), expect_status=case.status)
    violations = run_axe(page)
    assert not violations, f"{case.path or 'home'}: axe found WCAG A/AA violations:\n{describe_violations(violations)}"


@pytest.mark.parametrize("case", key_pages(), ids=lambda c: c.id)
def test_page_structure_is_navigable(page, site_server, case: PageCase):
    visit(page, site_server.url(case.path), expect_status=case.status)
    assert page.evaluate("document.documentElement.lang").startswith("en")
    violations = run_axe(page, rules=STRUCTURE_RULES)
    assert not violations, f"{case.path or 'home'}: landmarks or headings:\n{describe_violations(violations)}"


def test_other_site_pages_have_no_axe_violations(page, site_server, built_site):
    """Pages beyond the key list that are not resources or browse pages (added later, generated)."""
    known = {c.path for c in key_pages()}
    skipped_prefixes = ("audiences/", "pqs/")
    resources = {r.url for r in own_library().catalogue}
    others = [
        p
        for p in sitemap_paths(built_site)
        if p not in known and p not in resources and not p.startswith(skipped_prefixes)
    ]
    problems = []
    for path in others:
        visit(page, site_server.url(path))
        violations = run_axe(page)
        if violations:
            problems.append(f"{path}:\n{describe_violations(violations)}")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("LIBRARY_TEST_ALL"), reason="every page is checked by `make test-all`")
def test_every_page_in_sitemap(page, site_server, built_site):
    """Every page: axe clean, only same-origin requests, no broken assets, no sideways scroll at 375 px."""
    problems = []
    for path in sitemap_paths(built_site):
        page.set_viewport_size(DESKTOP)
        seen = visit(page, site_server.url(path), settle=True)
        violations = run_axe(page)
        if violations:
            problems.append(f"{path}: axe:\n{describe_violations(violations)}")
        foreign = foreign_requests(seen.requests, site_server.origin)
        if foreign:
            problems.append(f"{path}: requests to other origins: {foreign}")
        if seen.failures:
            problems.append(f"{path}: failed requests: {seen.failures}")
        page.set_viewport_size(MOBILE)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if widths[0] > widths[1]:
            problems.append(f"{path}: scrolls sideways at 375 px (content {widths[0]} px wide)")
    assert not problems, "\n".join(problems)
