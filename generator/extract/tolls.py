"""How many people a sentence says were killed, and whether its toll is a running one.

The patterns are data (resources/<lang>/tolls/, see its README); the number words come
from the temporal tagger's table, so that "twelve" means the same everywhere."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .prefilter import folded, guarded, may_match, required_of
from .temporal.resources import load_language

RESOURCES = Path(__file__).with_name("resources")
_FIXED = re.compile(r"\s*=>\s*(\d+)\s*$")


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def _alternation(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Tolls:
    patterns: tuple          # (compiled regex, fixed count or None, words it requires)
    death_words: re.Pattern  # every pattern needs one of these
    background: tuple        # running tolls
    values: dict             # number word -> value ("twelve": 12)
    multipliers: dict        # "hundred": 100

    def number(self, text: str) -> int | None:
        """'1,037' -> 1037, '1.3 million' -> 1300000, 'twenty-one' -> 21; None if not a number."""
        words = text.lower().replace(",", "").replace("-", " ").split()
        total = current = 0.0
        for w in words:
            if re.fullmatch(r"\d+(?:\.\d+)?", w):
                current += float(w)
            elif w in self.values:
                current += self.values[w]
            elif w in self.multipliers:
                current = (current or 1) * self.multipliers[w]
                if self.multipliers[w] >= 1000:
                    total, current = total + current, 0
            elif w != "and":
                return None
        return int(total + current)

    def killed(self, sentence: str) -> int | None:
        """The toll the sentence states: the first pattern that matches, its leftmost match."""
        if not self.death_words.search(sentence):
            return None
        low = folded(sentence, aligned=False)
        for rx, fixed, words in self.patterns:
            if words and not any(w in low for w in words):
                continue        # none of the words every match holds: it cannot match
            for m in rx.finditer(sentence):
                if fixed is not None:
                    return fixed
                n = self.number(m.group("n"))
                extra = self.number(m.group("m")) if "m" in rx.groupindex else 0
                if n is not None and extra is not None:
                    return n + extra
        return None

    def is_running(self, sentence: str) -> bool:
        """"The war has killed tens of thousands since 2011": background, not a day's event."""
        low = folded(sentence, aligned=False)
        return any(rx.search(sentence) for rx in self.background if may_match(rx, low))


@functools.lru_cache(maxsize=None)
def load_tolls(lang: str = "en") -> Tolls:
    folder = RESOURCES / lang / "tolls"
    table = load_language(lang).tables["number"]
    # "a" and "an" are in the tagger's units ("a week"); a toll is never written so
    values = {w: v for part in ("units", "teens", "tens") for w, v in table[part].items() if w not in ("a", "an", "single")}
    multipliers = yaml.safe_load((folder / "multipliers.yaml").read_text(encoding="utf-8"))
    word = _alternation(list(values) + list(multipliers))
    hedges = _alternation(_lines(folder / "hedges.txt"))
    not_killed = _alternation(_lines(folder / "not_killed.txt"))
    # a number with its hedge; not "10 or more", not "dozens", not a number of the injured
    number = (rf"(?:(?:{hedges})\s+)?(?P<GROUP>\b\d{{1,3}}(?:,\d{{3}})+(?!\.?\d)|\b\d+(?:\.\d+)?(?:\s+(?:million|thousand))?(?!\d|,\d{{3}})"
              rf"|\b(?:{word})(?:[\s-](?:{word}))*)\b(?!\s+or\s+(?:more|so)\b)(?!\s+(?:{not_killed})\b)")
    patterns = []
    for line in _lines(folder / "killed.txt"):
        fixed = _FIXED.search(line)
        if fixed:
            line = line[:fixed.start()]
        regex = line.replace("{N}", number.replace("GROUP", "n")).replace("{M}", number.replace("GROUP", "m"))
        rx = guarded(regex, re.I)
        patterns.append((rx, int(fixed.group(1)) if fixed else None, required_of(rx)))
    background = tuple(guarded(p, re.I) for p in _lines(folder / "background.txt"))
    death = guarded(rf"\b(?:{_alternation(_lines(folder / 'death_words.txt'))})\b", re.I)
    return Tolls(tuple(patterns), death, background, values, multipliers)
