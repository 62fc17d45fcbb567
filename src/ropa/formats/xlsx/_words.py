"""The workbook's own words in Latvian and English: sheet names, headers, fixed values.

Register text and vocabulary labels come from `ropa.wording` and `ropa.vocab`; this module holds
only what the Excel export itself says. Every entry is a (Latvian, English) pair.
"""

from __future__ import annotations

from ropa.text.grammar import cite, latvian_singular

_Pair = tuple[str, str]

SHEETS: dict[str, _Pair] = {
    "cover": ("Titullapa", "Cover"),
    "activities": ("Apstrādes darbības", "Activities"),
    "processor_activities": ("Apstrāde pārziņu vārdā", "Processing for controllers"),
    "controllers": ("Pārziņi", "Controllers"),
    "data_subjects": ("Datu subjekti", "Data subjects"),
    "data_categories": ("Datu kategorijas", "Data categories"),
    "recipients": ("Saņēmēji", "Recipients"),
    "retention_rules": ("Glabāšanas termiņi", "Retention rules"),
    "security_measures": ("Drošības pasākumi", "Security measures"),
    "transfers": ("Nosūtīšana uz trešām valstīm", "Transfers"),
    "coverage": ("30. panta pilnīgums", "Art. 30 coverage"),
    "processor_coverage": ("30. panta 2. punkta pilnīgums", "Art. 30(2) coverage"),
    "rights": ("Datu subjektu tiesības", "Rights"),
    "findings": ("Konstatējumi", "Findings"),
    "cards": ("Darbību kartītes", "Record cards"),
    "changes": ("Izmaiņas", "Changes"),
    "data": ("ropa-data", "ropa-data"),
}
"""Sheet key -> title (at most 31 characters, none of []:*?/\\ as Excel requires)."""

