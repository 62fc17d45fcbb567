"""The sentences of a privacy notice, in the reader's language, from the message catalogues.

Each language is written as a reader of that language expects a privacy notice to read, not
translated phrase by phrase: the Latvian follows the wording of Latvian notices (polite
"Jūs", "juridiskais pamats", "leģitīmās intereses", „…” quotation marks), the English that of
British and Irish ones. Where a sentence takes register text, it takes it where the grammar
stays right whatever the text is: after a colon, in a list, or in parentheses.

The phrases are the catalogue entries `notice.<field>` and, for a map or a tuple of phrases,
`notice.<field>.<key>` (docs/translating.md); `Phrases` names them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from pathlib import Path

from ropa.text import messages
from ropa.text.grammar import cite
from ropa.text.messages import languages, message


@dataclass(frozen=True)
class DraftPhrase:
    """One kind of gap the `--draft` section lists, with the GDPR article that asks for it."""

    text: str
    article: str
    """As in ``vocab``: ``"13(1)(a)"``, ``"9(2)"``, ``"37"``."""


@dataclass(frozen=True)
class Phrases:
    """Every sentence and label of the notice in one language."""

    title: str
    updated: str
    intro: tuple[str, ...]
    complete: str
    """Said after the intro only when the `--draft` list would be empty: that the notice gives
    what Art. 13 and 14 require."""

    # Section titles.
    controller_title: str
    categories_title: str
    sources_title: str
    purposes_title: str
    recipients_title: str
    transfers_title: str
    retention_title: str
    automated_title: str
    rights_title: str
    complaint_title: str
    draft_title: str

    # Who we are.
    controller: str
    registration_number: str
    address: str
    email: str
    phone: str
    website: str
    dpo: str
    representative: str
    joint_controllers: str
    arrangement: str

    # Data, sources, purposes.
    categories_lead: str
    for_example: str
    special_category: str
    sources_lead: str
    sources: Mapping[str, str]
    purposes_lead: str
    whose_data: str
    personal_data: str
    legal_basis: tuple[str, str]
    """Singular and plural label."""
    special_condition: str
    retention: str
    requirement: str
    """Label of the Art. 13(2)(e) statement."""
    obliged: tuple[str, str]
    """"You must provide them" and "you need not provide them"."""
    if_not: str
    """What follows if the person does not provide the data: {consequences}."""
    source_details: str
    """Label of the sources in words (Art. 14(2)(f))."""
    bases: Mapping[str, str]
    interest: str
    law: str
    covers: str

    # Recipients and transfers.
    recipients_lead: str
    only_for: str
    no_recipients: str
    transfers_lead: str
    transfers_none: str
    transfer_recipient: str
    transfers_copy: str

    # Retention, automated decisions.
    retention_lead: str
    automated_none: str
    automated_some: str
    profiling: str

    # Rights and complaints.
    rights_lead: str
    rights: Mapping[str, str]
    erasure_limited: str
    """Takes {limits}: the `erasure_limits` of the purposes concerned, joined."""
    erasure_limits: Mapping[str, str]
    """Art. 17(3) point -> what the data may be kept for, as it continues "necessary ..."."""
    objection_bases: Mapping[str, str]
    direct_marketing: str
    direct_marketing_label: str
    research: str
    research_label: str
    rights_closing: str
    complaint: str
    authority: str
    postal_address: str
    complaint_elsewhere: str
    complaint_generic: str

    # The --draft section.
    draft_intro: str
    draft_nothing: str
    draft_left_out: str
    every_purpose: str
    draft: Mapping[str, DraftPhrase]

    # Small words.
    or_: str
    months: tuple[str, ...]


_KEYS: dict[str, tuple[str, ...]] = {
    # Tuples of phrases, by position.
    "intro": ("1",),
    "legal_basis": ("one", "many"),
    "obliged": ("must", "need_not"),
    "months": tuple(f"{n:02}" for n in range(1, 13)),
    # Maps of phrases, in the order the notice gives them.
    "sources": ("data_subject", "observed", "third_party", "public", "device"),
    "bases": (
        "consent", "contract", "legal_obligation", "vital_interests", "public_task",
        "legitimate_interests",
    ),
    "rights": (
        "access", "rectification", "erasure", "restriction", "notification", "portability",
        "objection", "automated_decision", "withdraw_consent",
    ),
    "erasure_limits": ("17(3)(b)", "17(3)(c)", "17(3)(d)", "17(3)(e)"),
    "objection_bases": ("legitimate_interests", "public_task"),
}  # fmt: skip
"""The entries of each tuple or map of phrases: `notice.<field>.<key>` in the catalogues."""

DRAFT_ARTICLES: Mapping[str, str] = {
    "organisation_name": "13(1)(a)",
    "organisation_address": "13(1)(a)",
    "contact": "13(1)(a)",
    "dpo": "13(1)(b)",
    "no_bases": "13(1)(c)",
    "no_interest": "13(1)(d)",
    "no_law": "13(1)(c)",
    "no_withdrawal": "13(2)(c)",
    "no_condition": "9(2)",
    "no_categories": "14(1)(d)",
    "no_recipients": "13(1)(e)",
    "transfers_not_stated": "13(1)(f)",
    "no_safeguard": "13(1)(f)",
    "no_retention": "13(2)(a)",
    "no_period": "13(2)(a)",
    "automated_not_stated": "13(2)(f)",
    "automated_logic": "13(2)(f)",
    "no_sources": "14(2)(f)",
    "source_named": "14(2)(f)",
    "requirement": "13(2)(e)",
    "authority": "13(2)(d)",
    "other_language": "12(1)",
}
"""Each gap the `--draft` section can list (`notice.draft.<key>`), with the article asking
for it."""

_TUPLES = frozenset({"intro", "legal_basis", "obliged", "months"})


@cache
def _phrases(lang: str, dirs: tuple[Path, ...]) -> Phrases:
    def say(msgid: str) -> str:
        return message(f"notice.{msgid}", lang)

    values: dict[str, object] = {}
    for spec in fields(Phrases):
        name = spec.name.rstrip("_")  # or_
        keys = _KEYS.get(name, ())
        if name == "draft":
            values[spec.name] = {key: DraftPhrase(say(f"draft.{key}"), article)
                                 for key, article in DRAFT_ARTICLES.items()}  # fmt: skip
        elif name in _TUPLES:
            values[spec.name] = tuple(say(f"{name}.{key}") for key in keys)
        elif keys:
            values[spec.name] = {key: say(f"{name}.{key}") for key in keys}
        else:
            values[spec.name] = say(name)
    return Phrases(**values)  # type: ignore[arg-type]


def phrases(lang: str) -> Phrases:
    """The phrases of `lang`, from its message catalogue (`notice.<field>`,
    `notice.<field>.<key>`); a phrase the catalogue lacks is given in English."""
    return _phrases(lang, tuple(messages.LOCALE_DIRS))


class _Phrasebook(Mapping[str, Phrases]):
    """The phrases of every language that has a catalogue."""

    def __getitem__(self, lang: str) -> Phrases:
        if lang not in languages():
            raise KeyError(lang)
        return phrases(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())


PHRASES: Mapping[str, Phrases] = _Phrasebook()

_ARTICLE = re.compile(r"(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?")


def article(reference: str, lang: str) -> str:
    """A GDPR article as a reader of `lang` cites it: "VDAR 13. panta 1. punkta a) apakšpunkts"."""
    # The citation itself is ropa.text.grammar's; the notice names the regulation beside it.
    if lang != "lv" or _ARTICLE.fullmatch(reference) is None:
        return f"{cite(reference, 'en')} GDPR"
    return f"VDAR {cite(reference, lang)}"


def long_date(day: date, lang: str) -> str:
    """A date in words: "2026. gada 24. novembrī" (when something happened) / "24 November 2026"."""
    month = phrases(lang).months[day.month - 1]
    return message("notice.date", lang, year=day.year, month=month, day=day.day)


def join_or(items: Iterable[str], lang: str) -> str:
    """Alternatives in prose: "a, b or c" / "a, b vai c"."""
    words = [item for item in items if item]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {phrases(lang).or_} {words[-1]}"


def lower_first(label: str) -> str:
    """A vocabulary label used inside a sentence: "Publiska iestāde" -> "publiska iestāde"."""
    return label[:1].lower() + label[1:]
