"""Retention by data category: the rule each activity applies to each data category; record
cards with the retention per category and each waiver's who, when and until."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.formats.xlsx.test_questions import register

from ropa.formats.xlsx import _retention
from ropa.formats.xlsx.write import export_excel
from ropa.model import Register
from ropa.rules import validate

AS_OF = date(2026, 11, 27)
RED, AMBER, GREY = "FFFFC7CE", "FFFFEB9C", "FFD9D9D9"
YEAR = "1 year"  # the rule "year" (P1Y) in words


def per_category(**changes: Any) -> Register:
    """Orders keeps contact details a year and order history under the vague rule; billing
    keeps all its data a year; payroll data is processed by no activity."""
    activity = {"purpose": "service_provision", "legal_bases": [{"basis": "contract"}],
                "data_subjects": ["customers"], "recipients": [], "transfers": [],
                "security_measures": ["mfa"]}  # fmt: skip
    data: dict[str, Any] = {
        "data_categories": [{"id": "contact", "name": "Contact details"},
                            {"id": "orders", "name": "Order history"},
                            {"id": "payroll", "name": "Payroll data"}],
        "activities": [
            {**activity, "id": "orders", "name": "Orders", "data_categories": ["contact", "orders"],
             "retention": [{"rule": "year", "categories": ["contact"]},
                           {"rule": "vague", "categories": ["orders"]}]},
            {**activity, "id": "billing", "name": "Billing",
             "data_categories": ["contact", "orders"], "retention": "year"},
        ],
    }  # fmt: skip
    data.update(changes)
    return register(**data)


def export(tmp_path: Path, reg: Register, lang: str = "en") -> Any:
    path = tmp_path / f"{lang}.xlsx"
    export_excel(reg, path, lang=lang, report=validate(reg, as_of=AS_OF))
    return load_workbook(path)


def test_each_category_shows_the_rule_each_activity_applies(tmp_path: Path) -> None:
    sheet = export(tmp_path, per_category())["Retention by data category"]
    rows = [list(row) for row in sheet.iter_rows()]
    assert [c.value for c in rows[0]] == ["Category ID", "Data category",
                                         "Orders\n(activity orders)",
                                         "Billing\n(activity billing)"]  # fmt: skip
    by_id = {row[0].value: row for row in rows[1:]}
    assert list(by_id) == ["contact", "orders", "payroll"]  # the catalogue's order
    assert by_id["contact"][2].value.startswith(YEAR)
    assert by_id["orders"][2].value.startswith("As long as needed")  # the vague rule's name
    assert by_id["orders"][3].value.startswith(YEAR)  # one rule for all of billing's data
    for cell in by_id["payroll"][2:]:
        assert (cell.value, cell.fill.fgColor.rgb) == ("not processed", GREY)
    assert by_id["contact"][0].hyperlink.location == "'Data categories'!A2"


def test_a_category_no_entry_covers_is_red_and_one_two_cover_is_amber(tmp_path: Path) -> None:
    reg = per_category()
    data = reg.model_dump(mode="json", exclude_none=True)
    data["activities"][0]["retention"] = [
        {"rule": "year", "categories": ["contact"]},
        {"rule": "vague", "categories": ["contact"]},
    ]
    reg = Register.model_validate(data)
    rows = list(export(tmp_path, reg)["Retention by data category"].iter_rows())
    contact, orders_row = rows[1][2], rows[2][2]
    assert contact.value.splitlines()[0].startswith(YEAR)
    assert contact.value.splitlines()[1].startswith("As long as needed")
    assert contact.fill.fgColor.rgb == AMBER
    assert (orders_row.value, orders_row.fill.fgColor.rgb) == ("not stated", RED)


def test_the_sheet_in_latvian(tmp_path: Path) -> None:
    book = export(tmp_path, per_category(), "lv")
    rows = list(book["Glabāšana pa datu kategorijām"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Kategorijas ID", "Personas datu kategorija")
    assert rows[3][2] == "neapstrādā"


def test_a_card_shows_the_retention_per_category(tmp_path: Path) -> None:
    sheet = export(tmp_path, per_category())["Record cards"]
    orders, billing = [row[1] for row in sheet.iter_rows() if str(row[0].value).startswith("(f) ")]
    assert billing.value == YEAR
    lines = orders.value.splitlines()
    assert lines[0].startswith(YEAR) and lines[0].endswith("Contact details")
    assert lines[1].startswith("As long as needed") and lines[1].endswith("Order history")


def test_a_card_says_who_accepted_a_waived_finding_when_and_until(tmp_path: Path) -> None:
    waiver = {"rule": "ROPA401", "reason": "Reviewed yearly by the board",
              "accepted_by": "DPO J. Bērziņa", "accepted_on": "2026-11-20",
              "expires": "2027-05-20"}  # fmt: skip
    reg = register(register={"kind": "controller", "language": "en", "waivers": [waiver]})
    sheet = export(tmp_path, reg)["Record cards"]
    (row,) = [row for row in sheet.iter_rows() if str(row[0].value).startswith("ROPA401")]
    assert row[1].value.splitlines()[-1] == (
        "waived: reason: Reviewed yearly by the board; accepted by: DPO J. Bērziņa, "
        "on: 2026-11-20, holds until (inclusive): 2027-05-20"
    )
    assert row[1].fill.fgColor.rgb == GREY


def test_more_activities_than_a_sheet_has_columns_continue_below(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A sheet has 16,384 columns: 50,000 activities are shown in blocks, each with its header
    # and every category again (here a block holds one activity, so that the test is small).
    monkeypatch.setattr(_retention, "ACTIVITY_COLUMNS", 1)
    sheet = export(tmp_path, per_category())["Retention by data category"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[0] for row in rows] == ["Category ID", "contact", "orders", "payroll"] * 2
    assert rows[0][2] == "Orders\n(activity orders)" and rows[4][2] == "Billing\n(activity billing)"
    assert rows[1][2].startswith(YEAR) and rows[6][2].startswith(YEAR)
    assert all(len(row) <= 3 for row in rows)


def test_a_block_never_has_more_columns_than_a_sheet() -> None:
    assert _retention.ACTIVITY_COLUMNS + 2 == _retention.SHEET_COLUMNS == 16_384
