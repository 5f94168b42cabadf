"""Open data: every event as JSON, CSV (ACLED's columns), GeoJSON, TimelineJS3 JSON
and iCalendar, for the site's downloads (data/) and `timeline export`.

One record per event (event_record) feeds every format, so the files say the same.
Each format is written month by month (SiteInput.per_month): under `timeline serve`
a new article re-serialises only its months.
"""
from __future__ import annotations

import csv
import html
import io
import json
from datetime import date, datetime, timedelta, timezone
from typing import Iterator, NamedTuple

from ..gazetteer import REGION_KINDS
from ..model import Event, kept
from ..memo import Packed, Written
from ..render.context import SiteInput
from ..render.event import provenance
from ..render.home import DOWNLOADS_PAGE      # the home page links it
from ..render.paths import event_page, href
from ..render.text import COMPACT_JSON, front_matter, safe_url

FORMATS = {   # --format name -> file in the site's data/ folder, and its media type
    "json": ("data/events.json", "application/json"),
    "csv": ("data/events.csv", "text/csv"),
    "geojson": ("data/events.geojson", "application/geo+json"),
    "timelinejs": ("data/timelinejs.json", "application/json"),
    "ics": ("data/events.ics", "text/calendar"),
}
LICENCE = ("Event records derived from the cited news reports; quotes remain their publishers'. "
           "Reuse the records with a link to this site and to the sources.")


def event_link(e: Event, site_url: str) -> str:
    """The event's permanent address: absolute when the site's address is known."""
    path = _facts(e).path
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


# ACLED's time_precision: 1 the day is known, 2 within a week (a few days), 3 the month or vaguer.
def time_precision(e: Event) -> int:
    if e.date.precision == "day":
        return 1
    if e.date.precision in ("either", "week") or (e.date.end - e.date.start).days < 7:
        return 2
    return 3


def geo_precision(kind: str) -> int:
    """ACLED's geo_precision: 1 the town itself, 2 near it or of unknown kind, 3 a region or country."""
    if kind in REGION_KINDS:
        return 3
    return 1 if kind else 2


def _fatalities(e: Event) -> list[dict]:
    return [{"count": r.fatalities, "source": r.source, "url": safe_url(r.url), "claimed_by": r.claimed_by}
            for r in e.reports if r.fatalities is not None]


class _Facts(NamedTuple):
    """What the formats say alike of an event (read only: each format's records share them)."""
    path: str                   # its page and anchor, from the site's root
    start: str                  # ISO 8601 dates
    end: str
    time_precision: int
    provenance: str
    fatalities: list[dict]      # each report's figure (_fatalities)
    figures: list[int]          # just the figures


def _facts(e: Event) -> _Facts:
    """Worked out once per event (model.kept) for the three formats of a large site (five of
    a small one)."""
    return kept(e, "_facts", _worked_out)


def _worked_out(e: Event) -> _Facts:
    fatalities = _fatalities(e)
    return _Facts(event_page(e).removesuffix("index.md") + "#" + e.id, e.date.start.isoformat(),
                  e.date.end.isoformat(), time_precision(e), provenance(e), fatalities,
                  [f["count"] for f in fatalities])


def _sources(e: Event, site: SiteInput) -> list[dict]:
    out = []
    for r in e.reports:
        info = site.articles.get(r.article) if r.article else None
        if info is not None:
            out.append({"outlet": r.source, "title": info.title, "url": safe_url(r.url),
                        "published": info.date.isoformat() if info.date else None,
                        "published_from": info.date_source, "report_id": r.id,
                        # the first report's words are the event's quote already
                        "quote": "" if r is e else r.quote})
    out += [{"outlet": "", "title": label, "url": safe_url(url), "published": None, "published_from": None,
             "quote": "", "report_id": e.id} for label, url in e.sources]
    return out


def event_record(e: Event, site: SiteInput) -> dict:
    """Everything the site says about an event, as plain data."""
    facts = _facts(e)
    return {
        "id": e.id, "ids": list(e.ids), "url": event_link(e, site.site_url), "title": e.title,
        "date": {"start": facts.start, "end": facts.end, "precision": e.date.precision,
                 "label": e.date.label(), "text": e.date.text, "time_precision": facts.time_precision},
        "status": e.status,
        "places": [{"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country or None, "kind": p.kind,
                    "geo_precision": geo_precision(p.kind)} for p in e.places],
        "actors": list(e.actors), "type": e.type or None,
        "fatalities": facts.fatalities, "claimed_by": e.claimed_by or None,
        "quote": e.quote, "description": e.description,
        "sources": _sources(e, site),
        "provenance": facts.provenance, "note": e.note,
    }


