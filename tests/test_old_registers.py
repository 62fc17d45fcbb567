"""Every ropa/1 register valid before the additions of 2026-12 stays valid and means what it
meant: each register the test suite validated before them (recorded by
`fixtures/old_registers/record_plugin.py` from commit cd5c6e7) loads, says the same, and gets
the same findings as the rules found before the format changed (`refresh.py` recomputes
them when a rule changes on purpose)."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ropa.model import Register
from ropa.rules import validate

RECORDED = Path(__file__).parent / "fixtures" / "old_registers" / "findings-before-2026-12.json.gz"


def _recorded() -> list[dict[str, Any]]:
    with gzip.open(RECORDED, "rt", encoding="utf-8") as stream:
        entries: list[dict[str, Any]] = json.load(stream)
    return entries


ENTRIES = _recorded()


def test_the_recording_covers_the_suites_registers() -> None:
    assert len(ENTRIES) > 400
    codes = {finding[0] for entry in ENTRIES for finding in entry["findings"]}
    assert len(codes) >= 36  # the rule tests' registers: every rule fires somewhere


@pytest.mark.parametrize("entry", ENTRIES, ids=[str(n) for n in range(len(ENTRIES))])
def test_an_old_register_loads_says_the_same_and_gets_the_same_findings(
    entry: dict[str, Any],
) -> None:
    register = Register.model_validate(entry["register"])
    assert register.model_dump(mode="json", exclude_defaults=True) == entry["register"]
    report = validate(register, as_of=date.fromisoformat(entry["as_of"]))
    found = [
        [f.code, f.severity.value, list(f.path), f.activity, f.message, f.waived, f.reason]
        for f in report.findings
    ]
    # Compared as sets of findings: a report orders them by file position, and a register
    # rebuilt from data has none.
    assert sorted(map(repr, found)) == sorted(map(repr, entry["findings"]))
