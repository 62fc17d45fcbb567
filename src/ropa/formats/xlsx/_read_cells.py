"""Reading single cells of a ropa workbook back into register values, for `ropa.formats.xlsx.read`.

A cell holds what the exporter wrote or what a person typed over it: words in Latvian or
English ("not stated", "jā", "none"), vocabulary labels with or without their article
("Consent (Art. 6(1)(a))", "Piekrišana", or the code itself), countries by name or code, dates
as date cells or ISO text. Each function here reads one kind of cell, accepting both
languages, and raises `Unreadable` with a message for the person who typed it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ropa.countries import COUNTRY_CODES, country_by_name
from ropa.durations import Duration
from ropa.formats.xlsx._words import word
from ropa.text import LANGUAGES, text_in, unmarked
from ropa.text.grammar import cite
from ropa.text.messages import Invalid, Message, languages, msg
from ropa.vocab import Term
from ropa.wording import not_stated

READ_LANGUAGES: tuple[str, ...] = (*LANGUAGES, *(c for c in languages() if c not in LANGUAGES))
"""The languages a workbook's cells are read in: every language with a catalogue (Latvian and
English first), so that a workbook written in a language added as a catalogue file reads back."""

__all__ = [
    "READ_LANGUAGES",
    "Unreadable",
    "cell_text",
    "is_word",
    "lines",
    "merge_text",
    "parse_bool",
    "parse_code",
    "parse_codes",
    "parse_countries",
    "parse_country",
    "parse_date",
    "parse_duration",
    "parse_plain",
]

Text = str | dict[str, str]


class Unreadable(Invalid):
    """A cell that cannot be read as the value its column holds; `said` says why, as a
    catalogue message (the exception's text is it in English)."""


_NOT_STATED = frozenset({not_stated("lv").casefold(), not_stated("en").casefold()})
_CUT = re.compile(r"… \[(?:cut|saīsināts): .*\]$", re.DOTALL)
_TRAILING_PARENTHESES = re.compile(r"^(.*?)\s*\((?:[^()]|\([^()]*\))*\)$", re.DOTALL)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits, as ISO 8601


def cell_text(value: Any) -> str | None:
    """A cell as text, None when empty. Numbers and dates a program made of typed text are
    given back as text (`2026.1`, `2026-01-31`)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if _CUT.search(text):
        raise Unreadable(msg("xlsx.import.cut"))
    return text if text.strip() else None


def is_word(text: str | None, key: str) -> bool:
    """Whether `text` is the workbook word `key` ("none", "yes" ...) in any language."""
    if text is None:
        return False
    return text.strip().casefold() in {word(key, lang).casefold() for lang in languages()}


def _is_not_stated(text: str | None) -> bool:
    return text is None or text.strip().casefold() in _NOT_STATED


def lines(value: Any) -> list[str]:
    """The non-empty lines of a cell ("not stated" and "none" give no lines)."""
    text = cell_text(value)
    if _is_not_stated(text) or is_word(text, "none"):
        return []
    assert text is not None
    return [line.strip() for line in text.split("\n") if line.strip()]


def parse_plain(value: Any) -> str | None:
    """Plain text (a name, a reference), None when empty or "not stated"."""
    text = cell_text(value)
    return None if _is_not_stated(text) else text


def parse_bool(value: Any) -> bool | None:
    """yes / no in either language (or true / false); None for "not stated" or empty."""
    text = cell_text(value)
    if _is_not_stated(text):
        return None
    assert text is not None
    if is_word(text, "yes") or text.strip().casefold() == "true":
        return True
    if is_word(text, "no") or text.strip().casefold() == "false":
        return False
    raise Unreadable(msg("xlsx.import.not_bool", text=repr(text)))


def parse_date(value: Any) -> date | None:
    """A date cell or an ISO date (YYYY-MM-DD); None for "not stated" or empty."""
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            # The register holds days: a time of day would be lost, and is reported instead.
            raise Unreadable(msg("xlsx.import.time_of_day", value=value.isoformat(sep=" ")))
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if _is_not_stated(text):
        return None
    assert text is not None
    if _ISO_DATE.fullmatch(text.strip()):
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise Unreadable(msg("xlsx.import.no_such_date", text=repr(text))) from None
    raise Unreadable(msg("xlsx.import.not_a_date", text=repr(text)))


def parse_duration(value: Any) -> Duration | None:
    """An ISO 8601 period (P5Y, P18M); None for "not stated" or empty."""
    text = cell_text(value)
    if _is_not_stated(text):
        return None
    assert text is not None
    try:
        return Duration.parse(text.strip())
    except Invalid as error:  # the period's own words: not ISO 8601, negative, zero ...
        raise Unreadable(error.said) from None


def _labels(vocabulary: Mapping[str, Term]) -> dict[str, str]:
    found: dict[str, str] = {}
    for code, term in vocabulary.items():
        found[code.casefold()] = code
        for lang in READ_LANGUAGES:
            found[term.label(lang).casefold()] = code
            if term.article:
                found[f"{term.label(lang)} ({cite(term.article, lang)})".casefold()] = code
    return found


_LABEL_CACHE: dict[int, dict[str, str]] = {}


def parse_code(value: Any, vocabulary: Mapping[str, Term], what: Message, lang: str
               ) -> str | None:  # fmt: skip
    """A vocabulary value from its label in either language (with or without its article)
    or its code; None for "not stated" or empty. `what` names the kind of value, for the
    message when it is none of them."""
    text = cell_text(value)
    if _is_not_stated(text):
        return None
    assert text is not None
    return _code(text, vocabulary, what, lang)


def _code(text: str, vocabulary: Mapping[str, Term], what: Message, lang: str) -> str:
    labels = _LABEL_CACHE.get(id(vocabulary))
    if labels is None:
        labels = _LABEL_CACHE[id(vocabulary)] = _labels(vocabulary)
    key = text.strip().casefold()
    found = labels.get(key)
    if found is None:
        bare = _TRAILING_PARENTHESES.match(key)
        if bare is not None:
            found = labels.get(bare.group(1).strip())
    if found is None:
        known = "; ".join(term.label(lang) for term in vocabulary.values())
        raise Unreadable(msg("xlsx.import.not_one_of", text=repr(text), what=what, known=known))
    return found


def parse_codes(
    value: Any, vocabulary: Mapping[str, Term], what: Message, lang: str
) -> tuple[str, ...]:
    """Vocabulary values, one per line."""
    return tuple(_code(line, vocabulary, what, lang) for line in lines(value))


def parse_country(text: str) -> str:
    """A country from `Latvia (LV)`, `LV` or its name in any language ropa has."""
    text = text.strip()
    if text in COUNTRY_CODES:
        return text
    bare = _TRAILING_PARENTHESES.match(text)
    if bare is not None:
        code = text[len(bare.group(1)) :].strip().strip("()").strip()
        if code in COUNTRY_CODES:
            return code
    found = country_by_name(text) or (country_by_name(bare.group(1)) if bare is not None else None)
    if found is None:
        if text.upper() in COUNTRY_CODES:
            return text.upper()
        raise Unreadable(msg("xlsx.import.not_a_country", text=repr(text)))
    return found


def parse_countries(value: Any) -> tuple[str, ...]:
    """Countries, one per line."""
    return tuple(parse_country(line) for line in lines(value))


def merge_text(
    new: str | None, current: Text | None, lang: str, register_language: str
) -> Text | None:
    """The text field after its `lang` cell was written as `new`.

    The cell shows the field in `lang` (falling back to the register's language, then any,
    marked with that language: `[lv] ...`); when it still shows that, the field is kept whole.
    Otherwise `new` becomes the `lang` text, or, still marked, the text of the language it is
    marked with, and every other language is kept; an emptied cell leaves the field not
    stated.
    """
    if new is None:
        return None if text_in(current, lang, register_language) is not None else current
    language, bare = unmarked(new)
    if language is not None and language != lang:
        if bare == text_in(current, lang, register_language):
            return current
        if (isinstance(current, str) and language == register_language) or current is None:
            return bare if language == register_language else {language: bare}
        merged = {register_language: current} if isinstance(current, str) else dict(current)
        merged[language] = bare
        return merged
    if new == text_in(current, lang, register_language):
        return current
    if current is None:
        return new if lang == register_language else {lang: new}
    if isinstance(current, str):
        if lang == register_language:
            return new
        return {register_language: current, lang: new}
    merged = dict(current)
    merged[lang] = new
    return merged
