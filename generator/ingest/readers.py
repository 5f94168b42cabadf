"""One reader per input format, chosen by file extension."""
from __future__ import annotations

import re
from datetime import date, datetime
from html.parser import HTMLParser

import yaml

from .. import yamlio

from ..model import Article, Problem, out_of_range


class ReadError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)


def _title_from_body(body: str) -> str:
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 120 else line[:117].rsplit(" ", 1)[0] + "…"
    return "Untitled"


# A publication date as written: the day, alone or followed by its time ("2020-03-05T10:00Z",
# "2020-03-05 10:00 UTC"); "2020-03-011" or a number (a timestamp) is not read as a day.
_DATE_TEXT = re.compile(r"(\d{4}-\d\d-\d\d)(?:[T\s].*)?", re.S)


def _as_date(value, rel: str, line: int | None) -> tuple[date | None, list[Problem]]:
    if value is None or value == "":
        return None, []
    when = value.date() if isinstance(value, datetime) else value if isinstance(value, date) else None
    if when is None and isinstance(value, str) and (m := _DATE_TEXT.fullmatch(value.strip())):
        try:
            when = date.fromisoformat(m.group(1))
        except ValueError:
            pass
    if when is None:
        return None, [Problem(rel, line, f"front matter 'date' is not a valid date (YYYY-MM-DD): {value!r}; "
                                         "the date will be taken from the text")]
    if why := out_of_range(when):
        return None, [Problem(rel, line, f"front matter 'date' {when.isoformat()} is {why}; "
                                         "the date will be taken from the text")]
    return when, []


def read_markdown(text: str, rel: str) -> tuple[Article, list[Problem]]:
    m = _FRONT.match(text)
    if not m:
        return read_text(text, rel)
    try:
        meta = yamlio.load(m.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise ReadError(f"broken YAML front matter: {getattr(exc, 'problem', exc)}", line) from None
    if not isinstance(meta, dict):
        raise ReadError("front matter must be a mapping of keys to values", 2)
    body = text[m.end():]
    body_line = text[:m.end()].count("\n") + 1
    date_line = _key_line(m.group(1) or "", "date")
    when, problems = _as_date(meta.get("date"), rel, date_line)
    tags = meta.get("tags") or ()
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    elif not isinstance(tags, list):
        tags = [tags]           # one tag written as a number or a mapping: kept as its text
    title = str(meta.get("title") or "").strip() or _title_from_body(body)
    return Article(path=rel, title=title, body=body.strip(), date=when,
                   date_source="metadata" if when else None,
                   source=str(meta.get("source") or ""), url=str(meta.get("url") or ""),
                   author=str(meta.get("author") or ""), tags=tuple(str(t) for t in tags if t),
                   body_line=body_line), problems


def _key_line(front: str, key: str) -> int | None:
    for i, line in enumerate(front.splitlines()):
        if line.startswith(f"{key}:"):
            return i + 2
    return None


def read_text(text: str, rel: str) -> tuple[Article, list[Problem]]:
    body = text.strip()
    return Article(path=rel, title=_title_from_body(body), body=body), []


class _MainText(HTMLParser):
    """Collect visible text, skipping scripts, navigation and page chrome."""
    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template", "svg"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "tr", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_skip = 0
        self.parts: list[str] = []
        self.title = ""
        self._in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.SKIP:
            self.depth_skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"]
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth_skip:
            self.depth_skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self.depth_skip:
            self.parts.append(data)


def _unclosed_as_text(html: str) -> str:
    """`<` that opens no tag ends, and `<!--` (`<![`) that no `-->` (`]>`) closes, as `&lt;`.

    html.parser looks from every such `<` to the end of the page for its end: a page of
    "x<y " or of unclosed "<a " or "<!--" took the square of its length (20 KB: 4 s).
    A `<` whose next `>` comes after another `<` cannot open a complete tag (short of a
    `<` inside a quoted attribute); as text it reads the same. One pass, linear."""
    if "<" not in html:
        return html
    opens = [m.start() for m in _LT.finditer(html)]
    out, start, gt, skip_to = [], 0, -1, -1
    last = {c: html.rfind(c) for c in _CLOSERS.values()}   # no comment opened after it can close
    for k, i in enumerate(opens):
        if i < skip_to:                      # inside a comment: its text is the comment's
            continue
        unclosed_comment = False
        opener = "<!--" if html.startswith("<!--", i) else "<![" if html.startswith("<![", i) else None
        if opener:
            closer = _CLOSERS[opener]
            end = html.find(closer, i + len(opener)) if last[closer] > i else -1
            if end >= 0:
                skip_to = end
                continue
            unclosed_comment = True
        elif gt != len(html) and gt <= i:    # the next ">" after i, found once per ">"
            gt = html.find(">", i + 1)
            gt = len(html) if gt < 0 else gt
        next_lt = opens[k + 1] if k + 1 < len(opens) else len(html)
        if unclosed_comment or gt == len(html) or next_lt < gt:
            out += [html[start:i], "&lt;"]
            start = i + 1
    out.append(html[start:])
    return "".join(out)


_LT = re.compile("<")
# a comment and a marked section (CDATA, "<![if IE]>") end only at these
_CLOSERS = {"<!--": "-->", "<![": "]>"}


def read_html(text: str, rel: str) -> tuple[Article, list[Problem]]:
    parser = _MainText()
    parser.feed(_unclosed_as_text(text))
    parser.close()
    lines = [ln for ln in (" ".join(ln.split()) for ln in "".join(parser.parts).split("\n")) if ln]
    meta = parser.meta
    when, problems = _as_date(meta.get("article:published_time") or meta.get("date"), rel, None)
    title = " ".join((meta.get("og:title") or parser.title).split()) or _title_from_body("\n".join(lines))
    if lines and lines[0] == title:
        lines = lines[1:]    # the page's own heading repeats the title: not a sentence of the report
    body = "\n\n".join(lines)
    return Article(path=rel, title=title, body=body, date=when, date_source="metadata" if when else None,
                   source=meta.get("og:site_name", ""), url=meta.get("og:url", "")), problems


READERS = {".md": read_markdown, ".markdown": read_markdown, ".txt": read_text,
           ".html": read_html, ".htm": read_html}
