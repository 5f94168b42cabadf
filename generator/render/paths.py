"""Where each page lives. Every link in the site is made here, relative, so the
site works at a domain root and under a project subpath alike."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from ..model import Event, kept

FACETS = {"places": "Places", "actors": "Actors", "types": "Event types"}


def day_page(d: date) -> str:
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}/index.md"


def month_page(year: int, month: int) -> str:
    return f"{year:04d}/{month:02d}/index.md"


def year_page(year: int) -> str:
    return f"{year:04d}/index.md"


def is_vague_year(e: Event) -> bool:
    """Known only to the year (or a span too long to show under one month)."""
    s, t = e.date.start, e.date.end
    return e.date.precision in ("year", "decade", "century") or ((s.year, s.month) != (t.year, t.month)
                                                                  and (t - s).days > 40)


def event_page(e: Event) -> str:
    """The one page that shows an event in full (its anchor lives there). Asked for by every
    page and data file that links the event: made once per event (model.kept)."""
    return kept(e, "_page", _event_page)


def _event_page(e: Event) -> str:
    if e.date.is_day:
        return day_page(e.date.start)
    if is_vague_year(e):
        return year_page(e.date.start.year)
    return month_page(e.date.start.year, e.date.start.month)


def article_page(slug: str) -> str:
    return f"articles/{slug}/index.md"


def facet_page(kind: str, slug: str) -> str:
    """The page of a place, actor or type, by its slug (render/slugs.py: unique per kind)."""
    return f"{kind}/{slug}/index.md"


def rel(from_page: str, to_page: str) -> str:
    """Relative link between two generated pages (MkDocs resolves .md links)."""
    if from_page.partition("/")[0] != to_page.partition("/")[0]:
        # no folder in common (a facet's or article's page and a day's, most links): up to the root
        return "../" * from_page.count("/") + to_page
    return _rel(from_page, to_page)


@lru_cache(maxsize=1 << 16)      # a page links to the same days, months and years many times
def _rel(from_page: str, to_page: str) -> str:
    a, b = from_page.split("/")[:-1], to_page.split("/")
    common = 0
    while common < len(a) and common < len(b) - 1 and a[common] == b[common]:
        common += 1
    return "/".join([".."] * (len(a) - common) + b[common:])


def href(from_page: str, to_page: str) -> str:
    """A relative URL for raw HTML, where MkDocs does not rewrite .md links:
    every target is an index.md page, served as its folder."""
    link = rel(from_page, to_page)
    return link[: -len("index.md")] if link.endswith("index.md") else link
