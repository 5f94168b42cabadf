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
from .reports import merge_reports


class Filing:
    """The corrected events of a session's last run, by article and by the month they
    start in, so that a run after an edit of a few articles corrects, merges and files
    only the months their events (before and after the edit) start in: merge_reports and
    by_month work month by month, and the other months are last run's. Whatever could
    reach beyond those months (the configuration, curated events or corrections changed,
    an id of theirs corrected or found twice) is done all again."""

    def __init__(self, memo: Memo):
        self.memo = memo
        self.inputs: tuple | None = None

    def file(self, inputs: tuple, extractions: list, corrected: list, merged: list, months: tuple,
             published: dict, problems: list) -> None:
        """Keep what a run done whole gave."""
        self.inputs, self.problems, self.published = inputs, problems, dict(published)
        self.changed: dict = {}         # what the last refile() found changed: article path -> extraction
        self.ids = Counter(e.id for e in corrected)       # an id twice: by_month keeps the first
        self.holders: dict[str, set[str]] = defaultdict(set)        # id -> articles with it
        for e in corrected:
            self.holders[e.id].add(e.article)
        self.kept = {x.article.path: x for x in extractions}
        self.events: dict[str, list[Event]] = defaultdict(list)    # article path ("" curated) -> corrected events
        for e in corrected:
            self.events[e.article].append(e)
        self.in_month: dict[tuple, set[str]] = defaultdict(set)    # month -> articles with events then
        for path, events in self.events.items():
            for e in events:
                self.in_month[_month(e)].add(path)
        self.merged = Counter(map(_month, merged))                 # month -> merged events
        self.months = {_month(m[0]): m for m in months}

    def _part(self, months: set) -> list[Event]:
        """The corrected events starting in these months, in the order a whole run has them."""
        paths = sorted(set().union(*(self.in_month[m] for m in months)))     # "" (curated) first: last
        paths = paths[1:] + paths[:1] if paths and paths[0] == "" else paths
        return [e for path in paths for e in self.events[path] if _month(e) in months]

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
        self.ids.subtract(gone)
        self.ids.update(came)
        touched = set()
        for path, x in changed.items():
            for e in self.events.pop(path, ()):
                touched.add(_month(e))
                self.in_month[_month(e)].discard(path)
                self.holders[e.id].discard(path)
            self.kept.pop(path, None)
            self.published.pop(path, None)
            if x is not None:
                self.kept[path], self.events[path] = x, list(x.events)
                if x.date:
                    self.published[path] = x.date
                for e in x.events:
                    touched.add(_month(e))
                    self.in_month[_month(e)].add(path)
                    self.holders[e.id].add(path)
        # an id found twice, once outside these months: which one by_month keeps depends on
        # both, so their months are done too (an article may say one thing twice, and
        # ids of like sentences in two articles can meet: a title's words and 24 bits).
        # Counted month by month as they join: wire copy repeated over a decade joins dozens
        # of months, and counting them all again for each took seconds.
        counts: Counter = Counter()
        joining, apart = touched, set(gone)
        touched = set()
        while joining:
            ids = [e.id for e in self._part(joining)]
            counts.update(ids)
            touched |= joining
            apart = {i for i in chain(ids, apart) if self.ids[i] != counts[i]}
            more = {_month(e) for i in apart for path in self.holders[i] for e in self.events[path]
                    if e.id == i} - touched
            if apart and not more:
                return None
            joining = more
        part = self._part(touched)
        merged = merge_reports(part, self.published, settings, keep_apart=unmergeable(corrections), memo=self.memo)
        for m in touched:
            self.merged.pop(m, None)
            self.months.pop(m, None)
            if not self.in_month[m]:
                del self.in_month[m]
        self.merged.update(map(_month, merged))
        self.months.update((_month(m[0]), m) for m in by_month(merged, self.memo))
        return tuple(self.months[m] for m in sorted(self.months)), sum(self.merged.values()), list(self.problems)


def _month(e: Event) -> tuple[int, int]:
    return e.date.start.year, e.date.start.month
