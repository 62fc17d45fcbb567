"""Write a `Register` as YAML for people: the format's key order, block style, quoted only
where a reader could misread.

PyYAML's dumper knows only YAML 1.1 and sorts keys; a register file is read by people, by
ropa's loader (YAML 1.2 core schema) and by editors and other tools that may speak 1.1. So the
register is written here, node by node:

- keys in the format's order (the models' field order; a legal basis starts with `basis`),
  "not stated" fields left out (null, an empty list), except `recipients: []` and
  `transfers: []` on an activity, which say "none";
- block mappings and lists; a short list of ids or codes and a short language map on one line
  (`[customers, staff]`, `{lv: Klienti, en: Customers}`);
- a text is plain when no YAML reader could take it for anything else; otherwise single-quoted;
  a text of several lines is a literal block (`|-`), and one holding characters YAML cannot
  show as they are is double-quoted with escapes. Anything that YAML 1.1 or 1.2 would read as
  a number, boolean, null or date (`2026.1`, `NO`, `on`, `0o17`, `2026-01-31`) is quoted.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from ropa._urls import REGISTER_SCHEMA_URL
from ropa.atomic import write_bytes_atomically
from ropa.durations import Duration
from ropa.model import Activity, Register, _Basis

__all__ = ["SCHEMA_COMMENT", "dump", "dump_register", "dumps", "scalar"]

SCHEMA_COMMENT = "yaml-language-server: $schema="
"""The comment that tells editors (the YAML language server) which JSON Schema a file has."""


class _TextStream(Protocol):
    def write(self, text: str, /) -> object: ...


def dumps(register: Register, *, schema: str | None = None) -> str:
    """The register as YAML text, in the format's key order, ready to be saved.

    The first line names the JSON Schema for editors,
    `# yaml-language-server: $schema=URL`: by default the published schema's URL, which an
    editor finds wherever the file is kept; `schema` names another (a relative path such as
    `../schemas/ropa.schema.json`), and `schema=""` leaves the line out. Fields that say
    nothing (null, an empty list) are left out, so `ropa.load(ropa.dumps(register))` equals
    `register`, but for `include`: a register assembled from several files is written as one
    file, whole, naming no fragment. Comments of the file the register was loaded from are not
    kept (the register does not hold them); `dump` keeps the comments at the top of a file it
    overwrites.

    Examples:
        >>> import ropa
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> text = ropa.dumps(register)
        >>> print(text.splitlines()[0])
        # yaml-language-server: $schema=https://ropa-project.github.io/ropa/schemas/ropa.schema.json
        >>> ropa.load(text) == register
        True
    """
    url = REGISTER_SCHEMA_URL if schema is None else schema
    return dump_register(register, header=f"{SCHEMA_COMMENT}{url}" if url else "")


def dump(
    register: Register,
    target: str | os.PathLike[str] | _TextStream,
    *,
    schema: str | None = None,
) -> None:
    """Write the register as YAML to a file (whole or not at all) or to a text stream.

    The text is that of `dumps`. When `target` is a file that exists, the comment lines at
    its top are kept, its `# yaml-language-server: $schema=...` line among them, so a register
    edited by a script and saved back keeps its header and the schema its editor uses;
    `schema` given replaces that line (`schema=""` removes it). A stream (`sys.stdout`, an
    open text file, `io.StringIO`) gets the text as `dumps` makes it.

    Examples:
        >>> import ropa
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> ropa.dump(register, "register.yaml")
        >>> ropa.load("register.yaml") == register
        True
    """
    if not isinstance(target, (str, os.PathLike)):
        target.write(dumps(register, schema=schema))
        return
    comments = _leading_comments(Path(target))
    kept_schema = next(
        (line[len(SCHEMA_COMMENT) :] for line in comments if line.startswith(SCHEMA_COMMENT)),
        None,
    )
    url = schema if schema is not None else kept_schema or REGISTER_SCHEMA_URL
    header = [f"{SCHEMA_COMMENT}{url}"] if url else []
    header += (line for line in comments if not line.startswith(SCHEMA_COMMENT))
    text = dump_register(register, header="".join(f"{line}\n" for line in header))
    write_bytes_atomically(target, text.encode("utf-8"))


def _leading_comments(path: Path) -> list[str]:
    """The text of the comment lines at the top of the file at `path` (none if unreadable)."""
    try:
        with path.open(encoding="utf-8-sig") as stream:
            lines = []
            for line in stream:
                if not line.startswith("#"):
                    break
                lines.append(line[1:].rstrip("\r\n").removeprefix(" "))
            return lines
    except (OSError, UnicodeDecodeError):
        return []


WIDTH = 100
"""Longest line a flow list or language map may make before it is written as a block."""
_INDENT = "  "

# Characters every YAML reader shows as they are inside a quoted or plain scalar. Line
# breaks of YAML 1.1 (U+0085, U+2028, U+2029), the byte order mark and C0/C1 controls are not.
_SAFE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
_YAML11_WORDS = frozenset(
    ["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~", "<<", "="]
)
_PLAIN_START_NOT = frozenset("-?:,[]{}#&*!|>'\"%@`.+<=~ ") | frozenset("0123456789")
_FLOW_NOT = frozenset(",[]{}:?#")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def dump_register(register: Register, *, header: str = "") -> str:
    """The register as YAML text, ending with a newline; `header` becomes comment lines at the
    top (one `# ` line per line of it)."""
    # A comment may hold only characters YAML allows (a file name could hold any).
    lines = [f"# {_printable(line)}".rstrip() for line in header.splitlines()]
    lines.append(f"format: {register.format}")
    for name in type(register).model_fields:
        # A register assembled from several files holds their content: written as one file,
        # its `include` list would name the fragments a second time (or files not beside it).
        if name in ("format", "include"):
            continue
        value = getattr(register, name)
        if _omitted(register, name, value):
            continue
        lines.append("")
        if isinstance(value, tuple):
            lines.append(f"{name}:")
            for number, entry in enumerate(value):
                if number:
                    lines.append("")
                lines.extend(_list_item(entry, 1))
        else:
            lines.extend(_field(name, value, 0))
    return "\n".join(lines) + "\n"


def _printable(text: str) -> str:
    return "".join(c if c == "\t" or _SAFE.fullmatch(c) else "?" for c in text)


def _omitted(owner: BaseModel, name: str, value: Any) -> bool:
    """Whether a field says nothing ("not stated") and is left out."""
    if value is None:
        return True
    if value == ():
        # On an activity, an empty recipients or transfers list says "none".
        return not (isinstance(owner, Activity) and name in ("recipients", "transfers"))
    return False


def _field_names(model: BaseModel) -> list[str]:
    names = list(type(model).model_fields)
    if isinstance(model, _Basis):
        # `basis` names the kind; what covers it reads last.
        names = ["basis", *(n for n in names if n not in ("basis", "covers")), "covers"]
    return names


def _mapping(model: BaseModel, level: int) -> list[str]:
    lines: list[str] = []
    for name in _field_names(model):
        value = getattr(model, name)
        if not _omitted(model, name, value):
            lines.extend(_field(name, value, level))
    return lines


def _field(key: str, value: Any, level: int) -> list[str]:
    """`key: value` at `level`, over as many lines as the value needs."""
    pad = _INDENT * level
    head = f"{pad}{scalar(key, flow=True)}:"
    if isinstance(value, BaseModel):
        inner = _mapping(value, level + 1)
        return [head, *inner] if inner else [f"{head} {{}}"]
    if isinstance(value, dict):
        flow = _flow_map(value)
        if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
            return [f"{head} {flow}"]
        lines = [head]
        for language, text in value.items():
            lines.extend(_field(language, text, level + 1))
        return lines
    if isinstance(value, tuple):
        if not value:
            return [f"{head} []"]
        flow = _flow_list(value)
        if flow is not None and len(head) + 1 + len(flow) <= WIDTH:
            return [f"{head} {flow}"]
        lines = [head]
        for item in value:
            lines.extend(_list_item(item, level + 1))
        return lines
    if isinstance(value, str):
        block = _block(value, level + 1, len(head) + 1)
        if block is not None:
            return [f"{head} {block[0]}", *block[1:]]
    return [f"{head} {_one_line(value)}"]


def _list_item(item: Any, level: int) -> list[str]:
    """A list item at `level`: `- scalar`, or a mapping whose first key follows the dash."""
    pad = _INDENT * level
    if isinstance(item, BaseModel):
        inner = _mapping(item, level + 1)
        if not inner:
            return [f"{pad}- {{}}"]
        first = inner[0][len(pad) + len(_INDENT) :]
        return [f"{pad}- {first}", *inner[1:]]
    if isinstance(item, str):
        block = _block(item, level + 1, len(pad) + 2)
        if block is not None:
            return [f"{pad}- {block[0]}", *block[1:]]
    return [f"{pad}- {_one_line(item)}"]


def _one_line(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, str):
        return scalar(value)
    raise TypeError(f"cannot write {type(value).__name__} to a register")


def _flow_map(value: dict[str, str]) -> str | None:
    parts = []
    for language, text in value.items():
        if not _plain_ok(text, flow=True) and not _quotable(text):
            return None
        parts.append(f"{scalar(language, flow=True)}: {scalar(text, flow=True)}")
    return "{" + ", ".join(parts) + "}"


def _flow_list(items: tuple[Any, ...]) -> str | None:
    if not all(isinstance(item, str) and _plain_ok(item, flow=True) for item in items):
        return None
    return "[" + ", ".join(items) + "]"


# ---------------------------------------------------------------------------------------------
# Scalars


def scalar(text: str, *, flow: bool = False) -> str:
    """`text` as a one-line YAML scalar that every YAML reader reads back as this text:
    plain when it can be, else single-quoted, else double-quoted with escapes."""
    if _plain_ok(text, flow=flow):
        return text
    if _quotable(text):
        return "'" + text.replace("'", "''") + "'"
    return '"' + "".join(_escaped(character) for character in text) + '"'


def _quotable(text: str) -> bool:
    """Whether single quotes show `text` as it is (one line, no character needing escape)."""
    return "\n" not in text and _SAFE.fullmatch(text) is not None


def _plain_ok(text: str, *, flow: bool) -> bool:
    """Whether `text` can be written without quotes and read back as this text by a YAML 1.1
    or 1.2 reader (in a flow collection when `flow`)."""
    if not text or text[0] in _PLAIN_START_NOT or text[-1] in " :":
        return False
    if text.lower() in _YAML11_WORDS:
        return False
    if ": " in text or " #" in text or "\t" in text or "\n" in text:
        return False
    if flow and not _FLOW_NOT.isdisjoint(text):
        return False
    return _SAFE.fullmatch(text) is not None


def _escaped(character: str) -> str:
    found = _ESCAPES.get(character)
    if found is not None:
        return found
    if _SAFE.fullmatch(character):
        return character
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02X}"
    if code < 0x10000:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def _block(text: str, level: int, used: int) -> list[str] | None:
    """`text` as a block scalar when that reads better than one line: a literal block for
    several lines, a folded one for a long line; None otherwise (or when it cannot)."""
    if "\n" in text:
        return _literal(text, level)
    if used + len(text) > WIDTH:
        return _folded(text, level)
    return None


_FOLD_AT = re.compile(r"(?<=\S) (?=\S)")


def _folded(text: str, level: int) -> list[str] | None:
    """A long line as a folded block scalar (`>-`), broken at single spaces between words
    (a folded line break reads back as one space), or None when it cannot be shown so."""
    if text != text.strip() or "\t" in text or _SAFE.fullmatch(text) is None:
        return None
    pad = _INDENT * level
    room = max(WIDTH - len(pad), 40)
    lines: list[str] = []
    start = 0
    last_break = None
    for match in _FOLD_AT.finditer(text):
        if match.start() - start > room and last_break is not None:
            lines.append(text[start:last_break])
            start = last_break + 1
        last_break = match.start()
    if len(text) - start > room and last_break is not None and last_break > start:
        lines.append(text[start:last_break])
        start = last_break + 1
    lines.append(text[start:])
    if len(lines) == 1:
        return None
    return [">-", *(pad + line for line in lines)]


def _literal(text: str, level: int) -> list[str] | None:
    """`text` as a literal block scalar (`|-` and its lines at `level`), or None when a
    literal block cannot show it exactly."""
    body = text[:-1] if text.endswith("\n") else text
    if body.endswith("\n") or "\r" in text or "\t" in text:
        return None
    lines = body.split("\n")
    if any(line != line.rstrip() or _SAFE.fullmatch(line) is None for line in lines):
        return None
    first = next((line for line in lines if line), "")
    if not first or first[0] == " ":
        return None  # the block's indentation would be read from a line that starts with space
    pad = _INDENT * level
    indicator = "|" if text.endswith("\n") else "|-"
    return [indicator, *(pad + line if line else "" for line in lines)]
