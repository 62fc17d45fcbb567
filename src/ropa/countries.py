"""Countries: ISO 3166-1 codes and names, the EU and the EEA, and adequacy decisions.

Kept apart from `ropa.vocab` (the GDPR value sets) because it is data of another kind: it
changes when a country's status changes, and each change is dated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType

from ropa.text.messages import LOCALE_DIRS, languages, message
from ropa.vocab import INTERNATIONAL_ORGANISATIONS as ORGANISATIONS
from ropa.vocab import Term

__all__ = [
    "ADEQUACY_CHECKED",
    "ADEQUACY_CONDITIONS",
    "ADEQUACY_COUNTRIES",
    "ADEQUACY_DECISIONS",
    "COUNTRY_CODES",
    "EEA_COUNTRIES",
    "EU_COUNTRIES",
    "EU_TERRITORIES",
    "INTERNATIONAL_ORGANISATIONS",
    "AdequacyDecision",
    "adequacy_decisions",
    "adequacy_in_force",
    "country_by_name",
    "country_name",
    "country_names",
    "destination_name",
]

COUNTRY_CODES: frozenset[str] = frozenset(
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "  # noqa: SIM905
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS YE YT ZA ZM ZW".split()
)
"""All 249 ISO 3166-1 alpha-2 country codes."""

EU_COUNTRIES: frozenset[str] = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()  # noqa: SIM905
)
"""The 27 member states of the European Union."""

# Parts of member states that ISO 3166-1 gives codes of their own. The Treaties apply to them
# in full: the outermost regions of France (TFEU Art. 349, 355(1)) and the Åland Islands
# (TEU Art. 52, TFEU Art. 355(4), Protocol No 2 of the 1994 Act of Accession, which concerns
# indirect taxes, not data protection). Sending data there is not a transfer under Chapter V.
# Overseas countries and territories (TFEU Annex II: BL, PF, PM, NC, TF, WF, and the Dutch
# and Danish ones) are outside the Union and stay third countries, as does Svalbard (SJ),
# to which the EEA Agreement does not apply.
EU_TERRITORIES: frozenset[str] = frozenset("AX GF GP MQ RE YT MF".split())  # noqa: SIM905
"""Territories with their own ISO code that are part of the EU: Åland and the outermost
regions French Guiana, Guadeloupe, Martinique, Réunion, Mayotte and Saint-Martin."""

EEA_COUNTRIES: frozenset[str] = EU_COUNTRIES | EU_TERRITORIES | {"IS", "LI", "NO"}
"""Where the GDPR applies and Chapter V does not: the EU (its territories with their own
codes included) and Iceland, Liechtenstein and Norway."""

INTERNATIONAL_ORGANISATIONS: frozenset[str] = frozenset(ORGANISATIONS) - {"other"}
"""International organisations (Art. 4(26)) a transfer may name by code; their names are the
vocabulary's (`ropa.vocab.INTERNATIONAL_ORGANISATIONS`)."""


@dataclass(frozen=True)
class AdequacyDecision:
    """One Commission decision that a third country, part of one, or an international
    organisation ensures an adequate level of protection (GDPR Art. 45(3); decisions under
    Directive 95/46/EC Art. 25(6) stay in force under Art. 45(9))."""

    destination: str
    """ISO 3166-1 code of the country, or the code of an international organisation."""
    decision: str
    """The decision's reference, e.g. "Commission Implementing Decision (EU) 2023/1795"."""
    adopted: date
    """The day the Commission adopted it."""
    scope: Term | None = None
    """Set when the decision covers only some recipients: `code` names the condition (e.g.
    ``dpf_certified``), `label(lang)` says it in words; None when it covers the whole
    destination."""
    ends: date | None = None
    """The day from which it no longer applies (expiry, or a judgment declaring it invalid);
    None while it is open-ended."""
    ended_by: str = ""
    """What ended it, e.g. the judgment that declared it invalid."""
    names: tuple[str, ...] = ()
    """Other ways a transfer's `reference` may cite it (its number, its common name)."""

    @property
    def msgid(self) -> str:
        """The catalogue message of its reference in words, `adequacy.<destination>.<adopted>`
        (``adequacy.US.2023-07-10``): the decision as the Official Journal names it in each
        language."""
        return f"adequacy.{self.destination}.{self.adopted.isoformat()}"

    def label(self, lang: str, /) -> str:
        """The decision's reference in `lang` (`decision` is the English one)."""
        return message(self.msgid, lang)

    def ends_or_max(self) -> date:
        """`ends`, or the last representable day while the decision is open-ended."""
        return self.ends if self.ends is not None else date.max

    def in_force(self, on: date) -> bool:
        """Whether the decision applies on `on`."""
        return self.adopted <= on and (self.ends is None or on < self.ends)

    def cited_by(self, reference: str | None) -> bool:
        """Whether `reference` (a transfer's free text) cites this decision."""
        if not reference:
            return False
        text = reference.casefold()
        return any(name.casefold() in text for name in self.names)


