"""JSON export: the register fully resolved, for audits and for other tools.

The document says everything the register says and what the library derives from it, so a
reader needs neither the YAML nor ropa to understand it:

- every reference is expanded: an activity carries its data subjects, data categories,
  recipients, retention rules, security measures and assessments as objects, with their
  names, and (for a processor activity) the controllers it is carried out for;
- each activity says its role, controller (Art. 30(1)) or processor (Art. 30(2)), as the
  register's kind gives it when the activity states none;
- fields with an older and a newer form are given in one, normalised form beside the single
  value (`retention_entries` beside `retention`, `special_conditions` beside
  `special_condition`);
- every vocabulary value is an object ``{code, label, article, dpv}``;
- the data subject rights are derived per activity (``ropa.rights``);
- the validation report is included, and the metadata say which ropa wrote the document, from
  which source (base name and SHA-256, never a directory; and each fragment, by its path
  relative to the main file) and as of which date.

The output is deterministic: keys are in a fixed order by construction, lists keep the
register's order, nothing depends on the clock once `as_of` is given. The shape is published
as a JSON Schema (`ropa.schema.export`, `schemas/ropa-export.schema.json`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import IO, TYPE_CHECKING, Any, Literal

from ropa.atomic import atomic_output
from ropa.countries import ADEQUACY_CONDITIONS, ADEQUACY_COUNTRIES, EEA_COUNTRIES, country_name
from ropa.findings import LOCAL_FIELDS
from ropa.model import (
    FORMAT,
    Activity,
    Assessment,
    Contact,
    Controller,
    DataCategory,
    DataSubjectCategory,
    Dpia,
    Dpo,
    JointController,
    Organisation,
    Party,
    Recipient,
    Register,
    RegisterInfo,
    RetentionRule,
    SecurityMeasure,
    Transfer,
    Waiver,
    by_id,
)
from ropa.rights import rights_of
from ropa.text import LANGUAGES, text_in
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
from ropa.wording import retention_in_words

if TYPE_CHECKING:
    from ropa.findings import Finding, Report

__all__ = [
    "EXPORT_FORMAT",
    "LEGAL_BASIS_FIELDS",
    "ExportLang",
    "document_bytes",
    "export_document",
    "export_json",
    "source_sha256",
]

EXPORT_FORMAT = "ropa-export/1"
"""Identifier of the document's shape; changes only when the schema changes incompatibly."""

ExportLang = Literal["lv", "en", "all"]
"""The values of `lang`: one language, or every language."""
_EXPORT_LANGS: tuple[ExportLang, ...] = ("lv", "en", "all")
_LABEL_LANGS = LANGUAGES

Json = Any
"""A JSON value built from dict, list, str, int, bool and None."""

LEGAL_BASIS_FIELDS: Mapping[str, tuple[str, ...]] = {
    "consent": ("withdrawal", "parental_authorisation", "explicit"),
    "contract": (),
    "legal_obligation": ("law",),
    "vital_interests": (),
    "public_task": ("law",),
    "legitimate_interests": ("interest", "assessment"),
}
"""What each legal basis carries besides `basis` and `covers`, in the format's order."""
_PLAIN_FIELDS = frozenset({"explicit"})  # written as they are, not prose to translate


# ---------------------------------------------------------------------------------------------
# Public API


def export_json(
    register: Register,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    report: Report | None = None,
    as_of: date | None = None,
    source_sha256: str | None = None,
) -> None:
    """Write the resolved JSON document of `register` to `path`, whole or not at all.

    `lang` is ``"lv"`` or ``"en"`` (every text in that language, falling back to the register
    language and then to any) or ``"all"`` (every text as a map of the languages written).
    `report` is the validation report to include; without one the register is validated as of
    `as_of` (default today). `source_sha256` defaults to the hash of the bytes the register was
    loaded from, when it was read from a file.

    Examples:
        >>> import json, ropa
        >>> from datetime import date
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> ropa.export_json(register, "ropa.json", lang="all", as_of=date(2026, 11, 27))
        >>> with open("ropa.json", encoding="utf-8") as stream:
        ...     document = json.load(stream)
        >>> document["metadata"]["format"], document["report"]["summary"]["warnings"]
        ('ropa-export/1', 18)
    """
    if source_sha256 is None and register.source is not None:
        source_sha256 = register.source.sha256()
    document = _document(register, lang, report, as_of, source_sha256, lazy=True)
    with atomic_output(path) as stream:
        _write_document(document, stream)


