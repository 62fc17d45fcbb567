"""The cyclic garbage collector is paused while registers are read, checked, exported and
imported (`ropa._collector`): it must always be resumed, must not unfreeze what a caller
froze, and pausing it must not let memory grow with the register."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import ropa
from conftest import AS_OF, SHIPPED
from ropa._collector import MANY_NEW_OBJECTS, collector_paused
from ropa.formats.json import export_json
from ropa.formats.xlsx.read import import_workbook
from ropa.formats.xlsx.write import export_excel
from ropa.formats.yaml import dump_register
from ropa.model import Register


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    assert gc.isenabled() and gc.get_freeze_count() == 0
    yield
    gc.enable()
    gc.unfreeze()


def _many_objects() -> list[tuple[int]]:
    return [(n,) for n in range(MANY_NEW_OBJECTS + 50_000)]


def test_the_collector_is_paused_in_the_block_and_resumed_after_it() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), collector_paused():
        _ = 1 / 0
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    with collector_paused():
        kept = _many_objects()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0
    assert kept


def test_many_new_objects_go_to_the_oldest_generation_and_none_stays_frozen() -> None:
    with collector_paused():
        kept = _many_objects()
    assert gc.get_freeze_count() == 0
    assert gc.get_count()[0] < MANY_NEW_OBJECTS  # no longer counted as new
    assert kept


def test_what_the_caller_froze_stays_frozen() -> None:
    # The command line freezes the register it loaded; validating it must not thaw it.
    gc.freeze()
    frozen = gc.get_freeze_count()
    with collector_paused():
        kept = _many_objects()
    assert gc.get_freeze_count() >= frozen + len(kept)
    assert gc.isenabled()


# ---------------------------------------------------------------------------------------------
# Pausing is safe: what each operation leaves in reference cycles does not grow with the size
# of the register (else a paused collector would let memory grow with it).


def _register_of(activities: int) -> Register:
    shipped = ropa.load(SHIPPED)
    copies = [
        activity.model_copy(update={"id": f"{activity.id}_{number}"})
        for number in range(activities // len(shipped.activities) + 1)
        for activity in shipped.activities
    ]
    return shipped.model_copy(update={"activities": tuple(copies[:activities])})


def _left_in_cycles(operation: Callable[[], Any]) -> int:
    gc.collect()
    gc.disable()
    try:
        operation()
        return gc.collect()
    finally:
        gc.enable()


def _operation(name: str, size: int, folder: Path) -> Callable[[], Any]:
    """The operation `name` on a register of `size` activities, everything it needs ready."""
    source = folder / "register.yaml"
    source.write_text(dump_register(_register_of(size)), encoding="utf-8")
    register = ropa.load(source)
    assert len(register.activities) == size
    report = ropa.validate(register, as_of=AS_OF)
    workbook = folder / "register.xlsx"
    export_excel(register, workbook, lang="en", report=report)
    operations: dict[str, Callable[[], Any]] = {
        "load": lambda: ropa.load(source),
        "validate": lambda: ropa.validate(register, as_of=AS_OF),
        "export xlsx": lambda: export_excel(register, folder / "again.xlsx", report=report),
        "export json": lambda: export_json(register, folder / "again.json", report=report),
        "import": lambda: import_workbook(workbook),
    }
    return operations[name]


@pytest.mark.parametrize("operation", ["load", "validate", "export xlsx", "export json", "import"])
def test_cycles_left_by_an_operation_do_not_grow_with_the_register(
    operation: str, tmp_path: Path
) -> None:
    left = []
    for size in (10, 210):
        folder = tmp_path / str(size)
        folder.mkdir()
        run = _operation(operation, size, folder)
        run()  # once first: modules imported, caches filled
        left.append(_left_in_cycles(run))
    small, large = left
    # 200 more activities: a cycle per activity (or per row) would add 200 objects at least.
    assert large <= small + 20, (small, large)
