"""From a register to the sections of its privacy notice (GDPR Art. 13 and 14), in one language.

The notice says only what the register says. Where the register is silent the notice is
silent too (it does not write "not stated" to the public); the `--draft` section then names
what is missing. The sections follow Art. 13: who we are, what data, from where, why and on
what basis (each purpose with its data, bases and retention, as the published policy groups
them), who receives the data, transfers, retention, automated decisions, rights, complaints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ropa.countries import country_name
from ropa.model import (
    Activity,
    ConsentBasis,
    Contact,
    LegalBasis,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    Party,
    PublicTaskBasis,
)
from ropa.notice._document import (
    Block,
    BulletList,
    Document,
    Inline,
    Item,
    Line,
    Section,
    Strong,
    labelled,
    paragraph,
)
from ropa.notice._gaps import INDIRECT_SOURCES, find_gaps
from ropa.notice._phrases import Phrases, article, join_or, long_date, lower_first, phrases
from ropa.notice._view import RegisterView, activity_recipients, web_link
from ropa.notice.authorities import SupervisoryAuthority
from ropa.rights import Applicability, RightStatus, rights_of
from ropa.vocab import (
    RECIPIENT_KINDS,
    REQUIREMENT_KINDS,
    RIGHTS,
    SAFEGUARDS,
    SOURCES,
    SPECIAL_CONDITIONS,
    SPECIAL_KINDS,
)
from ropa.wording import join, retention_in_words

# Safeguards the controller can hand over as a document (Art. 13(1)(f): "the means by which to
# obtain a copy of them"); an adequacy decision or a derogation is no such document.
_COPYABLE_SAFEGUARDS = frozenset({"scc", "bcr", "code_of_conduct", "certification"})


def build_notice(
    view: RegisterView, *, authority: SupervisoryAuthority | None, draft: bool
) -> Document:
    """The notice of `view`'s register in `view.lang`."""
    p = phrases(view.lang)
    register = view.register
    reviewed = register.register.reviewed
    sections = [
        _controller(view, p),
        _categories(view, p),
        _sources(view, p),
        _purposes(view, p),
        _recipients(view, p),
        _transfers(view, p),
        _retention(view, p),
        _automated(view, p),
        _rights(view, p),
        _complaint(view, p, authority),
    ]
    if draft:
        sections.append(_draft(view, p, authority_known=authority is not None))
    # The notice says it gives what Art. 13 and 14 require only when it does: when the
    # --draft section would list nothing.
    complete = not find_gaps(view, authority_known=authority is not None)
    intro = (*p.intro, p.complete) if complete else p.intro
    return Document(
        lang=view.lang,
        title=p.title,
        subtitle=register.organisation.name or "",
        updated=p.updated.format(date=long_date(reviewed, view.lang)) if reviewed else "",
        intro=tuple(paragraph(sentence) for sentence in intro),
        sections=tuple(section for section in sections if section.blocks or section.subsections),
    )


def _section(title: str, *blocks: Block | None) -> Section:
    return Section(title, tuple(block for block in blocks if block is not None))


def _bullets(items: Iterable[Item | None]) -> BulletList | None:
    present = tuple(item for item in items if item is not None)
    return BulletList(present) if present else None


# --- Who we are -------------------------------------------------------------------------------


def _controller(view: RegisterView, p: Phrases) -> Section:
    organisation = view.register.organisation
    address = view.text(organisation.address)
    contact = organisation.contact or Contact()
    details = _bullets(
        [
            labelled(p.controller, organisation.name) if organisation.name else None,
            labelled(p.registration_number, organisation.registration_number)
            if organisation.registration_number
            else None,
            labelled(p.address, address) if address else None,
            *(labelled(label, piece) for label, piece in _contact_pieces(contact, p)),
            _party(view, p.dpo, organisation.dpo, p),
            _party(view, p.representative, organisation.representative, p),
            _joint_controllers(view, p),
        ]
    )
    note = view.text(contact.note)
    return _section(p.controller_title, details, paragraph(note) if note else None)


