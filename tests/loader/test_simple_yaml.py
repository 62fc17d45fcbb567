"""The fast reader of common block YAML (`ropa.loader.simple_yaml`) against the event stream.

For any text, `read_simple` gives None (the event stream then reads it) or exactly what
`build_from_events` gives: the same data, of the same types, and the same positions. It is
checked on every register the project has (fixtures, the shipped one, the examples in the
documentation, the 436 recorded old registers written out, generated and dumped registers),
on random edits of real registers, and on each kind of text it must leave to the event
stream (so that every error message and limit stays the event stream's).
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
from array import array
from pathlib import Path
from typing import Any

import pytest
import yaml
from benchmarks.generate import generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ropa
from conftest import ROOT, SHIPPED
from ropa.loader import LoadError, parse_text
from ropa.loader.events import MAX_DEPTH, build_from_events
from ropa.loader.scalars import MAX_NUMBER_LENGTH
from ropa.loader.simple_yaml import read_simple
from ropa.model import Register
from strategies import registers

OLD_REGISTERS = ROOT / "tests" / "fixtures" / "old_registers" / "findings-before-2026-12.json.gz"
EXAMPLES = int(os.environ.get("ROPA_FUZZ_EXAMPLES", "150"))


def same_data(fast: Any, slow: Any) -> bool:
    """Equal, and of the same types all the way down (True is not 1, nan is nan)."""
    if type(fast) is not type(slow):
        return False
    if isinstance(fast, dict):
        return list(fast) == list(slow) and all(same_data(fast[k], slow[k]) for k in fast)
    if isinstance(fast, list):
        return len(fast) == len(slow) and all(map(same_data, fast, slow))
    if isinstance(fast, float) and math.isnan(fast):
        return math.isnan(slow)
    return bool(fast == slow)


def same_positions(fast: Any, slow: Any) -> bool:
    """The same positions, in the same compact shapes (`ropa.source`)."""
    if type(fast) is not type(slow):
        return False
    if type(fast) is int:
        return bool(fast == slow)
    if len(fast) != len(slow) or fast[0] != slow[0]:
        return False
    if len(fast) == 3:
        children, slow_children = fast[1], slow[1]
        return (
            type(fast[2]) is array
            and fast[2] == slow[2]
            and list(children) == list(slow_children)
            and all(same_positions(children[k], slow_children[k]) for k in children)
        )
    return len(fast[1]) == len(slow[1]) and all(map(same_positions, fast[1], slow[1]))


def check(text: str | bytes) -> bool:
    """Whether the fast reader gave None or the event stream's result; True when it read it."""
    fast = read_simple(text)
    try:
        slow = build_from_events(text, "<text>", problems := [])
    except Exception:  # any error of the event stream: the fast reader must have given up
        assert fast is None, "the fast reader read a text the event stream refuses"
        return False
    if fast is None:
        return False
    assert not problems, f"the fast reader read a text with problems: {problems}"
    assert same_data(fast[0], slow[0]), "different data"
    assert same_positions(fast[1], slow[1]), "different positions"
    return True


def _yaml_files() -> list[Path]:
    files = [*ROOT.glob("tests/fixtures/**/*.yaml"), *ROOT.glob("data/*.yaml")]
    return sorted({*files, *ROOT.glob("docs/**/*.yaml")})


def _documentation_examples() -> list[str]:
    blocks = []
    for page in sorted(ROOT.glob("docs/**/*.md")):
        blocks += re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
    return blocks


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_yaml_file_of_the_project_reads_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    check(text)
    check(path.read_bytes())
    check(text.replace("\n", "\r\n"))
    check("\ufeff" + text)


def test_the_fast_reader_reads_the_registers_themselves() -> None:
    # Not a test of speed: that the registers people write take the fast way at all.
    for path in _yaml_files():
        if path.name.endswith(".yaml") and "old_registers" not in str(path):
            assert check(path.read_text(encoding="utf-8")), path
    assert check(SHIPPED.read_bytes())
    assert check(SHIPPED.read_text(encoding="utf-8").replace("\n", "\r\n"))


def test_the_documentation_examples_read_the_same() -> None:
    examples = _documentation_examples()
    assert len(examples) > 20
    read = sum(check(example) for example in examples)
    assert read > len(examples) // 2


def test_the_generated_benchmark_register_takes_the_fast_way() -> None:
    assert check(generate(30, 0))
    assert check(generate(30, 1))


def _old_registers() -> list[dict[str, Any]]:
    with gzip.open(OLD_REGISTERS, "rt", encoding="utf-8") as stream:
        return [entry["register"] for entry in json.load(stream)]


@pytest.mark.slow
def test_the_old_registers_written_out_read_the_same() -> None:
    old = _old_registers()
    assert len(old) == 436
    dumped = 0
    for data in old:
        assert check(ropa.dumps(Register.model_validate(data)))
        dumped += 1
        check(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        check(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None))
        check(yaml.safe_dump(data, allow_unicode=False, width=40))
    assert dumped == 436


def test_some_old_registers_written_out_read_the_same() -> None:
    for data in _old_registers()[::40]:
        assert check(ropa.dumps(Register.model_validate(data)))
        check(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None))
        check(yaml.safe_dump(data, allow_unicode=False, width=40))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registers())
def test_what_ropa_dumps_writes_takes_the_fast_way(register: Register) -> None:
    assert check(ropa.dumps(register))


# ---------------------------------------------------------------------------------------------
# Random edits of real registers

