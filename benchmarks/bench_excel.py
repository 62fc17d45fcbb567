"""How fast, and in how much memory, ropa writes the register workbook of a large register.

    python benchmarks/bench_excel.py [--activities 10000] [--repeat 3] [--no-memory]

Generates a synthetic register (`generate.py`, cached under `benchmarks/_data/`, which git
ignores), validates it, then times, best of `--repeat` runs with `time.perf_counter`:

- `ropa.export_excel(register, path, report=report)`: the whole export, styles, links, fitted
  widths and row heights, the deterministic packing and the atomic rename included;
- the reference: a bare openpyxl write-only workbook with the same cells (the values the
  export wrote, read back once before timing), appended row by row and saved, no styles.

It prints a table with the ratio and the peak memory of each, and exits with status 1 when the
export takes more than 1.0 times the reference (issue 19; it was 1.5).

Peak memory is how far the process's resident set grows above where it stood when the run
began, each run in a fresh subprocess that has already loaded and validated the register (or,
for the reference, read the cell values): on Linux the peak is reset first (writing 5 to
/proc/self/clear_refs) and read back as VmHWM, elsewhere `ru_maxrss` is used. The export is
also measured on a register a tenth the size, to show how the growth scales with the rows.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl import Workbook, load_workbook

import ropa
from ropa.findings import Report
from ropa.formats.xlsx.write import export_excel
from ropa.rules import validate

try:
    from benchmarks.generate import generate
except ImportError:  # run as a script: benchmarks/ itself is on sys.path
    from generate import generate  # type: ignore[no-redef]

ALLOWED_RATIO = 1.0
AS_OF = date(2026, 11, 27)
_DATA = Path(__file__).resolve().parent / "_data"
_GENERATOR = Path(__file__).resolve().parent / "generate.py"

Cells = list[tuple[str, list[list[Any]]]]
"""Sheet title and its rows of values."""


def register_file(activities: int, seed: int = 0) -> Path:
    """The generated register file (regenerated when the generator has changed since)."""
    path = _DATA / f"register-{activities}-seed{seed}.yaml"
    if not path.exists() or path.stat().st_mtime < _GENERATOR.stat().st_mtime:
        _DATA.mkdir(exist_ok=True)
        path.write_text(generate(activities, seed), encoding="utf-8")
    return path


def loaded(path: Path) -> tuple[ropa.Register, Report]:
    """The register and its validation report."""
    register = ropa.load(path)
    return register, validate(register, as_of=AS_OF)


def export(register: ropa.Register, report: Report, out: Path) -> None:
    """The step measured: the whole export."""
    export_excel(register, out, lang="lv", report=report)


def cells_of(workbook: Path) -> Cells:
    """Every sheet's values, as the export wrote them."""
    book = load_workbook(workbook, read_only=True)
    try:
        return [
            (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
            for sheet in book.worksheets
        ]
    finally:
        book.close()


def bare_write(cells: Cells, out: Path) -> None:
    """The reference: the same cells in a write-only workbook, nothing else."""
    book = Workbook(write_only=True)
    for title, rows in cells:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(out)


def best_time(run: Callable[[], None], repeat: int) -> float:
    """The fastest of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory_mb(step: str, source: Path, out: Path) -> tuple[float, float]:
    """Growth of peak RSS while `step` runs once in a fresh process, and the resident size it
    grew from, in MB."""
    completed = subprocess.run(
        [sys.executable, __file__, "--measure-memory", step, str(source), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    growth, start = completed.stdout.split()
    return float(growth), float(start)


def _measure_memory(step: str, source: str, out: str) -> None:
    if step == "export":
        register, report = loaded(Path(source))
        run: Callable[[], None] = lambda: export(register, report, Path(out))  # noqa: E731
    else:
        with open(source, "rb") as stream:
            cells = pickle.load(stream)
        run = lambda: bare_write(cells, Path(out))  # noqa: E731
    gc.collect()
    before = _start_peak()
    run()
    print((_peak_kib() - before) / 1024, before / 1024)


def _status_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _start_peak() -> int:
    """Where peak memory is counted from: the resident size now, with the peak reset to it
    (Linux: writing 5 to /proc/self/clear_refs), else the peak so far."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
        resident = _status_kib("VmRSS")
        if resident is not None:
            return resident
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _peak_kib() -> int:
    peak = _status_kib("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def machine() -> str:
    """One line about where the figures were taken."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} CPUs; Python {platform.python_version()}, "
        f"openpyxl {openpyxl.__version__}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--activities", type=int, default=10_000, help="default 10000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step, best kept")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    parser.add_argument("--measure-memory", nargs=3, metavar=("STEP", "SOURCE", "OUT"),
                        help="internal")  # fmt: skip
    args = parser.parse_args(argv)
    if args.measure_memory:
        _measure_memory(*args.measure_memory)
        return 0

    source = register_file(args.activities)
    register, report = loaded(source)
    print(machine())
    print(
        f"register: {len(register.activities):,} activities ({source.name}, "
        f"{source.stat().st_size / 1e6:.1f} MB), {len(report.findings):,} findings\n"
    )
    with tempfile.TemporaryDirectory(prefix="bench-excel-") as work:
        folder = Path(work)
        exported, bare = folder / "export.xlsx", folder / "bare.xlsx"
        export(register, report, exported)
        cells = cells_of(exported)
        count = sum(len(row) for _, rows in cells for row in rows)
        print(f"workbook: {len(cells)} sheets, {count:,} cells, "
              f"{exported.stat().st_size / 1e6:.1f} MB\n")  # fmt: skip

        times = {
            "export": best_time(lambda: export(register, report, exported), args.repeat),
            "bare": best_time(lambda: bare_write(cells, bare), args.repeat),
        }
        memory: dict[str, tuple[float, float]] = {}
        if not args.no_memory:
            pickled = folder / "cells.pickle"
            with open(pickled, "wb") as stream:
                pickle.dump(cells, stream)
            memory["export"] = peak_memory_mb("export", source, exported)
            memory["bare"] = peak_memory_mb("bare", pickled, bare)
            small = register_file(max(args.activities // 10, 1))
            memory["export-small"] = peak_memory_mb("export", small, folder / "small.xlsx")

    labels = {
        "export": "ropa.export_excel (styles, links, widths, heights)",
        "bare": "bare openpyxl write-only, same cells",
    }
    print(f"{'step':<52} {'best s':>7} {'cells/s':>9} {'peak MB':>8}")
    for step, label in labels.items():
        peak = f"{memory[step][0]:8.0f}" if memory else f"{'-':>8}"
        print(f"{label:<52} {times[step]:7.2f} {count / times[step]:9,.0f} {peak}")
    if memory:
        small_growth, small_start = memory["export-small"]
        growth, start = memory["export"]
        print(
            f"\npeak memory growth of the export: {small_growth:.0f} MB at "
            f"{max(args.activities // 10, 1):,} activities (from {small_start:.0f} MB resident "
            f"with the register loaded), {growth:.0f} MB at {args.activities:,} (from "
            f"{start:.0f} MB)"
        )
    ratio = times["export"] / times["bare"]
    verdict = "OK" if ratio <= ALLOWED_RATIO else "TOO SLOW"
    print(f"export / bare = {ratio:.2f} (allowed {ALLOWED_RATIO}): {verdict}")
    return 0 if ratio <= ALLOWED_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
