"""The processor's record (Art. 30(2)) in the workbook: its own sheets in Art. 30(2) order and
its own coverage sheet, both records apart in a register of both roles, in both languages;
and back through `ropa import`, with and without the data sheet, edited by hand."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import ropa
from ropa.formats.xlsx.read import NoDataSheet, WorkbookError, import_workbook
from ropa.formats.xlsx.write import export_excel
from ropa.model import Register
from ropa.rules import validate

ROOT = Path(__file__).resolve().parents[3]
MIXED = ROOT / "tests" / "fixtures" / "rules" / "mixed-roles.yaml"
PROCESSOR = ROOT / "tests" / "fixtures" / "rules" / "processor-clean.yaml"
CONTROLLER = ROOT / "tests" / "fixtures" / "rules" / "clean.yaml"
AS_OF = date(2026, 11, 27)
LANGS = ("lv", "en")
SHEETS = {
    "en": {"activities": "Activities", "processor": "Processing for controllers",
           "cards": "Record cards",
           "controllers": "Controllers", "coverage": "Art. 30 coverage",
           "processor_coverage": "Art. 30(2) coverage", "rights": "Rights", "cover": "Cover",
           "recipients": "Recipients", "transfers": "Transfers"},
    "lv": {"activities": "Apstrādes darbības", "processor": "Apstrāde pārziņu vārdā",
           "cards": "Darbību kartītes",
           "controllers": "Pārziņi", "coverage": "30. panta pilnīgums",
           "processor_coverage": "30. panta 2. punkta pilnīgums",
           "rights": "Datu subjektu tiesības", "cover": "Titullapa", "recipients": "Saņēmēji",
           "transfers": "Nosūtīšana uz trešām valstīm"},
}  # fmt: skip


def export(register: Register, path: Path, lang: str) -> Path:
    export_excel(register, path, lang=lang, report=validate(register, as_of=AS_OF))
    return path


def rows(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def ids(sheet: Any) -> list[str]:
    return [row[0] for row in rows(sheet)[1:]]


@pytest.fixture(scope="module")
def mixed() -> Register:
    return ropa.load(MIXED)


@pytest.fixture(scope="module")
def processor() -> Register:
    return ropa.load(PROCESSOR)


# ---------------------------------------------------------------------------------------------
# Writing


@pytest.mark.parametrize("lang", LANGS)
def test_a_mixed_register_gets_both_records_each_with_its_own_activities(
    tmp_path: Path, mixed: Register, lang: str
) -> None:
    book = load_workbook(export(mixed, tmp_path / "mixed.xlsx", lang))
    names = SHEETS[lang]
    for key in ("activities", "processor", "controllers", "coverage", "processor_coverage",
                "rights"):  # fmt: skip
        assert names[key] in book.sheetnames, key
    # The controller's record holds no processor activity, and the processor's no controller
    # activity; the same for their coverage sheets and the rights.
    assert ids(book[names["activities"]]) == ["customer_accounts"]
    assert ids(book[names["coverage"]]) == ["customer_accounts"]
    assert ids(book[names["rights"]]) == ["customer_accounts"]
    assert ids(book[names["processor"]]) == ["client_shop_hosting"]
    assert ids(book[names["processor_coverage"]]) == ["client_shop_hosting"]
    cover = {row[0]: row[1] for row in rows(book[names["cover"]])}
    records = cover["Reģistra daļas" if lang == "lv" else "Records in this workbook"]
    assert names["activities"] in records and names["processor"] in records
    assert ("30. panta 2. punkts" if lang == "lv" else "Art. 30(2)") in records


def test_the_processor_record_is_in_article_30_2_order(tmp_path: Path, mixed: Register) -> None:
    book = load_workbook(export(mixed, tmp_path / "mixed.xlsx", "en"))
    header, row = rows(book["Processing for controllers"])
    articles = [h.split("\n")[1] for h in header[2:6]]
    assert articles == ["(Art. 30(2)(a))", "(Art. 30(2)(b))", "(Art. 30(2)(c))", "(Art. 30(2)(d))"]
    assert header[2].startswith("Controllers it is carried out for")
    assert row[:6] == [
        "client_shop_hosting",
        "Hosting of Client A's web shop",
        "Client A SIA",
        "Hosting, backup and maintenance of the client's shop database",
        "none",
        "Access control",
    ]
    # The controller's name links to its row on the Controllers sheet.
    link = book["Processing for controllers"]["C2"].hyperlink
    assert link is not None and link.location == "'Controllers'!A2"
    coverage_header = rows(book["Art. 30(2) coverage"])[0]
    assert [h.split("\n")[1] for h in coverage_header[2:6]] == articles
    assert (
        "(a) Name and contact details of the processor and of each controller"
        in (coverage_header[2])
    )


@pytest.mark.parametrize("lang", LANGS)
def test_controllers_sheet_lists_per_controller_the_processing_on_its_behalf(
    tmp_path: Path, processor: Register, lang: str
) -> None:
    book = load_workbook(export(processor, tmp_path / "processor.xlsx", lang))
    header, shop, clinic = rows(book[SHEETS[lang]["controllers"]])
    assert header[5] == (
        "Līgums ar apstrādātāju (28. panta 3. punkts)"
        if lang == "lv"
        else "Contract with the processor (Art. 28(3))"
    )
    assert shop[:3] == ["shop_a", "Shop A SIA", "e-pasts: dpo@shop-a.example"
                        if lang == "lv" else "e-mail: dpo@shop-a.example"]  # fmt: skip
    assert clinic[4].startswith("B. Ozola")  # the controller's DPO
    processing = "Hosting of the controllers' databases: Storage, backup and restore"
    if lang == "lv":  # the register is in English: marked so in the Latvian workbook
        processing = "[en] Hosting of the controllers' databases: [en] Storage, backup and restore"
    assert shop[6].startswith(processing) and clinic[6].startswith(processing)
    assert [shop[5], clinic[5]] == ["DPA-2025-07", "DPA-2026-02"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_processor_register_has_no_controller_record(
    tmp_path: Path, processor: Register, lang: str
) -> None:
    book = load_workbook(export(processor, tmp_path / "processor.xlsx", lang))
    names = SHEETS[lang]
    for key in ("activities", "coverage", "rights"):
        assert names[key] not in book.sheetnames
    recipients = rows(book[names["recipients"]])
    assert recipients[1][6] == (
        "vispārēja rakstiska atļauja; atsauce: DPA-2025-07 §9; DPA-2026-02 §7"
        if lang == "lv"
        else "general written authorisation; reference: DPA-2025-07 §9; DPA-2026-02 §7"
    )
    transfer = rows(book[names["transfers"]])[1]
    assert transfer[0] == "shop_hosting" and transfer[2] == "US"
    link = book[names["transfers"]]["A2"].hyperlink
    assert link is not None and link.location == f"'{names['cards']}'!A2"  # its record card


def test_a_controller_register_has_no_processor_record(tmp_path: Path) -> None:
    book = load_workbook(export(ropa.load(CONTROLLER), tmp_path / "controller.xlsx", "en"))
    for key in ("processor", "controllers", "processor_coverage"):
        assert SHEETS["en"][key] not in book.sheetnames
    header = rows(book["Recipients"])[0]
    assert not any("authorisation" in str(title) for title in header)


# ---------------------------------------------------------------------------------------------
# Reading back


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("source", [MIXED, PROCESSOR])
def test_round_trip_is_exact(tmp_path: Path, source: Path, lang: str) -> None:
    register = ropa.load(source)
    assert import_workbook(export(register, tmp_path / "book.xlsx", lang)) == register


@pytest.mark.parametrize("lang", LANGS)
def test_interleaved_roles_keep_the_register_order(
    tmp_path: Path, mixed: Register, lang: str
) -> None:
    register = mixed.model_copy(update={"activities": mixed.activities[::-1]})
    back = import_workbook(export(register, tmp_path / "book.xlsx", lang))
    assert [a.id for a in back.activities] == ["client_shop_hosting", "customer_accounts"]
    assert back == register


@pytest.mark.parametrize("lang", LANGS)
def test_without_the_data_sheet_the_processor_record_is_read_from_its_cells(
    tmp_path: Path, mixed: Register, lang: str
) -> None:
    path = export(mixed, tmp_path / "book.xlsx", lang)
    book = load_workbook(path)
    del book["ropa-data"]
    book.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NoDataSheet)
        back = import_workbook(path)
    assert back.controllers == mixed.controllers
    assert back.recipients[0].authorisation == mixed.recipients[0].authorisation
    hosting = back.processor_activities[0]
    assert (hosting.id, hosting.on_behalf_of, hosting.security_measures) == (
        "client_shop_hosting", ("client_a",), ("access_control",))  # fmt: skip
    assert [a.id for a in back.controller_activities] == ["customer_accounts"]


def test_edited_controllers_and_a_processor_row_added_by_hand(
    tmp_path: Path, processor: Register
) -> None:
    path = export(processor, tmp_path / "book.xlsx", "en")
    book = load_workbook(path)
    controllers = book["Controllers"]
    controllers["F2"] = "DPA-2027-01"
    controllers["C3"] = "e-mail: privacy@clinic-b.example"
    sheet = book["Processing for controllers"]
    sheet.append(["support", "Remote support", "Clinic B SIA", "Remote support sessions",
                  "none", "Encryption at rest and in transit"])  # fmt: skip
    recipients = book["Recipients"]
    recipients["G2"] = "specific written authorisation; reference: annex 4"
    book.save(path)
    back = import_workbook(path)
    shop, clinic = back.controllers
    assert shop.contract == "DPA-2027-01"
    assert clinic.contact is not None and clinic.contact.email == "privacy@clinic-b.example"
    assert clinic.dpo == processor.controllers[1].dpo  # the cell left as it was
    support = back.activities[-1]
    assert (support.id, support.role, support.on_behalf_of) == ("support", None, ("clinic_b",))
    assert back.role_of(support) == "processor"
    assert support.transfers == () and support.security_measures == ("encryption",)
    authorisation = back.recipients[0].authorisation
    assert authorisation is not None
    assert (authorisation.kind, authorisation.reference) == ("specific", "annex 4")


def test_a_row_moved_to_the_processor_record_becomes_a_processor_activity(
    tmp_path: Path, mixed: Register
) -> None:
    path = export(mixed, tmp_path / "book.xlsx", "en")
    book = load_workbook(path)
    book["Activities"].delete_rows(2)
    book["Processing for controllers"].append(
        ["customer_accounts", "Customer accounts", "Client A SIA", "Support of the client's shop",
         "none", "Access control"])  # fmt: skip
    book.save(path)
    back = import_workbook(path)
    moved = next(a for a in back.activities if a.id == "customer_accounts")
    assert moved.role == "processor" and moved.on_behalf_of == ("client_a",)
    assert back.controller_activities == ()


def test_an_unreadable_authorisation_names_its_cell(tmp_path: Path, processor: Register) -> None:
    path = export(processor, tmp_path / "book.xlsx", "en")
    book = load_workbook(path)
    book["Recipients"]["G2"] = "a handshake"
    book["Processing for controllers"]["C2"] = "Nobody SIA"
    book.save(path)
    with pytest.raises(WorkbookError) as error:
        import_workbook(path)
    messages = [str(problem) for problem in error.value.problems]
    assert any(
        m.startswith("Recipients!G2: 'a handshake' is not an authorisation") for m in messages
    )
    assert any(m.startswith("Processing for controllers!C2: 'Nobody SIA' is not on the sheet "
                            "'Controllers'") for m in messages)  # fmt: skip
