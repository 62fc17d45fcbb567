"""Safe cells, styles and streamed sheets for the Excel export.

Every value the export writes passes through here, and nothing in here lets a value become
anything but what the exporter meant:

- text is always a text cell (`t="inlineStr"`), even when it starts with `=`, `+`, `-`, `@`,
  a tab or a carriage return (OWASP's formula-injection characters), looks like a number or
  like an error code such as `#N/A`; text that starts with one of those characters also gets
  Excel's quote prefix, so that editing the cell later does not make it a formula either;
- characters that XML 1.0 forbids (C0 controls other than tab, line feed and carriage return,
  lone surrogates, U+FFFE, U+FFFF) are removed, and a carriage return is written as `&#13;`
  (an XML reader turns a raw one into a line feed);
- text longer than Excel's 32,767-character cell limit is cut, ends with a visible marker and
  is reported as a `Notice`.

A `SheetStream` writes one sheet without holding its rows: openpyxl's write-only worksheet
writes everything around the rows (views, column widths, autofilter, hyperlinks, page set-up),
and the rows themselves are serialised here, straight to a file of their own, which
`_package` puts in place of the empty `<sheetData>` when it packs the workbook. Writing
the few kinds of cell the export uses directly is several times faster than building an XML
element per cell, and it is what lets the export keep within its time budget.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.functions import Element

from ropa.formats.xlsx import ooxml
from ropa.formats.xlsx._words import counted, word

EXCEL_CELL_LIMIT = 32_767
"""Most characters (UTF-16 code units) one Excel cell holds."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet program read text as a formula (OWASP)."""

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

MIN_WIDTH = 8
MAX_WIDTH = 50
"""Column widths, in characters, are fitted to the content within these bounds."""
HEADER_WIDTH = 20
"""A header alone widens its column to at most this many characters."""
MAX_LINK_WIDTH = 70
"""A column may grow to this width for a linked cell, which LibreOffice does not wrap."""
MAX_LINKS = 65_530
"""Most hyperlinks a sheet holds (Excel's limit); a later linked cell is written as text."""
LINE_HEIGHT = 15.0
"""Points per line of 11-point text; a row is as tall as its tallest cell needs."""
MAX_ROW_HEIGHT = 409.0
"""Excel's tallest row, in points."""


def clean_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry."""
    if _XML_FORBIDDEN.search(text) is None:
        return text
    return _XML_FORBIDDEN.sub("", text)


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, as Excel counts characters."""
    return len(text.encode("utf-16-le")) // 2


def cut_to_limit(text: str, lang: str, limit: int = EXCEL_CELL_LIMIT) -> tuple[str, int]:
    """`text` cut to `limit` UTF-16 units, ending with a marker; and how many characters
    (code points) were left out, 0 when the text fits."""
    if len(text) <= limit // 2 or utf16_length(text) <= limit:
        return text, 0
    widest = _marker(len(text), lang)
    units = text.encode("utf-16-le")[: 2 * (limit - utf16_length(widest))]
    if len(units) >= 2 and 0xD800 <= int.from_bytes(units[-2:], "little") <= 0xDBFF:
        units = units[:-2]  # never split a surrogate pair
    kept = units.decode("utf-16-le")
    left_out = len(text) - len(kept)
    return kept + _marker(left_out, lang), left_out


def _marker(left_out: int, lang: str) -> str:
    return word("cut_marker", lang).format(characters=counted(left_out, "character", lang))


