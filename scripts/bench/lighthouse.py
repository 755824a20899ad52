"""Lighthouse on one page of each type, ours beside a plain Material build of the same resources.

Usage: python -m scripts.bench.lighthouse [--quick] [--runs 3] [--resources N] [--date YYYY-MM-DD]

Builds this site (`library build --no-pdf`) and a plain mkdocs-material site of the same resources
(the benchmark's baseline configuration), serves each gzipped on 127.0.0.1 as static hosts do
(scripts/bench/serve.py), and runs Lighthouse (node_modules/.bin/lighthouse, its default mobile
preset) against Debian's Chromium on each page several times, in rounds. Writes the summary to
.cache/bench/lighthouse.json, every Lighthouse report to .cache/bench/lighthouse/, and the tables
into BENCHMARKS.md. Missed targets do not change the exit code: this is a measurement.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from macros.content.catalogue import Catalogue
from scripts.bench.benchmark import write_baseline_config
from scripts.bench.lighthouse_report import (
    SITES,
    TARGETS,
    evaluate_targets,
    page_summary,
    run_summary,
    summary_text,
    update_document,
)
from scripts.bench.report import write_results
from scripts.bench.serve import serve
from scripts.bench.synthetic import DEFAULT_SEED, ROOT, generate_catalogue, make_project, project_taxonomy

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The same variable the browser tests read (tests/conftest.py).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Headless, and nothing that reaches out: this machine has no network beyond the package
# registries, and Chromium's own background traffic would disturb the timings anyway.
CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
RUN_TIMEOUT_S = 300  # Lighthouse's own page-load limit is 45 s; a run taking far longer has hung
DEFAULT_RUNS = 3


@dataclass(frozen=True)
class Page:
    """One page measured: an id for file names, a label for the report, its address in the site."""

    id: str
    label: str
    path: str  # relative to the site's root
    in_baseline: bool  # a plain Material build has the same page (home, resources, 404)


def choose_pages(catalogue: Catalogue) -> list[Page]:
    """One page of each type: home, the longest resource of each type, the fullest type listing,
    audience page and PQS domain page, the finder, the pathways page and the 404 page.

    The longest and fullest pages are the heaviest of their kind; ties go to the first in the
    catalogue's order (by type, then title) or the taxonomy's, so the choice is stable.
    """
    taxonomy = catalogue.taxonomy
    pages = [Page("home", "Home", "", True)]
    types = [t for t in taxonomy.types if catalogue.of_type(t)]
    for rtype in types:
        longest = max(catalogue.of_type(rtype), key=lambda r: r.word_count)
        pages.append(Page(rtype.id, rtype.label, longest.url, True))
    fullest_type = max(types, key=lambda t: len(catalogue.of_type(t)))
    audience = max(taxonomy.audiences, key=lambda a: len(catalogue.for_audience(a)))
    domain = max(taxonomy.domains, key=lambda d: len(catalogue.for_domain(d)))
    return pages + [
        Page("type-listing", "Type listing", f"{fullest_type.folder}/", False),
        Page("audience", "Audience page", f"audiences/{audience.id}/", False),
        Page("pqs-domain", "PQS domain page", f"pqs/{domain.id}/", False),
        Page("finder", "Finder", "find-resources/", False),
        Page("pathways", "Pathways", "pathways/", False),
        Page("not-found", "404 page", "404.html", True),
    ]


# -- the two sites -----------------------------------------------------------------------------------


def _run(cmd: list[str], cwd: Path, what: str, env: dict[str, str] | None = None) -> None:
    """Run a build step; stop the measurement with its output if it fails."""
    done = subprocess.run(cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{what} failed with exit code {done.returncode}:\n{(done.stdout + done.stderr)[-3000:]}")


def prepare_content(resources: int | None, workdir: Path) -> tuple[Path, Path, str]:
    """(our mkdocs.yml, the folder the plain configuration goes in, what the content is).

    The plain configuration needs a folder holding mkdocs.yml and content/ beside it: for the
    project's own content, one that links to them, so that nothing is written into the project.
    """
    if resources:
        project = make_project(workdir / "catalogue", generate_catalogue(resources, project_taxonomy()))
        what = f"a synthetic catalogue of {resources:,} resources (seed {DEFAULT_SEED})"
        return project / "mkdocs.yml", project, what
    plain = workdir / "plain"
    plain.mkdir()
    (plain / "mkdocs.yml").symlink_to(ROOT / "mkdocs.yml")
    (plain / "content").symlink_to(ROOT / "content", target_is_directory=True)
    return ROOT / "mkdocs.yml", plain, "the project's own content"


def build_ours(config_file: Path, site: Path, site_url: str) -> None:
    """`library build --no-pdf` into `site`, for the address it is served from.

    With the real address in site_url the canonical links point at the page measured, as on the
    real host (Lighthouse's SEO audit fails a canonical link to another domain).
    """
    library = str(Path(sys.executable).with_name("library"))
    cmd = [library, "build", "--no-pdf", "--config", str(config_file), "--site-dir", str(site)]
    _run(cmd, config_file.parent, "Building this site", {"SITE_URL": site_url})


def build_baseline(project: Path, catalogue: Catalogue, site: Path, site_url: str) -> None:
    """A plain Material build of the same resources into `site` (the benchmark's baseline set-up)."""
    entries = [(r.type.folder, r.title, r.src_uri) for r in catalogue]
    config = write_baseline_config(project, entries, site_url=site_url)
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "--site-dir", str(site)]
    _run(cmd, project, "Building the plain Material site")


def load_catalogue(config_file: Path) -> Catalogue:
    """The catalogue of the content a configuration builds, as the build's own check reads it."""
    from mkdocs.config import load_config

    from macros.library import check_library
    from macros.site.page_macros import PLUGIN_NAME

    with contextlib.chdir(config_file.parent):
        config = load_config(str(config_file))
        return check_library(config, config.plugins[PLUGIN_NAME].config).catalogue


def check_pages_exist(pages: list[Page], sites: dict[str, Path]) -> None:
    """Stop before measuring if a chosen page is not in a site: Lighthouse would score the 404 page."""
    for page in pages:
        for name, site in sites.items():
            if name == "baseline" and not page.in_baseline:
                continue
            target = site / page.path
            if not (target.is_file() or (target / "index.html").is_file()):
                raise SystemExit(f"{page.label}: {page.path or '/'} is not in the {name} site ({site})")


# -- Lighthouse --------------------------------------------------------------------------------------


def run_lighthouse(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run on `url`, its JSON report written to `report`; returns the report.

    A run that fails outright comes back as a report with only a runtime error, as Lighthouse
    itself reports a page it could not load.
    """
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(TARGETS)}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        # No error reports sent anywhere, and no full-page screenshot (it only makes the report large).
        "--no-enable-error-reporting",
        "--disable-full-page-screenshot",
    ]
    report.unlink(missing_ok=True)
    try:
        done = subprocess.run(
            cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=RUN_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        return {"runtimeError": {"code": "TIMEOUT", "message": f"no result after {RUN_TIMEOUT_S} s"}}
    if done.returncode != 0 or not report.is_file():
        tail = " ".join(done.stderr.strip().splitlines()[-3:])
        return {"runtimeError": {"code": f"EXIT {done.returncode}", "message": tail}}
    return json.loads(report.read_text(encoding="utf-8"))


def measure(
    pages: list[Page], urls: dict[str, str], runs: int, reports: Path
) -> tuple[dict[tuple[str, str], list[dict]], dict[str, Any]]:
    """Every page of both sites `runs` times, in rounds (a busy spell falls on both sites alike).

    Returns the run summaries by (site, page id), and the settings of the first run that
    reported them (Lighthouse's version, emulation and throttling).
    """
    found: dict[tuple[str, str], list[dict]] = {}
    settings: dict[str, Any] = {}
    for attempt in range(1, runs + 1):
        for page in pages:
            for site, _ in SITES:
                if site == "baseline" and not page.in_baseline:
                    continue
                lhr = run_lighthouse(urls[site] + page.path, reports / f"{site}-{page.id}-{attempt}.json")
                summary = run_summary(lhr)
                found.setdefault((site, page.id), []).append(summary)
                if not settings and "lighthouseVersion" in lhr:
                    settings = {"lighthouse": lhr["lighthouseVersion"], **lhr["configSettings"]}
                scores = " ".join(f"{c} {summary['scores'][c]}" for c in TARGETS)
                progress(f"  run {attempt} of {runs}: {site}, {page.label}: {summary['runtime_error'] or scores}")
    return found, settings


# -- the results -------------------------------------------------------------------------------------


def _version(cmd: list[str]) -> str:
    """The first line a tool prints for its version ('unknown' if it cannot be run)."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except OSError:
        return "unknown"
    return (done.stdout.strip().splitlines() or ["unknown"])[0]


def describe_settings(settings: dict[str, Any], benchmark_indexes: list[float]) -> dict[str, Any]:
    """Lighthouse's emulation and throttling in words, and the median of Chromium's benchmark index."""
    screen, throttling = settings.get("screenEmulation", {}), settings.get("throttling", {})
    return {
        "form_factor": settings.get("formFactor"),
        "screen": f"{screen.get('width')}×{screen.get('height')} screen at {screen.get('deviceScaleFactor')}×",
        "throttling": f"{throttling.get('rttMs', 0):g} ms round trip, "
        f"{throttling.get('throughputKbps', 0) / 1024:.1f} Mbit/s, "
        f"CPU slowed {throttling.get('cpuSlowdownMultiplier', 0):g}×",
        "benchmark_index": round(statistics.median(benchmark_indexes)) if benchmark_indexes else "unknown",
        "benchmark_index_range": [round(min(benchmark_indexes)), round(max(benchmark_indexes))]
        if benchmark_indexes
        else [],
        "raw": {k: settings.get(k) for k in ("formFactor", "throttlingMethod", "throttling", "screenEmulation")},
    }


def assemble(
    pages: list[Page],
    urls: dict[str, str],
    found: dict[tuple[str, str], list[dict]],
    settings: dict[str, Any],
    facts: dict[str, Any],
) -> dict[str, Any]:
    """The whole result: the facts of the run, each page's summary for both sites, the targets judged."""
    summaries = []
    for page in pages:
        summaries.append(
            {
                **asdict(page),
                "ours": page_summary(urls["ours"] + page.path, found[("ours", page.id)]),
                "baseline": page_summary(urls["baseline"] + page.path, found[("baseline", page.id)])
                if page.in_baseline
                else None,
            }
        )
    indexes = [run["benchmark_index"] for runs in found.values() for run in runs if run.get("benchmark_index")]
    return {
        **facts,
        "lighthouse": settings.get("lighthouse", "unknown"),
        "settings": describe_settings(settings, indexes),
        "pages": summaries,
        "targets": evaluate_targets(summaries),
    }


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run per page (for development)")
    parser.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help=f"runs per page; the median is reported (default {DEFAULT_RUNS})"
    )
    parser.add_argument(
        "--resources", type=int, default=None, help="measure a synthetic catalogue of this size instead of content/"
    )
    parser.add_argument(
        "--date",
        default=os.environ.get("BENCH_DATE") or date.today().isoformat(),
        help="the date the report gives (default: $BENCH_DATE, else today)",
    )
    parser.add_argument(
        "--json", type=Path, default=ROOT / ".cache" / "bench" / "lighthouse.json", help="where to write the summary"
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=ROOT / ".cache" / "bench" / "lighthouse",
        help="the folder for every Lighthouse report (its earlier reports are removed first)",
    )
    parser.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md", help="the Markdown report to update")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else max(1, args.runs)
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make node_modules/.installed` (npm ci) first")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is not at {CHROMIUM}: install Debian's chromium or set CHROMIUM")
    args.reports.mkdir(parents=True, exist_ok=True)
    for old in args.reports.glob("*.json"):
        old.unlink()  # reports of an earlier run would be mistaken for this one's
    facts = {
        "date": args.date,
        "runs": runs,
        "node": _version(["node", "--version"]),
        "chromium": _version([CHROMIUM, "--version"]),
        "load_average_at_start": round(os.getloadavg()[0], 2),
    }
    with tempfile.TemporaryDirectory(prefix="library-lighthouse-") as tmp:
        workdir = Path(tmp)
        config_file, plain_project, content = prepare_content(args.resources, workdir)
        sites = {"ours": workdir / "site-ours", "baseline": workdir / "site-plain"}
        with serve(sites["ours"]) as ours_url, serve(sites["baseline"]) as plain_url:
            urls = {"ours": ours_url, "baseline": plain_url}
            progress(f"Building this site ({content}) for {ours_url}")
            build_ours(config_file, sites["ours"], ours_url)
            catalogue = load_catalogue(config_file)
            progress(f"Building the plain Material site for {plain_url}")
            build_baseline(plain_project, catalogue, sites["baseline"], plain_url)
            pages = choose_pages(catalogue)
            check_pages_exist(pages, sites)
            progress(f"Lighthouse: {len(pages)} pages, {runs} run{'s' if runs != 1 else ''} each")
            found, settings = measure(pages, urls, runs, args.reports)
    facts["content"] = content if args.resources else f"{content} ({len(catalogue):,} resources)"
    results = assemble(pages, urls, found, settings, facts)
    write_results(results, args.json, args.markdown, update_document)
    print(summary_text(results))
    print(f"Results in {args.json}; every Lighthouse report in {args.reports}/; tables in {args.markdown}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
