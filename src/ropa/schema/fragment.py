"""JSON Schema (2020-12) of a register fragment: a file that a register's `include` names.

A fragment holds catalogues and activities only (`ropa.loader.includes.FRAGMENT_KEYS`), never
`format`, `register`, `organisation` or `include`: those say what the register is, once, in
its main file. Each key takes exactly what it takes in a register, so the fragment schema is
the register schema's properties for those keys, with the same definitions.
`schemas/ropa-fragment.schema.json` is this output, committed and published at its `$id`
(`ropa._urls.FRAGMENT_SCHEMA_URL`), the URL a fragment names in its `$schema` line.
"""

from __future__ import annotations

from typing import Any

from ropa._urls import FRAGMENT_SCHEMA_URL
from ropa.loader.includes import FRAGMENT_KEYS
from ropa.schema.register import SCHEMA_DIALECT, register_schema


def fragment_schema() -> dict[str, Any]:
    """The JSON Schema of a fragment of a `ropa/1` register."""
    register = register_schema()
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": FRAGMENT_SCHEMA_URL,
        "title": "ropa register fragment (format ropa/1)",
        "description": (
            "A file named by a ropa/1 register's `include`: some of the register's catalogues "
            f"and activities ({', '.join(FRAGMENT_KEYS)}), each as in the register. The loader "
            "appends each fragment's lists to the register's, in include order; ids are unique "
            "across all the files. A fragment never holds format, register, organisation or "
            "include."
        ),
        "type": "object",
        "properties": {key: register["properties"][key] for key in FRAGMENT_KEYS},
        "additionalProperties": False,
        "minProperties": 1,
        "$defs": register["$defs"],
    }
