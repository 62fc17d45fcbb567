"""What each sheet of the Excel export says: one function per sheet, rows in register order.

Each function takes the `Book` (the register, the language, the report and where every row
is) and yields the sheet's rows, header first, as `(values, activity id or None)`; it may be
called more than once and yields the same rows each time. Presentation (styles, widths, print
set-up) and safety (cell types, limits) are `_cells`' business, not these functions'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ropa.countries import (
    ADEQUACY_CHECKED,
    ADEQUACY_COUNTRIES,
    ADEQUACY_DECISIONS,
    EEA_COUNTRIES,
    country_name,
)
from ropa.findings import Finding
from ropa.formats.xlsx._assessments import (
    assessment_cell,
    assessment_text,
    assessment_words,
    assessments_rows,
    dpia_cell,
)
from ropa.formats.xlsx._book import EXPORT_CODE, Book, header
from ropa.formats.xlsx._cells import Row, Target, Text, Value
from ropa.formats.xlsx._waived import waived_reason
from ropa.formats.xlsx._words import (
    ACTIVITY_COLUMNS,
    CATALOGUE_COLUMNS,
    COVER,
    COVERAGE_COLUMNS,
    FINDING_COLUMNS,
    PROCESSOR_ARTICLES,
    PROCESSOR_COLUMNS,
    PROCESSOR_ITEMS,
    RIGHTS_COLUMNS,
    SHEETS,
    TRANSFER_COLUMNS,
    counted,
    good_practice,
    say,
    with_article,
    word,
    yes_no,
)
from ropa.model import (
    Activity,
    Contact,
    Dpo,
    JointController,
    Party,
    Recipient,
    SpecialConditionEntry,
    Transfer,
)
from ropa.rights import Applicability, rights_of
from ropa.text.grammar import cite
from ropa.text.messages import message
from ropa.vocab import (
    ARTICLE30_ITEMS,
    DATA_SUBJECT_KINDS,
    DEROGATIONS,
    INTERNATIONAL_ORGANISATIONS,
    LEGAL_BASES,
    PURPOSES,
    RECIPIENT_KINDS,
    REQUIREMENT_KINDS,
    RIGHTS,
    SAFEGUARDS,
    SECURITY_KINDS,
    SOURCES,
    SPECIAL_CONDITIONS,
    SPECIAL_KINDS,
)
from ropa.wording import label, retention_in_words

# ---------------------------------------------------------------------------------------------
# Cover


def records_text(book: Book) -> str:
    """Which records the workbook holds, and on which sheets: the controller's (Art. 30(1)),
    the processor's (Art. 30(2)), or both, one per line."""
    lang = book.lang
    lines = []
    if book.controller_record:
        lines.append(book.word("controller_record").format(
            activities=say(SHEETS, "activities", lang), coverage=say(SHEETS, "coverage", lang),
            rights=say(SHEETS, "rights", lang)))  # fmt: skip
    if book.processor_record:
        lines.append(book.word("processor_record").format(
            activities=say(SHEETS, "processor_activities", lang),
            controllers=say(SHEETS, "controllers", lang),
            coverage=say(SHEETS, "processor_coverage", lang)))  # fmt: skip
    return "\n".join(lines)


def changes_summary(book: Book) -> str:
    """`edition 2026.1: 12 changes, see the sheet 'Changes'` in the export language."""
    lang = book.lang
    return book.word("changes_since").format(
        edition=book.since_edition,
        changes=counted(len(book.changes), "change", lang),
        sheet=say(SHEETS, "changes", lang),
    )


def contact_text(book: Book, contact: Contact | None) -> str:
    """A contact as lines: web, e-mail, phone, note."""
    if contact is None:
        return ""
    routes = (
        ("contact_url", contact.url),
        ("contact_email", contact.email),
        ("contact_phone", contact.phone),
    )
    lines = [f"{book.word(key)}: {value}" for key, value in routes if value]
    note = book.text(contact.note)
    if note:
        lines.append(note)
    return "\n".join(lines)


def party_text(book: Book, party: Party | None) -> str:
    """A DPO or representative: name, then contact lines; a DPO also whether they are
    external and their firm (`organisation: ...`, `external: yes`)."""
    if party is None:
        return ""
    lines = [party.name]
    if isinstance(party, Dpo):
        if party.organisation is not None:
            lines.append(f"{book.word('dpo_organisation')}: {party.organisation}")
        if party.external is not None:
            lines.append(
                f"{book.word('dpo_external')}: {book.word('yes' if party.external else 'no')}"
            )
    lines.append(contact_text(book, party.contact))
    return "\n".join(part for part in lines if part)


def joint_text(book: Book, joint: JointController) -> str:
    """A joint controller: name, contact, arrangement."""
    arrangement = book.text(joint.arrangement)
    lines = [joint.name, contact_text(book, joint.contact)]
    if arrangement:
        lines.append(f"{book.word('arrangement')}: {arrangement}")
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------------------------
# Activities


