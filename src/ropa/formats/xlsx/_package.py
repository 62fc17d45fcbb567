"""Pack a write-only openpyxl workbook into an .xlsx whose bytes depend on its content only.

openpyxl stamps each zip entry with the current time and each streamed sheet with the time
its temporary file was written, and its `save` sets the document's modified time to now. Here
the workbook is packed by openpyxl's own `ExcelWriter` into a zip file that

- gives every entry the same fixed date and the same attributes (the entries' order is
  openpyxl's, which depends on the workbook only);
- puts each sheet's rows, which `_xlsx_cells.SheetStream` writes to a file of their own, in
  place of the empty `<sheetData>` that openpyxl writes for the sheet.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from datetime import date
from typing import IO, Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

_CHUNK = 1 << 20
_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")


def zip_date(day: date) -> tuple[int, int, int, int, int, int]:
    """Midnight of `day` as a zip entry date (the zip format starts in 1980 and ends in 2107)."""
    year = min(max(day.year, 1980), 2107)
    return (year, day.month, day.day, 0, 0, 0)


class _FixedZip(ZipFile):
    """A zip file for writing whose entries all carry one date and no platform attributes."""

    def __init__(self, stream: IO[bytes], day: date, rows: Mapping[str, str]) -> None:
        super().__init__(stream, "w", ZIP_DEFLATED, allowZip64=True)
        self._date_time = zip_date(day)
        self._rows = rows

    def _entry(self, name: str) -> ZipInfo:
        entry = ZipInfo(name, self._date_time)
        entry.compress_type = ZIP_DEFLATED
        entry.create_system = 0
        entry.external_attr = 0
        return entry

    def writestr(self, zinfo_or_arcname: str | ZipInfo, data: Any,
                 compress_type: int | None = None,
                 compresslevel: int | None = None) -> None:  # fmt: skip
        name = (
            zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, ZipInfo) else zinfo_or_arcname
        )
        super().writestr(self._entry(name), data)

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None,
              compresslevel: int | None = None) -> None:  # fmt: skip
        # openpyxl calls this for each streamed sheet: its temporary file and its name inside.
        name = str(arcname if arcname is not None else filename)
        entry = self._entry(name)
        rows = self._rows.get(str(filename))
        entry.file_size = os.path.getsize(filename) + (os.path.getsize(rows) if rows else 0)
        with open(filename, "rb") as sheet, self.open(entry, "w") as target:
            if rows is not None:
                _copy_spliced(sheet, rows, target, name)
            shutil.copyfileobj(sheet, target, _CHUNK)


def _copy_spliced(sheet: IO[bytes], rows: str, target: IO[bytes], name: str) -> None:
    """Copy `sheet` up to its empty sheetData, then the rows in `rows` inside it; the rest of
    `sheet` is left for the caller to copy."""
    head = b""
    while True:
        chunk = sheet.read(_CHUNK)
        head += chunk
        match = _EMPTY_SHEET_DATA.search(head)
        if match is not None:
            break
        if not chunk:
            raise RuntimeError(f"{name}: openpyxl wrote no <sheetData> for the rows")
    target.write(head[: match.start()] + b"<sheetData>")
    with open(rows, "rb") as source:
        shutil.copyfileobj(source, target, _CHUNK)
    target.write(b"</sheetData>" + head[match.end() :])


def save(workbook: Workbook, stream: IO[bytes], day: date, rows: Mapping[str, str]) -> None:
    """Write `workbook` (every sheet closed) to `stream`, every entry dated `day`.

    `rows` maps the file openpyxl wrote for a sheet to the file that holds the sheet's rows.
    """
    archive = _FixedZip(stream, day, rows)
    try:
        ExcelWriter(workbook, archive).save()
    finally:
        archive.close()
