"""Where output goes when it is not a plain file: devices, pipes, standard output, names the
system refuses; and the process stopped (SIGTERM, Ctrl-C) or its standard output failing.

An output that is not a regular file is never replaced by one: a character device or a pipe is
written into (`-o /dev/stdout` works as in any program), anything else is refused in one line.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ropa
from ropa.atomic import OutputError, write_bytes_atomically
from ropa.cli import main
from ropa.formats.xlsx.write import export_excel

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "processing_activities.yaml"
IS_ROOT = os.name == "posix" and os.geteuid() == 0
WRITERS = ["xlsx", "json", "notice", "import"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("workbook") / "shipped.xlsx"
    export_excel(ropa.load(SHIPPED), path, lang="en")
    return path


def argv_for(writer: str, out: str, workbook: Path) -> list[str]:
    if writer in ("xlsx", "json"):
        return ["export", str(SHIPPED), "--to", writer, "-o", out, "--as-of", "2026-11-27"]
    if writer == "notice":
        return ["notice", str(SHIPPED), "--lang", "en", "--to", "html", "-o", out]
    return ["import", str(workbook), "-o", out]


def ropa_command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "ropa", *argv]


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err, err


# ---------------------------------------------------------------------------------------------
# Devices and pipes: written into, never replaced


@pytest.mark.skipif(not IS_ROOT, reason="making a device node needs root")
@pytest.mark.parametrize("writer", WRITERS)
def test_a_character_device_is_written_into_not_replaced(
    writer: str, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A null device of the test's own (1, 3 is /dev/null): as root the old writer renamed a
    # regular file over /dev/null itself.
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert main(argv_for(writer, str(device), workbook)) == 0, capsys.readouterr().err
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert os.lstat(device).st_rdev == os.makedev(1, 3)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["null"]


@pytest.mark.parametrize("writer", WRITERS)
def test_a_fifo_gets_the_whole_output_and_stays_a_fifo(
    writer: str, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(argv_for(writer, str(fifo), workbook)) == 0, capsys.readouterr().err
    reader.join(timeout=60)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    data = received[0]
    if writer == "json":
        assert json.loads(data)["activities"]
    elif writer == "xlsx":
        assert data.startswith(b"PK")
    elif writer == "notice":
        assert data.startswith(b"<!DOCTYPE html>")
    else:
        assert ropa.load(data) == ropa.load(SHIPPED)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.pipe"]


def test_a_link_to_standard_output_is_standard_output(workbook: Path, tmp_path: Path) -> None:
    # A link like /dev/stdout (never the system's own: a writer that replaced it would replace
    # it for every program), to the process's standard output, here a pipe.
    link = tmp_path / "stdout.json"
    link.symlink_to("/proc/self/fd/1")
    completed = subprocess.run(
        ropa_command(*argv_for("json", str(link), workbook)),
        capture_output=True,
        timeout=120,
        check=False,
    )
    no_traceback(completed.stderr.decode())
    assert completed.returncode == 0
    assert json.loads(completed.stdout)["activities"]
    assert link.is_symlink()


def test_a_symbolic_link_to_a_file_writes_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert main(["export", str(SHIPPED), "-o", str(link), "--as-of", "2026-11-27"]) == 0
    assert link.is_symlink()
    assert json.loads(target.read_text())["activities"]


def test_a_socket_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    path = tmp_path / "out.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert main(["export", str(SHIPPED), "--to", "json", "-o", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        f"ropa: {path}: is a socket; ropa writes to files, character devices and pipes"
    )


def full_device(folder: Path) -> Path:
    """A device that is always full (1, 7 is /dev/full) of the test's own: a writer that
    replaced it must not replace the system's."""
    if not IS_ROOT:
        pytest.skip("making a device node needs root")
    full = folder / "full"
    os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    return full


def test_writing_into_a_device_that_fails_is_an_output_error(tmp_path: Path) -> None:
    full = full_device(tmp_path)
    with pytest.raises(OutputError, match=r": cannot write: No space left on device$"):
        write_bytes_atomically(full, b"x" * 10_000)
    assert stat.S_ISCHR(os.lstat(full).st_mode)


