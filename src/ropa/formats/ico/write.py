"""Write a register in the ICO's "Documentation template for controllers" layout (.xlsx)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from ropa import vocab
from ropa.countries import country_name
from ropa.formats._layout import put, save_book
from ropa.formats.ico._columns import (
    AUTOMATED,
    BASIS_LINE,
    BASIS_PREFIX,
    CATEGORIES_LINE,
    COLUMNS,
    COMPLETED,
    CONTACT_COLUMNS,
    CONTACT_HEADER_ROW,
    CONTACT_ROWS,
    FIRST_ROW,
    HEADER_ROW,
    NO,
    NONE,
    PROFILING,
    SHEET,
    STARTS_LINE,
    TITLE,
    UNTIL_LINE,
    YES,
)
from ropa.model import Activity, Contact, Register, by_id
from ropa.rights import rights_of
from ropa.text import text_in
from ropa.vocab import (
    LEGAL_BASES,
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

__all__ = ["export_ico", "ico_rows"]


def export_ico(
    register: Register,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    report: Report | None = None,
    as_of: date | None = None,
    source_sha256: str | None = None,
) -> None:
    """Write `register` as the ICO template to `path`, whole or not at all.

    Labels are the ICO's (English); the register's texts are written in `lang` (falling back
    to the register's language). The bytes depend on the register, `lang` and `as_of` only
    (default: the report's date, else today). `report` and `source_sha256` are accepted for the
    common exporter signature; the ICO layout has no place for findings. Only the
    controller's activities are written: the ICO keeps a separate template for processors.
    """
    day = as_of or (report.as_of if report is not None else date.today())
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    put(sheet, "A1", TITLE, bold=True)
    _contact_block(sheet, register, lang)
    wrap = Alignment(wrap_text=True, vertical="top")
    for column, (_, header) in enumerate(COLUMNS, start=1):
        cell = put(sheet, f"{get_column_letter(column)}{HEADER_ROW}", header, bold=True)
        cell.alignment = wrap
        sheet.column_dimensions[get_column_letter(column)].width = 28
    for row, values in enumerate(ico_rows(register, lang), start=FIRST_ROW):
        for column, value in enumerate(values, start=1):
            if value:
                put(sheet, f"{get_column_letter(column)}{row}", value).alignment = wrap
    sheet.freeze_panes = f"A{FIRST_ROW}"
    save_book(workbook, path, day)


def _contact_block(sheet: Any, register: Register, lang: str) -> None:
    put(sheet, f"A{CONTACT_HEADER_ROW}", "Contact details", bold=True)
    for column, header in enumerate(CONTACT_COLUMNS, start=2):
        put(sheet, f"{get_column_letter(column)}{CONTACT_HEADER_ROW}", header, bold=True)
    organisation = register.organisation
    for row, (key, label) in CONTACT_ROWS.items():
        put(sheet, f"A{row}", label, bold=True)
        party: Any = organisation if key == "organisation" else getattr(organisation, key)
        if party is None:
            continue
        address = text_in(getattr(party, "address", None), lang, register.register.language)
        contact: Contact | None = party.contact
        values = [party.name, address]
        if contact is not None:
            note = text_in(contact.note, lang, register.register.language)
            values += [contact.email, contact.phone, contact.url, note]
        for column, value in enumerate(values, start=2):
            if value:
                put(sheet, f"{get_column_letter(column)}{row}", value)


def ico_rows(register: Register, lang: str = "en") -> Iterator[list[str]]:
    """Each activity as the 23 cells of its row, in the ICO's column order."""
    writer = _Row(register, lang)
    for activity in register.controller_activities:
        yield writer.cells(activity)


class _Row:
    def __init__(self, register: Register, lang: str) -> None:
        self.register = register
        self.lang = lang
        self.subjects = by_id(register.data_subjects)
        self.categories = by_id(register.data_categories)
        self.recipients = by_id(register.recipients)
        self.rules = by_id(register.retention_rules)
        self.measures = by_id(register.security_measures)

    def t(self, value: Any) -> str:
        if value is None or isinstance(value, str):
            return value or ""
        return text_in(value, self.lang, self.register.register.language) or ""

    def cells(self, activity: Activity) -> list[str]:
        transfers = activity.transfers
        countries, safeguards = self.transfers(activity)
        lia_interests = [
            self.t(b.interest) for b in activity.legal_bases if b.basis == "legitimate_interests"
        ]
        lia_links = [
            b.assessment or "" for b in activity.legal_bases if b.basis == "legitimate_interests"
        ]
        dpia: Any = self.assessment(activity.dpia)
        return [
            activity.owner or "",
            "\n".join(
                part for part in (self.t(activity.name), self.t(activity.description)) if part
            ),
            self.joint_controllers(),
            self.each(activity.data_subjects, self.subject),
            self.each(activity.data_categories, self.category),
            NONE
            if activity.recipients == ()
            else self.each(activity.recipients or (), self.recipient),
            "\n".join(
                f"{self.t(self.recipients[r].name)}: {self.recipients[r].contract}"
                for r in activity.recipients or ()
                if r in self.recipients and self.recipients[r].contract
            ),
            NONE if transfers == () else countries,
            safeguards,
            self.retention(activity),
            self.each(activity.security_measures, self.measure),
            "\n".join(self.basis(b) for b in activity.legal_bases),
            self.conditions(activity),
            "\n".join(lia_interests) if any(lia_interests) else "",
            "\n".join(lia_links) if any(lia_links) else "",
            self.rights(activity),
            self.automated(activity),
            "\n".join(SOURCES[s].en for s in activity.sources if s in SOURCES),
            "",
            "\n".join(activity.systems),
            YES if dpia is not None else "",
            self.dpia_progress(dpia),
            self.dpia_link(dpia),
        ]

    @staticmethod
    def each(ids: Any, show: Any) -> str:
        return "\n".join(show(item) for item in ids)

    def joint_controllers(self) -> str:
        lines = []
        for partner in self.register.organisation.joint_controllers:
            routes = []
            if partner.contact is not None:
                routes = [
                    r
                    for r in (partner.contact.email, partner.contact.phone, partner.contact.url)
                    if r
                ]
            lines.append(partner.name + (f": {'; '.join(routes)}" if routes else ""))
        return "\n".join(lines)

    def subject(self, subject_id: str) -> str:
        subject = self.subjects.get(subject_id)
        if subject is None:
            return subject_id
        description = self.t(subject.description)
        return self.t(subject.name) + (f": {description}" if description else "")

    def category(self, category_id: str) -> str:
        category = self.categories.get(category_id)
        if category is None:
            return category_id
        head = self.t(category.name)
        if category.special:
            head += f" ({SPECIAL_KINDS[category.special].en})"
        examples = self.t(category.examples)
        return head + (f": {examples}" if examples else "")

    def recipient(self, recipient_id: str) -> str:
        recipient = self.recipients.get(recipient_id)
        if recipient is None:
            return recipient_id
        head = f"{self.t(recipient.name)} ({RECIPIENT_KINDS[recipient.kind].en})"
        description = self.t(recipient.description)
        return head + (f": {description}" if description else "")

    def measure(self, measure_id: str) -> str:
        measure = self.measures.get(measure_id)
        if measure is None:
            return measure_id
        head = f"{self.t(measure.name)} ({SECURITY_KINDS[measure.kind].en})"
        description = self.t(measure.description)
        return head + (f": {description}" if description else "")

    def transfers(self, activity: Activity) -> tuple[str, str]:
        countries, safeguards = [], []
        for transfer in activity.transfers or ():
            place = self.place(transfer)
            recipient = self.recipients.get(transfer.recipient or "")
            countries.append(place + (f" ({self.t(recipient.name)})" if recipient else ""))
            safeguard = SAFEGUARDS[transfer.safeguard].en if transfer.safeguard else ""
            point = getattr(transfer, "derogation", None)
            if safeguard and point:
                safeguard += f" (Art. 49(1)({point}))"
            if transfer.reference:
                safeguard = (
                    f"{safeguard}: {transfer.reference}"
                    if safeguard
                    else (f"{NONE}: {transfer.reference}")
                )
            safeguards.append(safeguard or NONE)
        return "\n".join(countries), "\n".join(safeguards) if countries else ""

    def place(self, transfer: Any) -> str:
        """The country, or the international organisation, a transfer goes to."""
        country = getattr(transfer, "country", None)
        if country:
            return country_name(str(country), "en")
        organisation = str(getattr(transfer, "organisation", None) or "")
        named = self.t(getattr(transfer, "organisation_name", None))
        known = getattr(vocab, "INTERNATIONAL_ORGANISATIONS", {}).get(organisation)
        return named or (known.en if known is not None else organisation)

    def retention(self, activity: Activity) -> str:
        value: Any = activity.retention
        entries = (
            [(value, ())]
            if isinstance(value, str)
            else [(e.rule, e.categories) for e in value or ()]
        )
        blocks = []
        for rule_id, categories in entries:
            rule = self.rules.get(rule_id)
            if rule is None:
                blocks.append(rule_id)
                continue
            lines = [self.t(rule.name)]
            starts, until = self.t(rule.starts), self.t(getattr(rule, "until", None))
            if rule.period is not None:
                lines.append(rule.period.in_words("en") + (f" from {starts}" if starts else ""))
            elif starts:
                lines.append(f"{STARTS_LINE}: {starts}")
            if until:
                lines.append(f"{UNTIL_LINE}: {until}")
            if categories:
                names = [
                    self.t(self.categories[c].name) if c in self.categories else c
                    for c in categories
                ]
                lines.append(f"{CATEGORIES_LINE}: {'; '.join(names)}")
            basis = self.t(rule.basis)
            if basis:
                lines.append(f"{BASIS_LINE}: {basis}")
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)

    def basis(self, basis: Any) -> str:
        term = LEGAL_BASES[basis.basis]
        head = f"{BASIS_PREFIX}{term.article} {term.en}"
        detail = self.t(getattr(basis, "law", None) or getattr(basis, "withdrawal", None))
        return head + (f": {detail}" if detail else "")

    def conditions(self, activity: Activity) -> str:
        value: Any = activity.special_condition
        if value is None:
            return ""
        entries = [value] if isinstance(value, str) else list(value)
        lines = []
        for entry in entries:
            code = entry if isinstance(entry, str) else entry.condition
            term = SPECIAL_CONDITIONS[code]
            law = "" if isinstance(entry, str) else self.t(getattr(entry, "law", None))
            lines.append(f"{BASIS_PREFIX}{term.article} {term.en}" + (f": {law}" if law else ""))
        return "\n".join(lines)

    @staticmethod
    def rights(activity: Activity) -> str:
        # The one derivation the workbook and the notice use (ropa.rights.rights_of).
        statuses = rights_of(activity)
        return "\n".join(
            RIGHTS[s.right].en + ("" if s.status.value == "applies" else " (conditional)")
            for s in statuses
            if s.status.value != "not_applicable"
        )

    @staticmethod
    def automated(activity: Activity) -> str:
        parts = []
        for label, value in (
            (AUTOMATED, activity.automated_decisions),
            (PROFILING, activity.profiling),
        ):
            if value is not None:
                parts.append(f"{label}: {YES if value else NO}")
        return "\n".join(parts)

    def assessment(self, value: Any) -> Any:
        """A DPIA as written, or the assessment its id names (2026-12): reference and date."""
        if not isinstance(value, str):
            return value
        for item in getattr(self.register, "assessments", ()):
            if item.id == value:
                return item if item.reference else value
        return value

    @staticmethod
    def dpia_progress(dpia: Any) -> str:
        if dpia is None or isinstance(dpia, str):
            return ""
        return f"{COMPLETED} {dpia.date.isoformat()}" if dpia.date else COMPLETED

    @staticmethod
    def dpia_link(dpia: Any) -> str:
        if dpia is None:
            return ""
        return dpia if isinstance(dpia, str) else str(dpia.reference)
