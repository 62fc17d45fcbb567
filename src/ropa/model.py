"""Pydantic models of the register format `ropa/1`.

The models check the shape of each field (types, value sets, ids, dates, durations, country
codes). Whether a register makes sense as a whole, references included, is for the rules in
`ropa.rules`, where each judgement can be explained, waived and tested on its own.
"""

# No `from __future__ import annotations`: pydantic would then evaluate each field's
# annotation from its text when the classes are created, a fifth of importing this module
# (which every `ropa validate` does). A method that names its own class quotes the name.

import re
import warnings
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any, Literal, NoReturn, Protocol, TypeVar, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StrictBool,
    StrictStr,
    Tag,
    WithJsonSchema,
    model_validator,
)

from ropa.countries import COUNTRY_CODES
from ropa.durations import Duration
from ropa.source import SourceMap
from ropa.text import text_in
from ropa.text.messages import Invalid, Message, msg

FORMAT = "ropa/1"
CATALOGUES: tuple[str, ...] = ("controllers", "data_subjects", "data_categories", "recipients",
                               "retention_rules", "security_measures", "assessments")  # fmt: skip
"""The register's catalogues: the fields whose entries activities name by id, in the
format's order."""
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
LANGUAGE_PATTERN = r"^[a-z]{2}$"

