"""The Cover answers first: what the checks found, linked; contents; legend; dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.formats.xlsx.test_questions import register

import ropa
from ropa.countries import ADEQUACY_CHECKED
from ropa.formats.xlsx.write import export_excel
from ropa.rules import validate

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "data" / "processing_activities.yaml"
AS_OF = date(2026, 11, 27)


def _export(tmp_path: Path, reg: Any, lang: str = "en", **options: Any) -> Any:
    path = tmp_path / f"{lang}.xlsx"
    export_excel(reg, path, lang=lang, report=validate(reg, as_of=AS_OF), **options)
    return load_workbook(path)


def _rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows()]


def _target(cell: Any) -> tuple[str, int]:
    """The sheet title and row a cell links to."""
    assert cell.hyperlink is not None, cell.value
    sheet, ref = cell.hyperlink.location.rsplit("!", 1)
    return sheet.strip("'"), int(ref.lstrip("A"))


def _labels(sheet: Any) -> dict[str, Any]:
    return {row[0].value: row[1] for row in _rows(sheet) if row[0].value}


def test_the_answers_come_first_each_count_linked_to_its_first_finding(tmp_path: Path) -> None:
    book = _export(tmp_path, ropa.load(SHIPPED))
    cover, findings = book["Cover"], book["Findings"]
    labels = [row[0].value for row in _rows(cover)]
    assert labels[1:4] == ["What the checks found", "Checked on", "Errors (open)"]
    assert labels.index("Contents") < labels.index("Legend") < labels.index("Organisation")
    cells = _labels(cover)
    assert cells["Checked on"].value.date() == AS_OF
    assert cells["Errors (open)"].value == "0 errors" and cells["Errors (open)"].hyperlink is None
    for label, severity, waived in (("Warnings (open)", "warning", "no"),
                                    ("Info (open)", "info", "no"),
                                    ("Waived findings", "warning", "yes")):  # fmt: skip
        sheet, row = _target(cells[label])
        assert sheet == "Findings"
        assert findings.cell(row, 1).value == severity, label
        assert findings.cell(row, 9).value == waived, label
        # the first of its kind: the row above is of another kind (or the header)
        above = (findings.cell(row - 1, 1).value, findings.cell(row - 1, 9).value)
        assert above != (severity, waived), label
    assert cells["Warnings (open)"].value == "18 warnings"
    assert cells["Waived findings"].value == "1 waived: 1 warning"
    # The waived warning is named by its code, with its article and its waiver.
    waived = cells["Waived: ROPA212 (warning)"]
    assert waived.value.startswith("Art. 12(2), 30(1)(a)")
    assert "The published policy names only the website's contact page" in waived.value
    assert (
        _target(next(r[0] for r in _rows(cover) if r[0].value.startswith("Waived: ")))[1]
        == (_target(cells["Waived findings"])[1])
    )


def test_a_waived_error_on_item_a_is_named_with_who_when_and_until(tmp_path: Path) -> None:
    reg = register(
        organisation={"name": "Example SIA", "country": "LV"},  # no contact: ROPA201, an error
        register={"kind": "controller", "language": "en", "waivers": [
            {"rule": "ROPA201", "reason": "Contact page being rebuilt",
             "accepted_by": "DPO J. Bērziņa", "accepted_on": "2026-11-20",
             "expires": "2027-05-20"}]},
    )  # fmt: skip
    book = _export(tmp_path, reg)
    cells = _labels(book["Cover"])
    assert cells["Errors (open)"].value == "0 errors"
    assert cells["Waived findings"].value.startswith("1 waived: 1 error")
    text = cells["Waived: ROPA201 (error)"].value
    assert text.splitlines()[0] == "Art. 30(1)(a)"
    assert text.splitlines()[-1] == (
        "reason: Contact page being rebuilt; accepted by: DPO J. Bērziņa, on: 2026-11-20, "
        "holds until (inclusive): 2027-05-20"
    )
    label = next(r[0] for r in _rows(book["Cover"]) if r[0].value == "Waived: ROPA201 (error)")
    sheet, row = _target(label)
    assert (sheet, book[sheet].cell(row, 2).value) == ("Findings", "ROPA201")
    # Latvian too
    lv = _labels(_export(tmp_path, reg, "lv")["Titullapa"])
    assert "pieņēma: DPO J. Bērziņa" in lv["Pieņemts: ROPA201 (kļūda)"].value


def test_the_contents_link_every_sheet_with_its_question(tmp_path: Path) -> None:
    for lang in ("lv", "en"):
        book = _export(tmp_path, ropa.load(SHIPPED), lang)
        cover = book.worksheets[0]
        rows = _rows(cover)
        start = next(n for n, row in enumerate(rows) if row[0].value in ("Contents", "Saturs"))
        listed = []
        for row in rows[start + 1 :]:
            if row[0].hyperlink is None:
                break
            sheet, target = _target(row[0])
            assert (sheet, target) == (row[0].value, 1)
            assert row[1].value, sheet  # the question it answers
            listed.append(sheet)
        visible = [s.title for s in book.worksheets[1:] if s.sheet_state == "visible"]
        assert listed == visible


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_legend_shows_each_state_in_its_colour(tmp_path: Path, lang: str) -> None:
    book = _export(tmp_path, ropa.load(SHIPPED), lang)
    rows = _rows(book.worksheets[0])
    start = next(n for n, row in enumerate(rows) if row[0].value in ("Legend", "Apzīmējumi"))
    legend = {row[0].value: row[0].fill.fgColor.rgb for row in rows[start + 1 : start + 9]}
    stated, questioned, missing, not_applicable, error, warning, info, waived = legend
    assert legend[stated] == "FFC6EFCE"  # green, as on the coverage sheet
    assert questioned.startswith("norādīts, bet apšaubīts" if lang == "lv" else "stated, but")
    assert legend[missing] == legend[error] == "FFFFC7CE"
    assert legend[not_applicable] == legend[waived] == "FFD9D9D9"
    assert legend[warning] == "FFFFEB9C" and legend[info] == "FFDDEBF7"
    assert all(row[1].value for row in rows[start + 1 : start + 9])


def test_the_dates_and_the_comparison(tmp_path: Path) -> None:
    shipped = ropa.load(SHIPPED)
    cells = _labels(_export(tmp_path, shipped)["Cover"])
    assert cells["Earlier edition"].value == "not compared with an earlier edition"
    assert ADEQUACY_CHECKED.isoformat() in cells["Adequacy decisions"].value
    assert "Changes since" not in cells
    compared = _labels(_export(tmp_path, shipped, since=shipped)["Cover"])
    assert "Earlier edition" not in compared
    assert compared["Changes since"].value.startswith("edition 2026.1: 0 changes")


def test_the_register_details_start_a_page_of_their_own(tmp_path: Path) -> None:
    cover = _export(tmp_path, ropa.load(SHIPPED))["Cover"]
    rows = _rows(cover)
    start = next(n for n, row in enumerate(rows, 1) if row[0].value == "Organisation and edition")
    assert [brk.id for brk in cover.row_breaks.brk] == [start - 1]


def test_the_workbook_still_imports_as_the_register(tmp_path: Path) -> None:
    shipped = ropa.load(SHIPPED)
    path = tmp_path / "en.xlsx"
    export_excel(shipped, path, lang="en", report=validate(shipped, as_of=AS_OF))
    assert ropa.import_workbook(path) == shipped
