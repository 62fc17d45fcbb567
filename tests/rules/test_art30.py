"""ROPA201-208: what Art. 30(1) requires the record to hold."""

from __future__ import annotations

import pytest

from .conftest import check, clean_register

ART30 = {f"ROPA2{n:02}" for n in range(1, 14)}


def test_clean_register_has_no_art30_findings() -> None:
    assert not ART30 & set(check(clean_register()).codes)


# ROPA201 controller-contact-missing


def test_organisation_without_name() -> None:
    data = clean_register()
    del data["organisation"]["name"]
    checked = check(data)
    finding = checked.one("ROPA201")
    assert (finding.activity, finding.path_text) == (None, "organisation")
    assert finding.line == checked.line("country: LV") and "no name" in finding.message


@pytest.mark.parametrize(
    "contact", [{"email": None}, {"email": "  "}, {"note": "ask at reception"}]
)
def test_contact_without_url_email_or_phone(contact: dict[str, str | None]) -> None:
    data = clean_register()
    data["organisation"]["contact"] = contact
    checked = check(data)
    finding = checked.one("ROPA201")
    assert finding.path_text == "organisation.contact"
    assert finding.line == checked.line("contact:") + 1  # the contact mapping's first key


def test_organisation_without_contact() -> None:
    data = clean_register()
    del data["organisation"]["contact"]
    checked = check(data)
    finding = checked.one("ROPA201")
    assert finding.path_text == "organisation"
    assert finding.line == checked.line("name: Example SIA")


@pytest.mark.parametrize("route", ["url", "email", "phone"])
def test_any_one_contact_route_is_enough(route: str) -> None:
    data = clean_register()
    data["organisation"]["contact"] = {route: "x"}
    assert "ROPA201" not in check(data).codes


# ROPA202 representative-missing


def test_organisation_outside_the_eea_without_representative() -> None:
    data = clean_register()
    data["organisation"]["country"] = "US"
    checked = check(data)
    finding = checked.one("ROPA202")
    assert (finding.activity, finding.path_text) == (None, "organisation")
    assert finding.line == checked.line("name: Example SIA")
    assert "US" in finding.message


@pytest.mark.parametrize(
    ("country", "representative"),
    [("NO", None), ("LV", None), (None, None), ("US", {"name": "EU Rep GmbH"})],
)
def test_representative_not_needed_or_named(
    country: str | None, representative: dict[str, str] | None
) -> None:
    data = clean_register()
    data["organisation"]["country"] = country
    data["organisation"]["representative"] = representative
    assert "ROPA202" not in check(data).codes


# ROPA203-208: one field of the activity missing


@pytest.mark.parametrize(
    ("code", "change", "words"),
    [
        ("ROPA203", {"purpose": None}, "purpose"),
        ("ROPA204", {"data_subjects": []}, "data_subjects"),
        ("ROPA205", {"data_categories": []}, "data_categories"),
        ("ROPA206", {"recipients": None}, "recipients"),
        ("ROPA207", {"retention": None}, "retention"),
        ("ROPA208", {"security_measures": []}, "security_measures"),
    ],
)
def test_missing_activity_field_is_reported_at_the_activity(
    code: str, change: dict[str, object], words: str
) -> None:
    data = clean_register()
    data["activities"][0].update(change)
    checked = check(data)
    finding = checked.one(code)
    assert finding.activity == "customer_accounts"
    assert finding.path_text == "activities[0]"
    assert finding.line == checked.line("- id: customer_accounts")
    assert "'customer_accounts'" in finding.message and words in finding.message


def test_a_description_is_enough_purpose() -> None:
    data = clean_register()
    data["activities"][0]["purpose"] = None
    data["activities"][0]["description"] = "Keeping customer accounts"
    assert "ROPA203" not in check(data).codes


def test_missing_recipients_field_fires_but_an_empty_list_does_not() -> None:
    data = clean_register()
    del data["activities"][0]["recipients"]
    assert "ROPA206" in check(data).codes
    data["activities"][0]["recipients"] = []
    data["recipients"] = []
    assert check(data).codes == []


def test_a_postal_address_is_a_contact_route() -> None:
    data = clean_register()
    data["organisation"]["address"] = "Stabu iela 61, Rīga, LV-1011"
    del data["organisation"]["contact"]
    codes = check(data).codes
    assert "ROPA201" not in codes and "ROPA212" in codes


# ROPA209 dpo-contact-missing


def test_dpo_without_contact() -> None:
    data = clean_register()
    data["organisation"]["dpo"] = {"name": "J. Bērziņa"}
    checked = check(data)
    finding = checked.one("ROPA209")
    assert (finding.activity, finding.path_text) == (None, "organisation.dpo")
    assert finding.line == checked.line("name: J. Bērziņa")
    assert finding.message_id == "ROPA209"
    assert finding.text("lv").startswith("datu aizsardzības speciālistam 'J. Bērziņa' nav kont")