WORDS: dict[str, _Pair] = {
    # values
    "yes": ("jā", "yes"),
    "no": ("nē", "no"),
    "none": ("nav", "none"),
    "none_recorded": ("nav reģistrēts", "none recorded"),
    "card_item": ("Punkts", "Item"),
    "card_good_practice": (
        "Laba prakse (30. pants to neprasa)",
        "Good practice (not required by Art. 30)",
    ),
    "card_entry": ("Ieraksts", "Entry"),
    "card_findings": ("Konstatējumi par šo darbību", "Findings on this activity"),
    "waived": ("pieņemts", "waived"),
    "not_applicable": ("nav piemērojams", "not applicable"),
    "not_available": ("nav pieejams", "not available"),
    "stated": ("norādīts", "stated"),
    "missing": ("trūkst", "missing"),
    "questioned": ("norādīts, bet apšaubīts: {codes}", "stated, but questioned: {codes}"),
    "applies": ("attiecas", "applies"),
    "conditional": ("attiecas ar nosacījumiem", "conditional"),
    "does_not_apply": ("neattiecas", "does not apply"),
    "error": ("kļūda", "error"),
    "warning": ("brīdinājums", "warning"),
    "info": ("informācija", "info"),
    "good_practice": ("laba prakse", "good practice"),
    "validation": ("validācija", "validation"),
    "unknown_id": ("nav katalogā", "not in the catalogue"),
    "special": ("īpašu kategoriju dati", "special category"),
    "national_id": ("valsts identifikācijas numurs", "national identification number"),
    "includes_children": ("ietver bērnus", "includes children"),
    "interest": ("intereses", "interest"),
    "assessment": ("interešu līdzsvara tests", "balancing test"),
    "law": ("tiesību akts", "law"),
    "withdrawal": ("piekrišanas atsaukšana", "withdrawal"),
    "parental_authorisation": ("vecāku atļauja", "parental authorisation"),
    "covers": ("attiecas uz", "covers"),
    "recipient": ("saņēmējs", "recipient"),
    "reference": ("atsauce", "reference"),
    "obliged": ("jāsniedz", "must be provided"),
    "consequences": ("ja nesniedz", "if not provided"),
    "contact_url": ("tīmekļa vietne", "web"),
    "contact_email": ("e-pasts", "e-mail"),
    "contact_phone": ("tālrunis", "phone"),
    "arrangement": ("vienošanās", "arrangement"),
    "authorisation_specific": ("konkrēta rakstiska atļauja", "specific written authorisation"),
    "authorisation_general": ("vispārēja rakstiska atļauja", "general written authorisation"),
    "controller_record": (
        "Pārziņa reģistrs (30. panta 1. punkts): lapas “{activities}”, “{coverage}”, “{rights}”",
        "Controller's record (Art. 30(1)): sheets '{activities}', '{coverage}', '{rights}'",
    ),
    "processor_record": (
        "Apstrādātāja reģistrs (30. panta 2. punkts): lapas “{activities}”, “{controllers}”, "
        "“{coverage}”",
        "Processor's record (Art. 30(2)): sheets '{activities}', '{controllers}', '{coverage}'",
    ),
    "validation_not_run": ("validācija nav veikta", "validation not run"),
    "page": ("&P. lapa no &N", "page &P of &N"),
    "as_of_prefix": ("stāvoklis uz", "as of"),
    "inside_eea": ("EEZ", "EEA"),
    "cut_marker": (
        "… [saīsināts: vēl {characters}; skatīt reģistru]",
        "… [cut: {characters} more; see the register]",
    ),
    "cut_notice": (
        "Teksts šūnā {cell} lapā “{sheet}” saīsināts līdz Excel 32 767 rakstzīmju robežai; "
        "nav parādītas {characters}. Pilns teksts ir reģistrā.",
        "The text in cell {cell} of sheet '{sheet}' was cut to Excel's limit of 32,767 "
        "characters; {characters} were left out. The register holds the full text.",
    ),
    "not_validated_notice": (
        "Reģistrs šim eksportam netika validēts, tāpēc konstatējumi nav uzskaitīti.",
        "The register was not validated for this export, so no findings are listed.",
    ),
    "changes_since": (
        "izdevums {edition}: {changes}, skatīt lapu “{sheet}”",
        "edition {edition}: {changes}, see the sheet '{sheet}'",
    ),
    "no_changes": (
        "Kopš izdevuma {edition} nekas nav mainīts.",
        "Nothing has changed since edition {edition}.",
    ),
    "title": (
        "Apstrādes darbību reģistrs (VDAR 30. pants)",
        "Record of processing activities (GDPR Art. 30)",
    ),
    # The Cover's answers, contents and legend
    "cover_found": ("Ko atrada pārbaudes", "What the checks found"),
    "cover_contents": ("Saturs", "Contents"),
    "cover_legend": ("Apzīmējumi", "Legend"),
    "cover_register": ("Organizācija un izdevums", "Organisation and edition"),
    "cover_checked_on": ("Pārbaudes datums", "Checked on"),
    "cover_errors": ("Kļūdas (atklātas)", "Errors (open)"),
    "cover_warnings": ("Brīdinājumi (atklāti)", "Warnings (open)"),
    "cover_info": ("Informatīvi paziņojumi (atklāti)", "Info (open)"),
    "cover_waived": ("Pieņemti konstatējumi", "Waived findings"),
    "cover_waived_one": ("Pieņemts: {code} ({severity})", "Waived: {code} ({severity})"),
    "cover_notices": ("Eksporta paziņojumi", "Export notices"),
    "cover_earlier": ("Salīdzinājums ar iepriekšējo izdevumu", "Earlier edition"),
    "cover_not_compared": (
        "nav salīdzināts ar iepriekšējo izdevumu",
        "not compared with an earlier edition",
    ),
    "cover_adequacy": ("Lēmumi par aizsardzības līmeņa pietiekamību", "Adequacy decisions"),
    "cover_adequacy_text": (
        "ropa lēmumu tabula (45. panta 3. punkts) pārbaudīta {date}",
        "ropa's table of decisions (Art. 45(3)) checked on {date}",
    ),
    "cover_see_findings": ("skatīt lapu “{sheet}”", "see the sheet '{sheet}'"),
    "cover_none_waived": ("nav", "none"),
    "waiver_who": ("pieņēma", "accepted by"),
    "waiver_on": ("datums", "on"),
    "waiver_until": ("spēkā līdz", "until"),
    "reason": ("pamatojums", "reason"),
    "legend_stated": (
        "30. panta punkts reģistrā norādīts",
        "the register states the Art. 30 item",
    ),
    "legend_questioned": (
        "norādīts, bet atklāts konstatējums to apšauba; šūna ved uz konstatējumu",
        "stated, but an open finding questions it; the cell links to the finding",
    ),
    "legend_missing": (
        "reģistrs šo punktu nenorāda: reģistrā ir robs",
        "the register does not state the item: a gap in the record",
    ),
    "legend_not_applicable": (
        "punkts uz darbību neattiecas (piemēram, neviens saņēmējs nav ārpus EEZ)",
        "the item does not apply to the activity (e.g. no recipient is outside the EEA)",
    ),
    "legend_error": (
        "reģistrs ir kļūdains vai neizpilda 30. panta prasību; validācija neizdodas",
        "the register is wrong or fails an Art. 30 must; validation fails",
    ),
    "legend_warning": (
        "ieteikums vai robs, par ko auditors jautās",
        "a should, or a gap an auditor will ask about",
    ),
    "legend_info": ("vērts zināt", "worth knowing"),
    "legend_waived": (
        "organizācija konstatējumu pieņēmusi ar pamatojumu; tas paliek sarakstā, pelēks",
        "accepted by the organisation with a reason; it stays listed, in grey",
    ),
}

