"""The report a monitor can e-mail: one self-contained HTML file, no scripts, no downloads.

It holds a map (country outlines, the agreements' areas, corridors and routes, incidents
coloured by verdict), a timeline of incidents per day by verdict with the provisions'
starts marked, patrol coverage along each route, and a table of violations and possible
violations with their reasons, evidence quotes and sources. Every verdict is labelled as
machine-assessed until an analyst reviews it. All report text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from importlib import resources

from trucewatch.agreements import Agreement, CorridorTerms, PatrolTerms
from trucewatch.assess.patrols import PatrolRun, coverage
from trucewatch.records import VERDICT_CODES, Incident, Verdict
from trucewatch.report.basemap import countries_in
from trucewatch.report.svg import COLOURS, MapCanvas, Marker, timeline_svg

__all__ = ["ReportData", "render_html", "strongest"]

_WORDS = {
    "violation": "violation",
    "possible_violation": "possible violation",
    "exemption_claimed": "exemption claimed",
    "not_in_force": "not in force",
    "outside_area": "outside the area",
    "not_covered": "not covered",
}


@dataclass(frozen=True)
class ReportData:
    """Everything one report shows."""

    title: str
    agreements: Sequence[Agreement]
    incidents: Sequence[Incident]
    verdicts: Sequence[Verdict]
    patrols: Mapping[tuple[str, str], Sequence[PatrolRun]] = field(default_factory=dict)
    """Patrol runs by (agreement id, provision id)."""
    generated: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def strongest(verdicts: Sequence[Verdict]) -> str | None:
    """The strongest finding among an incident's verdicts (violation first)."""
    if not verdicts:
        return None
    return min((v.code for v in verdicts), key=VERDICT_CODES.index)


def _badge(code: str) -> str:
    return f'<span class="badge" style="background:{COLOURS[code]}">{_e(_WORDS[code])}</span>'


def _framed(data: ReportData) -> tuple[list[Incident], list[Incident]]:
    """The incidents to map and those left off it: far from the agreements' shapes (the
    signing in Moscow of an agreement on Idlib) they would shrink the area to a dot."""
    placed = [i for i in data.incidents if i.where.latitude is not None]
    core = [area.lonlat().bounds for a in data.agreements for area in a.areas.values()]
    core += [line.lonlat().bounds for a in data.agreements for line in a.lines.values()]
    if not core:
        return placed, []
    west, south = min(b[0] for b in core), min(b[1] for b in core)
    east, north = max(b[2] for b in core), max(b[3] for b in core)
    margin = max(east - west, north - south, 0.5)
    near: list[Incident] = []
    far: list[Incident] = []
    for i in placed:
        lat, lon = i.where.latitude, i.where.longitude
        assert lat is not None and lon is not None
        inside = west - margin <= lon <= east + margin and south - margin <= lat <= north + margin
        (near if inside else far).append(i)
    return near, far


def _map(data: ReportData, by_incident: Mapping[str, list[Verdict]]) -> str:
    boxes = []
    for a in data.agreements:
        boxes += [area.lonlat().bounds for area in a.areas.values()]
        boxes += [line.lonlat().bounds for line in a.lines.values()]
    mapped, off_map = _framed(data)
    boxes += [
        (i.where.longitude, i.where.latitude, i.where.longitude, i.where.latitude)
        for i in mapped
        if i.where.longitude is not None and i.where.latitude is not None
    ]
    if not boxes:
        return '<p class="empty">Nothing to map.</p>'
    canvas = MapCanvas.around(boxes)
    for name, geom in countries_in((canvas.west, canvas.south, canvas.east, canvas.north)):
        canvas.geometry(geom, "country", name)
    for a in data.agreements:
        for area_id, area in a.areas.items():
            css = "area approx" if area_id in a.approximate_areas else "area"
            canvas.geometry(area.lonlat(), css, a.name_of(area_id))
        for p in a.provisions:
            terms = p.terms_at()
            if isinstance(terms, CorridorTerms):
                canvas.geometry(terms.band.lonlat(), "corridor", p.title or p.id)
        for line_id, line in a.lines.items():
            canvas.geometry(line.lonlat(), "line", a.name_of(line_id))
        for p in a.provisions:
            terms = p.terms_at()
            if isinstance(terms, PatrolTerms):
                canvas.geometry(terms.route.lonlat(), "route", p.title or p.id)
        for place in a.places:
            if not place.names[0].startswith("M4 "):
                canvas.label(place.lon, place.lat, place.names[0])
    for inc in sorted(
        mapped,
        key=lambda i: -VERDICT_CODES.index(strongest(by_incident[i.id]) or "not_covered"),
    ):
        if inc.where.latitude is None or inc.where.longitude is None:
            continue
        code = strongest(by_incident[inc.id]) or "not_covered"
        radius = 4.0 + min(8.0, (inc.fatalities or 0) ** 0.5)
        label = f"{inc.when.date or 'undated'}, {inc.where.name or ''}: {inc.sub_event_type} ({_WORDS[code]})"
        canvas.marker(Marker(inc.where.latitude, inc.where.longitude, code, label, radius))
    canvas.scale_bar()
    legend = "".join(
        f'<li><span class="swatch" style="background:{c}"></span>{_e(_WORDS[k])}</li>'
        for k, c in COLOURS.items()
    )
    note = ""
    if off_map:
        listed = "; ".join(
            f"{i.where.name or 'unnamed place'} ({i.when.date or 'undated'}, "
            f"{i.sub_event_type}: {_WORDS[strongest(by_incident[i.id]) or 'not_covered']})"
            for i in off_map
        )
        note = f'<p class="note">Far from the agreement\'s area, not on the map: {_e(listed)}.</p>'
    return (
        canvas.svg(data.title)
        + note
        + f'<ul class="legend">{legend}<li><span class="swatch corridor-swatch"></span>corridor</li><li><span class="swatch route-swatch"></span>patrol route</li></ul>'
    )


