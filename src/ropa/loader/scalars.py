"""Plain YAML scalars under the YAML 1.2 core schema, shared by both ways of reading YAML
(`events`, the general one, and `simple_yaml`, the fast one for the common subset)."""

from __future__ import annotations

import re
from typing import Any

MAX_NUMBER_LENGTH = 1_000
"""Longest unquoted number the loader converts (Python refuses to print integers of more than
4,300 digits, and no register field holds such a number)."""
SHARED_LENGTH = 40
"""Scalars up to this long are shared between their repeats (longer ones rarely repeat)."""
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
_NUMERIC_START = frozenset("0123456789+-.")
_KEYWORD_START = frozenset("~nNtTfF")


class NumberTooLong(Exception):
    """A plain scalar that is a number longer than `MAX_NUMBER_LENGTH`."""


def resolve_plain(value: str) -> Any:
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
        if len(value) > MAX_NUMBER_LENGTH and (
            _INT.fullmatch(value) or _INT_HEX.fullmatch(value) or _INT_OCT.fullmatch(value)
        ):
            raise NumberTooLong
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
