"""The package as users receive it: an sdist and a wheel that install and run on a fresh venv.

The wheel is built from this tree, installed into a new virtual environment that does not see
this one, and `ropa validate` is run from there. Offline: the dependencies are not fetched but
copied from the running environment, file by file as their RECORD lists them, and only those
that ropa's metadata requires (transitively), so a dependency that ropa uses but does not
declare is missing there and the run fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "processing_activities.yaml"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist and wheel built from the tree (the wheel from the sdist, as `build` does)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def only(directory: Path, pattern: str) -> Path:
    (found,) = directory.glob(pattern)
    return found


def test_twine_check_passes(dist: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_sdist_holds_what_the_tests_and_docs_need(dist: Path) -> None:
    with tarfile.open(only(dist, "ropa-*.tar.gz")) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for needed in (
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "mkdocs.yml",
        "data/processing_activities.yaml",
        "examples/hosting-processor.yaml",
        "schemas/ropa.schema.json",
        "schemas/ropa-export.schema.json",
        "src/ropa/rule_docs/ROPA101.md",
        "src/ropa/py.typed",
        "docs/rules/index.md",
        "tests/fixtures/rules/clean.yaml",
    ):
        assert needed in names, f"the sdist lacks {needed}"


def test_wheel_holds_the_package_data(dist: Path) -> None:
    with zipfile.ZipFile(only(dist, "ropa-*.whl")) as wheel:
        names = set(wheel.namelist())
    assert "ropa/py.typed" in names
    assert {f"ropa/rule_docs/ROPA{code}.md" for code in ("101", "302", "604")} <= names
    metadata_text = wheel_metadata(dist)
    assert "Project-URL: Documentation, https://ropa-project.github.io/ropa/" in metadata_text
    assert "License-Expression: MIT" in metadata_text


def wheel_metadata(dist: Path) -> str:
    with zipfile.ZipFile(only(dist, "ropa-*.whl")) as wheel:
        (name,) = (name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
        return wheel.read(name).decode("utf-8")


def test_wheel_installs_in_a_fresh_venv_and_validates(dist: Path, tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(environment)
    python = environment / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    for distribution in dependency_closure(wheel_metadata(dist)):
        copy_installed(distribution, site_packages)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run(
        [*pip, "install", "--no-index", "--no-deps", str(only(dist, "ropa-*.whl"))],
        check=True,
        capture_output=True,
    )
    checked = subprocess.run([*pip, "check"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr

    # Run from elsewhere, so that nothing of the tree can be imported by accident.
    completed = subprocess.run(
        [str(environment / "bin" / "ropa"), "validate", "--as-of", "2026-11-27", str(SHIPPED)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    # The register is Latvian, so is the report: the wheel carries the compiled catalogues.
    assert "0 kļūdas" in completed.stdout
    english = subprocess.run(
        [
            str(environment / "bin" / "ropa"),
            "validate",
            "--lang",
            "en",
            "--as-of",
            "2026-11-27",
            str(SHIPPED),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "0 errors" in english.stdout, english.stderr
    rule_page = subprocess.run(
        [str(environment / "bin" / "ropa"), "rules", "ROPA302"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert rule_page.returncode == 0, rule_page.stderr
    assert rule_page.stdout.startswith("# ROPA302")


def dependency_closure(metadata_text: str) -> list[metadata.Distribution]:
    """The installed distributions that the wheel's Requires-Dist needs, transitively."""
    pending = [
        Requirement(line.split(":", 1)[1].strip())
        for line in metadata_text.splitlines()
        if line.startswith("Requires-Dist:")
    ]
    found: dict[str, metadata.Distribution] = {}
    while pending:
        requirement = pending.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        distribution = metadata.distribution(requirement.name)
        found[name] = distribution
        pending.extend(Requirement(text) for text in distribution.requires or ())
    return list(found.values())


def copy_installed(distribution: metadata.Distribution, site_packages: Path) -> None:
    """Copy one installed distribution's files (those inside site-packages) into another."""
    for file in distribution.files or ():
        if file.parts[0] == ".." or "__pycache__" in file.parts:
            continue  # scripts in bin/ and byte code: not needed to import
        source = Path(str(distribution.locate_file(file)))
        target = site_packages / file
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
