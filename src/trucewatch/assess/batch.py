"""Verdict codes for many incidents at once, with numpy and shapely's vectorised predicates.

:func:`~trucewatch.assess.rules.judge` is the reference: it writes the reasons. This module
computes the same codes for whole arrays of incidents, for the dashboard, the API and the
benchmark, and a property test keeps the two in agreement. Incidents with claims or
denials, which need their words read, are judged one by one.

>>> from trucewatch.agreements import load_agreement
>>> agreement = load_agreement("examples/idlib-2020/agreement.yaml")
>>> verdict_codes([], agreement)
{'ceasefire': array([], dtype=int8), 'm4-corridor': array([], dtype=int8)}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from trucewatch.actors import is_unidentified
from trucewatch.agreements import (
    Agreement,
    CeasefireTerms,
    Provision,
    Terms,
)
from trucewatch.assess.rules import (
    DEFAULT_RADIUS_KM,
    bound_parties,
    judge,
    party_of,
    prohibited_acts,
    shape_of,
    window,
)
from trucewatch.records import VERDICT_CODES, Incident, VerdictCode
from trucewatch.taxonomy import SUB_EVENT_TYPES

__all__ = ["IncidentArrays", "verdict_codes"]

_CODE = {code: i for i, code in enumerate(VERDICT_CODES)}
_SUB_INDEX = {sub: i for i, sub in enumerate(SUB_EVENT_TYPES)}
_NO_PARTY = -2  # a named actor that is no party of the agreement
_UNKNOWN = -1  # no actor, or an unidentified one


@dataclass(frozen=True)
class IncidentArrays:
    """The fields verdicts depend on, one array element per incident."""

    incidents: Sequence[Incident]
    sub_event_type: NDArray[np.int16]  # index into SUB_EVENT_TYPES; -1 if not ACLED's
    t0: NDArray[np.float64]  # seconds since the epoch; NaN when undated
    t1: NDArray[np.float64]
    lat: NDArray[np.float64]  # NaN when not placed
    lon: NDArray[np.float64]
    radius_km: NDArray[np.float64]
    party: NDArray[np.int64]  # actor1: index into agreement.parties, or _UNKNOWN / _NO_PARTY
    party2: NDArray[np.int64]  # actor2, the same way
    battle: NDArray[np.bool_]  # a battle: either side may have broken the terms
    needs_words: NDArray[np.bool_]  # claims or denials: judged one by one

    @classmethod
    def of(cls, incidents: Sequence[Incident], agreement: Agreement) -> IncidentArrays:
        n = len(incidents)
        t0 = np.full(n, np.nan)
        t1 = np.full(n, np.nan)
        lat = np.full(n, np.nan)
        lon = np.full(n, np.nan)
        radius = np.full(n, DEFAULT_RADIUS_KM)
        party = np.full(n, _UNKNOWN, dtype=np.int64)
        party2 = np.full(n, _UNKNOWN, dtype=np.int64)
        index = {p.id: i for i, p in enumerate(agreement.parties)}
        for i, inc in enumerate(incidents):
            span = window(inc, agreement)
            if span is not None:
                t0[i], t1[i] = span[0].timestamp(), span[1].timestamp()
            if inc.where.latitude is not None and inc.where.longitude is not None:
                lat[i], lon[i] = inc.where.latitude, inc.where.longitude
            r = inc.where.radius_km
            radius[i] = r if r is not None else DEFAULT_RADIUS_KM
            for column, actor in ((party, inc.actor1), (party2, inc.actor2)):
                if not is_unidentified(actor):
                    found = party_of(actor, agreement)
                    column[i] = index[found.id] if found is not None else _NO_PARTY
        return cls(
            incidents=incidents,
            sub_event_type=np.array(
                [_SUB_INDEX.get(inc.sub_event_type, -1) for inc in incidents], dtype=np.int16
            ),
            t0=t0,
            t1=t1,
            lat=lat,
            lon=lon,
            radius_km=radius,
            party=party,
            party2=party2,
            battle=np.array([inc.event_type == "Battles" for inc in incidents], dtype=bool),
            needs_words=np.array([bool(inc.claims) for inc in incidents], dtype=bool),
        )


def _ts(t: dt.datetime | None) -> float:
    return t.timestamp() if t is not None else np.inf


def _codes_for_terms(
    arrays: IncidentArrays, rows: NDArray[np.int64], terms: Terms, agreement: Agreement
) -> NDArray[np.int8]:
    code = np.full(len(rows), _CODE["violation"], dtype=np.int8)
    decided = np.zeros(len(rows), dtype=bool)
    doubt = np.zeros(len(rows), dtype=bool)

    def settle(mask: NDArray[np.bool_], name: VerdictCode) -> None:
        fresh = mask & ~decided
        code[fresh] = _CODE[name]
        decided[fresh] = True

    acts = prohibited_acts(terms)
    act_codes = [_SUB_INDEX[a] for a in acts if a in _SUB_INDEX]
    settle(~np.isin(arrays.sub_event_type[rows], act_codes), "not_covered")
    bound = bound_parties(terms)
    if bound:
        bound_idx = [i for i, p in enumerate(agreement.parties) if p.id in bound]
        party = arrays.party[rows]
        unbound = (party != _UNKNOWN) & ~np.isin(party, bound_idx)
        fought_bound = arrays.battle[rows] & np.isin(arrays.party2[rows], bound_idx)
        settle(unbound & ~fought_bound, "not_covered")
        doubt |= unbound & fought_bound
    t0, t1 = arrays.t0[rows], arrays.t1[rows]
    undated = np.isnan(t0)
    start, end = terms.start.timestamp(), _ts(terms.end)
    with np.errstate(invalid="ignore"):
        settle(~undated & ((t1 <= start) | (t0 >= end)), "not_in_force")
        doubt |= undated | (~undated & ((t0 < start) | (t1 > end)))
    if not (isinstance(terms, CeasefireTerms) and terms.area is None):
        lat, lon, radius = arrays.lat[rows], arrays.lon[rows], arrays.radius_km[rows]
        placed = ~np.isnan(lat)
        sure_in = np.zeros(len(rows), dtype=bool)
        sure_out = np.zeros(len(rows), dtype=bool)
        shape = shape_of(terms)
        for r in np.unique(radius[placed]):
            group = placed & (radius == r)
            sure_in[group], sure_out[group] = shape.certainty(lat[group], lon[group], float(r))
        settle(sure_out, "outside_area")
        doubt |= ~placed | ~sure_in
    doubt |= arrays.party[rows] == _UNKNOWN
    settle(doubt, "possible_violation")
    return code


def verdict_codes(
    incidents: Sequence[Incident] | IncidentArrays, agreement: Agreement
) -> dict[str, NDArray[np.int8]]:
    """Each provision's verdict code per incident, as indices into ``VERDICT_CODES``.

    Patrol provisions are left out (they are answered by coverage).
    """
    arrays = (
        incidents
        if isinstance(incidents, IncidentArrays)
        else IncidentArrays.of(incidents, agreement)
    )
    n = len(arrays.incidents)
    out: dict[str, NDArray[np.int8]] = {}
    for provision in agreement.provisions:
        if provision.kind == "patrol":
            continue
        out[provision.id] = _provision_codes(arrays, n, provision, agreement)
    return out


def _provision_codes(
    arrays: IncidentArrays, n: int, provision: Provision, agreement: Agreement
) -> NDArray[np.int8]:
    codes = np.zeros(n, dtype=np.int8)
    # Each incident is judged by the terms in force at its last possible moment.
    effective = np.array([a.effective.timestamp() for a in provision.amendments])
    last = np.where(np.isnan(arrays.t1), np.inf, arrays.t1 - 1e-6)
    version = np.searchsorted(effective, last, side="right") if len(effective) else np.zeros(n, int)
    versions = [provision.base, *provision.amended]
    for v in np.unique(version):
        rows = np.flatnonzero(version == v)
        codes[rows] = _codes_for_terms(arrays, rows, versions[int(v)], agreement)
    for i in np.flatnonzero(arrays.needs_words):
        verdict = judge(arrays.incidents[int(i)], agreement, provision)
        assert verdict is not None
        codes[i] = _CODE[verdict.code]
    return codes