# ---------------------------------------------------------------------------------------------
# Names the system refuses


@pytest.mark.parametrize("writer", WRITERS)
def test_an_output_name_too_long_is_one_line(
    writer: str, workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / ("x" * 300 + ".out")
    assert main(argv_for(writer, str(out), workbook)) == 2
    err = capsys.readouterr().err
    no_traceback(err)
    assert err.splitlines()[-1] == f"ropa: {out}: cannot write here: File name too long"


def test_an_output_in_a_folder_that_cannot_be_entered_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "closed"
    folder.mkdir()
    out = folder / "out.json"
    if IS_ROOT:  # root enters any folder: the system call fails as it would for anyone else
        real_stat = os.stat

        def refused(path: object, *args: object, **kwargs: object) -> os.stat_result:
            if str(path).startswith(str(folder) + os.sep):
                raise PermissionError(13, "Permission denied", str(path))
            return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr("ropa.atomic.os.stat", refused)
    else:  # pragma: no cover - CI runs as root
        folder.chmod(0o600)
    try:
        assert main(["export", str(SHIPPED), "-o", str(out)]) == 2
    finally:
        folder.chmod(0o700)
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"ropa: {out}: cannot write here: Permission denied"


# ---------------------------------------------------------------------------------------------
# Standard output full, closed, or not UTF-8


def test_standard_output_full_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with open(full_device(tmp_path), "wb") as full:
        completed = subprocess.run(
            ropa_command("rules"), stdout=full, stderr=subprocess.PIPE, timeout=60, check=False
        )
    err = completed.stderr.decode()
    no_traceback(err)
    assert completed.returncode == 2
    assert err == "ropa: cannot write to standard output: No space left on device\n"


def test_standard_output_closed_is_one_line_and_exit_2() -> None:
    completed = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *ropa_command("validate", str(SHIPPED))],
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    err = completed.stderr.decode()
    no_traceback(err)
    assert completed.returncode == 2
    assert err == "ropa: cannot write to standard output: Bad file descriptor\n"


def test_standard_output_closed_does_not_stop_a_command_writing_a_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    completed = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *ropa_command("export", str(SHIPPED), "-o", str(out))],
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    no_traceback(completed.stderr.decode())
    assert completed.returncode == 0
    assert json.loads(out.read_text())["activities"]


