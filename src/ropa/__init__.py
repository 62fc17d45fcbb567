"""ropa: GDPR Article 30 records of processing activities, kept as YAML, checked and exported.

Typical use::

    import ropa

    register = ropa.load("data/processing_activities.yaml")
    report = ropa.validate(register)
    for finding in report.findings:
        print(finding)
"""

from __future__ import annotations

from .durations import Duration
from .loader import LoadError, Problem, load
from .model import Activity, Register
from .source import Location

__version__ = "0.1.0"

__all__ = [
    "Activity",
    "Duration",
    "LoadError",
    "Location",
    "Problem",
    "Register",
    "__version__",
    "load",
]
