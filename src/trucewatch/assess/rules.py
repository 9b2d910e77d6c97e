"""Judging one incident against one provision: the verdict, its reasons, its confidence.

The rules, in order (DESIGN.md, Verdicts):

1. an act the provision does not prohibit, or by a party it does not bind: ``not_covered``;
2. clearly before the provision starts or after it ends: ``not_in_force``;
3. clearly outside its area: ``outside_area``;
4. a bound party claims an exemption: ``exemption_claimed`` (the claim is shown, not judged);
5. a prohibited act, inside, in force, by a bound party: ``violation`` when the date, the
   place and the perpetrator are all certain enough, else ``possible_violation``.

A place is "certain enough" when the distance to the area's edge is larger than the
place's precision radius; a date when its whole range lies on one side of the start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from trucewatch.actors import is_unidentified, normalize_actor
from trucewatch.agreements import (
    Agreement,
    CeasefireTerms,
    CorridorTerms,
    Party,
    Provision,
    Terms,
    ZoneTerms,
)
from trucewatch.geometry import Area, Band
from trucewatch.records import Claim, Incident, Verdict, VerdictCode

__all__ = [
    "DEFAULT_RADIUS_KM",
    "ZONE_RULE_ACTS",
    "assess",
    "bound_parties",
    "judge",
    "party_of",
    "prohibited_acts",
    "shape_of",
    "window",
]

ZONE_RULE_ACTS: dict[str, frozenset[str]] = {
    "no_hostilities": frozenset(),  # the zone's own prohibited list
    "no_flights": frozenset({"Air/drone strike"}),
    "no_heavy_weapons": frozenset({"Shelling/artillery/missile attack", "Chemical weapon"}),
    "no_forces": frozenset(
        {
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Headquarters or base established",
            "Change to group/activity",
        }
    ),
}
"""The acts each zone rule forbids, besides the zone's ``prohibited`` list for hostilities."""


def party_of(actor: str | None, agreement: Agreement) -> Party | None:
    """The party an ACLED-style actor name stands for, if any.

    Year suffixes are ignored: "Military Forces of Russia (2000-)" is Russia's forces.
    """
    key = normalize_actor(actor)
    if key is None:
        return None
    for party in agreement.parties:
        names = {normalize_actor(a) for a in (*party.actors, party.name)}
        if key in names or key == party.id:
            return party
    return None


def window(incident: Incident, agreement: Agreement) -> tuple[dt.datetime, dt.datetime] | None:
    """The instants the event may have happened in: [first moment, last moment)."""
    first, last = incident.when.first, incident.when.last
    if first is None or last is None:
        return None
    tz = agreement.timezone or dt.UTC
    if incident.when.time is not None and first == last:
        t = dt.datetime.combine(first, incident.when.time, tz)
        return t, t + dt.timedelta(minutes=1)
    return (
        dt.datetime.combine(first, dt.time(), tz),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tz),
    )


def _when_text(agreement: Agreement, t: dt.datetime) -> str:
    local = agreement.local(t)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def _span_text(incident: Incident) -> str:
    w = incident.when
    first, last = w.first, w.last
    assert first is not None and last is not None
    if w.time is not None and first == last:
        return f"{first.day} {first:%B %Y} {w.time:%H:%M} local"
    if first == last:
        return f"{first.day} {first:%B %Y} (time of day not reported)"
    return f"{first.day} {first:%B} to {last.day} {last:%B %Y}"


DEFAULT_RADIUS_KM = 15.0
"""How far an event may be from its point when the place's precision is not known."""


def shape_of(terms: Terms) -> Band | Area:
    """The shape a provision's terms cover (an area-less ceasefire has none: ValueError)."""
    if isinstance(terms, CorridorTerms):
        return terms.band
    if isinstance(terms, CeasefireTerms | ZoneTerms) and terms.area is not None:
        return terms.area
    raise ValueError("these terms cover no shape")


def prohibited_acts(terms: Terms) -> frozenset[str]:
    if isinstance(terms, ZoneTerms):
        acts: set[str] = set()
        for rule in terms.rules:
            acts |= terms.prohibited if rule == "no_hostilities" else ZONE_RULE_ACTS[rule]
        return frozenset(acts)
    if isinstance(terms, CeasefireTerms | CorridorTerms):
        return terms.prohibited
    return frozenset()


