"""Which language an article is written in, so that one the tagger has no rules for
is reported instead of yielding garbage events.

Function words as data (resources/languages/, one file per language) and the
Unicode script of the letters: a few microseconds per article and deterministic.
py3langid was measured too (bench/RESULTS.md): as right on our texts, but its model
takes seconds to load in every process. The languages the tool can read are the
tagger's resource folders (extract/temporal/resources/<code>/).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

SAMPLE_CHARS = 4000       # the opening of an article says its language
MIN_WORDS = 20            # fewer: too short to tell, say nothing
MIN_SHARE = 0.12          # a language's function words are 12–45 % of running text in it
LEAD = 1.5                # and clearly more than English's share
_WORD = re.compile(r"[^\W\d_]+")
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]")     # letters beyond Latin Extended-B
# the script of a letter is the first word of its Unicode name (KATAKANA, CJK, …)
_SCRIPT_NAMES = {"HIRAGANA": "Kana", "KATAKANA": "Kana", "CJK": "Han"}


@dataclass(frozen=True)
class Language:
    code: str     # ISO 639-1
    name: str


@cache
def _latin() -> dict[str, tuple[str, frozenset[str]]]:
    out = {}
    for entry in sorted(resources.files(__package__).joinpath("resources/languages").iterdir(),
                        key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            lines = entry.read_text(encoding="utf-8").splitlines()
            name = lines[0].lstrip("#").strip()
            out[entry.name[:-4]] = (name, frozenset(w.strip() for w in lines[1:] if w.strip()))
    return out


@cache
def _scripts() -> dict[str, Language]:
    text = resources.files(__package__).joinpath("resources/languages/scripts.yaml").read_text(encoding="utf-8")
    return {script: Language(v["code"], v["name"]) for script, v in yaml.safe_load(text).items()}


@cache
def readable() -> frozenset[str]:
    """The languages the tagger has rules for."""
    folder = resources.files("generator.extract.temporal").joinpath("resources")
    return frozenset(e.name for e in folder.iterdir() if e.is_dir() and not e.name.startswith(("_", ".")))


@cache
def _script(ch: str) -> str:
    word = unicodedata.name(ch, "").split(" ", 1)[0]
    return _SCRIPT_NAMES.get(word, word.title())


def detect(text: str) -> Language | None:
    """The text's language, or None when it is too short to tell or unlike any we know."""
    sample = text[:SAMPLE_CHARS]
    others = _NON_LATIN.findall(sample)
    words = _WORD.findall(sample.lower())
    if len(others) * 2 > sum(map(len, words)):      # mostly another alphabet
        scripts: dict[str, int] = {}
        for ch in others:
            scripts[_script(ch)] = scripts.get(_script(ch), 0) + 1
        if scripts.get("Kana", 0) * 10 >= len(others):     # Japanese mixes kana with Han characters
            return _scripts().get("Kana")
        return _scripts().get(max(sorted(scripts), key=scripts.get))
    if len(words) < MIN_WORDS:
        return None
    hits: dict[str, int] = {}
    index = _index()
    for word in words:
        for code in index.get(word, ()):
            hits[code] = hits.get(code, 0) + 1
    if not hits:
        return None
    share = {code: n / len(words) for code, n in hits.items()}
    best = max(sorted(share), key=share.get)
    if best != "en" and (share[best] < MIN_SHARE or share[best] < LEAD * share.get("en", 0)):
        best = "en" if share.get("en", 0) >= MIN_SHARE else ""
    return Language(best, _latin()[best][0]) if best else None


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """Each function word and the languages it belongs to: one look-up per word of the text."""
    out: dict[str, tuple[str, ...]] = {}
    for code, (_, vocab) in _latin().items():
        for word in vocab:
            out[word] = out.get(word, ()) + (code,)
    return out


def unreadable(text: str, declared: str = "") -> Language | None:
    """The language of a text the tagger cannot read, if it is one; `declared`
    (the article's own `language:`) is believed over detection."""
    if declared:
        code = declared.strip().lower().split("-")[0]
        return None if code in readable() else Language(code, _latin().get(code, (code,))[0])
    found = detect(text)
    return found if found and found.code not in readable() else None