def _escape(text: str) -> str:
    # Text content: &, <, > as entities; a carriage return as a character reference.
    if "_x" in text:
        # OOXML reads `_x000D_` in a text as the character U+000D (ECMA-376 Part 1, 22.9.2.19
        # ST_Xstring); text that holds such a sequence itself has its `_` written `_x005F_`.
        text = ooxml.escape(text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


# ---------------------------------------------------------------------------------------------
# Values a sheet row may hold

Target = tuple[str, int]
"""An internal hyperlink target: (sheet key, row number)."""


@dataclass(frozen=True)
class Text:
    """Text with a style other than the body style, or a link to a row of another sheet."""

    value: str
    style: str = "text"
    link: Target | None = None


Value = str | int | date | Text | None
"""What a row holds: text, a count, a date, styled or linked text, or nothing."""

Row = tuple[Sequence[Value], "str | None"]
"""A row to write: its values, and the activity it is about (named in notices), if any."""


@dataclass(frozen=True)
class Notice:
    """Something the export itself had to do to a value: a text cut to the cell limit."""

    sheet: str
    cell: str
    activity: str | None
    left_out: int


# ---------------------------------------------------------------------------------------------
# Styles

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_WRAP_LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")


def _font(**changes: Any) -> Font:
    # The workbook's own font (Calibri 11) with changes; a bare Font() has no name, and
    # LibreOffice then falls back to a serif font.
    return Font(name="Calibri", size=11, family=2, scheme="minor", **changes)


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color="FF" + rgb, end_color="FF" + rgb)


# Colours of Excel's own Good / Bad / Neutral cell styles, readable on screen and in grey print;
# every coloured cell also says its state in words, so nothing depends on colour alone.
_STYLES: dict[str, dict[str, Any]] = {
    "text": {},
    "header": {"font": _font(bold=True), "fill": _fill("DDEBF7")},
    "label": {"font": _font(bold=True)},
    "link": {"font": _font(color="0563C1", underline="single")},
    "date": {"number_format": "yyyy-mm-dd", "alignment": _WRAP_LEFT},
    "number": {"number_format": "0", "alignment": _WRAP_LEFT},
    "good": {"font": _font(color="006100"), "fill": _fill("C6EFCE")},
    "bad": {"font": _font(color="9C0006"), "fill": _fill("FFC7CE")},
    "neutral": {"font": _font(color="9C5700"), "fill": _fill("FFEB9C")},
    "grey": {"font": _font(color="404040"), "fill": _fill("D9D9D9")},
    # Amber like "neutral", underlined: the cell links to the finding that questions it.
    "questioned": {"font": _font(color="9C5700", underline="single"), "fill": _fill("FFEB9C")},
    "error": {"font": _font(bold=True, color="9C0006"), "fill": _fill("FFC7CE")},
    "warning": {"font": _font(bold=True, color="9C5700"), "fill": _fill("FFEB9C")},
    "info": {"font": _font(color="1F4E79"), "fill": _fill("DDEBF7")},
    # Machine-read text (the data sheet): no wrapping, so that no program lays out its long
    # cells line by line.
    "data": {"alignment": Alignment(vertical="top")},
}


class Styles:
    """Style name -> cell style id in one workbook, each id resolved once."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        # Any sheet of the workbook: a style id belongs to the workbook, not the sheet.
        self._sheet = sheet
        self._ids: dict[tuple[str, bool], int] = {}

    def id(self, name: str, quoted: bool = False) -> int:
        """The style id of `name`; `quoted` adds Excel's quote prefix (text stays text)."""
        key = (name, quoted)
        found = self._ids.get(key)
        if found is None:
            cell = Cell(self._sheet, row=1, column=1)
            spec = _STYLES[name]
            cell.alignment = spec.get("alignment", _WRAP)
            cell.border = _BORDER
            if "font" in spec:
                cell.font = spec["font"]
            if "fill" in spec:
                cell.fill = spec["fill"]
            if "number_format" in spec:
                cell.number_format = spec["number_format"]
            if quoted:
                cell.quotePrefix = True
            found = self._ids[key] = cell.style_id
        return found


