"""The packaged actor knowledge of one language, and the words of a text as it is read.

Layout of `resources/<lang>/actors/` (formats in its README): known actors with aliases,
states' demonyms and other names (names and capitals from GeoNames), forces, state nouns,
collective actors, organisation heads, titles, words of places and things, non-names, verbs.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

RESOURCES = Path(__file__).with_name("resources") / "en" / "actors"
MAX_NGRAM = 8

# A word of running text: letters or digits, with inner apostrophes, hyphens, dots and "&".
_TOKEN = re.compile(r"[^\W_](?:[\w&’'.-]*[\w.])?")
# but a dot before a capitalised word ends it: two sentences glued ("rocket LVM3.The spacecraft")
_GLUED = re.compile(r"(?<=[\w])\.(?=[A-Z][a-z])")
POSSESSIVE = re.compile(r"['’]s?$")
_ABBREV = re.compile(r"(?:[A-Za-z]\.){2,}$|^[A-Z]\.$|(?:Inc|Corp|Co|Ltd|Jr|Sr|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Brig|Dr|Mr|Mrs|Ms|Gov|Sen|Rep|Prof|St)\.$")
# "al-Assad", "bin-Salman": a name word behind its particle
_PARTICLE = re.compile(r"(?:al|el|ad|ash|as|an|ar|at|az|bin|ibn|abu|de|da|di|van|von|le|la)-[A-Z]")
DOMAIN = re.compile(r"\.(?:com|org|net|io)$", re.I)


class ResourceError(ValueError):
    """A word list is malformed; the message names the file."""


@functools.lru_cache(maxsize=1 << 16)      # the same words recur in every article
def word_key(word: str) -> str:
    """A word as looked up: case, accents, dots and the possessive removed; hyphens are spaces."""
    w = POSSESSIVE.sub("", word) if not _ABBREV.search(word) else word
    w = DOMAIN.sub("", w)                  # "FTX.com" is FTX
    w = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[-\s]+", " ", w.replace(".", "").replace("’", "'")).strip()


@functools.lru_cache(maxsize=1 << 12)      # a site's aliases and the names made, per article
def phrase_key(phrase: str) -> str:
    return " ".join(word_key(t.group()) for t in _TOKEN.finditer(phrase))


def _read_list(path: Path) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ResourceError(f"{path}: {exc}") from exc


class Phrases(dict):
    """Folded phrase -> what it names, and for each first word the numbers of words of the
    phrases it starts: a reader tries only lengths that exist, not every span of text."""

    def __init__(self, items=()):
        super().__init__(items)
        sizes: dict[str, set[int]] = {}
        for k in self:
            words = k.split(" ")
            sizes.setdefault(words[0], set()).add(len(words))
        self.sizes = {w: frozenset(n) for w, n in sizes.items()}

    @classmethod
    def of(cls, phrases) -> "Phrases":
        return cls(dict.fromkeys(phrases, True))


@dataclass(frozen=True)
class Entry:
    """What a phrase names: an actor (kind organisation, armed group, company, media), a state
    (kind state: by its name; seat: by its capital; adj: by its demonym)."""
    name: str
    kind: str
    exact: bool = False      # an alias in capitals ("IS", "WHO") matches only in capitals
    country: str = ""        # ISO code of a state


@dataclass(frozen=True)
class Lexicon:
    """The packaged actor knowledge of one language."""
    phrases: Phrases         # folded phrase -> Entry
    adjectives: dict         # ISO code -> the demonym used in names ("Colombian")
    countries: dict          # ISO code -> the state's name
    heads: frozenset
    titles: Phrases          # folded titles
    forces: Phrases          # folded phrase -> canonical force name
    domestic: frozenset
    state_nouns: Phrases     # folded noun -> government | military | junta | state
    bare_groups: frozenset
    qualified_groups: frozenset
    qualifiers: Phrases
    same: dict               # folded group noun -> the noun it is shown as
    implied: Phrases         # folded noun of a happening -> the group it implies
    anaphora: frozenset
    not_names: frozenset     # folded
    features: frozenset      # folded
    acts: frozenset
    references: dict = field(default_factory=dict)   # folded noun -> what it may refer to
    features_at: dict = field(default_factory=dict)   # folded word -> "first" or "last": a feature only there
    sides: frozenset = frozenset()   # "two sides", "both parties": the pair of actors named last
    sides_last: frozenset = frozenset()   # their last words, so that only those tokens are looked at
    staff: frozenset = frozenset()   # people of an organisation after its noun ("union leaders")
    plural_references: dict = field(default_factory=dict)   # folded plural noun -> what it refers to, all of it
    definite_government: frozenset = frozenset()   # "the government": the article's country's
    refer_after: frozenset = frozenset()   # words after which a bare group noun refers back
    institutions: frozenset = frozenset()
    particles: frozenset = frozenset()   # lower-case words inside personal names ("da", "bin")
    crafts: dict = field(default_factory=dict)   # folded noun of craft -> "named" or "numbered"
    bodies: frozenset = frozenset()   # where craft go ("Moon", "Mars"): no part of a craft's name
    groups: Phrases = field(default_factory=Phrases)   # bare and qualified group nouns
    firsts: frozenset = frozenset()   # the first words of all phrases above: a word not among them starts none

    def __post_init__(self):
        object.__setattr__(self, "groups", Phrases.of(self.bare_groups | self.qualified_groups))
        object.__setattr__(self, "sides_last", frozenset(w.split(" ")[-1] for w in self.sides))
        object.__setattr__(self, "firsts", frozenset().union(*(
            t.sizes for t in (self.phrases, self.forces, self.state_nouns, self.groups, self.qualifiers,
                              self.titles, self.implied))))


def _references(table: dict) -> dict:
    """noun -> the words an organisation's name may end in to be what it refers to."""
    return {phrase_key(str(k)): frozenset(str(x).lower() for x in v) for k, v in table.items()
            if k not in ("plural", "staff")}


