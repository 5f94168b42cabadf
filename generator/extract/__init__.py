"""Extract: from an article to its publication date and dated events."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..config import Config
from ..model import Article, Event
from . import pubdate
from .clean import remove_boilerplate
from .events import Extractor
from .lexicon import load_lexicon
from .temporal import tag, tagger


# Events are read from the first million characters (some 500 pages); a
# longer file is reported, its page still lists it. Keeps a pasted archive
# from stalling the build.
MAX_EXTRACT_CHARS = 1_000_000


@dataclass(frozen=True)
class Extraction:
    article: Article
    date: date | None
    date_source: str | None
    events: tuple[Event, ...]
    truncated: bool = False    # only the first MAX_EXTRACT_CHARS were read
    unknown_places: tuple[tuple[int, str], ...] = ()   # (line, name): read as places, in no gazetteer


_EXTRACTORS: dict[int, tuple[Config, Extractor]] = {}


def _extractor(config: Config) -> Extractor:
    # Compiling vocabularies is the costly part: once per configuration object.
    hit = _EXTRACTORS.get(id(config))
    if hit is None or hit[0] is not config:
        hit = _EXTRACTORS[id(config)] = (config, Extractor(config))
    return hit[1]


def prepare(config: Config) -> None:
    """Load the language resources and compile the vocabularies now: done before
    worker processes fork, they share them; done once in `timeline serve`, the
    next article added is extracted in milliseconds."""
    tagger()
    _extractor(config)


def extract_article(article: Article, config: Config) -> Extraction:
    """The one extraction entry point: used by the site build and `timeline extract`."""
    body = article.body
    truncated = len(body) > MAX_EXTRACT_CHARS
    if truncated:
        cut = body.rfind("\n", 0, MAX_EXTRACT_CHARS)
        body = body[:cut if cut > MAX_EXTRACT_CHARS // 2 else MAX_EXTRACT_CHARS]
    # the shipped clutter patterns (embedded tweets, glued "Also Read" links), then the site's own
    text = remove_boilerplate(body, load_lexicon("en").boilerplate + config.boilerplate)
    when, source = article.date, article.date_source
    line = None
    if when is None:
        line = pubdate.dateline(text)
        when, source = (line.span.start, "dateline") if line else (None, None)
    if when is None:
        # the text's own evidence first; a date in the file name (the user's
        # naming) settles what the text cannot date, or dates it differently
        inferred, named = pubdate.infer(text), pubdate.from_filename(article.path)
        when, source = (inferred, "inferred") if inferred and (not named or named == inferred) else \
            (named, "filename") if named else (None, None)
    events = []
    if when:
        # the dateline dates the article, not the events it reports
        timexes = [t for t in tag(text, when) if not (line and t.start == line.start)]
        events = _extractor(config).events(article, text, when, timexes)
    unknown = _extractor(config).places.parse(text).unknown
    return Extraction(article, when, source, tuple(events), truncated, _lines_of(article, body, text, unknown))


def _lines_of(article: Article, body: str, text: str, found) -> tuple[tuple[int, str], ...]:
    """Each (offset in the cleaned text, name) as (line of the file, name), once a name."""
    out, seen = [], set()
    for offset, name in found:
        if name in seen:
            continue
        seen.add(name)
        at = body.find(text[max(0, offset - 30):offset + len(name)])
        at = at + min(offset, 30) if at >= 0 else body.find(name)
        out.append((article.body_line + body.count("\n", 0, max(at, 0)), name))
    return tuple(out)
