"""`ropa diff` and `ropa.diff`: what changed between two editions of a register."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ropa
from conftest import ROOT, SHIPPED
from ropa.cli import main
from ropa.diff import SECTIONS, change_headers, change_rows, diff_registers
from ropa.loader import load_data
from ropa.model import Register
from ropa.text.messages import message
from strategies import registers

SHIPPED_TEXT = SHIPPED.read_text(encoding="utf-8")


def edited(text: str, *edits: tuple[str, str]) -> str:
    """`text` with each (old, new) replaced exactly once; a missing `old` fails the test."""
    for old, new in edits:
        assert text.count(old) >= 1, f"edit target not found: {old!r}"
        text = text.replace(old, new, 1)
    return text


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


NEW_ACTIVITY = """
  - id: fraud_checks
    name: {lv: Krāpšanas pārbaudes, en: Fraud checks}
    purpose: fraud_prevention
    legal_bases:
      - basis: legitimate_interests
        interest: {lv: krāpšanas novēršana, en: fraud prevention}
    data_subjects: [customers]
    data_categories: [identity, technical]
    recipients: []
    retention: as_long_as_needed
"""

HEALTH_CATEGORY = """  - id: health
    name: {lv: Veselības dati, en: Health data}
    special: health

  - id: identity
"""

# Each edit of the shipped register, and the line `ropa diff` must show for it.
EDITS: list[tuple[tuple[str, str], str]] = [
    # an organisation field
    (
        ('registration_number: "40103495751"', 'registration_number: "40003495751"'),
        "Registration number: 40103495751 → 40003495751",
    ),
    # a register field
    (('version: "2026.1"', 'version: "2026.2"'), "Version: 2026.1 → 2026.2"),
    # a legal basis added to an activity
    (
        (
            """    legal_bases:
      - basis: contract        # "līguma izpilde"
    special_condition: null
    data_subjects: [customers]
    data_categories: [identity, contact]""",
            """    legal_bases:
      - basis: contract        # "līguma izpilde"
      - basis: legitimate_interests
        interest: {lv: krāpšanas novēršana, en: fraud prevention}
    special_condition: null
    data_subjects: [customers]
    data_categories: [identity, contact]""",
        ),
        "customer_registration: Legal bases (Art. 6(1)) + Legitimate interests (fraud prevention)",
    ),
    # a legal basis removed
    (
        (
            """      - basis: legitimate_interests
        interest: {lv: pakalpojuma attīstībai, en: developing the service}
        assessment: null       # no balancing test is referred to
