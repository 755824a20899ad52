"""How the benchmark reads figures that belong to other parts of the build: the print step and the finder.

Each probe prefers the module's own interface and falls back to what can be seen from outside
(the files a build wrote), so the benchmark keeps working while those modules change.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The print step's summary, "PDFs: 3 rendered, 40 unchanged" (macros/printing.py), or similar wording.
RENDERED_RES = (
    re.compile(r"PDFs: (\d+) rendered"),
    re.compile(r"(\d+)\s+(?:PDFs?\s+)?rendered", re.IGNORECASE),
    re.compile(r"rendered\s+(\d+)\s+(?:of\s+\d+\s+)?PDFs?", re.IGNORECASE),
)


def _module(name: str):
    try:
        return importlib.import_module(f"macros.{name}")
    except ImportError:
        return None


def rendered_from_log(output: str) -> int | None:
    """How many PDFs the build says it rendered (the last such line), or None if it did not say."""
    found: int | None = None
    for line in output.splitlines():
        for pattern in RENDERED_RES:
            match = pattern.search(line)
            if match:
                found = int(match.group(1))
                break
    return found


def expected_renders_for_change(project: Path, slug: str, front: dict[str, Any]) -> int:
    """PDFs that editing one resource should re-render: its own and each pack that contains it."""
    printing = _module("printing.printer")
    counter = getattr(printing, "pdfs_affected_by", None) if printing else None
    if counter is not None:
        return int(counter(project, slug))
    # One pack per audience (the print issue's design): the resource is in a pack per audience it has.
    return 1 + len(front.get("audience", []))


def _lunr_index(data: Any) -> Any:
    """The serialized lunr index inside the finder's JSON (it may sit beside facet data)."""
    if isinstance(data, dict):
        if "invertedIndex" in data and "fields" in data:
            return data
        for value in data.values():
            found = _lunr_index(value)
            if found is not None:
                return found
    return None


def finder_searcher(path: Path) -> Callable[[str], list]:
    """Load the serialized finder index once; return a function that runs one query on it with lunr.py."""
    loader, search = _module("finder.index"), _module("finder.search")
    text = Path(path).read_text(encoding="utf-8")
    if hasattr(loader, "load_finder_index") and hasattr(search, "run_query"):
        index = loader.load_finder_index(text)
        # The finder's own query: the same words, wildcards and boosts as the page and `library search`.
        return lambda query: search.run_query(index, query) or []
    from lunr.index import Index

    return Index.load(_lunr_index(json.loads(text))).search
