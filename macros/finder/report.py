"""The finder's search as text, for `library search`: what the "Find resources" page would list, and why."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lunr.index import Index

from macros.finder.facets import FACETS
from macros.finder.search import facet_counts, search_finder


def format_search(
    index: Index, data: Mapping[str, Any], query: str, filters: Mapping[str, list[str]], limit: int = 20
) -> tuple[str, bool]:
    """The results as lines of text, and False (with the text saying why) when a filter is unknown."""
    options = {f["id"]: {o["id"]: o["label"] for o in f["options"]} for f in data["facets"]}
    unknown = [
        f"--{facet} {value}"
        for facet, values in filters.items()
        for value in values
        if value not in options.get(facet, {})
    ]
    if unknown:
        return (
            f"Unknown filter: {', '.join(unknown)}. Known ids: "
            + "; ".join(f"{facet}: {', '.join(options.get(facet, {}))}" for facet in FACETS)
            + "\n"
        ), False
    results = search_finder(index, data["resources"], query, filters)
    lines = [
        f"{len(results)} resource{'' if len(results) == 1 else 's'} for {query!r}"
        + "".join(f" {facet}={'|'.join(v)}" for facet, v in filters.items() if v)
    ]
    for rank, result in enumerate(results[:limit], start=1):
        r = result.resource
        score = "" if result.score is None else f"  score {result.score:.4f}"
        lines.append(f"{rank:3}. {r['title']}{score}")
        lines.append(
            f"     {r['url']}  ({options['type'].get(r['type'][0], r['type'][0])}; "
            f"for {', '.join(options['audience'].get(a, a) for a in r['audience'])})"
        )
        if result.matched:
            found_by = (f"{field}: {', '.join(terms)}" for field, terms in result.matched.items())
            lines.append("     found by " + "; ".join(found_by))
    if len(results) > limit:
        lines.append(f"... and {len(results) - limit} more (use --limit)")
    lines.append("Results with each filter added (as the finder's facets show them):")
    counts = facet_counts(index, data["resources"], query, filters)
    for facet in FACETS:
        lines.append(f"  --{facet}: " + ", ".join(f"{o} ({counts[facet].get(o, 0)})" for o in options[facet]))
    return "\n".join(lines) + "\n", True
