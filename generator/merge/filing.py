"""A session's events kept between runs, so that an edit re-merges only its months
(pipeline.Session; extract/reading.py keeps the files' extractions likewise)."""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain

from ..extract.batch import ArticleFiles
from ..memo import Memo
from ..model import Event
from . import by_month
from .corrections import unmergeable
from .reports import joined, merge_parts, mergeable


class Filing:
    """The corrected events of a session's last run, by article and by the month they
    start in, so that a run after an edit of a few articles corrects, merges and files
    only the months their events (before and after the edit) start in: merge_reports and
    by_month work month by month, and the other months are last run's. Whatever could
    reach beyond those months (the configuration, curated events or corrections changed,
    or an id of theirs corrected) is done all again.

    by_month keeps the first of events with one id, in merge_reports' order: the events
    that merge with none (by article, curated last), then each month's merged events. An
    id may be found in many months (an article may say one thing twice, ids of like
    sentences in two articles can meet: a title's words and 24 bits), so every place an
    id is found is kept (`found`: id -> its places, a place being a tuple in that order)
    and an edit moves only the ids it touches, and files again the months where which
    event of theirs is kept changed."""

    def __init__(self, memo: Memo):
        self.memo = memo
        self.inputs: tuple | None = None

    def file(self, inputs: tuple, extractions: list, corrected: list, merged: dict, months: tuple,
             published: dict, problems: list) -> None:
        """Keep what a run done whole gave (`merged`: each month's merged events, merge_parts)."""
        self.inputs, self.problems, self.published = inputs, problems, dict(published)
        self.changed: dict = {}         # what the last refile() found changed: article path -> extraction
        self.kept = {x.article.path: x for x in extractions}
        self.events: dict[str, list[Event]] = defaultdict(list)    # article path ("" curated) -> corrected events
        for e in corrected:
            self.events[e.article].append(e)
        self.in_month: dict[tuple, set[str]] = defaultdict(set)    # month -> articles with events then
        for path, events in self.events.items():
            for e in events:
                self.in_month[_month(e)].add(path)
        self.apart = unmergeable(inputs[2])
        self.pre = dict(merged)                                    # month -> its merged events
        # month -> events after merging: those that merge with none (merge_parts' others) and the merged
        self.merged = Counter(_month(e) for e in chain((e for e in corrected if not mergeable(e, self.apart)),
                                                       *merged.values()))
        self.months = {_month(m[0]): m for m in months}
        self.found: dict[str, set[tuple]] = defaultdict(set)
        self.at: dict[tuple, Event] = {}                           # a place -> the event found there
        for path, events in self.events.items():
            self._place(self._alone(path, events), add=True)
        for month, events in self.pre.items():
            self._place(_in_month(month, events), add=True)

    def _alone(self, path: str, events: list[Event]) -> list[tuple[tuple, Event]]:
        """An article's events that merge with none, with their places."""
        rank = (1, "") if path == "" else (0, path)       # curated events after the articles'
        return [((0, rank, i), e) for i, e in enumerate(events) if not mergeable(e, self.apart)]

    def _place(self, placed: list[tuple[tuple, Event]], add: bool, ids: set | None = None) -> None:
        for where, e in placed:
            if add:
                self.found[e.id].add(where)
                self.at[where] = e
            else:
                self.found[e.id].discard(where)
                del self.at[where]
            if ids is not None:
                ids.add(e.id)

    def _part(self, months: set) -> list[Event]:
        """The corrected events starting in these months, in the order a whole run has them."""
        return [e for path in _in_order(set().union(*(self.in_month[m] for m in months)))
                for e in self.events[path] if _month(e) in months]

    def refile(self, inputs: tuple, files: ArticleFiles | None):
        """(months, merged events, problems) after the files' changes, or None: do it all."""
        if self.inputs is None or files is None or files.touched is None or inputs != self.inputs:
            return None
        _, curated, corrections, settings = inputs
        changed = {}                 # article path -> its extraction now (None: gone)
        for path in files.touched:
            old, new = files.before.get(path), files.results.get(path)
            old, new = old and old.extraction, new and new.extraction
            if old is not new:
                for x in (old, new):
                    if x is not None:
                        changed[x.article.path] = new
        gone = [e.id for path in changed if path in self.kept for e in self.kept[path].events]
        came = [e.id for x in changed.values() if x is not None for e in x.events]
        named = set(gone) | set(came)
        if named & {e.id for e in curated} or named & corrections.keys():
            return None         # (so their events are their corrected ones)
        self.changed = changed
        touched, ids = set(), set()
        winners = {}                 # id -> where it was kept, before the edit
        for path, x in changed.items():
            old = self.events.pop(path, [])
            winners.update((e.id, self._kept_at(e.id)) for e in old if e.id not in winners)
            self._place(self._alone(path, old), add=False, ids=ids)
            for e in old:
                touched.add(_month(e))
                self.in_month[_month(e)].discard(path)
            self.kept.pop(path, None)
            self.published.pop(path, None)
            if x is not None:
                self.kept[path], self.events[path] = x, list(x.events)
                if x.date:
                    self.published[path] = x.date
                for e in x.events:
                    touched.add(_month(e))
                    self.in_month[_month(e)].add(path)
                    if e.id not in winners:
                        winners[e.id] = self._kept_at(e.id)
                self._place(self._alone(path, self.events[path]), add=True, ids=ids)
        others, merged = merge_parts(self._part(touched), self.published, settings, keep_apart=self.apart,
                                     memo=self.memo)
        for m in touched:
            old = self.pre.pop(m, [])
            winners.update((e.id, self._kept_at(e.id)) for e in old if e.id not in winners)
            self._place(_in_month(m, old), add=False, ids=ids)
            if merged.get(m):
                self.pre[m] = merged[m]
                for e in merged[m]:
                    if e.id not in winners:
                        winners[e.id] = self._kept_at(e.id)
                self._place(_in_month(m, merged[m]), add=True, ids=ids)
        # the months whose kept events changed: the edit's own, and those an id of theirs
        # is now kept in, or no longer
        dirty = set(touched)
        for i in ids:
            before, now = winners.get(i), self._kept_at(i)
            if now != before:         # (a place gone with the edit is in a month it touched)
                dirty.update(_month(self.at[w]) for w in (before, now) if w is not None and w in self.at)
            if now is None:
                self.found.pop(i, None)
        kept = []
        for m in sorted(dirty):
            placed = [(w, e) for path in _in_order(self.in_month.get(m, ())) for w, e in
                      self._alone(path, self.events[path]) if _month(e) == m] + _in_month(m, self.pre.get(m, []))
            kept += [e for w, e in placed if min(self.found[e.id]) == w]
            self.months.pop(m, None)
        for m in touched:
            self.merged.pop(m, None)
            if not self.in_month[m]:
                del self.in_month[m]
        self.merged.update(map(_month, joined(others, merged)))
        self.months.update((_month(m[0]), m) for m in by_month(kept, self.memo))
        return tuple(self.months[m] for m in sorted(self.months)), sum(self.merged.values()), list(self.problems)

    def _kept_at(self, i: str) -> tuple | None:
        """Where the event kept for this id is found (the first place), if anywhere."""
        places = self.found.get(i)
        return min(places) if places else None



def _in_order(paths) -> list[str]:
    """Articles in the order a whole run has their events: by path, curated ("") last."""
    paths = sorted(paths)
    return paths[1:] + paths[:1] if paths and paths[0] == "" else paths


def _in_month(month: tuple, events) -> list[tuple[tuple, Event]]:
    """A month's merged events, with their places (after every event that merges with none)."""
    return [((1, month, i), e) for i, e in enumerate(events)]


def _month(e: Event) -> tuple[int, int]:
    return e.date.start.year, e.date.start.month
