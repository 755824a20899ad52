"""The Lighthouse measurement (`make lighthouse`): its report from canned Lighthouse results, and its server.

No browser and no Lighthouse here: the report is a pure function of Lighthouse's JSON, and the
server is checked with plain HTTP requests.
"""

from __future__ import annotations

import gzip
import http.client
from urllib.parse import urlsplit

import pytest

from scripts.bench import lighthouse_report as report
from scripts.bench.lighthouse import choose_pages, load_catalogue
from scripts.bench.report import END as BENCH_END
from scripts.bench.report import START as BENCH_START
from scripts.bench.serve import accepts_gzip, serve
from scripts.bench.synthetic import ROOT

# The benchmark's own tests run with it (`make bench`), not with `make test`.
pytestmark = pytest.mark.bench

ORIGIN = "http://127.0.0.1:8123"


def lhr(performance: float, *, tbt_score: float = 1.0, tbt_display: str = "40 ms", accessibility: float = 0.96):
    """A Lighthouse result cut down to what the report reads, in Lighthouse 12's shape."""

    def audit(mode: str, score: float | None, title: str, **more):
        return {"scoreDisplayMode": mode, "score": score, "title": title, **more}

    return {
        "lighthouseVersion": "12.2.3",
        "requestedUrl": f"{ORIGIN}/",
        "finalDisplayedUrl": f"{ORIGIN}/",
        "environment": {"benchmarkIndex": 2000},
        "runWarnings": [],
        "categories": {
            "performance": {
                "score": performance,
                "auditRefs": [
                    {"id": "total-blocking-time", "weight": 30},
                    {"id": "first-contentful-paint", "weight": 10},
                    {"id": "unused-css-rules", "weight": 0},
                    {"id": "render-blocking-resources", "weight": 0},
                    {"id": "diagnostics", "weight": 0},
                ],
            },
            "accessibility": {
                "score": accessibility,
                "auditRefs": [
                    {"id": "aria-dialog-name", "weight": 7},
                    {"id": "color-contrast", "weight": 7},
                    {"id": "focus-traps", "weight": 0},
                ],
            },
            "best-practices": {"score": 1, "auditRefs": [{"id": "errors-in-console", "weight": 1}]},
            "seo": {"score": 1, "auditRefs": [{"id": "hreflang", "weight": 1}]},
        },
        "audits": {
            "total-blocking-time": audit(
                "numeric", tbt_score, "Total Blocking Time", displayValue=tbt_display, numericValue=40.0
            ),
            "first-contentful-paint": audit(
                "numeric", 1, "First Contentful Paint", displayValue="1.2 s", numericValue=1200.0
            ),
            "unused-css-rules": audit(
                "metricSavings",
                0,
                "Reduce unused CSS",
                displayValue="Potential savings of 17 KiB",
                details={"items": [{"url": f"{ORIGIN}/assets/main.css"}, {"url": "https://elsewhere.example/x.css"}]},
            ),
            "render-blocking-resources": audit(
                "error", None, "Eliminate render-blocking resources", errorMessage="It broke\n    at somewhere.js:1"
            ),
            "diagnostics": audit("informative", None, "Diagnostics"),
            "aria-dialog-name": audit(
                "binary",
                0,
                "Elements with `role=dialog` do not have accessible names.",
                details={"items": [{"node": {"selector": f"div.md-search{n}"}} for n in range(5)]},
            ),
            "color-contrast": audit("binary", 1, "Background and foreground colors have a sufficient contrast ratio"),
            # Judged by a person, or not applicable: never failures, whatever their score says.
            "focus-traps": audit("manual", 0, "User focus is not accidentally trapped"),
            "errors-in-console": audit("binary", 1, "No browser errors logged to the console"),
            "hreflang": audit("notApplicable", 0, "Document has a valid hreflang"),
        },
    }


def test_one_page_of_each_type_is_chosen_the_heaviest_of_its_kind():
    catalogue = load_catalogue(ROOT / "mkdocs.yml")
    pages = {p.id: p for p in choose_pages(catalogue)}
    types = [t for t in catalogue.taxonomy.types if catalogue.of_type(t)]
    assert list(pages) == [
        "home",
        *(t.id for t in types),
        "type-listing",
        "audience",
        "pqs-domain",
        "finder",
        "pathways",
        "not-found",
    ]
    for rtype in types:
        longest = max(r.word_count for r in catalogue.of_type(rtype))
        chosen = next(r for r in catalogue.of_type(rtype) if r.url == pages[rtype.id].path)
        assert chosen.word_count == longest
    most = max(len(catalogue.for_audience(a)) for a in catalogue.taxonomy.audiences)
    audience = catalogue.taxonomy.audience(pages["audience"].path.split("/")[1])
    assert len(catalogue.for_audience(audience)) == most
    # Only the home, resource and 404 pages have a counterpart in a plain Material build.
    assert {p.id for p in pages.values() if p.in_baseline} == {"home", "not-found", *(t.id for t in types)}


