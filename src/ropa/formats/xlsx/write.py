"""Excel export: the register workbook that auditors and the supervisory authority receive.

They never see the YAML, so the workbook must stand on its own: complete against Art. 30,
readable on screen and on paper, safe to open and reproducible. Sheets, in order:

- Cover: the organisation, the edition, which ropa wrote it, as of when, the SHA-256 of the
  source file, counts and the validation summary;
- Activities, the controller's record: one row per controller-role activity, columns in the
  order of Art. 30(1)(a)-(g), then good practice; each header says which item it answers;
- Processing for controllers, the processor's record: one row per processor-role activity,
  columns in the order of Art. 30(2)(a)-(d), then good practice; and Controllers, one row per
  controller with the processing carried out on its behalf;
- one sheet per catalogue (data subjects, data categories, recipients, retention rules,
  security measures, assessments: `_assessments`) and a Transfers sheet with one row per
  transfer (of both records);
- Art. 30 coverage: the controller's activities x Art. 30(1) items, stated / missing / not
  applicable, coloured; Art. 30(2) coverage: the same for the processor's record;
- Rights: the controller's activities x data subject rights, derived from the legal bases
  (`ropa.rights`);
- Findings: every finding of the report, waived ones marked, and the export's own notices
  (code EXPORT: a text cut to Excel's cell limit, or no validation at all); Waivers: every
  waiver, what it applies to, who accepted it, when and until when (`_waivers`);
- Changes (only when an earlier edition is given): what changed since it (`ropa.diff`);
- ropa-data, hidden: the register exactly as written, for `ropa import` (`_data`).

A register holds the controller's record, the processor's, or both; each record's sheets are
in the workbook only when the register holds it, so that a register of one role reads as
before and one of both roles shows them apart. A cell that names one row of another sheet
links to it. Text is always a text cell (never a
formula), characters XML forbids are dropped and over-long text is cut with a marker
(`_cells`). The sheets are streamed, rows never all in memory: openpyxl's write-only mode
writes each sheet's frame and `_cells` its rows. The file is packed with fixed dates
(`_package`), so the same register, language and as-of date give the same bytes, and it
is written beside its destination and renamed into place when complete (`ropa.atomic`).

Module map: `_book` (the register and its indexes), `_sheets` (what each sheet
says), `_data` (the hidden data sheet), `_words` (the workbook's own words in lv /
en), `_cells` (safe cells, styles, streamed sheets), `_package` (the deterministic
zip).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from functools import partial
from typing import IO, Any

from openpyxl.packaging.core import DocumentProperties
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ropa._collector import collector_paused
from ropa._version import __version__
from ropa.atomic import work_folder, write_atomically
from ropa.diff import diff_registers
from ropa.findings import Report
from ropa.formats.xlsx._book import CATALOGUES, Book
from ropa.formats.xlsx._cards import WIDTHS as CARD_WIDTHS
from ropa.formats.xlsx._cards import card_starts, cards_rows
from ropa.formats.xlsx._cells import MAX_WIDTH, Row, SheetStream, Styles, Text, clean_text
from ropa.formats.xlsx._changes import changes_rows, workbook_changes
from ropa.formats.xlsx._cover import cover_break, cover_rows
from ropa.formats.xlsx._data import WIDTHS as DATA_WIDTHS
from ropa.formats.xlsx._data import data_rows
from ropa.formats.xlsx._flows import flows_rows
from ropa.formats.xlsx._package import save
from ropa.formats.xlsx._print import lay_out
from ropa.formats.xlsx._retention import retention_matrix_rows
from ropa.formats.xlsx._sheets import (
    CATALOGUE_ROWS,
    activities_rows,
    coverage_rows,
    findings_rows,
    processor_activities_rows,
    processor_coverage_rows,
    rights_rows,
    transfers_rows,
)
from ropa.formats.xlsx._waivers import waivers_rows
from ropa.formats.xlsx._words import DATA_SHEET, SHEETS, say, word
from ropa.model import Register
from ropa.text import LANGUAGES
from ropa.text.messages import languages

__all__ = ["DATA_SHEET", "LANGUAGES", "SHEET_ORDER", "export_excel", "sheet_keys"]

# The languages the workbook can be written in: every language ropa writes.

SHEET_ORDER = ("cover", "activities", "processor_activities", "controllers", *CATALOGUES,
               "transfers", "flows", "retention_matrix", "coverage", "processor_coverage",
               "rights", "findings", "waivers", "cards")  # fmt: skip
"""Sheet keys in the workbook's order (titles in `_words.SHEETS`): a register without a
processor's record has no processor sheets (Processing for controllers, Controllers, Art. 30(2)
coverage), one without a controller's record no Activities, Art. 30 coverage and Rights. A
Changes sheet follows when an earlier edition is given, and the hidden data sheet comes last."""
CONTROLLER_SHEETS = frozenset({"activities", "retention_matrix", "coverage", "rights"})
"""The sheets of the controller's record (Art. 30(1))."""
PROCESSOR_SHEETS = frozenset({"processor_activities", "controllers", "processor_coverage"})
"""The sheets of the processor's record (Art. 30(2))."""
"""Title of the hidden sheet that holds the register as written (`_data`)."""

