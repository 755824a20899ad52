"""The browser editor's configuration agrees with the content model, and /admin/ is built apart from the site.

The comparison reads the model (FIELDS, the data files' keys, the taxonomy) and the generated
configuration side by side: a field, a choice or a limit missing on either side is a disagreement.
The last tests show the comparison itself catches each kind of disagreement.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import yaml

from conftest import ROOT
from macros.authoring.cms import (
    ADMIN_DIR,
    CONFIG_FILE,
    DATA_COLLECTION,
    EditorSetupError,
    EditorSite,
    cms_config,
    config_text,
    site_config,
)
from macros.content.fields import (
    FIELDS,
    FIRST_YEAR,
    LAST_YEAR,
    Date,
    Records,
    ResourceTypeRef,
    Text,
    Vocabulary,
    Words,
)
from macros.content.packs import MAX_RESOURCES, PACK_KEYS
from macros.content.pathways import PATHWAY_KEYS, STEP_KEYS
from macros.content.sources import SOURCE_KEYS
from macros.content.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy(ROOT / "content" / "taxonomy.yml")
RESOURCES = [("first-guide", "First guide (One-minute guide)"), ("a-tool", "A tool (Practice tool)")]


def _allows(widget: dict, text: str) -> bool:
    pattern = widget.get("pattern")
    return pattern is None or re.search(pattern[0], text) is not None


def _max_length(widget: dict) -> int | None:
    """The longest text a widget's pattern allows (None: no limit)."""
    if "pattern" not in widget:
        return None
    found = re.search(r"\{0,(\d+)\}", widget["pattern"][0])
    return int(found.group(1)) if found else None


def _options(widget: dict) -> list[tuple[str, str]]:
    return [(o["value"], o["label"]) for o in widget.get("options", [])]


