"""Rules on recipients and transfers outside the EEA: Art. 28 contracts, where recipients
sit, and a Chapter V safeguard for every transfer (ROPA501-506).

ROPA501 and ROPA506 judge the recipient entry in the catalogue, once, whichever activities
share it: their findings carry no activity (a register-level waiver accepts them), and a
recipient no activity uses is left to ROPA103. The transfer rules judge each activity's
transfers, where the safeguard is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.countries import ADEQUACY_COUNTRIES, EEA_COUNTRIES
from ropa.findings import Severity
from ropa.model import Activity, Recipient
from ropa.rules import Context, Hit, rule

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
                f"processor '{recipient.id}' cites no Art. 28 contract (contract)",
            )


def _outside_eea(country: str) -> bool:
    return country not in EEA_COUNTRIES


@rule(
    "ROPA502",
    "transfer-safeguard-missing",
    Severity.ERROR,
    "44, 46",
    "a transfer outside the EEA has no safeguard",
)
def transfer_safeguard_missing(ctx: Context) -> Iterator[Hit]:
    """A transfer to a country outside the EEA names no Chapter V safeguard."""
    for index, activity, position, transfer in ctx.transfers():
        if _outside_eea(transfer.country) and transfer.safeguard is None:
            yield Hit(
                ("activities", index, "transfers", position),
                f"activity '{activity.id}': the transfer to {transfer.country} names no "
                "safeguard (safeguard)",
                activity.id,
            )


@rule(
    "ROPA503",
    "adequacy-not-available",
    Severity.ERROR,
    "45",
    "adequacy claimed for a country without an adequacy decision",
)
def adequacy_not_available(ctx: Context) -> Iterator[Hit]:
    """A transfer outside the EEA rests on adequacy, but the country has no EU adequacy
    decision (see `ropa.countries.ADEQUACY_COUNTRIES`)."""
    for index, activity, position, transfer in ctx.transfers():
        country = transfer.country
        if (
            transfer.safeguard == "adequacy"
            and _outside_eea(country)
            and country not in ADEQUACY_COUNTRIES
        ):
            yield Hit(
                ("activities", index, "transfers", position, "safeguard"),
                f"activity '{activity.id}': the transfer to {country} claims adequacy, but "
                f"there is no EU adequacy decision for {country} (safeguard)",
                activity.id,
            )


@rule(
    "ROPA504",
    "transfer-undeclared",
    Severity.ERROR,
    "30(1)(e), 44",
    "a recipient outside the EEA without a declared transfer",
)
def transfer_undeclared(ctx: Context) -> Iterator[Hit]:
    """A recipient of the activity sits in a country outside the EEA, and the activity
    declares no transfer to that country for that recipient (or for no named recipient).
    Reported at the activity's reference to the recipient, naming every such country."""
    outside = {
        recipient_id: countries
        for recipient_id, recipient in ctx.recipients.items()
        if (countries := [country for country in recipient.countries if _outside_eea(country)])
    }
    if not outside:
        return
    for index, activity in enumerate(ctx.activities):
        for position, ref in enumerate(activity.recipients or ()):
            if ref in outside:
                missing = _undeclared(activity, ref, outside[ref])
                if missing:
                    named = ", ".join(missing)
                    yield Hit(
                        ("activities", index, "recipients", position),
                        f"activity '{activity.id}': recipient '{ref}' is in {named}, "
                        f"outside the EEA, and no transfer to {named} is declared "
                        "(transfers)",
                        activity.id,
                    )


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
)
def transfer_inside_eea(ctx: Context) -> Iterator[Hit]:
    """A transfer is declared to a country inside the EEA, which is not a transfer under
    Chapter V and needs no safeguard."""
    for index, activity, position, transfer in ctx.transfers():
        if not _outside_eea(transfer.country):
            yield Hit(
                ("activities", index, "transfers", position, "country"),
                f"activity '{activity.id}': {transfer.country} is in the EEA, so sending "
                "data there is not a transfer under Chapter V (transfers)",
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
                f"{recipient.kind.replace('_', ' ')} '{recipient.id}' states no countries "
                "where it holds or accesses the data (countries)",
            )
