"""Which findings concern which activity, and which Art. 30 item each one questions.

One place answers both, for every sheet:

- a finding concerns an activity when it names the activity, or when it is on a catalogue
  entry the activity uses (a retention rule without a period concerns every activity kept
  under it; a processor without a contract, every activity that discloses to it);
- a finding questions the items of Art. 30 its rule's article cites: a rule on
  "5(1)(e), 30(1)(f)" questions item (f), one on "30(2)(c)" item (c) of a processor's record.
  A finding on the organisation questions its item on every activity. Only open findings
  question: a waived one was accepted, and is listed as waived.

The Findings sheet lists findings by severity, open ones first, then the waived ones; each
finding's row there is the row every link to it points at. Everything is indexed once:
no sheet scans the report per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ropa.findings import Finding, Report
from ropa.model import Activity, Register

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
"""Order of severities on the Findings sheet, gravest first."""

_CATALOGUES = ("data_subjects", "data_categories", "recipients", "retention_rules",
               "security_measures")  # fmt: skip
_ITEM = re.compile(r"(?<![\d(])30\(([12])\)\(([a-g])\)")


def items_of(article: str) -> tuple[tuple[str, str], ...]:
    """The Art. 30 items an article citation names: "5(1)(e), 30(1)(f)" -> (("1", "f"),)."""
    return tuple((paragraph, letter) for paragraph, letter in _ITEM.findall(article))


def listed_order(findings: Iterable[Finding]) -> list[Finding]:
    """Findings as the Findings sheet lists them: open by severity, then waived by severity,
    each group in the report's order."""
    return sorted(findings, key=lambda f: (f.waived, SEVERITY_RANK.get(f.severity.value, 3)))


@dataclass(frozen=True)
class Listed:
    """A finding and its row on the Findings sheet."""

    row: int
    finding: Finding


@dataclass
class Questions:
    """The report indexed by activity, by catalogue entry and by Art. 30 item."""

    register: Register
    report: Report | None
    first_row: int = 2
    """The Findings sheet's row of its first finding."""
    listed: list[Listed] = field(default_factory=list)
    """Every finding with its row, in the Findings sheet's order."""
    _own: dict[str, list[Listed]] = field(default_factory=dict)
    _on_entry: dict[tuple[str, str], list[Listed]] = field(default_factory=dict)
    _everywhere: list[Listed] = field(default_factory=list)

    def __post_init__(self) -> None:
        findings = self.report.findings if self.report is not None else ()
        for row, finding in enumerate(listed_order(findings), self.first_row):
            listed = Listed(row, finding)
            self.listed.append(listed)
            if finding.activity is not None:
                self._own.setdefault(finding.activity, []).append(listed)
                continue
            entry = self._entry_of(finding)
            if entry is not None:
                self._on_entry.setdefault(entry, []).append(listed)
            elif finding.path[:1] == ("organisation",):
                self._everywhere.append(listed)

    def _entry_of(self, finding: Finding) -> tuple[str, str] | None:
        path = finding.path
        if len(path) < 2 or path[0] not in _CATALOGUES or not isinstance(path[1], int):
            return None
        entries = getattr(self.register, str(path[0]))
        if not 0 <= path[1] < len(entries):
            return None
        return str(path[0]), entries[path[1]].id

    def concerning(self, activity: Activity) -> list[Listed]:
        """The findings on `activity` and on the catalogue entries it uses, open and waived,
        in the Findings sheet's order, each once."""
        found = list(self._own.get(activity.id, ()))
        if self._on_entry:
            seen = {listed.row for listed in found}
            for key in _entries_used(activity):
                for listed in self._on_entry.get(key, ()):
                    if listed.row not in seen:
                        seen.add(listed.row)
                        found.append(listed)
            found.sort(key=lambda listed: listed.row)
        return found

    def open_concerning(self, activity: Activity) -> list[Listed]:
        """The open findings of `concerning`."""
        return [listed for listed in self.concerning(activity) if not listed.finding.waived]

    def questioning(self, activity: Activity, paragraph: str) -> dict[str, list[Listed]]:
        """Item letter -> the open findings that question it for `activity` (Art. 30(1) for
        a controller's record, 30(2) for a processor's), in the Findings sheet's order."""
        by_item: dict[str, list[Listed]] = {}
        found = self.open_concerning(activity)
        for listed in (*found, *self._open(self._everywhere)):
            for number, letter in items_of(listed.finding.article):
                if number == paragraph:
                    by_item.setdefault(letter, []).append(listed)
        for listed_items in by_item.values():
            listed_items.sort(key=lambda listed: listed.row)
        return by_item

    @staticmethod
    def _open(listed: Sequence[Listed]) -> list[Listed]:
        return [item for item in listed if not item.finding.waived]


def _entries_used(activity: Activity) -> list[tuple[str, str]]:
    """The catalogue entries an activity names, as (catalogue, id)."""
    used = [("data_subjects", ref) for ref in activity.data_subjects]
    used += [("data_categories", ref) for ref in activity.data_categories]
    recipients = list(activity.recipients or ())
    recipients += [t.recipient for t in activity.transfers or () if t.recipient]
    used += [("recipients", ref) for ref in dict.fromkeys(recipients)]
    used += [("retention_rules", ref) for ref in activity.retention_rule_ids()]
    used += [("security_measures", ref) for ref in activity.security_measures]
    return used
