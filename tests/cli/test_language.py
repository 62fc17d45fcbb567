"""What `ropa` says before a register is read (usage, option errors, a file it cannot load)
is in the language of `--lang`, else `ROPA_LANG`, else English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa.cli import main


def _err(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    return int(stopped.value.code or 0), capsys.readouterr().err


@pytest.fixture(autouse=True)
def _no_ropa_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROPA_LANG", raising=False)


def test_a_file_that_is_missing_is_said_in_the_language_asked_for(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = str(tmp_path / "gone.yaml")
    assert main(["validate", "--lang", "lv", missing]) == 2
    assert capsys.readouterr().err == f"{missing}:1:1: šāda faila nav\n"
    assert main(["validate", missing]) == 2
    assert capsys.readouterr().err == f"{missing}:1:1: no such file\n"
    monkeypatch.setenv("ROPA_LANG", "lv")
    assert main(["validate", missing]) == 2
    assert capsys.readouterr().err == f"{missing}:1:1: šāda faila nav\n"
    assert main(["validate", "--lang=en", missing]) == 2
    assert capsys.readouterr().err == f"{missing}:1:1: no such file\n"


def test_faults_of_a_register_are_said_in_latvian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text("format: ropa/1\nregister: {kind: controller, lnguage: lv}\n", "utf-8")
    assert main(["validate", "--lang", "lv", str(draft)]) == 2
    err = capsys.readouterr().err
    assert f"{draft}:1:1: nav obligātā lauka 'organisation'" in err
    assert "nezināms lauks 'lnguage' vietā register; vai domāts 'language'?" in err
    assert main(["validate", "--lang", "en", str(draft)]) == 2
    assert (
        "unknown field 'lnguage' in register; did you mean 'language'?" in capsys.readouterr().err
    )


def test_an_export_checked_by_mistake_is_told_so_in_latvian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    export = tmp_path / "ropa.json"
    export.write_text(json.dumps({"metadata": {"format": "ropa-export/1"}}), "utf-8")
    assert main(["validate", "--lang", "lv", str(export)]) == 2
    assert "šis ir ropa JSON eksports, nevis reģistrs" in capsys.readouterr().err


def test_command_line_errors_in_the_language_asked_for(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, err = _err(capsys, "validate", "--lang", "lv", "--select", "X", "a.yaml")
    assert status == 2
    assert err.startswith("lietošana: ropa validate")
    assert "ropa validate: kļūda: arguments --select: X neatbilst nevienam noteikumam" in err
    status, err = _err(capsys, "validate", "--select", "X", "a.yaml")
    assert "ropa validate: error: argument --select: X matches no rule" in err
    monkeypatch.setenv("ROPA_LANG", "lv")
    status, err = _err(capsys, "validate")
    assert "kļūda: nav norādīti obligātie argumenti: FILE" in err
    assert main(["rules", "ROPA3O3"]) == 2
    assert "katalogā nav noteikuma 'ROPA3O3'; vai domāts ROPA303?" in capsys.readouterr().err


def test_argparse_words_in_latvian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--lang", "lv", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("lietošana: ropa validate")
    assert "\nopcijas:\n" in out and "parādīt šo palīdzību un beigt" in out
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    assert "\noptions:\n" in capsys.readouterr().out


def test_an_import_that_fails_says_so_in_latvian(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing, out = str(tmp_path / "none.xlsx"), str(tmp_path / "out.yaml")
    monkeypatch.setenv("ROPA_LANG", "lv")
    assert main(["import", missing, "-o", out]) == 2
    err = capsys.readouterr().err
    assert err.startswith("none.xlsx: šāda faila nav\n")
    assert f"ropa: {missing}: 1 problēma; nekas nav ierakstīts" in err
    assert main(["import", "--lang", "en", missing, "-o", out]) == 2
    err = capsys.readouterr().err
    assert err.startswith("none.xlsx: no such file\n")
    assert f"ropa: {missing}: 1 problem; nothing written" in err


def test_broken_yaml_is_a_latvian_located_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text("format: ropa/1\nregister:\n  kind: controller\n   version: 1\n", "utf-8")
    assert main(["validate", "--lang", "lv", str(draft)]) == 2
    assert capsys.readouterr().err == (
        f"{draft}:4:11: nav derīgs YAML: kartējuma vērtības šajā vietā nav atļautas\n"
    )
    assert main(["validate", str(draft)]) == 2
    assert capsys.readouterr().err == (
        f"{draft}:4:11: not valid YAML: mapping values are not allowed in this context\n"
    )


def test_faults_the_models_find_are_said_in_latvian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text('{"format": "ropa/1", "register": {"kind": "controller", "language": "LV", '
                     '"version": "1", "reviewed": "2026-02-30"}, "organisation": '
                     '{"name": "", "country": "lv"}, "activities": []}', "utf-8")  # fmt: skip
    assert main(["--lang", "lv", "validate", str(draft)]) == 2
    err = capsys.readouterr().err
    assert "register.language: 'LV' nav ISO 639-1 valodas kods, piemēram, lv vai en" in err
    assert "register.reviewed: 2026-02-30 nav derīgs kalendāra datums" in err
    assert "valstu kodus raksta ar lielajiem burtiem" in err
    assert all(line.startswith(f"{draft}:1:") for line in err.splitlines())


def test_a_load_error_says_its_problems_in_the_language_asked_for() -> None:
    from ropa import LoadError, load

    with pytest.raises(LoadError) as raised:
        load("a: 1\n---\nb: 2\n", name="two.yaml")
    error = raised.value
    assert str(error) == "two.yaml:2:1: a second YAML document (---); a register is one document"
    assert (
        error.text("lv") == "two.yaml:2:1: otrs YAML dokuments (---); reģistrs ir viens dokuments"
    )
    assert error.lines("en") == (str(error),)
    said = error.problems[0].said
    assert said is not None and said.id == "loader.second_document"


def test_a_processor_register_is_told_in_its_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`ropa notice` on a processor's register: the refusal is in the notice's language
    (`--lang`, else `ROPA_LANG`, else the register's: Latvian here)."""
    shipped = Path("data/processing_activities.yaml").read_text(encoding="utf-8")
    processor = tmp_path / "processor.yaml"
    processor.write_text(shipped.replace("kind: controller", "kind: processor", 1), "utf-8")
    assert main(["notice", str(processor)]) == 2
    assert capsys.readouterr().err == (
        f"ropa: {processor}: šis ir apstrādātāja reģistrs; privātuma paziņojumu sniedz pārzinis"
        " (VDAR 13. un 14. pants)\n"
    )
    assert main(["notice", "--lang", "en", str(processor)]) == 2
    assert "this is a processor's register" in capsys.readouterr().err


