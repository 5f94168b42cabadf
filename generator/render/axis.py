"""A time axis for the home and year pages: events per month, stacked by type, under
labelled years and months, each month a link to its page. Inline SVG drawn at build
time: no script, nothing to fetch, readable by screen readers (each bar has a title)."""
from __future__ import annotations

from collections import Counter

from ..model import MONTH_NAMES
from .paths import href, month_page
from .text import h, plural

# The map's colours (assets/map.js), by the type's place in the site's sorted list.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8c6d31", "#999999")


def colour(types: tuple[str, ...], t: str) -> str:
    return COLOURS[types.index(t) % len(COLOURS)] if t in types else COLOURS[-1]


def month_types(cal, memo=None) -> dict[tuple[int, int], tuple[tuple[str, int], ...]]:
    """(year, month) -> (type, count) for every month with events (day pages and the month's own);
    with a memo, a month is counted again only when its events change."""
    return {ym: memo(("types", ym), events, lambda: _types(events)) if memo else _types(events)
            for ym, events in cal.month_events.items()}


def _types(events) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(Counter(e.type for e in events).items()))


def _months(first: tuple[int, int], last: tuple[int, int]):
    y, m = first
    while (y, m) <= last:
        yield y, m
        y, m = (y, m + 1) if m < 12 else (y + 1, 1)


def time_axis(page: str, first: tuple[int, int], last: tuple[int, int], counts: dict, types: tuple[str, ...],
              vaguer: int = 0) -> str:
    """The axis from month `first` to month `last` inclusive; `counts` from month_types()."""
    series = list(_months(first, last))
    top = max((sum(n for _, n in counts.get(ym, ())) for ym in series), default=0) or 1
    bar = max(4, min(40, 720 // len(series)))
    width, plot, height = bar * len(series), 80, 112
    monthly = len(series) <= 36                      # room to name every month
    parts = []
    for i, (y, m) in enumerate(series):
        x = i * bar
        if m == 1 or i == 0:                         # a year starts: a tick and its label
            parts.append(f'<line class="tl-axis-year" x1="{x}" y1="0" x2="{x}" y2="{plot + 30}"/>'
                         f'<text class="tl-axis-label" x="{x + 2}" y="{plot + 28}">{y}</text>')
        if monthly:
            parts.append(f'<text class="tl-axis-month" x="{x + bar / 2:g}" y="{plot + 13}" '
                         f'text-anchor="middle">{MONTH_NAMES[m - 1][:1 if bar < 24 else 3]}</text>')
        month = counts.get((y, m), ())
        total = sum(n for _, n in month)
        if not total:
            continue
        detail = ", ".join(f"{t or 'no type'} {n}" for t, n in month)
        rects, base = [], plot
        for t, n in month:
            tall = plot * n / top
            base -= tall
            rects.append(f'<rect x="{x}" y="{base:.2f}" width="{max(1, bar - 1)}" height="{tall:.2f}" '
                         f'fill="{colour(types, t)}"/>')
        label = f"{MONTH_NAMES[m - 1]} {y}: {plural(total, 'event')} ({detail})"
        parts.append(f'<a href="{h(href(page, month_page(y, m)))}" aria-label="{h(label)}"><title>{h(label)}</title>'
                     + "".join(rects) + "</a>")
    span = f"{MONTH_NAMES[first[1] - 1]} {first[0]} to {MONTH_NAMES[last[1] - 1]} {last[0]}"
    summary = f"Events per month by type, {span}; most in one month: {top}"
    used = sorted({t for ym in series for t, _ in counts.get(ym, ())})
    legend = "".join(f'<li><span class="tl-swatch" style="background:{colour(types, t)}"></span>{h(t or "no type")}</li>'
                     for t in used)
    note = f" {plural(vaguer, 'event')} known only to the year are not in the bars." if vaguer else ""
    return (f'<figure class="tl-axis"><svg role="group" aria-label="{h(summary)}" viewBox="0 -4 {width} {height + 4}" '
            f'preserveAspectRatio="xMinYMin meet" width="100%">'
            + "".join(parts) + f'<line class="tl-axis-base" x1="0" y1="{plot}" x2="{width}" y2="{plot}"/></svg>'
            f'<figcaption><ul class="tl-legend">{legend}</ul>{h(summary)}. Each bar links to its month.{note}'
            "</figcaption></figure>")
