"""Rules on ids and references: every id unique, every reference resolved and of the right
kind, every catalogue entry used, every waiver explained, current and used (ROPA101-107)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence, Set
from typing import Protocol

from ropa.findings import Severity
from ropa.model import CATALOGUES, Activity, Assessment, LegitimateInterestsBasis, Waiver
from ropa.rules import Context, Hit, rule, silencing_waivers, waiver_expired, waiver_problems
from ropa.text.messages import Message, msg

# Each message names a catalogue entry's kind by its field (ropa.model.CATALOGUES).


@rule("ROPA101", "duplicate-id", Severity.ERROR, "30(1)", "two entries share an id")
def duplicate_id(ctx: Context) -> Iterator[Hit]:
    """Two entries of one catalogue, or two activities, share an id; reported at the `id:` key
    of each entry after the first, since references cannot tell the entries apart."""
    register = ctx.register
    for field in CATALOGUES:
        yield from _duplicates(field, getattr(register, field), with_activity=False)
    yield from _duplicates("activities", register.activities, with_activity=True)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def _duplicates(field: str, entries: Sequence[_HasId], *, with_activity: bool) -> Iterator[Hit]:
    first: dict[str, int] = {}
    for index, entry in enumerate(entries):
        entry_id = entry.id
        if entry_id not in first:
            first[entry_id] = index
            continue
        yield Hit(
            (field, index, "id"),
            msg(f"ROPA101.{field}", id=entry_id, first=first[entry_id]),
            activity=entry_id if with_activity else None,
            at_key=True,
        )


@rule("ROPA102", "unknown-reference", Severity.ERROR, "30(1)", "a reference names an unknown id")
def unknown_reference(ctx: Context) -> Iterator[Hit]:
    """An activity (or one of its transfers) names an id that the catalogue it points into
    does not hold; reported at the reference itself."""
    catalogues: dict[str, Mapping[str, object]] = {
        "controllers": ctx.controllers,
        "data_subjects": ctx.data_subjects,
        "data_categories": ctx.data_categories,
        "recipients": ctx.recipients,
        "retention_rules": ctx.retention_rules,
        "security_measures": ctx.security_measures,
        "assessments": ctx.assessments,
    }
    # Every id any activity references is in ctx.used: when all of them resolve, which is
    # the usual case, no activity needs to be looked at.
    unknown = {field: ctx.used[field] - known.keys() for field, known in catalogues.items()}
    if not any(unknown.values()):
        return
    for index, activity in ctx.indexed():
        yield from _unknown_in(index, activity, unknown)


def _unknown_in(index: int, activity: Activity, unknown: Mapping[str, Set[str]]) -> Iterator[Hit]:
    here = ("activities", index)
    lists = {"on_behalf_of": "controllers", "data_subjects": "data_subjects",
             "data_categories": "data_categories", "recipients": "recipients",
             "security_measures": "security_measures"}  # fmt: skip
    for field, catalogue in lists.items():
        missing = unknown[catalogue]
        refs: Sequence[str] = getattr(activity, field) or ()
        for position, ref in enumerate(refs):
            if ref in missing:
                yield Hit(
                    (*here, field, position),
                    msg(f"ROPA102.{field}", activity=activity.id, ref=ref),
                    activity.id,
                )
    if isinstance(activity.retention, str):
        if activity.retention in unknown["retention_rules"]:
            yield Hit(
                (*here, "retention"),
                msg("ROPA102.retention", activity=activity.id, ref=activity.retention),
                activity.id,
            )
    else:
        for position, entry in enumerate(activity.retention or ()):
            if entry.rule in unknown["retention_rules"]:
                yield Hit(
                    (*here, "retention", position, "rule"),
                    msg("ROPA102.retention", activity=activity.id, ref=entry.rule),
                    activity.id,
                )
    if isinstance(activity.dpia, str) and activity.dpia in unknown["assessments"]:
        # Only `dpia:` takes an id alone; an unknown lia or tia reference is free text.
        yield Hit(
            (*here, "dpia"),
            msg("ROPA102.dpia", activity=activity.id, ref=activity.dpia),
            activity.id,
        )
    for position, transfer in enumerate(activity.transfers or ()):
        if transfer.recipient in unknown["recipients"]:
            yield Hit(
                (*here, "transfers", position, "recipient"),
                msg(
                    "ROPA102.transfer",
                    activity=activity.id,
                    destination=transfer.destination,
                    ref=transfer.recipient,
                ),
                activity.id,
            )


@rule("ROPA103", "unused-entry", Severity.WARNING, "5(1)(c)", "a catalogue entry is unused")
def unused_entry(ctx: Context) -> Iterator[Hit]:
    """A catalogue entry that no activity references (a transfer's recipient counts as a
    use): either an activity is missing from the register or the entry is stale."""
    for field in CATALOGUES:
        used = ctx.used[field]
        for index, entry in enumerate(getattr(ctx.register, field)):
            if entry.id not in used:
                yield Hit(
                    (field, index),
                    msg(f"ROPA103.{field}", entry=entry.id),
                )


@rule(
    "ROPA104",
    "waiver-without-reason",
    Severity.ERROR,
    "5(2)",
    "a waiver has no reason or names no rule",
)
def waiver_without_reason(ctx: Context) -> Iterator[Hit]:
    """A waiver (on the register or on an activity) that gives no reason, or that names a
    code the catalogue does not have; such a waiver silences nothing."""
    yield from _bad_waivers(ctx.register.register.waivers, ("register",), None)
    for index, activity in ctx.with_waivers():
        yield from _bad_waivers(activity.waivers, ("activities", index), activity.id)


def _bad_waivers(
    waivers: Sequence[Waiver], owner: tuple[str | int, ...], activity: str | None
) -> Iterator[Hit]:
    for index, waiver in enumerate(waivers):
        problems = waiver_problems(waiver)
        if problems:
            yield Hit(
                (*owner, "waivers", index),
                _on(activity, "ROPA104", rule=waiver.rule, problems=problems),
                activity,
            )


def _on(activity: str | None, code: str, **params: object) -> Message:
    """The message `code` about the register's own waivers, or about `activity`'s."""
    if activity is None:
        return msg(f"{code}.register", **params)
    return msg(f"{code}.activity", activity=activity, **params)


@rule(
    "ROPA106",
    "waiver-unused",
    Severity.INFO,
    "5(2)",
    "a waiver silences no finding",
    after_waivers=True,
)
def waiver_unused(ctx: Context) -> Iterator[Hit]:
    """A valid waiver (on the register or an activity) that silenced no finding: the finding it
    was written for is fixed, or it names the wrong rule or sits at the wrong level (a
    finding about an activity is waived on that activity, one about the organisation or a
    catalogue entry on the register). Invalid waivers are ROPA104's."""
    places: list[tuple[tuple[str | int, ...], str | None, tuple[Waiver, ...]]] = [
        (("register",), None, ctx.register.register.waivers)
    ]
    places += [
        (("activities", index), activity.id, activity.waivers)
        for index, activity in ctx.with_waivers()
    ]
    for owner, activity_id, waivers in places:
        silencing = silencing_waivers(waivers, owner, ctx.as_of, ctx.register.register.language)
        for index, waiver in enumerate(waivers):
            code, place = waiver.rule, (*owner, "waivers", index)
            if code not in silencing or code == "ROPA106":
                continue  # invalid (ROPA104)
            if place not in ctx.waivers_used:
                yield Hit(place, _on(activity_id, "ROPA106", rule=code), activity_id)


