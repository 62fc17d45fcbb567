"""`ropa schema`: print the JSON Schema of the register format (or of the JSON export)."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any


def add_parser(subparsers: Any) -> None:
    """Declare `ropa schema [--export]`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the register format",
        description="Print the JSON Schema (2020-12) of the register format ropa/1, "
        "or with --export that of the JSON export document.",
    )
    parser.add_argument(
        "--export", action="store_true", help="the schema of `ropa export --to json` output"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the schema to stdout."""
    from ropa.schema import register_schema, schema_text

    if args.export:
        try:
            module = importlib.import_module("ropa.schema.export")
        except ModuleNotFoundError:
            print("ropa: the JSON export schema is not available in this version", file=sys.stderr)
            return 2
        sys.stdout.write(schema_text(module.export_schema()))
        return 0
    sys.stdout.write(schema_text(register_schema()))
    return 0
