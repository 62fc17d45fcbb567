"""Output formats of a validation `Report`: one small function per format, no judgement.

- `text`: for people: findings grouped by activity, one line each,
  `file:line:col: severity CODE slug: message (GDPR Art. N)`, then a line per severity and
  the totals line; in colour when asked;
- `json_document` / `to_json`: a stable JSON document (see docs/cli.md);
- `github`: GitHub Actions workflow commands, one annotation per open finding;
- `sarif`: a SARIF 2.1.0 log for code scanning.

Every function takes one report or several (one per file checked) and merges them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from ropa import rule_docs
from ropa._version import __version__
from ropa.findings import Finding, Report, Rule, Severity
from ropa.rules import RULES
from ropa.text.escape import printable
from ropa.text.grammar import cite
from ropa.text.messages import message, message_ids, placeholders, plural, sarif_template

__all__ = [
    "FORMATS",
    "github",
    "json_document",
    "merge",
    "sarif",
    "text",
    "text_lines",
    "to_json",
]

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


def text(
    report: Report,
    *more: Report,
    colour: bool = False,
    hide_waived: bool = False,
    lang: str = "en",
) -> str:
    """The findings for people, grouped by file and activity, then a line per severity.

    Each group has a heading (`activity 'orders' (register.yaml)`, or `register (...)` for
    findings about the register as a whole) and one indented line per finding, as
    `file:line:col: severity CODE slug: message (GDPR Art. N)`, each message in `lang`, waived
    ones marked `[waived: reason]` (left out under `hide_waived`). After the groups, one line per
    severity that occurs (`21 warnings: ROPA206 ×8, ROPA208 ×8, ...`) and the totals line
    (`0 errors, 21 warnings, 3 info (1 waived)`). `colour` adds ANSI colours.
    """
    return "".join(text_lines(report, *more, colour=colour, hide_waived=hide_waived, lang=lang))


def text_lines(
    report: Report,
    *more: Report,
    colour: bool = False,
    hide_waived: bool = False,
    lang: str = "en",
) -> Iterator[str]:
    """`text`, one line at a time (each ending in a newline): what `ropa validate` writes as
    it goes, so that the report of a large register is never held whole in memory."""
    merged = merge(report, *more)
    style = _Style(colour)
    cited: dict[str, str] = {}  # article -> citation: a report cites a few dozen articles
    # severity -> its word as shown (coloured or not): made once, not once per finding
    severities = {severity: style.severity(severity) for severity in Severity}
    memo: dict[object, str] = {}  # the arguments said so far (a few hundred, shared)
    started = False
    for heading, findings in _groups(merged.findings, lang):
        shown = [finding for finding in findings if not (hide_waived and finding.waived)]
        if not shown:
            continue
        if started:
            yield "\n"
        started = True
        yield style.heading(printable(heading)) + "\n"
        for finding in shown:
            yield f"  {_text_line(finding, style, lang, cited, severities, memo)}\n"
    if started:
        yield "\n"
    for line in _severity_lines(merged, style, lang):
        yield line + "\n"
    yield merged.summary(lang) + "\n"


def _groups(findings: tuple[Finding, ...], lang: str) -> list[tuple[str, list[Finding]]]:
    """Findings by file, then the register's own first, then each activity in the order its
    first finding appears; each with its heading."""
    grouped: dict[tuple[str, int, str], list[Finding]] = {}
    first_seen: dict[tuple[str, str], int] = {}
    for position, finding in enumerate(findings):
        location = finding.location
        file = (location.file if location is not None else None) or ""
        activity = finding.activity
        if activity is None:
            key = (file, 0, "")
        else:
            order = first_seen.setdefault((file, activity), position + 1)
            key = (file, order, activity)
        found = grouped.get(key)
        if found is None:
            grouped[key] = [finding]
        else:
            found.append(finding)
    result = []
    # By (file, order): each key is unique in them, so its subject and the lists are never
    # compared, and the items sort as they are.
    for (file, _, subject), found in sorted(grouped.items()):
        heading = (
            message("report.activity", lang, activity=subject)
            if found[0].activity is not None
            else message("report.register", lang)
        )
        result.append((f"{heading} ({file})" if file else heading, found))
    return result


def _text_line(
    finding: Finding,
    style: _Style,
    lang: str,
    cited: dict[str, str],
    severities: dict[Severity, str],
    memo: dict[object, str],
) -> str:
    location = finding.location
    where = str(location) if location is not None else printable(finding.path_text)
    citation = cited.get(finding.article)
    if citation is None:
        citation = cited[finding.article] = _cited(finding.article, lang)
    # `str(location)` is printable already (the file name is shown escaped).
    line = (
        f"{where}: {severities[finding.severity]} {finding.code} "
        f"{finding.slug}: {printable(finding.text(lang, memo=memo))} ({citation})"
    )
    if finding.waived:
        waived = message("report.waived", lang, reason=finding.reason or "")
        line += " " + style.faint(printable(waived))
    elif finding.expired_waiver is not None:
        line += " " + printable(f"[{finding.expired_waiver.text(lang)}]")
    return line


def _cited(article: str, lang: str) -> str:
    """`GDPR Art. 30(1)`, Latvian `VDAR 30. panta 1. punkts`."""
    return message("report.gdpr", lang, article=cite(article, lang))


def _severity_lines(report: Report, style: _Style, lang: str) -> list[str]:
    """`N errors: ROPA201, ROPA302 ×2` for each severity that has open findings, and the
    same for the waived ones."""
    counted: dict[str, dict[str, int]] = {}
    for finding in report.findings:
        kind = "waived" if finding.waived else finding.severity.value
        codes = counted.setdefault(kind, {})
        codes[finding.code] = codes.get(finding.code, 0) + 1
    lines = []
    for kind in ("error", "warning", "info", "waived"):
        if kind not in counted:
            continue
        codes = counted[kind]
        total = sum(codes.values())
        label = plural(f"xlsx.counted.{kind}", total, lang, count=total)
        listed = ", ".join(
            code if count == 1 else f"{code} ×{count}" for code, count in sorted(codes.items())
        )
        word = style.faint(label) if kind == "waived" else style.severity(Severity(kind), label)
        lines.append(f"{word}: {listed}")
    return lines


_SEVERITY_COLOURS = {Severity.ERROR: "31;1", Severity.WARNING: "33", Severity.INFO: "36"}
"""ANSI SGR codes: errors bold red, warnings yellow, info cyan."""


class _Style:
    """ANSI colours for the text format, or none."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def _paint(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def severity(self, severity: Severity, text: str | None = None) -> str:
        return self._paint(_SEVERITY_COLOURS[severity], severity.value if text is None else text)

    def heading(self, text: str) -> str:
        return self._paint("1", text)

    def faint(self, text: str) -> str:
        return self._paint("2", text)


