"""Resolving place names to gazetteer entries with the document's context.

Each distinct name in a document is resolved once (one sense per discourse). A candidate's
score is a prior (population, feature kind, how well the name matched) plus context: the
countries and first-level divisions the document's other places point to, how near it lies
to them, an "X, Y" pattern ("Springfield, Illinois"), the outlet's country and an area of
interest. A town written inside a container ("Abu Salim (Tripoli)") takes its namesake
there, or none. The context is gathered from the current best guesses and the guesses are made
again, a few rounds; a place far from the story's country still wins when its own evidence
is stronger (Edirne in Turkey, Kastanies in Greece, in a report on Syria).

>>> from trucewatch.places.gazetteer import Gazetteer
>>> from trucewatch.places.sources import Entry, Kind
>>> gaz = Gazetteer.from_entries([
...     Entry("a", "Paris", 48.85, 2.35, Kind.CAPITAL, "FR", population=2_000_000),
...     Entry("b", "Paris", 33.66, -95.55, Kind.CITY, "US", "US-TX", population=25_000),
...     Entry("c", "Texas", 31.0, -100.0, Kind.ADMIN1, "US", "US-TX", population=29_000_000)])
>>> text = "Paris, Texas"
>>> [r.place.id for r in resolve(text, [Mention(0, 5, "Paris"), Mention(7, 12, "Texas")], gaz)]
['b', 'c']
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from trucewatch.places.gazetteer import (
    ALTERNATE,
    DEMONYM,
    LOOSE,
    PART,
    PRIMARY,
    Gazetteer,
    Match,
    Place,
    lookup_key,
)
from trucewatch.places.normalise import fold, initials, skeleton
from trucewatch.places.sources import Kind

__all__ = ["CONTAINER_GAP", "Context", "Mention", "Readings", "Resolution", "resolve"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name found in a text, by character offsets."""

    start: int
    end: int
    text: str
    demonym: bool = False


@dataclass(frozen=True, slots=True)
class Context:
    """What is known about a document beyond its text."""

    outlet_country: str | None = None
    area: tuple[float, float, float] | None = None
    """An area of interest: (lat, lon, radius in km); places inside it are preferred."""


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention and the gazetteer entry it resolves to (None when nothing matched)."""

    mention: Mention
    place: Place | None
    confidence: float
    fallback: bool = False
    """True when the name matched nothing and the document's main place stands in for it."""


class Readings:
    """Each name's candidates and priors, as :func:`resolve` weighs them before the
    document's context: the same for every document that writes the name alike, so a
    finder keeps one for all the reports it reads (bounded: cleared when full).

    >>> readings = Readings(limit=2)
    >>> len(readings)
    0
    """

    __slots__ = ("_by_name", "limit")

    def __init__(self, limit: int = 20_000) -> None:
        self._by_name: dict[tuple[str, bool, bool], _Group] = {}
        self.limit = limit

    def __len__(self) -> int:
        return len(self._by_name)

    def get(self, name: tuple[str, bool, bool]) -> _Group | None:
        return self._by_name.get(name)

    def put(self, name: tuple[str, bool, bool], group: _Group) -> None:
        if len(self._by_name) >= self.limit:
            self._by_name.clear()
        self._by_name[name] = group


# Priors, in units of log10(population): a country outranks a town of the same name.
_KIND_PRIOR = {
    Kind.CITY: 0.0,
    Kind.CAPITAL: 3.0,
    Kind.ADMIN2: 0.0,
    Kind.ADMIN1: 2.0,
    Kind.COUNTRY: 3.0,
    Kind.CONTINENT: 4.0,
    Kind.REGION: 6.0,
    Kind.EXTRA: 12.0,
}
_HOW_PRIOR = {PRIMARY: 0.0, ALTERNATE: -0.3, DEMONYM: 0.0, LOOSE: -2.5, PART: -1.0}
_KIND_PRIOR_ARRAY = np.zeros(8)
for _k, _v in _KIND_PRIOR.items():
    _KIND_PRIOR_ARRAY[_k] = _v
_WIDE = (Kind.COUNTRY, Kind.CONTINENT, Kind.REGION)


def _kinds(*kinds: int) -> NDArray[np.bool_]:
    """A table of feature kinds, indexed by kind: ``table[gaz.kind[idx]]`` tests many
    candidates at once (np.isin costs more on a few items)."""
    table = np.zeros(len(_KIND_PRIOR_ARRAY), dtype=np.bool_)
    table[list(kinds)] = True
    return table


_WIDE_OR_ADMIN1 = _kinds(*_WIDE, Kind.ADMIN1)
_AREA = _kinds(Kind.REGION, Kind.CONTINENT)
_TOWN = _kinds(Kind.CITY, Kind.CAPITAL)
_DIVISION = _kinds(Kind.ADMIN1, Kind.ADMIN2)
_SETTLEMENT = _kinds(Kind.CITY, Kind.CAPITAL, Kind.ADMIN2)

POP_WEIGHT = 1.0
ALT_GIVEN_PRIMARY = 1.5
ALT_FADE = 10.0  # times the people of every place bearing the name as its own
ALT_SPELLING = 0.85  # how alike (difflib ratio, folded) a spelling of a place's own name is
LOOSE_GIVEN_EXACT = 3.0
W_COUNTRY = 4.5  # the document's countries
W_ADMIN1 = 2.0  # the document's first-level divisions
W_NEAR = 1.5  # nearness to the document's other places
NEAR_KM = 300.0
W_PAIR = 4.0  # "X, Y": X lies in Y
W_SIBLING = 2.0  # "Oregon and Washington": names of a list are of one kind
SIBLING_SURE = 0.9
W_TOWN_COUNTY = 2.0  # "Paris and Henry County": the town lies in the county
W_OUTLET = 1.0
W_AREA = 6.0
ROUNDS = 3
LOOSE_SUPPORT = 1.0
LOOSE_REACH_KM = 300.0
LOOSE_LIKENESS = 0.8
"""A loosely spelt town far (over LOOSE_REACH_KM) from every other place the document names,
or outside every country it names, stands without support only when its spelling is this
alike (difflib ratio, folded)."""
BIG = 100_000
WEAK_POPULATION = 50000
WEAK_FAR_KM = 300.0
PART_FAR_KM = 161.0
ABROAD_SHARE = 0.75
_TOWN_CUE = re.compile(
    r"\b(?:town|city|village|hamlet|settlement|suburb|municipality|outskirts|near|"
    r"km|kilomet(?:re|er)s|miles)\s+(?:of\s+|from\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)

_DIRECTIONS = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north[- ]?east(?:ern)?|north[- ]?west(?:ern)?|south[- ]?east(?:ern)?|"
    r"south[- ]?west(?:ern)?|upper|lower|greater|downtown|rural|metro|the)\s+)+",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"[’']s?$")
_DIRECTION_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "central", "centre", "center"}
)  # fmt: skip
DIRECTION_PENALTY = 4.0
"""What a division or town named by a bare direction word ("West", "Western", "Central")
loses: the word names a direction or the Western world far more often than Cameroon's or
Ghana's region, which wins back only with the support of the story's other places."""


