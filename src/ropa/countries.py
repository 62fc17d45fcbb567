"""Countries: ISO 3166-1 codes and names (lv, en), the EU and the EEA, and adequacy decisions.

Kept apart from `ropa.vocab` (the GDPR value sets) because it is data of another kind: it
changes when a country's status changes, and each change is dated.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from ropa.vocab import Term, _table

__all__ = [
    "ADEQUACY_CHECKED",
    "ADEQUACY_CONDITIONS",
    "ADEQUACY_COUNTRIES",
    "COUNTRY_CODES",
    "COUNTRY_NAMES",
    "EEA_COUNTRIES",
    "EU_COUNTRIES",
    "country_name",
]

COUNTRY_CODES: frozenset[str] = frozenset(
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "  # noqa: SIM905
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS YE YT ZA ZM ZW".split()
)
"""All 249 ISO 3166-1 alpha-2 country codes."""

EU_COUNTRIES: frozenset[str] = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()  # noqa: SIM905
)
"""The 27 member states of the European Union."""

EEA_COUNTRIES: frozenset[str] = EU_COUNTRIES | {"IS", "LI", "NO"}
"""The European Economic Area: the EU and Iceland, Liechtenstein and Norway."""

# Countries (and territories) with an EU adequacy decision under GDPR Art. 45(3), or one that
# Art. 45(9) keeps in force. The list must be re-checked against the European Commission's list
# of adequacy decisions whenever the Commission adopts, amends or withdraws a decision, and
# ADEQUACY_CHECKED moved to the date of that check.
ADEQUACY_COUNTRIES: frozenset[str] = frozenset(
    "AD AR CA CH FO GB GG IL IM JE JP KR NZ US UY".split()  # noqa: SIM905
)
"""Third countries with an EU adequacy decision (some partial: see ADEQUACY_CONDITIONS)."""

ADEQUACY_CHECKED: date = date(2026, 11, 1)
"""When ADEQUACY_COUNTRIES was last checked against the Commission's list of decisions."""

ADEQUACY_CONDITIONS: Mapping[str, Term] = _table(
    Term(
        "US",
        "Tikai saņēmēji, kas sertificēti saskaņā ar ES un ASV datu privātuma regulējumu "
        "(Komisijas Īstenošanas lēmums (ES) 2023/1795).",
        "Only recipients certified under the EU-US Data Privacy Framework "
        "(Commission Implementing Decision (EU) 2023/1795).",
        "45(3)",
        "eu-gdpr:A45-3",
    ),
    Term(
        "CA",
        "Tikai komercorganizācijas, uz kurām attiecas Kanādas Personas informācijas aizsardzības "
        "un elektronisko dokumentu likums (PIPEDA) (Komisijas Lēmums 2002/2/EK).",
        "Only commercial organisations subject to the Personal Information Protection and "
        "Electronic Documents Act (PIPEDA) (Commission Decision 2002/2/EC).",
        "45(3)",
        "eu-gdpr:A45-3",
    ),
)
"""Adequacy decisions that cover only some recipients in the country, keyed by country code."""

