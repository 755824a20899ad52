"""Each type's PDF layout (cover, masthead, worksheet), running footers that fit, and form fields to fill in."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

import macros.printing.printer as printing
from conftest import BuildResult, SiteProject, printer_for
from macros.printing.extension import QUESTION_LINES, SPACE_LINES
from macros.printing.geometry import MM_PER_PT
from scripts.bench.synthetic import guide_body

GUIDE_OPENING = "Supervisors who feel looked after stay longer."
TOOL_BODY = """\
A tool for a team meeting.

## Questions to discuss

- What went well, and what made it work?
- What would you change next time?
    - In the room
    - Afterwards
- Who else needs to hear about it?

## Space to reflect

Note what you will do next.
"""
CASE_STUDY_TYPE = """\
  - id: case-study
    folder: case-studies
    label: Case study
    print_layout: masthead
"""


def _pages(pdf: Path) -> list[str]:
    """The text of each page, whitespace folded."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """One resource of each type, and a type added to the taxonomy as data, naming an existing layout."""
    project = SiteProject(tmp_path_factory.mktemp("layouts") / "project")
    taxonomy = project.content / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text().replace("audiences:\n", CASE_STUDY_TYPE + "\naudiences:\n", 1))
    project.resource("briefings", "a-briefing", "The briefing's opening words.\n\n## 1. First\n\nMore words.\n")
    project.resource(
        "one-minute-guides",
        "a-guide",
        f"{GUIDE_OPENING}\n\n## Questions to ask\n\n- Who looks after you?\n",
        title="Supervision for wellbeing",
        audience=["middle-leaders"],
    )
    project.resource("practice-tools", "a-tool", TOOL_BODY, title="A team reflection tool")
    project.resource("case-studies", "a-case", "A restructure, told by the team who lived through it.\n")
    result = project.build(pdf=True)
    assert result.code == 0, result.output
    return result


# -- a layout per type ---------------------------------------------------------------------------


def test_a_briefing_has_a_cover_page_of_its_own(built: BuildResult):
    first, second = _pages(built.site / "pdf" / "a-briefing.pdf")[:2]
    for expected in ("Senior Managers’ Briefing", "A briefing", "Funded by the Department for Education"):
        assert expected in first
    assert "opening words" not in first and second.startswith("The briefing’s opening words.")


def test_a_guide_is_a_handout_with_a_masthead_and_its_text_on_page_one(built: BuildResult):
    pages = _pages(built.site / "pdf" / "a-guide.pdf")
    assert len(pages) == 1, "a short guide is one side"
    masthead, text = pages[0].split(GUIDE_OPENING, 1)
    for expected in (
        "Practice Supervisor Development Programme",
        "In partnership: Research in Practice",
        "One-minute guide",
        "Supervision for wellbeing",
        "For middle leaders",
    ):
        assert expected in masthead
    assert "Who looks after you?" in text and "About this one-minute guide" in text
    assert '<h1 class="lib-masthead__title"' in printer_for(built.site.parent / "content").resource_document(
        printer_for(built.site.parent / "content").catalogue.get("a-guide")
    ), "the title is the document's one top-level heading"


def test_a_practice_tool_says_practice_tool_as_the_web_does(built: BuildResult):
    first = _pages(built.site / "pdf" / "a-tool.pdf")[0]
    assert "Practice tool A team reflection tool" in first and "Practice Tool" not in first
    assert "A tool for a team meeting." in first, "a worksheet has no cover page"


def test_a_new_type_chooses_a_layout_as_data(built: BuildResult):
    first = _pages(built.site / "pdf" / "a-case.pdf")[0]
    assert "Case study A case" in first and "A restructure, told by the team" in first


@pytest.mark.parametrize("slug", ["a-briefing", "a-guide", "a-tool", "a-case"])
def test_every_layout_keeps_tagging_language_title_and_bookmarks(built: BuildResult, slug: str):
    reader = PdfReader(built.site / "pdf" / f"{slug}.pdf")
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB" and bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data(), "declared PDF/UA-1"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"], "a reader shows the title, not the file name"
    title = reader.metadata.title
    outline = [item for item in reader.outline if not isinstance(item, list)]
    assert outline and outline[0].title == title, "the first bookmark is the resource's title"
    roles = _structure_roles(catalog["/StructTreeRoot"])
    assert roles.count("/H1") == 1, "one top-level heading: the title"


# -- running footers -------------------------------------------------------------------------------


def test_the_footer_shows_the_whole_title_when_it_fits_else_the_short_title(project: SiteProject):
    printer = printer_for(project.content)
    room = printer.footer_characters
    # Title Case is wider than a sentence: the budget must still hold a title this long on one line.
    words = "Reflective Supervision Across Adult Social Care Teams Under Pressure In The First Year".split()
    fits = " ".join(words)
    while len(fits) > room:
        words.pop()
        fits = " ".join(words)
    fits = (fits + " " + "x" * room)[:room].rstrip()
    long = "Using supervision to support the wellbeing and retention of practice supervisors in adult social care"
    assert len(long) > room
    cases = {
        "fits": (fits, {}, fits),
        "given": (long + " teams", {"short_title": "Supervision for wellbeing"}, "Supervision for wellbeing"),
        "cut": (long, {}, printing.short_title(long, room)),
    }
    for slug, (title, front, _) in cases.items():
        project.resource("one-minute-guides", slug, title=title, **front)
    printer = printer_for(project.content)
    for slug, (_, _, footer) in cases.items():
        pdf = printing.render_resource_pdf(printer, printer.catalogue.get(slug))
        lines = (PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or "").splitlines()
        assert f"{footer} page 1 of 1" in lines, f"{slug}: the footer is not '{footer}' on one line: {lines[-3:]}"
    assert cases["cut"][2].endswith("…")


def test_the_footer_budget_comes_from_the_stylesheet():
    geometry = printing.page_geometry(printing.STYLESHEET)
    assert (geometry.top, geometry.bottom) == (20.0, 22.0)
    assert geometry.footer_size == pytest.approx(8.5)
    # A character of 0.6 em at the footer's size, in the footer's width.
    assert geometry.footer_characters == int(geometry.footer_width / (geometry.footer_size * 0.6 * MM_PER_PT))
    assert 60 <= geometry.footer_characters, "room for a front matter short_title (at most 60 characters)"


# -- worksheets to fill in --------------------------------------------------------------------------


def test_a_practice_tool_has_a_form_field_named_after_each_question(built: BuildResult):
    reader = PdfReader(built.site / "pdf" / "a-tool.pdf")
    fields = reader.get_fields()
    assert {name: f["/TU"] for name, f in fields.items()} == {
        "question-1": "What went well, and what made it work?",
        "question-2": "What would you change next time?",
        "question-3": "Who else needs to hear about it?",
        "notes-1": "Space to reflect: Note what you will do next.",
    }
    for field in fields.values():
        assert field["/FT"] == "/Tx" and int(field["/Ff"]) & (1 << 12), "a text field of several lines"
    catalog = reader.trailer["/Root"]
    assert len(catalog["/AcroForm"]["/Fields"]) == 4
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog, "still a tagged PDF"
    assert _structure_roles(catalog["/StructTreeRoot"]).count("/Form") == 4, "each field is tagged as a form"


def test_a_filled_in_worksheet_keeps_its_answers(built: BuildResult, tmp_path: Path):
    writer = PdfWriter(clone_from=built.site / "pdf" / "a-tool.pdf")
    writer.update_page_form_field_values(writer.pages[0], {"question-1": "We listened to each other."})
    saved = tmp_path / "answered.pdf"
    writer.write(saved)
    assert PdfReader(saved).get_fields()["question-1"]["/V"] == "We listened to each other."


def test_paper_still_shows_ruled_lines_under_each_field(built: BuildResult, tmp_path: Path):
    from PIL import Image

    pdf = built.site / "pdf" / "a-tool.pdf"
    reader = PdfReader(pdf)
    scale = 2  # pixels per point: 144 dpi, so a rule of 0.85 pt is never lost between two rows
    fields = 0
    for number, page in enumerate(reader.pages, start=1):
        run = ["pdftoppm", "-r", str(72 * scale), "-gray", "-f", str(number), "-l", str(number)]
        subprocess.run([*run, str(pdf), str(tmp_path / f"p{number}")], check=True)
        with Image.open(next(tmp_path.glob(f"p{number}-*.pgm"))) as image:
            picture = image.copy()
        height = float(page.mediabox.height)
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue
            fields += 1
            x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
            # The field, and the 4 pt of padding around it where the last rule may fall.
            box = (min(x1, x2), height - max(y1, y2) - 4, max(x1, x2), height - min(y1, y2) + 4)
            area = picture.crop(tuple(round(v * scale) for v in box))
            # A rule is a row dark across most of the field.
            dark = [sum(area.getpixel((x, y)) < 220 for x in range(area.width)) for y in range(area.height)]
            rows = [y for y, count in enumerate(dark) if count > area.width / 2]
            rules = len([y for i, y in enumerate(rows) if i == 0 or y - rows[i - 1] > 1])
            expected = SPACE_LINES if str(widget["/T"]).startswith("notes") else QUESTION_LINES
            assert rules == expected, f"{widget['/T']}: {rules} ruled lines under the field, not {expected}"
    assert fields == 4


def test_briefings_and_packs_have_no_form_fields(built: BuildResult):
    for pdf in (built.site / "pdf" / "a-briefing.pdf", *(built.site / "pdf" / "packs").glob("*.pdf")):
        assert "/AcroForm" not in PdfReader(pdf).trailer["/Root"], pdf.name


def _structure_roles(node) -> list[str]:
    """Every structure element's role (/S) under a node of a PDF's structure tree."""
    node = node.get_object()
    roles = [node["/S"]] if hasattr(node, "get") and "/S" in node else []
    kids = node.get("/K") if hasattr(node, "get") else None
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
            roles += _structure_roles(kid)
    return roles


# -- no more paper than the text needs ---------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_800_word_one_minute_guide_fits_on_two_sides(project: SiteProject, seed: int):
    """With end matter like the library's own guides: the team that wrote it, a source, an update."""
    project.write(
        "sources.yml",
        "sources:\n  - id: capabilities-2021\n    title: 'Capabilities, consistency and outcomes'\n"
        "    authors: [Gerry Nosowska]\n    year: 2021\n    publisher: Research in Practice\n"
        "    url: https://www.example.org/capabilities-consistency-and-outcomes\n    isbn: 978-1-911638-76-6\n",
    )
    project.resource(
        "one-minute-guides",
        "eight-hundred-words",
        guide_body(800, seed),
        title="Supporting a practice supervisor in their first year in post",
        summary="What changes in a practice supervisor's first year, what helps most, and the questions to ask "
        "at the start, at six months and at a year.",
        audience=["middle-leaders"],
        authors=[{"name": "Practice Supervisor Resource Library editorial team", "role": "Research in Practice"}],
        source=["capabilities-2021"],
        changes=[{"date": "2024-06-01", "note": "Credited the publication this guide draws on."}],
    )
    printer = printer_for(project.content, site_url="https://resources.example.org/")
    guide = printer.catalogue.get("eight-hundred-words")
    assert guide.word_count == 800
    pages = len(PdfReader(io.BytesIO(printing.render_resource_pdf(printer, guide))).pages)
    assert pages <= 2, f"an 800-word guide takes {pages} pages"