def _json_part(events, site: SiteInput) -> str:
    return ",\n".join(COMPACT_JSON(event_record(e, site)) for e in events)


def _joined(parts) -> str:
    return ",\n".join(p for p in parts if p)


def _parts(site: SiteInput, fmt: str, given: tuple[Packed, ...] | None) -> tuple[str, ...]:
    """Each month's serialised events (`given` by data_batches: some months only, for a year's file)."""
    return tuple(p.text() for p in (given if given is not None else _month_parts(site, fmt)))


def events_json(site: SiteInput, given: "tuple[Packed, ...] | None" = None) -> str:
    parts = _parts(site, "json", given)
    head = json.dumps({"title": site.title, "licence": LICENCE}, ensure_ascii=False)[:-1]
    return f'{head}, "events": [\n{_joined(parts)}\n]}}\n'


CSV_COLUMNS = ("event_id_cnty", "event_date", "end_date", "year", "time_precision", "precision", "status",
               "event_type", "actor1", "actor2", "assoc_actors", "country", "location", "latitude", "longitude",
               "geo_precision", "other_locations", "source", "source_url", "notes", "fatalities",
               "fatalities_reported", "claimed_by", "provenance", "url")


def _first_located(e: Event):
    return next((p for p in e.places if p.lat is not None and p.lon is not None), e.places[0] if e.places else None)


def _csv_row(e: Event, site: SiteInput) -> list:
    place = _first_located(e)
    facts = _facts(e)
    figures = facts.figures
    return [
        e.id, facts.start, facts.end, e.date.start.year, facts.time_precision,
        e.date.precision, e.status, e.type, e.actors[0] if e.actors else "", e.actors[1] if len(e.actors) > 1 else "",
        "; ".join(e.actors[2:]), place.country if place else "", place.name if place else "",
        "" if place is None or place.lat is None else place.lat, "" if place is None or place.lon is None else place.lon,
        geo_precision(place.kind) if place else "", "; ".join(p.name for p in e.places if p is not place),
        "; ".join(dict.fromkeys(r.source for r in e.reports if r.source))
        or "; ".join(label for label, _ in e.sources),
        safe_url(e.url) or next((safe_url(u) for _, u in e.sources if safe_url(u)), ""),
        e.quote or e.description,
        min(figures) if figures else "",      # ACLED's rule: the most conservative report
        "; ".join(str(n) for n in figures) if len(set(figures)) > 1 else "",
        e.claimed_by, facts.provenance, event_link(e, site.site_url),
    ]


def _csv_part(events, site: SiteInput) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(_csv_row(e, site) for e in events)
    return out.getvalue()


def events_csv(site: SiteInput, given: "tuple[Packed, ...] | None" = None) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(CSV_COLUMNS)
    parts = _parts(site, "csv", given)
    return out.getvalue() + "".join(parts)


def _feature(e: Event, site: SiteInput) -> dict | None:
    located = [p for p in e.places if p.lat is not None and p.lon is not None]
    if not located:
        return None
    coords = [[round(p.lon, 6), round(p.lat, 6)] for p in located]
    geometry = {"type": "Point", "coordinates": coords[0]} if len(coords) == 1 else \
        {"type": "MultiPoint", "coordinates": coords}
    facts = _facts(e)
    figures = facts.figures
    properties = {"title": e.title, "url": event_link(e, site.site_url), "start": facts.start,
                  "end": facts.end, "precision": e.date.precision, "time_precision": facts.time_precision,
                  "status": e.status, "type": e.type or None, "actors": list(e.actors),
                  "places": [p.name for p in located], "fatalities": min(figures) if figures else None,
                  "provenance": facts.provenance}
    return {"type": "Feature", "id": e.id, "geometry": geometry, "properties": properties}


def _geojson_part(events, site: SiteInput) -> str:
    features = (_feature(e, site) for e in events)
    return ",\n".join(COMPACT_JSON(f) for f in features if f)


def events_geojson(site: SiteInput, given: "tuple[Packed, ...] | None" = None) -> str:
    parts = _parts(site, "geojson", given)
    return f'{{"type": "FeatureCollection", "features": [\n{_joined(parts)}\n]}}\n'


