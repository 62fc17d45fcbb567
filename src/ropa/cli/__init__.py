"""The `ropa` command: a thin shell over the public API.

Each sub-command lives in its own module with two functions: `add_parser(subparsers)` declares
its arguments and `run(args) -> int` carries it out. Exit status: 0 success, 1 the command's
own "no" (findings, differences), 2 unreadable input or bad usage.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from ropa._version import __version__

# Sub-command modules, in the order `ropa --help` lists them. Imported lazily so that
# `ropa --version` and `ropa validate` do not pay for openpyxl or jsonschema.
_COMMANDS = {
    "validate": "ropa.cli.validate",
    "rules": "ropa.cli.rules",
    "export": "ropa.cli.export",
    "import": "ropa.cli.import_",
    "diff": "ropa.cli.diff",
    "notice": "ropa.cli.notice",
    "schema": "ropa.cli.schema",
}

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse exits with 2 already; say it in one located line, without the usage dump.
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `ropa`, with every available sub-command."""
    parser = _Parser(
        prog="ropa",
        description="GDPR Article 30 records of processing activities: validate, export, diff.",
    )
    parser.add_argument("--version", action="version", version=f"ropa {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in _COMMANDS.values():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue  # a sub-command not built into this version
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `ropa` with `argv` (default: the process arguments) and return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    frozen_before = gc.get_freeze_count()
    try:
        status: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`ropa validate ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("ropa: interrupted", file=sys.stderr)
        return 130
    finally:
        if not frozen_before:
            gc.unfreeze()  # what loading froze (`load_or_report`), for callers that carry on
    return status
