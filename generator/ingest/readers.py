"""One reader per input format, chosen by file extension."""
from __future__ import annotations

import re
from datetime import date, datetime

import yaml

from .. import yamlio

from ..model import Article, Problem, out_of_range
from ..spelling import unknown_field
from .html import read_page

# Front matter fields an article may have; any other is reported (a misspelt 'date'
# would otherwise leave the article dated by guesswork).
FRONT_MATTER = ("title", "date", "date_basis", "source", "url", "fetched_from", "author", "tags", "language")


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
        meta, node = yamlio.load_with_lines(m.group(1) or "")
        meta = {} if meta is None else meta
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
    lines = yamlio.child_lines(node)
    problems += [Problem(rel, lines[k] + 1 if k in lines else None, unknown_field(k, FRONT_MATTER), "warning")
                 for k in meta if k not in FRONT_MATTER]
    tags = meta.get("tags") or ()
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    elif not isinstance(tags, list):
        tags = [tags]           # one tag written as a number or a mapping: kept as its text
    title = str(meta.get("title") or "").strip() or _title_from_body(body)
    return Article(path=rel, title=title, body=body.strip(), date=when,
                   date_source="metadata" if when else None,
                   date_basis=str(meta.get("date_basis") or "") if when else "",
                   source=str(meta.get("source") or ""), url=str(meta.get("url") or ""),
                   author=str(meta.get("author") or ""), language=str(meta.get("language") or ""), tags=tuple(str(t) for t in tags if t),
                   body_line=body_line), problems


def _key_line(front: str, key: str) -> int | None:
    for i, line in enumerate(front.splitlines()):
        if line.startswith(f"{key}:"):
            return i + 2
    return None


def read_text(text: str, rel: str) -> tuple[Article, list[Problem]]:
    body = text.strip()
    return Article(path=rel, title=_title_from_body(body), body=body), []


def read_html(text: str, rel: str) -> tuple[Article, list[Problem]]:
    page = read_page(text)
    if not page.text:
        raise ReadError("no article text found in this page (menus, links and comments are not an article); "
                        "save the article's own page, or paste its text into a .md file")
    # a page's date outside the supported range (model.out_of_range) is no date
    when = page.date if page.date and not out_of_range(page.date) else None
    return Article(path=rel, title=page.title or _title_from_body(page.text), body=page.text, date=when,
                   date_source="metadata" if when else None, date_basis=page.date_basis if when else "",
                   source=page.site_name, url=page.url, author=page.author), []


READERS = {".md": read_markdown, ".markdown": read_markdown, ".txt": read_text,
           ".html": read_html, ".htm": read_html}
