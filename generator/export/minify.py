"""Drop the theme's indentation from built pages.

Material's templates indent every line; on thousands of pages that is a
third of the site's size. A run of whitespace that holds a line break
becomes one line break, which renders the same, except where whitespace is
content: <pre>, <textarea>, and scripts (left as they are).
"""
from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script)\b.*?</\2\s*>)", re.S | re.I)
_BREAK = re.compile(r"[ \t\r\f\v]*\n\s*")


def collapse_whitespace(html: str) -> str:
    parts = _KEEP.split(html)
    # split() yields text, kept element, its tag name, text, ...
    return "".join(_BREAK.sub("\n", p) if i % 3 == 0 else p for i, p in enumerate(parts) if i % 3 != 2)
