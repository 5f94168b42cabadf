"""Held-out check of dating: Wikipedia sentences on the Syrian war, each with the date it names.

usage: python bench/dated_sentences.py [--json] [--list] [CSV]
Default CSV: ../shared/data/events-samples/wikipedia-syria-dated-sentences.csv (228 rows:
date, precision, year_basis, article, section, sentence). None of these texts was used to
write the tagger's rules, so the figures say how it does on text it has not seen.

Each sentence is read as a short article published on 2023-08-01 (when the copies were
made): its section headings (as Markdown, the form the copies are in), then the
sentence; a sentence that says "On 5 February" takes its year from its heading. Measured:
- tagger: the sentence's first date expression has the listed date (`2020-02-05`, or
  `2020-02` for a month);
- events: of the sentences that yield an event, how many are dated on the listed day or in
  the listed month. The listed date is the sentence's first date, "usually, but not always,
  the date of the event the sentence describes" (the data's README): --list shows every
  disagreement to read.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.config import load_config  # noqa: E402
from generator.extract import extract_article  # noqa: E402
from generator.extract.temporal import tag  # noqa: E402
from generator.model import Article  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "events-samples" / "wikipedia-syria-dated-sentences.csv"
PUBLISHED = date(2023, 8, 1)


def as_article(row: dict, n: int) -> tuple[Article, int]:
    """The row as an article, and where its sentence starts in the body."""
    headings = [h.strip() for h in row["section"].split(">") if h.strip()]
    head = "".join("#" * (level + 2) + " " + h + "\n\n" for level, h in enumerate(headings))
    return Article(path=f"articles/sentence-{n:03d}.md", title=row["article"], body=head + row["sentence"],
                   date=PUBLISHED, date_source="metadata"), len(head)


def value_agrees(value: str, row: dict) -> bool:
    """A TIMEX3 value on the listed day (a time of day allowed), or the listed month itself."""
    return value[:10] == row["date"] if row["precision"] == "day" else value == row["date"]


def span_agrees(span, row: dict) -> bool:
    """An event starting on the listed day, or dated to the listed month."""
    if row["precision"] == "day":
        return span.start.isoformat() == row["date"]
    return span.precision == "month" and span.start.isoformat()[:7] == row["date"]


def check(row: dict, n: int, config) -> dict:
    article, at = as_article(row, n)
    first = next((t for t in tag(article.body, PUBLISHED) if t.start >= at and t.type in ("DATE", "TIME")), None)
    events = [e for e in extract_article(article, config).events if e.position >= at]
    event = events[0] if events else None
    return {
        "gold": row["date"], "precision": row["precision"], "year_basis": row["year_basis"],
        "sentence": row["sentence"],
        "first_date": {"text": first.text, "value": first.value} if first else None,
        "tagger_ok": bool(first) and value_agrees(first.value, row),
        "event_date": event.date.label() if event else None,
        "event_ok": bool(event) and span_agrees(event.date, row),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("csv", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--list", action="store_true", help="print every disagreement")
    args = ap.parse_args()
    with args.csv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    config = load_config(ROOT)
    results = [check(row, n, config) for n, row in enumerate(rows)]
    with_event = [r for r in results if r["event_date"]]
    summary = {
        "sentences": len(results),
        "tagger_first_date_correct": sum(r["tagger_ok"] for r in results),
        "sentences_with_event": len(with_event),
        "event_date_agrees": sum(r["event_ok"] for r in with_event),
    }
    for basis in sorted({r["year_basis"] for r in results}):
        part = [r for r in results if r["year_basis"] == basis]
        summary[f"tagger_correct ({basis})"] = f"{sum(r['tagger_ok'] for r in part)}/{len(part)}"
    if args.json:
        print(json.dumps({"summary": summary, "results": results}, indent=1))
        return 0
    if args.list:
        for r in results:
            if not r["tagger_ok"] or (r["event_date"] and not r["event_ok"]):
                print(f"gold {r['gold']} ({r['year_basis']}) | first {r['first_date']} | event {r['event_date']}\n"
                      f"    {r['sentence'][:220]}")
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
