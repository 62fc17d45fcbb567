"""The dated adequacy table: one entry per Commission decision, kept in step with its check
date, and the EU territories that ISO 3166-1 codes separately."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ropa import countries
from ropa.countries import (
    ADEQUACY_CHECKED,
    ADEQUACY_DECISIONS,
    adequacy_decisions,
    adequacy_in_force,
)

LEGAL_SOURCES = Path(__file__).resolve().parent.parent / "docs" / "legal-sources.md"


def test_the_check_date_is_not_older_than_the_newest_decision() -> None:
    # Adding a decision without checking the table again (moving ADEQUACY_CHECKED) fails here.
    newest = max(ADEQUACY_DECISIONS, key=lambda d: d.adopted)
    assert newest.adopted <= ADEQUACY_CHECKED, (
        f"{newest.decision} of {newest.adopted} is newer than ADEQUACY_CHECKED "
        f"({ADEQUACY_CHECKED}): check the Commission's list again and move ADEQUACY_CHECKED"
    )


def test_every_destination_is_a_country_or_an_international_organisation() -> None:
    known = countries.COUNTRY_CODES | set(countries.INTERNATIONAL_ORGANISATIONS)
    assert {d.destination for d in ADEQUACY_DECISIONS} <= known
    assert all(d.destination not in countries.EEA_COUNTRIES for d in ADEQUACY_DECISIONS)


def test_decisions_are_dated_and_end_after_they_start() -> None:
    for decision in ADEQUACY_DECISIONS:
        assert decision.decision.strip()
        assert decision.ends is None or decision.adopted < decision.ends
        if decision.ends is not None and decision.ends <= ADEQUACY_CHECKED:
            assert decision.ended_by, f"{decision.decision} ended without saying why"


def test_an_earlier_decision_for_a_destination_has_ended_or_ends_first() -> None:
    for destination in {d.destination for d in ADEQUACY_DECISIONS}:
        found = adequacy_decisions(destination)
        for earlier, later in zip(found[1:], found, strict=False):
            assert earlier.ends is not None and earlier.ends <= later.ends_or_max()


def test_every_decision_is_listed_in_legal_sources() -> None:
    text = LEGAL_SOURCES.read_text(encoding="utf-8")
    for decision in ADEQUACY_DECISIONS:
        cite = decision.names[0] if decision.names else decision.adopted.strftime("%-d %B %Y")
        assert cite in text, f"{decision.decision} is missing from docs/legal-sources.md"


@pytest.mark.parametrize(
    ("destination", "on", "expected"),
    [
        ("BR", date(2026, 1, 26), "2026/179"),
        ("BR", date(2026, 1, 25), None),
        ("GB", date(2025, 12, 18), "2021/1772"),
        ("GB", date(2026, 1, 1), "19 December 2025"),
        ("GB", date(2032, 1, 1), None),
        ("US", date(2019, 1, 1), "2016/1250"),
        ("US", date(2021, 1, 1), None),
        ("US", date(2014, 1, 1), "2000/520"),
        ("US", date(2026, 12, 1), "2023/1795"),
        ("european_patent_organisation", date(2025, 7, 15), "2025/1382"),
        ("IN", date(2026, 12, 1), None),
    ],
)
def test_the_decision_in_force_on_a_day(destination: str, on: date, expected: str | None) -> None:
    found = adequacy_in_force(destination, on)
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found.decision


def test_partial_decisions_state_their_scope_in_both_languages() -> None:
    scoped = {d.destination: d.scope for d in ADEQUACY_DECISIONS if d.scope is not None
              and d.in_force(ADEQUACY_CHECKED)}  # fmt: skip
    assert set(scoped) == {"US", "CA", "JP", "KR", "IL"}
    assert all(term.lv.strip() and term.en.strip() for term in scoped.values())


def test_eu_territories_are_in_the_eu_and_named() -> None:
    assert {"AX", "GF", "GP", "MQ", "RE", "YT", "MF"} == countries.EU_TERRITORIES
    assert countries.EU_TERRITORIES <= countries.EEA_COUNTRIES
    assert not {"BL", "PF", "NC", "PM", "TF", "WF", "SJ", "GL"} & countries.EEA_COUNTRIES


def test_destination_names() -> None:
    assert countries.destination_name("european_patent_organisation", "en") == (
        "European Patent Organisation"
    )
    assert countries.destination_name("BR", "lv") == "Brazīlija"


def test_each_decision_is_named_in_every_language() -> None:
    """A decision's reference in words is the catalogue entry `adequacy.<destination>.<adopted>`:
    the English one is `decision`, the Latvian one the Official Journal's."""
    for decision in ADEQUACY_DECISIONS:
        assert decision.label("en") == decision.decision
        assert decision.label("lv") not in ("", decision.msgid, decision.decision)
    us = adequacy_in_force("US", date(2026, 12, 1))
    assert us is not None
    assert us.label("lv") == "Komisijas Īstenošanas lēmums (ES) 2023/1795"
