"""Merge: curated and extracted events in one chronological order."""
from __future__ import annotations

from ..model import Event


def chronological(events: list[Event]) -> list[Event]:
    """Oldest first; precise dates before vaguer ones on the same start; then curated events,
    then each article's events in reading order (articles by path); id breaks ties."""
    seen: dict[str, Event] = {}
    for e in events:
        seen.setdefault(e.id, e)   # the same sentence twice is one event
    return sorted(seen.values(), key=lambda e: (e.date.start, e.date.end, e.article, e.position, e.id))
