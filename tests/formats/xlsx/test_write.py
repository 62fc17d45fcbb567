"""The Excel export: complete against the register, safe to open, reproducible, atomic.

The workbook is read back with openpyxl and every cell of every sheet is compared with what
the register (and the validation report) says, in Latvian and in English.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import ropa
from conftest import AS_OF, SHIPPED
from ropa import __version__
from ropa.countries import country_name
from ropa.findings import Report
from ropa.formats import EXPORTERS, get
from ropa.formats.xlsx import _sheets as sheets_module
from ropa.formats.xlsx import write as excel_module
from ropa.formats.xlsx.write import export_excel
from ropa.model import Register
from ropa.rights import Applicability, rights_of
from ropa.rules import validate
from ropa.text.grammar import cite
from ropa.text.messages import message
from ropa.vocab import LEGAL_BASES, PURPOSES, RECIPIENT_KINDS, REQUIREMENT_KINDS, RIGHTS, SOURCES
from ropa.wording import not_stated, retention_in_words, text
from strategies import registers

LANGS = ("lv", "en")

TITLES = {
    "en": ["Cover", "Activities", "Data subjects", "Data categories", "Recipients",
           "Retention rules", "Security measures", "Assessments", "Transfers",
           "Data flows", "Retention by data category", "Art. 30 coverage", "Rights",
           "Findings", "Waivers", "Record cards"],
    "lv": ["Titullapa", "Apstrādes darbības", "Datu subjekti", "Datu kategorijas", "Saņēmēji",
           "Glabāšanas termiņi", "Drošības pasākumi", "Novērtējumi",
           "Nosūtīšana uz trešām valstīm", "Datu plūsmas",
           "Glabāšana pa datu kategorijām", "30. panta pilnīgums", "Datu subjektu tiesības",
           "Konstatējumi",
           "Pieņemtie konstatējumi", "Darbību kartītes"],
}  # fmt: skip
PROCESSOR_TITLE = {"en": "Processing for controllers", "lv": "Apstrāde pārziņu vārdā"}
PROCESSOR_TITLES = {
    "en": [PROCESSOR_TITLE["en"], "Controllers", "Art. 30(2) coverage"],
    "lv": [PROCESSOR_TITLE["lv"], "Pārziņi", "30. panta 2. punkta pilnīgums"],
}


def expected_titles(register: Register, lang: str) -> list[str]:
    """The visible sheets: the controller's record (Activities, Art. 30 coverage, Rights) when
    the register holds it, the processor's (Art. 30(2)) when it holds that."""
    titles = TITLES[lang]
    controller = register.register.kind == "controller" or bool(register.controller_activities)
    processor = (register.register.kind == "processor" or bool(register.controllers)
                 or bool(register.processor_activities))  # fmt: skip
    processing, controllers, coverage = PROCESSOR_TITLES[lang]
    result = [titles[0]]
    result += [titles[1]] if controller else []
    result += [processing, controllers] if processor else []
    result += titles[2:10]  # the catalogues, Transfers, Data flows
    result += titles[10:12] if controller else []  # Retention by data category, Art. 30 coverage
    result += [coverage] if processor else []
    result += [titles[12]] if controller else []
    return [*result, *titles[13:]]


WORDS = {
    "en": {"none": "none", "na": "not applicable", "stated": "stated", "missing": "missing",
           "not_stated": "not stated", "questioned": "stated, but questioned: ROPA401",
           "applies": "applies", "conditional": "conditional", "does_not_apply": "does not apply",
           "yes": "yes", "no": "no", "none_recorded": "none recorded"},
    "lv": {"none": "nav", "na": "nav piemērojams", "stated": "norādīts", "missing": "trūkst",
           "not_stated": "nav norādīts", "questioned": "norādīts, bet apšaubīts: ROPA401",
           "applies": "attiecas", "conditional": "attiecas ar nosacījumiem",
           "does_not_apply": "neattiecas", "yes": "jā", "no": "nē",
           "none_recorded": "nav reģistrēts"},
}  # fmt: skip


@pytest.fixture(scope="module")
def report(shipped: Register) -> Report:
    return validate(shipped, as_of=AS_OF)


