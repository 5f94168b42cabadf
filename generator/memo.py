"""Results kept from one generation to the next in the same process.

`timeline serve` regenerates the site whenever a file changes; most pages and
merge decisions depend on a small part of the content, and merging and
rendering are pure functions of their inputs. A Memo hands back last run's
result when the inputs are the very objects (or equal values) it was made
from, so one new article re-renders only the pages it touches. Unchanged
inputs stay the same objects between runs because the extraction cache keeps
them (cache.py). A fresh Memo never hits: a one-off build computes everything.
"""
from __future__ import annotations

from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self._old: dict = {}
        self._new: dict = {}
        self.hits = 0
        self.misses = 0

    def __call__(self, key: Hashable, inputs: tuple, make: Callable[[], T]) -> T:
        """make(), or the value kept under `key` when it was made from the same inputs.

        `inputs` must hold everything make() reads; tuples compare item by item,
        by identity first, so unchanged objects cost almost nothing to check. A value asked
        for twice in one run (the facets' groups: their slugs, then their pages) is made once."""
        hit = self._new.get(key) or self._old.get(key)
        if hit is not None and hit[0] == inputs:
            value = hit[1]
            self.hits += 1
        else:
            value = make()
            self.misses += 1
        self._new[key] = (inputs, value)
        return value

    def forget_unless(self, key: Hashable, value) -> None:
        """Everything kept from the last run is dropped unless `value` (something every
        result may depend on) is what it was then."""
        hit = self._old.get(key)
        if hit is not None and hit[0] != value:
            self._old = {}
        self._new[key] = (value, None)

    def next_run(self) -> "Memo":
        """This run's entries replace last run's; the others stay, so that parts of
        a result reused whole (a facet's year pages) are there when it next changes.
        Only entries of pages that no longer exist linger, until the memo is dropped."""
        self._old.update(self._new)
        self._new = {}
        self.hits = self.misses = 0
        return self
