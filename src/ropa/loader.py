"""Read a register from YAML or JSON: strict, located errors, fast.

The loader builds plain Python data straight from PyYAML's event stream (libyaml's C parser
where it is installed) instead of going through PyYAML's composer and constructor. That is
several times faster, and it lets the loader apply its own rules while it builds:

- scalars follow the YAML 1.2 core schema (`NO`, `yes`, `on`, `off` stay text; dates stay text
  and the models parse them);
- a duplicate key is an error at the second key;
- aliases are allowed, but the nodes they expand to are counted and bounded;
- every node's line and column is recorded in a `SourceMap`, so any problem found later (by
  the models or the rules) can be reported as `file:line:col`.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ._collector import collector_paused
from .model import Register, kind_of
from .source import (
    Location,
    NodePath,
    PathPart,
    Position,
    SourceMap,
    format_path,
    line_column,
    place,
)

# libyaml's parser; the pure-Python one is the fallback where libyaml is missing.
_CParser: Any
try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CParser = None

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "LoadError",
    "Problem",
    "load",
    "load_data",
    "parse_text",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Largest file the loader reads (50 MB); pass `max_bytes` to change it."""
MAX_ALIAS_NODES = 1_000_000
"""Most nodes that aliases may add to a document (stops "billion laughs" documents)."""
MAX_DEPTH = 100
"""Deepest nesting of mappings and lists the loader accepts."""

_TEXT_SOURCE = "<text>"
_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_INT_OCT = re.compile(r"0o[0-7]+")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_TAB_WORD = re.compile(r"\btab\b")
_NUMERIC_START = frozenset("0123456789+-.")
_KEYWORD_START = frozenset("~nNtTfF")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a register file, at a place in it."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class LoadError(Exception):
    """A register could not be read; `problems` says every place at fault."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))


class _Refused(Exception):
    """Stops the builder at once (a bomb, a nesting too deep, a bad tag)."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


# ---------------------------------------------------------------------------------------------
# Reading the bytes


def _read_source(
    source: str | os.PathLike[str] | bytes, name: str | None, max_bytes: int
) -> tuple[bytes | str, str, str | None]:
    """The raw content, the name to report it under, and the SHA-256 of the bytes read when
    they were read from a file (for the exports: the file may change before they are made)."""
    if isinstance(source, bytes):
        return source, name or _TEXT_SOURCE, None
    if isinstance(source, str) and ("\n" in source or not source.strip()):
        return source, name or _TEXT_SOURCE, None
    path = Path(source)
    label = name or str(source)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError([Problem(Location(label, 1, 1), too_large(size, max_bytes))])
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)
        return raw, label, hashlib.sha256(raw).hexdigest()
    except LoadError:
        raise
    except IsADirectoryError:
        raise LoadError([Problem(Location(label, 1, 1), "is a directory, not a file")]) from None
    except FileNotFoundError:
        raise LoadError([Problem(Location(label, 1, 1), "no such file")]) from None
    except ValueError:  # os.stat refuses a name with a NUL character in it
        raise LoadError([Problem(Location(label, 1, 1), "not a file name")]) from None
    except OSError as error:
        message = f"cannot be read: {error.strerror or error}"
        raise LoadError([Problem(Location(label, 1, 1), message)]) from None


def too_large(size: int, max_bytes: int) -> str:
    """The message refusing a file of `size` bytes (a register, or a workbook to import)."""
    return (
        f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes "
        "(raise it with max_bytes / --max-bytes)"
    )


def _decode(raw: bytes | str, file: str, max_bytes: int) -> str:
    """Text of the document: UTF-8 only, a UTF-8 byte order mark is dropped."""
    if isinstance(raw, str):
        # The size is counted in UTF-8 bytes (a str of 10 characters may be 40 bytes), and
        # encoding also finds lone surrogates, which libyaml would meet with a traceback.
        try:
            size = len(raw.encode("utf-8"))
        except UnicodeEncodeError as error:
            line, column = _line_column(raw[: error.start])
            message = f"character U+{ord(raw[error.start]):04X} is a lone surrogate, not text"
            raise LoadError([Problem(Location(file, line, column), message)]) from None
        if size > max_bytes:
            raise LoadError([Problem(Location(file, 1, 1), too_large(size, max_bytes))])
        text = raw.removeprefix("\ufeff")
    else:
        if len(raw) > max_bytes:
            raise LoadError([Problem(Location(file, 1, 1), too_large(len(raw), max_bytes))])
        for bom, encoding in (
            (b"\xff\xfe\x00\x00", "UTF-32"),
            (b"\x00\x00\xfe\xff", "UTF-32"),
            (b"\xff\xfe", "UTF-16"),
            (b"\xfe\xff", "UTF-16"),
        ):
            if raw.startswith(bom):
                message = f"file is encoded as {encoding}; save it as UTF-8"
                raise LoadError([Problem(Location(file, 1, 1), message)])
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            line, column = _line_column(raw[: error.start].decode("utf-8", "replace"))
            message = (
                f"byte 0x{raw[error.start]:02X} is not valid UTF-8; "
                "save the file as UTF-8 (ropa reads no other encoding)"
            )
            raise LoadError([Problem(Location(file, line, column), message)]) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _line_column(text[:nul])
        message = "NUL byte in the file; it is binary or UTF-16 without a byte order mark"
        raise LoadError([Problem(Location(file, line, column), message)])
    return text


