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

import zlib
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class Written:
    """What the memo keeps of a page once it is written (export/writer.py): its path and
    size, not its text. A decade's pages are gigabytes of text that an edit never reads
    again: a hit hands this back, and the writer leaves the file as it is."""
    __slots__ = ("path", "size")

    def __init__(self, path: str, size: int) -> None:
        self.path, self.size = path, size

    def __repr__(self) -> str:
        return f"Written({self.path!r}, {self.size})"


class Packed:
    """A text kept compressed: a part that a file is joined from again only when one of its
    neighbours changes (a month of a year's download). Serialised events compress about
    sixfold, and a decade of them would otherwise stay in memory whole."""
    __slots__ = ("data", "size")

    def __init__(self, text: str) -> None:
        raw = text.encode("utf-8")
        self.size = len(raw)          # bytes of the UTF-8 text
        self.data = zlib.compress(raw, 1)

    def text(self) -> str:
        return zlib.decompress(self.data).decode("utf-8")


class Memo:
    def __init__(self) -> None:
        self._old: dict = {}
        self._new: dict = {}
        self.hits = 0
        self.misses = 0
        self._made: list = []           # keys made since the last release()
        self._holders: set = set()      # keys of values that keep pages themselves (a release() method)

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
            self._made.append(key)
            if hasattr(value, "release"):
                self._holders.add(key)
        self._new[key] = (inputs, value)
        return value

    def release(self, written: dict[int, Written]) -> None:
        """Pages now written, by id() of their text: the entries made since the last release
        keep their Written instead of the text, as their value (or in a dict of pages), and so
        do the inputs that are such a value (a hit hands them back as that very Written)."""
        def swap(v):
            return written.get(id(v), v) if type(v) is str else v
        given: dict[int, Written] = {}         # id of a text -> the Written a hit now gives
        for key in self._made:
            inputs, value = self._new[key]
            if type(value) is str and id(value) in written:
                given[id(value)] = written[id(value)]
                self._new[key] = (inputs, swap(value))
            elif type(value) is dict:
                given.update((id(v), written[id(v)]) for v in value.values() if type(v) is str and id(v) in written)
                self._new[key] = (inputs, {k: swap(v) for k, v in value.items()})
        for key in self._made:
            inputs, value = self._new[key]
            if type(inputs) is tuple and any(type(x) is str and id(x) in given for x in inputs):
                self._new[key] = (tuple(given.get(id(x), x) if type(x) is str else x for x in inputs), value)
        for key in self._holders:
            entry = self._new.get(key) or self._old.get(key)
            if entry is not None:
                entry[1].release(swap)
        self._made = []

    def unreleased(self) -> None:
        """Forget every entry that holds a Written: after a run that did not finish, or pages
        changed behind the session's back, the next run renders every page again."""
        def holds(entry) -> bool:
            inputs, value = entry
            return isinstance(value, Written) or (type(value) is dict and any(isinstance(v, Written) for v in value.values())) \
                or (type(inputs) is tuple and any(isinstance(x, Written) for x in inputs)) or hasattr(value, "release")
        for table in (self._old, self._new):
            for key in [k for k, entry in table.items() if holds(entry)]:
                del table[key]
        self._holders, self._made = set(), []

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
        self._made = []
        return self
