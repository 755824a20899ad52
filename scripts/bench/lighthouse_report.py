"""The Lighthouse measurement's report: Lighthouse's JSON results summarised, judged and written as Markdown.

Pure functions of the results, so they are tested on canned Lighthouse output without a browser.
"""

from __future__ import annotations

import math
import statistics
from typing import Any
from urllib.parse import urlsplit

from scripts.bench.report import replace_between

START = "<!-- lighthouse figures: start (written by `make lighthouse`; edit outside these markers) -->"
END = "<!-- lighthouse figures: end -->"
# The targets, on the 0-100 scores Lighthouse shows.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CATEGORY_LABELS = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}
# Audits that fail no page: they only inform, do not apply, or ask for a person to check.
NOT_JUDGED = {"informative", "notApplicable", "manual"}
# The metrics shown beside the scores: audit id -> (label, how to show its numeric value).
METRICS = {
    "first-contentful-paint": ("FCP (s)", lambda v: f"{v / 1000:.1f}"),
    "largest-contentful-paint": ("LCP (s)", lambda v: f"{v / 1000:.1f}"),
    "total-blocking-time": ("TBT (ms)", lambda v: f"{v:,.0f}"),
    "cumulative-layout-shift": ("CLS", lambda v: f"{v:.3f}"),
    "speed-index": ("Speed Index (s)", lambda v: f"{v / 1000:.1f}"),
    "total-byte-weight": ("Transferred (KB)", lambda v: f"{v / 1024:,.0f}"),
}
SITES = (("ours", "ours"), ("baseline", "plain Material"))
WHERE_SHOWN = 3  # elements or files named per failed audit; the reports in .cache/bench/ have them all


# -- one run -----------------------------------------------------------------------------------------


def shown_score(score: float | None) -> int | None:
    """A category's score as Lighthouse shows it: 0-100, rounded half up (as JavaScript's Math.round)."""
    return None if score is None else math.floor(score * 100 + 0.5)


def _audit_categories(lhr: dict[str, Any]) -> dict[str, tuple[str, float]]:
    """audit id -> (category, weight in that category's score), for the audits the categories use."""
    found: dict[str, tuple[str, float]] = {}
    for category_id, category in lhr.get("categories", {}).items():
        for ref in category.get("auditRefs", []):
            found.setdefault(ref["id"], (category_id, ref.get("weight", 0)))
    return found


def where(audit: dict[str, Any], origin: str) -> tuple[list[str], int]:
    """What an audit found at fault, as the fixer will look for it: the first few elements' CSS
    selectors or files' addresses (on the measured site, without its origin), and how many more."""
    items = (audit.get("details") or {}).get("items") or []
    places: list[str] = []
    for item in items:
        place = (item.get("node") or {}).get("selector") or item.get("url")
        if isinstance(place, str) and place and place.removeprefix(origin) not in places:
            places.append(place.removeprefix(origin))
    return places[:WHERE_SHOWN], max(0, len(places) - WHERE_SHOWN)