_ID = re.compile(ID_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only, as ISO 8601

RegisterKind = Literal["controller", "processor"]
LegalBasisKind = Literal[
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
]
SpecialCondition = Literal[
    "explicit_consent",
    "employment_social_security",
    "vital_interests",
    "not_for_profit_body",
    "made_public_by_subject",
    "legal_claims",
    "substantial_public_interest",
    "health_or_social_care",
    "public_health",
    "archiving_research_statistics",
]
SpecialKind = Literal[
    "racial_or_ethnic_origin",
    "political_opinions",
    "religious_or_philosophical_beliefs",
    "trade_union_membership",
    "genetic",
    "biometric",
    "health",
    "sex_life_or_sexual_orientation",
    "criminal",
]
PurposeKind = Literal[
    "service_provision",
    "customer_management",
    "customer_care",
    "communication",
    "marketing",
    "personalisation",
    "service_improvement",
    "security",
    "fraud_prevention",
    "legal_compliance",
    "account_management",
    "human_resources",
    "research",
    "health_care",
    "recruitment",
    "video_surveillance",
    "analytics",
    "other",
]
SourceKind = Literal["data_subject", "observed", "third_party", "public", "device"]
DataSubjectKind = Literal[
    "customers",
    "prospects",
    "employees",
    "job_applicants",
    "patients",
    "students",
    "visitors",
    "subscribers",
    "suppliers",
    "members",
    "other",
]
RequirementKind = Literal["statutory", "contractual", "pre_contractual", "not_required"]
AssessmentKind = Literal["dpia", "lia", "tia"]
InternationalOrganisation = Literal["european_patent_organisation", "other"]
Derogation = Literal["a", "b", "c", "d", "e", "f", "g"]
RecipientKind = Literal[
    "processor", "controller", "joint_controller", "public_authority", "group_company", "other"
]
Safeguard = Literal["adequacy", "scc", "bcr", "code_of_conduct", "certification", "derogation"]
SecurityKind = Literal["technical", "organisational"]


def kind_of(value: Any) -> str:
    """What a loaded value is, in the register writer's words: mapping, list, text, ..."""
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__


_KINDS = frozenset({"mapping", "list", "text", "boolean", "number"})


def _type_name(value: Any) -> Message | str:
    """What `value` is, "a list", in the reader's words."""
    if value is None:
        return "null"
    kind = kind_of(value)
    return msg(f"word.a_kind.{kind}") if kind in _KINDS else kind


def _check_text(value: Any) -> Any:
    # `not text or text.isspace()`: what `not text.strip()` says, without copying the text.
    if isinstance(value, str):
        if not value or value.isspace():
            raise Invalid(msg("model.text_empty"))
        return value
    if isinstance(value, dict):
        if not value:
            raise Invalid(msg("model.language_map_empty"))
        for language, text in value.items():
            if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
                raise Invalid(msg("model.language_key", language=repr(language)))
            if not isinstance(text, str) or not text or text.isspace():
                raise Invalid(msg("model.language_text", language=str(language)))
        return value
    # A number or boolean here is almost always text YAML read as something else (`2026.1`).
    if isinstance(value, (int, float)):
        raise Invalid(msg("model.text_expected.quote", got=_type_name(value)))
    raise Invalid(msg("model.text_expected", got=_type_name(value)))


class TextMap(dict[str, str]):
    """A text in several languages, ISO 639-1 code -> text, read-only like the model that
    holds it (and hashable, so that a register is).

    It is a `dict` for every reader (`isinstance`, `json.dumps`, `dict(...)`, `{**m}`); the
    methods that would change it raise TypeError. Change a register with
    `model_copy(update=...)` and a new map instead.
    """

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a register's texts are read-only; build a new map instead")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset(self.items()))

    def __reduce__(self) -> "tuple[type[TextMap], tuple[dict[str, str]]]":
        # copy and pickle rebuild it whole instead of setting its items one by one.
        return TextMap, (dict(self),)


def _read_only_text(value: str | dict[str, str]) -> str | dict[str, str]:
    return TextMap(value) if isinstance(value, dict) and type(value) is not TextMap else value


_VALID_IDS: set[str] = set()
"""Ids already found valid: a register names each id many times (every reference to a
catalogue entry), and a set lookup costs a fraction of the pattern's match."""
_VALID_IDS_KEPT = 65_536
"""At most this many are kept (then forgotten, all at once): a long-running process that
loads many registers does not keep every id it ever read."""


def _check_id(value: Any) -> Any:
    if type(value) is str and value in _VALID_IDS:
        return value
    if not isinstance(value, str):
        raise Invalid(msg("model.id_expected", got=_type_name(value)))
    if not _ID.fullmatch(value):
        raise Invalid(msg("model.id_invalid", value=repr(value)))
    if type(value) is str:
        if len(_VALID_IDS) >= _VALID_IDS_KEPT:
            _VALID_IDS.clear()
        _VALID_IDS.add(value)
    return value


def _check_country(value: Any) -> Any:
    if not isinstance(value, str):
        raise Invalid(msg("model.country_expected", got=_type_name(value)))
    if value not in COUNTRY_CODES:
        upper = value.upper() in COUNTRY_CODES
        raise Invalid(msg("model.country_upper" if upper else "model.country", value=repr(value)))
    return value


def _check_language(value: Any) -> Any:
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise Invalid(msg("model.language", value=repr(value)))
    return value


def _check_date(value: Any) -> Any:
    if isinstance(value, date) and type(value) is date:
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise Invalid(msg("model.date_expected", value=repr(value)))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(msg("model.date_unreal", value=value)) from None


Text = Annotated[
    Union[str, dict[str, str]],  # noqa: UP007 - pydantic needs the runtime Union here
    BeforeValidator(_check_text),
    AfterValidator(_read_only_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"\S"},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANGUAGE_PATTERN},
                    "additionalProperties": {"type": "string", "pattern": r"\S"},
                    "minProperties": 1,
                },
            ],
            "description": "Text in the register's language, or a map of ISO 639-1 language "
            "code to text, e.g. {lv: Klienti, en: Customers}.",
        }
    ),
]
Id = Annotated[
    str,
    BeforeValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
Country = Annotated[
    str,
    BeforeValidator(_check_country),
    WithJsonSchema({"type": "string", "enum": sorted(COUNTRY_CODES)}),
]
Language = Annotated[
    str,
    BeforeValidator(_check_language),
    WithJsonSchema({"type": "string", "pattern": LANGUAGE_PATTERN}),
]
IsoDate = Annotated[
    date,
    BeforeValidator(_check_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]


class _Model(BaseModel):
    # defer_build: a model's validator is built when first used, not at import (`ropa --help`
    # imports no validator; `ropa validate` builds the Register's once, nested models inside
    # it). The fields' docstrings are not read here (`use_attribute_docstrings` reads and
    # tokenises this file once per class, a third of the import): the JSON Schema, the one
    # place they are shown, takes them from the source (`ropa.schema.register`).
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False, defer_build=True)


def _check_reason(value: Any) -> Any:
    # A plain string is taken as it is, blank included (a blank reason was valid before the
    # language map was allowed, and ROPA104 reports it); a map is checked like any text.
    return value if isinstance(value, str) else _check_text(value)


WaiverReason = Annotated[
    Union[str, dict[str, str]],  # noqa: UP007
    BeforeValidator(_check_reason),
    AfterValidator(_read_only_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANGUAGE_PATTERN},
                    "additionalProperties": {"type": "string", "pattern": r"\S"},
                    "minProperties": 1,
                },
            ],
            "description": "Why the finding is accepted: text in the register's language, or "
            "a map of ISO 639-1 language code to text.",
        }
    ),
]


