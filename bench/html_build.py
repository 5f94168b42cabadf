"""Extraction speed of a build whose articles are web pages, beside the same articles as Markdown.

    python bench/html_build.py [--days N] [--jobs N] [--json]

The bench corpus (bench/corpus.py, about 5 articles a day) is written twice, as Markdown
and as web pages: each article inside the chrome of a news site (navigation, related
links, comments, footer; JSON-LD date). Both are read and extracted by the pipeline with
no cache, in this one process (so the two figures compare on a noisy machine): articles/s
for each and the ten-year figure they imply (18,274 articles, bench/RESULTS.md).
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
from scale import make_project  # noqa: E402

from generator.pipeline import Session  # noqa: E402

TEN_YEARS = 18_274
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def as_page(markdown: str) -> str:
    """One corpus article as a news site would serve it."""
    import yaml
    m = _FRONT.match(markdown)
    meta, body = yaml.safe_load(m.group(1)), markdown[m.end():]
    title, paras = html.escape(meta["title"]), [html.escape(p) for p in body.split("\n\n") if p.strip()]
    ld = json.dumps({"@type": "NewsArticle", "headline": meta["title"], "datePublished": meta["date"]})
    chrome = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(12))
    related = "".join(f"<li><a href='/r/{i}'>Earlier report number {i} on the same story</a></li>" for i in range(6))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} | {meta['source']}</title>"
            f"<link rel='canonical' href='{meta['url']}'><meta property='og:site_name' content='{meta['source']}'>"
            f"<script type='application/ld+json'>{ld}</script><script>var ads = [];</script></head><body>"
            f"<header><nav><ul>{chrome}</ul></nav></header><main><article><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paras) +
            f"<aside><h3>Related</h3><ul>{related}</ul></aside></article>"
            "<section class='comments'><h2>Comments</h2><p>First comment on this report, from a reader.</p></section>"
            "</main><footer>© Example News · Privacy · Terms · Contact</footer></body></html>")


def extract_rate(work: Path, jobs: int) -> tuple[float, int, int]:
    collected = Session(work, jobs, cache=False).collect()
    return collected.report.timings["extract"], len(collected.events), len(collected.report.errors)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=0, help="extraction processes (default: one per core)")
    ap.add_argument("--json", action="store_true")
    opts = ap.parse_args()
    jobs = opts.jobs or os.cpu_count() or 1
    out = {"jobs": jobs}
    with tempfile.TemporaryDirectory() as tmp:
        md, pages = Path(tmp) / "md", Path(tmp) / "html"
        for work in (md, pages):
            make_project(work)
            (work / "content" / "articles").mkdir(parents=True, exist_ok=True)
        corpus.generate(md / "content" / "articles", 1, 5.0)
        files = sorted((md / "content" / "articles").glob("*.md"))[:opts.days * 5]
        for path in sorted((md / "content" / "articles").glob("*.md"))[opts.days * 5:]:
            path.unlink()
        for path in files:
            (pages / "content" / "articles" / f"{path.stem}.html").write_text(as_page(path.read_text()))
        for name, work in (("markdown", md), ("html", pages)):
            seconds, events, errors = extract_rate(work, jobs)
            rate = len(files) / seconds
            out[name] = {"articles": len(files), "seconds": round(seconds, 1), "events": events, "errors": errors,
                         "articles_per_s": round(rate, 1), "articles_per_s_per_core": round(rate / jobs, 1),
                         "ten_years_extract_s": round(TEN_YEARS / rate)}
    print(json.dumps(out, indent=1) if opts.json else out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
