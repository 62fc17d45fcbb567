"""The import neither hangs on a sheet that lies about its size nor changes anything silently.

A formula saved without its value, a date with a time of day, a waiver added only in the
hidden data sheet: each is reported at its place, and nothing is written. Text holding OOXML's
own escape syntax (`_x000D_`) comes back as written, also after LibreOffice saved the workbook.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet import _read_only

import ropa
from ropa.formats.xlsx import read as reader
from ropa.formats.xlsx.read import WorkbookError, import_workbook
from ropa.formats.xlsx.write import DATA_SHEET, export_excel
from ropa.model import Register
from ropa.rules import validate

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "data" / "processing_activities.yaml"
AS_OF = date(2026, 11, 27)
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def shipped() -> Register:
    return ropa.load(SHIPPED)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory, shipped: Register) -> Path:
    path = tmp_path_factory.mktemp("workbook") / "shipped.xlsx"
    export_excel(shipped, path, lang="en", report=validate(shipped, as_of=AS_OF))
    return path


def edited(source: Path, target: Path, change: Callable[[Workbook], None]) -> Path:
    book = load_workbook(source)
    change(book)
    book.save(target)
    return target


def problems(path: Path) -> list[str]:
    with pytest.raises(WorkbookError) as error:
        import_workbook(path)
    return [str(problem) for problem in error.value.problems]


def column_of(sheet: Any, heading: str) -> int:
    for cell in sheet[1]:
        if str(cell.value or "").split("\n")[0] == heading:
            return int(cell.column)
    raise AssertionError(f"no column {heading}")


def row_of(sheet: Any, entry_id: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == entry_id:
            return row
    raise AssertionError(f"no row {entry_id}")


# ---------------------------------------------------------------------------------------------
# A sheet that declares (or spans) the whole grid


def rewritten(source: Path, target: Path, change: Callable[[str, str], str]) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = change(info.filename, data.decode("utf-8")).encode("utf-8")
            new.writestr(info, data)
    return target


@pytest.fixture
def cells_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every cell openpyxl hands out; stops the import past 5 million (a bound on
    work: without it, a whole-grid dimension hands out 17 billion)."""
    counted = [0]
    original = _read_only.ReadOnlyWorksheet._cells_by_row

    def counting(self: Any, *args: Any, **kwargs: Any) -> Iterator[tuple[Any, ...]]:
        for row in original(self, *args, **kwargs):
            counted[0] += max(len(row), 1)
            if counted[0] > 5_000_000:
                raise AssertionError("more than 5,000,000 cells handed out")
            yield row

    monkeypatch.setattr(_read_only.ReadOnlyWorksheet, "_cells_by_row", counting)
    return counted


def test_a_sheet_declaring_the_whole_grid_is_read_as_the_cells_it_holds(
    workbook: Path, tmp_path: Path, shipped: Register, cells_counted: list[int]
) -> None:
    def whole_grid(name: str, xml: str) -> str:
        return re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml)

    path = rewritten(workbook, tmp_path / "grid.xlsx", whole_grid)
    assert import_workbook(path) == shipped
    assert cells_counted[0] < 100_000


def test_a_cell_at_the_far_corner_of_the_grid_is_bounded_work(
    workbook: Path, tmp_path: Path, cells_counted: list[int]
) -> None:
    def far_cell(name: str, xml: str) -> str:
        if name != "xl/worksheets/sheet2.xml":  # Activities
            return xml
        far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace("</sheetData>", far + "</sheetData>")

    path = rewritten(workbook, tmp_path / "far.xlsx", far_cell)
    assert (
        "Activities!XFD1048576: a value in a column without a heading ropa knows; ropa cannot "
        "keep it"
    ) in problems(path)
    # A million empty rows and a row of 16,384 cells: counted, and far below the grid's size.
    assert cells_counted[0] < 2_000_000


