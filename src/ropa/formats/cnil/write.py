"""Write a register as the CNIL's "registre simplifié": the list of processing activities, then
one fiche per activity, each laid out as in the CNIL's template (same labels, same cells)."""

from __future__ import annotations

import os
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from ropa import vocab
from ropa.formats._layout import merge, put, save_book
from ropa.formats.cnil import _labels as L
from ropa.formats.cnil._countries import NAMES
from ropa.model import Activity, DataCategory, Register, by_id
from ropa.text import text_in

if TYPE_CHECKING:
    from ropa.findings import Report

__all__ = ["export_cnil", "fiche_title", "french_period"]

_WRAP = Alignment(wrap_text=True, vertical="top")
_UNITS = {
    "years": ("an", "ans"),
    "months": ("mois", "mois"),
    "weeks": ("semaine", "semaines"),
    "days": ("jour", "jours"),
}


def export_cnil(
    register: Register,
    path: str | os.PathLike[str],
    *,
    lang: str = "en",
    report: Report | None = None,
    as_of: date | None = None,
    source_sha256: str | None = None,
) -> None:
    """Write `register` as the CNIL registre simplifié to `path`, whole or not at all.

    Labels are the CNIL's, in French; the register's texts are written as they are, in `lang`
    (falling back to the register's language). The bytes depend on the register, `lang` and
    `as_of` only. `report` and `source_sha256` are accepted for the common exporter signature.
    Only the controller's activities are written: the registre simplifié is the controller's
    record (the CNIL has another model for processors).
    """
    day = as_of or (report.as_of if report is not None else date.today())
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    writer = _Writer(register, lang)
    writer.list_sheet(sheet)
    titles = {sheet.title}
    for number, activity in enumerate(register.controller_activities, start=1):
        title = fiche_title(number, activity.id, titles)
        titles.add(title)
        writer.fiche(workbook.create_sheet(title), activity)
    save_book(workbook, path, day)


def fiche_title(number: int, activity_id: str, taken: set[str]) -> str:
    """`Fiche 3 - newsletter`, cut to Excel's 31 characters and unique."""
    base = re.sub(r"[\[\]:*?/\\]", "_", f"{L.FICHE_PREFIX}{number} - {activity_id}")[:31]
    title, extra = base, 2
    while title in taken:
        title = f"{base[:27]}~{extra}"
        extra += 1
    return title


def french_period(period: Any) -> str:
    """A duration in French words: `5 ans`, `1 an et 6 mois`."""
    parts = []
    for unit, (singular, plural) in _UNITS.items():
        count: int = getattr(period, unit)
        if count:
            parts.append(f"{count} {singular if count == 1 else plural}")
    return ", ".join(parts[:-1]) + " et " + parts[-1] if len(parts) > 1 else parts[0]


