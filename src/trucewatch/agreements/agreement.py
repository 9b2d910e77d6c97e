"""An agreement compiled from its file: parties, places, shapes, and provisions over time.

>>> from trucewatch.agreements import load_agreement
>>> a = load_agreement("examples/idlib-2020/agreement.yaml")  # doctest: +SKIP
>>> [p.id for p in a.provisions]  # doctest: +SKIP
['ceasefire', 'm4-corridor', 'm4-joint-patrols']
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo

from trucewatch.geometry import Area, Band, Placement, Route

__all__ = [
    "Agreement",
    "Amendment",
    "CeasefireTerms",
    "CorridorTerms",
    "Exemption",
    "Location",
    "Party",
    "PatrolTerms",
    "Place",
    "Provision",
    "Terms",
    "ZoneTerms",
]

Kind = Literal["ceasefire", "corridor", "patrol", "zone"]


@dataclass(frozen=True, slots=True)
class Place:
    """A named place of the agreement, with every spelling reports use."""

    id: str
    names: tuple[str, ...]
    lat: float
    lon: float
    approximate: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """A signatory, guarantor or bound force, and the actor names that stand for it."""

    id: str
    name: str
    role: str
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Exemption:
    """An exemption a party may claim; trucewatch shows the claim, never judges it."""

    id: str
    description: str
    claimable_by: tuple[str, ...]
    against: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Terms:
    """What a provision says from one instant on (its base text or an amendment)."""

    start: dt.datetime
    end: dt.datetime | None
    approximate: bool

    def in_force(self, at: dt.datetime) -> bool:
        """True when ``at`` lies in [start, end)."""
        return self.start <= at and (self.end is None or at < self.end)

    def locate(self, lat: float, lon: float) -> Placement:
        raise NotImplementedError  # each kind of terms places points its own way


@dataclass(frozen=True, slots=True)
class CeasefireTerms(Terms):
    """No prohibited acts by bound parties in an area (everywhere when no area is set)."""

    area_id: str | None
    area: Area | None
    prohibited: frozenset[str]
    bound_parties: tuple[str, ...]
    exemptions: tuple[Exemption, ...]

    def locate(self, lat: float, lon: float) -> Placement:
        if self.area is None:
            return Placement(True, 0.0)
        return self.area.locate(lat, lon)


@dataclass(frozen=True, slots=True)
class CorridorTerms(Terms):
    """A band of ``half_width_km`` either side of a line."""

    line_id: str
    band: Band
    prohibited: frozenset[str]
    bound_parties: tuple[str, ...]
    exemptions: tuple[Exemption, ...] = ()

    @property
    def half_width_km(self) -> float:
        return self.band.half_width_km

    @property
    def ends(self) -> str:
        return self.band.ends

    def locate(self, lat: float, lon: float) -> Placement:
        return self.band.locate(lat, lon)


@dataclass(frozen=True, slots=True)
class PatrolTerms(Terms):
    """Joint patrols by ``parties`` along ``route``, at least every ``frequency`` if set."""

    route_id: str
    route: Route
    parties: tuple[str, ...]
    frequency: dt.timedelta | None

    def locate(self, lat: float, lon: float) -> Placement:
        return self.route.locate(lat, lon)


@dataclass(frozen=True, slots=True)
class ZoneTerms(Terms):
    """An area with rules (no hostilities, no heavy weapons, no forces, no flights)."""

    area_id: str
    area: Area
    rules: tuple[str, ...]
    prohibited: frozenset[str]
    bound_parties: tuple[str, ...]
    exemptions: tuple[Exemption, ...] = ()

    def locate(self, lat: float, lon: float) -> Placement:
        return self.area.locate(lat, lon)


@dataclass(frozen=True, slots=True)
class Amendment:
    """A dated change to a provision: the fields it sets, as written."""

    effective: dt.datetime
    changes: dict[str, Any]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where a point lies relative to one provision, and whether it is in force."""

    id: str
    kind: Kind
    inside: bool | None
    distance_km: float
    edge_km: float | None
    along_km: float | None
    in_force: bool | None
    approximate: bool

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "inside": self.inside,
            "distance_km": round(self.distance_km, 3),
            "edge_km": None if self.edge_km is None else round(self.edge_km, 3),
            "in_force": self.in_force,
            "approximate": self.approximate,
        }
        if self.along_km is not None:
            out["along_km"] = round(self.along_km, 3)
        return out


@dataclass(frozen=True, slots=True)
class Provision:
    """One provision with its terms over time: the base terms, then each amendment."""

    id: str
    kind: Kind
    title: str | None
    text: str | None
    base: Terms
    amendments: tuple[Amendment, ...] = ()
    amended: tuple[Terms, ...] = ()
    _effective: tuple[dt.datetime, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_effective", tuple(a.effective for a in self.amendments))

    def terms_at(self, at: dt.datetime | None = None) -> Terms:
        """The terms in force at ``at``; with no instant, the terms as last amended."""
        if at is None:
            return self.amended[-1] if self.amended else self.base
        i = bisect.bisect_right(self._effective, at)
        return self.amended[i - 1] if i else self.base

    def in_force(self, at: dt.datetime) -> bool:
        """Whether the provision is in force at the instant ``at``."""
        return self.terms_at(at).in_force(at)

    def locate(self, lat: float, lon: float, at: dt.datetime | None = None) -> Location:
        """Where a point lies relative to the terms in force at ``at``."""
        terms = self.terms_at(at)
        placed = terms.locate(lat, lon)
        return Location(
            id=self.id,
            kind=self.kind,
            inside=placed.inside,
            distance_km=placed.distance_km,
            edge_km=placed.edge_km,
            along_km=placed.along_km,
            in_force=None if at is None else terms.in_force(at),
            approximate=terms.approximate,
        )


@dataclass(frozen=True, slots=True)
class Agreement:
    """A compiled agreement: everything in its file, checked, with shapes built."""

    id: str
    title: str
    signed: dt.date
    signed_at: str | None
    timezone: ZoneInfo | None
    source: str | None
    notes: str | None
    parties: tuple[Party, ...]
    places: tuple[Place, ...]
    lines: dict[str, Route]
    areas: dict[str, Area]
    provisions: tuple[Provision, ...]
    path: str
    hash: str
    approximate_areas: frozenset[str] = frozenset()
    names: dict[str, str] = field(default_factory=dict)
    """Display names of lines and areas, by id (the id itself when none is given)."""

    def name_of(self, shape_id: str) -> str:
        """The display name of a line or area."""
        return self.names.get(shape_id, shape_id)

    def provision(self, provision_id: str) -> Provision:
        """The provision with this id (KeyError if none)."""
        for p in self.provisions:
            if p.id == provision_id:
                return p
        raise KeyError(provision_id)

    def place(self, place_id: str) -> Place:
        """The place with this id (KeyError if none)."""
        for p in self.places:
            if p.id == place_id:
                return p
        raise KeyError(place_id)

    def locate(self, lat: float, lon: float, at: dt.datetime | None = None) -> list[Location]:
        """Where a point lies relative to every provision, with the terms in force at ``at``."""
        return [p.locate(lat, lon, at) for p in self.provisions]

    def local(self, at: dt.datetime) -> dt.datetime:
        """An instant in the agreement's time zone (UTC when it has none)."""
        return at.astimezone(self.timezone or dt.UTC)
