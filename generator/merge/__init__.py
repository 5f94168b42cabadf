"""Merge: curated and extracted events in one chronological order."""
from __future__ import annotations

from ..memo import Memo
from ..model import Event


def _key(e: Event):
    """Oldest first; precise dates before vaguer ones on the same start; then curated events,
    then each article's events in reading order (articles by path); id breaks ties."""
    return e.date.start, e.date.end, e.article, e.position, e.id


def by_start_month(events, wanted=None, others: list | None = None) -> dict[tuple[int, int], list[Event]]:
    """(year, month) an event starts in -> its events, in the order given. With `wanted`, only
    the events it accepts; the others are appended to `others` (one pass over a decade's events)."""
    months: dict[tuple[int, int], list[Event]] = {}
    for e in events:
        if wanted is not None and not wanted(e):
            others.append(e)
            continue
        start = e.date.start
        month = months.get((start.year, start.month))
        if month is None:
            month = months[(start.year, start.month)] = []
        month.append(e)
    return months


def by_month(events, memo: Memo | None = None) -> tuple[tuple[Event, ...], ...]:
    """The chronological order cut by the month events start in: later stages
    (calendar, facets, article pages) work month by month, and with a memo a run
    after one new article re-sorts and re-files only the months it touched."""
    memo = Memo() if memo is None else memo
    seen: set[str] = set()
    unique = []
    for e in events:
        if e.id not in seen:           # the same sentence twice is one event
            seen.add(e.id)
            unique.append(e)
    months = by_start_month(unique)
    out = []
    for key in sorted(months):
        part = tuple(months[key])
        out.append(memo(("sorted", key), part, lambda: tuple(sorted(part, key=_key))))
    return tuple(out)
