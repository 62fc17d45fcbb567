"""Write output files whole or not at all.

An export is written to a temporary file beside its destination and renamed over it only when
complete, so an interrupted or failed export never leaves a partial file, and the previous
file at that path survives. A process killed while writing (SIGKILL, a power cut) may leave
its temporary file, `.NAME.*.tmp`, beside the destination, never a partial file at NAME.

The output keeps the permissions of the file it replaces, or gets those the umask gives a new
file; a file that is read-only (to whoever runs ropa) is not replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO


class OutputError(Exception):
    """An output file could not be written; the message says why, in plain words."""


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Open a temporary file beside `path`; on success it replaces `path`, on error it goes."""
    target = Path(path)
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(f"{target}: the directory {directory} does not exist")
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    if target.exists() and not os.access(target, os.W_OK):
        # Renaming over a file needs only a writable directory; a file made read-only is
        # kept as its owner meant it to be.
        raise OutputError(f"{target}: the file is read-only; it was left as it was")
    mode = _mode_for(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=directory)  # fmt: skip
    except OSError as error:
        raise OutputError(f"{target}: cannot write here: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        _remove(temporary)
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    except BaseException:
        _remove(temporary)
        raise


def write_atomically(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None]) -> None:
    """Call `write` with a binary stream whose bytes end up at `path` only if it succeeds."""
    with atomic_output(path) as stream:
        write(stream)


def write_bytes_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` whole or not at all."""
    with atomic_output(path) as stream:
        stream.write(data)


def _mode_for(target: Path) -> int:
    """The permissions the output gets: those of the file it replaces (a file kept private
    stays private), else those the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode) & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(path: str) -> None:
    with suppress(FileNotFoundError):
        os.unlink(path)
