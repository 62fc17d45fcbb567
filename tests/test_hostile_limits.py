"""Hostile registers inside the size limit: work and memory bounded, no traceback, every place
reported as the editor shows it, nothing that can drive a terminal or forge a CI annotation.

The bounds are checked by the work done (calls counted, work at two sizes compared), never by
a wall-clock time: a test of a quadratic path would take seconds, not hours, without its fix.
"""

from __future__ import annotations

import difflib
import json
import time
from pathlib import Path

import pytest

import ropa
from ropa.cli import main
from ropa.loader import LoadError, load
from ropa.loader.events import MAX_ALIAS_CHARACTERS, MAX_NUMBER_LENGTH
from ropa.loader.models import MAX_SUGGESTIONS
from ropa.text.escape import printable

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "processing_activities.yaml"

BASE = """\
format: ropa/1
register:
  kind: controller
  language: en
  reviewed: 2026-11-24
organisation:
  name: Example SIA
  country: LV
activities:
  - id: orders
    name: Orders
    purpose: service_provision
    legal_bases:
      - basis: contract
    transfers: []
"""


def problems_of(document: str | bytes, name: str | None = None) -> list[str]:
    """The problems `load` reports, as lines; the test fails if it loads."""
    data = document.encode("utf-8") if isinstance(document, str) else document
    with pytest.raises(LoadError) as error:
        load(data, name=name)
    return [str(problem) for problem in error.value.problems]


# ---------------------------------------------------------------------------------------------
# Aliases: their expanded size in characters, not only in nodes


def test_a_long_text_repeated_by_aliases_is_refused_at_the_alias_that_crosses_the_limit() -> None:
    # 500 KB of text and 1,000 aliases of it: a 0.5 MB file that stands for 500 MB of text
    # (the JSON export of it was 500 MB, and the export took 2 GB of memory).
    text = BASE + "long: &t " + "x" * 500_000 + "\nmany:\n" + "  - *t\n" * 1_000
    crossing = MAX_ALIAS_CHARACTERS // 500_000 + 1  # the alias that crosses the limit
    line = BASE.count("\n") + 2 + crossing
    assert problems_of(text) == [
        f"<text>:{line}:5: aliases expand to more than {MAX_ALIAS_CHARACTERS:,} characters "
        "of text; the document is refused (an alias bomb?)"
    ]


def test_aliases_of_long_texts_within_the_limit_load() -> None:
    text = BASE.replace(
        "    transfers: []\n", "    transfers: []\n    description: &d " + "y" * 100_000 + "\n"
    )
    text += "".join(
        f"  - id: more{number}\n    name: More\n    description: *d\n" for number in range(9)
    )
    register = load(text)
    assert all(len(str(a.description)) == 100_000 for a in register.activities)


def test_nested_aliases_count_every_character_they_stand_for() -> None:
    # An alias of a list of aliases: the characters of the whole expansion are counted.
    text = BASE + "a: &a [" + ", ".join(["z" * 1_000] * 10) + "]\n"
    text += "b: &b [" + ", ".join(["*a"] * 100) + "]\n"  # 1,000,000 characters
    text += "c: [" + ", ".join(["*b"] * 20) + "]\n"  # 20,000,000 more: refused
    assert "characters of text" in problems_of(text)[0]


# ---------------------------------------------------------------------------------------------
# Duplicate and unknown keys: linear, not quadratic


def _cpu(text: str) -> float:
    data = text.encode("utf-8")
    start = time.process_time()
    with pytest.raises(LoadError):
        load(data)
    return time.process_time() - start


def _growth(make: object, small: int, large: int) -> float:
    """How many times more work `large` keys take than `small` (best of three each)."""
    assert callable(make)
    cost_small = min(_cpu(make(small)) for _ in range(3))
    cost_large = min(_cpu(make(large)) for _ in range(3))
    return cost_large / max(cost_small, 1e-4)