def activity_headers(book: Book) -> list[str]:
    """The Activities headers, each saying which Art. 30 item it answers."""
    lang = book.lang
    answers = {"description": "30(1)(b)", "purpose": "30(1)(b)", "data_subjects": "30(1)(c)",
               "data_categories": "30(1)(c)", "recipients": "30(1)(d)",
               "transfers": "30(1)(e)", "retention": "30(1)(f)",
               "security_measures": "30(1)(g)"}  # fmt: skip
    headers = []
    for key in ACTIVITY_COLUMNS:
        name = say(ACTIVITY_COLUMNS, key, lang)
        article = answers.get(key)
        if key == "open_findings":
            headers.append(f"{name}\n({word('validation', lang)})")
        else:
            headers.append(
                with_article(name, article, lang) if article else good_practice(name, lang)
            )
    return headers


def activities_rows(book: Book) -> Iterator[Row]:
    """The controller's record: one row per controller-role activity, columns in the order of
    Art. 30(1)(a)-(g), then good practice."""
    yield header(activity_headers(book))
    render = Renderers(book)
    for activity in book.controller_activities:
        yield activity_row(book, render, activity), activity.id


_PROCESSOR_ANSWERS = {"on_behalf_of": "30(2)(a)", "description": "30(2)(b)",
                      "transfers": "30(2)(c)", "security_measures": "30(2)(d)"}  # fmt: skip


def processor_headers(book: Book) -> list[str]:
    """The headers of the processor's record, each saying which Art. 30(2) item it answers."""
    lang = book.lang
    headers = []
    for key in PROCESSOR_COLUMNS:
        name = say(PROCESSOR_COLUMNS, key, lang)
        article = _PROCESSOR_ANSWERS.get(key)
        if key in ("id", "name"):
            headers.append(name)
        elif key == "open_findings":
            headers.append(f"{name}\n({word('validation', lang)})")
        else:
            headers.append(
                with_article(name, article, lang) if article else good_practice(name, lang)
            )
    return headers


def processor_activities_rows(book: Book) -> Iterator[Row]:
    """The processor's record: one row per processor-role activity, columns in the order of
    Art. 30(2)(a)-(d) (the controllers, the category of processing, transfers, security),
    then good practice."""
    yield header(processor_headers(book))
    render = Renderers(book)
    for activity in book.processor_activities:
        yield processor_row(book, render, activity), activity.id


def processor_row(book: Book, render: Renderers, activity: Activity) -> list[Value]:
    """The row of `activity` in the processor's record, in the order of `PROCESSOR_COLUMNS`."""
    missing = book.not_stated
    return [
        _activity_link(book, activity),
        book.text(activity.name),
        book.references("controllers", activity.on_behalf_of, render.controller, missing),
        book.text(activity.description) or missing,
        transfers_cell(book, activity),
        book.references("security_measures", activity.security_measures, render.measure, missing),
        book.references("data_subjects", activity.data_subjects, render.subject, missing),
        book.references("data_categories", activity.data_categories, render.category, missing),
        recipients_cell(book, render, activity),
        "\n".join(activity.systems) or missing,
        activity.owner or missing,
        activity.reviewed or missing,
        open_findings_cell(book, activity),
    ]


class Renderers:
    """How each catalogue entry reads inside an Activities cell, computed once per entry."""

    def __init__(self, book: Book) -> None:
        self.book = book
        lang = book.lang
        self.cache: dict[tuple[str, str], str] = {}
        self.special = {
            code: f"{term.label(lang)}, {cite(term.article, lang)}"
            for code, term in SPECIAL_KINDS.items()
        }

    def _cached(self, sheet: str, entry: Any, build: Callable[[Any], str]) -> str:
        key = (sheet, entry.id)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = build(entry)
        return found

    def subject(self, entry: Any) -> str:
        def build(entry: Any) -> str:
            name = self.book.text(entry.name)
            if entry.includes_children:
                name += f" ({self.book.word('includes_children')})"
            return name

        return self._cached("data_subjects", entry, build)

    def category(self, entry: Any) -> str:
        def build(entry: Any) -> str:
            name = self.book.text(entry.name)
            if entry.special is not None:
                name += f" [{self.book.word('special')}: {self.special[entry.special]}]"
            return name

        return self._cached("data_categories", entry, build)

    def recipient(self, entry: Any) -> str:
        def build(entry: Any) -> str:
            kind = label(RECIPIENT_KINDS, entry.kind, self.book.lang)
            return f"{self.book.text(entry.name)} ({kind})"

        return self._cached("recipients", entry, build)

    def retention(self, entry: Any) -> str:
        def build(entry: Any) -> str:
            return retention_in_words(
                self.book.register, entry, self.book.lang, text_of=self.book.text
            )

        return self._cached("retention_rules", entry, build)

    def assessment(self, entry: Any) -> str:
        return self._cached("assessments", entry, lambda e: assessment_text(self.book, e))

    def measure(self, entry: Any) -> str:
        return self._cached("security_measures", entry, lambda e: self.book.text(e.name))

    def controller(self, entry: Any) -> str:
        return str(entry.name)


