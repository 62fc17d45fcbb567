"""JSON Schema (2020-12) of the register format, generated from the models.

`schemas/ropa.schema.json` is this output, committed so editors can offer completion and
checking, and published at its `$id` (`ropa._urls.REGISTER_SCHEMA_URL`), the URL a register
names in its `# yaml-language-server: $schema=...` line; a test fails when the committed file
and the models drift apart.
"""

from __future__ import annotations

import json
from typing import Any

from ropa._urls import REGISTER_SCHEMA_URL
from ropa.model import Register

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def register_schema() -> dict[str, Any]:
    """The JSON Schema of a `ropa/1` register."""
    body = Register.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": REGISTER_SCHEMA_URL,
        "title": "ropa register (format ropa/1)",
        "description": (
            "A record of processing activities under GDPR Article 30, in the format ropa/1: "
            "the organisation, the controllers it processes for (as a processor), catalogues "
            "of data subjects, data categories, recipients, retention rules, security "
            "measures and assessments, and the processing activities that reference them by "
            "id. A register may be kept across several files: the main file's `include` "
            "names fragments holding catalogues and activities."
        ),
    }
    schema.update({key: value for key, value in body.items() if key not in schema})
    for definition in schema.get("$defs", {}).values():
        # A model's description is its docstring's first paragraph: the rest (notes for
        # Python users, examples) is not for someone editing a register.
        if isinstance(definition.get("description"), str):
            definition["description"] = definition["description"].split("\n\n", 1)[0]
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the committed file holds it: sorted keys? No: pydantic's order, 2-space
    indent, UTF-8, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
