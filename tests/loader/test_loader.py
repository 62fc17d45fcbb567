"""The loader: strict YAML 1.2 reading, located problems, bounded aliases, both parsers.

Every refusal is checked for its exact `line:col` and the words a reader needs; positions
are 1-based, as editors show them.
"""

from __future__ import annotations

import gc
import json
import math
import re
import string
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ropa
import ropa.loader
import ropa.loader.events
from conftest import SHIPPED
from ropa.loader import DEFAULT_MAX_BYTES, MAX_DEPTH, LoadError, load, load_data, parse_text

MINIMAL = """\
format: ropa/1
register:
  kind: controller
organisation:
  name: SIA Paraugs
  country: LV
"""

# A register with one activity, used where a problem must sit inside an activity.
WITH_ACTIVITY = (
    MINIMAL
    + """\
activities:
  - id: registration
    name: {lv: Reģistrācija, en: Registration}
    legal_bases:
      - basis: contract
      - basis: legitimate_interests
        interest: {lv: attīstība, en: development}
"""
)


def problems_of(error: pytest.ExceptionInfo[LoadError]) -> list[str]:
    """The problems of a LoadError as `file:line:col: message` lines."""
    return [str(problem) for problem in error.value.problems]


def only_problem(error: pytest.ExceptionInfo[LoadError]) -> str:
    lines = problems_of(error)
    assert len(lines) == 1, lines
    return lines[0]


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser and again with PyYAML's pure-Python fallback."""
    if request.param == "pure-python":
        monkeypatch.setattr(ropa.loader.events, "_CParser", None)
    elif ropa.loader.events._CParser is None:  # pragma: no cover - PyYAML built without libyaml
        pytest.skip("libyaml is not installed")
    return str(request.param)


# ---------------------------------------------------------------------------------------------
# Duplicate keys: an error at the second key, naming the line of the first


