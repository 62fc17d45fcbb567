"""The rule catalogue: each rule is a small check registered with its code, slug, severity and
GDPR article. `validate` runs them all over a register and returns a `Report`.

A check is a generator over a `Context` that yields `Hit`s: the path of the node at fault, a
one-sentence message naming the thing and field at fault, and the activity id when the finding
is about one activity. The registry turns hits into located `Finding`s and applies waivers.

Paths follow one habit: a value that is wrong is pointed at itself (the reference that does not
resolve, the `id:` key that repeats, the `reviewed` date that is stale); a field that is missing
is pointed at the node that should hold it (the legal basis without its `interest`, the
activity without `retention`), because a missing field has no place in the file of its own.

A rule registered with `controller_only=True` judges only the controller's record (Art.
30(1)): a legal basis, a purpose kind, retention and the data subjects' rights are the
controller's to decide, not a processor's (Art. 28(3)(a), 30(2)). Its check sees a context
whose `used` counts only controller-role activities, and the registry drops each of its hits
about a processor-role activity, and its register-level hits when the register holds no
controller record at all; the check itself need not know about roles.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from ropa._collector import collector_paused
from ropa.findings import ExpiredWaiver, Finding, Report, Rule, Severity
from ropa.model import (
    CATALOGUES,
    Activity,
    Assessment,
    Controller,
    DataCategory,
    DataSubjectCategory,
    LegitimateInterestsBasis,
    Recipient,
    Register,
    RetentionRule,
    SecurityMeasure,
    Transfer,
    Waiver,
    by_id,
)
from ropa.source import NodePath
from ropa.text.messages import Listing, Message, msg

__all__ = [
    "CHECKS",
    "RULES",
    "UNWAIVABLE",
    "Context",
    "Hit",
    "expired_waivers",
    "get",
    "nearest_code",
    "rule",
    "silencing_waivers",
    "validate",
    "waiver_expired",
    "waiver_problem",
    "waiver_problems",
]


class Hit(NamedTuple):
    """What a check found: the path at fault, the message, the activity (if any).

    With `at_key=True` the finding points at the key that ends `path` rather than its value
    (e.g. a duplicate id is best shown at the `id:` of the second entry). A named tuple, not
    a dataclass: a large register yields tens of thousands of hits.
    """

    path: NodePath
    message: Message
    """A catalogue message (`ropa.text.messages.msg`) whose id is the rule's code or starts
    with it (`ROPA102.dpia`): SARIF lists a rule's messages by that prefix."""
    activity: str | None = None
    at_key: bool = False


RULES: dict[str, Rule] = {}
"""The catalogue: code -> rule, in code order once all rule modules are imported.

Examples:
    >>> import ropa
    >>> len(ropa.RULES) > 30, ropa.RULES["ROPA101"].slug
    (True, 'duplicate-id')
    >>> ropa.RULES["ROPA401"].area, ropa.RULES["ROPA401"].severity.value
    ('retention', 'warning')
"""
CHECKS: dict[str, Callable[..., Iterator[Hit]]] = {}
"""code -> check function."""

UNWAIVABLE = frozenset({"ROPA104"})
"""Codes no waiver can silence (a waiver cannot excuse a broken waiver)."""
EACH_ACTIVITY: set[str] = set()
"""Codes whose check judges each activity on its own (`rule(each_activity=True)`)."""
PART_SIZE = 256
"""Activities per part when the `each_activity` checks run together, all of them on one part
before the next: a part's activities stay in the processor's cache from one check to the
next, instead of every check reading the whole register from memory again."""
AFTER_WAIVERS: set[str] = set()
"""Codes whose check judges the waivers themselves: it runs after every other rule, on a
context whose `waivers_used` says which waivers silenced a finding."""


