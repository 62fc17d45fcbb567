"""Words: text in the reader's language, the languages ropa writes, grammar and escaping.

This package sits at the bottom of ropa: it knows no model, no file and no GDPR. A register's
text field is a plain string (in the register's language) or a map of language to text;
`text_in` picks the reader's language, then the fallback, then any language written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

__all__ = [
    "LANGUAGES",
    "Lang",
    "language_of",
    "marked",
    "not_stated",
    "text_in",
    "unmarked",
    "without_marks",
]

Lang = Literal["lv", "en"]
LANGUAGES: tuple[Lang, ...] = ("lv", "en")
"""The languages ropa writes its outputs in, Latvian first."""


def text_in(value: str | Mapping[str, str] | None, lang: str, fallback: str = "lv") -> str | None:
    """The text of a field in `lang`, else in `fallback` (the register's language), else in any
    language it is written in; a plain string is returned as it is."""
    if value is None or isinstance(value, str):
        return value
    for candidate in (lang, fallback):
        if candidate in value:
            return value[candidate]
    return next(iter(value.values()), None)


def language_of(
    value: str | Mapping[str, str] | None, lang: str, fallback: str = "lv"
) -> str | None:
    """The language `text_in(value, lang, fallback)` gives the text in: a plain string is in
    `fallback` (the register's language); None when the field is not stated."""
    if value is None:
        return None
    if isinstance(value, str):
        return fallback
    for candidate in (lang, fallback):
        if candidate in value:
            return candidate
    return next(iter(value), None)


_MARK = re.compile(r"\[([a-z]{2,3}(?:-[A-Za-z]{2,4})?)\] ")
_MARKS = re.compile(r"(?:(?<=^)|(?<=[\s(:]))\[[a-z]{2,3}(?:-[A-Za-z]{2,4})?\] ")


def marked(text: str, language: str) -> str:
    """Register text shown in a language other than the reader's, marked with the language it
    is in: `[lv] datu saņemšana`."""
    return f"[{language}] {text}"


def unmarked(text: str) -> tuple[str | None, str]:
    """The language a `marked` text names (None when it has no mark) and the text itself."""
    found = _MARK.match(text)
    if found is None:
        return None, text
    return found.group(1), text[found.end() :]


def without_marks(text: str) -> str:
    """`text` with every language mark (`marked`) taken out: "3 years from [lv] x" -> "3
    years from x"."""
    return _MARKS.sub("", text)


def not_stated(lang: str) -> str:
    """ "not stated" in `lang` (the catalogue message `word.not_stated`)."""
    from ropa.text.messages import message  # messages imports this package's grammar

    return message("word.not_stated", lang)
