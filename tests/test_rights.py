"""Which data subject rights apply, derived from an activity's legal bases."""

from __future__ import annotations

import pytest

from ropa import vocab
from ropa.rights import Applicability, RightStatus, rights_for, rights_of

APPLIES = Applicability.APPLIES
CONDITIONAL = Applicability.CONDITIONAL
NOT_APPLICABLE = Applicability.NOT_APPLICABLE


def status_of(
    right: str, bases: list[str], automated_decisions: bool | None = False
) -> Applicability:
    by_right = {s.right: s for s in rights_for(bases, automated_decisions=automated_decisions)}
    return by_right[right].status


def test_one_status_per_right_in_vocabulary_order() -> None:
    statuses = rights_for(["contract"], automated_decisions=False)
    assert [s.right for s in statuses] == list(vocab.RIGHTS)


@pytest.mark.parametrize("right", ["access", "rectification", "restriction", "notification"])
@pytest.mark.parametrize(
    "bases", [[], ["consent"], ["legal_obligation"], ["public_task", "legitimate_interests"]]
)
def test_unconditional_rights_always_apply(right: str, bases: list[str]) -> None:
    assert status_of(right, bases) is APPLIES


@pytest.mark.parametrize(
    ("right", "bases", "expected"),
    [
        # Art. 17(3)(b): erasure is limited whenever a legal obligation or public task is
        # among the bases, not only when every basis is one.
        ("erasure", ["legal_obligation"], CONDITIONAL),
        ("erasure", ["public_task"], CONDITIONAL),
        ("erasure", ["legal_obligation", "public_task"], CONDITIONAL),
        ("erasure", ["legal_obligation", "consent"], CONDITIONAL),
        ("erasure", ["contract", "legitimate_interests", "public_task"], CONDITIONAL),
        ("erasure", ["contract"], APPLIES),
        ("erasure", [], APPLIES),
        # Art. 20(1): portability only for consent or contract, and then only to the extent
        # the processing is automated (which the register does not say): conditional.
        ("portability", ["consent"], CONDITIONAL),
        ("portability", ["contract"], CONDITIONAL),
        ("portability", ["legitimate_interests", "contract"], CONDITIONAL),
        ("portability", ["legitimate_interests"], NOT_APPLICABLE),
        ("portability", ["legal_obligation", "public_task", "vital_interests"], NOT_APPLICABLE),
        ("portability", [], NOT_APPLICABLE),
        # Art. 21(1): objection only for legitimate interests or a public task.
        ("objection", ["legitimate_interests"], APPLIES),
        ("objection", ["public_task"], APPLIES),
        ("objection", ["consent", "public_task"], APPLIES),
        ("objection", ["consent", "contract"], NOT_APPLICABLE),
        ("objection", ["legal_obligation", "vital_interests"], NOT_APPLICABLE),
        ("objection", [], NOT_APPLICABLE),
        # Art. 7(3): withdrawal only for consent.
        ("withdraw_consent", ["consent"], APPLIES),
        ("withdraw_consent", ["contract", "consent"], APPLIES),
        ("withdraw_consent", ["contract", "legitimate_interests"], NOT_APPLICABLE),
        ("withdraw_consent", [], NOT_APPLICABLE),
    ],
)
def test_rights_that_depend_on_the_legal_basis(
    right: str, bases: list[str], expected: Applicability
) -> None:
    assert status_of(right, bases) is expected


@pytest.mark.parametrize(
    ("automated_decisions", "expected"),
    [(True, APPLIES), (None, CONDITIONAL), (False, NOT_APPLICABLE)],
)
def test_automated_decision_right_follows_the_activity(
    automated_decisions: bool | None, expected: Applicability
) -> None:
    assert status_of("automated_decision", ["contract"], automated_decisions) is expected


def test_automated_decision_right_does_not_depend_on_the_basis() -> None:
    for basis in vocab.LEGAL_BASES:
        assert status_of("automated_decision", [basis], True) is APPLIES


