"""Cheap tests of where a regular expression can match, taken from its parsed pattern.

Most patterns find nothing in most text, yet a search costs the same whether
it matches or not: Python's engine tries a pattern that opens with a word
boundary, an optional group or a case-insensitive alternation at every
position in full. Two exact shortcuts, derived from the pattern itself, so
they follow whatever the resource files say:

- required(): literal strings of which every match contains one ("ago", or
  "last" or "past"); text holding none of them is not searched.
- guarded(): the pattern behind a look-ahead for the characters a match can
  start with, which rejects most positions in one step.

AnyOf asks a text about several patterns at once with both; finditer_at runs an
alternation of names only where one of them is written. Each gives exactly what
the plain search gives (tests/test_prefilter.py compares them).
"""
from __future__ import annotations

import functools
import re

try:                                   # the regex parser of the standard library (3.11+)
    from re import _compiler as _k, _constants as _c, _parser as _p
except ImportError:                    # pragma: no cover - older Pythons: no prefilter
    _c = _k = _p = None

# at most this many strings in a set: more costs about as much as running the rule
_MAX_SET = 24
# shorter strings are in nearly every window: they filter nothing
_MIN_LEN = 3

# Under IGNORECASE these match ASCII letters but lower() does not make them ASCII
# (or changes the text's length): mapped first, so that positions stay aligned.
_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def folded(text: str, aligned: bool = True) -> str | None:
    """The text lower-cased as the prefilter compares it; None when that would not keep
    every character at its position (then every rule runs) unless `aligned` is off."""
    n = len(text)
    if not text.isascii():       # (replacing the few there is is much cheaper than translate())
        for special, plain in _FOLD:
            if special in text:
                text = text.replace(special, plain)
    low = text.lower()
    return low if len(low) == n or not aligned else None


@functools.lru_cache(maxsize=256)
def _parsed(pattern: str, flags: int):
    """The parse tree (kept a while: a pattern is asked what it requires and how it starts)."""
    return _p.parse(pattern, flags)


