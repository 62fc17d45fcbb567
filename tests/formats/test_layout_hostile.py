"""Hostile regulator templates (the ICO layout; the CNIL one shares the reader): a sheet that
declares the whole grid, an ODS file of repeated spaces or cells, a date with a time of day."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl.worksheet import _read_only

import ropa
from ropa.formats import _layout
from ropa.formats._layout import Grid, TemplateError, read_book
from ropa.formats.ico import export_ico, import_ico

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "processing_activities.yaml"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ico") / "ico.xlsx"
    export_ico(ropa.load(SHIPPED), path, lang="en")
    return path


def test_a_template_declaring_the_whole_grid_is_bounded_work(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = [0]
    original = _read_only.ReadOnlyWorksheet._cells_by_row

    def counting(self: Any, *args: Any, **kwargs: Any) -> Iterator[tuple[Any, ...]]:
        for row in original(self, *args, **kwargs):
            counted[0] += max(len(row), 1)
            if counted[0] > 5_000_000:
                raise AssertionError("more than 5,000,000 cells handed out")
            yield row

    monkeypatch.setattr(_read_only.ReadOnlyWorksheet, "_cells_by_row", counting)
    grid = tmp_path / "grid.xlsx"
    with zipfile.ZipFile(template) as old, zipfile.ZipFile(grid, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
            new.writestr(info, data)
    expected = import_ico(template)
    assert import_ico(grid).register == expected.register
    assert counted[0] < 200_000


def test_more_cells_than_the_limit_are_refused(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_layout, "MAX_CELLS", 100)
    with pytest.raises(TemplateError, match=r"over 100 cells; refused"):
        read_book(template)


def _ods(path: Path, body: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return path


def test_an_ods_space_repeated_a_billion_times_is_bounded(tmp_path: Path) -> None:
    body = (
        '<table:table table:name="S"><table:table-row><table:table-cell office:value-type="string">'
        '<text:p>a<text:s text:c="1000000000"/>b</text:p></table:table-cell></table:table-row>'
        "</table:table>"
    )
    book = read_book(_ods(tmp_path / "spaces.ods", body))
    assert book["S"].text(1, 1) == "a" + " " * 1_000 + "b"


def test_an_ods_of_repeated_cells_is_refused_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_layout, "MAX_CELLS", 10_000)
    cell = '<table:table-cell table:number-columns-repeated="1000" office:value-type="string">'
    body = (
        '<table:table table:name="S"><table:table-row table:number-rows-repeated="5000">'
        f"{cell}<text:p>x</text:p></table:table-cell></table:table-row></table:table>"
    )
    with pytest.raises(TemplateError, match=r"sheet S takes the workbook over 10,000 cells"):
        read_book(_ods(tmp_path / "cells.ods", body))


def test_a_time_of_day_is_kept_not_dropped(tmp_path: Path) -> None:
    grid = Grid("S", {(1, 1): datetime(2026, 1, 31, 10, 30), (1, 2): datetime(2026, 1, 31)})
    assert grid.text(1, 1) == "2026-01-31 10:30:00"
    assert grid.text(1, 2) == "2026-01-31"
    body = (
        '<table:table table:name="S"><table:table-row>'
        '<table:table-cell office:value-type="date" office:date-value="2026-01-31T10:30:00"/>'
        '<table:table-cell office:value-type="date" office:date-value="2026-01-31T00:00:00"/>'
        "</table:table-row></table:table>"
    )
    book = read_book(_ods(tmp_path / "dates.ods", body))
    assert [book["S"].text(1, 1), book["S"].text(1, 2)] == ["2026-01-31 10:30:00", "2026-01-31"]


@pytest.mark.parametrize("layout", ["ico", "cnil"])
def test_text_holding_ooxml_escapes_is_written_escaped_and_read_back(
    layout: str, tmp_path: Path
) -> None:
    from ropa.formats import layout_exporter, layout_importer

    register = ropa.load(SHIPPED)
    first = register.activities[0].model_copy(update={"name": "Line_x000D_break _x005F_"})
    register = register.model_copy(update={"activities": (first, *register.activities[1:])})
    path = tmp_path / f"{layout}.xlsx"
    layout_exporter(layout)(register, path, lang="en")
    with zipfile.ZipFile(path) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if "worksheets" in n)
    assert b"Line_x005F_x000D_break _x005F_x005F_" in xml
    assert b"Line_x000D_" not in xml
    names = [a.name for a in layout_importer(layout)(path, lang="en").register.activities]
    assert "Line_x000D_break _x005F_" in names
