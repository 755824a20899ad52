"""The library as one build sees it, and the one check that every build and `make check` runs.

`check_library` is the single code path for every content problem: `library check` calls it
and prints what it found; the plugin calls it when a build (or `mkdocs serve`) starts and
refuses to build if it found an error. Its stages, in order:

1. the taxonomy (the type folders, audiences and domains everything else is checked against);
2. the inventory of the content folder (macros/content/inventory.py): every path is a known kind;
3. the publications resources cite (sources.yml), then every resource's front matter and the folder
   defaults;
4. the pathways and the packs;
5. the site pages' front matter and macros;
6. every body: links, images, headings, pasted debris, template leftovers, and what the
   sanitiser would change;
7. images that no resource uses.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from macros.checks.headings import check_headings
from macros.checks.images import check_images, images_used
from macros.checks.index import ContentIndex, Document
from macros.checks.links import check_links
from macros.checks.pasted import check_pasted_text, check_placeholders
from macros.checks.safety import check_safety
from macros.checks.site_pages import SitePage, macro_placeholder, read_site_page
from macros.checks.tables import check_table_sizes
from macros.config import LibraryConfig
from macros.content.budget import TimeLimitExceeded, time_limit, too_hard_to_read
from macros.content.catalogue import Catalogue
from macros.content.frontmatter import FrontMatterError, parse_front_matter
from macros.content.inventory import MAX_RESOURCE_BYTES, Inventory, take_inventory, unused_images
from macros.content.loader import empty_taxonomy, load_catalogue
from macros.content.packs import PACKS_FILE, Pack, load_packs, pack_pages, pathway_packs
from macros.content.pathways import PATHWAYS_FILE, Pathways, load_pathways, pathway_pages
from macros.content.problems import ERROR, Problem, counted, display_path
from macros.content.sources import SOURCES_FILE, load_sources
from macros.content.taxonomy import TAXONOMY_FILE, TaxonomyError, load_taxonomy
from macros.rendering.body import BodyRenderer
from macros.site.citations import harvard_citation, source_reference
from macros.site.coverage import coverage_pages
from macros.site.listings import Renderer, browse_pages

SCHEMA_FILE = "resource.schema.json"
# check_table_sizes: resources are printed, and their tables must fit the PDFs' time (macros/checks/tables.py).
RESOURCE_CHECKS = (
    check_links,
    check_images,
    check_headings,
    check_pasted_text,
    check_placeholders,
    check_safety,
    check_table_sizes,
)
# A site page's title is its own top-level heading, and it holds no template text.
SITE_PAGE_CHECKS = (check_links, check_images, check_pasted_text, check_safety)
# The data files at the top of the content folder: read by the build, never published.
DATA_FILES = [TAXONOMY_FILE, PATHWAYS_FILE, PACKS_FILE, SOURCES_FILE, SCHEMA_FILE]


@dataclass
class Library:
    """Everything the plugin, the macros and the print step of one build share."""

    project_dir: Path
    docs_dir: Path
    options: LibraryConfig
    inventory: Inventory
    catalogue: Catalogue
    pathways: Pathways
    site_pages: dict[str, SitePage]
    problems: list[Problem]
    as_of: date  # the date the content speaks of (see content_date), never the clock
    images: dict[str, frozenset[str]] = field(default_factory=dict)  # page -> the images it uses
    unpublished: frozenset[str] = frozenset()  # drafts this build leaves out (all of them but in the preview)
    unpublished_images: frozenset[str] = frozenset()  # images only those drafts show, left out with them
    packs: tuple[Pack, ...] = ()  # the curated packs, then each pathway's
    checked: int = 0  # how many resources were read without error, drafts included
    pdf_set: Any = None  # macros.printing.printer.PdfSet, once the PDFs are made (None when they are off)
    generated: dict[str, Any] = field(default_factory=dict)  # src_uri -> GeneratedPage
    _macro_html: dict[str, str] = field(default_factory=dict)
    _nonce: str = field(default_factory=lambda: secrets.token_hex(6))

    def __post_init__(self) -> None:
        self.renderer = Renderer(self.catalogue, self.options, pdf_info=self.pdf_info)
        self.renderer.env.globals.update(
            pathway_steps=self.pathways.positions,
            citation=harvard_citation,
            source_reference=source_reference,
            packs=self.packs,
            pack_pdf=lambda pack: self.pdf_set.packs.get(pack.pdf_url) if self.pdf_set else None,
            pathway_pack=lambda pathway: next(
                (p for p in self.packs if p.folder == "pathways" and p.id == pathway.id), None
            ),
        )

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def pdf_info(self, resource):
        """The details of a resource's PDF (for its download link), or None when it has none."""
        return self.pdf_set.resources.get(resource.slug) if self.pdf_set else None

    def placeholder(self, html: str) -> str:
        """Keep a macro's HTML and return the text that stands for it in the page (see page_macros)."""
        token = macro_placeholder(len(self._macro_html) + 1, self._nonce)
        self._macro_html[token] = html
        return token

    def fill_placeholders(self, html: str) -> str:
        """A sanitised page's HTML with each macro placeholder replaced by the macro's HTML."""
        for token, replacement in self._macro_html.items():
            if token in html:
                html = html.replace(f"<p>{token}</p>", replacement).replace(token, replacement)
        return html


