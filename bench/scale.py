"""Build N years of synthetic news end to end and measure time, memory, size and search cost.

usage: python bench/scale.py --years N [--jobs J] [--per-day 5] [--keep DIR] [--json]

Prints JSON: articles, events, day_pages, extract_s, generate_s, site_build_s, total_s,
peak_rss_mb, site_mb, search_query_kb (bytes a browser fetches for one typical query),
incremental_s (one new article added: time until the generated Markdown is up to date)
and incremental_files (files rewritten), with versions and machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))   # corpus.py; ROOT for tests.browser (the local Pages server)
import corpus  # noqa: E402
from generator.export.site import build_site  # noqa: E402
from generator.pipeline import generate  # noqa: E402


def make_project(dest: Path) -> None:
    shutil.copytree(ROOT / "site_config", dest / "site_config")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "generator" / "export").mkdir(parents=True)
    shutil.copy(ROOT / "generator" / "export" / "mkdocs_hooks.py", dest / "generator" / "export")
    (dest / "content" / "events").mkdir(parents=True)


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


QUERY = "Saraqib shelling"


def search_query_bytes(site: Path) -> tuple[int, str]:
    """Bytes a browser downloads to show the results of one typical query.

    Measured in headless Chromium when it is available (every response body
    counted, the pages themselves excluded); otherwise estimated from the files
    a query must fetch.
    """
    try:
        return _measured(site), "measured in chromium"
    except Exception as exc:           # no browser here: estimate instead
        return _estimated(site), f"estimated ({type(exc).__name__})"


def _measured(site: Path) -> int:
    from playwright.sync_api import sync_playwright
    from tests.browser.ghpages import PagesServer
    from tests.browser.test_browser import ARGS, CHROMIUM
    pagefind = (site / "pagefind").is_dir()
    with PagesServer(site) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        sizes = []
        # listening before the page loads: the search interface's own files count too
        searching = ("/pagefind/", "/assets/search.js", "search_index.json", "/workers/search")
        page.on("response", lambda r: sizes.append(len(r.body()))
                if r.ok and any(s in r.url for s in searching) else None)
        page.goto(server.url + ("search/" if pagefind else ""))
        if pagefind:
            page.locator("#tl-search input").press_sequentially(QUERY, delay=20)
            page.locator(".tl-search-results > li").first.wait_for(timeout=60000)
        else:
            page.locator("label.md-search__icon").first.click()
            page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('Type')",
                                   timeout=120000)
            page.locator("input.md-search__input").press_sequentially(QUERY, delay=20)
            page.locator(".md-search-result__item").first.wait_for(timeout=60000)
        page.wait_for_timeout(1500)      # let the first page of results load its fragments
        browser.close()
    return sum(sizes)


def _estimated(site: Path) -> int:
    if (site / "pagefind").is_dir():
        fixed = sum(f.stat().st_size for f in (site / "pagefind").glob("*") if f.is_file())
        chunks = sorted(f.stat().st_size for f in (site / "pagefind" / "index").glob("*"))
        fragments = sorted(f.stat().st_size for f in (site / "pagefind" / "fragment").glob("*"))
        return fixed + sum(chunks[-2:]) + sum(fragments[-5:])     # the index chunks and five results
    index = site / "search" / "search_index.json"
    workers = list((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    return (index.stat().st_size if index.is_file() else 0) + sum(w.stat().st_size for w in workers)


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)    # Linux reports KiB


def run(years: int, jobs: int, per_day: float, work: Path) -> dict:
    make_project(work)
    articles = corpus.generate(work / "content" / "articles", years, per_day)
    start = time.perf_counter()
    report = generate(work, jobs=jobs)
    t = report.timings
    generated = time.perf_counter()
    build_steps = build_site(work)
    built = time.perf_counter()
    site = work / "site"
    peak = peak_rss_mb()      # before the browser that measures search runs
    query_bytes, query_how = search_query_bytes(site)
    # one more article, published the day after the corpus ends
    last = date(corpus.date(2012, 1, 1).year + years, 1, 1)
    name, text = corpus.article(corpus.random.Random(99), last, 0, list(corpus.PLACES))
    (work / "content" / "articles" / name).write_text(text, encoding="utf-8")
    inc_start = time.perf_counter()
    inc = generate(work, jobs=jobs)
    inc_s = time.perf_counter() - inc_start
    return {
        "years": years, "articles": articles, "events": report.events,
        "day_pages": sum(1 for _ in site.glob("[0-9]*/[0-9]*/[0-9]*/index.html")),
        "pages": sum(1 for _ in site.rglob("*.html")),
        "extract_s": round(t["extract"], 2),
        "generate_s": round(t["merge"] + t["render"] + t["write"], 2),
        "site_build_s": round(built - generated, 2),
        "site_build_steps_s": {k: round(v, 2) for k, v in build_steps.items()},
        "total_s": round(built - start, 2),
        "peak_rss_mb": peak,
        "site_mb": round(folder_bytes(site) / 2**20, 1),
        "search": "pagefind" if (site / "pagefind").is_dir() else "material",
        "search_query_kb": round(query_bytes / 1024, 1), "search_query_how": query_how,
        "incremental_s": round(inc_s, 2), "incremental_files": inc.written,
        "incremental_cached": inc.cached,
        "incremental_stages_s": {k: round(v, 2) for k, v in inc.timings.items()},
        "jobs": jobs or os.cpu_count(),
        "versions": {"python": platform.python_version(), "mkdocs": version("mkdocs"),
                     "mkdocs-material": version("mkdocs-material")},
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "processor": platform.machine()},
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=0, help="extraction processes (default: one per core)")
    ap.add_argument("--per-day", type=float, default=5.0)
    ap.add_argument("--keep", type=Path, help="build in this folder and keep it")
    ap.add_argument("--json", action="store_true", help="print only the JSON")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="timeline-scale-"))
    if args.keep and args.keep.exists():
        shutil.rmtree(args.keep)
    try:
        result = run(args.years, args.jobs, args.per_day, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
