"""The agreement file's schema, as pydantic models of what a user writes in YAML.

These models check shapes and ranges only. References between parts (place ids, line ids,
party ids), times and geometry are checked when the file is compiled into an
:class:`~trucewatch.agreements.agreement.Agreement`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

__all__ = [
    "ZONE_RULES",
    "AreaSpec",
    "CeasefireSpec",
    "CircleSpec",
    "CorridorSpec",
    "ExemptionSpec",
    "LineSpec",
    "PartySpec",
    "PatrolSpec",
    "PlaceSpec",
    "PointRef",
    "PointSpec",
    "ProvisionSpec",
    "Spec",
    "ZoneSpec",
]

Id = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9_.-]*$")]
Text = Annotated[str, Field(min_length=1)]

ZONE_RULES = {
    "no_hostilities": "no hostile acts of the prohibited kinds inside the zone",
    "no_heavy_weapons": "no heavy weapons inside the zone",
    "no_forces": "no armed forces inside the zone (a withdrawal)",
    "no_flights": "no military flights or air strikes over the zone",
}


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


def _latitude(value: float) -> float:
    if not -90.0 <= value <= 90.0:
        hint = " (is it a longitude? check the order)" if -180.0 <= value <= 180.0 else ""
        raise ValueError(f"latitude {value:g} is outside -90 to 90{hint}")
    return value


def _longitude(value: float) -> float:
    if not -180.0 <= value <= 180.0:
        raise ValueError(f"longitude {value:g} is outside -180 to 180")
    return value


class PointSpec(_Spec):
    """A point written as ``{lat: 35.86, lon: 36.77}``."""

    lat: float
    lon: float

    _lat = field_validator("lat")(_latitude)
    _lon = field_validator("lon")(_longitude)


def _point_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "place"
    if isinstance(value, dict):
        return "point"
    return None


PointRef = Annotated[
    Annotated[Id, Tag("place")] | Annotated[PointSpec, Tag("point")],
    Discriminator(
        _point_tag,
        custom_error_type="point",
        custom_error_message="a point is a place id or {lat: ..., lon: ...}",
    ),
]


class PlaceSpec(_Spec):
    """A named place the agreement mentions, with its spellings."""

    id: Id
    names: list[Text] = Field(min_length=1)
    lat: float
    lon: float
    approximate: bool = False
    note: str | None = None

    _lat = field_validator("lat")(_latitude)
    _lon = field_validator("lon")(_longitude)


class PartySpec(_Spec):
    """A party: a signatory or guarantor, or a force the terms bind."""

    id: Id
    name: Text
    role: Literal["signatory", "guarantor", "bound"] = "bound"
    actors: list[Text] = Field(default_factory=list)
    note: str | None = None


class LineSpec(_Spec):
    """A line (a road, a line of contact) through places or points, or from GeoJSON."""

    id: Id
    name: str | None = None
    points: list[PointRef] | None = None
    geojson: Text | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> LineSpec:
        if (self.points is None) == (self.geojson is None):
            raise ValueError("a line needs either 'points' or 'geojson', not both or neither")
        return self


class CircleSpec(_Spec):
    """A circle: a centre (place id or point) and a radius."""

    centre: PointRef
    radius_km: float = Field(gt=0)


class AreaSpec(_Spec):
    """An area: a polygon through places or points, a circle, or GeoJSON."""

    id: Id
    name: str | None = None
    approximate: bool = False
    polygon: list[PointRef] | None = None
    circle: CircleSpec | None = None
    geojson: Text | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> AreaSpec:
        given = [k for k in ("polygon", "circle", "geojson") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "an area needs exactly one of 'polygon', 'circle' or 'geojson'"
                + (f", found {' and '.join(given)}" if given else "")
            )
        return self


class ExemptionSpec(_Spec):
    """An exemption a party may claim (e.g. acts against UN-designated groups)."""

    id: Id
    description: Text
    claimable_by: list[Id] = Field(min_length=1)
    against: list[Text] = Field(default_factory=list)
    keywords: list[Text] = Field(default_factory=list)


class _ProvisionBase(_Spec):
    id: Id
    title: str | None = None
    text: str | None = None
    start: str | None = None
    end: str | None = None
    amendments: list[dict[str, Any]] = Field(default_factory=list)


class _Prohibiting(_ProvisionBase):
    prohibited: list[Text] = Field(
        default_factory=lambda: [
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
        ]
    )
    bound_parties: list[Id] = Field(default_factory=list)
    exemptions: list[ExemptionSpec] = Field(default_factory=list)


class CeasefireSpec(_Prohibiting):
    """No hostile acts of the prohibited kinds, in an area, from a time, by bound parties."""

    kind: Literal["ceasefire"]
    start: str
    area: Id | None = None


class CorridorSpec(_Prohibiting):
    """A security corridor: a band of a half-width either side of a line."""

    kind: Literal["corridor"]
    start: str
    line: Id
    half_width_km: float = Field(gt=0, le=1000)
    ends: Literal["flat", "round"] = "flat"


class PatrolSpec(_ProvisionBase):
    """Joint patrols by named parties along a route (all of a line, or part of it)."""

    kind: Literal["patrol"]
    start: str
    route: Id
    from_: Id | PointSpec | None = Field(default=None, alias="from")
    to: Id | PointSpec | None = None
    parties: list[Id] = Field(min_length=1)
    frequency: str | None = None

    model_config = ConfigDict(populate_by_name=True)


class ZoneSpec(_Prohibiting):
    """An area with rules: a demilitarised zone, a withdrawal line, a no-fly area."""

    kind: Literal["zone"]
    start: str
    area: Id
    rules: list[Literal["no_hostilities", "no_heavy_weapons", "no_forces", "no_flights"]] = Field(
        min_length=1
    )


def _kind_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        kind = value.get("kind")
        return kind if isinstance(kind, str) else None
    return None


ProvisionSpec = Annotated[
    Annotated[CeasefireSpec, Tag("ceasefire")]
    | Annotated[CorridorSpec, Tag("corridor")]
    | Annotated[PatrolSpec, Tag("patrol")]
    | Annotated[ZoneSpec, Tag("zone")],
    Discriminator(_kind_tag),
]

PROVISION_KINDS: dict[str, type[_ProvisionBase]] = {
    "ceasefire": CeasefireSpec,
    "corridor": CorridorSpec,
    "patrol": PatrolSpec,
    "zone": ZoneSpec,
}


class Spec(_Spec):
    """A whole agreement file."""

    id: Id
    title: Text
    signed: str
    signed_at: str | None = None
    timezone: str | None = None
    source: str | None = None
    notes: str | None = None
    parties: list[PartySpec] = Field(min_length=1)
    places: list[PlaceSpec] = Field(default_factory=list)
    lines: list[LineSpec] = Field(default_factory=list)
    areas: list[AreaSpec] = Field(default_factory=list)
    provisions: list[ProvisionSpec] = Field(min_length=1)
