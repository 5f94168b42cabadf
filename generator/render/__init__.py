"""Render: events and articles -> the site's pages {relative path: text}.

Pure functions: the same input gives the same bytes. Everything that comes
from content is escaped, so nothing in an article can inject HTML or script.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator


from .articles import article_pages
from .context import ArticleInfo, SiteInput, article_infos
from .facets import facet_groups, facet_pages
from .paths import FACETS
from .search import search_batches
from .slugs import facet_slugs
from .shell import SHELL_PAGE, record, record_path, shell_markdown
from .stash import stash
from .axis import month_types
from .map import map_files
from .home import SEARCH_PAGE, date_index, home_page, search_page, site_axis, undated_page
from .timeline import Calendar, DayPage, day_pages, month_pages, year_pages

__all__ = ["ArticleInfo", "SiteInput", "article_infos", "render_site"]


def render_site(site: SiteInput) -> dict[str, str]:
    """Every page; with site.memo from an earlier run in this process, a page whose
    inputs are unchanged is what the memo kept of it (memo.Written once written)."""
    pages: dict[str, str] = {}
    for batch, _ in render_batches(site):
        pages.update(batch)
    return pages


def render_batches(site: SiteInput) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """The pages a kind at a time, so that each batch can be written and its texts let go
    before the next is made (pipeline.Session): (pages, the Markdown each stashed page was
    made from, by path)."""
    memo = site.memo
    site = _with_facet_slugs(site)
    cal = Calendar.of_site(site)
    if site.search == "pagefind":
        for days in day_pages(cal, site, record, record_path):
            yield days, {}
        if cal.days:
            yield _stashed({SHELL_PAGE: shell_markdown()})
    else:
        for days in day_pages(cal, site, DayPage.markdown):
            yield _stashed(days)
    counts = month_types(cal, memo)
    # every type, for the colours the axis and the map share (events known only to a year too)
    types = tuple(sorted({t for month in counts.values() for t, _ in month} |
                         {e.type for events in cal.by_year.values() for e in events}))
    yield _stashed(month_pages(cal, site))
    yield _stashed(year_pages(cal, site, lambda y, path: site_axis(cal, types, counts, path, y)))
    for pages in facet_pages(site):
        yield _stashed(pages)
    for pages in article_pages(site):
        yield _stashed(pages)
    pages: dict[str, str] = {}
    undated = tuple(a for a in site.articles.values() if a.date is None)
    axis = site_axis(cal, types, counts, "index.md")
    pages["index.md"] = memo("index.md", (site.title, site.description, len(site.events), len(site.articles),
                                          len(undated), cal.latest(), axis, site.basemap is not None),
                             lambda: home_page(cal, site, len(undated), axis))
    if undated:
        pages["undated.md"] = memo("undated.md", undated, lambda: undated_page(site))
    pages["days.json"] = date_index(cal)
    pages.update(map_files(site, types))
    yield _stashed(pages)
    # the open data and the feed (export/data.py, export/feed.py): files of the site like days.json
    from ..export.data import DOWNLOADS_PAGE, byte_size, data_batches, downloads_page
    from ..export.feed import FEED, atom_feed
    sizes: dict[str, int] = {}
    for files in data_batches(site):
        sizes.update((path, byte_size(text)) for path, text in files.items())
        yield files, {}
    pages = {FEED: atom_feed(site)}
    sizes[FEED] = byte_size(pages[FEED])
    pages[DOWNLOADS_PAGE] = memo(DOWNLOADS_PAGE, tuple(sizes.items()), lambda: downloads_page(sizes, FEED))
    if site.search == "pagefind":
        pages[SEARCH_PAGE] = search_page()
    yield _stashed(pages)
    if site.search == "pagefind":
        for records in search_batches(site):
            yield records, {}


def _stashed(pages: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Markdown pages with their HTML blocks stashed (render/stash.py), and what each was
    stashed from; a page already written (memo.Written) is as it was."""
    out, raw = {}, {}
    for path, text in pages.items():
        if path.endswith(".md") and type(text) is str:
            # not memoised: a page made again is stashed again, one kept is a Written
            out[path] = stash(text)
            if out[path] is not text:
                raw[path] = text
        else:
            out[path] = text
    return out, raw


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
