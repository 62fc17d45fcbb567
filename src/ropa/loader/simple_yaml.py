"""A fast reader for the common subset of block YAML, tried before the event stream.

Registers are written in a small part of YAML: block mappings and lists, one-line plain and
quoted scalars, one-line flow collections (`{lv: ..., en: ...}`, `[a, b]`), comments, and
literal or folded block scalars. For text in that subset, `read_simple` gives the very data
and positions that `events.build` would give, for about three quarters of its cost: it makes
no Python object per event, only one regular expression splits the lines, and values and
flow collections met before are taken from what they were read as.

It never reports a problem. Whenever the text steps outside the subset, or anything is in
doubt (duplicate or non-text keys, tags, anchors and aliases, directives, document markers,
tabs, unusual characters, numbers too long, deep nesting, a multi-line plain scalar, long
keys, odd indentation), it gives None and the event stream reads the text: that path stays
the single source of every error message and of every limit.
"""

from __future__ import annotations

import functools
import itertools
import re
from array import array
from collections.abc import Callable, Iterator
from typing import Any

from ropa.loader.scalars import SHARED_LENGTH, NumberTooLong, resolve_plain
from ropa.source import Position

_MOST_DEPTH = 40
"""Deeper nesting is left to the event stream (it refuses nesting past `MAX_DEPTH`)."""
_LONGEST_KEY = 1000
"""libyaml refuses a key longer than 1,024 characters (with the spaces before its colon);
longer keys, and flow collections longer than this, are left to it."""

# Characters the subset does not read: anything YAML does not allow or reads specially
# (controls, NEL, LS, PS, surrogates, a byte order mark after the start). A tab anywhere is
# left to the event stream too (it may be indentation, which the loader reports in its own
# words); so are document markers and directives (`_MARKERS`).
_OUTSIDE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_MARKERS = ("---", "...", "%")

# A plain scalar in block context: it may not start with an indicator (`-` only before a
# non-space), holds no `: ` and no ` #`, and does not end with `:`. Written so that every
# text matches in at most one way (runs of ordinary characters alternate with one `:` or a
# run of spaces), so a failed match costs linear time.
_FIRST = r"(?:[^\n \-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^\n ]))"
_PLAIN = _FIRST + r"[^\n: ]*(?:(?::(?=[^\n ])| +(?=[^\n #]))[^\n: ]*)*"
# A plain key: the same, but a space run may not be followed by `:` (the key ends there).
_PLAIN_KEY = _FIRST + r"[^\n: ]*(?:(?::(?=[^\n ])| +(?=[^\n #:]))[^\n: ]*)*"
_SINGLE = r"'(?:[^\n']|'')*'"
_ESCAPE = r"\\(?:[0abtnvfre \"/\\N_LP]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})"
_TAIL = r"(?: *| +#.*)"
"""What may follow a value on its line: spaces, or spaces and a comment."""

# One line: indentation, a list item's dash, a key and its colon, and the rest (a value, a
# comment, or nothing).
_LINE = re.compile(
    r"^( *)"
    r"((?:-(?: +|$))?)"
    # (a key of letters, digits and `_`, the most common, is tried first: a third faster)
    r"(?:([A-Za-z0-9_]+|"
    + _PLAIN_KEY
    + "|"
    + _SINGLE
    + "|"
    + r'"[^\n"\\]*"'
    + r")( {0,100}:(?: +|$)))?"
    r"(.*)",
    re.MULTILINE,
)
_PLAIN_VALUE = re.compile("(" + _PLAIN + ")" + _TAIL)
_NOT_PLAIN_START = frozenset("'\"[{|>#")
_SINGLE_VALUE = re.compile("'((?:[^']|'')*)'" + _TAIL)
_DOUBLE_VALUE = re.compile(r'"((?:[^"\\]|' + _ESCAPE + r')*)"' + _TAIL)
_ESCAPES = re.compile(_ESCAPE)
_NAMED_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_AFTER = re.compile(_TAIL)
# A quoted scalar over several lines, with no backslash: its first line (after the opening
# quote), and each further line (its text, and the closing quote with what follows it).
_DOUBLE_LINES = (re.compile(r'"([^"\\]*)'), re.compile(r'([^"\\]*)(?:("' + _TAIL + "))?"))
_SINGLE_LINES = (
    re.compile("'((?:[^']|'')*)"),
    re.compile("((?:[^']|'')*)(?:('" + _TAIL + "))?"),
)
_BLOCK_HEADER = re.compile(r"([|>])(-?) *")

