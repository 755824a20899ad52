#!/usr/bin/env python3
"""Search the built finder index as the "Find resources" page does, and show how each resource was found.

Usage: python scripts/search.py "query" [--type ID] [--audience ID] [--framework ID] [--pqs ID] [--site DIR]
Each filter may be given more than once (any of them matches); different filters must all match.
Build the site first (make site-html): this reads DIR/assets/finder/index.json and resources.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.finder_index import (  # noqa: E402
    FACETS,
    FINDER_DIR,
    INDEX_FILE,
    RESOURCES_FILE,
    facet_counts,
    load_finder_index,
    search_finder,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("query", help='the words to search for, as typed in the finder ("" for none)')
    for facet in FACETS:
        parser.add_argument(f"--{facet}", action="append", default=[], metavar="ID",
                            help=f"only resources with this {facet} id (repeat for any of several)")
    parser.add_argument("--site", default="site", help="the built site folder (default: site)")
    parser.add_argument("--limit", type=int, default=20, help="show at most this many results (default: 20)")
    args = parser.parse_args(argv)

    folder = Path(args.site) / FINDER_DIR
    try:
        index_json = (folder / INDEX_FILE).read_text(encoding="utf-8")
        data = json.loads((folder / RESOURCES_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        print(f"{exc.filename}: not found. Build the site first with `make site-html`.", file=sys.stderr)
        return 2
    index = load_finder_index(index_json)
    options = {f["id"]: {o["id"]: o["label"] for o in f["options"]} for f in data["facets"]}
    filters = {facet: getattr(args, facet) for facet in FACETS}
    unknown = [f"--{facet} {value}" for facet, values in filters.items() for value in values
               if value not in options.get(facet, {})]
    if unknown:
        print(f"Unknown filter: {', '.join(unknown)}. Known ids: "
              + "; ".join(f"{facet}: {', '.join(options.get(facet, {}))}" for facet in FACETS), file=sys.stderr)
        return 2

    results = search_finder(index, data["resources"], args.query, filters)
    print(f"{len(results)} resource{'' if len(results) == 1 else 's'} for {args.query!r}"
          + "".join(f" {facet}={'|'.join(v)}" for facet, v in filters.items() if v))
    for rank, result in enumerate(results[: args.limit], start=1):
        r = result.resource
        score = "" if result.score is None else f"  score {result.score:.4f}, {result.words} word(s) matched"
        print(f"{rank:3}. {r['title']}{score}")
        print(f"     {r['url']}  ({options['type'].get(r['type'][0], r['type'][0])}; "
              f"for {', '.join(options['audience'].get(a, a) for a in r['audience'])})")
        if result.matched:
            found_by = (f"{field}: {', '.join(terms)}" for field, terms in result.matched.items())
            print("     found by " + "; ".join(found_by))
    if len(results) > args.limit:
        print(f"... and {len(results) - args.limit} more (use --limit)")
    print("Results with each filter added (as the finder's facets show them):")
    counts = facet_counts(index, data["resources"], args.query, filters)
    for facet in FACETS:
        shown = [f"{option} ({counts[facet].get(option, 0)})" for option in options[facet]]
        print(f"  --{facet}: " + ", ".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
