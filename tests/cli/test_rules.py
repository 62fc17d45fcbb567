"""`ropa rules`: the catalogue in the language asked for."""

from __future__ import annotations

import pytest

from ropa.cli import main


def _listing(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """The output of `ropa rules ARGS`, each run of spaces (the alignment) made one."""
    assert main(["rules", *args]) == 0
    return "\n".join(" ".join(line.split()) for line in capsys.readouterr().out.splitlines())


def test_the_catalogue_in_latvian(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ROPA_LANG", raising=False)
    line = next(x for x in _listing(capsys, "--lang", "lv").splitlines() if "ROPA605" in x)
    assert line.endswith(
        "5. panta 2. punkts, 24. panta 1. punkts reģistram nav pārskatīšanas datuma"
    )


def test_the_catalogue_follows_ropa_lang_and_else_speaks_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROPA_LANG", "lv")
    assert "reģistram nav pārskatīšanas datuma" in _listing(capsys)
    assert "the register has no review date" in _listing(capsys, "--lang", "en")
    monkeypatch.delenv("ROPA_LANG")
    assert "Art. 5(2), 24(1) the register has no review date" in _listing(capsys)
