"""Small SVG drawings for the report: the map and the timeline, with no scripts and no tiles.

Every text that reaches the SVG is escaped. The map uses an equirectangular projection
scaled by the cosine of the middle latitude, which is faithful enough at the scale of a
region; distances in the report come from the geometry module, never from the drawing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

__all__ = ["COLOURS", "MapCanvas", "Marker", "timeline_svg"]

COLOURS = {
    "violation": "#c0392b",
    "possible_violation": "#e67e22",
    "exemption_claimed": "#8e44ad",
    "not_in_force": "#7f8c8d",
    "outside_area": "#2980b9",
    "not_covered": "#95a5a6",
}
"""One colour per verdict code, the same on the map, the timeline and the tables."""


_STYLE = {
    "sea": "fill:#eef3f7",
    "country": "fill:#fbfaf5;stroke:#999999;stroke-width:0.8",
    "area": "fill:#f2d7a0;fill-opacity:0.35;stroke:#b07d2a;stroke-width:1.2",
    "area approx": "fill:#f2d7a0;fill-opacity:0.35;stroke:#b07d2a;stroke-width:1.2;stroke-dasharray:5 3",
    "corridor": "fill:#c0392b;fill-opacity:0.12;stroke:#c0392b;stroke-width:0.8",
    "line": "fill:none;stroke:#444444;stroke-width:1.6",
    "route": "fill:none;stroke:#16a085;stroke-width:2.4;stroke-dasharray:6 3",
    "place": "font-size:11px;fill:#333333;font-family:DejaVu Sans,Arial,sans-serif",
    "place-dot": "fill:#333333",
    "incident": "stroke:#ffffff;stroke-width:1.2;fill-opacity:0.9",
    "scale": "fill:#333333;font-size:11px;font-family:DejaVu Sans,Arial,sans-serif",
    "grid": "stroke:#eeeeee",
    "axis": "font-size:10px;fill:#555555;font-family:DejaVu Sans,Arial,sans-serif",
    "mark": "stroke:#333333;stroke-dasharray:3 3",
    "mark-text": "font-size:10px;fill:#333333;font-family:DejaVu Sans,Arial,sans-serif",
}
"""Drawing styles, written as attributes: renderers of PDF and mail ignore page CSS in SVG."""


LABEL_CHAR_PX = 6.5
LABEL_HEIGHT_PX = 11.0
"""A place label's size in the drawing: about a character's width at 11 px, and a line."""


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two boxes (left, top, right, bottom) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _a(value: str) -> str:
    return escape(value, quote=True)


def _s(css: str) -> str:
    """A class and its inline style."""
    return f'class="{_a(css)}" style="{_STYLE.get(css, "")}"'


@dataclass
class Marker:
    """An incident on the map."""

    lat: float
    lon: float
    code: str
    label: str
    radius: float = 5.0


@dataclass
class MapCanvas:
    """A map of a lon/lat extent drawn into an SVG of a given width."""

    west: float
    south: float
    east: float
    north: float
    width: int = 900
    parts: list[str] = field(default_factory=list)
    _labels: list[tuple[float, float, float, float]] = field(default_factory=list, repr=False)
    """The boxes (left, top, right, bottom) of the labels drawn so far."""

    @classmethod
    def around(
        cls, bounds: Iterable[tuple[float, float, float, float]], pad: float = 0.12
    ) -> MapCanvas:
        """A canvas holding every (west, south, east, north) box, with a margin."""
        boxes = list(bounds)
        west = min(b[0] for b in boxes)
        south = min(b[1] for b in boxes)
        east = max(b[2] for b in boxes)
        north = max(b[3] for b in boxes)
        dx, dy = max(east - west, 0.05), max(north - south, 0.05)
        # Keep the map between 5:3 landscape and square: widen the narrow side.
        k = math.cos(math.radians((south + north) / 2))
        if dy > dx * k:
            grow = (dy / k - dx) / 2
            west, east, dx = west - grow, east + grow, dy / k
        elif dy < 0.6 * dx * k:
            grow = (0.6 * dx * k - dy) / 2
            south, north, dy = south - grow, north + grow, 0.6 * dx * k
        return cls(west - dx * pad, south - dy * pad, east + dx * pad, north + dy * pad)

    @property
    def _k(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def height(self) -> int:
        span_x = (self.east - self.west) * self._k
        return max(200, round(self.width * (self.north - self.south) / span_x))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return round(x, 1), round(y, 1)

    def _path(self, coords: Sequence[Sequence[float]], close: bool) -> str:
        pts = [self.xy(c[0], c[1]) for c in coords]
        if not pts:
            return ""
        d = "M" + " L".join(f"{x},{y}" for x, y in pts)
        return d + (" Z" if close else "")

    def geometry(self, geom: BaseGeometry, css: str, title: str | None = None) -> None:
        """Draw a (multi)polygon or (multi)line given in lon/lat."""
        gj = mapping(geom)
        kind, coords = gj["type"], gj.get("coordinates", ())
        paths: list[str] = []
        if kind == "Polygon":
            paths = [self._path(ring, True) for ring in coords]
        elif kind == "MultiPolygon":
            paths = [self._path(ring, True) for poly in coords for ring in poly]
        elif kind == "LineString":
            paths = [self._path(coords, False)]
        elif kind == "MultiLineString":
            paths = [self._path(line, False) for line in coords]
        if not paths:
            return
        tip = f"<title>{_a(title)}</title>" if title else ""
        self.parts.append(f'<path {_s(css)} fill-rule="evenodd" d="{" ".join(paths)}">{tip}</path>')

    def marker(self, m: Marker) -> None:
        x, y = self.xy(m.lon, m.lat)
        colour = COLOURS.get(m.code, "#333")
        self.parts.append(
            f'<circle class="incident {_a(m.code)}" style="{_STYLE["incident"]}" cx="{x}" cy="{y}" '
            f'r="{m.radius:.1f}" fill="{colour}"><title>{_a(m.label)}</title></circle>'
        )

    def label(self, lon: float, lat: float, text: str, css: str = "place") -> None:
        """A dot and its name, on the first side of the dot (above right, below right, above
        left, below left) where the name covers no label drawn before; above right if none."""
        x, y = self.xy(lon, lat)
        w, h = LABEL_CHAR_PX * len(text), LABEL_HEIGHT_PX
        sides = (  # (text x, baseline y, anchor)
            (x + 4, y - 4, "start"),
            (x + 4, y + 4 + h, "start"),
            (x - 4, y - 4, "end"),
            (x - 4, y + 4 + h, "end"),
        )

        def box(tx: float, ty: float, anchor: str) -> tuple[float, float, float, float]:
            left = tx if anchor == "start" else tx - w
            return (left, ty - h, left + w, ty)

        tx, ty, anchor = next(
            (side for side in sides if not any(_overlap(box(*side), b) for b in self._labels)),
            sides[0],
        )
        self._labels.append(box(tx, ty, anchor))
        end = ' text-anchor="end"' if anchor == "end" else ""
        self.parts.append(f'<circle {_s(css + "-dot")} cx="{x}" cy="{y}" r="2"/>')
        self.parts.append(f'<text {_s(css)} x="{tx}" y="{ty}"{end}>{_a(text)}</text>')

    def scale_bar(self) -> None:
        """A bar of a round number of km in the lower left corner."""
        km_per_px = (self.east - self.west) * 111.32 * self._k / self.width
        target = km_per_px * self.width / 5
        nice = next(
            n for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000) if n >= target / 2
        )
        px = nice / km_per_px
        y = self.height - 16
        self.parts.append(
            f'<g {_s("scale")}><rect x="12" y="{y - 4}" width="{px:.1f}" height="4"/>'
            f'<text x="12" y="{y - 8}">{nice} km</text></g>'
        )

    def svg(self, title: str) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {self.width} '
            f'{self.height}" role="img" aria-label="{_a(title)}"><rect {_s("sea")} width="100%" '
            f'height="100%"/>{"".join(self.parts)}</svg>'
        )


def timeline_svg(
    counts: dict[dt.date, dict[str, int]],
    marks: Sequence[tuple[dt.date, str]],
    width: int = 900,
    height: int = 220,
) -> str:
    """Incidents per day, stacked by verdict, with the provisions' start days marked."""
    days = sorted(set(counts) | {d for d, _ in marks})
    if not days:
        return '<p class="empty">No dated incidents.</p>'
    first, last = days[0], days[-1]
    n = (last - first).days + 1
    top = max((sum(c.values()) for c in counts.values()), default=1) or 1
    left, bottom, plot_h = 36, 36, height - 56
    bar_w = max(2.0, (width - left - 10) / n)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {width} {height}">'
    ]
    for i in range(top + 1) if top <= 10 else range(0, top + 1, max(1, top // 5)):
        y = height - bottom - plot_h * i / top
        parts.append(
            f'<line {_s("grid")} x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text {_s("axis")} x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{i}</text>'
        )
    for day, by_code in sorted(counts.items()):
        x = left + (day - first).days * bar_w
        y = height - bottom
        for code in COLOURS:
            k = by_code.get(code, 0)
            if not k:
                continue
            h = plot_h * k / top
            y -= h
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[code]}"><title>{day.isoformat()}: {k} {_a(code.replace("_", " "))}'
                f"</title></rect>"
            )
    step = max(1, n // 10)
    for i in range(0, n, step):
        day = first + dt.timedelta(days=i)
        x = left + i * bar_w + bar_w / 2
        parts.append(
            f'<text {_s("axis")} x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
            f"{day.day} {day:%b}</text>"
        )
    for day, text in marks:
        x = left + (day - first).days * bar_w
        parts.append(
            f'<line {_s("mark")} x1="{x:.1f}" x2="{x:.1f}" y1="8" y2="{height - bottom}"/>'
            f'<text {_s("mark-text")} x="{x + 3:.1f}" y="18">{_a(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
