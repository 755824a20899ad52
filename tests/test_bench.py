"""The benchmark runs end to end on a small catalogue and reports every figure, so it cannot silently rot.

No timing is asserted: only that each figure is there and positive, and that the report has a
line for every target of the benchmark issue.
"""

from __future__ import annotations

import json

import pytest

from conftest import SiteProject
from scripts.bench.benchmark import BenchOptions, run_benchmark
from scripts.bench.report import markdown_figures, update_document
from scripts.bench.synthetic import generate_catalogue, make_project, project_taxonomy

# The benchmark's own tests run with it (`make bench`), not with `make test`.
pytestmark = pytest.mark.bench

SMALL, CATALOGUE = 5, 20
TARGETS = {
    "html-vs-floor",
    "html-vs-baseline",
    "page-growth",
    "site-linear",
    "finder-size",
    "finder-query",
    "no-change-renders",
    "no-change-time",
    "one-change-renders",
    "pdf-parallel",
    "pdf-packs-cost",
    "cold-build",
    "memory",
}
RUN_FIGURES = ("wall_s", "cpu_s", "peak_rss_mb", "peak_tree_mb")
SITE_FIGURES = (
    "output_bytes",
    "files",
    "html_pages",
    "html_mean_bytes",
    "html_max_bytes",
    "resource_page_mean_bytes",
    "resource_page_max_bytes",
)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict:
    """One benchmark run: HTML builds at 5 and 20 resources, PDFs at 5, every build once."""
    workdir = tmp_path_factory.mktemp("bench")
    options = BenchOptions(
        sizes=(SMALL, CATALOGUE), runs=1, pdf_sizes=(SMALL,), workdir=workdir, progress=lambda message: None
    )
    data = run_benchmark(options)
    # What scripts/bench.py writes must survive a round trip through JSON.
    return json.loads(json.dumps(data))


def _positive(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def test_synthetic_catalogue_is_valid_and_realistic(tmp_path):
    catalogue = generate_catalogue(CATALOGUE, project_taxonomy())
    again = generate_catalogue(CATALOGUE, project_taxonomy())
    assert [r.text for r in catalogue.resources] == [r.text for r in again.resources]  # fixed seed
    # Resource i is the same whatever the size, so page sizes compare across sizes.
    assert [r.text for r in generate_catalogue(5, project_taxonomy()).resources] == [
        r.text for r in catalogue.resources[:5]
    ]
    project = make_project(tmp_path / "p", catalogue)
    result = SiteProject.at(project).validate()
    assert not result.errors, [str(p) for p in result.problems]
    assert len(result.catalogue) == CATALOGUE
    for resource in catalogue.resources:
        body = resource.body
        assert "## References" in body and "\n- " in body
        if resource.folder == "briefings":
            assert 1200 <= resource.words <= 3600 and "| --- |" in body
        else:
            assert 250 <= resource.words <= 1000
    assert len(catalogue.queries) == 50 and all(catalogue.queries)


def test_every_build_has_every_figure(results):
    assert set(results["sizes"]) == {str(SMALL), str(CATALOGUE)}
    for size, at in results["sizes"].items():
        builds = at["builds"]
        expected = {"floor", "baseline", "theme_only", "ours_html"}
        if size == str(SMALL):
            expected |= {"ours_full_cold_1_worker", "ours_full_cold", "ours_no_change", "ours_one_change"}
        assert set(builds) == expected, size
        for name, build in builds.items():
            for figure in RUN_FIGURES:
                assert _positive(build[figure]), (size, name, figure, build[figure])
            if name in ("floor", "baseline", "theme_only", "ours_html", "ours_full_cold"):
                for figure in SITE_FIGURES:
                    assert _positive(build[figure]), (size, name, figure, build[figure])
        for name in ("baseline", "theme_only", "ours_html"):
            assert _positive(builds[name]["search_index_bytes"]), name
        finder = at["finder"]
        for figure in (
            "index_bytes",
            "index_gzip_bytes",
            "bytes_per_resource",
            "gzip_bytes_per_resource",
            "data_bytes",
            "load_ms",
            "query_median_ms",
            "query_p95_ms",
        ):
            assert _positive(finder[figure]), (size, figure)
        assert finder["queries"] == 50 and finder["queries_with_results"] > 0


def test_pdf_figures(results):
    at = results["sizes"][str(SMALL)]
    builds, pdf = at["builds"], at["pdf"]
    assert pdf["pdfs"] >= SMALL
    assert _positive(pdf["per_second_1_worker"]) and _positive(pdf["per_second_all_workers"])
    assert builds["ours_full_cold"]["pdfs_rendered"] == [pdf["pdfs"]]
    assert builds["ours_full_cold_1_worker"]["pdfs_rendered"] == [pdf["pdfs"]]
    # Whatever the timings, the cache must behave: these are counts, not times.
    assert builds["ours_no_change"]["pdfs_rendered"] == [0]
    assert builds["ours_one_change"]["pdfs_rendered"] == [pdf["expected_renders_one_change"]]
    # The synthetic catalogue's curated packs were rendered, each one's time kept apart from the resources'.
    assert pdf["packs"] >= 1 and _positive(pdf["render_s_resources"]) and _positive(pdf["render_s_packs"])


def test_targets_and_growth_are_reported(results):
    targets = {t["id"]: t for t in results["targets"]}
    assert set(targets) == TARGETS
    for target in targets.values():
        if target["id"] == "cold-build":  # its target is for 1,000 resources; this run builds PDFs for fewer
            assert target["status"] == "NOT MEASURED" and target["measured"].endswith(" min"), target
            continue
        assert target["status"] in ("PASS", "MISS"), target  # every target was measured
        assert target["measured"] and target["detail"]
    for name in ("floor", "baseline", "ours_html"):
        growth = results["growth"][name]
        assert growth["from"] == SMALL and growth["to"] == CATALOGUE
        assert _positive(growth["largest_page_bytes_from"]) and _positive(growth["same_page_bytes_to"])
        assert _positive(growth["site_exponent"])
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["python"] and machine["packages"]["mkdocs"] != "not installed"


def test_markdown_report(results):
    text = markdown_figures(results)
    for target in results["targets"]:
        assert target["target"] in text
    assert f"### {CATALOGUE} resources" in text and "Finder index:" in text and "PDFs:" in text
    # The figures go between the markers; what is written around them is kept.
    document = update_document(None, results) + "\n## Notes\n\nWritten by hand.\n"
    again = update_document(document, results)
    assert "Written by hand." in again and again.count("### Targets") == 1
