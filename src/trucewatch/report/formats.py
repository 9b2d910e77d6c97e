"""The formats ``trucewatch report`` writes, apart from the renderers so --help is quick."""

from __future__ import annotations

import enum

__all__ = ["ReportFormat"]


class ReportFormat(enum.StrEnum):
    """The formats ``trucewatch report`` writes."""

    html = "html"
    pdf = "pdf"
    csv = "csv"
    geojson = "geojson"
    kml = "kml"
