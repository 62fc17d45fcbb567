"""The pre-commit hook (`.pre-commit-hooks.yaml`): which files it takes for registers, and a
real run of `pre-commit try-repo` against a repository laid out as its users keep theirs.

The run is offline as far as git goes: the hook repository is a snapshot of this working tree
in a temporary folder (uncommitted and new files included), and the repository it checks is
another. pre-commit installs the hook into an environment of its own with pip, from the
package index pip is configured with.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import ropa
from ropa.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "processing_activities.yaml"
CLEAN = ROOT / "tests" / "fixtures" / "rules" / "clean.yaml"


def hook() -> dict[str, object]:
    (definition,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(definition, dict)
    return definition


def is_checked(path: str) -> bool:
    """Whether pre-commit passes `path` to the hook: `files` matches and `exclude` does not
    (pre-commit uses `re.search` on the path relative to the repository root)."""
    definition = hook()
    files, exclude = str(definition["files"]), str(definition["exclude"])
    return bool(re.search(files, path)) and not re.search(exclude, path)


@pytest.mark.parametrize(
    "path",
    [
        "data/processing_activities.yaml",
        "processing_activities.yml",
        "processing_activities-hr.json",
        "register.yaml",
        "register.yml",
        "register-2027.yaml",
        "compliance/hr-register.yaml",
        "compliance/hr_register.yml",
        "ropa.yaml",
        "ropa-hr.yml",
        "legal/hr.ropa.yaml",
        "legal/hr.ropa.json",
        "ropa/marketing.yaml",
        "privacy/registers/hr.yml",
    ],
)
def test_registers_named_freely_are_checked(path: str) -> None:
    assert is_checked(path)


@pytest.mark.parametrize(
    "path",
    [
        "out/ropa.json",  # `ropa export --to json`, as the docs name it
        "ropa.json",
        "register.json",
        "exports/ropa-2027.json",
        "schemas/ropa.schema.json",  # `ropa schema --write schemas`
        "schemas/ropa-export.schema.json",
        "ropa/ropa.schema.json",
        "registers/register.schema.yaml",
        "registers/_shared.yaml",  # fragments
        "ropa/_catalogues.yml",
        "registers/hr.fragment.yaml",
        ".github/workflows/ropa.yml",  # a CI workflow named after the tool
        ".pre-commit-config.yaml",
        "mkdocs.yml",
        "docs/register.md",
        "registers/archive/2025/hr.yaml",  # not directly in registers/: older editions
    ],
)
def test_exports_schemas_fragments_and_others_are_not(path: str) -> None:
    assert not is_checked(path)


def test_the_hook_is_a_python_hook_that_runs_ropa_validate() -> None:
    definition = hook()
    assert definition["language"] == "python"
    assert str(definition["entry"]).split()[:2] == ["ropa", "validate"]
    assert definition["args"] == ["--hide-waived"]


def unindented(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines())


def test_ci_guide_documents_the_same_patterns() -> None:
    guide = unindented((ROOT / "docs" / "ci.md").read_text("utf-8"))
    definition = hook()
    assert unindented(str(definition["files"])) in guide
    assert unindented(str(definition["exclude"])) in guide


def git(*args: str, cwd: Path) -> str:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "ropa tests",
        "GIT_AUTHOR_EMAIL": "tests@example.org",
        "GIT_COMMITTER_NAME": "ropa tests",
        "GIT_COMMITTER_EMAIL": "tests@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    completed = subprocess.run(
        ["git", *args], cwd=cwd, env=environment, capture_output=True, text=True, check=True
    )
    return completed.stdout


def snapshot_of_this_tree(target: Path) -> Path:
    """This working tree as it is (tracked and untracked, not ignored files), committed."""
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "snapshot", cwd=target)
    return target


def users_repository(target: Path) -> Path:
    """Registers named freely, next to an export, a schema, a fragment and a CI workflow."""
    files = {
        "register.yaml": SHIPPED.read_text("utf-8"),
        "registers/hr.yaml": CLEAN.read_text("utf-8"),
        "legal/marketing.ropa.yaml": CLEAN.read_text("utf-8").replace(
            "  waivers: []", '  waivers: [{rule: ROPA303, reason: ""}]'
        ),
        "registers/_shared.yaml": "data_subjects:\n  - id: customers\n    name: Customers\n",
        "schemas/ropa.schema.json": (ROOT / "schemas" / "ropa.schema.json").read_text("utf-8"),
        ".github/workflows/ropa.yml": "on: push\njobs: {}\n",
    }
    for name, text in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")
    (target / "out").mkdir()
    status = main(
        [
            "export",
            str(SHIPPED),
            "--to",
            "json",
            "--lang",
            "all",
            "-o",
            str(target / "out/ropa.json"),
        ]
    )
    assert status == 0
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "registers", cwd=target)
    return target


@pytest.mark.slow
def test_pre_commit_try_repo_checks_the_registers_and_nothing_else(tmp_path: Path) -> None:
    hooks = snapshot_of_this_tree(tmp_path / "ropa")
    repository = users_repository(tmp_path / "registers")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hooks),
            "ropa-validate",
            "--ref",
            git("rev-parse", "HEAD", cwd=hooks).strip(),
            "--all-files",
            "--verbose",
            "--color",
            "never",
        ],
        cwd=repository,
        capture_output=True,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"},
    )
    output = completed.stdout + completed.stderr
    # The broken register fails the commit with its one error, not "could not read" (2).
    assert completed.returncode == 1, output
    assert "- exit code: 1" in output
    assert "legal/marketing.ropa.yaml:12:13: error ROPA104 waiver-without-reason" in output
    # The other registers were checked too (the shipped one has warnings to show for it) ...
    assert re.search(r"^  register\.yaml:\d+:\d+: warning ", output, re.MULTILINE), output
    # Waived findings are not printed on every commit, though the totals count them.
    waived = [f for f in ropa.validate(ropa.load(SHIPPED)).findings if f.waived]
    assert waived, "the shipped register no longer has a waiver to show this with"
    assert all(finding.slug not in output for finding in waived)
    assert "[waived" not in output
    assert f"{len(waived)} waived: " in output
    # ... and nothing else was taken for a register.
    for other in ("out/ropa.json", "schemas/ropa.schema.json", "_shared.yaml", "workflows"):
        assert other not in output


def test_the_ruff_hook_is_the_ruff_the_project_lints_with() -> None:
    # A hook on another ruff than `make lint`'s formats and lints differently: the commit
    # hook would then undo what the landing check asks for, or the other way round.
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (ruff_repo,) = [r for r in config["repos"] if r["repo"].endswith("/ruff-pre-commit")]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pinned = re.search(r'"ruff==([0-9.]+)"', pyproject)
    assert pinned is not None, "pyproject.toml pins ruff in the dev extra"
    assert ruff_repo["rev"] == f"v{pinned.group(1)}"
    from importlib.metadata import version

    assert version("ruff") == pinned.group(1)  # the environment has the pinned one
