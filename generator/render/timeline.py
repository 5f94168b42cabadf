"""Day, month and year pages: the timeline itself, oldest first."""
from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from datetime import date
from typing import Callable, Iterator

from ..model import MONTH_NAMES, Event, long_date, slugify
from .context import SiteInput, cited
from .event import Section, event_block, event_item, event_link, event_section
from .paths import day_page, href, is_vague_year, month_page, rel, year_page
from .preview import describe, front_line
from .text import SEARCH, a, front_matter, h, plural


@dataclass
class Calendar:
    """Events filed by the page that shows them."""
    by_day: dict[date, list[Event]] = field(default_factory=lambda: defaultdict(list))
    by_month: dict[tuple[int, int], list[Event]] = field(default_factory=lambda: defaultdict(list))
    by_year: dict[int, list[Event]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, events) -> "Calendar":
        c = cls()
        for e in events:
            if e.date.is_day:
                c.by_day[e.date.start].append(e)
            elif is_vague_year(e):
                c.by_year[e.date.start.year].append(e)
            else:
                c.by_month[(e.date.start.year, e.date.start.month)].append(e)
        return c

    @classmethod
    def of_site(cls, site: SiteInput) -> "Calendar":
        """Calendar.of(site.events), filed month by month (SiteInput.per_month)."""
        c = cls()
        for part in site.per_month("calendar", cls.of):
            c.by_day.update(part.by_day)           # a day, and a month, lie in one part
            c.by_month.update(part.by_month)
            for year, events in part.by_year.items():
                c.by_year[year].extend(events)
        return c

    # Derived once: the pages ask for these per month and per year.
    @cached_property
    def days(self) -> list[date]:
        return sorted(self.by_day)

    @cached_property
    def days_of_month(self) -> dict[tuple[int, int], list[date]]:
        out: dict[tuple[int, int], list[date]] = defaultdict(list)
        for d in self.days:
            out[(d.year, d.month)].append(d)
        return out

    @cached_property
    def months(self) -> list[tuple[int, int]]:
        return sorted(set(self.days_of_month) | set(self.by_month))

    @cached_property
    def years(self) -> list[int]:
        return sorted({y for y, _ in self.months} | set(self.by_year))

    def latest(self, n: int = 10) -> tuple[Event, ...]:
        """The last n events of the day pages, newest day first (the home page's list)."""
        return tuple(islice((e for d in reversed(self.days) for e in self.by_day[d]), n))

    @cached_property
    def month_events(self) -> dict[tuple[int, int], tuple[Event, ...]]:
        """Each month's events: its days', in order, then those known only to the month."""
        return {ym: tuple(e for d in self.days_of_month.get(ym, ()) for e in self.by_day[d])
                + tuple(self.by_month.get(ym, ())) for ym in self.months}

    def month_count(self, y: int, m: int) -> int:
        return len(self.month_events.get((y, m), ()))


# Front matter of day pages: Material's search ranks the timeline's pages first.
INDEXED = "---\n" + SEARCH["boost"] + "---\n\n"


def indexed(description: str) -> str:
    """INDEXED with the page's description (link previews)."""
    return INDEXED.replace("---\n\n", front_line(description) + "---\n\n", 1)


def _day_label(d: date) -> str:
    return f"{d.strftime('%A')} {long_date(d)}"


@dataclass(frozen=True)
class DayPage:
    """One day of the timeline: a Markdown page for MkDocs, or parts written
    straight into the theme's page template on large sites (render/shell.py)."""
    path: str
    title: str                                  # "Tuesday 10 March 2015"
    nav: tuple[tuple[str, str, str], ...]       # (label, target page, rel) to the days around it
    count: str                                  # "10 events"
    sections: tuple[Section, ...]
    description: str = ""                       # for link previews (render/preview.py)

    @property
    def id(self) -> str:
        return slugify(self.title)

    def markdown(self) -> str:
        links = [f"[{label}]({rel(self.path, target)})" + (f'{{ rel="{r}" }}' if r else "")
                 for label, target, r in self.nav]
        body = [indexed(self.description) + f'# {self.title} {{#{self.id}}}', "",
                " · ".join(links) + "\n{: .tl-daynav }", "", self.count, ""]
        body += [s.markdown() for s in self.sections]
        return "\n".join(body)

    def intro_html(self) -> str:
        """What markdown() puts between the title and the first event, as HTML."""
        # html.escape, not h(): h() would fold the labels' no-break spaces into spaces
        links = [a(href(self.path, target), html.escape(label), **({"rel": r} if r else {}))
                 for label, target, r in self.nav]
        return f'<p class="tl-daynav">{" · ".join(links)}</p>\n<p>{h(self.count)}</p>'


