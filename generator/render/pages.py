"""Render: events and articles -> Markdown pages (path -> text).

Pure functions: the same input gives the same bytes. Everything that comes
from content is escaped, so nothing in an article can inject HTML or script.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict
from datetime import date

from ..model import MONTH_NAMES, Event

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")
DATE_SOURCE_LABEL = {"metadata": "from the article's metadata", "dateline": "from the dateline in the text",
                     "inferred": "inferred from the text (not stated in the article)", "filename": "from the file name"}


def esc(text: str) -> str:
    """Escape for Markdown inline text: no HTML, no Markdown markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def safe_url(url: str) -> str:
    """Only web links; anything else (javascript:, data:) is dropped."""
    url = str(url).strip()
    return url.replace(" ", "%20").replace(")", "%29").replace("(", "%28") if re.match(r"^https?://", url, re.I) else ""


def day_path(d: date) -> str:
    return f"{d.year:04d}/{d.month:02d}/{d.day:02d}/index.md"


def _rel(from_page: str, to_page: str) -> str:
    a, b = from_page.split("/")[:-1], to_page.split("/")
    common = 0
    while common < len(a) and common < len(b) - 1 and a[common] == b[common]:
        common += 1
    return "/".join([".."] * (len(a) - common) + b[common:])


def event_block(e: Event, articles: dict, level: int = 2) -> str:
    lines = [f"{'#' * level} {esc(e.title)} {{#{e.id}}}", ""]
    status = "" if e.status == "occurred" else f" · **{esc(e.status)}**"
    lines.append(f"**{esc(e.date.label())}** · precision: {esc(e.date.precision)}{status}"
                 + (f" · from “{esc(e.date.text)}”" if e.date.text else "")
                 + (" · curated" if e.origin == "curated" else " · machine-extracted"))
    lines.append("")
    if e.description:
        lines += [esc(e.description), ""]
    if e.quote:
        lines += [f"> {esc(e.quote)}", ""]
    facts = []
    if e.places:
        facts.append("**Places:** " + ", ".join(esc(p.name) for p in e.places))
    if e.actors:
        facts.append("**Actors:** " + ", ".join(esc(a) for a in e.actors))
    if e.type:
        facts.append(f"**Type:** {esc(e.type)}")
    if e.fatalities is not None:
        facts.append(f"**Fatalities:** {e.fatalities}")
    if e.claimed_by:
        facts.append(f"**Claimed by:** {esc(e.claimed_by)}")
    if e.article:
        info = articles.get(e.article)
        label = esc(e.source or e.article)
        url = safe_url(e.url)
        src = f"[{label}]({url})" if url else label
        if info:
            src += f" — published {esc(info[0].strftime('%-d %B %Y'))}, date {esc(DATE_SOURCE_LABEL.get(info[1], ''))}"
        facts.append(f"**Source:** {src}")
    for label, url in e.sources:
        u = safe_url(url)
        facts.append(f"**Source:** [{esc(label)}]({u})" if u else f"**Source:** {esc(label)}")
    lines += [f"- {f}" for f in facts]
    return "\n".join(lines) + "\n"


