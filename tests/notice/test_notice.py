"""The privacy notice generated from the register (GDPR Art. 13 and 14), `ropa notice`.

Snapshots of the notices live in tests/snapshots/; after an intended change of wording or of
the shipped register, rewrite them with

    ROPA_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_notice.py

and read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ropa
from conftest import ROOT, SHIPPED
from ropa import vocab
from ropa.cli import main
from ropa.model import Register
from ropa.notice import AUTHORITIES, SupervisoryAuthority, authority_for, render_notice
from ropa.notice._document import normalise
from ropa.notice._phrases import PHRASES, article, long_date

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE_SNAPSHOTS = os.environ.get("ROPA_UPDATE_SNAPSHOTS") == "1"

# The seven purposes of the published policy ("Kādiem mērķiem apstrādājam personas datus?"),
# with the legal bases it gives each, as the notice must word them in Latvian.
SEVEN_PURPOSES = {
    "Klienta reģistrācija": ["līguma izpilde"],
    "Pieprasījuma apstrāde programmatūras izmitināšanas pakalpojumam": ["līguma izpilde"],
    "Atbalsta biļešu un informācijas pieprasījumu apstrāde": [
        "līguma izpilde",
        "leģitīmās intereses: pakalpojuma attīstībai",
    ],
    "Klientu attiecību menedžments (paziņojumu izsūtīšana, atsauksmju pieprasījums, aptaujas "
    "un anketēšana)": [
        "līguma izpilde",
        "uz mums attiecināma juridiska pienākuma izpilde",
        "leģitīmās intereses: uzskaite, izpēte",
    ],
    "Tīmekļa vietnes un uzņēmuma pārvaldīšana un aizsargāšana (problēmu novēršana, datu "
    "analīze, testēšana, sistēmas uzturēšana, atbalsts, ziņošana un datu uzglabāšana)": [
        "līguma izpilde",
        "uz mums attiecināma juridiska pienākuma izpilde",
        "leģitīmās intereses: uzņēmējdarbības vadīšana, pakalpojumu nodrošināšana, tīkla "
        "drošība, krāpniecības novēršana u.tml.",
    ],
    "Datu analīze (tīmekļa vietnes, pakalpojumu klāsta, mārketinga, klienta attiecību, "
    "lietotāju pieredzes uzlabošana)": [
        "leģitīmās intereses: noteikt klientūru pakalpojumam, atjaunināju un atjaunotu tīmekļa "
        "vietni, attīstītu uzņēmējdarbību",
    ],
    "Ieteikumu un rekomendāciju sniegšana": [
        "leģitīmās intereses: pakalpojuma un uzņēmējdarbības attīstība",
    ],
}
NEWSLETTER = "Jaunumu un īpašo piedāvājumu izsūtīšana"

# A register that exercises what the shipped one leaves out: DPO, full contact, consent,
# transfers, automated decisions, profiling, a third-party source, a named law, special data.
FULL_REGISTER = """\
format: ropa/1
register: {kind: controller, language: en, reviewed: 2026-03-01}
organisation:
  name: Example Clinic Ltd
  registration_number: "40000000001"
  address: {lv: "Brīvības iela 1, Rīga, LV-1001", en: "Brīvības iela 1, Riga, LV-1001"}
  country: LV
  contact: {url: "https://clinic.example/contact", email: privacy@clinic.example,
            phone: "+371 60000000"}
  dpo: {name: Anna Bērziņa, contact: {email: dpo@clinic.example}}
  joint_controllers:
    - name: Example Lab SIA
      contact: {url: "https://lab.example"}
      arrangement: {lv: "kopīga pacientu pieraksta sistēma", en: "a shared booking system"}
data_subjects:
  - {id: patients, name: {lv: Pacienti, en: Patients}}
data_categories:
  - id: identity
    name: {lv: Identitātes dati, en: Identity data}
    examples: {lv: "vārds, uzvārds", en: "first name, surname"}
  - id: health
    name: {lv: Veselības dati, en: Health data}
    special: health
recipients:
  - {id: lab, name: {lv: Laboratorija, en: Laboratory}, kind: joint_controller}
  - {id: cloud, name: {lv: Mākoņpakalpojumu sniedzējs, en: Cloud provider}, kind: processor}
retention_rules:
  - id: medical_records
    name: {lv: Medicīniskā dokumentācija, en: Medical records}
    period: P21Y
    starts: {lv: "pēdējā apmeklējuma", en: "the last visit"}
    basis: {lv: "Pacientu tiesību likums", en: "Patients' Rights Law"}
  - {id: bookings, name: {lv: Pieraksti, en: Bookings}, period: P18M}