def _contact_pieces(contact: Contact, p: Phrases) -> list[tuple[str, Inline]]:
    pieces: list[tuple[str, Inline]] = []
    if contact.email:
        pieces.append((p.email, contact.email))
    if contact.phone:
        pieces.append((p.phone, contact.phone))
    if contact.url:
        pieces.append((p.website, web_link(contact.url)))
    return pieces


def _contact_line(view: RegisterView, contact: Contact | None, p: Phrases) -> list[Inline]:
    """ "(e-mail: ...; phone: ...; https://...)" after a name, or nothing."""
    if contact is None:
        return []
    parts: list[list[Inline]] = [
        [f"{lower_first(label)}: ", piece] for label, piece in _contact_pieces(contact, p)
    ]
    note = view.text(contact.note)
    if note:
        parts.append([note])
    if not parts:
        return []
    line: list[Inline] = [" ("]
    for number, part in enumerate(parts):
        line.extend(["; "] if number else [])
        line.extend(part)
    line.append(")")
    return line


def _party(view: RegisterView, label: str, party: Party | None, p: Phrases) -> Item | None:
    if party is None:
        return None
    return labelled(label, party.name, *_contact_line(view, party.contact, p))


def _joint_controllers(view: RegisterView, p: Phrases) -> Item | None:
    joint = view.register.organisation.joint_controllers
    if not joint:
        return None
    lines: list[Line] = []
    for controller in joint:
        line: list[Inline] = [controller.name, *_contact_line(view, controller.contact, p)]
        arrangement = view.text(controller.arrangement)
        if arrangement:
            line.append(f"; {p.arrangement}: {arrangement}")
        lines.append(tuple(line))
    return labelled(p.joint_controllers, children=tuple(lines))


# --- What data, from where --------------------------------------------------------------------


def _categories(view: RegisterView, p: Phrases) -> Section:
    items = []
    for category_id in view.used_categories():
        content: list[Inline] = [Strong(view.category_name(category_id))]
        category = view.category(category_id)
        extras = []
        if category is not None:
            examples = view.text(category.examples)
            if examples:
                extras.append(p.for_example.format(examples=examples))
            if category.special is not None:
                kind = lower_first(SPECIAL_KINDS[category.special].label(view.lang))
                extras.append(p.special_category.format(kind=kind))
        if extras:
            content.append(f" ({'; '.join(extras)})")
        items.append(Item(tuple(content)))
    if not items:
        return _section(p.categories_title)
    return _section(p.categories_title, paragraph(p.categories_lead), BulletList(tuple(items)))


def _sources(view: RegisterView, p: Phrases) -> Section:
    items = []
    for source in SOURCES:
        concerned = [a for a in view.activities if source in a.sources]
        if not concerned:
            continue
        children: tuple[Line, ...] = ()
        if source in INDIRECT_SOURCES:
            # Art. 14(1)(d): for data not obtained from the person, say which categories.
            children = tuple((_with_categories(view, a),) for a in concerned)
        items.append(Item((p.sources[source],), children))
    if not items:
        return _section(p.sources_title)
    return _section(p.sources_title, paragraph(p.sources_lead), BulletList(tuple(items)))


def _with_categories(view: RegisterView, activity: Activity) -> str:
    categories = join((view.category_name(c) for c in activity.data_categories), view.lang)
    return f"{view.name(activity)}: {categories}" if categories else view.name(activity)


# --- Purposes ---------------------------------------------------------------------------------


def _purposes(view: RegisterView, p: Phrases) -> Section:
    subsections = tuple(
        _purpose(view, p, number, activity) for number, activity in enumerate(view.activities, 1)
    )
    if not subsections:
        return Section(p.purposes_title)
    return Section(p.purposes_title, (paragraph(p.purposes_lead),), subsections)