def required(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lower-case strings one of which every match of the pattern contains; () if none is known."""
    if _p is None:
        return ()
    try:
        _, need = _node_seq(list(_parsed(pattern, flags & ~re.UNICODE)))
    except Exception:    # an unknown construct: no prefilter, the rule always runs
        return ()
    # "apr" is found wherever "april" is: the longer strings add nothing
    return tuple(sorted(w for w in need if not any(o != w and o in w for o in need))) if need else ()


@functools.lru_cache(maxsize=1024)
def required_of(regex: re.Pattern) -> tuple[str, ...]:
    """required() of a compiled pattern (kept: the same patterns are asked about every text)."""
    return required(regex.pattern, regex.flags) if isinstance(regex.pattern, str) else ()


def may_match(regex: re.Pattern, low: str) -> bool:
    """Whether a text (as folded() gives it) holds one of the words every match of regex holds."""
    return _holds(required_of(regex), low)


def _holds(words: tuple[str, ...], low: str) -> bool:
    return not words or any(w in low for w in words)


def _better(a: set | None, b: set | None) -> set | None:
    """The more selective of two usable sets: fewer strings, then longer ones."""
    cands = [s for s in (a, b) if s and len(s) <= _MAX_SET and min(map(len, s)) >= _MIN_LEN]
    return min(cands, key=lambda s: (len(s), -min(map(len, s)))) if cands else None


def _product(a: set, b: set) -> set | None:
    return {x + y for x in a for y in b} if len(a) * len(b) <= _MAX_SET else None


def _node_seq(seq: list) -> tuple[set | None, set | None]:
    """(exact, need) of a sequence: exact is every string it matches, when few and known;
    need is a set one of which each match contains."""
    exact: set | None = {""}
    run: set | None = {""}            # exact strings of the current stretch of known pieces
    need = None
    for op, av in seq:
        if op is _c.LITERAL and av < 128:
            # most pieces are letters: each extends the strings (one letter is never a need)
            ch = chr(av).lower()
            run = {s + ch for s in run} if run is not None else {ch}
            exact = {s + ch for s in exact} if exact is not None else None
            continue
        e, n = _node(op, av)
        need = _better(need, n)
        if e is not None and run is not None:
            joined = _product(run, e)
            if joined is not None:
                run = joined
            else:
                need = _better(need, run)
                run = e
        else:
            need = _better(need, run)
            run = e
        exact = _product(exact, e) if exact is not None and e is not None else None
    need = _better(need, run)
    return exact, need


def _node(op, av) -> tuple[set | None, set | None]:
    if op is _c.LITERAL:
        ch = chr(av)
        # other letters fold in ways lower() does not mirror: not used
        return ({ch.lower()}, {ch.lower()}) if ch.isascii() else (None, None)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}, None             # zero-width: consumes nothing of the match
    if op is _c.SUBPATTERN:
        return _node_seq(list(av[-1]))
    if op is _c.BRANCH:
        if len(av[1]) > 2 * _MAX_SET:      # a long list of words: no set of few strings
            return None, None
        parts = [_node_seq(list(alt)) for alt in av[1]]
        exact = set().union(*(e for e, _ in parts)) if all(e is not None for e, _ in parts) else None
        needs = [n if n is not None else e for e, n in parts]
        need = set().union(*needs) if all(n for n in needs) and "" not in set().union(*needs) else None
        return (exact if exact is not None and len(exact) <= _MAX_SET else None), need
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        lo, hi, body = av
        e, n = _node_seq(list(body))
        if lo == hi == 1:
            return e, n
        if lo == 0 and hi == 1:
            return ({""} | e if e is not None else None), None
        return None, (n if lo >= 1 else None)
    return None, None


_CATEGORY = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s"}


def guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), behind a look-ahead for the characters its matches can
    start with (same matches, same groups) when that is known and would help."""
    guard = _guard(pattern, flags) if _p is not None else ""
    if guard:
        try:
            # the look-ahead is compiled with the pattern's flags: it folds case as the pattern does
            return re.compile(guard + "(?:" + pattern + ")", flags)
        except re.error:     # global inline flags: left as it is
            pass
    return re.compile(pattern, flags)


def _guard(pattern: str, flags: int) -> str:
    try:
        parsed = _parsed(pattern, flags & ~re.UNICODE)
        if _k._get_literal_prefix(parsed, flags)[0] or _k._get_charset_prefix(parsed, flags):
            return ""        # the engine skips to such starts by itself
        items, nullable = _first_seq(list(parsed))
    except Exception:        # a bad pattern (re.compile says why) or an unknown construct
        return ""
    return "(?=[" + "".join(sorted(set(items))) + "])" if items and not nullable else ""


def _char(code: int) -> str:
    c = chr(code)
    return c if c.isascii() and c.isalnum() else f"\\U{code:08x}"


def _first_seq(seq: list) -> tuple[list | None, bool]:
    """(class items one of which the first character matches, whether the sequence can match
    nothing); None when unknown."""
    items: list = []
    for op, av in seq:
        found, nullable = _first(op, av)
        if found is None:
            return None, False
        items += found
        if not nullable:
            return items, False
    return items, True


def _first(op, av) -> tuple[list | None, bool]:
    if op is _c.LITERAL:
        return [_char(av)], False
    if op is _c.IN:
        out = []
        for iop, iav in av:
            if iop is _c.LITERAL:
                out.append(_char(iav))
            elif iop is _c.RANGE:
                out.append(_char(iav[0]) + "-" + _char(iav[1]))
            elif iop is _c.CATEGORY and str(iav) in _CATEGORY:
                out.append(_CATEGORY[str(iav)])
            else:            # a negated or broad class: any character may start it
                return None, False
        return out, False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return [], True      # zero-width: the next element starts the match
    if op is _c.SUBPATTERN:
        if av[1] or av[2]:   # (?i:...) and the like: its case rules differ from the guard's
            return None, False
        return _first_seq(list(av[-1]))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _first_seq(list(av))
    if op is _c.BRANCH:
        items, nullable = [], False
        for alt in av[1]:
            found, n = _first_seq(list(alt))
            if found is None:
                return None, False
            items += found
            nullable = nullable or n
        return items, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        found, n = _first_seq(list(av[2]))
        return found, (n or av[0] == 0) if found is not None else False
    return None, False


class AnyOf:
    """Whether a text matches any of several patterns, as one alternation of them would say,
    each asked only when it can match: those anchored at a line start in one pattern (one
    test a position), each other one only in a text holding one of its required words."""

    def __init__(self, patterns, flags: int):
        anchored, self.others = [], []
        for p in patterns:
            if p.startswith("^") and _anchored(p, flags):
                anchored.append(p[1:])
            else:
                self.others.append((required(p, flags), guarded(p, flags)))
        self.anchored = re.compile("^(?:" + "|".join(f"(?:{p})" for p in anchored) + ")", flags) \
            if anchored else None

    def search(self, text: str) -> bool:
        if self.anchored is not None and self.anchored.search(text):
            return True
        low = folded(text, aligned=False)
        for words, rx in self.others:
            if _holds(words, low) and rx.search(text):
                return True
        return False


def _anchored(pattern: str, flags: int) -> bool:
    """The whole pattern opens with ^ (not one alternative of it, as in "^a|b")."""
    try:
        first = list(_parsed(pattern, flags & ~re.UNICODE))[0]
    except Exception:
        return False
    return first[0] is _c.AT and first[1] in (_c.AT_BEGINNING, _c.AT_BEGINNING_LINE)


def finditer_at(regex: re.Pattern, words, text: str, low: str | None):
    """regex.finditer(text) for a pattern each of whose matches begins with one of `words`
    (case aside, as in an alternation of names): tried only where one of them is written,
    not at every position. `low` is folded(text)."""
    words = [w.lower() for w in words]
    if low is None or not all(w and w.isascii() for w in words):
        yield from regex.finditer(text)
        return
    starts = set()
    for w in words:
        i = low.find(w)
        while i >= 0:
            starts.add(i)
            i = low.find(w, i + 1)
    pos = 0
    for at in sorted(starts):
        if at < pos:
            continue      # inside the last match: finditer goes on after it
        m = regex.match(text, at)
        if m:
            yield m
            pos = m.end()
