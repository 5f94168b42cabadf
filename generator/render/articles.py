"""A page per source article: where it came from, how it was dated, what we took from it."""
from __future__ import annotations

from ..model import Event
from .context import ArticleInfo, SiteInput
from .event import DATE_SOURCE_LABEL, event_link
from .paths import article_page, rel
from .text import esc, front_matter, plural, safe_url


# An article page shows the start of the text, enough to give context to its
# events; a pasted archive would otherwise make one huge page and search entry.
SHOWN_CHARS = 50_000


def article_pages(site: SiteInput) -> dict[str, str]:
    taken: dict[str, list[Event]] = {}
    for e in site.events:
        for r in e.reports:
            if r.article:
                taken.setdefault(r.article, []).append(e)
    pages = {}
    for info in site.articles.values():
        pages[article_page(info.slug)] = _article_page(info, taken.get(info.path, []))
    index = "articles/index.md"
    lines = ["# Articles", "", f"{plural(len(site.articles), 'source article')}, newest first.", ""]
    for info in sorted(site.articles.values(), key=lambda a: (a.date is not None, a.date, a.path), reverse=True):
        when = info.date.isoformat() if info.date else "undated"
        lines.append(f"- {when}: [{esc(info.title)}]({rel(index, article_page(info.slug))})"
                     + (f" — {esc(info.source)}" if info.source else ""))
    pages[index] = "\n".join(lines) + "\n"
    return pages


def _article_page(info: ArticleInfo, events: list[Event]) -> str:
    path = article_page(info.slug)
    url = safe_url(info.url)
    lines = [front_matter(info.title) + f"# {esc(info.title)}", ""]
    facts = [f"**Source:** {esc(info.source)}" if info.source else "",
             f"**Original:** [{esc(url)}]({url})" if url else "",
             f"**Published:** {info.date.day} {info.date.strftime('%B %Y')} — "
             f"{esc(DATE_SOURCE_LABEL.get(info.date_source or '', ''))}" if info.date
             else "**Published:** unknown — no date in its metadata or text; its events are not on the timeline",
             f"**File:** `{esc(info.path)}`"]
    lines += [f"- {f}" for f in facts if f] + [""]
    lines += [f"## Events from this article ({len(events)})", ""]
    for e in events:
        lines.append(f"- {esc(e.date.label())}: [{esc(e.title)}]({event_link(e, path)})")
    if not events:
        lines.append("No events were extracted from this article.")
    lines += ["", "## Text", ""]
    text = info.body[:SHOWN_CHARS]
    lines += [esc(p) + "\n" for p in text.split("\n\n") if p.strip()]
    if len(info.body) > SHOWN_CHARS:
        lines.append(f"*The text goes on for {len(info.body) - SHOWN_CHARS:,} more characters in the source file.*")
    return "\n".join(lines)
