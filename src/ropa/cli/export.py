"""`ropa export`: write a register in another format (the Excel workbook for auditors, JSON,
DPV JSON-LD).

The register is validated as of `--as-of` and the findings go into the export; the export
succeeds whatever they are (`ropa validate` is the command that fails on them).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from ropa.cli import EXIT_USAGE
from ropa.cli._common import (
    add_max_bytes,
    as_of_date,
    check_output_path,
    fail,
    help_text,
    language,
    load_or_report,
    say,
    words,
)
from ropa.formats import EXPORTERS, LAYOUTS
from ropa.text.messages import languages

_SUFFIXES = {".xlsx": "xlsx", ".json": "json", ".jsonld": "jsonld"}
"""Output suffix -> format, for when --to is not given (a format with an exporter only)."""


def add_parser(subparsers: Any) -> None:
    """Declare `ropa export` and its options."""
    parser = subparsers.add_parser(
        "export", help=help_text("help.export"), description=words("help.export.description")
    )
    parser.add_argument("file", metavar="FILE", help=help_text("help.register_file"))
    parser.add_argument(
        "--to", choices=sorted(EXPORTERS), default=None, help=help_text("help.export.to")
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help=help_text("help.export.output")
    )
    parser.add_argument(
        "--lang",
        choices=(*languages(), "all"),  # every language with a catalogue
        default=None,
        help=help_text("help.export.lang"),
    )
    parser.add_argument(
        "--as-of",
        type=as_of_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=help_text("help.export.as_of"),
    )
    parser.add_argument("--since", default=None, metavar="OLD", help=help_text("help.export.since"))
    parser.add_argument(
        "--layout", choices=sorted(LAYOUTS), default=None, help=help_text("help.export.layout")
    )
    parser.add_argument("--findings", action="store_true", help=help_text("help.export.findings"))
    add_max_bytes(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate FILE and export it to OUT; 0 when written, 2 on unreadable input or output."""
    from ropa.atomic import OutputError
    from ropa.text.messages import languages, message, msg, plural

    output_format = args.to or _SUFFIXES.get(os.path.splitext(args.output)[1].lower())
    if output_format not in EXPORTERS:
        known = ", ".join(sorted(EXPORTERS))
        return fail(msg("cli.export.format", output=args.output, known=known))
    if args.lang == "all" and output_format not in ("json", "jsonld"):
        return fail(msg("cli.export.lang_all"))
    if args.layout is not None and output_format != "xlsx":
        return fail(msg("cli.export.layout"))
    if args.layout is not None and args.since is not None:
        return fail(msg("cli.export.layout_since"))
    if args.findings and output_format != "jsonld":
        return fail(msg("cli.export.findings"))
    if args.since is not None and output_format != "xlsx":
        return fail(msg("cli.export.since"))
    inputs = (args.file, args.since) if args.since is not None else (args.file,)
    refusal = check_output_path(args.output, *inputs)
    if refusal is not None:
        return fail(refusal)
    register = load_or_report(args.file, args.max_bytes)
    if register is None:
        return EXIT_USAGE
    options: dict[str, Any] = {}
    if args.findings:
        options["findings"] = True
    if args.since is not None:
        since = load_or_report(args.since, args.max_bytes)
        if since is None:
            return EXIT_USAGE
        options["since"] = since

    from ropa.formats import get, layout_exporter
    from ropa.rules import validate

    report = validate(register, as_of=args.as_of)
    export = get(output_format) if args.layout is None else layout_exporter(args.layout)
    try:
        chosen = language(args.lang, register)
        export(register, args.output, lang=chosen, report=report, as_of=report.as_of,
               **options)  # fmt: skip
    except OutputError as error:
        return fail(error.said)
    # In the export's language ("all": English, the language the command line falls back to).
    said = chosen if chosen in languages() else "en"
    activities = plural(
        "cli.counted.activity", len(register.activities), said, count=len(register.activities)
    )
    summary = report.summary(said)
    say(
        message("cli.export.done", said, output=args.output, activities=activities, summary=summary)
    )
    left_out = len(register.processor_activities) if args.layout is not None else 0
    if left_out:
        note = plural("cli.export.left_out", left_out, said, count=left_out, layout=args.layout)
        say(f"ropa: {note}")
    return 0
