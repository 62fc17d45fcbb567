"""The data sheet: the register exactly as written, hidden in the workbook for `ropa import`.

A workbook is in one language and shows some fields only in words, so its visible sheets
alone cannot give the register back. The hidden sheet `ropa-data` holds it whole, one row per
block or entry, in the register's order::

    section        id         data
    ropa                      {"layout":"ropa-data/1","format":"ropa/1","ropa":"0.1.0",...}
    register                  {"kind":"controller","version":"2026.1",...}
    organisation              {"name":"Example SIA",...}
    data_subjects  customers  {"id":"customers","name":{"lv":"Klienti","en":"Customers"}}
    ...
    activities     orders     {"id":"orders",...}

`data` is the block or entry as JSON, with the format's field names and every field that is
not at its default. It is ASCII (everything else escaped), so no character is lost to XML or
to a spreadsheet program, and it is split over as many cells to the right as it needs, each
well under Excel's cell limit. Every cell is text; the sheet is deterministic like the rest.

This module owns the sheet's layout both ways: `data_rows` writes it, `read_data` reads it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ropa._version import __version__
from ropa.formats.xlsx._book import Book, header
from ropa.formats.xlsx._cells import Row
from ropa.model import (
    FORMAT,
    Activity,
    Assessment,
    Controller,
    DataCategory,
    DataSubjectCategory,
    Organisation,
    Recipient,
    RegisterInfo,
    RetentionRule,
    SecurityMeasure,
)
from ropa.text.messages import Message, msg

LAYOUT = "ropa-data/1"
"""The layout of the data sheet; a reader refuses any other."""
CHUNK = 32_000
"""Characters of JSON per cell (Excel holds 32,767)."""
WIDTHS = (16, 24, 100)
"""Column widths of the data sheet (section, id, data)."""
HEADER = ("section", "id", "data")

ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "controllers": Controller,
    "data_subjects": DataSubjectCategory,
    "data_categories": DataCategory,
    "recipients": Recipient,
    "retention_rules": RetentionRule,
    "security_measures": SecurityMeasure,
    "assessments": Assessment,
    "activities": Activity,
}
"""Section -> the model of its entries, in the register's order."""


def entry_json(model: BaseModel) -> str:
    """A block or entry as compact ASCII JSON, fields at their default left out."""
    data = model.model_dump(mode="json", exclude_defaults=True)
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


def _chunks(text: str) -> list[str]:
    return [text[start : start + CHUNK] for start in range(0, len(text), CHUNK)] or [""]


def data_rows(book: Book) -> Iterator[Row]:
    """The data sheet's rows: header, the layout row, the register block, the organisation,
    every catalogue entry and every activity. Once all are given, `book.data_sha256` is their
    digest (`Digest`), which the Cover shows."""
    digest = Digest()
    rows = _data_rows(book)
    yield next(rows)  # the header
    for row in rows:
        digest.add(row[0])  # type: ignore[arg-type]  # every cell below the header is text
        yield row
    book.data_sha256 = digest.hexdigest()


