"""The shipped register says what the published privacy policy says.

The policy (`fixtures/privacy-policy.lv.txt`, a verbatim copy of the published Latvian text)
is parsed here, not transcribed: its section "Kādiem mērķiem apstrādājam personas datus?"
lists seven numbered purposes, each with a "Datu veids:" (data categories) line and a
"Juridiskais pamats:" (legal basis) line. The policy's words are mapped to the register's ids
by the tables below; a word the tables do not know fails the test with its name, rather than
being guessed at.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import ropa
from conftest import SHIPPED
from ropa.model import LegitimateInterestsBasis, Register

POLICY = Path(__file__).parent / "fixtures" / "privacy-policy.lv.txt"

PURPOSES_HEADING = "Kādiem mērķiem apstrādājam personas datus?"

# The policy's names for data categories (lower case, as they appear in "Datu veids:" lines
# and in the list "Kādus datus mēs apstrādājam?") and the register's ids.
CATEGORY_IDS = {
    "personiskā informācija": "identity",
    "kontaktinformācija": "contact",
    "profils": "profile",
    "profila informācija": "profile",
    "tehniskie dati": "technical",
    "tehniskā informācija": "technical",
    "izmantošanas dati": "usage",
    "mārketinga dati": "marketing",
}

# How each legal basis begins in a "Juridiskais pamats:" line (lower case), and its kind.
BASIS_KINDS = [
    ("līguma izpild", "contract"),
    ("juridisko pienākumu izpild", "legal_obligation"),
    ("juridiskā pienākuma izpild", "legal_obligation"),
    ("leģitīm", "legitimate_interests"),
    ("piekrišan", "consent"),
    ("vitāl", "vital_interests"),
    ("sabiedrības interes", "public_task"),
]


@dataclass(frozen=True)
class PolicyBasis:
    kind: str
    interest: str | None = None


@dataclass(frozen=True)
class PolicyPurpose:
    number: int
    name: str
    categories: tuple[str, ...]
    bases: tuple[PolicyBasis, ...]


# ---------------------------------------------------------------------------------------------
# Reading the policy


_NUMBERED = re.compile(r"\s*(?P<number>\d+)\s*[.)]\s+(?P<name>.+?)\s*:?\s*")
_LABELLED = re.compile(r"\s*[•·\-*–]?\s*(?P<label>[^:]+?)\s*:\s*(?P<value>.*?)\s*")
_TRAILING = " \t,;."


def section_lines(text: str, heading: str) -> list[str]:
    """The lines under `heading`, up to the next line that starts at the margin."""
    lines = text.splitlines()
    starts = [index for index, line in enumerate(lines) if line.strip() == heading]
    assert len(starts) == 1, f"the policy has {len(starts)} headings {heading!r}"
    body: list[str] = []
    for line in lines[starts[0] + 1 :]:
        if line.strip() and not line[0].isspace():
            break
        if line.strip():
            body.append(line)
    return body


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """`text` split at `separator`, except inside parentheses."""
    parts, depth, current = [], 0, ""
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == separator and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += character
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def category_phrases(value: str) -> list[str]:
    """The data categories of a "Datu veids:" line, as phrases.

    Latvian shares a head noun between joined words: "izmantošanas un mārketinga dati" is
    "izmantošanas dati" and "mārketinga dati".
    """
    phrases: list[str] = []
    for part in split_top_level(value.strip(_TRAILING)):
        joined = [words.strip() for words in re.split(r"\s+un\s+", part)]
        head = joined[-1].split()[-1]
        for words in joined[:-1]:
            phrases.append(words if len(words.split()) > 1 else f"{words} {head}")
        phrases.append(joined[-1])
    return [phrase.lower() for phrase in phrases]


def category_id(phrase: str) -> str:
    assert phrase in CATEGORY_IDS, f"the policy's category {phrase!r} has no id in CATEGORY_IDS"
    return CATEGORY_IDS[phrase]


def legal_basis(item: str) -> PolicyBasis:
    """One legal basis of a "Juridiskais pamats:" line, with its interest when it has one."""
    lowered = item.lower()
    kinds = [kind for start, kind in BASIS_KINDS if lowered.startswith(start)]
    assert len(kinds) == 1, f"the policy's legal basis {item!r} is not in BASIS_KINDS"
    if kinds[0] != "legitimate_interests":
        return PolicyBasis(kinds[0])
    if "(" in item:
        interest = item[item.index("(") + 1 : item.rindex(")")]
    else:
        after = re.search(r"interes\w*\s+(.*)", item)
        interest = after.group(1) if after else ""
    return PolicyBasis(kinds[0], interest.strip() or None)


def policy_purposes(text: str) -> list[PolicyPurpose]:
    """The numbered purposes of the policy, in its order."""
    purposes: list[dict[str, Any]] = []
    for line in section_lines(text, PURPOSES_HEADING):
        numbered = _NUMBERED.fullmatch(line)
        labelled = _LABELLED.fullmatch(line)
        if numbered and not (labelled and labelled.group("label").startswith(("Datu", "Jur"))):
            purposes.append({"number": int(numbered["number"]), "name": numbered["name"]})
            continue
        assert labelled and purposes, f"unexpected line under the purposes heading: {line!r}"
        label = labelled["label"].lower()
        if label == "datu veids":
            phrases = category_phrases(labelled["value"])
            purposes[-1]["categories"] = tuple(category_id(phrase) for phrase in phrases)
        elif label == "juridiskais pamats":
            items = split_top_level(labelled["value"].strip(_TRAILING))
            purposes[-1]["bases"] = tuple(legal_basis(item) for item in items)
    for purpose in purposes:
        missing = {"categories", "bases"} - set(purpose)
        assert not missing, f"purpose {purpose['number']} has no {', '.join(sorted(missing))}"
    return [PolicyPurpose(**purpose) for purpose in purposes]


def straight_quotes(text: str) -> str:
    """Typographic quotation marks as the ASCII `"` the register writes."""
    return re.sub(r"[“”„«»]", '"', text)


# ---------------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def policy_text() -> str:
    return POLICY.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def purposes(policy_text: str) -> list[PolicyPurpose]:
    return policy_purposes(policy_text)


@pytest.fixture(scope="module")
def register() -> Register:
    return ropa.load(SHIPPED)


# ---------------------------------------------------------------------------------------------
# The reader of the policy reads what a person reads


def test_the_policy_copy_is_the_published_text(policy_text: str) -> None:
    assert policy_text.startswith("Privātuma politika\n")
    assert PURPOSES_HEADING in policy_text


def test_the_policy_has_seven_purposes(purposes: list[PolicyPurpose]) -> None:
    assert [purpose.number for purpose in purposes] == [1, 2, 3, 4, 5, 6, 7]


def test_shared_head_nouns_are_distributed() -> None:
    assert category_phrases("Personiskā informācija, izmantošanas un mārketinga dati;") == [
        "personiskā informācija",
        "izmantošanas dati",
        "mārketinga dati",
    ]


def test_legitimate_interest_in_parentheses_or_after_the_word() -> None:
    assert legal_basis("leģitīmās intereses (uzskaite, izpēte)") == PolicyBasis(
        "legitimate_interests", "uzskaite, izpēte"
    )
    assert legal_basis("leģitīmās intereses pakalpojuma attīstībai") == PolicyBasis(
        "legitimate_interests", "pakalpojuma attīstībai"
    )
    assert split_top_level("līguma izpilde, leģitīmās intereses (a, b)") == [
        "līguma izpilde",
        "leģitīmās intereses (a, b)",
    ]


def test_the_catalogue_names_the_policy_categories(policy_text: str, register: Register) -> None:
    # "Kādus datus mēs apstrādājam?": " 1. Personiskā informācija (piemēram, ...);" ...
    section = policy_text.split("Kādus datus mēs apstrādājam?", 1)[1]
    section = section.split("Kā mēs izmantojam personas datus?", 1)[0]
    names = re.findall(r"^\s*\d+\.\s+([^(\n]+?)\s*\(", section, flags=re.MULTILINE)
    assert len(names) == 6
    assert [register.text(category.name, "lv") for category in register.data_categories] == names
    # Every category a purpose names is in the catalogue.
    catalogue = {category.id for category in register.data_categories}
    assert set(CATEGORY_IDS.values()) <= catalogue


# ---------------------------------------------------------------------------------------------
# Fidelity of the register, purpose by purpose


def _purpose_ids(count: int = 7) -> list[str]:
    return [f"purpose-{number}" for number in range(1, count + 1)]


@pytest.mark.parametrize("position", range(7), ids=_purpose_ids())
def test_activity_name_is_the_policy_heading(
    position: int, purposes: list[PolicyPurpose], register: Register
) -> None:
    name = register.activities[position].name
    assert isinstance(name, dict)
    assert name["lv"] == purposes[position].name


@pytest.mark.parametrize("position", range(7), ids=_purpose_ids())
def test_activity_data_categories_are_the_policy_ones(
    position: int, purposes: list[PolicyPurpose], register: Register
) -> None:
    stated = register.activities[position].data_categories
    assert set(stated) == set(purposes[position].categories)
    assert stated == purposes[position].categories  # and in the policy's order


@pytest.mark.parametrize("position", range(7), ids=_purpose_ids())
def test_activity_legal_bases_are_the_policy_ones(
    position: int, purposes: list[PolicyPurpose], register: Register
) -> None:
    stated = [basis.basis for basis in register.activities[position].legal_bases]
    assert stated == [basis.kind for basis in purposes[position].bases]


@pytest.mark.parametrize("position", range(7), ids=_purpose_ids())
def test_legitimate_interest_is_the_policy_wording(
    position: int, purposes: list[PolicyPurpose], register: Register
) -> None:
    in_policy = [
        basis.interest for basis in purposes[position].bases if basis.kind == "legitimate_interests"
    ]
    in_register = [
        basis.interest
        for basis in register.activities[position].legal_bases
        if isinstance(basis, LegitimateInterestsBasis)
    ]
    assert len(in_register) == len(in_policy)
    for stated, wording in zip(in_register, in_policy, strict=True):
        if wording is None:
            continue  # the policy names no interest; nothing to compare
        assert isinstance(stated, dict), "the interest must keep the policy's Latvian wording"
        assert stated["lv"] == wording


# ---------------------------------------------------------------------------------------------
# The rest of the register


def test_organisation_is_the_policy_controller(policy_text: str, register: Register) -> None:
    found = re.search(
        r"pārzinis ir (?P<name>.+?), vienotais reģistrācijas numurs: (?P<number>\d+), "
        r"juridiskā adrese: (?P<address>.+?)\.?\n",
        policy_text,
    )
    assert found, "the policy names its controller in one sentence"
    organisation = register.organisation
    # The policy writes “typographic” quotes; the register writes ASCII ones.
    assert organisation.name is not None
    assert straight_quotes(organisation.name) == straight_quotes(found["name"])
    assert organisation.registration_number == found["number"]
    assert register.text(organisation.address, "lv") == found["address"]
    assert organisation.country == "LV"


def test_the_eighth_activity_is_the_newsletter_on_consent(
    policy_text: str, register: Register
) -> None:
    assert "Ja Jūs piekrītat jaunumu saņemšanai" in policy_text
    assert len(register.activities) == 8
    newsletter = register.activities[7]
    assert [basis.basis for basis in newsletter.legal_bases] == ["consent"]
    assert newsletter.purpose == "marketing"
    assert "jaunum" in (register.text(newsletter.name, "lv") or "").lower()


def test_the_newsletter_ends_with_the_policys_event_as_until(
    policy_text: str, register: Register
) -> None:
    newsletter = register.activities[7]
    assert isinstance(newsletter.retention, str)
    rule = {rule.id: rule for rule in register.retention_rules}[newsletter.retention]
    # The end of the use is an end event (`until`), not the start of a period (`starts`).
    assert rule.starts is None and rule.period is None
    until = register.text(rule.until, "lv")
    assert until is not None and straight_quotes(until) in straight_quotes(policy_text)


def test_no_activity_has_a_retention_period(register: Register) -> None:
    # "Cik ilgi glabājam datus?" gives no period for anything.
    rules = {rule.id: rule for rule in register.retention_rules}
    for activity in register.activities:
        assert activity.retention in rules
        assert rules[activity.retention].period is None, activity.id


def _is_text(annotation: Any) -> bool:
    """Whether a field's type is `Text` (a string or a language map)."""
    if annotation == dict[str, str]:
        return True
    return any(_is_text(argument) for argument in typing.get_args(annotation))


