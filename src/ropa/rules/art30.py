"""Rules on what Art. 30(1) requires a record to hold: the controller and its contact, and for
each activity its purpose, subjects, data, recipients, retention and security (ROPA201-208)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa.countries import EEA_COUNTRIES
from ropa.findings import Severity
from ropa.model import Contact
from ropa.rules import Context, Hit, rule


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def _reachable(contact: Contact | None) -> bool:
    return contact is not None and not (
        _blank(contact.url) and _blank(contact.email) and _blank(contact.phone)
    )


@rule(
    "ROPA201",
    "controller-contact-missing",
    Severity.ERROR,
    "30(1)(a)",
    "the organisation has no name or no contact",
)
def controller_contact_missing(ctx: Context) -> Iterator[Hit]:
    """The organisation has no name, or no contact route: none of url, email or phone."""
    organisation = ctx.register.organisation
    if _blank(organisation.name):
        yield Hit(("organisation",), "the organisation has no name")
    if not _reachable(organisation.contact):
        where = ("organisation", "contact") if organisation.contact else ("organisation",)
        yield Hit(where, "the organisation's contact gives no url, email or phone")


@rule(
    "ROPA202",
    "representative-missing",
    Severity.ERROR,
    "27, 30(1)(a)",
    "an organisation outside the EEA names no representative",
)
def representative_missing(ctx: Context) -> Iterator[Hit]:
    """The organisation is established outside the EEA and names no Art. 27 representative.
    An organisation whose country is not stated is not judged."""
    organisation = ctx.register.organisation
    country = organisation.country
    if country is not None and country not in EEA_COUNTRIES and organisation.representative is None:
        yield Hit(
            ("organisation",),
            f"the organisation is established in {country}, outside the EEA, and names no "
            "representative in the Union",
        )


@rule(
    "ROPA203",
    "purpose-missing",
    Severity.ERROR,
    "30(1)(b)",
    "an activity has no purpose",
    controller_only=True,
)
def purpose_missing(ctx: Context) -> Iterator[Hit]:
    """An activity has neither a purpose kind nor a description saying what it is for."""
    for index, activity in enumerate(ctx.activities):
        if activity.purpose is None and activity.description is None:
            yield Hit(
                ("activities", index),
                f"activity '{activity.id}' states no purpose (purpose or description)",
                activity.id,
            )


@rule(
    "ROPA204",
    "subjects-missing",
    Severity.ERROR,
    "30(1)(c)",
    "an activity names no data subjects",
)
def subjects_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no category of data subjects."""
    for index, activity in enumerate(ctx.activities):
        if not activity.data_subjects:
            yield Hit(
                ("activities", index),
                f"activity '{activity.id}' names no category of data subjects (data_subjects)",
                activity.id,
            )


@rule(
    "ROPA205",
    "data-categories-missing",
    Severity.ERROR,
    "30(1)(c)",
    "an activity names no personal data",
)
def data_categories_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no category of personal data."""
    for index, activity in enumerate(ctx.activities):
        if not activity.data_categories:
            yield Hit(
                ("activities", index),
                f"activity '{activity.id}' names no category of personal data (data_categories)",
                activity.id,
            )


@rule(
    "ROPA206",
    "recipients-unstated",
    Severity.WARNING,
    "30(1)(d)",
    "an activity does not say who receives the data",
)
def recipients_unstated(ctx: Context) -> Iterator[Hit]:
    """An activity leaves `recipients` out; an explicit empty list says there are none and
    is accepted."""
    for index, activity in enumerate(ctx.activities):
        if activity.recipients is None:
            yield Hit(
                ("activities", index),
                f"activity '{activity.id}' does not state its recipients (recipients; write "
                "[] if there are none)",
                activity.id,
            )


@rule(
    "ROPA207",
    "retention-missing",
    Severity.WARNING,
    "30(1)(f), 5(1)(e)",
    "an activity names no retention rule",
    controller_only=True,
)
def retention_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no retention rule, so the record gives no time limit for erasure."""
    for index, activity in enumerate(ctx.activities):
        if activity.retention is None:
            yield Hit(
                ("activities", index),
                f"activity '{activity.id}' names no retention rule (retention)",
                activity.id,
            )


@rule(
    "ROPA208",
    "security-missing",
    Severity.WARNING,
    "30(1)(g), 32",
    "an activity names no security measure",
)
def security_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no technical or organisational security measure."""
    for index, activity in enumerate(ctx.activities):
        if not activity.security_measures:
            yield Hit(
                ("activities", index),
                f"activity '{activity.id}' names no security measure (security_measures)",
                activity.id,
            )