def _geonames(code: str) -> tuple[str, str]:
    """A state's name and capital as the worldwide gazetteer has them (GeoNames, read once
    there for places and actors alike); "" when it lacks them."""
    from ..geoindex import default_index
    index = default_index()
    country, capital = index.country(code), index._area("capital", code)
    return (country.name if country else "", capital.name if capital else "")


@functools.cache
def load_lexicon(directory: Path = RESOURCES) -> Lexicon:
    """Read the actor resources (cached: every article uses the same)."""
    phrases: dict[str, Entry] = {}

    def add(alias: str, entry: Entry) -> None:
        k = phrase_key(alias)
        if k and k not in phrases:
            phrases[k] = entry

    for item in _read_yaml(directory / "known.yaml") or []:
        if not isinstance(item, dict) or not item.get("name"):
            raise ResourceError(f"{directory / 'known.yaml'}: every entry needs a name: {item!r}")
        for alias in [item["name"], *item.get("aliases", ())]:
            alias = str(alias)
            bare = re.sub(r"[.\-\d]", "", alias)
            add(alias, Entry(str(item["name"]), str(item.get("kind", "organisation")), bare.isupper()))
    adjectives, countries = {}, {}
    for code, data in (_read_yaml(directory / "countries.yaml") or {}).items():
        code = str(code)
        geo_name, capital = _geonames(code)
        name = str(data.get("name") or geo_name or code)
        countries[code] = name
        adj = [str(a) for a in data.get("adj") or ()]
        if adj:
            adjectives[code] = adj[0]
        for a in adj:
            add(a, Entry(name, "adj", a.replace(".", "").isupper(), code))
        for alias in [name, geo_name, *map(str, data.get("aliases") or ())]:
            if alias:
                add(alias, Entry(name, "state", alias.replace(".", "").isupper(), code))
        for seat in [capital, *map(str, data.get("seats") or ())]:
            if seat:
                add(seat, Entry(name, "seat", False, code))
    forces = _read_yaml(directory / "forces.yaml") or {}
    references = _read_yaml(directory / "references.yaml") or {}
    groups = _read_yaml(directory / "groups.yaml") or {}
    crafts = _read_yaml(directory / "crafts.yaml") or {}
    folded = lambda words: frozenset(phrase_key(str(w)) for w in words)   # noqa: E731
    return Lexicon(
        phrases=Phrases(phrases), adjectives=adjectives, countries=countries,
        heads=folded(_read_list(directory / "heads.txt")),
        titles=Phrases.of(folded(_read_list(directory / "titles.txt"))),
        forces=Phrases({phrase_key(str(k)): str(v) for k, v in (forces.get("forces") or {}).items()}),
        domestic=folded(forces.get("domestic") or ()),
        state_nouns=Phrases({phrase_key(str(k)): str(v)
                             for k, v in (_read_yaml(directory / "state_nouns.yaml") or {}).items()}),
        bare_groups=folded(groups.get("bare") or ()), qualified_groups=folded(groups.get("qualified") or ()),
        qualifiers=Phrases.of(folded(groups.get("qualifiers") or ())),
        same={phrase_key(str(k)): str(v) for k, v in (groups.get("same") or {}).items()},
        implied=Phrases({phrase_key(str(k)): str(v) for k, v in (groups.get("implied") or {}).items()}),
        anaphora=folded(groups.get("anaphora") or ()), refer_after=folded(groups.get("after") or ()),
        not_names=folded(_read_list(directory / "not_names.txt")),
        features=folded(w for w in _read_list(directory / "features.txt") if not w.endswith(")")),
        features_at={phrase_key(w.split(" (")[0]): w.split(" (")[1].rstrip(")")
                     for w in _read_list(directory / "features.txt") if w.endswith(")")},
        acts=folded(_read_list(directory / "acts.txt")),
        references=_references(references), plural_references=_references(references.get("plural") or {}),
        staff=folded(references.get("staff") or ()),
        definite_government=folded(forces.get("definite_government") or ()),
        institutions=folded(_read_list(directory / "institutions.txt")),
        particles=folded(_read_list(directory / "particles.txt")),
        crafts={w: kind for kind in ("numbered", "named") for w in folded(crafts.get(kind) or ())},
        bodies=folded(crafts.get("bodies") or ()), sides=folded(groups.get("sides") or ()))


