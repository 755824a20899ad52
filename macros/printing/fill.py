"""How much of each printed page a PDF uses, and which pages waste paper.

Measured on the PDF itself, as a reader gets it, so it holds for any PDF the build makes (a
resource, a pack, whatever a pack becomes) without knowing how it was laid out:

- **Used height.** Each page is rasterised in grey by poppler's `pdftoppm` (at 36 dpi: a pixel is
  0.7 mm, finer than any line of text) and the used height is the lowest row holding ink above
  the bottom page margin, where the running footer lives. Ink is anything darker than almost
  white (`INK`), so a shaded box or a ruled line to write on counts as used, as on paper. A page's
  fill is that height, less the top margin, as a share of the text area (A4 less the margins of
  `pdf.css`'s `@page` rule); a cover, whose foot reaches the margin, counts as full.
- **Resources and their end matter.** A PDF's bookmarks say where each resource starts (its title),
  and its named destinations say where its end matter starts (the heading `_end.html` writes, whose
  id ends in `END_MATTER_ID_SUFFIX`). A resource is a bookmark with the end matter's bookmark among
  its children (a pack has several, a resource's own PDF one); it runs to the page before the next
  one starts. Pages before the first resource (a pack's cover and contents) form a front section.
- **Last pages** are the last page of each resource and of the front section, and the PDF's last.
  A last page holds only end matter when its resource's end matter starts on an earlier page, or
  at the top of this one with no ink above it (`PRECEDING_GAP_MM` allows for the rule above it).

Rasterising costs about 0.05 s a page; the layout engine's own boxes would be exact but are
available only while rendering, and a measurement that reads the PDF can also be run on the
PDFs of any build (`make bench`, an old `site/`).
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from macros.printing.geometry import MM_PER_INCH, PageGeometry, page_geometry

DPI = 36
INK = 250  # grey levels 0-255: below this a pixel is ink (#f3f6f8, the lightest shading used, is 245)
# The end matter's heading has a rule and padding above it (pdf.css: .lib-end): ink within this of
# its top belongs to the end matter.
PRECEDING_GAP_MM = 8.0
END_MATTER_ID_SUFFIX = "-about"
MIN_FILL = 0.40  # a page other than a last page must use at least this share of its text area


@dataclass(frozen=True)
class Page:
    """One page's measurements: its number (from 1) and the ink it holds, in mm from the top of the page."""

    number: int
    first_ink: float | None  # the top of the highest ink in the text area's band, None for a blank page
    last_ink: float | None  # the bottom of the lowest ink above the footer
    fill: float  # the used share of the text area's height, 0 to 1


@dataclass(frozen=True)
class Resource:
    """One resource of a PDF: its title (from its bookmark), its pages and where its end matter starts."""

    title: str
    first: int
    last: int
    end_matter: tuple[int, float] | None  # (page number, mm from the top), None if it has none
    only_end_matter_last: bool  # its last page holds nothing but end matter


@dataclass(frozen=True)
class PdfFill:
    """How a PDF uses its pages."""

    name: str
    pages: tuple[Page, ...]
    resources: tuple[Resource, ...]
    last_pages: frozenset[int]  # the pages a section ends on: exempt from the minimum fill

    def thin_pages(self, minimum: float = MIN_FILL) -> list[Page]:
        """Pages other than last pages that use less than `minimum` of their text area."""
        return [p for p in self.pages if p.number not in self.last_pages and p.fill < minimum]

    def problems(self, minimum: float = MIN_FILL) -> list[str]:
        """What wastes paper, one line each naming the PDF, the page and its fill."""
        total = len(self.pages)
        found = [
            f"{self.name}: page {p.number} of {total} is {p.fill:.0%} full (a page that is not the last of "
            f"a resource must be at least {minimum:.0%} full)"
            for p in self.thin_pages(minimum)
        ]
        found += [
            f"{self.name}: page {r.last} of {total}, the last page of '{r.title}', holds only its end matter "
            f"(it is {self.pages[r.last - 1].fill:.0%} full)"
            for r in self.resources
            if r.only_end_matter_last
        ]
        return found

    def lowest(self) -> Page | None:
        """The least full page that is not a last page, if there is one."""
        candidates = [p for p in self.pages if p.number not in self.last_pages]
        return min(candidates, key=lambda p: (p.fill, p.number)) if candidates else None

    def describe(self) -> str:
        """One line for a report: pages, the least full page that is not a last page, and the last pages."""
        low = self.lowest()
        lowest = f"lowest {low.fill:.0%} (page {low.number})" if low else "no page but last pages"
        ends = []
        for r in self.resources or ():
            kind = "only end matter" if r.only_end_matter_last else "text and end matter"
            ends.append(f"p{r.last} {self.pages[r.last - 1].fill:.0%} {kind}")
        if not self.resources:
            ends.append(f"p{len(self.pages)} {self.pages[-1].fill:.0%}")
        return f"{self.name}: {len(self.pages)} pages, {lowest}; last pages: {', '.join(ends)}"


