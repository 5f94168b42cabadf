"""Render: events and articles -> the site's pages {relative path: text}.

Pure functions: the same input gives the same bytes. Everything that comes
from content is escaped, so nothing in an article can inject HTML or script.
"""
from __future__ import annotations

from .articles import article_pages
from .context import ArticleInfo, SiteInput, article_infos
from .facets import facet_pages
from .shell import shell_pages
from .stash import stash
from .home import SEARCH_PAGE, date_index, home_page, search_page, undated_page
from .timeline import Calendar, day_pages, month_pages, year_pages

__all__ = ["ArticleInfo", "SiteInput", "article_infos", "render_site"]


def render_site(site: SiteInput) -> dict[str, str]:
    cal = Calendar.of(site.events)
    pages: dict[str, str] = {}
    days = day_pages(cal, site)
    if site.search == "pagefind":
        pages.update(shell_pages(days))
    else:
        pages.update({d.path: d.markdown() for d in days})
    pages.update(month_pages(cal, site))
    pages.update(year_pages(cal, site))
    pages.update(facet_pages(site.events))
    pages.update(article_pages(site))
    undated = sum(1 for a in site.articles.values() if a.date is None)
    pages["index.md"] = home_page(cal, site, undated)
    if undated:
        pages["undated.md"] = undated_page(site)
    pages["days.json"] = date_index(cal)
    if site.search == "pagefind":
        pages[SEARCH_PAGE] = search_page()
    return {path: stash(text) if path.endswith(".md") else text for path, text in pages.items()}