activities:
  - id: treatment
    name: {lv: Ārstēšana, en: Treatment}
    purpose: service_provision
    legal_bases:
      - basis: contract
      - basis: legal_obligation
        law: {lv: Ārstniecības likums, en: Medical Treatment Law}
    special_condition: health_or_social_care
    data_subjects: [patients]
    data_categories: [identity, health]
    sources: [data_subject, third_party]
    recipients: [lab]
    transfers: []
    retention: medical_records
    automated_decisions: false
    profiling: false
  - id: reminders
    name: {lv: Atgādinājumi par vizītēm, en: Appointment reminders}
    purpose: marketing
    legal_bases:
      - basis: consent
        withdrawal: {lv: "sekojot saitei katrā ziņā", en: "by following the link in any message"}
    data_subjects: [patients]
    data_categories: [identity]
    sources: [data_subject]
    recipients: [cloud]
    transfers:
      - {country: US, recipient: cloud, safeguard: scc}
    retention: bookings
    automated_decisions: false
    profiling: true
  - id: triage
    name: {lv: Pieraksta prioritāte, en: Booking triage}
    purpose: service_provision
    legal_bases:
      - basis: legitimate_interests
        interest: {lv: "pacientu plūsmas plānošana", en: "planning patient flow"}
    data_subjects: [patients]
    data_categories: [identity, health]
    special_condition: health_or_social_care
    sources: [data_subject]
    recipients: []
    transfers:
      - {country: CH, safeguard: adequacy}
    retention: bookings
    automated_decisions: true
