"""Output formats of a validation `Report`: one small function per format, no judgement.

- `text`: one line per finding, `file:line:col: severity CODE slug: message (GDPR Art. N)`,
  then the summary line;
- `json_document` / `to_json`: a stable JSON document (see docs/cli.md);
- `github`: GitHub Actions workflow commands, one annotation per open finding;
- `sarif`: a SARIF 2.1.0 log for code scanning.

Every function takes one report or several (one per file checked) and merges them.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ropa import rule_docs
from ropa._version import __version__
from ropa.findings import Finding, Report, Rule, Severity
from ropa.rules import RULES
from ropa.text.escape import printable

__all__ = ["FORMATS", "github", "json_document", "merge", "sarif", "text", "to_json"]

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def merge(report: Report, *more: Report) -> Report:
    """One report holding the findings of `report` and `more`, in file, line, column order."""
    if not more:
        return report
    reports = (report, *more)
    rules = dict.fromkeys(code for each in reports for code in each.rules)
    findings = [finding for each in reports for finding in each.findings]
    return Report.of(findings, as_of=report.as_of, rules=rules)


def text(report: Report, *more: Report) -> str:
    """One line per finding (waived ones marked), then `N errors, N warnings, ...`."""
    merged = merge(report, *more)
    lines = [printable(str(finding)) for finding in merged.findings]
    lines.append(merged.summary())
    return "\n".join(lines) + "\n"


def json_document(report: Report, *more: Report) -> dict[str, Any]:
    """The findings and totals as plain data, in the stable shape of `--format json`."""
    merged = merge(report, *more)
    return {
        "findings": [_json_finding(finding) for finding in merged.findings],
        "summary": {
            "errors": merged.errors,
            "warnings": merged.warnings,
            "info": merged.info,
            "waived": merged.waived,
        },
    }


def _json_finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "slug": finding.slug,
        "severity": finding.severity.value,
        "message": finding.message,
        "article": finding.article,
        "path": finding.path_text,
        "activity": finding.activity,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "waived": finding.waived,
        "reason": finding.reason,
    }


def to_json(report: Report, *more: Report) -> str:
    """`json_document` as text: UTF-8 friendly, indented, ending in a newline."""
    return json.dumps(json_document(report, *more), ensure_ascii=False, indent=2) + "\n"


def github(report: Report, *more: Report) -> str:
    """GitHub Actions annotations (`::error file=...::...`) for open findings, then the
    summary line; waived findings are not annotated."""
    merged = merge(report, *more)
    lines = [_github_line(finding) for finding in merged.open_findings]
    lines.append(merged.summary())
    return "\n".join(lines) + "\n"


def _github_line(finding: Finding) -> str:
    properties = []
    if finding.location is not None:
        properties += [
            f"file={_github_property(finding.location.file)}",
            f"line={finding.location.line}",
            f"col={finding.location.column}",
        ]
    properties.append(f"title={_github_property(f'{finding.code} {finding.slug}')}")
    message = _github_data(f"{finding.message} (GDPR Art. {finding.article})")
    return f"::{_GITHUB_COMMANDS[finding.severity]} {','.join(properties)}::{message}"


def _github_data(value: str) -> str:
    # The escaping of @actions/core's toCommandValue/escapeData.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def sarif(report: Report, *more: Report) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: the whole rule catalogue and every finding (waived
    ones carry an external suppression)."""
    merged = merge(report, *more)
    codes = sorted(RULES)
    index = {code: position for position, code in enumerate(codes)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ropa",
                        "version": __version__,
                        "rules": [_sarif_rule(RULES[code]) for code in codes],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_sarif_result(finding, index) for finding in merged.findings],
            }
        ],
    }


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    try:
        page = rule_docs.page(rule.code)
        description = rule_docs.description(rule.code)
    except LookupError:  # a rule added without its page (a test catches this)
        page = description = rule.summary
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": description},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
        "properties": {"article": rule.article_text, "severity": rule.severity.value},
    }


def _sarif_result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    result["level"] = _SARIF_LEVELS[finding.severity]
    result["message"] = {"text": f"{finding.message} (GDPR Art. {finding.article})"}
    location: dict[str, Any] = {}
    if finding.location is not None:
        location["physicalLocation"] = {
            "artifactLocation": {"uri": _uri(finding.location.file)},
            "region": {
                "startLine": finding.location.line,
                "startColumn": finding.location.column,
            },
        }
    location["logicalLocations"] = [{"fullyQualifiedName": finding.path_text}]
    result["locations"] = [location]
    if finding.activity is not None:
        result["properties"] = {"activity": finding.activity}
    if finding.waived:
        suppression = {"kind": "external", "status": "accepted"}
        if finding.reason:
            suppression["justification"] = finding.reason
        result["suppressions"] = [suppression]
    return result


def _uri(file: str) -> str:
    """The file as a relative URI reference: forward slashes, reserved characters escaped."""
    return quote(file.replace("\\", "/"), safe="/-._~!$&'()*+,;=@")


FORMATS = {"text": text, "json": to_json, "github": github}
"""The formats that render straight to text, by `--format` name (SARIF is a dict)."""
