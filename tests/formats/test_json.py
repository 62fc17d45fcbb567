"""The JSON export: a fully resolved document that validates against the published schema."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

import ropa
from conftest import AS_OF, ROOT, SHIPPED
from ropa import vocab
from ropa.atomic import OutputError
from ropa.cli import main
from ropa.formats.json import (
    EXPORT_FORMAT,
    LEGAL_BASIS_FIELDS,
    ExportLang,
    document_bytes,
    export_document,
    export_json,
    source_sha256,
)
from ropa.model import LEGAL_BASIS_MODELS, Register
from ropa.rights import rights_of
from ropa.rules import validate
from ropa.schema import export as json_schema
from ropa.schema import schema_text
from ropa.schema.export import export_schema
from strategies import registers

SCHEMA_FILE = ROOT / "schemas" / "ropa-export.schema.json"
LANGS: tuple[ExportLang, ...] = ("lv", "en", "all")

VALIDATOR = Draft202012Validator(
    export_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)


def assert_valid(document: dict[str, Any]) -> None:
    """The document validates against the export schema (every error shown on failure)."""
    errors = [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert not errors, "\n".join(errors[:20])


def read_export(path: Path) -> dict[str, Any]:
    """An exported file, parsed (no NaN allowed) and validated against the schema."""

    def refuse(constant: str) -> Any:
        raise AssertionError(f"{constant} in the export")

    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)
    assert_valid(document)
    return document


@pytest.fixture(scope="module")
def documents(shipped: Register) -> dict[str, dict[str, Any]]:
    report = validate(shipped, as_of=AS_OF)
    return {lang: export_document(shipped, lang=lang, report=report) for lang in LANGS}


def activity(document: dict[str, Any], activity_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in document["activities"] if a["id"] == activity_id)
    return found


MINIMAL = """\
format: ropa/1
register: {kind: controller, language: en}
organisation: {name: Example Ltd, address: 1 Main Street}
data_subjects:
  - {id: customers, name: {lv: Klienti, en: Customers, de: Kunden}}
recipients:
  - {id: cloud, name: Cloud host, kind: processor, countries: [US, "NO"]}
retention_rules:
  - {id: five_years, name: Five years, period: P5Y, starts: end of the contract}
activities:
  - id: orders
    name: Orders
    legal_bases:
      - basis: legitimate_interests
        interest: {en: fraud prevention}
        assessment: LIA-7
      - {basis: consent, withdrawal: unsubscribe link}
    data_subjects: [customers, visitors]
    recipients: [cloud]
    transfers: [{country: US, recipient: cloud, safeguard: adequacy}]
    retention: five_years
    automated_decisions: true
