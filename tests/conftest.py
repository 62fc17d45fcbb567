"""Fixtures and facts shared by the whole suite.

The constants are for module-level use (parametrize, helpers) with `from conftest import ...`;
test functions take the fixtures of the same names.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import ropa
from ropa.model import Register

ROOT = Path(__file__).resolve().parent.parent
"""The repository's top folder."""
SHIPPED = ROOT / "data" / "processing_activities.yaml"
"""The register the project ships (SIA "Web Multishop Company")."""
AS_OF = date(2026, 11, 27)
"""The check date the tests use: the day the shipped register's findings were pinned."""

_MINIMAL_ACTIVITY: dict[str, Any] = {
    "id": "customer_accounts",
    "name": "Customer accounts",
    "purpose": "customer_management",
    "legal_bases": [{"basis": "contract"}],
    "data_subjects": ["customers"],
    "data_categories": ["contact_details"],
    "sources": ["data_subject"],
    "recipients": ["hosting"],
    "transfers": [],
    "retention": "contract_end",
    "security_measures": ["access_control"],
    "automated_decisions": False,
    "profiling": False,
    "large_scale": False,
}

_MINIMAL: dict[str, Any] = {
    "format": "ropa/1",
    "register": {"kind": "controller", "language": "en", "reviewed": "2026-06-01"},
    "organisation": {
        "name": "Example SIA",
        "country": "LV",
        "public_body": False,
        "contact": {"email": "privacy@example.lv"},
    },
    "data_subjects": [{"id": "customers", "name": "Customers", "includes_children": False}],
    "data_categories": [{"id": "contact_details", "name": "Contact details"}],
    "recipients": [
        {
            "id": "hosting",
            "name": "Hosting provider",
            "kind": "processor",
            "contract": "DPA 2025/01",
            "countries": ["LV"],
        }
    ],
    "retention_rules": [
        {
            "id": "contract_end",
            "name": "Three years after the contract",
            "period": "P3Y",
            "starts": "end of the contract",
            "basis": "Civil Law, Section 1895",
        }
    ],
    "security_measures": [{"id": "access_control", "name": "Access control", "kind": "technical"}],
    "activities": [_MINIMAL_ACTIVITY],
}


def minimal_register_data() -> dict[str, Any]:
    """A fresh minimal register, as plain data, that no rule finds anything in."""
    return copy.deepcopy(_MINIMAL)


def minimal_activity_data() -> dict[str, Any]:
    """A fresh copy of the minimal register's one activity, as plain data."""
    return copy.deepcopy(_MINIMAL_ACTIVITY)


@pytest.fixture(scope="session")
def shipped_path() -> Path:
    """The path of the shipped register."""
    return SHIPPED


@pytest.fixture(scope="session")
def as_of() -> date:
    """The check date the tests use."""
    return AS_OF


@pytest.fixture(scope="session")
def shipped() -> Register:
    """The shipped register, loaded once (registers are frozen, so sharing it is safe)."""
    return ropa.load(SHIPPED)


@pytest.fixture(scope="session")
def minimal_register() -> Register:
    """The minimal register as a model, built once."""
    return Register.model_validate(minimal_register_data())


def _needs_libreoffice(item: pytest.Item) -> bool:
    """Whether a test is skipped without LibreOffice: every such test starts `soffice`."""
    return any(
        "libreoffice" in str(mark.kwargs.get("reason", "")).lower()
        for mark in item.iter_markers("skipif")
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every property-based (hypothesis) test and every test that runs LibreOffice slow,
    so that none is forgotten and `make test-fast` stays fast."""
    for item in items:
        function = getattr(item, "function", None)
        if getattr(function, "is_hypothesis_test", False) or _needs_libreoffice(item):
            item.add_marker(pytest.mark.slow)
