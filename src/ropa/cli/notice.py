"""`ropa notice`: the privacy notice (GDPR Art. 13 and 14) generated from a register."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ropa.cli import EXIT_USAGE
from ropa.cli._common import (
    add_lang,
    add_max_bytes,
    check_output_path,
    fail,
    help_text,
    language,
    load_or_report,
    words,
)
from ropa.notice import FORMATS

_HTML_SUFFIXES = frozenset({".html", ".htm"})


def add_parser(subparsers: Any) -> None:
    """Declare `ropa notice FILE --lang LANG --to md|html -o OUT [--draft]`."""
    parser = subparsers.add_parser(
        "notice", help=help_text("help.notice"), description=words("help.notice.description")
    )
    parser.add_argument("file", metavar="FILE", help=help_text("help.register_file"))
    add_lang(parser, "help.notice.lang")
    parser.add_argument(
        "--to", dest="fmt", choices=FORMATS, default=None, help=help_text("help.notice.to")
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", default=None, help=help_text("help.notice.output")
    )
    parser.add_argument("--draft", action="store_true", help=help_text("help.notice.draft"))
    parser.add_argument(
        "--authority-name",
        metavar="NAME",
        default=None,
        help=help_text("help.notice.authority_name"),
    )
    parser.add_argument(
        "--authority-url", metavar="URL", default=None, help=help_text("help.notice.authority_url")
    )
    add_max_bytes(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render the notice; 0 when written, 2 on unreadable input, bad usage or unwritable output."""
    from ropa.atomic import OutputError, write_bytes_atomically
    from ropa.notice import SupervisoryAuthority, render_notice
    from ropa.text.messages import Invalid, msg

    if args.authority_url is not None and args.authority_name is None:
        return fail(msg("cli.notice.authority_url"))
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
    lang = language(args.lang, register)
    try:
        text = render_notice(
            register,
            lang=lang,
            fmt=fmt,
            draft=args.draft,
            authority=authority,
        )
    except Invalid as error:
        return fail(msg("cli.file_said", file=args.file, said=error.said), lang)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_bytes_atomically(args.output, text.encode("utf-8"))
    except OutputError as error:
        return fail(error.said)
    return 0


def _format_for(output: str | None) -> str:
    if output is not None and Path(output).suffix.lower() in _HTML_SUFFIXES:
        return "html"
    return "md"