def _scope(code: str) -> Term:
    """A decision's scope; its words are the catalogue message `vocab.adequacy_scopes.<code>`."""
    return Term(code, "45(3)", "eu-gdpr:A45-3", "adequacy_scopes")


# The decisions, in the order of the Commission's list, ended ones after the decision that
# replaced them. Sources and what is still to be confirmed: docs/legal-sources.md. When the
# Commission adopts, amends or withdraws a decision, or a court annuls one, change this table
# and move ADEQUACY_CHECKED to the day of the check (a test fails when a decision in the table
# is newer than the check).
ADEQUACY_DECISIONS: tuple[AdequacyDecision, ...] = (
    AdequacyDecision("AD", "Commission Decision 2010/625/EU", date(2010, 10, 19),
                     names=("2010/625",)),
    AdequacyDecision("AR", "Commission Decision 2003/490/EC", date(2003, 6, 30),
                     names=("2003/490",)),
    AdequacyDecision("BR", "Commission Implementing Decision (EU) 2026/179", date(2026, 1, 26),
                     names=("2026/179",)),
    AdequacyDecision(
        "CA",
        "Commission Decision 2002/2/EC",
        date(2001, 12, 20),
        _scope("pipeda"),
        names=("2002/2/",),
    ),
    AdequacyDecision("CH", "Commission Decision 2000/518/EC", date(2000, 7, 26),
                     names=("2000/518",)),
    AdequacyDecision("FO", "Commission Decision 2010/146/EU", date(2010, 3, 5),
                     names=("2010/146",)),
    AdequacyDecision(
        "GB",
        "Commission Implementing Decision of 19 December 2025 renewing the adequacy finding "
        "for the United Kingdom under Regulation (EU) 2016/679",
        date(2025, 12, 19),
        ends=date(2031, 12, 27),
    ),
    AdequacyDecision(
        "GB",
        "Commission Implementing Decision (EU) 2021/1772",
        date(2021, 6, 28),
        _scope("uk_excluding_immigration"),
        ends=date(2025, 12, 27),
        ended_by="expiry; replaced by the decision of 19 December 2025",
        names=("2021/1772",),
    ),
    AdequacyDecision("GG", "Commission Decision 2003/821/EC", date(2003, 11, 21),
                     names=("2003/821",)),
    AdequacyDecision(
        "IL",
        "Commission Decision 2011/61/EU",
        date(2011, 1, 31),
        _scope("israel_automated"),
        names=("2011/61",),
    ),
    AdequacyDecision("IM", "Commission Decision 2004/411/EC", date(2004, 4, 28),
                     names=("2004/411",)),
    AdequacyDecision("JE", "Commission Decision 2008/393/EC", date(2008, 5, 8),
                     names=("2008/393",)),
    AdequacyDecision(
        "JP",
        "Commission Implementing Decision (EU) 2019/419",
        date(2019, 1, 23),
        _scope("appi"),
        names=("2019/419",),
    ),
    AdequacyDecision(
        "KR",
        "Commission Implementing Decision (EU) 2022/254",
        date(2021, 12, 17),
        _scope("korea_pipa"),
        names=("2022/254",),
    ),
    AdequacyDecision("NZ", "Commission Implementing Decision 2013/65/EU", date(2012, 12, 19),
                     names=("2013/65",)),
    AdequacyDecision(
        "US",
        "Commission Implementing Decision (EU) 2023/1795",
        date(2023, 7, 10),
        _scope("dpf_certified"),
        names=("2023/1795",),
    ),
    AdequacyDecision(
        "US",
        "Commission Implementing Decision (EU) 2016/1250 (EU-US Privacy Shield)",
        date(2016, 7, 12),
        _scope("privacy_shield_certified"),
        ends=date(2020, 7, 16),
        ended_by="declared invalid by the Court of Justice, Case C-311/18, 16 July 2020",
        names=("2016/1250", "Privacy Shield"),
    ),
    AdequacyDecision(
        "US",
        "Commission Decision 2000/520/EC (Safe Harbour)",
        date(2000, 7, 26),
        _scope("safe_harbour_certified"),
        ends=date(2015, 10, 6),
        ended_by="declared invalid by the Court of Justice, Case C-362/14, 6 October 2015",
        names=("2000/520", "Safe Harbor", "Safe Harbour"),
    ),
    AdequacyDecision("UY", "Commission Implementing Decision 2012/484/EU", date(2012, 8, 21),
                     names=("2012/484",)),
    AdequacyDecision(
        "european_patent_organisation",
        "Commission Implementing Decision (EU) 2025/1382",
        date(2025, 7, 15),
        names=("2025/1382",),
    ),
)  # fmt: skip
"""Every adequacy decision ropa knows, in force or ended (each with its dates and scope)."""