"""


def minimal(**organisation: Any) -> dict[str, Any]:
    """A small controller register as plain data, for tests that change one thing."""
    return {
        "format": "ropa/1",
        "register": {"kind": "controller", "language": "en", "reviewed": "2026-01-15"},
        "organisation": {"name": "Acme", "country": "LV", **organisation},
        "data_categories": [{"id": "contact", "name": {"lv": "Kontakti", "en": "Contacts"}}],
        "activities": [
            {
                "id": "orders",
                "name": {"lv": "Pasūtījumi", "en": "Orders"},
                "legal_bases": [{"basis": "contract"}],
                "data_categories": ["contact"],
            }
        ],
    }


def register_of(data: dict[str, Any]) -> Register:
    return Register.model_validate(data)


@pytest.fixture(scope="module")
def full() -> Register:
    return ropa.load(FULL_REGISTER)


def purpose_block(markdown: str, name: str) -> str:
    """The part of a Markdown notice under the heading "### N. name", up to the next heading."""
    match = re.search(rf"^### \d+\. {re.escape(name)}\n(.*?)(?=^#)", markdown, re.M | re.S)
    assert match is not None, f"no purpose heading for {name!r}"
    return match.group(1)


def list_under(markdown: str, label: str) -> list[str]:
    """The nested list items under the list item that starts with **label:**."""
    match = re.search(rf"^- \*\*{re.escape(label)}:\*\*.*\n((?:  - .*\n)*)", markdown, re.M)
    assert match is not None, f"no list item {label!r}"
    return [line[4:] for line in match.group(1).splitlines()]


# --- The shipped register ---------------------------------------------------------------------


def test_latvian_notice_names_each_policy_purpose_with_its_bases(shipped: Register) -> None:
    notice = render_notice(shipped, lang="lv")
    for name, bases in SEVEN_PURPOSES.items():
        block = purpose_block(notice, name)
        basis_line = next(line for line in block.splitlines() if "Juridisk" in line)
        for basis in bases:
            assert basis in basis_line, (name, basis)
        assert basis_line.count(";") == len(bases) - 1, (name, basis_line)


def test_latvian_notice_gives_each_purpose_its_data_categories(shipped: Register) -> None:
    notice = render_notice(shipped, lang="lv")
    names = {c.id: str(shipped.text(c.name, "lv")) for c in shipped.data_categories}
    for activity in shipped.activities:
        block = purpose_block(notice, str(shipped.text(activity.name, "lv")))
        for category_id in activity.data_categories:
            assert names[category_id] in block, (activity.id, category_id)


def test_latvian_notice_lists_every_data_category_with_examples(shipped: Register) -> None:
    notice = render_notice(shipped, lang="lv")
    for category in shipped.data_categories:
        assert f"**{shipped.text(category.name, 'lv')}** (piemēram, " in notice


def test_notice_states_the_consent_based_newsletter(shipped: Register) -> None:
    # The drift the issue starts from: the published policy's purposes omit the newsletter.
    notice = render_notice(shipped, lang="lv")
    block = purpose_block(notice, NEWSLETTER)
    assert "**Juridiskais pamats:** Jūsu piekrišana" in block
    assert list_under(notice, "Tiesības atsaukt piekrišanu") == [
        f"{NEWSLETTER} — Jums ir tiesības to atsaukt jebkurā laikā, sazinoties ar mums."
    ]


def test_rights_name_the_purposes_they_apply_to(shipped: Register) -> None:
    notice = render_notice(shipped, lang="lv")
    by_bases = {
        str(shipped.text(a.name, "lv")): {b.basis for b in a.legal_bases}
        for a in shipped.activities
    }
    objection = [name for name, bases in by_bases.items() if "legitimate_interests" in bases]
    portability = [name for name, bases in by_bases.items() if bases & {"consent", "contract"}]
    # Objection to direct marketing and on one's particular situation (Art. 21(1)-(2)).
    assert list_under(notice, "Tiesības iebilst") == objection
    assert list_under(notice, "Tiesības uz datu pārnesamību") == portability
    assert len(objection) == 5
    assert len(portability) == 6
    # Art. 21(2): the newsletter is direct marketing, open to objection whatever its basis.
    assert list_under(notice, "Tiesības iebilst pret tiešo tirgvedību") == [NEWSLETTER]
    # The register states no automated decisions, so the notice claims no such right applies.
    assert vocab.RIGHTS["automated_decision"].lv not in notice


def test_portability_is_stated_with_its_conditions(shipped: Register) -> None:
    # Art. 20(1)(b): only processing by automated means, and only data the person provided.
    for lang, words in (("lv", ("automatizētiem līdzekļiem", "kurus esat mums snieguši")),
                        ("en", ("by automated means", "you have provided to us"))):  # fmt: skip
        notice = render_notice(shipped, lang=lang)
        line = next(li for li in notice.splitlines() if vocab.RIGHTS["portability"].label(lang)
                    in li)  # fmt: skip
        assert all(word in line for word in words), line


def test_erasure_names_the_limit_of_a_legal_obligation(shipped: Register) -> None:
    # Art. 17(3)(b) limits erasure wherever a legal obligation is among the bases.
    notice = render_notice(shipped, lang="lv")
    limited = [str(shipped.text(a.name, "lv")) for a in shipped.activities
               if "legal_obligation" in {b.basis for b in a.legal_bases}]  # fmt: skip
    assert len(limited) == 2
    assert list_under(notice, "Tiesības uz dzēšanu") == limited
    assert "lai izpildītu uz mums attiecināmu juridisku pienākumu" in notice


def test_notice_claims_completeness_only_when_nothing_is_missing(
    shipped: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim = PHRASES["en"].complete
    assert claim not in render_notice(shipped, lang="en")  # --draft would list gaps
    from ropa.notice import _content

    monkeypatch.setattr(_content, "find_gaps", lambda view, authority_known: [])
    assert claim in render_notice(shipped, lang="en")


def test_objection_to_research_under_art_21_6() -> None:
    data = minimal()
    data["activities"][0].update(purpose="research")
    notice = render_notice(register_of(data), lang="lv")
    assert "Tiesības iebilst pret apstrādi pētniecības vai statistikas nolūkos" in notice
    assert "pamatojoties uz savu īpašo situāciju" in notice


def test_shipped_register_names_dvi_for_complaints(shipped: Register) -> None:
    notice = render_notice(shipped, lang="lv")
    assert "- **Uzraudzības iestāde:** Datu valsts inspekcija" in notice
    assert "- **Adrese:** Elijas iela 17, Rīga, LV-1050" in notice
    assert "<https://www.dvi.gov.lv>" in notice
    english = render_notice(shipped, lang="en")
    assert "Data State Inspectorate (Datu valsts inspekcija)" in english


def test_shipped_register_says_nothing_definite_about_unstated_transfers(
    shipped: Register,
) -> None:
    for lang in ("lv", "en"):
        notice = render_notice(shipped, lang=lang)
        assert "EEZ" not in notice and "EEA" not in notice
        assert PHRASES[lang].automated_title not in notice


def test_draft_lists_what_the_shipped_register_lacks(shipped: Register) -> None:
    published = render_notice(shipped, lang="lv")
    draft = render_notice(shipped, lang="lv", draft=True)
    title = "## Informācija, ko reģistrs nesniedz"
    assert title not in published
    assert draft.startswith(published.split("\n## Kur iesniegt sūdzību?")[0])
    gaps = draft.split(title, 1)[1]
    assert "Datu aizsardzības speciālista kontaktinformācija, ja speciālists ir iecelts" in gaps
    assert "reģistrā nav ne e-pasta adreses, ne tālruņa numura, ne tīmekļa vietnes" in gaps
    assert list_under_plain(gaps, "Vai personas dati tiek nosūtīti ārpus EEZ") == ["visi nolūki"]
    assert list_under_plain(gaps, "Tiesību akts, kas nosaka juridisko pienākumu") == [
        name
        for name, bases in SEVEN_PURPOSES.items()
        if "uz mums attiecināma juridiska pienākuma izpilde" in bases
    ]
    assert list_under_plain(gaps, "Konkrēts glabāšanas ilgums") == [
        "Tik ilgi, cik nepieciešams apstrādes mērķiem",
        "Līdz atteikumam no jaunumu saņemšanas",
    ]
    assert "Vai tiek pieņemti tikai automatizēti lēmumi" in gaps
    assert "Uzraudzības iestāde, kurai" not in gaps  # DVI is known for LV


def list_under_plain(markdown: str, start: str) -> list[str]:
    match = re.search(rf"^- {re.escape(start)}.*\n((?:  - .*\n)*)", markdown, re.M)
    assert match is not None, f"no list item starting {start!r}"
    return [line[4:] for line in match.group(1).splitlines()]


# --- Snapshots --------------------------------------------------------------------------------


def check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE_SNAPSHOTS:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing; run with ROPA_UPDATE_SNAPSHOTS=1 to write it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name} differs from the snapshot; if the change is intended, rewrite it with "
        "ROPA_UPDATE_SNAPSHOTS=1 and review the diff"
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_snapshot_of_shipped_register(shipped: Register, lang: str, fmt: str) -> None:
    check_snapshot(f"notice-{lang}.{fmt}", render_notice(shipped, lang=lang, fmt=fmt))


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_snapshot_of_full_register_with_draft(full: Register, lang: str) -> None:
    check_snapshot(f"notice-full-{lang}.md", render_notice(full, lang=lang, draft=True))


def test_output_is_deterministic(shipped: Register) -> None:
    first = render_notice(shipped, lang="en", fmt="html", draft=True)
    assert render_notice(shipped, lang="en", fmt="html", draft=True) == first
    assert "Last updated: 24 November 2026." in first


# --- Everything a full register can say -------------------------------------------------------


def test_full_register_contact_dpo_and_joint_controllers(full: Register) -> None:
    notice = render_notice(full, lang="en")
    assert "- **E-mail:** privacy@clinic.example" in notice
    assert "- **Phone:** +371 60000000" in notice
    assert "- **Website:** <https://clinic.example/contact>" in notice
    assert "- **Data protection officer:** Anna Bērziņa (e-mail: dpo@clinic.example)" in notice
    assert (
        "  - Example Lab SIA (website: <https://lab.example>); essence of the arrangement: "
        "a shared booking system\n" in notice
    )


def test_full_register_transfers_and_safeguards(full: Register) -> None:
    english = render_notice(full, lang="en")
    assert "- **United States:** Standard contractual clauses; recipient: Cloud provider" in english
    assert "- **Switzerland:** Adequacy decision" in english
    assert "To obtain a copy of these safeguards" in english
    latvian = render_notice(full, lang="lv")
    assert "Standarta datu aizsardzības klauzulas; saņēmējs: Mākoņpakalpojumu sniedzējs" in latvian


def test_full_register_bases_law_interest_and_special_condition(full: Register) -> None:
    latvian = render_notice(full, lang="lv")
    treatment = purpose_block(latvian, "Ārstēšana")
    assert (
        "**Juridiskie pamati:** līguma izpilde; uz mums attiecināma juridiska pienākuma "
        "izpilde (Ārstniecības " in (treatment)
    )
    assert "profilaktiskā vai arodmedicīna" in treatment
    assert "VDAR 9. panta 2. punkta h) apakšpunkts" in treatment
    assert "**Glabāšanas termiņš:** 21 gads no: pēdējā apmeklējuma" in treatment
    triage = purpose_block(latvian, "Pieraksta prioritāte")
    assert "leģitīmās intereses: pacientu plūsmas plānošana" in triage
    english = render_notice(full, lang="en")
    assert "our legitimate interests: planning patient flow" in english
    assert "compliance with a legal obligation (Medical Treatment Law)" in english


def test_full_register_automated_decisions_and_profiling(full: Register) -> None:
    notice = render_notice(full, lang="en", draft=True)
    assert list_under(notice, "Right not to be subject to solely automated decisions") == [
        "Booking triage"
    ]
    assert "We make decisions based solely on automated processing" in notice
    assert "We use profiling for these purposes:\n\n- Appointment reminders" in notice
    assert "Meaningful information about the logic" in notice.split("Items the register")[1]


def test_full_register_sources_name_categories_for_indirect_collection(full: Register) -> None:
    notice = render_notice(full, lang="lv")
    assert "- no trešajām personām šādiem nolūkiem:\n  - Ārstēšana: Identitātes dati un " in notice
    assert "Veselības dati" in notice


def test_full_register_draft_has_no_false_gaps(full: Register) -> None:
    gaps = render_notice(full, lang="en", draft=True).split("## Items the register cannot fill")[1]
    for absent in ("data protection officer", "contact the controller", "outside the EEA",
                   "The law that", "withdraw consent", "retention period"):  # fmt: skip
        assert absent not in gaps, absent
    assert "The source itself" in gaps  # third_party: only the kind is recorded
    assert "statutory or contractual requirement" in gaps  # the format cannot record it


# --- Latvian and English forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "latvian", "english"),
    [
        ("P1Y", "1 gads", "1 year"),
        ("P5Y", "5 gadi", "5 years"),
        ("P18M", "18 mēneši", "18 months"),
        ("P21Y", "21 gads", "21 years"),
        ("P11Y", "11 gadi", "11 years"),
        ("P1Y6M", "1 gads un 6 mēneši", "1 year and 6 months"),
        ("P31D", "31 diena", "31 days"),
    ],
)
def test_retention_periods_in_words(period: str, latvian: str, english: str) -> None:
    data = minimal()
    data["retention_rules"] = [{"id": "rule", "name": "Rule", "period": period}]
    data["activities"][0]["retention"] = "rule"
    register = register_of(data)
    assert f"**Glabāšanas termiņš:** {latvian}\n" in render_notice(register, lang="lv")
    assert f"**Retention:** {english}\n" in render_notice(register, lang="en")


def test_lists_are_joined_with_un_and_and() -> None:
    data = minimal()
    data["data_categories"] = [
        {"id": "a", "name": {"lv": "Vārds", "en": "Name"}},
        {"id": "b", "name": {"lv": "Adrese", "en": "Address"}},
        {"id": "c", "name": {"lv": "Tālrunis", "en": "Phone"}},
    ]
    data["activities"][0]["data_categories"] = ["a", "b", "c"]
    register = register_of(data)
    assert "**Personas dati:** Vārds, Adrese un Tālrunis" in render_notice(register, lang="lv")
    assert "**Personal data:** Name, Address and Phone" in render_notice(register, lang="en")


def test_one_basis_is_singular_several_plural() -> None:
    data = minimal()
    assert "**Juridiskais pamats:** līguma izpilde" in render_notice(register_of(data))
    law = {"lv": "X likums", "en": "Law X"}
    data["activities"][0]["legal_bases"].append({"basis": "legal_obligation", "law": law})
    notice = render_notice(register_of(data))
    assert (
        "**Juridiskie pamati:** līguma izpilde; uz mums attiecināma juridiska pienākuma "
        "izpilde (X likums)" in (notice)
    )


@pytest.mark.parametrize(
    ("reference", "latvian", "english"),
    [
        ("13(1)(a)", "VDAR 13. panta 1. punkta a) apakšpunkts", "Art. 13(1)(a) GDPR"),
        ("9(2)", "VDAR 9. panta 2. punkts", "Art. 9(2) GDPR"),
        ("37", "VDAR 37. pants", "Art. 37 GDPR"),
    ],
)
def test_articles_cited_as_each_language_cites_them(
    reference: str, latvian: str, english: str
) -> None:
    assert article(reference, "lv") == latvian
    assert article(reference, "en") == english


def test_dates_in_words() -> None:
    from datetime import date

    assert long_date(date(2026, 3, 1), "lv") == "2026. gada 1. martā"
    assert long_date(date(2026, 11, 24), "en") == "24 November 2026"


def test_both_languages_cover_every_vocabulary_value() -> None:
    for lang, p in PHRASES.items():
        assert set(p.bases) == set(vocab.LEGAL_BASES), lang
        assert set(p.rights) == set(vocab.RIGHTS), lang
        assert set(p.sources) == set(vocab.SOURCES), lang
        assert len(p.months) == 12, lang
    assert set(PHRASES["lv"].draft) == set(PHRASES["en"].draft)


# --- Transfers: none, not stated, some ----------------------------------------------------------


def test_transfers_none_says_so() -> None:
    data = minimal()
    data["activities"][0]["transfers"] = []
    register = register_of(data)
    assert "Mēs nenosūtām Jūsu personas datus uz valstīm ārpus Eiropas Ekonomikas zonas (EEZ)." in (
        render_notice(register, lang="lv")
    )
    english = render_notice(register, lang="en", draft=True)
    assert "We do not transfer your personal data to countries outside the European" in english
    assert "Whether personal data are transferred" not in english


def test_transfers_not_stated_says_nothing_and_draft_lists_it() -> None:
    register = register_of(minimal())
    assert "EEA" not in render_notice(register, lang="en")
    draft = render_notice(register, lang="en", draft=True)
    assert "- Whether personal data are transferred outside the EEA, for these purposes" in draft
    assert "  - Orders" in draft


def test_transfer_without_safeguard_is_a_gap() -> None:
    data = minimal()
    data["activities"][0]["transfers"] = [{"country": "IN"}]
    notice = render_notice(register_of(data), lang="en", draft=True)
    assert "- **India**\n  - Orders" in notice
    assert "- The safeguards for these transfers outside the EEA" in notice
    assert "  - Orders: India" in notice


def test_recipients_none_and_not_stated() -> None:
    data = minimal()
    data["activities"][0]["recipients"] = []
    assert "We do not disclose your personal data to other recipients." in render_notice(
        register_of(data), lang="en"
    )
    draft = render_notice(register_of(minimal()), lang="en", draft=True)
    assert "Who receives personal data" not in draft
    assert "- The recipients, or that there are none, for these purposes" in draft


def test_recipient_used_by_some_purposes_names_them() -> None:
    data = minimal()
    data["recipients"] = [{"id": "post", "name": "Post office", "kind": "processor"}]
    data["activities"].append(
        {"id": "letters", "name": "Letters", "recipients": ["post"], "legal_bases": []}
    )
    notice = render_notice(register_of(data), lang="en")
    assert "- **Post office** (processor) — only for these purposes:\n  - Letters\n" in notice


# --- Supervisory authority --------------------------------------------------------------------


def test_authority_table_and_fallback() -> None:
    assert authority_for("LV") is AUTHORITIES["LV"]
    assert authority_for("DE") is None
    assert authority_for(None) is None
    notice = render_notice(register_of(minimal(country="DE")), lang="en", draft=True)
    assert "You may complain to the supervisory authority of the EU member state" in notice
    assert "- The supervisory authority to complain to; give it with --authority-name" in notice


def test_authority_given_by_the_caller() -> None:
    authority = SupervisoryAuthority(name="Data Protection Commission", url="https://dpc.example")
    notice = render_notice(register_of(minimal()), lang="en", authority=authority)
    assert "- **Supervisory authority:** Data Protection Commission" in notice
    assert "<https://dpc.example>" in notice
    assert "Datu valsts inspekcija" not in notice


def test_authority_url_that_is_not_http_is_text() -> None:
    authority = SupervisoryAuthority(name="X", url="javascript:alert(1)")
    html = render_notice(register_of(minimal()), fmt="html", authority=authority)
    assert "javascript:alert(1)" in html
    assert 'href="javascript' not in html


# --- HTML ---------------------------------------------------------------------------------------

VOID_ELEMENTS = frozenset({"meta", "br", "hr", "img", "input", "link", "wbr"})
EXTERNAL_ATTRIBUTES = frozenset({"src", "srcset", "action", "formaction", "background", "poster"})


class StrictChecker(HTMLParser):
    """Parses a document and records every structural problem: unbalanced or misnested tags,
    scripts, event handlers, external resources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.links: list[str] = []
        self.doctype = ""
        self.text: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name in EXTERNAL_ATTRIBUTES:
                self.problems.append(f"<{tag} {name}=...>")
            if tag == "a" and name == "href":
                self.links.append(value or "")
        if tag in {"script", "iframe", "object", "embed", "link", "img"}:
            self.problems.append(f"<{tag}>")
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(document: str) -> StrictChecker:
    checker = StrictChecker()
    checker.feed(document)
    checker.close()
    assert checker.doctype == "DOCTYPE html"
    assert checker.problems == []
    assert checker.stack == [], f"unclosed: {checker.stack}"
    assert checker.tags[:3] == ["html", "head", "meta"]
    assert '<meta charset="utf-8">' in document
    assert "<style>" in document
    return checker


