"""The files made from the content model: the front matter JSON Schema, the browser editor's configuration
and CONTRIBUTING.md's field list."""

from __future__ import annotations

from pathlib import Path

from macros.authoring.cms import CODE_ROOT, CONFIG_FILE, config_text
from macros.authoring.field_docs import (
    FIELDS_END,
    FIELDS_START,
    SOURCES_END,
    SOURCES_START,
    fields_markdown,
    replace_between,
    sources_markdown,
)
from macros.authoring.scaffold import real_examples
from macros.authoring.schema import SCHEMA_FILE, schema_text
from macros.content.taxonomy import TAXONOMY_FILE, load_taxonomy


def expected_files(root: Path) -> dict[Path, str]:
    """Each generated file and the text it should hold."""
    root = Path(root)
    taxonomy = load_taxonomy(root / "content" / TAXONOMY_FILE)
    contributing = root / "CONTRIBUTING.md"
    return {
        root / "content" / SCHEMA_FILE: schema_text(taxonomy),
        root / CONFIG_FILE.relative_to(CODE_ROOT): config_text(taxonomy),
        contributing: replace_between(
            replace_between(
                contributing.read_text(encoding="utf-8"),
                FIELDS_START,
                FIELDS_END,
                fields_markdown(taxonomy, real_examples(root / "content", taxonomy)),
            ),
            SOURCES_START,
            SOURCES_END,
            sources_markdown(),
        ),
    }