def json_document(report: Report, *more: Report, lang: str = "en") -> dict[str, Any]:
    """The findings and totals as plain data, in the stable shape of `--format json`; each
    message in `lang`, with its catalogue id and arguments."""
    merged = merge(report, *more)
    return {
        "findings": [_json_finding(finding, lang) for finding in merged.findings],
        "summary": {
            "errors": merged.errors,
            "warnings": merged.warnings,
            "info": merged.info,
            "waived": merged.waived,
        },
    }


def _json_finding(finding: Finding, lang: str) -> dict[str, Any]:
    return finding.as_dict(lang)


def _json_expired(finding: Finding) -> dict[str, str] | None:
    ended = finding.expired_waiver
    return None if ended is None else {"expires": ended.expires.isoformat(), "reason": ended.reason}


def to_json(report: Report, *more: Report, lang: str = "en") -> str:
    """`json_document` as text: UTF-8 friendly, indented, ending in a newline."""
    document = json_document(report, *more, lang=lang)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def github(report: Report, *more: Report, lang: str = "en") -> str:
    """GitHub Actions annotations (`::error file=...::...`) for open findings, then the
    summary line; waived findings are not annotated."""
    merged = merge(report, *more)
    memo: dict[object, str] = {}  # the arguments said so far, as in `text_lines`
    lines = [_github_line(finding, lang, memo) for finding in merged.open_findings]
    lines.append(merged.summary())
    return "\n".join(lines) + "\n"


def _github_line(finding: Finding, lang: str, memo: dict[object, str]) -> str:
    properties = []
    if finding.location is not None:
        properties += [
            f"file={_github_property(finding.location.file)}",
            f"line={finding.location.line}",
            f"col={finding.location.column}",
        ]
    properties.append(f"title={_github_property(f'{finding.code} {finding.slug}')}")
    message = _github_data(f"{finding.text(lang, memo=memo)} (GDPR Art. {finding.article})")
    return f"::{_GITHUB_COMMANDS[finding.severity]} {','.join(properties)}::{message}"


def _github_data(value: str) -> str:
    # The escaping of @actions/core's toCommandValue/escapeData.
    # Then every other control character escaped: a file name or register text cannot send
    # escape sequences to the log or forge a workflow command of its own.
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


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
        "shortDescription": {"text": rule.title("en")},
        "fullDescription": {"text": description},
        "help": {"text": page, "markdown": page},
        "messageStrings": {
            msgid: {"text": f"{sarif_template(msgid)} (GDPR Art. {rule.article})"}
            for msgid in message_ids(rule.code)
        },
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
        "properties": {"article": rule.article_text, "severity": rule.severity.value},
    }


def _sarif_result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    result["level"] = _SARIF_LEVELS[finding.severity]
    result["message"] = {"text": f"{finding.message} (GDPR Art. {finding.article})"}
    if finding.message_id in message_ids(finding.code):
        # SARIF 2.1.0 §3.11.7-3.11.11: the id names one of the rule's messageStrings, whose
        # placeholders {0}, {1}, ... take `arguments` in the order the English text names them.
        values = dict(finding.arguments_in("en"))
        result["message"]["id"] = finding.message_id
        result["message"]["arguments"] = [
            values.get(name, "") for name in placeholders(finding.message_id)
        ]
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
    properties: dict[str, Any] = {}
    if finding.activity is not None:
        properties["activity"] = finding.activity
    if finding.expired_waiver is not None:
        properties["expiredWaiver"] = _json_expired(finding)
    if properties:
        result["properties"] = properties
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
