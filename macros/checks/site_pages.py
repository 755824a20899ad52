"""The site's own pages (home, finder, about…): an allow-list of front matter, and of macros.

Site pages come from pull requests like everything under content/, and mkdocs-macros renders
a page that opts in with `render_macros: true` as a Jinja template, which can run any Python.
So a site page may hold only calls of the library's own macros with plain values, such as
`{{ newest_resources(6) }}`; the template is parsed and every other construct is refused
before anything renders it. Each call is bound to its macro's own signature, less the values
the build gives it (the library and the page's address), so a call that passes the check
cannot fail when the build makes it.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

from macros.checks.index import Document
from macros.content.frontmatter import FrontMatterError, parse_front_matter
from macros.content.problems import Problem, did_you_mean, display_path
from macros.content.text import folded, text_problem
from macros.site.page_macros import BUILD_ARGUMENTS, MACRO_NAMES, MACROS, MAX_MACRO_NUMBER

HIDE_VALUES = ("navigation", "toc", "footer", "path", "feedback")
FRONT_MATTER_KEYS = ("title", "description", "render_macros", "hide", "template")
MACRO_CALL_RE = re.compile(r"\{\{.*?\}\}", re.DOTALL)
# Python-Markdown keeps a run of letters and digits as it is, and so does the sanitiser.
PLACEHOLDER = "LIBMACRO{number}X{nonce}"


@dataclass(frozen=True)
class SitePage:
    """A site page as checked: its body with each macro call replaced by a placeholder."""

    document: Document
    title: str
    render_macros: bool


def macro_placeholder(number: int, nonce: str) -> str:
    """The text that stands for a macro's output until the page's HTML is sanitised."""
    return PLACEHOLDER.format(number=number, nonce=nonce)


def read_site_page(docs_dir: Path, src_uri: str, templates: list[str], problems: list[Problem]) -> SitePage | None:
    """Check one site page; None (with problems) if it cannot be used."""
    path = Path(docs_dir) / src_uri
    shown = display_path(path)
    before = len(problems)
    try:
        fm = parse_front_matter(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(shown, 1, "file is not UTF-8 text", "save it again as UTF-8"))
        return None
    except FrontMatterError as exc:
        problems.append(Problem(shown, exc.line, exc.message, exc.hint))
        return None
    data = fm.data
    for key in data:
        if key not in FRONT_MATTER_KEYS:
            problems.append(
                Problem(
                    shown,
                    fm.line_of(key),
                    f"'{key}' is not allowed in a site page's front matter",
                    did_you_mean(key, FRONT_MATTER_KEYS),
                )
            )
    title = ""
    for key in ("title", "description"):
        if key in data:
            if not isinstance(data[key], str):
                problems.append(Problem(shown, fm.line_of(key), f"'{key}' must be text"))
                continue
            found = text_problem(folded(data[key]))
            if found:
                problems.append(Problem(shown, fm.line_of(key), f"'{key}' {found[0]}", found[1]))
            elif "{{" in data[key] or "{%" in data[key] or "{#" in data[key]:
                problems.append(
                    Problem(shown, fm.line_of(key), f"'{key}' may not hold template code", "write the text itself")
                )
            elif key == "title":
                title = folded(data[key])
    render_macros = data.get("render_macros", False)
    if not isinstance(render_macros, bool):
        problems.append(Problem(shown, fm.line_of("render_macros"), "'render_macros' must be true or false"))
        render_macros = False
    hide = data.get("hide", [])
    if not isinstance(hide, list) or any(item not in HIDE_VALUES for item in hide):
        problems.append(
            Problem(
                shown,
                fm.line_of("hide"),
                "'hide' lists parts of the page to hide",
                "each item is one of " + ", ".join(HIDE_VALUES),
            )
        )
    if "template" in data and data["template"] not in templates:
        problems.append(
            Problem(
                shown,
                fm.line_of("template"),
                f"template '{data['template']}' is not one of the site's",
                "use one of " + ", ".join(templates) if templates else "remove this line",
            )
        )
    body = fm.body
    if render_macros:
        problems.extend(_check_macros(body, shown, fm.body_line))
        body = MACRO_CALL_RE.sub(lambda m: macro_placeholder(0, "check") + "\n" * m.group(0).count("\n"), body)
    if len(problems) > before:
        return None
    return SitePage(Document(src_uri, body, fm.body_line, is_resource=False), title, render_macros)


def _check_macros(body: str, shown: str, body_line: int) -> list[Problem]:
    """Every template construct that is not a call of one of the library's macros with plain values."""
    try:
        template = jinja2.Environment().parse(body)
    except jinja2.TemplateSyntaxError as exc:
        return [
            Problem(shown, body_line + (exc.lineno or 1) - 1, f"template code is not valid: {exc.message}", _MACRO_HINT)
        ]
    except (ValueError, RecursionError, MemoryError):  # Jinja's lexer turns a number of thousands of digits into int
        number = next((n for n, line in enumerate(body.split("\n")) if re.search(r"\d{100}", line)), 0)
        return [Problem(shown, body_line + number, "template code is not valid: a number is far too long", _MACRO_HINT)]
    problems = [
        Problem(
            shown,
            body_line + number,
            "template comments ({# … #}) are not allowed",
            "write an HTML comment instead: <!-- … -->",
        )
        for number, line in enumerate(body.split("\n"))
        if "{#" in line
    ]
    for node in template.body:
        if isinstance(node, nodes.Output):
            for part in node.nodes:
                if isinstance(part, nodes.TemplateData):
                    continue
                if not _allowed_call(part):
                    problems.append(Problem(shown, body_line + part.lineno - 1, _describe(part), _MACRO_HINT))
                    continue
                wrong = _wrong_arguments(part)
                if wrong:
                    problems.append(Problem(shown, body_line + part.lineno - 1, *wrong))
        else:
            problems.append(
                Problem(
                    shown,
                    body_line + node.lineno - 1,
                    "only macro calls in {{ … }} may be used on a site page",
                    _MACRO_HINT,
                )
            )
    return problems


