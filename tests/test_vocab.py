"""The GDPR value sets: complete, labelled in both languages, and in step with the model."""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ropa import countries, vocab
from ropa.vocab import Term

ALL_VOCABULARIES = sorted(vocab.VOCABULARIES.items())
ALL_TERMS = [
    pytest.param(entry, id=f"{name}.{code}")
    for name, table in ALL_VOCABULARIES
    for code, entry in table.items()
]
DPV_ID = re.compile(r"^(eu-gdpr|dpv|pd):[A-Za-z0-9-]+$")
ARTICLE = re.compile(r"^\d+(\(\d+\))?(\([a-z]\))?$")


def test_vocabularies_names_every_value_set() -> None:
    assert set(vocab.VOCABULARIES) == {
        "legal_bases",
        "special_conditions",
        "special_kinds",
        "purposes",
        "sources",
        "recipient_kinds",
        "safeguards",
        "security_kinds",
        "register_kinds",
        "rights",
        "article30_items",
        "data_subject_kinds",
        "requirement_kinds",
        "assessment_kinds",
        "international_organisations",
        "derogations",
    }


@pytest.mark.parametrize(("name", "table"), ALL_VOCABULARIES)
def test_each_value_set_is_keyed_by_its_own_codes(name: str, table: Mapping[str, Term]) -> None:
    assert table, name
    assert all(code == entry.code for code, entry in table.items())
    assert len({entry.code for entry in table.values()}) == len(table)


@pytest.mark.parametrize(("name", "table"), ALL_VOCABULARIES)
def test_value_sets_are_read_only(name: str, table: Mapping[str, Term]) -> None:
    with pytest.raises(TypeError):
        table["new"] = next(iter(table.values()))  # type: ignore[index]


@pytest.mark.parametrize("entry", ALL_TERMS)
def test_every_term_has_both_labels(entry: Term) -> None:
    assert entry.lv.strip() and entry.en.strip()
    assert entry.label("lv") == entry.lv
    assert entry.label("en") == entry.en
    assert entry.label("de") == entry.en


@pytest.mark.parametrize("entry", ALL_TERMS)
def test_every_term_has_an_article(entry: Term) -> None:
    assert ARTICLE.match(entry.article), entry.article


@pytest.mark.parametrize("entry", ALL_TERMS)
def test_every_dpv_id_is_a_dpv_curie(entry: Term) -> None:
    assert DPV_ID.match(entry.dpv), entry.dpv


def test_latvian_labels_use_latvian_letters() -> None:
    latvian = set("āčēģīķļņšūž")
    labels = [entry.lv for _, table in ALL_VOCABULARIES for entry in table.values()]
    assert any(latvian & set(label.lower()) for label in labels)
    assert vocab.LEGAL_BASES["legitimate_interests"].lv == "Leģitīmās intereses"


@pytest.mark.parametrize(
    ("table", "codes"),
    [
        (
            vocab.LEGAL_BASES,
            "consent contract legal_obligation vital_interests public_task legitimate_interests",
        ),
        (
            vocab.SPECIAL_CONDITIONS,
            "explicit_consent employment_social_security vital_interests not_for_profit_body "
            "made_public_by_subject legal_claims substantial_public_interest "
            "health_or_social_care public_health archiving_research_statistics",
        ),
        (
            vocab.RIGHTS,
            "access rectification erasure restriction notification portability objection "
            "automated_decision withdraw_consent",
        ),
        (vocab.ARTICLE30_ITEMS, "a b c d e f g"),
    ],
)
def test_value_sets_keep_the_order_of_the_format(table: Mapping[str, Term], codes: str) -> None:
    assert list(table) == codes.split()


def test_legal_bases_and_special_conditions_carry_their_letters() -> None:
    for letter, entry in zip("abcdef", vocab.LEGAL_BASES.values(), strict=True):
        assert entry.article == f"6(1)({letter})"
        assert entry.dpv == f"eu-gdpr:A6-1-{letter}"
    for letter, entry in zip("abcdefghij", vocab.SPECIAL_CONDITIONS.values(), strict=True):
        assert entry.article == f"9(2)({letter})"
        assert entry.dpv == f"eu-gdpr:A9-2-{letter}"


def test_article30_items_name_their_point() -> None:
    for code, entry in vocab.ARTICLE30_ITEMS.items():
        assert entry.article == f"30(1)({code})"


