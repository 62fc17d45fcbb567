"""The JSON Schema of a register fragment: what a file a register's `include` names may hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from ropa.cli import main
from ropa.schema import fragment_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "schemas" / "ropa-fragment.schema.json"
FRAGMENTS = sorted(
    [*(ROOT / "examples" / "clinic").rglob("*.yaml"),
     *(ROOT / "tests" / "fixtures" / "additions" / "parts").glob("*.yaml")]
)  # fmt: skip


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def load(path: Path) -> Any:
    """A YAML file as the schema sees it: dates as the ISO text they are written as."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_the_committed_fragment_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(fragment_schema()), (
        "schemas/ropa-fragment.schema.json differs from the models; regenerate it with "
        "`make schema` and commit it"
    )
    assert fragment_schema()["$id"] == (
        "https://ropa-project.github.io/ropa/schemas/ropa-fragment.schema.json"
    )


def test_ropa_schema_fragment_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--fragment"]) == 0
    assert capsys.readouterr().out == COMMITTED.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FRAGMENTS, ids=lambda path: path.name)
def test_every_fragment_in_the_repository_is_valid(
    validator: jsonschema.Draft202012Validator, path: Path
) -> None:
    data = load(path)
    if "format" in data:
        pytest.skip("the main file of the register, not a fragment")
    assert [error.message for error in validator.iter_errors(data)] == []


def test_the_main_file_is_not_a_fragment(validator: jsonschema.Draft202012Validator) -> None:
    data = load(ROOT / "examples" / "clinic" / "register.yaml")
    refused = {error.message for error in validator.iter_errors(data)}
    assert any("'format'" in message and "unexpected" in message for message in refused)


@pytest.mark.parametrize(
    ("fragment", "path"),
    [
        ({"organisation": {"name": "X"}}, "$"),
        ({"include": ["more.yaml"]}, "$"),
        ({}, "$"),
        ({"activities": [{"id": "care"}]}, "$.activities[0]"),
        ({"assessments": [{"id": "a", "kind": "audit", "name": "A"}]}, "$.assessments[0].kind"),
    ],
    ids=["organisation", "include", "empty", "activity-without-name", "assessment-kind"],
)
def test_what_a_fragment_may_not_hold_is_refused(
    validator: jsonschema.Draft202012Validator, fragment: dict[str, Any], path: str
) -> None:
    assert path in {error.json_path for error in validator.iter_errors(fragment)}