class Token(NamedTuple):
    start: int
    end: int
    text: str
    key: str
    cap: bool                # starts with a capital letter
    possessive: bool
    glued: bool              # only spaces (no punctuation or line break) since the previous token
    initial: bool            # opens a sentence or a line


@functools.lru_cache(maxsize=1 << 16)
def _word(word: str) -> tuple[str, bool, bool]:
    """A word's key, whether it starts with a capital (or a name behind its particle: "al-Assad")
    and whether it is a possessive; cached, as the same words recur in every article."""
    return (word_key(word), word[0].isupper() or bool(_PARTICLE.match(word)),
            word[-1] in "'’s" and bool(POSSESSIVE.search(word)) and not word.isupper())


def _spans(text: str):
    """(word, start, end) of each word, words glued by a full stop apart (rare: looked for only
    in words with an inner dot)."""
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        if "." not in word[1:-1] or not _GLUED.search(word):
            yield word, start, m.end()
            continue
        cut = 0
        for g in _GLUED.finditer(word):
            yield word[cut:g.end()], start + cut, start + g.end()
            cut = g.end()
        yield word[cut:], start + cut, m.end()


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    prev_end = 0
    for word, start, end in _spans(text):
        if word[-1] == "." and not _ABBREV.search(word):   # a full stop, not an abbreviation
            word, end = word[:-1], end - 1
            if not word:
                continue
        key, cap, possessive = _word(word)
        if start - prev_end == 1 and text[prev_end] == " ":  # most gaps: one space
            glued, initial = bool(out), not out
        else:
            gap = text[prev_end:start]
            glued, initial = bool(out) and not gap.strip(" \t"), not out or any(c in gap for c in ".!?:\n")
        out.append(Token(start, end, word, key, cap, possessive, glued, initial))
        prev_end = end
    return out