def test_rights_point_at_their_articles() -> None:
    assert vocab.RIGHTS["access"].dpv == "eu-gdpr:A15"
    assert vocab.RIGHTS["automated_decision"].article == "22"
    assert vocab.RIGHTS["withdraw_consent"].article == "7(3)"
    assert vocab.RIGHTS["withdraw_consent"].dpv == "eu-gdpr:A7-3"


def test_term_returns_the_entry() -> None:
    assert vocab.term(vocab.SAFEGUARDS, "scc").article == "46(2)(c)"


def test_term_names_the_known_codes_when_the_code_is_unknown() -> None:
    with pytest.raises(KeyError, match=r"'sccs'.*scc, bcr"):
        vocab.term(vocab.SAFEGUARDS, "sccs")


def test_eu_has_27_members_and_eea_30_with_the_eu_territories() -> None:
    assert len(countries.EU_COUNTRIES) == 27
    assert (
        countries.EU_COUNTRIES | countries.EU_TERRITORIES | {"IS", "LI", "NO"}
    ) == countries.EEA_COUNTRIES
    assert len(countries.EEA_COUNTRIES) == 37
    assert {"IS", "LI", "NO"} <= countries.EEA_COUNTRIES
    assert countries.EU_COUNTRIES < countries.EEA_COUNTRIES
    assert "LV" in countries.EU_COUNTRIES


def test_adequacy_countries_are_outside_the_eea() -> None:
    assert countries.ADEQUACY_COUNTRIES.isdisjoint(countries.EEA_COUNTRIES)
    assert {"GB", "CH", "JP", "US"} <= countries.ADEQUACY_COUNTRIES


def test_adequacy_conditions_cover_partial_decisions() -> None:
    assert set(countries.ADEQUACY_CONDITIONS) == {"US", "CA", "JP", "KR", "IL"}
    assert set(countries.ADEQUACY_CONDITIONS) <= countries.ADEQUACY_COUNTRIES
    assert "Data Privacy Framework" in countries.ADEQUACY_CONDITIONS["US"].en
    assert "PIPEDA" in countries.ADEQUACY_CONDITIONS["CA"].label("lv")
    assert isinstance(countries.ADEQUACY_CHECKED, date)


def test_country_sets_use_known_codes() -> None:
    assert len(countries.COUNTRY_CODES) == 249
    assert countries.EEA_COUNTRIES <= countries.COUNTRY_CODES
    assert countries.ADEQUACY_COUNTRIES <= countries.COUNTRY_CODES


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_country_names_cover_every_code(lang: str) -> None:
    """Each code's name is the catalogue entry `country.<code>`, written in both languages
    (a missing one would fall back to English, or show its id)."""
    po = Path(countries.__file__).parent / "locale" / lang / "LC_MESSAGES" / "ropa.po"
    with po.open("rb") as handle:
        written = {m.id: m.string for m in read_po(handle) if str(m.id).startswith("country.")}
    assert set(written) == {f"country.{code}" for code in countries.COUNTRY_CODES}
    assert all(str(name).strip() for name in written.values())
    assert countries.country_names(lang) == {
        code: written[f"country.{code}"] for code in sorted(countries.COUNTRY_CODES)
    }


def test_latvian_country_names_are_latvian() -> None:
    latvian, english = countries.country_names("lv"), countries.country_names("en")
    differ = [code for code in latvian if latvian[code] != english[code]]
    assert len(differ) > 200
    assert latvian["AX"] == "Olandes salas" and latvian["CZ"] == "Čehija"


def test_a_country_is_found_by_its_name_in_any_language() -> None:
    assert countries.country_by_name("Amerikas Savienotās Valstis") == "US"
    assert countries.country_by_name(" united states ") == "US"
    assert countries.country_by_name("Atlantis") is None


def test_importing_countries_reads_no_catalogue() -> None:
    """`ropa validate` imports ropa.countries: names are read when asked for, not before."""
    import subprocess
    import sys

    code = (
        "import ropa.countries, ropa.text.messages as m;print(m._catalogue.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        ("LV", "lv", "Latvija"),
        ("LV", "en", "Latvia"),
        ("US", "lv", "Amerikas Savienotās Valstis"),
        ("DE", "lv", "Vācija"),
        ("NO", "en", "Norway"),
        ("XX", "lv", "XX"),
    ],
)
def test_country_name(code: str, lang: str, name: str) -> None:
    assert countries.country_name(code, lang) == name


