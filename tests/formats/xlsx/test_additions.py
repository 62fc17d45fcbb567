"""The additions of 2026-12 in the workbook: the Assessments sheet and the links to it, and a
register that uses every addition coming back whole from a workbook in either language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from tests.formats.xlsx.test_read import one_language

import ropa
from ropa.cli import main
from ropa.formats.xlsx.read import NoDataSheet, WorkbookError, import_workbook
from ropa.formats.xlsx.write import export_excel
from ropa.model import Register
from ropa.rules import validate

ROOT = Path(__file__).resolve().parents[3]
ADDITIONS = ROOT / "tests" / "fixtures" / "additions" / "register.yaml"
AS_OF = date(2026, 12, 1)
LANGS = ("lv", "en")


@pytest.fixture(scope="module")
def additions() -> Register:
    return ropa.load(ADDITIONS)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory, additions: Register) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("additions")
    report = validate(additions, as_of=AS_OF)
    paths = {}
    for lang in LANGS:
        paths[lang] = folder / f"additions-{lang}.xlsx"
        export_excel(additions, paths[lang], lang=lang, report=report)
    return paths


def rows_of(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def column_of(sheet: Any, heading: str) -> int:
    for cell in sheet[1]:
        if str(cell.value or "").split("\n")[0] == heading:
            return int(cell.column)
    raise AssertionError(f"no column {heading!r}")


def row_of(sheet: Any, entry_id: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == entry_id:
            return row
    raise AssertionError(f"no row {entry_id!r}")


def edited(source: Path, target: Path, change: Callable[[Workbook], None]) -> Path:
    book = load_workbook(source)
    change(book)
    book.save(target)
    return target


def whole(register: Register) -> Register:
    """The register a workbook gives back: one file, its fragments' content included."""
    return register.model_copy(update={"include": ()})


# ---------------------------------------------------------------------------------------------
# Every addition, both languages


@pytest.mark.parametrize("lang", LANGS)
def test_a_register_with_every_addition_comes_back_whole(
    workbooks: dict[str, Path], additions: Register, lang: str
) -> None:
    assert import_workbook(workbooks[lang]) == whole(additions)


# ---------------------------------------------------------------------------------------------
# Assessments


def test_the_assessments_sheet_lists_the_catalogue(workbooks: dict[str, Path]) -> None:
    rows = rows_of(load_workbook(workbooks["en"])["Assessments"])
    assert [line.split("\n")[0] for line in rows[0]] == [
        "ID", "Name", "Kind of assessment", "Where it is kept", "Date", "Review by",
        "Used by activities",
    ]  # fmt: skip
    assert rows[1:] == [
        ["dpia_records", "DPIA of the patient records",
         "Data protection impact assessment (Art. 35)", "DPIA-2026-01", datetime(2026, 6, 1),
         datetime(2027, 6, 1), 1],
        ["lia_newsletter", "LIA of the newsletter",
         "Legitimate interests assessment (Art. 6(1)(f))", "not stated", datetime(2026, 5, 1),
         "not stated", 1],
        ["tia_lab", "TIA of the laboratory", "Transfer impact assessment (Art. 46(1))", "TIA-7",
         "not stated", "not stated", 1],
    ]  # fmt: skip


def test_the_latvian_assessments_sheet_speaks_latvian(workbooks: dict[str, Path]) -> None:
    rows = rows_of(load_workbook(workbooks["lv"])["Novērtējumi"])
    assert rows[0][:4] == ["ID", "Nosaukums", "Novērtējuma veids", "Kur glabājas"]
    assert rows[1][1:3] == [
        "Pacientu karšu DNIN",
        "Novērtējums par ietekmi uz datu aizsardzību (35. pants)",
    ]


def test_activities_name_their_assessments_and_link_to_them(workbooks: dict[str, Path]) -> None:
    book = load_workbook(workbooks["en"])
    sheet = book["Activities"]
    dpia = sheet.cell(row_of(sheet, "care"), column_of(sheet, "DPIA (Art. 35)"))
    assert dpia.value == "DPIA of the patient records (DPIA-2026-01, 2026-06-01)"
    assert dpia.hyperlink.location == "'Assessments'!A2"
    # The older inline form reads as before.
    old = sheet.cell(row_of(sheet, "newsletter"), column_of(sheet, "DPIA (Art. 35)"))
    assert old.value == "DPIA-OLD-2 (2025-01-01)"
    bases = sheet.cell(row_of(sheet, "newsletter"), column_of(sheet, "Legal bases (Art. 6(1))"))
    assert "balancing test: LIA of the newsletter (2026-05-01)" in bases.value