_ROWS: dict[str, Callable[[Book], Iterator[Row]]] = {
    "cover": cover_rows,
    "activities": activities_rows,
    "processor_activities": processor_activities_rows,
    **CATALOGUE_ROWS,
    "transfers": transfers_rows,
    "flows": flows_rows,
    "retention_matrix": retention_matrix_rows,
    "coverage": coverage_rows,
    "processor_coverage": processor_coverage_rows,
    "rights": rights_rows,
    "findings": findings_rows,
    "waivers": waivers_rows,
    "cards": cards_rows,
    "changes": changes_rows,
    "data": data_rows,
}
_MAX_WIDTH = {"cover": 50}

# Columns that stay in view while scrolling right: the ids and names a row is about.
_FROZEN = {"cover": "B2", "findings": "C2", "cards": "A2"}
_FROZEN_DEFAULT = "C2"
# Columns repeated on every page of a sheet too wide for one: what the row is about.
_TITLE_COLUMNS: dict[str, str | None] = {"cover": None, "findings": "A:B", "cards": None}
_PORTRAIT = frozenset({"cover", "cards"})
_NO_FILTER = frozenset({"cover", "cards", "data"})
_HEADER_TEXT_LIMIT = 80  # Excel allows 255 characters for a whole header or footer


def export_excel(
    register: Register,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    report: Report | None = None,
    as_of: date | None = None,
    source_sha256: str | None = None,
    since: Register | None = None,
) -> None:
    """Write the register workbook of `register` to `path`, whole or not at all.

    `lang` is "lv" or "en": sheet names, headers, vocabulary labels and register texts in that
    language (register texts fall back to the register's language, then to any). `report` is
    the validation report the Findings sheet lists; without one the workbook says validation
    was not run. `as_of` dates the workbook (default: the report's date, else today) and is the
    only date in it that the clock could set. `source_sha256` defaults to the SHA-256 of the
    bytes the register was loaded from, when it was read from a file. `since`, an earlier
    edition of the register, adds a Changes sheet: what changed since it (`ropa.diff`), one
    row per change.

    The workbook also holds the register exactly as written, in a hidden sheet, so that
    `ropa.import_workbook` can give it back whole.

    Raises `ropa.atomic.OutputError` when `path` cannot be written (no partial file is left)
    and ValueError for an unknown language or an `as_of` that contradicts the report.

    Examples:
        >>> import ropa
        >>> from datetime import date
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> report = ropa.validate(register, as_of=date(2026, 11, 27))
        >>> ropa.export_excel(register, "ropa-lv.xlsx", lang="lv", report=report)
        >>> ropa.import_workbook("ropa-lv.xlsx") == register
        True
    """
    if lang not in languages():
        raise ValueError(f"lang must be one of {', '.join(languages())}; got {lang!r}")
    if report is not None and as_of is not None and as_of != report.as_of:
        raise ValueError(
            f"as_of {as_of.isoformat()} differs from the report's date {report.as_of.isoformat()}"
        )
    day = as_of or (report.as_of if report is not None else date.today())
    source = register.source
    book = Book(
        register=register,
        lang=lang,
        report=report,
        as_of=day,
        source_file=(source.base_name if source else None) or word("not_available", lang),
        source_sha256=source_sha256
        or (source.sha256() if source else None)
        or word("not_available", lang),
        source_files=_source_files(register),
        since=since,
    )
    if since is not None:
        book.changes = workbook_changes(book, diff_registers(since, register))
    with collector_paused():  # the rows are made and dropped by the hundred thousand
        write_atomically(path, lambda stream: _write_workbook(book, stream))


