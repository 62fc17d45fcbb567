"""Rules on recipients and transfers outside the EEA: Art. 28 contracts, where recipients
sit, and a Chapter V safeguard for every transfer, with its Art. 49(1) point or its transfer
impact assessment (ROPA501-513). A transfer goes to a country or to an international
organisation; the adequacy rules read the same dated table for both.

ROPA501 and ROPA506 judge the recipient entry in the catalogue, once, whichever activities
share it: their findings carry no activity (a register-level waiver accepts them), and a
recipient no activity uses is left to ROPA103. The transfer rules judge each activity's
transfers, where the safeguard is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from ropa.countries import (
    ADEQUACY_CHECKED,
    EEA_COUNTRIES,
    adequacy_decisions,
    adequacy_in_force,
    destination_name,
)
from ropa.findings import Severity
from ropa.model import Activity, Recipient, Transfer
from ropa.rules import Context, Hit, rule
from ropa.text import text_in
from ropa.text.messages import Clause, message, msg
from ropa.vocab import SAFEGUARDS

# Recipient kinds that hold the data themselves and so may take it out of the EEA.
_LOCATED_KINDS = frozenset({"processor", "controller", "joint_controller"})


def _used_recipients(ctx: Context) -> Iterator[tuple[int, Recipient]]:
    used = ctx.used["recipients"]
    for index, recipient in enumerate(ctx.register.recipients):
        if recipient.id in used:
            yield index, recipient


@rule(
    "ROPA501",
    "processor-contract-missing",
    Severity.WARNING,
    "28(3)",
    "a processor recipient cites no Art. 28 contract",
)
def processor_contract_missing(ctx: Context) -> Iterator[Hit]:
    """A recipient of kind processor, used by an activity, cites no Art. 28 contract."""
    for index, recipient in _used_recipients(ctx):
        if recipient.kind == "processor" and not (recipient.contract or "").strip():
            yield Hit(
                ("recipients", index),
                msg("ROPA501", recipient=recipient.id),
            )


class _Destination(NamedTuple):
    """Where a transfer goes, as a message says it: the country's code, or the international
    organisation's name in the reader's language (an `other` one by its `organisation_name`).
    The entry `word.organisation_named` puts the name in the messages' sentence: in Latvian
    the name, which does not decline, follows "starptautisko organizāciju", the accusative
    that the messages' "uz" and "par" ask for."""

    transfer: Transfer

    def label(self, lang: str, /) -> str:
        transfer = self.transfer
        if transfer.country is not None:
            return transfer.country
        if transfer.organisation == "other":
            name = text_in(transfer.organisation_name, lang, "en") or "other"
        else:
            name = destination_name(transfer.destination, lang)
        return message("word.organisation_named", lang, name=name)


def _outside_eea(destination: str | None) -> bool:
    # None: the transfer goes to an international organisation, always a Chapter V transfer.
    return destination not in EEA_COUNTRIES


@rule(
    "ROPA502",
    "transfer-safeguard-missing",
    Severity.ERROR,
    "44, 46",
    "a transfer outside the EEA has no safeguard",
    each_activity=True,
)
def transfer_safeguard_missing(ctx: Context) -> Iterator[Hit]:
    """A transfer to a country outside the EEA names no Chapter V safeguard."""
    for index, activity, position, transfer in ctx.transfers():
        if _outside_eea(transfer.country) and transfer.safeguard is None:
            yield Hit(
                ("activities", index, "transfers", position),
                msg("ROPA502", activity=activity.id, destination=_Destination(transfer)),
                activity.id,
            )


def _adequacy(ctx: Context) -> Iterator[tuple[int, Activity, int, Transfer, str]]:
    """Every transfer outside the EEA that relies on adequacy, with its destination."""
    for index, activity, position, transfer in ctx.transfers():
        destination = transfer.destination
        if transfer.safeguard == "adequacy" and _outside_eea(destination):
            yield index, activity, position, transfer, destination


