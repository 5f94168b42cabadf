"""The `timeline` command: build, serve, preview, extract, dates, check, deploy, export, init."""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from .confine import Escape
from .lock import Busy, project_lock
from .export.pagefind import PagefindError
from .model import terminal_safe


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _jobs(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}")
    return int(text)


def cmd_dates(args) -> int:
    from .extract.temporal import Settings, tag, timex3
    text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
    timexes = tag(text, args.dct, Settings(day_first=not args.month_first))
    out = timex3(timexes, with_rule=args.explain)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1 if args.explain else None)
    sys.stdout.write("\n")
    return 0


def cmd_extract(args) -> int:
    from .config import load_config
    from .ingest import read_article
    from .extract import extract_article
    from .export.report import extraction_json, extraction_table
    config = load_config(Path(args.root))
    results, unreadable = [], False
    for p in args.paths:
        try:
            # named from content/ as the site names it: the ids are the site's ids
            article, problems = read_article(Path(os.path.abspath(p)), Path(os.path.abspath(config.content_dir)))
        except OSError as exc:      # missing, a folder, no permission: said, not a traceback
            print(f"{p}: error: cannot read: {exc.strerror or exc}", file=sys.stderr)
            unreadable = True
            continue
        for prob in problems:
            print(prob, file=sys.stderr)
        if article is not None:
            results.append(extract_article(article, config))
    if args.json:
        json.dump(extraction_json(results), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(extraction_table(results))
    return 1 if unreadable else 0


def cmd_read(args) -> int:
    from .ingest.html import read_page
    path = Path(args.page)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"{path}: error: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    page = read_page(data, args.url or "")
    if args.json:
        json.dump(page.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif page.text:
        sys.stdout.write(page.text + "\n")
    if not page.text:
        print(f"{path}: warning: no article text found in this page", file=sys.stderr)
    return 0


def cmd_add(args) -> int:
    from .ingest.add import AddError, Known, add
    from .ingest.feeds import add_feed
    root = Path(args.root)
    if not args.sources and not args.feed:
        print("timeline add: give addresses or files to add, or --feed URL", file=sys.stderr)
        return 2
    if not (root / "content").is_dir():
        print(f"timeline: no content/ folder in {root.resolve()} (use --root)", file=sys.stderr)
        return 1
    known = Known.scan(root / "content" / "articles")
    failed = 0
    for feed in args.feed or ():
        try:
            failed += add_feed(feed, root, known, args.pause)[1]
        except AddError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    for source in args.sources:
        try:
            result = add(source, root, known)
        except AddError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(result.message)
    return 1 if failed else 0


def cmd_update(args) -> int:
    from .ingest.feeds import FEEDS_FILE, update
    from .ingest.feeds import load_feeds
    feeds, _ = load_feeds(Path(args.root))
    errors = list(update(Path(args.root), args.pause))
    for line in errors:
        print(line, file=sys.stderr)
    if not feeds and not errors:
        print(f"timeline: no feeds listed in {FEEDS_FILE}: nothing to update", file=sys.stderr)
    return 1 if errors else 0


def _generate(args, then: str = "", merged=None) -> bool:
    """Write the pages and report; False when --strict and there are errors."""
    from .pipeline import generate
    report = generate(Path(args.root), args.jobs, not args.no_cache, merged)
    report.print(sys.stderr)
    if args.strict and report.errors:
        if then:
            print(f"timeline: --strict: not {then} because of the errors above", file=sys.stderr)
        return False
    return True


def cmd_generate(args) -> int:
    with project_lock(Path(args.root), "timeline generate"):
        return 0 if _generate(args) else 1


def cmd_build(args) -> int:
    from .export.site import SearchIndexing, build_site
    root = Path(args.root)
    with project_lock(root, "timeline build"):
        indexing = SearchIndexing(root)        # search indexing while the pages are rendered
        if not _generate(args, "building the site", indexing):
            return 1
        build_site(root, indexing.started)
    return 0


def cmd_serve(args) -> int:
    from .pipeline import session
    from .export.site import serve_site
    root = Path(args.root)
    # every regeneration while serving goes through this session: a change redoes
    # only what it touches (pipeline.Session)
    with project_lock(root, "timeline serve"):
        serving = session(root, args.jobs, not args.no_cache)
        serving.generate().print(sys.stderr)
        serving.warm_up()
        serve_site(root, args.dev_addr)
    return 0


def cmd_preview(args) -> int:
    import time
    from mkdocs.config import load_config
    from .export.preview import PagesServer, subpath
    root = Path(args.root)
    config = load_config(str(root / "mkdocs.yml"))
    site = Path(config["site_dir"])
    if not (site / "index.html").is_file():
        print(f"timeline: {site}: no built site; run `timeline build` first", file=sys.stderr)
        return 1
    with PagesServer(site, subpath(config["site_url"]), args.port) as server:
        print(f"Serving {site} as GitHub Pages would at {server.url} (Ctrl-C stops)", file=sys.stderr)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


def cmd_deploy(args) -> int:
    from .export.site import SearchIndexing, deploy_site
    with project_lock(Path(args.root), "timeline deploy"):
        indexing = SearchIndexing(Path(args.root))
        if not _generate(args, "deploying", indexing):
            return 1
        deploy_site(Path(args.root), args.message, args.force, indexing.started)
    return 0


def cmd_export(args) -> int:
    """The site's data files (export/data.py) from the content, without building the site."""
    from .export.data import WRITERS
    from .pipeline import export_input
    site, report = export_input(Path(args.root), args.jobs, not args.no_cache)
    report.print(sys.stderr, all_problems=False)
    text = WRITERS[args.format](site)
    if args.out and args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)
    return 0


def cmd_check(args) -> int:
    from .pipeline import check
    report = check(Path(args.root), args.jobs)
    report.print(sys.stdout, all_problems=True, suggestions=True)
    return 1 if report.errors else 0


def cmd_init(args) -> int:
    from .init import InitError, create
    target = Path(args.folder)
    try:
        written = create(target)
    except (InitError, OSError) as exc:
        print(f"timeline init: error: {exc}", file=sys.stderr)
        return 1
    print(f"created a timeline project in {target} ({len(written)} files). Next:\n"
          f"  cd {target}\n  edit site_config/site.yaml (title, description)\n"
          f"  put your articles into content/articles/ (the example there can go)\n"
          f"  make site      # installs the tool into .venv and builds site/")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="timeline", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder (holds content/, site_config/, mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("dates", help="tag date expressions in text read from stdin; print JSON")
    p.add_argument("--dct", type=_iso_date, help="document creation (publication) date, YYYY-MM-DD")
    p.add_argument("--month-first", action="store_true", help="read 05/03/2020 as May 3 (default: 5 March)")
    p.add_argument("--explain", action="store_true", help="name the rule behind each expression")
    p.set_defaults(func=cmd_dates)

    p = sub.add_parser("extract", help="extract events from article files")
    p.add_argument("paths", nargs="+")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("read", help="print the article text (or --json: text and metadata) read from a saved web page")
    p.add_argument("page", help="a saved .html page")
    p.add_argument("--json", action="store_true", help="print the text and metadata as JSON")
    p.add_argument("--url", help="the address the page was saved from (helps find its date)")
    p.set_defaults(func=cmd_read)

    p = sub.add_parser("add", help="add web pages (addresses or saved .html files) and feeds' new items as articles")
    p.add_argument("sources", nargs="*", metavar="URL|FILE", help="an http(s) address or a saved .html page")
    p.add_argument("--feed", action="append", metavar="URL", help="add the new items of this RSS/Atom feed")
    p.add_argument("--pause", type=float, default=1.0, help="seconds between two pages of a feed (default 1)")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("update", help="add the new items of every feed in site_config/feeds.yaml")
    p.add_argument("--pause", type=float, default=1.0, help="seconds between two pages of a feed (default 1)")
    p.set_defaults(func=cmd_update)

    p = sub.add_parser("generate", help="write the site's Markdown pages from content/")
    p.add_argument("--strict", action="store_true", help="exit 1 on any content error")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("build", help="generate pages and build the static site into site/")
    p.add_argument("--strict", action="store_true", help="fail on any content error instead of skipping it")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="live preview; regenerates when content/ or site_config/ change")
    p.add_argument("--dev-addr", default="127.0.0.1:8000")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("preview", help="serve the built site/ as GitHub Pages would (subpath, 404 page)")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_preview)

    p = sub.add_parser("deploy", help="build and push the site to the gh-pages branch (mkdocs gh-deploy)")
    p.add_argument("--strict", action="store_true", help="do not deploy if content has errors")
    p.add_argument("--force", action="store_true", help="force-push the gh-pages branch")
    p.add_argument("-m", "--message", help="commit message for the gh-pages branch")
    p.set_defaults(func=cmd_deploy)

    p = sub.add_parser("check", help="validate content and configuration; exit 1 on errors")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("export", help="write every event as data: json, csv (ACLED's columns), geojson, ics, timelinejs")
    p.add_argument("--format", required=True, choices=("json", "csv", "geojson", "ics", "timelinejs"))
    p.add_argument("--out", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("init", help="create a new timeline project (neutral configuration, one example article)")
    p.add_argument("folder", help="a new or empty folder")
    p.set_defaults(func=cmd_init)

    for name in ("generate", "build", "serve", "deploy", "check", "export"):
        p = sub.choices[name]
        p.add_argument("-j", "--jobs", type=_jobs, default=0,
                       help="processes for extraction (default: one per CPU core)")
        p.add_argument("--no-cache", action="store_true", help="re-extract every article (ignore .timeline-cache/)")
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (Busy, Escape, PagefindError) as exc:
        print(f"timeline: error: {terminal_safe(str(exc))}", file=sys.stderr)
    except OSError as exc:          # disk full, read-only or vanished output: one line, no traceback
        print(f"timeline: error: {_os_error(exc, Path(args.root))}", file=sys.stderr)
    except Exception as exc:
        from mkdocs.exceptions import MkDocsException
        if not isinstance(exc, MkDocsException):
            raise
        print(f"timeline: error: mkdocs: {terminal_safe(str(exc))}", file=sys.stderr)
    return 1


def _os_error(exc: OSError, root: Path) -> str:
    """'build/docs/2020/index.md: No space left on device' (the path from the project when inside it)."""
    where = exc.filename
    if where is not None:
        where = os.fsdecode(where)
        inside = os.path.relpath(os.path.abspath(where), os.path.abspath(root))
        where = where if inside.startswith("..") else inside
    reason = exc.strerror or str(exc)
    return terminal_safe(f"{where}: {reason}" if where else reason)


if __name__ == "__main__":
    sys.exit(main())
