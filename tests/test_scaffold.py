"""`make new`: the new file has complete front matter and its type's sections, passes the checks and builds."""

from __future__ import annotations

import builtins
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, run_library
from macros.authoring.new_resource import run as run_new
from macros.authoring.scaffold import ScaffoldError, check_answers, real_examples, resource_text, write_resource
from macros.checks.pasted import PLACEHOLDER
from macros.content.fields import FIELDS
from macros.content.frontmatter import parse_front_matter
from macros.content.inventory import slugify
from macros.content.taxonomy import load_taxonomy


def run_script(project, *args: str) -> subprocess.CompletedProcess:
    return run_library("new", *args, cwd=project.root, stdin=subprocess.DEVNULL)


def taxonomy_of(project):
    return load_taxonomy(project.content / "taxonomy.yml")


@pytest.mark.parametrize(
    "title,slug",
    [
        # Cut at a whole word to stay within 60 characters.
        (
            "Supporting the move from social worker to practice supervisor",
            "supporting-the-move-from-social-worker-to-practice",
        ),
        ("What’s new in the PQS? A one-minute guide", "whats-new-in-the-pqs-a-one-minute-guide"),
        ("Café culture: élan & équipe", "cafe-culture-elan-equipe"),
        ("A very long title " * 8, "a-very-long-title-a-very-long-title-a-very-long-title-a-very"),
    ],
)
def test_slug_from_title(title, slug):
    assert slugify(title) == slug
    assert len(slugify(title)) <= 60