def _tl_date(d: date, precision: str) -> dict:
    out = {"year": d.year}
    if precision not in ("year", "decade", "century"):
        out["month"] = d.month
        if precision in ("day", "either", "week", "range"):
            out["day"] = d.day
    return out


def _timelinejs_event(e: Event, site: SiteInput) -> dict:
    """TimelineJS renders its text as HTML: everything from content is escaped."""
    link = event_link(e, site.site_url)
    text = (f"<p>{html.escape(e.quote or e.description)}</p>" if e.quote or e.description else "") + \
        f'<p><a href="{html.escape(link)}">{html.escape(e.date.label())} ({html.escape(e.date.precision)})</a></p>'
    out = {"unique_id": e.id, "start_date": _tl_date(e.date.start, e.date.precision),
           "text": {"headline": html.escape(e.title), "text": text}, "display_date": e.date.label()}
    if e.date.end != e.date.start:
        out["end_date"] = _tl_date(e.date.end, e.date.precision)
    if e.type:
        out["group"] = e.type
    return out


def _timelinejs_part(events, site: SiteInput) -> str:
    return ",\n".join(COMPACT_JSON(_timelinejs_event(e, site)) for e in events)


def timelinejs(site: SiteInput, given: "tuple[Packed, ...] | None" = None) -> str:
    parts = _parts(site, "timelinejs", given)
    title = json.dumps({"text": {"headline": html.escape(site.title), "text": html.escape(site.description)}},
                       ensure_ascii=False)
    return f'{{"title": {title}, "events": [\n{_joined(parts)}\n]}}\n'


def _stamp(e: Event, site: SiteInput) -> datetime:
    """DTSTAMP (required) from the content, not the clock: rebuilds stay byte-identical.
    The day its report was published, else the day it starts."""
    info = site.articles.get(e.article) if e.article else None
    day = info.date if info is not None and info.date else e.date.start
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def _fold(line: str) -> str:
    """RFC 5545 3.1: lines of at most 75 octets, continued after CRLF and a space,
    never splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    out, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:     # inside a character: cut before it
            end -= 1
        out.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    return "\r\n ".join(out) + "\r\n"


def _ics_text(value: str) -> str:
    """RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped, any line break as \\n."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _ics_part(events, site: SiteInput) -> str:
    """VEVENTs written line by line (tests read them back with icalendar): building
    icalendar.Event objects cost 0.5 ms an event, a minute for a decade of news, and a
    vText object per value was still a third of the whole export."""
    text = _ics_text
    host = site.site_url.split("//", 1)[-1].split("/", 1)[0] if site.site_url else "timeline"
    out = []
    for e in events:
        lines = ["BEGIN:VEVENT", f"UID:{text(f'{e.id}@{host}')}",
                 f"DTSTAMP:{_stamp(e, site).strftime('%Y%m%dT%H%M%SZ')}",
                 f"DTSTART;VALUE=DATE:{e.date.start.strftime('%Y%m%d')}",
                 # all-day: the end is exclusive
                 f"DTEND;VALUE=DATE:{(e.date.end + timedelta(days=1)).strftime('%Y%m%d')}",
                 f"SUMMARY:{text(e.title)}"]
        words = [f"{e.date.label()} ({e.date.precision}, {e.status}, {provenance(e)})"]
        words += [x for x in (e.quote, e.description) if x]
        words += [f"{r.source}: {safe_url(r.url)}".strip(": ") for r in e.reports if r.source or safe_url(r.url)]
        lines.append(f"DESCRIPTION:{text(chr(10).join(words))}")
        lines.append(f"URL:{event_link(e, site.site_url)}")
        if e.places:
            lines.append(f"LOCATION:{text(', '.join(p.name for p in e.places))}")
        place = next((p for p in e.places if p.lat is not None and p.lon is not None), None)
        if place is not None:
            lines.append(f"GEO:{float(place.lat)};{float(place.lon)}")
        if e.type:
            lines.append(f"CATEGORIES:{text(e.type)}")
        lines += [f"STATUS:{'TENTATIVE' if e.status == 'planned' else 'CONFIRMED'}", "END:VEVENT"]
        out.append("".join(_fold(line) for line in lines))
    return "".join(out)


