"""Every content mistake named in the foundation issue gets `path:line: message` and fails."""

from __future__ import annotations

import pytest

from conftest import run_library


def messages(project) -> list[str]:
    return [str(p) for p in project.validate().problems if p.severity == "error"]


def only(project) -> str:
    found = messages(project)
    assert len(found) == 1, found
    return found[0]


def test_valid_resources_have_no_problems(sample_project):
    assert messages(sample_project) == []


def test_missing_required_field(project):
    project.resource("briefings", "no-summary", summary=None)
    assert only(project).startswith("content/briefings/no-summary.md:1: missing required field 'summary'")


def test_unknown_field_suggests_the_near_miss(project):
    path = project.resource("briefings", "typo", audiance=["senior-leaders"])
    line = path.read_text().splitlines().index("audiance:") + 1
    message = only(project)
    assert message.startswith(f"content/briefings/typo.md:{line}: unknown field 'audiance'")
    assert "did you mean 'audience'" in message


@pytest.mark.parametrize(
    "field,value,expect",
    [
        (
            "audience",
            ["senior-leader"],
            "audience 'senior-leader' is not in the taxonomy (did you mean 'senior-leaders'",
        ),
        ("pqs", ["cf-9"], "PQS domain 'cf-9' is not in the taxonomy (did you mean"),
        ("pqs", [4], "PQS domains carry their framework: write cf-4 (child and family) or asc-4"),
    ],
)
def test_values_outside_the_taxonomy(project, field, value, expect):
    project.resource("one-minute-guides", "bad-tag", **{field: value})
    assert expect in only(project)


def test_list_item_errors_point_at_the_item_line(project):
    path = project.resource("briefings", "two-audiences", audience=["senior-leaders", "middle-leader"])
    line = path.read_text().splitlines().index("- middle-leader") + 1
    assert only(project).startswith(f"content/briefings/two-audiences.md:{line}: audience 'middle-leader'")


@pytest.mark.parametrize("value", ["2024-13-01", "15/01/2024", "next spring"])
def test_invalid_date(project, value):
    project.resource("briefings", "bad-date", published=value)
    assert "'published' is not a valid date" in only(project)
    assert "YYYY-MM-DD" in only(project)


def test_malformed_yaml_reports_the_yaml_line_not_a_traceback(project):
    project.write(
        "briefings/broken.md",
        """
        ---
        title: Broken
        summary: A summary
        audience: [senior-leaders
        pqs: [cf-1]
        ---

        Body.
        """,
    )
    message = only(project)
    assert message.startswith("content/briefings/broken.md:")
    assert "front matter is not valid YAML" in message
    assert "Traceback" not in message
    line = int(message.split(":")[1])
    assert 4 <= line <= 6


def test_file_that_is_not_utf8(project):
    project.write("briefings/latin1.md", "---\ntitle: Caf\xe9\n---\n\nBody\n".encode("latin-1"))
    assert only(project).startswith("content/briefings/latin1.md:2: file is not UTF-8 text")


def test_type_that_disagrees_with_the_folder(project):
    project.resource("practice-tools", "wrong-type", type="briefing")
    assert "type 'briefing' disagrees with the folder 'practice-tools/'" in only(project)


def test_two_resources_with_the_same_slug(project):
    project.resource("briefings", "same-name", title="First")
    project.resource("practice-tools", "same-name", title="Second")
    assert "another resource already uses the file name 'same-name'" in only(project)


def test_two_resources_with_the_same_title(project):
    project.resource("briefings", "one", title="Leading supervision")
    project.resource("one-minute-guides", "two", title="Leading  Supervision")
    message = only(project)
    assert message.startswith("content/one-minute-guides/two.md:")
    assert "title 'Leading Supervision' is already used" in message


def test_related_names_a_missing_resource(project):
    project.resource("briefings", "has-related", related=["firstyear-guide"])
    project.resource("one-minute-guides", "first-year-guide")
    message = only(project)
    assert "related resource 'firstyear-guide' does not exist" in message
    assert "did you mean 'first-year-guide'?" in message


def test_empty_file(project):
    project.write("briefings/empty.md", "")
    assert only(project).startswith("content/briefings/empty.md:1: file is empty")


def test_front_matter_but_no_body(project):
    path = project.resource("briefings", "no-body", body="")
    line = path.read_text().splitlines().index("---", 1) + 2  # the line after the closing ---
    assert only(project).startswith(f"content/briefings/no-body.md:{line}: front matter but no body")


