"""The stages in order: read, parse (YAML or JSON), include the fragments, validate the models."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ropa._collector import collector_paused
from ropa.loader import DEFAULT_MAX_BYTES
from ropa.loader.events import cparser_available, parse
from ropa.loader.includes import TooLarge, assemble, fragment_message, is_fragment
from ropa.loader.json import check_json
from ropa.loader.kinds import not_a_register
from ropa.loader.models import model_problems
from ropa.loader.problems import LoadError, Problem, kind_word
from ropa.loader.read import decode, read_source, refuse_hidden_breaks
from ropa.model import Register
from ropa.source import Location, SourceMap
from ropa.text.messages import msg


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
    data, source_map = _assembled(source, max_bytes, name, problems)
    if problems:
        raise LoadError(problems)
    return data, source_map


def _assembled(
    source: str | os.PathLike[str] | bytes,
    max_bytes: int,
    name: str | None,
    problems: list[Problem],
) -> tuple[dict[str, Any], SourceMap]:
    """The main document with the fragments it includes appended (sizes counted together)."""
    data, source_map, size = _load_data(source, max_bytes, name, problems)
    other_kind = not_a_register(data)
    if other_kind is not None:
        start = source_map.locate(())
        raise LoadError([*problems, Problem.of(Location(start.file, 1, 1), other_kind)])
    if "include" in data:
        # Text and bytes name no file (a file's bytes are hashed where they are read): their
        # includes are relative to the working directory.
        from_file = isinstance(source, (str, os.PathLike)) and source_map.sha256() is not None
        base = Path(source).parent if from_file else Path.cwd()  # type: ignore[arg-type]
        assemble(
            data,
            source_map,
            base=base,
            budget=max_bytes - size,
            read=lambda path, label, budget: _read_fragment(path, label, budget, max_bytes),
            problems=problems,
        )
    elif is_fragment(data):
        raise LoadError([Problem.of(source_map.locate(()), fragment_message())])
    return data, source_map


def _read_fragment(
    path: Path, label: str, budget: int, max_bytes: int
) -> tuple[Any, SourceMap, int]:
    problems: list[Problem] = []
    try:
        data, source_map, size = _load_data(path, max(budget, 0), label, problems, fragment=True)
    except LoadError as error:
        oversize = any(
            p.said is not None and p.said.id == "loader.oversize" for p in error.problems
        )
        if budget < max_bytes and oversize:
            said = msg("loader.oversize_together", limit=f"{max_bytes:,}")
            raise TooLarge([Problem.of(Location(label, 1, 1), said)]) from None
        raise
    if problems:
        raise LoadError(problems)
    return data, source_map, size


def _load_data(
    source: str | os.PathLike[str] | bytes,
    max_bytes: int,
    name: str | None,
    problems: list[Problem],
    *,
    fragment: bool = False,
) -> tuple[Any, SourceMap, int]:
    raw, file, digest = read_source(source, name, max_bytes)
    size = len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "replace"))
    text = decode(raw, file, max_bytes)
    if not text.strip():
        raise LoadError([Problem.of(Location(file, 1, 1), msg("loader.empty"))])
    document: str | bytes = text
    if file.lower().endswith(".json"):
        document = check_json(text, file)
    else:
        refuse_hidden_breaks(text, file)
        if isinstance(raw, bytes) and cparser_available():
            # libyaml reads UTF-8: given the file's bytes (now known to be valid), it needs
            # no copy of the text, which for a large register is twice the size of the file.
            document = raw.removeprefix(b"\xef\xbb\xbf")
    del raw, text
    data, source_map = parse(document, file, problems, digest)
    if fragment:
        return data, source_map, size  # the include stage says what a fragment must be
    if not isinstance(data, dict):
        said = (
            msg("loader.not_a_mapping.empty")
            if data is None
            else msg("loader.not_a_mapping", kind=kind_word(data))
        )
        raise LoadError([Problem.of(source_map.locate(()), said)])
    return data, source_map, size


def load(
    source: str | os.PathLike[str] | bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> Register:
    """Load a register from a YAML or JSON file, text or bytes.

    A main file's `include` is followed: the fragments it names are read and appended, and
    the size limit is for all the files together. Every structural problem is reported at
    once, each as `file:line:col: message` in the file it is in, in a `LoadError`. The
    returned `Register` carries its source map, so findings point into the files. A document
    that is plainly not a register (a ropa JSON export, a JSON Schema, a fragment given alone)
    is one problem saying what it is.

    Examples:
        >>> import ropa
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> len(register.activities), register.register.language
        (8, 'lv')
        >>> try:
        ...     ropa.load("out/ropa.json")  # an export, given by mistake
        ... except ropa.LoadError as error:
        ...     print(error)  # doctest: +NORMALIZE_WHITESPACE
        out/ropa.json:1:1: this is a ropa JSON export, not a register
        (exported from processing_activities.yaml); check the register itself
    """
    problems: list[Problem] = []
    data, source_map = _assembled(source, max_bytes, name, problems)
    try:
        with collector_paused():
            register = Register.model_validate(data)
    except ValidationError as error:
        problems.extend(model_problems(error, data, source_map))
    if problems:
        raise LoadError(problems)
    return register.with_source(source_map)
