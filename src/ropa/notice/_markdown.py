"""A notice as CommonMark text.

Register text is escaped so that it is always shown as written: Markdown renderers pass raw
HTML through, so `<` and `>` become entities, and the characters that make emphasis, links or
code are backslash-escaped (`~` included: `~~~` would open a code block). A paragraph or list
item that register text starts cannot turn into a heading, quote, list or code block.
"""

from __future__ import annotations

import re

from ropa.notice._document import (
    Block,
    BulletList,
    Document,
    Inline,
    Line,
    Link,
    Paragraph,
    Section,
    Strong,
    normalise,
)

# `~` too: a line starting `~~~` opens a fenced code block to the end of the document, and
# `~~text~~` is struck through (GitHub's Markdown).
_SPECIAL = re.compile(r"([\\`*_~\[\]])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"([#>+=-]|\d+[.)])")


def render_markdown(document: Document) -> str:
    """The whole notice as Markdown, ending with one newline."""
    parts = [f"# {_heading(document.title)}"]
    if document.subtitle:
        parts.append(f"**{_escape(document.subtitle)}**")
    if document.updated:
        parts.append(_escape(document.updated))
    parts.extend(_block(block) for block in document.intro)
    for section in document.sections:
        parts.extend(_section(section, level=2))
    return "\n\n".join(parts) + "\n"


def _heading(text: str) -> str:
    # A `#` that ends a heading closes it and is not shown: each `#` is escaped.
    return _escape(text).replace("#", "\\#")


def _section(section: Section, level: int) -> list[str]:
    parts = [f"{'#' * level} {_heading(section.title)}"]
    parts.extend(_block(block) for block in section.blocks)
    for subsection in section.subsections:
        parts.extend(_section(subsection, level + 1))
    return parts


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _line_start(_line(block.content))
    return _list(block)


def _list(block: BulletList) -> str:
    lines = []
    for item in block.items:
        # An item's text starts a block of its own: `- # Orders` would be a heading.
        lines.append(f"- {_line_start(_line(item.content))}")
        lines.extend(f"  - {_line_start(_line(child))}" for child in item.children)
    return "\n".join(lines)


def _line(content: Line) -> str:
    return "".join(_inline(piece) for piece in content)


def _inline(piece: Inline) -> str:
    if isinstance(piece, Strong):
        return f"**{_escape(piece.text)}**"
    if isinstance(piece, Link):
        # `web_link` admits no spaces, quotes or angle brackets, so `<url>` is a valid
        # CommonMark autolink or link destination.
        if piece.text == piece.url:
            return f"<{piece.url}>"
        return f"[{_escape(piece.text)}](<{piece.url}>)"
    return _escape(piece)


def _escape(text: str) -> str:
    text = normalise(text)
    text = _SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _line_start(line: str) -> str:
    """Keep a paragraph (or list item) that starts with "#", "-", "1." ... from becoming a
    heading or list; leading spaces, which Markdown ignores there, go."""
    line = line.lstrip(" ")
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    marker = match.group(1)
    if marker[0].isdigit():
        return f"{marker[:-1]}\\{marker[-1]}{line[len(marker) :]}"
    return f"\\{line}"
