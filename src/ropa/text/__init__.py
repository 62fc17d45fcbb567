"""Words: text in the reader's language, the languages ropa writes, grammar and escaping.

This package sits at the bottom of ropa: it knows no model, no file and no GDPR. A register's
text field is a plain string (in the register's language) or a map of language to text;
`text_in` picks the reader's language, then the fallback, then any language written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

__all__ = ["LANGUAGES", "Lang", "not_stated", "text_in"]

Lang = Literal["lv", "en"]
LANGUAGES: tuple[Lang, ...] = ("lv", "en")
"""The languages ropa writes its outputs in, Latvian first."""

_NOT_STATED = {"lv": "nav norādīts", "en": "not stated"}


def text_in(value: str | Mapping[str, str] | None, lang: str, fallback: str = "lv") -> str | None:
    """The text of a field in `lang`, else in `fallback` (the register's language), else in any
    language it is written in; a plain string is returned as it is."""
    if value is None or isinstance(value, str):
        return value
    for candidate in (lang, fallback):
        if candidate in value:
            return value[candidate]
    return next(iter(value.values()), None)


def not_stated(lang: str) -> str:
    """ "not stated" in `lang`."""
    return _NOT_STATED.get(lang, _NOT_STATED["en"])