class Waiver(_Model):
    """An accepted finding: the rule it silences, why, who accepted it, when and until when."""

    rule: StrictStr
    """The code of the rule, e.g. ROPA303."""
    reason: WaiverReason | None = None
    """Why the finding is accepted, as text or a language map; required (ROPA104 reports a
    waiver without one)."""
    accepted_by: StrictStr | None = None
    """Who accepted the finding, e.g. the DPO."""
    accepted_on: IsoDate | None = None
    """When the finding was accepted."""
    expires: IsoDate | None = None
    """The last day the waiver holds; checked on a later day it silences nothing, and the
    finding is open again (ROPA105)."""

    def reason_in(self, lang: str | None = None, fallback: str | None = None) -> str | None:
        """The reason in `lang` (then `fallback`, then any language), stripped; None when the
        waiver gives none or only blank text."""
        if self.reason is None:
            return None
        if isinstance(self.reason, str):
            return self.reason.strip() or None
        first = next(iter(self.reason))
        text = text_in(self.reason, lang or fallback or first, fallback or first)
        return text.strip() or None if text is not None else None


class Contact(_Model):
    """How to reach a person or organisation: at least one of url, email or phone."""

    url: StrictStr | None = None
    """A web page, e.g. a contact form."""
    email: StrictStr | None = None
    """An e-mail address."""
    phone: StrictStr | None = None
    """A telephone number."""
    note: Text | None = None
    """Anything else about the contact route."""


class Party(_Model):
    """A named person or body with contact details (a representative or a DPO)."""

    name: StrictStr
    """Name of the person or body."""
    contact: Contact | None = None
    """How to reach them."""


class Dpo(Party):
    """The data protection officer (Art. 37), a staff member or a service provider."""

    external: StrictBool | None = None
    """true when the DPO fulfils the tasks on the basis of a service contract (Art. 37(6));
    null = not stated."""
    organisation: StrictStr | None = None
    """The firm that provides the DPO, when external."""


class JointController(_Model):
    """Another controller that determines purposes and means jointly (Art. 26)."""

    name: StrictStr
    """Name of the joint controller."""
    contact: Contact | None = None
    """How to reach them."""
    arrangement: Text | None = None
    """The Art. 26 arrangement, or where it is kept."""


class RegisterInfo(_Model):
    """About this edition of the register."""

    kind: RegisterKind
    """controller (Art. 30(1)) or processor (Art. 30(2)): the role of every activity that
    does not state its own."""
    version: StrictStr | None = None
    """The organisation's own label for this edition."""
    language: Language = "lv"
    """Language (ISO 639-1) of plain-text fields."""
    reviewed: IsoDate | None = None
    """Date of the last full review."""
    approved_by: StrictStr | None = None
    """Who signed this edition off."""
    waivers: tuple[Waiver, ...] = ()
    """Accepted register-level findings."""


class Organisation(_Model):
    """The controller (or, for a processor register, the processor)."""

    name: StrictStr | None = None
    """Legal name."""
    registration_number: StrictStr | None = None
    """Company or public-body registration number."""
    address: Text | None = None
    """Legal address."""
    country: Country | None = None
    """Country of establishment (ISO 3166-1 alpha-2)."""
    public_body: StrictBool | None = None
    """A public authority or body (Art. 6(1)(e), 37(1)(a))."""
    contact: Contact | None = None
    """How to reach the organisation about personal data."""
    representative: Party | None = None
    """Art. 27 representative in the Union; needed when established outside the EEA."""
    dpo: Dpo | None = None
    """Data protection officer (Art. 37)."""
    joint_controllers: tuple[JointController, ...] = ()
    """Joint controllers (Art. 26)."""


