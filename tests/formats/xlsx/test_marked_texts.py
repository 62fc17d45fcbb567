"""Register text the register does not give in the workbook's language: shown in the language it
has, marked with it (`[en] Customers`), counted on the Cover, and read back into that language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.formats.xlsx.test_write import minimal

from conftest import AS_OF
from ropa.formats.xlsx.read import import_workbook
from ropa.formats.xlsx.write import export_excel
from ropa.model import Register
from ropa.rules import validate
from ropa.text import language_of, marked, unmarked, without_marks


def register() -> Register:
    """An English register; one activity name is written in Latvian too."""
    return Register.model_validate(minimal(name={"en": "Orders", "lv": "Pasūtījumi"}))


def export(tmp_path: Path, lang: str) -> Path:
    data = register()
    path = tmp_path / f"{lang}.xlsx"
    export_excel(data, path, lang=lang, report=validate(data, as_of=AS_OF))
    return path


def cover(path: Path) -> dict[Any, Any]:
    return {row[0]: row[1] for row in load_workbook(path).worksheets[0].iter_rows(values_only=True)}


def test_the_marks() -> None:
    assert marked("datu saņemšana", "lv") == "[lv] datu saņemšana"
    assert unmarked("[lv] datu saņemšana") == ("lv", "datu saņemšana")
    assert unmarked("[[not a mark]]") == (None, "[[not a mark]]")
    assert without_marks("2 weeks from [lv] datu saņemšana") == "2 weeks from datu saņemšana"
    assert language_of("plain", "en", "lv") == "lv"
    assert language_of({"en": "x", "lv": "y"}, "en", "lv") == "en"
    assert language_of({"de": "x"}, "en", "lv") == "de"
    assert language_of(None, "en", "lv") is None


def test_a_text_in_another_language_is_marked_and_counted(tmp_path: Path) -> None:
    path = export(tmp_path, "lv")
    book = load_workbook(path)
    assert book["Datu subjekti"]["B2"].value == "[en] Customers"
    assert book["Apstrādes darbības"]["B2"].value == "Pasūtījumi"  # written in Latvian too
    # Customers, Contact details, Hosting, Short, MFA: each counted once, wherever shown.
    assert cover(path)["Teksti, kas nav latviešu valodā"].startswith("5 teksti; ")


def test_a_workbook_in_the_register_s_language_marks_nothing(tmp_path: Path) -> None:
    path = export(tmp_path, "en")
    assert cover(path)["Texts not in English"] == "none"
    assert load_workbook(path)["Data subjects"]["B2"].value == "Customers"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("[en] Clients", "Clients", id="edited, still marked: the English text"),
        pytest.param("Klienti", {"en": "Customers", "lv": "Klienti"}, id="translated"),
        pytest.param("[en] Customers", "Customers", id="unchanged"),
    ],
)
def test_the_import_reads_a_marked_text_into_its_language(
    tmp_path: Path, written: str, expected: object
) -> None:
    path = export(tmp_path, "lv")
    book = load_workbook(path)
    book["Datu subjekti"]["B2"] = written
    book.save(path)
    assert import_workbook(path).data_subjects[0].name == expected


def _cells(path: Path, sheet: str) -> list[str]:
    return [str(cell) for row in load_workbook(path)[sheet].iter_rows(values_only=True)
            for cell in row if cell is not None]  # fmt: skip


def test_a_waiver_s_reason_is_in_the_workbook_s_language_or_marked(tmp_path: Path) -> None:
    """Findings, Waivers, the Cover and the record cards show a waiver's reason as any register
    text: in the workbook's language where the waiver gives it, else marked."""
    data = minimal(security_measures=[], waivers=[
        {"rule": "ROPA208", "reason": "measures listed elsewhere", "accepted_by": "DPO"},
    ])  # fmt: skip
    data["register"]["waivers"] = [
        {"rule": "ROPA501", "accepted_by": "DPO",
         "reason": {"en": "contract signed", "lv": "līgums parakstīts"}},
    ]  # fmt: skip
    register = Register.model_validate(data)
    path = tmp_path / "lv.xlsx"
    export_excel(register, path, lang="lv", report=validate(register, as_of=AS_OF))
    findings = {row[1]: row[9] for row in load_workbook(path)["Konstatējumi"].iter_rows(
        min_row=2, values_only=True)}  # fmt: skip
    assert findings["ROPA501"] == "līgums parakstīts"
    assert findings["ROPA208"] == "[en] measures listed elsewhere"
    assert _cells(path, "Pieņemtie konstatējumi")[6:] == [
        "viss reģistrs", "ROPA501", "līgums parakstīts", "DPO", "nav norādīts", "nav norādīts",
        "orders", "ROPA208", "[en] measures listed elsewhere", "DPO", "nav norādīts",
        "nav norādīts",
    ]  # fmt: skip
    for sheet in ("Titullapa", "Darbību kartītes"):
        shown = "\n".join(_cells(path, sheet))
        assert "[en] measures listed elsewhere" in shown, sheet
        assert "contract signed" not in shown, sheet
    assert "līgums parakstīts" in "\n".join(_cells(path, "Titullapa"))


def test_an_organisation_s_name_is_marked_on_transfers(tmp_path: Path) -> None:
    data = minimal(transfers=[
        {"recipient": "hosting", "organisation": "other", "organisation_name": "Sea Council",
         "safeguard": "scc", "assessment": "TIA 2026"},
    ])  # fmt: skip
    register = Register.model_validate(data)
    path = tmp_path / "lv.xlsx"
    export_excel(register, path, lang="lv", report=validate(register, as_of=AS_OF))
    rows = list(
        load_workbook(path)["Nosūtīšana uz trešām valstīm"].iter_rows(min_row=2, values_only=True)
    )
    assert rows[0][3] == "[en] Sea Council"
    assert import_workbook(path).activities[0].transfers[0].organisation_name == "Sea Council"
