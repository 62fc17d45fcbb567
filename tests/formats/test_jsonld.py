"""The JSON-LD export: DPV 2.3 terms only, parsed offline, and a graph that answers questions."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from rdflib.namespace import RDF, XSD

import ropa
from ropa.cli import main
from ropa.formats.jsonld import jsonld_bytes, jsonld_document
from ropa.model import Register
from ropa.rules import validate
from strategies import registers

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "processing_activities.yaml"
CLINIC = ROOT / "tests" / "fixtures" / "interop" / "clinic.yaml"
VOCABULARIES = ROOT / "tests" / "vocabularies" / "dpv-2.3"
AS_OF = date(2026, 11, 27)

DPV = rdflib.Namespace("https://w3id.org/dpv#")
GDPR = rdflib.Namespace("https://w3id.org/dpv/legal/eu/gdpr#")
LOC = rdflib.Namespace("https://w3id.org/dpv/loc#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
CHECKED = (str(DPV), str(GDPR))

LEGITIMATE_INTERESTS = """
PREFIX dpv: <https://w3id.org/dpv#>
PREFIX eu-gdpr: <https://w3id.org/dpv/legal/eu/gdpr#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?id WHERE {
  ?activity a dpv:Process ;
            dct:identifier ?id ;
            dpv:hasLegalBasis ?basis .
  ?basis a eu-gdpr:A6-1-f .
  ?register a dpv:ROPA ; dct:hasPart ?activity .
} ORDER BY ?id
"""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The document must expand without fetching anything: any connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the JSON-LD export made the parser open a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture(scope="module")
def dpv_terms() -> frozenset[str]:
    """Every IRI DPV 2.3 (core and GDPR extension) defines."""
    graph = rdflib.Graph()
    for name in ("dpv.ttl", "eu-gdpr.ttl"):
        graph.parse(VOCABULARIES / name, format="turtle")
    return frozenset(
        str(subject) for subject in graph.subjects() if str(subject).startswith(CHECKED)
    )


@pytest.fixture(scope="module")
def shipped() -> Register:
    return ropa.load(SHIPPED)


@pytest.fixture(scope="module")
def clinic() -> Register:
    return ropa.load(CLINIC)


def graph_of(register: Register, **options: object) -> rdflib.Graph:
    data = jsonld_bytes(register, **options)  # type: ignore[arg-type]
    return rdflib.Graph().parse(data=data, format="json-ld")


def vocabulary_iris(graph: rdflib.Graph) -> Iterator[str]:
    for triple in graph:
        for term in triple:
            if isinstance(term, rdflib.URIRef) and str(term).startswith(CHECKED):
                yield str(term)


# ---------------------------------------------------------------------------------------------
# Parses, and only DPV 2.3 terms


@pytest.mark.parametrize("which", ["shipped", "clinic"])
def test_every_dpv_and_gdpr_iri_exists_in_dpv_2_3(
    which: str, request: pytest.FixtureRequest, dpv_terms: frozenset[str]
) -> None:
    register: Register = request.getfixturevalue(which)
    graph = graph_of(register, findings=True, report=validate(register, as_of=AS_OF))
    used = set(vocabulary_iris(graph))
    assert used, "no DPV term at all"
    assert sorted(used - dpv_terms) == []


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(register=registers(max_entries=4, max_activities=4))
def test_any_register_uses_only_dpv_2_3_terms(
    register: Register, dpv_terms: frozenset[str]
) -> None:
    graph = graph_of(register)
    assert sorted(set(vocabulary_iris(graph)) - dpv_terms) == []
    parts = set(graph.objects(rdflib.URIRef("urn:ropa:register"), DCT.hasPart))
    assert all((part, RDF.type, DPV.Process) in graph for part in parts)
    assert len(parts) == len({activity.id for activity in register.activities})


def test_context_is_inline() -> None:
    document = jsonld_document(ropa.load(SHIPPED))
    assert isinstance(document["@context"], dict)
    assert all(value.startswith("http") for value in document["@context"].values())


# ---------------------------------------------------------------------------------------------
# The graph says what the register says


def test_sparql_finds_the_activities_on_legitimate_interests(shipped: Register) -> None:
    graph = graph_of(shipped)
    answer = [str(row[0]) for row in graph.query(LEGITIMATE_INTERESTS)]
    expected = sorted(
        activity.id
        for activity in shipped.activities
        if any(basis.basis == "legitimate_interests" for basis in activity.legal_bases)
    )
    assert answer == expected
    assert expected  # the shipped register does rest some activities on Art. 6(1)(f)


def test_sparql_on_the_clinic(clinic: Register) -> None:
    answer = [str(row[0]) for row in graph_of(clinic).query(LEGITIMATE_INTERESTS)]
    assert answer == ["reminders"]


def test_one_process_per_activity_with_its_parts(clinic: Register) -> None:
    graph = graph_of(clinic)
    treatment = rdflib.URIRef("urn:ropa:activity/treatment")
    assert (treatment, RDF.type, DPV.Process) in graph
    assert (treatment, DPV.hasPurpose, DPV.ServiceProvision) in graph
    assert (treatment, DPV.hasDataController, rdflib.URIRef("urn:ropa:organisation")) in graph
    subjects = set(graph.objects(treatment, DPV.hasDataSubject))
    assert subjects == {rdflib.URIRef("urn:ropa:data-subject/patients")}
    assert len(set(graph.objects(treatment, DPV.hasPersonalData))) == 3
    health = rdflib.URIRef("urn:ropa:data-category/health")
    assert (health, RDF.type, DPV.SpecialCategoryPersonalData) in graph
    bases = {graph.value(b, RDF.type) for b in graph.objects(treatment, DPV.hasLegalBasis)}
    assert bases == {GDPR["A6-1-b"], GDPR["A6-1-c"], GDPR["A9-2-h"]}
    # The law a legal obligation rests on, as a dpv:Law with its title.
    laws = [graph.value(law, DCT.title) for law in graph.objects(None, DPV.hasApplicableLaw)]
    assert rdflib.Literal("Medical Treatment Law", lang="en") in laws


def test_transfer_with_country_and_mechanism(clinic: Register) -> None:
    graph = graph_of(clinic)
    treatment = rdflib.URIRef("urn:ropa:activity/treatment")
    (transfer,) = graph.objects(treatment, DPV.hasProcess)
    assert (transfer, DPV.hasProcessing, DPV.CrossBorderTransfer) in graph
    assert (transfer, DPV.hasCountry, LOC.US) in graph
    assert (transfer, DPV.hasLegalBasis, GDPR["A46-2-c"]) in graph
    cloud = rdflib.URIRef("urn:ropa:recipient/cloud")
    assert (transfer, DPV.hasDataImporter, cloud) in graph
    assert (cloud, RDF.type, DPV.DataProcessor) in graph


def test_storage_duration_is_an_iso_8601_duration(clinic: Register) -> None:
    graph = graph_of(clinic)
    rule = rdflib.URIRef("urn:ropa:retention/records_75y")
    assert (rule, RDF.type, DPV.StorageDuration) in graph
    duration = graph.value(rule, DPV.hasDuration)
    value = graph.value(duration, RDF.value)
    assert value.datatype == XSD.duration and str(value) == "P75Y"
    treatment = rdflib.URIRef("urn:ropa:activity/treatment")
    assert (treatment, DPV.hasStorageCondition, rule) in graph


def test_retention_until_an_event(shipped: Register) -> None:
    graph = graph_of(shipped)
    duration = graph.value(rdflib.URIRef("urn:ropa:retention/until_unsubscribed"), DPV.hasDuration)
    assert (duration, RDF.type, DPV.UntilEventDuration) in graph


def test_dpo_measures_dpia_consent_withdrawal(clinic: Register) -> None:
    graph = graph_of(clinic)
    controller = rdflib.URIRef("urn:ropa:organisation")
    dpo = graph.value(controller, DPV.hasDataProtectionOfficer)
    assert str(graph.value(dpo, DPV.hasName)) == "Anna Example"
    treatment = rdflib.URIRef("urn:ropa:activity/treatment")
    dpia = graph.value(treatment, DPV.hasImpactAssessment)
    assert (dpia, RDF.type, DPV.DPIA) in graph
    assert str(graph.value(dpia, DCT.source)) == "DPIA-2025-01"
    measures = set(graph.objects(treatment, DPV.hasTechnicalOrganisationalMeasure))
    kinds = {graph.value(m, RDF.type) for m in measures}
    assert kinds == {DPV.TechnicalMeasure, DPV.OrganisationalMeasure}
    controls = list(graph.objects(None, DPV.hasConsentControl))
    assert [graph.value(c, RDF.type) for c in controls] == [DPV.WithdrawConsent]


def test_texts_are_language_tagged_in_every_language(shipped: Register) -> None:
    graph = graph_of(shipped)
    names = set(
        graph.objects(rdflib.URIRef("urn:ropa:data-subject/customers"), rdflib.SKOS.prefLabel)
    )
    assert names == {rdflib.Literal("Klienti", lang="lv"), rdflib.Literal("Customers", lang="en")}


def test_findings_are_optional_shacl_results(shipped: Register) -> None:
    report = validate(shipped, as_of=AS_OF)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    without = graph_of(shipped, report=report)
    assert not list(without.subjects(RDF.type, sh.ValidationResult))
    with_findings = graph_of(shipped, report=report, findings=True)
    results = list(with_findings.subjects(RDF.type, sh.ValidationResult))
    assert len(results) == len(report.findings) > 0


def _results(shipped: Register, lang: str) -> list[dict[str, object]]:
    report = validate(shipped, as_of=AS_OF)
    graph = jsonld_document(shipped, lang=lang, report=report, findings=True)["@graph"]
    assert isinstance(graph, list)
    return [node for node in graph if node.get("@type") == "sh:ValidationResult"]


def test_result_messages_are_in_the_export_language(shipped: Register) -> None:
    latvian = _results(shipped, "lv")
    english = _results(shipped, "en")
    assert latvian and len(latvian) == len(english)
    assert {node["sh:resultMessage"]["@language"] for node in latvian} == {"lv"}  # type: ignore[index]
    assert {node["sh:resultMessage"]["@language"] for node in english} == {"en"}  # type: ignore[index]
    said = [node["sh:resultMessage"]["@value"] for node in latvian]  # type: ignore[index]
    assert any(
        text.startswith("darbībai 'customer_registration' nav norādīts neviens drošības pasākums")
        for text in said
    )
    waived = [node["dct:description"] for node in latvian if "dct:description" in node]
    assert waived and all(d["@value"].startswith("pieņemts: ") for d in waived)  # type: ignore[index]


def test_result_messages_in_every_language_with_all(shipped: Register) -> None:
    every = _results(shipped, "all")
    for node, latvian, english in zip(
        every, _results(shipped, "lv"), _results(shipped, "en"), strict=True
    ):
        assert node["sh:resultMessage"] == [
            english["sh:resultMessage"],
            latvian["sh:resultMessage"],
        ]


def test_the_export_language_is_a_language_with_a_catalogue(shipped: Register) -> None:
    with pytest.raises(ValueError, match="lang must be one of en, lv, all"):
        jsonld_document(shipped, lang="fr")


# ---------------------------------------------------------------------------------------------
# Deterministic, CLI, public API


def test_same_register_same_bytes(shipped: Register) -> None:
    assert jsonld_bytes(shipped) == jsonld_bytes(ropa.load(SHIPPED))


def test_base_names_the_nodes(shipped: Register) -> None:
    graph = graph_of(shipped, base="https://example.org/ropa/")
    assert (rdflib.URIRef("https://example.org/ropa/register"), RDF.type, DPV.ROPA) in graph
    with pytest.raises(ValueError, match="base"):
        jsonld_bytes(shipped, base="not an iri")


def test_public_api_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    api = tmp_path / "api.jsonld"
    # The command's language is the register's (Latvian): the findings' messages are in it.
    ropa.export_jsonld(ropa.load(SHIPPED), api, findings=True, as_of=AS_OF, lang="lv")
    cli = tmp_path / "ropa.jsonld"
    status = main(["export", str(SHIPPED), "-o", str(cli), "--findings", "--as-of", "2026-11-27"])
    assert status == 0
    assert cli.read_bytes() == api.read_bytes()
    json.loads(cli.read_text(encoding="utf-8"))
    # The suffix tells the format too.
    plain = tmp_path / "plain.jsonld"
    assert main(["export", str(SHIPPED), "-o", str(plain), "--to", "jsonld"]) == 0
    assert b"sh:ValidationResult" not in plain.read_bytes()


def test_findings_option_is_refused_for_other_formats(tmp_path: Path) -> None:
    assert main(["export", str(SHIPPED), "-o", str(tmp_path / "x.json"), "--findings"]) == 2
    assert not (tmp_path / "x.json").exists()


def test_processor_activities_name_the_controllers_they_serve(dpv_terms: frozenset[str]) -> None:
    register = ropa.load(ROOT / "tests" / "fixtures" / "rules" / "mixed-roles.yaml")
    graph = graph_of(register)
    assert sorted(set(vocabulary_iris(graph)) - dpv_terms) == []
    organisation = rdflib.URIRef("urn:ropa:organisation")
    types = set(graph.objects(organisation, RDF.type))
    assert {DPV.DataController, DPV.DataProcessor} <= types
    hosting = rdflib.URIRef("urn:ropa:activity/client_shop_hosting")
    client = rdflib.URIRef("urn:ropa:client/client_a")
    assert (hosting, DPV.hasDataController, client) in graph
    assert (hosting, DPV.hasDataProcessor, organisation) in graph
    assert (client, RDF.type, DPV.DataController) in graph
    assert str(graph.value(client, DPV.hasName)) == "Client A SIA"
    own = rdflib.URIRef("urn:ropa:activity/customer_accounts")
    assert (own, DPV.hasDataController, organisation) in graph


# ---------------------------------------------------------------------------------------------
# The format additions of 2026-12 (assessments, retention per category, several Art. 9(2)
# conditions, transfers to an international organisation); skipped by a format without them.

CLINIC_2026_12 = ROOT / "tests" / "fixtures" / "interop" / "clinic-2026-12.yaml"
additions = pytest.mark.skipif(
    not hasattr(ropa.model, "Assessment"), reason="the format additions of 2026-12"
)


@additions
def test_the_additions_map_to_dpv_terms(dpv_terms: frozenset[str]) -> None:
    graph = graph_of(ropa.load(CLINIC_2026_12))
    assert sorted(set(vocabulary_iris(graph)) - dpv_terms) == []
    activity = rdflib.URIRef("urn:ropa:activity/treatment_and_research")
    # Assessments are nodes of their own, referenced by the activity and the transfer.
    dpia = rdflib.URIRef("urn:ropa:assessment/dpia_records")
    assert (activity, DPV.hasImpactAssessment, dpia) in graph
    assert (dpia, RDF.type, DPV.DPIA) in graph
    assert str(graph.value(dpia, DCT.source)) == "DMS-2025-014"
    # Two Art. 9(2) conditions, the first with its law and its categories.
    bases = {graph.value(b, RDF.type): b for b in graph.objects(activity, DPV.hasLegalBasis)}
    assert {GDPR["A9-2-h"], GDPR["A9-2-a"]} <= set(bases)
    health = rdflib.URIRef("urn:ropa:data-category/health")
    assert (bases[GDPR["A9-2-h"]], DPV.hasPersonalData, health) in graph
    assert graph.value(bases[GDPR["A9-2-h"]], DPV.hasApplicableLaw) is not None
    # Retention per category: one storage condition per group, each narrowing a rule.
    storage = list(graph.objects(activity, DPV.hasStorageCondition))
    assert len(storage) == 2
    assert {graph.value(s, rdflib.SKOS.broader) for s in storage} == {
        rdflib.URIRef("urn:ropa:retention/records_75y"),
        rdflib.URIRef("urn:ropa:retention/until_withdrawn"),
    }
    until = graph.value(rdflib.URIRef("urn:ropa:retention/until_withdrawn"), DPV.hasDuration)
    assert (until, RDF.type, DPV.UntilEventDuration) in graph
    # The transfer to an international organisation, under Art. 49(1)(a), with its TIA.
    (transfer,) = graph.objects(activity, DPV.hasProcess)
    assert (transfer, DPV.hasLegalBasis, GDPR["A49-1-a"]) in graph
    organisation = graph.value(transfer, DPV.hasRecipient)
    assert (organisation, RDF.type, DPV.InternationalOrganisation) in graph
    assert rdflib.Literal("European Patent Organisation", lang="en") in set(
        graph.objects(organisation, DPV.hasName)
    )
    tia = rdflib.URIRef("urn:ropa:assessment/tia_epo")
    assert (transfer, DPV.hasAssessment, tia) in graph
    assert (tia, RDF.type, DPV.DataTransferImpactAssessment) in graph
    # The kind of data subject, and consent said to be explicit.
    patients = rdflib.URIRef("urn:ropa:data-subject/patients")
    assert (patients, RDF.type, DPV.Patient) in graph
    consent = [
        b
        for b in graph.objects(activity, DPV.hasLegalBasis)
        if (b, RDF.type, GDPR["A6-1-a"]) in graph
    ]
    assert len(consent) == 1
    assert (consent[0], RDF.type, GDPR["A6-1-a-explicit-consent"]) in graph
    # The external DPO's firm.
    dpo = graph.value(rdflib.URIRef("urn:ropa:organisation"), DPV.hasDataProtectionOfficer)
    assert str(graph.value(dpo, DCT.publisher)) == "Example DPO Services SIA"


@additions
def test_direct_marketing_and_the_art_10_authority(shipped: Register) -> None:
    newsletter = next(a for a in shipped.activities if a.id == "newsletter")
    changed = newsletter.model_copy(
        update={"direct_marketing": True, "criminal_data_authority": "Law X, Section 5"}
    )
    register = shipped.model_copy(update={"activities": (changed,)})
    graph = graph_of(register)
    process = rdflib.URIRef("urn:ropa:activity/newsletter")
    assert set(graph.objects(process, DPV.hasPurpose)) == {DPV.Marketing, DPV.DirectMarketing}
    law = graph.value(process, DPV.hasApplicableLaw)
    assert str(graph.value(law, DCT.title)) == "Law X, Section 5"
    assert not list(graph_of(shipped).subjects(DPV.hasPurpose, DPV.DirectMarketing))


def test_rights_are_the_one_derivation_of_the_activity(shipped: Register) -> None:
    # Direct marketing on a contract gives the absolute right to object (Art. 21(2)), and
    # explicit consent under Art. 9(2)(a) the right to withdraw it (Art. 7(3)): facts beyond
    # the legal bases, which the JSON-LD export reads through ropa.rights.rights_of.
    first = shipped.activities[0].model_copy(
        update={"direct_marketing": True, "special_condition": "explicit_consent"}
    )
    register = shipped.model_copy(update={"activities": (first, *shipped.activities[1:])})
    node = rdflib.URIRef(f"urn:ropa:activity/{first.id}")
    rights = set(graph_of(register).objects(node, DPV.hasRight))
    assert {GDPR.A21, GDPR["A7-3"]} <= rights
    plain = set(graph_of(shipped).objects(node, DPV.hasRight))
    assert GDPR.A21 not in plain and GDPR["A7-3"] not in plain
