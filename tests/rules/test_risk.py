"""ROPA601-604: automated decisions, DPIAs, reviews, mixed legal bases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .conftest import check, clean_register


def with_activity(**change: Any) -> dict[str, Any]:
    """The clean register with its one activity changed."""
    data = clean_register()
    data["activities"][0].update(change)
    return data


def test_clean_register_has_no_risk_findings() -> None:
    assert not {f"ROPA60{n}" for n in range(1, 9)} & set(check(clean_register()).codes)


# ROPA601 automated-decision-basis


def test_automated_decisions_on_legitimate_interests() -> None:
    bases = [{"basis": "legitimate_interests", "interest": "credit risk", "assessment": "LIA"}]
    checked = check(with_activity(automated_decisions=True, legal_bases=bases))
    finding = checked.one("ROPA601")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].automated_decisions"
    assert finding.line == checked.line("automated_decisions: true")


def test_automated_decisions_on_a_law_that_is_not_named() -> None:
    bases = [{"basis": "legal_obligation"}]
    assert "ROPA601" in check(with_activity(automated_decisions=True, legal_bases=bases)).codes


@pytest.mark.parametrize(
    "consent", [{"withdrawal": "settings"}, {"withdrawal": "settings", "explicit": False}]
)
def test_automated_decisions_on_consent_not_stated_explicit(consent: dict[str, Any]) -> None:
    # Art. 22(2)(c) asks for explicit consent; plain consent (6(1)(a)) is not a ground.
    bases = [{"basis": "consent", **consent}]
    checked = check(with_activity(automated_decisions=True, legal_bases=bases))
    assert checked.one("ROPA601").line == checked.line("automated_decisions: true")


@pytest.mark.parametrize(
    "change",
    [
        {"legal_bases": [{"basis": "contract"}]},
        {"legal_bases": [{"basis": "consent", "withdrawal": "settings", "explicit": True}]},
        {
            "legal_bases": [{"basis": "consent", "withdrawal": "settings"}],
            "special_condition": [{"condition": "explicit_consent"}],
        },
        {"legal_bases": [{"basis": "legal_obligation", "law": "Credit Law"}]},
        {"legal_bases": [{"basis": "public_task", "law": "Tax Law"}]},
        {
            "legal_bases": [{"basis": "vital_interests"}],
            "special_condition": "explicit_consent",
        },
    ],
)
def test_automated_decisions_on_an_art22_ground(change: dict[str, Any]) -> None:
    assert "ROPA601" not in check(with_activity(automated_decisions=True, **change)).codes


# ROPA602 dpia-likely-required


def test_two_criteria_without_dpia() -> None:
    checked = check(with_activity(large_scale=True, profiling=True))
    finding = checked.one("ROPA602")
    assert (finding.activity, finding.path_text) == ("customer_accounts", "activities[0]")
    assert finding.line == checked.line("- id: customer_accounts")
    assert "(evaluation or scoring and large scale) but records no DPIA" in finding.message
    assert "WP248" in finding.message
    assert finding.text("lv") == (
        "darbība 'customer_accounts' atbilst 2 WP248 augsta riska kritērijiem (izvērtēšana vai "
        "novērtēšana un apstrāde plašā mērogā), bet nav norādīts novērtējums par ietekmi uz "
        "datu aizsardzību (dpia)"
    )


def test_every_criterion_the_register_can_show_counts() -> None:
    data = with_activity(
        large_scale=False,
        profiling=True,
        automated_decisions=True,
        sources=["observed", "third_party"],
        special_condition="explicit_consent",
    )
    data["data_subjects"][0]["includes_children"] = True
    data["data_categories"][0].update(special="health")
    # (a) automated decisions with profiling is Art. 35(3): ROPA606, not ROPA602.
    data["activities"][0]["profiling"] = False
    message = check(data).one("ROPA602").message
    for criterion in (
        "automated decisions with legal or similar effect",
        "systematic monitoring",
        "sensitive or highly personal data",
        "matching or combining datasets",
        "vulnerable data subjects",
    ):
        assert criterion in message
    assert "5 high-risk criteria" in message


def test_a_national_id_is_not_a_criterion() -> None:
    # WP248 lists no national identification number: with it and one criterion, no DPIA.
    data = with_activity(sources=["observed"])
    data["data_categories"][0]["national_id"] = True
    assert "ROPA602" not in check(data).codes


def test_one_criterion_needs_no_dpia() -> None:
    assert "ROPA602" not in check(with_activity(large_scale=True)).codes


def test_a_recorded_dpia_answers_the_criteria() -> None:
    data = with_activity(large_scale=True, profiling=True, dpia={"reference": "DPIA 1"})
    assert "ROPA602" not in check(data).codes


def test_an_art_35_3_case_is_ropa606_not_ropa602() -> None:
    data = with_activity(large_scale=True, profiling=True, special_condition="explicit_consent")
    data["data_categories"][0]["special"] = "health"
    codes = check(data).codes
    assert "ROPA606" in codes and "ROPA602" not in codes


# ROPA603 review-overdue


def test_register_review_overdue() -> None:
    data = clean_register()
    data["register"]["reviewed"] = "2025-11-26"
    checked = check(data)
    finding = checked.one("ROPA603")  # the activity has no date of its own: no second finding
    assert (finding.activity, finding.path_text) == (None, "register.reviewed")
    assert finding.line == checked.line("reviewed: '2025-11-26'")


def test_activity_review_overdue() -> None:
    checked = check(with_activity(reviewed="2024-01-31"))
    finding = checked.one("ROPA603")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].reviewed"
    assert finding.line == checked.line("reviewed: '2024-01-31'")


@pytest.mark.parametrize("reviewed", ["2025-11-27", "2026-11-27", None])
def test_review_within_twelve_months_or_not_stated(reviewed: str | None) -> None:
    data = clean_register()
    data["register"]["reviewed"] = reviewed
    assert "ROPA603" not in check(data).codes


def test_twelve_months_around_a_leap_year() -> None:
    data = clean_register()
    data["register"]["reviewed"] = "2024-02-28"
    assert "ROPA603" not in check(data, as_of=date(2025, 2, 28)).codes
    assert "ROPA603" in check(data, as_of=date(2025, 3, 1)).codes
    data["register"]["reviewed"] = "2023-02-27"
    assert "ROPA603" in check(data, as_of=date(2024, 2, 29)).codes


# ROPA604 mixed-legal-bases


THREE_BASES = [
    {"basis": "contract", "covers": "the account"},
    {"basis": "legal_obligation", "law": "Accounting Law"},
    {"basis": "legitimate_interests", "interest": "fraud", "assessment": "LIA"},
]


def test_three_bases_without_covers() -> None:
    checked = check(with_activity(legal_bases=THREE_BASES))
    finding = checked.one("ROPA604")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].legal_bases"
    assert finding.line == checked.line("- basis: contract")
    assert "and legal obligation and legitimate interests do not say what they" in finding.message
    assert "par pamatiem juridisks pienākums un leģitīmās intereses nav" in finding.text("lv")


def test_one_of_three_bases_without_covers() -> None:
    bases = [{**basis, "covers": "part"} for basis in THREE_BASES[:2]] + THREE_BASES[2:]
    finding = check(with_activity(legal_bases=bases)).one("ROPA604")
    assert "and legitimate interests does not say what it covers (covers)" in finding.message
    assert "par pamatu leģitīmās intereses nav norādīts, ko tas aptver" in finding.text("lv")


def test_three_bases_each_saying_what_it_covers() -> None:
    bases = [{**basis, "covers": "part"} for basis in THREE_BASES]
    assert "ROPA604" not in check(with_activity(legal_bases=bases)).codes


def test_two_bases_need_not_say_what_they_cover() -> None:
    assert "ROPA604" not in check(with_activity(legal_bases=THREE_BASES[1:])).codes


# ROPA605 review-date-missing


def test_register_without_review_date() -> None:
    data = clean_register()
    del data["register"]["reviewed"]
    checked = check(data)
    finding = checked.one("ROPA605")
    assert (finding.activity, finding.path_text) == (None, "register")
    assert finding.line == checked.line("kind: controller")
    assert finding.text("lv") == "reģistrā nav norādīts pārskatīšanas datums (register.reviewed)"


def test_register_with_review_date() -> None:
    assert "ROPA605" not in check(clean_register()).codes


# ROPA606 dpia-required


def test_profiling_for_automated_decisions_without_dpia() -> None:
    checked = check(with_activity(automated_decisions=True, profiling=True))
    finding = checked.one("ROPA606")
    assert (finding.activity, finding.path_text) == ("customer_accounts", "activities[0]")
    assert finding.line == checked.line("- id: customer_accounts")
    assert "(a) automated decisions" in finding.message
    assert "attiecas 35. panta 3. punkts (a) automatizēti lēmumi" in finding.text("lv")


@pytest.mark.parametrize("special", ["health", "criminal"])
def test_special_or_criminal_data_on_a_large_scale_without_dpia(special: str) -> None:
    data = with_activity(large_scale=True, special_condition="explicit_consent",
                         legal_bases=[{"basis": "legal_obligation", "law": "Law"}])  # fmt: skip
    data["data_categories"][0]["special"] = special
    if special == "criminal":
        del data["activities"][0]["special_condition"]
    finding = check(data).one("ROPA606")
    assert "(b) special-category" in finding.message
    assert "b) īpašo kategoriju datu vai personas datu par sodāmību" in finding.text("lv")


@pytest.mark.parametrize(
    "change",
    [
        {"automated_decisions": True, "profiling": False},
        {"automated_decisions": True, "profiling": True, "dpia": {"reference": "DPIA-1"}},
        {"large_scale": True},
    ],
)
def test_no_art_35_3_case_or_a_dpia(change: dict[str, Any]) -> None:
    assert "ROPA606" not in check(with_activity(**change)).codes


# ROPA607 automated-decision-special-data


def test_automated_decisions_on_health_data_on_contract() -> None:
    data = with_activity(automated_decisions=True, special_condition="health_or_social_care")
    data["data_categories"][0]["special"] = "health"
    checked = check(data)
    finding = checked.one("ROPA607")
    assert finding.path_text == "activities[0].automated_decisions"
    assert finding.line == checked.line("automated_decisions: true")
    assert (finding.message_id, finding.text("lv")) == (
        "ROPA607",
        "darbība 'customer_accounts' pieņem automatizētus lēmumus, izmantojot īpašu kategoriju "
        "datus, bet nebalstās ne uz nepārprotamu piekrišanu, ne uz būtiskām sabiedrības "
        "interesēm (special_condition)",
    )


@pytest.mark.parametrize("condition", ["explicit_consent", "substantial_public_interest"])
def test_automated_decisions_on_special_data_with_an_art_22_4_ground(condition: str) -> None:
    data = with_activity(automated_decisions=True, special_condition=condition)
    data["data_categories"][0]["special"] = "health"
    assert "ROPA607" not in check(data).codes


@pytest.mark.parametrize(
    "change",
    [
        {"special_condition": [{"condition": "explicit_consent"}]},
        {
            "special_condition": [{"condition": "substantial_public_interest", "law": "Law"}],
            "legal_bases": [{"basis": "public_task", "law": "Law"}],
        },
        {
            "special_condition": "health_or_social_care",
            "legal_bases": [{"basis": "consent", "withdrawal": "settings", "explicit": True}],
        },
    ],
)
def test_automated_decisions_on_special_data_with_an_art_22_4_ground_in_any_form(
    change: dict[str, Any],
) -> None:
    data = with_activity(automated_decisions=True, **change)
    data["data_categories"][0]["special"] = "health"
    assert "ROPA607" not in check(data).codes


def test_automated_decisions_on_special_data_on_a_listed_condition_of_another_point() -> None:
    data = with_activity(
        automated_decisions=True,
        special_condition=[{"condition": "health_or_social_care", "law": "Medical Law"}],
    )
    data["data_categories"][0]["special"] = "health"
    checked = check(data)
    finding = checked.one("ROPA607")
    assert finding.message_id == "ROPA607"
    assert "explicit consent" in finding.message


def test_automated_decisions_on_criminal_data_are_not_art_22_4() -> None:
    data = with_activity(automated_decisions=True,
                         legal_bases=[{"basis": "legal_obligation", "law": "Law"}])  # fmt: skip
    data["data_categories"][0]["special"] = "criminal"
    assert "ROPA607" not in check(data).codes


# ROPA608 security-not-proportionate


def organisational_only(**change: Any) -> dict[str, Any]:
    data = with_activity(**change)
    data["security_measures"][0]["kind"] = "organisational"
    return data


def test_large_scale_with_organisational_measures_only() -> None:
    checked = check(organisational_only(large_scale=True))
    finding = checked.one("ROPA608")
    assert finding.path_text == "activities[0].security_measures"
    assert finding.line == checked.line("- access_control")
    assert "involves a large scale but names no technical" in finding.message
    assert "ietver apstrādi plašā mērogā, bet nenorāda nevienu tehnisku" in finding.text("lv")


def test_national_id_with_organisational_measures_only() -> None:
    data = organisational_only()
    data["data_categories"][0]["national_id"] = True
    finding = check(data).one("ROPA608")
    assert "national identification number" in finding.message
    assert "valsts identifikācijas numuru" in finding.text("lv")


def test_a_technical_measure_is_enough() -> None:
    assert "ROPA608" not in check(with_activity(large_scale=True)).codes


def test_ordinary_data_may_have_organisational_measures_only() -> None:
    assert "ROPA608" not in check(organisational_only()).codes


def test_no_measure_at_all_is_left_to_ropa208() -> None:
    codes = check(with_activity(large_scale=True, security_measures=[])).codes
    assert "ROPA208" in codes and "ROPA608" not in codes
