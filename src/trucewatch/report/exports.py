"""Incidents with their verdicts as CSV (ACLED's columns and formats), GeoJSON and KML.

The CSV keeps ACLED's column names, order and date format (``9-May-20``), so it loads
into tools that read ACLED exports, then adds trucewatch's own columns. GeoJSON follows
RFC 7946 (longitude first); KML 2.2 carries the same properties as ExtendedData.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from trucewatch.records import Incident, Verdict
from trucewatch.report.html import strongest

__all__ = [
    "ACLED_COLUMNS",
    "TRUCEWATCH_COLUMNS",
    "incident_fields",
    "incidents_csv",
    "incidents_geojson",
    "incidents_kml",
]

ACLED_COLUMNS = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "timestamp", "iso3",
)  # fmt: skip
"""ACLED's columns, in the order of its 2020 exports."""

TRUCEWATCH_COLUMNS = (
    "incident_id", "sources", "mentions", "fatalities_reported", "verdict", "verdicts",
    "confidence", "review_status",
)  # fmt: skip
"""trucewatch's own columns, after ACLED's."""


def _by_incident(verdicts: Sequence[Verdict]) -> Mapping[str, list[Verdict]]:
    out: dict[str, list[Verdict]] = defaultdict(list)
    for v in verdicts:
        out[v.incident_id].append(v)
    return out


def _row(inc: Incident, verdicts: Sequence[Verdict]) -> dict[str, Any]:
    day = inc.when.date
    outlets = sorted({e.outlet for e in inc.evidence if e.outlet})
    notes = " ".join(e.text for e in inc.evidence[:2])
    return {
        "data_id": "",
        "iso": "",
        "event_id_cnty": "",
        "event_id_no_cnty": "",
        "event_date": f"{day.day}-{day:%b-%y}" if day else "",
        "year": day.year if day else "",
        "time_precision": inc.when.precision or "",
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "actor1": inc.actor1 or "",
        "assoc_actor_1": "",
        "inter1": "",
        "actor2": inc.actor2 or "",
        "assoc_actor_2": "",
        "inter2": "",
        "interaction": "",
        "region": "",
        "country": inc.where.country or "",
        "admin1": inc.where.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": inc.where.name or "",
        "latitude": "" if inc.where.latitude is None else f"{inc.where.latitude:.4f}",
        "longitude": "" if inc.where.longitude is None else f"{inc.where.longitude:.4f}",
        "geo_precision": inc.where.precision or "",
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": notes,
        "fatalities": inc.fatalities if inc.fatalities is not None else 0,
        "timestamp": "",
        "iso3": "",
        "incident_id": inc.id,
        "sources": inc.sources,
        "mentions": len(inc.mentions),
        "fatalities_reported": ";".join(str(f) for f in inc.fatalities_reported),
        "verdict": strongest(verdicts) or "",
        "verdicts": ";".join(f"{v.agreement_id}/{v.provision_id}={v.code}" for v in verdicts),
        "confidence": f"{inc.confidence:.3f}",
        "review_status": inc.review_status,
    }


def incidents_csv(incidents: Sequence[Incident], verdicts: Sequence[Verdict]) -> str:
    """The incidents as CSV text: ACLED's columns, then trucewatch's."""
    by_incident = _by_incident(verdicts)
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=[*ACLED_COLUMNS, *TRUCEWATCH_COLUMNS], lineterminator="\n"
    )
    writer.writeheader()
    for inc in incidents:
        writer.writerow(_row(inc, by_incident[inc.id]))
    return buffer.getvalue()


def incident_fields(inc: Incident, verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """An incident and its verdicts as plain JSON values: ``trucewatch incidents --json``."""
    return {
        "id": inc.id,
        "event_date": inc.when.date.isoformat() if inc.when.date else None,
        "time_precision": inc.when.precision,
        "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type,
        "actor1": inc.actor1,
        "actor2": inc.actor2,
        "location": inc.where.name,
        "latitude": inc.where.latitude,
        "longitude": inc.where.longitude,
        "geo_precision": inc.where.precision,
        "country": inc.where.country,
        "fatalities": inc.fatalities,
        "fatalities_reported": list(inc.fatalities_reported),
        "sources": inc.sources,
        "mentions": len(inc.mentions),
        "verdicts": [
            {
                "agreement": v.agreement_id,
                "provision": v.provision_id,
                "code": v.code,
                "reasons": list(v.reasons),
                "confidence": v.confidence,
            }
            for v in verdicts
        ],
        "review_status": inc.review_status,
    }


def _properties(inc: Incident, verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """The fields as a GIS wants them: flat values, the point in the geometry, not here."""
    out = incident_fields(inc, verdicts)
    for name in ("latitude", "longitude", "mentions"):
        del out[name]
    out["fatalities_reported"] = ";".join(str(f) for f in inc.fatalities_reported)
    out["verdict"] = strongest(verdicts)
    out["verdicts"] = json.dumps(out["verdicts"], ensure_ascii=False)
    return out


def incidents_geojson(incidents: Sequence[Incident], verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """The placed incidents as a GeoJSON FeatureCollection of points (RFC 7946)."""
    by_incident = _by_incident(verdicts)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": inc.id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [inc.where.longitude, inc.where.latitude],
                },
                "properties": _properties(inc, by_incident[inc.id]),
            }
            for inc in incidents
            if inc.where.latitude is not None and inc.where.longitude is not None
        ],
    }


_KML = "http://www.opengis.net/kml/2.2"


def incidents_kml(
    incidents: Sequence[Incident], verdicts: Sequence[Verdict], title: str = "trucewatch incidents"
) -> str:
    """The placed incidents as KML placemarks with their properties as ExtendedData."""
    by_incident = _by_incident(verdicts)
    ET.register_namespace("", _KML)
    root = ET.Element("kml", xmlns=_KML)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = title
    for inc in incidents:
        if inc.where.latitude is None or inc.where.longitude is None:
            continue
        props = _properties(inc, by_incident[inc.id])
        mark = ET.SubElement(doc, "Placemark", id=inc.id)
        ET.SubElement(
            mark, "name"
        ).text = f"{props['event_date'] or 'undated'} {inc.sub_event_type}"
        ET.SubElement(mark, "description").text = "\n".join(
            f"{v.provision_id}: {v.code} ({'; '.join(v.reasons)})" for v in by_incident[inc.id]
        )
        data = ET.SubElement(mark, "ExtendedData")
        for key, value in props.items():
            ET.SubElement(ET.SubElement(data, "Data", name=key), "value").text = (
                "" if value is None else str(value)
            )
        point = ET.SubElement(mark, "Point")
        ET.SubElement(
            point, "coordinates"
        ).text = f"{inc.where.longitude:.6f},{inc.where.latitude:.6f}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
