"""The rule pages: one per rule, in step with the catalogue, copied to docs/rules/, and each
page's example really fires its rule, its fix really does not, and its waiver really waives.

A page's YAML snippets are excerpts of a register. To run one, it is laid over a small,
clean base register (`_overlay`):
- `register` and `organisation` keys replace the base's keys of the same name;
- catalogue entries replace the base entry with the same id (the first time), or are added;
- an activity with the id of an activity already there is merged into it (so a waiver
  snippet lands on the example's activity); a new activity starts from a complete template
  that states everything except `recipients` and `transfers`.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import AS_OF, ROOT
from ropa import rule_docs
from ropa.loader import load
from ropa.rules import RULES, UNWAIVABLE, validate

DOCS = ROOT / "docs" / "rules"
CODES = sorted(RULES)
SECTIONS = ["What it checks", "Why it matters", "Example", "Fix", "Waiving"]

BASE: dict[str, Any] = {
    "format": "ropa/1",
    "register": {"kind": "controller", "language": "en", "reviewed": "2026-06-01"},
    "organisation": {
        "name": "Example Ltd",
        "country": "LV",
        "public_body": False,
        "contact": {"email": "privacy@example.com"},
    },
    "data_subjects": [{"id": "customers", "name": "Customers", "includes_children": False}],
    "data_categories": [
        {"id": "identity", "name": "Identity"},
        {"id": "contact", "name": "Contact details"},
    ],
    "recipients": [
        {
            "id": "hosting",
            "name": "Hosting provider",
            "kind": "processor",
            "contract": "DPA-2025-07",
            "countries": ["LV"],
        }
    ],
    "retention_rules": [
        {
            "id": "contract_end_5y",
            "name": "Five years after the contract ends",
            "period": "P5Y",
            "starts": "end of the contract",
            "basis": "Limitation period for contractual claims",
        }
    ],
    "security_measures": [
        {"id": "access_control", "name": "Role-based access control", "kind": "technical"}
    ],
    "activities": [],
}
TEMPLATE: dict[str, Any] = {
    "purpose": "customer_management",
    "legal_bases": [{"basis": "contract"}],
    "data_subjects": ["customers"],
    "data_categories": ["identity", "contact"],
    "sources": ["data_subject"],
    "requirement": {"kind": "contractual", "obliged": True},
    "retention": "contract_end_5y",
    "security_measures": ["access_control"],
    "automated_decisions": False,
    "profiling": False,
    "large_scale": False,
    "reviewed": "2026-06-01",
}
BASE_ACTIVITY = {
    "id": "customer_accounts",
    "name": "Customer accounts",
    **TEMPLATE,
    "recipients": ["hosting"],
    "transfers": [],
}


def _snippets(code: str, section: str) -> list[str]:
    text = rule_docs.page(code)
    _, _, rest = text.partition(f"\n## {section}\n")
    body = rest.split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", body, re.DOTALL)


def _overlay(register: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(register)
    for key, value in fragment.items():
        if key in ("register", "organisation"):
            result[key] = {**result[key], **value}
        elif key == "activities":
            result[key] = _merge_entries(result[key], value, TEMPLATE)
        else:
            result[key] = _merge_entries(result.get(key, []), value, {})
    return result


def _merge_entries(
    entries: list[dict[str, Any]], fragment: list[dict[str, Any]], template: dict[str, Any]
) -> list[dict[str, Any]]:
    merged = list(entries)
    touched: set[int] = set()
    for entry in fragment:
        for index, existing in enumerate(merged):
            if existing["id"] == entry["id"] and index not in touched:
                merged[index] = {**existing, **entry}
                touched.add(index)
                break
        else:
            merged.append({**template, **entry})
            touched.add(len(merged) - 1)
    return merged


def _run(register: dict[str, Any], tmp_path: Path) -> list[Any]:
    if not register["activities"]:
        register = {**register, "activities": [BASE_ACTIVITY]}
    path = tmp_path / "register.yaml"
    path.write_text(yaml.safe_dump(register, sort_keys=False, allow_unicode=True), "utf-8")
    return list(validate(load(path), as_of=AS_OF).findings)


def _apply(register: dict[str, Any], snippet: str) -> dict[str, Any]:
    fragment = yaml.safe_load(snippet)
    assert isinstance(fragment, dict), "a snippet must be a mapping of register sections"
    return _overlay(register, fragment)


# ---------------------------------------------------------------------------------------------
# One page per rule, one rule per page


def test_every_rule_has_a_page() -> None:
    assert [code for code in CODES if code not in rule_docs.codes()] == []


def test_every_page_names_a_rule() -> None:
    assert [code for code in rule_docs.codes() if code not in RULES] == []


def test_unknown_page_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        rule_docs.page("ROPA999")
    with pytest.raises(LookupError):
        rule_docs.page("../README")


@pytest.mark.parametrize("code", CODES)
def test_page_heading_matches_the_catalogue(code: str) -> None:
    rule = RULES[code]
    lines = rule_docs.page(code).splitlines()
    assert lines[0] == f"# {code} {rule.slug}"
    assert lines[2] == (
        f"**Severity:** {rule.severity.value} · **Article:** {rule.article_text} "
        f"· **Area:** {rule.area}"
    )


@pytest.mark.parametrize("code", CODES)
def test_page_has_every_section_in_order(code: str) -> None:
    headings = re.findall(r"^## (.+)$", rule_docs.page(code), re.MULTILINE)
    assert headings == SECTIONS
    assert rule_docs.description(code)


# ---------------------------------------------------------------------------------------------
# docs/rules/ is generated from the package


def test_docs_directory_matches_the_package() -> None:
    stale = rule_docs.stale_docs(DOCS)
    assert stale == [], f"docs/rules/ is out of date: {stale}; run `python -m ropa.rule_docs`"


def test_index_links_every_rule() -> None:
    index = rule_docs.index()
    for code, rule in RULES.items():
        assert f"| [{code}]({code}.md) | {rule.slug} | {rule.severity.value} |" in index
    assert "python -m ropa.rule_docs" in index


def test_write_docs_writes_then_finds_nothing_stale(tmp_path: Path) -> None:
    (tmp_path / "ROPA999.md").write_text("a retired page that no rule has\n", "utf-8")
    written = rule_docs.write_docs(tmp_path)
    assert len(written) == len(CODES) + 2  # the pages, the index and the removed page
    assert not (tmp_path / "ROPA999.md").exists()
    assert rule_docs.stale_docs(tmp_path) == []
    assert rule_docs.write_docs(tmp_path) == []


def test_check_mode_reports_a_stale_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ropa.rule_docs.__main__ import main

    assert main([str(tmp_path)]) == 0
    (tmp_path / "ROPA101.md").write_text("edited by hand\n", "utf-8")
    assert main(["--check", str(tmp_path)]) == 1
    assert "ROPA101.md: out of date" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# The examples are true


def test_base_register_is_clean(tmp_path: Path) -> None:
    assert _run(copy.deepcopy(BASE), tmp_path) == []


@pytest.mark.parametrize("code", CODES)
def test_example_fires_the_rule(code: str, tmp_path: Path) -> None:
    (example,) = _snippets(code, "Example")
    findings = _run(_apply(BASE, example), tmp_path)
    assert any(f.code == code and not f.waived for f in findings), [str(f) for f in findings]


@pytest.mark.parametrize("code", CODES)
def test_fix_does_not_fire_the_rule(code: str, tmp_path: Path) -> None:
    (fix,) = _snippets(code, "Fix")
    findings = _run(_apply(BASE, fix), tmp_path)
    assert [str(f) for f in findings if f.code == code] == []


@pytest.mark.parametrize("code", [code for code in CODES if code not in UNWAIVABLE])
def test_waiver_waives_the_example(code: str, tmp_path: Path) -> None:
    (example,) = _snippets(code, "Example")
    waivers = _snippets(code, "Waiving")
    if not waivers:
        pytest.skip("the page advises against waiving and shows no waiver")
    register = _apply(_apply(BASE, example), waivers[0])
    findings = [f for f in _run(register, tmp_path) if f.code == code]
    assert findings
    assert all(f.waived for f in findings), [str(f) for f in findings]


CONTROLLER_ONLY = [code for code in CODES if RULES[code].controller_only]


@pytest.mark.parametrize("code", CONTROLLER_ONLY)
def test_page_of_a_controller_only_rule_says_so(code: str) -> None:
    assert "only the controller's record" in " ".join(rule_docs.page(code).split())
    assert code in rule_docs.index().split("## The controller's record")[1].split("##")[0]


@pytest.mark.parametrize("code", CONTROLLER_ONLY)
def test_example_of_a_controller_only_rule_is_silent_in_a_processor_record(
    code: str, tmp_path: Path
) -> None:
    (example,) = _snippets(code, "Example")
    register = _apply(BASE, example)
    register["register"] = {**register["register"], "kind": "processor"}
    register["controllers"] = [
        {"id": "client", "name": "Client SIA", "contact": {"email": "dpo@client.example"},
         "contract": "DPA-1"}
    ]  # fmt: skip
    activities = register["activities"] or [copy.deepcopy(BASE_ACTIVITY)]
    register["activities"] = [{**entry, "on_behalf_of": ["client"]} for entry in activities]
    findings = _run(register, tmp_path)
    assert [str(f) for f in findings if f.code == code] == []
