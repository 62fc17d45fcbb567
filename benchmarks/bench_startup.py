"""Start-up of the commands an editor or a pre-commit hook runs: `ropa validate` on the shipped
register and `ropa --help`, each a whole new process, beside `python -c pass` measured in the
same run (the interpreter's own start-up on this machine at this moment) and the import of the
libraries validating cannot do without (`FLOOR`).

Budgets (issue 11, docs/performance.md): median of 10 runs, wall time,
`ropa validate data/processing_activities.yaml` at most 0.15 s and `ropa --help` under 0.1 s.
Prints the figures; exits 1 when a budget is exceeded.

    python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "processing_activities.yaml"
# The libraries `ropa validate` cannot do without, imported and nothing done: pydantic with
# what building a discriminated union imports (pydantic.types), PyYAML, and the package
# metadata reader pydantic's plugin loader imports before building any validator. The
# difference between this and `ropa validate` is ropa's own share.
FLOOR = "import argparse, pydantic.main, pydantic.types, yaml, importlib.metadata"
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "libraries only": [sys.executable, "-c", FLOOR],
    "ropa --help": [sys.executable, "-m", "ropa", "--help"],
    "ropa validate": [sys.executable, "-m", "ropa", "validate", "--as-of", "2026-11-27",
                      str(SHIPPED)],
}  # fmt: skip
BUDGETS = {"ropa --help": 0.10, "ropa validate": 0.15}

# As a user runs it: Python reads each module's cached bytecode (pip writes it when it
# installs ropa). With PYTHONDONTWRITEBYTECODE set, as in some shells and CI images, every
# run would compile ropa's modules from source again (about 0.15 s more).
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _run(argv: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one whole process running `argv`."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=_ENV
    )
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def measure(runs: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and CPU times of `runs` runs of every command, interleaved."""
    for argv in COMMANDS.values():
        _run(argv)  # warm the file cache and the bytecode
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):  # interleaved, so that a busy moment weighs on every command
        for name, argv in COMMANDS.items():
            wall, used = _run(argv)
            times[name].append(wall)
            cpu[name].append(used)
    return times, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    times, cpu = measure(runs)
    over = False
    for name, samples in times.items():
        median = statistics.median(samples)
        budget = BUDGETS.get(name)
        verdict = "" if budget is None else ("ok" if median <= budget else "OVER")
        limit = "" if budget is None else f"budget {budget:.2f} s"
        # CPU time is the work itself; on a shared machine wall time adds the waits for a core.
        print(
            f"{name:<16} median {median:.3f} s  min {min(samples):.3f} s  "
            f"cpu median {statistics.median(cpu[name]):.3f} s  {limit} {verdict}"
        )
        over = over or verdict == "OVER"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{runs} runs each, interleaved; load average {load:.2f} on {os.cpu_count()} CPUs")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
