"""Start-up of the commands an editor or a pre-commit hook runs: `ropa validate` on the shipped
register and `ropa --help`, each a whole new process, beside `python -c pass` measured in the
same run (the interpreter's own start-up on this machine at this moment).

Budgets (issue 11, docs/performance.md): median of 10 runs, wall time,
`ropa validate data/processing_activities.yaml` at most 0.15 s and `ropa --help` under 0.1 s.
Prints the figures; exits 1 when a budget is exceeded.

    python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "processing_activities.yaml"
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "ropa --help": [sys.executable, "-m", "ropa", "--help"],
    "ropa validate": [sys.executable, "-m", "ropa", "validate", "--as-of", "2026-11-27",
                      str(SHIPPED)],
}  # fmt: skip
BUDGETS = {"ropa --help": 0.10, "ropa validate": 0.15}


def _wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    for argv in COMMANDS.values():
        _wall(argv)  # warm the file cache and the bytecode
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):  # interleaved, so that a busy moment weighs on every command
        for name, argv in COMMANDS.items():
            times[name].append(_wall(argv))
    over = False
    for name, samples in times.items():
        median = statistics.median(samples)
        budget = BUDGETS.get(name)
        verdict = "" if budget is None else ("ok" if median <= budget else "OVER")
        limit = "" if budget is None else f"budget {budget:.2f} s"
        print(f"{name:<16} median {median:.3f} s  min {min(samples):.3f} s  {limit} {verdict}")
        over = over or verdict == "OVER"
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
