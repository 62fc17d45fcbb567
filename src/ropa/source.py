"""Source positions: where in a file each node of a register was written.

The loader records a position for every node it builds; rules and error messages ask for the
position of a path such as `activities[3].legal_bases[1].basis` and get `file:line:col`.
A register kept across several files (`include`) has one map: the nodes that came from a
fragment are marked with that file (`InFile`), so every location names the file it is in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Union

from ropa.text.escape import printable

PathPart = Union[str, int]  # noqa: UP007 - a runtime alias, Python 3.10 compatible
NodePath = tuple[PathPart, ...]

# A node's position, in the shape that takes least memory (a register of 50,000 activities
# has millions of nodes, and the positions used to take two thirds of a loaded register):
#   scalar:   the place, an int: line << 32 | column (see `place` and `line_column`)
#   mapping:  (place, {key: position of value}, array of the keys' places, in the same order)
#   sequence: (place, [position of item, ...])
# Lines and columns are 1-based.
Position = Any

_COLUMN_BITS = 32
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


def place(line: int, column: int) -> int:
    """A line and column as one int (a column past 2**32 - 1 is cut there)."""
    return line << _COLUMN_BITS | min(column, _COLUMN_MASK)


def line_column(position: Position) -> tuple[int, int]:
    """The line and column of a node's position (or of a place)."""
    spot: int = position if type(position) is int else position[0]
    return spot >> _COLUMN_BITS, spot & _COLUMN_MASK


@dataclass(frozen=True, slots=True)
class InFile:
    """A node written in another file than its parent: an entry a fragment appended to a
    list of the main file, or a catalogue only a fragment holds."""

    file: str
    """The file the node is in."""
    node: Position
    """The node's position in that file."""
    key_place: int | None = None
    """Where its key is, when the node is the value of a key the main file does not have."""


@dataclass(frozen=True, order=True, slots=True)
class Location:
    """A place in a file: 1-based line and column; `str()` gives `file:line:col`.

    Examples:
        >>> from ropa import Location
        >>> str(Location("register.yaml", 12, 5))
        'register.yaml:12:5'
        >>> Location("register.yaml", 9, 1) < Location("register.yaml", 12, 5)
        True
    """

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        # A file name may hold a line break or an escape sequence (it is shown escaped, so
        # that it cannot forge a second message or a CI annotation).
        return f"{printable(self.file)}:{self.line}:{self.column}"


def format_path(path: Sequence[PathPart]) -> str:
    """Render a path as `activities[3].legal_bases[1].basis` (the root is `<register>`)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text or "<register>"


class SourceMap:
    """Positions of every node of one loaded register: one document, or a main file and the
    fragments it includes."""

    __slots__ = ("_fragments", "_key_indexes", "_root", "_sha256", "file")

    def __init__(self, file: str, root: Position, sha256: str | None = None) -> None:
        self.file = file
        self._root = root
        self._sha256 = sha256
        self._fragments: tuple[tuple[str, str | None], ...] = ()
        # The index of each mapping's keys, made when a key's own place is first asked for
        # (for a message): a mapping of many unknown keys is then reported in linear time.
        self._key_indexes: dict[int, dict[str, int]] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceMap) and (self.file, self._root, self._fragments) == (
            other.file,
            other._root,
            other._fragments,
        )

    def __hash__(self) -> int:
        return hash(self.file)

    def __repr__(self) -> str:
        return f"SourceMap({self.file!r})"

    @property
    def base_name(self) -> str | None:
        """The file's base name, never a directory; None for text that came from no file."""
        if self.file.startswith("<") and self.file.endswith(">"):
            return None
        return re.split(r"[\\/]", self.file)[-1] or None

    def sha256(self) -> str | None:
        """SHA-256 (hex) of the bytes the register (its main file) was loaded from, when it
        was read from a file (not of the file as it is now, which may have been edited
        since); else None. `files` gives every file with its own."""
        return self._sha256

    @property
    def root(self) -> Position:
        """The position of the document's root node (for the loader's include stage)."""
        return self._root

    def add_fragment(self, file: str, sha256: str | None) -> None:
        """Record that a fragment was read (the loader calls this while it assembles)."""
        self._fragments += ((file, sha256),)
        self._key_indexes.clear()  # the include stage adds keys to the main file's mappings

    @property
    def files(self) -> tuple[tuple[str, str | None], ...]:
        """Every file the register was read from, with the SHA-256 of the bytes read: the
        main file first, then the fragments in include order."""
        return ((self.file, self._sha256), *self._fragments)

    def locate(self, path: Sequence[PathPart], *, key: bool = False) -> Location:
        """The position of the node at `path`, or of its closest ancestor that exists.

        With `key=True`, a path ending in a mapping key gives the position of the key itself
        (where an unknown or duplicate field is best reported).
        """
        file, node = self.file, self._root
        # One loop, no call per step: this runs for every finding of a report. The last
        # part is left to after the loop when its key is asked for.
        last = path[-1] if key and path else None
        steps = path[:-1] if isinstance(last, str) else path
        for part in steps:
            if type(node) is not tuple:
                break  # a scalar has no children
            if isinstance(part, str):
                if len(node) != 3:
                    break
                child = node[1].get(part)
                if child is None:
                    break
            elif isinstance(part, int) and len(node) == 2 and 0 <= part < len(node[1]):
                child = node[1][part]
            else:
                break
            if type(child) is InFile:
                file, child = child.file, child.node
            node = child
        else:
            if isinstance(last, str):
                return self._key_location(file, node, last)
        spot: int = node if type(node) is int else node[0]
        return Location(file, spot >> _COLUMN_BITS, spot & _COLUMN_MASK)

    def _key_location(self, file: str, node: Position, part: str) -> Location:
        """`locate` of the key `part` of `node` (in `file`): the key's own place, or the
        node's when it has no such key."""
        child = node[1].get(part) if type(node) is tuple and len(node) == 3 else None
        if child is None:
            spot: int = node if type(node) is int else node[0]
            return Location(file, spot >> _COLUMN_BITS, spot & _COLUMN_MASK)
        if type(child) is InFile and child.key_place is not None:
            return Location(child.file, *line_column(child.key_place))
        # The keys' places are in the order of the keys.
        keys = node[1]
        order = self._key_indexes.get(id(keys))
        if order is None:
            order = self._key_indexes[id(keys)] = {k: at for at, k in enumerate(keys)}
        return Location(file, *line_column(node[2][order[part]]))

    def key_location(self, path: Sequence[PathPart]) -> Location:
        """The position of the key that ends `path` (or the closest ancestor)."""
        return self.locate(path, key=True)
