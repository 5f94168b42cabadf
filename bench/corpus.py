"""A reproducible synthetic news corpus for scale benchmarks.

usage: python bench/corpus.py --years N [--per-day 5] [--seed 1] OUT_DIR

Articles are Markdown with front matter, several sentences each, mixing the
kinds of date expressions, places, actors, figures and claims real reports
use (and some background sentences with no event). Same seed, same corpus.
"""
from __future__ import annotations

import argparse
import os
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12", "15", "19", "23", "34")
OUTLETS = ("Example Wire", "Sample Press", "Test News Agency", "Demo Daily", "Mock Observer")
ACTORS = ("Syrian government forces", "Turkish forces", "Russian warplanes", "rebel fighters",
          "Turkish-backed forces", "Hayat Tahrir al-Sham", "the regime", "Kurdish-led forces")
CLAIMS = ("the Syrian Observatory for Human Rights said", "a war monitor said", "state media reported",
          "local officials said", "rescuers said", "the defence ministry said")
EVENTS = (
    "{actor} shelled {place} {when}, killing {n} civilians, {claim}.",
    "{n} people were killed when an air strike hit a market in {place} {when}, {claim}.",
    "{actor} captured {place} {when} after days of clashes, {claim}.",
    "A drone strike on a convoy near {place} {when} killed {n} fighters, {claim}.",
    "Hundreds of people protested in {place} {when} against the offensive.",
    "{actor} and {actor2} clashed on the outskirts of {place} {when}.",
    "Talks on a ceasefire in {place} will be held {future}, officials said.",
    "Thousands of families fled {place} {when} as the fighting drew closer.",
)
# Fixed here (not read from site_config) so that the corpus depends on the seed alone.
PLACES = ("Idlib", "Saraqib", "Maarat al-Numan", "Ma'arrat al-Nu'man", "Ariha", "Jisr al-Shughur", "Atarib",
          "Sarmada", "Taftanaz", "Khan Sheikhoun", "Jabal al-Zawiya", "Kafranbel", "Binnish", "Sarmin", "Morek",
          "Aleppo", "Hama", "Latakia", "Idleb", "Afrin", "Azaz", "al-Bab", "Manbij", "Tal Rifaat")
BACKGROUND = (
    "The war has killed hundreds of thousands of people since it began in 2011.",
    "Idlib is the last major stronghold of the armed opposition.",
    "The region is home to some three million people, many of them displaced.",
    "Aid groups have warned of a humanitarian catastrophe.",
)


def _when(rng: random.Random, d: date) -> tuple[str, date]:
    """A past date expression and the day it means, relative to publication day d."""
    k = rng.randrange(7)
    if k == 0:
        return "on " + WEEKDAYS[d.weekday()], d
    if k == 1:
        return "yesterday", d - timedelta(days=1)
    if k == 2:
        back = rng.randrange(2, 6)
        day = d - timedelta(days=back)
        return "on " + WEEKDAYS[day.weekday()], day
    if k == 3:
        day = d - timedelta(days=rng.randrange(0, 3))
        return f"on {MONTHS[day.month - 1]} {day.day}", day
    if k == 4:
        day = d - timedelta(days=rng.randrange(0, 4))
        return f"on {day.day} {MONTHS[day.month - 1]} {day.year}", day
    if k == 5:
        return "two days ago", d - timedelta(days=2)
    return "earlier this week", d


def article(rng: random.Random, d: date, i: int, places: list[str]) -> tuple[str, str]:
    sentences = []
    for _ in range(rng.randrange(3, 7)):
        if rng.random() < 0.25:
            sentences.append(rng.choice(BACKGROUND))
            continue
        when, _ = _when(rng, d)
        future = d + timedelta(days=rng.randrange(2, 9))
        a, b = rng.sample(ACTORS, 2)
        text = rng.choice(EVENTS).format(actor=a, actor2=b, place=rng.choice(places), when=when,
                                         n=rng.choice(NUMBERS), claim=rng.choice(CLAIMS),
                                         future=f"on {WEEKDAYS[future.weekday()]}")
        sentences.append(text[0].upper() + text[1:])
    title = sentences[0].split(",")[0][:90].rstrip(".")
    outlet = rng.choice(OUTLETS)
    slug = f"{d.isoformat()}-{i:02d}"
    front = yaml.safe_dump({"title": title, "date": d.isoformat(), "source": outlet,
                            "url": f"https://example.org/{slug}"}, sort_keys=False, allow_unicode=True)
    return f"{slug}.md", f"---\n{front}---\n" + "\n\n".join(sentences) + "\n"


def generate(out: Path, years: int, per_day: float = 5.0, seed: int = 1, start: date = date(2012, 1, 1)) -> int:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    d = start
    end = date(start.year + years, start.month, start.day)
    while d < end:
        for i in range(rng.randrange(int(per_day * 2) + 1)):    # 0..2×per_day a day, per_day on average
            name, text = article(rng, d, i, list(PLACES))
            (out / name).write_text(text, encoding="utf-8")
            # saved on its day, as in an archive gathered over the years (not all a second ago)
            saved = datetime(d.year, d.month, d.day, 12, tzinfo=timezone.utc).timestamp()
            os.utime(out / name, (saved, saved))
            n += 1
        d += timedelta(days=1)
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--years", type=int, default=1)
    ap.add_argument("--per-day", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(generate(args.out, args.years, args.per_day, args.seed), "articles written to", args.out)


if __name__ == "__main__":
    main()
