"""MkDocs hooks: the thin adapter between MkDocs events and the library's modules.

Loaded by MkDocs from `hooks:` in mkdocs.yml (not imported as `macros.hooks`).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import library as library_module  # noqa: E402
from macros.library import ContentError, Library  # noqa: E402
from macros.coverage import coverage_pages  # noqa: E402
from macros.feeds import date_sitemap, write_feed  # noqa: E402
from macros.finder_index import write_finder_assets  # noqa: E402
from macros.listings import browse_pages  # noqa: E402
from macros.pathways import pathway_pages  # noqa: E402
from macros.printing import PdfBuildError, build_library_pdfs, copy_pdfs  # noqa: E402
from macros.questions import mark_reflective_questions  # noqa: E402
from macros.safety import find_unsafe_html  # noqa: E402
from macros.settings import SettingsError  # noqa: E402
from macros.theme_fixes import fix_theme_markup  # noqa: E402

log = logging.getLogger("mkdocs.plugins.library")
BROWSE_SECTION = "Browse"


def on_config(config):
    """Load and check the content once for the whole build; add each type's page to the nav."""
    try:
        lib = Library.load(Path(config.docs_dir), config.extra)
    except ContentError as exc:
        raise PluginError(f"{exc}\nRun `make check` for hints on each problem.")
    except SettingsError as exc:
        raise PluginError(str(exc))
    library_module.current = lib
    # The nav lists sections, never individual resources, so page size does not grow with the
    # catalogue (measured: 600 resources in the nav made every page carry the whole catalogue).
    for item in config.nav or []:
        if isinstance(item, dict) and isinstance(item.get(BROWSE_SECTION), list):
            types = [{t.plural: f"{t.folder}/index.md"} for t in lib.catalogue.taxonomy.types]
            item[BROWSE_SECTION] = types + [e for e in item[BROWSE_SECTION] if e not in types]
    return config


def on_pre_build(config):
    """Render (or take from the cache) every PDF before any page is written: pages link to them with their size."""
    if os.environ.get("LIBRARY_PDF", "1") == "0":
        return
    lib = library_module.current
    try:
        pdf_set = build_library_pdfs(lib.catalogue, lib.settings, Path(config.docs_dir),
                                     Path(config.config_file_path).resolve().parent,
                                     markdown_extensions=config.markdown_extensions, mdx_configs=config.mdx_configs,
                                     site_url=config.site_url or "")
    except PdfBuildError as exc:
        raise PluginError(str(exc))
    lib.pdf_set = pdf_set
    lib.pdfs.update(pdf_set.resources)
    lib.packs.update(pdf_set.packs)


def on_files(files: Files, config):
    """Keep resources out of the nav and add the browse pages generated from the catalogue."""
    lib = library_module.current
    resource_uris = {r.src_uri for r in lib.catalogue}
    for file in files:
        if file.src_uri in resource_uris:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for page in [*browse_pages(lib.catalogue), *coverage_pages(lib.catalogue), *pathway_pages(lib.pathways)]:
        if files.get_file_from_path(page.src_uri) is not None:
            continue  # a hand-written page at the same place wins
        in_nav = page.src_uri.endswith("index.md")
        content = f"---\ntitle: {page.title!r}\n---\n\n{page.intro}\n"
        files.append(File.generated(config, page.src_uri, content=content,
                                    inclusion=InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV))
        lib.generated[page.src_uri] = page
    return files


def on_page_content(html: str, page, config, files):
    """Refuse unsafe HTML in resources; add the metadata block, related list and browse listings."""
    lib = library_module.current
    src_uri = page.file.src_uri
    resource = lib.catalogue.by_src_uri(src_uri)
    if resource is not None:
        unsafe = find_unsafe_html(html)
        if unsafe:
            raise PluginError(f"content/{src_uri}: {unsafe[0][1]}: contributed content cannot run code")
        html = mark_reflective_questions(html)
        top = lib.renderer.render("resource-meta.html", page.url, resource=resource, site_url=config.site_url or "")
        bottom = lib.renderer.render("resource-end.html", page.url, resource=resource,
                                     related=lib.catalogue.related(resource), site_url=config.site_url or "")
        return top + "\n" + html + "\n" + bottom
    generated = lib.generated.get(src_uri)
    if generated is not None:
        return html + "\n" + lib.renderer.render(generated.template, page.url, **generated.context)
    return html


def on_post_page(output: str, page, config):
    """Repair the theme's markup that is not valid HTML (see macros/theme_fixes.py)."""
    return fix_theme_markup(output)


def on_post_template(output_content: str, template_name: str, config):
    """The same repairs for pages written from theme templates alone, such as 404.html."""
    return fix_theme_markup(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    """Write the Atom feed and the finder index, and give the sitemap each resource's last-modified date."""
    lib = library_module.current
    site_url = config.site_url or ""
    write_feed(Path(config.site_dir), lib.catalogue, site_url=site_url, site_name=config.site_name, settings=lib.settings)
    date_sitemap(Path(config.site_dir), lib.catalogue, site_url=site_url)
    if lib.pdf_set is not None:  # rendered, or found in the cache, in on_pre_build
        copy_pdfs(lib.pdf_set, Path(config.site_dir))
    # The finder's index and facet data; only PDFs this build has are linked from its results.
    write_finder_assets(lib.catalogue, Path(config.site_dir), pdf_slugs=lib.pdfs)
