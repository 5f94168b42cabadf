"""Clean text: drop boilerplate, split into sentences."""
from __future__ import annotations

import re

from .prefilter import folded, may_match

# A period after these does not end a sentence.
_ABBREV = r"(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Sen|Rep|Gov|Prof|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|No|vs|etc|Inc|Ltd|Co)"
# A sentence ends at . ! ? before a space and a capital; or glued to the next ("conflict.The
# rebels"), after a lower-case word of three letters or more, not in a name like "sputniknews.com".
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]+\b)")
_ABBREV_END = re.compile(rf"\b{_ABBREV}\.$|\b[A-Z]\.$")
# The longest abbreviation above with its full stop: only that many characters
# before a candidate break are looked at, so that a run of "B. B. B. ..." (every
# break rejected) costs linear time, not the square of its length.
_ABBREV_CHARS = 6


# Boilerplate patterns are users' regexes, and a regex can take the square of its
# input (or worse) to fail: `\(Writing by [^)]*\)` tries, from each of a run of
# "(Writing by ", the rest of the text. Boilerplate is page furniture, a line or a
# paragraph, so each pattern is applied to one paragraph at a time, and a paragraph
# longer than this in pieces of at most this many characters (cut after a sentence,
# else at a line break or space): a failing try then costs at most this much.
BOILERPLATE_CHARS = 2000
_PARAGRAPHS = re.compile(r"[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*\n*")


def nested_repetition(pattern: str) -> bool:
    """Whether a regex repeats something that itself repeats ("(\\w+\\s?)*", "(a+)+"):
    such a pattern can try exponentially many ways to fail, which no length cap bounds.
    Read from the regex's parse tree (the standard library's own parser)."""
    try:
        from re import _parser as parser
    except ImportError:       # the module is internal: without it, no check
        return False
    repeats = {parser.MAX_REPEAT, parser.MIN_REPEAT} | {getattr(parser, "POSSESSIVE_REPEAT", parser.MAX_REPEAT)}

    def subpatterns(value):
        if isinstance(value, parser.SubPattern):
            yield value
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from subpatterns(v)

    def repeats_within(tree, inside: bool) -> bool:
        for op, value in tree:
            many = op in repeats and value[1] > 1
            if many and inside:
                return True
            if any(repeats_within(sub, inside or many) for sub in subpatterns(value)):
                return True
        return False

    try:
        return repeats_within(parser.parse(pattern), False)
    except Exception:          # noqa: BLE001 - the caller compiles the pattern and reports errors
        return False


def remove_boilerplate(text: str, patterns) -> str:
    if not patterns:
        return text
    out = []
    for piece in _pieces(text):
        low = folded(piece, aligned=False)
        for rx in patterns:
            if not may_match(rx, low):       # none of the words each of its matches holds: not run
                continue
            piece, n = rx.subn("", piece)
            if n:
                low = folded(piece, aligned=False)    # what is left may hold words it did not
        out.append(piece)
    return "".join(out)


def _pieces(text: str):
    """The text in paragraphs (each with the blank lines after it), long ones cut."""
    for para in _PARAGRAPHS.finditer(text):
        start, end = para.span()
        while end - start > BOILERPLATE_CHARS:
            limit = start + BOILERPLATE_CHARS
            # after a sentence, else at a line break, else a space: a parenthesis such as
            # "(Reporting by ...\nEditing by ...)" stays whole in all but huge sentences
            cut = max(text.rfind(". ", start, limit), text.rfind(".\n", start, limit))
            cut = cut if cut > start else text.rfind("\n", start, limit)
            cut = cut + 1 if cut > start else text.rfind(" ", start, limit) + 1
            cut = cut if cut > start else limit
            yield text[start:cut]
            start = cut
        if end > start:
            yield text[start:end]


# A paragraph: its lines, where a line break is a hard wrap of one paragraph ("six days after
# it\nran aground": the line does not end a sentence and the next goes on in lower case), not
# a headline over its first sentence ("Ship freed\nThe Ever Given ...") or a list's items.
_PARAGRAPH = re.compile(r"[^\n]+(?:(?<![.!?:;\"”’])\n(?=[a-z])[^\n]+)*")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence; paragraphs always split."""
    out = []
    for para in _PARAGRAPH.finditer(text):
        start = para.start()
        chunk = para.group(0)
        pos = 0
        for m in _BOUNDARY.finditer(chunk):
            # (the search sees the real character before its window, so \b is exact)
            if _ABBREV_END.search(chunk, max(pos, m.start() - _ABBREV_CHARS), m.start()):
                continue
            out.append((start + pos, start + m.start() + len(m.group(0).rstrip())))
            pos = m.end()
        if chunk[pos:].strip():
            out.append((start + pos, start + len(chunk.rstrip())))
    return [(s, e) for s, e in out if text[s:e].strip()]
