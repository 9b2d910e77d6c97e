"""ACLED's event types and sub-event types, the precision scales trucewatch shares with it,
and trucewatch's verdict codes.

>>> event_type_of("Air/drone strike")
'Explosions/Remote violence'
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final, Literal, get_args

__all__ = [
    "EVENT_TYPES",
    "GEO_PRECISION",
    "SUB_EVENT_TYPES",
    "TIME_PRECISION",
    "VERDICT_CODES",
    "VerdictCode",
    "event_type_of",
    "expand_event_kinds",
]

EVENT_TYPES: Final = MappingProxyType(
    {
        "Battles": (
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        ),
        "Explosions/Remote violence": (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        "Violence against civilians": (
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ),
        "Protests": (
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        ),
        "Riots": ("Violent demonstration", "Mob violence"),
        "Strategic developments": (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    }
)
"""Each ACLED event type with its sub-event types, in ACLED's order."""

SUB_EVENT_TYPES: Final = MappingProxyType(
    {sub: event for event, subs in EVENT_TYPES.items() for sub in subs}
)
"""Sub-event type to its event type."""

GEO_PRECISION: Final = MappingProxyType(
    {1: "the named town", 2: "near a town or part of a region", 3: "a region or its capital"}
)
TIME_PRECISION: Final = MappingProxyType({1: "the day", 2: "within a week", 3: "within a month"})


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to.

    >>> event_type_of("Armed clash")
    'Battles'
    """
    return SUB_EVENT_TYPES[sub_event_type]


def expand_event_kinds(kinds: list[str]) -> frozenset[str]:
    """The sub-event types named by a list of event types and sub-event types.

    >>> sorted(expand_event_kinds(["Riots"]))
    ['Mob violence', 'Violent demonstration']
    """
    out: set[str] = set()
    for kind in kinds:
        if kind in EVENT_TYPES:
            out.update(EVENT_TYPES[kind])
        else:
            out.add(kind)
    return frozenset(out)


VerdictCode = Literal[
    "violation",
    "possible_violation",
    "exemption_claimed",
    "not_in_force",
    "outside_area",
    "not_covered",
]
VERDICT_CODES: tuple[VerdictCode, ...] = get_args(VerdictCode)
"""The verdicts, from the strongest finding to the weakest."""
