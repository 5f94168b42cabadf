"""Extraction on news from many countries and story types, against hand-made gold.

usage: python bench/world_news.py [--json] [--list] [GOLD.yaml ARTICLES_DIR]
Default: ../shared/data/world-news/gold.yaml and its articles/. Runs the extraction in
this process (no `timeline` subprocess per article) and prints the figures the shared
scorer (`../shared/tools/score_events.py`) prints, computed here the same way:
- dated recall: required gold events whose anchor is inside some event's quote, with
  that event's [start, end] inside one of the accepted intervals; found: anchor quoted at all;
- anchored precision: share of extracted events whose quote holds some gold anchor;
- places, actors: share of the gold names of found required events that the best
  matching event names (lenient match: folded, contained, acronym or half the words);
- fatalities: share of found required events with a gold toll whose toll is equal;
- forbidden: extracted events quoting a boilerplate string the gold forbids.
--list prints each required event that is missed or misdated, and each forbidden hit.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.config import load_config  # noqa: E402
from generator.extract import extract_article  # noqa: E402
from generator.ingest import read_article  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "world-news"
_STOP = {"the", "of", "province", "region", "city", "state"}


def span_of(value: str) -> tuple[date, date]:
    """A gold date value (day, month, year, ISO week or START/END) as an interval."""
    if "/" in value:
        first, last = value.split("/")
        return span_of(first)[0], span_of(last)[1]
    parts = value.split("-")
    if len(parts) == 1:
        return date(int(value), 1, 1), date(int(value), 12, 31)
    if parts[1].startswith("W"):
        monday = date.fromisocalendar(int(parts[0]), int(parts[1][1:]), 1)
        return monday, monday + timedelta(days=6)
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return date(y, m, 1), date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
    day = date.fromisoformat(value)
    return day, day


def plain(text: str) -> str:
    """Curly quotes straightened, spaces collapsed, lower case: how anchors are compared."""
    text = text.translate({0x2019: "'", 0x201C: '"', 0x201D: '"'})
    return " ".join(text.split()).lower()


def folded(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    ascii_ = re.sub(r"\b(?:al|el|ash|as|ad|an|ar|at|az)-", "", ascii_)
    return " ".join(w for w in re.sub(r"[^a-z0-9 ]+", " ", ascii_).split() if w not in _STOP)


def initials(words: list[str]) -> str:
    return "".join(w[0] for w in words)


def names_match(want: str, got: str) -> bool:
    a, b = folded(want), folded(got)
    if not a or not b:
        return False
    if a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    aw, bw = a.split(), b.split()
    if (len(aw) > 1 and initials(aw) == b.replace(" ", "")) or (len(bw) > 1 and initials(bw) == a.replace(" ", "")):
        return True
    return len(set(aw) & set(bw)) / len(set(aw) | set(bw)) >= 0.5


def score(gold: dict, base: Path, listing: list[str]) -> dict:
    config = load_config(ROOT)
    n = dict(required=0, found=0, dated=0, events=0, anchored=0, forbidden=0, dct=0, articles=0,
             places=0, places_ok=0, actors=0, actors_ok=0, tolls=0, tolls_ok=0)
    for entry in gold["articles"]:
        path = base / entry["file"]
        article, _ = read_article(path, base)
        x = extract_article(article, config)
        quotes = [plain(e.quote) for e in x.events]
        n["articles"] += 1
        n["dct"] += str(x.date) == str(entry["dct"])
        n["events"] += len(x.events)
        anchored: set[int] = set()
        for g in entry["events"]:
            anchor = plain(g["anchor"])
            accepted = [span_of(str(v)) for v in g["dates"]]
            hits = [i for i, q in enumerate(quotes) if anchor in q]
            anchored.update(hits)
            right = [i for i in hits if any(a <= x.events[i].date.start and x.events[i].date.end <= b
                                            for a, b in accepted)]
            if g.get("optional"):
                continue
            n["required"] += 1
            n["found"] += bool(hits)
            n["dated"] += bool(right)
            if not right:
                got = [x.events[i].date.label() for i in hits[:2]]
                listing.append(f"{entry['file']}: {g['id']}: {'WRONG DATE ' + str(got) if hits else 'MISSING'}")
            if not hits:
                continue
            best = x.events[(right or hits)[0]]
            for key, have in (("places", [p.name for p in best.places]), ("actors", list(best.actors))):
                for want in g.get(key) or ():
                    n[key] += 1
                    n[key + "_ok"] += any(names_match(want, h) for h in have)
            if g.get("fatalities") is not None:
                n["tolls"] += 1
                n["tolls_ok"] += best.fatalities == g["fatalities"]
                if best.fatalities != g["fatalities"]:
                    listing.append(f"{entry['file']}: {g['id']}: toll {best.fatalities}, gold {g['fatalities']}")
        n["anchored"] += len(anchored)
        forbidden = [plain(f) for f in entry.get("forbidden") or ()]
        for q in quotes:     # an event counts once, however many forbidden strings it quotes
            bad = [f for f in forbidden if f in q]
            if bad:
                n["forbidden"] += 1
                listing.append(f"{entry['file']}: FORBIDDEN {bad[0]!r} in {q[:100]!r}")
    share = lambda k: round(n[k + "_ok"] / n[k], 3) if n[k] else None   # noqa: E731
    return {"events_dated_recall": round(n["dated"] / max(n["required"], 1), 3),
            "found": round(n["found"] / max(n["required"], 1), 3),
            "anchored_precision": round(n["anchored"] / max(n["events"], 1), 3),
            "places": share("places"), "actors": share("actors"), "fatalities": share("tolls"),
            "dct": f"{n['dct']}/{n['articles']}", "forbidden": n["forbidden"],
            "required": n["required"], "events": n["events"]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold", nargs="?", default=str(DEFAULT / "gold.yaml"))
    ap.add_argument("articles", nargs="?", default=str(DEFAULT / "articles"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--list", action="store_true", help="print missed, misdated and forbidden events")
    args = ap.parse_args()
    with open(args.gold, encoding="utf-8") as f:
        gold = yaml.safe_load(f)
    listing: list[str] = []
    figures = score(gold, Path(args.articles), listing)
    if args.list:
        print("\n".join(listing))
    if args.json:
        print(json.dumps(figures))
    else:
        print(" ".join(f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
