"""Measure build speed, page weight, index size and PDF throughput, side by side on the same content.

For each catalogue size, one synthetic project is built several ways:
- floor: Python-Markdown alone over the same files with the same extensions;
- baseline: a plain mkdocs-material configuration (every resource in the nav, default search);
- ours, HTML: `library build --no-pdf`;
- ours, full cold (all workers, then one worker), no change, and one change, with PDFs.
Every build runs as its own process, so its wall time and peak memory are its own.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from scripts.bench.synthetic import (
    DEFAULT_SEED,
    ROOT,
    NavEntry,
    SyntheticCatalogue,
    generate_catalogue,
    make_project,
    project_taxonomy,
)

FULL_SIZES = (100, 1000, 5000)
QUICK_SIZES = (100, 1000)
# A plain set-up with every resource in the nav grows with the square of the catalogue: at 5,000
# it would write gigabytes and take many minutes per run, so by default it stops at 1,000.
BASELINE_MAX = 1000
# Cold PDF builds render every resource and the curated packs (one per 50 resources, 6 to 10
# resources each: scripts/bench/synthetic.py), so PDFs are measured up to 1,000 resources by default;
# --quick measures them at 100 only (--pdf-sizes to change).
PDF_MAX = 1000
QUICK_PDF_MAX = 100
FINDER_INDEX = Path("assets/finder/index.json")
FINDER_DATA = Path("assets/finder/resources.json")
SEARCH_INDEX = Path("search/search_index.json")
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-macros-plugin",
    "Markdown",
    "pymdown-extensions",
    "lunr",
    "weasyprint",
    "Jinja2",
    "PyYAML",
)
MB = 1024 * 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass
class BenchOptions:
    """What to measure: sizes, repetitions and where to work."""

    sizes: tuple[int, ...] = FULL_SIZES
    runs: int = 3
    pdf_runs: int = 1
    pdf_sizes: tuple[int, ...] | None = None  # None: every size up to PDF_MAX
    baseline_max: int = BASELINE_MAX
    theme_only: bool = True  # also build the plain theme with no resource in the nav, for reference
    profile: Path | None = None  # a folder: profile one HTML build per size with pyinstrument into it
    seed: int = DEFAULT_SEED
    queries: int = 50
    workdir: Path | None = None
    keep: bool = False
    progress: Callable[[str], None] = field(default=lambda message: print(message, file=sys.stderr, flush=True))

    def pdf_at(self, size: int) -> bool:
        if self.pdf_sizes is None:
            return size <= PDF_MAX
        return size in self.pdf_sizes


# -- running one build ---------------------------------------------------------------------------


@dataclass
class RunResult:
    """One process: how long it took, its peak memory, what it printed."""

    wall_s: float
    cpu_s: float  # user and system time of the process and its waited-for children
    returncode: int
    peak_rss_mb: float  # peak of the largest single process in the tree
    peak_tree_mb: float  # largest sum over the process tree at any sample (worker pools included)
    output: str


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(resident now, peak resident since exec) of one process, in bytes."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return rss, hwm


def _cpu_seconds(pid: int) -> float:
    """User and system time a process has used so far."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        return 0.0


def tree_sample(pid: int) -> dict[int, tuple[int, int, float]]:
    """(resident now, peak resident, CPU seconds) of a process and each of its descendants."""
    found: dict[int, tuple[int, int, float]] = {}
    queue = [pid]
    while queue:
        current = queue.pop()
        found[current] = (*_memory(current), _cpu_seconds(current))
        queue.extend(_children(current))
    return found


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> RunResult:
    """Run a command to completion; time it and record its peak memory.

    Memory is sampled from /proc every 50 ms: the peak of the largest single process (its VmHWM)
    and the largest sum over the whole tree (a worker pool counts in full). The kernel's own
    ru_maxrss is no use here: a child started with vfork inherits the parent's high-water mark.
    """
    log_path = cwd / f".bench-{os.getpid()}-{time.monotonic_ns()}.log"
    with open(log_path, "w+b") as log:
        start = time.perf_counter()
        # The project folder is importable, for `python -m scripts.bench.floor` run in a catalogue folder.
        env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        peaks = {"process": 0, "tree": 0}
        cpu_seen: dict[int, float] = {}
        done = threading.Event()

        def sample() -> None:
            interval = 0.01
            while True:
                memory = tree_sample(proc.pid)
                peaks["process"] = max(peaks["process"], *(hwm for _, hwm, _ in memory.values()))
                peaks["tree"] = max(peaks["tree"], sum(rss for rss, _, _ in memory.values()))
                for child, (_, _, cpu) in memory.items():
                    cpu_seen[child] = max(cpu_seen.get(child, 0.0), cpu)
                if done.wait(interval):
                    return
                interval = 0.05

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4 also gives the CPU time of the process and every child it waited for (a worker pool).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    log_path.unlink()
    # wait4 counts the process and the children it waited for; workers started by a fork server
    # are not among them, so the sampled sum over the whole tree is used when it is larger.
    cpu = max(usage.ru_utime + usage.ru_stime, sum(cpu_seen.values()))
    return RunResult(
        wall, cpu, proc.returncode, peaks["process"] / MB, max(peaks["tree"], peaks["process"]) / MB, output
    )


