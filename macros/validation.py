"""Run every content check over a content folder and collect the problems."""

from __future__ import annotations

from pathlib import Path

from .content_checks import check_content
from .coverage import coverage_pages
from .loader import LoadResult, load_catalogue
from .pathways import load_pathways, pathway_pages
from .problems import Problem


def validate_content(docs_dir: Path) -> LoadResult:
    """Load the catalogue, run the body checks, and return it with every problem found (errors and warnings)."""
    result = load_catalogue(Path(docs_dir))
    pathways = load_pathways(Path(docs_dir), result.catalogue)
    result.problems.extend(pathways.problems)
    # Resources may link to the pages the build generates beyond the browse pages.
    generated = [page.src_uri for page in (*coverage_pages(result.catalogue), *pathway_pages(pathways.pathways))]
    result.problems.extend(check_content(Path(docs_dir), result, generated=generated))
    return result


def summary_line(problems: list[Problem], resources: int) -> str:
    errs = sum(1 for p in problems if p.severity == "error")
    warns = len(problems) - errs
    if errs:
        return f"{errs} error{'s' if errs != 1 else ''} and {warns} warning{'s' if warns != 1 else ''} in the content: nothing was built."
    return f"Content OK: {resources} resources checked, {warns} warning{'s' if warns != 1 else ''}."
