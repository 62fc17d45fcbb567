"""Which data subject rights apply to a processing activity, and on what conditions.

An auditor reading the register and a privacy notice built from it both need to say, per
activity, which of the GDPR Art. 15-22 and 7(3) rights the data subject has and why. The
workbook's Rights sheet, the JSON export and the notice all take them from `rights_of` (or,
from plain codes, `rights_for`), so that they never disagree. The GDPR draws them from the
legal basis, the Art. 9(2) condition and the purpose:

- access, rectification, restriction and notification (Art. 15, 16, 18, 19) always apply;
- erasure (Art. 17) applies on the grounds of Art. 17(1), and is limited (conditional) to the
  extent the processing is needed for a legal obligation or a public task, whenever one is
  among the bases (17(3)(b)), for public health (17(3)(c)), for research under Art. 89(1)
  (17(3)(d)) or for legal claims (17(3)(e));
- portability (Art. 20(1)) is conditional: it applies only to the extent the processing is
  carried out by automated means and based on consent (6(1)(a) or 9(2)(a)) or a contract, and
  only to data the person provided; the register does not say which means are automated;
- objection applies to processing on a public task or legitimate interests (21(1)), absolutely
  to direct marketing, profiling for it included (21(2)-(3)), and to research and statistics
  under Art. 89(1) (21(6));
- withdrawal of consent (Art. 7(3)) applies to consent under Art. 6(1)(a) and to explicit
  consent under Art. 9(2)(a);
- the Art. 22 right applies when the activity makes solely automated decisions, and is
  conditional when the register does not say whether it does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from ropa.model import Activity, ConsentBasis
from ropa.vocab import LEGAL_BASES, RIGHTS, SPECIAL_CONDITIONS

__all__ = ["Applicability", "Facts", "RightStatus", "rights_for", "rights_of"]


class Applicability(str, Enum):
    """Whether a right applies to an activity."""

    APPLIES = "applies"
    CONDITIONAL = "conditional"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class RightStatus:
    """One right's applicability to an activity, with its reason in each language."""

    right: str
    """The right's code in ``vocab.RIGHTS``, e.g. ``"portability"``."""
    status: Applicability
    reason_en: str
    reason_lv: str
    grounds: tuple[str, ...] = ()
    """The GDPR provisions that make the right apply or limit it, e.g. ``("21(1)", "21(2)")``
    or ``("17(3)(b)",)``; a notice groups purposes by them."""

    def reason(self, lang: str) -> str:
        """The reason in ``lang``: Latvian for ``"lv"``, English for anything else."""
        return self.reason_lv if lang == "lv" else self.reason_en


@dataclass(frozen=True)
class Facts:
    """What the derivation reads about an activity, as plain codes."""

    bases: frozenset[str]
    """Art. 6(1) legal basis codes."""
    automated_decisions: bool | None
    conditions: frozenset[str] = frozenset()
    """Art. 9(2) condition codes (``vocab.SPECIAL_CONDITIONS``)."""
    purpose: str | None = None
    direct_marketing: bool | None = None
    """Whether the data are used for direct marketing, profiling for it included; None when
    the register does not say (then a ``marketing`` purpose counts as direct marketing)."""
    explicit_consent: bool = False
    """Consent that is explicit (Art. 9(2)(a), 22(2)(c), 49(1)(a))."""

    @property
    def consent(self) -> bool:
        """Consent under Art. 6(1)(a) or explicit consent under Art. 9(2)(a)."""
        return "consent" in self.bases or self.explicit_consent

    @property
    def direct(self) -> bool:
        """Used for direct marketing (Art. 21(2))."""
        if self.direct_marketing is not None:
            return self.direct_marketing
        return self.purpose == "marketing"


def _always(right: str, article: str) -> RightStatus:
    return RightStatus(
        right,
        Applicability.APPLIES,
        f"Art. {article} applies to all processing of personal data.",
        f"{article}. pants attiecas uz jebkuru personas datu apstrādi.",
        (article,),
    )


