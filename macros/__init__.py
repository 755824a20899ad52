"""The site's own Python: loaded by mkdocs-macros (`module_name: macros`) and by the hooks.

This file only registers the macros; the logic lives in the modules beside it.
"""

from __future__ import annotations


def define_env(env) -> None:
    """Register the listing macros that the site's own pages (never resource pages) may call."""
    from macros.site.page_macros import register

    register(env)