@pytest.mark.parametrize(
    "environment",
    [
        pytest.param({"PYTHONIOENCODING": "ascii"}, id="PYTHONIOENCODING=ascii"),
        pytest.param(
            {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
            id="LANG=C",
        ),
    ],
)
def test_standard_output_that_is_not_utf8_gets_escapes_not_a_traceback(
    environment: dict[str, str],
) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_")}
    env.pop("PYTHONIOENCODING", None)
    env.update(environment)
    completed = subprocess.run(
        ropa_command("notice", str(SHIPPED), "--lang", "lv"),
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    no_traceback(completed.stderr.decode("utf-8", "replace"))
    assert completed.returncode == 0
    text = completed.stdout.decode("ascii")  # nothing but ASCII, every other character escaped
    assert "\\u0101" in text or "\\xe2" in text  # ā (or another Latvian letter) as an escape


# ---------------------------------------------------------------------------------------------
# Stopped: Ctrl-C while starting, SIGTERM while writing

_INTERRUPT_AT_IMPORT = """\
import sys

class Interrupt:
    # Ctrl-C pressed while the models are imported, as `ropa` starts.
    def find_spec(self, name, path=None, target=None):
        if name == "ropa.model":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
from ropa.cli import main  # what the `ropa` script does
sys.exit(main())
"""


def test_ctrl_c_while_starting_exits_130_without_a_traceback() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_AT_IMPORT, "validate", str(SHIPPED)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    no_traceback(completed.stderr)
    assert completed.returncode == 130
    assert completed.stderr == "ropa: interrupted\n"


def test_importing_the_command_imports_no_model() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", "import sys, ropa.cli; print('ropa.model' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert completed.stdout == "False\n"


def _large_register(path: Path, activities: int) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    head, _, _ = text.partition("\nactivities:\n")
    data = ropa.load(SHIPPED)
    first = data.activities[0].model_dump(mode="json", exclude_defaults=True)
    entries = [
        dict(first, id=f"a{number}", name=f"Activity {number}") for number in range(activities)
    ]
    path.write_text(head + "\nactivities: " + json.dumps(entries) + "\n", encoding="utf-8")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_stopped_while_exporting_leaves_no_temporary_file_or_work_folder(
    tmp_path: Path, signum: int
) -> None:
    register = tmp_path / "large.yaml"
    _large_register(register, 3_000)
    work = tmp_path / "tmp"
    work.mkdir()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "large.xlsx"
    env = dict(os.environ, TMPDIR=str(work))
    process = subprocess.Popen(
        ropa_command("export", str(register), "-o", str(out)),
        stderr=subprocess.PIPE,
        env=env,
    )
    # Wait until the export is under way: its work folder exists in the temporary directory.
    deadline = time.monotonic() + 120
    while not any(work.iterdir()) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, "the export ended before it could be stopped"
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    no_traceback(err.decode())
    assert process.returncode == 128 + signum
    assert err.decode().splitlines()[-1] == "ropa: terminated"
    assert list(work.iterdir()) == []
    assert list(out_dir.iterdir()) == []


@pytest.mark.parametrize("caught", [False, True], ids=["escapes", "caught-and-reported"])
def test_a_signal_a_library_turned_into_another_error_still_ends_as_terminated(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caught: bool
) -> None:
    # openpyxl's descriptors convert values inside a bare `except:`, which turns the
    # exception raised by the SIGTERM handler into "TypeError: expected <class 'float'>".
    import ropa.cli

    def stopped_inside_a_bare_except(argv: object) -> int:
        try:
            ropa.cli._terminate(signal.SIGTERM, None)
        except BaseException:
            if not caught:
                raise TypeError("expected <class 'float'>") from None
        return 1  # the command reported the error it saw and went on

    monkeypatch.setattr(ropa.cli, "_main", stopped_inside_a_bare_except)
    assert main(["validate", "x.yaml"]) == 128 + signal.SIGTERM
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == "ropa: terminated"


class _Stopped(BaseException):
    pass


@pytest.fixture
def stopping_handler() -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise _Stopped(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _signalled_after(make: Any) -> Any:
    """`make` (tempfile.mkdtemp or mkstemp), with SIGTERM sent to this process as soon as the
    folder or file exists and before its name is returned: the worst moment to be stopped."""

    def made(*args: Any, **kwargs: Any) -> Any:
        result = make(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)
        return result

    return made


def test_a_signal_as_the_work_folder_is_made_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stopping_handler: None
) -> None:
    import tempfile

    from ropa.atomic import work_folder

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(tempfile, "mkdtemp", _signalled_after(tempfile.mkdtemp))
    with pytest.raises(_Stopped), work_folder("ropa-test-"):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_signal_as_the_temporary_file_is_made_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stopping_handler: None
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", _signalled_after(tempfile.mkstemp))
    with pytest.raises(_Stopped):
        write_bytes_atomically(tmp_path / "out.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_the_last_words_are_said_in_the_language_asked_for(tmp_path: Path) -> None:
    with open(full_device(tmp_path), "wb") as full:
        completed = subprocess.run(
            ropa_command("--lang", "lv", "rules"),
            stdout=full, stderr=subprocess.PIPE, timeout=60, check=False,
        )  # fmt: skip
    assert completed.returncode == 2
    assert completed.stderr.decode() == (
        "ropa: nevar rakstīt standarta izvadē: No space left on device\n"
    )
    interrupted = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_AT_IMPORT, "validate", str(SHIPPED)],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "ROPA_LANG": "lv"},
    )  # fmt: skip
    assert interrupted.returncode == 130
    assert interrupted.stderr == "ropa: pārtraukts\n"
