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

# a block: from this line to the first line "</div>" after it
OPENING = re.compile(r'^<div class="tl-block[^"]*"[^>\n]*>\n', re.M)
CLOSING = "\n</div>"
TRAILER = "\n<!--timeline-html\n"
PLACEHOLDER = "<!--tl:{}-->"
_PLACEHOLDER = re.compile(r"<!--tl:(\d+)-->")


def blocks(markdown: str):
    """(start, end) of each block, in order. Its closing line is looked for with str.find:
    a regular expression's lazy `.*?` tested every character of a block (most of a page)
    for it, a third of the time stash() took."""
    at = 0
    while m := OPENING.search(markdown, at):
        at = _closed(markdown, m.end())
        if at == -1:
            return              # nothing closes this block, nor any later one
        yield m.start(), at


def _closed(markdown: str, at: int) -> int:
    """Where the first line "</div>" from `at` on ends; -1 when there is none."""
    while (at := markdown.find(CLOSING, at)) != -1:
        end = at + len(CLOSING)
        if end == len(markdown) or markdown[end] == "\n":
            return end
        at += 1
    return -1


def stash(markdown: str) -> str:
    runs: list[list[str]] = []          # each run of blocks: its texts, blank lines between included
    head: list[str] = []
    done = 0
    for start, end in blocks(markdown):
        between = markdown[done:start]
        if runs and not between.strip():        # only blank lines since the last block: same run
            runs[-1] += [between, markdown[start:end]]
        else:
            head += [between, PLACEHOLDER.format(len(runs))]
            runs.append([markdown[start:end]])
        done = end
    if not runs:
        return markdown
    head.append(markdown[done:])
    bodies = ["".join(run) for run in runs]
    # JSON escapes "<" and ">", so nothing in the trailer can close the comment early
    data = json.dumps(bodies, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return "".join(head) + TRAILER + data + "\n-->\n"


def split(markdown: str) -> tuple[str, list[str]]:
    """(markdown without the trailer, the stashed bodies)."""
    head, sep, rest = markdown.partition(TRAILER)
    if not sep:
        return markdown, []
    return head, json.loads(rest.rsplit("\n-->", 1)[0])


def restore(html: str, bodies: list[str]) -> str:
    return _PLACEHOLDER.sub(lambda m: bodies[int(m.group(1))], html) if bodies else html
