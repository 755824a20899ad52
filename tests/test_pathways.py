"""Learning pathways: data checked with `path:line` errors, a page per pathway, "step n of N" on resources."""

from __future__ import annotations

import re

import pytest

from conftest import SiteProject, own_library, run_library, text_of

PATHWAYS = """\
pathways:
  - id: first-year
    title: Your first year
    audience: practice-supervisors
    description: Three steps for a new supervisor.
    steps:
      - resource: leading-supervision
        note: Start with the big picture.
      - resource: first-year-guide
      - reflective-tool
"""


def _errors(result) -> list[str]:
    return [str(p) for p in result.problems if p.severity == "error"]


@pytest.fixture
def pathway_project(sample_project: SiteProject) -> SiteProject:
    sample_project.write("pathways.yml", PATHWAYS)
    return sample_project


def test_a_valid_pathway_file_has_no_problems(pathway_project):
    result = pathway_project.validate()
    assert _errors(result) == []
    pathway = result.pathways.get("first-year")
    assert [s.resource.slug for s in pathway.steps] == ["leading-supervision", "first-year-guide", "reflective-tool"]
    assert pathway.steps[0].note == "Start with the big picture." and pathway.steps[2].note == ""
    assert pathway.audience.id == "practice-supervisors"


def test_unknown_resource_is_reported_with_its_line_and_a_suggestion(pathway_project):
    pathway_project.write("pathways.yml", PATHWAYS.replace("resource: first-year-guide", "resource: first-year-guid"))
    errors = _errors(pathway_project.validate())
    assert errors == [
        "content/pathways.yml:9: resource 'first-year-guid' does not exist (did you mean 'first-year-guide'?)"
    ]


def test_unknown_audience_is_reported_with_its_line(pathway_project):
    pathway_project.write(
        "pathways.yml", PATHWAYS.replace("audience: practice-supervisors", "audience: practice-supervisor")
    )
    errors = _errors(pathway_project.validate())
    assert len(errors) == 1
    assert errors[0].startswith(
        "content/pathways.yml:4: audience 'practice-supervisor' is not in the taxonomy "
        "(did you mean 'practice-supervisors'"
    )


def test_duplicate_pathway_ids_are_reported_at_the_second(pathway_project):
    second = PATHWAYS.split("pathways:\n", 1)[1]
    pathway_project.write("pathways.yml", PATHWAYS + second)
    errors = _errors(pathway_project.validate())
    assert errors == [
        "content/pathways.yml:11: pathway id 'first-year' is used twice "
        "(it is first used on line 2; give each pathway its own id)"
    ]


@pytest.mark.parametrize("steps", ["    steps: []\n", "    steps:\n", ""])
def test_a_pathway_without_steps_is_reported(pathway_project, steps):
    head = PATHWAYS.split("    steps:\n", 1)[0]
    pathway_project.write("pathways.yml", head + steps)
    errors = _errors(pathway_project.validate())
    assert len(errors) == 1
    assert re.fullmatch(r"content/pathways\.yml:[26]: pathway 'first-year' has no steps \(.+\)", errors[0]), errors


def test_missing_fields_unknown_keys_and_repeated_steps_are_each_reported(pathway_project):
    pathway_project.write(
        "pathways.yml",
        """\
        pathways:
          - id: Not An Id
            titel: Oops
            audience: senior-leaders
            steps:
              - resource: reflective-tool
              - resource: reflective-tool
              - nothing: here
        """,
    )
    errors = _errors(pathway_project.validate())
    assert (
        "content/pathways.yml:2: pathway id 'Not An Id' is not a valid id "
        "(use lower-case letters, digits and hyphens, for example first-year-supervisor)" in errors
    )
    assert "content/pathways.yml:3: unknown key 'titel' in a pathway (did you mean 'title'?)" in errors
    assert any(e.startswith("content/pathways.yml:2: pathway is missing 'title'") for e in errors)
    assert any(e.startswith("content/pathways.yml:2: pathway is missing 'description'") for e in errors)
    assert (
        "content/pathways.yml:7: resource 'reflective-tool' is already step 1 of this pathway "
        "(a resource can appear only once in a pathway)" in errors
    )
    assert any(e.startswith("content/pathways.yml:8: unknown key 'nothing' in a pathway step") for e in errors)


def test_invalid_yaml_is_reported_with_its_line(pathway_project):
    pathway_project.write("pathways.yml", "pathways:\n  - id: a\n    title: [unclosed\n")
    errors = _errors(pathway_project.validate())
    assert len(errors) == 1 and errors[0].startswith("content/pathways.yml:4: not valid YAML")