def activity_row(book: Book, render: Renderers, activity: Activity) -> list[Value]:
    """The Activities row of `activity`, in the order of `ACTIVITY_COLUMNS`."""
    lang, missing = book.lang, book.not_stated
    return [
        _activity_link(book, activity),
        book.text(activity.name),
        book.text(activity.description),
        label(PURPOSES, activity.purpose, lang) or missing,
        "\n".join(legal_basis_text(book, basis) for basis in activity.legal_bases) or missing,
        special_condition_text(book, activity),
        book.references("data_subjects", activity.data_subjects, render.subject, missing),
        book.references("data_categories", activity.data_categories, render.category, missing),
        "\n".join(label(SOURCES, source, lang) for source in activity.sources) or missing,
        recipients_cell(book, render, activity),
        transfers_cell(book, activity),
        retention_cell(book, render, activity),
        book.references("security_measures", activity.security_measures, render.measure, missing),
        yes_no(activity.automated_decisions, lang, unknown=missing),
        yes_no(activity.profiling, lang, unknown=missing),
        yes_no(activity.large_scale, lang, unknown=missing),
        dpia_cell(book, activity.dpia) or missing,
        "\n".join(activity.systems) or missing,
        activity.owner or missing,
        activity.reviewed or missing,
        open_findings_cell(book, activity),
        book.text(activity.source_details) or missing,
        requirement_text(book, activity) or missing,
        book.text(activity.criminal_data_authority) or criminal_default(book, activity),
        yes_no(activity.direct_marketing, lang, unknown=missing),
    ]


def criminal_default(book: Book, activity: Activity) -> str:
    """The Art. 10 cell without a law: "not stated" when a data category is criminal-offence
    data, "not applicable" otherwise."""
    categories = book.by_id["data_categories"]
    criminal = any(
        getattr(categories.get(ref), "special", None) == "criminal"
        for ref in activity.data_categories
    )
    return book.not_stated if criminal else book.word("not_applicable")


def retention_cell(book: Book, render: Renderers, activity: Activity) -> Value:
    """The retention: the rule in words (linked to its row) when one rule covers all the
    activity's data; per data category, one line per rule with the categories it covers,
    `5 years from ...; categories: Payroll data`."""
    retention = activity.retention
    if not isinstance(retention, tuple):
        ids = activity.retention_rule_ids()
        return book.references("retention_rules", ids, render.retention, book.not_stated)
    rules, categories = book.by_id["retention_rules"], book.by_id["data_categories"]
    lines = []
    for entry in retention:
        rule = rules.get(entry.rule)
        words = render.retention(rule) if rule is not None else (
            f"{entry.rule} ({book.word('unknown_id')})")  # fmt: skip
        names = [book.text(categories[ref].name) if ref in categories
                 else f"{ref} ({book.word('unknown_id')})" for ref in entry.categories]  # fmt: skip
        lines.append(f"{words}; {book.word('covered_categories')}: {', '.join(names)}")
    return "\n".join(lines) or book.not_stated


def requirement_text(book: Book, activity: Activity) -> str:
    """The Art. 13(2)(e) statement: its kind, then `must be provided: yes`, `if not provided:
    ...` lines."""
    requirement = activity.requirement
    if requirement is None:
        return ""
    lines = [label(REQUIREMENT_KINDS, requirement.kind, book.lang)]
    if requirement.obliged is not None:
        lines.append(f"{book.word('obliged')}: {book.word('yes' if requirement.obliged else 'no')}")
    if requirement.consequences is not None:
        lines.append(f"{book.word('consequences')}: {book.text(requirement.consequences)}")
    return "\n".join(lines)


def recipients_cell(book: Book, render: Renderers, activity: Activity) -> Value:
    """The recipients: not stated when missing, "none" for an empty list (the format's
    one exception to "empty means not stated"), else one per line with its kind."""
    if activity.recipients is None:
        return book.not_stated
    return book.references("recipients", activity.recipients, render.recipient,
                           book.word("none"))  # fmt: skip


def transfers_cell(book: Book, activity: Activity) -> Value:
    """The transfers: not stated when missing, "none" for an empty list, else one per line."""
    if activity.transfers is None:
        return book.not_stated
    return "\n".join(transfer_text(book, t) for t in activity.transfers) or book.word("none")


def legal_basis_text(book: Book, basis: Any) -> str:
    """A legal basis with what it needs: `Legitimate interests (Art. 6(1)(f)); interest: ...`."""
    term = LEGAL_BASES[basis.basis]
    parts = [f"{term.label(book.lang)} ({cite(term.article, book.lang)})"]
    details: list[tuple[str, str | None]] = []
    if basis.basis == "consent":
        details.append(("withdrawal", book.text(basis.withdrawal)))
        if basis.parental_authorisation is not None:
            details.append(("parental_authorisation", book.text(basis.parental_authorisation)))
        if basis.explicit is not None:
            details.append(("explicit", book.word("yes" if basis.explicit else "no")))
    elif basis.basis in ("legal_obligation", "public_task"):
        details.append(("law", book.text(basis.law)))
    elif basis.basis == "legitimate_interests":
        details.append(("interest", book.text(basis.interest)))
        details.append(("assessment", assessment_words(book, basis.assessment)))
    if basis.covers is not None:
        details.append(("covers", book.text(basis.covers)))
    parts.extend(f"{book.word(key)}: {value or book.not_stated}" for key, value in details)
    return "; ".join(parts)


def special_condition_text(book: Book, activity: Activity) -> str:
    """The Art. 9(2) condition; "not applicable" when no category is special."""
    entries = activity.special_conditions()
    if entries:
        return "\n".join(special_condition_line(book, entry) for entry in entries)
    categories = book.by_id["data_categories"]
    if any(
        getattr(categories.get(ref), "special", None) is not None
        for ref in activity.data_categories
    ):
        return book.not_stated
    return book.word("not_applicable")