def export_document(
    register: Register,
    *,
    lang: str = "en",
    report: Report | None = None,
    as_of: date | None = None,
    source_sha256: str | None = None,
) -> dict[str, Json]:
    """The JSON export of `register` as plain data (no I/O; see `export_json` for arguments).

    When both `report` and `as_of` are given they must agree on the date.
    """
    return _document(register, lang, report, as_of, source_sha256, lazy=False)


def _document(
    register: Register,
    lang: str,
    report: Report | None,
    as_of: date | None,
    source_sha256: str | None,
    *,
    lazy: bool,
) -> dict[str, Json]:
    if lang not in _EXPORT_LANGS:
        raise ValueError(f"lang must be one of lv, en, all; got {lang!r}")
    if source_sha256 is not None and not re.fullmatch(r"[0-9a-f]{64}", source_sha256):
        raise ValueError("source_sha256 must be 64 lower-case hexadecimal digits")
    if report is None:
        from ropa.rules import validate

        report = validate(register, as_of=as_of)
    elif as_of is not None and as_of != report.as_of:
        raise ValueError(
            f"as_of {as_of.isoformat()} differs from the report's date {report.as_of.isoformat()}"
        )
    return _Exporter(register, lang, lazy=lazy).document(report, source_sha256)


class _LazyList(list):  # type: ignore[type-arg]
    """A list whose items are made only while the encoder walks it.

    `json`'s indenting encoder iterates lists with `for item in value` after a truth test, so a
    list subclass that knows its length and yields items on demand is encoded exactly like the
    list it stands for, while only one item exists at a time: a 50,000-activity export then
    needs memory for one activity's objects, not for all of them.
    """

    def __init__(self, length: int, items: Callable[[], Iterator[Json]]) -> None:
        super().__init__()
        self._length = length
        self._items = items

    def __len__(self) -> int:
        return self._length

    def __bool__(self) -> bool:
        return self._length > 0

    def __iter__(self) -> Iterator[Json]:
        return self._items()


