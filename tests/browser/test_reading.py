"""Pages as a first-time reader meets them, on a phone and on a laptop: the text first, a header that
says where they are, breadcrumbs, a footer with what a public site has, and tables that stay legible."""

from __future__ import annotations

import pytest
from PIL import Image

from conftest import own_library

from .support import visit

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"width": 375, "height": 812}, "laptop": {"width": 1280, "height": 800}}
RESOURCES = [r.url for r in own_library().catalogue]
SITE_NAME = "Practice Supervisor Resource Library"

# The first element of a resource's own text: the first sibling after the page's head block.
FIRST_OF_THE_TEXT = """() => {
    const head = [...document.querySelectorAll('#lib-content > .lib-essentials, #lib-content > .lib-download,'
                                             + ' #lib-content > .lib-step-line')].pop();
    const first = head.nextElementSibling;
    return {tag: first.tagName.toLowerCase(), top: first.getBoundingClientRect().top, screen: window.innerHeight};
}"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("url", RESOURCES)
def test_the_text_of_every_resource_starts_on_the_first_screen(page, site_server, url, screen):
    page.set_viewport_size(SCREENS[screen])
    visit(page, site_server.url(url))
    first = page.evaluate(FIRST_OF_THE_TEXT)
    assert first["top"] < first["screen"] - 40, f"the text starts at y={first['top']:.0f} ({first['tag']})"


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb]
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_logo_stands_out_from_the_header_and_says_nothing_the_link_does_not(page, site_server, tmp_path):
    visit(page, site_server.url(""))
    logo = page.locator(".md-header .md-logo")
    assert logo.get_attribute("aria-label") == SITE_NAME
    image = logo.locator("img")
    assert image.get_attribute("alt") == "" and image.get_attribute("width") and image.get_attribute("height")
    logo.screenshot(path=str(tmp_path / "logo.png"))
    with Image.open(tmp_path / "logo.png") as picture:
        colours = sorted(picture.convert("RGB").getcolors(1 << 16), reverse=True)
    background = colours[0][1]
    drawn = max((c for _, c in colours), key=lambda c: _contrast(c, background))
    assert _contrast(drawn, background) >= 3, (drawn, background)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_site_name_is_never_cut_off(page, site_server, screen):
    page.set_viewport_size(SCREENS[screen])
    visit(page, site_server.url(""))
    shown = [el for el in page.locator(".md-header__topic .lib-name").all() if el.is_visible()]
    assert len(shown) == 1
    assert shown[0].text_content().strip() == ("Resource Library" if screen == "phone" else SITE_NAME)
    cut = page.evaluate("""() => { const e = document.querySelector('.md-header__topic .md-ellipsis');
        return e.scrollWidth > e.clientWidth; }""")
    assert not cut


def test_titles_say_the_page_then_the_site(page, site_server):
    visit(page, site_server.url(""))
    assert page.title() == SITE_NAME
    resource = own_library().catalogue.resources[0]
    visit(page, site_server.url(resource.url))
    assert page.title() == f"{resource.title} – {SITE_NAME}"


@pytest.mark.parametrize(
    "path,trail",
    [
        (RESOURCES[0], ["Home", "Browse"]),
        ("briefings/", ["Home", "Browse"]),
        ("audiences/senior-leaders/", ["Home", "Browse", "By audience"]),
        ("pqs/cf-7/", ["Home", "Browse", "By PQS domain"]),
    ],
)
def test_breadcrumbs_say_where_a_page_sits(page, site_server, path, trail):
    visit(page, site_server.url(path))
    crumbs = page.locator("nav.lib-breadcrumbs a").all_text_contents()
    assert crumbs[: len(trail)] == trail
    for link in page.locator("nav.lib-breadcrumbs a").all():
        assert site_server.url("") in link.evaluate("a => a.href")


@pytest.mark.parametrize("path", ["", "about/", "briefings/", RESOURCES[0], "find-resources/"])
def test_no_side_column_repeats_the_navigation_on_a_laptop(page, site_server, path):
    page.set_viewport_size(SCREENS["laptop"])
    visit(page, site_server.url(path))
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".md-tabs").is_visible()


def test_the_footer_has_what_a_public_site_has(page, site_server):
    visit(page, site_server.url(RESOURCES[0]))
    footer = page.locator("footer")
    links = footer.locator("a").all_text_contents()
    for wanted in (
        "About the library",
        "Accessibility",
        "Contact us",
        "New and updated resources (Atom feed)",
        "For editors",
        "PQS coverage map",
    ):
        assert wanted in links, (wanted, links)
    assert "©" in footer.text_content()
    tabs = page.locator(".md-tabs").text_content()
    assert "For editors" not in tabs and "coverage" not in tabs.lower()


def test_the_coverage_map_keeps_its_caption_and_domains_in_view_as_it_scrolls(page, site_server):
    page.set_viewport_size(SCREENS["phone"])
    visit(page, site_server.url("coverage/"))
    box = page.locator(".lib-coverage__scroll")
    box.evaluate("b => { b.scrollLeft = 400; }")
    assert box.evaluate("b => b.scrollLeft") > 0, "the map fits: nothing to scroll"
    left = box.bounding_box()["x"]
    caption = page.locator(".lib-coverage__caption")
    assert caption.is_visible() and caption.bounding_box()["x"] >= left - 1
    assert caption.text_content() == page.locator(".lib-coverage__table caption").text_content()
    assert page.locator(".lib-coverage__table tbody th[scope=row]").first.bounding_box()["x"] >= left - 1