def rule(
    code: str,
    slug: str,
    severity: Severity,
    article: str,
    summary: str,
    *,
    controller_only: bool = False,
    after_waivers: bool = False,
    each_activity: bool = False,
) -> Callable[[Callable[..., Iterator[Hit]]], Callable[..., Iterator[Hit]]]:
    """Register a check function under a catalogue code.

    With `controller_only=True` the rule judges only the controller's record and stays
    silent on processor-role activities (see the module docstring). With
    `after_waivers=True` the check runs last, when `Context.waivers_used` is known.
    `each_activity=True` says that the check walks `ctx.indexed()`, `ctx.bases_of` or
    `ctx.transfers()` (and no other list of activities, such as `processor_indexes` or
    `with_waivers`), judges each activity on its own and points every hit into it by its
    index in the register (`("activities", index, ...)`): the registry may then run it
    over a part of the activities at a time (`Context.part`), together with the other such
    checks.
    """

    def register(check: Callable[..., Iterator[Hit]]) -> Callable[..., Iterator[Hit]]:
        if code in RULES:
            raise ValueError(f"rule {code} is registered twice")
        area = check.__module__.rsplit(".", 1)[-1]
        RULES[code] = Rule(code, slug, severity, article, summary, area, controller_only)
        CHECKS[code] = check
        if after_waivers:
            AFTER_WAIVERS.add(code)
        if each_activity:
            EACH_ACTIVITY.add(code)
        return check

    return register


def get(code: str) -> Rule:
    """The rule registered under `code`; KeyError naming the nearest code if there is none."""
    try:
        return RULES[code]
    except KeyError:
        nearest = _nearest_code(code)
        hint = (
            f"; did you mean {nearest}?"
            if nearest
            else f"; the catalogue runs from {min(RULES)} to {max(RULES)}"
        )
        raise KeyError(f"no rule {code!r} in the catalogue{hint}") from None


# Letters typed for the digits they look like, in the number part of a code ("ROPA3O3").
_LOOKALIKE_DIGITS = str.maketrans("OIL", "011")


def nearest_code(code: str) -> str | None:
    """The catalogue's code nearest to `code` (a typo of it), or None."""
    return _nearest_code(code)


def _nearest_code(code: str) -> str | None:
    typed = code.strip().upper()
    lookalike = "ROPA" + typed[4:].translate(_LOOKALIKE_DIGITS)
    if typed[:4].replace("0", "O") == "ROPA" and lookalike in RULES:
        return lookalike
    close = difflib.get_close_matches(typed, RULES, n=1, cutoff=0.8)
    return close[0] if close else None


# ---------------------------------------------------------------------------------------------
# What every check receives

_Basis = TypeVar("_Basis")
_Entry = TypeVar("_Entry")
_Made = TypeVar("_Made")


