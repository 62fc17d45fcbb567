"""`ropa --help` and every command's `--help` in the language of `--lang` (before or after
the command), else `ROPA_LANG`, else English; `ropa --lang X COMMAND` speaks X throughout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED
from ropa.cli import _COMMANDS, main


@pytest.fixture(autouse=True)
def _no_ropa_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROPA_LANG", raising=False)


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """What `ropa ARGV` prints, each run of spaces and line breaks made one space (argparse
    wraps the lines to the terminal's width)."""
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    assert stopped.value.code == 0
    return " ".join(capsys.readouterr().out.split())


def test_ropa_help_in_latvian_when_asked_before_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _help(capsys, "--lang", "lv", "--help")
    assert out.startswith("lietošana: ropa")
    assert "VDAR 30. panta apstrādes darbību reģistri" in out
    assert " komandas: COMMAND " in out
    assert "pārbaudīt reģistrus pēc noteikumu kataloga" in out
    assert "parādīt programmas versiju un beigt" in out
    english = _help(capsys, "--help")
    assert "GDPR Article 30 records of processing activities" in english
    assert "check registers against the rule catalogue" in english
    assert " commands: COMMAND " in english


def test_a_command_help_follows_lang_before_it_or_ropa_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _help(capsys, "--lang", "lv", "validate", "--help")
    assert "beigt ar neveiksmi arī nepieņemtu brīdinājumu dēļ" in before
    assert "atteikt reģistra failus, kas lielāki par N baitiem (noklusējums 52,428,800)" in before
    monkeypatch.setenv("ROPA_LANG", "lv")
    assert _help(capsys, "validate", "--help") == before
    # --lang beats ROPA_LANG
    english = _help(capsys, "--lang", "en", "validate", "--help")
    assert "fail on open warnings too, not only on errors" in english


def test_ropa_lang_gives_latvian_help_to_a_fresh_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ropa", "export", "--help"],
        capture_output=True, text=True, check=True, env={**os.environ, "ROPA_LANG": "lv"},
    )  # fmt: skip
    assert done.stdout.startswith("lietošana: ropa export")
    assert "darblapu nosaukumu, virsrakstu un apzīmējumu valoda" in done.stdout
    assert "$ROPA_LANG" in done.stdout


@pytest.mark.parametrize("command", sorted(_COMMANDS))
def test_every_command_has_its_help_in_latvian(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "lv", command, "--help"])
    latvian = capsys.readouterr().out
    with pytest.raises(SystemExit):
        main([command, "--help"])
    english = capsys.readouterr().out
    assert latvian.startswith(f"lietošana: ropa {command}")
    assert english.startswith(f"usage: ropa {command}")
    # No line of English help text is left in the Latvian help (options and names aside).
    said = {line.strip() for line in latvian.splitlines()}
    assert [line for line in english.splitlines() if len(line.split()) > 3 and
            line.strip() in said and "--" not in line] == []  # fmt: skip


def test_lang_before_the_command_is_the_output_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--lang", "lv", "validate", "--as-of", "2026-11-27", str(SHIPPED)]) in (0, 1)
    out = capsys.readouterr().out
    assert "nav norādīts neviens drošības pasākums" in out
    assert main(["--lang", "en", "validate", "--as-of", "2026-11-27", str(SHIPPED)]) in (0, 1)
    assert "names no security measure" in capsys.readouterr().out
    # the command's own --lang wins
    assert main(["--lang", "lv", "validate", "--lang", "en", str(SHIPPED)]) in (0, 1)
    assert "names no security measure" in capsys.readouterr().out


def test_lang_before_import_is_not_the_workbook_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`ropa import`'s --lang says what the workbook is in; `ropa --lang lv import` only
    asks for Latvian messages."""
    book = tmp_path / "ropa.xlsx"
    assert main(["export", str(SHIPPED), "--lang", "en", "-o", str(book)]) == 0
    capsys.readouterr()
    out = tmp_path / "back.yaml"
    assert main(["--lang", "lv", "import", str(book), "-o", str(out)]) == 0
    assert "importētas no" in capsys.readouterr().err
    assert out.is_file()


def test_usage_errors_in_latvian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--lang", "lv", "validate", "--max-bytes", "0", "x.yaml"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "kļūda: arguments --max-bytes: '0' nav baitu skaits no 1 līdz" in err
    with pytest.raises(SystemExit):
        main(["--lang", "lv", "validate", "--strict=yes", "x.yaml"])
    assert "ignorēts tieši norādītais arguments 'yes'" in capsys.readouterr().err
