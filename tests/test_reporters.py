"""The output formats of a report: text, JSON, GitHub annotations and SARIF."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pytest

from conftest import AS_OF
from ropa import reporters
from ropa.findings import Finding, Report, Severity
from ropa.rules import RULES
from ropa.source import Location

SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


def _finding(code: str, line: int, **changes: Any) -> Finding:
    rule = RULES[code]
    fields: dict[str, Any] = {
        "code": code,
        "slug": rule.slug,
        "severity": rule.severity,
        "message": f"activity 'newsletter' breaks {code}",
        "article": rule.article,
        "path": ("activities", 2, "legal_bases", 0),
        "activity": "newsletter",
        "location": Location("data/ropa.yaml", line, 9),
    }
    fields.update(changes)
    return Finding(**fields)


@pytest.fixture
def report() -> Report:
    return Report.of(
        [
            _finding("ROPA305", 40),
            _finding("ROPA302", 12),
            _finding("ROPA604", 50),
            _finding("ROPA303", 30).waive("LIA in review; due 2027-01-31."),
        ],
        as_of=AS_OF,
        file="data/ropa.yaml",
    )


@pytest.fixture
def other() -> Report:
    finding = _finding(
        "ROPA201",
        3,
        path=("organisation",),
        activity=None,
        location=Location("regs\\second.yaml", 3, 1),
        message="the organisation has no name",
    )
    return Report.of([finding], as_of=AS_OF, file="regs\\second.yaml")


# ---------------------------------------------------------------------------------------------
# text


def test_text_groups_by_activity_one_line_per_finding_then_severities_and_summary(
    report: Report,
) -> None:
    assert reporters.text(report).splitlines() == [
        "activity 'newsletter' (data/ropa.yaml)",
        "  data/ropa.yaml:12:9: error ROPA302 interest-unstated: activity 'newsletter' breaks "
        "ROPA302 (GDPR Art. 6(1)(f), 13(1)(d))",
        "  data/ropa.yaml:30:9: warning ROPA303 balancing-test-missing: activity 'newsletter' "
        "breaks ROPA303 (GDPR Art. 6(1)(f), 5(2)) [waived: LIA in review; due 2027-01-31.]",
        "  data/ropa.yaml:40:9: warning ROPA305 consent-withdrawal-missing: activity "
        "'newsletter' breaks ROPA305 (GDPR Art. 7(3))",
        "  data/ropa.yaml:50:9: info ROPA604 mixed-legal-bases: activity 'newsletter' breaks "
        "ROPA604 (GDPR Art. 6(1), 13(1)(c))",
        "",
        "1 error: ROPA302",
        "1 warning: ROPA305",
        "1 info: ROPA604",
        "1 waived: ROPA303",
        "1 error, 1 warning, 1 info (1 waived)",
    ]


def test_text_of_an_empty_report_is_the_summary() -> None:
    empty = Report.of([], as_of=AS_OF)
    assert reporters.text(empty) == "0 errors, 0 warnings, 0 info (0 waived)\n"


def test_text_without_location_shows_the_path() -> None:
    report = Report.of([_finding("ROPA302", 1, location=None)], as_of=AS_OF)
    assert reporters.text(report).splitlines()[:2] == [
        "activity 'newsletter'",
        "  activities[2].legal_bases[0]: error ROPA302 interest-unstated: activity "
        "'newsletter' breaks ROPA302 (GDPR Art. 6(1)(f), 13(1)(d))",
    ]


def test_text_merges_reports(report: Report, other: Report) -> None:
    lines = reporters.text(report, other).splitlines()
    assert lines[0] == "activity 'newsletter' (data/ropa.yaml)"
    assert "register (regs\\second.yaml)" in lines
    assert sum(1 for line in lines if line.startswith("  ")) == 5
    assert lines[-1] == "2 errors, 1 warning, 1 info (1 waived)"
    assert "2 errors: ROPA201, ROPA302" in lines


def test_text_puts_the_registers_own_findings_first_then_each_activity() -> None:
    findings = [
        _finding("ROPA302", 40, activity="orders"),
        _finding("ROPA305", 10, activity="newsletter"),
        _finding("ROPA103", 90, activity=None, path=("recipients", 1)),
        _finding("ROPA303", 50, activity="newsletter"),
    ]
    lines = reporters.text(Report.of(findings, as_of=AS_OF)).splitlines()
    headings = [line for line in lines if line and not line.startswith("  ")][:3]
    assert headings == [
        "register (data/ropa.yaml)",
        "activity 'newsletter' (data/ropa.yaml)",
        "activity 'orders' (data/ropa.yaml)",
    ]
    newsletter = lines.index("activity 'newsletter' (data/ropa.yaml)")
    assert lines[newsletter + 1].startswith("  data/ropa.yaml:10:9: warning ROPA305")
    assert lines[newsletter + 2].startswith("  data/ropa.yaml:50:9: warning ROPA303")


def test_text_counts_each_code_once_per_severity_line() -> None:
    findings = [_finding("ROPA305", line) for line in (10, 20, 30)] + [_finding("ROPA303", 40)]
    lines = reporters.text(Report.of(findings, as_of=AS_OF)).splitlines()
    assert "4 warnings: ROPA303, ROPA305 ×3" in lines


def test_text_hide_waived_leaves_out_waived_lines_but_counts_them(report: Report) -> None:
    text = reporters.text(report, hide_waived=True)
    assert "ROPA303" not in text.replace("1 waived: ROPA303", "")
    assert "[waived:" not in text
    assert "data/ropa.yaml:12:9: error ROPA302" in text
    assert text.endswith("1 error, 1 warning, 1 info (1 waived)\n")


def test_text_hide_waived_drops_a_group_that_only_had_waived_findings() -> None:
    waived = _finding("ROPA303", 30, activity="orders").waive("accepted")
    report = Report.of([waived, _finding("ROPA305", 40)], as_of=AS_OF)
    text = reporters.text(report, hide_waived=True)
    assert "activity 'orders'" not in text
    assert "activity 'newsletter' (data/ropa.yaml)" in text


def test_text_in_colour_marks_severities_and_nothing_else_changes(report: Report) -> None:
    coloured = reporters.text(report, colour=True)
    assert "\x1b[31;1merror\x1b[0m ROPA302" in coloured
    assert "\x1b[33mwarning\x1b[0m ROPA305" in coloured
    assert "\x1b[36minfo\x1b[0m ROPA604" in coloured
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert plain == reporters.text(report)
    assert "\x1b" not in reporters.text(report)


def test_text_escapes_control_characters_from_the_register() -> None:
    forged = _finding("ROPA302", 12, message="x\x1b[2J\ndata/ropa.yaml:1:1: error forged")
    text = reporters.text(Report.of([forged], as_of=AS_OF))
    assert "\x1b" not in text
    assert not any(line.startswith("data/ropa.yaml:1:1") for line in text.splitlines())


# ---------------------------------------------------------------------------------------------
# JSON


def test_json_document_shape(report: Report) -> None:
    document = json.loads(reporters.to_json(report))
    assert list(document) == ["findings", "summary"]
    assert document["summary"] == {"errors": 1, "warnings": 1, "info": 1, "waived": 1}
    first = document["findings"][0]
    assert list(first) == [
        "code",
        "slug",
        "severity",
        "message",
        "message_id",
        "arguments",
        "article",
        "path",
        "activity",
        "file",
        "line",
        "column",
        "waived",
        "reason",
        "expired_waiver",
    ]
    assert first == {
        "code": "ROPA302",
        "slug": "interest-unstated",
        "severity": "error",
        "message": "activity 'newsletter' breaks ROPA302",
        "message_id": "",
        "arguments": {},
        "article": "6(1)(f), 13(1)(d)",
        "path": "activities[2].legal_bases[0]",
        "activity": "newsletter",
        "file": "data/ropa.yaml",
        "line": 12,
        "column": 9,
        "waived": False,
        "reason": None,
        "expired_waiver": None,
    }
    waived = document["findings"][1]
    assert (waived["waived"], waived["reason"]) == (True, "LIA in review; due 2027-01-31.")


def test_json_text_is_indented_unescaped_and_ends_in_newline() -> None:
    finding = _finding("ROPA302", 1, message="aktivitāte 'jaunumi' nenorāda interesi")
    text = reporters.to_json(Report.of([finding], as_of=AS_OF))
    assert "aktivitāte" in text
    assert text.endswith("}\n")
    assert text.startswith('{\n  "findings": [')


def test_json_without_location_has_nulls() -> None:
    document = reporters.json_document(
        Report.of([_finding("ROPA302", 1, location=None)], as_of=AS_OF)
    )
    entry = document["findings"][0]
    assert (entry["file"], entry["line"], entry["column"]) == (None, None, None)


def test_json_merges_reports_into_one_document(report: Report, other: Report) -> None:
    document = reporters.json_document(report, other)
    assert len(document["findings"]) == 5
    assert document["summary"] == {"errors": 2, "warnings": 1, "info": 1, "waived": 1}


# ---------------------------------------------------------------------------------------------
# GitHub


def test_github_annotations(report: Report) -> None:
    lines = reporters.github(report).splitlines()
    assert lines == [
        "::error file=data/ropa.yaml,line=12,col=9,title=ROPA302 interest-unstated::"
        "activity 'newsletter' breaks ROPA302 (GDPR Art. 6(1)(f), 13(1)(d))",
        "::warning file=data/ropa.yaml,line=40,col=9,title=ROPA305 consent-withdrawal-missing::"
        "activity 'newsletter' breaks ROPA305 (GDPR Art. 7(3))",
        "::notice file=data/ropa.yaml,line=50,col=9,title=ROPA604 mixed-legal-bases::"
        "activity 'newsletter' breaks ROPA604 (GDPR Art. 6(1), 13(1)(c))",
        "1 error, 1 warning, 1 info (1 waived)",
    ]


def test_github_escapes_data_and_properties() -> None:
    finding = _finding(
        "ROPA302",
        2,
        message="100% wrong\r\nsecond line",
        location=Location("dir,with:odd%name.yaml", 2, 3),
    )
    line = reporters.github(Report.of([finding], as_of=AS_OF)).splitlines()[0]
    assert line.startswith("::error file=dir%2Cwith%3Aodd%25name.yaml,line=2,col=3,")
    assert line.endswith("::100%25 wrong%0D%0Asecond line (GDPR Art. 6(1)(f), 13(1)(d))")


def test_github_without_location_has_only_a_title() -> None:
    line = reporters.github(Report.of([_finding("ROPA302", 1, location=None)], as_of=AS_OF))
    assert line.startswith("::error title=ROPA302 interest-unstated::")


# ---------------------------------------------------------------------------------------------
# SARIF


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_sarif_is_valid_sarif_2_1_0(
    report: Report, other: Report, sarif_validator: jsonschema.Draft4Validator
) -> None:
    log = reporters.sarif(report, other)
    errors = [error.message for error in sarif_validator.iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    # the document survives a JSON round trip unchanged
    assert json.loads(json.dumps(log)) == log


def test_sarif_of_an_empty_report_is_valid(sarif_validator: jsonschema.Draft4Validator) -> None:
    log = reporters.sarif(Report.of([], as_of=AS_OF))
    assert list(sarif_validator.iter_errors(log)) == []
    assert log["runs"][0]["results"] == []


def test_sarif_driver_lists_the_whole_catalogue(report: Report) -> None:
    driver = reporters.sarif(report)["runs"][0]["tool"]["driver"]
    assert driver["name"] == "ropa"
    assert "informationUri" not in driver
    assert [rule["id"] for rule in driver["rules"]] == sorted(RULES)
    rule = next(r for r in driver["rules"] if r["id"] == "ROPA302")
    assert rule["name"] == "interest-unstated"
    assert rule["shortDescription"]["text"] == RULES["ROPA302"].summary
    assert rule["fullDescription"]["text"].startswith("Each legal basis")
    assert rule["help"]["markdown"].startswith("# ROPA302 interest-unstated")
    assert rule["help"]["text"]
    assert rule["properties"] == {"article": "GDPR Art. 6(1)(f), 13(1)(d)", "severity": "error"}
    assert rule["defaultConfiguration"] == {"level": "error"}
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert (levels["ROPA303"], levels["ROPA604"]) == ("warning", "note")


def test_sarif_results(report: Report, other: Report) -> None:
    run = reporters.sarif(report, other)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == [
        "ROPA302",
        "ROPA303",
        "ROPA305",
        "ROPA604",
        "ROPA201",
    ]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    first = results[0]
    assert first["level"] == "error"
    assert first["message"]["text"] == (
        "activity 'newsletter' breaks ROPA302 (GDPR Art. 6(1)(f), 13(1)(d))"
    )
    (location,) = first["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "data/ropa.yaml"},
        "region": {"startLine": 12, "startColumn": 9},
    }
    assert location["logicalLocations"] == [{"fullyQualifiedName": "activities[2].legal_bases[0]"}]
    assert "suppressions" not in first
    assert results[1]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "LIA in review; due 2027-01-31.",
        }
    ]
    assert [r["level"] for r in results] == ["error", "warning", "warning", "note", "error"]
    # a Windows path becomes a URI with forward slashes
    uri = results[4]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "regs/second.yaml"


def test_sarif_uri_escapes_spaces() -> None:
    finding = _finding("ROPA302", 1, location=Location("my data/ropa ü.yaml", 1, 1))
    run = reporters.sarif(Report.of([finding], as_of=AS_OF))["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20data/ropa%20%C3%BC.yaml"


def test_sarif_without_location_keeps_the_logical_location() -> None:
    run = reporters.sarif(Report.of([_finding("ROPA302", 1, location=None)], as_of=AS_OF))
    (location,) = run["runs"][0]["results"][0]["locations"]
    assert location == {
        "logicalLocations": [{"fullyQualifiedName": "activities[2].legal_bases[0]"}]
    }


def test_merge_of_one_report_is_that_report(report: Report) -> None:
    assert reporters.merge(report) is report


def test_severity_maps_cover_every_severity() -> None:
    for severity in Severity:
        assert reporters._SARIF_LEVELS[severity]
        assert reporters._GITHUB_COMMANDS[severity]


def test_the_text_report_says_each_shared_argument_once_per_language() -> None:
    # A large register's findings share a few hundred values that are not text (listings,
    # destinations, adequacy decisions): the text report says each once, and says it the
    # same as each finding alone would; a value that cannot be hashed is said each time.
    said: list[tuple[str, str]] = []

    class Counted(NamedTuple):
        word: str

        def label(self, lang: str, /) -> str:
            said.append((self.word, lang))
            return f"{self.word}-{lang}"

    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

        def label(self, lang: str, /) -> str:
            said.append(("unhashable", lang))
            return f"loose-{lang}"

    shared, other = Counted("payroll"), Counted("orders")
    values: list[Any] = [shared, other, shared, Unhashable(), shared, Unhashable()]

    def made() -> Report:  # anew for each use: a finding keeps its English text once said
        findings = [
            _finding(
                "ROPA203",
                line,
                message=None,
                message_id="ROPA203",
                arguments=(("activity", value),),
            )
            for line, value in enumerate(values, 1)
        ]
        return Report.of(findings, as_of=AS_OF)

    for lang in ("lv", "en"):
        alone = [finding.text(lang) for finding in made().findings]
        said.clear()
        written = reporters.text_lines(made(), lang=lang)
        lines = [line for line in written if "ROPA203 purpose-missing:" in line]
        assert sorted(said) == sorted(
            [("orders", lang), ("payroll", lang), ("unhashable", lang), ("unhashable", lang)]
        )
        assert [next(t for t in alone if t in line) for line in lines] == alone
        assert any("payroll-" + lang in line for line in lines)