def test_duplicate_keys_cost_linear_work() -> None:
    # Each duplicate used to copy the mapping's keys to find the first: 1 MB took 41 s.
    def duplicates(count: int) -> str:
        keys = "".join(f"  key{n}: {n}\n" for n in range(count // 2))
        return BASE + "dups:\n" + keys + keys

    problems = problems_of(duplicates(6))
    assert problems[1:] == [
        f"<text>:{20 + n}:3: duplicate key 'key{n}' (first written at line {17 + n})"
        for n in range(3)
    ]
    # Ten times the keys: about ten times the work (a hundred times when quadratic).
    assert _growth(duplicates, 4_000, 40_000) < 35


def test_unknown_keys_cost_linear_work_and_bounded_suggestions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []
    original = difflib.get_close_matches

    def counted(*args: object, **kwargs: object) -> list[str]:
        calls.append(args[0])
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "get_close_matches", counted)

    def unknown(count: int) -> str:
        keys = "".join(f"  unknown_{n}: 1\n" for n in range(count))
        return BASE.replace("organisation:\n", "organisation:\n" + keys)

    problems = problems_of(unknown(5_000))
    assert len(problems) == 5_000  # every one reported
    assert len(calls) == MAX_SUGGESTIONS  # a suggestion looked for the first hundred only
    calls.clear()
    problems = problems_of(BASE.replace("  name: Example SIA", "  nmae: Example SIA"))
    assert problems == ["<text>:7:3: unknown field 'nmae' in organisation; did you mean 'name'?"]
    assert _growth(unknown, 2_000, 20_000) < 35


def test_a_long_unknown_key_gets_no_suggestion_looked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(difflib, "get_close_matches", pytest.fail)
    problems = problems_of(BASE.replace("  name: Example SIA", "  " + "n" * 500 + ": x"))
    assert problems[0].startswith("<text>:7:3: unknown field 'nnnn")


# ---------------------------------------------------------------------------------------------
# Numbers too long for Python to convert or to print


@pytest.mark.parametrize(
    "number",
    [
        pytest.param("1" * 5_000, id="decimal"),
        pytest.param("-" + "9" * 4_301, id="negative"),
        pytest.param("0x" + "f" * 5_000, id="hexadecimal"),  # converts, but cannot be printed
        pytest.param("0o" + "7" * 5_000, id="octal"),
    ],
)
def test_an_unquoted_number_too_long_is_a_located_load_error(number: str) -> None:
    text = BASE.replace("    name: Orders", f"    name: {number}")
    assert problems_of(text) == [
        f"<text>:11:11: a number more than {MAX_NUMBER_LENGTH:,} digits long; no register "
        "field holds one (put it in quotes if it is text)"
    ]


def test_a_long_number_in_quotes_is_text() -> None:
    register = load(BASE.replace("    name: Orders", f'    name: "{"1" * 5_000}"'))
    assert register.activities[0].name == "1" * 5_000


def test_a_json_number_too_long_is_a_located_load_error() -> None:
    document = json.dumps({"format": "ropa/1", "big": 1}).replace("1}", "1" * 5_000 + "}")
    assert problems_of(document, "register.json") == [
        f"register.json:1:29: a number more than {MAX_NUMBER_LENGTH:,} digits long; no "
        "register field holds one (put it in quotes if it is text)"
    ]


def test_a_number_that_converts_but_is_long_is_shown_in_a_message_without_a_traceback() -> None:
    # 999 hexadecimal digits convert and print (1,203 decimal digits); the message cuts it.
    problems = problems_of(BASE.replace("    name: Orders", "    name: 0x" + "f" * 997))
    assert problems[0].startswith("<text>:11:11: activities[0].name: expected text")


# ---------------------------------------------------------------------------------------------
# Nesting in JSON: Python's parser recurses


@pytest.mark.parametrize("depth", [150, 1_000, 100_000])
def test_json_nested_deep_is_a_located_load_error(depth: int) -> None:
    document = '{"format": "ropa/1",\n "deep": ' + "[" * depth + "]" * depth + "}"
    assert problems_of(document, "register.json") == [
        "register.json:2:109: nesting deeper than 100 levels; a register is never so deep"
    ]


def test_json_nested_deep_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 1_000 + "]" * 1_000)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"{path}:1:101: nesting deeper than 100 levels; a register is never so deep\n"


# ---------------------------------------------------------------------------------------------
# Lone carriage returns: a line break to YAML, and so to ropa's line numbers


def test_a_file_with_lone_cr_line_ends_is_reported_at_the_lines_yaml_counts() -> None:
    text = BASE.replace("Example SIA", "Example\x1bSIA").replace("\n", "\r")
    assert problems_of(text) == [
        "<text>:7:16: character U+001B is not allowed in YAML (a control or special character)"
    ]
    # And a problem the models find is at the same line as in the LF file.
    text = BASE.replace("kind: controller", "kind: 2")
    assert problems_of(text.replace("\n", "\r")) == problems_of(text)


def test_a_json_file_with_lone_cr_line_ends_is_reported_at_the_right_line() -> None:
    document = '{\r"format": "ropa/1",\r"x": [1,,2]\r}'
    assert problems_of(document, "r.json") == ["r.json:3:9: not valid JSON: Expecting value"]


