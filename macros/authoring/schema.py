"""A JSON Schema for a resource's front matter, made from the field definitions and the taxonomy.

Editors' tools can use it to suggest field names and valid ids as they type; the loader stays
the authority (it also checks what a schema cannot, such as ISBN check digits and related files).
"""

from __future__ import annotations

import json
from typing import Any

from macros.content.fields import FIELDS, Field
from macros.content.taxonomy import Taxonomy

SCHEMA_FILE = "resource.schema.json"


def _field_schema(spec: Field, taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "title": spec.name,
        "description": spec.description,
        **spec.kind.schema(spec, taxonomy),
        "examples": [spec.example],
    }


def front_matter_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The schema: every field, with the taxonomy's ids as the allowed values."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Resource front matter",
        "description": "The fields at the top of each resource, between the two --- lines. "
        "Generated from macros/content/fields.py and content/taxonomy.yml: do not edit by hand.",
        "type": "object",
        "required": [spec.name for spec in FIELDS if spec.required],
        "additionalProperties": False,
        "properties": {spec.name: _field_schema(spec, taxonomy) for spec in FIELDS},
    }


def schema_text(taxonomy: Taxonomy) -> str:
    """The schema as the committed file holds it: stable key order, two-space indent, final newline."""
    return json.dumps(front_matter_schema(taxonomy), indent=2, ensure_ascii=False) + "\n"
