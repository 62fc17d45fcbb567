"""The examples in the docstrings of the public API run, and say what ropa does.

Every name of `ropa.__all__` has a docstring with an example (the docs build fails without
one, docs/hooks.py); here each example is run as a doctest, in a folder holding the shipped
register as `data/processing_activities.yaml` and its JSON export as `out/ropa.json`. The
docstrings are read as the API page reads them (griffe), attribute docstrings included.
"""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import griffe
import pytest

import ropa
from ropa.cli import main

ROOT = Path(__file__).resolve().parent.parent


def public_docstrings() -> dict[str, tuple[str, str, int]]:
    """name -> (docstring, file, line) for every name of `ropa.__all__`."""
    package = griffe.load("ropa", search_paths=[str(ROOT / "src")], resolve_aliases=True)
    found = {}
    for name in ropa.__all__:
        member = package[name]
        docstring = member.docstring
        assert docstring is not None, f"ropa.{name} has no docstring"
        found[name] = (docstring.value, str(member.filepath), docstring.lineno or 0)
    return found


DOCSTRINGS = public_docstrings()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "processing_activities.yaml", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    register = "data/processing_activities.yaml"
    assert main(["export", register, "--to", "json", "--lang", "all", "-o", "out/ropa.json"]) == 0
    return tmp_path


def test_every_public_name_has_an_example() -> None:
    without = [name for name, (text, _, _) in DOCSTRINGS.items() if ">>>" not in text]
    assert without == []


@pytest.mark.parametrize("name", sorted(DOCSTRINGS))
def test_the_example_runs(name: str, workdir: Path) -> None:
    text, file, line = DOCSTRINGS[name]
    test = doctest.DocTestParser().get_doctest(text, {}, f"ropa.{name}", file, line)
    assert test.examples, f"ropa.{name} has no example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
