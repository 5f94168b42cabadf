"""The data model shared by every stage of the pipeline.

Everything here is a plain, immutable dataclass so that stages stay pure
functions: ingest makes Articles, extract makes Events, merge combines them,
render turns them into pages.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Callable, TypeVar

# Precision of a date, coarsest last. "either" is "5 or 6 March": the event
# happened on one of the days of the interval, not across all of them.
PRECISIONS = ("day", "either", "week", "range", "month", "quarter", "season",
              "year", "decade", "century")
STATUSES = ("occurred", "planned", "ongoing")
DATE_SOURCES = ("metadata", "dateline", "inferred", "filename")

# The dates the tool supports, inclusive: four-digit years, which the site's URLs
# (/YYYY/MM/DD/), its sorting and its 404 page's script rely on, and a year short of
# the end of Python's calendar (9999-12-31), so that no month, week or "next day"
# computed from a supported date can run past it. DESIGN.md says why.
EARLIEST = date(1000, 1, 1)
LATEST = date(9998, 12, 31)


def out_of_range(start: date, end: date | None = None) -> str | None:
    """Why [start, end] is outside the supported dates, or None when it is inside."""
    if start < EARLIEST or (end or start) > LATEST:
        return f"outside the supported dates ({EARLIEST.isoformat()} to {LATEST.isoformat()})"
    return None


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class DateSpan:
    """A calendar interval [start, end] (inclusive) and how precise it is."""
    start: date
    end: date
    precision: str
    value: str = ""   # TIMEX3 value, e.g. 2020-03-01, 2020-W09, 2020-03
    text: str = ""    # the words the date came from, e.g. "last week"

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"date interval ends before it starts: {self.start} > {self.end}")
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown precision {self.precision!r}")

    @property
    def is_day(self) -> bool:
        return self.precision == "day"

    def label(self) -> str:
        """Human wording that never claims more precision than we have."""
        s, e = self.start, self.end
        if self.precision == "day":
            return long_date(s)
        if self.precision == "either":
            return f"{s.day} or {e.day} {MONTH_NAMES[e.month - 1]} {e.year}" if (s.year, s.month) == (e.year, e.month) \
                else f"{long_date(s)} or {long_date(e)}"
        if self.precision == "week":
            return f"week of {long_date(s)} – {long_date(e)}"
        if self.precision == "month":
            return f"{MONTH_NAMES[s.month - 1]} {s.year}"
        if self.precision == "year":
            return str(s.year)
        if self.precision == "decade":
            return f"the {s.year}s"
        if self.precision == "century":
            return f"{s.year // 100 + 1}th century"
        # quarter, season, range: say the interval plainly
        return f"between {long_date(s)} and {long_date(e)}"


def long_date(d: date) -> str:
    """4 March 2015 (English month names whatever the machine's locale)."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None = None
    lon: float | None = None
    kind: str = ""      # governorate, town, country, capital ...
    country: str = ""   # ISO 3166-1 alpha-2 code, when known ("SY")


@dataclass(frozen=True)
class Problem:
    """A diagnostic about user input: always names the file, and the line when known."""
    path: str
    line: int | None
    message: str
    severity: str = "error"   # error | warning | info (a suggestion, shown by `timeline check`)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return terminal_safe(f"{where}: {self.severity}: {self.message}")


# Characters that a terminal obeys rather than shows: C0 and C1 controls (escape
# sequences, carriage returns, newlines that would forge another diagnostic line)
# and the bidirectional overrides that reorder what is shown.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """One line of text, with every control character written as a visible escape (\\x1b)."""
    return _UNSHOWABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True)
