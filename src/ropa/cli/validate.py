"""`ropa validate`: check registers against the rule catalogue and report the findings."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, TextIO

from ropa.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from ropa.cli._common import add_lang, add_max_bytes, as_of_date, language, load_or_report

FORMATS = ("auto", "text", "json", "github", "sarif")


def add_parser(subparsers: Any) -> None:
    """Declare `ropa validate` and its options."""
    parser = subparsers.add_parser(
        "validate",
        help="check registers against the rule catalogue",
        description=(
            "Check one or more registers against the rule catalogue (see `ropa rules`). "
            "Exit 0 when no open error (and, under --strict, no open warning), 1 otherwise, "
            "2 when a file cannot be read or the command line is wrong."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="register files (YAML or JSON)")
    add_lang(parser, "the finding messages (SARIF keeps English text beside its message ids)")
    parser.add_argument(
        "--strict", action="store_true", help="fail on open warnings too, not only on errors"
    )
    parser.add_argument(
        "--as-of",
        type=as_of_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="check as if today were this date (for the review-age rule); default today",
    )
    parser.add_argument(
        "--select",
        type=rule_codes,
        default=(),
        metavar="CODES",
        help="report only these rules: comma-separated codes or prefixes (ROPA3 = all 3xx)",
    )
    parser.add_argument(
        "--ignore",
        type=rule_codes,
        default=(),
        metavar="CODES",
        help="do not report these rules: comma-separated codes or prefixes",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="auto",
        help="output format; auto (the default) is github when GITHUB_ACTIONS=true, else text",
    )
    parser.add_argument(
        "--hide-waived",
        action="store_true",
        help="leave waived findings out of the text output (the totals still count them)",
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
