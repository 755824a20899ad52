"""One target of the benchmark, as the report lists it."""

from __future__ import annotations

from typing import Any


def target(tid: str, text: str, measured: Any, passed: bool | None, detail: str) -> dict[str, Any]:
    """A target with its measured value and PASS, MISS or NOT MEASURED (passed is None)."""
    status = "NOT MEASURED" if passed is None else ("PASS" if passed else "MISS")
    return {"id": tid, "target": text, "measured": measured, "status": status, "detail": detail}
