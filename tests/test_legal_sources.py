"""docs/legal-sources.md: every guideline and judgment a rule page cites is listed there with
its date, and the page was last checked on the adequacy table's check date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa import rule_docs
from ropa.countries import ADEQUACY_CHECKED

LEGAL_SOURCES = Path(__file__).resolve().parent.parent / "docs" / "legal-sources.md"

# How a rule page cites a guideline, a recommendation or a judgment: "WP248 rev.01",
# "Guidelines 2/2018", "Recommendations 01/2020", "C-311/18".
_CITED = re.compile(r"WP\d{3}|(?:Guidelines|Recommendations) \d{1,2}/\d{4}|C-\d+/\d{2}")


def _cited_by_pages() -> dict[str, list[str]]:
    cited: dict[str, list[str]] = {}
    for code in rule_docs.codes():
        text = " ".join(rule_docs.page(code).split())
        for citation in _CITED.findall(text):
            cited.setdefault(citation, []).append(code)
    return cited


def _normal(citation: str) -> str:
    # "Guidelines 05/2020" and "Guidelines 5/2020" are the same guidelines.
    return re.sub(r" 0(\d)/", r" \1/", citation)


def test_the_pages_cite_sources_at_all() -> None:
    assert {"C-311/18", "WP248"} <= set(_cited_by_pages())


@pytest.mark.parametrize("citation", sorted(_cited_by_pages()))
def test_every_source_a_rule_page_cites_is_listed_with_its_date(citation: str) -> None:
    text = " ".join(LEGAL_SOURCES.read_text(encoding="utf-8").split())
    rows = [line for line in LEGAL_SOURCES.read_text(encoding="utf-8").splitlines()
            if line.startswith("|") and _normal(citation) in _normal(line)]  # fmt: skip
    assert _normal(citation) in _normal(text), (
        f"{citation} (cited by {', '.join(_cited_by_pages()[citation])}) is missing from "
        "docs/legal-sources.md"
    )
    assert rows, f"{citation} has no row in the tables of docs/legal-sources.md"
    assert any(re.search(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b", row) for row in rows), (
        f"the row of {citation} gives no date"
    )


def test_the_page_was_checked_on_the_adequacy_tables_check_date() -> None:
    text = LEGAL_SOURCES.read_text(encoding="utf-8")
    assert f"Last checked: **{ADEQUACY_CHECKED.isoformat()}**" in text
