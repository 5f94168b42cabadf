"""CPU seconds of extraction on the hostile texts of tests/hostile_inputs.py, each beside
ordinary prose of the same size, and the ratio (the suite asserts it at 50,000 characters).

usage: python bench/hostile.py [--size N] [--only NAME,...] [--code DIR]
--code runs another checkout's generator (e.g. an older commit exported with `git archive`)
on the same inputs, to measure a change before and after in one run.
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=50_000)
    ap.add_argument("--only", default="")
    ap.add_argument("--code", default=str(ROOT))
    args = ap.parse_args()
    sys.path[:0] = [args.code, str(ROOT)]
    from generator.config import load_config
    from generator.extract import extract_article
    from generator.model import Article
    from tests.hostile_inputs import TEXTS, ordinary

    config = load_config(Path(args.code))

    def cpu(text: str, dated: bool) -> float:
        article = Article(path="articles/hostile.txt", title="Hostile", body=text,
                          date=date(2020, 3, 5) if dated else None, date_source="metadata" if dated else None)
        start = time.process_time()
        extract_article(article, config)
        return time.process_time() - start

    cpu(ordinary(1000), True)
    print(f"{'input':<22} {'prose s':>8} {'hostile s':>10} {'ratio':>7}   ({args.size:,} characters)")
    for name, (what, make, dated) in TEXTS.items():
        if args.only and name not in args.only.split(","):
            continue
        prose, hostile = cpu(ordinary(args.size), dated), cpu(make(args.size), dated)
        print(f"{name:<22} {prose:8.2f} {hostile:10.2f} {hostile / max(prose, 0.001):7.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
