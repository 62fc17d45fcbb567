"""The models: field shapes (durations, ids, countries, dates, text), strictness, equality."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

import ropa
from ropa.durations import Duration
from ropa.loader import LoadError
from ropa.model import (
    Activity,
    ConsentBasis,
    ContractBasis,
    DataSubjectCategory,
    Dpia,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    Organisation,
    PublicTaskBasis,
    Register,
    RegisterInfo,
    RetentionRule,
    Transfer,
    VitalInterestsBasis,
)

REGISTER = """\
format: ropa/1
register:
  kind: controller
organisation:
  name: SIA Paraugs
  country: LV
activities:
  - id: registration
    name: {lv: Reģistrācija, en: Registration}
"""


def error_messages(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(detail["msg"]).removeprefix("Value error, ") for detail in error.value.errors()]


def only_message(error: pytest.ExceptionInfo[ValidationError]) -> str:
    messages = error_messages(error)
    assert len(messages) == 1, messages
    return messages[0]


def activity(**fields: Any) -> Activity:
    return Activity.model_validate({"id": "registration", "name": "Reģistrācija", **fields})


# ---------------------------------------------------------------------------------------------
# Durations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P5Y", Duration(years=5)),
        ("P18M", Duration(months=18)),
        ("P2W", Duration(weeks=2)),
        ("P30D", Duration(days=30)),
        ("P1Y6M", Duration(years=1, months=6)),
        ("P1Y2M3D", Duration(years=1, months=2, days=3)),
    ],
)
def test_duration_parses_and_prints_back(text: str, expected: Duration) -> None:
    duration = Duration.parse(text)
    assert duration == expected
    assert str(duration) == text


@pytest.mark.parametrize(
    ("text", "english", "latvian"),
    [
        ("P1Y", "1 year", "1 gads"),
        ("P5Y", "5 years", "5 gadi"),
        ("P21Y", "21 years", "21 gads"),
        ("P11Y", "11 years", "11 gadi"),
        ("P101Y", "101 years", "101 gads"),
        ("P111Y", "111 years", "111 gadi"),
        ("P18M", "18 months", "18 mēneši"),
        ("P1M", "1 month", "1 mēnesis"),
        ("P1W", "1 week", "1 nedēļa"),
        ("P2W", "2 weeks", "2 nedēļas"),
        ("P1D", "1 day", "1 diena"),
        ("P30D", "30 days", "30 dienas"),
        ("P1Y6M", "1 year and 6 months", "1 gads un 6 mēneši"),
        ("P2Y1M3D", "2 years, 1 month and 3 days", "2 gadi, 1 mēnesis un 3 dienas"),
    ],
)
def test_duration_in_words(text: str, english: str, latvian: str) -> None:
    duration = Duration.parse(text)
    assert duration.in_words() == english
    assert duration.in_words("en") == english
    assert duration.in_words("lv") == latvian


def test_durations_compare_by_length() -> None:
    ordered = [Duration.parse(text) for text in ("P2W", "P30D", "P6M", "P1Y", "P18M", "P5Y")]
    shuffled = [ordered[index] for index in (4, 0, 5, 2, 1, 3)]
    assert sorted(shuffled) == ordered
    assert Duration.parse("P1Y") < Duration.parse("P13M")
    assert Duration.parse("P5Y") > Duration.parse("P59M")
    assert max(ordered) == Duration.parse("P5Y")
    # Equal lengths written differently are neither smaller nor larger, but stay distinct.
    assert Duration.parse("P12M") <= Duration.parse("P1Y") <= Duration.parse("P12M")
    assert Duration.parse("P12M") != Duration.parse("P1Y")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("P0D", "is zero", id="zero"),
        pytest.param("P0Y0M", "is zero", id="zero-in-two-units"),
        pytest.param("-P5Y", "is negative", id="negative"),
        pytest.param("P1Y2W", "mixes weeks with other units", id="weeks-and-years"),
        pytest.param("P2W3D", "mixes weeks with other units", id="weeks-and-days"),
        pytest.param("PT12H", "hours, minutes or seconds", id="hours"),
        pytest.param("P1DT1M", "hours, minutes or seconds", id="days-and-minutes"),
        pytest.param("P", "is not an ISO 8601 duration", id="empty-duration"),
        pytest.param("5Y", "is not an ISO 8601 duration", id="no-p"),
        pytest.param("p5y", "is not an ISO 8601 duration", id="lower-case"),
        pytest.param("P1.5Y", "is not an ISO 8601 duration", id="fraction"),
        pytest.param("P5Y ", "is not an ISO 8601 duration", id="trailing-space"),
        pytest.param("five years", "is not an ISO 8601 duration", id="words"),
    ],
)
def test_bad_durations_are_refused(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        Duration.parse(text)


def test_duration_in_a_model_parses_and_serialises_as_text() -> None:
    rule = RetentionRule.model_validate({"id": "accounts", "name": "Konti", "period": "P10Y"})
    assert rule.period == Duration(years=10)
    assert rule.model_dump(mode="json")["period"] == "P10Y"


@pytest.mark.parametrize("value", [5, 5.0, True, ["P5Y"]])
def test_a_duration_must_be_text(value: Any) -> None:
    with pytest.raises(ValidationError) as error:
        RetentionRule.model_validate({"id": "accounts", "name": "Konti", "period": value})
    assert only_message(error).startswith("expected an ISO 8601 duration such as P5Y, got")


def test_duration_error_through_the_loader() -> None:
    text = REGISTER + "retention_rules:\n  - id: logs\n    name: Žurnāli\n    period: P0D\n"
    with pytest.raises(LoadError) as error:
        ropa.load(text)
    assert [str(problem) for problem in error.value.problems] == [
        "<text>:13:13: retention_rules[0].period: duration 'P0D' is zero; "
        "a retention period must be positive"
    ]


# ---------------------------------------------------------------------------------------------
# Ids


@pytest.mark.parametrize("value", ["a", "customers", "web_visitors_2", "x1"])
def test_valid_ids(value: str) -> None:
    assert DataSubjectCategory(id=value, name="Klienti").id == value


@pytest.mark.parametrize("value", ["Customers", "1st", "_hidden", "web-visitors", "a b", "ā", ""])
def test_invalid_ids(value: str) -> None:
    with pytest.raises(ValidationError) as error:
        DataSubjectCategory(id=value, name="Klienti")
    assert only_message(error) == (
        f"{value!r} is not a valid id: use lower-case letters, digits and _, starting with a letter"
    )


@pytest.mark.parametrize(("value", "described"), [(5, "a number"), (None, "null")])
def test_an_id_must_be_text(value: Any, described: str) -> None:
    with pytest.raises(ValidationError) as error:
        activity(data_subjects=[value])
    assert only_message(error) == f"expected an id, got {described}"


def test_reference_lists_check_each_id() -> None:
    with pytest.raises(ValidationError) as error:
        activity(data_categories=["identity", "Contact"])
    assert error.value.errors()[0]["loc"] == ("data_categories", 1)


def test_ids_found_valid_are_remembered_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    # The ids found valid are kept (a register names each many times), at most
    # _VALID_IDS_KEPT of them; an id is judged the same whether it was seen before or not.
    import ropa.model as model

    monkeypatch.setattr(model, "_VALID_IDS", set())
    monkeypatch.setattr(model, "_VALID_IDS_KEPT", 3)
    for value in ("a", "b", "c"):
        assert DataSubjectCategory(id=value, name="Klienti").id == value
    assert sorted(model._VALID_IDS) == ["a", "b", "c"]
    assert DataSubjectCategory(id="d", name="Klienti").id == "d"
    assert sorted(model._VALID_IDS) == ["d"]  # full: forgotten all at once
    assert DataSubjectCategory(id="d", name="Klienti").id == "d"

    class Sub(str):
        pass

    with pytest.raises(ValidationError, match="'D' is not a valid id"):
        DataSubjectCategory(id=Sub("D"), name="Klienti")
    assert sorted(model._VALID_IDS) == ["d"]  # a subclass of str is judged, never kept


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u2003\u00a0", "\x1c\x1f"])
def test_a_text_of_whitespace_alone_is_refused(blank: str) -> None:
    # Whatever str.strip() takes for whitespace, as a text and as a language's text.
    with pytest.raises(ValidationError, match="empty"):
        DataSubjectCategory(id="a", name=blank)
    with pytest.raises(ValidationError, match="the lv text must be non-empty"):
        DataSubjectCategory(id="a", name={"lv": blank})
    assert DataSubjectCategory(id="a", name=blank + "x").name == blank + "x"


# ---------------------------------------------------------------------------------------------
# Country codes


@pytest.mark.parametrize("code", ["LV", "NO", "US", "GB", "CH", "JP"])
def test_real_country_codes(code: str) -> None:
    assert Organisation(country=code).country == code


def test_lower_case_country_gets_a_hint() -> None:
    with pytest.raises(ValidationError) as error:
        Organisation(country="lv")
    assert only_message(error) == (
        "'lv' is not an ISO 3166-1 alpha-2 country code (country codes are upper case)"
    )


@pytest.mark.parametrize("code", ["XX", "UK", "EU", "LVA", "L"])
def test_codes_not_in_the_iso_list_are_refused(code: str) -> None:
    with pytest.raises(ValidationError) as error:
        Transfer(country=code)
    assert only_message(error) == f"{code!r} is not an ISO 3166-1 alpha-2 country code"


def test_a_country_must_be_text() -> None:
    with pytest.raises(ValidationError) as error:
        Organisation.model_validate({"country": False})  # what YAML 1.1 makes of NO
    assert only_message(error) == ("expected an ISO 3166-1 alpha-2 country code, got a boolean")


# ---------------------------------------------------------------------------------------------
# Dates


def test_iso_date_text_becomes_a_date() -> None:
    assert RegisterInfo(kind="controller", reviewed="2026-11-24").reviewed == date(2026, 11, 24)


def test_a_date_object_is_accepted() -> None:
    assert Dpia(reference="DPIA-1", date=date(2026, 1, 31)).date == date(2026, 1, 31)


def test_an_impossible_date_is_not_a_real_date() -> None:
    with pytest.raises(ValidationError) as error:
        RegisterInfo(kind="controller", reviewed="2026-02-30")
    assert only_message(error) == "2026-02-30 is not a real date"


@pytest.mark.parametrize("value", ["2026-2-3", "24.11.2026", "2026-11-24T10:00:00", "today"])
def test_dates_must_be_iso(value: str) -> None:
    with pytest.raises(ValidationError) as error:
        RegisterInfo(kind="controller", reviewed=value)
    assert only_message(error) == f"expected an ISO date (YYYY-MM-DD), got {value!r}"


def test_a_datetime_value_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        Dpia(reference="DPIA-1", date=datetime(2026, 1, 31, 12, 0))
    assert only_message(error).startswith("expected an ISO date (YYYY-MM-DD), got datetime")


# ---------------------------------------------------------------------------------------------
# Text fields


def test_text_is_a_string_or_a_language_map() -> None:
    assert activity(description="Apraksts").description == "Apraksts"
    described = activity(description={"lv": "Apraksts", "en": "Description"})
    assert described.description == {"lv": "Apraksts", "en": "Description"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("", "text is empty; write the text or leave the field out", id="empty"),
        pytest.param("   ", "text is empty; write the text or leave the field out", id="blank"),
        pytest.param({}, "language map is empty; give at least one language", id="empty-map"),
        pytest.param(
            {"LV": "Apraksts"},
            "'LV' is not a language code; use ISO 639-1 such as lv or en",
            id="upper-case-language",
        ),
        pytest.param(
            {"latvian": "Apraksts"},
            "'latvian' is not a language code; use ISO 639-1 such as lv or en",
            id="language-name",
        ),
        pytest.param({"lv": ""}, "the lv text must be non-empty text", id="empty-translation"),
        pytest.param({"lv": 5}, "the lv text must be non-empty text", id="number-translation"),
        pytest.param(
            2026,
            "expected text or a map of language to text (lv: ..., en: ...), got a number "
            "(put it in quotes)",
            id="number",
        ),
        pytest.param(
            ["a", "b"],
            "expected text or a map of language to text (lv: ..., en: ...), got a list",
            id="list",
        ),
    ],
)
def test_bad_text_fields(value: Any, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        activity(description=value)
    assert only_message(error) == message


# ---------------------------------------------------------------------------------------------
# Strictness: frozen, no extra fields, strict booleans and strings


def test_models_are_frozen() -> None:
    register = ropa.load(REGISTER)
    with pytest.raises(ValidationError) as error:
        register.activities[0].id = "other"  # type: ignore[misc]
    assert error.value.errors()[0]["type"] == "frozen_instance"
    with pytest.raises(ValidationError):
        register.organisation.country = "EE"  # type: ignore[misc]
    assert isinstance(register.activities, tuple)


def test_language_maps_are_read_only_too() -> None:
    register = ropa.load(REGISTER)
    name = register.activities[0].name
    assert name == {"lv": "Reģistrācija", "en": "Registration"}
    assert isinstance(name, dict)
    for change in (
        lambda: name.__setitem__("en", "Sign-up"),
        lambda: name.__delitem__("lv"),
        lambda: name.update(en="Sign-up"),
        lambda: name.pop("en"),
        lambda: name.setdefault("de", "Anmeldung"),
        lambda: name.clear(),
    ):
        with pytest.raises(TypeError, match="read-only"):
            change()
    assert register.activities[0].name == {"lv": "Reģistrācija", "en": "Registration"}
    # A new map is the way to change a text.
    renamed = register.activities[0].model_copy(update={"name": {**name, "en": "Sign-up"}})
    assert renamed.name == {"lv": "Reģistrācija", "en": "Sign-up"}


def test_a_register_is_hashable_copyable_and_picklable() -> None:
    import copy
    import pickle

    first, second = ropa.load(REGISTER), ropa.load(REGISTER)
    assert hash(first) == hash(second)
    assert len({first, second}) == 1
    for again in (copy.deepcopy(first), pickle.loads(pickle.dumps(first))):
        assert again == first
        assert hash(again) == hash(first)
        with pytest.raises(TypeError):
            again.activities[0].name["en"] = "x"  # type: ignore[index]
    dumped = first.model_dump()["activities"][0]["name"]
    assert type(dumped) is dict  # plain data out, for callers who edit it


def test_extra_fields_are_forbidden() -> None:
    with pytest.raises(ValidationError) as error:
        activity(colour="blue")
    assert error.value.errors()[0]["type"] == "extra_forbidden"
    assert error.value.errors()[0]["loc"] == ("colour",)


@pytest.mark.parametrize("value", ["true", "yes", 1, 0])
def test_booleans_are_strict(value: Any) -> None:
    with pytest.raises(ValidationError) as error:
        activity(profiling=value)
    assert error.value.errors()[0]["type"] == "bool_type"


def test_strings_are_strict() -> None:
    with pytest.raises(ValidationError) as error:
        Organisation.model_validate({"registration_number": 40103495751})
    assert error.value.errors()[0]["type"] == "string_type"


def test_empty_recipients_and_transfers_differ_from_missing() -> None:
    stated_none = activity(recipients=[], transfers=[])
    not_stated = activity()
    assert stated_none.recipients == () and stated_none.transfers == ()
    assert not_stated.recipients is None and not_stated.transfers is None
    # Elsewhere an empty list and a missing field say the same: not stated.
    assert activity(data_subjects=[]).data_subjects == activity().data_subjects == ()


# ---------------------------------------------------------------------------------------------
# Legal bases: a union chosen by `basis`, each kind with its own fields


@pytest.mark.parametrize(
    ("item", "model"),
    [
        ({"basis": "consent", "withdrawal": "E-pastā"}, ConsentBasis),
        ({"basis": "contract"}, ContractBasis),
        ({"basis": "legal_obligation", "law": "Grāmatvedības likums"}, LegalObligationBasis),
        ({"basis": "vital_interests"}, VitalInterestsBasis),
        ({"basis": "public_task", "law": "Izglītības likums"}, PublicTaskBasis),
        ({"basis": "legitimate_interests", "interest": "drošība"}, LegitimateInterestsBasis),
    ],
)
def test_legal_basis_kind_picks_its_model(item: dict[str, Any], model: type[Any]) -> None:
    basis = activity(legal_bases=[item]).legal_bases[0]
    assert type(basis) is model
    assert basis.basis == item["basis"]


def test_a_field_of_another_basis_is_an_unknown_field() -> None:
    with pytest.raises(ValidationError) as error:
        activity(legal_bases=[{"basis": "consent", "law": "Likums"}])
    detail = error.value.errors()[0]
    assert detail["type"] == "extra_forbidden"
    assert detail["loc"][-1] == "law"


def test_a_field_of_another_basis_through_the_loader() -> None:
    text = REGISTER + "    legal_bases:\n      - basis: consent\n        law: Likums\n"
    with pytest.raises(LoadError) as error:
        ropa.load(text)
    # `law` is a real field of other bases, so there is no "did you mean 'law'?".
    assert [str(problem) for problem in error.value.problems] == [
        "<text>:12:9: unknown field 'law' in activities[0].legal_bases[0]"
    ]


def test_an_unknown_basis_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        activity(legal_bases=[{"basis": "goodwill"}])
    assert error.value.errors()[0]["type"] == "union_tag_invalid"


def test_a_basis_without_kind_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        activity(legal_bases=[{"interest": "drošība"}])
    assert error.value.errors()[0]["type"] == "union_tag_not_found"


# ---------------------------------------------------------------------------------------------
# Equality


def test_two_loads_of_the_same_text_are_equal(tmp_path: Any) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    from_text, from_file = ropa.load(REGISTER), ropa.load(path)
    # The source maps differ (file names), the registers do not.
    assert from_text.source != from_file.source
    assert from_text == from_file
    assert from_text == Register.model_validate(ropa.loader.load_data(REGISTER)[0])


def test_registers_that_say_different_things_differ() -> None:
    assert ropa.load(REGISTER) != ropa.load(REGISTER.replace("country: LV", "country: EE"))
    assert ropa.load(REGISTER) != "not a register"


# ---------------------------------------------------------------------------------------------
# Processor records: controllers, role, on_behalf_of, a sub-processor's authorisation

PROCESSOR_REGISTER = """\
format: ropa/1
register:
  kind: controller
