"""The documentation site: `mkdocs build --strict` passes, and the API page is the public API.

Strict mode turns every warning into a failure: a broken link or anchor, a page missing from
the navigation, a docstring that names a parameter the function does not have, and (by the
site's hook, docs/hooks.py) a public name without a docstring.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ropa

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert completed.returncode == 0, completed.stderr
    return out


def test_api_page_documents_exactly_the_public_api(site: Path) -> None:
    page = (site / "api" / "index.html").read_text(encoding="utf-8")
    documented = set(re.findall(r'id="ropa\.([A-Za-z_]+)"', page))
    assert documented == set(ropa.__all__)
    for name in ("load", "validate", "Register", "Finding", "export_excel", "export_json"):
        assert name in documented


def test_api_page_shows_the_docstrings_and_their_examples(site: Path) -> None:
    page = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "Load a register from a YAML or JSON file" in page
    assert "Check <code>register</code> against every rule" in page
    assert page.count('<span class="doc-section-title">Examples:</span>') >= len(ropa.__all__)


def test_every_rule_has_a_page_on_the_site(site: Path) -> None:
    for code in ropa.RULES:
        assert (site / "rules" / code / "index.html").is_file(), code


def test_schemas_are_published_where_their_urls_point(site: Path) -> None:
    for name in ("ropa.schema.json", "ropa-fragment.schema.json", "ropa-export.schema.json"):
        published = site / "schemas" / name
        assert published.read_bytes() == (ROOT / "schemas" / name).read_bytes()


def test_the_changelog_is_a_page(site: Path) -> None:
    page = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "Unreleased" in page


@pytest.mark.parametrize(
    ("replacement", "warning"),
    [
        pytest.param("pass", "ropa.load has no docstring", id="no-docstring"),
        pytest.param(
            '"""Load a register."""',
            "ropa.load: the docstring has no example",
            id="no-example",
        ),
    ],
)
def test_a_public_name_without_docstring_or_example_fails_the_build(
    replacement: str, warning: str, tmp_path: Path
) -> None:
    """The hook's check is real: a copy of the tree with one docstring cut fails to build."""
    source = tmp_path / "src" / "ropa"
    source.parent.mkdir()
    subprocess.run(["cp", "-r", str(ROOT / "src" / "ropa"), str(source)], check=True)
    (loader,) = (path for path in source.rglob("*.py") if "\ndef load(" in path.read_text("utf-8"))
    text = loader.read_text(encoding="utf-8")
    start = text.index('"""', text.index("\ndef load("))
    end = text.index('"""', start + 3) + 3
    loader.write_text(text[:start] + replacement + text[end:], encoding="utf-8")
    for name in ("docs", "mkdocs.yml", "schemas", "data", "examples", "CHANGELOG.md"):
        subprocess.run(["cp", "-r", str(ROOT / name), str(tmp_path / name)], check=True)
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "s")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert completed.returncode != 0
    assert warning in completed.stderr