def test_an_edited_assessment_row_is_read(workbooks: dict[str, Path], tmp_path: Path) -> None:
    def change(book: Workbook) -> None:
        sheet = book["Assessments"]
        sheet.cell(row_of(sheet, "tia_lab"), column_of(sheet, "Review by")).value = "2027-01-31"
        sheet.cell(row_of(sheet, "tia_lab"), column_of(sheet, "Name")).value = "TIA, lab"

    imported = import_workbook(edited(workbooks["en"], tmp_path / "a.xlsx", change))
    tia = imported.assessments[2]
    assert tia.review_by == date(2027, 1, 31)
    assert tia.name == {"lv": "Laboratorijas NIN", "en": "TIA, lab"}
    assert tia.reference == "TIA-7"


def test_a_dpia_typed_as_the_assessments_name_names_it(
    workbooks: dict[str, Path], tmp_path: Path, additions: Register
) -> None:
    def change(book: Workbook) -> None:
        sheet = book["Activities"]
        cell = sheet.cell(row_of(sheet, "newsletter"), column_of(sheet, "DPIA (Art. 35)"))
        cell.value = "DPIA of the patient records"

    imported = import_workbook(edited(workbooks["en"], tmp_path / "d.xlsx", change))
    assert imported.activities[1].dpia == "dpia_records"
    assert imported.activities[0] == additions.activities[0]


def test_an_unknown_assessment_kind_is_named(workbooks: dict[str, Path], tmp_path: Path) -> None:
    def change(book: Workbook) -> None:
        sheet = book["Assessments"]
        sheet.cell(2, column_of(sheet, "Kind of assessment")).value = "audit"

    path = edited(workbooks["en"], tmp_path / "k.xlsx", change)
    with pytest.raises(WorkbookError) as error:
        import_workbook(path)
    assert [str(p) for p in error.value.problems] == [
        "Assessments!C2: 'audit' is not a kind of assessment; write one of: Data protection "
        "impact assessment; Legitimate interests assessment; Transfer impact assessment"
    ]


# ---------------------------------------------------------------------------------------------
# Waivers


def test_the_waivers_sheet_says_who_accepted_what_when_and_until_when(
    workbooks: dict[str, Path],
) -> None:
    book = load_workbook(workbooks["en"])
    rows = rows_of(book["Waivers"])
    assert rows == [
        ["Applies to", "Rule", "Reason", "Accepted by", "Accepted on", "Holds until (inclusive)"],
        ["the whole register", "ROPA506", "the office keeps no data", "DPO J. Bērziņa",
         datetime(2026, 11, 20), datetime(2027, 5, 20)],
        # A reason written in Latvian only: shown so in the English workbook, marked.
        ["care", "ROPA311", "[lv] pārbaudīts", "DPO", datetime(2026, 11, 1), "not stated"],
    ]  # fmt: skip
    assert book["Waivers"]["A3"].hyperlink.location == "'Activities'!A2"
    lv = rows_of(load_workbook(workbooks["lv"])["Pieņemtie konstatējumi"])
    assert lv[0] == ["Attiecas uz", "Noteikums", "Pamatojums", "Pieņēma", "Pieņemšanas datums",
                     "Spēkā līdz (ieskaitot)"]  # fmt: skip
    assert lv[1][:3] == ["viss reģistrs", "ROPA506", "birojs datus neglabā"]


def test_edited_waiver_cells_are_read(
    workbooks: dict[str, Path], tmp_path: Path, additions: Register
) -> None:
    def change(book: Workbook) -> None:
        sheet = book["Waivers"]
        sheet["C2"] = "the office holds nothing"
        sheet["F2"] = "2027-01-01"
        sheet["F3"] = "2026-12-31"

    imported = import_workbook(edited(workbooks["en"], tmp_path / "w.xlsx", change))
    (register_waiver,) = imported.register.waivers
    assert register_waiver.reason == {"lv": "birojs datus neglabā",
                                      "en": "the office holds nothing"}  # fmt: skip
    assert register_waiver.expires == date(2027, 1, 1)
    assert register_waiver.accepted_by == "DPO J. Bērziņa"
    (care_waiver,) = imported.activities[0].waivers
    assert care_waiver.expires == date(2026, 12, 31)
    assert care_waiver.reason == "pārbaudīts"


