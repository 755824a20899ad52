"""The front matter fields explained for editors, made from the content model and the taxonomy.

CONTRIBUTING.md holds the result between two marker comments, so it cannot drift from the
fields the loader accepts and the ids the taxonomy holds.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

from macros.content.fields import DATE_PATTERN, FIELDS, Field, ResourceTypeRef
from macros.content.sources import SOURCE_KEYS
from macros.content.taxonomy import Taxonomy
from macros.content.text import lower_first

FIELDS_START = "<!-- fields:start: made by `make generated` from macros/content/fields.py and content/taxonomy.yml -->"
FIELDS_END = "<!-- fields:end -->"
SOURCES_START = "<!-- sources:start: made by `make generated` from macros/content/sources.py -->"
SOURCES_END = "<!-- sources:end -->"


class _IndentedDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _dated(value: Any) -> Any:
    """An example with its YYYY-MM-DD texts as dates, so YAML writes them without quotes, as editors do."""
    if isinstance(value, list):
        return [_dated(v) for v in value]
    if isinstance(value, dict):
        return {k: _dated(v) for k, v in value.items()}
    if isinstance(value, str) and re.fullmatch(DATE_PATTERN, value):
        return date.fromisoformat(value)
    return value


def _example(spec: Field, example: Any) -> str:
    return yaml.dump(
        {spec.name: _dated(example)}, Dumper=_IndentedDumper, sort_keys=False, allow_unicode=True, width=1000
    ).rstrip("\n")


def _plain(description: str) -> str:
    """A field's description without the "(optional)" the table already says."""
    return description.replace(" (optional)", "").replace("(optional; ", "(")


def _values_table(rows: list[tuple[str, str]]) -> list[str]:
    return ["| write | meaning |", "| --- | --- |", *(f"| `{i}` | {label} |" for i, label in rows)]


def fields_markdown(taxonomy: Taxonomy, examples: dict[str, Any] | None = None) -> str:
    """The fields section: a summary table, then each field with an example and its allowed values.

    `examples` replace the fields' own examples: those naming other content come from the library
    itself (macros/authoring/scaffold.py: real_examples), so every example names something real.
    """
    examples = examples or {}
    lines = ["| field | needed? | what it is |", "| --- | --- | --- |"]
    for spec in FIELDS:
        lines.append(f"| `{spec.name}` | {'required' if spec.required else 'optional'} | {_plain(spec.description)} |")
    for spec in FIELDS:
        lines += [
            "",
            f"#### `{spec.name}` ({'required' if spec.required else 'optional'})",
            "",
            _plain(spec.description),
            "",
            "```yaml",
            _example(spec, examples.get(spec.name, spec.example)),
            "```",
        ]
        if isinstance(spec.kind, ResourceTypeRef):
            lines += [
                "",
                "Folders and types:",
                "",
                "| folder | type | what it is |",
                "| --- | --- | --- |",
                *(f"| `content/{t.folder}/` | `{t.id}` | {' '.join(t.description.split())} |" for t in taxonomy.types),
            ]
        elif spec.name == "audience":
            lines += [
                "",
                *_values_table(
                    [
                        (a.id, f"{a.label}: {lower_first(a.description)}" if a.description else a.label)
                        for a in taxonomy.audiences
                    ]
                ),
            ]
        elif spec.name == "pqs":
            for framework in taxonomy.frameworks:
                lines += [
                    "",
                    f"{framework.label} ({framework.title}, {framework.publisher}, {framework.year}):",
                    "",
                    *_values_table([(d.id, d.label) for d in framework.domains]),
                ]
        elif spec.kind.choices(taxonomy):
            lines += ["", *_values_table(spec.kind.choices(taxonomy))]
    return "\n".join(lines)


def replace_between(text: str, start: str, end: str, content: str) -> str:
    """`text` with everything between the two marker lines replaced; ValueError if a marker is missing."""
    head, found_start, rest = text.partition(start)
    middle, found_end, tail = rest.partition(end)
    if not found_start or not found_end:
        raise ValueError(f"the markers {start!r} and {end!r} must both be present, in that order")
    return f"{head}{start}\n{content}\n{end}{tail}"


def sources_markdown() -> str:
    """The keys of an entry in content/sources.yml, from their one definition (macros/content/sources.py)."""
    lines = ["| key | needed? | what it is |", "| --- | --- | --- |"]
    for key in SOURCE_KEYS:
        lines.append(
            f"| `{key.name}` | {'required' if key.required else 'optional'} | {key.hint[:1].upper()}{key.hint[1:]} |"
        )
    return "\n".join(lines)
