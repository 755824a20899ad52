"""Hostile content in a real browser: nothing runs, nothing is fetched from elsewhere.

- Every case the build publishes (metadata holding HTML, taxonomy labels, pathway text) is
  built and its pages opened: no payload may run, no request may leave the site, and the
  page's Content-Security-Policy is never broken (the `page` fixture fails the test if it is).
- Defence in depth for every HTML payload the build refuses: the sanitiser's output, put into
  a page of the site, runs nothing; and the raw payload, put there unsanitised, is still
  stopped by the Content-Security-Policy (which reports it).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SiteProject
from hostile import CANARY, HARMLESS, HTML_PAYLOADS, RUN
from macros.rendering.body import BodyRenderer
from macros.rendering.sanitiser import sanitise

from .conftest import REPORT_CSP_VIOLATIONS
from .support import SiteServer, foreign_requests

pytestmark = pytest.mark.browser

PAGES = (
    "",
    "briefings/",
    "briefings/attack/",
    "audiences/senior-leaders/",
    "audiences/practice-supervisors/",
    "pqs/cf-7/",
    "find-resources/",
    "pathways/",
    "pathways/evil/",
    "coverage/",
    "editors/",
)
SCRIPT_PAYLOADS = [case for case in HTML_PAYLOADS if RUN in case.html or "alert(" in case.html]


# Click every link of the content whose address is script (an SVG link's address may be animated there).
FOLLOW_SCRIPT_LINKS = """
for (const link of document.querySelectorAll("#lib-content a")) {
  const href = link.href && typeof link.href === "object" ? link.href.animVal : link.href;
  if (/^\\s*javascript:/i.test(href || "")) {
    link.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
  }
}
"""


def _ran(page) -> bool:
    return page.evaluate("document.documentElement.hasAttribute('data-pwned')")


def _open(page, url: str) -> list[str]:
    """Load a page, use every link in its content as a reader might, and return the requests it made."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    page.evaluate(FOLLOW_SCRIPT_LINKS)
    page.wait_for_timeout(50)  # an image's error handler runs once its load has failed
    return requests


@pytest.mark.parametrize("case", HARMLESS, ids=str)
def test_published_payloads_never_run(case, page, hostile_build):
    _, _, built = hostile_build(case)
    assert built.code == 0, built.output
    server = SiteServer(built.site)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for path in PAGES:
            if not (built.site / path / "index.html").is_file():
                continue
            requests = _open(page, server.url(path))
            assert not _ran(page), f"{path}: the payload ran"
            assert not foreign_requests(requests, server.origin), path
            assert CANARY not in page.content()
    finally:
        server.close()
    assert dialogs == []


@pytest.fixture(scope="module")
def page_template(tmp_path_factory) -> tuple[Path, str, SiteServer]:
    """A built resource page, split around its content (the page any payload is put into), and its server."""
    project = SiteProject(tmp_path_factory.mktemp("hostile") / "project")
    project.resource("briefings", "carrier", "Words.\n\n## Section\n\nMARKER-PARAGRAPH\n")
    built = project.build()
    assert built.code == 0, built.output
    html = (built.site / "briefings" / "carrier" / "index.html").read_text(encoding="utf-8")
    assert "<p>MARKER-PARAGRAPH</p>" in html
    server = SiteServer(built.site)
    yield built.site, html, server
    server.close()


@pytest.fixture(scope="module")
def watched(browser):
    """One browser context for pages that may break their policy: its violations are collected, not failed on."""
    context = browser.new_context(service_workers="block")
    violations: list[dict] = []
    context.expose_function("__libraryCspViolation", lambda violation: violations.append(violation))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    context.on("dialog", lambda dialog: dialog.dismiss())
    yield context, violations
    context.close()


def _publish(site: Path, html: str, name: str, body: str) -> str:
    """Write a copy of the carrier page with `body` in place of its marker paragraph; return its path."""
    folder = site / "briefings" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(html.replace("<p>MARKER-PARAGRAPH</p>", body), encoding="utf-8")
    return f"briefings/{name}/"


def test_what_the_sanitiser_leaves_of_the_refused_payloads_runs_nothing(page, page_template):
    """Every refused HTML payload, as the sanitiser would publish it, together on one page of the site."""
    site, html, server = page_template
    renderer = BodyRenderer(["attr_list", "admonition", "tables", "toc", "macros.rendering.extension"])
    sections = "".join(f'<section id="case-{c.id}">{sanitise(renderer.html(c.html))}</section>' for c in HTML_PAYLOADS)
    requests = _open(page, server.url(_publish(site, html, "sanitised", sections)))
    for link in page.locator("#lib-content a[href]").all():
        assert not re.match(r"\s*(javascript|data|vbscript):", link.get_attribute("href") or "", re.I)
    assert page.locator("#lib-content section[id^=case-]").count() == len(HTML_PAYLOADS)
    assert not _ran(page)
    assert not foreign_requests(requests, server.origin)


@pytest.mark.parametrize("case", SCRIPT_PAYLOADS, ids=str)
def test_the_content_security_policy_stops_a_payload_that_got_past_the_sanitiser(case, watched, page_template):
    site, html, server = page_template
    context, violations = watched
    raw = BodyRenderer(["attr_list", "admonition", "tables", "toc"]).html(case.html)
    with_policy = _publish(site, html, f"raw-{case.id}", raw)
    # The control: the same page without its policy, to tell a payload that would run from an inert one.
    without = _publish(site, _without_policy(html), f"raw-unprotected-{case.id}", raw)
    control = context.new_page()
    _open(control, server.url(without))
    would_run = _ran(control)
    control.close()
    violations.clear()
    protected = context.new_page()
    _open(protected, server.url(with_policy))
    assert not _ran(protected), "the payload ran despite the policy"
    if would_run:
        assert violations, "the policy did not report what it stopped"
    protected.close()


def _without_policy(html: str) -> str:
    return re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)


def test_the_marker_shows_when_a_payload_runs(watched, page_template):
    """The harness itself: without the policy, a plain handler does run and is seen to."""
    site, html, server = page_template
    path = _publish(site, _without_policy(html), "harness", f'<img alt="" src="missing.png" onerror="{RUN}">')
    tab = watched[0].new_page()
    _open(tab, server.url(path))
    assert _ran(tab)
    tab.close()
