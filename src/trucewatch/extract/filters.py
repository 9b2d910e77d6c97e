"""Statements that look like incidents but are not: totals, plans, background.

A naive extractor turns "60 troops have been killed since February" or "patrols will
begin on 15 March" into incidents. :func:`not_an_incident` says why a sentence (or a
clause of it) must not become a mention; the extractor keeps the reason for review.

>>> not_an_incident("Some 60 soldiers have been killed since early February.")
'a total over a period, not one incident'
>>> not_an_incident("Joint patrols will begin on 15 March.")
'a plan or obligation, not something that happened'
>>> not_an_incident("An air strike hit the market on Tuesday.") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trucewatch.extract._prefilter import may_hold, needs_of

__all__ = ["Flag", "flags", "not_an_incident"]

_RULES: list[tuple[str, str]] = [
    (
        "a total over a period, not one incident",
        r"\bsince (?:early |mid-|late |the (?:start|beginning) of )?(?:january|february|march|april|"
        r"may|june|july|august|september|october|november|december|the (?:start|beginning|outbreak)|"
        r"last (?:week|month|year)|\d{4}|then)\b"
        r"|\bso far (?:this|in) (?:year|month|week)\b|\bto date\b|\bin total\b|\ba total of\b[^.]*\bsince\b"
        r"|\b(?:over|during|in) the (?:past|last) (?:few |several |\d+ |two |three |four |six |twelve )"
        r"?(?:weeks|months|years)\b"
        r"|\bin (?:two|three|four|five|six|\d+) (?:weeks|months|years)\b"
        r"|\b(?:this|last) year alone\b|\bcumulative\b|\bdeath toll (?:of|in) the (?:war|conflict)\b",
    ),
    (
        "the toll of a whole war or conflict, not one incident",
        r"\b(?:war|conflict|civil war|insurgency|fighting|violence)\b[^.]{0,40}\b(?:has|have|had) "
        r"(?:\w+ ){0,3}(?:killed|displaced|driven|uprooted|left|claimed)\b"
        r"|\b(?:\w+-year|decade-long|years-long|long-running) (?:war|conflict|insurgency)\b[^.]{0,40}"
        r"\b(?:killed|displaced)\b"
        r"|\b(?:killed|claimed the lives of) (?:hundreds of thousands|tens of thousands|millions)\b",
    ),
    (
        "background, not a new incident",
        r"\bin recent (?:years|months|decades)\b|\bover the years\b"
        r"|\b(?:fleeing|fled|escaping|escaped) (?:the )?(?:fighting|violence|war|conflict|bombardments?)\b"
        r"|\bprevious (?:deals|agreements|ceasefires|truces|accords)\b"
        r"|\baimed at (?:avoiding|preventing|ending|halting|stopping)\b",
    ),
    (
        "a population or displacement figure, not an incident",
        r"\b(?:hosts?|hosting|sheltering|houses) (?:some |about |around |more than |nearly |over )?"
        r"[\d.,]+(?: million| thousand)?\b"
        r"|\bhas displaced\b|\bhave been displaced\b|\bdisplaced (?:nearly |about |some |more than |over )?"
        r"(?:a million|[\d.,]+ (?:million|thousand))",
    ),
    (
        "a plan or obligation, not something that happened",
        r"\b(?:will|shall|would|is to|are to|is due to|are due to|is expected to|are expected to|"
        r"plans? to|planned to|intends? to|is set to|are set to|are scheduled to|is scheduled to|"
        r"agreed to|vowed to|promised to|pledged to|threatened to|could|might)\s+(?:\w+ly\s+)?"
        r"(?:begin|start|launch|hold|conduct|carry out|be (?:held|launched|established|deployed|"
        r"set up|conducted)|establish|set up|deploy|agree|meet|patrol|withdraw|attack|strike|"
        r"retaliate|respond|come into (?:force|effect)|take effect|work|resume|open|create|send)\b"
        r"|\bas of (?:january|february|march|april|may|june|july|august|september|october|"
        r"november|december) \d{1,2}\b(?![^.]*\b(?:killed|attacked|struck|clashed)\b)",
    ),
]
_COMPILED = [(reason, re.compile(rx, re.IGNORECASE), needs_of(rx)) for reason, rx in _RULES]


_CLAUSE_EDGE = re.compile(r"[,;:()\u2013\u2014]|\s(?:which|that|who|where|and|but|while)\s")


@dataclass(frozen=True, slots=True)
class Flag:
    """A clause that states no incident: why, and where (character offsets)."""

    reason: str
    start: int
    end: int
    cue: str


def flags(sentence: str) -> list[Flag]:
    """Every clause of a sentence that states a total, a plan or background.

    >>> s = "They agreed a truce on Thursday to end a war which has displaced a million people."
    >>> sorted({s[f.start:f.end] for f in flags(s)})
    ['has displaced a million people.']
    """
    out: list[Flag] = []
    for reason, rx, needs in _COMPILED:
        if not may_hold(needs, sentence):
            continue
        for m in rx.finditer(sentence):
            # The clause is the one holding the end of the match (its verb and figure).
            before = [e.end() for e in _CLAUSE_EDGE.finditer(sentence, 0, max(m.end() - 1, 0))]
            after = _CLAUSE_EDGE.search(sentence, m.end())
            start = before[-1] if before else 0
            out.append(Flag(reason, start, after.start() if after else len(sentence), m.group(0)))
    return sorted(out, key=lambda f: f.start)


def not_an_incident(sentence: str) -> str | None:
    """Why a sentence states no single incident at all, or None when it may state one."""
    found = flags(sentence)
    return found[0].reason if found else None
