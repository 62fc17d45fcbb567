"""Files that are not registers: one problem saying what the file is, not one per field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import ropa
from ropa.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "processing_activities.yaml"


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("out") / "ropa.json"
    assert main(["export", str(SHIPPED), "--to", "json", "--lang", "all", "-o", str(target)]) == 0
    return target


def only_problem(path: Path) -> str:
    with pytest.raises(ropa.LoadError) as raised:
        ropa.load(path)
    (problem,) = raised.value.problems
    return str(problem)


def test_a_json_export_is_named_as_one(export: Path) -> None:
    assert only_problem(export) == (
        f"{export}:1:1: this is a ropa JSON export, not a register "
        "(exported from processing_activities.yaml); check the register itself"
    )


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("ropa.schema.json", "the JSON Schema of the register format"),
        ("ropa-export.schema.json", "the JSON Schema of the ropa JSON export"),
    ],
)
def test_the_json_schemas_are_named_as_such(name: str, what: str, tmp_path: Path) -> None:
    copy = tmp_path / name
    shutil.copy(ROOT / "schemas" / name, copy)
    assert only_problem(copy) == f"{copy}:1:1: this is {what}, not a register"


def test_another_json_schema_is_a_json_schema(tmp_path: Path) -> None:
    schema = tmp_path / "other.json"
    schema.write_text(
        json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}),
        encoding="utf-8",
    )
    assert only_problem(schema) == f"{schema}:1:1: this is a JSON Schema, not a register"


def test_a_fragment_given_alone_is_named_a_fragment(tmp_path: Path) -> None:
    fragment = tmp_path / "_shared.yaml"
    fragment.write_text(
        "# shared catalogues\ndata_subjects:\n  - {id: customers, name: Customers}\n"
        "recipients: []\n",
        encoding="utf-8",
    )
    assert only_problem(fragment) == (
        f"{fragment}:2:1: this file is a fragment of a register (catalogues and activities "
        "only, no format, register or organisation); check the main file whose include names it"
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("register: {kind: controller}\nactivities: []\n", id="register-no-format"),
        pytest.param("format: ropa/1\nactivities: []\n", id="format-but-incomplete"),
        pytest.param("site_name: docs\nnav: []\n", id="some-other-yaml"),
    ],
)
def test_a_register_with_faults_still_gets_every_problem(text: str, tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ropa.LoadError) as raised:
        ropa.load(path)
    assert len(raised.value.problems) > 1
    assert not any("this is" in str(problem) for problem in raised.value.problems)


def test_ropa_validate_says_it_in_one_line_and_exits_2(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "ropa.schema.json"
    shutil.copy(ROOT / "schemas" / "ropa.schema.json", schema)
    assert main(["validate", str(export), str(schema)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{export}:1:1: this is a ropa JSON export, not a register "
        "(exported from processing_activities.yaml); check the register itself",
        f"{schema}:1:1: this is the JSON Schema of the register format, not a register",
    ]
