"""Pages per place, actor and event type: each event listed chronologically, with counts."""
from __future__ import annotations

from collections import defaultdict

from ..model import MONTH_NAMES, Event
from .event import event_link
from .paths import FACETS, facet_page, rel
from .text import esc, front_matter, plural


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
            pages[facet_page(kind, name)] = _facet_page(kind, heading, name, evs)
    return pages


def _facet_page(kind: str, heading: str, name: str, events: list[Event]) -> str:
    path = facet_page(kind, name)
    lines = [front_matter(name) + f"# {esc(name)}", "", f"[{heading}]({rel(path, f'{kind}/index.md')}) · "
             f"{plural(len(events), 'event')}, oldest first", ""]
    year = month = None
    for e in events:   # already chronological
        s = e.date.start
        if s.year != year:
            year, month = s.year, None
            lines += [f"## {year}", ""]
        if s.month != month and e.date.precision not in ("year", "decade", "century"):
            month = s.month
            lines += [f"### {MONTH_NAMES[month - 1]} {year}", ""]
        status = "" if e.status == "occurred" else f" ({e.status})"
        lines.append(f"- {esc(e.date.label())}: [{esc(e.title)}]({event_link(e, path)}){status}")
    return "\n".join(lines) + "\n"
