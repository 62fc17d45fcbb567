"""The `Book`: what every sheet of the Excel export reads.

The register, the language, the validation report, and the indexes built once so that no
sheet scans a catalogue or the report per row: each catalogue by id, the row each entry and
each activity has on its sheet, the findings by activity and Art. 30 item (`_questions`),
how many activities use each catalogue entry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ropa.findings import Report
from ropa.formats.xlsx._cells import Notice, Row, Target, Text, Value
from ropa.formats.xlsx._questions import Questions
from ropa.formats.xlsx._words import word
from ropa.model import CATALOGUES as _REGISTER_CATALOGUES
from ropa.model import Register, by_id
from ropa.text import language_of, marked
from ropa.wording import not_stated, text

CATALOGUES = tuple(key for key in _REGISTER_CATALOGUES if key != "controllers")
"""The register's catalogues, each with a sheet of its own (the controllers, whom only
processor activities name, have theirs beside the processor record)."""

EXPORT_CODE = "EXPORT"
"""The code of a notice the export itself adds to the Findings sheet (not a validation rule)."""


@dataclass
class Book:
    """What every sheet reads: the register in one language, and where each row is."""

    register: Register
    lang: str
    report: Report | None
    as_of: date
    source_file: str
    source_sha256: str
    since: Register | None = None
    """The earlier edition the Changes sheet compares with, when there is one."""
    changes: list[list[Value]] = field(default_factory=list)
    """The Changes sheet's rows (`_changes.workbook_changes`), when `since` is given."""
    notices: list[Notice] = field(default_factory=list)
    sheet_keys: tuple[str, ...] = ()
    """The keys of the workbook's sheets, in order (the Cover's contents)."""
    rows: dict[str, dict[str, int]] = field(default_factory=dict)
    """Sheet key -> id -> row number (the first entry when an id repeats)."""
    source_files: tuple[str, ...] = ()
    """The files the register was read from when they are several (`include`): the main
    file's name, then each fragment's path relative to it, in include order."""
    data_sha256: str | None = None
    """The digest of the hidden data sheet, once it is written (`_data.Digest`)."""

    def __post_init__(self) -> None:
        register = self.register
        self.controller_activities = register.controller_activities
        """The activities of the controller's record (Art. 30(1)), on the sheet Activities."""
        self.processor_activities = register.processor_activities
        """The activities of the processor's record (Art. 30(2)), on a sheet of their own."""
        self.rows["activities"] = _row_index(self.controller_activities)
        self.rows["processor_activities"] = _row_index(self.processor_activities)
        self.rows["controllers"] = _row_index(register.controllers)
        for key in CATALOGUES:
            self.rows[key] = _row_index(getattr(register, key))
        self.questions = Questions(register, self.report)
        """The findings by activity, catalogue entry and Art. 30 item, with their rows."""
        self.by_id: dict[str, dict[str, Any]] = {
            key: by_id(getattr(register, key)) for key in ("controllers", *CATALOGUES)
        }
        self.used = _used_by(register)
        """Catalogue -> id -> how many activities name it."""
        self.activities_by_id = by_id(register.activities)
        """Activity id -> the first activity of that id."""
        self.activity_indexes: dict[str, list[int]] = {}
        """Activity id -> the index of every activity of that id, in the register's order."""
        for index, activity in enumerate(register.activities):
            self.activity_indexes.setdefault(activity.id, []).append(index)
        self.marked: set[tuple[str, str]] = set()
        """(language, text) of every register text shown marked so far (`text`)."""
        self.places = _Places(register, self.controller_activities)
        """The row each activity, transfer and waiver has on its sheet, by its place in the
        register (`activities[2].transfers[1]`), which ids cannot say when one repeats."""

    @property
    def since_edition(self) -> str:
        """How the earlier edition is named: its version, else its review date."""
        if self.since is None:
            return ""
        info = self.since.register
        if info.version:
            return info.version
        return info.reviewed.isoformat() if info.reviewed else self.not_stated

    @property
    def controller_record(self) -> bool:
        """Whether the workbook holds a controller's record: the register is a controller's,
        or some activity has the role controller."""
        return self.register.register.kind == "controller" or bool(self.controller_activities)

    @property
    def processor_record(self) -> bool:
        """Whether the workbook holds a processor's record (Art. 30(2)): the register is a
        processor's, names controllers, or some activity has the role processor."""
        register = self.register
        return (
            register.register.kind == "processor"
            or bool(register.controllers)
            or bool(self.processor_activities)
        )

    def activity_link(self, activity_id: str) -> Target | None:
        """The row of activity `activity_id` on the sheet of its record."""
        return self.link("activities", activity_id) or self.link(
            "processor_activities", activity_id
        )

    def text(self, value: str | dict[str, str] | None) -> str:
        """A text field of the register in the export language ("" when not stated); a text
        the register does not give in that language is shown in the one it has, marked with
        it (`[lv] datu saņemšana`), and counted in `marked`."""
        shown = text(self.register, value, self.lang)
        language = language_of(value, self.lang, self.register.register.language)
        if not shown or language is None or language == self.lang:
            return shown
        self.marked.add((language, shown))
        return marked(shown, language)

    def word(self, key: str) -> str:
        """A fixed word of the workbook."""
        return word(key, self.lang)

    @property
    def not_stated(self) -> str:
        """ "not stated" in the export language."""
        return not_stated(self.lang)

    def or_not_stated(self, value: str | None) -> str:
        """`value`, or "not stated" when it is empty."""
        return value if value else self.not_stated

    def card_link(self, activity: Any) -> Text | None:
        """The activity's id, linked to its record card, when the workbook has cards."""
        row = self.rows.get("cards", {}).get(activity.id)
        return Text(activity.id, "link", ("cards", row)) if row is not None else None

    def link(self, sheet: str, key: str) -> Target | None:
        """The row of entry `key` on `sheet`, when there is one."""
        row = self.rows[sheet].get(key)
        return (sheet, row) if row is not None else None

    def references(self, sheet: str, ids: Sequence[str], render: Callable[[Any], str],
                   empty: str) -> Value:  # fmt: skip
        """Catalogue entries named by id, one per line; a cell that names one entry links to
        its row.

        A cell can hold one link only, and LibreOffice shows a linked cell on one line without
        wrapping it, so a cell naming several entries is plain text. An id that names no entry
        is shown as written, marked "not in the catalogue".
        """
        lines: list[str] = []
        for ref in ids:
            entry = self.by_id[sheet].get(ref)
            lines.append(
                render(entry) if entry is not None else f"{ref} ({self.word('unknown_id')})"
            )
        if not lines:
            return empty
        if len(lines) == 1 and "\n" not in lines[0]:
            target = self.link(sheet, ids[0])
            if target is not None:
                return Text(lines[0], "link", target)
        return "\n".join(lines)


