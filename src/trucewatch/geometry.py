"""Shapes on the Earth, measured in a local metric frame chosen for each shape.

Every shape (a corridor, an area, a route) is projected once into a transverse Mercator
frame centred on itself (its own central meridian and origin, scale 1), so buffers and
distances are right anywhere on Earth: in Syria, at 65° N, or across the antimeridian.
Within 100 km of a shape's centre the frame's scale is off by less than 0.013 %, under a
metre on a 6 km corridor. Lengths and areas are geodesic.

>>> band = Band.along([(35.86, 36.77), (35.78, 36.25)], half_width_km=6)
>>> band.locate(35.8137, 36.6096).inside
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import CRS, Geod, Transformer
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring
from shapely.validation import explain_validity

from trucewatch.errors import GeometryError

__all__ = [
    "Area",
    "Band",
    "LatLon",
    "LocalFrame",
    "Placement",
    "Route",
    "bearing_point",
    "geodesic_km",
    "to_lonlat",
]

LatLon = tuple[float, float]
"""A point as (latitude, longitude) in degrees, WGS 84."""

Ends = Literal["flat", "round"]

_GEOD = Geod(ellps="WGS84")
_QUAD_SEGS = 64  # arc segments per quarter circle: under half a metre off a 6 km radius


def geodesic_km(a: LatLon, b: LatLon) -> float:
    """The geodesic distance between two points, in km.

    >>> round(geodesic_km((0.0, 0.0), (0.0, 1.0)), 1)
    111.3
    """
    _, _, metres = _GEOD.inv(a[1], a[0], b[1], b[0])
    return float(metres) / 1000.0


def _unwrap(lons: Sequence[float]) -> list[float]:
    """Longitudes made continuous: each within 180° of the one before it."""
    out: list[float] = []
    for lon in lons:
        if out:
            lon = lon + 360.0 * round((out[-1] - lon) / 360.0)
        out.append(lon)
    return out


def _normal_lon(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


class LocalFrame:
    """A transverse Mercator projection centred on a point, in metres.

    >>> frame = LocalFrame(65.0, 25.0)
    >>> [round(v, 6) for v in frame.forward(65.0, 25.0)]
    [0.0, 0.0]
    """

    def __init__(self, lat0: float, lon0: float) -> None:
        self.lat0 = lat0
        self.lon0 = _normal_lon(lon0)
        crs = CRS.from_proj4(
            f"+proj=tmerc +lat_0={lat0:.9f} +lon_0={self.lon0:.9f} +k=1 +datum=WGS84 +units=m"
        )
        self._fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        self._inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

    @classmethod
    def around(cls, points: Sequence[LatLon]) -> LocalFrame:
        """The frame centred on a set of points (antimeridian-aware)."""
        if not points:
            raise GeometryError("a shape needs at least one point")
        lons = _unwrap([p[1] for p in points])
        lats = [p[0] for p in points]
        lat0 = (min(lats) + max(lats)) / 2.0
        lon0 = (min(lons) + max(lons)) / 2.0
        return cls(lat0, lon0)

    def forward(self, lat: float, lon: float) -> tuple[float, float]:
        """Metres east and north of the centre."""
        x, y = self._fwd.transform(lon, lat)
        return float(x), float(y)

    def forward_many(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Vectorised :meth:`forward`."""
        x, y = self._fwd.transform(lons, lats)
        return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)

    def inverse(self, x: float, y: float) -> LatLon:
        """Latitude and longitude of a point given in metres."""
        lon, lat = self._inv.transform(x, y)
        return float(lat), float(lon)

    def line(self, points: Sequence[LatLon]) -> LineString:
        xs, ys = self.forward_many(
            np.array([p[0] for p in points], dtype=np.float64),
            np.array([p[1] for p in points], dtype=np.float64),
        )
        return LineString(np.column_stack([xs, ys]))

    def unproject(self, geom: BaseGeometry) -> BaseGeometry:
        """A metric geometry of this frame back in (longitude, latitude) degrees."""

        def back(coords: NDArray[np.float64]) -> NDArray[np.float64]:
            lon, lat = self._inv.transform(coords[:, 0], coords[:, 1])
            return np.column_stack([_unwrap_array(np.asarray(lon), self.lon0), lat])

        return shapely.transform(geom, back)


