"""`ropa validate` and `ropa rules` from the command line: exit codes, options, formats."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from ropa.cli import main

CLEAN = """\
format: ropa/1
register:
  kind: controller
  language: en
  reviewed: 2026-06-01
organisation:
  name: Example Ltd
  country: LV
  public_body: false
  contact: {email: privacy@example.com}
data_subjects:
  - {id: customers, name: Customers, includes_children: false}
data_categories:
  - {id: identity, name: Identity}
recipients:
  - {id: hosting, name: Hosting, kind: processor, contract: DPA-1, countries: [LV]}
retention_rules:
  - {id: five_years, name: Five years, period: P5Y, starts: end of contract, basis: Civil law}
security_measures:
  - {id: access_control, name: Access control, kind: technical}
activities:
  - id: accounts
    name: Customer accounts
    purpose: customer_management
    legal_bases:
      - basis: contract
    data_subjects: [customers]
    data_categories: [identity]
    recipients: [hosting]
    transfers: []
    retention: five_years
    security_measures: [access_control]
    reviewed: 2026-06-01
"""
AS_OF = ["--as-of", "2026-11-27"]


def _write(tmp_path: Path, text: str, name: str = "ropa.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _variant(old: str, new: str) -> str:
    assert old in CLEAN
    return CLEAN.replace(old, new)


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# One error (ROPA203), one warning (ROPA303), one info (ROPA402), one review date.
WARNING = _variant(
    "      - basis: contract\n",
    "      - basis: legitimate_interests\n        interest: Analytics\n",
)
WARNING_LINE = _line_of(WARNING, "- basis: legitimate_interests")
ERROR = _variant("    purpose: customer_management\n", "")
ERROR_LINE = _line_of(ERROR, "- id: accounts")  # the activity mapping starts at `id`
INFO = _variant("basis: Civil law}", "basis: null}")
OLD_REVIEW = _variant("    reviewed: 2026-06-01\n", "    reviewed: 2025-06-01\n")


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_clean_register_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", *AS_OF, _write(tmp_path, CLEAN)]) == 0
    out = capsys.readouterr()
    assert out.out == "0 errors, 0 warnings, 0 info (0 waived)\n"
    assert out.err == ""


def test_error_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(tmp_path, ERROR)
    assert main(["validate", *AS_OF, file]) == 1
    out = capsys.readouterr().out
    assert f"{file}:" in out
    assert "error ROPA203 purpose-missing:" in out
    assert out.endswith("1 error, 0 warnings, 0 info (0 waived)\n")


def test_warning_passes_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(tmp_path, WARNING)
    assert main(["validate", *AS_OF, file]) == 0
    assert "warning ROPA303 balancing-test-missing" in capsys.readouterr().out
    assert main(["validate", "--strict", *AS_OF, file]) == 1


def test_info_never_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(tmp_path, INFO)
    assert main(["validate", "--strict", *AS_OF, file]) == 0
    assert "info ROPA402 retention-basis-missing" in capsys.readouterr().out


def test_waived_warning_passes_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    waived = WARNING + "    waivers:\n      - {rule: ROPA303, reason: LIA in review}\n"
    assert main(["validate", "--strict", *AS_OF, _write(tmp_path, waived)]) == 0
    out = capsys.readouterr().out
    assert "[waived: LIA in review]" in out
    assert out.endswith("0 errors, 0 warnings, 0 info (1 waived)\n")


def test_as_of_moves_the_review_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(tmp_path, OLD_REVIEW)
    assert main(["validate", "--strict", "--as-of", "2026-06-01", file]) == 0
    assert "ROPA603" not in capsys.readouterr().out
    assert main(["validate", "--strict", "--as-of", "2026-11-27", file]) == 1
    assert "warning ROPA603 review-overdue" in capsys.readouterr().out


def test_bad_as_of_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--as-of", "27.11.2026", _write(tmp_path, CLEAN)])
    assert exit_.value.code == 2
    assert "is not a date (YYYY-MM-DD)" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# --select / --ignore


def test_select_keeps_only_matching_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    both = ERROR.replace("basis: Civil law}", "basis: null}")
    file = _write(tmp_path, both)
    assert main(["validate", *AS_OF, "--select", "ROPA4", file]) == 0
    out = capsys.readouterr().out
    assert "ROPA402" in out and "ROPA203" not in out
    assert main(["validate", *AS_OF, "--select", "ropa203, ROPA402", file]) == 1
    out = capsys.readouterr().out
    assert "ROPA402" in out and "ROPA203" in out


def test_ignore_drops_matching_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(tmp_path, ERROR)
    assert main(["validate", *AS_OF, "--ignore", "ROPA2", file]) == 0
    assert "ROPA203" not in capsys.readouterr().out
    assert main(["validate", *AS_OF, "--select", "ROPA2", "--ignore", "ROPA203", file]) == 0


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("codes", ["ROPA999", "ROPA8", "ROPA301,XYZ", ","])
def test_unknown_code_is_a_usage_error(
    option: str, codes: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["validate", option, codes, _write(tmp_path, CLEAN)])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}" in err
    assert "Traceback" not in err


# ---------------------------------------------------------------------------------------------
# Files that cannot be read


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("format: ropa/1\nregister: [unclosed\n", ":3:1:"),
        (CLEAN.replace("  kind: controller\n", "  kind: controller\n  kind: processor\n"), ":4:3:"),
        (CLEAN.replace("  language: en\n", "  langauge: en\n"), ":4:3:"),
        ("", ":1:1:"),
    ],
    ids=["syntax", "duplicate-key", "unknown-field", "empty"],
)
def test_unreadable_file_exits_2_with_located_message(
    text: str, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _write(tmp_path, text)
    assert main(["validate", file]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith(file + where)
    assert "Traceback" not in out.err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "nope.yaml")
    assert main(["validate", missing]) == 2
    assert capsys.readouterr().err == f"{missing}:1:1: no such file\n"


def test_file_over_max_bytes_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(tmp_path, CLEAN)
    assert main(["validate", "--max-bytes", "100", file]) == 2
    assert "over the limit of 100 bytes" in capsys.readouterr().err


def test_one_unreadable_file_among_several_still_reports_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path, WARNING, "good.yaml")
    bad = _write(tmp_path, "format: [\n", "bad.yaml")
    assert main(["validate", *AS_OF, good, bad]) == 2
    out = capsys.readouterr()
    assert "ROPA303" in out.out
    assert out.err.startswith(f"{bad}:")


def test_no_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["validate"])
    assert exit_.value.code == 2


# ---------------------------------------------------------------------------------------------
# Formats


def test_several_files_merge_into_one_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _write(tmp_path, WARNING, "a.yaml")
    second = _write(tmp_path, ERROR, "b.yaml")
    assert main(["validate", *AS_OF, "--format", "json", first, second]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [f["file"] for f in document["findings"]] == [first, second]
    assert document["summary"] == {"errors": 1, "warnings": 1, "info": 0, "waived": 0}


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(tmp_path, WARNING)
    assert main(["validate", *AS_OF, "--format", "json", file]) == 0
    document = json.loads(capsys.readouterr().out)
    (finding,) = document["findings"]
    assert finding == {
        "code": "ROPA303",
        "slug": "balancing-test-missing",
        "severity": "warning",
        "message": (
            "activity 'accounts': the legitimate interests basis cites no balancing test "
            "(assessment)"
        ),
        "message_id": "ROPA303",
        "arguments": {"activity": "accounts"},
        "article": "6(1)(f), 5(2)",
        "path": "activities[0].legal_bases[0]",
        "activity": "accounts",
        "file": file,
        "line": WARNING_LINE,
        "column": 9,
        "waived": False,
        "reason": None,
        "expired_waiver": None,
    }


def test_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = _write(tmp_path, ERROR)
    assert main(["validate", *AS_OF, "--format", "github", file]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        f"::error file={file},line={ERROR_LINE},col=5,title=ROPA203 purpose-missing::"
    )
    assert lines[0].endswith("(GDPR Art. 30(1)(b))")
    assert lines[-1] == "1 error, 0 warnings, 0 info (0 waived)"


def test_github_is_the_default_inside_github_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    file = _write(tmp_path, ERROR)
    assert main(["validate", *AS_OF, file]) == 1
    assert capsys.readouterr().out.startswith("::error file=")
    assert main(["validate", *AS_OF, "--format", "auto", file]) == 1
    assert capsys.readouterr().out.startswith("::error file=")
    assert main(["validate", *AS_OF, "--format", "text", file]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"activity 'accounts' ({file})"
    assert lines[1].startswith(f"  {file}:{ERROR_LINE}:5: error ROPA203 purpose-missing:")


def test_text_is_the_default_outside_github_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    file = _write(tmp_path, ERROR)
    assert main(["validate", *AS_OF, file]) == 1
    assert capsys.readouterr().out.startswith("activity 'accounts'")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("terminal", "no_color", "coloured"),
    [
        pytest.param(True, None, True, id="terminal"),
        pytest.param(True, "1", False, id="terminal-NO_COLOR"),
        pytest.param(False, None, False, id="pipe"),
    ],
)
def test_colour_only_on_a_terminal_without_no_color(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
    no_color: str | None,
    coloured: bool,
) -> None:
    monkeypatch.delenv("TERM", raising=False)
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    stream = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    file = _write(tmp_path, ERROR)
    assert main(["validate", *AS_OF, file]) == 1
    output = stream.getvalue()
    assert ("\x1b[31;1merror\x1b[0m" in output) is coloured
    assert ("\x1b" in output) is coloured
    assert "ROPA203 purpose-missing" in output


def test_hide_waived_leaves_out_waived_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    waived = WARNING + "    waivers:\n      - {rule: ROPA303, reason: LIA in review}\n"
    file = _write(tmp_path, waived)
    assert main(["validate", *AS_OF, file]) == 0
    shown = capsys.readouterr().out
    assert "warning ROPA303 balancing-test-missing" in shown
    assert "[waived: LIA in review]" in shown
    assert main(["validate", *AS_OF, "--hide-waived", file]) == 0
    hidden = capsys.readouterr().out
    assert "balancing-test-missing" not in hidden
    assert "[waived" not in hidden
    assert "1 waived: ROPA303" in hidden
    assert hidden.endswith("0 errors, 0 warnings, 0 info (1 waived)\n")


def test_sarif_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    file = _write(tmp_path, WARNING)
    assert main(["validate", *AS_OF, "--format", "sarif", file]) == 0
    log = json.loads(capsys.readouterr().out)
    schema_path = Path(__file__).resolve().parents[1] / "schemas" / "sarif-schema-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "ROPA303"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": WARNING_LINE,
        "startColumn": 9,
    }


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--format", "xml", _write(tmp_path, CLEAN)])
    assert exit_.value.code == 2


# ---------------------------------------------------------------------------------------------
# ropa rules


def test_rules_lists_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    from ropa.rules import RULES

    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(RULES)
    assert lines[0].split()[:4] == ["ROPA101", "error", "duplicate-id", "Art."]
    # aligned: the slug column starts at the same place on every line
    assert len({line.index(RULES[line[:7]].slug) for line in lines}) == 1


def test_rules_prints_one_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "ropa302"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ROPA302 interest-unstated\n")
    assert "## Fix" in out


def test_rules_unknown_code_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "ROPA3021"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert "ROPA3021" in out.err and "did you mean ROPA302?" in out.err


def test_validate_does_not_import_heavy_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys, ropa.cli.validate, ropa.cli.rules; "
        "print(sorted(m for m in ('jsonschema', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_command_leaves_nothing_frozen(tmp_path: Path) -> None:
    # `ropa` freezes the loaded register out of the garbage collector's way while a command
    # runs; whoever calls `main` in process gets the collector back as it was.
    import gc

    assert gc.get_freeze_count() == 0
    assert main(["validate", *AS_OF, _write(tmp_path, CLEAN)]) == 0
    assert gc.get_freeze_count() == 0


_PLUGIN = """\
import pathlib

