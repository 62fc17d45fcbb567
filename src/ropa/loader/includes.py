"""Stage 2b: a register kept across several files, assembled into one.

The main file's `include` lists globs, relative to the main file, read in order (the files a
glob matches in name order, each file once). Each match is a *fragment*: a mapping with any of
the catalogue keys and `activities`, never `format`, `register`, `organisation` or `include`.
The register is the main file's content with each fragment's lists appended, and one source
map in which every node a fragment gave is marked with its file, so a problem found later
(by the models or the rules, e.g. a duplicate id) is reported in the file it is in.
"""

from __future__ import annotations

import glob
import itertools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ropa.loader.problems import LoadError, Problem, kind_word, quoted
from ropa.model import Register
from ropa.source import InFile, Location, SourceMap
from ropa.text.escape import shortened
from ropa.text.messages import Message, msg

MAIN_ONLY = ("format", "register", "organisation", "include")
"""Keys a fragment never holds: they say what the register is, once, in the main file."""
FRAGMENT_KEYS = tuple(name for name in Register.model_fields if name not in MAIN_ONLY)
"""Keys a fragment may hold: every catalogue and `activities`."""
_FRAGMENT_KEYS_TEXT = ", ".join(FRAGMENT_KEYS)

# Reads one file: (path, name to report, bytes it may take) -> (data, source map, bytes read).
ReadFile = Callable[[Path, str, int], tuple[Any, SourceMap, int]]

_GLOB_CHARACTERS = frozenset("*?[")
_REPEATED_ANY_DEPTH = re.compile(r"(?:\*\*/)+")
MAX_ANY_DEPTH = 2
"""Most `**` a pattern may hold: each one more multiplies the work of finding the files by
the size of the folder tree (15 of them took half a minute on a folder of 40 entries)."""
MAX_FRAGMENTS = 10_000
"""Most files the includes may name in all (an empty file takes no bytes of the budget)."""


class TooLarge(LoadError):
    """The register and its fragments together are over the size limit: read no further."""


def is_fragment(data: dict[str, Any]) -> bool:
    """Whether a document is a fragment: no `format`, and only keys a fragment may hold."""
    return bool(data) and "format" not in data and all(key in FRAGMENT_KEYS for key in data)


def fragment_message() -> Message:
    """What a fragment given alone is told."""
    return msg("loader.fragment")


def assemble(
    data: dict[str, Any],
    source_map: SourceMap,
    *,
    base: Path,
    budget: int,
    read: ReadFile,
    problems: list[Problem],
) -> None:
    """Append the content of every fragment `data["include"]` names to `data`, and its
    positions to `source_map`. `budget` is how many bytes the fragments may take together
    (the size limit is for the whole register). Problems go to `problems`."""
    patterns = data.get("include")
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        return  # the models report an include that is not a list of text
    main = _resolved(base / Path(source_map.file).name) if source_map.base_name else None
    seen: set[Path] = set() if main is None else {main}
    for index, pattern in enumerate(patterns):
        at = source_map.locate(("include", index))
        for path, name in _matches(pattern, base, source_map.file, at, problems):
            resolved = _resolved(path)
            if resolved in seen:
                if resolved == main:
                    problems.append(
                        Problem.of(at, msg("loader.include.main", pattern=repr(pattern)))
                    )
                continue
            seen.add(resolved)
            try:
                fragment, fragment_map, size = read(path, name, budget)
            except TooLarge as error:
                problems.extend(error.problems)
                return
            except LoadError as error:
                problems.extend(error.problems)
                continue
            budget -= size
            source_map.add_fragment(name, fragment_map.sha256())
            _append(data, source_map, fragment, fragment_map, problems)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # pragma: no cover - a loop of symbolic links
        return path.absolute()


