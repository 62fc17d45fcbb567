"""What the regulators' layouts (CNIL, ICO) share: reading a filled spreadsheet, writing one
with deterministic bytes, building a register from what the cells say, and the import report.

A filled template is read as a grid of cell values per sheet, from .xlsx (openpyxl) or .ods
(read here from its `content.xml`, so that no office suite is needed: LibreOffice is absent
from most machines that run ropa, and converting through it is slow and not byte-stable).

An import never drops a value silently. Every cell is either mapped to a field of the register
(`ImportReport.mapped`) or reported as a gap (`ImportReport.gaps`), `Sheet!Cell: ...`, and a
gap's text is kept in a text field of the register where there is one.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from xml.etree import ElementTree

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from ropa.atomic import write_bytes_atomically
from ropa.formats._located import CellProblem, model_words
from ropa.formats.xlsx import ooxml
from ropa.formats.xlsx.ooxml import open_workbook
from ropa.loader import DEFAULT_MAX_BYTES
from ropa.loader.read import read_at_most
from ropa.model import ID_PATTERN, Register
from ropa.text.messages import Argument, Message, message, msg, render

__all__ = [
    "UNPACKED_FACTOR",
    "Book",
    "Grid",
    "ImportReport",
    "LayoutImport",
    "Mapped",
    "RegisterBuilder",
    "TemplateError",
    "cell_ref",
    "fold",
    "head_and_detail",
    "lines",
    "lookup",
    "merge",
    "period_in_words",
    "put",
    "read_book",
    "save_book",
    "slug",
    "trailing_label",
]

UNPACKED_FACTOR = 10
"""A spreadsheet (a regulator's template, or a workbook ropa wrote) may unpack to at most this
many times `max_bytes`: a zip bomb is refused from the sizes its archive declares. A workbook
ropa writes unpacks to 9 to 20 times the size of its register file (the Findings and Coverage
sheets grow with the findings), so a register above about 25 MB makes a workbook that must
be imported with a larger `--max-bytes`; the refusal says so."""

Value = Any
"""A cell value as read: str, int, float, bool, date or None."""


class TemplateError(Exception):
    """A spreadsheet that cannot be read as the layout: every problem, located, each with its
    catalogue message (`CellProblem.line(lang)` says it in the reader's language)."""

    def __init__(self, problems: Iterable[CellProblem]) -> None:
        self.problems: tuple[CellProblem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Mapped:
    """A cell read into the register: where, and the field (a register path such as
    `organisation.name`, or a note in words)."""

    where: str
    target: Argument

    def line(self, lang: str) -> str:
        """`Sheet!B4 -> organisation.name`, a note in `lang`."""
        return f"{self.where} -> {render(self.target, lang)}"

    def __str__(self) -> str:
        return self.line("en")


@dataclass
class ImportReport:
    """What an import mapped where, and what it could not map (each gap located)."""

    mapped: list[Mapped] = field(default_factory=list)
    """`Sheet!B4 -> organisation.name`, in reading order."""
    gaps: list[CellProblem] = field(default_factory=list)
    """`Sheet!E12: ...`: a value the register format cannot hold as written."""
    not_held: tuple[Message, ...] = ()
    """What the layout has no place for at all (so an export to it and back loses it)."""

    def map(self, where: str, target: Argument) -> None:
        """Record that the cell `where` was read into `target`."""
        self.mapped.append(Mapped(where, target))

    def gap(self, where: str, message: Message) -> None:
        """Record that the value at `where` could not be mapped, and why."""
        self.gaps.append(CellProblem.of(where, message))

    def text(self, lang: str = "en") -> str:
        """The whole report, as lines of text in `lang`."""
        lines = [message("layout.report.mapped", lang)]
        lines += [f"  {line.line(lang)}" for line in self.mapped]
        lines += [message("layout.report.gaps", lang)]
        lines += [f"  {gap.line(lang)}" for gap in self.gaps]
        lines += [] if self.gaps else [f"  {message('layout.report.none', lang)}"]
        lines += [message("layout.report.not_held", lang)]
        lines += [f"  {line.text(lang)}" for line in self.not_held]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class LayoutImport:
    """A register read from a regulator's layout, and the report of the import."""

    register: Register
    report: ImportReport


# ---------------------------------------------------------------------------------------------
# Reading: a grid of values per sheet


@dataclass
class Grid:
    """One sheet's values, by 1-based (row, column); empty cells are absent."""

    title: str
    cells: dict[tuple[int, int], Value] = field(default_factory=dict)

    @property
    def max_row(self) -> int:
        return max((row for row, _ in self.cells), default=0)

    def get(self, row: int, column: int) -> Value:
        return self.cells.get((row, column))

    def text(self, row: int, column: int) -> str:
        """The cell as text, stripped ("" when empty); a date as ISO 8601."""
        value = self.get(row, column)
        if value is None:
            return ""
        if isinstance(value, datetime):
            # A time of day is kept (a date field then reports the cell), never dropped.
            if value.time() != datetime.min.time():
                return value.isoformat(sep=" ")
            value = value.date()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def where(self, row: int, column: int) -> str:
        return f"{self.title}!{cell_ref(row, column)}"


Book = dict[str, Grid]
"""The sheets of a spreadsheet by title, in the file's order."""


def cell_ref(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def read_book(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Book:
    """Every sheet of the .xlsx or .ods at `path` as a grid; TemplateError when unreadable."""
    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as stream:
            data = read_at_most(stream, max_bytes + 1)
    except FileNotFoundError:
        raise _refused(name, msg("loader.no_such_file")) from None
    except IsADirectoryError:
        raise _refused(name, msg("layout.directory")) from None
    except OSError as error:
        reason = str(error.strerror or error)
        raise _refused(name, msg("layout.cannot_read", reason=reason)) from None
    if size > max_bytes:
        raise _refused(name, msg("layout.oversize", size=f"{size:,}", limit=f"{max_bytes:,}"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refused(name, msg("layout.not_a_spreadsheet")) from None
    if unpacked > UNPACKED_FACTOR * max_bytes:
        limit = f"{UNPACKED_FACTOR * max_bytes:,}"
        raise _refused(name, msg("layout.unpacked", unpacked=f"{unpacked:,}", limit=limit))
    try:
        if "content.xml" in archive.namelist() and "xl/workbook.xml" not in archive.namelist():
            return _ods_book(archive, name)
        return _xlsx_book(data, name)
    except TemplateError:
        raise
    except ooxml.TooManyStrings:
        count = f"{ooxml.MAX_SHARED_STRINGS:,}"
        raise _refused(name, msg("xlsx.import.shared_strings", count=count)) from None
    except Exception as error:  # the zip, XML and openpyxl readers, on a damaged file
        reason = str(error).strip() or type(error).__name__
        raise _refused(name, msg("layout.damaged", reason=reason)) from None


def _refused(name: str, said: Message) -> TemplateError:
    """The error refusing the file `name` as a whole."""
    return TemplateError([CellProblem.of(name, said)])


MAX_CELLS = 2_000_000
"""Most cells read from a regulator's template, the empty ones a row spans included (the
templates have a few hundred rows); a sheet that declares the whole grid is read as the
cells it holds, not as the 17 billion its dimension claims."""


def _xlsx_book(data: bytes, name: str) -> Book:
    workbook = open_workbook(io.BytesIO(data), data_only=True)
    book: Book = {}
    counted = 0
    try:
        for sheet in workbook.worksheets:
            grid = Grid(sheet.title)
            sheet.reset_dimensions()
            for row in sheet.iter_rows():
                counted += len(row) or 1
                if counted > MAX_CELLS:
                    raise _too_many_cells(name, grid.title)
                for cell in row:
                    value = getattr(cell, "value", None)
                    if type(value) is str:
                        value = ooxml.decode(value)  # `_x000D_` as the text it stands for
                    if value is not None and value != "":
                        grid.cells[(cell.row, cell.column)] = value
            book[sheet.title] = grid
    finally:
        workbook.close()
    return book


_ODS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
_MAX_SPACES = 1_000
_MAX_ROWS = 100_000  # a repeated row of values beyond this is a hostile file, not a register


def _too_many_cells(name: str, title: str) -> TemplateError:
    return _refused(name, msg("layout.cells", sheet=title, cells=f"{MAX_CELLS:,}"))


def _q(prefix: str, local: str) -> str:
    return f"{{{_ODS[prefix]}}}{local}"


def _ods_book(archive: zipfile.ZipFile, name: str) -> Book:
    content = archive.read("content.xml")
    if b"<!DOCTYPE" in content[:4096] or b"<!ENTITY" in content:
        raise _refused(name, msg("layout.entities"))
    root = ElementTree.fromstring(content)
    book: Book = {}
    counted = 0
    for table in root.iter(_q("table", "table")):
        grid = Grid(table.get(_q("table", "name"), f"Sheet{len(book) + 1}"))
        row_number = 0
        for row in _ods_rows(table):
            repeat = int(row.get(_q("table", "number-rows-repeated"), "1"))
            values = list(_ods_cells(row))
            if not any(value is not None for _, value in values):
                row_number += repeat
                continue
            for _ in range(min(repeat, _MAX_ROWS)):
                row_number += 1
                if row_number > _MAX_ROWS:
                    rows = f"{_MAX_ROWS:,}"
                    raise _refused(name, msg("layout.rows", sheet=grid.title, rows=rows))
                for column, value in values:
                    if value is not None:
                        grid.cells[(row_number, column)] = value
                counted += len(values)
                if counted > MAX_CELLS:
                    raise _too_many_cells(name, grid.title)
        book[grid.title] = grid
    return book


def _ods_rows(table: ElementTree.Element) -> Iterator[ElementTree.Element]:
    for child in table:
        if child.tag == _q("table", "table-row"):
            yield child
        elif child.tag in (
            _q("table", "table-header-rows"),
            _q("table", "table-row-group"),
            _q("table", "table-rows"),
        ):
            yield from _ods_rows(child)


def _ods_cells(row: ElementTree.Element) -> Iterator[tuple[int, Value]]:
    column = 0
    for cell in row:
        if cell.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
            continue
        repeat = int(cell.get(_q("table", "number-columns-repeated"), "1"))
        value = _ods_value(cell)
        if value is None:
            column += repeat
            continue
        for _ in range(min(repeat, 1024)):
            column += 1
            yield column, value


def _ods_value(cell: ElementTree.Element) -> Value:
    kind = cell.get(_q("office", "value-type"))
    if kind in ("float", "percentage", "currency"):
        number = float(cell.get(_q("office", "value"), "0"))
        return int(number) if number.is_integer() else number
    if kind == "date":
        text = cell.get(_q("office", "date-value"), "")
        if text[10:].strip("T0:.") != "":
            return text.replace("T", " ")  # a time of day: kept as text, never dropped
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return text
    if kind == "boolean":
        return cell.get(_q("office", "boolean-value")) == "true"
    paragraphs = ["".join(_ods_text(p)) for p in cell.findall(_q("text", "p"))]
    text = "\n".join(paragraphs)
    return text if text.strip() else None


def _ods_text(element: ElementTree.Element) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if child.tag == _q("text", "s"):
            # `<text:s text:c="1000000000"/>` would be a gigabyte of spaces.
            yield " " * min(int(child.get(_q("text", "c"), "1")), _MAX_SPACES)
        elif child.tag == _q("text", "tab"):
            yield "\t"
        elif child.tag == _q("text", "line-break"):
            yield "\n"
        elif child.tag != _q("office", "annotation"):  # a comment is not the cell's value
            yield from _ods_text(child)
        if child.tail:
            yield child.tail


# ---------------------------------------------------------------------------------------------
# Writing: formula-safe cells, deterministic bytes

_BOLD = Font(bold=True)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def put(sheet: Worksheet, ref: str, value: Value, *, bold: bool = False) -> Cell:
    """Write `value` at `ref`; text is always text (never a formula, whatever it starts with)."""
    cell: Cell = sheet[ref]
    if isinstance(value, str):
        cell.value = ooxml.escape(_CONTROL.sub("", value))
        cell.data_type = "s"  # "=SUM(A1)" in a register is a text, not a formula to run
    else:
        cell.value = value
    if bold:
        cell.font = _BOLD
    return cell


def merge(sheet: Worksheet, ref: str) -> None:
    """Merge the cells of `ref` (e.g. `B4:H4`), whose first cell holds the value.

    openpyxl's `merge_cells` also makes an object for every covered cell, which costs more
    than the rest of a CNIL fiche; the covered cells are never written here, so declaring the
    range is enough (Excel and LibreOffice read the same merged range)."""
    sheet.merged_cells.add(CellRange(ref))


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def save_book(workbook: Workbook, path: str | os.PathLike[str], day: date) -> None:
    """Write `workbook` to `path` whole or not at all, with bytes that depend on its content
    and `day` only (every zip entry and the document's dates set to `day`)."""
    moment = datetime(day.year, day.month, day.day)
    workbook.properties.created = moment
    workbook.properties.modified = moment
    workbook.properties.creator = "ropa"
    raw = io.BytesIO()
    workbook.save(raw)
    stamp = f"{day.isoformat()}T00:00:00Z".encode()
    packed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            fixed = zipfile.ZipInfo(
                entry.filename, (max(day.year, 1980), day.month, day.day, 0, 0, 0)
            )
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0
            fixed.create_system = 0
            target.writestr(fixed, data)
    write_bytes_atomically(path, packed.getvalue())


# ---------------------------------------------------------------------------------------------
# Building a register from cells

_ID = re.compile(ID_PATTERN)


def slug(text: str, fallback: str = "item") -> str:
    """An id made from a name: ASCII letters, digits and _, starting with a letter."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", folded.lower())
    candidate = "_".join(words)[:48].strip("_")
    if not candidate or not candidate[0].isalpha():
        candidate = f"{fallback}_{candidate}" if candidate else fallback
    return candidate if _ID.fullmatch(candidate) else fallback


class RegisterBuilder:
    """Collects what the cells say into the register's plain data; catalogue entries are
    shared by name (the same name on two activities is one entry) and get ids from names."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.organisation: dict[str, Any] = {}
        self.info: dict[str, Any] = {"kind": "controller", "language": language}
        self.catalogues: dict[str, dict[str, dict[str, Any]]] = {
            "data_subjects": {},
            "data_categories": {},
            "recipients": {},
            "retention_rules": {},
            "security_measures": {},
        }
        self.activities: list[dict[str, Any]] = []
        self._ids: dict[str, set[str]] = {name: set() for name in self.catalogues}
        self._activity_ids: set[str] = set()

    def entry(self, catalogue: str, name: str, **fields: Any) -> str:
        """The id of the entry named `name` (made on first use, with `fields`)."""
        known = self.catalogues[catalogue]
        key = name.casefold()
        if key in known:
            for field_name, value in fields.items():
                if value is not None and known[key].get(field_name) is None:
                    known[key][field_name] = value
            return str(known[key]["id"])
        entry_id = self._unique(slug(name, catalogue.rstrip("s")), self._ids[catalogue])
        known[key] = {"id": entry_id, "name": name, **fields}
        return entry_id

    def activity_id(self, wanted: str, name: str) -> str:
        candidate = wanted if _ID.fullmatch(wanted or "") else slug(wanted or name, "activity")
        return self._unique(candidate, self._activity_ids)

    @staticmethod
    def _unique(candidate: str, taken: set[str]) -> str:
        result, number = candidate, 2
        while result in taken:
            result = f"{candidate}_{number}"
            number += 1
        taken.add(result)
        return result

    def data(self) -> dict[str, Any]:
        return {
            "format": "ropa/1",
            "register": self.info,
            "organisation": self.organisation,
            **{name: list(entries.values()) for name, entries in self.catalogues.items()},
            "activities": self.activities,
        }

    def build(self, where: str) -> Register:
        """The register; TemplateError naming each field the format refuses."""
        try:
            return Register.model_validate(self.data())
        except ValidationError as error:
            problems = [
                CellProblem.of(where, msg("layout.invalid", field=".".join(map(str, item["loc"])),
                                          problem=model_words(item)))
                for item in error.errors()
            ]  # fmt: skip
            raise TemplateError(problems) from None


def lines(text: str) -> list[str]:
    """The non-empty lines of a cell, stripped (a list written one item per line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def lookup(labels: Mapping[str, str], text: str) -> str | None:
    """The code whose label is `text` (case, accents and spacing ignored), or None."""
    wanted = fold(text)
    for code, label in labels.items():
        if fold(label) == wanted:
            return code
    return None


def fold(text: str) -> str:
    """Text compared loosely: no accents, lower case, single spaces, no trailing colon."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.casefold().replace("\u00a0", " ").split()).rstrip(" :")


def head_and_detail(line: str) -> tuple[str, str]:
    """`Name (kind): detail` -> (`Name (kind)`, `detail`); no colon -> (line, "")."""
    head, colon, detail = line.partition(": ")
    return (head.strip(), detail.strip()) if colon else (line.strip().rstrip(":"), "")


def trailing_label(head: str, labels: Mapping[str, str]) -> tuple[str, str | None]:
    """`Name (Processor)` -> (`Name`, `processor`) when the parenthesis is a known label."""
    match = re.fullmatch(r"(?P<name>.*\S)\s*\((?P<label>[^()]*)\)", head, re.DOTALL)
    if match is not None:
        code = lookup(labels, match["label"])
        if code is not None:
            return match["name"], code
    return head, None


_UNITS = {
    "years": ("year", "years", "an", "ans", "annee", "annees"),
    "months": ("month", "months", "mois"),
    "weeks": ("week", "weeks", "semaine", "semaines"),
    "days": ("day", "days", "jour", "jours"),
}
_AMOUNT = re.compile(r"(\d+)\s+([a-z]+)")
_JOINERS = {"and", "et", ""}


def period_in_words(text: str) -> str | None:
    """`1 year and 6 months` / `5 ans` -> `P1Y6M` / `P5Y`; None when the text is not only a
    period in words."""
    folded = fold(text).replace(",", " ")
    amounts: dict[str, int] = {}
    rest = _AMOUNT.sub(lambda m: _take(m, amounts), folded)
    if not amounts or any(word not in _JOINERS for word in rest.split()) or "?" in rest:
        return None
    if "weeks" in amounts and len(amounts) > 1:
        return None
    if amounts.get("weeks"):
        return f"P{amounts['weeks']}W"
    parts = [
        f"{amounts[unit]}{letter}"
        for unit, letter in (("years", "Y"), ("months", "M"), ("days", "D"))
        if amounts.get(unit)
    ]
    return "P" + "".join(parts) if parts else None


def _take(match: re.Match[str], amounts: dict[str, int]) -> str:
    for unit, words in _UNITS.items():
        if match[2] in words and unit not in amounts:
            amounts[unit] = int(match[1])
            return " "
    return " ? "
