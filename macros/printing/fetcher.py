"""What WeasyPrint may fetch while printing: library images and the print stylesheet, nothing else.

WeasyPrint follows every address in the HTML it prints, `file:` URLs and attachments included,
so a link in a resource could otherwise copy any file the build can read (the environment in
/proc/self/environ, say) into a published PDF. The sanitiser already refuses such addresses in
content; this fetcher is the second line: it serves only files inside the allowed folders,
after resolving the path, and refuses every other address, recording it for the build's error.
A PDF may include only the images the check found in its own resources (a pack's members), so
nothing another resource shows, a draft's figures least of all, can be printed in it; and no
link of a PDF may point at a `file:` address, which would publish the build machine's paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

from macros.content.inventory import IMAGE_SIGNATURES

PRINT_ASSET_SUFFIXES = frozenset({".css", ".woff", ".woff2", ".ttf", ".otf", ".svg", ".png"})


class RefusedFetch(Exception):
    """The print HTML asked for an address outside what a PDF may include."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


MIME_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


class LibraryFetcher(URLFetcher):
    """A WeasyPrint URL fetcher serving library images and print assets from disk, refusing the rest."""

    def __init__(self, content_dirs: list[Path], asset_dirs: list[Path], images: Iterable[str] | None = None):
        """`images`, paths under the content folder, are the only images served (None: any in it)."""
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.content_dirs = [Path(d).resolve() for d in content_dirs]
        self.asset_dirs = [Path(d).resolve() for d in asset_dirs]
        self.images = (
            None if images is None else frozenset((d / image).resolve() for d in self.content_dirs for image in images)
        )
        self.refused: list[str] = []

    def allowed_path(self, url: str) -> Path | None:
        """The file a `file:` URL names, if a PDF may include it."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query:
            return None
        path = Path(url2pathname(unquote(parts.path)))
        if not path.is_absolute() or path.is_symlink():
            return None
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not resolved.is_file():
            return None
        suffix = resolved.suffix.lower()
        if suffix in IMAGE_SIGNATURES and any(resolved.is_relative_to(d) for d in self.content_dirs):
            return resolved if self.images is None or resolved in self.images else None
        if suffix in PRINT_ASSET_SUFFIXES and any(resolved.is_relative_to(d) for d in self.asset_dirs):
            return resolved
        return None

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.allowed_path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedFetch(url)
        mime = MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime})


WEB_SCHEMES = ("http", "https", "mailto")


def local_links(document) -> list[str]:
    """The addresses of a rendered document's links that lead off the web: `file:` ones, above all."""
    return [
        target
        for page in document.pages
        for link_type, target, *_ in page.links
        if link_type != "internal" and urlsplit(str(target)).scheme.lower() not in WEB_SCHEMES
    ]