def text_fields(node: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every set text field under `node`, with its path."""
    found: list[tuple[str, Any]] = []
    if isinstance(node, tuple):
        for index, item in enumerate(node):
            found += text_fields(item, f"{path}[{index}]")
    elif isinstance(node, BaseModel):
        for name, info in type(node).model_fields.items():
            value = getattr(node, name)
            where = f"{path}.{name}" if path else name
            if value is not None and _is_text(info.annotation):
                found.append((where, value))
            else:
                found += text_fields(value, where)
    return found


# A postal address is the same in every language: the register writes it once, as plain text.
LANGUAGE_NEUTRAL = {"organisation.address"}


def test_every_text_field_has_latvian_and_english(register: Register) -> None:
    fields = text_fields(register)
    assert len(fields) > 40  # the walk reaches every catalogue and activity
    missing = [
        where
        for where, value in fields
        if where not in LANGUAGE_NEUTRAL
        and not (isinstance(value, dict) and value.get("lv") and value.get("en"))
    ]
    assert missing == []


def test_sources_in_the_policys_words(policy_text: str, register: Register) -> None:
    bullets = [line.strip(" •") for line in policy_text.splitlines()]
    given, automatic = (line for line in bullets if line.startswith(("Jūsu sniegto", "Tehnisko")))
    for activity in register.activities:
        details = register.text(activity.source_details, "lv") or ""
        assert ("data_subject" in activity.sources) == (given in details), activity.id
        assert ("observed" in activity.sources) == (automatic in details), activity.id


def test_the_13_2_e_sentence_is_the_requirement_of_the_service_activities(
    policy_text: str, register: Register
) -> None:
    sentence = "Ja atsakāties mums sniegt savus personas datus, kas pēc likuma ir nepieciešami"
    assert sentence in policy_text
    with_requirement = [a.id for a in register.activities if a.requirement is not None]
    assert with_requirement == ["customer_registration", "hosting_requests", "support_requests"]
    for activity in register.activities:
        if activity.requirement is not None:
            assert activity.requirement.kind == "statutory"  # "pēc likuma ir nepieciešami"
            assert activity.requirement.obliged is None  # the policy does not say
            consequences = register.text(activity.requirement.consequences, "lv") or ""
            assert consequences in policy_text


def test_newsletter_subscribers_children_not_stated(register: Register) -> None:
    subscribers = {s.id: s for s in register.data_subjects}["newsletter_subscribers"]
    assert subscribers.includes_children is None


# The policy's sentence on what is collected automatically during a visit gives the longer
# lists: the technical information first, then ("Kā arī ...") information on the visit, which
# is usage data; the short lists are those of "Kādus datus mēs apstrādājam?".
_LONGER = {
    "technical": ("IP adrese, pārlūkprogrammas informācija, laika zonas iestatījumi", 4),
    "usage": ("informācija, kā izmantojat tīmekļa vietni, produktus un pakalpojumus", 5),
}


def _stem(word: str) -> str:
    """A Latvian word without its ending (the policy's accusative, the register's nominative)."""
    return word[: max(len(word) - 2, 3)]


@pytest.mark.parametrize("category", sorted(_LONGER))
def test_technical_and_usage_examples_are_the_policys_longer_lists(
    policy_text: str, register: Register, category: str
) -> None:
    sentence = next(line for line in policy_text.splitlines() if "iegūta automātiski" in line)
    technical, _, usage = sentence.partition("Kā arī")
    source = (technical if category == "technical" else usage).replace(",", " ")
    entry = next(c for c in register.data_categories if c.id == category)
    assert isinstance(entry.examples, dict)
    short, _, automatic = entry.examples["lv"].partition("; arī ")
    assert short == _LONGER[category][0]
    assert short in policy_text
    listed = automatic.split(": ", 1)[1].removesuffix(" u.tml.").split(", ")
    assert len(listed) == _LONGER[category][1]
    for item in listed:
        for word in item.split():
            assert _stem(word) in source, (item, word)
    assert "; also " in entry.examples["en"]
