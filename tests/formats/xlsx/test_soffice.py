"""The workbook in a real spreadsheet program: LibreOffice opens it and every value survives.

LibreOffice converts each workbook headless to one CSV file per sheet (the last CSV filter
option, -1, exports every sheet; LibreOffice 7.2 or later), and each sheet's values are
compared with what openpyxl reads from the same workbook. CI installs LibreOffice
(`libreoffice-calc-nogui`); elsewhere the test is skipped only when `soffice` is absent.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import ropa
from conftest import AS_OF, ROOT, SHIPPED
from ropa.formats.xlsx.write import export_excel
from ropa.model import Register
from ropa.rules import validate

MIXED = ROOT / "tests" / "fixtures" / "rules" / "mixed-roles.yaml"  # both records
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice is not installed (no soffice on PATH); CI installs "
        "libreoffice-calc-nogui to run this test",
    ),
]

# Filter options: comma, double quote, UTF-8, from line 1, no column formats, default language,
# do not quote every text, (import only), save cell contents as shown (dates as yyyy-mm-dd),
# values not formulas, keep spaces, every sheet to its own file.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def hostile_register() -> Register:
    """A register whose text tries everything: formulas, controls, a long text, scripts."""
    data: dict[str, Any] = {
        "format": "ropa/1",
        "register": {"kind": "controller", "language": "en", "version": "=VERSION()"},
        "organisation": {"name": "Example & Sons \"Ltd\" <b>", "country": "LV",
                         "contact": {"email": "@mention", "phone": "+371 2000 0000"}},
        "data_subjects": [{"id": "customers", "name": "-customers"}],
        "data_categories": [{"id": "health", "name": "=HYPERLINK(\"http://x\")",
                             "special": "health"}],
        "recipients": [{"id": "cloud", "name": "\tCloud", "kind": "processor",
                        "countries": ["US"]}],
        "activities": [{
            "id": "care", "name": "\r=1+1 care", "description": "x" * 40_000,
            "purpose": "service_provision", "legal_bases": [{"basis": "consent"}],
            "data_subjects": ["customers"], "data_categories": ["health"],
            "recipients": ["cloud"], "transfers": [{"country": "US", "recipient": "cloud"}],
            "systems": ["#N/A", "0042", "1e5", "Ūdens ķēde «ДАННЫЕ» 数据 😀", "a\x01b"],
            "owner": "@owner", "reviewed": "2026-01-31",
        }],
    }  # fmt: skip
    return Register.model_validate(data)


def as_shown(value: Any) -> str:
    """A cell value as LibreOffice writes it to CSV (dates as formatted: yyyy-mm-dd)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def trimmed(rows: list[list[str]]) -> list[list[str]]:
    """Rows without trailing empty cells, and without trailing empty rows."""
    result = []
    for row in rows:
        cells = list(row)
        while cells and cells[-1] == "":
            cells.pop()
        result.append(cells)
    while result and not result[-1]:
        result.pop()
    return result


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Workbooks (shipped register in lv and en, hostile register), converted once."""
    folder = tmp_path_factory.mktemp("soffice")
    shipped = ropa.load(SHIPPED)
    hostile = hostile_register()
    workbooks = {}
    mixed = ropa.load(MIXED)
    for name, register, lang in (("shipped-lv", shipped, "lv"), ("shipped-en", shipped, "en"),
                                 ("hostile", hostile, "en"), ("mixed-lv", mixed, "lv"),
                                 ("mixed-en", mixed, "en")):  # fmt: skip
        workbooks[name] = folder / f"{name}.xlsx"
        report = validate(register, as_of=AS_OF)
        export_excel(register, workbooks[name], lang=lang, report=report)
    profile = folder / "profile"  # a fresh LibreOffice user profile for this run
    out = folder / "csv"
    assert SOFFICE is not None
    completed = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", CSV_FILTER, "--outdir", str(out), *map(str, workbooks.values())],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return workbooks


@pytest.mark.parametrize("name", ["shipped-lv", "shipped-en", "hostile", "mixed-lv", "mixed-en"])
def test_every_sheet_survives_libreoffice(converted: dict[str, Path], name: str) -> None:
    workbook = converted[name]
    book = load_workbook(workbook)
    for sheet in book.worksheets:
        csv_file = workbook.parent / "csv" / f"{workbook.stem}-{sheet.title}.csv"
        assert csv_file.exists(), f"LibreOffice wrote no {csv_file.name}"
        with open(csv_file, newline="", encoding="utf-8") as stream:
            seen = trimmed(list(csv.reader(stream)))
        expected = trimmed(
            [[as_shown(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        )
        assert seen == expected, sheet.title


def test_hostile_text_is_text_in_libreoffice(converted: dict[str, Path]) -> None:
    workbook = converted["hostile"]
    with open(workbook.parent / "csv" / "hostile-Activities.csv", newline="",
              encoding="utf-8") as stream:  # fmt: skip
        row = list(csv.reader(stream))[1]
    assert row[1] == "\r=1+1 care"  # not 2, not an error: the text as written
    assert row[17] == "#N/A\n0042\n1e5\nŪdens ķēde «ДАННЫЕ» 数据 😀\nab"
    assert row[18] == "@owner"
    assert row[2].endswith("characters more; see the register]")