def _access(facts: Facts) -> RightStatus:
    return _always("access", "15")


def _rectification(facts: Facts) -> RightStatus:
    return _always("rectification", "16")


def _restriction(facts: Facts) -> RightStatus:
    return _always("restriction", "18")


# Art. 17(3) points, each with what it keeps, in words: (point, en, lv).
_ERASURE_LIMITS = {
    "legal_obligation": (
        "17(3)(b)",
        "to comply with a legal obligation",
        "lai izpildītu juridisku pienākumu",
    ),
    "public_task": (
        "17(3)(b)",
        "to perform a task carried out in the public interest or in the exercise of official "
        "authority",
        "lai izpildītu uzdevumu, ko veic sabiedrības interesēs vai īstenojot pārzinim "
        "likumīgi piešķirtas oficiālas pilnvaras",
    ),
    "public_health": (
        "17(3)(c)",
        "for reasons of public interest in the area of public health",
        "sabiedrības interešu dēļ sabiedrības veselības jomā",
    ),
    "health_or_social_care": (
        "17(3)(c)",
        "for preventive or occupational medicine, medical diagnosis or health or social care "
        "(Art. 9(2)(h), 9(3))",
        "profilaktiskās vai arodmedicīnas nolūkos, medicīniskas diagnozes noteikšanai vai "
        "veselības vai sociālās aprūpes nodrošināšanai (9. panta 2. punkta h) apakšpunkts, "
        "9. panta 3. punkts)",
    ),
    "archiving_research_statistics": (
        "17(3)(d)",
        "for archiving in the public interest, scientific or historical research or statistics "
        "under Art. 89(1), in so far as erasure would make that impossible or seriously impair "
        "it",
        "arhivēšanas nolūkos sabiedrības interesēs, zinātniskās vai vēstures pētniecības "
        "nolūkos vai statistikas nolūkos saskaņā ar 89. panta 1. punktu, ciktāl dzēšana to "
        "padarītu neiespējamu vai nopietni apdraudētu",
    ),
    "legal_claims": (
        "17(3)(e)",
        "for the establishment, exercise or defence of legal claims",
        "lai celtu, īstenotu vai aizstāvētu likumīgas prasības",
    ),
}


def _erasure(facts: Facts) -> RightStatus:
    limits = [
        _ERASURE_LIMITS[code]
        for code in _ERASURE_LIMITS
        if code in facts.bases or code in facts.conditions
    ]
    if limits:
        points = tuple(dict.fromkeys(point for point, _, _ in limits))
        en = "; ".join(what for _, what, _ in limits)
        lv = "; ".join(what for _, _, what in limits)
        return RightStatus(
            "erasure",
            Applicability.CONDITIONAL,
            f"Art. 17 applies on the grounds of Art. 17(1), but not to the extent the processing "
            f"is necessary {en} (Art. {', '.join(points)}).",
            f"17. pants ir piemērojams 17. panta 1. punktā minētajos gadījumos, bet ne tiktāl, "
            f"ciktāl apstrāde ir nepieciešama, {lv} ({_lv_points(points)}).",
            points,
        )
    return RightStatus(
        "erasure",
        Applicability.APPLIES,
        "Art. 17 applies on the grounds of Art. 17(1), for example when the data are no longer "
        "needed, consent is withdrawn or an objection succeeds; Art. 17(3)(e) keeps data needed "
        "for legal claims.",
        "17. pants ir piemērojams 17. panta 1. punktā minētajos gadījumos, piemēram, ja dati "
        "vairs nav vajadzīgi, piekrišana ir atsaukta vai iebildums ir pamatots; saskaņā ar "
        "17. panta 3. punkta e) apakšpunktu var saglabāt datus, kas vajadzīgi likumīgu prasību "
        "celšanai, īstenošanai vai aizstāvēšanai.",
        ("17(1)",),
    )


