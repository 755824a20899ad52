"""Run every content check over a content folder and collect the problems."""

from __future__ import annotations

from pathlib import Path

from .loader import LoadResult, load_catalogue
from .problems import Problem


def validate_content(docs_dir: Path) -> LoadResult:
    """Load the catalogue and return it with every problem found (errors and warnings)."""
    return load_catalogue(Path(docs_dir))


def summary_line(problems: list[Problem], resources: int) -> str:
    errs = sum(1 for p in problems if p.severity == "error")
    warns = len(problems) - errs
    if errs:
        return f"{errs} error{'s' if errs != 1 else ''} and {warns} warning{'s' if warns != 1 else ''} in the content: nothing was built."
    return f"Content OK: {resources} resources checked, {warns} warning{'s' if warns != 1 else ''}."
