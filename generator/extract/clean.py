"""Clean text: drop boilerplate, split into sentences."""
from __future__ import annotations

import re

# A period after these does not end a sentence.
_ABBREV = r"(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|Sen|Rep|Gov|Prof|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|U\.K|No|vs|etc|Inc|Ltd|Co)"
# A sentence ends at . ! ? before a space and a capital; or glued to the next ("conflict.The
# rebels"), after a lower-case word of three letters or more, not in a name like "sputniknews.com".
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]+\b)")
_ABBREV_END = re.compile(rf"\b{_ABBREV}\.$|\b[A-Z]\.$")


def remove_boilerplate(text: str, patterns) -> str:
    for rx in patterns:
        text = rx.sub("", text)
    return text


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence; paragraphs always split."""
    out = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group(0)
        pos = 0
        for m in _BOUNDARY.finditer(chunk):
            if _ABBREV_END.search(chunk[pos:m.start()].rstrip("\"”’)")):
                continue
            out.append((start + pos, start + m.start() + len(m.group(0).rstrip())))
            pos = m.end()
        if chunk[pos:].strip():
            out.append((start + pos, start + len(chunk.rstrip())))
    return [(s, e) for s, e in out if text[s:e].strip()]
