"""The shipped examples: each validates and exports, and says what its comments say."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import ropa
from ropa.cli import main
from ropa.countries import EEA_COUNTRIES
from ropa.formats.json import export_document
from ropa.formats.xlsx.read import import_workbook
from ropa.formats.xlsx.write import export_excel
from ropa.notice import render_notice
from ropa.rules import validate
from ropa.schema.export import export_schema

ROOT = Path(__file__).resolve().parent.parent
HOSTING = ROOT / "examples" / "hosting-processor.yaml"
AS_OF = date(2026, 11, 27)


def test_hosting_processor_is_a_clean_processor_record() -> None:
    register = ropa.load(HOSTING)
    assert register.register.kind == "processor"
    assert "fiktīv" in (register.organisation.name or "")  # says it is fictional
    assert len(register.controllers) == 2
    assert register.processor_activities == register.activities
    assert {c for a in register.activities for c in a.on_behalf_of} == {
        c.id for c in register.controllers
    }
    outside = [r for r in register.recipients if not set(r.countries) <= EEA_COUNTRIES]
    assert [(r.kind, r.authorisation is not None) for r in outside] == [("processor", True)]
    transfers = [t for a in register.activities for t in a.transfers or ()]
    assert transfers and all(t.safeguard == "scc" for t in transfers)
    report = validate(register, as_of=AS_OF)
    assert report.findings == (), [str(f) for f in report.findings]


def test_hosting_processor_validates_on_the_command_line() -> None:
    assert main(["validate", "--strict", "--as-of", AS_OF.isoformat(), str(HOSTING)]) == 0


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_hosting_processor_exports_and_imports(tmp_path: Path, lang: str) -> None:
    register = ropa.load(HOSTING)
    report = validate(register, as_of=AS_OF)
    path = tmp_path / f"hosting-{lang}.xlsx"
    export_excel(register, path, lang=lang, report=report)
    assert import_workbook(path) == register
    document = export_document(register, lang=lang, report=report)
    errors = list(Draft202012Validator(export_schema()).iter_errors(document))
    assert not errors
    assert [a["role"]["code"] for a in document["activities"]] == ["processor", "processor"]
    assert json.dumps(document, ensure_ascii=False).count("SCC 2021/914") == 2


def test_a_processor_register_gets_no_notice() -> None:
    with pytest.raises(ValueError, match="processor's register"):
        render_notice(ropa.load(HOSTING))
