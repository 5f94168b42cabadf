"""Pagefind records (large sites): every event is its own search result.

Indexing the day pages made a result a page: filters counted and selected
pages, a place filter listed days whose other events were about other towns,
and results could not be sorted by date. Each event is instead one Pagefind
custom record (export/site.py): its URL is its anchor, its filters are its own, its
order is the records' own (events in date order; export/pagefind.py names each
record after its place in it). The records are written per month
under .search/ (MkDocs skips dot folders), so a rebuild re-derives only changed
months.
"""
from __future__ import annotations

from typing import Iterator

from ..model import Event
from .headline import headline
from .paths import event_page
from .text import SORTED_JSON

RECORDS = ".search"


def record(e: Event) -> dict:
    title = headline(e)
    places = list(dict.fromkeys(p.name for p in e.places))
    text = [title, e.quote if e.quote != title else "", e.description, ", ".join(places), ", ".join(e.actors), e.type]
    meta = {"title": title, "date": e.date.label(), "place": ", ".join(places), "type": e.type}
    filters = {"place": places, "actor": list(e.actors), "type": [e.type] if e.type else [],
               "year": sorted({str(y) for y in range(e.date.start.year, e.date.end.year + 1)})}
    return {"url": f"{event_page(e).removesuffix('index.md')}#{e.id}",
            "content": " ".join(t for t in text if t),
            "meta": {k: v for k, v in meta.items() if v},
            "filters": {k: v for k, v in filters.items() if v}}


def records(events: tuple[Event, ...]) -> str:
    return "".join(SORTED_JSON(record(e)) + "\n" for e in events)


def _month(events: tuple[Event, ...]) -> dict[str, str]:
    """{path: records}: a dict, the form of a memo value whose page is let go once written."""
    key = f"{events[0].date.start.year:04d}-{events[0].date.start.month:02d}" if events else "all"
    return {f"{RECORDS}/{key}.jsonl": records(events)}


def search_batches(site) -> Iterator[dict[str, str]]:
    """{docs path: records}, a file per month of site.months (SiteInput.each_month), a year
    of them at a time: each batch is written and let go before the next is made."""
    batch: dict[str, str] = {}
    year = None
    for part in site.each_month("search", _month):
        for path, text in part.items():       # one file a month: no two parts share a path
            if path[len(RECORDS) + 1:][:4] != year and batch:
                yield batch
                batch = {}
            year = path[len(RECORDS) + 1:][:4]
            if text:
                batch[path] = text
    if batch:
        yield batch