@pytest.mark.parametrize("before", range(0, 36, 4))
def test_a_table_keeps_its_heading_and_lead_in(project: SiteProject, before: int):
    """However much text comes first, the heading, its lead-in and the table's first row share a page."""
    filler = "\n\n".join(
        f"Paragraph {n} of the text before the table, long enough to take a line." for n in range(before)
    )
    body = (
        "Opening words.\n\n"
        + "## 1. A long section\n\n"
        + "\n\n".join(["Words " * 120] * 3)
        + f"\n\n{filler}\n\n## 2. Who does what\n\nThe table sets out who does what:\n\n"
        + "| Role | What they do |\n| --- | --- |\n"
        + "".join(f"| Role {n} | {'Something they do. ' * 6} |\n" for n in range(1, 6))
    )
    project.resource("briefings", "with-a-table", body)
    printer = printer_for(project.content)
    pdf = printing.render_resource_pdf(printer, printer.catalogue.get("with-a-table"))
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    where = {
        text: [i for i, page in enumerate(pages) if text in page]
        for text in ("2. Who does what", "The table sets out who does what:", "Role 1")
    }
    assert len({tuple(found) for found in where.values()}) == 1, where


def test_every_layout_stylesheet_is_in_the_cache_key(project: SiteProject, tmp_path: Path):
    import shutil

    project.resource("practice-tools", "keyed")
    base = printer_for(project.content)
    key = base.resource_key(base.catalogue.get("keyed"))
    templates = tmp_path / "templates"
    shutil.copytree(printing.PRINT_DIR, templates)
    sheet = templates / "layouts" / "worksheet.css"
    sheet.write_text(sheet.read_text() + "\n/* changed */\n")
    changed = printer_for(project.content, template_dir=templates)
    assert changed.resource_key(changed.catalogue.get("keyed")) != key
    assert "/* changed */" in changed.resource_document(changed.catalogue.get("keyed"))
    assert re.search(r"<style>.*\.lib-layout--worksheet", base.resource_document(base.catalogue.get("keyed")), re.S)
