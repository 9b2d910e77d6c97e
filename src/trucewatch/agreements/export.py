"""An agreement's shapes as GeoJSON (RFC 7946) or KML, for QGIS and Google Earth.

>>> from trucewatch.agreements import load_agreement
>>> fc = to_geojson(load_agreement("examples/idlib-2020/agreement.yaml"))  # doctest: +SKIP
>>> fc["type"]  # doctest: +SKIP
'FeatureCollection'
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree as ET

from shapely.geometry import Point, mapping
from shapely.geometry.base import BaseGeometry

from trucewatch.agreements.agreement import (
    Agreement,
    CeasefireTerms,
    CorridorTerms,
    PatrolTerms,
    ZoneTerms,
)

__all__ = ["FORMATS", "export", "to_geojson", "to_kml"]

FORMATS = ("geojson", "kml")


def _features(
    agreement: Agreement, at: dt.datetime | None
) -> list[tuple[BaseGeometry, dict[str, Any]]]:
    out: list[tuple[BaseGeometry, dict[str, Any]]] = []
    for area_id, area in agreement.areas.items():
        out.append(
            (
                area.lonlat(),
                {
                    "layer": "area",
                    "id": area_id,
                    "area_km2": round(area.area_km2, 1),
                    "approximate": area_id in agreement.approximate_areas,
                },
            )
        )
    for line_id, route in agreement.lines.items():
        out.append(
            (
                route.lonlat(),
                {"layer": "line", "id": line_id, "length_km": round(route.length_km, 2)},
            )
        )
    for p in agreement.provisions:
        terms = p.terms_at(at)
        props: dict[str, Any] = {
            "layer": "provision",
            "id": p.id,
            "kind": p.kind,
            "title": p.title or "",
            "start": terms.start.isoformat(),
            "end": terms.end.isoformat() if terms.end else None,
            "approximate": terms.approximate,
        }
        if isinstance(terms, CorridorTerms):
            props |= {"half_width_km": terms.half_width_km, "ends": terms.ends}
            out.append((terms.band.lonlat(), props))
        elif isinstance(terms, PatrolTerms):
            props |= {
                "route_km": round(terms.route.length_km, 2),
                "parties": ",".join(terms.parties),
            }
            out.append((terms.route.lonlat(), props))
        elif isinstance(terms, CeasefireTerms | ZoneTerms) and terms.area is not None:
            props["area"] = terms.area_id
            if isinstance(terms, ZoneTerms):
                props["rules"] = ",".join(terms.rules)
            out.append((terms.area.lonlat(), props))
    for place in agreement.places:
        out.append(
            (
                Point(place.lon, place.lat),
                {
                    "layer": "place",
                    "id": place.id,
                    "name": place.names[0],
                    "names": "; ".join(place.names),
                    "approximate": place.approximate,
                },
            )
        )
    return out


def to_geojson(agreement: Agreement, at: dt.datetime | None = None) -> dict[str, Any]:
    """Areas, lines, provisions' shapes (terms in force at ``at``) and places as GeoJSON."""
    return {
        "type": "FeatureCollection",
        "name": agreement.id,
        "features": [
            {
                "type": "Feature",
                "id": f"{props['layer']}:{props['id']}",
                "properties": props,
                "geometry": mapping(geom),
            }
            for geom, props in _features(agreement, at)
        ],
    }


_KML = "http://www.opengis.net/kml/2.2"
_STYLES = {
    "area": ("7f3c8cff", "403c8cff"),
    "line": ("ff333333", "00000000"),
    "provision": ("ff0000cc", "300000cc"),
    "place": ("ff00aaff", "00000000"),
}


def _kml_coords(coords: Any) -> str:
    return " ".join(f"{x:.6f},{y:.6f}" for x, y, *_ in coords)


def _kml_geometry(parent: ET.Element, geom: BaseGeometry) -> None:
    kind = geom.geom_type
    if kind.startswith("Multi") or kind == "GeometryCollection":
        multi = ET.SubElement(parent, "MultiGeometry")
        for part in geom.geoms:
            _kml_geometry(multi, part)
    elif kind == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _kml_coords(geom.coords)
    elif kind == "LineString":
        ls = ET.SubElement(parent, "LineString")
        ET.SubElement(ls, "tessellate").text = "1"
        ET.SubElement(ls, "coordinates").text = _kml_coords(geom.coords)
    elif kind == "Polygon":
        poly = ET.SubElement(parent, "Polygon")
        rings = [("outerBoundaryIs", geom.exterior)]
        rings += [("innerBoundaryIs", r) for r in geom.interiors]
        for tag, ring in rings:
            lr = ET.SubElement(ET.SubElement(poly, tag), "LinearRing")
            ET.SubElement(lr, "coordinates").text = _kml_coords(ring.coords)


def to_kml(agreement: Agreement, at: dt.datetime | None = None) -> str:
    """The same features as :func:`to_geojson`, as a KML 2.2 document."""
    ET.register_namespace("", _KML)
    root = ET.Element("kml", xmlns=_KML)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = agreement.title
    for layer, (line, fill) in _STYLES.items():
        style = ET.SubElement(doc, "Style", id=layer)
        ls = ET.SubElement(style, "LineStyle")
        ET.SubElement(ls, "color").text = line
        ET.SubElement(ls, "width").text = "2"
        ET.SubElement(ET.SubElement(style, "PolyStyle"), "color").text = fill
    for geom, props in _features(agreement, at):
        mark = ET.SubElement(doc, "Placemark", id=f"{props['layer']}:{props['id']}")
        ET.SubElement(mark, "name").text = str(
            props.get("title") or props.get("name") or props["id"]
        )
        ET.SubElement(mark, "styleUrl").text = f"#{props['layer']}"
        data = ET.SubElement(mark, "ExtendedData")
        for key, value in props.items():
            ET.SubElement(ET.SubElement(data, "Data", name=key), "value").text = (
                "" if value is None else str(value)
            )
        _kml_geometry(mark, geom)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def export(agreement: Agreement, fmt: str, at: dt.datetime | None = None) -> str:
    """The agreement's shapes as text in ``fmt`` (geojson or kml)."""
    import json

    if fmt == "geojson":
        return json.dumps(to_geojson(agreement, at), ensure_ascii=False, indent=1) + "\n"
    if fmt == "kml":
        return to_kml(agreement, at)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
