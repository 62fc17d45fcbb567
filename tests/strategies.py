"""Hypothesis strategies for property tests: small, valid registers.

`registers()` draws `Register` objects that the models accept: unicode text as plain strings
or language maps, optional fields both empty and filled, catalogues with unique ids and
activities whose references all resolve. The registers are not meant to pass validation (most
draw findings); they are meant to exercise every shape the format allows.

Usage::

    from hypothesis import given
    from strategies import registers

    @given(registers())
    def test_something(register): ...
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from hypothesis import strategies as st

from ropa import countries, vocab
from ropa.model import LEGAL_BASIS_MODELS, Register

__all__ = ["dates", "durations", "ids", "optional", "plain_text", "registers", "texts"]

_LANGUAGES = ("lv", "en", "de", "ru")


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`strategy`, or None ("not stated")."""
    return st.none() | strategy


@functools.cache
def plain_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Non-blank unicode text (no surrogates, which no UTF-8 file can hold)."""
    return st.text(min_size=1, max_size=max_size).filter(lambda value: value.strip() != "")


@functools.cache
def texts() -> st.SearchStrategy[str | dict[str, str]]:
    """A text field: a plain string, or a map of one to three languages to text."""
    return plain_text() | st.dictionaries(
        st.sampled_from(_LANGUAGES), plain_text(), min_size=1, max_size=3
    )


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """A catalogue id: lower-case letter, then letters, digits and _."""
    return st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)


@functools.cache
def dates() -> st.SearchStrategy[str]:
    """An ISO date as the register writes it."""
    return st.dates(date(1990, 1, 1), date(2100, 12, 31)).map(date.isoformat)


@functools.cache
def durations() -> st.SearchStrategy[str]:
    """An ISO 8601 retention period: years, months, days, or weeks alone."""
    count = st.integers(1, 30)
    return st.one_of(
        count.map(lambda n: f"P{n}Y"),
        count.map(lambda n: f"P{n}M"),
        count.map(lambda n: f"P{n}W"),
        count.map(lambda n: f"P{n}D"),
        st.tuples(count, count).map(lambda pair: f"P{pair[0]}Y{pair[1]}M"),
    )


def _codes(vocabulary: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(vocabulary))


def _countries() -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(countries.COUNTRY_CODES))


def _maybe_bool() -> st.SearchStrategy[bool | None]:
    return st.none() | st.booleans()


@functools.cache
def _contacts() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "url": optional(plain_text()),
            "email": optional(plain_text()),
            "phone": optional(plain_text()),
            "note": optional(texts()),
        },
    )


@functools.cache
def _parties() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"name": plain_text()}, optional={"contact": _contacts()})


@functools.cache
def _waivers() -> st.SearchStrategy[list[dict[str, Any]]]:
    rule = st.sampled_from(["ROPA101", "ROPA201", "ROPA303", "ROPA999"])
    waiver = st.fixed_dictionaries(
        {"rule": rule},
        optional={
            "reason": optional(plain_text() | texts()),
            "accepted_by": optional(plain_text()),
            "accepted_on": optional(dates()),
            "expires": optional(dates()),
        },
    )
    return st.lists(waiver, max_size=2)


@functools.cache
def _dpos() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"name": plain_text()},
        optional={
            "contact": _contacts(),
            "external": _maybe_bool(),
            "organisation": optional(plain_text()),
        },
    )


@functools.cache
def _organisations() -> st.SearchStrategy[dict[str, Any]]:
    joint = st.fixed_dictionaries(
        {"name": plain_text()},
        optional={"contact": _contacts(), "arrangement": optional(texts())},
    )
    return st.fixed_dictionaries(
        {},
        optional={
            "name": optional(plain_text()),
            "registration_number": optional(plain_text()),
            "address": optional(texts()),
            "country": optional(_countries()),
            "public_body": _maybe_bool(),
            "contact": optional(_contacts()),
            "representative": optional(_parties()),
            "dpo": optional(_dpos()),
            "joint_controllers": st.lists(joint, max_size=2),
        },
    )


@functools.cache
def _register_infos() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"kind": _codes(vocab.REGISTER_KINDS)},
        optional={
            "version": optional(plain_text()),
            "language": st.sampled_from(_LANGUAGES),
            "reviewed": optional(dates()),
            "approved_by": optional(plain_text()),
            "waivers": _waivers(),
        },
    )


def _entry_fields(kind: str) -> dict[str, st.SearchStrategy[Any]]:
    """The optional fields of a catalogue entry of `kind` (name and id are added apart)."""
    if kind == "data_subjects":
        return {
            "description": optional(texts()),
            "includes_children": _maybe_bool(),
            "kind": optional(_codes(vocab.DATA_SUBJECT_KINDS)),
            "contract_party": _maybe_bool(),
            "vulnerable": _maybe_bool(),
        }
    if kind == "data_categories":
        return {
            "examples": optional(texts()),
            "special": optional(_codes(vocab.SPECIAL_KINDS)),
            "national_id": _maybe_bool(),
        }
    if kind == "recipients":
        authorisation = st.fixed_dictionaries(
            {"kind": st.sampled_from(["specific", "general"])},
            optional={"reference": optional(plain_text())},
        )
        return {
            "description": optional(texts()),
            "contract": optional(plain_text()),
            "countries": st.lists(_countries(), max_size=3, unique=True),
            "authorisation": optional(authorisation),
        }
    if kind == "controllers":
        return {
            "contact": optional(_contacts()),
            "representative": optional(_parties()),
            "dpo": optional(_parties()),
            "contract": optional(plain_text()),
        }
    if kind == "retention_rules":
        return {
            "description": optional(texts()),
            "period": optional(durations()),
            "starts": optional(texts()),
            "until": optional(texts()),
            "basis": optional(texts()),
        }
    if kind == "assessments":
        return {
            "reference": optional(plain_text()),
            "date": optional(dates()),
            "review_by": optional(dates()),
        }
    return {"description": optional(texts())}


_REQUIRED_KIND = {
    "recipients": vocab.RECIPIENT_KINDS,
    "security_measures": vocab.SECURITY_KINDS,
    "assessments": vocab.ASSESSMENT_KINDS,
}


@functools.cache
def _entries(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A catalogue entry of `kind` without its id (built once: strategies are costly to make)."""
    # A controller's name is plain text, as the organisation's is.
    required: dict[str, st.SearchStrategy[Any]] = {
        "name": plain_text() if kind == "controllers" else texts()
    }
    if kind in _REQUIRED_KIND:
        required["kind"] = _codes(_REQUIRED_KIND[kind])
    return st.fixed_dictionaries(required, optional=_entry_fields(kind))


