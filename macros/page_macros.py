"""Macros for the site's own pages (home, finder, editors' page).

Only pages that opt in with `render_macros: true` run these; resource pages never do.
"""

from __future__ import annotations

from . import library as library_module
from .finder_index import facet_counts_for, finder_facets
from .health import content_health
from .library import Library


def _library() -> Library:
    if library_module.current is None:
        raise RuntimeError("the library hooks did not run: check `hooks:` in mkdocs.yml")
    return library_module.current


def register(env) -> None:
    """Add each macro to the mkdocs-macros environment."""

    def page_url() -> str:
        return env.page.url if env.page else ""

    @env.macro
    def newest_resources(count: int = 6) -> str:
        """The most recently published or reviewed resources."""
        lib = _library()
        return lib.renderer.resource_list(lib.catalogue.newest(count), page_url())

    @env.macro
    def browse_by_type() -> str:
        """One entry per resource type, with its description and count."""
        return _library().renderer.render("browse-types.html", page_url())

    @env.macro
    def browse_by_audience() -> str:
        """One entry per audience, with its count."""
        return _library().renderer.render("browse-audiences.html", page_url())

    @env.macro
    def browse_by_domain() -> str:
        """Both PQS frameworks, each domain with its count."""
        return _library().renderer.render("browse-domains.html", page_url())

    @env.macro
    def content_health_report() -> str:
        """Reviews due, PQS domains and audiences with no resources, and resources with no PDF."""
        lib = _library()
        # PDFs are made before any page (on_pre_build); with PDFs off there is nothing to compare with.
        pdf_slugs = set(lib.pdfs) if getattr(lib, "pdf_set", None) is not None else None
        return lib.renderer.render("content-health.html", page_url(),
                                   health=content_health(lib.catalogue, pdf_slugs=pdf_slugs))

    @env.macro
    def resource_count() -> int:
        """How many resources the library holds."""
        return len(_library().catalogue)

    @env.macro
    def resource_finder() -> str:
        """The finder's search form and facets, with every resource by type for readers without JavaScript."""
        lib = _library()
        return lib.renderer.render("resource-finder.html", page_url(), facets=finder_facets(lib.catalogue.taxonomy),
                                   counts=facet_counts_for(lib.catalogue))