"""


# ---------------------------------------------------------------------------------------------
# The schema


def test_committed_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(export_schema()), (
        "schemas/ropa-export.schema.json is stale: run `make schema` (`ropa schema --write "
        "schemas`)"
    )


def test_ropa_schema_export_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--export"]) == 0
    assert capsys.readouterr().out == SCHEMA_FILE.read_text(encoding="utf-8")


def test_schema_is_valid_2020_12() -> None:
    schema = export_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def closed_objects(node: Any, path: str = "#") -> list[str]:
    """Paths of object schemas with fixed keys that do not forbid other keys."""
    found: list[str] = []
    if isinstance(node, dict):
        if "properties" in node and node.get("additionalProperties") is not False:
            found.append(path)
        for key, value in node.items():
            found += closed_objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += closed_objects(value, f"{path}/{index}")
    return found


def test_every_object_with_fixed_keys_is_closed() -> None:
    open_objects = [
        path
        for path in closed_objects(export_schema())
        # A legal basis variant narrows `basis.code` inside an allOf; that is not an object
        # definition of its own.
        if not path.endswith("/allOf/1")
    ]
    assert open_objects == []


def test_every_definition_has_a_title_or_description() -> None:
    for name, definition in export_schema()["$defs"].items():
        assert definition.get("title") or definition.get("description"), name


def test_legal_basis_fields_match_the_models() -> None:
    for code, model in LEGAL_BASIS_MODELS.items():
        expected = set(model.model_fields) - {"basis", "covers"}
        assert set(LEGAL_BASIS_FIELDS[code]) == expected, code
        assert set(json_schema._BASIS_FIELDS[code]) == expected, code


def test_a_document_with_an_unknown_key_is_rejected(documents: dict[str, Any]) -> None:
    document = json.loads(json.dumps(documents["en"]))
    document["activities"][0]["purpose"]["colour"] = "blue"
    assert not VALIDATOR.is_valid(document)


def test_a_malformed_hash_is_rejected(documents: dict[str, Any]) -> None:
    document = json.loads(json.dumps(documents["en"]))
    document["metadata"]["source_sha256"] = "not a hash"
    assert not VALIDATOR.is_valid(document)


# ---------------------------------------------------------------------------------------------
# The shipped register


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_register_validates_against_the_schema(
    documents: dict[str, dict[str, Any]], lang: str
) -> None:
    assert_valid(documents[lang])


def test_shipped_register_file_on_disk_validates(shipped: Register, tmp_path: Path) -> None:
    for lang in LANGS:
        out = tmp_path / f"register.{lang}.json"
        export_json(shipped, out, lang=lang, as_of=AS_OF)
        read_export(out)


def test_top_level_keys_in_order(documents: dict[str, dict[str, Any]]) -> None:
    assert list(documents["en"]) == [
        "metadata",
        "register",
        "organisation",
        "controllers",
        "data_subjects",
        "data_categories",
        "recipients",
        "retention_rules",
        "security_measures",
        "assessments",
        "activities",
        "report",
    ]


def test_references_are_expanded(shipped: Register, documents: dict[str, Any]) -> None:
    registration = activity(documents["en"], "customer_registration")
    assert [c["id"] for c in registration["data_categories"]] == ["identity", "contact"]
    identity = registration["data_categories"][0]
    assert identity == {
        "id": "identity",
        "name": "Personal (identity) information",
        "examples": "first name, surname, position (job title), personal code (national "
        "identification number) or date of birth",
        "special": None,
        "national_id": True,
    }
    assert registration["data_subjects"][0]["name"] == "Customers"
    assert [r["id"] for r in registration["recipients"]] == [
        "service_providers",
        "competent_authorities",
        "service_continuity_company",
        "authorised_persons",
    ]
    assert registration["recipients"][0]["kind"]["code"] == "processor"
    assert registration["retention"]["id"] == "as_long_as_needed"
    assert registration["retention"]["period"] is None
    assert registration["security_measures"] == []
    # The catalogue entry and its expansion in the activity are the same object.
    catalogue = {c["id"]: c for c in documents["en"]["data_categories"]}
    assert identity == catalogue["identity"]


def test_missing_transfers_stay_not_stated(documents: dict[str, Any]) -> None:
    assert activity(documents["en"], "newsletter")["transfers"] is None


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_vocabulary_values_are_objects_with_label_article_and_dpv(
    documents: dict[str, Any], lang: str
) -> None:
    support = activity(documents[lang], "support_requests")
    term = vocab.PURPOSES["customer_care"]
    assert support["purpose"] == {
        "code": "customer_care",
        "label": term.label(lang),
        "article": term.article,
        "dpv": term.dpv,
    }
    legitimate = support["legal_bases"][1]
    assert legitimate["basis"]["code"] == "legitimate_interests"
    assert legitimate["basis"]["article"] == "6(1)(f)"
    assert legitimate["basis"]["dpv"] == "eu-gdpr:A6-1-f"
    assert support["sources"][0]["dpv"] == vocab.SOURCES["data_subject"].dpv


def test_lang_all_gives_both_labels_and_every_language_written(documents: dict[str, Any]) -> None:
    document = documents["all"]
    support = activity(document, "support_requests")
    assert support["purpose"]["label"] == {"lv": "Klientu apkalpošana", "en": "Customer care"}
    assert support["legal_bases"][1]["interest"] == {
        "lv": "pakalpojuma attīstībai",
        "en": "developing the service",
    }
    assert support["description"] is None
    # A plain-string field is in the register language (lv) only.
    assert document["organisation"]["address"] == {
        "lv": "Rīga, Stabu iela 61 k-2 – 41, LV-1011, Latvija"
    }
    assert document["organisation"]["country"]["name"] == {"lv": "Latvija", "en": "Latvia"}


def test_lang_picks_text_with_fallback(documents: dict[str, Any]) -> None:
    assert activity(documents["lv"], "support_requests")["name"] == (
        "Atbalsta biļešu un informācijas pieprasījumu apstrāde"
    )
    assert activity(documents["en"], "support_requests")["name"] == (
        "Handling support tickets and information requests"
    )
    # Written in Latvian only: English falls back to the register language.
    assert documents["en"]["organisation"]["address"].startswith("Rīga")


@pytest.mark.parametrize("lang", LANGS)
def test_rights_per_activity_match_rights_of(
    shipped: Register, documents: dict[str, Any], lang: str
) -> None:
    for source, exported in zip(shipped.activities, documents[lang]["activities"], strict=True):
        expected = rights_of(source)
        assert [r["code"] for r in exported["rights"]] == [s.right for s in expected]
        for right, status in zip(exported["rights"], expected, strict=True):
            term = vocab.RIGHTS[status.right]
            assert right["status"] == status.status.value
            assert (right["article"], right["dpv"]) == (term.article, term.dpv)
            if lang == "all":
                assert right["reason"] == {"lv": status.reason_lv, "en": status.reason_en}
            else:
                assert right["reason"] == status.reason(lang)


def test_report_is_included(shipped: Register, documents: dict[str, Any]) -> None:
    report = validate(shipped, as_of=AS_OF)
    exported = documents["en"]["report"]
    assert exported["as_of"] == "2026-11-27"
    assert exported["summary"] == {
        "errors": report.errors,
        "warnings": report.warnings,
        "info": report.info,
        "waived": report.waived,
    }
    assert [f["code"] for f in exported["findings"]] == [f.code for f in report.findings]
    waived = [f for f in exported["findings"] if f["waived"]]
    assert waived and all(f["reason"] for f in waived)
    assert all(f["line"] for f in exported["findings"])


def test_activity_findings_point_into_the_report(documents: dict[str, Any]) -> None:
    document = documents["en"]
    findings = document["report"]["findings"]
    pointed = 0
    for exported in document["activities"]:
        for index in exported["findings"]:
            assert findings[index]["activity"] == exported["id"]
            pointed += 1
    assert pointed == sum(1 for f in findings if f["activity"] is not None)


def test_without_a_report_the_register_is_validated_as_of(shipped: Register) -> None:
    document = export_document(shipped, as_of=AS_OF)
    assert_valid(document)
    assert document["metadata"]["as_of"] == "2026-11-27"
    assert document["report"]["as_of"] == "2026-11-27"


def test_report_and_as_of_must_agree(shipped: Register) -> None:
    report = validate(shipped, as_of=AS_OF)
    with pytest.raises(ValueError, match="differs"):
        export_document(shipped, report=report, as_of=date(2026, 1, 1))


def test_unknown_lang_is_refused(shipped: Register) -> None:
    with pytest.raises(ValueError, match="lang"):
        export_document(shipped, lang="de", as_of=AS_OF)


# ---------------------------------------------------------------------------------------------
# Metadata: source, hash, no local paths


def test_metadata(shipped: Register, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    export_json(shipped, out, lang="en", as_of=AS_OF)
    metadata = read_export(out)["metadata"]
    assert metadata == {
        "format": EXPORT_FORMAT,
        "generator": "ropa",
        "ropa_version": ropa.__version__,
        "register_format": "ropa/1",
        "source": "processing_activities.yaml",
        "source_sha256": hashlib.sha256(SHIPPED.read_bytes()).hexdigest(),
        "fragments": [],
        "as_of": "2026-11-27",
        "language": "en",
    }


def test_no_directory_anywhere_in_the_output(tmp_path: Path) -> None:
    directory = tmp_path / "private" / "registers"
    directory.mkdir(parents=True)
    source = directory / "edition.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    register = ropa.load(str(source.resolve()))
    out = tmp_path / "out.json"
    export_json(register, out, lang="all", as_of=AS_OF)
    text = out.read_text(encoding="utf-8")
    assert read_export(out)["metadata"]["source"] == "edition.yaml"
    assert str(directory) not in text
    assert "private" not in text
    assert source_sha256(register) == hashlib.sha256(source.read_bytes()).hexdigest()


def test_the_hash_is_of_the_bytes_loaded_not_of_the_file_edited_since(tmp_path: Path) -> None:
    source = tmp_path / "edition.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    register = ropa.load(source)
    source.write_text(MINIMAL + "# edited after loading\n", encoding="utf-8")
    out = tmp_path / "out.json"
    export_json(register, out, as_of=AS_OF)
    loaded = hashlib.sha256(MINIMAL.encode("utf-8")).hexdigest()
    assert read_export(out)["metadata"]["source_sha256"] == loaded


def test_register_from_text_has_no_source() -> None:
    register = ropa.load(MINIMAL)
    assert source_sha256(register) is None
    document = export_document(register, as_of=AS_OF)
    assert document["metadata"]["source"] is None
    assert document["metadata"]["source_sha256"] is None
    assert_valid(document)


def test_given_source_sha256_is_used(shipped: Register, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    export_json(shipped, out, as_of=AS_OF, source_sha256="0" * 64)
    assert read_export(out)["metadata"]["source_sha256"] == "0" * 64
    with pytest.raises(ValueError, match="hexadecimal"):
        export_json(shipped, out, as_of=AS_OF, source_sha256="C0FFEE")


# ---------------------------------------------------------------------------------------------
# Bytes: deterministic, UTF-8, no NaN


def test_two_exports_are_byte_identical(tmp_path: Path) -> None:
    copy = tmp_path / "processing_activities.yaml"
    shutil.copyfile(SHIPPED, copy)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    for lang in LANGS:
        export_json(ropa.load(SHIPPED), first, lang=lang, as_of=AS_OF)
        # Loaded again, from another directory: still the same bytes.
        export_json(ropa.load(copy), second, lang=lang, as_of=AS_OF)
        assert first.read_bytes() == second.read_bytes()
        read_export(first)


def test_output_is_utf8_indented_with_trailing_newline(shipped: Register, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    export_json(shipped, out, lang="lv", as_of=AS_OF)
    read_export(out)
    raw = out.read_bytes()
    assert raw.endswith(b"}\n")
    text = raw.decode("utf-8")
    assert "Klientu apkalpošana" in text  # not \u-escaped
    assert text.startswith('{\n  "metadata": {\n')


def test_no_nan_or_infinity(shipped: Register, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    export_json(shipped, out, lang="all", as_of=AS_OF)
    read_export(out)  # refuses NaN, Infinity and -Infinity
    with pytest.raises(ValueError):
        document_bytes({"value": float("nan")})


# ---------------------------------------------------------------------------------------------
# Registers with holes: unresolved references, duplicates


def test_unresolved_references_stay_visible_and_valid() -> None:
    register = ropa.load(MINIMAL)
    document = export_document(register, lang="en", as_of=AS_OF)
    orders = activity(document, "orders")
    assert orders["data_subjects"][1] == {"id": "visitors", "unresolved": True}
    assert any(f["code"].startswith("ROPA1") for f in document["report"]["findings"])
    assert_valid(document)


def test_minimal_register_details(tmp_path: Path) -> None:
    register = ropa.load(MINIMAL)
    document = export_document(register, lang="all", as_of=AS_OF)
    assert_valid(document)
    orders = activity(document, "orders")
    assert orders["legal_bases"][0] == {
        "basis": orders["legal_bases"][0]["basis"],
        "covers": None,
        "interest": {"en": "fraud prevention"},
        "assessment": "LIA-7",
    }
    assert list(orders["legal_bases"][1]) == [
        "basis",
        "covers",
        "withdrawal",
        "parental_authorisation",
        "explicit",
    ]
    assert orders["data_subjects"][0]["name"] == {
        "lv": "Klienti",
        "en": "Customers",
        "de": "Kunden",
    }
    transfer = orders["transfers"][0]
    assert transfer["country"]["code"] == "US"
    assert transfer["country"]["adequacy"] is True
    assert "Data Privacy Framework" in transfer["country"]["adequacy_condition"]["en"]
    assert transfer["recipient"]["id"] == "cloud"
    norway = document["recipients"][0]["countries"][1]
    assert (norway["code"], norway["eea"]) == ("NO", True)
    retention = orders["retention"]
    assert retention["period"] == "P5Y"
    assert retention["in_words"] == {
        "lv": "5 gadi no: end of the contract",
        "en": "5 years from end of the contract",
    }
    automated = next(r for r in orders["rights"] if r["code"] == "automated_decision")
    assert automated["status"] == "applies"


# ---------------------------------------------------------------------------------------------
# Writing


def test_failed_write_leaves_the_previous_file(
    shipped: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "register.json"
    out.write_bytes(b"previous edition\n")

    def broken_replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        export_json(shipped, out, as_of=AS_OF)
    assert out.read_bytes() == b"previous edition\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.json"]


def test_failed_export_writes_nothing(shipped: Register, tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    out.write_bytes(b"previous edition\n")
    with pytest.raises(ValueError):
        export_json(shipped, out, lang="fr", as_of=AS_OF)
    assert out.read_bytes() == b"previous edition\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.json"]


def test_missing_directory_is_a_plain_error(shipped: Register, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        export_json(shipped, tmp_path / "nowhere" / "out.json", as_of=AS_OF)


# ---------------------------------------------------------------------------------------------
# Property: any valid register exports to a valid document


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register=registers())
def test_generated_registers_export_to_valid_documents(register: Register) -> None:
    report = validate(register, as_of=AS_OF)
    for lang in LANGS:
        document = export_document(register, lang=lang, report=report)
        assert_valid(document)
        assert len(document["activities"]) == len(register.activities)
        # Serialisable as the file is written, and the same twice.
        assert document_bytes(document) == document_bytes(
            export_document(register, lang=lang, report=report)
        )


@pytest.mark.parametrize("lang", ["lv", "en", "all"])
def test_streamed_file_equals_the_document_encoded_at_once(
    shipped: Register, tmp_path: Path, lang: str
) -> None:
    # export_json encodes activities and findings one at a time (bounded memory); the bytes
    # must be exactly those of the whole document encoded in one go.
    out = tmp_path / "export.json"
    export_json(shipped, out, lang=lang, as_of=AS_OF)
    document = export_document(
        shipped,
        lang=lang,
        as_of=AS_OF,
        source_sha256=hashlib.sha256(SHIPPED.read_bytes()).hexdigest(),
    )
    assert out.read_bytes() == document_bytes(document)


def test_fragments_are_named_relative_to_the_main_file_never_by_a_local_path(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "private"
    (directory / "activities").mkdir(parents=True)
    main = directory / "edition.yaml"
    main.write_text(
        MINIMAL.replace("format: ropa/1\n", "format: ropa/1\ninclude: [activities/*.yaml]\n"),
        encoding="utf-8",
    )
    fragment = directory / "activities" / "extra.yaml"
    fragment.write_text("activities:\n  - id: extra\n    name: Extra\n", encoding="utf-8")
    out = tmp_path / "out.json"
    export_json(ropa.load(str(main.resolve())), out, as_of=AS_OF)
    document = read_export(out)
    assert document["metadata"]["fragments"] == [
        {
            "file": "activities/extra.yaml",
            "sha256": hashlib.sha256(fragment.read_bytes()).hexdigest(),
        }
    ]
    assert [a["id"] for a in document["activities"]][-1] == "extra"
    assert str(directory) not in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The processor's record (Art. 30(2))

MIXED = ROOT / "tests" / "fixtures" / "rules" / "mixed-roles.yaml"


@pytest.mark.parametrize("lang", LANGS)
def test_mixed_register_carries_both_records(lang: ExportLang) -> None:
    register = ropa.load(MIXED)
    document = export_document(register, lang=lang, report=validate(register, as_of=AS_OF))
    assert_valid(document)
    (client,) = document["controllers"]
    assert client == {
        "id": "client_a",
        "name": "Client A SIA",
        "contact": {"url": None, "email": "dpo@client-a.example", "phone": None, "note": None},
        "representative": None,
        "dpo": None,
        "contract": "DPA-2025-07",
    }
    own, hosting = document["activities"]
    assert (own["role"]["code"], own["role"]["article"]) == ("controller", "30(1)")
    assert (hosting["role"]["code"], hosting["role"]["article"]) == ("processor", "30(2)")
    assert own["on_behalf_of"] == [] and own["rights"]
    assert hosting["on_behalf_of"] == [client]
    assert hosting["rights"] == []  # the controller answers the data subjects, not the processor
    assert document["recipients"][0]["authorisation"] == {
        "kind": "specific",
        "reference": "DPA-2025-07 annex 3",
    }


def test_an_unknown_controller_stays_visible() -> None:
    register = ropa.load(MIXED.read_text(encoding="utf-8").replace("[client_a]", "[client_z]"))
    document = export_document(register, lang="en", report=validate(register, as_of=AS_OF))
    assert_valid(document)
    assert document["activities"][1]["on_behalf_of"] == [{"id": "client_z", "unresolved": True}]


def test_a_finding_whose_waiver_expired_is_exported_open_naming_it() -> None:
    text = MINIMAL + (
        "    waivers:\n      - {rule: ROPA303, reason: LIA being written, expires: 2026-06-30}\n"
    )
    register = ropa.load(text.replace("assessment: LIA-7", "assessment: null"))
    document = export_document(register, lang="en", report=validate(register, as_of=AS_OF))
    assert_valid(document)
    (finding,) = [f for f in document["report"]["findings"] if f["code"] == "ROPA303"]
    assert finding["waived"] is False
    assert finding["expired_waiver"] == {"expires": "2026-06-30", "reason": "LIA being written"}
    assert all(f["expired_waiver"] is None for f in document["report"]["findings"]
               if f["code"] != "ROPA303")  # fmt: skip
