"""The workbook on paper: LibreOffice prints it to PDF, and the PDF itself is measured.

Each page names its sheet in the centre of its header (`&A`), so the pages are counted per
sheet; every character's size is read from the PDF as printed (after the sheet's scale), so
no sheet can be shrunk into unreadable type by a page set-up. Skipped only when LibreOffice
(`soffice`) is absent; CI installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from openpyxl import Workbook, load_workbook

import ropa
from ropa.formats.xlsx._print import MIN_SCALE, lay_out
from ropa.formats.xlsx.write import export_excel
from ropa.rules import validate

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "data" / "processing_activities.yaml"
AS_OF = date(2026, 11, 27)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SMALLEST = 8.0
"""Smallest readable type on A4, in points."""

needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (no soffice on PATH); CI installs it"
)


def pages_by_sheet(pdf: Path, titles: list[str]) -> dict[str, list[float]]:
    """Sheet title -> the smallest character size of each of its pages, in points.

    A page belongs to the longest sheet title its header line holds ("" when none)."""
    found: dict[str, list[float]] = defaultdict(list)
    longest_first = sorted(titles, key=len, reverse=True)
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            head = (page.crop((0, 0, float(page.width), 40)).extract_text() or "").split("\n")[0]
            sheet = next((title for title in longest_first if title in head), "")
            sizes = [float(char["size"]) for char in page.chars if char["text"].strip()]
            found[sheet].append(min(sizes) if sizes else 0.0)
    return dict(found)


Printed = dict[str, tuple[list[str], dict[str, list[float]]]]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """The shipped register's workbook in Latvian and English, printed to PDF once: its
    visible sheets' titles and each sheet's pages."""
    folder = tmp_path_factory.mktemp("print")
    register = ropa.load(SHIPPED)
    report = validate(register, as_of=AS_OF)
    workbooks = []
    for lang in ("lv", "en"):
        workbooks.append(folder / f"{lang}.xlsx")
        export_excel(register, workbooks[-1], lang=lang, report=report)
    assert SOFFICE is not None
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "pdf", "--outdir", str(folder), *map(str, workbooks)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    result: Printed = {}
    for lang, workbook in zip(("lv", "en"), workbooks, strict=True):
        book = load_workbook(workbook, read_only=True)
        titles = [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]
        result[lang] = (titles, pages_by_sheet(folder / f"{lang}.pdf", titles))
    return result


@needs_soffice
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_no_page_has_type_under_8_points(printed: Printed, lang: str) -> None:
    small = {
        (sheet, number): size
        for sheet, pages in printed[lang][1].items()
        for number, size in enumerate(pages, 1)
        if size < SMALLEST
    }
    assert not small, small


@needs_soffice
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_visible_sheet_prints_and_the_cover_on_two_pages(printed: Printed,
                                                              lang: str) -> None:  # fmt: skip
    titles, pages = printed[lang]
    assert set(pages) == set(titles)  # and no page without its sheet's name
    # The answers, the contents and the legend on the first page, the register on the second.
    assert len(pages[titles[0]]) == 2


@needs_soffice
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_each_record_card_is_one_page(printed: Printed, lang: str) -> None:
    titles, pages = printed[lang]
    cards = {"lv": "Darbību kartītes", "en": "Record cards"}[lang]
    assert cards in titles
    assert len(pages[cards]) == len(ropa.load(SHIPPED).activities)


def _sheet() -> Any:
    return Workbook(write_only=True).create_sheet("x")


def test_a_wide_sheet_prints_at_no_less_than_the_smallest_scale_with_its_titles() -> None:
    sheet = _sheet()
    assert lay_out(sheet, [50] * 30) == "wide"
    assert sheet.page_setup.scale == MIN_SCALE
    assert MIN_SCALE * 11 / 100 >= SMALLEST
    assert sheet.print_title_cols == "$A:$B"
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is None or not fit.fitToPage


def test_a_narrow_sheet_prints_upright_at_full_size() -> None:
    sheet = _sheet()
    assert lay_out(sheet, [10, 20, 10]) == "portrait"
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.scale == 100
    assert sheet.print_title_cols is None


def test_a_sheet_between_is_laid_sideways_and_scaled_to_fit() -> None:
    sheet = _sheet()
    assert lay_out(sheet, [20] * 7) == "landscape"
    assert sheet.page_setup.orientation == "landscape"
    assert MIN_SCALE <= int(sheet.page_setup.scale) <= 100