class BuildFailed(RuntimeError):
    """A build the benchmark ran did not succeed."""


def _checked(result: RunResult, what: str) -> RunResult:
    if result.returncode != 0:
        raise BuildFailed(f"{what} failed with exit code {result.returncode}:\n{result.output[-3000:]}")
    return result


def summarise_runs(results: list[RunResult]) -> dict[str, Any]:
    """Median wall time and worst peak memory over repeated runs of the same build."""
    return {
        "wall_s": round(statistics.median(r.wall_s for r in results), 3),
        "runs_s": [round(r.wall_s, 3) for r in results],
        "cpu_s": round(statistics.median(r.cpu_s for r in results), 3),
        "peak_rss_mb": round(max(r.peak_rss_mb for r in results), 1),
        "peak_tree_mb": round(max(r.peak_tree_mb for r in results), 1),
    }


# -- what a build produced -----------------------------------------------------------------------


def site_stats(site: Path, resource_urls: dict[str, str]) -> dict[str, Any]:
    """Output size, HTML page sizes (all pages and resource pages) and the search index size."""
    total = files = 0
    html_sizes: list[int] = []
    for dirpath, _, filenames in os.walk(site):
        for name in filenames:
            size = os.lstat(os.path.join(dirpath, name)).st_size
            total += size
            files += 1
            if name.endswith(".html"):
                html_sizes.append(size)
    pages: dict[str, int] = {}
    for slug, url in resource_urls.items():
        page = site / url / "index.html"
        if not page.exists():
            page = site / (url.rstrip("/") + ".html")  # the floor writes one file per page
        if page.exists():
            pages[slug] = page.stat().st_size
    largest = max(pages, key=lambda s: (pages[s], s)) if pages else ""
    stats: dict[str, Any] = {
        "output_bytes": total,
        "files": files,
        "html_pages": len(html_sizes),
        "html_mean_bytes": round(statistics.fmean(html_sizes)) if html_sizes else 0,
        "html_max_bytes": max(html_sizes, default=0),
        "resource_page_mean_bytes": round(statistics.fmean(pages.values())) if pages else 0,
        "resource_page_max_bytes": pages.get(largest, 0),
        "resource_page_max_slug": largest,
    }
    search = site / SEARCH_INDEX
    if search.exists():
        stats["search_index_bytes"] = search.stat().st_size
    return stats, pages


def pdf_files(site: Path) -> int:
    return sum(1 for _ in (site / "pdf").rglob("*.pdf")) if (site / "pdf").is_dir() else 0


def cache_entries(project: Path) -> set[tuple[str, int]]:
    """(path, mtime) of every file in the project's cache, to see what a build rendered."""
    cache = project / ".cache"
    if not cache.is_dir():
        return set()
    return {(str(p), p.stat().st_mtime_ns) for p in cache.rglob("*.pdf")}


def pdfs_rendered(output: str, before: set[tuple[str, int]], after: set[tuple[str, int]]) -> int:
    """How many PDFs a build rendered: from the print step's own count if it printed one, else the cache."""
    from scripts.bench import probes as bench_probes

    counted = bench_probes.rendered_from_log(output)
    if counted is not None:
        return counted
    return len(after - before)


# -- the finder index ----------------------------------------------------------------------------


def finder_stats(site: Path, resources: int, queries: list[str]) -> dict[str, Any] | None:
    """The finder index's size (raw and gzipped, in all and per resource) and lunr.py query times."""
    path = site / FINDER_INDEX
    if not path.exists():
        return None
    raw = path.read_bytes()
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    data_path = site / FINDER_DATA
    data = data_path.read_bytes() if data_path.exists() else b""
    start = time.perf_counter()
    search = finder_search(path)
    load_ms = (time.perf_counter() - start) * 1000
    times: list[float] = []
    hits = 0
    for query in queries:
        start = time.perf_counter()
        found = search(query)
        times.append((time.perf_counter() - start) * 1000)
        hits += bool(found)
    times.sort()
    return {
        "index_bytes": len(raw),
        "index_gzip_bytes": len(packed),
        "bytes_per_resource": round(len(raw) / resources, 1),
        "gzip_bytes_per_resource": round(len(packed) / resources, 1),
        # The facet data that ships beside the index (titles, summaries and tags for the result list).
        "data_bytes": len(data),
        "data_gzip_bytes": len(gzip.compress(data, compresslevel=9, mtime=0)),
        "load_ms": round(load_ms, 2),
        "queries": len(queries),
        "queries_with_results": hits,
        "query_median_ms": round(statistics.median(times), 3),
        "query_p95_ms": round(times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], 3),
    }