COUNTED: dict[str, tuple[_Pair, _Pair]] = {
    "character": (("rakstzīme", "rakstzīmes"), ("character", "characters")),
    "error": (("kļūda", "kļūdas"), ("error", "errors")),
    "warning": (("brīdinājums", "brīdinājumi"), ("warning", "warnings")),
    "info": (("informatīvs paziņojums", "informatīvi paziņojumi"), ("info", "info")),
    "waived": (("pieņemts", "pieņemti"), ("waived", "waived")),
    "notice": (("eksporta paziņojums", "eksporta paziņojumi"), ("export notice", "export notices")),
    "change": (("izmaiņa", "izmaiņas"), ("change", "changes")),
    "open_finding": (
        ("atklāts konstatējums", "atklāti konstatējumi"),
        ("open finding", "open findings"),
    ),
}
"""Nouns that agree with a count: (Latvian singular, plural), (English singular, plural)."""

COVER: dict[str, _Pair] = {
    "organisation": ("Organizācija", "Organisation"),
    "registration_number": ("Reģistrācijas numurs", "Registration number"),
    "address": ("Adrese", "Address"),
    "country": ("Valsts", "Country"),
    "public_body": ("Publiska iestāde", "Public body"),
    "contact": ("Kontaktinformācija", "Contact"),
    "dpo": ("Datu aizsardzības speciālists (37. pants)", "Data protection officer (Art. 37)"),
    "representative": ("Pārstāvis (27. pants)", "Representative (Art. 27)"),
    "joint_controllers": ("Kopīgi pārziņi (26. pants)", "Joint controllers (Art. 26)"),
    "kind": ("Reģistra veids", "Register kind"),
    "version": ("Versija", "Version"),
    "reviewed": ("Pārskatīts", "Reviewed"),
    "approved_by": ("Apstiprināja", "Approved by"),
    "language": ("Reģistra valoda", "Register language"),
    "generated_by": ("Sagatavots ar", "Generated by"),
    "as_of": ("Stāvoklis uz", "As of"),
    "source_file": ("Avota fails", "Source file"),
    "source_sha256": ("Avota faila SHA-256", "SHA-256 of the source file"),
    "changes_since": ("Izmaiņas kopš", "Changes since"),
    "count_activities": ("Apstrādes darbību skaits", "Activities"),
    "records": ("Reģistra daļas", "Records in this workbook"),
    "count_controllers": (
        "Pārziņu skaits (30. panta 2. punkta a) apakšpunkts)",
        "Controllers (Art. 30(2)(a))",
    ),
    "count_processor_activities": (
        "Apstrādes darbību pārziņu vārdā skaits",
        "Activities carried out for controllers",
    ),
    "count_data_subjects": ("Datu subjektu kategoriju skaits", "Data subject categories"),
    "count_data_categories": ("Datu kategoriju skaits", "Data categories"),
    "count_recipients": ("Saņēmēju kategoriju skaits", "Recipient categories"),
    "count_retention_rules": ("Glabāšanas noteikumu skaits", "Retention rules"),
    "count_security_measures": ("Drošības pasākumu skaits", "Security measures"),
    "count_transfers": ("Nosūtījumu skaits", "Transfers"),
    "validation": ("Validācijas rezultāts", "Validation"),
}

