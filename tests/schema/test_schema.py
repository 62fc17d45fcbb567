"""The JSON Schema: generated from the models, committed, valid, and true to the register."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT, SHIPPED
from ropa.cli import main
from ropa.loader import load_data
from ropa.schema import SCHEMA_DIALECT, register_schema, schema_text

COMMITTED = ROOT / "schemas" / "ropa.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="module")
def shipped_data() -> Any:
    return load_data(SHIPPED)[0]


def test_committed_schema_is_the_generated_one() -> None:
    generated = schema_text(register_schema())
    committed = COMMITTED.read_text(encoding="utf-8")
    assert committed == generated, (
        "schemas/ropa.schema.json differs from the models; regenerate it with "
        "`ropa schema > schemas/ropa.schema.json` (or `make schema`) and commit it"
    )


def test_schema_is_valid_2020_12() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["$schema"] == SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_shipped_register_is_valid_against_the_schema(
    validator: jsonschema.Draft202012Validator, shipped_data: Any
) -> None:
    errors = [
        f"{error.json_path}: {error.message}" for error in validator.iter_errors(shipped_data)
    ]
    assert errors == []


def test_unknown_field_fails_the_schema(
    validator: jsonschema.Draft202012Validator, shipped_data: Any
) -> None:
    data = copy.deepcopy(shipped_data)
    data["activities"][0]["purpse"] = "marketing"
    errors = list(validator.iter_errors(data))
    assert [error.json_path for error in errors] == ["$.activities[0]"]
    assert "'purpse' was unexpected" in errors[0].message


@pytest.mark.parametrize(
    ("change", "path"),
    [
        pytest.param(
            lambda data: data.__setitem__("surprise", 1), "$", id="unknown-top-level-field"
        ),
        pytest.param(
            lambda data: data["organisation"].__setitem__("country", "lv"),
            "$.organisation.country",
            id="lower-case-country",
        ),
        pytest.param(
            lambda data: data["activities"][0]["legal_bases"][0].__setitem__("basis", "goodwill"),
            "$.activities[0].legal_bases[0]",
            id="unknown-legal-basis",
        ),
        pytest.param(
            lambda data: data["activities"][0].__setitem__("id", "Registration"),
            "$.activities[0].id",
            id="bad-id",
        ),
        pytest.param(
            lambda data: data["retention_rules"][0].__setitem__("period", "PT5H"),
            "$.retention_rules[0].period",
            id="duration-with-hours",
        ),
        pytest.param(
            lambda data: data["register"].__setitem__("reviewed", "2026-13-01"),
            "$.register.reviewed",
            id="impossible-date",
        ),
    ],
)
def test_the_schema_refuses_what_the_models_refuse(
    validator: jsonschema.Draft202012Validator, shipped_data: Any, change: Any, path: str
) -> None:
    data = copy.deepcopy(shipped_data)
    change(data)
    assert path in {error.json_path for error in validator.iter_errors(data)}


def test_ropa_schema_prints_the_committed_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == COMMITTED.read_text(encoding="utf-8")


def test_both_schemas_carry_their_published_url_as_id() -> None:
    register = json.loads(COMMITTED.read_text(encoding="utf-8"))
    export = json.loads((ROOT / "schemas" / "ropa-export.schema.json").read_text("utf-8"))
    assert register["$id"] == "https://ropa-project.github.io/ropa/schemas/ropa.schema.json"
    assert export["$id"] == "https://ropa-project.github.io/ropa/schemas/ropa-export.schema.json"


def test_ropa_schema_write_writes_both_committed_files(tmp_path: Path) -> None:
    target = tmp_path / "new" / "schemas"
    assert main(["schema", "--write", str(target)]) == 0
    assert sorted(path.name for path in target.iterdir()) == [
        "ropa-export.schema.json",
        "ropa-fragment.schema.json",
        "ropa.schema.json",
    ]
    for name in ("ropa.schema.json", "ropa-fragment.schema.json", "ropa-export.schema.json"):
        assert (target / name).read_bytes() == (ROOT / "schemas" / name).read_bytes()


def test_ropa_schema_write_to_an_unwritable_place_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert main(["schema", "--write", str(blocker / "schemas")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"ropa: {blocker / 'schemas'}: cannot make the directory")
    assert "Traceback" not in error
