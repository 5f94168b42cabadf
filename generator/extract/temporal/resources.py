"""Load one language's temporal resources and compile its rules.

Layout (after HeidelTime): resources/<lang>/repattern/*.txt word lists,
normalization/*.yaml word -> value tables, rules/<type>.yaml rules.
Adding a pattern or a language touches these files only.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..prefilter import guarded, required

RESOURCE_DIR = Path(__file__).with_name("resources")
_MACRO = re.compile(r"%(\w+)")
RULE_FILES = ("date", "time", "duration", "set", "interval", "not_date")


class ResourceError(ValueError):
    """A rule or word list is malformed; the message names the file."""


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern
    type: str
    value: str
    end: str = ""            # interval rules: template of the last date
    precision: str = ""      # interval rules: either | range
    direction: str = "auto"
    mod: str = ""
    case: str = "insensitive"
    setting: str = ""        # only active when this tagger setting is on
    span: str = ""           # tag only this group; the rest of the match is context
    direction_group: str = ""  # a group whose word sets the direction (conventions: relative_year)
    needs: str = ""          # trigger class: the rule only runs near such a word (speed)
    order: int = 0           # position in the files; earlier wins ties
    literals: tuple[str, ...] = ()   # every match holds one of these (lower case); () if unknown

    @property
    def group(self) -> int | str:
        """The regex group that is the expression (0: the whole match)."""
        return self.span or 0


def _trigger_class(pattern: str) -> str:
    """The kind of word every match must contain, judged by the rule's key group; "" if unknown."""
    for group, cls in (("month", "month"), ("monthb", "month"), ("weekday", "weekday"),
                       ("unit", "unit"), ("season", "season"), ("year", "digit"), ("day", "digit")):
        if re.search(rf"\(\?P<{group}>(?:%|[A-Za-z])", pattern):   # a group of words
            return cls
        if f"(?P<{group}>" in pattern and cls == "digit":
            return cls
        if f"(?P<{group}>" in pattern:
            return "digit"
    return ""


@dataclass(frozen=True)
class Language:
    name: str
    rules: tuple[Rule, ...]
    tables: dict             # normalization table name -> {word: value}
    words: dict              # repattern name -> tuple of words
    conventions: dict
    number_regex: str
    triggers: dict           # trigger class -> compiled regex of its words
    trigger_prefixes: dict = None    # first letters (lower case) -> trigger classes to try there
    trigger_lengths: tuple = ()      # how many first letters of a word to look up, longest first
    scanned_triggers: tuple = ()     # classes found by scanning the whole text instead


def _read_list(path: Path) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def _alternation(words) -> str:
    # Longest first so that "Sept" wins over "Sep" and "a few" over "a".
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


def _number_regex(numbers: dict) -> str:
    units = _alternation(k for k in numbers["units"] if k not in ("a", "an"))
    tens = _alternation(numbers["tens"])
    words = [
        rf"{tens}(?:[-\s]{units})?",
        _alternation(numbers["teens"]),
        _alternation(list(numbers["vague"]) + list(numbers["couple"])),
        _alternation(numbers["units"]),
    ]
    # at most three digits: "the 1988 quarter" is a year, not 1,988 quarters
    return r"(?:(?<![\d,.])\d{1,3}(?:\.\d+)?(?![\d,])|" + "|".join(words) + r")"


@functools.lru_cache(maxsize=8)
def load_language(name: str = "en") -> Language:
    root = RESOURCE_DIR / name
    if not root.is_dir():
        raise ResourceError(f"no temporal resources for language {name!r} in {RESOURCE_DIR}")
    words = {p.stem: _read_list(p) for p in sorted((root / "repattern").glob("*.txt"))}
    tables = {}
    for p in sorted((root / "normalization").glob("*.yaml")):
        tables[p.stem] = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    conventions = tables.pop("conventions", {})
    number_regex = _number_regex(tables["number"])
    macros = {
        "number": number_regex,
        "daynum": r"(?:3[01]|[12]\d|0?[1-9])",
        "year4": r"(?:1[5-9]|20)\d\d",
        "year2": r"[’']?\d\d",
    }
    for key, values in words.items():
        macros[key] = _alternation(values)

    rules: list[Rule] = []
    for kind in RULE_FILES:
        path = root / "rules" / f"{kind}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for i, spec in enumerate(data.get("rules", [])):
            rules.append(_compile_rule(spec, data.get("type", "DATE"), macros, path, len(rules)))
    trigger_words = {"month": words["month"], "weekday": words["weekday"], "season": words["season"],
                     "unit": list(tables["unit"]) + list(tables["frequency"]), "word": words["trigger_word"]}
    triggers = {
        "month": re.compile(r"\b" + macros["month"] + r"\b", re.I),
        "weekday": re.compile(r"\b" + macros["weekday"], re.I),
        "season": re.compile(r"\b" + macros["season"], re.I),
        "unit": re.compile(r"\b" + _alternation(trigger_words["unit"]) + r"\b", re.I),
        "digit": re.compile(r"\d+"),
        "word": re.compile(r"\b" + macros["trigger_word"], re.I),
    }
    prefixes, scanned = _trigger_prefixes(trigger_words)
    return Language(name, tuple(rules), tables, words, conventions, number_regex, triggers,
                    prefixes, tuple(sorted({len(k) for k in prefixes}, reverse=True)), ("digit",) + scanned)


# A word is looked up by its first letters, at most this many: enough that few words
# share them with a trigger word ("mon" for Monday, "mont" for month, not "th"...).
_KEY_LETTERS = 4


def _trigger_prefixes(trigger_words: dict) -> tuple[dict, tuple]:
    """Which trigger classes can match at a word starting with given letters.

    Every trigger match starts a word; looking a word's first letters up here
    is much cheaper than scanning the text once per class with a long
    alternation. A trigger word is keyed by its first _KEY_LETTERS letters (all
    of them when shorter), so a word tries only the classes of trigger words it
    begins with. A class with a word that does not start with an ASCII letter
    is scanned as before.
    """
    index: dict[str, set] = {}
    scanned = []
    for name, values in trigger_words.items():
        if not all(v[:1].isascii() and v[:1].isalpha() for v in values):
            scanned.append(name)
            continue
        for v in values:
            first_word = re.match(r"[A-Za-z]+", v).group()
            index.setdefault(first_word[:_KEY_LETTERS].lower(), set()).add(name)
    return {k: tuple(sorted(v)) for k, v in index.items()}, tuple(scanned)


def _compile_rule(spec: dict, default_type: str, macros: dict, path: Path, order: int) -> Rule:
    name = spec.get("name", f"rule{order}")
    try:
        pattern = _MACRO.sub(lambda m: macros[m.group(1)], spec["pattern"])
    except KeyError as exc:
        raise ResourceError(f"{path}: rule {name}: unknown macro or field {exc}") from None
    case = spec.get("case", "insensitive")
    flags = 0 if case == "sensitive" else re.IGNORECASE
    try:
        regex = guarded(pattern, flags)
    except re.error as exc:
        raise ResourceError(f"{path}: rule {name}: bad pattern: {exc}") from None
    return Rule(name=name, regex=regex, type=spec.get("type", default_type),
                value=str(spec["value"]), end=str(spec.get("end", "")),
                precision=spec.get("precision", ""), direction=spec.get("direction", "auto"),
                mod=spec.get("mod", ""), case=case, setting=spec.get("setting", ""),
                span=spec.get("span", ""), direction_group=spec.get("direction_group", ""),
                needs=spec.get("needs") or _trigger_class(spec["pattern"]), order=order,
                literals=required(pattern, flags))
