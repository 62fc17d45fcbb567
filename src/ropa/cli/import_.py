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
from ropa.cli._common import add_max_bytes, check_output_path, fail
from ropa.text import LANGUAGES


def add_parser(subparsers: Any) -> None:
    """Declare `ropa import WORKBOOK -o OUT [--lang lv|en]`."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="rebuild the register (YAML) from a workbook that ropa wrote",
        description=(
            "Read a workbook written by `ropa export --to xlsx`, as it is or edited by hand "
            "(cells changed, rows added, deleted or reordered), and write the register as "
            "YAML. An unchanged workbook gives back exactly the register it was written from. "
            "Exit 0 when the file is written, 2 when the workbook cannot be read (each cell at "
            "fault is named, `Activities!F12: ...`, and nothing is written) or the output "
            "cannot be written."
        ),
    )
    parser.add_argument("workbook", metavar="WORKBOOK", help="the workbook (.xlsx)")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the register file to write, e.g. register.yaml; - for standard output",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="the workbook's language (default: told from its sheet names)",
    )
    add_max_bytes(parser, unpacked_factor=True)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Import WORKBOOK and write OUT; 0 when written, 2 when unreadable or unwritable."""
    from ropa.atomic import OutputError, write_bytes_atomically
    from ropa.formats.xlsx.read import NoDataSheet, WorkbookError, read_workbook
    from ropa.formats.yaml import dump_register
    from ropa.loader import LoadError, load

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
                print(problem, file=sys.stderr)
            count = len(error.problems)
            return fail(
                f"{args.workbook}: {count} problem{'s' if count != 1 else ''}; nothing written"
            )
    for warning in caught:
        print(f"ropa: warning: {warning.message}", file=sys.stderr)

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
        return fail(f"internal error: the YAML written does not load ({error})")
    if written_back != imported.register:  # pragma: no cover - likewise
        return fail("internal error: the YAML written does not give the register back")
    if to_stdout:
        sys.stdout.write(text)
    else:
        try:
            write_bytes_atomically(args.output, text.encode("utf-8"))
        except OutputError as error:
            return fail(str(error))
    register = imported.register
    print(
        f"{args.output}: {len(register.activities)} activities imported from {args.workbook}",
        file=sys.stderr,
    )
    return 0
