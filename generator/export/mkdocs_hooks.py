"""MkDocs events of the `timeline` plugin (export/mkdocs_plugin.py, named in mkdocs.yml).

on_config: the site's name and description come from site_config/site.yaml.
on_config: the navigation lists home, years, months and the browse indexes only; a decade of
day pages must not be copied into every page's sidebar.
on_pre_build: under `timeline serve`, regenerate pages from content/ first (one Session for the
whole serve, so an edit redoes only what it touches).
on_page_markdown/on_page_content: event bodies bypass Markdown (render/stash.py).
on_files/on_page_context/on_post_build: a progress line on long builds.
on_post_page: the theme's indentation dropped (export/minify.py).
on_post_page/on_post_build/on_build_error: on large sites, the day pages are filled into the
rendered shell while the other pages build (export/stamp.py).
on_files/on_post_build: `timeline serve` on large sites rebuilds only what changed (export/live.py).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from generator.config import identity
from generator.model import MONTH_NAMES
from generator.export.minify import collapse_whitespace
from generator.export import live
from generator.export.theme import theme_dirs
from generator.export.stamp import Stamping
from generator.progress import Progress
from generator.render.home import SEARCH_PAGE
from generator.render.shell import SHELL_PAGE, SHELL_URL
from generator.render.stash import restore, split


def on_config(config, **kwargs):
    root = Path(config.config_file_path).parent
    # the tool's templates over Material's, the project's own overrides over both
    config["theme"].dirs[:0] = [str(d) for d in theme_dirs(root)]
    # the site's name and description are written once, in site_config/site.yaml
    config["site_name"], description = identity(root)
    config["site_description"] = description or config.get("site_description")
    docs = Path(config["docs_dir"])
    nav = [{"Home": "index.md"}]
    for year_dir in sorted(p for p in docs.glob("[0-9][0-9][0-9][0-9]") if p.is_dir()):
        entries = [{"Overview": f"{year_dir.name}/index.md"}]
        for month_dir in sorted(p for p in year_dir.glob("[0-9][0-9]") if (p / "index.md").is_file()):
            entries.append({MONTH_NAMES[int(month_dir.name) - 1]: f"{year_dir.name}/{month_dir.name}/index.md"})
        nav.append({year_dir.name: entries})
    config["extra"]["search_engine"] = "pagefind" if (docs / SEARCH_PAGE).is_file() else "material"
    for label, page in (("Search", SEARCH_PAGE), ("Places", "places/index.md"), ("Actors", "actors/index.md"),
                        ("Event types", "types/index.md"), ("Articles", "articles/index.md"),
                        ("Undated", "undated.md"), ("Map", "map/index.md"), ("Downloads", "data/index.md")):
        if (docs / page).is_file():
            nav.append({label: page})
    config["nav"] = nav
    return config


def on_pre_build(config, **kwargs):
    root = os.environ.get("TIMELINE_REGENERATE")
    if root:
        from generator.pipeline import session
        report = session(Path(root)).generate()
        if report.written or report.removed:
            report.print(sys.stderr, all_problems=False)


# A progress line while MkDocs renders thousands of pages (terminal only).
_progress = None


_files = None


def on_files(files, config, **kwargs):
    global _progress, _files
    _progress = Progress("building", sum(1 for f in files if f.is_documentation_page()))
    if live.active():               # `timeline serve` on a large site: changed pages only
        live.mark_files(files, config)
    _files = files
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):
    markdown, page.timeline_bodies = split(markdown)
    return markdown


def on_page_content(html, page, config, files, **kwargs):
    return restore(html, getattr(page, "timeline_bodies", []))


_stamping: Stamping | None = None


def on_post_page(output, page, config, **kwargs):
    global _stamping
    output = collapse_whitespace(output)
    if page.file.src_uri == SHELL_PAGE:          # large sites: fill the day pages meanwhile
        _stamping = Stamping(Path(config["docs_dir"]), Path(config["site_dir"]), output)
    return output


def on_page_context(context, page, config, nav, **kwargs):
    if _progress:
        _progress.step()
    return context


def on_post_build(config, **kwargs):
    if _progress:
        _progress.close()
    global _stamping
    stamping, _stamping = _stamping, None
    site_dir, shell = Path(config["site_dir"]), Path(config["site_dir"]) / SHELL_URL / "index.html"
    if stamping is None and live.active() and shell.is_file():
        # the shell was not rebuilt: fill the days whose records changed since
        stamping = Stamping(Path(config["docs_dir"]), site_dir, shell.read_text(encoding="utf-8"), changed_only=True)
    if stamping:
        stamping.finish(SHELL_URL, keep_shell=live.active())
    if live.active() and _files is not None:
        pages = {f.dest_uri for f in _files.documentation_pages()}
        live.prune(site_dir, pages | {url + "index.html" for url in (stamping.urls() if stamping else ())})


def on_build_error(error, **kwargs):
    global _stamping
    if _stamping:
        _stamping.abandon()
        _stamping = None
