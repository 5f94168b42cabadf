"""Pages per place, actor and event type: each event listed chronologically, with counts."""
from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from operator import attrgetter
from typing import Iterator

from ..model import MONTH_NAMES, Event
from ..memo import Memo, Packed
from .context import BATCH_CHARS, SiteInput
from .event import event_item
from .map import place_map
from .preview import describe
from .paths import FACETS, rel
from .text import esc, front_matter, h, plural


def facet_groups(events) -> dict[str, dict[str, list[Event]]]:
    """kind -> name -> its events, in the order given: events by place, actor and type."""
    places: dict[str, list[Event]] = defaultdict(list)
    actors: dict[str, list[Event]] = defaultdict(list)
    types: dict[str, list[Event]] = defaultdict(list)
    for e in events:        # one pass: forty thousand events, three facets
        for p in e.places:
            places[p.name].append(e)
        for name in e.actors:
            actors[name].append(e)
        if e.type:
            types[e.type].append(e)
    return {"places": places, "actors": actors, "types": types}


def facet_pages(site: SiteInput) -> Iterator[dict[str, str]]:
    """The facets' pages a batch at a time (about BATCH_CHARS of text each)."""
    memo = site.memo
    pages: dict[str, str] = {}
    # kind -> name -> year -> events, joined from the months' groups (chronological; a month's
    # events start in one year): a facet's years come ready, not sorted out event by event each run
    by_kind: dict[str, dict[str, dict[int, list[Event]]]] = {kind: {} for kind in FACETS}
    for part in site.per_month("facets", facet_groups):
        for kind, groups in part.items():
            joined = by_kind[kind]
            for name, events in groups.items():
                years = joined.setdefault(name, {})
                if events[0].date.start.year == events[-1].date.start.year:
                    years.setdefault(events[0].date.start.year, []).extend(events)
                else:               # a site given no months (one part of all its events)
                    for e in events:
                        years.setdefault(e.date.start.year, []).append(e)
    chars = 0
    for kind, heading in FACETS.items():
        groups = by_kind[kind]
        index = f"{kind}/index.md"
        counts = tuple(sorted(((name, sum(map(len, years.values()))) for name, years in groups.items()),
                              key=lambda t: (-t[1], t[0].lower())))
        pages[index] = memo(index, counts, lambda: _index(kind, heading, index, counts, site))
        for name, years in groups.items():
            years = tuple((y, tuple(evs)) for y, evs in years.items())
            intro = _place_map(site, name, years[0][1]) if kind == "places" else ""
            made = memo((kind, name), (years, intro), lambda: _facet(kind, heading, name, site.facet_page(kind, name),
                                                                     years, memo, intro))
            pages.update(made)
            chars += sum(len(text) for text in made.values() if type(text) is str)
            if chars > BATCH_CHARS:
                yield pages
                pages, chars = {}, 0
    yield pages


def _index(kind: str, heading: str, index: str, counts: tuple, site: SiteInput) -> str:
    lines = [front_matter(heading, search="exclude") + f"# {heading}", ""]
    for name, count in counts:
        lines.append(f"- [{esc(name)}]({rel(index, site.facet_page(kind, name))}) — {plural(count, 'event')}")
    if not counts:
        lines.append("None yet.")
    return "\n".join(lines) + "\n"


# A facet with more events than this gets a page per year (and an index with
# counts), so that no page lists thousands of events: readable, and quick to build.
SPLIT_ABOVE = 300


def _place_map(site: SiteInput, name: str, events) -> str:
    """A place page's small map (render/map.py), from the place as its first event names it."""
    place = next(p for p in events[0].places if p.name == name)
    drawn = site.memo(("place map", name), (place.lat, place.lon, site.basemap),
                      lambda: place_map(site, place.lat, place.lon, name))
    return f'<div class="tl-block">\n{drawn}\n</div>' if drawn else ""


def _facet(kind: str, heading: str, name: str, path: str, years: tuple[tuple[int, tuple[Event, ...]], ...],
           memo: Memo, intro: str = "") -> dict[str, str]:
    """`years`: the facet's events by year, in order; `intro`: raw HTML under the title (a place's map)."""
    count = sum(len(evs) for _, evs in years)
    head = [front_matter(name, search="exclude", description=describe(name, _first(years), count=count)) + f"# {esc(name)}", "",
            f"[{heading}]({rel(path, f'{kind}/index.md')}) · "
            f"{plural(count, 'event')}, oldest first", ""] + ([intro, ""] if intro else [])
    if count <= SPLIT_ABOVE:
        events = tuple(e for _, evs in years for e in evs)
        return {path: memo(path, events, lambda: "\n".join(head + _listing(events, path, level=2)) + "\n")}
    pages = {}
    index = head + ["## By year", ""]
    for year, evs in years:
        year_path = path.replace("/index.md", f"/{year}/index.md")
        index.append(f"- [{year}]({rel(path, year_path)}) — {plural(len(evs), 'event')}")
        pages[year_path] = memo(year_path, evs, lambda: _facet_year(name, year, path, year_path, evs, memo))
    pages[path] = "\n".join(index) + "\n"
    return pages


def _first(years, n: int = 20) -> list[Event]:
    """The facet's first events: all a description can name."""
    out: list[Event] = []
    for _, evs in years:
        out.extend(evs[:n - len(out)])
        if len(out) >= n:
            break
    return out


def _facet_year(name: str, year: int, path: str, year_path: str, events: tuple[Event, ...], memo: Memo) -> str:
    """A year of a facet, listed month by month: each month's list is kept in the memo, so a
    new event re-lists its month, not the year (a type's year holds thousands of events)."""
    title = f"{name}: {year}"
    body = [front_matter(title, search="exclude") + f"# {esc(title)}", "",
            f"[All years of {esc(name)}]({rel(year_path, path)}) · {plural(len(events), 'event')}, oldest first", ""]
    for month, run in groupby(events, _START_MONTH):     # runs of one start month (events are chronological)
        run = tuple(run)
        # a month's heading comes at its first event, whatever came before: runs list alone
        # kept compressed: a decade of facet lists is read again only when a neighbour changes
        body.append(memo(("facet month", year_path, month), run,
                         lambda: Packed("\n".join(_listing(run, year_path, level=2, years=False)))).text())
    return "\n".join(body) + "\n"


_START_MONTH = attrgetter("date.start.month")


def _listing(events: list[Event], path: str, level: int, years: bool = True) -> list[str]:
    """Events in order under year and month headings; each month's list one raw HTML block."""
    lines: list[str] = []
    items: list[str] = []
    year = month = None

    def flush():
        if items:
            lines.extend(['<div class="tl-block">', "<ul>", *items, "</ul>", "</div>", ""])
            items.clear()

    for e in events:   # already chronological
        s = e.date.start
        if s.year != year:
            flush()
            year, month = s.year, None
            if years:
                lines += [f"{'#' * level} {year}", ""]
        if s.month != month and e.date.precision not in ("year", "decade", "century"):
            flush()
            month = s.month
            lines += [f"{'#' * (level + years)} {MONTH_NAMES[month - 1]} {year}", ""]
        status = "" if e.status == "occurred" else f" ({h(e.status)})"
        items.append(f"<li>{event_item(e, path)}{status}</li>")
    flush()
    return lines
