"""The Changes sheet: what changed since an earlier edition, in the workbook's words.

A change names the part of the register as the sheet that shows it is titled, the entry by its
id (linked to its row, when this edition has it) and its name, the field by the heading of the
column that shows it, and the old and new values as that column shows them: durations in
words, labels rather than codes, references by name. The values are taken from the sheet
functions themselves, run on each edition, so the Changes sheet and the sheets never disagree.
A field no sheet shows (waivers, say) is named by its key in the register and its values are
put into words here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from ropa.diff import FieldChange, RegisterDiff
from ropa.durations import Duration
from ropa.formats.xlsx._book import Book, header
from ropa.formats.xlsx._cells import Row, Text, Value
from ropa.formats.xlsx._cover import cover_rows
from ropa.formats.xlsx._sheets import (
    CATALOGUE_ROWS,
    activities_rows,
    processor_activities_rows,
)
from ropa.formats.xlsx._waivers import WAIVER_FIELDS
from ropa.formats.xlsx._words import (
    ACTIVITY_COLUMNS,
    CATALOGUE_COLUMNS,
    CHANGE_COLUMNS,
    COVER,
    PROCESSOR_COLUMNS,
    SHEETS,
    say,
)
from ropa.model import Waiver

__all__ = ["change_headers", "changes_rows", "workbook_changes"]


# A register field -> the column that shows it, where the two are named differently.
_COLUMN_OF = {
    "organisation": {"name": "organisation"},
    "retention_rules": {"period": "in_words"},  # a duration in words, not P36M
    "controllers": {"contract": "controller_contract"},
}


_CHANGE_WORDS = {"added": "change_added", "removed": "change_removed",
                 "reordered": "change_reordered"}  # fmt: skip


def change_headers(lang: str) -> list[str]:
    """The Changes sheet's headings."""
    return [say(CHANGE_COLUMNS, key, lang) for key in CHANGE_COLUMNS]


def workbook_changes(book: Book, diff: RegisterDiff) -> list[list[Value]]:
    """One row per change: part, id, name, field, change, old, new. A changed entry gives one
    row per column that changed, with the column's whole old and new text; rows come in the
    order of `RegisterDiff.text`."""
    since = book.since
    if since is None:
        return []
    old_book = Book(register=since, lang=book.lang, report=None, as_of=book.as_of,
                    source_file="", source_sha256="")  # fmt: skip
    view = _Views(book, old_book)
    rows: list[list[Value]] = []
    cover = say(SHEETS, "cover", book.lang)
    for block, changes in (("register", diff.register), ("organisation", diff.organisation)):
        rows += view.field_rows(block, cover, "", "", "", changes)
    for section in diff.sections:
        rows += view.section_rows(section.section, section)
    return rows


class _Views:
    """The sheets' cells of both editions, by section, entry id and column key."""

    def __init__(self, new: Book, old: Book) -> None:
        self.new, self.old = new, old
        self.lang = new.lang
        self._cells: dict[tuple[bool, str], dict[str, dict[str, str]]] = {}

    def cells(self, section: str, *, new: bool) -> dict[str, dict[str, str]]:
        """Entry id -> column key -> the cell's text, in one edition (the Cover's items under
        the id "")."""
        key = (new, section)
        if key not in self._cells:
            self._cells[key] = _sheet_cells(self.new if new else self.old, section)
        return self._cells[key]

    def field_rows(self, section: str, kind: str, entry_id: Value, name: str, sheet: str,
                   changes: Sequence[FieldChange]) -> list[list[Value]]:  # fmt: skip
        """The rows of the changed fields of one entry (or block), one per column."""
        lang = self.lang
        columns = _columns(section, sheet)
        cells_key = "" if section in ("register", "organisation") else str(_plain_id(entry_id))
        rows: list[list[Value]] = []
        done: set[str] = set()
        for change in changes:
            top = change.field.split(".", 1)[0]
            column = _COLUMN_OF.get(section, {}).get(top, top)
            if column in columns:
                if column in done:
                    continue
                done.add(column)
                table = "cover" if columns is COVER else section
                old = self.cells(table, new=False).get(cells_key, {}).get(column, "")
                new = self.cells(table, new=True).get(cells_key, {}).get(column, "")
                listed = any(c.field == change.field and c.change in ("added", "removed")
                             for c in changes)  # fmt: skip
                what = self.new.word(
                    "change_reordered" if change.change == "reordered" and old == new
                    else "change_changed"
                )  # fmt: skip
                if listed:
                    what = self._items_changed(old, new) or what
                heading = say(columns, column, lang).split("\n")[0]
                rows.append([kind, entry_id, name, heading, what, old, new])
                continue
            old_words = _words(self.old, change.old)
            new_words = _words(self.new, change.new)
            what_key = _CHANGE_WORDS.get(change.change, "change_changed")
            field = say(SHEETS, "waivers", lang) if top == "waivers" else change.field
            rows.append([kind, entry_id, name, field, self.new.word(what_key), old_words,
                         new_words])  # fmt: skip
        return rows

    def _items_changed(self, old: str, new: str) -> str:
        """A list column's change item by item, as the column shows its items (one a line):
        `added: Contact information`, then `removed: ...`; "" when no item came or went."""
        book = self.new
        empty = {"", book.not_stated, book.word("none")}
        before = [line for line in old.split("\n") if line not in empty]
        after = [line for line in new.split("\n") if line not in empty]
        lines = [book.word("change_item_added").format(item=item)
                 for item in after if item not in before]  # fmt: skip
        lines += [book.word("change_item_removed").format(item=item)
                  for item in before if item not in after]  # fmt: skip
        return "\n".join(lines)

    def section_rows(self, section: str, diff: Any) -> list[list[Value]]:
        """Added, removed and changed entries of one section, then whether its order moved."""
        rows: list[list[Value]] = []
        for entry in diff.added:
            sheet = self._sheet(section, entry, new=True)
            kind = say(SHEETS, sheet, self.lang)
            rows.append([kind, self._link(sheet, entry.id), self.new.text(entry.name), "",
                         self.new.word("change_added"), "", ""])  # fmt: skip
        for entry in diff.removed:
            sheet = self._sheet(section, entry, new=False)
            kind = say(SHEETS, sheet, self.lang)
            rows.append([kind, entry.id, self.old.text(entry.name), "",
                         self.new.word("change_removed"), "", ""])  # fmt: skip
        entries = {e.id: e for e in getattr(self.new.register, section)}
        for changed in diff.changed:
            entry = entries.get(changed.id.split("#", 1)[0])
            sheet = self._sheet(section, entry, new=True) if entry is not None else section
            kind = say(SHEETS, sheet, self.lang)
            name = self.new.text(entry.name) if entry is not None else ""
            link = self._link(sheet, changed.id)
            rows += self.field_rows(sheet, kind, link, name, sheet, changed.changes)
        if diff.reordered:
            rows.append([say(SHEETS, section, self.lang), "", "", "",
                         self.new.word("change_reordered"), "", ""])  # fmt: skip
        return rows

    def _sheet(self, section: str, entry: Any, *, new: bool) -> str:
        if section != "activities":
            return section
        return "processor_activities" if entry.role == "processor" else "activities"

    def _link(self, sheet: str, entry_id: str) -> Value:
        target = self.new.link(sheet, entry_id) if sheet in self.new.rows else None
        return Text(entry_id, "link", target) if target else entry_id


