"""A privacy notice as a small tree of sections, paragraphs and lists, in one language.

The tree knows nothing of Markdown or HTML: `_content` builds it from a register, and
`_markdown` and `_html` each turn it into text. Its strings are plain text, never markup; a
renderer escapes every one of them. A `Link` is made only for an http or https URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeAlias

_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def normalise(text: str) -> str:
    """Text as one line: whitespace runs become one space, control characters go.

    Renderers call this before escaping: a line break in register text must not start a new
    Markdown block, and control characters have no place in HTML.
    """
    return _CONTROL.sub("", _WHITESPACE.sub(" ", text))


@dataclass(frozen=True)
class Strong:
    """Text to emphasise, such as the label at the start of a list item."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link to an http(s) URL; `text` is what the reader sees."""

    text: str
    url: str


Inline: TypeAlias = str | Strong | Link
Line: TypeAlias = tuple[Inline, ...]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    content: Line


@dataclass(frozen=True)
class Item:
    """A list item, optionally with a nested list (for instance the purposes a right covers)."""

    content: Line
    children: tuple[Line, ...] = ()


@dataclass(frozen=True)
class BulletList:
    """An unordered list."""

    items: tuple[Item, ...]


Block: TypeAlias = Paragraph | BulletList


@dataclass(frozen=True)
class Section:
    """A titled part of the notice; `subsections` come after `blocks` (one per purpose)."""

    title: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()
    draft: bool = False
    """The `--draft` list of what the register lacks, not a part of the published notice."""


@dataclass(frozen=True)
class Document:
    """The whole notice in one language."""

    lang: str
    title: str
    subtitle: str
    """Who the notice is from (the controller's name), or "" when the register has none."""
    updated: str
    """"Last updated ..." from the register's review date, or ""."""
    intro: tuple[Block, ...]
    sections: tuple[Section, ...] = field(default_factory=tuple)


def paragraph(*content: Inline) -> Paragraph:
    """A paragraph of the given pieces, dropping empty strings."""
    return Paragraph(tuple(piece for piece in content if piece != ""))


def labelled(label: str, *content: Inline, children: tuple[Line, ...] = ()) -> Item:
    """A list item that starts with an emphasised label: "**Label:** content"."""
    rest = tuple(piece for piece in content if piece != "")
    if not rest:
        return Item((Strong(label),), children)
    return Item((Strong(f"{label}:"), " ", *rest), children)
