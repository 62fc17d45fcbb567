"""Helpers for the rule tests: a minimal clean register to break one field at a time, and a
checker that loads it as YAML text (so findings carry real lines) and validates it."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

import ropa
from ropa.findings import Finding, Report
from ropa.model import Register
from ropa.rules import validate

AS_OF = date(2026, 11, 27)
"""The check date every rule test uses."""
FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules"

_ACTIVITY: dict[str, Any] = {
    "id": "customer_accounts",
    "name": "Customer accounts",
    "purpose": "customer_management",
    "legal_bases": [{"basis": "contract"}],
    "data_subjects": ["customers"],
    "data_categories": ["contact_details"],
    "sources": ["data_subject"],
    "recipients": ["hosting"],
    "transfers": [],
    "retention": "contract_end",
    "security_measures": ["access_control"],
    "automated_decisions": False,
    "profiling": False,
    "large_scale": False,
}

_REGISTER: dict[str, Any] = {
    "format": "ropa/1",
    "register": {"kind": "controller", "language": "en", "reviewed": "2026-06-01"},
    "organisation": {
        "name": "Example SIA",
        "country": "LV",
        "public_body": False,
        "contact": {"email": "privacy@example.lv"},
    },
    "data_subjects": [{"id": "customers", "name": "Customers", "includes_children": False}],
    "data_categories": [{"id": "contact_details", "name": "Contact details"}],
    "recipients": [
        {
            "id": "hosting",
            "name": "Hosting provider",
            "kind": "processor",
            "contract": "DPA 2025/01",
            "countries": ["LV"],
        }
    ],
    "retention_rules": [
        {
            "id": "contract_end",
            "name": "Three years after the contract",
            "period": "P3Y",
            "starts": "end of the contract",
            "basis": "Civil Law, Section 1895",
        }
    ],
    "security_measures": [{"id": "access_control", "name": "Access control", "kind": "technical"}],
    "activities": [_ACTIVITY],
}


def clean_register() -> dict[str, Any]:
    """A fresh minimal register, as plain data, that no rule finds anything in."""
    return copy.deepcopy(_REGISTER)


def activity(**fields: Any) -> dict[str, Any]:
    """A clean activity (as plain data) with `fields` replaced; a field set to ... is removed."""
    data = copy.deepcopy(_ACTIVITY)
    for name, value in fields.items():
        if value is ...:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def to_yaml(data: dict[str, Any]) -> str:
    """Block-style YAML text of `data`, in the order given."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)


def load_text(text: str) -> Register:
    """Load a register from YAML text, with its source map."""
    return ropa.load(text)


@dataclass(frozen=True)
class Checked:
    """A validated register and the YAML text it was loaded from."""

    report: Report
    text: str

    @property
    def codes(self) -> list[str]:
        """The codes of all findings, in report order."""
        return [finding.code for finding in self.report.findings]

    def of(self, code: str) -> list[Finding]:
        """The findings of one rule."""
        return [finding for finding in self.report.findings if finding.code == code]

    def one(self, code: str) -> Finding:
        """The only finding of one rule (fails unless there is exactly one)."""
        found = self.of(code)
        assert len(found) == 1, f"expected one {code}, got {[str(f) for f in found]}"
        return found[0]

    def line(self, needle: str, occurrence: int = 1) -> int:
        """The 1-based number of the `occurrence`-th line of the text containing `needle`."""
        seen = 0
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line:
                seen += 1
                if seen == occurrence:
                    return number
        raise AssertionError(f"{needle!r} occurs fewer than {occurrence} times in the text")


def check(data: dict[str, Any] | str, *, as_of: date = AS_OF) -> Checked:
    """Load `data` (plain data or YAML text) as YAML text and validate it on `as_of`."""
    text = data if isinstance(data, str) else to_yaml(data)
    return Checked(validate(load_text(text), as_of=as_of), text)
