"""The temporal tagger: apply a language's rules to a text.

1. Every rule finds its candidate matches.
2. Overlaps are settled: the longest match wins, then the earlier rule.
3. In reading order, each kept match is normalised and resolved against the
   document creation time (DCT) or the last date mentioned.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from ...model import DateSpan, out_of_range
from . import calendar as cal
from .context import WORD_BEFORE_STOP, Headings, Sentences, TenseReader
from ..prefilter import folded
from .normalize import NoValue, fill, template_groups
from .resolve import Reference, resolve
from .resources import Language, Rule, load_language

_CAPITALISED_GROUPS = ("month", "monthb", "month2", "weekday")
_VALID_VALUE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|[\dX]{2,4}(?:-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{1,2}(?:-(?:WE|\d))?|Q[\dX]|H[12]|SP|SU|FA|WI))?"
    r"(?:T(?:MO|AF|EV|NI|DT|\d\d(?::\d\d)?))?"
    r"|P(?:[\dX.]+(?:Y|M|W|D|DE|CE|Q|WE))+|PT(?:[\dX.]+(?:H|M|S))+"
    r"|XXXX-WXX-\d|XXXX-XX-XXT(?:MO|AF|EV|NI))$")


# Characters kept around a trigger word: longer than any expression's reach.
_WINDOW = 40
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str            # DATE, TIME, DURATION, SET
    value: str           # TIMEX3 value
    mod: str = ""
    rule: str = ""
    span: DateSpan | None = None   # DATE/TIME with a concrete interval
    # a range or alternative ("from 2011 to 2013", "April 24 and 25") as TIMEX3 writes
    # it: one expression per date named, each with its own value
    parts: tuple["Timex", ...] = ()

    def as_json(self) -> dict:
        out = {"start": self.start, "end": self.end, "text": self.text,
               "type": self.type, "value": self.value}
        if self.mod:
            out["mod"] = self.mod
        if self.span:
            out["interval"] = {"start": self.span.start.isoformat(), "end": self.span.end.isoformat(),
                               "precision": self.span.precision}
        return out


def timex3(timexes: list[Timex], with_rule: bool = False) -> list[dict]:
    """TIMEX3 JSON (`timeline dates`): a range is its dates, each saying what it is part of;
    with_rule adds the rule that found each (`--explain`)."""
    out = []
    for t in timexes:
        whole = {k: v for k, v in t.as_json().items() if k in ("start", "end", "text", "interval")} if t.parts else None
        for p in t.parts or (t,):
            item = dict(p.as_json(), of=whole) if whole else p.as_json()
            if with_rule:
                item["rule"] = p.rule
            out.append(item)
    return out


@dataclass(frozen=True)
class Settings:
    lang: str = "en"
    day_first: bool = True   # 05/03/2020 is 5 March


class Tagger:
    def __init__(self, settings: Settings = Settings()):
        self.settings = settings
        self.lang: Language = load_language(settings.lang)
        wanted = "day_first" if settings.day_first else "month_first"
        self.rules = tuple(r for r in self.lang.rules if not r.setting or r.setting == wanted)
        self.tense = TenseReader(self.lang)
        self.last_week_current_on = tuple(self.lang.conventions.get("last_week_is_current_week_on", (7,)))
        self.abbreviations = _abbreviations(self.lang)
        self.looking_back = frozenset(w.lower() for w in self.lang.words.get("looking_back", ()))
        self.vague_count = int(self.lang.conventions.get("vague_count", 3))
        self.past_lean = float(self.lang.conventions.get("past_lean", 2))

    # -- 1 and 2: find and select --------------------------------------------
    def windows(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Stretches of text around each trigger class's words, merged."""
        hits: dict[str, list[tuple[int, int]]] = {name: [] for name in self.lang.triggers}
        prefixes, triggers, lengths = self.lang.trigger_prefixes, self.lang.triggers, self.lang.trigger_lengths
        for word in _WORD.finditer(text):
            w = word.group().lower()
            # trigger words are keyed by their first letters (all of a short one)
            for n in lengths:
                names = prefixes.get(w[:n]) if len(w) >= n else None
                for name in names or ():
                    m = triggers[name].match(text, word.start())
                    if m:
                        hits[name].append(m.span())
        for name in self.lang.scanned_triggers:
            hits[name] = [m.span() for m in triggers[name].finditer(text)]
        out: dict[str, list[tuple[int, int]]] = {"": [(0, len(text))]}
        for name, found in hits.items():
            spans: list[tuple[int, int]] = []
            for ms, me in sorted(found):
                s, e = max(0, ms - _WINDOW), min(len(text), me + _WINDOW)
                if spans and s <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
                else:
                    spans.append((s, e))
            out[name] = spans
        return out

    def candidates(self, text: str) -> list[tuple[re.Match, Rule]]:
        found = []
        windows = self.windows(text)
        low = folded(text)
        where: dict[tuple, list[tuple[int, int]]] = {}    # (class, literals) -> windows holding one
        present: dict[str, bool] = {}                     # literal -> in the text at all
        for rule in self.rules:
            spans = windows[rule.needs]
            if spans and rule.literals and low is not None:
                key = (rule.needs, rule.literals)
                if key not in where:
                    where[key] = _holding(low, spans, rule.literals, present)
                spans = where[key]
            for s, e in spans:
                for m in rule.regex.finditer(text, s, e):
                    if m.end() == m.start():
                        continue
                    if rule.case == "sensitive_words" and not _capitalised(m):
                        continue
                    found.append((m, rule))
        return found

    @staticmethod
    def select(found: list[tuple[re.Match, Rule]]) -> list[tuple[re.Match, Rule]]:
        found.sort(key=lambda mr: (-(mr[0].end(mr[1].group) - mr[0].start(mr[1].group)),
                                   mr[1].order, mr[0].start()))
        # taken spans never overlap, so sorted starts and ends stay in step: a
        # new span overlaps only its neighbours (linear-log, not quadratic, on long texts)
        starts: list[int] = []
        ends: list[int] = []
        kept = []
        for m, rule in found:
            s, e = m.span(rule.group)
            i = bisect.bisect_left(starts, e)        # taken spans starting before e
            if i and ends[i - 1] > s:
                continue
            starts.insert(i, s)
            ends.insert(i, e)
            kept.append((m, rule))
        kept.sort(key=lambda mr: mr[0].start(mr[1].group))
        return kept

    # -- 3: normalise and resolve ----------------------------------------------
    def tag(self, text: str, dct: date | None = None) -> list[Timex]:
        ref = Reference(dct=dct, last_week_current_on=self.last_week_current_on, past_lean=self.past_lean)
        sentences = Sentences(text, self.abbreviations)
        headings = Headings(text)
        out = []
        for m, rule in self.select(self.candidates(text)):
            timex = self._normalise(m, rule, ref, sentences)
            if timex is None:
                continue
            out.append(timex)
            if timex.span and timex.type == "DATE" and timex.start in headings and _YEAR.match(timex.value):
                year = timex.span.start.year
                ref.section_year = year if not dct or year != dct.year else None
            # a date computed from the reference point does not become the reference
            if timex.span and timex.type in ("DATE", "TIME") and not rule.value.startswith("REL(ref"):
                ref.last = cal.Point(_granularity(timex.value), timex.span.start)
        return out

    def _abbreviated(self, text: str) -> bool:
        word = WORD_BEFORE_STOP.search(text)
        return bool(word) and (len(word.group(1)) == 1 or word.group(1).lower() in self.abbreviations)

    def _normalise(self, m: re.Match, rule: Rule, ref: Reference, sentences: Sentences) -> Timex | None:
        if rule.type == "NONE":
            return None       # rules/not_date.yaml: words that only look like a date
        groups = {k: v for k, v in m.groupdict().items() if v}
        try:
            raw = fill(rule.value, groups, self.lang)
            raw_end = fill(rule.end, groups, self.lang) if rule.end else ""
        except NoValue:
            return None
        direction = rule.direction
        if rule.direction_group and groups.get(rule.direction_group):
            word = groups[rule.direction_group].lower()
            direction = self.lang.conventions.get("relative_year", {}).get(word, direction)
        if direction == "auto":
            direction = self._auto_direction(m, rule, raw, sentences)
        value = resolve(raw, ref, direction)
        if not _VALID_VALUE.match(value):
            return None
        mod = rule.mod
        if mod == "from_group":
            mod = _modifier(groups.get("mod", ""), self.lang)
        # the second date of an interval shares the first's resolved year
        end_value = resolve(raw_end.replace("XXXX", value[:4]), ref, direction) if raw_end else ""
        span = None
        if rule.type in ("DATE", "TIME"):
            span = _span(value, m.group(rule.group), rule, end_value)
            if span is None and cal.parse_value(value.split("T")[0]) is None and _looks_concrete(value):
                return None   # impossible date such as 30 February
        if span is None and ref.dct:
            span = self._looking_back(value, groups, m.group(rule.group), ref.dct)
        start, end = self._trimmed(m.string, m.start(rule.group), m.end(rule.group))
        parts = ()
        if rule.end and span is not None:
            parts = tuple(self._part(m.string, s, e, v, rule) for (s, e), v in
                          zip(_part_bounds(m, rule), (value, end_value)))
            if any(not p.text for p in parts):
                parts = ()      # a rule whose templates do not say where each date is
        return Timex(start, end, m.string[start:end], rule.type, value, mod, rule.name, span, parts)

    def _auto_direction(self, m: re.Match, rule: Rule, raw: str, sentences: Sentences) -> str:
        """Which way an expression without its year (or week) points, from the clause around it.
        With no tense evidence a weekday is past (news reports the past), a calendar date the
        nearer of its past and coming dates, leaning to the past."""
        if self.tense.after_past_preposition(m.string, m.start()):
            return "past"
        tense = None if self.tense.attributive(m.string, m.start(), m.end()) else \
            self.tense.tense(sentences, m.start(), m.end())
        if raw.startswith("WEEKDAY"):
            if tense:
                return tense
            return "past_leaning" if self.tense.after_endpoint_word(m.string, m.start(rule.group)) else "past"
        if tense == "future":
            return "future"
        day_level = raw.count("-") >= 2
        if day_level and self.tense.governed_by_past_verb(sentences, m.start(), m.end()):
            return "past"
        # a past tense elsewhere in the clause is weak evidence for a calendar day
        # ("declared a dividend, payable Dec. 15"), or after "until": it only leans
        if day_level or not tense or self.tense.after_endpoint_word(m.string, m.start(rule.group)):
            return "past_leaning"
        return tense

    def _looking_back(self, value: str, groups: dict, text: str, dct: date) -> DateSpan | None:
        """'the past two weeks', 'in recent weeks': the stretch that ends on the document date
        (rules/README.md: a `back` group, or an `n` of repattern/looking_back.txt)."""
        if not groups.get("back") and " ".join(groups.get("n", "").lower().split()) not in self.looking_back:
            return None
        m = _COUNTED.match(value)
        if not m and groups.get("unit"):      # PAST_REF: how far back its unit says
            m = _COUNTED.match(fill("PX{unit:duration_unit}", groups, self.lang))
        if not m:
            return None
        n = int(m.group(1)) if m.group(1) != "X" else self.vague_count
        try:
            start = cal.shift(dct, _UNIT_OF[m.group(2)], -n)
        except (OverflowError, ValueError):
            return None
        return DateSpan(start, dct, "range", value, text)

    def _trimmed(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Without what the patterns allow but the expression does not hold: a comma, or a
        full stop that ends the sentence ("in early March.", not "Mar." or "a.m.")."""
        while end > start and (text[end - 1] in " ," or (text[end - 1] == "." and
                                                         not self._abbreviated(text[start:end]))):
            end -= 1
        return start, end

    def _part(self, text: str, start: int, end: int, value: str, rule: Rule) -> Timex:
        start, end = self._trimmed(text, start, end)
        words = text[start:end]
        return Timex(start, end, words, rule.type, value, "", rule.name, _span(value, words, rule, ""))


def _holding(low: str, spans: list[tuple[int, int]], words: tuple[str, ...],
             present: dict[str, bool]) -> list[tuple[int, int]]:
    """The spans of the (lower-cased) text that contain one of the words: a rule needing
    one cannot match elsewhere, since a match lies within its span. `present` keeps which
    words the text holds at all (rules share them)."""
    here = []
    for w in words:
        hit = present.get(w)
        if hit is None:
            hit = present[w] = w in low
        if hit:
            here.append(w)
    if not here:
        return []
    return [(s, e) for s, e in spans if any(low.find(w, s, e) >= 0 for w in here)]


def _abbreviations(lang: Language) -> frozenset[str]:
    """Words a full stop may belong to: 'sept' (of 'september'), 'wed'; not 'may', 'june';
    and those of repattern/abbreviation.txt ('gen', 'vs')."""
    out = {w.lower() for w in lang.words.get("abbreviation", ())}
    for table in ("month", "weekday"):
        words = lang.tables.get(table, {})
        out |= {w for w, v in words.items() if any(o != w and o.startswith(w) and words[o] == v for o in words)}
    return frozenset(out)


def _part_bounds(m: re.Match, rule: Rule) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where each date of a range is: the groups only its template uses, with the
    groups both share on its side ("April 24 and 25": April goes with 24)."""
    first, second = template_groups(rule.value), template_groups(rule.end)
    def bounds(names):
        found = [(m.start(g), m.end(g)) for g in names if m.group(g)]
        return (min(s for s, _ in found), max(e for _, e in found)) if found else (m.start(), m.start())
    (s1, e1), (s2, e2) = bounds(first - second), bounds(second - first)
    for g in first & second:
        if m.group(g):
            if m.end(g) <= s2:
                s1, e1 = min(s1, m.start(g)), max(e1, m.end(g))
            else:
                s2, e2 = min(s2, m.start(g)), max(e2, m.end(g))
    return (s1, e1), (s2, e2)


_YEAR = re.compile(r"^\d{4}")


def _capitalised(m: re.Match) -> bool:
    for name in _CAPITALISED_GROUPS:
        g = m.groupdict().get(name)
        if g and not g[0].isupper():
            return False
    return True


def _modifier(word: str, lang: Language) -> str:
    return str(lang.tables.get("modifier", {}).get(" ".join(word.lower().split()), "")) if word else ""


def _looks_concrete(value: str) -> bool:
    return bool(re.match(r"^\d{4}-\d\d-\d\d", value))


def _granularity(value: str) -> str:
    point = cal.parse_value(value.split("T")[0])
    return point.granularity if point else "day"


def _span(value: str, text: str, rule: Rule, end_value: str) -> DateSpan | None:
    """The calendar interval of a value; None when it is no concrete date, or one outside
    the supported dates ("in 9999", "the year 800"): no event is placed there."""
    point = cal.parse_value(value.split("T")[0])
    if point is None or out_of_range(point.day):
        return None
    start, end = cal.interval(point)
    precision = cal.PRECISION[point.granularity]
    if end_value:
        end_point = cal.parse_value(end_value)
        if end_point is None or out_of_range(end_point.day):
            return None
        end = cal.interval(end_point)[1]
        if end < start:
            return None
        precision = rule.precision or "range"
    return DateSpan(start, end, precision, value, text) if not out_of_range(start, end) else None


_COUNTED = re.compile(r"^P(\d+|X)([DWMY])$")
_UNIT_OF = {"D": "day", "W": "week", "M": "month", "Y": "year"}


_TAGGERS: dict[Settings, Tagger] = {}


def tagger(settings: Settings = Settings()) -> Tagger:
    """One tagger per settings in a process: loading the rules is the costly part."""
    hit = _TAGGERS.get(settings)
    if hit is None:
        hit = _TAGGERS[settings] = Tagger(settings)
    return hit


def tag(text: str, dct: date | None = None, settings: Settings = Settings()) -> list[Timex]:
    """Find and normalise every temporal expression in `text`."""
    return tagger(settings).tag(text, dct)