""",
            "",
        ),
        "support_requests: Legal bases (Art. 6(1)) - Legitimate interests (developing the service)",
    ),
    # an activity field changed
    (
        ("    purpose: service_improvement\n", "    purpose: marketing\n"),
        "data_analytics: Purpose: Service improvement → Marketing",
    ),
    # a catalogue entry added
    (("  - id: identity\n", HEALTH_CATEGORY), "+ health (Health data)"),
    # a catalogue entry changed
    (
        ("    kind: public_authority\n", "    kind: controller\n"),
        "competent_authorities: Kind: Public authority → Controller",
    ),
    # an activity added
    (("\n  - id: data_analytics\n", NEW_ACTIVITY + "\n  - id: data_analytics\n"), "+ fraud_checks"),
]


@pytest.fixture
def changed_copy(tmp_path: Path) -> tuple[str, str]:
    old = write(tmp_path, "old.yaml", SHIPPED_TEXT)
    new_text = edited(SHIPPED_TEXT, *(edit for edit, _ in EDITS))
    # an activity removed: the newsletter is the last one
    new_text = new_text[: new_text.index("  # Not one of the seven purposes")]
    # a catalogue entry removed (the rules would report the references left; diff does not)
    start = new_text.index("  - id: requesters\n")
    new_text = new_text[:start] + new_text[new_text.index("  - id: website_visitors\n") :]
    return old, write(tmp_path, "new.yaml", new_text)


# ---------------------------------------------------------------------------------------------
# Equal registers


def test_self_diff_is_empty() -> None:
    register = ropa.load(SHIPPED)
    diff = diff_registers(register, register)
    assert diff.is_empty
    assert diff.text("en") == "no differences\n"
    assert diff.text("lv") == "atšķirību nav\n"
    assert change_rows(diff, "en") == []
    assert diff.as_dict()["equal"] is True


def test_self_diff_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SHIPPED), str(SHIPPED), "--lang", "en"]) == 0
    assert capsys.readouterr().out == "no differences\n"


def test_comments_and_layout_are_not_differences(tmp_path: Path) -> None:
    reflowed = edited(
        SHIPPED_TEXT,
        ("format: ropa/1", "format: ropa/1   # the format"),
        (
            "    name: {lv: Klienti, en: Customers}",
            "    name:\n      en: Customers\n      lv: Klienti",
        ),
    )
    new = write(tmp_path, "new.yaml", reflowed)
    assert main(["diff", str(SHIPPED), new, "--lang", "en"]) == 0


# ---------------------------------------------------------------------------------------------
# A changed copy


def test_changed_copy_exits_1_and_names_every_change(
    changed_copy: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = changed_copy
    assert main(["diff", old, new, "--lang", "en"]) == 1
    out = capsys.readouterr().out
    for _, line in EDITS:
        assert line in out, f"{line!r} missing from:\n{out}"
    assert "- newsletter (Sending news and special offers)" in out
    assert "- requesters (Requesters)" in out
    change_lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(change_lines) == len(EDITS) + 2, out
    assert out.endswith(f"{len(EDITS) + 2} differences\n")


def test_changed_copy_sections_and_headings(changed_copy: tuple[str, str]) -> None:
    old, new = (ropa.load(path) for path in changed_copy)
    diff = diff_registers(old, new)
    assert not diff.is_empty
    activities = diff.section("activities")
    assert [a.id for a in activities.added] == ["fraud_checks"]
    assert [a.id for a in activities.removed] == ["newsletter"]
    assert [c.id for c in activities.changed] == [
        "customer_registration",
        "support_requests",
        "data_analytics",
    ]
    assert not activities.reordered
    categories = diff.section("data_categories")
    assert [c.id for c in categories.added] == ["health"]
    # `health` was put first: an addition, not a reordering of the others.
    assert not categories.reordered
    subjects = diff.section("data_subjects")
    assert subjects.added == ()
    assert [s.id for s in subjects.removed] == ["requesters"]
    text = diff.text("en")
    headings = [line for line in text.splitlines() if not line.startswith("  ")]
    assert headings == [
        "register",
        "organisation",
        "data subjects",
        "data categories",
        "recipients",
        "activities",
        "10 differences",
    ]


def test_latvian_text(changed_copy: tuple[str, str]) -> None:
    diff = diff_registers(*(ropa.load(path) for path in changed_copy))
    text = diff.text("lv")
    assert (
        "customer_registration: Juridiskais pamats (6. panta 1. punkts) + Leģitīmās intereses "
        "(krāpšanas novēršana)"
    ) in text
    assert "data_analytics: Nolūks: Pakalpojuma uzlabošana → Mārketings" in text
    assert "+ health (Veselības dati)" in text
    assert "apstrādes darbības" in text
    assert text.endswith("10 atšķirības\n")


def test_change_rows(changed_copy: tuple[str, str]) -> None:
    diff = diff_registers(*(ropa.load(path) for path in changed_copy))
    rows = change_rows(diff, "en")
    assert all(len(row) == 6 and all(isinstance(cell, str) for cell in row) for row in rows)
    assert len(rows) == 10
    assert ("register", "", "Version", "changed", "2026.1", "2026.2") in rows
    assert (
        "activity",
        "customer_registration",
        "Legal bases (Art. 6(1))",
        "added",
        "",
        "Legitimate interests (fraud prevention)",
    ) in rows
    assert ("activity", "fraud_checks", "", "added", "", "Fraud checks") in rows
    assert (
        "activity",
        "newsletter",
        "",
        "removed",
        "Sending news and special offers",
        "",
    ) in rows
    assert ("data category", "health", "", "added", "", "Health data") in rows
    lv = change_rows(diff, "lv")
    assert ("reģistrs", "", "Versija", "mainīts", "2026.1", "2026.2") in lv
    assert ("personas datu kategorija", "health", "", "pievienots", "", "Veselības dati") in lv
    assert change_headers("en") == ("kind", "id", "field", "change", "old", "new")
    assert change_headers("lv") == ("veids", "id", "lauks", "izmaiņa", "bija", "ir")


def test_json_output_shape(
    changed_copy: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = changed_copy
    assert main(["diff", old, new, "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["equal", "register", "organisation", *SECTIONS]
    assert document["equal"] is False
    assert document["register"] == [
        {"field": "version", "change": "changed", "old": "2026.1", "new": "2026.2"}
    ]
    for name in SECTIONS:
        assert list(document[name]) == ["added", "removed", "changed", "reordered"]
    activities = document["activities"]
    assert [a["id"] for a in activities["added"]] == ["fraud_checks"]
    assert activities["added"][0]["name"] == {"lv": "Krāpšanas pārbaudes", "en": "Fraud checks"}
    registration = activities["changed"][0]
    assert registration["id"] == "customer_registration"
    (change,) = registration["changes"]
    assert change["field"] == "legal_bases"
    assert change["change"] == "added"
    assert change["old"] is None
    assert change["new"]["basis"] == "legitimate_interests"
    assert change["new"]["interest"] == {"lv": "krāpšanas novēršana", "en": "fraud prevention"}


def test_json_output_of_equal_registers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(SHIPPED), str(SHIPPED), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["equal"] is True


# ---------------------------------------------------------------------------------------------
# Reordering


def reordered_copy(tmp_path: Path, change: Any) -> str:
    """The shipped register as JSON after `change(data)`."""
    data, _ = load_data(SHIPPED)
    change(data)
    return write(tmp_path, "reordered.json", json.dumps(data, ensure_ascii=False))


def test_reordered_activities_are_order_changed_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def swap(data: dict[str, Any]) -> None:
        data["activities"][0], data["activities"][1] = data["activities"][1], data["activities"][0]

    new = reordered_copy(tmp_path, swap)
    assert main(["diff", str(SHIPPED), new, "--lang", "en"]) == 1
    assert capsys.readouterr().out == "activities\n  order changed\n1 difference\n"
    diff = diff_registers(ropa.load(SHIPPED), ropa.load(new))
    activities = diff.section("activities")
    assert activities.reordered
    assert not (activities.added or activities.removed or activities.changed)
    assert change_rows(diff, "en") == [("activity", "", "", "order changed", "", "")]


def test_reordered_list_field(tmp_path: Path) -> None:
    def swap(data: dict[str, Any]) -> None:
        data["activities"][0]["data_categories"].reverse()

    diff = diff_registers(ropa.load(SHIPPED), ropa.load(reordered_copy(tmp_path, swap)))
    assert diff.text("en") == (
        "activities\n  customer_registration: Data categories: order changed\n1 difference\n"
    )
    (row,) = change_rows(diff, "en")
    assert row == (
        "activity",
        "customer_registration",
        "Data categories",
        "order changed",
        "identity, contact",
        "contact, identity",
    )


def test_same_loaded_from_json_and_yaml_is_equal(tmp_path: Path) -> None:
    same = reordered_copy(tmp_path, lambda data: None)
    assert main(["diff", str(SHIPPED), same]) == 0


# ---------------------------------------------------------------------------------------------
# Words: not stated, none, other languages


BASE = """\
format: ropa/1
register: {kind: controller, language: lv}
organisation: {name: Example}
activities:
  - id: orders
    name: {lv: Pasūtījumi, en: Orders}
    legal_bases:
      - basis: legitimate_interests
        interest: {lv: krāpšanas novēršana, en: fraud prevention}
