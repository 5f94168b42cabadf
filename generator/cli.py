"""The `timeline` command: build, serve, extract, dates, check, deploy."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path


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
    results = []
    for p in args.paths:
        article, problems = read_article(Path(p), Path(p).parent)
        for prob in problems:
            print(prob, file=sys.stderr)
        if article is not None:
            results.append(extract_article(article, config))
    if args.json:
        json.dump(extraction_json(results), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(extraction_table(results))
    return 0


def _generate(args, then: str = "") -> bool:
    """Write the pages and report; False when --strict and there are errors."""
    from .pipeline import generate
    report = generate(Path(args.root), args.jobs, not args.no_cache)
    report.print(sys.stderr)
    if args.strict and report.errors:
        if then:
            print(f"timeline: --strict: not {then} because of the errors above", file=sys.stderr)
        return False
    return True


def cmd_generate(args) -> int:
    return 0 if _generate(args) else 1


def cmd_build(args) -> int:
    from .export.site import build_site
    if not _generate(args, "building the site"):
        return 1
    build_site(Path(args.root))
    return 0


def cmd_serve(args) -> int:
    from .pipeline import session
    from .export.site import serve_site
    root = Path(args.root)
    # every regeneration while serving goes through this session: a change redoes
    # only what it touches (pipeline.Session)
    serving = session(root, args.jobs, not args.no_cache)
    serving.generate().print(sys.stderr)
    serving.warm_up()
    serve_site(root, args.dev_addr)
    return 0


def cmd_deploy(args) -> int:
    from .export.site import deploy_site
    if not _generate(args, "deploying"):
        return 1
    deploy_site(Path(args.root), args.message, args.force)
    return 0


def cmd_check(args) -> int:
    from .pipeline import check
    report = check(Path(args.root), args.jobs)
    report.print(sys.stdout, all_problems=True, suggestions=True)
    return 1 if report.errors else 0


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

    p = sub.add_parser("generate", help="write the site's Markdown pages from content/")
    p.add_argument("--strict", action="store_true", help="exit 1 on any content error")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("build", help="generate pages and build the static site into site/")
    p.add_argument("--strict", action="store_true", help="fail on any content error instead of skipping it")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="live preview; regenerates when content/ or site_config/ change")
    p.add_argument("--dev-addr", default="127.0.0.1:8000")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("deploy", help="build and push the site to the gh-pages branch (mkdocs gh-deploy)")
    p.add_argument("--strict", action="store_true", help="do not deploy if content has errors")
    p.add_argument("--force", action="store_true", help="force-push the gh-pages branch")
    p.add_argument("-m", "--message", help="commit message for the gh-pages branch")
    p.set_defaults(func=cmd_deploy)

    p = sub.add_parser("check", help="validate content and configuration; exit 1 on errors")
    p.set_defaults(func=cmd_check)

    for name in ("generate", "build", "serve", "deploy", "check"):
        p = sub.choices[name]
        p.add_argument("-j", "--jobs", type=_jobs, default=0,
                       help="processes for extraction (default: one per CPU core)")
        p.add_argument("--no-cache", action="store_true", help="re-extract every article (ignore .timeline-cache/)")
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
