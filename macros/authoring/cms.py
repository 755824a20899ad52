"""The browser editor at /admin/ (Decap CMS): its configuration, made from the content model.

Every form field comes from the one definition of each front matter field (macros/content/fields.py),
the keys of the data files (sources.py, packs.py, pathways.py) and the taxonomy, so the editor asks
for exactly what `make check` accepts: the same required fields, lengths, patterns and choices,
with the same hints. `make generated` writes the model's part to CONFIG_FILE, where a review sees
what editors will be offered; every build makes the same configuration again and adds what only a
build knows (where to save, the site's address, the resources a form may name) before writing the
editor into the built site (write_admin).

Decap was chosen over Sveltia CMS (which reads the same configuration) because its local back end
is a proxy on 127.0.0.1 that `make edit` and the browser tests can drive; Sveltia's local mode needs
the browser's File System Access API.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape

from macros.content.fields import (
    DATE_PATTERN,
    FIELDS,
    FIRST_YEAR,
    ISBN_PATTERN,
    LAST_YEAR,
    Date,
    Field,
    Flag,
    Isbn,
    Records,
    ResourceRefs,
    ResourceTypeRef,
    SourceRefs,
    Subfield,
    Text,
    Vocabulary,
    Words,
)
from macros.content.packs import MAX_RESOURCES, PACK_KEYS, PACKS_FILE
from macros.content.pathways import ID_RE, KEY_HINTS, PATHWAY_KEYS, PATHWAYS_FILE, STEP_KEYS
from macros.content.records import ID_HINT, Key
from macros.content.sources import SOURCE_KEYS, SOURCES_FILE, URL_RE
from macros.content.taxonomy import Taxonomy
from macros.site.csp import policy_text

CMS_DIR = Path(__file__).resolve().parent / "cms"
CODE_ROOT = CMS_DIR.parents[2]  # the project the library's code comes from (its package.json pins Decap)
CONFIG_FILE = CMS_DIR / "config.yml"  # the model's part, written by `make generated`
ADMIN_DIR = "admin"  # where the editor is published: /admin/
# Decap's own files in its npm package: the main script, the chunks it loads on demand and its WebAssembly.
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
DECAP_FILES = ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")
# The editor's own files (macros/authoring/cms/), published beside Decap's.
OWN_FILES = ("editor.js", "editor.css")
DATA_COLLECTION = "lists"
LONG_TEXT = 150  # a text allowed more characters than this gets a box of several lines
GITHUB_API = "https://api.github.com"
REPO_RE = re.compile(r"[A-Za-z0-9-]+/[A-Za-z0-9._-]+")  # owner/name, as GitHub allows them
GITHUB_AVATARS = "https://avatars.githubusercontent.com"
HEADER = (
    "# The browser editor's configuration (Decap CMS), made by `make generated` from\n"
    "# macros/content/fields.py, the keys of the data files and content/taxonomy.yml: do not edit by hand.\n"
    "# Each build adds where the editor saves (backend, local_backend), the site's address and the\n"
    "# resources a form may name (related resources, packs, pathway steps), then publishes it at /admin/.\n"
)


class EditorSetupError(ValueError):
    """The editor's settings (mkdocs.yml: editor) cannot be used."""


# -- widgets -------------------------------------------------------------------------------------


def _length_pattern(name: str, max_length: int, hint: str = "") -> list[str]:
    """A pattern that allows at most `max_length` characters, with the check's own words."""
    return [rf"^[\s\S]{{0,{max_length}}}$", f"{name} is over {max_length} characters long ({hint or 'shorten it'})"]


def _within(pattern: str, max_length: int) -> str:
    """A pattern that also allows at most `max_length` characters (the lookahead comes first)."""
    return rf"^(?=[\s\S]{{0,{max_length}}}$)" + pattern.removeprefix("^").removesuffix("$") + "$"


def _text_widget(name: str, label: str, required: bool, hint: str, max_length: int, too_long: str = "") -> dict:
    widget = {"label": label, "name": name, "widget": "text" if max_length > LONG_TEXT else "string"}
    widget.update(_required(required), hint=hint)
    if max_length:
        widget["pattern"] = _length_pattern(name, max_length, too_long or f"keep it to {max_length} at most")
    return widget


def _required(required: bool) -> dict:
    """Decap treats every field as required unless told otherwise."""
    return {"required": required}