def test_a_waiver_row_added_or_deleted_adds_or_deletes_the_waiver(
    workbooks: dict[str, Path], tmp_path: Path
) -> None:
    def change(book: Workbook) -> None:
        sheet = book["Waivers"]
        sheet.delete_rows(2)  # the register's waiver
        sheet.append(["newsletter", "ROPA402", "reviewed", "DPO", "2026-12-01", None])

    imported = import_workbook(edited(workbooks["en"], tmp_path / "n.xlsx", change))
    assert imported.register.waivers == ()
    (added,) = imported.activities[1].waivers
    assert (added.rule, added.reason, added.accepted_by, added.accepted_on, added.expires) == (
        "ROPA402", {"en": "reviewed"}, "DPO", date(2026, 12, 1), None)  # fmt: skip


def test_a_waiver_row_naming_no_activity_is_an_error(
    workbooks: dict[str, Path], tmp_path: Path
) -> None:
    def change(book: Workbook) -> None:
        book["Waivers"].append(["ghost", "ROPA402", "x", None, "yesterday", None])

    path = edited(workbooks["en"], tmp_path / "g.xlsx", change)
    with pytest.raises(WorkbookError) as error:
        import_workbook(path)
    assert [str(p) for p in error.value.problems] == [
        "Waivers!E4: 'yesterday' is not a date; write it as YYYY-MM-DD",
        "Waivers!A4: no activity 'ghost' on the sheet 'Activities'",
    ]


# ---------------------------------------------------------------------------------------------
# Every addition is on a sheet an auditor reads


@pytest.mark.parametrize("lang", LANGS)
def test_every_addition_is_read_from_the_visible_sheets_alone(
    workbooks: dict[str, Path], tmp_path: Path, additions: Register, lang: str
) -> None:
    def drop(book: Workbook) -> None:
        del book["ropa-data"]

    path = edited(workbooks[lang], tmp_path / f"visible-{lang}.xlsx", drop)
    with pytest.warns(NoDataSheet):
        imported = import_workbook(path)
    # What is lost without the hidden sheet is the other language of each text, nothing else.
    assert imported == one_language(whole(additions), lang, additions.register.language)


def test_the_additions_are_in_words_on_the_sheets(workbooks: dict[str, Path]) -> None:
    book = load_workbook(workbooks["en"])
    activities = book["Activities"]
    care = row_of(activities, "care")

    def cell(heading: str, row: int = care, sheet: Any = activities) -> Any:
        return sheet.cell(row, column_of(sheet, heading)).value

    assert cell("Art. 9(2) condition") == (
        "Preventive or occupational medicine, medical diagnosis, health or social care or "
        "treatment (Art. 9(2)(h)); law: Medical Treatment Law; categories: Health data\n"
        "Explicit consent (Art. 9(2)(a)); categories: Genetic data"
    )
    assert cell("Law authorising criminal-offence data (Art. 10)") == "Labour Law, Section 33"
    assert cell("Direct marketing (Art. 21(2))") == "no"
    assert cell("Direct marketing (Art. 21(2))", row_of(activities, "newsletter")) == "yes"
    assert "Consent (Art. 6(1)(a)); withdrawal: by writing to us; explicit: yes" in cell(
        "Legal bases (Art. 6(1))"
    )
    assert "Device" in cell("Sources") or "device" in cell("Sources").casefold()
    transfers = book["Transfers"]
    assert [row[2:] for row in rows_of(transfers)[1:]] == [
        ["US", "United States (US)", "yes", "Laboratory",
         "Standard contractual clauses (Art. 46(2)(c))", "SCC 2021/914", None,
         "TIA of the laboratory (TIA-7)"],
        ["european_patent_organisation", "European Patent Organisation", "yes",
         "Patent office", "Adequacy decision (Art. 45)", None, None, None],
        ["other", "World Health Organization", "no", None,
         "Derogation for a specific situation (Art. 49)", None,
         "The transfer is necessary for important reasons of public interest (Art. 49(1)(d))",
         "TIA kept in the DMS"],
    ]  # fmt: skip
    assert transfers.cell(2, 10).hyperlink.location == "'Assessments'!A4"
    subjects = rows_of(book["Data subjects"])
    assert subjects[0][3:] == ["Includes children (Art. 8)", "Used by activities",
                               "Kind of data subject", "Party to a contract (Art. 6(1)(b))",
                               "Vulnerable"]  # fmt: skip
    assert subjects[1][3:] == ["yes", 1, "Patients", "yes", "yes"]
    assert subjects[2][3:] == ["not stated", 1, "Subscribers", "no", "no"]
    cover = {row[0]: row[1] for row in rows_of(book["Cover"])[1:]}
    assert cover["Data protection officer (Art. 37)"] == (
        "J. Bērziņa\norganisation: Datu Aizsardzība SIA (fiktīva)\nexternal: yes\n"
        "e-mail: dpo@da.example.invalid"
    )