def events_ics(site: SiteInput, given: "tuple[Packed, ...] | None" = None) -> str:
    from icalendar import Calendar
    cal = Calendar()
    cal.add("prodid", "-//timeline-generator//events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", site.title)
    head, _, tail = cal.to_ical().decode("utf-8").rpartition("END:VCALENDAR")
    parts = _parts(site, "ics", given)
    return head + "".join(parts) + "END:VCALENDAR" + tail


WRITERS = {"json": events_json, "csv": events_csv, "geojson": events_geojson, "timelinejs": timelinejs,
           "ics": events_ics}


PARTS = {"json": _json_part, "csv": _csv_part, "geojson": _geojson_part, "timelinejs": _timelinejs_part,
         "ics": _ics_part}


# A whole-site download larger than this is not published: a decade of news makes files
# a browser or spreadsheet chokes on (and GitHub refuses files over 100 MB), and each edit
# would rewrite them all. Such sites offer a file per year; `timeline export` writes the whole.
WHOLE_LIMIT = 10 * 2**20
# The formats a large site offers per year. A calendar or a TimelineJS slideshow of ten
# thousand events a year is of no use, and those two files were a third of the downloads
# (GitHub Pages publishes at most 1 GB); `timeline export` still writes them.
BY_YEAR = ("json", "csv", "geojson")


def year_path(path: str, year: int) -> str:
    """data/events.json -> data/events-2020.json"""
    stem, dot, ext = path.rpartition(".")
    return f"{stem}-{year}{dot}{ext}"


def file_year(path: str) -> int | None:
    """data/events-2020.json -> 2020 (the inverse of year_path); None for a whole file."""
    stem = path.rpartition(".")[0]
    year = stem.rpartition("-")[2]
    return int(year) if "-" in stem and year.isdigit() else None


def _month_parts(site: SiteInput, fmt: str) -> tuple[Packed, ...]:
    """Each month's events in one format, kept compressed in the site's memo (SiteInput.per_month)."""
    return tuple(site.per_month(("export", fmt, site.site_url), lambda part: Packed(PARTS[fmt](part, site))))


def data_batches(site: SiteInput) -> Iterator[dict[str, str]]:
    """Every download, by its path in the site, a year's files (or a whole file) at a time:
    each is written and let go before the next is made (pipeline.Session). Each format whole
    while its JSON is under WHOLE_LIMIT; past that, on a site spanning years, the BY_YEAR
    formats a year at a time (and whole too for those still under the limit). Joined from
    month parts: under `timeline serve` an edit re-serialises only its months and rewrites
    only the files holding them; the others are what the memo kept of them (memo.Written)."""
    json_months = _month_parts(site, "json")
    years: dict[int, list[int]] = {}          # year -> its months' positions in the parts
    for i, part in enumerate(site.months or (site.events,)):
        if part:
            years.setdefault(part[0].date.start.year, []).append(i)
    by_year = len(years) > 1 and sum(map(byte_size, json_months)) > WHOLE_LIMIT     # JSON: the largest
    formats = BY_YEAR if by_year else tuple(WRITERS)
    months = {f: json_months if f == "json" else _month_parts(site, f) for f in formats}
    if by_year:
        for year, where in years.items():
            batch = {}
            for f in formats:
                chosen = tuple(months[f][i] for i in where)
                batch[year_path(FORMATS[f][0], year)] = site.memo(
                    ("export", f, year), (chosen, site.title, site.description), lambda: WRITERS[f](site, chosen))
            yield batch
    for f in formats:
        if not by_year or sum(map(byte_size, months[f])) <= WHOLE_LIMIT:
            yield {FORMATS[f][0]: site.memo(("export", f), (months[f], site.title, site.description),
                                            lambda: WRITERS[f](site, months[f]))}


def byte_size(text: "str | Written | Packed") -> int:
    """Bytes of the UTF-8 file. Under `timeline serve` most files are last run's, which the
    memo keeps as their size (memo.Written), and a month's part knows its own (memo.Packed)."""
    if isinstance(text, (Written, Packed)):
        return text.size
    return len(text) if text.isascii() else len(text.encode("utf-8"))


