"""Escaping for generated Markdown: nothing from content may become markup or script."""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def esc(text) -> str:
    """Markdown inline text: no HTML, no Markdown markup, one line."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


_WEB_URL = re.compile(r"^https?://[^\s<>\"']+$", re.I)


def safe_url(url) -> str:
    """Only web links; anything else (javascript:, data:, relative paths) is dropped."""
    return _safe_url(str(url))


@lru_cache(maxsize=1 << 16)      # an article's address, asked for by each of its events' pages and files
def _safe_url(url: str) -> str:
    url = url.strip()
    if not _WEB_URL.match(url):
        return ""
    return url.replace(")", "%29").replace("(", "%28")


# Records are written by the ten thousand (events in data/, search records, day records):
# one encoder each, not one made per json.dumps call, and no check for reference cycles,
# which records made of fresh dicts and lists cannot have.
SORTED_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, check_circular=False).encode
COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                                check_circular=False).encode


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# Material's search (small sites): the timeline's pages rank first; pages that only
# list events found on them (places, actors, types) are left out of the index.
SEARCH = {"": "", "boost": "search:\n  boost: 4\n", "exclude": "search:\n  exclude: true\n"}


def front_matter(title, search: str = "", description: str = "") -> str:
    """A page's title for <title>, the nav and search, as plain text; `search`: a key of SEARCH;
    `description`: the page's own, for link previews.

    Material strips tags and then unescapes entities in <title>, so an escaped
    "&lt;/title&gt;" from an article would come back as markup: the title
    given here carries no <, > or & at all.
    """
    plain = " ".join(str(title).split()).replace("<", "‹").replace(">", "›").replace("&", "＆")
    from .preview import front_line     # a page's own description (link previews)
    return f"---\ntitle: {json.dumps(plain, ensure_ascii=False)}\n{SEARCH[search]}{front_line(description)}---\n\n"


def h(text) -> str:
    """Escape for HTML text and attribute values (raw HTML blocks)."""
    return _escaped(str(text))


@lru_cache(maxsize=1 << 16)      # names, outlets and labels recur on every page
def _escaped(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


def heading(level: int, anchor: str, title: str) -> str:
    """A heading as MkDocs writes one (with its permanent link), for raw HTML blocks: on
    pages of many items, out of Markdown's way and out of a table of contents too long
    to use."""
    anchor = h(anchor)
    return (f'<h{level} id="{anchor}">{h(title)}<a class="headerlink" href="#{anchor}" '
            f'title="Permanent link">&para;</a></h{level}>')


def a(url: str, label: str, **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{h(v)}"' for k, v in attrs.items())
    return f'<a href="{h(url)}"{extra}>{label}</a>'
