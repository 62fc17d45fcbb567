"""The waiver behind each waived finding: who accepted it, when, and until when.

A finding carries only the reason it was waived for; the Cover and the record cards also say
who accepted it (`accepted_by`), on which day (`accepted_on`) and until when (`expires`). The
waiver is found as validation found it (`ropa.rules.silencing_waivers`): the activity's own
waivers for a finding on an activity, the register's for any other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ropa.findings import Finding
from ropa.model import Waiver
from ropa.rules import silencing_waivers

if TYPE_CHECKING:
    from ropa.formats.xlsx._book import Book


def waiver_of(book: Book, finding: Finding) -> Waiver | None:
    """The waiver that silenced `finding`, when it is waived and the waiver is found."""
    if not finding.waived or book.report is None:
        return None
    register = book.register
    language = register.register.language
    if finding.activity is None:
        owners: list[tuple[tuple[str | int, ...], tuple[Waiver, ...]]]
        owners = [(("register",), register.register.waivers)]
    else:
        owners = [
            (("activities", index), register.activities[index].waivers)
            for index in book.activity_indexes.get(finding.activity, ())
        ]
    for owner, waivers in owners:
        found = silencing_waivers(waivers, owner, book.report.as_of, language).get(finding.code)
        if found is not None:
            return waivers[int(found[0][-1])]
    return None


def waived_reason(book: Book, finding: Finding) -> str:
    """Why `finding` was waived, as the workbook shows register text (`Book.text`): the
    waiver's reason in the workbook's language, else in the one it has, marked (`[lv] …`);
    "" when neither the waiver nor the finding gives one."""
    waiver = waiver_of(book, finding)
    if waiver is not None and waiver.reason is not None:
        return book.text(waiver.reason)
    return book.text(finding.reason)


def waiver_text(book: Book, finding: Finding) -> str:
    """`reason: …; accepted by …, on …, holds until (inclusive) …` in the export language;
    each part the waiver does not give reads "not stated"."""
    waiver = waiver_of(book, finding)
    reason = waived_reason(book, finding) or book.not_stated
    if waiver is None:
        return f"{book.word('reason')}: {reason}"
    missing = book.not_stated
    return (
        f"{book.word('reason')}: {reason}; {book.word('waiver_who')}: "
        f"{waiver.accepted_by or missing}, {book.word('waiver_on')}: "
        f"{waiver.accepted_on.isoformat() if waiver.accepted_on else missing}, "
        f"{book.word('waiver_until')}: {waiver.expires.isoformat() if waiver.expires else missing}"
    )