@pytest.fixture(scope="module")
def workbooks(
    shipped: Register, report: Report, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("xlsx")
    paths = {}
    for lang in LANGS:
        paths[lang] = folder / f"ropa-{lang}.xlsx"
        export_excel(shipped, paths[lang], lang=lang, report=report)
    return paths


def visible_sheets(book: Any) -> list[Worksheet]:
    """The sheets an auditor sees (the hidden data sheet left out)."""
    return [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]


def rows_of(sheet: Worksheet) -> list[list[Any]]:
    """A sheet's values, row by row, trailing empty cells dropped."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    return rows


def minimal(**activity: Any) -> dict[str, Any]:
    """A small register as plain data; `activity` fields replace the one activity's."""
    data: dict[str, Any] = {
        "format": "ropa/1",
        "register": {"kind": "controller", "language": "en"},
        "organisation": {"name": "Example SIA", "country": "LV",
                         "contact": {"email": "dpo@example.lv"}},
        "data_subjects": [{"id": "customers", "name": "Customers"}],
        "data_categories": [{"id": "contact", "name": "Contact details"}],
        "recipients": [{"id": "hosting", "name": "Hosting", "kind": "processor",
                        "countries": ["LV"]}],
        "retention_rules": [{"id": "short", "name": "Short", "period": "P1Y"}],
        "security_measures": [{"id": "mfa", "name": "MFA", "kind": "technical"}],
        "activities": [{"id": "orders", "name": "Orders", "purpose": "service_provision",
                        "legal_bases": [{"basis": "contract"}], "data_subjects": ["customers"],
                        "data_categories": ["contact"], "recipients": ["hosting"],
                        "transfers": [], "retention": "short", "security_measures": ["mfa"]}],
    }  # fmt: skip
    data["activities"][0].update(activity)
    return data


def export(tmp_path: Path, data: dict[str, Any], lang: str = "en", name: str = "out.xlsx",
           **options: Any) -> Path:  # fmt: skip
    register = Register.model_validate(data)
    path = tmp_path / name
    export_excel(register, path, lang=lang, report=validate(register, as_of=AS_OF), **options)
    return path


# ---------------------------------------------------------------------------------------------
# Read-back: every sheet against the register


@pytest.mark.parametrize("lang", LANGS)
def test_sheets_in_order_with_titles_in_the_language(workbooks: dict[str, Path], lang: str) -> None:
    book = load_workbook(workbooks[lang])
    assert [sheet.title for sheet in visible_sheets(book)] == TITLES[lang]
    # Last, hidden: the register as written, for `ropa import` (tests/test_import.py).
    assert book.sheetnames == [*TITLES[lang], "ropa-data"]
    assert book["ropa-data"].sheet_state == "hidden"


@pytest.mark.parametrize("lang", LANGS)
def test_every_sheet_declares_its_used_range(workbooks: dict[str, Path], lang: str) -> None:
    # As Excel does: readers (openpyxl's read-only mode among them) learn a sheet's size from
    # it instead of parsing the whole sheet first.
    book = load_workbook(workbooks[lang])
    read_only = load_workbook(workbooks[lang], read_only=True)
    with zipfile.ZipFile(workbooks[lang]) as archive:
        for number, sheet in enumerate(book.worksheets, 1):
            xml = archive.read(f"xl/worksheets/sheet{number}.xml").decode("utf-8")
            declared = re.search(r'<dimension ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"', xml)
            assert declared is not None, sheet.title
            assert declared.group(1) == sheet.calculate_dimension(), sheet.title
            assert xml.index("<dimension") < xml.index("<sheetData")
            assert read_only[sheet.title].calculate_dimension() == declared.group(1)
    read_only.close()


@pytest.mark.parametrize("lang", LANGS)
def test_cover(workbooks: dict[str, Path], shipped: Register, report: Report, lang: str) -> None:
    book = load_workbook(workbooks[lang])
    rows = rows_of(book[TITLES[lang][0]])
    assert rows[0][1] == shipped.organisation.name
    # The register's details follow the answers, the contents and the legend (test_cover).
    heading = {"en": "Organisation and edition", "lv": "Organizācija un izdevums"}[lang]
    start = [row[0] for row in rows].index(heading)
    values = [row[1] for row in rows[start + 1 :]]
    # The digest of the hidden data sheet, each row below its header as the JSON list of its
    # cells: a change to the hidden sheet alone no longer matches it.
    data = hashlib.sha256()
    for row in rows_of(book["ropa-data"])[1:]:
        cells = ["" if cell is None else cell for cell in row]
        while cells and cells[-1] == "":
            cells.pop()
        data.update(json.dumps(cells).encode("ascii") + b"\n")
    assert values.pop(18) == data.hexdigest()
    ns = not_stated(lang)
    digest = hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    assert (report.errors, report.warnings, report.info, report.waived) == (0, 18, 8, 1)
    assert values == [
        shipped.organisation.name,
        "40103495751",
        # Written in Latvian only: the English workbook shows it so, marked.
        {"lv": "", "en": "[lv] "}[lang] + "Rīga, Stabu iela 61 k-2 – 41, LV-1011, Latvija",
        f"{country_name('LV', lang)} (LV)",
        WORDS[lang]["no"],
        text(shipped, shipped.organisation.contact.note, lang),  # type: ignore[union-attr]
        ns,  # DPO
        WORDS[lang]["na"],  # representative: established in the EEA
        WORDS[lang]["none"],  # joint controllers
        {"en": "Controller's record of processing activities (Art. 30(1))",
         "lv": "Pārziņa apstrādes darbību reģistrs (30. panta 1. punkts)"}[lang],
        "2026.1",
        datetime(2026, 11, 24),
        ns,  # approved by
        "lv",
        f"ropa {__version__}",
        datetime(2026, 11, 27),
        "processing_activities.yaml",
        digest,
        8, 4, 6, 4, 2, 0, 0, 0, 1,
        values[-1],  # register texts not in the workbook's language, below
    ]  # fmt: skip
    # Every text of the shipped register is in Latvian; the English workbook counts those it
    # shows marked "[lv]".
    if lang == "lv":
        assert values[-1] == "nav"
    else:
        assert re.fullmatch(r"\d+ texts?; such a text is shown in the language it is written "
                            r"in, .* e\.g\. '\[lv\] …'", values[-1])  # fmt: skip


def expected_activity(register: Register, report: Report, index: int, lang: str) -> list[Any]:
    """The Activities row of activity `index`, from the register (the shipped one states no
    transfers, security measures, flags, DPIA, systems, owner or review date)."""
    activity = register.activities[index]
    ns = not_stated(lang)

    def names(catalogue: str, ids: Any, render: Any) -> str:
        entries = {entry.id: entry for entry in getattr(register, catalogue)}
        return "\n".join(render(entries[ref]) for ref in ids)

    def basis_line(basis: Any) -> str:
        term = LEGAL_BASES[basis.basis]
        line = f"{term.label(lang)} ({'Art. ' + term.article if lang == 'en' else ''}"
        assert basis.basis in ("contract", "legal_obligation", "legitimate_interests", "consent")
        return line

    # The activity's own open findings and those on the catalogue entries it uses (a
    # retention rule without a period, a processor without a contract), gravest first.
    uses = {("data_subjects", ref) for ref in activity.data_subjects}
    uses |= {("data_categories", ref) for ref in activity.data_categories}
    uses |= {("recipients", ref) for ref in activity.recipients or ()}
    uses |= {("retention_rules", ref) for ref in activity.retention_rule_ids()}

    def concerns(finding: Any) -> bool:
        if finding.activity is not None:
            return bool(finding.activity == activity.id)
        section, index = finding.path[0], finding.path[1] if len(finding.path) > 1 else None
        if not isinstance(index, int) or section not in dict(uses):
            return False
        return (section, getattr(register, section)[index].id) in uses

    gravity = {"error": 0, "warning": 1, "info": 2}
    codes: list[str] = []
    open_findings = [f for f in report.findings if not f.waived and concerns(f)]
    for finding in sorted(open_findings, key=lambda f: gravity[f.severity.value]):
        if finding.code not in codes:
            codes.append(finding.code)
    row = [
        activity.id,
        text(register, activity.name, lang),
        text(register, activity.description, lang) or None,
        PURPOSES[activity.purpose].label(lang),  # type: ignore[index]
        None,  # legal bases: checked line by line in the test
        WORDS[lang]["na"],  # no special category
        names("data_subjects", activity.data_subjects, lambda e: text(register, e.name, lang)),
        names("data_categories", activity.data_categories, lambda e: text(register, e.name, lang)),
        "\n".join(SOURCES[source].label(lang) for source in activity.sources),
        names("recipients", activity.recipients, lambda e: (
            f"{text(register, e.name, lang)} ({RECIPIENT_KINDS[e.kind].label(lang)})")),
        ns,  # transfers not stated
        names("retention_rules", [activity.retention],
              lambda e: retention_in_words(register, e, lang)),
        ns, ns, ns, ns, ns, ns, ns, ns,
        ", ".join(codes) or None,
        text(register, activity.source_details, lang) or ns,
        requirement_words(register, activity, lang) or ns,
        WORDS[lang]["na"],  # criminal_data_authority: no criminal-offence data
        ns,  # direct marketing not stated
    ]  # fmt: skip
    return row


def requirement_words(register: Register, activity: Any, lang: str) -> str:
    """The Art. 13(2)(e) cell as the shipped register's requirements read."""
    requirement = activity.requirement
    if requirement is None:
        return ""
    lines = [REQUIREMENT_KINDS[requirement.kind].label(lang)]
    assert requirement.obliged is None  # the policy does not say
    if_not = {"lv": "ja nesniedz", "en": "if not provided"}[lang]
    lines.append(f"{if_not}: {text(register, requirement.consequences, lang)}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGS)
def test_activities_every_cell(
    workbooks: dict[str, Path], shipped: Register, report: Report, lang: str
) -> None:
    rows = rows_of(load_workbook(workbooks[lang])[TITLES[lang][1]])
    assert len(rows) == 1 + len(shipped.activities)
    for index, activity in enumerate(shipped.activities):
        row = rows[index + 1] + [None] * (23 - len(rows[index + 1]))
        expected = expected_activity(shipped, report, index, lang)
        legal_bases = row[4].split("\n")
        row[4] = None
        assert row == expected, activity.id
        assert len(legal_bases) == len(activity.legal_bases)
        for line, basis in zip(legal_bases, activity.legal_bases, strict=True):
            assert line.startswith(LEGAL_BASES[basis.basis].label(lang))
            if basis.basis == "legitimate_interests":
                assert text(shipped, basis.interest, lang) in line
            if basis.basis == "consent":
                assert text(shipped, basis.withdrawal, lang) in line


@pytest.mark.parametrize("lang", LANGS)
def test_activity_headers_name_the_article_they_answer(
    workbooks: dict[str, Path], lang: str
) -> None:
    header = rows_of(load_workbook(workbooks[lang])[TITLES[lang][1]])[0]
    assert len(header) == 25
    cite = {"en": "Art. 30(1)({})", "lv": "30. panta 1. punkta {}) apakšpunkts"}[lang]
    answers = {2: "b", 3: "b", 6: "c", 7: "c", 9: "d", 10: "e", 11: "f", 12: "g"}
    practice = {"en": "good practice", "lv": "laba prakse"}[lang]
    assert header[20].endswith({"en": "\n(validation)", "lv": "\n(validācija)"}[lang])
    for column, title in enumerate(header):
        if column == 20:
            continue
        if column in answers:
            assert cite.format(answers[column]) in title, title
        else:
            assert practice in title, title


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_sheets_every_cell(
    workbooks: dict[str, Path], shipped: Register, lang: str
) -> None:
    book = load_workbook(workbooks[lang])
    ns, words = not_stated(lang), WORDS[lang]
    used: dict[str, int] = {}
    for activity in shipped.activities:
        named = {*activity.data_subjects, *activity.data_categories}
        named |= {*(activity.recipients or ()), activity.retention}
        for ref in named:
            used[ref] = used.get(ref, 0) + 1

    def t(value: Any) -> Any:
        return text(shipped, value, lang) or None

    subjects = rows_of(book[TITLES[lang][2]])[1:]
    assert subjects == [
        [s.id, t(s.name), t(s.description),
         ns if s.includes_children is None else words["yes" if s.includes_children else "no"],
         used[s.id], ns, ns, ns]  # kind, contract party, vulnerable: the policy is silent
        for s in shipped.data_subjects
    ]  # fmt: skip
    categories = rows_of(book[TITLES[lang][3]])[1:]
    assert categories == [
        [c.id, t(c.name), t(c.examples), words["no"], words["yes" if c.national_id else "no"],
         used[c.id]]
        for c in shipped.data_categories
    ]  # fmt: skip
    recipients = rows_of(book[TITLES[lang][4]])[1:]
    assert [row[:4] for row in recipients] == [
        [r.id, t(r.name), t(r.description),
         f"{RECIPIENT_KINDS[r.kind].label(lang)} ({cite(RECIPIENT_KINDS[r.kind].article, lang)})"]
        for r in shipped.recipients
    ]  # fmt: skip
    # An Art. 28 contract is "not stated" for a processor, "not applicable" for the others.
    assert [row[4:] for row in recipients] == [
        [ns if r.kind == "processor" else words["na"], ns, used[r.id]] for r in shipped.recipients
    ]
    assert {r.kind for r in shipped.recipients} >= {"processor", "public_authority"}
    retention = rows_of(book[TITLES[lang][5]])[1:]
    assert retention == [
        [r.id, t(r.name), retention_in_words(shipped, r, lang), ns, t(r.starts) or ns,
         t(r.until) or ns, t(r.basis) or ns, None, used[r.id]]
        for r in shipped.retention_rules
    ]  # fmt: skip
    none_recorded = [[WORDS[lang]["none_recorded"]]]
    assert rows_of(book[TITLES[lang][6]])[1:] == none_recorded  # no security measures
    assert rows_of(book[TITLES[lang][7]])[1:] == none_recorded  # no assessments
    assert rows_of(book[TITLES[lang][8]])[1:] == none_recorded  # no transfers


def test_citations() -> None:
    assert cite("30(1)(b)", "en") == "Art. 30(1)(b)"
    assert cite("30(1)(b)", "lv") == "30. panta 1. punkta b) apakšpunkts"
    assert cite("4(9)", "lv") == "4. panta 9. punkts"
    assert cite("10", "lv") == "10. pants"
    assert cite("30(1)(f), 5(1)(e)", "lv") == (
        "30. panta 1. punkta f) apakšpunkts, 5. panta 1. punkta e) apakšpunkts"
    )
    assert cite("6(1), 21(2); ePrivacy Directive 13", "lv") == (
        "6. panta 1. punkts, 21. panta 2. punkts; ePrivacy Directive 13"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_coverage_every_cell(workbooks: dict[str, Path], shipped: Register, lang: str) -> None:
    sheet = load_workbook(workbooks[lang])[TITLES[lang][11]]
    rows = rows_of(sheet)
    assert len(rows[0]) == 11
    stated, missing = WORDS[lang]["stated"], WORDS[lang]["not_stated"]
    questioned = WORDS[lang]["questioned"]
    # (a) the contact gives no url, e-mail or phone; (e) no activity states its transfers;
    # (f) "as long as needed" is stated, but ROPA401 questions it: no period, no event;
    # (g) none names a security measure.
    vague = {a.id for a in shipped.activities if a.retention == "as_long_as_needed"}
    assert vague
    assert rows[1:] == [
        [a.id, text(shipped, a.name, lang), missing, stated, stated, stated, missing,
         questioned if a.id in vague else stated, missing, "a, e, g",
         *(["f"] if a.id in vague else [])]
        for a in shipped.activities
    ]  # fmt: skip
    findings = rows_of(load_workbook(workbooks[lang])[TITLES[lang][13]])
    (rop401_row,) = [n for n, row in enumerate(findings, 1) if row[1] == "ROPA401"]
    for number, row in enumerate(rows[1:], 2):
        cell = sheet.cell(number, 8)
        if row[0] in vague:
            assert cell.hyperlink.location == f"'{TITLES[lang][13]}'!A{rop401_row}"
            assert cell.fill.start_color.rgb == "FFFFEB9C"  # amber, not green
        else:
            assert cell.hyperlink is None


@pytest.mark.parametrize("lang", LANGS)
def test_rights_every_cell(workbooks: dict[str, Path], shipped: Register, lang: str) -> None:
    rows = rows_of(load_workbook(workbooks[lang])[TITLES[lang][12]])
    assert len(rows[0]) == 3 + len(RIGHTS) + 1
    word = {Applicability.APPLIES: WORDS[lang]["applies"],
            Applicability.CONDITIONAL: WORDS[lang]["conditional"],
            Applicability.NOT_APPLICABLE: WORDS[lang]["does_not_apply"]}  # fmt: skip
    for row, activity in zip(rows[1:], shipped.activities, strict=True):
        bases = [b.basis for b in activity.legal_bases]
        statuses = rights_of(activity)
        assert row[:3] == [
            activity.id,
            text(shipped, activity.name, lang),
            "\n".join(LEGAL_BASES[b].label(lang) for b in dict.fromkeys(bases)),
        ]
        assert row[3:12] == [word[status.status] for status in statuses]
        conditional = [s for s in statuses if s.status is Applicability.CONDITIONAL]
        assert row[12] == "\n".join(
            f"{RIGHTS[s.right].label(lang)}: {s.reason(lang)}" for s in conditional
        )


def test_rights_follow_the_legal_bases(workbooks: dict[str, Path], shipped: Register) -> None:
    rows = {row[0]: row for row in rows_of(load_workbook(workbooks["en"])["Rights"])[1:]}
    portability, objection, withdrawal = 3 + 5, 3 + 6, 3 + 8
    assert rows["newsletter"][withdrawal] == "applies"  # consent
    assert rows["newsletter"][objection] == "applies"  # direct marketing, Art. 21(2)
    assert rows["hosting_requests"][objection] == "does not apply"  # contract only
    assert rows["data_analytics"][portability] == "does not apply"  # legitimate interests only
    assert rows["hosting_requests"][portability] == "conditional"  # Art. 20(1)(b), data provided
    assert rows["recommendations"][objection] == "applies"  # legitimate interests, Art. 21(1)
    assert "automated means" in rows["hosting_requests"][-1]
    assert rows["data_analytics"][objection] == "applies"
    assert rows["customer_registration"][portability] == "conditional"  # contract, Art. 20(1)
    assert rows["customer_registration"][withdrawal] == "does not apply"


@pytest.mark.parametrize("lang", LANGS)
def test_findings_every_cell(
    workbooks: dict[str, Path], report: Report, shipped: Register, lang: str
) -> None:
    rows = rows_of(load_workbook(workbooks[lang])[TITLES[lang][13]])
    assert len(rows) == 1 + len(report.findings)
    severity = {
        "en": {"error": "error", "warning": "warning", "info": "info"},
        "lv": {"error": "kļūda", "warning": "brīdinājums", "info": "informācija"},
    }[lang]
    # Gravest first, the waived ones last; each group in the report's order.
    gravity = {"error": 0, "warning": 1, "info": 2}
    listed = sorted(report.findings, key=lambda f: (f.waived, gravity[f.severity.value]))
    assert listed != list(report.findings)
    names = {a.id: text(shipped, a.name, lang) for a in shipped.activities}
    sheet = load_workbook(workbooks[lang])[TITLES[lang][13]]
    for number, (row, finding) in enumerate(zip(rows[1:], listed, strict=True), 2):
        row = row + [None] * (10 - len(row))
        assert row[0] == severity[finding.severity.value]
        # The rule by its title in the workbook's language, not its slug.
        assert row[1:3] == [finding.code, message(f"{finding.code}.title", lang)]
        assert finding.article.split(",")[0].split("(")[0] in row[3]
        assert row[4] == finding.activity
        assert row[5] == (names[finding.activity] if finding.activity else None)
        # Where, as the workbook shows it, linked to that row; never a YAML path.
        assert re.fullmatch(r".+, (row \d+|\d+\. rinda)(: .+)?", row[6]), row[6]
        assert "[" not in row[6]
        link = sheet.cell(number, 7).hyperlink
        assert link is not None and link.location.endswith(re.findall(r"\d+", row[6])[0])
        assert row[7] == finding.text(lang)
        assert row[8] == WORDS[lang]["yes" if finding.waived else "no"]
        # The waiver's reason in the workbook's language: the shipped waiver gives it in
        # both, so neither workbook marks it (nor shows the register's Latvian in English).
        waiver = next((w for w in shipped.register.waivers if w.rule == finding.code), None)
        reason = text(shipped, waiver.reason, lang) if finding.waived and waiver else None
        assert row[9] == (reason or None)
        assert not str(row[9] or "").startswith("[")


# ---------------------------------------------------------------------------------------------
# Presentation


def test_presentation_of_every_sheet(workbooks: dict[str, Path], shipped: Register) -> None:
    book = load_workbook(workbooks["en"])
    for sheet in visible_sheets(book):
        assert sheet.freeze_panes in ("A2", "B2", "C2"), sheet.title
        assert all(cell.font.b for cell in sheet[1]), sheet.title
        assert sheet.print_title_rows == "$1:$1"
        setup = sheet.page_setup
        # A4 at a fixed scale that keeps 11-point type at 8 points or more (`test_print`).
        assert setup.orientation in ("portrait", "landscape")
        assert setup.paperSize == 9
        assert 75 <= int(setup.scale) <= 100, sheet.title
        assert not (sheet.sheet_properties.pageSetUpPr and
                    sheet.sheet_properties.pageSetUpPr.fitToPage)  # fmt: skip
        assert sheet.oddHeader.left.text == shipped.organisation.name
        assert sheet.oddHeader.center.text == "&A"
        assert sheet.oddFooter.center.text == "page &P of &N"
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and all(8 <= width <= 70 for width in widths), sheet.title
        for row in sheet.iter_rows(min_row=2):
            assert all(cell.alignment.wrap_text for cell in row if cell.value is not None)
        if sheet.title not in ("Cover", "Record cards"):
            assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" \
                f"{sheet.max_row}"  # fmt: skip


def test_tall_text_gets_a_tall_row(workbooks: dict[str, Path]) -> None:
    sheet = load_workbook(workbooks["en"])["Activities"]
    newsletter = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "newsletter"
    )
    assert sheet.row_dimensions[newsletter].height >= 4 * 15


def test_links_go_to_the_rows_they_name(workbooks: dict[str, Path], report: Report) -> None:
    book = load_workbook(workbooks["en"])

    def target(location: str) -> Any:
        title, cell = location.rsplit("!", 1)
        return book[title.strip("'")][cell].value

    activities = book["Activities"]
    for row in activities.iter_rows(min_row=2):
        codes = row[20]
        if codes.value:
            assert codes.hyperlink is not None
            first = book["Findings"][codes.hyperlink.location.rsplit("!A", 1)[1]]
            assert first[1].value == codes.value.split(", ")[0]  # the code
            # of this activity, or of a catalogue entry it uses
            assert first[4].value in (row[0].value, None)
        retention = row[11]
        assert retention.hyperlink is not None
        assert target(retention.hyperlink.location) in ("as_long_as_needed", "until_unsubscribed")
        # A cell naming one entry links to it; one naming several is plain text.
        subjects = row[6]
        assert (subjects.hyperlink is not None) == ("\n" not in subjects.value)
    for title in ("Art. 30 coverage", "Rights"):
        for row in book[title].iter_rows(min_row=2):
            assert target(row[0].hyperlink.location) == row[0].value
    for row in book["Findings"].iter_rows(min_row=2):
        if row[4].value:
            assert target(row[4].hyperlink.location) == row[4].value


def test_links_stop_at_excels_limit_per_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ropa.formats.xlsx._cells.MAX_LINKS", 3)
    data = minimal()
    data["activities"] = [{**data["activities"][0], "id": f"a{n}"} for n in range(5)]
    sheet = load_workbook(export(tmp_path, data))["Art. 30 coverage"]
    linked = [row[0].hyperlink is not None for row in sheet.iter_rows(min_row=2)]
    assert linked == [True, True, True, False, False]
    assert not sheet["A6"].font.u  # not underlined like a link
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [f"a{n}" for n in range(5)]


def test_coverage_and_findings_are_coloured(workbooks: dict[str, Path]) -> None:
    book = load_workbook(workbooks["en"])
    colours = {"stated": "FFC6EFCE", "not stated": "FFFFC7CE",
               "stated, but questioned: ROPA401": "FFFFEB9C"}  # fmt: skip
    for row in book["Art. 30 coverage"].iter_rows(min_row=2):
        for cell in row[2:9]:
            assert cell.fill.fgColor.rgb == colours[cell.value]
    severity = {"error": "FFFFC7CE", "warning": "FFFFEB9C", "info": "FFDDEBF7"}
    waived = 0
    for row in book["Findings"].iter_rows(min_row=2):
        if row[8].value == "yes":  # waived: grey from end to end, never red or amber
            waived += 1
            assert {cell.fill.fgColor.rgb for cell in row if cell.value} == {"FFD9D9D9"}
        else:
            assert row[0].fill.fgColor.rgb == severity[row[0].value]
    assert waived == 1


def test_coverage_rules(tmp_path: Path) -> None:
    def coverage(**activity: Any) -> list[Any]:
        path = export(tmp_path, minimal(**activity))
        return rows_of(load_workbook(path)["Art. 30 coverage"])[1][2:]

    ok = ["stated"] * 7
    assert coverage() == ["stated"] * 4 + ["not applicable", "stated", "stated"]
    assert coverage(transfers=[{"country": "US", "safeguard": "scc"}]) == ok
    assert coverage(transfers=None)[4] == "not stated"
    assert coverage(recipients=None)[3:5] == ["not stated", "stated"]
    assert coverage(recipients=[])[3:5] == ["stated", "not applicable"]
    assert coverage(purpose=None)[1] == "not stated"
    assert coverage(purpose=None, description="What we do")[1] == "stated"
    assert coverage(data_categories=[])[2] == "not stated"
    assert coverage(retention=None)[5] == "not stated"
    assert coverage(security_measures=[])[-2:] == ["not stated", "g"]


def test_recipients_outside_or_unknown_make_empty_transfers_stated(tmp_path: Path) -> None:
    data = minimal()
    data["recipients"][0]["countries"] = []
    path = export(tmp_path, data)
    # Stated ("none"), but ROPA506 (Art. 30(1)(e)) questions it: where is the data?
    assert rows_of(load_workbook(path)["Art. 30 coverage"])[1][6] == (
        "stated, but questioned: ROPA506"
    )
    assert rows_of(load_workbook(path)["Activities"])[1][10] == "none"


# ---------------------------------------------------------------------------------------------
# Safety


HOSTILE = ["=1+1", "=HYPERLINK(\"http://evil.example\",\"x\")", "+41 22 000", "-2+3", "@SUM(A1)",
           "\tcmd", "\r=1+1", "#N/A", "0042", "1e5", "TRUE"]  # fmt: skip


def test_formula_like_text_stays_literal_text(tmp_path: Path) -> None:
    data = minimal(systems=HOSTILE, owner="=cmd|' /C calc'!A0")
    data["activities"][0]["name"] = "=2*3"
    data["data_categories"][0]["name"] = "@categories"
    path = export(tmp_path, data)
    sheet = load_workbook(path)["Activities"]
    name, systems, owner = sheet["B2"], sheet["R2"], sheet["S2"]
    for cell in (name, systems, owner):
        assert cell.data_type == "s"
        assert cell.quotePrefix, cell.coordinate
    assert name.value == "=2*3"
    assert systems.value == "\n".join(HOSTILE)
    assert owner.value == "=cmd|' /C calc'!A0"
    assert load_workbook(path)["Data categories"]["B2"].value == "@categories"
    with zipfile.ZipFile(path) as archive:
        for entry in archive.namelist():
            assert b"<f>" not in archive.read(entry) and b"<f " not in archive.read(entry)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_each_formula_character_alone(tmp_path: Path, start: str) -> None:
    value = f"{start}1+2"
    path = export(tmp_path, minimal(owner=value, systems=[value]))
    cell = load_workbook(path)["Activities"]["S2"]
    assert (cell.data_type, cell.value) == ("s", value)
    assert load_workbook(path, read_only=True)["Activities"]["R2"].value == value


def test_xml_forbidden_characters_are_removed(tmp_path: Path) -> None:
    dirty = "a\x00b\x01c\x08d\x0be\x0cf\x1fg\ufffeh\uffffi\ud800j"
    data = minimal(owner=dirty, description={"en": "line\x02 one\nline two\x7f"})
    path = export(tmp_path, data)
    sheet = load_workbook(path)["Activities"]
    assert sheet["S2"].value == "abcdefghij"
    assert sheet["C2"].value == "line one\nline two\x7f"  # DEL is allowed in XML


def test_text_over_the_cell_limit_is_cut_with_a_marker_and_a_notice(tmp_path: Path) -> None:
    long = "x" * 40_000
    path = export(tmp_path, minimal(description=long))
    book = load_workbook(path)
    value = book["Activities"]["C2"].value
    assert len(value) <= 32_767
    left_out = 40_000 - value.index("…")
    assert value.endswith(f"… [cut: {left_out} characters more; see the register]")
    assert value.startswith("x" * 32_000)
    notices = [row for row in rows_of(book["Findings"]) if row[1] == "EXPORT"]
    assert len(notices) == 2  # the Activities cell and the record card's
    assert notices[0][0] == "info" and notices[0][4] == "orders"
    assert notices[0][6] == "Activities!C2"
    assert notices[1][6].startswith("Record cards!B")
    assert f"{left_out} characters were left out" in notices[0][7]
    cover = dict((row[0], row[1]) for row in rows_of(book["Cover"])[1:])
    assert cover["Export notices"] == "2 export notices"


def test_cut_counts_utf16_units_and_keeps_surrogate_pairs_whole(tmp_path: Path) -> None:
    long = "😀" * 20_000  # 40,000 UTF-16 units
    path = export(tmp_path, minimal(description=long), lang="lv")
    value = load_workbook(path)["Apstrādes darbības"]["C2"].value
    assert len(value.encode("utf-16-le")) // 2 <= 32_767
    # The register is in English: the Latvian workbook shows its text marked "[en]".
    assert value.startswith("[en] ")
    value = value.removeprefix("[en] ")
    kept = value.index("…")
    assert value[:kept] == "😀" * kept
    assert value.endswith(f"… [saīsināts: vēl {20_000 - kept} rakstzīmes; skatīt reģistru]")


def test_without_a_report_the_findings_sheet_says_so(
    tmp_path: Path, minimal_register: Register
) -> None:
    path = tmp_path / "out.xlsx"
    export_excel(minimal_register, path, as_of=AS_OF)
    book = load_workbook(path)
    findings = rows_of(book["Findings"])
    assert findings[1][1] == "EXPORT" and "not validated" in findings[1][7]
    assert rows_of(book["Activities"])[1][20] == "validation not run"
    cover = dict((row[0], row[1]) for row in rows_of(book["Cover"])[1:])
    assert cover["Checked on"] == "validation not run"
    assert cover["SHA-256 of the source file"] == "not available"


def test_the_hash_is_of_the_bytes_loaded_not_of_the_file_edited_since(tmp_path: Path) -> None:
    source = tmp_path / "register.yaml"
    source.write_bytes(SHIPPED.read_bytes())
    register = ropa.load(source)
    source.write_text("edited after loading\n", encoding="utf-8")
    path = tmp_path / "out.xlsx"
    export_excel(register, path, as_of=AS_OF)
    cover = dict((row[0], row[1]) for row in rows_of(load_workbook(path)["Cover"])[1:])
    assert cover["SHA-256 of the source file"] == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    source.unlink()
    export_excel(register, path, as_of=AS_OF)
    cover = dict((row[0], row[1]) for row in rows_of(load_workbook(path)["Cover"])[1:])
    assert cover["SHA-256 of the source file"] == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------------------------
# Determinism


@pytest.mark.parametrize("lang", LANGS)
def test_two_exports_are_byte_identical(tmp_path: Path, shipped: Register, lang: str) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    export_excel(shipped, first, lang=lang, report=validate(shipped, as_of=AS_OF))
    export_excel(shipped, second, lang=lang, report=validate(shipped, as_of=AS_OF))
    assert first.read_bytes() == second.read_bytes()


def test_byte_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    script = (
        "import sys, datetime, ropa\nfrom ropa.rules import validate\n"
        "from ropa.formats.xlsx.write import export_excel\n"
        f"r = ropa.load({str(SHIPPED)!r})\n"
        "report = validate(r, as_of=datetime.date(2026, 11, 27))\n"
        "export_excel(r, sys.argv[1], lang='lv', report=report)\n"
    )  # fmt: skip
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.xlsx"
        env = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "TZ": "Pacific/Auckland" if seed == "1" else "UTC",
        }
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, env=env)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_fixed_dates_inside_the_file(workbooks: dict[str, Path]) -> None:
    with zipfile.ZipFile(workbooks["en"]) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 11, 27, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2026-11-27T00:00:00Z") == 2
    properties = load_workbook(workbooks["en"]).properties
    assert properties.creator == f"ropa {__version__}"


