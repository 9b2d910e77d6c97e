"""The world gazetteer: compiled once from packages into a compact index in the user cache.

The index is columns (numpy arrays and string lists) plus two name tables: the exact folded
name, and the transliteration skeleton (see :mod:`trucewatch.places.normalise`). It is
named by a hash of its inputs (package versions, regions list, build code), so a new
package version builds a new index and an unchanged one loads in about 0.4 s. Extra
places (an agreement's named places, a user's CSV or GeoJSON) are laid over it in memory
when loaded: a few rows, no rebuild.

>>> gaz = Gazetteer.from_entries([Entry("x:1", "Saraqib", 35.86, 36.80, Kind.CITY, "SY",
...     names=["Saraqeb"])])
>>> [gaz.place(i).name for i in gaz.candidates("Saraqab")]
['Saraqib']
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from trucewatch.errors import InputError
from trucewatch.places.normalise import MIN_SKELETON, fold, name_variants, skeleton
from trucewatch.places.sources import KIND_NAMES, Entry, Kind, WorldSource, hash_bytes, world_source

__all__ = [
    "CACHE_ENV",
    "ExtraPlace",
    "Gazetteer",
    "LoadReport",
    "Match",
    "Place",
    "PlaceLike",
    "cache_dir",
    "division_seats",
    "load_gazetteer",
    "load_gazetteer_timed",
    "lookup_key",
]

CACHE_ENV = "TRUCEWATCH_CACHE"
_FORMAT = "gazetteer-v3"

# How a name matched an entry: its own name, one of its other names, a demonym, a skeleton,
# a part of the name ("Liverpool" in "Liverpool Academy").
PRIMARY, ALTERNATE, DEMONYM, LOOSE, PART = 0, 1, 2, 3, 4


class PlaceLike(Protocol):
    """What an agreement's named place offers (trucewatch.agreements)."""

    @property
    def id(self) -> str: ...
    @property
    def names(self) -> Sequence[str]: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...


@dataclass(frozen=True, slots=True)
class ExtraPlace:
    """A place the world gazetteer lacks: an agreement's named place or a user's own."""

    id: str
    names: tuple[str, ...]
    lat: float
    lon: float
    country: str | None = None
    source: str = "user"

    @classmethod
    def of(cls, place: PlaceLike, source: str = "agreement") -> ExtraPlace:
        """An extra place from any record with ``id``, ``names``, ``lat`` and ``lon``."""
        return cls(place.id, tuple(place.names), place.lat, place.lon, None, source)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry, as callers see it."""

    id: str
    name: str
    lat: float
    lon: float
    kind: str
    country: str | None
    admin1: str | None
    population: int
    geonameid: int | None


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate entry for a name, and how the name matched it."""

    index: int
    how: int


