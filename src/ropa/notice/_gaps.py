"""What a privacy notice needs (GDPR Art. 13 and 14) and the register does not say.

`ropa notice --draft` lists these at the end of the notice, so that the company sees what its
register lacks. Each gap has a key into `_phrases.Phrases.draft` and the names of the purposes
or rules it concerns. "Not stated" follows the register format: null, an empty list or a
missing field, except that `recipients: []` and `transfers: []` mean "none" and are no gap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ropa.countries import country_name
from ropa.model import (
    Activity,
    ConsentBasis,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    PublicTaskBasis,
)
from ropa.notice._view import RegisterView
from ropa.text import marked
from ropa.vocab import SOURCES

# Data not obtained from the person (Art. 14), where the notice must also name the source.
INDIRECT_SOURCES = frozenset(code for code, term in SOURCES.items() if term.article == "14")


@dataclass(frozen=True)
class Gap:
    """One thing the notice cannot say, and what it concerns."""

    key: str
    details: tuple[str, ...] = ()
    every_purpose: bool = False
    """The gap concerns every purpose (then `details` is empty rather than all of them)."""


def find_gaps(view: RegisterView, *, authority_known: bool) -> list[Gap]:
    """Every gap, in the order the notice's sections come."""
    found = [*_controller_gaps(view), *_activity_gaps(view)]
    # Art. 13(2)(e) concerns data obtained from the person (Art. 13), not from others.
    found.extend(
        _each(view, "requirement", lambda a: a.requirement is None and _from_the_person(a))
    )
    if not authority_known:
        found.append(Gap("authority"))
    # Register text the notice shows in another language than its own (marked `[lv] ...`):
    # the notice is to be intelligible to its readers (Art. 12(1)).
    if view.marked:
        found.append(Gap("other_language", tuple(marked(t, lang) for lang, t in view.marked)))
    return found


def _controller_gaps(view: RegisterView) -> list[Gap]:
    organisation = view.register.organisation
    found = []
    if not organisation.name:
        found.append(Gap("organisation_name"))
    if not view.text(organisation.address):
        found.append(Gap("organisation_address"))
    contact = organisation.contact
    if contact is None or not (contact.url or contact.email or contact.phone):
        found.append(Gap("contact"))
    if organisation.dpo is None:
        found.append(Gap("dpo"))
    return found


def _activity_gaps(view: RegisterView) -> list[Gap]:
    """Gaps found activity by activity, each listing the purposes it concerns."""
    return [
        *_each(view, "no_categories", lambda a: not a.data_categories),
        *_each(view, "no_sources", lambda a: not a.sources),
        *_each(
            view,
            "source_named",
            lambda a: bool(INDIRECT_SOURCES & set(a.sources)) and a.source_details is None,
        ),
        *_each(view, "no_bases", lambda a: not a.legal_bases),
        *_each(
            view,
            "no_interest",
            lambda a: any(
                isinstance(b, LegitimateInterestsBasis) and b.interest is None
                for b in a.legal_bases
            ),
        ),
        *_each(
            view,
            "no_law",
            lambda a: any(
                isinstance(b, (LegalObligationBasis, PublicTaskBasis)) and b.law is None
                for b in a.legal_bases
            ),
        ),
        *_each(
            view,
            "no_withdrawal",
            lambda a: any(
                isinstance(b, ConsentBasis) and b.withdrawal is None for b in a.legal_bases
            ),
        ),
        *_each(
            view, "no_condition", lambda a: not a.special_conditions() and _has_special(view, a)
        ),
        *_each(view, "no_retention", lambda a: view.retention(a) is None),
        *_retention_without_period(view),
        *_each(view, "no_recipients", lambda a: a.recipients is None),
        *_each(view, "transfers_not_stated", lambda a: a.transfers is None),
        *_transfers_without_safeguard(view),
        *_each(view, "automated_not_stated", lambda a: a.automated_decisions is None),
        *_each(view, "automated_logic", lambda a: a.automated_decisions is True),
    ]


def _from_the_person(activity: Activity) -> bool:
    return not activity.sources or not set(activity.sources) <= INDIRECT_SOURCES


def _each(view: RegisterView, key: str, lacks: Callable[[Activity], bool]) -> list[Gap]:
    """One gap naming every purpose that `lacks` the item, or none."""
    concerned = tuple(view.name(activity) for activity in view.activities if lacks(activity))
    if not concerned:
        return []
    if len(concerned) > 1 and len(concerned) == len(view.activities):
        return [Gap(key, every_purpose=True)]
    return [Gap(key, concerned)]


def _has_special(view: RegisterView, activity: Activity) -> bool:
    for category_id in activity.data_categories:
        category = view.category(category_id)
        if category is not None and category.special is not None:
            return True
    return False


def _retention_without_period(view: RegisterView) -> list[Gap]:
    rules = tuple(view.text(rule.name) for rule in view.used_retention_rules() if not rule.period)
    return [Gap("no_period", rules)] if rules else []


def _transfers_without_safeguard(view: RegisterView) -> list[Gap]:
    details = tuple(
        f"{view.name(activity)}: {country_name(transfer.destination, view.lang)}"
        for activity in view.activities
        for transfer in activity.transfers or ()
        if transfer.safeguard is None
    )
    return [Gap("no_safeguard", details)] if details else []
