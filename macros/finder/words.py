"""Words as the search sees them: one reading of text for the index and for what the reader types.

The index is built here with lunr.py and searched in the page with lunr.js, so every rule below
is written twice: here and in overrides/assets/js/finder.js (`normaliseText`, `queryTerms`, the
stemmer), and the tests run both on the same text. The rules:

- text is lower-cased, curly apostrophes are straight, a possessive 's is dropped;
- a word is a run of letters, digits, apostrophes and hyphens (apostrophes trimmed at its ends);
- a hyphenated word is one word with its hyphens taken out ("well-being" is "wellbeing", "cf-7"
  is "cf7"), so the two spellings find the same resources; the index also holds each of its
  parts, so "being" finds "well-being";
- words of one letter or digit and stop words are dropped ("e.g." and initials say nothing on
  their own, and every word would start with the one letter typed so far);
- every word is stemmed as lunr.js stems it.
"""

from __future__ import annotations

import functools
import html
import re

from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from macros.content.loader import strip_code

# Letters and digits (Python's \w without the underscore, which Markdown uses for emphasis), and
# the apostrophes and hyphens inside words. finder.js uses [\p{L}\p{N}'-]: the same characters.
_WORD = re.compile(r"(?:[^\W_]|['-])+")
_CURLY_APOSTROPHES = re.compile("[\u2018\u2019]")
# Hyphen and non-breaking hyphen: a word joined by either is the same word as one joined by "-".
_UNICODE_HYPHENS = re.compile("[\u2010\u2011]")
_POSSESSIVE = re.compile(r"'s(?![^\W_])")

# What Markdown source holds that is not text. Each pattern excludes the character that starts
# it from what follows, so no line can make a pattern scan it more than once (content is untrusted).
_LINK_TARGET = re.compile(r"\]\([^()\n]*\)")  # the address of [text](address)
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\[\]\n]*\]:[^\n]*", re.MULTILINE)  # [label]: address
_ADDRESS = re.compile(r"\b(?:https?|mailto):[^\s<>()\[\]]*")
_TAG = re.compile(r"<[^<>\n]*>")  # HTML tags and <autolinks>
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*[.#][^{}\n]*\}")  # {: .class #id}


class _LunrJsPorterStemmer(PorterStemmer):
    """lunr.py's Porter stemmer, changed where it disagrees with lunr.js's.

    lunr.py turns a final y into i when the stem has a vowel ("pathway" -> "pathwai");
    lunr.js does so only after a consonant that is not the first letter ("pathway" stays).
    The index is built here but searched by lunr.js in the page, so it must stem as lunr.js does.
    """

    def step1c(self) -> None:
        if self.ends("y") and self.j > self.k0 and self.b[self.j] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_stemmer = _LunrJsPorterStemmer()


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The stem lunr.js gives a lower-case word."""
    # Cached: the same few thousand words recur across the catalogue, and stemming was most of
    # the index build's time (see BENCHMARKS.md).
    return _stemmer.stem(word)


def normalise_text(text: str) -> str:
    """Lower-case text, with straight apostrophes, plain hyphens and no possessive 's."""
    text = _UNICODE_HYPHENS.sub("-", _CURLY_APOSTROPHES.sub("'", text.lower()))
    return _POSSESSIVE.sub("", text)


def is_searchable(word: str) -> bool:
    """Whether a word is searched for: longer than one character and not a stop word."""
    return len(word) > 1 and stop_word_filter(Token(word)) is not None


def _parts(word: str) -> list[str]:
    """The parts of a word between its hyphens, apostrophes trimmed off their ends, empty ones left out."""
    return [p for p in (part.strip("'") for part in word.split("-")) if p]


def query_terms(query: str) -> list[str]:
    """The searchable words of a query, unstemmed: a hyphenated word is one word, stop words are left out."""
    words = ("".join(_parts(w)) for w in _WORD.findall(normalise_text(query)))
    return [w for w in words if is_searchable(w)]


@functools.lru_cache(maxsize=1 << 16)
def _word_terms(word: str) -> tuple[str, ...]:
    """The stemmed terms of one normalised word: itself, or a hyphenated word joined and each of its parts."""
    parts = _parts(word)
    if len(parts) > 1:
        parts.insert(0, "".join(parts))
    return tuple(stem(p) for p in parts if is_searchable(p))


def index_terms(text: str) -> list[str]:
    """The stemmed terms the index holds for some text: each word, and each part of a hyphenated one."""
    # Cached by word: a catalogue's text is mostly the same few thousand words (see BENCHMARKS.md).
    terms: list[str] = []
    for word in _WORD.findall(normalise_text(text)):
        terms.extend(_word_terms(word))
    return terms


def markdown_text(body: str) -> str:
    """The words of a Markdown body without what is not text: code, addresses, tags and attribute lists."""
    text = strip_code(body)
    for pattern in (_LINK_DEFINITION, _LINK_TARGET, _ADDRESS, _TAG, _ATTRIBUTE_LIST):
        text = pattern.sub(" ", text)
    return html.unescape(text)