def disagreements(config: dict[str, Any], taxonomy) -> list[str]:
    """Every way the configuration and the model differ, as readable lines (empty: they agree)."""
    found: list[str] = []
    collections = {c["name"]: c for c in config["collections"]}
    for rtype in taxonomy.types:
        collection = collections.get(rtype.id)
        if collection is None:
            found.append(f"no collection for type {rtype.id}")
            continue
        if collection["folder"] != f"content/{rtype.folder}":
            found.append(f"{rtype.id}: folder {collection['folder']}")
        widgets = {w["name"]: w for w in collection["fields"]}
        model = [f.name for f in FIELDS if not isinstance(f.kind, ResourceTypeRef)] + ["body"]
        if list(widgets) != model:
            found.append(f"{rtype.id}: fields {list(widgets)} are not the model's {model}")
        for spec in FIELDS:
            widget = widgets.get(spec.name)
            if widget is None:
                continue
            where = f"{rtype.id}.{spec.name}"
            if widget.get("required", True) != spec.required:
                found.append(f"{where}: required {widget.get('required', True)}, the model says {spec.required}")
            if spec.description.split(" (optional")[0].rstrip(".") not in widget.get("hint", ""):
                found.append(f"{where}: hint is not the field's description")
            kind = spec.kind
            if isinstance(kind, Text) and kind.max_length:
                if _max_length(widget) != kind.max_length:
                    found.append(f"{where}: length {_max_length(widget)}, the model's {kind.max_length}")
                if not _allows(widget, "x" * kind.max_length) or _allows(widget, "x" * (kind.max_length + 1)):
                    found.append(f"{where}: pattern does not stop at {kind.max_length} characters")
            if isinstance(kind, Vocabulary):
                if widget["widget"] != "select" or not widget.get("multiple"):
                    found.append(f"{where}: not a select of several")
                if _options(widget) != kind.choices(taxonomy):
                    found.append(f"{where}: choices {_options(widget)} are not the taxonomy's")
                if spec.required and widget.get("min") != 1:
                    found.append(f"{where}: may be left empty")
            if isinstance(kind, Date):
                if widget["widget"] != "datetime" or widget.get("format") != "YYYY-MM-DD":
                    found.append(f"{where}: not a YYYY-MM-DD date")
            if isinstance(kind, Records):
                subs = {w["name"]: w for w in widget.get("fields", [])}
                if widget["widget"] != "list" or list(subs) != [s.name for s in kind.subfields]:
                    found.append(f"{where}: list fields {list(subs)}")
                for sub in kind.subfields:
                    sub_widget = subs.get(sub.name, {})
                    if sub_widget.get("required", True) != sub.required:
                        found.append(f"{where}.{sub.name}: required {sub_widget.get('required', True)}")
                    if sub.max_length and _max_length(sub_widget) != sub.max_length:
                        found.append(
                            f"{where}.{sub.name}: length {_max_length(sub_widget)}, the model's {sub.max_length}"
                        )
            if isinstance(kind, Words) and _max_length(widget["field"]) != kind.max_length:
                found.append(f"{where}: each item's length is not {kind.max_length}")
    lists = collections.get(DATA_COLLECTION)
    if lists is None:
        return [*found, "no collection for sources, packs and pathways"]
    files = {f["name"]: f["fields"][0] for f in lists["files"]}
    for name, keys in (("sources", SOURCE_KEYS), ("packs", PACK_KEYS)):
        record = {w["name"]: w for w in files[name]["fields"]}
        if list(record) != [k.name for k in keys]:
            found.append(f"{name}: keys {list(record)} are not {[k.name for k in keys]}")
        for key in keys:
            widget = record.get(key.name, {})
            if widget.get("required", True) != key.required:
                found.append(f"{name}.{key.name}: required {widget.get('required', True)}")
            limited = widget.get("field", widget)  # a list of texts limits each item
            if key.max_length and _max_length(limited) != key.max_length:
                found.append(f"{name}.{key.name}: length {_max_length(limited)}, the model's {key.max_length}")
    years = {w["name"]: w for w in files["sources"]["fields"]}.get("year", {})
    if (years.get("min"), years.get("max")) != (FIRST_YEAR, LAST_YEAR):
        found.append("sources.year: not limited to the likely years")
    packs = {w["name"]: w for w in files["packs"]["fields"]}
    if packs.get("resources", {}).get("max") != MAX_RESOURCES:
        found.append(f"packs.resources: not limited to {MAX_RESOURCES}")
    audiences = [(a.id, a.label) for a in taxonomy.audiences]
    if _options(packs.get("audience", {})) != audiences:
        found.append("packs.audience: choices are not the taxonomy's audiences")
    pathway = {w["name"]: w for w in files["pathways"]["fields"]}
    if list(pathway) != list(PATHWAY_KEYS):
        found.append(f"pathways: keys {list(pathway)} are not {list(PATHWAY_KEYS)}")
    steps = [w["name"] for w in pathway.get("steps", {}).get("fields", [])]
    if steps != list(STEP_KEYS):
        found.append(f"pathways.steps: keys {steps} are not {list(STEP_KEYS)}")
    if _options(pathway.get("audience", {})) != audiences:
        found.append("pathways.audience: choices are not the taxonomy's audiences")
    return found


def test_the_generated_configuration_agrees_with_the_model():
    assert disagreements(cms_config(TAXONOMY, RESOURCES), TAXONOMY) == []


def test_the_committed_configuration_is_the_generated_one():
    assert CONFIG_FILE.read_text(encoding="utf-8") == config_text(TAXONOMY), "run `make generated`"
    assert disagreements(yaml.safe_load(CONFIG_FILE.read_text(encoding="utf-8")), TAXONOMY) == []


def test_pqs_domains_are_offered_by_their_full_name_and_stored_by_id():
    config = cms_config(TAXONOMY)
    guide = next(c for c in config["collections"] if c["name"] == "one-minute-guide")
    pqs = next(w for w in guide["fields"] if w["name"] == "pqs")
    assert {"value": "cf-7", "label": "Child and family 7: Emotionally intelligent practice supervision"} in pqs[
        "options"
    ]
    assert guide["folder"] == "content/one-minute-guides"


