"""The publication date: front matter, else a dateline, else inferred from the
text (a date in the file name settles what the text cannot)."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from ..model import out_of_range
from .temporal import Timex, tag
from .temporal.resources import load_language

DATELINE_CHARS = 160     # a dateline sits at the very start of the text
INFER_WINDOW_DAYS = 10   # how far before an explicit date the DCT may lie


# Page furniture that dates the page wherever it sits: "Last Update: Wednesday,
# 5 February 2020", "Published 4 July 2015", "Updated on Mar 1, 2020".
_STAMP = re.compile(r"^[ \t]*(?:Last\s+updated?|Updated|Published|First\s+published|Posted)"
                    r"(?:\s+(?:on|at))?\s*:?[ \t]*(?=\S)", re.I | re.M)


def dateline(text: str) -> Timex | None:
    """A full day date in the first characters ('Wed 05 Apr 2017', 'Posted on August 3
    2013'), else on a line of its own that says the page was published or updated."""
    found = _full_day(text[:DATELINE_CHARS], 0)
    if found:
        return found
    for m in _STAMP.finditer(text):
        found = _full_day(text[m.end():m.end() + 60], m.end())
        if found and found.start == m.end():
            return found
    return None


def _full_day(text: str, offset: int) -> Timex | None:
    for t in tag(text, None):
        if t.span and t.span.is_day and not t.value.startswith("XXXX"):
            return replace(t, start=t.start + offset, end=t.end + offset)
    return None


# The evidence for when a text was written is in its first pages; reading
# more only costs time on very long texts.
INFER_CHARS = 20_000


def infer(text: str) -> date | None:
    """Find the day that makes the text's own date evidence most consistent.

    Explicit full dates bound the window; each weekday mention ("on Sunday")
    votes for candidate days that it would resolve to within the past week,
    its own weekday most of all (news names the publication day by weekday).
    """
    found = tag(text[:INFER_CHARS], None)
    explicit = [t.span for t in found if t.span and not t.value.startswith("XXXX")
                and t.span.precision in ("day", "either")]
    mentions = [n for n in map(_weekday_number, (t.text for t in found)) if n]
    if not explicit or not mentions:
        return None
    hi = max(s.end for s in explicit)
    lo = max(min(s.start for s in explicit), date.min + timedelta(days=INFER_WINDOW_DAYS)) \
        - timedelta(days=INFER_WINDOW_DAYS)
    # a day's score depends only on its weekday: score the seven weekdays once, then
    # take the latest day in [lo, hi] of the best one (ties: the later day, as reports
    # follow events), not every day of a window that can span centuries
    scores = {d: sum(3 if d == w else 1 if 0 < (d - w) % 7 <= 2 else 0 for w in mentions) for d in range(1, 8)}
    candidates = [hi - timedelta(days=back) for back in range(min(7, (hi - lo).days + 1))]
    best = max(candidates, key=lambda day: (scores[day.isoweekday()], day))
    return best if scores[best.isoweekday()] > 0 else None


def _weekday_number(text: str) -> int | None:
    """ISO number of the first full weekday name in a date expression."""
    lang = load_language("en")
    full = {w.lower() for w in lang.words["weekday_full"]}
    for word in text.lower().split():
        if word in full:
            return int(lang.tables["weekday"][word])
    return None


_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def from_filename(path: str) -> date | None:
    """'2020-03-01-idlib.txt' -> 2020-03-01: a date the user put in the file's name."""
    m = _FILE_DATE.search(path.rsplit("/", 1)[-1])
    if not m:
        return None
    try:
        named = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None if out_of_range(named) else named