class Article:
    path: str                  # relative to the content folder, POSIX separators
    title: str
    body: str                  # plain text, boilerplate not yet removed
    date: date | None = None
    date_source: str | None = None   # one of DATE_SOURCES, None when undated
    source: str = ""
    url: str = ""
    author: str = ""
    date_basis: str = ""       # where the metadata's date was found on a web page ("the page's JSON-LD (datePublished)")
    language: str = ""         # as the front matter declares it (else detected: ingest/language.py)
    tags: tuple[str, ...] = ()
    body_line: int = 1         # line of the file where the body starts

    @cached_property       # asked for on every run of `timeline serve`
    def slug(self) -> str:
        stem = self.path.rsplit(".", 1)[0].removeprefix("articles/")
        return slugify(stem.replace("/", "-"), max_words=12) or "article"


T = TypeVar("T")


@dataclass(frozen=True)
class Event:
    id: str                    # stable anchor, e.g. "drone-strikes-kill-19-3fa2c1"
    title: str
    date: DateSpan
    status: str = "occurred"
    quote: str = ""
    description: str = ""
    places: tuple[Place, ...] = ()
    actors: tuple[str, ...] = ()
    type: str = ""
    fatalities: int | None = None
    claimed_by: str = ""
    article: str = ""          # Article.path the event came from ("" for curated)
    source: str = ""           # outlet name
    url: str = ""
    origin: str = "extracted"  # extracted | curated
    sources: tuple[tuple[str, str], ...] = field(default=())   # (label, url) for curated events
    reviewed: bool = False     # an editor checked it (curated events are reviewed by definition)
    note: str = ""             # an editor's note, shown with the event
    where: str = ""            # file:line an editor wrote it in (curated events)
    also: tuple["Event", ...] = ()   # the same happening as reported by other articles
    position: int = 0          # where its sentence starts in the article: reading order within a day

    @property
    def reports(self) -> tuple["Event", ...]:
        """This event and every merged report of it, primary first."""
        return (self,) + self.also

    @property
    def ids(self) -> tuple[str, ...]:
        """Every anchor that leads here: merging must not break old links."""
        return tuple(r.id for r in self.reports)


def kept(e: Event, name: str, make: Callable[[Event], T]) -> T:
    """make(e), worked out once and kept on the event itself under `name`: what every page
    and file listing an event asks for again (its headline, page, links, data facts). An
    event is frozen, so what its fields give cannot go stale."""
    value = e.__dict__.get(name)
    if value is None:
        value = e.__dict__[name] = make(e)
    return value


_SLUG_WORD = re.compile(r"[a-z0-9]+")


# A slug names a folder (a file system allows 255 bytes) and is part of ids (at most
# 100 characters, VALID_ID): a longer one is cut, and a hash of the whole keeps it unique.
MAX_SLUG = 80


def slugify(text: str, max_words: int = 8) -> str:
    """ASCII, lower-case, hyphenated, at most MAX_SLUG characters; stable across platforms."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _SLUG_WORD.findall(text.lower())
    slug = "-".join(words[:max_words])
    if len(slug) > MAX_SLUG:
        digest = hashlib.sha1(slug.encode("ascii")).hexdigest()[:6]
        slug = slug[:MAX_SLUG - 7].rstrip("-") + "-" + digest
    return slug


# What an event id (its anchor, in URLs and HTML) may be: ASCII letters, digits, '-'
# and '_', starting with a letter or digit, at most 100 characters. Nothing in it
# can end an HTML attribute, a Markdown attribute list or a URL fragment.
VALID_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


def anchor(event_id: str) -> str:
    """The id as written into pages. Ids are validated where editors write them
    (merge/curated.py); this is the second line of defence: an id that is not
    valid is never written as is, but as a readable slug and a hash of it."""
    return event_id if VALID_ID.fullmatch(event_id) else stable_id(event_id, event_id)


def stable_id(title: str, *identity: str) -> str:
    """A readable anchor that depends only on the event's own identity.

    The hash covers the identity (e.g. article path + quote), never anything
    that depends on the rest of the corpus, so adding articles cannot shift it.
    """
    digest = hashlib.sha1("\x1f".join(identity).encode("utf-8")).hexdigest()[:6]
    base = slugify(title, max_words=6) or "event"
    return f"{base}-{digest}"
