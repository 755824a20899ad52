#!/usr/bin/env python3
"""Measure build speed, page weight, index size and PDF throughput against the plain MkDocs set-up.

Usage: python -m scripts.bench [--quick] [--sizes 100,1000] [--runs 3] [--pdf-sizes 100] [--no-pdf]
Writes the raw results to .cache/bench/results.json and the tables into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.bench.benchmark import (
    BASELINE_MAX,
    FULL_SIZES,
    QUICK_PDF_MAX,
    QUICK_SIZES,
    BenchOptions,
    run_benchmark,
)
from scripts.bench.report import targets_text, update_document, write_results

ROOT = Path(__file__).resolve().parents[2]


def _sizes(text: str) -> tuple[int, ...]:
    return tuple(sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only 100 and 1,000 resources (for development)")
    parser.add_argument(
        "--sizes", type=_sizes, default=None, help="catalogue sizes, comma-separated (default 100,1000,5000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each build; the median is reported (default 3)")
    parser.add_argument("--pdf-runs", type=int, default=1, help="runs of each cold PDF build (default 1)")
    parser.add_argument(
        "--pdf-sizes",
        type=_sizes,
        default=None,
        help="sizes at which to build PDFs (default: every size up to 1,000; with --quick, up to 100)",
    )
    parser.add_argument("--no-pdf", action="store_true", help="measure HTML builds only")
    parser.add_argument(
        "--baseline-max",
        type=int,
        default=BASELINE_MAX,
        help=f"largest size at which to build the plain baseline (default {BASELINE_MAX:,})",
    )
    parser.add_argument(
        "--workdir", type=Path, default=None, help="where to build the catalogues (default: a temporary folder)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the built catalogues and sites")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one HTML build per size with pyinstrument (reports in .cache/bench/)",
    )
    parser.add_argument(
        "--json", type=Path, default=ROOT / ".cache" / "bench" / "results.json", help="where to write the results"
    )
    parser.add_argument("--markdown", type=Path, default=ROOT / "BENCHMARKS.md", help="the Markdown report to update")
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)
    if args.quick and args.pdf_sizes is None:
        args.pdf_sizes = tuple(s for s in sizes if s <= QUICK_PDF_MAX)
    options = BenchOptions(
        sizes=sizes,
        runs=args.runs,
        pdf_runs=args.pdf_runs,
        pdf_sizes=() if args.no_pdf else args.pdf_sizes,
        baseline_max=args.baseline_max,
        workdir=args.workdir,
        keep=args.keep,
        profile=args.json.parent if args.profile else None,
    )
    results = run_benchmark(options)
    write_results(results, args.json, args.markdown, update_document)
    print(targets_text(results))
    print(f"Results in {args.json}; tables in {args.markdown}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
