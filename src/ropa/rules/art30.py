"""Rules on what Art. 30(1) requires a record to hold: the controller and its contact, and for
each activity its purpose, subjects, data, recipients, retention and security (ROPA201-208);
and on the contacts and dates around it: the DPO (ROPA209-210), what the person is told
(ROPA211), a postal-only contact (ROPA212), dates in the future (ROPA213)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ropa.countries import EEA_COUNTRIES
from ropa.findings import Severity
from ropa.model import Contact, Dpia
from ropa.rules import Context, Hit, rule
from ropa.text.messages import Listing, Message, msg
from ropa.vocab import SOURCES


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
    "the organisation has no name or no contact route",
)
def controller_contact_missing(ctx: Context) -> Iterator[Hit]:
    """The organisation has no name, or no contact route at all: none of url, email, phone or
    a postal address (`organisation.address`). A postal address alone is ROPA212's."""
    organisation = ctx.register.organisation
    if _blank(organisation.name):
        yield Hit(("organisation",), msg("ROPA201.name"))
    if not _reachable(organisation.contact) and organisation.address is None:
        where = ("organisation", "contact") if organisation.contact else ("organisation",)
        yield Hit(where, msg("ROPA201.contact"))


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
            msg("ROPA202", country=country),
        )


@rule(
    "ROPA203",
    "purpose-missing",
    Severity.ERROR,
    "30(1)(b)",
    "an activity has no purpose",
    controller_only=True,
    each_activity=True,
)
def purpose_missing(ctx: Context) -> Iterator[Hit]:
    """An activity has neither a purpose kind nor a description saying what it is for."""
    for index, activity in ctx.indexed():
        if activity.purpose is None and activity.description is None:
            yield Hit(
                ("activities", index),
                msg("ROPA203", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA204",
    "subjects-missing",
    Severity.ERROR,
    "30(1)(c)",
    "an activity names no data subjects",
    each_activity=True,
)
def subjects_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no category of data subjects."""
    for index, activity in ctx.indexed():
        if not activity.data_subjects:
            yield Hit(
                ("activities", index),
                msg("ROPA204", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA205",
    "data-categories-missing",
    Severity.ERROR,
    "30(1)(c)",
    "an activity names no personal data",
    each_activity=True,
)
def data_categories_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no category of personal data."""
    for index, activity in ctx.indexed():
        if not activity.data_categories:
            yield Hit(
                ("activities", index),
                msg("ROPA205", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA206",
    "recipients-unstated",
    Severity.WARNING,
    "30(1)(d)",
    "an activity does not say who receives the data",
    each_activity=True,
)
def recipients_unstated(ctx: Context) -> Iterator[Hit]:
    """An activity leaves `recipients` out; an explicit empty list says there are none and
    is accepted."""
    for index, activity in ctx.indexed():
        if activity.recipients is None:
            yield Hit(
                ("activities", index),
                msg("ROPA206", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA207",
    "retention-missing",
    Severity.WARNING,
    "30(1)(f), 5(1)(e)",
    "an activity names no retention rule",
    controller_only=True,
    each_activity=True,
)
def retention_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no retention rule, so the record gives no time limit for erasure."""
    for index, activity in ctx.indexed():
        if activity.retention is None:
            yield Hit(
                ("activities", index),
                msg("ROPA207", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA208",
    "security-missing",
    Severity.WARNING,
    "30(1)(g), 32",
    "an activity names no security measure",
    each_activity=True,
)
def security_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no technical or organisational security measure."""
    for index, activity in ctx.indexed():
        if not activity.security_measures:
            yield Hit(
                ("activities", index),
                msg("ROPA208", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA209",
    "dpo-contact-missing",
    Severity.ERROR,
    "37(7), 13(1)(b)",
    "a DPO is named without any contact",
)
def dpo_contact_missing(ctx: Context) -> Iterator[Hit]:
    """The organisation names a data protection officer but gives no url, email or phone to
    reach them; the controller must publish the DPO's contact details (Art. 37(7))."""
    dpo = ctx.register.organisation.dpo
    if dpo is not None and not _reachable(dpo.contact):
        yield Hit(
            ("organisation", "dpo"),
            msg("ROPA209", name=dpo.name),
        )


@rule(
    "ROPA210",
    "dpo-likely-required",
    Severity.WARNING,
    "37(1)",
    "no DPO where Art. 37(1) likely requires one",
)
def dpo_likely_required(ctx: Context) -> Iterator[Hit]:
    """No data protection officer is named, and the organisation is a public body (37(1)(a)),
    or an activity is on a large scale and either monitors people regularly and
    systematically (profiling, or data observed from their behaviour or read from their
    device: 37(1)(b)) or processes special-category or criminal-offence data (37(1)(c)).
    Reported once, naming the reasons."""
    organisation = ctx.register.organisation
    if organisation.dpo is not None:
        return
    reasons = []
    if organisation.public_body is True:
        reasons.append(msg("dpo.public_body"))
    special = ctx.category_ids(lambda c: c.special is not None)
    monitoring, sensitive = [], []
    for activity in ctx.activities:
        if activity.large_scale is not True:
            continue
        sources = set(activity.sources)
        if activity.profiling is True or sources & _MONITORING_SOURCES:
            monitoring.append(activity.id)
        if not special.isdisjoint(activity.data_categories):
            sensitive.append(activity.id)
    if monitoring:
        reasons.append(_named("dpo.monitoring", monitoring))
    if sensitive:
        reasons.append(_named("dpo.sensitive", sensitive))
    if reasons:
        yield Hit(("organisation",), msg("ROPA210", reasons=Listing(tuple(reasons), clauses=True)))


# Sources that mean people are watched rather than asked: observation and device access.
_MONITORING_SOURCES = frozenset({"observed", "device"})


def _named(reason: str, ids: list[str]) -> Message:
    """The reason `reason` about one activity (`reason.one`) or several (`reason.many`)."""
    quoted = [f"'{name}'" for name in ids]
    return msg(f"{reason}.one" if len(ids) == 1 else f"{reason}.many", activities=quoted)


# Sources of data collected from the person (Art. 13): what they give, what is observed of
# their use of a service, what is read from their device (WP260 rev.01, para. 26).
_FROM_THE_PERSON = frozenset(code for code, term in SOURCES.items() if term.article == "13")


@rule(
    "ROPA211",
    "requirement-unstated",
    Severity.INFO,
    "13(2)(e)",
    "data collected from the person, and nothing said of whether providing them is required",
    controller_only=True,
    each_activity=True,
)
def requirement_unstated(ctx: Context) -> Iterator[Hit]:
    """An activity collects data from the person (a source `data_subject`, `observed` or
    `device`) and has no `requirement`: the notice cannot say whether providing the data is a
    statutory or contractual requirement or needed to enter a contract, whether the person
    must provide them, and what follows if they do not (Art. 13(2)(e)). An activity whose data
    all come from others (`third_party`, `public`: Art. 14) or whose sources are not stated
    is not judged."""
    for index, activity in ctx.indexed():
        if activity.requirement is None and not _FROM_THE_PERSON.isdisjoint(activity.sources):
            yield Hit(("activities", index), msg("ROPA211", activity=activity.id), activity.id)


@rule(
    "ROPA212",
    "contact-postal-only",
    Severity.WARNING,
    "12(2), 30(1)(a)",
    "the organisation can be reached only by post",
)
def contact_postal_only(ctx: Context) -> Iterator[Hit]:
    """The organisation gives a postal address but no url, email or phone: people can exercise
    their rights only by letter, which hardly facilitates it (Art. 12(2))."""
    organisation = ctx.register.organisation
    if organisation.address is not None and not _reachable(organisation.contact):
        where = ("organisation", "contact") if organisation.contact else ("organisation",)
        yield Hit(
            where,
            msg("ROPA212"),
        )


@rule(
    "ROPA213",
    "date-in-future",
    Severity.WARNING,
    "5(2)",
    "a review, assessment or acceptance date lies after the check date",
)
def date_in_future(ctx: Context) -> Iterator[Hit]:
    """A date that records something done (the register's or an activity's review, a DPIA, an
    assessment, a waiver's acceptance) lies after the check date: a typo, or a record of
    something that has not happened yet."""
    as_of = ctx.as_of.isoformat()
    for path, day, what, activity in _done_dates(ctx):
        if day > ctx.as_of:
            said = {"activity": activity} if activity is not None else {}
            yield Hit(path, msg(what, **said, date=day.isoformat(), as_of=as_of), activity)


_DatePlace = tuple[tuple[str | int, ...], date, str, str | None]


def _done_dates(ctx: Context) -> Iterator[_DatePlace]:
    """(path, date, the message id that names it, activity id) of every date in the
    register that records something already done."""
    register = ctx.register
    if register.register.reviewed is not None:
        yield (
            ("register", "reviewed"),
            register.register.reviewed,
            "ROPA213.register",
            None,
        )
    for index, activity in ctx.indexed():
        if activity.reviewed is not None:
            yield (
                ("activities", index, "reviewed"),
                activity.reviewed,
                "ROPA213.reviewed",
                activity.id,
            )
        dpia = activity.dpia
        if isinstance(dpia, Dpia) and dpia.date is not None:  # a catalogue DPIA: by its id
            yield (
                ("activities", index, "dpia", "date"),
                dpia.date,
                "ROPA213.dpia",
                activity.id,
            )