def test_scores_are_shown_as_lighthouse_shows_them():
    assert report.shown_score(0.93) == 93
    assert report.shown_score(1) == 100
    assert report.shown_score(0.125) == 13  # half up, as JavaScript's Math.round (Python's round gives 12)
    assert report.shown_score(None) is None


def test_one_run_gives_scores_metrics_failed_and_errored_audits():
    run = report.run_summary(lhr(0.93, tbt_score=0.8, tbt_display="250 ms"))
    assert run["scores"] == {"performance": 93, "accessibility": 96, "best-practices": 100, "seo": 100}
    assert run["metrics"] == {"total-blocking-time": 40.0, "first-contentful-paint": 1200.0}
    assert [(a["id"], a["category"], a["weight"], a["score"], a["display"]) for a in run["failed"]] == [
        ("total-blocking-time", "performance", 30, 0.8, "250 ms"),
        ("unused-css-rules", "performance", 0, 0, "Potential savings of 17 KiB"),
        ("aria-dialog-name", "accessibility", 7, 0, ""),
    ]
    css, dialog = run["failed"][1], run["failed"][2]
    # Addresses on the measured site lose its origin; others are kept whole.
    assert css["where"] == ["/assets/main.css", "https://elsewhere.example/x.css"] and css["where_more"] == 0
    assert dialog["where"] == ["div.md-search0", "div.md-search1", "div.md-search2"] and dialog["where_more"] == 2
    assert run["errored"] == [
        {
            "id": "render-blocking-resources",
            "title": "Eliminate render-blocking resources",
            "category": "performance",
            "weight": 0,
            "message": "It broke",
        }
    ]
    assert run["runtime_error"] is None and run["benchmark_index"] == 2000


def test_a_run_that_failed_outright_scores_nothing():
    run = report.run_summary({"runtimeError": {"code": "TIMEOUT", "message": "no result after 300 s"}})
    assert run["scores"] == dict.fromkeys(report.TARGETS)
    assert run["runtime_error"] == "TIMEOUT: no result after 300 s" and run["failed"] == []


def page(page_id: str, label: str, path: str, ours: list[dict], baseline: list[dict] | None) -> dict:
    return {
        "id": page_id,
        "label": label,
        "path": path,
        "in_baseline": baseline is not None,
        "ours": report.page_summary(f"{ORIGIN}/{path}", [report.run_summary(r) for r in ours]),
        "baseline": report.page_summary(f"{ORIGIN}/{path}", [report.run_summary(r) for r in baseline])
        if baseline is not None
        else None,
    }


@pytest.fixture
def pages() -> list[dict]:
    home = page(
        "home",
        "Home",
        "",
        # Total blocking time fails in two runs of three; the median run (97) shows it as 180 ms.
        [
            lhr(0.99),
            lhr(0.97, tbt_score=0.9, tbt_display="180 ms"),
            lhr(0.93, tbt_score=0.7, tbt_display="400 ms"),
        ],
        [lhr(0.98, accessibility=0.92)] * 3,
    )
    finder = page("finder", "Finder", "find-resources/", [lhr(0.78, accessibility=1.0)] * 3, None)
    return [home, finder]


def test_page_summary_takes_medians_and_counts_failing_runs(pages):
    home = pages[0]["ours"]
    assert home["scores"] == {"performance": 97, "accessibility": 96, "best-practices": 100, "seo": 100}
    assert home["metrics"]["first-contentful-paint"] == 1200.0
    failed = {a["id"]: a for a in home["failed"]}
    assert list(failed) == ["total-blocking-time", "unused-css-rules", "aria-dialog-name"]
    assert (failed["total-blocking-time"]["display"], failed["total-blocking-time"]["runs_failed"]) == ("180 ms", 2)
    assert failed["aria-dialog-name"]["runs_failed"] == 3