class Controller(_Model):
    """A controller on whose behalf the organisation processes as a processor (Art. 30(2)(a))."""

    id: Id
    """Unique id within controllers."""
    name: StrictStr
    """Legal name of the controller."""
    contact: Contact | None = None
    """How to reach the controller."""
    representative: Party | None = None
    """The controller's Art. 27 representative, where it has one."""
    dpo: Party | None = None
    """The controller's data protection officer, where it has one."""
    contract: StrictStr | None = None
    """Reference to the Art. 28(3) contract with this controller."""


class DataSubjectCategory(_Model):
    """A category of data subjects (Art. 30(1)(c))."""

    id: Id
    """Unique id within data_subjects."""
    name: Text
    """Name of the category."""
    description: Text | None = None
    """Who belongs to it."""
    includes_children: StrictBool | None = None
    """Persons under the national age of digital consent (Art. 8)."""
    kind: DataSubjectKind | None = None
    """What kind of data subject this is (vocabulary: customers, employees, patients, ...)."""
    contract_party: StrictBool | None = None
    """Party to a contract with the controller, or asking to enter one (Art. 6(1)(b))."""
    vulnerable: StrictBool | None = None
    """Needs particular care: children of any age, patients, employees (WP248 rev.01,
    criterion 7)."""


class DataCategory(_Model):
    """A category of personal data (Art. 30(1)(c))."""

    id: Id
    """Unique id within data_categories."""
    name: Text
    """Name of the category."""
    examples: Text | None = None
    """Typical items of this category."""
    special: SpecialKind | None = None
    """An Art. 9(1) special category, or criminal (Art. 10); null when ordinary."""
    national_id: StrictBool | None = None
    """Holds a national identification number (Art. 87)."""


SubProcessorAuthorisationKind = Literal["specific", "general"]


class SubProcessorAuthorisation(_Model):
    """The controller's prior written authorisation of a sub-processor (Art. 28(2))."""

    kind: SubProcessorAuthorisationKind
    """specific (this sub-processor, by name) or general (the processor informs of changes)."""
    reference: StrictStr | None = None
    """Where the authorisation is written, e.g. a clause of the Art. 28(3) contract."""


class Recipient(_Model):
    """A category of recipients (Art. 30(1)(d))."""

    id: Id
    """Unique id within recipients."""
    name: Text
    """Name of the recipient category."""
    description: Text | None = None
    """What the recipient does with the data."""
    kind: RecipientKind
    """processor, controller, joint_controller, public_authority, group_company or other."""
    contract: StrictStr | None = None
    """Reference to the Art. 28 contract (expected for processors)."""
    countries: tuple[Country, ...] = ()
    """Where the recipient holds or accesses the data; empty = not known."""
    authorisation: SubProcessorAuthorisation | None = None
    """For a sub-processor of processor activities: the controller's authorisation
    (Art. 28(2))."""


class RetentionRule(_Model):
    """A time limit for erasure (Art. 30(1)(f))."""

    id: Id
    """Unique id within retention_rules."""
    name: Text
    """Name of the rule."""
    description: Text | None = None
    """More detail."""
    period: Duration | None = None
    """ISO 8601 duration (P5Y, P18M, P30D); null = no fixed period."""
    starts: Text | None = None
    """The event the period runs from, e.g. end of the contract."""
    until: Text | None = None
    """The event that ends the use of the data, when there is no fixed period, e.g. the
    person unsubscribes."""
    basis: Text | None = None
    """The law or reason that sets the period."""


class SecurityMeasure(_Model):
    """A technical or organisational security measure (Art. 30(1)(g), 32)."""

    id: Id
    """Unique id within security_measures."""
    name: Text
    """Name of the measure."""
    description: Text | None = None
    """More detail."""
    kind: SecurityKind
    """technical or organisational."""


class _Basis(_Model):
    covers: Text | None = None
    """Which part of the processing this basis covers (when an activity has several)."""


class ConsentBasis(_Basis):
    """Art. 6(1)(a): the data subject's consent."""

    basis: Literal["consent"]
    withdrawal: Text | None = None
    """How consent is withdrawn (Art. 7(3))."""
    parental_authorisation: Text | None = None
    """How parental consent is obtained when subjects include children (Art. 8)."""
    explicit: StrictBool | None = None
    """Explicit consent (Art. 9(2)(a), 22(2)(c), 49(1)(a)); null = not stated."""


class ContractBasis(_Basis):
    """Art. 6(1)(b): performance of a contract with the data subject."""

    basis: Literal["contract"]


