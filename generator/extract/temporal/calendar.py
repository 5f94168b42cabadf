"""Calendar arithmetic on TIMEX3 values: parse, format, shift, and intervals.

A resolved date is handled as a *point*: a granularity (day, week, month ...)
and any day inside it. Everything here is pure and knows no language.
"""
from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta
from typing import NamedTuple

# Coarsening order; "weekend" and "week" are both week-sized.
GRANULARITIES = ("day", "weekend", "week", "month", "quarter", "half", "season",
                 "year", "decade", "century")

# Month steps per unit; day-based units are handled as days.
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
_DAYS = {"day": 1, "week": 7, "weekend": 7, "fortnight": 14}

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_VALUE_FORMS = [
    ("day", re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")),
    ("weekend", re.compile(r"^(\d{4})-W(\d\d?)-WE$")),
    ("week", re.compile(r"^(\d{4})-W(\d\d?)$")),
    ("month", re.compile(r"^(\d{4})-(\d\d)$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("season", re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")),
    ("year", re.compile(r"^(\d{4})$")),
    ("decade", re.compile(r"^(\d{3})$")),
    ("century", re.compile(r"^(\d{2})$")),
]


class Point(NamedTuple):
    granularity: str
    day: date   # the first day of the unit


def parse_value(value: str) -> Point | None:
    """TIMEX3 value -> Point, or None when it is not a concrete date."""
    for gran, rx in _VALUE_FORMS:
        m = rx.match(value)
        if not m:
            continue
        try:
            return Point(gran, _first_day(gran, m.groups()))
        except ValueError:
            return None   # impossible date such as 2020-02-30 or week 54
    return None


def _first_day(gran: str, g: tuple[str, ...]) -> date:
    y = int(g[0])
    if gran == "day":
        return date(y, int(g[1]), int(g[2]))
    if gran in ("week", "weekend"):
        d = date.fromisocalendar(y, int(g[1]), 6 if gran == "weekend" else 1)
        return d
    if gran == "month":
        return date(y, int(g[1]), 1)
    if gran == "quarter":
        return date(y, 3 * int(g[1]) - 2, 1)
    if gran == "half":
        return date(y, 6 * int(g[1]) - 5, 1)
    if gran == "season":
        return date(y, SEASON_MONTHS[g[1]][0], 1)
    if gran == "year":
        return date(y, 1, 1)
    if gran == "decade":
        return date(y * 10 if y else 1, 1, 1)
    return date(max(y * 100, 1), 1, 1)


def interval(point: Point) -> tuple[date, date]:
    """First and last day (inclusive) covered by a point."""
    g, d = point
    if g == "day":
        return d, d
    if g == "weekend":
        return d, d + timedelta(days=1)
    if g == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if g == "season":
        first, last = SEASON_MONTHS[_season_of(d)]
        start = date(d.year, first, 1)
        end_year = d.year + (1 if last < first else 0)
        return start, date(end_year, last, _cal.monthrange(end_year, last)[1])
    start = floor(point).day
    return start, _last_day(start, _MONTHS[g])


def _last_day(first: date, months: int) -> date:
    """The day before `months` months after the first of a month, found without
    computing that later day: after December 9999 there is none."""
    y, m = divmod(first.year * 12 + first.month - 1 + months - 1, 12)
    return date(y, m + 1, _cal.monthrange(y, m + 1)[1])


def _season_of(d: date) -> str:
    for code, (first, last) in SEASON_MONTHS.items():
        if (first <= d.month <= last) if first <= last else (d.month >= first or d.month <= last):
            return code
    raise AssertionError("every month has a season")


def floor(point: Point) -> Point:
    """The same point with its day moved to the first day of its unit."""
    g, d = point
    if g == "day":
        return point
    if g in ("week",):
        return Point(g, d - timedelta(days=d.weekday()))
    if g == "weekend":
        return Point(g, d - timedelta(days=d.weekday()) + timedelta(days=5))
    if g == "month":
        return Point(g, d.replace(day=1))
    if g == "quarter":
        return Point(g, date(d.year, 3 * ((d.month - 1) // 3) + 1, 1))
    if g == "half":
        return Point(g, date(d.year, 1 if d.month <= 6 else 7, 1))
    if g == "season":
        return point
    if g == "year":
        return Point(g, date(d.year, 1, 1))
    if g == "decade":
        return Point(g, date(max(d.year // 10 * 10, 1), 1, 1))
    return Point(g, date(max(d.year // 100 * 100, 1), 1, 1))


def add_months(d: date, months: int) -> date:
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    if not 1 <= y <= 9999:
        raise OverflowError("date out of range")
    return date(y, m + 1, min(d.day, _cal.monthrange(y, m + 1)[1]))


def shift(d: date, unit: str, n: int) -> date:
    """Move a day by n units (calendar-aware for months and longer)."""
    if unit in _DAYS:
        return d + timedelta(days=_DAYS[unit] * n)
    return add_months(d, _MONTHS[unit] * n)


def format_value(gran: str, d: date) -> str:
    """Point -> TIMEX3 value."""
    if gran == "day":
        return d.isoformat()
    if gran in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "season":
        return f"{d.year:04d}-{_season_of(d)}"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown granularity {gran!r}")


# Granularity -> the model's precision vocabulary.
PRECISION = {"day": "day", "weekend": "week", "week": "week", "month": "month",
             "quarter": "quarter", "half": "range", "season": "season", "year": "year",
             "decade": "decade", "century": "century"}
