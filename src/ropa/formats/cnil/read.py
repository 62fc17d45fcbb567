"""Read a filled CNIL "registre simplifié" (.ods or .xlsx) into a register.

The list of activities is the sheet with "Identification du traitement"; a fiche is a sheet
with the sections "Acteurs", "Finalité(s) du traitement effectué", ... in column A (a fiche
copied from the template, with rows added or removed, still reads: sections are found by
their labels). The CNIL's example (the sheet "Exemple de fiche", the list row "(EXEMPLE) ...")
and the unfilled model are skipped, and the report says so. Each value that does not map (an
unknown country, a retention that is not a period in words, a guarantee not in the CNIL's
list) is reported as `Sheet!Cell: ...` and kept in the activity's description.
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

from ropa import model, vocab
from ropa.formats._layout import (
    Book,
    Grid,
    ImportReport,
    LayoutImport,
    RegisterBuilder,
    TemplateError,
    fold,
    head_and_detail,
    lookup,
    period_in_words,
    read_book,
)
from ropa.formats._located import CellProblem
from ropa.formats.cnil import _labels as L
from ropa.formats.cnil._countries import ALIASES, NAMES
from ropa.loader import DEFAULT_MAX_BYTES
from ropa.model import Activity, Party, RetentionRule
from ropa.text.messages import Message, msg

__all__ = ["import_cnil", "read_cnil"]

_SECTIONS = {
    fold(label): key
    for key, label in (
        ("actors", L.ACTORS),
        ("purposes", L.PURPOSES),
        ("categories", L.CATEGORIES),
        ("sensitive", L.SENSITIVE),
        ("persons", L.PERSONS),
        ("recipients", L.RECIPIENTS),
        ("measures", L.MEASURES),
        ("transfers", L.TRANSFERS),
    )
}
_UNTIL = "until" if "until" in RetentionRule.model_fields else "starts"
_PER_CATEGORY = "tuple" in str(Activity.model_fields["retention"].annotation)
_DPO_FIRM = "organisation" in getattr(model, "Dpo", Party).model_fields
_ORGANISATIONS = {
    code: term.en
    for code, term in getattr(vocab, "INTERNATIONAL_ORGANISATIONS", {}).items()
    if code != "other"
}
_EXAMPLES = {fold(label) for label in L.CATEGORY_EXAMPLES}
_SENSITIVE = {fold(label): kind for kind, label in L.SENSITIVE_ROWS.items()}
_PLACEHOLDERS = {fold(L.PICK), "n/a", "na", "-"}
# "5 ans à compter de la fin du contrat" -> "la fin du contrat"; "à compter du départ" keeps
# its "du" (the start is read as written after "à compter de").
_FROM = re.compile(r"\s+(?:[aà] compter|[aà] partir)\s+(?:de\s+|(?=du\s|des\s|d'))", re.IGNORECASE)


def import_cnil(
    path: str | os.PathLike[str], *, lang: str = "fr", max_bytes: int = DEFAULT_MAX_BYTES
) -> LayoutImport:
    """Read the filled CNIL template at `path` (.ods or .xlsx) into a register.

    `lang` is the language of the template's texts (it becomes the register's language).
    Raises `TemplateError` (every problem located) when the file is not a spreadsheet or has
    neither the CNIL list of activities nor a fiche.
    """
    book = read_book(path, max_bytes=max_bytes)
    return read_cnil(book, lang=lang, name=os.path.basename(os.fspath(path)))


def read_cnil(book: Book, *, lang: str = "fr", name: str = "workbook") -> LayoutImport:
    """Like `import_cnil`, from sheets already read."""
    return _Reader(book, lang, name).run()


def _first(grid: Grid, label: str, column: int = 1) -> int | None:
    wanted = fold(label)
    for row in range(1, grid.max_row + 1):
        if fold(grid.text(row, column)) == wanted:
            return row
    return None


class _Reader:
    def __init__(self, book: Book, lang: str, name: str) -> None:
        self.book = book
        self.name = name
        self.builder = RegisterBuilder(lang)
        self.report = ImportReport(not_held=L.NOT_HELD)
        self.rows: dict[str, dict[str, Any]] = {}  # list rows by ref (or name)

    def run(self) -> LayoutImport:
        lists = [g for g in self.book.values() if _first(g, L.IDENTIFICATION) is not None]
        fiches = [
            g
            for g in self.book.values()
            if _first(g, L.ACTORS) is not None and _first(g, L.NAME) is not None
        ]
        if not lists and not fiches:
            raise TemplateError([CellProblem.of(self.name, msg("layout.cnil.not_cnil"))])
        for grid in lists:
            self.list_sheet(grid)
        for grid in fiches:
            self.fiche(grid)
        for ref, row in self.rows.items():
            if not row.get("used"):
                self.list_only(ref, row)
        if "name" not in self.builder.organisation:
            self.builder.organisation.setdefault("name", None)
        return LayoutImport(self.builder.build(self.name), self.report)

    # -- the list of activities and its contact blocks

    def list_sheet(self, grid: Grid) -> None:
        for start, key, label, fields in L.BLOCKS:
            row = _first(grid, label.split("\n")[0]) or _first(grid, label)
            if row is None:
                row = start
            values: dict[str, str] = {}
            places: dict[str, str] = {}
            for offset, column, field, field_label in fields:
                if fold(grid.text(row + offset, column)) != fold(field_label):
                    continue
                text = grid.text(row + offset, column + 1)
                if text:
                    values[field] = text
                    places[field] = grid.where(row + offset, column + 1)
            if values:
                self.party(key, values, places)
        header = _first(grid, L.LIST_HEADERS[0]) or L.LIST_HEADER_ROW
        for row in range(header + 1, grid.max_row + 1):
            name, ref = grid.text(row, 1), grid.text(row, 2)
            if not (name or ref):
                continue
            if name.startswith(L.EXAMPLE_MARK):
                self.report.gap(grid.where(row, 1), msg("layout.cnil.example_row", name=repr(name)))
                continue
            self.rows[ref or name] = {
                "name": name,
                "ref": ref,
                "grid": grid,
                "row": row,
                "updated": grid.get(row, 4),
                "created": grid.get(row, 3),
                "purpose": grid.text(row, 5),
                "sensitive": grid.text(row, 8),
            }

    def party(self, key: str, values: dict[str, str], places: dict[str, str]) -> None:
        organisation = self.builder.organisation
        name = " ".join(v for v in (values.get("first_name"), values.get("name")) if v)
        address = ", ".join(
            v
            for v in (
                values.get("address"),
                " ".join(v for v in (values.get("postcode"), values.get("city")) if v),
            )
            if v
        )
        target: dict[str, Any] = organisation if key == "organisation" else {}
        path = "organisation" if key == "organisation" else f"organisation.{key}"
        if name:
            target["name"] = name
            self.report.map(places.get("name") or places["first_name"], f"{path}.name")
        if address:
            where = places.get("address") or places.get("postcode") or places["city"]
            if key == "organisation":
                target["address"] = address
                self.report.map(where, "organisation.address")
            else:
                self.report.gap(where, msg("layout.no_address", who=key, address=repr(address)))
        contact = {
            route: values[field]
            for field, route in (("email", "email"), ("phone", "phone"))
            if values.get(field)
        }
        for field, route in (("email", "email"), ("phone", "phone")):
            if values.get(field):
                self.report.map(places[field], f"{path}.contact.{route}")
        if contact:
            target["contact"] = contact
        if values.get("company") and _DPO_FIRM:
            target["organisation"] = values["company"]
            self.report.map(places["company"], f"{path}.organisation")
        elif values.get("company"):
            firm = repr(values["company"])
            self.report.gap(places["company"], msg("layout.cnil.dpo_firm", firm=firm))
        if key != "organisation" and (name or contact):
            target.setdefault("name", "?")
            organisation.setdefault(key, target)

    # -- a fiche

    def sections(self, grid: Grid) -> dict[str, tuple[int, int]]:
        starts = sorted(
            (row, key)
            for row in range(1, grid.max_row + 1)
            if (key := _SECTIONS.get(fold(grid.text(row, 1)))) is not None
        )
        found: dict[str, tuple[int, int]] = {}
        for number, (row, key) in enumerate(starts):
            end = starts[number + 1][0] if number + 1 < len(starts) else grid.max_row + 1
            found.setdefault(key, (row + 1, end))
        return found

    def fiche(self, grid: Grid) -> None:
        if fold(grid.text(1, 1)).startswith("exemple de fiche"):
            self.report.gap(f"{grid.title}!A1", msg("layout.cnil.example_fiche"))
            return
        name_row, ref_row = _first(grid, L.NAME), _first(grid, L.REF)
        name = grid.text(name_row, 2) if name_row else ""
        ref = grid.text(ref_row, 2) if ref_row else ""
        sections = self.sections(grid)
        filled = any(
            grid.text(row, column) and fold(grid.text(row, column)) not in _PLACEHOLDERS
            for key, (start, end) in sections.items()
            if key != "actors"
            for row in range(start, end)
            for column in range(2, 9)
        )
        if not name and not filled:
            self.report.gap(f"{grid.title}!B{name_row}", msg("layout.cnil.unfilled"))
            return
        listed = self.rows.get(ref) or self.rows.get(name) or {}
        listed["used"] = True
        if "grid" in listed:
            where = listed["grid"].where
            self.report.map(where(listed["row"], 1), msg("layout.cnil.list_row", fiche=grid.title))
            if listed["purpose"]:
                self.report.map(where(listed["row"], 5), msg("layout.cnil.list_purposes"))
        activity_id = self.builder.activity_id(ref, name or ref)
        self.path = f"activities[{activity_id}]"
        self.kept: list[str] = []
        self.grid = grid
        activity: dict[str, Any] = {"id": activity_id, "name": name or listed.get("name") or ref}
        if name_row:
            self.report.map(grid.where(name_row, 2), f"{self.path}.name")
        if ref and ref != activity_id:
            gap = msg("layout.cnil.ref", ref=repr(ref), id=repr(activity_id))
            self.report.gap(grid.where(ref_row or 5, 2), gap)
        elif ref:
            self.report.map(grid.where(ref_row or 5, 2), f"{self.path}.id")
        updated_row = _first(grid, L.UPDATED)
        reviewed = self.day(grid, updated_row, 2) if updated_row else None
        if reviewed is None and "grid" in listed:
            reviewed = self.day(listed["grid"], listed["row"], 4)
        if reviewed is not None:
            activity["reviewed"] = reviewed
        created_row = _first(grid, L.CREATED)
        if created_row and grid.text(created_row, 2):
            gap = msg("layout.cnil.created", text=repr(grid.text(created_row, 2)))
            self.report.gap(grid.where(created_row, 2), gap)
        if "actors" in sections:
            self.actors(grid, *sections["actors"])
        if "purposes" in sections:
            description = [grid.text(r, 2) for r in range(*sections["purposes"]) if grid.text(r, 2)]
            for r in range(*sections["purposes"]):
                if grid.text(r, 2):
                    self.report.map(grid.where(r, 2), f"{self.path}.description")
            if description:
                activity["description"] = "\n".join(description)
        categories: list[str] = []
        retention: list[tuple[str, str, str]] = []
        for key in ("categories", "sensitive"):
            if key in sections:
                categories += self.categories(grid, key, *sections[key], retention)
        activity["data_categories"] = categories
        rule = self.retention(retention)
        if rule is not None:
            activity["retention"] = rule
        if "persons" in sections:
            activity["data_subjects"] = self.persons(grid, *sections["persons"])
        if "recipients" in sections:
            recipients = self.recipients(grid, *sections["recipients"])
            if recipients is not None:
                activity["recipients"] = recipients
        if "measures" in sections:
            activity["security_measures"] = self.measures(grid, *sections["measures"])
        if "transfers" in sections:
            transfers = self.transfers(grid, *sections["transfers"])
            if transfers is not None:
                activity["transfers"] = transfers
        special = {
            entry["id"]
            for entry in self.builder.catalogues["data_categories"].values()
            if entry.get("special")
        }
        said = fold(listed.get("sensitive") or "")
        if said in (fold(L.YES), fold(L.NO)) and (said == fold(L.YES)) != bool(
            special & set(categories)
        ):
            gap = msg("layout.cnil.sensitive", said=repr(listed["sensitive"]), fiche=grid.title)
            self.report.gap(listed["grid"].where(listed["row"], 8), gap)
        if self.kept:
            activity["description"] = "\n".join(
                part for part in (activity.get("description"), *self.kept) if part
            )
        self.builder.activities.append(activity)

    def list_only(self, ref: str, row: dict[str, Any]) -> None:
        """An activity in the list with no fiche: what the list says of it."""
        grid, number = row["grid"], row["row"]
        activity_id = self.builder.activity_id(row["ref"], row["name"] or ref)
        activity: dict[str, Any] = {"id": activity_id, "name": row["name"] or ref}
        self.report.map(grid.where(number, 1), f"activities[{activity_id}].name")
        if row["purpose"]:
            activity["description"] = row["purpose"]
            self.report.map(grid.where(number, 5), f"activities[{activity_id}].description")
        reviewed = self.day(grid, number, 4)
        if reviewed is not None:
            activity["reviewed"] = reviewed
        self.report.gap(grid.where(number, 1), msg("layout.cnil.no_fiche"))
        self.builder.activities.append(activity)

    def day(self, grid: Grid, row: int, column: int) -> str | None:
        value = grid.get(row, column)
        if value is None:
            return None
        if isinstance(value, date):
            self.report.map(
                grid.where(row, column), f"{getattr(self, 'path', 'activities')}.reviewed"
            )
            return value.isoformat()[:10]
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", str(value).strip())
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                pass
        self.report.gap(grid.where(row, column), msg("layout.cnil.date", value=repr(value)))
        return None

    def keep(self, where: str, why: Message, text: str) -> None:
        field = f"{self.path}.description"
        self.report.gap(where, msg("layout.kept", why=why, value=repr(text), field=field))
        self.kept.append(text)

    # -- sections

    def actors(self, grid: Grid, start: int, end: int) -> None:
        organisation = self.builder.organisation
        for row in range(start, end):
            label = fold(grid.text(row, 1))
            values = [grid.text(row, column) for column in range(2, 9)]
            if not any(v and fold(v) not in _PLACEHOLDERS for v in values):
                continue
            name, address, postcode, city, country, phone, email = values
            full_address = ", ".join(
                p for p in (address, " ".join(p for p in (postcode, city) if p)) if p
            )
            contact = {k: v for k, v in (("email", email), ("phone", phone)) if v}
            if label == fold(L.CONTROLLER):
                if "name" not in organisation and name:
                    organisation["name"] = name
                    self.report.map(grid.where(row, 2), "organisation.name")
                if "address" not in organisation and full_address:
                    organisation["address"] = full_address
                    self.report.map(grid.where(row, 3), "organisation.address")
                if "contact" not in organisation and contact:
                    organisation["contact"] = contact
                code = self.country(country)
                if country and code and "country" not in organisation:
                    organisation["country"] = code
                    self.report.map(grid.where(row, 6), "organisation.country")
            elif label in (fold(L.DPO), fold(L.REPRESENTATIVE)):
                key = "dpo" if label == fold(L.DPO) else "representative"
                if key not in organisation and name:
                    organisation[key] = {"name": name, **({"contact": contact} if contact else {})}
                    self.report.map(grid.where(row, 2), f"organisation.{key}.name")
            elif label == fold(L.JOINT):
                partners = organisation.setdefault("joint_controllers", [])
                if name and all(p["name"] != name for p in partners):
                    partners.append({"name": name, **({"contact": contact} if contact else {})})
                    self.report.map(grid.where(row, 2), "organisation.joint_controllers[].name")
            elif label == fold(L.DPO_COMPANY) and name:
                dpo = organisation.get("dpo")
                if _DPO_FIRM and isinstance(dpo, dict):
                    if dpo.setdefault("organisation", name) == name:
                        self.report.map(grid.where(row, 2), "organisation.dpo.organisation")
                else:
                    said = msg("layout.cnil.dpo_firm_here", firm=repr(name))
                    self.report.gap(grid.where(row, 2), said)

    def categories(
        self, grid: Grid, key: str, start: int, end: int, retention: list[tuple[str, str, str]]
    ) -> list[str]:
        ids = []
        for row in range(start, end):
            label, description = grid.text(row, 1), grid.text(row, 2)
            period = grid.text(row, 5)
            if fold(description) in _PLACEHOLDERS:
                description = ""
            if key == "sensitive":
                kind = _SENSITIVE.get(fold(label))
                if not description and not period:
                    continue
                if kind is None:
                    said = msg("layout.cnil.sensitive_row", label=repr(label))
                    self.report.gap(grid.where(row, 1), said)
                name, examples = head_and_detail(description or label)
                entry = self.builder.entry(
                    "data_categories", name, examples=examples or None, special=kind
                )
            else:
                if not label or (fold(label) in _EXAMPLES and not description and not period):
                    continue
                entry = self.builder.entry("data_categories", label, examples=description or None)
            self.report.map(
                grid.where(row, 1 if key != "sensitive" else 2), f"{self.path}.data_categories"
            )
            ids.append(entry)
            if period:
                retention.append((entry, period, grid.where(row, 5)))
        return ids

    def retention(self, retention: list[tuple[str, str, str]]) -> Any:
        """The activity's retention from the *Durée de conservation* of its categories: one
        rule when they agree, else one rule per group of categories where the format has
        retention per category (2026-12), else the first, the others kept as text."""
        if not retention:
            return None
        groups: dict[str, list[str]] = {}
        places: dict[str, str] = {}
        for category, text, where in retention:
            groups.setdefault(text, []).append(category)
            places.setdefault(text, where)
        rules = {text: self.rule(text, places[text]) for text in groups}
        if len(groups) == 1:
            return next(iter(rules.values()))
        if _PER_CATEGORY:
            return [{"rule": rules[text], "categories": ids} for text, ids in groups.items()]
        first = next(iter(groups))
        for text in list(groups)[1:]:
            self.keep(places[text], msg("layout.why.one_rule"), text)
        return rules[first]

    def rule(self, text: str, where: str) -> str:
        """A retention rule from its words: `5 ans à compter de ...`, or an end event."""
        self.report.map(where, f"{self.path}.retention (retention_rules)")
        fields: dict[str, str] = {}
        parts = _FROM.split(text, maxsplit=1)
        period = period_in_words(parts[0])
        if period is not None:
            fields["period"] = period
            if len(parts) > 1 and parts[1].strip():
                fields["starts"] = parts[1].strip()
        elif re.search(r"\d", text):
            self.report.gap(where, msg("layout.cnil.period", text=repr(text)))
        else:
            fields[_UNTIL] = text  # no period: the words say when the use ends
        return self.builder.entry("retention_rules", text, **fields)

    def persons(self, grid: Grid, start: int, end: int) -> list[str]:
        ids = []
        for row in range(start, end):
            name, details = grid.text(row, 2), grid.text(row, 5)
            if not name or fold(name) in _PLACEHOLDERS:
                continue
            ids.append(self.builder.entry("data_subjects", name, description=details or None))
            self.report.map(grid.where(row, 2), f"{self.path}.data_subjects")
        return ids

    def recipients(self, grid: Grid, start: int, end: int) -> list[str] | None:
        """The recipients; [] when the section says "Aucun", None when it is empty."""
        ids: list[str] = []
        stated = False
        for row in range(start, end):
            kind_text, name = grid.text(row, 2), grid.text(row, 5)
            if fold(kind_text) == fold(L.NONE) and not name:
                self.report.map(
                    grid.where(row, 2), msg("layout.none", path=f"{self.path}.recipients")
                )
                stated = True
                continue
            if fold(kind_text) in _PLACEHOLDERS:
                kind_text = ""
            if not (kind_text or name):
                continue
            kind = lookup(L.RECIPIENT_TYPES, kind_text) if kind_text else None
            if kind_text and kind is None:
                said = msg("layout.cnil.recipient_type", text=repr(kind_text))
                self.report.gap(grid.where(row, 2), said)
            ropa_kind = L.KIND_OF_TYPE.get(kind or "other", "other")
            ids.append(self.builder.entry("recipients", name or kind_text, kind=ropa_kind))
            self.report.map(grid.where(row, 5 if name else 2), f"{self.path}.recipients")
        return ids if ids or stated else None

    def measures(self, grid: Grid, start: int, end: int) -> list[str]:
        ids = []
        for row in range(start, end):
            kind_text, details = grid.text(row, 2), grid.text(row, 5)
            if fold(kind_text) in _PLACEHOLDERS:
                kind_text = ""
            if not (kind_text or details):
                continue
            generic = not kind_text or fold(kind_text) == fold(L.OTHER_MEASURE)
            name, description = head_and_detail(details) if details else (kind_text, "")
            if not generic and details:
                name, description = kind_text, details
            ids.append(
                self.builder.entry(
                    "security_measures",
                    name,
                    kind="organisational" if generic else "technical",
                    description=description or None,
                )
            )
            self.report.map(grid.where(row, 2), f"{self.path}.security_measures")
        return ids

    def country(self, text: str) -> str | None:
        if not text:
            return None
        return lookup(NAMES, text) or lookup(ALIASES, text)

    def transfers(self, grid: Grid, start: int, end: int) -> list[dict[str, Any]] | None:
        """The transfers; [] when the section says "Aucun", None when it is empty."""
        result: list[dict[str, Any]] = []
        stated = False
        for row in range(start, end):
            recipient, country, guarantee, link = (grid.text(row, c) for c in (2, 3, 4, 6))
            values = [
                v if fold(v) not in _PLACEHOLDERS else ""
                for v in (recipient, country, guarantee, link)
            ]
            recipient, country, guarantee, link = values
            if not any(values):
                continue
            if fold(recipient) == fold(L.NONE) and not (country or guarantee or link):
                self.report.map(
                    grid.where(row, 2), msg("layout.none", path=f"{self.path}.transfers")
                )
                stated = True
                continue
            code = self.country(country)
            organisation = lookup(_ORGANISATIONS, country) if country and not code else None
            if code is None and organisation is None:
                self.keep(
                    grid.where(row, 3),
                    msg("layout.why.country") if country else msg("layout.cnil.why.no_country"),
                    " ".join(v for v in values if v),
                )
                continue
            transfer: dict[str, Any] = {"country": code} if code else {"organisation": organisation}
            if recipient:
                transfer["recipient"] = self.builder.entry("recipients", recipient, kind="other")
            if guarantee:
                safeguard = lookup(L.GUARANTEES, guarantee)
                if safeguard is None:
                    self.keep(grid.where(row, 4), msg("layout.cnil.why.guarantee"), guarantee)
                else:
                    transfer["safeguard"] = safeguard
            if link:
                transfer["reference"] = link
            self.report.map(grid.where(row, 3), f"{self.path}.transfers")
            result.append(transfer)
        return result if result or stated else None