def _purpose(view: RegisterView, p: Phrases, number: int, activity: Activity) -> Section:
    name = view.name(activity)
    description = view.text(activity.description)
    # Registers often repeat the parenthesis of a name as its description; say it once.
    if description and description.casefold() in name.casefold():
        description = ""
    subjects = join((view.subject_name(s) for s in activity.data_subjects), view.lang)
    categories = join((view.category_name(c) for c in activity.data_categories), view.lang)
    bases = [_basis(view, p, basis) for basis in activity.legal_bases]
    conditions = activity.special_condition_codes()
    rule = view.retention(activity)
    details = _bullets(
        [
            labelled(p.whose_data, subjects) if subjects else None,
            labelled(p.personal_data, categories) if categories else None,
            labelled(p.legal_basis[len(bases) > 1], "; ".join(bases)) if bases else None,
            labelled(
                p.special_condition,
                "; ".join(_special_condition(code, view.lang) for code in conditions),
            )
            if conditions
            else None,
            labelled(p.retention, retention_in_words(view.register, rule, view.lang))
            if rule is not None
            else None,
            labelled(p.source_details, view.text(activity.source_details))
            if activity.source_details is not None
            else None,
            labelled(p.requirement, _requirement(view, p, activity))
            if activity.requirement is not None
            else None,
        ]
    )
    return _section(f"{number}. {name}", paragraph(description) if description else None, details)


def _basis(view: RegisterView, p: Phrases, basis: LegalBasis) -> str:
    """A legal basis as the notice states it: "leģitīmās intereses: pakalpojuma attīstībai"."""
    phrase = p.bases[basis.basis]
    if isinstance(basis, LegitimateInterestsBasis) and basis.interest is not None:
        phrase = p.interest.format(interest=view.text(basis.interest))
    if isinstance(basis, (LegalObligationBasis, PublicTaskBasis)) and basis.law is not None:
        phrase = p.law.format(basis=phrase, law=view.text(basis.law))
    covers = view.text(basis.covers)
    if covers:
        phrase = p.covers.format(basis=phrase, covers=covers)
    return phrase


def _requirement(view: RegisterView, p: Phrases, activity: Activity) -> str:
    """The Art. 13(2)(e) statement: the kind of requirement, whether the person must provide
    the data, and what follows if not."""
    requirement = activity.requirement
    assert requirement is not None
    parts = [REQUIREMENT_KINDS[requirement.kind].label(view.lang)]
    if requirement.obliged is not None:
        parts.append(p.obliged[0] if requirement.obliged else p.obliged[1])
    consequences = view.text(requirement.consequences)
    if consequences:
        parts.append(p.if_not.format(consequences=consequences))
    return "; ".join(parts)


def _special_condition(condition: str, lang: str) -> str:
    term = SPECIAL_CONDITIONS[condition]
    return f"{lower_first(term.label(lang))} ({article(term.article, lang)})"


# --- Recipients, transfers, retention, automated decisions ------------------------------------


def _recipients(view: RegisterView, p: Phrases) -> Section:
    stated = [a for a in view.activities if a.recipients is not None]
    if not stated:
        return _section(p.recipients_title)
    used = view.used_recipients()
    if not used:
        # Never "we do not disclose" beside a transfer: a transfer discloses the data.
        transfers = any(activity.transfers for activity in view.activities)
        if len(stated) == len(view.activities) and not transfers:
            return _section(p.recipients_title, paragraph(p.no_recipients))
        return _section(p.recipients_title)
    items = []
    for recipient_id in used:
        content: list[Inline] = [Strong(view.recipient_name(recipient_id))]
        recipient = view.recipient(recipient_id)
        if recipient is not None:
            content.append(f" ({lower_first(RECIPIENT_KINDS[recipient.kind].label(view.lang))})")
            description = view.text(recipient.description)
            if description:
                content.append(f": {description}")
        concerned = [a for a in view.activities if recipient_id in activity_recipients(a)]
        children: tuple[Line, ...] = ()
        if len(concerned) < len(view.activities):
            content.append(f" — {p.only_for}")
            children = view.names(concerned)
        items.append(Item(tuple(content), children))
    return _section(p.recipients_title, paragraph(p.recipients_lead), BulletList(tuple(items)))


