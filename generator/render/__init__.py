"""Render: events and articles -> the site's pages {relative path: text}.

Pure functions: the same input gives the same bytes. Everything that comes
from content is escaped, so nothing in an article can inject HTML or script.
"""
from __future__ import annotations

from dataclasses import replace

from .articles import article_pages
from .context import ArticleInfo, SiteInput, article_infos
from .facets import facet_groups, facet_pages
from .paths import FACETS
from .search import search_records
from .slugs import facet_slugs
from .shell import shell_pages
from .stash import stash
from .home import SEARCH_PAGE, date_index, home_page, search_page, undated_page
from .timeline import Calendar, day_pages, month_pages, year_pages

__all__ = ["ArticleInfo", "SiteInput", "article_infos", "render_site"]


def render_site(site: SiteInput) -> dict[str, str]:
    """Every page; with site.memo from an earlier run in this process, a page whose
    inputs are unchanged is that run's very string (export/writer.py skips it)."""
    memo = site.memo
    site = _with_facet_slugs(site)
    cal = Calendar.of_site(site)
    pages: dict[str, str] = {}
    days = day_pages(cal, site)
    if site.search == "pagefind":
        pages.update(shell_pages(days, memo))
    else:
        pages.update({d.path: memo(("markdown", d.path), (d,), d.markdown) for d in days})
    pages.update(month_pages(cal, site))
    pages.update(year_pages(cal, site))
    pages.update(facet_pages(site))
    pages.update(article_pages(site))
    undated = tuple(a for a in site.articles.values() if a.date is None)
    counts = tuple((y, m, cal.month_count(y, m)) for y, m in cal.months)
    pages["index.md"] = memo("index.md", (site.title, site.description, len(site.events), len(site.articles),
                                          len(undated), cal.latest(), counts, tuple(cal.years)),
                             lambda: home_page(cal, site, len(undated)))
    if undated:
        pages["undated.md"] = memo("undated.md", undated, lambda: undated_page(site))
    pages["days.json"] = date_index(cal)
    if site.search == "pagefind":
        pages[SEARCH_PAGE] = search_page()
        pages.update(search_records(site))
    return {path: memo(("stash", path), (text,), lambda: stash(text)) if path.endswith(".md") else text
            for path, text in pages.items()}


def _with_facet_slugs(site: SiteInput) -> SiteInput:
    """The site with a unique page name for every place, actor and type. Every page
    linking to a facet depends on this table: when it changes (a new name took a
    slug's suffix), pages kept from the last run are not reused."""
    names: dict[str, set[str]] = {kind: set() for kind in FACETS}
    for part in site.per_month("facets", facet_groups):
        for kind, groups in part.items():
            names[kind].update(groups)
    slugs = {kind: facet_slugs(sorted(found)) for kind, found in names.items()}
    site.memo.forget_unless("facet slugs", slugs)
    return replace(site, facet_slugs=slugs)
