"""Files made from the content model stay up to date: the front matter schema and CONTRIBUTING.md's fields."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, own_library, run_library
from macros.authoring.field_docs import FIELDS_END, FIELDS_START
from macros.authoring.schema import SCHEMA_FILE, front_matter_schema, schema_text
from macros.content.fields import FIELDS
from macros.content.frontmatter import parse_front_matter
from macros.content.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy(ROOT / "content" / "taxonomy.yml")
CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def validator() -> Draft202012Validator:
    schema = front_matter_schema(TAXONOMY)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_committed_schema_is_the_generated_one():
    assert (ROOT / "content" / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(TAXONOMY), "run `make generated`"


def test_generated_files_are_up_to_date():
    run = run_library("generated", "--check", cwd=ROOT)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("path", [ROOT / "content" / r.src_uri for r in own_library().catalogue], ids=lambda p: p.name)
def test_every_resource_front_matter_matches_the_schema(path):
    data = parse_front_matter(path.read_text(encoding="utf-8")).data
    assert [e.message for e in validator().iter_errors(data)] == []


@pytest.mark.parametrize(
    "change,expect",
    [
        ({"audiance": ["senior-leaders"]}, "Additional properties are not allowed"),
        ({"audience": ["senior-leader"]}, "is not valid under any of the given schemas"),
        ({"pqs": ["cf-9"]}, "is not valid under any of the given schemas"),
        ({"published": "15/01/2024"}, "does not match"),
        ({"authors": [{"name": "A B", "job": "x"}]}, "Additional properties are not allowed"),
        ({"render_macros": True}, "Additional properties are not allowed"),
    ],
)
def test_schema_refuses_what_the_loader_refuses(change, expect):
    data = {
        "title": "T",
        "summary": "S.",
        "audience": ["senior-leaders"],
        "pqs": ["cf-1"],
        "authors": [{"name": "A B", "role": "R"}],
        "published": "2024-01-15",
        **change,
    }
    messages = [e.message for e in validator().iter_errors(data)]
    assert any(expect in m for m in messages), messages


def test_schema_lists_every_field_and_the_taxonomys_ids():
    schema = front_matter_schema(TAXONOMY)
    assert list(schema["properties"]) == [f.name for f in FIELDS]
    audience_ids = schema["properties"]["audience"]["anyOf"][0]["items"]["enum"]
    assert audience_ids == [a.id for a in TAXONOMY.audiences]
    assert schema["properties"]["pqs"]["anyOf"][0]["items"]["enum"] == [d.id for d in TAXONOMY.domains]


def test_contributing_explains_every_field_and_every_taxonomy_id():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text.split(FIELDS_START)[1].split(FIELDS_END)[0]
    for spec in FIELDS:
        assert f"#### `{spec.name}`" in section
    for item in [*TAXONOMY.audiences, *TAXONOMY.domains, *TAXONOMY.pcf, *TAXONOMY.types]:
        assert f"`{item.id}`" in section, item.id


def test_contributing_has_the_five_steps_preview_checks_and_style():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert "## Add or change a resource in five steps" in text
    steps = text.split("## Add or change a resource in five steps")[1].split("\n## ")[0]
    numbers = [n for n in range(1, 10) if f"\n{n}. " in steps]
    assert numbers == [1, 2, 3, 4, 5]
    assert "make preview" in text and "make check" in text and "make new" in text
    assert "British English" in text and "Plain language" in text and "Harvard" in text
    assert "resource.schema.json" in text and "yaml.schemas" in text


@pytest.mark.parametrize(
    "message",
    [
        "goes to '#', a placeholder",
        "does not lead to a page",
        "is written as a web address",
        "is not a heading",
        "starts with '/'",
        "which is not allowed",
        "image has no alt text",
        "image file '…' does not exist",
        "is loaded from another website",
        "is a top-level heading",
        "skips a level",
        "bullet written as '- >'",
        "pasted bullet character",
        "text from the template is still",
        "tab character used for indentation",
        "has quotation marks around it",
        "quotation marks around this value",
        "<script> is not allowed",
        "event handler 'onclick=' is not allowed",
    ],
)
def test_contributing_explains_each_checks_message(message):
    assert message in CONTRIBUTING.read_text(encoding="utf-8")
