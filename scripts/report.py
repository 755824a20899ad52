#!/usr/bin/env python3
"""Print the content-health report: reviews due, PQS domains and audiences with no resources, missing PDFs.

Usage: python scripts/report.py [--content content] [--site site] [--today YYYY-MM-DD]
The PDFs are looked for in the built site folder (--site), so run `make site` first to include them.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.health import content_health, format_report, pdfs_in_site  # noqa: E402
from macros.loader import load_catalogue  # noqa: E402
from macros.problems import errors  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content", help="the content folder (default: content)")
    parser.add_argument("--site", default="site", help="the built site, where the PDFs are (default: site)")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="report as on this date (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    docs_dir = Path(args.content)
    if not docs_dir.is_dir():
        print(f"{docs_dir}: no such content folder", file=sys.stderr)
        return 2
    result = load_catalogue(docs_dir, today=args.today)
    report = content_health(result.catalogue, today=args.today, pdf_slugs=pdfs_in_site(Path(args.site)))
    print(format_report(report, source=f"{Path(args.site).as_posix()}/"), end="")
    broken = {p.path for p in errors(result.problems)}
    if broken:
        print(f"\n{len(broken)} file{'s' if len(broken) != 1 else ''} with errors left out of this report: "
              "run `make check` to see them.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
