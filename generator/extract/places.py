"""Geoparsing: the places an article names, resolved against the curated
gazetteer (site_config/places.yaml, always first) and the worldwide GeoNames
index (`generator/geoindex.py`).

An article is read once (`Geoparser.parse`): name runs (capitalised words) are
looked up; each name's candidates are ranked by population and kind, the
article's focus country (the country its places point to most), agreement with
the other places and regions it names, and qualifiers ("Paris, Texas", "the
Belgorod region"). A small town abroad is taken only with such support, so a
first name, a title or "UN" never becomes a village in another country. The
dateline ("KYIV, Ukraine —") is where the reporter files from: it counts
toward the focus, but is not the place of the events. A name no gazetteer has
that the text calls a place ("the town of Palma", "the Catatumbo region") is a
place without coordinates, and a suggestion for places.yaml; a named site ("the
Hayat Hotel") is in the town named with it. A sentence naming no place, or only
a country, goes on where the story is. Words before names ("in", "near") and
word lists are data in `resources/en/places/`.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..gazetteer import Gazetteer, distance_km, fold
from ..geoindex import Entry, Index, default_index, key, score_population
from ..model import Place
from .prefilter import guarded

import yaml

RESOURCES = Path(__file__).parent / "resources" / "en" / "places"

# kinds that cover an area rather than a point
AREA_KINDS = frozenset({"country", "region", "area", "sea", "feature", "continent"})
# how much a kind weighs beside population when names collide
_KIND_BONUS = {"country": 2.0, "region": 1.0, "area": 1.0, "capital": 1.0, "sea": 1.0, "feature": 1.0,
               "continent": 1.0}
FOCUS_BONUS = 2.0         # the article's focus country
AGREE_BONUS = 1.0         # a country the article names elsewhere
REGION_BONUS = 1.5        # a town in a region the article names
QUALIFIER_BONUS = 5.0     # "Paris, Texas": the next name contains it
FAMOUS = 1_000_000        # a town this large needs no support from the text
LOCATIVE_TOWN = 100_000   # ... this large, after "in", "near"
MAX_WORDS = 6
LEAD_CHARS = 400          # the lead of an article: its names weigh double for the focus
CURATED_KM = 150          # a curated place and a GeoNames place of its name this near are one
_TOWN_WORDS = frozenset({"city", "town", "village"})    # after a name: a town ("Kuriga village"), not a region


def _lines(name: str) -> list[str]:
    text = (RESOURCES / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@dataclass(frozen=True)
class Words:
    """The language data of geoparsing, loaded once."""
    not_places: frozenset[str]
    first_names: frozenset[str]    # places only after a locative
    function_words: frozenset[str] # "on", "and": after a name, no noun it modifies
    place_nouns: frozenset[str]    # "town", "province": a name before one is where ("a Mozambique town")
    region_words: frozenset[str]
    facility_words: frozenset[str]
    locative: re.Pattern
    suggest: re.Pattern            # a locative strong enough to suggest an unknown name as a place
    placing: re.Pattern            # words before a name that call it a place ("the town of", "5 km from")
    appositive: re.Pattern         # words after a name that call it a place (", a small town")
    acting: frozenset[str]
    capital: re.Pattern            # "in the capital", "Afghanistan's capital" (group poss)
    copula: re.Pattern             # "Karachi is the capital", "Kinshasa, the capital": says what, names none
    modifier: re.Pattern           # "Kurdish-held", "US-backed": a word that is no name
    site_prefixes: frozenset[str]  # "Lake", "Mount": a run they open names a site
    demonyms: dict[str, str]       # lower-case word -> ISO code
    datelines: tuple[re.Pattern, ...]


def _capital_rx(phrases: list[str]) -> re.Pattern:
    """One pattern for the capital phrases; those that follow a country ("'s capital") in group `poss`."""
    def rx(phrase: str) -> str:
        return r"\s+".join(re.escape(w) for w in phrase.split()).replace("'", "['’]")
    poss = sorted((rx(p) for p in phrases if p.startswith("'")), key=len, reverse=True)
    own = sorted((rx(p) for p in phrases if not p.startswith("'")), key=len, reverse=True)
    return re.compile(rf"(?P<poss>{'|'.join(poss)})\b|\b(?:{'|'.join(own)})\b")


@lru_cache(maxsize=1)
def words() -> Words:
    locatives = sorted((w.rstrip("! ") for w in _lines("locatives.txt")), key=len, reverse=True)
    strong = [w.rstrip("! ") for w in _lines("locatives.txt") if w.endswith("!")]
    loc = "|".join(re.escape(w) for w in locatives)
    nouns = "|".join(re.escape(w) for w in sorted(_lines("place_nouns.txt"), key=len, reverse=True))
    dirs = "|".join(re.escape(w) for w in sorted(_lines("direction_words.txt"), key=len, reverse=True))
    suffixes = "|".join(re.escape(w) for w in _lines("modifier_suffixes.txt"))
    distance = "|".join(re.escape(w) for w in sorted(_lines("distance_words.txt"), key=len, reverse=True))
    region = {w.lower().rstrip("'") for w in _lines("region_words.txt")} | _TOWN_WORDS | {"area"}
    demonyms = yaml.safe_load((RESOURCES / "demonyms.yaml").read_text(encoding="utf-8")) or {}
    return Words(
        not_places=frozenset(w.lower() for w in _lines("not_places.txt") + _lines("function_words.txt")),
        function_words=frozenset(w.lower() for w in _lines("function_words.txt")),
        place_nouns=frozenset(w.lower() for w in _lines("place_nouns.txt")) | region,
        first_names=frozenset(w.lower() for w in _lines("first_names.txt")),
        region_words=frozenset(region),
        facility_words=frozenset(w.lower() for w in _lines("facility_words.txt")),
        # "in Kyiv", "near the eastern town of Bakhmut", "in the Somali capital Mogadishu"
        locative=guarded(rf"\b(?:{loc})\s+(?:the\s+)?(?:(?:[\w'’-]+\s+){{0,3}}?(?:{nouns})\s+(?:of\s+)?"
                         rf"|(?:{dirs})\s+)?$", re.I),
        suggest=guarded(rf"\b(?:{'|'.join(map(re.escape, strong))}|{distance})\s+(?:the\s+)?"
                        rf"(?:(?:[\w'’-]+\s+){{0,3}}?(?:{nouns})\s+(?:of\s+)?)?$", re.I),
        placing=guarded(rf"\b(?:(?:{nouns})\s+of\s+|(?:{distance})\s+)$", re.I),
        appositive=re.compile(rf",[ \t]+(?:an?|the)[ \t]+(?:[\w'’-]+[ \t]+){{0,3}}?(?:{nouns})\b", re.I),
        acting=frozenset(w.lower() for w in _lines("acting_words.txt")),
        capital=_capital_rx([p for p in _lines("capital_phrases.txt") if not p.startswith("-")]),
        copula=guarded(rf"(?:\b(?:{'|'.join(p[1:] for p in _lines('capital_phrases.txt') if p.startswith('-'))})"
                       rf"\s+|,\s*)$", re.I),
        modifier=re.compile(rf"[A-Z][\w'’.]*(?:-[\w'’]+)*-(?:{suffixes})"),
        site_prefixes=frozenset(w.lower() for w in _lines("site_prefixes.txt")),
        demonyms={str(d).lower(): str(iso) for iso, ds in demonyms.items() for d in ds},
        datelines=tuple(re.compile(p) for p in _lines("datelines.txt")))


# A name word: capitalised, with inner apostrophes ("N'Djamena", not "Russia's") and hyphens.
# The Arabic article may lead a word ("al-Zawiya", "ash-Shughur").
# Dotted initials are a word too ("U.S.", "U.K.", "U.S.-led").
_WORD = (r"(?:(?:[A-Z]\.){2,}(?:-\w+)*"
         r"|(?:(?:al|el|ash|an|ad|as|ar|at|az|ech|esh|es|ed|ez)-)?[A-Z](?:[\w]|['’ʼ](?!s\b)\w|-(?=\w))*)")
_CONNECT = r"(?:of|de|del|da|do|dos|das|la|le|les|al|el|and|the|au|du|upon|sur|ash)"
_RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:(?:[ \t]+{_CONNECT})*[ \t]+{_WORD})*")
_TOKEN = re.compile(rf"{_WORD}|\S+")
_CONNECTORS = frozenset(_CONNECT[3:-1].split("|"))


@dataclass(frozen=True)
class Mention:
    """A name in the text resolved to a place."""
    start: int
    end: int
    text: str
    place: Place
    locative: bool = False      # "in X", "near X"
    acting: bool = False        # a country or capital as a state acting ("Russia said")


@dataclass(frozen=True)
class ArticlePlaces:
    """What an article says about places: its focus country (ISO code), where the
    reporter files from, every resolved mention, and the names that look like
    places the gazetteers lack (for `timeline check`)."""
    focus: str = ""
    focus_place: Place | None = None
    dateline: Mention | None = None
    dateline_end: int = 0
    mentions: tuple[Mention, ...] = ()
    unknown: tuple[tuple[int, str], ...] = ()    # (offset, name)
    countries: dict = field(default_factory=dict, compare=False)   # ISO -> country Place
    regions: dict = field(default_factory=dict, compare=False)     # place name -> its first-order region

    text: str = field(default="", compare=False, repr=False)
    demonyms: tuple[tuple[int, str], ...] = ()   # (offset, ISO) of "Somali", "Saudi"
    within: dict = field(default_factory=dict, compare=False)     # site name -> the town it is in

    def places(self, start: int, end: int) -> tuple[Place, ...]:
        """The places of a sentence [start, end): those it names (not the dateline, not
        a state acting), then the regions and countries they lie in; the focus country if none."""
        found: dict[str, Place] = {}
        for m in self.mentions:
            if start <= m.start < end and m.start >= self.dateline_end and not m.acting:
                found.setdefault(m.place.name, m.place)
        if all(p.kind in _WHOLE_COUNTRY for p in found.values()):
            # naming no place, or only a country ("in northern Mozambique"), a sentence goes on
            # where the story is, if that is in the country it names
            countries = {p.country for p in found.values()}
            # with no country named: the story's, or one its people are ("Saudi National Bank")
            ahead = countries or {self.focus} | {iso for at, iso in self.demonyms if start <= at < end}
            # and looking back too: a line after one about talks in Moscow and Ankara is not in
            # Moscow ("the regime pressed ahead with an assault"), unless the story is unknown
            for p in self._story_at(start, countries or {c for c in ahead if c}, ahead):
                found.setdefault(p.name, p)
        self._sites_named(start, end, found)
        for p in list(found.values()):
            # a site's town first ("Hayat Hotel": Mogadishu)
            t = self.within.get(p.name)
            if t is not None:
                found.setdefault(t.name, t)
        for p in list(found.values()):
            # then the places they lie in: their provinces or states, then their countries
            r = self.regions.get(p.name)
            if r is not None:
                found.setdefault(r.name, r)
        for p in list(found.values()):
            c = self.countries.get(p.country)
            if c is not None and p.kind != "country":
                found.setdefault(c.name, c)
        if not found and self.focus_place is not None:
            found[self.focus_place.name] = self.focus_place
        return tuple(found.values())

    def _sites_named(self, start: int, end: int, found: dict[str, Place]) -> None:
        """"attacked a hotel", "at the airport": the article's named site of that kind."""
        for name, site in self._sites.items():
            noun = name.rsplit(" ", 1)[-1].lower()
            for m in re.finditer(rf"\b(?:an?|the)\s+{re.escape(noun)}\b", self.text[start:end]):
                after = _MODIFIED.match(self.text, start + m.end())
                # "an international body", "the assembly line": the word as a modifier is no site
                if not after or after.group(1) in words().function_words:
                    found.setdefault(name, site)
                    break

    @functools.cached_property
    def _sites(self) -> dict[str, Place]:
        """The article's named sites (asked by each of its sentences)."""
        return {m.place.name: m.place for m in self.mentions if m.place.kind == "site"}

    def _story_at(self, start: int, countries: set[str], ahead: set[str]) -> list[Place]:
        """Where the story is at `start`, in one of `countries` (any if none): the places of the
        last sentence before it that named one there (not a country, the dateline or a state
        acting); before any, those of the first sentence after it that names one in `ahead` (a
        lead says "northern Mozambique", the next line the town; but a lead's "Credit Suisse
        shares fell" is not in Riyadh, named later for its shareholder)."""
        near = [m for m in self.mentions if m.start >= self.dateline_end and not m.acting
                and m.place.kind not in _WHOLE_COUNTRY and (not countries or m.place.country in countries)]
        before = [m for m in near if m.end <= start]
        group = before[::-1] or [m for m in near if m.start >= start and m.place.country in ahead]
        out = group[:1]
        for m in group[1:]:
            a, b = sorted((out[-1], m), key=lambda x: x.start)
            if _SENTENCE_END.search(self.text, a.end, b.start):
                break
            out.append(m)
        return [m.place for m in sorted(out, key=lambda x: x.start)]


