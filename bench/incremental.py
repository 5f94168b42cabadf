"""Time `Session.generate()` after small edits, without the site build of scale.py.

usage: python bench/incremental.py --years N [--per-day 27.4] --keep DIR [--runs 5] [--profile OUT]

Builds (or reuses, when DIR holds one from an earlier run) a synthetic project, generates
it once in a session, then times runs after: a new article (median of --runs, each a new
one), an article edited in place, an article deleted, and a run with no change. With
--profile, cProfile of one more new-article run is saved to OUT (pstats). The articles it
added are removed at the end, so the folder can be reused.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import shutil
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402
from generator.pipeline import Session  # noqa: E402


def timed(session: Session) -> dict:
    start = time.perf_counter()
    report = session.generate()
    return {"s": round(time.perf_counter() - start, 3), "written": report.written,
            "stages": {k: round(v, 3) for k, v in report.timings.items()}}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=2)
    ap.add_argument("--per-day", type=float, default=27.4)
    ap.add_argument("--keep", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--profile", type=Path)
    args = ap.parse_args()
    work, articles = args.keep, args.keep / "content" / "articles"
    if not articles.is_dir():
        shutil.copytree(ROOT / "site_config", work / "site_config")
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        (work / "content" / "events").mkdir(parents=True)
        corpus.generate(articles, args.years, args.per_day)
    session = Session(work, 0)
    first = timed(session)
    last = date(2012 + args.years, 1, 1)
    added = []

    def add(i: int) -> None:
        name, text = corpus.article(corpus.random.Random(99 - i), last, i, list(corpus.PLACES))
        (articles / name).write_text(text, encoding="utf-8")
        added.append(articles / name)

    out = {"years": args.years, "per_day": args.per_day, "first_s": first["s"], "new_article": []}
    try:
        for i in range(args.runs):
            add(i)
            out["new_article"].append(timed(session))
        victim = sorted(articles.glob("*.md"))[len(added) * 7]
        text = victim.read_text(encoding="utf-8")
        victim.write_text(text.replace(" said", " says", 1), encoding="utf-8")
        out["edited"] = timed(session)
        victim.write_text(text, encoding="utf-8")       # and back
        out["edited_back"] = timed(session)
        added[0].unlink()
        out["deleted"] = timed(session)
        out["unchanged"] = timed(session)
        if args.profile:
            add(args.runs)
            profile = cProfile.Profile()
            profile.enable()
            session.generate()
            profile.disable()
            profile.dump_stats(args.profile)
    finally:
        for path in added:
            path.unlink(missing_ok=True)
    out["new_article_median_s"] = statistics.median(r["s"] for r in out["new_article"])
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