@dataclass(frozen=True)
class Context:
    """What a check reads: the register, the check date and each catalogue indexed by id.

    Built once per `validate` call, in one pass over the activities, so that no check scans a
    catalogue per activity: a check asks for the ids it cares about (`category_ids`,
    `subject_ids`) and tests each activity against that set, or walks only the legal bases
    (`bases_of`) or transfers (`transfers`) there are. Where an id repeats (ROPA101), the
    index holds the first entry with it.
    """

    register: Register
    as_of: date
    controllers: Mapping[str, Controller]
    data_subjects: Mapping[str, DataSubjectCategory]
    data_categories: Mapping[str, DataCategory]
    recipients: Mapping[str, Recipient]
    retention_rules: Mapping[str, RetentionRule]
    security_measures: Mapping[str, SecurityMeasure]
    assessments: Mapping[str, Assessment]
    used: Mapping[str, frozenset[str]]
    """Catalogue name -> ids that at least one activity references (transfers included); in
    the context a controller-only rule sees, only controller-role activities count."""
    processor_indexes: frozenset[int]
    """Indexes (in `activities`) of the processor-role activities."""
    controller_used: Mapping[str, frozenset[str]]
    """As `used`, counting only the controller-role activities."""
    # Each (activity index, activity, position, basis or transfer), made once: many checks
    # walk them, and a tuple is walked faster than a generator that makes them again.
    _bases: Mapping[type, tuple[tuple[int, Activity, int, object], ...]]
    _transfers: tuple[tuple[int, Activity, int, Transfer], ...]
    _with_waivers: tuple[tuple[int, Activity], ...]
    waivers_used: frozenset[tuple[str | int, ...]] = frozenset()
    """The places of the waivers that silenced a finding; known only to the checks registered
    with `after_waivers=True`."""
    part: tuple[Activity, ...] | None = None
    """The activities an `each_activity` check is shown when it runs over a part of them
    (`indexed()` gives each with its index in the register); None: all of them."""
    part_start: int = 0
    """The index (in the register) of the part's first activity."""
    _chosen: dict[object, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    """`category_ids` and `subject_ids` already computed, by predicate (shared by the
    contexts `replace` makes: a check run part by part asks again for every part)."""
    _made: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """What `once` has made, by key (shared as `_chosen` is)."""

    @classmethod
    def of(cls, register: Register, as_of: date) -> Context:
        """The context for checking `register` on `as_of`."""
        bases: dict[type, list[tuple[int, Activity, int, object]]] = {}
        transfers: list[tuple[int, Activity, int, Transfer]] = []
        with_waivers: list[tuple[int, Activity]] = []
        # One pass: what the processor activities use, and what the controller's do.
        by_processor: dict[str, set[str]] = {field: set() for field in CATALOGUES}
        by_controller: dict[str, set[str]] = {field: set() for field in CATALOGUES}
        processor: set[int] = set()
        for index, activity in enumerate(register.activities):
            if register.role_of(activity) == "processor":
                processor.add(index)
                _count_uses(activity, by_processor)
            else:
                _count_uses(activity, by_controller)
            for position, basis in enumerate(activity.legal_bases):
                bases.setdefault(type(basis), []).append((index, activity, position, basis))
            for position, transfer in enumerate(activity.transfers or ()):
                transfers.append((index, activity, position, transfer))
            if activity.waivers:
                with_waivers.append((index, activity))
        controller_used = {field: frozenset(ids) for field, ids in by_controller.items()}
        used_ids = controller_used
        if processor:
            used_ids = {
                field: frozenset(ids | by_processor[field]) for field, ids in by_controller.items()
            }
        return cls(
            register=register,
            as_of=as_of,
            controllers=by_id(register.controllers),
            data_subjects=by_id(register.data_subjects),
            data_categories=by_id(register.data_categories),
            recipients=by_id(register.recipients),
            retention_rules=by_id(register.retention_rules),
            security_measures=by_id(register.security_measures),
            assessments=by_id(register.assessments),
            used=used_ids,
            processor_indexes=frozenset(processor),
            controller_used=controller_used,
            _bases={kind: tuple(found) for kind, found in bases.items()},
            _transfers=tuple(transfers),
            _with_waivers=tuple(with_waivers),
        )

    @property
    def activities(self) -> tuple[Activity, ...]:
        """The register's activities, in file order (or the part of them being checked)."""
        part = self.part
        return self.register.activities if part is None else part

    def indexed(self) -> Iterator[tuple[int, Activity]]:
        """(index in the register, activity) of each of `activities`: the index a hit's path
        names (`("activities", index, ...)`), also when a part is being checked."""
        return enumerate(self.activities, self.part_start)

    def category_ids(self, holds: Callable[[DataCategory], bool]) -> frozenset[str]:
        """The ids of the data categories for which `holds` is true."""
        return self._ids_of("data_categories", self.data_categories, holds)

    def subject_ids(self, holds: Callable[[DataSubjectCategory], bool]) -> frozenset[str]:
        """The ids of the data subject categories for which `holds` is true."""
        return self._ids_of("data_subjects", self.data_subjects, holds)

    def _ids_of(
        self, name: str, catalogue: Mapping[str, _Entry], holds: Callable[[_Entry], bool]
    ) -> frozenset[str]:
        # A predicate without captured variables (a module function, a lambda testing a
        # field) gives the same ids every time: its code (and defaults) identify it.
        memo: tuple[object, ...] | None = None
        if getattr(holds, "__closure__", True) is None:
            memo = (name, holds.__code__, holds.__defaults__)
            known = self._chosen.get(memo)
            if known is not None:
                return known
        chosen = frozenset(ident for ident, entry in catalogue.items() if holds(entry))
        if memo is not None:
            self._chosen[memo] = chosen
        return chosen

    def once(self, key: str, make: Callable[[], _Made]) -> _Made:
        """`make()`, made once per validation and kept under `key` (a check's code, say):
        for what a check run part by part would otherwise make again for every part, such as
        an index of a catalogue. `make` must read the catalogues only, never the part."""
        if key in self._made:
            made: _Made = self._made[key]
            return made
        made = self._made[key] = make()
        return made

    def bases_of(self, kind: type[_Basis]) -> Iterator[tuple[int, Activity, int, _Basis]]:
        """Every legal basis of class `kind` (e.g. `ConsentBasis`) in the register (or the part
        of it being checked), as (activity index in the register, activity, position in its
        legal_bases, basis), in file order."""
        # Indexed by each basis's own class, so every one found is of class `kind`.
        found: tuple[tuple[int, Activity, int, Any], ...] = self._bases.get(kind, ())
        return self._in_part(found)

    def transfers(self) -> Iterator[tuple[int, Activity, int, Transfer]]:
        """Every transfer in the register (or the part of it being checked), as (activity
        index in the register, activity, position in its transfers, transfer), in file
        order."""
        return self._in_part(self._transfers)

    def with_waivers(self) -> tuple[tuple[int, Activity], ...]:
        """(index, activity) of every activity of the register that has waivers (few do)."""
        return self._with_waivers

    def _in_part(
        self, found: tuple[tuple[int, Activity, int, _Entry], ...]
    ) -> Iterator[tuple[int, Activity, int, _Entry]]:
        """The entries of `found` (in activity order) of the part's activities."""
        part = self.part
        if part is None or not found:
            return iter(found)
        start = self.part_start
        low = bisect_left(found, start, key=itemgetter(0))
        high = bisect_left(found, start + len(part), lo=low, key=itemgetter(0))
        return iter(found[low:high])

    def for_controller_only(self) -> Context:
        """The context a controller-only rule sees: `used` counts controller activities only."""
        if not self.processor_indexes:
            return self
        return replace(self, used=self.controller_used)

    def judges_controller(self, hit: Hit) -> bool:
        """Whether `hit` is about the controller's record: an activity of role controller, or
        (for a register- or catalogue-level hit) a register that holds a controller record."""
        if not self.processor_indexes:
            return True
        path = hit.path
        if len(path) > 1 and path[0] == "activities" and isinstance(path[1], int):
            return path[1] not in self.processor_indexes
        if hit.activity is not None:
            return any(
                activity.id == hit.activity and index not in self.processor_indexes
                for index, activity in enumerate(self.activities)
            )
        return self.register.register.kind == "controller" or len(self.processor_indexes) < len(
            self.activities
        )


def _count_uses(activity: Activity, used: dict[str, set[str]]) -> None:
    """Add the catalogue ids `activity` references to `used` (its transfers' recipients too)."""
    used["data_subjects"].update(activity.data_subjects)
    used["data_categories"].update(activity.data_categories)
    used["security_measures"].update(activity.security_measures)
    used["controllers"].update(activity.on_behalf_of)
    if activity.recipients:
        used["recipients"].update(activity.recipients)
    for transfer in activity.transfers or ():
        if transfer.recipient is not None:
            used["recipients"].add(transfer.recipient)
    retention = activity.retention
    if isinstance(retention, str):  # the single form, read without building an entry
        used["retention_rules"].add(retention)
    elif retention:
        used["retention_rules"].update(entry.rule for entry in retention)
    used_assessments = used["assessments"]
    for basis in activity.legal_bases:
        if isinstance(basis, LegitimateInterestsBasis) and basis.assessment:
            used_assessments.add(basis.assessment)  # an id, or free text
    if isinstance(activity.dpia, str):
        used_assessments.add(activity.dpia)
    for transfer in activity.transfers or ():
        if transfer.assessment:
            used_assessments.add(transfer.assessment)


# ---------------------------------------------------------------------------------------------
# Running the catalogue


def validate(register: Register, *, as_of: date | None = None) -> Report:
    """Check `register` against every rule of the catalogue and report what they find.

    `as_of` is the check date (for review age); it defaults to today. Findings point into the
    register's file when it was loaded from one; waived findings stay in the report, marked.

    Examples:
        >>> import ropa
        >>> from datetime import date
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> report = ropa.validate(register, as_of=date(2026, 11, 27))
        >>> report.summary()
        '0 errors, 18 warnings, 8 info (1 waived)'
        >>> sorted({finding.code for finding in report.open_findings})[:3]
        ['ROPA208', 'ROPA211', 'ROPA303']
    """
    check_date = as_of if as_of is not None else date.today()
    with collector_paused():  # a large register's findings, made without cycles
        return _validate(register, check_date)


def _validate(register: Register, check_date: date) -> Report:
    context = Context.of(register, check_date)
    controller_context = context.for_controller_only()
    findings: list[Finding] = []
    _check_each_activity(findings, context, controller_context, register)
    for code, check in CHECKS.items():
        if code in AFTER_WAIVERS or code in EACH_ACTIVITY:
            continue
        hits: Iterable[Hit]
        if RULES[code].controller_only:
            hits = filter(controller_context.judges_controller, check(controller_context))
        else:
            hits = check(context)
        _add_findings(findings, code, hits, register)
    findings, used = _apply_waivers(findings, context)
    late: list[Finding] = []
    waiver_context = replace(context, waivers_used=frozenset(used))
    for code in sorted(AFTER_WAIVERS):
        _add_findings(late, code, CHECKS[code](waiver_context), register)
    late, _ = _apply_waivers(late, context)
    source = register.source
    return Report.of(
        findings + late,
        as_of=check_date,
        file=source.file if source is not None else None,
        rules=tuple(RULES),
    )


def _check_each_activity(
    findings: list[Finding], context: Context, controller_context: Context, register: Register
) -> None:
    """Run the `each_activity` checks over `PART_SIZE` activities at a time, all of them on
    one part before the next. Each check's hits come in the order one walk gives them (and
    the report sorts the findings of different checks anyway)."""
    codes = [code for code in CHECKS if code in EACH_ACTIVITY and code not in AFTER_WAIVERS]
    activities = register.activities
    hits: dict[str, list[Hit]] = {code: [] for code in codes}
    for start in range(0, len(activities), PART_SIZE):
        part = activities[start : start + PART_SIZE]
        plain = replace(context, part=part, part_start=start)
        controller = (
            plain
            if controller_context is context
            else replace(controller_context, part=part, part_start=start)
        )
        end = start + len(part)
        for code in codes:
            found = hits[code]
            for hit in CHECKS[code](controller if RULES[code].controller_only else plain):
                where = hit.path
                if (
                    len(where) < 2
                    or where[0] != "activities"
                    or type(where[1]) is not int
                    or not start <= where[1] < end
                ):
                    raise ValueError(
                        f"{code}: an each_activity check pointed outside the activities it was"
                        " shown (see Context.indexed)"
                    )
                found.append(hit)
    for code in codes:
        judged: Iterable[Hit] = hits[code]
        if RULES[code].controller_only:
            judged = filter(controller_context.judges_controller, judged)
        _add_findings(findings, code, judged, register)


def _add_findings(
    findings: list[Finding], code: str, hits: Iterable[Hit], register: Register
) -> None:
    spec = RULES[code]
    source = register.source
    locate = source.locate if source is not None else None
    add = findings.append
    code, slug, severity, article = spec.code, spec.slug, spec.severity, spec.article
    for path, said, activity, at_key in hits:
        add(
            Finding(
                code,
                slug,
                severity,
                None,  # the message is put into words when it is read
                article,
                path,
                activity,
                None if locate is None else locate(path, key=at_key),
                False,
                None,
                said.id,
                said.arguments,
            )
        )


def waiver_problems(waiver: Waiver) -> tuple[Message, ...]:
    """What makes `waiver` invalid (ROPA104), each as a catalogue message; none when it is a
    valid waiver. An invalid waiver silences nothing."""
    problems = []
    if waiver.rule not in RULES:
        nearest = _nearest_code(waiver.rule)
        problems.append(
            msg("waiver.no_rule.nearest", nearest=nearest) if nearest else msg("waiver.no_rule")
        )
    if waiver.reason_in() is None:
        problems.append(msg("waiver.no_reason"))
    return tuple(problems)


def waiver_problem(waiver: Waiver, lang: str = "en") -> str | None:
    """What makes `waiver` invalid (ROPA104) in words of `lang`, or None when it is valid."""
    problems = waiver_problems(waiver)
    return Listing(problems).label(lang) if problems else None


WaiverPlace = tuple[str | int, ...]
"""Where a waiver is: ``("register", "waivers", i)`` or ``("activities", i, "waivers", j)``."""


def waiver_expired(waiver: Waiver, as_of: date) -> bool:
    """Whether `waiver` no longer holds on `as_of`: its `expires` day (the last day it holds)
    is before the check date (ROPA105)."""
    return waiver.expires is not None and waiver.expires < as_of


def silencing_waivers(
    waivers: Iterable[Waiver],
    owner: tuple[str | int, ...],
    as_of: date,
    language: str | None = None,
) -> dict[str, tuple[WaiverPlace, str]]:
    """rule code -> (place, reason) of the waiver that silences the rule's findings under
    `owner`: the first valid one for each code (invalid ones are ROPA104's) that has not
    expired by `as_of` (expired ones are ROPA105's: their findings are open again)."""
    valid: dict[str, tuple[WaiverPlace, str]] = {}
    for index, waiver in enumerate(waivers):
        if waiver_expired(waiver, as_of):
            continue
        reason = waiver.reason_in(language, language)
        if reason and not waiver_problems(waiver) and waiver.rule not in UNWAIVABLE:
            valid.setdefault(waiver.rule, ((*owner, "waivers", index), reason))
    return valid


def expired_waivers(
    waivers: Iterable[Waiver], as_of: date, language: str | None = None
) -> dict[str, ExpiredWaiver]:
    """rule code -> the last-expiring of the expired waivers for that code (ROPA105): the
    waiver a finding that is open again names."""
    expired: dict[str, ExpiredWaiver] = {}
    for waiver in waivers:
        if waiver.expires is None or not waiver_expired(waiver, as_of):
            continue
        known = expired.get(waiver.rule)
        if known is None or known.expires < waiver.expires:
            reason = waiver.reason_in(language, language) or ""
            expired[waiver.rule] = ExpiredWaiver(waiver.expires, reason)
    return expired


def _apply_waivers(
    findings: list[Finding], context: Context
) -> tuple[list[Finding], set[WaiverPlace]]:
    """The findings with waived ones marked (and those whose waiver has expired naming it),
    and the places of the waivers that were used."""
    register, as_of = context.register, context.as_of
    language = register.register.language
    register_waivers = silencing_waivers(register.register.waivers, ("register",), as_of, language)
    register_expired = expired_waivers(register.register.waivers, as_of, language)
    activity_waivers: dict[str, dict[str, tuple[WaiverPlace, str]]] = {}
    activity_expired: dict[str, dict[str, ExpiredWaiver]] = {}
    for index, activity in context.with_waivers():
        found = silencing_waivers(activity.waivers, ("activities", index), as_of, language)
        for code, waiver in found.items():
            activity_waivers.setdefault(activity.id, {}).setdefault(code, waiver)
        for code, ended in expired_waivers(activity.waivers, as_of, language).items():
            activity_expired.setdefault(activity.id, {}).setdefault(code, ended)
    used: set[WaiverPlace] = set()
    if not (register_waivers or activity_waivers or register_expired or activity_expired):
        return findings, used
    applied: list[Finding] = []
    for finding in findings:
        if finding.activity is None:
            waivers, expired = register_waivers, register_expired
        else:
            waivers = activity_waivers.get(finding.activity, {})
            expired = activity_expired.get(finding.activity, {})
        silencing = waivers.get(finding.code)
        if silencing is None:
            lapsed = expired.get(finding.code)
            applied.append(finding if lapsed is None else finding.replace(expired_waiver=lapsed))
        else:
            used.add(silencing[0])
            applied.append(finding.waive(silencing[1]))
    return applied, used


def _load_catalogue() -> None:
    """Import the rule modules (each registers its rules) and put RULES in code order."""
    from ropa.rules import (  # noqa: F401
        art30,
        lawfulness,
        processor,
        references,
        retention,
        risk,
        transfers,
    )

    ordered = sorted(RULES.items())
    RULES.clear()
    RULES.update(ordered)
    checks = sorted(CHECKS.items())
    CHECKS.clear()
    CHECKS.update(checks)


_load_catalogue()