# A token of a one-line flow collection. A plain scalar there also stops at `,[]{}`, and a
# `:` is taken inside it only before a letter, digit or `/` (where both PyYAML parsers agree).
_FLOW_CHARACTER = r"(?:[^ ,\[\]{}:#]|:(?=[0-9A-Za-z/]))"
_FLOW_PLAIN = (
    r"(?:[^ \-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^ ,\[\]{}]))"
    + _FLOW_CHARACTER
    + "*(?: +"
    + _FLOW_CHARACTER
    + "+)*"
)
_FLOW_SCALAR = (
    "(?P<plain>" + _FLOW_PLAIN + ")"
    r"|'(?P<single>(?:[^']|'')*)'"
    r'|"(?P<double>(?:[^"\\]|' + _ESCAPE + r')*)"'
)
_FLOW_TOKEN = re.compile(
    r" *(?:(?P<open>[\[{])|(?P<close>[\]}])|(?P<comma>,)|(?P<colon>:(?= ))|" + _FLOW_SCALAR + ")"
)
_SCALARS = re.compile(_FLOW_SCALAR)
# The common flow collections, with scalars only: checked whole by one match, then their
# scalars found in order (a scalar cannot start with a space, `,`, `:` or a bracket).
_ONE = "(?:" + re.sub(r"\(\?P<\w+>", "(?:", _FLOW_SCALAR) + ")"
_FLAT_LIST = re.compile(r"\[ *(?:" + _ONE + r" *(?:, *" + _ONE + r" *)*)?\]")
_PAIR = re.compile(
    r"\{ *(" + _ONE + r") *: +(" + _ONE + r") *, *(" + _ONE + r") *: +(" + _ONE + r") *\}" + _TAIL
)
_FLAT_MAPPING = re.compile(
    r"\{ *(?:" + _ONE + r" *: +" + _ONE + r" *(?:, *" + _ONE + r" *: +" + _ONE + r" *)*)?\}"
)


_MISSING = object()
_NOT_PLAIN = object()
_LINE_STEP = 1 << 32
_REMEMBERED = 2 * SHARED_LENGTH
_MOST_REMEMBERED = 20_000
"""Most values and flow collections remembered by their text (a bound on the memory taken)."""


class _Names(dict[str, str]):
    """Keys' texts by how they are written, each worked out once."""

    def __init__(self, name: Callable[[str], str]) -> None:
        super().__init__()
        self.name = name

    def __missing__(self, key: str) -> str:
        name = self[key] = self.name(key)
        return name


class _Values(dict[str, Any]):
    """The values of the rests of lines (after a key or a dash), each worked out once."""

    def __init__(self, value: Callable[[str], Any]) -> None:
        super().__init__()
        self.value = value

    def __missing__(self, rest: str) -> Any:
        value = self.value(rest)
        if len(rest) <= _REMEMBERED and len(self) < _MOST_REMEMBERED:
            self[rest] = value  # (a long text rarely comes again)
        return value


_CHUNK = 1 << 16
"""Characters of text split into lines at a time (all at once, the lines' texts would take
several times the size of the file)."""


def _rows(text: str) -> Iterator[list[tuple[str, ...]]]:
    """The lines of `text` as `_LINE` splits them, some thousands at a time."""
    start = 0
    size = len(text)
    while start <= size:
        end = text.find("\n", start + _CHUNK)
        if end < 0:
            end = size
        rows = _LINE.findall(text, start, end)
        if len(rows) != text.count("\n", start, end) + 1:
            raise _Outside  # cannot happen; but then the lines would be miscounted
        yield rows
        start = end + 1


def _no_value(text: str) -> Any:
    raise _Outside  # a reader asked after `forget`


def _skip(lines: Iterator[tuple[str, ...]], number: int, last: int) -> int:
    """Pass over the lines up to `last` (read already, by a value over several lines)."""
    if last > number:
        next(itertools.islice(lines, last - number - 1, None), None)
    return last


