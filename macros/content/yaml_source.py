"""YAML as the library reads it: bounded, unambiguous, and every problem on its real line.

Front matter and every data file come from pull requests, so YAML is parsed defensively:

- aliases, anchors and explicit tags are refused, so no document can expand exponentially
  (a "billion laughs" alias bomb) or construct anything but plain text, numbers, lists and maps;
- nesting is limited, because libyaml's composer recurses in C and a few thousand `[` crash it;
- a key given twice is an error, not a silent overwrite, and merge keys (`<<:`) are refused;
- a number is at most MAX_NUMBER_CHARACTERS long, because Python refuses to turn an integer of
  thousands of digits into text (and a sexagesimal `59:59:…` one is slow to build).

The checks walk libyaml's event stream (iterative, fast) before anything is composed. Syntax
errors are worded by the pure-Python parser, so messages do not depend on whether libyaml is
installed. Dates stay text: a bad date is the loader's message, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

# Front matter needs three levels (a list of people, each a map); data files a few more.
MAX_DEPTH = 12
# Far longer than any year, count or version a file needs; Python's own limit is 4,300 digits.
MAX_NUMBER_CHARACTERS = 30
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class YamlProblem(Exception):
    """The YAML cannot be used; `line` counts from 1 within the YAML text."""

    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


class _TextLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as text."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# The same loader on libyaml when it is installed: about ten times faster, which matters with
# thousands of resources.
_FastTextLoader: type = _TextLoader
if getattr(yaml, "__with_libyaml__", False):

    class _FastTextLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """_TextLoader on libyaml."""

    _FastTextLoader.yaml_implicit_resolvers = _TextLoader.yaml_implicit_resolvers

_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


def _screen_events(source: str, loader: type) -> None:
    """Refuse aliases, anchors, tags and deep nesting, reading events only (nothing is built)."""
    depth = 0
    for event in yaml.parse(source, Loader=loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(line, f"YAML alias '*{event.anchor}' is not allowed", "write the value out in full")
        if isinstance(event, _NODE_EVENTS):
            if event.anchor is not None:
                raise YamlProblem(line, f"YAML anchor '&{event.anchor}' is not allowed", "write each value out in full")
            implicit = event.implicit[0] if isinstance(event, yaml.ScalarEvent) else event.implicit
            if event.tag is not None and not implicit:
                raise YamlProblem(
                    line,
                    f"YAML tag '{event.tag}' is not allowed",
                    "write plain text, numbers, lists and `key: value` lines only",
                )
        if isinstance(event, _OPENS):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(
                    line,
                    f"lists and sections are nested more than {MAX_DEPTH} levels deep",
                    "check the indentation and the brackets",
                )
        elif isinstance(event, _CLOSES):
            depth -= 1


def _syntax_problem(exc: yaml.YAMLError) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return YamlProblem(
        mark.line + 1 if mark else 1,
        f"not valid YAML: {problem}",
        "check the indentation and that values with a colon are in quotes",
    )


def compose(source: str) -> yaml.Node | None:
    """The node tree of one YAML document (None if it is empty); raise YamlProblem on anything refused."""
    try:
        _screen_events(source, _FastTextLoader)
    except yaml.YAMLError:
        # Worded by the pure-Python parser, whose messages are the documented ones.
        try:
            _screen_events(source, _TextLoader)
        except yaml.YAMLError as exc:
            raise _syntax_problem(exc) from None
        raise YamlProblem(1, "not valid YAML", "check the indentation and the quotation marks") from None
    loader = _FastTextLoader(source)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise _syntax_problem(exc) from None
    finally:
        loader.dispose()
    if node is not None:
        _screen_nodes(node)
    return node


def _screen_nodes(root: yaml.Node) -> None:
    """Refuse keys given twice, merge keys and numbers too long to be meant."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARACTERS:
            raise YamlProblem(
                line_of(node),
                f"the number '{node.value[:20]}…' is longer than {MAX_NUMBER_CHARACTERS} characters",
                "write a shorter number, or put text in quotes",
            )
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise YamlProblem(line_of(key), "a key must be a plain word", "write `key: value`")
                if key.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem(
                        line_of(key),
                        "a YAML merge key '<<' is not allowed",
                        "write each `key: value` out in full",
                    )
                if key.value in seen:
                    raise YamlProblem(
                        line_of(key),
                        f"'{key.value}' is given twice",
                        f"it is first given on line {seen[key.value]}; keep one of them",
                    )
                seen[key.value] = line_of(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def construct(node: yaml.Node | None) -> Any:
    """Plain Python data from a composed (and screened) node tree; dates stay text."""
    if node is None:
        return None
    loader = _TextLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load(source: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data of one YAML document."""
    node = compose(source)
    return node, construct(node)


def line_of(node: yaml.Node) -> int:
    """The line (from 1) a node starts on."""
    return node.start_mark.line + 1


@dataclass(frozen=True)
class Entry:
    """One `key: value` of a mapping node, with both nodes kept for their lines."""

    key: yaml.Node
    value: yaml.Node


def entries(node: yaml.Node | None) -> dict[str, Entry]:
    """A mapping node's entries by key; {} for anything that is not a mapping."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): Entry(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def scalar_text(node: yaml.Node | None) -> str:
    """A scalar node's text with runs of white space folded to one space; '' for null or anything else."""
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return " ".join(str(node.value).split())
    return ""