def bound_parties(terms: Terms) -> tuple[str, ...]:
    if isinstance(terms, CeasefireTerms | CorridorTerms | ZoneTerms):
        return terms.bound_parties
    return ()


def _area_words(agreement: Agreement, provision: Provision, terms: Terms) -> str:
    if isinstance(terms, CeasefireTerms | ZoneTerms) and terms.area_id:
        return f"the {agreement.name_of(terms.area_id)}"
    return f"the area of {provision.id}"


@dataclass
class _Finding:
    """What has been established so far: sure reasons, doubts, and the certainty left."""

    reasons: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)
    certainty: float = 1.0


def judge(incident: Incident, agreement: Agreement, provision: Provision) -> Verdict | None:
    """The verdict of one incident against one provision (None for patrol provisions).

    Patrol provisions are answered by route coverage, not by verdicts on incidents.
    """
    if provision.kind == "patrol":
        return None
    f = _Finding()
    span = window(incident, agreement)
    terms = provision.terms_at(span[1] - dt.timedelta(microseconds=1) if span else None)
    label = provision.title or provision.id

    def verdict(code: VerdictCode, certainty: float, claims: Iterable[Claim] = ()) -> Verdict:
        return Verdict(
            incident_id=incident.id,
            agreement_id=agreement.id,
            agreement_hash=agreement.hash,
            provision_id=provision.id,
            code=code,
            reasons=tuple(f.reasons),
            confidence=round(max(0.0, min(1.0, certainty * incident.confidence)), 3),
            claims=tuple(claims),
        )

    # 1. What was done, and by whom.
    acts = prohibited_acts(terms)
    if incident.sub_event_type not in acts:
        f.reasons.append(f"{incident.sub_event_type} is not among the acts {label} prohibits")
        return verdict("not_covered", 1.0)
    bound = bound_parties(terms)
    perpetrator = party_of(incident.actor1, agreement)
    other_side = party_of(incident.actor2, agreement)
    if (
        not is_unidentified(incident.actor1)
        and bound
        and (perpetrator is None or perpetrator.id not in bound)
    ):
        who = incident.actor1 if perpetrator is None else f"{incident.actor1} ({perpetrator.name})"
        if incident.event_type == "Battles" and other_side is not None and other_side.id in bound:
            # In a battle either side may have broken the terms; ACLED's order says nothing.
            f.doubts.append(
                f"{incident.actor2} ({other_side.name}), a party {label} binds, fought {who}; "
                "who opened fire is not established"
            )
            f.certainty *= 0.5
        else:
            f.reasons.append(f"{who} is not among the parties {label} binds")
            return verdict("not_covered", 0.9)

    # 2. When.
    if span is None:
        f.doubts.append("the report gives no date")
        f.certainty *= 0.5
    else:
        t0, t1 = span
        if t1 <= terms.start:
            f.reasons.append(
                f"{_span_text(incident)}, before {label} took effect at "
                f"{_when_text(agreement, terms.start)}"
            )
            return verdict("not_in_force", 1.0)
        if terms.end is not None and t0 >= terms.end:
            f.reasons.append(
                f"{_span_text(incident)}, after {label} ended at {_when_text(agreement, terms.end)}"
            )
            return verdict("not_in_force", 1.0)
        if t0 < terms.start:
            share = (t1 - terms.start) / (t1 - t0)
            f.doubts.append(
                f"{_span_text(incident)} spans the start of {label} at "
                f"{_when_text(agreement, terms.start)}"
            )
            f.certainty *= share
        elif terms.end is not None and t1 > terms.end:
            share = (terms.end - t0) / (t1 - t0)
            f.doubts.append(
                f"{_span_text(incident)} spans the end of {label} at "
                f"{_when_text(agreement, terms.end)}"
            )
            f.certainty *= share
        else:
            f.reasons.append(f"{_span_text(incident)}, while {label} was in force")

    # 3. Where.
    where = incident.where
    area = _area_words(agreement, provision, terms)
    has_area = not (isinstance(terms, CeasefireTerms) and terms.area is None)
    if not has_area:
        f.reasons.append(f"{label} applies everywhere")
    elif where.latitude is None or where.longitude is None:
        f.doubts.append("no place could be found for the event")
        f.certainty *= 0.5
    else:
        placed = terms.locate(where.latitude, where.longitude)
        radius = where.radius_km if where.radius_km is not None else DEFAULT_RADIUS_KM
        edge = placed.edge_km if placed.edge_km is not None else 0.0
        sure_in, sure_out = shape_of(terms).certain(where.latitude, where.longitude, radius)
        place = where.name or f"{where.latitude:.4f}, {where.longitude:.4f}"
        approx = " (the area is drawn approximately)" if terms.approximate else ""
        if isinstance(terms, CorridorTerms):
            side = "inside" if placed.inside else "outside"
            where_text = (
                f"{place} is {placed.distance_km:.1f} km from the centreline of the "
                f"{agreement.name_of(terms.line_id)}, {side} the {terms.half_width_km:g} km "
                f"corridor ({edge:.1f} km from its edge)"
            )
        else:
            where_text = (
                f"{place} is {'inside' if placed.inside else 'outside'} {area} "
                f"({edge:.1f} km from its edge)"
            )
        if sure_out:
            f.reasons.append(where_text + approx)
            return verdict("outside_area", 1.0)
        if sure_in:
            f.reasons.append(where_text + approx)
        else:
            f.doubts.append(
                f"{where_text}, but the place is known only to about ±{radius:g} km{approx}"
            )
            signed = edge if placed.inside else -edge
            f.certainty *= min(1.0, max(0.05, (radius + signed) / (2 * radius)))

    # 4. Who, and what they say.
    if is_unidentified(incident.actor1):
        f.doubts.append("the act could not be attributed to a party")
        f.certainty *= 0.5
    elif perpetrator is not None and (not bound or perpetrator.id in bound):
        binds = " (a party it binds)" if bound else ""
        f.reasons.append(f"by {incident.actor1}, for {perpetrator.name}{binds}")
    denials = [c for c in incident.claims if c.kind == "denial"]
    for denial in denials:
        f.doubts.append(f"{denial.by} denies it: {denial.text}")
        f.certainty *= 0.6
    exemption_claims = _exemption_claims(incident, agreement, terms)
    if exemption_claims:
        for claim in exemption_claims:
            f.reasons.append(f"{claim.by} claims an exemption: {claim.text}")
        f.reasons.extend(f.doubts)
        return verdict("exemption_claimed", f.certainty, exemption_claims)

    # 5. The finding.
    if f.doubts:
        f.reasons.extend(f.doubts)
        return verdict("possible_violation", f.certainty)
    f.reasons.append(f"a prohibited act ({incident.sub_event_type}) by a bound party")
    return verdict("violation", f.certainty)


def _exemption_claims(incident: Incident, agreement: Agreement, terms: Terms) -> list[Claim]:
    """Claims by a party that may claim an exemption, citing it (by keyword or target)."""
    if not isinstance(terms, CeasefireTerms | CorridorTerms | ZoneTerms) or not terms.exemptions:
        return []
    out = []
    for claim in incident.claims:
        if claim.kind == "denial":
            continue
        claimant = party_of(claim.actor, agreement) or party_of(claim.by, agreement)
        for ex in terms.exemptions:
            if claimant is None or claimant.id not in ex.claimable_by:
                continue
            text = claim.text.casefold()
            cites = claim.kind == "exemption" or any(k.casefold() in text for k in ex.keywords)
            names_target = any(t.casefold() in text for t in ex.against)
            if cites or names_target:
                out.append(claim)
                break
    return out


def assess(incidents: Iterable[Incident], agreements: Iterable[Agreement]) -> list[Verdict]:
    """Every incident against every provision of every agreement (patrols excepted)."""
    agreements = list(agreements)
    out = []
    for incident in incidents:
        for agreement in agreements:
            for provision in agreement.provisions:
                v = judge(incident, agreement, provision)
                if v is not None:
                    out.append(v)
    return out