def _date_widget(name: str, label: str, required: bool, hint: str, *, in_list: bool = False) -> dict:
    widget = {
        "label": label,
        "name": name,
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "date_format": "YYYY-MM-DD",
        "time_format": False,
        "picker_utc": True,
        **_required(required),
        "hint": hint,
        "pattern": [DATE_PATTERN, "write dates as YYYY-MM-DD, for example 2024-03-31"],
    }
    # A required date starts as today's (the date a new resource is published). A date in a list has
    # no default: Decap would start every list with one item to hold it (a change with no note).
    if required and not in_list:
        widget["default"] = "{{now}}"
    return widget


def _select(name: str, label: str, required: bool, hint: str, choices: Iterable[tuple[str, str]], **more) -> dict:
    return {
        "label": label,
        "name": name,
        "widget": "select",
        **more,
        **_required(required),
        "hint": hint,
        "options": [{"label": shown, "value": value} for value, shown in choices],
    }


def _subfield_widget(field: Field, sub: Subfield) -> dict:
    label = sub.name.capitalize()
    if sub.kind == "date":
        return _date_widget(sub.name, label, sub.required, sub.description, in_list=True)
    if sub.kind == "bool":
        # No default: Decap would start every list of changes with one empty change to hold it.
        return {"label": label, "name": sub.name, "widget": "boolean", "required": False, "hint": sub.description}
    return _text_widget(sub.name, label, sub.required, sub.description, sub.max_length, f"{field.name} {sub.name}")


def _hint(spec: Field) -> str:
    """A field's description as the form's hint, without the "(optional)" the form shows itself."""
    return spec.description.replace(" (optional)", "").replace("(optional; ", "(")


def resource_field_widget(spec: Field, taxonomy: Taxonomy, resources: list[tuple[str, str]]) -> dict | None:
    """The form field for one front matter field (None for `type`, which the collection's folder gives)."""
    kind, label, hint = spec.kind, spec.shown_label, _hint(spec)
    if isinstance(kind, ResourceTypeRef):
        return None
    if isinstance(kind, Text):
        return _text_widget(spec.name, label, spec.required, hint, kind.max_length, spec.hint)
    if isinstance(kind, Date):
        return _date_widget(spec.name, label, spec.required, hint)
    if isinstance(kind, Vocabulary):
        more = {"multiple": True, "min": 1} if spec.required else {"multiple": True}
        return _select(spec.name, label, spec.required, hint, kind.choices(taxonomy), **more)
    if isinstance(kind, Records):
        return {
            "label": label,
            "name": spec.name,
            "label_singular": kind.what.capitalize() if kind.what != "person" else label[:-1],
            "widget": "list",
            **_required(spec.required),
            **({"min": 1} if spec.required else {}),
            "hint": hint,
            "collapsed": False,
            "summary": "{{fields." + kind.subfields[0].name + "}}",
            "fields": [_subfield_widget(spec, sub) for sub in kind.subfields],
        }
    if isinstance(kind, SourceRefs):
        # Fed from the sources list itself, so a source added in the editor can be named at once.
        return {
            "label": label,
            "name": spec.name,
            "widget": "relation",
            "collection": DATA_COLLECTION,
            "file": "sources",
            "search_fields": ["sources.*.id", "sources.*.title"],
            "value_field": "sources.*.id",
            "display_fields": ["sources.*.title"],
            "multiple": True,
            **_required(spec.required),
            "hint": hint,
        }
    if isinstance(kind, Words):
        return {
            "label": label,
            "name": spec.name,
            "widget": "list",
            **_required(spec.required),
            "hint": hint,
            "field": _text_widget("keyword", "Keyword", True, "", kind.max_length, f"keep each to {kind.max_length}"),
        }
    if isinstance(kind, Isbn):
        return {
            "label": label,
            "name": spec.name,
            "widget": "string",
            **_required(spec.required),
            "hint": hint,
            "pattern": [ISBN_PATTERN, "ISBN is not valid (check the digits: the last one is a check digit)"],
        }
    if isinstance(kind, ResourceRefs):
        # Decap's relation widget reads one collection and resources live in one per type: a select
        # of every resource the build knows names any of them, and cannot name one that does not exist.
        return _select(spec.name, label, spec.required, hint, resources, multiple=True)
    if isinstance(kind, Flag):
        # No default: a resource says `draft: true` only while it is one, as hand-written ones do.
        return {"label": label, "name": spec.name, "widget": "boolean", **_required(False), "hint": hint}
    raise TypeError(f"no form field for {type(kind).__name__} ({spec.name})")


