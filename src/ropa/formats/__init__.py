"""Exporters: one module per output format, each exposing one function.

`EXPORTERS` maps a format name to `"module:function"`; the module is imported only when that
format is asked for, so that reading or validating a register never pays for openpyxl. Every
export function takes the same arguments::

    export(register, path, *, lang="en", report=None, as_of=None, source_sha256=None) -> None

A format may take more (the workbook takes `since=`, an earlier edition, for its Changes
sheet); `Exporter` is what a caller may rely on for any format.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ropa.formats._layout import TemplateError

__all__ = [
    "EXPORTERS",
    "LAYOUTS",
    "Exporter",
    "TemplateError",
    "get",
    "layout_exporter",
    "layout_importer",
]


class Exporter(Protocol):
    """The shape every export function has."""

    def __call__(self, register: Any, path: Any, *, lang: str = ..., report: Any = ...,
                 as_of: Any = ..., source_sha256: str | None = ...) -> None: ...  # fmt: skip


EXPORTERS: dict[str, str] = {
    "xlsx": "ropa.formats.xlsx.write:export_excel",
    "json": "ropa.formats.json:export_json",
    "jsonld": "ropa.formats.jsonld:export_jsonld",
}
"""Format name -> "module:function" of its export function."""


def get(name: str) -> Exporter:
    """The export function of format `name`; KeyError naming the known formats if unknown."""
    try:
        module_name, function_name = EXPORTERS[name].split(":")
    except KeyError:
        known = ", ".join(EXPORTERS)
        raise KeyError(f"no exporter {name!r}; known formats: {known}") from None
    exporter: Exporter = getattr(importlib.import_module(module_name), function_name)
    return exporter


LAYOUTS: dict[str, tuple[str, str]] = {
    "cnil": ("ropa.formats.cnil.write:export_cnil", "ropa.formats.cnil.read:import_cnil"),
    "ico": ("ropa.formats.ico.write:export_ico", "ropa.formats.ico.read:import_ico"),
}
"""Regulators' spreadsheet layouts: name -> ("module:function" of the exporter, of the
importer). An exporter has the `Exporter` shape; an importer is
`import_x(path, *, lang=..., max_bytes=...) -> ropa.formats._layout.LayoutImport`."""


def _function(target: str) -> Any:
    module_name, function_name = target.split(":")
    return getattr(importlib.import_module(module_name), function_name)


def layout_exporter(name: str) -> Exporter:
    """The export function of layout `name` (`cnil`, `ico`)."""
    exporter: Exporter = _function(LAYOUTS[name][0])
    return exporter


def layout_importer(name: str) -> Any:
    """The import function of layout `name` (`cnil`, `ico`)."""
    return _function(LAYOUTS[name][1])


def __getattr__(name: str) -> Any:
    # TemplateError lives with the layouts' shared reader, which imports openpyxl: only a
    # caller that reads a layout pays for it.
    if name == "TemplateError":
        return importlib.import_module("ropa.formats._layout").TemplateError
    raise AttributeError(f"module 'ropa.formats' has no attribute {name!r}")
