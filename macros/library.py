"""The library as one build sees it: taxonomy, catalogue, settings and renderer, made once per build."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .listings import Renderer
from .loader import load_catalogue
from .problems import Problem, errors
from .settings import LibrarySettings, read_settings


class ContentError(Exception):
    """The content has problems that stop the build; each is `path:line: message`."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("content problems:\n" + "\n".join(str(p) for p in self.problems))


@dataclass
class Library:
    """Everything the hooks and macros of one build share."""

    docs_dir: Path
    catalogue: Catalogue
    settings: LibrarySettings
    problems: list[Problem]
    pdfs: dict[str, Any] = field(default_factory=dict)  # slug -> PdfInfo, filled by the print step
    generated: dict[str, Any] = field(default_factory=dict)  # src_uri -> GeneratedPage, set in on_files

    def __post_init__(self) -> None:
        self.renderer = Renderer(self.catalogue, self.settings, pdf_info=lambda r: self.pdfs.get(r.slug))

    @classmethod
    def load(cls, docs_dir: Path, extra: dict[str, Any] | None) -> "Library":
        """Load and check the content; raise ContentError if anything would stop the build."""
        result = load_catalogue(Path(docs_dir))
        if not result.ok:
            raise ContentError(errors(result.problems))
        return cls(Path(docs_dir), result.catalogue, read_settings(extra), result.problems)


# The library of the build in progress: set by the hooks' on_config, read by the page macros.
current: Library | None = None
