"""Named places and texts the places tests share (written for trucewatch, not copied)."""

from __future__ import annotations

from trucewatch.places import Entry, ExtraPlace, Kind

# GeoNames points of the places the seed reports name (geonameid: lat, lon).
GEONAMES = {
    "Maarat Misrin": (170017, 36.01152, 36.67183),
    "Saraqeb": (164816, 35.86447, 36.80591),
    "Kfar Nabl": (169113, 35.61376, 36.56449),
    "Idlib": (169389, 35.93062, 36.63393),
    "Moscow": (524901, 55.75222, 37.61556),
    "Kastanies": (735938, 41.64551, 26.47676),
    "Edirne": (747712, 41.67719, 26.55597),
    "Serres": (734330, 41.08499, 23.54757),
}

# The example agreement's named places, as the agreement model will hand them over.
AGREEMENT_PLACES = (
    ExtraPlace(
        "trumba",
        ("Trumba", "Turnabah", "Tarnaba", "Tarnabeh", "Trenbeh"),
        35.8603,
        36.7678,
        "SY",
        "agreement",
    ),
    ExtraPlace(
        "ain-al-havr",
        ("Ain al-Havr", "Ain al-Hour", "Ain Hoor", "Ayn al-Hawr"),
        35.775,
        36.245,
        "SY",
        "agreement",
    ),
)

# A small world for fast tests that need no package data.
TINY_WORLD = [
    Entry("c:SY", "Syria", 35.0, 38.0, Kind.COUNTRY, "SY", population=22_000_000,
          geonameid=163843, names=["Syrian Arab Republic"], demonyms=["Syrian", "Syrians"]),
    Entry("c:TR", "Turkey", 39.0, 35.0, Kind.COUNTRY, "TR", population=82_000_000,
          geonameid=298795, demonyms=["Turkish", "Turks"]),
    Entry("g:164816", "Saraqib", 35.86447, 36.80591, Kind.CITY, "SY", "SY-ID",
          population=34_231, geonameid=164816, names=["Saraqeb", "Sarakeb"]),
    Entry("g:169389", "Idlib", 35.93062, 36.63393, Kind.CITY, "SY", "SY-ID",
          population=128_840, geonameid=169389, names=["Idleb"]),
    Entry("g:1", "Springfield", 39.80, -89.64, Kind.CITY, "US", "US-IL", population=114_000,
          geonameid=4250542),
    Entry("g:2", "Springfield", 37.21, -93.29, Kind.CITY, "US", "US-MO", population=170_000,
          geonameid=4409896),
    Entry("a:IL", "Illinois", 40.0, -89.0, Kind.ADMIN1, "US", "US-IL", population=12_000_000,
          geonameid=4896861),
]  # fmt: skip
