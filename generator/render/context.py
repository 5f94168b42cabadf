"""What the renderer needs to know besides the events themselves."""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterator, TypeVar

from ..memo import Memo
from ..model import Article, Event
from .paths import article_page, facet_page, href, rel
from .slugs import plain_slug
from .text import safe_url

T = TypeVar("T")


@dataclass(frozen=True)
class ArticleInfo:
    path: str
    slug: str                    # unique; the article page is articles/<slug>/
    title: str
    date: date | None
    date_source: str | None
    source: str
    url: str
    body: str                    # "" when withheld
    page: str = ""               # the page that shows it
    anchor: str = ""             # its section on that page when articles are grouped by month
    withheld: bool = False       # the text is not republished (article_text in site.yaml)
    date_basis: str = ""         # where on the web page the metadata's date was found (ingest/html.py)

    def link(self, from_page: str) -> str:
        """For Markdown links (MkDocs turns .md paths into URLs)."""
        return rel(from_page, self.page) + (f"#{self.anchor}" if self.anchor else "")

    def page_url(self, from_page: str) -> str:
        """For raw HTML."""
        return href(from_page, self.page) + (f"#{self.anchor}" if self.anchor else "")


@dataclass(frozen=True)
class SiteInput:
    title: str
    description: str
    events: tuple[Event, ...]                        # merged, chronological
    articles: dict[str, ArticleInfo] = field(default_factory=dict)   # by Article.path
    search: str = "material"     # or "pagefind": large sites
    # pages kept from the last run in this process (timeline serve); inputs of each
    # page are named where it is rendered
    memo: Memo = field(default_factory=Memo, compare=False)
    months: tuple[tuple[Event, ...], ...] = ()      # the events cut by month (merge.by_month)
    # kind -> name -> slug of its page, no two alike (render/slugs.py; set by render_site)
    facet_slugs: dict = field(default_factory=dict, compare=False)
    site_url: str = ""           # the published address (mkdocs.yml), for absolute links in data and feeds
    basemap: object = None       # render/basemap.Basemap when events have coordinates
    map_tiles: str = ""          # site.yaml map: tiles: a tile server's URL template, off by default
    map_attribution: str = ""
    # a session's articles by page (ArticleTable.pages) and the pages whose articles may have
    # changed since its last run (None: any); None: render/articles.py groups them itself
    article_groups: tuple | None = field(default=None, compare=False)
    # (kind, name) -> facet_page: every event links its places, actors and type (not an
    # argument: a site made with other slugs by dataclasses.replace starts afresh)
    _facet_pages: dict = field(default_factory=dict, init=False, compare=False, repr=False)
    # (kind, name, "../" to the site's root) -> a link to the facet (render/event.py, facet_links)
    facet_anchors: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def facet_page(self, kind: str, name: str) -> str:
        page = self._facet_pages.get((kind, name))
        if page is None:
            page = self._facet_pages[kind, name] = facet_page(kind, self.facet_slugs.get(kind, {}).get(name)
                                                              or plain_slug(name))
        return page

    def per_month(self, name: str, derive: Callable[[tuple[Event, ...]], T]) -> list[T]:
        """derive() of each month's events, in order; a month unchanged since the last run
        in this process keeps its result. Without months, the events are one part."""
        return list(self.each_month(name, derive))

    def each_month(self, name: str, derive: Callable[[tuple[Event, ...]], T]) -> Iterator[T]:
        """per_month(), made as it is read."""
        for part in self.months or (self.events,):
            start = part[0].date.start if part else None
            key = (name, start.year, start.month) if start else (name,)   # name: a string or a tuple
            yield self.memo(key, part, lambda: derive(part))

    def sources(self, events) -> tuple:
        """What a page of these events shows of their reports' articles (links, dates)."""
        return tuple(map(self.articles.get, cited(events)))


# Pages are handed to the writer a few at a time (pipeline.Session): a decade's facet lists and
# articles shown in full are gigabytes of text that need never be in memory at once.
BATCH_CHARS = 16_000_000

# Above this many articles, articles share a page per month (one section and
# anchor each): thousands of pages, each with the theme's header and navigation,
# would dominate the build time and the size of the site.
GROUP_ABOVE_ARTICLES = 2000


def article_infos(items: list[tuple[Article, date | None, str | None]], grouping: str = "auto",
                  text: str = "auto", memo: Memo | None = None) -> dict[str, ArticleInfo]:
    """One entry per article, each with a slug no other article has.

    The first article (by path) keeps the plain slug; another with the same
    slug gets a suffix from its own path, so no slug depends on file order.
    `grouping`: each (a page per article), monthly, or auto (by count).
    `text`: always, never, or auto: an article with an original link is not
    republished (the publisher's copyright; readers follow the link, and events
    quote the sentences they come from), one without is shown (the user's own).
    """
    memo = Memo() if memo is None else memo
    monthly = _monthly(grouping, len(items))
    out: dict[str, ArticleInfo] = {}
    taken: set[str] = set()
    for article, when, source in sorted(items, key=lambda t: t[0].path):
        slug = article.slug
        if slug in taken:
            slug = _suffixed(article)
        taken.add(slug)
        out[article.path] = _info(article, when, source, slug, monthly, text, memo)
    return out


