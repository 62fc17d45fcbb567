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
    assert not {"ROPA601", "ROPA602", "ROPA603", "ROPA604"} & set(check(clean_register()).codes)


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
    "change",
    [
        {"legal_bases": [{"basis": "contract"}]},
        {"legal_bases": [{"basis": "consent", "withdrawal": "settings"}]},
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
    assert "large scale, profiling" in finding.message


def test_every_criterion_counts() -> None:
    data = with_activity(
        large_scale=True, profiling=True, automated_decisions=True, sources=["observed"]
    )
    data["data_subjects"][0]["includes_children"] = True
    data["data_categories"][0].update(special="biometric", national_id=True)
    data["activities"][0]["special_condition"] = "explicit_consent"
    message = check(data).one("ROPA602").message
    for criterion in (
        "special data",
        "children",
        "large scale",
        "profiling",
        "automated decisions",
        "national id",
        "observed sources",
    ):
        assert criterion in message
    assert "7 high-risk criteria" in message


def test_one_criterion_needs_no_dpia() -> None:
    assert "ROPA602" not in check(with_activity(large_scale=True)).codes


def test_a_recorded_dpia_answers_the_criteria() -> None:
    data = with_activity(large_scale=True, profiling=True, dpia={"reference": "DPIA 1"})
    assert "ROPA602" not in check(data).codes


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
    assert "legal_obligation, legitimate_interests do not say" in finding.message


def test_three_bases_each_saying_what_it_covers() -> None:
    bases = [{**basis, "covers": "part"} for basis in THREE_BASES]
    assert "ROPA604" not in check(with_activity(legal_bases=bases)).codes


def test_two_bases_need_not_say_what_they_cover() -> None:
    assert "ROPA604" not in check(with_activity(legal_bases=THREE_BASES[1:])).codes
