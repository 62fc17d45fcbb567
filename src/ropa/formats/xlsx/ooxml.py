"""OOXML's own escape of characters in text, both ways, and a reader that keeps it intact.

A spreadsheet program reads `_x000D_` in a cell's text as the character U+000D (ECMA-376
Part 1, 22.9.2.19, ST_Xstring), and writes `_x005F_` for an `_` that starts such a sequence.
Text that holds `_x000D_` itself must be written `_x005F_x000D_`, or LibreOffice and Excel
show a line break, and a workbook saved by them reads back changed. openpyxl does neither:
it writes text as it is, and reading a shared string it deletes every `x005F_`, which makes
the text `_x000D_` and a carriage return the same. Every workbook ropa writes escapes its
text with `escape`, and every one it reads is opened with `open_workbook` and decoded with
`decode`, in shared and inline strings alike.
"""

from __future__ import annotations

import os
import re
from typing import IO, Any

from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

__all__ = ["MAX_SHARED_STRINGS", "TooManyStrings", "decode", "escape", "open_workbook"]

_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def escape(text: str) -> str:
    """`text` as a cell's text: each `_xHHHH_` in it gets its `_` written `_x005F_`."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(r"_x005F\g<0>", text)


def decode(text: str) -> str:
    """A cell's text as meant: `_x000D_` is U+000D and `_x005F_` an underscore. A surrogate
    code, which is no character, is left as written."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(_character, text)


def _character(match: re.Match[str]) -> str:
    code = int(match[1], 16)
    return match[0] if 0xD800 <= code <= 0xDFFF else chr(code)


class _ExactStrings(ExcelReader):
    """openpyxl's reader, with shared strings read as the file holds them."""

    refused: TooManyStrings | None = None

    def read_strings(self) -> None:
        part = self.package.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                try:
                    self.shared_strings = _string_table(source)
                except TooManyStrings as error:  # openpyxl would word it as damaged XML
                    self.refused = error
                    self.shared_strings = []


MAX_SHARED_STRINGS = 5_000_000
"""Most shared strings a workbook may hold (a workbook of 50,000 activities saved by
LibreOffice has about 300,000): within the unpacked-size limit a file of tiny strings could
otherwise hold 30 million, gigabytes once read."""


class TooManyStrings(ValueError):
    """The workbook's shared string table is longer than `MAX_SHARED_STRINGS`."""


def _string_table(source: Any) -> list[str]:
    strings: list[str] = []
    tag = f"{{{SHEET_MAIN_NS}}}si"
    for _, node in iterparse(source):
        if node.tag == tag:
            if len(strings) >= MAX_SHARED_STRINGS:
                raise TooManyStrings(
                    f"more than {MAX_SHARED_STRINGS:,} shared strings; no register's workbook "
                    "has so many"
                )
            text = Text.from_tree(node)
            strings.append(text.content if text is not None else "")
            node.clear()
    return strings


def open_workbook(source: str | os.PathLike[str] | IO[bytes], *, data_only: bool) -> Any:
    """The workbook at `source`, read-only, like `openpyxl.load_workbook`, with its shared
    strings as written (still escaped: `decode` each text read)."""
    reader = _ExactStrings(source, read_only=True, data_only=data_only)
    reader.read()
    if reader.refused is not None:
        raise reader.refused
    return reader.wb
