"""`ropa diff`: what changed between two editions of a register."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ropa.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from ropa.cli._common import add_max_bytes, language, load_or_report
from ropa.text import LANGUAGES

FORMATS = ("text", "json")


def add_parser(subparsers: Any) -> None:
    """Declare `ropa diff OLD NEW [--format text|json] [--lang lv|en]`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "diff",
        help="show what changed between two editions of a register",
        description=(
            "Compare two editions of a register by id: activities and catalogue entries "
            "added, removed and changed, field by field, and changes to the register and "
            "organisation blocks. A reordering is reported as `order changed`. "
            "Exit 0 when the two say the same, 1 when they differ, 2 when a file cannot be "
            "read or the command line is wrong."
        ),
    )
    parser.add_argument("old", metavar="OLD", help="the earlier edition (YAML or JSON)")
    parser.add_argument("new", metavar="NEW", help="the later edition (YAML or JSON)")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of text values and headings in text output (default: $ROPA_LANG, "
        "else the new edition's language)",
    )
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
