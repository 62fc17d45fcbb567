"""`ropa import` and `ropa.import_workbook`: a workbook that ropa wrote gives its register back.

Unchanged, exactly (every field, every language, in both workbook languages); edited by hand,
as edited (a changed cell changes only the workbook's language, rows added, reordered and
deleted); and a cell that cannot be read is an error naming its sheet and cell.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import warnings
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from pydantic import BaseModel

import ropa
from conftest import AS_OF
from ropa.cli import main
from ropa.durations import Duration
from ropa.formats.xlsx.read import NoDataSheet, WorkbookError, import_workbook, read_workbook
from ropa.formats.xlsx.write import export_excel
from ropa.formats.yaml import dump_register
from ropa.model import Register
from ropa.rules import validate
from ropa.text import language_of, text_in
from strategies import registers

LANGS = ("lv", "en")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

RICH: dict[str, Any] = {
    "format": "ropa/1",
    "register": {"kind": "controller", "version": "2026.2", "language": "lv",
                 "reviewed": "2026-06-01", "approved_by": "Valde",
                 "waivers": [{"rule": "ROPA201", "reason": "see the website"}]},
    "organisation": {
        "name": "Piemērs SIA", "registration_number": "40003000001",
        "address": {"lv": "Rīga, Brīvības iela 1", "en": "Riga, 1 Brivibas Street"},
        "country": "LV", "public_body": False,
        "contact": {"email": "dpo@piemers.lv", "phone": "+371 2000 0000",
                    "note": {"lv": "Rakstiet mums", "en": "Write to us"}},
        "dpo": {"name": "Jana Ozola", "contact": {"email": "jana@piemers.lv"}},
        "joint_controllers": [{"name": "Partneris AS", "arrangement": "Līgums 2026/7"}],
    },
    "data_subjects": [
        {"id": "customers", "name": {"lv": "Klienti", "en": "Customers"},
         "includes_children": False},
        {"id": "pupils", "name": "Skolēni", "description": "Bērni līdz 16 gadiem",
         "includes_children": True},
    ],
    "data_categories": [
        {"id": "contact", "name": {"lv": "Kontaktinformācija", "en": "Contact details"},
         "examples": {"lv": "e-pasts", "en": "e-mail"}, "national_id": False},
        {"id": "health", "name": {"lv": "Veselības dati", "en": "Health data"},
         "special": "health"},
    ],
    "recipients": [
        {"id": "cloud", "name": {"lv": "Mākonis", "en": "Cloud provider"}, "kind": "processor",
         "contract": "DPA-7", "countries": ["US", "LV"]},
        {"id": "tax", "name": "VID", "kind": "public_authority", "countries": ["LV"]},
    ],
    "retention_rules": [
        {"id": "five_years", "name": {"lv": "Pieci gadi", "en": "Five years"}, "period": "P5Y",
         "starts": {"lv": "līguma beigām", "en": "the end of the contract"},
         "basis": "Grāmatvedības likums"},
        {"id": "until_opt_out", "name": {"lv": "Līdz atteikumam", "en": "Until opt-out"}},
    ],
    "security_measures": [
        {"id": "mfa", "name": {"lv": "Divfaktoru autentifikācija", "en": "Two-factor login"},
         "kind": "technical"},
        {"id": "training", "name": "Apmācības", "kind": "organisational"},
    ],
    "activities": [
        {"id": "orders", "name": {"lv": "Pasūtījumi", "en": "Orders"},
         "description": {"lv": "Pasūtījumu izpilde", "en": "Fulfilling orders"},
         "purpose": "service_provision",
         "legal_bases": [{"basis": "contract"},
                         {"basis": "legitimate_interests",
                          "interest": {"lv": "krāpšanas novēršana", "en": "fraud prevention"},
                          "assessment": "LIA-1"}],
         "data_subjects": ["customers"], "data_categories": ["contact"],
         "sources": ["data_subject"], "recipients": ["cloud", "tax"],
         "transfers": [{"country": "US", "recipient": "cloud", "safeguard": "scc",
                        "reference": "SCC 2021"}],
         "retention": "five_years", "security_measures": ["mfa", "training"],
         "automated_decisions": False, "profiling": False, "large_scale": True,
         "dpia": {"reference": "DPIA-3", "date": "2026-02-01"},
         "systems": ["ERP", "CRM"], "owner": "Sales", "reviewed": "2026-05-01",
         "waivers": [{"rule": "ROPA303", "reason": "in review"}]},
        {"id": "school", "name": "Skolas pulciņi", "purpose": "other",
         "legal_bases": [{"basis": "consent", "withdrawal": "rakstot mums",
                          "parental_authorisation": "vecāku paraksts"}],
         "special_condition": "explicit_consent",
         "data_subjects": ["pupils"], "data_categories": ["health", "contact"],
         "recipients": [], "transfers": [], "retention": "until_opt_out"},
        {"id": "newsletter", "name": {"lv": "Jaunumi", "en": "Newsletter"},
         "purpose": "marketing", "legal_bases": [{"basis": "consent"}],
         "data_subjects": ["customers"], "data_categories": ["contact"]},
    ],
}  # fmt: skip
"""A register with every kind of field filled in somewhere, several languages, transfers."""


@pytest.fixture(scope="module")
def rich() -> Register:
    return Register.model_validate(RICH)


def export(register: Register, path: Path, lang: str, **options: Any) -> Path:
    export_excel(register, path, lang=lang, report=validate(register, as_of=AS_OF), **options)
    return path


def edited(source: Path, change: Callable[[Workbook], None], name: str = "edited.xlsx") -> Path:
    """A copy of the workbook at `source`, changed as a spreadsheet program would save it."""
    book = load_workbook(source)
    change(book)
    target = source.with_name(name)
    book.save(target)
    return target


def row_of(sheet: Any, entry_id: str, column: int = 1) -> int:
    """The row whose id (in `column`) is `entry_id`."""
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, column).value == entry_id:
            return row
    raise AssertionError(f"no row {entry_id}")


def problems(error: pytest.ExceptionInfo[WorkbookError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


# ---------------------------------------------------------------------------------------------
# Unchanged: lossless


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])  # fmt: skip
@given(register=registers(max_entries=4, max_activities=6))
def test_generated_registers_come_back_exactly(tmp_path: Path, register: Register) -> None:
    for lang in LANGS:
        path = tmp_path / f"generated-{lang}.xlsx"
        export_excel(register, path, lang=lang, as_of=AS_OF)
        imported = import_workbook(path)
        assert imported == register
        assert ropa.load(dump_register(imported)) == register


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_register_comes_back_exactly(tmp_path: Path, shipped: Register, lang: str) -> None:
    path = export(shipped, tmp_path / f"ropa-{lang}.xlsx", lang)
    imported = read_workbook(path)
    assert imported.register == shipped
    assert (imported.lang, imported.as_of, imported.data_sheet) == (lang, AS_OF, True)
    assert ropa.load(dump_register(imported.register)) == shipped


@pytest.mark.parametrize("lang", LANGS)
def test_rich_register_comes_back_exactly(tmp_path: Path, rich: Register, lang: str) -> None:
    path = export(rich, tmp_path / f"rich-{lang}.xlsx", lang)
    assert import_workbook(path) == rich
    # A spreadsheet program that opens and saves it changes nothing either.
    assert import_workbook(edited(path, lambda book: None)) == rich


def test_a_workbook_with_a_changes_sheet_imports_too(
    tmp_path: Path, rich: Register, shipped: Register
) -> None:
    path = export(rich, tmp_path / "rich.xlsx", "en", since=shipped)
    assert import_workbook(path) == rich


def test_long_text_cut_in_the_sheet_comes_back_whole(tmp_path: Path, rich: Register) -> None:
    long = "x" * 40_000 + " 😀"
    register = Register.model_validate({**RICH, "activities": [
        {**RICH["activities"][0], "description": {"lv": long, "en": long + " en"}}]})  # fmt: skip
    path = export(register, tmp_path / "long.xlsx", "en")
    assert import_workbook(path) == register


def test_repeated_ids_and_unknown_references_come_back_exactly(tmp_path: Path) -> None:
    # Validation reports both; the import must still give back what the register says.
    data = copy.deepcopy(RICH)
    data["activities"].append({**data["activities"][0], "name": "Orders again",
                               "transfers": [{"country": "JP"}]})  # fmt: skip
    data["data_subjects"].append({"id": "customers", "name": "Other customers"})
    data["activities"][2]["data_categories"] = ["ghost", "contact"]
    register = Register.model_validate(data)
    for lang in LANGS:
        assert import_workbook(export(register, tmp_path / f"{lang}.xlsx", lang)) == register


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (no soffice)")
def test_a_workbook_saved_by_libreoffice_comes_back_exactly(tmp_path: Path, rich: Register) -> None:
    (tmp_path / "source").mkdir()
    source = export(rich, tmp_path / "source" / "rich.xlsx", "lv")
    out = tmp_path / "out"
    assert SOFFICE is not None
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
         str(source)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert import_workbook(out / "rich.xlsx") == rich


# ---------------------------------------------------------------------------------------------
# Edited by hand


def test_a_changed_name_changes_only_the_workbook_language(tmp_path: Path, rich: Register) -> None:
    def rename(book: Workbook) -> None:
        sheet = book["Activities"]
        sheet.cell(row_of(sheet, "orders"), 2).value = "Customer orders"
        sheet.cell(row_of(sheet, "school"), 2).value = "School clubs"

    register = import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), rename))
    orders, school = register.activities[0], register.activities[1]
    assert orders.name == {"lv": "Pasūtījumi", "en": "Customer orders"}
    # A plain text in the register's language (lv) keeps it and gains the English one.
    assert school.name == {"lv": "Skolas pulciņi", "en": "School clubs"}
    assert orders.model_copy(update={"name": rich.activities[0].name}) == rich.activities[0]
    assert register.model_copy(update={"activities": rich.activities}) == rich


def test_a_changed_text_in_the_register_language_stays_plain(
    tmp_path: Path, rich: Register
) -> None:
    def rename(book: Workbook) -> None:
        sheet = book["Apstrādes darbības"]
        sheet.cell(row_of(sheet, "school"), 2).value = "Skolas interešu pulciņi"

    register = import_workbook(edited(export(rich, tmp_path / "lv.xlsx", "lv"), rename))
    assert register.activities[1].name == "Skolas interešu pulciņi"


def test_changed_codes_words_dates_and_periods_are_read(tmp_path: Path, rich: Register) -> None:
    def change(book: Workbook) -> None:
        activities = book["Activities"]
        row = row_of(activities, "newsletter")
        activities.cell(row, 4).value = "saziņa"  # a purpose, by its Latvian label
        sources = "From the data subject\nObserved from the data subject's activity"
        activities.cell(row, 9).value = sources
        activities.cell(row, 10).value = "none"
        activities.cell(row, 14).value = "no"
        activities.cell(row, 15).value = "jā"
        activities.cell(row, 17).value = "DPIA-9 (2026-03-04)"
        activities.cell(row, 18).value = "Mailer\nCRM"
        activities.cell(row, 20).value = "2026-07-01"
        subjects = book["Data subjects"]
        subjects.cell(row_of(subjects, "customers"), 4).value = "yes"
        rules = book["Retention rules"]
        rules.cell(row_of(rules, "five_years"), 4).value = "P10Y"
        rules.cell(row_of(rules, "five_years"), 3).value = "10 years from the end of the contract"
        recipients = book["Recipients"]
        recipients.cell(row_of(recipients, "tax"), 6).value = "Latvia (LV)\nEstonia"

    register = import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), change))
    newsletter = register.activities[2]
    assert newsletter.purpose == "communication"
    assert newsletter.sources == ("data_subject", "observed")
    assert newsletter.recipients == ()
    assert (newsletter.automated_decisions, newsletter.profiling) == (False, True)
    assert newsletter.dpia is not None
    assert (newsletter.dpia.reference, newsletter.dpia.date) == ("DPIA-9", date(2026, 3, 4))
    assert newsletter.systems == ("Mailer", "CRM")
    assert newsletter.reviewed == date(2026, 7, 1)
    assert register.data_subjects[0].includes_children is True
    assert register.retention_rules[0].period == Duration(years=10)
    assert register.recipients[1].countries == ("LV", "EE")


def test_an_added_row_and_a_reference_to_it(tmp_path: Path, rich: Register) -> None:
    def add(book: Workbook) -> None:
        book["Data categories"].append(["identity", "Identity", "name, surname", "no", "yes"])
        activities = book["Activities"]
        cell = activities.cell(row_of(activities, "newsletter"), 8)
        cell.value = f"{cell.value}\nIdentity"

    register = import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), add))
    added = register.data_categories[-1]
    assert added.model_dump(exclude_defaults=True) == {
        "id": "identity", "name": {"en": "Identity"}, "examples": {"en": "name, surname"},
        "national_id": True,
    }  # fmt: skip
    assert register.activities[2].data_categories == ("contact", "identity")
    restored = {"data_categories": rich.data_categories, "activities": rich.activities}
    assert register.model_copy(update=restored) == rich


def test_an_added_activity_is_read_whole(tmp_path: Path, rich: Register) -> None:
    def add(book: Workbook) -> None:
        book["Activities"].append([
            "payroll", "Payroll", None, "Human resource management",
            "Legal obligation (Art. 6(1)(c)); law: Labour Law\nContract",
            "not applicable", "Customers", "Contact details\nhealth", "From the data subject",
            "VID (Public authority)", "none", "Five years", "Two-factor login", "no",
            "not stated", "not stated", "not stated", "Payroll system", "HR", "2026-01-15",
        ])  # fmt: skip

    register = import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), add))
    payroll = register.activities[-1]
    assert payroll.model_dump(mode="json", exclude_defaults=True) == {
        "id": "payroll", "name": {"en": "Payroll"}, "purpose": "human_resources",
        "legal_bases": [{"basis": "legal_obligation", "law": {"en": "Labour Law"}},
                        {"basis": "contract"}],
        "data_subjects": ["customers"], "data_categories": ["contact", "health"],
        "sources": ["data_subject"], "recipients": ["tax"], "transfers": [],
        "retention": "five_years", "security_measures": ["mfa"], "automated_decisions": False,
        "systems": ["Payroll system"], "owner": "HR", "reviewed": "2026-01-15",
    }  # fmt: skip


def test_reordered_rows_reorder_the_register(tmp_path: Path, rich: Register) -> None:
    def reverse(book: Workbook) -> None:
        for title in ("Activities", "Data categories"):
            sheet = book[title]
            rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
            for number, values in enumerate(reversed(rows), 2):
                for column, value in enumerate(values, 1):
                    sheet.cell(number, column).value = value

    register = import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), reverse))
    assert register.activities == tuple(reversed(rich.activities))
    assert register.data_categories == tuple(reversed(rich.data_categories))
    restored = {"activities": rich.activities, "data_categories": rich.data_categories}
    assert register.model_copy(update=restored) == rich


def test_deleted_rows_delete_entries(tmp_path: Path, rich: Register) -> None:
    def delete(book: Workbook) -> None:
        activities = book["Activities"]
        activities.delete_rows(row_of(activities, "orders"))  # its transfer row stays behind
        measures = book["Security measures"]
        measures.delete_rows(row_of(measures, "training"))

    register = import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), delete))
    assert [a.id for a in register.activities] == ["school", "newsletter"]
    assert [m.id for m in register.security_measures] == ["mfa"]
    assert register.activities == rich.activities[1:]


def test_transfers_are_rows_of_the_transfers_sheet(tmp_path: Path, rich: Register) -> None:
    def change(book: Workbook) -> None:
        sheet = book["Transfers"]
        sheet.append(["newsletter", None, "GB", None, None, "Cloud provider",
                      "Adequacy decision", None])  # fmt: skip
        sheet.cell(2, 8).value = "SCC 2021, annex II"

    register = import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), change))
    orders, newsletter = register.activities[0], register.activities[2]
    assert [t.model_dump(exclude_defaults=True) for t in orders.transfers or ()] == [
        {"country": "US", "recipient": "cloud", "safeguard": "scc",
         "reference": "SCC 2021, annex II"}]  # fmt: skip
    assert [t.model_dump(exclude_defaults=True) for t in newsletter.transfers or ()] == [
        {"country": "GB", "recipient": "cloud", "safeguard": "adequacy"}]  # fmt: skip
    assert register.activities[1].transfers == ()


def test_the_cover_gives_the_organisation_and_the_edition(tmp_path: Path, rich: Register) -> None:
    def change(book: Workbook) -> None:
        sheet = book["Cover"]
        rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
        sheet.cell(rows["Version"], 2).value = "2026.3"
        sheet.cell(rows["Address"], 2).value = "Riga, 2 Brivibas Street"
        sheet.cell(rows["Contact"], 2).value = "e-mail: privacy@piemers.lv\nWrite to us"
        sheet.cell(rows["Public body"], 2).value = "not stated"

    register = import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), change))
    assert register.register.version == "2026.3"
    organisation = register.organisation
    assert organisation.address == {"lv": "Rīga, Brīvības iela 1", "en": "Riga, 2 Brivibas Street"}
    assert organisation.contact is not None
    assert organisation.contact.email == "privacy@piemers.lv"
    assert organisation.contact.phone is None
    assert organisation.contact.note == {"lv": "Rakstiet mums", "en": "Write to us"}
    assert organisation.public_body is None
    assert register.register.waivers == rich.register.waivers  # not on the sheets: kept


EDITS = st.sampled_from(["", None, "not stated", "none", "yes", "nē", "x", 42, 3.5,
                         datetime(2026, 1, 1), "P5Y", "Latvia (LV)", "=1+1", "Consent", "a\nb",
                         "customers", "- x", "ghost (not in the catalogue)"])  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(edits=st.lists(st.tuples(st.integers(0, 10), st.integers(1, 6), st.integers(1, 22), EDITS),
                      min_size=1, max_size=4))  # fmt: skip
def test_any_edit_gives_a_register_or_named_cells(
    tmp_path: Path, rich: Register, edits: list[tuple[int, int, int, Any]]
) -> None:
    source = tmp_path / "rich.xlsx"
    if not source.exists():
        export(rich, source, "en")

    def change(book: Workbook) -> None:
        for sheet, row, column, value in edits:
            book.worksheets[sheet].cell(row, column).value = value

    try:
        register = import_workbook(edited(source, change))
    except WorkbookError as error:
        assert error.problems and all(p.where and p.message for p in error.problems)
    else:
        assert ropa.load(dump_register(register)) == register


# ---------------------------------------------------------------------------------------------
# Refusals


def test_unreadable_cells_are_named_all_at_once(tmp_path: Path, rich: Register) -> None:
    def spoil(book: Workbook) -> None:
        activities = book["Activities"]
        row = row_of(activities, "newsletter")
        activities.cell(row, 4).value = "world peace"  # no such purpose
        activities.cell(row, 14).value = "perhaps"
        activities.cell(row, 7).value = "Martians"
        book["Retention rules"]["D2"] = "five years"

    path = edited(export(rich, tmp_path / "en.xlsx", "en"), spoil)
    with pytest.raises(WorkbookError) as error:
        import_workbook(path)
    found = problems(error)
    assert [p.split(":")[0] for p in found] == [
        "Retention rules!D2",
        "Activities!D4",
        "Activities!G4",
        "Activities!N4",
    ]
    assert "'world peace' is not a purpose; write one of: " in found[1]
    assert "'Martians' is not on the sheet 'Data subjects'" in found[2]
    assert "'perhaps' is not yes, no or not stated" in found[3]
    assert "five years" in found[0]


def test_a_changed_computed_cell_says_what_to_change(tmp_path: Path, rich: Register) -> None:
    def spoil(book: Workbook) -> None:
        book["Retention rules"]["C3"] = "forever"

    with pytest.raises(WorkbookError) as error:
        import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), spoil))
    assert problems(error) == [
        "Retention rules!C3: 'Retention in words' is computed from 'Period (ISO 8601)' or "
        "'Starts' or 'Ends with'; change that instead (or leave this cell as it was)"
    ]


def test_a_row_without_an_id_and_an_unknown_column(tmp_path: Path, rich: Register) -> None:
    def spoil(book: Workbook) -> None:
        book["Data subjects"].append([None, "Visitors"])
        book["Security measures"]["F1"] = "Auditor's note"

    with pytest.raises(WorkbookError) as error:
        import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), spoil))
    found = problems(error)
    assert found[0].startswith("Data subjects!A4: the row has no id")
    assert found[1].startswith('Security measures!F1: unknown column "Auditor\'s note"')


def test_transfers_written_into_the_activities_cell_are_refused(
    tmp_path: Path, rich: Register
) -> None:
    def spoil(book: Workbook) -> None:
        activities = book["Activities"]
        activities.cell(row_of(activities, "newsletter"), 11).value = "United States (US)"

    with pytest.raises(WorkbookError) as error:
        import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), spoil))
    assert problems(error)[0].startswith("Activities!K4: transfers are read from the sheet "
                                         "'Transfers', one row per transfer")  # fmt: skip


def test_not_a_ropa_workbook(tmp_path: Path) -> None:
    other = Workbook()
    other.active.title = "Budget"  # type: ignore[union-attr]
    other.save(tmp_path / "budget.xlsx")
    with pytest.raises(WorkbookError) as error:
        import_workbook(tmp_path / "budget.xlsx")
    assert problems(error) == [
        "budget.xlsx: not a register workbook written by ropa (no sheet 'Apstrādes darbības' "
        "or 'Activities')"
    ]
    (tmp_path / "notes.xlsx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"notes\.xlsx: not an Excel workbook"):
        import_workbook(tmp_path / "notes.xlsx")
    with pytest.raises(WorkbookError, match=r"missing\.xlsx: no such file"):
        import_workbook(tmp_path / "missing.xlsx")


def test_a_damaged_data_sheet_is_named(tmp_path: Path, rich: Register) -> None:
    def spoil(book: Workbook) -> None:
        book["ropa-data"]["C5"] = '{"id": "customers", "name": '

    with pytest.raises(WorkbookError) as error:
        import_workbook(edited(export(rich, tmp_path / "en.xlsx", "en"), spoil))
    assert problems(error)[0].startswith("ropa-data!C5: the data of data_subjects customers is "
                                         "damaged")  # fmt: skip


def one_language(model: BaseModel, lang: str, language: str) -> Any:
    """What the sheets of a workbook in `lang` show of `model`: each text in that language
    only (a plain string when it is the register's)."""
    update: dict[str, Any] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            update[name] = one_language(value, lang, language)
        elif isinstance(value, tuple):
            update[name] = tuple(
                one_language(item, lang, language) if isinstance(item, BaseModel) else item
                for item in value
            )
        elif value is not None and "dict[str, str]" in str(info.annotation):  # a text field
            # The sheet marks a text it shows in another language ("[lv] ..."), so the text
            # is read back in the language it is in.
            shown = text_in(value, lang, language)
            actual = language_of(value, lang, language)
            update[name] = shown if actual == language else {actual: shown}
    return model.model_copy(update=update)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["shipped", "rich"])
