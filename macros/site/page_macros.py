"""Macros for the site's own pages (home, finder, editors' page).

Only site pages that opt in with `render_macros: true` run these, and only as plain calls
(macros/checks/site_pages.py refuses everything else). Each macro's HTML is kept by the build
and stands in the page as a placeholder until the page's own HTML has been sanitised, so the
sanitiser never sees (or strips) the site's trusted markup, and never lets a page's own
markup through unchecked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from macros.finder.facets import facet_counts_for, finder_facets
from macros.finder.index import FIRST_RESULTS, finder_order
from macros.site.health import content_health

if TYPE_CHECKING:
    from macros.library import Library

PLUGIN_NAME = "resource-library"
# The values the build gives every macro; a page may not give them (macros/checks/site_pages.py).
BUILD_ARGUMENTS = ("lib", "page_url")
# The largest number a page may give a macro (such as how many of the newest resources to list).
MAX_MACRO_NUMBER = 100


def newest_resources(lib: Library, page_url: str, count: int = 6) -> str:
    """The most recently published or reviewed resources."""
    return lib.renderer.resource_list(lib.catalogue.newest(count), page_url)


def browse_by_type(lib: Library, page_url: str) -> str:
    """One entry per resource type, with its description and count."""
    return lib.renderer.render("browse-types.html", page_url)


def browse_by_audience(lib: Library, page_url: str) -> str:
    """One entry per audience, with its count."""
    return lib.renderer.render("browse-audiences.html", page_url)


def browse_by_domain(lib: Library, page_url: str) -> str:
    """Both PQS frameworks, each domain with its count."""
    return lib.renderer.render("browse-domains.html", page_url)


def content_health_report(lib: Library, page_url: str) -> str:
    """Reviews due, PQS domains and audiences with no resources, and resources with no PDF."""
    pdf_slugs = set(lib.pdf_set.resources) if lib.pdf_set is not None else None
    return lib.renderer.render(
        "content-health.html", page_url, health=content_health(lib.catalogue, today=lib.as_of, pdf_slugs=pdf_slugs)
    )


def search_box(lib: Library, page_url: str) -> str:
    """A search form that leads to the resource finder (works without JavaScript)."""
    return lib.renderer.render("search-box.html", page_url)


def audience_entry_points(lib: Library, page_url: str) -> str:
    """ "I am a …": one way in for each audience, to what is written for them."""
    return lib.renderer.render("audience-entry-points.html", page_url)


def resource_count(lib: Library, page_url: str) -> str:
    """How many resources the library holds."""
    return str(len(lib.catalogue))


def resource_finder(lib: Library, page_url: str) -> str:
    """The finder: its search form and facets, and the first resources, A to Z, as its results before any search.

    Only the first FIRST_RESULTS are in the page, whatever the catalogue's size (finder.js shows
    the others, a page at a time, from resources.json); readers without JavaScript are sent to the
    browse pages for the rest.
    """
    resources = finder_order(lib.catalogue)
    first = resources[:FIRST_RESULTS]
    return lib.renderer.render(
        "resource-finder.html",
        page_url,
        facets=finder_facets(lib.catalogue.taxonomy),
        counts=facet_counts_for(lib.catalogue),
        resources=first,
        total=f"{len(resources):,}",
        not_shown=f"{len(resources) - len(first):,}" if len(resources) > len(first) else "",
        page_size=FIRST_RESULTS,
        status=finder_status(len(resources)) if resources else "",
    )


def finder_status(count: int) -> str:
    """The count before any search: what finder.js says with no words and no filters (statusMessage)."""
    return f"All {count:,} resource{'' if count == 1 else 's'}."


MACROS: dict[str, Callable[..., str]] = {
    func.__name__: func
    for func in (
        search_box,
        audience_entry_points,
        newest_resources,
        browse_by_type,
        browse_by_audience,
        browse_by_domain,
        content_health_report,
        resource_count,
        resource_finder,
    )
}
MACRO_NAMES = tuple(MACROS)


def register(env) -> None:
    """Add each macro to the mkdocs-macros environment; each reads the library of the build in progress."""

    def library() -> Library:
        plugin = env.conf.plugins.get(PLUGIN_NAME)
        if plugin is None or plugin.library is None:
            raise RuntimeError(f"the {PLUGIN_NAME} plugin is not set up: add it to `plugins:` in mkdocs.yml")
        return plugin.library

    for name, func in MACROS.items():

        def macro(*args, _func=func, **kwargs) -> str:
            lib = library()
            page_url = env.page.url if env.page else ""
            return lib.placeholder(str(_func(lib, page_url, *args, **kwargs)))

        macro.__doc__ = func.__doc__
        env.macro(macro, name)
