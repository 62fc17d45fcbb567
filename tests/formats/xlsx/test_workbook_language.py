"""The report sheets speak the workbook's language: in the Latvian workbook of the shipped
register no Findings, Changes, Coverage or record card cell holds an English sentence, in the
English one none a Latvian one, except register text marked with the language it is written in.

How a cell is judged (a heuristic, tested on its own below):

- register text shown in another language is marked, `[lv] datu saņemšana`; everything from
  such a mark to the end of its line is left out of the check;
- ids, codes and register keys (`customer_registration`, `ROPA501`, `legal_bases`) are left out:
  they are the register's identifiers, the same in every language;
- a cell is English when it holds two or more distinct English words of a short list (the,
  of, is, not, with, activity, measure, ...; none of them a Latvian word);
- a cell is Latvian when it holds a letter only Latvian uses here (ā č ē ģ ī ķ ļ ņ š ū ž) or a
  Latvian function word (un, vai, nav, ir, kas, ar, par, uz, bet).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import ropa
from conftest import AS_OF, SHIPPED
from ropa.cli import main
from ropa.durations import Duration
from ropa.formats.yaml import dump_register

SHEETS = {
    "lv": ("Konstatējumi", "Izmaiņas", "30. panta pilnīgums", "Darbību kartītes"),
    "en": ("Findings", "Changes", "Art. 30 coverage", "Record cards"),
}

_ENGLISH = frozenset(
    [
        "the",
        "of",
        "is",
        "not",
        "with",
        "for",
        "from",
        "has",
        "names",
        "cites",
        "but",
        "which",
        "to",
        "this",
        "that",
        "by",
        "are",
        "does",
        "gives",
        "states",
        "an",
        "be",
        "was",
        "were",
        "its",
        "and",
        "or",
        "activity",
        "security",
        "measure",
        "retention",
        "rule",
        "recipient",
        "purpose",
        "basis",
        "legal",
        "consent",
        "contact",
        "waived",
        "none",
        "stated",
        "missing",
    ]
)
_LATVIAN = frozenset(("un", "vai", "nav", "ir", "kas", "ar", "par", "uz", "bet"))
_LATVIAN_LETTERS = re.compile("[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]")
_MARKED = re.compile(r"\[[a-z]{2,3}\] [^\n]*")
_IDENTIFIER = re.compile(r"\b\w*(?:_\w*)+\b|\bROPA\d+\b|\bEXPORT\b")


def _words(cell: str) -> list[str]:
    text = _IDENTIFIER.sub(" ", _MARKED.sub(" ", cell))
    return re.findall(r"[^\W\d_]+", text.casefold())


def is_english(cell: str) -> bool:
    """Whether `cell` holds an English sentence (outside marked register text)."""
    return len(set(_words(cell)) & _ENGLISH) >= 2


def is_latvian(cell: str) -> bool:
    """Whether `cell` holds Latvian (outside marked register text)."""
    words = _words(cell)
    return bool(_LATVIAN_LETTERS.search(" ".join(words))) or bool(set(words) & _LATVIAN)


def test_the_heuristic_tells_the_languages_apart() -> None:
    assert is_english("activity 'x' names no security measure (security_measures)")
    assert is_english("the text in cell C2 of sheet 'Activities' was cut")
    assert not is_english("darbībai 'support_requests' nav norādīts neviens drošības pasākums")
    assert is_latvian("darbībai 'x' nav norādīts nolūks")
    assert is_latvian("vai un")
    assert not is_latvian("activity 'darbības_id' has no name")  # an id is not Latvian
    # Register text marked with its language is left out.
    assert not is_latvian("2 weeks from [lv] datu saņemšana")
    assert not is_english("[en] the name of the activity")


def _older(register: ropa.Register) -> ropa.Register:
    """An earlier edition: another version, an activity renamed, one fewer, a retention rule
    with another period and a recipient with another name."""
    first = register.activities[0]
    renamed = first.model_copy(update={"name": {"lv": "Reģistrācija", "en": "Sign-up"}})
    rule = register.retention_rules[0].model_copy(update={"period": Duration(months=36)})
    recipient = register.recipients[0].model_copy(update={"name": "Cits nosaukums"})
    return register.model_copy(update={
        "register": register.register.model_copy(update={"version": "2025.4"}),
        "activities": (renamed, *register.activities[1:-1]),
        "retention_rules": (rule, *register.retention_rules[1:]),
        "recipients": (recipient, *register.recipients[1:]),
    })  # fmt: skip


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("language")
    earlier = work / "2025.4.yaml"
    earlier.write_text(dump_register(_older(ropa.load(SHIPPED))), encoding="utf-8")
    paths = {}
    for lang in ("lv", "en"):
        out = work / f"ropa-{lang}.xlsx"
        argv = ["export", str(SHIPPED), "--to", "xlsx", "--lang", lang, "--since", str(earlier),
                "--as-of", AS_OF.isoformat(), "-o", str(out)]  # fmt: skip
        assert main(argv) == 0
        paths[lang] = out
    return paths


def _cells(path: Path, title: str) -> list[tuple[str, str]]:
    sheet: Any = load_workbook(path)[title]
    return [(cell.coordinate, cell.value) for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str) and cell.value.strip()]  # fmt: skip


@pytest.mark.parametrize("title", SHEETS["lv"])
def test_no_english_sentence_in_the_latvian_workbook(
    workbooks: dict[str, Path], title: str
) -> None:
    cells = _cells(workbooks["lv"], title)
    assert len(cells) > 10
    assert [(where, text) for where, text in cells if is_english(text)] == []


@pytest.mark.parametrize("title", SHEETS["en"])
def test_no_latvian_in_the_english_workbook_but_marked_register_text(
    workbooks: dict[str, Path], title: str
) -> None:
    cells = _cells(workbooks["en"], title)
    assert len(cells) > 10
    assert [(where, text) for where, text in cells if is_latvian(text)] == []


def test_the_changes_sheets_show_values_in_words(workbooks: dict[str, Path]) -> None:
    for lang, title in (("lv", "Izmaiņas"), ("en", "Changes")):
        cells = [text for _, text in _cells(workbooks[lang], title)]
        assert any(text in ("36 mēneši", "36 months") for text in cells), cells
        assert not any(re.fullmatch(r"P\d+[YMWD]", text) for text in cells)
