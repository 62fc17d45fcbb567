"""Helpers for the rule tests: a minimal clean register to break one field at a time, and a
checker that loads it as YAML text (so findings carry real lines) and validates it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

import ropa
from conftest import AS_OF, minimal_activity_data, minimal_register_data
from ropa.findings import Finding, Report
from ropa.model import Register
from ropa.rules import validate

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules"


def clean_register() -> dict[str, Any]:
    """A fresh minimal register, as plain data, that no rule finds anything in."""
    return minimal_register_data()


def activity(**fields: Any) -> dict[str, Any]:
    """A clean activity (as plain data) with `fields` replaced; a field set to ... is removed."""
    data = minimal_activity_data()
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
