"""Corridors, areas and routes measured in a local metric frame: right anywhere on Earth."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod
from tests.geometries import ACROSS_ANTIMERIDIAN, BOWTIE_65N, M4_SYRIA, ROAD_65N, SQUARE_65N

from trucewatch.errors import GeometryError
from trucewatch.geometry import Area, Band, Route, bearing_point, geodesic_km, to_lonlat

LINES = {"syria": M4_SYRIA, "65N": ROAD_65N, "antimeridian": ACROSS_ANTIMERIDIAN}


GEOD = Geod(ellps="WGS84")


def _midpoint_and_bearing(points: list[tuple[float, float]]) -> tuple[tuple[float, float], float]:
    """The middle of the longest segment and the bearing perpendicular to it (to the left)."""
    segments = list(itertools.pairwise(points))
    a, b = max(segments, key=lambda s: geodesic_km(*s))
    az, _, dist = GEOD.inv(a[1], a[0], b[1], b[0])
    lon, lat, back_az = GEOD.fwd(a[1], a[0], az, dist / 2)
    forward = back_az + 180.0
    return (lat, lon), forward - 90.0


@pytest.mark.parametrize("name", LINES)
@pytest.mark.parametrize("ends", ["flat", "round"])
@pytest.mark.parametrize(("offset_km", "inside"), [(5.999, True), (6.001, False), (0.0, True)])
def test_a_point_off_the_line_is_inside_exactly_when_within_the_half_width(
    name: str, ends: str, offset_km: float, inside: bool
) -> None:
    band = Band.along(LINES[name], half_width_km=6, ends=ends)  # type: ignore[arg-type]
    mid, left = _midpoint_and_bearing(LINES[name])
    for bearing in (left, left + 180.0):
        lat, lon = bearing_point(mid, bearing, offset_km)
        placed = band.locate(lat, lon)
        assert placed.inside is inside
        assert placed.distance_km == pytest.approx(offset_km, abs=0.002)
        assert placed.edge_km == pytest.approx(abs(6 - offset_km), abs=0.002)


def test_at_65_north_a_degree_of_longitude_is_not_a_degree_of_latitude() -> None:
    band = Band.along(ROAD_65N, half_width_km=20)
    # 0.3° of latitude is about 33 km: outside. 0.3° of longitude at the end is about 14 km
    # beyond a flat end: outside too, but within 20 km of the end point for a round end.
    assert not band.locate(65.3, 25.5).inside
    assert not band.locate(65.0, 26.3).inside
    assert Band.along(ROAD_65N, half_width_km=20, ends="round").locate(65.0, 26.3).inside
    assert band.route.length_km == pytest.approx(47.2, abs=0.1)


def test_a_corridor_across_the_antimeridian_is_continuous() -> None:
    band = Band.along(ACROSS_ANTIMERIDIAN, half_width_km=6)
    assert band.route.length_km == pytest.approx(106.4, abs=0.2)
    for lon in (179.9, 180.0, -180.0, -179.9):
        assert band.locate(-17.02, lon).inside
    assert not band.locate(-17.2, 180.0).inside
    outline = band.lonlat()
    assert outline.geom_type == "MultiPolygon"  # cut at ±180° as RFC 7946 asks
    minx, _, maxx, _ = outline.bounds
    assert minx >= -180 and maxx <= 180


def test_flat_and_round_ends_differ_only_beyond_the_ends() -> None:
    flat = Band.along(ROAD_65N, half_width_km=5, ends="flat")
    round_ = Band.along(ROAD_65N, half_width_km=5, ends="round")
    beyond = bearing_point(ROAD_65N[-1], 90.0, 3.0)
    assert not flat.locate(*beyond).inside
    assert round_.locate(*beyond).inside
    assert round_.area_km2 - flat.area_km2 == pytest.approx(3.14159 * 25, rel=0.01)


def test_areas_polygons_and_circles() -> None:
    square = Area.polygon(SQUARE_65N)
    assert square.locate(65.0, 25.5).inside
    assert not square.locate(66.0, 25.5).inside
    # Edges are geodesics (straight in the local frame), so the northern edge bows towards
    # the pole: the point is nearer to its middle than to the 65.5° parallel (55.7 km).
    (lon, lat), *_ = GEOD.npts(24.0, 65.5, 27.0, 65.5, 1)
    assert square.locate(66.0, 25.5).distance_km == pytest.approx(
        geodesic_km((66.0, 25.5), (lat, lon)), abs=0.05
    )
    circle = Area.circle((65.0, 25.0), radius_km=10)
    assert circle.area_km2 == pytest.approx(314.16, rel=0.001)
    east = bearing_point((65.0, 25.0), 90.0, 9.99)
    assert circle.locate(*east).inside
    assert not circle.locate(*bearing_point((65.0, 25.0), 0.0, 10.01)).inside


def test_a_self_intersecting_polygon_is_refused_with_where() -> None:
    with pytest.raises(GeometryError, match=r"edges cross each other near lat 65\.0"):
        Area.polygon(BOWTIE_65N)


@pytest.mark.parametrize(
    ("points", "message"),
    [([(0.0, 0.0)], "at least two points"), ([], "at least two points")],
)
def test_a_line_needs_two_points(points: list[tuple[float, float]], message: str) -> None:
    with pytest.raises(GeometryError, match=message):
        Route(points)


def test_routes_give_linear_references_and_sub_routes() -> None:
    route = Route(M4_SYRIA)
    assert route.length_km == pytest.approx(50.3, abs=0.1)
    assert route.along_km(*M4_SYRIA[0]) == pytest.approx(0.0, abs=0.01)
    assert route.along_km(*M4_SYRIA[-1]) == pytest.approx(route.length_km, abs=0.01)
    backwards = route.between(M4_SYRIA[-1], M4_SYRIA[0])
    assert backwards.length_km == pytest.approx(route.length_km, abs=0.01)
    assert backwards.along_km(*M4_SYRIA[-1]) == pytest.approx(0.0, abs=0.01)
    part = route.between(M4_SYRIA[1], M4_SYRIA[3])
    assert part.length_km == pytest.approx(
        route.along_km(*M4_SYRIA[3]) - route.along_km(*M4_SYRIA[1]), abs=0.01
    )


def test_to_lonlat_leaves_ordinary_shapes_alone() -> None:
    line = Route(M4_SYRIA).lonlat()
    assert to_lonlat(line).equals(line)


@settings(max_examples=60, deadline=None)
@given(
    lat=st.floats(-80, 80),
    lon=st.floats(-180, 180),
    bearing=st.floats(0, 360),
    km=st.floats(0.01, 40),
)
def test_distance_to_a_circle_centre_is_the_geodesic_distance(
    lat: float, lon: float, bearing: float, km: float
) -> None:
    circle = Area.circle((lat, lon), radius_km=20)
    there = bearing_point((lat, lon), bearing, km)
    assert geodesic_km((lat, lon), there) == pytest.approx(km, rel=1e-6)
    placed = circle.locate(*there)
    assert placed.edge_km == pytest.approx(abs(20 - km), abs=0.01)
    assert placed.inside is (km < 20) or abs(km - 20) < 0.01


@settings(max_examples=60, deadline=None)
@given(lat=st.floats(-75, 75), lon=st.floats(-180, 180), km=st.floats(0.1, 11.9))
def test_corridors_anywhere_measure_perpendicular_distance(
    lat: float, lon: float, km: float
) -> None:
    end = bearing_point((lat, lon), 45.0, 30.0)
    band = Band.along([(lat, lon), end], half_width_km=6)
    mid, left = _midpoint_and_bearing([(lat, lon), end])
    placed = band.locate(*bearing_point(mid, left, km))
    assert placed.distance_km == pytest.approx(km, abs=0.005)
    if abs(km - 6) > 0.01:
        assert placed.inside is (km < 6)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(14.6, 121.0), (-33.9, 151.2), (40.7, -74.0), (-35.8, -143.4), (0.0, -143.0)],
)
def test_points_across_the_globe_are_outside_and_measured_on_the_ellipsoid(
    lat: float, lon: float
) -> None:
    """Far from a shape its local frame has no finite coordinates; the answer must not fail."""
    band = Band.along(M4_SYRIA, half_width_km=6)
    area = Area.polygon([(35.55, 36.05), (36.15, 36.45), (36.12, 37.05), (35.25, 36.60)])
    vertex = min(M4_SYRIA, key=lambda p: geodesic_km((lat, lon), p))
    nearest = geodesic_km((lat, lon), vertex)
    placed = band.locate(lat, lon)
    assert placed.inside is False
    assert placed.distance_km == pytest.approx(nearest, rel=1e-6)
    assert placed.edge_km == pytest.approx(nearest - 6, rel=1e-6)
    on_route = Route(M4_SYRIA).locate(lat, lon)
    assert on_route.distance_km == pytest.approx(nearest, rel=1e-6)
    assert on_route.along_km == pytest.approx(Route(M4_SYRIA).along_km(*vertex), abs=1e-6)
    inside = area.locate(lat, lon)
    assert inside.inside is False and inside.distance_km > 1000
    sure_in, sure_out = band.certain(lat, lon, 10.0)
    assert (sure_in, sure_out) == (False, True)
