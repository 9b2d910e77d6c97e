"""Patrols on their route: where each ran (linear referencing) and the route's coverage.

A patrol provision is not judged incident by incident. What monitors ask is how much of
the route was patrolled, when, and where patrols stopped. A patrol is placed on its route
as an interval [from_km, to_km] measured from the route's start; coverage is the share of
the route's length inside the union of the week's intervals.

>>> week = coverage(50.0, [PatrolRun(dt.date(2020, 3, 15), 0.0, 20.0)])
>>> [(w.week_start.isoformat(), w.share) for w in week]
[('2020-03-09', 0.4)]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trucewatch.geometry import LatLon, Route

__all__ = ["PatrolRun", "WeekCoverage", "coverage", "place_on_route", "place_track"]


@dataclass(frozen=True, slots=True)
class PatrolRun:
    """One patrol on the route: its day, the stretch it covered, whether it finished."""

    date: dt.date
    from_km: float
    to_km: float
    completed: bool = True
    parties: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str | None = None

    @property
    def length_km(self) -> float:
        return abs(self.to_km - self.from_km)


@dataclass(frozen=True, slots=True)
class WeekCoverage:
    """The route's coverage in one week (Monday to Sunday)."""

    week_start: dt.date
    patrols: int
    covered_km: float
    share: float
    stretches: tuple[tuple[float, float], ...]
    cut_short: int


def place_on_route(route: Route, start: LatLon, end: LatLon) -> tuple[float, float]:
    """The stretch of the route between the feet of two points, in km from its start.

    >>> road = Route([(0.0, 0.0), (0.0, 1.0)])
    >>> [round(v, 1) for v in place_on_route(road, (0.01, 0.5), (0.0, 0.0))]
    [55.7, 0.0]
    """
    return route.along_km(*start), route.along_km(*end)


def place_track(
    route: Route, points: Sequence[LatLon], max_off_km: float = 2.0
) -> tuple[float, float] | None:
    """The stretch of the route a recorded track (e.g. GPX) followed, or None if it never did.

    Points farther than ``max_off_km`` from the route are ignored; the stretch runs from
    the first point on the route to the point farthest along from it, so a patrol that
    drove out and back is placed by how far it went, not where it ended.

    >>> road = Route([(0.0, 0.0), (0.0, 1.0)])
    >>> [round(v, 1) for v in place_track(road, [(0.0, 0.1), (0.0, 0.6), (0.0, 0.2)])]
    [11.1, 66.8]
    """
    on_route = []
    for lat, lon in points:
        placed = route.locate(lat, lon)
        if placed.distance_km <= max_off_km and placed.along_km is not None:
            on_route.append(placed.along_km)
    if not on_route:
        return None
    first = on_route[0]
    return first, max(on_route, key=lambda km: abs(km - first))


def _union(intervals: Iterable[tuple[float, float]], length_km: float) -> list[tuple[float, float]]:
    clipped = sorted((max(0.0, min(a, b)), min(length_km, max(a, b))) for a, b in intervals)
    merged: list[tuple[float, float]] = []
    for lo, hi in clipped:
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def coverage(route_km: float, runs: Iterable[PatrolRun]) -> list[WeekCoverage]:
    """Coverage of a route of ``route_km`` per week, for the weeks that had patrols."""
    by_week: dict[dt.date, list[PatrolRun]] = {}
    for run in runs:
        monday = run.date - dt.timedelta(days=run.date.weekday())
        by_week.setdefault(monday, []).append(run)
    out = []
    for monday in sorted(by_week):
        week = by_week[monday]
        stretches = _union(((r.from_km, r.to_km) for r in week), route_km)
        covered = sum(hi - lo for lo, hi in stretches)
        out.append(
            WeekCoverage(
                week_start=monday,
                patrols=len(week),
                covered_km=round(covered, 3),
                share=round(covered / route_km, 4) if route_km > 0 else 0.0,
                stretches=tuple((round(lo, 3), round(hi, 3)) for lo, hi in stretches),
                cut_short=sum(1 for r in week if not r.completed),
            )
        )
    return out
