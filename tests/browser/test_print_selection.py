"""Print your own selection: resources chosen in the finder, put together in the browser as one
document with a contents list, printed with print media. Keyboard only, as a reader without a mouse
would do it."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .support import describe_violations, run_axe, visit

pytestmark = pytest.mark.browser

CHOOSERS = "#lib-finder-results [data-select]"
TITLES = "#lib-finder-results [data-card=title]"
BAR = ".lib-selection-bar"
SECTIONS = "[data-selection-body] > section"


def _choose_two_by_keyboard(page) -> list[str]:
    """Tick the first two results' "Choose to print" with the space bar; return their titles."""
    titles = page.locator(TITLES).all_inner_texts()[:2]
    for n in range(2):
        page.locator(CHOOSERS).nth(n).focus()
        page.keyboard.press("Space")
    return titles


def _put_together(page, site_server) -> list[str]:
    visit(page, site_server.url("find-resources/"))
    chosen = _choose_two_by_keyboard(page)
    assert page.locator(BAR).is_visible()
    assert page.locator(f"{BAR} [role=status]").inner_text() == "2 resources chosen to print"
    page.locator(f"{BAR} a", has_text="Print your selection").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/print-selection/?r=*")
    page.wait_for_selector("[data-selection-contents]:not([hidden])")
    return chosen


def test_chosen_resources_are_put_together_with_a_contents_list(page, site_server):
    chosen = _put_together(page, site_server)
    assert page.locator("[data-selection-list] a").all_inner_texts() == chosen
    assert page.locator(f"{SECTIONS} > h2").all_inner_texts() == chosen
    # One h1 (the page's own); each resource's headings one level down, and every id once only.
    assert page.locator("h1").count() == 1
    assert page.locator(f"{SECTIONS} h3").count() > 0
    ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))
    # A contents entry leads to its resource.
    for link in page.locator("[data-selection-list] a").all():
        target = link.get_attribute("href")
        assert target.startswith("#") and page.locator(target).count() == 1
    # What a resource's page holds for the screen only is left out.
    body = page.locator("[data-selection-body]").inner_text()
    assert "Related resources" not in body and "Cite this resource" not in body
    assert page.locator("[data-selection-body] button, [data-selection-body] .lib-breadcrumbs").count() == 0
    assert run_axe(page) == [], describe_violations(run_axe(page))


def test_the_selection_prints_as_one_document_each_resource_on_new_sheets(page, site_server):
    chosen = _put_together(page, site_server)
    page.emulate_media(media="print")
    assert not page.locator("[data-selection-print]").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    pages = [" ".join((p.extract_text() or "").split()) for p in pdf.pages]
    assert "Contents" in pages[0] and all(title in pages[0] for title in chosen)
    starts = [next(i for i, text in enumerate(pages) if i > 0 and text.startswith(title)) for title in chosen]
    assert starts == sorted(starts) and len(set(starts)) == 2  # each on a sheet of its own, in order
    assert "Print or save as PDF" not in " ".join(pages)


def test_the_choice_survives_a_new_search_and_can_be_cleared(page, site_server):
    visit(page, site_server.url("find-resources/"))
    chosen = _choose_two_by_keyboard(page)
    page.locator("#lib-finder-q").press_sequentially(chosen[0], delay=5)
    first = page.locator("#lib-finder-results .lib-card").first
    expect(page.locator("#lib-finder-status")).not_to_have_text(re.compile("^All "))
    expect(first.locator("[data-card=title]")).to_have_text(chosen[0])
    assert first.locator("[data-select]").is_checked()
    assert page.locator(f"{BAR} [role=status]").inner_text() == "2 resources chosen to print"
    page.locator(f"{BAR} button", has_text="Clear selection").click()
    assert not page.locator(BAR).is_visible()
    assert page.locator(f"{CHOOSERS}:checked").count() == 0


def test_each_box_is_named_by_its_resource(page, site_server):
    visit(page, site_server.url("find-resources/"))
    title = page.locator(TITLES).first.inner_text()
    box = page.locator(CHOOSERS).first
    name = page.evaluate("(el) => el.closest('label').textContent", box.element_handle())
    assert " ".join(name.split()) == f"Choose to print {title}"


@pytest.mark.parametrize(
    "query", ["r=../../etc/passwd,javascript:alert(1)", "r=no-such-resource", "r=%3Cimg%20src%3Dx%3E"]
)
def test_the_print_page_fetches_only_resources_the_library_lists(page, site_server, query):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    visit(page, site_server.url(f"print-selection/?{query}"))
    page.wait_for_load_state("networkidle")
    assert page.locator(SECTIONS).count() == 0
    fetched = [u for u in requests if re.search(r"/(briefings|one-minute-guides|practice-tools)/", u)]
    assert fetched == []
    status = page.locator("[data-selection-status]").inner_text()
    assert "finder" in status or "no longer" in status or "None of the chosen" in status
