"""The Cover: what the checks found first, then the contents, the legend and the register.

An auditor opens the workbook on its first sheet and should have the answer before reading a
second one. So the Cover starts with what the checks found, each count linked to the first
row of its severity on the Findings sheet (which lists findings gravest first, then the
waived ones), and every waived error and warning named by its code, article and waiver (an
error accepted on a mandatory item must not hide in "1 waived"); then the dates the answer
depends on: the check date, the date ropa's adequacy table was last checked, and whether the
register was compared with an earlier edition. Then the contents, each sheet linked with the
question it answers; the legend of colours and states; and last the organisation, the
edition and the counts, as the Cover always gave them.

Two columns, label and value. `computed_label` tells the importer which labels are the
export's own (it reads only the organisation's and the edition's rows back).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa._version import __version__
from ropa.countries import ADEQUACY_CHECKED, EEA_COUNTRIES, country_name
from ropa.formats.xlsx._book import CATALOGUES, Book, header
from ropa.formats.xlsx._cells import Row, Text, Value
from ropa.formats.xlsx._questions import Listed
from ropa.formats.xlsx._sheets import (
    changes_summary,
    contact_text,
    joint_text,
    party_text,
    records_text,
)
from ropa.formats.xlsx._waived import waiver_text
from ropa.formats.xlsx._words import COVER, SHEET_QUESTIONS, SHEETS, WORDS, counted, say, yes_no
from ropa.text import not_stated
from ropa.text.grammar import cite
from ropa.vocab import REGISTER_KINDS

_SEVERITIES = ("error", "warning", "info")
_COUNT_LABEL = {"error": "cover_errors", "warning": "cover_warnings", "info": "cover_info"}
_SECTIONS = ("cover_found", "cover_contents", "cover_legend", "cover_register")
_COMPUTED_WORDS = ("cover_checked_on", "cover_errors", "cover_warnings", "cover_info",
                   "cover_waived", "cover_notices", "cover_earlier", "cover_adequacy",
                   "stated", "not_applicable", "error", "warning", "info", "waived")  # fmt: skip
_WAIVED_LABEL = re.compile(r"^(pieņemts|waived): \S+ \(.+\)$", re.IGNORECASE)
# Legend: the word as the sheets show it, its style, and what it means.
_LEGEND = (
    ("stated", "good", "legend_stated"),
    ("questioned", "questioned", "legend_questioned"),
    ("not_stated", "bad", "legend_missing"),
    ("not_applicable", "grey", "legend_not_applicable"),
    ("error", "error", "legend_error"),
    ("warning", "warning", "legend_warning"),
    ("info", "info", "legend_info"),
    ("waived", "grey", "legend_waived"),
)


def cover_rows(book: Book) -> Iterator[Row]:
    """The Cover's rows: findings and dates, contents, legend, then the register."""
    yield header([book.word("title"), book.register.organisation.name or book.not_stated])
    yield _section(book, "cover_found")
    yield from _found(book)
    yield _section(book, "cover_contents")
    yield from _contents(book)
    yield _section(book, "cover_legend")
    yield from _legend(book)
    yield _section(book, "cover_register")
    yield from _register(book)


def cover_break(book: Book) -> int:
    """The last row before the organisation and the edition: a page break follows it, so that
    the first printed page holds the answers, the contents and the legend."""
    for number, (values, _) in enumerate(cover_rows(book), 1):
        first = values[0] if values else None
        if isinstance(first, Text) and first.value == book.word("cover_register"):
            return number - 1
    raise AssertionError("the Cover has no register section")  # pragma: no cover


def computed_label(label: str, lang: str) -> bool:
    """Whether `label`, the first cell of a Cover row, is one the export computes (a section,
    a count, a date, a sheet of the contents, a legend entry or a waived finding): the
    importer skips such rows."""
    label = label.strip().casefold()
    words = (*_SECTIONS, *_COMPUTED_WORDS)
    if label in {say(WORDS, key, lang).casefold() for key in words}:
        return True
    if label in {say(SHEETS, key, lang).casefold() for key in SHEETS}:
        return True
    if label == not_stated(lang).casefold():
        return True
    if label.startswith(say(WORDS, "questioned", lang).split("{")[0].casefold()):
        return True
    return label == say(WORDS, "title", lang).casefold() or bool(_WAIVED_LABEL.match(label))