def _body_widget(taxonomy_type) -> dict:
    return {
        "label": "Text",
        "name": "body",
        "widget": "markdown",
        # Markdown first: the rich-text mode rewrites some of the library's Markdown (admonitions,
        # attribute lists, reflective questions), so it is a choice, not the default.
        "modes": ["raw", "rich_text"],
        "sanitize_preview": True,
        "hint": "The resource's text in Markdown: ## for a section heading, - for a bullet point.",
        "default": "\n\n".join(block.rstrip("\n") for block in taxonomy_type.skeleton),
    }


def resource_collection(rtype, taxonomy: Taxonomy, resources: list[tuple[str, str]]) -> dict:
    """One collection for one resource type: its folder, and every field but `type`, which the folder gives."""
    fields = [w for spec in FIELDS if (w := resource_field_widget(spec, taxonomy, resources)) is not None]
    return {
        "name": rtype.id,
        "label": rtype.plural,
        "label_singular": rtype.label,
        "description": " ".join(rtype.description.split()),
        "folder": f"content/{rtype.folder}",
        "create": True,
        # Deleting is left to a maintainer's pull request: Decap deletes straight on the branch, with no
        # pull request to review.
        "delete": False,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["title", "published"],
        "preview_path": f"{rtype.folder}/{{{{slug}}}}/",
        "media_folder": "images",
        "public_folder": "images",
        "fields": [*fields, _body_widget(rtype)],
    }


# -- data files ----------------------------------------------------------------------------------


def _key_widget(key: Key, label: str | None = None, **special) -> dict:
    """A form field for one key of a data file's record, from its declaration (macros/content/records.py)."""
    label = label or key.name.capitalize()
    hint = key.hint[:1].upper() + key.hint[1:] if key.hint else ""
    if special:
        return {"label": label, "name": key.name, **special, **_required(key.required), "hint": hint}
    if key.kind == "id":
        return {"label": label, "name": key.name, "widget": "string", **_required(key.required), "hint": hint,
                "pattern": [ID_RE.pattern, f"{key.name} is not a valid id ({ID_HINT})"]}  # fmt: skip
    if key.kind == "url":
        widget = _text_widget(key.name, label, key.required, hint, key.max_length)
        widget["pattern"] = [_within(URL_RE.pattern, key.max_length), "it is not a web address starting https://"]
        return widget
    if key.kind == "text":
        widget = _text_widget(key.name, label, key.required, hint, key.max_length)
        if key.name == "isbn":
            widget["pattern"] = [
                _within(ISBN_PATTERN, key.max_length),
                "ISBN is not valid (check the digits: the last one is a check digit)",
            ]
        return widget
    if key.kind == "texts":
        item = _text_widget(key.name, label, True, "", key.max_length)
        singular = label[:-1] if label.endswith("s") else label
        return {"label": label, "name": key.name, "widget": "list", **_required(key.required), "min": 1,
                "hint": hint, "field": {**item, "name": "item", "label": singular}}  # fmt: skip
    if key.kind == "int":
        widget = {"label": label, "name": key.name, "widget": "number", "value_type": "int", **_required(key.required),
                  "hint": hint}  # fmt: skip
        if key.name == "year":
            widget.update(min=FIRST_YEAR, max=LAST_YEAR)
        return widget
    if key.kind == "date":
        return _date_widget(key.name, label, key.required, hint)
    if key.kind == "bool":
        return {"label": label, "name": key.name, "widget": "boolean", "required": False, "hint": hint}
    raise TypeError(f"no form field for a {key.kind} key ({key.name})")


def _list_of(name: str, label: str, singular: str, summary: str, fields: list[dict]) -> dict:
    return {
        "label": label,
        "name": name,
        "label_singular": singular,
        "widget": "list",
        "collapsed": True,
        "summary": summary,
        "fields": fields,
    }


def _audience_select(taxonomy: Taxonomy, key: str, required: bool, hint: str) -> dict:
    return _select(key, "Audience", required, hint, [(a.id, a.label) for a in taxonomy.audiences])


