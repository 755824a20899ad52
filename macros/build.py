"""Build into a temporary folder and swap it into place only on success: the one thing MkDocs cannot do itself.

Everything else (the content check, the pages, the PDFs) happens inside MkDocs' own build,
through the library plugin, exactly as `mkdocs build` and `mkdocs serve` do it.
"""

from __future__ import annotations

import logging
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from macros.content.problems import counted
from macros.library import Library
from macros.site.page_macros import PLUGIN_NAME


@dataclass(frozen=True)
class BuildOutcome:
    """How a build ended: the process exit code, and the library it built (None if it stopped early)."""

    code: int
    library: Library | None = None


def configure_logging(verbose: bool = False) -> None:
    """MkDocs' messages on standard error as `LEVEL - message`, without the macros plugin's chatter."""
    root = logging.getLogger("mkdocs")
    ours = [h for h in root.handlers if getattr(h, "_library", False)]
    if ours:
        # Report to the current stderr: a second build in one process (as in the tests) may capture it elsewhere.
        # (Assigned, not setStream(): that flushes the old stream, which may be closed by now.)
        ours[0].stream = sys.stderr
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._library = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False
    # mkdocs-macros announces every module and variable it finds at INFO: noise for editors.
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.DEBUG if verbose else logging.WARNING)


def build_site(
    config_file: Path, site_dir: Path | None = None, *, pdf: bool | None = None, verbose: bool = False
) -> BuildOutcome:
    """Build the site into `<site>.tmp`, then replace `site_dir`.

    `pdf` overrides the plugin's `pdf` setting when given. A failed build leaves the previous
    site exactly as it was.
    """
    config_file = Path(config_file).resolve()
    project = config_file.parent
    configure_logging(verbose)
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as exc:
        print(f"{config_file.name}: {exc}", file=sys.stderr)
        return BuildOutcome(1)
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir)
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    config = load_config(str(config_file), site_dir=str(staging))
    plugin = config.plugins[PLUGIN_NAME]
    if pdf is not None:
        plugin.config.pdf = pdf
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (Abort, ConfigurationError, PluginError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed: {exc}. The previous site in {_shown(target, project)}/ is unchanged.", file=sys.stderr)
        return BuildOutcome(1)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        config.plugins.on_shutdown()
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    built = counted(len(plugin.library.catalogue), "resource")
    print(f"Built {built} into {_shown(target, project)}/", file=sys.stderr)
    return BuildOutcome(0, plugin.library)


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)
