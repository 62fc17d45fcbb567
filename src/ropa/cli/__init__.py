"""The `ropa` command: a thin shell over the public API.

Each sub-command lives in its own module with two functions: `add_parser(subparsers)` declares
its arguments and `run(args) -> int` carries it out. Exit status: 0 success, 1 the command's
own "no" (findings, differences), 2 unreadable input or bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import importlib
import io
import os
import signal
import sys
from collections.abc import Iterator, Sequence

from ropa._version import __version__

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

# Here, not in _common: `import ropa.cli` stays free of the loader and the models.
EXIT_OK = 0
"""Exit status: done, nothing to report."""
EXIT_FAILED = 1
"""Exit status: the command's own "no" (findings that fail, differences, gaps)."""
EXIT_USAGE = 2
"""Exit status: bad usage or unreadable input."""

# Sub-command modules, in the order `ropa --help` lists them. Imported lazily so that
# `ropa --version` and `ropa validate` do not pay for openpyxl or jsonschema.
_COMMANDS = {
    "validate": "ropa.cli.validate",
    "rules": "ropa.cli.rules",
    "export": "ropa.cli.export",
    "import": "ropa.cli.import_",
    "diff": "ropa.cli.diff",
    "notice": "ropa.cli.notice",
    "schema": "ropa.cli.schema",
    "init": "ropa.cli.init",
}


_OWN_LANG = frozenset({"import"})
"""Commands whose `--lang` is no language to speak in (`ropa import`: the workbook's), so that
`ropa --lang X COMMAND` does not set it."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse exits with 2 already; say it in one located line, without the usage dump.
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: {_said('cli.error', message=message)}\n")


LANG_VARIABLE = "ROPA_LANG"
"""The environment variable that picks the language when `--lang` is not given."""

_SPOKEN: list[str] = ["en"]
"""The language of what the command says before a register is read: `--lang`, else
`ROPA_LANG`, else English (`speak`)."""


def spoken() -> str:
    """The language `ropa` speaks in until a register is known (usage, errors, help)."""
    return _SPOKEN[0]


def speak(argv: Sequence[str]) -> str:
    """Choose the language of the command line `argv` (`--lang X` or `--lang=X`, else
    `ROPA_LANG`, else English), and have argparse's own words said in it."""
    from ropa.text.messages import languages

    known = languages()
    asked = None
    for position, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and position + 1 < len(argv):
            asked = argv[position + 1]
        elif argument.startswith("--lang="):
            asked = argument.partition("=")[2]
    chosen = os.environ.get(LANG_VARIABLE, "").strip().lower()
    lang = asked if asked in known else chosen if chosen in known else "en"
    _SPOKEN[0] = lang
    argparse._ = _argparse_words  # type: ignore[attr-defined]
    return lang


# argparse's own words that a user meets, by their (English) text: the catalogue's ids.
_ARGPARSE = {
    "usage: ": "argparse.usage",
    "options": "argparse.options",
    "positional arguments": "argparse.positional",
    "show this help message and exit": "argparse.help",
    "show program's version number and exit": "argparse.version",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "expected one argument": "argparse.expected_one",
    "expected at least one argument": "argparse.expected_some",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "one of the arguments %s is required": "argparse.one_required",
    "expected at most one argument": "argparse.expected_at_most",
    "ignored explicit argument %r": "argparse.ignored_explicit",
}


def _argparse_words(text: str) -> str:
    msgid = _ARGPARSE.get(text)
    return _said(msgid) if msgid is not None else text