def day_pages(cal: Calendar, site: SiteInput, finish: Callable[[DayPage], str],
              path: Callable[[date], str] = day_page) -> Iterator[dict[str, str]]:
    """Each day's page finished as a file (`finish`: its Markdown, or its record for
    render/shell.py), under `path` of its date, a year of them at a time. What the memo
    keeps is that file, not the DayPage it came from: once written, only its size (memo.Written)."""
    pages: dict[str, str] = {}
    days = cal.days
    cites: dict[date, tuple[str, ...]] = {}
    for part in site.per_month("cited", _cited):
        cites.update(part)
    get = site.articles.get
    for i, d in enumerate(days):
        before, after = days[i - 1] if i else None, days[i + 1] if i + 1 < len(days) else None
        events = tuple(cal.by_day[d])
        if before and before.year != d.year and pages:
            yield pages
            pages = {}
        # site.sources(events), from each month's list of the articles its days cite
        pages[path(d)] = site.memo(d, (before, after, events, tuple(map(get, cites[d])), finish),
                                   lambda: finish(_day_page(d, before, after, events, site)))
    if pages:
        yield pages


def _cited(events) -> dict[date, tuple[str, ...]]:
    """Day -> the articles its events cite (context.cited, as SiteInput.sources reads them)."""
    days: dict[date, list[Event]] = defaultdict(list)
    for e in events:
        if e.date.is_day:
            days[e.date.start].append(e)
    return {d: cited(on_day) for d, on_day in days.items()}


def _day_page(d: date, before: date | None, after: date | None, events: tuple[Event, ...],
              site: SiteInput) -> DayPage:
    path = day_page(d)
    nav = [(f"{MONTH_NAMES[d.month - 1]} {d.year}", month_page(d.year, d.month), "")]
    if before:
        nav.insert(0, (f"←\u00a0{long_date(before)}", day_page(before), "prev"))     # the arrow never wraps alone
    if after:
        nav.append((f"{long_date(after)}\u00a0→", day_page(after), "next"))
    return DayPage(path, _day_label(d), tuple(nav), plural(len(events), "event"),
                   tuple(event_section(e, site, path) for e in events), describe(_day_label(d), events))


def _page_nav(path: str, before: tuple[str, str] | None, up: tuple[str, str] | None,
              after: tuple[str, str] | None) -> str:
    """'← February 2020 · All of 2020 · April 2020 →' between pages of one kind: (label, page) each."""
    links = [f"[←\u00a0{before[0]}]({rel(path, before[1])}){{ rel=\"prev\" }}"] if before else []
    links += [f"[{up[0]}]({rel(path, up[1])})"] if up else []
    links += [f"[{after[0]}\u00a0→]({rel(path, after[1])}){{ rel=\"next\" }}"] if after else []
    return " · ".join(links) + "\n{: .tl-pagenav }" if links else ""


def _month_label(ym: tuple[int, int] | None) -> tuple[str, str] | None:
    return ym and (f"{MONTH_NAMES[ym[1] - 1]} {ym[0]}", month_page(*ym))


def month_pages(cal: Calendar, site: SiteInput) -> dict[str, str]:
    pages = {}
    months = cal.months
    for i, (y, m) in enumerate(months):
        path = month_page(y, m)
        days = tuple((d, tuple(cal.by_day[d])) for d in cal.days_of_month.get((y, m), ()))
        vague = tuple(cal.by_month.get((y, m), ()))
        around = (months[i - 1] if i else None, months[i + 1] if i + 1 < len(months) else None)
        pages[path] = site.memo(path, (days, vague, site.sources(vague), around),
                                lambda: _month_page(y, m, path, days, vague, site, around))
    return pages


