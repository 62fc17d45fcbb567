"""Fuzzing the loader: any bytes give a Register or a LoadError, never another exception.

In the test suite each target runs a bounded number of examples; `make fuzz` runs them for
longer (ROPA_FUZZ_EXAMPLES sets the number of examples per target).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ropa
from ropa.loader import LoadError

SHIPPED = (Path(__file__).parent.parent / "data" / "processing_activities.yaml").read_bytes()
EXAMPLES = int(os.environ.get("ROPA_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of YAML syntax, so generated text reaches deep into the parser, not only its first
# error.
_TOKENS = [
    "format: ropa/1\n", "register:\n", "  kind: controller\n", "activities:\n", "  - id: a\n",
    "    name: x\n", "- ", ": ", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "!!python/object ",
    "? ", "---\n", "...\n", "|\n", ">\n", "'", '"', "#", "\t", "\r\n", "\n", "  ", "NO", "yes",
    "~", "null", "2026-02-30", "P0D", "-P5Y", "\ufeff", "\x00", "é", "\u2028", "<<: *a\n",
    "%YAML 1.2\n", "%TAG ! tag:x,2000:\n", "\\", "=cmd|' /C calc'!A0", "1e999", ".nan",
]  # fmt: skip


def _load_or_refuse(data: bytes, name: str = "fuzz.yaml") -> None:
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
    data = bytearray(SHIPPED)
    for offset, replacement in edits:
        data[offset : offset + len(replacement) or offset + 1] = replacement
    _load_or_refuse(bytes(data))


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