ADEQUACY_CHECKED: date = date(2026, 12, 1)
"""When ADEQUACY_DECISIONS was last checked against the Commission's list of decisions."""


def adequacy_decisions(destination: str) -> tuple[AdequacyDecision, ...]:
    """Every decision for `destination` (a country or organisation code), newest first."""
    found = [d for d in ADEQUACY_DECISIONS if d.destination == destination]
    return tuple(sorted(found, key=lambda d: d.adopted, reverse=True))


def adequacy_in_force(destination: str, on: date) -> AdequacyDecision | None:
    """The decision for `destination` that applies on `on`, or None when none does."""
    for decision in adequacy_decisions(destination):
        if decision.in_force(on):
            return decision
    return None


ADEQUACY_COUNTRIES: frozenset[str] = frozenset(
    d.destination
    for d in ADEQUACY_DECISIONS
    if d.destination in COUNTRY_CODES and d.in_force(ADEQUACY_CHECKED)
)
"""Third countries with an adequacy decision in force on ADEQUACY_CHECKED (some partial: see
ADEQUACY_CONDITIONS). Rules judge a transfer on their own check date with
`adequacy_in_force`."""

ADEQUACY_CONDITIONS: Mapping[str, Term] = MappingProxyType(
    {
        d.destination: d.scope
        for d in ADEQUACY_DECISIONS
        if d.scope is not None and d.in_force(ADEQUACY_CHECKED)
    }
)
"""The scope condition of each decision in force on ADEQUACY_CHECKED that covers only some
recipients, keyed by destination."""


def country_name(code: str, lang: str) -> str:
    """The country's short name in `lang`, the catalogue message `country.<code>` (English
    where the language has none); the code itself if it is no ISO 3166-1 code.

    >>> country_name("US", "lv")
    'Amerikas Savienotās Valstis'
    """
    if code not in COUNTRY_CODES:
        return code
    return message(f"country.{code}", lang)


def country_names(lang: str) -> Mapping[str, str]:
    """Every country's short name in `lang`, code -> name, in code order."""
    return {code: country_name(code, lang) for code in sorted(COUNTRY_CODES)}


def country_by_name(name: str) -> str | None:
    """The code of the country `name` names in any language ropa has (case ignored), else None."""
    return _codes_by_name(tuple(LOCALE_DIRS), languages()).get(name.strip().casefold())


@cache
def _codes_by_name(_dirs: tuple[Path, ...], langs: tuple[str, ...]) -> Mapping[str, str]:
    # Keyed by the catalogue directories too: a test that adds a language gets its names.
    found: dict[str, str] = {}
    for lang in ("en", *langs):
        for code, name in country_names(lang).items():
            found.setdefault(name.casefold(), code)
    return MappingProxyType(found)


def destination_name(code: str, lang: str) -> str:
    """A transfer destination's name in ``lang``: a country or an international organisation."""
    if code in INTERNATIONAL_ORGANISATIONS:
        return ORGANISATIONS[code].label(lang)
    return country_name(code, lang)
