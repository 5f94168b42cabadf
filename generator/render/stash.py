"""Keep large raw HTML blocks away from Python-Markdown.

Markdown still parses a raw HTML block tag by tag; a day of many events paid
most of its build time there. Each event body is moved to the end of the page
inside one HTML comment, and a placeholder comment left where it was; the
MkDocs hook (export/mkdocs_hooks.py) takes the bodies out before Markdown runs
and puts them back into the rendered page. Without the hook the page still
reads correctly: only the bodies are missing.

Python-Markdown's cost is per raw block, not per byte: a run of bodies with
only blank lines between them (a month's articles, a day's events) is one
placeholder, not one each (a month of 165 articles: 19 ms to convert, 1 ms as
one block).
"""
from __future__ import annotations

import json
import re

BLOCK = re.compile(r'^<div class="tl-block[^"]*"[^>\n]*>\n.*?\n</div>$', re.M | re.S)
TRAILER = "\n<!--timeline-html\n"
PLACEHOLDER = "<!--tl:{}-->"
_PLACEHOLDER = re.compile(r"<!--tl:(\d+)-->")
_RUN = re.compile(r"<!--tl:\d+-->(?:\n\s*<!--tl:\d+-->)*")


def stash(markdown: str) -> str:
    bodies: list[str] = []

    def keep(m: re.Match) -> str:
        bodies.append(m.group(0))
        return PLACEHOLDER.format(len(bodies) - 1)

    head = BLOCK.sub(keep, markdown)
    if not bodies:
        return markdown
    runs: list[str] = []

    def join(m: re.Match) -> str:
        runs.append(_PLACEHOLDER.sub(lambda p: bodies[int(p.group(1))], m.group(0)))
        return PLACEHOLDER.format(len(runs) - 1)

    head, bodies = _RUN.sub(join, head), runs
    # JSON escapes "<" and ">", so nothing in the trailer can close the comment early
    data = json.dumps(bodies, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return head + TRAILER + data + "\n-->\n"


def split(markdown: str) -> tuple[str, list[str]]:
    """(markdown without the trailer, the stashed bodies)."""
    head, sep, rest = markdown.partition(TRAILER)
    if not sep:
        return markdown, []
    return head, json.loads(rest.rsplit("\n-->", 1)[0])


def restore(html: str, bodies: list[str]) -> str:
    return _PLACEHOLDER.sub(lambda m: bodies[int(m.group(1))], html) if bodies else html
