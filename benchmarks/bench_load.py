"""How fast ropa reads a large register, against PyYAML's own C loader.

    python benchmarks/bench_load.py [--activities 10000] [--repeat 3]

Generates a synthetic register (cached under `benchmarks/_data/`, which git ignores) and
checks that `ropa.loader.parse_text` gives exactly the data of
`yaml.load(text, Loader=yaml.CSafeLoader)` once dates are normalised: PyYAML reads unquoted
dates as `datetime.date`, ropa keeps them as YAML 1.2 core text (the models parse them), and
the generator writes nothing else that YAML 1.1 and 1.2 read differently.

Then it measures four steps, each in a fresh process that has already read the text and
imported everything, so no step inherits another's heap (the size of the heap changes how
much time Python's garbage collector takes, and so the figures):

- the libyaml event stream alone, nothing built (the floor of every loader built on it);
- `yaml.load(text, Loader=yaml.CSafeLoader)`, the reference;
- the event way: data and source map from libyaml's events (`events.build_from_events`),
  which reads every text and gives every error;
- the fast way: the same from `simple_yaml.read_simple`, which reads the common subset of
  block YAML that registers are written in (and gives up on anything else);
- `ropa.loader.parse_text(text)`: plain data and the source map (the fast way when it can);
- `ropa.load(text)`: the same, then the pydantic models.

Time is the best of `--repeat` runs (`time.perf_counter`). Peak memory is how much the first
run raises the process's peak resident set size (Linux `VmHWM`, else `ru_maxrss`): coarse
(whole pages) but honest, and free of tracemalloc's slowdown.

Prints a table with the ratios to CSafeLoader and exits with status 1 when `parse_text` is
not at least 3x faster than CSafeLoader (or the data differ).
"""

from __future__ import annotations

import argparse
import datetime
import json
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
from ropa._collector import collector_paused
from ropa.loader import parse_text
from ropa.loader.events import build_from_events
from ropa.loader.simple_yaml import read_simple

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


def _event_way(text: str) -> Any:
    with collector_paused():  # as `parse_text` runs it
        return build_from_events(text, "<text>", [])


def _fast_way(text: str) -> Any:
    with collector_paused():
        found = read_simple(text)
    if found is None:
        raise SystemExit("the fast way does not read the generated register")
    return found


def _full_load(text: str) -> Any:
    return ropa.load(text)


STEPS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "events": ("libyaml events only (nothing built)", _events_only),
    "csafe": ("yaml.load(CSafeLoader)", _csafe_loader),
    "event_way": ("events.build_from_events (the event way)", _event_way),
    "fast_way": ("simple_yaml.read_simple (the fast way)", _fast_way),
    "parse_text": ("ropa.loader.parse_text (data + source map)", parse_text),
    "load": ("ropa.load (data + source map + models)", _full_load),
}


def dates_as_text(value: Any) -> Any:
    """PyYAML's data with every `datetime.date` written back as ISO text, as ropa keeps it."""
    if isinstance(value, dict):
        return {key: dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [dates_as_text(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


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


def _measure(step: str, path: str, repeat: int) -> None:
    """Run one step `repeat` times in this (fresh) process; print its figures as JSON."""
    text = Path(path).read_text(encoding="utf-8")
    function = STEPS[step][1]
    before = _peak_rss_kib()
    times = []
    for run in range(repeat):
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
        if run == 0:
            peak_mb = (_peak_rss_kib() - before) / 1024
    print(json.dumps({"best": min(times), "times": times, "peak_mb": peak_mb}))


def measure(step: str, path: Path, repeat: int) -> dict[str, Any]:
    """The figures of one step, measured in a fresh process."""
    completed = subprocess.run(
        [sys.executable, __file__, "--measure", step, str(path), "--repeat", str(repeat)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, Any] = json.loads(completed.stdout)
    return figures


def same_data(text: str, activities: int) -> bool:
    """Whether parse_text reads what CSafeLoader reads, and ropa.load keeps every activity."""
    expected = dates_as_text(_csafe_loader(text))
    data, _ = parse_text(text)
    fast, _ = _fast_way(text)
    slow, _ = _event_way(text)
    same = data == expected and fast == expected and slow == expected
    return same and len(ropa.load(text).activities) == activities


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
        f"PyYAML {yaml.__version__} (libyaml: {'yes' if CParser is not None else 'no'})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--activities", type=int, default=10_000, help="default 10000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step, best kept")
    parser.add_argument("--measure", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        step, file = args.measure
        _measure(step, file, args.repeat)
        return 0

    text, path = register_text(args.activities)
    size_mb = len(text.encode("utf-8")) / 1e6
    print(machine())
    print(f"register: {args.activities:,} activities, {size_mb:.2f} MB ({path.name})")
    if not same_data(text, args.activities):
        print("FAIL: parse_text and CSafeLoader give different data", file=sys.stderr)
        return 1
    print("data: parse_text == CSafeLoader (dates normalised to ISO text)\n")
    del text

    figures = {step: measure(step, path, args.repeat) for step in STEPS}
    reference = figures["csafe"]["best"]
    print(f"{'step':<44} {'best s':>7} {'MB/s':>6} {'vs CSafe':>9} {'peak MB':>8}")
    for step, (label, _) in STEPS.items():
        best = figures[step]["best"]
        print(
            f"{label:<44} {best:7.3f} {size_mb / best:6.1f} "
            f"{reference / best:8.2f}x {figures[step]['peak_mb']:8.0f}"
        )
    events = figures["events"]["best"]
    building = figures["event_way"]["best"] - events
    models = figures["load"]["best"] - figures["parse_text"]["best"]
    print(
        f"\nthe event way: libyaml events {events:.3f} s, building data and source map "
        f"{building:.3f} s; the fast way {figures['fast_way']['best']:.3f} s "
        f"(no events); model validation {models:.3f} s"
    )
    speedup = reference / figures["parse_text"]["best"]
    verdict = "OK" if speedup >= REQUIRED_SPEEDUP else f"TOO SLOW (needs {REQUIRED_SPEEDUP}x)"
    print(f"parse_text is {speedup:.2f}x faster than CSafeLoader: {verdict}")
    return 0 if speedup >= REQUIRED_SPEEDUP else 1


if __name__ == "__main__":
    sys.exit(main())