@rule(
    "ROPA503",
    "adequacy-not-available",
    Severity.ERROR,
    "45",
    "adequacy claimed for a destination without an adequacy decision",
    each_activity=True,
)
def adequacy_not_available(ctx: Context) -> Iterator[Hit]:
    """A transfer rests on adequacy, but the destination has no adequacy decision in the dated
    table (`ropa.countries.ADEQUACY_DECISIONS`) that had been adopted by the check date. The
    destination is a country or an international organisation (the European Patent
    Organisation has a decision since 15 July 2025; an `other` organisation has none). A
    destination whose decision has ended is ROPA508's."""
    for index, activity, position, transfer, destination in _adequacy(ctx):
        decisions = [d for d in adequacy_decisions(destination) if d.adopted <= ctx.as_of]
        if not decisions:
            yield Hit(
                ("activities", index, "transfers", position, "safeguard"),
                msg(
                    "ROPA503",
                    activity=activity.id,
                    destination=_Destination(transfer),
                    checked=ADEQUACY_CHECKED.isoformat(),
                ),
                activity.id,
            )


@rule(
    "ROPA507",
    "adequacy-scope-unevidenced",
    Severity.WARNING,
    "45, 30(1)(e)",
    "adequacy relied on for a partial decision without evidence of the recipient's scope",
    each_activity=True,
)
def adequacy_scope_unevidenced(ctx: Context) -> Iterator[Hit]:
    """A transfer rests on an adequacy decision that covers only some recipients (US: Data
    Privacy Framework certification; Canada: PIPEDA; Japan: APPI; Korea: PIPA without
    FSC-supervised credit data; Israel: automated processing), and the transfer gives no
    `reference` showing the recipient is within it."""
    for index, activity, position, transfer, destination in _adequacy(ctx):
        decision = adequacy_in_force(destination, ctx.as_of)
        if decision is None or decision.scope is None or (transfer.reference or "").strip():
            continue
        yield Hit(
            ("activities", index, "transfers", position),
            msg(
                "ROPA507",
                activity=activity.id,
                destination=_Destination(transfer),
                decision=decision,
                scope=Clause(decision.scope),
            ),
            activity.id,
        )


@rule(
    "ROPA508",
    "adequacy-expired",
    Severity.ERROR,
    "45(3), 45(5)",
    "the adequacy decision relied on has ended",
    each_activity=True,
)
def adequacy_expired(ctx: Context) -> Iterator[Hit]:
    """A transfer rests on adequacy and, on the check date, the destination's decision has
    expired or been declared invalid with no decision in force after it; or the transfer's
    `reference` cites a decision that has ended (Privacy Shield, Safe Harbour, the 2021 UK
    decision) though another now applies."""
    for index, activity, position, transfer, destination in _adequacy(ctx):
        current = adequacy_in_force(destination, ctx.as_of)
        ended = [
            d for d in adequacy_decisions(destination) if d.ends is not None and d.ends <= ctx.as_of
        ]
        path = ("activities", index, "transfers", position, "safeguard")
        if current is None and ended:
            last = ended[0]
            yield Hit(
                path,
                msg(
                    "ROPA508.ended",
                    activity=activity.id,
                    destination=_Destination(transfer),
                    decision=last,
                    ends=last.ends,
                ),
                activity.id,
            )
        elif current is not None:
            cited = next((d for d in ended if d.cited_by(transfer.reference)), None)
            if cited is not None:
                yield Hit(
                    ("activities", index, "transfers", position, "reference"),
                    msg(
                        "ROPA508.replaced",
                        activity=activity.id,
                        destination=_Destination(transfer),
                        cited=cited,
                        ends=cited.ends,
                        current=current,
                    ),
                    activity.id,
                )


