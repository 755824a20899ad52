"""The resource library as a MkDocs plugin: MkDocs' events wired to the library's modules.

Every way of building (`make site`, `mkdocs build`, `mkdocs serve`) goes through this plugin,
so every build runs the same content check as `make check` (macros/library.py) and refuses
the same inputs with the same messages. State lives on the plugin instance, one per build.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import yaml
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from macros.checks.safety import changes_as_problems
from macros.config import LibraryConfig
from macros.content.packs import pack_pages
from macros.content.pathways import pathway_pages
from macros.content.problems import report
from macros.content.text import typographic
from macros.finder.selection import SELECTION_TEMPLATE, selection_pages
from macros.library import Library, check_library, summary_line
from macros.rendering.sanitiser import sanitise_and_compare
from macros.site.coverage import coverage_pages
from macros.site.csp import PolicyError, add_policy
from macros.site.feed import date_sitemap, write_feed
from macros.site.listings import BROWSE, HOME, browse_pages
from macros.site.theme_fixes import fix_theme_markup

log = logging.getLogger("mkdocs.plugins.library")
BROWSE_SECTION = "Browse"
BROWSE_PAGE = "browse/index.md"
# The site's own script for resource and pathway pages (overrides/assets/js/library.js), loaded only there.
LIBRARY_SCRIPT = "assets/js/library.js"
SELECTION_SCRIPT = "assets/js/selection.js"  # the finder's "Choose to print" and the page that prints the choice


class LibraryPlugin(BasePlugin[LibraryConfig]):
    """Checks the content, adds the pages made from the catalogue, sanitises what is published, prints PDFs."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.library: Library | None = None
        self.previewing = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Drafts are published by the preview (`mkdocs serve`) only, never by a build or a deploy."""
        self.previewing = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the whole library once for this build; refuse to build if anything is wrong."""
        if self.config.publishing and not config.site_url:
            raise PluginError(
                "SITE_URL is not set: a build for publishing needs the site's address, for its links, feed, "
                "sitemap and PDFs (set SITE_URL, as the deploy workflow does, or build without LIBRARY_PUBLISH)"
            )
        library = check_library(config, self.config, drafts=self.previewing)
        report(library.problems, stream=sys.stderr, github=os.environ.get("GITHUB_ACTIONS") == "true")
        if library.errors:
            self.library = None
            raise PluginError(summary_line(library.problems, library.checked))
        self.library = library
        # The nav lists sections, never individual resources, so page size does not grow with the
        # catalogue (measured: 600 resources in the nav made every page carry the whole catalogue).
        for item in config.nav or []:
            if isinstance(item, dict) and isinstance(item.get(BROWSE_SECTION), list):
                types = [{str(escape(t.plural)): f"{t.folder}/index.md"} for t in library.catalogue.taxonomy.types]
                entries = [e for e in item[BROWSE_SECTION] if e not in types]
                landing = [e for e in entries if e == BROWSE_PAGE]  # the section's own page stays first
                item[BROWSE_SECTION] = landing + types + [e for e in entries if e != BROWSE_PAGE]
        return config

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """`make preview` reloads when the library's own code or templates change, as well as the content."""
        server.watch(str(Path(__file__).resolve().parent))
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Render (or take from the cache) every PDF before any page is written: pages link to them with their size."""
        if not self.config.pdf:
            return
        from macros.printing.printer import PdfBuildError, build_library_pdfs

        try:
            self.library.pdf_set = build_library_pdfs(self.library, config)
        except PdfBuildError as exc:
            raise PluginError(str(exc)) from None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Publish exactly the inventory; keep resources out of the nav; add the pages made from the catalogue."""
        library = self.library
        docs_dir = os.path.normpath(config.docs_dir)
        resources = set(library.inventory.resources)
        for file in list(files):
            if file.generated_by is not None or os.path.normpath(file.src_dir or "") != docs_dir:
                continue  # the theme's own files
            if file.src_uri in library.unpublished or file.src_uri in library.unpublished_images:
                files.remove(file)  # a draft, or an image only drafts show: checked, never published
            elif file.src_uri in resources:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            elif file.src_uri not in library.inventory.published:
                read_only = {*library.inventory.data_files, *library.inventory.folder_defaults}
                if file.inclusion.is_included() and file.src_uri not in read_only:
                    raise PluginError(f"{file.src_uri}: not in the content inventory; the check and the build disagree")
                files.remove(file)  # a data file: read by the build, never published
        for page in [
            *browse_pages(library.catalogue),
            *coverage_pages(library.catalogue),
            *pathway_pages(library.pathways),
            *pack_pages(library.packs),
            *selection_pages(),
        ]:
            if files.get_file_from_path(page.src_uri) is not None:
                continue  # a site page at the same place wins
            in_nav = page.in_nav
            content = "---\n" + yaml.safe_dump({"title": page.title}, allow_unicode=True) + "---\n"
            files.append(
                File.generated(
                    config,
                    page.src_uri,
                    content=content,
                    inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV,
                )
            )
            library.generated[page.src_uri] = page
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Titles and descriptions are text: escaped here, because the theme writes them into pages unescaped."""
        library = self.library
        resource = library.catalogue.by_src_uri(page.file.src_uri)
        generated = library.generated.get(page.file.src_uri)
        if resource is not None:
            page.meta["title"], page.meta["description"] = resource.title, resource.summary
            page.meta["lib_scripts"] = [LIBRARY_SCRIPT]  # answer boxes, pathway progress, the citation's copy button
        elif generated is not None:
            page.meta["description"] = generated.intro or generated.title
            if generated.template in ("pathway-page.html", "pathways-index.html"):
                page.meta["lib_scripts"] = [LIBRARY_SCRIPT]
            elif generated.template == SELECTION_TEMPLATE:
                page.meta["lib_scripts"] = [SELECTION_SCRIPT]
        for key in ("title", "description"):  # the only text a page's front matter may give (checks/site_pages.py)
            if isinstance(page.meta.get(key), str):
                page.meta[key] = str(escape(typographic(" ".join(page.meta[key].split()))))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Publish each page's own HTML through the sanitiser; add the parts made from the catalogue."""
        library = self.library
        src_uri = page.file.src_uri
        generated = library.generated.get(src_uri)
        if generated is not None:
            head = library.renderer.render("generated-head.html", page.url, page=generated)
            return head + "\n" + library.renderer.render(generated.template, page.url, **generated.context)
        clean, changes = sanitise_and_compare(html)
        if changes:
            # The check that started this build passed, so this is a difference between the check's
            # rendering and MkDocs': refuse rather than publish something other than what was checked.
            problems = changes_as_problems(changes, f"{Path(config.docs_dir).name}/{src_uri}", page.markdown or "", 1)
            raise PluginError("\n".join(str(p) for p in problems))
        resource = library.catalogue.by_src_uri(src_uri)
        if resource is None:
            return library.fill_placeholders(clean)
        site_url = config.site_url or ""
        trail = (HOME, BROWSE, (resource.type.plural, resource.type.url))
        top = library.renderer.render("resource-head.html", page.url, resource=resource, trail=trail)
        bottom = library.renderer.render(
            "resource-end.html",
            page.url,
            resource=resource,
            site_url=site_url,
            related=library.catalogue.related(resource, self.config.related_limit),
        )
        return top + "\n" + clean + "\n" + bottom

    @event_priority(-100)  # after every other plugin has changed the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Repair the theme's invalid markup and give the page its Content-Security-Policy."""
        return self._with_policy(fix_theme_markup(output), page.file.src_uri)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The same for pages written from theme templates alone, such as 404.html."""
        if not template_name.endswith(".html"):
            return output_content
        return self._with_policy(fix_theme_markup(output_content), template_name)

    @staticmethod
    def _with_policy(html: str, where: str) -> str:
        try:
            return add_policy(html)
        except PolicyError as exc:
            raise PluginError(f"{where}: {exc}; only the theme's own inline scripts may run") from None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feed and the finder index, date the sitemap, and copy the PDFs in."""
        from macros.finder.index import write_finder_assets

        library = self.library
        site_dir = Path(config.site_dir)
        site_url = config.site_url or ""
        write_feed(
            site_dir,
            library.catalogue,
            site_url=site_url,
            site_name=config.site_name,
            settings=self.config,
            size=self.config.feed_size,
        )
        date_sitemap(site_dir, library.catalogue, site_url=site_url)
        if library.pdf_set is not None:
            from macros.printing.printer import copy_pdfs

            copy_pdfs(library.pdf_set, site_dir)
        write_finder_assets(library.catalogue, site_dir, pdfs=library.pdf_set.resources if library.pdf_set else {})
        self._write_editor(config, site_dir)

    def _write_editor(self, config: MkDocsConfig, site_dir: Path) -> None:
        """The browser editor at /admin/: written here, after MkDocs, so it is no page of the site's own
        (not in the navigation, the search, the sitemap or the finder)."""
        from macros.authoring.cms import EditorSetupError, EditorSite, resource_choices, write_admin

        library, editor = self.library, self.config.editor
        if self.config.publishing and not editor.repo:
            raise PluginError(
                "the browser editor has no repository to save to: set editor repo (owner/name) in mkdocs.yml, "
                "or GITHUB_REPOSITORY, as GitHub Actions does"
            )
        site = EditorSite(
            repo=editor.repo,
            branch=editor.branch,
            base_url=editor.base_url,
            auth_endpoint=editor.auth_endpoint,
            local_backend=editor.local_backend,
            site_url=config.site_url or "",
        )
        try:
            write_admin(
                site_dir,
                library.project_dir,
                library.catalogue.taxonomy,
                site,
                resource_choices(library.catalogue),
                site_name=config.site_name,
                reading_speed=self.config.reading_speed,
            )
        except EditorSetupError as exc:
            raise PluginError(str(exc)) from None
