"""Places: a world gazetteer from packages, and geoparsing (find, resolve, locate) against it.

>>> from trucewatch.places import Gazetteer, Entry, Kind, PlaceFinder, geoparse
>>> gaz = Gazetteer.from_entries([Entry("i", "Idlib", 35.93, 36.63, Kind.CITY, "SY",
...     population=128_840, names=["Idleb"])])
>>> [(p.place.name, p.precision) for p in geoparse("Clashes in Idleb.", gaz, PlaceFinder(gaz))]
[('Idlib', 1)]
"""

from __future__ import annotations

from trucewatch.places.corpus import Article, GoldToponym, read_corpus
from trucewatch.places.evaluate import GeoparseScore, auc_log_error, evaluate_geoparse
from trucewatch.places.extra import read_places
from trucewatch.places.finder import MODEL, PlaceFinder, load_model
from trucewatch.places.gazetteer import (
    CACHE_ENV,
    ExtraPlace,
    Gazetteer,
    LoadReport,
    Place,
    PlaceLike,
    cache_dir,
    load_gazetteer,
    load_gazetteer_timed,
)
from trucewatch.places.geoparse import PlaceMention, geoparse
from trucewatch.places.normalise import fold, skeleton
from trucewatch.places.relative import Located, locate_between, locate_relative
from trucewatch.places.resolve import Context, Mention, Resolution, resolve
from trucewatch.places.sources import Entry, Kind, WorldSource, world_source

__all__ = [
    "CACHE_ENV",
    "MODEL",
    "Article",
    "Context",
    "Entry",
    "ExtraPlace",
    "Gazetteer",
    "GeoparseScore",
    "GoldToponym",
    "Kind",
    "LoadReport",
    "Located",
    "Mention",
    "Place",
    "PlaceFinder",
    "PlaceLike",
    "PlaceMention",
    "Resolution",
    "WorldSource",
    "auc_log_error",
    "cache_dir",
    "evaluate_geoparse",
    "fold",
    "geoparse",
    "load_gazetteer",
    "load_gazetteer_timed",
    "load_model",
    "locate_between",
    "locate_relative",
    "read_corpus",
    "read_places",
    "resolve",
    "skeleton",
    "world_source",
]
