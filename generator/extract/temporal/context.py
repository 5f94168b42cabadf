"""Read the tense of the clause around an expression.

"killed ... on Sunday" points back, "will meet on Monday" forward. We look at
the nearest tense marker, first to the left within the sentence, then to the
right, and stop at the sentence boundary.
"""
from __future__ import annotations

import bisect
import itertools
import re

from .resources import Language

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“])")
_WORD = re.compile(r"[A-Za-z’']+")
_LEFT_WORDS = 10
_MEMO_WORDS = 50_000
_RIGHT_WORDS = 6


# the word a full stop follows ("Oct." or the end of a sentence); the tagger asks too
WORD_BEFORE_STOP = re.compile(r"([A-Za-z]+)\.$")


class Sentences:
    """Sentence boundaries of one text, for quick lookup by offset. A full stop after
    one of `abbreviations` ("Oct. 23", "Roe vs. Wade") does not end a sentence."""

    def __init__(self, text: str, abbreviations: frozenset[str] = frozenset()):
        self.text = text
        self.starts = [0]
        for m in _SENTENCE_END.finditer(text):
            if text[m.start()] == "." and abbreviations:
                word = WORD_BEFORE_STOP.search(text, max(0, m.start() - 12), m.start() + 1)
                if word and word.group(1).lower() in abbreviations:
                    continue
            self.starts.append(m.end())

    def bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end


# A heading: a Markdown '#' line, or a paragraph of one short line that does not end
# like a sentence ("Timeline > 2018", "Continuing conflicts, 2018"), except the first:
# that is a plain text's headline, whose year is often the background ("Assad retakes
# Saraqib, lost in 2012"). Paragraphs are found by splitting, not by one regex over the
# text (thirty times faster).
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MARKDOWN_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+[^\n]*$")
_SENTENCE_ENDS = frozenset(".!?:;,\"”’'")
_HEADING_CHARS = 150


class Headings:
    """The headings of one text, for quick lookup by offset."""

    def __init__(self, text: str):
        spans, start, first = [], 0, True
        for m in _PARAGRAPH_BREAK.finditer(text + "\n\n"):
            para, at, start = text[start:m.start()], start, m.end()
            line = para.strip()
            headline, first = first and bool(line), first and not line
            if (line and not headline and len(line) <= _HEADING_CHARS and "\n" not in line
                    and line[-1] not in _SENTENCE_ENDS):
                at += len(para) - len(para.lstrip())
                spans.append((at, at + len(line)))
        if "#" in text:
            spans = sorted(set(spans).union(m.span() for m in _MARKDOWN_HEADING.finditer(text)))
        self.spans = spans

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.spans, (pos, float("inf"))) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]


# "the Oct. 23 slaying", "Wednesday's ruling": a date that modifies a noun names an
# event the reader is taken to know, whatever the tense of the clause around it.
_POSSESSIVE = re.compile(r"['’]s\b")
_LAST_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_NOUN_AFTER = re.compile(r"[ \t]+([a-z]+)")
_NOT_NOUNS = frozenset("""a an the and or but of to in on at by for from with as than that which who
when while is was were are be been will would could should may might can has have had did do
does said says""".split())


def _last_words(text: str, s0: int, start: int, n: int) -> list[str]:
    """The last n words of text[s0:start], read in growing windows back from start:
    in a long sentence each expression costs its own neighbourhood, not the whole
    sentence before it (which made a sentence of many dates quadratic)."""
    width = 16 * n
    while True:
        lo = max(s0, start - width)
        words = _WORD.findall(text, lo, start)
        # the first word found may be cut by the window: only whole when more are found
        if lo == s0 or len(words) > n:
            return words[-n:]
        width *= 4


def _first_words(text: str, end: int, s1: int, n: int | None) -> list[str]:
    """The first n words (all when n is None) of text[end:s1], read lazily."""
    found = _WORD.finditer(text, end, s1)
    return [m.group(0) for m in (found if n is None else itertools.islice(found, n))]


def _opens_sentence(words_before: list[str], text: str, end: int) -> bool:
    """'On 20 January, ...', 'In January, ...': the date and its comma open the sentence."""
    return len(words_before) <= 2 and text[end:end + 1] == ","


