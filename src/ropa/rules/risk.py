"""Rules on risk and accountability: automated decisions, DPIAs, reviews and how several legal
bases share an activity (ROPA601-604)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ropa.findings import Severity
from ropa.model import (
    Activity,
    ConsentBasis,
    ContractBasis,
    LegalObligationBasis,
    PublicTaskBasis,
)
from ropa.rules import Context, Hit, rule

REVIEW_MONTHS = 12
"""A review older than this many months before the check date is overdue (ROPA603)."""
MIXED_BASES = 3
"""From this many legal bases on, each should say what it covers (ROPA604)."""


@rule(
    "ROPA601",
    "automated-decision-basis",
    Severity.ERROR,
    "22",
    "automated decisions without an Art. 22(2) ground",
    controller_only=True,
)
def automated_decision_basis(ctx: Context) -> Iterator[Hit]:
    """An activity takes automated decisions with legal or similar effect and rests on none
    of the Art. 22(2) grounds: a contract, explicit consent (a consent basis or the
    explicit_consent condition), or a legal_obligation or public_task basis naming its law."""
    for index, activity in enumerate(ctx.activities):
        if activity.automated_decisions is True and not _art22_ground(activity):
            yield Hit(
                ("activities", index, "automated_decisions"),
                f"activity '{activity.id}' takes automated decisions but rests on none of a "
                "contract, explicit consent or a law naming them (legal_bases)",
                activity.id,
            )


def _art22_ground(activity: Activity) -> bool:
    if activity.special_condition == "explicit_consent":
        return True
    for basis in activity.legal_bases:
        if isinstance(basis, (ContractBasis, ConsentBasis)):
            return True
        if isinstance(basis, (LegalObligationBasis, PublicTaskBasis)) and basis.law is not None:
            return True
    return False


@rule(
    "ROPA602",
    "dpia-likely-required",
    Severity.WARNING,
    "35",
    "two or more high-risk criteria and no DPIA",
    controller_only=True,
)
def dpia_likely_required(ctx: Context) -> Iterator[Hit]:
    """An activity meets two or more of the EDPB high-risk criteria the catalogue lists
    (special data, children, large scale, profiling, automated decisions, national id,
    observed sources) and records no DPIA; the message names the criteria met. Special data
    includes criminal-offence data, which the EDPB counts among sensitive data."""
    special = ctx.category_ids(lambda c: c.special is not None)
    national_ids = ctx.category_ids(lambda c: c.national_id is True)
    with_children = ctx.subject_ids(lambda s: s.includes_children is True)
    for index, activity in enumerate(ctx.activities):
        if activity.dpia is not None:
            continue
        met = (
            ("special data", not special.isdisjoint(activity.data_categories)),
            ("children", not with_children.isdisjoint(activity.data_subjects)),
            ("large scale", activity.large_scale is True),
            ("profiling", activity.profiling is True),
            ("automated decisions", activity.automated_decisions is True),
            ("national id", not national_ids.isdisjoint(activity.data_categories)),
            ("observed sources", "observed" in activity.sources),
        )
        criteria = [name for name, holds in met if holds]
        if len(criteria) >= 2:
            yield Hit(
                ("activities", index),
                f"activity '{activity.id}' meets {len(criteria)} high-risk criteria "
                f"({', '.join(criteria)}) but records no DPIA (dpia)",
                activity.id,
            )


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
            f"the register was last reviewed on {reviewed.isoformat()}, more than "
            f"{REVIEW_MONTHS} months before {ctx.as_of.isoformat()} (register.reviewed)",
        )
    for index, activity in enumerate(ctx.activities):
        if activity.reviewed is not None and activity.reviewed < limit:
            yield Hit(
                ("activities", index, "reviewed"),
                f"activity '{activity.id}' was last reviewed on {activity.reviewed.isoformat()},"
                f" more than {REVIEW_MONTHS} months before {ctx.as_of.isoformat()} (reviewed)",
                activity.id,
            )


def _months_before(day: date, months: int) -> date:
    """The same day of the month `months` months earlier (the month's last day if shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
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
)
def mixed_legal_bases(ctx: Context) -> Iterator[Hit]:
    """An activity lists three or more Art. 6(1) bases and at least one does not say which
    part of the processing it covers; the message names those bases."""
    for index, activity in enumerate(ctx.activities):
        bases = activity.legal_bases
        if len(bases) < MIXED_BASES:
            continue
        unexplained = [basis.basis for basis in bases if basis.covers is None]
        if unexplained:
            verb = (
                "does not say what it covers"
                if len(unexplained) == 1
                else ("do not say what they cover")
            )
            yield Hit(
                ("activities", index, "legal_bases"),
                f"activity '{activity.id}' lists {len(bases)} legal bases, and "
                f"{', '.join(unexplained)} {verb} (covers)",
                activity.id,
            )
