"""GDPR value sets with Latvian and English labels, GDPR articles and W3C DPV identifiers.

The register format (``ropa/1``) writes every closed value set by code: ``contract``,
``explicit_consent``, ``scc``. This module is the one place where those codes meet their
meaning: a Latvian and an English label, the GDPR article the value rests on and the closest
term of the W3C Data Privacy Vocabulary (DPV 2.x), so that exporters, privacy notices and the
documentation say the same thing everywhere.

The Latvian labels follow the Latvian text of the GDPR (OJ L 119, 4.5.2016, LV: Art. 6(1),
9(1)-(2), 10, 15-22) and, where the Regulation has no short name, the usage of the Datu valsts
inspekcija; see docs/legal-sources.md.

DPV identifiers are written as CURIEs with the DPV prefixes ``dpv:`` (core,
https://w3id.org/dpv#), ``pd:`` (personal data extension, https://w3id.org/dpv/pd#) and
``eu-gdpr:`` (GDPR extension, https://w3id.org/dpv/legal/eu/gdpr#).

The module is pure data: no I/O, no pydantic, and it imports nothing from the rest of the
package, so every other module may depend on it. ``ropa.model`` repeats the codes as
``typing.Literal`` aliases; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

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
    lv: str
    """Latvian label."""
    en: str
    """English label."""
    article: str
    """The GDPR article the value rests on, e.g. ``"6(1)(b)"``; ``""`` where none applies."""
    dpv: str
    """W3C DPV identifier as a CURIE, e.g. ``"eu-gdpr:A6-1-b"``, ``"dpv:ServiceProvision"``."""

    def label(self, lang: str) -> str:
        """The label in ``lang``: Latvian for ``"lv"``, English for anything else."""
        return self.lv if lang == "lv" else self.en


def _table(*terms: Term) -> Mapping[str, Term]:
    """A read-only code -> term mapping in the order given; a repeated code is a bug."""
    table: dict[str, Term] = {}
    for entry in terms:
        if entry.code in table:
            raise ValueError(f"duplicate vocabulary code {entry.code!r}")
        table[entry.code] = entry
    return MappingProxyType(table)


LEGAL_BASES: Mapping[str, Term] = _table(
    Term("consent", "Piekrišana", "Consent", "6(1)(a)", "eu-gdpr:A6-1-a"),
    Term("contract", "Līguma izpilde", "Performance of a contract", "6(1)(b)", "eu-gdpr:A6-1-b"),
    Term(
        "legal_obligation", "Juridisks pienākums", "Legal obligation", "6(1)(c)", "eu-gdpr:A6-1-c"
    ),
    Term(
        "vital_interests",
        "Vitālas intereses",
        "Vital interests",
        "6(1)(d)",
        "eu-gdpr:A6-1-d",
    ),
    Term(
        "public_task",
        "Sabiedrības interesēs veicams uzdevums vai oficiālas pilnvaras",
        "Public task or official authority",
        "6(1)(e)",
        "eu-gdpr:A6-1-e",
    ),
    Term(
        "legitimate_interests",
        "Leģitīmās intereses",
        "Legitimate interests",
        "6(1)(f)",
        "eu-gdpr:A6-1-f",
    ),
)
"""Legal bases for processing, GDPR Art. 6(1)(a)-(f)."""

SPECIAL_CONDITIONS: Mapping[str, Term] = _table(
    Term(
        "explicit_consent",
        "Nepārprotama piekrišana",
        "Explicit consent",
        "9(2)(a)",
        "eu-gdpr:A9-2-a",
    ),
    Term(
        "employment_social_security",
        "Nodarbinātības, sociālā nodrošinājuma un sociālās aizsardzības tiesības",
        "Employment, social security and social protection law",
        "9(2)(b)",
        "eu-gdpr:A9-2-b",
    ),
    Term(
        "vital_interests",
        "Vitālas intereses, ja datu subjekts ir fiziski vai tiesiski nespējīgs dot piekrišanu",
        "Vital interests where the data subject cannot consent",
        "9(2)(c)",
        "eu-gdpr:A9-2-c",
    ),
    Term(
        "not_for_profit_body",
        "Bezpeļņas struktūras leģitīmas darbības",
        "Legitimate activities of a not-for-profit body",
        "9(2)(d)",
        "eu-gdpr:A9-2-d",
    ),
    Term(
        "made_public_by_subject",
        "Personas dati, kurus datu subjekts apzināti ir publiskojis",
        "Data manifestly made public by the data subject",
        "9(2)(e)",
        "eu-gdpr:A9-2-e",
    ),
    Term(
        "legal_claims",
        "Likumīgu prasību celšana, īstenošana vai aizstāvēšana",
        "Establishment, exercise or defence of legal claims",
        "9(2)(f)",
        "eu-gdpr:A9-2-f",
    ),
    Term(
        "substantial_public_interest",
        "Būtiskas sabiedrības intereses",
        "Substantial public interest",
        "9(2)(g)",
        "eu-gdpr:A9-2-g",
    ),
    Term(
        "health_or_social_care",
        "Profilaktiskā vai arodmedicīna, medicīniska diagnoze, veselības vai sociālā aprūpe vai "
        "ārstēšana",
        "Preventive or occupational medicine, medical diagnosis, health or social care or "
        "treatment",
        "9(2)(h)",
        "eu-gdpr:A9-2-h",
    ),
    Term(
        "public_health",
        "Sabiedrības intereses sabiedrības veselības jomā",
        "Public interest in the area of public health",
        "9(2)(i)",
        "eu-gdpr:A9-2-i",
    ),
    Term(
        "archiving_research_statistics",
        "Arhivēšana sabiedrības interesēs, zinātniskā vai vēstures pētniecība, statistika",
        "Archiving in the public interest, scientific or historical research, statistics",
        "9(2)(j)",
        "eu-gdpr:A9-2-j",
    ),
)
"""Conditions that lift the Art. 9(1) prohibition, GDPR Art. 9(2)(a)-(j), written by name."""

# DPV has no single term for either half of an "A or B" kind; where Art. 9(1) joins two,
# the broader or first-named pd: term is used (pd:Ethnicity is the parent of pd:Race and
# pd:EthnicOrigin; pd:PhilosophicalBelief is the sibling of pd:ReligiousBelief; pd:Sexual
# covers sexual history and sexual preference).
SPECIAL_KINDS: Mapping[str, Term] = _table(
    Term(
        "racial_or_ethnic_origin",
        "Rases vai etniskā piederība",
        "Racial or ethnic origin",
        "9(1)",
        "pd:Ethnicity",
    ),
    Term(
        "political_opinions",
        "Politiskie uzskati",
        "Political opinions",
        "9(1)",
        "pd:PoliticalOpinion",
    ),
    Term(
        "religious_or_philosophical_beliefs",
        "Reliģiskā vai filozofiskā pārliecība",
        "Religious or philosophical beliefs",
        "9(1)",
        "pd:ReligiousBelief",
    ),
    Term(
        "trade_union_membership",
        "Dalība arodbiedrībās",
        "Trade union membership",
        "9(1)",
        "pd:TradeUnionMembership",
    ),
    Term("genetic", "Ģenētiskie dati", "Genetic data", "9(1)", "pd:Genetic"),
    Term(
        "biometric",
        "Biometriskie dati, lai veiktu fiziskas personas unikālu identifikāciju",
        "Biometric data for uniquely identifying a natural person",
        "9(1)",
        "pd:Biometric",
    ),
    Term("health", "Veselības dati", "Data concerning health", "9(1)", "pd:Health"),
    Term(
        "sex_life_or_sexual_orientation",
        "Dati par dzimumdzīvi vai seksuālo orientāciju",
        "Sex life or sexual orientation",
        "9(1)",
        "pd:Sexual",
    ),
    Term(
        "criminal",
        "Dati par sodāmību un pārkāpumiem",
        "Criminal convictions and offences",
        "10",
        "pd:Criminal",
    ),
)
"""Special categories of personal data, GDPR Art. 9(1), and criminal-offence data, Art. 10."""

PURPOSES: Mapping[str, Term] = _table(
    Term(
        "service_provision",
        "Pakalpojuma sniegšana",
        "Service provision",
        "5(1)(b)",
        "dpv:ServiceProvision",
    ),
    Term(
        "customer_management",
        "Klientu pārvaldība",
        "Customer management",
        "5(1)(b)",
        "dpv:CustomerManagement",
    ),
    Term("customer_care", "Klientu apkalpošana", "Customer care", "5(1)(b)", "dpv:CustomerCare"),
    Term("communication", "Saziņa", "Communication", "5(1)(b)", "dpv:CommunicationManagement"),
    Term("marketing", "Mārketings", "Marketing", "5(1)(b)", "dpv:Marketing"),
    Term("personalisation", "Personalizācija", "Personalisation", "5(1)(b)", "dpv:Personalisation"),
    Term(
        "service_improvement",
        "Pakalpojuma uzlabošana",
        "Service improvement",
        "5(1)(b)",
        "dpv:ServiceOptimisation",
    ),
    Term("security", "Drošība", "Security", "5(1)(b)", "dpv:EnforceSecurity"),
    Term(
        "fraud_prevention",
        "Krāpšanas novēršana un atklāšana",
        "Fraud prevention and detection",
        "5(1)(b)",
        "dpv:FraudPreventionAndDetection",
    ),
    Term(
        "legal_compliance",
        "Tiesību aktu prasību izpilde",
        "Legal compliance",
        "5(1)(b)",
        "dpv:LegalCompliance",
    ),
    Term(
        "account_management",
        "Konta pārvaldība",
        "Account management",
        "5(1)(b)",
        "dpv:AccountManagement",
    ),
    Term(
        "human_resources",
        "Personāla vadība",
        "Human resource management",
        "5(1)(b)",
        "dpv:HumanResourceManagement",
    ),
    Term(
        "research",
        "Pētniecība un attīstība",
        "Research and development",
        "5(1)(b)",
        "dpv:ResearchAndDevelopment",
    ),
    # DPV 2.3 has no purpose term for providing health care (dpv:ImproveHealthcare is a
    # public-benefit purpose of improving health systems) nor for video surveillance
    # (dpv:PhysicalSurveillance is a physical measure, not a purpose): both map to the root.
    Term("health_care", "Veselības aprūpe", "Health care", "5(1)(b)", "dpv:Purpose"),
    Term("recruitment", "Personāla atlase", "Recruitment", "5(1)(b)", "dpv:RecruitmentManagement"),
    Term("video_surveillance", "Videonovērošana", "Video surveillance", "5(1)(b)", "dpv:Purpose"),
    Term(
        "analytics",
        "Pakalpojumu lietojuma analīze",
        "Analytics of the use of services",
        "5(1)(b)",
        "dpv:ServiceUsageAnalytics",
    ),
    Term("other", "Cits nolūks", "Other purpose", "5(1)(b)", "dpv:Purpose"),
)
"""Kinds of purpose (DPV-aligned); the purpose itself must be specified, Art. 5(1)(b)."""

# Observation counts as collection from the data subject, so Art. 13 governs it
# (Article 29 Working Party, Guidelines on transparency, WP260 rev.01, para. 26).
SOURCES: Mapping[str, Term] = _table(
    Term(
        "data_subject",
        "No datu subjekta",
        "From the data subject",
        "13",
        "dpv:DataSubjectDataSource",
    ),
    Term(
        "observed",
        "Novēroti datu subjekta darbībās",
        "Observed from the data subject's activity",
        "13",
        "dpv:ObservedPersonalData",
    ),
    Term(
        "third_party", "No trešās personas", "From a third party", "14", "dpv:ThirdPartyDataSource"
    ),
    Term(
        "public",
        "No publiski pieejamiem avotiem",
        "From publicly accessible sources",
        "14",
        "dpv:PublicDataSource",
    ),
    # Read from or stored on the person's terminal equipment (cookies, SDKs, fingerprinting):
    # ePrivacy Directive 2002/58/EC Art. 5(3) governs the access; the data are collected from
    # the data subject by automated capture, so Art. 13 governs the notice (WP260 rev.01,
    # para. 26). DPV 2.3 has no term for a device as a source: the parent dpv:DataSource.
    Term(
        "device",
        "Nolasīti no personas ierīces vai saglabāti tajā",
        "Read from or stored on the person's device",
        "13",
        "dpv:DataSource",
    ),
)
"""Where the personal data come from; decides between the Art. 13 and Art. 14 notices."""

# DPV 2.3 has no term for prospects, suppliers or "other": they map to dpv:DataSubject.
DATA_SUBJECT_KINDS: Mapping[str, Term] = _table(
    Term("customers", "Klienti", "Customers", "4(1)", "dpv:Customer"),
    Term("prospects", "Potenciālie klienti", "Prospective customers", "4(1)", "dpv:DataSubject"),
    Term("employees", "Darbinieki", "Employees", "4(1)", "dpv:Employee"),
    Term("job_applicants", "Amata kandidāti", "Job applicants", "4(1)", "dpv:JobApplicant"),
    Term("patients", "Pacienti", "Patients", "4(1)", "dpv:Patient"),
    Term("students", "Izglītojamie", "Students", "4(1)", "dpv:Student"),
    Term("visitors", "Apmeklētāji", "Visitors", "4(1)", "dpv:Visitor"),
    Term("subscribers", "Abonenti", "Subscribers", "4(1)", "dpv:Subscriber"),
    Term("suppliers", "Piegādātāji", "Suppliers", "4(1)", "dpv:DataSubject"),
    Term("members", "Biedri", "Members", "4(1)", "dpv:Member"),
    Term("other", "Citi datu subjekti", "Other data subjects", "4(1)", "dpv:DataSubject"),
)
"""Kinds of data subject (optional `kind` of a data subject category), Art. 4(1)."""

REQUIREMENT_KINDS: Mapping[str, Term] = _table(
    Term(
        "statutory",
        "Prasība noteikta tiesību aktos",
        "A statutory requirement",
        "13(2)(e)",
        "dpv:LegalObligation",
    ),
    Term(
        "contractual",
        "Līgumiska prasība",
        "A contractual requirement",
        "13(2)(e)",
        "dpv:ContractualTerms",
    ),
    Term(
        "pre_contractual",
        "Prasība, kas jāizpilda, lai noslēgtu līgumu",
        "A requirement necessary to enter into a contract",
        "13(2)(e)",
        "dpv:EstablishContractualAgreement",
    ),
    Term(
        "not_required",
        "Datu sniegšana nav obligāta",
        "Providing the data is not required",
        "13(2)(e)",
        "dpv:Optional",
    ),
)
"""Whether providing the data is a statutory or contractual requirement, or a requirement
necessary to enter into a contract (Art. 13(2)(e)); `not_required` when it is none."""

ASSESSMENT_KINDS: Mapping[str, Term] = _table(
    Term(
        "dpia",
        "Novērtējums par ietekmi uz datu aizsardzību",
        "Data protection impact assessment",
        "35",
        "dpv:DPIA",
    ),
    Term(
        "lia",
        "Leģitīmo interešu novērtējums",
        "Legitimate interests assessment",
        "6(1)(f)",
        "dpv:LegitimateInterestAssessment",
    ),
    # Required before relying on an Art. 46 transfer tool: CJEU C-311/18 (Schrems II),
    # 16 July 2020; EDPB Recommendations 01/2020, version 2.0 of 18 June 2021.
    Term(
        "tia",
        "Nosūtīšanas ietekmes novērtējums",
        "Transfer impact assessment",
        "46(1)",
        "dpv:DataTransferImpactAssessment",
    ),
)
"""Kinds of assessment in the `assessments` catalogue."""

# Art. 4(26): a body governed by public international law, or set up by an agreement between
# two or more countries. Whether a decision covers one is in the adequacy table, not here.
INTERNATIONAL_ORGANISATIONS: Mapping[str, Term] = _table(
    Term(
        "european_patent_organisation",
        "Eiropas Patentu organizācija",
        "European Patent Organisation",
        "4(26)",
        "dpv:InternationalOrganisation",
    ),
    Term(
        "other",
        "Cita starptautiska organizācija",
        "Other international organisation",
        "4(26)",
        "dpv:InternationalOrganisation",
    ),
)
"""International organisations as transfer destinations (Art. 4(26), 44); `other` takes a
name (`organisation_name`)."""

DEROGATIONS: Mapping[str, Term] = _table(
    Term(
        "a",
        "Datu subjekts ir nepārprotami piekritis nosūtīšanai",
        "The data subject has explicitly consented to the transfer",
        "49(1)(a)",
        "eu-gdpr:A49-1-a",
    ),
    Term(
        "b",
        "Nosūtīšana ir vajadzīga līguma izpildei starp datu subjektu un pārzini",
        "The transfer is necessary for a contract between the data subject and the controller",
        "49(1)(b)",
        "eu-gdpr:A49-1-b",
    ),
    Term(
        "c",
        "Nosūtīšana ir vajadzīga datu subjekta interesēs noslēgta līguma izpildei",
        "The transfer is necessary for a contract concluded in the interest of the data subject",
        "49(1)(c)",
        "eu-gdpr:A49-1-c",
    ),
    Term(
        "d",
        "Nosūtīšana ir vajadzīga svarīgu sabiedrības interešu dēļ",
        "The transfer is necessary for important reasons of public interest",
        "49(1)(d)",
        "eu-gdpr:A49-1-d",
    ),
    Term(
        "e",
        "Nosūtīšana ir vajadzīga likumīgu prasību celšanai, īstenošanai vai aizstāvēšanai",
        "The transfer is necessary for legal claims",
        "49(1)(e)",
        "eu-gdpr:A49-1-e",
    ),
    Term(
        "f",
        "Nosūtīšana ir vajadzīga, lai aizsargātu personas vitālās intereses",
        "The transfer is necessary to protect vital interests",
        "49(1)(f)",
        "eu-gdpr:A49-1-f",
    ),
    Term(
        "g",
        "Nosūtīšanu veic no publiska reģistra",
        "The transfer is made from a public register",
        "49(1)(g)",
        "eu-gdpr:A49-1-g",
    ),
)
"""Derogations for specific situations, Art. 49(1)(a)-(g) (`derogation:` of a transfer)."""

RECIPIENT_KINDS: Mapping[str, Term] = _table(
    Term("processor", "Apstrādātājs", "Processor", "28", "dpv:DataProcessor"),
    Term("controller", "Pārzinis", "Controller", "4(7)", "dpv:DataController"),
    Term(
        "joint_controller", "Kopīgs pārzinis", "Joint controller", "26", "dpv:JointDataControllers"
    ),
    Term("public_authority", "Publiska iestāde", "Public authority", "4(9)", "dpv:Authority"),
    Term(
        "group_company", "Uzņēmumu grupas dalībnieks", "Group company", "4(19)", "dpv:Organisation"
    ),
    Term("other", "Cits saņēmējs", "Other recipient", "4(9)", "dpv:Recipient"),
)
"""Kinds of recipient of personal data, GDPR Art. 4(9)."""

# DPV models each Art. 49 derogation separately (eu-gdpr:A49-1-a ... A49-1-g, A49-2) and has
# no term for the article as a whole, so "derogation" maps to their common parent. BCRs are
# the Art. 46(2)(b) safeguard, approved under Art. 47.
SAFEGUARDS: Mapping[str, Term] = _table(
    Term(
        "adequacy",
        "Lēmums par aizsardzības līmeņa pietiekamību",
        "Adequacy decision",
        "45",
        "eu-gdpr:A45-3",
    ),
    Term(
        "scc",
        "Standarta datu aizsardzības klauzulas",
        "Standard contractual clauses",
        "46(2)(c)",
        "eu-gdpr:A46-2-c",
    ),
    Term("bcr", "Saistoši uzņēmuma noteikumi", "Binding corporate rules", "47", "eu-gdpr:A46-2-b"),
    Term(
        "code_of_conduct",
        "Apstiprināts rīcības kodekss",
        "Approved code of conduct",
        "46(2)(e)",
        "eu-gdpr:A46-2-e",
    ),
    Term(
        "certification",
        "Apstiprināts sertifikācijas mehānisms",
        "Approved certification mechanism",
        "46(2)(f)",
        "eu-gdpr:A46-2-f",
    ),
    Term(
        "derogation",
        "Atkāpe īpašā situācijā",
        "Derogation for a specific situation",
        "49",
        "dpv:DataTransferLegalBasis",
    ),
)
"""Grounds for transferring personal data outside the EEA, GDPR Art. 45-49."""

SECURITY_KINDS: Mapping[str, Term] = _table(
    Term("technical", "Tehnisks pasākums", "Technical measure", "32", "dpv:TechnicalMeasure"),
    Term(
        "organisational",
        "Organizatorisks pasākums",
        "Organisational measure",
        "32",
        "dpv:OrganisationalMeasure",
    ),
)
"""Kinds of security measure, GDPR Art. 32."""

REGISTER_KINDS: Mapping[str, Term] = _table(
    Term(
        "controller",
        "Pārziņa apstrādes darbību reģistrs",
        "Controller's record of processing activities",
        "30(1)",
        "dpv:DataController",
    ),
    Term(
        "processor",
        "Apstrādātāja apstrādes darbību reģistrs",
        "Processor's record of processing activities",
        "30(2)",
        "dpv:DataProcessor",
    ),
)
"""Whose record a register is: the controller's (Art. 30(1)) or the processor's (Art. 30(2))."""

RIGHTS: Mapping[str, Term] = _table(
    Term("access", "Piekļuves tiesības", "Right of access", "15", "eu-gdpr:A15"),
    Term("rectification", "Tiesības labot datus", "Right to rectification", "16", "eu-gdpr:A16"),
    Term("erasure", "Tiesības uz dzēšanu", "Right to erasure", "17", "eu-gdpr:A17"),
    Term(
        "restriction",
        "Tiesības ierobežot apstrādi",
        "Right to restriction of processing",
        "18",
        "eu-gdpr:A18",
    ),
    Term(
        "notification",
        "Tiesības uz paziņojumu par labošanu, dzēšanu vai apstrādes ierobežošanu",
        "Right to notification of rectification, erasure or restriction",
        "19",
        "eu-gdpr:A19",
    ),
    Term(
        "portability",
        "Tiesības uz datu pārnesamību",
        "Right to data portability",
        "20",
        "eu-gdpr:A20",
    ),
    Term("objection", "Tiesības iebilst", "Right to object", "21", "eu-gdpr:A21"),
    Term(
        "automated_decision",
        "Tiesības nebūt tāda lēmuma subjektam, kura pamatā ir tikai automatizēta apstrāde",
        "Right not to be subject to solely automated decisions",
        "22",
        "eu-gdpr:A22",
    ),
    Term(
        "withdraw_consent",
        "Tiesības atsaukt piekrišanu",
        "Right to withdraw consent",
        "7(3)",
        "eu-gdpr:A7-3",
    ),
)
"""Data subject rights, GDPR Art. 15-22 and 7(3), in the order privacy notices list them."""

ARTICLE30_ITEMS: Mapping[str, Term] = _table(
    Term(
        "a",
        "Pārziņa nosaukums un kontaktinformācija",
        "Controller name and contact details",
        "30(1)(a)",
        "dpv:DataController",
    ),
    Term("b", "Apstrādes nolūki", "Purposes of the processing", "30(1)(b)", "dpv:Purpose"),
    Term(
        "c",
        "Datu subjektu un personas datu kategorijas",
        "Categories of data subjects and personal data",
        "30(1)(c)",
        "dpv:PersonalData",
    ),
    Term("d", "Saņēmēju kategorijas", "Categories of recipients", "30(1)(d)", "dpv:Recipient"),
    Term(
        "e",
        "Nosūtīšana uz trešām valstīm un garantijas",
        "Transfers to third countries and their safeguards",
        "30(1)(e)",
        "dpv:CrossBorderTransfer",
    ),
    Term("f", "Dzēšanas termiņi", "Time limits for erasure", "30(1)(f)", "dpv:StorageDuration"),
    Term(
        "g",
        "Tehniskie un organizatoriskie drošības pasākumi",
        "Technical and organisational security measures",
        "30(1)(g)",
        "dpv:TechnicalOrganisationalMeasure",
    ),
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
