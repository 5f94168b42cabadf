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
from .axis import month_types
from .map import map_files
from .home import SEARCH_PAGE, date_index, home_page, search_page, site_axis, undated_page
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
    counts = month_types(cal, memo)
    # every type, for the colours the axis and the map share (events known only to a year too)
    types = tuple(sorted({t for month in counts.values() for t, _ in month} |
                         {e.type for events in cal.by_year.values() for e in events}))
    pages.update(month_pages(cal, site))
    pages.update(year_pages(cal, site, lambda y, path: site_axis(cal, types, counts, path, y)))
    pages.update(facet_pages(site))
    pages.update(article_pages(site))
    undated = tuple(a for a in site.articles.values() if a.date is None)
    axis = site_axis(cal, types, counts, "index.md")
    pages["index.md"] = memo("index.md", (site.title, site.description, len(site.events), len(site.articles),
                                          len(undated), cal.latest(), axis, site.basemap is not None),
                             lambda: home_page(cal, site, len(undated), axis))
    if undated:
        pages["undated.md"] = memo("undated.md", undated, lambda: undated_page(site))
    pages["days.json"] = date_index(cal)
    pages.update(map_files(site, types))
    # the open data and the feed (export/data.py, export/feed.py): files of the site like days.json
    from ..export.data import DOWNLOADS_PAGE, data_files, downloads_page
    from ..export.feed import FEED, atom_feed
    files = dict(data_files(site))      # a copy: the memo keeps the original
    files[FEED] = atom_feed(site)
    files[DOWNLOADS_PAGE] = memo(DOWNLOADS_PAGE, tuple(files.values()), lambda: downloads_page(files, FEED))
    pages.update(files)
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
