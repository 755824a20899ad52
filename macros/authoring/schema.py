"""A JSON Schema for a resource's front matter, made from the content model and the taxonomy.

Editors' tools can use it to suggest field names and valid ids as they type; the loader stays
the authority (it also checks what a schema cannot, such as ISBN check digits and related files).
"""

from __future__ import annotations

import json
from typing import Any

from macros.content.inventory import SLUG_RE
from macros.content.model import FIELDS, FieldSpec
from macros.content.taxonomy import Taxonomy

SCHEMA_FILE = "resource.schema.json"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
TEXT_LIMITS = {"title": 150, "summary": 400}


def _one_or_many(item: dict[str, Any]) -> dict[str, Any]:
    """A list of items, or a single item (the loader accepts both)."""
    return {"anyOf": [{"type": "array", "items": item, "minItems": 1, "uniqueItems": True}, item]}


def _choice(ids_and_labels: list[tuple[str, str]]) -> dict[str, Any]:
    """One of a closed list of ids, each with its label so editors' tools can show it."""
    return {
        "type": "string",
        "enum": [i for i, _ in ids_and_labels],
        "markdownEnumDescriptions": [label for _, label in ids_and_labels],
    }


def _field_schema(spec: FieldSpec, taxonomy: Taxonomy) -> dict[str, Any]:
    if spec.kind == "text":
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if spec.name in TEXT_LIMITS:
            schema["maxLength"] = TEXT_LIMITS[spec.name]
    elif spec.kind == "date":
        schema = {"type": "string", "pattern": DATE_PATTERN, "format": "date"}
    elif spec.kind == "type":
        schema = _choice([(t.id, t.label) for t in taxonomy.types])
    elif spec.kind == "audiences":
        schema = _one_or_many(_choice([(a.id, a.label) for a in taxonomy.audiences]))
    elif spec.kind == "domains":
        schema = _one_or_many(_choice([(d.id, d.short_label) for d in taxonomy.domains]))
    elif spec.kind == "pcf":
        schema = _one_or_many(_choice([(t.id, t.label) for t in taxonomy.pcf]))
    elif spec.kind == "people":
        person = {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "minLength": 1, "description": "Full name"},
                "role": {"type": "string", "description": "Role or organisation"},
            },
        }
        schema = {"type": "array", "items": person, "minItems": 1}
    elif spec.kind == "words":
        schema = _one_or_many({"type": "string", "minLength": 1})
    elif spec.kind == "isbn":
        schema = {"type": ["string", "integer"], "pattern": r"^[0-9Xx\- ]{10,17}$"}
    elif spec.kind == "slugs":
        schema = _one_or_many({"type": "string", "pattern": SLUG_RE.pattern})
    else:
        raise ValueError(f"no schema for field kind '{spec.kind}'")
    return {"title": spec.name, "description": spec.description, **schema, "examples": [spec.example]}


def front_matter_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The schema: every field of the content model, with the taxonomy's ids as the allowed values."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Resource front matter",
        "description": "The fields at the top of each resource, between the two --- lines. "
        "Generated from macros/model.py and content/taxonomy.yml: do not edit by hand.",
        "type": "object",
        "required": [spec.name for spec in FIELDS if spec.required],
        "additionalProperties": False,
        "properties": {spec.name: _field_schema(spec, taxonomy) for spec in FIELDS},
    }


def schema_text(taxonomy: Taxonomy) -> str:
    """The schema as the committed file holds it: stable key order, two-space indent, final newline."""
    return json.dumps(front_matter_schema(taxonomy), indent=2, ensure_ascii=False) + "\n"
