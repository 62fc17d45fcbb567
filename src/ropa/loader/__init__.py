"""Read a register from YAML or JSON: strict, located errors, fast.

The stages, each a module: `read` (bytes, size, UTF-8), `events` (YAML events to data and a
source map; `simple_yaml` reads the common subset of block YAML faster, to the same result,
and gives up on anything else) or `json` (strict JSON first), `includes` (the fragments a
main file includes, appended, every node marked with its file), and `models` (the data as a
`Register`, pydantic's complaints made located problems).

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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ropa.loader.events import MAX_ALIAS_NODES, MAX_DEPTH, parse_text
    from ropa.loader.pipeline import load, load_data
    from ropa.loader.problems import LoadError, Problem, oversize_message

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "LoadError",
    "Problem",
    "load",
    "load_data",
    "oversize_message",
    "parse_text",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Largest file the loader reads (50 MB); pass `max_bytes` to change it."""

# Every other name is imported on first use: the command line declares its options with
# DEFAULT_MAX_BYTES without loading PyYAML, pydantic or the models (`ropa --help` stays
# light; tests/test_startup_imports.py).
_LAZY = {
    "MAX_ALIAS_NODES": "ropa.loader.events",
    "MAX_DEPTH": "ropa.loader.events",
    "parse_text": "ropa.loader.events",
    "load": "ropa.loader.pipeline",
    "load_data": "ropa.loader.pipeline",
    "LoadError": "ropa.loader.problems",
    "Problem": "ropa.loader.problems",
    "oversize_message": "ropa.loader.problems",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