def test_every_status_explains_itself_in_both_languages() -> None:
    for automated in (True, None, False):
        for bases in ([], ["consent"], ["legal_obligation"], ["legitimate_interests"]):
            for status in rights_for(bases, automated_decisions=automated):
                assert status.reason_en.endswith(".") and "Art. " in status.reason_en
                assert status.reason_lv.endswith(".") and "pant" in status.reason_lv
                assert status.reason("lv") == status.reason_lv
                assert status.reason("en") == status.reason_en


def test_not_applicable_reason_names_the_rule() -> None:
    (portability,) = [
        s
        for s in rights_for(["legal_obligation"], automated_decisions=False)
        if s.right == "portability"
    ]
    assert portability.reason_en == (
        "Art. 20(1) applies only to processing based on consent (Art. 6(1)(a) or 9(2)(a)) or on "
        "a contract (Art. 6(1)(b))."
    )


def by_right(bases: list[str], **facts: object) -> dict[str, RightStatus]:
    facts.setdefault("automated_decisions", False)
    return {s.right: s for s in rights_for(bases, **facts)}  # type: ignore[arg-type]


def test_portability_states_its_conditions_in_both_languages() -> None:
    portability = by_right(["contract"])["portability"]
    assert "automated means" in portability.reason_en
    assert "provided" in portability.reason_en
    assert "automatizētiem līdzekļiem" in portability.reason_lv
    assert "sniegusi" in portability.reason_lv
    assert portability.grounds == ("20(1)",)


def test_portability_and_withdrawal_for_explicit_consent_under_art_9_2_a() -> None:
    rights = by_right(["legitimate_interests"], conditions=["explicit_consent"])
    assert rights["portability"].status is CONDITIONAL
    assert rights["withdraw_consent"].status is APPLIES
    assert "9(2)(a)" in rights["withdraw_consent"].grounds
    assert "9. panta 2. punkta a) apakšpunkts" in rights["withdraw_consent"].reason_lv
    explicit = by_right(["consent"], explicit_consent=True)["withdraw_consent"]
    assert explicit.grounds == ("7(3)", "6(1)(a)", "9(2)(a)")


def test_withdrawal_states_article_7_3_in_full() -> None:
    withdrawal = by_right(["consent"])["withdraw_consent"]
    assert "as easily as it was given" in withdrawal.reason_en
    assert "lawfulness of processing before the withdrawal" in withdrawal.reason_en
    assert "tikpat viegli" in withdrawal.reason_lv


@pytest.mark.parametrize(
    ("bases", "conditions", "points"),
    [
        (["legal_obligation", "consent"], [], ("17(3)(b)",)),
        (["public_task"], [], ("17(3)(b)",)),
        (["contract"], ["health_or_social_care"], ("17(3)(c)",)),
        (["contract"], ["public_health"], ("17(3)(c)",)),
        (["contract"], ["archiving_research_statistics"], ("17(3)(d)",)),
        (["contract"], ["legal_claims"], ("17(3)(e)",)),
        (["legal_obligation"], ["legal_claims"], ("17(3)(b)", "17(3)(e)")),
    ],
)
def test_erasure_names_each_art_17_3_limit(
    bases: list[str], conditions: list[str], points: tuple[str, ...]
) -> None:
    erasure = by_right(bases, conditions=conditions)["erasure"]
    assert erasure.status is CONDITIONAL
    assert erasure.grounds == points
    for point in points:
        assert point in erasure.reason_en
        number, paragraph, letter = point.replace(")", "").split("(")
        assert f"{number}. panta {paragraph}. punkta {letter}) apakšpunkts" in erasure.reason_lv


def test_erasure_without_limits_mentions_legal_claims() -> None:
    erasure = by_right(["contract"])["erasure"]
    assert erasure.status is APPLIES and "17(3)(e)" in erasure.reason_en