def measure_pdf(path: Path, stylesheet: Path | None = None, name: str | None = None) -> PdfFill:
    """Measure every page of the PDF at `path` (see the module's docstring)."""
    from pypdf import PdfReader

    from macros.printing.printer import STYLESHEET

    geometry = page_geometry(Path(stylesheet or STYLESHEET))
    masks = _ink_masks(Path(path))
    pages = tuple(_page(number, mask, geometry) for number, mask in enumerate(masks, start=1))
    reader = PdfReader(path)
    if len(reader.pages) != len(pages):
        raise ValueError(f"{path}: pdftoppm gave {len(pages)} pages of {len(reader.pages)}")
    page_height_pt = float(reader.pages[0].mediabox.height)

    def place(destination) -> tuple[int, float]:
        """(page number, mm from the top) of a bookmark or named destination."""
        top = destination.top if destination.top is not None else page_height_pt
        return reader.get_destination_page_number(destination) + 1, (page_height_pt - float(top)) * MM_PER_INCH / 72

    ends = [place(d) for n, d in sorted(reader.named_destinations.items()) if n.endswith(END_MATTER_ID_SUFFIX)]
    starts: list[tuple[str, int, tuple[int, float]]] = []  # title, first page, end matter

    def walk(items: list) -> None:
        for position, item in enumerate(items):
            if isinstance(item, list):
                walk(item)
                continue
            children = (
                items[position + 1] if position + 1 < len(items) and isinstance(items[position + 1], list) else []
            )
            for child in children:
                if isinstance(child, list):
                    continue
                here = place(child)
                if any(here[0] == p and abs(here[1] - mm) < 1 for p, mm in ends):
                    starts.append((str(item.title), place(item)[0], here))
                    break

    walk(reader.outline)
    starts.sort(key=lambda s: s[1])
    resources = []
    for index, (title, first, end) in enumerate(starts):
        last = starts[index + 1][1] - 1 if index + 1 < len(starts) else len(pages)
        resources.append(Resource(title, first, last, end, _only_end_matter(pages, last, end)))
    last_pages = {len(pages)} | {r.last for r in resources}
    if resources and resources[0].first > 1:
        last_pages.add(resources[0].first - 1)  # the front section of a pack: cover, contents
    return PdfFill(name or str(path), pages, tuple(resources), frozenset(last_pages))


def _only_end_matter(pages: tuple[Page, ...], last: int, end: tuple[int, float]) -> bool:
    page, top = end
    if page < last:
        return True
    if page > last:
        return False
    first = pages[last - 1].first_ink
    return first is None or first >= top - PRECEDING_GAP_MM


def _page(number: int, mask, geometry: PageGeometry) -> Page:
    mm_per_px = MM_PER_INCH / DPI
    footer_top = round((geometry.height - geometry.bottom) / mm_per_px)
    box = mask.crop((0, round(geometry.top / mm_per_px), mask.width, footer_top)).getbbox()
    if box is None:
        return Page(number, None, None, 0.0)
    first = geometry.top + box[1] * mm_per_px
    last = geometry.top + box[3] * mm_per_px
    fill = min(1.0, max(0.0, (last - geometry.top) / geometry.text_height))
    return Page(number, first, last, fill)


def _ink_masks(path: Path) -> list:
    """Each page as a one-bit image: white where there is ink."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="fill-") as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", str(path), str(Path(folder) / "page")],
            check=True,
            capture_output=True,
        )
        masks = []
        for image_path in sorted(Path(folder).glob("page-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            with Image.open(image_path) as image:
                masks.append(image.point(lambda v: 255 if v < INK else 0).copy())
        return masks
