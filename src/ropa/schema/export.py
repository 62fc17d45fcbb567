"""JSON Schema (2020-12) of the JSON export document (`ropa export --to json`).

Written by hand from small helpers, not derived from the exporter, so that the exporter is
checked against it rather than the other way round. `schemas/ropa-export.schema.json` is
`schema_text(export_schema())`, committed; `ropa schema --export` prints it; a test fails when
the two drift apart.

Every object whose keys are fixed has `additionalProperties: false` and lists every key as
required: the export writes each key always, with null for "not stated". Only language maps
(text in every language written) have open keys, limited to ISO 639-1 codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ropa._urls import EXPORT_SCHEMA_URL
from ropa.countries import COUNTRY_CODES
from ropa.durations import DURATION_PATTERN
from ropa.findings import JSON_FIELDS, LOCAL_FIELDS
from ropa.model import ID_PATTERN, LANGUAGE_PATTERN
from ropa.schema.register import SCHEMA_DIALECT
from ropa.text import LANGUAGES
from ropa.vocab import (
    ASSESSMENT_KINDS,
    DATA_SUBJECT_KINDS,
    DEROGATIONS,
    INTERNATIONAL_ORGANISATIONS,
    LEGAL_BASES,
    PURPOSES,
    RECIPIENT_KINDS,
    REGISTER_KINDS,
    REQUIREMENT_KINDS,
    RIGHTS,
    SAFEGUARDS,
    SECURITY_KINDS,
    SOURCES,
    SPECIAL_CONDITIONS,
    SPECIAL_KINDS,
    Term,
)

__all__ = ["export_schema"]

Schema = dict[str, Any]

_SHA256_PATTERN = r"^[0-9a-f]{64}$"
_DPV_PATTERN = r"^(dpv|pd|eu-gdpr):[A-Za-z0-9-]+$"


# ---------------------------------------------------------------------------------------------
# Helpers


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _nullable(schema: Schema) -> Schema:
    """`schema` or null ("not stated")."""
    return {"anyOf": [schema, {"type": "null"}]}


def _list(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def _object(title: str, description: str, properties: Mapping[str, Schema]) -> Schema:
    """A closed object: every key listed is always written, no other key may appear."""
    return {
        "title": title,
        "description": description,
        "type": "object",
        "properties": dict(properties),
        "required": list(properties),
        "additionalProperties": False,
    }


def _described(schema: Schema, description: str) -> Schema:
    return {"description": description, **schema}


_STRING: Schema = {"type": "string"}
_NULLABLE_STRING: Schema = _nullable(_STRING)
_NULLABLE_BOOL: Schema = {"type": ["boolean", "null"]}
_DATE: Schema = {"type": "string", "format": "date"}
_ID: Schema = {"type": "string", "pattern": ID_PATTERN}


def _term(title: str, vocabulary: Mapping[str, Term], description: str) -> Schema:
    """A vocabulary value: its code with label, GDPR article and DPV identifier."""
    return _object(
        title,
        description,
        {
            "code": {"enum": list(vocabulary)},
            "label": _ref("label"),
            "article": _described(_STRING, 'The GDPR article the value rests on, e.g. "6(1)(b)".'),
            "dpv": _described(
                {"type": "string", "pattern": _DPV_PATTERN},
                "W3C Data Privacy Vocabulary identifier as a CURIE (dpv:, pd:, eu-gdpr:).",
            ),
        },
    )


def _entry_or_unresolved(name: str) -> Schema:
    return {"anyOf": [_ref(name), _ref("unresolved_reference")]}


# ---------------------------------------------------------------------------------------------
# Definitions


def _text_defs() -> dict[str, Schema]:
    language_map: Schema = {
        "type": "object",
        "propertyNames": {"pattern": LANGUAGE_PATTERN},
        "additionalProperties": {"type": "string", "minLength": 1},
        "minProperties": 1,
    }
    return {
        "text": {
            "title": "Text",
            "description": "A text field of the register. With metadata.language lv or en: "
            "the text in that language (falling back to the register language, then to any "
            "language written). With all: a map of every language written to its text "
            "(lv, en, then others alphabetically); a plain-string field appears under the "
            "register language.",
            "oneOf": [{"type": "string", "minLength": 1}, language_map],
        },
        "label": {
            "title": "Label",
            "description": "A label or sentence the library supplies (vocabulary labels, "
            "country names, reasons). With metadata.language lv or en: a string in that "
            "language; with all: {lv, en}.",
            "oneOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "properties": {lang: _STRING for lang in LANGUAGES},
                    "required": list(LANGUAGES),
                    "additionalProperties": False,
                },
            ],
        },
    }


def _vocabulary_defs() -> dict[str, Schema]:
    return {
        "register_kind": _term(
            "Register kind", REGISTER_KINDS, "Controller's (Art. 30(1)) or processor's record."
        ),
        "legal_basis_kind": _term("Legal basis", LEGAL_BASES, "Art. 6(1)(a)-(f)."),
        "special_condition": _term(
            "Special condition", SPECIAL_CONDITIONS, "An Art. 9(2) condition."
        ),
        "special_kind": _term(
            "Special category", SPECIAL_KINDS, "Art. 9(1) special category, or Art. 10."
        ),
        "purpose": _term("Purpose kind", PURPOSES, "DPV-aligned kind of purpose."),
        "source": _term("Source", SOURCES, "Where the data come from (Art. 13 or 14)."),
        "recipient_kind": _term("Recipient kind", RECIPIENT_KINDS, "Kind of recipient."),
        "safeguard": _term("Safeguard", SAFEGUARDS, "Ground for a transfer, Art. 45-49."),
        "security_kind": _term("Security measure kind", SECURITY_KINDS, "Art. 32."),
        "data_subject_kind": _term(
            "Data subject kind", DATA_SUBJECT_KINDS, "What kind of data subject (DPV-aligned)."
        ),
        "requirement_kind": _term(
            "Requirement kind",
            REQUIREMENT_KINDS,
            "Whether providing the data is a statutory or contractual requirement, or needed "
            "to enter a contract (Art. 13(2)(e)).",
        ),
        "assessment_kind": _term(
            "Assessment kind", ASSESSMENT_KINDS, "DPIA, legitimate interests or transfer impact."
        ),
        "derogation": _term("Derogation", DEROGATIONS, "The Art. 49(1) point relied on."),
        "international_organisation": _object(
            "International organisation",
            "A transfer destination that is an international organisation (Art. 4(26)).",
            {
                **_term("", INTERNATIONAL_ORGANISATIONS, "")["properties"],
                "name": _described(
                    _nullable(_ref("text")), "The organisation's name, for code other."
                ),
            },
        ),
        "right": _right_def(
            _term(
                "Data subject right",
                RIGHTS,
                "A data subject right (Art. 15-22, 7(3)) and whether it applies to the "
                "activity, derived from its legal bases and automated decisions.",
            )
        ),
        "country": _object(
            "Country",
            "An ISO 3166-1 alpha-2 country with its name and transfer status.",
            {
                "code": {"enum": sorted(COUNTRY_CODES)},
                "name": _ref("label"),
                "eea": _described({"type": "boolean"}, "In the European Economic Area."),
                "adequacy": _described(
                    {"type": "boolean"}, "Has an EU adequacy decision (Art. 45)."
                ),
                "adequacy_condition": _described(
                    _nullable(_ref("label")),
                    "When the adequacy decision covers only some recipients, which ones.",
                ),
            },
        ),
    }


def _right_def(term: Schema) -> Schema:
    """A right is a vocabulary value with its status and the reason for it."""
    properties = dict(term["properties"])
    properties["status"] = {"enum": ["applies", "conditional", "not_applicable"]}
    properties["reason"] = _described(_ref("label"), "Why, in one sentence.")
    return {**term, "properties": properties, "required": list(properties)}


def _party_defs() -> dict[str, Schema]:
    return {
        "contact": _object(
            "Contact",
            "How to reach a person or organisation.",
            {
                "url": _NULLABLE_STRING,
                "email": _NULLABLE_STRING,
                "phone": _NULLABLE_STRING,
                "note": _nullable(_ref("text")),
            },
        ),
        "party": _object(
            "Party",
            "A representative (Art. 27).",
            {"name": _STRING, "contact": _nullable(_ref("contact"))},
        ),
        "dpo": _object(
            "Data protection officer",
            "The data protection officer (Art. 37), staff or external.",
            {
                "name": _STRING,
                "contact": _nullable(_ref("contact")),
                "external": _described(
                    _NULLABLE_BOOL, "Fulfils the tasks under a service contract (Art. 37(6))."
                ),
                "organisation": _described(_NULLABLE_STRING, "The DPO's firm, when external."),
            },
        ),
        "joint_controller": _object(
            "Joint controller",
            "Another controller that determines purposes and means jointly (Art. 26).",
            {
                "name": _STRING,
                "contact": _nullable(_ref("contact")),
                "arrangement": _nullable(_ref("text")),
            },
        ),
        "waiver": _object(
            "Waiver",
            "An accepted finding: the rule it silences, why, who accepted it, when and until when.",
            {
                "rule": _STRING,
                "reason": _described(
                    {"anyOf": [_STRING, _ref("text"), {"type": "null"}]},
                    "Why the finding is accepted, as written (text, or a language map).",
                ),
                "accepted_by": _NULLABLE_STRING,
                "accepted_on": _nullable(_DATE),
                "expires": _described(
                    _nullable(_DATE),
                    "The last day the waiver holds; after it the finding is open again (ROPA105).",
                ),
            },
        ),
    }


def _catalogue_defs() -> dict[str, Schema]:
    return {
        "controller": _object(
            "Controller",
            "A controller on whose behalf the organisation processes as a processor "
            "(Art. 30(2)(a)).",
            {
                "id": _ID,
                "name": _STRING,
                "contact": _nullable(_ref("contact")),
                "representative": _nullable(_ref("party")),
                "dpo": _nullable(_ref("party")),
                "contract": _described(
                    _NULLABLE_STRING, "Reference to the Art. 28(3) contract with this controller."
                ),
            },
        ),
        "data_subject": _object(
            "Data subject category",
            "A category of data subjects (Art. 30(1)(c)).",
            {
                "id": _ID,
                "name": _ref("text"),
                "description": _nullable(_ref("text")),
                "includes_children": _NULLABLE_BOOL,
                "kind": _nullable(_ref("data_subject_kind")),
                "contract_party": _described(
                    _NULLABLE_BOOL, "Party to a contract with the controller (Art. 6(1)(b))."
                ),
                "vulnerable": _described(
                    _NULLABLE_BOOL, "Needs particular care (WP248 rev.01, criterion 7)."
                ),
            },
        ),
        "data_category": _object(
            "Personal data category",
            "A category of personal data (Art. 30(1)(c)).",
            {
                "id": _ID,
                "name": _ref("text"),
                "examples": _nullable(_ref("text")),
                "special": _described(
                    _nullable(_ref("special_kind")), "Null when the category is ordinary."
                ),
                "national_id": _NULLABLE_BOOL,
            },
        ),
        "recipient": _object(
            "Recipient category",
            "A category of recipients (Art. 30(1)(d)).",
            {
                "id": _ID,
                "name": _ref("text"),
                "description": _nullable(_ref("text")),
                "kind": _ref("recipient_kind"),
                "contract": _described(_NULLABLE_STRING, "Reference to the Art. 28 contract."),
                "countries": _described(
                    _list(_ref("country")), "Where the recipient holds or accesses the data."
                ),
                "authorisation": _described(
                    _nullable(
                        _object(
                            "Sub-processor authorisation",
                            "The controller's prior written authorisation (Art. 28(2)).",
                            {
                                "kind": {"enum": ["specific", "general"]},
                                "reference": _NULLABLE_STRING,
                            },
                        )
                    ),
                    "For a sub-processor of processor activities.",
                ),
            },
        ),
        "retention_rule": _object(
            "Retention rule",
            "A time limit for erasure (Art. 30(1)(f)).",
            {
                "id": _ID,
                "name": _ref("text"),
                "description": _nullable(_ref("text")),
                "period": _described(
                    _nullable({"type": "string", "pattern": DURATION_PATTERN}),
                    "ISO 8601 duration; null = no fixed period.",
                ),
                "starts": _nullable(_ref("text")),
                "until": _described(
                    _nullable(_ref("text")), "The event that ends the use, without a period."
                ),
                "basis": _nullable(_ref("text")),
                "in_words": _described(
                    _ref("label"), 'The rule in words, e.g. "5 years from the end of the contract".'
                ),
            },
        ),
        "security_measure": _object(
            "Security measure",
            "A technical or organisational security measure (Art. 30(1)(g), 32).",
            {
                "id": _ID,
                "name": _ref("text"),
                "description": _nullable(_ref("text")),
                "kind": _ref("security_kind"),
            },
        ),
        "assessment": _object(
            "Assessment",
            "A DPIA, legitimate interests or transfer impact assessment of the catalogue.",
            {
                "id": _ID,
                "kind": _ref("assessment_kind"),
                "name": _ref("text"),
                "reference": _described(_NULLABLE_STRING, "Where it is kept."),
                "date": _nullable(_DATE),
                "review_by": _nullable(_DATE),
            },
        ),
        "unresolved_reference": _object(
            "Unresolved reference",
            "A reference to a catalogue entry that does not exist (the report has the error).",
            {"id": _STRING, "unresolved": {"const": True}},
        ),
    }


# What each legal basis carries besides `basis` and `covers` (ropa.model.*Basis).
_BASIS_FIELDS: dict[str, dict[str, Schema]] = {
    "consent": {
        "withdrawal": _described(_nullable(_ref("text")), "How consent is withdrawn (Art. 7(3))."),
        "parental_authorisation": _described(
            _nullable(_ref("text")), "How parental consent is obtained (Art. 8)."
        ),
        "explicit": _described(_NULLABLE_BOOL, "Explicit consent (Art. 9(2)(a), 22(2)(c))."),
    },
    "contract": {},
    "legal_obligation": {
        "law": _described(_nullable(_ref("text")), "The law that sets the obligation."),
    },
    "vital_interests": {},
    "public_task": {
        "law": _described(_nullable(_ref("text")), "The law that lays down the task."),
    },
    "legitimate_interests": {
        "interest": _described(_nullable(_ref("text")), "The interest pursued."),
        "assessment": _described(
            {"anyOf": [_ref("assessment"), _STRING, {"type": "null"}]},
            "The balancing test: the catalogue's assessment, or where it is kept (text).",
        ),
    },
}


def _legal_basis_def() -> Schema:
    variants = []
    for code, extra in _BASIS_FIELDS.items():
        term = {"allOf": [_ref("legal_basis_kind"), {"properties": {"code": {"const": code}}}]}
        properties = {
            "basis": term,
            "covers": _described(_nullable(_ref("text")), "Which part of the processing."),
            **extra,
        }
        variants.append(
            _object(
                f"Legal basis: {code}",
                f"Art. {LEGAL_BASES[code].article}, with what that basis needs.",
                properties,
            )
        )
    return {
        "title": "Legal basis",
        "description": "An Art. 6(1) legal basis; the fields depend on the basis.",
        "oneOf": variants,
    }


def _activity_defs() -> dict[str, Schema]:
    return {
        "legal_basis": _legal_basis_def(),
        "transfer": _object(
            "Transfer",
            "A transfer to a country outside the EEA or to an international organisation "
            "(Art. 30(1)(e), 44-49): country or organisation, never both.",
            {
                "country": _nullable(_ref("country")),
                "organisation": _nullable(_ref("international_organisation")),
                "recipient": _nullable(_entry_or_unresolved("recipient")),
                "safeguard": _nullable(_ref("safeguard")),
                "derogation": _nullable(_ref("derogation")),
                "reference": _described(_NULLABLE_STRING, "Where the safeguard is documented."),
                "assessment": _described(
                    {"anyOf": [_ref("assessment"), _STRING, {"type": "null"}]},
                    "The transfer impact assessment: the catalogue's, or where it is kept.",
                ),
            },
        ),
        "dpia": {
            "title": "DPIA or unresolved reference",
            "description": "The activity's DPIA, or an id that names no assessment.",
            "anyOf": [
                _object(
                    "DPIA",
                    "A data protection impact assessment (Art. 35): the catalogue's (id and "
                    "name), or written in the activity (id and name null).",
                    {
                        "id": _nullable(_ID),
                        "name": _nullable(_ref("text")),
                        "reference": _NULLABLE_STRING,
                        "date": _nullable(_DATE),
                        "review_by": _nullable(_DATE),
                    },
                ),
                _ref("unresolved_reference"),
            ],
        },
        "retention_entry": _object(
            "Retention entry",
            "One retention rule and the data categories it applies to.",
            {
                "rule": _entry_or_unresolved("retention_rule"),
                "categories": _described(_list(_ID), "Ids among the activity's data categories."),
            },
        ),
        "special_condition_entry": _object(
            "Special condition entry",
            "One Art. 9(2) condition, the law it rests on and the special categories it covers.",
            {
                "condition": _ref("special_condition"),
                "law": _nullable(_ref("text")),
                "categories": _described(
                    _list(_ID), "[] = every special category of the activity."
                ),
            },
        ),
        "requirement": _object(
            "Requirement",
            "Whether the person must provide the data, and what follows if not (Art. 13(2)(e)).",
            {
                "kind": _ref("requirement_kind"),
                "obliged": _NULLABLE_BOOL,
                "consequences": _nullable(_ref("text")),
            },
        ),
        "activity": _object(
            "Processing activity",
            "A processing activity with every reference expanded: of the controller's record "
            "(Art. 30(1)) or of the processor's (Art. 30(2)).",
            {
                "id": _ID,
                "name": _ref("text"),
                "description": _described(
                    _nullable(_ref("text")),
                    "For a processor activity, the category of processing (Art. 30(2)(b)).",
                ),
                "role": _described(
                    _ref("register_kind"),
                    "Whose record the activity belongs to: controller (Art. 30(1)) or "
                    "processor (Art. 30(2)); the register's kind when the activity states none.",
                ),
                "on_behalf_of": _described(
                    _list(_entry_or_unresolved("controller")),
                    "For a processor activity: the controllers it is carried out for.",
                ),
                "purpose": _nullable(_ref("purpose")),
                "legal_bases": _list(_ref("legal_basis")),
                "special_condition": _described(
                    _nullable(_ref("special_condition")),
                    "The Art. 9(2) condition when the activity names exactly one.",
                ),
                "special_conditions": _described(
                    _list(_ref("special_condition_entry")),
                    "Every Art. 9(2) condition, whichever form the register used.",
                ),
                "criminal_data_authority": _described(
                    _nullable(_ref("text")), "The law authorising criminal-offence data (Art. 10)."
                ),
                "data_subjects": _list(_entry_or_unresolved("data_subject")),
                "data_categories": _list(_entry_or_unresolved("data_category")),
                "sources": _list(_ref("source")),
                "source_details": _described(
                    _nullable(_ref("text")), "The sources in words (Art. 14(2)(f))."
                ),
                "requirement": _nullable(_ref("requirement")),
                "direct_marketing": _described(
                    _NULLABLE_BOOL, "Used for direct marketing (Art. 21(2)-(3))."
                ),
                "recipients": _described(
                    _nullable(_list(_entry_or_unresolved("recipient"))),
                    "[] = none; null = not stated.",
                ),
                "transfers": _described(
                    _nullable(_list(_ref("transfer"))), "[] = none; null = not stated."
                ),
                "retention": _described(
                    _nullable(_entry_or_unresolved("retention_rule")),
                    "The retention rule when one rule covers all the activity's data.",
                ),
                "retention_entries": _described(
                    _list(_ref("retention_entry")),
                    "Every retention rule with the data categories it covers, whichever form "
                    "the register used.",
                ),
                "security_measures": _list(_entry_or_unresolved("security_measure")),
                "automated_decisions": _described(
                    _NULLABLE_BOOL, "Solely automated decisions with legal or similar effect."
                ),
                "profiling": _NULLABLE_BOOL,
                "large_scale": _NULLABLE_BOOL,
                "dpia": _nullable(_ref("dpia")),
                "systems": _list(_STRING),
                "owner": _NULLABLE_STRING,
                "reviewed": _nullable(_DATE),
                "waivers": _list(_ref("waiver")),
                "rights": _described(
                    _list(_ref("right")),
                    "Every data subject right, in the vocabulary's order; empty for a "
                    "processor activity (the rights are exercised against the controller).",
                ),
                "findings": _described(
                    _list({"type": "integer", "minimum": 0}),
                    "Positions in report.findings of the findings about this activity.",
                ),
            },
        ),
    }


def _report_defs() -> dict[str, Schema]:
    count: Schema = {"type": "integer", "minimum": 0}
    position: Schema = _nullable({"type": "integer", "minimum": 1})
    # One schema per key of `ropa.findings.JSON_FIELDS` (a key added there without one here
    # is a KeyError when the schema is built, so a test fails).
    finding_fields: dict[str, Schema] = {
        "code": {"type": "string", "pattern": r"^ROPA\d{3}$"},
        "slug": _STRING,
        "severity": {"enum": ["error", "warning", "info"]},
        "message": _described(_STRING, "The message, in the export's language (all: English)."),
        "message_id": _described(_STRING, "The message's id in ropa's message catalogues."),
        "arguments": _described(
            {"type": "object", "additionalProperties": _STRING},
            "The message's parameters by name, as text in the message's language.",
        ),
        "article": _described(_STRING, "The GDPR article the rule rests on."),
        "path": _described(_STRING, "Where in the register, e.g. activities[3].name."),
        "activity": _described(_nullable(_ID), "The activity it is about, if any."),
        "file": _described(_NULLABLE_STRING, "The file it points into."),
        "line": _described(position, "1-based line in the source file."),
        "column": _described(position, "1-based column in the source file."),
        "waived": {"type": "boolean"},
        "reason": _described(_NULLABLE_STRING, "Why it is waived."),
        "expired_waiver": _described(
            _nullable(
                _object(
                    "Expired waiver",
                    "The waiver that accepted the finding until it expired (ROPA105).",
                    {"expires": _DATE, "reason": _STRING},
                )
            ),
            "Set when the finding is open again because its waiver expired.",
        ),
    }
    return {
        "finding": _object(
            "Finding",
            "One thing a validation rule found.",
            {
                field: finding_fields[field]
                for field in JSON_FIELDS
                if field not in LOCAL_FIELDS  # the export's own choice, ropa.formats.json
            },
        ),
        "report": _object(
            "Validation report",
            "Every finding of the rule catalogue, waived ones included and marked.",
            {
                "as_of": _DATE,
                "summary": _object(
                    "Summary",
                    "Counts of open findings by severity, and of waived findings.",
                    {"errors": count, "warnings": count, "info": count, "waived": count},
                ),
                "findings": _list(_ref("finding")),
            },
        ),
    }


def _document_defs() -> dict[str, Schema]:
    return {
        "metadata": _object(
            "Metadata",
            "What wrote the document, from what and as of when. No local paths.",
            {
                "format": {"const": "ropa-export/1"},
                "generator": {"const": "ropa"},
                "ropa_version": _STRING,
                "register_format": {"const": "ropa/1"},
                "source": _described(
                    _nullable({"type": "string", "pattern": r"^[^/\\]+$"}),
                    "Base name of the register file; null when it came from no file.",
                ),
                "source_sha256": _described(
                    _nullable({"type": "string", "pattern": _SHA256_PATTERN}),
                    "SHA-256 of the register file's bytes.",
                ),
                "fragments": _described(
                    _list(
                        _object(
                            "Fragment",
                            "A file the register's include named.",
                            {
                                "file": _described(
                                    _STRING, "Path relative to the main file's folder."
                                ),
                                "sha256": _nullable({"type": "string", "pattern": _SHA256_PATTERN}),
                            },
                        )
                    ),
                    "The fragments the register was assembled from, in include order.",
                ),
                "as_of": _described(_DATE, "The date the register was checked as of."),
                "language": _described(
                    {"enum": ["lv", "en", "all"]}, "Language of texts and labels."
                ),
            },
        ),
        "register_info": _object(
            "Register",
            "About this edition of the register.",
            {
                "kind": _ref("register_kind"),
                "version": _NULLABLE_STRING,
                "language": {"type": "string", "pattern": LANGUAGE_PATTERN},
                "reviewed": _nullable(_DATE),
                "approved_by": _NULLABLE_STRING,
                "waivers": _list(_ref("waiver")),
            },
        ),
        "organisation": _object(
            "Organisation",
            "The controller (or, for a processor register, the processor).",
            {
                "name": _NULLABLE_STRING,
                "registration_number": _NULLABLE_STRING,
                "address": _nullable(_ref("text")),
                "country": _nullable(_ref("country")),
                "public_body": _NULLABLE_BOOL,
                "contact": _nullable(_ref("contact")),
                "representative": _nullable(_ref("party")),
                "dpo": _nullable(_ref("dpo")),
                "joint_controllers": _list(_ref("joint_controller")),
            },
        ),
    }


def _merge(*parts: Mapping[str, Schema]) -> dict[str, Schema]:
    merged: dict[str, Schema] = {}
    for part in parts:
        for name, schema in part.items():
            if name in merged:
                raise ValueError(f"schema definition {name!r} is defined twice")
            merged[name] = schema
    return merged


def _sections(names: Iterable[tuple[str, str, str]]) -> dict[str, Schema]:
    return {key: _described(_list(_ref(item)), text) for key, item, text in names}


# ---------------------------------------------------------------------------------------------
# The schema


def export_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the JSON export document, format ropa-export/1."""
    defs = _merge(
        _text_defs(),
        _vocabulary_defs(),
        _party_defs(),
        _catalogue_defs(),
        _activity_defs(),
        _report_defs(),
        _document_defs(),
    )
    properties: dict[str, Schema] = {
        "metadata": _ref("metadata"),
        "register": _ref("register_info"),
        "organisation": _ref("organisation"),
        **_sections(
            [
                ("controllers", "controller", "The controllers the organisation processes for."),
                ("data_subjects", "data_subject", "Catalogue of data subject categories."),
                ("data_categories", "data_category", "Catalogue of personal data categories."),
                ("recipients", "recipient", "Catalogue of recipient categories."),
                ("retention_rules", "retention_rule", "Catalogue of retention rules."),
                ("security_measures", "security_measure", "Catalogue of security measures."),
                ("assessments", "assessment", "Catalogue of assessments."),
                ("activities", "activity", "The processing activities, references expanded."),
            ]
        ),
        "report": _ref("report"),
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": EXPORT_SCHEMA_URL,
        "title": "ropa JSON export (format ropa-export/1)",
        "description": (
            "A record of processing activities under GDPR Article 30, fully resolved: every "
            "reference expanded, every vocabulary value with its label, GDPR article and W3C "
            "DPV identifier, the data subject rights derived per activity and the validation "
            "report. Written by `ropa export --to json`."
        ),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": defs,
    }
