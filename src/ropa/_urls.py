"""Where the project lives: the stable addresses that files written by ropa point to.

A register written by `ropa.dump` names the register schema by its URL, so that an editor
finds the schema wherever the register is kept; the two schemas carry these URLs as `$id`.
The documentation site publishes the schemas at exactly these addresses.
"""

from __future__ import annotations

SOURCE_URL = "https://github.com/ropa-project/ropa"
"""The source repository."""

DOCS_URL = "https://ropa-project.github.io/ropa/"
"""The documentation site."""

REGISTER_SCHEMA_URL = f"{DOCS_URL}schemas/ropa.schema.json"
"""`$id` of the JSON Schema of the register format (`schemas/ropa.schema.json`)."""

FRAGMENT_SCHEMA_URL = f"{DOCS_URL}schemas/ropa-fragment.schema.json"
"""`$id` of the JSON Schema of a register fragment (`schemas/ropa-fragment.schema.json`)."""

EXPORT_SCHEMA_URL = f"{DOCS_URL}schemas/ropa-export.schema.json"
"""`$id` of the JSON Schema of the JSON export (`schemas/ropa-export.schema.json`)."""
