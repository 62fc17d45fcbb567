"""The Changes sheet: `export_excel(..., since=OLD)` and `ropa export --since OLD`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import ropa
from conftest import AS_OF, SHIPPED
from ropa.cli import main
from ropa.diff import diff_registers
from ropa.durations import Duration
from ropa.formats.xlsx._changes import change_headers
from ropa.formats.xlsx.write import export_excel
from ropa.model import Register
from ropa.rules import validate

LANGS = ("lv", "en")
TITLES = {"lv": "Izmaiņas", "en": "Changes"}
COVER_LABEL = {"lv": "Izmaiņas kopš", "en": "Changes since"}


@pytest.fixture(scope="module")
def new() -> Register:
    return ropa.load(SHIPPED)


@pytest.fixture(scope="module")
def old(new: Register) -> Register:
    """An earlier edition: another version, one activity fewer, one activity renamed."""
    renamed = new.activities[0].model_copy(update={"name": {"lv": "Reģistrācija", "en": "Sign-up"}})
    return new.model_copy(update={
        "register": new.register.model_copy(update={"version": "2025.4"}),
        "activities": (renamed, *new.activities[1:-1]),
    })  # fmt: skip


def export(register: Register, path: Path, lang: str, since: Register | None) -> Path:
    report = validate(register, as_of=AS_OF)
    export_excel(register, path, lang=lang, report=report, since=since)
    return path


def values(sheet: Any) -> list[list[Any]]:
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_changes_sheet_lists_every_change(
    tmp_path: Path, old: Register, new: Register, lang: str
) -> None:
    book = load_workbook(export(new, tmp_path / "changes.xlsx", lang, old))
    # After Findings, before the hidden data sheet.
    assert book.sheetnames[-2:] == [TITLES[lang], "ropa-data"]
    rows = values(book[TITLES[lang]])
    assert rows[0] == change_headers(lang)
    # In the workbook's words: the part as its sheet is titled, the entry's name beside its
    # id, the field as its column is headed, the values as the column shows them.
    expected = {
        "lv": [
            ["Titullapa", "", "", "Versija", "mainīts", "2025.4", "2026.1"],
            ["Apstrādes darbības", "newsletter", "Jaunumu un īpašo piedāvājumu izsūtīšana", "",
             "pievienots", "", ""],
            ["Apstrādes darbības", "customer_registration", "Klienta reģistrācija",
             "Apstrādes darbība", "mainīts", "Reģistrācija", "Klienta reģistrācija"],
        ],
        "en": [
            ["Cover", "", "", "Version", "changed", "2025.4", "2026.1"],
            ["Activities", "newsletter", "Sending news and special offers", "", "added", "", ""],
            ["Activities", "customer_registration", "Customer registration", "Activity",
             "changed", "Sign-up", "Customer registration"],
        ],
    }[lang]  # fmt: skip
    assert rows[1:] == expected
    assert len(diff_registers(old, new).text(lang).splitlines()) > 3  # the diff agrees
    sheet = book[TITLES[lang]]
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == f"A1:G{len(rows)}"
    # An entry this edition has links to its row.
    link = sheet["B4"].hyperlink
    assert link is not None and link.location.endswith("!A2")


def test_durations_and_labels_are_shown_as_the_sheets_show_them(
    tmp_path: Path, new: Register
) -> None:
    rule = new.retention_rules[0].model_copy(update={"period": Duration(months=18)})
    older = new.model_copy(update={"retention_rules": (rule, *new.retention_rules[1:])})
    book = load_workbook(export(new, tmp_path / "periods.xlsx", "lv", older))
    (row,) = values(book[TITLES["lv"]])[1:]
    assert row[3:5] == ["Termiņš vārdos", "mainīts"]
    assert row[5] == "18 mēneši" and "P18M" not in str(row)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Data categories", "added: Contact information\nremoved: Health data"]),
        ("lv", ["Personas datu kategorijas", "pievienots: Kontaktinformācija\ndzēsts: Veselība"]),
    ],
)
def test_a_changed_list_says_what_was_added_and_removed(
    tmp_path: Path, new: Register, lang: str, expected: list[str]
) -> None:
    """An auditor reads which items came and went, in words, beside the whole old and new
    cells; a waiver, which no column of an activity shows, is named as its sheet is titled
    and said with the Waivers sheet's headings."""
    activity = new.activities[0]
    assert "contact" in activity.data_categories
    data = new.model_dump(mode="json", exclude_none=True)
    data["data_categories"].append(
        {"id": "health", "name": {"lv": "Veselība", "en": "Health data"}}
    )
    categories = [c for c in activity.data_categories if c != "contact"] + ["health"]
    data["activities"][0]["data_categories"] = categories
    data["activities"][0]["waivers"] = [{"rule": "ROPA208", "reason": "ok", "accepted_by": "DPO"}]
    older = Register.model_validate(data)
    rows = values(load_workbook(export(new, tmp_path / "lists.xlsx", lang, older))[TITLES[lang]])
    (listed,) = [row for row in rows if row[3] == expected[0]]
    assert listed[4] == expected[1]
    assert "Kontaktinformācija" in listed[6] or "Contact information" in listed[6]
    (waiver,) = [row for row in rows if row[5] and "ROPA208" in row[5]]
    waivers, rule, accepted = {
        "en": ("Waivers", "Rule", "Accepted by"),
        "lv": ("Pieņemtie konstatējumi", "Noteikums", "Pieņēma"),
    }[lang]
    assert waiver[3] == waivers
    assert waiver[5].startswith(f"{rule}: ROPA208; ") and f"{accepted}: DPO" in waiver[5]


