"""Rules on the processor's record, Art. 30(2): the controllers it acts for, their contact and
contract, the categories of processing, and the sub-processors the controllers authorised
(ROPA701-705).

They judge the activities of role processor (an activity's `role`, else `register.kind`) and
the `controllers` catalogue. ROPA702 and ROPA703 judge each catalogue entry once, whichever
activities name it: their findings carry no activity (a register-level waiver accepts them).
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.findings import Severity
from ropa.model import Contact
from ropa.rules import Context, Hit, rule
from ropa.text.messages import msg


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def _reachable(contact: Contact | None) -> bool:
    return contact is not None and not (
        _blank(contact.url) and _blank(contact.email) and _blank(contact.phone)
    )


@rule(
    "ROPA701",
    "processor-controller-missing",
    Severity.ERROR,
    "30(2)(a)",
    "a processor activity names no controller",
)
def processor_controller_missing(ctx: Context) -> Iterator[Hit]:
    """A processor activity names no controller it acts for (`on_behalf_of`); or, in a
    register of kind processor whose activities all name one, the `controllers` catalogue is
    empty, so the record names no controller at all."""
    found = False
    for index in sorted(ctx.processor_indexes):
        activity = ctx.activities[index]
        if not activity.on_behalf_of:
            found = True
            yield Hit(
                ("activities", index),
                msg("ROPA701.activity", activity=activity.id),
                activity.id,
            )
    register = ctx.register
    if not found and register.register.kind == "processor" and not register.controllers:
        yield Hit(
            ("register", "kind"),
            msg("ROPA701.register"),
        )


@rule(
    "ROPA702",
    "controller-entry-contact-missing",
    Severity.ERROR,
    "30(2)(a)",
    "a controller the processor acts for has no contact",
)
def controller_entry_contact_missing(ctx: Context) -> Iterator[Hit]:
    """An entry of `controllers` gives no contact route: none of url, email or phone."""
    for index, controller in enumerate(ctx.register.controllers):
        if not _reachable(controller.contact):
            where = ("controllers", index) + (("contact",) if controller.contact else ())
            yield Hit(
                where,
                msg("ROPA702", controller=controller.id),
            )


@rule(
    "ROPA703",
    "controller-contract-missing",
    Severity.WARNING,
    "28(3), 28(9)",
    "a controller the processor acts for cites no Art. 28(3) contract",
)
def controller_contract_missing(ctx: Context) -> Iterator[Hit]:
    """An entry of `controllers` cites no Art. 28(3) contract (or other legal act) that binds
    the processor to that controller."""
    for index, controller in enumerate(ctx.register.controllers):
        if _blank(controller.contract):
            yield Hit(
                ("controllers", index),
                msg("ROPA703", controller=controller.id),
            )


@rule(
    "ROPA704",
    "sub-processor-unauthorised",
    Severity.WARNING,
    "28(2), 28(4)",
    "a processor activity uses a sub-processor with no recorded authorisation",
)
def sub_processor_unauthorised(ctx: Context) -> Iterator[Hit]:
    """A processor activity passes data to a recipient of kind processor (a sub-processor)
    that records no `authorisation` of the controller, specific or general. Reported at the
    activity's reference to the recipient."""
    unauthorised = frozenset(
        key
        for key, recipient in ctx.recipients.items()
        if recipient.kind == "processor" and recipient.authorisation is None
    )
    if not unauthorised:
        return
    for index in sorted(ctx.processor_indexes):
        activity = ctx.activities[index]
        for position, ref in enumerate(activity.recipients or ()):
            if ref in unauthorised:
                yield Hit(
                    ("activities", index, "recipients", position),
                    msg("ROPA704", activity=activity.id, ref=ref),
                    activity.id,
                )


@rule(
    "ROPA705",
    "processor-category-missing",
    Severity.ERROR,
    "30(2)(b)",
    "a processor activity describes no category of processing",
)
def processor_category_missing(ctx: Context) -> Iterator[Hit]:
    """A processor activity has no `description`: the record does not say which category of
    processing is carried out on the controller's behalf."""
    for index in sorted(ctx.processor_indexes):
        activity = ctx.activities[index]
        if activity.description is None:
            yield Hit(
                ("activities", index),
                msg("ROPA705", activity=activity.id),
                activity.id,
            )
