"""The home page (latest events, activity by month), the undated list, and the
date index the browser uses to jump to a date or recover from a broken link."""
from __future__ import annotations

import json

from ..model import MONTH_NAMES
from .context import SiteInput
from .event import event_url
from .headline import headline
from .paths import FACETS, href, month_page, year_page
from .text import a, esc, front_matter, h, plural
from .timeline import Calendar

SEARCH_PAGE = "search/index.md"      # large sites only (Pagefind)


def activity_chart(cal: Calendar) -> str:
    """Events per month as an inline SVG bar chart, drawn at build time."""
    months = cal.months
    if not months:
        return ""
    first, last = months[0], months[-1]
    series = []
    y, m = first
    while (y, m) <= last:
        series.append((y, m, cal.month_count(y, m)))
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    top = max(n for _, _, n in series) or 1
    bar, height = max(2, min(24, 720 // len(series))), 80
    width = bar * len(series)
    rects = []
    for i, (y, m, n) in enumerate(series):
        h = round(height * n / top)
        label = f"{MONTH_NAMES[m - 1]} {y}: {plural(n, 'event')}"
        rect = (f'<rect x="{i * bar}" y="{height - h}" width="{max(1, bar - 1)}" height="{h}">'
                f"<title>{label}</title></rect>")
        rects.append(f'<a href="{month_page(y, m).removesuffix("index.md")}">{rect}</a>' if n else rect)
    summary = f"Events per month, {MONTH_NAMES[first[1] - 1]} {first[0]} to {MONTH_NAMES[last[1] - 1]} {last[0]}; most in one month: {top}"
    return (f'<figure class="tl-chart"><svg role="img" aria-label="{summary}" viewBox="0 0 {width} {height}" '
            f'preserveAspectRatio="none" width="100%" height="{height}"><title>{summary}</title>'
            + "".join(rects) + f"</svg><figcaption>{summary}.</figcaption></figure>")


def home_page(cal: Calendar, site: SiteInput, undated: int) -> str:
    years = cal.years
    home = [front_matter(site.title) + f"# {esc(site.title)}", "", esc(site.description), "",
            f"{plural(len(site.events), 'event')} from {plural(len(site.articles), 'article')}"
            + (f", {years[0]}–{years[-1]}." if years else "; no dated events yet."), ""]
    if years:
        home += ["## Activity by month", "", activity_chart(cal), ""]
    days = cal.days
    if days:
        # raw HTML: on large sites the day pages are not MkDocs pages (render/shell.py)
        home += ["## Latest events", "", '<div class="tl-block">', "<ul>"]
        for e in cal.latest():
            home.append(f"<li>{h(e.date.label())}: {a(event_url(e, 'index.md'), h(headline(e)))}</li>")
        home += ["</ul>", "</div>", ""]
    if years:
        home += ["## Years", ""] + [f"- [{y}]({year_page(y)})" for y in years] + [""]
    home += ["## Browse", ""] + [f"- [{label}]({kind}/index.md)" for kind, label in FACETS.items()]
    home += ["- [Source articles](articles/index.md)", ""]
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
