"""The shipped register validates without errors, and its findings are exactly the policy's gaps.

If a change to the rules or to the register changes this set, the change must be deliberate:
update the expectation here and the explanation in docs/web-multishop.md together.
"""

from __future__ import annotations

import re

import ropa
from conftest import AS_OF, ROOT, SHIPPED
from ropa.cli import main

# (code, activity or catalogue entry, waived)
EXPECTED = {
    # Only a postal address: reachable (no ROPA201), but by post alone; waived with reason.
    ("ROPA212", "organisation.contact", True),
    ("ROPA501", "recipients[0]", False),  # service providers: no Art. 28 contract cited
    ("ROPA506", "recipients[0]", False),  # service providers: location not stated
    ("ROPA401", "retention_rules[0]", False),  # "as long as needed": no period, no event
    ("ROPA208", "customer_registration", False),
    ("ROPA208", "hosting_requests", False),
    ("ROPA208", "support_requests", False),
    ("ROPA208", "customer_relationship_management", False),
    ("ROPA208", "website_and_business_management", False),
    ("ROPA208", "data_analytics", False),
    ("ROPA208", "recommendations", False),
    ("ROPA208", "newsletter", False),
    ("ROPA303", "support_requests", False),
    ("ROPA303", "customer_relationship_management", False),
    ("ROPA303", "website_and_business_management", False),
    ("ROPA303", "data_analytics", False),
    ("ROPA303", "recommendations", False),
    ("ROPA304", "customer_relationship_management", False),
    ("ROPA304", "website_and_business_management", False),
    # No ROPA602: the personas kods is no WP248 criterion, and no activity meets two others.
    ("ROPA604", "customer_relationship_management", False),
    ("ROPA604", "website_and_business_management", False),
    ("ROPA312", "recommendations", False),
}


def test_shipped_register_findings_are_exactly_the_policys_gaps() -> None:
    report = ropa.validate(ropa.load(SHIPPED), as_of=AS_OF)
    found = {(f.code, f.activity or f.path_text, f.waived) for f in report.findings}
    assert found == EXPECTED
    assert len(report.findings) == len(EXPECTED)  # no pair reported twice


def test_shipped_register_has_no_open_error() -> None:
    report = ropa.validate(ropa.load(SHIPPED), as_of=AS_OF)
    assert report.errors == 0
    assert not report.failed()


def test_ropa_validate_exits_0_on_the_shipped_register(capsys: object) -> None:
    assert main(["validate", "--as-of", AS_OF.isoformat(), str(SHIPPED)]) == 0


WALKTHROUGH = ROOT / "docs" / "web-multishop.md"


def test_the_walkthrough_explains_every_finding_at_its_line() -> None:
    """docs/web-multishop.md has a section per rule that fires (its heading names the codes),
    and the section's "Line(s) N" are the lines of those findings in the register."""
    report = ropa.validate(ropa.load(SHIPPED), as_of=AS_OF)
    lines: dict[str, set[int]] = {}
    for finding in report.findings:
        assert finding.location is not None
        lines.setdefault(finding.code, set()).add(finding.location.line)
    text = WALKTHROUGH.read_text(encoding="utf-8")
    explained: dict[str, set[int]] = {}
    for heading, stated in re.findall(r"^## (ROPA\d{3}[^\n]*)\n\nLines? ([\d, ]+) ·", text, re.M):
        codes = re.findall(r"ROPA\d{3}", heading.split(":")[0])
        written = {int(number) for number in stated.split(",")}
        assert written == set().union(*(lines[code] for code in codes)), heading
        explained.update(dict.fromkeys(codes, written))
    assert set(explained) == set(lines)
