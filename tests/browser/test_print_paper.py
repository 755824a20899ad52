"""Printing a resource page from the browser: A4 paper, print-sized text, link addresses, space to write."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from conftest import own_library

from .support import key_pages, visit

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


# What a page shows only on screen, by the words it shows them in: none of them may reach paper.
SCREEN_ONLY_WORDS = {
    ".lib-related": "related resources",
    ".lib-step-box": "the pathway box",
    ".lib-cite": "the cite widget",
    ".lib-answers": "the answer box's buttons",
}


def _printed(page) -> list[str]:
    """The page printed as Chromium prints it (print media, A4 from the print stylesheet): each sheet's text."""
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    return [" ".join((sheet.extract_text() or "").split()) for sheet in pdf.pages]


def _heading_fonts(page, heading: str) -> set[str]:
    """The fonts the first sheet of the printed page sets `heading` in."""
    page.emulate_media(media="print")
    sheet = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages[0]
    fonts: set[str] = set()

    def visit_text(text, cm, tm, font, size):
        if font and text.strip() and text.strip() in heading:
            fonts.add(str(font.get("/BaseFont", "")))

    sheet.extract_text(visitor_text=visit_text)
    return fonts


@pytest.mark.parametrize("case", [c for c in key_pages() if c.id.startswith("resource:")], ids=lambda c: c.id)
def test_a_printed_resource_page_is_its_text_and_ends_on_a_full_sheet(page, site_server, case):
    visit(page, site_server.url(case.path))
    hidden = {
        what: " ".join(page.locator(selector).first.inner_text().split()[:6])
        for selector, what in SCREEN_ONLY_WORDS.items()
        if page.locator(selector).count()
    }
    assert "related resources" in hidden and "the cite widget" in hidden, "the page has what paper must leave out"
    title = page.locator("article h1").first.inner_text().strip()
    sheets = _printed(page)
    printed = " ".join(sheets)
    for what, words in hidden.items():
        assert words not in printed, f"{what} printed: '{words}'"
    last = sheets[-1]
    assert "About this resource" in last and "©" in last
    before_about = last.split("About this resource", 1)[0].strip()
    assert before_about, f"the last sheet of {len(sheets)} holds only 'About this resource': {last[:200]}"
    assert len(sheets) == 1 or len(last) > 400, f"a last sheet with little on it: {last}"
    assert any("Bold" in font for font in _heading_fonts(page, title)), f"the title '{title}' is not printed bold"


def test_a_pathway_step_prints_without_its_pathway_box(page, site_server):
    library = own_library()
    step = next(r for r in library.catalogue if library.pathways.positions(r))
    visit(page, site_server.url(step.url))
    box = page.locator(".lib-step-box")
    assert box.count() and box.first.is_visible(), "a step of a pathway shows where it is on screen"
    where = " ".join(box.first.locator(".lib-step-box__where").inner_text().split())
    assert where not in " ".join(_printed(page)), "the pathway box printed"