# kinds that name a whole country: a sentence naming only these does not say where in it
_WHOLE_COUNTRY = frozenset({"country", "continent"})
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s|\n")


@dataclass
class _Name:
    start: int
    end: int
    text: str
    curated: Place | None
    candidates: tuple[Entry, ...]
    locative: bool
    region_hint: bool     # "the Belgorod region", "X province"
    qualifier: "_Name | None" = None    # "Paris, Texas": Texas
    vote: str = ""                      # the country this name counted for (no support for itself)
    modifier: bool = False              # "U.S. military", "Turkey says": an actor, not where things are


def _place(e: Entry) -> Place:
    return Place(e.name, e.lat, e.lon, e.kind, e.country)


class Geoparser:
    """Resolves an article's place names; one per configuration."""

    def __init__(self, gazetteer: Gazetteer, index: Index | None = None):
        self.gaz = gazetteer
        self.index = index if index is not None else (default_index() if gazetteer.worldwide else None)
        self.words = words()
        self._last: tuple[str, ArticlePlaces] | None = None
        self._opens: dict[str, bool] = {}
        self._curated_first = frozenset(k.split(" ")[0] for k in gazetteer.matcher.index)
        self._memo: dict[str, tuple[Place | None, tuple[Entry, ...]]] = {}

    # --- lookups -------------------------------------------------------------

    def _candidates(self, text: str) -> tuple[Entry, ...]:
        if self.index is None:
            return ()
        k = key(text)
        if not k or k in self.words.not_places or k in self.words.demonyms or fold(text) in self.gaz.exclude:
            return ()
        found = self.index.lookup(k)
        if text.isupper() and len(text) <= 3:     # "UN", "ON": an acronym names a country or nothing
            found = tuple(e for e in found if e.kind == "country")
        g = self.gaz
        return tuple(e for e in found
                     if (not g.only_countries or e.country in g.only_countries or not e.country)
                     and e.country not in g.exclude_countries
                     and (e.kind not in ("town", "capital") or e.population >= g.min_population))

    def _lookup(self, name: str) -> tuple[Place | None, tuple[Entry, ...]]:
        hit = self._memo.get(name)
        if hit is None:
            cur = self._curated(name)
            hit = self._memo[name] = (cur, () if cur else self._candidates(name))
        return hit

    def _site(self, text: str, toks: list[tuple[int, int]], found: list[_Name]) -> tuple[int, int, str] | None:
        """"the Hayat Hotel", "Hamid Karzai International Airport": a named site (a run of two
        words or more ending in a facility word) that is not a known place with its facility."""
        if len(toks) < 2 or found:
            return None
        w = self.words
        words = [text[s:e] for s, e in toks]
        first = next((i for i, word in enumerate(words) if word.lower() not in w.not_places), len(words))
        if len(words) - first < 2:
            return None
        # "Lake Manchar", "Hotel Amarula"; "the Hayat Hotel", "Baron hotel" (not "Hotel Workers")
        if not (words[first].lower() in w.site_prefixes and words[-1].lower() not in w.facility_words
                or words[-1].lower() in w.facility_words and words[first].lower() not in w.facility_words):
            return None
        return toks[first][0], toks[-1][1], text[toks[first][0]:toks[-1][1]]

    def _opens_name(self, word: str) -> bool:
        hit = self._opens.get(word)
        if hit is None:
            folded = fold(word).split(" ")[0] if fold(word) else ""
            hit = self._opens[word] = bool(folded in self._curated_first
                                           or self.index is not None and self.index.opens(key(word)))
        return hit

    def _curated(self, text: str) -> Place | None:
        if text.lower() in self.words.not_places or text.lower() in self.words.demonyms:
            return None
        place = self.gaz.matcher.index.get(fold(text))
        return self._with_country(place) if place is not None and not place.country else place

    @lru_cache(maxsize=4096)
    def _with_country(self, place: Place) -> Place:
        """A curated place without a country takes that of the GeoNames place of the same
        name nearest to it (within CURATED_KM), or of the country of that name."""
        if self.index is None or place.lat is None:
            return place
        near = [(distance_km(place, _place(e)), e) for e in self.index.lookup(key(place.name))]
        near = [(d, e) for d, e in near if d <= CURATED_KM or e.kind == "country" and place.kind == "country"]
        if near:
            return replace(place, country=min(near, key=lambda x: (x[0], x[1].id))[1].country)
        town = self.index.nearest_town(place.lat, place.lon)      # spelt otherwise: the town nearest it
        return replace(place, country=town.country) if town and distance_km(place, _place(town)) <= CURATED_KM \
            else place

    def _names(self, text: str) -> tuple[list[_Name], list[tuple[int, str]], set[str], list]:
        """Names found in runs of capitalised words; a run counts only when every word
        of it is part of a place name, a connector, a region word or an opener."""
        out, demonyms, persons, sites = [], [], set(), []
        w = self.words
        for run in _RUN.finditer(text):
            toks = [(run.start() + t.start(), run.start() + t.end()) for t in _TOKEN.finditer(run.group())]
            found: list[_Name] = []
            covered = [False] * len(toks)
            i = 0
            while i < len(toks):
                # only words that open some name are looked at further (one lookup a word)
                first = text[toks[i][0]:toks[i][1]]
                if not self._opens_name(first):
                    i += 1
                    continue
                for j in range(min(len(toks), i + MAX_WORDS), i, -1):
                    s, e = toks[i][0], toks[j - 1][1]
                    if text[toks[j - 1][0]:e].lower() in _CONNECTORS:
                        continue
                    name = text[s:e]
                    cur, cands = self._lookup(name)
                    if cur or cands:
                        found.append(_Name(s, e, name, cur, cands, False, False))
                        covered[i:j] = [True] * (j - i)
                        i = j
                        break
                else:
                    i += 1
            # openers ("In", "The", "President") before the first name, region words after one
            for k, (s, e) in enumerate(toks):
                word = text[s:e].lower()
                if word in w.demonyms:
                    demonyms.append((s, w.demonyms[word]))
                if not covered[k] and (word in _CONNECTORS or word.rstrip("'") in w.region_words
                                       or w.modifier.fullmatch(text, s, e)
                                       or word in w.demonyms or (not any(covered[:k]) and word in w.not_places)
                                       or word in w.facility_words and any(covered[:k])):
                    covered[k] = True
            # "Putin and Kyiv": "and" between names splits the run; each part must be all place
            covered_any = bool(found)
            parts, part = [], []
            for k, (s, e) in enumerate(toks):
                if text[s:e] == "and" and not any(n.start < s < n.end for n in found):
                    parts.append(part)
                    part = []
                else:
                    part.append(k)
            parts.append(part)
            keep = [k for part in parts if all(covered[k] for k in part) for k in part]
            # "Abiy Ahmed": a town's name opening a run that is no place is a first name
            # ("Wajima and Suzu" is two places: the splitting "and" is no part to keep)
            if len(keep) < sum(map(len, parts)):
                persons.update(n.text for n in found if n.curated is None
                               and all(e.kind == "town" for e in n.candidates))
            found = [n for n in found if any(toks[k][0] == n.start for k in keep)]
            # "the Baron hotel", "the French embassy": a facility word in lower case ends the site
            tail = _NEXT_WORD.match(text, run.end())
            if tail and tail.group(1) in w.facility_words and not found and not self._modifies(text, tail.end()):
                toks = toks + [tail.span(1)]
            site = self._site(text, toks, found)
            whole = self._joined(text, run, toks) if len(found) > 1 else None
            if site is not None:
                sites.append(site)
            elif whole is not None:
                out.append(whole)
            elif found:
                for n in found:
                    n.locative = bool(w.locative.search(text, max(0, n.start - 40), n.start))
                    n.region_hint = self._region_follows(text, n.end)
                    n.modifier = not n.locative and self._modifies(text, n.end) and \
                        _NEXT_WORD.match(text, n.end).group(1).lower() not in w.place_nouns
                out.extend(found)
            elif not covered_any and not run.group().isupper() \
                    and not any(text[a:b].lower() in w.demonyms or text[a:b].lower() in w.not_places
                                or text[a:b].lower() in w.first_names or w.modifier.fullmatch(text, a, b)
                                for a, b in toks):
                # a name no gazetteer has: suggested after "in", "near"; a place if the text says so
                n = _Name(run.start(), run.end(), run.group(), None, (),
                          bool(w.locative.search(text, max(0, run.start() - 40), run.start())),
                          self._region_follows(text, run.end(), strict=True))
                if n.region_hint or self._suggested(text, n) or self._placed(text, n):
                    out.append(n)
        # "Paris, Texas": a name followed by a comma and another name that may contain it
        for a, b in zip(out, out[1:]):
            if re.fullmatch(r",[ \t]*", text[a.end:b.start]):
                a.qualifier = b
        return out, demonyms, persons, sites

    def _joined(self, text: str, run: re.Match, toks: list[tuple[int, int]]) -> _Name | None:
        """"Puerto Jordan, a small town": names side by side (no connector) that the text calls
        one place are one name no gazetteer has."""
        if any(text[a:b] in _CONNECTORS for a, b in toks):
            return None
        whole = _Name(run.start(), run.end(), run.group(), None, (),
                      bool(self.words.locative.search(text, max(0, run.start() - 40), run.start())), False)
        return whole if self._placed(text, whole) else None

    def _modifies(self, text: str, end: int) -> bool:
        """Whether the word ending at `end` modifies a noun after it ("international coalition")."""
        more = _MODIFIED.match(text, end)
        return bool(more) and more.group(1) not in self.words.function_words

    def _region_follows(self, text: str, end: int, strict: bool = False) -> bool:
        """"the Belgorod region", "Arauca province": a region word after the name. `strict`: not
        as a modifier ("Syrias state news agency", "state-run"), for a name no gazetteer has."""
        m = _NEXT_WORD.match(text, end)
        if not m or m.group(1).lower() not in self.words.region_words:
            return False
        return not (strict and self._modifies(text, m.end()))

    def _suggested(self, text: str, n: _Name) -> bool:
        """After "in", "near", "5 km from": worth suggesting for places.yaml if no gazetteer has it."""
        return bool(self.words.suggest.search(text, max(0, n.start - 40), n.start))

    def _placed(self, text: str, n: _Name) -> bool:
        """"the town of Palma", "25 km from Gorgadji", "Puerto Jordan, a small town": the words
        around a name call it a place."""
        w = self.words
        return bool(w.placing.search(text, max(0, n.start - 40), n.start) or w.appositive.match(text, n.end))

    def _unlisted(self, text: str, n: _Name, focus: str, qualifier: Place | None) -> Place | None:
        """A name that no gazetteer has (or none in this story's countries) which the text itself
        calls a place: "the town of Palma", "the Catatumbo region", "in Kuriga, Kaduna State", "25 km
        from Gorgadji", "Puerto Jordan, a small town". A place without coordinates, in the country
        of its qualifier or of the story."""
        qualified = n.locative and qualifier is not None and qualifier.kind in AREA_KINDS \
            and not _POSSESSIVE.match(text, n.qualifier.end)
        if not (n.region_hint or qualified or self._placed(text, n)):
            return None
        # "the Catatumbo region" is a region; "Kuriga village" a town
        kind = "region" if n.region_hint and _NEXT_WORD.match(text, n.end).group(1).lower() not in _TOWN_WORDS \
            else "town"
        return Place(n.text, None, None, kind, qualifier.country if qualified else focus)

    # --- resolution ----------------------------------------------------------

    def _score(self, e: Entry, n: _Name, focus: str, countries: Counter, regions: set[str]) -> float:
        s = score_population(e.population) + _KIND_BONUS.get(e.kind, 0.0)
        if focus and e.country == focus:
            s += FOCUS_BONUS
        if e.alias:
            s -= 1.0
        if _others(countries, e.country, n):
            s += AGREE_BONUS
        if e.admin1 and e.admin1 in regions and e.kind != "region":
            s += REGION_BONUS
        if e.kind == "region":
            # "Kyiv" is the city, "the Kyiv region" the region (whose towns' sum outweighs it)
            s += 3.0 if n.region_hint else -1.5
        q = n.qualifier
        if q is not None and any(c.id != e.id and (c.kind == "region" and c.admin1 == e.admin1
                                                  or c.kind == "country" and c.country == e.country)
                                 for c in q.candidates):
            s += QUALIFIER_BONUS
        return s

    def _accept(self, e: Entry, n: _Name, focus: str, countries: Counter) -> bool:
        """A town needs support: the article's countries, a qualifier, or fame."""
        if e.kind not in ("town", "capital"):
            return not e.alias or e.country == focus or _others(countries, e.country, n)
        # a town abroad needs its country named as much as the article's own
        if e.country == focus or _others(countries, e.country, n) and (
                not focus or countries.get(e.country, 0) - (n.vote == e.country) * _weight(n) >= countries.get(focus, 0)):
            return True
        if n.qualifier is not None and any(c.country == e.country for c in n.qualifier.candidates):
            return True
        if e.alias:          # another name of a town abroad ("Hamas" is also a name of Hamm)
            return False
        # a town abroad: famous, or after "in", "near" when the article has no country of its own
        return e.population >= FAMOUS or n.locative and not focus and e.population >= LOCATIVE_TOWN

    def _resolve(self, names: list[_Name], focus: str, countries: Counter, regions: set[str]) -> list[Place | None]:
        out = []
        for n in names:
            if n.curated is not None:
                out.append(n.curated)
                continue
            ranked = sorted(n.candidates, key=lambda e: (-self._score(e, n, focus, countries, regions), e.id))
            best = ranked[0] if ranked else None
            if best is not None and best.kind in ("town", "capital") and n.region_hint:
                region = self._region_of(best, n.text)
                best = region or best
            out.append(_place(best) if best is not None and self._accept(best, n, focus, countries) else None)
        return out

    def _region_of(self, town: Entry, name: str) -> Entry | None:
        """"the Belgorod region": the first-order region named after the town, if any."""
        region = self.index.region(town.admin1) if self.index and town.admin1 else None
        stem = key(name)[:max(4, len(key(name)) - 2)]
        return region if region is not None and key(region.name).startswith(stem) else None

    def _capitals(self, text: str, mentions: list[Mention], focus: str, start: int) -> list[tuple[Mention, Entry]]:
        """"in the capital" (the story country's), "the capital of Peru", "Afghanistan's capital":
        a capital the text names without its name, as a mention of it."""
        if self.index is None:
            return []
        countries = {m.end: m.place.country for m in mentions if m.place.kind == "country"}
        starts = {m.start: m.place.country for m in mentions if m.place.kind == "country"}
        out = []
        for c in self.words.capital.finditer(text, start):
            after = _NEXT_WORD.match(text, c.end())
            word = after.group(1) if after else ""
            if word[:1].isupper() or word.islower() and word not in self.words.function_words \
                    or not c.group("poss") and self.words.copula.search(text, max(0, c.start() - 12), c.start()):
                continue         # "the capital Mogadishu" names it; "the capital markets" is money
            if c.group("poss"):
                iso = countries.get(c.start(), "")
            else:
                of = _OF.match(text, c.end())
                iso = starts.get(of.end(), "") if of else focus
            entry = self.index.capital(iso) if iso else None
            if entry is not None:
                out.append((Mention(c.start(), c.end(), c.group(), _place(entry), True), entry))
        return out

    def _dateline(self, text: str) -> tuple[_Name | None, int]:
        head = text.lstrip()
        offset = len(text) - len(head)
        for rx in self.words.datelines:
            m = rx.match(head[:160])
            if m:
                raw = m.group("place").strip()
                name = raw.title() if raw.isupper() else raw
                cur = self._curated(name)
                cands = () if cur else self._candidates(name)
                region = m.group("region") if "region" in rx.groupindex else None
                start = offset + m.start("place")
                n = _Name(start, start + len(raw), name, cur, cands, True, False)
                if region:
                    rc = self._candidates(region.strip())
                    if rc:
                        n.qualifier = _Name(0, 0, region, None, rc, False, False)
                return n, offset + m.end()
        return None, 0

    def _acting(self, text: str, end: int) -> bool:
        """A country or capital named as a state or modifier: "Moscow said", "Russia's army",
        "US military"; not "struck Kyiv on Monday"."""
        both = _COORDINATED.match(text, end)      # "Moscow and the Kremlin said"
        if both and both.group(1) in self.words.acting:
            return True
        m = _NEXT.match(text, end)
        word = m.group(2)
        return bool(m.group(1)) or bool(word) and (word in self.words.acting or word not in self.words.not_places)

    def parse(self, text: str) -> ArticlePlaces:
        """Every place the article names, resolved (memoised on the last text)."""
        if self._last is not None and self._last[0] is text:
            return self._last[1]
        names, demonyms, persons, sites = self._names(text)
        # a name the text also uses for a person ("Prime Minister Abiy Ahmed" ... "Abiy") is
        # no place there, unless after "in", "near"
        names = [n for n in names if n.locative or (n.curated is not None or n.text not in persons)
                 and n.text.lower() not in self.words.first_names]
        line, line_end = self._dateline(text)
        names = [n for n in names if n.start >= line_end]
        # evidence before resolving: countries and regions named without ambiguity
        countries: Counter = Counter(iso for _, iso in demonyms)
        regions: set[str] = set()
        for n in names + ([line] if line else []):
            if n.curated is not None and n.curated.country:
                countries[n.curated.country] += _weight(n)
            elif n.candidates and n.text not in persons:
                # the best reading out of context, when it says a country by itself
                best = max(n.candidates, key=lambda e: (self._score(e, n, "", Counter(), set()), -e.id))
                if _strong(best) and not best.alias:
                    countries[best.country] += _weight(n)
                    n.vote = best.country
                    if best.kind == "region":
                        regions.add(best.admin1)
        focus = _top(countries)
        # resolve, then settle the focus on what was resolved and resolve once more
        for _ in range(2):
            placed = self._resolve(names, focus, countries, regions)
            # only what names its country by itself votes: not a small town chosen by the vote
            resolved = Counter(iso for _, iso in demonyms)
            for n_, p in zip(names, placed):
                n_.vote = ""
                if p is not None and p.country and (n_.curated is not None or any(
                        _strong(e) for e in n_.candidates if e.name == p.name and e.country == p.country)):
                    resolved[p.country] += _weight(n_)
                    n_.vote = p.country
            if line is not None:
                lp = self._resolve([line], focus, countries, regions)[0]
                if lp is not None and lp.country:
                    resolved[lp.country] += 1
            regions |= {n_.candidates[0].admin1 for n_, p in zip(names, placed)
                        if p is not None and p.kind == "region" and n_.candidates}
            focus, countries = _top(resolved, focus) or focus, resolved or countries
        w = self.words
        mentions = []
        unknown = []
        previous = None
        # names the text calls places somewhere ("the town of Palma") are places wherever named
        by_name = {id(n): p for n, p in zip(names, placed)}
        unlisted: dict[str, Place] = {}
        for n, p in zip(names, placed):
            q = None if p is not None else self._unlisted(text, n, focus, by_name.get(id(n.qualifier)))
            if q is not None:
                unlisted.setdefault(n.text, q)
        for n, p in zip(names, placed):
            if p is None:
                p = unlisted.get(n.text)
                if p is not None or self._suggested(text, n):
                    unknown.append((n.start, n.text))
                if p is None:
                    continue
            # "in Kyiv and Lviv", "in Goma, Bukavu": a list after a locative is located too
            if previous is not None and previous.locative and _LIST.fullmatch(text, previous.end, n.start):
                n.locative = True
            previous = n
            acting = p.kind in ("country", "capital") and not n.locative and (
                self._acting(text, n.end) or bool(_AGENT.search(text, max(0, n.start - 8), n.start)))
            mentions.append(Mention(n.start, n.end, n.text, p, n.locative, acting))
        capitals = self._capitals(text, mentions, focus, line_end)
        mentions.extend(m for m, _ in capitals)
        # named sites have no coordinates: a place by name, in the town the text puts them
        spelt: dict[str, str] = {}      # "the Hayat hotel" is the Hayat Hotel named before
        for s_, e_, name in sites:
            if s_ >= line_end:
                name = spelt.setdefault(name.lower(), name)
                mentions.append(Mention(s_, e_, text[s_:e_], Place(name, None, None, "site", focus), True))
        mentions.sort(key=lambda m: m.start)
        within = _containers(text, mentions)
        mentions = [replace(m, place=replace(m.place, country=within[m.place.name].country or m.place.country))
                    if m.place.name in within else m for m in mentions]
        dl = None
        if line is not None:
            lp = self._resolve([line], focus, countries, regions)[0]
            dl = Mention(line.start, line.end, line.text, lp, True) if lp is not None else None
        cmap = {}
        for iso in sorted({m.place.country for m in mentions if m.place.country} | {focus} - {""}):
            c = self.index.country(iso) if self.index else None
            if c is not None:
                cmap[iso] = _place(c)
        rmap = {}
        for n, p in zip(names, placed):
            entry = next((e for e in n.candidates if p is not None and e.name == p.name and e.country == p.country
                          and e.kind == p.kind and e.kind in ("town", "capital", "feature")), None)
            region = self.index.region(entry.admin1) if entry is not None and entry.admin1 else None
            if region is not None:
                rmap[p.name] = _place(region)
        for m, entry in capitals:
            region = self.index.region(entry.admin1) if entry.admin1 else None
            if region is not None:
                rmap.setdefault(m.place.name, _place(region))
        for n in names:
            # "in Kuriga, Kaduna State": an unlisted town lies in the region that qualifies it
            q = by_name.get(id(n.qualifier))
            if n.text in unlisted and q is not None and q.kind in ("region", "governorate"):
                rmap.setdefault(unlisted[n.text].name, q)
        result = ArticlePlaces(focus=focus, focus_place=cmap.get(focus), dateline=dl, dateline_end=line_end,
                               mentions=tuple(mentions), unknown=tuple(sorted(unknown)), countries=cmap,
                               regions=rmap, text=text, demonyms=tuple(demonyms), within=within)
        self._last = (text, result)
        return result


