"""The Assessments sheet, and how an assessment reads where the register names it.

The `assessments` catalogue holds each DPIA (Art. 35), legitimate interests assessment
(Art. 6(1)(f)) and transfer impact assessment once; an activity's `dpia`, a legitimate
interests basis's `assessment` and a transfer's `assessment` name one by id, or (the older
forms) say in free text where it is kept. On the sheets an auditor reads, an id becomes the
assessment's name with where it is kept and when it was made, linked to its row on the
Assessments sheet; free text is shown as written.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.formats.xlsx._book import Book, header
from ropa.formats.xlsx._cells import Row, Text, Value
from ropa.formats.xlsx._words import CATALOGUE_COLUMNS, say
from ropa.model import Assessment, Dpia
from ropa.text.grammar import cite
from ropa.vocab import ASSESSMENT_KINDS

__all__ = ["ASSESSMENT_FIELDS", "assessment_cell", "assessment_text", "assessment_words",
           "assessments_rows", "dpia_cell"]  # fmt: skip

ASSESSMENT_FIELDS = ("id", "name", "assessment_kind", "kept_at", "date", "review_by", "used_by")
"""The columns of the Assessments sheet, in order (headings in `_words.CATALOGUE_COLUMNS`)."""


def assessment_text(book: Book, entry: Assessment) -> str:
    """An assessment where the register names it: `DPIA of X (DPIA-2026-01, 2026-06-01)`."""
    details = [part for part in (entry.reference, entry.date and entry.date.isoformat()) if part]
    name = book.text(entry.name)
    return f"{name} ({', '.join(details)})" if details else name


def assessment_words(book: Book, reference: str | None) -> str | None:
    """What an assessment `reference` says in a cell of several parts: the catalogue entry
    it names in words (`assessment_text`), else the free text as written."""
    if reference is None:
        return None
    entry = book.by_id["assessments"].get(reference)
    return assessment_text(book, entry) if entry is not None else reference


def assessment_cell(book: Book, reference: str | None) -> Value:
    """The cell for an assessment `reference`: the catalogue entry it names, in words and
    linked to its row; else the free text as written ("" when there is none)."""
    if reference is None:
        return ""
    entry = book.by_id["assessments"].get(reference)
    if entry is None:
        return reference
    target = book.link("assessments", entry.id)
    text = assessment_text(book, entry)
    return Text(text, "link", target) if target is not None and "\n" not in text else text


def dpia_cell(book: Book, dpia: str | Dpia | None) -> Value:
    """An activity's DPIA: the catalogue entry its id names (linked), an id that names none
    (marked, as other references are), or the older `{reference, date}` as `ref (date)`."""
    if dpia is None:
        return ""
    if isinstance(dpia, Dpia):
        return f"{dpia.reference} ({dpia.date.isoformat()})" if dpia.date else dpia.reference
    if dpia not in book.by_id["assessments"]:
        return f"{dpia} ({book.word('unknown_id')})"
    return assessment_cell(book, dpia)


def assessments_rows(book: Book) -> Iterator[Row]:
    """One row per assessment: its kind with the article that calls for it, where it is kept,
    when it was made and is due for review, and how many activities name it."""
    lang, missing = book.lang, book.not_stated
    used = book.used["assessments"]
    yield header([say(CATALOGUE_COLUMNS, key, lang) for key in ASSESSMENT_FIELDS])
    for entry in book.register.assessments:
        kind = ASSESSMENT_KINDS[entry.kind]
        yield [
            entry.id, book.text(entry.name),
            f"{kind.label(lang)} ({cite(kind.article, lang)})",
            entry.reference or missing, entry.date or missing, entry.review_by or missing,
            used[entry.id],
        ], None  # fmt: skip