def _month_page(y: int, m: int, path: str, days: tuple, vague: tuple, site: SiteInput, around: tuple) -> str:
    count = sum(len(events) for _, events in days) + len(vague)
    title = f"{MONTH_NAMES[m - 1]} {y}"
    everything = [e for _, events in days for e in events] + list(vague)
    body = [front_matter(title, search="boost", description=describe(title, everything)) + f'# {title}', "",
            _page_nav(path, _month_label(around[0]), (f"All of {y}", year_page(y)), _month_label(around[1])), "",
            plural(count, 'event'), ""]
    if days:
        # an index of the day pages: Pagefind finds the events on those
        body += ["## Day by day", "", '<div class="tl-block">', "<ul>"]
        for d, events in days:
            titles = "; ".join(event_link(e, path) for e in events[:3])
            more = f" (+{len(events) - 3} more)" if len(events) > 3 else ""
            day = f"{d.strftime('%a')} {d.day}"
            body.append(f"<li><strong>{a(href(path, day_page(d)), day)}</strong> ({len(events)}): {titles}{more}</li>")
        body += ["</ul>", "</div>", ""]
    if vague:
        body += ["## Known only to the week or month", ""]
        body += [event_block(e, site, path, level=3) for e in vague]
    return "\n".join(body)


# A year page names this many of each month's events: those most reported, then deadliest.
HEADLINES_PER_MONTH = 3


def headline_events(events) -> tuple[Event, ...]:
    ranked = sorted(events, key=lambda e: (-len({r.article or r.source for r in e.reports}),
                                           -max((r.fatalities or 0 for r in e.reports), default=0)))
    chosen = set(map(id, ranked[:HEADLINES_PER_MONTH]))
    return tuple(e for e in events if id(e) in chosen)        # in date order


def _month_headlines(cal: Calendar, site: SiteInput, y: int, m: int) -> tuple[Event, ...]:
    """headline_events of a month, ranked again only when the month's events change."""
    events = cal.month_events[(y, m)]
    return site.memo(("headlines", y, m), events, lambda: headline_events(events))


def year_pages(cal: Calendar, site: SiteInput, axis=lambda year, path: "") -> dict[str, str]:
    """`axis(year, path)`: the year's time axis (render/axis.py), shown under its title."""
    pages = {}
    years = cal.years
    for i, y in enumerate(years):
        path = year_page(y)
        months = tuple((m, cal.month_count(y, m), _month_headlines(cal, site, y, m)) for yy, m in cal.months if yy == y)
        vague = tuple(cal.by_year.get(y, ()))
        around = (years[i - 1] if i else None, years[i + 1] if i + 1 < len(years) else None)
        chart = axis(y, path)
        pages[path] = site.memo(path, (months, vague, site.sources(vague), around, chart),
                                lambda: _year_page(y, path, months, vague, site, around, chart))
    return pages


def _year_page(y: int, path: str, months: tuple, vague: tuple, site: SiteInput, around: tuple,
               chart: str = "") -> str:
    before, after = around
    count = sum(n for _, n, _ in months) + len(vague)
    description = f"{y}: {plural(count, 'event')}" + (f" in {plural(len(months), 'month')}." if months else ".")
    body = [front_matter(str(y), search="boost", description=description) + f'# {y}', "",
            _page_nav(path, before and (str(before), year_page(before)), None,
                      after and (str(after), year_page(after))), ""] + ([chart, ""] if chart else [])
    if months:
        # raw HTML: the month list with each month's headline events, out of Markdown's way
        body += ["## Month by month", "", '<div class="tl-block tl-months">', "<ul>"]
        for m, count, top in months:
            events = "".join(f"<li>{event_item(e, path)}</li>" for e in top)
            body.append(f"<li><strong>{a(href(path, month_page(y, m)), f'{MONTH_NAMES[m - 1]} {y}')}</strong> — "
                        f"{plural(count, 'event')}" + (f"<ul>{events}</ul>" if events else "") + "</li>")
        body += ["</ul>", "</div>", ""]
    if vague:
        body += ["## Known only to the year", ""]
        body += [event_block(e, site, path, level=3) for e in vague]
    return "\n".join(body)
