"""Geoparsing a text: find place names, resolve them, read relative expressions around them.

>>> from trucewatch.places.gazetteer import Gazetteer
>>> from trucewatch.places.sources import Entry, Kind
>>> gaz = Gazetteer.from_entries([Entry("s", "Saraqib", 35.8645, 36.8059, Kind.CITY, "SY",
...     population=34_000, names=["Saraqeb"])])
>>> [(p.text, p.precision) for p in geoparse("Shelling near Saraqeb.", gaz, PlaceFinder(gaz))]
[('Saraqeb', 2)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from trucewatch.places.finder import PlaceFinder
from trucewatch.places.gazetteer import Gazetteer, Place
from trucewatch.places.relative import Located, base_precision, locate_between, locate_relative
from trucewatch.places.resolve import Context, Mention, resolve

__all__ = ["PlaceMention", "geoparse"]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: where the name is, what it resolved to, and the point meant."""

    text: str
    start: int
    end: int
    place: Place | None
    lat: float | None
    lon: float | None
    precision: int | None
    relation: str
    demonym: bool
    confidence: float


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns|cities|villages)\s+of\s+)?$", re.I)


def geoparse(
    text: str,
    gaz: Gazetteer,
    finder: PlaceFinder | None = None,
    context: Context | None = None,
    names: Sequence[Mention] | None = None,
) -> list[PlaceMention]:
    """Every place named in ``text``, resolved, with the point and precision each is meant at.

    ``names`` are the names ``finder`` found in ``text`` when already known (by
    :meth:`PlaceFinder.find_many`, which reads many texts in one go).
    """
    finder = finder or PlaceFinder(gaz)
    ours = finder.gaz is gaz  # then its caches of names and readings serve here too
    lookup = finder.matches if ours else None
    found = finder.find(text) if names is None else names
    resolved = resolve(text, found, gaz, context, lookup, finder.readings if ours else None)
    located: list[Located | None] = []
    for r in resolved:
        if r.place is None or r.fallback:
            located.append(None)
        else:
            located.append(locate_relative(text, r.mention.start, r.mention.end, r.place))
    for i in range(len(resolved) - 1):
        a, b = resolved[i], resolved[i + 1]
        gap = text[a.mention.end : b.mention.start]
        if (
            a.place
            and b.place
            and not a.fallback
            and not b.fallback
            and gap.strip().lower() == "and"
            and base_precision(a.place) == base_precision(b.place) == 1
            and _BETWEEN.search(text[max(0, a.mention.start - 60) : a.mention.start])
        ):
            located[i] = located[i + 1] = locate_between(a.place, b.place)
    out: list[PlaceMention] = []
    for r, loc in zip(resolved, located, strict=True):
        if r.fallback or r.place is None:
            continue
        point = loc or Located(r.place.lat, r.place.lon, base_precision(r.place), "at", r.place.id)
        out.append(
            PlaceMention(
                text=r.mention.text,
                start=r.mention.start,
                end=r.mention.end,
                place=r.place,
                lat=point.lat,
                lon=point.lon,
                precision=point.precision,
                relation=point.relation,
                demonym=r.mention.demonym,
                confidence=round(r.confidence, 3),
            )
        )
    return out
