"""Outputs: the HTML report (and, with the pipeline, PDF, CSV, GeoJSON and KML)."""

from trucewatch.report.html import ReportData, render_html

__all__ = ["ReportData", "render_html"]
