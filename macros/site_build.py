"""Build the whole site into a temporary folder and swap it into place only on success."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from .problems import report
from .validation import summary_line, validate_content

log = logging.getLogger("mkdocs.plugins.library")


def _configure_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    root = logging.getLogger("mkdocs")
    ours = [h for h in root.handlers if getattr(h, "_library", False)]
    if ours:
        # Report to the current stderr: a second build in one process (as in the tests) may capture it elsewhere.
        # (Assigned, not setStream(): that flushes the old stream, which may be closed by now.)
        ours[0].stream = sys.stderr
    else:
        handler._library = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False
    # mkdocs-macros announces every module and variable it finds at INFO: noise for editors.
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.DEBUG if verbose else logging.WARNING)


def build_site(config_file: Path, site_dir: Path | None = None, *, pdf: bool = True, verbose: bool = False) -> int:
    """Validate, build into `<site>.tmp`, then replace `site_dir`; return a process exit code.

    A failed build leaves the previous site exactly as it was.
    """
    config_file = Path(config_file).resolve()
    project = config_file.parent
    _configure_logging(verbose)
    try:
        config = load_config(str(config_file), strict=True)
    except (ConfigurationError, Abort) as exc:
        print(f"{config_file.name}: {exc}", file=sys.stderr)
        return 1
    docs_dir = Path(config.docs_dir)
    result = validate_content(docs_dir)
    report(result.problems, stream=sys.stderr, github=os.environ.get("GITHUB_ACTIONS") == "true")
    if not result.ok:
        print(summary_line(result.problems, len(result.catalogue)), file=sys.stderr)
        return 1
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir)
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    os.environ["LIBRARY_PDF"] = "1" if pdf else "0"
    try:
        config = load_config(str(config_file), strict=True, site_dir=str(staging))
        build(config)
    except (Abort, ConfigurationError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed: {exc}. The previous site in {_shown(target, project)}/ is unchanged.", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Built {len(result.catalogue)} resources into {_shown(target, project)}/", file=sys.stderr)
    return 0


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)