COUNTRY_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "AD": ("Andora", "Andorra"),
        "AE": ("Apvienotie Arābu Emirāti", "United Arab Emirates"),
        "AF": ("Afganistāna", "Afghanistan"),
        "AG": ("Antigva un Barbuda", "Antigua and Barbuda"),
        "AI": ("Angilja", "Anguilla"),
        "AL": ("Albānija", "Albania"),
        "AM": ("Armēnija", "Armenia"),
        "AO": ("Angola", "Angola"),
        "AQ": ("Antarktika", "Antarctica"),
        "AR": ("Argentīna", "Argentina"),
        "AS": ("Amerikāņu Samoa", "American Samoa"),
        "AT": ("Austrija", "Austria"),
        "AU": ("Austrālija", "Australia"),
        "AW": ("Aruba", "Aruba"),
        "AX": ("Olandes salas", "Åland Islands"),
        "AZ": ("Azerbaidžāna", "Azerbaijan"),
        "BA": ("Bosnija un Hercegovina", "Bosnia and Herzegovina"),
        "BB": ("Barbadosa", "Barbados"),
        "BD": ("Bangladeša", "Bangladesh"),
        "BE": ("Beļģija", "Belgium"),
        "BF": ("Burkinafaso", "Burkina Faso"),
        "BG": ("Bulgārija", "Bulgaria"),
        "BH": ("Bahreina", "Bahrain"),
        "BI": ("Burundi", "Burundi"),
        "BJ": ("Benina", "Benin"),
        "BL": ("Senbartelmī", "Saint Barthélemy"),
        "BM": ("Bermudu salas", "Bermuda"),
        "BN": ("Bruneja", "Brunei"),
        "BO": ("Bolīvija", "Bolivia"),
        "BQ": ("Bonaire, Sintēstatiusa un Saba", "Bonaire, Sint Eustatius and Saba"),
        "BR": ("Brazīlija", "Brazil"),
        "BS": ("Bahamas", "Bahamas"),
        "BT": ("Butāna", "Bhutan"),
        "BV": ("Buvē sala", "Bouvet Island"),
        "BW": ("Botsvana", "Botswana"),
        "BY": ("Baltkrievija", "Belarus"),
        "BZ": ("Beliza", "Belize"),
        "CA": ("Kanāda", "Canada"),
        "CC": ("Kokosu (Kīlinga) salas", "Cocos (Keeling) Islands"),
        "CD": ("Kongo Demokrātiskā Republika", "Democratic Republic of the Congo"),
        "CF": ("Centrālāfrikas Republika", "Central African Republic"),
        "CG": ("Kongo", "Congo"),
        "CH": ("Šveice", "Switzerland"),
        "CI": ("Kotdivuāra", "Côte d'Ivoire"),
        "CK": ("Kuka salas", "Cook Islands"),
        "CL": ("Čīle", "Chile"),
        "CM": ("Kamerūna", "Cameroon"),
        "CN": ("Ķīna", "China"),
        "CO": ("Kolumbija", "Colombia"),
        "CR": ("Kostarika", "Costa Rica"),
        "CU": ("Kuba", "Cuba"),
        "CV": ("Kaboverde", "Cabo Verde"),
        "CW": ("Kirasao", "Curaçao"),
        "CX": ("Ziemsvētku sala", "Christmas Island"),
        "CY": ("Kipra", "Cyprus"),
        "CZ": ("Čehija", "Czechia"),
        "DE": ("Vācija", "Germany"),
        "DJ": ("Džibutija", "Djibouti"),
        "DK": ("Dānija", "Denmark"),
        "DM": ("Dominika", "Dominica"),
        "DO": ("Dominikānas Republika", "Dominican Republic"),
        "DZ": ("Alžīrija", "Algeria"),
        "EC": ("Ekvadora", "Ecuador"),
        "EE": ("Igaunija", "Estonia"),
        "EG": ("Ēģipte", "Egypt"),
        "EH": ("Rietumsahāra", "Western Sahara"),
        "ER": ("Eritreja", "Eritrea"),
        "ES": ("Spānija", "Spain"),
        "ET": ("Etiopija", "Ethiopia"),
        "FI": ("Somija", "Finland"),
        "FJ": ("Fidži", "Fiji"),
        "FK": ("Folklenda (Malvinu) salas", "Falkland Islands"),
        "FM": ("Mikronēzija", "Micronesia"),
        "FO": ("Fēru salas", "Faroe Islands"),
        "FR": ("Francija", "France"),
        "GA": ("Gabona", "Gabon"),
        "GB": ("Apvienotā Karaliste", "United Kingdom"),
        "GD": ("Grenāda", "Grenada"),
        "GE": ("Gruzija", "Georgia"),
        "GF": ("Francijas Gviāna", "French Guiana"),
        "GG": ("Gērnsija", "Guernsey"),
        "GH": ("Gana", "Ghana"),
        "GI": ("Gibraltārs", "Gibraltar"),
        "GL": ("Grenlande", "Greenland"),
        "GM": ("Gambija", "Gambia"),
        "GN": ("Gvineja", "Guinea"),
        "GP": ("Gvadelupa", "Guadeloupe"),
        "GQ": ("Ekvatoriālā Gvineja", "Equatorial Guinea"),
        "GR": ("Grieķija", "Greece"),
        "GS": (
            "Dienviddžordžija un Dienvidsendviču salas",
            "South Georgia and the South Sandwich Islands",
        ),
        "GT": ("Gvatemala", "Guatemala"),
        "GU": ("Guama", "Guam"),
        "GW": ("Gvineja-Bisava", "Guinea-Bissau"),
        "GY": ("Gajāna", "Guyana"),
        "HK": ("Honkonga", "Hong Kong"),
        "HM": ("Hērda sala un Makdonalda salas", "Heard Island and McDonald Islands"),
        "HN": ("Hondurasa", "Honduras"),
        "HR": ("Horvātija", "Croatia"),
        "HT": ("Haiti", "Haiti"),
        "HU": ("Ungārija", "Hungary"),
        "ID": ("Indonēzija", "Indonesia"),
        "IE": ("Īrija", "Ireland"),
        "IL": ("Izraēla", "Israel"),
        "IM": ("Menas sala", "Isle of Man"),
        "IN": ("Indija", "India"),
        "IO": ("Indijas okeāna Britu teritorija", "British Indian Ocean Territory"),
        "IQ": ("Irāka", "Iraq"),
        "IR": ("Irāna", "Iran"),
        "IS": ("Islande", "Iceland"),
        "IT": ("Itālija", "Italy"),
        "JE": ("Džersija", "Jersey"),
        "JM": ("Jamaika", "Jamaica"),
        "JO": ("Jordānija", "Jordan"),
        "JP": ("Japāna", "Japan"),
        "KE": ("Kenija", "Kenya"),
        "KG": ("Kirgizstāna", "Kyrgyzstan"),
        "KH": ("Kambodža", "Cambodia"),
        "KI": ("Kiribati", "Kiribati"),
        "KM": ("Komoras", "Comoros"),
        "KN": ("Sentkitsa un Nevisa", "Saint Kitts and Nevis"),
        "KP": ("Ziemeļkoreja", "North Korea"),
        "KR": ("Dienvidkoreja", "South Korea"),
        "KW": ("Kuveita", "Kuwait"),
        "KY": ("Kaimanu salas", "Cayman Islands"),
        "KZ": ("Kazahstāna", "Kazakhstan"),
        "LA": ("Laosa", "Laos"),
        "LB": ("Libāna", "Lebanon"),
        "LC": ("Sentlūsija", "Saint Lucia"),
        "LI": ("Lihtenšteina", "Liechtenstein"),
        "LK": ("Šrilanka", "Sri Lanka"),
        "LR": ("Libērija", "Liberia"),
        "LS": ("Lesoto", "Lesotho"),
        "LT": ("Lietuva", "Lithuania"),
        "LU": ("Luksemburga", "Luxembourg"),
        "LV": ("Latvija", "Latvia"),
        "LY": ("Lībija", "Libya"),
        "MA": ("Maroka", "Morocco"),
        "MC": ("Monako", "Monaco"),
        "MD": ("Moldova", "Moldova"),
        "ME": ("Melnkalne", "Montenegro"),
        "MF": ("Senmartēna (Francijas daļa)", "Saint Martin (French part)"),
        "MG": ("Madagaskara", "Madagascar"),
        "MH": ("Māršala salas", "Marshall Islands"),
        "MK": ("Ziemeļmaķedonija", "North Macedonia"),
        "ML": ("Mali", "Mali"),
        "MM": ("Mjanma", "Myanmar"),
        "MN": ("Mongolija", "Mongolia"),
        "MO": ("Makao", "Macao"),
        "MP": ("Ziemeļu Marianas salas", "Northern Mariana Islands"),
        "MQ": ("Martinika", "Martinique"),
        "MR": ("Mauritānija", "Mauritania"),
        "MS": ("Montserrata", "Montserrat"),
        "MT": ("Malta", "Malta"),
        "MU": ("Maurīcija", "Mauritius"),
        "MV": ("Maldīvija", "Maldives"),
        "MW": ("Malāvija", "Malawi"),
        "MX": ("Meksika", "Mexico"),
        "MY": ("Malaizija", "Malaysia"),
        "MZ": ("Mozambika", "Mozambique"),
        "NA": ("Namībija", "Namibia"),
        "NC": ("Jaunkaledonija", "New Caledonia"),
        "NE": ("Nigēra", "Niger"),
        "NF": ("Norfolkas sala", "Norfolk Island"),
        "NG": ("Nigērija", "Nigeria"),
        "NI": ("Nikaragva", "Nicaragua"),
        "NL": ("Nīderlande", "Netherlands"),
        "NO": ("Norvēģija", "Norway"),
        "NP": ("Nepāla", "Nepal"),
        "NR": ("Nauru", "Nauru"),
        "NU": ("Niue", "Niue"),
        "NZ": ("Jaunzēlande", "New Zealand"),
        "OM": ("Omāna", "Oman"),
        "PA": ("Panama", "Panama"),
        "PE": ("Peru", "Peru"),
        "PF": ("Franču Polinēzija", "French Polynesia"),
        "PG": ("Papua-Jaungvineja", "Papua New Guinea"),
        "PH": ("Filipīnas", "Philippines"),
        "PK": ("Pakistāna", "Pakistan"),
        "PL": ("Polija", "Poland"),
        "PM": ("Senpjēra un Mikelona", "Saint Pierre and Miquelon"),
        "PN": ("Pitkērnas salas", "Pitcairn Islands"),
        "PR": ("Puertoriko", "Puerto Rico"),
        "PS": ("Palestīna", "Palestine"),
        "PT": ("Portugāle", "Portugal"),
        "PW": ("Palau", "Palau"),
        "PY": ("Paragvaja", "Paraguay"),
        "QA": ("Katara", "Qatar"),
        "RE": ("Reinjona", "Réunion"),
        "RO": ("Rumānija", "Romania"),
        "RS": ("Serbija", "Serbia"),
        "RU": ("Krievija", "Russia"),
        "RW": ("Ruanda", "Rwanda"),
        "SA": ("Saūda Arābija", "Saudi Arabia"),
        "SB": ("Zālamana salas", "Solomon Islands"),
        "SC": ("Seišelas", "Seychelles"),
        "SD": ("Sudāna", "Sudan"),
        "SE": ("Zviedrija", "Sweden"),
        "SG": ("Singapūra", "Singapore"),
        "SH": (
            "Svētās Helēnas, Debesbraukšanas un Tristana da Kuņas salas",
            "Saint Helena, Ascension and Tristan da Cunha",
        ),
        "SI": ("Slovēnija", "Slovenia"),
        "SJ": ("Svalbāra un Jana Majena sala", "Svalbard and Jan Mayen"),
        "SK": ("Slovākija", "Slovakia"),
        "SL": ("Sjerraleone", "Sierra Leone"),
        "SM": ("Sanmarīno", "San Marino"),
        "SN": ("Senegāla", "Senegal"),
        "SO": ("Somālija", "Somalia"),
        "SR": ("Surinama", "Suriname"),
        "SS": ("Dienvidsudāna", "South Sudan"),
        "ST": ("Santome un Prinsipi", "Sao Tome and Principe"),
        "SV": ("Salvadora", "El Salvador"),
        "SX": ("Sintmārtena (Nīderlandes daļa)", "Sint Maarten (Dutch part)"),
        "SY": ("Sīrija", "Syria"),
        "SZ": ("Esvatini", "Eswatini"),
        "TC": ("Tērksu un Kaikosu salas", "Turks and Caicos Islands"),
        "TD": ("Čada", "Chad"),
        "TF": ("Francijas Dienvidjūru Zemes", "French Southern Territories"),
        "TG": ("Togo", "Togo"),
        "TH": ("Taizeme", "Thailand"),
        "TJ": ("Tadžikistāna", "Tajikistan"),
        "TK": ("Tokelau", "Tokelau"),
        "TL": ("Austrumtimora", "Timor-Leste"),
        "TM": ("Turkmenistāna", "Turkmenistan"),
        "TN": ("Tunisija", "Tunisia"),
        "TO": ("Tonga", "Tonga"),
        "TR": ("Turcija", "Türkiye"),
        "TT": ("Trinidāda un Tobāgo", "Trinidad and Tobago"),
        "TV": ("Tuvalu", "Tuvalu"),
        "TW": ("Taivāna", "Taiwan"),
        "TZ": ("Tanzānija", "Tanzania"),
        "UA": ("Ukraina", "Ukraine"),
        "UG": ("Uganda", "Uganda"),
        "UM": ("ASV Mazās Aizjūras salas", "United States Minor Outlying Islands"),
        "US": ("Amerikas Savienotās Valstis", "United States"),
        "UY": ("Urugvaja", "Uruguay"),
        "UZ": ("Uzbekistāna", "Uzbekistan"),
        "VA": ("Vatikāns", "Holy See (Vatican City)"),
        "VC": ("Sentvinsenta un Grenadīnas", "Saint Vincent and the Grenadines"),
        "VE": ("Venecuēla", "Venezuela"),
        "VG": ("Britu Virdžīnas", "British Virgin Islands"),
        "VI": ("ASV Virdžīnas", "United States Virgin Islands"),
        "VN": ("Vjetnama", "Vietnam"),
        "VU": ("Vanuatu", "Vanuatu"),
        "WF": ("Volisa un Futuna", "Wallis and Futuna"),
        "WS": ("Samoa", "Samoa"),
        "YE": ("Jemena", "Yemen"),
        "YT": ("Majota", "Mayotte"),
        "ZA": ("Dienvidāfrika", "South Africa"),
        "ZM": ("Zambija", "Zambia"),
        "ZW": ("Zimbabve", "Zimbabwe"),
    }
)
"""Short country names, code -> (Latvian, English), for every code in COUNTRY_CODES."""


def country_name(code: str, lang: str) -> str:
    """The country's name in ``lang`` ("lv", else English); the code itself if unknown."""
    names = COUNTRY_NAMES.get(code)
    if names is None:
        return code
    return names[0] if lang == "lv" else names[1]