ACTIVITY_COLUMNS: dict[str, _Pair] = {
    "id": ("ID", "ID"),
    "name": ("Apstrādes darbība", "Activity"),
    "description": ("Apraksts", "Description"),
    "purpose": ("Nolūks", "Purpose"),
    "legal_bases": ("Juridiskais pamats (6. panta 1. punkts)", "Legal bases (Art. 6(1))"),
    "special_condition": ("Pamatojums saskaņā ar 9. panta 2. punktu", "Art. 9(2) condition"),
    "data_subjects": ("Datu subjektu kategorijas", "Data subjects"),
    "data_categories": ("Personas datu kategorijas", "Data categories"),
    "sources": ("Datu avoti", "Sources"),
    "recipients": ("Saņēmēju kategorijas", "Recipients"),
    "transfers": ("Nosūtīšana uz trešām valstīm", "Transfers to third countries"),
    "retention": ("Glabāšanas termiņš", "Retention"),
    "security_measures": ("Drošības pasākumi", "Security measures"),
    "automated_decisions": ("Automatizēti lēmumi (22. pants)", "Automated decisions (Art. 22)"),
    "profiling": ("Profilēšana", "Profiling"),
    "large_scale": ("Liela mēroga apstrāde", "Large scale"),
    "dpia": ("Novērtējums par ietekmi uz datu aizsardzību (35. pants)", "DPIA (Art. 35)"),
    "systems": ("Sistēmas", "Systems"),
    "owner": ("Atbildīgais", "Owner"),
    "reviewed": ("Pēdējoreiz pārskatīts", "Last reviewed"),
    "open_findings": ("Atklātie konstatējumi", "Open findings"),
    # Added in 2026-12, after the columns readers already address by position.
    "source_details": (
        "Datu avoti vārdos (14. panta 2. punkta f) apakšpunkts)",
        "Sources in words (Art. 14(2)(f))",
    ),
    "requirement": (
        "Vai dati jāsniedz (13. panta 2. punkta e) apakšpunkts)",
        "Requirement to provide (Art. 13(2)(e))",
    ),
}

PROCESSOR_COLUMNS: dict[str, _Pair] = {
    "id": ("ID", "ID"),
    "name": ("Apstrādes darbība", "Activity"),
    "on_behalf_of": ("Pārziņi, kuru vārdā veikta", "Controllers it is carried out for"),
    "description": ("Apstrādes kategorija", "Category of processing"),
    "transfers": ("Nosūtīšana uz trešām valstīm", "Transfers to third countries"),
    "security_measures": ("Drošības pasākumi", "Security measures"),
    "data_subjects": ("Datu subjektu kategorijas", "Data subjects"),
    "data_categories": ("Personas datu kategorijas", "Data categories"),
    "recipients": ("Saņēmēji (apakšapstrādātāji)", "Recipients (sub-processors)"),
    "systems": ("Sistēmas", "Systems"),
    "owner": ("Atbildīgais", "Owner"),
    "reviewed": ("Pēdējoreiz pārskatīts", "Last reviewed"),
    "open_findings": ("Atklātie konstatējumi", "Open findings"),
}
"""The columns of the processor's record, in the order of Art. 30(2)(a)-(d), then good
practice."""