def test_an_output_that_cannot_be_written_is_said_in_latvian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shipped = "data/processing_activities.yaml"
    assert main(["--lang", "lv", "notice", shipped, "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"ropa: {tmp_path}: ir mape; ropa raksta failos, rakstzīmju ierīcēs un kanālos\n"
    )
    missing = tmp_path / "no" / "notice.md"
    assert main(["notice", "--lang", "lv", shipped, "-o", str(missing)]) == 2
    assert f"ropa: {missing}: mapes {missing.parent} nav" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["lt", "ru", "e\x1bn", "\u202eal"])
def test_a_ropa_lang_without_a_catalogue_is_said_once_and_passed_over(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    shipped = str(Path(__file__).parents[2] / "data" / "processing_activities.yaml")
    monkeypatch.setenv("ROPA_LANG", value)
    assert main(["validate", "--lang", "en", shipped]) == 0
    captured = capsys.readouterr()
    (warning,) = [line for line in captured.err.splitlines() if "ROPA_LANG" in line]
    assert warning.startswith(f"ropa: ROPA_LANG={value!r} names no")
    assert "(en, lv); it is ignored" in warning
    assert "\x1b" not in captured.err  # shown escaped: it cannot drive the terminal
    assert "0 errors" in captured.out  # the command went on, in the language asked for


def test_a_ropa_lang_with_a_catalogue_is_taken_without_a_word(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = str(Path(__file__).parents[2] / "data" / "processing_activities.yaml")
    monkeypatch.setenv("ROPA_LANG", " EN ")
    assert main(["validate", shipped]) == 0
    captured = capsys.readouterr()
    assert "ROPA_LANG" not in captured.err
    assert "0 errors" in captured.out


def test_a_rule_page_asked_for_in_latvian_says_the_rule_in_latvian_and_marks_the_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ropa import rule_docs

    assert main(["rules", "ROPA301", "--lang", "lv"]) == 0
    out = capsys.readouterr().out
    heading, note, blank, rest = out.split("\n", 3)
    assert heading == "ROPA301: darbībai nav juridiskā pamata (6. panta 1. punkts)"
    assert note == "[en] Noteikuma lapa zemāk ir uzrakstīta tikai angļu valodā."
    assert blank == ""
    assert rest == rule_docs.page("ROPA301")  # the page itself, whole and untranslated
    assert main(["rules", "ROPA301", "--lang", "en"]) == 0
    assert capsys.readouterr().out == rule_docs.page("ROPA301")  # English: the page alone
