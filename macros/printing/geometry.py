"""The printed page as the print stylesheet (`pdf.css`) sets it: margins and the running footer.

Read from the stylesheet's plain `@page` rule, so the stylesheet stays the one place they are set:
the page-fill measurement (fill.py) needs the margins, and the printer needs the footer's width
and type size to know how long a title fits in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

MM_PER_INCH = 25.4
MM_PER_PT = MM_PER_INCH / 72
A4_MM = (210.0, 297.0)
_MM = {"mm": 1.0, "cm": 10.0, "in": MM_PER_INCH, "pt": MM_PER_PT, "px": MM_PER_INCH / 96}
# The widest average advance, as a share of the type size, of a title in Liberation Sans or DejaVu
# Sans, the fonts the PDFs use. Titles in sentence case average 0.44-0.47 em a character in Liberation
# Sans (measured from its advance widths over the project's titles and 300 synthetic ones); 0.6 em
# leaves room for the wider DejaVu Sans and for titles with many capitals. A footer may waste a
# little space; it must never wrap.
FOOTER_EM_PER_CHARACTER = 0.6


@dataclass(frozen=True)
class PageGeometry:
    """An A4 page's margins (mm) and its running footer's width (mm) and type size (pt)."""

    top: float
    right: float
    bottom: float
    left: float
    footer_width: float
    footer_size: float
    width: float = A4_MM[0]
    height: float = A4_MM[1]

    @property
    def text_height(self) -> float:
        """The height of the text area between the top and bottom margins."""
        return self.height - self.top - self.bottom

    @property
    def footer_characters(self) -> int:
        """How many characters of a title always fit in the footer on one line (see FOOTER_EM_PER_CHARACTER)."""
        return int(self.footer_width / (self.footer_size * FOOTER_EM_PER_CHARACTER * MM_PER_PT))


@cache
def page_geometry(stylesheet: Path) -> PageGeometry:
    """The page of `stylesheet`'s first `@page` rule without a selector: its `margin` and `@bottom-left` box."""
    import tinycss2

    rules = tinycss2.parse_stylesheet(Path(stylesheet).read_text(encoding="utf-8"), True, True)
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "page" or tinycss2.serialize(rule.prelude).strip():
            continue
        found: dict[str, list] = {}
        for item in tinycss2.parse_blocks_contents(rule.content, True, True):
            if item.type == "declaration":
                found[item.lower_name] = _values(item.value)
            elif item.type == "at-rule" and item.lower_at_keyword == "bottom-left":
                for inner in tinycss2.parse_blocks_contents(item.content, True, True):
                    if inner.type == "declaration":
                        found[f"footer-{inner.lower_name}"] = _values(inner.value)
        try:
            top, right, bottom, left = _box([_mm(v) for v in found["margin"]])
            width = _mm(found["footer-width"][0])
            size = _mm(found["footer-font-size"][0]) / MM_PER_PT
        except KeyError as missing:
            raise ValueError(f"{stylesheet}: its @page rule sets no {missing.args[0]}") from None
        return PageGeometry(top, right, bottom, left, width, size)
    raise ValueError(f"{stylesheet} has no @page rule")


def _values(tokens) -> list:
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def _mm(token) -> float:
    if token.type == "number" and token.value == 0:
        return 0.0
    if token.type == "dimension" and token.lower_unit in _MM:
        return float(token.value) * _MM[token.lower_unit]
    raise ValueError(f"cannot read the length '{token.serialize()}' in the print stylesheet")


def _box(values: list[float]) -> tuple[float, float, float, float]:
    """CSS's shorthand: one to four values as (top, right, bottom, left)."""
    if len(values) == 1:
        return values[0], values[0], values[0], values[0]
    if len(values) == 2:
        return values[0], values[1], values[0], values[1]
    if len(values) == 3:
        return values[0], values[1], values[2], values[1]
    return values[0], values[1], values[2], values[3]
