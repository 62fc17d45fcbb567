"""GDPR value sets with Latvian and English labels, GDPR articles and W3C DPV identifiers.

The register format (``ropa/1``) writes every closed value set by code: ``contract``,
``explicit_consent``, ``scc``. This module is the one place where those codes meet their
meaning: a label in each language, the GDPR article the value rests on and the closest
term of the W3C Data Privacy Vocabulary (DPV 2.x), so that exporters, privacy notices and the
documentation say the same thing everywhere.

The Latvian labels follow the Latvian text of the GDPR (OJ L 119, 4.5.2016, LV: Art. 6(1),
9(1)-(2), 10, 15-22) and, where the Regulation has no short name, the usage of the Datu valsts
inspekcija; see docs/legal-sources.md.

DPV identifiers are written as CURIEs with the DPV prefixes ``dpv:`` (core,
https://w3id.org/dpv#), ``pd:`` (personal data extension, https://w3id.org/dpv/pd#) and
``eu-gdpr:`` (GDPR extension, https://w3id.org/dpv/legal/eu/gdpr#).

The labels themselves are in the message catalogues, ``vocab.<value set>.<code>``
(``vocab.legal_bases.contract``), read when a label is asked for. The module is data: no I/O,
no pydantic, and it imports only ``ropa.text``, so every other module may depend on it.
``ropa.model`` repeats the codes as ``typing.Literal`` aliases; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from ropa.text.messages import message

__all__ = [
    "ARTICLE30_ITEMS",
    "ASSESSMENT_KINDS",
    "DATA_SUBJECT_KINDS",
    "DEROGATIONS",
    "INTERNATIONAL_ORGANISATIONS",
    "LEGAL_BASES",
    "PURPOSES",
    "RECIPIENT_KINDS",
    "REGISTER_KINDS",
    "REQUIREMENT_KINDS",
    "RIGHTS",
    "SAFEGUARDS",
    "SECURITY_KINDS",
    "SOURCES",
    "SPECIAL_CONDITIONS",
    "SPECIAL_KINDS",
    "VOCABULARIES",
    "Term",
    "term",
]


@dataclass(frozen=True)
class Term:
    """One value of a closed value set, with what it means."""

    code: str
    """The value as written in a register, e.g. ``"contract"``."""
    article: str
    """The GDPR article the value rests on, e.g. ``"6(1)(b)"``; ``""`` where none applies."""
    dpv: str
    """W3C DPV identifier as a CURIE, e.g. ``"eu-gdpr:A6-1-b"``, ``"dpv:ServiceProvision"``."""
    group: str = ""
    """The value set it belongs to, e.g. ``"legal_bases"``: its label is the catalogue message
    ``vocab.<group>.<code>``."""

    @property
    def msgid(self) -> str:
        """The catalogue message of the label, ``vocab.legal_bases.contract``."""
        return f"vocab.{self.group}.{self.code}"

    def label(self, lang: str) -> str:
        """The label in ``lang``, from its message catalogue (English where it has none)."""
        return message(self.msgid, lang)

    @property
    def lv(self) -> str:
        """Latvian label."""
        return self.label("lv")

    @property
    def en(self) -> str:
        """English label."""
        return self.label("en")


def _table(group: str, *terms: Term) -> Mapping[str, Term]:
    """A read-only code -> term mapping of the value set `group`, in the order given; a repeated
    code is a bug."""
    table: dict[str, Term] = {}
    for entry in terms:
        if entry.code in table:
            raise ValueError(f"duplicate vocabulary code {entry.code!r}")
        # Made directly: `dataclasses.replace` costs ten times as much, at every start-up.
        table[entry.code] = Term(entry.code, entry.article, entry.dpv, group)
    return MappingProxyType(table)


LEGAL_BASES: Mapping[str, Term] = _table(
    "legal_bases",
    Term("consent", "6(1)(a)", "eu-gdpr:A6-1-a"),
    Term("contract", "6(1)(b)", "eu-gdpr:A6-1-b"),
    Term("legal_obligation", "6(1)(c)", "eu-gdpr:A6-1-c"),
    Term("vital_interests", "6(1)(d)", "eu-gdpr:A6-1-d"),
    Term("public_task", "6(1)(e)", "eu-gdpr:A6-1-e"),
    Term("legitimate_interests", "6(1)(f)", "eu-gdpr:A6-1-f"),
)
"""Legal bases for processing, GDPR Art. 6(1)(a)-(f)."""

SPECIAL_CONDITIONS: Mapping[str, Term] = _table(
    "special_conditions",
    Term("explicit_consent", "9(2)(a)", "eu-gdpr:A9-2-a"),
    Term("employment_social_security", "9(2)(b)", "eu-gdpr:A9-2-b"),
    Term("vital_interests", "9(2)(c)", "eu-gdpr:A9-2-c"),
    Term("not_for_profit_body", "9(2)(d)", "eu-gdpr:A9-2-d"),
    Term("made_public_by_subject", "9(2)(e)", "eu-gdpr:A9-2-e"),
    Term("legal_claims", "9(2)(f)", "eu-gdpr:A9-2-f"),
    Term("substantial_public_interest", "9(2)(g)", "eu-gdpr:A9-2-g"),
    Term("health_or_social_care", "9(2)(h)", "eu-gdpr:A9-2-h"),
    Term("public_health", "9(2)(i)", "eu-gdpr:A9-2-i"),
    Term("archiving_research_statistics", "9(2)(j)", "eu-gdpr:A9-2-j"),
)
"""Conditions that lift the Art. 9(1) prohibition, GDPR Art. 9(2)(a)-(j), written by name."""

# DPV has no single term for either half of an "A or B" kind; where Art. 9(1) joins two,
# the broader or first-named pd: term is used (pd:Ethnicity is the parent of pd:Race and
# pd:EthnicOrigin; pd:PhilosophicalBelief is the sibling of pd:ReligiousBelief; pd:Sexual
# covers sexual history and sexual preference).
SPECIAL_KINDS: Mapping[str, Term] = _table(
    "special_kinds",
    Term("racial_or_ethnic_origin", "9(1)", "pd:Ethnicity"),
    Term("political_opinions", "9(1)", "pd:PoliticalOpinion"),
    Term("religious_or_philosophical_beliefs", "9(1)", "pd:ReligiousBelief"),
    Term("trade_union_membership", "9(1)", "pd:TradeUnionMembership"),
    Term("genetic", "9(1)", "pd:Genetic"),
    Term("biometric", "9(1)", "pd:Biometric"),
    Term("health", "9(1)", "pd:Health"),
    Term("sex_life_or_sexual_orientation", "9(1)", "pd:Sexual"),
    Term("criminal", "10", "pd:Criminal"),
)
"""Special categories of personal data, GDPR Art. 9(1), and criminal-offence data, Art. 10."""

PURPOSES: Mapping[str, Term] = _table(
    "purposes",
    Term("service_provision", "5(1)(b)", "dpv:ServiceProvision"),
    Term("customer_management", "5(1)(b)", "dpv:CustomerManagement"),
    Term("customer_care", "5(1)(b)", "dpv:CustomerCare"),
    Term("communication", "5(1)(b)", "dpv:CommunicationManagement"),
    Term("marketing", "5(1)(b)", "dpv:Marketing"),
    Term("personalisation", "5(1)(b)", "dpv:Personalisation"),
    Term("service_improvement", "5(1)(b)", "dpv:ServiceOptimisation"),
    Term("security", "5(1)(b)", "dpv:EnforceSecurity"),
    Term("fraud_prevention", "5(1)(b)", "dpv:FraudPreventionAndDetection"),
    Term("legal_compliance", "5(1)(b)", "dpv:LegalCompliance"),
    Term("account_management", "5(1)(b)", "dpv:AccountManagement"),
    Term("human_resources", "5(1)(b)", "dpv:HumanResourceManagement"),
    Term("research", "5(1)(b)", "dpv:ResearchAndDevelopment"),
    # DPV 2.3 has no purpose term for providing health care (dpv:ImproveHealthcare is a
    # public-benefit purpose of improving health systems) nor for video surveillance
    # (dpv:PhysicalSurveillance is a physical measure, not a purpose): both map to the root.
    Term("health_care", "5(1)(b)", "dpv:Purpose"),
    Term("recruitment", "5(1)(b)", "dpv:RecruitmentManagement"),
    Term("video_surveillance", "5(1)(b)", "dpv:Purpose"),
    Term("analytics", "5(1)(b)", "dpv:ServiceUsageAnalytics"),
    Term("other", "5(1)(b)", "dpv:Purpose"),
)
"""Kinds of purpose (DPV-aligned); the purpose itself must be specified, Art. 5(1)(b)."""

# Observation counts as collection from the data subject, so Art. 13 governs it
# (Article 29 Working Party, Guidelines on transparency, WP260 rev.01, para. 26).
SOURCES: Mapping[str, Term] = _table(
    "sources",
    Term("data_subject", "13", "dpv:DataSubjectDataSource"),
    Term("observed", "13", "dpv:ObservedPersonalData"),
    Term("third_party", "14", "dpv:ThirdPartyDataSource"),
    Term("public", "14", "dpv:PublicDataSource"),
    # Read from or stored on the person's terminal equipment (cookies, SDKs, fingerprinting):
    # ePrivacy Directive 2002/58/EC Art. 5(3) governs the access; the data are collected from
    # the data subject by automated capture, so Art. 13 governs the notice (WP260 rev.01,
    # para. 26). DPV 2.3 has no term for a device as a source: the parent dpv:DataSource.
    Term("device", "13", "dpv:DataSource"),
)
"""Where the personal data come from; decides between the Art. 13 and Art. 14 notices."""

# DPV 2.3 has no term for prospects, suppliers or "other": they map to dpv:DataSubject.
DATA_SUBJECT_KINDS: Mapping[str, Term] = _table(
    "data_subject_kinds",
    Term("customers", "4(1)", "dpv:Customer"),
    Term("prospects", "4(1)", "dpv:DataSubject"),
    Term("employees", "4(1)", "dpv:Employee"),
    Term("job_applicants", "4(1)", "dpv:JobApplicant"),
    Term("patients", "4(1)", "dpv:Patient"),
    Term("students", "4(1)", "dpv:Student"),
    Term("visitors", "4(1)", "dpv:Visitor"),
    Term("subscribers", "4(1)", "dpv:Subscriber"),
    Term("suppliers", "4(1)", "dpv:DataSubject"),
    Term("members", "4(1)", "dpv:Member"),
    Term("other", "4(1)", "dpv:DataSubject"),
)
"""Kinds of data subject (optional `kind` of a data subject category), Art. 4(1)."""

REQUIREMENT_KINDS: Mapping[str, Term] = _table(
    "requirement_kinds",
    Term("statutory", "13(2)(e)", "dpv:LegalObligation"),
    Term("contractual", "13(2)(e)", "dpv:ContractualTerms"),
    Term("pre_contractual", "13(2)(e)", "dpv:EstablishContractualAgreement"),
    Term("not_required", "13(2)(e)", "dpv:Optional"),
)
"""Whether providing the data is a statutory or contractual requirement, or a requirement
necessary to enter into a contract (Art. 13(2)(e)); `not_required` when it is none."""

ASSESSMENT_KINDS: Mapping[str, Term] = _table(
    "assessment_kinds",
    Term("dpia", "35", "dpv:DPIA"),
    Term("lia", "6(1)(f)", "dpv:LegitimateInterestAssessment"),
    # Required before relying on an Art. 46 transfer tool: CJEU C-311/18 (Schrems II),
    # 16 July 2020; EDPB Recommendations 01/2020, version 2.0 of 18 June 2021.
    Term("tia", "46(1)", "dpv:DataTransferImpactAssessment"),
)
"""Kinds of assessment in the `assessments` catalogue."""

# Art. 4(26): a body governed by public international law, or set up by an agreement between
# two or more countries. Whether a decision covers one is in the adequacy table, not here.
INTERNATIONAL_ORGANISATIONS: Mapping[str, Term] = _table(
    "international_organisations",
    Term("european_patent_organisation", "4(26)", "dpv:InternationalOrganisation"),
    Term("other", "4(26)", "dpv:InternationalOrganisation"),
)
"""International organisations as transfer destinations (Art. 4(26), 44); `other` takes a
name (`organisation_name`)."""

DEROGATIONS: Mapping[str, Term] = _table(
    "derogations",
    Term("a", "49(1)(a)", "eu-gdpr:A49-1-a"),
    Term("b", "49(1)(b)", "eu-gdpr:A49-1-b"),
    Term("c", "49(1)(c)", "eu-gdpr:A49-1-c"),
    Term("d", "49(1)(d)", "eu-gdpr:A49-1-d"),
    Term("e", "49(1)(e)", "eu-gdpr:A49-1-e"),
    Term("f", "49(1)(f)", "eu-gdpr:A49-1-f"),
    Term("g", "49(1)(g)", "eu-gdpr:A49-1-g"),
)
"""Derogations for specific situations, Art. 49(1)(a)-(g) (`derogation:` of a transfer)."""

RECIPIENT_KINDS: Mapping[str, Term] = _table(
    "recipient_kinds",
    Term("processor", "28", "dpv:DataProcessor"),
    Term("controller", "4(7)", "dpv:DataController"),
    Term("joint_controller", "26", "dpv:JointDataControllers"),
    Term("public_authority", "4(9)", "dpv:Authority"),
    Term("group_company", "4(19)", "dpv:Organisation"),
    Term("other", "4(9)", "dpv:Recipient"),
)
"""Kinds of recipient of personal data, GDPR Art. 4(9)."""

# DPV models each Art. 49 derogation separately (eu-gdpr:A49-1-a ... A49-1-g, A49-2) and has
# no term for the article as a whole, so "derogation" maps to their common parent. BCRs are
# the Art. 46(2)(b) safeguard, approved under Art. 47.
SAFEGUARDS: Mapping[str, Term] = _table(
    "safeguards",
    Term("adequacy", "45", "eu-gdpr:A45-3"),
    Term("scc", "46(2)(c)", "eu-gdpr:A46-2-c"),
    Term("bcr", "47", "eu-gdpr:A46-2-b"),
    Term("code_of_conduct", "46(2)(e)", "eu-gdpr:A46-2-e"),
    Term("certification", "46(2)(f)", "eu-gdpr:A46-2-f"),
    Term("derogation", "49", "dpv:DataTransferLegalBasis"),
)
"""Grounds for transferring personal data outside the EEA, GDPR Art. 45-49."""

SECURITY_KINDS: Mapping[str, Term] = _table(
    "security_kinds",
    Term("technical", "32", "dpv:TechnicalMeasure"),
    Term("organisational", "32", "dpv:OrganisationalMeasure"),
)
"""Kinds of security measure, GDPR Art. 32."""

REGISTER_KINDS: Mapping[str, Term] = _table(
    "register_kinds",
    Term("controller", "30(1)", "dpv:DataController"),
    Term("processor", "30(2)", "dpv:DataProcessor"),
)
"""Whose record a register is: the controller's (Art. 30(1)) or the processor's (Art. 30(2))."""

RIGHTS: Mapping[str, Term] = _table(
    "rights",
    Term("access", "15", "eu-gdpr:A15"),
    Term("rectification", "16", "eu-gdpr:A16"),
    Term("erasure", "17", "eu-gdpr:A17"),
    Term("restriction", "18", "eu-gdpr:A18"),
    Term("notification", "19", "eu-gdpr:A19"),
    Term("portability", "20", "eu-gdpr:A20"),
    Term("objection", "21", "eu-gdpr:A21"),
    Term("automated_decision", "22", "eu-gdpr:A22"),
    Term("withdraw_consent", "7(3)", "eu-gdpr:A7-3"),
)
"""Data subject rights, GDPR Art. 15-22 and 7(3), in the order privacy notices list them."""

ARTICLE30_ITEMS: Mapping[str, Term] = _table(
    "article30_items",
    Term("a", "30(1)(a)", "dpv:DataController"),
    Term("b", "30(1)(b)", "dpv:Purpose"),
    Term("c", "30(1)(c)", "dpv:PersonalData"),
    Term("d", "30(1)(d)", "dpv:Recipient"),
    Term("e", "30(1)(e)", "dpv:CrossBorderTransfer"),
    Term("f", "30(1)(f)", "dpv:StorageDuration"),
    Term("g", "30(1)(g)", "dpv:TechnicalOrganisationalMeasure"),
)
"""What a controller's record must contain, GDPR Art. 30(1)(a)-(g)."""

