"""A register that uses every addition of 2026-12 (tests/fixtures/additions: a main file and
two fragments) validates, diffs, exports to JSON that its schema accepts and gives a notice,
in both languages. Its workbook round trip is in tests/formats/xlsx/test_additions.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import ropa
from ropa.diff import diff_registers
from ropa.formats.json import export_document
from ropa.notice import render_notice
from ropa.rules import validate
from ropa.schema.export import export_schema

ADDITIONS = Path(__file__).resolve().parent / "fixtures" / "additions" / "register.yaml"
AS_OF = date(2026, 12, 1)


@pytest.fixture(scope="module")
def additions() -> ropa.Register:
    return ropa.load(ADDITIONS)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_addition_exports_to_json_its_schema_accepts(
    additions: ropa.Register, lang: str
) -> None:
    report = validate(additions, as_of=AS_OF)
    document = export_document(additions, lang=lang, report=report)
    assert not list(Draft202012Validator(export_schema()).iter_errors(document))
    exported = {a["id"]: a for a in document["activities"]}
    assert any(t.get("organisation") for a in exported.values() for t in a.get("transfers") or [])


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_addition_gives_a_notice_with_its_requirement_and_sources(
    additions: ropa.Register, lang: str
) -> None:
    notice = render_notice(additions, lang=lang)
    # Art. 14(2)(f) from source_details, Art. 13(2)(e) from requirement, "until" in words.
    said = {
        "lv": (
            "veidlapas tīmekļa vietnē",
            "ārstēšanu nevar sniegt",
            "persona atsakās no jaunumiem",
        ),
        "en": ("forms on the website", "treatment cannot be given", "the person unsubscribes"),
    }[lang]
    for text in said:
        assert text in notice, text


def test_a_change_to_an_addition_is_a_change_in_the_diff(additions: ropa.Register) -> None:
    assert diff_registers(additions, additions).is_empty
    first = additions.activities[0]
    changed = additions.model_copy(
        update={
            "activities": (
                first.model_copy(update={"direct_marketing": not first.direct_marketing}),
                *additions.activities[1:],
            )
        }
    )
    difference = diff_registers(additions, changed)
    assert not difference.is_empty
    for lang in ("lv", "en"):
        assert first.id in difference.text(lang)
