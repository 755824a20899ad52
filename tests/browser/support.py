"""Helpers for the browser tests: a local static server, axe-core, request recording and page choice."""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, own_library

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (every WCAG 2.2 rule axe has is level AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Rules excepted from the axe run, each with its reason. Empty: the theme is fixed instead.
AXE_EXCEPTIONS: dict[str, str] = {}
SUBPATH = "/resources/"
MISSING_PAGE = "no-such-page/"


def in_ci() -> bool:
    """True when running under CI, where a missing tool is a failure rather than a skip."""
    return os.environ.get("CI", "").lower() in ("true", "1")


def require(condition: bool, message: str) -> None:
    """Fail under CI, skip locally, when a tool the tests need is missing."""
    if condition:
        return
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves a built site under a prefix, with the site's 404 page for anything missing (as GitHub Pages does)."""

    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # keep the test output clean

    def send_head(self):
        path = urlsplit(self.path).path
        if not path.startswith(self.prefix) and path + "/" != self.prefix:
            return self._not_found()
        if path + "/" == self.prefix:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        local = Path(self.translate_path(self.path))
        if not local.exists() or (local.is_dir() and not (local / "index.html").exists() and path.endswith("/")):
            return self._not_found()
        return super().send_head()

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        return super().translate_path("/" + path[len(self.prefix) :])

    def _not_found(self):
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that closes a page mid-download is normal; anything else is reported."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """A built site served by a threaded HTTP server on 127.0.0.1 and a free port, until close()."""

    def __init__(self, site: Path, prefix: str = "/"):
        handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
        self.site = site
        self.prefix = prefix
        self._httpd = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        self.origin = f"http://127.0.0.1:{self._httpd.server_port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="site-server", daemon=True)
        self._thread.start()

    def url(self, path: str = "") -> str:
        """The address of a site-relative path such as 'briefings/' or 'find-resources/?q=x'."""
        return self.origin + self.prefix + path.lstrip("/")

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


def sitemap_paths(site: Path) -> list[str]:
    """Every page in the built sitemap, as site-relative paths ('' for the home page)."""
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    return [urlsplit(loc).path.lstrip("/") for loc in locs]


def run_axe(page, rules: list[str] | None = None) -> list[dict]:
    """Run axe-core on the page (its WCAG 2.0-2.2 A/AA rules, or the rules named) and return the violations."""
    require(AXE_SCRIPT.is_file(), f"{AXE_SCRIPT} is missing: run `npm ci` (make test does).")
    # Evaluated by the browser's automation channel: the page's Content-Security-Policy (rightly)
    # refuses an injected <script> tag, and is not relaxed for the test.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    return page.evaluate(
        """async ([runOnly, excepted]) => {
            const rules = Object.fromEntries(excepted.map(id => [id, {enabled: false}]));
            const result = await axe.run(document, {runOnly, rules});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        [run_only, list(AXE_EXCEPTIONS)],
    )


def describe_violations(violations: list[dict]) -> str:
    """A readable failure message: rule id, help, and each failing element with what to fix."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}: {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@dataclass
class Visit:
    """What loading one page did: every request made and every response with an error status."""

    requests: list[str]
    failures: list[tuple[int, str]]


def visit(page, url: str, *, expect_status: int = 200, settle: bool = False) -> Visit:
    """Load a page, recording every request and failed response.

    The page is ready once loaded (its scripts have run, the finder has shown any results asked for); with
    `settle`, also once the network has been idle for half a second, for tests that must see
    every request a page makes.
    """
    seen = Visit([], [])
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on(
        "response", lambda response: response.status >= 400 and seen.failures.append((response.status, response.url))
    )
    response = page.goto(url, wait_until="networkidle" if settle else "load")
    assert response is not None and response.status == expect_status, f"{url}: status {response and response.status}"
    # A finder opened with words or filters fetches its index and then shows the results (its results
    # are aria-busy until then): check the page as a reader sees it.
    page.wait_for_function("() => !document.querySelector('[data-finder] [aria-busy=\"true\"]')")
    # A page's own error response is expected (the 404 page); only its resources must load.
    seen.failures = [(status, u) for status, u in seen.failures if u != url]
    return seen


def foreign_requests(requests: list[str], origin: str) -> list[str]:
    """Requests that leave the site's origin (data: and blob: URLs stay in the page)."""
    return [u for u in requests if not u.startswith(("data:", "blob:")) and not u.startswith(origin + "/")]


@dataclass(frozen=True)
class PageCase:
    """A page to check: a readable id, its site-relative path (with any query) and its HTTP status."""

    id: str
    path: str
    status: int = 200


def _page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file ('about.md' -> 'about/', 'x/index.md' -> 'x/')."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


@functools.cache
def key_pages() -> tuple[PageCase, ...]:
    """Every kind of page: site pages, browse pages, one resource of each type, the finder and the 404."""

    catalogue = own_library().catalogue
    taxonomy = catalogue.taxonomy
    resources = {r.src_uri for r in catalogue}
    cases = [PageCase("home", "")]
    for md in sorted((ROOT / "content").rglob("*.md")):
        src = md.relative_to(ROOT / "content").as_posix()
        if src not in resources and src != "index.md":
            cases.append(PageCase(_page_url(src).rstrip("/") or src, _page_url(src)))
    for rtype in taxonomy.types:
        cases.append(PageCase(f"type:{rtype.id}", rtype.url))
    cases += [
        PageCase("browse", "browse/"),
        PageCase("audiences", "audiences/"),
        PageCase("pqs", "pqs/"),
        PageCase("coverage", "coverage/"),
        PageCase("pathways", "pathways/"),
    ]
    audience = max(taxonomy.audiences, key=lambda a: len(catalogue.for_audience(a)))
    domain = max(taxonomy.domains, key=lambda d: len(catalogue.for_domain(d)))
    cases += [PageCase(f"audience:{audience.id}", audience.url), PageCase(f"domain:{domain.id}", domain.url)]
    for rtype in taxonomy.types:
        of_type = catalogue.of_type(rtype)
        if of_type:
            cases.append(PageCase(f"resource:{rtype.id}", of_type[0].url))
    query, audience_id, domain_id = finder_query()
    cases += [
        PageCase("finder:query", f"find-resources/?q={query}"),
        PageCase("finder:facets", f"find-resources/?q={query}&audience={audience_id}&pqs={domain_id}"),
        PageCase("404", MISSING_PAGE, status=404),
    ]
    unique: dict[str, PageCase] = {}
    for case in cases:
        unique.setdefault(case.path, case)
    return tuple(unique.values())


@functools.cache
def finder_query() -> tuple[str, str, str]:
    """A search word, audience and PQS domain that a real resource matches, for the finder tests."""

    catalogue = own_library().catalogue
    resource = next((r for r in catalogue if "supervision" in r.title.lower()), next(iter(catalogue)))
    word = "supervision" if "supervision" in resource.title.lower() else resource.title.split()[0].lower()
    return word, resource.audiences[0].id, resource.pqs[0].id


# Runs every transition to its end first: the theme fades some controls in on focus.
FOCUS_STATE = """() => {
    document.getAnimations().forEach(a => { try { a.finish(); } catch (e) { /* endless */ } });
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none';
    const label = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\\s+/g, ' ');
    return {
        element: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (el.className && typeof el.className === 'string'
               ? '.' + el.className.trim().split(/\\s+/).join('.') : ''),
        text: label.slice(0, 60),
        indicator: outline || shadow,
        outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor,
        shown: rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && parseFloat(style.opacity) > 0,
        inView: rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
    };
}"""


def focus_state(page) -> dict | None:
    """Where keyboard focus is, and whether it can be seen (indicator, size, inside the viewport)."""
    return page.evaluate(FOCUS_STATE)


def tab_through(page, limit: int = 250) -> list[dict]:
    """Press Tab until focus leaves the page or comes round again; the focus state at each stop."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state is None or page.evaluate("() => document.activeElement.hasAttribute('data-lib-tab-start')"):
            break
        if not stops:
            page.evaluate("() => document.activeElement.setAttribute('data-lib-tab-start', '')")
        stops.append(state)
    return stops


def broken_links(page, prefix: str) -> list[tuple[str, str | int]]:
    """Links on the page within the site that leave `prefix` or do not answer 200."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(el => el.getAttribute('href'))")
    internal = {
        urljoin(page.url, href).split("#")[0]
        for href in hrefs
        if not href.startswith(("#", "mailto:", "tel:")) and "://" not in href
    }
    broken: list[tuple[str, str | int]] = []
    for url in sorted(internal):
        if not urlsplit(url).path.startswith(prefix):
            broken.append((url, f"outside {prefix}"))
            continue
        status = page.request.head(url).status
        if status != 200:
            broken.append((url, status))
    return broken
