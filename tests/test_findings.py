"""A finding: immutable, compared like a frozen dataclass, its message put into words when read."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError
from typing import Any

import pytest

import ropa.findings
from conftest import AS_OF
from ropa import reporters
from ropa.findings import Finding, Severity
from ropa.model import Register
from ropa.rules import validate
from ropa.source import Location


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the messages `ropa.findings` renders from now on."""
    rendered: list[str] = []
    real = ropa.findings.message_of

    def counted(msgid: str, lang: str, params: dict[str, object]) -> str:
        rendered.append(msgid)
        return real(msgid, lang, params)

    monkeypatch.setattr(ropa.findings, "message_of", counted)
    return rendered


def test_the_rules_leave_the_messages_unsaid_until_read(
    shipped: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered = _counting(monkeypatch)
    report = validate(shipped, as_of=AS_OF)
    assert report.findings and rendered == []
    finding = report.findings[0]
    english = finding.message
    assert rendered == [finding.message_id]
    assert finding.message == english and finding.text("en") == english
    assert rendered == [finding.message_id]  # said once, then kept


def test_the_message_read_is_the_catalogue_text_in_english(shipped: Register) -> None:
    for finding in validate(shipped, as_of=AS_OF).findings:
        said = ropa.findings.catalogue_message(
            finding.message_id, "en", **dict(finding.arguments_in("en"))
        )
        assert finding.message == said
        assert finding.as_dict("en")["message"] == said


def test_a_report_in_latvian_never_says_the_findings_in_english(
    shipped: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = validate(shipped, as_of=AS_OF)
    rendered = _counting(monkeypatch)
    written = reporters.text(report, lang="lv")
    assert len(rendered) == len(report.findings)  # each once, in Latvian
    assert all(finding._message is None for finding in report.findings)
    assert written == "".join(reporters.text_lines(report, lang="lv"))


def _finding(**changes: Any) -> Finding:
    fields: dict[str, Any] = {
        "code": "ROPA203",
        "slug": "purpose-missing",
        "severity": Severity.ERROR,
        "message": None,
        "article": "30(1)(b)",
        "path": ("activities", 0),
        "activity": "payroll",
        "location": Location("reg.yaml", 4, 5),
        "message_id": "ROPA203",
        "arguments": (("activity", "payroll"),),
    }
    fields.update(changes)
    return Finding(**fields)


def test_a_finding_compares_and_hashes_by_its_fields_message_included() -> None:
    lazy = _finding()
    given = _finding(message=lazy.message)
    assert lazy == given and hash(lazy) == hash(given)
    assert lazy != _finding(activity="orders")
    assert lazy != _finding(message="another text")
    assert len({lazy, given, _finding(path=("activities", 1))}) == 2


def test_a_finding_cannot_be_changed() -> None:
    finding = _finding()
    with pytest.raises(FrozenInstanceError):
        finding.code = "ROPA101"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del finding.activity  # type: ignore[misc]
    assert not hasattr(finding, "__dict__")  # slots: a large report is millions of fields
    assert type(finding) is Finding  # frozen again once made


def test_a_subclass_of_finding_is_made_with_the_same_fields() -> None:
    class Noted(Finding):
        note = "kept"

    noted = Noted("ROPA203", "purpose-missing", Severity.WARNING, "text", "30(1)(b)", ("a",))
    assert type(noted) is Noted and noted.code == "ROPA203" and noted.activity is None
    with pytest.raises(FrozenInstanceError):
        noted.code = "ROPA101"  # type: ignore[misc]


def test_replace_waive_and_pickle_keep_everything_else() -> None:
    finding = _finding()
    waived = finding.waive("accepted until the audit")
    assert (waived.waived, waived.reason) == (True, "accepted until the audit")
    assert waived.message == finding.message and waived.path == finding.path
    assert waived.replace(waived=False, reason=None) == finding
    given = _finding(message="as written")
    assert given.replace(location=None).message == "as written"
    for again in (pickle.loads(pickle.dumps(finding)), pickle.loads(pickle.dumps(given))):
        assert again in (finding, given) and again.text("lv") in (finding.text("lv"), "as written")
    assert "message=\"activity 'payroll' states no purpose" in repr(finding)


def test_a_given_message_with_an_id_is_still_said_from_the_catalogue() -> None:
    finding = _finding(message="written by hand")
    assert finding.message == "written by hand"
    assert finding.text("en") == "activity 'payroll' states no purpose (purpose or description)"
    with pytest.raises(TypeError):
        _finding(message_id="")  # neither a message nor an id to say it from