def _matches(
    pattern: str, base: Path, main_name: str, at: Location, problems: list[Problem]
) -> list[tuple[Path, str]]:
    """The files `pattern` names, in name order, each with the name to report it under
    (beside the main file's name, as the user wrote it)."""
    if not pattern.strip():
        problems.append(Problem.of(at, msg("loader.include.empty")))
        return []
    if os.path.isabs(pattern) or Path(pattern).drive:
        problems.append(Problem.of(at, msg("loader.include.absolute", pattern=repr(pattern))))
        return []
    folder = os.path.dirname(main_name) if not main_name.startswith("<") else ""
    # `**/**/` finds what `**/` finds, with work multiplied: written once.
    pattern = _REPEATED_ANY_DEPTH.sub("**/", pattern)
    if pattern.count("**") > MAX_ANY_DEPTH:
        said = msg("loader.include.any_depth", pattern=repr(shortened(pattern)), most=MAX_ANY_DEPTH)
        problems.append(Problem.of(at, said))
        return []
    wildcard = any(character in _GLOB_CHARACTERS for character in pattern)
    if not wildcard:
        path = base / pattern
        if path.is_dir():
            said = msg("loader.include.directory", pattern=repr(pattern), glob=f"{pattern}/*.yaml")
            problems.append(Problem.of(at, said))
            return []
        if not path.exists():
            problems.append(Problem.of(at, msg("loader.include.missing", pattern=repr(pattern))))
            return []
        if not path.is_file():
            # A FIFO would block the load until something writes to it, a device would be read
            # to the size limit: a fragment is a file kept with the register.
            said = msg("loader.include.not_a_file", pattern=repr(pattern))
            problems.append(Problem.of(at, said))
            return []
        return [(path, os.path.join(folder, pattern))]
    found = sorted(
        match
        for match in itertools.islice(
            glob.iglob(pattern, root_dir=base, recursive=True), MAX_FRAGMENTS + 1
        )
        if (base / match).is_file()
    )
    if len(found) > MAX_FRAGMENTS:
        said = msg(
            "loader.include.too_many", pattern=repr(shortened(pattern)), most=f"{MAX_FRAGMENTS:,}"
        )
        problems.append(Problem.of(at, said))
        return []
    if not found:
        problems.append(Problem.of(at, msg("loader.include.no_match", pattern=repr(pattern))))
    return [(base / match, os.path.join(folder, match)) for match in found]


def _append(
    data: dict[str, Any],
    source_map: SourceMap,
    fragment: Any,
    fragment_map: SourceMap,
    problems: list[Problem],
) -> None:
    if not isinstance(fragment, dict):
        said = (
            msg("loader.fragment.empty")
            if fragment is None
            else msg("loader.fragment.kind", kind=kind_word(fragment))
        )
        problems.append(Problem.of(fragment_map.locate(()), said))
        return
    root = source_map.root
    fragment_root = fragment_map.root
    for key_index, (key, items) in enumerate(fragment.items()):
        key_location = fragment_map.key_location((key,))
        if key in MAIN_ONLY:
            said = msg("loader.fragment.main_only", key=quoted(key), keys=_FRAGMENT_KEYS_TEXT)
            problems.append(Problem.of(key_location, said))
            continue
        if key not in FRAGMENT_KEYS:
            said = msg("loader.fragment.unknown", key=quoted(key), keys=_FRAGMENT_KEYS_TEXT)
            problems.append(Problem.of(key_location, said))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            said = msg("loader.fragment.not_a_list", key=key, kind=kind_word(items))
            problems.append(Problem.of(fragment_map.locate((key,)), said))
            continue
        items_position = fragment_root[1][key]
        existing = data.get(key)
        if existing is None:
            data[key] = list(items)
            key_place = fragment_root[2][key_index]
            marked = InFile(fragment_map.file, items_position, key_place)
            if key not in root[1]:
                root[2].append(key_place)  # keeps the key places in the order of the keys
            root[1][key] = marked
        elif isinstance(existing, list):
            existing.extend(items)
            target = root[1][key]
            if type(target) is InFile:
                target = target.node  # a catalogue an earlier fragment began
            target[1].extend(InFile(fragment_map.file, item) for item in items_position[1])
        # else: the main file's value is no list, and the models say so there.