class LegalObligationBasis(_Basis):
    """Art. 6(1)(c): a legal obligation of the controller."""

    basis: Literal["legal_obligation"]
    law: Text | None = None
    """The law that sets the obligation (Art. 6(3))."""


class VitalInterestsBasis(_Basis):
    """Art. 6(1)(d): vital interests of a person."""

    basis: Literal["vital_interests"]


class PublicTaskBasis(_Basis):
    """Art. 6(1)(e): a task in the public interest or official authority."""

    basis: Literal["public_task"]
    law: Text | None = None
    """The law that lays down the task (Art. 6(3))."""


class LegitimateInterestsBasis(_Basis):
    """Art. 6(1)(f): legitimate interests of the controller or a third party."""

    basis: Literal["legitimate_interests"]
    interest: Text | None = None
    """The interest pursued (Art. 6(1)(f), 13(1)(d))."""
    assessment: StrictStr | None = None
    """The balancing test: the id of a `lia` in assessments, or (as before) free text saying
    where it is kept. `Register.assessment` tells the two apart."""


LEGAL_BASIS_MODELS: dict[str, type[_Basis]] = {
    "consent": ConsentBasis,
    "contract": ContractBasis,
    "legal_obligation": LegalObligationBasis,
    "vital_interests": VitalInterestsBasis,
    "public_task": PublicTaskBasis,
    "legitimate_interests": LegitimateInterestsBasis,
}


def _basis_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        tag = value.get("basis")
        return tag if isinstance(tag, str) else None
    return getattr(value, "basis", None)


LegalBasis = Annotated[
    Union[  # noqa: UP007
        Annotated[ConsentBasis, Tag("consent")],
        Annotated[ContractBasis, Tag("contract")],
        Annotated[LegalObligationBasis, Tag("legal_obligation")],
        Annotated[VitalInterestsBasis, Tag("vital_interests")],
        Annotated[PublicTaskBasis, Tag("public_task")],
        Annotated[LegitimateInterestsBasis, Tag("legitimate_interests")],
    ],
    Discriminator(_basis_tag),
]


class Transfer(_Model):
    """A transfer to a country outside the EEA or to an international organisation
    (Art. 30(1)(e), 44–49): either `country` or `organisation`."""

    country: Country | None = None
    """Destination country (ISO 3166-1 alpha-2)."""
    organisation: InternationalOrganisation | None = None
    """Destination international organisation (Art. 4(26)), instead of a country:
    european_patent_organisation, or other with organisation_name."""
    organisation_name: Text | None = None
    """The name of the international organisation, when organisation is other."""
    recipient: Id | None = None
    """The recipient (id in recipients) that receives the data."""
    safeguard: Safeguard | None = None
    """adequacy, scc, bcr, code_of_conduct, certification or derogation."""
    derogation: Derogation | None = None
    """When the safeguard is a derogation: the Art. 49(1) point, a to g."""
    reference: StrictStr | None = None
    """Where the safeguard is documented."""
    assessment: StrictStr | None = None
    """The transfer impact assessment: the id of a `tia` in assessments, or free text saying
    where it is kept."""

    @model_validator(mode="after")
    def _one_destination(self) -> "Transfer":
        if (self.country is None) == (self.organisation is None):
            raise Invalid(msg("model.transfer.destination"))
        if self.organisation == "other" and self.organisation_name is None:
            raise Invalid(msg("model.transfer.other_name"))
        if self.organisation_name is not None and self.organisation != "other":
            raise Invalid(msg("model.transfer.name_only_for_other"))
        return self

    @property
    def destination(self) -> str:
        """The country code or the organisation code (never both, never neither)."""
        return self.country or self.organisation or ""


class Dpia(_Model):
    """A data protection impact assessment (Art. 35), written in the activity (the older form;
    an id in the assessments catalogue is the newer)."""

    reference: StrictStr
    """Where the DPIA is kept."""
    date: IsoDate | None = None
    """When it was carried out."""