_SIGNIFICANT = [*":#-'\"{}[],&*!|>\t\r\n ", "  ", ": ", "- ", " #", "\\", "%", "~", "?"]
_SOURCES = [
    (ROOT / "tests/fixtures/rules/clean.yaml").read_text(encoding="utf-8"),
    SHIPPED.read_text(encoding="utf-8"),
    generate(3, 0),
]


@st.composite
def _edited(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(_SOURCES))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        where = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "line", "indent", "join"]))
        if kind == "insert":
            text = text[:where] + draw(st.sampled_from(_SIGNIFICANT)) + text[where:]
        elif kind == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 3)) :]
        else:
            number = draw(st.integers(0, len(lines) - 1))
            if kind == "line":
                lines.insert(number, lines[number])  # a duplicated line (often a duplicate key)
            elif kind == "indent":
                change = draw(st.sampled_from([-2, -1, 1, 2, 4]))
                line = lines[number]
                lines[number] = " " * change + line if change > 0 else line[-change:]
            else:
                lines[number : number + 2] = [" ".join(lines[number : number + 2])]
            text = "\n".join(lines)
    return text


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_edited())
def test_an_edited_register_reads_the_same_or_falls_back(text: str) -> None:
    check(text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "b",
                "1",
                "null",
                "true",
                "x y",
                ":",
                ": ",
                "- ",
                "-",
                "#",
                " #",
                "'",
                '"',
                "{",
                "}",
                "[",
                "]",
                ", ",
                ",",
                "\n",
                "\n  ",
                "\n    ",
                "  ",
                "|",
                ">-",
                "\\",
                "é",
                "0x1F",
                ".inf",
                "~",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_random_yaml_reads_the_same_or_falls_back(text: str) -> None:
    check(text)


# ---------------------------------------------------------------------------------------------
# What the fast reader leaves to the event stream: the errors and limits are its own


def _event_stream_only(text: str, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr("ropa.loader.events.read_simple", lambda document: None)
        with pytest.raises(LoadError) as raised:
            parse_text(text)
    return str(raised.value)


_NESTED = (
    "".join(f"{'  ' * level}k{level}:\n" for level in range(MAX_DEPTH + 5))
    + "  " * (MAX_DEPTH + 5)
    + "x: 1\n"
)
_BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
    for previous, name in zip("abcdefg", "bcdefgh", strict=False)
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "<text>:3:1: duplicate key 'a'"),
        ("- a: 1\n  a: 2\n", "<text>:2:3: duplicate key 'a'"),
        ("a: {x: 1, x: 2}\n", "duplicate key 'x'"),
        ("a: 1\nnull: 2\n", "<text>:2:1:"),
        ("a: 1\n3: 2\n", "<text>:2:1:"),
        (_BOMB, "<text>:"),
        ("a: !!binary aGVsbG8=\n", "<text>:1:4:"),
        ("a: !custom x\n", "<text>:1:4:"),
        ("a: &x 1\nb: *x\n", None),
        (_NESTED, f"{MAX_DEPTH}"),
        ("a: [" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n", f"{MAX_DEPTH}"),
        ("a: " + "9" * 5000 + "\n", f"{MAX_NUMBER_LENGTH:,}"),
        ("a:\n\tb: 1\n", "<text>:2:1:"),
        ("a: 1\rb: 2\rc: [\r", "<text>:4:1:"),
        ("a: 1\r\nb: [\r\n", "<text>:3:1:"),
        ("%YAML 1.2\n---\na: 1\n", None),
        ("a: 1\n---\nb: 2\n", "<text>:2:1:"),
        ("a: 1\n...\n", None),
        ("a: b: c\n", "<text>:1:5:"),
        ("a: 'unclosed\n", "<text>:"),
        ("a:\n  - b\n  c: d\n", "<text>:3:3:"),
        ("a: x\x01y\n", "U+0001"),
        ("a" * 1100 + ": 1\n", "<text>:1:"),  # libyaml's longest key
        ("'" + "a" * 1100 + "': 1\n", "<text>:1:"),
        ("a" + " " * 1100 + ": 1\n", "<text>:1:"),
        ("k: {" + "a" * 1100 + ": 1}\n", "<text>:1:"),
    ],
)
def test_what_falls_back_is_refused_or_read_as_before(
    text: str, expected: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_simple(text) is None
    assert read_simple(text.encode("utf-8")) is None
    try:
        said = str(_catch(text))
    except _Read:
        assert expected is None, "the event stream read it"
        return
    assert said == _event_stream_only(text, monkeypatch)
    if expected is not None:
        assert expected in said


class _Read(Exception):
    pass


def _catch(text: str) -> LoadError:
    try:
        parse_text(text)
    except LoadError as error:
        return error
    raise _Read


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",
        "a:\n- 1\n- 2\nb: 3\n",
        "- a: 1\n  b:\n  - x\n  -\n  c: |\n    one\n    two\n\n- >-\n  folded\n  text\n\n  more\n",
        "a: \"x\\ty\\u00e9\\x41\\\\\\\"\" # c\nb: 'it''s'\n",
        "a: {b: [1, {c: d}], e: []}\nf: {}\n",
        "a: \"one\n  two\n\n  three\"\nb: 'x\n  y'\n",
        "  a: 1\n  b:\n    c: 2\n",
        "a: 2026-11-24\nb: 0x1F\nc: 0o17\nd: .inf\ne: -.5\nf: ~\ng: True\nh: 1e3\n",
        "a:    # comment\n  b: 1 # comment\n# comment\nc: x#y\n",
        "a: http://x.lv/p?q=1\nb: [a:b, c]\n",
    ],
)
def test_the_subset_is_read_exactly(text: str) -> None:
    assert check(text)
    assert check(text.encode("utf-8"))
