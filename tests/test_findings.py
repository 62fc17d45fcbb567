"""A finding: immutable, compared like a frozen dataclass, its message put into words when read."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ropa.findings
from conftest import AS_OF
from ropa import reporters
from ropa.findings import Finding, Report, Severity
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


_FILES = ("main.yaml", "main-part01.yaml", "b.yaml", "")


@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.none(),
                st.builds(
                    Location,
                    st.sampled_from(_FILES),
                    st.integers(0, 5) | st.sampled_from([2**32 - 1, 2**32, 2**40]),
                    st.integers(0, 3) | st.sampled_from([2**31, 2**32]),
                ),
            ),
            st.sampled_from(["ROPA101", "ROPA203", "ROPA211", "ROPA9", "XYZ"]),
            st.sampled_from([("activities", 0), ("activities", 1, "x"), ("register",), ()]),
        ),
        max_size=40,
    ),
    st.sampled_from([(), ("ROPA203", "ROPA101"), ("ROPA211", "ROPA101", "ROPA203", "ROPA9")]),
)
def test_a_report_sorts_its_findings_by_the_whole_key_whatever_they_hold(
    made: list[tuple[Location | None, str, tuple[str | int, ...]]], codes: tuple[str, ...]
) -> None:
    """Line, column and code are packed into one number per finding to sort a large report
    faster; the order stays that of `Finding.sort_key` (file, line, column, code, path): with
    findings of several files, without a place, sharing a place, with codes not in the
    catalogue and numbers too large to pack (sorted by the tuples instead)."""
    findings = [_finding(code=code, location=location, path=path) for location, code, path in made]
    report = Report.of(findings, as_of=AS_OF, rules=codes)
    expected = sorted(findings, key=Finding.sort_key)
    assert list(report.findings) == expected
    # Equal findings keep their order: the same objects, not only equal ones.
    assert [id(f) for f in report.findings] == [
        id(f) for f in sorted(findings, key=Finding.sort_key)
    ]