class Assessment(_Model):
    """An assessment named once and referenced by id: a DPIA (Art. 35), a legitimate
    interests assessment (Art. 6(1)(f)) or a transfer impact assessment (Art. 46)."""

    id: Id
    """Unique id within assessments."""
    kind: AssessmentKind
    """dpia, lia (legitimate interests) or tia (transfer impact)."""
    name: Text
    """Name of the assessment."""
    reference: StrictStr | None = None
    """Where it is kept, e.g. a document number."""
    date: IsoDate | None = None
    """When it was carried out."""
    review_by: IsoDate | None = None
    """When it is due to be reviewed."""


class RetentionEntry(_Model):
    """One retention rule for some of an activity's data categories."""

    rule: Id
    """The retention rule (id in retention_rules)."""
    categories: tuple[Id, ...] = Field(min_length=1)
    """The data categories it applies to (ids among the activity's data_categories)."""


class SpecialConditionEntry(_Model):
    """One Art. 9(2) condition, the law it rests on, and the special categories it covers."""

    condition: SpecialCondition
    """The Art. 9(2) condition by name."""
    law: Text | None = None
    """The Union or Member State law it rests on (Art. 9(2)(b), (g), (h), (i), (j), 9(3))."""
    categories: tuple[Id, ...] = ()
    """The special data categories it covers; empty = every special category of the activity."""


class Requirement(_Model):
    """Whether the person must provide the data, and what follows if they do not
    (Art. 13(2)(e))."""

    kind: RequirementKind
    """statutory, contractual, pre_contractual (needed to enter a contract) or not_required."""
    obliged: StrictBool | None = None
    """Must the person provide the data? null = not stated."""
    consequences: Text | None = None
    """What follows if the person does not provide them."""


_M = TypeVar("_M", bound=BaseModel)

# Tags of the fields that take an older and a newer form: pydantic tries only the form the
# value's shape asks for, so a mistake gets one message, not one per form. The loader drops
# these tags (they end in "-form") from the paths it reports.
SINGLE_FORM, LIST_FORM, MAPPING_FORM = "single-form", "list-form", "mapping-form"


def _list_or_single(value: Any) -> str:
    return LIST_FORM if isinstance(value, (list, tuple)) else SINGLE_FORM


def _mapping_or_single(value: Any) -> str:
    return MAPPING_FORM if isinstance(value, (dict, BaseModel)) else SINGLE_FORM


RetentionField = Annotated[
    Union[  # noqa: UP007
        Annotated[Id, Tag(SINGLE_FORM)],
        Annotated[tuple[RetentionEntry, ...], Tag(LIST_FORM)],
    ],
    Discriminator(_list_or_single),
]
SpecialConditionField = Annotated[
    Union[  # noqa: UP007
        Annotated[SpecialCondition, Tag(SINGLE_FORM)],
        Annotated[tuple[SpecialConditionEntry, ...], Tag(LIST_FORM)],
    ],
    Discriminator(_list_or_single),
]
DpiaField = Annotated[
    Union[  # noqa: UP007
        Annotated[Id, Tag(SINGLE_FORM)],
        Annotated[Dpia, Tag(MAPPING_FORM)],
    ],
    Discriminator(_mapping_or_single),
]


