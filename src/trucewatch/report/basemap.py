"""Country outlines for the report's map, from the countryinfo package (offline).

>>> names = [name for name, _ in countries_in((35.0, 34.0, 38.0, 37.0))]
>>> "Syria" in names and "Turkey" in names
True
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources

import shapely
import shapely.errors
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

__all__ = ["countries_in"]


@cache
def _outlines() -> tuple[tuple[str, BaseGeometry], ...]:
    """Every country outline countryinfo ships, read once."""
    out = []
    folder = resources.files("countryinfo") / "data"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            info = json.loads(entry.read_text(encoding="utf-8"))
            features = info["geoJSON"]["features"]
            parts = [
                shapely.make_valid(shape(f["geometry"])) for f in features if f.get("geometry")
            ]
            geom = shapely.union_all(parts)
        except (KeyError, TypeError, ValueError, shapely.errors.GEOSException):
            continue  # an entry without a usable outline (some territories have none)
        if not geom.is_empty:
            out.append((str(info.get("name", entry.name[:-5])), geom))
    return tuple(out)


def countries_in(bounds: tuple[float, float, float, float]) -> Iterator[tuple[str, BaseGeometry]]:
    """(name, outline) for every country that meets a (west, south, east, north) box."""
    box = shapely.box(*bounds)
    for name, geom in _outlines():
        if geom.intersects(box):
            try:
                yield name, geom.intersection(box)
            except shapely.errors.GEOSException:
                continue