@rule(
    "ROPA504",
    "transfer-undeclared",
    Severity.ERROR,
    "30(1)(e), 44",
    "a recipient outside the EEA without a declared transfer",
    each_activity=True,
)
def transfer_undeclared(ctx: Context) -> Iterator[Hit]:
    """A recipient of the activity sits in a country outside the EEA, and the activity
    declares no transfer to that country for that recipient (or for no named recipient).
    Reported at the activity's reference to the recipient, naming every such country."""
    outside = ctx.once("ROPA504", lambda: _outside_countries(ctx.recipients))
    if not outside:
        return
    for index, activity in ctx.indexed():
        for position, ref in enumerate(activity.recipients or ()):
            if ref in outside:
                missing = _undeclared(activity, ref, outside[ref])
                if missing:
                    named = ", ".join(missing)
                    yield Hit(
                        ("activities", index, "recipients", position),
                        msg("ROPA504", activity=activity.id, ref=ref, country=named),
                        activity.id,
                    )


def _outside_countries(recipients: Mapping[str, Recipient]) -> dict[str, list[str]]:
    """recipient id -> the countries outside the EEA it states, for those that state one."""
    return {
        recipient_id: countries
        for recipient_id, recipient in recipients.items()
        if (countries := [country for country in recipient.countries if _outside_eea(country)])
    }


def _undeclared(activity: Activity, recipient_id: str, countries: list[str]) -> list[str]:
    declared = {
        transfer.country
        for transfer in activity.transfers or ()
        if transfer.recipient is None or transfer.recipient == recipient_id
    }
    return [country for country in countries if country not in declared]


@rule(
    "ROPA505",
    "transfer-inside-eea",
    Severity.INFO,
    "44",
    "a transfer is declared to an EEA country",
    each_activity=True,
)
def transfer_inside_eea(ctx: Context) -> Iterator[Hit]:
    """A transfer is declared to a country inside the EEA, which is not a transfer under
    Chapter V and needs no safeguard."""
    for index, activity, position, transfer in ctx.transfers():
        if not _outside_eea(transfer.country):
            yield Hit(
                ("activities", index, "transfers", position, "country"),
                msg("ROPA505", activity=activity.id, country=transfer.country),
                activity.id,
            )


@rule(
    "ROPA506",
    "recipient-location-unknown",
    Severity.WARNING,
    "30(1)(e)",
    "a recipient's countries are not stated",
)
def recipient_location_unknown(ctx: Context) -> Iterator[Hit]:
    """A processor or controller (joint controllers included) recipient, used by an
    activity, states no countries, so its transfers cannot be assessed."""
    for index, recipient in _used_recipients(ctx):
        if recipient.kind in _LOCATED_KINDS and not recipient.countries:
            yield Hit(
                ("recipients", index),
                msg(f"ROPA506.{recipient.kind}", recipient=recipient.id),
            )


@rule(
    "ROPA509",
    "transfer-inconsistent",
    Severity.ERROR,
    "30(1)(e), 44",
    "a transfer names a recipient or country the activity's recipients do not have",
    each_activity=True,
)
def transfer_inconsistent(ctx: Context) -> Iterator[Hit]:
    """A transfer names a recipient that the activity does not list among its `recipients`,
    or a country outside the countries that recipient states. Not judged when the recipient
    is unknown (ROPA102) or states no countries (ROPA506)."""
    for index, activity, position, transfer in ctx.transfers():
        ref = transfer.recipient
        if ref is None or ref not in ctx.recipients:
            continue
        here = ("activities", index, "transfers", position)
        if activity.recipients is not None and ref not in activity.recipients:
            yield Hit(
                (*here, "recipient"),
                msg("ROPA509.recipient", activity=activity.id, ref=ref),
                activity.id,
            )
            continue
        countries = ctx.recipients[ref].countries
        # An international organisation is no country a recipient could state.
        if countries and transfer.country is not None and transfer.country not in countries:
            yield Hit(
                (*here, "country"),
                msg(
                    "ROPA509.country",
                    activity=activity.id,
                    country=transfer.country,
                    ref=ref,
                    countries=", ".join(countries),
                ),
                activity.id,
            )


