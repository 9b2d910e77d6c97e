"""Agreements as code: the YAML format, its checks, and provisions that answer questions."""

from trucewatch.agreements.agreement import (
    Agreement,
    Amendment,
    CeasefireTerms,
    CorridorTerms,
    Exemption,
    Location,
    Party,
    PatrolTerms,
    Place,
    Provision,
    Terms,
    ZoneTerms,
)
from trucewatch.agreements.compile import load_agreement, parse_agreement
from trucewatch.agreements.times import parse_instant

__all__ = [
    "Agreement",
    "Amendment",
    "CeasefireTerms",
    "CorridorTerms",
    "Exemption",
    "Location",
    "Party",
    "PatrolTerms",
    "Place",
    "Provision",
    "Terms",
    "ZoneTerms",
    "load_agreement",
    "parse_agreement",
    "parse_instant",
]
