"""The ICO layout both ways: its columns in its order, and a round trip equal up to the gaps."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import ropa
from layout_view import view
from ropa.cli import main
from ropa.formats._layout import TemplateError
from ropa.formats.ico import export_ico, import_ico
from ropa.model import Register

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "processing_activities.yaml"
CLINIC = ROOT / "tests" / "fixtures" / "interop" / "clinic.yaml"
AS_OF = date(2026, 11, 27)

# The ICO's "Documentation template for controllers", as the issue lists its columns.
ICO_COLUMNS = [
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress",
    "Link to Data Protection Impact Assessment",
]

# What the ICO layout cannot hold (the import report's "not held" list says the same).
NOT_HELD = frozenset(
    {
        "activity.purpose",
        "activity.large_scale",
        "activity.reviewed",
        "organisation.registration_number",
        "organisation.country",
        "subject.includes_children",
        "category.national_id",
        "recipient.countries",
        "basis.covers",
        "basis.parental_authorisation",
        "rule.description",
    }
)


def exported(register: Register, path: Path, lang: str = "en") -> Path:
    export_ico(register, path, lang=lang, as_of=AS_OF)
    return path


@pytest.mark.parametrize("source,lang", [(SHIPPED, "en"), (SHIPPED, "lv"), (CLINIC, "en")])
def test_round_trip_is_equal_up_to_what_the_layout_cannot_hold(
    tmp_path: Path, source: Path, lang: str
) -> None:
    register = ropa.load(source)
    imported = import_ico(exported(register, tmp_path / "ico.xlsx", lang), lang=lang)
    assert imported.report.gaps == []
    assert view(imported.register, lang, without=NOT_HELD) == view(register, lang, without=NOT_HELD)
    assert imported.register.register.language == lang


def test_joint_controllers_survive_without_their_arrangement(tmp_path: Path) -> None:
    register = ropa.load(CLINIC)
    imported = import_ico(exported(register, tmp_path / "ico.xlsx"))
    (partner,) = imported.register.organisation.joint_controllers
    assert partner.name == "Example Imaging Centre" and partner.arrangement is None
    assert any("arrangement" in str(line) for line in imported.report.not_held)


def test_columns_in_the_icos_order_below_the_contact_block(tmp_path: Path) -> None:
    sheet = load_workbook(exported(ropa.load(CLINIC), tmp_path / "ico.xlsx")).active
    assert sheet is not None
    header = next(row for row in range(1, 20) if sheet.cell(row, 2).value == ICO_COLUMNS[1])
    assert [sheet.cell(header, c).value for c in range(1, len(ICO_COLUMNS) + 1)] == ICO_COLUMNS
    block = {sheet.cell(row, 1).value: row for row in range(1, header)}
    assert {"Controller", "Data Protection Officer", "Representative"} <= set(block)
    assert block["Controller"] < block["Data Protection Officer"] < header
    assert sheet.cell(block["Controller"], 2).value == "Example Dental Clinic Ltd"
    assert sheet.cell(block["Data Protection Officer"], 2).value == "Anna Example"
    first = header + 1
    assert sheet.cell(first, 12).value == (
        "Art. 6(1)(b) Performance of a contract\n"
        "Art. 6(1)(c) Legal obligation: Medical Treatment Law"
    )
    assert sheet.cell(first, 8).value == "United States (Cloud storage provider)"
    assert sheet.cell(first, 9).value == "Standard contractual clauses: DPA-2024-02 annex 2"
    assert sheet.cell(first, 10).value.splitlines()[1] == "75 years from the last visit"


def test_same_register_same_bytes_and_formulas_stay_text(tmp_path: Path) -> None:
    register = ropa.load(CLINIC)
    first = exported(register, tmp_path / "a.xlsx").read_bytes()
    assert exported(register, tmp_path / "b.xlsx").read_bytes() == first
    hostile = register.model_copy(
        update={
            "activities": (
                register.activities[0].model_copy(
                    update={"owner": '=HYPERLINK("http://evil.example")'}
                ),
            )
        }
    )
    path = exported(hostile, tmp_path / "hostile.xlsx")
    sheet = load_workbook(path).active
    assert sheet is not None
    cell = sheet.cell(9, 1)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert import_ico(path).register.activities[0].owner == '=HYPERLINK("http://evil.example")'


def handmade(path: Path) -> Path:
    """An ICO sheet as a DPO fills it by hand, with values ropa cannot map."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Controller"
    for column, header in enumerate(ICO_COLUMNS, start=1):
        sheet.cell(1, column, header)
    row = {
        "Business function": "HR",
        "Purpose of processing": "Staff payroll",
        "Categories of individuals": "Employees",
        "Categories of personal data": "Bank details",
        "Names of third countries or international organisations that personal data are "
        "transferred to (if applicable)": "Atlantis",
        "Retention schedule (if possible)": "Payroll\nsix years after leaving",
        "Article 6 lawful basis for processing personal data": "because we must",
        "Link to record of consent": "CR-1",
    }
    for column, header in enumerate(ICO_COLUMNS, start=1):
        if header in row:
            sheet.cell(2, column, row[header])
    book.save(path)
    return path


