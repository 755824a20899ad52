"""A time limit for checking one page, so `make check` ends in bounded time whatever a page holds.

Python-Markdown and some regular expressions take time quadratic in certain inputs (a page of
ten thousand `[` takes minutes), and a pull request can send any input. Each page's checks get
a few seconds; a page that needs more is reported instead of holding the build up.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from macros.content.problems import Problem

SECONDS_PER_PAGE = 5.0


def too_hard_to_read(shown: str, line: int) -> Problem:
    """The problem for a page that runs out of time, or out of stack (Python-Markdown recurses), to check."""
    return Problem(
        shown,
        line,
        f"this page takes more than {SECONDS_PER_PAGE:.0f} seconds to check, or is nested too deeply to read",
        "it probably holds a very long run of brackets, quotation marks or other Markdown signs, or "
        "lists within lists many levels deep: remove them, or break the text into shorter paragraphs",
    )


class TimeLimitExceeded(Exception):
    """The work took longer than its limit."""


@contextmanager
def time_limit(seconds: float = SECONDS_PER_PAGE) -> Iterator[None]:
    """Raise TimeLimitExceeded inside the block once `seconds` have passed.

    Uses a timer signal, which only the main thread can receive: elsewhere (such as the rebuild
    thread of `mkdocs serve` on an editor's own machine) the block runs without a limit.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum, frame):
        raise TimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
