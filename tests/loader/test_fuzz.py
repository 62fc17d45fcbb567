"""Fuzzing the loader and the commands: any bytes give a Register or a LoadError, and any
file gives `ropa validate` / `ropa export` an exit status of 0, 1 or 2, never a traceback (the
files edited start from the shipped register, the clinic example, which uses every addition of
the format, and the processor example).
A register split into a main file and a mutated fragment loads or names its places in either
file. Damaged CNIL and ICO templates give a register or a TemplateError; the JSON-LD export of any
register that validates parses back as RDF.

In the test suite each target runs a bounded number of examples and all of them together
stop generating work after ROPA_FUZZ_SECONDS (default 40 s, so that the suite's fuzzing
stays under a minute on a slow machine); `make fuzz` runs them for longer
(ROPA_FUZZ_EXAMPLES sets the number of examples per target, and lifts the time bound unless
ROPA_FUZZ_SECONDS is given too).
"""

from __future__ import annotations

import copy
import io
import json
import math
import os
import re
import time
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ropa
from conftest import SHIPPED as SHIPPED_PATH
from ropa.cli import main
from ropa.loader import LoadError, load_data

pytestmark = pytest.mark.slow

SHIPPED = SHIPPED_PATH.read_bytes()
EXAMPLES = int(os.environ.get("ROPA_FUZZ_EXAMPLES", "300"))
SECONDS = float(
    os.environ.get("ROPA_FUZZ_SECONDS", "inf" if "ROPA_FUZZ_EXAMPLES" in os.environ else "40")
)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Each example of a command target runs two commands: fewer of them in the test suite.
FUZZ_COMMANDS = settings(FUZZ, max_examples=int(os.environ.get("ROPA_FUZZ_EXAMPLES", "100")))

_started: list[float] = []


def _in_time() -> bool:
    """Whether the fuzzing budget is not spent yet; the clock starts at the first example
    of the first target that runs (not at import, which is when the suite starts)."""
    if not _started:
        _started.append(time.monotonic())
    return time.monotonic() - _started[0] < SECONDS


# Pieces of YAML syntax, so generated text reaches deep into the parser, not only its first
# error.
_TOKENS = [
    "format: ropa/1\n", "register:\n", "  kind: controller\n", "activities:\n", "  - id: a\n",
    "    name: x\n", "- ", ": ", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "!!python/object ",
    "? ", "---\n", "...\n", "|\n", ">\n", "'", '"', "#", "\t", "\r\n", "\n", "  ", "NO", "yes",
    "~", "null", "2026-02-30", "P0D", "-P5Y", "\ufeff", "\x00", "é", "\u2028", "<<: *a\n",
    "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "\\", "=cmd|' /C calc'!A0", "1e999", ".nan",
]  # fmt: skip


def _mutated(original: bytes, edits: list[tuple[int, bytes]]) -> bytes:
    """`original` with each (offset, replacement) written over it in turn; an empty
    replacement deletes the byte at the offset."""
    data = bytearray(original)
    for offset, replacement in edits:
        data[offset : offset + len(replacement) or offset + 1] = replacement
    return bytes(data)


def _load_or_refuse(data: bytes, name: str = "fuzz.yaml") -> None:
    if not _in_time():
        return
    try:
        register = ropa.load(data, name=name)
    except LoadError as error:
        assert error.problems, "a LoadError always names at least one problem"
        for problem in error.problems:
            assert problem.location.line >= 1
            assert problem.location.column >= 1
            assert problem.message
    else:
        assert isinstance(register, ropa.Register)


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_never_crash_the_loader(data: bytes) -> None:
    _load_or_refuse(data)


@FUZZ
@given(st.lists(st.sampled_from(_TOKENS) | st.text(max_size=8), max_size=80))
def test_yaml_like_text_never_crashes_the_loader(pieces: list[str]) -> None:
    _load_or_refuse("".join(pieces).encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(SHIPPED) - 1), st.binary(min_size=0, max_size=4)),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_register_never_crashes_the_loader(edits: list[tuple[int, bytes]]) -> None:
    _load_or_refuse(_mutated(SHIPPED, edits))


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes_as_json_never_crash_the_loader(data: bytes) -> None:
    _load_or_refuse(data, name="fuzz.json")


@pytest.mark.parametrize(
    "data",
    [
        # Regressions found by fuzzing are added here, one line each, with what they broke.
        b"",
        # A complex (mapping) key: its position was taken for a key's and crashed `locate`.
        b"? format: ropa/1\n",
        b"? {a: 1}\n: x\nformat: ropa/1\n",
    ],
)
def test_fuzz_regressions(data: bytes) -> None:
    _load_or_refuse(data)