_MACRO_HINT = "a site page may call only the library's macros, with plain values: " + ", ".join(
    f"{name}()" for name in MACRO_NAMES
)


def _allowed_call(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Name)
        and node.node.name in MACRO_NAMES
        and node.dyn_args is None
        and node.dyn_kwargs is None
        and all(_plain(arg) for arg in node.args)
        and all(_plain(kw.value) for kw in node.kwargs)
    )


def macro_signature(name: str) -> inspect.Signature:
    """What a site page may give a macro: its own parameters, less those the build fills in."""
    parameters = inspect.signature(MACROS[name]).parameters.values()
    return inspect.Signature([p for p in parameters if p.name not in BUILD_ARGUMENTS])


def _wrong_arguments(call: nodes.Call) -> tuple[str, str] | None:
    """What is wrong with a plain call's values for its macro (None if nothing): their number, names and kinds."""
    name = call.node.name
    signature = macro_signature(name)
    usage = f"{name}({', '.join(f'{p.name}={p.default!r}' for p in signature.parameters.values())})"
    hint = f"call it as {usage}" if signature.parameters else f"call it with nothing in the brackets: {name}()"
    try:
        bound = signature.bind(*(arg.value for arg in call.args), **{kw.key: kw.value.value for kw in call.kwargs})
    except TypeError as exc:
        return f"'{name}' cannot be called like this: {exc}", hint
    for key, value in bound.arguments.items():
        if signature.parameters[key].annotation in ("int", int):
            if not isinstance(value, int) or not 1 <= value <= MAX_MACRO_NUMBER:
                return f"'{name}': '{key}' must be a whole number from 1 to {MAX_MACRO_NUMBER}, not {value!r}", hint
        elif not isinstance(value, str):
            return f"'{name}': '{key}' must be text in quotes, not {value!r}", hint
    return None


def _plain(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, (int, str)) and not isinstance(node.value, bool)


def _describe(node: nodes.Node) -> str:
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        if node.node.name not in MACRO_NAMES:
            return f"'{node.node.name}' is not one of the library's macros"
        return f"'{node.node.name}' may be given plain numbers and text only"
    return "only calls of the library's macros may be used in {{ … }}"
