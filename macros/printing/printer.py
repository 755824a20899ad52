"""Print: an accessible A4 PDF of every resource and one pack per audience.

Each PDF is made from a dedicated print template (`templates/`), not from the web page, in the
layout its type names in the taxonomy (`templates/layouts/`: cover, masthead, worksheet),
rendered with WeasyPrint as a tagged PDF/UA-1 document with form fields where a layout asks for
them. Renders are cached in `.cache/pdf/` by a hash of everything that goes into them, and the
misses are rendered in parallel.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
import markdown
from markupsafe import Markup

from macros.config import LibraryConfig
from macros.content.budget import TimeLimitExceeded, time_limit
from macros.content.catalogue import Catalogue
from macros.content.model import Resource
from macros.content.packs import Pack
from macros.content.problems import display_path
from macros.content.text import joined, lower_first
from macros.printing.extension import PrintExtension, with_answer_fields
from macros.printing.geometry import page_geometry
from macros.rendering.dates import long_date, month_year
from macros.rendering.sanitiser import sanitise_and_compare
from macros.site.citations import harvard_citation, source_reference

PRINTING_DIR = Path(__file__).resolve().parent
PRINT_DIR = PRINTING_DIR / "templates"
STYLESHEET = PRINTING_DIR / "pdf.css"
LAYOUTS = "layouts"  # under the templates folder: <name>.html and its stylesheet <name>.css
# What goes into every PDF's look: the settings a cover and end matter print.
PRINTED_SETTINGS = (
    "programme",
    "partners",
    "funder",
    "funder_line",
    "publisher",
    "copyright_holder",
    "licence",
    "language",
)
PDF_VARIANT = "pdf/ua-1"
SHORT_TITLE_LIMIT = 48
# A resource's PDF takes a second or two; a pack, that for each of its resources. A minute each is a
# bound no honest input comes near, and keeps a hostile one from holding a build for hours.
SECONDS_PER_PDF = 60.0
# The code that turns a resource into print HTML: a change to it must invalidate the cache too.
CODE_FILES = (
    Path(__file__),
    PRINTING_DIR.parent / "rendering" / "extension.py",
    PRINTING_DIR.parent / "rendering" / "sanitiser.py",
    PRINTING_DIR.parent / "rendering" / "dates.py",
    PRINTING_DIR.parent / "site" / "citations.py",
    PRINTING_DIR / "fetcher.py",
    PRINTING_DIR / "extension.py",
    PRINTING_DIR / "geometry.py",
)

_FILE_URI = re.compile(r"'?file://(/[^'\"\s]*)'?")

log = logging.getLogger("mkdocs.plugins.library")


@dataclass(frozen=True)
class PdfInfo:
    """What a download link says about a PDF: its page count and size."""

    pages: int
    bytes: int
    kb: int
    # How long it took to render, kept in the cache only (never in the site), for `make bench`.
    seconds: float = field(default=0.0, compare=False)

    @property
    def size_text(self) -> str:
        """'4 pages, 120 KB': what a download link says."""
        return f"{self.pages} page{'' if self.pages == 1 else 's'}, {self.kb} KB"

    @classmethod
    def measure(cls, pages: int, size: int, seconds: float = 0.0) -> PdfInfo:
        """Describe a PDF of `pages` pages and `size` bytes (never shown as 0 KB)."""
        return cls(pages=pages, bytes=size, kb=max(1, round(size / 1024)), seconds=round(seconds, 3))


class PdfRenderError(Exception):
    """A PDF could not be rendered: names the file it came from and the reason."""

    def __init__(self, source: str, reason: str, line: int = 1):
        self.source = source
        self.reason = reason
        self.line = line
        super().__init__(f"{source}:{line}: the PDF could not be rendered: {reason}")

    def __reduce__(self):  # raised in a worker process, re-raised in the build
        return (PdfRenderError, (self.source, self.reason, self.line))


class PdfBuildError(Exception):
    """Some PDFs could not be rendered: one line per failure, each naming its file and the reason."""

    def __init__(self, failures: list[PdfRenderError]):
        self.failures = failures
        super().__init__("\n".join(str(f) for f in failures))


@dataclass(frozen=True)
class PdfJob:
    """One PDF to render: its cache key, where it came from, the HTML to print and where it goes."""

    key: str
    source: str  # what an editor should look at if it fails, e.g. 'content/briefings/x.md'
    target: str  # where it lands in the site, e.g. 'pdf/x.pdf'
    html: str
    weight: int = 0  # rough size, so the longest renders start first
    members: tuple[str, ...] = ()  # for a pack: the sources of the resources in it
    content_dir: str = ""  # the only folder whose images the PDF may include
    images: tuple[str, ...] = ()  # the images it may include: those the check found in its resources


@dataclass(frozen=True)
class PlannedPdf:
    """One PDF the build needs, before anyone knows whether the cache has it."""

    key: str
    source: str
    target: str
    make_html: Callable[[], str]
    weight: int
    members: tuple[str, ...] = ()
    images: tuple[str, ...] = ()

    def job(self, content_dir: Path) -> PdfJob:
        """The job that renders it (makes its HTML now: only misses need it)."""
        html = self.make_html()
        return PdfJob(
            self.key, self.source, self.target, html, self.weight, self.members, str(content_dir), self.images
        )


@dataclass
class PdfSet:
    """Every PDF of one build: resource and pack details, their cached files and what was rendered."""

    resources: dict[str, PdfInfo] = field(default_factory=dict)  # slug -> info
    packs: dict[str, PdfInfo] = field(default_factory=dict)  # site path (a pack's pdf_url) -> info
    files: dict[str, Path] = field(default_factory=dict)  # site path -> cached PDF
    rendered: list[str] = field(default_factory=list)  # sources rendered in this build (not from the cache)


def short_title(title: str, limit: int = SHORT_TITLE_LIMIT) -> str:
    """A title shortened to `limit` characters: the part before a colon, or cut at a word with an ellipsis."""
    if len(title) <= limit:
        return title
    head = title.split(":", 1)[0].strip()
    if len(head) <= limit and head != title:
        return head
    cut = title[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"


def footer_title(resource: Resource, characters: int) -> str:
    """The title for the running footer, which holds `characters` characters on one line.

    The full title when it fits; else the resource's own `short_title`; else the title shortened.
    """
    if len(resource.title) <= characters:
        return resource.title
    return resource.short_title or short_title(resource.title, characters)


_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)")
_FONT_STYLES = ("Regular", "Bold", "Italic", "Bold Italic")


@functools.cache
def fonts_key(stylesheet: str) -> str:
    """A hash of the font files the PDFs embed: those fontconfig gives for each family the stylesheet names.

    A font package updated or installed changes the PDFs' bytes, so it must change their cache keys.
    """
    families = dict.fromkeys(
        name.strip().strip("'\"") for match in _FONT_FAMILY.findall(stylesheet) for name in match.split(",")
    )
    parts: list[str | bytes] = []
    for family in families:
        for style in _FONT_STYLES:
            try:
                found = subprocess.run(
                    ["fc-match", "--format=%{file}", f"{family}:style={style}"],
                    capture_output=True,
                    text=True,
                    timeout=10,
                    check=False,
                ).stdout.strip()
            except (OSError, subprocess.TimeoutExpired):
                found = ""
            parts.append(f"{family}:{style}={found}")
            if found and Path(found).is_file():
                parts.append(hashlib.sha256(Path(found).read_bytes()).hexdigest())
    return _sha256(*parts)


def prune_cache(cache_dir: Path, keep: set[str]) -> int:
    """Remove every cached PDF (and its details) whose key this build did not use; return how many."""
    removed = 0
    for path in sorted(Path(cache_dir).glob("*.pdf")):
        if path.stem not in keep:
            path.unlink(missing_ok=True)
            path.with_suffix(".json").unlink(missing_ok=True)
            removed += 1
    for stray in Path(cache_dir).glob("*.json"):
        if stray.stem not in keep and not stray.with_suffix(".pdf").exists():
            stray.unlink(missing_ok=True)
    return removed


def _timestamp(seconds: int | None) -> str | None:
    """SOURCE_DATE_EPOCH (the `source_date_epoch` setting) as the PDF metadata's date, or None if unset."""
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sha256(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _settings_key(settings: LibraryConfig) -> str:
    """The printed settings as stable text, for the cache key."""
    return json.dumps({name: settings[name] for name in PRINTED_SETTINGS}, sort_keys=True, default=dict)


def _engine_version() -> str:
    # Read from the installed packages' metadata: importing WeasyPrint takes a second, and a
    # build that finds every PDF in the cache never needs it.
    packages = ("weasyprint", "pydyf", "markdown", "pymdown-extensions")
    return "; ".join(f"{name} {metadata.version(name)}" for name in packages)


class Printer:
    """Turns resources and audiences into print HTML, and says what each PDF's cache key is."""

    def __init__(
        self,
        catalogue: Catalogue,
        settings: LibraryConfig,
        docs_dir: Path,
        *,
        images: dict[str, frozenset[str]] | None = None,
        packs: tuple[Pack, ...] = (),
        markdown_extensions: list[Any] | None = None,
        mdx_configs: dict[str, Any] | None = None,
        site_url: str = "",
        template_dir: Path = PRINT_DIR,
        stylesheet: Path = STYLESHEET,
    ):
        self.catalogue = catalogue
        self.settings = settings
        self.images = images or {}  # resource -> the images it shows (found by the check), for the cache key
        self.packs = packs
        self.docs_dir = Path(docs_dir).resolve()
        self.site_url = (site_url or "").rstrip("/") + "/" if site_url else ""
        self.template_dir = Path(template_dir)
        self.stylesheet = Path(stylesheet)
        self.extensions = list(markdown_extensions or [])
        configs = {k: dict(v or {}) for k, v in (mdx_configs or {}).items()}
        # A permalink sign after every heading means something on screen, nothing on paper.
        configs.setdefault("toc", {})["permalink"] = False
        self.extension_configs = configs
        self.source_date = _timestamp(settings.source_date_epoch)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.template_dir)),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        self.env.filters["month_year"] = lambda value: month_year(value, settings.language)
        self.env.filters["date"] = lambda value: long_date(value, settings.language)
        self.env.globals["citation"] = lambda r: harvard_citation(r, settings.publisher.name, self.site_url)
        self.env.globals["source_reference"] = source_reference
        self.env.filters["names"] = joined
        self.env.filters["lower_first"] = lower_first
        # Every layout's stylesheet goes into every PDF (each is scoped to its layout's class), so a
        # pack's resources keep their layouts' rules too.
        self.env.globals["layout_css"] = Markup(
            "\n".join(p.read_text(encoding="utf-8") for p in sorted((self.template_dir / LAYOUTS).glob("*.css")))
        )
        self.footer_characters = page_geometry(self.stylesheet).footer_characters
        self._bodies: dict[str, str] = {}
        self._common_key = self._inputs_shared_by_every_pdf()
        self._keys: dict[str, str] = {}

    # -- cache keys ---------------------------------------------------------------------

    def _inputs_shared_by_every_pdf(self) -> str:
        parts: list[str | bytes] = [
            _engine_version(),
            PDF_VARIANT,
            _settings_key(self.settings),
            self.site_url,
            json.dumps([self.extensions, self.extension_configs], sort_keys=True, default=repr),
            self.source_date or "",
        ]
        for path in sorted(p for p in self.template_dir.rglob("*") if p.is_file()):
            parts += [path.relative_to(self.template_dir).as_posix(), path.read_bytes()]
        if not self.stylesheet.is_relative_to(self.template_dir):
            parts.append(self.stylesheet.read_bytes())
        parts += [p.read_bytes() for p in CODE_FILES]
        parts.append(fonts_key(self.stylesheet.read_text(encoding="utf-8")))
        return _sha256(*parts)

    def source_path(self, resource: Resource) -> Path:
        """The Markdown file a resource was read from."""
        return self.docs_dir / resource.src_uri

    def resource_key(self, resource: Resource) -> str:
        """A hash of everything that goes into a resource's PDF."""
        if resource.slug not in self._keys:
            source = self.source_path(resource)
            # repr() carries the parsed metadata, folder defaults and taxonomy labels.
            parts: list[str | bytes] = [
                self._common_key,
                "resource",
                repr(resource),
                resource.body,
                source.read_bytes(),
            ]
            for image in sorted(self.images.get(resource.src_uri, ())):
                parts += [image, (self.docs_dir / image).read_bytes()]
            self._keys[resource.slug] = _sha256(*parts)
        return self._keys[resource.slug]

    def pack_key(self, pack: Pack) -> str:
        """A hash of everything that goes into a pack: its own details and each of its resources' keys."""
        details = (pack.folder, pack.id, pack.title, pack.description, repr(pack.audience), pack.date.isoformat())
        return _sha256(self._common_key, "pack", *details, *(self.resource_key(r) for r in pack.resources))

    # -- HTML ---------------------------------------------------------------------------

    def body_html(self, resource: Resource, *, scope: str = "") -> str:
        """A resource's body as print HTML: the site's Markdown settings and the print extension.

        `scope` prefixes its ids, and moves its headings one level down, for a pack.
        """
        if (resource.slug, scope) not in self._bodies:
            configs = dict(self.extension_configs)
            if scope:
                configs["toc"] = {**configs.get("toc", {}), "baselevel": 2}
            printing = PrintExtension(src_uri=resource.src_uri, site_url=self.site_url, scope=scope)
            md = markdown.Markdown(extensions=[*self.extensions, printing], extension_configs=configs)
            html, changes = sanitise_and_compare(md.convert(resource.body))
            if changes:  # the check refuses these; never print what it has not passed
                raise PdfBuildError([PdfRenderError(display_path(self.source_path(resource)), changes[0].message)])
            self._bodies[(resource.slug, scope)] = html
        return self._bodies[(resource.slug, scope)]

    def web_address(self, resource: Resource) -> str:
        """The resource's page on the web, printed in its end block ('' if the site has no address)."""
        return f"{self.site_url}{resource.url}" if self.site_url else ""

    def _dates(self, created: date, modified: date) -> tuple[str, str]:
        # Fixed dates, never the time of the build: the same input must give the same bytes.
        if self.source_date:
            return self.source_date, self.source_date
        return created.isoformat(), modified.isoformat()

    def _part(self, resource: Resource, *, scope: str = "") -> dict[str, Any]:
        body = self.body_html(resource, scope=scope)
        return {
            "r": resource,
            "body": Markup(body),
            # For a layout whose answer spaces are form fields (worksheet).
            "fillable_body": Markup(with_answer_fields(body, f"{scope}-" if scope else "")),
            "short_title": footer_title(resource, self.footer_characters),
            "web_address": self.web_address(resource),
            "anchor": scope or resource.slug,
        }

    def resource_document(self, resource: Resource) -> str:
        """The whole print HTML of one resource: cover, body and end block."""
        created, modified = self._dates(resource.published, resource.updated)
        return self.env.get_template("resource.html").render(
            settings=self.settings,
            part=self._part(resource),
            created=created,
            modified=modified,
        )

    def pack_document(self, pack: Pack) -> str:
        """The whole print HTML of a pack: cover, contents, then each resource."""
        modified = max([pack.date, *(r.updated for r in pack.resources)])
        created, modified = self._dates(pack.date, modified)
        parts = [self._part(r, scope=f"r-{r.slug}") for r in pack.resources]
        authors = list(dict.fromkeys(p.name for r in pack.resources for p in r.authors))
        keywords = list(dict.fromkeys([pack.audience.label] + [r.type.plural for r in pack.resources]))
        return self.env.get_template("pack.html").render(
            settings=self.settings,
            pack=pack,
            parts=parts,
            authors=authors,
            keywords=keywords,
            created=created,
            modified=modified,
        )

    # -- jobs ---------------------------------------------------------------------------

    def plan(self) -> list[PlannedPdf]:
        """Every PDF of the catalogue: one per resource, then one per pack (curated packs and pathways)."""
        planned = [
            PlannedPdf(
                self.resource_key(r),
                display_path(self.source_path(r)),
                r.pdf_url,
                (lambda r=r: self.resource_document(r)),
                len(r.body),
                images=tuple(sorted(self.images.get(r.src_uri, ()))),
            )
            for r in self.catalogue
        ]
        for pack in self.packs:
            data_file = "packs.yml" if pack.folder == "packs" else "pathways.yml"
            planned.append(
                PlannedPdf(
                    self.pack_key(pack),
                    f"{display_path(self.docs_dir / data_file)} (the {pack.label.lower()} '{pack.id}')",
                    pack.pdf_url,
                    (lambda p=pack: self.pack_document(p)),
                    sum(len(r.body) for r in pack.resources),
                    tuple(display_path(self.source_path(r)) for r in pack.resources),
                    tuple(sorted(set().union(*(self.images.get(r.src_uri, ()) for r in pack.resources)))),
                )
            )
        return planned


