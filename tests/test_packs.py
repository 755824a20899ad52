"""content/packs.yml: each mistake is reported as `path:line: message (hint)`, and a good file reads whole."""

from __future__ import annotations

from datetime import date

import pytest

from macros.content.packs import MAX_RESOURCES

GOOD = """\
packs:
  - id: leaders
    title: For leaders
    description: Two resources for leaders.
    audience: senior-leaders
    date: 2024-07-01
    resources:
      - first
      - second
"""


def errors(project) -> list[str]:
    return [str(p) for p in project.validate().problems if p.severity == "error"]


@pytest.fixture
def two(project):
    project.resource("briefings", "first", title="The first")
    project.resource("practice-tools", "second", title="The second")
    return project


def test_a_good_pack_reads_whole_in_order(two):
    two.write("packs.yml", GOOD)
    library = two.validate()
    assert errors(two) == []
    [pack] = [p for p in library.packs if p.folder == "packs"]
    assert (pack.id, pack.title, pack.audience.id, pack.date) == (
        "leaders",
        "For leaders",
        "senior-leaders",
        date(2024, 7, 1),
    )
    assert [r.slug for r in pack.resources] == ["first", "second"]
    assert pack.pdf_url == "pdf/packs/leaders.pdf"


@pytest.mark.parametrize(
    "old,new,line,expect",
    [
        ("      - second\n", "      - secnd\n", 9, "resource 'secnd' does not exist (did you mean 'second'?)"),
        (
            "      - second\n",
            "      - first\n",
            9,
            "resource 'first' is already in this pack (name each resource once)",
        ),
        ("audience: senior-leaders", "audience: senior-leader", 5, "audience 'senior-leader' is not in the taxonomy"),
        ("date: 2024-07-01", "date: 1 July 2024", 6, "'date' is not a valid date: '1 July 2024'"),
        ("date: 2024-07-01", "date: 2199-07-01", 6, "the pack is dated in the future: 2199-07-01"),
        ("    title: For leaders\n", "", 2, "pack is missing 'title'"),
        ("    title: For leaders\n", "    title: For leaders\n    colour: blue\n", 4, "unknown key 'colour' in a pack"),
        (
            "    resources:\n      - first\n      - second\n",
            "    resources: []\n",
            7,
            "a pack needs at least one resource",
        ),
    ],
)
def test_each_mistake_is_reported_on_its_line(two, old, new, line, expect):
    assert old in GOOD
    two.write("packs.yml", GOOD.replace(old, new))
    found = errors(two)
    assert len(found) == 1, found
    assert found[0].startswith(f"content/packs.yml:{line}: {expect}"), found


def test_two_packs_with_one_id(two):
    two.write("packs.yml", GOOD + GOOD.removeprefix("packs:\n"))
    assert errors(two) == [
        "content/packs.yml:10: pack id 'leaders' is used twice (it is first used on line 2; give each pack its own id)"
    ]


def test_a_draft_cannot_be_in_a_pack(two):
    two.resource("practice-tools", "second", title="The second", draft=True)
    two.write("packs.yml", GOOD)
    assert errors(two) == [
        "content/packs.yml:9: resource 'second' is a draft, which is not published "
        "(leave it out of the pack until it is published)"
    ]


def test_a_pack_holds_at_most_a_sitting_of_reading(project):
    slugs = [f"resource-{n:02d}" for n in range(MAX_RESOURCES + 1)]
    for slug in slugs:
        project.resource("briefings", slug)
    project.write("packs.yml", GOOD.split("    resources:")[0] + "    resources: [" + ", ".join(slugs) + "]\n")
    assert errors(project) == [
        f"content/packs.yml:7: the pack has {MAX_RESOURCES + 1} resources, more than {MAX_RESOURCES} "
        "(a pack is printed and read in one sitting: split it into smaller packs)"
    ]


def test_the_file_must_hold_a_list_of_packs(two):
    two.write("packs.yml", "pack:\n  - id: x\n")
    assert errors(two) == [
        "content/packs.yml:1: expected a list called 'packs' "
        "(start the file with 'packs:' and give each pack on a line starting with '- id:')"
    ]
