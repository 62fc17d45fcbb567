"""Record cards: one card per activity, in the order of Art. 30, a page break after each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from tests.formats.xlsx.test_questions import register

import ropa
from ropa.formats.xlsx.write import export_excel
from ropa.rules import validate

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "data" / "processing_activities.yaml"
AS_OF = date(2026, 11, 27)


def test_cards_follow_article_30_and_list_every_finding_on_the_activity(tmp_path: Path) -> None:
    register = ropa.load(SHIPPED)
    report = validate(register, as_of=AS_OF)
    path = tmp_path / "cards.xlsx"
    export_excel(register, path, lang="en", report=report)
    book = load_workbook(path)
    sheet = book["Record cards"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    starts = [n for n, row in enumerate(rows, 1) if row[0] in {a.id for a in register.activities}]
    assert [rows[n - 1][0] for n in starts] == [a.id for a in register.activities]
    # A page break after each card, and none inside one.
    assert [brk.id for brk in sheet.row_breaks.brk] == [*(n - 1 for n in starts[1:]), len(rows)]
    first = rows[starts[0] - 1 : starts[1] - 1]
    labels = [row[0] for row in first]
    letters = [label[:3] for label in labels if label.startswith("(")]
    assert letters == ["(a)", "(b)", "(b)", "(c)", "(c)", "(d)", "(e)", "(f)", "(g)"]
    assert first[1][1].startswith('SIA "Web Multishop Company"')
    # Its findings: its own and those on the entries it uses (ROPA401 on its retention rule).
    codes = [row[0].split(" ")[0] for row in first[labels.index("Findings on this activity") + 1 :]]
    assert "ROPA401" in codes and "ROPA208" in codes
    # Every other sheet's activity id links to the card.
    for title in ("Activities", "Art. 30 coverage", "Rights", "Findings"):
        for row in book[title].iter_rows(min_row=2):
            for cell in row:
                if cell.value == register.activities[0].id and cell.hyperlink is not None:
                    assert cell.hyperlink.location == f"'Record cards'!A{starts[0]}", title
    assert book["Activities"]["A2"].hyperlink.location == f"'Record cards'!A{starts[0]}"


def test_a_waived_finding_on_a_card_is_grey_with_its_reason(tmp_path: Path) -> None:
    reg = register(register={"kind": "controller", "language": "en", "waivers": [
        {"rule": "ROPA401", "reason": "Reviewed yearly by the board"}]})  # fmt: skip
    path = tmp_path / "cards.xlsx"
    export_excel(reg, path, lang="en", report=validate(reg, as_of=AS_OF))
    sheet = load_workbook(path)["Record cards"]
    (row,) = [row for row in sheet.iter_rows() if str(row[0].value).startswith("ROPA401")]
    assert row[1].fill.fgColor.rgb == "FFD9D9D9"  # grey, not amber
    assert row[1].value.splitlines()[-1].startswith("waived: reason: Reviewed yearly by the board;")


def test_a_latvian_card_says_its_findings_in_latvian(tmp_path: Path) -> None:
    register = ropa.load(SHIPPED)
    report = validate(register, as_of=AS_OF)
    path = tmp_path / "cards.xlsx"
    export_excel(register, path, lang="lv", report=report)
    sheet = load_workbook(path)["Darbību kartītes"]
    said = {str(row[1].value) for row in sheet.iter_rows() if str(row[0].value).startswith("ROPA")}
    expected = {f.text("lv") for f in report.findings if not f.waived}
    assert expected <= said
    assert not {f.message for f in report.findings if f.message != f.text("lv")} & said