@pytest.mark.parametrize("draft", [False, True])
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_html_parses_cleanly(shipped: Register, full: Register, lang: str, draft: bool) -> None:
    for register in (shipped, full):
        document = render_notice(register, lang=lang, fmt="html", draft=draft)
        checker = check_html(document)
        assert f'<html lang="{lang}">' in document
        # Only the authority's and the controller's own websites are links.
        assert set(checker.links) <= {
            "https://www.dvi.gov.lv",
            "https://clinic.example/contact",
            "https://lab.example",
        }
    assert ('class="draft"' in document) is draft


HOSTILE = '<script>alert("x")</script> & "onload=alert(1) \' <img src=x onerror=alert(2)>'


def hostile_register() -> Register:
    data = minimal(
        name=HOSTILE,
        address=HOSTILE,
        contact={"url": 'https://ok.example/"><script>x</script>', "email": HOSTILE},
        dpo={"name": HOSTILE, "contact": {"url": "javascript:alert(3)"}},
    )
    data["data_categories"][0]["name"] = HOSTILE
    data["data_categories"][0]["examples"] = HOSTILE
    data["activities"][0]["name"] = HOSTILE
    data["activities"][0]["description"] = "# " + HOSTILE
    data["activities"][0]["legal_bases"] = [{"basis": "legitimate_interests", "interest": HOSTILE}]
    data["activities"][0]["recipients"] = ["r"]
    data["recipients"] = [{"id": "r", "name": HOSTILE, "kind": "other", "description": HOSTILE}]
    return register_of(data)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_html_escapes_hostile_register_text(lang: str) -> None:
    document = render_notice(hostile_register(), lang=lang, fmt="html", draft=True)
    checker = check_html(document)
    assert "<script" not in document.lower()
    assert "<img" not in document.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;onload=" in document
    # Neither the URL with markup in it nor javascript: becomes a link; the DVI's stays.
    assert checker.links == ["https://www.dvi.gov.lv"]
    assert "javascript:alert(3)" in "".join(checker.text)
    # The text still reads as written once parsed.
    assert HOSTILE in "".join(checker.text)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1).filter(lambda value: value.strip()))
