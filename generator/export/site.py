"""Run MkDocs on the generated pages, and Pagefind when the site uses it."""
from __future__ import annotations

import contextlib
import itertools
import json
from concurrent.futures import Future, ThreadPoolExecutor, wait
import os
import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from ..confine import Escape
from ..render.home import SEARCH_PAGE
from .pagefind import write_index
from .theme import OVERRIDES
from ..render.search import RECORDS, record

DOCS = Path("build/docs")       # where `timeline generate` writes the pages (Config.docs_dir)


def uses_pagefind(root: Path) -> bool:
    """The renderer writes the search page only when the site searches with Pagefind."""
    return (root / DOCS / SEARCH_PAGE).is_file()


# MkDocs stamps sitemap.xml.gz with the build date, and gzip's header holds it as an
# unsigned 32-bit count of seconds: 1970-01-01 to 2106-02-07. A site whose newest day is
# outside (a history of 1914, a typo such as 2202) is stamped with the nearest end.
_GZIP_EPOCHS = (0, 2**32 - 1)


def _source_date_epoch(root: Path) -> str:
    """The build's date for the sitemap, from the content (its newest day), not
    the clock: the same content builds byte-identical sites on any day."""
    try:
        days = json.loads((root / DOCS / "days.json").read_text())["days"]
        newest = datetime.fromisoformat(days[-1]).replace(tzinfo=timezone.utc) if days else None
    except (OSError, ValueError, KeyError):
        newest = None
    seconds = int(newest.timestamp()) if newest else 0
    return str(min(max(seconds, _GZIP_EPOCHS[0]), _GZIP_EPOCHS[1]))


@contextlib.contextmanager
def _build_env(root: Path):
    """Material's own search off when Pagefind indexes the site (mkdocs.yml reads
    the variable), and a reproducible build date unless the user set one."""
    wanted = {"TIMELINE_MATERIAL_SEARCH": "false" if uses_pagefind(root) else "true"}
    if "SOURCE_DATE_EPOCH" not in os.environ:
        wanted["SOURCE_DATE_EPOCH"] = _source_date_epoch(root)
    old = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _years(docs: Path) -> Iterator[tuple[str, Iterator[dict]]]:
    """The records render/search.py wrote, a month a file, as (year, its records) in date order
    (read as they are indexed: in the indexing thread)."""
    def read(paths: list[Path]) -> Iterator[dict]:
        for path in paths:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line:
                    yield json.loads(line)
    paths = sorted((docs / RECORDS).glob("*.jsonl"))
    for year, these in itertools.groupby(paths, key=lambda p: p.stem[:4]):
        yield year, read(list(these))


def index_with_pagefind(out: Path, years: Iterable[tuple[str, Iterable[dict]]]) -> None:
    """Pagefind's index of the events themselves (render/search.py, export/pagefind.py) into
    the folder `out`: one record per event, so that results, filters and counts are events."""
    shutil.rmtree(out, ignore_errors=True)
    write_index(years, out)


def _aside(root: Path) -> Path:
    # MkDocs empties the site folder when it starts: the index is written here (build/,
    # the tool's own folder) and moved in after
    return root / DOCS.parent / ".pagefind.tmp"


def _in_background(fn, *args) -> Future:
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(fn, *args)
    finally:
        pool.shutdown(wait=False)


def index_events(root: Path, months) -> Future:
    """Start Pagefind on the merged events (months of them, as pipeline.Collected has
    them) while the pages are rendered and MkDocs builds (`timeline build`): the
    index needs only the events, and Pagefind is the longest step of a large build.
    The records are those render/search.py writes under build/docs/.search/, in the
    same order, so the index is the same."""
    years = itertools.groupby(months, key=lambda month: month[0].date.start.year if month else 0)
    return _in_background(index_with_pagefind, _aside(root), (
        (f"{year:04d}", (record(e) for month in these for e in month)) for year, these in years))


class SearchIndexing:
    """Given to Session.generate by `timeline build`: starts Pagefind on the merged events
    (index_events) when the site searches with it; not for a project with errors, whose
    build may stop before it needs the index. `started` goes to build_site."""

    def __init__(self, root: Path):
        self.root = root.resolve()      # `timeline deploy` builds from within the project
        self.started: Future | None = None

    def __call__(self, collected) -> None:
        from ..pipeline import search_engine
        if search_engine(collected.config.search, len(collected.events)) == "pagefind" \
                and not collected.report.errors:
            self.started = index_events(self.root, collected.months)


