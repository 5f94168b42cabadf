"""Sort the tagger's remaining DATE/TIME value errors on TempEval-3 by what causes them.

usage: python bench/tagger_errors.py [--gold ../shared/data/tempeval3/train.json] [--list KIND]

Matching and the DATE/TIME view are the scorer's (../shared/tools/score_timex.py, imported).
Each wrongly valued expression is put in the first kind it fits:

- gold_underspecified: the annotation leaves out what the text settles ("last week" =
  1989-WXX, "the quarter" = 1989-QX) while ours is concrete;
- unpadded_week: the annotation writes weeks as 2000-W7, ours 2000-W07;
- part_of_day: same day, one says night/morning (TNI, TMO) and the other does not;
- quarter: earnings-report quarters ("a year ago" is 1988, 1988-Q3 or 1988-10-26 in one
  document's annotation);
- weekday_week_apart: a weekday resolved exactly a week or more from the annotation's,
  which no reading of the document date gives (the annotator used another date);
- granularity: one value contains the other (1998-10 for "last week", 1989 for 1989-Q3);
- other: the rest, read one by one with --list other (real faults and annotation slips).

It then prints the DATE/TIME value F1 the tagger would have with every "other" error fixed:
the most that rules giving readers correct dates could reach on this data.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date

from tagger import SHARED, load_scorer, ours  # bench/ is on sys.path when run; tagger.py adds the project

DATETIME = ("DATE", "TIME")
_PART_OF_DAY = re.compile(r"T(MO|AF|EV|NI)$")
_UNPADDED_WEEK = re.compile(r"-W\d(?:-|$)")


def kind(gold: str, system: str, system_text: str) -> str:
    g, s = gold.upper(), system.upper()
    if "X" in g and "X" not in s:
        return "gold_underspecified"
    if _UNPADDED_WEEK.search(g):
        return "unpadded_week"
    if g[:10] == s[:10] and (_PART_OF_DAY.search(g) or _PART_OF_DAY.search(s)):
        return "part_of_day"
    if "Q" in g or "Q" in s:
        return "quarter"
    gd, sd = _day(g), _day(s)
    if gd and sd and (gd - sd).days % 7 == 0 and re.search(r"day\b", system_text, re.I):
        return "weekday_week_apart"
    if g.startswith(s) or s.startswith(g):
        return "granularity"
    return "other"


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(SHARED / "data" / "tempeval3" / "train.json"))
    ap.add_argument("--list", metavar="KIND", help="print the errors of one kind")
    args = ap.parse_args()
    sc = load_scorer()
    docs = json.load(open(args.gold, encoding="utf-8"))
    kinds: Counter = Counter()
    listed = []
    gold_n = sys_n = correct = 0
    for doc in docs:
        text = doc["text"]
        system, _ = sc.parse_output(json.dumps(ours(text, date.fromisoformat(doc["dct"]))), text)
        system = [s for s in system if s["type"] in DATETIME]
        gold = []
        for g in doc["timexes"]:
            if g["type"] in DATETIME:
                start, end = sc.trim(text, g["start"], g["end"])
                gold.append(dict(g, start=start, end=end, text=text[start:end]))
        gold_n, sys_n = gold_n + len(gold), sys_n + len(system)
        for gi, si in sc.match(gold, system):
            g, s = gold[gi], system[si]
            if sc.norm_value(g["value"]) == sc.norm_value(s["value"]):
                correct += 1
                continue
            k = kind(g["value"], s["value"], s["text"])
            kinds[k] += 1
            if k == args.list:
                listed.append(f"{doc['dct']}  {g['text']!r}={g['value']}  ours {s['text']!r}={s['value']}")
    f1 = 2 * correct / (gold_n + sys_n)
    ceiling = 2 * (correct + kinds["other"]) / (gold_n + sys_n)
    print("\n".join(listed) if args.list else json.dumps({
        "gold": gold_n, "system": sys_n, "correct_values": correct,
        "datetime_value_F1": round(f1, 3),
        "value_errors": sum(kinds.values()), "by_kind": dict(kinds.most_common()),
        "F1_if_every_other_error_were_fixed": round(ceiling, 3)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
