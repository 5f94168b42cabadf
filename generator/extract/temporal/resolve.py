"""Turn a filled value template into a concrete TIMEX3 value.

Three kinds of value need a reference time:
- underspecified dates (``XXXX-03-05``): the year comes from the document
  date, moved by the direction of the rule or the tense of the clause;
- ``REL(anchor, unit, offset[, ref])``: shifted from the document date or
  from the last date mentioned;
- ``WEEKDAY(n[, direction])``: the nearest such weekday.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import calendar as cal

_CALL = re.compile(r"^(REL|WEEKDAY)\(([^)]*)\)(.*)$")
_UNDERSPECIFIED = re.compile(r"^XXXX(-.+)$")
_QUARTERS = re.compile(r"^P(\d+|X)Q$")
_TIME_DURATION = re.compile(r"^P([\dX.]+)T([HMS])$")   # P2TH (from unit tables) -> PT2H


@dataclass
class Reference:
    """What relative expressions are resolved against while reading a text."""
    dct: date | None
    last: cal.Point | None = None          # last concrete date mentioned
    last_week_current_on: tuple[int, ...] = (7,)
    # the year a heading put the text in ("2018", "Offensive (April–August 2019)") when
    # it is not the document's: "On 5 February" below it is in that year
    section_year: int | None = None
    # "past_leaning": the coming date only when it is this many times nearer than the past one
    past_lean: float = 2.0

    @property
    def anchor_dct(self) -> cal.Point | None:
        return cal.Point("day", self.dct) if self.dct else None


def resolve(value: str, ref: Reference, direction: str) -> str:
    """Concrete value, or one with X's when no reference time is known."""
    try:
        return _resolve(value, ref, direction)
    except (OverflowError, ValueError):
        # a day before 1 January of year 1 or after 31 December 9999 (Python's calendar):
        # "on Sunday" written on 0001-01-03, "the last Friday of December 9999"
        return "XXXX-XX-XX"


def _resolve(value: str, ref: Reference, direction: str) -> str:
    value = _nth_weekday(value)
    m = _CALL.match(value)
    if m:
        func, args, suffix = m.group(1), [a.strip() for a in m.group(2).split(",")], m.group(3)
        base = _rel(args, ref, direction) if func == "REL" else _weekday(args, ref, direction)
        if base is None:
            return "XXXX-XX-XX" + suffix if suffix.startswith("T") else "XXXX-XX-XX"
        return base + suffix
    m = _TIME_DURATION.match(value)
    if m:
        n, unit = m.groups()
        if unit == "H" and n.isdigit() and int(n) % 24 == 0:
            return f"P{int(n) // 24}D"     # "the last 24 hours" is a day
        return f"PT{n}{unit}"
    m = _QUARTERS.match(value)
    if m:   # ISO 8601 has no quarter designator: three months each
        n = m.group(1)
        return f"P{int(n) * 3}M" if n.isdigit() else f"P{n}M"
    m = _UNDERSPECIFIED.match(value)
    if m and ref.section_year:
        return f"{ref.section_year:04d}{m.group(1)}"
    if m and ref.dct:
        return _year_for(m.group(1), ref.dct, direction, ref.past_lean)
    return value


def _rel(args: list[str], ref: Reference, direction: str = "past") -> str | None:
    anchor_name, unit, offset = args[0], args[1], args[2]
    keep_ref_granularity = len(args) > 3 and args[3] == "ref"
    if len(args) > 3 and args[3] != "ref":
        # a granularity name: shift from the last date only when it has that
        # granularity ("a year ago" after "the third quarter"), else from the DCT
        in_focus = ref.last is not None and ref.last.granularity == args[3]
        anchor_name, keep_ref_granularity = ("ref", True) if in_focus else ("dct", False)
    anchor = ref.last if anchor_name == "ref" and ref.last else ref.anchor_dct
    if anchor is None:
        return None
    try:
        n = int(offset)
    except ValueError:     # vague count: "several days ago"
        return _vague(unit, offset)
    if (unit == "week" and n == -1 and anchor_name == "dct"
            and anchor.day.isoweekday() in ref.last_week_current_on):
        n = 0   # convention: see normalization/conventions.yaml
    if unit == "weekend" and n == 0 and anchor.day.isoweekday() < 6 and not direction.startswith("future"):
        n = -1  # "over the weekend" said on a weekday: the one just past
    gran = unit if unit != "fortnight" else "week"
    if keep_ref_granularity and cal.GRANULARITIES.index(anchor.granularity) < cal.GRANULARITIES.index(gran):
        gran = anchor.granularity
    try:
        return cal.format_value(gran, cal.shift(anchor.day, unit, n))
    except (OverflowError, ValueError):
        return None