# ---------------------------------------------------------------------------------------------
# The commands, end to end

_LOCATED = re.compile(r"^.+:\d+:\d+: \S")


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for the command targets' files (module-wide: hypothesis reuses it)."""
    return tmp_path_factory.mktemp("fuzz")


def _validate_and_export(work: Path, data: bytes, suffix: str = ".yaml") -> None:
    """`ropa validate` and `ropa export --to json` of `data` as a file: 0, 1 or 2; a refusal
    is located lines only; an export is whole or absent."""
    if not _in_time():
        return
    for stale in work.iterdir():
        stale.unlink()
    path = work / f"register{suffix}"
    path.write_bytes(data)
    status, out, err = _run(["validate", "--as-of", "2026-11-27", str(path)])
    assert status in (0, 1, 2), status
    assert "Traceback" not in out + err
    if status == 2:
        assert out == ""
        assert err and all(_LOCATED.match(line) for line in err.splitlines()), err
    exported = work / "out.json"
    export_status, _, export_err = _run(
        ["export", str(path), "-o", str(exported), "--as-of", "2026-11-27"]
    )
    assert "Traceback" not in export_err
    assert export_status == (2 if status == 2 else 0), export_err
    left = sorted(entry.name for entry in work.iterdir())
    if export_status == 0:
        assert left == sorted([path.name, exported.name])
        assert json.loads(exported.read_bytes())["activities"] is not None
    else:
        assert left == [path.name]


@FUZZ_COMMANDS
@given(
    st.lists(
        st.tuples(st.integers(0, len(SHIPPED) - 1), st.binary(min_size=0, max_size=4)),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_register_never_crashes_the_commands(
    work: Path, edits: list[tuple[int, bytes]]
) -> None:
    _validate_and_export(work, _mutated(SHIPPED, edits))


# Values a hand-edited or hostile register may put anywhere.
_HOSTILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0.5, math.inf, -math.inf, 1e308]),
    st.sampled_from(["", " ", "NO", "yes", "on", "2026-02-30", "2026-13-01", "P0D", "-P5Y",
                     "P1W2D", "PT1H", "=1+1", "@SUM(A1)", "klienti_ā", "x" * 40_000, "\u202e",
                     "lv", "LV", "contract", "consent", "controller", "processor", "scc",
                     "US", "customers", "identity", "ROPA101", "ROPA9"]),
    st.text(max_size=20),
    st.just([]),
    st.just({}),
    st.lists(st.sampled_from(["customers", "identity", "nobody", "", "US"]), max_size=3),
    st.dictionaries(st.sampled_from(["lv", "en", "xx", "LV", ""]), st.text(max_size=5), max_size=2),
)  # fmt: skip


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a document, the root's children first."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*path, index)
            yield from _paths(value, (*path, index))


_SHIPPED_DATA = load_data(SHIPPED)[0]  # dates stay text, as the loader keeps them
_SHIPPED_PATHS = list(_paths(_SHIPPED_DATA))

_EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _whole(path: Path) -> Any:
    """A register of the examples as one document (its fragments included), dates as text."""
    return load_data(ropa.dumps(ropa.load(path), schema="").encode("utf-8"))[0]


# The registers the edits start from: the shipped one, the clinic (every addition of the
# format: retention per category, assessments, several Art. 9(2) conditions, waivers with
# who and when, transfers to an international organisation) and a processor's record.
_BASES = [
    (data, list(_paths(data)))
    for data in (
        _SHIPPED_DATA,
        _whole(_EXAMPLES / "clinic" / "register.yaml"),
        _whole(_EXAMPLES / "hosting-processor.yaml"),
    )
]


@st.composite
def _edited_registers(draw: st.DrawFn) -> Any:
    """One of `_BASES` with a few values replaced, keys dropped or added, items copied."""
    base, paths = draw(st.sampled_from(_BASES))
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(paths))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            last = path[-1]
            action = draw(st.sampled_from(["replace", "drop", "add", "copy"]))
            if action == "replace":
                parent[last] = draw(_HOSTILE_VALUES)
            elif action == "drop":
                del parent[last]
            elif action == "add" and isinstance(parent, dict):
                key = st.sampled_from(["id", "name", "basis", "extra", "lv", "categories",
                                       "until", "assessment", "organisation", "expires",
                                       "on_behalf_of", "explicit", "include"])  # fmt: skip
                parent[draw(key)] = draw(_HOSTILE_VALUES)
            elif action == "copy" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[last]))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced the way there
    return data


