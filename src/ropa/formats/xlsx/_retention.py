"""Retention by data category: data categories x the controller's activities, and the rule
that applies to each (Art. 30(1)(f), Art. 5(1)(e)).

"How long is each data category kept?" had no answer in one place: a category is kept under
a different rule in each activity that processes it, and since the format's retention per
data category (`retention: [{rule, categories}]`) under different rules within one activity
too. One row per data category, one column per activity of the controller's record (a
processor keeps data as long as its controller says, Art. 28(3)(g)); each cell says, in words,
the rule the activity applies to the category: the activity's one rule when it names a single
rule for all its data, else the entry that lists the category. A category the activity
processes and no rule covers reads "not stated" in red; one two entries cover, both rules in
amber (ROPA403 reports either); a category the activity does not process reads "not
processed", in grey.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.formats.xlsx._book import Book, header
from ropa.formats.xlsx._cells import Row, Text, Value
from ropa.formats.xlsx._sheets import Renderers
from ropa.formats.xlsx._words import RETENTION_COLUMNS, say
from ropa.model import Activity


def rules_by_category(activity: Activity) -> dict[str, list[str]]:
    """Data category id -> the retention rule ids that apply to it in `activity`, in the order
    written (a single rule applies to every category of the activity)."""
    found: dict[str, list[str]] = {ref: [] for ref in activity.data_categories}
    for entry in activity.retention_entries():
        for ref in entry.categories:
            rules = found.setdefault(ref, [])
            if entry.rule not in rules:
                rules.append(entry.rule)
    return found


def _one_line(text: str) -> str:
    # A header names the activity on one line, its id on the next.
    return " ".join(text.split())


SHEET_COLUMNS = 16_384
"""The columns a sheet has in Excel and LibreOffice (A to XFD)."""
ACTIVITY_COLUMNS = SHEET_COLUMNS - 2
"""The activities one block of the sheet shows, beside the category's id and name."""


def retention_matrix_rows(book: Book) -> Iterator[Row]:
    """One row per data category of the catalogue, one column per controller activity. More
    activities than a sheet has columns continue below, in blocks of `ACTIVITY_COLUMNS`
    activities, each block with its header and every category again."""
    activities = book.controller_activities
    for start in range(0, max(len(activities), 1), ACTIVITY_COLUMNS):
        yield from _block(book, activities[start : start + ACTIVITY_COLUMNS])


def _block(book: Book, activities: tuple[Activity, ...]) -> Iterator[Row]:
    lang = book.lang
    column = book.word("retention_activity")
    yield header([say(RETENTION_COLUMNS, "category_id", lang),
                  say(RETENTION_COLUMNS, "category", lang),
                  *(column.format(name=_one_line(book.text(a.name)), id=a.id)
                    for a in activities)])  # fmt: skip
    render = Renderers(book)
    by_activity = [rules_by_category(activity) for activity in activities]
    rules = book.by_id["retention_rules"]
    for category in book.register.data_categories:
        target = book.link("data_categories", category.id)
        name: Value = book.text(category.name)
        row: list[Value] = [Text(category.id, "link", target) if target else category.id, name]
        for found in by_activity:
            if category.id not in found:
                row.append(Text(book.word("not_processed"), "grey"))
                continue
            ids = found[category.id]
            words = [render.retention(rules[ref]) if ref in rules
                     else f"{ref} ({book.word('unknown_id')})" for ref in ids]  # fmt: skip
            if not words:
                row.append(Text(book.not_stated, "bad"))
            elif len(words) > 1:
                row.append(Text("\n".join(words), "neutral"))
            else:
                row.append(words[0])
        yield row, None
