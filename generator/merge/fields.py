"""Editor-written event fields, shared by curated events and corrections.

One parser for both, so a field means the same thing wherever an editor
writes it, and is validated with the same messages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..extract.temporal import calendar as cal
from ..model import STATUSES, DateSpan, Place, out_of_range

# Fields an editor may set, and what each must be.
EDITABLE = ("title", "date", "status", "type", "places", "actors", "fatalities", "description", "quote")


@dataclass(frozen=True)
class Vocab:
    """What the site configuration knows, to warn about unknown names."""
    places: dict[str, Place]
    types: frozenset[str]


def parse_date(value) -> DateSpan:
    """'2020-03-01', '2020-03', '2020', '2020-W09' or {start, end} -> DateSpan."""
    if isinstance(value, dict):
        if set(value) - {"start", "end"} or "start" not in value or "end" not in value:
            raise ValueError("a date range needs exactly 'start' and 'end'")
        start, end = parse_date(value["start"]), parse_date(value["end"])
        if end.end < start.start:
            raise ValueError(f"date range ends before it starts: {start.value} > {end.value}")
        return DateSpan(start.start, end.end, "range", f"{start.value}/{end.value}", "")
    if isinstance(value, date):
        start = end = value
        point, text = cal.Point("day", value), value.isoformat()
    else:
        text = str(value).strip()
        point = cal.parse_value(text) if re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?|-W\d\d)?", text) else None
        if point is None:
            raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www or {{start, end}})")
        # checked before the interval is computed: the month or week of 9999-12 runs past the calendar
        start = end = point.day
    if not (why := out_of_range(start)):
        start, end = cal.interval(point)
        why = out_of_range(start, end)
    if why:
        raise ValueError(f"date {text} is {why}")
    return DateSpan(start, end, cal.PRECISION[point.granularity], text)


def _names(value, field_name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ValueError(f"'{field_name}' must be a list of names")
    return tuple(str(v).strip() for v in value if str(v).strip())


def parse_fields(item: dict, vocab: Vocab) -> tuple[dict, list[tuple[str, str]]]:
    """Validated Event keyword values, and (severity, message) for each problem.

    A field with an error is left out (the rest still applies); unknown
    places and types are warnings: the editor may mean a new one.
    """
    out: dict = {}
    issues: list[tuple[str, str]] = []
    for key in EDITABLE:
        if key not in item:
            continue
        value = item[key]
        try:
            if key == "date":
                out["date"] = parse_date(value)
            elif key == "status":
                if value not in STATUSES:
                    raise ValueError(f"'status' must be one of {', '.join(STATUSES)}, not {value!r}")
                out["status"] = value
            elif key == "fatalities":
                if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                    raise ValueError(f"'fatalities' must be a whole number of people, not {value!r}")
                out["fatalities"] = value
            elif key == "places":
                names = _names(value, key)
                for n in names:
                    if n not in vocab.places:
                        issues.append(("warning", f"unknown place {n!r}: add it to site_config/places.yaml "
                                                  "to give it coordinates"))
                out["places"] = tuple(vocab.places.get(n, Place(n)) for n in names)
            elif key == "actors":
                out["actors"] = _names(value, key)
            elif key == "type":
                if vocab.types and str(value) not in vocab.types:
                    issues.append(("warning", f"unknown event type {value!r}: not in site_config/event_types.yaml"))
                out["type"] = str(value)
            else:
                if not isinstance(value, (str, int, float)) or not str(value).strip():
                    raise ValueError(f"'{key}' must be non-empty text")
                out[key] = str(value).strip()
        except (ValueError, TypeError) as exc:
            issues.append(("error", str(exc)))
    return out, issues
