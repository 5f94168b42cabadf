"""Web pages: the article's text and the metadata the page carries.

trafilatura finds the main text (menus, related links, captions and comments
left out; bench/RESULTS.md measures it against readability-lxml) and the title,
author, site name and canonical address. The publication date is looked up here,
in the order of resources/html_meta.yaml, so that the article page can say where
it came from: the page's JSON-LD, a meta tag, a marked-up element, the address,
or else a date elsewhere on the page (htmldate, through trafilatura: a date line,
or markup not listed there). A page that states no date leaves it to the text
(extract/pubdate.py), as a plain text does.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources

import yaml
from dateutil import parser as dateparse

# Options measured best on the 181 pages of the shared benchmark (bench/RESULTS.md):
# comments are not the article, and favouring precision drops more related links
# than it loses sentences.
OPTIONS = dict(include_comments=False, favor_precision=True, include_tables=True)

# A date in the page's address: /2020/03/05/, /2020-03-05, /20200305/
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
                       r"|/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/)")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d\d)-(\d\d)")
_NO_YEAR = datetime(1, 1, 1)
MIN_YEAR = 1900


@dataclass(frozen=True)
class Page:
    """What the reader takes from one page; empty strings where the page says nothing."""
    text: str                 # paragraphs separated by blank lines
    title: str = ""
    date: date | None = None
    date_basis: str = ""      # where the date was found, in words ("the page's JSON-LD (datePublished)")
    author: str = ""
    site_name: str = ""
    url: str = ""             # the canonical address (link rel=canonical, og:url), else the one given
    language: str = ""        # as the page declares it (<html lang>, og:locale), e.g. "en"

    def as_json(self) -> dict:
        out = asdict(self)
        out["date"] = self.date.isoformat() if self.date else None
        return out


@cache
def _names() -> dict:
    text = resources.files(__package__).joinpath("resources/html_meta.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def read_page(html: str | bytes, url: str = "") -> Page:
    """Read one page (its bytes or text); `url` is where it was fetched from, if known."""
    import trafilatura    # here: a second to import, and most sites have no HTML articles
    from trafilatura.utils import load_html
    tree = load_html(html)
    if tree is None:
        return Page(text="", url=url)
    # our own look-ups first: trafilatura prunes the tree it is given
    when, basis = page_date(tree, url)
    language = declared_language(tree)
    doc = trafilatura.bare_extraction(tree, url=url or None, with_metadata=True, **OPTIONS)
    if doc is None:
        return Page(text="", date=when, date_basis=basis, url=url, language=language)
    if when is None and doc.date:
        when, basis = _parse_date(doc.date), "a date elsewhere on the page (found by htmldate)"
    title = " ".join((doc.title or "").split())
    lines = [" ".join(line.split()) for line in (doc.text or "").splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title:
        lines = lines[1:]    # the page's own heading repeats the title: not a sentence of the report
    canonical = doc.url if (doc.url or "").startswith(("http://", "https://")) else url
    return Page(text="\n\n".join(lines), title=title, date=when, date_basis=basis if when else "",
                author=" ".join((doc.author or "").split()), site_name=" ".join((doc.sitename or "").split()),
                url=canonical or "", language=language)


def page_date(tree, url: str = "") -> tuple[date | None, str]:
    """The publication date the page states, and where: JSON-LD, meta tags,
    itemprop elements, then the address (resources/html_meta.yaml)."""
    names = _names()["date"]
    found = _jsonld_values(tree)
    for key in names["jsonld"]:
        for value in found.get(key.lower(), ()):
            if (when := _parse_date(value)):
                return when, f"the page's JSON-LD ({key})"
    metas = _meta(tree)
    for key in names["meta"]:
        if (when := _parse_date(metas.get(key, ""))):
            return when, f"the page's meta tag {key}"
    for key in names["itemprop"]:
        for el in tree.xpath("//*[@itemprop]"):
            if el.get("itemprop", "").lower() == key.lower() and el.tag != "meta":
                if (when := _parse_date(el.get("datetime") or el.get("content") or el.text_content())):
                    return when, f"the page's {el.tag} element marked {key}"
    for address in (_canonical(tree), url):
        if address and (m := _URL_DATE.search(address.split("?")[0])):
            y, mo, d = [int(g) for g in m.groups() if g]
            try:
                return date(y, mo, d), "the page's address"
            except ValueError:
                pass
    return None, ""


def declared_language(tree) -> str:
    """The page's declared language as a bare code ("en-GB" → "en")."""
    metas = _meta(tree)
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    for key in _names()["language"]["meta"]:
        value = value or metas.get(key, "")
    return re.split(r"[-_]", value.strip().lower(), 1)[0] if value.strip() else ""


def _meta(tree) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").lower()
        if key and el.get("content") and key not in out:
            out[key] = el.get("content")
    return out


def _canonical(tree) -> str:
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            return el.get("href")
    return ""


def _jsonld_values(tree) -> dict[str, list[str]]:
    """Every string value in the page's JSON-LD blocks, by lower-cased key, in page order."""
    out: dict[str, list[str]] = {}

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str):
                    out.setdefault(key.lower(), []).append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for el in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(el.text_content() or ""))
        except (ValueError, RecursionError):
            continue    # a broken block is the page's problem; the other sources remain
    return out


def _parse_date(value: str) -> date | None:
    """A calendar date from an ISO or written date ("2020-03-05T10:00Z", "March 5, 2020");
    the date as the publisher wrote it, whatever its time zone."""
    value = (value or "").strip()
    if not value or len(value) > 64:
        return None
    try:
        if m := _ISO_DATE.match(value):
            found = date(*map(int, m.groups()))
        else:
            found = dateparse.parse(value, default=_NO_YEAR, ignoretz=True).date()
    except (ValueError, OverflowError):
        return None
    # some sites fill an unset date with year 1 ("0001-01-01T00:00:00Z"): not a date, try the next source
    return found if found.year >= MIN_YEAR else None
