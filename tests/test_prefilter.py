import re

from hypothesis import given, settings, strategies as st

from generator.extract.temporal import tagger
from generator.extract.prefilter import AnyOf, finditer_at, folded, guarded, required


def test_required_words_of_a_pattern():
    assert required(r"\b(?:last|past)\s+(?P<m>\w+)") == ("last", "past")
    assert required(r"(?P<n>\d+)\s+years?\s+ago\b") == ("ago",)
    assert required(r"(?:early|late)?\s*(?P<d>\d+)") == ()          # optional: nothing is required
    assert required(r"(?<=since )\d{4}") == ()                        # a look-behind is not in the match
    assert required(r"\b(?:april|apr)\b\s+\d") == ("apr",)            # "apr" is found wherever "april" is


def test_folded_text_keeps_positions():
    assert folded("ıSTANBUL ſ K") == "istanbul s k"
    assert folded("X" * 3) == "xxx"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aglo \u0130\u0131\u017f\u212aASTYdeayrs0123", max_size=40))
def test_a_rule_matches_only_where_one_of_its_words_is(text):
    # the prefilter may only skip windows where the rule cannot match
    low = folded(text)
    for rule in tagger().rules:
        if not rule.literals or low is None:
            continue
        for m in rule.regex.finditer(text):
            if m.end() > m.start():
                assert any(w in low[m.start():m.end()] for w in rule.literals), (rule.name, text)


def test_guard_names_the_first_characters():
    assert guarded(r"\b(?:last|past)\s+\w+", re.I).pattern == r"(?=[lp])(?:\b(?:last|past)\s+\w+)"
    assert guarded(r"(?:early )?\d+").pattern == r"(?=[\de])(?:(?:early )?\d+)"
    for unguarded in (r"ago\b", r"\w+x", r"a?", r"(?i)abc", r"[^a]b"):   # prefix the engine uses, or unknown
        assert guarded(unguarded).pattern == unguarded


_ORIGINAL = [re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)\(\?:(.*)\)$", r"\1", r.regex.pattern, flags=re.S), r.regex.flags)
             for r in tagger().rules]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aMmJjdeoyrs \u212a\u0130\u0131\u017fKk0123-/,.:", max_size=40), st.integers(0, 5))
def test_a_guarded_pattern_finds_what_the_pattern_finds(text, pos):
    for rule, original in zip(tagger().rules, _ORIGINAL):
        assert [m.span() + m.groups() for m in rule.regex.finditer(text, pos)] == \
               [m.span() + m.groups() for m in original.finditer(text, pos)], rule.name


def test_any_of_patterns_answers_as_their_alternation():
    from generator.extract.lexicon import RESOURCES, _patterns
    pats = [p.pattern for p in _patterns(RESOURCES / "en" / "events" / "not_event.txt")] + [r"^a|b\d", r"(?:^x)y"]
    one = re.compile("|".join(f"(?:{p})" for p in pats), re.I | re.M)
    anyof = AnyOf(pats, re.I | re.M)
    for text in ("Photo: AFP", "He said. (with inputs from PTI)", "ok\nFILE", "We went home", "10:30 GMT +0300",
                 "b1", "xy", "zab", "the icon and icon", "plain news sentence.", "Pıc.twitter.com/x", "“Quote"):
        assert anyof.search(text) == bool(one.search(text)), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="photicnwe:/.( )\n\u0130\u0131\u017fPWI\"“0123GMT", max_size=40))
def test_any_of_clutter_patterns(text):
    from generator.extract.lexicon import RESOURCES, _patterns, load_lexicon
    pats = _patterns(RESOURCES / "en" / "events" / "not_event.txt")
    one = re.compile("|".join(f"(?:{p.pattern})" for p in pats), re.I | re.M)
    assert load_lexicon("en").not_event.search(text) == bool(one.search(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ſKkSsyrianRUSI-\u0130\u0131", max_size=40))
def test_finditer_at_finds_what_finditer_finds(text):
    words = ["Syrian", "Russia", "ab", "a b", "k", "Syrian army"]
    rx = re.compile(r"\b(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + r")\b", re.I)
    assert [m.span() for m in finditer_at(rx, words, text, folded(text))] == [m.span() for m in rx.finditer(text)]