def test_without_its_data_sheet_the_visible_sheets_are_read(
    tmp_path: Path, request: pytest.FixtureRequest, name: str, lang: str
) -> None:
    register: Register = request.getfixturevalue(name)

    def drop(book: Workbook) -> None:
        del book["ropa-data"]

    path = edited(export(register, tmp_path / f"{lang}.xlsx", lang), drop)
    with pytest.warns(NoDataSheet, match="no data sheet"):
        imported = import_workbook(path)
    # Every cell read back into what it shows: one language, all else the same (the waivers
    # too, from the Waivers sheet).
    assert imported == one_language(register, lang, register.register.language)


# ---------------------------------------------------------------------------------------------
# The command


def test_cli_writes_yaml_that_loads_and_validates(
    tmp_path: Path,
    rich: Register,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ROPA_LANG", raising=False)
    workbook = export(rich, tmp_path / "rich-lv.xlsx", "lv")
    out = tmp_path / "register.yaml"
    assert main(["import", str(workbook), "-o", str(out), "--lang", "lv"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith(  # in the language of the command, the workbook's by default
        "# Importējusi ropa 0.1.0 no darbgrāmatas rich-lv.xlsx (lv, stāvoklis uz 2026-11-27).\n"
        "# Pārbaudiet to ar `ropa validate`; redakcijas salīdziniet ar `ropa diff`.\n"
    )
    assert ropa.load(out) == rich
    assert "3 darbības importētas" in capsys.readouterr().err
    assert main(["validate", "--as-of", "2026-11-27", str(out)]) in (0, 1)  # read, not refused
    assert "error" not in capsys.readouterr().err
    # The same workbook gives the same file.
    again = tmp_path / "again.yaml"
    assert main(["import", str(workbook), "-o", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
    monkeypatch.setenv("ROPA_LANG", "en")
    english = tmp_path / "english.yaml"
    assert main(["import", str(workbook), "-o", str(english)]) == 0
    assert english.read_text(encoding="utf-8").startswith(
        "# Imported by ropa 0.1.0 from the workbook rich-lv.xlsx (lv, as of 2026-11-27).\n"
        "# Check it with `ropa validate`; compare editions with `ropa diff`.\n"
    )
    assert "3 activities imported" in capsys.readouterr().err
    assert ropa.load(english) == rich


def test_cli_to_standard_output(
    tmp_path: Path, rich: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = export(rich, tmp_path / "rich.xlsx", "en")
    assert main(["import", str(workbook), "-o", "-", "--lang", "en"]) == 0
    assert ropa.load(capsys.readouterr().out) == rich


def test_cli_refusals_write_nothing(
    tmp_path: Path, rich: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = export(rich, tmp_path / "rich.xlsx", "en")

    def spoil(book: Workbook) -> None:
        book["Activities"]["N2"] = "perhaps"

    spoiled = edited(workbook, spoil)
    out = tmp_path / "register.yaml"
    assert main(["import", str(spoiled), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Activities!N2: 'perhaps' is not yes, no or not stated" in err
    assert "1 problem; nothing written" in err
    assert not out.exists()
    assert main(["import", str(workbook), "-o", str(workbook)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert main(["import", str(workbook), "--lang", "lv", "-o", str(out)]) == 2
    assert "rich.xlsx: nav darblapas 'Apstrādes darbības'" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "none.xlsx"), "-o", str(out)]) == 2
    assert main(["import", str(workbook), "-o", str(tmp_path / "no" / "dir.yaml")]) == 2
    assert not out.exists()


def test_cli_warns_when_the_data_sheet_is_gone(
    tmp_path: Path, shipped: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    def drop(book: Workbook) -> None:
        del book["ropa-data"]

    workbook = edited(export(shipped, tmp_path / "en.xlsx", "en"), drop)
    out = tmp_path / "register.yaml"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the command reports it, it does not escape
        assert main(["import", str(workbook), "-o", str(out)]) == 0
    assert "ropa: warning: edited.xlsx: no data sheet 'ropa-data'" in capsys.readouterr().err
    assert len(ropa.load(out).activities) == len(shipped.activities)


def test_import_writes_yaml_even_to_a_json_name(tmp_path: Path) -> None:
    # The written text is checked as YAML; a `.json` output name must not make that check
    # demand JSON and fail.
    from ropa.cli import main as ropa_main

    workbook = tmp_path / "wb.xlsx"
    assert ropa_main(["export", "data/processing_activities.yaml", "-o", str(workbook)]) == 0
    out = tmp_path / "back.json"
    assert ropa_main(["import", str(workbook), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Importējusi ropa")  # a Latvian workbook
