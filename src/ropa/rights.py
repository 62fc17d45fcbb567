"""Which data subject rights apply to a processing activity, derived from its legal bases.

An auditor reading the register and a privacy notice built from it both need to say, per
activity, which of the GDPR Art. 15-22 and 7(3) rights the data subject has and why. The rules
are the ones the GDPR itself draws from the legal basis:

- access, rectification, restriction and notification (Art. 15, 16, 18, 19) always apply;
- erasure (Art. 17) applies, but only conditionally when every basis is a legal obligation or a
  public task, since Art. 17(3)(b) excludes erasure while the data are needed for those;
- portability (Art. 20) applies only to processing based on consent or contract;
- objection (Art. 21(1)) applies only to processing based on a public task or legitimate
  interests;
- withdrawal of consent (Art. 7(3)) applies only to processing based on consent;
- the Art. 22 right applies when the activity makes solely automated decisions, and is
  conditional when the register does not say whether it does.

The module takes plain codes rather than model objects, so it depends on ``ropa.vocab`` alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from ropa.vocab import LEGAL_BASES, RIGHTS

__all__ = ["Applicability", "RightStatus", "rights_for"]


class Applicability(str, Enum):
    """Whether a right applies to an activity."""

    APPLIES = "applies"
    CONDITIONAL = "conditional"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class RightStatus:
    """One right's applicability to an activity, with a one-sentence reason in each language."""

    right: str
    """The right's code in ``vocab.RIGHTS``, e.g. ``"portability"``."""
    status: Applicability
    reason_en: str
    reason_lv: str

    def reason(self, lang: str) -> str:
        """The reason in ``lang``: Latvian for ``"lv"``, English for anything else."""
        return self.reason_lv if lang == "lv" else self.reason_en


_ERASURE_LIMITING_BASES = frozenset({"legal_obligation", "public_task"})
_PORTABILITY_BASES = frozenset({"consent", "contract"})
_OBJECTION_BASES = frozenset({"public_task", "legitimate_interests"})


def _always(right: str, article: str) -> RightStatus:
    return RightStatus(
        right,
        Applicability.APPLIES,
        f"Art. {article} applies to all processing of personal data.",
        f"{article}. pants attiecas uz jebkuru personas datu apstrādi.",
    )


def _access(bases: frozenset[str], automated: bool | None) -> RightStatus:
    return _always("access", "15")


def _rectification(bases: frozenset[str], automated: bool | None) -> RightStatus:
    return _always("rectification", "16")


def _restriction(bases: frozenset[str], automated: bool | None) -> RightStatus:
    return _always("restriction", "18")


def _erasure(bases: frozenset[str], automated: bool | None) -> RightStatus:
    if bases and bases <= _ERASURE_LIMITING_BASES:
        return RightStatus(
            "erasure",
            Applicability.CONDITIONAL,
            "Art. 17(3)(b) excludes erasure while the data are needed for a legal obligation "
            "or a public task.",
            "17. panta 3. punkta b) apakšpunkts izslēdz dzēšanu, kamēr dati ir vajadzīgi "
            "juridiska pienākuma vai sabiedrības interesēs veicama uzdevuma izpildei.",
        )
    return RightStatus(
        "erasure",
        Applicability.APPLIES,
        "Art. 17 applies; each request is judged against the grounds in Art. 17(1).",
        "17. pants ir piemērojams; katru pieprasījumu vērtē pēc 17. panta 1. punktā minētajiem "
        "pamatiem.",
    )


def _notification(bases: frozenset[str], automated: bool | None) -> RightStatus:
    return RightStatus(
        "notification",
        Applicability.APPLIES,
        "Art. 19 applies whenever data are rectified or erased or their processing is restricted.",
        "19. pants ir piemērojams ikreiz, kad dati tiek laboti vai dzēsti vai to apstrāde tiek "
        "ierobežota.",
    )


def _portability(bases: frozenset[str], automated: bool | None) -> RightStatus:
    if bases & _PORTABILITY_BASES:
        return RightStatus(
            "portability",
            Applicability.APPLIES,
            "Art. 20 applies because the processing is based on consent or contract.",
            "20. pants ir piemērojams, jo apstrādes pamatā ir piekrišana vai līgums.",
        )
    return RightStatus(
        "portability",
        Applicability.NOT_APPLICABLE,
        "Art. 20 applies only to processing based on consent or contract.",
        "20. pants attiecas tikai uz apstrādi, kuras pamatā ir piekrišana vai līgums.",
    )


