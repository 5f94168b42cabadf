"""One event: a heading (for the table of contents, anchors and search sections)
and its body as one raw HTML block, which Markdown passes through untouched: a
day page of many events builds several times faster so."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Event, anchor, long_date
from .context import SiteInput
from .headline import headline, quoted_in_heading
from .paths import event_page, href
from .text import a, esc, h, heading, plural, safe_url

DATE_SOURCE_LABEL = {"metadata": "from the article's metadata", "dateline": "from the dateline in the text",
                     "inferred": "inferred from the text (not stated in the article)",
                     "filename": "from the file name"}


def provenance(e: Event) -> str:
    if e.origin == "curated":
        return "curated"
    return "reviewed" if e.reviewed else "machine-extracted"


def event_url(e: Event, from_page: str) -> str:
    """For raw HTML."""
    return f"{href(from_page, event_page(e))}#{anchor(e.id)}"


def facet_links(kind: str, names, page: str, site: SiteInput) -> str:
    return ", ".join(a(href(page, site.facet_page(kind, n)), h(n)) for n in names)


def _source_line(r: Event, site: SiteInput, page: str, full: bool = True) -> str:
    """'Outlet (original link) · article page · published …, date inferred …'; the
    other reports of a merged event say how their date was found only when inferred."""
    info = site.articles.get(r.article)
    label = h(r.source or (info.title if info else r.article) or "source")
    url = safe_url(r.url)
    parts = [a(url, label) if url else label]
    if info:
        parts.append(a(info.page_url(page), "article page"))
        if info.date and (full or info.date_source == "inferred"):
            parts.append(f"published {long_date(info.date)}, date {h(DATE_SOURCE_LABEL.get(info.date_source or '', ''))}")
        elif info.date:
            parts.append(f"published {long_date(info.date)}")
    return " · ".join(parts)


def _other_quotes(e: Event):
    """Each other report with its words, unless they repeat words already shown
    (wire copy republished by several outlets): then only that it says the same."""
    shown = {" ".join(e.quote.split()).casefold()} if e.quote else set()
    for r in e.also:
        words = " ".join(r.quote.split()).casefold()
        if not words:
            yield r, ""
        elif words in shown:
            yield r, " — same words"
        else:
            shown.add(words)
            yield r, f" — “{h(r.quote)}”"


def _fatalities(e: Event) -> str:
    """One figure, or every report's figure side by side: never averaged."""
    figures = [(r.fatalities, r) for r in e.reports if r.fatalities is not None]
    if not figures:
        return ""
    if len({n for n, _ in figures}) == 1:
        return str(figures[0][0])
    return " · ".join(f"{n} ({h(r.source or r.article)}" + (f", claimed by {h(r.claimed_by)}" if r.claimed_by else "")
                      + ")" for n, r in figures) + " — reports differ"


@dataclass(frozen=True)
class Section:
    """A heading and the raw HTML under it; as Markdown for MkDocs, or as parts
    for pages written straight into the theme's template (export/stamp.py)."""
    level: int
    id: str
    title: str          # plain text
    html: str

    def markdown(self) -> str:
        return f"{'#' * self.level} {esc(self.title)} {{#{self.id}}}\n\n{self.html}\n"

    def listed(self) -> str:
        """The heading inside the raw block: month and year pages list up to hundreds of
        events known only to the week, month or year (render/text.heading)."""
        opening, _, rest = self.html.partition("\n")
        return f"{opening}\n{heading(self.level, self.id, self.title)}\n{rest}\n"


def event_block(e: Event, site: SiteInput, page: str, level: int = 2) -> str:
    return event_section(e, site, page, level).listed()


def event_section(e: Event, site: SiteInput, page: str, level: int = 2) -> Section:
    body = ['<div class="tl-block tl-event">']
    # Reports merged into this one keep their own anchors: old links still land here.
    if e.also:
        body.append(" ".join(f'<span id="{h(anchor(i))}"></span>' for i in e.ids[1:]))
    meta = [f"<strong>{h(e.date.label())}</strong>", f'<span class="tl-precision">{h(e.date.precision)}</span>']
    if e.status != "occurred":
        meta.append(f'<span class="tl-status tl-{e.status}">{h(e.status)}</span>')
    if e.date.text:
        meta.append(f"from “{h(e.date.text)}”")
    meta.append(f'<span class="tl-{provenance(e)}">{provenance(e)}</span>')
    body.append(f'<p class="tl-meta">{" · ".join(meta)}</p>')
    if e.description:
        body.append(f"<p>{h(e.description)}</p>")
    if e.quote and not quoted_in_heading(e):       # else the heading is the sentence itself
        body.append(f"<blockquote><p>{h(e.quote)}</p></blockquote>")
    if e.note:
        body.append(f"<p><em>Editor's note:</em> {h(e.note)}</p>")
    facts = []
    if e.places:
        facts.append("<strong>Places:</strong> " + facet_links("places", [p.name for p in e.places], page, site))
    if e.actors:
        facts.append("<strong>Actors:</strong> " + facet_links("actors", e.actors, page, site))
    if e.type:
        facts.append("<strong>Type:</strong> " + facet_links("types", [e.type], page, site))
    fatalities = _fatalities(e)
    if fatalities:
        facts.append(f"<strong>Fatalities:</strong> {fatalities}")
    if e.claimed_by:
        facts.append(f"<strong>Claimed by:</strong> {h(e.claimed_by)}")
    if e.article:
        facts.append("<strong>Source:</strong> " + _source_line(e, site, page))
    for label, url in e.sources:
        u = safe_url(url)
        facts.append("<strong>Source:</strong> " + (a(u, h(label)) if u else h(label)))
    if facts:
        body.append("<ul>" + "".join(f"<li>{f}</li>" for f in facts) + "</ul>")
    if e.also:
        # counted by article: two sentences of one article are one source
        others = {r.article or r.url or r.source for r in e.also} - {e.article}
        body.append("<p>" + (f"Also reported by {plural(len(others), 'other source')}:"
                                                 if others else "Also in the same article:") + "</p>")
        body.append("<ul>" + "".join(f"<li>{_source_line(r, site, page, full=False)}{quote}</li>"
                                                         for r, quote in _other_quotes(e)) + "</ul>")
    body.append("</div>")
    return Section(level, anchor(e.id), headline(e), "\n".join(body))
