"""Macros for the site's own pages (home, finder, editors' page).

Only pages that opt in with `render_macros: true` run these; resource pages never do.
"""

from __future__ import annotations

from . import library as library_module
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
    def resource_count() -> int:
        """How many resources the library holds."""
        return len(_library().catalogue)
