"""The Data flows sheet: one row per activity and recipient, with contract, countries,
safeguard (and the adequacy decision's condition), data categories, and inconsistencies."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from tests.formats.xlsx.test_questions import register

import ropa
from ropa.formats.xlsx.write import export_excel
from ropa.model import Register
from ropa.rules import validate

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "data" / "processing_activities.yaml"
AS_OF = date(2026, 11, 27)
RED, GREEN, AMBER = "FFFFC7CE", "FFC6EFCE", "FFFFEB9C"


def us_register(**activity: Any) -> Register:
    """A register whose activity discloses to a US processor (with a transfer on the DPF
    adequacy decision), a Latvian public authority and a US mailer (no transfer declared)."""
    orders = {
        "id": "orders", "name": "Orders", "purpose": "service_provision",
        "legal_bases": [{"basis": "contract"}], "data_subjects": ["customers"],
        "data_categories": ["contact", "orders"], "recipients": ["crm", "tax", "mailer"],
        "transfers": [{"country": "US", "recipient": "crm", "safeguard": "adequacy",
                       "reference": "DPF list entry, checked 2026-11-01"}],
        "retention": "year", "security_measures": ["mfa"],
    }  # fmt: skip
    orders.update(activity)
    return register(
        data_categories=[{"id": "contact", "name": "Contact details"},
                         {"id": "orders", "name": "Order history"}],
        recipients=[
            {"id": "crm", "name": "CRM provider", "kind": "processor", "countries": ["US"],
             "contract": "DPA-2026-01"},
            {"id": "tax", "name": "State Revenue Service", "kind": "public_authority",
             "countries": ["LV"]},
            {"id": "mailer", "name": "Mailing service", "kind": "processor",
             "countries": ["US"], "contract": "DPA-2026-02"},
        ],
        activities=[orders],
    )  # fmt: skip


def flows(tmp_path: Path, reg: Register, lang: str = "en") -> tuple[Any, list[list[Any]]]:
    path = tmp_path / f"flows-{lang}.xlsx"
    export_excel(reg, path, lang=lang, report=validate(reg, as_of=AS_OF))
    book = load_workbook(path)
    sheet = book["Data flows" if lang == "en" else "Datu plūsmas"]
    return book, [list(row) for row in sheet.iter_rows()]


def test_a_us_processor_shows_its_safeguard_and_the_dpf_condition(tmp_path: Path) -> None:
    _, rows = flows(tmp_path, us_register())
    header = [cell.value for cell in rows[0]]
    assert header[:3] == ["Activity ID", "Activity", "Recipient (Art. 30(1)(d))"]
    crm = {h: cell for h, cell in zip(header, rows[1], strict=True)}
    assert crm["Recipient (Art. 30(1)(d))"].value == "CRM provider"
    assert crm["Recipient kind"].value == "Processor"
    assert crm["Contract (Art. 28(3))"].value == "DPA-2026-01"
    assert crm["Countries where the recipient holds or reaches the data"].value == (
        "United States (US)"
    )
    safeguard = crm["Transfer and safeguard (Art. 30(1)(e), 44-49)"].value.splitlines()
    assert safeguard[0] == "United States (US): Adequacy decision (Art. 45)"
    assert safeguard[1] == "decision: Commission Implementing Decision (EU) 2023/1795 (2023-07-10)"
    assert safeguard[2].startswith("condition: Only organisations on the Data Privacy Framework")
    assert "certified under the EU-US Data Privacy Framework" in safeguard[2]
    assert safeguard[3] == "reference: DPF list entry, checked 2026-11-01"
    assert crm["Data categories (Art. 30(1)(c))"].value == "Contact details\nOrder history"
    assert crm["Declared consistently"].value == "consistent"
    assert crm["Declared consistently"].fill.fgColor.rgb == GREEN
    # linked: the activity to its record card, the recipient to its catalogue row
    assert crm["Activity ID"].hyperlink.location.startswith("'Record cards'!A")
    assert crm["Recipient (Art. 30(1)(d))"].hyperlink.location == "'Recipients'!A2"


def test_the_same_in_latvian(tmp_path: Path) -> None:
    _, rows = flows(tmp_path, us_register(), "lv")
    safeguard = rows[1][6].value.splitlines()
    assert safeguard[0].startswith("Amerikas Savienotās Valstis (US): ")
    assert safeguard[1] == "lēmums: Komisijas Īstenošanas lēmums (ES) 2023/1795 (2023-07-10)"
    assert safeguard[2].startswith("nosacījums: Tikai organizācijas, kas iekļautas ASV")
    assert rows[2][4].value == "nav piemērojams"  # the public authority's Art. 28 contract


def test_a_public_authority_needs_no_contract_and_receives_inside_the_eea(tmp_path: Path) -> None:
    _, rows = flows(tmp_path, us_register())
    tax = [cell.value for cell in rows[2]]
    assert tax[2:6] == ["State Revenue Service", "Public authority", "not applicable",
                        "Latvia (LV)"]  # fmt: skip
    assert tax[6].startswith("inside the EEA: not a transfer")
    assert tax[8] == "consistent"


def test_a_recipient_outside_the_eea_without_a_transfer_is_marked(tmp_path: Path) -> None:
    _, rows = flows(tmp_path, us_register())
    mailer = rows[3]
    assert mailer[2].value == "Mailing service"
    assert mailer[6].value == "not stated"
    assert mailer[8].value == "outside the EEA (US), but no transfer declared"
    assert mailer[8].fill.fgColor.rgb == RED


def test_a_transfer_to_a_recipient_the_activity_does_not_list_is_marked(tmp_path: Path) -> None:
    transfers = [{"country": "GB", "recipient": "crm", "safeguard": "scc"},
                 {"country": "US", "recipient": "mailer", "safeguard": "scc"}]  # fmt: skip
    reg = us_register(recipients=["tax", "mailer"], transfers=transfers)
    _, rows = flows(tmp_path, reg)
    by_recipient = {row[2].value: row for row in rows[1:]}
    assert list(by_recipient) == ["State Revenue Service", "Mailing service", "CRM provider"]
    mailer = by_recipient["Mailing service"]
    assert mailer[6].value.startswith("United States (US): Standard contractual clauses")
    assert mailer[8].value == "consistent"
    crm = by_recipient["CRM provider"][8]
    assert crm.value.splitlines() == [
        "a transfer names this recipient, but the activity does not list it as a recipient",
        "outside the EEA (US), but no transfer declared",
        "a transfer to GB, not among the recipient's countries",
    ]
    assert crm.fill.fgColor.rgb == RED


def test_an_activity_without_recipients_has_one_row_saying_so(tmp_path: Path) -> None:
    reg = us_register(recipients=[], transfers=[])
    _, rows = flows(tmp_path, reg)
    assert len(rows) == 2 and rows[1][2].value == "none"
    reg = us_register(recipients=None, transfers=None)
    _, rows = flows(tmp_path, reg)
    assert len(rows) == 2 and rows[1][2].value == "not stated"
    assert rows[1][2].fill.fgColor.rgb == RED


def test_where_a_recipient_is_is_not_stated_the_flow_is_amber(tmp_path: Path) -> None:
    shipped = ropa.load(SHIPPED)
    _, rows = flows(tmp_path, shipped)
    expected = sum(len(activity.recipients or ()) or 1 for activity in shipped.activities)
    assert len(rows) - 1 == expected
    unknown = [row for row in rows[1:] if row[5].value == "not stated"]
    assert unknown
    for row in unknown:
        assert "is not stated" in row[8].value
        assert row[8].fill.fgColor.rgb == AMBER
