"""What a loader reports: a problem at a place, and the error that carries them all."""

from __future__ import annotations

from dataclasses import dataclass, field

from ropa.source import Location
from ropa.text.escape import shortened
from ropa.text.messages import Message, msg

__all__ = [
    "LoadError",
    "Problem",
    "Refused",
    "kind_word",
    "oversize",
    "oversize_message",
    "quoted",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a register file, at a place in it.

    Examples:
        >>> import ropa
        >>> try:
        ...     ropa.load("format: ropa/1\\nregister: {}\\n", name="draft.yaml")
        ... except ropa.LoadError as error:
        ...     problem = error.problems[0]
        >>> problem.location, problem.message
        (Location(file='draft.yaml', line=1, column=1), "missing required field 'organisation'")
        >>> print(problem)
        draft.yaml:1:1: missing required field 'organisation'
    """

    location: Location
    message: str
    """What is wrong, in English."""
    said: Message | None = field(default=None, compare=False)
    """The same as a catalogue message, to be said in the reader's language (`text`)."""

    @classmethod
    def of(cls, location: Location, said: Message) -> Problem:
        """The problem `said` at `location`."""
        return cls(location, str(said), said)

    def text(self, lang: str) -> str:
        """What is wrong, in `lang` (English where the catalogues have no words for it)."""
        return self.said.text(lang) if self.said is not None else self.message

    def line(self, lang: str) -> str:
        """`file:line:col: message`, the message in `lang`."""
        return f"{self.location}: {self.text(lang)}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class LoadError(Exception):
    """A register could not be read; `problems` says every place at fault.

    Examples:
        >>> import ropa
        >>> try:
        ...     ropa.load("format: ropa/1\\nregister: {kind: controler}\\n", name="draft.yaml")
        ... except ropa.LoadError as error:
        ...     for problem in error.problems:
        ...         print(problem)
        draft.yaml:1:1: missing required field 'organisation'
        draft.yaml:2:18: register.kind: 'controler' is not allowed; expected 'controller' or ...
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def lines(self, lang: str) -> tuple[str, ...]:
        """Every problem as `file:line:col: message`, the message in `lang`.

        Each problem's `said` is its catalogue message (its id and arguments), for a caller
        that shows it its own way.

        >>> import ropa
        >>> try:
        ...     ropa.load("format: ropa/1\\nregister: [\\n", name="draft.yaml")
        ... except ropa.LoadError as error:
        ...     print(error.lines("lv")[0])
        ...     print(error.problems[0].said.id)
        draft.yaml:3:1: nav derīgs YAML: nav atrasts gaidītais mezgla saturs (lasot vērtību iekavās)
        loader.yaml.context
        """
        return tuple(problem.line(lang) for problem in self.problems)

    def text(self, lang: str) -> str:
        """`lines(lang)`, one a line: what `str(error)` says in English."""
        return "\n".join(self.lines(lang))


class Refused(Exception):
    """Stops the builder at once (a bomb, a nesting too deep, a bad tag)."""

    def __init__(self, line: int, column: int, said: Message) -> None:
        super().__init__(str(said))
        self.line, self.column, self.said = line, column, said
        self.message = str(said)


def oversize(size: int, max_bytes: int) -> Message:
    """The message refusing a file of `size` bytes (a register, or a workbook to import)."""
    return msg("loader.oversize", size=f"{size:,}", limit=f"{max_bytes:,}")


def oversize_message(size: int, max_bytes: int) -> str:
    """`oversize` in English."""
    return str(oversize(size, max_bytes))


_KINDS = frozenset({"mapping", "list", "text", "boolean", "number"})


def kind_word(value: object) -> Message | str:
    """What a loaded value is (`ropa.model.kind_of`), as a word of the reader's language."""
    from ropa.model import kind_of

    kind = kind_of(value)
    return msg(f"word.kind.{kind}") if kind in _KINDS else kind


def quoted(key: str) -> str:
    """A key from the file, quoted for a message."""
    return f"'{shortened(key)}'"
