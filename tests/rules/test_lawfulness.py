"""ROPA301-312: legal bases and what each needs, Art. 9 and 10 data, children, national ids."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Checked, check, clean_register

LAWFULNESS = {f"ROPA3{n:02d}" for n in range(1, 13)}

LI_FULL = {"basis": "legitimate_interests", "interest": "fraud prevention", "assessment": "LIA 1"}
CONSENT_FULL = {"basis": "consent", "withdrawal": "unsubscribe link"}


def with_activity(**change: Any) -> dict[str, Any]:
    """The clean register with its one activity changed."""
    data = clean_register()
    data["activities"][0].update(change)
    return data


def with_category(**fields: Any) -> dict[str, Any]:
    """The clean register whose activity also processes a category `special_data` made of
    `fields`."""
    data = clean_register()
    data["data_categories"].append({"id": "special_data", "name": "Special data", **fields})
    data["activities"][0]["data_categories"].append("special_data")
    return data


def assert_at_basis(checked: Checked, code: str, position: int, needle: str) -> None:
    finding = checked.one(code)
    assert finding.activity == "customer_accounts"
    assert finding.path_text == f"activities[0].legal_bases[{position}]"
    assert finding.line == checked.line(needle)


def test_clean_register_has_no_lawfulness_findings() -> None:
    assert not LAWFULNESS & set(check(clean_register()).codes)


# ROPA301 legal-basis-missing


def test_activity_without_legal_basis() -> None:
    checked = check(with_activity(legal_bases=[]))
    finding = checked.one("ROPA301")
    assert (finding.activity, finding.path_text) == ("customer_accounts", "activities[0]")
    assert finding.line == checked.line("- id: customer_accounts")


# ROPA302 interest-unstated, ROPA303 balancing-test-missing


def test_legitimate_interests_without_interest() -> None:
    bases = [{"basis": "contract"}, {"basis": "legitimate_interests", "assessment": "LIA 1"}]
    checked = check(with_activity(legal_bases=bases))
    assert_at_basis(checked, "ROPA302", 1, "- basis: legitimate_interests")
    assert "ROPA303" not in checked.codes


@pytest.mark.parametrize("assessment", [None, " "])
def test_legitimate_interests_without_assessment(assessment: str | None) -> None:
    bases = [{"basis": "legitimate_interests", "interest": "security", "assessment": assessment}]
    checked = check(with_activity(legal_bases=bases))
    assert_at_basis(checked, "ROPA303", 0, "- basis: legitimate_interests")
    assert "balancing test (assessment)" in checked.one("ROPA303").message
    assert "ROPA302" not in checked.codes


def test_complete_legitimate_interests() -> None:
    codes = check(with_activity(legal_bases=[LI_FULL])).codes
    assert "ROPA302" not in codes and "ROPA303" not in codes


# ROPA304 law-unnamed


def test_legal_obligation_without_law() -> None:
    bases = [{"basis": "contract"}, {"basis": "legal_obligation"}]
    checked = check(with_activity(legal_bases=bases))
    assert_at_basis(checked, "ROPA304", 1, "- basis: legal_obligation")


def test_legal_obligation_with_law() -> None:
    bases = [{"basis": "legal_obligation", "law": "Accounting Law"}]
    assert "ROPA304" not in check(with_activity(legal_bases=bases)).codes


# ROPA305 consent-withdrawal-missing


def test_consent_without_withdrawal() -> None:
    checked = check(with_activity(legal_bases=[{"basis": "consent"}]))
    assert_at_basis(checked, "ROPA305", 0, "- basis: consent")


def test_consent_with_withdrawal() -> None:
    assert "ROPA305" not in check(with_activity(legal_bases=[CONSENT_FULL])).codes


# ROPA306 special-condition-missing


def test_special_category_without_condition() -> None:
    checked = check(with_category(special="health"))
    finding = checked.one("ROPA306")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].data_categories[1]"
    assert finding.line == checked.line("  - special_data")
    assert "'special_data' (health)" in finding.message


def test_several_special_categories_make_one_finding_at_the_first() -> None:
    data = with_category(special="biometric")
    data["data_categories"].insert(0, {"id": "health_data", "name": "Health", "special": "health"})
    data["activities"][0]["data_categories"].insert(0, "health_data")
    checked = check(data)
    finding = checked.one("ROPA306")
    assert finding.path_text == "activities[0].data_categories[0]"
    assert finding.line == checked.line("  - health_data")
    assert "'health_data' (health), 'special_data' (biometric)" in finding.message


def test_special_category_with_condition() -> None:
    data = with_category(special="health")
    data["activities"][0]["special_condition"] = "explicit_consent"
    codes = check(data).codes
    assert "ROPA306" not in codes and "ROPA308" not in codes


def test_criminal_data_needs_no_art9_condition() -> None:
    assert "ROPA306" not in check(with_category(special="criminal")).codes


# ROPA307 criminal-data-authority-missing


def test_criminal_data_without_law() -> None:
    data = with_category(special="criminal")
    data["activities"][0]["legal_bases"] = [{"basis": "legal_obligation"}]
    checked = check(data)
    finding = checked.one("ROPA307")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].data_categories[1]"
    assert finding.line == checked.line("  - special_data")


@pytest.mark.parametrize("basis", ["legal_obligation", "public_task"])
def test_criminal_data_with_law(basis: str) -> None:
    data = with_category(special="criminal")
    data["activities"][0]["legal_bases"] = [{"basis": basis, "law": "Law on Background Checks"}]
    assert "ROPA307" not in check(data).codes


# ROPA308 special-condition-unneeded


def test_condition_without_special_category() -> None:
    checked = check(with_activity(special_condition="explicit_consent"))
    finding = checked.one("ROPA308")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].special_condition"
    assert finding.line == checked.line("special_condition: explicit_consent")


def test_condition_not_judged_while_a_category_is_unknown() -> None:
    data = with_activity(special_condition="explicit_consent")
    data["activities"][0]["data_categories"].append("nowhere")
    assert "ROPA308" not in check(data).codes


# ROPA309 public-task-private-body


@pytest.mark.parametrize("public_body", [False, None])
def test_public_task_in_a_private_body(public_body: bool | None) -> None:
    data = with_activity(legal_bases=[{"basis": "public_task", "law": "Education Law"}])
    data["organisation"]["public_body"] = public_body
    checked = check(data)
    assert_at_basis(checked, "ROPA309", 0, "- basis: public_task")


def test_public_task_in_a_public_body() -> None:
    data = with_activity(legal_bases=[{"basis": "public_task", "law": "Education Law"}])
    data["organisation"]["public_body"] = True
    assert "ROPA309" not in check(data).codes


# ROPA310 marketing-without-consent


def test_marketing_on_contract() -> None:
    checked = check(with_activity(purpose="marketing"))
    finding = checked.one("ROPA310")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].legal_bases"
    assert finding.line == checked.line("- basis: contract")


@pytest.mark.parametrize("basis", [CONSENT_FULL, LI_FULL])
def test_marketing_on_consent_or_legitimate_interests(basis: dict[str, str]) -> None:
    bases = [{"basis": "contract"}, basis]
    assert "ROPA310" not in check(with_activity(purpose="marketing", legal_bases=bases)).codes


def test_marketing_without_any_basis_is_left_to_ropa301() -> None:
    codes = check(with_activity(purpose="marketing", legal_bases=[])).codes
    assert "ROPA301" in codes and "ROPA310" not in codes


# ROPA311 children-consent


def test_consent_of_children_without_parental_authorisation() -> None:
    data = with_activity(legal_bases=[{"basis": "contract"}, CONSENT_FULL])
    data["data_subjects"][0]["includes_children"] = True
    checked = check(data)
    assert_at_basis(checked, "ROPA311", 1, "- basis: consent")
    assert "'customers'" in checked.one("ROPA311").message


@pytest.mark.parametrize("includes_children", [False, None])
def test_consent_of_adults(includes_children: bool | None) -> None:
    data = with_activity(legal_bases=[CONSENT_FULL])
    data["data_subjects"][0]["includes_children"] = includes_children
    assert "ROPA311" not in check(data).codes


def test_consent_of_children_with_parental_authorisation() -> None:
    consent = {**CONSENT_FULL, "parental_authorisation": "a parent confirms by e-mail"}
    data = with_activity(legal_bases=[consent])
    data["data_subjects"][0]["includes_children"] = True
    assert "ROPA311" not in check(data).codes


# ROPA312 national-id-unjustified


def test_national_id_on_legitimate_interests_alone() -> None:
    data = with_category(national_id=True)
    data["activities"][0]["legal_bases"] = [LI_FULL]
    checked = check(data)
    finding = checked.one("ROPA312")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].data_categories[1]"
    assert finding.line == checked.line("  - special_data")


def test_national_id_with_another_basis() -> None:
    data = with_category(national_id=True)
    data["activities"][0]["legal_bases"] = [LI_FULL, {"basis": "legal_obligation", "law": "AML"}]
    assert "ROPA312" not in check(data).codes