def special_condition_line(book: Book, entry: SpecialConditionEntry) -> str:
    """`Label (Art. 9(2)(h)); law: ...; categories: A, B`: the condition, the law it rests
    on and the special categories it covers, as far as the register says them."""
    term = SPECIAL_CONDITIONS[entry.condition]
    parts = [f"{term.label(book.lang)} ({cite(term.article, book.lang)})"]
    if entry.law is not None:
        parts.append(f"{book.word('law')}: {book.text(entry.law)}")
    if entry.categories:
        categories = book.by_id["data_categories"]
        names = [
            book.text(categories[ref].name) if ref in categories else ref
            for ref in entry.categories
        ]
        parts.append(f"{book.word('covered_categories')}: {', '.join(names)}")
    return "; ".join(parts)


def transfer_text(book: Book, transfer: Transfer) -> str:
    """`United States (US): Standard contractual clauses (Art. 46(2)(c)); recipient: ...`."""
    lang = book.lang
    where = destination_text(book, transfer)
    if transfer.safeguard is not None:
        term = SAFEGUARDS[transfer.safeguard]
        safeguard = f"{term.label(lang)} ({cite(term.article, lang)})"
    else:
        safeguard = book.not_stated
    if transfer.derogation is not None:
        derogation = DEROGATIONS[transfer.derogation]
        safeguard += f", {derogation.label(lang)} ({cite(derogation.article, lang)})"
    parts = [f"{where}: {safeguard}"]
    if transfer.recipient is not None:
        recipient = book.by_id["recipients"].get(transfer.recipient)
        name = book.text(recipient.name) if recipient is not None else transfer.recipient
        parts.append(f"{book.word('recipient')}: {name}")
    if transfer.reference:
        parts.append(f"{book.word('reference')}: {transfer.reference}")
    if transfer.assessment:
        parts.append(
            f"{book.word('impact_assessment')}: {assessment_words(book, transfer.assessment)}"
        )
    return "; ".join(parts)


def destination_text(book: Book, transfer: Transfer) -> str:
    """`United States (US)`, or the international organisation by name (an `other` one's name,
    register text, in the workbook's language or marked with the one it has)."""
    lang = book.lang
    if transfer.country is not None:
        return f"{country_name(transfer.country, lang)} ({transfer.country})"
    code = transfer.organisation or "other"
    if transfer.organisation_name is not None:
        return book.text(transfer.organisation_name) or code
    return INTERNATIONAL_ORGANISATIONS[code].label(lang)


def open_findings_cell(book: Book, activity: Activity) -> Value:
    """Codes of the open findings on the activity and on the catalogue entries it uses, each
    once, linked to the first on the Findings sheet."""
    if book.report is None:
        return book.word("validation_not_run")
    found = book.questions.open_concerning(activity)
    if not found:
        return ""
    codes = ", ".join(dict.fromkeys(listed.finding.code for listed in found))
    return Text(codes, "link", ("findings", found[0].row))


# ---------------------------------------------------------------------------------------------
# Catalogues and transfers


def _columns(book: Book, *keys: str) -> Row:
    return header([say(CATALOGUE_COLUMNS, key, book.lang) for key in keys])


SUBJECT_FIELDS = ("id", "name", "description", "includes_children", "used_by",
                  "subject_kind", "contract_party", "vulnerable")  # fmt: skip
"""The columns of the Data subjects sheet, in order: those added in 2026-12 after the ones
readers already address by position."""


def data_subjects_rows(book: Book) -> Iterator[Row]:
    """One row per data subject category, with how many activities name it."""
    lang, missing = book.lang, book.not_stated
    used = book.used["data_subjects"]
    yield _columns(book, *SUBJECT_FIELDS)
    for subject in book.register.data_subjects:
        yield [
            subject.id, book.text(subject.name), book.text(subject.description),
            yes_no(subject.includes_children, lang, unknown=missing),
            used[subject.id],
            label(DATA_SUBJECT_KINDS, subject.kind, lang) or missing,
            yes_no(subject.contract_party, lang, unknown=missing),
            yes_no(subject.vulnerable, lang, unknown=missing),
        ], None  # fmt: skip


def data_categories_rows(book: Book) -> Iterator[Row]:
    """One row per data category, special ones named with their article."""
    lang, missing = book.lang, book.not_stated
    used = book.used["data_categories"]
    yield _columns(book, "id", "name", "examples", "special", "national_id", "used_by")
    for category in book.register.data_categories:
        special = SPECIAL_KINDS.get(category.special) if category.special else None
        yield [
            category.id, book.text(category.name), book.text(category.examples),
            f"{special.label(lang)} ({cite(special.article, lang)})"
            if special else book.word("no"),
            yes_no(category.national_id, lang, unknown=missing),
            used[category.id],
        ], None  # fmt: skip


