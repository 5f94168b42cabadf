"""The home page (latest events, activity by month), the undated list, and the
date index the browser uses to jump to a date or recover from a broken link."""
from __future__ import annotations

import json

from .context import SiteInput
from .event import event_item
from .paths import FACETS, href, month_page, year_page
from .text import esc, front_matter, plural
from .axis import time_axis
from .map import MAP_PAGE
from .timeline import Calendar

DOWNLOADS_PAGE = "data/index.md"      # written by export/data.py

SEARCH_PAGE = "search/index.md"      # large sites only (Pagefind)


def site_axis(cal: Calendar, types: tuple[str, ...], counts: dict, page: str, year: int | None = None) -> str:
    """The time axis of the home page (every year it names) or of one year's page;
    `counts`: axis.month_types(cal)."""
    if not cal.years:
        return ""
    first, last = ((year, 1), (year, 12)) if year else ((cal.years[0], 1), (cal.years[-1], 12))
    vaguer = sum(len(v) for y, v in cal.by_year.items() if first[0] <= y <= last[0])
    return '<div class="tl-block">\n' + time_axis(page, first, last, counts, types, vaguer) + "\n</div>"


def home_page(cal: Calendar, site: SiteInput, undated: int, axis: str = "") -> str:
    years = cal.years
    home = [front_matter(site.title) + f"# {esc(site.title)}", "", esc(site.description), "",
            f"{plural(len(site.events), 'event')} from {plural(len(site.articles), 'article')}"
            + (f", {years[0]}–{years[-1]}." if years else "; no dated events yet."), ""]
    if years:
        home += ["## Activity by month", "", axis, ""]
    if any(p.lat is not None for e in site.events for p in e.places):
        home += [f"See every place on the [map]({MAP_PAGE}).", ""]
    days = cal.days
    if days:
        # raw HTML: on large sites the day pages are not MkDocs pages (render/shell.py)
        home += ["## Latest events", "", '<div class="tl-block">', "<ul>"]
        for e in cal.latest():
            home.append(f"<li>{event_item(e, 'index.md')}</li>")
        home += ["</ul>", "</div>", ""]
    if years:
        home += ["## Years", ""] + [f"- [{y}]({year_page(y)})" for y in years] + [""]
    home += ["## Browse", ""] + [f"- [{label}]({kind}/index.md)" for kind, label in FACETS.items()]
    home += ["- [Source articles](articles/index.md)", f"- [Downloads: the events as data]({DOWNLOADS_PAGE})", ""]
    if undated:
        home += [f"{plural(undated, 'article')} could not be dated: see [Undated articles](undated.md).", ""]
    return "\n".join(home)


def undated_page(site: SiteInput) -> str:
    body = ["# Undated articles", "", "No publication date could be found or inferred for these articles, "
            "so their events cannot be placed on the timeline. Add a `date:` to their front matter.", ""]
    body += [f"- [{esc(a.title)}]({a.link('undated.md')}) (`{esc(a.path)}`)"
             for a in site.articles.values() if a.date is None]
    return "\n".join(body) + "\n"


def date_index(cal: Calendar) -> str:
    """days.json: every day and month with a page, for jump-to-date and the 404 redirect."""
    return json.dumps({"days": [d.isoformat() for d in cal.days],
                       "months": [f"{y:04d}-{m:02d}" for y, m in cal.months],
                       "years": cal.years}, separators=(",", ":")) + "\n"


def search_page() -> str:
    """The Pagefind search page (large sites): filters by place, actor, type and year
    (the interface is generator/theme/assets/search.js)."""
    return (front_matter("Search") + "# Search\n\n"
            '<div id="tl-search" class="tl-search">'
            "<noscript>Search needs JavaScript; browse by date, place or actor instead.</noscript></div>\n"
            f'<script src="{href(SEARCH_PAGE, "assets/search.js")}"></script>\n')
