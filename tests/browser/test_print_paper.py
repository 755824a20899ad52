"""Printing a resource page from the browser: A4 paper, print-sized text, link addresses, space to write."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import own_library

from .support import visit

pytestmark = pytest.mark.browser


def _resource_with_questions_and_a_web_link() -> str:

    for resource in own_library().catalogue:
        if "](https://" in resource.body and "questions" in resource.body.lower():
            return resource.url
    pytest.skip("no resource has both reflective questions and a link to another site")


def test_printed_text_links_and_questions(page, site_server):
    visit(page, site_server.url(_resource_with_questions_and_a_web_link()))
    page.emulate_media(media="print")
    size = page.evaluate("""parseFloat(getComputedStyle(
        [...document.querySelectorAll('.md-typeset > p')].find(p => !p.className)).fontSize)""")
    assert 14 <= size <= 15.5, f"body text is {size}px, not about 11pt"
    href, after = page.evaluate("""(() => {
        const a = [...document.querySelectorAll('.md-typeset a[href^="http"]')].find(e => !e.closest('.lib-about'));
        return [a.getAttribute('href'), getComputedStyle(a, '::after').content];
    })()""")
    assert href in after, f"the address of {href} is not printed after it"
    assert page.evaluate("document.querySelectorAll('.md-button, .headerlink').length") > 0
    assert page.evaluate("""[...document.querySelectorAll('.md-button, .headerlink')]
        .every(e => getComputedStyle(e).display === 'none')"""), "buttons and permalinks are printed"
    ruled = page.evaluate("getComputedStyle(document.querySelector('.lib-questions > li'), '::after').backgroundImage")
    assert "repeating-linear-gradient" in ruled, "no ruled space to write after a reflective question"


def test_browser_prints_on_a4(page, site_server):
    visit(page, site_server.url(_resource_with_questions_and_a_web_link()))
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595.28) < 2 and abs(float(box.height) - 841.89) < 2
