"""The reviewer's summary: what readers will see change between two builds, and escaping what a pull request wrote."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import markdown
import pytest

from conftest import BuildResult, SiteProject, run_library
from macros.content.problems import WARNING, Problem
from macros.review.compare import (
    ADDED,
    CHANGED,
    MAX_ROWS,
    REMOVED,
    RERENDERED,
    Comparison,
    PageChange,
    PageText,
    _is_resource,
    compare_sites,
    format_summary,
    read_page,
)

FOLDERS = ("briefings", "one-minute-guides", "practice-tools")
ADDED_SENTENCE = "Supervisors also need protected time to think about their own learning."
EDITED_BODY = """\
Opening words about first-year supervision.

## What it covers

- Induction
- A peer network
"""
FRESH_BODY = """\
A tool for team meetings.

## How to use this tool

Follow the steps with your team.
"""
DRAFT_BODY = """\
A tool still being written.

## How to use this tool

Replace this with the steps to follow.
"""


def _write_base(project: SiteProject) -> None:
    """Three resources that share no audience and PQS domain, so none lists another as related."""
    project.resource(
        "briefings", "steady-briefing", title="A steady briefing", audience=["senior-leaders"], pqs=["cf-1"]
    )
    project.resource(
        "one-minute-guides",
        "edited-guide",
        EDITED_BODY,
        title="An edited guide",
        audience=["middle-leaders"],
        pqs=["cf-2"],
    )
    project.resource("practice-tools", "dropped-tool", title="A dropped tool", pqs=["cf-3"])
    project.write(
        "packs.yml",
        """
        packs:
          - id: with-the-edited-guide
            title: A pack holding the edited guide
            description: Two resources.
            audience: middle-leaders
            date: 2024-02-01
            resources: [edited-guide, steady-briefing]
          - id: steady
            title: A pack of what does not change
            description: One resource.
            audience: senior-leaders
            date: 2024-02-01
            resources: [steady-briefing]
        """,
    )


def _write_head(project: SiteProject) -> None:
    """The base, changed as a pull request would: one resource edited, one removed, one added, a site page edited.

    The site's name changes too: it is in every page's header, outside the content readers compare.
    """
    _write_base(project)
    project.resource(
        "one-minute-guides",
        "edited-guide",
        EDITED_BODY.replace("supervision.", "supervision. " + ADDED_SENTENCE),
        title="An edited guide",
        audience=["middle-leaders"],
        pqs=["cf-2"],
    )
    (project.content / "practice-tools" / "dropped-tool.md").unlink()
    project.resource("practice-tools", "fresh-tool", FRESH_BODY, title="A fresh tool", pqs=["cf-4"])
    project.resource("practice-tools", "draft-tool", DRAFT_BODY, title="A draft tool", pqs=["cf-5"], draft=True)
    about = project.content / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nA new paragraph about the library.\n", encoding="utf-8")
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_name: .*$", "site_name: A Renamed Library", text), encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, BuildResult, SiteProject]:
    """The base and the head, each built once with PDFs: (base's build, head's build, head's project)."""
    results = []
    for name, write in (("base", _write_base), ("head", _write_head)):
        project = SiteProject(tmp_path_factory.mktemp(name) / "project")
        write(project)
        result = project.build(pdf=True)
        assert result.code == 0, result.output
        results.append(result)
    return results[0], results[1], project


@pytest.fixture(scope="module")
def compared(builds) -> tuple[Comparison, str]:
    """The comparison of the two builds, with the head's content problems, and its summary."""
    base, head, project = builds
    library = project.validate()
    comparison = compare_sites(
        base.site, head.site, resource_folders=FOLDERS, problems=library.problems, drafts=library.unpublished
    )
    return comparison, format_summary(comparison)


def _row(summary: str, *cells: str) -> str:
    """The one table row holding every given cell, as written."""
    rows = [line for line in summary.splitlines() if line.startswith("| ") and all(f"| {c} |" in line for c in cells)]
    assert len(rows) == 1, (cells, summary)
    return rows[0]


def test_resources_added_removed_and_changed_are_listed_and_the_unchanged_one_is_not(builds, compared):
    base, head, _ = builds
    comparison, summary = compared
    assert [(p.change, p.url) for p in comparison.resources] == [
        (ADDED, "/practice-tools/fresh-tool/"),
        (REMOVED, "/practice-tools/dropped-tool/"),
        (CHANGED, "/one-minute-guides/edited-guide/"),
    ]
    edited = comparison.resources[2]
    assert edited.after.words - edited.before.words == len(ADDED_SENTENCE.split())
    assert ADDED_SENTENCE in edited.after.text and ADDED_SENTENCE not in edited.before.text
    words = f"{edited.before.words} → {edited.after.words} (+{len(ADDED_SENTENCE.split())})"
    _row(summary, "changed", "An edited guide", "`/one-minute-guides/edited-guide/`", words)
    _row(
        summary,
        "removed",
        "A dropped tool",
        "`/practice-tools/dropped-tool/`",
        str(comparison.resources[1].before.words),
    )
    _row(summary, "added", "A fresh tool", "`/practice-tools/fresh-tool/`")
    # The unchanged resource's HTML differs (the site's name is in its header) but its content does not.
    steady = "briefings/steady-briefing/"
    assert base.html(steady) != head.html(steady)
    assert all(p.url != "/" + steady for p in comparison.pages)
    assert "steady" not in summary.lower()


def test_site_pages_are_listed_apart_from_resources(compared):
    comparison, summary = compared
    other = {p.url: p for p in comparison.other_pages}
    assert other["/about/"].change == CHANGED
    assert other["/about/"].after.words - other["/about/"].before.words == 6
    assert other["/practice-tools/"].change == CHANGED, "the type's listing names the added and removed tools"
    assert "/accessibility/" not in other
    assert summary.index("### Resources") < summary.index("### Other pages") < summary.index("### PDFs")
    _row(summary, "changed", "About this library", "`/about/`")


def test_pdfs_added_removed_and_re_rendered_are_listed_with_sizes(builds, compared):
    base, head, _ = builds
    comparison, summary = compared
    pdfs = {c.path: c for c in comparison.pdfs}
    assert pdfs["pdf/fresh-tool.pdf"].change == ADDED
    assert pdfs["pdf/dropped-tool.pdf"].change == REMOVED
    assert pdfs["pdf/edited-guide.pdf"].change == RERENDERED
    # A pack holding the edited resource is rendered again; one without it is not.
    assert pdfs["pdf/packs/with-the-edited-guide.pdf"].change == RERENDERED
    assert "pdf/packs/steady.pdf" not in pdfs
    assert "pdf/steady-briefing.pdf" not in pdfs, "the same resource gives the same bytes"
    edited = pdfs["pdf/edited-guide.pdf"]
    assert (edited.size_before, edited.size_after) == (
        (base.site / edited.path).stat().st_size,
        (head.site / edited.path).stat().st_size,
    )
    assert _row(summary, "re-rendered", "`pdf/edited-guide.pdf`").count(" KB") == 2


def test_the_head_contents_warnings_are_listed_with_path_and_line(builds, compared):
    _, _, project = builds
    comparison, summary = compared
    source = (project.content / "practice-tools" / "draft-tool.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(source, start=1) if text.startswith("Replace this"))
    assert [(p.path, p.line, p.severity) for p in comparison.problems] == [
        ("content/practice-tools/draft-tool.md", line, WARNING)
    ]
    assert "0 errors and 1 warning in the content." in summary
    assert "text from the template is still on line" in _row(
        summary, "warning", f"`content/practice-tools/draft-tool.md:{line}`"
    )


def test_drafts_are_named_apart_from_what_readers_see(builds, compared):
    comparison, summary = compared
    assert comparison.drafts == ("practice-tools/draft-tool.md",)
    assert all("draft-tool" not in p.url for p in comparison.pages)
    drafts = summary.split("### Drafts")[1].split("###")[0]
    assert "- `content/practice-tools/draft-tool.md`" in drafts


def test_the_command_appends_the_summary_to_a_file(builds, compared, tmp_path: Path):
    base, head, project = builds
    _, summary = compared
    output = tmp_path / "step-summary.md"
    output.write_text("Written by an earlier step.\n", encoding="utf-8")
    run = run_library("compare", str(base.site), str(head.site), "--output", str(output), cwd=project.root)
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    assert output.read_text(encoding="utf-8") == "Written by an earlier step.\n" + summary


def test_the_command_refuses_a_folder_that_is_not_a_built_site(builds, tmp_path: Path):
    _, head, project = builds
    (tmp_path / "notes.txt").write_text("not a site", encoding="utf-8")
    run = run_library("compare", str(tmp_path), str(head.site), cwd=project.root)
    assert run.returncode == 2
    assert f"{tmp_path}: not a built site" in run.stderr and "Traceback" not in run.stderr


def test_two_identical_builds_are_one_line(builds):
    _, head, _ = builds
    comparison = compare_sites(head.site, head.site, resource_folders=FOLDERS)
    assert comparison.nothing_changed
    summary = format_summary(comparison)
    body = summary.split("### Content checks")[0].strip().splitlines()
    assert body[1:] == ["", "Nothing readers will see has changed: every page's text and every PDF are as they were."]


# -- pure logic ------------------------------------------------------------------------------------


def test_a_page_is_read_for_its_title_and_its_articles_text_only():
    html = """<html><head><title>Ignored</title><script>var nonce = "abc";</script></head><body>
    <header>Site name</header><nav><a href="/">Home</a></nav>
    <article><nav class="lib-breadcrumbs">Browse</nav>
    <h1 id="t">The title<a class="headerlink" href="#t">¶</a></h1>
    <p><strong>Know</strong>ing the <em>model</em><br>matters.</p><ul><li>one</li><li>two</li></ul>
    <script>document.write("not read")</script></article>
    <footer>© Someone</footer></body></html>"""
    page = read_page(html)
    assert page == PageText("The title", "Browse The title Knowing the model matters. one two")
    assert page.words == 9
    # A page with no article: everything outside the theme's header, navigation and footer.
    assert read_page("<header>x</header><main><h1>Only</h1><p>words here</p></main><footer>y</footer>") == PageText(
        "Only", "Only words here"
    )


HOSTILE = "Evil | <img src=x onerror=alert(1)> [link](http://x) **bold** _it_ `code` # &lt;b&gt;\nsecond line"


def test_text_from_a_pull_request_is_shown_as_text_and_never_read_as_markdown_or_html():
    page = PageText(HOSTILE, "some words")
    problem = Problem("content/briefings/x.md", 3, HOSTILE, "a hint with <script>", WARNING)
    summary = format_summary(Comparison((PageChange("/briefings/x/", ADDED, True, None, page),), (), (problem,)))
    for construct in ("<img", "<script", "](", "**", "_it_", "`code`", "&lt;b", "\nsecond"):
        assert construct not in summary, construct
    for table in re.findall(r"(?m)(?:^\|.*\n)+", summary):
        assert len({line.count("|") for line in table.splitlines()}) == 1, table  # a pipe in the text adds no column
    # Rendered as Markdown, each cell shows the text exactly as written, on one line, and nothing else.
    html = markdown.markdown(summary, extensions=["tables"])
    assert not re.search(r"<(img|script|a|strong|em)\b", html)
    assert re.findall(r"<code>(.*?)</code>", html) == ["/briefings/x/", "content/briefings/x.md:3"]
    cells = [unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td>(.*?)</td>", html, re.S)]
    shown = " ".join(HOSTILE.split())
    assert cells[1] == shown
    assert cells[-1] == f"{shown} (a hint with <script>)"


def test_addresses_and_emoji_shortcodes_in_titles_cannot_become_links_or_emoji():
    """GitHub links bare addresses (https://…, www.…, name@host) and turns :name: into emoji, even in text."""
    hostile = "Approve at https://evil.example/approve or www.evil.example, ask me@evil.example :warning: now"
    page = PageText(hostile, "some words")
    summary = format_summary(Comparison((PageChange("/briefings/x/", ADDED, True, None, page),), ()))
    for construct in ("://", "www.", "evil.example", "@", ":warning:"):
        assert construct not in summary, construct
    shown = unescape(re.sub(r"<[^>]+>", "", markdown.markdown(summary, extensions=["tables"])))
    assert hostile in shown, shown  # and the reader still sees the title exactly as it is


def test_a_resource_in_a_folder_within_its_type_folder_is_a_resource():
    assert _is_resource("/briefings/sub/x/", {"briefings"})
    assert _is_resource("/briefings/x/", {"briefings"})
    assert not _is_resource("/briefings/", {"briefings"})
    assert not _is_resource("/about/", {"briefings"})


def test_long_lists_are_cut_and_say_how_many_more():
    pages = tuple(PageChange(f"/page-{n:03}/", ADDED, False, None, PageText(f"Page {n}", "w")) for n in range(120))
    summary = format_summary(Comparison(pages, ()))
    assert sum(1 for line in summary.splitlines() if line.startswith("| added |")) == MAX_ROWS
    assert f"…and {120 - MAX_ROWS} more." in summary
    assert "Page 49" in summary and "Page 50" not in summary