def _source_files(register: Register) -> tuple[str, ...]:
    """The main file's name and each fragment's path relative to it, when the register was
    read from several files (`include`); else nothing."""
    source = register.source
    if source is None or len(source.files) < 2:
        return ()
    (main, _), *fragments = source.files
    folder = os.path.dirname(os.path.abspath(main))
    relative = [os.path.relpath(os.path.abspath(name), folder).replace(os.sep, "/")
                for name, _ in fragments]  # fmt: skip
    return (source.base_name or main, *relative)


def _write_workbook(book: Book, stream: IO[bytes]) -> None:
    with work_folder("ropa-xlsx-") as work:
        workbook = Workbook(write_only=True)
        workbook.properties = _properties(book)
        keys = (*sheet_keys(book), *(("changes",) if book.since is not None else ()), "data")
        book.sheet_keys = keys  # the Cover's contents
        book.rows["cards"], card_ends = card_starts(book)  # other sheets link to the cards
        book.places.card_ends = card_ends
        titles = [DATA_SHEET if key == "data" else say(SHEETS, key, book.lang) for key in keys]
        numbers = {key: number for number, key in enumerate(keys)}
        sheets: dict[str, SheetStream] = {}
        styles: Styles | None = None
        for key, title in zip(keys, titles, strict=True):
            sheet: WriteOnlyWorksheet = workbook.create_sheet(title)
            styles = styles or Styles(sheet)
            part = os.path.join(work, f"sheet{numbers[key] + 1}")
            layout: dict[str, Any]
            if key == "data":
                # Hidden, not very hidden: an auditor may unhide it; it is only not for reading.
                sheet.sheet_state = "hidden"  # type: ignore[attr-defined]
                layout = {"widths": DATA_WIDTHS, "fit_rows": False, "body_style": "data"}
            else:
                _set_up_page(sheet, book, key)
                layout = {"max_width": _MAX_WIDTH.get(key, MAX_WIDTH)}
                if key == "cards":
                    layout["widths"] = CARD_WIDTHS
            sheets[key] = SheetStream(
                sheet, out=part + ".xml", rows_out=part + "-rows.xml", styles=styles,
                sheet_numbers=numbers, titles=titles, lang=book.lang, notices=book.notices,
                **layout,
            )  # fmt: skip
        # The cover comes first in the workbook but is written last: it counts the notices;
        # the Findings sheet, which lists them, is written after every other sheet.
        for key in (*(k for k in keys[1:] if k != "findings"), "findings", "cover"):
            autofilter = key not in _NO_FILTER
            breaks = card_ends if key == "cards" else []
            if key == "cover":  # the answers on the first page, the register's details after
                breaks = [cover_break(book)]
            print_layout = (
                None if key == "data" else partial(_lay_out, sheets[key].sheet, key, breaks)
            )
            rows = partial(_ROWS[key], book)
            if key not in ("cover", "data"):
                rows = partial(_or_none_recorded, rows, book.lang)
            sheets[key].write(rows, autofilter=autofilter, layout=print_layout)
            if breaks:
                # Written with the sheet; dropped now, or the workbook's reference cycles
                # would hold one break per activity until the collector runs.
                sheets[key].sheet.row_breaks.brk = []
            # Likewise the column widths: the retention sheet has a column per activity, and
            # each column's dimension refers back to its sheet.
            sheets[key].sheet.column_dimensions.clear()
        save(workbook, stream, book.as_of, {s.out: s.rows_out for s in sheets.values()})


