"""How fast ropa reads a large register, against PyYAML's own C loader.

    python benchmarks/bench_load.py [--activities 10000] [--repeat 3] [--no-memory]

Generates a synthetic register (cached under `benchmarks/_data/`, which git ignores), then
times, best of `--repeat` runs with `time.perf_counter`:

- the libyaml event stream alone, nothing built (the floor every loader here stands on);
- `yaml.load(text, Loader=yaml.CSafeLoader)`, the reference;
- `ropa.loader.parse_text(text)`: plain data and the source map;
- `ropa.load(text)`: the same, then the pydantic models.

It checks that `parse_text` gives exactly CSafeLoader's data once dates are normalised (PyYAML
reads unquoted dates as `datetime.date`, ropa keeps YAML 1.2 core text; the generator writes
nothing else the two schemas read differently), prints a table with the ratios and the peak
memory of each step, and exits with status 1 when `parse_text` is not at least 3x faster than
CSafeLoader.

Peak memory is the growth of the process's peak resident set size (Linux `VmHWM`, else
`ru_maxrss`) while one step runs once, each step in a fresh subprocess that has already read
the text and imported everything: honest, coarse (whole pages), free of tracemalloc's
slowdown.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

import ropa
from ropa.loader import parse_text

try:
    from benchmarks.generate import generate
except ImportError:  # run as a script: benchmarks/ itself is on sys.path
    from generate import generate  # type: ignore[no-redef,import-not-found]

CParser: Any
try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

REQUIRED_SPEEDUP = 3.0
_DATA = Path(__file__).resolve().parent / "_data"
_GENERATOR = Path(__file__).resolve().parent / "generate.py"


def register_text(activities: int, seed: int = 0) -> tuple[str, Path]:
    """The generated register (from the cache when the generator has not changed since)."""
    path = _DATA / f"register-{activities}-seed{seed}.yaml"
    if not path.exists() or path.stat().st_mtime < _GENERATOR.stat().st_mtime:
        _DATA.mkdir(exist_ok=True)
        path.write_text(generate(activities, seed), encoding="utf-8")
    return path.read_text(encoding="utf-8"), path


def _events_only(text: str) -> None:
    parser = CParser(text) if CParser is not None else yaml.SafeLoader(text)
    get_event = parser.get_event
    try:
        while get_event() is not None:
            pass
    finally:
        parser.dispose()


def _csafe_loader(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _full_load(text: str) -> Any:
    return ropa.load(text)


STEPS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "events": ("libyaml events only (nothing built)", _events_only),
    "csafe": ("yaml.load(CSafeLoader)", _csafe_loader),
    "parse_text": ("ropa.loader.parse_text (data + source map)", parse_text),
    "load": ("ropa.load (data + source map + models)", _full_load),
}


def best_time(function: Callable[[str], Any], text: str, repeat: int) -> float:
    """The fastest of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return best


def dates_as_text(value: Any) -> Any:
    """PyYAML's data with every `datetime.date` written back as ISO text, as ropa keeps it."""
    if isinstance(value, dict):
        return {key: dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [dates_as_text(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def peak_memory_mb(step: str, path: Path) -> float:
    """Growth of peak RSS, in MB, while `step` runs once on the file, in a fresh process."""
    completed = subprocess.run(
        [sys.executable, __file__, "--measure-memory", step, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(completed.stdout.strip())


def _peak_rss_kib() -> int:
    """This process's peak resident set size, in KiB.

    Linux's `VmHWM` belongs to this process image alone; `ru_maxrss` is carried over from
    the parent across fork and exec, so a child of a large parent would measure nothing.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def _measure_memory(step: str, path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    function = STEPS[step][1]
    before = _peak_rss_kib()
    function(text)
    print((_peak_rss_kib() - before) / 1024)


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
        f"PyYAML {yaml.__version__} (libyaml: {'yes' if yaml.__with_libyaml__ else 'no'})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--activities", type=int, default=10_000, help="default 10000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step, best kept")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    parser.add_argument("--measure-memory", nargs=2, metavar=("STEP", "FILE"), help="internal")
    args = parser.parse_args(argv)
    if args.measure_memory:
        _measure_memory(*args.measure_memory)
        return 0

    text, path = register_text(args.activities)
    size_mb = len(text.encode("utf-8")) / 1e6
    print(f"{machine()}")
    print(f"register: {args.activities:,} activities, {size_mb:.2f} MB ({path.name})\n")

    expected = dates_as_text(_csafe_loader(text))
    data, _ = parse_text(text)
    if data != expected:
        print("FAIL: parse_text and CSafeLoader give different data", file=sys.stderr)
        return 1
    register = ropa.load(text)
    if len(register.activities) != args.activities:
        print("FAIL: ropa.load lost activities", file=sys.stderr)
        return 1
    print("data: parse_text == CSafeLoader (dates normalised to ISO text)\n")

    times = {step: best_time(function, text, args.repeat) for step, (_, function) in STEPS.items()}
    memory = {} if args.no_memory else {step: peak_memory_mb(step, path) for step in STEPS}
    reference = times["csafe"]
    print(f"{'step':<44} {'best s':>7} {'MB/s':>6} {'vs CSafe':>9} {'peak MB':>8}")
    for step, (label, _) in STEPS.items():
        peak = f"{memory[step]:8.0f}" if memory else f"{'-':>8}"
        speedup = reference / times[step]
        print(f"{label:<44} {times[step]:7.3f} {size_mb / times[step]:6.1f} {speedup:8.2f}x {peak}")
    building = times["parse_text"] - times["events"]
    models = times["load"] - times["parse_text"]
    print(
        f"\nwhere ropa.load's time goes: events {times['events']:.3f} s, "
        f"building data + source map {building:.3f} s, model validation {models:.3f} s"
    )
    speedup = reference / times["parse_text"]
    verdict = "OK" if speedup >= REQUIRED_SPEEDUP else "TOO SLOW"
    print(f"parse_text is {speedup:.2f}x faster than CSafeLoader: {verdict}")
    return 0 if speedup >= REQUIRED_SPEEDUP else 1


if __name__ == "__main__":
    sys.exit(main())