def finder_search(path: Path) -> Callable[[str], list]:
    """A function running one query against the serialized finder index with lunr.py."""
    from scripts.bench import probes as bench_probes

    return bench_probes.finder_searcher(path)


# -- configurations --------------------------------------------------------------------------------


def markdown_spec(config_file: Path) -> dict[str, Any]:
    """The Markdown extensions (and their settings) that MkDocs would use for this configuration."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return {"extensions": list(config.markdown_extensions), "configs": dict(config.mdx_configs)}


def write_baseline_config(
    project: Path,
    resources: Iterable[NavEntry],
    *,
    resources_in_nav: bool = True,
    site_url: str | None = None,
) -> Path:
    """A plain mkdocs-material configuration: default search, no hooks or macros, and either every
    resource in the nav (the baseline) or none of them (the theme's own cost, for reference).

    `resources` are (type folder, title, path under content/); `site_url`, when given, is where the
    plain site will be served (the benchmark leaves it out, as a team starting from the theme would).
    """
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTagsLoader)
    taxonomy = project_taxonomy()
    by_folder: dict[str, list] = {}
    for folder, title, relpath in resources:
        by_folder.setdefault(folder, []).append({title: relpath})
    # The same resources (linked, not copied) beside a plain home page: the site's own pages use our
    # templates and macros, which a plain set-up does not have.
    docs = project / "content-plain"
    if not docs.exists():
        docs.mkdir()
        for rtype in taxonomy.types:
            if (project / "content" / rtype.folder).is_dir():
                (docs / rtype.folder).symlink_to(project / "content" / rtype.folder, target_is_directory=True)
        (docs / "index.md").write_text(
            f"# {ours['site_name']}\n\n{ours.get('site_description', '')}\n", encoding="utf-8"
        )
    nav: list[Any] = [{"Home": "index.md"}]
    if resources_in_nav:
        for rtype in taxonomy.types:
            nav.append({rtype.plural: sorted(by_folder.get(rtype.folder, []), key=lambda e: next(iter(e)).lower())})
    name = "baseline" if resources_in_nav else "theme-only"
    config = {
        "site_name": ours["site_name"],
        "docs_dir": "content-plain",
        "site_dir": f"site-{name}",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": ours.get("markdown_extensions", []),
        "nav": nav,
    }
    if site_url:
        config["site_url"] = site_url
    if not resources_in_nav:
        config["not_in_nav"] = "\n".join(f"/{t.folder}/" for t in taxonomy.types)
    path = project / f"{name}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


class _IgnoreTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving MkDocs' own tags (such as !ENV)."""


_IgnoreTagsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


# -- one size --------------------------------------------------------------------------------------


def _python() -> str:
    return sys.executable


def measure_size(size: int, options: BenchOptions, workdir: Path) -> dict[str, Any]:
    """Every measurement at one catalogue size."""
    say = options.progress
    project = workdir / f"catalogue-{size}"
    shutil.rmtree(project, ignore_errors=True)
    catalogue = generate_catalogue(size, project_taxonomy(), options.seed, options.queries)
    make_project(project, catalogue)
    urls = {r.slug: f"{r.folder}/{r.slug}/" for r in catalogue.resources}
    floor_urls = {r.slug: f"{r.folder}/{r.slug}" for r in catalogue.resources}
    result: dict[str, Any] = {
        "resources": size,
        "words": sum(r.words for r in catalogue.resources),
        "builds": {},
    }
    builds = result["builds"]
    page_sizes: dict[str, dict[str, int]] = {}
    runs = max(1, options.runs)

    # The HTML builds, each with the folder it writes; they run in rounds (each build once per
    # round) so that a busy spell on a shared machine falls on all of them, not on one.
    spec_file = project / "markdown-extensions.json"
    spec_file.write_text(json.dumps(markdown_spec(project / "mkdocs.yml")), encoding="utf-8")
    build = [str(Path(_python()).with_name("library")), "build", "--config", str(project / "mkdocs.yml")]
    floor_site, html_site = project / "site-floor", project / "site-html"
    plan: list[tuple[str, str, list[str], Path, dict[str, str]]] = [
        # 1. The floor: Python-Markdown alone.
        (
            "floor",
            "floor",
            [_python(), "-m", "scripts.bench.floor", "content", str(floor_site), str(spec_file)],
            floor_site,
            floor_urls,
        ),
    ]
    if size <= options.baseline_max:
        # 2. The baseline: a plain theme set-up with every resource in the nav.
        config = write_baseline_config(project, catalogue.nav_entries())
        plan.append(
            (
                "baseline",
                "baseline",
                [_python(), "-m", "mkdocs", "build", "-q", "-f", str(config)],
                project / "site-baseline",
                urls,
            )
        )
        if options.theme_only:
            # For reference: the same plain theme with no resource in the nav (the theme and its search alone).
            config = write_baseline_config(project, catalogue.nav_entries(), resources_in_nav=False)
            plan.append(
                (
                    "theme_only",
                    "plain theme, sections only",
                    [_python(), "-m", "mkdocs", "build", "-q", "-f", str(config)],
                    project / "site-theme-only",
                    urls,
                )
            )
    # 3. Ours, HTML only.
    plan.append(("ours_html", "ours, HTML", build + ["--site-dir", str(html_site), "--no-pdf"], html_site, urls))
    done: dict[str, list[RunResult]] = {name: [] for name, *_ in plan}
    for attempt in range(runs):
        for name, label, cmd, site, _ in plan:
            if name == "floor":
                shutil.rmtree(site, ignore_errors=True)
            say(f"  {size:>5} resources: {label} (run {attempt + 1} of {runs})")
            done[name].append(_checked(run_measured(cmd, project), f"{label} at {size} resources"))
    for name, _, _, site, site_urls in plan:
        stats, page_sizes[name] = site_stats(site, site_urls)
        builds[name] = {**summarise_runs(done[name]), **stats}
    if options.profile:
        # Where the time goes: one more HTML build under pyinstrument, its report kept beside the results.
        report = options.profile / f"profile-ours-html-{size}.txt"
        report.parent.mkdir(parents=True, exist_ok=True)
        say(f"  {size:>5} resources: ours, HTML, profiled into {report}")
        _checked(
            run_measured(
                [
                    _python(),
                    "-m",
                    "pyinstrument",
                    "--renderer",
                    "text",
                    "--outfile",
                    str(report),
                    "-m",
                    "macros.cli",
                    *build[1:],
                    "--site-dir",
                    str(project / "site-profiled"),
                    "--no-pdf",
                ],
                project,
            ),
            f"profiled build at {size} resources",
        )
    finder = finder_stats(html_site, size, catalogue.queries)
    if finder is not None:
        result["finder"] = finder

    # 4. Ours with PDFs: cold with all workers, cold with one, then no change and one change.
    if options.pdf_at(size):
        result["pdf"] = measure_pdfs(size, options, project, catalogue, build, builds, urls)
    result["_page_sizes"] = page_sizes  # used across sizes, dropped before writing
    if not options.keep:
        for site in project.glob("site-*"):
            shutil.rmtree(site, ignore_errors=True)
    return result


def measure_pdfs(
    size: int,
    options: BenchOptions,
    project: Path,
    catalogue: SyntheticCatalogue,
    build: list[str],
    builds: dict[str, Any],
    urls: dict[str, str],
) -> dict[str, Any]:
    """Full builds with PDFs: cold (all workers, one worker), no change, one change."""
    full_site = project / "site-full"
    cmd = build + ["--site-dir", str(full_site)]
    workers = os.cpu_count() or 1
    cold: dict[str, list[RunResult]] = {}
    rendered: dict[str, list[int]] = {}
    pdf_runs = max(1, options.pdf_runs)

    def measured(name: str, env: dict[str, str], times: int, before_each: Callable[[int], None] | None) -> None:
        cold[name], rendered[name] = [], []
        for attempt in range(times):
            if before_each:
                before_each(attempt)
            entries = cache_entries(project)
            options.progress(f"  {size:>5} resources: {name.replace('_', ' ')} (run {attempt + 1} of {times})")
            result = _checked(run_measured(cmd, project, env), f"{name} at {size} resources")
            rendered[name].append(pdfs_rendered(result.output, entries, cache_entries(project)))
            cold[name].append(result)

    def wipe_cache(_: int) -> None:
        shutil.rmtree(project / ".cache", ignore_errors=True)

    measured("ours_full_cold_1_worker", {"LIBRARY_PDF_WORKERS": "1"}, pdf_runs, wipe_cache)
    # One worker renders one PDF at a time, so each PDF's own render time (kept in the cache) is clean.
    resources_s, packs_s, packs = render_seconds(project, full_site)
    measured("ours_full_cold", {"LIBRARY_PDF_WORKERS": str(workers)}, pdf_runs, wipe_cache)
    stats, _ = site_stats(full_site, urls)
    pdf_count = pdf_files(full_site)
    measured("ours_no_change", {"LIBRARY_PDF_WORKERS": str(workers)}, max(1, options.runs), None)
    changed = catalogue.resources[len(catalogue.resources) // 2]
    path = project / "content" / changed.relpath

    def edit(attempt: int) -> None:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"\nA sentence added for the benchmark's one-change build, edit {attempt + 1}.\n")

    measured("ours_one_change", {"LIBRARY_PDF_WORKERS": str(workers)}, max(1, options.runs), edit)
    for name, results in cold.items():
        builds[name] = {**summarise_runs(results), "pdfs_rendered": rendered[name]}
    builds["ours_full_cold"].update(stats)
    html_s = builds["ours_html"]["wall_s"]
    one = builds["ours_full_cold_1_worker"]
    many = builds["ours_full_cold"]
    from scripts.bench import probes as bench_probes

    expected = bench_probes.expected_renders_for_change(project, changed.slug, changed.front)
    return {
        "pdfs": pdf_count,
        "workers": workers,
        # The PDF step's own time: the full cold build less the HTML-only build of the same content.
        "per_second_1_worker": _rate(max(one["pdfs_rendered"]), one["wall_s"] - html_s),
        "per_second_all_workers": _rate(max(many["pdfs_rendered"]), many["wall_s"] - html_s),
        "changed_resource": changed.slug,
        "expected_renders_one_change": expected,
        "render_s_resources": round(resources_s, 1),
        "render_s_packs": round(packs_s, 1),
        "packs": packs,
    }


def render_seconds(project: Path, site: Path) -> tuple[float, float, int]:
    """Seconds spent rendering resource PDFs and pack PDFs, from the render times the cache keeps; and the packs.

    A site PDF is matched to its cache entry by its bytes (the build copies the cached file).
    """
    import hashlib

    by_hash: dict[str, float] = {}
    for info in (project / ".cache" / "pdf").glob("*.json"):
        pdf = info.with_suffix(".pdf")
        if pdf.is_file():
            seconds = json.loads(info.read_text(encoding="utf-8")).get("seconds", 0.0)
            by_hash[hashlib.sha256(pdf.read_bytes()).hexdigest()] = seconds
    resources = packs = 0.0
    count = 0
    for pdf in sorted((site / "pdf").rglob("*.pdf")):
        seconds = by_hash.get(hashlib.sha256(pdf.read_bytes()).hexdigest(), 0.0)
        if pdf.parent == site / "pdf":
            resources += seconds
        else:
            packs += seconds
            count += 1
    return resources, packs, count


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 3) if seconds > 0 and count else 0.0


