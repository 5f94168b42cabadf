"""The map page (/map/) and its data, and the small map on each place page.

Forty thousand events must not be forty thousand markers: the page draws one marker
per place, sized by its count under the reader's filters. It loads the basemap and a
summary (counts per place, month, type and actor) at once, and a year's events only
when the reader opens a place in that year (map/YYYY.json). Nothing is fetched from
another site unless `map: tiles:` is set in site_config/site.yaml.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict

from ..model import Event
from .context import SiteInput
from .paths import event_page, href
from .text import front_matter, h, plural

MAP_PAGE = "map/index.md"
PRECISION_CODES = ("day", "either", "week", "range", "month", "quarter", "season", "year", "decade", "century")


def _located(e: Event):
    return [p for p in e.places if p.lat is not None and p.lon is not None]


def _month(e: Event) -> int:
    """The month an event is counted in; 0 when it is known only to the year or vaguer."""
    return 0 if e.date.precision in ("year", "decade", "century") else e.date.start.month


def _rows(events) -> tuple[Counter, list[tuple]]:
    """A month's counts (place, year, month, type, actor or "" for all) and its event records."""
    keys = []
    records = []
    for e in events:
        located = _located(e)
        if not located:
            continue
        y, m = e.date.start.year, _month(e)
        places = tuple(dict.fromkeys(p.name for p in located))
        actors = ("", *dict.fromkeys(e.actors))
        keys += [(p, y, m, e.type, actor) for p in places for actor in actors]
        records.append((e, places))
    return Counter(keys), records       # counted in C


def _year_rows(parts) -> tuple[list, dict, Counter, tuple]:
    """A year's months together: its counts in key order (place first), its places' coordinates,
    its actors' totals and its event records. Kept per year, so that after an edit only
    the edited year is summed again (the keys hold the year: years never share one)."""
    counts: Counter = Counter()
    for part_counts, _ in parts:
        counts.update(part_counts)
    places: dict[str, tuple] = {}
    records = tuple(r for _, rs in parts for r in rs)
    for e, _ in records:
        for p in _located(e):
            if p.name not in places:        # the first one named so gives the coordinates
                places[p.name] = (round(p.lat, 4), round(p.lon, 4), p.country)
    actors: Counter = Counter()
    for (_, _, _, _, actor), n in counts.items():
        if actor:
            actors[actor] += n
    return sorted(counts.items()), places, actors, records


def map_files(site: SiteInput, types: tuple[str, ...]) -> dict[str, str]:
    """map/index.md, map/basemap.json, map/summary.json and map/YYYY.json; {} without coordinates.
    `types`: every type of the site, sorted (their colours are the time axis's)."""
    months: dict[int, list] = defaultdict(list)
    for part in site.per_month("map", _rows):
        if part[1]:
            months[part[1][0][0].date.start.year].append(part)
    years = {y: site.memo(("map", "year", y), tuple(parts), lambda: _year_rows(parts))
             for y, parts in sorted(months.items())}
    # the same years (last run's very sums) give the same files: nothing to join or encode again
    return site.memo("map", (tuple(years.items()), types, site.basemap, site.map_tiles, site.map_attribution),
                     lambda: _map_files(site, types, years, months))


def _map_files(site: SiteInput, types: tuple[str, ...], years: dict, months: dict) -> dict[str, str]:
    places: dict[str, tuple] = {}
    actor_totals: Counter = Counter()
    for _, year_places, year_actors, _ in years.values():
        for name, where in year_places.items():
            places.setdefault(name, where)
        actor_totals.update(year_actors)
    if not places:
        return {}
    names = sorted(places)
    actors = sorted(actor_totals, key=lambda a: (-actor_totals[a], a))
    pi, ti, ai = ({n: i for i, n in enumerate(xs)} for xs in (names, types, actors))
    per_place: dict[int, list] = defaultdict(list)
    totals: Counter = Counter()         # events per place, all actors
    for items, _, _, _ in years.values():   # years in order, each sorted by place: rows sorted as before
        for (p, y, m, t, actor), n in items:
            per_place[pi[p]].append([y, m, ti[t], ai[actor] if actor else -1, n])
            if not actor:
                totals[p] += n
    summary = {
        "places": [[n, *places[n], href(MAP_PAGE, site.facet_page("places", n))] for n in names],
        "types": types, "actors": actors, "precisions": PRECISION_CODES,
        "years": sorted(years),
        "counts": [per_place[i] for i in range(len(names))],
    }
    files = {"map/summary.json": json.dumps(summary, ensure_ascii=False, separators=(",", ":")) + "\n"}
    index = (tuple(names), types, tuple(actors))
    for y, parts in months.items():
        # month by month: an edit serialises its months again, not its year
        rows = [site.memo(("map rows", y, rs[0][0].date.start.month), (rs, index), lambda: _event_rows(rs, pi, ti, ai))
                for _, rs in parts]
        files[f"map/{y}.json"] = '{"events":[' + ",".join(r for r in rows if r) + "]}\n"
    if site.basemap is not None:
        files["map/basemap.json"] = site.memo("map/basemap.json", (site.basemap,), site.basemap.world_json)
    files[MAP_PAGE] = map_page(site, names, places, totals)
    return files