def _plain_id(value: Value) -> str:
    return value.value if isinstance(value, Text) else str(value or "")


def _columns(section: str, sheet: str) -> Mapping[str, str]:
    if section in ("register", "organisation"):
        return COVER
    if sheet == "activities":
        return ACTIVITY_COLUMNS
    if sheet == "processor_activities":
        return PROCESSOR_COLUMNS
    return CATALOGUE_COLUMNS


def _text_of(value: Value) -> str:
    if isinstance(value, Text):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _sheet_cells(book: Book, section: str) -> dict[str, dict[str, str]]:
    """Entry id -> column key -> text, as the sheet of `section` shows it in `book`."""
    if section == "cover":
        labels = {say(COVER, key, book.lang): key for key in COVER}
        items: dict[str, str] = {}
        for values, _ in list(cover_rows(book))[1:]:
            key = labels.get(_text_of(values[0]))
            if key is not None:
                items[key] = _text_of(values[1])
        return {"": items}
    if section in ("activities", "processor_activities"):
        columns = list(ACTIVITY_COLUMNS if section == "activities" else PROCESSOR_COLUMNS)
        rows = activities_rows if section == "activities" else processor_activities_rows
        found: dict[str, dict[str, str]] = {}
        for values, entry_id in list(rows(book))[1:]:
            if entry_id is not None:
                found.setdefault(entry_id, dict(zip(columns, map(_text_of, values), strict=False)))
        return found
    generate = CATALOGUE_ROWS.get(section)
    if generate is None:
        return {}
    produced = list(generate(book))
    if not produced:
        return {}
    headings = {say(CATALOGUE_COLUMNS, key, book.lang): key for key in CATALOGUE_COLUMNS}
    keys = [headings.get(_text_of(cell), "") for cell in produced[0][0]]
    found = {}
    for values, _ in produced[1:]:
        texts = [_text_of(value) for value in values]
        if texts:
            found.setdefault(texts[0], dict(zip(keys, texts, strict=False)))
    return found


def _words(book: Book, value: Any) -> str:
    """A value no sheet shows, in words: text in the workbook's language (marked when it is
    in another), yes / no, dates, durations in words, lists one per line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return book.word("yes" if value else "no")
    if isinstance(value, str | dict) and not isinstance(value, BaseModel):
        return book.text(value) if isinstance(value, dict) else value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Duration):
        return value.in_words(book.lang)
    if isinstance(value, tuple | list):
        return "\n".join(_words(book, item) for item in value)
    if isinstance(value, Waiver):  # as the Waivers sheet heads its columns
        said = [(key, _words(book, getattr(value, key))) for key in WAIVER_FIELDS[1:]]
        return "; ".join(f"{say(CATALOGUE_COLUMNS, key, book.lang)}: {part}"
                         for key, part in said if part)  # fmt: skip
    if isinstance(value, BaseModel):
        parts = [_words(book, getattr(value, name)) for name in type(value).model_fields]
        return "; ".join(part for part in parts if part)
    return str(value)


def changes_rows(book: Book) -> Iterator[Row]:
    """The Changes sheet: one row per change since the earlier edition (`workbook_changes`),
    or one row saying that nothing changed."""
    yield header(change_headers(book.lang))
    if not book.changes:
        message = book.word("no_changes").format(edition=book.since_edition)
        yield [message, "", "", "", "", "", ""], None
        return
    for row in book.changes:
        yield list(row), None
