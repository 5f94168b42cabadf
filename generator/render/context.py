"""What the renderer needs to know besides the events themselves."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from ..model import Article, Event


@dataclass(frozen=True)
class ArticleInfo:
    path: str
    slug: str                    # unique; the article page is articles/<slug>/
    title: str
    date: date | None
    date_source: str | None
    source: str
    url: str
    body: str


@dataclass(frozen=True)
class SiteInput:
    title: str
    description: str
    events: tuple[Event, ...]                        # merged, chronological
    articles: dict[str, ArticleInfo] = field(default_factory=dict)   # by Article.path
    search: str = "material"     # or "pagefind": large sites


def article_infos(items: list[tuple[Article, date | None, str | None]]) -> dict[str, ArticleInfo]:
    """One entry per article, each with a slug no other article has.

    The first article (by path) keeps the plain slug; another with the same
    slug gets a suffix from its own path, so no slug depends on file order.
    """
    out: dict[str, ArticleInfo] = {}
    taken: set[str] = set()
    for article, when, source in sorted(items, key=lambda t: t[0].path):
        slug = article.slug
        if slug in taken:
            slug = f"{slug}-{hashlib.sha1(article.path.encode('utf-8')).hexdigest()[:6]}"
        taken.add(slug)
        out[article.path] = ArticleInfo(article.path, slug, article.title, when, source,
                                        article.source, article.url, article.body)
    return out