def _said(msgid: str, **params: object) -> str:
    from ropa.text.messages import message

    return message(msgid, spoken(), **params)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `ropa`, with every available sub-command."""
    from ropa.text.messages import languages

    parser = _Parser(prog="ropa", description=_said("help.ropa.description"))
    parser.add_argument(
        "--version",
        action="version",
        version=f"ropa {__version__}",
        help=_said("argparse.version").replace("%", "%%"),
    )
    # `ropa --lang lv COMMAND ...`: the language of everything the command says, its help
    # included (`speak` reads it before the parser is built).
    parser.add_argument(
        "--lang",
        dest="lang_before",
        choices=languages(),
        default=None,
        help=_said("help.ropa.lang", variable=LANG_VARIABLE).replace("%", "%%"),
    )
    subparsers = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=_Parser,
        title=_said("help.ropa.commands"),
    )
    for module_name in _COMMANDS.values():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue  # a sub-command not built into this version
        module.add_parser(subparsers)
    return parser


class _Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwinds like Ctrl-C, so that every temporary file and work
    folder is removed on the way out (the default action kills the process where it stands)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_RECEIVED: list[int] = []
"""The stopping signals received, in order: a library's bare `except:` (openpyxl has some) can
turn `_Terminated` into another exception, and this record still says the process was stopped."""


def _terminate(signum: int, frame: object) -> None:
    _RECEIVED.append(signum)
    raise _Terminated(signum)


# SIGHUP: the terminal was closed. Not on Windows, which has neither.
_STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def main(argv: Sequence[str] | None = None) -> int:
    """Run `ropa` with `argv` (default: the process arguments) and return the exit status."""
    previous = {}
    try:
        for signum in _STOPPING:
            previous[signum] = signal.signal(signum, _terminate)
    except ValueError:  # not the main thread: the signals keep their handlers
        pass
    _RECEIVED.clear()
    try:
        status = _main(argv)
        if _RECEIVED:  # the signal was caught and turned into an error message on the way
            _last_words("ropa: " + _said("cli.terminated"))
            return 128 + _RECEIVED[0]
        return status
    except KeyboardInterrupt:
        _last_words("ropa: " + _said("cli.interrupted"))
        return 130
    except _Terminated as stopped:
        _last_words("ropa: " + _said("cli.terminated"))
        return 128 + stopped.signum
    except Exception:
        if not _RECEIVED:
            raise
        _last_words("ropa: " + _said("cli.terminated"))
        return 128 + _RECEIVED[0]
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _main(argv: Sequence[str] | None) -> int:
    _usable_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    speak(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    _warn_of_unknown_language()
    lang_before = args.lang_before
    if (
        lang_before is not None
        and args.command not in _OWN_LANG
        and getattr(args, "lang", None) is None
    ):
        args.lang = lang_before
    frozen_before = gc.get_freeze_count()
    try:
        with _without_pydantic_plugins():
            status: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`ropa validate ... | head`): not an error of ours.
        _silence_stdout()
        return EXIT_FAILED
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        # Standard output full (`> /dev/full`), closed, or its device gone.
        _silence_stdout()
        _last_words("ropa: " + _said("cli.stdout_unwritable", reason=error.strerror or error))
        return EXIT_USAGE
    finally:
        if not frozen_before:
            gc.unfreeze()  # what loading froze (`load_or_report`), for callers that carry on
    return status


def _warn_of_unknown_language() -> None:
    """Say it when `ROPA_LANG` names a language that has no catalogue: the command goes on
    in the language chosen without it, but a setting the user made is not passed over in
    silence (a typo such as `ROPA_LANG=lt` would otherwise go unnoticed)."""
    from ropa.text.messages import languages

    value = os.environ.get(LANG_VARIABLE, "")
    known = languages()
    if value.strip() and value.strip().lower() not in known:
        _last_words(
            "ropa: "
            + _said(
                "cli.lang_variable_unknown",
                variable=LANG_VARIABLE,
                value=repr(value),  # escapes control and bidirectional characters
                known=", ".join(sorted(known)),
            )
        )


_PLUGINS_VARIABLE = "PYDANTIC_DISABLE_PLUGINS"


@contextlib.contextmanager
def _without_pydantic_plugins() -> Iterator[None]:
    """The command runs no pydantic plugin: it would observe ropa's own validation, which is
    no interface, and looking for one reads the metadata of every package installed beside
    ropa (10 ms here, more in a large environment) before the first register is validated.
    A value the user set is kept; the variable is restored for callers of `main`."""
    if _PLUGINS_VARIABLE in os.environ:
        yield
        return
    os.environ[_PLUGINS_VARIABLE] = "__all__"
    try:
        yield
    finally:
        os.environ.pop(_PLUGINS_VARIABLE, None)


_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG})


class _ClosedStream(io.TextIOBase):
    """Standard output or error that was closed before ropa started (`>&-`)."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _usable_streams() -> None:
    """Standard streams that cannot fail with a traceback: a closed one raises EBADF when
    written to (reported, exit 2), and one whose encoding cannot hold all of Unicode
    (`PYTHONIOENCODING=ascii`) shows the characters it lacks as escapes."""
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what is
    still buffered cannot fail again (with a message of its own) on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        sys.stdout = _ClosedStream()


def _last_words(line: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(line, file=sys.stderr)
