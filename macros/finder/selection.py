"""The page that prints a reader's own selection from the finder (overrides/assets/js/selection.js).

The build makes only the page's frame; the chosen resources are put together in the reader's browser.
"""

from __future__ import annotations

from macros.site.listings import HOME, GeneratedPage

SELECTION_TEMPLATE = "print-selection.html"


def selection_pages() -> list[GeneratedPage]:
    """The "Print your selection" page, out of the navigation: the finder's bar leads to it."""
    return [
        GeneratedPage(
            "print-selection/index.md",
            "Print your selection",
            "Resources you chose in the finder, put together as one document with a contents list, "
            "to print or save as a PDF.",
            SELECTION_TEMPLATE,
            {},
            (HOME, ("Find resources", "find-resources/")),
        )
    ]