def test_more_cells_than_the_limit_are_refused(
    workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_CELLS", 500)
    found = problems(workbook)
    assert len(found) == 1
    assert re.fullmatch(
        r".*: more than 500 cells in the workbook \(counted to row \d+ of "
        r"this sheet\); no register's workbook has so many: refused",
        found[0],
    )


# ---------------------------------------------------------------------------------------------
# Cells whose value is not what it seems


def test_a_formula_saved_without_its_value_is_reported(workbook: Path, tmp_path: Path) -> None:
    def formula(book: Workbook) -> None:
        sheet = book["Activities"]
        row = row_of(sheet, "customer_registration")
        sheet.cell(row, column_of(sheet, "Description")).value = '=CONCAT("Re", "gistration")'

    path = edited(workbook, tmp_path / "formula.xlsx", formula)
    found = problems(path)
    assert len(found) == 1
    assert re.fullmatch(
        r"Activities!C\d+: a formula \(=CONCAT\(\"Re\", \"gistration\"\)\) saved without its "
        r"value; ropa reads the values a workbook holds: type the value itself",
        found[0],
    ), found


def test_a_date_with_a_time_of_day_is_reported(workbook: Path, tmp_path: Path) -> None:
    def timed(book: Workbook) -> None:
        sheet = book["Activities"]
        row = row_of(sheet, "customer_registration")
        sheet.cell(row, column_of(sheet, "Last reviewed")).value = datetime(2026, 1, 31, 10, 30)

    found = problems(edited(workbook, tmp_path / "timed.xlsx", timed))
    assert len(found) == 1
    assert re.fullmatch(
        r"Activities!\w+: 2026-01-31 10:30:00 is a date with a time of day; this column holds a "
        r"date only: write it as YYYY-MM-DD",
        found[0],
    ), found


def test_a_date_at_midnight_is_a_date(workbook: Path, tmp_path: Path, shipped: Register) -> None:
    def midnight(book: Workbook) -> None:
        sheet = book["Activities"]
        row = row_of(sheet, "customer_registration")
        sheet.cell(row, column_of(sheet, "Last reviewed")).value = datetime(2026, 1, 31)

    register = import_workbook(edited(workbook, tmp_path / "midnight.xlsx", midnight))
    activity = next(a for a in register.activities if a.id == "customer_registration")
    assert str(activity.reviewed) == "2026-01-31"


HIDDEN_SHEET_CHANGED = (
    "ropa-data: the hidden data sheet is not the one this workbook was written with (its "
    "SHA-256 is not the one the sheet 'Cover' shows): it was changed after the export; change "
    "the register in the visible sheets or in the register file"
)


def _with_hidden_waiver(book: Workbook) -> None:
    sheet = book[DATA_SHEET]
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, 2).value == "customer_registration")  # fmt: skip
    data = json.loads(sheet.cell(row, 3).value)
    data["waivers"] = [{"rule": "ROPA208", "reason": "added where nobody looks"}]
    sheet.cell(row, 3).value = json.dumps(data, separators=(",", ":"))


def test_a_waiver_added_only_in_the_hidden_sheet_is_reported(
    workbook: Path, tmp_path: Path
) -> None:
    found = problems(edited(workbook, tmp_path / "waived.xlsx", _with_hidden_waiver))
    assert found == [
        HIDDEN_SHEET_CHANGED,
        "ropa-data: the hidden data sheet waives ROPA208 of the activity "
        "'customer_registration', which the sheet 'Findings' does not show waived: the hidden "
        "sheet was changed after the export; waive findings in the register file, not in the "
        "workbook",
    ]


def test_a_waiver_the_findings_sheet_shows_is_kept(
    workbook: Path, shipped: Register, tmp_path: Path
) -> None:
    # The shipped register waives ROPA201; its workbook shows it waived.
    assert shipped.register.waivers
    assert import_workbook(workbook).register.waivers == shipped.register.waivers


def test_the_data_sheet_nested_too_deep_is_a_workbook_error(workbook: Path, tmp_path: Path) -> None:
    def deep(book: Workbook) -> None:
        sheet = book[DATA_SHEET]
        row = next(r for r in range(2, sheet.max_row + 1)
                   if sheet.cell(r, 2).value == "customer_registration")  # fmt: skip
        sheet.cell(row, 3).value = "[" * 30_000 + "]" * 30_000

    found = problems(edited(workbook, tmp_path / "deep.xlsx", deep))
    assert any(
        re.fullmatch(
            r"ropa-data!C\d+: the data of activities customer_registration is nested "
            r"too deep",
            line,
        )
        for line in found
    ), found


# ---------------------------------------------------------------------------------------------
# OOXML's escape syntax in register text


def _escaping_register(shipped: Register) -> Register:
    first = shipped.activities[0]
    changed = first.model_copy(
        update={"name": "Line_x000D_break", "description": "_x005F_ and _x0041_ and _X000d_"}
    )
    return shipped.model_copy(update={"activities": (changed, *shipped.activities[1:])})


