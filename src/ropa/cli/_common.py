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
        from ropa.text.messages import msg

        said_text = said(msg("cli.byte_count", text=repr(text), most=f"{MAX_MAX_BYTES:,}"))
        raise argparse.ArgumentTypeError(said_text)
    return number


def add_max_bytes(parser: argparse.ArgumentParser, *, unpacked_factor: bool = False) -> None:
    """The `--max-bytes` option shared by every command that reads a register or workbook."""
    # 10 is `ropa.formats.xlsx.read.UNPACKED_FACTOR`, written out: importing the importer here would
    # load openpyxl at start-up (tests/formats/xlsx/test_hostile_workbooks.py checks the two agree).
    default = f"{DEFAULT_MAX_BYTES:,}"
    parser.add_argument(
        "--max-bytes",
        type=byte_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=help_text("help.max_bytes.workbook", default=default, factor=10)
        if unpacked_factor
        else help_text("help.max_bytes", default=default),
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


def check_output_path(output: str, *inputs: str) -> Message | None:
    """A reason to refuse writing to `output` (it is one of the inputs), or None."""
    from ropa.text.messages import msg

    try:
        target = os.path.realpath(output)
        for source in inputs:
            if os.path.exists(source) and os.path.realpath(source) == target:
                return msg("cli.overwrite_input", output=output, input=source)
    except OSError:
        return None
    return None


def say(line: str) -> None:
    """Print one line to stderr, its control characters escaped: a file name or register
    text in it cannot drive the terminal or forge a second line (a CI annotation)."""
    print(printable(line), file=sys.stderr)


def fail(message: str | Message, lang: str | None = None) -> int:
    """Print `ropa: message` to stderr and return the usage/input exit status 2; a catalogue
    message is said in `lang`, by default the language of the command line (`ropa.cli.spoken`)."""
    text = message if isinstance(message, str) else message.text(lang or spoken())
    say(f"ropa: {text}")
    return EXIT_USAGE


def said(message: Message) -> str:
    """`message` in the language of the command line."""
    return message.text(spoken())


def words(msgid: str, /, **params: object) -> str:
    """The catalogue message `msgid` in the language of the command line: a description or
    an epilog of `--help`."""
    from ropa.text.messages import message

    return message(msgid, spoken(), **params)


def help_text(msgid: str, /, **params: object) -> str:
    """`words(msgid)` for an option's `help=`: argparse fills `%(default)s` in a help text, so
    a `%` of the message is written `%%`."""
    return words(msgid, variable=LANG_VARIABLE, **params).replace("%", "%%")


def add_lang(parser: argparse.ArgumentParser, msgid: str) -> None:
    """The `--lang` option every command shares, its help the message `msgid`; its default is
    `language`'s rule."""
    from ropa.text.messages import languages

    parser.add_argument("--lang", choices=languages(), default=None, help=help_text(msgid))


def language(
    requested: str | None, register: Register | None = None, *, default: str = "en"
) -> str:
    """The one default rule of every command: `--lang`, else `ROPA_LANG` (when it names a
    language with a catalogue), else the register's language, else `default`."""
    from ropa.text.messages import languages

    if requested:
        return requested
    chosen = os.environ.get(LANG_VARIABLE, "").strip().lower()
    if chosen in languages():
        return chosen
    if register is not None and register.register.language in languages():
        return register.register.language
    return default
