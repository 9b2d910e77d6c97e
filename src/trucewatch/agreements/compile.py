"""Reading an agreement file: YAML to checked records to an :class:`Agreement` with shapes.

Every mistake found is reported at once, each as ``FILE:LINE:COL: message``.

>>> load_agreement("examples/idlib-2020/agreement.yaml").id  # doctest: +SKIP
'moscow-2020'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path as FsPath
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BaseModel, ValidationError
from shapely.geometry import shape

from trucewatch.agreements.agreement import (
    Agreement,
    Amendment,
    CeasefireTerms,
    CorridorTerms,
    Exemption,
    Party,
    PatrolTerms,
    Place,
    Provision,
    Terms,
    ZoneTerms,
)
from trucewatch.agreements.messages import explain_errors, suggest
from trucewatch.agreements.schema import (
    PROVISION_KINDS,
    AreaSpec,
    CeasefireSpec,
    CorridorSpec,
    ExemptionSpec,
    LineSpec,
    PatrolSpec,
    PointSpec,
    Spec,
    ZoneSpec,
)
from trucewatch.agreements.source import KEY, Path, Source, read_yaml
from trucewatch.agreements.times import parse_frequency, parse_instant
from trucewatch.errors import AgreementError, GeometryError, Problem
from trucewatch.geometry import Area, Band, LatLon, Route
from trucewatch.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES, expand_event_kinds

__all__ = ["load_agreement", "parse_agreement"]

MAX_BYTES = 5_000_000


def load_agreement(path: str | FsPath) -> Agreement:
    """Read, check and compile an agreement file; raise AgreementError listing every mistake."""
    fs_path = FsPath(path)
    shown = str(path)
    try:
        size = fs_path.stat().st_size
        if size > MAX_BYTES:
            raise AgreementError(
                [Problem(shown, 1, 1, f"the file is {size:,} bytes; an agreement is under 5 MB")]
            )
        raw = fs_path.read_bytes()
    except FileNotFoundError:
        raise AgreementError([Problem(shown, 1, 1, "no such file")]) from None
    except IsADirectoryError:
        raise AgreementError(
            [Problem(shown, 1, 1, "this is a folder; give the agreement's YAML file")]
        ) from None
    except OSError as exc:
        raise AgreementError([Problem(shown, 1, 1, f"cannot read: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise AgreementError(
            [Problem(shown, line, 1, "not UTF-8 text; save the file as UTF-8")]
        ) from None
    return parse_agreement(text, shown, base_dir=fs_path.parent)


def parse_agreement(
    text: str, path: str = "<agreement>", base_dir: FsPath | None = None
) -> Agreement:
    """Check and compile an agreement given as YAML text."""
    source = read_yaml(text, path)
    return _Compiler(source, base_dir or FsPath.cwd(), text).run()


def _known(kind: str, choices: Sequence[str]) -> str:
    if not choices:
        return f"; the file defines no {kind}"
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f"; known {kind}: {shown}"


class _Compiler:
    """One pass over a parsed file, collecting every problem before giving up."""

    def __init__(self, source: Source, base_dir: FsPath, text: str) -> None:
        self.src = source
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        self.digest = hashlib.sha256(text.encode())
        self.tz: ZoneInfo | None = None
        self.places: dict[str, Place] = {}
        self.lines: dict[str, Route] = {}
        self.areas: dict[str, Area] = {}
        self.approx_lines: set[str] = set()
        self.approx_areas: set[str] = set()
        self.parties: dict[str, Party] = {}
        self.broken: set[str] = set()  # shapes that failed: references to them stay quiet
        self.tz_broken = False

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(self.src.problem(path, message))

    def fail_if_any(self) -> None:
        if self.problems:
            raise AgreementError(self.problems)

    # -- whole file -------------------------------------------------------------------

    def run(self) -> Agreement:
        if not isinstance(self.src.data, dict):
            self.problem((), "an agreement is a mapping of fields (id, title, parties, ...)")
            self.fail_if_any()
        spec = cast(Spec | None, self.validate(Spec, self.src.data, lambda f: (f,)))
        self.fail_if_any()
        assert spec is not None
        self.tz = self.timezone(spec.timezone)
        signed = self.date(spec.signed, ("signed",))
        self.unique("party", [p.id for p in spec.parties], "parties")
        self.unique("place", [p.id for p in spec.places], "places")
        self.unique("line", [x.id for x in spec.lines], "lines")
        self.unique("area", [x.id for x in spec.areas], "areas")
        self.parties = {p.id: Party(p.id, p.name, p.role, tuple(p.actors)) for p in spec.parties}
        self.places = {
            p.id: Place(p.id, tuple(p.names), p.lat, p.lon, p.approximate, p.note)
            for p in spec.places
        }
        for i, line in enumerate(spec.lines):
            self.build_line(line, ("lines", i))
        for i, area in enumerate(spec.areas):
            self.build_area(area, ("areas", i))
        self.check_swapped(spec)
        provisions = self.build_provisions()
        self.fail_if_any()
        assert signed is not None
        return Agreement(
            id=spec.id,
            title=spec.title,
            signed=signed,
            signed_at=spec.signed_at,
            timezone=self.tz,
            source=spec.source,
            notes=spec.notes,
            parties=tuple(self.parties.values()),
            places=tuple(self.places.values()),
            lines=self.lines,
            areas=self.areas,
            provisions=tuple(provisions),
            path=self.src.path,
            hash=self.digest.hexdigest(),
            approximate_areas=frozenset(self.approx_areas),
            names={
                **{x.id: x.name for x in spec.lines if x.name},
                **{x.id: x.name for x in spec.areas if x.name},
            },
        )

    def validate(
        self, model: type[BaseModel], data: Any, where: Callable[[str], Path]
    ) -> BaseModel | None:
        """Validate ``data``; ``where`` maps a top-level field to where it was written."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(explain_errors(exc.errors(), data, where, self.src))
            return None

    def unique(self, what: str, ids: list[str], section: str) -> None:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                self.problem((section, i, "id"), f"the {what} id '{ident}' is used twice")
            seen.add(ident)

    # -- scalars ----------------------------------------------------------------------

    def timezone(self, name: str | None) -> ZoneInfo | None:
        if name is None:
            return None
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.tz_broken = True
            hint = suggest(name, available_timezones())
            self.problem(
                ("timezone",),
                f"'{name}' is not an IANA time zone (such as Asia/Damascus){hint}",
            )
            return None

    def date(self, text: str, at: Path) -> dt.date | None:
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            self.problem(at, f"'{text}' is not a date; write it as 2020-03-05")
            return None

    def instant(self, text: str, at: Path) -> dt.datetime | None:
        try:
            return parse_instant(text, self.tz)
        except ValueError as exc:
            if not (self.tz_broken and "has no zone" in str(exc)):
                self.problem(at, str(exc))
            return None

    # -- shapes -----------------------------------------------------------------------

    def point(self, ref: str | PointSpec, at: Path) -> tuple[LatLon, bool] | None:
        """A point reference as (lat, lon) and whether it is approximate."""
        if isinstance(ref, PointSpec):
            return (ref.lat, ref.lon), False
        place = self.places.get(ref)
        if place is None:
            hint = suggest(ref, self.places) or _known("places", sorted(self.places))
            self.problem(at, f"no place with id '{ref}'{hint}")
            return None
        return (place.lat, place.lon), place.approximate

    def points(self, refs: Sequence[str | PointSpec], at: Path) -> tuple[list[LatLon], bool] | None:
        out: list[LatLon] = []
        approx = False
        ok = True
        for j, ref in enumerate(refs):
            got = self.point(ref, (*at, j))
            if got is None:
                ok = False
                continue
            out.append(got[0])
            approx = approx or got[1]
        return (out, approx) if ok else None

    def geojson(self, name: str, at: Path) -> list[Any] | None:
        """The geometries of a GeoJSON file beside the agreement (lon, lat order)."""
        path = (self.base_dir / name).resolve()
        try:
            raw = path.read_bytes()
            doc = json.loads(raw)
        except FileNotFoundError:
            self.problem(at, f"no GeoJSON file '{name}' beside the agreement")
            return None
        except (OSError, ValueError) as exc:
            self.problem(at, f"cannot read GeoJSON file '{name}': {exc}")
            return None
        self.digest.update(name.encode() + b"\0" + raw)
        if isinstance(doc, dict) and doc.get("type") == "FeatureCollection":
            geoms = [f.get("geometry") for f in doc.get("features", []) if isinstance(f, dict)]
        elif isinstance(doc, dict) and doc.get("type") == "Feature":
            geoms = [doc.get("geometry")]
        else:
            geoms = [doc]
        try:
            return [shape(g) for g in geoms if g]
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            self.problem(at, f"GeoJSON file '{name}' holds a geometry that cannot be read: {exc}")
            return None

    def build_line(self, spec: LineSpec, at: Path) -> None:
        self.broken.add(spec.id)
        coords: list[LatLon] = []
        approx = False
        if spec.points is not None:
            got = self.points(spec.points, (*at, "points"))
            if got is None:
                return
            coords, approx = got
        else:
            assert spec.geojson is not None
            geoms = self.geojson(spec.geojson, (*at, "geojson"))
            if geoms is None:
                return
            lines = [g for g in geoms if g.geom_type == "LineString"]
            if len(lines) != 1:
                self.problem(
                    (*at, "geojson"),
                    f"'{spec.geojson}' must hold exactly one LineString, found {len(lines)}",
                )
                return
            coords = [(float(y), float(x)) for x, y, *_ in lines[0].coords]
        try:
            self.lines[spec.id] = Route(coords)
        except GeometryError as exc:
            self.problem((*at, "points" if spec.points is not None else "geojson"), str(exc))
            return
        self.broken.discard(spec.id)
        if approx:
            self.approx_lines.add(spec.id)

    def build_area(self, spec: AreaSpec, at: Path) -> None:
        self.broken.add(spec.id)
        try:
            if spec.polygon is not None:
                got = self.points(spec.polygon, (*at, "polygon"))
                if got is None:
                    return
                self.areas[spec.id] = Area.polygon(got[0])
                approx = got[1]
            elif spec.circle is not None:
                centre = self.point(spec.circle.centre, (*at, "circle", "centre"))
                if centre is None:
                    return
                self.areas[spec.id] = Area.circle(centre[0], spec.circle.radius_km)
                approx = centre[1]
            else:
                assert spec.geojson is not None
                geoms = self.geojson(spec.geojson, (*at, "geojson"))
                if geoms is None:
                    return
                polys = [g for g in geoms if g.geom_type in {"Polygon", "MultiPolygon"}]
                if len(polys) != 1:
                    self.problem(
                        (*at, "geojson"),
                        f"'{spec.geojson}' must hold exactly one Polygon or MultiPolygon, "
                        f"found {len(polys)}",
                    )
                    return
                self.areas[spec.id] = Area.from_lonlat(polys[0])
                approx = False
        except GeometryError as exc:
            field = next(k for k in ("polygon", "circle", "geojson") if getattr(spec, k))
            self.problem((*at, field), str(exc))
            return
        self.broken.discard(spec.id)
        if approx or spec.approximate:
            self.approx_areas.add(spec.id)

    def check_swapped(self, spec: Spec) -> None:
        """Flag points that lie outside every area but would lie inside one if swapped."""
        if not self.areas:
            return
        for i, place in enumerate(spec.places):
            self.check_point(place.lat, place.lon, f"place '{place.id}'", ("places", i, "lat"))
        for i, line in enumerate(spec.lines):
            for j, point in enumerate(line.points or []):
                if isinstance(point, PointSpec):
                    label = f"point {j + 1} of line '{line.id}'"
                    self.check_point(point.lat, point.lon, label, ("lines", i, "points", j, "lat"))

    def check_point(self, lat: float, lon: float, label: str, at: Path) -> None:
        if not -90 <= lon <= 90 or any(_near(a, lat, lon) for a in self.areas.values()):
            return
        hit = next((aid for aid, a in self.areas.items() if _near(a, lon, lat)), None)
        if hit:
            self.problem(
                at,
                f"{label} (lat {lat:g}, lon {lon:g}) lies outside every area of the agreement, "
                f"but lat {lon:g}, lon {lat:g} lies inside '{hit}': latitude and longitude "
                "look swapped",
            )

    # -- provisions -------------------------------------------------------------------

    def build_provisions(self) -> list[Provision]:
        raw_list = self.src.data.get("provisions", [])
        ids = [r.get("id") if isinstance(r, dict) else None for r in raw_list]
        self.unique("provision", [str(i) for i in ids], "provisions")
        out: list[Provision] = []
        for i, raw in enumerate(raw_list):
            built = self.build_provision(raw, ("provisions", i))
            if built is not None:
                out.append(built)
        return out

    def build_provision(self, raw: dict[str, Any], at: Path) -> Provision | None:
        kind = raw["kind"]
        model = PROVISION_KINDS[kind]
        spec = self.validate(model, raw, lambda f: (*at, f))
        if spec is None:
            return None
        base = self.terms(spec, lambda f: (*at, f))
        if base is None:
            return None
        amendments: list[Amendment] = []
        amended: list[Terms] = []
        merged = {k: v for k, v in raw.items() if k != "amendments"}
        origin: dict[str, Path] = {k: (*at, k) for k in merged}
        last: dt.datetime | None = None
        for j, change in enumerate(raw.get("amendments", [])):
            apath: Path = (*at, "amendments", j)
            amendment = self.amendment(change, apath, model, last)
            if amendment is None:
                return None
            last = amendment.effective
            merged = {**merged, **amendment.changes}
            origin = {**origin, **{k: (*apath, k) for k in amendment.changes}}
            where = _origin_of(origin, apath)
            version = self.validate(model, merged, where)
            terms = self.terms(version, where) if version is not None else None
            if terms is None:
                return None
            amendments.append(amendment)
            amended.append(terms)
        return Provision(
            id=spec.id,  # type: ignore[attr-defined]
            kind=kind,
            title=spec.title,  # type: ignore[attr-defined]
            text=spec.text,  # type: ignore[attr-defined]
            base=base,
            amendments=tuple(amendments),
            amended=tuple(amended),
        )

    def amendment(
        self, change: Any, at: Path, model: type[BaseModel], after: dt.datetime | None
    ) -> Amendment | None:
        if not isinstance(change, dict):
            self.problem(at, "an amendment is a mapping: effective, note, and the fields it sets")
            return None
        allowed = set(model.model_fields) - {"id", "kind", "amendments"}
        allowed |= {"from"} if "from_" in allowed else set()
        changes = {k: v for k, v in change.items() if k not in {"effective", "note"}}
        ok = True
        for key in changes:
            if key not in allowed:
                self.problem(
                    (*at, key, KEY),
                    f"an amendment cannot set '{key}'{suggest(key, allowed)}; it may set "
                    + ", ".join(sorted(allowed - {"from_"})),
                )
                ok = False
        if "effective" not in change:
            self.problem(at, "an amendment is missing the field 'effective' (when it applies)")
            return None
        if not isinstance(change["effective"], str):
            self.problem((*at, "effective"), "effective must be a date or time")
            return None
        when = self.instant(change["effective"], (*at, "effective"))
        if when is None or not ok:
            return None
        if after is not None and when < after:
            self.problem(
                (*at, "effective"),
                f"amendments must be listed in date order; this one ({change['effective']}) "
                "comes before the one above it",
            )
            return None
        if not changes:
            self.problem(at, "this amendment changes nothing; name the fields it sets")
            return None
        note = change.get("note")
        return Amendment(when, changes, note if isinstance(note, str) else None)

    def terms(self, spec: BaseModel, where: Callable[[str], Path]) -> Terms | None:
        start = self.instant(spec.start, where("start"))  # type: ignore[attr-defined]
        end_text = spec.end  # type: ignore[attr-defined]
        end = self.instant(end_text, where("end")) if end_text is not None else None
        if start is not None and end is not None and end <= start:
            self.problem(where("end"), f"the end ({end_text}) is not after the start")
            return None
        if start is None or (end_text is not None and end is None):
            return None
        if isinstance(spec, CeasefireSpec):
            return self.ceasefire(spec, start, end, where)
        if isinstance(spec, CorridorSpec):
            return self.corridor(spec, start, end, where)
        if isinstance(spec, PatrolSpec):
            return self.patrol(spec, start, end, where)
        assert isinstance(spec, ZoneSpec)
        return self.zone(spec, start, end, where)

    def prohibited(self, kinds: list[str], at: Path) -> frozenset[str] | None:
        ok = True
        choices = [*EVENT_TYPES, *SUB_EVENT_TYPES]
        for j, kind in enumerate(kinds):
            if kind not in EVENT_TYPES and kind not in SUB_EVENT_TYPES:
                self.problem(
                    (*at, j),
                    f"'{kind}' is not an ACLED event type or sub-event type"
                    f"{suggest(kind, choices)}",
                )
                ok = False
        return expand_event_kinds(kinds) if ok else None

    def party_ids(self, ids: list[str], at: Path) -> tuple[str, ...] | None:
        ok = True
        for j, pid in enumerate(ids):
            if pid not in self.parties:
                hint = suggest(pid, self.parties) or _known("parties", sorted(self.parties))
                self.problem((*at, j), f"no party with id '{pid}'{hint}")
                ok = False
        return tuple(ids) if ok else None

    def area_ref(self, ref: str, at: Path) -> Area | None:
        area = self.areas.get(ref)
        if area is None and ref not in self.broken:
            hint = suggest(ref, self.areas) or _known("areas", sorted(self.areas))
            self.problem(at, f"no area with id '{ref}'{hint}")
        return area

    def line_ref(self, ref: str, at: Path) -> Route | None:
        line = self.lines.get(ref)
        if line is None and ref not in self.broken:
            hint = suggest(ref, self.lines) or _known("lines", sorted(self.lines))
            self.problem(at, f"no line with id '{ref}'{hint}")
        return line

    def exemptions(
        self, specs: list[ExemptionSpec], where: Callable[[str], Path]
    ) -> tuple[Exemption, ...] | None:
        out = []
        for j, ex in enumerate(specs):
            claimants = self.party_ids(ex.claimable_by, (*where("exemptions"), j, "claimable_by"))
            if claimants is None:
                return None
            out.append(
                Exemption(ex.id, ex.description, claimants, tuple(ex.against), tuple(ex.keywords))
            )
        return tuple(out)

    def ceasefire(
        self,
        spec: CeasefireSpec,
        start: dt.datetime,
        end: dt.datetime | None,
        where: Callable[[str], Path],
    ) -> Terms | None:
        area = self.area_ref(spec.area, where("area")) if spec.area else None
        prohibited = self.prohibited(spec.prohibited, where("prohibited"))
        bound = self.party_ids(spec.bound_parties, where("bound_parties"))
        exemptions = self.exemptions(spec.exemptions, where)
        if (
            (spec.area and area is None)
            or prohibited is None
            or bound is None
            or exemptions is None
        ):
            return None
        return CeasefireTerms(
            start=start,
            end=end,
            approximate=spec.area in self.approx_areas,
            area_id=spec.area,
            area=area,
            prohibited=prohibited,
            bound_parties=bound,
            exemptions=exemptions,
        )

    def corridor(
        self,
        spec: CorridorSpec,
        start: dt.datetime,
        end: dt.datetime | None,
        where: Callable[[str], Path],
    ) -> Terms | None:
        route = self.line_ref(spec.line, where("line"))
        prohibited = self.prohibited(spec.prohibited, where("prohibited"))
        bound = self.party_ids(spec.bound_parties, where("bound_parties"))
        exemptions = self.exemptions(spec.exemptions, where)
        if route is None or prohibited is None or bound is None or exemptions is None:
            return None
        return CorridorTerms(
            start=start,
            end=end,
            approximate=spec.line in self.approx_lines,
            line_id=spec.line,
            band=Band(route, spec.half_width_km, spec.ends),
            prohibited=prohibited,
            bound_parties=bound,
            exemptions=exemptions,
        )

    def patrol(
        self,
        spec: PatrolSpec,
        start: dt.datetime,
        end: dt.datetime | None,
        where: Callable[[str], Path],
    ) -> Terms | None:
        route = self.line_ref(spec.route, where("route"))
        parties = self.party_ids(spec.parties, where("parties"))
        frequency = None
        if spec.frequency is not None:
            try:
                frequency = parse_frequency(spec.frequency)
            except ValueError as exc:
                self.problem(where("frequency"), str(exc))
                return None
        if route is None or parties is None:
            return None
        approx = spec.route in self.approx_lines
        if spec.from_ is not None or spec.to is not None:
            a = self.point(spec.from_, where("from")) if spec.from_ is not None else None
            b = self.point(spec.to, where("to")) if spec.to is not None else None
            if (spec.from_ is not None and a is None) or (spec.to is not None and b is None):
                return None
            first, last = route.points[0], route.points[-1]
            try:
                route = route.between(a[0] if a else first, b[0] if b else last)
            except GeometryError as exc:
                self.problem(where("from"), str(exc))
                return None
            approx = approx or bool(a and a[1]) or bool(b and b[1])
        return PatrolTerms(
            start=start,
            end=end,
            approximate=approx,
            route_id=spec.route,
            route=route,
            parties=parties,
            frequency=frequency,
        )

    def zone(
        self,
        spec: ZoneSpec,
        start: dt.datetime,
        end: dt.datetime | None,
        where: Callable[[str], Path],
    ) -> Terms | None:
        area = self.area_ref(spec.area, where("area"))
        prohibited = self.prohibited(spec.prohibited, where("prohibited"))
        bound = self.party_ids(spec.bound_parties, where("bound_parties"))
        exemptions = self.exemptions(spec.exemptions, where)
        if area is None or prohibited is None or bound is None or exemptions is None:
            return None
        return ZoneTerms(
            start=start,
            end=end,
            approximate=spec.area in self.approx_areas,
            area_id=spec.area,
            area=area,
            rules=tuple(spec.rules),
            prohibited=prohibited,
            bound_parties=bound,
            exemptions=exemptions,
        )


def _origin_of(origin: dict[str, Path], fallback: Path) -> Callable[[str], Path]:
    """Where each field of amended terms was written: the base provision or an amendment."""
    frozen = dict(origin)
    return lambda field: frozen.get(field, fallback)


def _near(area: Area, lat: float, lon: float, tolerance_km: float = 1.0) -> bool:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return False
    placed = area.locate(lat, lon)
    return bool(placed.inside) or (placed.edge_km is not None and placed.edge_km <= tolerance_km)
