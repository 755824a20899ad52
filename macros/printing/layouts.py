"""The print layouts a resource type may choose (`print_layout` in the taxonomy).

A layout is a template, `templates/layouts/<name>.html` (what comes before the text, then the
text and its end matter from `_text.html`), with its stylesheet beside it,
`templates/layouts/<name>.css` (rules scoped to `.lib-layout--<name>`). Adding one is adding
those two files: the taxonomy accepts any name found here, and a type chooses it as data.
"""

from __future__ import annotations

from pathlib import Path

LAYOUTS_DIR = Path(__file__).resolve().parent / "templates" / "layouts"
# What a type that names no layout gets: a cover page, then the text (the briefings' layout).
DEFAULT_LAYOUT = "cover"


def print_layouts(folder: Path = LAYOUTS_DIR) -> tuple[str, ...]:
    """The names of the layouts in `folder`, sorted."""
    return tuple(sorted(p.stem for p in Path(folder).glob("*.html")))
