"""Hand-curated events from content/events/*.yaml."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml

from .. import yamlio

from ..extract.temporal import calendar as cal
from ..model import DateSpan, Event, Place, Problem, stable_id


def parse_date(value) -> DateSpan:
    """'2020-03-01', '2020-03', '2020', '2020-W09' or {start, end} -> DateSpan."""
    if isinstance(value, dict):
        start, end = parse_date(value.get("start")), parse_date(value.get("end"))
        return DateSpan(start.start, end.end, "range", f"{start.value}/{end.value}", "")
    if isinstance(value, date):
        return DateSpan(value, value, "day", value.isoformat())
    text = str(value).strip()
    point = cal.parse_value(text) if re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d)?", text) else None
    if point is None:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www or start/end)")
    start, end = cal.interval(point)
    return DateSpan(start, end, cal.PRECISION[point.granularity], text)


def read_curated(path: Path, rel: str, places: dict[str, Place]) -> tuple[list[Event], list[Problem]]:
    problems: list[Problem] = []
    try:
        data = yamlio.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(rel, mark.line + 1 if mark else None, f"broken YAML: {getattr(exc, 'problem', exc)}")]
    except UnicodeDecodeError:
        return [], [Problem(rel, None, "not valid UTF-8")]
    if data is None:
        return [], []
    items = data.get("events", data) if isinstance(data, dict) else data
    if not isinstance(items, list):
        return [], [Problem(rel, 1, "expected a list of events (or a mapping with key 'events')")]
    events = []
    for i, item in enumerate(items):
        where = f"event {i + 1}"
        if not isinstance(item, dict) or not item.get("title") or "date" not in item:
            problems.append(Problem(rel, None, f"{where}: needs at least 'title' and 'date'"))
            continue
        try:
            when = parse_date(item["date"])
        except (ValueError, TypeError) as exc:
            problems.append(Problem(rel, None, f"{where} ({item.get('title')!s}): {exc}"))
            continue
        title = str(item["title"])
        sources = []
        for s in item.get("sources") or ():
            if isinstance(s, dict):
                sources.append((str(s.get("title") or s.get("url") or ""), str(s.get("url") or "")))
            else:
                sources.append((str(s), str(s)))
        event_places = tuple(places.get(str(p), Place(str(p))) for p in item.get("places") or ())
        events.append(Event(
            id=str(item.get("id") or stable_id(title, rel, when.value)), title=title, date=when,
            status=str(item.get("status", "occurred")), description=str(item.get("description", "")),
            quote=str(item.get("quote", "")), places=event_places,
            actors=tuple(str(a) for a in item.get("actors") or ()), type=str(item.get("type", "")),
            fatalities=item.get("fatalities") if isinstance(item.get("fatalities"), int) else None,
            origin="curated", sources=tuple(sources)))
    return events, problems
