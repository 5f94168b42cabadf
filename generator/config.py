"""Defaults and validation of site_config/: what a user edits to tune the site."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import yamlio

from .model import Place, Problem


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
    problems: tuple[Problem, ...] = ()

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def docs_dir(self) -> Path:
        return self.root / "build" / "docs"


def fold(text: str) -> str:
    """Spelling-insensitive key: no accents, apostrophes, hyphens, al-/el-, case."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"['’`ʼ]", "", t)
    t = re.sub(r"\b(?:al|el|ash|as|ad|ar)[-\s]", "", t)
    t = re.sub(r"[-\s]+", " ", t)
    return re.sub(r"(.)\1", r"\1", t).strip()


def _load(path: Path, problems: list[Problem], default):
    if not path.exists():
        return default
    try:
        data = yamlio.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(str(path), mark.line + 1 if mark else None, f"broken YAML: {exc}"))
        return default
    except UnicodeDecodeError:
        problems.append(Problem(str(path), None, "not valid UTF-8"))
        return default
    return default if data is None else data


def load_config(root: Path) -> Config:
    sc = root / "site_config"
    problems: list[Problem] = []
    site = _load(sc / "site.yaml", problems, {})
    places = []
    for i, p in enumerate(_load(sc / "places.yaml", problems, [])):
        try:
            place = Place(str(p["name"]), float(p["lat"]), float(p["lon"]), str(p.get("kind", "")))
        except (KeyError, TypeError, ValueError):
            problems.append(Problem(str(sc / "places.yaml"), None, f"entry {i + 1}: needs name, lat and lon"))
            continue
        places.append((place, tuple([place.name] + [str(a) for a in p.get("aliases") or ()])))
    actors = tuple(Actor(str(a["name"]), tuple(str(x) for x in a.get("aliases") or [a["name"]]),
                         bool(a.get("monitor"))) for a in _load(sc / "actors.yaml", problems, []) if "name" in a)
    types = tuple(EventType(str(t["name"]), tuple(t.get("words") or ()))
                  for t in _load(sc / "event_types.yaml", problems, []) if "name" in t)
    patterns = []
    for pat in _load(sc / "boilerplate.yaml", problems, []):
        try:
            patterns.append(re.compile(str(pat), re.I | re.M))
        except re.error as exc:
            problems.append(Problem(str(sc / "boilerplate.yaml"), None, f"bad pattern {pat!r}: {exc}"))
    return Config(root=root, title=str(site.get("title", "Timeline")), description=str(site.get("description", "")),
                  places=tuple(places), actors=actors, event_types=types, boilerplate=tuple(patterns),
                  vocabulary=_load(sc / "vocabulary.yaml", problems, {}), problems=tuple(problems))