# -- rendering -----------------------------------------------------------------------------


def render_pdf(
    html: str, stylesheet: Path = STYLESHEET, content_dir: Path | None = None, images: tuple[str, ...] | None = None
) -> tuple[bytes, int]:
    """Render print HTML to a tagged A4 PDF with WeasyPrint; return its bytes and page count.

    WeasyPrint fetches only through `LibraryFetcher`: images in the content folder and the print
    stylesheet. Every other address (another host, any other file, attachments) is refused.
    """
    import weasyprint

    from macros.printing.fetcher import LibraryFetcher, RefusedFetch, local_links

    fetcher = LibraryFetcher([content_dir] if content_dir else [], [stylesheet.parent], images)
    # Images are addressed from the content folder (macros/printing/extension.py).
    base_url = (content_dir or stylesheet.parent).resolve().as_uri() + "/"
    # Form fields: a layout's text areas (templates/layouts/worksheet.html) become fields a PDF reader fills in.
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=[weasyprint.CSS(filename=str(stylesheet), url_fetcher=fetcher)],
        pdf_variant=PDF_VARIANT,
        pdf_forms=True,
    )
    refused = fetcher.refused or local_links(document)
    if refused:
        raise RefusedFetch(refused[0])
    return document.write_pdf(pdf_variant=PDF_VARIANT, attachments=[], pdf_forms=True), len(document.pages)


