"""Supervisory authorities a privacy notice names for complaints (GDPR Art. 13(2)(d), 77).

The table holds only authorities whose details have been checked against the authority's own
website; for any other country the notice falls back to a general sentence (a complaint may go
to the authority of the member state where the person lives, works or where the infringement
took place), and `ropa notice --draft` lists the authority as missing. A caller can always name
the authority itself: `render_notice(..., authority=SupervisoryAuthority(...))` or
`ropa notice --authority-name ... --authority-url ...`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["AUTHORITIES", "SupervisoryAuthority", "authority_for"]


@dataclass(frozen=True)
class SupervisoryAuthority:
    """A data protection supervisory authority, as a privacy notice names it."""

    name: str
    """The authority's name as written in its own language, e.g. ``"Datu valsts inspekcija"``."""
    url: str | None = None
    """Its website; shown as a link only when it is an http or https URL."""
    address: str | None = None
    """Its postal address."""
    names: Mapping[str, str] = field(default_factory=dict)
    """The name in other languages by ISO 639-1 code: ``{"en": "Data State Inspectorate"}``."""

    def name_in(self, lang: str) -> str:
        """The name for a reader of `lang`: a translation followed by the own name, or the own name.

        The own name stays visible in a translation, because it is what the reader will find on
        the authority's website and letterhead.
        """
        translated = self.names.get(lang)
        if translated and translated != self.name:
            return f"{translated} ({self.name})"
        return self.name


AUTHORITIES: Mapping[str, SupervisoryAuthority] = MappingProxyType(
    {
        # Checked on https://www.dvi.gov.lv (address as the inspectorate gives it).
        "LV": SupervisoryAuthority(
            name="Datu valsts inspekcija",
            url="https://www.dvi.gov.lv",
            address="Elijas iela 17, Rīga, LV-1050",
            names=MappingProxyType({"en": "Data State Inspectorate"}),
        ),
    }
)
"""Known supervisory authorities by the ISO 3166-1 alpha-2 code of the controller's country."""


def authority_for(country: str | None) -> SupervisoryAuthority | None:
    """The supervisory authority for an organisation established in `country`, if known."""
    if country is None:
        return None
    return AUTHORITIES.get(country)
