"""Hostile and broken registers through the command line: `ropa validate` and `ropa export`.

The loader's own messages are pinned in `test_loader.py`; here every kind of bad input goes
through the commands people run, and each must end in a clear, located message or the
documented handling: exit 2 with `file:line:col: ...` lines on stderr and no report, or a
normal run. Never a traceback, never an output file from a register that could not be read,
never a temporary file left behind, and never more than a few seconds.
"""

from __future__ import annotations

import json
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import ropa
from conftest import SHIPPED
from ropa.cli import main

# A register the loader accepts; validation finds one error in it (no data categories), so
# `ropa validate` exits 1 and `ropa export` 0.
BASE = """\
format: ropa/1
register:
  kind: controller
  language: en
  reviewed: 2026-11-24
organisation:
  name: Example SIA
  country: LV
  contact: {email: dpo@example.lv}
data_subjects:
  - id: customers
    name: Customers
recipients:
  - id: courier
    name: Courier
    kind: processor
    countries: [LV]
retention_rules:
  - id: contract_end
    name: Until the contract ends
    period: P5Y
activities:
  - id: orders
    name: Orders
    purpose: service_provision
    legal_bases:
      - basis: contract
    data_subjects: [customers]
    recipients: [courier]
    transfers: []
    retention: contract_end
"""
BASE_STATUS = 1

LOADS = -1
"""Expected status of a register that loads: what validation says, as for BASE."""


def edit(old: str, new: str, text: str = BASE) -> bytes:
    """BASE (or `text`) with `old` replaced once by `new`, as UTF-8."""
    assert text.count(old) == 1, old
    return text.replace(old, new).encode("utf-8")