@rule("ROPA105", "waiver-expired", Severity.WARNING, "5(2)", "a waiver has expired")
def waiver_expired_rule(ctx: Context) -> Iterator[Hit]:
    """A waiver (on the register or an activity) whose `expires` day is before the check
    date. It silences nothing any more: the finding it accepted is open again and names it,
    and this warning, at the `expires` date, says why."""
    places: list[tuple[tuple[str | int, ...], str | None, tuple[Waiver, ...]]] = [
        (("register",), None, ctx.register.register.waivers)
    ]
    places += [
        (("activities", index), activity.id, activity.waivers)
        for index, activity in ctx.with_waivers()
    ]
    for owner, activity_id, waivers in places:
        for index, waiver in enumerate(waivers):
            if waiver.expires is not None and waiver_expired(waiver, ctx.as_of):
                said = _on(activity_id, "ROPA105", rule=waiver.rule, expires=waiver.expires)
                yield Hit((*owner, "waivers", index, "expires"), said, activity_id)


@rule(
    "ROPA107",
    "reference-wrong-kind",
    Severity.ERROR,
    "30(1), 5(2)",
    "an assessment id of the wrong kind",
    each_activity=True,
)
def reference_wrong_kind(ctx: Context) -> Iterator[Hit]:
    """An activity's reference names an assessment of the wrong kind: `dpia` an assessment
    that is not a dpia, a legitimate-interests `assessment` one that is not an lia, a
    transfer's `assessment` one that is not a tia. Free text (no assessment has that id) is
    not judged, and an unknown `dpia` id is ROPA102's."""
    assessments = ctx.assessments
    if not assessments:
        return
    # Each reference is tested in place, with no generator per reference: most are right.
    for index, activity in ctx.indexed():
        dpia = activity.dpia
        if isinstance(dpia, str):
            said = _wrong_kind(assessments, dpia, "dpia", activity)
            if said is not None:
                yield Hit(("activities", index, "dpia"), said, activity.id)
        for position, basis in enumerate(activity.legal_bases):
            if isinstance(basis, LegitimateInterestsBasis) and basis.assessment:
                said = _wrong_kind(assessments, basis.assessment, "lia", activity)
                if said is not None:
                    path = ("activities", index, "legal_bases", position, "assessment")
                    yield Hit(path, said, activity.id)
        for position, transfer in enumerate(activity.transfers or ()):
            if transfer.assessment:
                said = _wrong_kind(assessments, transfer.assessment, "tia", activity)
                if said is not None:
                    path = ("activities", index, "transfers", position, "assessment")
                    yield Hit(path, said, activity.id)


def _wrong_kind(
    assessments: Mapping[str, Assessment], ref: str, wanted: str, activity: Activity
) -> Message | None:
    """What to say of `ref` if it names an assessment that is not of kind `wanted`."""
    found = assessments.get(ref)
    if found is not None and found.kind != wanted:
        return msg(f"ROPA107.{wanted}", activity=activity.id, ref=ref, kind=found.kind)
    return None