def recipients_rows(book: Book) -> Iterator[Row]:
    """One row per recipient category, with its kind, contract and countries."""
    lang, missing = book.lang, book.not_stated
    used = book.used["recipients"]
    # Sub-processors' authorisations (Art. 28(2)) matter to a processor's record only.
    authorised = book.processor_record or any(r.authorisation for r in book.register.recipients)
    yield _columns(book, "id", "name", "description", "kind", "contract", "countries",
                   *(("authorisation",) if authorised else ()), "used_by")  # fmt: skip
    for recipient in book.register.recipients:
        kind = RECIPIENT_KINDS[recipient.kind]
        yield [
            recipient.id, book.text(recipient.name), book.text(recipient.description),
            f"{kind.label(lang)} ({cite(kind.article, lang)})",
            contract_text(book, recipient),
            "\n".join(f"{country_name(code, lang)} ({code})" for code in recipient.countries)
            or missing,
            *((authorisation_text(book, recipient),) if authorised else ()),
            used[recipient.id],
        ], None  # fmt: skip


def authorisation_text(book: Book, recipient: Recipient) -> str:
    """A sub-processor's authorisation: `general written authorisation; reference: ...`."""
    authorisation = recipient.authorisation
    if authorisation is None:
        return ""
    text = book.word(f"authorisation_{authorisation.kind}")
    if authorisation.reference:
        text += f"; {book.word('reference')}: {authorisation.reference}"
    return text


def controllers_rows(book: Book) -> Iterator[Row]:
    """The controllers the organisation processes for (Art. 30(2)(a)): name, contact,
    representative, DPO, the Art. 28(3) contract, and per controller the categories of
    processing carried out on its behalf (Art. 30(2)(b))."""
    missing = book.not_stated
    processing: dict[str, list[str]] = {}
    for activity in book.processor_activities:
        line = book.text(activity.name)
        description = book.text(activity.description)
        if description:
            line += f": {description}"
        for ref in dict.fromkeys(activity.on_behalf_of):
            processing.setdefault(ref, []).append(line)
    yield _columns(book, "id", "name", "contact", "representative", "dpo",
                   "controller_contract", "processing")  # fmt: skip
    for controller in book.register.controllers:
        yield [
            controller.id, controller.name,
            contact_text(book, controller.contact) or missing,
            party_text(book, controller.representative) or missing,
            party_text(book, controller.dpo) or missing,
            controller.contract or missing,
            "\n".join(processing.get(controller.id, ())) or book.word("none"),
        ], None  # fmt: skip


def contract_text(book: Book, recipient: Any) -> str:
    """The Art. 28 contract: as cited; "not stated" for a processor that cites none; "not
    applicable" for any other recipient (Art. 28(3) binds controller and processor only)."""
    if recipient.contract:
        return str(recipient.contract)
    return book.not_stated if recipient.kind == "processor" else book.word("not_applicable")


def retention_rules_rows(book: Book) -> Iterator[Row]:
    """One row per retention rule, in words and as written."""
    lang, missing = book.lang, book.not_stated
    used = book.used["retention_rules"]
    yield _columns(book, "id", "name", "in_words", "period", "starts", "until", "basis",
                   "description", "used_by")  # fmt: skip
    for rule in book.register.retention_rules:
        yield [
            rule.id, book.text(rule.name),
            retention_in_words(book.register, rule, lang, text_of=book.text),
            str(rule.period) if rule.period is not None else missing,
            book.text(rule.starts) or missing, book.text(rule.until) or missing,
            book.text(rule.basis) or missing,
            book.text(rule.description), used[rule.id],
        ], None  # fmt: skip


def security_measures_rows(book: Book) -> Iterator[Row]:
    """One row per security measure."""
    lang = book.lang
    used = book.used["security_measures"]
    yield _columns(book, "id", "name", "kind", "description", "used_by")
    for measure in book.register.security_measures:
        yield [
            measure.id, book.text(measure.name), label(SECURITY_KINDS, measure.kind, lang),
            book.text(measure.description), used[measure.id],
        ], None  # fmt: skip


CATALOGUE_ROWS: dict[str, Callable[[Book], Iterator[Row]]] = {
    "controllers": controllers_rows,
    "data_subjects": data_subjects_rows,
    "data_categories": data_categories_rows,
    "recipients": recipients_rows,
    "retention_rules": retention_rules_rows,
    "security_measures": security_measures_rows,
    "assessments": assessments_rows,
}
"""The rows of each catalogue's sheet, by catalogue, in the order the sheets come in: what
the export writes, the import compares with and the Changes sheet names fields by."""


def transfers_rows(book: Book) -> Iterator[Row]:
    """One row per transfer to a third country, linked to its activity and recipient; the
    transfers of both records (Art. 30(1)(e), 30(2)(c)), in the register's order."""
    lang, missing = book.lang, book.not_stated
    yield header([say(TRANSFER_COLUMNS, key, lang) for key in TRANSFER_COLUMNS])
    for activity in book.register.activities:
        for transfer in activity.transfers or ():
            country = transfer.destination
            if country in EEA_COUNTRIES:
                adequacy = book.word("inside_eea")
            else:
                adequacy = book.word("yes" if country in _ADEQUATE else "no")
            derogation = DEROGATIONS.get(transfer.derogation) if transfer.derogation else None
            safeguard = SAFEGUARDS.get(transfer.safeguard) if transfer.safeguard else None
            recipient: Value = ""
            if transfer.recipient is not None:
                found = book.by_id["recipients"].get(transfer.recipient)
                recipient = (
                    Text(book.text(found.name), "link", book.link("recipients", found.id))
                    if found is not None
                    else f"{transfer.recipient} ({book.word('unknown_id')})"
                )
            yield [
                _activity_link(book, activity), book.text(activity.name), country,
                destination_text(book, transfer), adequacy, recipient,
                f"{safeguard.label(lang)} ({cite(safeguard.article, lang)})"
                if safeguard else missing,
                transfer.reference or "",
                f"{derogation.label(lang)} ({cite(derogation.article, lang)})"
                if derogation else "",
                assessment_cell(book, transfer.assessment),
            ], activity.id  # fmt: skip