def _lv_points(points: Iterable[str], joiner: str = "; ") -> str:
    """ "17(3)(b)" -> "17. panta 3. punkta b) apakšpunkts", joined by `joiner`."""
    words = []
    for point in points:
        number, rest = point.split("(", 1)
        paragraph, letter = rest.rstrip(")").split(")(")
        words.append(f"{number}. panta {paragraph}. punkta {letter}) apakšpunkts")
    return joiner.join(words)


def _notification(facts: Facts) -> RightStatus:
    return RightStatus(
        "notification",
        Applicability.APPLIES,
        "Art. 19 applies whenever data are rectified or erased or their processing is restricted.",
        "19. pants ir piemērojams ikreiz, kad dati tiek laboti vai dzēsti vai to apstrāde tiek "
        "ierobežota.",
        ("19",),
    )


def _portability(facts: Facts) -> RightStatus:
    if facts.consent or "contract" in facts.bases:
        return RightStatus(
            "portability",
            Applicability.CONDITIONAL,
            "Art. 20(1) applies to the extent the processing is carried out by automated means "
            "and based on consent or a contract, and covers the personal data the person "
            "provided (WP242 rev.01: including data observed from their use of a service, not "
            "data inferred from them).",
            "20. panta 1. punkts ir piemērojams tiktāl, ciktāl apstrādi veic ar automatizētiem "
            "līdzekļiem un tā pamatojas uz piekrišanu vai līgumu, un attiecas uz personas "
            "datiem, kurus persona sniegusi (WP242 rev.01: arī datiem, kas novēroti, personai "
            "lietojot pakalpojumu, bet ne no tiem izsecinātiem datiem).",
            ("20(1)",),
        )
    return RightStatus(
        "portability",
        Applicability.NOT_APPLICABLE,
        "Art. 20(1) applies only to processing based on consent (Art. 6(1)(a) or 9(2)(a)) or on "
        "a contract (Art. 6(1)(b)).",
        "20. panta 1. punkts attiecas tikai uz apstrādi, kas pamatojas uz piekrišanu (6. panta "
        "1. punkta a) apakšpunkts vai 9. panta 2. punkta a) apakšpunkts) vai uz līgumu (6. panta "
        "1. punkta b) apakšpunkts).",
    )


_OBJECTION_BASES = frozenset({"public_task", "legitimate_interests"})


