"""How fast incidents are judged: checks of incidents against provisions per second, in bulk.

The incidents are synthetic (random prohibited acts, places over the agreement's area,
days around its start), made with a fixed seed so every run measures the same work.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from trucewatch.agreements import Agreement
from trucewatch.assess.batch import IncidentArrays, verdict_codes
from trucewatch.records import Incident, When, Where
from trucewatch.taxonomy import SUB_EVENT_TYPES

__all__ = ["bench_assess", "synthetic_incidents"]


def synthetic_incidents(agreement: Agreement, n: int, seed: int = 20200305) -> list[Incident]:
    """``n`` incidents spread over the agreement's shapes and the weeks around its start."""
    rng = random.Random(seed)
    boxes = [a.lonlat().bounds for a in agreement.areas.values()]
    boxes += [r.lonlat().bounds for r in agreement.lines.values()]
    west = min(b[0] for b in boxes) - 0.2
    south = min(b[1] for b in boxes) - 0.2
    east = max(b[2] for b in boxes) + 0.2
    north = max(b[3] for b in boxes) + 0.2
    start = min(p.base.start for p in agreement.provisions).date()
    subs = sorted(SUB_EVENT_TYPES)
    actors = [None, *(a for p in agreement.parties for a in p.actors), "Unidentified Armed Group"]
    out = []
    for i in range(n):
        sub = rng.choice(subs)
        out.append(
            Incident(
                id=f"bench-{i}",
                event_type=SUB_EVENT_TYPES[sub],
                sub_event_type=sub,
                actor1=rng.choice(actors),
                when=When(date=start + dt.timedelta(days=rng.randint(-14, 30)), precision=1),
                where=Where(
                    latitude=rng.uniform(south, north),
                    longitude=rng.uniform(west, east),
                    precision=rng.choice((1, 1, 2, 3)),
                ),
            )
        )
    return out


def bench_assess(agreement: Agreement, n: int = 200_000, repeat: int = 3) -> dict[str, Any]:
    """Checks per second for ``n`` incidents against every judged provision (best of runs)."""
    incidents = synthetic_incidents(agreement, n)
    t0 = time.perf_counter()
    arrays = IncidentArrays.of(incidents, agreement)
    prepare_s = time.perf_counter() - t0
    verdict_codes(arrays, agreement)  # warm: shapes grown and shrunk once per radius
    provisions = sum(1 for p in agreement.provisions if p.kind != "patrol")
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        verdict_codes(arrays, agreement)
        best = min(best, time.perf_counter() - t)
    checks = n * provisions
    return {
        "agreement": agreement.id,
        "incidents": n,
        "provisions": provisions,
        "checks": checks,
        "seconds": round(best, 4),
        "checks_per_s": round(checks / best),
        "prepare_incidents_s": round(prepare_s, 3),
    }
