"""Corroboration: mentions of one event, from one or many reports, become one incident.

ACLED's rule decides: the same day, the same place, the same actors and the same type make
one event. Dates and places are compared with their precisions as tolerances: two
mentions match when their date ranges overlap and their points lie within the sum of
their precision radii; a region-level mention may join a town-level incident in that
region, never one in another region. Sources are independent outlets: copies of one
report (wire copy printed again) count once, and so do an outlet's several reports.
Where sources disagree on the toll, every figure is kept and flagged, and the headline
is the lowest, as ACLED does.

Corroboration is incremental: :func:`corroborate` takes the clusters already formed and
adds new mentions to them, so a new report joins existing incidents without recomputing
everything; rerunning with the same mentions changes nothing.

>>> import datetime as dt
>>> from trucewatch.records import When, Where
>>> m = Mention(id="m1", document_id="d1", event_type="Battles", sub_event_type="Armed clash",
...             when=When(date=dt.date(2020, 3, 5), precision=1),
...             where=Where(name="Saraqib", latitude=35.86, longitude=36.80, precision=1))
>>> other = m.model_copy(update={"id": "m2", "document_id": "d2"})
>>> [len(c.mentions) for c in corroborate([m, other])]
[2]
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from trucewatch.actors import normalize_actor
from trucewatch.geometry import geodesic_km
from trucewatch.records import Claim, Evidence, Incident, Mention, When, Where

__all__ = ["Cluster", "corroborate", "matches", "summarize"]


def _actors_agree(a: Mention | Incident, b: Mention | Incident) -> bool:
    """Actors agree when none contradicts: unknown matches anything; order does not matter."""
    a1, a2 = normalize_actor(a.actor1), normalize_actor(a.actor2)
    b1, b2 = normalize_actor(b.actor1), normalize_actor(b.actor2)

    def fits(x: str | None, y: str | None) -> bool:
        return x is None or y is None or x == y

    return (fits(a1, b1) and fits(a2, b2)) or (fits(a1, b2) and fits(a2, b1))


def _dates_overlap(a: When, b: When) -> bool:
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return False  # undated mentions stay apart: nothing ties them to one day
    return a.first <= b.last and b.first <= a.last


def _places_agree(a: Where, b: Where) -> bool:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return a.name is not None and a.name == b.name
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False  # never across regions
    reach = (a.radius_km or 15.0) + (b.radius_km or 15.0)
    return geodesic_km((a.latitude, a.longitude), (b.latitude, b.longitude)) <= reach


def matches(a: Mention | Incident, b: Mention | Incident) -> bool:
    """Whether two accounts describe one event by ACLED's rule (type, day, place, actors)."""
    return (
        a.event_type == b.event_type
        and _dates_overlap(a.when, b.when)
        and _places_agree(a.where, b.where)
        and _actors_agree(a, b)
    )


@dataclass
class Cluster:
    """An incident in the making: its id and the mentions that report it."""

    id: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def incident(self) -> Incident:
        return summarize(self)


def _precision_key(m: Mention) -> tuple[int, int, str, str]:
    first = m.when.first.toordinal() if m.when.first else 0
    return (m.where.precision or 4, m.when.precision or 4, str(first), m.id)


def _new_id(m: Mention) -> str:
    return hashlib.sha256(f"incident:{m.id}".encode()).hexdigest()


def corroborate(mentions: Iterable[Mention], clusters: Sequence[Cluster] = ()) -> list[Cluster]:
    """Add mentions to existing clusters, or start new ones; return every cluster.

    Mentions are taken most precise first, so exact accounts found incidents and vaguer
    ones join them. A mention already in a cluster is not added twice.
    """
    out = [Cluster(c.id, list(c.mentions)) for c in clusters]
    seen = {m.id for c in out for m in c.mentions}
    summaries = [summarize(c) for c in out]
    for m in sorted(mentions, key=_precision_key):
        if m.id in seen:
            continue
        seen.add(m.id)
        best: int | None = None
        best_km = float("inf")
        for i, incident in enumerate(summaries):
            if not matches(m, incident):
                continue
            km = _distance(m.where, incident.where)
            if km < best_km:
                best, best_km = i, km
        if best is None:
            out.append(Cluster(_new_id(m), [m]))
            summaries.append(summarize(out[-1]))
        else:
            out[best].mentions.append(m)
            summaries[best] = summarize(out[best])
    return out