def _objection(bases: frozenset[str], automated: bool | None) -> RightStatus:
    if bases & _OBJECTION_BASES:
        return RightStatus(
            "objection",
            Applicability.APPLIES,
            "Art. 21(1) applies because the processing is based on a public task or legitimate "
            "interests.",
            "21. panta 1. punkts ir piemērojams, jo apstrādes pamatā ir sabiedrības interesēs "
            "veicams uzdevums vai leģitīmās intereses.",
        )
    return RightStatus(
        "objection",
        Applicability.NOT_APPLICABLE,
        "Art. 21(1) applies only to processing based on a public task or legitimate interests.",
        "21. panta 1. punkts attiecas tikai uz apstrādi, kuras pamatā ir sabiedrības interesēs "
        "veicams uzdevums vai leģitīmās intereses.",
    )


def _automated_decision(bases: frozenset[str], automated: bool | None) -> RightStatus:
    if automated is None:
        return RightStatus(
            "automated_decision",
            Applicability.CONDITIONAL,
            "Art. 22 applies only if the activity makes solely automated decisions with legal "
            "or similarly significant effects, which the register does not state.",
            "22. pants ir piemērojams tikai tad, ja darbībā tiek pieņemti tikai automatizēti "
            "lēmumi ar juridiskām vai līdzīgi būtiskām sekām, bet reģistrā tas nav norādīts.",
        )
    if automated:
        return RightStatus(
            "automated_decision",
            Applicability.APPLIES,
            "Art. 22 applies because the activity makes decisions based solely on automated "
            "processing.",
            "22. pants ir piemērojams, jo darbībā tiek pieņemti lēmumi, kuru pamatā ir tikai "
            "automatizēta apstrāde.",
        )
    return RightStatus(
        "automated_decision",
        Applicability.NOT_APPLICABLE,
        "Art. 22 does not apply because the activity makes no solely automated decisions.",
        "22. pants nav piemērojams, jo darbībā netiek pieņemti tikai automatizēti lēmumi.",
    )


def _withdraw_consent(bases: frozenset[str], automated: bool | None) -> RightStatus:
    if "consent" in bases:
        return RightStatus(
            "withdraw_consent",
            Applicability.APPLIES,
            "Art. 7(3) applies because the processing is based on consent.",
            "7. panta 3. punkts ir piemērojams, jo apstrādes pamatā ir piekrišana.",
        )
    return RightStatus(
        "withdraw_consent",
        Applicability.NOT_APPLICABLE,
        "Art. 7(3) applies only to processing based on consent.",
        "7. panta 3. punkts attiecas tikai uz apstrādi, kuras pamatā ir piekrišana.",
    )


_Rule = Callable[[frozenset[str], bool | None], RightStatus]

_RULES: dict[str, _Rule] = {
    "access": _access,
    "rectification": _rectification,
    "erasure": _erasure,
    "restriction": _restriction,
    "notification": _notification,
    "portability": _portability,
    "objection": _objection,
    "automated_decision": _automated_decision,
    "withdraw_consent": _withdraw_consent,
}

# A right added to the vocabulary without a rule here would silently vanish from notices.
if set(_RULES) != set(RIGHTS):
    _mismatch = ", ".join(sorted(set(_RULES) ^ set(RIGHTS)))
    raise RuntimeError(f"ropa.rights rules and vocab.RIGHTS differ on: {_mismatch}")


_DIRECT_MARKETING_OBJECTION = RightStatus(
    "objection",
    Applicability.APPLIES,
    "Art. 21(2) applies because the purpose is direct marketing: the person may object at any "
    "time, whatever the legal basis.",
    "21. panta 2. punkts ir piemērojams, jo nolūks ir tiešā tirgvedība: persona var iebilst "
    "jebkurā laikā neatkarīgi no tiesiskā pamata.",
)


def rights_for(
    bases: Iterable[str], *, automated_decisions: bool | None, purpose: str | None = None
) -> tuple[RightStatus, ...]:
    """The status of every data subject right for an activity, in the order of ``vocab.RIGHTS``.

    ``bases`` are legal basis codes (``vocab.LEGAL_BASES``), repeated or in any order;
    ``automated_decisions`` is the activity's field of that name: True, False, or None when the
    register does not say. ``purpose`` is the activity's purpose kind: for ``marketing`` the
    right to object applies whatever the basis (Art. 21(2)). An unknown basis code raises
    ValueError rather than being guessed at.
    """
    given = frozenset(bases)
    unknown = given - set(LEGAL_BASES)
    if unknown:
        raise ValueError(f"unknown legal basis: {', '.join(sorted(unknown))}")
    statuses = [_RULES[right](given, automated_decisions) for right in RIGHTS]
    if purpose == "marketing":
        statuses = [
            _DIRECT_MARKETING_OBJECTION if status.right == "objection" else status
            for status in statuses
        ]
    return tuple(statuses)