def content_date(catalogue: Catalogue, source_date_epoch: int | None = None) -> date:
    """The date a build speaks of: SOURCE_DATE_EPOCH when set, else the newest date in the content.

    Pages such as the editors' report say what is due "now"; taking now from the content keeps
    two builds of the same content byte-identical on any day.
    """
    if source_date_epoch is not None:
        return datetime.fromtimestamp(source_date_epoch, tz=UTC).date()
    return max((r.updated for r in catalogue), default=date(1970, 1, 1))


def check_library(
    config: MkDocsConfig, options: LibraryConfig, *, today: date | None = None, drafts: bool = False
) -> Library:
    """Check everything under the content folder; the Library holds every problem found (it never raises).

    Drafts are checked like every other resource; only with `drafts` (the preview) are they published.
    """
    docs_dir = Path(config.docs_dir)
    project_dir = Path(config.config_file_path).resolve().parent
    problems: list[Problem] = []
    try:
        taxonomy = load_taxonomy(docs_dir / TAXONOMY_FILE)
    except TaxonomyError as exc:
        problems.extend(exc.problems)
        taxonomy = empty_taxonomy()
    for rtype in taxonomy.types:
        if f"{rtype.folder}.md" in options.site_pages:
            problems.append(
                Problem(
                    display_path(docs_dir / TAXONOMY_FILE),
                    1,
                    f"folder '{rtype.folder}' has the address of the site page {rtype.folder}.md",
                    "choose another folder name for the type",
                )
            )
    inventory = take_inventory(
        docs_dir,
        type_folders=[t.folder for t in taxonomy.types],
        site_pages=list(options.site_pages),
        data_files=DATA_FILES,
    )
    problems.extend(inventory.problems)
    sources = load_sources(docs_dir)
    problems.extend(sources.problems)
    loaded = load_catalogue(
        docs_dir,
        taxonomy,
        inventory.resources,
        inventory.folder_defaults,
        today=today,
        words_per_minute=options.reading_speed,
        sources=sources.sources,
    )
    problems.extend(loaded.problems)
    catalogue = loaded.catalogue
    pathways = load_pathways(docs_dir, catalogue, inventory.resources)
    problems.extend(pathways.problems)
    packs = load_packs(docs_dir, catalogue, inventory.resources, today=today or date.today())
    problems.extend(packs.problems)
    templates = sorted(p.name for p in _theme_templates(config))
    site_pages: dict[str, SitePage] = {}
    for src_uri in inventory.site_pages:
        page = read_site_page(docs_dir, src_uri, templates, problems)
        if page is not None:
            site_pages[src_uri] = page
    found, images = check_bodies(docs_dir, config, inventory, catalogue, pathways.pathways, site_pages)
    problems.extend(found)
    published = catalogue if drafts else catalogue.published()
    return Library(
        project_dir,
        docs_dir,
        options,
        inventory,
        published,
        pathways.pathways,
        site_pages,
        sorted(set(problems)),
        content_date(published, options.source_date_epoch),
        images,
        unpublished=frozenset(r.src_uri for r in catalogue if r not in published),
        unpublished_images=draft_images(catalogue, published, images),
        packs=packs.packs + pathway_packs(pathways.pathways),
        checked=len(catalogue),
    )


