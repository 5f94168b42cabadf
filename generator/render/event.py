"""One event as Markdown: the block shown on its day (or month, or year) page."""
from __future__ import annotations

from ..model import Event
from .context import SiteInput
from .paths import event_page, facet_page, rel
from .text import esc, safe_url

DATE_SOURCE_LABEL = {"metadata": "from the article's metadata", "dateline": "from the dateline in the text",
                     "inferred": "inferred from the text (not stated in the article)",
                     "filename": "from the file name"}


def provenance(e: Event) -> str:
    if e.origin == "curated":
        return "curated"
    return "reviewed" if e.reviewed else "machine-extracted"


def event_link(e: Event, from_page: str) -> str:
    return f"{rel(from_page, event_page(e))}#{e.id}"


# Pagefind filter named on each facet link (harmless when Material's search is used).
_FILTER = {"places": "place", "actors": "actor", "types": "type"}


def facet_links(kind: str, names, page: str) -> str:
    return ", ".join(f'[{esc(n)}]({rel(page, facet_page(kind, n))}){{ data-pagefind-filter="{_FILTER[kind]}" }}'
                     for n in names)


def _source_line(r: Event, site: SiteInput, page: str) -> str:
    """'Outlet (original link) · article page — published …, date inferred …'"""
    info = site.articles.get(r.article)
    label = esc(r.source or (info.title if info else r.article) or "source")
    url = safe_url(r.url)
    parts = [f"[{label}]({url})" if url else label]
    if info:
        parts.append(f"[article page]({info.link(page)})")
        if info.date:
            parts.append(f"published {info.date.day} {info.date.strftime('%B %Y')}, date "
                         f"{esc(DATE_SOURCE_LABEL.get(info.date_source or '', ''))}")
    return " · ".join(parts)


def _fatalities(e: Event, site: SiteInput) -> str:
    """One figure, or every report's figure side by side: never averaged."""
    figures = [(r.fatalities, r) for r in e.reports if r.fatalities is not None]
    if not figures:
        return ""
    if len({n for n, _ in figures}) == 1:
        return str(figures[0][0])
    return " · ".join(f"{n} ({esc(r.source or r.article)}" + (f", claimed by {esc(r.claimed_by)}" if r.claimed_by else "")
                      + ")" for n, r in figures) + " — reports differ"


def event_block(e: Event, site: SiteInput, page: str, level: int = 2) -> str:
    lines = [f"{'#' * level} {esc(e.title)} {{#{e.id}}}", ""]
    # Reports merged into this one keep their own anchors: old links still land here.
    lines += [" ".join(f'<span id="{i}"></span>' for i in e.ids[1:]), ""] if e.also else []
    meta = [f"**{esc(e.date.label())}**", f'<span class="tl-precision">{esc(e.date.precision)}</span>']
    if e.status != "occurred":
        meta.append(f'<span class="tl-status tl-{e.status}">{esc(e.status)}</span>')
    if e.date.text:
        meta.append(f"from “{esc(e.date.text)}”")
    meta.append(f'<span class="tl-{provenance(e)}">{provenance(e)}</span>')
    lines += [" · ".join(meta), ""]
    if e.description:
        lines += [esc(e.description), ""]
    if e.quote:
        lines += [f"> {esc(e.quote)}", ""]
    if e.note:
        lines += [f"*Editor's note:* {esc(e.note)}", ""]
    facts = []
    if e.places:
        facts.append("**Places:** " + facet_links("places", [p.name for p in e.places], page))
    if e.actors:
        facts.append("**Actors:** " + facet_links("actors", e.actors, page))
    if e.type:
        facts.append("**Type:** " + facet_links("types", [e.type], page))
    fatalities = _fatalities(e, site)
    if fatalities:
        facts.append(f"**Fatalities:** {fatalities}")
    if e.claimed_by:
        facts.append(f"**Claimed by:** {esc(e.claimed_by)}")
    if e.article:
        facts.append("**Source:** " + _source_line(e, site, page))
    for label, url in e.sources:
        u = safe_url(url)
        facts.append(f"**Source:** [{esc(label)}]({u})" if u else f"**Source:** {esc(label)}")
    lines += [f"- {f}" for f in facts]
    if e.also:
        lines += ["", f"Also reported by {len(e.also)} other source{'s' if len(e.also) > 1 else ''}:", ""]
        for r in e.also:
            said = f" — “{esc(r.quote)}”" if r.quote else ""
            lines.append(f"- {_source_line(r, site, page)}{said}")
    return "\n".join(lines) + "\n"