class TenseReader:
    def __init__(self, lang: Language):
        self.future = {w.lower() for w in lang.words.get("future_marker", ())}
        self.past = {w.lower() for w in lang.words.get("past_marker", ())}
        self.not_past = {w.lower() for w in lang.words.get("ed_not_past", ())}
        self.future_phrases = [w for w in self.future if " " in w]
        # by first word: a clause is asked only about the phrases its own words open
        self.future_opened: dict[str, list[str]] = {}
        for phrase in self.future_phrases:
            self.future_opened.setdefault(phrase.split(" ")[0], []).append(f" {phrase} ")
        self.not_tense = {w.lower() for w in lang.words.get("not_tense", ())}
        self.not_tense_first = {w.split(" ")[0] for w in self.not_tense}
        self.endpoint = {w.lower() for w in lang.words.get("endpoint_word", ())}
        self.past_preposition = {w.lower() for w in lang.words.get("past_preposition", ())}
        self._tenses: dict[str, str | None] = {}     # word -> its tense: the same words recur

    def _word_tense(self, word: str) -> str | None:
        hit = self._tenses.get(word, "")
        if hit == "":
            if len(self._tenses) > _MEMO_WORDS:      # a long-running process: bounded
                self._tenses.clear()
            hit = self._tenses[word] = self._read_tense(word)
        return hit

    def _read_tense(self, word: str) -> str | None:
        w = word.lower().replace("’", "'")
        if w in self.future:
            return "future"
        if w in self.past:
            return "past"
        if len(w) > 4 and w.endswith("ed") and word[0].islower() and w not in self.not_past:
            return "past"
        return None

    def _tense_at(self, words: list[str], i: int) -> str | None:
        """The tense words[i] marks, unless it starts a phrase of not_tense ("next to")."""
        if i + 1 < len(words) and words[i].lower() in self.not_tense_first \
                and f"{words[i]} {words[i + 1]}".lower() in self.not_tense:
            return None
        return self._word_tense(words[i])

    def tense(self, sentences: Sentences, start: int, end: int) -> str | None:
        s0, s1 = sentences.bounds(start)
        text = sentences.text
        left = before = _last_words(text, s0, start, _LEFT_WORDS)
        left_text = " " + " ".join(left).lower() + " "
        for word in set(left_text.split()):
            for phrase in self.future_opened.get(word, ()):
                if phrase in left_text:
                    return "future"
        for i in range(len(left) - 1, -1, -1):
            t = self._tense_at(left, i)
            if t == "past" and i > 0 and left[i - 1].lower() == "be":
                if i > 1 and left[i - 2].lower() == "to":
                    return "future"   # "guidelines to be published in early November"
                continue   # "will be held": a passive participle, the auxiliary decides
            if t:
                return t
        return self._right_tense(text, end, s1, _opens_sentence(before, text, end))

    def _right_tense(self, text: str, end: int, s1: int, opener: bool) -> str | None:
        # a date opening its sentence ("In January, a week after ..., a bombing killed")
        # is followed by its clause's subject, however long, before the verb
        reach = len(text) if opener else _RIGHT_WORDS
        right = _first_words(text, end, s1, None if opener else reach + 1)
        for i in range(min(len(right), reach)):
            t = self._tense_at(right, i)
            if t:
                return t
        return None

    def after_endpoint_word(self, text: str, start: int) -> bool:
        """'loans extended through January', 'given until mid-November': the end of what
        the past verb did, often still ahead."""
        before = _LAST_WORD_BEFORE.search(text, max(0, start - 12), start)
        return bool(before) and before.group(1).lower() in self.endpoint

    def after_past_preposition(self, text: str, start: int) -> bool:
        """'since the October 7 attack', 'since May 3': a day already gone."""
        words = _WORD.findall(text[max(0, start - 20):start])
        if words and words[-1].lower() == "the":
            words = words[:-1]
        return bool(words) and words[-1].lower() in self.past_preposition

    @staticmethod
    def attributive(text: str, start: int, end: int) -> bool:
        """The date modifies a noun ("the Aug. 7 bombings", "Saturday's debate")."""
        if _POSSESSIVE.match(text, end):
            return True
        if text[max(0, start - 4):start].lower() != "the ":
            return False
        noun = _NOUN_AFTER.match(text, end)
        return bool(noun) and noun.group(1) not in _NOT_NOUNS

    def governed_by_past_verb(self, sentences: Sentences, start: int, end: int) -> bool:
        """'the year ended March 31', 'terminated on Sept. 27': a past verb right before the
        date; 'On 20 January, the army began ...': the date opens the sentence, its verb is past."""
        s0, s1 = sentences.bounds(start)
        before = _last_words(sentences.text, s0, start, _LEFT_WORDS)
        words = before[-2:]
        if words and words[-1].lower() in ("on", "in"):
            words = words[:-1]
        if words and self._word_tense(words[-1]) == "past":
            return True
        if _opens_sentence(before, sentences.text, end):
            return self._right_tense(sentences.text, end, s1, True) == "past"
        return False
