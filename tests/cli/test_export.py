"""`ropa export`: the workbook from the command line, and its refusals."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import SHIPPED
from ropa.cli import main

BROKEN = """\
format: ropa/1
register: {kind: controller, language: en}
organisation: {name: Example SIA, country: LV, contact: {email: dpo@example.lv}}
activities:
  - id: orders
    name: Orders
    data_subjects: [nobody]
"""
"""A register the loader accepts but validation finds errors in (no purpose, no legal basis,
an unknown data subject)."""


def test_exports_the_shipped_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ropa-lv.xlsx"
    status = main(["export", str(SHIPPED), "--to", "xlsx", "-o", str(out), "--lang", "lv",
                   "--as-of", "2026-11-27"])  # fmt: skip
    assert status == 0
    book = load_workbook(out)
    assert book.sheetnames[:2] == ["Titullapa", "Apstrādes darbības"]
    cover = {row[0]: row[1] for row in book["Titullapa"].iter_rows(min_row=2, values_only=True)}
    assert cover["Stāvoklis uz"].date().isoformat() == "2026-11-27"
    assert ": 8 darbības, 0 kļūdas, 18 brīdinājumi" in capsys.readouterr().err


def test_format_from_the_suffix_and_the_registers_language_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ropa.xlsx"
    monkeypatch.delenv("ROPA_LANG", raising=False)
    assert main(["export", str(SHIPPED), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    assert load_workbook(out).sheetnames[0] != "Cover"  # the shipped register is Latvian
    monkeypatch.setenv("ROPA_LANG", "en")
    assert main(["export", str(SHIPPED), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    assert load_workbook(out).sheetnames[0] == "Cover"


def test_same_as_of_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (first, second):
        assert main(["export", str(SHIPPED), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_as_of_feeds_validation_and_the_findings_sheet(tmp_path: Path) -> None:
    # The register was reviewed on 2026-11-24; years later the review-age rule fires.
    early, late = tmp_path / "early.xlsx", tmp_path / "late.xlsx"
    for out, day in ((early, "2026-11-27"), (late, "2030-01-01")):
        assert main(["export", str(SHIPPED), "-o", str(out), "--as-of", day, "--lang", "en"]) == 0

    def codes(path: Path) -> set[str]:
        rows = load_workbook(path)["Findings"].iter_rows(min_row=2, values_only=True)
        return {row[1] for row in rows}

    assert codes(late) - codes(early)


def test_error_findings_do_not_stop_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "broken.yaml"
    register.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "broken.xlsx"
    assert main(["export", str(register), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    rows = list(load_workbook(out)["Findings"].iter_rows(min_row=2, values_only=True))
    assert any(row[0] == "error" for row in rows)
    assert "error" in capsys.readouterr().err


def test_refuses_to_overwrite_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = tmp_path / "register.yaml"
    register.write_bytes(SHIPPED.read_bytes())
    assert main(["export", str(register), "--to", "xlsx", "-o", str(register)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert register.read_bytes() == SHIPPED.read_bytes()


def test_missing_directory_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no" / "such" / "ropa.xlsx"
    assert main(["export", str(SHIPPED), "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "does not exist" in error
    assert not (tmp_path / "no").exists()


def test_output_that_is_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "folder.xlsx"
    out.mkdir()
    assert main(["export", str(SHIPPED), "-o", str(out)]) == 2
    assert "is a directory" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert main(["export", str(SHIPPED), "-o", str(folder / "ropa.xlsx")]) == 2
    finally:
        folder.chmod(0o700)
    assert "cannot write" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_unwritable_place_even_for_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("needs /proc, where no one can create files")
    assert main(["export", str(SHIPPED), "-o", "/proc/self/ropa.xlsx"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("ropa: /proc/self/ropa.xlsx: cannot write") and error.count("\n") == 1


def test_unknown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SHIPPED), "-o", str(tmp_path / "ropa.ods")]) == 2
    assert "give --to" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(SHIPPED), "--to", "pdf", "-o", str(tmp_path / "x.pdf")])
    assert exit_info.value.code == 2
    assert list(tmp_path.iterdir()) == []


def test_unreadable_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register = tmp_path / "bad.yaml"
    register.write_text("format: ropa/1\nregister: [\n", encoding="utf-8")
    assert main(["export", str(register), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "bad.yaml:" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_max_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.xlsx"
    assert main(["export", str(SHIPPED), "-o", str(out), "--max-bytes", "100"]) == 2
    assert not out.exists()