def failed_audits(lhr: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The audits one run failed (score below 1) and those Lighthouse could not run (mode `error`).

    Only audits that the measured categories use count; informative, not applicable and manual
    audits fail nothing.
    """
    failed, errored = [], []
    address = urlsplit(lhr.get("finalDisplayedUrl") or lhr.get("requestedUrl") or "")
    origin = f"{address.scheme}://{address.netloc}" if address.netloc else ""
    for audit_id, (category, weight) in _audit_categories(lhr).items():
        audit = lhr.get("audits", {}).get(audit_id)
        if audit is None or audit.get("scoreDisplayMode") in NOT_JUDGED:
            continue
        found = {"id": audit_id, "title": audit["title"], "category": category, "weight": weight}
        if audit.get("scoreDisplayMode") == "error":
            message = (audit.get("errorMessage") or "").splitlines()
            errored.append({**found, "message": message[0] if message else ""})
        elif audit.get("score") is not None and audit["score"] < 1:
            places, more = where(audit, origin)
            failed.append(
                {
                    **found,
                    "score": audit["score"],
                    "display": audit.get("displayValue", ""),
                    "where": places,
                    "where_more": more,
                }
            )
    return failed, errored


def run_summary(lhr: dict[str, Any]) -> dict[str, Any]:
    """What one Lighthouse run found: the category scores, the metrics, failed and errored audits."""
    failed, errored = failed_audits(lhr)
    runtime = lhr.get("runtimeError")
    audits = lhr.get("audits", {})
    return {
        "scores": {c: shown_score(lhr.get("categories", {}).get(c, {}).get("score")) for c in TARGETS},
        "metrics": {m: audits[m].get("numericValue") for m in METRICS if m in audits},
        "failed": failed,
        "errored": errored,
        "runtime_error": f"{runtime['code']}: {runtime.get('message', '')}" if runtime else None,
        "warnings": list(lhr.get("runWarnings", [])),
        # How fast Chromium found this machine at the time: a busy machine runs slower pages.
        "benchmark_index": lhr.get("environment", {}).get("benchmarkIndex"),
    }


# -- the runs of one page --------------------------------------------------------------------------


def _median(values: list[float | None]) -> float | None:
    """The median of the values there are; for an even count, the lower middle one (a value a run gave)."""
    present = [v for v in values if v is not None]
    return statistics.median_low(present) if present else None


def _by_closeness_to_median(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The runs, the one whose performance score is the median first (it speaks for the page)."""
    middle = _median([r["scores"]["performance"] for r in runs])
    if middle is None:
        return list(runs)
    return sorted(runs, key=lambda r: abs((r["scores"]["performance"] or 0) - middle))


def page_summary(url: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median scores and metrics of a page's runs, and every audit that failed in any of them.

    Each failed audit is shown as the median run found it (or the first run that failed it), with
    the number of runs that failed it: a metric may fail in one run and pass in the next.
    """
    failed: dict[str, dict[str, Any]] = {}
    errored: dict[str, dict[str, Any]] = {}
    for run in _by_closeness_to_median(runs):
        for audit in run["failed"]:
            failed.setdefault(audit["id"], {**audit, "runs_failed": 0})["runs_failed"] += 1
        for audit in run["errored"]:
            errored.setdefault(audit["id"], {**audit, "runs": 0})["runs"] += 1
    return {
        "url": url,
        "runs": runs,
        "scores": {c: _median([r["scores"][c] for r in runs]) for c in TARGETS},
        "metrics": {m: _median([r["metrics"].get(m) for r in runs]) for m in METRICS},
        "failed": sorted(failed.values(), key=lambda a: (list(TARGETS).index(a["category"]), -a["weight"], a["id"])),
        "errored": sorted(errored.values(), key=lambda a: a["id"]),
        "runtime_errors": [r["runtime_error"] for r in runs if r["runtime_error"]],
    }


# -- targets -----------------------------------------------------------------------------------------


def evaluate_targets(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each page and category of our site against the issue's target, PASS or MISS (no score: MISS)."""
    judged = []
    for page in pages:
        for category, target in TARGETS.items():
            score = page["ours"]["scores"][category]
            judged.append(
                {
                    "page": page["id"],
                    "category": category,
                    "score": score,
                    "target": target,
                    "status": "PASS" if score is not None and score >= target else "MISS",
                }
            )
    return judged


# -- Markdown ----------------------------------------------------------------------------------------


def _cell(text: Any) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _score(score: int | None) -> str:
    return "—" if score is None else str(score)


def _judged(score: int | None, category: str) -> str:
    """Our score with PASS or MISS against its target; a miss stands out in bold."""
    if score is not None and score >= TARGETS[category]:
        return f"{score} PASS"
    return f"**{_score(score)} MISS**"


def score_rows(pages: list[dict[str, Any]]) -> list[str]:
    """The scores table: one row per page, ours (judged) beside the plain Material build's."""
    head = " | ".join(f"{CATEGORY_LABELS[c]}: ours | plain" for c in TARGETS)
    lines = [f"| Page | {head} |", "| --- |" + " ---: | ---: |" * len(TARGETS)]
    for page in pages:
        cells = []
        for category in TARGETS:
            cells.append(_judged(page["ours"]["scores"][category], category))
            cells.append(_score(page["baseline"]["scores"][category]) if page["baseline"] else "—")
        lines.append(f"| {_cell(page['label'])} (`/{page['path']}`) | " + " | ".join(cells) + " |")
    return lines


def metric_rows(pages: list[dict[str, Any]]) -> list[str]:
    """The metrics table: the median of each metric, a row for ours and one for plain Material."""
    lines = [
        "| Page | Site | " + " | ".join(label for label, _ in METRICS.values()) + " |",
        "| --- | --- |" + " ---: |" * len(METRICS),
    ]
    for page in pages:
        for key, name in SITES:
            summary = page[key]
            if summary is None:
                continue
            cells = [
                "—" if summary["metrics"].get(m) is None else show(summary["metrics"][m])
                for m, (_, show) in METRICS.items()
            ]
            lines.append(f"| {_cell(page['label'])} | {name} | " + " | ".join(cells) + " |")
    return lines


def failed_rows(page: dict[str, Any], runs: int) -> list[str]:
    """Every audit a page of ours failed: id, title, category and weight, score, what Lighthouse showed."""
    failed = page["ours"]["failed"]
    if not failed:
        return ["No failed audit."]
    lines = [
        "| Audit | Title | Category (weight) | Score | Shown as | Where | Failed in |",
        "| --- | --- | --- | ---: | --- | --- | ---: |",
    ]
    for audit in failed:
        places = [f"`{_cell(place)}`" for place in audit["where"]]
        if audit["where_more"]:
            places.append(f"{audit['where_more']} more")
        lines.append(
            f"| `{audit['id']}` | {_cell(audit['title'])} | {CATEGORY_LABELS[audit['category']]} "
            f"({audit['weight']:g}) | {audit['score']:g} | {_cell(audit['display']) or '—'} | "
            f"{'; '.join(places) or '—'} | "
            f"{audit['runs_failed']} of {runs} |"
        )
    return lines


def baseline_failures(pages: list[dict[str, Any]]) -> list[str]:
    """One line per page of the plain build: the ids of the audits it failed, to compare with ours."""
    lines = []
    for page in pages:
        if page["baseline"] is None:
            continue
        ids = ", ".join(f"`{a['id']}`" for a in page["baseline"]["failed"]) or "none"
        lines.append(f"- {page['label']}: {ids}.")
    return lines


def errored_lines(pages: list[dict[str, Any]]) -> list[str]:
    """The audits Lighthouse could not run, once each: its category and weight, how many of the
    pages measured (both sites) it failed to run on, and Lighthouse's message."""
    measured = sum(page[key] is not None for page in pages for key, _ in SITES)
    seen: dict[str, dict[str, Any]] = {}
    for page in pages:
        for key, _ in SITES:
            for audit in (page[key] or {}).get("errored", []):
                seen.setdefault(audit["id"], {**audit, "pages": set()})["pages"].add((key, page["id"]))
    return [
        f"- `{a['id']}` ({_cell(a['title'])}; {CATEGORY_LABELS[a['category']]}, weight {a['weight']:g}), "
        f"on {len(a['pages'])} of {measured} pages: {_cell(a['message'])}"
        for a in sorted(seen.values(), key=lambda a: a["id"])
    ]


def _index_range(settings: dict[str, Any]) -> str:
    """The spread of Chromium's benchmark index over the runs: a wide one means a busy machine."""
    low, high = (settings.get("benchmark_index_range") or [None, None])[:2]
    return f" (median; from {low} to {high} over the runs, lower when the machine is busier)" if low != high else ""


def markdown_section(results: dict[str, Any]) -> str:
    """The figures between the markers in BENCHMARKS.md."""
    pages, runs = results["pages"], results["runs"]
    judged = results["targets"]
    met = sum(t["status"] == "PASS" for t in judged)
    s = results["settings"]
    lines = [
        f"Measured on {results['date']} with Lighthouse {results['lighthouse']} on Node {results['node']}, "
        f"against {results['chromium']} (headless), on {results['content']}. Mobile preset: "
        f"{s['screen']}, simulated throttling ({s['throttling']}); Chromium's benchmark index "
        f"{s['benchmark_index']}{_index_range(s)}. Each page was measured {runs} time{'s' if runs != 1 else ''}; "
        f"the tables show the median. Load average {results['load_average_at_start']} at the start.",
        "",
        f"Targets met: **{met} of {len(judged)}** (every page of ours: performance ≥ 95; accessibility, "
        "best practices and SEO = 100). The plain Material build has no listing, finder or pathway pages.",
        "",
        "### Scores",
        "",
        *score_rows(pages),
        "",
        "### Metrics (median)",
        "",
        *metric_rows(pages),
        "",
        "### Failed audits, ours",
        "",
        "Every audit with a score below 1 in any run (informative, not applicable and manual audits aside). "
        "A weight of 0 means the audit does not count in its category's score.",
    ]
    for page in pages:
        lines += ["", f"#### {_cell(page['label'])} (`/{page['path']}`)", "", *failed_rows(page, runs)]
        if page["ours"]["runtime_errors"]:
            lines += ["", "Runs that failed: " + "; ".join(map(_cell, page["ours"]["runtime_errors"]))]
    lines += ["", "### Failed audits, plain Material", "", *baseline_failures(pages)]
    errored = errored_lines(pages)
    if errored:
        lines += ["", "### Audits Lighthouse could not run", "", *errored]
    return "\n".join(lines) + "\n"


DEFAULT_SECTION = f"""
## Lighthouse

`make lighthouse` (`scripts/bench/lighthouse.py`) runs Lighthouse on one page of each type of this
site and of a plain Material build of the same resources, both served gzipped from 127.0.0.1.

{START}
{END}
"""


def update_document(existing: str | None, results: dict[str, Any]) -> str:
    """BENCHMARKS.md with the Lighthouse figures between their markers, everything else kept.

    A document without the markers gets the section added at its end.
    """
    text = existing or "# Benchmarks\n"
    if START not in text or END not in text:
        text = text.rstrip("\n") + "\n" + DEFAULT_SECTION
    return replace_between(text, START, END, markdown_section(results))


def summary_text(results: dict[str, Any]) -> str:
    """For the terminal: each page's scores beside the plain build's, and what our pages missed."""
    lines = []
    for page in results["pages"]:
        ours = page["ours"]["scores"]
        plain = page["baseline"]["scores"] if page["baseline"] else {}
        cells = "  ".join(
            f"{CATEGORY_LABELS[c]} {_score(ours[c])}"
            + ("" if ours[c] is not None and ours[c] >= TARGETS[c] else " MISS")
            + (f" (plain {_score(plain[c])})" if plain else "")
            for c in TARGETS
        )
        lines.append(f"{page['label']:<28} {cells}")
        for audit in page["ours"]["failed"]:
            lines.append(f"    failed: {audit['id']} ({audit['title']}) {audit['display']}".rstrip())
    judged = results["targets"]
    met = sum(t["status"] == "PASS" for t in judged)
    lines.append(f"Targets met: {met} of {len(judged)}.")
    return "\n".join(lines)
