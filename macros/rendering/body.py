"""Markdown to HTML with the site's own Markdown settings, for everything but MkDocs' page rendering.

The checks render each body to find what the sanitiser would change and which anchors a page
has; the PDFs render each body to print it. Both use the extensions and settings of mkdocs.yml,
so they see the HTML the web pages are made from.
"""

from __future__ import annotations

from typing import Any

import markdown


class BodyRenderer:
    """One Markdown converter, reused for every body (resetting it is much cheaper than making one)."""

    def __init__(self, extensions: list[Any], configs: dict[str, Any] | None = None):
        self.extensions = list(extensions)
        self.configs = {name: dict(options or {}) for name, options in (configs or {}).items()}
        self._markdown = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)

    def html(self, text: str) -> str:
        """The HTML of a Markdown text."""
        return self._markdown.reset().convert(text)