def render_site(events: list[Event], articles: dict, undated: list[tuple[str, str]], title: str,
                description: str) -> dict[str, str]:
    """All pages of the site: {relative path: Markdown}."""
    pages: dict[str, str] = {}
    by_day: dict[date, list[Event]] = defaultdict(list)
    by_month_vague: dict[tuple[int, int], list[Event]] = defaultdict(list)
    by_year_vague: dict[int, list[Event]] = defaultdict(list)
    for e in events:
        if e.date.is_day:
            by_day[e.date.start].append(e)
        elif e.date.precision in ("year", "decade", "century") or \
                (e.date.start.year, e.date.start.month) != (e.date.end.year, e.date.end.month) and \
                (e.date.end - e.date.start).days > 40:
            by_year_vague[e.date.start.year].append(e)
        else:
            by_month_vague[(e.date.start.year, e.date.start.month)].append(e)
    days = sorted(by_day)
    months = sorted({(d.year, d.month) for d in days} | set(by_month_vague))
    years = sorted({y for y, _ in months} | set(by_year_vague))

    for i, d in enumerate(days):
        path = day_path(d)
        nav = []
        if i > 0:
            nav.append(f"[← {days[i - 1].strftime('%-d %B %Y')}]({_rel(path, day_path(days[i - 1]))})")
        nav.append(f"[{MONTH_NAMES[d.month - 1]} {d.year}](../index.md)")
        if i + 1 < len(days):
            nav.append(f"[{days[i + 1].strftime('%-d %B %Y')} →]({_rel(path, day_path(days[i + 1]))})")
        body = [f"# {d.strftime('%A')} {d.day} {MONTH_NAMES[d.month - 1]} {d.year}", "", " · ".join(nav), ""]
        body += [event_block(e, articles) for e in by_day[d]]
        pages[path] = "\n".join(body)

    for y, m in months:
        path = f"{y:04d}/{m:02d}/index.md"
        body = [f"# {MONTH_NAMES[m - 1]} {y}", "", f"[All of {y}](../index.md)", ""]
        month_days = [d for d in days if (d.year, d.month) == (y, m)]
        if month_days:
            body += ["## Day by day", ""]
            for d in month_days:
                titles = "; ".join(esc(e.title) for e in by_day[d][:2])
                more = f" (+{len(by_day[d]) - 2} more)" if len(by_day[d]) > 2 else ""
                body.append(f"- [{d.strftime('%a')} {d.day} {MONTH_NAMES[m - 1]}]({d.day:02d}/index.md) — "
                            f"{len(by_day[d])} event{'s' if len(by_day[d]) != 1 else ''}: {titles}{more}")
            body.append("")
        if by_month_vague.get((y, m)):
            body += ["## Known only to the week or month", ""]
            body += [event_block(e, articles, level=3) for e in by_month_vague[(y, m)]]
        pages[path] = "\n".join(body)

    for y in years:
        path = f"{y:04d}/index.md"
        body = [f"# {y}", ""]
        for yy, m in months:
            if yy == y:
                n = sum(len(v) for d, v in by_day.items() if (d.year, d.month) == (y, m)) + len(by_month_vague.get((y, m), []))
                body.append(f"- [{MONTH_NAMES[m - 1]} {y}]({m:02d}/index.md) — {n} event{'s' if n != 1 else ''}")
        body.append("")
        if by_year_vague.get(y):
            body += ["## Known only to the year", ""]
            body += [event_block(e, articles, level=3) for e in by_year_vague[y]]
        pages[path] = "\n".join(body)

    home = [f"# {esc(title)}", "", esc(description), "",
            f"{len(events)} events from {len(articles)} articles, "
            + (f"{years[0]}–{years[-1]}." if years else "no dated events yet."), ""]
    if days:
        home += ["## Latest events", ""]
        latest = [e for d in reversed(days) for e in by_day[d]][:10]
        for e in latest:
            home.append(f"- {esc(e.date.label())}: [{esc(e.title)}]({day_path(e.date.start)}#{e.id})")
        home.append("")
    if years:
        home += ["## Years", ""] + [f"- [{y}]({y:04d}/index.md)" for y in years] + [""]
    if undated:
        home += [f"{len(undated)} article(s) could not be dated: see [Undated articles](undated.md).", ""]
    pages["index.md"] = "\n".join(home)

    if undated:
        body = ["# Undated articles", "", "No publication date could be found or inferred for these "
                "articles, so their events cannot be placed on the timeline. Add a `date:` to their front matter.", ""]
        body += [f"- **{esc(t)}** (`{esc(p)}`)" for p, t in undated]
        pages["undated.md"] = "\n".join(body) + "\n"
    return pages