def _monthly(grouping: str, articles: int) -> bool:
    return grouping == "monthly" or (grouping == "auto" and articles > GROUP_ABOVE_ARTICLES)


def _suffixed(article: Article) -> str:
    return f"{article.slug}-{hashlib.sha1(article.path.encode('utf-8')).hexdigest()[:6]}"


def _info(article: Article, when: date | None, source: str | None, slug: str, monthly: bool, text: str,
          memo: Memo) -> ArticleInfo:
    if monthly:
        page, anchor = (f"articles/{when.year:04d}/{when.month:02d}/index.md" if when
                        else "articles/undated/index.md"), slug
    else:
        page, anchor = article_page(slug), ""
    # "an original link" as the page shows one: a web address (text.safe_url)
    withheld = text == "never" or (text == "auto" and bool(safe_url(article.url)))
    # the same object as last run when nothing changed: pages compare it by identity
    return memo(("article", article.path), (article, when, source, slug, page, anchor, withheld),
                lambda: ArticleInfo(article.path, slug, article.title, when, source, article.source,
                                    article.url, "" if withheld else article.body, page, anchor,
                                    withheld, article.date_basis))


class ArticleTable:
    """article_infos of a session, kept from one run to the next: after an edit, only the
    changed articles and those sharing a plain slug with them are looked at again (the
    first by path keeps the slug). Where a suffixed slug is another article's plain one,
    which gets which depends on every article before: then all are made again."""

    def __init__(self) -> None:
        self.shape: tuple | None = None
        self.table: dict[str, ArticleInfo] = {}

    def infos(self, kept: dict, changed, grouping: str, text: str, memo: Memo) -> dict[str, ArticleInfo]:
        """kept: article path -> its extraction (article, date, date_source); changed: the
        paths whose extraction may differ from last run's, or None (any)."""
        shape = (grouping, text, _monthly(grouping, len(kept)))
        if changed is None or shape != self.shape or not self._update(kept, changed, memo):
            self.shape = shape
            self.table = article_infos([(x.article, x.date, x.date_source) for x in kept.values()],
                                       grouping, text, memo)
            self.plain = {path: x.article.slug for path, x in kept.items()}
            self.groups: dict[str, set[str]] = defaultdict(set)       # plain slug -> its articles
            for path, slug in self.plain.items():
                self.groups[slug].add(path)
            self.slugs = Counter(info.slug for info in self.table.values())
            self.pages = by_page(self.table.values())
            self.changed_pages = None
        return self.table

    def _update(self, kept: dict, changed, memo: Memo) -> bool:
        groups = {self.plain[p] for p in changed if p in self.plain} | {kept[p].article.slug for p in changed if p in kept}
        before = [self.table[p].slug for g in groups for p in self.groups[g]]
        redone = {p for g in groups for p in self.groups[g]} | set(changed)
        pages = {self.table[p].page for p in redone if p in self.table}
        suffixed = [self.table[p].slug for g in groups for p in self.groups[g] if self.table[p].slug != g]
        added = False
        for path in changed:
            if path in self.plain:
                self.groups[self.plain.pop(path)].discard(path)
            if path in kept:
                self.plain[path] = kept[path].article.slug
                self.groups[self.plain[path]].add(path)
                added |= path not in self.table
            else:
                self.table.pop(path, None)
        after = []
        _, text, monthly = self.shape
        for g in groups:
            for i, path in enumerate(sorted(self.groups[g])):
                x = kept[path]
                slug = _suffixed(x.article) if i else g
                self.table[path] = _info(x.article, x.date, x.date_source, slug, monthly, text, memo)
                after.append(slug)
                if i:
                    suffixed.append(slug)
        self.slugs.subtract(before)
        self.slugs.update(after)
        if any(self.groups.get(s) for s in suffixed) or any(self.slugs[s] > 1 for s in after):
            return False
        if added:
            self.table = dict(sorted(self.table.items()))      # in path order, as article_infos
        redone |= {p for g in groups for p in self.groups[g]}
        pages |= {self.table[p].page for p in redone if p in self.table}
        for page in pages:
            infos = [i for i in self.pages.get(page, ()) if i.path not in redone]
            infos += [self.table[p] for p in redone if p in self.table and self.table[p].page == page]
            if infos:
                self.pages[page] = tuple(sorted(infos, key=page_order))
            else:
                self.pages.pop(page, None)
        self.changed_pages = pages
        return True


def cited(events) -> tuple[str, ...]:
    """The articles of these events' reports: each event's own, then its other reports'."""
    return tuple(e.article for e in events) + tuple(r.article for e in events for r in e.also)


def page_order(info: ArticleInfo):
    """The order of articles on a page of articles (and in their index)."""
    return info.date is None, info.date, info.path


def by_page(infos) -> dict[str, tuple[ArticleInfo, ...]]:
    """Articles grouped by the page that shows them, each page's in page_order."""
    pages: dict[str, list[ArticleInfo]] = defaultdict(list)
    for info in sorted(infos, key=page_order):
        pages[info.page].append(info)
    return {page: tuple(infos) for page, infos in pages.items()}
