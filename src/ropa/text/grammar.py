"""Grammar written once: Latvian number agreement, lists in prose, GDPR article citations."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["cite", "join", "latvian_singular"]

_CITATION = re.compile(r"(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?")


def latvian_singular(count: int) -> bool:
    """Whether a Latvian noun counted by `count` takes the singular (1, 21, 101, not 11)."""
    return count % 10 == 1 and count % 100 != 11


def join(items: Iterable[str], lang: str) -> str:
    """A list in prose: `a, b and c` / `a, b un c` (no serial comma in either language)."""
    words = [item for item in items if item]
    if len(words) <= 1:
        return "".join(words)
    from ropa.text.messages import message  # which imports this module

    conjunction = message("word.and", lang)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def cite(article: str, lang: str) -> str:
    """A GDPR article as a citation: `Art. 30(1)(b)`, Latvian `30. panta 1. punkta b)
    apakšpunkts`. Lists ("30(1)(f), 5(1)(e)") are cited part by part; anything else (another
    act) is kept as written."""
    if not article:
        return ""
    if lang != "lv":
        return f"Art. {article}"
    parts = re.split(r"(, |; )", article)
    return "".join(_cite_lv(part) for part in parts)


def _cite_lv(part: str) -> str:
    match = _CITATION.fullmatch(part)
    if match is None:
        return part
    number, paragraph, point = match.groups()
    if paragraph is None:
        return f"{number}. pants"
    if point is None:
        return f"{number}. panta {paragraph}. punkts"
    return f"{number}. panta {paragraph}. punkta {point}) apakšpunkts"