@pytest.mark.parametrize(
    ("facts", "grounds", "expected"),
    [
        ({"direct_marketing": True}, ("21(2)",), APPLIES),
        ({"purpose": "marketing"}, ("21(2)",), APPLIES),
        ({"purpose": "marketing", "direct_marketing": False}, (), NOT_APPLICABLE),
        ({"purpose": "personalisation", "direct_marketing": True}, ("21(2)",), APPLIES),
        ({"conditions": ["archiving_research_statistics"]}, ("21(6)",), APPLIES),
        ({"purpose": "research"}, ("21(6)",), CONDITIONAL),
        ({}, (), NOT_APPLICABLE),
    ],
)
def test_objection_on_consent_for_direct_marketing_and_research(
    facts: dict[str, object], grounds: tuple[str, ...], expected: Applicability
) -> None:
    objection = by_right(["consent"], **facts)["objection"]
    assert (objection.grounds, objection.status) == (grounds, expected)


def test_objection_combines_its_grounds() -> None:
    objection = by_right(["legitimate_interests"], direct_marketing=True)["objection"]
    assert objection.status is APPLIES
    assert objection.grounds == ("21(2)", "21(1)")
    assert "21(2)-(3)" in objection.reason_en and "21(1)" in objection.reason_en
    assert "savu īpašo situāciju" in objection.reason_lv


def test_art_22_wording_in_latvian() -> None:
    automated = by_right(["contract"], automated_decisions=None)["automated_decision"]
    assert "rada tiesiskās sekas vai līdzīgā veidā ievērojami ietekmē" in automated.reason_lv


def test_unknown_special_condition_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"explicit$"):
        rights_for(["consent"], automated_decisions=False, conditions=["explicit"])


def test_rights_of_an_activity_read_its_fields() -> None:
    from ropa.model import Activity

    activity = Activity.model_validate(
        {
            "id": "a",
            "name": "A",
            "purpose": "marketing",
            "legal_bases": [{"basis": "legal_obligation"}],
            "special_condition": "explicit_consent",
            "automated_decisions": True,
        }
    )
    rights = {s.right: s for s in rights_of(activity)}
    assert rights["objection"].grounds == ("21(2)",)
    assert rights["withdraw_consent"].status is APPLIES
    assert rights["erasure"].status is CONDITIONAL
    assert rights["automated_decision"].status is APPLIES


def test_bases_may_be_any_iterable_with_repeats() -> None:
    from_list = rights_for(["consent", "consent"], automated_decisions=None)
    from_generator = rights_for((b for b in ("consent",)), automated_decisions=None)
    assert from_list == from_generator


def test_unknown_legal_basis_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"legitimate_interest$"):
        rights_for(["legitimate_interest"], automated_decisions=False)


def test_status_values_are_the_strings_exports_write() -> None:
    assert [a.value for a in Applicability] == ["applies", "conditional", "not_applicable"]
    assert Applicability("conditional") is CONDITIONAL


def test_right_status_is_immutable() -> None:
    status = RightStatus("access", APPLIES, "Art. 15 applies.", "15. pants ir piemērojams.")
    with pytest.raises(AttributeError):
        status.status = NOT_APPLICABLE  # type: ignore[misc]


def test_objection_applies_to_direct_marketing_whatever_the_basis() -> None:
    statuses = {s.right: s for s in rights_for(["consent"], automated_decisions=False,
                                                purpose="marketing")}  # fmt: skip
    assert statuses["objection"].status is Applicability.APPLIES
    assert "21(2)" in statuses["objection"].reason_en


def test_objection_on_consent_alone_does_not_apply_outside_marketing() -> None:
    statuses = {s.right: s for s in rights_for(["consent"], automated_decisions=False,
                                                purpose="communication")}  # fmt: skip
    assert statuses["objection"].status is Applicability.NOT_APPLICABLE
