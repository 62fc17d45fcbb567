"""A catalogue indexed by id, the same way everywhere: where an id repeats (an error ROPA101
reports), the first entry is the one a reference names, in the rules and in every export
(the CNIL and ICO layouts used to take the last)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import ropa
from conftest import SHIPPED
from ropa.model import CATALOGUES, Register, by_id

SECOND = "Second entry of a repeated id"


def _with_repeated_recipient() -> tuple[Register, str]:
    """The shipped register with its first recipient repeated under the same id, renamed;
    and the first one's English name."""
    register = ropa.load(SHIPPED)
    first = register.recipients[0]
    named = {"lv": SECOND, "en": SECOND}
    repeated = first.model_copy(update={"name": named})
    recipients = (first, repeated, *register.recipients[1:])
    assert any(first.id in (a.recipients or ()) for a in register.activities)
    name = register.text(first.name, "en")
    assert name is not None
    return register.model_copy(update={"recipients": recipients}), name


def _cells(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    try:
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    finally:
        book.close()


def test_by_id_keeps_the_first_entry_of_a_repeated_id() -> None:
    register, _ = _with_repeated_recipient()
    index = by_id(register.recipients)
    assert list(index) == list(dict.fromkeys(r.id for r in register.recipients))
    assert index[register.recipients[0].id] is register.recipients[0]


def test_catalogues_are_the_register_fields_that_hold_entries_with_ids() -> None:
    fields = Register.model_fields
    assert all(name in fields for name in CATALOGUES)
    with_ids = [
        name
        for name, info in fields.items()
        if "id" in getattr(getattr(info.annotation, "__args__", (None,))[0], "model_fields", {})
    ]
    assert sorted(with_ids) == sorted((*CATALOGUES, "activities"))  # what names the entries


@pytest.mark.parametrize("layout", ["cnil", "ico"])
def test_a_layout_workbook_names_the_first_entry(tmp_path: Path, layout: str) -> None:
    from ropa.formats import layout_exporter

    register, first_name = _with_repeated_recipient()
    out = tmp_path / f"{layout}.xlsx"
    layout_exporter(layout)(register, out, lang="en")
    cells = _cells(out)
    assert SECOND not in cells
    assert first_name in cells


def test_the_json_export_and_the_rules_name_the_first_entry(tmp_path: Path) -> None:
    register, first_name = _with_repeated_recipient()
    report = ropa.validate(register)
    assert "ROPA101" in {finding.code for finding in report.findings}
    out = tmp_path / "register.json"
    ropa.export_json(register, out, lang="en", report=report)
    text = out.read_text(encoding="utf-8")
    document: Any = json.loads(text)
    assert SECOND not in json.dumps(document["activities"], ensure_ascii=False)
    assert first_name in text
