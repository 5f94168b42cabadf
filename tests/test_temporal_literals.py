import re

from hypothesis import given, settings, strategies as st

from generator.extract.temporal import tagger
from generator.extract.temporal.literals import folded, required


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
