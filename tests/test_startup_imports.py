"""Start-up: the commands people run most import no more than they need.

openpyxl and jsonschema take a good part of a second to import; only the commands that write
or read a workbook, or check JSON against a schema, may import them. `test_cli_validate.py`
checks the validate and rules modules on import; here the commands are run whole, in a fresh
interpreter each, as `ropa` runs them (its argument parser imports every sub-command).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED

HEAVY = ("openpyxl", "jsonschema")

_RUN = """\
import contextlib, io, sys
from ropa.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        status = main(sys.argv[1:])
    except SystemExit as exit:
        status = exit.code
print(status)
print(" ".join(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def imports_of(*argv: str) -> tuple[int, list[str]]:
    """The exit status of `ropa ARGV` and the heavy modules it imported."""
    completed = subprocess.run(
        [sys.executable, "-c", _RUN.format(heavy=HEAVY), *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    status, heavy = completed.stdout.split("\n", 1)
    return int(status), heavy.split()


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--version"], id="version"),
        pytest.param(["--help"], id="help"),
        pytest.param(["validate", "--as-of", "2026-11-27", str(SHIPPED)], id="validate"),
        pytest.param(["validate", "--format", "sarif", str(SHIPPED)], id="validate-sarif"),
        pytest.param(["rules", "ROPA302"], id="rules"),
    ],
)
def test_light_commands_import_neither_openpyxl_nor_jsonschema(argv: list[str]) -> None:
    status, heavy = imports_of(*argv)
    assert status in (0, 1)
    assert heavy == []


def test_the_workbook_export_imports_openpyxl_when_it_needs_it(tmp_path: Path) -> None:
    # The check above would pass if nothing were ever imported: this is its counterpart.
    status, heavy = imports_of("export", str(SHIPPED), "-o", str(tmp_path / "out.xlsx"))
    assert status == 0
    assert "openpyxl" in heavy