CATALOGUE_COLUMNS: dict[str, _Pair] = {
    "id": ("ID", "ID"),
    "name": ("Nosaukums", "Name"),
    "description": ("Apraksts", "Description"),
    "includes_children": ("Ietver bērnus (8. pants)", "Includes children (Art. 8)"),
    "examples": ("Piemēri", "Examples"),
    "special": ("Īpaša kategorija (9. panta 1. punkts, 10. pants)", "Special (Art. 9(1), 10)"),
    "national_id": ("Valsts identifikācijas numurs (87. pants)", "National ID (Art. 87)"),
    "kind": ("Veids", "Kind"),
    "contract": ("Līgums (28. pants)", "Contract (Art. 28)"),
    "authorisation": (
        "Pārziņa atļauja apakšapstrādātājam (28. panta 2. punkts)",
        "Controller's authorisation of a sub-processor (Art. 28(2))",
    ),
    "contact": ("Kontaktinformācija", "Contact"),
    "representative": ("Pārstāvis (27. pants)", "Representative (Art. 27)"),
    "dpo": ("Datu aizsardzības speciālists (37. pants)", "Data protection officer (Art. 37)"),
    "controller_contract": (
        "Līgums ar apstrādātāju (28. panta 3. punkts)",
        "Contract with the processor (Art. 28(3))",
    ),
    "processing": (
        "Apstrāde šā pārziņa vārdā (30. panta 2. punkta b) apakšpunkts)",
        "Processing carried out on its behalf (Art. 30(2)(b))",
    ),
    "countries": ("Valstis", "Countries"),
    "in_words": ("Termiņš vārdos", "Retention in words"),
    "period": ("Periods (ISO 8601)", "Period (ISO 8601)"),
    "starts": ("Sākas no", "Starts"),
    "until": ("Beidzas ar", "Ends with"),
    "basis": ("Pamatojums", "Basis"),
    "used_by": ("Izmanto darbības", "Used by activities"),
}

TRANSFER_COLUMNS: dict[str, _Pair] = {
    "activity_id": ("Darbības ID", "Activity ID"),
    "activity": ("Apstrādes darbība", "Activity"),
    "country_code": ("Valsts kods", "Country code"),
    "country": ("Valsts", "Country"),
    "adequacy": (
        "Lēmums par aizsardzības līmeņa pietiekamību (45. pants)",
        "Adequacy decision (Art. 45)",
    ),
    "recipient": ("Saņēmējs", "Recipient"),
    "safeguard": ("Garantija (45.–49. pants)", "Safeguard (Art. 45–49)"),
    "reference": ("Atsauce", "Reference"),
}

COVERAGE_COLUMNS: dict[str, _Pair] = {
    "activity_id": ("Darbības ID", "Activity ID"),
    "activity": ("Apstrādes darbība", "Activity"),
    "missing_items": ("Nenorādītie punkti", "Items not stated"),
    "questioned_items": ("Apšaubītie punkti", "Items questioned"),
}

RIGHTS_COLUMNS: dict[str, _Pair] = {
    "activity_id": ("Darbības ID", "Activity ID"),
    "activity": ("Apstrādes darbība", "Activity"),
    "legal_bases": ("Juridiskais pamats", "Legal bases"),
    "notes": ("Piezīmes", "Notes"),
}

FINDING_COLUMNS: dict[str, _Pair] = {
    "severity": ("Nozīmīgums", "Severity"),
    "code": ("Kods", "Code"),
    "rule": ("Noteikums", "Rule"),
    "article": ("VDAR pants", "GDPR article"),
    "activity": ("Apstrādes darbība", "Activity"),
    "where": ("Vieta reģistrā", "Where"),
    "message": ("Ziņojums", "Message"),
    "waived": ("Pieņemts", "Waived"),
    "reason": ("Pamatojums", "Reason"),
}

