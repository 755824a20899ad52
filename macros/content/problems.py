"""Content problems: what is wrong, where, and what would be right."""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One content problem, reported as `path:line: message (hint)`."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        label = "" if self.severity == ERROR else f"{self.severity}: "
        hint = f" ({self.hint})" if self.hint else ""
        # One problem, one line: a file name or value holding a line break (or another control
        # character) is shown escaped, so it can never start a line of its own in a log.
        return printable(f"{self.path}:{self.line}: {label}{self.message}{hint}")

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the pull request diff.

        Every part is escaped as GitHub's workflow commands define, so nothing a pull request puts in
        a file name or a value can end the command or start another.
        """
        kind = "error" if self.severity == ERROR else "warning"
        text = _command_data(self.message + (f" ({self.hint})" if self.hint else ""))
        path = _command_data(self.path).replace(":", "%3A").replace(",", "%2C")
        return f"::{kind} file={path},line={self.line}::{text}"


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Text with every control character (line breaks included) written as an escape such as \\n."""
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def _command_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def counted(number: int, noun: str) -> str:
    """'1 resource', '2 resources': a count and its noun, as a sentence says it."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Only the problems that fail a build."""
    return [p for p in problems if p.severity == ERROR]


def closest(value: str, choices: Sequence[str], n: int = 3) -> list[str]:
    """Valid values that look most like `value`, best first."""
    return difflib.get_close_matches(str(value), list(choices), n=n, cutoff=0.5)


def did_you_mean(value: str, choices: Sequence[str], *, fallback_all: bool = True) -> str:
    """A hint naming the nearest valid values, or listing them all when nothing is near."""
    near = closest(value, choices)
    if near:
        return "did you mean " + " or ".join(f"'{c}'" for c in near) + "?"
    if fallback_all:
        return "valid values: " + ", ".join(choices)
    return ""


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as an editor sees it: relative to the project (or working) folder when possible."""
    base = (root or Path.cwd()).resolve()
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    try:
        # The folder is resolved, the name is not: a symbolic link is shown where it is, not where it points.
        return (path.parent.resolve() / path.name).relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def report(problems: Iterable[Problem], *, stream, github: bool = False) -> None:
    """Print every problem, sorted by file and line; GitHub annotations too when asked."""
    for problem in sorted(problems):
        print(problem, file=stream)
        if github:
            # The Actions runner reads workflow commands from standard output.
            print(problem.github_annotation(), file=sys.stdout, flush=True)
