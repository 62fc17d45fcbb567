"""A problem at a place of a spreadsheet, said in the reader's language.

What the workbook import (`ropa.formats.xlsx.read`) and the regulators' layouts (CNIL, ICO)
report of a cell, a sheet or the file: where (`Sheet!A1`, a sheet's title, the file's name)
and what, as a catalogue message with its arguments, as the loader reports a register file's
problems (`ropa.loader.Problem`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ropa.text.messages import Argument, Invalid, Message, msg

__all__ = ["CellProblem", "either", "model_words"]


@dataclass(frozen=True)
class CellProblem:
    """A cell (or a sheet, or the file) that cannot be read, and why.

    Examples:
        >>> from ropa.text.messages import msg
        >>> problem = CellProblem.of("Activities!N2", msg("xlsx.import.not_bool", text="'x'"))
        >>> print(problem)
        Activities!N2: 'x' is not yes, no or not stated (jā, nē, nav norādīts)
        >>> problem.line("lv")
        "Activities!N2: 'x' nav jā, nē vai nav norādīts (yes, no, not stated)"
        >>> problem.message_id, problem.arguments
        ('xlsx.import.not_bool', (('text', "'x'"),))
    """

    where: str
    """`Sheet!A1`, a sheet's title, or the workbook's file name."""
    message: str
    """Why, in English."""
    said: Message | None = field(default=None, compare=False)
    """The same as a catalogue message, to be said in the reader's language (`line`); None
    for a model's own words (English only)."""

    @classmethod
    def of(cls, where: str, said: Message | str) -> CellProblem:
        """The problem `said` at `where`: a catalogue message, or English text as it is."""
        if isinstance(said, str):
            return cls(where, said)
        return cls(where, str(said), said)

    @property
    def message_id(self) -> str:
        """The catalogue id of the message ("" for English text that has none)."""
        return self.said.id if self.said is not None else ""

    @property
    def arguments(self) -> tuple[tuple[str, Argument], ...]:
        """The message's arguments, (name, value) in order."""
        return self.said.arguments if self.said is not None else ()

    def text(self, lang: str) -> str:
        """Why, in `lang` (English where no catalogue has words for it)."""
        return self.said.text(lang) if self.said is not None else self.message

    def line(self, lang: str) -> str:
        """`where: message`, the message in `lang`."""
        return f"{self.where}: {self.text(lang)}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def either(choices: Sequence[Argument]) -> Argument:
    """Alternatives said as prose in the reader's language: `'a' or 'b' or 'c'`."""
    said = choices[0]
    for choice in choices[1:]:
        said = msg("word.or", first=said, second=choice)
    return said


def model_words(detail: Mapping[str, Any]) -> Message | str:
    """What a model refused in one of pydantic's error details: the catalogue message of
    ropa's own validator where there is one, else pydantic's (English) text."""
    error = (detail.get("ctx") or {}).get("error")
    if isinstance(error, Invalid):
        said: Message = error.said
        return said
    return str(detail["msg"]).removeprefix("Value error, ")
