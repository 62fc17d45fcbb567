"""Stage 2: YAML events to plain data and a source map, under the loader's own rules.

Plain data is built straight from PyYAML's event stream (libyaml's C parser where it is
installed) instead of going through PyYAML's composer and constructor: several times faster,
and the loader's rules apply while it builds (YAML 1.2 core scalars, duplicate keys, bounded
aliases and nesting, no tags).
"""

from __future__ import annotations

import re
from array import array
from typing import Any

import yaml

from ropa._collector import collector_paused
from ropa.loader.problems import LoadError, Problem, Refused, kind_word, quoted
from ropa.loader.read import TEXT_SOURCE, line_column_of, refuse_hidden_breaks
from ropa.loader.scalars import (
    MAX_NUMBER_LENGTH,
    SHARED_LENGTH,
    NumberTooLong,
)
from ropa.loader.scalars import resolve_plain as _resolve_plain
from ropa.loader.simple_yaml import read_simple
from ropa.loader.syntax_words import yaml_context, yaml_problem
from ropa.source import Location, Position, SourceMap, line_column, place
from ropa.text.escape import shortened
from ropa.text.messages import Message, msg

# libyaml's parser; the pure-Python one is the fallback where libyaml is missing.
_CParser: Any
try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CParser = None

MAX_ALIAS_NODES = 1_000_000
"""Most nodes that aliases may add to a document (stops "billion laughs" documents)."""
MAX_ALIAS_CHARACTERS = 10_000_000
"""Most characters of text (keys and values) that aliases may add to a document: one long
text repeated by a thousand aliases is as large, to everything after the loader, as the
thousand copies it stands for."""
MAX_DEPTH = 100
"""Deepest nesting of mappings and lists the loader accepts."""
_STR_TAG = "tag:yaml.org,2002:str"
_TAB_WORD = re.compile(r"\btab\b")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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


def build(document: str | bytes, file: str, problems: list[Problem]) -> tuple[Any, Position]:
    """Plain data and positions of a YAML document; soft problems go to `problems`.

    `document` is the text, or the text as UTF-8 (which libyaml reads without a copy).
    Text in the common subset of block YAML is read by `simple_yaml` instead, to the same
    data and positions; anything else, and every problem, is the event stream's.
    """
    simple = read_simple(document)
    if simple is not None:
        return simple
    return build_from_events(document, file, problems)


def build_from_events(
    document: str | bytes, file: str, problems: list[Problem]
) -> tuple[Any, Position]:
    """Plain data and positions from libyaml's event stream; soft problems go to `problems`."""
    # A frame is [container, position, pending key, key place, anchor, node count at start,
    # characters at start, index of the keys (made at the first duplicate key)].
    # Mapping frames have a dict container, sequence frames a list. Positions are in the
    # compact shapes `ropa.source` describes.
    stack: list[list[Any]] = []
    # A register repeats its keys and short values (ids, codes, languages) thousands of times;
    # each repeat is made one shared string. A large register then takes a third less memory,
    # and the rest of the program less time.
    shared: dict[str, str] = {}
    share = shared.setdefault
    # An anchor's node, position, and the nodes and characters of text an alias to it adds.
    anchors: dict[str, tuple[Any, Position, int | None, int]] = {}
    root: Any = _NO_KEY
    root_position: Position = place(1, 1)
    documents = 0
    nodes = 0
    alias_nodes = 0
    characters = 0
    alias_characters = 0
    mark: Any = None

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
                length = len(event.value)
                characters += length
                if not event.style and event.tag is None:
                    value = _resolve_plain(event.value)
                elif event.tag is None or event.tag in ("!", _STR_TAG):
                    value = event.value
                else:
                    raise Refused(mark.line + 1, mark.column + 1, _tag_message(event.tag))
                if type(value) is str and len(value) <= SHARED_LENGTH:
                    value = share(value, value)
                if event.anchor is not None:
                    anchors[event.anchor] = (value, position, 1, length)
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                nodes += 1
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                if event.tag is not None and event.tag != "!":
                    raise Refused(line, column, _tag_message(event.tag))
                if len(stack) >= MAX_DEPTH:
                    raise Refused(line, column, too_deep())
                spot = line << 32 | column  # `place(line, column)`, written out
                if kind is _MappingStartEvent:
                    container: Any = {}
                    position = (spot, {}, array("Q"))
                else:
                    container = []
                    position = (spot, [])
                if event.anchor is not None:
                    anchors[event.anchor] = (container, position, None, 0)
                stack.append(
                    [container, position, _NO_KEY, None, event.anchor, nodes, characters, None]
                )
                continue
            elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                frame = stack.pop()
                value, position = frame[0], frame[1]
                if frame[4] is not None:
                    size = nodes - frame[5] + 1
                    anchors[frame[4]] = (value, position, size, characters - frame[6])
            elif kind is _AliasEvent:
                mark = event.start_mark
                line, column = mark.line + 1, mark.column + 1
                target = anchors.get(event.anchor)
                if target is None:
                    said = msg("loader.alias_unknown", alias=f"*{event.anchor}")
                    raise Refused(line, column, said)
                value, position, size, length = target
                if size is None:
                    raise Refused(line, column, msg("loader.alias_self", alias=f"*{event.anchor}"))
                nodes += size
                alias_nodes += size
                characters += length
                alias_characters += length
                if alias_nodes > MAX_ALIAS_NODES:
                    said = msg("loader.alias_nodes", limit=f"{MAX_ALIAS_NODES:,}")
                    raise Refused(line, column, said)
                if alias_characters > MAX_ALIAS_CHARACTERS:
                    said = msg("loader.alias_characters", limit=f"{MAX_ALIAS_CHARACTERS:,}")
                    raise Refused(line, column, said)
            elif kind is _DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    said = msg("loader.second_document")
                    raise Refused(mark.line + 1, mark.column + 1, said)
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
                    said = (
                        msg("loader.key_null")
                        if value is None
                        else msg("loader.key_not_text", kind=kind_word(value))
                    )
                    problems.append(Problem.of(Location(file, *line_column(position)), said))
                    value = _BAD_KEY  # reported; its value is dropped, not guessed at
                parent[2] = value
                parent[3] = position if type(position) is int else position[0]
            else:
                key = parent[2]
                parent[2] = _NO_KEY
                if key is _BAD_KEY:
                    continue
                if key in container:
                    # The keys' places are in the order of the keys; an index of them is made
                    # at the first duplicate (a mapping of duplicates stays linear).
                    index = parent[7]
                    if index is None:
                        index = parent[7] = {name: at for at, name in enumerate(container)}
                    first, _ = line_column(parent[1][2][index[key]])
                    said = msg("loader.duplicate_key", key=quoted(key), first=str(first))
                    problems.append(Problem.of(Location(file, *line_column(parent[3])), said))
                    continue
                container[key] = value
                parent[1][1][key] = position
                places = parent[1][2]
                places.append(parent[3])
                if parent[7] is not None:
                    parent[7][key] = len(places) - 1
    except NumberTooLong:
        said = msg("loader.number_too_long", limit=f"{MAX_NUMBER_LENGTH:,}")
        raise Refused(mark.line + 1, mark.column + 1, said) from None
    finally:
        parser.dispose()

    if root is _NO_KEY:
        root = None
    return root, root_position