def test_html_shows_any_register_text_as_text(value: str) -> None:
    data = minimal(name=value)
    data["activities"][0]["name"] = value
    data["data_categories"][0]["examples"] = value
    document = render_notice(register_of(data), lang="en", fmt="html")
    checker = check_html(document)
    assert normalise(value).strip() in "".join(checker.text)


def test_markdown_escapes_hostile_register_text() -> None:
    notice = render_notice(hostile_register(), lang="en", draft=True)
    assert "<script" not in notice and "<img" not in notice
    assert "&lt;script&gt;" in notice
    assert "](" not in notice  # no link made from register text
    # A description starting with "#" stays a paragraph.
    assert "\n\\# &lt;script&gt;" in notice


# --- The public API's refusals ------------------------------------------------------------------


def test_unknown_language_or_format_is_refused() -> None:
    register = register_of(minimal())
    with pytest.raises(ValueError, match="language"):
        render_notice(register, lang="de")
    with pytest.raises(ValueError, match="format"):
        render_notice(register, fmt="pdf")


def test_processor_register_is_refused() -> None:
    data = minimal()
    data["register"]["kind"] = "processor"
    with pytest.raises(ValueError, match="controller"):
        render_notice(register_of(data))


def test_empty_register_renders() -> None:
    data = minimal()
    data["activities"] = []
    notice = render_notice(register_of(data), lang="en", draft=True)
    assert notice.startswith("# Privacy notice\n\n**Acme**\n")
    assert "## How to complain" in notice