organisation:
  name: SIA Paraugs
controllers:
  - id: client_a
    name: SIA "Client A"
    contact: {email: dpo@client-a.example}
    dpo: {name: J. Kalniņa}
    contract: DPA-2025-07
recipients:
  - id: cloud_host
    name: Cloud host
    kind: processor
    authorisation: {kind: general, reference: "DPA-2025-07 §9"}
activities:
  - id: own_customers
    name: Customers
  - id: hosting
    name: Hosting
    role: processor
    on_behalf_of: [client_a]
"""


def test_role_defaults_to_the_register_kind() -> None:
    register = ropa.load(PROCESSOR_REGISTER)
    own, hosting = register.activities
    assert own.role is None and register.role_of(own) == "controller"
    assert register.role_of(hosting) == "processor"
    assert register.controller_activities == (own,)
    assert register.processor_activities == (hosting,)
    processor_kind = ropa.load(PROCESSOR_REGISTER.replace("kind: controller", "kind: processor"))
    assert processor_kind.processor_activities == processor_kind.activities


def test_controllers_and_authorisation_are_read() -> None:
    register = ropa.load(PROCESSOR_REGISTER)
    (client,) = register.controllers
    assert (client.id, client.name, client.contract) == (
        "client_a",
        'SIA "Client A"',
        "DPA-2025-07",
    )
    assert client.contact is not None and client.contact.email == "dpo@client-a.example"
    assert client.dpo is not None and client.dpo.name == "J. Kalniņa"
    authorisation = register.recipients[0].authorisation
    assert authorisation is not None
    assert (authorisation.kind, authorisation.reference) == ("general", "DPA-2025-07 §9")
    assert register.activities[1].on_behalf_of == ("client_a",)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "role: processor",
            "role: subcontractor",
            "<text>:22:11: activities[1].role: 'subcontractor' is not allowed; "
            "expected 'controller' or 'processor'",
        ),
        (
            "kind: general,",
            "kind: blanket,",
            "<text>:16:27: recipients[0].authorisation.kind: 'blanket' is not allowed; "
            "expected 'specific' or 'general'",
        ),
        (
            "on_behalf_of: [client_a]",
            "on_behalf_of: [Client-A]",
            "<text>:23:20: activities[1].on_behalf_of[0]: 'Client-A' is not a valid id: use "
            "lower-case letters, digits and _, starting with a letter",
        ),
        (
            "    contract: DPA-2025-07\n",
            "    contract: DPA-2025-07\n    address: Rīga\n",
            "<text>:12:5: unknown field 'address' in controllers[0]",
        ),
    ],
)
def test_processor_fields_are_checked_where_they_are_written(
    old: str, new: str, expected: str
) -> None:
    with pytest.raises(LoadError) as error:
        ropa.load(PROCESSOR_REGISTER.replace(old, new))
    assert [str(problem) for problem in error.value.problems] == [expected]


def test_with_source_gives_a_copy_and_leaves_the_register_as_it_was(tmp_path: Any) -> None:
    path = tmp_path / "register.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    loaded = ropa.load(path)
    bare = loaded.with_source(None)
    assert bare is not loaded and bare.source is None
    assert loaded.source is not None and loaded.source.file == str(path)
    assert bare == loaded  # where a register was read from is not part of what it says
