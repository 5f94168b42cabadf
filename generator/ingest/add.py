"""`timeline add`: a web page (fetched, or saved) becomes a Markdown article.

The article is content/articles/YYYY-MM-DD-slug.md with the page's metadata as
front matter; the page itself is kept in content/articles/.html/ (ORIGINALS),
which the site never reads or publishes, so that a better extractor can read it
again later. A page whose canonical address or text is already in content/ is
skipped. Files appear whole or not at all: each is written to a temporary name
and linked into place, which also never replaces a file that exists.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from ..model import slugify
from . import ORIGINALS
from .fetch import FetchError, fetch
from .html import Page, read_page
from .language import unreadable

SLUG_WORDS = 8
# query parameters that only track where a reader came from: not part of the address
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_\w+)$", re.I)


# front matter `timeline add` writes (front_matter below)
_FETCHED_FROM = re.compile(rb"^fetched_from: *['\"]?(\S+?)['\"]? *$", re.M)


class AddError(Exception):
    pass


@dataclass(frozen=True)
class Added:
    source: str            # the address or file given
    path: Path | None      # the article written; None when skipped
    message: str           # one line for the user


def normalize_url(url: str) -> str:
    """An address as compared for duplicates: no fragment or tracking parameters,
    scheme and host in lower case, no trailing slash."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return ""
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower().replace("https", "http"), parts.netloc.lower(),
                       parts.path.rstrip("/") or "/", query, ""))


def text_key(text: str) -> str:
    """The same article text however it was wrapped or spaced."""
    return hashlib.sha1(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


@dataclass
class Known:
    """The addresses and texts of the articles already in content/articles/."""
    urls: dict[str, str] = field(default_factory=dict)     # normalized address → file
    texts: dict[str, str] = field(default_factory=dict)    # text_key → file

    @classmethod
    def scan(cls, articles: Path) -> "Known":
        from . import list_files, read_article
        known = cls()
        for name in list_files(articles, articles.parent.parent)[0]:
            try:
                data = Path(name).read_bytes()
            except OSError:
                continue    # unreadable files are `timeline check`'s to report
            # articles the site skips for their language are still there: not to be added twice
            article, _ = read_article(Path(name), articles.parent, data, any_language=True)
            if article is not None:
                asked = _FETCHED_FROM.search(data[:4096]) if name.endswith(".md") else None
                for url in (article.url, asked.group(1).decode("utf-8", "replace") if asked else ""):
                    known.remember(url, article.body, f"content/{article.path}")
        return known

    def remember(self, url: str, text: str, where: str) -> None:
        if normalize_url(url):
            self.urls.setdefault(normalize_url(url), where)
        if text.strip():
            self.texts.setdefault(text_key(text), where)

    def has_url(self, url: str) -> str:
        return self.urls.get(normalize_url(url), "") if normalize_url(url) else ""


def add(source: str, root: Path, known: Known) -> Added:
    """Add one page: `source` is an http(s) address or a saved page's path."""
    articles = root / "content" / "articles"
    if source.lower().startswith(("http://", "https://")):
        if (where := known.has_url(source)):
            return Added(source, None, f"skipped {source}: already in {where} (same address)")
        try:
            got = fetch(source)
        except FetchError as exc:
            raise AddError(str(exc)) from None
        html, fetched_from, asked = got.body, got.url, source
    else:
        try:
            html, fetched_from, asked = Path(source).read_bytes(), "", ""
        except OSError as exc:
            raise AddError(f"{source}: cannot read: {exc.strerror or exc}") from None
    page = read_page(html, fetched_from)
    if not page.text:
        raise AddError(f"{source}: no article text found in the page (nothing added)")
    for url in (page.url, fetched_from):
        if (where := known.has_url(url)):
            return Added(source, None, f"skipped {source}: already in {where} (same address)")
    if (where := known.texts.get(text_key(page.text))):
        return Added(source, None, f"skipped {source}: already in {where} (same text)")
    path = _write(articles, page, html, asked)
    for url in (page.url, fetched_from, source):
        known.remember(url, page.text, f"content/articles/{path.name}")
    when = f"dated {page.date} from {page.date_basis}" if page.date else \
        "no date on the page: it will be taken from the text"
    foreign = unreadable(page.text)
    warn = f"; warning: written in {foreign.name}, `timeline check` will skip it" if foreign else ""
    return Added(source, path, f"added content/articles/{path.name} ({when}){warn}")


def front_matter(page: Page, asked: str = "") -> str:
    # fetched_from: the address asked for when the page names another as its own;
    # a feed lists that one, and an update must know it without fetching it again
    fields = {"title": page.title, "date": page.date.isoformat() if page.date else "",
              "date_basis": page.date_basis, "source": page.site_name, "url": page.url, "author": page.author,
              "fetched_from": asked if normalize_url(asked) != normalize_url(page.url) else ""}
    kept = {k: v for k, v in fields.items() if v}
    return "---\n" + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, width=1000) + "---\n"


def _write(articles: Path, page: Page, html: bytes, asked: str) -> Path:
    """The article and its original under a name no file has; both or neither."""
    stem = "-".join(filter(None, [page.date.isoformat() if page.date else "",
                                   slugify(page.title, SLUG_WORDS) or "article"]))
    originals = articles / ORIGINALS
    originals.mkdir(parents=True, exist_ok=True)
    text = (front_matter(page, asked) + "\n" + page.text + "\n").encode("utf-8")
    for n in range(1, 1000):
        name = stem if n == 1 else f"{stem}-{n}"
        article, original = articles / f"{name}.md", originals / f"{name}.html"
        if article.exists() or original.exists():
            continue
        if not _place(original, html):
            continue
        if _place(article, text):
            return article
        original.unlink()
    raise AddError(f"no free file name for {stem}.md in {articles}")


def _place(path: Path, data: bytes) -> bool:
    """Write `path` whole (a temporary file, then a hard link); False if it exists."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".adding-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    finally:
        os.unlink(tmp)
