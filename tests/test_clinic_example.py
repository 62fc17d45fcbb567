"""The fictional dental clinic example: a register in several files that uses the 2026-12
additions, and that validates, exports, imports back and gives a notice in both languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import ropa
from ropa.cli import main
from ropa.formats.json import export_document
from ropa.formats.xlsx.read import import_workbook
from ropa.formats.xlsx.write import export_excel
from ropa.notice import render_notice
from ropa.rules import validate
from ropa.schema.export import export_schema

CLINIC = Path(__file__).resolve().parent.parent / "examples" / "clinic" / "register.yaml"
AS_OF = date(2026, 12, 1)


def test_clinic_is_a_clean_register_in_several_files() -> None:
    register = ropa.load(CLINIC)
    assert register.organisation.name == "Example Dental Clinic SIA"
    # The activities and catalogues come from the fragments, not from the main file.
    assert "activities:" not in CLINIC.read_text(encoding="utf-8")
    assert {a.id for a in register.activities} == {"patient_care", "personnel"}
    assert [a.id for a in register.assessments] == ["dpia_patient_records"]
    report = validate(register, as_of=AS_OF)
    assert report.findings == (), [str(f) for f in report.findings]
    assert main(["validate", "--strict", "--as-of", AS_OF.isoformat(), str(CLINIC)]) == 0


def test_clinic_uses_retention_per_category_and_several_conditions() -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(CLINIC.parent.rglob("*.yaml")))
    for written in ("period: P75Y", "period: P5Y", "condition: health_or_social_care",
                    "condition: explicit_consent", "requirement:",
                    "dpia: dpia_patient_records"):  # fmt: skip
        assert written in text


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_clinic_exports_imports_and_gives_a_notice(tmp_path: Path, lang: str) -> None:
    register = ropa.load(CLINIC)
    report = validate(register, as_of=AS_OF)
    path = tmp_path / f"clinic-{lang}.xlsx"
    export_excel(register, path, lang=lang, report=report)
    # The workbook holds the whole register: it comes back as one file, without `include`.
    whole = register.model_copy(update={"include": ()})
    assert import_workbook(path) == whole
    document = export_document(register, lang=lang, report=report)
    assert not list(Draft202012Validator(export_schema()).iter_errors(document))
    notice = render_notice(register, lang=lang)
    assert "Example Dental Clinic SIA" in notice
    assert ("Pacientu ārstēšana" if lang == "lv" else "Patient treatment") in notice


def test_clinic_assessments_survive_the_workbook(tmp_path: Path) -> None:
    register = ropa.load(CLINIC)
    export_excel(register, tmp_path / "clinic.xlsx", lang="en")
    assert import_workbook(tmp_path / "clinic.xlsx").assessments == register.assessments
