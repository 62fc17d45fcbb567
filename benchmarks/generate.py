"""A synthetic `ropa/1` register of any size, for measuring the loader.

The register is valid (``ropa.load`` accepts it) and looks like a real one: catalogues of 20
entries each, activities with two or three legal bases, language maps in Latvian (with its
diacritics) and English, lists of ids, transfers, dates and retention periods. It uses the
format's later fields too: an assessments catalogue referenced by id (DPIAs, legitimate
interests and transfer impact assessments), retention per data category, several Art. 9(2)
conditions for activities with special categories, and processor activities (Art. 30(2)) on
behalf of a catalogue of controllers. Each activity takes about 850 bytes, so 10,000
activities make about 8.5 MB.

`write_files` writes the same register as a main file that includes fragments (`include`),
as a register kept in several files is: the catalogues and the first half of the activities
in the main file, the rest in fragments of at most 5,000 activities.

The text avoids every scalar that YAML 1.1 and YAML 1.2 read differently (`yes`, `no`, `on`,
`off`, `NO`, sexagesimals such as `1:20`, `=`, octal-looking numbers), so that PyYAML's
`CSafeLoader` (YAML 1.1) and ropa's loader (YAML 1.2 core) must produce the same data. The one
difference left is dates: PyYAML makes `datetime.date` objects of unquoted dates, ropa keeps
them as ISO text (the models parse them); `bench_load.py` normalises dates before comparing.

    python benchmarks/generate.py 10000 -o register.yaml
    python benchmarks/generate.py 10000 -o register.yaml --fragments
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path

CATALOGUE_SIZE = 20

# (lv, en) pairs the generator draws names from.
_SUBJECTS = [
    ("Klienti", "Customers"),
    ("Darbinieki", "Employees"),
    ("Pretendenti", "Job applicants"),
    ("Tīmekļa vietnes apmeklētāji", "Website visitors"),
    ("Piegādātāju kontaktpersonas", "Supplier contacts"),
    ("Jaunumu saņēmēji", "Newsletter subscribers"),
    ("Pacienti", "Patients"),
    ("Skolēni", "Pupils"),
]
_CATEGORIES = [
    ("Personiskā informācija", "Identity information"),
    ("Kontaktinformācija", "Contact information"),
    ("Profila informācija", "Profile information"),
    ("Tehniskā informācija", "Technical information"),
    ("Izmantošanas dati", "Usage data"),
    ("Mārketinga dati", "Marketing data"),
    ("Norēķinu dati", "Payment data"),
    ("Atrašanās vietas dati", "Location data"),
    ("Saziņas vēsture", "Communication history"),
    ("Līguma dati", "Contract data"),
]
_RECIPIENTS = [
    ("Mitināšanas pakalpojumu sniedzēji", "Hosting providers", "processor", ["DE", "IE", "US"]),
    ("Grāmatvedības pakalpojumu sniedzēji", "Accounting service providers", "processor", ["LV"]),
    ("Valsts ieņēmumu dienests", "State Revenue Service", "public_authority", ["LV"]),
    ("Kurjeru pakalpojumi", "Courier services", "processor", ["LV", "EE", "LT"]),
    ("Mārketinga aģentūras", "Marketing agencies", "processor", ["GB", "US"]),
    ("Koncerna uzņēmumi", "Group companies", "group_company", ["SE", "FI"]),
    ("Apdrošinātāji", "Insurers", "controller", ["LV"]),
    ("Klientu atbalsta platforma", "Customer support platform", "processor", ["US", "CA"]),
]
_RULES = [
    ("Līdz līguma beigām", "Until the end of the contract", "P5Y", "līguma beigas"),
    ("Grāmatvedības dokumenti", "Accounting records", "P10Y", "pārskata gada beigas"),
    ("Tīmekļa žurnāli", "Web server logs", "P18M", "ieraksta izveide"),
    ("Pieteikumi darbam", "Job applications", "P6M", "konkursa beigas"),
    ("Videonovērošana", "Video surveillance", "P30D", "ieraksta izveide"),
    ("Atbalsta pieprasījumi", "Support requests", "P2Y", "pieprasījuma slēgšana"),
    ("Īslaicīgi dati", "Short-lived data", "P2W", "datu saņemšana"),
]
_MEASURES = [
    ("Piekļuves kontrole pēc lomām", "Role-based access control", "technical"),
    ("Šifrēšana glabāšanā", "Encryption at rest", "technical"),
    ("Divfaktoru autentifikācija", "Two-factor authentication", "technical"),
    ("Rezerves kopijas", "Backups", "technical"),
    ("Darbinieku apmācība", "Staff training", "organisational"),
    ("Konfidencialitātes līgumi", "Confidentiality agreements", "organisational"),
    ("Incidentu pārvaldības kārtība", "Incident management procedure", "organisational"),
]
_ACTIVITIES = [
    ("Klientu reģistrācija", "Customer registration", "account_management"),
    ("Pasūtījumu apstrāde", "Order processing", "service_provision"),
    ("Atbalsta pieprasījumu apstrāde", "Handling support requests", "customer_care"),
    ("Jaunumu izsūtīšana", "Sending newsletters", "marketing"),
    ("Tīmekļa vietnes drošība", "Website security", "security"),
    ("Krāpšanas novēršana", "Fraud prevention", "fraud_prevention"),
    ("Darbinieku lietvedība", "Personnel records", "human_resources"),
    ("Pakalpojumu uzlabošana", "Service improvement", "service_improvement"),
    ("Grāmatvedības uzskaite", "Bookkeeping", "legal_compliance"),
    ("Ieteikumu sniegšana", "Giving recommendations", "personalisation"),
]
_DESCRIPTIONS = [
    ("Dati tiek apstrādāti, lai sniegtu pakalpojumu un uzturētu saziņu ar klientu.",
     "Data are processed to provide the service and keep in touch with the customer."),
    ("Apstrāde notiek automātiski, apmeklējot tīmekļa vietni vai lietojot lietotni.",
     "Processing happens automatically when the website or the app is used."),
    ("Ieraksti tiek glabāti centralizētā sistēmā ar ierobežotu piekļuvi.",
     "Records are kept in a central system with restricted access."),
]  # fmt: skip
_INTERESTS = [
    ("pakalpojuma attīstībai", "developing the service"),
    ("tīkla un informācijas drošība", "network and information security"),
    ("krāpšanas novēršana", "preventing fraud"),
    ("uzņēmējdarbības vadīšana", "running the business"),
]
_LAWS = [
    ("Grāmatvedības likums", "Accounting Law"),
    ("Darba likums", "Labour Law"),
    ("Noziedzīgi iegūtu līdzekļu legalizācijas novēršanas likums", "Anti-Money Laundering Law"),
]
_SYSTEMS = ["CRM", "ERP", "Grāmatvedība", "E-pasta serveris", "Atbalsta portāls", "Noliktava"]
_OWNERS = ["Klientu apkalpošanas nodaļa", "IT nodaļa", "Personāla daļa", "Finanšu nodaļa"]
_OTHER_BASES = ["legitimate_interests", "legal_obligation", "consent"]
_SOURCES = ["data_subject", "observed", "third_party", "public"]
_CONTROLLERS = ["SIA Klients", "AS Pasūtītājs", "SIA Partneris", "AS Banka", "SIA Veikals"]
_ASSESSMENT_KINDS = ["dpia", "lia", "tia"]
# Art. 9(2) conditions for the two special categories (category_19 health, category_20
# biometric), with the law where the condition rests on one.
_CONDITIONS = [
    ("explicit_consent", None),
    ("health_or_social_care", ("Ārstniecības likums", "Medical Treatment Law")),
    ("employment_social_security", ("Darba likums", "Labour Law")),
]
_SPECIAL = {19: "health", 20: "biometric"}
FRAGMENT_ACTIVITIES = 5_000
# Third countries with the safeguard a transfer there would use.
_TRANSFERS = [("US", "scc"), ("GB", "adequacy"), ("CH", "adequacy"), ("JP", "adequacy"),
              ("CA", "adequacy"), ("IN", "scc"), ("AU", "bcr"), ("BR", "scc")]  # fmt: skip


# Text safe to write unquoted, in block and flow context alike: starts with a letter, holds
# no YAML indicator (no comma, colon, #, quotes or brackets), ends with a letter or digit.
_PLAIN = re.compile(r"[^\W\d_][\w .\-]*[\w]", re.UNICODE)


def _q(text: str) -> str:
    """A YAML scalar for `text`: plain where that is safe, as people write, else quoted."""
    if _PLAIN.fullmatch(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON string syntax is valid YAML


def _text_map(lv: str, en: str) -> str:
    return "{lv: " + _q(lv) + ", en: " + _q(en) + "}"


def _ids(prefix: str, rng: random.Random, low: int, high: int) -> str:
    picked = rng.sample(range(1, CATALOGUE_SIZE + 1), rng.randint(low, high))
    return "[" + ", ".join(f"{prefix}_{n:02d}" for n in sorted(picked)) + "]"


def _header() -> list[str]:
    return [
        "# A synthetic register written by benchmarks/generate.py.",
        "format: ropa/1",
        "register:",
        "  kind: controller",
        '  version: "2026.1"',
        "  language: lv",
        "  reviewed: 2026-11-24",
        "  approved_by: null",
        "organisation:",
        '  name: SIA "Paraugs"',
        '  registration_number: "40003000001"',
        "  address: Rīga, Brīvības iela 1, LV-1010",
        "  country: LV",
        "  public_body: false",
        "  contact: {email: dati@paraugs.lv, phone: '+371 67000000'}",
        "  dpo: {name: Anna Bērziņa, contact: {email: dpo@paraugs.lv}}",
    ]


def _catalogues() -> list[str]:
    lines = ["data_subjects:"]
    for n in range(1, CATALOGUE_SIZE + 1):
        lv, en = _SUBJECTS[n % len(_SUBJECTS)]
        lines += [
            f"  - id: subjects_{n:02d}",
            f"    name: {_text_map(f'{lv} {n}', f'{en} {n}')}",
            f"    includes_children: {'true' if n % 7 == 0 else 'false'}",
        ]
    lines.append("data_categories:")
    for n in range(1, CATALOGUE_SIZE + 1):
        lv, en = _CATEGORIES[n % len(_CATEGORIES)]
        lines += [
            f"  - id: category_{n:02d}",
            f"    name: {_text_map(f'{lv} {n}', f'{en} {n}')}",
            f"    examples: {_text_map('vārds, uzvārds, e-pasts', 'name, surname, e-mail')}",
            f"    special: {_SPECIAL.get(n, 'null')}",
            f"    national_id: {'true' if n == 1 else 'false'}",
        ]
    lines.append("recipients:")
    for n in range(1, CATALOGUE_SIZE + 1):
        lv, en, kind, countries = _RECIPIENTS[n % len(_RECIPIENTS)]
        lines += [
            f"  - id: recipient_{n:02d}",
            f"    name: {_text_map(f'{lv} {n}', f'{en} {n}')}",
            f"    kind: {kind}",
            f"    contract: {_q(f'DPA-2026-{n:03d}') if kind == 'processor' else 'null'}",
            f"    countries: [{', '.join(countries)}]",
        ]
    lines.append("retention_rules:")
    for n in range(1, CATALOGUE_SIZE + 1):
        lv, en, period, starts = _RULES[n % len(_RULES)]
        lines += [
            f"  - id: rule_{n:02d}",
            f"    name: {_text_map(f'{lv} {n}', f'{en} {n}')}",
            f"    period: {period}",
            f"    starts: {{lv: {_q(starts)}}}",
        ]
    lines.append("assessments:")
    for n in range(1, CATALOGUE_SIZE + 1):
        kind = _ASSESSMENT_KINDS[n % len(_ASSESSMENT_KINDS)]
        lines += [
            f"  - id: {_assessment_id(n)}",
            f"    kind: {kind}",
            f"    name: {_text_map(f'Novērtējums {n}', f'Assessment {n}')}",
            f"    reference: {_q(f'{kind.upper()}-2026-{n:03d}')}",
            f"    date: 2026-{n % 11 + 1:02d}-15",
            f"    review_by: 2027-{n % 11 + 1:02d}-15",
        ]
    lines.append("controllers:")
    for n, name in enumerate(_CONTROLLERS, start=1):
        lines += [
            f"  - id: controller_{n:02d}",
            f"    name: {_q(name)}",
            f"    contact: {{email: dati{n}@klients.lv}}",
            f"    contract: {_q(f'DPA-C-{n:03d}')}",
        ]
    lines.append("security_measures:")
    for n in range(1, CATALOGUE_SIZE + 1):
        lv, en, kind = _MEASURES[n % len(_MEASURES)]
        lines += [
            f"  - id: measure_{n:02d}",
            f"    name: {_text_map(f'{lv} {n}', f'{en} {n}')}",
            f"    kind: {kind}",
        ]
    return lines


def _assessment_id(n: int) -> str:
    return f"{_ASSESSMENT_KINDS[n % len(_ASSESSMENT_KINDS)]}_{n:02d}"


def _assessment_of(kind: str, rng: random.Random) -> str:
    """The id of a random catalogue assessment of `kind`."""
    numbers = [n for n in range(1, CATALOGUE_SIZE + 1) if _assessment_id(n).startswith(kind)]
    return _assessment_id(rng.choice(numbers))


def _legal_bases(rng: random.Random) -> list[str]:
    lines = ["    legal_bases:", "      - basis: contract"]
    for basis in rng.sample(_OTHER_BASES, rng.randint(1, 2)):
        lines.append(f"      - basis: {basis}")
        if basis == "legitimate_interests":
            lv, en = rng.choice(_INTERESTS)
            lines += [
                f"        interest: {_text_map(lv, en)}",
                f"        assessment: {_assessment_of('lia', rng)}",
            ]
        elif basis == "legal_obligation":
            lines.append(f"        law: {_text_map(*rng.choice(_LAWS))}")
        else:
            lines.append(f"        withdrawal: {{lv: {_q('Rakstot uz dati@paraugs.lv')}}}")
    return lines


def _activity(number: int, rng: random.Random) -> list[str]:
    lv, en, purpose = _ACTIVITIES[number % len(_ACTIVITIES)]
    description_lv, description_en = rng.choice(_DESCRIPTIONS)
    recipient = rng.randint(1, CATALOGUE_SIZE)
    sources = ", ".join(sorted(rng.sample(_SOURCES, rng.randint(1, 2))))
    picked = sorted(rng.sample(range(1, CATALOGUE_SIZE + 1), rng.randint(2, 4)))
    categories = [f"category_{n:02d}" for n in picked]
    lines = [
        f"  - id: activity_{number:05d}",
        f"    name: {_text_map(f'{lv} {number}', f'{en} {number}')}",
    ]
    if number % 10 == 5:  # a processor activity (Art. 30(2)), for one or two controllers
        lines += [
            "    role: processor",
            f"    on_behalf_of: [controller_{number % 5 + 1:02d}]",
        ]
    # Every processor activity has one (Art. 30(2)(b): the category of processing), and some
    # others.
    if number % 10 == 5 or number % 8 == 0:
        lines += ["    description:", f"      lv: {description_lv}", f"      en: {description_en}"]
    lines += [
        f"    purpose: {purpose}",
        *_legal_bases(rng),
        *_special_conditions(picked, rng),
        f"    data_subjects: {_ids('subjects', rng, 1, 2)}",
        f"    data_categories: [{', '.join(categories)}]",
        f"    sources: [{sources}]",
        f"    recipients: [recipient_{recipient:02d}]",
    ]
    if number % 2 == 0:
        country, safeguard = rng.choice(_TRANSFERS)
        lines += [
            "    transfers:",
            f"      - country: {country}",
            f"        recipient: recipient_{recipient:02d}",
            f"        safeguard: {safeguard}",
        ]
        if safeguard == "scc":
            lines.append(f"        assessment: {_assessment_of('tia', rng)}")
    else:
        lines.append("    transfers: []")
    if number % 3 == 0:  # one retention rule per data category
        lines.append("    retention:")
        for category in categories:
            lines += [
                f"      - rule: rule_{rng.randint(1, CATALOGUE_SIZE):02d}",
                f"        categories: [{category}]",
            ]
    else:
        lines.append(f"    retention: rule_{rng.randint(1, CATALOGUE_SIZE):02d}")
    if number % 4 == 0:
        lines += ["    large_scale: true", f"    dpia: {_assessment_of('dpia', rng)}"]
    lines += [
        f"    security_measures: {_ids('measure', rng, 1, 3)}",
        f"    automated_decisions: {rng.choice(['true', 'false', 'null'])}",
        f"    profiling: {rng.choice(['true', 'false', 'null'])}",
    ]
    if number % 2 == 1:
        lines += [
            f"    systems: [{', '.join(_q(s) for s in rng.sample(_SYSTEMS, 2))}]",
            f"    owner: {_q(rng.choice(_OWNERS))}",
        ]
    lines.append(f"    reviewed: 2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}")
    return lines


def _special_conditions(picked: list[int], rng: random.Random) -> list[str]:
    """Art. 9(2) conditions for the special categories among `picked`: one per category,
    each with the categories it covers (two conditions when both special ones are there)."""
    special = [n for n in picked if n in _SPECIAL]
    if not special:
        return []
    lines = ["    special_condition:"]
    for n in special:
        condition, law = rng.choice(_CONDITIONS)
        lines.append(f"      - condition: {condition}")
        if law is not None:
            lines.append(f"        law: {_text_map(*law)}")
        lines.append(f"        categories: [category_{n:02d}]")
    return lines


def _activities(first: int, last: int, rng: random.Random) -> list[str]:
    lines = ["activities:"]
    for number in range(first, last + 1):
        lines += _activity(number, rng)
    return lines


def generate(n_activities: int, seed: int = 0) -> str:
    """A valid `ropa/1` register with `n_activities` activities, the same for the same seed."""
    rng = random.Random(seed)
    lines = _header() + _catalogues() + _activities(1, n_activities, rng)
    return "\n".join(lines) + "\n"


def write_files(n_activities: int, main: Path, seed: int = 0) -> list[Path]:
    """The register of `generate(n_activities, seed)` written as `main` and the fragments it
    includes (beside it, named after it); returns every file written, `main` first."""
    rng = random.Random(seed)
    in_main = (n_activities + 1) // 2
    written = [main]
    fragments: list[tuple[Path, list[str]]] = []
    first = in_main + 1
    while first <= n_activities:
        last = min(first + FRAGMENT_ACTIVITIES - 1, n_activities)
        path = main.with_name(f"{main.stem}-part{len(fragments) + 1:02d}{main.suffix}")
        fragments.append((path, []))
        first = last + 1
    include = f"{main.stem}-part*{main.suffix}"
    lines = _header() + ([f"include: [{_q(include)}]"] if fragments else []) + _catalogues()
    lines += _activities(1, in_main, rng)
    main.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = in_main + 1
    for path, _ in fragments:
        last = min(first + FRAGMENT_ACTIVITIES - 1, n_activities)
        text = ["# A fragment of the synthetic register.", *_activities(first, last, rng)]
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
        written.append(path)
        first = last + 1
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic ropa/1 register.")
    parser.add_argument("activities", type=int, help="number of processing activities")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--fragments", action="store_true", help="write OUTPUT and the fragments it includes"
    )
    args = parser.parse_args(argv)
    if args.fragments:
        if args.output is None:
            parser.error("--fragments needs -o OUTPUT")
        for path in write_files(args.activities, args.output, args.seed):
            print(path)
        return 0
    text = generate(args.activities, args.seed)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