# ---------------------------------------------------------------------------------------------
# File names and text that would drive a terminal or forge a CI annotation


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_a_file_name_with_a_line_break_or_escape_cannot_forge_a_line(
    output_format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "x\n::error file=forged.yaml,line=1::forged\x1b[2J\u202e.yaml"
    path = tmp_path / name
    path.write_text(BASE)
    missing = tmp_path / ("gone\n::error::forged\x1b]0;title\x07.yaml")
    status = main(["validate", "--format", output_format, str(path), str(missing)])
    captured = capsys.readouterr()
    assert status == 2
    for line in (captured.out + captured.err).splitlines():
        assert not line.startswith("::error file=forged") and not line.startswith("::error::")
        assert printable(line) == line, line  # no control or bidirectional character
    assert "gone\\n::error::forged\\x1b]0;title\\x07.yaml:1:1: no such file" in captured.err


def test_bidirectional_controls_are_shown_as_escapes() -> None:
    for character in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert printable(f"a{character}b") == f"a\\u{ord(character):04x}b"


def test_a_bidirectional_override_in_a_file_name_does_not_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register\u202egpj.yaml"
    path.write_text(BASE)
    main(["validate", str(path)])
    captured = capsys.readouterr()
    assert "\u202e" not in captured.out + captured.err
    assert "register\\u202egpj.yaml:" in captured.out


def test_shipped_register_still_loads() -> None:
    assert ropa.load(SHIPPED).activities


# ---------------------------------------------------------------------------------------------
# Command-line numbers and dates at their edges


@pytest.mark.parametrize("command", ["validate", "export", "import", "notice"])
@pytest.mark.parametrize("number", ["0", "-5", "1" + "0" * 30, "many"])
def test_max_bytes_out_of_range_is_a_usage_error(
    command: str, number: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [command, str(SHIPPED), "--max-bytes", number]
    if command in ("export", "import"):
        argv += ["-o", "never-written.json"]
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1].endswith(f"'{number}' is not a number of bytes from 1 to "
                                         "1,125,899,906,842,624")  # fmt: skip


def test_a_huge_max_bytes_from_python_reads_the_file() -> None:
    # A read of N bytes reserves N bytes: 10**30 used to be an OverflowError.
    assert load(SHIPPED, max_bytes=10**30).activities


@pytest.mark.parametrize("day", ["0001-01-01", "0001-12-31", "9999-12-31"])
def test_validate_as_of_the_first_and_last_days_a_date_can_be(
    day: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--as-of", day, str(SHIPPED)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("digits", [7, 400, 5_000])
def test_a_retention_period_too_long_is_a_located_load_error(digits: int) -> None:
    # 400 digits used to convert, then fail in the rules (a float of more than 308 digits);
    # 5,000 came back as Python's own message about its integer limit.
    text = BASE + "retention_rules:\n  - id: r\n    name: R\n    period: P" + "9" * digits + "Y\n"
    [problem] = problems_of(text)
    assert problem.startswith("<text>:19:13: retention_rules[0].period: duration 'P999")
    assert problem.endswith(
        "is too long: each number in it has at most 6 digits (P999999D is over 2,700 years)"
    )


def test_the_longest_retention_period_validates_and_exports(tmp_path: Path) -> None:
    text = BASE + "retention_rules:\n  - id: r\n    name: R\n    period: P999999Y\n"
    path = tmp_path / "long.yaml"
    path.write_text(text)
    assert main(["validate", str(path)]) in (0, 1)
    assert main(["export", str(path), "-o", str(tmp_path / "long.json")]) == 0
    assert main(["export", str(path), "-o", str(tmp_path / "long.xlsx")]) == 0


# ---------------------------------------------------------------------------------------------
# Includes: the work of finding the fragments


def _main_with_include(folder: Path, pattern: str) -> Path:
    for number in range(20):
        (folder / "a" / "b" / f"c{number}").mkdir(parents=True)
        (folder / "a" / "b" / f"c{number}" / f"f{number}.yaml").write_text(
            f"data_subjects:\n  - id: s{number}\n    name: S\n"
        )
    main_file = folder / "main.yaml"
    main_file.write_text(
        BASE.replace("format: ropa/1\n", f'format: ropa/1\ninclude: ["{pattern}"]\n')
    )
    return main_file


def test_repeated_any_depth_globs_cost_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `**/` written 15 times used to take half a minute on a small tree (each one multiplies
    # the folders walked); counted here as the folders glob lists.
    import glob as globbing

    listed = []
    original = globbing._listdir  # type: ignore[attr-defined]

    def counting(*args: object, **kwargs: object) -> object:
        listed.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(globbing, "_listdir", counting)
    register = load(_main_with_include(tmp_path, "a/" + "**/" * 15 + "*.yaml"))
    assert len(register.data_subjects) == 20
    assert len(listed) < 200


def test_more_than_two_any_depth_globs_are_refused(tmp_path: Path) -> None:
    problems = problems_of_file(_main_with_include(tmp_path, "**/a/**/b/**/*.yaml"))
    assert problems == ["main.yaml:2:11: '**/a/**/b/**/*.yaml' has more than 2 '**'; write fewer"]


def problems_of_file(path: Path) -> list[str]:
    with pytest.raises(LoadError) as error:
        load(path, name=path.name)
    return [str(problem) for problem in error.value.problems]
