"""ropa: GDPR Article 30 records of processing activities, kept as YAML, checked and exported.

Typical use::

    import ropa

    register = ropa.load("data/processing_activities.yaml")
    report = ropa.validate(register)
    for finding in report.findings:
        print(finding)

    edited = register.model_copy(update={"activities": register.activities[:3]})
    ropa.dump(edited, "register.yaml")     # YAML in the format's key order

Every name is imported on first use (the exporters, `export_excel`, `export_json` and
`export_jsonld`, the workbook importer, `import_workbook`, and the notice renderer pull in
openpyxl), so `import ropa` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ropa.durations import Duration
    from ropa.findings import Finding, Report, Rule, Severity
    from ropa.formats.json import export_json
    from ropa.formats.jsonld import export_jsonld
    from ropa.formats.xlsx.read import import_workbook
    from ropa.formats.xlsx.write import export_excel
    from ropa.formats.yaml import dump, dumps
    from ropa.loader import LoadError, Problem, load
    from ropa.model import Activity, Register
    from ropa.notice import render_notice
    from ropa.rules import RULES, validate
    from ropa.source import Location

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

# Every name is imported on first use: `import ropa.cli` (the `ropa` command) then costs a
# few milliseconds instead of the models' fifth of a second, and Ctrl-C pressed while the
# command starts already meets its handler (exit 130, no traceback).
_LAZY = {
    "Duration": "ropa.durations",
    "Finding": "ropa.findings",
    "Report": "ropa.findings",
    "Rule": "ropa.findings",
    "Severity": "ropa.findings",
    "LoadError": "ropa.loader",
    "Problem": "ropa.loader",
    "load": "ropa.loader",
    "Activity": "ropa.model",
    "Register": "ropa.model",
    "RULES": "ropa.rules",
    "validate": "ropa.rules",
    "Location": "ropa.source",
    "dump": "ropa.formats.yaml",
    "dumps": "ropa.formats.yaml",
    "export_excel": "ropa.formats.xlsx.write",
    "export_json": "ropa.formats.json",
    "export_jsonld": "ropa.formats.jsonld",
    "import_workbook": "ropa.formats.xlsx.read",
    "render_notice": "ropa.notice",
}


def __getattr__(name: str) -> Any:
    # Loaded when asked for (the exporters pull in openpyxl and friends).
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'ropa' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module_name), name)
