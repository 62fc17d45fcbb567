"""A register's values in the reader's words: text fields, vocabulary labels, retention rules.

Exports and notices are written in Latvian or English. A text field of the register is either
a plain string (in `register.language`) or a map of language to text; `text` picks the reader's
language, then the register's, then any. Vocabulary values get their labels from `ropa.vocab`.
"""

from __future__ import annotations

from collections.abc import Mapping

from ropa.model import Register, RetentionRule
from ropa.text import LANGUAGES, Lang, not_stated, text_in
from ropa.text.grammar import join
from ropa.vocab import Term

__all__ = ["LANGUAGES", "Lang", "join", "label", "not_stated", "retention_in_words", "text"]


def text(register: Register, value: str | dict[str, str] | None, lang: str) -> str:
    """A text field in `lang` (falling back as the format says), or "" when not stated."""
    return text_in(value, lang, register.register.language) or ""


def label(vocabulary: Mapping[str, Term], code: str | None, lang: str) -> str:
    """The label of a vocabulary value in `lang`; an unknown code is shown as written."""
    if code is None:
        return ""
    found = vocabulary.get(code)
    return found.label(lang) if found is not None else code


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
