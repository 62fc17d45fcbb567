"""The starter registers `ropa init` writes: one per language, every field commented with the
Art. 30 item it answers. `{today}` stands for the date the register is made."""

# ruff: noqa: E501 - a line of the register and its comment stay one line, as the user reads them

from __future__ import annotations

__all__ = ["STARTERS"]

# Kept as text, not built from the models: the comments are the point of the file.
_EN = """\
# yaml-language-server: $schema=ropa.schema.json
# A starter record of processing activities (GDPR Art. 30(1)). Replace every sample value.
format: ropa/1                  # Art. 30(3): the written form this record is kept in
register:                       # about this record itself (Art. 30(3): kept in writing)
  kind: controller              # Art. 30(1): the record of a controller (processor: Art. 30(2))
  version: "0.1"                # Art. 30(3): the edition of this written record
  language: en                  # Art. 30(3): the language of the plain texts below
  reviewed: {today}          # Art. 30(3): when the record was last reviewed

organisation:                   # Art. 30(1)(a): the controller
  name: Example Ltd             # Art. 30(1)(a): the controller's name
  address: 1 Example Street, Riga, LV-1000   # Art. 30(1)(a): the controller's contact details
  country: LV                   # Art. 30(1)(a): where the controller is established
  contact:                      # Art. 30(1)(a): the controller's contact details
    email: privacy@example.invalid   # Art. 30(1)(a): contact details
  dpo: null                     # Art. 30(1)(a): the data protection officer, if one is designated

data_subjects:                  # Art. 30(1)(c): the categories of data subjects
  - id: customers               # Art. 30(1)(c): an id activities refer to
    name: Customers             # Art. 30(1)(c): a category of data subjects
    includes_children: false    # Art. 30(1)(c): whether the category includes children

data_categories:                # Art. 30(1)(c): the categories of personal data
  - id: contact                 # Art. 30(1)(c): an id activities refer to
    name: Contact details       # Art. 30(1)(c): a category of personal data
    examples: name, e-mail address, phone number   # Art. 30(1)(c): what the category holds
    special: null               # Art. 30(1)(c): an Art. 9(1) or Art. 10 kind, or null

recipients:                     # Art. 30(1)(d): the categories of recipients
  - id: it_provider             # Art. 30(1)(d): an id activities refer to
    name: IT service provider   # Art. 30(1)(d): a category of recipients
    kind: processor             # Art. 30(1)(d): processor, controller, public authority...
    contract: DPA-0001          # Art. 30(1)(d): the Art. 28 contract with a processor
    countries: [LV]             # Art. 30(1)(d), (e): where the recipient holds the data

retention_rules:                # Art. 30(1)(f): the time limits for erasure
  - id: contract_plus_3y        # Art. 30(1)(f): an id activities refer to
    name: Three years after the contract ends   # Art. 30(1)(f): the time limit in words
    period: P3Y                 # Art. 30(1)(f): the time limit, an ISO 8601 duration
    starts: the end of the contract   # Art. 30(1)(f): the event the time limit runs from
    basis: the limitation period for claims   # Art. 30(1)(f): why this time limit

security_measures:              # Art. 30(1)(g): the technical and organisational measures
  - id: access_control          # Art. 30(1)(g): an id activities refer to
    name: Role-based access control   # Art. 30(1)(g): a security measure (Art. 32(1))
    kind: technical             # Art. 30(1)(g): technical or organisational

activities:                     # Art. 30(1): one entry per processing activity
  - id: customer_service        # Art. 30(1)(b): an id for the activity
    name: Customer service      # Art. 30(1)(b): the processing activity
    purpose: customer_care      # Art. 30(1)(b): the purpose of the processing
    legal_bases:                # Art. 30(1)(b): the legal basis of the purpose (Art. 6(1))
      - basis: contract         # Art. 30(1)(b): performance of a contract, Art. 6(1)(b)
    data_subjects: [customers]  # Art. 30(1)(c): the categories of data subjects
    data_categories: [contact]  # Art. 30(1)(c): the categories of personal data
    sources: [data_subject]     # Art. 30(1)(c): where the data come from (Art. 14(2)(f))
    requirement: {kind: contractual, obliged: true}   # not asked by Art. 30(1): for the notice, Art. 13(2)(e): must the person give the data?
    recipients: [it_provider]   # Art. 30(1)(d): the categories of recipients
    transfers: []               # Art. 30(1)(e): transfers to third countries; [] = none
    retention: contract_plus_3y # Art. 30(1)(f): the time limit for erasure
    security_measures: [access_control]   # Art. 30(1)(g): the security measures
    owner: Head of customer service   # Art. 30(1)(a): who answers for the activity
    reviewed: {today}        # Art. 30(3): when this activity was last reviewed
"""

