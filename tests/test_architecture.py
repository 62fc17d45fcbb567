"""The layering contract (`[tool.importlinter]` in pyproject.toml) holds, and is live.

`make test` runs `lint-imports` on the package itself. These tests run it on a copy of
`src/ropa` with one deliberate violation planted in each: an upward import, an import of a
sibling's private module and a top-level module the layers do not place. Each must break the
contract, so a contract that checked nothing would fail here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("importlinter", reason="import-linter comes with the dev extra")


def lint_imports(src: Path, workdir: Path) -> subprocess.CompletedProcess[str]:
    """Run `lint-imports` with the project's contract on the `ropa` package under `src`."""
    config = workdir / "pyproject.toml"
    if not config.exists():
        shutil.copyfile(ROOT / "pyproject.toml", config)
    script = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", script, "--config", str(config), "--no-cache"],
        cwd=workdir,
        env={**os.environ, "PYTHONPATH": str(src)},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A copy of `src/` to plant violations in."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "ropa", src / "ropa", ignore=shutil.ignore_patterns("*.pyc"))
    return src


def _append(module: Path, line: str) -> None:
    with module.open("a", encoding="utf-8") as file:
        file.write(f"\n{line}\n")


def test_the_package_keeps_the_contract(tmp_path: Path) -> None:
    result = lint_imports(ROOT / "src", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_the_unchanged_copy_keeps_it_too(planted: Path, tmp_path: Path) -> None:
    # The copy is what the planted tests break: without a violation it passes.
    result = lint_imports(planted, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_breaks_the_layers(planted: Path, tmp_path: Path) -> None:
    # The model is below the rules: a model that imports a rule is a cycle in waiting.
    _append(planted / "ropa" / "model.py", "import ropa.rules.retention  # noqa")
    result = lint_imports(planted, tmp_path)
    assert result.returncode == 1
    assert "Layers: a module imports only from lower layers and its own package BROKEN" in (
        result.stdout
    )
    assert "ropa.model -> ropa.rules.retention" in result.stdout


def test_importing_a_siblings_private_module_breaks_the_contract(
    planted: Path, tmp_path: Path
) -> None:
    # The CLI sits above the notice, so only the private-module contract forbids this.
    _append(planted / "ropa" / "cli" / "notice.py", "from ropa.notice import _phrases  # noqa")
    result = lint_imports(planted, tmp_path)
    assert result.returncode == 1
    assert "imported only from inside its own package BROKEN" in result.stdout
    assert "Layers: a module imports only from lower layers and its own package KEPT" in (
        result.stdout
    )
    assert "ropa.cli.notice -> ropa.notice._phrases" in result.stdout


def test_a_module_the_layers_do_not_place_breaks_the_contract(
    planted: Path, tmp_path: Path
) -> None:
    (planted / "ropa" / "stray.py").write_text('"""Belongs to no layer."""\n', encoding="utf-8")
    result = lint_imports(planted, tmp_path)
    assert result.returncode == 1
    assert "ropa.stray" in result.stdout
