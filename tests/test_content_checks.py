"""Each body check with a failing fixture and a passing one, reported as `path:line: message (hint)`."""

from __future__ import annotations

import os

import pytest

from conftest import own_library, run_library

INTRO = "Some opening words.\n\n## What it covers\n\nA paragraph.\n\n"


def errors_in(project) -> list[str]:
    return [str(p) for p in project.validate().problems if p.severity == "error"]


def warnings_in(project) -> list[str]:
    return [str(p) for p in project.validate().problems if p.severity == "warning"]


def line_of(path, needle: str) -> int:
    """The file line holding `needle` (1-based)."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if needle in line)


def only_error(project) -> str:
    found = errors_in(project)
    assert len(found) == 1, found
    return found[0]


# -- links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("link", ["[the programme](#)", "[the programme]()", "[the programme](<>)"])
def test_placeholder_and_empty_links_fail_at_their_line(project, link):
    path = project.resource("briefings", "pasted", body=INTRO + f"Read about {link} here.\n")
    message = only_error(project)
    assert message.startswith(f"content/briefings/pasted.md:{line_of(path, 'Read about')}: link 'the programme'")
    assert "remove the link and keep the words" in message


def test_real_links_pass(project):
    project.resource("one-minute-guides", "first-year")
    project.resource(
        "briefings",
        "linked",
        body=INTRO
        + (
            "See [the guide](../one-minute-guides/first-year.md), [about us](../about.md), "
            "[a site](https://www.example.org/path_(with)_brackets), [mail](mailto:ask@example.org), "
            "<https://www.example.org/> and [a part](#what-it-covers).\n"
        ),
    )
    assert errors_in(project) == []


def test_link_to_a_missing_page_names_the_nearest_one(project):
    project.resource("one-minute-guides", "first-year")
    path = project.resource("briefings", "linked", body=INTRO + "See [the guide](../one-minute-guides/firstyear.md).\n")
    message = only_error(project)
    assert message.startswith(
        f"content/briefings/linked.md:{line_of(path, 'See [')}: link to "
        "'../one-minute-guides/firstyear.md' does not lead to a page"
    )
    assert "did you mean ../one-minute-guides/first-year.md?" in message


def test_link_written_as_a_site_address_points_at_the_file(project):
    project.resource("one-minute-guides", "first-year")
    project.resource("briefings", "linked", body=INTRO + "See [the guide](../one-minute-guides/first-year/).\n")
    message = only_error(project)
    assert "is written as a web address" in message
    assert "../one-minute-guides/first-year.md" in message


def test_link_from_the_site_root_fails(project):
    project.resource("briefings", "rooted", body=INTRO + "See [about](/about/).\n")
    assert "link '/about/' starts with '/'" in only_error(project)


def test_link_to_a_missing_file_fails_and_an_existing_one_passes(project):
    project.image("briefings/files/handout.png")
    project.resource("briefings", "files", body=INTRO + "Get [the handout](files/handout.png).\n")
    assert errors_in(project) == []
    project.resource("briefings", "files", body=INTRO + "Get [the handout](files/handouts.png).\n")
    assert "link to 'files/handouts.png' does not lead to a page or file" in " ".join(errors_in(project))


def test_anchor_on_the_same_page(project):
    body = INTRO + "## Reflective questions\n\n- Why?\n\nGo to [the questions](#reflective-questions).\n"
    project.resource("briefings", "anchors", body=body)
    assert errors_in(project) == []
    path = project.resource(
        "briefings", "anchors", body=body.replace("(#reflective-questions)", "(#reflective-question)")
    )
    message = only_error(project)
    assert message.startswith(
        f"content/briefings/anchors.md:{line_of(path, 'Go to')}: '#reflective-question' is not a heading on this page"
    )
    assert "did you mean #reflective-questions?" in message


def test_anchor_in_another_resource_uses_the_builds_ids(project):
    project.resource(
        "one-minute-guides",
        "target",
        body=(
            "Intro.\n\n## Key messages\n\nOne.\n\n## Key messages\n\nTwo.\n\n## What’s *new* in 2024?\n\nThree.\n\n"
            "## Notes {#own-id}\n\nFour.\n"
        ),
    )
    project.resource(
        "briefings",
        "source",
        body=INTRO
        + (
            "[a](../one-minute-guides/target.md#key-messages) [b](../one-minute-guides/target.md#key-messages_1) "
            "[c](../one-minute-guides/target.md#whats-new-in-2024) [d](../one-minute-guides/target.md#own-id)\n"
        ),
    )
    assert errors_in(project) == []
    project.resource("briefings", "source", body=INTRO + "[a](../one-minute-guides/target.md#key-message)\n")
    message = only_error(project)
    assert "'#key-message' is not a heading in target.md" in message and "did you mean #key-messages?" in message


@pytest.mark.parametrize(
    "url,expect",
    [
        ("ftp://files.example.org/report.pdf", "uses 'ftp:', which is not allowed"),
        ("file:///C:/Users/me/report.docx", "points at a file on one computer"),
        ("C:\\Users\\me\\report.docx", "points at a file on one computer"),
        ("https://", "web address 'https://' is incomplete"),
        ("//www.example.org/x", "has no 'https:'"),
    ],
)
def test_links_with_a_scheme_readers_cannot_open_fail(project, url, expect):
    project.resource("briefings", "schemes", body=INTRO + f"Open [the report](<{url}>).\n")
    assert expect in only_error(project)


def test_reference_style_links_are_checked(project):
    path = project.resource("briefings", "refs", body=INTRO + "See [the guide][g].\n\n[g]: #\n")
    assert only_error(project).startswith(f"content/briefings/refs.md:{line_of(path, '[g]: #')}: link 'g' goes to '#'")


def test_links_inside_code_are_not_checked(project):
    project.resource(
        "briefings", "code", body=INTRO + "Write `[text](#)` to make a link.\n\n```\n[x](#)\n# not a heading\n```\n"
    )
    assert errors_in(project) == []


# -- images --------------------------------------------------------------------------------------


def test_image_with_alt_text_and_a_file_passes(project):
    project.image("briefings/images/cycle.png")
    project.resource(
        "briefings", "pictures", body=INTRO + "![The supervision cycle in four stages](images/cycle.png)\n"
    )
    assert errors_in(project) == []


@pytest.mark.parametrize(
    "image,expect",
    [
        ("![](images/cycle.png)", "image has no alt text"),
        ('<img src="images/cycle.png" alt="The cycle">', "is written in HTML"),
        ("![The cycle](images/cycel.png)", "image file 'images/cycel.png' does not exist"),
        ("![The cycle](https://cdn.example.org/cycle.png)", "is loaded from another website"),
        ("![The cycle]()", "image has no file"),
    ],
)
def test_image_problems_fail_at_their_line(project, image, expect):
    project.image("briefings/images/cycle.png")
    path = project.resource("briefings", "pictures", body=INTRO + f"Look:\n\n{image}\n")
    message = next(m for m in errors_in(project) if "cycle.png:1:" not in m)
    assert message.startswith(f"content/briefings/pictures.md:{line_of(path, image)}: ")
    assert expect in message


# -- headings ------------------------------------------------------------------------------------


def test_well_ordered_headings_pass(project):
    project.resource(
        "briefings", "headings", body="Intro.\n\n## One\n\n### One a\n\n#### Detail\n\n## Two\n\n### Two a\n"
    )
    assert errors_in(project) == []


@pytest.mark.parametrize(
    "body,needle,expect",
    [
        ("# Copied title\n\nIntro.\n\n## One\n", "# Copied title", "'# Copied title' is a top-level heading"),
        ("Intro.\n\nCopied title\n============\n\nText.\n", "Copied title", "'# Copied title' is a top-level heading"),
        (
            "Intro.\n\n## One\n\n#### Too deep\n",
            "#### Too deep",
            "heading 'Too deep' skips a level: ## is followed by ####",
        ),
        (
            "Intro.\n\n### Starts too deep\n",
            "### Starts",
            "heading 'Starts too deep' skips a level: # is followed by ###",
        ),
    ],
)
def test_heading_problems_fail_at_their_line(project, body, needle, expect):
    path = project.resource("briefings", "headings", body=body)
    message = only_error(project)
    assert message.startswith(f"content/briefings/headings.md:{line_of(path, needle)}: {expect}")


def test_a_top_level_heading_says_the_title_comes_from_the_front_matter(project):
    project.resource("briefings", "headings", body="# Title again\n\nIntro.\n")
    assert "the title comes from 'title' in the front matter" in only_error(project)


# -- pasted text ---------------------------------------------------------------------------------


def test_quoted_bullets_are_one_problem_per_list(project):
    path = project.resource(
        "briefings",
        "pasted",
        body=INTRO
        + ("Support includes:\n\n- > training\n- > research\n\n- > supervision\n\nAnd also:\n\n- > coaching\n"),
    )
    found = errors_in(project)
    first = line_of(path, "- > training")
    assert found == [
        f"content/briefings/pasted.md:{first}: bullet written as '- >' on lines {first} to {first + 3} "
        "(remove the '>' so each line reads '- ' and then the text: the '>' turns every item into a quotation)",
        f"content/briefings/pasted.md:{line_of(path, '- > coaching')}: bullet written as '- >' "
        "(remove the '>' so each line reads '- ' and then the text: the '>' turns every item into a quotation)",
    ]


def test_pasted_bullet_characters_fail(project):
    path = project.resource("briefings", "pasted", body=INTRO + "  • A survey of colleagues.\n  • Four focus groups.\n")
    message = only_error(project)
    assert message.startswith(
        f"content/briefings/pasted.md:{line_of(path, 'A survey')}: line starts with a pasted "
        "bullet character '•' on lines"
    )
    assert "replace '•' with '- '" in message


def test_plain_lists_and_quotations_pass(project):
    project.resource("briefings", "lists", body=INTRO + "- one\n- two\n\n> A real quotation.\n\n1. first\n2. second\n")
    assert errors_in(project) == []


def test_smart_quotes_around_a_field_name_are_named(project):
    path = project.write(
        "briefings/quoted.md",
        "---\n“title”: Quoted\nsummary: S.\naudience: [practitioners]\n"
        "pqs: [cf-1]\nauthors:\n  - name: A B\npublished: 2024-01-01\n---\n\nBody.\n",
    )
    found = errors_in(project)
    assert len(found) == 1, found  # not also "missing required field 'title'"
    message = found[0]
    line = line_of(path, "“title”")
    assert message.startswith(f"content/briefings/quoted.md:{line}: field name '“title”' has quotation marks")
    assert "write it as plain title:" in message


def test_tab_indentation_in_front_matter_is_named(project):
    project.write("briefings/tabbed.md", "---\ntitle: Tabbed\naudience:\n\t- practitioners\n---\n\nBody.\n")
    assert only_error(project) == (
        "content/briefings/tabbed.md:4: tab character used for indentation in front matter "
        "(indent with spaces; tabs often come from pasting out of Word)"
    )


def test_a_value_closed_with_a_curly_quote_is_named(project):
    project.write("briefings/curly.md", "---\ntitle: Curly\nsummary: 'What’s new’\n---\n\nBody.\n")
    message = only_error(project)
    assert message.startswith("content/briefings/curly.md:3: the quotation marks around this value do not match")
    assert "straight quotes" in message


def test_template_text_left_behind_is_an_error_in_a_published_resource_and_a_warning_in_a_draft(project):
    body = INTRO + "Replace this with the first section.\n\n## References\n\n- Replace this with a reference.\n"
    path = project.resource("briefings", "unfinished", body=body)
    first = line_of(path, "Replace this")
    assert errors_in(project) == [
        f"content/briefings/unfinished.md:{first}: text from the template is still on lines {first}, {first + 4} "
        "(write your own text in place of each line starting 'Replace this', or mark the resource `draft: true` "
        "until it is ready)"
    ]
    path = project.resource("briefings", "unfinished", body=body, draft=True)
    first = line_of(path, "Replace this")
    assert errors_in(project) == []
    assert warnings_in(project) == [
        f"content/briefings/unfinished.md:{first}: warning: text from the template is still on lines {first}, "
        f"{first + 4} (write your own text in place of each line starting 'Replace this')"
    ]


# -- unsafe HTML ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html,expect",
    [
        ("<script>alert(1)</script>", "<script> is not allowed in the library's pages"),
        ('<iframe src="https://video.example.org/x"></iframe>', "<iframe> is not allowed in the library's pages"),
        ("<style>body { display: none }</style>", "<style> is not allowed in the library's pages"),
        ('<object data="x.swf"></object>', "<object> is not allowed in the library's pages"),
        ('<p onclick="steal()">Click</p>', "event handler 'onclick=' is not allowed"),
        ('<a href="javascript:alert(1)">Go</a>', "'javascript:' link is not allowed"),
        ("[Go](javascript:alert(1))", "'javascript:' link is not allowed"),
        ("[Go](&#106;avascript:alert(1))", "'javascript:' link is not allowed"),
        ("[Go][x]\n\n[x]: javascript:alert(1)", "'javascript:' link is not allowed"),
    ],
)
def test_unsafe_html_is_refused_with_its_line(project, html, expect):
    path = project.resource("briefings", "unsafe", body=INTRO + "Text.\n\n" + html + "\n")
    message = only_error(project)
    needle = html.split("\n")[-1]
    assert message.startswith(f"content/briefings/unsafe.md:{line_of(path, needle)}: {expect}")


def test_safe_html_passes(project):
    project.resource(
        "briefings",
        "safe",
        body=INTRO + '<abbr title="Post-qualifying standards">PQS</abbr> and '
        '<a href="https://www.example.org/">a link</a>.\n\n'
        "<details><summary>More</summary>Text.</details>\n",
    )
    assert errors_in(project) == []


def test_unsafe_html_never_reaches_the_site(project):
    project.resource("briefings", "unsafe", body=INTRO + "<script>alert(1)</script>\n")
    result = project.build()
    assert result.code == 1
    assert "content/briefings/unsafe.md:" in result.output and "<script> is not allowed" in result.output
    assert not (result.site / "briefings" / "unsafe").exists()


# -- one run, every problem; GitHub annotations ---------------------------------------------------


def test_body_is_checked_even_when_the_front_matter_has_errors(project):
    project.resource("briefings", "both", audience=["nobody"], body=INTRO + "[x](#)\n")
    found = errors_in(project)
    assert any("audience 'nobody' is not in the taxonomy" in m for m in found)
    assert any("link 'x' goes to '#'" in m for m in found)


def test_validate_prints_github_annotations_under_actions(project):
    path = project.resource("briefings", "pasted", body=INTRO + "See [the plan](#).\n")
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    run = run_library("check", cwd=project.root, env=env)
    assert run.returncode == 1
    line = line_of(path, "See [the plan]")
    assert f"content/briefings/pasted.md:{line}: link 'the plan' goes to '#'" in run.stderr
    assert f"::error file=content/briefings/pasted.md,line={line}::link 'the plan' goes to '#'" in run.stdout


def test_the_librarys_own_resources_pass_every_check():
    assert [str(p) for p in own_library().problems] == []


def test_links_to_generated_pages_pass(project):
    project.resource(
        "briefings",
        "to-browse",
        body=INTRO
        + (
            "See [the audience page](../audiences/senior-leaders.md), [the domain](../pqs/cf-7.md), "
            "[all briefings](index.md), [the coverage map](../coverage/index.md) and [home](../index.md#anything).\n"
        ),
    )
    assert errors_in(project) == []
