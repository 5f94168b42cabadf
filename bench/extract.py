"""Run extraction over the shared article corpora and report dates, events and speed.

usage: python bench/extract.py [--json] [DIR ...]
Default: ../shared/data/articles and ../shared/data/articles-raw. For articles with
front matter, the publication date is also re-inferred from the text alone and compared
with the metadata, to measure date inference on real news.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.config import load_config  # noqa: E402
from generator.extract import extract_article  # noqa: E402
from generator.ingest import discover, read_article  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", default=[str(SHARED / "articles"), str(SHARED / "articles-raw")])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    config = load_config(ROOT)
    rows, crashed, seconds = [], [], 0.0
    inferred_ok = inferred_total = 0
    for d in map(Path, args.dirs):
        for path in discover(d, d)[0]:
            if path.suffix not in (".md", ".txt", ".html") or path.stem.upper() == "README":
                continue
            article, problems = read_article(path, d)
            if article is None:
                rows.append({"path": str(path), "problems": [str(p) for p in problems]})
                continue
            t0 = time.process_time()
            try:
                x = extract_article(article, config)
                # from the text alone: no metadata, and a file name without a date in it
                blind = extract_article(replace(article, date=None, date_source=None, path="blind.md"), config) \
                    if article.date else None
            except Exception as exc:   # a benchmark reports crashes instead of stopping
                crashed.append(f"{path}: {exc!r}")
                continue
            seconds += time.process_time() - t0
            if blind is not None:
                inferred_total += 1
                inferred_ok += blind.date == article.date
            rows.append({"path": path.name, "date": str(x.date), "date_source": x.date_source,
                         "from_text_alone": str(blind.date) if blind else None,
                         "events": [[e.date.label(), e.status, e.title] for e in x.events]})
    n = sum(1 for r in rows if "events" in r)
    summary = {"articles": n, "crashed": len(crashed), "events": sum(len(r.get("events", ())) for r in rows),
               "articles_per_s": round(n * 2 / seconds, 1) if seconds else None,
               "date_from_text_alone_correct": f"{inferred_ok}/{inferred_total}"}
    if args.json:
        print(json.dumps({"summary": summary, "articles": rows, "crashed": crashed}, indent=1))
    else:
        for r in rows:
            print(f"{r['path']}: {r.get('date')} ({r.get('date_source')}), from text alone {r.get('from_text_alone')}")
            for label, status, title in r.get("events", ())[:6]:
                print(f"    {label:<34} {status:<9} {title[:80]}")
        for c in crashed:
            print("CRASH", c)
        print(json.dumps(summary))
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
