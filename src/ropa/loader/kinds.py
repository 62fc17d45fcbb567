"""What a document is when it is not a register: a ropa JSON export, a JSON Schema, or a
fragment of a register. Such a file, checked by mistake (a pre-commit pattern that caught it,
a wrong argument), gets one line saying what it is instead of an error for every field."""

from __future__ import annotations

from typing import Any

from ropa._urls import EXPORT_SCHEMA_URL, REGISTER_SCHEMA_URL
from ropa.model import FORMAT
from ropa.text.messages import Message, msg

__all__ = ["not_a_register"]

_OUR_SCHEMAS = {
    REGISTER_SCHEMA_URL: "loader.kind.register_schema",
    EXPORT_SCHEMA_URL: "loader.kind.export_schema",
}


def not_a_register(data: dict[str, Any]) -> Message | None:
    """A message naming what `data` is when it is plainly some other kind of document, or
    None when it may be a register (with faults the models will report)."""
    if data.get("format") == FORMAT:
        return None
    metadata = data.get("metadata")
    if isinstance(metadata, dict) and str(metadata.get("format", "")).startswith("ropa-export/"):
        source = metadata.get("source")
        if isinstance(source, str) and source:
            return msg("loader.kind.export.from", source=source)
        return msg("loader.kind.export")
    if _is_json_schema(data):
        return msg(_OUR_SCHEMAS.get(str(data.get("$id", "")), "loader.kind.json_schema"))
    # A fragment given alone is told so by the include stage (`includes.fragment_message`).
    return None


def _is_json_schema(data: dict[str, Any]) -> bool:
    dialect = data.get("$schema")
    if isinstance(dialect, str) and "json-schema.org" in dialect:
        return True
    return "format" not in data and "properties" in data and ("$id" in data or "$defs" in data)
