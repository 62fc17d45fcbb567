"""ROPA501-506: processor contracts, recipients' countries and transfers outside the EEA."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ropa.countries import ADEQUACY_CHECKED, EU_TERRITORIES, adequacy_decisions

from .conftest import check, clean_register


def with_transfer(**transfer: Any) -> dict[str, Any]:
    """The clean register, its recipient in `transfer['country']`, with that one transfer."""
    data = clean_register()
    data["recipients"][0]["countries"] = [transfer["country"]]
    data["activities"][0]["transfers"] = [{"recipient": "hosting", **transfer}]
    return data


def test_clean_register_has_no_transfer_findings() -> None:
    assert not {f"ROPA50{n}" for n in range(1, 7)} & set(check(clean_register()).codes)


# ROPA501 processor-contract-missing


def test_processor_without_contract() -> None:
    data = clean_register()
    del data["recipients"][0]["contract"]
    checked = check(data)
    finding = checked.one("ROPA501")
    assert (finding.activity, finding.path_text) == (None, "recipients[0]")
    assert finding.line == checked.line("- id: hosting")


@pytest.mark.parametrize("kind", ["controller", "public_authority", "group_company", "other"])
def test_other_kinds_need_no_art28_contract(kind: str) -> None:
    data = clean_register()
    data["recipients"][0]["kind"] = kind
    del data["recipients"][0]["contract"]
    assert "ROPA501" not in check(data).codes


def test_unused_processor_is_left_to_ropa103() -> None:
    data = clean_register()
    data["recipients"].append({"id": "spare", "name": "Spare", "kind": "processor"})
    codes = check(data).codes
    assert "ROPA103" in codes and "ROPA501" not in codes and "ROPA506" not in codes


# ROPA502 transfer-safeguard-missing


def test_transfer_without_safeguard() -> None:
    checked = check(with_transfer(country="IN"))
    finding = checked.one("ROPA502")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].transfers[0]"
    assert finding.line == checked.line("- recipient: hosting")
    assert "IN" in finding.message


def test_transfer_with_safeguard() -> None:
    assert "ROPA502" not in check(with_transfer(country="IN", safeguard="scc")).codes


# ROPA503 adequacy-not-available


def test_adequacy_claimed_without_decision() -> None:
    checked = check(with_transfer(country="IN", safeguard="adequacy"))
    finding = checked.one("ROPA503")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].transfers[0].safeguard"
    assert finding.line == checked.line("safeguard: adequacy")
    assert "IN" in finding.message and ADEQUACY_CHECKED.isoformat() in finding.message


@pytest.mark.parametrize("country", ["GB", "JP", "CH", "BR", "UY", "NZ"])
def test_adequacy_with_decision(country: str) -> None:
    assert "ROPA503" not in check(with_transfer(country=country, safeguard="adequacy")).codes


def test_brazil_is_adequate_from_26_january_2026_only() -> None:
    data = with_transfer(country="BR", safeguard="adequacy")
    assert "ROPA503" not in check(data, as_of=date(2026, 1, 26)).codes
    assert "ROPA503" in check(data, as_of=date(2026, 1, 25)).codes


@pytest.mark.parametrize("territory", sorted(EU_TERRITORIES))
def test_recipient_in_an_eu_territory_needs_no_transfer(territory: str) -> None:
    data = clean_register()
    data["recipients"][0]["countries"] = [territory]
    codes = check(data).codes
    assert not {"ROPA502", "ROPA503", "ROPA504"} & set(codes)


@pytest.mark.parametrize("territory", ["RE", "AX"])
def test_transfer_to_an_eu_territory_is_inside_the_eea(territory: str) -> None:
    checked = check(with_transfer(country=territory))
    assert checked.report.errors == 0
    assert checked.codes == ["ROPA505"]


@pytest.mark.parametrize("territory", ["BL", "NC", "PF", "SJ", "GL"])
def test_overseas_countries_and_territories_are_third_countries(territory: str) -> None:
    data = clean_register()
    data["recipients"][0]["countries"] = [territory]
    assert "ROPA504" in check(data).codes


# ROPA507 adequacy-scope-unevidenced


@pytest.mark.parametrize("country", ["US", "CA", "JP", "KR", "IL"])
def test_partial_adequacy_without_reference(country: str) -> None:
    checked = check(with_transfer(country=country, safeguard="adequacy"))
    finding = checked.one("ROPA507")
    assert finding.path_text == "activities[0].transfers[0]"
    assert finding.line == checked.line("- recipient: hosting")
    assert country in finding.message
    assert "ROPA503" not in checked.codes


def test_us_adequacy_names_the_data_privacy_framework() -> None:
    finding = check(with_transfer(country="US", safeguard="adequacy")).one("ROPA507")
    assert "Data Privacy Framework" in finding.message and "2023/1795" in finding.message
    assert "covers only some recipients (only organisations on the Data Privacy" in finding.message
    assert "for the data they are certified for), and the transfer" in finding.message
    assert "attiecas tikai uz daļu saņēmēju (tikai organizācijas, kas iekļautas ASV" in (
        finding.text("lv")
    )
    assert "(Komisijas Īstenošanas lēmums (ES) 2023/1795)" in finding.text("lv")


def test_partial_adequacy_with_reference() -> None:
    data = with_transfer(
        country="US", safeguard="adequacy", reference="DPF List entry checked 2026-11-02"
    )
    assert "ROPA507" not in check(data).codes


@pytest.mark.parametrize("country", ["GB", "CH", "BR"])
def test_whole_country_adequacy_needs_no_reference(country: str) -> None:
    assert "ROPA507" not in check(with_transfer(country=country, safeguard="adequacy")).codes


# ROPA508 adequacy-expired


def test_uk_adequacy_after_the_renewal_ends() -> None:
    data = with_transfer(country="GB", safeguard="adequacy")
    checked = check(data, as_of=date(2032, 1, 1))
    finding = checked.one("ROPA508")
    assert finding.path_text == "activities[0].transfers[0].safeguard"
    assert finding.line == checked.line("safeguard: adequacy")
    assert "2031-12-27" in finding.message
    assert "ROPA503" not in checked.codes


def test_uk_adequacy_while_the_renewal_applies() -> None:
    data = with_transfer(country="GB", safeguard="adequacy")
    assert "ROPA508" not in check(data, as_of=date(2031, 12, 26)).codes
    assert "ROPA508" in check(data, as_of=date(2031, 12, 27)).codes


def test_us_adequacy_between_privacy_shield_and_the_dpf() -> None:
    data = with_transfer(country="US", safeguard="adequacy", reference="certified")
    assert "ROPA508" in check(data, as_of=date(2021, 3, 1)).codes
    assert "ROPA508" not in check(data).codes


@pytest.mark.parametrize("reference", ["Privacy Shield certification", "Decision 2016/1250"])
def test_reference_citing_an_ended_decision(reference: str) -> None:
    checked = check(with_transfer(country="US", safeguard="adequacy", reference=reference))
    finding = checked.one("ROPA508")
    assert finding.path_text == "activities[0].transfers[0].reference"
    assert "2023/1795" in finding.message
    # The decisions in the reader's language, as the Official Journal names them.
    assert "Commission Implementing Decision (EU) 2023/1795" in finding.message
    assert "(ES un ASV privātuma vairogs)" in finding.text("lv")
    assert "norādiet spēkā esošo lēmumu: Komisijas Īstenošanas lēmums (ES) 2023/1795" in (
        finding.text("lv")
    )


# ROPA504 transfer-undeclared


def test_recipient_outside_the_eea_without_transfer() -> None:
    data = clean_register()
    data["recipients"][0]["countries"] = ["LV", "US", "IN"]
    checked = check(data)
    finding = checked.one("ROPA504")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].recipients[0]"
    assert finding.line == checked.line("  - hosting")
    assert "US, IN" in finding.message and "LV" not in finding.message


def test_transfer_for_another_recipient_does_not_count() -> None:
    data = with_transfer(country="US", safeguard="scc")
    data["activities"][0]["transfers"][0]["recipient"] = "elsewhere"
    data["recipients"].append(
        {"id": "elsewhere", "name": "Elsewhere", "kind": "other", "countries": ["US"]}
    )
    assert "ROPA504" in check(data).codes


@pytest.mark.parametrize("recipient", ["hosting", None])
def test_declared_transfer_for_the_recipient_or_for_any(recipient: str | None) -> None:
    data = with_transfer(country="US", safeguard="scc")
    data["activities"][0]["transfers"][0]["recipient"] = recipient
    assert "ROPA504" not in check(data).codes


# ROPA505 transfer-inside-eea


def test_transfer_to_an_eea_country() -> None:
    checked = check(with_transfer(country="NO"))
    finding = checked.one("ROPA505")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].transfers[0].country"
    assert finding.line == checked.line("country: 'NO'")
    assert "ROPA502" not in checked.codes


def test_transfer_to_a_third_country_is_a_transfer() -> None:
    assert "ROPA505" not in check(with_transfer(country="US", safeguard="scc")).codes


# ROPA506 recipient-location-unknown


@pytest.mark.parametrize("kind", ["processor", "controller", "joint_controller"])
def test_recipient_without_countries(kind: str) -> None:
    data = clean_register()
    data["recipients"][0].update(kind=kind, countries=[])
    checked = check(data)
    finding = checked.one("ROPA506")
    assert (finding.activity, finding.path_text) == (None, "recipients[0]")
    assert finding.line == checked.line("- id: hosting")


@pytest.mark.parametrize("kind", ["public_authority", "group_company", "other"])
def test_other_kinds_need_not_state_countries(kind: str) -> None:
    data = clean_register()
    data["recipients"][0].update(kind=kind, countries=[])
    assert "ROPA506" not in check(data).codes


# ROPA509 transfer-inconsistent


def test_transfer_to_a_country_the_recipient_does_not_state() -> None:
    data = with_transfer(country="US", safeguard="scc")
    data["recipients"][0]["countries"] = ["US"]
    data["activities"][0]["transfers"][0]["country"] = "IN"
    checked = check(data)
    finding = checked.one("ROPA509")
    assert finding.path_text == "activities[0].transfers[0].country"
    assert finding.line == checked.line("country: IN")
    assert "states only US" in finding.message


def test_transfer_to_a_recipient_the_activity_does_not_list() -> None:
    data = with_transfer(country="US", safeguard="scc")
    data["activities"][0]["recipients"] = []
    checked = check(data)
    finding = checked.one("ROPA509")
    assert finding.path_text == "activities[0].transfers[0].recipient"
    assert finding.line == checked.line("- recipient: hosting")


def test_consistent_transfer() -> None:
    assert "ROPA509" not in check(with_transfer(country="US", safeguard="scc")).codes


def test_unknown_recipient_is_left_to_ropa102() -> None:
    data = with_transfer(country="US", safeguard="scc")
    data["activities"][0]["transfers"][0]["recipient"] = "nowhere"
    codes = check(data).codes
    assert "ROPA102" in codes and "ROPA509" not in codes


# ROPA512 joint-arrangement-missing


def test_joint_controller_without_arrangement() -> None:
    data = clean_register()
    data["organisation"]["joint_controllers"] = [{"name": "Partner SIA"}]
    checked = check(data)
    finding = checked.one("ROPA512")
    assert finding.path_text == "organisation.joint_controllers[0]"
    assert finding.line == checked.line("- name: Partner SIA")


def test_joint_controller_recipient_without_arrangement() -> None:
    data = clean_register()
    data["recipients"][0].update(kind="joint_controller")
    del data["recipients"][0]["contract"]
    checked = check(data)
    assert checked.one("ROPA512").path_text == "recipients[0]"


def test_joint_controllers_with_arrangements() -> None:
    data = clean_register()
    data["organisation"]["joint_controllers"] = [
        {"name": "Partner SIA", "arrangement": "Joint controller agreement JCA-2026-01"}
    ]
    data["recipients"][0].update(kind="joint_controller")
    assert "ROPA512" not in check(data).codes


# ROPA513 recipient-role-unclear


@pytest.mark.parametrize("kind", ["other", "group_company"])
def test_recipient_of_unclear_kind_without_description(kind: str) -> None:
    data = clean_register()
    data["recipients"][0].update(kind=kind)
    checked = check(data)
    finding = checked.one("ROPA513")
    assert (finding.activity, finding.path_text) == (None, "recipients[0]")
    assert finding.line == checked.line("- id: hosting")


def test_recipient_of_unclear_kind_with_description() -> None:
    data = clean_register()
    data["recipients"][0].update(kind="other", description="Our auditor, a controller itself")
    assert "ROPA513" not in check(data).codes


# International organisations as destinations: the same dated table (ROPA503, 507, 508)


def with_organisation(organisation: str, **transfer: Any) -> dict[str, Any]:
    """The clean register with one transfer to an international organisation."""
    data = clean_register()
    data["activities"][0]["transfers"] = [{"organisation": organisation, **transfer}]
    return data


def test_transfer_to_the_european_patent_organisation_on_adequacy() -> None:
    checked = check(with_organisation("european_patent_organisation", safeguard="adequacy"))
    assert checked.report.errors == 0
    assert not {"ROPA502", "ROPA503", "ROPA505", "ROPA507", "ROPA508"} & set(checked.codes)


def test_the_epo_decision_applies_from_15_july_2025() -> None:
    data = with_organisation("european_patent_organisation", safeguard="adequacy")
    assert "ROPA503" not in check(data, as_of=date(2025, 7, 15)).codes
    finding = check(data, as_of=date(2025, 7, 14)).one("ROPA503")
    assert "European Patent Organisation" in finding.message
    assert "par starptautisko organizāciju “Eiropas Patentu organizācija”" in finding.text("lv")


def test_organisation_without_a_decision_claiming_adequacy() -> None:
    data = with_organisation(
        "other", organisation_name={"en": "World Health Organization"}, safeguard="adequacy"
    )
    checked = check(data)
    finding = checked.one("ROPA503")
    assert finding.severity.value == "error"
    assert finding.path_text == "activities[0].transfers[0].safeguard"
    assert finding.line == checked.line("safeguard: adequacy")
    assert "World Health Organization" in finding.message


def test_transfer_to_an_organisation_needs_a_safeguard() -> None:
    checked = check(with_organisation("european_patent_organisation"))
    assert "European Patent Organisation" in checked.one("ROPA502").message


def test_the_table_holds_the_epo_decision_with_its_reference() -> None:
    (decision,) = adequacy_decisions("european_patent_organisation")
    assert decision.decision == "Commission Implementing Decision (EU) 2025/1382"
    assert (decision.adopted, decision.scope, decision.ends) == (date(2025, 7, 15), None, None)


# ROPA510 derogation-unspecified


def test_derogation_without_its_point() -> None:
    checked = check(with_transfer(country="RS", safeguard="derogation"))
    finding = checked.one("ROPA510")
    assert finding.severity.value == "warning"
    assert (finding.activity, finding.path_text) == (
        "customer_accounts",
        "activities[0].transfers[0].safeguard",
    )
    assert finding.line == checked.line("safeguard: derogation")
    assert "RS" in finding.message and "49(1)" in finding.message
    assert "49. panta 1. punkta" in finding.text("lv")


@pytest.mark.parametrize("point", list("abcdefg"))
def test_derogation_with_its_point(point: str) -> None:
    data = with_transfer(country="RS", safeguard="derogation", derogation=point)
    assert "ROPA510" not in check(data).codes


def test_derogation_to_an_organisation_without_its_point() -> None:
    data = with_organisation(
        "other", organisation_name="International Committee", safeguard="derogation"
    )
    assert "International Committee" in check(data).one("ROPA510").message


# ROPA511 transfer-assessment-missing


@pytest.mark.parametrize("safeguard", ["scc", "bcr", "code_of_conduct", "certification"])
def test_art46_transfer_without_assessment(safeguard: str) -> None:
    checked = check(with_transfer(country="IN", safeguard=safeguard))
    finding = checked.one("ROPA511")
    assert finding.severity.value == "info"
    assert (finding.activity, finding.path_text) == (
        "customer_accounts",
        "activities[0].transfers[0]",
    )
    assert finding.line == checked.line("- recipient: hosting")
    assert "transfer impact assessment" in finding.message and "IN" in finding.message


def test_scc_transfer_message_names_the_tool_in_both_languages() -> None:
    finding = check(with_transfer(country="IN", safeguard="scc")).one("ROPA511")
    assert "standard contractual clauses" in finding.message
    assert "standarta datu aizsardzības klauzulas" in finding.text("lv")


@pytest.mark.parametrize("assessment", ["TIA-2026-01 in the DMS", "tia_india"])
def test_art46_transfer_with_assessment(assessment: str) -> None:
    data = with_transfer(country="IN", safeguard="scc", assessment=assessment)
    data["assessments"] = [{"id": "tia_india", "kind": "tia", "name": "TIA India"}]
    assert "ROPA511" not in check(data).codes


@pytest.mark.parametrize("safeguard", ["adequacy", "derogation"])
def test_other_grounds_need_no_transfer_impact_assessment(safeguard: str) -> None:
    data = with_transfer(country="JP", safeguard=safeguard, reference="APPI", derogation="b")
    assert "ROPA511" not in check(data).codes


def test_a_declared_transfer_inside_the_eea_needs_no_assessment() -> None:
    assert "ROPA511" not in check(with_transfer(country="RE", safeguard="scc")).codes