"""


def diff_text(old: str, new: str, lang: str = "en") -> str:
    return diff_registers(ropa.load(old), ropa.load(new)).text(lang)


def test_change_in_another_language_is_shown_in_every_language() -> None:
    new = BASE.replace("krāpšanas novēršana", "krāpšanas atklāšana")
    text = diff_text(BASE, new, "en")
    assert (
        "orders: Legal bases (Art. 6(1)) - Legitimate interests "
        "(lv: krāpšanas novēršana | en: fraud prevention)"
    ) in text
    assert (
        "orders: Legal bases (Art. 6(1)) + Legitimate interests "
        "(lv: krāpšanas atklāšana | en: fraud prevention)"
    ) in text
    # Read in Latvian, the one language is enough.
    assert "+ Leģitīmās intereses (krāpšanas atklāšana)" in diff_text(BASE, new, "lv")


def test_name_change_in_another_language() -> None:
    new = BASE.replace("lv: Pasūtījumi", "lv: Pirkumi")
    assert "orders: Activity: lv: Pasūtījumi | en: Orders → lv: Pirkumi | en: Orders" in (
        diff_text(BASE, new)
    )


def test_register_text_in_another_language_is_marked() -> None:
    """A text the register gives only in its own language is shown in it, marked, in a diff
    read in another: never passed off as English. Codes and ids are no text."""
    new = BASE.replace("name: {lv: Pasūtījumi, en: Orders}", "name: Pasūtījumi") + (
        "    description: Pasūtījumu apstrāde\n"
    )
    english = diff_text(BASE, new)
    assert "orders: Activity: Orders → [lv] Pasūtījumi" in english
    assert "orders: Description: not stated → [lv] Pasūtījumu apstrāde" in english
    latvian = diff_text(BASE, new, "lv")
    assert "Pasūtījumi → Pasūtījumi" not in latvian and "[lv]" not in latvian
    assert "Pasūtījumu apstrāde" in latvian
    # A text written in the reader's language is not marked; a code never is.
    basis = BASE.replace("interest: {lv: krāpšanas novēršana, en: fraud prevention}",
                         "interest: {en: fraud prevention}")  # fmt: skip
    changed = diff_text(BASE, basis, "lv")
    assert "(krāpšanas novēršana)" in changed and "([en] fraud prevention)" in changed
    assert "[lv] Leģitīmās" not in changed


def test_recipients_not_stated_versus_none() -> None:
    new = BASE + "    recipients: []\n"
    assert "orders: Recipients: not stated → none" in diff_text(BASE, new)
    assert "orders: Saņēmēju kategorijas: nav norādīts → nav" in diff_text(BASE, new, "lv")


def test_nested_organisation_block() -> None:
    new = BASE.replace(
        "organisation: {name: Example}",
        "organisation: {name: Example, dpo: {name: Jane Roe, contact: {email: dpo@example.com}}}",
    )
    assert (
        "organisation\n  Data protection officer (Art. 37): not stated → Jane Roe "
        "(email: dpo@example.com)"
    ) in diff_text(BASE, new)
    newer = new.replace("dpo@example.com", "privacy@example.com")
    assert (
        "Data protection officer (Art. 37): contact.email: dpo@example.com → privacy@example.com"
    ) in diff_text(new, newer)


def test_booleans_dates_and_dpia() -> None:
    new = BASE + (
        "    automated_decisions: true\n"
        "    reviewed: 2026-11-24\n"
        "    dpia: {reference: DPIA-3, date: 2026-10-01}\n"
    )
    text = diff_text(BASE, new)
    assert "orders: Automated decisions (Art. 22): not stated → yes" in text
    assert "orders: Last reviewed: not stated → 2026-11-24" in text
    assert "orders: DPIA (Art. 35): not stated → DPIA-3 (date: 2026-10-01)" in text
    latvian = diff_text(BASE, new, "lv")
    assert "orders: Automatizēti lēmumi (22. pants): nav norādīts → jā" in latvian


def test_duplicate_ids_are_compared_by_occurrence() -> None:
    twice = BASE + "  - id: orders\n    name: Second\n"
    text = diff_text(BASE, twice)
    assert "+ orders ([lv] Second)" in text  # a Latvian register's text, in English
    assert diff_registers(ropa.load(twice), ropa.load(twice)).is_empty


# ---------------------------------------------------------------------------------------------
# Command line


def test_unreadable_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = write(tmp_path, "broken.yaml", "format: ropa/1\nregister: [\n")
    assert main(["diff", str(SHIPPED), broken]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{broken}:")
    assert main(["diff", str(tmp_path / "missing.yaml"), str(SHIPPED)]) == 2
    assert "missing.yaml:1:1: no such file" in capsys.readouterr().err


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["diff", str(SHIPPED)])
    assert raised.value.code == 2
    with pytest.raises(SystemExit) as raised:
        main(["diff", str(SHIPPED), str(SHIPPED), "--format", "xml"])
    assert raised.value.code == 2


def test_lang_option(changed_copy: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = changed_copy
    assert main(["diff", old, new, "--lang", "lv"]) == 1
    assert "+ health (Veselības dati)" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------
# Properties


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register=registers())
def test_a_register_never_differs_from_itself(register: Register) -> None:
    copy = Register.model_validate(register.model_dump())
    diff = diff_registers(register, copy)
    assert diff.is_empty
    assert diff.text("en") == "no differences\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=registers(), new=registers(), lang=st.sampled_from(["lv", "en"]))
def test_diff_is_empty_exactly_when_equal(old: Register, new: Register, lang: str) -> None:
    diff = diff_registers(old, new)
    assert diff.is_empty == (old == new)
    rows = change_rows(diff, lang)
    assert bool(rows) == (not diff.is_empty)
    lines = [line for line in diff.text(lang).splitlines() if line.startswith("  ")]
    assert len(lines) == len(rows)
    json.loads(diff.to_json())
    old_ids = [a.id for a in old.activities]
    new_ids = [a.id for a in new.activities]
    activities = diff.section("activities")
    assert [a.id for a in activities.added] == [i for i in new_ids if i not in old_ids]
    assert [a.id for a in activities.removed] == [i for i in old_ids if i not in new_ids]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register=registers(), data=st.data())
def test_dropping_an_activity_is_named(register: Register, data: st.DataObject) -> None:
    if not register.activities:
        return
    index = data.draw(st.integers(0, len(register.activities) - 1))
    dropped = register.activities[index]
    fewer = register.model_copy(
        update={"activities": register.activities[:index] + register.activities[index + 1 :]}
    )
    diff = diff_registers(register, fewer)
    activities = diff.section("activities")
    assert [a.id for a in activities.removed] == [dropped.id]
    assert not activities.added and not activities.changed and not activities.reordered
    assert f"- {dropped.id} (" in diff.text("en")


MIXED_TEXT = (ROOT / "tests" / "fixtures" / "rules" / "mixed-roles.yaml").read_text("utf-8")


def test_processor_record_changes_are_named() -> None:
    new_controller = (
        "  - id: client_b\n    name: Client B SIA\n    contact: {email: dpo@client-b.example}\n"
    )
    changed = edited(
        MIXED_TEXT,
        ("contract: DPA-2025-07", "contract: DPA-2026-01"),
        ("\ndata_subjects:", new_controller + "\ndata_subjects:"),
        ("    role: processor\n", ""),
        ("on_behalf_of: [client_a]", "on_behalf_of: [client_a, client_b]"),
        ("kind: specific", "kind: general"),
    )
    diff = diff_registers(ropa.load(MIXED_TEXT), ropa.load(changed))
    rows = change_rows(diff, "en")
    contract = "Contract with the processor (Art. 28(3))"
    assert ("controller", "client_a", contract, "changed", "DPA-2025-07", "DPA-2026-01") in rows
    assert ("controller", "client_b", "", "added", "", "Client B SIA") in rows
    assert ("activity", "client_shop_hosting", "role", "changed", "processor", "not stated") in (
        rows
    )
    assert ("activity", "client_shop_hosting", "on behalf of", "added", "", "client_b") in rows
    assert (
        "recipient", "data_centre",
        "Controller's authorisation of a sub-processor (Art. 28(2)): kind",
        "changed", "specific", "general"
    ) in rows  # fmt: skip
    lv = change_rows(diff, "lv")
    assert ("pārzinis", "client_b", "", "pievienots", "", "Client B SIA") in lv
    assert "controllers" in SECTIONS


def test_ropa_diff_in_latvian_says_fields_and_values_as_the_workbook_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Field names as the sheets' headers, durations in words, labels and names, not codes."""
    old = write(tmp_path, "old.yaml", SHIPPED_TEXT)
    new = write(
        tmp_path,
        "new.yaml",
        edited(
            SHIPPED_TEXT,
            ("    period: null               # the policy gives no period", "    period: P18M"),
            ("    purpose: service_improvement\n", "    purpose: marketing\n"),
        ),
    )
    monkeypatch.delenv("ROPA_LANG", raising=False)
    assert main(["diff", old, new, "--lang", "lv"]) == 1
    latvian = capsys.readouterr().out
    period = message("xlsx.catalogue_columns.period", "lv")
    assert f": {period}: nav norādīts → 18 mēneši" in latvian
    assert "data_analytics: Nolūks: Pakalpojuma uzlabošana → Mārketings" in latvian
    assert "service_improvement" not in latvian and "P18M" not in latvian
    monkeypatch.setenv("ROPA_LANG", "lv")
    assert main(["diff", old, new]) == 1
    assert capsys.readouterr().out == latvian
    assert main(["diff", old, new, "--lang", "en"]) == 1
    assert "data_analytics: Purpose: Service improvement → Marketing" in capsys.readouterr().out
