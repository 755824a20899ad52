"""The finder measured as a reader meets it: what it downloads before its first result, and how long
each query takes in lunr.js in a real browser (Debian's Chromium, driven by Playwright).

The built site is served on 127.0.0.1; the finder page is opened, lunr.js and the index are
fetched and loaded as finder.js does, and each query runs through finder.js's own `runQuery`
(the same plan, lunr query and order as the page).
"""

from __future__ import annotations

import gzip
import os
import statistics
from pathlib import Path
from typing import Any

from scripts.bench.serve import serve

# What the finder fetches before it can show a result: its script, lunr.js, the index and the resources.
FINDER_PAGE = "find-resources/index.html"
FIRST_RESULT_FILES = (
    "assets/js/finder.js",
    "assets/finder/lunr.js",
    "assets/finder/index.json",
    "assets/finder/resources.json",
)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
# Each query is timed in this many blocks, and its time is the median of them. The browser's clock
# is coarse (0.1 ms), so a block repeats the query until at least BLOCK_MS have passed.
BLOCKS_PER_QUERY = 3
BLOCK_MS = 5


def gzip_size(path: Path) -> int:
    """Bytes a server sends for a file with gzip at level 9 (mtime fixed, so sizes repeat)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def first_result_bytes(site: Path) -> dict[str, int] | None:
    """Gzipped bytes of each file the finder needs before its first result, or None without a finder."""
    if not all((site / name).is_file() for name in FIRST_RESULT_FILES):
        return None
    return {name: gzip_size(site / name) for name in FIRST_RESULT_FILES}


def finder_page_bytes(site: Path) -> dict[str, int] | None:
    """The finder page's own HTML, raw and gzipped: it must not grow with the catalogue."""
    page = site / FINDER_PAGE
    if not page.is_file():
        return None
    return {"bytes": page.stat().st_size, "gzip_bytes": gzip_size(page)}


# Runs in the page: finder.js's functions (loaded as a module, so it does not start a second finder),
# lunr.js and the index as finder.js would fetch them, then every query, timed with performance.now().
_MEASURE = """async ([queries, blocks, blockMs]) => {
    const root = document.querySelector('[data-finder]');
    const fetched = async (url) => (await fetch(url)).json();
    const [indexJson, data] = await Promise.all([
        fetched(root.getAttribute('data-index')), fetched(root.getAttribute('data-resources'))]);
    const start = performance.now();
    const index = lunr.Index.load(indexJson);
    const loadMs = performance.now() - start;
    const finder = window.module.exports;
    const search = (query) => finder.runQuery(lunr, index, query);
    queries.forEach(search);  // once to warm up, as a reader's first keystrokes do
    const results = queries.map((query) => {
        const times = [];
        for (let b = 0; b < blocks; b++) {
            let runs = 0;
            const t0 = performance.now();
            do { search(query); runs++; } while (performance.now() - t0 < blockMs);
            times.push((performance.now() - t0) / runs);
        }
        times.sort((a, b) => a - b);
        const hits = search(query);
        return {query, ms: times[Math.floor(times.length / 2)], found: hits ? hits.length : data.resources.length};
    });
    return {loadMs, results};
}"""


def browser_query_times(site: Path, queries: list[str]) -> dict[str, Any] | None:
    """Per-query times of finder.js's search in Chromium over the built site, or None if it cannot run."""
    if not Path(CHROMIUM).is_file():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with serve(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            # The page's policy allows its own scripts only; the benchmark adds finder.js once more as a
            # module (to call its functions) and lunr.js, both from the site itself.
            context = browser.new_context(bypass_csp=True)
            page = context.new_page()
            page.goto(origin + "find-resources/", wait_until="load")
            page.evaluate("window.module = {exports: {}}")
            page.add_script_tag(url=origin + "assets/js/finder.js")
            page.add_script_tag(url=origin + "assets/finder/lunr.js")
            measured = page.evaluate(_MEASURE, [queries, BLOCKS_PER_QUERY, BLOCK_MS])
            version = browser.version
        finally:
            browser.close()
    times = sorted(r["ms"] for r in measured["results"])
    return {
        "browser": f"Chromium {version}",
        "load_ms": round(measured["loadMs"], 2),
        "queries": len(times),
        "queries_with_results": sum(1 for r in measured["results"] if r["found"]),
        "query_median_ms": round(statistics.median(times), 3),
        "query_p95_ms": round(times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], 3),
        "slowest": max(measured["results"], key=lambda r: r["ms"])["query"],
    }
