"""`ropa validate`: check registers against the rule catalogue and report the findings."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, TextIO

from ropa.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from ropa.cli._common import (
    add_lang,
    add_max_bytes,
    as_of_date,
    help_text,
    language,
    load_or_report,
    words,
)

FORMATS = ("auto", "text", "json", "github", "sarif")


def add_parser(subparsers: Any) -> None:
    """Declare `ropa validate` and its options."""
    parser = subparsers.add_parser(
        "validate",
        help=help_text("help.validate"),
        description=words("help.validate.description"),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=help_text("help.validate.files"))
    add_lang(parser, "help.validate.lang")
    parser.add_argument("--strict", action="store_true", help=help_text("help.validate.strict"))
    parser.add_argument(
        "--as-of",
        type=as_of_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=help_text("help.validate.as_of"),
    )
    parser.add_argument(
        "--select",
        type=rule_codes,
        default=(),
        metavar="CODES",
        help=help_text("help.validate.select"),
    )
    parser.add_argument(
        "--ignore",
        type=rule_codes,
        default=(),
        metavar="CODES",
        help=help_text("help.validate.ignore"),
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="auto", help=help_text("help.validate.format")
    )
    parser.add_argument(
        "--hide-waived", action="store_true", help=help_text("help.validate.hide_waived")
    )
    add_max_bytes(parser)
    parser.set_defaults(run=run)


def rule_codes(text: str) -> tuple[str, ...]:
    """argparse type for `--select` / `--ignore`: codes or prefixes that match some rule."""
    from ropa.cli._common import said
    from ropa.rules import RULES
    from ropa.text.messages import msg

    codes = tuple(part.strip().upper() for part in text.split(",") if part.strip())
    if not codes:
        raise argparse.ArgumentTypeError(said(msg("cli.rule_codes.none")))
    for code in codes:
        if not any(known.startswith(code) for known in RULES):
            raise argparse.ArgumentTypeError(said(msg("cli.rule_codes.unknown", code=code)))
    return codes


def output_format(requested: str) -> str:
    """The format asked for; `auto` is github inside GitHub Actions, else text."""
    if requested != "auto":
        return requested
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def use_colour(stream: TextIO) -> bool:
    """Colour for a terminal, unless NO_COLOR is set (https://no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def run(args: argparse.Namespace) -> int:
    """Validate every file, print one merged report, return the exit status."""
    from ropa import reporters
    from ropa.rules import validate

    reports = []
    unreadable = False
    lang = args.lang
    for file in args.files:
        register = load_or_report(file, args.max_bytes)
        if register is None:
            unreadable = True
            continue
        lang = lang or language(None, register)
        report = validate(register, as_of=args.as_of)
        # The report is all that is needed now: the register (its models and source map, most
        # of the memory) is let go before the next file is read and the report is written.
        del register
        reports.append(report.filtered(select=args.select, ignore=args.ignore))
        del report
    if not reports:
        return EXIT_USAGE
    chosen = output_format(args.format)
    if chosen == "sarif":
        import json

        document = reporters.sarif(*reports)
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif chosen == "text":
        colour = use_colour(sys.stdout)
        lines = reporters.text_lines(
            *reports, colour=colour, hide_waived=args.hide_waived, lang=language(lang)
        )
        sys.stdout.writelines(lines)  # as it is made: a large report is never held whole
    else:
        sys.stdout.write(reporters.FORMATS[chosen](*reports, lang=language(lang)))
    if unreadable:
        return EXIT_USAGE
    failed = reporters.merge(*reports).failed(strict=args.strict)
    return EXIT_FAILED if failed else EXIT_OK