def draft_images(catalogue: Catalogue, published: Catalogue, images: dict[str, frozenset[str]]) -> frozenset[str]:
    """The images that only unpublished drafts show: a draft's figures are part of the draft, left out with it."""
    drafts = {r.src_uri for r in catalogue if r not in published}
    shown = set().union(*(used for page, used in images.items() if page not in drafts))
    return frozenset(image for draft in drafts for image in images.get(draft, ()) if image not in shown)


def _theme_templates(config: MkDocsConfig) -> list[Path]:
    """The page templates a site page may name: the top-level HTML files of the theme's overrides folder."""
    custom_dir = config.theme.custom_dir
    if not custom_dir:
        return []
    return [p for p in Path(custom_dir).glob("*.html") if p.name not in ("main.html", "404.html")]


def check_bodies(
    docs_dir: Path,
    config: MkDocsConfig,
    inventory: Inventory,
    catalogue: Catalogue,
    pathways: Pathways,
    site_pages: dict[str, SitePage],
) -> tuple[list[Problem], dict[str, frozenset[str]]]:
    """Every problem of every body (resources whose front matter failed too, site pages), and each one's images."""
    documents: list[Any] = [*catalogue, *_failed_documents(docs_dir, inventory, catalogue)]
    pages = [page.document for page in site_pages.values()]
    generated = {
        p.src_uri
        for p in (*browse_pages(catalogue), *coverage_pages(catalogue), *pathway_pages(pathways), *pack_pages(()))
    }
    # Anchors are known for every page whose headings are its own; a page running macros gets some from them.
    bodies = {d.src_uri: d.body for d in documents}
    bodies.update({p.src_uri: p.body for p in pages if not site_pages[p.src_uri].render_macros})
    opaque = frozenset(generated | {p.src_uri for p in pages if site_pages[p.src_uri].render_macros})
    renderer = BodyRenderer(config.markdown_extensions, config.mdx_configs)
    drafts = frozenset(r.src_uri for r in catalogue if r.draft)
    index = ContentIndex(docs_dir, renderer, bodies, frozenset(inventory.images), opaque, drafts)
    problems: list[Problem] = []
    images: dict[str, frozenset[str]] = {}
    for doc in [*documents, *pages]:
        checks = RESOURCE_CHECKS if getattr(doc, "is_resource", True) else SITE_PAGE_CHECKS
        try:
            with time_limit():
                found = [problem for check in checks for problem in check(doc, index)]
                images[doc.src_uri] = frozenset(images_used(doc, index))
        except (TimeLimitExceeded, RecursionError):
            found = [too_hard_to_read(index.shown(doc.src_uri), doc.body_line)]
        problems += found
    problems += unused_images(inventory, set().union(*images.values()))
    return problems, images


def _failed_documents(docs_dir: Path, inventory: Inventory, catalogue: Catalogue) -> list[Document]:
    """Resources left out of the catalogue by a front matter error whose body can still be read."""
    loaded = {r.src_uri for r in catalogue}
    documents = []
    for src_uri in inventory.resources:
        if src_uri in loaded:
            continue
        try:
            raw = (Path(docs_dir) / src_uri).read_bytes()
            fm = parse_front_matter(raw.decode("utf-8")) if len(raw) <= MAX_RESOURCE_BYTES else None
        except (FrontMatterError, UnicodeDecodeError):
            continue
        if fm is not None and fm.present and fm.body.strip():
            documents.append(Document(src_uri, fm.body, fm.body_line))
    return documents


def summary_line(problems: list[Problem], resources: int, drafts: int = 0) -> str:
    """The last line `library check` prints: how many errors and warnings, or that all is well."""
    errs = sum(1 for p in problems if p.severity == ERROR)
    warns = counted(len(problems) - errs, "warning")
    if errs:
        return f"{counted(errs, 'error')} and {warns} in the content: nothing was built."
    unpublished = f" ({counted(drafts, 'draft')} not published)" if drafts else ""
    return f"Content OK: {counted(resources, 'resource')} checked{unpublished}, {warns}."
