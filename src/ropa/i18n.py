"""Text in the reader's language: register text fields, vocabulary labels, lists, periods.

Exports and notices are written in Latvian or English. A text field of the register is either
a plain string (in `register.language`) or a map of language to text; `text` picks the reader's
language, then the register's, then any. Vocabulary values get their labels from `ropa.vocab`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from .model import Register, RetentionRule, pick_text
from .vocab import Term

Lang = Literal["lv", "en"]
LANGUAGES: tuple[Lang, ...] = ("lv", "en")

_NOT_STATED = {"lv": "nav norādīts", "en": "not stated"}
_AND = {"lv": "un", "en": "and"}


def text(register: Register, value: str | dict[str, str] | None, lang: str) -> str:
    """A text field in `lang` (falling back as the format says), or "" when not stated."""
    return pick_text(value, lang, register.register.language) or ""


def label(vocabulary: Mapping[str, Term], code: str | None, lang: str) -> str:
    """The label of a vocabulary value in `lang`; an unknown code is shown as written."""
    if code is None:
        return ""
    found = vocabulary.get(code)
    return found.label(lang) if found is not None else code


def not_stated(lang: str) -> str:
    """ "not stated" in `lang`."""
    return _NOT_STATED.get(lang, _NOT_STATED["en"])


def join(items: Iterable[str], lang: str) -> str:
    """A list in prose: `a, b and c` / `a, b un c` (no serial comma in either language)."""
    words = [item for item in items if item]
    if len(words) <= 1:
        return "".join(words)
    conjunction = _AND.get(lang, _AND["en"])
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def retention_in_words(register: Register, rule: RetentionRule, lang: str) -> str:
    """A retention rule in words: "5 years from the end of the contract", "5 gadi (no: ...)"."""
    starts = text(register, rule.starts, lang)
    if rule.period is None:
        # With no period, the event itself ends the retention ("until the person opts out").
        if starts:
            return starts
        return text(register, rule.name, lang) or not_stated(lang)
    period = rule.period.in_words(lang)
    if not starts:
        return period
    return f"{period} no: {starts}" if lang == "lv" else f"{period} from {starts}"