class _WeasyPrintErrors(logging.Handler):
    """Collects WeasyPrint's errors (such as an image that failed to load) during one render."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _file_mode() -> int:
    """The mode an ordinary new file gets here (temporary files are made private: undo that)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary name beside `path`, then rename: no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cache_entry(cache_dir: Path, key: str) -> tuple[Path, Path]:
    """The cached PDF and its details (JSON) for a key."""
    return cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"


def cached_info(cache_dir: Path, key: str) -> PdfInfo | None:
    """The details of a cached PDF, or None if it is not (completely) in the cache."""
    pdf_path, info_path = cache_entry(cache_dir, key)
    try:
        info = PdfInfo(**json.loads(info_path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if not pdf_path.is_file() or pdf_path.stat().st_size != info.bytes:
        return None
    return info


def render_job(job: PdfJob, cache_dir: Path, stylesheet: Path = STYLESHEET) -> PdfInfo:
    """Render one PDF into the cache (PDF first, then its details); raise PdfRenderError on failure."""
    errors = _WeasyPrintErrors()
    weasy_log = logging.getLogger("weasyprint")
    weasy_log.addHandler(errors)
    seconds = SECONDS_PER_PDF * max(1, len(job.members))
    started = time.perf_counter()
    try:
        with time_limit(seconds):
            content_dir = Path(job.content_dir) if job.content_dir else None
            data, pages = render_pdf(job.html, stylesheet, content_dir, job.images)
    except TimeLimitExceeded:
        raise PdfRenderError(
            job.source,
            f"laying it out took more than {seconds:.0f} seconds: look for a very long table, or one very wide",
        ) from None
    except RecursionError:
        raise PdfRenderError(
            job.source,
            "it is nested too deeply to lay out: look for quotations or lists within each other many levels deep",
        ) from None
    except Exception as exc:  # noqa: BLE001 - any failure is reported with the file it came from
        if type(exc).__name__ == "RefusedFetch":
            source, line = _where_address_is(job, exc.url)
            raise PdfRenderError(
                source,
                f"it would include '{_readable(exc.url)}', which is not an image of the "
                "library: a PDF includes nothing else",
                line,
            ) from None
        raise PdfRenderError(job.source, _readable(f"{type(exc).__name__}: {exc}")) from None
    finally:
        weasy_log.removeHandler(errors)
    if errors.messages:
        raise PdfRenderError(job.source, _readable("; ".join(errors.messages)))
    info = PdfInfo.measure(pages, len(data), time.perf_counter() - started)
    pdf_path, info_path = cache_entry(cache_dir, job.key)
    _write_atomically(pdf_path, data)
    _write_atomically(info_path, json.dumps(asdict(info)).encode("utf-8"))
    return info


def _where_address_is(job: PdfJob, url: str) -> tuple[str, int]:
    """The resource (and line) whose text holds an address, as near as can be told from its name."""
    name = unquote(urlsplit(url).path).rsplit("/", 1)[-1] or url
    for source in (*job.members, job.source):
        try:
            lines = Path(source).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        for number, text in enumerate(lines, start=1):
            if name in text or url in text:
                return source, number
    return (job.members[0] if job.members else job.source), 1


def _readable(reason: str) -> str:
    """A reason as an editor can act on it: local file addresses shown as paths, no dangling colon."""
    reason = _FILE_URI.sub(lambda m: repr(display_path(Path(unquote(m.group(1))))), reason)
    return reason.strip().rstrip(":").strip()


def render_resource_pdf(printer: Printer, resource: Resource) -> bytes:
    """The PDF of one resource (not cached)."""
    return render_pdf(printer.resource_document(resource), printer.stylesheet, printer.docs_dir)[0]


def render_pack_pdf(printer: Printer, pack: Pack) -> bytes:
    """The PDF of one pack (not cached)."""
    return render_pdf(printer.pack_document(pack), printer.stylesheet, printer.docs_dir)[0]


def _worker_context() -> multiprocessing.context.BaseContext:
    """Workers forked from a clean server process that has imported WeasyPrint once.

    Forking the build itself would copy whatever threads it runs (a preview server, the tests'
    browser), which can deadlock; a fresh interpreter per worker would import WeasyPrint each time.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()  # Windows: spawn
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["weasyprint", __name__])
    return context


def _worker_count(misses: int, wanted: int = 0) -> int:
    """How many processes to render with: `wanted` (0 means one per core), never more than there are PDFs."""
    workers = wanted if wanted > 0 else (os.cpu_count() or 1)
    return max(1, min(workers, misses))


def render_all_pdfs(printer: Printer, cache_dir: Path, workers: int = 0) -> PdfSet:
    """Every resource PDF and pack, from the cache where nothing changed, the rest rendered in parallel.

    Raises PdfBuildError naming every PDF that failed (a pack only if none of its resources did).
    """
    cache_dir = Path(cache_dir)
    result = PdfSet()
    planned = printer.plan()
    misses: dict[str, PlannedPdf] = {}
    for pdf in planned:
        result.files[pdf.target] = cache_entry(cache_dir, pdf.key)[0]
        if pdf.key not in misses and cached_info(cache_dir, pdf.key) is None:
            misses[pdf.key] = pdf
    total = len(misses)
    if total:
        _render_misses(
            [m.job(printer.docs_dir) for m in misses.values()], cache_dir, printer.stylesheet, result, workers
        )
    log.info(f"PDFs: {len(result.rendered)} rendered, {len(result.files) - len(result.rendered)} unchanged")
    # Every PDF's details come from the cache, rendered just now or earlier: one code path.
    for pdf in planned:
        info = cached_info(cache_dir, pdf.key)
        if info is None:
            missing = display_path(result.files[pdf.target])
            raise PdfBuildError([PdfRenderError(pdf.source, f"its cached PDF {missing} went missing")])
        if pdf.members:
            result.packs[pdf.target] = info
        else:
            result.resources[Path(pdf.target).stem] = info
    removed = prune_cache(cache_dir, {pdf.key for pdf in planned})
    if removed:
        log.info(f"PDF cache: removed {removed} PDF{'s' if removed > 1 else ''} no build of this content uses")
    return result


def _render_misses(jobs: list[PdfJob], cache_dir: Path, stylesheet: Path, result: PdfSet, wanted: int = 0) -> None:
    total = len(jobs)
    workers = _worker_count(total, wanted)
    log.info(
        f"Rendering PDFs: 0 of {total} ({len(result.files) - total} unchanged, "
        f"{workers} worker{'s' if workers > 1 else ''})"
    )
    step = max(1, total // 20)  # about twenty progress lines, however many PDFs there are
    failures: list[tuple[PdfJob, PdfRenderError]] = []
    done = 0

    def finished(job: PdfJob, error: BaseException | None) -> None:
        nonlocal done
        done += 1
        if error is None:
            result.rendered.append(job.source)
            log.debug(f"Rendered {job.target} from {job.source}")
        else:
            failures.append(
                (
                    job,
                    error
                    if isinstance(error, PdfRenderError)
                    else PdfRenderError(job.source, f"{type(error).__name__}: {error}"),
                )
            )
        if done == total or done % step == 0:
            log.info(f"Rendering PDFs: {done} of {total}")

    # Longest first, so one big pack does not start last and hold up the whole build.
    ordered = sorted(jobs, key=lambda j: -j.weight)
    if workers == 1:
        for job in ordered:
            try:
                render_job(job, cache_dir, stylesheet)
            except Exception as exc:  # noqa: BLE001 - reported below with the others
                finished(job, exc)
            else:
                finished(job, None)
    else:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_worker_context()) as pool:
            futures = {pool.submit(render_job, job, cache_dir, stylesheet): job for job in ordered}
            for future in as_completed(futures):
                finished(futures[future], future.exception())
    if failures:
        # A resource that fails takes its packs down with it: name the resource, not the packs too.
        failed = {job.source for job, _ in failures}
        shown = sorted((bool(job.members), job.source, e) for job, e in failures if not set(job.members) & failed)
        raise PdfBuildError([e for _, _, e in shown])


def copy_pdfs(pdf_set: PdfSet, site_dir: Path) -> None:
    """Put every PDF of the build into the site (each under a temporary name first, then renamed)."""
    mode = _file_mode()
    for target, cached in sorted(pdf_set.files.items()):
        dest = Path(site_dir) / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        try:
            shutil.copyfile(cached, tmp)
            os.chmod(tmp, mode)
            os.replace(tmp, dest)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def pdfs_affected_by(project: Path, slug: str) -> int:
    """How many PDFs a change to one resource renders again: its own and each pack (or pathway) holding it."""
    from mkdocs.config import load_config

    from macros.library import check_library
    from macros.site.page_macros import PLUGIN_NAME

    config = load_config(str(Path(project) / "mkdocs.yml"))
    library = check_library(config, config.plugins[PLUGIN_NAME].config)
    return 1 + sum(1 for pack in library.packs if any(r.slug == slug for r in pack.resources))


def build_library_pdfs(library, config) -> PdfSet:
    """Render (or take from the cache folder) every PDF of the library of one build."""
    printer = Printer(
        library.catalogue,
        library.options,
        library.docs_dir,
        images=library.images,
        packs=library.packs,
        markdown_extensions=config.markdown_extensions,
        mdx_configs=config.mdx_configs,
        site_url=config.site_url or "",
    )
    cache_dir = library.project_dir / library.options.cache_dir
    return render_all_pdfs(printer, cache_dir, library.options.pdf_workers)
