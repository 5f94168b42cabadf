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


def _trimmer():
    """glibc's malloc_trim, or None elsewhere. Freed blocks stay in the C heap's free lists
    (Python's large strings are malloc'd): after a batch of pages is written and let go,
    hundreds of megabytes would stay part of the process. Trimming hands them back."""
    try:
        import ctypes
        libc = ctypes.CDLL(None)
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


_TRIM = _trimmer()


def give_back() -> None:
    """Return the C heap's free memory to the system (a few milliseconds); nothing where
    the C library has no malloc_trim."""
    if _TRIM is not None:
        _TRIM(0)