def _timeline(data: ReportData, by_incident: Mapping[str, list[Verdict]]) -> str:
    counts: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for inc in data.incidents:
        if inc.when.date is None:
            continue
        counts[inc.when.date][strongest(by_incident[inc.id]) or "not_covered"] += 1
    starts: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
    for a in data.agreements:
        for p in a.provisions:
            local = a.local(p.base.start)
            starts[(local.date(), f"{local:%H:%M}")].append(p.id)
    marks = [
        (day, f"{', '.join(ids)} from {clock}") for (day, clock), ids in sorted(starts.items())
    ]
    return timeline_svg({d: dict(c) for d, c in counts.items()}, marks)


def _summary(data: ReportData) -> str:
    table: Counter[tuple[str, str, str]] = Counter(
        (v.agreement_id, v.provision_id, v.code) for v in data.verdicts
    )
    provisions = sorted({(a, p) for a, p, _ in table})
    head = "".join(f"<th>{_badge(c)}</th>" for c in VERDICT_CODES)
    rows = "".join(
        f"<tr><td>{_e(a)}</td><td>{_e(p)}</td>"
        + "".join(f'<td class="num">{table.get((a, p, c), 0) or ""}</td>' for c in VERDICT_CODES)
        + "</tr>"
        for a, p in provisions
    )
    return (
        f'<table class="summary"><tr><th>agreement</th><th>provision</th>{head}</tr>{rows}</table>'
    )


def _patrols(data: ReportData) -> str:
    out = []
    for a in data.agreements:
        for p in a.provisions:
            terms = p.terms_at()
            if not isinstance(terms, PatrolTerms):
                continue
            runs = list(data.patrols.get((a.id, p.id), ()))
            length = terms.route.length_km
            out.append(f"<h3>{_e(p.title or p.id)} <small>({length:.1f} km route)</small></h3>")
            if not runs:
                out.append('<p class="empty">No patrols reported.</p>')
                continue
            rows = []
            for w in coverage(length, runs):
                strip = "".join(
                    f'<span class="covered" style="left:{lo / length * 100:.2f}%;width:{(hi - lo) / length * 100:.2f}%"></span>'
                    for lo, hi in w.stretches
                )
                rows.append(
                    f'<tr><td>{w.week_start:%d %b %Y}</td><td class="num">{w.patrols}</td>'
                    f'<td class="num">{w.cut_short}</td><td class="num">{w.covered_km:.1f}</td>'
                    f'<td class="num">{w.share:.0%}</td><td><div class="strip">{strip}</div></td></tr>'
                )
            out.append(
                '<table class="patrols"><tr><th>week of</th><th>patrols</th><th>cut short</th>'
                "<th>km covered</th><th>share</th><th>along the route (start at left)</th></tr>"
                + "".join(rows)
                + "</table>"
            )
            runs_rows = "".join(
                f'<tr><td>{r.date:%d %b %Y}</td><td class="num">{r.from_km:.1f} to {r.to_km:.1f}</td>'
                f"<td>{'completed' if r.completed else 'cut short'}</td><td>{_e(', '.join(r.parties))}</td>"
                f"<td>{_e(r.note or '')}</td><td>{_e(', '.join(r.sources))}</td></tr>"
                for r in sorted(runs, key=lambda r: r.date)
            )
            out.append(
                '<table class="runs"><tr><th>date</th><th>km</th><th>outcome</th><th>parties</th>'
                f"<th>note</th><th>sources</th></tr>{runs_rows}</table>"
            )
    return "".join(out) or '<p class="empty">The agreements set no patrols.</p>'