def _build(config, root: Path, indexing: Future | None = None) -> dict[str, float]:
    """MkDocs, and Pagefind at the same time when the site uses it (its index needs only
    the events: `indexing` when it was started earlier, index_events), the index being
    moved into the site after; seconds per step, "pagefind" being the wait for it after
    MkDocs."""
    from mkdocs.commands.build import build
    timings = {}
    site = Path(config["site_dir"])
    if indexing is None and uses_pagefind(root):
        indexing = _in_background(index_with_pagefind, _aside(root), _years(Path(config["docs_dir"])))
    clock = time.perf_counter()
    try:
        build(config)
    finally:
        timings["mkdocs"] = time.perf_counter() - clock
        clock = time.perf_counter()
        if indexing is not None:
            wait([indexing])            # MkDocs failed: its error, not Pagefind's, is raised
    if indexing is not None:
        indexing.result()               # Pagefind's error, if any
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        shutil.move(str(_aside(root)), str(site / "pagefind"))
        timings["pagefind"] = time.perf_counter() - clock
    return timings


def theme_problems(root: Path) -> list:
    """Errors for theme files MkDocs would publish that lead outside the project (or are
    not files); `timeline check` reports them, and no site is built while there are any."""
    from ..ingest import list_files
    # the project's theme overrides (export/theme.py): MkDocs copies their files into the site
    return [p for p in list_files(root / OVERRIDES, root)[1] if p.severity == "error"]


def _confined(root: Path) -> None:
    bad = theme_problems(root)
    if bad:
        raise Escape(f"{bad[0].path}: {bad[0].message}; the site is not built")


def site_url_warning(root: Path, site_url: str | None) -> str:
    """A built site without its address works only at a domain's root: under a
    GitHub Pages project path (/REPO/) its 404 page is unstyled and redirects
    nowhere. Said once per build, with the line to edit."""
    if site_url:
        return ""
    path = root / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    line = next((i for i, text in enumerate(lines, 1) if text.startswith("site_url:")), None)
    return (f"mkdocs.yml{f':{line}' if line else ''}: warning: site_url is empty: the site works at a "
            "domain's root only; under a GitHub Pages project address (https://USER.github.io/REPO/) its 404 "
            "page is unstyled and cannot take readers to the nearest date. Set site_url, or SITE_URL when "
            "building (the Pages workflow does); `timeline preview` serves the built site locally")


def build_site(root: Path, indexing: Future | None = None) -> dict[str, float]:
    """Build site/; returns seconds per step (mkdocs, pagefind). `indexing`: Pagefind's
    index, when index_events started it."""
    from mkdocs.config import load_config
    _confined(root)
    with _build_env(root):
        config = load_config(str(root / "mkdocs.yml"))
        warning = site_url_warning(root, config["site_url"])
        if warning:
            print(warning, file=sys.stderr)
        return _build(config, root, indexing)


def serve_site(root: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve
    from . import live
    os.environ["TIMELINE_REGENERATE"] = str(root.resolve())
    # large sites: MkDocs rebuilds only the pages an edit changed (export/live.py)
    changed_only = uses_pagefind(root)
    os.environ[live.ENV] = "1" if changed_only else "0"
    serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, build_type="dirty" if changed_only else None,
          watch=[str(root / "content"), str(root / "site_config")])


def deploy_site(root: Path, message: str | None = None, force: bool = False,
                indexing: Future | None = None) -> None:
    """Build and push site/ to the gh-pages branch (`mkdocs gh-deploy`)."""
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.config import load_config
    _confined(root)
    with contextlib.chdir(root), _build_env(Path(".")):     # gh-deploy runs git in the current folder
        config = load_config("mkdocs.yml", remote_branch="gh-pages")
        warning = site_url_warning(Path("."), config["site_url"])
        if warning:         # the one build that is surely for GitHub Pages
            print(warning, file=sys.stderr)
        _build(config, Path("."), indexing)
        gh_deploy(config, message=message, force=force)