def cache_dir() -> Path:
    """Where compiled indexes live: $TRUCEWATCH_CACHE, else $XDG_CACHE_HOME/trucewatch."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "trucewatch"


@lru_cache(maxsize=65536)
def lookup_key(name: str) -> str:
    """The exact key a text name is looked up by ('the' dropped); remembered, as a report
    asks for the same few names hundreds of times (finding, then resolving them).

    >>> lookup_key("the West Bank")
    'west bank'
    """
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


def _key_hash(key: str) -> int:
    """A stable 64-bit hash of a name key (Python's own str hash changes per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


@dataclass(slots=True)
class _Postings:
    """Name key -> entries: sorted 64-bit key hashes, each with a run of entries in two flat
    arrays. Numpy arrays unpickle in milliseconds, where a dict of 700,000 keys takes a second."""

    hashes: NDArray[np.uint64]
    start: NDArray[np.int64]
    items: NDArray[np.int32]
    hows: NDArray[np.int8]

    @classmethod
    def build(cls, pairs: dict[str, dict[int, int]]) -> _Postings:
        keyed = sorted((_key_hash(key), found) for key, found in pairs.items())
        start = [0]
        items: list[int] = []
        hows: list[int] = []
        for _, found in keyed:
            for idx, how in found.items():
                items.append(idx)
                hows.append(how)
            start.append(len(items))
        return cls(
            np.asarray([h for h, _ in keyed], dtype=np.uint64),
            np.asarray(start, dtype=np.int64),
            np.asarray(items, dtype=np.int32),
            np.asarray(hows, dtype=np.int8),
        )

    def _slot(self, key: str) -> int:
        h = np.uint64(_key_hash(key))
        slot = int(np.searchsorted(self.hashes, h))
        return slot if slot < len(self.hashes) and self.hashes[slot] == h else -1

    def __contains__(self, key: str) -> bool:
        return self._slot(key) >= 0

    def __len__(self) -> int:
        return len(self.hashes)

    def get(self, key: str) -> list[Match]:
        slot = self._slot(key)
        if slot < 0:
            return []
        a, b = int(self.start[slot]), int(self.start[slot + 1])
        return [Match(int(i), int(h)) for i, h in zip(self.items[a:b], self.hows[a:b], strict=True)]


@dataclass(slots=True)
class Gazetteer:
    """Places by name: exact and loose name tables over columns of points and attributes."""

    ids: list[str]
    names: list[str]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    kind: NDArray[np.int8]
    population: NDArray[np.int64]
    geonameid: NDArray[np.int64]
    country: list[str]
    admin1: list[str]
    exact: _Postings
    loose: _Postings
    extra: dict[str, list[Match]] = field(default_factory=dict)
    extra_loose: dict[str, list[Match]] = field(default_factory=dict)
    max_words: int = 6

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Gazetteer:
        """Compile entries into an index (a minute for the world, instant for a few)."""
        ids: list[str] = []
        names: list[str] = []
        lat: list[float] = []
        lon: list[float] = []
        kind: list[int] = []
        pop: list[int] = []
        gid: list[int] = []
        country: list[str] = []
        admin1: list[str] = []
        exact: dict[str, dict[int, int]] = {}
        loose: dict[str, dict[int, int]] = {}
        for e in entries:
            idx = len(ids)
            ids.append(e.id)
            names.append(e.name)
            lat.append(e.lat)
            lon.append(e.lon)
            kind.append(e.kind)
            pop.append(e.population)
            gid.append(e.geonameid)
            country.append(e.country)
            admin1.append(e.admin1)
            _index_names(idx, e.name, e.names, e.demonyms, exact, loose)
        return cls(
            ids,
            names,
            np.asarray(lat, dtype=np.float64),
            np.asarray(lon, dtype=np.float64),
            np.asarray(kind, dtype=np.int8),
            np.asarray(pop, dtype=np.int64),
            np.asarray(gid, dtype=np.int64),
            country,
            admin1,
            _Postings.build(exact),
            _Postings.build(loose),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def with_extras(self, extras: Sequence[ExtraPlace]) -> Gazetteer:
        """This gazetteer with extra places laid over it (the world index is shared)."""
        if not extras:
            return self
        n = len(self.ids)
        ids = [*self.ids, *(p.id for p in extras)]
        names = [*self.names, *(p.names[0] if p.names else p.id for p in extras)]
        exact: dict[str, dict[int, int]] = {}
        loose: dict[str, dict[int, int]] = {}
        for i, p in enumerate(extras):
            _index_names(n + i, p.names[0] if p.names else p.id, list(p.names), [], exact, loose)
        # An extra place without a country takes the country and region of the nearest
        # settled place, so that events there are coded in the right country.
        near = [self._nearest_settled(p.lat, p.lon) for p in extras]
        country = [
            p.country or (self.country[j] if j is not None else "")
            for p, j in zip(extras, near, strict=True)
        ]
        admin1 = [
            self.admin1[j] if j is not None and not p.country else ""
            for p, j in zip(extras, near, strict=True)
        ]
        return Gazetteer(
            ids,
            names,
            np.concatenate([self.lat, [p.lat for p in extras]]),
            np.concatenate([self.lon, [p.lon for p in extras]]),
            np.concatenate([self.kind, np.full(len(extras), Kind.EXTRA, dtype=np.int8)]),
            np.concatenate([self.population, np.zeros(len(extras), dtype=np.int64)]),
            np.concatenate([self.geonameid, np.zeros(len(extras), dtype=np.int64)]),
            [*self.country, *country],
            [*self.admin1, *admin1],
            self.exact,
            self.loose,
            {k: [Match(i, h) for i, h in v.items()] for k, v in exact.items()},
            {k: [Match(i, h) for i, h in v.items()] for k, v in loose.items()},
            max_words=self.max_words,
        )

    def _nearest_settled(self, lat: float, lon: float, within_km: float = 30.0) -> int | None:
        """The nearest inhabited place within ``within_km``, if any."""
        if not len(self.lat):
            return None
        dy = self.lat - lat
        dx = (self.lon - lon) * np.cos(np.radians(lat))
        d2 = np.where(self.population > 0, dy * dy + dx * dx, np.inf)
        j = int(np.argmin(d2))
        return j if np.sqrt(d2[j]) * 111.2 <= within_km else None

    def matches(self, name: str) -> list[Match]:
        """Entries a name may mean: exact matches, and loose (skeleton) ones unless some
        entry has this very name."""
        key = lookup_key(name)
        if not key:
            return []
        found = self.extra.get(key, []) + self.exact.get(key)
        sk = skeleton(key)
        if len(sk) >= MIN_SKELETON and not any(m.how == PRIMARY for m in found):
            found += [Match(m.index, LOOSE) for m in self.extra_loose.get(sk, [])]
            found += [Match(m.index, LOOSE) for m in self.loose.get(sk)]
        seen: dict[int, Match] = {}
        for m in found:
            if m.index not in seen or m.how < seen[m.index].how:
                seen[m.index] = m
        return list(seen.values())

    def candidates(self, name: str) -> list[int]:
        """Indexes of the entries a name may mean."""
        return [m.index for m in self.matches(name)]

    def has_key(self, key: str) -> bool:
        """Whether a folded key names some place exactly."""
        return key in self.exact or key in self.extra

    def place(self, i: int) -> Place:
        """Entry ``i`` as a record."""
        gid = int(self.geonameid[i])
        return Place(
            id=self.ids[i],
            name=self.names[i],
            lat=float(self.lat[i]),
            lon=float(self.lon[i]),
            kind=KIND_NAMES[int(self.kind[i])],
            country=self.country[i] or None,
            admin1=self.admin1[i] or None,
            population=int(self.population[i]),
            geonameid=gid or None,
        )


def _index_names(
    idx: int,
    name: str,
    names: Sequence[str],
    demonyms: Sequence[str],
    exact: dict[str, dict[int, int]],
    loose: dict[str, dict[int, int]],
) -> None:
    for how, group in ((PRIMARY, [name]), (ALTERNATE, names), (DEMONYM, demonyms)):
        for raw in group:
            base = fold(raw)
            if not base:
                continue
            for key in name_variants(base):
                found = exact.setdefault(key, {})
                if idx not in found or how < found[idx]:
                    found[idx] = how
                if how != DEMONYM:
                    sk = skeleton(key)
                    if len(sk) >= MIN_SKELETON:
                        loose.setdefault(sk, {})[idx] = LOOSE


def division_seats(gaz: Gazetteer) -> dict[str, Place]:
    """Each first-level division's main town, by division code: the town of the division's
    own name ("Hajjah" in Hajjah governorate), else its most populous one. ACLED puts an
    event known only by its region at this town, with geo precision 3.

    >>> gaz = Gazetteer.from_entries([
    ...     Entry("a", "Ogun", 7.0, 3.5, Kind.ADMIN1, "NG", "NG-OG"),
    ...     Entry("b", "Abeokuta", 7.16, 3.35, Kind.CITY, "NG", "NG-OG", population=450_000),
    ...     Entry("c", "Ota", 6.69, 3.23, Kind.CITY, "NG", "NG-OG", population=160_000)])
    >>> division_seats(gaz)["NG-OG"].name
    'Abeokuta'
    """
    codes = {
        gaz.admin1[i]: gaz.names[i]
        for i in np.flatnonzero(gaz.kind == Kind.ADMIN1).tolist()
        if gaz.admin1[i]
    }
    largest: dict[str, int] = {}
    population = gaz.population.tolist()
    for i in np.flatnonzero((gaz.kind == Kind.CITY) | (gaz.kind == Kind.CAPITAL)).tolist():
        code = gaz.admin1[i]
        if code in codes and (code not in largest or population[i] > population[largest[code]]):
            largest[code] = i
    out: dict[str, Place] = {}
    for code, top in largest.items():
        namesake = [
            m.index
            for m in gaz.matches(codes[code])
            if m.how in (PRIMARY, ALTERNATE)
            and gaz.admin1[m.index] == code
            and gaz.kind[m.index] in (Kind.CITY, Kind.CAPITAL)
        ]
        out[code] = gaz.place(max(namesake, key=lambda i: population[i]) if namesake else top)
    return out


@dataclass(frozen=True, slots=True)
class LoadReport:
    """How the gazetteer was made ready: built or loaded, in how many seconds, from where."""

    path: Path
    built: bool
    seconds: float


def load_gazetteer(
    extras: Sequence[ExtraPlace] = (),
    *,
    source: WorldSource | None = None,
    cache: Path | None = None,
) -> Gazetteer:
    """The world gazetteer from the cache (compiled first if its inputs changed), plus extras."""
    gaz, _ = load_gazetteer_timed(extras, source=source, cache=cache)
    return gaz


def load_gazetteer_timed(
    extras: Sequence[ExtraPlace] = (),
    *,
    source: WorldSource | None = None,
    cache: Path | None = None,
) -> tuple[Gazetteer, LoadReport]:
    """:func:`load_gazetteer`, also saying whether it was built and how long it took."""
    source = source or world_source()
    folder = cache or cache_dir()
    path = folder / f"{_FORMAT}-{hash_bytes((_FORMAT + source.fingerprint).encode())}.pickle"
    t0 = time.perf_counter()
    built = False
    gaz: Gazetteer | None = None
    if path.exists():
        try:
            with path.open("rb") as f:
                loaded: Any = pickle.load(f)
            if isinstance(loaded, Gazetteer):
                gaz = loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            gaz = None
    if gaz is None:
        gaz = Gazetteer.from_entries(source.read())
        built = True
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            with tmp.open("wb") as f:
                pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError as exc:
            raise InputError(
                f"cannot write the gazetteer cache {path}: {exc}; set {CACHE_ENV} to a "
                "writable folder"
            ) from exc
    report = LoadReport(path, built, time.perf_counter() - t0)
    return gaz.with_extras(extras), report
