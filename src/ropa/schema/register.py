"""JSON Schema (2020-12) of the register format, generated from the models.

`schemas/ropa.schema.json` is this output, committed so editors can offer completion and
checking, and published at its `$id` (`ropa._urls.REGISTER_SCHEMA_URL`), the URL a register
names in its `# yaml-language-server: $schema=...` line; a test fails when the committed file
and the models drift apart.
"""

from __future__ import annotations

import ast
import inspect
import json
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from ropa import model
from ropa._urls import REGISTER_SCHEMA_URL
from ropa.model import Register

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def register_schema() -> dict[str, Any]:
    """The JSON Schema of a `ropa/1` register."""
    body = _with_field_descriptions(Register.model_json_schema(mode="validation"))
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


def _with_field_descriptions(body: dict[str, Any]) -> dict[str, Any]:
    """`body` with each field's docstring as its property's description, keys sorted as
    pydantic sorts them. The models do not read their docstrings at import (it would cost
    every command a third of its start-up); this does what `use_attribute_docstrings` did."""
    definitions = body.get("$defs", {})
    for cls in _models():
        schema = body if cls is Register else definitions.get(cls.__name__)
        if schema is None:
            continue
        properties = schema.get("properties", {})
        for name, description in _field_docstrings(cls).items():
            if name in properties:
                properties[name]["description"] = description
    return GenerateJsonSchema().sort(body)


def _models() -> list[type[BaseModel]]:
    """Every model a register is made of: Register and the models its fields name."""
    found: list[type[BaseModel]] = []
    pending: list[Any] = [Register]
    while pending:
        annotation = pending.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in found:
                continue
            found.append(annotation)
            pending.extend(info.annotation for info in annotation.model_fields.values())
        pending.extend(getattr(annotation, "__args__", ()) or ())
        pending.extend(getattr(annotation, "__metadata__", ()) or ())
    return found


def _field_docstrings(cls: type[BaseModel]) -> dict[str, str]:
    """The docstrings of `cls`'s fields, its base classes' first (a subclass's own override)."""
    documented: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if base.__module__ == model.__name__:
            documented.update(_class_docstrings().get(base.__qualname__, {}))
    return {name: text for name, text in documented.items() if name in cls.model_fields}


@cache
def _class_docstrings() -> dict[str, dict[str, str]]:
    """Class name -> field -> docstring, read from the source of `ropa.model`: the string
    right after a field's annotated assignment, cleaned as `inspect.cleandoc` does."""
    tree = ast.parse(inspect.getsource(model))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = found.setdefault(node.name, {})
        for statement, following in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                fields[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as the committed file holds it: sorted keys? No: pydantic's order, 2-space
    indent, UTF-8, trailing newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