class Activity(_Model):
    """A processing activity: one purpose and what serves it (Art. 30(1)).

    Its lists (`legal_bases`, `data_subjects`, ...) are tuples; catalogue entries are named
    by id.

    Examples:
        >>> import ropa
        >>> activity = ropa.load("data/processing_activities.yaml").activities[0]
        >>> activity.id, activity.purpose
        ('customer_registration', 'account_management')
        >>> [basis.basis for basis in activity.legal_bases]
        ['contract']
        >>> renamed = activity.model_copy(update={"name": "Registration"})
        >>> renamed.name, activity.name["en"]
        ('Registration', 'Customer registration')
    """

    id: Id
    """Unique id within activities."""
    name: Text
    """Name of the activity."""
    description: Text | None = None
    """What the processing is; for a processor activity, the category of processing carried
    out on the controller's behalf (Art. 30(2)(b))."""
    role: RegisterKind | None = None
    """controller or processor; when not stated, register.kind."""
    on_behalf_of: tuple[Id, ...] = ()
    """For a processor activity: the controllers (ids in controllers) it is carried out for."""
    purpose: PurposeKind | None = None
    """The purpose kind (Art. 30(1)(b))."""
    legal_bases: tuple[LegalBasis, ...] = ()
    """Art. 6(1) legal bases, each with what that basis needs."""
    special_condition: SpecialConditionField | None = None
    """The Art. 9(2) condition by name, or a list of {condition, law, categories}; needed when
    a data category is special. Read it with `special_conditions()`."""
    criminal_data_authority: Text | None = None
    """The Union or Member State law authorising the processing of criminal-offence data
    (Art. 10)."""
    data_subjects: tuple[Id, ...] = ()
    """Data subject categories (ids in data_subjects)."""
    data_categories: tuple[Id, ...] = ()
    """Personal data categories (ids in data_categories)."""
    sources: tuple[SourceKind, ...] = ()
    """Where the data comes from."""
    source_details: Text | None = None
    """The sources in words, e.g. forms on the website (Art. 14(2)(f))."""
    requirement: Requirement | None = None
    """Whether providing the data is required, and the consequences of not (Art. 13(2)(e))."""
    direct_marketing: StrictBool | None = None
    """The data are used for direct marketing, profiling for it included (Art. 21(2)-(3));
    null = not stated."""
    recipients: tuple[Id, ...] | None = None
    """Recipient categories (ids in recipients); [] = none, missing = not stated."""
    transfers: tuple[Transfer, ...] | None = None
    """Transfers outside the EEA; [] = none, missing = not stated."""
    retention: RetentionField | None = None
    """Retention rule (id in retention_rules) for all the activity's data, or a list of
    {rule, categories}, one rule per data category. Read it with `retention_entries()`."""
    security_measures: tuple[Id, ...] = ()
    """Security measures (ids in security_measures)."""
    automated_decisions: StrictBool | None = None
    """Decisions with legal or similarly significant effect (Art. 22); null = not stated."""
    profiling: StrictBool | None = None
    """Profiling (Art. 4(4)); null = not stated."""
    large_scale: StrictBool | None = None
    """Processing on a large scale; null = not stated."""
    dpia: DpiaField | None = None
    """The DPIA, when one was carried out: the id of a `dpia` in assessments, or (as before)
    {reference, date}. `Register.dpia_of` resolves it."""
    systems: tuple[StrictStr, ...] = ()
    """Applications that hold the data."""
    owner: StrictStr | None = None
    """Who answers for this activity."""
    reviewed: IsoDate | None = None
    """Date this activity was last reviewed."""
    waivers: tuple[Waiver, ...] = ()
    """Accepted findings for this activity."""

    def retention_entries(self) -> tuple[RetentionEntry, ...]:
        """The retention as a list of {rule, categories}, whichever form was written: a single
        rule id becomes one entry covering every data category of the activity."""
        retention = self.retention
        if retention is None:
            return ()
        if isinstance(retention, str):
            return (_entry(RetentionEntry, rule=retention, categories=self.data_categories),)
        return retention

    def retention_rule_ids(self) -> tuple[str, ...]:
        """The retention rules the activity names, each once, in the order written."""
        return tuple(dict.fromkeys(entry.rule for entry in self.retention_entries()))

    def special_conditions(self) -> tuple[SpecialConditionEntry, ...]:
        """The Art. 9(2) conditions as a list of {condition, law, categories}, whichever form
        was written (a single code becomes one entry without a law, covering every special
        category: empty `categories`)."""
        condition = self.special_condition
        if condition is None:
            return ()
        if isinstance(condition, str):
            return (_entry(SpecialConditionEntry, condition=condition),)
        return condition

    def special_condition_codes(self) -> tuple[str, ...]:
        """The Art. 9(2) conditions by name, each once, in the order written."""
        return tuple(dict.fromkeys(entry.condition for entry in self.special_conditions()))


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_E = TypeVar("_E", bound=_HasId)


def by_id(entries: Iterable[_E]) -> dict[str, _E]:
    """A catalogue indexed by id. Where an id repeats (ROPA101 reports it), the first entry
    wins, as a reference to it is read everywhere: the rules, every export, the notice."""
    index: dict[str, _E] = {}
    for entry in entries:
        index.setdefault(entry.id, entry)
    return index


def _entry(model: type[_M], **values: Any) -> _M:
    # Built from values the models have already checked: no second validation.
    return model.model_construct(**values)


# `register` is the format's own field name; pydantic warns that it hides ABCMeta.register,
# which no code here calls on a Register.
warnings.filterwarnings("ignore", message='Field name "register"', category=UserWarning)