def candidate_matches(
    gaz: Gazetteer, name: str, matches: Callable[[str], list[Match]] | None = None
) -> list[Match]:
    """Entries a name may mean, trying its plain form, then its core ('northern Syria').

    ``matches`` answers as :meth:`Gazetteer.matches` does (a caller's cache of it, say).
    """
    matches = matches or gaz.matches
    found = matches(name)
    if found and not all(f.how == LOOSE for f in found):
        return list(found)
    core = _DIRECTIONS.sub("", _POSSESSIVE.sub("", name.strip())).strip()
    if found:
        # Only a loose spelling of the whole: a known place and "City" or "Town" ("Norwich
        # City", its club) name that place before a namesake spelt alike. A park or a
        # hospital that bears a town's name is another place.
        words = core.split()
        named = [w for w in words if _fold_word(w) not in _SAME_PLACE_WORDS]
        if 0 < len(named) < len(words):
            exact = [m for m in matches(" ".join(named)) if m.how != LOOSE]
            if exact:
                return [Match(m.index, PART) for m in exact]
        return list(found)
    if core and core != name:
        found = matches(core)
        if found:
            return list(found)
    # A longer name holding a known one ("Liverpool Academy", "British Embassy Tokyo"):
    # the largest known part that is a proper name, not a common word ("University"), nor
    # a code the place goes by that is not its initials (an airport's "MDC").
    words = core.split()
    for size in range(len(words) - 1, 0, -1):
        best: tuple[float, list[Match]] | None = None
        for i in range(len(words) - size + 1):
            part = words[i : i + size]
            if not all(w[:1].isupper() for w in part) or any(
                _fold_word(w) in GENERIC_WORDS for w in part
            ):
                continue
            text = " ".join(part)
            if len(text) <= 3 and not text.isupper():
                continue
            exact = [m for m in matches(text) if m.how != LOOSE]
            if _is_code(text):
                exact = [m for m in exact if initials(gaz.names[m.index]) == text]
            if exact:
                weight = max(float(gaz.population[m.index]) for m in exact)
                if best is None or weight > best[0]:
                    best = (weight, exact)
        if best is not None:
            return [Match(m.index, PART) for m in best[1]]
    return []


_SAME_PLACE_WORDS = frozenset({"city", "town"})


def _is_code(word: str) -> bool:
    """Whether a word is written as a code or initials ("MDC", "NSW")."""
    return 2 <= len(word) <= 4 and word.isalpha() and word.isupper()


def _fold_word(word: str) -> str:
    return lookup_key(word.strip(".,;:()"))


_STREET_WORDS = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "drive", "lane", "boulevard", "blvd"}
)
"""Words that make a name a street's ("Hampton Avenue")."""
_FACILITY_WORDS = _STREET_WORDS | frozenset(
    {"church", "cathedral", "chapel", "mosque", "temple", "university", "college", "school",
     "academy", "elementary", "middle", "high", "hospital", "clinic", "center", "centre",
     "court", "courthouse", "hall", "library", "museum", "inn", "hotel", "club", "golf",
     "airport", "embassy", "consulate", "ministry", "bank", "station", "park", "bridge",
     "tower", "square", "plaza", "mall", "market", "house", "office", "building", "plant",
     "factory", "prison", "jail", "base", "camp", "stadium", "arena", "theatre", "theater",
     "castle", "gardens"}
)  # fmt: skip
"""Words that make a name a building's, a street's or a venue's ("the Hilltop Academy")."""

GENERIC_WORDS = _FACILITY_WORDS | frozenset(
    {"highway", "medical", "department", "city", "town", "village", "state", "national",
     "international", "north", "south", "east", "west", "northern", "southern", "eastern",
     "western", "central", "upper", "lower", "new", "old", "great", "little", "big", "saint",
     "the", "of", "and", "for", "at", "in", "on", "port", "harbor", "harbour", "lake", "river",
     "creek", "valley", "hill", "mountain", "island", "beach", "bay", "point", "canal",
     "lagoon", "area", "district", "zone", "agency", "company", "corporation", "group",
     "association", "foundation", "institute", "system", "services", "council", "committee",
     "party", "union", "federal", "royal", "republic", "kingdom", "government", "police",
     "army", "fire", "water", "power", "township", "borough", "parish", "county",
     "municipality"}
)  # fmt: skip
"""Words that name no place by themselves: a longer name's parts are tried without them."""


@dataclass(slots=True)
class _Group:
    """All mentions of one name, and the candidates they share."""

    key: str
    mentions: list[int]
    idx: NDArray[np.int64]
    loose: bool
    prior: NDArray[np.float64]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    pair_bonus: NDArray[np.float64]
    wide: NDArray[np.bool_]
    exact: NDArray[np.bool_]
    """Whether each candidate bears the name itself (not a loose spelling or a part of it)."""
    part: NDArray[np.bool_]
    """Whether each candidate bears only a part of the name ("Liverpool Academy")."""
    best: int = -1
    confidence: float = 0.0
    support: float = 0.0
    division: bool = False
    """Whether the text calls the name a first-level division ("X state", "X and Y provinces")."""

    def copy(self, mention: int) -> _Group:
        """The group as new, for ``mention``: its arrays shared (the steps give a group new
        ones, never change them in place), its bonus its own (that one they do change)."""
        return _Group(
            self.key, [mention], self.idx, self.loose, self.prior, self.lat, self.lon,
            np.zeros(len(self.idx)), self.wide, self.exact, self.part, division=self.division,
        )  # fmt: skip


