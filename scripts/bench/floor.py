"""The benchmark's floor: Python-Markdown alone turning every page into HTML, nothing else.

Run as `python -m scripts.bench.floor CONTENT_DIR OUT_DIR EXTENSIONS_JSON`, so the benchmark can
time it and measure its memory like any other build.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import markdown


def strip_front_matter(text: str) -> str:
    """The Markdown after a leading `---` block (the floor does not parse it)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text


def convert_all(content_dir: Path, out_dir: Path, extensions: list[str], configs: dict) -> int:
    """Convert every Markdown file under `content_dir` into `out_dir`; return how many."""
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    count = 0
    for path in sorted(content_dir.rglob("*.md")):
        html = converter.reset().convert(strip_front_matter(path.read_text(encoding="utf-8")))
        target = out_dir / path.relative_to(content_dir).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    return count


def main(argv: list[str]) -> int:
    content_dir, out_dir, extensions_file = (Path(a) for a in argv)
    spec = json.loads(extensions_file.read_text(encoding="utf-8"))
    convert_all(content_dir, out_dir, spec["extensions"], spec["configs"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
