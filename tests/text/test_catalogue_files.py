"""The catalogue files themselves: sorted (so that entries added on two branches merge), and
every word the workbook names is in every language; tools/catalogues.py keeps them so."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

from ropa.formats.xlsx import _words
from ropa.text import messages

LOCALE = Path(messages.__file__).resolve().parent.parent / "locale"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "catalogues.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _ids(po: Path) -> list[str]:
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    return [m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id]


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/ropa.po")), ids=str)
def test_each_catalogue_is_sorted_by_msgid(po: Path) -> None:
    ids = _ids(po)
    assert ids == sorted(ids), "run `make catalogues` (it sorts every ropa.po)"


def test_every_workbook_word_is_in_every_catalogue() -> None:
    tables = [t for t in vars(_words).values() if isinstance(t, _words.Table)]
    assert len(tables) > 5
    wanted = {msgid for table in tables for msgid in table.values()}
    for po in LOCALE.glob("*/LC_MESSAGES/ropa.po"):
        assert sorted(wanted - set(_ids(po))) == [], po


def test_the_plural_forms_follow_each_language() -> None:
    assert [_words.counted(n, "error", "lv") for n in (1, 2, 11, 21, 0)] == [
        "1 kļūda", "2 kļūdas", "11 kļūdas", "21 kļūda", "0 kļūdas",
    ]  # fmt: skip
    assert [_words.counted(n, "error", "en") for n in (1, 2, 21)] == [
        "1 error", "2 errors", "21 errors",
    ]  # fmt: skip


def test_move_turns_a_table_of_pairs_into_keys_and_catalogue_entries(tmp_path: Path) -> None:
    tool = _tool()
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale, ignore=shutil.ignore_patterns("*.mo"))
    source = tmp_path / "_words.py"
    source.write_text(
        'FRUIT: dict[str, tuple[str, str]] = {\n    "pear": ("bumbieris", "pear"),\n}\n'
        '"""Fruit."""\n\n'
        'KINDS = {"one": (("ābols", "āboli"), ("apple", "apples"))}\n',
        encoding="utf-8",
    )
    assert tool.move(source, "xlsx", locale) == 2
    code = source.read_text(encoding="utf-8")
    assert 'FRUIT = Table(\n    "xlsx.fruit",\n    "pear",\n)\n"""Fruit."""' in code
    lv = (locale / "lv/LC_MESSAGES/ropa.po").read_text(encoding="utf-8")
    assert 'msgid "xlsx.fruit.pear"\nmsgstr "bumbieris"' in lv
    assert 'msgstr[0] "{count} ābols"\nmsgstr[1] "{count} āboli"\nmsgstr[2] "{count} āboli"' in lv
    en = (locale / "en/LC_MESSAGES/ropa.po").read_text(encoding="utf-8")
    assert 'msgid "xlsx.fruit.pear"\nmsgstr "pear"' in en
    assert all(_ids(po) == sorted(_ids(po)) for po in locale.glob("*/LC_MESSAGES/ropa.po"))
    # Run again: nothing left to move, nothing changed.
    before = lv
    assert tool.move(source, "xlsx", locale) == 0
    assert (locale / "lv/LC_MESSAGES/ropa.po").read_text(encoding="utf-8") == before


def test_move_turns_the_country_names_into_catalogue_entries(tmp_path: Path) -> None:
    """After a merge that brought a table of (lv, en) country names back into countries.py,
    `move` turns it into `country.<code>` entries and takes it out of the code."""
    tool = _tool()
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale, ignore=shutil.ignore_patterns("*.mo"))
    source = tmp_path / "countries.py"
    source.write_text(
        "X = 1\n"
        "COUNTRY_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(\n"
        '    {"ZZ": ("Zemzeme", "Zedland"), "AD": ("Andora", "Andorra")}\n)\n'
        '"""Short country names."""\n\n\ndef f() -> None:\n    pass\n',
        encoding="utf-8",
    )
    assert tool.move_countries(source, locale) == 2
    assert source.read_text(encoding="utf-8") == "X = 1\n\n\ndef f() -> None:\n    pass\n"
    lv = (locale / "lv/LC_MESSAGES/ropa.po").read_text(encoding="utf-8")
    assert 'msgid "country.ZZ"\nmsgstr "Zemzeme"' in lv
    en = (locale / "en/LC_MESSAGES/ropa.po").read_text(encoding="utf-8")
    assert 'msgid "country.ZZ"\nmsgstr "Zedland"' in en
    assert all(_ids(po) == sorted(_ids(po)) for po in locale.glob("*/LC_MESSAGES/ropa.po"))
    assert tool.move_countries(source, locale) == 0


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/ropa.po")), ids=str)
def test_every_sheet_title_is_one_excel_accepts(po: Path) -> None:
    with po.open("rb") as handle:
        titles = {m.id: m.string for m in read_po(handle) if str(m.id).startswith("xlsx.sheets.")}
    assert titles
    for msgid, title in titles.items():
        assert 0 < len(title) <= 31 and not set(title) & set("[]:*?/\\"), (msgid, title)