def _section(book: Book, key: str) -> Row:
    return [Text(book.word(key), "header"), Text("", "header")], None


def _item(label: str, value: Value) -> Row:
    return [Text(label, "label"), value], None


def _found(book: Book) -> Iterator[Row]:
    """Checked on; open findings by severity, each linked to its first row on Findings; the
    waived ones, then each waived error and warning; export notices; the earlier edition and
    the adequacy table's date."""
    report, lang = book.report, book.lang
    if report is None:
        yield _item(book.word("cover_checked_on"), book.word("validation_not_run"))
    else:
        yield _item(book.word("cover_checked_on"), report.as_of)
        listed = book.questions.listed
        for severity in _SEVERITIES:
            found = [x for x in listed if not x.finding.waived and _severity(x) == severity]
            words = counted(len(found), severity, lang)
            label = book.word(_COUNT_LABEL[severity])
            yield _item(label, _to_findings(words, found))
        waived = [x for x in listed if x.finding.waived]
        yield _item(book.word("cover_waived"), _to_findings(_waived_summary(book, waived), waived))
        for entry in waived:
            if entry.finding.severity.value in ("error", "warning"):
                yield _waived_row(book, entry)
    if book.notices:
        yield _item(book.word("cover_notices"), counted(len(book.notices), "notice", lang))
    if book.since is not None:
        yield _item(say(COVER, "changes_since", lang), changes_summary(book))
    else:
        yield _item(book.word("cover_earlier"), book.word("cover_not_compared"))
    checked = book.word("cover_adequacy_text").format(date=ADEQUACY_CHECKED.isoformat())
    yield _item(book.word("cover_adequacy"), checked)


def _severity(entry: Listed) -> str:
    return entry.finding.severity.value


def _to_findings(words: str, found: list[Listed]) -> Value:
    """`words`, linked to the first of `found` on the Findings sheet when there is one."""
    return Text(words, "link", ("findings", found[0].row)) if found else words


def _waived_summary(book: Book, waived: list[Listed]) -> str:
    """`1 waived: 1 error` (what the waived findings are, gravest first)."""
    lang = book.lang
    total = counted(len(waived), "waived", lang)
    parts = [
        counted(count, severity, lang)
        for severity in _SEVERITIES
        if (count := sum(1 for x in waived if x.finding.severity.value == severity))
    ]
    return f"{total}: {', '.join(parts)}" if parts else total


def _waived_row(book: Book, entry: Listed) -> Row:
    """A waived error or warning: its code and severity (linked to its row on Findings), then
    the article, the activity, the message and the waiver: reason, who, when, until."""
    finding, lang = entry.finding, book.lang
    label = book.word("cover_waived_one").format(
        code=finding.code, severity=book.word(finding.severity.value)
    )
    lines = [cite(finding.article, lang)]
    if finding.activity:
        lines[0] += f"; {finding.activity}"
    lines.append(finding.text(lang))
    lines.append(waiver_text(book, finding))
    style = "error" if finding.severity.value == "error" else "warning"
    return [Text(label, "link", ("findings", entry.row)), Text("\n".join(lines), style)], None


def _contents(book: Book) -> Iterator[Row]:
    """Each sheet after the Cover, linked, with the question it answers."""
    for key in book.sheet_keys:
        if key in ("cover", "data"):
            continue
        question = SHEET_QUESTIONS.get(key)
        yield (
            [
                Text(say(SHEETS, key, book.lang), "link", (key, 1)),
                say(SHEET_QUESTIONS, key, book.lang) if question else "",
            ],
            None,
        )