def test_edited_addition_cells_are_read(
    workbooks: dict[str, Path], tmp_path: Path, additions: Register
) -> None:
    def change(book: Workbook) -> None:
        activities = book["Activities"]
        care = row_of(activities, "care")
        activities.cell(
            care, column_of(activities, "Art. 9(2) condition")
        ).value = "health_or_social_care; law: Dental Law; categories: Health data, Genetic data"
        activities.cell(care, column_of(activities, "Direct marketing (Art. 21(2))")).value = "yes"
        subjects = book["Data subjects"]
        subjects.cell(2, column_of(subjects, "Kind of data subject")).value = "Customers"
        transfers = book["Transfers"]
        transfers.cell(4, column_of(transfers, "Derogation (Art. 49(1))")).value = "e"
        cover = book["Cover"]
        for row in range(2, cover.max_row + 1):
            if cover.cell(row, 1).value == "Data protection officer (Art. 37)":
                cover.cell(row, 2).value = "J. Bērziņa\nexternal: no\ne-mail: j@b.example"

    imported = import_workbook(edited(workbooks["en"], tmp_path / "e.xlsx", change))
    care = imported.activities[0]
    (health, *_) = care.special_conditions()
    assert (health.condition, health.law, health.categories) == (
        "health_or_social_care", {"lv": "Ārstniecības likums", "en": "Dental Law"},
        ("health", "genetic"))  # fmt: skip
    assert care.direct_marketing is True
    assert imported.data_subjects[0].kind == "customers"
    assert care.transfers is not None and care.transfers[2].derogation == "e"
    assert (
        care.transfers[2].organisation_name
        == additions.activities[0].transfers[2].organisation_name
    )  # type: ignore[index]
    dpo = imported.organisation.dpo
    assert dpo is not None and (dpo.external, dpo.organisation) == (False, None)


# ---------------------------------------------------------------------------------------------
# A register of several files


def test_the_cover_names_the_fragments(workbooks: dict[str, Path]) -> None:
    cover = {row[0]: row[1] for row in rows_of(load_workbook(workbooks["en"])["Cover"])[1:]}
    assert cover["Source file"] == "register.yaml"
    assert cover["Fragment files (include)"] == "parts/activities.yaml\nparts/catalogues.yaml"


def test_import_says_the_register_came_from_several_files_and_writes_one(
    workbooks: dict[str, Path], tmp_path: Path, additions: Register,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    out = tmp_path / "one.yaml"
    assert main(["import", str(workbooks["en"]), "-o", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"ropa: {workbooks['en']}: the register came from 3 files (register.yaml and its "
        "fragments parts/activities.yaml, parts/catalogues.yaml); the import writes it as one "
        "file, without include"
    )
    assert "\ninclude:" not in out.read_text(encoding="utf-8")
    assert ropa.load(out) == whole(additions)


def test_import_of_a_register_of_one_file_says_nothing_of_fragments(
    tmp_path: Path, shipped: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "shipped.xlsx"
    export_excel(shipped, path, lang="en", as_of=AS_OF)
    assert main(["import", str(path), "-o", str(tmp_path / "out.yaml")]) == 0
    assert "fragments" not in capsys.readouterr().err
