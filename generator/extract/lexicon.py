"""Which sentences report a happening: event words of any kind of news, a finite verb,
and no page clutter. The words are data (resources/<lang>/events/, see its README)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .prefilter import AnyOf

RESOURCES = Path(__file__).with_name("resources")
GROUPS = ("conflict", "disaster", "protest", "politics", "law", "economy", "science", "labour", "general")
_VOWELS = "aeiou"


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ied"
    return verb + "ed"


def _gerund(verb: str, past: str) -> str:
    if past.endswith("ed") and len(past) > 4 and past[-3] == past[-4] and not verb.endswith(past[-3] * 2):
        return past[:-2] + "ing"          # stop/stopped -> stopping
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


def verb_forms(entry: str) -> tuple[set[str], set[str]]:
    """('base/past/participle' or 'base') -> (every form, the finite past forms)."""
    parts = [p.strip() for p in entry.split("/")]
    base = parts[0]
    head, _, rest = base.partition(" ")
    tail = f" {rest}" if rest else ""
    past = parts[1] if len(parts) > 1 else _past(head) + tail
    participle = parts[2] if len(parts) > 2 else past
    past_head = past.split(" ")[0]
    forms = {base, _third_person(head) + tail, past, participle, _gerund(head, past_head) + tail}
    return forms, {past, participle}


def noun_forms(entry: str) -> set[str]:
    parts = [p.strip() for p in entry.split("/")]
    if len(parts) > 1:
        return set(parts)
    word = parts[0]
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return {word, word + "es"}
    if word.endswith("y") and word[-2:-1] not in _VOWELS:
        return {word, word[:-1] + "ies"}
    return {word, word + "s"}


def _alternation(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=lambda w: (-len(w), w)))


def _patterns(path: Path, flags=re.I | re.M) -> tuple[re.Pattern, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(re.compile(ln, flags) for ln in lines if ln.strip() and not ln.startswith("#"))


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@functools.lru_cache(maxsize=None)      # the lexicon's phrases: a fixed set
def _phrase(phrase: str) -> re.Pattern:
    """A phrase as whole words."""
    return re.compile(rf"\b{re.escape(phrase)}\b")


@functools.lru_cache(maxsize=64)      # a sentence is asked whether it reports a happening, then its type
def tokens(sentence: str) -> tuple[str, tuple[str, ...]]:
    """The sentence in lower case (straight apostrophes) and its words."""
    lowered = sentence.lower().replace("’", "'")
    return lowered, tuple(_WORD.findall(lowered))


@dataclass(frozen=True)
class Words:
    """Words and phrases looked up by a sentence's words (a set lookup each, not one regex of
    thousands of alternatives: the lexicon is asked about every sentence)."""
    single: frozenset
    phrases: dict        # first word -> tuple of whole phrases (lower case) starting with it

    @classmethod
    def of(cls, entries) -> Words:
        single, phrases = set(), {}
        for w in {e.lower() for e in entries}:
            if " " in w:
                phrases.setdefault(w.split(" ")[0], set()).add(w)
            else:
                single.add(w)
        return cls(frozenset(single), {k: tuple(sorted(v)) for k, v in phrases.items()})

    def find(self, words: list[str], lowered: str) -> str:
        """The first listed word or phrase among `words` (lower case) of the text `lowered`."""
        for w in words:
            if w in self.single:
                return w
            for p in self.phrases.get(w, ()):
                if _phrase(p).search(lowered):
                    return p
        return ""


@dataclass(frozen=True)
class FirstGroup:
    """Which of several ordered groups of words a sentence names first in the order of the
    groups (event types: the first type whose words appear wins), in one pass over its words."""
    names: tuple
    single: dict         # word -> index of the first group that lists it
    phrases: dict        # first word -> ((phrase, index), ...)

    @classmethod
    def of(cls, groups) -> FirstGroup:
        single, phrases = {}, {}
        for i, (_, entries) in enumerate(groups):
            for w in {e.lower().replace("’", "'") for e in entries}:
                if " " in w:
                    phrases.setdefault(w.split(" ")[0], []).append((w, i))
                else:
                    single.setdefault(w, i)
        return cls(tuple(name for name, _ in groups), single, {k: tuple(v) for k, v in phrases.items()})

    def first(self, sentence: str, default: str = "") -> str:
        lowered, words = tokens(sentence)
        best = len(self.names)
        for w in words:
            best = min(best, self.single.get(w, best))
            for phrase, i in self.phrases.get(w, ()):
                if i < best and _phrase(phrase).search(lowered):
                    best = i
        return self.names[best] if best < len(self.names) else default


@dataclass(frozen=True)
class Lexicon:
    events: Words               # any event word of any group
    groups: dict                # group name -> Words
    auxiliaries: Words          # words that make a clause finite ("was", "has", "will", "is set to")
    irregular_past: frozenset   # "fled", "struck"
    progressive: re.Pattern     # "is burning", "are being evacuated"
    not_past: frozenset         # words in -ed that are adjectives, not past verbs
    not_event: AnyOf            # sentences of page clutter (all patterns in one)
    boilerplate: tuple          # text removed before splitting sentences
    datelines: tuple            # a dateline at the start of a paragraph

    def is_finite(self, words: list[str], lowered: str) -> bool:
        if self.auxiliaries.find(words, lowered):
            return True
        for w in words:
            if w in self.irregular_past or (len(w) > 4 and w.endswith("ed") and w not in self.not_past):
                return True
        return bool(self.progressive.search(lowered))

    def is_clutter(self, sentence: str, paragraph: bool = False) -> bool:
        """Page clutter, a question, direct speech ("We became confused"), or a line of its
        own without a full stop (`paragraph`: a headline, a caption, a teaser)."""
        end = sentence.rstrip(" \"'”’)]")
        if end.endswith("?") or (paragraph and not end.endswith((".", "!"))):
            return True
        return bool(self.not_event.search(sentence))

    def reports_happening(self, sentence: str) -> bool:
        """An event word and a finite verb."""
        lowered, words = tokens(sentence)
        return bool(self.events.find(words, lowered)) and self.is_finite(words, lowered)

    def group(self, sentence: str) -> str:
        """The first group (in GROUPS order) with a word in the sentence."""
        lowered, words = tokens(sentence)
        return next((name for name, ws in self.groups.items() if ws.find(words, lowered)), "")

    def dateline_end(self, text: str, start: int) -> int:
        """Where the text of a paragraph starting at `start` begins after its dateline, if any."""
        for rx in self.datelines:
            m = rx.match(text, start)
            if m and m.end() < len(text) and text[m.end()].isupper():
                return m.end()
        return start


@functools.lru_cache(maxsize=None)
def load_lexicon(lang: str = "en") -> Lexicon:
    folder = RESOURCES / lang / "events"
    # the tagger's list of adjectives in -ed ("alleged", "unspecified"): not past verbs
    not_past = Path(__file__).parent / "temporal" / "resources" / lang / "repattern" / "ed_not_past.txt"
    groups, everything, irregular = {}, set(), set()
    for name in GROUPS:
        data = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8")) or {}
        words: set[str] = set()
        for entry in data.get("verbs") or ():
            forms, pasts = verb_forms(str(entry))
            words |= forms
            irregular |= {p for p in pasts if " " not in p and not p.endswith("ed")}
        for entry in data.get("nouns") or ():
            words |= noun_forms(str(entry))
        groups[name] = Words.of(words)
        everything |= words
    finite = yaml.safe_load((folder / "finite.yaml").read_text(encoding="utf-8"))
    progressive = re.compile(rf"\b(?:{_alternation(finite['progressive'])})\s+(?:\w+ly\s+)?(?:being\s+)?\w+(?:ing|ed|en)\b")
    return Lexicon(events=Words.of(everything), groups=groups, auxiliaries=Words.of(finite["auxiliaries"]),
                   irregular_past=frozenset(irregular | {w.lower() for w in finite["irregular_past"]}),
                   progressive=progressive, not_past=frozenset(_read_list(not_past)),
                   not_event=_one_of(_patterns(folder / "not_event.txt")), boilerplate=_patterns(folder / "boilerplate.txt"),
                   datelines=_patterns(folder / "dateline.txt", re.M))


def _one_of(patterns: tuple[re.Pattern, ...]) -> AnyOf:
    """Patterns a sentence is asked about all at once (each only where it can match)."""
    return AnyOf([p.pattern for p in patterns], re.I | re.M)


def _read_list(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#")]
