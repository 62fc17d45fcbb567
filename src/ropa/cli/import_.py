"""`ropa import`: rebuild the register file from a workbook that ropa wrote.

The workbook may have been edited by hand; every cell that cannot be read is reported as
`Sheet!Cell: message` and nothing is written. The YAML written loads back into exactly the
register read from the workbook (checked before it is written).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from typing import Any

from ropa._version import __version__
from ropa.cli import EXIT_FAILED, EXIT_USAGE
from ropa.cli._common import (
    add_max_bytes,
    check_output_path,
    fail,
    help_text,
    language,
    say,
    words,
)
from ropa.formats import LAYOUTS
from ropa.text.messages import Message, msg, plural


def add_parser(subparsers: Any) -> None:
    """Declare `ropa import WORKBOOK -o OUT [--lang LANG]`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import", help=help_text("help.import"), description=words("help.import.description")
    )
    parser.add_argument("workbook", metavar="WORKBOOK", help=help_text("help.import.workbook"))
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT", help=help_text("help.import.output")
    )
    parser.add_argument("--lang", default=None, metavar="LANG", help=help_text("help.import.lang"))
    parser.add_argument(
        "--layout", choices=sorted(LAYOUTS), default=None, help=help_text("help.import.layout")
    )
    parser.add_argument(
        "--accept-gaps", action="store_true", help=help_text("help.import.accept_gaps")
    )
    parser.add_argument(
        "--report", default=None, metavar="FILE", help=help_text("help.import.report")
    )
    add_max_bytes(parser, unpacked_factor=True)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import WORKBOOK and write OUT; 0 when written, 2 when unreadable or unwritable."""
    from ropa.atomic import OutputError, write_bytes_atomically
    from ropa.formats.xlsx.read import READ_LANGUAGES, NoDataSheet, WorkbookError, read_workbook
    from ropa.formats.yaml import dump_register
    from ropa.loader import LoadError, load

    if args.layout is not None:
        return _run_layout(args)
    if args.accept_gaps or args.report is not None:
        return fail(msg("cli.import.layout_only"))
    if args.lang is not None and args.lang not in READ_LANGUAGES:
        known = ", ".join(READ_LANGUAGES)
        return fail(msg("cli.import.workbook_lang", lang=args.lang, languages=known))
    to_stdout = args.output == "-"
    if not to_stdout:
        refusal = check_output_path(args.output, args.workbook)
        if refusal is not None:
            return fail(refusal)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", NoDataSheet)
        try:
            imported = read_workbook(args.workbook, lang=args.lang, max_bytes=args.max_bytes)
        except WorkbookError as error:
            lang = _speaking(args, error.lang)
            for problem in error.problems:
                say(problem.line(lang))
            count = len(error.problems)
            problems = plural("cli.counted.problem", count, lang, count=count)
            said = msg("cli.import.problems", workbook=args.workbook, problems=problems)
            return _fail(said, lang)
    lang = _speaking(args, imported.lang)
    for warning in caught:
        words = getattr(warning.message, "said", None)
        text = words.text(lang) if isinstance(words, Message) else str(warning.message)
        say("ropa: " + msg("cli.import.warning", warning=text).text(lang))
    if len(imported.files) > 1:
        main, *fragments = imported.files
        say("ropa: " + msg("cli.import.several_files", workbook=args.workbook,
                           count=len(imported.files), main=main,
                           fragments=", ".join(fragments)).text(lang))  # fmt: skip

    name = os.path.basename(args.workbook)
    origin = (
        msg("cli.import.header.as_of", version=__version__, workbook=name, lang=imported.lang,
            as_of=imported.as_of.isoformat())
        if imported.as_of
        else msg("cli.import.header", version=__version__, workbook=name, lang=imported.lang)
    )  # fmt: skip
    header = origin.text(lang) + "\n" + msg("cli.import.header.check").text(lang)
    text = dump_register(imported.register, header=header)
    try:
        # Checked as the YAML it is, whatever OUT is called (a `.json` name asks for JSON).
        written_back = load(text, name=f"{args.output} (as YAML)", max_bytes=len(text) * 4)
    except LoadError as error:  # pragma: no cover - a bug in the writer, never the workbook
        return fail(msg("cli.internal.unloadable", error=str(error)))
    if written_back != imported.register:  # pragma: no cover - likewise
        return fail(msg("cli.internal.not_the_register"))
    if to_stdout:
        sys.stdout.write(text)
    else:
        try:
            write_bytes_atomically(args.output, text.encode("utf-8"))
        except OutputError as error:
            return _fail(error.said, lang)
    register = imported.register
    say(_done(args.output, len(register.activities), args.workbook, lang))
    return 0


def _speaking(args: argparse.Namespace, read_in: str | None) -> str:
    """The language of what the import says: `--lang` (after the command, or before it:
    `ropa --lang lv import ...`), else `ROPA_LANG`, else the language of the workbook read
    (when it was told), else English (`ropa.cli._common.language`)."""
    from ropa.text.messages import languages

    asked = args.lang if args.lang in languages() else getattr(args, "lang_before", None)
    return language(asked, default=read_in if read_in in languages() else "en")


def _fail(message: Message, lang: str) -> int:
    """`fail`, said in `lang`."""
    say(f"ropa: {message.text(lang)}")
    return EXIT_USAGE


def _done(output: str, count: int, workbook: str, lang: str) -> str:
    activities = plural("cli.counted.activity", count, lang, count=count)
    return msg("cli.import.done", output=output, activities=activities, workbook=workbook).text(
        lang
    )


_DEFAULT_TEXT_LANG = {"cnil": "fr", "ico": "en"}


def _run_layout(args: argparse.Namespace) -> int:
    """Import a regulator's template: 0 written, 1 gaps without --accept-gaps, 2 unreadable."""
    import re

    from ropa.atomic import OutputError, write_bytes_atomically
    from ropa.formats import TemplateError, layout_importer
    from ropa.formats.yaml import dump_register

    lang = args.lang or _DEFAULT_TEXT_LANG[args.layout]
    if not re.fullmatch(r"[a-z]{2}", lang):
        return fail(msg("cli.import.text_lang", lang=lang))
    to_stdout = args.output == "-"
    for target in (None if to_stdout else args.output, args.report):
        if target is not None:
            refusal = check_output_path(target, args.workbook)
            if refusal is not None:
                return fail(refusal)
    speaking = _speaking(args, lang)
    try:
        imported = layout_importer(args.layout)(args.workbook, lang=lang,
                                                max_bytes=args.max_bytes)  # fmt: skip
    except TemplateError as error:
        for problem in error.problems:
            say(problem.line(speaking))
        said = msg("cli.import.layout_unreadable", workbook=args.workbook, layout=args.layout)
        return _fail(said, speaking)
    report = imported.report
    for gap in report.gaps:
        say(gap.line(speaking))
    if args.report is not None:
        try:
            write_bytes_atomically(args.report, report.text(speaking).encode("utf-8"))
        except OutputError as error:
            return _fail(error.said, speaking)
    count = len(report.gaps)
    if count and not args.accept_gaps:
        values = plural("cli.counted.value", count, speaking, count=count)
        say("ropa: " + msg("cli.import.gaps", workbook=args.workbook, values=values).text(speaking))
        return EXIT_FAILED
    name = os.path.basename(args.workbook)
    origin = msg("cli.import.header.layout", version=__version__, layout=args.layout.upper(),
                 workbook=name)  # fmt: skip
    unmapped = msg("cli.import.header.gaps",
                   values=plural("cli.counted.value", count, speaking, count=count))  # fmt: skip
    header = origin.text(speaking) + "\n" + unmapped.text(speaking)
    text = dump_register(imported.register, header=header)
    if to_stdout:
        sys.stdout.write(text)
    else:
        try:
            write_bytes_atomically(args.output, text.encode("utf-8"))
        except OutputError as error:
            return _fail(error.said, speaking)
    total = len(imported.register.activities)
    activities = plural("cli.counted.activity", total, speaking, count=total)
    gaps = plural("cli.counted.gap", count, speaking, count=count)
    done = msg("cli.import.done_layout", output=args.output, activities=activities,
               workbook=args.workbook, layout=args.layout, gaps=gaps)  # fmt: skip
    say(done.text(speaking))
    return 0
