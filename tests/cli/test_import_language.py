"""`ropa import` speaks the reader's language: `--lang`, else `ROPA_LANG`, else the language
of the workbook read, else English; every cell at fault keeps its place, `Sheet!Cell: ...`.
The regulators' layouts (CNIL, ICO) say their gaps, refusals and reports the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from tests.formats.test_cnil import TEMPLATE_ODS, TEMPLATE_XLSX
from tests.formats.test_ico import handmade
from tests.formats.xlsx.test_read import edited, export

import ropa
from ropa.cli import main
from ropa.formats._layout import TemplateError
from ropa.formats.cnil.read import import_cnil
from ropa.formats.ico.read import import_ico
from ropa.formats.xlsx.read import WorkbookError, import_workbook
from ropa.model import Register

SHIPPED = Path("data/processing_activities.yaml")


@pytest.fixture(autouse=True)
def _no_ropa_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROPA_LANG", raising=False)


@pytest.fixture(scope="module")
def shipped() -> Register:
    return ropa.load(SHIPPED)


def _broken(tmp_path: Path, register: Register, lang: str) -> Path:
    """A workbook in `lang` with a yes/no cell and a date cell typed wrongly."""
    workbook = export(register, tmp_path / f"ropa-{lang}.xlsx", lang)

    def spoil(book: Workbook) -> None:
        cover = book.worksheets[0]
        for row in cover.iter_rows(min_row=2):
            if row[0].value in ("Publiska iestāde", "Public body"):
                row[1].value = "varbūt"
            if row[0].value in ("Pārskatīts", "Reviewed"):
                row[1].value = "31.02.2026"

    return edited(workbook, spoil, f"broken-{lang}.xlsx")


def _lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.splitlines()


def test_a_model_s_own_refusal_is_said_in_the_language_too(
    tmp_path: Path,
    shipped: Register,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    workbook = export(shipped, tmp_path / "ropa-lv.xlsx", "lv")

    def spoil(book: Workbook) -> None:
        for row in book.worksheets[0].iter_rows(min_row=2):
            if row[0].value == "Reģistra valoda":
                row[1].value = "latviešu"

    broken = edited(workbook, spoil)
    out = str(tmp_path / "register.yaml")
    assert main(["import", str(broken), "--lang", "lv", "-o", out]) == 2
    (line, _) = _lines(capsys)
    assert line.startswith("Titullapa!B") and line.endswith(
        ": 'latviešu' nav ISO 639-1 valodas kods, piemēram, lv vai en"
    ), line
    monkeypatch.setenv("ROPA_LANG", "en")
    assert main(["import", str(broken), "-o", out]) == 2
    assert _lines(capsys)[0].endswith(
        ": 'latviešu' is not an ISO 639-1 language code such as lv or en"
    )


def test_a_broken_workbook_is_told_in_latvian_with_lang_lv(
    tmp_path: Path, shipped: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _broken(tmp_path, shipped, "lv")
    out = tmp_path / "register.yaml"
    assert main(["import", str(broken), "--lang", "lv", "-o", str(out)]) == 2
    lines = _lines(capsys)
    assert "Titullapa!B" in lines[0]
    assert any(
        line.startswith("Titullapa!B") and line.endswith(
            ": 'varbūt' nav jā, nē vai nav norādīts (yes, no, not stated)")
        for line in lines
    ), lines  # fmt: skip
    assert any(
        line.startswith("Titullapa!B") and line.endswith(
            ": '31.02.2026' nav datums; rakstiet to kā GGGG-MM-DD")
        for line in lines
    ), lines  # fmt: skip
    assert lines[-1] == f"ropa: {broken}: 2 problēmas; nekas nav ierakstīts"
    assert not out.exists()


def test_the_same_workbook_is_told_in_english_with_lang_en(
    tmp_path: Path, shipped: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = _broken(tmp_path, shipped, "en")
    out = tmp_path / "register.yaml"
    assert main(["import", str(broken), "--lang", "en", "-o", str(out)]) == 2
    lines = _lines(capsys)
    assert any(
        line.startswith("Cover!B") and line.endswith(
            ": 'varbūt' is not yes, no or not stated (jā, nē, nav norādīts)")
        for line in lines
    ), lines  # fmt: skip
    assert any(
        line.startswith("Cover!B") and line.endswith(
            ": '31.02.2026' is not a date; write it as YYYY-MM-DD")
        for line in lines
    ), lines  # fmt: skip
    assert lines[-1] == f"ropa: {broken}: 2 problems; nothing written"
    assert not out.exists()
    # `ropa --lang lv import` speaks Latvian of the English workbook, read as English.
    assert main(["--lang", "lv", "import", str(broken), "-o", str(out)]) == 2
    lines = _lines(capsys)
    assert any(line.startswith("Cover!B") and "nav datums" in line for line in lines), lines
    assert lines[-1] == f"ropa: {broken}: 2 problēmas; nekas nav ierakstīts"


def test_without_lang_the_workbook_s_language_then_ropa_lang_decides(
    tmp_path: Path,
    shipped: Register,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = _broken(tmp_path, shipped, "lv")
    out = str(tmp_path / "register.yaml")
    assert main(["import", str(broken), "-o", out]) == 2  # a Latvian workbook: Latvian
    assert _lines(capsys)[-1].endswith("2 problēmas; nekas nav ierakstīts")
    monkeypatch.setenv("ROPA_LANG", "en")
    assert main(["import", str(broken), "-o", out]) == 2
    assert _lines(capsys)[-1].endswith("2 problems; nothing written")
    # Before any workbook is read there is no workbook's language: English, or ROPA_LANG.
    missing = str(tmp_path / "gone.xlsx")
    monkeypatch.delenv("ROPA_LANG")
    assert main(["import", missing, "-o", out]) == 2
    assert _lines(capsys)[0] == "gone.xlsx: no such file"
    monkeypatch.setenv("ROPA_LANG", "lv")
    assert main(["import", missing, "-o", out]) == 2
    assert _lines(capsys)[0] == "gone.xlsx: šāda faila nav"


def test_a_workbook_s_refusal_and_a_missing_data_sheet_follow_the_language(
    tmp_path: Path, shipped: Register, capsys: pytest.CaptureFixture[str]
) -> None:
    other = Workbook()
    other.active.title = "Budget"  # type: ignore[union-attr]
    other.save(tmp_path / "budget.xlsx")
    out = str(tmp_path / "register.yaml")
    assert main(["import", str(tmp_path / "budget.xlsx"), "--lang", "lv", "-o", out]) == 2
    assert (
        _lines(capsys)[0]
        == "budget.xlsx: nav darblapas 'Apstrādes darbības': darbgrāmata nav valodā lv"
    )

    def drop(book: Workbook) -> None:
        del book["ropa-data"]

    workbook = edited(export(shipped, tmp_path / "lv.xlsx", "lv"), drop)
    assert main(["import", str(workbook), "-o", out]) == 0
    said = capsys.readouterr().err
    assert "ropa: brīdinājums: edited.xlsx: nav datu darblapas 'ropa-data'" in said
    assert Path(out).read_text(encoding="utf-8").startswith("# Importējusi ropa ")


def test_python_callers_get_the_message_id_and_its_arguments(
    tmp_path: Path, shipped: Register
) -> None:
    with pytest.raises(WorkbookError) as error:
        import_workbook(_broken(tmp_path, shipped, "en"))
    assert error.value.lang == "en"
    problems = {problem.message_id: problem for problem in error.value.problems}
    assert set(problems) == {"xlsx.import.not_bool", "xlsx.import.not_a_date"}
    assert problems["xlsx.import.not_bool"].arguments == (("text", "'varbūt'"),)
    date = problems["xlsx.import.not_a_date"]
    assert str(date).endswith(": '31.02.2026' is not a date; write it as YYYY-MM-DD")
    assert date.line("lv").endswith(": '31.02.2026' nav datums; rakstiet to kā GGGG-MM-DD")
    assert date.line("lv").split(": ")[0] == date.where


def test_a_template_s_gaps_refusal_and_report_in_latvian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = handmade(tmp_path / "hand.xlsx")
    report = tmp_path / "report.txt"
    out = tmp_path / "register.yaml"
    monkeypatch.setenv("ROPA_LANG", "lv")  # the template's texts are English (its default)
    argv = ["import", "--layout", "ico", str(source), "-o", str(out)]
    assert main([*argv, "--report", str(report)]) == 1
    err = capsys.readouterr().err
    assert "Controller!L2: nav 6. panta 1. punkta tiesiskais pamats: 'because we must' " in err
    assert "Controller!H2: nav valsts, ko ropa zina: 'Atlantis' saglabāts laukā " in err
    assert "nekas nav ierakstīts" in err
    text = report.read_text(encoding="utf-8")
    assert text.startswith("Piesaistīts:\n  Controller!B2 -> activities[staff_payroll].name\n")
    assert "\nNepilnības (nav piesaistītas formāta laukam):\n" in text
    assert "\nIzkārtojumā nav (nav nolasītajā reģistrā):\n  darbību id" in text
    assert not out.exists()
    assert main(["import", "--layout", "ico", str(source), "-o", str(out), "--accept-gaps"]) == 0
    header = out.read_text(encoding="utf-8").splitlines()[:2]
    assert header == [
        "# Importējusi ropa 0.1.0 no ICO veidnes hand.xlsx.",
        "# 4 vērtības nevarēja piesaistīt; pārbaudiet to ar `ropa validate`.",
    ]
    capsys.readouterr()
    # A file that is no ICO template, and the English of the same.
    empty = tmp_path / "empty.xlsx"
    Workbook().save(empty)
    assert main(["import", "--layout", "ico", str(empty), "-o", str(out)]) == 2
    assert capsys.readouterr().err.startswith(
        "empty.xlsx: nevienā darblapā nav ICO galvenes rindas (šūnas 'Purpose of processing')"
    )
    with pytest.raises(TemplateError) as error:
        import_ico(empty)
    (problem,) = error.value.problems
    assert problem.message_id == "layout.ico.not_ico"
    assert str(problem).startswith("empty.xlsx: no sheet has the ICO header row")


def test_the_cnil_template_s_gaps_in_latvian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROPA_LANG", "lv")
    out = tmp_path / "register.yaml"
    assert main(["import", "--layout", "cnil", str(TEMPLATE_ODS), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "!A9: CNIL parauga rinda '(EXEMPLE) Gestion de la paie'; izlaista" in err
    assert "4_-_Exemple_de_fiche!A1: CNIL parauga kartīte; izlaista" in err
    monkeypatch.setenv("ROPA_LANG", "en")
    assert main(["import", "--layout", "cnil", str(TEMPLATE_ODS), "-o", str(out)]) == 1
    assert "4_-_Exemple_de_fiche!A1: the CNIL's example fiche; skipped" in capsys.readouterr().err


def test_a_template_with_too_many_strings_and_an_output_refused_in_latvian(
    tmp_path: Path,
    shipped: Register,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ropa.formats.xlsx import ooxml

    monkeypatch.setattr(ooxml, "MAX_SHARED_STRINGS", 3)
    with pytest.raises(TemplateError) as error:
        import_cnil(TEMPLATE_XLSX)  # saved by LibreOffice: its texts are shared strings
    (problem,) = error.value.problems
    assert problem.message_id == "xlsx.import.shared_strings"
    assert problem.line("lv") == (
        f"{TEMPLATE_XLSX.name}: vairāk nekā 3 koplietoto virkņu; tik daudz nav nevienā "
        "reģistra darbgrāmatā: atteikts"
    )
    monkeypatch.undo()
    monkeypatch.delenv("ROPA_LANG", raising=False)
    # The register file cannot be written where asked: said in the workbook's language.
    workbook = export(shipped, tmp_path / "ropa-lv.xlsx", "lv")
    folder = tmp_path / "folder"
    folder.mkdir()
    assert main(["import", str(workbook), "-o", str(folder)]) == 2
    (line,) = _lines(capsys)
    assert line.startswith(f"ropa: {folder}") and "mape" in line, line
