"""The Data flows sheet: which personal data go to which recipient, where, and on what terms.

"Which personal data go to processors outside the EEA?" took a join of three sheets
(Activities, Recipients, Transfers). Here it is one row per activity and recipient: the
recipient's kind, its Art. 28 contract ("not applicable" where Art. 28(3) binds no contract,
e.g. a public authority or another controller), the countries where it holds or reaches the
data, each transfer to it with its safeguard (for an adequacy decision: the decision in force
on the check date, its date and the condition it sets, such as certification under the EU-US
Data Privacy Framework), and the activity's data categories.

A flow the register does not declare consistently is marked in the last column, in words and
red: a recipient outside the EEA with no transfer declared to it (ROPA504), a transfer to a
recipient the activity does not list or to a country outside the recipient's countries
(ROPA509), a recipient whose countries are not stated (ROPA506, amber), an id not in the
catalogue. An activity that says it discloses to no one has one row saying so; one that does
not say has one row saying "not stated".
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.countries import EEA_COUNTRIES, AdequacyDecision, adequacy_in_force, country_name
from ropa.formats.xlsx._book import Book, header
from ropa.formats.xlsx._cells import Row, Text, Value
from ropa.formats.xlsx._sheets import Renderers, contract_text, destination_text
from ropa.formats.xlsx._words import FLOW_COLUMNS, say
from ropa.model import Activity, Recipient, Transfer
from ropa.text.grammar import cite
from ropa.vocab import RECIPIENT_KINDS, SAFEGUARDS
from ropa.wording import label


def decision_text(decision: AdequacyDecision, lang: str) -> str:
    """The decision's reference in `lang`, as the Official Journal names it."""
    return decision.label(lang)


def flows_rows(book: Book) -> Iterator[Row]:
    """One row per activity and recipient, in the register's order: the activity's recipients
    as listed, then the recipients only its transfers name, then transfers naming none."""
    yield header([say(FLOW_COLUMNS, key, book.lang) for key in FLOW_COLUMNS])
    render = Renderers(book)
    for activity in book.register.activities:
        yield from _activity_flows(book, render, activity)


def _activity_flows(book: Book, render: Renderers, activity: Activity) -> Iterator[Row]:
    transfers = activity.transfers or ()
    listed = list(dict.fromkeys(activity.recipients or ()))
    named = [t.recipient for t in transfers if t.recipient and t.recipient not in listed]
    categories = book.references("data_categories", activity.data_categories, render.category,
                                 book.not_stated)  # fmt: skip
    first = [_card_or_record(book, activity), book.text(activity.name)]
    if activity.recipients is None and not transfers:
        blank = [book.not_stated, "", "", "", "", categories]
        yield [*first, Text(book.not_stated, "bad"), *blank, ""], activity.id
        return
    if not listed and not named and not transfers:
        yield [*first, Text(book.word("none"), "grey"), "", "", "", "", categories,
               ""], activity.id  # fmt: skip
        return
    for ref in (*listed, *dict.fromkeys(named)):
        to_it = [t for t in transfers if t.recipient == ref]
        yield _flow_row(book, activity, ref, to_it, first, categories, ref in listed), activity.id
    for transfer in (t for t in transfers if not t.recipient):
        marks = [book.word("flow_no_recipient")]
        yield [*first, book.not_stated, "", "", "", _transfer_text(book, transfer), categories,
               Text("\n".join(marks), "neutral")], activity.id  # fmt: skip


def _card_or_record(book: Book, activity: Activity) -> Value:
    card = book.card_link(activity)
    if card is not None:
        return card
    target = book.activity_link(activity.id)
    return Text(activity.id, "link", target) if target else activity.id


def _flow_row(book: Book, activity: Activity, ref: str, transfers: list[Transfer],
              first: list[Value], categories: Value, listed: bool) -> list[Value]:  # fmt: skip
    recipient: Recipient | None = book.by_id["recipients"].get(ref)
    if recipient is None:
        unknown = Text(f"{ref} ({book.word('unknown_id')})", "bad")
        safeguards = "\n".join(_transfer_text(book, t) for t in transfers) or ""
        return [*first, ref, "", "", "", safeguards, categories, unknown]
    lang = book.lang
    target = book.link("recipients", recipient.id)
    name: Value = book.text(recipient.name)
    if target is not None:
        name = Text(str(name), "link", target)
    kind = label(RECIPIENT_KINDS, recipient.kind, lang)
    countries = "\n".join(f"{country_name(c, lang)} ({c})" for c in recipient.countries)
    outside = [c for c in recipient.countries if c not in EEA_COUNTRIES]
    if transfers:
        safeguards = "\n\n".join(_transfer_text(book, t) for t in transfers)
    elif recipient.countries and not outside:
        safeguards = book.word("flow_inside_eea")
    else:  # outside the EEA or nowhere stated: the last column says which
        safeguards = book.not_stated
    marks: list[str] = []
    grave = False
    if not listed:
        marks.append(book.word("flow_not_listed"))
        grave = True
    declared = {t.destination for t in transfers}
    undeclared = [c for c in outside if c not in declared]
    if undeclared:
        marks.append(book.word("flow_no_transfer").format(countries=", ".join(undeclared)))
        grave = True
    if recipient.countries:
        elsewhere = [d for d in declared if d not in recipient.countries and len(d) == 2]
        if elsewhere:
            marks.append(book.word("flow_elsewhere").format(countries=", ".join(elsewhere)))
            grave = True
    else:
        marks.append(book.word("flow_location_unknown"))
    if marks:
        mark: Value = Text("\n".join(marks), "bad" if grave else "neutral")
    else:
        mark = Text(book.word("flow_consistent"), "good")
    return [*first, name, kind, contract_text(book, recipient),
            countries or book.not_stated, safeguards, categories, mark]  # fmt: skip


def _transfer_text(book: Book, transfer: Transfer) -> str:
    """`United States (US): Adequacy decision (Art. 45)`, then for an adequacy decision the
    decision in force on the check date with its date and condition, or that none is; the
    derogation's point; the reference."""
    lang = book.lang
    where = destination_text(book, transfer)
    if transfer.destination in EEA_COUNTRIES:
        return f"{where}: {book.word('flow_inside_eea')}"
    if transfer.safeguard is None:
        return f"{where}: {book.not_stated}"
    term = SAFEGUARDS[transfer.safeguard]
    article = term.article
    if transfer.safeguard == "derogation" and transfer.derogation:
        article = f"49(1)({transfer.derogation})"
    lines = [f"{where}: {term.label(lang)} ({cite(article, lang)})"]
    if transfer.safeguard == "adequacy":
        decision = adequacy_in_force(transfer.destination, book.as_of)
        if decision is None:
            lines.append(book.word("flow_no_decision").format(date=book.as_of.isoformat()))
        else:
            lines.append(f"{book.word('flow_decision')}: {decision_text(decision, lang)} "
                         f"({decision.adopted.isoformat()})")  # fmt: skip
            if decision.scope is not None:
                lines.append(f"{book.word('flow_condition')}: {decision.scope.label(lang)}")
    if transfer.reference:
        lines.append(f"{book.word('reference')}: {transfer.reference}")
    return "\n".join(lines)