pathlib.Path(__file__).with_name("loaded").write_text("yes")


class _Plugin:
    def new_schema_validator(self, *args, **kwargs):
        return None, None, None


plugin = _Plugin()
"""


def _with_fake_pydantic_plugin(tmp_path: Path) -> dict[str, str]:
    """An environment in which a pydantic plugin is installed; it leaves `loaded` when
    pydantic loads it."""
    import os

    (tmp_path / "fakeplugin.py").write_text(_PLUGIN, encoding="utf-8")
    info = tmp_path / "fakeplugin-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplugin\nVersion: 0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nfake = fakeplugin:plugin\n")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = str(tmp_path)
    return env


def test_the_command_runs_no_pydantic_plugin_and_leaves_the_environment(tmp_path: Path) -> None:
    import subprocess

    from conftest import SHIPPED

    env = _with_fake_pydantic_plugin(tmp_path)
    script = (
        "import os, sys; from ropa.cli import main; status = main(sys.argv[1:]); "
        "print('PYDANTIC_DISABLE_PLUGINS' in os.environ)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, "validate", str(SHIPPED)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert completed.stdout.splitlines()[-1] == "False"  # restored for the caller
    assert not (tmp_path / "loaded").exists()
    # The counterpart: ropa as a library validates with the plugins its user installed.
    subprocess.run(
        [sys.executable, "-c", f"import ropa; ropa.load({str(SHIPPED)!r})"], env=env, check=True
    )
    assert (tmp_path / "loaded").read_text() == "yes"
