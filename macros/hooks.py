"""MkDocs hooks: the thin adapter between MkDocs events and the library's modules.

Loaded by MkDocs from `hooks:` in mkdocs.yml (not imported as `macros.hooks`).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import library as library_module  # noqa: E402
from macros.library import ContentError, Library  # noqa: E402
from macros.listings import browse_pages  # noqa: E402
from macros.questions import mark_reflective_questions  # noqa: E402
from macros.safety import find_unsafe_html  # noqa: E402
from macros.settings import SettingsError  # noqa: E402

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


def on_files(files: Files, config):
    """Keep resources out of the nav and add the browse pages generated from the catalogue."""
    lib = library_module.current
    resource_uris = {r.src_uri for r in lib.catalogue}
    for file in files:
        if file.src_uri in resource_uris:
            file.inclusion = InclusionLevel.NOT_IN_NAV
    for page in browse_pages(lib.catalogue):
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
                                     related=lib.catalogue.related(resource))
        return top + "\n" + html + "\n" + bottom
    generated = lib.generated.get(src_uri)
    if generated is not None:
        return html + "\n" + lib.renderer.render(generated.template, page.url, **generated.context)
    return html