def _widget(config: dict, collection: str, name: str) -> dict:
    found = next(c for c in config["collections"] if c["name"] == collection)
    return next(w for w in found["fields"] if w["name"] == name)


@pytest.mark.parametrize(
    "break_it,expect",
    [
        (lambda c: c["collections"][0]["fields"].pop(1), "fields"),
        (lambda c: _widget(c, "briefing", "pqs")["options"].pop(), "choices"),
        (lambda c: _widget(c, "practice-tool", "audience")["options"].append({"value": "x", "label": "X"}), "choices"),
        (lambda c: _widget(c, "briefing", "title").pop("pattern"), "length"),
        (lambda c: _widget(c, "briefing", "summary").update(required=False), "required"),
        (lambda c: c["collections"].pop(1), "no collection"),
        (lambda c: c["collections"][-1]["files"][0]["fields"][0]["fields"].pop(), "sources: keys"),
    ],
    ids=["field", "choice-missing", "choice-extra", "limit", "required", "type", "source-key"],
)
def test_the_comparison_finds_each_kind_of_disagreement(break_it, expect):
    config = copy.deepcopy(cms_config(TAXONOMY, RESOURCES))
    break_it(config)
    assert any(expect in line for line in disagreements(config, TAXONOMY))


def test_a_published_build_saves_through_github_and_a_local_one_through_the_proxy():
    published = site_config(TAXONOMY, EditorSite(repo="owner/library", branch="main"), RESOURCES)
    assert published["backend"]["name"] == "github" and published["backend"]["repo"] == "owner/library"
    assert published["publish_mode"] == "editorial_workflow" and "local_backend" not in published
    local = site_config(TAXONOMY, EditorSite("o/r", "main", local_backend="http://127.0.0.1:8081/api/v1"), RESOURCES)
    assert local["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    with pytest.raises(EditorSetupError):
        site_config(TAXONOMY, EditorSite("o/r", "main", local_backend="http://evil.example:8081/api/v1"), RESOURCES)
    with pytest.raises(EditorSetupError):
        site_config(TAXONOMY, EditorSite("o/r", "main", base_url="http://auth.example"), RESOURCES)
    with pytest.raises(EditorSetupError):
        site_config(TAXONOMY, EditorSite("o/r\nlocal_backend: true", "main"), RESOURCES)
    assert "repo" not in site_config(TAXONOMY, EditorSite("", "main"), RESOURCES)["backend"]


def test_a_build_for_publishing_needs_the_repository(project, monkeypatch):
    project.resource("one-minute-guides", "first-guide")
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    monkeypatch.setenv("LIBRARY_PUBLISH", "true")
    result = project.build()
    assert result.code != 0 and "no repository to save to" in result.output
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/library")
    result = project.build()
    assert result.code == 0, result.output
    assert "repo: example/library" in (result.site / ADMIN_DIR / "config.yml").read_text(encoding="utf-8")


def test_admin_is_built_apart_from_the_site(project):
    project.resource("one-minute-guides", "first-guide")
    result = project.build()
    assert result.code == 0, result.output
    admin = result.site / ADMIN_DIR
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "script-src 'self' 'unsafe-eval'" in page and "https://api.github.com" in page
    assert (admin / "decap-cms.js").is_file() and (admin / "config.yml").is_file()
    assert "local_backend" not in (admin / "config.yml").read_text(encoding="utf-8")
    # Not a page of the site: not in the sitemap, the finder (the one search) or the navigation.
    assert "/admin/" not in (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert not (result.site / "search").exists()  # no theme search: the finder is the site's one search
    for finder in result.site.glob("assets/finder/*.json"):
        assert "admin/" not in finder.read_text(encoding="utf-8")
    assert "admin/" not in result.html("")
    # Scripts come from the site itself: no page of the editor names another host to load them from.
    assert not re.search(r'<script[^>]+src="(?!decap-cms\.js|editor\.js)', page)