@st.composite
def _catalogue(draw: st.DrawFn, kind: str, max_size: int) -> list[dict[str, Any]]:
    entry_ids = draw(st.lists(ids(), max_size=max_size, unique=True))
    return [{"id": entry_id, **draw(_entries(kind))} for entry_id in entry_ids]


def _basis(basis: str) -> st.SearchStrategy[dict[str, Any]]:
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for name in LEGAL_BASIS_MODELS[basis].model_fields:
        if name != "basis":
            # `assessment` is a plain reference, `explicit` a boolean; the rest is text.
            if name == "explicit":
                fields[name] = _maybe_bool()
            else:
                fields[name] = optional(plain_text() if name == "assessment" else texts())
    return st.fixed_dictionaries({"basis": st.just(basis)}, optional=fields)


@functools.cache
def _legal_bases() -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of([_basis(basis) for basis in sorted(LEGAL_BASIS_MODELS)])


# References are drawn as positions and resolved against the catalogue drawn before, so the
# strategies stay fixed (and cheap) whatever the catalogues hold.
_POSITIONS = st.lists(st.integers(0, 99), max_size=3)


def _resolve(positions: list[int], pool: list[str]) -> list[str]:
    """Ids of `pool` at `positions` (repeats allowed: the models accept them)."""
    return [pool[position % len(pool)] for position in positions] if pool else []


@functools.cache
def _activity_fields() -> st.SearchStrategy[dict[str, Any]]:
    """An activity without id and references."""
    # An assessment is drawn as a position in the catalogue (resolved later) or free text.
    assessment = optional(st.integers(0, 99) | plain_text())
    transfer_fields = {
        "recipient": optional(st.integers(0, 99)),
        "safeguard": optional(_codes(vocab.SAFEGUARDS)),
        "derogation": optional(_codes(vocab.DEROGATIONS)),
        "reference": optional(plain_text()),
        "assessment": assessment,
    }
    transfer = (
        st.fixed_dictionaries({"country": _countries()}, optional=transfer_fields)
        | st.fixed_dictionaries(
            {"organisation": st.just("european_patent_organisation")}, optional=transfer_fields
        )
        | st.fixed_dictionaries(
            {"organisation": st.just("other"), "organisation_name": texts()},
            optional=transfer_fields,
        )
    )
    condition = st.fixed_dictionaries(
        {"condition": _codes(vocab.SPECIAL_CONDITIONS)},
        optional={"law": optional(texts()), "categories": _POSITIONS},
    )
    retention_entry = st.fixed_dictionaries(
        {"rule": st.integers(0, 99), "categories": _POSITIONS.filter(bool)}
    )
    requirement = st.fixed_dictionaries(
        {"kind": _codes(vocab.REQUIREMENT_KINDS)},
        optional={"obliged": _maybe_bool(), "consequences": optional(texts())},
    )
    dpia = st.fixed_dictionaries({"reference": plain_text()}, optional={"date": optional(dates())})
    return st.fixed_dictionaries(
        {"name": texts()},
        optional={
            "description": optional(texts()),
            "role": optional(_codes(vocab.REGISTER_KINDS)),
            "on_behalf_of": _POSITIONS,
            "purpose": optional(_codes(vocab.PURPOSES)),
            "legal_bases": st.lists(_legal_bases(), max_size=3),
            "special_condition": optional(
                _codes(vocab.SPECIAL_CONDITIONS) | st.lists(condition, min_size=1, max_size=2)
            ),
            "criminal_data_authority": optional(texts()),
            "data_subjects": _POSITIONS,
            "data_categories": _POSITIONS,
            "sources": st.lists(_codes(vocab.SOURCES), max_size=2, unique=True),
            "source_details": optional(texts()),
            "requirement": optional(requirement),
            "direct_marketing": _maybe_bool(),
            "recipients": optional(_POSITIONS),
            "transfers": optional(st.lists(transfer, max_size=2)),
            "retention": optional(
                st.integers(0, 99) | st.lists(retention_entry, min_size=1, max_size=2)
            ),
            "security_measures": _POSITIONS,
            "automated_decisions": _maybe_bool(),
            "profiling": _maybe_bool(),
            "large_scale": _maybe_bool(),
            "dpia": optional(dpia | st.integers(0, 99)),
            "systems": st.lists(plain_text(), max_size=2),
            "owner": optional(plain_text()),
            "reviewed": optional(dates()),
            "waivers": _waivers(),
        },
    )