# ---------------------------------------------------------------------------------------------
# Sheets


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer, writing internal hyperlinks from a compact list."""

    def __init__(self, sheet: WriteOnlyWorksheet, out: str, links: array[int],
                 titles: Sequence[str], used: str | None) -> None:  # fmt: skip
        super().__init__(sheet, out)
        self._path = out
        self._links = links
        self._titles = titles
        self._used = used

    def write_dimensions(self) -> None:
        # The used range, as Excel writes it: without it, a reader such as openpyxl's
        # read-only mode parses the whole sheet once more just to learn its size.
        if self._used is not None:
            self.xf.send(Element("dimension", {"ref": self._used}))

    def write_hyperlinks(self) -> None:
        if not self._links:
            return
        links = self._links
        xf: Any = self.xf.send(True)
        with xf.element("hyperlinks"):
            for index in range(0, len(links), 4):
                row, column, sheet, target = links[index : index + 4]
                ref = f"{get_column_letter(column)}{row}"
                location = f"{_quoted(self._titles[sheet])}!A{target}"
                xf.write(Element("hyperlink", {"ref": ref, "location": location}))
        self.xf.send(None)

    def cleanup(self) -> None:
        os.remove(self._path)


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


class SheetStream:
    """One sheet, written row by row: safe text, styles, links, fitted widths and heights.

    `write` reads the rows twice: once to fit the column widths (which a sheet declares before
    its first row), once to write them, each row as tall as its text needs at those widths.
    The rows are never all in memory at once.

    A sheet given fixed `widths` is read once, and with `fit_rows=False` every row keeps the
    default height; `body_style` is the style of plain text (the data sheet's is "data").
    """

    def __init__(self, sheet: WriteOnlyWorksheet, *, out: str, rows_out: str, styles: Styles,
                 sheet_numbers: Mapping[str, int], titles: Sequence[str], lang: str,
                 notices: list[Notice], max_width: int = MAX_WIDTH,
                 widths: Sequence[int] | None = None, fit_rows: bool = True,
                 body_style: str = "text") -> None:  # fmt: skip
        # openpyxl's stubs leave out the settings a write-only sheet shares with a worksheet.
        self.sheet: Any = sheet
        self.title = sheet.title
        self.out = out
        """The sheet's XML around an empty <sheetData>, as openpyxl writes it."""
        self.rows_out = rows_out
        """The sheet's rows, as XML."""
        self.row_count = 0
        self.widths: list[int] = []
        self._styles = styles
        self._body_style = body_style
        self._text_style = styles.id(body_style)
        self._quoted_style = styles.id(body_style, quoted=True)
        self._sheet_numbers = sheet_numbers
        self._titles = titles
        self._lang = lang
        self._notices = notices
        self._max_width = max_width
        self._fixed_widths = list(widths) if widths is not None else None
        self._fit_rows = fit_rows
        self._links: array[int] = array("l")
        self._letters: list[str] = []
        self._columns = 0
        """The number of the last column with a cell in it, in any row."""

    def write(self, rows: Callable[[], Iterable[Row]], *, autofilter: bool = True,
              layout: Callable[[Sequence[int]], None] | None = None) -> None:  # fmt: skip
        """Write the rows `rows()` yields (the first is the header), then end the sheet.

        `layout`, when given, is called with the fitted column widths (to set up printing).
        """
        self.widths = self._fixed_widths or self._fit(rows())
        if layout is not None:
            layout(self.widths)
        self._letters = [get_column_letter(index) for index in range(1, len(self.widths) + 1)]
        for letter, width in zip(self._letters, self.widths, strict=True):
            self.sheet.column_dimensions[letter].width = width
        with open(self.rows_out, "w", encoding="utf-8", newline="") as out:
            for values, activity in rows():
                self.row_count += 1
                out.write(self._row_xml(values, activity))
        if autofilter and self.row_count and self.widths:
            self.sheet.auto_filter.ref = f"A1:{self._letters[-1]}{self.row_count}"
        # The write-only sheet writes its head and tail around an empty <sheetData> when it is
        # closed, with this writer (openpyxl would otherwise make a plain one).
        used = f"A1:{get_column_letter(self._columns)}{self.row_count}" if self._columns else None
        writer = _SheetWriter(self.sheet, self.out, self._links, self._titles, used)
        writer.write_top()
        self.sheet._writer = writer
        self.sheet.close()

    def _fit(self, rows: Iterable[Row]) -> list[int]:
        rows = iter(rows)
        header, _ = next(rows)
        # A header wraps rather than widen a column of short values (yes, no, stated ...),
        # but never breaks a word.
        widths = [
            max(MIN_WIDTH, min(_widest(value), HEADER_WIDTH), _longest_word(value) + 2)
            for value in header
        ]
        for values, _ in rows:
            if len(widths) < len(values):
                widths.extend([MIN_WIDTH] * (len(values) - len(widths)))
            for index, value in enumerate(values):
                if value is not None:
                    widths[index] = self._fitted(widths[index], value)
        return widths

    def _fitted(self, width: int, value: Value) -> int:
        limit = self._max_width
        if isinstance(value, Text):
            if value.link is not None:
                limit = max(limit, MAX_LINK_WIDTH)
            value = value.value
        if width >= limit:
            return width
        if isinstance(value, str):
            longest = max(map(len, value.split("\n"))) if "\n" in value else len(value)
        elif isinstance(value, date):
            longest = 10
        else:
            longest = len(str(value))
        return max(width, min(longest + 2, limit))

    def _row_xml(self, values: Sequence[Value], activity: str | None) -> str:
        number = self.row_count
        suffix = str(number)
        cells: list[str] = []
        lines = 1
        last = -1
        for index, value in enumerate(values):
            if value is None:
                continue
            while index >= len(self._letters):  # a sheet of fixed widths may run wider
                self._letters.append(get_column_letter(len(self._letters) + 1))
            ref = self._letters[index] + suffix
            last = index
            if value == "":
                cells.append(f'<c r="{ref}" s="{self._text_style}"/>')  # keeps the borders
                continue
            if isinstance(value, str):
                text, cell = self._text_xml(ref, value, "text", activity)
            elif isinstance(value, Text):
                style = value.style
                if value.link is not None:
                    if len(self._links) < 4 * MAX_LINKS:
                        sheet, target = value.link
                        self._links.extend((number, index + 1, self._sheet_numbers[sheet], target))
                    else:
                        style = self._body_style  # no link, so no look of one
                text, cell = self._text_xml(ref, value.value, style, activity)
            elif isinstance(value, bool):
                raise TypeError("a boolean is written as a word, not as a cell")
            elif isinstance(value, int):
                text, cell = "", f'<c r="{ref}" s="{self._styles.id("number")}"><v>{value}</v></c>'
            elif isinstance(value, date):
                serial = to_excel(value)  # type: ignore[no-untyped-call]
                text, cell = "", f'<c r="{ref}" s="{self._styles.id("date")}"><v>{serial}</v></c>'
            else:
                raise TypeError(f"cannot write {type(value).__name__} to a cell")
            cells.append(cell)
            if text and self._fit_rows:
                lines = max(lines, _lines(text, self.widths[index]))
        if last >= self._columns:
            self._columns = last + 1
        height = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT) if lines > 1 else 0.0
        opening = f'<row r="{suffix}" ht="{height:g}" customHeight="1">' if height else (
            f'<row r="{suffix}">'
        )  # fmt: skip
        return opening + "".join(cells) + "</row>"

    def _text_xml(self, ref: str, value: str, style_name: str,
                  activity: str | None) -> tuple[str, str]:  # fmt: skip
        """The text as written, and its cell: always a text cell, whatever it looks like."""
        value = clean_text(value)
        if len(value) > EXCEL_CELL_LIMIT // 2:
            value, left_out = cut_to_limit(value, self._lang)
            if left_out:
                self._notices.append(Notice(self.title, ref, activity, left_out))
        quoted = value[:1] in FORMULA_START
        if style_name in ("text", self._body_style):
            style = self._quoted_style if quoted else self._text_style
        else:
            style = self._styles.id(style_name, quoted)
        space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
        cell = f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
        return value, cell


def _widest(value: Value) -> int:
    text = value.value if isinstance(value, Text) else str(value or "")
    return max(map(len, text.split("\n"))) + 2


def _longest_word(value: Value) -> int:
    text = value.value if isinstance(value, Text) else str(value or "")
    return max(map(len, text.split()), default=0)


def _lines(text: str, width: int) -> int:
    """Lines `text` takes when wrapped in a column `width` characters wide (an estimate that
    errs on the tall side: words do not break, and bold or wide letters take more room)."""
    per_line = max(width - 2, 1)
    if "\n" not in text:
        return -(-len(text) // per_line)
    return sum(-(-len(line) // per_line) or 1 for line in text.split("\n"))