def _distance(a: Where, b: Where) -> float:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return 0.0
    return geodesic_km((a.latitude, a.longitude), (b.latitude, b.longitude))


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def summarize(cluster: Cluster) -> Incident:
    """The incident a cluster of mentions describes."""
    ms = cluster.mentions
    if not ms:
        raise ValueError(f"cluster {cluster.id} has no mentions")
    by_precision = sorted(ms, key=_precision_key)
    place = min(ms, key=lambda m: (m.where.precision or 4, m.id)).where
    when = _narrowest(m.when for m in by_precision)
    sub = _most_common(m.sub_event_type for m in by_precision) or ms[0].sub_event_type
    event = next(m.event_type for m in by_precision if m.sub_event_type == sub)
    # One figure per source: a wire story printed twice is one report of the toll.
    source = _sources(ms)
    per_source: dict[str, int] = {}
    for m in by_precision:
        if m.fatalities is not None:
            per_source.setdefault(source[m.id], m.fatalities)
    reported = tuple(sorted(set(per_source.values())))
    keys = set(source.values())
    confidence = 1.0
    for key in keys:
        confidence *= 1.0 - max(m.confidence for m in ms if source[m.id] == key)
    claims: list[Claim] = []
    evidence: list[Evidence] = []
    for m in by_precision:
        claims.extend(c for c in m.claims if c not in claims)
        evidence.extend(e for e in m.evidence if e not in evidence)
    return Incident(
        id=cluster.id,
        event_type=event,
        sub_event_type=sub,
        actor1=_most_common(m.actor1 for m in by_precision),
        actor2=_most_common(m.actor2 for m in by_precision),
        when=when,
        where=place,
        fatalities=reported[0] if reported else None,
        fatalities_reported=reported,
        mentions=tuple(m.id for m in ms),
        sources=len(keys),
        claims=tuple(claims),
        evidence=tuple(evidence),
        confidence=round(1.0 - confidence, 4),
    )


def _sources(ms: Sequence[Mention]) -> dict[str, str]:
    """Each mention's independent source: mentions share one when their documents are
    copies of one report (``source_key``) or come from one outlet, directly or in a chain.

    >>> a = Mention(id="a", document_id="d1", outlet="Wire", event_type="Battles",
    ...             sub_event_type="Armed clash", when=When(), where=Where())
    >>> b = a.model_copy(update={"id": "b", "document_id": "d2", "outlet": "Daily"})
    >>> c = a.model_copy(update={"id": "c", "document_id": "d3", "source": "d2",
    ...                          "outlet": None})
    >>> d = a.model_copy(update={"id": "d", "document_id": "d4"})
    >>> len(set(_sources([a, b, c, d]).values()))  # d is Wire again; c is a copy of d2
    2
    """
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for m in ms:
        if m.outlet and m.outlet.strip():
            parent[root(m.source_key)] = root("outlet:" + m.outlet.strip().casefold())
    return {m.id: root(m.source_key) for m in ms}


def _narrowest(whens: Iterable[When]) -> When:
    """The most precise date among the accounts, narrowed to what they all allow."""
    dated = [(w, w.first, w.last) for w in whens if w.first is not None and w.last is not None]
    if not dated:
        return When()
    best, first, last = min(dated, key=lambda x: (x[0].precision or 4, x[2] - x[1]))
    assert first is not None and last is not None
    for _, lo_w, hi_w in dated:
        assert lo_w is not None and hi_w is not None
        lo, hi = max(first, lo_w), min(last, hi_w)
        if lo <= hi:  # an account that contradicts the others does not narrow them
            first, last = lo, hi
    if first == last:
        return When(date=first, precision=best.precision, time=best.time)
    return When(date=first + (last - first) // 2, start=first, end=last, precision=best.precision)