def test_the_build_and_the_validator_both_refuse_a_bad_pathway(pathway_project):
    pathway_project.write("pathways.yml", PATHWAYS.replace("- reflective-tool", "- no-such-tool"))
    result = pathway_project.build()
    assert result.code == 1
    assert "content/pathways.yml:10: resource 'no-such-tool' does not exist" in result.output
    assert not (pathway_project.root / "site").exists()
    cli = run_library("check", cwd=pathway_project.root)
    assert cli.returncode == 1
    assert "content/pathways.yml:10: resource 'no-such-tool' does not exist" in cli.stderr


def test_no_pathway_file_means_no_pathways_and_an_index_that_says_so(sample_project):
    result = sample_project.build()
    assert result.code == 0, result.output
    assert "There are no learning pathways yet." in result.html("pathways/")
    assert "lib-step-box" not in result.html("briefings/leading-supervision/")


def test_each_pathway_gets_a_page_listing_its_steps_in_order(pathway_project):
    result = pathway_project.build()
    assert result.code == 0, result.output
    page = result.html("pathways/first-year/")
    assert "<h1" in page and "Your first year" in page
    steps = re.findall(r'<li class="lib-pathway__step" data-step="([^"]+)"', page)
    assert steps == ["leading-supervision", "first-year-guide", "reflective-tool"]
    assert 'Step 2 of 3:</span> <a href="../../one-minute-guides/first-year-guide/">First year guide</a>' in page
    assert "Start with the big picture." in page
    assert 'data-pathway-progress="first-year" data-total="3"' in page
    index = result.html("pathways/")
    assert 'href="first-year/"' in index and "Three steps for a new supervisor." in index
    assert 'href="pathways/"' in result.html()  # in the site's navigation


def test_each_resource_shows_step_n_of_n_with_previous_and_next(pathway_project):
    result = pathway_project.build()

    def step_box(url: str) -> str:
        return re.search(r'<nav class="lib-step-box".*?</nav>', result.html(url), re.S).group(0)

    first = step_box("briefings/leading-supervision/")
    assert '<strong>Step 1 of 3</strong> in <a href="../../pathways/first-year/">Your first year</a>' in first
    assert "Previous step" not in first
    assert 'href="../../one-minute-guides/first-year-guide/" rel="next"' in first
    middle = step_box("one-minute-guides/first-year-guide/")
    assert "Step 2 of 3" in middle
    assert 'href="../../briefings/leading-supervision/" rel="prev"' in middle
    assert 'href="../../practice-tools/reflective-tool/" rel="next"' in middle
    last = step_box("practice-tools/reflective-tool/")
    assert "Step 3 of 3" in last and 'rel="next"' not in last
    assert "back to the pathway" in last


def test_a_resource_in_two_pathways_shows_both(pathway_project):
    pathway_project.write(
        "pathways.yml",
        PATHWAYS
        + """\
  - id: leaders
    title: For leaders
    audience: senior-leaders
    description: Two steps.
    steps:
      - reflective-tool
      - leading-supervision
""",
    )
    html = pathway_project.build().html("practice-tools/reflective-tool/")
    assert 'Step 3 of 3</strong> in <a href="../../pathways/first-year/">' in html
    assert 'Step 1 of 2</strong> in <a href="../../pathways/leaders/">' in html


def test_the_projects_own_pathways_are_valid_and_follow_the_supervisors_pathway():
    loaded = own_library()
    assert [str(p) for p in loaded.problems] == []
    assert len(loaded.pathways) >= 2
    first_year = next(p for p in loaded.pathways if p.audience.id == "practice-supervisors")
    notes = " ".join(s.note.lower() for s in first_year.steps)
    milestones = ["self-assessment", "development plan", "learning", "portfolio", "review"]
    assert all(m in notes for m in milestones)
    assert [notes.index(m) for m in milestones] == sorted(notes.index(m) for m in milestones)
    assert any(p.audience.id == "senior-leaders" for p in loaded.pathways)


def test_a_pathway_title_holding_both_quotation_marks_is_set_typographically(sample_project):
    title = """Kate's "first year" pathway"""
    sample_project.write(
        "pathways.yml", PATHWAYS.replace("title: Your first year", f"title: '{title.replace(chr(39), chr(39) * 2)}'")
    )
    result = sample_project.build()
    assert result.code == 0, result.output
    html = result.html("pathways/first-year/")
    assert text_of(re.search(r"<h1>(.*?)</h1>", html).group(1)) == "Kate’s “first year” pathway"
    assert text_of(re.search(r"<title>(.*?)</title>", html).group(1)).startswith("Kate’s “first year” pathway – ")
