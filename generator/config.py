"""Defaults and validation of site_config/: what a user edits to tune the site."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


from . import confine, yamlio

from .gazetteer import Gazetteer, fold, packaged
from .model import Place, Problem


SEARCH_ENGINES = ("auto", "material", "pagefind")
ARTICLE_PAGES = ("auto", "each", "monthly")
ARTICLE_TEXT = ("auto", "always", "never")


@dataclass(frozen=True)
class Actor:
    name: str
    aliases: tuple[str, ...]
    monitor: bool = False


@dataclass(frozen=True)
class EventType:
    name: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Config:
    root: Path
    title: str = "Timeline"
    description: str = ""
    places: tuple[tuple[Place, tuple[str, ...]], ...] = ()
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    actors: tuple[Actor, ...] = ()
    event_types: tuple[EventType, ...] = ()
    boilerplate: tuple[re.Pattern, ...] = ()
    vocabulary: dict = field(default_factory=dict)
    search: str = "auto"       # material | pagefind | auto (Pagefind for large sites)
    article_pages: str = "auto"   # each | monthly | auto (a page per month for large sites)
    article_text: str = "auto"    # always | never | auto (only articles with no original link)
    map_tiles: str = ""           # map: tiles: a tile server's URL template (off: the shipped basemap only)
    map_attribution: str = ""     # map: attribution: shown under the map when tiles are used
    problems: tuple[Problem, ...] = ()

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def docs_dir(self) -> Path:
        return self.root / "build" / "docs"


def _load(sc: Path, name: str, problems: list[Problem], default, kind=None):
    """A site_config file's data (default when missing or broken) and its item lines."""
    path, rel = sc / name, f"site_config/{name}"
    bad = confine.refused(path, sc.parent, rel)
    if bad or not path.exists():
        problems += [bad] if bad else []
        return default, {}
    data, node, read_problems = yamlio.read_file(path, rel)
    problems += read_problems
    if data is None:
        return default, {}
    if not isinstance(data, type(default)):
        problems.append(Problem(rel, 1, f"expected a {'list' if isinstance(default, list) else 'mapping'}; file ignored"))
        return default, {}
    return data, yamlio.child_lines(node)


def _named(sc: Path, name: str, problems: list[Problem]) -> list[dict]:
    """The entries of a list file that have a name; the others are reported."""
    data, lines = _load(sc, name, problems, [])
    out = []
    for i, entry in enumerate(data):
        if isinstance(entry, dict) and entry.get("name"):
            out.append(entry)
        else:
            problems.append(Problem(f"site_config/{name}", lines.get(i), f"entry {i + 1}: needs a name; skipped"))
    return out


def _choice(site: dict, lines: dict, key: str, choices: tuple[str, ...], problems: list[Problem]) -> str:
    """A site.yaml setting that must be one of `choices` (the first is the default)."""
    value = str(site.get(key, choices[0]))
    if value not in choices:
        problems.append(Problem("site_config/site.yaml", lines.get(key),
                                f"'{key}' must be one of {', '.join(choices)}, not {value!r}; using {choices[0]}"))
        return choices[0]
    return value


GAZETTEER_KEYS = ("worldwide", "only_countries", "exclude_countries", "min_population", "transliterated",
                  "transliterated_min_population", "geonames_countries", "exclude")


def _gazetteer(settings, curated: list, problems) -> Gazetteer:
    """The gazetteer settings of site.yaml: worldwide GeoNames by default, narrowed or
    widened by its options; the curated list lent the spellings of the towns of the
    `transliterated` countries, matched with Arabic spelling tolerance."""
    where = "site_config/site.yaml"
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        problems.append(Problem(where, None, "'gazetteer' must be a mapping (" + ", ".join(GAZETTEER_KEYS) + ")"))
        settings = {}
    for k in settings:
        if k not in GAZETTEER_KEYS:
            problems.append(Problem(where, None, f"gazetteer: unknown option {k!r} (known: "
                                    f"{', '.join(GAZETTEER_KEYS)})", "warning"))

    def codes(name):
        v = settings.get(name) or []
        return frozenset(str(c).upper() for c in (v if isinstance(v, list) else [v]))

    def number(name, default):
        try:
            return int(settings.get(name, default))
        except (TypeError, ValueError):
            problems.append(Problem(where, None, f"gazetteer: {name} must be a number; using {default}"))
            return default

    worldwide = settings.get("worldwide", True) is not False
    exclude = frozenset(fold(str(x)) for x in settings.get("exclude") or ())
    # geonames_countries: the former name of `transliterated`
    translit = codes("transliterated") | codes("geonames_countries")
    min_translit = number("transliterated_min_population", 15000)
    out = [(place, list(names)) for place, names in curated]
    owner = {fold(n): i for i, (_, names) in enumerate(out) for n in names}
    for place, names in packaged(sorted(translit), min_translit, country_names=not worldwide):
        names = [n for n in names if fold(n) not in exclude]
        known = {owner[fold(n)] for n in names if fold(n) in owner}
        if len(known) > 1 or not names:
            continue                    # spellings shared by two places: ambiguous, leave them out
        i = known.pop() if known else len(out)
        if i == len(out):
            out.append((place, []))
        for n in names:
            if fold(n) not in owner:
                owner[fold(n)] = i
                out[i][1].append(n)
    return Gazetteer(curated=tuple((place, tuple(names)) for place, names in out), worldwide=worldwide,
                     only_countries=codes("only_countries"), exclude_countries=codes("exclude_countries"),
                     min_population=number("min_population", 1000), exclude=exclude)