def data_collection(taxonomy: Taxonomy, resources: list[tuple[str, str]]) -> dict:
    """The sources, the packs and the pathways: one file each, a list of records."""
    pack_fields = []
    for key in PACK_KEYS:
        if key.name == "audience":
            pack_fields.append(_audience_select(taxonomy, key.name, key.required, key.hint[:1].upper() + key.hint[1:]))
        elif key.name == "resources":
            pack_fields.append(
                _key_widget(
                    key,
                    "Resources",
                    widget="select",
                    multiple=True,
                    min=1,
                    max=MAX_RESOURCES,
                    options=[{"label": shown, "value": slug} for slug, shown in resources],
                )  # fmt: skip
            )
        else:
            pack_fields.append(_key_widget(key))
    pathway_widgets = {
        "id": {"widget": "string", "pattern": [ID_RE.pattern, f"pathway id is not a valid id ({ID_HINT})"]},
        "title": {"widget": "string"},
        "description": {"widget": "text"},
    }
    pathway_fields = []
    for name in PATHWAY_KEYS:
        hint = KEY_HINTS[name][:1].upper() + KEY_HINTS[name][1:]
        if name == "audience":
            pathway_fields.append(_audience_select(taxonomy, name, True, hint))
        elif name == "steps":
            step_fields = {
                "resource": _select("resource", "Resource", True, "The resource, by its title", resources),
                "note": {
                    "label": "Note",
                    "name": "note",
                    "widget": "text",
                    "required": False,
                    "hint": "Why this resource comes here in the pathway",
                },  # fmt: skip
            }
            pathway_fields.append(
                {
                    **_list_of("steps", "Steps", "Step", "{{fields.resource}}", [step_fields[k] for k in STEP_KEYS]),
                    "min": 1,
                    "collapsed": False,
                    "hint": hint,
                }  # fmt: skip
            )
        else:
            pathway_fields.append({"label": name.capitalize(), "name": name, **pathway_widgets[name],
                                   "required": True, "hint": hint})  # fmt: skip
    return {
        "name": DATA_COLLECTION,
        "label": "Sources, packs and pathways",
        "label_singular": "List",
        "description": "The publications resources draw on, the printable packs and the learning pathways.",
        "editor": {"preview": False},
        "files": [
            {
                "name": "sources",
                "label": "Sources: the publications resources draw on",
                "file": f"content/{SOURCES_FILE}",
                "fields": [
                    _list_of(
                        "sources",
                        "Sources",
                        "Source",
                        "{{fields.id}}: {{fields.title}}",
                        [_key_widget(k) for k in SOURCE_KEYS],
                    )  # fmt: skip
                ],
            },
            {
                "name": "packs",
                "label": "Printable packs",
                "file": f"content/{PACKS_FILE}",
                "fields": [_list_of("packs", "Packs", "Pack", "{{fields.title}}", pack_fields)],
            },
            {
                "name": "pathways",
                "label": "Learning pathways",
                "file": f"content/{PATHWAYS_FILE}",
                "fields": [_list_of("pathways", "Pathways", "Pathway", "{{fields.title}}", pathway_fields)],
            },
        ],
    }


# -- the configuration ---------------------------------------------------------------------------


def cms_config(taxonomy: Taxonomy, resources: Iterable[tuple[str, str]] = ()) -> dict[str, Any]:
    """The editor's configuration from the model and the taxonomy; `resources` are (slug, label) to offer."""
    resources = list(resources)
    first = taxonomy.types[0].folder if taxonomy.types else "images"
    return {
        "publish_mode": "editorial_workflow",
        # Images live beside the resources that use them (each collection says so); this is where the
        # editor's media library looks when no resource is open.
        "media_folder": f"content/{first}/images",
        "public_folder": "images",
        "locale": "en",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            *(resource_collection(t, taxonomy, resources) for t in taxonomy.types),
            data_collection(taxonomy, resources),
        ],
    }


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def config_yaml(config: dict[str, Any]) -> str:
    """The configuration as YAML, keys in the order given, two-space indents."""
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def config_text(taxonomy: Taxonomy) -> str:
    """CONFIG_FILE as `make generated` writes it: the model's part, without anything a build adds."""
    return HEADER + config_yaml(cms_config(taxonomy))


# -- what a build adds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EditorSite:
    """What one build knows about the editor: where it saves, the site's address, what it may name."""

    repo: str
    branch: str
    base_url: str = ""
    auth_endpoint: str = ""
    local_backend: str = ""  # the local proxy's API address (`make edit`), never set for a published site
    site_url: str = ""


