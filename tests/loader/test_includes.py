"""`include`: a register across several files, assembled into one, every location naming the
file it is in."""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

import pytest

import ropa
from ropa.cli import main
from ropa.loader import LoadError

MAIN = """\
format: ropa/1
include: [catalogues/*.yaml, activities/*.yaml]
register:
  kind: controller
  language: en
organisation:
  name: Example Clinic SIA
  country: LV
  contact: {email: privacy@clinic.example}
data_subjects:
  - id: patients
    name: Patients
activities:
  - id: care
    name: Care
    data_subjects: [patients]
"""
CATEGORIES = """\
data_categories:
  - id: health
    name: Health
    special: health
data_subjects:
  - id: staff
    name: Staff
"""
BOOKING = """\
activities:
  - id: booking
    name: Booking
    data_subjects: [patients]
"""
BILLING = """\
activities:
  - id: billing
    name: Billing
    data_categories: [health]
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "register.yaml"


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        {
            "register.yaml": MAIN,
            "catalogues/categories.yaml": CATEGORIES,
            "activities/b_billing.yaml": BILLING,
            "activities/a_booking.yaml": BOOKING,
        },
    )


def problems_of(path: Path | str, **kwargs: int) -> list[str]:
    with pytest.raises(LoadError) as error:
        ropa.load(path, **kwargs)  # type: ignore[arg-type]
    return [str(problem) for problem in error.value.problems]


def test_fragments_are_appended_in_include_order(clinic: Path) -> None:
    register = ropa.load(clinic)
    assert [a.id for a in register.activities] == ["care", "booking", "billing"]
    assert [s.id for s in register.data_subjects] == ["patients", "staff"]
    assert [c.id for c in register.data_categories] == ["health"]
    assert register.include == ("catalogues/*.yaml", "activities/*.yaml")


def test_every_location_names_the_file_it_is_in(clinic: Path) -> None:
    register = ropa.load(clinic)
    source = register.source
    assert source is not None
    folder = str(clinic.parent)
    assert str(source.locate(("activities", 0, "name"))) == f"{folder}/register.yaml:15:11"
    assert str(source.locate(("activities", 1, "name"))) == (
        f"{folder}/activities/a_booking.yaml:3:11"
    )
    assert str(source.locate(("activities", 2, "data_categories", 0))) == (
        f"{folder}/activities/b_billing.yaml:4:23"
    )
    # A catalogue only a fragment has: its key, and its entries, are in the fragment.
    assert str(source.key_location(("data_categories",))) == (
        f"{folder}/catalogues/categories.yaml:1:1"
    )
    assert str(source.locate(("data_subjects", 1, "id"))) == (
        f"{folder}/catalogues/categories.yaml:6:9"
    )


def test_the_source_map_lists_every_file_with_its_hash(clinic: Path) -> None:
    source = ropa.load(clinic).source
    assert source is not None
    names = [Path(name).relative_to(clinic.parent).as_posix() for name, _ in source.files]
    assert names == [
        "register.yaml",
        "catalogues/categories.yaml",
        "activities/a_booking.yaml",
        "activities/b_billing.yaml",
    ]
    assert all(digest is not None and len(digest) == 64 for _, digest in source.files)


def test_a_fragment_with_a_duplicate_id_of_the_main_file_is_reported_in_the_fragment(
    clinic: Path,
) -> None:
    (clinic.parent / "activities" / "c_again.yaml").write_text(
        "activities:\n  - id: billing_again\n    name: x\n  - id: care\n    name: Care again\n",
        encoding="utf-8",
    )
    report = ropa.validate(ropa.load(clinic), as_of=date(2026, 12, 1))
    (duplicate,) = [f for f in report.findings if f.code == "ROPA101"]
    assert duplicate.location is not None
    assert duplicate.location.file == str(clinic.parent / "activities" / "c_again.yaml")
    assert (duplicate.line, duplicate.column) == (4, 5)
    assert "activity id 'care' is used again" in duplicate.message


def test_a_model_problem_in_a_fragment_is_located_in_the_fragment(clinic: Path) -> None:
    (clinic.parent / "activities" / "a_booking.yaml").write_text(
        BOOKING + "    purpose: nonsense\n", encoding="utf-8"
    )
    (problem,) = problems_of(clinic)
    assert problem.startswith(
        f"{clinic.parent}/activities/a_booking.yaml:5:14: activities[1].purpose: 'nonsense'"
    )


@pytest.mark.parametrize("key", ["format", "register", "organisation", "include"])
def test_a_fragment_never_holds_what_belongs_in_the_main_file(clinic: Path, key: str) -> None:
    (clinic.parent / "activities" / "a_booking.yaml").write_text(
        BOOKING + f"{key}: x\n", encoding="utf-8"
    )
    (problem,) = problems_of(clinic)
    assert problem.startswith(
        f"{clinic.parent}/activities/a_booking.yaml:5:1: '{key}' belongs in the main file"
    )


def test_an_unknown_key_in_a_fragment_is_located(clinic: Path) -> None:
    (clinic.parent / "activities" / "a_booking.yaml").write_text(
        "activites:\n  - id: x\n", encoding="utf-8"
    )
    (problem,) = problems_of(clinic)
    assert problem.startswith(
        f"{clinic.parent}/activities/a_booking.yaml:1:1: unknown field 'activites' in the fragment"
    )


def test_a_fragment_that_is_no_mapping(clinic: Path) -> None:
    (clinic.parent / "activities" / "a_booking.yaml").write_text("- id: x\n", encoding="utf-8")
    (problem,) = problems_of(clinic)
    assert problem == (
        f"{clinic.parent}/activities/a_booking.yaml:1:1: the fragment is a list; a fragment is "
        "a mapping of catalogues and activities"
    )


def test_broken_yaml_in_a_fragment_is_located_in_the_fragment(clinic: Path) -> None:
    (clinic.parent / "activities" / "a_booking.yaml").write_text(
        "activities:\n  - id: x\n   name: y\n", encoding="utf-8"
    )
    (problem,) = problems_of(clinic)
    assert problem.startswith(f"{clinic.parent}/activities/a_booking.yaml:3:")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("missing/*.yaml", "'missing/*.yaml' matches no file"),
        ("catalogues/none.yaml", "'catalogues/none.yaml': no such file"),
        ("catalogues", "'catalogues' is a directory; write catalogues/*.yaml"),
        ("/etc/hosts", "'/etc/hosts' is not relative"),
        ("register.yaml", "'register.yaml' names the main file itself"),
    ],
)
def test_an_include_entry_that_names_nothing_usable(clinic: Path, entry: str, message: str) -> None:
    clinic.write_text(MAIN.replace("activities/*.yaml]", f"activities/*.yaml, {entry}]"))
    (problem,) = problems_of(clinic)
    assert problem.startswith(f"{clinic}:2:")
    assert message in problem


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_include_that_names_a_pipe_or_a_device_is_refused_unread(
    clinic: Path, kind: str
) -> None:
    special = clinic.parent / "special.yaml"
    if kind == "fifo":
        os.mkfifo(special)  # read, it would block the load until something wrote to it
    else:
        special.symlink_to("/dev/zero")  # read, it would give zeros up to the size limit
    clinic.write_text(MAIN.replace("activities/*.yaml]", "activities/*.yaml, special.yaml]"))
    found: list[str] = []
    loading = threading.Thread(target=lambda: found.extend(problems_of(clinic)), daemon=True)
    loading.start()
    loading.join(timeout=30)
    if loading.is_alive():  # blocked on the pipe: give it an end of file, and fail
        os.close(os.open(special, os.O_WRONLY | os.O_NONBLOCK))
        loading.join(timeout=30)
        pytest.fail("the load waited on the pipe")
    (problem,) = found
    assert problem.startswith(f"{clinic}:2:")
    assert "'special.yaml' is not a regular file" in problem


def test_a_file_two_globs_match_is_read_once(clinic: Path) -> None:
    clinic.write_text(MAIN.replace("activities/*.yaml]", "activities/*.yaml, activities/a_*]"))
    assert [a.id for a in ropa.load(clinic).activities] == ["care", "booking", "billing"]


def test_the_size_limit_is_for_all_files_together(clinic: Path) -> None:
    size = len(MAIN.encode())
    assert ropa.load(clinic, max_bytes=size + 1000).activities
    (problem,) = problems_of(clinic, max_bytes=size + 100)
    assert "the register and its fragments together are over the limit" in problem


def test_text_includes_are_relative_to_the_working_directory(
    clinic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(clinic.parent)
    register = ropa.load(MAIN)
    assert [a.id for a in register.activities] == ["care", "booking", "billing"]
    assert register.source is not None
    assert register.source.locate(("activities", 1)).file == "activities/a_booking.yaml"


def test_a_fragment_given_alone_says_it_is_a_fragment(
    clinic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fragment = clinic.parent / "activities" / "a_booking.yaml"
    (problem,) = problems_of(fragment)
    assert problem == (
        f"{fragment}:1:1: this file is a fragment of a register (catalogues and activities "
        "only, no format, register or organisation); check the main file whose include names it"
    )
    assert main(["validate", str(fragment)]) == 2
    captured = capsys.readouterr()
    assert (captured.out + captured.err).strip().count("\n") == 0
    assert "is a fragment of a register" in captured.out + captured.err


def test_validate_main_checks_the_whole_register(
    clinic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", str(clinic), "--format", "json"])
    out = capsys.readouterr().out
    assert "b_billing.yaml" in out  # billing's findings point into its fragment
    assert "a_booking.yaml" in out
