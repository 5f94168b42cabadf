"""One event: a heading (for the table of contents, anchors and search sections)
and its body as one raw HTML block, which Markdown passes through untouched: a
day page of many events builds several times faster so."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..model import Event, anchor, kept, long_date
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


def _shown(e: Event) -> tuple[str, str, str, str]:
    """(its page, "#" and its anchor, its headline and its date label as HTML): asked for by
    every page listing the event (its day, month or year, places, actors, type, articles),
    so made once per event (model.kept)."""
    return kept(e, "_shown", lambda e: (event_page(e), f"#{anchor(e.id)}", h(headline(e)), h(e.date.label())))


def event_url(e: Event, from_page: str) -> str:
    """For raw HTML."""
    page, fragment, _, _ = _shown(e)
    return href(from_page, page) + fragment


def event_link(e: Event, from_page: str) -> str:
    """A link to the event named by its headline. Its address needs no escaping: a page's
    path (digits and slashes) and an anchor (model.VALID_ID characters)."""
    page, fragment, title, _ = _shown(e)
    return f'<a href="{href(from_page, page)}{fragment}">{title}</a>'


def event_item(e: Event, from_page: str) -> str:
    """'4 March 2015: <a>headline</a>', as lists of events show one."""
    return f"{_shown(e)[3]}: {event_link(e, from_page)}"


def facet_links(kind: str, names, page: str, site: SiteInput) -> str:
    """Links to facets from a page of the timeline (outside the facets' folders): each is the
    same from every page as deep, so made once per depth (thousands of day pages link them)."""
    up = "../" * page.count("/")
    links = site.facet_anchors
    out = []
    for name in names:
        link = links.get((kind, name, up))
        if link is None:
            link = links[kind, name, up] = _facet_link(kind, name, page, site)
        out.append(link)
    return ", ".join(out)


def _facet_link(kind: str, name: str, page: str, site: SiteInput) -> str:
    # a facet's page is a slug (render/slugs.py: letters, digits, '-'): nothing to escape
    target = site.facet_page(kind, name)
    assert page.split("/")[0] != target.split("/")[0], "facet_links: only from outside the facets' folders"
    return f'<a href="{href(page, target)}">{h(name)}</a>'


def _source_line(r: Event, site: SiteInput, page: str, full: bool = True) -> str:
    """'Outlet (original link) · article page · published …, date inferred …'; the
    other reports of a merged event say how their date was found only when inferred."""
    info = site.articles.get(r.article)
    outlet = _outlet(r.source or (info.title if info else r.article) or "source", r.url)
    if not info:
        return outlet
    # the article page's address is made of slugs and digits: nothing to escape
    return f'{outlet} · <a href="{info.page_url(page)}">article page</a>{_published(info.date, info.date_source, full)}'


@lru_cache(maxsize=1 << 16)     # an article's events and reports all name it (and its date)
def _outlet(name: str, url: str) -> str:
    label, url = h(name), safe_url(url)
    return a(url, label) if url else label


@lru_cache(maxsize=1 << 12)
def _published(when: date | None, source: str | None, full: bool) -> str:
    if not when:
        return ""
    if full or source == "inferred":
        return f" · published {long_date(when)}, date {h(DATE_SOURCE_LABEL.get(source or '', ''))}"
    return f" · published {long_date(when)}"


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
    meta = [f"<strong>{_shown(e)[3]}</strong>", f'<span class="tl-precision">{h(e.date.precision)}</span>']
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