def local_backend_origin(url: str) -> str:
    """The origin of the local proxy's address; EditorSetupError unless it is on this machine."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in ("127.0.0.1", "localhost") or not parts.port:
        raise EditorSetupError(
            f"editor local_backend '{url}' must be the local proxy's address on this machine, "
            "such as http://127.0.0.1:8081/api/v1"
        )
    return f"{parts.scheme}://{parts.hostname}:{parts.port}"


def _https_origin(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise EditorSetupError(f"editor {what} '{url}' must be a web address starting https://")
    return f"https://{parts.netloc}"


def site_config(taxonomy: Taxonomy, site: EditorSite, resources: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """The configuration one build publishes: the model's, with the back end, the address and the resources."""
    # No repository, no placeholder: the editor then saves only through a local proxy (`make edit`), and a
    # build for publishing refuses to start (macros/plugin.py).
    backend: dict[str, Any] = {"name": "github"}
    if site.repo:
        if not REPO_RE.fullmatch(site.repo):
            raise EditorSetupError(f"editor repo '{site.repo}' must be a GitHub repository written owner/name")
        backend["repo"] = site.repo
    backend["branch"] = site.branch
    if site.base_url:
        _https_origin(site.base_url, "base_url")
        backend["base_url"] = site.base_url.rstrip("/")
    if site.auth_endpoint:
        backend["auth_endpoint"] = site.auth_endpoint
    backend["squash_merges"] = True
    config: dict[str, Any] = {"backend": backend}
    if site.local_backend:
        local_backend_origin(site.local_backend)
        config["local_backend"] = {"url": site.local_backend}
    if site.site_url:
        config["site_url"] = site.site_url
        config["display_url"] = site.site_url
    return {**config, **cms_config(taxonomy, resources)}


# The editor's own policy (SECURITY.md gives each allowance its reason, found by running the editor in
# Chromium with each one taken away): Decap compiles its configuration's schema with `new Function`
# (ajv) and stops without 'unsafe-eval'; it writes its styles into <style> elements and style
# attributes (emotion); it reads files it has fetched through blob: addresses and shows images as
# blob: and data: addresses; it talks to GitHub's API (or, in a `make edit` build only, to the local
# proxy), and shows the signed-in editor's GitHub picture.


def admin_policy(site: EditorSite) -> str:
    """The editor page's Content-Security-Policy: GitHub's API, or the local proxy in a `make edit` build."""
    connect = [GITHUB_API]
    if site.local_backend:
        connect.append(local_backend_origin(site.local_backend))
    # What the site's policy lacks that Decap needs (SECURITY.md says why for each); everything else is the site's.
    widened = {
        "script-src": "'unsafe-eval'",
        "style-src": "'unsafe-inline'",
        "img-src": f"blob: {GITHUB_AVATARS}",
        "connect-src": "blob: " + " ".join(connect),
    }
    return policy_text(widened=widened)


def decap_dist(project_dir: Path) -> Path:
    """Decap's built files: in the project's node_modules, or else in those beside the library's code.

    EditorSetupError, saying what to run, when neither has them.
    """
    for root in (Path(project_dir), CODE_ROOT):
        dist = root / DECAP_DIST
        if (dist / "decap-cms.js").is_file():
            return dist
    raise EditorSetupError(
        f"{DECAP_DIST.as_posix()}/decap-cms.js is missing: run `npm ci` (make site does) to install "
        "the browser editor from package-lock.json"
    )


def _stylesheets(site_dir: Path) -> list[str]:
    """The site's own stylesheets, relative to /admin/, for the preview pane."""
    theme = sorted((site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    own = site_dir / "assets" / "css" / "library.css"
    return [f"../{p.relative_to(site_dir).as_posix()}" for p in [*theme[:1], own] if p.is_file()]


def write_admin(
    site_dir: Path,
    project_dir: Path,
    taxonomy: Taxonomy,
    site: EditorSite,
    resources: Iterable[tuple[str, str]],
    *,
    site_name: str,
    reading_speed: int,
) -> Path:
    """Publish the editor at site_dir/admin/: Decap's files, ours, the configuration and the page."""
    dist = decap_dist(project_dir)
    target = Path(site_dir) / ADMIN_DIR
    target.mkdir(parents=True, exist_ok=True)
    for pattern in DECAP_FILES:
        for path in sorted(dist.glob(pattern)):
            shutil.copyfile(path, target / path.name)
    for name in OWN_FILES:
        shutil.copyfile(CMS_DIR / name, target / name)
    config = site_config(taxonomy, site, resources)
    (target / "config.yml").write_text(config_yaml(config), encoding="utf-8")
    env = Environment(loader=FileSystemLoader(CMS_DIR), autoescape=select_autoescape(["html"]))
    page = env.get_template("index.html").render(
        policy=admin_policy(site),
        site_name=site_name,
        stylesheets=" ".join(_stylesheets(Path(site_dir))),
        reading_speed=reading_speed,
        collections=" ".join(t.id for t in taxonomy.types),
    )
    (target / "index.html").write_text(page, encoding="utf-8")
    return target


def resource_choices(catalogue) -> list[tuple[str, str]]:
    """(slug, "Title (type)") of every resource a build publishes, by title, for the forms' lists."""
    return sorted(((r.slug, f"{r.title} ({r.type.label})") for r in catalogue), key=lambda c: c[1].lower())
