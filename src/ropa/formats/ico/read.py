"""Read a filled ICO "Documentation template for controllers" (.xlsx or .ods) into a register.

The sheet is found by its header row (the cell "Purpose of processing"), and each column by
its header, so a template whose columns were moved still reads. Each row below is one
activity. A cell holding a list has one item a line, `Name (kind): detail`, as `write.py`
writes it; values that do not map (a legal basis in free text, an unknown country, a retention
period in words that are not a period) are reported as `Sheet!Cell: ...` and kept, as text,
in the activity's description.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ropa import vocab
from ropa.countries import country_names
from ropa.formats._layout import (
    Book,
    Grid,
    ImportReport,
    LayoutImport,
    RegisterBuilder,
    TemplateError,
    fold,
    head_and_detail,
    lines,
    lookup,
    period_in_words,
    read_book,
    trailing_label,
)
from ropa.formats._located import CellProblem
from ropa.formats.ico._columns import (
    AUTOMATED,
    BASIS_LINE,
    CATEGORIES_LINE,
    COLUMNS,
    COMPLETED,
    CONTACT_COLUMNS,
    CONTACT_ROWS,
    NO,
    NONE,
    NOT_HELD,
    PROFILING,
    STARTS_LINE,
    UNTIL_LINE,
    YES,
)
from ropa.loader import DEFAULT_MAX_BYTES
from ropa.model import Activity, RetentionRule, Transfer
from ropa.text.messages import Message, msg
from ropa.vocab import (
    LEGAL_BASES,
    RECIPIENT_KINDS,
    SAFEGUARDS,
    SECURITY_KINDS,
    SOURCES,
    SPECIAL_CONDITIONS,
    SPECIAL_KINDS,
)

__all__ = ["import_ico", "read_ico"]

_HEADERS = {fold(header): key for key, header in COLUMNS}
_CONTACT_HEADERS = {fold(header): header.lower() for header in CONTACT_COLUMNS}
_CONTACT_LABELS = {fold(label): key for key, label in CONTACT_ROWS.values()}
_COUNTRIES = country_names("en")
_ARTICLE_6 = re.compile(r"6\s*\(\s*1\s*\)\s*\(\s*([a-f])\s*\)")
_ARTICLE_9 = re.compile(r"9\s*\(\s*2\s*\)\s*\(\s*([a-j])\s*\)")
_UNTIL = "until" if "until" in RetentionRule.model_fields else "starts"
_PER_CATEGORY = "tuple" in str(Activity.model_fields["retention"].annotation)
_ORGANISATIONS = {
    code: term.en
    for code, term in getattr(vocab, "INTERNATIONAL_ORGANISATIONS", {}).items()
    if code != "other"
}
_DEROGATION = re.compile(r"\(Art\. 49\(1\)\(([a-g])\)\)$")
_DEROGATION_POINTS = "derogation" in Transfer.model_fields
_MANY_CONDITIONS = "tuple" in str(Activity.model_fields["special_condition"].annotation)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def import_ico(
    path: str | os.PathLike[str], *, lang: str = "en", max_bytes: int = DEFAULT_MAX_BYTES
) -> LayoutImport:
    """Read the filled ICO template at `path` (.xlsx or .ods) into a register.

    `lang` is the language the template's texts are in (it becomes the register's language).
    Returns the register with the import report; raises `TemplateError` (every problem
    located) when the file is not a spreadsheet or has no ICO header row.
    """
    book = read_book(path, max_bytes=max_bytes)
    return read_ico(book, lang=lang, name=os.path.basename(os.fspath(path)))


def read_ico(book: Book, *, lang: str = "en", name: str = "workbook") -> LayoutImport:
    """Like `import_ico`, from sheets already read."""
    for grid in book.values():
        header_row = _header_row(grid)
        if header_row is not None:
            return _Reader(grid, header_row, lang).run()
    raise TemplateError([CellProblem.of(name, msg("layout.ico.not_ico"))])


def _header_row(grid: Grid) -> int | None:
    for (row, _column), value in sorted(grid.cells.items()):
        if isinstance(value, str) and fold(value) == fold("Purpose of processing"):
            return row
    return None


class _Reader:
    def __init__(self, grid: Grid, header_row: int, lang: str) -> None:
        self.grid = grid
        self.header_row = header_row
        self.builder = RegisterBuilder(lang)
        self.report = ImportReport(not_held=NOT_HELD)
        self.columns: dict[str, int] = {}

    def run(self) -> LayoutImport:
        grid = self.grid
        for (row, column), value in sorted(grid.cells.items()):
            if row != self.header_row:
                continue
            key = _HEADERS.get(fold(str(value)))
            if key is None:
                said = msg("layout.ico.unknown_column", heading=repr(value))
                self.report.gap(grid.where(row, column), said)
            elif key not in self.columns:
                self.columns[key] = column
        self.contacts()
        for row in range(self.header_row + 1, grid.max_row + 1):
            if any(grid.text(row, column) for column in self.columns.values()):
                self.activity(row)
        self.unread_cells()
        return LayoutImport(self.builder.build(grid.title), self.report)

    def unread_cells(self) -> None:
        known = set(self.columns.values())
        for (row, column), value in sorted(self.grid.cells.items()):
            if row > self.header_row and column not in known and str(value).strip():
                self.report.gap(self.grid.where(row, column), msg("layout.ico.outside"))

    # -- the contact block

    def contacts(self) -> None:
        grid = self.grid
        columns: dict[str, int] = {}
        for row in range(1, self.header_row):
            for column in range(2, 12):
                key = _CONTACT_HEADERS.get(fold(grid.text(row, column)))
                if key is not None:
                    columns[key] = column
        organisation = self.builder.organisation
        for row in range(1, self.header_row):
            key = _CONTACT_LABELS.get(fold(grid.text(row, 1)))
            if key is None or not columns:
                continue
            values = {field: grid.text(row, column) for field, column in columns.items()}
            if not any(values.values()):
                continue
            where = {field: grid.where(row, column) for field, column in columns.items()}
            target: dict[str, Any] = organisation if key == "organisation" else {}
            if values["name"]:
                target["name"] = values["name"]
                self.report.map(where["name"], f"{_path(key)}.name")
            elif key != "organisation":
                self.report.gap(where["name"], msg("layout.ico.no_name", who=key))
                target["name"] = "?"
            if values.get("address"):
                if key == "organisation":
                    target["address"] = values["address"]
                    self.report.map(where["address"], "organisation.address")
                else:
                    address = repr(values["address"])
                    said = msg("layout.no_address", who=key, address=address)
                    self.report.gap(where["address"], said)
            contact = {}
            for field, route in (
                ("email", "email"),
                ("telephone", "phone"),
                ("website", "url"),
                ("notes", "note"),
            ):
                if values.get(field):
                    contact[route] = values[field]
                    self.report.map(where[field], f"{_path(key)}.contact.{route}")
            if contact:
                target["contact"] = contact
            if key != "organisation":
                organisation[key] = target

    # -- one activity

    def activity(self, row: int) -> None:
        self.row = row
        self.kept: list[str] = []
        cell = self.cell
        purpose = lines(cell("purpose"))
        name = purpose[0] if purpose else ""
        if not name:
            self.report.gap(self.where("purpose"), msg("layout.ico.no_purpose"))
            name = f"Activity of row {row}"
        activity_id = self.builder.activity_id("", name)
        self.path = f"activities[{activity_id}]"
        activity: dict[str, Any] = {"id": activity_id, "name": name}
        self.mapped("purpose", "name" + (", description" if len(purpose) > 1 else ""))
        description = "\n".join(purpose[1:])
        if cell("business_function"):
            activity["owner"] = cell("business_function")
            self.mapped("business_function", "owner")
        self.joint_controllers()
        activity["data_subjects"] = self.subjects()
        activity["data_categories"] = self.categories()
        recipients = self.recipients()
        if recipients is not None:
            activity["recipients"] = recipients
        transfers = self.transfers(recipients)
        if transfers is not None:
            activity["transfers"] = transfers
        retention = self.retention(activity["data_categories"])
        if retention is not None:
            activity["retention"] = retention
        activity["security_measures"] = self.measures()
        activity["legal_bases"] = self.bases()
        condition = self.condition()
        if condition is not None:
            activity["special_condition"] = condition
        self.automated(activity)
        activity["sources"] = self.sources()
        if cell("consent_record"):
            self.keep("consent_record", msg("layout.ico.why.consent_record"))
        if cell("location"):
            activity["systems"] = lines(cell("location"))
            self.mapped("location", "systems")
        if cell("rights"):
            self.mapped("rights", msg("layout.ico.rights"))
        dpia = self.dpia()
        if dpia is not None:
            activity["dpia"] = dpia
        if self.kept:
            description = "\n".join(part for part in (description, *self.kept) if part)
        if description:
            activity["description"] = description
        self.builder.activities.append(activity)

    def cell(self, key: str) -> str:
        column = self.columns.get(key)
        return "" if column is None else self.grid.text(self.row, column)

    def where(self, key: str) -> str:
        column = self.columns.get(key)
        return self.grid.where(self.row, column) if column else f"{self.grid.title}!?{self.row}"

    def mapped(self, key: str, target: str | Message) -> None:
        """Report the cell of `key` read into the field `target` of the activity (or, for a
        note in words, into what the note says)."""
        if self.cell(key):
            said = (
                f"{self.path}.{target}"
                if isinstance(target, str)
                else msg("layout.note", path=self.path, note=target)
            )
            self.report.map(self.where(key), said)

    def keep(self, key: str, why: Message, text: str | None = None) -> None:
        """Report the value of `key` as a gap and keep it in the description."""
        value = text if text is not None else self.cell(key)
        header = dict(COLUMNS)[key]
        field = f"{self.path}.description"
        self.report.gap(
            self.where(key), msg("layout.kept", why=why, value=repr(value), field=field)
        )
        self.kept.append(f"{header}: {value}")

    # -- the columns

    def joint_controllers(self) -> None:
        partners = self.builder.organisation.setdefault("joint_controllers", [])
        for line in lines(self.cell("joint_controller")):
            name, detail = head_and_detail(line)
            if any(p["name"] == name for p in partners):
                continue
            partner: dict[str, Any] = {"name": name}
            contact = _routes(detail)
            if contact:
                partner["contact"] = contact
            partners.append(partner)
        if self.cell("joint_controller"):
            self.report.map(self.where("joint_controller"), "organisation.joint_controllers")
        if not partners:
            del self.builder.organisation["joint_controllers"]

    def subjects(self) -> list[str]:
        ids = []
        for line in lines(self.cell("individuals")):
            name, description = head_and_detail(line)
            ids.append(self.builder.entry("data_subjects", name, description=description or None))
        self.mapped("individuals", "data_subjects")
        return ids

    def categories(self) -> list[str]:
        labels = {code: term.en for code, term in SPECIAL_KINDS.items()}
        ids = []
        for line in lines(self.cell("personal_data")):
            head, examples = head_and_detail(line)
            name, special = trailing_label(head, labels)
            ids.append(
                self.builder.entry(
                    "data_categories", name, examples=examples or None, special=special
                )
            )
        self.mapped("personal_data", "data_categories")
        return ids

    def recipients(self) -> list[str] | None:
        text = self.cell("recipients")
        if not text:
            return None
        self.mapped("recipients", "recipients")
        if fold(text) == fold(NONE):
            return []
        labels = {code: term.en for code, term in RECIPIENT_KINDS.items()}
        contracts = dict(head_and_detail(line) for line in lines(self.cell("processor_contract")))
        self.mapped("processor_contract", "recipients[].contract")
        ids = []
        for line in lines(text):
            head, description = head_and_detail(line)
            name, kind = trailing_label(head, labels)
            if kind is None:
                said = msg("layout.ico.recipient_kind", line=repr(line))
                self.report.gap(self.where("recipients"), said)
                kind = "other"
            ids.append(
                self.builder.entry(
                    "recipients",
                    name,
                    kind=kind,
                    description=description or None,
                    contract=contracts.pop(name, None),
                )
            )
        for name, contract in contracts.items():
            why = msg("layout.ico.why.contract", name=repr(name))
            self.keep("processor_contract", why, contract)
        return ids

    def transfers(self, recipients: list[str] | None) -> list[dict[str, Any]] | None:
        text = self.cell("third_countries")
        if not text:
            if self.cell("safeguards"):
                self.keep("safeguards", msg("layout.ico.why.safeguards"))
            return None
        self.mapped("third_countries", "transfers[].country, transfers[].recipient")
        if fold(text) == fold(NONE):
            return []
        safeguards = lines(self.cell("safeguards"))
        self.mapped("safeguards", "transfers[].safeguard, transfers[].reference")
        labels = {code: term.en for code, term in SAFEGUARDS.items()}
        result = []
        for number, line in enumerate(lines(text)):
            place, recipient_name = _place_and_recipient(line)
            country = lookup(_COUNTRIES, place)
            if country is None and re.fullmatch(r"[A-Z]{2}", place) and place in _COUNTRIES:
                country = place
            organisation = lookup(_ORGANISATIONS, place) if country is None else None
            if country is None and organisation is None:
                self.keep("third_countries", msg("layout.why.country"), line)
                continue
            transfer: dict[str, Any] = (
                {"country": country} if country else {"organisation": organisation}
            )
            if recipient_name:
                transfer["recipient"] = self.builder.entry(
                    "recipients", recipient_name, kind="other"
                )
            if number < len(safeguards):
                label, reference = head_and_detail(safeguards[number])
                point = _DEROGATION.search(label)
                if point is not None and _DEROGATION_POINTS:
                    label = label[: point.start()].strip()
                    transfer["derogation"] = point[1]
                code = lookup(labels, label)
                if code is not None:
                    transfer["safeguard"] = code
                elif fold(label) != fold(NONE):
                    why = msg("layout.ico.why.safeguard")
                    self.keep("safeguards", why, safeguards[number])
                if reference:
                    transfer["reference"] = reference
            result.append(transfer)
        return result

    def retention(self, categories: list[str]) -> Any:
        """The retention rule (one block of lines), or one rule per group of categories (a
        block each, separated by an empty line, with a `Categories:` line) where the format
        has retention per category."""
        text = self.cell("retention")
        if not text:
            return None
        self.mapped("retention", "retention (retention_rules)")
        blocks = [lines(block) for block in re.split(r"\n\s*\n", text) if block.strip()]
        entries = []
        for block in blocks:
            rule_id, names = self.rule(block)
            entries.append((rule_id, names))
        if len(entries) == 1 and not entries[0][1]:
            return entries[0][0]
        if not _PER_CATEGORY:
            for _, names in entries[1:]:
                self.keep(
                    "retention",
                    msg("layout.why.one_rule"),
                    "; ".join(names) or text,
                )
            return entries[0][0]
        known = self.builder.catalogues["data_categories"]
        result = []
        for rule_id, names in entries:
            ids = [known[n.casefold()]["id"] for n in names if n.casefold() in known]
            if not names or len(ids) != len(names) or not set(ids) <= set(categories):
                self.keep(
                    "retention",
                    msg("layout.ico.why.categories"),
                    "; ".join(names) or rule_id,
                )
                continue
            result.append({"rule": rule_id, "categories": ids})
        return result or None

    def rule(self, block: list[str]) -> tuple[str, list[str]]:
        """A retention rule from its lines: name, period in words, Starts, Until, Basis."""
        name = block[0]
        fields: dict[str, str] = {}
        names: list[str] = []
        for line in block[1:]:
            label, detail = head_and_detail(line)
            if label == BASIS_LINE and detail:
                fields["basis"] = detail
            elif label == STARTS_LINE and detail:
                fields["starts"] = detail
            elif label == UNTIL_LINE and detail:
                # The end event: `until` where the format has it (2026-12), else `starts`,
                # which meant the end event when no period was given.
                fields[_UNTIL] = detail
            elif label == CATEGORIES_LINE and detail:
                names = [n.strip() for n in detail.split(";") if n.strip()]
            else:
                period_words, _, starts = line.partition(" from ")
                period = period_in_words(period_words)
                if period is None:
                    said = msg("layout.ico.period", line=repr(line))
                    self.report.gap(self.where("retention"), said)
                    fields["description"] = line
                    continue
                fields["period"] = period
                if starts:
                    fields["starts"] = starts
        alone = period_in_words(name) if len(block) == 1 else None
        if alone is not None:
            fields["period"] = alone
        return self.builder.entry("retention_rules", name, **fields), names

    def measures(self) -> list[str]:
        labels = {code: term.en for code, term in SECURITY_KINDS.items()}
        ids = []
        for line in lines(self.cell("security")):
            head, description = head_and_detail(line)
            name, kind = trailing_label(head, labels)
            if kind is None:
                said = msg("layout.ico.measure", line=repr(line))
                self.report.gap(self.where("security"), said)
                kind = "organisational"
            ids.append(
                self.builder.entry(
                    "security_measures", name, kind=kind, description=description or None
                )
            )
        self.mapped("security", "security_measures")
        return ids

    def bases(self) -> list[dict[str, Any]]:
        by_letter = {term.article[-2]: code for code, term in LEGAL_BASES.items()}
        labels = {code: term.en for code, term in LEGAL_BASES.items()}
        interests = lines(self.cell("legitimate_interests"))
        links = lines(self.cell("lia"))
        bases: list[dict[str, Any]] = []
        for line in lines(self.cell("article6")):
            head, detail = head_and_detail(line)
            match = _ARTICLE_6.search(head)
            code = by_letter[match[1]] if match else lookup(labels, head)
            if code is None:
                self.keep("article6", msg("layout.ico.why.article6"), line)
                continue
            basis: dict[str, Any] = {"basis": code}
            if detail and code in ("legal_obligation", "public_task"):
                basis["law"] = detail
            elif detail and code == "consent":
                basis["withdrawal"] = detail
            elif detail:
                self.keep("article6", msg("layout.ico.why.detail", basis=code), line)
            if code == "legitimate_interests":
                if interests:
                    basis["interest"] = interests.pop(0)
                if links:
                    basis["assessment"] = links.pop(0)
            bases.append(basis)
        self.mapped("article6", "legal_bases")
        self.mapped("legitimate_interests", "legal_bases[].interest")
        self.mapped("lia", "legal_bases[].assessment")
        for interest in interests:
            self.keep("legitimate_interests", msg("layout.ico.why.no_interests"), interest)
        for link in links:
            self.keep("lia", msg("layout.ico.why.no_interests"), link)
        return bases

    def condition(self) -> Any:
        """The Art. 9(2) condition, or (where the format has them) the conditions with the law
        each rests on: `Art. 9(2)(h) ...: the law`, one a line."""
        text = self.cell("article9")
        if not text:
            return None
        by_letter = {term.article[-2]: code for code, term in SPECIAL_CONDITIONS.items()}
        labels = {code: term.en for code, term in SPECIAL_CONDITIONS.items()}
        found: list[tuple[str, str]] = []
        for line in lines(text):
            head, law = head_and_detail(line)
            match = _ARTICLE_9.search(head)
            code = by_letter[match[1]] if match else lookup(labels, head)
            if code is None:
                self.keep("article9", msg("layout.ico.why.article9"), line)
            else:
                found.append((code, law))
        self.mapped("article9", "special_condition")
        if not found:
            return None
        if _MANY_CONDITIONS and (len(found) > 1 or found[0][1]):
            return [{"condition": code, **({"law": law} if law else {})} for code, law in found]
        for code, _law in found[1:]:
            self.keep("article9", msg("layout.ico.why.one_condition"), code)
        if found[0][1]:
            self.keep("article9", msg("layout.ico.why.condition_law"), found[0][1])
        return found[0][0]

    def automated(self, activity: dict[str, Any]) -> None:
        text = self.cell("automated")
        if not text:
            return
        for line in lines(text):
            head, answer = head_and_detail(line)
            field = {fold(AUTOMATED): "automated_decisions", fold(PROFILING): "profiling"}.get(
                fold(head)
            )
            value = {fold(YES): True, fold(NO): False}.get(fold(answer))
            if field is None or value is None:
                self.keep(
                    "automated",
                    msg("layout.ico.why.automated"),
                    line,
                )
            else:
                activity[field] = value
        self.mapped("automated", "automated_decisions, profiling")

    def sources(self) -> list[str]:
        labels = {code: term.en for code, term in SOURCES.items()}
        found = []
        for line in lines(self.cell("source")):
            code = lookup(labels, line)
            if code is None:
                self.keep("source", msg("layout.ico.why.source"), line)
            elif code not in found:
                found.append(code)
        self.mapped("source", "sources")
        return found

    def dpia(self) -> dict[str, Any] | None:
        required, progress, link = (
            self.cell("dpia_required"),
            self.cell("dpia_progress"),
            self.cell("dpia_link"),
        )
        if not (required or progress or link):
            return None
        if fold(required) == fold(NO) and not link:
            self.mapped("dpia_required", msg("layout.ico.no_dpia"))
            if progress:
                self.keep("dpia_progress", msg("layout.ico.why.dpia_progress"))
            return None
        if not link:
            self.keep(
                "dpia_required",
                msg("layout.ico.why.dpia_link"),
                f"{required} {progress}".strip(),
            )
            return None
        dpia: dict[str, Any] = {"reference": link}
        self.mapped("dpia_link", "dpia.reference")
        found = _DATE.search(progress)
        if found:
            dpia["date"] = found[0]
            self.mapped("dpia_progress", "dpia.date")
        elif progress and fold(progress) != fold(COMPLETED):
            self.keep("dpia_progress", msg("layout.ico.why.dpia_date"))
        return dpia


def _path(key: str) -> str:
    return "organisation" if key == "organisation" else f"organisation.{key}"


def _routes(detail: str) -> dict[str, str]:
    contact: dict[str, str] = {}
    for part in (p.strip() for p in detail.split(";") if p.strip()):
        if "@" in part and "email" not in contact:
            contact["email"] = part
        elif part.startswith(("http://", "https://")) and "url" not in contact:
            contact["url"] = part
        elif "phone" not in contact:
            contact["phone"] = part
    return contact


def _place_and_recipient(line: str) -> tuple[str, str]:
    match = re.fullmatch(r"(?P<place>[^()]*\S)\s*\((?P<recipient>.*)\)", line)
    if match is None:
        return line.strip(), ""
    return match["place"].strip(), match["recipient"].strip()
