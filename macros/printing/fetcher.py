"""What WeasyPrint may fetch while printing: library images and the print stylesheet, nothing else.

WeasyPrint follows every address in the HTML it prints, `file:` URLs and attachments included,
so a link in a resource could otherwise copy any file the build can read (the environment in
/proc/self/environ, say) into a published PDF. The sanitiser already refuses such addresses in
content; this fetcher is the second line: it serves only files inside the allowed folders,
after resolving the path, and refuses every other address, recording it for the build's error.
"""

from __future__ import annotations

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

    def __init__(self, content_dirs: list[Path], asset_dirs: list[Path]):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.content_dirs = [Path(d).resolve() for d in content_dirs]
        self.asset_dirs = [Path(d).resolve() for d in asset_dirs]
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
            return resolved
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
