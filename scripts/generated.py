#!/usr/bin/env python3
"""Regenerate the files made from the content model: the front matter JSON Schema and CONTRIBUTING.md's field list.

Usage: python scripts/generated.py [--check]
With --check nothing is written; the exit code is 1 if either file is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.field_docs import FIELDS_END, FIELDS_START, fields_markdown, replace_between  # noqa: E402
from macros.schema import SCHEMA_FILE, schema_text  # noqa: E402
from macros.taxonomy import TAXONOMY_FILE, load_taxonomy  # noqa: E402


def expected_files(root: Path = ROOT) -> dict[Path, str]:
    """Each generated file and the text it should hold."""
    taxonomy = load_taxonomy(root / "content" / TAXONOMY_FILE)
    contributing = root / "CONTRIBUTING.md"
    return {
        root / "content" / SCHEMA_FILE: schema_text(taxonomy),
        contributing: replace_between(contributing.read_text(encoding="utf-8"), FIELDS_START, FIELDS_END,
                                      fields_markdown(taxonomy)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in expected_files().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"Wrote {path.relative_to(ROOT).as_posix()}")
    if args.check and stale:
        for path in stale:
            print(f"{path.relative_to(ROOT).as_posix()} is out of date: run `make generated`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