def _line_column(before: str) -> tuple[int, int]:
    """1-based line and column of the character that follows `before`."""
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


# ---------------------------------------------------------------------------------------------
# Events to data


def _resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar under the YAML 1.2 core schema."""
    if not value:
        return None
    first = value[0]
    if first in _KEYWORD_START:
        if value in _NULLS:
            return None
        found = _BOOLS.get(value)
        if found is not None:
            return found
        return value
    if first in _NUMERIC_START:
        if _INT.fullmatch(value):
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
        if value in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[value]
        if _INT_OCT.fullmatch(value):
            return int(value[2:], 8)
        if _INT_HEX.fullmatch(value):
            return int(value[2:], 16)
    return value


def _new_parser(document: str | bytes) -> Any:
    if _CParser is not None:
        return _CParser(document)
    return yaml.SafeLoader(document if isinstance(document, str) else document.decode("utf-8"))


_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_StreamEndEvent = yaml.StreamEndEvent
_NO_KEY = object()
_BAD_KEY = object()
_SHARED_LENGTH = 40
"""Scalars up to this long are shared between their repeats (longer ones rarely repeat)."""


def _build(document: str | bytes, file: str, problems: list[Problem]) -> tuple[Any, Position]:
    """Plain data and positions from the event stream; soft problems go to `problems`.

    `document` is the text, or the text as UTF-8 (which libyaml reads without a copy).
    """
    # A frame is [container, position, pending key, key place, anchor, node count at start].
    # Mapping frames have a dict container, sequence frames a list. Positions are in the
    # compact shapes `ropa.source` describes.
    stack: list[list[Any]] = []
    # A register repeats its keys and short values (ids, codes, languages) thousands of times;
    # each repeat is made one shared string. A large register then takes a third less memory,
    # and the rest of the program less time.
    shared: dict[str, str] = {}
    share = shared.setdefault
    anchors: dict[str, tuple[Any, Position, int | None]] = {}
    root: Any = _NO_KEY
    root_position: Position = place(1, 1)
    documents = 0
    nodes = 0
    alias_nodes = 0

    parser = _new_parser(document)
    get_event = parser.get_event
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is _ScalarEvent:
                nodes += 1
                mark = event.start_mark
                # `place(line, column)`, written out: this runs for every value in the file
                # (and a column never reaches 2**32, which would take a line of 4 GiB).
                position: Position = (mark.line + 1) << 32 | mark.column + 1
                if not event.style and event.tag is None:
                    value = _resolve_plain(event.value)
                elif event.tag is None or event.tag in ("!", _STR_TAG):
                    value = event.value
                else:
                    raise _Refused(mark.line + 1, mark.column + 1, _tag_message(event.tag))
                if type(value) is str and len(value) <= _SHARED_LENGTH:
                    value = share(value, value)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, position, 1)
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                nodes += 1
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if event.tag is not None and event.tag != "!":
                    raise _Refused(line, column, _tag_message(event.tag))
                if len(stack) >= MAX_DEPTH:
                    message = f"nesting deeper than {MAX_DEPTH} levels; a register is never so deep"
                    raise _Refused(line, column, message)
                spot = line << 32 | column  # `place(line, column)`, written out
                if kind is _MappingStartEvent:
                    container: Any = {}
                    position = (spot, {}, array("Q"))
                else:
                    container = []
                    position = (spot, [])
                if event.anchor is not None:
                    anchors[event.anchor] = (container, position, None)
                stack.append([container, position, _NO_KEY, None, event.anchor, nodes])
                continue
            elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                frame = stack.pop()
                value, position = frame[0], frame[1]
                if frame[4] is not None:
                    anchors[frame[4]] = (value, position, nodes - frame[5] + 1)
            elif kind is _AliasEvent:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                target = anchors.get(event.anchor)
                if target is None:
                    raise _Refused(line, column, f"alias *{event.anchor} names no anchor")
                value, position, size = target
                if size is None:
                    raise _Refused(line, column, f"alias *{event.anchor} refers to itself")
                nodes += size
                alias_nodes += size
                if alias_nodes > MAX_ALIAS_NODES:
                    message = (
                        f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes; "
                        "the document is refused (an alias bomb?)"
                    )
                    raise _Refused(line, column, message)
            elif kind is _DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    message = "a second YAML document (---); a register is one document"
                    raise _Refused(mark.line + 1, mark.column + 1, message)
                continue
            elif kind is _StreamEndEvent or event is None:
                break
            else:
                continue

            # Attach the finished node to its parent.
            if not stack:
                root, root_position = value, position
                continue
            parent = stack[-1]
            container = parent[0]
            if type(container) is list:
                container.append(value)
                parent[1][1].append(position)
            elif parent[2] is _NO_KEY:
                if type(value) is not str:
                    described = "null" if value is None else "a " + kind_of(value)
                    problems.append(
                        Problem(
                            Location(file, *line_column(position)),
                            f"a key must be text, not {described}",
                        )
                    )
                    value = _BAD_KEY  # reported; its value is dropped, not guessed at
                parent[2] = value
                parent[3] = position if type(position) is int else position[0]
            else:
                key = parent[2]
                parent[2] = _NO_KEY
                if key is _BAD_KEY:
                    continue
                if key in container:
                    first, _ = line_column(parent[1][2][list(container).index(key)])
                    problems.append(
                        Problem(
                            Location(file, *line_column(parent[3])),
                            f"duplicate key {_quoted(key)} (first written at line {first})",
                        )
                    )
                    continue
                container[key] = value
                parent[1][1][key] = position
                parent[1][2].append(parent[3])
    finally:
        parser.dispose()

    if root is _NO_KEY:
        root = None
    return root, root_position


def _tag_message(tag: str) -> str:
    return (
        f"explicit tag {_printable(tag)} is not allowed; a register holds plain text, lists "
        "and mappings"
    )


def parse_text(text: str, file: str = _TEXT_SOURCE) -> tuple[Any, SourceMap]:
    """Parse YAML (or JSON) text into plain data and its source map.

    Raises `LoadError` on malformed YAML, duplicate keys, tags, alias bombs or deep nesting.
    """
    _refuse_hidden_breaks(text, file)
    problems: list[Problem] = []
    data, source_map = _parse(text, file, problems)
    if problems:
        raise LoadError(problems)
    return data, source_map


def _parse(
    document: str | bytes, file: str, problems: list[Problem], sha256: str | None = None
) -> tuple[Any, SourceMap]:
    """Like `parse_text`, but duplicate and non-text keys go to `problems`.

    `document` is the text, or the text as UTF-8 bytes already checked to be valid.
    """
    try:
        with collector_paused():
            data, root = _build(document, file, problems)
    except _Refused as refused:
        location = Location(file, refused.line, refused.column)
        raise LoadError([Problem(location, refused.message)]) from None
    except yaml.reader.ReaderError as error:
        raise LoadError([_reader_problem(error, file, _as_text(document))]) from None
    except yaml.MarkedYAMLError as error:
        raise LoadError([_syntax_problem(error, file, _as_text(document))]) from None
    except yaml.YAMLError as error:
        raise LoadError([Problem(Location(file, 1, 1), f"not valid YAML: {error}")]) from None
    return data, SourceMap(file, root, sha256)


def _as_text(document: str | bytes) -> str:
    return document if isinstance(document, str) else document.decode("utf-8")


def _reader_problem(error: yaml.reader.ReaderError, file: str, text: str) -> Problem:
    """A character YAML does not allow (a control character, U+FFFE ...), where it is.

    The two parsers count the error's position differently (libyaml in bytes), but the
    character they name is the first unacceptable one, so its first occurrence is the place.
    """
    code = error.character if isinstance(error.character, int) else ord(error.character)
    index = text.find(chr(code))
    line, column = _line_column(text[:index]) if index >= 0 else (1, 1)
    message = f"character U+{code:04X} is not allowed in YAML (a control or special character)"
    return Problem(Location(file, line, column), message)


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = error.problem or "not valid YAML"
    if _is_tab_problem(problem, text, line, column):
        message = "tab character; YAML indentation must use spaces, never tabs"
    else:
        message = f"not valid YAML: {problem}"
        if error.context:
            message += f" ({error.context})"
    return Problem(Location(file, line, column), message)


def _is_tab_problem(problem: str, text: str, line: int, column: int) -> bool:
    """Whether a syntax error is a tab where YAML wants spaces.

    The pure-Python parser names the tab in its message; libyaml often says only "found
    character that cannot start any token", so the character at the mark is looked at too.
    """
    if _TAB_WORD.search(problem) or "'\\t'" in problem:
        return True
    rows = text.split("\n", line)
    row = rows[line - 1] if line <= len(rows) else ""
    indentation = row[:column]
    return "\t" in indentation and not indentation.strip(" \t")


def _check_json(text: str, file: str) -> str:
    """JSON text, checked as JSON (so YAML in a .json file is refused), ready for the parser."""
    try:
        json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg}"
        raise LoadError([Problem(Location(file, error.lineno, error.colno), message)]) from None
    except ValueError as error:
        raise LoadError([Problem(Location(file, 1, 1), str(error))]) from None
    # Tabs are JSON whitespace but not YAML indentation; outside strings they are only
    # whitespace (JSON strings cannot hold a raw tab), so a space keeps every column.
    text = text.replace("\t", " ")
    # JSON writes a character beyond U+FFFF as two escaped surrogates (json.dumps does by
    # default); YAML does not, so they are joined into the character itself. Later columns
    # on such a line move left, a small price against refusing valid JSON.
    if "\\u" in text:
        text = _SURROGATE_PAIR.sub(_join_surrogates, text)
    # JSON takes any character raw in a string but the few above; YAML refuses DEL, the C1
    # controls and U+FFFE/U+FFFF, and its parser reads NEL, LS and PS as line breaks (NEL
    # even turns into a space). Each is given to the parser as the escape both read alike;
    # later columns on its line move right.
    return _YAML_UNSAFE.sub(_escaped, text)


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


_HIDDEN_BREAKS = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def _refuse_hidden_breaks(text: str, file: str) -> None:
    """Refuse NEL, LS and PS written raw: YAML's parser takes each for a line break, which no
    editor shows (so every later line number would be off), and turns NEL into a space."""
    places = [index for index in map(text.find, _HIDDEN_BREAKS) if index >= 0]
    if not places:
        return
    index = min(places)
    line, column = _line_column(text[:index])
    character = text[index]
    message = (
        f"character U+{ord(character):04X} ({_HIDDEN_BREAKS[character]}) is a line break to "
        "YAML's parser but not to most editors; delete it, or write it as "
        f"\\u{ord(character):04X} inside double quotes"
    )
    raise LoadError([Problem(Location(file, line, column), message)])


_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def _join_surrogates(match: re.Match[str]) -> str:
    high, low = int(match[2], 16), int(match[3], 16)
    return match[1] + chr(0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


# ---------------------------------------------------------------------------------------------
# Data to models


def load_data(
    source: str | os.PathLike[str] | bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> tuple[Any, SourceMap]:
    """Read a register file (or text, or bytes) into plain data and its source map.

    A `str` holding a newline is taken as the document itself; any other `str` or path-like
    as a file name. Files whose name ends in `.json` must be strict JSON.
    """
    problems: list[Problem] = []
    data, source_map = _load_data(source, max_bytes, name, problems)
    if problems:
        raise LoadError(problems)
    return data, source_map


def _load_data(
    source: str | os.PathLike[str] | bytes,
    max_bytes: int,
    name: str | None,
    problems: list[Problem],
) -> tuple[dict[str, Any], SourceMap]:
    raw, file, digest = _read_source(source, name, max_bytes)
    text = _decode(raw, file, max_bytes)
    if not text.strip():
        raise LoadError([Problem(Location(file, 1, 1), "file is empty; expected a register")])
    document: str | bytes = text
    if file.lower().endswith(".json"):
        document = _check_json(text, file)
    else:
        _refuse_hidden_breaks(text, file)
        if isinstance(raw, bytes) and _CParser is not None:
            # libyaml reads UTF-8: given the file's bytes (now known to be valid), it needs
            # no copy of the text, which for a large register is twice the size of the file.
            document = raw.removeprefix(b"\xef\xbb\xbf")
    del raw, text
    data, source_map = _parse(document, file, problems, digest)
    if not isinstance(data, dict):
        described = "empty" if data is None else f"a {kind_of(data)}"
        message = (
            f"the document is {described}; a register is a mapping with format, register, "
            "organisation and activities"
        )
        raise LoadError([Problem(source_map.locate(()), message)])
    return data, source_map


def load(
    source: str | os.PathLike[str] | bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Register:
    """Load a register from a YAML or JSON file, text or bytes.

    Every structural problem is reported at once, each as `file:line:col: message`, in a
    `LoadError`. The returned `Register` carries its source map, so findings point into the
    file.
    """
    problems: list[Problem] = []
    data, source_map = _load_data(source, max_bytes, name, problems)
    try:
        with collector_paused():
            register = Register.model_validate(data)
    except ValidationError as error:
        problems.extend(_model_problems(error, data, source_map))
    if problems:
        raise LoadError(problems)
    return register.with_source(source_map)


def _model_problems(error: ValidationError, data: Any, source_map: SourceMap) -> list[Problem]:
    problems = set()
    for detail in error.errors(include_url=False):
        path = _data_path(detail["loc"], data)
        kind = detail["type"]
        field = _field_name(path)
        if kind == "missing":
            location = source_map.locate(path[:-1])
            where = format_path(path[:-1])
            message = f"missing required field '{path[-1]}'" + (f" in {where}" if path[:-1] else "")
        elif kind == "union_tag_invalid":
            location = source_map.locate((*path, "basis"))
            message = f"{field}.basis: {_describe(detail)}"
        elif kind == "extra_forbidden":
            location = source_map.key_location(path)
            message = f"unknown field {_quoted(str(path[-1]))} in {format_path(path[:-1])}"
            message += _suggestion(str(path[-1]))
        else:
            location = source_map.locate(path)
            message = f"{field}: {_describe(detail)}"
        problems.add(Problem(location, message))
    return sorted(problems)


def _data_path(loc: tuple[int | str, ...], data: Any) -> NodePath:
    """The path in the document; drops the union tags pydantic puts in its error locations."""
    path: list[PathPart] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, dict):
            if part not in node and not last:
                continue  # a tag such as 'legitimate_interests', not a key
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if 0 <= part < len(node) else None
        elif not last and isinstance(part, str):
            continue
        else:
            path.append(part)
            node = None
    return tuple(path)


def _field_name(path: NodePath) -> str:
    return format_path(path)


def _describe(detail: Any) -> str:
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    if kind == "literal_error":
        return f"{_show(value)} is not allowed; expected {ctx.get('expected', '')}"
    if kind == "string_type":
        hint = " (put it in quotes)" if isinstance(value, (int, float, bool)) else ""
        return f"expected text, got {_show(value)}{hint}"
    if kind == "bool_type":
        return f"expected true, false or null, got {_show(value)}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {_show(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, got {_show(value)}"
    if kind == "union_tag_invalid":
        return f"legal basis {_show(ctx.get('tag'))} is not one of {ctx.get('expected_tags', '')}"
    if kind == "union_tag_not_found":
        return "a legal basis needs a 'basis' field (consent, contract, legal_obligation, ...)"
    if kind == "value_error":
        return str(detail["msg"]).removeprefix("Value error, ")
    return str(detail["msg"])


def _quoted(key: str) -> str:
    """A key from the file, quoted for a message."""
    return f"'{_printable(key)}'"


def _printable(text: str) -> str:
    """Text from the file, fit for a message: characters a terminal would act on (escape
    sequences, line breaks that would forge a second message) are shown as escapes, and
    long text is cut."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= 60 else text[:57] + "..."


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _all_field_names() -> list[str]:
    names: set[str] = set()
    pending: list[Any] = [Register]
    seen: set[Any] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for field_name, info in model.model_fields.items():
            names.add(field_name)
            for candidate in _models_in(info.annotation):
                pending.append(candidate)
    return sorted(names)


def _models_in(annotation: Any) -> Iterator[Any]:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(argument)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        yield from _models_in(origin)


_FIELD_NAMES: list[str] = []


def _suggestion(name: str) -> str:
    if not _FIELD_NAMES:
        _FIELD_NAMES.extend(_all_field_names())
    # A field of another model (a `law` on a consent basis) is no typo: suggest nothing.
    candidates = [field for field in _FIELD_NAMES if field != name]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    return f"; did you mean '{close[0]}'?" if close else ""
