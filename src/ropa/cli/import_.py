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
from ropa.cli import EXIT_FAILED, spoken
from ropa.cli._common import (
    add_max_bytes,
    check_output_path,
    fail,
    help_text,
    said,
    say,
    words,
)
from ropa.formats import LAYOUTS
from ropa.text import LANGUAGES
from ropa.text.messages import msg, plural


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
    from ropa.formats.xlsx.read import NoDataSheet, WorkbookError, read_workbook
    from ropa.formats.yaml import dump_register
    from ropa.loader import LoadError, load

    if args.layout is not None:
        return _run_layout(args)
    if args.accept_gaps or args.report is not None:
        return fail("--accept-gaps and --report are for --layout cnil|ico")
    if args.lang is not None and args.lang not in LANGUAGES:
        return fail(f"--lang {args.lang}: a workbook ropa wrote is in {' or '.join(LANGUAGES)}")
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
            for problem in error.problems:
                say(problem.line(spoken()))
            count = len(error.problems)
            problems = plural("cli.counted.problem", count, spoken(), count=count)
            return fail(msg("cli.import.problems", workbook=args.workbook, problems=problems))
    for warning in caught:
        say("ropa: " + said(msg("cli.import.warning", warning=str(warning.message))))
    if len(imported.files) > 1:
        main, *fragments = imported.files
        say("ropa: " + said(msg("cli.import.several_files", workbook=args.workbook,
                                count=len(imported.files), main=main,
                                fragments=", ".join(fragments))))  # fmt: skip

    name = os.path.basename(args.workbook)
    as_of = f", as of {imported.as_of.isoformat()}" if imported.as_of else ""
    header = (
        f"Imported by ropa {__version__} from the workbook {name} ({imported.lang}{as_of}).\n"
        "Check it with `ropa validate`; compare editions with `ropa diff`."
    )
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
            return fail(str(error))
    register = imported.register
    say(_done(args.output, len(register.activities), args.workbook))
    return 0


def _done(output: str, count: int, workbook: str) -> str:
    activities = plural("cli.counted.activity", count, spoken(), count=count)
    return said(msg("cli.import.done", output=output, activities=activities, workbook=workbook))


_DEFAULT_TEXT_LANG = {"cnil": "fr", "ico": "en"}


def _run_layout(args: argparse.Namespace) -> int:
    """Import a regulator's template: 0 written, 1 gaps without --accept-gaps, 2 unreadable."""
    import re

    from ropa.atomic import OutputError, write_bytes_atomically
    from ropa.formats import TemplateError, layout_importer
    from ropa.formats.yaml import dump_register

    lang = args.lang or _DEFAULT_TEXT_LANG[args.layout]
    if not re.fullmatch(r"[a-z]{2}", lang):
        return fail(f"--lang {lang}: not an ISO 639-1 language code such as fr or en")
    to_stdout = args.output == "-"
    for target in (None if to_stdout else args.output, args.report):
        if target is not None:
            refusal = check_output_path(target, args.workbook)
            if refusal is not None:
                return fail(refusal)
    try:
        imported = layout_importer(args.layout)(args.workbook, lang=lang,
                                                max_bytes=args.max_bytes)  # fmt: skip
    except TemplateError as error:
        for problem in error.problems:
            say(str(problem))
        return fail(msg("cli.import.layout_unreadable", workbook=args.workbook, layout=args.layout))
    report = imported.report
    for gap in report.gaps:
        say(f"{gap}")
    if args.report is not None:
        try:
            write_bytes_atomically(args.report, report.text().encode("utf-8"))
        except OutputError as error:
            return fail(str(error))
    count = len(report.gaps)
    if count and not args.accept_gaps:
        values = plural("cli.counted.value", count, spoken(), count=count)
        say("ropa: " + said(msg("cli.import.gaps", workbook=args.workbook, values=values)))
        return EXIT_FAILED
    name = os.path.basename(args.workbook)
    header = (
        f"Imported by ropa {__version__} from the {args.layout.upper()} template {name}.\n"
        f"{count} value{'s' if count != 1 else ''} could not be mapped; "
        "check it with `ropa validate`."
    )
    text = dump_register(imported.register, header=header)
    if to_stdout:
        sys.stdout.write(text)
    else:
        try:
            write_bytes_atomically(args.output, text.encode("utf-8"))
        except OutputError as error:
            return fail(str(error))
    total = len(imported.register.activities)
    activities = plural("cli.counted.activity", total, spoken(), count=total)
    gaps = plural("cli.counted.gap", count, spoken(), count=count)
    done = msg("cli.import.done_layout", output=args.output, activities=activities,
               workbook=args.workbook, layout=args.layout, gaps=gaps)  # fmt: skip
    say(said(done))
    return 0
