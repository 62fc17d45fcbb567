"""Write output files whole or not at all.

An export is written to a temporary file beside its destination and renamed over it only when
complete, so an interrupted or failed export never leaves a partial file, and the previous
file at that path survives. A process killed while writing (SIGKILL, a power cut) may leave
its temporary file, `.NAME.*.tmp`, beside the destination, never a partial file at NAME.

An output that is not a regular file is never replaced: a symbolic link is followed, a
character device or a pipe (`-o /dev/stdout`) is written into when the output is complete,
and anything else is refused.

The output keeps the permissions of the file it replaces, or gets those the umask gives a new
file; a file that is read-only (to whoever runs ropa) is not replaced.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from ropa.text.escape import printable
from ropa.text.messages import Message, msg


class OutputError(Exception):
    """An output file could not be written; the message says why, in plain words (English;
    `said` is the same catalogue message, to be said in the reader's language)."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


@contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary stream whose bytes end up at `path` only if the block succeeds.

    A regular file (or a new one) is written to a temporary file beside it, renamed over it
    when complete. A symbolic link is followed: the file it names is written, the link stays.
    A character device or a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is never replaced: the
    bytes are made in an anonymous temporary file and copied into it when complete, as any
    program writes to one. Anything else (a block device, a socket) is refused.
    """
    target = Path(path)
    try:
        status = _status(target)
        if status is not None and not stat.S_ISREG(status.st_mode):
            kind = _SPECIAL_KINDS.get(stat.S_IFMT(status.st_mode))
            if kind is None:
                what = _REFUSED_KINDS.get(stat.S_IFMT(status.st_mode), "output.kind.other")
                raise OutputError(msg("output.refused", path=shown(target), what=msg(what)))
            if not os.access(target, os.W_OK):
                raise OutputError(msg(kind, path=shown(target)))
            with _into_special(target) as stream:
                yield stream
            return
        real = Path(os.path.realpath(target))
        directory = real.parent
        if not directory.is_dir():
            said = msg("output.no_directory", path=shown(target), directory=shown(directory))
            raise OutputError(said)
        if status is not None and not os.access(real, os.W_OK):
            # Renaming over a file needs only a writable directory; a file made read-only is
            # kept as its owner meant it to be.
            raise OutputError(msg("output.read_only", path=shown(target)))
        mode = _mode_for(real)
    except OSError as error:
        raise OutputError(_cannot("output.cannot_write_here", target, error)) from None
    temporary = ""
    try:
        # Made with the stopping signals held, so that none can arrive between the file's
        # making and this block's knowing its name (it would be left behind).
        with signals_held():
            try:
                handle, temporary = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp",
                                                     dir=directory)  # fmt: skip
            except OSError as error:
                raise OutputError(_cannot("output.cannot_write_here", target, error)) from None
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except OSError as error:
        _remove(temporary)
        raise OutputError(_cannot("output.cannot_write", target, error)) from None
    except BaseException:
        if temporary:
            _remove(temporary)
        raise


_STOPPING = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block ends (where the system can hold them),
    so that a temporary file or folder is never made without the code that removes it
    knowing its name. The signal then arrives as soon as the block is left."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: nothing to hold them with
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def work_folder(prefix: str) -> Iterator[str]:
    """A private folder in the temporary directory, removed with all it holds however the
    block ends, a stopping signal that arrives while it is made included."""
    folder = ""
    try:
        with signals_held():
            folder = tempfile.mkdtemp(prefix=prefix)
        yield folder
    finally:
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


# What a special file is, as the message that says it cannot be written to.
_SPECIAL_KINDS = {stat.S_IFCHR: "output.device_unwritable", stat.S_IFIFO: "output.pipe_unwritable"}
# What a file ropa refuses to write to is, as a message id.
_REFUSED_KINDS = {
    stat.S_IFDIR: "output.kind.directory",
    stat.S_IFBLK: "output.kind.block_device",
    stat.S_IFSOCK: "output.kind.socket",
}


def _status(target: Path) -> os.stat_result | None:
    """What `target` is, following symbolic links; None when there is nothing there yet."""
    try:
        return os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        return None


@contextmanager
def _into_special(target: Path) -> Iterator[IO[bytes]]:
    """Collect the output in an anonymous temporary file (gone with the process, whatever
    ends it), then copy it into `target`, opened for writing as it is (never replaced)."""
    with tempfile.TemporaryFile() as buffer:
        yield buffer
        buffer.seek(0)
        try:
            with open(target, "wb") as stream:
                shutil.copyfileobj(buffer, stream)
        except OSError as error:
            raise OutputError(_cannot("output.cannot_write", target, error)) from None


def _cannot(msgid: str, target: Path, error: OSError) -> Message:
    """The message `msgid` about `target`, with the system's reason (in its own words)."""
    return msg(msgid, path=shown(target), reason=str(error.strerror or error))


def shown(path: Path | str) -> str:
    """A path fit for a one-line message: control characters escaped."""
    return printable(str(path))


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
