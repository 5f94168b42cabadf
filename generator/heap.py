"""The cycle collector, paused while large structures are built.

Python's collector walks every container object each time enough new ones
have been allocated; building a decade of extractions, merges and pages
allocates millions, so it walks a growing heap again and again (a third of an
incremental run's time). Our data are trees (dataclasses, tuples, dicts):
reference counting frees them without the collector.
"""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collector_paused(freeze: bool = False):
    """With freeze, what survives the block (caches kept for the next run) is
    set aside, so later collections never walk it again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