def _vague(unit: str, offset: str) -> str:
    return "PAST_REF" if offset.startswith("-") else "FUTURE_REF"


def _weekday(args: list[str], ref: Reference, direction: str) -> str | None:
    if ref.dct is None:
        return None
    target = int(args[0])
    if len(args) > 1:
        direction = args[1]
    delta = target - ref.dct.isoweekday()
    if direction == "past_leaning":   # "until Tuesday" said on a Monday: tomorrow
        ahead, back = delta % 7, (-delta) % 7
        direction = "future" if ahead * ref.past_lean < back else "past"
    if direction in ("future", "future_strict"):
        days = delta % 7
        if days == 0 and direction == "future_strict":
            days = 7
    else:
        days = -((-delta) % 7)
        if days == 0 and direction == "past_strict":
            days = -7
    return (ref.dct + timedelta(days=days)).isoformat()


_NTH_WEEKDAY = re.compile(r"^(\d{4}|XXXX)-(\d\d)-([1-7])-([1-5L])$")


def _nth_weekday(value: str) -> str:
    """'2020-11-4-4' (4th Thursday of November 2020) -> '2020-11-26'."""
    m = _NTH_WEEKDAY.match(value)
    if not m:
        return value
    year, month, weekday, n = m.groups()
    if year == "XXXX":
        return value   # resolved once the year is known (see _in_year)
    first = date(int(year), int(month), 1)
    day = first + timedelta(days=(int(weekday) - first.isoweekday()) % 7)
    if n == "L":
        while (day + timedelta(days=7)).month == day.month:
            day += timedelta(days=7)
    else:
        day += timedelta(days=7 * (int(n) - 1))
    return day.isoformat()


def _in_year(year: int, rest: str) -> str:
    """The underspecified value placed in a year ('-11-4-4' -> that year's Thanksgiving)."""
    return _nth_weekday(f"{year:04d}{rest}")


def _year_for(rest: str, dct: date, direction: str, past_lean: float = 2.0) -> str:
    """Pick the year of an underspecified value from the document date."""
    year = dct.year
    point = cal.parse_value(_in_year(year, rest))
    if point is None:
        # e.g. 29 February in a non-leap DCT year: try the neighbours
        for y in (year - 1, year + 1, year - 2, year - 3):
            if cal.parse_value(_in_year(y, rest)):
                return _in_year(y, rest)
        return f"XXXX{rest}"
    start, end = cal.interval(point)
    if direction.startswith("year"):            # "June last year": year(-1)
        year += int(direction[5:-1] or 0)
    elif direction in ("nearest", "past_leaning"):
        lean = past_lean if direction == "past_leaning" else 1.0
        year = min((year - 1, year, year + 1), key=lambda y: _distance(_in_year(y, rest), dct, lean))
    elif direction == "past" and start > dct:
        year -= 1
    elif direction == "past_strict" and end >= dct:
        year -= 1
    elif direction == "future" and end < dct:
        year += 1
    elif direction == "future_strict" and start <= dct:
        year += 1
    value = _in_year(year, rest)
    return value if cal.parse_value(value) else _in_year(dct.year, rest)


def _distance(value: str, dct: date, future_weight: float = 1.0) -> float:
    """Days between the document date and the value's interval; days ahead count
    future_weight times (news reports the past: conventions.yaml, past_lean)."""
    point = cal.parse_value(value)
    if point is None:
        return 10 ** 6
    start, end = cal.interval(point)
    if start <= dct <= end:
        return 0
    return (start - dct).days * future_weight if start > dct else (dct - end).days