def _unwrap_array(lons: NDArray[np.float64], centre: float) -> NDArray[np.float64]:
    return np.asarray(lons + 360.0 * np.round((centre - lons) / 360.0), dtype=np.float64)


def to_lonlat(geom: BaseGeometry) -> BaseGeometry:
    """A geometry whose longitudes may run past ±180°, cut at the antimeridian (RFC 7946).

    >>> to_lonlat(LineString([(179.0, 0.0), (181.0, 0.0)])).geom_type
    'MultiLineString'
    """
    minx, _, maxx, _ = geom.bounds
    if minx >= -180.0 and maxx <= 180.0:
        return geom
    parts: list[BaseGeometry] = []
    for shift in (-360.0, 0.0, 360.0):
        window = shapely.box(-180.0 - shift, -90.0, 180.0 - shift, 90.0)
        piece = geom.intersection(window)
        if not piece.is_empty:
            parts.append(shapely.transform(piece, lambda c, s=shift: c + np.array([s, 0.0])))
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a point lies relative to a shape.

    ``distance_km`` is to the line for bands and routes, to the area (0 inside) for areas;
    ``edge_km`` is to the nearest edge, inside or out; ``along_km`` is the linear
    reference from the line's first point to the point's foot on it.
    """

    inside: bool | None
    distance_km: float
    edge_km: float | None = None
    along_km: float | None = None


class _Certainty:
    """Whether points known only to within a radius are surely inside or surely outside.

    A point known to within r is surely inside when the shape shrunk by r holds it, and
    surely outside when the shape grown by r does not: the same as comparing the distance
    to the edge with r, but as point-in-polygon tests on prepared shapes, fast in bulk.
    """

    metric: BaseGeometry
    _offsets: dict[float, tuple[BaseGeometry, BaseGeometry]]

    def _frame(self) -> LocalFrame:
        raise NotImplementedError

    def contains_many(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64]
    ) -> NDArray[np.bool_]:
        raise NotImplementedError

    def certainty(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64], radius_km: float
    ) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
        """(surely inside, surely outside) for each point known to within ``radius_km``."""
        if radius_km <= 0:
            inside = self.contains_many(lats, lons)
            return inside, ~inside
        if radius_km not in self._offsets:
            metres = radius_km * 1000.0
            shrunk = self.metric.buffer(-metres, quad_segs=_QUAD_SEGS)
            grown = self.metric.buffer(metres, quad_segs=_QUAD_SEGS)
            shapely.prepare(shrunk)
            shapely.prepare(grown)
            self._offsets[radius_km] = (shrunk, grown)
        shrunk, grown = self._offsets[radius_km]
        x, y = self._frame().forward_many(lats, lons)
        return (
            np.asarray(shapely.intersects_xy(shrunk, x, y)),
            ~np.asarray(shapely.intersects_xy(grown, x, y)),
        )

    def certain(self, lat: float, lon: float, radius_km: float) -> tuple[bool, bool]:
        """(surely inside, surely outside) for one point known to within ``radius_km``."""
        sure_in, sure_out = self.certainty(np.array([lat]), np.array([lon]), radius_km)
        return bool(sure_in[0]), bool(sure_out[0])


def _points_xy(frame: LocalFrame, lat: float, lon: float) -> Point:
    return Point(frame.forward(lat, lon))


_BEYOND_KM = 1000.0
"""How far beyond a shape's farthest vertex a point is no longer measured in its frame."""


