"""Source article pages: where each article came from, how it was dated, what we took from it.

A page per article on ordinary sites; on large ones a page per month with a
section (and permanent anchor) per article (see context.GROUP_ABOVE_ARTICLES).
"""
from __future__ import annotations

import html
from collections import defaultdict
from typing import Iterator

from ..model import MONTH_NAMES, Event, long_date
from .context import BATCH_CHARS, ArticleInfo, SiteInput, by_page
from .event import DATE_SOURCE_LABEL, event_item
from .text import a, esc, front_matter, heading, plural, safe_url
from .text import h as hx

# An article page shows the start of the text, enough to give context to its
# events; a pasted archive would otherwise make one huge page and search entry.
SHOWN_CHARS = 50_000
INDEX = "articles/index.md"


def article_pages(site: SiteInput) -> Iterator[dict[str, str]]:
    """The article pages a batch at a time (about BATCH_CHARS of text each)."""
    parts = site.per_month("taken", _taken)
    kept = site.memo(("article pages",), (), _Kept)        # the same object run after run
    if site.article_groups is None or kept.parts is None or site.article_groups[1] is None:
        pages_of = by_page(site.articles.values())
        kept.taken = {}
        for part in parts:
            for path, events in part.items():
                kept.taken.setdefault(path, []).extend(events)
        kept.taken = {path: tuple(events) for path, events in kept.taken.items()}
        kept.pages = {}
        look = pages_of
    else:
        # only the pages of changed articles, and of articles whose events are in months
        # that changed (a month's part is last run's very object when it did not)
        pages_of, look = site.article_groups
        before, now = {id(p) for p in kept.parts}, {id(p) for p in parts}
        moved = set().union(*(p for p in parts if id(p) not in before), *(p for p in kept.parts if id(p) not in now))
        for path in moved:
            kept.taken[path] = tuple(e for part in parts for e in part.get(path, ()))
        look = set(look) | {site.articles[p].page for p in moved if p in site.articles}
    kept.parts = parts
    batch: dict[str, str] = {}
    chars = 0
    for page in sorted(look):
        infos = pages_of.get(page)
        if infos is None:
            kept.pages.pop(page, None)
            continue
        events = tuple(kept.taken.get(info.path, ()) for info in infos)
        batch[page] = kept.pages[page] = site.memo(page, (infos, events), lambda: _page(page, infos, events))
        chars += len(batch[page]) if type(batch[page]) is str else 0
        if chars > BATCH_CHARS:
            yield batch
            batch, chars = {}, 0
    # the pages not looked at again are last run's (memo.Written once written)
    batch.update((page, text) for page, text in kept.pages.items() if page not in look)
    batch[INDEX] = site.memo(INDEX, tuple(pages_of.items()), lambda: _index(site, pages_of))
    yield batch


class _Kept:
    """article_pages of the last run in a session: the months' parts it was made from, each
    article's events, and each page."""

    def __init__(self) -> None:
        self.parts: list | None = None
        self.taken: dict[str, tuple[Event, ...]] = {}
        self.pages: dict[str, str] = {}

    def release(self, swap) -> None:
        """Written pages are kept as what the memo keeps of them (Memo.release)."""
        self.pages = {page: swap(text) for page, text in self.pages.items()}


def _page(page: str, infos: tuple[ArticleInfo, ...], events: tuple[tuple[Event, ...], ...]) -> str:
    if infos[0].anchor:
        title = _month_title(infos[0])
        body = [front_matter(title) + f"# {esc(title)}", "", f"{plural(len(infos), 'article')}.", ""]
        for info, taken in zip(infos, events):
            body += _article(info, taken, page, level=2)
        return "\n".join(body)
    return "\n".join([front_matter(infos[0].title)] + _article(infos[0], events[0], page, level=1))


def _taken(events: tuple[Event, ...]) -> dict[str, list[Event]]:
    """Article path -> the events it reports, in order."""
    taken: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.also:
            for r in e.reports:
                if r.article:
                    taken[r.article].append(e)
        elif e.article:                 # most events: one report (a decade has forty thousand)
            taken[e.article].append(e)
    return taken


