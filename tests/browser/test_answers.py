"""Reader tools in a real browser: answers kept in localStorage, printed and downloaded; pathway
ticks that persist; the coverage map on one landscape page; the citation's copy button."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from conftest import own_library

pytestmark = pytest.mark.browser

NOTICE = "Your answers are saved only in this browser on this device; nothing is sent anywhere."


def _tool_path() -> str:
    """A practice tool of the project's own content that has reflective questions."""

    catalogue = own_library().catalogue
    for resource in catalogue:
        if resource.type.id == "practice-tool" and re.search(r"^## .*questions", resource.body, re.I | re.M):
            return resource.url
    pytest.fail("no practice tool with reflective questions in content/")


def _pathway():
    """The first pathway of the project's own content: (its page path, its steps' resource paths)."""

    pathways = own_library().pathways
    assert len(pathways), "content/pathways.yml has no pathways"
    first = next(iter(pathways))
    return first.url, [s.resource.url for s in first.steps]


def test_answers_are_saved_as_you_type_and_survive_a_reload(page, site_server):
    page.goto(site_server.url(_tool_path()))
    boxes = page.locator("textarea.lib-answer__box")
    assert boxes.count() >= 3
    assert page.get_by_text(NOTICE).is_visible()
    # Each box is labelled and described by its question.
    first = page.get_by_role("textbox", name="Your answer to question 1", exact=True)
    described = first.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text().strip()
    first.fill("Strength: I listen.\nTo work on: challenge.")
    boxes.nth(2).press_sequentially("Third answer")
    page.reload()  # locators are looked up again, so these read the reloaded page's boxes
    assert boxes.nth(0).input_value() == "Strength: I listen.\nTo work on: challenge."
    assert boxes.nth(1).input_value() == ""
    assert boxes.nth(2).input_value() == "Third answer"
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('lib-answer:')).sort()")
    path = "/" + _tool_path()
    assert keys == [f"lib-answer:{path}#1", f"lib-answer:{path}#3"]


def test_answers_print_in_place_of_the_boxes(page, site_server):
    page.goto(site_server.url(_tool_path()))
    page.locator("textarea.lib-answer__box").nth(0).fill("My printed answer, kept whole")
    page.reload()
    page.emulate_media(media="print")
    answered = page.locator("li.lib-answered .lib-answer__print")
    assert answered.count() == 1
    assert answered.is_visible() and answered.inner_text() == "My printed answer, kept whole"
    assert not page.locator("textarea.lib-answer__box").first.is_visible()
    assert not page.get_by_text(NOTICE).is_visible()
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf())).pages)
    assert "My printed answer, kept whole" in " ".join(text.split())


def test_the_print_button_prints_the_page(page, site_server):
    page.goto(site_server.url(_tool_path()))
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.get_by_role("button", name="Print with my answers").click()
    assert page.evaluate("window.__printed") == 1


def test_answers_download_as_a_text_file(page, site_server):
    page.goto(site_server.url(_tool_path()))
    question = page.locator(".lib-question__text").nth(1).inner_text().strip()
    page.locator("textarea.lib-answer__box").nth(1).fill("Downloaded answer")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers (.txt)").click()
    download = info.value
    slug = _tool_path().rstrip("/").rsplit("/", 1)[-1]
    assert download.suggested_filename == f"{slug}-answers.txt"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert f"2. {question}\nDownloaded answer\n" in text
    assert "1. " in text and "(no answer yet)" in text
    assert text.startswith(page.locator(".md-content h1").inner_text().strip())


def test_clear_asks_first_then_removes_every_answer(page, site_server):
    page.goto(site_server.url(_tool_path()))
    page.locator("textarea.lib-answer__box").nth(0).fill("Keep me")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear my answers").click()
    assert page.locator("textarea.lib-answer__box").nth(0).input_value() == "Keep me"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear my answers").click()
    assert page.locator("textarea.lib-answer__box").nth(0).input_value() == ""
    page.reload()
    assert page.locator("textarea.lib-answer__box").nth(0).input_value() == ""
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('lib-answer:')).length") == 0


def test_ticking_a_pathway_step_persists_and_shows_progress(page, site_server):
    pathway_url, steps = _pathway()
    page.goto(site_server.url(pathway_url))
    progress = page.locator("[data-pathway-progress]")
    assert progress.inner_text() == f"0 of {len(steps)} steps done."
    boxes = page.get_by_role("checkbox")
    assert boxes.count() == len(steps)
    boxes.nth(1).check()
    assert progress.inner_text() == f"1 of {len(steps)} steps done."
    page.reload()
    assert page.get_by_role("checkbox").nth(1).is_checked()
    assert not page.get_by_role("checkbox").nth(0).is_checked()
    assert page.locator("[data-pathway-progress]").inner_text() == f"1 of {len(steps)} steps done."
    # The step's own page shows where it is, and the same tick.
    page.goto(site_server.url(steps[1]))
    box = page.locator(".lib-step-box").filter(has_text=f"Step 2 of {len(steps)}")
    assert box.get_by_role("checkbox").is_checked()
    box.get_by_role("checkbox").uncheck()
    page.goto(site_server.url(steps[0]))
    page.locator(".lib-step-box").filter(has_text=f"Step 1 of {len(steps)}").get_by_role("checkbox").check()
    page.goto(site_server.url(pathway_url))
    assert page.get_by_role("checkbox").nth(0).is_checked() and not page.get_by_role("checkbox").nth(1).is_checked()
    page.goto(site_server.url("pathways/"))
    assert f"1 of {len(steps)} steps done." in page.locator("[data-pathway-progress]").first.inner_text()


def test_without_javascript_questions_and_pathways_read_normally(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server.url(_tool_path()))
        assert page.locator("textarea").count() == 0
        assert page.locator("ul.lib-questions > li").first.is_visible()
        assert page.get_by_text(NOTICE).count() == 0
        assert page.locator(".lib-cite__copy").is_hidden()
        assert "(Accessed: [date])" in page.locator("[data-cite]").inner_text()
        pathway_url, steps = _pathway()
        page.goto(site_server.url(pathway_url))
        assert page.locator(".md-content input[type=checkbox]").count() == 0
        assert page.locator("[data-pathway-progress]").is_hidden()
        assert page.locator("li.lib-pathway__step").count() == len(steps)
        page.goto(site_server.url(steps[0]))
        assert page.locator(".lib-step-box").first.is_visible()
    finally:
        context.close()


def test_citation_gets_todays_date_and_copies(page, site_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.origin)
    page.goto(site_server.url(_tool_path()))
    reference = page.locator("[data-cite]")
    today = page.evaluate(
        "(() => { const d = new Date(); return d.getDate() + ' ' + "
        "d.toLocaleString('en-GB', {month: 'long'}) + ' ' + d.getFullYear(); })()"
    )
    assert f"(Accessed: {today})." in reference.inner_text()
    page.get_by_role("button", name="Copy the reference").click()
    page.get_by_text("Reference copied.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == " ".join(reference.inner_text().split())
    assert f"(Accessed: {today}). Based on: " in copied  # the publication it draws on follows, as on the page


def test_coverage_map_prints_on_one_a4_landscape_page(page, site_server):
    from pypdf import PdfReader

    page.goto(site_server.url("coverage/"))
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape in points
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Resources per PQS domain" in text and "Performance management and improvement" in text
