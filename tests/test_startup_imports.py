"""Start-up: the commands people run most import no more than they need.

openpyxl and jsonschema take a good part of a second to import; only the commands that write
or read a workbook, or check JSON against a schema, may import them. `ropa --help` and
`ropa --version` (and any usage error) declare every sub-command's options without importing
what carries them out: no PyYAML, no pydantic, no model, no rule, no notice. `ropa validate`
imports what validating needs and nothing of the other commands. `test_cli_validate.py`
checks the validate and rules modules on import; here the commands are run whole, in a fresh
interpreter each, as `ropa` runs them (its argument parser imports every sub-command).

These lists guard the start-up budget of docs/performance.md
(`benchmarks/bench_startup.py` times it): a module that appears here again costs every
editor save and every pre-commit run its import time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHIPPED

HEAVY = ("openpyxl", "jsonschema")

# What only carrying out a command needs; `--help` and `--version` import none of it.
IMPLEMENTATION = (
    *HEAVY,
    "yaml",
    "pydantic",
    "importlib.metadata",
    "ropa.model",
    "ropa.loader.pipeline",
    "ropa.loader.events",
    "ropa.rules",
    "ropa.reporters",
    "ropa.notice._content",
    "ropa.formats.json",
    "ropa.schema",
    "ropa.diff",
    "ropa.atomic",
)

# What `ropa validate` has no use for: the other commands' work.
NOT_FOR_VALIDATE = (
    *HEAVY,
    "ropa.notice._content",
    "ropa.formats.json",
    "ropa.formats.jsonld",
    "ropa.formats.yaml",
    "ropa.formats.xlsx.write",
    "ropa.formats.xlsx.read",
    "ropa.schema",
    "ropa.diff",
    "ropa.atomic",
    "ropa.wording",
)

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


def imports_of(*argv: str, among: tuple[str, ...] = HEAVY) -> tuple[int, list[str]]:
    """The exit status of `ropa ARGV` and the modules of `among` it imported."""
    completed = subprocess.run(
        [sys.executable, "-c", _RUN.format(heavy=among), *argv],
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


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["--version"], id="version"),
        pytest.param(["--help"], id="help"),
        pytest.param(["validate", "--help"], id="validate-help"),
        pytest.param(["--lang", "lv", "--help"], id="help-in-latvian"),
        pytest.param(["--lang", "lv", "export", "--help"], id="export-help-in-latvian"),
        pytest.param(["export", "--to", "pdf", "x.yaml", "-o", "x.pdf"], id="usage-error"),
    ],
)
def test_help_and_version_import_no_implementation(argv: list[str]) -> None:
    status, imported = imports_of(*argv, among=IMPLEMENTATION)
    assert status in (0, 2)
    assert imported == []


def test_validate_imports_nothing_of_the_other_commands() -> None:
    status, imported = imports_of(
        "validate", "--as-of", "2026-11-27", str(SHIPPED), among=NOT_FOR_VALIDATE
    )
    assert status in (0, 1)
    assert imported == []


def test_the_counterpart_validate_does_import_the_models_and_rules() -> None:
    # The lists above would pass if the checker saw no module at all.
    status, imported = imports_of(
        "validate", str(SHIPPED), among=("yaml", "pydantic", "ropa.model", "ropa.rules")
    )
    assert status in (0, 1)
    assert imported == ["pydantic", "ropa.model", "ropa.rules", "yaml"]


_MODELS = """import ropa.model as model
print(model.Register.__pydantic_complete__, model.Activity.__pydantic_complete__)
import ropa
register = ropa.load({shipped!r})
print(model.Register.__pydantic_complete__, model.Activity.__pydantic_complete__)
"""


def test_models_are_built_when_first_used_and_once() -> None:
    # Importing the models builds no validator (a third of the start-up it was); loading
    # builds the Register's alone, the models inside it part of it, not one each.
    completed = subprocess.run(
        [sys.executable, "-c", _MODELS.format(shipped=str(SHIPPED))],
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.split("\n")[:2] == ["False False", "True False"]