def _transfers(view: RegisterView, p: Phrases) -> Section:
    groups: dict[tuple[str, str | None, str | None], list[Activity]] = {}
    for activity in view.activities:
        for transfer in activity.transfers or ():
            key = (transfer.destination, transfer.recipient, transfer.safeguard)
            groups.setdefault(key, []).append(activity)
    if groups:
        items = tuple(
            _transfer(view, p, country, recipient, safeguard, concerned)
            for (country, recipient, safeguard), concerned in groups.items()
        )
        copyable = any(safeguard in _COPYABLE_SAFEGUARDS for _, _, safeguard in groups)
        return _section(
            p.transfers_title,
            paragraph(p.transfers_lead),
            BulletList(items),
            paragraph(p.transfers_copy) if copyable else None,
        )
    # `transfers: []` on every activity says "none"; a missing field says nothing at all.
    if view.activities and all(a.transfers is not None for a in view.activities):
        return _section(p.transfers_title, paragraph(p.transfers_none))
    return _section(p.transfers_title)


def _transfer(
    view: RegisterView,
    p: Phrases,
    country: str,
    recipient: str | None,
    safeguard: str | None,
    concerned: list[Activity],
) -> Item:
    details = []
    if safeguard is not None:
        details.append(SAFEGUARDS[safeguard].label(view.lang))
    if recipient is not None:
        details.append(p.transfer_recipient.format(recipient=view.recipient_name(recipient)))
    return labelled(
        country_name(country, view.lang), "; ".join(details), children=view.names(concerned)
    )


def _retention(view: RegisterView, p: Phrases) -> Section:
    items = []
    for rule in view.used_retention_rules():
        basis = view.text(rule.basis)
        if not basis:
            continue
        # The purposes show the period in words; name it here too, so the two can be matched.
        name = view.text(rule.name)
        in_words = retention_in_words(view.register, rule, view.lang)
        label = name if in_words.casefold() == name.casefold() else f"{name} ({in_words})"
        items.append(labelled(label, basis))
    if not items:
        return _section(p.retention_title)
    return _section(p.retention_title, paragraph(p.retention_lead), BulletList(tuple(items)))


def _automated(view: RegisterView, p: Phrases) -> Section:
    deciding = [a for a in view.activities if a.automated_decisions is True]
    profiling = [a for a in view.activities if a.profiling is True]
    blocks: list[Block] = []
    if deciding:
        blocks += [paragraph(p.automated_some), _name_list(view, deciding)]
    elif view.activities and all(a.automated_decisions is False for a in view.activities):
        blocks.append(paragraph(p.automated_none))
    if profiling:
        blocks += [paragraph(p.profiling), _name_list(view, profiling)]
    return _section(p.automated_title, *blocks)


def _name_list(view: RegisterView, activities: list[Activity]) -> BulletList:
    return BulletList(tuple(Item(line) for line in view.names(activities)))


# --- Rights and complaints --------------------------------------------------------------------


def _rights(view: RegisterView, p: Phrases) -> Section:
    if not view.activities:
        return _section(p.rights_title)
    # One status per right for each activity, in the order of the activities: the same
    # derivation as the workbook's Rights sheet and the JSON export.
    statuses: list[dict[str, RightStatus]] = [
        {status.right: status for status in rights_of(activity)} for activity in view.activities
    ]

    def having(right: str, *wanted: Applicability, ground: str | None = None) -> list[Activity]:
        pairs = zip(view.activities, statuses, strict=True)
        return [
            activity
            for activity, by_right in pairs
            if by_right[right].status in wanted
            and (ground is None or ground in by_right[right].grounds)
        ]

    by_activity = {id(activity): found for activity, found in zip(view.activities, statuses,
                                                                  strict=True)}  # fmt: skip

    def statuses_of(activity: Activity) -> dict[str, RightStatus]:
        return by_activity[id(activity)]

    applies, conditional = Applicability.APPLIES, Applicability.CONDITIONAL
    items: list[Item] = []
    for right in RIGHTS:
        label = RIGHTS[right].label(view.lang)
        description = p.rights[right]
        if right == "erasure":
            limited = having(right, conditional)
            if limited:
                points = {point for activity in limited
                          for point in statuses_of(activity)["erasure"].grounds}  # fmt: skip
                limits = join_or(
                    (text for point, text in p.erasure_limits.items() if point in points),
                    view.lang,
                )
                description = f"{description} {p.erasure_limited.format(limits=limits)}"
            items.append(labelled(label, description, children=view.names(limited)))
        elif right == "objection":
            items.extend(_objection(view, p, label, having))
        elif right == "withdraw_consent":
            consent = having(right, applies)
            if consent:
                items.append(labelled(label, description, children=_withdrawal(view, consent)))
        elif right in {"portability", "automated_decision"}:
            # Portability is always conditional (Art. 20(1)(b): automated means); the
            # description states the conditions.
            found = having(right, applies, conditional if right == "portability" else applies)
            if found:
                items.append(labelled(label, description, children=view.names(found)))
        else:
            items.append(labelled(label, description))
    closing = p.rights_closing.format(section=p.controller_title)
    return _section(
        p.rights_title, paragraph(p.rights_lead), BulletList(tuple(items)), paragraph(closing)
    )