def test_targets_and_table_rows(pages):
    targets = report.evaluate_targets(pages)
    assert [(t["page"], t["category"], t["status"]) for t in targets if t["status"] == "MISS"] == [
        ("home", "accessibility", "MISS"),
        ("finder", "performance", "MISS"),
    ]
    assert report.score_rows(pages) == [
        "| Page | Performance: ours | plain | Accessibility: ours | plain | Best practices: ours | plain "
        "| SEO: ours | plain |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| Home (`/`) | 97 PASS | 98 | **96 MISS** | 92 | 100 PASS | 100 | 100 PASS | 100 |",
        "| Finder (`/find-resources/`) | **78 MISS** | — | 100 PASS | — | 100 PASS | — | 100 PASS | — |",
    ]
    assert report.failed_rows(pages[0], 3)[2:] == [
        "| `total-blocking-time` | Total Blocking Time | Performance (30) | 0.9 | 180 ms | — | 2 of 3 |",
        "| `unused-css-rules` | Reduce unused CSS | Performance (0) | 0 | Potential savings of 17 KiB "
        "| `/assets/main.css`; `https://elsewhere.example/x.css` | 3 of 3 |",
        "| `aria-dialog-name` | Elements with `role=dialog` do not have accessible names. | Accessibility (7) | 0 "
        "| — | `div.md-search0`; `div.md-search1`; `div.md-search2`; 2 more | 3 of 3 |",
    ]
    assert report.baseline_failures(pages) == [
        "- Home: `unused-css-rules`, `aria-dialog-name`.",
    ]
    assert report.errored_lines(pages) == [
        "- `render-blocking-resources` (Eliminate render-blocking resources; Performance, weight 0), "
        "on 3 of 3 pages: It broke"
    ]


def results_for(pages: list[dict]) -> dict:
    return {
        "date": "2026-11-29",
        "runs": 3,
        "lighthouse": "12.2.3",
        "node": "v20.20.2",
        "chromium": "Chromium 156",
        "content": "the project's own content (10 resources)",
        "load_average_at_start": 0.5,
        "settings": {"screen": "412×823 screen at 1.75×", "throttling": "150 ms round trip", "benchmark_index": 2000},
        "pages": pages,
        "targets": report.evaluate_targets(pages),
    }


def test_document_section_is_added_then_replaced_and_the_rest_kept(pages):
    results = results_for(pages)
    bench = f"# Benchmarks\n\n{BENCH_START}\n\nbuild figures\n\n{BENCH_END}\n\n## Notes\n\nWritten by hand.\n"
    first = report.update_document(bench, results)
    assert first.startswith(bench.rstrip("\n")) and report.START in first and report.END in first
    assert "Measured on 2026-11-29 with Lighthouse 12.2.3" in first and "Targets met: **6 of 8**" in first
    again = report.update_document(first.replace("Written by hand.", "Edited by hand."), results)
    assert again.count(report.START) == 1 and again.count("### Scores") == 1
    assert "Edited by hand." in again and "build figures" in again


# -- the server ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.5", True),
        ("*", True),
        ("gzip;q=0", False),
        ("deflate, br", False),
        ("", False),
    ],
)
def test_accept_encoding(header, expected):
    assert accepts_gzip(header) is expected


def _get(base: str, path: str, accept_encoding: str | None = None) -> http.client.HTTPResponse:
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": accept_encoding} if accept_encoding else {})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def test_server_gzips_text_when_accepted(tmp_path):
    page = ("<!doctype html><title>Home</title>" + "<p>Supervision matters.</p>" * 200).encode()
    (tmp_path / "index.html").write_bytes(page)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with serve(tmp_path) as base:
        packed = _get(base, "/", "gzip, deflate")
        plain = _get(base, "/")
        refused = _get(base, "/", "gzip;q=0")
        image = _get(base, "/logo.png", "gzip")
    assert packed.status == 200 and packed.getheader("Content-Encoding") == "gzip"
    assert packed.getheader("Vary") == "Accept-Encoding" and packed.getheader("Content-Type") == "text/html"
    assert gzip.decompress(packed.body) == page and len(packed.body) < len(page) / 10
    assert int(packed.getheader("Content-Length")) == len(packed.body)
    for response in (plain, refused):
        assert response.getheader("Content-Encoding") is None and response.body == page
    # Images are compressed already: sent as they are, whatever the client accepts.
    assert image.getheader("Content-Encoding") is None and image.body == (tmp_path / "logo.png").read_bytes()


def test_server_answers_as_a_static_host(tmp_path):
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "index.html").write_text("<p>Guides</p>")
    (tmp_path / "404.html").write_text("<p>Not here</p>")
    with serve(tmp_path) as base:
        folder = _get(base, "/guides")
        missing = _get(base, "/no-such-page/", "gzip")
        outside = _get(base, "/../../etc/passwd")
    assert folder.status == 301 and folder.getheader("Location") == "/guides/"
    assert missing.status == 404 and gzip.decompress(missing.body) == b"<p>Not here</p>"
    assert outside.status == 404 and outside.body == b"<p>Not here</p>"
