"""The HTML reader against its peer on saved article pages with hand-marked bodies.

    python bench/html_reader.py [DATA_DIR] [--json]

DATA_DIR (default ../shared/data/article-extraction) holds html/NAME.html.gz and
ground-truth.json. Both readers run in this one process over the same pages, so their
figures compare on a noisy machine: the scorer's metric (word 4-gram shingles, precision
and recall averaged over pages, F1 of the averages: ../shared/tools/score_article_text.py),
pages per second (parsing included, files already in memory), and for ours how often each
kind of metadata was found and where the dates came from.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))

from generator.ingest.html import read_page  # noqa: E402

_BLOCK_END = re.compile(r"(?i)(</(?:p|div|h[1-6]|li|tr|blockquote|pre)>|<br\s*/?>)")


def ours(html: bytes) -> str:
    return read_page(html).text


def readability(html: bytes) -> str:
    import lxml.html
    from readability import Document
    summary = Document(html).summary(html_partial=True)
    # a line break after each block, or the words either side of a tag would join
    return lxml.html.fromstring(_BLOCK_END.sub(r"\1\n", summary)).text_content()


def score(pages: dict[str, bytes], truth: dict, read) -> dict:
    from score_article_text import page_scores
    precs, recs = [], []
    clock = time.perf_counter()
    texts = {name: read(html) for name, html in pages.items()}
    seconds = time.perf_counter() - clock
    for name, text in texts.items():
        p, r = page_scores(truth[name].get("articleBody", ""), text)
        if p is not None:
            precs.append(p)
        if r is not None:
            recs.append(r)
    p, r = sum(precs) / len(precs), sum(recs) / len(recs)
    return {"f1": round(2 * p * r / (p + r), 3), "precision": round(p, 3), "recall": round(r, 3),
            "pages": len(pages), "seconds": round(seconds, 1), "pages_per_s": round(len(pages) / seconds, 1)}


def metadata(pages: dict[str, bytes], truth: dict) -> dict:
    """What metadata was found; and, where the page's address (the benchmark's URL) holds a
    date, whether the date found (wherever from, the address unseen) is that day or the next."""
    from datetime import timedelta
    from generator.ingest.html import _URL_DATE
    found, basis, checked, agree = Counter(), Counter(), 0, 0
    for name, html in pages.items():
        page = read_page(html)
        m = _URL_DATE.search(truth[name].get("url", ""))
        if m and page.date:
            y, mo, d = [int(g) for g in m.groups() if g]
            checked += 1
            agree += (page.date - date(y, mo, d)) in (timedelta(0), timedelta(1))
        for key in ("title", "date", "author", "site_name", "url", "language"):
            found[key] += bool(getattr(page, key))
        basis[_kind(page.date_basis)] += 1
    return {"found": dict(found), "date_basis": dict(basis.most_common()),
            "date_vs_address": f"{agree} of {checked}"}


def _kind(basis: str) -> str:
    for word in ("JSON-LD", "meta tag", "element", "address", "htmldate"):
        if word in basis:
            return word
    return basis or "(none)"


def main() -> int:
    args = argparse.ArgumentParser()
    args.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data" / "article-extraction"))
    args.add_argument("--json", action="store_true")
    opts = args.parse_args()
    data = Path(opts.data)
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {name: gzip.open(data / "html" / f"{name}.html.gz").read() for name in sorted(truth)}
    ours(next(iter(pages.values())))     # imports and resources loaded before the clock starts
    out = {"ours (trafilatura)": score(pages, truth, ours), "readability-lxml": score(pages, truth, readability),
           "metadata": metadata(pages, truth)}
    if opts.json:
        print(json.dumps(out, indent=1))
    else:
        for name, row in out.items():
            print(name, row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
