"""Which data subject rights apply, derived from an activity's legal bases."""

from __future__ import annotations

import pytest

from ropa import vocab
from ropa.rights import Applicability, RightStatus, rights_for

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
        # Art. 17(3)(b): erasure is conditional when only a legal obligation or public task.
        ("erasure", ["legal_obligation"], CONDITIONAL),
        ("erasure", ["public_task"], CONDITIONAL),
        ("erasure", ["legal_obligation", "public_task"], CONDITIONAL),
        ("erasure", ["legal_obligation", "consent"], APPLIES),
        ("erasure", ["contract"], APPLIES),
        ("erasure", [], APPLIES),
        # Art. 20: portability only for consent or contract.
        ("portability", ["consent"], APPLIES),
        ("portability", ["contract"], APPLIES),
        ("portability", ["legitimate_interests", "contract"], APPLIES),
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
        "Art. 20 applies only to processing based on consent or contract."
    )


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
