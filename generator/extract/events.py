"""Events from sentences: one per sentence that reports a happening."""
from __future__ import annotations

import bisect
import re
from datetime import date

from ..config import Config
from ..gazetteer import Matcher
from ..model import Article, DateSpan, Event, Place, stable_id
from .actors import ArticleActors, article_actors
from .claims import claimant, load_claim_words
from .clean import sentences
from .lexicon import FirstGroup, load_lexicon
from .places import Geoparser
from .prefilter import guarded
from .tolls import load_tolls
from .temporal import Timex

_PERFECT = re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ne|id|ht|lt|ut)\b")
_SIMPLE_PAST = re.compile(r"\b(?:was|were|did|killed|died|said|hit|struck|attacked|launched|captured|shot)\b")
# "displaced since the start of December": a stretch of time up to publication.
# "since it began in 2011" too: the stretch from the start of what the clause names.
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$|\bsince\s+(?:[\w'-]+\s+){1,4}?(?:began|started|erupted|broke\s+out)"
                    r"\s+(?:in\s+|on\s+)?$", re.I)
# A toll or a state running for over a year ("has killed ... since it began in 2011")
# is background to the news, not a happening the timeline could place.
BACKGROUND_DAYS = 366
# "said on Sunday", "Early on Monday the military said": the day of the statement,
# not of what it is about (when the sentence dates that too).
_SAYS = r"\b(?:said|says|reported|announced|told)"
_REPORTING = re.compile(_SAYS + r"\s+(?:on\s+)?$")
_OPENING = re.compile(r"\W*(?:(?:early|late|earlier|later)\s+)?(?:on|in|at)?\s*$", re.I)
_REPORTING_NEXT = re.compile(r",?\s*[^,;:.!?\d]{0,50}?" + _SAYS + r"\b")
_CLOCK = re.compile(r"T\d")     # a value with a time of day: "2019-10-27T09:00"


def _words_regex(words) -> re.Pattern:
    alts = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return guarded(r"\b(?:" + "|".join(alts) + r")\b", re.I) if alts else re.compile(r"(?!)")


class Extractor:
    """Holds the compiled vocabularies of one configuration."""

    def __init__(self, config: Config):
        vocab = config.vocabulary
        self.triggers = _words_regex(vocab.get("triggers", ()))
        self.planned = _words_regex(vocab.get("planned", ()))
        self.ongoing = _words_regex(vocab.get("ongoing", ()))
        self.places = Geoparser(config.gazetteer)
        self.place_names = Matcher(config.places)    # the site's own places: a run naming one is no person
        self.actor_rx = [(a, _words_regex(a.aliases)) for a in config.actors]
        self._article_actors: tuple[str, ArticleActors] | None = None   # the last article's, by its text
        self.types = FirstGroup.of([(t.name, t.words) for t in config.event_types if t.words])
        # a happening none of the types' words name: the taxonomy's catch-all, when it has one
        self.other_type = "Other" if any(t.name == "Other" for t in config.event_types) else ""
        self.lexicon = load_lexicon("en")
        self.tolls = load_tolls("en")
        self.claim_words = load_claim_words("en")
        self.monitors = [(a.name, _words_regex(a.aliases)) for a in config.actors if a.monitor]

    def events(self, article: Article, text: str, dct: date | None, timexes: list[Timex]) -> list[Event]:
        out: list[Event] = []
        pub = DateSpan(dct, dct, "day", dct.isoformat(), "publication date") if dct else None
        context: DateSpan | None = pub
        starts = [t.start for t in timexes]
        seen: set[str] = set()
        for s, e in sentences(text):
            opens_paragraph = s == 0 or text[s - 1] == "\n"
            paragraph = opens_paragraph and (e == len(text) or text[e] == "\n")
            if opens_paragraph:
                s = self.lexicon.dateline_end(text, s)    # the quote starts after "PLACE, Jun 3 (PTI)"
            sentence = text[s:e]
            inside = [t for t in timexes[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)] if t.span]
            about = [t for t in inside if not _REPORTING.search(text[max(s, t.start - 20):t.start])
                     and not (_OPENING.fullmatch(text, s, t.start) and _REPORTING_NEXT.match(text, t.end, e))]
            inside = about or inside
            when = _best_date(inside, text, dct)
            # a day that is still ahead ("patrols start on March 15") is a plan, not where the story
            # is; a clock time ("a statement at 9 a.m.") is that sentence's alone
            if (when is not None and when.precision == "day" and not (dct and when.start > dct)
                    and not _CLOCK.search(when.value)):
                context = when
            # a paragraph repeated (a lede printed twice, a headline echoed) is one report:
            # its id is made from the sentence, and an anchor must be unique
            if sentence in seen or not self._is_event(sentence, paragraph or sentence == article.title):
                continue
            seen.add(sentence)
            # "The UN has called for a ceasefire": a sentence of its own with no date and a
            # present-perfect verb tells where things stand now, not what the last date did
            date_ = when or (pub if pub and _PERFECT.search(sentence) and not _SIMPLE_PAST.search(sentence)
                             else context)
            if date_ is None or (date_.text.startswith("since ") and (date_.end - date_.start).days > BACKGROUND_DAYS) \
                    or self.tolls.is_running(sentence):
                continue
            actors = self._actors(text, s, e)
            places = self._places(text, s, e)
            title = _title(sentence)
            out.append(Event(
                id=stable_id(title, article.path, sentence),
                title=title, date=date_, status=self._status(sentence, date_, dct), quote=sentence,
                places=places, actors=actors, type=self._type(sentence), fatalities=self._fatalities(sentence),
                claimed_by=self._claimed_by(sentence), article=article.path, source=article.source or article.title,
                url=article.url, position=s))
        return out

    def _is_event(self, sentence: str, paragraph: bool) -> bool:
        """The site's own trigger words, or any happening the event lexicon knows; never clutter."""
        if self.lexicon.is_clutter(sentence, paragraph):
            return False
        return bool(self.triggers.search(sentence)) or self.lexicon.reports_happening(sentence)

    def _places(self, text: str, start: int, end: int) -> tuple[Place, ...]:
        # the article is read for places once (focus country, dateline); each sentence looks up its own
        return self.places.parse(text).places(start, end)

    def _actors(self, text: str, start: int = 0, end: int | None = None) -> tuple[str, ...]:
        # one pass per article (acronyms it defines, people it names, its country), kept for its sentences
        if self._article_actors is None or self._article_actors[0] is not text:
            # the article's country as its places say (else the actors pass counts states itself)
            focus = self.places.parse(text).focus or None
            self._article_actors = (text, article_actors(text, self.actor_rx, self.place_names, focus=focus))
        return self._article_actors[1].between(start, len(text) if end is None else end)

    def _type(self, sentence: str) -> str:
        return self.types.first(sentence, self.other_type)

    def _status(self, sentence: str, when: DateSpan, dct: date | None) -> str:
        if dct and when.start > dct:
            return "planned"
        if when.text.startswith("since "):
            return "ongoing"
        if self.planned.search(sentence) and dct and when.end >= dct and when.precision != "day":
            return "planned"
        return "ongoing" if self.ongoing.search(sentence) else "occurred"

    def _fatalities(self, sentence: str) -> int | None:
        return self.tolls.killed(sentence)

    def _claimed_by(self, sentence: str) -> str:
        return claimant(sentence, self.claim_words, self.monitors)


def _best_date(timexes: list[Timex], text: str, dct: date | None) -> DateSpan | None:
    """The most precise date of the sentence; "since March" is the stretch from then on."""
    order = {"day": 0, "either": 1, "week": 2, "range": 3, "month": 4, "quarter": 5, "season": 5, "year": 6}
    found = [t for t in timexes if t.span and t.span.precision in order]
    if not found:
        return None
    # a clock time ("10:10 A.M." in a dateline) says less about the day than "on Tuesday"
    best = min(found, key=lambda t: (order[t.span.precision], t.type == "TIME"))
    span = best.span
    if dct and span.start <= dct and _SINCE.search(text[max(0, best.start - 60):best.start]):
        return DateSpan(span.start, max(dct, span.end), "range", span.value, f"since {best.text}")
    return span


def _title(sentence: str, words: int = 12) -> str:
    clean = re.sub(r"\s+", " ", sentence).strip()
    parts = clean.split(" ")
    return " ".join(parts[:words]).rstrip(",;:") + ("…" if len(parts) > words else "")
