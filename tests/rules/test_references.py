"""ROPA101-103: unique ids, resolved references, used catalogue entries (ROPA104 is in
test_waivers.py)."""

from __future__ import annotations

import pytest

from .conftest import activity, check, clean_register


def test_clean_register_has_no_reference_findings() -> None:
    assert not {"ROPA101", "ROPA102", "ROPA103"} & set(check(clean_register()).codes)


# ROPA101 duplicate-id


def test_duplicate_catalogue_id_is_reported_at_the_second_id_key() -> None:
    data = clean_register()
    data["data_categories"].append({"id": "contact_details", "name": "Contact, again"})
    checked = check(data)
    finding = checked.one("ROPA101")
    assert finding.activity is None
    assert finding.path_text == "data_categories[1].id"
    assert finding.line == checked.line("- id: contact_details", occurrence=2)
    assert finding.column == 3  # the `id` key, not its value
    assert "data_categories[0]" in finding.message
    assert finding.text("lv") == (
        "datu kategorijas id 'contact_details' ir izmantots atkārtoti; pirmo reizi tas "
        "piešķirts data_categories[0]"
    )


def test_duplicate_activity_id_names_the_activity() -> None:
    data = clean_register()
    data["activities"].append(activity(name="Second"))
    checked = check(data)
    finding = checked.one("ROPA101")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[1].id"
    assert finding.line == checked.line("- id: customer_accounts", occurrence=2)
    assert finding.text("lv").startswith("darbības id 'customer_accounts' ir izmantots")


def test_the_same_id_in_different_catalogues_is_fine() -> None:
    data = clean_register()
    data["data_subjects"][0]["id"] = "hosting"  # also a recipient id
    data["activities"][0]["data_subjects"] = ["hosting"]
    assert "ROPA101" not in check(data).codes


# ROPA102 unknown-reference


@pytest.mark.parametrize(
    ("field", "catalogue"),
    [
        ("data_subjects", "data subject category"),
        ("data_categories", "data category"),
        ("recipients", "recipient"),
        ("security_measures", "security measure"),
    ],
)
def test_unknown_list_reference_is_reported_at_the_reference(field: str, catalogue: str) -> None:
    data = clean_register()
    data["activities"][0][field].append("nowhere")
    checked = check(data)
    finding = checked.one("ROPA102")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == f"activities[0].{field}[1]"
    assert finding.line == checked.line("- nowhere")
    assert "'nowhere'" in finding.message and catalogue in finding.message
    assert finding.text("lv").startswith(f"darbība 'customer_accounts': {field} norāda 'nowhere'")


def test_unknown_retention_rule() -> None:
    data = clean_register()
    data["activities"][0]["retention"] = "forever"
    checked = check(data)
    finding = checked.one("ROPA102")
    assert (finding.activity, finding.path_text) == ("customer_accounts", "activities[0].retention")
    assert finding.line == checked.line("retention: forever")


def test_unknown_transfer_recipient() -> None:
    data = clean_register()
    data["activities"][0]["transfers"] = [
        {"country": "GB", "recipient": "nowhere", "safeguard": "adequacy"}
    ]
    checked = check(data)
    finding = checked.one("ROPA102")
    assert finding.path_text == "activities[0].transfers[0].recipient"
    assert finding.line == checked.line("recipient: nowhere")


def test_resolved_references_are_fine() -> None:
    data = clean_register()
    data["activities"][0]["transfers"] = [
        {"country": "GB", "recipient": "hosting", "safeguard": "adequacy"}
    ]
    assert "ROPA102" not in check(data).codes


# ROPA103 unused-entry


@pytest.mark.parametrize(
    ("catalogue", "entry", "label"),
    [
        ("data_subjects", {"id": "spare", "name": "Spare"}, "data subject category"),
        ("data_categories", {"id": "spare", "name": "Spare"}, "data category"),
        ("recipients", {"id": "spare", "name": "Spare", "kind": "other"}, "recipient"),
        ("retention_rules", {"id": "spare", "name": "Spare", "period": "P1Y"}, "retention rule"),
        ("security_measures", {"id": "spare", "name": "Spare", "kind": "technical"}, "security"),
    ],
)
def test_unused_entry_is_reported_at_the_entry(
    catalogue: str, entry: dict[str, str], label: str
) -> None:
    data = clean_register()
    data[catalogue].append(entry)
    checked = check(data)
    finding = checked.one("ROPA103")
    assert finding.activity is None
    assert finding.path_text == f"{catalogue}[1]"
    assert finding.line == checked.line("- id: spare")
    assert label in finding.message and "'spare'" in finding.message


def test_a_recipient_named_only_by_a_transfer_counts_as_used() -> None:
    data = clean_register()
    data["recipients"].append(
        {"id": "support_desk", "name": "Support", "kind": "processor", "contract": "DPA 7"}
    )
    data["recipients"][1]["countries"] = ["GB"]
    data["activities"][0]["transfers"] = [
        {"country": "GB", "recipient": "support_desk", "safeguard": "adequacy"}
    ]
    # Not unused (no ROPA103); but the activity does not list the recipient (ROPA509).
    assert check(data).codes == ["ROPA509"]


# The additions of 2026-12: retention per category, assessments by id


def test_an_unknown_rule_in_retention_per_category_is_reported_at_the_entry() -> None:
    data = clean_register()
    data["activities"][0]["retention"] = [
        {"rule": "contract_end", "categories": ["contact_details"]},
        {"rule": "ten_years", "categories": ["contact_details"]},
    ]
    checked = check(data)
    finding = checked.one("ROPA102")
    assert finding.path_text == "activities[0].retention[1].rule"
    assert finding.line == checked.line("rule: ten_years")
    assert "'ten_years'" in finding.message
    assert "ROPA103" not in checked.codes  # contract_end is used by the first entry


def test_a_dpia_id_that_names_no_assessment_is_unknown() -> None:
    data = clean_register()
    data["activities"][0]["dpia"] = "dpia_accounts"
    checked = check(data)
    finding = checked.one("ROPA102")
    assert finding.path_text == "activities[0].dpia"
    assert "not an assessment in assessments" in finding.message


def test_assessments_named_by_id_are_used_and_free_text_is_no_reference() -> None:
    data = clean_register()
    data["assessments"] = [
        {"id": "dpia_accounts", "kind": "dpia", "name": "DPIA"},
        {"id": "lia_accounts", "kind": "lia", "name": "LIA"},
    ]
    data["activities"][0]["dpia"] = "dpia_accounts"
    data["activities"][0]["legal_bases"].append(
        {"basis": "legitimate_interests", "interest": "x", "assessment": "lia_accounts"}
    )
    assert not {"ROPA102", "ROPA103"} & set(check(data).codes)
    data["activities"][0]["legal_bases"][1]["assessment"] = "LIA kept by the DPO"
    checked = check(data)
    assert "ROPA102" not in checked.codes
    unused = checked.one("ROPA103")
    assert unused.path_text == "assessments[1]"
    assert "assessment 'lia_accounts'" in unused.message


def test_duplicate_assessment_ids() -> None:
    data = clean_register()
    data["assessments"] = [
        {"id": "dpia_accounts", "kind": "dpia", "name": "DPIA"},
        {"id": "dpia_accounts", "kind": "dpia", "name": "DPIA again"},
    ]
    data["activities"][0]["dpia"] = "dpia_accounts"
    assert check(data).one("ROPA101").path_text == "assessments[1].id"