def _legend(book: Book) -> Iterator[Row]:
    """The states and colours the sheets use, each as the sheets show it, and its meaning."""
    for key, style, meaning in _LEGEND:
        if key == "not_stated":
            shown = book.not_stated
        elif key == "questioned":
            shown = book.word(key).format(codes="ROPA401")
        else:
            shown = book.word(key)
        yield [Text(shown, style), book.word(meaning)], None


def _register(book: Book) -> Iterator[Row]:
    """Who keeps the register, which edition, where the workbook came from, the counts."""
    register, lang = book.register, book.lang
    info, organisation = register.register, register.organisation

    def item(key: str, value: Value) -> Row:
        return _item(say(COVER, key, lang), value)

    yield item("organisation", book.or_not_stated(organisation.name))
    yield item("registration_number", book.or_not_stated(organisation.registration_number))
    yield item("address", book.or_not_stated(book.text(organisation.address)))
    country = organisation.country
    yield item(
        "country", f"{country_name(country, lang)} ({country})" if country else book.not_stated
    )
    yield item("public_body", yes_no(organisation.public_body, lang, unknown=book.not_stated))
    yield item("contact", book.or_not_stated(contact_text(book, organisation.contact)))
    yield item("dpo", party_text(book, organisation.dpo) or book.not_stated)
    representative = party_text(book, organisation.representative)
    if not representative:
        in_eea = country in EEA_COUNTRIES if country else False
        representative = book.word("not_applicable") if in_eea else book.not_stated
    yield item("representative", representative)
    joint = "\n\n".join(joint_text(book, entry) for entry in organisation.joint_controllers)
    yield item("joint_controllers", joint or book.word("none"))
    kind = REGISTER_KINDS[info.kind]
    yield item("kind", f"{kind.label(lang)} ({cite(kind.article, lang)})")
    if book.processor_record:  # a controller's register reads as it always has
        yield item("records", records_text(book))
    yield item("version", book.or_not_stated(info.version))
    yield item("reviewed", info.reviewed or book.not_stated)
    yield item("approved_by", book.or_not_stated(info.approved_by))
    yield item("language", info.language)
    yield item("generated_by", f"ropa {__version__}")
    yield item("as_of", book.as_of)
    yield item("source_file", book.source_file)
    if len(book.source_files) > 1:
        yield item("fragments", "\n".join(book.source_files[1:]))
    yield item("source_sha256", book.source_sha256)
    if book.data_sha256 is not None:  # written after the data sheet, which it vouches for
        yield item("data_sha256", book.data_sha256)
    yield item("count_activities", len(register.activities))
    if book.processor_record:
        yield item("count_processor_activities", len(book.processor_activities))
        yield item("count_controllers", len(register.controllers))
    for key in CATALOGUES:
        yield item(f"count_{key}", len(getattr(register, key)))
    yield item("count_transfers", sum(len(a.transfers or ()) for a in register.activities))
    waivers = len(register.register.waivers) + sum(len(a.waivers) for a in register.activities)
    yield item("count_waivers", waivers)
    yield item("marked_texts", marked_texts_summary(book))


def marked_texts_summary(book: Book) -> str:
    """How many register texts the workbook shows in another language than its own, marked
    with that language (`Book.text`); "none" when every text is in the workbook's language.
    Right: the Cover is written after every other sheet."""
    count = len(book.marked)
    if not count:
        return book.word("none")
    return book.word("marked_texts").format(count=counted(count, "text", book.lang))


def cover_row(book: Book, key: str) -> int:
    """The row of the Cover's item `key` (a `COVER` key), where a link to it points; the
    title row when the Cover has no such item."""
    rows = book.rows.get("cover")
    if rows is None:
        labels = {say(COVER, item, book.lang): item for item in COVER}
        rows = {}
        for number, (values, _) in enumerate(cover_rows(book), 1):
            first = values[0] if values else None
            label = first.value if isinstance(first, Text) else first
            if isinstance(label, str) and label in labels:
                rows.setdefault(labels[label], number)
        book.rows["cover"] = rows
    return rows.get(key, 1)