def sheet_keys(book: Book) -> tuple[str, ...]:
    """The keys of the sheets the workbook of `book` holds, in order (without Changes and the
    data sheet): each record's sheets only when the register holds that record."""
    left_out = (CONTROLLER_SHEETS if not book.controller_record else frozenset()) | (
        PROCESSOR_SHEETS if not book.processor_record else frozenset()
    )
    return tuple(key for key in SHEET_ORDER if key not in left_out)


def _properties(book: Book) -> DocumentProperties:
    midnight = datetime(book.as_of.year, book.as_of.month, book.as_of.day)
    organisation = _one_line(book.register.organisation.name or "")
    title = word("title", book.lang) + (f" — {organisation}" if organisation else "")
    return DocumentProperties(
        creator=f"ropa {__version__}",
        title=title,
        subject=_one_line(book.register.register.version or "") or None,
        language=book.lang,
        created=midnight,
        modified=midnight,
    )


def _or_none_recorded(rows: Callable[[], Iterator[Row]], lang: str) -> Iterator[Row]:
    """The rows of a sheet, and under a header alone a row saying that none are recorded
    (a bare header on paper reads as a page lost)."""
    count = 0
    for row in rows():
        count += 1
        yield row
    if count == 1:
        yield [Text(word("none_recorded", lang), "grey")], None


def _lay_out(sheet: Any, key: str, breaks: Sequence[int], widths: Sequence[int]) -> None:
    """The print layout of sheet `key` once its column widths are known (`_print`)."""
    lay_out(sheet, widths, title_columns=_TITLE_COLUMNS.get(key, "A:B"), breaks=breaks,
            portrait=key in _PORTRAIT)  # fmt: skip
    if key == "cards":
        # A card is a page of fields and then its findings: narrower top and bottom margins
        # (the header and footer keep their 0.3 inch) give it the lines a card with eight
        # or nine findings needs to stay on its one page.
        sheet.page_margins.top = sheet.page_margins.bottom = _CARD_MARGIN


_CARD_MARGIN = 0.5
"""The top and bottom margins of the record cards, in inches."""


def _set_up_page(sheet: Any, book: Book, key: str) -> None:
    """Frozen header, header row on every page, header and footer naming the organisation,
    the sheet and the page; the page itself is laid out once the widths are known
    (`_lay_out`).

    `sheet` is a `WriteOnlyWorksheet`, whose settings openpyxl's stubs leave out.
    """
    sheet.freeze_panes = _FROZEN.get(key, _FROZEN_DEFAULT)
    sheet.print_title_rows = "1:1"
    lang = book.lang
    organisation = _header_text(book.register.organisation.name or "")
    version = _header_text(book.register.register.version or "")
    header = sheet.HeaderFooter.oddHeader
    header.left.text = organisation or None
    header.center.text = "&A"
    header.right.text = f"{word('as_of_prefix', lang)} {book.as_of.isoformat()}"
    footer = sheet.HeaderFooter.oddFooter
    footer.left.text = f"ropa {__version__}"
    footer.center.text = word("page", lang)
    footer.right.text = version or None


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())


def _header_text(text: str) -> str:
    # `&` starts a header code; `&&` is a literal ampersand.
    return _one_line(text)[:_HEADER_TEXT_LIMIT].replace("&", "&&")