class _Outline:
    """A shape's vertices in latitude and longitude, to measure far points geodesically.

    A transverse Mercator frame is exact near its centre and useless across the globe
    (near 90° from the central meridian it has no finite coordinates at all). A point
    more than ``_BEYOND_KM`` beyond the shape's farthest vertex is outside it, and its
    distance is measured on the ellipsoid to the nearest vertex: off by no more than the
    distance between vertices, which is small beside the distance itself.
    """

    def __init__(self, frame: LocalFrame, vertices: NDArray[np.float64]) -> None:
        self.lats = vertices[:, 0]
        self.lons = vertices[:, 1]
        self.lat0 = np.full_like(self.lats, frame.lat0)
        self.lon0 = np.full_like(self.lons, frame.lon0)
        _, _, metres = _GEOD.inv(self.lon0, self.lat0, self.lons, self.lats)
        self.reach_km = float(np.max(metres)) / 1000.0 if len(metres) else 0.0
        self.frame = frame

    def far(self, lat: float, lon: float) -> tuple[float, int] | None:
        """(km to the nearest vertex, its index) when the point is far, else None."""
        _, _, centre = _GEOD.inv(self.frame.lon0, self.frame.lat0, lon, lat)
        if centre / 1000.0 <= self.reach_km + _BEYOND_KM:
            return None
        n = len(self.lats)
        _, _, metres = _GEOD.inv(np.full(n, lon), np.full(n, lat), self.lons, self.lats)
        nearest = int(np.argmin(metres))
        return float(metres[nearest]) / 1000.0, nearest


def _check_line(points: Sequence[LatLon]) -> None:
    if len(points) < 2:
        raise GeometryError(f"a line needs at least two points, found {len(points)}")


class Route:
    """A line on the Earth with linear referencing (km from its first point).

    >>> route = Route([(0.0, 0.0), (0.0, 1.0)])
    >>> round(route.length_km, 1)
    111.3
    """

    def __init__(self, points: Sequence[LatLon]) -> None:
        _check_line(points)
        self.points = tuple((float(a), float(b)) for a, b in points)
        self.frame = LocalFrame.around(self.points)
        self.metric = self.frame.line(self.points)

    @cached_property
    def length_km(self) -> float:
        """Geodesic length in km."""
        lons = _unwrap([p[1] for p in self.points])
        lats = [p[0] for p in self.points]
        return float(_GEOD.line_length(lons, lats)) / 1000.0

    @cached_property
    def outline(self) -> _Outline:
        """The route's points, to measure far points geodesically."""
        return _Outline(self.frame, np.array(self.points, dtype=np.float64))

    def locate(self, lat: float, lon: float) -> Placement:
        """Distance to the route and position along it."""
        far = self.outline.far(lat, lon)
        if far is not None:
            km, vertex = far
            return Placement(None, km, along_km=self._along_vertex(vertex))
        pt = _points_xy(self.frame, lat, lon)
        along = self.metric.project(pt) / self.metric.length * self.length_km
        return Placement(None, self.metric.distance(pt) / 1000.0, along_km=along)

    def _along_vertex(self, vertex: int) -> float:
        foot = float(self.metric.project(Point(self.metric.coords[vertex])))
        return foot / float(self.metric.length) * self.length_km

    def along_km(self, lat: float, lon: float) -> float:
        """Km from the route's start to the foot of the point on the route."""
        along = self.locate(lat, lon).along_km
        assert along is not None
        return along

    def between(self, start: LatLon, end: LatLon) -> Route:
        """The part of the route between the feet of two points, in the route's direction."""
        a = self.metric.project(_points_xy(self.frame, *start))
        b = self.metric.project(_points_xy(self.frame, *end))
        lo, hi = sorted((a, b))
        piece = substring(self.metric, lo, hi)
        if piece.geom_type != "LineString" or piece.length == 0:
            raise GeometryError("the two points fall on the same spot of the route")
        coords = [self.frame.inverse(x, y) for x, y in piece.coords]
        return Route(coords if a <= b else coords[::-1])

    def lonlat(self) -> BaseGeometry:
        """The route in (longitude, latitude), cut at the antimeridian."""
        return to_lonlat(LineString([(lon, lat) for lat, lon in _unwrapped(self.points)]))


def _unwrapped(points: Sequence[LatLon]) -> list[LatLon]:
    lons = _unwrap([p[1] for p in points])
    return [(p[0], lon) for p, lon in zip(points, lons, strict=True)]


