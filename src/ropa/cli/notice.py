"""`ropa notice`: the privacy notice (GDPR Art. 13 and 14) generated from a register."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ropa.cli import EXIT_USAGE
from ropa.cli._common import add_max_bytes, check_output_path, fail, language, load_or_report
from ropa.notice import FORMATS
from ropa.text.messages import languages

_HTML_SUFFIXES = frozenset({".html", ".htm"})


def add_parser(subparsers: Any) -> None:
    """Declare `ropa notice FILE --lang lv|en --to md|html -o OUT [--draft]`."""
    parser = subparsers.add_parser(
        "notice",
        help="write the privacy notice (Art. 13 and 14) generated from the register",
        description="Write the privacy notice (GDPR Art. 13 and 14) generated from a "
        "controller's register, in Latvian or English, as Markdown or self-contained HTML.",
    )
    parser.add_argument("file", metavar="FILE", help="the register (YAML or JSON)")
    parser.add_argument(
        "--lang",
        choices=languages(),  # every language with a catalogue
        default=None,
        help="language of the notice (default: $ROPA_LANG, else the register's language)",
    )
    parser.add_argument(
        "--to",
        dest="fmt",
        choices=FORMATS,
        default=None,
        help="output format (default: html when OUT ends in .html or .htm, else md)",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", default=None, help="write here (default: stdout)"
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="append the list of notice items the register cannot fill",
    )
    parser.add_argument(
        "--authority-name",
        metavar="NAME",
        default=None,
        help="the supervisory authority for complaints (default: the one of the "
        "organisation's country, e.g. Datu valsts inspekcija for LV)",
    )
    parser.add_argument(
        "--authority-url", metavar="URL", default=None, help="its website (needs --authority-name)"
    )
    add_max_bytes(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render the notice; 0 when written, 2 on unreadable input, bad usage or unwritable output."""
    from ropa.atomic import OutputError, write_bytes_atomically
    from ropa.notice import SupervisoryAuthority, render_notice

    if args.authority_url is not None and args.authority_name is None:
        return fail("--authority-url needs --authority-name")
    if args.output is not None:
        refusal = check_output_path(args.output, args.file)
        if refusal is not None:
            return fail(refusal)
    register = load_or_report(args.file, args.max_bytes)
    if register is None:
        return EXIT_USAGE
    authority = None
    if args.authority_name is not None:
        authority = SupervisoryAuthority(name=args.authority_name, url=args.authority_url)
    fmt = args.fmt or _format_for(args.output)
    try:
        text = render_notice(
            register,
            lang=language(args.lang, register),
            fmt=fmt,
            draft=args.draft,
            authority=authority,
        )
    except ValueError as error:
        return fail(f"{args.file}: {error}")
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_bytes_atomically(args.output, text.encode("utf-8"))
    except OutputError as error:
        return fail(str(error))
    return 0


def _format_for(output: str | None) -> str:
    if output is not None and Path(output).suffix.lower() in _HTML_SUFFIXES:
        return "html"
    return "md"
