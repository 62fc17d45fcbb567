"""Rules on lawfulness: an Art. 6 basis with what it needs, Art. 9 and 10 conditions for
special and criminal data, children's consent and national identification numbers
(ROPA301-312)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set

from ropa.findings import Severity
from ropa.model import (
    Activity,
    ConsentBasis,
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
)
def legal_basis_missing(ctx: Context) -> Iterator[Hit]:
    """An activity names no Art. 6(1) legal basis."""
    for index, activity in enumerate(ctx.activities):
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
)
def special_condition_missing(ctx: Context) -> Iterator[Hit]:
    """An activity processes an Art. 9(1) special category and gives no Art. 9(2) condition;
    reported once per activity, at its first special category, naming all of them."""
    special = _art9_ids(ctx)
    if not special:
        return
    for index, activity in enumerate(ctx.activities):
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
)
def criminal_data_authority_missing(ctx: Context) -> Iterator[Hit]:
    """An activity processes criminal-offence data and has no legal_obligation or
    public_task basis that names the law authorising it."""
    criminal = ctx.category_ids(lambda c: c.special == "criminal")
    if not criminal:
        return
    for index, activity in enumerate(ctx.activities):
        if criminal.isdisjoint(activity.data_categories) or _rests_on_law(activity):
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
)
def special_condition_unneeded(ctx: Context) -> Iterator[Hit]:
    """An activity gives an Art. 9(2) condition but none of its data categories is an
    Art. 9(1) special category (criminal-offence data falls under Art. 10, not Art. 9). Not
    judged while a category reference does not resolve (ROPA102)."""
    special = _art9_ids(ctx)
    known = ctx.data_categories.keys()
    for index, activity in enumerate(ctx.activities):
        if activity.special_condition is None:
            continue
        if known >= set(activity.data_categories) and special.isdisjoint(activity.data_categories):
            yield Hit(
                ("activities", index, "special_condition"),
                msg("ROPA308", activity=activity.id, condition=activity.special_condition),
                activity.id,
            )


@rule(
    "ROPA309",
    "public-task-private-body",
    Severity.INFO,
    "6(1)(e)",
    "public task used by an organisation that is not a public body",
    controller_only=True,
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
    "6(1), 21(2); ePrivacy Directive 13",
    "marketing rests on neither consent nor legitimate interests",
    controller_only=True,
)
def marketing_without_consent(ctx: Context) -> Iterator[Hit]:
    """A marketing activity rests on neither consent nor legitimate_interests. An activity
    with no basis at all is left to ROPA301."""
    for index, activity in enumerate(ctx.activities):
        if activity.purpose != "marketing" or not activity.legal_bases:
            continue
        if not _kinds(activity) & {"consent", "legitimate_interests"}:
            yield Hit(
                ("activities", index, "legal_bases"),
                msg("ROPA310", activity=activity.id),
                activity.id,
            )


@rule(
    "ROPA311",
    "children-consent",
    Severity.WARNING,
    "8",
    "consent of children without parental authorisation",
    controller_only=True,
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
)
def national_id_unjustified(ctx: Context) -> Iterator[Hit]:
    """An activity processes a national identification number and its only legal basis is
    legitimate_interests; national law usually sets the conditions for such numbers."""
    national_ids = ctx.category_ids(lambda c: c.national_id is True)
    if not national_ids:
        return
    for index, activity in enumerate(ctx.activities):
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
