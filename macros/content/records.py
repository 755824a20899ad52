"""Read lists of records (`- id: …` entries) from a YAML data file, every problem on its line.

The taxonomy, the pathways and the packs are data files of this shape. Each declares its keys
once (`Key`), and `RecordReader` checks every entry against them: unknown keys, missing keys,
the kind of each value and the characters a text may hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.content import yaml_source
from macros.content.problems import Problem, did_you_mean
from macros.content.text import calendar_date, folded, is_blank, text_problem, typographic
from macros.content.yaml_source import YamlProblem, entries, line_of

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_HINT = "use lower-case letters, digits and hyphens, for example first-year-supervisor"
# A data file is a few kilobytes; this leaves room for a very large library.
MAX_DATA_FILE_BYTES = 512 * 1024


@dataclass(frozen=True)
class Key:
    """One key of a record: its kind, whether it must be given, and what it is (the hint when missing)."""

    name: str
    # id | text | url (a web address: never set as typography) | int | bool | date | texts | blocks (Markdown, lines
    # kept) | list (read by the caller)
    kind: str
    required: bool = True
    hint: str = ""
    max_length: int = 0


def read_yaml_file(path: Path, shown: str, problems: list[Problem]) -> yaml.Node | None:
    """The node tree of a data file, or None with a problem if it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 1, f"cannot be read: {exc.strerror}"))
        return None
    if len(raw) > MAX_DATA_FILE_BYTES:
        problems.append(
            Problem(
                shown,
                1,
                f"file is {len(raw) // 1024} KB, over the limit of {MAX_DATA_FILE_BYTES // 1024} KB",
                "split it or remove what is not needed",
            )
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(shown, raw[: exc.start].count(b"\n") + 1, "file is not UTF-8 text", "save it again as UTF-8")
        )
        return None
    try:
        return yaml_source.compose(text.lstrip("\ufeff"))
    except YamlProblem as exc:
        problems.append(Problem(shown, exc.line, exc.message, exc.hint))
        return None


class RecordReader:
    """Checks records against their keys and collects problems for one file."""

    def __init__(self, shown: str, problems: list[Problem]):
        self.shown = shown
        self.problems = problems

    def problem(self, node: yaml.Node | None, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.shown, line_of(node) if node is not None else 1, message, hint))

    def list_of(
        self, root: yaml.Node | None, name: str, hint: str, *, required: bool = True, limit: int = 0
    ) -> list[yaml.Node]:
        """The items of the top-level list `name:`; a problem if it is missing, not a list, or over `limit` items."""
        entry = entries(root).get(name)
        if entry is None:
            if required:
                self.problem(root, f"expected a list called '{name}'", hint)
            return []
        if isinstance(entry.value, yaml.ScalarNode) and entry.value.tag == "tag:yaml.org,2002:null":
            return []
        if not isinstance(entry.value, yaml.SequenceNode):
            self.problem(entry.key, f"'{name}' must be a list", hint)
            return []
        items = list(entry.value.value)
        if limit and len(items) > limit:
            self.problem(
                items[limit],
                f"'{name}' has {len(items)} items, more than the limit of {limit}",
                "keep to the limit (CONTRIBUTING.md says why): every item makes pages, and PDFs, of its own",
            )
            return items[:limit]
        return items

    def record(self, node: yaml.Node, keys: tuple[Key, ...], what: str) -> dict[str, Any] | None:
        """The values of one record by key name, or None if it has any problem (each one reported)."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(
                node,
                f"each {what} must be a set of `key: value` lines",
                "give " + ", ".join(k.name for k in keys if k.required),
            )
            return None
        fields = entries(node)
        before = len(self.problems)
        names = [k.name for k in keys]
        for key, entry in fields.items():
            if key not in names:
                self.problem(entry.key, f"unknown key '{key}' in a {what}", did_you_mean(key, names))
        values: dict[str, Any] = {}
        for key in keys:
            entry = fields.get(key.name)
            if entry is None or _is_empty(entry.value, key.kind):
                if key.required:
                    self.problem(entry.key if entry else node, f"{what} is missing '{key.name}'", key.hint)
                continue
            value = self._value(key, entry, what)
            if value is not None:
                values[key.name] = value
        return values if len(self.problems) == before else None

    def _value(self, key: Key, entry: yaml_source.Entry, what: str) -> Any:
        node = entry.value
        if key.kind == "list":
            if not isinstance(node, yaml.SequenceNode):
                self.problem(entry.key, f"'{key.name}' of a {what} must be a list", key.hint)
                return None
            return list(node.value)
        if key.kind in ("texts", "blocks"):
            items = node.value if isinstance(node, yaml.SequenceNode) else [node]
            texts = [self._text(key, item, what, keep_lines=key.kind == "blocks") for item in items]
            return None if None in texts else tuple(texts)
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"'{key.name}' of a {what} must be a single value", key.hint)
            return None
        if key.kind == "int":
            try:
                return int(node.value)
            except ValueError:
                self.problem(node, f"'{key.name}' must be a whole number, not '{node.value}'", key.hint)
                return None
        if key.kind == "date":
            text = str(node.value).strip()
            day = calendar_date(text)
            if day is None:
                self.problem(node, f"'{key.name}' is not a valid date: '{text}'", "write dates as YYYY-MM-DD")
            return day
        if key.kind == "bool":
            value = yaml_source.construct(node)
            if not isinstance(value, bool):
                self.problem(node, f"'{key.name}' must be true or false, not '{node.value}'")
                return None
            return value
        text = self._text(key, node, what)
        if text is not None and key.kind == "id" and not ID_RE.fullmatch(text):
            self.problem(node, f"{what} id '{text}' is not a valid id", ID_HINT)
            return None
        return text

    def _text(self, key: Key, node: yaml.Node, what: str, *, keep_lines: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"'{key.name}' of a {what} must be text", key.hint)
            return None
        text = str(node.value).rstrip() if keep_lines else folded(str(node.value))
        if node.tag == "tag:yaml.org,2002:null" or is_blank(text):
            self.problem(node, f"'{key.name}' of a {what} is empty", key.hint)
            return None
        found = text_problem(text.replace("\n", " ") if keep_lines else text)
        if found:
            self.problem(node, f"'{key.name}' {found[0]}", found[1])
            return None
        if key.max_length and len(text) > key.max_length:
            self.problem(node, f"'{key.name}' is {len(text)} characters long", f"keep it to {key.max_length} at most")
            return None
        return text if keep_lines or key.kind in ("id", "url") else typographic(text)


def _is_empty(node: yaml.Node, kind: str) -> bool:
    """A value that says nothing: null, white space only, or no texts at all (an empty list of texts)."""
    if isinstance(node, yaml.SequenceNode):
        return kind in ("texts", "blocks") and not node.value
    return isinstance(node, yaml.ScalarNode) and (node.tag == "tag:yaml.org,2002:null" or is_blank(node.value))