def test_vocab_imports_only_the_standard_library_and_the_catalogues() -> None:
    with open(vocab.__file__, encoding="utf-8") as handle:
        imported = re.findall(r"^(?:from|import) (\S+)", handle.read(), re.MULTILINE)
    allowed = {"__future__", "collections.abc", "dataclasses", "datetime", "types"}
    assert set(imported) <= allowed | {"ropa.text.messages"}


def test_every_label_is_in_every_catalogue() -> None:
    """A label is the catalogue message `vocab.<value set>.<code>`: none may fall through to
    its id in either language (message() would show the id)."""
    tables = [*vocab.VOCABULARIES.values()]
    scopes = [d.scope for d in countries.ADEQUACY_DECISIONS if d.scope is not None]
    terms = [term for table in tables for term in table.values()] + scopes
    for lang in ("lv", "en"):
        assert [t.msgid for t in terms if t.label(lang) == t.msgid] == [], lang
    assert vocab.LEGAL_BASES["contract"].label("lv") == "Līguma izpilde"
    assert vocab.LEGAL_BASES["contract"].en == "Performance of a contract"


@pytest.mark.parametrize(
    ("alias", "table"),
    [
        ("LegalBasisKind", vocab.LEGAL_BASES),
        ("SpecialCondition", vocab.SPECIAL_CONDITIONS),
        ("SpecialKind", vocab.SPECIAL_KINDS),
        ("PurposeKind", vocab.PURPOSES),
        ("SourceKind", vocab.SOURCES),
        ("RecipientKind", vocab.RECIPIENT_KINDS),
        ("Safeguard", vocab.SAFEGUARDS),
        ("SecurityKind", vocab.SECURITY_KINDS),
        ("RegisterKind", vocab.REGISTER_KINDS),
        ("DataSubjectKind", vocab.DATA_SUBJECT_KINDS),
        ("RequirementKind", vocab.REQUIREMENT_KINDS),
        ("AssessmentKind", vocab.ASSESSMENT_KINDS),
        ("InternationalOrganisation", vocab.INTERNATIONAL_ORGANISATIONS),
        ("Derogation", vocab.DEROGATIONS),
    ],
)
def test_model_literals_match_the_vocabulary(alias: str, table: Mapping[str, Term]) -> None:
    from ropa import model

    assert set(typing.get_args(getattr(model, alias))) == set(table)


def test_derogations_are_the_points_of_article_49_1() -> None:
    for letter, entry in zip("abcdefg", vocab.DEROGATIONS.values(), strict=True):
        assert entry.article == f"49(1)({letter})"
        assert entry.dpv == f"eu-gdpr:A49-1-{letter}"


@pytest.mark.parametrize(
    ("table", "code", "dpv"),
    [
        (vocab.SOURCES, "device", "dpv:DataSource"),
        (vocab.PURPOSES, "recruitment", "dpv:RecruitmentManagement"),
        (vocab.PURPOSES, "analytics", "dpv:ServiceUsageAnalytics"),
        (vocab.PURPOSES, "health_care", "dpv:Purpose"),
        (vocab.PURPOSES, "video_surveillance", "dpv:Purpose"),
        (vocab.DATA_SUBJECT_KINDS, "patients", "dpv:Patient"),
        (vocab.DATA_SUBJECT_KINDS, "job_applicants", "dpv:JobApplicant"),
        (vocab.ASSESSMENT_KINDS, "dpia", "dpv:DPIA"),
        (vocab.ASSESSMENT_KINDS, "lia", "dpv:LegitimateInterestAssessment"),
        (vocab.ASSESSMENT_KINDS, "tia", "dpv:DataTransferImpactAssessment"),
        (vocab.INTERNATIONAL_ORGANISATIONS, "european_patent_organisation",
         "dpv:InternationalOrganisation"),
    ],
)  # fmt: skip
def test_additions_of_2026_12_carry_their_dpv_terms(
    table: Mapping[str, Term], code: str, dpv: str
) -> None:
    assert table[code].dpv == dpv


def test_the_new_sources_and_purposes_keep_other_last() -> None:
    assert list(vocab.PURPOSES)[-1] == "other"
    assert "device" in vocab.SOURCES


_DPV_TERMS = frozenset(
    line
    for line in (Path(__file__).parent / "fixtures" / "dpv" / "terms-2.3.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
)


@pytest.mark.parametrize("entry", ALL_TERMS)
def test_every_dpv_id_exists_in_dpv_2_3(entry: Term) -> None:
    # pd: (personal data extension) is not in the copied list; its terms are checked by eye.
    if not entry.dpv.startswith("pd:"):
        assert entry.dpv in _DPV_TERMS