_ABOUT = {
    "json": "every event with all the site says of it: permanent id and URL, every anchor that leads to it, "
            "date (start, end, precision, the words it came from), status, places with coordinates and "
            "country, actors, type, fatalities with the report that gave each figure, claim, quote, "
            "sources and provenance",
    "csv": "one row per event in ACLED's column style (columns below)",
    "geojson": "the events that have coordinates, as GeoJSON features (a Point, or a MultiPoint for "
               "several places) with their title, link, dates, type, actors, places and fatalities",
    "timelinejs": "for TimelineJS3 (its JSON format; events grouped by type)",
    "ics": "an iCalendar file: each event all-day over its real span, to open in a calendar",
}
COLUMN_MEANINGS = (
    ("event_id_cnty", "the event's permanent id (its anchor on the site)"),
    ("event_date, end_date, year", "first and last day the date can mean (ISO 8601)"),
    ("time_precision", "1: the day is known; 2: within a week or a few days; 3: the month, or vaguer"),
    ("precision", "the site's own precision: day, either (one of two days), week, range, month, quarter, "
                  "season, year, decade, century"),
    ("status", "occurred, planned or ongoing"),
    ("event_type", "the event's type (site_config/event_types.yaml)"),
    ("actor1, actor2, assoc_actors", "the actors named, in the order found; more than two go to assoc_actors"),
    ("country, location, latitude, longitude", "the first place with coordinates (ISO country code)"),
    ("geo_precision", "1: the town itself; 2: a place of unknown kind; 3: a region or country"),
    ("other_locations", "the event's other places"),
    ("source, source_url", "the outlets that reported it, and the first report's link"),
    ("notes", "the sentence the event was taken from (or a curated event's description)"),
    ("fatalities", "the lowest figure any report gives (ACLED's conservative rule); blank when none is given"),
    ("fatalities_reported", "every figure when reports differ"),
    ("claimed_by", "who the report attributes the claim to"),
    ("provenance", "machine-extracted, reviewed (confirmed by an editor) or curated"),
    ("url", "the event's permanent link on this site"),
)


_LABELS = {"json": "JSON", "csv": "CSV", "geojson": "GeoJSON", "timelinejs": "TimelineJS", "ics": "iCalendar"}


def _size_label(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{max(1, round(n / 1024))} KB"


def downloads_page(sizes: dict[str, int], feed: str) -> str:
    """data/index.md: what each download holds, its size (bytes, by path), licence and the CSV's columns."""
    def link(path: str) -> str:
        name = path.split("/")[-1]
        return f"[{name}]({name})"

    lines = [front_matter("Downloads", description="Every event of this site as JSON, CSV (ACLED's columns), GeoJSON, "
                          "TimelineJS3 and iCalendar, with an Atom feed of the newest") + "# Downloads", "",
             "Every event on this site, as data. The same files come from `timeline export`.", "",
             "| file | what it holds | size |", "| --- | --- | --- |"]
    for fmt, (path, _) in FORMATS.items():
        if path in sizes:
            lines.append(f"| {link(path)} | {_ABOUT[fmt]} | {_size_label(sizes[path])} |")
    lines.append(f"| [feed.xml]({href(DOWNLOADS_PAGE, feed)}) | an Atom feed of the newest events | "
                 f"{_size_label(sizes.get(feed, 0))} |")
    years = sorted({y for y in map(file_year, sizes) if y is not None})
    if years:
        per_year = [f for f in BY_YEAR if year_path(FORMATS[f][0], years[0]) in sizes]
        lines += ["", "## By year", "",
                  f"This site's events make files larger than {WHOLE_LIMIT // 2**20} MB, so they are offered a year "
                  f"at a time here, as {', '.join(_LABELS[f] for f in per_year)}. `timeline export` writes any "
                  "format whole (iCalendar and TimelineJS included).", "",
                  "| year | " + " | ".join(_LABELS[f] for f in per_year) + " |",
                  "| --- |" + " --- |" * len(per_year)]
        for year in years:
            cells = [f"[{_size_label(sizes[p])}]({p.split('/')[-1]})"
                     for p in (year_path(FORMATS[f][0], year) for f in per_year)]
            lines.append(f"| {year} | " + " | ".join(cells) + " |")
    lines += ["", "## Licence", "", LICENCE + " Quotes are short extracts for reference; the full articles "
              "belong to their publishers. Coordinates and country codes come from the site's gazetteer "
              "(GeoNames, CC BY 4.0, where it was used).", "",
              "## Columns of events.csv", "", "| column | meaning |", "| --- | --- |"]
    lines += [f"| `{name}` | {meaning} |" for name, meaning in COLUMN_MEANINGS]
    return "\n".join(lines) + "\n"
