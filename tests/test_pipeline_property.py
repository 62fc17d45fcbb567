"""The whole pipeline, for any register: write it, load it, validate it, export it, import it.

Each generated register (`strategies.registers()`) is written as a file three ways (ropa's
own YAML writer, PyYAML as another tool would write it, JSON), loaded back from that file
and compared with what was written; then validated (every finding located in the file),
exported to a workbook and to JSON (the JSON valid against the published schema), and the
workbook imported back, which must give the register again, exactly.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import ropa
from conftest import AS_OF, ROOT
from ropa.formats.json import export_json
from ropa.formats.xlsx.write import export_excel
from ropa.loader.events import _resolve_plain
from ropa.model import Register
from ropa.rules import validate
from strategies import registers

pytestmark = pytest.mark.slow

EXPORT_SCHEMA = json.loads((ROOT / "schemas" / "ropa-export.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(EXPORT_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
EXAMPLES = int(os.environ.get("ROPA_PIPELINE_EXAMPLES", "25"))
"""Registers per run: a modest number in the test suite, more on demand."""

try:
    from ropa.formats.xlsx.read import import_workbook
except ImportError:  # pragma: no cover - a version without the workbook importer
    import_workbook = None

try:
    from ropa.formats.yaml import dump_register
except ImportError:  # pragma: no cover - a version without ropa's own YAML writer
    dump_register = None


class _CarefulDumper(yaml.SafeDumper):
    """PyYAML's dumper, as a careful tool would use it. It knows YAML 1.1 only, so text that
    YAML 1.2 reads as something else (`1e3`, `0o17`) is double-quoted; and so is text with a
    NEL, LS or PS, which PyYAML otherwise writes raw (a line break to the parser: PyYAML
    itself reads "a\x85b" back as "a b"; ropa refuses them raw)."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    plain_is_text = _resolve_plain(text) == text and isinstance(_resolve_plain(text), str)
    hidden_break = any(character in text for character in "\x85\u2028\u2029")
    style = None if plain_is_text and not hidden_break else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_CarefulDumper.add_representer(str, _represent_text)


def _as_data(register: Register) -> Any:
    return register.model_dump(mode="json", exclude_none=False)


def write(register: Register, how: str, folder: Path) -> Path:
    """The register as a file, written `how`."""
    if how == "ropa":
        path = folder / "register.yaml"
        assert dump_register is not None
        path.write_text(dump_register(register), encoding="utf-8")
    elif how == "pyyaml":
        path = folder / "register.yaml"
        text = yaml.dump(
            _as_data(register), Dumper=_CarefulDumper, allow_unicode=True, sort_keys=False
        )
        path.write_text(text, encoding="utf-8")
    else:
        path = folder / "register.json"
        path.write_text(json.dumps(_as_data(register), ensure_ascii=False, indent=1), "utf-8")
    return path


WRITERS = ["pyyaml", "json"] + (["ropa"] if dump_register is not None else [])


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(register=registers(max_entries=3, max_activities=4), how=st.sampled_from(WRITERS))
def test_any_register_survives_the_whole_pipeline(
    tmp_path_factory: pytest.TempPathFactory, register: Register, how: str
) -> None:
    folder = tmp_path_factory.mktemp("pipeline")
    path = write(register, how, folder)

    loaded = ropa.load(path)
    assert loaded == register

    report = validate(loaded, as_of=AS_OF)
    for finding in report.findings:
        assert finding.file == str(path)
        assert finding.line >= 1 and finding.column >= 1

    workbook = folder / "register.xlsx"
    export_excel(loaded, workbook, lang="en", report=report)
    with zipfile.ZipFile(workbook) as archive:
        assert archive.testzip() is None

    document_path = folder / "register.json.export"
    export_json(loaded, document_path, lang="all", report=report)
    document = json.loads(document_path.read_bytes())
    errors = sorted(VALIDATOR.iter_errors(document), key=str)
    assert not errors, errors[0]
    assert [activity["id"] for activity in document["activities"]] == [
        activity.id for activity in register.activities
    ]
    assert len(document["report"]["findings"]) == len(report.findings)

    if import_workbook is not None:
        assert import_workbook(workbook) == register


def test_the_pipeline_reaches_the_importer() -> None:
    # Kept apart so that a version without the importer says so instead of passing quietly.
    pytest.importorskip("ropa.formats.xlsx.read", reason="this version has no workbook importer")
    assert import_workbook is not None