def _write_document(document: Mapping[str, Json], stream: IO[bytes]) -> None:
    """Encode `document` to `stream` in chunks, exactly as `document_bytes` would."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False)
    buffer: list[str] = []
    size = 0
    for chunk in encoder.iterencode(document):
        buffer.append(chunk)
        size += len(chunk)
        if size > 1 << 16:
            stream.write("".join(buffer).encode("utf-8"))
            buffer.clear()
            size = 0
    buffer.append("\n")
    stream.write("".join(buffer).encode("utf-8"))


def document_bytes(document: Mapping[str, Json]) -> bytes:
    """The document as the file holds it: UTF-8, 2-space indent, no NaN, trailing newline."""
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def source_sha256(register: Register) -> str | None:
    """SHA-256 (hex) of the bytes `register` was loaded from, or None when it was not read
    from a file (loaded from text or bytes)."""
    return register.source.sha256() if register.source is not None else None


# ---------------------------------------------------------------------------------------------
# Building the document


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Exporter:
    """Turns one register into the export document in one language mode."""

    def __init__(self, register: Register, lang: ExportLang, *, lazy: bool = False) -> None:
        self.register = register
        self.lang = lang
        self.lazy = lazy
        self.language = register.register.language
        # The findings' messages: in the export's language; with every language kept, in
        # English (message_id and arguments let a reader say them in any other).
        self.message_lang = "en" if lang == "all" else lang
        self.controllers = by_id(register.controllers)
        self.data_subjects = by_id(register.data_subjects)
        self.data_categories = by_id(register.data_categories)
        self.recipients = by_id(register.recipients)
        self.retention_rules = by_id(register.retention_rules)
        self.security_measures = by_id(register.security_measures)
        self.assessments = by_id(register.assessments)

    # -- text and labels -----------------------------------------------------------------------

    def text(self, value: str | dict[str, str] | None) -> Json:
        """A text field: a string in `lang`, or for "all" a map of every language written."""
        if value is None:
            return None
        if self.lang != "all":
            return text_in(value, self.lang, self.language)
        written = {self.language: value} if isinstance(value, str) else value
        return {code: written[code] for code in _language_order(written)}

    def label(self, pick: Callable[[str], str]) -> Json:
        """A derived label: a string in `lang`, or for "all" ``{lv, en}``."""
        if self.lang == "all":
            return {code: pick(code) for code in _LABEL_LANGS}
        return pick(self.lang)

    def term(self, vocabulary: Mapping[str, Term], code: str | None) -> Json:
        if code is None:
            return None
        found = vocabulary[code]
        return {
            "code": found.code,
            "label": self.label(found.label),
            "article": found.article,
            "dpv": found.dpv,
        }

    def country(self, code: str | None) -> Json:
        if code is None:
            return None
        condition = ADEQUACY_CONDITIONS.get(code)
        return {
            "code": code,
            "name": self.label(lambda lang: country_name(code, lang)),
            "eea": code in EEA_COUNTRIES,
            "adequacy": code in ADEQUACY_COUNTRIES,
            "adequacy_condition": self.label(condition.label) if condition else None,
        }

    # -- the document --------------------------------------------------------------------------

    def document(self, report: Report, digest: str | None) -> dict[str, Json]:
        register = self.register
        findings_by_activity = _finding_indexes(report.findings)
        return {
            "metadata": self.metadata(report, digest),
            "register": self.register_info(register.register),
            "organisation": self.organisation(register.organisation),
            "controllers": [self.controller(e) for e in register.controllers],
            "data_subjects": [self.data_subject(e) for e in register.data_subjects],
            "data_categories": [self.data_category(e) for e in register.data_categories],
            "recipients": [self.recipient(e) for e in register.recipients],
            "retention_rules": [self.retention_rule(e) for e in register.retention_rules],
            "security_measures": [self.security_measure(e) for e in register.security_measures],
            "assessments": [self.assessment(e) for e in register.assessments],
            "activities": self.listing(
                len(register.activities),
                lambda: (
                    self.activity(a, findings_by_activity.get(a.id, []))
                    for a in register.activities
                ),
            ),
            "report": self.report(report),
        }

    def metadata(self, report: Report, digest: str | None) -> dict[str, Json]:
        # Imported here so that `ropa/__init__.py` may import this module at any point.
        from ropa._version import __version__

        source = self.register.source
        return {
            "format": EXPORT_FORMAT,
            "generator": "ropa",
            "ropa_version": __version__,
            "register_format": FORMAT,
            "source": source.base_name if source is not None else None,
            "source_sha256": digest,
            "fragments": [
                {"file": _beside(source.file, name), "sha256": sha}
                for name, sha in source.files[1:]
            ]
            if source is not None
            else [],
            "as_of": report.as_of.isoformat(),
            "language": self.lang,
        }

    def register_info(self, info: RegisterInfo) -> dict[str, Json]:
        return {
            "kind": self.term(REGISTER_KINDS, info.kind),
            "version": info.version,
            "language": info.language,
            "reviewed": _iso(info.reviewed),
            "approved_by": info.approved_by,
            "waivers": [self.waiver(w) for w in info.waivers],
        }

    def organisation(self, organisation: Organisation) -> dict[str, Json]:
        return {
            "name": organisation.name,
            "registration_number": organisation.registration_number,
            "address": self.text(organisation.address),
            "country": self.country(organisation.country),
            "public_body": organisation.public_body,
            "contact": self.contact(organisation.contact),
            "representative": self.party(organisation.representative),
            "dpo": self.dpo(organisation.dpo),
            "joint_controllers": [self.joint_controller(j) for j in organisation.joint_controllers],
        }

    def contact(self, contact: Contact | None) -> Json:
        if contact is None:
            return None
        return {
            "url": contact.url,
            "email": contact.email,
            "phone": contact.phone,
            "note": self.text(contact.note),
        }

    def party(self, party: Party | None) -> Json:
        if party is None:
            return None
        return {"name": party.name, "contact": self.contact(party.contact)}

    def dpo(self, dpo: Dpo | None) -> Json:
        if dpo is None:
            return None
        return {
            "name": dpo.name,
            "contact": self.contact(dpo.contact),
            "external": dpo.external,
            "organisation": dpo.organisation,
        }

    def waiver(self, waiver: Waiver) -> dict[str, Json]:
        return {
            "rule": waiver.rule,
            # A plain reason is written as it is (blank included: ROPA104 reports it).
            "reason": waiver.reason if isinstance(waiver.reason, str) else self.text(waiver.reason),
            "accepted_by": waiver.accepted_by,
            "accepted_on": _iso(waiver.accepted_on),
            "expires": _iso(waiver.expires),
        }

    def joint_controller(self, joint: JointController) -> dict[str, Json]:
        return {
            "name": joint.name,
            "contact": self.contact(joint.contact),
            "arrangement": self.text(joint.arrangement),
        }

    # -- catalogue entries ---------------------------------------------------------------------

    def controller(self, entry: Controller) -> dict[str, Json]:
        return {
            "id": entry.id,
            "name": entry.name,
            "contact": self.contact(entry.contact),
            "representative": self.party(entry.representative),
            "dpo": self.party(entry.dpo),
            "contract": entry.contract,
        }

    def data_subject(self, entry: DataSubjectCategory) -> dict[str, Json]:
        return {
            "id": entry.id,
            "name": self.text(entry.name),
            "description": self.text(entry.description),
            "includes_children": entry.includes_children,
            "kind": self.term(DATA_SUBJECT_KINDS, entry.kind),
            "contract_party": entry.contract_party,
            "vulnerable": entry.vulnerable,
        }

    def data_category(self, entry: DataCategory) -> dict[str, Json]:
        return {
            "id": entry.id,
            "name": self.text(entry.name),
            "examples": self.text(entry.examples),
            "special": self.term(SPECIAL_KINDS, entry.special),
            "national_id": entry.national_id,
        }

    def recipient(self, entry: Recipient) -> dict[str, Json]:
        return {
            "id": entry.id,
            "name": self.text(entry.name),
            "description": self.text(entry.description),
            "kind": self.term(RECIPIENT_KINDS, entry.kind),
            "contract": entry.contract,
            "countries": [self.country(code) for code in entry.countries],
            "authorisation": (
                None
                if entry.authorisation is None
                else {
                    "kind": entry.authorisation.kind,
                    "reference": entry.authorisation.reference,
                }
            ),
        }

    def retention_rule(self, entry: RetentionRule) -> dict[str, Json]:
        register = self.register
        return {
            "id": entry.id,
            "name": self.text(entry.name),
            "description": self.text(entry.description),
            "period": str(entry.period) if entry.period is not None else None,
            "starts": self.text(entry.starts),
            "until": self.text(entry.until),
            "basis": self.text(entry.basis),
            "in_words": self.label(lambda lang: retention_in_words(register, entry, lang)),
        }

    def security_measure(self, entry: SecurityMeasure) -> dict[str, Json]:
        return {
            "id": entry.id,
            "name": self.text(entry.name),
            "description": self.text(entry.description),
            "kind": self.term(SECURITY_KINDS, entry.kind),
        }

    def assessment(self, entry: Assessment) -> dict[str, Json]:
        return {
            "id": entry.id,
            "kind": self.term(ASSESSMENT_KINDS, entry.kind),
            "name": self.text(entry.name),
            "reference": entry.reference,
            "date": _iso(entry.date),
            "review_by": _iso(entry.review_by),
        }

    def assessment_reference(self, reference: str | None) -> Json:
        """An assessment named by id, expanded; older free text stays text."""
        if reference is None:
            return None
        found = self.assessments.get(reference)
        return self.assessment(found) if found is not None else reference

    # -- activities ----------------------------------------------------------------------------

    def activity(self, activity: Activity, findings: list[int]) -> dict[str, Json]:
        codes = activity.special_condition_codes()
        role = self.register.role_of(activity)
        return {
            "id": activity.id,
            "name": self.text(activity.name),
            "description": self.text(activity.description),
            "role": self.term(REGISTER_KINDS, role),
            "on_behalf_of": _resolve_all(activity.on_behalf_of, self.controllers, self.controller),
            "purpose": self.term(PURPOSES, activity.purpose),
            "legal_bases": [self.legal_basis(b) for b in activity.legal_bases],
            "special_condition": self.term(SPECIAL_CONDITIONS, _single(codes)),
            "special_conditions": [
                {
                    "condition": self.term(SPECIAL_CONDITIONS, entry.condition),
                    "law": self.text(entry.law),
                    "categories": list(entry.categories),
                }
                for entry in activity.special_conditions()
            ],
            "criminal_data_authority": self.text(activity.criminal_data_authority),
            "data_subjects": _resolve_all(
                activity.data_subjects, self.data_subjects, self.data_subject
            ),
            "data_categories": _resolve_all(
                activity.data_categories, self.data_categories, self.data_category
            ),
            "sources": [self.term(SOURCES, code) for code in activity.sources],
            "source_details": self.text(activity.source_details),
            "requirement": self.requirement(activity),
            "direct_marketing": activity.direct_marketing,
            "recipients": (
                None
                if activity.recipients is None
                else _resolve_all(activity.recipients, self.recipients, self.recipient)
            ),
            "transfers": (
                None
                if activity.transfers is None
                else [self.transfer(t) for t in activity.transfers]
            ),
            "retention": (
                None
                if (rule := _single(activity.retention_rule_ids())) is None
                else _resolve(rule, self.retention_rules, self.retention_rule)
            ),
            "retention_entries": [
                {
                    "rule": _resolve(entry.rule, self.retention_rules, self.retention_rule),
                    "categories": list(entry.categories),
                }
                for entry in activity.retention_entries()
            ],
            "security_measures": _resolve_all(
                activity.security_measures, self.security_measures, self.security_measure
            ),
            "automated_decisions": activity.automated_decisions,
            "profiling": activity.profiling,
            "large_scale": activity.large_scale,
            "dpia": self.dpia(activity),
            "systems": list(activity.systems),
            "owner": activity.owner,
            "reviewed": _iso(activity.reviewed),
            "waivers": [self.waiver(w) for w in activity.waivers],
            # A processor does not answer the data subjects' rights: the controller does.
            "rights": self.rights(activity) if role == "controller" else [],
            "findings": findings,
        }

    def legal_basis(self, basis: Any) -> dict[str, Json]:
        """`{basis, covers, ...}` with the fields that basis has (LEGAL_BASIS_FIELDS)."""
        item: dict[str, Json] = {
            "basis": self.term(LEGAL_BASES, basis.basis),
            "covers": self.text(basis.covers),
        }
        for name in LEGAL_BASIS_FIELDS[basis.basis]:
            value = getattr(basis, name)
            if name == "assessment":
                item[name] = self.assessment_reference(value)
            else:
                item[name] = value if name in _PLAIN_FIELDS else self.text(value)
        return item

    def requirement(self, activity: Activity) -> Json:
        requirement = activity.requirement
        if requirement is None:
            return None
        return {
            "kind": self.term(REQUIREMENT_KINDS, requirement.kind),
            "obliged": requirement.obliged,
            "consequences": self.text(requirement.consequences),
        }

    def dpia(self, activity: Activity) -> Json:
        """The DPIA from the catalogue or written inline; an id that names no assessment
        stays visible as unresolved."""
        found = self.register.dpia_of(activity)
        if found is None:
            dpia = activity.dpia
            return None if dpia is None else {"id": dpia, "unresolved": True}
        if isinstance(found, Dpia):
            return {"id": None, "name": None, "reference": found.reference,
                    "date": _iso(found.date), "review_by": None}  # fmt: skip
        return {"id": found.id, "name": self.text(found.name), "reference": found.reference,
                "date": _iso(found.date), "review_by": _iso(found.review_by)}  # fmt: skip

    def transfer(self, transfer: Transfer) -> dict[str, Json]:
        organisation = None
        if transfer.organisation is not None:
            organisation = {
                **self.term(INTERNATIONAL_ORGANISATIONS, transfer.organisation),
                "name": self.text(transfer.organisation_name),
            }
        return {
            "country": self.country(transfer.country),
            "organisation": organisation,
            "recipient": (
                None
                if transfer.recipient is None
                else _resolve(transfer.recipient, self.recipients, self.recipient)
            ),
            "safeguard": self.term(SAFEGUARDS, transfer.safeguard),
            "derogation": self.term(DEROGATIONS, transfer.derogation),
            "reference": transfer.reference,
            "assessment": self.assessment_reference(transfer.assessment),
        }

    def rights(self, activity: Activity) -> list[Json]:
        statuses = rights_of(activity)
        rights: list[Json] = []
        for status in statuses:
            item = self.term(RIGHTS, status.right)
            item["status"] = status.status.value
            item["reason"] = self.label(status.reason)
            rights.append(item)
        return rights

    # -- the report ----------------------------------------------------------------------------

    def listing(self, length: int, items: Callable[[], Iterator[Json]]) -> list[Json]:
        """A list of `items`: made now, or while the file is written when exporting lazily."""
        return _LazyList(length, items) if self.lazy else list(items())

    def report(self, report: Report) -> dict[str, Json]:
        return {
            "as_of": report.as_of.isoformat(),
            "summary": {
                "errors": report.errors,
                "warnings": report.warnings,
                "info": report.info,
                "waived": report.waived,
            },
            "findings": self.listing(
                len(report.findings),
                lambda: (_finding(f, self.message_lang) for f in report.findings),
            ),
        }


def _language_order(written: Mapping[str, str]) -> list[str]:
    """lv, en, then any other language written, alphabetically."""
    first = [code for code in _LABEL_LANGS if code in written]
    return first + sorted(code for code in written if code not in _LABEL_LANGS)


def _resolve(ref: str, index: Mapping[str, Any], build: Callable[[Any], Json]) -> Json:
    """The catalogue entry `ref` names, expanded; a reference that does not resolve (an error
    the rules report) stays visible as ``{id, unresolved: true}``."""
    entry = index.get(ref)
    if entry is None:
        return {"id": ref, "unresolved": True}
    return build(entry)


def _resolve_all(
    refs: Iterable[str], index: Mapping[str, Any], build: Callable[[Any], Json]
) -> list[Json]:
    return [_resolve(ref, index, build) for ref in refs]


def _single(values: tuple[str, ...]) -> str | None:
    """The value when there is exactly one, else None."""
    return values[0] if len(values) == 1 else None


def _beside(main: str, fragment: str) -> str:
    """A fragment's name relative to the main file's folder, with / (never a local path)."""
    folder = os.path.dirname(main)
    relative = os.path.relpath(fragment, folder) if folder else fragment
    return relative.replace(os.sep, "/")


def _finding(finding: Finding, lang: str) -> dict[str, Json]:
    # No `file`: the report's file name may hold a local path; metadata.source names the file.
    return finding.as_dict(lang, leave_out=LOCAL_FIELDS)


def _finding_indexes(findings: Iterable[Finding]) -> dict[str, list[int]]:
    """Activity id -> positions in report.findings of the findings about that activity."""
    indexes: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        if finding.activity is not None:
            indexes.setdefault(finding.activity, []).append(index)
    return indexes
