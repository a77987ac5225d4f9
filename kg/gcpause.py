"""Pause Python's cyclic garbage collector around bulk work on acyclic records.

Why: each collector pass walks the whole heap, which during a build holds the
knowledge graph; while loading, resolving or exporting millions of small
acyclic records those passes cost more than the work (at 30 MB over half of
the Neo4j export's time). The records hold no cycles, so nothing is left
uncollected; the collector's state is restored afterwards.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["no_cycle_collection"]


@contextlib.contextmanager
def no_cycle_collection(keep: bool = False) -> Iterator[None]:
    """Disable the cyclic collector inside the block; re-enable it only if it was on.

    With ``keep``, what the block made and still holds is frozen (``gc.freeze``)
    first, for records that live on: nothing ages while the collector is off,
    so its first pass after the block would walk all of them (60 ms after the
    10 MB corpus is read back). The caller unfreezes when they are done with.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()
