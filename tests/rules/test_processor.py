"""The processor's record (Art. 30(2)): ROPA701-705, the references into `controllers`, and
the controller-only rules kept silent on processor-role activities."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from ropa.rules import RULES

from .conftest import FIXTURES, activity, check, clean_register

CONTROLLER_ONLY = sorted(code for code, spec in RULES.items() if spec.controller_only)


def _fixture(name: str) -> dict[str, Any]:
    data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def processor_register() -> dict[str, Any]:
    """A clean processor register (plain data) to break one field at a time."""
    return copy.deepcopy(_fixture("processor-clean.yaml"))


def mixed_register() -> dict[str, Any]:
    """A clean register holding a controller and a processor activity."""
    return copy.deepcopy(_fixture("mixed-roles.yaml"))


def test_the_controller_only_rules_are_those_of_the_catalogue() -> None:
    expected = ["ROPA203", "ROPA207", *(f"ROPA3{n:02d}" for n in range(1, 13)), "ROPA401",
                "ROPA402", "ROPA601", "ROPA602", "ROPA603", "ROPA604"]  # fmt: skip
    assert set(expected) <= set(CONTROLLER_ONLY)
    # The rules added in 2026-12 that concern only the controller's decisions.
    added = {"ROPA211", "ROPA313", "ROPA314", "ROPA315", "ROPA316", "ROPA317", "ROPA403",
             "ROPA404", "ROPA606", "ROPA607"}  # fmt: skip
    assert set(CONTROLLER_ONLY) - set(expected) <= added


@pytest.mark.parametrize("name", ["processor-clean.yaml", "mixed-roles.yaml"])
def test_clean_processor_and_mixed_registers_have_no_finding(name: str) -> None:
    assert check((FIXTURES / name).read_text(encoding="utf-8")).codes == []


def test_processor_activity_without_basis_purpose_or_retention_gets_no_controller_finding() -> None:
    data = processor_register()
    # Everything a controller-only rule would object to, on a processor activity.
    data["retention_rules"] = [{"id": "open_ended", "name": "Open-ended"}]
    data["activities"][0].update(
        legal_bases=[{"basis": "legitimate_interests"}, {"basis": "consent"},
                     {"basis": "legal_obligation"}],
        retention="open_ended",
        automated_decisions=True,
        profiling=True,
        large_scale=True,
        reviewed="2020-01-01",
    )  # fmt: skip
    data["register"]["reviewed"] = "2020-01-01"
    checked = check(data)
    assert [code for code in checked.codes if code in CONTROLLER_ONLY] == []
    # Art. 37(1)(b) binds processors too: large-scale profiling without a DPO.
    assert checked.codes == ["ROPA210"]


def test_the_same_activity_as_controller_gets_the_controller_findings() -> None:
    data = mixed_register()
    data["activities"][1].pop("role")  # the register's kind, controller
    codes = set(check(data).codes)
    assert {"ROPA207", "ROPA301"} <= codes


def test_retention_rule_used_only_by_processor_activities_is_not_judged() -> None:
    data = mixed_register()
    data["retention_rules"].append({"id": "open_ended", "name": "Open-ended"})
    data["activities"][1]["retention"] = "open_ended"
    assert "ROPA401" not in check(data).codes
    data["activities"][0]["retention"] = "open_ended"
    finding = check(data).one("ROPA401")
    assert finding.path_text == "retention_rules[1]"


def test_register_review_of_a_processor_only_register_is_not_judged() -> None:
    data = processor_register()
    data["register"]["reviewed"] = "2020-01-01"
    assert "ROPA603" not in check(data).codes
    mixed = mixed_register()
    mixed["register"]["reviewed"] = "2020-01-01"
    assert check(mixed).one("ROPA603").path_text == "register.reviewed"


def test_role_defaults_to_the_register_kind() -> None:
    data = processor_register()
    data["activities"][0]["role"] = "controller"  # overrides kind: processor
    codes = set(check(data).codes)
    assert {"ROPA207", "ROPA301"} <= codes


# ROPA701 processor-controller-missing


def test_processor_activity_without_controller_is_reported_at_the_activity() -> None:
    text = (FIXTURES / "processor-without-controller.yaml").read_text(encoding="utf-8")
    checked = check(text)
    finding = checked.one("ROPA701")
    assert (finding.activity, finding.path_text) == ("shop_hosting", "activities[0]")
    assert (finding.line, finding.column) == (checked.line("- id: shop_hosting"), 5)
    assert finding.severity.value == "error" and finding.article == "30(2)(a)"
    assert checked.codes == ["ROPA605", "ROPA701"]  # the fixture has no review date


def test_processor_activity_in_a_mixed_register_without_controller() -> None:
    data = mixed_register()
    data["activities"][1]["on_behalf_of"] = []
    finding = check(data).one("ROPA701")
    assert finding.activity == "client_shop_hosting"


def test_controller_activity_needs_no_controller() -> None:
    data = mixed_register()
    data["controllers"] = []
    data["activities"] = data["activities"][:1]
    assert "ROPA701" not in check(data).codes
    assert check(clean_register()).codes == []


def test_processor_register_with_no_controller_catalogue_is_reported_at_its_kind() -> None:
    data = processor_register()
    data.pop("controllers")
    checked = check(data)
    finding = checked.one("ROPA701")
    assert finding.activity is None and finding.path_text == "register.kind"
    assert finding.line == checked.line("kind: processor")
    assert len(checked.of("ROPA102")) == 2  # the two on_behalf_of ids no longer resolve


# ROPA102 / ROPA101 / ROPA103 on the controllers catalogue


def test_unknown_controller_is_an_unknown_reference() -> None:
    data = processor_register()
    data["activities"][0]["on_behalf_of"] = ["shop_a", "nobody"]
    checked = check(data)
    finding = checked.one("ROPA102")
    assert finding.path_text == "activities[0].on_behalf_of[1]"
    assert "'nobody'" in finding.message and "controller" in finding.message
    assert finding.line == checked.line("- nobody")


def test_duplicate_and_unused_controllers() -> None:
    data = processor_register()
    data["controllers"].append({**data["controllers"][0], "name": "Shop A again"})
    former = {"id": "former_client", "name": "Former client SIA", "contract": "DPA-1"}
    data["controllers"].append({**former, "contact": {"email": "a@b.example"}})
    checked = check(data)
    assert checked.one("ROPA101").path_text == "controllers[2].id"
    assert checked.one("ROPA103").path_text == "controllers[3]"


# ROPA702 controller-entry-contact-missing


def test_controller_without_contact() -> None:
    data = processor_register()
    data["controllers"][1]["contact"] = {"note": "via the account manager"}
    checked = check(data)
    finding = checked.one("ROPA702")
    assert finding.path_text == "controllers[1].contact"
    assert "'clinic_b'" in finding.message
    del data["controllers"][0]["contact"]
    assert {f.path_text for f in check(data).of("ROPA702")} == {
        "controllers[0]",
        "controllers[1].contact",
    }


def test_controller_with_any_contact_route() -> None:
    data = processor_register()
    data["controllers"][0]["contact"] = {"url": "https://shop-a.example/privacy"}
    assert "ROPA702" not in check(data).codes


# ROPA703 controller-contract-missing


def test_controller_without_contract() -> None:
    data = processor_register()
    del data["controllers"][0]["contract"]
    checked = check(data)
    finding = checked.one("ROPA703")
    assert finding.path_text == "controllers[0]" and finding.activity is None
    assert finding.severity.value == "warning"
    assert finding.line == checked.line("- id: shop_a")


def test_controller_with_contract() -> None:
    assert "ROPA703" not in check(processor_register()).codes


# ROPA704 sub-processor-unauthorised


def test_sub_processor_without_authorisation() -> None:
    data = processor_register()
    del data["recipients"][0]["authorisation"]
    checked = check(data)
    finding = checked.one("ROPA704")
    assert finding.path_text == "activities[0].recipients[0]"
    assert finding.activity == "shop_hosting"
    assert finding.line == checked.line("- backup_provider")


def test_processor_recipient_of_a_controller_activity_needs_no_authorisation() -> None:
    data = mixed_register()
    del data["recipients"][0]["authorisation"]
    checked = check(data)
    # Only the processor activity's use of the data centre is judged.
    assert [f.activity for f in checked.of("ROPA704")] == ["client_shop_hosting"]
    data["activities"] = data["activities"][:1]
    data["controllers"] = []
    assert "ROPA704" not in check(data).codes


def test_non_processor_recipient_of_a_processor_activity_needs_no_authorisation() -> None:
    data = processor_register()
    data["recipients"][0]["kind"] = "public_authority"
    del data["recipients"][0]["authorisation"]
    assert "ROPA704" not in check(data).codes


# ROPA705 processor-category-missing


def test_processor_activity_without_description() -> None:
    data = processor_register()
    del data["activities"][0]["description"]
    checked = check(data)
    finding = checked.one("ROPA705")
    assert (finding.path_text, finding.activity) == ("activities[0]", "shop_hosting")
    assert finding.line == checked.line("- id: shop_hosting")
    assert "ROPA203" not in checked.codes  # the controller's purpose rule stays silent


def test_controller_activity_without_description_is_not_a_processor_finding() -> None:
    data = clean_register()
    data["activities"] = [activity(description=...)]
    assert "ROPA705" not in check(data).codes
