"""How each sheet of the Excel export prints: on A4, never in type smaller than 8 points.

openpyxl's "fit to one page wide" shrinks a wide sheet until it fits, and the Activities sheet
of an ordinary register came out in 2-point type. Here a sheet is fitted to the page width
only when that keeps at least `MIN_SCALE` of its 11-point type (8.25 points), by a fixed
scale (never "fit to width", which has no lower bound): upright when it fits that way, else
sideways. A sheet wider still prints at `MIN_SCALE`, page after page to
the right, with its id and name columns repeated on every page (print titles), so each page
says which row it continues. The header row repeats on every page down.

Widths are Excel's: a column `w` characters wide is `7w + 5` pixels of Calibri 11 at 96 dpi.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break

MIN_SCALE = 75
"""Smallest print scale in percent: 11-point body text prints at 8.25 points."""

A4_POINTS = (595.3, 841.9)
"""A4 width and height in points."""
MARGIN = 0.4 * 72
"""Left and right margins, in points (0.4 inch)."""
_WIDER = 1.35
"""How much wider than Excel's count a program may lay a column out: LibreOffice measures
columns with the fonts it has, and without Calibri its columns come out a third wider. The
scale is chosen for the wider count, so a sheet that should fit on the page width does."""


def printed_width(widths: Sequence[float]) -> float:
    """The width of columns `widths` (in characters) on paper at 100%, in points."""
    return sum((7 * width + 5) * 0.75 for width in widths)


def lay_out(sheet: Any, widths: Sequence[float], *, title_columns: str | None = "A:B",
            breaks: Sequence[int] = (), portrait: bool = False) -> str:  # fmt: skip
    """Set the print layout of `sheet` (a write-only worksheet) for columns `widths`.

    `title_columns` repeat on every page when the sheet is too wide for one; `breaks` are
    rows after which a new page starts; `portrait` keeps the page upright even when a wider
    page would hold more. Returns how it prints: "portrait", "landscape" or "wide".
    """
    setup = sheet.page_setup
    setup.paperSize = 9  # A4
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.7,
                                     header=0.3, footer=0.3)  # fmt: skip
    if breaks:
        # Set once: openpyxl's `append` copies and re-checks every break already there, which
        # made a workbook of N activity cards cost N² (a tenth of the export at 10,000).
        sheet.row_breaks.brk = [*sheet.row_breaks.brk, *(Break(id=row) for row in breaks)]
    wide = printed_width(widths) * _WIDER
    upright, sideways = (side - 2 * MARGIN for side in A4_POINTS)
    if portrait or wide * MIN_SCALE / 100 <= upright:
        setup.orientation, page = "portrait", upright
    else:
        setup.orientation, page = "landscape", sideways
    # A fixed scale rather than "fit to width": it can never fall below MIN_SCALE.
    scale = max(MIN_SCALE, min(100, int(100 * page / wide))) if wide else 100
    setup.scale = scale
    if wide * scale / 100 <= page:
        return setup.orientation  # type: ignore[no-any-return]
    setup.pageOrder = "overThenDown"  # a row's pages side by side, then the next rows
    if title_columns:
        sheet.print_title_cols = title_columns
    return "wide"
