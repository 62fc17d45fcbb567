"""The Waivers sheet: every accepted finding, who accepted it, when, and until when.

A waiver silences a rule's findings on the whole register or on one activity (ROPA1xx say
when it cannot). The Findings sheet marks the findings waived and gives the reason; this sheet
lists the waivers themselves, those that silence nothing included, so that an auditor sees
each acceptance with its owner and dates, and so that `ropa import` reads them back from what
the workbook shows.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.formats.xlsx._book import Book, header
from ropa.formats.xlsx._cells import Row, Text, Value
from ropa.formats.xlsx._words import CATALOGUE_COLUMNS, say
from ropa.model import Activity, Register, Waiver

__all__ = ["WAIVER_FIELDS", "placed_waivers", "waivers_rows"]

WAIVER_FIELDS = ("applies_to", "rule", "reason", "accepted_by", "accepted_on", "expires")
"""The columns of the Waivers sheet, in order (headings in `_words.CATALOGUE_COLUMNS`)."""


def placed_waivers(register: Register) -> list[tuple[Activity | None, Waiver]]:
    """Every waiver with the activity it is written in (None: the register's own), in the
    order of the sheet: the register's, then each activity's in the register's order."""
    placed: list[tuple[Activity | None, Waiver]] = [(None, w) for w in register.register.waivers]
    placed += [(activity, w) for activity in register.activities for w in activity.waivers]
    return placed


def waivers_rows(book: Book) -> Iterator[Row]:
    """One row per waiver: what it applies to (the whole register, or the activity, linked to
    its row), the rule's code, the reason in the workbook's language, who accepted it, when,
    and the date it expires."""
    missing = book.not_stated
    yield header([say(CATALOGUE_COLUMNS, key, book.lang) for key in WAIVER_FIELDS])
    for activity, waiver in placed_waivers(book.register):
        applies: Value = book.word("whole_register")
        if activity is not None:
            target = book.activity_link(activity.id)
            applies = Text(activity.id, "link", target) if target else activity.id
        yield [
            applies, waiver.rule, reason_text(book, waiver) or missing,
            waiver.accepted_by or missing, waiver.accepted_on or missing,
            waiver.expires or missing,
        ], activity.id if activity is not None else None  # fmt: skip


def reason_text(book: Book, waiver: Waiver) -> str:
    """The reason as the workbook shows it: in the workbook's language, else in the one it has,
    marked with it (`Book.text`), as every register text."""
    return book.text(waiver.reason)