def _with_references(activity: dict[str, Any], catalogues: dict[str, list[str]]) -> None:
    """Turn the drawn positions of `activity` into ids that resolve (in place)."""
    for field in ("data_subjects", "data_categories", "security_measures"):
        if field in activity:
            activity[field] = _resolve(activity[field], catalogues[field])
    if "on_behalf_of" in activity:
        activity["on_behalf_of"] = _resolve(activity["on_behalf_of"], catalogues["controllers"])
    recipients = catalogues["recipients"]
    if activity.get("recipients") is not None:
        activity["recipients"] = _resolve(activity["recipients"], recipients)
    assessments = catalogues["assessments"]

    def assessment(value: Any) -> Any:
        # A drawn position names a catalogue entry (None when there is none); text stays.
        if not isinstance(value, int):
            return value
        found = _resolve([value], assessments)
        return found[0] if found else None

    for transfer in activity.get("transfers") or ():
        if transfer.get("recipient") is not None:
            found = _resolve([transfer["recipient"]], recipients)
            transfer["recipient"] = found[0] if found else None
        if "assessment" in transfer:
            transfer["assessment"] = assessment(transfer["assessment"])
    for basis in activity.get("legal_bases", ()):
        if basis.get("assessment") is not None:
            basis["assessment"] = assessment(basis["assessment"])
    if isinstance(activity.get("dpia"), int):
        activity["dpia"] = assessment(activity["dpia"])
    for entry in activity.get("special_condition") or ():
        if isinstance(entry, dict) and "categories" in entry:
            entry["categories"] = _resolve(entry["categories"], catalogues["data_categories"])
    rules, categories = catalogues["retention_rules"], catalogues["data_categories"]
    retention = activity.get("retention")
    if isinstance(retention, list):
        entries = [
            {"rule": _resolve([entry["rule"]], rules)[0],
             "categories": _resolve(entry["categories"], categories)}
            for entry in retention
            if rules and categories
        ]  # fmt: skip
        activity["retention"] = entries or None
    elif retention is not None:
        found = _resolve([retention], rules)
        activity["retention"] = found[0] if found else None


@st.composite
def _activities(draw: st.DrawFn, catalogues: dict[str, list[str]], max_size: int) -> list[Any]:
    activities = []
    for activity_id in draw(st.lists(ids(), max_size=max_size, unique=True)):
        activity = {"id": activity_id, **draw(_activity_fields())}
        _with_references(activity, catalogues)
        activities.append(activity)
    return activities


_CATALOGUES = (
    "controllers",
    "data_subjects",
    "data_categories",
    "recipients",
    "retention_rules",
    "security_measures",
    "assessments",
)


@st.composite
def register_data(draw: st.DrawFn, max_entries: int = 3, max_activities: int = 3) -> Any:
    """A register as plain data (what the loader hands to the models)."""
    data: dict[str, Any] = {
        "format": "ropa/1",
        "register": draw(_register_infos()),
        "organisation": draw(_organisations()),
    }
    catalogues: dict[str, list[str]] = {}
    for kind in _CATALOGUES:
        entries: list[dict[str, Any]] = draw(_catalogue(kind, max_entries))
        catalogues[kind] = [entry["id"] for entry in entries]
        # An empty catalogue is written as [] or left out: the two mean the same.
        written_empty: bool = draw(st.booleans())
        if entries or written_empty:
            data[kind] = entries
    data["activities"] = draw(_activities(catalogues, max_activities))
    return data


def registers(max_entries: int = 3, max_activities: int = 3) -> st.SearchStrategy[Register]:
    """Valid `Register` objects with every reference resolving."""
    return register_data(max_entries, max_activities).map(Register.model_validate)
