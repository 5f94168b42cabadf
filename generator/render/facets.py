"""Pages per place, actor and event type: each event listed chronologically, with counts."""
from __future__ import annotations

from collections import defaultdict

from ..model import MONTH_NAMES, Event
from .event import event_url
from .paths import FACETS, facet_page, rel
from .text import a, esc, front_matter, h, plural


def facet_values(e: Event, kind: str) -> list[str]:
    if kind == "places":
        return [p.name for p in e.places]
    if kind == "actors":
        return list(e.actors)
    return [e.type] if e.type else []


def facet_pages(events) -> dict[str, str]:
    pages = {}
    for kind, heading in FACETS.items():
        groups: dict[str, list[Event]] = defaultdict(list)
        for e in events:
            for name in facet_values(e, kind):
                groups[name].append(e)
        index = f"{kind}/index.md"
        lines = [f"# {heading}", ""]
        for name in sorted(groups, key=lambda n: (-len(groups[n]), n.lower())):
            lines.append(f"- [{esc(name)}]({rel(index, facet_page(kind, name))}) — {plural(len(groups[name]), 'event')}")
        if not groups:
            lines.append("None yet.")
        pages[index] = "\n".join(lines) + "\n"
        for name, evs in groups.items():
            pages.update(_facet(kind, heading, name, evs))
    return pages


# A facet with more events than this gets a page per year (and an index with
# counts), so that no page lists thousands of events: readable, and quick to build.
SPLIT_ABOVE = 300


def _facet(kind: str, heading: str, name: str, events: list[Event]) -> dict[str, str]:
    path = facet_page(kind, name)
    head = [front_matter(name) + f"# {esc(name)}", "", f"[{heading}]({rel(path, f'{kind}/index.md')}) · "
            f"{plural(len(events), 'event')}, oldest first", ""]
    if len(events) <= SPLIT_ABOVE:
        return {path: "\n".join(head + _listing(events, path, level=2)) + "\n"}
    by_year: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        by_year[e.date.start.year].append(e)
    pages = {}
    index = head + ["## By year", ""]
    for year, evs in sorted(by_year.items()):
        year_path = path.replace("/index.md", f"/{year}/index.md")
        index.append(f"- [{year}]({rel(path, year_path)}) — {plural(len(evs), 'event')}")
        title = f"{name}: {year}"
        pages[year_path] = "\n".join([front_matter(title) + f"# {esc(title)}", "",
                                      f"[All years of {esc(name)}]({rel(year_path, path)}) · "
                                      f"{plural(len(evs), 'event')}, oldest first", ""]
                                     + _listing(evs, year_path, level=2, years=False)) + "\n"
    pages[path] = "\n".join(index) + "\n"
    return pages


def _listing(events: list[Event], path: str, level: int, years: bool = True) -> list[str]:
    """Events in order under year and month headings; each month's list one raw HTML block."""
    lines: list[str] = []
    items: list[str] = []
    year = month = None

    def flush():
        if items:
            lines.extend(['<div class="tl-block">', "<ul>", *items, "</ul>", "</div>", ""])
            items.clear()

    for e in events:   # already chronological
        s = e.date.start
        if s.year != year:
            flush()
            year, month = s.year, None
            if years:
                lines += [f"{'#' * level} {year}", ""]
        if s.month != month and e.date.precision not in ("year", "decade", "century"):
            flush()
            month = s.month
            lines += [f"{'#' * (level + years)} {MONTH_NAMES[month - 1]} {year}", ""]
        status = "" if e.status == "occurred" else f" ({h(e.status)})"
        items.append(f"<li>{h(e.date.label())}: {a(event_url(e, path), h(e.title))}{status}</li>")
    flush()
    return lines
