"""ROPA301-317: legal bases and what each needs, Art. 9 and 10 data, children, national ids,
marketing, device access, employees' consent."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Checked, check, clean_register

LAWFULNESS = {f"ROPA3{n:02d}" for n in range(1, 18)}

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


def test_criminal_data_on_contract_without_authority() -> None:
    checked = check(with_category(special="criminal"))
    finding = checked.one("ROPA307")
    assert finding.line == checked.line("  - special_data")
    assert "criminal_data_authority" in finding.message


def test_criminal_data_with_its_authorising_law() -> None:
    data = with_category(special="criminal")
    data["activities"][0]["criminal_data_authority"] = {"lv": "Sodu reģistra likums, 3. pants"}
    assert "ROPA307" not in check(data).codes


@pytest.mark.parametrize("basis", ["legal_obligation", "public_task"])
def test_criminal_data_with_law(basis: str) -> None:
    # Older files name the law on the basis: it still counts.
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


def test_direct_marketing_on_contract() -> None:
    checked = check(with_activity(purpose="personalisation", direct_marketing=True))
    assert checked.one("ROPA310").line == checked.line("- basis: contract")


def with_subject(**fields: Any) -> dict[str, Any]:
    """The clean register whose activity also concerns a category `others` made of
    `fields`."""
    data = clean_register()
    data["data_subjects"].append({"id": "others", "name": "Others", **fields})
    data["activities"][0]["data_subjects"].append("others")
    return data


@pytest.mark.parametrize("fields", [{"kind": "prospects"}, {"kind": "visitors"},
                                    {"kind": "customers", "contract_party": False}])  # fmt: skip
def test_marketing_to_non_customers_on_legitimate_interests(fields: dict[str, Any]) -> None:
    data = with_subject(**fields)
    data["activities"][0].update(purpose="marketing", legal_bases=[LI_FULL])
    checked = check(data)
    finding = checked.one("ROPA310")
    assert finding.path_text == "activities[0].data_subjects[1]"
    assert finding.line == checked.line("  - others")
    assert "('others')" in finding.message
    assert finding.message_id == "ROPA310.not_customers"


@pytest.mark.parametrize(
    ("fields", "bases"),
    [
        ({"kind": "prospects"}, [CONSENT_FULL]),  # consent: the ePrivacy rule is met
        ({"kind": "prospects"}, [LI_FULL, CONSENT_FULL]),
        ({"kind": "customers"}, [LI_FULL]),  # the soft opt-in for customers
        ({"kind": "visitors", "contract_party": True}, [LI_FULL]),  # stated to be a party
        ({"kind": None}, [LI_FULL]),  # nothing says they are not customers
    ],
)
def test_marketing_to_customers_or_with_consent(
    fields: dict[str, Any], bases: list[dict[str, str]]
) -> None:
    data = with_subject(**{k: v for k, v in fields.items() if v is not None})
    data["activities"][0].update(purpose="marketing", legal_bases=bases)
    assert "ROPA310" not in check(data).codes


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


# ROPA313 contract-basis-not-party


@pytest.mark.parametrize(
    "fields", [{"kind": "visitors"}, {"kind": "job_applicants"}, {"contract_party": False}]
)
def test_contract_basis_for_non_parties(fields: dict[str, Any]) -> None:
    checked = check(with_subject(**fields))
    assert_at_basis(checked, "ROPA313", 0, "- basis: contract")
    assert "'others'" in checked.one("ROPA313").message


@pytest.mark.parametrize(
    "fields", [{"kind": "customers"}, {"kind": "prospects", "contract_party": True}, {}]
)
def test_contract_basis_for_parties(fields: dict[str, Any]) -> None:
    # A prospect may be asking to enter a contract (Art. 6(1)(b), second limb).
    assert "ROPA313" not in check(with_subject(**fields)).codes


def test_non_parties_on_another_basis() -> None:
    data = with_subject(kind="visitors")
    data["activities"][0]["legal_bases"] = [LI_FULL]
    assert "ROPA313" not in check(data).codes


# ROPA314 device-access-without-consent


@pytest.mark.parametrize(
    "change",
    [
        {"purpose": "analytics"},
        {"purpose": "service_improvement", "legal_bases": [LI_FULL]},
        {"purpose": "customer_management", "direct_marketing": True},
    ],
)
def test_device_access_without_consent(change: dict[str, Any]) -> None:
    checked = check(with_activity(sources=["data_subject", "device"], **change))
    finding = checked.one("ROPA314")
    assert finding.path_text == "activities[0].sources[1]"
    assert finding.line == checked.line("- device")


@pytest.mark.parametrize(
    "change",
    [
        {"purpose": "analytics", "legal_bases": [CONSENT_FULL]},
        {"purpose": "security"},  # strictly necessary for the service asked for
        {"purpose": "analytics", "sources": ["observed"]},  # not read from the device
    ],
)
def test_device_access_with_consent_or_for_a_necessary_purpose(change: dict[str, Any]) -> None:
    data = with_activity(**{"sources": ["device"], **change})
    assert "ROPA314" not in check(data).codes


# ROPA315 special-condition-law-missing


def test_law_condition_written_as_a_code_names_no_law() -> None:
    data = with_category(special="health")
    data["activities"][0]["special_condition"] = "health_or_social_care"
    checked = check(data)
    finding = checked.one("ROPA315")
    assert finding.path_text == "activities[0].special_condition"
    assert finding.line == checked.line("special_condition: health_or_social_care")


def test_law_condition_in_a_list_names_no_law() -> None:
    data = with_category(special="health")
    data["activities"][0]["special_condition"] = [
        {"condition": "explicit_consent"},
        {"condition": "employment_social_security", "categories": ["special_data"]},
    ]
    checked = check(data)
    finding = checked.one("ROPA315")
    assert finding.path_text == "activities[0].special_condition[1]"
    assert finding.line == checked.line("- condition: employment_social_security")
    assert "employment_social_security" in finding.message


@pytest.mark.parametrize(
    "condition",
    [
        [{"condition": "health_or_social_care", "law": {"lv": "Ārstniecības likums"}}],
        "explicit_consent",  # 9(2)(a) needs no law
        "legal_claims",
    ],
)
def test_condition_with_its_law_or_needing_none(condition: Any) -> None:
    data = with_category(special="health")
    data["activities"][0]["special_condition"] = condition
    assert "ROPA315" not in check(data).codes


# ROPA316 employee-consent


def employees_on(*bases: dict[str, str]) -> dict[str, Any]:
    data = clean_register()
    data["data_subjects"][0]["kind"] = "employees"
    data["activities"][0]["legal_bases"] = list(bases)
    return data


def test_consent_of_employees_alone() -> None:
    checked = check(employees_on(CONSENT_FULL))
    finding = checked.one("ROPA316")
    assert finding.path_text == "activities[0].legal_bases"
    assert finding.line == checked.line("- basis: consent")
    assert "'customers'" in finding.message


@pytest.mark.parametrize("bases", [[CONSENT_FULL, {"basis": "contract"}], [{"basis": "contract"}]])
def test_employees_on_another_basis(bases: list[dict[str, str]]) -> None:
    assert "ROPA316" not in check(employees_on(*bases)).codes


def test_consent_of_customers_alone() -> None:
    assert "ROPA316" not in check(with_activity(legal_bases=[CONSENT_FULL])).codes


# ROPA317 special-data-marketing


def special_marketing(**change: Any) -> dict[str, Any]:
    data = with_category(special="health")
    data["activities"][0].update({"purpose": "marketing", "legal_bases": [CONSENT_FULL], **change})
    return data


@pytest.mark.parametrize(
    "change",
    [
        {"special_condition": "made_public_by_subject"},
        {"direct_marketing": True, "purpose": "personalisation",
         "special_condition": "health_or_social_care"},
        {"special_condition": [{"condition": "explicit_consent", "categories": ["other"]}]},
    ],
)  # fmt: skip
def test_special_data_for_marketing_without_explicit_consent(change: dict[str, Any]) -> None:
    checked = check(special_marketing(**change))
    finding = checked.one("ROPA317")
    assert finding.severity.value == "error"
    assert finding.path_text == "activities[0].data_categories[1]"
    assert finding.line == checked.line("  - special_data")


@pytest.mark.parametrize(
    "change",
    [
        {"special_condition": "explicit_consent"},
        {"legal_bases": [{**CONSENT_FULL, "explicit": True}]},
        {"special_condition": [{"condition": "explicit_consent", "categories": ["special_data"]}]},
    ],
)
def test_special_data_for_marketing_with_explicit_consent(change: dict[str, Any]) -> None:
    assert "ROPA317" not in check(special_marketing(**change)).codes


def test_special_data_not_for_marketing() -> None:
    condition = [{"condition": "health_or_social_care", "law": "Medical Treatment Law"}]
    data = special_marketing(purpose="health_care", special_condition=condition)
    assert "ROPA317" not in check(data).codes
