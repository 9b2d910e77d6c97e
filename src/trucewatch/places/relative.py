"""Relative place expressions: "near X", "the outskirts of X", "X countryside",
"6 km north of X", "between X and Y", each turned into a point and an ACLED geo precision.

ACLED's precision: 1 the named town itself; 2 near a town, or part of a region; 3 a region
(or its capital) as the best available point.

>>> from trucewatch.places.gazetteer import Place
>>> town = Place("t", "Saraqib", 35.8645, 36.8059, "city", "SY", None, 34231, 164816)
>>> located = locate_relative("shelling 6 km north of Saraqib", 23, 30, town)
>>> located.relation, located.precision, round(located.lat, 3)
('6 km north of', 2, 35.919)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trucewatch.extract._prefilter import may_hold, needs_of
from trucewatch.geometry import bearing_point
from trucewatch.places.gazetteer import Place

__all__ = ["Located", "base_precision", "locate_between", "locate_relative"]

_BEARINGS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
    "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}  # fmt: skip
_UNITS = {
    "km": 1.0,
    "kilometre": 1.0,
    "kilometer": 1.0,
    "kms": 1.0,
    "mile": 1.609344,
    "mi": 1.609344,
}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
}  # fmt: skip
_DIRECTION = r"(north|south|east|west)(?:[- ]?(east|west))?(?:ern)?"
_OFFSET = re.compile(
    r"(\d+(?:[.,]\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s*(?:-\s*)?"
    r"(km|kms|kilomet(?:re|er)s?|miles?|mi)\b\.?\s+(?:\([^)]*\)\s+)?"
    + _DIRECTION
    + r"\s+of\s+(?:the\s+)?(?:(?:town|city|village|settlement)\s+of\s+)?$",
    re.IGNORECASE,
)
_BARE_DIRECTION = re.compile(
    _DIRECTION + r"\s+of\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.IGNORECASE
)
_NEAR = re.compile(
    r"\b(near|nearby|close to|outside|around|on the outskirts of|the outskirts of|outskirts of|"
    r"on the edge of|the edge of|in the vicinity of|the vicinity of|suburbs? of)\s+"
    r"(?:the\s+)?(?:(?:town|city|village|settlement)\s+of\s+)?$",
    re.IGNORECASE,
)
_COUNTRYSIDE = re.compile(
    r"^(?:['’]s)?\s+(countryside|outskirts|suburbs|environs|surroundings|area)\b", re.IGNORECASE
)
_WIDE_KINDS = frozenset({"admin1", "admin2", "country", "continent", "region"})
# Words one of which every match holds (a direction; "near", "outskirts", ...): a pattern
# is tried only where the text before the name holds one.
_OFFSET_NEEDS = needs_of(_OFFSET.pattern)
_BARE_NEEDS = needs_of(_BARE_DIRECTION.pattern)
_NEAR_NEEDS = needs_of(_NEAR.pattern)


@dataclass(frozen=True, slots=True)
class Located:
    """A point for a place expression, with ACLED's precision and what it was said to be."""

    lat: float
    lon: float
    precision: int
    relation: str
    anchor: str


def base_precision(place: Place) -> int:
    """The precision of a place named alone: 1 for a town, 3 for a region or country.

    >>> base_precision(Place("x", "Idlib", 35.9, 36.6, "admin1", "SY", None, 0, None))
    3
    """
    return 3 if place.kind in _WIDE_KINDS else 1


def _near(place: Place) -> int:
    return 3 if place.kind in _WIDE_KINDS else 2


_OF_LAST = frozenset({"of", "the"})
"""The words _OFFSET and _BARE_DIRECTION can end with ("6 km north of the ")."""
_NEAR_LAST = _OF_LAST | {"near", "nearby", "to", "outside", "around"}
"""The words _NEAR can end with ("near the ", "close to ", "on the outskirts of ")."""


def _last_word(text: str) -> str:
    """The last word of ``text`` in lower case when whitespace follows it, else ""."""
    if not text or not text[-1].isspace():
        return ""
    end = len(text.rstrip())
    start = end
    while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end].lower()


def locate_relative(text: str, start: int, end: int, place: Place) -> Located:
    """Where the words around a place name at ``text[start:end]`` put the event."""
    before = text[max(0, start - 80) : start]
    # Every relative phrase ends the text before the name with a space after one of a few
    # words: most names are let go on their last word alone, before any pattern (each
    # tries every position of the text).
    last = _last_word(before)
    m = _OFFSET.search(before) if last in _OF_LAST and may_hold(_OFFSET_NEEDS, before) else None
    if m:
        raw = m.group(1).lower().replace(",", ".")
        km = float(_NUMBER_WORDS.get(raw, 0) or raw) * _UNITS[_unit(m.group(2))]
        bearing = _bearing(m.group(3), m.group(4))
        lat, lon = bearing_point((place.lat, place.lon), bearing, km)
        relation = f"{m.group(1)} {m.group(2)} {_direction(m.group(3), m.group(4))} of"
        return Located(lat, lon, _near(place), relation, place.id)
    m = (
        _BARE_DIRECTION.search(before)
        if last in _OF_LAST and may_hold(_BARE_NEEDS, before)
        else None
    )
    if m:
        return Located(place.lat, place.lon, _near(place), f"{_direction(m[1], m[2])} of", place.id)
    m = _NEAR.search(before) if last in _NEAR_LAST and may_hold(_NEAR_NEEDS, before) else None
    if m:
        return Located(place.lat, place.lon, _near(place), m.group(1).lower(), place.id)
    m = _COUNTRYSIDE.match(text[end : end + 40])
    if m:
        return Located(place.lat, place.lon, _near(place), m.group(1).lower(), place.id)
    return Located(place.lat, place.lon, base_precision(place), "at", place.id)


def locate_between(a: Place, b: Place) -> Located:
    """The midpoint of "between A and B", precision 2 (3 when either is a region).

    >>> from trucewatch.places.gazetteer import Place
    >>> a = Place("a", "A", 0.0, 0.0, "city", None, None, 0, None)
    >>> b = Place("b", "B", 0.0, 1.0, "city", None, None, 0, None)
    >>> locate_between(a, b).lon
    0.5
    """
    from trucewatch.geometry import geodesic_km

    km = geodesic_km((a.lat, a.lon), (b.lat, b.lon))
    lat, lon = (a.lat, a.lon) if km == 0 else _midpoint(a, b, km)
    precision = max(_near(a), _near(b))
    return Located(lat, lon, precision, "between", f"{a.id}|{b.id}")


def _midpoint(a: Place, b: Place, km: float) -> tuple[float, float]:
    from pyproj import Geod

    fwd, _, _ = Geod(ellps="WGS84").inv(a.lon, a.lat, b.lon, b.lat)
    return bearing_point((a.lat, a.lon), float(fwd), km / 2)


def _unit(raw: str) -> str:
    raw = raw.lower().rstrip("s")
    return (
        "km"
        if raw.startswith("kilomet") or raw == "km"
        else ("mile" if raw.startswith("mile") else raw)
    )


def _direction(first: str, second: str | None) -> str:
    return (first + (second or "")).lower()


def _bearing(first: str, second: str | None) -> float:
    return _BEARINGS[_direction(first, second)]
