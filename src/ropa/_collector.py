"""Keeping Python's cyclic garbage collector off the register's heap.

A register of 50,000 activities is millions of objects without a reference cycle among
them. The collector does not know that: every few hundred new objects it walks the young
ones, and now and then the old ones too, touching objects spread over hundreds of megabytes.
Left alone, it makes reading, checking, exporting and importing a register cost more per
activity the larger the register is (the rules took 35 µs per activity at 10,000 activities
and 50 to 75 µs at 50,000; an import 1.0 ms at 1,000 and 1.3 ms at 10,000).

Pausing it is safe for these operations because what they leave in cycles does not grow with
the register (`tests/test_collector.py` measures it): a cycle made while paused is collected
later, when the collector next runs; what changes is only when.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

MANY_NEW_OBJECTS = 100_000
"""Below this many new objects, the collector is left to deal with them as usual."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block; resume it after, even when the block raises.

    The objects the block made that live on (a register, a report) then go straight to the
    oldest generation, or, when the caller has frozen objects with `gc.freeze()`, join them,
    instead of being walked again and again as they age through the younger generations.
    A collector that was already paused is left paused.
    """
    if not gc.isenabled():
        yield
        return
    frozen_before = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] > MANY_NEW_OBJECTS:
            # freeze() moves every tracked object to the permanent generation and unfreeze()
            # moves them all to the oldest one, without walking any. A caller who froze
            # objects keeps them frozen: ours join them rather than unfreezing theirs.
            gc.freeze()
            if not frozen_before:
                gc.unfreeze()
        gc.enable()