_ADEQUATE = ADEQUACY_COUNTRIES | {
    decision.destination
    for decision in ADEQUACY_DECISIONS
    if decision.destination in INTERNATIONAL_ORGANISATIONS and decision.in_force(ADEQUACY_CHECKED)
}
"""Destinations with an adequacy decision in force when the table was last checked: third
countries and international organisations."""


def _activity_link(book: Book, activity: Activity) -> Value:
    """The activity's id, linked to its record card (else to its row of the record)."""
    return book.card_link(activity) or _record_link(book, activity)


def _record_link(book: Book, activity: Activity) -> Value:
    target = book.activity_link(activity.id)
    return Text(activity.id, "link", target) if target else activity.id


# ---------------------------------------------------------------------------------------------
# Art. 30 coverage


STATED, MISSING, NOT_APPLICABLE = "stated", "missing", "not_applicable"


def coverage_items(book: Book, *, processor: bool = False) -> list[tuple[str, str, str]]:
    """The items a record must contain, (letter, label, article): the controller's record's
    (Art. 30(1)(a)-(g)), or with `processor` the processor's (Art. 30(2)(a)-(d))."""
    lang = book.lang
    if processor:
        return [(letter, say(PROCESSOR_ITEMS, letter, lang), PROCESSOR_ARTICLES[letter])
                for letter in PROCESSOR_ITEMS]  # fmt: skip
    return [(letter, term.label(lang), term.article) for letter, term in ARTICLE30_ITEMS.items()]


def _reachable(contact: Contact | None) -> bool:
    return contact is not None and bool(contact.url or contact.email or contact.phone)


def coverage(book: Book, activity: Activity) -> list[str]:
    """stated / missing / not_applicable for each Art. 30(1) item, in order.

    (a) is the organisation's name and a contact route (url, e-mail or phone), the same on
    every row. Transfers are "not applicable" when the activity lists none and every recipient
    it names is known to be only inside the EEA; an empty list otherwise states "none".
    """
    organisation = book.register.organisation
    controller = _status(bool(organisation.name) and _reachable(organisation.contact))
    purpose = _status(activity.purpose is not None or activity.description is not None)
    security = _status(bool(activity.security_measures))
    transfers = _transfer_status(book, activity)
    return [
        controller,
        purpose,
        _status(bool(activity.data_subjects) and bool(activity.data_categories)),
        _status(activity.recipients is not None),
        transfers,
        _status(activity.retention is not None),
        security,
    ]


def _status(stated: bool) -> str:
    return STATED if stated else MISSING


def _transfer_status(book: Book, activity: Activity) -> str:
    if activity.transfers is None:
        return MISSING
    if activity.transfers or activity.recipients is None:
        return STATED
    recipients = book.by_id["recipients"]
    for ref in activity.recipients:
        recipient = recipients.get(ref)
        if recipient is None or not recipient.countries:
            return STATED
        if not set(recipient.countries) <= EEA_COUNTRIES:
            return STATED
    return NOT_APPLICABLE


def processor_coverage(book: Book, activity: Activity) -> list[str]:
    """stated / missing / not_applicable for each Art. 30(2) item, in order.

    (a) is the processor's name and contact route, and for each controller the activity names
    a controller in `controllers` with a contact route; (b) the description of the processing;
    (c) and (d) as for the controller's record.
    """
    organisation = book.register.organisation
    controllers = [book.by_id["controllers"].get(ref) for ref in activity.on_behalf_of]
    named = bool(controllers) and all(
        entry is not None and _reachable(entry.contact) for entry in controllers
    )
    return [
        _status(bool(organisation.name) and _reachable(organisation.contact) and named),
        _status(activity.description is not None),
        _transfer_status(book, activity),
        _status(bool(activity.security_measures)),
    ]


def coverage_rows(book: Book) -> Iterator[Row]:
    """The controller's activities x Art. 30(1) items (`_coverage_rows`)."""
    yield from _coverage_rows(book, book.controller_activities, coverage_items(book), coverage,
                              "1")  # fmt: skip


def processor_coverage_rows(book: Book) -> Iterator[Row]:
    """The processor's activities x Art. 30(2)(a)-(d), in the states of the Art. 30 coverage."""
    items = coverage_items(book, processor=True)
    yield from _coverage_rows(book, book.processor_activities, items, processor_coverage, "2")