def _objection(
    view: RegisterView, p: Phrases, label: str, having: Callable[..., list[Activity]]
) -> list[Item]:
    items = []
    particular = having("objection", Applicability.APPLIES, ground="21(1)")
    if particular:
        codes = {basis.basis for activity in particular for basis in activity.legal_bases}
        bases = join_or((p.objection_bases[c] for c in p.objection_bases if c in codes), view.lang)
        description = p.rights["objection"].format(bases=bases)
        items.append(labelled(label, description, children=view.names(particular)))
    # Art. 21(2)-(3): objection to direct marketing, whatever the legal basis.
    marketing = having("objection", Applicability.APPLIES, ground="21(2)")
    if marketing:
        items.append(
            labelled(p.direct_marketing_label, p.direct_marketing, children=view.names(marketing))
        )
    # Art. 21(6): research and statistics.
    research = having("objection", Applicability.APPLIES, Applicability.CONDITIONAL, ground="21(6)")
    if research:
        items.append(labelled(p.research_label, p.research, children=view.names(research)))
    return items


def _withdrawal(view: RegisterView, activities: list[Activity]) -> tuple[Line, ...]:
    lines = []
    for activity in activities:
        how = " ".join(
            view.text(basis.withdrawal)
            for basis in activity.legal_bases
            if isinstance(basis, ConsentBasis) and basis.withdrawal is not None
        )
        lines.append((f"{view.name(activity)} — {how}" if how else view.name(activity),))
    return tuple(lines)


def _complaint(view: RegisterView, p: Phrases, authority: SupervisoryAuthority | None) -> Section:
    if authority is None:
        return _section(p.complaint_title, paragraph(p.complaint), paragraph(p.complaint_generic))
    details = _bullets(
        [
            labelled(p.authority, authority.name_in(view.lang)),
            labelled(p.postal_address, authority.address) if authority.address else None,
            labelled(p.website, web_link(authority.url)) if authority.url else None,
        ]
    )
    return _section(
        p.complaint_title, paragraph(p.complaint), details, paragraph(p.complaint_elsewhere)
    )


# --- The --draft section ----------------------------------------------------------------------


def _draft(view: RegisterView, p: Phrases, *, authority_known: bool) -> Section:
    items = []
    for gap in find_gaps(view, authority_known=authority_known):
        phrase = p.draft[gap.key]
        content = f"{phrase.text} ({article(phrase.article, view.lang)})"
        details = (p.every_purpose,) if gap.every_purpose else gap.details
        items.append(Item((content,), tuple((detail,) for detail in details)))
    body: Block = BulletList(tuple(items)) if items else paragraph(p.draft_nothing)
    blocks: list[Block] = [paragraph(p.draft_intro), body]
    if view.left_out:
        blocks.append(paragraph(p.draft_left_out))
        blocks.append(BulletList(tuple(Item((view.name(a),)) for a in view.left_out)))
    return Section(p.draft_title, tuple(blocks), draft=True)