def _map_settings(site: dict, lines: dict, problems: list[Problem]) -> tuple[str, str]:
    """site.yaml `map:` (tiles, attribution). Tiles are off unless given: a tile server
    learns who reads which places, and the site must work offline."""
    settings = site.get("map") or {}
    if not isinstance(settings, dict):
        problems.append(Problem("site_config/site.yaml", lines.get("map"), "'map' must be a mapping (tiles, attribution)"))
        return "", ""
    tiles = str(settings.get("tiles") or "").strip()
    if tiles and not (re.match(r"^https://[^\s<>\"']+$", tiles) and all(k in tiles for k in ("{z}", "{x}", "{y}"))):
        problems.append(Problem("site_config/site.yaml", lines.get("map"), "map: 'tiles' must be an https URL "
                                f"with {{z}}, {{x}} and {{y}}, not {tiles!r}; the map uses its own basemap only"))
        tiles = ""
    return tiles, " ".join(str(settings.get("attribution") or "").split())


def published_url(root: Path) -> str:
    """The site's address (mkdocs.yml `site_url`, which the Pages workflow sets through
    SITE_URL), for absolute links in the data files and the feed; "" when unknown."""
    import os
    import yaml

    class Loader(yaml.SafeLoader):
        pass
    # mkdocs.yml's `!ENV [NAME, default]`: the variable, else the default
    Loader.add_constructor("!ENV", lambda loader, node: next(
        (os.environ[n] for n in loader.construct_sequence(node)[:-1] if n in os.environ),
        loader.construct_sequence(node)[-1]) if isinstance(node, yaml.SequenceNode)
        else os.environ.get(loader.construct_scalar(node), ""))
    try:
        data = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
        url = str((data or {}).get("site_url") or "")
    except (OSError, yaml.YAMLError, AttributeError):
        return ""
    return url if re.match(r"^https?://[^\s<>\"']+$", url) else ""


DEFAULT_EVENT_TYPES = Path(__file__).parent / "extract" / "resources" / "en" / "event_types.yaml"


def _event_types(site: list[dict]) -> list[EventType]:
    """The site's own types first (tried first), then the shipped defaults it does not rename;
    a site type named like a default replaces it."""
    defaults = yamlio.read_file(DEFAULT_EVENT_TYPES, str(DEFAULT_EVENT_TYPES))[0] or []
    own = {str(t["name"]) for t in site}
    return [EventType(str(t["name"]), tuple(str(w) for w in t.get("words") or ()))
            for t in site + [d for d in defaults if d["name"] not in own]]


def load_config(root: Path) -> Config:
    sc = root / "site_config"
    problems: list[Problem] = []
    site, site_lines = _load(sc, "site.yaml", problems, {})
    places = []
    data, lines = _load(sc, "places.yaml", problems, [])
    for i, p in enumerate(data):
        try:
            place = Place(str(p["name"]), float(p["lat"]), float(p["lon"]), str(p.get("kind", "")),
                          str(p.get("country") or "").upper())
            if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
                raise ValueError
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(Problem("site_config/places.yaml", lines.get(i),
                                    f"entry {i + 1}: needs name, lat (-90..90) and lon (-180..180); skipped"))
            continue
        places.append((place, tuple([place.name] + [str(a) for a in p.get("aliases") or ()])))
    actors = [Actor(str(a["name"]), tuple(str(x) for x in a.get("aliases") or [a["name"]]), bool(a.get("monitor")))
              for a in _named(sc, "actors.yaml", problems)]
    types = _event_types(_named(sc, "event_types.yaml", problems))
    from .extract.clean import nested_repetition   # here: extract imports this module
    patterns = []
    data, lines = _load(sc, "boilerplate.yaml", problems, [])
    for i, pat in enumerate(data):
        try:
            compiled = re.compile(str(pat), re.I | re.M)
            if nested_repetition(str(pat)):
                problems.append(Problem("site_config/boilerplate.yaml", lines.get(i),
                                        f"pattern {pat!r} repeats a group that itself repeats (like '(\\w+ )*'): "
                                        "on some texts it would run for hours; skipped. Write it without the "
                                        "nested repetition"))
                continue
            patterns.append(compiled)
            if str(pat).startswith(".*"):
                problems.append(Problem("site_config/boilerplate.yaml", lines.get(i),
                                        f"pattern {pat!r} starts with '.*': write '^.*' instead (the same "
                                        "match, but a leading '.*' is slow on long lines)", "warning"))
        except re.error as exc:
            problems.append(Problem("site_config/boilerplate.yaml", lines.get(i), f"bad pattern {pat!r}: {exc}; skipped"))
    gazetteer = _gazetteer(site.get("gazetteer"), places, problems)
    places = list(gazetteer.curated)
    vocabulary, _ = _load(sc, "vocabulary.yaml", problems, {})
    search = _choice(site, site_lines, "search", SEARCH_ENGINES, problems)
    article_pages = _choice(site, site_lines, "article_pages", ARTICLE_PAGES, problems)
    article_text = _choice(site, site_lines, "article_text", ARTICLE_TEXT, problems)
    map_tiles, map_attribution = _map_settings(site, site_lines, problems)
    return Config(root=root, title=str(site.get("title", "Timeline")), description=str(site.get("description", "")),
                  places=tuple(places), gazetteer=gazetteer, actors=tuple(actors), event_types=tuple(types), boilerplate=tuple(patterns),
                  vocabulary=vocabulary, search=search, article_pages=article_pages, article_text=article_text,
                  map_tiles=map_tiles, map_attribution=map_attribution, problems=tuple(problems))


def identity(root: Path) -> tuple[str, str]:
    """The site's title and description from site_config/site.yaml: the one place
    they are set (the MkDocs hook gives them to every page's header and <title>)."""
    site, _ = _load(root / "site_config", "site.yaml", [], {})
    return str(site.get("title") or "Timeline"), str(site.get("description") or "")
