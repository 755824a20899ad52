"""Printing a page from the browser: print-media emulation in Chromium shows no site chrome, A4 paper."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import ROOT

from .support import visit

pytestmark = pytest.mark.browser

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top",
          ".md-search", ".lib-meta__pdf", ".headerlink"]


def _resource_with_questions_and_a_web_link() -> str:
    from macros.loader import load_catalogue

    for resource in load_catalogue(ROOT / "content").catalogue:
        if "](https://" in resource.body and "questions" in resource.body.lower():
            return resource.url
    pytest.skip("no resource has both reflective questions and a link to another site")


def test_printed_page_has_no_chrome_and_shows_what_paper_needs(page, site_server):
    visit(page, site_server.url(_resource_with_questions_and_a_web_link()))
    page.emulate_media(media="print")
    shown = page.evaluate(
        """(selectors) => selectors.map(s => [s, [...document.querySelectorAll(s)]
              .filter(e => getComputedStyle(e).display !== 'none').length])""",
        CHROME,
    )
    assert [s for s, visible in shown if visible] == [], "site chrome is printed"
    assert page.evaluate("getComputedStyle(document.querySelector('dd.lib-print-only')).display") != "none"
    size = page.evaluate("""parseFloat(getComputedStyle(
        [...document.querySelectorAll('.md-typeset > p')].find(p => !p.closest('.lib-meta'))).fontSize)""")
    assert 14 <= size <= 15.5, f"body text is {size}px, not about 11pt"
    after = page.evaluate("""(() => {
        const a = [...document.querySelectorAll('.md-typeset a[href^="http"]')].find(e => !e.closest('.lib-meta'));
        return [a.getAttribute('href'), getComputedStyle(a, '::after').content];
    })()""")
    assert after[0] in after[1], f"the address of {after[0]} is not printed after it"
    ruled = page.evaluate(
        "getComputedStyle(document.querySelector('.lib-questions > li'), '::after').backgroundImage")
    assert "repeating-linear-gradient" in ruled


def test_browser_prints_on_a4(page, site_server):
    visit(page, site_server.url(_resource_with_questions_and_a_web_link()))
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595.28) < 2 and abs(float(box.height) - 841.89) < 2
