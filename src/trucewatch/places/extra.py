"""User places from a CSV or GeoJSON file, as :class:`ExtraPlace` records.

CSV: a header with ``lat`` and ``lon`` (or ``latitude``/``longitude``), a ``name`` or
``names`` column (several names separated by ``|``), optional ``id`` and ``country``.
GeoJSON: Point features (or a single Feature) with ``name`` or ``names`` in properties.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from trucewatch.errors import InputError
from trucewatch.places.gazetteer import ExtraPlace

__all__ = ["read_places"]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "place"


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(n.strip() for n in str(value or "").split("|") if n.strip())


def read_places(path: Path) -> list[ExtraPlace]:
    """The places in a CSV or GeoJSON file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            f"{path}: no such file; expected a CSV or GeoJSON file of places"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    if path.suffix.lower() in (".json", ".geojson") or text.lstrip().startswith("{"):
        return _geojson(path, text)
    return _csv(path, text)


def _csv(path: Path, text: str) -> list[ExtraPlace]:
    reader = csv.DictReader(text.splitlines())
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    lat_key = "lat" if "lat" in fields else "latitude"
    lon_key = "lon" if "lon" in fields else "longitude"
    if lat_key not in fields or lon_key not in fields or not fields & {"name", "names"}:
        raise InputError(
            f"{path}:1: expected a header with name (or names), lat and lon; found "
            f"{', '.join(sorted(fields)) or 'nothing'}"
        )
    out: list[ExtraPlace] = []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        names = _names(row.get("names") or row.get("name"))
        try:
            lat, lon = float(row[lat_key]), float(row[lon_key])
        except ValueError:
            found = f"{row[lat_key]!r}, {row[lon_key]!r}"
            raise InputError(f"{path}:{line}: lat and lon must be numbers, found {found}") from None
        if not names:
            raise InputError(f"{path}:{line}: a place needs a name")
        _check(path, line, lat, lon)
        ident = row.get("id") or _slug(names[0])
        out.append(
            ExtraPlace(ident, names, lat, lon, row.get("country") or None, f"file:{path.name}")
        )
    return out


def _geojson(path: Path, text: str) -> list[ExtraPlace]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    features = data.get("features", [data]) if isinstance(data, dict) else []
    out: list[ExtraPlace] = []
    for n, feat in enumerate(features, start=1):
        geom = (feat or {}).get("geometry") or {}
        props = (feat or {}).get("properties") or {}
        if geom.get("type") != "Point":
            raise InputError(f"{path}: feature {n} is a {geom.get('type')!r}; expected a Point")
        lon, lat = (float(v) for v in geom["coordinates"][:2])
        names = _names(props.get("names") or props.get("name"))
        if not names:
            raise InputError(f"{path}: feature {n} has no name or names property")
        _check(path, n, lat, lon)
        ident = str(props.get("id") or feat.get("id") or _slug(names[0]))
        out.append(ExtraPlace(ident, names, lat, lon, props.get("country"), f"file:{path.name}"))
    return out


def _check(path: Path, where: int, lat: float, lon: float) -> None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(
            f"{path}:{where}: lat {lat}, lon {lon} is not on Earth (lat first, then lon)"
        )