_LIST = re.compile(r"(?:,|,?\s+(?:and|or))\s+")
_OF = re.compile(r"[ \t]+of[ \t]+")
# a site and the town it is in: "the Hayat Hotel in Mogadishu", "the airport in Afghanistan's capital"
_IN_TOWN = re.compile(r"[ \t]*(?:,|(?:in|near|at|outside|of)\b)[^.!?\n]{0,40}$")
_POINT_KINDS = frozenset({"town", "capital"})


def _containers(text: str, mentions: list[Mention]) -> dict[str, Place]:
    """The town each named site is in: the one named just after it ("in Mogadishu"), else the
    last named before it (the story's town there)."""
    out: dict[str, Place] = {}
    for i, m in enumerate(mentions):
        if m.place.kind != "site" or m.place.name in out:
            continue
        after = next((x for x in mentions[i + 1:] if x.place.kind in _POINT_KINDS), None)
        if after is not None and _IN_TOWN.match(text, m.end, after.start):
            out[m.place.name] = after.place
            continue
        before = next((x for x in reversed(mentions[:i]) if x.place.kind in _POINT_KINDS and not x.acting), None)
        if before is not None:
            out[m.place.name] = before.place
    return out
_NEXT_WORD = re.compile(r"[ \t]+(\w+)")
_POSSESSIVE = re.compile(r"['’]s\b")
_MODIFIED = re.compile(r"(?:-|[ \t]+)([a-z]+)\b")