def test_dpo_with_contact() -> None:
    data = clean_register()
    data["organisation"]["dpo"] = {"name": "J. Bērziņa", "contact": {"email": "dpo@example.lv"}}
    assert "ROPA209" not in check(data).codes


# ROPA210 dpo-likely-required


def test_public_body_without_dpo() -> None:
    data = clean_register()
    data["organisation"]["public_body"] = True
    checked = check(data)
    finding = checked.one("ROPA210")
    assert (finding.activity, finding.path_text) == (None, "organisation")
    assert "public body" in finding.message
    assert finding.text("lv") == (
        "nav norādīts datu aizsardzības speciālists, lai gan organizācija ir publiska iestāde "
        "vai struktūra (37. panta 1. punkta a) apakšpunkts) (dpo)"
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"profiling": True}, "37(1)(b)"),
        ({"sources": ["observed"]}, "37(1)(b)"),
        ({"special_condition": "explicit_consent"}, "37(1)(c)"),
    ],
)
def test_large_scale_monitoring_or_special_data_without_dpo(
    change: dict[str, object], reason: str
) -> None:
    data = clean_register()
    data["activities"][0].update(large_scale=True, **change)
    if "special_condition" in change:
        data["data_categories"][0]["special"] = "health"
    finding = check(data).one("ROPA210")
    assert reason in finding.message and "activity 'customer_accounts'" in finding.message
    latvian = finding.text("lv")
    assert "darbība 'customer_accounts'" in latvian and "plašā mērogā" in latvian


def test_several_reasons_for_a_dpo_are_each_said() -> None:
    data = clean_register()
    data["organisation"]["public_body"] = True
    second = {**data["activities"][0], "id": "second", "name": "Second"}
    data["activities"].append(second)
    for entry in data["activities"]:
        entry.update(large_scale=True, profiling=True)
    finding = check(data).one("ROPA210")
    assert finding.message == (
        "no data protection officer is named, though the organisation is a public body "
        "(Art. 37(1)(a)); activities 'customer_accounts' and 'second' monitor people on a "
        "large scale (Art. 37(1)(b)) (dpo)"
    )
    assert "; darbības 'customer_accounts' un 'second' regulāri" in finding.text("lv")


def test_a_named_dpo_or_small_scale_needs_nothing() -> None:
    data = clean_register()
    data["activities"][0].update(profiling=True)  # not large-scale
    assert "ROPA210" not in check(data).codes
    data["activities"][0].update(large_scale=True)
    data["organisation"]["dpo"] = {"name": "DPO", "contact": {"email": "dpo@example.lv"}}
    assert "ROPA210" not in check(data).codes


# ROPA212 contact-postal-only


def test_postal_address_only() -> None:
    data = clean_register()
    data["organisation"]["address"] = "Stabu iela 61, Rīga, LV-1011"
    data["organisation"]["contact"] = {"note": "write to us"}
    checked = check(data)
    finding = checked.one("ROPA212")
    assert finding.path_text == "organisation.contact"
    assert finding.line == checked.line("note: write to us")
    assert "ROPA201" not in checked.codes


def test_address_and_email() -> None:
    data = clean_register()
    data["organisation"]["address"] = "Stabu iela 61, Rīga, LV-1011"
    assert "ROPA212" not in check(data).codes


# ROPA213 date-in-future


@pytest.mark.parametrize(
    ("where", "path"),
    [("register", "register.reviewed"), ("activity", "activities[0].reviewed"),
     ("dpia", "activities[0].dpia.date")],
)  # fmt: skip
def test_date_after_the_check_date(where: str, path: str) -> None:
    data = clean_register()
    if where == "register":
        data["register"]["reviewed"] = "2027-06-01"
    elif where == "activity":
        data["activities"][0]["reviewed"] = "2027-06-01"
    else:
        data["activities"][0]["dpia"] = {"reference": "DPIA-1", "date": "2027-06-01"}
    checked = check(data)
    finding = checked.one("ROPA213")
    assert finding.path_text == path
    assert finding.line == checked.line("2027-06-01")
    assert "2027-06-01" in finding.message and "2026-11-27" in finding.message
    assert "ir 2027-06-01, vēlāks par pārbaudes datumu 2026-11-27" in finding.text("lv")


def test_dates_up_to_the_check_date() -> None:
    data = clean_register()
    data["register"]["reviewed"] = "2026-11-27"
    data["activities"][0]["dpia"] = {"reference": "DPIA-1", "date": "2026-01-01"}
    assert "ROPA213" not in check(data).codes