SHEET_QUESTIONS: dict[str, _Pair] = {
    "activities": (
        "Pārziņa reģistrs: katra darbība pa 30. panta 1. punkta a)–g) apakšpunktam",
        "The controller's record: each activity, item by item of Art. 30(1)(a)-(g)",
    ),
    "processor_activities": (
        "Apstrādātāja reģistrs: apstrāde pārziņu vārdā (30. panta 2. punkts)",
        "The processor's record: processing for controllers (Art. 30(2))",
    ),
    "controllers": (
        "Pārziņi, kuru vārdā organizācija apstrādā datus",
        "The controllers the organisation processes for",
    ),
    "data_subjects": ("Kuru personu dati tiek apstrādāti?", "Whose data are processed?"),
    "data_categories": ("Kādi personas dati tiek apstrādāti?", "Which personal data?"),
    "recipients": (
        "Kam dati tiek izpausti: veids, līgums, valstis",
        "Who receives the data: kind, contract, countries",
    ),
    "retention_rules": ("Glabāšanas termiņi vārdos", "The retention rules in words"),
    "security_measures": (
        "Tehniskie un organizatoriskie drošības pasākumi",
        "Technical and organisational security measures",
    ),
    "transfers": (
        "Katra nosūtīšana uz trešo valsti un tās garantija",
        "Each transfer to a third country and its safeguard",
    ),
    "flows": (
        "Kuri dati nonāk pie kura saņēmēja, kur un uz kāda pamata?",
        "Which data go to which recipient, where, and on what safeguard?",
    ),
    "retention_matrix": (
        "Cik ilgi glabā katru datu kategoriju katrā darbībā?",
        "How long is each data category kept, activity by activity?",
    ),
    "coverage": (
        "Vai katrs 30. panta 1. punkta apakšpunkts ir norādīts katrai darbībai?",
        "Is each item of Art. 30(1) stated for each activity?",
    ),
    "processor_coverage": (
        "Vai katrs 30. panta 2. punkta apakšpunkts ir norādīts?",
        "Is each item of Art. 30(2) stated?",
    ),
    "rights": (
        "Kuras datu subjektu tiesības attiecas uz katru darbību?",
        "Which data subject rights apply to each activity?",
    ),
    "findings": (
        "Ko atrada pārbaudes, smagākie vispirms; pieņemtie pelēki",
        "What the checks found, gravest first; waived ones grey",
    ),
    "cards": (
        "Katra darbība vienā A4 lapā, ar tās konstatējumiem",
        "Each activity on one A4 page, with its findings",
    ),
    "changes": (
        "Kas mainījies kopš iepriekšējā izdevuma?",
        "What changed since the earlier edition?",
    ),
}
"""Sheet key -> the question the sheet answers, as the Cover's contents list it."""

PROCESSOR_ITEMS: dict[str, tuple[str, str, str]] = {
    "a": (
        "Apstrādātāja un katra pārziņa nosaukums un kontaktinformācija",
        "Name and contact details of the processor and of each controller",
        "30(2)(a)",
    ),
    "b": (
        "Apstrādes kategorijas katra pārziņa vārdā",
        "Categories of processing for each controller",
        "30(2)(b)",
    ),
    "c": (
        "Nosūtīšana uz trešām valstīm un garantijas",
        "Transfers to third countries and their safeguards",
        "30(2)(c)",
    ),
    "d": (
        "Tehniskie un organizatoriskie drošības pasākumi",
        "Technical and organisational security measures",
        "30(2)(d)",
    ),
}
"""What a processor's record must contain, GDPR Art. 30(2)(a)-(d): (lv, en, article)."""


def say(table: dict[str, _Pair], key: str, lang: str) -> str:
    """The entry `key` of `table` in `lang` (Latvian for "lv", English otherwise)."""
    lv, en = table[key]
    return lv if lang == "lv" else en


def counted(count: int, key: str, lang: str) -> str:
    """`count` and its noun in agreement: `1 error`, `21 brīdinājums`, `3 kļūdas`.

    A Latvian noun takes the singular after a number ending in 1 (but not 11).
    """
    (lv_one, lv_many), (en_one, en_many) = COUNTED[key]
    if lang == "lv":
        return f"{count} {lv_one if latvian_singular(count) else lv_many}"
    return f"{count} {en_one if count == 1 else en_many}"


def word(key: str, lang: str) -> str:
    """A fixed word or phrase of the workbook in `lang`."""
    return say(WORDS, key, lang)


def yes_no(value: bool | None, lang: str, *, unknown: str) -> str:
    """yes / no, or `unknown` (usually "not stated") for None."""
    if value is None:
        return unknown
    return word("yes" if value else "no", lang)


def with_article(name: str, article: str, lang: str) -> str:
    """A column header that says which article it answers: `Purpose` + newline + `(Art. ...)`."""
    return f"{name}\n({cite(article, lang)})"


def good_practice(name: str, lang: str) -> str:
    """A column header for a field Art. 30 does not require."""
    return f"{name}\n({word('good_practice', lang)})"