_COORDINATED = re.compile(r"[ \t]+(?:and|or)[ \t]+(?:the[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+){1,3}([a-z]+)")
_AGENT = re.compile(r"\bby\s+$")          # "deployed by Moscow": the state acting
_NEXT = re.compile(r"(['’]s\b)?[ \t]*([a-z][\w-]*)?")


def _weight(n: _Name) -> int:
    """A name in the lead (headline, first sentences) says more about where the story is; one
    modifying a noun ("U.S. military") says who acts, not where."""
    return 0 if n.modifier else 2 if n.start < LEAD_CHARS else 1


def _others(countries: Counter, country: str, n: _Name) -> bool:
    """Whether names other than `n` speak for this country."""
    return countries.get(country, 0) - (n.vote == country) * _weight(n) > 0


def _strong(e: Entry) -> bool:
    """A place whose name is evidence of its country on its own."""
    return e.kind != "town" or e.population >= LOCATIVE_TOWN


def _top(counts: Counter, prefer: str = "") -> str:
    """The most named country; a tie goes to `prefer`, else to the one counted first."""
    if not counts:
        return ""
    best = max(counts.values())
    return prefer if counts.get(prefer) == best else next(c for c in counts if counts[c] == best)


def focus_country(text: str, geoparser: Geoparser | None = None) -> str:
    """The ISO code of the country an article is about ("" when it names none)."""
    return (geoparser or Geoparser(Gazetteer())).parse(text).focus


class PlaceNames(dict):
    """Places by the name an editor writes (curated events, corrections): the curated
    gazetteer's names, else the best-known GeoNames place of exactly that name when it is a
    country, region, capital or a town of 100,000 people or more ("Kenya", "Kharkiv")."""

    def __init__(self, gazetteer: Gazetteer):
        super().__init__({p.name: p for p, _ in gazetteer.curated})
        self.parser = Geoparser(gazetteer)

    def __missing__(self, name: str) -> Place:
        cur, cands = self.parser._lookup(name)
        if cur is None and not cands:
            raise KeyError(name)
        n = _Name(0, len(name), name, cur, cands, False, False)
        best = max(cands, key=lambda e: (self.parser._score(e, n, "", Counter(), set()), -e.id)) if cands else None
        # with no text around it, a name is taken only when it says where it is by itself
        if cur is None and not _strong(best):
            raise KeyError(name)
        place = cur or _place(best)
        self[name] = place
        return place

    def __contains__(self, name) -> bool:
        try:
            self[name]
        except KeyError:
            return False
        return True

    def get(self, name, default=None):
        return self[name] if name in self else default
