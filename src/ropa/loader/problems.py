"""What a loader reports: a problem at a place, and the error that carries them all."""

from __future__ import annotations

from dataclasses import dataclass

from ropa.source import Location
from ropa.text.escape import shortened

__all__ = ["LoadError", "Problem", "Refused", "oversize_message", "quoted"]


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


class Refused(Exception):
    """Stops the builder at once (a bomb, a nesting too deep, a bad tag)."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def oversize_message(size: int, max_bytes: int) -> str:
    """The message refusing a file of `size` bytes (a register, or a workbook to import)."""
    return (
        f"file is {size:,} bytes, over the limit of {max_bytes:,} bytes "
        "(raise it with max_bytes / --max-bytes)"
    )


def quoted(key: str) -> str:
    """A key from the file, quoted for a message."""
    return f"'{shortened(key)}'"