# --- `ropa notice` ----------------------------------------------------------------------------


def test_cli_writes_html_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = tmp_path / "notice-lv.html"
    assert main(["notice", str(SHIPPED), "-o", str(html)]) == 0
    assert html.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="lv">')
    markdown = tmp_path / "notice.md"
    assert main(["notice", str(SHIPPED), "--lang", "en", "--to", "md", "-o", str(markdown)]) == 0
    assert markdown.read_text(encoding="utf-8").startswith("# Privacy notice\n")
    assert capsys.readouterr().err == ""


def test_cli_to_overrides_the_suffix(tmp_path: Path) -> None:
    out = tmp_path / "notice.txt"
    assert main(["notice", str(SHIPPED), "--to", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_writes_stdout_without_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notice", str(SHIPPED), "--lang", "en"]) == 0
    assert capsys.readouterr().out == render_notice(ropa.load(SHIPPED), lang="en")


def test_cli_draft_appends_the_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notice", str(SHIPPED), "--draft"]) == 0
    assert "\n## Informācija, ko reģistrs nesniedz\n" in capsys.readouterr().out
    assert main(["notice", str(SHIPPED), "--lang", "en", "--draft"]) == 0
    assert "\n## Items the register cannot fill\n" in capsys.readouterr().out


def test_cli_authority_options(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["notice", str(SHIPPED), "--lang", "en", "--authority-name", "Example DPA"]
    assert main([*argv, "--authority-url", "https://dpa.example"]) == 0
    out = capsys.readouterr().out
    assert "- **Supervisory authority:** Example DPA" in out
    assert "<https://dpa.example>" in out
    assert "Data State Inspectorate" not in out


def test_cli_authority_url_needs_a_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notice", str(SHIPPED), "--authority-url", "https://dpa.example"]) == 2
    assert "--authority-name" in capsys.readouterr().err


def test_cli_refuses_to_overwrite_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "register.yaml"
    register.write_bytes(SHIPPED.read_bytes())
    assert main(["notice", str(register), "-o", str(register)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert register.read_bytes() == SHIPPED.read_bytes()


def test_cli_missing_output_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "notice.html"
    assert main(["notice", str(SHIPPED), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err
    assert "Traceback" not in err
    assert not out.parent.exists()


def test_cli_unreadable_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notice", str(tmp_path / "absent.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: ropa/1\nregister: [\n", encoding="utf-8")
    assert main(["notice", str(broken)]) == 2
    assert "broken.yaml:" in capsys.readouterr().err


def test_cli_processor_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    processor = tmp_path / "processor.yaml"
    text = SHIPPED.read_text(encoding="utf-8").replace("kind: controller", "kind: processor", 1)
    processor.write_text(text, encoding="utf-8")
    assert main(["notice", "--lang", "en", str(processor)]) == 2
    assert "processor's register" in capsys.readouterr().err


def test_cli_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["notice", str(SHIPPED), "--lang", "de"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Registers of both roles: the notice speaks of the controller's activities only

MIXED = ROOT / "tests" / "fixtures" / "rules" / "mixed-roles.yaml"


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_processor_activities_are_left_out_of_the_notice(lang: str, fmt: str) -> None:
    register = ropa.load(MIXED)
    notice = render_notice(register, lang=lang, fmt=fmt)
    assert "Customer accounts" in notice
    # Neither the processor activity nor what only it processes reaches the notice.
    for processor_only in ("Hosting of Client A", "Orders in the client", "client's customers"):
        assert processor_only not in notice.replace("&#x27;", "'"), processor_only
    assert ("apstrādātājs citu pārziņu" if lang == "lv" else "as a processor") not in notice


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("lv", "Paziņojumā nav iekļautas darbības, ko organizācija veic kā apstrādātājs"),
        ("en", "Left out of this notice: the activities the organisation carries out as a "
               "processor"),
    ],
)  # fmt: skip
def test_draft_says_which_processor_activities_were_left_out(lang: str, said: str) -> None:
    notice = render_notice(ropa.load(MIXED), lang=lang, fmt="md", draft=True)
    draft = notice.split("\n## ")[-1]
    assert said in draft
    # The English name in the Latvian notice, marked with its language.
    mark = {"lv": "\\[en\\] ", "en": ""}[lang]
    assert f"- {mark}Hosting of Client A's web shop" in draft
    assert "Hosting of Client A" not in notice.split("\n## ")[-2]


def test_draft_of_a_controller_register_says_nothing_of_processors(shipped: Register) -> None:
    notice = render_notice(shipped, lang="en", fmt="md", draft=True)
    assert "as a processor" not in notice


def test_processor_register_with_a_controller_activity_gets_a_notice_for_it() -> None:
    text = MIXED.read_text(encoding="utf-8").replace("kind: controller", "kind: processor", 1)
    text = text.replace("    role: processor\n", "").replace(
        "  - id: customer_accounts\n", "  - id: customer_accounts\n    role: controller\n"
    )
    register = ropa.load(text)
    assert [a.id for a in register.controller_activities] == ["customer_accounts"]
    notice = render_notice(register, lang="en", fmt="md", draft=True)
    published, draft = notice.split("\n## Items the register cannot fill\n")
    assert "Customer accounts" in published and "Hosting of Client A" not in published
    assert "- Hosting of Client A's web shop" in draft


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_register_text_in_another_language_is_marked_never_spliced(fmt: str) -> None:
    """A Latvian notice of an English register: a text given in Latvian too is shown in
    Latvian, one given only in English is shown marked `[en]`, and `--draft` lists it."""
    data = minimal(address="12 Main Street, Riga")
    notice = render_notice(register_of(data), lang="lv", fmt=fmt)
    mark = "\\[en\\] " if fmt == "md" else "[en] "
    assert f"{mark}12 Main Street, Riga" in notice
    assert "Pasūtījumi" in notice and "Orders" not in notice  # written in Latvian too
    assert "[en] Pasūtījumi" not in notice
    draft = render_notice(register_of(data), lang="lv", fmt=fmt, draft=True)
    gaps = draft.split("Informācija, ko reģistrs nesniedz")[-1]
    assert "Teksti, kas reģistrā nav uzrakstīti latviešu valodā" in gaps
    assert "VDAR 12. panta 1. punkts" in gaps
    assert f"{mark}12 Main Street, Riga" in gaps
    # In the register's own language nothing is marked and no such gap is listed.
    english = render_notice(register_of(data), lang="en", fmt=fmt, draft=True)
    assert "[en]" not in english and "Texts the register does not give" not in english
