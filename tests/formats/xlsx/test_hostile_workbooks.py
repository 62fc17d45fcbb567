"""Hostile and damaged workbooks through `ropa import` and `ropa.import_workbook`.

A workbook comes back from people outside the organisation; it is a zip archive of XML
parts. Whatever is in it, the import ends in a workbook it read or a `WorkbookError`
(`ropa import`: exit 2, one line per problem, nothing written): never a traceback, never a
partial output, never an archive unpacked past the limit or an entity expanded without end.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ropa
from conftest import SHIPPED
from ropa.cli import main
from ropa.formats.xlsx.read import UNPACKED_FACTOR, WorkbookError, import_workbook
from ropa.formats.xlsx.write import export_excel

ACTIVITIES_PART = "xl/worksheets/sheet2.xml"  # the second sheet, Activities
DAMAGED = "Activities: the sheet is damaged and cannot be read ("


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("workbook") / "register.xlsx"
    export_excel(ropa.load(SHIPPED), path, lang="en")
    return path


def rewritten(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """`source` with each part's bytes passed through `change(name, data)`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, change(info.filename, old.read(info)))
    return target


def in_part(part: str, change: Callable[[str], str]) -> Callable[[str, bytes], bytes]:
    """A change of the text of one part only."""

    def changed(name: str, data: bytes) -> bytes:
        return change(data.decode("utf-8")).encode("utf-8") if name == part else data

    return changed


def with_doctype(doctype: str, reference: str) -> Callable[[str], str]:
    """A part's XML with `doctype` before its root and `reference` at the start of its first
    text node."""

    def changed(text: str) -> str:
        declaration = text.index("?>") + 2 if text.startswith("<?xml") else 0
        text = text[:declaration] + doctype + text[declaration:]
        assert "<t>" in text
        return text.replace("<t>", "<t>" + reference, 1)

    return changed


def refused(path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[str, Path]:
    """Run `ropa import PATH -o OUT`; check it failed cleanly; its stderr and OUT."""
    out = path.with_suffix(".yaml")
    status = main(["import", str(path), "-o", str(out), *options])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    assert err.splitlines()[-1] == f"ropa: {path}: 1 problem; nothing written"
    assert not out.exists()
    assert list(path.parent.glob(f".{out.name}*")) == []
    return err, out


def test_a_workbook_over_the_size_limit_is_refused(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "big.xlsx"
    copy.write_bytes(workbook.read_bytes())
    size = copy.stat().st_size
    err, _ = refused(copy, capsys, "--max-bytes", str(size - 1))
    assert err.startswith(f"big.xlsx: file is {size:,} bytes, over the limit of {size - 1:,} bytes")
    assert main(["import", str(copy), "-o", str(tmp_path / "ok.yaml"),
                 "--max-bytes", str(size)]) == 0  # fmt: skip


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = rewritten(workbook, tmp_path / "bomb.xlsx", lambda name, data: data)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b" " * 30_000_000)  # about 30 KB packed
    limit = 1_000_000
    assert bomb.stat().st_size < limit
    err, _ = refused(bomb, capsys, "--max-bytes", str(limit))
    assert f"over the limit of {UNPACKED_FACTOR * limit:,} bytes" in err
    assert "unpacks to 30," in err
    assert "a larger --max-bytes allows it" in err  # the way out, for a large genuine register
    with pytest.raises(WorkbookError, match="unpacks to"):
        import_workbook(bomb, max_bytes=limit)


def test_the_unpacked_limit_is_stated_in_the_help() -> None:
    assert f"more than {UNPACKED_FACTOR} times N" in _import_help()


def _import_help() -> str:
    import argparse

    from ropa.cli import build_parser

    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    command = actions[0].choices["import"]
    return command.format_help().replace("\n", " ")


def test_an_entity_expanding_without_end_is_refused(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entities = "".join(
        f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 if n > 1 else "")) * 10}">' for n in range(1, 10)
    )
    doctype = f'<!DOCTYPE lolz [<!ENTITY lol "lol">{entities}]>'
    laughs = rewritten(
        workbook,
        tmp_path / "laughs.xlsx",
        in_part(ACTIVITIES_PART, with_doctype(doctype, "&lol9;")),
    )
    err, _ = refused(laughs, capsys)
    assert err.startswith(DAMAGED)
    assert "amplification" in err


def test_an_external_entity_is_never_read(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    xxe = rewritten(
        workbook, tmp_path / "xxe.xlsx", in_part(ACTIVITIES_PART, with_doctype(doctype, "&xxe;"))
    )
    err, _ = refused(xxe, capsys)
    assert "the secret" not in err
    assert err.startswith(DAMAGED)


def test_a_cut_off_sheet_is_refused(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cut = rewritten(
        workbook,
        tmp_path / "cut.xlsx",
        lambda name, data: data[: len(data) * 3 // 4] if name == ACTIVITIES_PART else data,
    )
    err, _ = refused(cut, capsys)
    assert err.startswith(DAMAGED)


def test_a_cell_openpyxl_cannot_read_names_its_sheet(
    workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A date cell whose value is not a date: openpyxl fails while reading the rows.
    def bad_date(text: str) -> str:
        start = text.index('<c r="A2"')
        end = text.index("</c>", start) + len("</c>")
        return text[:start] + '<c r="A2" t="d"><v>not a date</v></c>' + text[end:]

    damaged = rewritten(workbook, tmp_path / "damaged.xlsx", in_part(ACTIVITIES_PART, bad_date))
    err, _ = refused(damaged, capsys)
    assert err.startswith(DAMAGED)


def test_not_a_zip_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    err, _ = refused(fake, capsys)
    assert err.startswith("fake.xlsx: not an Excel workbook (.xlsx) that can be read (")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_damage_to_any_part_ends_in_a_register_or_a_workbook_error(
    workbook: Path, tmp_path: Path, data: st.DataObject
) -> None:
    with zipfile.ZipFile(workbook) as archive:
        names = [info.filename for info in archive.infolist()]
    part = data.draw(st.sampled_from(names), label="part")
    damage = data.draw(
        st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.binary(max_size=8)),
                 min_size=1, max_size=4),
        label="damage",
    )  # fmt: skip

    def damaged(name: str, original: bytes) -> bytes:
        if name != part:
            return original
        changed = bytearray(original)
        for where, replacement in damage:
            at = int(where * len(changed))
            changed[at : at + len(replacement)] = replacement
        return bytes(changed)

    path = rewritten(workbook, tmp_path / "fuzzed.xlsx", damaged)
    try:
        register = import_workbook(path)
    except WorkbookError as error:
        assert error.problems
        assert all("Traceback" not in str(problem) for problem in error.problems)
    else:
        assert register.activities