def _objection(facts: Facts) -> RightStatus:
    grounds: list[str] = []
    en: list[str] = []
    lv: list[str] = []
    if facts.direct:
        grounds.append("21(2)")
        en.append(
            "Art. 21(2)-(3) applies because the data are used for direct marketing: the person "
            "may object at any time, profiling for direct marketing included, whatever the "
            "legal basis, and the data are then no longer processed for it."
        )
        lv.append(
            "21. panta 2. un 3. punkts ir piemērojams, jo datus apstrādā tiešās tirgvedības "
            "nolūkos: persona var jebkurā laikā iebilst, arī pret profilēšanu, ciktāl tā "
            "saistīta ar tiešo tirgvedību, neatkarīgi no juridiskā pamata, un tad datus šādā "
            "nolūkā vairs neapstrādā."
        )
    if facts.bases & _OBJECTION_BASES:
        grounds.append("21(1)")
        en.append(
            "Art. 21(1) applies because the processing is based on a public task or legitimate "
            "interests: the person may object on grounds relating to their particular "
            "situation, and the processing stops unless compelling legitimate grounds override "
            "or the data are needed for legal claims."
        )
        lv.append(
            "21. panta 1. punkts ir piemērojams, jo apstrāde pamatojas uz sabiedrības interesēs "
            "veicamu uzdevumu vai leģitīmajām interesēm: persona var iebilst, balstoties uz "
            "iemesliem saistībā ar savu īpašo situāciju, un apstrādi pārtrauc, ja vien nav "
            "pārliecinošu leģitīmu iemeslu, kas ir svarīgāki, vai dati nav vajadzīgi likumīgu "
            "prasību celšanai, īstenošanai vai aizstāvēšanai."
        )
    research = "archiving_research_statistics" in facts.conditions
    if research or facts.purpose == "research":
        grounds.append("21(6)")
        if research:
            en.append(
                "Art. 21(6) applies to the research or statistics under Art. 89(1): the person "
                "may object on grounds relating to their particular situation, unless the "
                "processing is necessary for a task carried out in the public interest."
            )
            lv.append(
                "21. panta 6. punkts ir piemērojams pētniecībai vai statistikai saskaņā ar "
                "89. panta 1. punktu: persona var iebilst, pamatojoties uz savu īpašo "
                "situāciju, izņemot, ja apstrāde ir vajadzīga, lai izpildītu uzdevumu, ko veic "
                "sabiedrības interesēs."
            )
        else:
            en.append(
                "Art. 21(6) applies if the research is scientific or historical research or "
                "statistics under Art. 89(1), which the register does not say."
            )
            lv.append(
                "21. panta 6. punkts ir piemērojams, ja tā ir zinātniskā vai vēstures pētniecība "
                "vai statistika saskaņā ar 89. panta 1. punktu, bet reģistrā tas nav norādīts."
            )
    if not grounds:
        return RightStatus(
            "objection",
            Applicability.NOT_APPLICABLE,
            "Art. 21 applies only to processing based on a public task or legitimate interests "
            "(21(1)), for direct marketing (21(2)) or for research or statistics (21(6)).",
            "21. pants attiecas tikai uz apstrādi, kas pamatojas uz sabiedrības interesēs "
            "veicamu uzdevumu vai leģitīmajām interesēm (1. punkts), uz apstrādi tiešās "
            "tirgvedības nolūkos (2. punkts) vai pētniecības vai statistikas nolūkos "
            "(6. punkts).",
        )
    only_possible = grounds == ["21(6)"] and not research
    status = Applicability.CONDITIONAL if only_possible else Applicability.APPLIES
    return RightStatus("objection", status, " ".join(en), " ".join(lv), tuple(grounds))


def _automated_decision(facts: Facts) -> RightStatus:
    if facts.automated_decisions is None:
        return RightStatus(
            "automated_decision",
            Applicability.CONDITIONAL,
            "Art. 22 applies only if the activity makes decisions based solely on automated "
            "processing that produce legal effects or similarly significantly affect the person, "
            "which the register does not state.",
            "22. pants ir piemērojams tikai tad, ja darbībā pieņem lēmumus, kuru pamatā ir tikai "
            "automatizēta apstrāde un kas rada tiesiskās sekas vai līdzīgā veidā ievērojami "
            "ietekmē personu, bet reģistrā tas nav norādīts.",
            ("22(1)",),
        )
    if facts.automated_decisions:
        return RightStatus(
            "automated_decision",
            Applicability.APPLIES,
            "Art. 22 applies because the activity makes decisions based solely on automated "
            "processing; where they are allowed under Art. 22(2)(a) or (c), the person may obtain "
            "human intervention, express their point of view and contest the decision (22(3)).",
            "22. pants ir piemērojams, jo darbībā pieņem lēmumus, kuru pamatā ir tikai "
            "automatizēta apstrāde; ja tie pieļaujami saskaņā ar 22. panta 2. punkta a) vai "
            "c) apakšpunktu, persona var panākt cilvēka līdzdalību, paust savu viedokli un "
            "apstrīdēt lēmumu (22. panta 3. punkts).",
            ("22(1)",),
        )
    return RightStatus(
        "automated_decision",
        Applicability.NOT_APPLICABLE,
        "Art. 22 does not apply because the activity makes no decisions based solely on "
        "automated processing.",
        "22. pants nav piemērojams, jo darbībā nepieņem lēmumus, kuru pamatā ir tikai "
        "automatizēta apstrāde.",
    )