class Band(_Certainty):
    """A corridor: every point within ``half_width_km`` of a line, with flat or round ends.

    >>> band = Band.along([(65.0, 25.0), (65.0, 26.0)], half_width_km=5)
    >>> band.locate(65.04, 25.5).inside, band.locate(65.05, 25.5).inside
    (True, False)
    """

    def __init__(self, route: Route, half_width_km: float, ends: Ends = "flat") -> None:
        if not half_width_km > 0:
            raise GeometryError(
                f"a corridor's half-width must be above 0 km, found {half_width_km}"
            )
        self.route = route
        self.half_width_km = float(half_width_km)
        self.ends: Ends = ends
        self._w = self.half_width_km * 1000.0
        self.metric = route.metric.buffer(
            self._w, quad_segs=_QUAD_SEGS, cap_style=ends, join_style="round"
        )
        shapely.prepare(self.metric)
        self._offsets = {}

    def _frame(self) -> LocalFrame:
        return self.route.frame

    @classmethod
    def along(cls, points: Sequence[LatLon], half_width_km: float, ends: Ends = "flat") -> Band:
        """The band along a line given by its points."""
        return cls(Route(points), half_width_km, ends)

    @cached_property
    def area_km2(self) -> float:
        """Geodesic area in km²."""
        return _geodesic_area_km2(self.route.frame.unproject(self.metric))

    def locate(self, lat: float, lon: float) -> Placement:
        """Inside or not, distance to the centreline, to the edge, and along the line."""
        far = self.route.outline.far(lat, lon)
        if far is not None:
            km, vertex = far
            along = self.route._along_vertex(vertex)
            return Placement(False, km, km - self.half_width_km, along)
        pt = _points_xy(self.route.frame, lat, lon)
        d = self.route.metric.distance(pt)
        along = self.route.metric.project(pt) / self.route.metric.length * self.route.length_km
        if self.ends == "round":
            # Exact: a round-ended band is every point within the half-width of the line.
            inside = d <= self._w
            edge = abs(self._w - d)
        else:
            inside = bool(self.metric.contains(pt) or self.metric.boundary.distance(pt) == 0)
            edge = self.metric.boundary.distance(pt)
        return Placement(inside, d / 1000.0, edge / 1000.0, along)

    def contains_many(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64]
    ) -> NDArray[np.bool_]:
        """Vectorised inside test for many points."""
        x, y = self.route.frame.forward_many(lats, lons)
        if self.ends == "round":
            pts = shapely.points(x, y)
            return np.asarray(shapely.distance(self.route.metric, pts) <= self._w)
        return np.asarray(shapely.intersects_xy(self.metric, x, y))

    def lonlat(self) -> BaseGeometry:
        """The band's outline in (longitude, latitude), cut at the antimeridian."""
        return to_lonlat(self.route.frame.unproject(self.metric))


