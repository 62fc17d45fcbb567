"""ROPA401-402: each retention rule in use says how long, or until what, and why."""

from __future__ import annotations

from typing import Any

from .conftest import check, clean_register


def with_rule(**fields: Any) -> dict[str, Any]:
    """The clean register with its retention rule's fields replaced (None removes one)."""
    data = clean_register()
    rule = data["retention_rules"][0]
    for name, value in fields.items():
        if value is None:
            rule.pop(name, None)
        else:
            rule[name] = value
    return data


def test_clean_register_has_no_retention_findings() -> None:
    codes = check(clean_register()).codes
    assert "ROPA401" not in codes and "ROPA402" not in codes


# ROPA401 retention-period-undefined


def test_rule_without_period_or_starting_event() -> None:
    checked = check(with_rule(period=None, starts=None, basis=None))
    finding = checked.one("ROPA401")
    assert finding.activity is None  # judged once, at the catalogue entry
    assert finding.path_text == "retention_rules[0]"
    assert finding.line == checked.line("- id: contract_end")
    assert "'contract_end'" in finding.message


def test_a_starting_event_alone_or_a_period_alone_is_enough() -> None:
    assert "ROPA401" not in check(with_rule(period=None)).codes
    assert "ROPA401" not in check(with_rule(starts=None)).codes


def test_reported_once_however_many_activities_use_the_rule() -> None:
    data = with_rule(period=None, starts=None)
    second = {**data["activities"][0], "id": "second_activity"}
    data["activities"].append(second)
    assert len(check(data).of("ROPA401")) == 1


def test_an_unused_rule_is_left_to_ropa103() -> None:
    data = with_rule(period=None, starts=None)
    data["activities"][0]["retention"] = "kept"
    data["retention_rules"].append(
        {"id": "kept", "name": "Kept", "period": "P1Y", "starts": "x", "basis": "y"}
    )
    codes = check(data).codes
    assert "ROPA103" in codes and "ROPA401" not in codes


# ROPA402 retention-basis-missing


def test_fixed_period_without_basis() -> None:
    checked = check(with_rule(basis=None))
    finding = checked.one("ROPA402")
    assert finding.activity is None
    assert finding.path_text == "retention_rules[0]"
    assert finding.line == checked.line("- id: contract_end")
    assert "3 years" in finding.message


def test_no_fixed_period_needs_no_basis() -> None:
    assert "ROPA402" not in check(with_rule(period=None, basis=None)).codes


# ROPA404 retention-long-unjustified


def test_period_over_ten_years_without_basis() -> None:
    checked = check(with_rule(period="P11Y", basis=None))
    finding = checked.one("ROPA404")
    assert (finding.activity, finding.path_text) == (None, "retention_rules[0].period")
    assert finding.line == checked.line("period: P11Y")
    assert "11 years" in finding.message
    assert "ROPA402" not in checked.codes  # the stronger finding only


def test_period_over_ten_years_with_basis() -> None:
    assert "ROPA404" not in check(with_rule(period="P75Y")).codes


def test_ten_years_exactly_is_not_long() -> None:
    checked = check(with_rule(period="P10Y", basis=None))
    assert "ROPA404" not in checked.codes and "ROPA402" in checked.codes


# ROPA403 retention-category-uncovered


def with_categories(retention: list[dict[str, Any]]) -> dict[str, Any]:
    """The clean register, its activity holding two categories with `retention` per category."""
    data = clean_register()
    data["data_categories"].append({"id": "billing", "name": "Billing data"})
    data["retention_rules"].append(
        {"id": "ten_years", "name": "Ten years", "period": "P10Y", "basis": "Accounting law"}
    )
    data["activities"][0]["data_categories"] = ["contact_details", "billing"]
    data["activities"][0]["retention"] = retention
    return data


def test_a_category_under_no_retention_entry() -> None:
    checked = check(with_categories([{"rule": "contract_end", "categories": ["contact_details"]}]))
    finding = checked.one("ROPA403")
    assert finding.severity.value == "warning"
    assert (finding.activity, finding.path_text) == ("customer_accounts", "activities[0].retention")
    assert finding.line == checked.line("  retention:")
    assert "'billing'" in finding.message and "under none" in finding.message
    assert "'billing'" in finding.text("lv") and "glabāšanas" in finding.text("lv")


def test_a_category_under_two_retention_entries() -> None:
    checked = check(
        with_categories(
            [
                {"rule": "contract_end", "categories": ["contact_details", "billing"]},
                {"rule": "ten_years", "categories": ["billing"]},
            ]
        )
    )
    finding = checked.one("ROPA403")
    assert finding.path_text == "activities[0].retention[1].categories[0]"
    assert finding.line == checked.line("- billing", 3)
    assert "'contract_end'" in finding.message and "'ten_years'" in finding.message


def test_each_category_under_one_entry() -> None:
    data = with_categories(
        [
            {"rule": "contract_end", "categories": ["contact_details"]},
            {"rule": "ten_years", "categories": ["billing", "billing"]},  # repeated in one entry
        ]
    )
    assert "ROPA403" not in check(data).codes


def test_one_rule_for_all_the_data_covers_every_category() -> None:
    data = with_categories([])
    data["activities"][0]["retention"] = "contract_end"
    data["retention_rules"].pop()
    assert "ROPA403" not in check(data).codes
