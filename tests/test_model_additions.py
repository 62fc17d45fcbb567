"""The additions of 2026-12 to ropa/1: each new field and each richer form beside an old one,
the accessors that read both forms alike, and the messages a mistake in them gets."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import ropa
from ropa.loader import LoadError
from ropa.model import (
    Activity,
    Assessment,
    ConsentBasis,
    DataSubjectCategory,
    Dpia,
    Dpo,
    Register,
    RetentionEntry,
    RetentionRule,
    SpecialConditionEntry,
    Transfer,
    Waiver,
)

HEAD = """\
format: ropa/1
register:
  kind: controller
  language: en
organisation:
  name: Example Clinic SIA
  country: LV
"""


def activity(**fields: Any) -> Activity:
    return Activity.model_validate({"id": "care", "name": "Care", **fields})


def load_problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as error:
        ropa.load(text)
    return [str(problem) for problem in error.value.problems]


# --- Retention per data category ------------------------------------------------------------


def test_one_retention_rule_still_covers_every_category() -> None:
    care = activity(retention="five_years", data_categories=["identity", "billing"])
    assert care.retention == "five_years"
    (entry,) = care.retention_entries()
    assert entry.rule == "five_years"
    assert entry.categories == ("identity", "billing")
    assert care.retention_rule_ids() == ("five_years",)


def test_retention_per_category_is_read_entry_by_entry() -> None:
    care = activity(
        data_categories=["health", "identity", "billing"],
        retention=[
            {"rule": "patient_record_75y", "categories": ["health", "identity"]},
            {"rule": "invoices_5y", "categories": ["billing"]},
            {"rule": "patient_record_75y", "categories": ["billing"]},
        ],
    )
    entries = care.retention_entries()
    assert [entry.rule for entry in entries] == [
        "patient_record_75y",
        "invoices_5y",
        "patient_record_75y",
    ]
    assert entries[0] == RetentionEntry(
        rule="patient_record_75y", categories=("health", "identity")
    )
    assert care.retention_rule_ids() == ("patient_record_75y", "invoices_5y")


def test_no_retention_gives_no_entries() -> None:
    assert activity().retention_entries() == ()
    assert activity().retention_rule_ids() == ()


def test_a_retention_entry_needs_categories() -> None:
    problems = load_problems(
        HEAD + "activities:\n  - id: care\n    name: Care\n    retention:\n      - rule: x\n"
    )
    assert problems == [
        "<text>:12:9: missing required field 'categories' in activities[0].retention[0]"
    ]


def test_a_wrong_retention_gets_one_message_without_form_tags() -> None:
    problems = load_problems(
        HEAD + "activities:\n  - id: care\n    name: Care\n    retention: 12\n"
    )
    assert problems == ["<text>:11:16: activities[0].retention: expected an id, got a number"]


def test_retention_rule_until_is_the_end_event() -> None:
    rule = RetentionRule.model_validate(
        {
            "id": "until_unsubscribed",
            "name": "Until unsubscribed",
            "until": "the person unsubscribes",
        }
    )
    assert rule.until == "the person unsubscribes"
    assert rule.starts is None and rule.period is None


# --- Art. 9(2) conditions -------------------------------------------------------------------


def test_one_special_condition_reads_as_one_entry_covering_every_special_category() -> None:
    care = activity(special_condition="explicit_consent")
    assert care.special_conditions() == (
        SpecialConditionEntry(condition="explicit_consent", law=None, categories=()),
    )
    assert care.special_condition_codes() == ("explicit_consent",)


def test_several_special_conditions_with_law_and_categories() -> None:
    care = activity(
        special_condition=[
            {
                "condition": "health_or_social_care",
                "law": {"lv": "Ārstniecības likums", "en": "Medical Treatment Law"},
                "categories": ["health"],
            },
            {"condition": "explicit_consent", "categories": ["research_samples"]},
        ],
        criminal_data_authority={"en": "Law on the Protection of Children's Rights"},
    )
    first, second = care.special_conditions()
    assert first.condition == "health_or_social_care"
    assert first.law == {"lv": "Ārstniecības likums", "en": "Medical Treatment Law"}
    assert second.categories == ("research_samples",)
    assert care.special_condition_codes() == ("health_or_social_care", "explicit_consent")
    assert care.criminal_data_authority == {"en": "Law on the Protection of Children's Rights"}


def test_an_unknown_condition_in_the_list_form_is_located() -> None:
    problems = load_problems(
        HEAD + "activities:\n  - id: care\n    name: Care\n    special_condition:\n"
        "      - condition: health\n"
    )
    assert len(problems) == 1
    assert problems[0].startswith(
        "<text>:12:20: activities[0].special_condition[0].condition: 'health' is not allowed"
    )


# --- What the notice needs ------------------------------------------------------------------


def test_requirement_source_details_and_direct_marketing() -> None:
    care = activity(
        requirement={
            "kind": "statutory",
            "obliged": True,
            "consequences": {"en": "we cannot treat you"},
        },
        source_details="referrals from your family doctor",
        direct_marketing=False,
        sources=["third_party", "device"],
    )
    assert care.requirement is not None
    assert care.requirement.kind == "statutory"
    assert care.requirement.obliged is True
    assert care.source_details == "referrals from your family doctor"
    assert care.direct_marketing is False
    assert care.sources == ("third_party", "device")


def test_a_requirement_needs_its_kind() -> None:
    problems = load_problems(
        HEAD + "activities:\n  - id: care\n    name: Care\n    requirement: {obliged: true}\n"
    )
    assert problems == ["<text>:11:18: missing required field 'kind' in activities[0].requirement"]


def test_data_subject_kind_contract_party_and_vulnerable() -> None:
    patients = DataSubjectCategory.model_validate(
        {"id": "patients", "name": "Patients", "kind": "patients", "contract_party": True,
         "vulnerable": True}
    )  # fmt: skip
    assert (patients.kind, patients.contract_party, patients.vulnerable) == (
        "patients",
        True,
        True,
    )
    with pytest.raises(ValueError, match="clients"):
        DataSubjectCategory.model_validate({"id": "x", "name": "X", "kind": "clients"})


def test_consent_can_be_explicit() -> None:
    assert ConsentBasis.model_validate({"basis": "consent", "explicit": True}).explicit is True
    assert ConsentBasis.model_validate({"basis": "consent"}).explicit is None


def test_new_purpose_kinds() -> None:
    for kind in ("health_care", "recruitment", "video_surveillance", "analytics"):
        assert activity(purpose=kind).purpose == kind


# --- Assessments ----------------------------------------------------------------------------

ASSESSED = (
    HEAD
    + """\
