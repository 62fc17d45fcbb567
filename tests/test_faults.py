"""Faults while writing output: every writer, from the command line and from Python.

The writers are the workbook and JSON exports, the privacy notice and the import (which writes
a register). Whatever goes wrong (no directory, no permission, a read-only file, the input
named as the output, a full disk, the process killed half way), the outcome is the same: exit
2 with one plain line (`ropa.atomic.OutputError` from Python), the previous file at OUT byte
for byte as it was, and no temporary file left behind; only a killed process may leave its
temporary file, never a partial OUT.

Tests run as root in CI, where file permissions are not enforced: each permission fault is
simulated (the system call made to fail as it would) and also tried for real where the test
is not root.
"""

from __future__ import annotations

import errno
import io
import os
import resource
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import ropa
import ropa.atomic
from conftest import AS_OF, SHIPPED
from ropa.atomic import OutputError, write_bytes_atomically
from ropa.cli import main
from ropa.formats.xlsx.write import export_excel

PREVIOUS = b"the previous edition, which must survive\n"
IS_ROOT = os.name == "posix" and os.geteuid() == 0
NOT_ENFORCED = (
    "runs as root, for whom file permissions are not enforced (the simulated test covers it)"
)

SUFFIX = {"xlsx": ".xlsx", "json": ".json", "notice": ".html", "import": ".yaml"}
WRITERS = ["xlsx", "json", "notice", "import"]
API_WRITERS = ["xlsx", "json", "notice"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workbook of the shipped register, the input of `ropa import`."""
    path = tmp_path_factory.mktemp("workbook") / "shipped.xlsx"
    export_excel(ropa.load(SHIPPED), path, as_of=AS_OF)
    return path


def _needs_import(writer: str) -> None:
    if writer == "import":
        pytest.importorskip(
            "ropa.formats.xlsx.read", reason="this version has no workbook importer"
        )
        pytest.importorskip("ropa.cli.import_", reason="this version has no `ropa import`")


def cli_argv(writer: str, out: Path, workbook: Path, source: Path = SHIPPED) -> list[str]:
    """The command that makes `writer` write `out`."""
    if writer in ("xlsx", "json"):
        return ["export", str(source), "--to", writer, "-o", str(out), "--as-of", "2026-11-27"]
    if writer == "notice":
        return ["notice", str(source), "--lang", "en", "--to", "html", "-o", str(out)]
    return ["import", str(workbook), "-o", str(out)]


def api_write(writer: str, register: ropa.Register, out: Path) -> None:
    """`writer` writing `out` through the public API."""
    if writer == "xlsx":
        ropa.export_excel(register, out, as_of=AS_OF)
    elif writer == "json":
        ropa.export_json(register, out, as_of=AS_OF)
    else:
        text = ropa.render_notice(register, lang="en", fmt="html")
        write_bytes_atomically(out, text.encode("utf-8"))


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return status, captured.err


def _one_line(err: str) -> str:
    """The last line of stderr, checked to be `ropa: ...` (earlier lines are progress)."""
    last = err.splitlines()[-1]
    assert last.startswith("ropa: "), err
    return last


class _Patched(ModuleType):
    """A module seen through `ropa.atomic` with some of its functions replaced, so that a
    fault is injected there and nowhere else in the process."""

    def __init__(self, module: ModuleType, **replaced: Any) -> None:
        super().__init__(module.__name__)
        self._module = module
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


def _fail_with(code: int) -> OSError:
    return OSError(code, os.strerror(code))


# ---------------------------------------------------------------------------------------------
# A directory that does not exist


@pytest.mark.parametrize("writer", WRITERS)
def test_missing_directory_cli(
    writer: str, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _needs_import(writer)
    out = tmp_path / "no" / "such" / f"out{SUFFIX[writer]}"
    status, err = _run(cli_argv(writer, out, workbook), capsys)
    assert status == 2
    assert _one_line(err) == f"ropa: {out}: the directory {out.parent} does not exist"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("writer", API_WRITERS)
def test_missing_directory_api(writer: str, shipped: ropa.Register, tmp_path: Path) -> None:
    out = tmp_path / "no" / f"out{SUFFIX[writer]}"
    with pytest.raises(OutputError, match="does not exist"):
        api_write(writer, shipped, out)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# A directory that cannot be written


def _refuse_directory(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make creating a file in `folder` fail as it does without write permission."""
    import tempfile

    def mkstemp(*args: Any, dir: Any = None, **kwargs: Any) -> tuple[int, str]:
        if dir is not None and Path(dir) == folder:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return tempfile.mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(ropa.atomic, "tempfile", _Patched(tempfile, mkstemp=mkstemp))


@pytest.mark.parametrize("writer", WRITERS)
def test_unwritable_directory_cli(
    writer: str,
    workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _needs_import(writer)
    out = tmp_path / f"out{SUFFIX[writer]}"
    _refuse_directory(monkeypatch, tmp_path)
    status, err = _run(cli_argv(writer, out, workbook), capsys)
    assert status == 2
    assert _one_line(err) == f"ropa: {out}: cannot write here: Permission denied"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("writer", API_WRITERS)
def test_unwritable_directory_api(
    writer: str, shipped: ropa.Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_directory(monkeypatch, tmp_path)
    with pytest.raises(OutputError, match="cannot write here: Permission denied"):
        api_write(writer, shipped, tmp_path / f"out{SUFFIX[writer]}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or IS_ROOT, reason=NOT_ENFORCED)
@pytest.mark.parametrize("writer", API_WRITERS)
def test_unwritable_directory_for_real(writer: str, shipped: ropa.Register, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="Permission denied"):
            api_write(writer, shipped, folder / f"out{SUFFIX[writer]}")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


# ---------------------------------------------------------------------------------------------
# An existing output that is read-only


def _refuse_replace(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Make renaming over `target` fail, as it does where a read-only file cannot be
    replaced (Windows, a read-only mount, an immutable file)."""

    def replace(source: Any, destination: Any) -> None:
        if Path(destination) == target:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        os.replace(source, destination)

    monkeypatch.setattr(ropa.atomic, "os", _Patched(os, replace=replace))


@pytest.mark.parametrize("writer", WRITERS)
def test_read_only_output_that_cannot_be_replaced_cli(
    writer: str,
    workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _needs_import(writer)
    out = tmp_path / f"out{SUFFIX[writer]}"
    out.write_bytes(PREVIOUS)
    _refuse_replace(monkeypatch, out)
    status, err = _run(cli_argv(writer, out, workbook), capsys)
    assert status == 2
    assert _one_line(err) == f"ropa: {out}: cannot write: Permission denied"
    assert out.read_bytes() == PREVIOUS
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("writer", API_WRITERS)
def test_read_only_output_that_cannot_be_replaced_api(
    writer: str, shipped: ropa.Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / f"out{SUFFIX[writer]}"
    out.write_bytes(PREVIOUS)
    _refuse_replace(monkeypatch, out)
    with pytest.raises(OutputError, match="Permission denied"):
        api_write(writer, shipped, out)
    assert out.read_bytes() == PREVIOUS
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("writer", WRITERS)
def test_read_only_output_is_not_replaced(
    writer: str,
    workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # POSIX lets a rename replace a read-only file in a writable directory; ropa does not,
    # for whoever the file is read-only to (os.access; never for root).
    _needs_import(writer)
    out = tmp_path / f"out{SUFFIX[writer]}"
    out.write_bytes(PREVIOUS)

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        return not (Path(path) == out and mode == os.W_OK)

    monkeypatch.setattr(ropa.atomic, "os", _Patched(os, access=access))
    status, err = _run(cli_argv(writer, out, workbook), capsys)
    assert status == 2
    assert _one_line(err) == f"ropa: {out}: the file is read-only; it was left as it was"
    assert out.read_bytes() == PREVIOUS
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.skipif(os.name != "posix" or IS_ROOT, reason=NOT_ENFORCED)
@pytest.mark.parametrize("writer", API_WRITERS)
def test_read_only_output_for_real(writer: str, shipped: ropa.Register, tmp_path: Path) -> None:
    out = tmp_path / f"out{SUFFIX[writer]}"
    out.write_bytes(PREVIOUS)
    out.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        api_write(writer, shipped, out)
    assert out.read_bytes() == PREVIOUS
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_replaced_file_keeps_its_permissions(mode: int, tmp_path: Path) -> None:
    # A file kept private stays private when a new edition replaces it.
    out = tmp_path / "out.json"
    out.write_bytes(PREVIOUS)
    out.chmod(mode)
    assert main(["export", str(SHIPPED), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    assert out.stat().st_mode & 0o777 == mode
    assert out.read_bytes() != PREVIOUS


def test_a_new_file_gets_the_permissions_of_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        assert main(["export", str(SHIPPED), "-o", str(tmp_path / "out.json")]) == 0
    finally:
        os.umask(previous)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o640


# ---------------------------------------------------------------------------------------------
# The input named as the output


def _input_copy(writer: str, tmp_path: Path, workbook: Path) -> Path:
    """A copy of the writer's input in tmp_path (the register, or the workbook to import)."""
    source = workbook if writer == "import" else SHIPPED
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    return copy


@pytest.mark.parametrize("spelling", ["same", "dot-dot", "symlink"])
@pytest.mark.parametrize("writer", WRITERS)
def test_output_that_is_the_input_is_refused(
    writer: str,
    spelling: str,
    workbook: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _needs_import(writer)
    source = _input_copy(writer, tmp_path, workbook)
    original = source.read_bytes()
    if spelling == "same":
        out = source
    elif spelling == "dot-dot":
        (tmp_path / "sub").mkdir()
        out = tmp_path / "sub" / ".." / source.name
    else:
        out = tmp_path / f"link{SUFFIX[writer]}"
        out.symlink_to(source)
    argv = cli_argv(writer, out, source, source=source)
    status, err = _run(argv, capsys)
    assert status == 2
    assert _one_line(err) == (
        f"ropa: {out}: the output would overwrite the input {source}; choose another"
    )
    assert source.read_bytes() == original
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".tmp")]


def test_a_hard_link_to_the_input_is_replaced_and_the_input_survives(tmp_path: Path) -> None:
    # A hard link is another name for the same file, which realpath cannot see. The output
    # is renamed into place, so the name OUT gets a new file and the input keeps its bytes.
    source = tmp_path / "register.yaml"
    source.write_bytes(SHIPPED.read_bytes())
    out = tmp_path / "register.json"
    os.link(source, out)
    assert main(["export", str(source), "-o", str(out), "--as-of", "2026-11-27"]) == 0
    assert source.read_bytes() == SHIPPED.read_bytes()
    assert out.read_bytes().startswith(b"{")


# ---------------------------------------------------------------------------------------------
# A full disk


class _FullDisk(io.FileIO):
    """A file on a disk with `room` bytes free: writing more fails with ENOSPC."""

    room = 2048

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if size > self.room:
            raise _fail_with(errno.ENOSPC)
        type(self).room -= size
        return super().write(data)


def _fill_disk(monkeypatch: pytest.MonkeyPatch, room: int = 2048) -> None:
    """Give ropa.atomic's output streams a disk that fills up after `room` bytes."""
    monkeypatch.setattr(_FullDisk, "room", room)

    def fdopen(fd: int, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BufferedWriter:
        assert mode == "wb"
        return io.BufferedWriter(_FullDisk(fd, "wb"))

    monkeypatch.setattr(ropa.atomic, "os", _Patched(os, fdopen=fdopen))


@pytest.mark.parametrize("writer", WRITERS)
def test_full_disk_cli(
    writer: str,
    workbook: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _needs_import(writer)
    out = tmp_path / f"out{SUFFIX[writer]}"
    out.write_bytes(PREVIOUS)
    _fill_disk(monkeypatch)
    status, err = _run(cli_argv(writer, out, workbook), capsys)
    assert status == 2
    assert _one_line(err) == f"ropa: {out}: cannot write: No space left on device"
    assert out.read_bytes() == PREVIOUS
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("room", [0, 100, 4000])
@pytest.mark.parametrize("writer", API_WRITERS)
def test_full_disk_api(
    writer: str,
    room: int,
    shipped: ropa.Register,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / f"out{SUFFIX[writer]}"
    out.write_bytes(PREVIOUS)
    _fill_disk(monkeypatch, room)
    with pytest.raises(OutputError, match="No space left on device"):
        api_write(writer, shipped, out)
    assert out.read_bytes() == PREVIOUS
    assert list(tmp_path.iterdir()) == [out]


def _limit_file_size() -> None:  # pragma: no cover - runs in the child process
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs POSIX file size limits")
@pytest.mark.parametrize("writer", ["xlsx", "json", "notice"])
def test_file_size_limit_of_the_system(writer: str, workbook: Path, tmp_path: Path) -> None:
    # A real fault from the kernel, not a patched call: no file may grow past 4 KiB.
    out = tmp_path / f"out{SUFFIX[writer]}"
    out.write_bytes(PREVIOUS)
    argv = cli_argv(writer, out, workbook)
    code = f"import sys; from ropa.cli import main; sys.exit(main({argv!r}))"
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        env={**os.environ, "TMPDIR": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=120,
        check=False,
    )
    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stderr.splitlines()[-1] == f"ropa: {out}: cannot write: File too large"
    assert out.read_bytes() == PREVIOUS
    assert list(tmp_path.iterdir()) == [out]


# ---------------------------------------------------------------------------------------------
# Killed while writing

_KILLED_WRITER = textwrap.dedent(
    """\
    import io, os, sys, time
    import ropa.atomic
    from ropa.cli import main

    class Slow(io.FileIO):
        written = 0
        def write(self, data):
            count = super().write(data)
            Slow.written += count
            if Slow.written > 1000:
                os.fsync(self.fileno())
                print("writing", flush=True)
                time.sleep(120)
            return count

    class Os:
        def __getattr__(self, name):
            return getattr(os, name)
        def fdopen(self, fd, mode="rb", *args, **kwargs):
            return io.BufferedWriter(Slow(fd, "wb"), buffer_size=512)

    ropa.atomic.os = Os()
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.parametrize("writer", ["xlsx", "json"])
def test_killed_mid_write_leaves_the_previous_file(
    writer: str, workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / f"out{SUFFIX[writer]}"
    out.write_bytes(PREVIOUS)
    work = tmp_path / "tmp"
    work.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, *cli_argv(writer, out, workbook)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(work)},
    )
    try:
        assert child.stdout is not None
        line = _read_line(child.stdout.readline, timeout=60)
        assert line == "writing\n", child.stderr.read() if child.stderr else ""
        temporary = [path for path in tmp_path.iterdir() if path.name.endswith(".tmp")]
        assert len(temporary) == 1 and temporary[0].stat().st_size > 1000
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        if child.stdout:
            child.stdout.close()
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    # OUT is the previous file, byte for byte; beside it at most the killed process's
    # temporary file (`.out.xlsx.*.tmp`), which no later run mistakes for OUT.
    assert out.read_bytes() == PREVIOUS
    left = sorted(path.name for path in tmp_path.iterdir() if path not in (out, work))
    assert len(left) == 1 and left[0].startswith(f".{out.name}.") and left[0].endswith(".tmp")
    # A later run writes OUT whole and leaves the stray temporary file alone.
    assert main(cli_argv(writer, out, workbook)) == 0
    assert out.read_bytes() != PREVIOUS
    assert sorted(path.name for path in tmp_path.iterdir() if path not in (out, work)) == left


def _read_line(readline: Callable[[], str], timeout: float) -> str:
    """One line from a child, or a failure after `timeout` seconds."""
    import threading

    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not lines:
        pytest.fail(f"the child wrote nothing in {timeout} s")
    return lines[0]
