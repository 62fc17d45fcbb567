"""ropa: GDPR Article 30 records of processing activities, kept as YAML, checked and exported.

Typical use::

    import ropa

    register = ropa.load("data/processing_activities.yaml")
    report = ropa.validate(register)
    for finding in report.findings:
        print(finding)

    edited = register.model_copy(update={"activities": register.activities[:3]})
    ropa.dump(edited, "register.yaml")     # YAML in the format's key order

The exporters (`export_excel`, `export_json`, `export_jsonld`), the workbook importer
(`import_workbook`) and the notice renderer are imported on first use, so `import ropa` stays
light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ropa.durations import Duration
from ropa.findings import Finding, Report, Rule, Severity
from ropa.formats.yaml import dump, dumps
from ropa.loader import LoadError, Problem, load
from ropa.model import Activity, Register
from ropa.rules import RULES, validate
from ropa.source import Location

if TYPE_CHECKING:
    from ropa.formats.json import export_json
    from ropa.formats.jsonld import export_jsonld
    from ropa.formats.xlsx.read import import_workbook
    from ropa.formats.xlsx.write import export_excel
    from ropa.notice import render_notice

from ropa._version import __version__

__all__ = [
    "RULES",
    "Activity",
    "Duration",
    "Finding",
    "LoadError",
    "Location",
    "Problem",
    "Register",
    "Report",
    "Rule",
    "Severity",
    "__version__",
    "dump",
    "dumps",
    "export_excel",
    "export_json",
    "export_jsonld",
    "import_workbook",
    "load",
    "render_notice",
    "validate",
]

_LAZY = {
    "export_excel": "ropa.formats.xlsx.write",
    "export_json": "ropa.formats.json",
    "export_jsonld": "ropa.formats.jsonld",
    "import_workbook": "ropa.formats.xlsx.read",
    "render_notice": "ropa.notice",
}


def __getattr__(name: str) -> Any:
    # Exporters pull in openpyxl and friends: load them only when asked for.
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'ropa' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
