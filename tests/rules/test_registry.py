"""The registry: exactly the catalogue's rules, a clean register with no finding, findings
located and in a stable order, and every finding of a large register."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ropa.findings import Severity
from ropa.model import Register
from ropa.rules import CHECKS, RULES, Context, get, validate

from .conftest import AS_OF, FIXTURES, activity, check, clean_register, load_text

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741
CATALOGUE = {
    "ROPA101": ("duplicate-id", E),
    "ROPA102": ("unknown-reference", E),
    "ROPA103": ("unused-entry", W),
    "ROPA104": ("waiver-without-reason", E),
    "ROPA105": ("waiver-expired", W),
    "ROPA106": ("waiver-unused", I),
    "ROPA107": ("reference-wrong-kind", E),
    "ROPA201": ("controller-contact-missing", E),
    "ROPA202": ("representative-missing", E),
    "ROPA203": ("purpose-missing", E),
    "ROPA204": ("subjects-missing", E),
    "ROPA205": ("data-categories-missing", E),
    "ROPA206": ("recipients-unstated", W),
    "ROPA207": ("retention-missing", W),
    "ROPA208": ("security-missing", W),
    "ROPA209": ("dpo-contact-missing", E),
    "ROPA210": ("dpo-likely-required", W),
    "ROPA211": ("requirement-unstated", I),
    "ROPA212": ("contact-postal-only", W),
    "ROPA213": ("date-in-future", W),
    "ROPA301": ("legal-basis-missing", E),
    "ROPA302": ("interest-unstated", E),
    "ROPA303": ("balancing-test-missing", W),
    "ROPA304": ("law-unnamed", W),
    "ROPA305": ("consent-withdrawal-missing", W),
    "ROPA306": ("special-condition-missing", E),
    "ROPA307": ("criminal-data-authority-missing", E),
    "ROPA308": ("special-condition-unneeded", W),
    "ROPA309": ("public-task-private-body", I),
    "ROPA310": ("marketing-without-consent", W),
    "ROPA311": ("children-consent", W),
    "ROPA312": ("national-id-unjustified", I),
    "ROPA313": ("contract-basis-not-party", W),
    "ROPA314": ("device-access-without-consent", W),
    "ROPA315": ("special-condition-law-missing", W),
    "ROPA316": ("employee-consent", I),
    "ROPA317": ("special-data-marketing", E),
    "ROPA401": ("retention-period-undefined", W),
    "ROPA402": ("retention-basis-missing", I),
    "ROPA403": ("retention-category-uncovered", W),
    "ROPA404": ("retention-long-unjustified", W),
    "ROPA501": ("processor-contract-missing", W),
    "ROPA502": ("transfer-safeguard-missing", E),
    "ROPA503": ("adequacy-not-available", E),
    "ROPA504": ("transfer-undeclared", E),
    "ROPA505": ("transfer-inside-eea", I),
    "ROPA506": ("recipient-location-unknown", W),
    "ROPA507": ("adequacy-scope-unevidenced", W),
    "ROPA508": ("adequacy-expired", E),
    "ROPA509": ("transfer-inconsistent", E),
    "ROPA510": ("derogation-unspecified", W),
    "ROPA511": ("transfer-assessment-missing", I),
    "ROPA512": ("joint-arrangement-missing", W),
    "ROPA513": ("recipient-role-unclear", I),
    "ROPA601": ("automated-decision-basis", E),
    "ROPA602": ("dpia-likely-required", W),
    "ROPA603": ("review-overdue", W),
    "ROPA604": ("mixed-legal-bases", I),
    "ROPA605": ("review-date-missing", I),
    "ROPA606": ("dpia-required", E),
    "ROPA607": ("automated-decision-special-data", E),
    "ROPA608": ("security-not-proportionate", W),
    "ROPA701": ("processor-controller-missing", E),
    "ROPA702": ("controller-entry-contact-missing", E),
    "ROPA703": ("controller-contract-missing", W),
    "ROPA704": ("sub-processor-unauthorised", W),
    "ROPA705": ("processor-category-missing", E),
}
AREAS = {"1": "references", "2": "art30", "3": "lawfulness", "4": "retention", "5": "transfers",
         "6": "risk", "7": "processor"}  # fmt: skip


def test_registry_holds_exactly_the_catalogue() -> None:
    assert list(RULES) == sorted(CATALOGUE)
    assert list(CHECKS) == list(RULES)
    for code, (slug, severity) in CATALOGUE.items():
        assert (RULES[code].code, RULES[code].slug, RULES[code].severity) == (code, slug, severity)
        assert RULES[code].area == AREAS[code[4]]


def test_every_rule_has_an_article_summary_and_docstring() -> None:
    for code, spec in RULES.items():
        assert spec.article and spec.summary, code
        assert (CHECKS[code].__doc__ or "").strip(), code


def test_slugs_are_unique() -> None:
    assert len({spec.slug for spec in RULES.values()}) == len(RULES)


def test_every_rule_is_exercised_by_the_area_tests() -> None:
    here = Path(__file__).parent
    texts = "".join(
        path.read_text() for path in here.glob("test_*.py") if path.name != "test_registry.py"
    )
    untested = [code for code in RULES if code not in texts]
    assert not untested, f"no test names {untested}"


def test_get() -> None:
    assert get("ROPA303").slug == "balancing-test-missing"
    with pytest.raises(KeyError, match=r"no rule 'ropa303'.*did you mean ROPA303\?"):
        get("ropa303")
    with pytest.raises(KeyError, match="ROPA101 to ROPA705"):
        get("flake8")


def test_clean_fixture_produces_no_finding_at_all() -> None:
    report = validate(load_text((FIXTURES / "clean.yaml").read_text()), as_of=AS_OF)
    assert report.findings == ()
    assert report.rules == tuple(sorted(CATALOGUE))
    assert report.as_of == AS_OF


def test_clean_fixture_loaded_from_its_file_names_the_file() -> None:
    import ropa

    path = FIXTURES / "clean.yaml"
    assert validate(ropa.load(path), as_of=AS_OF).file == str(path)


def test_the_minimal_clean_register_produces_no_finding() -> None:
    assert check(clean_register()).report.findings == ()


def _messy_register() -> dict[str, Any]:
    data = clean_register()
    data["organisation"]["contact"] = {}
    data["recipients"][0]["countries"] = ["US"]
    data["activities"] = [
        activity(id="b_activity", legal_bases=[{"basis": "consent"}], retention=None),
        activity(id="a_activity", purpose=None, security_measures=["nowhere"]),
    ]
    return data


def test_findings_are_sorted_by_line_then_code() -> None:
    report = check(_messy_register()).report
    keys = [(f.line or 0, f.column or 0, f.code) for f in report.findings]
    assert keys == sorted(keys)
    assert len(report.findings) > 5


def test_validation_is_deterministic() -> None:
    checked = check(_messy_register())
    again = check(checked.text)
    assert checked.report == again.report
    assert [str(f) for f in checked.report.findings] == [str(f) for f in again.report.findings]


def test_messages_are_one_sentence_naming_the_activity() -> None:
    for finding in check(_messy_register()).report.findings:
        assert finding.message and "\n" not in finding.message
        assert not finding.message.endswith(".")
        if finding.activity is not None:
            assert f"'{finding.activity}'" in finding.message


def test_a_register_built_in_code_has_no_locations() -> None:
    register = Register.model_validate(_messy_register())
    report = validate(register, as_of=AS_OF)
    assert report.findings and report.file is None
    assert all(f.location is None for f in report.findings)


def test_as_of_defaults_to_today() -> None:
    assert validate(load_text(check(clean_register()).text)).as_of == date.today()


def test_context_indexes_each_catalogue_by_id() -> None:
    register = load_text(check(clean_register()).text)
    context = Context.of(register, AS_OF)
    assert context.recipients["hosting"].kind == "processor"
    assert set(context.data_categories) == {"contact_details"}
    assert context.used["retention_rules"] == {"contract_end"}


def test_a_large_register_gets_every_activitys_findings_once() -> None:
    # The rules walk indexes built once per register; at scale each activity still gets its
    # own findings, each once. How fast is for benchmarks/bench_all.py
    # (budget: the rules at most 0.5 s over loading, at 10,000 activities).
    count = 3_000
    data = clean_register()
    data["activities"] = [
        activity(
            id=f"activity_{n}",
            legal_bases=[{"basis": "legitimate_interests", "interest": "x"}],
            retention=None if n % 3 else "contract_end",
            recipients=["hosting", "nowhere"] if n % 5 == 0 else ["hosting"],
        )
        for n in range(count)
    ]
    report = validate(Register.model_validate(data), as_of=AS_OF)
    found: dict[str, list[str | None]] = {}
    for finding in report.findings:
        found.setdefault(finding.code, []).append(finding.activity)
    ids = [f"activity_{n}" for n in range(count)]
    assert sorted(found) == ["ROPA102", "ROPA207", "ROPA303"]
    assert sorted(found["ROPA303"]) == sorted(ids)  # no balancing test: every activity
    assert sorted(found["ROPA207"]) == sorted(a for n, a in enumerate(ids) if n % 3)
    assert sorted(found["ROPA102"]) == sorted(a for n, a in enumerate(ids) if n % 5 == 0)


def _said(report: Any) -> list[tuple[Any, ...]]:
    return [
        (f.code, f.location, f.path, f.activity, f.message, f.waived, f.reason)
        for f in report.findings
    ]


def test_checks_run_part_by_part_find_what_one_walk_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The per-activity checks run over a few activities at a time (rules.PART_SIZE); the
    # activities' indexes in their paths must still count from the register's first.
    import ropa.rules as rules

    data = clean_register()
    data["activities"] = [
        activity(
            id=f"activity_{n}",
            purpose=None if n % 4 == 0 else "service_provision",
            description=None if n % 4 == 0 else {"en": "x"},
            legal_bases=[{"basis": "consent"}] if n % 3 else [],
            retention=None if n % 5 == 0 else "contract_end",
            recipients=None if n % 7 == 0 else ["hosting"],
            security_measures=[] if n % 2 else ["encryption"],
        )
        for n in range(23)
    ]
    register = Register.model_validate(data)
    monkeypatch.setattr(rules, "PART_SIZE", 10**9)
    whole = _said(validate(register, as_of=AS_OF))
    assert {code for code, *_ in whole} >= {"ROPA203", "ROPA206", "ROPA207", "ROPA208"}
    for size in (1, 3, 22):
        monkeypatch.setattr(rules, "PART_SIZE", size)
        assert _said(validate(register, as_of=AS_OF)) == whole, size


def test_a_check_run_part_by_part_may_point_only_into_an_activity(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # An `each_activity` check that reports on the register itself would be run once per
    # part, and its hit repeated: the registry refuses it instead.
    import ropa.rules as rules
    from ropa.rules import Hit
    from ropa.text.messages import msg

    def register_level(ctx: Context) -> Any:
        yield Hit(("register",), msg("ROPA605"))

    monkeypatch.setitem(rules.CHECKS, "ROPA203", register_level)
    register = Register.model_validate(clean_register())
    with pytest.raises(ValueError, match="ROPA203"):
        validate(register, as_of=AS_OF)

    # Nor outside the part it was shown: counting from the part's first activity (not with
    # Context.indexed) would point the second part's hits at the first part's activities.
    def counted_in_part(ctx: Context) -> Any:
        for index, entry in enumerate(ctx.activities):
            yield Hit(("activities", index), msg("ROPA203", activity=entry.id), entry.id)

    data = clean_register()
    data["activities"] = [activity(id=f"activity_{n}") for n in range(5)]
    register = Register.model_validate(data)
    monkeypatch.setitem(rules.CHECKS, "ROPA203", counted_in_part)
    monkeypatch.setattr(rules, "PART_SIZE", 5)
    assert len(validate(register, as_of=AS_OF).filtered(select=["ROPA203"]).findings) == 5
    monkeypatch.setattr(rules, "PART_SIZE", 2)
    with pytest.raises(ValueError, match=r"ROPA203: .* outside the activities it was shown"):
        validate(register, as_of=AS_OF)


def test_the_ids_a_predicate_picks_are_computed_again_for_another_predicate() -> None:
    # Context.category_ids keeps what a predicate without captured variables picked; a
    # predicate that captures a value, or has other defaults, is another question.
    register = load_text((FIXTURES / "clean.yaml").read_text(encoding="utf-8"))
    context = Context.of(register, AS_OF)
    ids = sorted(context.data_categories)
    assert len(ids) >= 2
    first, second = ids[:2]

    def picks(wanted: str) -> Any:
        return lambda c: c.id == wanted  # the same code each time, another captured value

    assert context.category_ids(picks(first)) == {first}
    assert context.category_ids(picks(second)) == {second}
    assert context.category_ids(lambda c, x=first: c.id == x) == {first}
    assert context.category_ids(lambda c, x=second: c.id == x) == {second}
    assert context.category_ids(lambda c: c.special is not None) == frozenset(
        key for key, entry in context.data_categories.items() if entry.special is not None
    )


def test_checks_over_bases_and_transfers_run_part_by_part_find_what_one_walk_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `Context.bases_of` and `Context.transfers()` give a part's own bases and transfers,
    # indexed from the part's first activity; activities with none of them fall between.
    import ropa.rules as rules

    bases: list[list[dict[str, Any]]] = [
        [{"basis": "legitimate_interests"}],
        [{"basis": "legal_obligation"}, {"basis": "consent"}],
        [],
        [{"basis": "contract"}, {"basis": "legitimate_interests", "interest": "x"}],
    ]
    transfers: list[list[dict[str, Any]] | None] = [
        [{"country": "US", "recipient": "hosting"}],
        None,
        [{"country": "DE"}, {"country": "IN", "safeguard": "adequacy"}],
    ]
    data = clean_register()
    data["activities"] = [
        activity(
            id=f"activity_{n}",
            legal_bases=bases[n % len(bases)],
            transfers=transfers[n % len(transfers)],
            waivers=[{"rule": "ROPA999"}] if n % 6 == 5 else [],
        )
        for n in range(23)
    ]
    register = Register.model_validate(data)
    monkeypatch.setattr(rules, "PART_SIZE", 10**9)
    whole = _said(validate(register, as_of=AS_OF))
    found = {code for code, *_ in whole}
    assert found >= {"ROPA104", "ROPA301", "ROPA302", "ROPA303", "ROPA304", "ROPA305"}
    assert found >= {"ROPA502", "ROPA503", "ROPA505"}
    for size in (1, 2, 5, 22):
        monkeypatch.setattr(rules, "PART_SIZE", size)
        assert _said(validate(register, as_of=AS_OF)) == whole, size


def test_what_a_check_makes_once_is_made_once_per_validation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # ROPA504 indexes the recipients outside the EEA (Context.once): once per validation,
    # however many parts its check runs over, and again for the next validation.
    import ropa.rules as rules
    import ropa.rules.transfers as transfers

    made: list[int] = []
    real = transfers._outside_countries

    def counted(recipients: Any) -> Any:
        made.append(len(recipients))
        return real(recipients)

    monkeypatch.setattr(transfers, "_outside_countries", counted)
    monkeypatch.setattr(rules, "PART_SIZE", 2)
    data = clean_register()
    data["recipients"].append(
        {"id": "abroad", "name": {"lv": "Ārzemēs"}, "kind": "processor", "countries": ["US"]}
    )
    data["activities"] = [activity(id=f"activity_{n}", recipients=["abroad"]) for n in range(7)]
    register = Register.model_validate(data)
    first = [f.activity for f in validate(register, as_of=AS_OF).findings if f.code == "ROPA504"]
    assert first == [f"activity_{n}" for n in range(7)] and len(made) == 1
    validate(register, as_of=AS_OF)
    assert len(made) == 2