# -- the whole run ---------------------------------------------------------------------------------


def machine_facts() -> dict[str, Any]:
    """Where and with what the figures were measured."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return {
        "date": os.environ.get("BENCH_DATE", date.today().isoformat()),
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.machine(),
        "python": platform.python_version(),
        "packages": versions,
        "load_average_at_start": round(load, 2),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1),
    }


def run_benchmark(options: BenchOptions) -> dict[str, Any]:
    """Measure every size; return the results with the targets evaluated."""
    from scripts.bench.report import evaluate_targets, page_growth

    own_workdir = options.workdir is None
    workdir = Path(options.workdir) if options.workdir else Path(_tempdir())
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "machine": machine_facts(),
        "settings": {
            "sizes": list(options.sizes),
            "runs": options.runs,
            "pdf_runs": options.pdf_runs,
            "pdf_sizes": [s for s in options.sizes if options.pdf_at(s)],
            "baseline_sizes": [s for s in options.sizes if s <= options.baseline_max],
            "seed": options.seed,
            "queries": options.queries,
        },
        "sizes": {},
    }
    page_sizes: dict[int, dict[str, dict[str, int]]] = {}
    try:
        for size in sorted(options.sizes):
            options.progress(f"Measuring {size} resources")
            measured = measure_size(size, options, workdir)
            page_sizes[size] = measured.pop("_page_sizes")
            results["sizes"][str(size)] = measured
    finally:
        if own_workdir and not options.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results["growth"] = page_growth(results, page_sizes)
    results["targets"] = evaluate_targets(results)
    return results


def _tempdir() -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="library-bench-")
