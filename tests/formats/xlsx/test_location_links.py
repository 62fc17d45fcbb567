"""The Findings sheet's location links: each goes to the row of the sheet that shows the item
the finding is on (a transfer's row on Transfers, a waiver's on Waivers, a catalogue entry's
on its sheet even when its id repeats), followed here as a reader clicking it would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ropa.findings import Finding
from ropa.formats.xlsx._questions import listed_order
from ropa.formats.xlsx._words import FINDING_COLUMNS, SHEETS, say
from ropa.formats.xlsx.write import export_excel
from ropa.model import Register
from ropa.rules import validate
from ropa.text import text_in, without_marks

from .test_write import AS_OF, minimal

_EXPIRED = "2026-01-31"


def _register() -> dict[str, Any]:
    """Findings on every kind of item a sheet shows: activities of both records, transfers of
    a later activity, waivers of the register and of an activity, recipients, retention rules,
    assessments and controllers, each with an id that repeats."""
    data = minimal()
    data["register"]["waivers"] = [
        {"rule": "ROPA999", "reason": "kept", "accepted_by": "DPO", "expires": "2030-01-01"},
        {"rule": "ROPA702", "reason": "old", "accepted_by": "DPO", "expires": _EXPIRED},
    ]
    first = data["activities"][0]
    first["transfers"] = [
        {"recipient": "hosting", "country": "US", "safeguard": "scc", "assessment": "tia"},
        {"recipient": "hosting", "country": "NO"},
    ]
    second = {**first, "id": "billing", "name": "Billing", "transfers": [
        {"recipient": "hosting", "country": "IN", "safeguard": "scc", "assessment": "tia"},
        {"recipient": "hosting", "country": "BR"},  # no safeguard: ROPA502
    ], "waivers": [
        {"rule": "ROPA208", "reason": "kept", "accepted_by": "DPO", "expires": "2030-01-01"},
        {"rule": "ROPA502", "reason": "old", "accepted_by": "DPO", "expires": _EXPIRED},
    ]}  # fmt: skip
    processing = {**first, "id": "payroll_service", "name": "Payroll service",
                  "role": "processor", "on_behalf_of": ["client"], "transfers": [],
                  "security_measures": []}  # fmt: skip
    again = {**first, "id": "orders", "name": "Second orders", "transfers": []}  # ROPA101
    data["activities"] = [first, processing, second, again]
    data["recipients"][0]["countries"] = ["LV", "US", "NO", "IN", "BR"]
    data["recipients"].append({"id": "hosting", "name": "Second hosting", "kind": "processor"})
    data["retention_rules"].append({"id": "short", "name": "Second short"})
    data["assessments"] = [
        {"id": "tia", "name": "Transfer assessment", "kind": "tia", "reference": "TIA-1",
         "date": "2026-01-01"},
        {"id": "tia", "name": "Second transfer assessment", "kind": "tia"},
    ]  # fmt: skip
    data["controllers"] = [
        {"id": "client", "name": "Client SIA", "contact": {"email": "c@example.lv"},
         "contract": "DPA-1"},
        {"id": "client", "name": "Second client"},
    ]  # fmt: skip
    return data


def _followed(sheet: Worksheet, row: int, book: Any) -> tuple[str, list[Any]]:
    link = sheet.cell(row, 1 + list(FINDING_COLUMNS).index("where")).hyperlink
    assert link is not None and link.location, f"Findings row {row} has no location link"
    title, cell = link.location.rsplit("!", 1)
    target = book[title.strip("'").replace("''", "'")]
    return title.strip("'"), [c.value for c in target[int(cell.lstrip("A"))]]


def _item(register: Register, finding: Finding) -> tuple[str, Any, tuple[Any, ...]]:
    """What the finding is on: the kind of item, the item, and the cells that name it."""
    path = finding.path
    if path[:2] == ("register", "waivers"):
        waiver = register.register.waivers[int(path[2])]
        return "waivers", waiver, (waiver.rule, waiver.reason)
    head, index = str(path[0]), int(path[1])
    if head == "activities":
        activity = register.activities[index]
        if path[2:3] == ("transfers",):
            transfer = activity.transfers[int(path[3])]
            return "transfers", transfer, (activity.id, transfer.country)
        if path[2:3] == ("waivers",):
            waiver = activity.waivers[int(path[3])]
            return "waivers", waiver, (activity.id, waiver.rule, waiver.reason)
        return "activities", activity, (activity.id, activity.name)
    entry = getattr(register, head)[index]
    return head, entry, (entry.id, entry.name)


@pytest.mark.parametrize("lang", ["en", "lv"])
def test_every_location_link_goes_to_the_row_that_shows_the_item(tmp_path: Path, lang: str) -> None:
    register = Register.model_validate(_register())
    report = validate(register, as_of=AS_OF)
    path = tmp_path / "out.xlsx"
    export_excel(register, path, lang=lang, report=report)
    book = load_workbook(path)
    findings_sheet = book[say(SHEETS, "findings", lang)]
    kinds: set[str] = set()
    for row, finding in enumerate(listed_order(report.findings), 2):
        assert findings_sheet.cell(row, 2).value == finding.code
        if finding.path[:1] == ("organisation",) or (
            finding.path[:1] == ("register",) and finding.path[1:2] != ("waivers",)
        ):
            continue  # the Cover's
        kind, _, names = _item(register, finding)
        title, cells = _followed(findings_sheet, row, book)
        shown = [cell for cell in cells if cell is not None]
        assert all(any(str(name) in str(cell) for cell in shown) for name in names), (
            finding.code, finding.path_text, title, shown,
        )  # fmt: skip
        kinds.add(kind if finding.path[2:3] != ("legal_bases",) else "legal_bases")
        if finding.activity is not None and finding.path[:1] == ("activities",):
            # The activity column: the card of the very activity the finding is on.
            activity = register.activities[int(finding.path[1])]
            link = findings_sheet.cell(row, 1 + list(FINDING_COLUMNS).index("activity")).hyperlink
            assert link is not None and link.location.startswith(f"'{say(SHEETS, 'cards', lang)}'")
            card = book[say(SHEETS, "cards", lang)][int(link.location.rsplit("!A", 1)[1])]
            shown = [card[0].value, without_marks(str(card[1].value))]
            assert shown == [activity.id, text_in(activity.name, lang, "en")]
    wanted = {"activities", "transfers", "waivers", "recipients", "retention_rules",
              "assessments", "controllers"}  # fmt: skip
    assert wanted <= kinds, wanted - kinds
    duplicate = [
        f for f in report.findings if f.code == "ROPA101" and f.path[:2] == ("activities", 3)
    ]
    assert duplicate  # the repeated activity id is among the findings followed


def test_a_transfer_finding_names_the_transfers_sheet_and_its_column(tmp_path: Path) -> None:
    register = Register.model_validate(_register())
    report = validate(register, as_of=AS_OF)
    path = tmp_path / "out.xlsx"
    export_excel(register, path, lang="en", report=report)
    book = load_workbook(path)
    sheet = book["Findings"]
    row = 2 + next(
        n for n, f in enumerate(listed_order(report.findings))
        if f.code == "ROPA502" and f.path_text == "activities[2].transfers[1]"
    )  # fmt: skip
    cell = sheet.cell(row, 1 + list(FINDING_COLUMNS).index("where"))
    # the second activity's second transfer: after the first activity's two, on row 5
    assert cell.hyperlink is not None and cell.hyperlink.location == "'Transfers'!A5"
    assert cell.value.startswith("Transfers, row 5")
    assert [c.value for c in book["Transfers"][5]][:3] == ["billing", "Billing", "BR"]
