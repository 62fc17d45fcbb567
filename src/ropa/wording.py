"""A register's values in the reader's words: text fields, vocabulary labels, retention rules.

Exports and notices are written in Latvian or English. A text field of the register is either
a plain string (in `register.language`) or a map of language to text; `text` picks the reader's
language, then the register's, then any. Vocabulary values get their labels from `ropa.vocab`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ropa.model import Register, RetentionRule
from ropa.text import LANGUAGES, Lang, not_stated, text_in, unmarked
from ropa.text.grammar import join
from ropa.text.messages import languages, message
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


def retention_in_words(
    register: Register,
    rule: RetentionRule,
    lang: str,
    *,
    text_of: Callable[[str | dict[str, str] | None], str] | None = None,
) -> str:
    """A retention rule in words: "5 years from the end of the contract", "5 gadi (no: ...)",
    "until the person unsubscribes" / "līdz brīdim, kad ..." (the end event, `until`).

    `text_of` shows a text field of the rule (default: `text` in `lang`); the workbook passes
    one that marks a text not written in `lang` with the language it is in."""

    def shown(value: str | dict[str, str] | None) -> str:
        return text_of(value) if text_of is not None else text(register, value, lang)

    starts = shown(rule.starts)
    until = _until(shown(rule.until), lang)
    if rule.period is None:
        # With no period, the event itself ends the retention ("until the person opts out");
        # registers written before `until` existed put that event in `starts`.
        if until or starts:
            return "; ".join(part for part in (starts, until) if part)
        return shown(rule.name) or not_stated(lang)
    period = rule.period.in_words(lang)
    if starts:
        period = message("wording.from", lang, period=period, starts=starts)
    return f"{period}; {until}" if until else period


def _until(event: str, lang: str) -> str:
    """The end event after "until" / "līdz" (`wording.until`), unless it is written with the
    word already, in any language."""
    if not event:
        return ""
    _, bare = unmarked(event)  # "[lv] līdz ..." in an English workbook says its own "until"
    words = tuple(f"{message('wording.until', code).casefold()} " for code in languages())
    if bare.casefold().startswith(words):
        return event
    return f"{message('wording.until', lang)} {event}"
