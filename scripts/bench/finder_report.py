"""The finder's part of the benchmark report: its targets and its line of figures at each size."""

from __future__ import annotations

from typing import Any

from scripts.bench.targets import target as _target

FINDER_GZIP_LIMIT = 1.5 * 1024  # bytes per resource
QUERY_LIMIT_MS = 20.0
PAGE_GROWTH_LIMIT_PCT = 5.0


def _first_result_target(at: dict[str, Any], focus: int) -> dict[str, Any]:
    text = f"finder downloads no more before its first result than the theme's search index at {focus:,} resources"
    finder = at.get("finder") or {}
    theme = at["builds"].get("theme_only", {}).get("search_index_gzip_bytes")
    files = finder.get("first_result_gzip_bytes")
    if not files or not theme:
        return _target("finder-bytes", text, "—", None, "needs the finder's files and the plain theme's search index")
    total = sum(files.values())
    parts = ", ".join(f"{name.rsplit('/', 1)[1]} {size:,}" for name, size in files.items())
    return _target(
        "finder-bytes",
        text,
        f"{total / 1024:,.0f} KB",
        total <= theme,
        f"{total:,} bytes gzipped ({parts}) against search_index.json {theme:,} ({total / theme:.0%})",
    )


def _browser_target(finder: dict[str, Any], focus: int) -> dict[str, Any]:
    text = f"finder query median ≤ 20 ms in lunr.js in Chromium at {focus:,} resources"
    browser = finder.get("browser")
    if not browser:
        return _target("finder-browser-query", text, "—", None, "Chromium or Playwright was not available")
    return _target(
        "finder-browser-query",
        text,
        f"{browser['query_median_ms']:.2f} ms",
        browser["query_median_ms"] <= QUERY_LIMIT_MS,
        f"95th percentile {browser['query_p95_ms']:.2f} ms over {browser['queries']} queries ({browser['browser']})",
    )


def finder_targets(at: dict[str, Any], focus: int) -> list[dict[str, Any]]:
    """The finder's targets at the focus size: index size, bytes before the first result, query times."""
    finder = at.get("finder")
    if not finder:
        return [
            _target(tid, text, "—", None, "the build wrote no finder index")
            for tid, text in (
                ("finder-size", "finder index ≤ 1.5 KB per resource gzipped"),
                ("finder-bytes", "finder downloads no more before its first result than the theme's search index"),
                ("finder-query", "finder query median ≤ 20 ms in lunr.py"),
                ("finder-browser-query", "finder query median ≤ 20 ms in lunr.js in Chromium"),
            )
        ]
    per = finder["gzip_bytes_per_resource"]
    return [
        _target(
            "finder-size",
            f"finder index ≤ 1.5 KB per resource gzipped at {focus:,} resources",
            f"{per / 1024:.2f} KB",
            per <= FINDER_GZIP_LIMIT,
            f"{finder['index_gzip_bytes']:,} bytes gzipped, {finder['index_bytes']:,} raw",
        ),
        _first_result_target(at, focus),
        _target(
            "finder-query",
            f"finder query median ≤ 20 ms in lunr.py at {focus:,} resources",
            f"{finder['query_median_ms']:.2f} ms",
            finder["query_median_ms"] <= QUERY_LIMIT_MS,
            f"95th percentile {finder['query_p95_ms']:.2f} ms over {finder['queries']} queries",
        ),
        _browser_target(finder, focus),
    ]


def finder_page_target(results: dict[str, Any]) -> dict[str, Any]:
    """The finder page's own size must not grow with the catalogue: from the smallest size to the largest."""
    pages = {
        int(size): at["finder"]["page"] for size, at in results["sizes"].items() if (at.get("finder") or {}).get("page")
    }
    if len(pages) < 2:
        return _target("finder-page", "finder page grows ≤ 5% across sizes", "—", None, "needs at least two sizes")
    small, large = min(pages), max(pages)
    growth = 100 * (pages[large]["bytes"] - pages[small]["bytes"]) / pages[small]["bytes"]
    return _target(
        "finder-page",
        f"finder page grows ≤ 5% from {small:,} to {large:,} resources",
        f"{growth:+.2f}%",
        growth <= PAGE_GROWTH_LIMIT_PCT,
        f"find-resources/index.html: {pages[small]['bytes']:,} → {pages[large]['bytes']:,} bytes "
        f"({pages[small]['gzip_bytes']:,} → {pages[large]['gzip_bytes']:,} gzipped)",
    )


def finder_line(at: dict[str, Any]) -> str:
    """The finder's figures at one size, as a paragraph of the report."""
    finder = at["finder"]
    text = (
        f"Finder index: {finder['index_bytes']:,} bytes raw, {finder['index_gzip_bytes']:,} gzipped "
        f"({finder['bytes_per_resource']:,.0f} and {finder['gzip_bytes_per_resource']:,.0f} bytes per resource); "
        f"the resources beside it {finder['data_bytes']:,} bytes raw, {finder['data_gzip_bytes']:,} gzipped. "
    )
    page = finder.get("page")
    if page:
        text += f"The finder page: {page['bytes']:,} bytes raw, {page['gzip_bytes']:,} gzipped. "
    files = finder.get("first_result_gzip_bytes")
    theme = at["builds"].get("theme_only", {}).get("search_index_gzip_bytes")
    if files:
        text += f"Before its first result a reader downloads {sum(files.values()):,} bytes gzipped beyond the page"
        text += f" (the plain theme's search index: {theme:,}). " if theme else ". "
    text += (
        f"lunr.py loads the index in {finder['load_ms']:.0f} ms; {finder['queries']} queries: median "
        f"{finder['query_median_ms']:.2f} ms, 95th percentile {finder['query_p95_ms']:.2f} ms "
        f"({finder['queries_with_results']} with results)."
    )
    browser = finder.get("browser")
    if browser:
        text += (
            f" In {browser['browser']}, lunr.js loads it in {browser['load_ms']:.1f} ms; the same queries: median "
            f"{browser['query_median_ms']:.2f} ms, 95th percentile {browser['query_p95_ms']:.2f} ms "
            f"(slowest: “{browser['slowest']}”)."
        )
    return text
