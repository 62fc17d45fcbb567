"""Text from a register made safe to show: in a terminal, in a one-line message."""

from __future__ import annotations

import re

__all__ = ["printable", "shortened"]

# Register text reaches the terminal through messages and waiver reasons: control characters
# (escape sequences, line breaks) are shown as escapes, so no text can drive the terminal or
# forge a line that looks like a finding of its own. The bidirectional embeddings, overrides
# and isolates (U+202A-U+202E, U+2066-U+2069) and marks would reorder what a terminal shows
# ("Trojan Source"): they are shown as escapes too.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable(line: str) -> str:
    """`line` with control characters (and bidirectional controls) shown as escapes, safe to
    print to a terminal."""
    if line.isprintable():  # every character `_CONTROL` matches is one that is not
        return line
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], line)


def shortened(text: str, limit: int = 60) -> str:
    """Text from the file, fit for a message: characters a terminal would act on (escape
    sequences, line breaks that would forge a second message) are shown as escapes, and
    text longer than `limit` is cut."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
