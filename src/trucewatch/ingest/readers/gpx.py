"""GPX files: each track, route, or set of timed waypoints a patrol track document.

A track is stored as a document (``source_kind`` ``gpx``) rather than placed on a route at
once: the agreements it belongs to may be loaded later or amended, and a document keeps
the points whatever happens to them. Its text lists the points, one a line, so its id
(the hash of its text) is the track's own; ``meta["track"]`` holds them as numbers for
:func:`trucewatch.store.patrols.place_patrols`, which puts tracks on the patrol routes.

The XML is read with the standard library's expat parser, and any document type
declaration is refused before it is read: GPX needs none, and refusing them rules out
entity expansion ("billion laughs") and external entities.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from trucewatch.errors import InputError
from trucewatch.ingest.readers import clean, reader
from trucewatch.ingest.records import Draft, Failure, Options, Raw

__all__ = ["TrackPoint", "parse_gpx", "read_gpx"]

TrackPoint = tuple[float, float, str | None]
"""(latitude, longitude, ISO 8601 time in UTC or None)."""

_POINTS = {"trkpt": "track", "rtept": "route", "wpt": "waypoints"}
_CONTAINERS = {"trk": "track", "rte": "route"}


@dataclass
class _Line:
    kind: str
    name: str | None = None
    points: list[TrackPoint] = field(default_factory=list)


class _Refused(Exception):
    """A declaration GPX never needs (a DOCTYPE or an entity)."""


@dataclass
class _Builder:
    """Collects tracks, routes and waypoints as expat reports elements."""

    lines: list[_Line] = field(default_factory=list)
    waypoints: _Line = field(default_factory=lambda: _Line("waypoints"))
    current: _Line | None = None
    point: dict[str, Any] | None = None
    stack: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    name: str | None = None
    problems: list[str] = field(default_factory=list)
    root: str | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(" ", 1)[-1]
        if self.root is None:
            self.root = local
        self.stack.append(local)
        self.text = []
        if local in _CONTAINERS:
            self.current = _Line(_CONTAINERS[local])
        elif local in _POINTS:
            self.point = {"tag": local, "lat": attrs.get("lat"), "lon": attrs.get("lon")}

    def characters(self, data: str) -> None:
        self.text.append(data)

    def end(self, tag: str) -> None:
        local = self.stack.pop() if self.stack else tag
        value = "".join(self.text).strip()
        self.text = []
        if local == "time" and self.point is not None:
            self.point["time"] = value
        elif local == "name" and self.point is None:
            if self.current is not None and self.stack and self.stack[-1] in _CONTAINERS:
                self.current.name = clean(value)
            elif self.stack and self.stack[-1] in {"metadata", "gpx"}:
                self.name = clean(value)
        elif local in _POINTS and self.point is not None:
            found = self._checked(self.point)
            if found is not None:
                target = self.waypoints if local == "wpt" else self.current
                if target is not None:
                    target.points.append(found)
            self.point = None
        elif local in _CONTAINERS and self.current is not None:
            self.lines.append(self.current)
            self.current = None

    def _checked(self, point: dict[str, Any]) -> TrackPoint | None:
        where = f"<{point['tag']}> {len(self.problems) + 1}"
        try:
            lat, lon = float(point["lat"]), float(point["lon"])
        except (TypeError, ValueError):
            self.problems.append(
                f"{where}: lat and lon must be numbers, found lat={point['lat']!r} "
                f"lon={point['lon']!r}"
            )
            return None
        if not (
            math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180
        ):
            self.problems.append(f"{where}: lat {lat} or lon {lon} is out of range")
            return None
        when = point.get("time")
        return (lat, lon, _utc(when) if when else None)


def _utc(text: str) -> str | None:
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)  # GPX times are UTC by definition
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _refuse(*_: Any) -> None:
    raise _Refused


def parse_gpx(data: bytes) -> tuple[str | None, list[tuple[str, str | None, list[TrackPoint]]]]:
    """The file's name and its lines: (kind, name, points) for each track and route, and
    the waypoints that carry times as one more line.

    >>> parse_gpx(b'<gpx><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>')
    (None, [('track', None, [(1.0, 2.0, None)])])
    """
    built = _Builder()
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.StartElementHandler = built.start
    parser.EndElementHandler = built.end
    parser.CharacterDataHandler = built.characters
    try:
        parser.Parse(data, True)
    except _Refused:
        raise InputError(
            "refused: the GPX file declares a document type or entities, which GPX never "
            "needs (a sign of a hostile file)"
        ) from None
    except xml.parsers.expat.ExpatError as exc:
        raise InputError(
            f"not well-formed XML (line {exc.lineno}, column {exc.offset + 1}: "
            f"{xml.parsers.expat.ErrorString(exc.code)}); nothing from it was stored"
        ) from None
    if built.root != "gpx":
        raise InputError(f"expected a GPX file (a <gpx> root element), found <{built.root}>")
    if built.problems:
        raise InputError(
            "bad points: "
            + "; ".join(built.problems[:3])
            + (f" and {len(built.problems) - 3} more" if len(built.problems) > 3 else "")
        )
    lines = [(ln.kind, ln.name, ln.points) for ln in built.lines if ln.points]
    timed = [p for p in built.waypoints.points if p[2] is not None]
    if timed:
        lines.append(("waypoints", None, sorted(timed, key=lambda p: p[2] or "")))
    return built.name, lines


def _text(kind: str, name: str | None, points: list[TrackPoint]) -> str:
    head = f"GPS {kind} {name!r}" if name else f"GPS {kind}"
    body = "\n".join(
        f"{lat:.6f} {lon:.6f}" + (f" {when}" if when else "") for lat, lon, when in points
    )
    return f"{head}, {len(points)} points:\n{body}"


@reader("gpx", ".gpx", content_types=("application/gpx+xml",))
def read_gpx(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
    """A GPX file: each track or route (and the timed waypoints) one patrol track document."""
    name, lines = parse_gpx(raw.data)
    if not lines:
        raise InputError(
            "the GPX file holds no track points, route points or timed waypoints; "
            "nothing from it was stored"
        )
    for number, (kind, line_name, points) in enumerate(lines, start=1):
        times = [p[2] for p in points if p[2] is not None]
        published = dt.datetime.fromisoformat(times[0].replace("Z", "+00:00")) if times else None
        title = line_name or name or raw.name
        yield Draft(
            text=_text(kind, line_name or name, points),
            source=raw.source if len(lines) == 1 else f"{raw.source}#{number}",
            kind="gpx",
            title=clean(title),
            url=raw.url,
            published=published,
            published_precision="time" if published else None,
            meta={
                "track": {
                    "kind": kind,
                    "name": line_name or name,
                    "points": [list(p) for p in points],
                    "start": times[0] if times else None,
                    "end": times[-1] if times else None,
                }
            },
        )