class Area(_Certainty):
    """A polygon or a circle on the Earth.

    >>> circle = Area.circle((65.0, 25.0), radius_km=10)
    >>> circle.locate(65.0, 25.2).inside, round(circle.area_km2)
    (True, 314)
    """

    def __init__(self, metric: Polygon | MultiPolygon, frame: LocalFrame) -> None:
        self.metric = metric
        self.frame = frame
        shapely.prepare(self.metric)
        self._offsets = {}

    def _frame(self) -> LocalFrame:
        return self.frame

    @classmethod
    def polygon(cls, ring: Sequence[LatLon]) -> Area:
        """The area inside a ring of points (closed automatically)."""
        pts = list(ring)
        if len(pts) > 1 and pts[0] == pts[-1]:
            pts = pts[:-1]
        if len(pts) < 3:
            raise GeometryError(f"a polygon needs at least three corners, found {len(pts)}")
        frame = LocalFrame.around(pts)
        line = frame.line([*pts, pts[0]])
        poly = Polygon(line.coords)
        if not poly.is_valid:
            raise GeometryError(_why_invalid(poly, frame))
        return cls(poly, frame)

    @classmethod
    def from_lonlat(cls, geom: BaseGeometry) -> Area:
        """The area of a (Multi)Polygon given in (longitude, latitude), e.g. from GeoJSON."""
        if geom.geom_type not in {"Polygon", "MultiPolygon"} or geom.is_empty:
            raise GeometryError(
                f"an area must be a Polygon or MultiPolygon, found {geom.geom_type}"
            )
        coords = shapely.get_coordinates(geom)
        frame = LocalFrame.around([(float(lat), float(lon)) for lon, lat in coords])
        metric = shapely.transform(
            geom, lambda c: np.column_stack(frame.forward_many(c[:, 1], c[:, 0]))
        )
        if not metric.is_valid:
            raise GeometryError(_why_invalid(metric, frame))
        assert isinstance(metric, Polygon | MultiPolygon)
        return cls(metric, frame)

    @classmethod
    def circle(cls, centre: LatLon, radius_km: float) -> Area:
        """Every point within ``radius_km`` of a centre."""
        if not radius_km > 0:
            raise GeometryError(f"a circle's radius must be above 0 km, found {radius_km}")
        frame = LocalFrame(centre[0], centre[1])
        return cls(Point(0.0, 0.0).buffer(radius_km * 1000.0, quad_segs=_QUAD_SEGS), frame)

    @cached_property
    def area_km2(self) -> float:
        """Geodesic area in km²."""
        return _geodesic_area_km2(self.frame.unproject(self.metric))

    @cached_property
    def outline(self) -> _Outline:
        """The outline's vertices, to measure far points geodesically."""
        ring = shapely.get_coordinates(self.frame.unproject(self.metric.boundary))
        return _Outline(self.frame, np.column_stack([ring[:, 1], ring[:, 0]]))

    def locate(self, lat: float, lon: float) -> Placement:
        """Inside or not, distance to the area (0 inside) and to its edge."""
        far = self.outline.far(lat, lon)
        if far is not None:
            return Placement(False, far[0], far[0])
        pt = _points_xy(self.frame, lat, lon)
        inside = bool(self.metric.intersects(pt))
        edge = self.metric.boundary.distance(pt) / 1000.0
        return Placement(inside, 0.0 if inside else edge, edge)

    def contains_many(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64]
    ) -> NDArray[np.bool_]:
        """Vectorised inside test for many points."""
        x, y = self.frame.forward_many(lats, lons)
        return np.asarray(shapely.intersects_xy(self.metric, x, y))

    def lonlat(self) -> BaseGeometry:
        """The outline in (longitude, latitude), cut at the antimeridian."""
        return to_lonlat(self.frame.unproject(self.metric))


def _why_invalid(poly: BaseGeometry, frame: LocalFrame) -> str:
    reason = explain_validity(poly)
    where = ""
    if "[" in reason:
        try:
            x, y = (float(v) for v in reason[reason.index("[") + 1 : reason.index("]")].split())
            lat, lon = frame.inverse(x, y)
            where = f" near lat {lat:.4f}, lon {_normal_lon(lon):.4f}"
        except ValueError:
            where = ""
    kind = reason.split("[")[0].strip().lower() or "invalid shape"
    if kind == "self-intersection":
        return (
            f"the polygon's edges cross each other{where}; list its corners in order "
            "around the outline, clockwise or anticlockwise"
        )
    return f"the polygon is not a valid area ({kind}{where})"


def _geodesic_area_km2(geom: BaseGeometry) -> float:
    area, _ = _GEOD.geometry_area_perimeter(geom)
    return abs(float(area)) / 1e6


def bearing_point(origin: LatLon, bearing_deg: float, km: float) -> LatLon:
    """The point ``km`` from ``origin`` along a bearing (degrees clockwise from north).

    >>> [round(v, 3) for v in bearing_point((0.0, 0.0), 90.0, 111.32)]
    [0.0, 1.0]
    """
    lon, lat, _ = _GEOD.fwd(origin[1], origin[0], bearing_deg, km * 1000.0)
    return float(lat), _normal_lon(float(lon))