def _coverage_rows(
    book: Book,
    activities: tuple[Activity, ...],
    items: list[tuple[str, str, str]],
    statuses_of: Callable[[Book, Activity], list[str]],
    paragraph: str,
) -> Iterator[Row]:
    """Activities x items of Art. 30(`paragraph`), each in one of three states, in words and
    colour: stated (green); stated, but questioned by an open finding, named and linked
    (amber); not stated (red); and not applicable (grey)."""
    lang = book.lang
    yield header([
        say(COVERAGE_COLUMNS, "activity_id", lang), say(COVERAGE_COLUMNS, "activity", lang),
        *(f"({letter}) {name}\n({cite(article, lang)})" for letter, name, article in items),
        say(COVERAGE_COLUMNS, "missing_items", lang),
        say(COVERAGE_COLUMNS, "questioned_items", lang),
    ])  # fmt: skip
    cells = {
        STATED: Text(book.word("stated"), "good"),
        MISSING: Text(book.not_stated, "bad"),
        NOT_APPLICABLE: Text(book.word("not_applicable"), "grey"),
    }
    for activity in activities:
        statuses = statuses_of(book, activity)
        questioned = book.questions.questioning(activity, paragraph)
        row: list[Value] = [_activity_link(book, activity), book.text(activity.name)]
        missing: list[str] = []
        doubted: list[str] = []
        for (letter, _, _), status in zip(items, statuses, strict=True):
            found = questioned.get(letter) if status == STATED else None
            if found:
                codes = ", ".join(dict.fromkeys(listed.finding.code for listed in found))
                words = book.word("questioned").format(codes=codes)
                row.append(Text(words, "questioned", ("findings", found[0].row)))
                doubted.append(letter)
            else:
                row.append(cells[status])
                if status == MISSING:
                    missing.append(letter)
        row += [", ".join(missing), ", ".join(doubted)]
        yield row, activity.id


# ---------------------------------------------------------------------------------------------
# Rights

_RIGHT_WORD = {
    Applicability.APPLIES: ("applies", "good"),
    Applicability.CONDITIONAL: ("conditional", "neutral"),
    Applicability.NOT_APPLICABLE: ("does_not_apply", "grey"),
}


def rights_rows(book: Book) -> Iterator[Row]:
    """The controller's activities x data subject rights (Art. 15-22, 7(3)), derived from the
    legal bases. Processor activities are not listed: the rights are exercised against the
    controller, whom the processor assists (Art. 28(3)(e))."""
    lang = book.lang
    yield header([
        say(RIGHTS_COLUMNS, "activity_id", lang), say(RIGHTS_COLUMNS, "activity", lang),
        say(RIGHTS_COLUMNS, "legal_bases", lang),
        *(f"{term.label(lang)}\n({cite(term.article, lang)})" for term in RIGHTS.values()),
        say(RIGHTS_COLUMNS, "notes", lang),
    ])  # fmt: skip
    cells = {status: Text(book.word(key), style) for status, (key, style) in _RIGHT_WORD.items()}
    for activity in book.controller_activities:
        bases = [basis.basis for basis in activity.legal_bases]
        statuses = rights_of(activity)
        notes = "\n".join(
            f"{RIGHTS[status.right].label(lang)}: {status.reason(lang)}"
            for status in statuses
            if status.status is Applicability.CONDITIONAL
        )
        yield (
            [_activity_link(book, activity), book.text(activity.name),
             "\n".join(label(LEGAL_BASES, basis, lang) for basis in dict.fromkeys(bases))
             or book.not_stated,
             *(cells[status.status] for status in statuses), notes],
            activity.id,
        )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Findings


def findings_rows(book: Book) -> Iterator[Row]:
    """Every finding (waived ones marked), then the export's own notices.

    The notices are read as they come: a notice row may itself be cut and add a notice.
    """
    lang = book.lang
    yield header([say(FINDING_COLUMNS, key, lang) for key in FINDING_COLUMNS])
    for listed in book.questions.listed:  # by severity, open ones first
        yield finding_row(book, listed.finding), listed.finding.activity
    if book.report is None:
        yield [Text(book.word("info"), "info"), EXPORT_CODE, "", "", "", "", "",
               book.word("not_validated_notice"), book.word("no"), ""], None  # fmt: skip
    done = 0
    while done < len(book.notices):
        notice = book.notices[done]
        done += 1
        characters = counted(notice.left_out, "character", lang)
        message = book.word("cut_notice").format(
            cell=notice.cell, sheet=notice.sheet, characters=characters
        )
        activity: Value = _activity_id_link(book, notice.activity) if notice.activity else ""
        named = book.activities_by_id.get(notice.activity) if notice.activity else None
        name = book.text(named.name) if named is not None else ""
        yield [Text(book.word("info"), "info"), EXPORT_CODE, "", "", activity, name,
               f"{notice.sheet}!{notice.cell}", message, book.word("no"), ""], None  # fmt: skip


def finding_row(book: Book, finding: Finding) -> list[Value]:
    """The Findings row of one finding, in the workbook's language: the rule's title, the
    activity's name beside its id, where the finding points as a link to that row of the
    sheet that shows it. A waived one is grey from end to end, so that its severity's red or
    amber does not call for a fix already accepted."""
    lang = book.lang
    severity = finding.severity.value
    activity = book.activities_by_id.get(finding.activity) if finding.activity else None
    row: list[Value] = [
        Text(book.word(severity), "grey" if finding.waived else severity),
        finding.code,
        rule_title(finding.code, finding.slug, lang),
        cite(finding.article, lang),
        _activity_id_link(book, finding.activity, finding.path) if finding.activity else "",
        book.text(activity.name) if activity is not None else "",
        finding_location(book, finding),
        finding.text(lang),
        book.word("yes" if finding.waived else "no"),
        # the register's words, marked if in another language; once a waiver has expired
        # (ROPA105), the finding is open again and the expired waiver is named
        waived_reason(book, finding)
        if finding.reason or finding.expired_waiver is None
        else finding.expired_waiver.text(lang),
    ]
    if finding.waived:
        row = [
            Text(v, "grey") if isinstance(v, str) and v
            else Text(v.value, "grey", v.link) if isinstance(v, Text) and v.style == "link"
            else v
            for v in row
        ]  # fmt: skip
    return row