def _month_title(info: ArticleInfo) -> str:
    return f"Articles of {MONTH_NAMES[info.date.month - 1]} {info.date.year}" if info.date else "Undated articles"


def _index(site: SiteInput, pages: dict[str, tuple[ArticleInfo, ...]]) -> str:
    lines = ["# Articles", "", f"{plural(len(site.articles), 'source article')}, newest first.", ""]
    grouped = any(info.anchor for info in site.articles.values())
    if grouped:
        for page, infos in sorted(pages.items(), key=lambda kv: (kv[1][0].date is not None, kv[1][0].date),
                                  reverse=True):
            lines.append(f"- [{esc(_month_title(infos[0]))}]({infos[0].link(INDEX).split('#')[0]}) — "
                         f"{plural(len(infos), 'article')}")
    else:
        for info in sorted(site.articles.values(), key=lambda a: (a.date is not None, a.date, a.path), reverse=True):
            when = info.date.isoformat() if info.date else "undated"
            lines.append(f"- {when}: [{esc(info.title)}]({info.link(INDEX)})"
                         + (f" — {esc(info.source)}" if info.source else ""))
    return "\n".join(lines) + "\n"


def _article(info: ArticleInfo, events: tuple[Event, ...], page: str, level: int) -> list[str]:
    """A heading, then one raw HTML block (render/stash.py keeps it away from Markdown):
    on a month page of 150 articles, Markdown work per heading and block is most of the build."""
    sub = f"h{level + 1}"
    url = safe_url(info.url)
    facts = [f"<strong>Source:</strong> {hx(info.source)}" if info.source else "",
             f"<strong>Original:</strong> {a(url, hx(url))}" if url else "",
             f"<strong>Published:</strong> {long_date(info.date)} — {hx(_date_from(info))}" if info.date
             else "<strong>Published:</strong> unknown — no date in its metadata or text; its events are not "
                  "on the timeline",
             f"<strong>File:</strong> <code>{hx(info.path)}</code>",
             # events quote their sentences; the rest is the publisher's
             "<strong>Text:</strong> not republished here" + (" (see the original)" if url else "")
             if info.withheld else ""]
    block = ['<div class="tl-block">']
    if info.anchor:
        # a month page of 150 articles: headings in the block too, out of Markdown's
        # way and out of a table of contents too long to use (render/stash.py)
        block.append(heading(level, info.anchor, info.title))
    # Material's search (small sites) finds an article by its title; its facts, the
    # events' titles (found on their own pages) and its text would bury the events
    block += ["<ul data-search-exclude>", *[f"<li>{f}</li>" for f in facts if f], "</ul>",
             f"<{sub}>Events from this article ({len(events)})</{sub}>"]
    if events:
        block += ["<ul data-search-exclude>",
                  *[f"<li>{event_item(e, page)}</li>" for e in events],
                  "</ul>"]
    else:
        block.append("<p>No events were extracted from this article.</p>")
    if not info.withheld:
        block += _text(info.body, sub)
    title = [] if info.anchor else [f"{'#' * level} {esc(info.title)}", ""]
    return title + block + ["</div>", ""]


def _date_from(info: ArticleInfo) -> str:
    """How the publication date was established; for a web page's metadata, where on the page."""
    label = DATE_SOURCE_LABEL.get(info.date_source or "", "")
    return f"{label}: {info.date_basis}" if info.date_source == "metadata" and info.date_basis else label


def _text(body: str, sub: str) -> list[str]:
    # as h() does, but uncached: paragraphs are long and never recur
    out = [f"<{sub}>Text</{sub}>", "<div data-search-exclude>"] + [f"<p>{html.escape(' '.join(p.split()))}</p>"
                                                                 for p in body[:SHOWN_CHARS].split("\n\n") if p.strip()]
    if len(body) > SHOWN_CHARS:
        out.append(f"<p><em>The text goes on for {len(body) - SHOWN_CHARS:,} more characters in the source "
                   "file.</em></p>")
    return out + ["</div>"]
