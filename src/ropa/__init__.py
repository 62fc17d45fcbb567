"""ropa: GDPR Article 30 records of processing activities, kept as YAML, checked and exported.

Typical use::

    import ropa

    register = ropa.load("data/processing_activities.yaml")
    report = ropa.validate(register)
    for finding in report.findings:
        print(finding)

The exporters (`export_excel`, `export_json`), the workbook importer (`import_workbook`) and
the notice renderer are imported on first use, so `import ropa` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .durations import Duration
from .findings import Finding, Report, Rule, Severity
from .loader import LoadError, Problem, load
from .model import Activity, Register
from .rules import RULES, validate
from .source import Location

if TYPE_CHECKING:
    from .exporters.excel import export_excel
    from .exporters.json import export_json
    from .importer import import_workbook
    from .notice import render_notice

__version__ = "0.1.0"
"""The version of ropa, e.g. `0.1.0`; `ropa --version` prints the same."""

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
    "export_excel",
    "export_json",
    "import_workbook",
    "load",
    "render_notice",
    "validate",
]

_LAZY = {
    "export_excel": "ropa.exporters.excel",
    "export_json": "ropa.exporters.json",
    "import_workbook": "ropa.importer",
    "render_notice": "ropa.notice",
}


def __getattr__(name: str) -> Any:
    # Exporters pull in openpyxl and friends: load them only when asked for.
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'ropa' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
