"""Waivers: an accepted finding stays in the report, marked, and no longer counts; a waiver
without a reason, or for a code that does not exist, is itself an error (ROPA104)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import activity, check, clean_register

REASON = "The balancing test is being written; due 2027-01."


def with_li_without_assessment() -> dict[str, Any]:
    """The clean register whose activity fires ROPA303 (an activity-level warning)."""
    data = clean_register()
    data["activities"][0]["legal_bases"] = [
        {"basis": "legitimate_interests", "interest": "service improvement"}
    ]
    return data


def test_activity_waiver_marks_the_finding_and_it_stops_counting() -> None:
    data = with_li_without_assessment()
    assert check(data).report.warnings == 1
    data["activities"][0]["waivers"] = [{"rule": "ROPA303", "reason": REASON}]
    report = check(data).report
    (finding,) = report.findings
    assert (finding.code, finding.waived, finding.reason) == ("ROPA303", True, REASON)
    assert (report.warnings, report.waived, report.open_findings) == (0, 1, ())
    assert not report.failed(strict=True)


def test_activity_waiver_covers_only_its_own_activity() -> None:
    data = with_li_without_assessment()
    data["activities"].append(
        activity(id="second", legal_bases=data["activities"][0]["legal_bases"])
    )
    data["activities"][0]["waivers"] = [{"rule": "ROPA303", "reason": REASON}]
    waived = {f.activity: f.waived for f in check(data).of("ROPA303")}
    assert waived == {"customer_accounts": True, "second": False}


def test_activity_waiver_covers_only_its_code() -> None:
    data = with_li_without_assessment()
    data["activities"][0]["waivers"] = [{"rule": "ROPA302", "reason": REASON}]
    assert not check(data).one("ROPA303").waived


def test_register_waiver_covers_register_level_findings_only() -> None:
    data = with_li_without_assessment()
    data["organisation"]["contact"] = {"note": "ask at the front desk"}
    data["register"]["waivers"] = [
        {"rule": "ROPA201", "reason": "contact page to be added"},
        {"rule": "ROPA303", "reason": "does not reach activities"},
    ]
    checked = check(data)
    assert checked.one("ROPA201").waived
    assert checked.one("ROPA201").reason == "contact page to be added"
    assert not checked.one("ROPA303").waived


def test_register_waiver_for_a_catalogue_rule() -> None:
    data = clean_register()
    del data["recipients"][0]["contract"]
    data["register"]["waivers"] = [{"rule": "ROPA501", "reason": "contract under signature"}]
    assert check(data).one("ROPA501").waived


# ROPA104 waiver-without-reason


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_activity_waiver_without_reason(reason: str | None) -> None:
    data = with_li_without_assessment()
    data["activities"][0]["waivers"] = [{"rule": "ROPA303", "reason": reason}]
    checked = check(data)
    finding = checked.one("ROPA104")
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0].waivers[0]"
    assert finding.line == checked.line("- rule: ROPA303")
    assert "gives no reason" in finding.message
    assert not checked.one("ROPA303").waived  # an invalid waiver silences nothing


def test_register_waiver_naming_an_unknown_code() -> None:
    data = clean_register()
    data["register"]["waivers"] = [
        {"rule": "ROPA201", "reason": "fine"},
        {"rule": "ROPA3O3", "reason": "a typo"},
    ]
    checked = check(data)
    finding = checked.one("ROPA104")
    assert (finding.activity, finding.path_text) == (None, "register.waivers[1]")
    assert finding.line == checked.line("- rule: ROPA3O3")
    assert "names no rule of the catalogue (did you mean ROPA303?)" in finding.message


def test_waiver_without_reason_and_unknown_code_is_one_finding() -> None:
    data = clean_register()
    data["register"]["waivers"] = [{"rule": "nonsense"}]
    finding = check(data).one("ROPA104")
    assert finding.message == (
        "register: the waiver for 'nonsense' names no rule of the catalogue and gives no reason"
    )
    assert finding.text("lv") == (
        "reģistrs: waivers ieraksts noteikumam 'nonsense' nenorāda nevienu kataloga noteikumu "
        "un nenorāda pamatojumu (reason)"
    )


def test_ropa104_cannot_be_waived() -> None:
    data = clean_register()
    data["register"]["waivers"] = [
        {"rule": "ROPA999", "reason": "x"},
        {"rule": "ROPA104", "reason": "silence the broken waiver"},
    ]
    finding = check(data).one("ROPA104")
    assert not finding.waived


def test_valid_waivers_raise_no_finding() -> None:
    data = with_li_without_assessment()
    data["activities"][0]["waivers"] = [{"rule": "ROPA303", "reason": REASON}]
    data["register"]["waivers"] = [{"rule": "ROPA603", "reason": "stale waiver"}]
    # The register's waiver silences nothing: ROPA106 says so (info), nothing else.
    assert sorted(check(data).codes) == ["ROPA106", "ROPA303"]


# ROPA106 waiver-unused


def test_unused_waiver_is_reported_at_the_waiver() -> None:
    data = clean_register()
    data["activities"][0]["waivers"] = [{"rule": "ROPA303", "reason": REASON}]
    checked = check(data)
    finding = checked.one("ROPA106")
    assert (finding.activity, finding.path_text) == (
        "customer_accounts",
        "activities[0].waivers[0]",
    )
    assert finding.line == checked.line("- rule: ROPA303")
    assert "ROPA303" in finding.message
    assert finding.text("lv").startswith(
        "darbība 'customer_accounts': waivers ieraksts noteikumam ROPA303 neattiecas ne uz"
    )


def test_a_waiver_at_the_wrong_level_is_unused() -> None:
    # ROPA303 is about the activity: a register-level waiver does not silence it.
    data = with_li_without_assessment()
    data["register"]["waivers"] = [{"rule": "ROPA303", "reason": REASON}]
    checked = check(data)
    assert checked.one("ROPA106").path_text == "register.waivers[0]"
    assert not checked.one("ROPA303").waived


def test_a_used_waiver_is_not_reported() -> None:
    data = with_li_without_assessment()
    data["activities"][0]["waivers"] = [{"rule": "ROPA303", "reason": REASON}]
    assert "ROPA106" not in check(data).codes


def test_a_repeated_waiver_silences_nothing_more() -> None:
    data = with_li_without_assessment()
    data["activities"][0]["waivers"] = [{"rule": "ROPA303", "reason": REASON},
                                        {"rule": "ROPA303", "reason": "again"}]  # fmt: skip
    assert check(data).one("ROPA106").path_text == "activities[0].waivers[1]"


def test_an_invalid_waiver_is_ropa104_not_ropa106() -> None:
    data = clean_register()
    data["activities"][0]["waivers"] = [{"rule": "ROPA303"}]
    codes = check(data).codes
    assert "ROPA104" in codes and "ROPA106" not in codes