class _Outside(Exception):
    """The text leaves the subset (or is in doubt): the event stream reads it."""


def read_simple(document: str | bytes) -> tuple[Any, Position] | None:
    """The data and root position `events.build` gives for `document`, or None when the text
    is outside the subset this reader knows (the caller then reads it with `events.build`)."""
    try:
        text = document if isinstance(document, str) else document.decode("utf-8")
        reader = _Reader(text)
    except (_Outside, UnicodeDecodeError):
        return None
    try:
        return reader.read()
    except (_Outside, NumberTooLong):
        return None
    finally:
        reader.forget()


class _Reader:
    """One pass over the lines, with a stack of the open block collections."""

    def __init__(self, text: str) -> None:
        text = text.removeprefix("\ufeff")
        if "\r" in text:
            # CRLF line ends count as libyaml counts them; a lone CR is left to it.
            if text.count("\r") != text.count("\r\n"):
                raise _Outside
            text = text.replace("\r\n", "\n")
        if _OUTSIDE.search(text) is not None:
            raise _Outside
        for marker in _MARKERS:
            if text.startswith(marker) or "\n" + marker in text:
                raise _Outside
        self.text = text
        self.ends_with_break = text.endswith("\n")
        # Plain scalars as read, by their text (keys and short values repeat thousands of
        # times); text up to SHARED_LENGTH long is one shared string, as `events.build` does.
        self.plain: dict[str, Any] = {}
        self.shared: dict[str, str] = {}
        # Flow collections of scalars, by their text (a register repeats many).
        self.flats: dict[str, tuple[Any, ...]] = {}
        self.names = _Names(self.key_name)
        self.values = _Values(self.rest_value)
        self.root_position: Position = None
        self.pending: tuple[list[Any], Any, int, int] | None = None

    def read(self) -> tuple[Any, Position]:
        # One tuple of texts a line, all made by the regex engine in one call: (indentation,
        # dash, key, colon, rest); a part not there is "".
        names = self.names
        values = self.values
        flats = self.flats
        # A frame: [indentation, container, children's positions, keys' places (mappings) or
        # None (lists), whether it is a list written at its mapping's indentation]. The
        # innermost frame's parts are also kept in locals (`top_indent` ...).
        stack: list[list[Any]] = []
        top: list[Any] = [-1, None, None, None, False]
        frame: list[Any]
        top_indent: int = -1
        container: Any = None
        children: Any = None
        places: Any = None
        root: Any = None
        root_position: Position = None
        # The key (or list item) whose value starts on a later line: its frame, key, key's
        # place, and the place of an empty value (where libyaml puts a value not written).
        pending: tuple[list[Any], Any, int, int] | None = None
        base = 0  # the line's number in a place (`number << 32`): a place is base + column
        key_column = 0  # the innermost mapping's keys' column
        lines = itertools.chain.from_iterable(_rows(self.text))
        for spaces, dash, key, colon, rest in lines:
            base += _LINE_STEP
            # `top_indent` is the innermost mapping's indentation, or -1 while its last key
            # waits for a value on the next lines, or the innermost collection is a list.
            if not key or dash or len(spaces) != top_indent:
                # Anything but the next key of the innermost mapping (which most lines
                # are): find the frame the line belongs to (ending, opening or starting
                # collections).
                if not key and not dash:
                    if not rest or rest[0] == "#":
                        continue  # a blank line or a comment
                    raise _Outside  # a value alone on its line: a multi-line scalar, or worse
                indent = len(spaces)
                if dash and pending is None and stack:
                    # Most often the next item of a list: after the mapping of the item before.
                    while top[0] > indent and len(stack) > 1:
                        stack.pop()
                        top = stack[-1]
                    if top[0] != indent or top[3] is not None:
                        top = self.structure(stack, None, indent, dash, key, base)
                else:
                    top = self.structure(stack, pending, indent, dash, key, base)
                    pending = None
                    if root_position is None:
                        root, root_position = stack[0][1], self.root_position
                if top[3] is None:  # a list: this line is its next item
                    column = indent + len(dash)
                    if key:  # `- key: value`, a mapping in the item
                        if len(stack) >= _MOST_DEPTH:
                            raise _Outside
                        frame = [column, {}, {}, array("Q"), False]
                        top[1].append(frame[1])
                        top[2].append((base | column + 1, frame[2], frame[3]))
                        stack.append(frame)
                        top = frame
                    else:
                        top_indent = -1
                        value = values[rest]
                        if value is not _NOT_PLAIN:
                            top[1].append(value)
                            top[2].append(base | column + 1)
                        elif not rest or rest[0] == "#":
                            pending = (top, None, 0, base | indent + 2)  # after the dash
                        else:
                            value, position, last = self.value(
                                rest, base | column + 1, base >> 32, top, len(stack)
                            )
                            top[1].append(value)
                            top[2].append(position)
                            base = _skip(lines, base >> 32, last) << 32
                        continue
                top_indent, container, children, places = top[0], top[1], top[2], top[3]
                key_column = top_indent + 1
            # `key: value` in the innermost mapping.
            key_place = base + key_column
            name = names[key]
            if name in container:
                raise _Outside  # a duplicate key: the event stream reports it
            value = values[rest]
            if value is not _NOT_PLAIN:
                container[name] = value
                children[name] = key_place + (len(key) + len(colon))
                places.append(key_place)
                continue
            shape = flats.get(rest)
            if shape is not None:
                # A flow collection seen before: a copy (its scalars are shared, they
                # cannot change), with the places of this line. The shapes of most
                # registers (`[a, b]`, `{lv: ..., en: ...}`) are made here at once.
                origin = key_place + (len(key) + len(colon) - 1)
                keys = shape[0]
                if keys is None:
                    container[name] = list(shape[1])
                    columns = shape[2]
                    if len(columns) == 1:
                        children[name] = (origin + 1, [origin + columns[0]])
                    else:
                        children[name] = (origin + 1, list(map(origin.__add__, columns)))
                    places.append(key_place)
                    continue
                if len(keys) == 2:
                    container[name] = shape[1].copy()
                    key_columns, value_columns = shape[2], shape[3]
                    first, second = keys
                    children[name] = (
                        origin + 1,
                        {first: origin + value_columns[0], second: origin + value_columns[1]},
                        array("Q", (origin + key_columns[0], origin + key_columns[1])),
                    )
                    places.append(key_place)
                    continue
            number = self.after_key(
                name, key_place, key, colon, rest, base >> 32, lines, top, len(stack)
            )
            if number < 0:
                number = -number
                pending = self.pending
                top_indent = -1
            base = number << 32
        if pending is not None:
            frame, pending_key, key_place, empty = pending
            _attach(frame, pending_key, key_place, None, empty)
        if root_position is None:
            raise _Outside  # nothing but comments: left to libyaml
        return root, root_position

    def after_key(
        self,
        name: str,
        key_place: int,
        key: str,
        colon: str,
        rest: str,
        number: int,
        lines: Iterator[tuple[str, ...]],
        frame: list[Any],
        depth: int,
    ) -> int:
        """Give `name` in the mapping `frame` a value that is not plain: nothing yet (a value
        on the next lines: then `self.pending` is set and the line's number returned
        negative), a flow collection, a quoted or a block scalar. Gives the number of the
        last line read."""
        container, children, places = frame[1], frame[2], frame[3]
        if not rest or rest[0] == "#":
            after_colon = key_place + len(key) + colon.index(":") + 1
            self.pending = (frame, name, key_place, after_colon)
            return -number
        at = key_place + len(key) + len(colon)  # the value's place
        shape = self.flats.get(rest)
        if shape is None and rest[0] == "{":
            shape = self.pair(rest)
        if shape is not None:
            # A flow collection of scalars seen before: a copy of it (its scalars are shared,
            # they cannot change), with the places of this line.
            origin = at - 1
            if shape[0] is None:
                container[name] = list(shape[1])
                columns = shape[2]
                if len(columns) == 1:
                    children[name] = (at, [origin + columns[0]])
                else:
                    children[name] = (at, list(map(origin.__add__, columns)))
            else:
                keys, mapping, key_columns, value_columns = shape
                container[name] = mapping.copy()
                if len(keys) == 2:
                    first, second = keys
                    children[name] = (
                        at,
                        {first: origin + value_columns[0], second: origin + value_columns[1]},
                        array("Q", (origin + key_columns[0], origin + key_columns[1])),
                    )
                else:
                    children[name] = (
                        at,
                        {k: origin + c for k, c in zip(keys, value_columns, strict=True)},
                        array("Q", [origin + column for column in key_columns]),
                    )
            places.append(key_place)
            return number
        value, position, last = self.value(rest, at, number, frame, depth)
        container[name] = value
        children[name] = position
        places.append(key_place)
        return _skip(lines, number, last)

    def structure(
        self,
        stack: list[list[Any]],
        pending: tuple[list[Any], Any, int, int] | None,
        indent: int,
        dash: str,
        key: str,
        base: int,
    ) -> list[Any]:
        """The frame a line with an entry at `indent` belongs to, after the value pending
        (if any) is given, the collections that the line ends are closed, and the one it
        opens (if any) is opened; the root is made at the first line."""
        if pending is not None:
            frame, pending_key, key_place, empty = pending
            nested: list[Any] | None = None
            if indent > frame[0]:
                if dash:
                    nested = [indent, [], [], None, False]
                elif key:
                    nested = [indent, {}, {}, array("Q"), False]
                else:
                    raise _Outside  # a value on the next line, or a multi-line scalar
            elif indent == frame[0] and dash and frame[3] is not None:
                nested = [indent, [], [], None, True]  # `key:` then `- item` under it
            if nested is None:
                _attach(frame, pending_key, key_place, None, empty)
            else:
                if len(stack) >= _MOST_DEPTH:
                    raise _Outside
                spot = base | indent + 1
                shape = (spot, nested[2], nested[3]) if nested[3] is not None else (spot, nested[2])
                _attach(frame, pending_key, key_place, nested[1], shape)
                stack.append(nested)
        while stack and stack[-1][0] > indent:
            stack.pop()
        if not stack:
            if self.root_position is not None:
                raise _Outside  # text after the root's end, or less indented than it
            if dash:
                frame = [indent, [], [], None, False]
                self.root_position = (base | indent + 1, frame[2])
            elif key:
                frame = [indent, {}, {}, array("Q"), False]
                self.root_position = (base | indent + 1, frame[2], frame[3])
            else:
                raise _Outside  # a scalar or flow document: rare, left to libyaml
            stack.append(frame)
        top = stack[-1]
        if top[4] and not dash and top[0] == indent:
            stack.pop()  # the list under a key ends at the next key
            top = stack[-1]
        if top[0] != indent or (top[3] is None) != bool(dash):
            # Less or more indented than the collection, a key where a list item must be,
            # or a dash in a mapping: left to libyaml.
            raise _Outside
        if top[3] is not None and not key:
            raise _Outside  # a scalar where a key must be
        return top

    def key_name(self, key: str) -> str:
        """A key's text (remembered by how it is written); a key that is not text is left to
        the event stream, which reports it."""
        first = key[0]
        name: Any
        if len(key) > _LONGEST_KEY:
            raise _Outside
        if first == "'":
            name = self.share(key[1:-1].replace("''", "'"))
        elif first == '"':
            name = self.share(key[1:-1])
        else:
            name = resolve_plain(key)
            if type(name) is not str:
                raise _Outside
            name = self.share(name)
        text: str = name
        return text

    def forget(self) -> None:
        """Let go of the caches: they refer back to the reader, and the cycle would leave
        them (thousands of objects) to the garbage collector."""
        self.names.name = self.values.value = _no_value
        self.flats.clear()

    @functools.cached_property
    def lines(self) -> list[str]:
        """The lines, for the rare values that go on over several lines."""
        return self.text.split("\n")

    def rest_value(self, rest: str) -> Any:
        """What follows a key or a dash when it is a plain scalar, maybe with a comment; or
        `_NOT_PLAIN` (nothing, a comment, a quoted scalar, a flow collection, a block)."""
        if not rest or rest[0] in _NOT_PLAIN_START:
            return _NOT_PLAIN
        found = _PLAIN_VALUE.fullmatch(rest)
        if found is None:
            raise _Outside
        return self.plain_value(found.group(1))

    def plain_value(self, text: str) -> Any:
        """A plain scalar's value (remembered by its text)."""
        value = resolve_plain(text)
        if type(value) is str and len(value) <= SHARED_LENGTH:
            value = self.shared.setdefault(value, value)
        self.plain[text] = value
        return value

    def share(self, text: str) -> str:
        if len(text) <= SHARED_LENGTH:
            return self.shared.setdefault(text, text)
        return text

    def value(
        self, rest: str, position: int, number: int, frame: list[Any], depth: int
    ) -> tuple[Any, Position, int]:
        """A value that is not plain, at `position` on line `number`: quoted, a flow
        collection, or a block scalar (which goes on over the next lines). Also gives the
        number of the value's last line."""
        first = rest[0]
        if first == "'":
            found = _SINGLE_VALUE.fullmatch(rest)
            if found is None:
                text, number = self.quoted_lines(_SINGLE_LINES, rest, number, frame[0])
                return self.share(text.replace("''", "'")), position, number
            return self.share(found.group(1).replace("''", "'")), position, number
        if first == '"':
            found = _DOUBLE_VALUE.fullmatch(rest)
            if found is None:
                text, number = self.quoted_lines(_DOUBLE_LINES, rest, number, frame[0])
                return self.share(text), position, number
            return self.share(_unescaped(found.group(1))), position, number
        # Flow collections are read in `rest` with places counted from `origin` (its first
        # character's place minus one: a place plus a column is the place at that column).
        origin = position - 1
        if first == "[" or first == "{":
            if len(rest) > _LONGEST_KEY:
                raise _Outside  # a key in it might be longer than libyaml takes
            shape = self.flats.get(rest)
            if shape is None:
                flat = (_FLAT_LIST if first == "[" else _FLAT_MAPPING).match(rest)
                if flat is not None:
                    if _AFTER.fullmatch(rest, flat.end()) is None:
                        raise _Outside
                    shape = self.flat(first == "{", rest, flat.end())
                    if len(self.flats) < _MOST_REMEMBERED:
                        self.flats[rest] = shape
            if shape is not None:
                # A copy of the collection (its scalars are shared: they cannot change), and
                # the places of this line.
                at = origin.__add__
                if shape[0] is None:
                    return list(shape[1]), (position, list(map(at, shape[2]))), number
                keys, values, key_columns, value_columns = shape
                children = dict(zip(keys, map(at, value_columns), strict=False))
                mapping = (values.copy(), (position, children, array("Q", map(at, key_columns))))
                return *mapping, number
            value, flow_position, end = self.flow(rest, 0, origin, depth)
            if _AFTER.fullmatch(rest, end) is None:
                raise _Outside
            return value, flow_position, number
        if first == "|" or first == ">":
            header = _BLOCK_HEADER.fullmatch(rest)
            if header is None:
                raise _Outside  # an indentation indicator, `+`, a comment: left to libyaml
            value, number = self.block(
                header.group(1) == ">", header.group(2) == "-", number, frame[0]
            )
            return value, position, number
        raise _Outside

    def quoted_lines(
        self, patterns: tuple[re.Pattern[str], re.Pattern[str]], rest: str, index: int, parent: int
    ) -> tuple[str, int]:
        """A quoted scalar over several lines (inside a collection indented `parent`), folded
        as YAML folds it: each line break a space, n empty lines n line breaks, the spaces
        around a break dropped. With a backslash anywhere it is left to libyaml (an escaped
        line break or space changes the folding). Also gives the next line's index."""
        opening, closing = patterns
        found = opening.fullmatch(rest)
        if found is None:
            raise _Outside
        parts = [found.group(1).rstrip(" ")]
        empty = 0
        lines = self.lines
        count = len(lines)
        while index < count:
            line = lines[index]
            index += 1
            content = line.lstrip(" ")
            if not content:
                empty += 1
                continue
            if len(line) - len(content) <= parent:
                raise _Outside  # a line not indented into the collection: left to libyaml
            found = closing.fullmatch(content)
            if found is None:
                raise _Outside
            text, end = found.group(1, 2)
            parts.append("\n" * empty if empty else " ")
            empty = 0
            if end is None:
                parts.append(text.rstrip(" "))
                continue
            if not text or not parts[0]:
                raise _Outside  # a break just after the opening or before the closing quote
            parts.append(text)
            return "".join(parts), index
        raise _Outside

    def flat(self, mapping: bool, text: str, end: int) -> tuple[Any, ...]:
        """A flow collection of scalars only, `text[:end]`, as a shape to copy: for a list
        (None, its values, their columns); for a mapping (its keys, the mapping, the keys'
        columns, the values' columns). Columns are 1-based in `text`."""
        values: list[Any] = []
        columns: list[int] = []
        plain = self.plain
        for token in _SCALARS.finditer(text, 1, end - 1):
            kind = token.lastgroup
            if kind == "plain":
                scalar = token.group(1)
                value = plain.get(scalar)
                if value is None:
                    value = self.plain_value(scalar)
            elif kind == "single":
                value = self.share(token.group(2).replace("''", "'"))
            else:
                value = self.share(_unescaped(token.group(3)))
            values.append(value)
            columns.append(token.start() + 1)
        if not mapping:
            return None, tuple(values), tuple(columns)
        keys = values[0::2]
        if any(type(key) is not str for key in keys) or len(set(keys)) != len(keys):
            raise _Outside  # a key that is not text, or a duplicate
        return (
            tuple(keys),
            dict(zip(keys, values[1::2], strict=False)),
            tuple(columns[0::2]),
            tuple(columns[1::2]),
        )

    def pair(self, rest: str) -> tuple[Any, ...] | None:
        """The shape (as `flat` gives it) of a flow mapping of two scalars, `{lv: ..., en:
        ...}`, the most common of all, read by one match; None for any other text."""
        found = _PAIR.fullmatch(rest)
        if found is None or len(rest) > _LONGEST_KEY:
            return None
        scalar = self.flow_scalar
        first, second = scalar(found.group(1)), scalar(found.group(3))
        if type(first) is not str or type(second) is not str or first == second:
            raise _Outside  # a key that is not text, or a duplicate
        shape = (
            (first, second),
            {first: scalar(found.group(2)), second: scalar(found.group(4))},
            (found.start(1) + 1, found.start(3) + 1),
            (found.start(2) + 1, found.start(4) + 1),
        )
        if len(self.flats) < _MOST_REMEMBERED:
            self.flats[rest] = shape
        return shape

    def flow_scalar(self, written: str) -> Any:
        """A scalar of a flow collection, from its text as written (quotes included)."""
        first = written[0]
        if first == "'":
            return self.share(written[1:-1].replace("''", "'"))
        if first == '"':
            return self.share(_unescaped(written[1:-1]))
        value = self.plain.get(written, _MISSING)
        return self.plain_value(written) if value is _MISSING else value

    def flow(self, line: str, start: int, base: int, depth: int) -> tuple[Any, Position, int]:
        """A flow collection or scalar at `start` of `line`: its value, position and end."""
        token = _FLOW_TOKEN.match(line, start)
        if token is None:
            raise _Outside
        kind = token.lastgroup
        if kind == "plain":
            text = token.group("plain")
            value = self.plain.get(text)
            if value is None:
                value = self.plain_value(text)
            return value, base + token.start("plain") + 1, token.end()
        if kind == "single":
            text = self.share(token.group("single").replace("''", "'"))
            return text, base + token.start("single"), token.end()  # at the quote
        if kind == "double":
            text = self.share(_unescaped(token.group("double")))
            return text, base + token.start("double"), token.end()
        if kind != "open" or depth >= _MOST_DEPTH:
            raise _Outside
        spot = base + token.start("open") + 1
        end = token.end()
        following = _FLOW_TOKEN.match(line, end)
        if following is None:
            raise _Outside
        if token.group("open") == "[":
            items: list[Any] = []
            positions: list[Position] = []
            if following.lastgroup == "close":
                if following.group("close") != "]":
                    raise _Outside
                return items, (spot, positions), following.end()
            while True:
                value, position, end = self.flow(line, end, base, depth + 1)
                items.append(value)
                positions.append(position)
                after = _FLOW_TOKEN.match(line, end)
                if after is None:
                    raise _Outside
                if after.lastgroup == "comma":
                    end = after.end()
                elif after.lastgroup == "close" and after.group("close") == "]":
                    return items, (spot, positions), after.end()
                else:
                    raise _Outside  # `[a: b]`, `[a}`, ...
        mapping: dict[str, Any] = {}
        children: dict[str, Position] = {}
        places = array("Q")
        if following.lastgroup == "close":
            if following.group("close") != "}":
                raise _Outside
            return mapping, (spot, children, places), following.end()
        while True:
            key_token = _FLOW_TOKEN.match(line, end)
            if key_token is None or key_token.lastgroup not in ("plain", "single", "double"):
                raise _Outside
            name, key_place, end = self.flow(line, end, base, depth + 1)
            if type(name) is not str or name in mapping:
                raise _Outside  # a key that is not text, or a duplicate
            colon = _FLOW_TOKEN.match(line, end)
            if colon is None or colon.lastgroup != "colon":
                raise _Outside
            value, position, end = self.flow(line, colon.end(), base, depth + 1)
            mapping[name] = value
            children[name] = position
            places.append(key_place)
            after = _FLOW_TOKEN.match(line, end)
            if after is None:
                raise _Outside
            if after.lastgroup == "comma":
                end = after.end()
            elif after.lastgroup == "close" and after.group("close") == "}":
                return mapping, (spot, children, places), after.end()
            else:
                raise _Outside

    def block(self, folded: bool, strip: bool, index: int, parent: int) -> tuple[str, int]:
        """A literal (`|`) or folded (`>`) block scalar whose lines start at `index`, clipped
        or stripped (`-`), inside a collection indented `parent`; and the next line's index."""
        lines = self.lines
        count = len(lines)
        leading = 0  # empty lines before the first line of text: line breaks of the value
        while index < count and not lines[index]:
            leading += 1
            index += 1
        if index >= count or (leading and folded):
            raise _Outside
        first = lines[index]
        indent = len(first) - len(first.lstrip(" "))
        if indent <= parent or indent == len(first):
            raise _Outside  # empty, or starting with a line of spaces: left to libyaml
        pad = " " * indent
        body: list[str] = []
        while index < count:
            line = lines[index]
            if line.startswith(pad):
                content = line[indent:]
                if not content.strip(" "):
                    raise _Outside  # a line of spaces only
                body.append(content)
            elif line:
                if not line.strip(" "):
                    raise _Outside
                break
            else:
                body.append("")
            index += 1
        while body and not body[-1]:
            body.pop()
        if index >= count and not self.ends_with_break:
            raise _Outside  # the last line has no line break to keep or strip
        if not folded:
            text = "\n" * leading + "\n".join(body)
        else:
            if any(part[0] == " " or part[-1] == " " for part in body if part):
                raise _Outside  # more indented lines and trailing spaces fold differently
            text = _folded(body)
        if not strip:
            text += "\n"
        return self.share(text), index


def _folded(body: list[str]) -> str:
    """Folded lines: a single line break becomes a space, n empty lines n line breaks."""
    parts: list[str] = []
    empty = 0
    for part in body:
        if not part:
            empty += 1
            continue
        if parts:
            parts.append("\n" * empty if empty else " ")
        parts.append(part)
        empty = 0
    return "".join(parts)


def _attach(frame: list[Any], key: Any, key_place: int, value: Any, position: Position) -> None:
    """A value written on later lines, given to its key (or list item) in `frame`."""
    if frame[3] is None:
        frame[1].append(value)
        frame[2].append(position)
    else:
        frame[1][key] = value
        frame[2][key] = position
        frame[3].append(key_place)


def _unescaped(text: str) -> str:
    """A double-quoted scalar's escapes (the pattern let through only those YAML defines)."""
    if "\\" not in text:
        return text
    return _ESCAPES.sub(_escaped, text)


def _escaped(found: re.Match[str]) -> str:
    sequence = found.group()
    letter = sequence[1]
    named = _NAMED_ESCAPES.get(letter)
    if named is not None:
        return named
    code = int(sequence[2:], 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _Outside  # libyaml refuses these
    return chr(code)
