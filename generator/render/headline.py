"""What an event is called in headings, lists and search results.

An editor's title (curated events, corrections) is kept. A machine-extracted
event's title is its sentence cut to a dozen words; shown above the whole
sentence it is a fragment said twice. Such an event is named instead from its
fields, "Strike in Jabal al-Zawiya: 19 killed" (who is not said: the actors
the extractor finds are everyone the sentence names, not who acted), or, when
its type says too little for that, by its whole sentence, which then is the
entry and is not quoted again below it (event.py asks quoted_in_heading).
Words are data: resources/en/headline.yaml.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..model import Event, kept

RESOURCES = Path(__file__).parent / "resources"


@lru_cache(maxsize=None)
def _words(language: str = "en") -> dict:
    return yaml.safe_load((RESOURCES / language / "headline.yaml").read_text(encoding="utf-8"))


def _plain(text: str) -> str:
    return " ".join(text.split())


def machine_title(e: Event) -> bool:
    """The title is the extractor's cut of the sentence (not an editor's words)."""
    if e.origin == "curated" or not e.quote:
        return False
    title = _plain(e.title).removesuffix("…").rstrip()
    # a plain title the sentence starts with as written is where its plain form starts too
    return bool(title) and (e.quote.startswith(title) or _plain(e.quote).startswith(title))


def _killed(e: Event, words: dict) -> str:
    figures = {r.fatalities for r in e.reports if r.fatalities is not None}
    return words["killed"].format(n=figures.pop()) if len(figures) == 1 else ""


def from_fields(e: Event) -> str:
    """'Strike in Idlib: 34 killed', or '' when the type has no noun or no place is known."""
    words = _words()
    what = words["types"].get(e.type) if e.type else None
    # a country beside a town says nothing more: "Strike in Idlib", not "in Idlib and Syria"
    narrow = [p for p in e.places if p.kind != "country"] or list(e.places)
    names = list(dict.fromkeys(p.name for p in narrow))[: words["places"]]
    if not what or not names:
        return ""
    where = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {words['and']} {names[-1]}"
    killed = _killed(e, words)
    return f"{what} {words['in']} {where}" + (f": {killed}" if killed else "")


def quoted_in_heading(e: Event) -> bool:
    """The heading is the event's whole sentence: the body need not quote it again."""
    return _said(e)[1]


def headline(e: Event) -> str:
    return _said(e)[0]


def _said(e: Event) -> tuple[str, bool]:
    """(the headline, whether it is the whole sentence), made once per event (model.kept):
    every list an event is in asks for it (its day, places, actors, type, article, search)."""
    return kept(e, "_headline", _worked_out)


def _worked_out(e: Event) -> tuple[str, bool]:
    fields = from_fields(e) if machine_title(e) else None
    return (_plain(e.title), False) if fields is None else (fields, False) if fields else (_plain(e.quote), True)