@pytest.mark.parametrize(
    "type_id,folder,headings",
    [
        ("briefing", "briefings", ["## Key messages", "## 1. ", "## 2. ", "## Reflective questions", "## References"]),
        ("one-minute-guide", "one-minute-guides", ["## Why it matters", "## Questions to ask", "## References"]),
        (
            "practice-tool",
            "practice-tools",
            ["## How to use this tool", "## Reflective questions", "## Space to reflect", "## References"],
        ),
    ],
)
def test_new_resource_passes_the_checks_and_builds(project, type_id, folder, headings):
    run = run_script(
        project,
        "--type",
        type_id,
        "--title",
        "Leading through change",
        "--audience",
        "senior-leaders",
        "--audience",
        "middle-leaders",
        "--pqs",
        "cf-3",
        "--pqs",
        "asc-2",
        "--author",
        "Sam Example",
        "--role",
        "Practice lead",
    )
    assert run.returncode == 0, run.stderr
    path = project.content / folder / "leading-through-change.md"
    assert f"Wrote content/{folder}/leading-through-change.md" in run.stdout
    text = path.read_text(encoding="utf-8")
    front = parse_front_matter(text)
    required = {spec.name for spec in FIELDS if spec.required}
    assert required <= set(front.data)
    assert front.data["audience"] == ["senior-leaders", "middle-leaders"]
    assert front.data["pqs"] == ["cf-3", "asc-2"]
    assert front.data["authors"] == [{"name": "Sam Example", "role": "Practice lead"}]
    assert front.data["published"] == date.today().isoformat()
    assert front.data["review_due"] > front.data["published"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert front.data["draft"] is True
    # A draft passes `make check`, with one warning while the template's instructions remain, and
    # the site is built without it.
    problems = project.validate().problems
    assert [p for p in problems if p.severity == "error"] == []
    assert [p.message.split(" on ")[0] for p in problems] == ["text from the template is still"]
    result = project.build()
    assert result.code == 0, result.output
    assert not (result.site / folder / "leading-through-change").exists()
    # Written, and taken out of draft, it is published.
    finished = re.sub(r"Replace this[^\n]*", "Our own words.", text).replace("draft: true\n", "")
    finished = finished.replace("summary: Our own words.", "summary: What leaders can do.")
    path.write_text(finished, encoding="utf-8")
    result = project.build()
    assert result.code == 0, result.output
    assert "Leading through change" in result.html(f"{folder}/leading-through-change/")


def test_check_script_exits_zero_on_a_new_resource(project):
    assert (
        run_script(
            project,
            "--type",
            "briefing",
            "--title",
            "New one",
            "--audience",
            "practitioners",
            "--pqs",
            "cf-1",
            "--author",
            "A Person",
        ).returncode
        == 0
    )
    run = run_library("check", cwd=project.root)
    assert run.returncode == 0, run.stderr
    assert "Content OK: 1 resource checked (1 draft not published), 1 warning." in run.stderr


def test_optional_fields_are_offered_as_comments_that_all_work_when_uncommented(project):
    project.resource("practice-tools", "an-existing-tool")
    project.write(
        "sources.yml",
        "sources:\n  - id: someone-2020\n    title: A report\n    authors: [Ann Someone]\n"
        "    year: 2020\n    publisher: A Press\n",
    )
    answers = check_answers(
        taxonomy_of(project),
        project.content,
        type_name="briefing",
        title="Commented",
        audiences=["practitioners"],
        pqs=["cf-1"],
        author="A Person",
    )
    examples = real_examples(project.content, taxonomy_of(project))
    path = write_resource(project.content, answers, today=date(2024, 2, 29), examples=examples)
    text = path.read_text(encoding="utf-8")
    assert "published: 2024-02-29\nreview_due: 2027-02-28\n" in text
    # The examples that name other content name what this library holds.
    assert "# related:\n#   - an-existing-tool\n" in text and "# source:\n#   - someone-2020\n" in text
    offered = {spec.name for spec in FIELDS if not spec.required} - {"type", "review_due", "draft"}
    assert {name for name in offered if f"# {name}:" in text} == offered
    # Every optional field uncommented at once, and the draft finished: the resource is still valid.
    head, _, rest = text.partition("# Optional:")
    comment_line, _, rest = rest.partition("\n")
    block, _, body = rest.partition("---\n")
    uncommented = head.replace("draft: true\n", "") + "\n".join(line[2:] for line in block.splitlines()) + "\n---\n"
    path.write_text(re.sub(r"Replace this[^\n]*", "Words.", uncommented + body), encoding="utf-8")
    problems = project.validate().problems
    assert [str(p) for p in problems if p.severity == "error"] == []
    resource = project.validate().catalogue.get("commented")
    assert [t.id for t in resource.pcf] == ["professional-leadership"]
    assert [s.id for s in resource.sources] == ["someone-2020"] and resource.related == ("an-existing-tool",)
    assert resource.updated == date(2024, 2, 29) and not resource.draft


def test_refuses_to_overwrite_or_reuse_a_file_name(project):
    existing = project.resource("practice-tools", "leading-through-change")
    before = existing.read_text(encoding="utf-8")
    run = run_script(
        project,
        "--type",
        "briefing",
        "--title",
        "Leading through change",
        "--audience",
        "practitioners",
        "--pqs",
        "cf-1",
        "--author",
        "A Person",
    )
    assert run.returncode == 1
    assert "a resource called 'leading-through-change' already exists at" in run.stderr
    assert existing.read_text(encoding="utf-8") == before
    assert not (project.content / "briefings" / "leading-through-change.md").exists()
    run = run_script(
        project,
        "--type",
        "briefing",
        "--title",
        "Leading through change",
        "--slug",
        "leading-change",
        "--audience",
        "practitioners",
        "--pqs",
        "cf-1",
        "--author",
        "A Person",
    )
    assert run.returncode == 0, run.stderr
    assert (project.content / "briefings" / "leading-change.md").exists()


def test_write_never_replaces_a_file(project):
    answers = check_answers(
        taxonomy_of(project),
        project.content,
        type_name="briefing",
        title="Race",
        audiences=["practitioners"],
        pqs=["cf-1"],
        author="A Person",
    )
    project.write("briefings/race.md", "someone else's file")
    with pytest.raises(ScaffoldError, match="already exists"):
        write_resource(project.content, answers)
    assert (project.content / "briefings" / "race.md").read_text() == "someone else's file"


def test_refuses_wrong_answers_each_with_a_hint_and_all_in_one_run(project):
    run = run_script(
        project,
        "--type",
        "brief",
        "--title",
        "2",
        "--audience",
        "senior-leader, 2",
        "--pqs",
        "17",
        "--pqs",
        "asc-9",
        "--author",
        "Practice educator, Anytown Council",
        "--slug",
        "Not A Slug",
    )
    assert run.returncode == 1
    messages = [line.removeprefix("new resource: ") for line in run.stderr.splitlines()]
    assert "type 'brief' is not in the list: did you mean 'briefing'?" in messages
    assert "'2' is not a title: a title has words (was this the answer to another question?)" in messages
    wrong_audience = "audience 'senior-leader' is not in the list: did you mean 'senior-leaders'"
    assert any(m.startswith(wrong_audience) for m in messages)
    assert "PQS domain '17' is not in the list: the numbers go from 1 to 16" in messages
    assert any(m.startswith("PQS domain 'asc-9' is not in the list: did you mean") for m in messages)
    assert (
        "'Practice educator, Anytown Council' looks like a role or an organisation, not a name: give the person's "
        "full name here and their role or organisation as the role" in messages
    )
    assert not any("audience '2'" in m for m in messages)  # the good item is not reported
    assert list(project.content.glob("*/*.md")) == []


def test_numbers_and_ids_are_taken_the_same_way_for_every_list(project):
    taxonomy = taxonomy_of(project)
    by_number = check_answers(
        taxonomy,
        project.content,
        type_name="2",
        title="By number",
        audiences=["1, 3"],
        pqs=["3", "9"],
        author="A Person",
    )
    ids = [t.id for t in taxonomy.types], [a.id for a in taxonomy.audiences], [d.id for d in taxonomy.domains]
    assert by_number.type.id == ids[0][1]
    assert [a.id for a in by_number.audiences] == [ids[1][0], ids[1][2]]
    assert [d.id for d in by_number.pqs] == [ids[2][2], ids[2][8]] == ["cf-3", "asc-1"]
    by_id = check_answers(
        taxonomy,
        project.content,
        type_name=ids[0][1],
        title="By id",
        audiences=[ids[1][0], ids[1][2]],
        pqs=["cf-3, asc-1"],
        author="A Person",
    )
    assert (by_id.type, by_id.audiences, by_id.pqs) == (by_number.type, by_number.audiences, by_number.pqs)


def test_the_editorial_team_is_the_author_when_none_is_given(project):
    project.config_plugin(editorial_team={"name": "The Library editorial team", "role": "Example Press"})
    run = run_script(project, "--type", "3", "--title", "Team work", "--audience", "1", "--pqs", "cf-1")
    assert run.returncode == 0, run.stderr
    front = parse_front_matter((project.content / "practice-tools" / "team-work.md").read_text()).data
    assert front["authors"] == [{"name": "The Library editorial team", "role": "Example Press"}]


def test_without_a_terminal_or_options_it_says_how_to_run_it(project):
    run = run_script(project)
    assert run.returncode == 1
    assert "a type is needed" in run.stderr and "give them all as options" in run.stderr
    assert "Traceback" not in run.stderr


def test_asks_in_the_order_of_the_fields_checks_each_answer_and_keeps_the_good_items(project, monkeypatch, capsys):
    prompts: list[str] = []
    answers = iter(
        [
            "2",  # title: not a title
            "Reflecting together",
            "x" * 401,  # summary: too long
            "A summary for listings.",
            "9",  # type: no such number
            "tool",  # type: nearly an id
            "3",
            "senior-leaderz, 2",  # audiences: one wrong, one kept
            "practitioners",
            "cf-7,9",  # PQS domains by id and by number
            "Practice educator, Anytown Council",  # a role, not a name
            "Sam Example",
            "Practice lead",
            "",  # the suggested file name
        ]
    )

    def answer(prompt=""):
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", answer)
    assert run_new(project.content, {}) == 0
    out = capsys.readouterr().out
    # The questions come in the order CONTRIBUTING.md lists the fields, each with its example.
    firsts = [out.index(f"\n{label}:") for label in ("Title", "Summary", "Type", "Audience", "Pqs", "Authors")]
    assert firsts == sorted(firsts)
    assert "For example: Supporting the move from social worker to practice supervisor" in out
    for said in (
        "'2' is not a title",
        "the summary is 401 characters long",
        "type '9' is not in the list: the numbers go from 1 to 3",
        "type 'tool' is not in the list: give a number from 1 to 3 or an id from the list",
        "audience 'senior-leaderz' is not in the list",
        "looks like a role or an organisation, not a name",
    ):
        assert said in out, said
    assert any(p.startswith("Kept: Middle leaders") for p in prompts)  # the good item was kept
    text = (project.content / "practice-tools" / "reflecting-together.md").read_text(encoding="utf-8")
    front = parse_front_matter(text).data
    assert front["audience"] == ["middle-leaders", "practitioners"]
    assert front["pqs"] == ["cf-7", "asc-1"]
    assert front["summary"] == "A summary for listings."
    assert front["authors"] == [{"name": "Sam Example", "role": "Practice lead"}]


def test_every_placeholder_make_new_writes_is_caught_by_the_check(project):
    """The check finds template text by the words every placeholder starts with: hold the templates to it."""
    taxonomy = taxonomy_of(project)
    for rtype in taxonomy.types:
        new = check_answers(
            taxonomy,
            project.content,
            type_name=rtype.id,
            title=f"All {rtype.id}",
            audiences=["1"],
            pqs=["1"],
            author="A Person",
        )
        text = resource_text(new, date(2024, 1, 1))
        body = text.split("\n---\n", 1)[1]
        prose = [line for line in body.splitlines() if line.strip() and not line.startswith("## References")]
        for line in prose:
            if not line.startswith("## ") or "Replace" in line:
                assert PLACEHOLDER in line, f"{rtype.id}: {line!r} is template text the check would not find"
        assert f"summary: {PLACEHOLDER}" in text


def test_the_taxonomy_gives_each_type_its_sections():
    taxonomy = load_taxonomy(Path(ROOT / "content" / "taxonomy.yml"))
    for rtype in taxonomy.types:
        assert rtype.skeleton, rtype.id
        assert any(block.startswith("## References") for block in rtype.skeleton), rtype.id