class Digest:
    """The SHA-256 of a data sheet's rows below its header, each row as the JSON list of its
    cells. The Cover shows it, so that the hidden sheet cannot be changed without a visible
    cell changing too: the import compares the two."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def add(self, cells: Sequence[str | None]) -> None:
        # As a reader finds them: an empty cell is no value, and trailing ones are no cells.
        values = ["" if cell is None else cell for cell in cells]
        while values and values[-1] == "":
            values.pop()
        self._hash.update(json.dumps(values, ensure_ascii=True).encode("ascii") + b"\n")

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def _data_rows(book: Book) -> Iterator[Row]:
    register = book.register
    yield header(HEADER)
    meta: dict[str, Any] = {"layout": LAYOUT, "format": FORMAT, "ropa": __version__,
                            "lang": book.lang, "as_of": book.as_of.isoformat()}  # fmt: skip
    if len(book.source_files) > 1:
        meta["files"] = list(book.source_files)
    yield ["ropa", "", json.dumps(meta, ensure_ascii=True, separators=(",", ":"))], None
    yield ["register", "", *_chunks(entry_json(register.register))], None
    yield ["organisation", "", *_chunks(entry_json(register.organisation))], None
    for section in ENTRY_MODELS:
        for entry in getattr(register, section):
            yield [section, entry.id, *_chunks(entry_json(entry))], None


# ---------------------------------------------------------------------------------------------
# Reading it back


@dataclass
class DataSheet:
    """What a data sheet holds: the register block, the organisation and every entry."""

    sha256: str = ""
    """The digest of the rows read (`Digest`), to compare with what the Cover shows."""
    meta: dict[str, Any] = field(default_factory=dict)
    """The layout row: layout, format, ropa version, workbook language, as-of date."""
    register: RegisterInfo | None = None
    organisation: Organisation | None = None
    entries: dict[str, list[Any]] = field(default_factory=lambda: {k: [] for k in ENTRY_MODELS})
    """Section -> its entries (models), in the register's order."""


def read_data(
    rows: Iterable[tuple[int, Sequence[Any]]],
) -> tuple[DataSheet, list[tuple[str, Message]]]:
    """The data sheet from its rows (row number, cell values); and its problems, each as
    (cell, message). A damaged row is left out and reported, never guessed at."""
    sheet = DataSheet()
    problems: list[tuple[str, Message]] = []
    digest = Digest()
    for number, values in rows:
        cells = list(values)
        while cells and cells[-1] in (None, ""):
            cells.pop()
        if not cells:
            continue
        if number == 1:
            if tuple(cells[:3]) != HEADER:
                problems.append((f"A{number}", msg("xlsx.import.data.header")))
                return sheet, problems
            continue
        section, key, parts = cells[0], cells[1] or "", cells[2:]
        if not all(isinstance(part, str) for part in (section, key, *parts)):
            problems.append((f"A{number}", msg("xlsx.import.data.not_text")))
            continue
        digest.add(cells)
        try:
            data = json.loads("".join(parts))
        except ValueError as error:
            said = msg("xlsx.import.data.damaged", section=section, key=key, reason=str(error))
            problems.append((f"C{number}", said))
            continue
        except RecursionError:  # nested deeper than Python's parser goes; ropa never is
            problems.append((f"C{number}", msg("xlsx.import.data.deep", section=section, key=key)))
            continue
        problem = _take(sheet, section, key, data)
        if problem:
            problems.append((f"C{number}", problem))
    if not sheet.meta and not problems:
        problems.append(("A2", msg("xlsx.import.data.no_layout")))
    sheet.sha256 = digest.hexdigest()
    return sheet, problems


def _take(sheet: DataSheet, section: str, key: str, data: Any) -> Message | None:
    """Put one row's data into `sheet`; a message when it cannot be."""
    if section == "ropa":
        if not isinstance(data, dict) or data.get("layout") != LAYOUT:
            layout = data.get("layout") if isinstance(data, dict) else None
            return msg("xlsx.import.data.layout", layout=repr(layout), expected=repr(LAYOUT))
        sheet.meta = data
        return None
    model: type[BaseModel] | None
    if section == "register":
        model = RegisterInfo
    elif section == "organisation":
        model = Organisation
    else:
        model = ENTRY_MODELS.get(section)
    if model is None:
        return msg("xlsx.import.data.section", section=repr(section))
    try:
        entry = model.model_validate(data)
    except ValidationError as error:
        return msg("xlsx.import.data.invalid", section=section, key=key,
                   count=str(error.error_count()))  # fmt: skip
    if section == "register":
        sheet.register = entry  # type: ignore[assignment]
    elif section == "organisation":
        sheet.organisation = entry  # type: ignore[assignment]
    else:
        if getattr(entry, "id", None) != key:
            return msg("xlsx.import.data.other_id", section=section, key=key)
        sheet.entries[section].append(entry)
    return None
