"""The CNIL layout both ways, against the CNIL's own template (tests/templates/)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

import ropa
from layout_view import view
from ropa.cli import main
from ropa.formats._layout import TemplateError, read_book
from ropa.formats.cnil import export_cnil, import_cnil
from ropa.model import Register
from ropa.text import text_in

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "processing_activities.yaml"
CLINIC = ROOT / "tests" / "fixtures" / "interop" / "clinic.yaml"
TEMPLATES = ROOT / "tests" / "templates"
TEMPLATE_ODS = TEMPLATES / "cnil-registre-traitement-simplifie.ods"
TEMPLATE_XLSX = TEMPLATES / "cnil-registre-traitement-simplifie.xlsx"  # the .ods, converted
AS_OF = date(2026, 11, 27)
LIST = "2_-_Liste_des_traitements"
MODEL = "3_-_Modèle_de_fiche_de_registre"

# What the registre simplifié has no place for (the import report's "not held" says the same).
NOT_HELD = frozenset(
    {
        "activity.purpose",
        "activity.legal_bases",
        "activity.special_condition",
        "activity.sources",
        "activity.automated_decisions",
        "activity.profiling",
        "activity.large_scale",
        "activity.dpia",
        "activity.systems",
        "activity.owner",
        "organisation.registration_number",
        "contact.url",
        "contact.note",
        "subject.includes_children",
        "category.national_id",
        "recipient.kind",
        "recipient.description",
        "recipient.contract",
        "recipient.countries",
        "rule.name",
        "rule.starts",
        "rule.basis",
        "rule.description",
        "rule.until",
        "measure.kind",
    }
)

# The CNIL's recipient types for ropa's kinds, as a DPO filling the template would choose.
CNIL_TYPE = {
    "processor": "Sous-traitants",
    "public_authority": "Partenaires institutionnels ou commerciaux",
    "other": "Autre (Préciser)",
}
FRENCH = {"LV": "Lettonie", "US": "Etats-Unis"}
GUARANTEE = {"scc": "Clauses contractuelles types (CCT)"}


def filled_template(register: Register, lang: str, path: Path) -> Path:
    """A copy of the CNIL's template filled in with `register`, cell by cell as the template
    lays it out: the list (sheet 2) and one copy of the model fiche (sheet 3) per activity."""
    book = load_workbook(TEMPLATE_XLSX)
    t = lambda value: text_in(value, lang, register.register.language) or ""  # noqa: E731
    listing = book[LIST]
    organisation = register.organisation
    listing["C1"], listing["G1"] = organisation.name, t(organisation.address)
    model = book[MODEL]
    rules = {r.id: r for r in register.retention_rules}
    for number, activity in enumerate(register.activities):
        row = 9 + number
        specials = [
            c for c in register.data_categories if c.id in activity.data_categories and c.special
        ]
        listing[f"A{row}"], listing[f"B{row}"] = t(activity.name), activity.id
        listing[f"E{row}"] = ", ".join(t(activity.description).splitlines())
        listing[f"H{row}"] = "Oui" if specials else "Non"
        listing[f"C{row}"], listing[f"D{row}"] = None, activity.reviewed
        fiche = book.copy_worksheet(model)
        fiche.title = f"Fiche {number + 1}"
        fiche["B4"], fiche["B5"] = t(activity.name), activity.id
        fiche["B10"], fiche["C10"] = organisation.name, t(organisation.address)
        fiche["F10"] = FRENCH[organisation.country or "LV"]
        for row_of_actor, party in ((10, organisation), (11, organisation.dpo)):
            if party is not None and party.contact is not None:
                fiche[f"G{row_of_actor}"] = party.contact.phone
                fiche[f"H{row_of_actor}"] = party.contact.email
        if organisation.dpo is not None:
            fiche["B11"] = organisation.dpo.name
        for partner in organisation.joint_controllers[:1]:  # the template has one row
            fiche["B14"] = partner.name
            fiche["H14"] = partner.contact.email if partner.contact else None
        for offset, line in enumerate(t(activity.description).splitlines()):
            fiche[f"B{17 + offset}"] = line
        rule = rules[activity.retention] if isinstance(activity.retention, str) else None
        words = ""
        if rule is not None:
            words = (
                f"{rule.period.years} ans à compter de {t(rule.starts)}"
                if rule.period
                else t(rule.name)
            )
        categories = {c.id: c for c in register.data_categories}
        ordinary = [categories[c] for c in activity.data_categories if not categories[c].special]
        assert len(ordinary) <= 6, "the template has six rows of ordinary data"
        for offset, category in enumerate(ordinary):
            fiche[f"A{25 + offset}"], fiche[f"B{25 + offset}"] = (
                t(category.name),
                t(category.examples),
            )
            fiche[f"E{25 + offset}"] = words
        for category in specials:
            # Row 39 is "Données concernant la santé"; the description says which data.
            fiche["B39"] = f"{t(category.name)}: {t(category.examples)}"
            fiche["E39"] = words
        subjects = [s for i in activity.data_subjects for s in register.data_subjects if s.id == i]
        for offset, subject in enumerate(subjects):
            fiche[f"B{44 + offset}"], fiche[f"E{44 + offset}"] = (
                t(subject.name),
                t(subject.description) or None,
            )
        recipients = {r.id: r for r in register.recipients}
        for offset, recipient_id in enumerate(activity.recipients or ()):
            recipient = recipients[recipient_id]
            fiche[f"B{48 + offset}"] = CNIL_TYPE[recipient.kind]
            fiche[f"E{48 + offset}"] = t(recipient.name)
        measures = {m.id: m for m in register.security_measures}
        for offset, measure_id in enumerate(activity.security_measures):
            fiche[f"B{54 + offset}"] = "Autres mesures (à préciser)"
            measure = measures[measure_id]
            fiche[f"E{54 + offset}"] = t(measure.name) + (
                f": {t(measure.description)}" if measure.description else ""
            )
        if activity.recipients == ():
            fiche["B48"] = "Aucun"
        if activity.transfers == ():
            fiche["B59"] = "Aucun"
        for offset, transfer in enumerate(activity.transfers or ()):
            fiche[f"B{59 + offset}"] = t(recipients[transfer.recipient].name)
            fiche[f"C{59 + offset}"] = FRENCH[transfer.country]
            fiche[f"D{59 + offset}"] = GUARANTEE[transfer.safeguard]
            fiche[f"F{59 + offset}"] = transfer.reference
    book.save(path)
    return path


def comparable(register: Register, lang: str) -> Any:
    return view(register, lang, without=NOT_HELD)


# ---------------------------------------------------------------------------------------------
# The CNIL's own template


def test_the_template_as_published_reads_without_office_software() -> None:
    book = read_book(TEMPLATE_ODS)
    assert list(book)[:3] == ["Tutoriel", LIST, MODEL]
    assert book[MODEL].text(24, 1) == "Catégories de données personnelles concernées"
    imported = import_cnil(TEMPLATE_ODS)
    assert imported.register.activities == ()
    # Its example row, example fiche and empty model are skipped, and the report says so.
    assert [str(gap) for gap in imported.report.gaps] == [
        f"{LIST}!A9: the CNIL's example row '(EXEMPLE) Gestion de la paie'; skipped",
        f"{MODEL}!B4: an unfilled fiche (no name, nothing filled in); skipped",
        "4_-_Exemple_de_fiche!A1: the CNIL's example fiche; skipped",
    ]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_template_filled_with_the_shipped_register_imports_equal(
    tmp_path: Path, lang: str
) -> None:
    register = ropa.load(SHIPPED)
    path = filled_template(register, lang, tmp_path / "filled.xlsx")
    imported = import_cnil(path, lang=lang)
    assert [g for g in map(str, imported.report.gaps) if "skipped" not in g] == []
    assert comparable(imported.register, lang) == comparable(register, lang)
    assert [a.id for a in imported.register.activities] == [a.id for a in register.activities]


def test_a_template_filled_with_transfers_and_health_data_imports_equal(tmp_path: Path) -> None:
    register = ropa.load(CLINIC)
    imported = import_cnil(filled_template(register, "en", tmp_path / "clinic.xlsx"), lang="en")
    assert [g for g in map(str, imported.report.gaps) if "skipped" not in g] == []
    assert comparable(imported.register, "en") == comparable(register, "en")
    health = next(c for c in imported.register.data_categories if c.special)
    assert (health.name, health.special) == ("Dental health record", "health")
    rule = imported.register.retention_rules[0]
    assert (str(rule.period), rule.starts) == ("P75Y", "the last visit")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice to make an .ods")
def test_a_filled_template_saved_as_ods_reads_the_same(tmp_path: Path) -> None:
    register = ropa.load(CLINIC)
    path = filled_template(register, "en", tmp_path / "clinic.xlsx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    from_ods = import_cnil(tmp_path / "clinic.ods", lang="en")
    assert comparable(from_ods.register, "en") == comparable(register, "en")


# ---------------------------------------------------------------------------------------------
# Export: the template's labels in the template's cells, and back


def test_export_has_the_templates_labels_where_the_template_has_them(tmp_path: Path) -> None:
    path = tmp_path / "cnil.xlsx"
    export_cnil(ropa.load(CLINIC), path, as_of=AS_OF)
    ours, template = read_book(path), read_book(TEMPLATE_XLSX)
    listing, their_list = ours["Liste des traitements"], template[LIST]
    for row in range(1, 9):
        for column in range(1, 9):
            if isinstance(their_list.get(row, column), str):
                assert listing.text(row, column) == their_list.text(row, column), (row, column)
    fiche, model = ours["Fiche 1 - treatment"], template[MODEL]
    for row in range(3, 15):  # description and actors: the same rows as the template
        for column in range(1, 9):
            if isinstance(model.get(row, column), str) and row != 5:
                assert fiche.text(row, column) == model.text(row, column), (row, column)
    sections = [
        fiche.text(row, 1)
        for row in range(1, fiche.max_row + 1)
        if fiche.text(row, 1) in {model.text(r, 1) for r in (16, 24, 32, 43, 47, 53, 58)}
    ]
    assert sections == [model.text(r, 1) for r in (16, 24, 32, 43, 47, 53, 58)]
    assert listing.text(9, 1) == "Dental treatment" and listing.text(9, 8) == "Oui"
    assert fiche.text(4, 2) == "Dental treatment" and fiche.text(10, 6) == "Lettonie"


@pytest.mark.parametrize("source,lang", [(SHIPPED, "lv"), (SHIPPED, "en"), (CLINIC, "en")])
def test_round_trip_is_equal_up_to_what_the_layout_cannot_hold(
    tmp_path: Path, source: Path, lang: str
) -> None:
    register = ropa.load(source)
    path = tmp_path / "cnil.xlsx"
    export_cnil(register, path, lang=lang, as_of=AS_OF)
    imported = import_cnil(path, lang=lang)
    assert imported.report.gaps == []
    assert comparable(imported.register, lang) == comparable(register, lang)
    assert any("legal bases" in str(line) for line in imported.report.not_held)


def test_same_register_same_bytes_and_formulas_stay_text(tmp_path: Path) -> None:
    register = ropa.load(CLINIC)
    export_cnil(register, tmp_path / "a.xlsx", as_of=AS_OF)
    export_cnil(register, tmp_path / "b.xlsx", as_of=AS_OF)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    hostile = register.model_copy(
        update={"activities": (register.activities[0].model_copy(update={"name": "=1+1"}),)}
    )
    export_cnil(hostile, tmp_path / "h.xlsx", as_of=AS_OF)
    cell = load_workbook(tmp_path / "h.xlsx")["Liste des traitements"]["A9"]
    assert cell.data_type == "s" and cell.value == "=1+1"


def test_values_that_do_not_map_are_reported_and_kept(tmp_path: Path) -> None:
    book = load_workbook(TEMPLATE_XLSX)
    fiche = book[MODEL]
    fiche["B4"], fiche["B5"] = "Gestion de la paie", "ref-001"
    fiche["A25"], fiche["B25"], fiche["E25"] = "Identité", "Noms", "5 ans à compter du départ"
    fiche["A26"], fiche["B26"], fiche["E26"] = "Banque", "RIB", "aussi longtemps que possible 3"
    fiche["B59"], fiche["C59"], fiche["D59"] = "Banque X", "Atlantide", "Accord verbal"
    fiche["B60"], fiche["C60"], fiche["D60"] = "Banque Y", "Andorre", "Accord verbal"
    path = tmp_path / "hand.xlsx"
    book.save(path)
    imported = import_cnil(path)
    gaps = "\n".join(map(str, imported.report.gaps))
    assert f"{MODEL}!B5: the N° / RÉF 'ref-001' is not an id" in gaps
    assert f"{MODEL}!E26: 'aussi longtemps que possible 3' is not a period in words" in gaps
    assert f"{MODEL}!C59: not a country ropa knows" in gaps
    assert f"{MODEL}!D60: not one of the CNIL's guarantees" in gaps
    (activity,) = imported.register.activities
    assert "Atlantide" in str(activity.description) and "Accord verbal" in str(activity.description)
    assert activity.transfers is not None and activity.transfers[0].country == "AD"
    rule = imported.register.retention_rules[0]
    assert (str(rule.period), rule.starts) == ("P5Y", "du départ")


def test_cli_both_ways(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cnil.xlsx"
    assert main(["export", str(CLINIC), "-o", str(out), "--layout", "cnil"]) == 0
    back = tmp_path / "back.yaml"
    assert main(["import", "--layout", "cnil", "--lang", "en", str(out), "-o", str(back)]) == 0
    assert comparable(ropa.load(back), "en") == comparable(ropa.load(CLINIC), "en")
    # The template as published has skipped parts: reported, and nothing written unless accepted.
    empty = tmp_path / "empty.yaml"
    assert main(["import", "--layout", "cnil", str(TEMPLATE_ODS), "-o", str(empty)]) == 1
    assert not empty.exists() and "example fiche; skipped" in capsys.readouterr().err
    assert (
        main(["import", "--layout", "cnil", str(TEMPLATE_ODS), "-o", str(empty), "--accept-gaps"])
        == 0
    )
    assert ropa.load(empty).activities == ()


def test_a_spreadsheet_that_is_not_the_cnil_template_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ico.xlsx"
    from ropa.formats.ico import export_ico

    export_ico(ropa.load(CLINIC), path, as_of=AS_OF)
    with pytest.raises(TemplateError, match="Identification du traitement"):
        import_cnil(path)
    assert main(["import", "--layout", "cnil", str(path), "-o", str(tmp_path / "x.yaml")]) == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_libreoffice_opens_the_export_and_saves_what_it_read(tmp_path: Path) -> None:
    register = ropa.load(CLINIC)
    path = tmp_path / "cnil.xlsx"
    export_cnil(register, path, as_of=AS_OF)
    subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp_path),
                    str(path)], check=True, capture_output=True, timeout=180)  # fmt: skip
    from_ods = import_cnil(tmp_path / "cnil.ods", lang="en")
    assert from_ods.report.gaps == []
    assert comparable(from_ods.register, "en") == comparable(register, "en")


CLINIC_2026_12 = ROOT / "tests" / "fixtures" / "interop" / "clinic-2026-12.yaml"


@pytest.mark.skipif(not hasattr(ropa.model, "Assessment"), reason="the additions of 2026-12")
def test_the_additions_of_2026_12_that_the_fiche_holds_come_back(tmp_path: Path) -> None:
    register = ropa.load(CLINIC_2026_12)
    path = tmp_path / "cnil.xlsx"
    export_cnil(register, path, as_of=AS_OF)
    imported = import_cnil(path, lang="en")
    assert imported.report.gaps == []
    (activity,) = imported.register.activities
    # The fiche has a retention per category row: retention per category comes back.
    rules = {r.id: r for r in imported.register.retention_rules}
    groups = {rules[e.rule].name: e.categories for e in activity.retention}
    assert groups == {
        "75 ans à compter de the last visit": ("dental_health_record",),
        "the patient withdraws consent": ("identity",),
    }
    until = [r.until for r in rules.values() if r.period is None]
    assert until == ["the patient withdraws consent"]
    # The DPO's firm, and a transfer to an international organisation.
    dpo = imported.register.organisation.dpo
    assert dpo is not None and dpo.organisation == "Example DPO Services SIA"
    (transfer,) = activity.transfers
    assert transfer.organisation == "european_patent_organisation"
