"""Stage 2 for `.json` files: strict JSON, made ready for the YAML event parser."""

from __future__ import annotations

import json
import re
from typing import Any

from ropa.loader.events import MAX_DEPTH, too_deep
from ropa.loader.problems import LoadError, Problem
from ropa.loader.read import line_column_of
from ropa.loader.scalars import MAX_NUMBER_LENGTH
from ropa.loader.syntax_words import json_problem
from ropa.source import Location
from ropa.text.messages import msg


def check_json(text: str, file: str) -> str:
    """JSON text, checked as JSON (so YAML in a .json file is refused), ready for the parser."""
    try:
        json.loads(text, parse_constant=_refuse_constant, parse_int=_checked_int)
    except json.JSONDecodeError as error:
        said = msg("loader.json", problem=json_problem(error.msg))
        location = Location(file, *line_column_of(text[: error.pos]))
        raise LoadError([Problem.of(location, said)]) from None
    except _Constant as error:
        said = msg("loader.json_constant", name=error.name)
        raise LoadError([Problem.of(Location(file, 1, 1), said)]) from None
    except ValueError as error:  # pragma: no cover - the parser raises nothing else
        raise LoadError([Problem(Location(file, 1, 1), str(error))]) from None
    except RecursionError:
        # Python's JSON parser recurses into each array and object; the loader's nesting
        # limit is far below where it gives up, so the place is the first node too deep.
        line, column = _too_deep(text)
        raise LoadError([Problem.of(Location(file, line, column), too_deep())]) from None
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


_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)


def _join_surrogates(match: re.Match[str]) -> str:
    high, low = int(match[2], 16), int(match[3], 16)
    return match[1] + chr(0x10000 + (high - 0xD800) * 0x400 + (low - 0xDC00))


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str) -> tuple[int, int]:
    """The line and column of the first array or object nested deeper than `MAX_DEPTH`."""
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match[0]
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line_column_of(text[: match.start()])
        elif token in "]}":
            depth -= 1
    return 1, 1


def _checked_int(digits: str) -> int:
    # Only checked here: an integer too long to convert is refused at its place by the
    # event parser, which reads the text next.
    return int(digits) if len(digits) <= MAX_NUMBER_LENGTH else 0


class _Constant(ValueError):
    """NaN, Infinity or -Infinity: Python's JSON parser takes them, JSON does not."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _refuse_constant(name: str) -> Any:
    raise _Constant(name)
