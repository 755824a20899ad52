"""Printable variants: the PDF of every resource, the audience packs, their cache, and the print stylesheet."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

import macros.printing.printer as printing
from conftest import BuildResult, SiteProject, printer_for, text_of
from macros.content.packs import Pack
from macros.printing.extension import QUESTION_LINES, SPACE_LINES, page_address

BRIEFING_BODY = """\
Opening words of the briefing.

## Key messages

- Supervision needs protected time.
- Leaders set the tone.

## 1. Why it matters

> Good supervision is the engine of good practice.

| Role | What they need |
| --- | --- |
| New supervisor | Induction and a peer network |
| Senior leader | Data on supervision quality |

See the [practice tool](../practice-tools/writing-space-tool.md)
and the [programme site](https://www.example.org/programme).

## Reflective questions

- How often does supervision happen as planned?
- What gets in its way?

## References

- Turner-Daly B (2019) Supervision that makes a difference. London: Example Press.
"""

TOOL_BODY = """\
A tool to use in a team meeting.

## How to use this tool

Work through the questions together.

## Questions to discuss

- What went well?

## Space to reflect

Note what you will do next.
"""


def _write_fixture(project: SiteProject) -> None:
    """Two resources for two audiences: one briefing (with everything a PDF shows) and one practice tool."""
    project.write(
        "sources.yml",
        "sources:\n  - id: example-2019\n    title: Supervision that makes a difference\n"
        "    authors: [Bea Turner-Daly, Skills for Care]\n    year: 2019\n    publisher: Example Press\n"
        "    url: https://www.example.org/supervision\n",
    )
    project.resource(
        "briefings",
        "protected-time-for-supervision",
        BRIEFING_BODY,
        title="Protected time for supervision: what senior leaders can do this year",
        summary="Why protected supervision time matters and how leaders can secure it.",
        audience=["senior-leaders"],
        pqs=["cf-3"],
        authors=[{"name": "Dr Jo Author", "role": "Research lead, Example University"}],
        editors=[{"name": "Pat Editor", "role": "Practice and Engagement Lead"}],
        short_title="Protected time",
        source=["example-2019"],
        published="2021-03-10",
        changes=[
            {"date": "2023-01-09", "note": "Corrected a figure."},
            {"date": "2024-06-01", "note": "Added the 2023 survey's findings.", "major": True},
        ],
        reviewed="2024-06-01",
        isbn="978-1-911638-76-6",
        keywords=["protected time", "supervision culture"],
    )
    project.resource(
        "practice-tools",
        "writing-space-tool",
        TOOL_BODY,
        title="A writing space tool",
        audience=["practice-supervisors"],
        published="2022-05-04",
    )
    project.write("packs.yml", PACKS)


# Two curated packs: one holds both resources, the other only the tool.
PACKS = """
packs:
  - id: leaders-pack
    title: Making time for supervision
    description: What leaders can do, and a tool to use with supervisors.
    audience: senior-leaders
    date: 2024-07-01
    resources: [protected-time-for-supervision, writing-space-tool]
  - id: tool-pack
    title: A tool to write in
    description: One practice tool.
    audience: practice-supervisors
    date: 2024-07-01
    resources: [writing-space-tool]
"""


BRIEFING = "briefings/protected-time-for-supervision"
TOOL = "practice-tools/writing-space-tool"
BRIEFING_HEADINGS = ["Key messages", "1. Why it matters", "Reflective questions", "References"]


def _build(project: SiteProject, monkeypatch: pytest.MonkeyPatch) -> BuildResult:
    return project.build(pdf=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The two-resource site, built once with its PDFs for the read-only tests below."""
    project = SiteProject(tmp_path_factory.mktemp("printing") / "project")
    _write_fixture(project)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        result = _build(project, monkeypatch)
    assert result.code == 0, result.output
    return result


def _text(pdf: Path) -> str:
    """All the text of a PDF, with whitespace (line and page breaks) collapsed to single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages).split())


def _download_link(html: str) -> tuple[int, int]:
    """(pages, KB) from a 'Download PDF … (N pages, X KB)' link."""
    match = re.search(r"Download PDF.*?\(\s*(\d+) pages?, (\d+) KB\s*\)", text_of(html), re.DOTALL)
    assert match, "no Download PDF link"
    return int(match.group(1)), int(match.group(2))


# -- what is in a resource's PDF ---------------------------------------------------------------


def test_resource_pdf_has_cover_body_and_end_matter(built: BuildResult):
    text = _text(built.site / "pdf" / "protected-time-for-supervision.pdf")
    for expected in [
        "Practice Supervisor Development Programme",  # programme (site setting)
        "Senior Managers’ Briefing",  # the type's cover label (taxonomy), its apostrophe set by the build
        "Protected time for supervision: what senior leaders can do this year",
        "For senior leaders",
        "Research in Practice",
        "The Tavistock and Portman NHS Foundation Trust",
        "University of Sussex",
        "Funded by the Department for Education",
        *BRIEFING_HEADINGS,
        "Good supervision is the engine of good practice.",  # quote
        "Induction and a peer network",  # table
        "Turner-Daly B (2019) Supervision that makes a difference.",  # reference
        "Written by Dr Jo Author, Research lead, Example University",  # author with role
        "Edited by Pat Editor, Practice and Engagement Lead",  # editor with role
        # The publication it draws on, with that publication's own authors.
        "Based on Turner-Daly, B. and Skills for Care (2019) Supervision that makes a difference. Example Press. "
        "Available at: https://www.example.org/supervision.",
        "Published 10 March 2021",
        "Last updated 1 June 2024: Added the 2023 survey’s findings.",  # the latest change, not the earlier one
        "Cite as: Author, J. (2021) Protected time for supervision: what senior leaders can do this year. "
        "[Briefing]. Research in Practice.",
        "ISBN 978-1-911638-76-6",
        "© Research in Practice, March 2021",
        "The Granary, Dartington Hall, Totnes, Devon, TQ9 6EE",  # publisher details
        "ask@researchinpractice.org.uk",
        "Registered charity No. 279756",
        "Company No. 1485560",
        "(https://www.example.org/programme)",  # an external link prints its address
        # A link to another resource points at its page on the web, not at a file.
        "https://resources.example.org/practice-tools/writing-space-tool/",
    ]:
        assert expected in text, f"{expected!r} is missing from the PDF"
    assert "Corrected a figure." not in text
    # The title fits the footer, so the footer shows it whole (its short_title is for a footer too narrow).
    assert re.search(r"can do this year page 2 of \d+", text), "running footer: the title, page X of Y"
    assert "¶" not in text, "web permalinks must not be printed"


def test_resource_pdf_metadata_language_tags_and_a4(built: BuildResult):
    reader = PdfReader(built.site / "pdf" / "protected-time-for-supervision.pdf")
    info = reader.metadata
    assert info.title == "Protected time for supervision: what senior leaders can do this year"
    assert info.author == "Dr Jo Author"
    assert info.subject == "Why protected supervision time matters and how leaders can secure it."
    assert info["/Keywords"] == "protected time, supervision culture"
    assert info["/CreationDate"].startswith("D:20210310") and info["/ModDate"].startswith("D:20240601")
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in catalog
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data(), "declared PDF/UA-1"
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - 595.28) < 1 and abs(float(box.height) - 841.89) < 1
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    nested = [child.title for item in reader.outline if isinstance(item, list) for child in item]
    for heading in BRIEFING_HEADINGS:
        assert heading in outline + nested, f"no bookmark for {heading!r}"


def test_fonts_are_embedded(built: BuildResult):
    reader = PdfReader(built.site / "pdf" / "protected-time-for-supervision.pdf")
    fonts = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font["/FontDescriptor"]
            )
            fonts.append((font["/BaseFont"], any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))))
    assert fonts and all(embedded for _, embedded in fonts), fonts


def test_pages_and_listings_link_each_pdf_with_pages_and_size(built: BuildResult):
    for url, slug in [(BRIEFING + "/", "protected-time-for-supervision"), (TOOL + "/", "writing-space-tool")]:
        pdf = built.site / "pdf" / f"{slug}.pdf"
        pages, kb = _download_link(built.html(url))
        assert pages == len(PdfReader(pdf).pages)
        assert kb == max(1, round(pdf.stat().st_size / 1024))
        assert f'href="../../pdf/{slug}.pdf"' in built.html(url)
    listing = built.html("briefings/")
    assert 'href="../pdf/protected-time-for-supervision.pdf"' in listing
    assert _download_link(listing)[0] == len(PdfReader(built.site / "pdf" / "protected-time-for-supervision.pdf").pages)


def test_practice_tool_gives_space_to_write(built: BuildResult):
    printer = _printer(built.site.parent / "content")
    html = printer.body_html(printer.catalogue.get("writing-space-tool"))
    assert '<ul class="lib-questions">' in html
    lines = '<div class="lib-line"></div>'
    # Each space says what it is the answer to: the form field over it takes that as its name.
    assert f'What went well?<div class="lib-lines" title="What went well?">{lines * QUESTION_LINES}</div></li>' in html
    space = '<div class="lib-writing-space" title="Space to reflect: Note what you will do next.">'
    assert f"{space}{lines * SPACE_LINES}</div>" in html
    assert "What went well?" in _text(built.site / "pdf" / "writing-space-tool.pdf")


# -- packs -------------------------------------------------------------------------------------


def test_each_curated_pack_is_printed_and_listed_with_its_size(built: BuildResult):
    packs = built.site / "pdf" / "packs"
    assert sorted(p.name for p in packs.iterdir()) == ["leaders-pack.pdf", "tool-pack.pdf"]
    page = built.html("packs/")
    match = re.search(r'<a[^>]*href="../pdf/packs/leaders-pack.pdf"[^>]*>(.*?)</a>', page, re.S)
    assert match, "the Packs page does not link the pack"
    pages, kb = map(int, re.search(r"\(PDF, (\d+) pages, (\d+) KB\)", text_of(match.group(1))).groups())
    assert pages == len(PdfReader(packs / "leaders-pack.pdf").pages)
    assert kb == max(1, round((packs / "leaders-pack.pdf").stat().st_size / 1024))
    listed = text_of(page)
    assert "Making time for supervision For senior leaders · 2 resources · 1 July 2024" in listed
    # An audience's page points to its packs; an audience with none says nothing of packs.
    assert re.search(
        r'<a href="../../packs/#lib-pack-leaders-pack">Making time for supervision</a>',
        built.html("audiences/senior-leaders/"),
    )
    assert (
        "packs/" not in built.html("audiences/middle-leaders/").split('<div class="md-content"')[1].split("<footer")[0]
    )


def test_pack_cover_gives_title_audience_and_date_once_then_contents_and_each_resource(built: BuildResult):
    reader = PdfReader(built.site / "pdf" / "packs" / "leaders-pack.pdf")
    assert reader.metadata.title == "Making time for supervision"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    cover = pages[0]
    assert "Resource pack" in cover
    for once in ("Making time for supervision", "For senior leaders", "1 July 2024"):
        assert cover.count(once) == 1, (once, cover)
    assert "Contents" in pages[1]
    title = "Protected time for supervision: what senior leaders can do this year"
    match = re.search(re.escape(title) + r".*?(\d+)\b", pages[1])
    assert match, pages[1]
    starts_on = int(match.group(1))
    assert title in pages[starts_on - 1], "the contents page number must be where the resource starts"
    whole = " ".join(pages)
    for heading in BRIEFING_HEADINGS + ["Dr Jo Author", "Turner-Daly B (2019)", "A writing space tool"]:
        assert heading in whole
    assert whole.index(title) < whole.index("A writing space tool"), "in the order packs.yml gives"


def test_each_pathway_prints_as_a_pack_linked_from_its_page(project: SiteProject):
    project.resource("briefings", "step-one", audience=["practice-supervisors"])
    project.resource("practice-tools", "step-two", audience=["practice-supervisors"])
    project.write(
        "pathways.yml",
        """
        pathways:
          - id: first-steps
            title: First steps
            audience: practice-supervisors
            description: Two steps.
            steps: [step-one, step-two]
        """,
    )
    result = project.build(pdf=True)
    assert result.code == 0, result.output
    pdf = result.site / "pdf" / "pathways" / "first-steps.pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Learning pathway" in text and text.index("Step one") < text.index("Step two")
    assert 'href="../../pdf/pathways/first-steps.pdf"' in result.html("pathways/first-steps/")
    assert "First steps" in text_of(result.html("packs/"))


# -- cache, determinism, failure -----------------------------------------------------------------


def test_cache_renders_nothing_unchanged_and_only_what_a_change_touches(tmp_path: Path, monkeypatch):
    project = SiteProject(tmp_path / "project")
    _write_fixture(project)
    first = _build(project, monkeypatch)
    assert first.code == 0, first.output
    assert "Rendering PDFs: 4 of 4" in first.output, first.output  # 2 resources + 2 packs

    second = _build(project, monkeypatch)
    assert second.code == 0, second.output
    assert "Rendering PDFs" not in second.output and "PDFs: 0 rendered, 4 unchanged" in second.output
    assert second.library.pdf_set.rendered == []
    cached = second.library.pdf_set.files["pdf/packs/leaders-pack.pdf"]
    assert cached.parent == project.root / ".cache" / "pdf"
    assert (second.site / "pdf" / "packs" / "leaders-pack.pdf").read_bytes() == cached.read_bytes()

    path = project.content / "practice-tools" / "writing-space-tool.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("What went well?", "What went well, and why?"), encoding="utf-8"
    )
    third = _build(project, monkeypatch)
    assert third.code == 0, third.output
    # The changed resource and the two packs that hold it; the other resource is unchanged.
    assert "Rendering PDFs: 3 of 3" in third.output and "PDFs: 3 rendered, 1 unchanged" in third.output
    assert sorted(third.library.pdf_set.rendered) == [
        "content/packs.yml (the resource pack 'leaders-pack')",
        "content/packs.yml (the resource pack 'tool-pack')",
        "content/practice-tools/writing-space-tool.md",
    ]
    changed = project.content / "briefings" / "protected-time-for-supervision.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("engine", "heart"), encoding="utf-8")
    fourth = _build(project, monkeypatch)
    assert sorted(fourth.library.pdf_set.rendered) == [
        "content/briefings/protected-time-for-supervision.md",
        "content/packs.yml (the resource pack 'leaders-pack')",
    ], "only the packs that hold a changed resource are rendered again"
    assert "What went well, and why?" in _text(third.site / "pdf" / "writing-space-tool.pdf")


def test_same_input_gives_byte_identical_pdfs_in_another_folder(built: BuildResult, tmp_path: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    other = SiteProject(tmp_path / "elsewhere" / "copy")
    _write_fixture(other)
    result = _build(other, monkeypatch)
    assert result.code == 0, result.output
    assert "Rendering PDFs: 4 of 4" in result.output, "a cold build renders every PDF"
    ours = sorted(p.relative_to(built.site) for p in (built.site / "pdf").rglob("*.pdf"))
    theirs = sorted(p.relative_to(result.site) for p in (result.site / "pdf").rglob("*.pdf"))
    assert ours == theirs and len(ours) == 4
    for rel in ours:
        assert (built.site / rel).read_bytes() == (result.site / rel).read_bytes(), f"{rel} differs"


def test_a_pdf_that_fails_fails_the_build_and_leaves_the_site_alone(tmp_path: Path, monkeypatch):
    project = SiteProject(tmp_path / "project")
    _write_fixture(project)
    first = _build(project, monkeypatch)
    assert first.code == 0, first.output
    before = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}

    def broken(html, *args, **kwargs):
        raise ValueError("the printer is out of paper")

    monkeypatch.setattr(printing, "render_pdf", broken)
    monkeypatch.setenv("LIBRARY_PDF_WORKERS", "1")  # render in this process, where the patch applies
    project.resource(
        "briefings",
        "protected-time-for-supervision",
        BRIEFING_BODY + "\nOne more line.\n",
        audience=["senior-leaders"],
        pqs=["cf-3"],
    )
    failed = _build(project, monkeypatch)
    assert failed.code == 1
    assert "content/briefings/protected-time-for-supervision.md:1: the PDF could not be rendered" in failed.output
    assert "the printer is out of paper" in failed.output
    after = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    assert after == before, "a failed build must leave the previous site exactly as it was"
    assert not list((project.root / ".cache" / "pdf").glob("*.tmp")), "no half-written file in the cache"
    assert not (project.root / "site.tmp").exists()


def test_an_image_that_is_not_an_image_is_refused_before_any_pdf(tmp_path: Path, monkeypatch):
    project = SiteProject(tmp_path / "project")
    project.resource("practice-tools", "tool-with-picture", "Intro.\n\n![A diagram of the cycle](cycle.png)\n")
    project.write("practice-tools/cycle.png", b"this is not a picture")
    result = _build(project, monkeypatch)
    assert result.code == 1
    assert "content/practice-tools/cycle.png:1: file is not a PNG image" in result.output
    assert "Rendering PDFs" not in result.output
    assert not (project.root / "site").exists()


def test_images_in_content_are_printed(tmp_path: Path, monkeypatch):
    project = SiteProject(tmp_path / "project")
    from PIL import Image

    project.resource("practice-tools", "tool-with-picture", "Intro.\n\n![A diagram of the cycle](cycle.png)\n")
    Image.new("RGB", (40, 20), (29, 79, 110)).save(project.content / "practice-tools" / "cycle.png")
    result = _build(project, monkeypatch)
    assert result.code == 0, result.output
    page = PdfReader(result.site / "pdf" / "tool-with-picture.pdf").pages[0]  # a worksheet has no cover page
    assert any(obj.get_object().get("/Subtype") == "/Image" for obj in page["/Resources"]["/XObject"].values())


def test_no_pdf_build_has_no_pdfs_and_no_links(sample_project: SiteProject, monkeypatch):
    result = sample_project.build(pdf=False)
    assert result.code == 0, result.output
    assert not (result.site / "pdf").exists()
    assert "Download PDF" not in result.html("briefings/leading-supervision/")
    assert "Rendering PDFs" not in result.output


# -- print HTML details (no rendering) -------------------------------------------------------------


_printer = printer_for


def test_source_date_epoch_fixes_the_pdf_dates(project: SiteProject, monkeypatch):
    project.resource("briefings", "dated", published="2020-01-15")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    printer = _printer(project.content)
    html = printer.resource_document(printer.catalogue.get("dated"))
    assert '<meta name="dcterms.created" content="2023-11-14T22:13:20Z">' in html
    assert '<meta name="dcterms.modified" content="2023-11-14T22:13:20Z">' in html
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    html = _printer(project.content).resource_document(printer.catalogue.get("dated"))
    assert '<meta name="dcterms.created" content="2020-01-15">' in html


def test_pack_keeps_each_resources_anchors_apart(project: SiteProject):
    for slug in ("first", "second"):
        project.resource(
            "briefings", slug, "Words.[^1]\n\n## References\n\n[^1]: A note.\n", audience=["senior-leaders"]
        )
    printer = _printer(project.content, markdown_extensions=["footnotes", "toc"])
    audience = printer.catalogue.taxonomy.audience("senior-leaders")
    pack = Pack("both", "Both", "Two.", audience, date(2024, 1, 1), tuple(printer.catalogue))
    html = printer.pack_document(pack)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids in the pack"
    assert 'id="r-first-references"' in html and 'id="r-second-references"' in html
    assert '<h3 id="r-first-references">' in html, "resource headings sit one level under the resource title"
    for target in re.findall(r'href="#([^"]+)"', html):
        assert target in ids, f"#{target} leads nowhere"


def test_cache_key_follows_every_input(project: SiteProject, monkeypatch):
    project.resource("briefings", "keyed")
    base = _printer(project.content)
    resource = base.catalogue.get("keyed")
    key = base.resource_key(resource)
    assert _printer(project.content).resource_key(resource) == key, "same input, same key"
    assert _printer(project.content, site_url="https://elsewhere.example/").resource_key(resource) != key
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _printer(project.content).resource_key(resource) != key
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    templates = project.root / "print"
    shutil.copytree(printing.PRINT_DIR, templates)
    (templates / "pdf.css").write_text(printing.STYLESHEET.read_text() + "\n/* changed */\n")
    changed = _printer(project.content, template_dir=templates, stylesheet=templates / "pdf.css")
    assert changed.resource_key(resource) != key


def test_the_fonts_the_pdfs_embed_are_part_of_the_key(project: SiteProject, monkeypatch):
    project.resource("briefings", "keyed")
    resource = _printer(project.content).catalogue.get("keyed")
    key = _printer(project.content).resource_key(resource)
    # Another font file found for a family the stylesheet names (a font package updated) gives another key.
    monkeypatch.setattr(printing, "fonts_key", lambda stylesheet: "other font files")
    assert _printer(project.content).resource_key(resource) != key
    monkeypatch.undo()
    css = printing.STYLESHEET.read_text(encoding="utf-8")
    assert printing.fonts_key(css) == printing.fonts_key(css)
    assert printing.fonts_key(css) != printing.fonts_key(css.replace('"Liberation Sans", ', ""))


def test_the_cache_keeps_only_what_the_last_build_used(tmp_path: Path, monkeypatch):
    project = SiteProject(tmp_path / "project")
    _write_fixture(project)
    assert _build(project, monkeypatch).code == 0
    cache = project.root / ".cache" / "pdf"
    assert len(list(cache.glob("*.pdf"))) == 4 and len(list(cache.glob("*.json"))) == 4
    (project.content / "packs.yml").unlink()
    path = project.content / "practice-tools" / "writing-space-tool.md"
    path.write_text(path.read_text(encoding="utf-8").replace("What went well?", "What went well, and why?"))
    result = _build(project, monkeypatch)
    assert result.code == 0, result.output
    assert "PDF cache: removed 3 PDFs no build of this content uses" in result.output
    used = {p.name for p in result.library.pdf_set.files.values()}
    assert {p.name for p in cache.glob("*.pdf")} == used and len(used) == 2
    assert {p.stem for p in cache.glob("*.json")} == {Path(name).stem for name in used}


def test_short_title_for_the_running_footer():
    assert printing.short_title("Short title") == "Short title"
    assert (
        printing.short_title("Protected time for supervision: what senior leaders can do this year")
        == "Protected time for supervision"
    )
    long = "Supporting the move from social worker to practice supervisor in a large organisation"
    assert printing.short_title(long) == "Supporting the move from social worker to…"
    assert len(printing.short_title(long)) <= printing.SHORT_TITLE_LIMIT + 1


# -- the print stylesheet of every web page (how it prints is tested in a browser: tests/browser) -------


def test_every_page_links_the_print_stylesheet(built: BuildResult):
    for url in ("", BRIEFING + "/", "audiences/senior-leaders/"):
        # Only for print: on screen it would hold the page up for nothing.
        assert re.search(r'<link[^>]+href="[^"]*assets/css/print\.css" media="print">', built.html(url)), url


def test_ruled_lines_follow_each_question_even_with_a_nested_list(project: SiteProject):
    project.resource(
        "practice-tools",
        "nested",
        "Intro.\n\n## Questions to discuss\n\n"
        "- What went well?\n    - In the room\n    - Afterwards\n- What would you change?\n",
    )
    html = _printer(project.content).body_html(_printer(project.content).catalogue.get("nested"))
    ruled = '<div class="lib-line"></div>' * QUESTION_LINES + "</div>"
    # Each block of lines is named after its own question, without the sub-list's words.
    lines = f'<div class="lib-lines" title="What went well?">{ruled}'
    first, second = html.split("<li>What would you change?")
    assert first.count(lines) == 1 and first.rstrip().endswith(lines + "</li>"), "after the question, not its sub-list"
    assert "<li>In the room</li>" in first, "a nested item gets no lines of its own"
    assert second.count(f'<div class="lib-lines" title="What would you change?">{ruled}') == 1


@pytest.mark.parametrize(
    "href,src_uri,expected",
    [
        ("../one-minute-guides/first-year.md", "briefings/x.md", "one-minute-guides/first-year/"),
        ("other.md#questions", "briefings/x.md", "briefings/other/#questions"),
        ("../index.md", "briefings/x.md", ""),
        ("index.md", "briefings/x.md", "briefings/"),
        ("reindex.md", "briefings/x.md", "briefings/reindex/"),  # a name ending in "index" is a page of its own
        ("../about.md", "practice-tools/x.md", "about/"),
        ("https://example.org/a.md", "briefings/x.md", None),
        ("#part", "briefings/x.md", None),
    ],
)
def test_print_links_point_at_the_page_on_the_web(href, src_uri, expected):
    assert page_address(href, src_uri) == expected
