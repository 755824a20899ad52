"""No wasted paper: every PDF of the project's own content and of a synthetic catalogue, page by page.

Each page's used height is measured on the PDF as a reader gets it (macros/printing/fill.py). No page
other than the last of a resource (or of a pack's cover and contents) is under 40% full, and no
resource's last page holds only its end matter. The measurement itself is checked on PDFs made to
fail: a page cut short by a forced break, and end matter forced onto a page of its own.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

import macros.printing.printer as printing
from conftest import BuildResult, SiteProject, printer_for
from macros.printing.fill import MIN_FILL, measure_pdf
from scripts.bench.synthetic import generate_catalogue, make_project, project_taxonomy

# Enough for every type at several lengths, a curated pack and both pathways, in under a minute.
SYNTHETIC_RESOURCES = 24


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = make_project(
        tmp_path_factory.mktemp("fill") / "synthetic", generate_catalogue(SYNTHETIC_RESOURCES, project_taxonomy())
    )
    result = SiteProject.at(root).build(pdf=True)
    assert result.code == 0, result.output
    return result


def _problems(site: Path) -> tuple[list[str], list[str]]:
    """Every PDF's problems, and one line describing each PDF (shown when the test fails)."""
    problems, report = [], []
    pdfs = sorted((site / "pdf").rglob("*.pdf"))
    assert pdfs, "no PDFs were built"
    for pdf in pdfs:
        fill = measure_pdf(pdf, name=pdf.relative_to(site).as_posix())
        problems += fill.problems()
        report.append(fill.describe())
    return problems, report


def _kinds(site: Path) -> set[str]:
    folders = {p.parent.name for p in (site / "pdf").rglob("*.pdf")}
    return {name if name in ("packs", "pathways") else "resource" for name in folders}


def test_the_projects_own_pdfs_waste_no_paper(own_site_with_pdfs: BuildResult):
    problems, report = _problems(own_site_with_pdfs.site)
    assert _kinds(own_site_with_pdfs.site) == {"resource", "packs", "pathways"}
    assert problems == [], "\n".join(problems + ["", *report])


def test_a_synthetic_catalogues_pdfs_waste_no_paper(synthetic_site: BuildResult):
    problems, report = _problems(synthetic_site.site)
    assert _kinds(synthetic_site.site) == {"resource", "packs", "pathways"}
    assert problems == [], "\n".join(problems + ["", *report])


def test_every_resource_of_a_pack_is_found_with_its_end_matter(synthetic_site: BuildResult):
    """The measurement knows where each resource of a pack ends, so each of its last pages is judged as one."""
    for pdf in (synthetic_site.site / "pdf" / "packs").glob("*.pdf"):
        fill = measure_pdf(pdf)
        listed = yaml.safe_load((synthetic_site.site.parent / "content" / "packs.yml").read_text(encoding="utf-8"))
        resources = next(p["resources"] for p in listed["packs"] if p["id"] == pdf.stem)
        assert len(fill.resources) == len(resources) >= 2, pdf.name
        assert [r.first for r in fill.resources] == sorted(r.first for r in fill.resources)
        assert fill.resources[0].first > 1, "the cover and contents come first"
        assert {r.last for r in fill.resources} <= fill.last_pages


# -- the measurement, on PDFs made to waste paper ----------------------------------------------------


def _printer_with_css(project: SiteProject, tmp_path: Path, extra: str) -> printing.Printer:
    stylesheet = tmp_path / "pdf.css"
    stylesheet.write_text(printing.STYLESHEET.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    return printer_for(project.content, stylesheet=stylesheet)


def _measure(pdf: bytes, tmp_path: Path, name: str):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return measure_pdf(path)


def test_a_page_cut_short_is_found(project: SiteProject, tmp_path: Path):
    body = "Opening words.\n\n## 1. First\n\nA short section.\n\n## 2. Second\n\n" + "\n\n".join(["Words " * 100] * 8)
    project.resource("briefings", "cut-short", body)
    printer = _printer_with_css(project, tmp_path, ".lib-body h2:nth-of-type(2) { break-before: page; }")
    fill = _measure(printing.render_resource_pdf(printer, printer.catalogue.get("cut-short")), tmp_path, "cut")
    thin = fill.thin_pages()
    assert len(thin) == 1 and thin[0].fill < MIN_FILL, fill.describe()
    assert f"page {thin[0].number} of {len(fill.pages)} is" in fill.problems()[0]


def test_end_matter_alone_on_the_last_page_is_found(project: SiteProject, tmp_path: Path):
    project.resource("one-minute-guides", "alone", "A short text.\n")
    printer = _printer_with_css(project, tmp_path, ".lib-end { break-before: page; }")
    fill = _measure(printing.render_resource_pdf(printer, printer.catalogue.get("alone")), tmp_path, "alone")
    assert len(fill.pages) == 2 and fill.resources[0].only_end_matter_last, fill.describe()
    assert "holds only its end matter" in fill.problems()[-1]
    # The same guide as the library prints it: one page, text and end matter together.
    plain = printer_for(project.content)
    fill = _measure(printing.render_resource_pdf(plain, plain.catalogue.get("alone")), tmp_path, "together")
    assert len(fill.pages) == 1 and not fill.resources[0].only_end_matter_last and fill.problems() == []


def test_a_cover_counts_as_a_full_page(project: SiteProject, tmp_path: Path):
    project.resource("briefings", "covered", "Words " * 400)
    printer = printer_for(project.content)
    pdf = printing.render_resource_pdf(printer, printer.catalogue.get("covered"))
    fill = _measure(pdf, tmp_path, "covered")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == len(fill.pages)
    assert fill.pages[0].fill > 0.95, "the cover's foot reaches the bottom margin"


def test_the_measurement_needs_only_the_pdf(own_site_with_pdfs: BuildResult, tmp_path: Path):
    """A PDF copied out of the site measures the same: nothing but the file is read."""
    pdf = next((own_site_with_pdfs.site / "pdf").glob("*.pdf"))
    copy = tmp_path / "copy.pdf"
    shutil.copy(pdf, copy)
    assert measure_pdf(copy, name="x").pages == measure_pdf(pdf, name="x").pages
