#!/usr/bin/env python3
"""Check every resource and report each problem as `path:line: message (hint)`.

Usage: python scripts/validate.py [content folder]
Exits 1 if any problem is an error. Under GitHub Actions the problems are also printed as
annotations, so they show on the pull request's diff.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.problems import report  # noqa: E402
from macros.validation import summary_line, validate_content  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    docs_dir = Path(args[0]) if args else Path("content")
    if not docs_dir.is_dir():
        print(f"{docs_dir}: no such content folder", file=sys.stderr)
        return 2
    result = validate_content(docs_dir)
    report(result.problems, stream=sys.stderr, github=os.environ.get("GITHUB_ACTIONS") == "true")
    print(summary_line(result.problems, len(result.catalogue)), file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
