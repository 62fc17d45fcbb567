"""The sentences of a privacy notice, written separately in Latvian and in English.

Each language is written as a reader of that language expects a privacy notice to read, not
translated phrase by phrase: the Latvian follows the wording of Latvian notices (polite
"Jūs", "juridiskais pamats", "leģitīmās intereses", „…” quotation marks), the English that of
British and Irish ones. Where a sentence takes register text, it takes it where the grammar
stays right whatever the text is: after a colon, in a list, or in parentheses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DraftPhrase:
    """One kind of gap the `--draft` section lists, with the GDPR article that asks for it."""

    text: str
    article: str
    """As in ``vocab``: ``"13(1)(a)"``, ``"9(2)"``, ``"37"``."""


@dataclass(frozen=True)
class Phrases:
    """Every sentence and label of the notice in one language."""

    title: str
    updated: str
    intro: tuple[str, ...]
    complete: str
    """Said after the intro only when the `--draft` list would be empty: that the notice gives
    what Art. 13 and 14 require."""

    # Section titles.
    controller_title: str
    categories_title: str
    sources_title: str
    purposes_title: str
    recipients_title: str
    transfers_title: str
    retention_title: str
    automated_title: str
    rights_title: str
    complaint_title: str
    draft_title: str

    # Who we are.
    controller: str
    registration_number: str
    address: str
    email: str
    phone: str
    website: str
    dpo: str
    representative: str
    joint_controllers: str
    arrangement: str

    # Data, sources, purposes.
    categories_lead: str
    for_example: str
    special_category: str
    sources_lead: str
    sources: Mapping[str, str]
    purposes_lead: str
    whose_data: str
    personal_data: str
    legal_basis: tuple[str, str]
    """Singular and plural label."""
    special_condition: str
    retention: str
    requirement: str
    """Label of the Art. 13(2)(e) statement."""
    obliged: tuple[str, str]
    """"You must provide them" and "you need not provide them"."""
    if_not: str
    """What follows if the person does not provide the data: {consequences}."""
    source_details: str
    """Label of the sources in words (Art. 14(2)(f))."""
    bases: Mapping[str, str]
    interest: str
    law: str
    covers: str

    # Recipients and transfers.
    recipients_lead: str
    only_for: str
    no_recipients: str
    transfers_lead: str
    transfers_none: str
    transfer_recipient: str
    transfers_copy: str

    # Retention, automated decisions.
    retention_lead: str
    automated_none: str
    automated_some: str
    profiling: str

    # Rights and complaints.
    rights_lead: str
    rights: Mapping[str, str]
    erasure_limited: str
    """Takes {limits}: the `erasure_limits` of the purposes concerned, joined."""
    erasure_limits: Mapping[str, str]
    """Art. 17(3) point -> what the data may be kept for, as it continues "necessary ..."."""
    objection_bases: Mapping[str, str]
    direct_marketing: str
    direct_marketing_label: str
    research: str
    research_label: str
    rights_closing: str
    complaint: str
    authority: str
    postal_address: str
    complaint_elsewhere: str
    complaint_generic: str

    # The --draft section.
    draft_intro: str
    draft_nothing: str
    draft_left_out: str
    every_purpose: str
    draft: Mapping[str, DraftPhrase]

    # Small words.
    or_: str
    months: tuple[str, ...]


def _draft(**items: tuple[str, str]) -> Mapping[str, DraftPhrase]:
    return {key: DraftPhrase(text, article) for key, (text, article) in items.items()}


LV = Phrases(
    title="Privātuma paziņojums",
    updated="Atjaunināts {date}.",
    intro=(
        "Šajā paziņojumā skaidrojam, kā apstrādājam Jūsu personas datus: kādiem nolūkiem un uz "
        "kāda juridiskā pamata, kam tos nododam, cik ilgi tos glabājam un kādas ir Jūsu "
        "tiesības.",
    ),
    complete=(
        "Paziņojumā sniegta informācija, ko prasa Vispārīgās datu aizsardzības regulas (ES) "
        "2016/679 13. un 14. pants."
    ),
    controller_title="Kas esam un kā ar mums sazināties?",
    categories_title="Kādus personas datus mēs apstrādājam?",
    sources_title="No kurienes mēs iegūstam personas datus?",
    purposes_title="Kādiem nolūkiem un uz kāda juridiskā pamata mēs apstrādājam personas datus?",
    recipients_title="Kam mēs nododam personas datus?",
    transfers_title="Vai mēs nosūtām personas datus ārpus Eiropas Ekonomikas zonas?",
    retention_title="Cik ilgi mēs glabājam personas datus?",
    automated_title="Vai mēs pieņemam automatizētus lēmumus?",
    rights_title="Kādas ir Jūsu tiesības?",
    complaint_title="Kur iesniegt sūdzību?",
    draft_title="Informācija, ko reģistrs nesniedz",
    controller="Pārzinis",
    registration_number="Reģistrācijas numurs",
    address="Juridiskā adrese",
    email="E-pasts",
    phone="Tālrunis",
    website="Tīmekļa vietne",
    dpo="Datu aizsardzības speciālists",
    representative="Pārstāvis Eiropas Savienībā",
    joint_controllers="Kopīgi pārziņi",
    arrangement="vienošanās būtība",
    categories_lead="Mēs apstrādājam šādu kategoriju personas datus:",
    for_example="piemēram, {examples}",
    special_category="īpašu kategoriju dati: {kind}",
    sources_lead="Personas datus mēs iegūstam:",
    sources={
        "data_subject": "no Jums pašiem, kad tos mums sniedzat",
        "observed": "automātiski, kad lietojat mūsu pakalpojumus",
        "third_party": "no trešajām personām šādiem nolūkiem:",
        "public": "no publiski pieejamiem avotiem šādiem nolūkiem:",
        "device": "no Jūsu ierīces (piemēram, sīkdatnēm), kad lietojat mūsu pakalpojumus",
    },
    purposes_lead=(
        "Katram nolūkam norādām, kuru un kādus personas datus apstrādājam, uz kāda juridiskā "
        "pamata un cik ilgi tos glabājam."
    ),
    whose_data="Kuru dati",
    personal_data="Personas dati",
    legal_basis=("Juridiskais pamats", "Juridiskie pamati"),
    special_condition="Īpašu kategoriju personas datu apstrādes pamatojums",
    retention="Glabāšanas termiņš",
    requirement="Vai dati Jums jāsniedz",
    obliged=("Jums šie dati ir jāsniedz", "Jums šie dati nav jāsniedz"),
    if_not="ja tos nesniedzat: {consequences}",
    source_details="No kurienes dati iegūti",
    bases={
        "consent": "Jūsu piekrišana",
        "contract": "līguma izpilde",
        "legal_obligation": "uz mums attiecināma juridiska pienākuma izpilde",
        "vital_interests": "Jūsu vai citas fiziskas personas vitālu interešu aizsardzība",
        "public_task": (
            "uzdevums, ko veicam sabiedrības interesēs vai īstenojot mums likumīgi piešķirtas "
            "oficiālas pilnvaras"
        ),
        "legitimate_interests": "leģitīmās intereses",
    },
    interest="leģitīmās intereses: {interest}",
    law="{basis} ({law})",
    covers="{basis} (attiecas uz: {covers})",
    recipients_lead="Personas datus var saņemt:",
    only_for="tikai šādiem nolūkiem:",
    no_recipients="Mēs nenododam Jūsu personas datus citiem saņēmējiem.",
    transfers_lead=(
        "Mēs nosūtām personas datus uz šīm valstīm ārpus Eiropas Ekonomikas zonas (EEZ):"
    ),
    transfers_none=(
        "Mēs nenosūtām Jūsu personas datus uz valstīm ārpus Eiropas Ekonomikas zonas (EEZ)."
    ),
    transfer_recipient="saņēmējs: {recipient}",
    transfers_copy=(
        "Lai saņemtu šo garantiju kopiju vai uzzinātu, kur tās pieejamas, sazinieties ar mums."
    ),
    retention_lead=(
        "Personas datus glabājam tikai tik ilgi, cik tas nepieciešams attiecīgajam nolūkam; "
        "katra nolūka glabāšanas termiņš norādīts pie nolūka. Termiņus nosakām šādi:"
    ),
    automated_none=(
        "Mēs nepieņemam lēmumus, kuru pamatā ir tikai automatizēta apstrāde, tostarp "
        "profilēšana, un kas attiecībā uz Jums rada tiesiskās sekas vai līdzīgā veidā Jūs "
        "ievērojami ietekmē."
    ),
    automated_some=(
        "Lēmumus, kuru pamatā ir tikai automatizēta apstrāde un kas attiecībā uz Jums rada "
        "tiesiskās sekas vai līdzīgā veidā Jūs ievērojami ietekmē, mēs pieņemam šādiem nolūkiem:"
    ),
    profiling="Profilēšanu mēs veicam šādiem nolūkiem:",
    rights_lead="Jums ir šādas tiesības:",
    rights={
        "access": (
            "Jums ir tiesības saņemt no mums apstiprinājumu, vai mēs apstrādājam Jūsu personas "
            "datus, un, ja apstrādājam, piekļūt tiem un saņemt to kopiju."
        ),
        "rectification": (
            "Jūs varat pieprasīt, lai mēs bez nepamatotas kavēšanās labotu neprecīzus personas "
            "datus par Jums un papildinātu nepilnīgus personas datus."
        ),
        "erasure": (
            "Jūs varat pieprasīt, lai mēs bez nepamatotas kavēšanās dzēstu Jūsu personas datus, "
            "ja pastāv kāds no VDAR 17. panta 1. punktā minētajiem pamatiem, piemēram, ja dati "
            "vairs nav vajadzīgi nolūkiem, kādiem tos vācām, ja atsaucat piekrišanu vai ja dati "
            "apstrādāti nelikumīgi."
        ),
        "restriction": (
            "Jūs varat pieprasīt, lai mēs ierobežotu Jūsu personas datu apstrādi, piemēram, "
            "kamēr pārbaudām, vai dati ir precīzi, vai izvērtējam Jūsu iebildumu."
        ),
        "notification": (
            "Ja Jūsu personas datus labojam vai dzēšam vai ierobežojam to apstrādi, mēs par to "
            "paziņojam katram saņēmējam, kuram dati izpausti, un pēc Jūsu pieprasījuma "
            "informējam Jūs par šiem saņēmējiem."
        ),
        "portability": (
            "Ja apstrāde pamatojas uz Jūsu piekrišanu vai līgumu ar Jums un to veic ar "
            "automatizētiem līdzekļiem, Jums ir tiesības saņemt personas datus, kurus esat mums "
            "snieguši, strukturētā, plaši izmantotā un mašīnlasāmā formātā un nosūtīt tos citam "
            "pārzinim, kā arī pieprasīt, lai mēs tos nosūtītu tieši, ja tas ir tehniski "
            "iespējams. Tas var attiekties uz šādiem nolūkiem:"
        ),
        "objection": (
            "Jums ir tiesības, balstoties uz iemesliem saistībā ar savu īpašo situāciju, jebkurā "
            "laikā iebilst pret tādu Jūsu personas datu apstrādi, kas pamatojas uz {bases}, "
            "tostarp pret profilēšanu. Tad mēs šos datus vairs neapstrādājam, izņemot, ja "
            "norādām uz pārliecinošiem leģitīmiem apstrādes iemesliem, kas ir svarīgāki par "
            "Jūsu interesēm, tiesībām un brīvībām, vai ja dati ir vajadzīgi, lai celtu, "
            "īstenotu vai aizstāvētu likumīgas prasības. Tas attiecas uz šādiem nolūkiem:"
        ),
        "automated_decision": (
            "Jums ir tiesības nebūt tāda lēmuma subjektam, kura pamatā ir tikai automatizēta "
            "apstrāde, tostarp profilēšana, un kas attiecībā uz Jums rada tiesiskās sekas vai "
            "līdzīgā veidā Jūs ievērojami ietekmē. Šādus lēmumus pieņemam tālāk minētajos "
            "nolūkos; ja lēmums ir vajadzīgs līguma noslēgšanai vai izpildei vai pamatojas uz "
            "Jūsu nepārprotamu piekrišanu, Jums ir tiesības panākt cilvēka līdzdalību no mūsu "
            "puses, paust savu viedokli un apstrīdēt lēmumu:"
        ),
        "withdraw_consent": (
            "Ja apstrāde pamatojas uz Jūsu piekrišanu, arī nepārprotamu piekrišanu, Jums ir "
            "tiesības atsaukt savu piekrišanu jebkurā laikā. Piekrišanas atsaukums neietekmē "
            "apstrādes likumību, kas pamatojas uz piekrišanu pirms atsaukuma. Atsaukt piekrišanu "
            "ir tikpat viegli kā to dot. Tas attiecas uz šādiem nolūkiem:"
        ),
    },
    erasure_limited=(
        "Mēs varam datus nedzēst, ciktāl apstrāde ir nepieciešama, {limits} (VDAR 17. panta "
        "3. punkts); tas attiecas uz šādiem nolūkiem:"
    ),
    erasure_limits={
        "17(3)(b)": (
            "lai izpildītu uz mums attiecināmu juridisku pienākumu vai uzdevumu, ko veicam "
            "sabiedrības interesēs"
        ),
        "17(3)(c)": "sabiedrības interešu dēļ sabiedrības veselības jomā",
        "17(3)(d)": (
            "arhivēšanas, zinātniskās vai vēstures pētniecības vai statistikas nolūkos, ciktāl "
            "dzēšana tos padarītu neiespējamus vai nopietni apdraudētu"
        ),
        "17(3)(e)": "lai celtu, īstenotu vai aizstāvētu likumīgas prasības",
    },
    objection_bases={
        "legitimate_interests": "mūsu leģitīmajām interesēm",
        "public_task": "uzdevumu, ko veicam sabiedrības interesēs",
    },
    direct_marketing=(
        "Jums ir tiesības jebkurā laikā iebilst pret Jūsu personas datu apstrādi tiešās "
        "tirgvedības vajadzībām, tostarp pret profilēšanu, ciktāl tā ir saistīta ar tiešo "
        "tirgvedību; ja iebilstat, mēs Jūsu personas datus šim nolūkam vairs neapstrādāsim. Tas "
        "attiecas uz šādiem nolūkiem:"
    ),
    direct_marketing_label="Tiesības iebilst pret tiešo tirgvedību",
    research=(
        "Ja personas datus apstrādājam zinātniskās vai vēstures pētniecības nolūkos vai "
        "statistikas nolūkos, Jums ir tiesības, pamatojoties uz savu īpašo situāciju, iebilst "
        "pret šādu apstrādi, izņemot, ja apstrāde ir vajadzīga, lai izpildītu uzdevumu, ko veic "
        "sabiedrības interesēs. Tas var attiekties uz šādiem nolūkiem:"
    ),
    research_label="Tiesības iebilst pret apstrādi pētniecības vai statistikas nolūkos",
    rights_closing=(
        "Lai izmantotu savas tiesības, sazinieties ar mums (skatiet sadaļu „{section}”). "
        "Atbildi sniegsim bez nepamatotas kavēšanās, ne vēlāk kā mēneša laikā."
    ),
    complaint=(
        "Ja uzskatāt, ka Jūsu personas datu apstrāde pārkāpj Vispārīgo datu aizsardzības "
        "regulu, Jums ir tiesības iesniegt sūdzību uzraudzības iestādē."
    ),
    authority="Uzraudzības iestāde",
    postal_address="Adrese",
    complaint_elsewhere=(
        "Sūdzību varat iesniegt arī tās Eiropas Savienības dalībvalsts uzraudzības iestādē, "
        "kurā ir Jūsu pastāvīgā dzīvesvieta, darbavieta vai iespējamā pārkāpuma izdarīšanas "
        "vieta."
    ),
    complaint_generic=(
        "Sūdzību varat iesniegt tās Eiropas Savienības dalībvalsts uzraudzības iestādē, kurā "
        "ir Jūsu pastāvīgā dzīvesvieta, darbavieta vai iespējamā pārkāpuma izdarīšanas vieta."
    ),
    draft_intro=(
        "Šī sadaļa ir paredzēta paziņojuma sagatavošanai, nevis publicēšanai. Tajā uzskaitīta "
        "informācija, ko paziņojumā prasa VDAR 13. un 14. pants, bet reģistrs to nesniedz; "
        "papildiniet reģistru un izveidojiet paziņojumu no jauna."
    ),
    draft_nothing="Reģistrs sniedz visu paziņojumam vajadzīgo informāciju.",
    draft_left_out=(
        "Paziņojumā nav iekļautas darbības, ko organizācija veic kā apstrādātājs citu pārziņu "
        "vārdā (VDAR 28. pants un 30. panta 2. punkts); to datu subjektus informē pārzinis "
        "(VDAR 13. un 14. pants):"
    ),
    every_purpose="visi nolūki",
    draft=_draft(
        organisation_name=("Pārziņa nosaukums", "13(1)(a)"),
        organisation_address=("Pārziņa adrese", "13(1)(a)"),
        contact=(
            "Kā sazināties ar pārzini: reģistrā nav ne e-pasta adreses, ne tālruņa numura, ne "
            "tīmekļa vietnes",
            "13(1)(a)",
        ),
        dpo=(
            "Datu aizsardzības speciālista kontaktinformācija, ja speciālists ir iecelts; kad "
            "tas jāieceļ, nosaka VDAR 37. pants",
            "13(1)(b)",
        ),
        no_bases=("Juridiskais pamats šādiem nolūkiem", "13(1)(c)"),
        no_interest=("Leģitīmās intereses, uz kurām balstās šādi nolūki", "13(1)(d)"),
        no_law=("Tiesību akts, kas nosaka juridisko pienākumu, šādiem nolūkiem", "13(1)(c)"),
        no_withdrawal=("Kā atsaukt piekrišanu šādiem nolūkiem", "13(2)(c)"),
        no_condition=(
            "Īpašu kategoriju personas datu apstrādes pamatojums šādiem nolūkiem",
            "9(2)",
        ),
        no_categories=("Personas datu kategorijas šādiem nolūkiem", "14(1)(d)"),
        no_recipients=("Saņēmēji vai ziņa, ka to nav, šādiem nolūkiem", "13(1)(e)"),
        transfers_not_stated=(
            "Vai personas dati tiek nosūtīti ārpus EEZ, šādiem nolūkiem",
            "13(1)(f)",
        ),
        no_safeguard=("Garantijas šai nosūtīšanai ārpus EEZ", "13(1)(f)"),
        no_retention=("Glabāšanas termiņš šādiem nolūkiem", "13(2)(a)"),
        no_period=(
            "Konkrēts glabāšanas ilgums vai kritēriji, pēc kuriem to nosaka, šiem glabāšanas "
            "noteikumiem",
            "13(2)(a)",
        ),
        automated_not_stated=(
            "Vai tiek pieņemti tikai automatizēti lēmumi, tostarp profilēšana, šādiem nolūkiem",
            "13(2)(f)",
        ),
        automated_logic=(
            "Jēgpilna informācija par automatizēto lēmumu loģiku, nozīmi un sekām šādiem nolūkiem",
            "13(2)(f)",
        ),
        no_sources=("No kurienes personas dati iegūti, šādiem nolūkiem", "14(2)(f)"),
        source_named=(
            "Konkrētais datu avots šādiem nolūkiem; reģistrā ir tikai avota veids",
            "14(2)(f)",
        ),
        requirement=(
            "Vai datu sniegšana ir likumā vai līgumā noteikta prasība vai priekšnosacījums "
            "līguma noslēgšanai, vai personai datus ir pienākums sniegt un kādas ir sekas, ja "
            "tos nesniedz (requirement), šādiem nolūkiem",
            "13(2)(e)",
        ),
        authority=(
            "Uzraudzības iestāde, kurai iesniegt sūdzību; norādiet to ar --authority-name un "
            "--authority-url",
            "13(2)(d)",
        ),
    ),
    or_="vai",
    months=tuple(
        "janvārī februārī martā aprīlī maijā jūnijā "  # noqa: SIM905
        "jūlijā augustā septembrī oktobrī novembrī decembrī".split()
    ),
)

EN = Phrases(
    title="Privacy notice",
    updated="Last updated: {date}.",
    intro=(
        "This notice explains how we process your personal data: for what purposes and on what "
        "legal basis, who receives them, how long we keep them and what your rights are.",
    ),
    complete=(
        "It gives the information that Articles 13 and 14 of the General Data Protection "
        "Regulation (EU) 2016/679 require."
    ),
    controller_title="Who we are and how to contact us",
    categories_title="What personal data we process",
    sources_title="Where we get personal data from",
    purposes_title="Why we process personal data and on what legal basis",
    recipients_title="Who receives personal data",
    transfers_title="Transfers outside the European Economic Area",
    retention_title="How long we keep personal data",
    automated_title="Automated decision-making",
    rights_title="Your rights",
    complaint_title="How to complain",
    draft_title="Items the register cannot fill",
    controller="Controller",
    registration_number="Registration number",
    address="Registered address",
    email="E-mail",
    phone="Phone",
    website="Website",
    dpo="Data protection officer",
    representative="Representative in the European Union",
    joint_controllers="Joint controllers",
    arrangement="essence of the arrangement",
    categories_lead="We process these categories of personal data:",
    for_example="for example {examples}",
    special_category="special category data: {kind}",
    sources_lead="We obtain personal data:",
    sources={
        "data_subject": "from you, when you give them to us",
        "observed": "automatically, when you use our services",
        "third_party": "from third parties, for these purposes:",
        "public": "from publicly accessible sources, for these purposes:",
        "device": "from your device (for example cookies), when you use our services",
    },
    purposes_lead=(
        "For each purpose we say whose data and which data we process, on what legal basis and "
        "how long we keep them."
    ),
    whose_data="Whose data",
    personal_data="Personal data",
    legal_basis=("Legal basis", "Legal bases"),
    special_condition="Condition for special category data",
    retention="Retention",
    requirement="Must you provide the data",
    obliged=("you must provide these data", "you need not provide these data"),
    if_not="if you do not: {consequences}",
    source_details="Where the data come from",
    bases={
        "consent": "your consent",
        "contract": "performance of a contract with you",
        "legal_obligation": "compliance with a legal obligation",
        "vital_interests": "protecting your vital interests or those of another person",
        "public_task": "a task carried out in the public interest or in official authority",
        "legitimate_interests": "our legitimate interests",
    },
    interest="our legitimate interests: {interest}",
    law="{basis} ({law})",
    covers="{basis} (applies to: {covers})",
    recipients_lead="Your personal data may be disclosed to:",
    only_for="only for these purposes:",
    no_recipients="We do not disclose your personal data to other recipients.",
    transfers_lead=(
        "We transfer personal data to these countries outside the European Economic Area (EEA):"
    ),
    transfers_none=(
        "We do not transfer your personal data to countries outside the European Economic "
        "Area (EEA)."
    ),
    transfer_recipient="recipient: {recipient}",
    transfers_copy=(
        "To obtain a copy of these safeguards or to find out where they are available, contact us."
    ),
    retention_lead=(
        "We keep personal data only as long as the purpose needs them; the retention for each "
        "purpose is given with the purpose. We set the periods as follows:"
    ),
    automated_none=(
        "We make no decisions based solely on automated processing, including profiling, that "
        "produce legal effects concerning you or similarly significantly affect you."
    ),
    automated_some=(
        "We make decisions based solely on automated processing that produce legal effects "
        "concerning you or similarly significantly affect you for these purposes:"
    ),
    profiling="We use profiling for these purposes:",
    rights_lead="You have the following rights:",
    rights={
        "access": (
            "You can ask whether we process your personal data, have access to them and "
            "receive a copy."
        ),
        "rectification": (
            "You can ask us to correct inaccurate personal data about you without undue delay "
            "and to complete incomplete data."
        ),
        "erasure": (
            "You can ask us to erase your personal data without undue delay where one of the "
            "grounds of Art. 17(1) GDPR applies, for example when they are no longer needed for "
            "the purposes for which we collected them, when you withdraw your consent or when "
            "they have been processed unlawfully."
        ),
        "restriction": (
            "You can ask us to restrict the processing of your personal data, for example while "
            "we check their accuracy or consider your objection."
        ),
        "notification": (
            "When we correct or erase your personal data or restrict their processing, we tell "
            "the recipients to whom the data were disclosed, and on request we tell you who "
            "they are."
        ),
        "portability": (
            "Where processing is based on your consent or a contract with you and is carried out "
            "by automated means, you have the right to receive the personal data you have "
            "provided to us in a structured, commonly used and machine-readable format and to "
            "transmit them to another controller, and to have us transmit them directly where "
            "this is technically feasible. This may concern these purposes:"
        ),
        "objection": (
            "You have the right to object at any time, on grounds relating to your particular "
            "situation, to processing of your personal data based on {bases}, including "
            "profiling. We then stop, unless we demonstrate compelling legitimate grounds that "
            "override your interests, rights and freedoms, or need the data to establish, "
            "exercise or defend legal claims. This concerns these purposes:"
        ),
        "automated_decision": (
            "You have the right not to be subject to a decision based solely on automated "
            "processing, including profiling, that produces legal effects concerning you or "
            "similarly significantly affects you. We make such decisions for the purposes "
            "below; where a decision is necessary for a contract with you or based on your "
            "explicit consent, you have the right to obtain human intervention on our part, to "
            "express your point of view and to contest the decision:"
        ),
        "withdraw_consent": (
            "Where processing is based on your consent, explicit consent included, you have the "
            "right to withdraw it at any time. The withdrawal does not affect the lawfulness of "
            "processing based on consent before its withdrawal. Withdrawing consent is as easy "
            "as giving it. This concerns these purposes:"
        ),
    },
    erasure_limited=(
        "We may keep data to the extent the processing is necessary {limits} (Art. 17(3) GDPR); "
        "this concerns these purposes:"
    ),
    erasure_limits={
        "17(3)(b)": (
            "to comply with a legal obligation we are subject to or to perform a task we carry "
            "out in the public interest"
        ),
        "17(3)(c)": "for reasons of public interest in the area of public health",
        "17(3)(d)": (
            "for archiving, scientific or historical research or statistics, in so far as "
            "erasure would make them impossible or seriously impair them"
        ),
        "17(3)(e)": "to establish, exercise or defend legal claims",
    },
    objection_bases={
        "legitimate_interests": "our legitimate interests",
        "public_task": "a task we carry out in the public interest",
    },
    direct_marketing=(
        "You have the right to object at any time to processing of your personal data for "
        "direct marketing, including profiling to the extent it is related to direct "
        "marketing; if you object, we will no longer process your personal data for that "
        "purpose. This concerns these purposes:"
    ),
    direct_marketing_label="Right to object to direct marketing",
    research=(
        "Where we process personal data for scientific or historical research or statistics, "
        "you have the right to object on grounds relating to your particular situation, unless "
        "the processing is necessary for a task carried out in the public interest. This may "
        "concern these purposes:"
    ),
    research_label="Right to object to processing for research or statistics",
    rights_closing=(
        "To use your rights, contact us (see “{section}”). We answer without undue delay and "
        "within one month at the latest."
    ),
    complaint=(
        "If you believe that the processing of your personal data infringes the General Data "
        "Protection Regulation, you have the right to lodge a complaint with a supervisory "
        "authority."
    ),
    authority="Supervisory authority",
    postal_address="Address",
    complaint_elsewhere=(
        "You may also complain to the supervisory authority of the EU member state where you "
        "live or work or where the alleged infringement took place."
    ),
    complaint_generic=(
        "You may complain to the supervisory authority of the EU member state where you live or "
        "work or where the alleged infringement took place."
    ),
    draft_intro=(
        "This section is for preparing the notice, not for publication. It lists what Articles "
        "13 and 14 GDPR ask a notice to give but the register does not provide; complete the "
        "register and generate the notice again."
    ),
    draft_nothing="The register provides everything the notice needs.",
    draft_left_out=(
        "Left out of this notice: the activities the organisation carries out as a processor "
        "on behalf of other controllers (GDPR Art. 28 and 30(2)); their data subjects are "
        "informed by the controller (GDPR Art. 13 and 14):"
    ),
    every_purpose="every purpose",
    draft=_draft(
        organisation_name=("The controller's name", "13(1)(a)"),
        organisation_address=("The controller's address", "13(1)(a)"),
        contact=(
            "How to contact the controller: the register gives no e-mail address, phone number "
            "or website",
            "13(1)(a)",
        ),
        dpo=(
            "The data protection officer's contact details, if one is appointed; Art. 37 GDPR "
            "says when one must be",
            "13(1)(b)",
        ),
        no_bases=("The legal basis, for these purposes", "13(1)(c)"),
        no_interest=("The legitimate interests pursued, for these purposes", "13(1)(d)"),
        no_law=("The law that sets the legal obligation, for these purposes", "13(1)(c)"),
        no_withdrawal=("How to withdraw consent, for these purposes", "13(2)(c)"),
        no_condition=(
            "The condition for processing special category data, for these purposes",
            "9(2)",
        ),
        no_categories=("The categories of personal data, for these purposes", "14(1)(d)"),
        no_recipients=("The recipients, or that there are none, for these purposes", "13(1)(e)"),
        transfers_not_stated=(
            "Whether personal data are transferred outside the EEA, for these purposes",
            "13(1)(f)",
        ),
        no_safeguard=("The safeguards for these transfers outside the EEA", "13(1)(f)"),
        no_retention=("The retention period, for these purposes", "13(2)(a)"),
        no_period=(
            "A definite retention period, or the criteria that set it, for these retention rules",
            "13(2)(a)",
        ),
        automated_not_stated=(
            "Whether solely automated decisions, including profiling, are made, for these purposes",
            "13(2)(f)",
        ),
        automated_logic=(
            "Meaningful information about the logic, significance and consequences of the "
            "automated decisions, for these purposes",
            "13(2)(f)",
        ),
        no_sources=("Where the personal data come from, for these purposes", "14(2)(f)"),
        source_named=(
            "The source itself, for these purposes; the register gives only its kind",
            "14(2)(f)",
        ),
        requirement=(
            "Whether providing the data is a statutory or contractual requirement or needed to "
            "enter into a contract, whether the person must provide them and what happens if "
            "they do not (requirement), for these purposes",
            "13(2)(e)",
        ),
        authority=(
            "The supervisory authority to complain to; give it with --authority-name and "
            "--authority-url",
            "13(2)(d)",
        ),
    ),
    or_="or",
    months=tuple(
        "January February March April May June "  # noqa: SIM905
        "July August September October November December".split()
    ),
)

PHRASES: Mapping[str, Phrases] = {"lv": LV, "en": EN}

_ARTICLE = re.compile(r"(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?")


def phrases(lang: str) -> Phrases:
    """The phrases of `lang` ("lv" or "en")."""
    return PHRASES[lang]


def article(reference: str, lang: str) -> str:
    """A GDPR article as a reader of `lang` cites it: "VDAR 13. panta 1. punkta a) apakšpunkts"."""
    match = _ARTICLE.fullmatch(reference)
    if lang != "lv" or match is None:
        return f"Art. {reference} GDPR"
    number, paragraph, point = match.groups()
    if paragraph is None:
        return f"VDAR {number}. pants"
    if point is None:
        return f"VDAR {number}. panta {paragraph}. punkts"
    return f"VDAR {number}. panta {paragraph}. punkta {point}) apakšpunkts"


def long_date(day: date, lang: str) -> str:
    """A date in words: "2026. gada 24. novembrī" (when something happened) / "24 November 2026"."""
    month = phrases(lang).months[day.month - 1]
    if lang == "lv":
        return f"{day.year}. gada {day.day}. {month}"
    return f"{day.day} {month} {day.year}"


def join_or(items: Iterable[str], lang: str) -> str:
    """Alternatives in prose: "a, b or c" / "a, b vai c"."""
    words = [item for item in items if item]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {phrases(lang).or_} {words[-1]}"


def lower_first(label: str) -> str:
    """A vocabulary label used inside a sentence: "Publiska iestāde" -> "publiska iestāde"."""
    return label[:1].lower() + label[1:]
