"""The JSON Schemas, together: the register's (generated from the models), a fragment's (the
register's catalogues and activities) and the export's.

`schemas/ropa.schema.json`, `schemas/ropa-fragment.schema.json` and
`schemas/ropa-export.schema.json` are their outputs, committed
so editors and other tools can check files; a test fails when they drift.
"""

from __future__ import annotations

from ropa.schema.export import export_schema
from ropa.schema.fragment import fragment_schema
from ropa.schema.register import SCHEMA_DIALECT, register_schema, schema_text

__all__ = ["SCHEMA_DIALECT", "export_schema", "fragment_schema", "register_schema", "schema_text"]