def _incident_rows(data: ReportData, by_incident: Mapping[str, list[Verdict]]) -> str:
    flagged = [
        i
        for i in data.incidents
        if strongest(by_incident[i.id]) in {"violation", "possible_violation", "exemption_claimed"}
    ]
    if not flagged:
        return '<p class="empty">No violations or possible violations.</p>'
    flagged.sort(
        key=lambda i: (
            VERDICT_CODES.index(strongest(by_incident[i.id]) or "not_covered"),
            str(i.when.date),
        )
    )
    rows = []
    for inc in flagged:
        tolls = ", ".join(str(f) for f in inc.fatalities_reported) or "none reported"
        conflict = (
            ' <span class="flag">sources disagree</span>'
            if len(inc.fatalities_reported) > 1
            else ""
        )
        verdicts = "".join(
            f"<li>{_badge(v.code)} <b>{_e(v.provision_id)}</b> "
            f"<small>confidence {v.confidence:.0%}</small><ul>"
            + "".join(f"<li>{_e(r)}</li>" for r in v.reasons)
            + "</ul></li>"
            for v in by_incident[inc.id]
            if v.code in {"violation", "possible_violation", "exemption_claimed"}
        )
        quotes = "".join(
            f"<blockquote>{_e(e.text)}<cite>{_e(e.outlet or e.document_id[:12])}</cite></blockquote>"
            for e in inc.evidence
        )
        claims = "".join(f"<li>{_e(c.by)} ({_e(c.kind)}): {_e(c.text)}</li>" for c in inc.claims)
        rows.append(
            f'<tr class="{_e(strongest(by_incident[inc.id]) or "")}"><td>{_e(inc.when.date or "undated")}'
            f"<br><small>precision {_e(inc.when.precision or '-')}</small></td>"
            f"<td>{_e(inc.where.name or '-')}<br><small>precision {_e(inc.where.precision or '-')}</small></td>"
            f"<td>{_e(inc.sub_event_type)}<br><small>{_e(inc.actor1 or 'unattributed')}"
            f"{' vs ' + _e(inc.actor2) if inc.actor2 else ''}</small></td>"
            f'<td class="num">{_e(inc.fatalities if inc.fatalities is not None else "-")}'
            f"<br><small>reported: {_e(tolls)}</small>{conflict}</td>"
            f'<td class="num">{inc.sources}</td>'
            f'<td><ul class="verdicts">{verdicts}</ul>'
            + (f'<ul class="claims">{claims}</ul>' if claims else "")
            + f"{quotes}</td></tr>"
        )
    return (
        '<table class="incidents"><tr><th>date</th><th>place</th><th>event</th><th>killed</th>'
        "<th>sources</th><th>verdicts, reasons and evidence</th></tr>" + "".join(rows) + "</table>"
    )


_CSS = (resources.files("trucewatch.report") / "report.css").read_text(encoding="utf-8")


def render_html(data: ReportData) -> str:
    """The whole report as one HTML document."""
    by_incident: dict[str, list[Verdict]] = defaultdict(list)
    for v in data.verdicts:
        by_incident[v.incident_id].append(v)
    counts = Counter(strongest(by_incident[i.id]) or "not_covered" for i in data.incidents)
    summary_line = ", ".join(f"{counts[c]} {_WORDS[c]}" for c in VERDICT_CODES if counts[c])
    agreements = "".join(
        f"<li>{_e(a.title)} <small>({_e(a.id)}, file hash {_e(a.hash[:12])})</small></li>"
        for a in data.agreements
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="trucewatch">
<title>{_e(data.title)}</title><style>{_CSS}</style></head>
<body>
<h1>{_e(data.title)}</h1>
<p class="meta">Generated {data.generated:%d %B %Y %H:%M} UTC · {len(data.incidents)} incidents: {_e(summary_line or "none")}</p>
<ul class="meta">{agreements}</ul>
<p class="banner">Machine-assessed: every verdict below was computed by trucewatch from news
reports and has not been reviewed by an analyst unless marked so. A "possible violation" means
the place, the date or the perpetrator is too uncertain to say more.</p>
<h2>Map</h2>
{_map(data, by_incident)}
<h2>Incidents per day</h2>
{_timeline(data, by_incident)}
<h2>Verdicts by provision</h2>
{_summary(data)}
<h2>Patrol coverage</h2>
{_patrols(data)}
<h2>Violations and possible violations</h2>
{_incident_rows(data, by_incident)}
<footer>trucewatch assists monitors; it does not adjudicate. Verdicts are reproducible from
the agreement file (hash above) and the reports; the reasons state what each rests on.</footer>
</body></html>
"""
