"""`make new`: the new file has complete front matter and its type's sections, passes the checks and builds."""

from __future__ import annotations

import builtins
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, run_library
from macros.authoring.new_resource import run as run_new
from macros.authoring.scaffold import ScaffoldError, check_answers, write_resource
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
    # Passes `make check`: no errors, and one warning while the template's instructions remain.
    problems = project.validate().problems
    assert [p for p in problems if p.severity == "error"] == []
    assert [p.message.split(" on ")[0] for p in problems] == ["text from the template is still"]
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
    assert "Content OK: 1 resource checked, 1 warning." in run.stderr


def test_optional_fields_are_offered_as_comments_that_work_when_uncommented(project):
    answers = check_answers(
        taxonomy_of(project),
        project.content,
        type_name="briefing",
        title="Commented",
        audiences=["practitioners"],
        pqs=["cf-1"],
        author="A Person",
    )
    path = write_resource(project.content, answers, today=date(2024, 2, 29))
    text = path.read_text(encoding="utf-8")
    assert "published: 2024-02-29\nreview_due: 2027-02-28\n" in text
    assert "# pcf:\n#   - professional-leadership\n" in text
    assert "# keywords:\n" in text and "# editors:\n" in text
    uncommented = text.replace("# pcf:\n#   - professional-leadership\n", "pcf:\n  - professional-leadership\n")
    path.write_text(uncommented, encoding="utf-8")
    assert [p for p in project.validate().problems if p.severity == "error"] == []
    assert [t.id for t in project.validate().catalogue.get("commented").pcf] == ["professional-leadership"]


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


def test_refuses_values_outside_the_taxonomy_with_hints(project):
    run = run_script(
        project,
        "--type",
        "brief",
        "--title",
        "Wrong",
        "--audience",
        "senior-leader",
        "--pqs",
        "7",
        "--pqs",
        "asc-9",
        "--author",
        "A Person",
        "--slug",
        "Not A Slug",
    )
    assert run.returncode == 1
    assert "type 'brief' is not in the taxonomy: did you mean 'briefing'?" in run.stderr
    assert "audience 'senior-leader' is not in the taxonomy: did you mean 'senior-leaders'" in run.stderr
    assert "PQS domain '7' is not in the taxonomy: PQS domains carry their framework: write cf-7" in run.stderr
    assert "PQS domain 'asc-9' is not in the taxonomy: did you mean" in run.stderr
    assert "file name 'Not A Slug' must be lower-case letters and digits joined by hyphens" in run.stderr
    assert list(project.content.rglob("wrong.md")) == []


def test_without_a_terminal_or_options_it_says_how_to_run_it(project):
    run = run_script(project)
    assert run.returncode == 1
    assert "a type is needed" in run.stderr and "give them all as options" in run.stderr
    assert "Traceback" not in run.stderr


def test_asks_each_question_in_a_terminal_and_asks_again_on_a_wrong_answer(project, monkeypatch, capsys):
    answers = iter(
        [
            "9",
            "tool",
            "3",
            "Reflecting together",
            "senior-leaderz",
            "2, practitioners",
            "cf-7,asc-6",
            "A summary for listings.",
            "Sam Example",
            "Practice lead",
            "",
        ]
    )
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(answers))
    assert run_new(project.content, {}) == 0
    out = capsys.readouterr().out
    assert "'9' is not one of these" in out and "'senior-leaderz' is not one of these" in out
    text = (project.content / "practice-tools" / "reflecting-together.md").read_text(encoding="utf-8")
    front = parse_front_matter(text).data
    assert front["audience"] == ["middle-leaders", "practitioners"]
    assert front["pqs"] == ["cf-7", "asc-6"]
    assert front["summary"] == "A summary for listings."


def test_the_taxonomy_gives_each_type_its_sections():
    taxonomy = load_taxonomy(Path(ROOT / "content" / "taxonomy.yml"))
    for rtype in taxonomy.types:
        assert rtype.skeleton, rtype.id
        assert any(block.startswith("## References") for block in rtype.skeleton), rtype.id