def test_text_holding_ooxml_escapes_is_written_escaped_and_read_back(
    shipped: Register, tmp_path: Path
) -> None:
    register = _escaping_register(shipped)
    path = tmp_path / "escapes.xlsx"
    export_excel(register, path, lang="en", report=validate(register, as_of=AS_OF))
    with zipfile.ZipFile(path) as archive:
        activities = archive.read("xl/worksheets/sheet2.xml").decode()
    assert "Line_x005F_x000D_break" in activities
    assert "_x005F_x005F_ and _x005F_x0041_ and _X000d_" in activities
    assert import_workbook(path) == register


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (no soffice)")
def test_text_holding_ooxml_escapes_survives_a_libreoffice_save(
    shipped: Register, tmp_path: Path
) -> None:
    register = _escaping_register(shipped)
    (tmp_path / "source").mkdir()
    source = tmp_path / "source" / "escapes.xlsx"
    export_excel(register, source, lang="en", report=validate(register, as_of=AS_OF))
    out = tmp_path / "out"
    assert SOFFICE is not None
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
         str(source)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert import_workbook(out / "escapes.xlsx") == register


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (no soffice)")
def test_more_shared_strings_than_the_limit_are_refused(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa.formats.xlsx import ooxml

    # Saved by LibreOffice, the texts are in a shared string table.
    out = tmp_path / "out"
    assert SOFFICE is not None
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
         str(workbook)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    path = out / workbook.name
    assert import_workbook(path)  # within the limit
    monkeypatch.setattr(ooxml, "MAX_SHARED_STRINGS", 10)
    found = problems(path)
    assert len(found) == 1
    assert "more than 10 shared strings; no register's workbook has so many" in found[0]


def _hidden_row(book: Workbook, section: str, entry_id: str = "") -> tuple[Any, int, Any]:
    sheet = book[DATA_SHEET]
    row = next(r for r in range(2, sheet.max_row + 1)
               if sheet.cell(r, 1).value == section
               and (sheet.cell(r, 2).value or "") == entry_id)  # fmt: skip
    return sheet, row, json.loads(sheet.cell(row, 3).value)


def _hidden_latvian_name(book: Workbook) -> None:
    # The English workbook shows name.en; name.lv is only in the hidden sheet.
    sheet, row, data = _hidden_row(book, "activities", "customer_registration")
    data["name"]["lv"] = "Pavisam cita darbība"
    sheet.cell(row, 3).value = json.dumps(data, separators=(",", ":"))


def _hidden_activity(book: Workbook) -> None:
    sheet, _, data = _hidden_row(book, "activities", "customer_registration")
    data["id"] = "hidden_profiling"
    sheet.append(["activities", "hidden_profiling", json.dumps(data, separators=(",", ":"))])


def _hidden_assessment(book: Workbook) -> None:
    entry = {"id": "dpia_hidden", "kind": "dpia", "name": "DPIA nobody saw"}
    book[DATA_SHEET].append(["assessments", "dpia_hidden", json.dumps(entry)])


def _hidden_dpo_firm(book: Workbook) -> None:
    sheet, row, data = _hidden_row(book, "organisation")
    data["dpo"] = {"name": "A. Person", "external": True, "organisation": "Firm SIA"}
    sheet.cell(row, 3).value = json.dumps(data, separators=(",", ":"))


def _hidden_transfer(book: Workbook) -> None:
    sheet, row, data = _hidden_row(book, "activities", "customer_registration")
    data["transfers"] = [{"country": "CN", "safeguard": "scc"}]
    sheet.cell(row, 3).value = json.dumps(data, separators=(",", ":"))


@pytest.mark.parametrize(
    "change",
    [_hidden_latvian_name, _hidden_activity, _hidden_assessment, _hidden_dpo_firm,
     _hidden_transfer],
    ids=["text-in-another-language", "activity", "assessment", "dpo", "transfer"],
)  # fmt: skip
def test_hidden_data_that_the_visible_sheets_do_not_show_is_reported(
    workbook: Path, tmp_path: Path, change: Callable[[Workbook], None]
) -> None:
    assert problems(edited(workbook, tmp_path / "hidden.xlsx", change)) == [HIDDEN_SHEET_CHANGED]


def test_visible_edits_leave_the_hidden_sheet_trusted(workbook: Path, tmp_path: Path) -> None:
    def rename(book: Workbook) -> None:
        sheet = book["Activities"]
        sheet.cell(row_of(sheet, "customer_registration"), 2).value = "Sign-up"

    register = import_workbook(edited(workbook, tmp_path / "visible.xlsx", rename))
    assert register.activities[0].name["en"] == "Sign-up"  # type: ignore[index]
    assert register.activities[0].name["lv"] != "Sign-up"  # type: ignore[index]