VOCABULARIES: Mapping[str, Mapping[str, Term]] = MappingProxyType(
    {
        "legal_bases": LEGAL_BASES,
        "special_conditions": SPECIAL_CONDITIONS,
        "special_kinds": SPECIAL_KINDS,
        "purposes": PURPOSES,
        "sources": SOURCES,
        "recipient_kinds": RECIPIENT_KINDS,
        "safeguards": SAFEGUARDS,
        "security_kinds": SECURITY_KINDS,
        "register_kinds": REGISTER_KINDS,
        "rights": RIGHTS,
        "article30_items": ARTICLE30_ITEMS,
        "data_subject_kinds": DATA_SUBJECT_KINDS,
        "requirement_kinds": REQUIREMENT_KINDS,
        "assessment_kinds": ASSESSMENT_KINDS,
        "international_organisations": INTERNATIONAL_ORGANISATIONS,
        "derogations": DEROGATIONS,
    }
)
"""Every value set by name, for exporters and generated documentation."""


def term(vocabulary: Mapping[str, Term], code: str) -> Term:
    """The term for ``code`` in ``vocabulary``; KeyError naming the known codes if absent."""
    try:
        return vocabulary[code]
    except KeyError:
        known = ", ".join(vocabulary)
        raise KeyError(f"unknown code {code!r}; expected one of: {known}") from None