class Register(_Model):
    """A record of processing activities in the format ropa/1 (GDPR Art. 30).

    A frozen model: `ropa.load` makes one from a file, `model_copy(update=...)` a changed
    copy, `ropa.dump` saves it. Two registers are equal when they say the same.

    Examples:
        >>> import ropa
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> register.format, register.organisation.country
        ('ropa/1', 'LV')
        >>> [activity.id for activity in register.activities][:2]
        ['customer_registration', 'hosting_requests']
        >>> register.text(register.activities[0].name, "en")
        'Customer registration'
        >>> smaller = register.model_copy(update={"activities": register.activities[:1]})
        >>> len(smaller.activities), smaller == register
        (1, False)
    """

    model_config = ConfigDict(title="ropa register (format ropa/1)")

    format: Literal["ropa/1"]
    """Format identifier: ropa/1."""
    include: tuple[StrictStr, ...] = ()
    """Fragment files whose catalogues and activities belong to this register: globs relative
    to this file, read in order (the loader appends their content)."""
    # Field(...) keeps the field required: without it pydantic would take ABCMeta.register,
    # inherited by every model class, for a default value.
    register: RegisterInfo = Field(...)
    """About this edition of the register."""
    organisation: Organisation
    """The controller or processor keeping the register."""
    controllers: tuple[Controller, ...] = ()
    """Catalogue of the controllers on whose behalf the organisation processes (Art. 30(2)(a))."""
    data_subjects: tuple[DataSubjectCategory, ...] = ()
    """Catalogue of data subject categories."""
    data_categories: tuple[DataCategory, ...] = ()
    """Catalogue of personal data categories."""
    recipients: tuple[Recipient, ...] = ()
    """Catalogue of recipient categories."""
    retention_rules: tuple[RetentionRule, ...] = ()
    """Catalogue of retention rules."""
    security_measures: tuple[SecurityMeasure, ...] = ()
    """Catalogue of security measures."""
    assessments: tuple[Assessment, ...] = ()
    """Catalogue of assessments (DPIA, legitimate interests, transfer impact)."""
    activities: tuple[Activity, ...] = ()
    """The processing activities."""

    _source: SourceMap | None = PrivateAttr(default=None)

    @property
    def source(self) -> SourceMap | None:
        """Where each node came from, when the register was loaded from a file or text."""
        return self._source

    def __eq__(self, other: object) -> bool:
        # Two registers are equal when they say the same; where they were read from is not
        # part of what they say.
        if not isinstance(other, Register):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def with_source(self, source: SourceMap | None) -> "Register":
        """A copy of this register that carries `source` as its source map (this one keeps
        its own). The copy is shallow: registers are frozen, so they share their parts."""
        copy = self.model_copy()
        copy._source = source
        return copy

    def role_of(self, activity: Activity) -> RegisterKind:
        """The role the organisation has in `activity`: its own `role`, else `register.kind`."""
        return activity.role if activity.role is not None else self.register.kind

    @property
    def controller_activities(self) -> tuple[Activity, ...]:
        """The activities of the controller's record (Art. 30(1)), in file order."""
        return tuple(a for a in self.activities if self.role_of(a) == "controller")

    @property
    def processor_activities(self) -> tuple[Activity, ...]:
        """The activities of the processor's record (Art. 30(2)), in file order."""
        return tuple(a for a in self.activities if self.role_of(a) == "processor")

    def text(self, value: str | dict[str, str] | None, lang: str | None = None) -> str | None:
        """A text field in `lang`, falling back to the register language, then any language."""
        return text_in(value, lang or self.register.language, self.register.language)

    def assessment(self, reference: str | None) -> Assessment | None:
        """The catalogue assessment `reference` names, or None when it names none (it is then
        free text, the older form, or an unknown id)."""
        if reference is None:
            return None
        # A catalogue holds a few assessments: a scan costs less than keeping an index fresh
        # through model_copy.
        return next((entry for entry in self.assessments if entry.id == reference), None)

    def dpia_of(self, activity: Activity) -> Assessment | Dpia | None:
        """The activity's DPIA: the catalogue entry its `dpia` id names, the older inline
        `{reference, date}`, or None (no DPIA, or an id that names no assessment)."""
        dpia = activity.dpia
        if dpia is None or isinstance(dpia, Dpia):
            return dpia
        return self.assessment(dpia)
