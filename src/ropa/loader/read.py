"""Stage 1: the bytes of a register file, size-checked and decoded as UTF-8."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import BinaryIO

from ropa.loader.problems import LoadError, Problem, oversize
from ropa.source import Location
from ropa.text.messages import Message, msg

TEXT_SOURCE = "<text>"
"""The name under which a register given as text is reported."""


def read_source(
    source: str | os.PathLike[str] | bytes, name: str | None, max_bytes: int
) -> tuple[bytes | str, str, str | None]:
    """The raw content, the name to report it under, and the SHA-256 of the bytes read when
    they were read from a file (for the exports: the file may change before they are made)."""
    if isinstance(source, bytes):
        return source, name or TEXT_SOURCE, None
    if isinstance(source, str) and ("\n" in source or not source.strip()):
        return source, name or TEXT_SOURCE, None
    path = Path(source)
    label = name or str(source)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError([Problem.of(Location(label, 1, 1), oversize(size, max_bytes))])
        with path.open("rb") as stream:
            raw = read_at_most(stream, max_bytes + 1)
        return raw, label, hashlib.sha256(raw).hexdigest()
    except LoadError:
        raise
    except IsADirectoryError:
        raise _refused(label, msg("loader.directory")) from None
    except FileNotFoundError:
        raise _refused(label, msg("loader.no_such_file")) from None
    except ValueError:  # os.stat refuses a name with a NUL character in it
        raise _refused(label, msg("loader.not_a_file_name")) from None
    except OSError as error:
        raise _refused(label, msg("loader.unreadable", reason=error.strerror or error)) from None


def _refused(file: str, said: Message, line: int = 1, column: int = 1) -> LoadError:
    return LoadError([Problem.of(Location(file, line, column), said)])


_CHUNK = 1 << 26


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes of `stream`. A read of N bytes reserves N bytes at once, so a large
    limit (`max_bytes=10**30`) is read in chunks of 64 MiB instead."""
    if limit <= _CHUNK:
        return stream.read(limit)
    chunks = []
    while limit > 0:
        chunk = stream.read(min(limit, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        limit -= len(chunk)
    return b"".join(chunks)


def decode(raw: bytes | str, file: str, max_bytes: int) -> str:
    """Text of the document: UTF-8 only, a UTF-8 byte order mark is dropped."""
    if isinstance(raw, str):
        # The size is counted in UTF-8 bytes (a str of 10 characters may be 40 bytes), and
        # encoding also finds lone surrogates, which libyaml would meet with a traceback.
        try:
            size = len(raw.encode("utf-8"))
        except UnicodeEncodeError as error:
            line, column = line_column_of(raw[: error.start])
            code = f"U+{ord(raw[error.start]):04X}"
            raise _refused(file, msg("loader.surrogate", code=code), line, column) from None
        if size > max_bytes:
            raise _refused(file, oversize(size, max_bytes))
        text = raw.removeprefix("\ufeff")
    else:
        if len(raw) > max_bytes:
            raise _refused(file, oversize(len(raw), max_bytes))
        for bom, encoding in (
            (b"\xff\xfe\x00\x00", "UTF-32"),
            (b"\x00\x00\xfe\xff", "UTF-32"),
            (b"\xff\xfe", "UTF-16"),
            (b"\xfe\xff", "UTF-16"),
        ):
            if raw.startswith(bom):
                raise _refused(file, msg("loader.encoding", encoding=encoding))
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            line, column = line_column_of(raw[: error.start].decode("utf-8", "replace"))
            said = msg("loader.not_utf8", byte=f"0x{raw[error.start]:02X}")
            raise _refused(file, said, line, column) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, column = line_column_of(text[:nul])
        raise _refused(file, msg("loader.nul"), line, column)
    return text


def line_column_of(before: str) -> tuple[int, int]:
    """1-based line and column of the character that follows `before`.

    Line breaks are counted as YAML's parser counts them: LF, CRLF and a lone CR each end a
    line (so a file saved with old Mac line ends is reported at the lines its parser saw).
    """
    line = before.count("\n") + 1
    start = before.rfind("\n") + 1
    if "\r" in before:
        line += before.count("\r") - before.count("\r\n")
        start = max(start, before.rfind("\r") + 1)
    return line, len(before) - start + 1


_HIDDEN_BREAKS = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}


def refuse_hidden_breaks(text: str, file: str) -> None:
    """Refuse NEL, LS and PS written raw: YAML's parser takes each for a line break, which no
    editor shows (so every later line number would be off), and turns NEL into a space."""
    places = [index for index in map(text.find, _HIDDEN_BREAKS) if index >= 0]
    if not places:
        return
    index = min(places)
    line, column = line_column_of(text[:index])
    character = text[index]
    said = msg(
        "loader.hidden_break",
        code=f"U+{ord(character):04X}",
        name=_HIDDEN_BREAKS[character],
        escape=f"\\u{ord(character):04X}",
    )
    raise LoadError([Problem.of(Location(file, line, column), said)])