def _event_rows(records, pi: dict, ti: dict, ai: dict) -> str:
    """Located events, the rows of a year's file (map/YYYY.json, between its brackets): places,
    start, end, precision, type, actors (as indexes into the summary's lists), title and link."""
    rows = [[[pi[p] for p in where], e.date.start.isoformat(), e.date.end.isoformat(),
             PRECISION_CODES.index(e.date.precision), ti[e.type], [ai[a] for a in dict.fromkeys(e.actors)],
             e.title, href(MAP_PAGE, event_page(e)) + "#" + e.id] for e, where in records]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))[1:-1]


def map_page(site: SiteInput, names, places, totals: Counter) -> str:
    listed = sorted(names, key=lambda n: (-totals[n], n))
    tiles = f' data-tiles="{h(site.map_tiles)}" data-attribution="{h(site.map_attribution)}"' if site.map_tiles else ""
    fallback = "".join(f'<li><a href="{h(href(MAP_PAGE, site.facet_page("places", n)))}">{h(n)}</a> '
                       f"({plural(totals[n], 'event')})</li>" for n in listed)
    where = ", ".join(listed[:5]) + (" …" if len(listed) > 5 else "")
    return (front_matter("Map", description=f"Map of {plural(len(names), 'place')} with events: {where}") + "# Map\n\n"
            f"{plural(len(names), 'place')} with coordinates. Each circle is a place, sized by its events under "
            "the filters and coloured by their most common type; choose one to list its events.\n\n"
            f'<div class="tl-block tl-mapblock">\n<div id="tl-map" class="tl-map"{tiles}>'
            '<noscript>The map needs JavaScript; the places below link to their events.</noscript></div>\n'
            f'<details class="tl-map-places"><summary>Places by number of events</summary><ul>{fallback}</ul></details>\n'
            "</div>\n\n"
            f'<script src="{href(MAP_PAGE, "assets/map.js")}"></script>\n')


def place_map(site: SiteInput, lat: float | None, lon: float | None, name: str) -> str:
    """A small map of a place's surroundings, drawn at build time (inline SVG, no request)."""
    if lat is None or lon is None or site.basemap is None:
        return ""
    span, width, height = 1.2, 240, 180          # degrees of latitude above and below; pixels
    sy = height / (2 * span)
    sx = sy * max(0.2, math.cos(math.radians(lat)))  # a degree of longitude is shorter away from the equator

    def xy(la: float, lo: float) -> str:
        return f"{(lo - lon) * sx + width / 2:.1f},{(lat - la) * sy + height / 2:.1f}"

    lines = "".join(f'<polyline points="{" ".join(xy(y, x) for x, y in run)}"/>'
                    for run in site.basemap.around(lat, lon, span, width / 2 / sx))
    label = f"{name}: {abs(lat):.2f}°{'N' if lat >= 0 else 'S'}, {abs(lon):.2f}°{'E' if lon >= 0 else 'W'}"
    return (f'<figure class="tl-placemap"><svg role="img" aria-label="{h(label)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}"><title>{h(label)}</title><g class="tl-borders">{lines}</g>'
            f'<circle cx="{width / 2}" cy="{height / 2}" r="5"/></svg>'
            f"<figcaption>{h(label)} · borders: Natural Earth</figcaption></figure>")

