"""`ropa init`: start a register, with the schema it is written against beside it."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import Any

from ropa.cli import EXIT_OK, EXIT_USAGE
from ropa.text import LANGUAGES

REGISTER_NAME = "register.yaml"
SCHEMA_NAME = "ropa.schema.json"


def add_parser(subparsers: Any) -> None:
    """Declare `ropa init [DIR] [--lang lv|en]`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "init",
        help="write a starter register and its schema",
        description=f"Write DIR/{REGISTER_NAME}, a starter register whose every field says "
        f"which Art. 30 item it answers, and DIR/{SCHEMA_NAME}, the schema it is checked "
        "against. An existing register is never overwritten.",
    )
    parser.add_argument("directory", nargs="?", default=".", metavar="DIR",
                        help="where to write (default: the current directory)")  # fmt: skip
    parser.add_argument("--lang", choices=LANGUAGES, default="lv",
                        help="language of the comments and sample texts (default: lv)")  # fmt: skip
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the register and the schema copy; refuse if the register exists."""
    from ropa.atomic import OutputError, atomic_output, shown
    from ropa.cli._starter import STARTERS
    from ropa.schema import register_schema, schema_text

    directory = Path(args.directory)
    register = directory / REGISTER_NAME
    if register.exists() or register.is_symlink():
        print(f"ropa: {shown(register)} already exists; it was left as it was", file=sys.stderr)
        return EXIT_USAGE
    text = STARTERS[args.lang].replace("{today}", datetime.date.today().isoformat())
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"ropa: {shown(directory)}: cannot make the directory: {error.strerror}",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    try:
        # The schema first: a register is never left pointing at a schema that is not there.
        with atomic_output(directory / SCHEMA_NAME) as stream:
            stream.write(schema_text(register_schema()).encode("utf-8"))
        with atomic_output(register) as stream:
            stream.write(text.encode("utf-8"))
    except OutputError as error:
        print(f"ropa: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"ropa: wrote {shown(register)} and {shown(directory / SCHEMA_NAME)}")
    return EXIT_OK
