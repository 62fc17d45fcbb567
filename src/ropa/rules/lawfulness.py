"""Rules on lawfulness: an Art. 6 basis with what it needs, Art. 9 and 10 conditions for
special and criminal data, children's consent, national identification numbers, marketing,
device access, and consent that cannot carry the processing (ROPA301-317)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set

from ropa.findings import Severity
from ropa.model import (
    Activity,
    ConsentBasis,
    ContractBasis,
    DataSubjectCategory,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    PublicTaskBasis,
)
from ropa.rules import Context, Hit, rule
from ropa.text.messages import msg


def _basis_path(index: int, position: int) -> tuple[str | int, ...]:
    return ("activities", index, "legal_bases", position)


def _kinds(activity: Activity) -> set[str]:
    return {basis.basis for basis in activity.legal_bases}


@rule(
    "ROPA301",
    "legal-basis-missing",
    Severity.ERROR,
    "6(1)",
    "an activity has no legal basis",
    controller_only=True,
    each_activity=True,
)
def legal_basis_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no Art. 6(1) legal basis."""
    for index, activity in ctx.indexed():
        if not activity.legal_bases:
            yield Hit(
                ("activities", index),
                msg("ROPA301", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA302",
    "interest-unstated",
    Severity.ERROR,
    "6(1)(f), 13(1)(d)",
    "a legitimate interests basis states no interest",
    controller_only=True,
    each_activity=True,
)
def interest_unstated(ctx: Context) -> Iterator[Hit]:
    """A legitimate_interests basis does not say which interest is pursued."""
    for index, activity, position, basis in ctx.bases_of(LegitimateInterestsBasis):
        if basis.interest is None:
            yield Hit(
                _basis_path(index, position),
                msg("ROPA302", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA303",
    "balancing-test-missing",
    Severity.WARNING,
    "6(1)(f), 5(2)",
    "a legitimate interests basis cites no balancing test",
    controller_only=True,
    each_activity=True,
)
def balancing_test_missing(ctx: Context) -> Iterator[Hit]:
    """A legitimate_interests basis cites no balancing test (legitimate interests
    assessment) that weighs the interest against the data subjects' rights."""
    for index, activity, position, basis in ctx.bases_of(LegitimateInterestsBasis):
        if not (basis.assessment and basis.assessment.strip()):
            yield Hit(
                _basis_path(index, position),
                msg("ROPA303", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA304",
    "law-unnamed",
    Severity.WARNING,
    "6(3)",
    "a legal obligation basis names no law",
    controller_only=True,
    each_activity=True,
)
def law_unnamed(ctx: Context) -> Iterator[Hit]:
    """A legal_obligation basis does not name the law that sets the obligation."""
    for index, activity, position, basis in ctx.bases_of(LegalObligationBasis):
        if basis.law is None:
            yield Hit(
                _basis_path(index, position),
                msg("ROPA304", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA305",
    "consent-withdrawal-missing",
    Severity.WARNING,
    "7(3)",
    "a consent basis says nothing of withdrawal",
    controller_only=True,
    each_activity=True,
)
def consent_withdrawal_missing(ctx: Context) -> Iterator[Hit]:
    """A consent basis does not say how consent is withdrawn."""
    for index, activity, position, basis in ctx.bases_of(ConsentBasis):
        if basis.withdrawal is None:
            yield Hit(
                _basis_path(index, position),
                msg("ROPA305", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA306",
    "special-condition-missing",
    Severity.ERROR,
    "9",
    "special-category data without an Art. 9(2) condition",
    controller_only=True,
    each_activity=True,
)
def special_condition_missing(ctx: Context) -> Iterator[Hit]:
    """An activity processes an Art. 9(1) special category and gives no Art. 9(2) condition;
    reported once per activity, at its first special category, naming all of them."""
    special = _art9_ids(ctx)
    if not special:
        return
    for index, activity in ctx.indexed():
        if activity.special_condition is not None or special.isdisjoint(activity.data_categories):
            continue
        found = _positions(activity.data_categories, special)
        refs = dict.fromkeys(activity.data_categories[position] for position in found)
        names = ", ".join(f"'{ref}' ({ctx.data_categories[ref].special})" for ref in refs)
        yield Hit(
            ("activities", index, "data_categories", found[0]),
            msg("ROPA306", activity=activity.id, names=names),
            activity.id,
        )


def _art9_ids(ctx: Context) -> frozenset[str]:
    """Ids of the data categories of an Art. 9(1) kind (criminal data is Art. 10)."""
    return ctx.category_ids(lambda c: c.special is not None and c.special != "criminal")


def _positions(refs: Sequence[str], wanted: Set[str]) -> list[int]:
    """Where in `refs` an id of `wanted` is named."""
    return [position for position, ref in enumerate(refs) if ref in wanted]


@rule(
    "ROPA307",
    "criminal-data-authority-missing",
    Severity.ERROR,
    "10",
    "criminal-offence data without a law that authorises it",
    controller_only=True,
    each_activity=True,
)
def criminal_data_authority_missing(ctx: Context) -> Iterator[Hit]:
    """An activity processes criminal-offence data and no `criminal_data_authority` names the
    Union or Member State law that authorises it (Art. 10). For registers written before that
    field existed, a legal_obligation or public_task basis that names its law still counts."""
    criminal = ctx.category_ids(lambda c: c.special == "criminal")
    if not criminal:
        return
    for index, activity in ctx.indexed():
        if criminal.isdisjoint(activity.data_categories):
            continue
        if activity.criminal_data_authority is not None or _rests_on_law(activity):
            continue
        first = _positions(activity.data_categories, criminal)[0]
        ref = activity.data_categories[first]
        yield Hit(
            ("activities", index, "data_categories", first),
            msg("ROPA307", activity=activity.id, ref=ref),
            activity.id,
        )


def _rests_on_law(activity: Activity) -> bool:
    """Whether a legal_obligation or public_task basis of the activity names its law."""
    return any(
        isinstance(basis, (LegalObligationBasis, PublicTaskBasis)) and basis.law is not None
        for basis in activity.legal_bases
    )


@rule(
    "ROPA308",
    "special-condition-unneeded",
    Severity.WARNING,
    "9",
    "an Art. 9(2) condition without special-category data",
    controller_only=True,
    each_activity=True,
)
def special_condition_unneeded(ctx: Context) -> Iterator[Hit]:
    """An activity gives an Art. 9(2) condition but none of its data categories is an
    Art. 9(1) special category (criminal-offence data falls under Art. 10, not Art. 9). Not
    judged while a category reference does not resolve (ROPA102)."""
    special = _art9_ids(ctx)
    known = ctx.data_categories.keys()
    for index, activity in ctx.indexed():
        if activity.special_condition is None:
            continue
        if known >= set(activity.data_categories) and special.isdisjoint(activity.data_categories):
            yield Hit(
                ("activities", index, "special_condition"),
                msg(
                    "ROPA308",
                    activity=activity.id,
                    condition=", ".join(activity.special_condition_codes()),
                ),
                activity.id,
            )


@rule(
    "ROPA309",
    "public-task-private-body",
    Severity.INFO,
    "6(1)(e)",
    "public task used by an organisation that is not a public body",
    controller_only=True,
    each_activity=True,
)
def public_task_private_body(ctx: Context) -> Iterator[Hit]:
    """A public_task basis in the register of an organisation not stated to be a public body;
    a private body may hold a public task only where a law vests it with one."""
    if ctx.register.organisation.public_body is True:
        return
    for index, activity, position, _ in ctx.bases_of(PublicTaskBasis):
        yield Hit(
            _basis_path(index, position),
            msg("ROPA309", activity=activity.id),
            activity.id,
        )


@rule(
    "ROPA310",
    "marketing-without-consent",
    Severity.WARNING,
    "6(1), 21(2); ePrivacy Directive 13(1)-(2)",
    "marketing on another basis, or to persons who are not customers without consent",
    controller_only=True,
    each_activity=True,
)
def marketing_without_consent(ctx: Context) -> Iterator[Hit]:
    """A marketing activity (`purpose: marketing` or `direct_marketing: true`) rests on neither
    consent nor legitimate_interests; or it rests on no consent and reaches persons who are
    not customers (`_not_party`), to whom electronic marketing needs prior consent (ePrivacy
    Directive Art. 13(1): the soft opt-in of Art. 13(2) covers only existing customers). An
    activity with no basis at all is left to ROPA301."""
    not_customers = ctx.subject_ids(_not_party)
    for index, activity in ctx.indexed():
        if not _marketing(activity) or not activity.legal_bases:
            continue
        kinds = _kinds(activity)
        if not kinds & {"consent", "legitimate_interests"}:
            yield Hit(
                ("activities", index, "legal_bases"),
                msg("ROPA310", activity=activity.id),
                activity.id,
            )
            continue
        if "consent" in kinds:
            continue
        found = _positions(activity.data_subjects, not_customers)
        if found:
            refs = dict.fromkeys(activity.data_subjects[position] for position in found)
            yield Hit(
                ("activities", index, "data_subjects", found[0]),
                msg(
                    "ROPA310.not_customers",
                    activity=activity.id,
                    names=", ".join(f"'{ref}'" for ref in refs),
                ),
                activity.id,
            )


def _marketing(activity: Activity) -> bool:
    """Whether the activity is for marketing: its purpose, or its data used for direct
    marketing (Art. 21(2))."""
    return activity.purpose == "marketing" or activity.direct_marketing is True


# Kinds of data subject who are, by their kind, not party to a contract with the controller
# (nor its customers): a visitor, a prospect or a job applicant has no contract yet.
_NOT_PARTY_KINDS = frozenset({"visitors", "prospects", "job_applicants"})


def _not_party(subject: DataSubjectCategory) -> bool:
    """Whether a data subject category is not party to a contract with the controller: said
    so (`contract_party: false`), or, when that is not stated, of a kind that is not."""
    if subject.contract_party is not None:
        return not subject.contract_party
    return subject.kind in _NOT_PARTY_KINDS


@rule(
    "ROPA311",
    "children-consent",
    Severity.WARNING,
    "8",
    "consent of children without parental authorisation",
    controller_only=True,
    each_activity=True,
)
def children_consent(ctx: Context) -> Iterator[Hit]:
    """A consent basis covers a data subject category that includes children and says
    nothing of how parental authorisation is obtained."""
    with_children = ctx.subject_ids(lambda s: s.includes_children is True)
    if not with_children:
        return
    for index, activity, position, basis in ctx.bases_of(ConsentBasis):
        if basis.parental_authorisation is not None:
            continue
        children = [ref for ref in dict.fromkeys(activity.data_subjects) if ref in with_children]
        if children:
            names = ", ".join(f"'{name}'" for name in children)
            yield Hit(
                _basis_path(index, position),
                msg("ROPA311", activity=activity.id, names=names),
                activity.id,
            )


@rule(
    "ROPA312",
    "national-id-unjustified",
    Severity.INFO,
    "87",
    "a national identification number on legitimate interests alone",
    controller_only=True,
    each_activity=True,
)
def national_id_unjustified(ctx: Context) -> Iterator[Hit]:
    """An activity processes a national identification number and its only legal basis is
    legitimate_interests; national law usually sets the conditions for such numbers."""
    national_ids = ctx.category_ids(lambda c: c.national_id is True)
    if not national_ids:
        return
    for index, activity in ctx.indexed():
        if national_ids.isdisjoint(activity.data_categories):
            continue
        if not activity.legal_bases or _kinds(activity) != {"legitimate_interests"}:
            continue
        first = _positions(activity.data_categories, national_ids)[0]
        yield Hit(
            ("activities", index, "data_categories", first),
            msg("ROPA312", activity=activity.id, ref=activity.data_categories[first]),
            activity.id,
        )


@rule(
    "ROPA313",
    "contract-basis-not-party",
    Severity.WARNING,
    "6(1)(b); EDPB Guidelines 2/2019",
    "a contract basis for persons who are not party to a contract",
    controller_only=True,
    each_activity=True,
)
def contract_basis_not_party(ctx: Context) -> Iterator[Hit]:
    """An activity rests on a contract basis and one of its data subject categories is not
    party to a contract with the controller (`contract_party: false`, or, when that is not
    stated, of kind visitors, prospects or job_applicants): Art. 6(1)(b) covers only a
    contract with the data subject, or steps at their request before entering one."""
    not_party = ctx.subject_ids(_not_party)
    if not not_party:
        return
    for index, activity, position, _ in ctx.bases_of(ContractBasis):
        others = [ref for ref in dict.fromkeys(activity.data_subjects) if ref in not_party]
        if others:
            yield Hit(
                _basis_path(index, position),
                msg(
                    "ROPA313",
                    activity=activity.id,
                    names=", ".join(f"'{ref}'" for ref in others),
                ),
                activity.id,
            )


# Purposes for which reading from or storing on a device is not strictly necessary for a
# service the person asked for (ePrivacy Directive Art. 5(3), second sentence).
_DEVICE_PURPOSES = frozenset({"analytics", "marketing", "personalisation", "service_improvement"})


@rule(
    "ROPA314",
    "device-access-without-consent",
    Severity.WARNING,
    "6(1)(a); ePrivacy Directive 5(3)",
    "reading from or storing on a device for analytics, marketing or personalisation without "
    "consent",
    controller_only=True,
    each_activity=True,
)
def device_access_without_consent(ctx: Context) -> Iterator[Hit]:
    """An activity reads from or stores on the person's device (`sources: [device]`:
    cookies, SDKs, fingerprinting) for analytics, marketing, personalisation or service
    improvement, or uses the data for direct marketing, and has no consent basis."""
    for index, activity in ctx.indexed():
        if "device" not in activity.sources or "consent" in _kinds(activity):
            continue
        if activity.purpose in _DEVICE_PURPOSES or activity.direct_marketing is True:
            yield Hit(
                ("activities", index, "sources", activity.sources.index("device")),
                msg("ROPA314", activity=activity.id),
                activity.id,
            )


# Art. 9(2) conditions that hold only on a basis of Union or Member State law: points (b)
# (or a collective agreement under such law), (g), (h) with 9(3), (i) and (j).
LAW_CONDITIONS = frozenset(
    {
        "employment_social_security",
        "substantial_public_interest",
        "health_or_social_care",
        "public_health",
        "archiving_research_statistics",
    }
)


@rule(
    "ROPA315",
    "special-condition-law-missing",
    Severity.WARNING,
    "9(2), 9(3), 9(4)",
    "an Art. 9(2)(b), (g), (h), (i) or (j) condition names no law",
    controller_only=True,
    each_activity=True,
)
def special_condition_law_missing(ctx: Context) -> Iterator[Hit]:
    """An Art. 9(2) condition of point (b), (g), (h), (i) or (j), which holds only on the
    basis of Union or Member State law, names no `law`. The single-code form names none:
    write the condition as a list entry with its law."""
    for index, activity in ctx.indexed():
        if activity.special_condition is None:
            continue
        single = isinstance(activity.special_condition, str)
        for position, entry in enumerate(activity.special_conditions()):
            if entry.condition not in LAW_CONDITIONS or entry.law is not None:
                continue
            path: tuple[str | int, ...] = ("activities", index, "special_condition")
            yield Hit(
                path if single else (*path, position),
                msg("ROPA315", activity=activity.id, condition=entry.condition),
                activity.id,
            )


@rule(
    "ROPA316",
    "employee-consent",
    Severity.INFO,
    "6(1)(a), 7(4); EDPB Guidelines 05/2020 §21",
    "consent is the only basis for employees' data",
    controller_only=True,
    each_activity=True,
)
def employee_consent(ctx: Context) -> Iterator[Hit]:
    """Consent is the only legal basis of an activity whose data subjects include a category
    of kind employees: given the imbalance of power, an employee can rarely refuse or
    withdraw consent without fear of detriment, so it is rarely freely given."""
    employees = ctx.subject_ids(lambda s: s.kind == "employees")
    if not employees:
        return
    for index, activity in ctx.indexed():
        if _kinds(activity) != {"consent"} or employees.isdisjoint(activity.data_subjects):
            continue
        names = ", ".join(f"'{ref}'" for ref in dict.fromkeys(activity.data_subjects)
                          if ref in employees)  # fmt: skip
        yield Hit(
            ("activities", index, "legal_bases"),
            msg("ROPA316", activity=activity.id, names=names),
            activity.id,
        )


@rule(
    "ROPA317",
    "special-data-marketing",
    Severity.ERROR,
    "9(2)(a), 21(2)",
    "special-category data used for marketing without explicit consent",
    controller_only=True,
    each_activity=True,
)
def special_data_marketing(ctx: Context) -> Iterator[Hit]:
    """An activity uses special-category data (Art. 9(1)) for marketing or direct marketing,
    and a special category of it is covered by no explicit consent: neither a consent basis
    with `explicit: true` nor an explicit_consent condition for that category. No other
    Art. 9(2) condition allows marketing. Reported at the first such category."""
    special = _art9_ids(ctx)
    if not special:
        return
    for index, activity in ctx.indexed():
        if not _marketing(activity) or special.isdisjoint(activity.data_categories):
            continue
        uncovered = [
            position
            for position in _positions(activity.data_categories, special)
            if not explicit_consent_covers(activity, activity.data_categories[position])
        ]
        if uncovered:
            yield Hit(
                ("activities", index, "data_categories", uncovered[0]),
                msg("ROPA317", activity=activity.id, ref=activity.data_categories[uncovered[0]]),
                activity.id,
            )


def explicit_consent_covers(activity: Activity, category: str | None = None) -> bool:
    """Whether the activity rests on explicit consent (Art. 9(2)(a), 22(2)(c)): a consent
    basis marked `explicit: true`, or the explicit_consent condition; with `category`, a
    condition that covers that special category (an entry without `categories` covers
    them all)."""
    if any(isinstance(b, ConsentBasis) and b.explicit is True for b in activity.legal_bases):
        return True
    return any(
        entry.condition == "explicit_consent"
        and (category is None or not entry.categories or category in entry.categories)
        for entry in activity.special_conditions()
    )
