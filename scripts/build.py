#!/usr/bin/env python3
"""Validate the content and build the whole site, PDFs included, into site/.

Usage: python scripts/build.py [--no-pdf] [--site-dir DIR] [--config mkdocs.yml] [--verbose]
The site is built in a temporary folder and swapped in only when everything succeeded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.site_build import build_site  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="mkdocs.yml", help="the MkDocs configuration file")
    parser.add_argument("--site-dir", default=None, help="where to put the site (default: site_dir in the config)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs (faster, for previews)")
    parser.add_argument("--verbose", action="store_true", help="show MkDocs' debug messages")
    args = parser.parse_args(argv)
    return build_site(Path(args.config), Path(args.site_dir) if args.site_dir else None,
                      pdf=not args.no_pdf, verbose=args.verbose)


if __name__ == "__main__":
    sys.exit(main())
