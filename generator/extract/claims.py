"""Who claims what a sentence reports: "…, the army said", "according to the UN".

Words are data (resources/<lang>/claims/, see its README). The sentence is read word by word
once: each reporting verb looks back over the capitalised words right before it, which stop at
the first word that is not one, so long runs of names cost linear time."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .temporal.resources import load_language

RESOURCES = Path(__file__).with_name("resources")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[\w’'-]+")     # 'U.S.' is one word
_SPACE = re.compile(r"\s+")


def _lines(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


@dataclass(frozen=True)
class ClaimWords:
    verbs: frozenset
    before: tuple          # phrases of words, e.g. ("according", "to")
    joiners: frozenset
    nobody: frozenset
    not_in_name: frozenset   # "On", "Saturday": words that open a clause, not a name

    @functools.cached_property
    def before_at(self) -> dict[str, list[tuple[str, ...]]]:
        """First word -> the phrases of `before` it opens, in order: every word of a sentence
        is asked, and only its own phrases are tried."""
        opened: dict[str, list[tuple[str, ...]]] = {}
        for p in self.before:
            opened.setdefault(p[0], []).append(p)
        return opened


@functools.lru_cache(maxsize=None)
def load_claim_words(lang: str = "en") -> ClaimWords:
    folder = RESOURCES / lang / "claims"
    before = tuple(sorted(tuple(p.split()) for p in _lines(folder / "before.txt")))
    tagger_words = load_language(lang).words
    openers = _lines(folder / "not_in_name.txt") | {w.lower() for key in ("weekday", "weekday_full", "month")
                                                    for w in tagger_words.get(key, ())}
    return ClaimWords(_lines(folder / "verbs.txt"), before, _lines(folder / "joiners.txt"),
                      _lines(folder / "not_claimants.txt"), frozenset(openers))


def _capital(word: str) -> bool:
    """'Reuters', 'al-Islam', 'UK-based': a word of a name."""
    return word[:1].isupper() or any(part[:1].isupper() for part in word.split("-")[1:])


def _joined(sentence: str, a: re.Match, b: re.Match) -> bool:
    """Only spaces between two words (no comma, no full stop)."""
    return bool(_SPACE.fullmatch(sentence, a.end(), b.start()))


def claimant(sentence: str, words: ClaimWords, monitors: list[tuple[str, re.Pattern]]) -> str:
    """The first claimant the sentence names; a monitor's name when its name or one of its
    aliases is in the claimant's place ("a war monitor said"); "" when nobody is named."""
    tokens = list(_TOKEN.finditer(sentence))
    lower = [t.group(0).lower() for t in tokens]
    for i, word in enumerate(lower):
        if word in words.verbs and i and tokens[i].group(0).islower():      # not the name "Said"
            who = _run_back(sentence, tokens, lower, i, words)
            near = sentence[max(0, tokens[i].start() - 60):tokens[i].start()].rstrip(", ")
            adjacent = lambda m: m.end() == len(near)      # noqa: E731 - the alias ends at the verb
        else:
            opened = words.before_at.get(word)
            if not opened:
                continue
            n = next((len(p) for p in opened if tuple(lower[i:i + len(p)]) == p), 0)
            if not n or i + n >= len(tokens):
                continue
            who = _run_forward(sentence, tokens, lower, i + n, words)
            near = sentence[tokens[i + n].start():tokens[i + n].start() + 60]
            adjacent = lambda m: m.start() <= 4              # noqa: E731 - the alias follows the phrase
        for name, rx in monitors:
            if (who and rx.search(who)) or any(adjacent(m) for m in rx.finditer(near)):
                return name
        who = who.removeprefix("The ").removeprefix("the ")
        if who and who.lower() not in words.nobody:
            return who
    return ""


def _run_back(sentence, tokens, lower, i, words) -> str:
    """The capitalised words ending right before tokens[i] ("the Syrian Observatory for Human Rights")."""
    j = i
    while j > 0 and _joined(sentence, tokens[j - 1], tokens[j]):
        w = tokens[j - 1].group(0)
        if _capital(w) or (lower[j - 1] in words.joiners and j - 1 > 0 and _capital(tokens[j - 2].group(0))
                           and j < i and _capital(tokens[j].group(0))):
            j -= 1
        else:
            break
    while j < i and lower[j] in words.not_in_name:
        j += 1
    if j == i:
        return ""
    return sentence[tokens[j].start():tokens[i - 1].end()]


def _run_forward(sentence, tokens, lower, i, words) -> str:
    """The capitalised words starting at tokens[i], after an optional "the"."""
    if lower[i] in ("the", "a") and i + 1 < len(tokens):
        i += 1
    j = i
    while j < len(tokens) and (_capital(tokens[j].group(0)) or (lower[j] in words.joiners and j > i
                                                                and j + 1 < len(tokens)
                                                                and _capital(tokens[j + 1].group(0)))):
        if j > i and not _joined(sentence, tokens[j - 1], tokens[j]):
            break
        j += 1
    return sentence[tokens[i].start():tokens[j - 1].end()] if j > i else ""
