"""Rules on retention: each rule says how long, or until what, and why (ROPA401, 402, 404);
each data category of an activity is under exactly one rule (ROPA403).

ROPA401, 402 and 404 judge the catalogue entry, not the activities that use it: the fix is
made once, in `retention_rules`, whichever activities share the rule. Their findings
therefore carry no activity (a register-level waiver accepts them), and an entry no activity
uses is left to ROPA103 (remove it) rather than reported again here. ROPA403 judges how an
activity shares its data categories among its rules, so its findings are the activity's.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.durations import Duration
from ropa.findings import Severity
from ropa.model import RetentionRule
from ropa.rules import Context, Hit, rule
from ropa.text.messages import msg


def _used_rules(ctx: Context) -> Iterator[tuple[int, RetentionRule]]:
    used = ctx.used["retention_rules"]
    for index, retention in enumerate(ctx.register.retention_rules):
        if retention.id in used:
            yield index, retention


@rule(
    "ROPA401",
    "retention-period-undefined",
    Severity.WARNING,
    "5(1)(e), 30(1)(f)",
    "a retention rule has no period and no triggering event",
    controller_only=True,
)
def retention_period_undefined(ctx: Context) -> Iterator[Hit]:
    """A retention rule in use gives neither a period nor an event (`starts`, or the end event
    `until`), so nobody can tell when the data is to be erased. Reported once per rule
    entry."""
    for index, retention in _used_rules(ctx):
        if retention.period is None and retention.starts is None and retention.until is None:
            yield Hit(
                ("retention_rules", index),
                msg("ROPA401", rule=retention.id),
            )


@rule(
    "ROPA402",
    "retention-basis-missing",
    Severity.INFO,
    "5(2)",
    "a fixed retention period names no law or reason",
    controller_only=True,
)
def retention_basis_missing(ctx: Context) -> Iterator[Hit]:
    """A retention rule in use sets a fixed period but names no law or reason for its
    length. Reported once per rule entry; a period over ten years is ROPA404's."""
    for index, retention in _used_rules(ctx):
        if retention.period is not None and retention.basis is None and not _long(retention):
            yield Hit(
                ("retention_rules", index),
                msg("ROPA402", rule=retention.id, period=retention.period.in_words()),
            )


LONG_RETENTION = Duration(years=10)
"""A period longer than this needs a stated basis (ROPA404)."""


def _long(retention: RetentionRule) -> bool:
    return retention.period is not None and retention.period > LONG_RETENTION


@rule(
    "ROPA404",
    "retention-long-unjustified",
    Severity.WARNING,
    "5(1)(e), 5(2)",
    "a retention period over ten years names no basis",
    controller_only=True,
)
def retention_long_unjustified(ctx: Context) -> Iterator[Hit]:
    """A retention rule in use keeps data for more than ten years and names no law or reason
    (`basis`) for so long a period. Reported once per rule entry."""
    for index, retention in _used_rules(ctx):
        if _long(retention) and retention.basis is None and retention.period is not None:
            yield Hit(
                ("retention_rules", index, "period"),
                msg("ROPA404", rule=retention.id, period=retention.period.in_words()),
            )


@rule(
    "ROPA403",
    "retention-category-uncovered",
    Severity.WARNING,
    "30(1)(f), 5(1)(e)",
    "with retention per category, a data category under no entry or under two",
    controller_only=True,
    each_activity=True,
)
def retention_category_uncovered(ctx: Context) -> Iterator[Hit]:
    """An activity gives its retention per data category (a list of `{rule, categories}`),
    and one of its data categories is under no entry (its time limit is not stated: reported
    at `retention`) or under two or more (which one applies? reported at the second mention).
    One rule for all the activity's data (`retention: rule_id`) covers every category."""
    for index, activity in ctx.indexed():
        entries = activity.retention
        if not isinstance(entries, tuple) or not entries:
            continue
        here = ("activities", index, "retention")
        first: dict[str, str] = {}
        for position, entry in enumerate(entries):
            for place, ref in enumerate(entry.categories):
                if ref not in first:
                    first[ref] = entry.rule
                elif ref in activity.data_categories and place == entry.categories.index(ref):
                    yield Hit(
                        (*here, position, "categories", place),
                        msg(
                            "ROPA403.twice",
                            activity=activity.id,
                            category=ref,
                            first=first[ref],
                            rule=entry.rule,
                        ),
                        activity.id,
                    )
        for ref in dict.fromkeys(activity.data_categories):
            if ref not in first:
                said = msg("ROPA403.none", activity=activity.id, category=ref)
                yield Hit(here, said, activity.id, at_key=True)
