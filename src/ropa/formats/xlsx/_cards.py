"""Record cards: each activity on one printed A4 page, as the CNIL's *fiche* per processing.

One sheet, two columns (item, entry), one card after another, a page break after each. A card
gives the activity's id and name, then label and value in the order of Art. 30(1)(a)-(g) (of
Art. 30(2)(a)-(d) for an activity the organisation carries out as a processor), then the good
practice fields, then every finding that concerns the activity (its own and those on the
catalogue entries it uses, `_questions`): open ones in their severity's colour, waived ones
grey with the reason they were accepted for.

A card's length is known before it is written (`card_starts`): every other sheet's activity
name links to the first row of its card, and the page breaks are set before the rows are.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa.formats.xlsx._book import Book, header
from ropa.formats.xlsx._cells import Row, Text, Value
from ropa.formats.xlsx._questions import Listed
from ropa.formats.xlsx._sheets import (
    Renderers,
    activity_row,
    contact_text,
    joint_text,
    party_text,
    processor_row,
)
from ropa.formats.xlsx._waived import waiver_text
from ropa.formats.xlsx._words import ACTIVITY_COLUMNS, COVER, PROCESSOR_COLUMNS, counted, say
from ropa.model import Activity
from ropa.text.grammar import cite
from ropa.vocab import ARTICLE30_ITEMS

WIDTHS = (32, 66)
"""Item and entry columns, in characters: narrow enough for an upright A4 page."""

# Activity fields in the order of the article, each with the item it answers (None: good
# practice). Item (a), the controller or processor, is the organisation's and comes first.
_CONTROLLER_FIELDS: tuple[tuple[str, str | None], ...] = (
    ("purpose", "b"), ("description", "b"), ("data_subjects", "c"), ("data_categories", "c"),
    ("recipients", "d"), ("transfers", "e"), ("retention", "f"), ("security_measures", "g"),
    ("legal_bases", None), ("special_condition", None), ("sources", None),
    ("automated_decisions", None), ("profiling", None), ("large_scale", None), ("dpia", None),
    ("systems", None), ("owner", None), ("reviewed", None),
)  # fmt: skip
_PROCESSOR_FIELDS: tuple[tuple[str, str | None], ...] = (
    ("on_behalf_of", "a"), ("description", "b"), ("transfers", "c"), ("security_measures", "d"),
    ("data_subjects", None), ("data_categories", None), ("recipients", None), ("systems", None),
    ("owner", None), ("reviewed", None),
)  # fmt: skip


def _is_processor(book: Book, activity: Activity) -> bool:
    return book.register.role_of(activity) == "processor"


def _length(book: Book, activity: Activity, processor: bool) -> int:
    fields = _PROCESSOR_FIELDS if processor else _CONTROLLER_FIELDS
    # the title, (a) the organisation (a controller's card), the fields and the heading of the
    # good practice ones, the findings heading, the findings
    return 1 + (0 if processor else 1) + len(fields) + 2 + len(_findings(book, activity))


def _findings(book: Book, activity: Activity) -> list[Listed]:
    return book.questions.concerning(activity) if book.report is not None else []


def card_starts(book: Book) -> tuple[dict[str, int], list[int]]:
    """Activity id -> the row its card starts on (the first card when an id repeats), and the
    last row of each card (a page break follows it)."""
    starts: dict[str, int] = {}
    ends: list[int] = []
    row = 2
    for activity in book.register.activities:
        starts.setdefault(activity.id, row)
        row += _length(book, activity, _is_processor(book, activity))
        ends.append(row - 1)
    return starts, ends


def cards_rows(book: Book) -> Iterator[Row]:
    """The cards, one per activity in register order, under an item / entry header."""
    lang = book.lang
    item = ", ".join(paragraph for paragraph, held in (
        ("30(1)", book.controller_record), ("30(2)", book.processor_record)) if held)  # fmt: skip
    yield header([f"{book.word('card_item')} ({cite(item, lang)})", book.word("card_entry")])
    render = Renderers(book)
    organisation = _organisation_text(book)
    for activity in book.register.activities:
        processor = _is_processor(book, activity)
        rows = list(_card(book, render, activity, processor, organisation, lang))
        assert len(rows) == _length(book, activity, processor)  # the links and breaks rely on it
        yield from rows


def _card(book: Book, render: Renderers, activity: Activity, processor: bool,
          organisation: str, lang: str) -> Iterator[Row]:  # fmt: skip
    yield [Text(activity.id, "header"), Text(book.text(activity.name), "header")], activity.id
    if processor:
        columns, values = PROCESSOR_COLUMNS, processor_row(book, render, activity)
        fields = _PROCESSOR_FIELDS
    else:
        columns, values = ACTIVITY_COLUMNS, activity_row(book, render, activity)
        fields = _CONTROLLER_FIELDS
        (_, term), *_ = ARTICLE30_ITEMS.items()
        yield [Text(f"(a) {term.label(lang)}", "label"), organisation], activity.id
    cells = dict(zip(columns, values, strict=True))
    practice = False
    for key, item in fields:
        name = say(columns, key, lang)
        if item is None and not practice:
            practice = True
            yield [Text(book.word("card_good_practice"), "label"), ""], activity.id
        yield [Text(f"({item}) {name}" if item else name, "label"), _plain(cells[key])], activity.id
    found = _findings(book, activity)
    summary = book.word("none_recorded") if not found else _count(book, found)
    yield [Text(book.word("card_findings"), "label"), summary], activity.id
    for listed in found:
        yield _finding_line(book, listed), activity.id


def _plain(value: Value) -> Value:
    # A linked cell does not wrap in LibreOffice; on a card the text matters, not the link.
    if isinstance(value, Text) and value.link is not None:
        return value.value
    return value


def _count(book: Book, found: list[Listed]) -> str:
    waived = sum(1 for listed in found if listed.finding.waived)
    text = counted(len(found) - waived, "open_finding", book.lang)
    return f"{text}, {counted(waived, 'waived', book.lang)}" if waived else text


def _finding_line(book: Book, listed: Listed) -> list[Value]:
    finding = listed.finding
    severity = finding.severity.value
    label = f"{finding.code} ({book.word(severity)})"
    message = finding.text(book.lang)  # the article is on the Findings sheet, a link away
    if not finding.waived:
        return [Text(label, severity, ("findings", listed.row)), message]
    lines = [message, f"{book.word('waived')}: {waiver_text(book, finding)}"]
    return [Text(label, "grey", ("findings", listed.row)), Text("\n".join(lines), "grey")]


def _organisation_text(book: Book) -> str:
    """Item (a): the controller's name and contact, its DPO, representative, joint
    controllers, each as the cover gives them."""
    organisation = book.register.organisation
    lines = [organisation.name or book.not_stated]
    contact = contact_text(book, organisation.contact)
    if contact:
        lines.append(contact)
    for key, party in (("dpo", organisation.dpo), ("representative", organisation.representative)):
        text = party_text(book, party)
        if text:
            lines.append(f"{say(COVER, key, book.lang)}: {text}")
    for joint in organisation.joint_controllers:
        lines.append(f"{say(COVER, 'joint_controllers', book.lang)}: {joint_text(book, joint)}")
    return "\n".join(lines)