def _haversine(
    lat1: NDArray[np.float64], lon1: NDArray[np.float64], lat2: float, lon2: float
) -> NDArray[np.float64]:
    p1, p2 = np.radians(lat1), math.radians(lat2)
    dphi = p2 - p1
    dl = math.radians(lon2) - np.radians(lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * math.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def _haversine_matrix(
    lat1: NDArray[np.float64],
    lon1: NDArray[np.float64],
    lat2: NDArray[np.float64],
    lon2: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Distances in km between every point of the first set and every point of the second."""
    p1 = np.radians(lat1)[:, None]
    p2 = np.radians(lat2)[None, :]
    dl = np.radians(lon2)[None, :] - np.radians(lon1)[:, None]
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def resolve(
    text: str,
    mentions: Sequence[Mention],
    gaz: Gazetteer,
    context: Context | None = None,
    matches: Callable[[str], list[Match]] | None = None,
    readings: Readings | None = None,
) -> list[Resolution]:
    """Resolve every mention of a document to one gazetteer entry, in the mentions' order.

    ``matches`` looks names up as :meth:`Gazetteer.matches` does (a finder's cache of it);
    ``readings`` keeps the names' candidates from one document to the next (same answers).
    """
    context = context or Context()
    if context.outlet_country or context.area is not None:
        readings = None  # the priors then depend on the document
    groups = _groups(mentions, gaz, context, matches, said_divisions(text, mentions), readings)
    _article_cue(text, mentions, groups, gaz)
    _town_word(text, mentions, groups, gaz)
    _pairs(text, mentions, groups, gaz)
    _town_and_county(text, mentions, groups, gaz)
    for g in groups.values():
        _choose(g, g.prior + g.pair_bonus)
    _siblings(text, mentions, groups, gaz)
    pool = _Pool.of(list(groups.values()), gaz)
    for _ in range(ROUNDS):
        evidence = _Evidence.of(groups, gaz)
        for g, bonus in zip(groups.values(), evidence.bonuses(pool), strict=True):
            support = g.pair_bonus + bonus
            _choose(g, g.prior + support)
            g.support = float(support[g.best]) if g.best >= 0 else 0.0
    _contained(text, mentions, groups, gaz)
    settled_evidence = _Evidence.of(groups, gaz)
    settled = settled_evidence.points
    for g in groups.values():
        # A name known only by a loose spelling or a part ("Royal Street", "Third Street")
        # that nothing else in the document supports is a place the gazetteer lacks; so is
        # one the text calls a town but that lies far from every other place it names
        # ("the village of Kansafra" in a Syria story is no Queensferry).
        if g.loose and g.support < LOOSE_SUPPORT and g.best >= 0:
            j = int(g.idx[g.best])
            here_lat, here_lon = gaz.lat[j : j + 1], gaz.lon[j : j + 1]
            near = [
                bool(_haversine(here_lat, here_lon, lat, lon)[0] <= LOOSE_REACH_KM)
                for key, lat, lon, *_ in settled
                if key != g.key
            ]
            named = set(settled_evidence.countries)  # countries the story names or implies
            far = (bool(near) and not any(near)) or bool(named and gaz.country[j] not in named)
            unlike = _likeness(g.key, gaz.names[j]) < LOOSE_LIKENESS
            said = _said_town(text, mentions, g) or (
                gaz.kind[j] in (Kind.ADMIN1, Kind.ADMIN2) and _bracketed(text, mentions, g)
            )
            if not said or (far and unlike):
                g.best = -1
    for g in groups.values():
        if not g.division or g.best < 0:
            continue
        j = int(g.idx[g.best])
        # "El Gazira state" read as a town abroad: a division the gazetteer lacks. A town
        # stands for it only in a country the story's other places name, or when big.
        named = {c for c, keys in settled_evidence.countries.items() if set(keys) - {g.key}}
        if (
            gaz.kind[j] in (Kind.CITY, Kind.CAPITAL)
            and gaz.country[j] not in named
            and gaz.population[j] < BIG
        ):
            g.best = -1
    final = _Evidence.of(groups, gaz)
    for g in groups.values():
        if g.best < 0 or g.pair_bonus[g.best] > 0:
            continue
        reach = _reach(g, gaz, final)
        others = [(lat, lon) for key, lat, lon, _, _, _ in final.points if key != g.key]
        if reach is None or len(others) < 2 or _said_town(text, mentions, g):
            continue  # _said_town: "the town of X", "near X" say it is a settlement
        pts = np.asarray(others)
        d = _haversine_matrix(
            g.lat[g.best : g.best + 1], g.lon[g.best : g.best + 1], pts[:, 0], pts[:, 1]
        )
        if float(d.min()) > reach:
            # Far from every other place the story names: more likely a place the
            # gazetteer lacks (a street, a building, a venue) in the story's own area.
            g.best = -1
    focus = _focus(groups, gaz)
    by_mention: dict[int, _Group] = {}
    for g in groups.values():
        for n in g.mentions:
            by_mention[n] = g

    def stand_in_for(i: int) -> Place | None:
        """The place written to hold mention ``i``, else a town named near it, else the
        story's main place (see :func:`_within`)."""
        return _within(
            _holder(text, i, mentions, by_mention, gaz),
            _nearby(i, mentions, by_mention, gaz) or focus,
        )

    out: list[Resolution] = []
    records: dict[int, Place] = {}  # a name said ten times is one record, built once
    for i, mention in enumerate(mentions):
        found = by_mention.get(i)
        if found is not None and found.best >= 0 and _abroad(found, gaz):
            found = None
        if found is None or found.best < 0:
            stand_in = stand_in_for(i)
            out.append(Resolution(mention, stand_in, 0.0, fallback=stand_in is not None))
            continue
        j = int(found.idx[found.best])
        place = records.get(j) or records.setdefault(j, gaz.place(j))
        if not found.exact[found.best] and gaz.kind[j] in _WIDE_KINDS:
            # "Colorado State University", "University of Alberta": a building named
            # after a state or a country lies somewhere in it; a town of the story
            # inside it says where better than the middle of the state.
            guesses = (stand_in_for(i), focus)
            guess = next(
                (
                    p
                    for p in guesses
                    if p is not None and p.kind in ("city", "capital") and _holds(place, p)
                ),
                None,
            )
            if guess is not None:
                out.append(Resolution(mention, guess, 0.0, fallback=True))
                continue
        out.append(Resolution(mention, place, found.confidence))
    return out


def _street(key: str) -> bool:
    """Whether a name is a street's ("Hampton Avenue", "Victoria St.")."""
    return any(_fold_word(w) in _STREET_WORDS for w in key.split())


def _reach(g: _Group, gaz: Gazetteer, evidence: _Evidence) -> float | None:
    """How far from every other place the story names a group's guess may lie before it
    is taken for a place the gazetteer lacks; None when it stands however far it lies.

    - A name that only holds a town's or a county's name ("the Rogers Centre", "Hampton
      Avenue"), or spells one loosely and unlike it ("Anfield" for Enfield Town):
      PART_FAR_KM. A big town so named still stands ("New York Auto Show", "Moscow State
      University"), unless the name is a street's, or no other place of the story lies
      in the town's country. "Norwich City" is Norwich's own name.
    - A hamlet (under WEAK_POPULATION), or a town under BIG in a country no other place
      of the story lies in while most lie in one other (ABROAD_SHARE; "the Delft police
      station" in a Cape Town story): WEAK_FAR_KM.
    """
    j = int(g.idx[g.best])
    kind = gaz.kind[j]
    if kind not in (Kind.CITY, Kind.CAPITAL, Kind.ADMIN2):
        return None
    people, name = int(gaz.population[j]), lookup_key(gaz.names[j])
    shares = {
        code: sum(w for key, w in keys.items() if key != g.key)
        for code, keys in evidence.countries.items()
    }
    total = sum(shares.values())
    alone = total > 0 and shares.get(gaz.country[j], 0.0) <= 0
    loosely = (
        not g.exact[g.best]
        and _likeness(g.key, name) < LOOSE_LIKENESS
        and not name.startswith(g.key + " ")  # "Clacton" of Clacton-on-Sea
    )
    if (
        (g.part[g.best] or loosely)
        and (people < BIG or alone or _street(g.key))
        and name != " ".join(w for w in g.key.split() if w not in _SAME_PLACE_WORDS)
    ):
        return PART_FAR_KM
    abroad = alone and max(shares.values()) >= ABROAD_SHARE * total
    if kind == Kind.CITY and people < (BIG if abroad else WEAK_POPULATION):
        return WEAK_FAR_KM
    return None


_WIDE_KINDS = (Kind.COUNTRY, Kind.ADMIN1)
_ABROAD_WORDS = frozenset({"embassy", "consulate", "embassies", "consulates", "mission"})


def _abroad(g: _Group, gaz: Gazetteer) -> bool:
    """Whether a name that holds a country's name is its embassy or consulate ("the
    Freedonian Embassy"): that lies in another country, so the country is no answer."""
    if g.exact[g.best] or gaz.kind[g.idx[g.best]] != Kind.COUNTRY:
        return False
    return any(w in _ABROAD_WORDS for w in g.key.split())


def _holds(wide: Place, town: Place) -> bool:
    """Whether a town lies in a country or first-level division."""
    if wide.country != town.country:
        return False
    return wide.kind == "country" or wide.admin1 == town.admin1


_ARTICLE_BEFORE = re.compile(
    r"\b(?i:the)\s+(?:(?!(?:of|in|at|on|to|from|and|or|for|by|with|near|town|city|village|"
    r"county|township|borough|suburb|state|province)\b)[a-z][\w-]*\s+){0,2}$"
)
""""the" before a name, perhaps with a lowercase word or two ("the Atlantic", "the tropical
Atlantic"); not "the town of", which introduces a settlement."""
ARTICLE_PENALTY = 5.0


def _article_cue(
    text: str, mentions: Sequence[Mention], groups: dict[str, _Group], gaz: Gazetteer
) -> None:
    """A name written after "the" ("the Atlantic", "the Gulf", "the eastern Pacific") is
    a region, a sea or a continent, not a town that bears the same name: news writes no
    article before a town's name. Its towns and counties lose ARTICLE_PENALTY when it has
    a wider reading."""
    for g in groups.values():
        if not len(g.idx):
            continue
        kinds = gaz.kind[g.idx]
        if not _AREA[kinds].any():
            continue
        if not any(
            _ARTICLE_BEFORE.search(text, max(0, mentions[n].start - 40), mentions[n].start)
            for n in g.mentions
        ):
            continue
        g.prior = g.prior - ARTICLE_PENALTY * _SETTLEMENT[kinds]


_TOWN_AFTER = re.compile(r"\s+(?:city|town)\b(?!\s+(?:of|council|hall))", re.IGNORECASE)
"""A settlement's word after a name ("Hilltop city", "Hilltop town"), not the start of a
body's name ("city council") or of another place ("town of")."""


def _town_word(
    text: str, mentions: Sequence[Mention], groups: dict[str, _Group], gaz: Gazetteer
) -> None:
    """A name the text calls a city or a town ("Hilltop city (Hilltop)") means the town,
    not the division named after it: its divisions lose SEAT_PENALTY."""
    for g in groups.values():
        if not len(g.idx) or not any(_TOWN_AFTER.match(text, mentions[n].end) for n in g.mentions):
            continue
        kinds = gaz.kind[g.idx]
        if _TOWN[kinds].any():
            g.prior = g.prior - SEAT_PENALTY * _DIVISION[kinds]


_FIRST_LEVEL = r"(?:state|province|governorate|oblast|department|prefecture|region|wilaya|emirate)"
_DIVISION_AFTER = re.compile(
    rf"\s+{_FIRST_LEVEL}\b(?!\s+(?:building|office|offices|headquarters|hall|house|council|"
    r"court|police|government|authorit|official|governor|capital|seat))",
    re.IGNORECASE,
)
"""A first-level division's word after a name, not as a noun's attribute ("the Baalbek
Governorate building" names a building)."""
_DIVISIONS_AFTER = re.compile(rf"\s+{_FIRST_LEVEL}s\b", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or|&)\s*")


def said_divisions(text: str, mentions: Sequence[Mention]) -> frozenset[int]:
    """The mentions the text calls first-level divisions: "Gezira state", "Balkh
    province", and each name of a list the plural word follows ("Kabul, Ghor and Balkh
    provinces").

    >>> text = "Raids in Ghor and Balkh provinces and in Herat."
    >>> names = [Mention(9, 13, "Ghor"), Mention(18, 23, "Balkh"), Mention(41, 46, "Herat")]
    >>> sorted(said_divisions(text, names))
    [0, 1]
    """
    out: set[int] = set()
    order = sorted(range(len(mentions)), key=lambda n: mentions[n].start)
    for k, n in enumerate(order):
        m = mentions[n]
        last = m.text.rsplit(None, 1)[-1]
        if re.fullmatch(_FIRST_LEVEL, last, re.IGNORECASE) or _DIVISION_AFTER.match(text, m.end):
            out.add(n)
        elif _DIVISIONS_AFTER.match(text, m.end):
            out.add(n)
            for before, after in zip(reversed(order[:k]), reversed(order[1 : k + 1]), strict=True):
                if not _LIST_GAP.fullmatch(text, mentions[before].end, mentions[after].start):
                    break
                out.add(before)
    return frozenset(out)


_DIVISION_WORDS = re.compile(
    r"\b(?:province|governorate|state|region|oblast|county|parish|district)\b", re.IGNORECASE
)
SEAT_PENALTY = 3.0


def _seat_adjustment(
    gaz: Gazetteer, idx: NDArray[np.int64], text: str, division: bool = False
) -> NDArray[np.float64]:
    """A division and a town inside it with the same name: the bare name means the town
    (Edirne, Idlib), the name with 'province' or 'county' means the division. A name the
    text calls a first-level division (``division``) means a division wherever the name
    has one: its towns are the weaker readings."""
    out = np.zeros(len(idx))
    kinds = gaz.kind[idx] if len(idx) else np.zeros(0, dtype=np.int8)
    if division and (kinds == Kind.ADMIN1).any():
        return np.asarray(-SEAT_PENALTY * _TOWN[kinds])
    towns = {
        gaz.admin1[j] for j, k in zip(idx, kinds, strict=True) if k in (Kind.CITY, Kind.CAPITAL)
    }
    divisions = {gaz.admin1[j] for j, k in zip(idx, kinds, strict=True) if k == Kind.ADMIN1}
    shared = towns & divisions - {""}
    if not shared:
        return out
    says_division = division or bool(_DIVISION_WORDS.search(text))
    for n, (j, k) in enumerate(zip(idx, kinds, strict=True)):
        if gaz.admin1[j] not in shared:
            continue
        town = k in (Kind.CITY, Kind.CAPITAL)
        if (k == Kind.ADMIN1 and not says_division) or (town and says_division):
            out[n] = -SEAT_PENALTY
    return out


NEARBY_CHARS = 150
_HOLDER_GAP = re.compile(
    r"(?:\s+(?:area|district|region|neighbou?rhood|county|state|province|campus|park|street|"
    r"road|quarter|section|suburb))?(?:\s*[,(]\s*|\s+(?:in|at|of)\s+(?:the\s+)?)"
)
"""What stands between a name and the place written to hold it: "Le Petit, Hilltop",
"the Old Mill in Hilltop", "the Grand Hotel (Hilltop)", "the Rex area of Hilltop"."""


def _within(holder: Place | None, guess: Place | None) -> Place | None:
    """The stand-in for an unknown name: the place written to hold it, unless that is a
    country or a division and the other guess (a town named nearby, the story's main
    place) lies inside it and so says more."""
    if holder is None:
        return guess
    if guess is None or holder.kind not in ("country", "admin1", "admin2"):
        return holder
    if guess.country != holder.country or guess.kind == "country":
        return holder
    if holder.kind != "country" and (guess.admin1 != holder.admin1 or guess.kind == holder.kind):
        return holder
    return guess


def _holder(
    text: str,
    i: int,
    mentions: Sequence[Mention],
    by_mention: dict[int, _Group],
    gaz: Gazetteer,
) -> Place | None:
    """The place the text writes right after an unknown name to locate it ("the Old Mill
    in Hilltop", "Grand Hotel, Hilltop"): a town, a division or a country, but not a region
    or a continent, which say too little."""
    here = mentions[i]
    after = [n for n, m in enumerate(mentions) if m.start >= here.end]
    if not after:
        return None
    n = min(after, key=lambda k: mentions[k].start)
    other = mentions[n]
    g = by_mention.get(n)
    if g is None or g.best < 0 or g.loose or other.demonym:
        return None
    if not _HOLDER_GAP.fullmatch(text, here.end, other.start):
        return None
    j = int(g.idx[g.best])
    if gaz.kind[j] in (Kind.CONTINENT, Kind.REGION):
        return None
    return gaz.place(j)


def _nearby(
    i: int, mentions: Sequence[Mention], by_mention: dict[int, _Group], gaz: Gazetteer
) -> Place | None:
    """The town named closest to an unknown name in the text ("Sloss Furnaces in
    Birmingham"), when one is named within a sentence or so of it."""
    best: tuple[int, int] | None = None
    for n, other in enumerate(mentions):
        g = by_mention.get(n)
        if g is None or g.best < 0 or g.loose or n == i:
            continue
        j = int(g.idx[g.best])
        if gaz.kind[j] not in (Kind.CITY, Kind.CAPITAL, Kind.EXTRA):
            continue
        gap = max(other.start - mentions[i].end, mentions[i].start - other.end)
        if gap <= NEARBY_CHARS and (best is None or gap < best[0]):
            best = (gap, j)
    return gaz.place(best[1]) if best else None


def _spelling_of(key: str, name: str) -> bool:
    """Whether a name is another spelling of a place's own: the same consonant skeleton and
    much alike ("Odessa" of Odesa, "Barisal" of Barishal; not "Oleksandrivka" of
    Oleksandrivskyi, a name formed from it)."""
    return skeleton(key) == skeleton(fold(name)) and _likeness(key, name) >= ALT_SPELLING


def _likeness(key: str, name: str) -> float:
    """How alike two spellings are, folded and without spaces (1.0 the same)."""
    a, b = key.replace(" ", ""), fold(name).replace(" ", "")
    return difflib.SequenceMatcher(None, a, b).ratio()


def _said_town(text: str, mentions: Sequence[Mention], g: _Group) -> bool:
    """Whether the text calls some mention of this name a settlement ("the town of X")."""
    return any(
        _TOWN_CUE.search(text[max(0, mentions[n].start - 40) : mentions[n].start])
        for n in g.mentions
    )


_BRACKETS = re.compile(r"[A-Z][\w’'\-]*(?:\s+[a-z]+)?\s*\((?:[^()]*,\s*)?$")


def _bracketed(text: str, mentions: Sequence[Mention], g: _Group) -> bool:
    """Whether some mention of this name stands in the brackets after a name, where the
    divisions that hold a place are written ("Hilltop (Riverside district, North)")."""
    return any(
        _BRACKETS.search(text, max(0, mentions[n].start - 80), mentions[n].start)
        for n in g.mentions
    )


def _focus(groups: dict[str, _Group], gaz: Gazetteer) -> Place | None:
    """The document's main place: among its towns, the one most mentions of places (its
    own among them) lie around (within FOCUS_KM), then the most mentioned and confident;
    failing a town, its main division; failing that, its main country or region.

    A story about a suburb names its streets, schools and neighbours around one city, while
    a town named often elsewhere in it (a visitor's home, a team's rival) stands alone.
    """
    settled = [(g, int(g.idx[g.best])) for g in groups.values() if g.best >= 0 and not g.loose]
    points = [
        (float(gaz.lat[j]), float(gaz.lon[j]), len(g.mentions))
        for g, j in settled
        if gaz.kind[j] not in _WIDE
    ]
    best: tuple[int, int, float, int] | None = None
    for g, j in settled:
        tier = 0 if gaz.kind[j] in _WIDE else (1 if gaz.kind[j] == Kind.ADMIN1 else 2)
        around = 0
        if tier == 2 and points:
            d = _haversine(
                np.asarray([p[0] for p in points]),
                np.asarray([p[1] for p in points]),
                float(gaz.lat[j]),
                float(gaz.lon[j]),
            )
            around = sum(
                n for (_, _, n), km in zip(points, d.tolist(), strict=True) if km <= FOCUS_KM
            )
        weight = (
            len(g.mentions) * g.confidence
            + 0.3 * math.log10(float(gaz.population[j]) + 1.0)
            + g.support
        )
        if best is None or (tier, around, weight) > best[:3]:
            best = (tier, around, weight, j)
    return gaz.place(best[3]) if best else None


FOCUS_KM = 161.0
"""How far from a town the places that make it the document's main place may lie."""


def _groups(
    mentions: Sequence[Mention],
    gaz: Gazetteer,
    context: Context,
    matches: Callable[[str], list[Match]] | None,
    divisions: frozenset[int] = frozenset(),
    readings: Readings | None = None,
) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for i, m in enumerate(mentions):
        key = lookup_key(m.text)
        if key in groups:
            groups[key].mentions.append(i)
            continue
        name = (m.text, m.demonym, i in divisions)
        known = readings.get(name) if readings is not None else None
        if known is not None:
            groups[key] = known.copy(i)
            continue
        found = candidate_matches(gaz, m.text, matches)
        if m.demonym:
            # A demonym names its country; failing one, the division or region it names
            # ("English", "Arab"), never a town that bears the word as its name.
            found = (
                [f for f in found if gaz.kind[f.index] == Kind.COUNTRY]
                or [f for f in found if f.how == DEMONYM]
                or found
            )
        idx = np.asarray([f.index for f in found], dtype=np.int64)
        how = np.asarray([_HOW_PRIOR[f.how] for f in found], dtype=np.float64)
        kinds = gaz.kind[idx] if len(idx) else np.zeros(0, dtype=np.int8)
        pop = gaz.population[idx] if len(idx) else np.zeros(0, dtype=np.int64)
        if any(f.how == PRIMARY for f in found):
            how = how - _alternate_penalty(gaz, key, found, pop)
        if any(f.how in (PRIMARY, ALTERNATE) for f in found):
            # Some place bears the name as written ("Abyan governorate"): a place whose name
            # merely sounds alike ("Ebonyi") is a much weaker reading.
            how = how - LOOSE_GIVEN_EXACT * np.asarray([f.how == LOOSE for f in found])
        prior = POP_WEIGHT * np.log10(pop + 100.0) + _KIND_PRIOR_ARRAY[kinds] + how
        prior = prior + _seat_adjustment(gaz, idx, m.text, i in divisions)
        if key in _DIRECTION_WORDS and len(idx):
            prior = prior - DIRECTION_PENALTY * (kinds != Kind.REGION)
        lat = gaz.lat[idx] if len(idx) else np.zeros(0)
        lon = gaz.lon[idx] if len(idx) else np.zeros(0)
        if context.outlet_country and len(idx):
            same = np.asarray([gaz.country[j] == context.outlet_country for j in idx])
            prior = prior + W_OUTLET * same
        if context.area is not None and len(idx):
            a_lat, a_lon, radius = context.area
            inside = _haversine(lat, lon, a_lat, a_lon) <= radius
            prior = prior + W_AREA * inside
        loose = bool(found) and all(f.how in (LOOSE, PART) for f in found)
        if loose and any(
            f.how == PART
            and (gaz.kind[f.index] in (*_WIDE, Kind.ADMIN1) or gaz.population[f.index] >= BIG)
            for f in found
        ):
            loose = False  # "Korean Peninsula", "University of California": a known part
        wide = _WIDE_OR_ADMIN1[kinds]
        exact = np.asarray([f.how not in (LOOSE, PART) for f in found], dtype=np.bool_)
        part = np.asarray([f.how == PART for f in found], dtype=np.bool_)
        groups[key] = _Group(
            key, [i], idx, loose, prior, lat, lon, np.zeros(len(idx)), wide, exact, part,
            division=i in divisions,
        )  # fmt: skip
        if readings is not None:
            readings.put(name, groups[key].copy(i))
    return groups


def _alternate_penalty(
    gaz: Gazetteer, key: str, found: Sequence[Match], pop: NDArray[np.int64]
) -> NDArray[np.float64]:
    """What each candidate loses for bearing the name ``key`` only among its other names
    while another place bears it as its own: an old or foreign name is a weaker reading.
    When the other name is a spelling of the candidate's own (a transliteration: "Odessa"
    for Odesa, see :func:`_spelling_of`), the loss fades as the candidate outgrows every
    place that bears the name, and is gone at ALT_FADE times their people: the Ukrainian
    port before the town in Texas. A name of another making (Salisbury for Harare) keeps
    its whole loss."""
    alternate = np.asarray(
        [f.how == ALTERNATE and not _spelling_of(key, gaz.names[f.index]) for f in found]
    )
    spelling = np.asarray(
        [f.how == ALTERNATE and not a for f, a in zip(found, alternate, strict=True)]
    )
    own = np.asarray([f.how == PRIMARY for f in found])
    out = ALT_GIVEN_PRIMARY * alternate.astype(np.float64)
    if not spelling.any():
        return out
    largest_own = float(np.max(pop[own]))
    outgrown = np.log10((pop + 100.0) / (largest_own + 100.0)) / math.log10(ALT_FADE)
    return np.asarray(out + ALT_GIVEN_PRIMARY * spelling * np.clip(1.0 - outgrown, 0.0, 1.0))


def _neighbours(mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Each mention and the one after it in the text, as pairs of indexes."""
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    return list(itertools.pairwise(order))


_COMMA = re.compile(r"\s*(?:,|\(|,?\s*in|,?\s*in\s+the)\s*$")


def _pairs(
    text: str, mentions: Sequence[Mention], groups: dict[str, _Group], gaz: Gazetteer
) -> None:
    """'X, Y' with Y a division or country: X's candidates inside Y gain."""
    for a, b in _neighbours(mentions):
        ma, mb = mentions[a], mentions[b]
        if mb.start - ma.end > 10 or not _COMMA.match(text[ma.end : mb.start]):
            continue
        ga, gb = groups[lookup_key(ma.text)], groups[lookup_key(mb.text)]
        if ga is gb:
            _seat_pair(ga, gaz)
            continue
        if not len(ga.idx) or not len(gb.idx):
            continue
        containers = [j for j in gb.idx if gaz.kind[j] in (Kind.ADMIN1, Kind.COUNTRY, Kind.ADMIN2)]
        if not containers:
            continue
        admin1s = {
            gaz.admin1[j] for j in containers if gaz.kind[j] != Kind.COUNTRY and gaz.admin1[j]
        }
        countries = {gaz.country[j] for j in containers if gaz.kind[j] == Kind.COUNTRY}
        for n, j in enumerate(ga.idx):
            if gaz.admin1[j] in admin1s or gaz.country[j] in countries:
                ga.pair_bonus[n] = W_PAIR
        if ga.loose:
            continue  # a loosely known X ("Crossroads Center in Shelby") locates no Y
        # The container that holds some candidate of X is the meant one.
        held_a1 = {gaz.admin1[j] for j in ga.idx}
        held_c = {gaz.country[j] for j in ga.idx}
        for n, j in enumerate(gb.idx):
            k = gaz.kind[j]
            if (k == Kind.COUNTRY and gaz.country[j] in held_c) or (
                k != Kind.COUNTRY and gaz.admin1[j] and gaz.admin1[j] in held_a1
            ):
                gb.pair_bonus[n] = max(gb.pair_bonus[n], W_PAIR / 2)


_AND_OR = re.compile(r"\s*(?:,|,?\s+(?:and|or)|&)\s+")
_SIBLING_KINDS = (Kind.COUNTRY, Kind.ADMIN1)


def _siblings(
    text: str, mentions: Sequence[Mention], groups: dict[str, _Group], gaz: Gazetteer
) -> None:
    """Names joined by "and", "or" or a comma are of one kind: in "Oregon and Washington"
    or "Egypt and Jordan", a name that may be a country or a state (or a town) leans to the
    kind its neighbour surely is (a guess from priors of SIBLING_SURE confidence). Its
    candidates of that kind gain W_SIBLING."""
    for a, b in _neighbours(mentions):
        ma, mb = mentions[a], mentions[b]
        if ma.demonym or mb.demonym or not _AND_OR.fullmatch(text, ma.end, mb.start):
            continue
        ga, gb = groups[lookup_key(ma.text)], groups[lookup_key(mb.text)]
        if ga is gb or not len(ga.idx) or not len(gb.idx):
            continue
        for one, other in ((ga, gb), (gb, ga)):
            if other.best < 0 or other.confidence < SIBLING_SURE:
                continue
            kind = int(gaz.kind[other.idx[other.best]])
            if kind not in _SIBLING_KINDS:
                continue
            one.pair_bonus = one.pair_bonus + W_SIBLING * ((gaz.kind[one.idx] == kind) & one.exact)


_TOWN_AND_COUNTY = re.compile(r"\s*(?:,|,?\s+(?:and|or)|&|-)\s*")


def _town_and_county(
    text: str, mentions: Sequence[Mention], groups: dict[str, _Group], gaz: Gazetteer
) -> None:
    """A town and a county named together ("Paris and Henry County", "Paris-Henry County")
    are the town in that county: each candidate of one that has a candidate of the other
    around it (same division, within CONTAINED_KM) gains W_TOWN_COUNTY."""
    for a, b in _neighbours(mentions):
        ma, mb = mentions[a], mentions[b]
        if not _TOWN_AND_COUNTY.fullmatch(text, ma.end, mb.start):
            continue
        ga, gb = groups[lookup_key(ma.text)], groups[lookup_key(mb.text)]
        if ga is gb:
            continue
        for town, county in ((ga, gb), (gb, ga)):
            ns = [n for n, j in enumerate(county.idx.tolist()) if gaz.kind[j] == Kind.ADMIN2]
            ts = [
                n
                for n, j in enumerate(town.idx.tolist())
                if gaz.kind[j] in (Kind.CITY, Kind.CAPITAL) and town.exact[n]
            ]
            if not ns or not ts:
                continue
            for n in ns:
                j = int(county.idx[n])
                near = _haversine(town.lat[ts], town.lon[ts], float(gaz.lat[j]), float(gaz.lon[j]))
                hits = [
                    t
                    for t, km in zip(ts, near.tolist(), strict=True)
                    if km <= CONTAINED_KM and gaz.admin1[int(town.idx[t])] == gaz.admin1[j]
                ]
                if hits:
                    county.pair_bonus[n] = max(county.pair_bonus[n], W_TOWN_COUNTY)
                    for t in hits:
                        town.pair_bonus[t] = max(town.pair_bonus[t], W_TOWN_COUNTY)


def _seat_pair(g: _Group, gaz: Gazetteer) -> None:
    """'X (X)', 'X, X': a town written with its division of the same name. Its towns that
    lie in a division bearing the name gain, as if the division were named apart."""
    held = {gaz.admin1[j] for j in g.idx.tolist() if gaz.kind[j] == Kind.ADMIN1} - {""}
    for n, j in enumerate(g.idx.tolist()):
        if gaz.kind[j] in (Kind.CITY, Kind.CAPITAL) and gaz.admin1[j] in held:
            g.pair_bonus[n] = W_PAIR


CONTAINER_GAP = re.compile(
    r"^(?:\s+(?:district|province|governorate|region|state|county|municipality|township|"
    r"department|commune|sub-?district|subdivision|zone|lga|area|town|city|village))?"
    r"\s*[,(]\s*$",
    re.IGNORECASE,
)
"""What stands between a place and the larger one that locates it: "Biu LGA, Borno",
"Debiro (Biu, Borno)"."""
_LIST_GOES_ON = re.compile(r"^(?:\s*,\s*(?:[A-Z][\w'’.-]*\s*)+)*\s*,?\s*(?:and|or|&)\s")
"""More names and then "and": "Saipan, Guam, Alaska and Hawaii" is a list, not a container."""
CONTAINER_TOWN_RATIO = 10
"""A town locates another ("Yenimahalle, Ankara") when it has this many times its people."""
CONTAINED_KM = 50.0
"""How far from a town named as its container a place may lie."""


def _contained(
    text: str, mentions: Sequence[Mention], groups: dict[str, _Group], gaz: Gazetteer
) -> None:
    """'X, Y' or 'X (Y, Z)' with Y a division, a country or a much larger town: X lies in Y.

    X's guess outside Y gives way to its likeliest entry inside Y; with none, X is a part of
    Y the gazetteer lacks (a neighbourhood, a village) and its namesake elsewhere is dropped.
    The widest container is settled first, so that a wrong middle one is put right before it
    locates the first. A list ("Aleppo, Turkey and Iran") is not a container.
    """
    for a, b in reversed(_neighbours(mentions)):
        ma, mb = mentions[a], mentions[b]
        if ma.demonym or mb.demonym or not CONTAINER_GAP.match(text[ma.end : mb.start]):
            continue
        if _LIST_GOES_ON.match(text[mb.end : mb.end + 60]):
            continue
        ga, gb = groups[lookup_key(ma.text)], groups[lookup_key(mb.text)]
        if ga is gb or ga.best < 0 or gb.best < 0 or not gb.exact[gb.best]:
            continue  # a loosely spelt container is too weak a witness
        ja = int(ga.idx[ga.best])
        jb = int(gb.idx[gb.best])
        # "Oleksandrivka, Donetsk": a place the text locates in a town is not that town,
        # even when the town also bears its name among its others.
        other_name = (
            ja == jb
            and ga.exact[ga.best]
            and lookup_key(gaz.names[ja]) != ga.key
            and gb.key not in ga.key
            and ga.key not in gb.key
        )
        container = jb if other_name else _container(gaz, ja, gb)
        if gaz.kind[ja] != Kind.CITY or container is None:
            continue
        inside = [
            n
            for n, j in enumerate(ga.idx.tolist())
            if (j != jb or not other_name) and _inside(gaz, j, container)
        ]
        # Where the division codes do align, a namesake in the division itself is meant
        # ("Sarobi district, Paktika" is not the Sarobi of Kabul province),
        # and one near a town named as the container is meant before one merely in its division.
        held = gaz.admin1[container] if gaz.kind[container] == Kind.ADMIN1 else ""
        inside = [n for n in inside if held and gaz.admin1[int(ga.idx[n])] == held] or inside
        if inside and gaz.kind[container] in (Kind.CITY, Kind.CAPITAL):
            d = _haversine(
                ga.lat[inside], ga.lon[inside], float(gaz.lat[container]), float(gaz.lon[container])
            )
            inside = [
                n for n, km in zip(inside, d.tolist(), strict=True) if km <= CONTAINED_KM
            ] or inside
        if ga.best in inside:
            continue
        if inside:
            ga.best = max(inside, key=lambda n: float(ga.prior[n]))
        elif gaz.population[ja] < BIG or gaz.kind[container] in (Kind.CITY, Kind.CAPITAL):
            ga.best = -1  # a large city elsewhere is more likely meant than a part of Y


def _container(gaz: Gazetteer, j: int, g: _Group) -> int | None:
    """The entry that group ``g``'s guess stands for as a container of entry ``j``: itself
    when a division or country; a division of the same name in the same country when a town
    (the "Donetsk" of "Pavlopil, Donetsk" is the oblast); a town much larger than ``j``;
    else None."""
    k = int(g.idx[g.best])
    kind = gaz.kind[k]
    if kind in (Kind.ADMIN1, Kind.ADMIN2, Kind.COUNTRY):
        return k
    if kind not in (Kind.CITY, Kind.CAPITAL):
        return None
    division = next(
        (
            int(d)
            for d in g.idx.tolist()
            if gaz.kind[d] in (Kind.ADMIN1, Kind.ADMIN2) and gaz.country[d] == gaz.country[k]
        ),
        None,
    )
    if division is not None:
        return division
    if gaz.population[k] >= CONTAINER_TOWN_RATIO * max(int(gaz.population[j]), 1):
        return k
    return None


def _inside(gaz: Gazetteer, j: int, container: int) -> bool:
    """Whether entry ``j`` may lie in entry ``container``: in its country, and near it or in
    its division when it is a town ("Pavlopil, Donetsk" names the oblast by its city).
    Division codes of towns and of divisions come from two sources that do not always
    align, so a division is trusted for its country only."""
    if gaz.country[j] != gaz.country[container]:
        return False
    if gaz.kind[container] in (Kind.CITY, Kind.CAPITAL):
        if gaz.admin1[j] and gaz.admin1[j] == gaz.admin1[container]:
            return True
        d = _haversine(
            gaz.lat[j : j + 1],
            gaz.lon[j : j + 1],
            float(gaz.lat[container]),
            float(gaz.lon[container]),
        )
        return bool(d[0] <= CONTAINED_KM)
    return True


def _choose(g: _Group, score: NDArray[np.float64]) -> None:
    if not len(g.idx):
        return
    if len(g.idx) == 1 and math.isfinite(score[0]):
        g.best, g.confidence = 0, 1.0  # exp(0) / exp(0), without numpy's cost on one item
        return
    best = int(np.argmax(score))
    p = np.exp(score - score[best])
    g.best = best
    g.confidence = float(1.0 / p.sum())


@dataclass(frozen=True, slots=True)
class _Pool:
    """Every group's candidates in one set of arrays, so a round weighs them all at once."""

    groups: list[_Group]
    bounds: list[tuple[int, int]]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    wide: NDArray[np.bool_]
    key: list[str]
    country: list[str]
    admin1: list[str]
    kind: list[int]

    @classmethod
    def of(cls, groups: list[_Group], gaz: Gazetteer) -> _Pool:
        bounds: list[tuple[int, int]] = []
        at = 0
        for g in groups:
            bounds.append((at, at + len(g.idx)))
            at += len(g.idx)
        idx = [int(j) for g in groups for j in g.idx.tolist()]

        def joined(arrays: list[NDArray[Any]], dtype: type) -> NDArray[Any]:
            return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)

        return cls(
            groups=groups,
            bounds=bounds,
            lat=joined([g.lat for g in groups], np.float64),
            lon=joined([g.lon for g in groups], np.float64),
            wide=joined([g.wide for g in groups], np.bool_),
            key=[g.key for g in groups for _ in range(len(g.idx))],
            country=[gaz.country[j] for j in idx],
            admin1=[gaz.admin1[j] for j in idx],
            kind=[int(gaz.kind[j]) for j in idx],
        )


@dataclass(slots=True)
class _Evidence:
    """What the current guesses say about the document: its countries, divisions, points."""

    countries: dict[str, dict[str, float]]
    admin1s: dict[str, dict[str, float]]
    points: list[tuple[str, float, float, float, str, str]]
    c_total: float = 0.0
    a_total: float = 0.0

    @classmethod
    def of(cls, groups: dict[str, _Group], gaz: Gazetteer) -> _Evidence:
        countries: dict[str, dict[str, float]] = defaultdict(dict)
        admin1s: dict[str, dict[str, float]] = defaultdict(dict)
        points: list[tuple[str, float, float, float, str, str]] = []
        for g in groups.values():
            if g.best < 0 or g.loose:
                continue
            j = int(g.idx[g.best])
            weight = g.confidence * (1.0 + 0.5 * math.log(len(g.mentions)))
            if gaz.country[j]:
                countries[gaz.country[j]][g.key] = weight
            if gaz.admin1[j] and gaz.kind[j] != Kind.COUNTRY:
                admin1s[gaz.admin1[j]][g.key] = weight
            if gaz.kind[j] not in _WIDE:
                points.append(
                    (
                        g.key,
                        float(gaz.lat[j]),
                        float(gaz.lon[j]),
                        weight,
                        gaz.country[j],
                        gaz.admin1[j],
                    )
                )
        c_total = sum(w for c in countries.values() for w in c.values())
        a_total = sum(w for a in admin1s.values() for w in a.values())
        return cls(countries, admin1s, points, c_total, a_total)

    def bonuses(self, pool: _Pool) -> list[NDArray[np.float64]]:
        """Each group's support from the rest of the document, candidate by candidate: the
        shares of the document's weight in the candidate's country and division, and how
        near it lies to the other names' places (a country or division: to the places the
        document puts inside it). A name's own guess never supports itself."""
        # Summed in a list: a numpy array's items cost far more to read and write one by
        # one, and a float's sums are the same either way.
        shares = [0.0] * len(pool.lat)
        c_sums = {code: sum(c.values()) for code, c in self.countries.items()}
        a_sums = {code: sum(a.values()) for code, a in self.admin1s.items()}
        for g, (lo, hi) in zip(pool.groups, pool.bounds, strict=True):
            if lo == hi:
                continue
            own_c = {code: c[g.key] for code, c in self.countries.items() if g.key in c}
            own_a = {code: a[g.key] for code, a in self.admin1s.items() if g.key in a}
            c_total = self.c_total - sum(own_c.values())
            a_total = self.a_total - sum(own_a.values())
            if c_total <= 0 and a_total <= 0:
                continue
            for i in range(lo, hi):
                code = pool.country[i]
                if c_total > 0 and code in c_sums:
                    shares[i] += W_COUNTRY * (c_sums[code] - own_c.get(code, 0.0)) / c_total
                code = pool.admin1[i]
                if a_total > 0 and code and code in a_sums and pool.kind[i] != Kind.COUNTRY:
                    shares[i] += W_ADMIN1 * (a_sums[code] - own_a.get(code, 0.0)) / a_total
        out = np.asarray(shares, dtype=np.float64)
        if not self.points:
            return [out[lo:hi] for lo, hi in pool.bounds]
        pts = np.asarray([(lat, lon, w) for _, lat, lon, w, _, _ in self.points])
        weighted = pts[:, 2][None, :] * np.exp(
            -_haversine_matrix(pool.lat, pool.lon, pts[:, 0], pts[:, 1]) / NEAR_KM
        )
        column = {key: k for k, (key, *_) in enumerate(self.points)}
        for g, (lo, hi) in zip(pool.groups, pool.bounds, strict=True):
            if g.key in column:
                weighted[lo:hi, column[g.key]] = 0.0
        out += W_NEAR * weighted.max(axis=1) * ~pool.wide
        for i in np.flatnonzero(pool.wide).tolist():
            key = pool.key[i]
            country = pool.kind[i] == Kind.COUNTRY
            inside = [
                w
                for other, _, _, w, c, a in self.points
                if other != key
                and (c == pool.country[i] if country else a == pool.admin1[i])
                and (c or a)
            ]
            out[i] += W_NEAR * max(inside, default=0.0)
        return [out[lo:hi] for lo, hi in pool.bounds]