@FUZZ_COMMANDS
@given(data=_edited_registers(), as_json=st.booleans())
def test_edited_register_never_crashes_the_commands(work: Path, data: Any, as_json: bool) -> None:
    if as_json:
        text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=True)
        _validate_and_export(work, text.encode("utf-8"), ".json")
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        _validate_and_export(work, text.encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# The regulators' layouts (CNIL, ICO) and the JSON-LD export

# Each example imports a workbook: fewer of them in the test suite.
FUZZ_LAYOUTS = settings(FUZZ, max_examples=int(os.environ.get("ROPA_FUZZ_EXAMPLES", "40")))


@pytest.fixture(scope="module")
def layout_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The shipped register in each regulator's layout, as the bytes of its .xlsx."""
    from ropa.formats import layout_exporter

    folder = tmp_path_factory.mktemp("layouts")
    register = ropa.load(SHIPPED)
    templates = {}
    for layout in ("cnil", "ico"):
        path = folder / f"{layout}.xlsx"
        layout_exporter(layout)(register, path, lang="en")
        templates[layout] = path.read_bytes()
    return templates


def _damaged(template: bytes, part_choice: int, edits: list[tuple[int, bytes]]) -> bytes:
    """`template` with a few bytes of one of its parts (unpacked) replaced."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(template))
    names = source.namelist()
    target = names[part_choice % len(names)]
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            data = bytearray(source.read(name))
            if name == target and data:
                for offset, replacement in edits:
                    at = offset % len(data)
                    data[at : at + max(len(replacement), 1)] = replacement
            archive.writestr(name, bytes(data))
    return packed.getvalue()


@FUZZ_LAYOUTS
@given(
    layout=st.sampled_from(["cnil", "ico"]),
    part=st.integers(0, 100),
    edits=st.lists(st.tuples(st.integers(0, 2**20), st.binary(max_size=6)), min_size=1, max_size=4),
)
def test_damaged_layout_templates_end_in_a_register_or_a_template_error(
    layout_templates: dict[str, bytes],
    work: Path,
    layout: str,
    part: int,
    edits: list[tuple[int, bytes]],
) -> None:
    if not _in_time():
        return
    from ropa.formats import layout_importer
    from ropa.formats._layout import TemplateError

    path = work / f"damaged-{layout}.xlsx"
    path.write_bytes(_damaged(layout_templates[layout], part, edits))
    try:
        imported = layout_importer(layout)(path, lang="en")
    except TemplateError as error:
        assert error.problems
    else:
        assert isinstance(imported.register, ropa.Register)
        for gap in imported.report.gaps:  # each a located problem, said on one line
            assert gap.where and gap.message and "\n" not in str(gap)


@FUZZ_LAYOUTS
@given(data=_edited_registers())
def test_jsonld_of_an_edited_register_parses_back(work: Path, data: Any) -> None:
    if not _in_time():
        return
    rdflib = pytest.importorskip("rdflib")
    try:
        register = ropa.Register.model_validate(data)
    except ValueError:  # pydantic's ValidationError: the loader reports it, tested above
        return
    out = work / "register.jsonld"
    ropa.export_jsonld(register, out, lang="en")
    document = json.loads(out.read_bytes())
    assert "@context" in document
    graph = rdflib.Graph()
    graph.parse(data=out.read_text(encoding="utf-8"), format="json-ld")
    assert len(graph) > 0


# The shipped register split in two: the main file and one fragment holding the activities.
_MAIN_PART, _, _ACTIVITIES_PART = SHIPPED.partition(b"\nactivities:")
_FRAGMENT = b"activities:" + _ACTIVITIES_PART


@FUZZ_LAYOUTS
@given(
    st.lists(
        st.tuples(st.integers(0, len(_FRAGMENT) - 1), st.binary(min_size=0, max_size=4)),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_fragment_never_crashes_the_loader(
    work: Path, edits: list[tuple[int, bytes]]
) -> None:
    if not _in_time():
        return
    fragment = _mutated(_FRAGMENT, edits)
    folder = work / "split"
    folder.mkdir(exist_ok=True)
    (folder / "activities.yaml").write_bytes(fragment)
    main_file = folder / "main.yaml"
    main_file.write_bytes(b'include: ["activities.yaml"]\n' + _MAIN_PART + b"\n")
    try:
        register = ropa.load(main_file, name="split/main.yaml")
    except LoadError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.location.file in ("split/main.yaml", "split/activities.yaml")
            assert problem.location.line >= 1 and problem.location.column >= 1
    else:
        assert isinstance(register, ropa.Register)
