"""`ropa diff`: what changed between two editions of a register."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ropa.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from ropa.cli._common import add_lang, add_max_bytes, help_text, language, load_or_report, words

FORMATS = ("text", "json")


def add_parser(subparsers: Any) -> None:
    """Declare `ropa diff OLD NEW [--format text|json] [--lang LANG]`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "diff", help=help_text("help.diff"), description=words("help.diff.description")
    )
    parser.add_argument("old", metavar="OLD", help=help_text("help.diff.old"))
    parser.add_argument("new", metavar="NEW", help=help_text("help.diff.new"))
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help=help_text("help.diff.format")
    )
    add_lang(parser, "help.diff.lang")
    add_max_bytes(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the differences; 0 when there are none, 1 when there are, 2 when unreadable."""
    from ropa.diff import diff_registers

    old = load_or_report(args.old, args.max_bytes)
    new = load_or_report(args.new, args.max_bytes)
    if old is None or new is None:
        return EXIT_USAGE
    diff = diff_registers(old, new)
    if args.format == "json":
        sys.stdout.write(diff.to_json())
    else:
        sys.stdout.write(diff.text(language(args.lang, new)))
    return EXIT_OK if diff.is_empty else EXIT_FAILED
