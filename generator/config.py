"""Defaults and validation of site_config/: what a user edits to tune the site."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import yamlio

from .gazetteer import fold, packaged
from .model import Place, Problem


SEARCH_ENGINES = ("auto", "material", "pagefind")
ARTICLE_PAGES = ("auto", "each", "monthly")


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
    actors: tuple[Actor, ...] = ()
    event_types: tuple[EventType, ...] = ()
    boilerplate: tuple[re.Pattern, ...] = ()
    vocabulary: dict = field(default_factory=dict)
    search: str = "auto"       # material | pagefind | auto (Pagefind for large sites)
    article_pages: str = "auto"   # each | monthly | auto (a page per month for large sites)
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
    if not path.exists():
        return default, {}
    try:
        data, node = yamlio.load_with_lines(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        problems.append(Problem(rel, yamlio.error_line(exc), f"broken YAML: {getattr(exc, 'problem', None) or exc}"))
        return default, {}
    except UnicodeDecodeError:
        problems.append(Problem(rel, None, "not valid UTF-8"))
        return default, {}
    if data is None:
        return default, {}
    if not isinstance(data, type(default)):
        problems.append(Problem(rel, 1, f"expected a {'list' if isinstance(default, list) else 'mapping'}; file ignored"))
        return default, {}
    return data, yamlio.child_lines(node)


def _packaged_places(settings, curated: list, problems) -> list:
    """The curated gazetteer widened by GeoNames: new towns and countries are
    added, and a town the curated list already has lends it its other spellings."""
    if not settings:
        return curated
    if not isinstance(settings, dict):
        problems.append(Problem("site_config/site.yaml", None, "'gazetteer' must be a mapping "
                                "(geonames_countries, exclude, min_population)"))
        return curated
    out = [(place, list(names)) for place, names in curated]
    owner = {fold(n): i for i, (_, names) in enumerate(out) for n in names}
    exclude = {fold(str(x)) for x in settings.get("exclude") or ()}
    for place, names in packaged([str(c) for c in settings.get("geonames_countries") or ()],
                                 int(settings.get("min_population") or 0)):
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
    return [(place, tuple(names)) for place, names in out]


def load_config(root: Path) -> Config:
    sc = root / "site_config"
    problems: list[Problem] = []
    site, site_lines = _load(sc, "site.yaml", problems, {})
    places = []
    data, lines = _load(sc, "places.yaml", problems, [])
    for i, p in enumerate(data):
        try:
            place = Place(str(p["name"]), float(p["lat"]), float(p["lon"]), str(p.get("kind", "")))
            if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
                raise ValueError
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(Problem("site_config/places.yaml", lines.get(i),
                                    f"entry {i + 1}: needs name, lat (-90..90) and lon (-180..180); skipped"))
            continue
        places.append((place, tuple([place.name] + [str(a) for a in p.get("aliases") or ()])))
    actors = []
    data, lines = _load(sc, "actors.yaml", problems, [])
    for i, a in enumerate(data):
        if not isinstance(a, dict) or not a.get("name"):
            problems.append(Problem("site_config/actors.yaml", lines.get(i), f"entry {i + 1}: needs a name; skipped"))
            continue
        actors.append(Actor(str(a["name"]), tuple(str(x) for x in a.get("aliases") or [a["name"]]), bool(a.get("monitor"))))
    types = []
    data, lines = _load(sc, "event_types.yaml", problems, [])
    for i, t in enumerate(data):
        if not isinstance(t, dict) or not t.get("name"):
            problems.append(Problem("site_config/event_types.yaml", lines.get(i), f"entry {i + 1}: needs a name; skipped"))
            continue
        types.append(EventType(str(t["name"]), tuple(str(w) for w in t.get("words") or ())))
    patterns = []
    data, lines = _load(sc, "boilerplate.yaml", problems, [])
    for i, pat in enumerate(data):
        try:
            patterns.append(re.compile(str(pat), re.I | re.M))
            if str(pat).startswith(".*"):
                problems.append(Problem("site_config/boilerplate.yaml", lines.get(i),
                                        f"pattern {pat!r} starts with '.*': write '^.*' instead (the same "
                                        "match, but a leading '.*' is slow on long lines)", "warning"))
        except re.error as exc:
            problems.append(Problem("site_config/boilerplate.yaml", lines.get(i), f"bad pattern {pat!r}: {exc}; skipped"))
    places = _packaged_places(site.get("gazetteer"), places, problems)
    vocabulary, _ = _load(sc, "vocabulary.yaml", problems, {})
    search = str(site.get("search", "auto"))
    if search not in SEARCH_ENGINES:
        problems.append(Problem("site_config/site.yaml", site_lines.get("search"),
                                f"'search' must be one of {', '.join(SEARCH_ENGINES)}, not {search!r}; using auto"))
        search = "auto"
    article_pages = str(site.get("article_pages", "auto"))
    if article_pages not in ARTICLE_PAGES:
        problems.append(Problem("site_config/site.yaml", site_lines.get("article_pages"),
                                f"'article_pages' must be one of {', '.join(ARTICLE_PAGES)}, not {article_pages!r}; "
                                "using auto"))
        article_pages = "auto"
    return Config(root=root, title=str(site.get("title", "Timeline")), description=str(site.get("description", "")),
                  places=tuple(places), actors=tuple(actors), event_types=tuple(types), boilerplate=tuple(patterns),
                  vocabulary=vocabulary, search=search, article_pages=article_pages, problems=tuple(problems))
