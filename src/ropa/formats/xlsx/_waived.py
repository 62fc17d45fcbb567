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
            (("activities", index), activity.waivers)
            for index, activity in enumerate(register.activities)
            if activity.id == finding.activity
        ]
    for owner, waivers in owners:
        found = silencing_waivers(waivers, owner, book.report.as_of, language).get(finding.code)
        if found is not None:
            return waivers[int(found[0][-1])]
    return None


def waiver_text(book: Book, finding: Finding) -> str:
    """`reason: …; accepted by …, on …, until …` in the export language; each part the
    waiver does not give reads "not stated"."""
    waiver = waiver_of(book, finding)
    reason = waiver.reason_in(book.lang, book.register.register.language) if waiver else None
    reason = reason or finding.reason or book.not_stated
    if waiver is None:
        return f"{book.word('reason')}: {reason}"
    missing = book.not_stated
    return (
        f"{book.word('reason')}: {reason}; {book.word('waiver_who')}: "
        f"{waiver.accepted_by or missing}, {book.word('waiver_on')}: "
        f"{waiver.accepted_on.isoformat() if waiver.accepted_on else missing}, "
        f"{book.word('waiver_until')}: {waiver.expires.isoformat() if waiver.expires else missing}"
    )