@dataclass(frozen=True)
class Case:
    """One bad (or odd) register and what the commands must make of it."""

    id: str
    content: bytes
    status: int  # 2 (refused) or LOADS
    at: bytes | None = None  # the text the first problem is located at (its first occurrence)
    column: int | None = None  # the column of that problem, when the case pins it
    words: str = ""  # words the first message must hold
    suffix: str = ".yaml"

    def line(self) -> int:
        assert self.at is not None
        # LF, CRLF and a lone CR each end a line, as YAML (and most editors) count them.
        before = self.content[: self.content.index(self.at)]
        return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def _billion_laughs() -> bytes:
    lines = [BASE, "bomb_0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 9):
        lines.append(f"bomb_{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    return "\n".join(lines).encode("utf-8") + b"\n"


CASES = [
    # -- size, nesting and aliases: refused fast -------------------------------------------
    Case("alias-bomb", _billion_laughs(), 2, b"bomb_5", words="alias bomb"),
    Case(
        "deep-block-nesting",
        (BASE + "deep:\n  " + "- " * 5000 + "x\n").encode(),
        2,
        b"- - -",
        words="nesting deeper than 100 levels",
    ),
    Case(
        "deep-flow-nesting",
        (BASE + "deep: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        2,
        b"deep:",
        words="nesting",
    ),
    Case(
        "recursive-alias",
        edit("  name: Example SIA\n", "  name: &me [*me]\n"),
        2,
        b"*me",
        words="alias *me refers to itself",
    ),
    Case(
        "alias-to-nothing",
        edit("    name: Orders\n", "    name: *nowhere\n"),
        2,
        b"*nowhere",
        words="names no anchor",
    ),
    # -- encodings and bytes ------------------------------------------------------------------
    Case(
        "latin-1",
        BASE.replace("Example SIA", "Société SIA").encode("latin-1"),
        2,
        b"Soci",
        column=13,
        words="byte 0xE9 is not valid UTF-8",
    ),
    Case(
        "utf-8-encoded-surrogate",
        BASE.encode().replace(b"Example", b"Ex\xed\xa0\x80ample"),
        2,
        b"Ex\xed",
        column=11,
        words="byte 0xED is not valid UTF-8",
    ),
    Case(
        "utf-16-with-bom",
        "\ufeff".encode("utf-16-le") + BASE.encode("utf-16-le"),
        2,
        b"\xff\xfe",
        column=1,
        words="encoded as UTF-16; save it as UTF-8",
    ),
    Case(
        "utf-16-without-bom",
        BASE.encode("utf-16-le"),
        2,
        b"f",
        column=2,
        words="NUL byte in the file",
    ),
    Case("utf-32", BASE.encode("utf-32"), 2, b"\xff\xfe\x00\x00", words="UTF-32"),
    Case("utf-8-bom", b"\xef\xbb\xbf" + BASE.encode(), LOADS),
    Case(
        "nul-byte",
        edit("Example SIA", "Example\x00SIA"),
        2,
        b"Example\x00",
        column=16,
        words="NUL byte",
    ),
    Case(
        "control-character",
        edit("Example SIA", "Example\x1bSIA"),
        2,
        b"Example\x1b",
        column=16,
        words="U+001B is not allowed",
    ),
    Case(
        "raw-next-line",
        edit("Example SIA", '"Example\x85SIA"'),
        2,
        "\x85".encode(),
        column=17,
        words="U+0085 (NEXT LINE) is a line break to YAML's parser but not to most editors",
    ),
    Case(
        "raw-line-separator",
        edit("name: Orders", "name: Orders\u2028and returns"),
        2,
        "\u2028".encode(),
        column=17,
        words="U+2028 (LINE SEPARATOR)",
    ),
    Case("binary-junk", bytes(range(256)) * 4, 2, b"\x80", words="byte 0x80 is not valid UTF-8"),
    # -- whitespace ---------------------------------------------------------------------------
    Case(
        "tab-indentation",
        edit("  country: LV\n", "\tcountry: LV\n"),
        2,
        b"\tcountry",
        column=1,
        words="tab character",
    ),
    Case("tab-inside-text", edit("name: Orders", 'name: "Orders\tand returns"'), LOADS),
    Case("tab-after-a-value", edit("name: Orders", "name: Orders\t"), LOADS),
    Case("crlf", BASE.replace("\n", "\r\n").encode(), LOADS),
    Case(
        "crlf-with-a-problem",
        edit("  country: LV\n", "  country: lv\n").replace(b"\n", b"\r\n"),
        2,
        b"lv",
        column=12,
        words="country codes are upper case",
    ),
    # -- duplicate keys, at every level ---------------------------------------------------------
    Case(
        "duplicate-top-level",
        (BASE + "register: {kind: processor}\n").encode(),
        2,
        b"register: {",
        column=1,
        words="duplicate key 'register' (first written at line 2)",
    ),
    Case(
        "duplicate-in-register",
        edit("  language: en\n", "  language: en\n  kind: processor\n"),
        2,
        b"  kind: processor",
        column=3,
        words="duplicate key 'kind'",
    ),
    Case(
        "duplicate-in-flow-mapping",
        edit("{email: dpo@example.lv}", "{email: dpo@example.lv, email: x@example.lv}"),
        2,
        b"email: x@",
        words="duplicate key 'email' (first written at line 9)",
    ),
    Case(
        "duplicate-in-catalogue-entry",
        edit("    name: Customers\n", "    name: Customers\n    id: clients\n"),
        2,
        b"    id: clients",
        words="duplicate key 'id'",
    ),
    Case(
        "duplicate-in-activity",
        edit(
            "    purpose: service_provision\n",
            "    purpose: service_provision\n    purpose: marketing\n",
        ),
        2,
        b"    purpose: marketing",
        words="duplicate key 'purpose'",
    ),
    Case(
        "duplicate-in-legal-basis",
        edit("      - basis: contract\n", "      - basis: contract\n        basis: consent\n"),
        2,
        b"        basis: consent",
        words="duplicate key 'basis'",
    ),
    Case(
        "duplicate-language",
        edit("    name: Orders\n", "    name: {en: Orders, en: Sales}\n"),
        2,
        b"en: Sales",
        words="duplicate key 'en'",
    ),
    Case(
        "duplicate-key-with-escape",
        (BASE + '"x\\e[2J": 1\n"x\\e[2J": 2\n').encode(),
        2,
        b'"x\\e[2J": 1',
        words="unknown field 'x\\x1b[2J'",
    ),
    # -- unknown fields -----------------------------------------------------------------------
    Case(
        "unknown-top-level",
        (BASE + "activites: []\n").encode(),
        2,
        b"activites",
        column=1,
        words="did you mean 'activities'?",
    ),
    Case(
        "unknown-in-organisation",
        edit("  country: LV\n", "  country: LV\n  emial: x\n"),
        2,
        b"emial",
        column=3,
        words="unknown field 'emial' in organisation",
    ),
    Case(
        "unknown-in-activity",
        edit(
            "    retention: contract_end\n", "    retention: contract_end\n    purpse: marketing\n"
        ),
        2,
        b"purpse",
        words="did you mean 'purpose'?",
    ),
    Case(
        "field-of-another-basis",
        edit("      - basis: contract\n", "      - basis: contract\n        law: Accounting Law\n"),
        2,
        b"law:",
        words="unknown field 'law'",
    ),
    Case(
        "unknown-in-transfer",
        edit("    transfers: []\n", "    transfers:\n      - {country: US, safegaurd: scc}\n"),
        2,
        b"safegaurd",
        words="did you mean 'safeguard'?",
    ),
    Case(
        "merge-key",
        edit("  language: en\n", "  language: en\n  <<: {kind: processor}\n"),
        2,
        b"<<",
        words="unknown field '<<' in register",
    ),
    Case(
        "explicit-python-tag",
        edit("name: Orders", "name: !!python/object/apply:os.system [id]"),
        2,
        b"!!python",
        words="explicit tag",
    ),
    Case(
        "tag-with-escapes",
        edit("name: Orders", "name: !<x%1B[2J%0Anew> Orders"),
        2,
        b"!<x",
        words="explicit tag x\\x1b[2J\\nnew",
    ),
    # -- YAML 1.1 words, numbers, dates, durations ----------------------------------------------
    Case("country-NO-is-norway", edit("country: LV", "country: NO"), LOADS),
    Case("language-no-is-norwegian", edit("language: en", "language: no"), LOADS),
    Case(
        "on-off-as-text",
        edit("name: Orders", "name: off").replace(b"name: Customers", b"name: on"),
        LOADS,
    ),
    Case(
        "yes-as-boolean",
        edit("    retention: contract_end\n", "    retention: contract_end\n    profiling: yes\n"),
        2,
        b"yes",
        column=16,
        words="expected true, false or null, got 'yes'",
    ),
    Case(
        "on-as-boolean",
        edit("  country: LV\n", "  country: LV\n  public_body: on\n"),
        2,
        b"public_body",
        words="got 'on'",
    ),
    Case(
        "NO-as-boolean",
        edit(
            "    retention: contract_end\n",
            "    retention: contract_end\n    automated_decisions: NO\n",
        ),
        2,
        b"automated_",
        words="got 'NO'",
    ),
    Case(
        "infinite-number",
        edit("name: Example SIA", "name: 1e999"),
        2,
        b"1e999",
        column=9,
        words="expected text, got inf (put it in quotes)",
    ),
    Case(
        "impossible-date",
        edit("reviewed: 2026-11-24", "reviewed: 2026-02-30"),
        2,
        b"2026-02-30",
        column=13,
        words="2026-02-30 is not a real date",
    ),
    Case(
        "not-a-leap-year",
        edit(
            "    retention: contract_end\n",
            "    retention: contract_end\n    dpia: {reference: D-1, date: 2026-02-29}\n",
        ),
        2,
        b"2026-02-29",
        words="is not a real date",
    ),
    Case(
        "month-13",
        edit("reviewed: 2026-11-24", "reviewed: 2026-13-01"),
        2,
        b"2026-13",
        words="is not a real date",
    ),
    Case(
        "date-with-time",
        edit("reviewed: 2026-11-24", "reviewed: 2026-11-24T10:00:00"),
        2,
        b"2026-11-24T",
        words="expected an ISO date",
    ),
    Case(
        "date-in-other-digits",
        edit("reviewed: 2026-11-24", "reviewed: ٢٠٢٦-١١-٢٤"),
        2,
        "٢٠٢٦".encode(),
        words="expected an ISO date (YYYY-MM-DD)",
    ),
    Case(
        "zero-duration", edit("period: P5Y", "period: P0D"), 2, b"P0D", column=13, words="is zero"
    ),
    Case(
        "zero-duration-of-two-units",
        edit("period: P5Y", "period: P0Y0M"),
        2,
        b"P0Y0M",
        words="is zero",
    ),
    Case("negative-duration", edit("period: P5Y", "period: -P5Y"), 2, b"-P5Y", words="is negative"),
    Case(
        "weeks-mixed-with-days",
        edit("period: P5Y", "period: P1W2D"),
        2,
        b"P1W2D",
        words="mixes weeks with other units",
    ),
    Case(
        "duration-in-hours",
        edit("period: P5Y", "period: PT12H"),
        2,
        b"PT12H",
        words="hours, minutes or seconds",
    ),
    Case(
        "duration-in-words",
        edit("period: P5Y", "period: 5 years"),
        2,
        b"5 years",
        words="is not an ISO 8601 duration",
    ),
    Case(
        "duration-with-a-space",
        edit("period: P5Y", 'period: "P5Y "'),
        2,
        b'"P5Y ',
        words="is not an ISO 8601 duration",
    ),
    # -- references and ids ---------------------------------------------------------------------
    Case(
        "unicode-id",
        edit("  - id: customers\n", "  - id: klienti_ā\n"),
        2,
        "klienti_ā".encode(),
        column=9,
        words="'klienti_ā' is not a valid id",
    ),
    Case(
        "cyrillic-activity-id",
        edit("  - id: orders\n", "  - id: заказы\n"),
        2,
        "заказы".encode(),
        words="is not a valid id",
    ),
    Case(
        "unicode-reference",
        edit("data_subjects: [customers]", "data_subjects: [klienti_ā]"),
        2,
        "klienti_ā".encode(),
        words="is not a valid id",
    ),
    Case(
        "upper-case-country",
        edit("country: LV", "country: lv"),
        2,
        b"lv",
        column=12,
        words="country codes are upper case",
    ),
    # -- the shape of the document --------------------------------------------------------------
    Case("empty-file", b"", 2, b"", column=1, words="file is empty"),
    Case("blank-file", b"\n  \n\n", 2, b"", column=1, words="file is empty"),
    Case("comment-only", b"# nothing here\n", 2, b"", column=1, words="the document is empty"),
    Case(
        "top-level-list",
        b"- format: ropa/1\n- register: {kind: controller}\n",
        2,
        b"-",
        column=1,
        words="the document is a list",
    ),
    Case("top-level-text", b"ropa register\n", 2, b"r", column=1, words="the document is a text"),
    Case(
        "two-documents",
        (BASE + "---\nformat: ropa/1\n").encode(),
        2,
        b"---",
        words="a second YAML document",
    ),
    Case(
        "syntax-error",
        edit("data_subjects: [customers]", "data_subjects: [customers"),
        2,
        b"    recipients: [courier]",
        words="not valid YAML",
    ),
    Case(
        "json-in-a-yaml-file",
        json.dumps(
            {
                "format": "ropa/1",
                "register": {"kind": "controller"},
                "organisation": {"name": "Example SIA", "country": "LV"},
            },
            indent=2,
        ).encode(),
        LOADS,
    ),
    Case(
        "yaml-in-a-json-file",
        BASE.encode(),
        2,
        b"f",
        column=1,
        words="not valid JSON",
        suffix=".json",
    ),
    Case(
        "json-trailing-comma",
        b'{\n  "format": "ropa/1",\n}\n',
        2,
        b"}",
        column=1,
        words="not valid JSON",
        suffix=".json",
    ),
    Case("json-nan", b'{"format": NaN}\n', 2, b"{", words="NaN is not valid JSON", suffix=".json"),
    Case(
        "json-duplicate-key",
        b'{"format": "ropa/1", "format": "ropa/1"}\n',
        2,
        b'"format": "ropa/1"}',
        words="duplicate key 'format'",
        suffix=".json",
    ),
    Case("key-not-text", (BASE + "1: one\n").encode(), 2, b"1: one", words="a key must be text"),
]
"""Every case of the issue's list that a table can hold; the others have a test of their own
below (CRLF findings, huge scalars, the size limit, long names, formulas, control characters,
text over Excel's cell limit, references that name nothing)."""

_LOCATED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def _write(tmp_path: Path, case: Case) -> Path:
    path = tmp_path / f"register{case.suffix}"
    path.write_bytes(case.content)
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    status = main(argv)
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    return status, out, err, elapsed


def _check_refusal(case: Case, path: Path, err: str) -> None:
    """stderr is one or more `file:line:col: message` lines, the first where the case says."""
    lines = err.splitlines()
    assert lines, "a refusal says why"
    for line in lines:
        match = _LOCATED.match(line)
        assert match is not None, line
        assert match["file"] == str(path)
    first = _LOCATED.match(lines[0])
    assert first is not None
    if case.at is not None:
        assert int(first["line"]) == case.line(), lines[0]
    if case.column is not None:
        assert int(first["column"]) == case.column, lines[0]
    assert case.words in err, err
    # Text from the file never reaches the terminal as control characters.
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f]", err), err


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_validate(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, case)
    status, out, err, elapsed = _run(["validate", "--as-of", "2026-11-27", str(path)], capsys)
    assert "Traceback" not in out + err
    assert elapsed < 5, "every refusal is fast"
    if case.status == LOADS:
        assert status in (0, 1)
        assert err == ""
        assert out.splitlines()[-1].endswith(("waived)", "pieņemti)", "pieņemts)"))
    else:
        assert status == 2
        assert out == ""
        _check_refusal(case, path, err)
    assert list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("to", ["xlsx", "json"])
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_export(case: Case, to: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, case)
    out_file = tmp_path / f"out.{to}"
    argv = ["export", str(path), "-o", str(out_file), "--as-of", "2026-11-27"]
    status, out, err, elapsed = _run(argv, capsys)
    assert "Traceback" not in out + err
    assert elapsed < 10
    if case.status == LOADS:
        assert status == 0, err
        assert sorted(tmp_path.iterdir()) == sorted([path, out_file])
        if to == "xlsx":
            assert zipfile.ZipFile(out_file).testzip() is None
        else:
            assert json.loads(out_file.read_bytes())["metadata"]["format"] == "ropa-export/1"
    else:
        assert status == 2
        _check_refusal(case, path, err)
        assert list(tmp_path.iterdir()) == [path], "no output, not even a partial one"


def test_every_case_id_is_unique() -> None:
    assert len({case.id for case in CASES}) == len(CASES)


# ---------------------------------------------------------------------------------------------
# The cases a table cannot hold


def _findings(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, list[dict[str, Any]]]:
    status = main(["validate", "--format", "json", "--as-of", "2026-11-27", *argv])
    out, err = capsys.readouterr()
    assert err == ""
    return status, json.loads(out)["findings"]


@pytest.mark.parametrize("character", ["\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufffe"])
def test_json_takes_any_character_raw_in_a_string(character: str, tmp_path: Path) -> None:
    # Found by the pipeline property test: valid JSON holding DEL or a C1 control raw was
    # refused ("not allowed in YAML"), and NEL became a space.
    data = json.loads(
        json.dumps(
            {
                "format": "ropa/1",
                "register": {"kind": "controller"},
                "organisation": {"name": f"Example{character}SIA"},
            }
        )
    )
    path = tmp_path / "register.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    register = ropa.load(path)
    assert register.organisation.name == f"Example{character}SIA"
    assert register.source is not None
    assert str(register.source.locate(("register", "kind"))) == f"{path}:4:13"


def test_crlf_gives_the_same_findings_at_the_same_places(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unix = tmp_path / "unix.yaml"
    windows = tmp_path / "windows.yaml"
    unix.write_bytes(SHIPPED.read_bytes())
    windows.write_bytes(SHIPPED.read_bytes().replace(b"\n", b"\r\n"))
    unix_status, unix_findings = _findings([str(unix)], capsys)
    windows_status, windows_findings = _findings([str(windows)], capsys)
    assert unix_status == windows_status
    assert unix_findings
    for finding in windows_findings:
        assert finding["file"] == str(windows)
        finding["file"] = str(unix)
    assert windows_findings == unix_findings


def test_crlf_register_exports_the_same_workbook(tmp_path: Path) -> None:
    windows = tmp_path / "windows.yaml"
    windows.write_bytes(SHIPPED.read_bytes().replace(b"\n", b"\r\n"))
    for source, out in ((SHIPPED, tmp_path / "unix.json"), (windows, tmp_path / "win.json")):
        assert main(["export", str(source), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    unix_document = json.loads((tmp_path / "unix.json").read_bytes())
    windows_document = json.loads((tmp_path / "win.json").read_bytes())
    # The source file's digest differs (its bytes do); what the register says does not.
    for document in (unix_document, windows_document):
        document["metadata"].pop("source_sha256")
        document["metadata"].pop("source")
    assert windows_document == unix_document


def test_a_huge_scalar_under_the_limit_loads_and_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    size = 20 * 1024 * 1024
    path = tmp_path / "huge.yaml"
    path.write_bytes(
        edit("    name: Orders\n", f"    name: Orders\n    description: {'x' * size}\n")
    )
    status, _, err, elapsed = _run(["validate", "--as-of", "2026-11-27", str(path)], capsys)
    assert (status, err) == (BASE_STATUS, "")
    assert elapsed < 10
    out_file = tmp_path / "huge.xlsx"
    assert main(["export", str(path), "-o", str(out_file), "--as-of", "2026-11-27"]) == 0
    sheet = load_workbook(out_file, read_only=True)["Activities"]
    description = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[2]
    assert len(description) <= 32_767 and "[cut: " in description


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(BASE.encode())
    with path.open("r+b") as stream:
        stream.truncate(50 * 1024 * 1024 + 1)  # a sparse file: NUL bytes after BASE
    status, out, err, elapsed = _run(["validate", str(path)], capsys)
    assert status == 2 and out == ""
    assert err == (
        f"{path}:1:1: file is 52,428,801 bytes, over the limit of 52,428,800 bytes "
        "(raise it with max_bytes / --max-bytes)\n"
    )
    assert elapsed < 1
    # With the limit raised the file is read, and refused for what it holds.
    status, out, err, elapsed = _run(["validate", "--max-bytes", "60000000", str(path)], capsys)
    assert status == 2
    assert err.startswith(f"{path}:{BASE.count(chr(10)) + 1}:1: NUL byte in the file")


def test_ten_thousand_character_names_load_and_export(tmp_path: Path) -> None:
    name = ("Ļoti garš nosaukums " * 500)[:10_000]
    path = tmp_path / "long.yaml"
    path.write_bytes(edit("    name: Orders\n", f"    name: {name}\n"))
    xlsx, document = tmp_path / "long.xlsx", tmp_path / "long.json"
    for out in (xlsx, document):
        assert main(["export", str(path), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    assert load_workbook(xlsx)["Activities"]["B2"].value == name.strip()
    assert json.loads(document.read_bytes())["activities"][0]["name"] == name.strip()


FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "+41 22 000",
    "-2+3",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
    "=2*3",
]


def test_text_that_starts_like_a_formula_exports_as_text(tmp_path: Path) -> None:
    systems = "\n".join(f"      - {json.dumps(value)}" for value in FORMULAS)
    path = tmp_path / "formulas.yaml"
    text = edit(
        "    name: Orders\n", "    name: =2*3\n    owner: '=1+1'\n    systems:\n" + systems + "\n"
    ).decode()
    path.write_text(text.replace("    name: Customers\n", "    name: '@customers'\n"), "utf-8")
    out = tmp_path / "formulas.xlsx"
    assert main(["export", str(path), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    book = load_workbook(out)
    activities = book["Activities"]
    headers = [cell.value for cell in activities[1]]
    row = {header.split("\n")[0]: cell for header, cell in zip(headers, activities[2], strict=True)}
    for cell in (activities["B2"], row["Systems"], row["Owner"]):
        assert cell.data_type == "s", cell.coordinate
    assert activities["B2"].value == "=2*3"
    assert row["Systems"].value == "\n".join(FORMULAS)
    assert row["Owner"].value == "=1+1"
    assert book["Data subjects"]["B2"].value == "@customers"
    with zipfile.ZipFile(out) as archive:
        for entry in archive.namelist():
            assert b"<f>" not in archive.read(entry) and b"<f " not in archive.read(entry)


def test_control_characters_written_as_escapes_export_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "\a", "\e", "\0" ... are YAML escapes: the text holds the characters themselves.
    path = tmp_path / "controls.yaml"
    path.write_bytes(edit("    name: Orders\n", '    name: "Orders\\a\\e[31m red\\0 \\x01end"\n'))
    status, _, err, _ = _run(["validate", str(path)], capsys)
    assert (status, err) == (BASE_STATUS, "")
    xlsx, document = tmp_path / "controls.xlsx", tmp_path / "controls.json"
    for out_file in (xlsx, document):
        assert main(["export", str(path), "-o", str(out_file), "--as-of", "2026-11-27"]) == 0
    # XML 1.0 cannot hold them: the workbook drops them and stays a workbook Excel opens.
    assert load_workbook(xlsx)["Activities"]["B2"].value == "Orders[31m red end"
    # JSON can: they are kept, escaped.
    assert json.loads(document.read_bytes())["activities"][0]["name"] == (
        "Orders\a\x1b[31m red\x00 \x01end"
    )
    notice = tmp_path / "notice.html"
    assert main(["notice", str(path), "--lang", "en", "-o", str(notice)]) == 0
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", notice.read_text("utf-8"))


def test_text_over_the_cell_limit_is_cut_with_a_marker(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_bytes(
        edit("    name: Orders\n", "    name: Orders\n    description: " + "y" * 40_000 + "\n")
    )
    out = tmp_path / "long.xlsx"
    assert main(["export", str(path), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    value = load_workbook(out)["Activities"]["C2"].value
    assert len(value) <= 32_767
    assert re.fullmatch(r"y{32000,}… \[cut: \d+ characters more; see the register\]", value)
    document = tmp_path / "long.json"
    assert main(["export", str(path), "-o", str(document), "--as-of", "2026-11-27"]) == 0
    assert json.loads(document.read_bytes())["activities"][0]["description"] == "y" * 40_000


@pytest.mark.parametrize(
    ("old", "new", "at", "words"),
    [
        pytest.param(
            "    recipients: [courier]\n",
            "    recipients: [orders]\n",
            "orders]",
            "recipients names 'orders', which is not a recipient",
            id="activity-as-its-own-recipient",
        ),
        pytest.param(
            "    transfers: []\n",
            "    transfers:\n      - {country: US, recipient: nobody, safeguard: scc}\n",
            "nobody",
            "names recipient 'nobody', which is not a recipient",
            id="transfer-to-no-one",
        ),
        pytest.param(
            "    retention: contract_end\n",
            "    retention: orders\n",
            "orders\n",
            "'orders'",
            id="activity-as-its-own-retention-rule",
        ),
    ],
)
def test_references_that_name_nothing_are_located_findings(
    old: str, new: str, at: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.yaml"
    content = edit(old, new)
    path.write_bytes(content)
    status, findings = _findings([str(path)], capsys)
    assert status == 1
    unknown = [finding for finding in findings if finding["code"] == "ROPA102"]
    assert len(unknown) == 1 and words in unknown[0]["message"]
    text = content.decode()
    index = text.index(at, text.index(new.strip().split("\n")[0].strip()))
    line = text[:index].count("\n") + 1
    column = index - text.rfind("\n", 0, index)
    assert (unknown[0]["line"], unknown[0]["column"]) == (line, column)


def test_register_text_cannot_drive_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.yaml"
    reason = "fine\\e]0;title\\a\\e[2J\\nregister.yaml:1:1: error ROPA000 forged"
    path.write_bytes(
        edit(
            "    retention: contract_end\n",
            "    retention: contract_end\n"
            f'    waivers:\n      - {{rule: ROPA205, reason: "{reason}"}}\n',
        )
    )
    main(["validate", str(path)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\a" not in out
    assert not any(line.startswith("register.yaml:1:1") for line in out.splitlines())


def test_diff_text_cannot_drive_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_bytes(BASE.encode())
    new.write_bytes(edit("    name: Orders\n", '    name: "Orders\\e[2J\\e]0;title\\a"\n'))
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\a" not in out
