"""Dates as readers see them, formatted in one place for the web pages and the PDFs alike.

Babel gives the month names of the library's language (`language` in mkdocs.yml), so a
library in another language needs no code change.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

DEFAULT_LANGUAGE = "en-GB"


def _locale(language: str) -> str:
    return language.replace("-", "_")


def long_date(value: date, language: str = DEFAULT_LANGUAGE) -> str:
    """'15 January 2024'."""
    return format_date(value, "d MMMM y", locale=_locale(language))


def month_year(value: date, language: str = DEFAULT_LANGUAGE) -> str:
    """'January 2024': the form of copyright lines and review dates."""
    return format_date(value, "MMMM y", locale=_locale(language))
