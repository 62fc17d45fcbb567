"""`ropa schema`: print the JSON Schema of the register format (or of a fragment, or of the
JSON export), or write all three into a directory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ropa.cli._common import fail, help_text, said, say, words
from ropa.text.messages import msg

REGISTER_SCHEMA_FILE = "ropa.schema.json"
FRAGMENT_SCHEMA_FILE = "ropa-fragment.schema.json"
EXPORT_SCHEMA_FILE = "ropa-export.schema.json"


def add_parser(subparsers: Any) -> None:
    """Declare `ropa schema [--fragment | --export | --write DIR]`."""
    files = {
        "register": REGISTER_SCHEMA_FILE,
        "fragment": FRAGMENT_SCHEMA_FILE,
        "export": EXPORT_SCHEMA_FILE,
    }
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help=help_text("help.schema"),
        description=words("help.schema.description", **files),
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--fragment", action="store_true", help=help_text("help.schema.fragment"))
    which.add_argument("--export", action="store_true", help=help_text("help.schema.export"))
    which.add_argument(
        "--write", metavar="DIR", default=None, help=help_text("help.schema.write", **files)
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
        return fail(
            msg("cli.no_directory", directory=str(directory), reason=error.strerror or error)
        )
    for name, schema in (
        (REGISTER_SCHEMA_FILE, register_schema()),
        (FRAGMENT_SCHEMA_FILE, fragment_schema()),
        (EXPORT_SCHEMA_FILE, export_schema()),
    ):
        try:
            write_bytes_atomically(directory / name, schema_text(schema).encode("utf-8"))
        except OutputError as error:
            return fail(error.said)
        say(said(msg("cli.schema.wrote", path=str(directory / name))))
    return 0
