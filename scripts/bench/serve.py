"""A static file server that behaves as static hosts do, for measuring pages as readers get them.

Text responses are gzipped when the client accepts it, a folder's address without its final
slash is redirected to the one with it, and a missing path gets the site's 404.html with status 404.
Connections are kept alive (HTTP/1.1), as a browser would find on a real host.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# What static hosts compress: text, scripts, data and SVG. Images and fonts are compressed already.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
)
GZIP_LEVEL = 6  # the level common hosts and servers use: most of the saving for little CPU


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (by name or `*`, with a quality above zero)."""
    for part in accept_encoding.split(","):
        name, *params = (piece.strip() for piece in part.split(";"))
        if name.lower() not in ("gzip", "*"):
            continue
        quality = next((p.split("=", 1)[1] for p in params if p.lower().startswith("q=")), "1")
        try:
            if float(quality) > 0:
                return True
        except ValueError:
            continue
    return False


def compressible(content_type: str) -> bool:
    """Whether a response of this type is one static hosts would gzip."""
    return content_type.startswith(COMPRESSIBLE)


@lru_cache(maxsize=4096)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    """A file's gzipped bytes, made once per version of the file (the modification time is in the key).

    Hosts keep what they compress; compressing at every request would add the server's own time
    to what Lighthouse measures.
    """
    return gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


class StaticHostHandler(SimpleHTTPRequestHandler):
    """GET and HEAD for one folder, answered as a static host would (see the module's docstring)."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def log_message(self, format: str, *args) -> None:
        """Quiet: a measurement makes hundreds of requests, and their log says nothing useful."""

    def _respond(self, with_body: bool) -> None:
        path = Path(self.translate_path(self.path))  # confined to the served folder by the base class
        status = HTTPStatus.OK
        if path.is_dir():
            address = urlsplit(self.path).path
            if not address.endswith("/"):
                self._redirect(address + "/")
                return
            path = path / "index.html"
        if not path.is_file():
            status, path = HTTPStatus.NOT_FOUND, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return
        content_type = self.guess_type(str(path))
        gzipped = compressible(content_type) and accepts_gzip(self.headers.get("Accept-Encoding", ""))
        body = _gzipped(str(path), path.stat().st_mtime_ns) if gzipped else path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if compressible(content_type):
            # Caches must keep the two forms apart, as hosts that compress tell them to.
            self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 on a free port while the block runs; yields the root address.

    The folder need not exist yet: it is read at each request, so a site can be built for the
    address it will be served from.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(StaticHostHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder.name}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
