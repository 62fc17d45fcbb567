"""JSON-LD export: the register as linked data in the W3C Data Privacy Vocabulary (DPV 2.x).

The register is one `dpv:ROPA` whose parts (`dct:hasPart`) are the activities, each a
`dpv:Process` (the DPV 2 concept for "an action, activity, or method"; `dpv:PersonalDataHandling`
is marked *sunset* in DPV 2.3 in its favour). Every closed value is written as the DPV or
`eu-gdpr:` term `ropa.vocab` gives it, every text as language-tagged literals (one per language
written), durations as `xsd:duration`, countries as `loc:` codes. See docs/dpv.md for the
mapping, field by field, and for what DPV has no term for.

The @context is inline: a reader needs no network to expand the document. The output is
deterministic: keys in a fixed order by construction, lists in the register's order, language
maps sorted by language, no clock once `as_of` is given.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from ropa import vocab
from ropa._version import __version__
from ropa.atomic import write_bytes_atomically
from ropa.model import (
    Activity,
    Contact,
    DataCategory,
    DataSubjectCategory,
    Organisation,
    Recipient,
    Register,
    RetentionRule,
    SecurityMeasure,
)
from ropa.rights import rights_of
from ropa.text.messages import languages, message
from ropa.vocab import (
    LEGAL_BASES,
    PURPOSES,
    RECIPIENT_KINDS,
    RIGHTS,
    SAFEGUARDS,
    SECURITY_KINDS,
    SOURCES,
    SPECIAL_CONDITIONS,
    SPECIAL_KINDS,
)

if TYPE_CHECKING:
    from ropa.findings import Report

__all__ = ["CONTEXT", "DEFAULT_BASE", "export_jsonld", "jsonld_bytes", "jsonld_document"]

Json = Any
"""A JSON value built from dict, list, str, int, bool and None."""

DEFAULT_BASE = "urn:ropa:"
"""The IRI every node of the register is named under, unless the caller gives its own."""

CONTEXT: Mapping[str, str] = {
    "dpv": "https://w3id.org/dpv#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "pd": "https://w3id.org/dpv/pd#",
    "loc": "https://w3id.org/dpv/loc#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}
"""The inline @context: prefixes only, so that every key in the document is a compact IRI."""

# The Art. 49(1) derogations, by point, and the international organisation class (issue of
# 2026-12: transfers name a derogation point and may go to an organisation).
_DEROGATIONS = {letter: f"eu-gdpr:A49-1-{letter}" for letter in "abcdefg"}
_ASSESSMENT_TYPES = {
    "dpia": "dpv:DPIA",
    "lia": "dpv:LegitimateInterestAssessment",
    "tia": "dpv:DataTransferImpactAssessment",
}
_SEVERITIES = {"error": "sh:Violation", "warning": "sh:Warning", "info": "sh:Info"}


# ---------------------------------------------------------------------------------------------
# Public API


def export_jsonld(
    register: Register,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    report: Report | None = None,
    as_of: date | None = None,
    source_sha256: str | None = None,
    findings: bool = False,
    base: str = DEFAULT_BASE,
) -> None:
    """Write `register` as DPV JSON-LD to `path`, whole or not at all.

    Every text is written in every language it has. With `findings`, the validation findings
    (`report`, else the register validated as of `as_of`) are added as SHACL validation
    results on the activities they concern, each `sh:resultMessage` in `lang` (a language with
    a message catalogue, tagged with it), or with ``all`` in every such language. `base` is the
    IRI the register's nodes are named under (give your own namespace to publish the graph).
    `source_sha256` is accepted for the common exporter signature and not written: the graph
    states the register, not the file it came from.

    Examples:
        >>> import json, ropa
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> ropa.export_jsonld(register, "ropa.jsonld")
        >>> with open("ropa.jsonld", encoding="utf-8") as stream:
        ...     graph = json.load(stream)["@graph"]
        >>> graph[0]["@type"], len(graph[0]["dct:hasPart"])
        ('dpv:ROPA', 8)
    """
    write_bytes_atomically(
        path,
        jsonld_bytes(register, lang=lang, report=report, as_of=as_of, findings=findings, base=base),
    )


def jsonld_bytes(
    register: Register,
    *,
    lang: str = "en",
    report: Report | None = None,
    as_of: date | None = None,
    findings: bool = False,
    base: str = DEFAULT_BASE,
) -> bytes:
    """The JSON-LD document of `register` as UTF-8 bytes (see `export_jsonld`)."""
    document = jsonld_document(
        register, lang=lang, report=report, as_of=as_of, findings=findings, base=base
    )
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def jsonld_document(
    register: Register,
    *,
    lang: str = "en",
    report: Report | None = None,
    as_of: date | None = None,
    findings: bool = False,
    base: str = DEFAULT_BASE,
) -> dict[str, Json]:
    """The JSON-LD document of `register` as plain data (no I/O; see `export_jsonld`)."""
    known = languages()
    if lang not in (*known, "all"):
        raise ValueError(f"lang must be one of {', '.join(known)}, all; got {lang!r}")
    if not base or any(character.isspace() for character in base):
        raise ValueError(f"base must be an IRI without spaces, got {base!r}")
    if findings and report is None:
        from ropa.rules import validate

        report = validate(register, as_of=as_of)
    graph = _Graph(register, base)
    nodes = graph.nodes()
    if findings and report is not None:
        nodes.extend(graph.findings(report, known if lang == "all" else (lang,)))
    return {"@context": dict(CONTEXT), "@graph": nodes}


# ---------------------------------------------------------------------------------------------
# The graph


def _ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def _put(node: dict[str, Json], key: str, value: Json) -> None:
    """Set `key` unless the value says nothing (None, empty list)."""
    if value is None or value == []:
        return
    node[key] = value


class _Graph:
    """Builds the nodes of one register; IRIs are `base` + kind + "/" + the register's id."""

    def __init__(self, register: Register, base: str) -> None:
        self.register = register
        self.base = base
        self.language = register.register.language

    # -- names and texts

    def iri(self, kind: str, *parts: str) -> str:
        return self.base + "/".join((kind, *parts))

    def text(self, value: str | Mapping[str, str] | None) -> Json:
        """A text as language-tagged literals: one per language, sorted by language."""
        if value is None:
            return None
        if isinstance(value, str):
            return {"@value": value, "@language": self.language}
        literals = [{"@value": value[code], "@language": code} for code in sorted(value)]
        return literals[0] if len(literals) == 1 else literals

    @staticmethod
    def literal(value: str | None) -> Json:
        return value

    @staticmethod
    def day(value: date | None) -> Json:
        return None if value is None else {"@value": value.isoformat(), "@type": "xsd:date"}

    # -- the whole

    def nodes(self) -> list[Json]:
        register = self.register
        info = register.register
        ropa: dict[str, Json] = {"@id": self.iri("register"), "@type": "dpv:ROPA"}
        _put(ropa, "dct:identifier", info.version)
        _put(ropa, "dct:modified", self.day(info.reviewed))
        _put(ropa, "dct:creator", {"@value": f"ropa {__version__}"})
        _put(ropa, "dct:language", info.language)
        _put(ropa, "dct:isReferencedBy", info.approved_by)
        keeper = "dpv:hasDataProcessor" if info.kind == "processor" else "dpv:hasDataController"
        ropa[keeper] = _ref(self.iri("organisation"))
        _put(ropa, "dct:hasPart", [_ref(self.activity_iri(a)) for a in register.activities])
        nodes: list[Json] = [ropa, self.organisation(register.organisation)]
        nodes.extend(self.client(item) for item in getattr(register, "controllers", ()))
        nodes.extend(self.subject(subject) for subject in register.data_subjects)
        nodes.extend(self.category(category) for category in register.data_categories)
        nodes.extend(self.recipient(recipient) for recipient in register.recipients)
        nodes.extend(self.retention(rule) for rule in register.retention_rules)
        nodes.extend(self.measure(measure) for measure in register.security_measures)
        nodes.extend(self.assessment(item) for item in getattr(register, "assessments", ()))
        nodes.extend(self.activity(activity) for activity in register.activities)
        return nodes

    # -- who

    def contact(self, node: dict[str, Json], contact: Contact | None) -> None:
        if contact is None:
            return
        routes = [value for value in (contact.email, contact.phone, contact.url) if value]
        _put(node, "dpv:hasContact", routes)
        _put(node, "rdfs:comment", self.text(contact.note))

    def party(self, iri: str, kind: str, party: Any) -> dict[str, Json]:
        node: dict[str, Json] = {"@id": iri, "@type": kind, "dpv:hasName": party.name}
        self.contact(node, party.contact)
        firm = getattr(party, "organisation", None)  # an external DPO's firm (2026-12)
        if firm:
            _put(node, "dct:publisher", firm if isinstance(firm, str) else self.text(firm))
        return node

    def role_of(self, activity: Activity) -> str:
        role = getattr(activity, "role", None)  # processor records (Art. 30(2))
        return str(role) if role is not None else self.register.register.kind

    def organisation(self, organisation: Organisation) -> dict[str, Json]:
        """The organisation keeping the register: a controller, a processor, or both."""
        roles = {self.role_of(activity) for activity in self.register.activities}
        roles.add(self.register.register.kind)
        types = [
            kind
            for role, kind in (
                ("controller", "dpv:DataController"),
                ("processor", "dpv:DataProcessor"),
            )
            if role in roles
        ]
        if organisation.public_body:
            types.append("dpv:GovernmentalOrganisation")
        node: dict[str, Json] = {
            "@id": self.iri("organisation"),
            "@type": types if len(types) > 1 else types[0],
        }
        _put(node, "dpv:hasName", organisation.name)
        _put(node, "dpv:hasIdentifier", organisation.registration_number)
        _put(node, "dpv:hasAddress", self.text(organisation.address))
        if organisation.country:
            node["dpv:hasCountry"] = _ref(f"loc:{organisation.country}")
        self.contact(node, organisation.contact)
        if organisation.dpo is not None:
            node["dpv:hasDataProtectionOfficer"] = self.party(
                self.iri("dpo"), "dpv:DataProtectionOfficer", organisation.dpo
            )
        if organisation.representative is not None:
            node["dpv:hasRepresentative"] = self.party(
                self.iri("representative"), "dpv:Representative", organisation.representative
            )
        joint = []
        for number, other in enumerate(organisation.joint_controllers, start=1):
            partner = self.party(
                self.iri("joint-controller", str(number)), "dpv:DataController", other
            )
            _put(partner, "dct:description", self.text(other.arrangement))
            joint.append(partner)
        if joint:
            node["dpv:hasJointDataControllers"] = {
                "@id": self.iri("joint-controllers"),
                "@type": "dpv:JointDataControllers",
                "dpv:hasDataController": [_ref(self.iri("organisation")), *joint],
            }
        return node

    def client(self, controller: Any) -> dict[str, Json]:
        """A controller on whose behalf the organisation processes (Art. 30(2)(a))."""
        node = self.party(self.iri("client", controller.id), "dpv:DataController", controller)
        node["dct:identifier"] = controller.id
        for key, kind in (
            ("dpo", "dpv:DataProtectionOfficer"),
            ("representative", "dpv:Representative"),
        ):
            party = getattr(controller, key, None)
            if party is not None:
                prop = "dpv:hasDataProtectionOfficer" if key == "dpo" else "dpv:hasRepresentative"
                node[prop] = self.party(self.iri("client", controller.id, key), kind, party)
        if getattr(controller, "contract", None):
            node["dpv:hasLegalMeasure"] = {
                "@type": "dpv:DataProcessingAgreement",
                "dct:identifier": controller.contract,
            }
        return node

    # -- catalogues

    def subject(self, subject: DataSubjectCategory) -> dict[str, Json]:
        types = ["dpv:DataSubject"]
        kind = getattr(vocab, "DATA_SUBJECT_KINDS", {}).get(getattr(subject, "kind", None))
        if kind is not None and kind.dpv not in types:
            types.append(kind.dpv)
        if subject.includes_children:
            types.append("dpv:Child")
        if getattr(subject, "vulnerable", None):
            types.append("dpv:VulnerableDataSubject")
        node: dict[str, Json] = {
            "@id": self.iri("data-subject", subject.id),
            "@type": types if len(types) > 1 else types[0],
            "dct:identifier": subject.id,
            "skos:prefLabel": self.text(subject.name),
        }
        _put(node, "dct:description", self.text(subject.description))
        return node

    def category(self, category: DataCategory) -> dict[str, Json]:
        special = SPECIAL_KINDS[category.special].dpv if category.special else None
        node: dict[str, Json] = {
            "@id": self.iri("data-category", category.id),
            "@type": "dpv:SpecialCategoryPersonalData" if special else "dpv:PersonalData",
            "dct:identifier": category.id,
            "skos:prefLabel": self.text(category.name),
        }
        broader = [special] if special else []
        if category.national_id:
            broader.append("pd:NationalIdentificationNumber")
        _put(node, "skos:broader", [_ref(term) for term in broader])
        _put(node, "skos:example", self.text(category.examples))
        return node

    def recipient(self, recipient: Recipient) -> dict[str, Json]:
        role = RECIPIENT_KINDS[recipient.kind].dpv
        types = ["dpv:Recipient"] if role == "dpv:Recipient" else ["dpv:Recipient", role]
        node: dict[str, Json] = {
            "@id": self.iri("recipient", recipient.id),
            "@type": types if len(types) > 1 else types[0],
            "dct:identifier": recipient.id,
            "dpv:hasName": self.text(recipient.name),
        }
        _put(node, "dct:description", self.text(recipient.description))
        if recipient.contract:
            node["dpv:hasLegalMeasure"] = {
                "@type": "dpv:DataProcessingAgreement",
                "dct:identifier": recipient.contract,
            }
        _put(node, "dpv:hasCountry", [_ref(f"loc:{code}") for code in recipient.countries])
        return node

    def retention(self, rule: RetentionRule) -> dict[str, Json]:
        until = getattr(rule, "until", None)  # the end event (2026-12)
        if rule.period is not None:
            duration: dict[str, Json] = {
                "@type": "dpv:TemporalDuration",
                "rdf:value": {"@value": str(rule.period), "@type": "xsd:duration"},
            }
            _put(duration, "dct:description", self.text(rule.starts))
        elif until is not None or rule.starts is not None:
            duration = {"@type": "dpv:UntilEventDuration"}
            _put(
                duration, "dct:description", self.text(until if until is not None else rule.starts)
            )
        else:
            duration = {"@type": "dpv:IndeterminateDuration"}
        node: dict[str, Json] = {
            "@id": self.iri("retention", rule.id),
            "@type": "dpv:StorageDuration",
            "dct:identifier": rule.id,
            "dct:title": self.text(rule.name),
        }
        _put(node, "dct:description", self.text(rule.description))
        node["dpv:hasDuration"] = duration
        _put(node, "dpv:hasJustification", self.text(rule.basis))
        return node

    def measure(self, measure: SecurityMeasure) -> dict[str, Json]:
        node: dict[str, Json] = {
            "@id": self.iri("security-measure", measure.id),
            "@type": SECURITY_KINDS[measure.kind].dpv,
            "dct:identifier": measure.id,
            "dct:title": self.text(measure.name),
        }
        _put(node, "dct:description", self.text(measure.description))
        return node

    def assessment(self, item: Any) -> dict[str, Json]:
        node: dict[str, Json] = {
            "@id": self.iri("assessment", item.id),
            "@type": _ASSESSMENT_TYPES.get(str(item.kind), "dpv:Assessment"),
            "dct:identifier": item.id,
        }
        _put(node, "dct:title", self.text(getattr(item, "name", None)))
        _put(node, "dct:source", getattr(item, "reference", None))
        _put(node, "dct:date", self.day(getattr(item, "date", None)))
        _put(node, "dct:valid", self.day(getattr(item, "review_by", None)))
        return node

    # -- activities

    def activity_iri(self, activity: Activity) -> str:
        return self.iri("activity", activity.id)

    def activity(self, activity: Activity) -> dict[str, Json]:
        iri = self.activity_iri(activity)
        node: dict[str, Json] = {
            "@id": iri,
            "@type": "dpv:Process",
            "dct:identifier": activity.id,
            "dct:title": self.text(activity.name),
        }
        _put(node, "dct:description", self.text(activity.description))
        _put(node, "dct:modified", self.day(activity.reviewed))
        if self.role_of(activity) == "processor":
            clients = getattr(activity, "on_behalf_of", ())
            _put(node, "dpv:hasDataController", [_ref(self.iri("client", c)) for c in clients])
            node["dpv:hasDataProcessor"] = _ref(self.iri("organisation"))
        else:
            node["dpv:hasDataController"] = _ref(self.iri("organisation"))
        if activity.purpose is not None:
            node["dpv:hasPurpose"] = _ref(PURPOSES[activity.purpose].dpv)
        if getattr(activity, "direct_marketing", None):
            purposes = [node["dpv:hasPurpose"]] if "dpv:hasPurpose" in node else []
            if _ref("dpv:DirectMarketing") not in purposes:
                purposes.append(_ref("dpv:DirectMarketing"))
            node["dpv:hasPurpose"] = purposes if len(purposes) > 1 else purposes[0]
        authority = getattr(activity, "criminal_data_authority", None)
        if authority is not None:  # Art. 10: the law that authorises criminal-offence data
            node["dpv:hasApplicableLaw"] = {
                "@type": "dpv:Law",
                "dct:title": self.text(authority),
                "dct:subject": "GDPR Art. 10",
            }
        _put(node, "dpv:hasLegalBasis", list(self.bases(iri, activity)))
        _put(
            node,
            "dpv:hasDataSubject",
            [_ref(self.iri("data-subject", item)) for item in activity.data_subjects],
        )
        categories = [_ref(self.iri("data-category", item)) for item in activity.data_categories]
        if "observed" in activity.sources:
            categories.append(_ref("dpv:ObservedPersonalData"))
        _put(node, "dpv:hasPersonalData", categories)
        _put(
            node,
            "dpv:hasDataSource",
            [
                _ref(SOURCES[source].dpv)
                for source in activity.sources
                if source != "observed" and source in SOURCES
            ],
        )
        if activity.recipients is not None:
            _put(
                node,
                "dpv:hasRecipient",
                [_ref(self.iri("recipient", item)) for item in activity.recipients],
            )
        _put(node, "dpv:hasProcess", list(self.transfers(iri, activity)))
        _put(node, "dpv:hasStorageCondition", list(self.storage(iri, activity)))
        _put(
            node,
            "dpv:hasTechnicalOrganisationalMeasure",
            [_ref(self.iri("security-measure", item)) for item in activity.security_measures],
        )
        context = []
        if activity.automated_decisions:
            context.append(_ref("dpv:AutomatedDecisionMaking"))
        if activity.profiling:
            node["dpv:hasProcessing"] = _ref("dpv:Profiling")
        _put(node, "dpv:hasContext", context)
        if activity.large_scale:
            node["dpv:hasScale"] = _ref("dpv:LargeScaleProcessing")
        _put(node, "dpv:hasImpactAssessment", self.dpia(iri, activity))
        _put(node, "dpv:hasRight", self.rights(activity))
        return node

    def bases(self, iri: str, activity: Activity) -> Iterator[Json]:
        for number, basis in enumerate(activity.legal_bases, start=1):
            node: dict[str, Json] = {
                "@id": f"{iri}/legal-basis/{number}",
                "@type": self.basis_types(basis),
            }
            _put(node, "skos:scopeNote", self.text(basis.covers))
            _put(node, "dct:description", self.text(getattr(basis, "interest", None)))
            law = getattr(basis, "law", None)
            if law is not None:
                node["dpv:hasApplicableLaw"] = {"@type": "dpv:Law", "dct:title": self.text(law)}
            withdrawal = getattr(basis, "withdrawal", None)
            if withdrawal is not None:
                node["dpv:hasConsentControl"] = {
                    "@type": "dpv:WithdrawConsent",
                    "dct:description": self.text(withdrawal),
                }
            _put(
                node, "dpv:hasAssessment", self.assessment_link(getattr(basis, "assessment", None))
            )
            yield node
        yield from self.conditions(iri, activity)

    @staticmethod
    def basis_types(basis: Any) -> Json:
        """The basis's eu-gdpr term; for consent said to be explicit or not, the narrower term
        too (eu-gdpr:A6-1-a-explicit-consent), so that both queries find it."""
        term = LEGAL_BASES[basis.basis].dpv
        explicit = getattr(basis, "explicit", None)
        if basis.basis != "consent" or explicit is None:
            return term
        narrower = "explicit-consent" if explicit else "non-explicit-consent"
        return [term, f"{term}-{narrower}"]

    def conditions(self, iri: str, activity: Activity) -> Iterator[Json]:
        """The Art. 9(2) conditions: a code (ropa/1) or a list of {condition, law, categories}."""
        value: Any = activity.special_condition
        if value is None:
            return
        entries = [value] if isinstance(value, str) else list(value)
        for number, entry in enumerate(entries, start=1):
            code = entry if isinstance(entry, str) else entry.condition
            node: dict[str, Json] = {
                "@id": f"{iri}/special-condition/{number}",
                "@type": SPECIAL_CONDITIONS[code].dpv,
            }
            if not isinstance(entry, str):
                law = getattr(entry, "law", None)
                if law is not None:
                    node["dpv:hasApplicableLaw"] = {"@type": "dpv:Law", "dct:title": self.text(law)}
                _put(
                    node,
                    "dpv:hasPersonalData",
                    [
                        _ref(self.iri("data-category", item))
                        for item in getattr(entry, "categories", None) or ()
                    ],
                )
            yield node

    def assessment_link(self, value: Any) -> Json:
        """An assessment id (a node of the catalogue) or, as before, a free-text reference."""
        if value is None:
            return None
        if isinstance(value, str):
            known = {item.id for item in getattr(self.register, "assessments", ())}
            if value in known:
                return _ref(self.iri("assessment", value))
            return {"@type": "dpv:Assessment", "dct:source": value}
        return None

    def transfers(self, iri: str, activity: Activity) -> Iterator[Json]:
        for number, transfer in enumerate(activity.transfers or (), start=1):
            node: dict[str, Json] = {
                "@id": f"{iri}/transfer/{number}",
                "@type": "dpv:Process",
                "dpv:hasProcessing": _ref("dpv:CrossBorderTransfer"),
            }
            country = getattr(transfer, "country", None)
            if country:
                node["dpv:hasCountry"] = _ref(f"loc:{country}")
            organisation = getattr(transfer, "organisation", None)
            if organisation:
                node["dpv:hasRecipient"] = self.international(transfer, str(organisation))
            if transfer.recipient:
                node["dpv:hasDataImporter"] = _ref(self.iri("recipient", transfer.recipient))
            mechanism = self.mechanism(transfer)
            _put(node, "dpv:hasLegalBasis", mechanism)
            _put(node, "dct:source", transfer.reference)
            _put(
                node,
                "dpv:hasAssessment",
                self.assessment_link(getattr(transfer, "assessment", None)),
            )
            yield node

    def international(self, transfer: Any, code: str) -> dict[str, Json]:
        """An international organisation (Art. 4(26)) a transfer goes to, with its name."""
        node: dict[str, Json] = {"@type": "dpv:InternationalOrganisation", "dct:identifier": code}
        named = getattr(transfer, "organisation_name", None)
        known = getattr(vocab, "INTERNATIONAL_ORGANISATIONS", {}).get(code)
        if named is not None:
            node["dpv:hasName"] = self.text(named)
        elif known is not None:
            node["dpv:hasName"] = [
                {"@value": known.en, "@language": "en"},
                {"@value": known.lv, "@language": "lv"},
            ]
        return node

    @staticmethod
    def mechanism(transfer: Any) -> Json:
        if transfer.safeguard is None:
            return None
        derogation = getattr(transfer, "derogation", None)
        if transfer.safeguard == "derogation" and derogation in _DEROGATIONS:
            return _ref(_DEROGATIONS[derogation])
        return _ref(SAFEGUARDS[transfer.safeguard].dpv)

    def storage(self, iri: str, activity: Activity) -> Iterator[Json]:
        """The retention rule of the activity, or (2026-12) one rule per group of categories."""
        value: Any = activity.retention
        if value is None:
            return
        if isinstance(value, str):
            yield _ref(self.iri("retention", value))
            return
        for number, entry in enumerate(value, start=1):
            yield {
                "@id": f"{iri}/retention/{number}",
                "@type": "dpv:StorageDuration",
                "skos:broader": _ref(self.iri("retention", entry.rule)),
                "dpv:hasPersonalData": [
                    _ref(self.iri("data-category", item)) for item in entry.categories
                ],
            }

    def dpia(self, iri: str, activity: Activity) -> Json:
        value: Any = activity.dpia
        if value is None:
            return None
        if isinstance(value, str):  # an assessment id (2026-12)
            return _ref(self.iri("assessment", value))
        node: dict[str, Json] = {
            "@id": f"{iri}/dpia",
            "@type": "dpv:DPIA",
            "dct:source": value.reference,
        }
        _put(node, "dct:date", self.day(value.date))
        return node

    @staticmethod
    def rights(activity: Activity) -> Json:
        # The one derivation the workbook and the notice use: it reads the Art. 9(2)
        # conditions, explicit consent and direct marketing, not the bases alone.
        statuses = rights_of(activity)
        return [
            _ref(RIGHTS[status.right].dpv)
            for status in statuses
            if status.status.value == "applies"
        ]

    # -- findings

    def findings(self, report: Report, langs: tuple[str, ...]) -> Iterable[Json]:
        """One SHACL validation result per finding, its message in each of `langs`."""

        def said(text: Callable[[str], str]) -> Json:
            literals: list[Json] = [{"@value": text(code), "@language": code} for code in langs]
            return literals[0] if len(literals) == 1 else literals

        for number, finding in enumerate(report.findings, start=1):
            focus = (
                self.iri("activity", finding.activity) if finding.activity else self.iri("register")
            )
            node: dict[str, Json] = {
                "@id": self.iri("finding", str(number)),
                "@type": "sh:ValidationResult",
                "sh:focusNode": _ref(focus),
                "sh:resultSeverity": _ref(_SEVERITIES.get(finding.severity.value, "sh:Info")),
                "sh:resultMessage": said(finding.text),
                "skos:note": finding.path_text,
                "dct:identifier": finding.code,
                "dct:subject": f"GDPR Art. {finding.article}",
            }
            if finding.waived:
                node["dct:description"] = said(partial(_waived, finding.reason or ""))
            yield node


def _waived(reason: str, lang: str) -> str:
    return message("jsonld.waived", lang, reason=reason)