def rule_title(code: str, slug: str, lang: str) -> str:
    """The rule's title in `lang` (catalogue message `<code>.title`), else its slug."""
    msgid = f"{code}.title"
    title = message(msgid, lang)
    return slug if title == msgid else title


# The organisation's and the register's fields, as the Cover names them.
_COVER_FIELDS = {"name": "organisation"}


def finding_location(book: Book, finding: Finding) -> Value:
    """Where a finding points, as the workbook shows it: the sheet, the row and the column's
    heading (`Apstrādes darbības, 5. rinda: Juridiskais pamats`), linked to the row of the
    sheet that shows the item (a transfer's on Transfers, a waiver's on Waivers, a catalogue
    entry's on its catalogue's sheet, even when its id repeats); the register's key path
    where no sheet shows the item."""
    place = item_place(book, finding.path)
    if place is None:
        return finding.path_text
    target, columns, field = place
    sheet_title = say(SHEETS, target[0], book.lang)
    if field in columns:
        heading = say(columns, field, book.lang).split("\n")[0]
        words = book.word("location").format(sheet=sheet_title, row=target[1], field=heading)
    else:
        words = book.word("location_row").format(sheet=sheet_title, row=target[1])
    return Text(words, "link", target)


# A transfer's fields, as the Transfers sheet's columns name them.
_TRANSFER_FIELDS = {"organisation": "country", "organisation_name": "country",
                    "assessment": "transfer_assessment"}  # fmt: skip


def item_place(
    book: Book, path: tuple[str | int, ...]
) -> tuple[Target, Mapping[str, str], str] | None:
    """The row of the sheet that shows the item at `path` (a finding's), the columns of that
    sheet and the column the path names ("" for none); None where no sheet of the workbook
    shows it."""
    register = book.register
    head = path[0] if path else None
    index = path[1] if len(path) > 1 and isinstance(path[1], int) else None
    rest = path[2:]
    target: Target | None = None
    columns: Mapping[str, str] = CATALOGUE_COLUMNS
    inner = rest[1] if len(rest) > 1 and isinstance(rest[1], int) else None
    if head == "activities" and index is not None and index < len(register.activities):
        activity = register.activities[index]
        kind = rest[0] if rest else None
        if kind == "transfers" and inner is not None and inner < len(activity.transfers or ()):
            target, columns = book.places.transfer(index, inner), TRANSFER_COLUMNS
            rest = rest[2:]
        elif kind == "waivers" and inner is not None and inner < len(activity.waivers):
            target, rest = book.places.waiver(index, inner), rest[2:]
        else:
            target = book.places.activity(index)
            processor = target[0] == "processor_activities"
            columns = PROCESSOR_COLUMNS if processor else ACTIVITY_COLUMNS
    elif head == "register" and path[1:2] == ("waivers",) and len(path) > 2:
        position = path[2]
        if isinstance(position, int) and position < len(register.register.waivers):
            target, rest = book.places.waiver(None, position), path[3:]
    elif head in book.rows and head != "cards" and index is not None:
        if index < len(getattr(register, str(head), ())):
            target = (str(head), index + 2)  # every entry has its row, in the register's order
    elif head in ("organisation", "register"):
        columns, rest = COVER, path[1:]
        field = next((str(part) for part in rest if isinstance(part, str)), "")
        from ropa.formats.xlsx._cover import cover_row  # the Cover is built from the sheets

        target = ("cover", cover_row(book, _COVER_FIELDS.get(field, field)))
    if target is None or (book.sheet_keys and target[0] not in book.sheet_keys):
        return None
    field = next((str(part) for part in rest if isinstance(part, str)), "")
    if columns is COVER:
        field = _COVER_FIELDS.get(field, field)
    elif columns is TRANSFER_COLUMNS:
        field = _TRANSFER_FIELDS.get(field, field)
    return target, columns, field


def _activity_id_link(book: Book, activity_id: str, path: tuple[str | int, ...] = ()) -> Value:
    """The activity's id, linked to its record card (else to its row on its record's sheet):
    the card of the activity at `path` (a finding's) when it is one, since ids can repeat."""
    index = path[1] if path[:1] == ("activities",) and len(path) > 1 else None
    target: Target | None = None
    activities = book.register.activities
    if isinstance(index, int) and index < len(activities) and activities[index].id == activity_id:
        card = book.places.card(index)
        target = ("cards", card) if card is not None else book.places.activity(index)
    if target is None:
        card = book.rows.get("cards", {}).get(activity_id)
        target = ("cards", card) if card is not None else book.activity_link(activity_id)
    return Text(activity_id, "link", target) if target else activity_id
