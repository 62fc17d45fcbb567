"""Rules on risk and accountability: automated decisions, DPIAs, reviews, how several legal
bases share an activity, and security in proportion to the risk (ROPA601-608)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ropa.findings import Severity
from ropa.model import (
    Activity,
    ContractBasis,
    DataSubjectCategory,
    LegalObligationBasis,
    PublicTaskBasis,
)
from ropa.rules import Context, Hit, rule
from ropa.rules.lawfulness import explicit_consent_covers
from ropa.text.messages import Clause, Listing, Message, msg
from ropa.vocab import LEGAL_BASES

# The parts the risk rules' messages are made of, made once: a large register has many hits.
_PART = {
    part.id: part
    for part in (
        msg("wp248.evaluation"),
        msg("wp248.automated_decisions"),
        msg("wp248.monitoring"),
        msg("wp248.sensitive"),
        msg("wp248.large_scale"),
        msg("wp248.matching"),
        msg("wp248.vulnerable"),
        msg("art35_3.a"),
        msg("art35_3.b"),
        msg("art35_3.c"),
        msg("risk.special"),
        msg("risk.national_id"),
        msg("risk.large_scale"),
    )
}

REVIEW_MONTHS = 12
"""A review older than this many months before the check date is overdue (ROPA603)."""
MIXED_BASES = 3
"""From this many legal bases on, each should say what it covers (ROPA604)."""


@rule(
    "ROPA601",
    "automated-decision-basis",
    Severity.ERROR,
    "22(2)",
    "automated decisions without an Art. 22(2) ground",
    controller_only=True,
    each_activity=True,
)
def automated_decision_basis(ctx: Context) -> Iterator[Hit]:
    """An activity takes automated decisions with legal or similar effect and rests on none
    of the Art. 22(2) grounds: a contract (a), a legal_obligation or public_task basis naming
    the law that authorises them (b), or explicit consent (c): a consent basis with
    `explicit: true` or the explicit_consent condition. Consent not stated to be explicit is
    not enough."""
    for index, activity in ctx.indexed():
        if activity.automated_decisions is True and not _art22_ground(activity):
            yield Hit(
                ("activities", index, "automated_decisions"),
                msg("ROPA601", activity=activity.id),
                activity.id,
            )


def _art22_ground(activity: Activity) -> bool:
    if explicit_consent_covers(activity):
        return True
    for basis in activity.legal_bases:
        if isinstance(basis, ContractBasis):
            return True
        if isinstance(basis, (LegalObligationBasis, PublicTaskBasis)) and basis.law is not None:
            return True
    return False


@rule(
    "ROPA602",
    "dpia-likely-required",
    Severity.WARNING,
    "35(1); WP248 rev.01",
    "two or more WP248 high-risk criteria and no DPIA",
    controller_only=True,
    each_activity=True,
)
def dpia_likely_required(ctx: Context) -> Iterator[Hit]:
    """An activity meets two or more of the nine high-risk criteria of the WP248 rev.01
    guidelines that the register can show, and records no DPIA; the message names them. An
    activity for which Art. 35(3) requires a DPIA outright is ROPA606's. A national
    identification number is not a criterion of its own."""
    facts = _RiskFacts.of(ctx)
    for index, activity in ctx.indexed():
        if activity.dpia is not None or _art35_3(activity, facts):
            continue
        criteria = _wp248_criteria(activity, facts)
        if len(criteria) >= 2:
            yield Hit(
                ("activities", index),
                msg(
                    "ROPA602",
                    activity=activity.id,
                    count=str(len(criteria)),
                    criteria=Listing(tuple(criteria)),  # as `msg` makes of a list, made here
                ),
                activity.id,
            )


@dataclass(frozen=True)
class _RiskFacts:
    """The catalogue ids the risk rules test activities against."""

    special: frozenset[str]
    """Special-category (Art. 9(1)) or criminal-offence (Art. 10) data."""
    art9: frozenset[str]
    """Special-category data only (Art. 9(1))."""
    national_ids: frozenset[str]
    vulnerable: frozenset[str]
    """Data subject categories that need particular care (WP248 criterion 7)."""

    @classmethod
    def of(cls, ctx: Context) -> _RiskFacts:
        return cls(
            special=ctx.category_ids(lambda c: c.special is not None),
            art9=ctx.category_ids(lambda c: c.special is not None and c.special != "criminal"),
            national_ids=ctx.category_ids(lambda c: c.national_id is True),
            vulnerable=ctx.subject_ids(_vulnerable),
        )


def _vulnerable(subject: DataSubjectCategory) -> bool:
    if subject.includes_children is True or subject.vulnerable is True:
        return True
    return subject.kind in _VULNERABLE_KINDS


# WP248 rev.01, criterion 7: children, employees, patients, and others in an imbalance of power.
_VULNERABLE_KINDS = frozenset({"employees", "patients"})
# Data watched rather than given: observation, reading from or writing to the person's device.
_MONITORING_SOURCES = frozenset({"observed", "device"})
# Data obtained from others, which combined with the person's own is "matching datasets".
_OTHER_SOURCES = frozenset({"third_party", "public"})


def _video_surveillance(activity: Activity) -> bool:
    # The purpose kind comes with the 2026-12 vocabulary; older models do not know it.
    purpose: str | None = activity.purpose
    return purpose == "video_surveillance"


def _wp248_criteria(activity: Activity, facts: _RiskFacts) -> list[Message]:
    """The WP248 criteria the register shows for `activity`, in WP248's order. Criteria 8
    (innovative technology) and 9 (preventing the exercise of a right or use of a service)
    have no field in the register and are not judged."""
    # One test after another, not a table of all seven: this runs for most activities.
    met = []
    sources = activity.sources
    if activity.profiling is True:
        met.append(_PART["wp248.evaluation"])
    if activity.automated_decisions is True:
        met.append(_PART["wp248.automated_decisions"])
    if not _MONITORING_SOURCES.isdisjoint(sources) or _video_surveillance(activity):
        met.append(_PART["wp248.monitoring"])
    if not facts.special.isdisjoint(activity.data_categories):
        met.append(_PART["wp248.sensitive"])
    if activity.large_scale is True:
        met.append(_PART["wp248.large_scale"])
    if not _OTHER_SOURCES.isdisjoint(sources) and len(set(sources)) >= 2:
        met.append(_PART["wp248.matching"])
    if not facts.vulnerable.isdisjoint(activity.data_subjects):
        met.append(_PART["wp248.vulnerable"])
    return met


def _art35_3(activity: Activity, facts: _RiskFacts) -> list[Message]:
    """The cases of Art. 35(3) that `activity` falls under, in words."""
    cases = []
    if activity.automated_decisions is True and activity.profiling is True:
        cases.append(_PART["art35_3.a"])
    large = activity.large_scale is True
    if large and not facts.special.isdisjoint(activity.data_categories):
        cases.append(_PART["art35_3.b"])
    if large and _video_surveillance(activity):
        cases.append(_PART["art35_3.c"])
    return cases


@rule(
    "ROPA603",
    "review-overdue",
    Severity.WARNING,
    "5(2), 24",
    "the last review is more than 12 months old",
    controller_only=True,
)
def review_overdue(ctx: Context) -> Iterator[Hit]:
    """The register's review date, or an activity's own review date, lies more than 12 months
    before the check date. An activity without its own date goes by the register's and is
    not reported separately; a register with no review date is not judged here."""
    limit = _months_before(ctx.as_of, REVIEW_MONTHS)
    reviewed = ctx.register.register.reviewed
    if reviewed is not None and reviewed < limit:
        yield Hit(
            ("register", "reviewed"),
            msg(
                "ROPA603.register",
                reviewed=reviewed.isoformat(),
                months=REVIEW_MONTHS,
                as_of=ctx.as_of.isoformat(),
            ),
        )
    for index, activity in ctx.indexed():
        if activity.reviewed is not None and activity.reviewed < limit:
            yield Hit(
                ("activities", index, "reviewed"),
                msg(
                    "ROPA603.activity",
                    activity=activity.id,
                    reviewed=activity.reviewed.isoformat(),
                    months=REVIEW_MONTHS,
                    as_of=ctx.as_of.isoformat(),
                ),
                activity.id,
            )


def _months_before(day: date, months: int) -> date:
    """The same day of the month `months` months earlier (the month's last day if shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    if year < date.min.year:  # before the first day a date can be: nothing is earlier
        return date.min
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")  # pragma: no cover


@rule(
    "ROPA604",
    "mixed-legal-bases",
    Severity.INFO,
    "6(1), 13(1)(c)",
    "three or more legal bases without saying what each covers",
    controller_only=True,
    each_activity=True,
)
def mixed_legal_bases(ctx: Context) -> Iterator[Hit]:
    """An activity lists three or more Art. 6(1) bases and at least one does not say which
    part of the processing it covers; the message names those bases."""
    for index, activity in ctx.indexed():
        bases = activity.legal_bases
        if len(bases) < MIXED_BASES:
            continue
        unexplained = [_basis_label(basis.basis) for basis in bases if basis.covers is None]
        if unexplained:
            yield Hit(
                ("activities", index, "legal_bases"),
                msg(
                    "ROPA604.one" if len(unexplained) == 1 else "ROPA604.many",
                    activity=activity.id,
                    count=str(len(bases)),
                    bases=Listing(tuple(unexplained)),  # as `msg` makes of a list
                ),
                activity.id,
            )


def _basis_label(code: str) -> Clause | str:
    """A legal basis by its label in the reader's language; an unknown code as written."""
    return _BASIS_LABELS.get(code, code)


# Made once: an activity with many bases names each (ROPA604).
_BASIS_LABELS = {code: Clause(term) for code, term in LEGAL_BASES.items()}


@rule(
    "ROPA605",
    "review-date-missing",
    Severity.INFO,
    "5(2), 24(1)",
    "the register has no review date",
)
def review_date_missing(ctx: Context) -> Iterator[Hit]:
    """The register states no `reviewed` date, so nobody can tell whether the record is kept
    up to date (and ROPA603 cannot judge it)."""
    if ctx.register.register.reviewed is None:
        yield Hit(("register",), msg("ROPA605"))


@rule(
    "ROPA606",
    "dpia-required",
    Severity.ERROR,
    "35(3)",
    "Art. 35(3) requires a DPIA and none is recorded",
    controller_only=True,
    each_activity=True,
)
def dpia_required(ctx: Context) -> Iterator[Hit]:
    """An activity falls under Art. 35(3), where a DPIA is always required, and records none:
    (a) solely automated decisions with legal or similar effect based on profiling, (b)
    special-category or criminal-offence data on a large scale, or (c) video surveillance of
    a publicly accessible area on a large scale."""
    facts = _RiskFacts.of(ctx)
    for index, activity in ctx.indexed():
        if activity.dpia is not None:
            continue
        cases = _art35_3(activity, facts)
        if cases:
            yield Hit(
                ("activities", index),
                msg("ROPA606", activity=activity.id, cases=Listing(tuple(cases), clauses=True)),
                activity.id,
            )


@rule(
    "ROPA607",
    "automated-decision-special-data",
    Severity.ERROR,
    "22(4)",
    "automated decisions on special-category data without an Art. 22(4) ground",
    controller_only=True,
    each_activity=True,
)
def automated_decision_special_data(ctx: Context) -> Iterator[Hit]:
    """An activity takes solely automated decisions on special-category data (Art. 9(1)) and
    rests on neither explicit consent (9(2)(a): the explicit_consent condition or a consent
    basis with `explicit: true`) nor substantial public interest (9(2)(g)), the only grounds
    Art. 22(4) allows; either form of `special_condition` is read."""
    facts = _RiskFacts.of(ctx)
    for index, activity in ctx.indexed():
        if activity.automated_decisions is not True:
            continue
        if facts.art9.isdisjoint(activity.data_categories) or _art22_4_ground(activity):
            continue
        yield Hit(
            ("activities", index, "automated_decisions"),
            msg("ROPA607", activity=activity.id),
            activity.id,
        )


def _art22_4_ground(activity: Activity) -> bool:
    codes = activity.special_condition_codes()
    return explicit_consent_covers(activity) or "substantial_public_interest" in codes


@rule(
    "ROPA608",
    "security-not-proportionate",
    Severity.WARNING,
    "32(1), 5(1)(f)",
    "high-risk data protected by organisational measures only",
    each_activity=True,
)
def security_not_proportionate(ctx: Context) -> Iterator[Hit]:
    """An activity processes special-category or criminal-offence data, a national
    identification number, or data on a large scale, and of its security measures none is
    technical (encryption, access control, logging, ...). An activity with no measure at all
    is ROPA208's; one naming an unknown measure is not judged (ROPA102)."""
    facts = _RiskFacts.of(ctx)
    measures = ctx.security_measures
    for index, activity in ctx.indexed():
        named = activity.security_measures
        if not named:
            continue
        # The risks first: they are cheaper to test than the measures, and most have none.
        risks = []
        if not facts.special.isdisjoint(activity.data_categories):
            risks.append(_PART["risk.special"])
        if not facts.national_ids.isdisjoint(activity.data_categories):
            risks.append(_PART["risk.national_id"])
        if activity.large_scale is True:
            risks.append(_PART["risk.large_scale"])
        if not risks or not measures.keys() >= set(named):
            continue
        if any(measures[ref].kind == "technical" for ref in named):
            continue
        yield Hit(
            ("activities", index, "security_measures"),
            msg("ROPA608", activity=activity.id, risks=Listing(tuple(risks))),
            activity.id,
        )