# ---------------------------------------------------------------------------------------------
# Atomic output


def test_interrupted_export_leaves_the_previous_file(
    tmp_path: Path, shipped: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ropa.xlsx"
    out.write_bytes(b"previous workbook")
    work = tmp_path / "tmp"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    real_rows = sheets_module.findings_rows

    def failing_rows(book: Any) -> Any:
        rows = real_rows(book)
        yield next(rows)
        yield next(rows)
        raise RuntimeError("disk on fire")

    # The findings sheet is written after most others: the failure comes mid-export.
    monkeypatch.setitem(excel_module._ROWS, "findings", failing_rows)
    with pytest.raises(RuntimeError, match="disk on fire"):
        export_excel(shipped, out, report=validate(shipped, as_of=AS_OF))
    assert out.read_bytes() == b"previous workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ropa.xlsx", "tmp"]
    assert list(work.iterdir()) == []


def test_failure_while_packing_leaves_no_file(
    tmp_path: Path, shipped: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ropa.xlsx"

    def broken_copy(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ropa.formats.xlsx._package.shutil.copyfileobj", broken_copy)
    with pytest.raises(ropa.atomic.OutputError, match="No space left"):
        export_excel(shipped, out, report=validate(shipped, as_of=AS_OF))
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# API


def test_arguments_are_checked(tmp_path: Path, shipped: Register, report: Report) -> None:
    with pytest.raises(ValueError, match="lang"):
        export_excel(shipped, tmp_path / "x.xlsx", lang="de")
    with pytest.raises(ValueError, match="differs"):
        export_excel(shipped, tmp_path / "x.xlsx", report=report, as_of=date(2026, 1, 1))
    assert list(tmp_path.iterdir()) == []


def test_registry_finds_the_excel_exporter() -> None:
    assert EXPORTERS["xlsx"] == "ropa.formats.xlsx.write:export_excel"
    assert get("xlsx") is export_excel
    with pytest.raises(KeyError, match="known formats: xlsx"):
        get("pdf")


def test_given_source_sha256_wins(tmp_path: Path, shipped: Register) -> None:
    path = tmp_path / "x.xlsx"
    export_excel(shipped, path, as_of=AS_OF, source_sha256="ab" * 32)
    cover = dict((row[0], row[1]) for row in rows_of(load_workbook(path)["Cover"])[1:])
    assert cover["SHA-256 of the source file"] == "ab" * 32


def test_unknown_references_stay_visible(tmp_path: Path) -> None:
    data = minimal(data_categories=["contact", "ghost"], retention="nowhere")
    row = rows_of(load_workbook(export(tmp_path, data))["Activities"])[1]
    assert row[7] == "Contact details\nghost (not in the catalogue)"
    assert row[11] == "nowhere (not in the catalogue)"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(register=registers())
def test_generated_registers_export_and_read_back(tmp_path: Path, register: Register) -> None:
    report = validate(register, as_of=AS_OF)
    for lang in LANGS:
        path = tmp_path / f"generated-{lang}.xlsx"
        export_excel(register, path, lang=lang, report=report)
        book = load_workbook(path)
        assert [sheet.title for sheet in visible_sheets(book)] == expected_titles(register, lang)
        empty = [WORDS[lang]["none_recorded"]]
        controller, processor = register.controller_activities, register.processor_activities
        for title, activities in (
            (TITLES[lang][1], controller),
            (PROCESSOR_TITLE[lang], processor),
        ):
            if title in book.sheetnames:
                rows = [row for row in rows_of(book[title])[1:] if row != empty]
                assert [row[0] for row in rows] == [a.id for a in activities]
            else:
                assert not activities
        findings = [row for row in rows_of(book[TITLES[lang][13]])[1:] if row != empty]
        assert len(findings) == len(report.findings)
        assert copy.copy(path.read_bytes()) == path.read_bytes()
