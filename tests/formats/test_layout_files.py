"""Reading a regulator's spreadsheet: .ods without office software, and hostile files refused
with a located message, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ropa.cli import main
from ropa.formats._layout import TemplateError, read_book

CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content
  xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:spreadsheet>
<table:table table:name="Feuille">
  <table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
  <table:table-row>
    <table:table-cell table:number-columns-repeated="2"/>
    <table:table-cell office:value-type="string">
      <text:p>Deux<text:s text:c="2"/>espaces</text:p><text:p>ligne 2</text:p>
    </table:table-cell>
    <table:table-cell office:value-type="float" office:value="75001">
      <text:p>75001</text:p>
    </table:table-cell>
    <table:table-cell office:value-type="date" office:date-value="2018-05-26">
      <text:p>26/05/2018</text:p>
    </table:table-cell>
  </table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>
"""


def ods(path: Path, content: str) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    path.write_bytes(buffer.getvalue())
    return path


def test_an_ods_is_read_cell_by_cell(tmp_path: Path) -> None:
    grid = read_book(ods(tmp_path / "a.ods", CONTENT))["Feuille"]
    assert grid.text(3, 3) == "Deux  espaces\nligne 2"
    assert grid.get(3, 4) == 75001
    assert grid.text(3, 5) == "2018-05-26"
    assert grid.where(3, 3) == "Feuille!C3"


@pytest.mark.parametrize(
    "content",
    [
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        "<office:document-content",  # not well-formed
        CONTENT.replace(
            'table:number-rows-repeated="2"><table:table-cell/>',
            'table:number-rows-repeated="999999999"><table:table-cell '
            'office:value-type="string"><text:p>x</text:p></table:table-cell>',
        ),
    ],
    ids=["entities", "damaged", "billions-of-rows"],
)
def test_hostile_ods_is_refused_with_a_located_message(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = ods(tmp_path / "hostile.ods", content)
    with pytest.raises(TemplateError) as error:
        read_book(path)
    assert all(str(problem).startswith("hostile.ods: ") for problem in error.value.problems)
    out = tmp_path / "out.yaml"
    for layout in ("cnil", "ico"):
        assert main(["import", "--layout", layout, str(path), "-o", str(out)]) == 2
    assert not out.exists() and "Traceback" not in capsys.readouterr().err


def test_size_limits(tmp_path: Path) -> None:
    path = ods(tmp_path / "big.ods", CONTENT + " " * 100_000)
    with pytest.raises(TemplateError, match="over the limit"):
        read_book(path, max_bytes=100)
    with pytest.raises(TemplateError, match="unpacks to"):
        read_book(path, max_bytes=path.stat().st_size)  # 100,000 spaces deflate to little
    assert (
        main(
            [
                "import",
                "--layout",
                "ico",
                str(tmp_path / "missing.ods"),
                "-o",
                str(tmp_path / "x.yaml"),
            ]
        )
        == 2
    )
