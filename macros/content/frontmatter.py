"""Split a Markdown file into front matter and body, keeping the line of every key.

The split uses MkDocs' own front-matter pattern, so the validator can never disagree with
the build about where the front matter ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE, get_data

from macros.content import yaml_source
from macros.content.yaml_source import YamlProblem


class FrontMatterError(Exception):
    """The front matter could not be read; `line` is a line of the whole file."""

    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


@dataclass
class FrontMatter:
    """Parsed front matter: values, the file line of each key (and list item), and the body."""

    data: dict[str, Any]
    key_lines: dict[str, int]
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    present: bool = True

    def line_of(self, key: str, index: int | None = None) -> int:
        if index is not None and index < len(self.item_lines.get(key, ())):
            return self.item_lines[key][index]
        return self.key_lines.get(key, 1)


def _value_of(line: str) -> str:
    """The value part of a `key: value` or `- value` line of YAML (plain string work: any line is read in one pass)."""
    value = line.strip()
    if value.startswith("- "):
        value = value[2:].lstrip()
    key, colon, rest = value.partition(": ")
    if colon and key and not key.startswith(("'", '"')) and "#" not in key:
        value = rest.strip()
    return value


def _mismatched_quote_line(source: str) -> int | None:
    """The 0-based line whose value opens with a straight quote and closes with a curly one, if any."""
    for number, line in enumerate(source.split("\n")):
        value = _value_of(line)
        if value[:1] in ("'", '"') and value[-1:] in ("’", "”") and not value.endswith(value[0]):
            return number
    return None


def parse_front_matter(text: str) -> FrontMatter:
    """Read front matter from Markdown text; raise FrontMatterError with the file line on failure."""
    # Line breaks as MkDocs reads the file (universal newlines): a lone carriage return ends a line too.
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = YAML_RE.match(text)
    if not match:
        if text.startswith("---"):
            raise FrontMatterError(1, "front matter is not closed", "end it with a line of three dashes: ---")
        if get_data(text)[1]:
            # MkDocs would read these lines as metadata (MultiMarkdown style), unchecked: refuse them.
            raise FrontMatterError(
                1,
                "the page starts with `key: value` lines that are not between --- lines",
                "put the fields between two lines of three dashes (---), or start the page "
                "with a heading or a blank line",
            )
        return FrontMatter({}, {}, body=text, body_line=1, present=False)
    source = match.group(1)
    offset = 2  # the YAML starts on the line after the opening ---
    for number, line in enumerate(source.split("\n"), start=offset):
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise FrontMatterError(
                number,
                "tab character used for indentation in front matter",
                "indent with spaces; tabs often come from pasting out of Word",
            )
    try:
        node, data = yaml_source.load(source)
    except YamlProblem as exc:
        quote_line = _mismatched_quote_line(source) if exc.message.startswith("not valid YAML") else None
        if quote_line is not None:
            raise FrontMatterError(
                quote_line + offset,
                "the quotation marks around this value do not match",
                "use straight quotes (' or \") at both ends: Word often turns the closing one into a curly ’ or ”",
            ) from None
        message = "front matter is " + exc.message if exc.message.startswith("not valid") else exc.message
        raise FrontMatterError(exc.line + offset - 1, message, exc.hint) from None
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict):
        raise FrontMatterError(offset, "front matter must be a list of `key: value` lines")
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            key_lines[key] = key_node.start_mark.line + offset
            if isinstance(value_node, yaml.SequenceNode):
                item_lines[key] = [item.start_mark.line + offset for item in value_node.value]
    body = text[match.end() :]
    body_line = text[: match.end()].count("\n") + 1
    return FrontMatter({str(k): v for k, v in data.items()}, key_lines, item_lines, body, body_line)