@pytest.mark.parametrize("lang", LANGS)
def test_the_cover_says_since_which_edition(
    tmp_path: Path, old: Register, new: Register, lang: str
) -> None:
    book = load_workbook(export(new, tmp_path / "changes.xlsx", lang, old))
    cover = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
    assert (
        cover[COVER_LABEL[lang]]
        == {
            "en": "edition 2025.4: 3 changes, see the sheet 'Changes'",
            "lv": "izdevums 2025.4: 3 izmaiņas, skatīt darblapu “Izmaiņas”",
        }[lang]
    )


def test_an_edition_without_a_version_is_named_by_its_review_date(
    tmp_path: Path, old: Register, new: Register
) -> None:
    unversioned = old.model_copy(
        update={"register": old.register.model_copy(update={"version": None})}
    )
    book = load_workbook(export(new, tmp_path / "changes.xlsx", "en", unversioned))
    cover = {row[0]: row[1] for row in book["Cover"].iter_rows(values_only=True)}
    assert cover["Changes since"].startswith("edition 2026-11-24: ")


@pytest.mark.parametrize("lang", LANGS)
def test_no_changes_is_said_in_words(tmp_path: Path, new: Register, lang: str) -> None:
    book = load_workbook(export(new, tmp_path / "same.xlsx", lang, new))
    rows = values(book[TITLES[lang]])
    message = {
        "en": "Nothing has changed since edition 2026.1.",
        "lv": "Kopš izdevuma 2026.1 nekas nav mainīts.",
    }[lang]
    assert rows[1:] == [[message, "", "", "", "", "", ""]]


def test_without_since_there_is_no_changes_sheet(tmp_path: Path, new: Register) -> None:
    book = load_workbook(export(new, tmp_path / "plain.xlsx", "en", None))
    assert "Changes" not in book.sheetnames
    cover = {row[0] for row in book["Cover"].iter_rows(values_only=True)}
    assert "Changes since" not in cover


def test_the_changes_sheet_is_deterministic(tmp_path: Path, old: Register, new: Register) -> None:
    first = export(new, tmp_path / "a.xlsx", "lv", old).read_bytes()
    assert export(new, tmp_path / "b.xlsx", "lv", old).read_bytes() == first


def test_text_in_the_changes_sheet_is_safe(tmp_path: Path, new: Register) -> None:
    hostile = new.model_copy(update={
        "register": new.register.model_copy(update={"version": "=HYPERLINK(\"x\")"})})  # fmt: skip
    book = load_workbook(export(new, tmp_path / "safe.xlsx", "en", hostile))
    cell = book["Changes"]["F2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ('=HYPERLINK("x")', "s", True)


# ---------------------------------------------------------------------------------------------
# The command


def test_cli_since_adds_the_sheet(tmp_path: Path, old: Register) -> None:
    from ropa.formats.yaml import dump_register

    earlier = tmp_path / "2025.4.yaml"
    earlier.write_text(dump_register(old), encoding="utf-8")
    out = tmp_path / "ropa.xlsx"
    status = main(["export", str(SHIPPED), "--to", "xlsx", "--since", str(earlier), "-o",
                   str(out), "--as-of", "2026-11-27", "--lang", "en"])  # fmt: skip
    assert status == 0
    book = load_workbook(out)
    assert len(list(book["Changes"].iter_rows())) == 4


def test_cli_since_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ropa.xlsx"
    missing = tmp_path / "missing.yaml"
    assert main(["export", str(SHIPPED), "--since", str(missing), "-o", str(out)]) == 2
    assert f"{missing}:1:1: no such file" in capsys.readouterr().err
    assert not out.exists()
    json_out = tmp_path / "ropa.json"
    assert main(["export", str(SHIPPED), "--since", str(SHIPPED), "-o", str(json_out)]) == 2
    assert "--since is only for --to xlsx" in capsys.readouterr().err
    assert not json_out.exists()
    out.write_bytes(b"an earlier workbook")
    assert main(["export", str(SHIPPED), "--since", str(out), "-o", str(out)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