@rule(
    "ROPA512",
    "joint-arrangement-missing",
    Severity.WARNING,
    "26(1)-(2)",
    "a joint controller has no Art. 26 arrangement",
)
def joint_arrangement_missing(ctx: Context) -> Iterator[Hit]:
    """A joint controller of the organisation (`organisation.joint_controllers`) states no
    `arrangement`, or a recipient of kind joint_controller used by an activity cites none
    (its `contract` holds the reference to the arrangement)."""
    for index, joint in enumerate(ctx.register.organisation.joint_controllers):
        if joint.arrangement is None:
            yield Hit(
                ("organisation", "joint_controllers", index),
                msg("ROPA512.arrangement", name=joint.name),
            )
    for index, recipient in _used_recipients(ctx):
        if recipient.kind == "joint_controller" and not (recipient.contract or "").strip():
            yield Hit(
                ("recipients", index),
                msg("ROPA512.contract", recipient=recipient.id),
            )


@rule(
    "ROPA513",
    "recipient-role-unclear",
    Severity.INFO,
    "4(9)-(10), 28, 30(1)(d)",
    "a recipient of kind other or group_company says nothing of its role",
)
def recipient_role_unclear(ctx: Context) -> Iterator[Hit]:
    """A recipient of kind `other` or `group_company`, used by an activity, has no
    `description`: nothing says whether it is a processor, a controller or a joint controller,
    which decides whether Art. 26 or 28 applies."""
    for index, recipient in _used_recipients(ctx):
        if recipient.kind in {"other", "group_company"} and recipient.description is None:
            yield Hit(
                ("recipients", index),
                msg(f"ROPA513.{recipient.kind}", recipient=recipient.id),
            )


@rule(
    "ROPA510",
    "derogation-unspecified",
    Severity.WARNING,
    "49(1), 49(6)",
    "a transfer on a derogation names no Art. 49(1) point",
    each_activity=True,
)
def derogation_unspecified(ctx: Context) -> Iterator[Hit]:
    """A transfer outside the EEA whose safeguard is `derogation` does not say which point of
    Art. 49(1), a to g, it relies on (`derogation`)."""
    for index, activity, position, transfer in ctx.transfers():
        if transfer.safeguard != "derogation" or transfer.derogation is not None:
            continue
        if _outside_eea(transfer.country):
            yield Hit(
                ("activities", index, "transfers", position, "safeguard"),
                msg("ROPA510", activity=activity.id, destination=_Destination(transfer)),
                activity.id,
            )


_ASSESSED_SAFEGUARDS = frozenset({"scc", "bcr", "code_of_conduct", "certification"})
"""The Art. 46(2) tools whose use needs an assessment of the destination's law and practice
(Case C-311/18; EDPB Recommendations 01/2020)."""


@rule(
    "ROPA511",
    "transfer-assessment-missing",
    Severity.INFO,
    "46(1); C-311/18; EDPB Recommendations 01/2020",
    "a transfer on an Art. 46 tool cites no transfer impact assessment",
    each_activity=True,
)
def transfer_assessment_missing(ctx: Context) -> Iterator[Hit]:
    """A transfer outside the EEA on standard contractual clauses, binding corporate rules, a
    code of conduct or a certification cites no transfer impact assessment (`assessment`)."""
    for index, activity, position, transfer in ctx.transfers():
        if transfer.safeguard not in _ASSESSED_SAFEGUARDS or (transfer.assessment or "").strip():
            continue
        if _outside_eea(transfer.country):
            yield Hit(
                ("activities", index, "transfers", position),
                msg(
                    "ROPA511",
                    activity=activity.id,
                    destination=_Destination(transfer),
                    safeguard=Clause(SAFEGUARDS[transfer.safeguard]),
                ),
                activity.id,
            )