class _Writer:
    def __init__(self, register: Register, lang: str) -> None:
        self.register = register
        self.lang = lang
        self.categories = by_id(register.data_categories)
        self.subjects = by_id(register.data_subjects)
        self.recipients = by_id(register.recipients)
        self.rules = by_id(register.retention_rules)
        self.measures = by_id(register.security_measures)

    def t(self, value: Any) -> str:
        if value is None or isinstance(value, str):
            return value or ""
        return text_in(value, self.lang, self.register.register.language) or ""

    # -- the list of activities

    def list_sheet(self, sheet: Worksheet) -> None:
        sheet.title = L.LIST_SHEET
        organisation = self.register.organisation
        for row, key, label, fields in L.BLOCKS:
            put(sheet, f"A{row}", label, bold=True).alignment = _WRAP
            merge(sheet, f"A{row}:A{row + 1}")
            party: Any = organisation if key == "organisation" else getattr(organisation, key)
            values = self.person(party, key)
            for offset, column, field, field_label in fields:
                put(sheet, _ref(row + offset, column), field_label)
                if values.get(field):
                    put(sheet, _ref(row + offset, column + 1), values[field])
        put(sheet, "A7", L.IDENTIFICATION, bold=True)
        merge(sheet, "A7:D7")
        put(sheet, "E7", L.LIST_PURPOSE, bold=True)
        put(sheet, "H7", L.LIST_SENSITIVE, bold=True)
        for column, header in enumerate(L.LIST_HEADERS, start=1):
            put(sheet, _ref(8, column), header, bold=True).alignment = _WRAP
        put(sheet, "H8", L.YES_NO, bold=True)
        activities = self.register.controller_activities
        for row, activity in enumerate(activities, start=L.LIST_HEADER_ROW + 1):
            put(sheet, f"A{row}", self.t(activity.name)).alignment = _WRAP
            put(sheet, f"B{row}", activity.id)
            if activity.reviewed is not None:
                put(sheet, f"D{row}", activity.reviewed).number_format = "DD/MM/YYYY"
            purposes = self.purposes(activity)
            if purposes:
                put(sheet, f"E{row}", ", ".join(purposes)).alignment = _WRAP
            merge(sheet, f"E{row}:G{row}")
            put(sheet, f"H{row}", L.YES if self.sensitive(activity) else L.NO)
            merge(sheet, f"H{row}:I{row}")
        for letter, width in zip("ABCDEFGHI", (36, 18, 16, 16, 20, 20, 20, 14, 14), strict=True):
            sheet.column_dimensions[letter].width = width

    def person(self, party: Any, key: str) -> dict[str, str]:
        if party is None:
            return {}
        contact = party.contact
        values = {"name": party.name or "", "address": self.t(getattr(party, "address", None))}
        if contact is not None:
            values.update(email=contact.email or "", phone=contact.phone or "")
        firm = getattr(party, "organisation", None)
        if key == "dpo" and firm:
            values["company"] = self.t(firm)
        return values

    def purposes(self, activity: Activity) -> list[str]:
        return [line for line in self.t(activity.description).splitlines() if line.strip()]

    def sensitive(self, activity: Activity) -> bool:
        return any(
            self.categories[c].special for c in activity.data_categories if c in self.categories
        )

    # -- one fiche

    def fiche(self, sheet: Worksheet, activity: Activity) -> None:
        put(sheet, "A1", L.FICHE_TITLE, bold=True)
        put(sheet, "A3", L.DESCRIPTION, bold=True)
        for row, (label, value) in enumerate(
            (
                (L.NAME, self.t(activity.name)),
                (L.REF, activity.id),
                (L.CREATED, None),
                (L.UPDATED, activity.reviewed),
            ),
            start=4,
        ):
            put(sheet, f"A{row}", label, bold=True)
            if value:
                cell = put(sheet, f"B{row}", value)
                if isinstance(value, date):
                    cell.number_format = "DD/MM/YYYY"
            merge(sheet, f"B{row}:H{row}")
        row = self.actors(sheet, 9)
        row = self.purpose_rows(sheet, row + 1, activity)
        row = self.category_rows(sheet, row + 1, activity)
        row = self.sensitive_rows(sheet, row + 1, activity)
        row = self.person_rows(sheet, row + 1, activity)
        row = self.recipient_rows(sheet, row + 1, activity)
        row = self.measure_rows(sheet, row + 1, activity)
        self.transfer_rows(sheet, row + 1, activity)
        for letter, width in zip("ABCDEFGH", (40, 24, 22, 14, 18, 14, 18, 24), strict=True):
            sheet.column_dimensions[letter].width = width

    def actors(self, sheet: Worksheet, row: int) -> int:
        put(sheet, f"A{row}", L.ACTORS, bold=True)
        for column, header in enumerate(L.ACTOR_COLUMNS, start=2):
            put(sheet, _ref(row, column), header, bold=True)
        organisation = self.register.organisation
        dpo: Any = organisation.dpo
        firm = getattr(dpo, "organisation", None) if dpo is not None else None
        rows: list[tuple[str, Any]] = [
            (L.CONTROLLER, organisation),
            (L.DPO, dpo),
            (L.DPO_COMPANY, {"name": self.t(firm)} if firm else None),
            (L.REPRESENTATIVE, organisation.representative),
        ]
        rows += [(L.JOINT, partner) for partner in organisation.joint_controllers] or [
            (L.JOINT, None)
        ]
        for label, party in rows:
            row += 1
            put(sheet, f"A{row}", label)
            if party is None:
                continue
            if isinstance(party, dict):
                put(sheet, f"B{row}", party["name"])
                continue
            contact = party.contact
            country = getattr(party, "country", None)
            values = [
                party.name,
                self.t(getattr(party, "address", None)),
                "",
                "",
                NAMES.get(country or "", ""),
                contact.phone if contact else "",
                contact.email if contact else "",
            ]
            for column, value in enumerate(values, start=2):
                if value:
                    put(sheet, _ref(row, column), value)
        return row + 1

    def purpose_rows(self, sheet: Worksheet, row: int, activity: Activity) -> int:
        put(sheet, f"A{row}", L.PURPOSES, bold=True)
        purposes = self.purposes(activity)
        # The lines after the sixth stay with the last sub-purpose: nothing is dropped.
        if len(purposes) > L.SUB_PURPOSES + 1:
            purposes = [*purposes[: L.SUB_PURPOSES], "\n".join(purposes[L.SUB_PURPOSES :])]
        labels = [L.MAIN_PURPOSE] + [
            L.SUB_PURPOSE.format(n=n) for n in range(1, L.SUB_PURPOSES + 1)
        ]
        for number, label in enumerate(labels):
            row += 1
            put(sheet, f"A{row}", label)
            if number < len(purposes):
                put(sheet, f"B{row}", purposes[number]).alignment = _WRAP
            merge(sheet, f"B{row}:H{row}")
        return row + 1

    def retention(self, activity: Activity, category_id: str) -> str:
        value: Any = activity.retention
        if value is None:
            return ""
        rule_id = (
            value
            if isinstance(value, str)
            else next((e.rule for e in value if category_id in e.categories), None)
        )
        rule = self.rules.get(rule_id or "")
        if rule is None:
            return rule_id or ""
        starts, until = self.t(rule.starts), self.t(getattr(rule, "until", None))
        if rule.period is not None:
            if not starts:
                return french_period(rule.period)
            joined = starts.startswith(("du ", "des ", "d'", "d’"))
            return f"{french_period(rule.period)} à compter {'' if joined else 'de '}{starts}"
        return until or starts or self.t(rule.name)

    def _header(self, sheet: Worksheet, row: int, title: str, left: str, right: str) -> None:
        put(sheet, f"A{row}", title, bold=True)
        put(sheet, f"B{row}", left, bold=True)
        merge(sheet, f"B{row}:D{row}")
        put(sheet, f"E{row}", right, bold=True)
        merge(sheet, f"E{row}:H{row}")

    def _pair(self, sheet: Worksheet, row: int, label: str, left: str, right: str) -> None:
        put(sheet, f"A{row}", label).alignment = _WRAP
        if left:
            put(sheet, f"B{row}", left).alignment = _WRAP
        merge(sheet, f"B{row}:D{row}")
        if right:
            put(sheet, f"E{row}", right).alignment = _WRAP
        merge(sheet, f"E{row}:H{row}")

    def category_rows(self, sheet: Worksheet, row: int, activity: Activity) -> int:
        self._header(sheet, row, L.CATEGORIES, L.DESCRIPTION_COLUMN, L.RETENTION_COLUMN)
        for category_id in activity.data_categories:
            category = self.categories.get(category_id)
            if category is not None and category.special:
                continue
            row += 1
            name = self.t(category.name) if category is not None else category_id
            examples = self.t(category.examples) if category is not None else ""
            self._pair(sheet, row, name, examples, self.retention(activity, category_id))
        return row + 1

    def sensitive_rows(self, sheet: Worksheet, row: int, activity: Activity) -> int:
        self._header(sheet, row, L.SENSITIVE, L.DESCRIPTION_COLUMN, L.RETENTION_COLUMN)
        for kind, label in L.SENSITIVE_ROWS.items():
            found: list[DataCategory | None] = [
                self.categories[c]
                for c in activity.data_categories
                if c in self.categories and self.categories[c].special == kind
            ]
            for category in found or [None]:
                row += 1
                if category is None:
                    self._pair(sheet, row, label, "", "")
                    continue
                examples = self.t(category.examples)
                text = self.t(category.name) + (f": {examples}" if examples else "")
                self._pair(sheet, row, label, text, self.retention(activity, category.id))
        return row + 1

    def person_rows(self, sheet: Worksheet, row: int, activity: Activity) -> int:
        self._header(sheet, row, L.PERSONS, L.DESCRIPTION_COLUMN, L.DETAILS_COLUMN)
        for number, subject_id in enumerate(activity.data_subjects or ("",), start=1):
            row += 1
            subject = self.subjects.get(subject_id)
            name = self.t(subject.name) if subject is not None else subject_id
            details = self.t(subject.description) if subject is not None else ""
            self._pair(sheet, row, L.PERSON.format(n=number), name, details)
        return row + 1

    def recipient_rows(self, sheet: Worksheet, row: int, activity: Activity) -> int:
        self._header(sheet, row, L.RECIPIENTS, L.RECIPIENT_TYPE, L.DETAILS_COLUMN)
        if activity.recipients == ():
            row += 1
            self._pair(sheet, row, L.RECIPIENT.format(n=1), L.NONE, "")
        for number, recipient_id in enumerate(activity.recipients or ("",), start=1):
            if activity.recipients == ():
                break
            row += 1
            recipient = self.recipients.get(recipient_id)
            kind = L.RECIPIENT_TYPES[L.TYPE_OF_KIND[recipient.kind]] if recipient else ""
            name = self.t(recipient.name) if recipient is not None else recipient_id
            self._pair(sheet, row, L.RECIPIENT.format(n=number), kind, name)
        return row + 1

    def measure_rows(self, sheet: Worksheet, row: int, activity: Activity) -> int:
        self._header(sheet, row, L.MEASURES, L.MEASURE_TYPE, L.DETAILS_COLUMN)
        for number, measure_id in enumerate(activity.security_measures or ("",), start=1):
            row += 1
            measure = self.measures.get(measure_id)
            text = self.t(measure.name) if measure is not None else measure_id
            if measure is not None and measure.description:
                text += f": {self.t(measure.description)}"
            self._pair(
                sheet, row, L.MEASURE.format(n=number), L.OTHER_MEASURE if text else "", text
            )
        return row + 1

    def place(self, transfer: Any) -> str:
        """The country (in French) or the international organisation of a transfer."""
        country = getattr(transfer, "country", None)
        if country:
            return NAMES.get(str(country), str(country))
        organisation = str(getattr(transfer, "organisation", None) or "")
        named = self.t(getattr(transfer, "organisation_name", None))
        known = getattr(vocab, "INTERNATIONAL_ORGANISATIONS", {}).get(organisation)
        return named or (known.en if known is not None else organisation)

    def transfer_rows(self, sheet: Worksheet, row: int, activity: Activity) -> int:
        put(sheet, f"A{row}", L.TRANSFERS, bold=True)
        headers = L.TRANSFER_COLUMNS
        for column, header in (
            ("B", headers[0]),
            ("C", headers[1]),
            ("D", headers[2]),
            ("F", headers[4]),
        ):
            put(sheet, f"{column}{row}", header, bold=True)
        merge(sheet, f"D{row}:E{row}")
        merge(sheet, f"F{row}:H{row}")
        for number, transfer in enumerate(activity.transfers or (None,), start=1):
            row += 1
            put(sheet, f"A{row}", L.TRANSFER.format(n=number))
            if activity.transfers == ():
                put(sheet, f"B{row}", L.NONE)
            if transfer is not None:
                recipient = self.recipients.get(transfer.recipient or "")
                values = {
                    "B": self.t(recipient.name) if recipient is not None else "",
                    "C": self.place(transfer),
                    "D": L.GUARANTEES.get(transfer.safeguard or "", ""),
                    "F": transfer.reference or "",
                }
                for column, value in values.items():
                    if value:
                        put(sheet, f"{column}{row}", value).alignment = _WRAP
            merge(sheet, f"D{row}:E{row}")
            merge(sheet, f"F{row}:H{row}")
        return row + 1


def _ref(row: int, column: int) -> str:
    return f"{'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[column - 1]}{row}"
