"""Inputs made to blow up a stage, each beside an ordinary input of the same size.

Issue 17 found texts whose cost grew with the square of their length (a run of
"B. B. B.", of capitalised words, of "(Writing by ", of weekdays, one long sentence of
dates, an undated text spanning centuries) and YAML that expands or recurses without
bound. The tests time each pathological text against `ordinary(size)` (a ratio, not an
absolute time) and feed the YAML to every reader; a new kind of blow-up is one more
entry here.
"""
from __future__ import annotations

import itertools


def repeat(unit: str, size: int) -> str:
    """`unit` over and over, cut to `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


_PLACES = ("Ariha", "Saraqib", "Idlib", "Aleppo", "Maarat al-Numan", "Jisr al-Shughur")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July")
_SENTENCES = (
    "Shelling killed {n} civilians in {place} on {day} {month} 2020, rescuers said.",
    "The government said it would send more troops to {place} next week.",
    "Residents of {place} said the market had been quiet since {day} {month}.",
    "Aid groups warned that {n} families had fled {place} in the past two weeks.",
    "Mr. Hassan, a teacher, told reporters that the school reopened on Monday.",
    "Talks between the two sides are due to resume in {month}, officials said.",
    "An air strike hit a hospital near {place}, the Syrian Observatory reported.",
)


def ordinary(size: int) -> str:
    """News-like prose of `size` characters: varied sentences, dates, places and numbers,
    in paragraphs of three sentences."""
    parts, length = [], 0
    for i in itertools.count():
        sentence = _SENTENCES[i % len(_SENTENCES)].format(
            n=3 + i % 40, place=_PLACES[i % len(_PLACES)], day=1 + i % 28, month=_MONTHS[i % len(_MONTHS)])
        parts.append(sentence + ("\n\n" if i % 3 == 2 else " "))
        length += len(parts[-1])
        if length >= size:
            return "".join(parts)[:size]
    raise AssertionError("unreachable")


def _ending(body: str, end: str, size: int) -> str:
    return body[:size - len(end)] + end


def _undated_span_of_centuries(size: int) -> str:
    # no dateline in the first lines; two full dates 600 years apart, then weekdays:
    # publication-date inference once tried every day between them for every weekday
    opening = ("Officials met again to talk about the plans for the region and its people, and about "
               "what the next steps might be for all involved in the long talks. ") * 2
    return (opening + "The record runs from 1 January 1500 to 31 December 2099. "
            + repeat("Shelling killed three on Monday and on Tuesday and on Wednesday, they said. ", size))[:size]


# name -> (what it attacks, text of a given size, whether the article has a publication date)
TEXTS = {
    "initials": ("sentence splitter: every full stop after an initial is a rejected break",
                 lambda n: repeat("B. ", n), True),
    "capitalised": ("claim detection: a run of capitalised words, no reporting verb after it",
                    lambda n: _ending("Shelling killed three in " + repeat("Abc ", n), ".", n), True),
    "writing-by": ("boilerplate: '(Writing by ' never closed", lambda n: repeat("(Writing by ", n), True),
    "reporting-by-wrapped": ("boilerplate: one paragraph of unclosed '(Reporting by ' over many lines",
                             lambda n: repeat("(Reporting by Tom\n", n), True),
    "weekdays": ("tagger: a sentence of nothing but weekdays", lambda n: repeat("Monday ", n), True),
    "dates-one-sentence": ("tagger: one sentence of many dates",
                           lambda n: repeat("on 3 March 2020, ", n), True),
    "weekdays-undated": ("publication-date inference: many weekdays, dates centuries apart",
                         _undated_span_of_centuries, False),
    "one-word": ("every stage: a single word as long as the text", lambda n: "a" * n, True),
    "digits": ("every stage: one run of digits", lambda n: "1" * n, True),
    "full-stops": ("sentence splitting: nothing but full stops", lambda n: "." * n, True),
    "open-parentheses": ("boilerplate and quotes: nothing but '('", lambda n: "(" * n, True),
    "killed-numbers": ("fatality patterns: a number after every verb",
                       lambda n: repeat("killed 3 killed three ", n), True),
    "died-chain": ("fatality patterns: words before 'died' that never come",
                   lambda n: _ending(repeat("twenty-one of the ", n), " died.", n), True),
    "since": ("date ranges: 'since' everywhere", lambda n: repeat("since the since March ", n), True),
    "places": ("gazetteer: one run of place names", lambda n: repeat("Idlib Aleppo Ariha ", n), True),
    "titles": ("abbreviations and names: 'Mr. Abc said on Monday' without end",
               lambda n: repeat("Mr. Abc Dr. Def said on Monday ", n), True),
}


def ordinary_html(size: int) -> str:
    """A saved page of `size` characters: its paragraphs in <p>, a link and a comment each."""
    paras = ordinary(size).split("\n\n")
    page = "".join(f'<p>{p} <a href="/x">more</a><!-- ad --></p>\n' for p in paras)
    return repeat(page, size)


# name -> saved page of a given size, for the HTML reader (html.parser looked from each
# unclosed "<" to the end of the page)
HTML = {
    "lt-in-text": lambda n: repeat("x<y ", n),
    "unclosed-tags": lambda n: repeat("<a ", n),
    "unclosed-attribute": lambda n: repeat('<a b="', n),
    "unclosed-comments": lambda n: repeat("<!--", n),
    "unclosed-comments-with-tags": lambda n: repeat("<!--<p>", n),
    "unclosed-cdata": lambda n: repeat("<![CDATA[>", n),
    "end-tags": lambda n: repeat("</", n),
}


# YAML: each must be refused (or read) quickly, with a line, whichever loader reads it.
def alias_of_long_string(chars: int = 100_000, aliases: int = 999) -> str:
    """104 KB that expanded to 100 MB per field (issue 17, item 6)."""
    return f'a: &a "{"x" * chars}"\ntitle: [{", ".join(["*a"] * aliases)}]\n'


def deep_nesting(depth: int = 400, with_ampersand: bool = True) -> str:
    """A title with '&' sends the text to the pure-Python loader, which recursed per level."""
    title = '"Tom & Jerry"' if with_ampersand else '"Tom and Jerry"'
    return f"title: {title}\nx: {'[' * depth}{']' * depth}\n"


def deep_block_nesting(depth: int = 400) -> str:
    return "title: Tom & Jerry\n" + "".join(f"{' ' * i}k{i}:\n" for i in range(depth)) + f"{' ' * depth}v\n"


def lone_surrogate(with_ampersand: bool = True) -> str:
    """An escape for half of a UTF-16 pair: no character, cannot be written out."""
    return 'title: "Tom ' + ("& " if with_ampersand else "") + 'Jerry \\ud800"\n'


def bad_explicit_tags(with_ampersand: bool = True) -> str:
    """Explicit tags with values they cannot hold: PyYAML raised ValueError and the like."""
    title = '"Tom & Jerry"' if with_ampersand else "Tom and Jerry"
    return f"title: {title}\nwhen: !!timestamp soon\nn: !!int many\nok: !!bool maybe\nbig: {'9' * 5000}\n"


YAML = {
    "bad-explicit-tags-pure-python": bad_explicit_tags(True),
    "bad-explicit-tags-libyaml": bad_explicit_tags(False),
    "alias-of-long-string": alias_of_long_string(),
    "deep-flow-nesting": deep_nesting(),
    "deep-block-nesting": deep_block_nesting(),
    "lone-surrogate-pure-python": lone_surrogate(True),
    "lone-surrogate-libyaml": lone_surrogate(False),
}
