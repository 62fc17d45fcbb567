"""End to end: time and peak memory of every step on registers of 1,000 to 50,000 activities,
with the budgets ropa is held to.

    python benchmarks/bench_all.py [--sizes 1000,10000,50000] [--quick] [--repeat 3]
                                   [--passes 1] [--json figures.json]

Registers come from `generate.py` (seed 0), cached under `benchmarks/_data/` (git ignores it),
written as a main file and the fragments it includes (`generate.write_files`), with the
format's later fields in use: retention per data category, assessments referenced by id,
several Art. 9(2) conditions, processor activities on behalf of a controllers catalogue.
Each step runs in a fresh process, so that its peak memory is its own and no step inherits
another's heap (the size of the heap changes how long Python's garbage collector takes):

- load: `ropa.load(FILE)` (the main file and its fragments);
- rules: `ropa.validate(register)` of a register loaded before the clock starts;
- validate: the whole `ropa validate --as-of 2026-11-27 FILE` command, in process (loading,
  the rules and the text report, written to /dev/null);
- export xlsx, export json: `ropa.export_excel` / `ropa.export_json` of a register loaded and
  validated before the clock starts (the step alone; `ropa export` adds load and validate);
- import: `ropa.formats.xlsx.read.import_workbook` of the workbook the xlsx step wrote (when this
  version has an importer);
- the references of the budgets, at 10,000 activities: `yaml.load(text, Loader=CSafeLoader)`
  of the same files (the main file and each fragment), and a bare openpyxl write-only
  workbook with the same cells as the export.

Time is the best of `--repeat` samples (default 5) and of `--passes` more (default 1), taken
after every size has been measured once, so that each size's samples are spread over the
run; every size gets as many samples (the best of fewer samples would be slower by chance
alone, and bias the linearity budget against the larger size). Wall clock
(`time.perf_counter`), imports done before the clock starts; a step shorter than a second is
run several times per sample, and the sample divided by their number. The two sides
of budget 1 are also run in alternation, `--rounds` times each in fresh processes, so that a
machine busier in one minute than the next (a shared machine is) does not favour either; the
best is kept.
Peak memory is the peak resident set size of the step's process (Linux `VmHWM`, else
`ru_maxrss`): the interpreter, the register and whatever the step made, as a user running the
command would see it. A step that fails or is killed (for want of memory, say) is reported as
failed, and so is every budget that needs it.

CLI start-up is `bench_startup.py`'s measurement (whole processes, median of 10, wall time,
beside `python -c pass`); and the modules `ropa --version` and `ropa validate` import are
checked for openpyxl and jsonschema, which only the commands that need them may import.

Budgets (issue 19), each within this one run on this one machine:

1. the whole `ropa validate` of 10,000 activities takes at most 0.25 times as long as
   `yaml.load(CSafeLoader)` alone on the same files;
2. the rules take at most 0.5 s over loading, at 10,000 activities (the `rules` step: a
   loaded register validated);
3. the xlsx export takes at most 1.0 times as long as a bare openpyxl write-only workbook with
   the same cells;
4. cost per activity grows by at most 10 % from 10,000 to 50,000 activities, each step
   (time ratio at most 1.1 times the size ratio). Steps are timed inside a process whose
   imports are done, so the figures are net of process start-up. Between smaller sizes the
   ratio is shown, not judged: there fixed costs weigh more;
5. every step on 50,000 activities peaks under 1 GiB of memory (the whole process: the
   interpreter, the loaded register, the step);
6. start-up: `ropa validate` of the shipped register at most 0.15 s and `ropa --help` under
   0.1 s (median of 10 whole processes); `ropa --version` and `ropa validate` import neither
   openpyxl nor jsonschema.

Prints a table and each budget with PASS or FAIL; exits with status 1 when any budget fails.
With `--quick` (100 and 1,000 activities) budgets 1 to 3 are shown for 1,000 activities but
not judged (they are set at 10,000), and budgets 4 and 5 are not measured.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from importlib import metadata
from pathlib import Path
from typing import Any

try:
    from benchmarks import bench_startup
    from benchmarks.generate import write_files
except ImportError:  # run as a script: benchmarks/ itself is on sys.path
    import bench_startup  # type: ignore[no-redef]
    from generate import write_files  # type: ignore[no-redef,import-not-found]

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "processing_activities.yaml"
_DATA = Path(__file__).resolve().parent / "_data"
_GENERATOR = Path(__file__).resolve().parent / "generate.py"

SIZES = (1_000, 10_000, 50_000)
QUICK_SIZES = (100, 1_000)
BUDGET_SIZE = 10_000
MEMORY_SIZE = 50_000
AS_OF = "2026-11-27"
MIN_SAMPLE = 1.0

VALIDATE_RATIO = 0.25
RULES_SECONDS = 0.5
XLSX_RATIO = 1.0
LINEAR_SLACK = 1.1
LINEAR_FROM = 10_000
MEMORY_MB = 1024.0
CLOCK = "cpu"
"""The clock the budgets are judged on: "cpu" (the process's user and system time) or "wall".
Each step is one thread in one process; on a machine shared with other jobs its wall time
adds the waits for a core, which vary from minute to minute, while its CPU time is the work."""
HEAVY = ("openpyxl", "jsonschema")

STEPS = ("load", "rules", "validate", "export_xlsx", "export_json", "import")
LABELS = {
    "load": "load",
    "rules": "rules (loaded register)",
    "validate": "validate (whole command)",
    "export_xlsx": "export xlsx",
    "export_json": "export json",
    "import": "import xlsx",
    "csafe": "yaml.load(CSafeLoader)",
    "bare": "bare openpyxl write-only",
}


# ---------------------------------------------------------------------------------------------
# Inside a measuring process


def _status_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _peak_mb() -> float:
    """This process's peak resident set size, in MB (1 MB = 1024 KiB)."""
    peak = _status_kib("VmHWM")
    if peak is None:  # not Linux: ru_maxrss is KiB on Linux and BSD, bytes on macOS
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if sys.platform == "darwin":
            peak //= 1024
    return peak / 1024


def _quietly(run: Callable[[], Any]) -> Callable[[], Any]:
    """`run` with its stdout and stderr written to /dev/null (a command's report, not a
    figure): real files, so that the report is encoded and written as the command writes it
    (a `StringIO` would skip both)."""

    def quiet() -> Any:
        with (
            open(os.devnull, "w", encoding="utf-8") as out,
            open(os.devnull, "w", encoding="utf-8") as err,
            redirect_stdout(out),
            redirect_stderr(err),
        ):
            return run()

    return quiet


def _prepare(step: str, source: Path, work: Path) -> Callable[[], Any]:
    """Everything the step needs done before the clock starts; returns the timed call."""
    if step == "csafe":
        import yaml

        files = register_files(source)

        def csafe() -> Any:
            return [
                yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
                for file in files
            ]

        return csafe
    if step == "bare":
        return _prepare_bare(work / f"{source.stem}.xlsx", work / "bare.xlsx")
    if step == "import":
        from ropa.formats.xlsx.read import import_workbook

        workbook = work / f"{source.stem}.xlsx"
        # The workbook of 50,000 activities unpacks to about 620 MB, over the default limit
        # (10 times the 50 MB --max-bytes): a user importing one raises --max-bytes too.
        return lambda: import_workbook(workbook, max_bytes=200 * 1024 * 1024)

    import ropa

    if step == "load":
        return lambda: ropa.load(source)
    if step == "validate":
        import ropa.cli
        import ropa.cli.validate
        import ropa.reporters
        import ropa.rules  # imported before the clock starts

        argv = ["validate", "--as-of", AS_OF, str(source)]
        return _quietly(lambda: ropa.cli.main(argv))

    from ropa.rules import validate

    register = ropa.load(source)
    as_of = datetime.date.fromisoformat(AS_OF)
    if step == "rules":
        return lambda: validate(register, as_of=as_of)
    report = validate(register, as_of=as_of)
    if step == "export_xlsx":
        from ropa.formats.xlsx.write import export_excel

        out = work / f"{source.stem}.xlsx"
        return lambda: export_excel(register, out, lang="en", report=report)
    if step == "export_json":
        from ropa.formats.json import export_json

        out = work / f"{source.stem}.json"
        return lambda: export_json(register, out, lang="en", report=report)
    raise ValueError(f"unknown step {step!r}")


def _prepare_bare(workbook: Path, out: Path) -> Callable[[], None]:
    """The reference of budget 2: the export's cells, written with nothing else."""
    from openpyxl import Workbook, load_workbook

    book = load_workbook(workbook, read_only=True)
    try:
        cells = [
            (sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
            for sheet in book.worksheets
        ]
    finally:
        book.close()

    def bare() -> None:
        bare_book = Workbook(write_only=True)
        for title, rows in cells:
            sheet = bare_book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        bare_book.save(out)

    return bare


def _measure(step: str, source: Path, work: Path, repeat: int, clock: str) -> None:
    """Time one step `repeat` times in this fresh process; print its figures as JSON.

    A step that takes less than `MIN_SAMPLE` seconds is run several times per sample (as
    `timeit` does) and the sample divided by that number: on a shared machine the noise of a
    short measurement is large next to it, and the linearity budget compares small registers
    with large ones. Both clocks are kept; "best" is the one `clock` names.
    """
    run = _prepare(step, source, work)
    start, start_cpu = time.perf_counter(), time.process_time()
    run()
    first, first_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    loops = max(1, math.ceil(MIN_SAMPLE / first)) if first < MIN_SAMPLE else 1
    times, cpu = ([first], [first_cpu]) if loops == 1 else ([], [])
    while len(times) < repeat:
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(loops):
            run()
        times.append((time.perf_counter() - start) / loops)
        cpu.append((time.process_time() - start_cpu) / loops)
    figures = {"wall": min(times), "cpu": min(cpu), "times": times, "cpu_times": cpu}
    figures.update(best=figures[clock], loops=loops, peak_mb=_peak_mb())
    print(json.dumps(figures))


# ---------------------------------------------------------------------------------------------
# The driver


def register_file(activities: int, seed: int = 0) -> Path:
    """The generated register's main file, its fragments beside it (regenerated when the
    generator has changed since)."""
    path = _DATA / f"register-{activities}-seed{seed}-parts.yaml"
    if not path.exists() or path.stat().st_mtime < _GENERATOR.stat().st_mtime:
        _DATA.mkdir(exist_ok=True)
        for old in register_files(path)[1:]:
            old.unlink()
        write_files(activities, path, seed)
    return path


def register_files(main: Path) -> list[Path]:
    """The main file and the fragments it includes, as `generate.write_files` names them."""
    return [main, *sorted(main.parent.glob(f"{main.stem}-part*{main.suffix}"))]


def _size_mb(main: Path) -> float:
    return sum(file.stat().st_size for file in register_files(main)) / 1e6


def measure(
    step: str, source: Path, work: Path, repeat: int, timeout: float | None = None
) -> dict[str, Any]:
    """The figures of one step, measured in a fresh process; `{"failed": why}` when the
    process fails, is killed (by the kernel for want of memory, say) or runs out of time."""
    command = [sys.executable, __file__, "--measure", step, str(source), str(work)]
    try:
        completed = subprocess.run(
            [*command, "--repeat", str(repeat), "--clock", CLOCK],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"failed": f"no result in {timeout:.0f} s"}
    if completed.returncode != 0:
        tail = completed.stderr.strip().splitlines()[-1:] or ["no message"]
        how = (
            f"killed by signal {-completed.returncode}"
            if completed.returncode < 0
            else f"exit status {completed.returncode}"
        )
        return {"failed": f"{how}: {tail[0]}"}
    figures: dict[str, Any] = json.loads(completed.stdout.splitlines()[-1])
    return figures


def _budget_pair(
    source: Path, work: Path, rounds: int, at: dict[str, dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """`ropa validate` and CSafeLoader measured in alternation, `rounds` times each, each
    run in a fresh process: the machine may be busier in one minute than in the next, and
    alternating gives both the same minutes. Best of all runs, the first one's included."""
    validate, csafe = at["validate"], None
    for _ in range(rounds):
        csafe = _faster(csafe, measure("csafe", source, work, 1))
        validate = _faster(validate, measure("validate", source, work, 1))
    assert csafe is not None
    return validate, csafe


def _faster(first: dict[str, Any] | None, second: dict[str, Any]) -> dict[str, Any]:
    """The faster of two measurements of one step; a failed one never wins."""
    if first is None or "failed" in first:
        return second
    if "failed" in second or first["best"] <= second["best"]:
        return first
    return second


def has_importer() -> bool:
    """Whether this version of ropa can import a workbook."""
    import importlib.util

    return importlib.util.find_spec("ropa.formats.xlsx.read") is not None


_IMPORTS_OF = """\
import contextlib, io, sys
from ropa.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(" ".join(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def heavy_imports(argv: Sequence[str]) -> list[str]:
    """The heavy modules that `ropa ARGV` imports."""
    code = _IMPORTS_OF.format(heavy=HEAVY)
    completed = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True
    )
    return completed.stdout.split()


def machine() -> list[str]:
    """Lines about where and when the figures were taken."""
    cpu = platform.processor() or platform.machine()
    memory = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            memory = f"{int(meminfo.readline().split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("PyYAML", "pydantic", "openpyxl")
    )
    return [
        f"{cpu}, {os.cpu_count()} CPUs, {memory}; {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}, {versions}, ropa {metadata.version('ropa')}",
        f"date {datetime.date.today().isoformat()}",
    ]


def _ratio_line(name: str, ratio: float, allowed: float, detail: str) -> tuple[str, bool]:
    ok = ratio <= allowed
    return f"{'PASS' if ok else 'FAIL'}  {name}: {ratio:.2f} (at most {allowed}) {detail}", ok


def _failed_line(name: str, *measured: dict[str, Any]) -> tuple[str, bool] | None:
    """A FAIL line when a step the budget needs has no figures."""
    why = [found["failed"] for found in measured if "failed" in found]
    return (f"FAIL  {name}: not measured ({why[0]})", False) if why else None


def budgets(
    figures: dict[int, dict[str, dict[str, Any]]],
    startup: dict[str, Any],
    budget_size: int,
) -> list[tuple[str, bool]]:
    """Each budget's verdict line and whether it passed."""
    lines: list[tuple[str, bool]] = []
    at = figures.get(budget_size, {})
    for name, needed in (("1. validate / CSafeLoader", ("validate", "csafe")),
                         ("2. rules over loading", ("rules",)),
                         ("3. export xlsx / bare openpyxl", ("export_xlsx", "bare"))):  # fmt: skip
        failed = _failed_line(name, *(at[step] for step in needed if step in at))
        if failed is not None:
            lines.append(failed)
            at = {step: found for step, found in at.items() if step not in needed}
    if "validate" in at and "csafe" in at:
        ratio = at["validate"]["best"] / at["csafe"]["best"]
        detail = (
            f"= ropa validate {at['validate']['best']:.2f} s / CSafeLoader "
            f"{at['csafe']['best']:.2f} s at {budget_size:,} activities"
        )
        lines.append(_ratio_line("1. validate / CSafeLoader", ratio, VALIDATE_RATIO, detail))
    if "rules" in at:
        seconds = at["rules"]["best"]
        ok = seconds <= RULES_SECONDS
        verdict = "PASS" if ok else "FAIL"
        line = (
            f"{verdict}  2. rules over loading: {seconds:.2f} s (at most {RULES_SECONDS} s) "
            f"at {budget_size:,} activities"
        )
        lines.append((line, ok))
    if "export_xlsx" in at and "bare" in at:
        ratio = at["export_xlsx"]["best"] / at["bare"]["best"]
        detail = (
            f"= export {at['export_xlsx']['best']:.2f} s / bare openpyxl "
            f"{at['bare']['best']:.2f} s at {budget_size:,} activities"
        )
        lines.append(_ratio_line("3. export xlsx / bare openpyxl", ratio, XLSX_RATIO, detail))
    if budget_size != BUDGET_SIZE:
        # Budgets 1 to 3 are set at 10,000 activities; on a smaller register fixed costs
        # weigh more (and CSafeLoader's collector less), so there they are shown, not judged.
        lines = [(line.replace("PASS", "INFO", 1).replace("FAIL", "INFO", 1), True)
                 for line, _ in lines]  # fmt: skip
    sizes = sorted(figures)
    for small, large in itertools.pairwise(sizes):
        allowed = round(LINEAR_SLACK * large / small, 2)
        judged = small >= LINEAR_FROM
        for step in STEPS:
            if step in figures[small] and step in figures[large]:
                name = f"4. per activity, {LABELS[step]} {small:,} -> {large:,}"
                failed = _failed_line(name, figures[small][step], figures[large][step])
                if failed is not None:
                    lines.append(failed if judged else (failed[0].replace("FAIL", "INFO"), True))
                    continue
                ratio = figures[large][step]["best"] / figures[small][step]["best"]
                growth = ratio * small / large - 1
                detail = f"(time ratio; {growth:+.0%} per activity)"
                line, ok = _ratio_line(name, ratio, allowed, detail)
                lines.append((line, ok) if judged else (line.replace(line[:4], "INFO", 1), True))
    if MEMORY_SIZE in figures:
        for step, measured in figures[MEMORY_SIZE].items():
            name = f"5. memory, {LABELS[step]} at {MEMORY_SIZE:,}"
            failed = _failed_line(name, measured)
            if failed is not None and step in STEPS:
                lines.append(failed)
            elif step in STEPS:
                ok = measured["peak_mb"] < MEMORY_MB
                verdict = "PASS" if ok else "FAIL"
                lines.append(
                    (
                        f"{verdict}  5. memory, {LABELS[step]} at {MEMORY_SIZE:,}: "
                        f"{measured['peak_mb']:.0f} MB (under {MEMORY_MB:.0f} MB)",
                        ok,
                    )
                )
    for name, median in startup["medians"].items():
        budget = bench_startup.BUDGETS.get(name)
        if budget is not None:
            ok = median <= budget
            lines.append((f"{'PASS' if ok else 'FAIL'}  6. start-up, `{name}`: median "
                          f"{median:.3f} s (at most {budget:.2f} s; python -c pass "
                          f"{startup['medians']['python -c pass']:.3f} s)", ok))  # fmt: skip
    for command, found in startup["heavy"].items():
        ok = not found
        imported = ", ".join(found) if found else "neither openpyxl nor jsonschema"
        lines.append((f"{'PASS' if ok else 'FAIL'}  6. `ropa {command}` imports {imported}", ok))
    return lines


def table(figures: dict[int, dict[str, dict[str, Any]]]) -> list[str]:
    """One row per step, one column pair (seconds, peak MB) per size."""
    sizes = sorted(figures)
    header = f"{'step':<26}" + "".join(f"{size:>12,} act.     " for size in sizes)
    under = f"{'':<26}" + "".join(f"{'best ' + CLOCK + ' s':>12} {'peak MB':>8}" for _ in sizes)
    rows = [header, under]
    for step in (*STEPS, "csafe", "bare"):
        if not any(step in figures[size] for size in sizes):
            continue
        row = f"{LABELS[step]:<26}"
        for size in sizes:
            found = figures[size].get(step)
            if found is None:
                row += f"{'-':>12} {'-':>8}"
            elif "failed" in found:
                row += f"{'failed':>12} {'-':>8}"
            else:
                row += f"{found['best']:>12.3f} {found['peak_mb']:>8.0f}"
        rows.append(row)
    failures = [
        f"{LABELS[step]} at {size:,} activities: {found['failed']}"
        for size in sizes
        for step, found in figures[size].items()
        if "failed" in found
    ]
    return rows + [f"failed: {line}" for line in failures]


def main(argv: Sequence[str] | None = None) -> int:
    global CLOCK
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda text: tuple(int(part) for part in text.split(",")),
        default=None,
        help="comma-separated numbers of activities (default 1000,10000,50000)",
    )
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 activities only")
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs per step, best kept (default 5)"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternating runs of `ropa validate` and CSafeLoader for budget 1 (default 3)",
    )
    parser.add_argument(
        "--passes",
        type=int,
        default=1,
        help="more runs of every step at every size, after the first pass (default 1)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default=CLOCK,
        help="judge the budgets on CPU time (default) or wall time",
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="seconds a step may take (default: no limit)"
    )
    parser.add_argument("--measure", nargs=3, metavar=("STEP", "FILE", "WORK"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args(argv)
    if args.measure:
        step, file, work = args.measure
        _measure(step, Path(file), Path(work), args.repeat, args.clock)
        return 0
    CLOCK = args.clock

    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    budget_size = BUDGET_SIZE if BUDGET_SIZE in sizes else max(sizes)
    steps = [step for step in STEPS if step != "import" or has_importer()]
    print("\n".join(machine()))
    print(f"clock: {CLOCK} time; load average {os.getloadavg()[0]:.2f} at the start")
    if "import" not in steps:
        print("import: not measured (this version has no ropa.formats.xlsx.read)")

    figures: dict[int, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="ropa-bench-") as folder:
        work = Path(folder)
        for size in sizes:
            source = register_file(size)
            print(
                f"\n{size:,} activities ({_size_mb(source):.1f} MB in "
                f"{len(register_files(source))} files): ",
                end="",
                flush=True,
            )
            at: dict[str, dict[str, Any]] = {}
            extra = ["bare"] if size == budget_size else []
            for step in (*steps, *extra):
                at[step] = measure(step, source, work, args.repeat, args.timeout)
                shown = at[step].get("failed") or f"{at[step]['best']:.2f} s"
                print(f"{step} {shown}", end="; ", flush=True)
            if size == budget_size:
                at["validate"], at["csafe"] = _budget_pair(source, work, args.rounds, at)
                print(f"after {args.rounds} rounds: validate {at['validate'].get('best')} s, "
                      f"csafe {at['csafe'].get('best')} s", end="; ", flush=True)  # fmt: skip
            figures[size] = at
        for number in range(1, args.passes + 1):
            # Each size once more, late in the run: the samples of a size are then spread
            # over the whole run instead of one stretch of it, so that a busy stretch of a
            # shared machine does not fall on one size of the linearity budget only.
            print(f"\npass {number + 1}, one more run of each step: ", end="", flush=True)
            for size in sizes:
                source = register_file(size)
                for step in steps:
                    again = measure(step, source, work, 1, args.timeout)
                    figures[size][step] = _faster(figures[size][step], again)
                print(f"{size:,} done", end="; ", flush=True)
    print("\n")

    startup_times, _ = bench_startup.measure(10)
    startup = {
        "medians": {name: statistics.median(times) for name, times in startup_times.items()},
        "heavy": {
            "--version": heavy_imports(["--version"]),
            "validate": heavy_imports(["validate", "--as-of", AS_OF, str(SHIPPED)]),
        },
    }
    print("\n".join(table(figures)))
    per_activity = {
        step: 1e6 * figures[max(sizes)][step]["best"] / max(sizes)
        for step in steps
        if "best" in figures[max(sizes)].get(step, {})
    }
    print(
        f"\nper activity at {max(sizes):,}: "
        + ", ".join(f"{LABELS[step]} {micro:.0f} µs" for step, micro in per_activity.items())
    )
    print(
        "\nCLI start-up (median of 10 processes): "
        + ", ".join(f"{name} {median:.3f} s" for name, median in startup["medians"].items())
        + f"; load average {os.getloadavg()[0]:.2f}\n"
    )
    verdicts = budgets(figures, startup, budget_size)
    for line, _ in verdicts:
        print(line)
    failed = sum(1 for _, ok in verdicts if not ok)
    print(f"\n{len(verdicts) - failed} of {len(verdicts)} budgets met")
    if args.json is not None:
        document = {"machine": machine(), "figures": figures, "startup": startup,
                    "budgets": [{"line": line, "ok": ok} for line, ok in verdicts]}  # fmt: skip
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
