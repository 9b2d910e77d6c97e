"""Outputs: the HTML report (and, with the pipeline, PDF, CSV, GeoJSON and KML)."""

from typing import TYPE_CHECKING

from trucewatch._lazy import lazy_names as _lazy_names

if TYPE_CHECKING:
    from trucewatch.report.html import ReportData, render_html

__all__ = ["ReportData", "render_html"]

# Loaded on first use, so trucewatch.report.formats is quick to import for --help.
__getattr__ = _lazy_names(__name__, {"trucewatch.report.html": ("ReportData", "render_html")})