def test_invalid_isbn_checksum(project):
    project.resource("briefings", "isbn", isbn="978-1-911638-76-5")
    assert "ISBN '978-1-911638-76-5' is not valid" in only(project)


def test_render_macros_is_refused_in_resources(project):
    project.resource("briefings", "macro", render_macros=True)
    assert "'render_macros' is not allowed in a resource" in only(project)


def test_unsafe_html_is_refused(project):
    project.resource(
        "briefings",
        "unsafe",
        body="Intro.\n\n<script>alert(1)</script>\n\n"
        "<img src=x onerror=alert(1) alt=x>\n\n[click](javascript:alert(1))\n",
    )
    found = messages(project)
    assert any("<script> is not allowed" in m for m in found)
    assert any("event handler 'onerror='" in m for m in found)
    assert any("'javascript:' link is not allowed" in m for m in found)


def test_every_problem_is_reported_in_one_run(project):
    project.resource("briefings", "a", summary=None)
    project.resource("briefings", "b", audience=["nobody"])
    project.write("briefings/c.md", "")
    assert len(messages(project)) == 3


def test_folder_defaults_apply_and_the_file_wins(project):
    project.write("practice-tools/.meta.yml", "audience:\n  - practice-supervisors\npqs:\n  - asc-6\n")
    project.resource("practice-tools", "uses-defaults", audience=None, pqs=None)
    project.resource("practice-tools", "overrides", pqs=["cf-4"])
    result = project.validate()
    assert [str(p) for p in result.problems] == []
    assert [d.id for d in result.catalogue.get("uses-defaults").pqs] == ["asc-6"]
    assert [d.id for d in result.catalogue.get("overrides").pqs] == ["cf-4"]


def test_validate_script_exits_non_zero_with_every_problem(project):
    project.resource("briefings", "a", summary=None)
    project.resource("briefings", "b", published="yesterday")
    run = run_library("check", cwd=project.root)
    assert run.returncode == 1
    assert "content/briefings/a.md:1: missing required field 'summary'" in run.stderr
    assert "content/briefings/b.md:" in run.stderr and "not a valid date" in run.stderr
    assert "Traceback" not in run.stderr


def test_review_due_in_the_past_is_a_warning_not_an_error(project):
    project.resource("briefings", "old", review_due="2020-01-01")
    problems = project.validate().problems
    assert [p.severity for p in problems] == ["warning"]
    assert "review was due on 2020-01-01" in str(problems[0])


def test_the_summary_counts_in_words_that_agree():
    from macros.content.problems import WARNING, Problem
    from macros.library import summary_line

    assert summary_line([], 1) == "Content OK: 1 resource checked, 0 warnings."
    warning = Problem("a.md", 1, "x", severity=WARNING)
    assert summary_line([warning], 2) == "Content OK: 2 resources checked, 1 warning."
    assert summary_line([Problem("a.md", 1, "x"), warning], 2).startswith("1 error and 1 warning in the content")


@pytest.mark.parametrize(
    "value,expect",
    [
        ("The move " + "x" * 52, "short_title is 61 characters long (keep it to 60 characters)"),
        ("   ", "'short_title' is empty (write it, or take the line out"),
        (["The move"], "'short_title' must be text (for example: short_title: Some words)"),
    ],
)
def test_a_short_title_that_cannot_go_in_a_footer(project, value, expect):
    path = project.resource("briefings", "footer", short_title=value)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), start=1) if text.startswith("short_title:"))
    assert only(project).startswith(f"content/briefings/footer.md:{line}: {expect}")


def test_a_short_title_of_sixty_characters_is_accepted(project):
    project.resource("briefings", "footer", short_title="The move " + "x" * 51)
    assert messages(project) == []


@pytest.mark.parametrize(
    "value,hint",
    [
        ("mastead", "did you mean 'masthead'?"),
        ("../cover", "did you mean 'cover'?"),
        ("_text", "valid values: cover, masthead, worksheet"),
    ],
)
def test_a_type_naming_a_print_layout_that_does_not_exist(project, value, hint):
    taxonomy = project.content / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text().replace("print_layout: masthead", f"print_layout: '{value}'", 1))
    line = next(n for n, t in enumerate(taxonomy.read_text().splitlines(), start=1) if value in t)
    assert only(project) == f"content/taxonomy.yml:{line}: print layout '{value}' does not exist ({hint})"
