"""`ropa schema`: print the JSON Schema of the register format (or of a fragment, or of the
JSON export), or write all three into a directory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ropa.cli._common import fail

REGISTER_SCHEMA_FILE = "ropa.schema.json"
FRAGMENT_SCHEMA_FILE = "ropa-fragment.schema.json"
EXPORT_SCHEMA_FILE = "ropa-export.schema.json"


def add_parser(subparsers: Any) -> None:
    """Declare `ropa schema [--fragment | --export | --write DIR]`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the register format",
        description="Print the JSON Schema (2020-12) of the register format ropa/1, "
        "with --fragment that of a fragment a register includes, or with --export that of "
        "the JSON export document; with --write DIR write all three into DIR as "
        f"{REGISTER_SCHEMA_FILE}, {FRAGMENT_SCHEMA_FILE} and {EXPORT_SCHEMA_FILE}.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--fragment",
        action="store_true",
        help="the schema of a fragment: a file a register's include names",
    )
    which.add_argument(
        "--export", action="store_true", help="the schema of `ropa export --to json` output"
    )
    which.add_argument(
        "--write",
        metavar="DIR",
        default=None,
        help=f"write {REGISTER_SCHEMA_FILE}, {FRAGMENT_SCHEMA_FILE} and {EXPORT_SCHEMA_FILE} "
        "into DIR (made if missing)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the schema to stdout, or every schema into `--write DIR`."""
    from ropa.schema import export_schema, fragment_schema, register_schema, schema_text

    if args.write is not None:
        return write_both(Path(args.write))
    if args.fragment:
        schema = fragment_schema()
    else:
        schema = export_schema() if args.export else register_schema()
    sys.stdout.write(schema_text(schema))
    return 0


def write_both(directory: Path) -> int:
    """Write every schema into `directory`, each whole or not at all; 2 when it cannot."""
    from ropa.atomic import OutputError, write_bytes_atomically
    from ropa.schema import export_schema, fragment_schema, register_schema, schema_text

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return fail(f"{directory}: cannot make the directory: {error.strerror or error}")
    for name, schema in (
        (REGISTER_SCHEMA_FILE, register_schema()),
        (FRAGMENT_SCHEMA_FILE, fragment_schema()),
        (EXPORT_SCHEMA_FILE, export_schema()),
    ):
        try:
            write_bytes_atomically(directory / name, schema_text(schema).encode("utf-8"))
        except OutputError as error:
            return fail(str(error))
        print(f"wrote {directory / name}", file=sys.stderr)
    return 0
