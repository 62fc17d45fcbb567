"""`ropa init`: start a register, with the schema it is written against beside it."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import Any

from ropa.cli import EXIT_OK
from ropa.cli._common import fail, help_text, language, said, words
from ropa.text.messages import languages

REGISTER_NAME = "register.yaml"
SCHEMA_NAME = "ropa.schema.json"


def add_parser(subparsers: Any) -> None:
    """Declare `ropa init [DIR] [--lang LANG]`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "init",
        help=help_text("help.init"),
        description=words("help.init.description", register=REGISTER_NAME, schema=SCHEMA_NAME),
    )
    parser.add_argument("directory", nargs="?", default=".", metavar="DIR",
                        help=help_text("help.init.directory"))  # fmt: skip
    parser.add_argument("--lang", choices=languages(), default=None,
                        help=help_text("help.init.lang"))  # fmt: skip
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the register and the schema copy; refuse if the register exists."""
    from ropa.atomic import OutputError, atomic_output, shown
    from ropa.cli._starter import starter
    from ropa.schema import register_schema, schema_text
    from ropa.text.messages import msg

    directory = Path(args.directory)
    register = directory / REGISTER_NAME
    if register.exists() or register.is_symlink():
        return fail(msg("cli.init.exists", path=shown(register)))
    text = starter(language(args.lang, default="lv"), datetime.date.today().isoformat())
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        return fail(msg("cli.no_directory", directory=shown(directory), reason=reason))
    try:
        # The schema first: a register is never left pointing at a schema that is not there.
        with atomic_output(directory / SCHEMA_NAME) as stream:
            stream.write(schema_text(register_schema()).encode("utf-8"))
        with atomic_output(register) as stream:
            stream.write(text.encode("utf-8"))
    except OutputError as error:
        return fail(error.said)
    wrote = msg("cli.init.wrote", register=shown(register), schema=shown(directory / SCHEMA_NAME))
    print(f"ropa: {said(wrote)}")
    return EXIT_OK
