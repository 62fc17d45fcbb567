"""What the sub-commands share: loading with located errors, dates, output paths."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ropa.cli import EXIT_USAGE, LANG_VARIABLE, spoken
from ropa.loader import DEFAULT_MAX_BYTES
from ropa.text.escape import printable
from ropa.text.messages import Message

if TYPE_CHECKING:
    from ropa.model import Register


def as_of_date(text: str) -> date:
    """argparse type for `--as-of YYYY-MM-DD`."""
    from ropa.text.messages import msg

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(said(msg("cli.date", text=repr(text)))) from None


MAX_MAX_BYTES = 1 << 50
"""The largest `--max-bytes` (1 PiB): a larger number cannot be a size to read."""


def byte_count(text: str) -> int:
    """argparse type for `--max-bytes N`: a whole number of bytes, at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_MAX_BYTES:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of bytes from 1 to {MAX_MAX_BYTES:,}"
        )
    return number


def add_max_bytes(parser: argparse.ArgumentParser, *, unpacked_factor: bool = False) -> None:
    """The `--max-bytes` option shared by every command that reads a register or workbook."""
    # 10 is `ropa.formats.xlsx.read.UNPACKED_FACTOR`, written out: importing the importer here would
    # load openpyxl at start-up (tests/formats/xlsx/test_hostile_workbooks.py checks the two agree).
    what = (
        "workbooks larger than N bytes, or unpacking to more than 10 times N"
        if unpacked_factor
        else "register files larger than N bytes"
    )
    parser.add_argument(
        "--max-bytes",
        type=byte_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse {what} (default {DEFAULT_MAX_BYTES:,})",
    )


def load_or_report(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Register | None:
    """Load a register; on failure print each problem as `file:line:col: message` to stderr,
    in the language of the command line (`ropa.cli.spoken`: no register is known yet)."""
    from ropa.loader import LoadError, load

    try:
        register = load(Path(path), max_bytes=max_bytes, name=path)
    except LoadError as error:
        for problem in error.problems:
            say(problem.line(spoken()))
        return None
    # The register lives until the command ends and holds no reference cycles: the garbage
    # collector is told to leave it out of every collection (`ropa.cli.main` undoes this).
    # A full collection walks every object there is, 2 s for 50,000 activities.
    gc.freeze()
    return register


def check_output_path(output: str, *inputs: str) -> str | None:
    """A reason to refuse writing to `output` (it is one of the inputs), or None."""
    try:
        target = os.path.realpath(output)
        for source in inputs:
            if os.path.exists(source) and os.path.realpath(source) == target:
                return f"{output}: the output would overwrite the input {source}; choose another"
    except OSError:
        return None
    return None


def say(line: str) -> None:
    """Print one line to stderr, its control characters escaped: a file name or register
    text in it cannot drive the terminal or forge a second line (a CI annotation)."""
    print(printable(line), file=sys.stderr)


def fail(message: str | Message) -> int:
    """Print `ropa: message` to stderr and return the usage/input exit status 2; a catalogue
    message is said in the language of the command line (`ropa.cli.spoken`)."""
    text = message if isinstance(message, str) else message.text(spoken())
    say(f"ropa: {text}")
    return EXIT_USAGE


def said(message: Message) -> str:
    """`message` in the language of the command line."""
    return message.text(spoken())


def add_lang(
    parser: argparse.ArgumentParser, what: str, *, otherwise: str = "the register's language"
) -> None:
    """The `--lang` option every command shares; its default is `language`'s rule (a command
    that reads no register says what it falls back to in `otherwise`)."""
    from ropa.text.messages import languages

    parser.add_argument(
        "--lang",
        choices=languages(),
        default=None,
        help=f"language of {what} (default: ${LANG_VARIABLE}, else {otherwise})",
    )


def language(
    requested: str | None, register: Register | None = None, *, read_in: str | None = None
) -> str:
    """The one default rule of every command: `--lang`, else `ROPA_LANG` (when it names a
    language with a catalogue), else the register's language (or `read_in`, the language
    of the workbook being read), else English."""
    from ropa.text.messages import languages

    if requested:
        return requested
    chosen = os.environ.get(LANG_VARIABLE, "").strip().lower()
    if chosen in languages():
        return chosen
    if register is not None and register.register.language in languages():
        return register.register.language
    if read_in in languages():
        return str(read_in)
    return "en"
