"""Shared browser fixtures: the project's own site, built once, served locally and opened in Chromium.

Every fixture here is session-scoped except `page`, so the site is built once and the browser
starts once however many browser tests run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import SiteProject

from .support import SUBPATH, SiteServer, require

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Chromium's own background traffic (updates, sync, field trials) would show up as
    # third-party requests in the network tests.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 740}


def _build_own_site(root: Path, **config) -> Path:
    """Build the project's own content into `root` and return the built site folder."""
    project = SiteProject.with_own_content(root)
    if config:
        project.config(**config)
    # PDFs are slow to render; LIBRARY_PDF=1 builds them so their links are checked too.
    result = project.build(pdf=os.environ.get("LIBRARY_PDF") == "1")
    if result.code != 0:
        pytest.fail(f"the project's site did not build:\n{result.output}", pytrace=False)
    return result.site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own content built once per session (the folder holding index.html)."""
    return _build_own_site(tmp_path_factory.mktemp("browser") / "own")


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[SiteServer]:
    """The built site served at the root of http://127.0.0.1:<free port>/."""
    server = SiteServer(built_site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built for publishing under /resources/, as GitHub Pages serves a project site."""
    return _build_own_site(
        tmp_path_factory.mktemp("browser-subpath") / "own", site_url=f"https://resources.example.org{SUBPATH}"
    )


@pytest.fixture(scope="session")
def subpath_server(subpath_site: Path) -> Iterator[SiteServer]:
    """The sub-path build served under http://127.0.0.1:<free port>/resources/."""
    server = SiteServer(subpath_site, prefix=SUBPATH)
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (its own browser download is not used)."""
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    require(
        Path(executable).is_file() and os.access(executable, os.X_OK),
        f"Chromium not found at {executable}. Install it with `sudo apt-get install chromium`, "
        "or set CHROMIUM to the browser's path.",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - requirements-dev.txt installs it
        require(False, "Playwright for Python is missing: run `make test` to install requirements-dev.txt.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


# Every page reports each Content-Security-Policy violation to the test, on every navigation.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__libraryCspViolation({directive: event.violatedDirective, blocked: event.blockedURI,
                                source: event.sourceFile, line: event.lineNumber, sample: event.sample,
                                page: document.location.href});
});
"""


@pytest.fixture
def csp_violations() -> list[dict]:
    """The Content-Security-Policy violations the pages of one test reported (see `page`)."""
    return []


@pytest.fixture
def page(browser, csp_violations):
    """A fresh page (own context, desktop size) that is closed after the test.

    Any Content-Security-Policy violation on any page the test opened fails the test.
    """
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    # Everything here is local: a step that takes ten seconds has failed, and should say so quickly.
    context.set_default_timeout(10_000)
    context.expose_function("__libraryCspViolation", lambda violation: csp_violations.append(violation))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    tab = context.new_page()
    yield tab
    context.close()
    assert csp_violations == [], "the page broke its Content-Security-Policy"