def _tag_message(tag: str) -> Message:
    return msg("loader.tag", tag=shortened(tag))


def too_deep() -> Message:
    """What a document nested deeper than `MAX_DEPTH` is told (YAML or JSON)."""
    return msg("loader.too_deep", depth=str(MAX_DEPTH))


def parse_text(text: str, file: str = TEXT_SOURCE) -> tuple[Any, SourceMap]:
    """Parse YAML (or JSON) text into plain data and its source map.

    Raises `LoadError` on malformed YAML, duplicate keys, tags, alias bombs or deep nesting.
    """
    refuse_hidden_breaks(text, file)
    problems: list[Problem] = []
    data, source_map = parse(text, file, problems)
    if problems:
        raise LoadError(problems)
    return data, source_map


def parse(
    document: str | bytes, file: str, problems: list[Problem], sha256: str | None = None
) -> tuple[Any, SourceMap]:
    """Like `parse_text`, but duplicate and non-text keys go to `problems`.

    `document` is the text, or the text as UTF-8 bytes already checked to be valid.
    """
    try:
        with collector_paused():
            data, root = build(document, file, problems)
    except Refused as refused:
        location = Location(file, refused.line, refused.column)
        raise LoadError([Problem.of(location, refused.said)]) from None
    except yaml.reader.ReaderError as error:
        raise LoadError([_reader_problem(error, file, _as_text(document))]) from None
    except yaml.MarkedYAMLError as error:
        raise LoadError([_syntax_problem(error, file, _as_text(document))]) from None
    except yaml.YAMLError as error:
        said = msg("loader.yaml", problem=str(error))
        raise LoadError([Problem.of(Location(file, 1, 1), said)]) from None
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
    line, column = line_column_of(text[:index]) if index >= 0 else (1, 1)
    said = msg("loader.yaml_character", code=f"U+{code:04X}")
    return Problem.of(Location(file, line, column), said)


def _syntax_problem(error: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = error.problem or ""
    said: Message
    if _is_tab_problem(problem, text, line, column):
        said = msg("loader.tab")
    elif not problem:
        said = msg("loader.yaml.unknown")
    elif error.context:
        said = msg(
            "loader.yaml.context",
            problem=yaml_problem(problem),
            context=yaml_context(error.context),
        )
    else:
        said = msg("loader.yaml", problem=yaml_problem(problem))
    return Problem.of(Location(file, line, column), said)


def _is_tab_problem(problem: str, text: str, line: int, column: int) -> bool:
    """Whether a syntax error is a tab where YAML wants spaces.

    The pure-Python parser names the tab in its message; libyaml often says only "found
    character that cannot start any token", so the character at the mark is looked at too.
    """
    if _TAB_WORD.search(problem) or "'\\t'" in problem:
        return True
    rows = _LINE_BREAK.split(text, line)
    row = rows[line - 1] if line <= len(rows) else ""
    indentation = row[:column]
    return "\t" in indentation and not indentation.strip(" \t")


def cparser_available() -> bool:
    """Whether libyaml's parser is there (it reads UTF-8 bytes without a copy of the text)."""
    return _CParser is not None
