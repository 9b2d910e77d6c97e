"""Named test shapes, reused across the geometry and agreement tests."""

from __future__ import annotations

from trucewatch.geometry import LatLon

# The M4 between Ain al-Havr and Trumba (approximate waypoints, west to east).
M4_SYRIA: list[LatLon] = [
    (35.775, 36.245),
    (35.806, 36.33),
    (35.78735, 36.4721),
    (35.795, 36.545),
    (35.822, 36.61),
    (35.8692, 36.7183),
    (35.8603, 36.7678),
]

# A straight east-west road at 65° N, where a degree of longitude is only about 47 km.
ROAD_65N: list[LatLon] = [(65.0, 25.0), (65.0, 26.0)]

# A line across the antimeridian near Fiji: 179.5° E to 179.5° W.
ACROSS_ANTIMERIDIAN: list[LatLon] = [(-17.0, 179.5), (-17.0, -179.5)]

# A square region around the 65° N road, corners listed in order.
SQUARE_65N: list[LatLon] = [(64.5, 24.0), (65.5, 24.0), (65.5, 27.0), (64.5, 27.0)]

# The same corners in the wrong order: the edges cross.
BOWTIE_65N: list[LatLon] = [(64.5, 24.0), (65.5, 24.0), (64.5, 27.0), (65.5, 27.0)]