_LV = """\
# yaml-language-server: $schema=ropa.schema.json
# Apstrādes darbību reģistra sagatave (VDAR 30. panta 1. punkts). Aizstājiet katru parauga vērtību.
format: ropa/1                  # 30. panta 3. punkts: rakstiskā forma, kādā reģistrs uzturēts
register:                       # par pašu reģistru (30. panta 3. punkts: uzturēts rakstiski)
  kind: controller              # 30. panta 1. punkts: pārziņa reģistrs (apstrādātāja: 2. punkts)
  version: "0.1"                # 30. panta 3. punkts: rakstiskā reģistra redakcija
  language: lv                  # 30. panta 3. punkts: turpmāko tekstu valoda
  reviewed: {today}          # 30. panta 3. punkts: kad reģistrs pēdējoreiz pārskatīts

organisation:                   # 30. panta 1. punkta a) apakšpunkts: pārzinis
  name: SIA "Piemērs"           # 30. panta 1. punkta a) apakšpunkts: pārziņa nosaukums
  address: Rīga, Piemēra iela 1, LV-1000   # 30. panta 1. punkta a) apakšpunkts: kontaktinformācija
  country: LV                   # 30. panta 1. punkta a) apakšpunkts: pārziņa reģistrācijas valsts
  contact:                      # 30. panta 1. punkta a) apakšpunkts: pārziņa kontaktinformācija
    email: privatums@example.invalid   # 30. panta 1. punkta a) apakšpunkts: kontaktinformācija
  dpo: null                     # 30. panta 1. punkta a) apakšpunkts: datu aizsardzības speciālists, ja iecelts

data_subjects:                  # 30. panta 1. punkta c) apakšpunkts: datu subjektu kategorijas
  - id: customers               # 30. panta 1. punkta c) apakšpunkts: id, uz ko atsaucas darbības
    name: Klienti               # 30. panta 1. punkta c) apakšpunkts: datu subjektu kategorija
    includes_children: false    # 30. panta 1. punkta c) apakšpunkts: vai kategorijā ir bērni

data_categories:                # 30. panta 1. punkta c) apakšpunkts: personas datu kategorijas
  - id: contact                 # 30. panta 1. punkta c) apakšpunkts: id, uz ko atsaucas darbības
    name: Kontaktinformācija    # 30. panta 1. punkta c) apakšpunkts: personas datu kategorija
    examples: vārds, uzvārds, e-pasta adrese, tālruņa numurs   # 30. panta 1. punkta c) apakšpunkts: ko kategorija ietver
    special: null               # 30. panta 1. punkta c) apakšpunkts: 9. panta 1. punkta vai 10. panta veids, vai null

recipients:                     # 30. panta 1. punkta d) apakšpunkts: saņēmēju kategorijas
  - id: it_provider             # 30. panta 1. punkta d) apakšpunkts: id, uz ko atsaucas darbības
    name: IT pakalpojumu sniedzējs   # 30. panta 1. punkta d) apakšpunkts: saņēmēju kategorija
    kind: processor             # 30. panta 1. punkta d) apakšpunkts: apstrādātājs, pārzinis, publiska iestāde...
    contract: DPA-0001          # 30. panta 1. punkta d) apakšpunkts: 28. panta līgums ar apstrādātāju
    countries: [LV]             # 30. panta 1. punkta d) un e) apakšpunkts: kur saņēmējs glabā datus

retention_rules:                # 30. panta 1. punkta f) apakšpunkts: paredzētie dzēšanas termiņi
  - id: contract_plus_3y        # 30. panta 1. punkta f) apakšpunkts: id, uz ko atsaucas darbības
    name: Trīs gadi pēc līguma beigām   # 30. panta 1. punkta f) apakšpunkts: termiņš vārdos
    period: P3Y                 # 30. panta 1. punkta f) apakšpunkts: termiņš, ISO 8601 ilgums
    starts: līguma beigas       # 30. panta 1. punkta f) apakšpunkts: notikums, no kura skaita termiņu
    basis: prasījumu noilguma termiņš   # 30. panta 1. punkta f) apakšpunkts: termiņa pamatojums

security_measures:              # 30. panta 1. punkta g) apakšpunkts: tehniskie un organizatoriskie drošības pasākumi
  - id: access_control          # 30. panta 1. punkta g) apakšpunkts: id, uz ko atsaucas darbības
    name: Lomās balstīta piekļuves kontrole   # 30. panta 1. punkta g) apakšpunkts: drošības pasākums (32. panta 1. punkts)
    kind: technical             # 30. panta 1. punkta g) apakšpunkts: tehnisks vai organizatorisks

activities:                     # 30. panta 1. punkts: viens ieraksts katrai apstrādes darbībai
  - id: customer_service        # 30. panta 1. punkta b) apakšpunkts: darbības id
    name: Klientu apkalpošana   # 30. panta 1. punkta b) apakšpunkts: apstrādes darbība
    purpose: customer_care      # 30. panta 1. punkta b) apakšpunkts: apstrādes nolūks
    legal_bases:                # 30. panta 1. punkta b) apakšpunkts: nolūka tiesiskais pamats (6. panta 1. punkts)
      - basis: contract         # 30. panta 1. punkta b) apakšpunkts: līguma izpilde, 6. panta 1. punkta b) apakšpunkts
    data_subjects: [customers]  # 30. panta 1. punkta c) apakšpunkts: datu subjektu kategorijas
    data_categories: [contact]  # 30. panta 1. punkta c) apakšpunkts: personas datu kategorijas
    sources: [data_subject]     # 30. panta 1. punkta c) apakšpunkts: no kurienes dati iegūti (14. panta 2. punkta f) apakšpunkts)
    requirement: {kind: contractual, obliged: true}   # 30. panta 1. punkts to neprasa: paziņojumam, 13. panta 2. punkta e) apakšpunkts: vai datu subjektam dati jāsniedz
    recipients: [it_provider]   # 30. panta 1. punkta d) apakšpunkts: saņēmēju kategorijas
    transfers: []               # 30. panta 1. punkta e) apakšpunkts: nosūtīšana uz trešām valstīm; [] = nav
    retention: contract_plus_3y # 30. panta 1. punkta f) apakšpunkts: dzēšanas termiņš
    security_measures: [access_control]   # 30. panta 1. punkta g) apakšpunkts: drošības pasākumi
    owner: Klientu apkalpošanas vadītājs   # 30. panta 1. punkta a) apakšpunkts: kas atbild par darbību
    reviewed: {today}           # 30. panta 3. punkts: kad darbība pēdējoreiz pārskatīta
"""

STARTERS = {"en": _EN, "lv": _LV}
"""The starter register's text by language code."""