def _withdraw_consent(facts: Facts) -> RightStatus:
    if facts.consent:
        points = [p for p, held in (("6(1)(a)", "consent" in facts.bases),
                                     ("9(2)(a)", facts.explicit_consent)) if held]  # fmt: skip
        return RightStatus(
            "withdraw_consent",
            Applicability.APPLIES,
            f"Art. 7(3) applies because the processing is based on consent (Art. "
            f"{', '.join(points)}): it may be withdrawn at any time, as easily as it was given, "
            "without affecting the lawfulness of processing before the withdrawal.",
            "7. panta 3. punkts ir piemērojams, jo apstrāde pamatojas uz piekrišanu "
            f"({_lv_points(points, ' un ')}): to var atsaukt jebkurā laikā tikpat viegli, kā "
            "to deva, un atsaukums neietekmē apstrādes likumību, kas pamatojas uz piekrišanu "
            "pirms atsaukuma.",
            ("7(3)", *points),
        )
    return RightStatus(
        "withdraw_consent",
        Applicability.NOT_APPLICABLE,
        "Art. 7(3) applies only to processing based on consent (Art. 6(1)(a) or 9(2)(a)).",
        "7. panta 3. punkts attiecas tikai uz apstrādi, kas pamatojas uz piekrišanu (6. panta "
        "1. punkta a) apakšpunkts vai 9. panta 2. punkta a) apakšpunkts).",
    )


_Rule = Callable[[Facts], RightStatus]

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


def rights_for(
    bases: Iterable[str],
    *,
    automated_decisions: bool | None,
    purpose: str | None = None,
    conditions: Iterable[str] = (),
    direct_marketing: bool | None = None,
    explicit_consent: bool = False,
) -> tuple[RightStatus, ...]:
    """The status of every data subject right, in the order of ``vocab.RIGHTS``, from codes.

    ``bases`` are legal basis codes (``vocab.LEGAL_BASES``), repeated or in any order;
    ``automated_decisions`` is the activity's field of that name: True, False, or None when the
    register does not say. ``purpose`` is the activity's purpose kind; ``conditions`` its
    Art. 9(2) condition codes (``explicit_consent`` counts as explicit consent);
    ``direct_marketing`` whether the data are used for direct marketing (None: a ``marketing``
    purpose counts as such); ``explicit_consent`` whether a consent basis is explicit. An
    unknown basis or condition code raises ValueError rather than being guessed at.
    """
    given = frozenset(bases)
    unknown = given - set(LEGAL_BASES)
    if unknown:
        raise ValueError(f"unknown legal basis: {', '.join(sorted(unknown))}")
    held = frozenset(conditions)
    unknown = held - set(SPECIAL_CONDITIONS)
    if unknown:
        raise ValueError(f"unknown Art. 9(2) condition: {', '.join(sorted(unknown))}")
    facts = Facts(
        bases=given,
        automated_decisions=automated_decisions,
        conditions=held,
        purpose=purpose,
        direct_marketing=direct_marketing,
        explicit_consent=explicit_consent or "explicit_consent" in held,
    )
    return tuple(_RULES[right](facts) for right in RIGHTS)


def rights_of(activity: Activity) -> tuple[RightStatus, ...]:
    """The status of every data subject right for `activity`, in the order of ``vocab.RIGHTS``:
    what the Rights sheet, the JSON export and the privacy notice all say."""
    conditions = activity.special_condition_codes()
    explicit = any(
        isinstance(basis, ConsentBasis) and basis.explicit is True for basis in activity.legal_bases
    )
    return rights_for(
        (basis.basis for basis in activity.legal_bases),
        automated_decisions=activity.automated_decisions,
        purpose=activity.purpose,
        conditions=conditions,
        direct_marketing=activity.direct_marketing,
        explicit_consent=explicit,
    )
