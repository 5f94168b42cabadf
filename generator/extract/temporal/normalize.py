"""Fill a rule's value template from the words it matched.

`{group:table}` normalises a matched group through a table of the language
(normalization/*.yaml) or one of the built-ins below; `{a|b:table}` takes the
first group that matched; `{group?:table}` may be absent (a missing year
becomes XXXX, to be resolved later).
"""
from __future__ import annotations

import re

from .resources import Language

_FIELD = re.compile(r"\{([\w|]+)(\?)?(?::(\w+))?\}")


class NoValue(Exception):
    """The match cannot be normalised (unknown word, impossible number)."""


def parse_number(text: str, lang: Language) -> str:
    """'24', 'twenty-four', 'a' -> '24' / '1'; vague quantities -> 'X'."""
    t = " ".join(text.lower().replace("-", " ").split())
    numbers = lang.tables["number"]
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return t.rstrip("0").rstrip(".") if "." in t else str(int(t))
    if t in numbers["couple"]:
        return "2"
    if t in numbers["vague"]:
        return "X"
    total = 0
    for word in t.split():
        for table in ("units", "teens", "tens"):
            if word in numbers[table]:
                total += numbers[table][word]
                break
        else:
            raise NoValue(text)
    return str(total)


def _year(text: str, lang: Language) -> str:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 2:
        pivot = lang.conventions.get("two_digit_year_pivot", 50)
        return ("20" if int(digits) < pivot else "19") + digits
    if len(digits) != 4:
        raise NoValue(text)
    return digits


def _decade(text: str, lang: Language) -> str:
    t = text.lower()
    if t.isdigit():
        return t[:-1]          # "1990" -> "199", "90" -> "9"
    return _table("decade", t, lang)


def _table(name: str, word: str, lang: Language) -> str:
    table = lang.tables.get(name)
    if table is None:
        raise NoValue(f"no table {name}")
    key = word.lower().rstrip(".")
    if key not in table:
        key = " ".join(key.split())
        if key not in table:
            raise NoValue(word)
    return str(table[key])


BUILTINS = {
    "day": lambda t, lang: f"{int(t):02d}",
    "month2": lambda t, lang: f"{int(t):02d}",
    "minute": lambda t, lang: f"{int(t):02d}" if t else "00",
    "hour_am": lambda t, lang: f"{int(t) % 12:02d}",
    "hour_pm": lambda t, lang: f"{int(t) % 12 + 12:02d}",
    "year": _year,
    "decade": _decade,
    "number": parse_number,
    "century": lambda t, lang: f"{int(t) - 1:02d}",
}


def template_groups(template: str) -> frozenset[str]:
    """The regex groups a value template reads."""
    return frozenset(name for m in _FIELD.finditer(template) for name in m.group(1).split("|"))


# what an optional group that did not match stands for
_ABSENT = {"year": "XXXX", "number": "0", "minute": "00"}


def fill(template: str, groups: dict, lang: Language) -> str:
    """Expand a template; raises NoValue when a required group is missing."""
    def one(m: re.Match) -> str:
        names, optional, table = m.group(1).split("|"), m.group(2), m.group(3)
        text = next((groups[n] for n in names if groups.get(n)), None)
        if text is None:
            if optional:
                return _ABSENT.get(table, "")
            raise NoValue(f"group {names[0]} did not match")
        if table is None:
            return text
        if table == "clock" and text[:1].isdigit():
            # numeric hour: am/pm decides, minutes default to :00
            hour = int(text) % 12 + (12 if (groups.get("ampm") or "a").lower() == "p" else 0)
            return f"{hour:02d}:{groups.get('minute') or '00'}"
        if table in BUILTINS:
            try:
                return BUILTINS[table](text, lang)
            except ValueError as exc:
                raise NoValue(text) from exc
        return _table(table, text, lang)
    return _FIELD.sub(one, template)
