"""Which findings concern an activity, and which Art. 30 item each questions (`_questions`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ropa.formats.xlsx._questions import Questions, items_of
from ropa.model import Register
from ropa.rules import validate

AS_OF = date(2026, 11, 27)


def register(**changes: Any) -> Register:
    data: dict[str, Any] = {
        "format": "ropa/1",
        "register": {"kind": "controller", "language": "en"},
        "organisation": {"name": "Example SIA", "country": "LV",
                         "contact": {"email": "dpo@example.lv"}},
        "data_subjects": [{"id": "customers", "name": "Customers"}],
        "data_categories": [{"id": "contact", "name": "Contact details"}],
        "recipients": [{"id": "hosting", "name": "Hosting", "kind": "processor",
                        "countries": ["LV"], "contract": "DPA 2026"}],
        "retention_rules": [{"id": "vague", "name": "As long as needed"},
                            {"id": "year", "name": "A year", "period": "P1Y",
                             "basis": "Accounting law"}],
        "security_measures": [{"id": "mfa", "name": "MFA", "kind": "technical"}],
        "activities": [
            {"id": id_, "name": id_, "purpose": "service_provision",
             "legal_bases": [{"basis": "contract"}], "data_subjects": ["customers"],
             "data_categories": ["contact"], "recipients": ["hosting"], "transfers": [],
             "retention": retention, "security_measures": ["mfa"]}
            for id_, retention in (("orders", "vague"), ("billing", "year"))
        ],
    }  # fmt: skip
    data.update(changes)
    return Register.model_validate(data)


def test_items_are_read_from_the_article_only_where_it_cites_article_30() -> None:
    assert items_of("5(1)(e), 30(1)(f)") == (("1", "f"),)
    assert items_of("30(1)(g), 32") == (("1", "g"),)
    assert items_of("30(2)(c)") == (("2", "c"),)
    assert items_of("27, 30(1)(a)") == (("1", "a"),)
    assert items_of("30(1)") == ()  # the whole record: no one item
    assert items_of("130(1)(a)") == ()
    assert items_of("28(3)") == ()


def test_a_finding_on_a_retention_rule_concerns_and_questions_the_activities_under_it() -> None:
    reg = register()
    questions = Questions(reg, validate(reg, as_of=AS_OF))
    orders, billing = reg.activities
    assert [q.finding.code for q in questions.open_concerning(orders)] == ["ROPA401"]
    assert questions.open_concerning(billing) == []
    assert list(questions.questioning(orders, "1")) == ["f"]
    assert questions.questioning(billing, "1") == {}
    assert questions.questioning(orders, "2") == {}  # not an item of a processor's record


def test_a_waived_finding_concerns_but_does_not_question() -> None:
    reg = register(register={"kind": "controller", "language": "en", "waivers": [
        {"rule": "ROPA401", "reason": "Reviewed yearly by the board"}]})  # fmt: skip
    questions = Questions(reg, validate(reg, as_of=AS_OF))
    orders = reg.activities[0]
    (listed,) = questions.concerning(orders)
    assert listed.finding.waived
    assert questions.open_concerning(orders) == []
    assert questions.questioning(orders, "1") == {}
    assert questions.listed[-1] == listed  # waived findings are listed last


def test_a_finding_on_the_organisation_questions_its_item_on_every_activity() -> None:
    reg = register(organisation={"name": "Example Inc", "country": "US",
                                 "contact": {"email": "dpo@example.com"}})  # fmt: skip
    questions = Questions(reg, validate(reg, as_of=AS_OF))
    for activity in reg.activities:
        assert [q.finding.code for q in questions.questioning(activity, "1")["a"]] == ["ROPA202"]


def test_findings_are_listed_gravest_first() -> None:
    reg = register(organisation={"name": "Example Inc", "country": "US",
                                 "contact": {"email": "dpo@example.com"}})  # fmt: skip
    questions = Questions(reg, validate(reg, as_of=AS_OF))
    rows = [q.row for q in questions.listed]
    assert rows == list(range(2, 2 + len(rows)))
    ranks = [q.finding.severity.value for q in questions.listed]
    assert ranks == sorted(ranks, key=["error", "warning", "info"].index)
