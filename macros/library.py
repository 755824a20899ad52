"""The library as one build sees it: taxonomy, catalogue, settings and renderer, made once per build."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .citations import harvard_citation
from .listings import Renderer
from .loader import load_catalogue
from .pathways import Pathways, load_pathways
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
    packs: dict[str, Any] = field(default_factory=dict)  # audience id -> PdfInfo of its pack, filled by the print step
    pdf_set: Any = None  # macros.printing.PdfSet of this build (None when PDFs are off)
    generated: dict[str, Any] = field(default_factory=dict)  # src_uri -> GeneratedPage, set in on_files
    pathways: Pathways = field(default_factory=Pathways)  # from content/pathways.yml

    def __post_init__(self) -> None:
        self.renderer = Renderer(self.catalogue, self.settings, pdf_info=lambda r: self.pdfs.get(r.slug))
        # Resource templates show each resource's pathway steps and its citation.
        self.renderer.env.globals.update(pathway_steps=self.pathways.positions, citation=harvard_citation)
        # The audience pages link to their pack when PDFs are built.
        self.renderer.env.globals.update(pack_pdf=lambda audience: self.packs.get(audience.id))

    @classmethod
    def load(cls, docs_dir: Path, extra: dict[str, Any] | None) -> "Library":
        """Load and check the content; raise ContentError if anything would stop the build."""
        result = load_catalogue(Path(docs_dir))
        pathways = load_pathways(Path(docs_dir), result.catalogue)
        problems = result.problems + pathways.problems
        if errors(problems):
            raise ContentError(errors(problems))
        return cls(Path(docs_dir), result.catalogue, read_settings(extra), problems, pathways=pathways.pathways)


# The library of the build in progress: set by the hooks' on_config, read by the page macros.
current: Library | None = None