def test_duplicate_key_at_top_level(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("a: 1\nb: 2\na: 3\n")
    assert only_problem(error) == "<text>:3:1: duplicate key 'a' (first written at line 1)"


def test_duplicate_key_in_nested_mapping(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("outer:\n  x: 1\n  y: 2\n  x: 3\n")
    assert only_problem(error) == "<text>:4:3: duplicate key 'x' (first written at line 2)"


def test_duplicate_key_in_list_item(parser: str) -> None:
    text = "items:\n  - id: a\n    name: A\n    id: b\n"
    with pytest.raises(LoadError) as error:
        parse_text(text)
    assert only_problem(error) == "<text>:4:5: duplicate key 'id' (first written at line 2)"


def test_duplicate_key_in_flow_mapping(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("a: {x: 1, x: 2}\n")
    assert only_problem(error) == "<text>:1:11: duplicate key 'x' (first written at line 1)"


def test_duplicate_key_in_a_register_is_reported_without_other_noise() -> None:
    text = WITH_ACTIVITY.replace(
        "  - id: registration\n", "  - id: registration\n    id: registration_again\n"
    )
    with pytest.raises(LoadError) as error:
        load(text)
    assert only_problem(error) == "<text>:9:5: duplicate key 'id' (first written at line 8)"


def test_every_duplicate_key_is_reported() -> None:
    with pytest.raises(LoadError) as error:
        parse_text("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert problems_of(error) == [
        "<text>:2:1: duplicate key 'a' (first written at line 1)",
        "<text>:5:3: duplicate key 'c' (first written at line 4)",
    ]


def test_a_key_must_be_text(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("1: one\nnull: none\n? [a]\n: list\n")
    assert problems_of(error) == [
        "<text>:1:1: a key must be text, not a number",
        "<text>:2:1: a key must be text, not null",
        "<text>:3:3: a key must be text, not a list",
    ]


# ---------------------------------------------------------------------------------------------
# YAML 1.2 core scalars


def test_yaml_1_1_booleans_stay_text(parser: str) -> None:
    data, _ = parse_text("words: [NO, No, no, yes, Yes, YES, on, On, off, OFF, y, n]\n")
    assert data == {
        "words": ["NO", "No", "no", "yes", "Yes", "YES", "on", "On", "off", "OFF", "y", "n"]
    }


def test_core_booleans_and_nulls_resolve(parser: str) -> None:
    text = "t: [true, True, TRUE]\nf: [false, False, FALSE]\nn: [null, Null, NULL, ~]\ne:\n"
    data, _ = parse_text(text)
    assert data == {
        "t": [True, True, True],
        "f": [False, False, False],
        "n": [None, None, None, None],
        "e": None,
    }


def test_core_numbers_resolve(parser: str) -> None:
    data, _ = parse_text("n: [1, -2, +3, 0o17, 0x1F, 1.5, 1e3, .5, .inf, -.Inf, 0777]\nnan: .nan\n")
    assert data["n"] == [1, -2, 3, 15, 31, 1.5, 1000.0, 0.5, math.inf, -math.inf, 777]
    assert math.isnan(data["nan"])


def test_yaml_1_1_only_forms_stay_text(parser: str) -> None:
    # Sexagesimals, binary, underscores, dates and `=` are YAML 1.1; in 1.2 core they are text.
    data, _ = parse_text("v: [1:20, 0b101, 1_000, 2026-11-24, =, Off]\n")
    assert data == {"v": ["1:20", "0b101", "1_000", "2026-11-24", "=", "Off"]}


def test_quoted_scalars_are_always_text(parser: str) -> None:
    data, _ = parse_text("a: 'true'\nb: \"12\"\nc: ''\nd: !!str 5\ne: ! 6\n")
    assert data == {"a": "true", "b": "12", "c": "", "d": "5", "e": "6"}


def test_country_no_is_norway() -> None:
    text = WITH_ACTIVITY.replace("country: LV", "country: NO") + (
        "    transfers:\n      - {country: NO, safeguard: adequacy}\n"
    )
    register = load(text)
    assert register.organisation.country == "NO"
    assert register.activities[0].transfers is not None
    assert register.activities[0].transfers[0].country == "NO"


def test_yes_is_not_a_boolean() -> None:
    text = WITH_ACTIVITY + "    profiling: yes\n"
    with pytest.raises(LoadError) as error:
        load(text)
    assert only_problem(error) == (
        "<text>:14:16: activities[0].profiling: expected true, false or null, got 'yes'"
    )


def test_true_false_null_are_booleans_for_the_models() -> None:
    text = (
        WITH_ACTIVITY + "    profiling: true\n    large_scale: ~\n    automated_decisions: False\n"
    )
    activity = load(text).activities[0]
    assert (activity.profiling, activity.large_scale, activity.automated_decisions) == (
        True,
        None,
        False,
    )


@pytest.mark.parametrize(
    ("original", "replacement", "expected"),
    [
        pytest.param(
            "  kind: controller\n",
            "  kind: controller\n  version: 2026.1\n",
            "<text>:4:12: register.version: expected text, got 2026.1 (put it in quotes)",
            id="version",
        ),
        pytest.param(
            "  name: SIA Paraugs\n",
            "  name: SIA Paraugs\n  registration_number: 40103495751\n",
            "<text>:6:24: organisation.registration_number: expected text, got 40103495751 "
            "(put it in quotes)",
            id="registration-number",
        ),
        pytest.param(
            "    name: {lv: Reģistrācija, en: Registration}\n",
            "    name: 2026\n",
            "<text>:9:11: activities[0].name: expected text or a map of language to text "
            "(lv: ..., en: ...), got a number (put it in quotes)",
            id="text-field",
        ),
    ],
)
def test_an_unquoted_number_where_text_is_expected(
    original: str, replacement: str, expected: str
) -> None:
    with pytest.raises(LoadError) as error:
        load(WITH_ACTIVITY.replace(original, replacement))
    assert only_problem(error) == expected


# ---------------------------------------------------------------------------------------------
# Anchors and aliases


def test_aliases_reuse_a_node(parser: str) -> None:
    text = "base: &bases\n  - basis: contract\nreused: *bases\nname: &n Klienti\nagain: *n\n"
    data, source_map = parse_text(text)
    assert data["reused"] == [{"basis": "contract"}]
    assert data["again"] == "Klienti"
    # An aliased node is located where its anchor's node was written.
    assert str(source_map.locate(("reused", 0, "basis"))) == "<text>:2:12"
    assert str(source_map.locate(("again",))) == "<text>:4:7"


def test_aliases_in_a_register() -> None:
    text = (
        WITH_ACTIVITY.replace("    legal_bases:\n", "    legal_bases: &bases\n")
        + "  - id: second\n    name: Otrā\n    legal_bases: *bases\n"
    )
    register = load(text)
    assert register.activities[1].legal_bases == register.activities[0].legal_bases


def test_a_billion_laughs_is_refused_fast(parser: str) -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    start = time.perf_counter()
    with pytest.raises(LoadError) as error:
        parse_text(text)
    elapsed = time.perf_counter() - start
    # The guarantee is the node limit; the clock is only a generous bound.
    assert elapsed < 5
    # a..e expand to 123,440 nodes; each *e adds 111,111, so the 8th *e on line 6 (column
    # 8 + 7 * 4 = 36) crosses the limit of 1,000,000.
    assert only_problem(error) == (
        "<text>:6:36: aliases expand to more than 1,000,000 nodes; "
        "the document is refused (an alias bomb?)"
    )


def test_many_small_aliases_are_fine(parser: str) -> None:
    text = "unit: &u [1, 2, 3]\nuses: [" + ", ".join(["*u"] * 5000) + "]\n"
    data, _ = parse_text(text)
    assert len(data["uses"]) == 5000


def test_a_recursive_alias_is_refused(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("a: &a [x, *a]\n")
    assert only_problem(error) == "<text>:1:11: alias *a refers to itself"


def test_a_recursive_alias_in_a_mapping_is_refused(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("a: &a\n  b: *a\n")
    assert only_problem(error) == "<text>:2:6: alias *a refers to itself"


def test_an_alias_without_anchor_is_refused(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("a: 1\nb: *missing\n")
    assert only_problem(error) == "<text>:2:4: alias *missing names no anchor"


# ---------------------------------------------------------------------------------------------
# Nesting


def test_deep_block_nesting_is_refused_fast(parser: str) -> None:
    text = "- " * 10_000 + "x\n"
    start = time.perf_counter()
    with pytest.raises(LoadError) as error:
        parse_text(text)
    assert time.perf_counter() - start < 5
    # The 101st list starts at column 2 * 100 + 1.
    assert only_problem(error) == (
        f"<text>:1:201: nesting deeper than {MAX_DEPTH} levels; a register is never so deep"
    )


def test_deep_flow_nesting_is_refused_fast(parser: str) -> None:
    text = "[" * 10_000 + "]" * 10_000 + "\n"
    start = time.perf_counter()
    with pytest.raises(LoadError) as error:
        parse_text(text)  # no RecursionError, no MemoryError
    assert time.perf_counter() - start < 5
    # libyaml stops at its own flow limit (1000) before ropa's, with its own words.
    message = only_problem(error)
    assert re.fullmatch(r"<text>:1:\d+: .*nesting.*", message), message


def test_deep_mapping_nesting_is_refused(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("{a: " * 10_000 + "}" * 10_000 + "\n")
    assert "<text>:1:401: nesting deeper than 100 levels" in only_problem(error)


def test_nesting_up_to_the_limit_is_fine(parser: str) -> None:
    data, _ = parse_text("- " * MAX_DEPTH + "x\n")
    for _ in range(MAX_DEPTH):
        data = data[0]
    assert data == "x"


# ---------------------------------------------------------------------------------------------
# Bytes and encodings


def test_windows_line_endings_keep_positions(parser: str) -> None:
    _, source_map = parse_text("a: 1\r\nb:\r\n  c: [x, y]\r\n")
    assert str(source_map.locate(("b", "c", 1))) == "<text>:3:10"


def test_utf8_byte_order_mark_is_accepted() -> None:
    register = load(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert register == load(MINIMAL)
    assert register.source is not None
    assert str(register.source.locate(("organisation", "country"))) == "<text>:6:12"


def test_byte_order_mark_in_text_is_accepted() -> None:
    assert load("\ufeff" + MINIMAL) == load(MINIMAL)


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_utf16_and_utf32_are_refused(encoding: str, name: str) -> None:
    raw = MINIMAL.encode(encoding)
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        raw = "\ufeff".encode(encoding) + raw  # the byte order mark the test is about
    with pytest.raises(LoadError) as error:
        load(raw)
    assert only_problem(error) == f"<text>:1:1: file is encoded as {name}; save it as UTF-8"


def test_invalid_utf8_byte_is_located() -> None:
    raw = b"format: ropa/1\norganisation:\n  name: R\xc4\xabga \xff\n"
    with pytest.raises(LoadError) as error:
        load(raw)
    # Columns count characters: "  name: Rīga " is 13 of them.
    assert only_problem(error) == (
        "<text>:3:14: byte 0xFF is not valid UTF-8; save the file as UTF-8 "
        "(ropa reads no other encoding)"
    )


def test_latin1_file_is_refused_at_its_first_accented_letter(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("format: ropa/1\nname: Société\n".encode("latin-1"))
    with pytest.raises(LoadError) as error:
        load(path)
    assert only_problem(error).startswith(f"{path}:2:11: byte 0xE9 is not valid UTF-8")


def test_nul_byte_is_refused() -> None:
    with pytest.raises(LoadError) as error:
        load(b"format: ropa/1\nname: x\x00y\n")
    assert only_problem(error) == (
        "<text>:2:8: NUL byte in the file; it is binary or UTF-16 without a byte order mark"
    )


def test_control_character_is_located(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        load("format: ropa/1\nname: Rīga\x07\n")
    assert only_problem(error) == (
        "<text>:2:11: character U+0007 is not allowed in YAML (a control or special character)"
    )


def test_lone_surrogate_in_text_is_refused() -> None:
    with pytest.raises(LoadError) as error:
        load("format: ropa/1\nname: \ud800\n")
    assert only_problem(error) == "<text>:2:7: character U+D800 is a lone surrogate, not text"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("a:\n\tb: 1\n", 2, id="tab-opens-the-block"),
        pytest.param("a:\n  b: 1\n\tc: 2\n", 3, id="tab-in-a-block"),
        pytest.param("a: 1\n\tb: 2\n", 2, id="tab-at-top-level"),
        pytest.param("a:\n\t- 1\n", 2, id="tab-before-a-list-item"),
    ],
)
def test_tab_in_indentation(parser: str, text: str, line: int) -> None:
    with pytest.raises(LoadError) as error:
        parse_text(text)
    assert only_problem(error) == (
        f"<text>:{line}:1: tab character; YAML indentation must use spaces, never tabs"
    )


# ---------------------------------------------------------------------------------------------
# The shape of the document


@pytest.mark.parametrize(
    ("text", "where", "described"),
    [
        pytest.param("- format: ropa/1\n", "1:1", "a list", id="list"),
        pytest.param("ropa register\n", "1:1", "a text", id="text"),
        pytest.param("42\n", "1:1", "a number", id="number"),
        pytest.param("true\n", "1:1", "a boolean", id="boolean"),
        pytest.param("# only a comment\n", "1:1", "empty", id="comment-only"),
        # The empty node of an empty document is where the document ends.
        pytest.param("---\n...\n", "2:1", "empty", id="empty-document"),
    ],
)
def test_top_level_must_be_a_mapping(text: str, where: str, described: str) -> None:
    with pytest.raises(LoadError) as error:
        load_data(text)
    assert only_problem(error) == (
        f"<text>:{where}: the document is {described}; a register is a mapping with format, "
        "register, organisation and activities"
    )


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   \n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(content)
    with pytest.raises(LoadError) as error:
        load(path)
    assert only_problem(error) == f"{path}:1:1: file is empty; expected a register"


def test_size_limit_for_a_file(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    size = len(MINIMAL.encode("utf-8"))
    with pytest.raises(LoadError) as error:
        load(path, max_bytes=20)
    assert only_problem(error) == (
        f"{path}:1:1: file is {size} bytes, over the limit of 20 bytes "
        "(raise it with max_bytes / --max-bytes)"
    )
    assert load(path, max_bytes=size) == load(MINIMAL)


def test_size_limit_counts_utf8_bytes_of_text() -> None:
    text = "a: " + "ā" * 10 + "\n"  # 14 characters, 24 bytes
    with pytest.raises(LoadError) as error:
        load_data(text, max_bytes=20)
    assert "file is 24 bytes, over the limit of 20 bytes" in only_problem(error)


def test_size_limit_for_bytes() -> None:
    with pytest.raises(LoadError) as error:
        load(MINIMAL.encode("utf-8"), max_bytes=10)
    assert "over the limit of 10 bytes" in only_problem(error)


def test_default_size_limit_is_50_mb() -> None:
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "column", "tag"),
    [
        ("a: !!python/object:os.system x\n", 4, "tag:yaml.org,2002:python/object:os.system"),
        ("a: !!python/object/apply:os.system [ls]\n", 4, "tag:yaml.org,2002:python/object/apply"),
        ("a: !!python/object:x.Y {b: 1}\n", 4, "tag:yaml.org,2002:python/object:x.Y"),
        ("a: !!int '12'\n", 4, "tag:yaml.org,2002:int"),
        ("a: !custom x\n", 4, "!custom"),
    ],
)
def test_explicit_tags_are_refused(parser: str, text: str, column: int, tag: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text(text)
    message = only_problem(error)
    assert message.startswith(f"<text>:1:{column}: explicit tag {tag}")
    assert message.endswith("is not allowed; a register holds plain text, lists and mappings")


def test_several_documents_are_refused(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("a: 1\n---\nb: 2\n")
    assert only_problem(error) == (
        "<text>:2:1: a second YAML document (---); a register is one document"
    )


def test_one_document_with_markers_is_fine(parser: str) -> None:
    assert parse_text("---\na: 1\n...\n")[0] == {"a": 1}


def test_syntax_error_is_located(parser: str) -> None:
    with pytest.raises(LoadError) as error:
        parse_text("a: [1, 2\nb: 3\n")
    message = only_problem(error)
    assert message.startswith("<text>:2:2: not valid YAML: ")
    assert "flow sequence" in message


# ---------------------------------------------------------------------------------------------
# JSON


REGISTER_JSON = """\
{
  "format": "ropa/1",
  "register": {"kind": "controller"},
  "organisation": {
    "name": "SIA Paraugs",
    "country": "LV"
  }
}
"""


def test_json_file_loads_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text(REGISTER_JSON, encoding="utf-8")
    register = load(path)
    assert register == load(MINIMAL)
    assert register.source is not None
    assert str(register.source.locate(("organisation", "country"))) == f"{path}:6:16"


def test_json_problems_are_located(tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text(REGISTER_JSON.replace('"LV"', '"lv"'), encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load(path)
    assert only_problem(error) == (
        f"{path}:6:16: organisation.country: 'lv' is not an ISO 3166-1 alpha-2 country code "
        "(country codes are upper case)"
    )


def test_json_with_tab_indentation_loads(tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text(REGISTER_JSON.replace("  ", "\t"), encoding="utf-8")
    register = load(path)
    assert register.source is not None
    assert str(register.source.locate(("organisation", "country"))) == f"{path}:6:14"


def test_yaml_in_a_json_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load(path)
    assert only_problem(error) == f"{path}:1:1: not valid JSON: Expecting value"


def test_json_syntax_error_is_located(tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text('{\n  "format": "ropa/1",\n}\n', encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load(path)
    assert only_problem(error).startswith(f"{path}:3:1: not valid JSON: ")


def test_json_nan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text('{"format": NaN}\n', encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load(path)
    assert only_problem(error) == f"{path}:1:1: NaN is not valid JSON"


def test_json_duplicate_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text(REGISTER_JSON.replace('"kind"', '"kind": "processor", "kind"'), "utf-8")
    with pytest.raises(LoadError) as error:
        load(path)
    assert only_problem(error) == f"{path}:3:37: duplicate key 'kind' (first written at line 3)"


def test_json_escapes_beyond_the_basic_plane_load(tmp_path: Path, parser: str) -> None:
    # json.dumps writes 𝄞 as the surrogate pair \ud834\udd1e, which YAML alone refuses.
    path = tmp_path / "register.json"
    data = json.loads(REGISTER_JSON)
    data["organisation"]["name"] = "SIA Mūzika 𝄞"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert load(path).organisation.name == "SIA Mūzika 𝄞"


def test_json_in_a_yaml_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER_JSON, encoding="utf-8")
    register = load(path)
    assert register == load(MINIMAL)
    assert register.source is not None
    assert str(register.source.locate(("organisation", "name"))) == f"{path}:5:13"


# ---------------------------------------------------------------------------------------------
# Problems from the models, located


def test_unknown_field_suggests_the_nearest_name() -> None:
    with pytest.raises(LoadError) as error:
        load(MINIMAL + "activites: []\n")
    assert only_problem(error) == (
        "<text>:7:1: unknown field 'activites' in <register>; did you mean 'activities'?"
    )


def test_unknown_nested_field_is_reported_at_its_key() -> None:
    with pytest.raises(LoadError) as error:
        load(WITH_ACTIVITY + "    purpse: marketing\n")
    assert only_problem(error) == (
        "<text>:14:5: unknown field 'purpse' in activities[0]; did you mean 'purpose'?"
    )


def test_unknown_field_far_from_any_name_has_no_suggestion() -> None:
    with pytest.raises(LoadError) as error:
        load(MINIMAL + "zzzz: 1\n")
    assert only_problem(error) == "<text>:7:1: unknown field 'zzzz' in <register>"


def test_every_problem_is_reported_at_once_in_order() -> None:
    text = """\
format: ropa/2
register:
  kind: controller
  reviewed: 2026-02-30
organisation:
  name: SIA Paraugs
  country: lv
activities:
  - id: Registration
    name: ""
    profiling: yes
    legal_bases:
      - basis: guess
    retention: 12
    colour: blue
"""
    with pytest.raises(LoadError) as error:
        load(text)
    assert problems_of(error) == [
        "<text>:1:9: format: 'ropa/2' is not allowed; expected 'ropa/1'",
        "<text>:4:13: register.reviewed: 2026-02-30 is not a real date",
        "<text>:7:12: organisation.country: 'lv' is not an ISO 3166-1 alpha-2 country code "
        "(country codes are upper case)",
        "<text>:9:9: activities[0].id: 'Registration' is not a valid id: use lower-case "
        "letters, digits and _, starting with a letter",
        "<text>:10:11: activities[0].name: text is empty; write the text or leave the field out",
        "<text>:11:16: activities[0].profiling: expected true, false or null, got 'yes'",
        "<text>:13:16: activities[0].legal_bases[0].basis: legal basis 'guess' is not one of "
        "'consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', "
        "'legitimate_interests'",
        "<text>:14:16: activities[0].retention: expected an id, got a number",
        "<text>:15:5: unknown field 'colour' in activities[0]",
    ]
    # The exception's text is those lines, in plain words: no pydantic dump, no traceback.
    assert str(error.value) == "\n".join(problems_of(error))
    for noise in ("validation error", "pydantic", "Traceback", "type=", "input_value"):
        assert noise not in str(error.value)


def test_missing_required_field_is_located_at_its_parent() -> None:
    with pytest.raises(LoadError) as error:
        load(WITH_ACTIVITY.replace("    name: {lv: Reģistrācija, en: Registration}\n", ""))
    assert only_problem(error) == "<text>:8:5: missing required field 'name' in activities[0]"


def test_any_path_has_a_position() -> None:
    register = load(WITH_ACTIVITY)
    assert register.source is not None
    locate = register.source.locate
    assert str(locate(("activities", 0, "legal_bases", 1, "basis"))) == "<text>:12:16"
    assert str(locate(("activities", 0, "legal_bases", 1, "interest", "en"))) == "<text>:13:39"
    assert str(register.source.key_location(("activities", 0, "name"))) == "<text>:9:5"
    # A path that goes further than the document stops at its last node that exists.
    assert str(locate(("activities", 0, "recipients", 3))) == "<text>:8:5"


# ---------------------------------------------------------------------------------------------
# Sources: path, str, bytes, text


def test_every_kind_of_source_gives_the_same_register(tmp_path: Path) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(WITH_ACTIVITY, encoding="utf-8")
    from_path = load(path)
    from_string_path = load(str(path))
    from_bytes = load(WITH_ACTIVITY.encode("utf-8"))
    from_text = load(WITH_ACTIVITY)
    assert from_path == from_string_path == from_bytes == from_text
    assert from_path.source is not None and from_text.source is not None
    assert from_path.source.file == str(path)
    assert from_text.source.file == "<text>"
    named = load(WITH_ACTIVITY, name="inline.yaml").source
    assert named is not None and named.file == "inline.yaml"


def test_a_name_ending_in_json_makes_text_strict_json() -> None:
    with pytest.raises(LoadError) as error:
        load(MINIMAL, name="pasted.json")
    assert only_problem(error) == "pasted.json:1:1: not valid JSON: Expecting value"


def test_missing_file_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(LoadError) as error:
        load(path)
    assert only_problem(error) == f"{path}:1:1: no such file"
    assert not isinstance(error.value, FileNotFoundError)


def test_a_single_line_string_is_a_file_name() -> None:
    with pytest.raises(LoadError) as error:
        load("format: ropa/1")
    assert only_problem(error) == "format: ropa/1:1:1: no such file"


def test_a_name_with_a_nul_character_is_a_load_error() -> None:
    with pytest.raises(LoadError) as error:
        load("register\x00.yaml")
    assert only_problem(error) == "register\\x00.yaml:1:1: not a file name"


def test_a_directory_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as error:
        load(tmp_path)
    assert only_problem(error) == f"{tmp_path}:1:1: is a directory, not a file"


def test_shipped_register_loads_from_its_path() -> None:
    register = ropa.load(SHIPPED)
    assert register.source is not None
    assert register.source.file == str(SHIPPED)
    assert len(register.activities) == 8


def test_loading_leaves_the_garbage_collector_as_it_found_it() -> None:
    # The loader pauses the collector while it builds (for speed); it must always resume it.
    assert gc.isenabled()
    load(WITH_ACTIVITY)
    with pytest.raises(LoadError):
        load(WITH_ACTIVITY + "    profiling: yes\n")
    with pytest.raises(LoadError):
        parse_text("a: [1, 2\n")
    assert gc.isenabled()
    gc.disable()
    try:
        load(WITH_ACTIVITY)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_large_register_goes_to_the_oldest_generation_and_nothing_stays_frozen() -> None:
    # Past ropa._collector.MANY_NEW_OBJECTS new objects the loader moves them to the collector's
    # oldest generation at once (gc.freeze, then gc.unfreeze), so that they are not walked
    # again as they age; that must leave no object frozen.
    items = "".join(f"  - {{id: a{n}, name: Name {n}}}\n" for n in range(30_000))
    assert gc.get_freeze_count() == 0
    data, _ = parse_text("activities:\n" + items)
    assert len(data["activities"]) == 30_000
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_positions_far_along_a_long_line_and_far_down_a_long_file() -> None:
    # Positions are packed into one int per node; columns and lines past 16 bits must survive.
    text = '{"a": "' + "x" * 100_000 + '", "b": 1, "b": 2}'
    with pytest.raises(LoadError) as error:
        parse_text(text, "long.json")
    assert [str(problem) for problem in error.value.problems] == [
        "long.json:1:100019: duplicate key 'b' (first written at line 1)"
    ]
    data, source_map = parse_text("\n" * 70_000 + "a:\n  b: [1, {c: 2}]\n", "deep.yaml")
    assert data == {"a": {"b": [1, {"c": 2}]}}
    assert str(source_map.locate(("a", "b", 1, "c"))) == "deep.yaml:70002:14"
    assert str(source_map.key_location(("a", "b", 1, "c"))) == "deep.yaml:70002:11"
    assert str(source_map.locate(("a", "b", 0))) == "deep.yaml:70002:7"
    assert str(source_map.key_location(("a", "b"))) == "deep.yaml:70002:3"
    assert str(source_map.locate(("a", "missing", 3))) == "deep.yaml:70002:3"


def test_repeated_keys_and_short_values_are_one_string() -> None:
    # The loader shares each repeated key and short value (memory for large registers).
    data, _ = parse_text("- {id: x, kind: processor}\n- {id: y, kind: processor}\n")
    first, second = data
    assert next(iter(first)) is next(iter(second))
    assert first["kind"] is second["kind"]


# ---------------------------------------------------------------------------------------------
# The pure-Python fallback


def test_fallback_parser_gives_identical_data_and_positions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if ropa.loader.events._CParser is None:  # pragma: no cover - PyYAML built without libyaml
        pytest.skip("libyaml is not installed")
    text = SHIPPED.read_text(encoding="utf-8")
    fast_data, fast_map = parse_text(text, "shipped.yaml")
    fast_register = load(text)
    monkeypatch.setattr(ropa.loader.events, "_CParser", None)
    slow_data, slow_map = parse_text(text, "shipped.yaml")
    assert slow_data == fast_data
    assert slow_map == fast_map
    assert load(text) == fast_register


# ---------------------------------------------------------------------------------------------
# Agreement with PyYAML on plain data


_ID_KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
# Text as registers hold it: letters (Latvian ones too), digits, spaces and punctuation.
_TEXT = st.text(
    alphabet=string.ascii_letters + string.digits + " .,;:-_'\"()/@#&*!?%=+āčēģīķļņšūžĀČŠŽ\n",
    max_size=30,
)
# YAML 1.2 reads these as numbers where YAML 1.1 (and so safe_dump) sees text and leaves it
# unquoted: exponents without a dot or sign, 0o octals, and decimals with a leading zero that
# are not YAML 1.1 octals (`08`). Not a loader bug: the schemas differ.
_YAML_1_2_ONLY_NUMBER = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|0o[0-7]+|[-+]?0[0-9]+"
)
_PLAIN_TEXT = _TEXT.filter(lambda text: not _YAML_1_2_ONLY_NUMBER.fullmatch(text))
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20), _PLAIN_TEXT
)
_PLAIN_DATA = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(_ID_KEYS, children, max_size=5)
    ),
    max_leaves=25,
)


_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.dictionaries(_ID_KEYS, _PLAIN_DATA, max_size=6), flow=st.booleans())
def test_parse_text_agrees_with_pyyaml(data: dict[str, Any], flow: bool) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False)
    expected = yaml.load(text, Loader=_SAFE_LOADER)
    assert expected == data  # the round trip itself is sound
    assert parse_text(text)[0] == expected


@settings(max_examples=50, deadline=None)
@given(data=st.dictionaries(_ID_KEYS, _PLAIN_DATA, max_size=6))
def test_parse_text_reads_json_as_pyyaml_does(data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    assert parse_text(text)[0] == yaml.load(text, Loader=_SAFE_LOADER) == data