class _Places:
    """Rows by place in the register: the record sheet's row of each activity, the Transfers
    row of each transfer (the activities' transfers in the register's order), the Waivers
    row of each waiver (the register's, then each activity's: `_waivers.placed_waivers`)."""

    def __init__(self, register: Register, controller_activities: Sequence[Any]) -> None:
        controller = {id(activity) for activity in controller_activities}
        counted = {"activities": 2, "processor_activities": 2}
        transfer_row, waiver_row = 2, 2 + len(register.register.waivers)
        self.activities: list[Target] = []
        self.transfers: list[int] = []
        """Activity index -> the Transfers row of its first transfer."""
        self.waivers: list[int] = []
        """Activity index -> the Waivers row of its first waiver."""
        self.card_ends: list[int] = []
        """Activity index -> the last row of its record card (`_cards.card_starts`)."""
        for activity in register.activities:
            sheet = "activities" if id(activity) in controller else "processor_activities"
            self.activities.append((sheet, counted[sheet]))
            counted[sheet] += 1
            self.transfers.append(transfer_row)
            transfer_row += len(activity.transfers or ())
            self.waivers.append(waiver_row)
            waiver_row += len(activity.waivers)

    def card(self, index: int) -> int | None:
        """The first row of the record card of `activities[index]`, once the cards are laid
        out (`card_ends`)."""
        if not self.card_ends:
            return None
        return 2 if index == 0 else self.card_ends[index - 1] + 1

    def activity(self, index: int) -> Target:
        """The record sheet's row of `activities[index]`."""
        return self.activities[index]

    def transfer(self, index: int, position: int) -> Target:
        """The Transfers row of `activities[index].transfers[position]`."""
        return ("transfers", self.transfers[index] + position)

    def waiver(self, index: int | None, position: int) -> Target:
        """The Waivers row of `activities[index].waivers[position]`, or with `index` None of
        the register's `waivers[position]`."""
        return ("waivers", (2 if index is None else self.waivers[index]) + position)


def header(titles: Iterable[str]) -> Row:
    """A header row."""
    return [Text(title, "header") for title in titles], None


def _row_index(entries: Sequence[Any]) -> dict[str, int]:
    rows: dict[str, int] = {}
    for row, entry in enumerate(entries, 2):
        rows.setdefault(entry.id, row)
    return rows


def _used_by(register: Register) -> dict[str, Counter[str]]:
    """Catalogue -> id -> number of activities that name it."""
    used: dict[str, Counter[str]] = {key: Counter() for key in ("controllers", *CATALOGUES)}
    for activity in register.activities:
        used["controllers"].update(set(activity.on_behalf_of))
        used["data_subjects"].update(set(activity.data_subjects))
        used["data_categories"].update(set(activity.data_categories))
        recipients = set(activity.recipients or ())
        recipients.update(t.recipient for t in activity.transfers or () if t.recipient)
        used["recipients"].update(recipients)
        for rule in activity.retention_rule_ids():
            used["retention_rules"][rule] += 1
        used["security_measures"].update(set(activity.security_measures))
        used["assessments"].update(_assessments_named(activity))
    return used


def _assessments_named(activity: Any) -> set[str]:
    """The ids (or free texts) an activity gives for its DPIA, its legitimate interests
    assessments and its transfers' impact assessments."""
    named = {activity.dpia} if isinstance(activity.dpia, str) else set()
    named.update(
        basis.assessment for basis in activity.legal_bases if getattr(basis, "assessment", None)
    )
    named.update(t.assessment for t in activity.transfers or () if t.assessment)
    return named