def test_values_that_do_not_map_are_reported_and_kept(tmp_path: Path) -> None:
    imported = import_ico(handmade(tmp_path / "hand.xlsx"))
    gaps = "\n".join(map(str, imported.report.gaps))
    assert "Controller!L2: not an Art. 6(1) legal basis" in gaps
    assert "Controller!H2: not a country ropa knows" in gaps
    assert "Controller!J2: 'six years after leaving' is not a period in words" in gaps
    assert "Controller!S2:" in gaps
    (activity,) = imported.register.activities
    assert "because we must" in str(activity.description)
    assert "Atlantis" in str(activity.description)
    assert imported.register.retention_rules[0].description == "six years after leaving"
    assert "Controller!B2 -> activities[staff_payroll].name" in map(str, imported.report.mapped)


def test_cli_writes_nothing_with_gaps_unless_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = handmade(tmp_path / "hand.xlsx")
    out = tmp_path / "register.yaml"
    assert main(["import", "--layout", "ico", str(source), "-o", str(out)]) == 1
    assert not out.exists()
    assert "Controller!L2: not an Art. 6(1) legal basis" in capsys.readouterr().err
    report = tmp_path / "report.txt"
    assert (
        main(
            [
                "import",
                "--layout",
                "ico",
                str(source),
                "-o",
                str(out),
                "--accept-gaps",
                "--report",
                str(report),
            ]
        )
        == 0
    )
    assert ropa.load(out).activities[0].owner == "HR"
    assert "Controller!B2 -> activities[staff_payroll].name" in report.read_text()


def test_cli_export_and_import_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "ico.xlsx"
    assert main(["export", str(CLINIC), "-o", str(out), "--layout", "ico"]) == 0
    back = tmp_path / "back.yaml"
    assert main(["import", "--layout", "ico", str(out), "-o", str(back)]) == 0
    assert view(ropa.load(back), "en", without=NOT_HELD) == view(
        ropa.load(CLINIC), "en", without=NOT_HELD
    )
    assert main(["export", str(CLINIC), "-o", str(tmp_path / "x.json"), "--layout", "ico"]) == 2


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_a_bad_file_is_a_located_error(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(content)
    with pytest.raises(TemplateError):
        import_ico(bad)
    out = tmp_path / "out.yaml"
    assert main(["import", "--layout", "ico", str(bad), "-o", str(out)]) == 2
    assert "bad.xlsx:" in capsys.readouterr().err and not out.exists()


def test_a_workbook_without_the_ico_columns_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    book.save(tmp_path / "empty.xlsx")
    with pytest.raises(TemplateError, match="Purpose of processing"):
        import_ico(tmp_path / "empty.xlsx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice to make an .ods")
def test_an_ods_saved_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    register = ropa.load(CLINIC)
    path = exported(register, tmp_path / "ico.xlsx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    from_ods = import_ico(tmp_path / "ico.ods")
    assert from_ods.report.gaps == []
    assert view(from_ods.register, "en") == view(import_ico(path).register, "en")


def test_processor_activities_are_left_out_and_the_cli_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mixed = ROOT / "tests" / "fixtures" / "rules" / "mixed-roles.yaml"
    out = tmp_path / "ico.xlsx"
    assert main(["export", str(mixed), "-o", str(out), "--layout", "ico"]) == 0
    assert "1 processor activity is not in the ico layout" in capsys.readouterr().err
    names = [a.name for a in import_ico(out).register.activities]
    assert names == ["Customer accounts"]


CLINIC_2026_12 = ROOT / "tests" / "fixtures" / "interop" / "clinic-2026-12.yaml"


@pytest.mark.skipif(not hasattr(ropa.model, "Assessment"), reason="the additions of 2026-12")
def test_the_additions_of_2026_12_come_back(tmp_path: Path) -> None:
    register = ropa.load(CLINIC_2026_12)
    imported = import_ico(exported(register, tmp_path / "ico.xlsx"))
    assert imported.report.gaps == []
    (activity,) = imported.register.activities
    # Retention per category, and a rule that ends with an event.
    rules = {r.id: r for r in imported.register.retention_rules}
    groups = [(str(rules[e.rule].period), e.categories) for e in activity.retention]
    assert groups == [("P75Y", ("dental_health_record",)), ("None", ("identity",))]
    assert [str(r.until) for r in rules.values() if r.until] == ["the patient withdraws consent"]
    # Several Art. 9(2) conditions, the first with its law.
    conditions = [(c.condition, c.law) for c in activity.special_condition]
    assert conditions == [
        ("health_or_social_care", "Medical Treatment Law"),
        ("explicit_consent", None),
    ]
    # A transfer to an international organisation under Art. 49(1)(a).
    (transfer,) = activity.transfers
    assert (transfer.organisation, transfer.safeguard, transfer.derogation) == (
        "european_patent_organisation",
        "derogation",
        "a",
    )
    # A DPIA from the assessments catalogue keeps its reference.
    assert activity.dpia is not None and activity.dpia.reference == "DMS-2025-014"


def test_rights_are_the_one_derivation_of_the_activity() -> None:
    # The rights column reads ropa.rights.rights_of: explicit consent under Art. 9(2)(a) gives
    # the right to withdraw it, direct marketing the right to object, whatever the bases.
    from ropa.formats.ico.write import ico_rows

    shipped = ropa.load(SHIPPED)
    first = shipped.activities[0].model_copy(
        update={"direct_marketing": True, "special_condition": "explicit_consent"}
    )
    register = shipped.model_copy(update={"activities": (first, *shipped.activities[1:])})
    column = ICO_COLUMNS.index("Rights available to individuals")
    said = next(iter(ico_rows(register)))[column].splitlines()
    assert "Right to object" in said and "Right to withdraw consent" in said
    plain = next(iter(ico_rows(shipped)))[column].splitlines()
    assert "Right to object" not in plain and "Right to withdraw consent" not in plain