assessments:
  - id: dpia_records
    kind: dpia
    name: {en: DPIA of the patient record system}
    reference: DMS-2025-014
    date: 2025-06-01
    review_by: 2027-06-01
  - id: lia_reminders
    kind: lia
    name: Reminder balancing test
activities:
  - id: care
    name: Care
    dpia: dpia_records
    legal_bases:
      - basis: legitimate_interests
        interest: reminding patients
        assessment: lia_reminders
  - id: old_form
    name: Old form
    dpia: {reference: DPIA 2024/2, date: 2024-03-01}
    legal_bases:
      - basis: legitimate_interests
        assessment: see the file LIA-7 in the DPO's cabinet
"""
)


def test_assessments_are_a_catalogue_referenced_by_id() -> None:
    register = ropa.load(ASSESSED)
    care = register.activities[0]
    dpia = register.dpia_of(care)
    assert isinstance(dpia, Assessment)
    assert (dpia.kind, dpia.reference, dpia.date, dpia.review_by) == (
        "dpia",
        "DMS-2025-014",
        date(2025, 6, 1),
        date(2027, 6, 1),
    )
    lia = register.assessment(care.legal_bases[0].assessment)  # type: ignore[union-attr]
    assert lia is not None and lia.kind == "lia"


def test_the_older_assessment_forms_keep_their_meaning() -> None:
    register = ropa.load(ASSESSED)
    old = register.activities[1]
    assert register.dpia_of(old) == Dpia(reference="DPIA 2024/2", date=date(2024, 3, 1))
    free_text = old.legal_bases[0].assessment  # type: ignore[union-attr]
    assert free_text == "see the file LIA-7 in the DPO's cabinet"
    assert register.assessment(free_text) is None


def test_a_dpia_id_that_names_nothing_resolves_to_none() -> None:
    register = ropa.load(ASSESSED.replace("dpia: dpia_records", "dpia: dpia_missing"))
    assert register.activities[0].dpia == "dpia_missing"
    assert register.dpia_of(register.activities[0]) is None


def test_a_dpia_that_is_neither_id_nor_mapping_is_one_located_problem() -> None:
    problems = load_problems(ASSESSED.replace("dpia: dpia_records", "dpia: DMS 14"))
    assert len(problems) == 1
    assert problems[0].startswith("<text>:21:11: activities[0].dpia: 'DMS 14' is not a valid id")


def test_an_assessment_kind_outside_the_vocabulary_is_refused() -> None:
    problems = load_problems(ASSESSED.replace("kind: lia", "kind: balancing"))
    assert len(problems) == 1 and "assessments[1].kind: 'balancing' is not allowed" in problems[0]


# --- Transfers ------------------------------------------------------------------------------


def test_a_transfer_to_an_international_organisation() -> None:
    transfer = Transfer.model_validate(
        {
            "organisation": "european_patent_organisation",
            "safeguard": "adequacy",
            "assessment": "tia_epo",
        }
    )
    assert transfer.country is None
    assert transfer.destination == "european_patent_organisation"
    named = Transfer.model_validate({"organisation": "other", "organisation_name": "WHO"})
    assert named.organisation_name == "WHO"


def test_a_transfer_on_a_derogation_names_its_point() -> None:
    transfer = Transfer.model_validate(
        {"country": "UA", "safeguard": "derogation", "derogation": "b"}
    )
    assert transfer.derogation == "b"
    with pytest.raises(ValueError, match="'h'"):
        Transfer.model_validate({"country": "UA", "safeguard": "derogation", "derogation": "h"})


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "give exactly one of country and organisation"),
        ({"country": "US", "organisation": "other", "organisation_name": "X"}, "exactly one"),
        ({"organisation": "other"}, "organisation: other needs organisation_name"),
        (
            {"organisation": "european_patent_organisation", "organisation_name": "EPO"},
            "organisation_name is only for organisation: other",
        ),
    ],
)
def test_a_transfer_has_one_destination(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Transfer.model_validate(fields)


def test_a_transfer_without_destination_is_reported_at_the_transfer() -> None:
    problems = load_problems(
        HEAD + "activities:\n  - id: care\n    name: Care\n    transfers:\n      - safeguard: scc\n"
    )
    assert problems == [
        "<text>:12:9: activities[0].transfers[0]: a transfer goes to a country or to an "
        "international organisation: give exactly one of country and organisation"
    ]


# --- Waivers and the DPO --------------------------------------------------------------------


def test_waivers_carry_who_when_and_until_when() -> None:
    waiver = Waiver.model_validate(
        {
            "rule": "ROPA303",
            "reason": {"lv": "Pamatots", "en": "Justified"},
            "accepted_by": "DPO J. Bērziņa",
            "accepted_on": "2026-11-20",
            "expires": "2027-05-20",
        }
    )
    assert waiver.accepted_on == date(2026, 11, 20)
    assert waiver.expires == date(2027, 5, 20)
    assert waiver.reason_in("en") == "Justified"
    assert waiver.reason_in("de", "lv") == "Pamatots"


def test_a_blank_plain_reason_stays_loadable() -> None:
    # Valid before the language map was allowed: ROPA104 reports it, the loader does not.
    assert Waiver.model_validate({"rule": "ROPA303", "reason": "  "}).reason_in() is None


def test_a_language_map_reason_is_checked_like_any_text() -> None:
    with pytest.raises(ValueError, match="the en text must be non-empty"):
        Waiver.model_validate({"rule": "ROPA303", "reason": {"en": " "}})


def test_a_waiver_reason_in_another_language_silences_the_finding() -> None:
    text = HEAD + (
        "activities:\n  - id: care\n    name: Care\n    waivers:\n"
        "      - rule: ROPA203\n        reason: {lv: Nolūks vēl tiek precizēts}\n"
    )
    report = ropa.validate(ropa.load(text), as_of=date(2026, 12, 1))
    (finding,) = [f for f in report.findings if f.code == "ROPA203"]
    assert finding.waived is True
    assert finding.reason == "Nolūks vēl tiek precizēts"


def test_the_dpo_may_be_external_with_a_firm() -> None:
    dpo = Dpo.model_validate(
        {"name": "J. Bērziņa", "external": True, "organisation": "Privacy Partners SIA",
         "contact": {"email": "dpo@example.lv"}}
    )  # fmt: skip
    assert (dpo.external, dpo.organisation) == (True, "Privacy Partners SIA")


def test_a_representative_has_no_dpo_fields() -> None:
    problems = load_problems(HEAD + "  representative: {name: X, external: true}\n")
    assert problems == ["<text>:8:29: unknown field 'external' in organisation.representative"]


# --- include, and old registers -------------------------------------------------------------


def test_include_is_part_of_the_format() -> None:
    register = Register.model_validate(
        {"format": "ropa/1", "include": ["activities/*.yaml"], "register": {"kind": "controller"},
         "organisation": {}}
    )  # fmt: skip
    assert register.include == ("activities/*.yaml",)


def test_the_shipped_register_reads_the_same_through_the_accessors() -> None:
    register = ropa.load("data/processing_activities.yaml")
    for entry in register.activities:
        if isinstance(entry.retention, str):
            assert entry.retention_rule_ids() == (entry.retention,)
        if isinstance(entry.special_condition, str):
            assert entry.special_condition_codes() == (entry.special_condition,)


# --- until in words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("until", "lang", "words"),
    [
        ({"lv": "persona atsakās", "en": "the person unsubscribes"}, "en",
         "until the person unsubscribes"),
        ({"lv": "persona atsakās", "en": "the person unsubscribes"}, "lv", "līdz persona atsakās"),
        ({"lv": "līdz brīdim, kad ...", "en": "until we are told"}, "lv", "līdz brīdim, kad ..."),
        ({"lv": "līdz brīdim, kad ...", "en": "until we are told"}, "en", "until we are told"),
    ],
)  # fmt: skip
def test_until_in_words_in_both_languages(until: dict[str, str], lang: str, words: str) -> None:
    from ropa.wording import retention_in_words

    register = ropa.load(HEAD)
    rule = RetentionRule.model_validate({"id": "u", "name": "U", "until": until})
    assert retention_in_words(register, rule, lang) == words


def test_until_after_a_period() -> None:
    from ropa.wording import retention_in_words

    register = ropa.load(HEAD)
    rule = RetentionRule.model_validate(
        {"id": "u", "name": "U", "period": "P1Y", "starts": "the visit", "until": "sooner asked"}
    )
    assert retention_in_words(register, rule, "en") == "1 year from the visit; until sooner asked"
