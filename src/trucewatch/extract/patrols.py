"""Patrol reports: the sentences that say a patrol ran, placed on a patrol provision's route.

A report such as "a joint patrol ran on Monday from Trumba to the outskirts of Ariha" is
not an incident but a run along a route. :func:`find_patrols` reads a document's
sentences and gives one :class:`PatrolReport` per patrol that happened (plans, cancelled
and failed patrols give none), with its day, parties, start and end places, where they
fall on the route (km from the route's start, by linear referencing) and whether the
patrol finished or was cut short.

The rules, in the order they apply:

- A sentence reports a run when it names a patrol (or says troops "patrolled") with a verb
  of movement or stopping in the past ("ran", "reached", "was cut short", "turned back");
  a clause stating a plan ("will start", see :mod:`.filters`) or a negation ("was
  cancelled", "did not") makes it no run.
- A later sentence about "the patrol" (or "it") with no day of its own, or the same day,
  adds to the run before it: one report often names the end in one sentence and the
  start in the next.
- Places: "from X" starts the run; "to X", "as far as X", "reached X" and "the outskirts
  of X" end it; "near X", "at X", "outside X" are where a patrol that was cut short
  stopped. Names are looked up in the agreement's own places first, then the world
  gazetteer (the namesake nearest the route).
- A run without a start begins at the route's start (the provision's ``from`` end): said
  by the report ("from the start of the route") or, when it is silent, stated as an
  assumption in the run's note. A run without an end place is not placed: the
  :class:`Unplaced` record says why, and nothing is guessed.
- Parties: nationalities and countries named in the sentences ("Russian-Turkish"),
  mapped to the agreement's parties (not those only quoted: "the Turkish defence ministry
  said"); a "joint" patrol naming none is by all the provision's parties; a patrol naming
  neither is given the provision's parties, with a note.
- The day: the first day-precise date in the run's sentences, resolved against the
  publication date in the agreement's time zone; when none is given, the publication
  day, with a note.

>>> from trucewatch.agreements import load_agreement
>>> idlib = load_agreement("examples/idlib-2020/agreement.yaml")  # doctest: +SKIP
>>> run, = find_patrols("A joint patrol ran from Trumba to Ariha on Monday.",
...                     dt.datetime(2020, 3, 23, 18, tzinfo=dt.UTC), idlib)  # doctest: +SKIP
>>> run.from_km, round(run.to_km, 1), run.completed  # doctest: +SKIP
(0.0, 16.1, True)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from trucewatch.agreements import Agreement, Party, PatrolTerms
from trucewatch.extract.dates import find_dates
from trucewatch.extract.filters import flags
from trucewatch.geometry import LatLon, Route
from trucewatch.places.gazetteer import DEMONYM, ExtraPlace, Gazetteer, lookup_key

__all__ = [
    "MAX_OFF_ROUTE_KM",
    "Lexicon",
    "PatrolReport",
    "Sentence",
    "Unplaced",
    "find_patrols",
    "patrol_provisions",
]

MAX_OFF_ROUTE_KM = 10.0
"""A place farther than this from a route is not where a patrol on it started or stopped."""

Role = Literal["start", "end", "stop", "heading"]

_SENTENCE = re.compile(r"[^\n]+?(?:[.!?](?=[\"'\u201d\u2019)]*(?:\s|$))|$)", re.MULTILINE)
_PATROL = re.compile(r"\bpatrol(?:s|led|ling)?\b", re.IGNORECASE)
_RAN = re.compile(
    r"\b(?:ran|set (?:off|out)|departed|left|drove|travell?ed|moved|reached|arrived|passed|"
    r"went|covered|completed|finished|took place|was (?:held|conducted|carried out)|"
    r"were (?:held|conducted|carried out)|conducted|carried out|patrolled|"
    r"(?:was|were) (?:cut short|halted|stopped|blocked|forced|turned back)|halted|stopped|"
    r"turned back|turning back|returned|ended|came to a halt)\b",
    re.IGNORECASE,
)
_CUT = re.compile(
    r"\b(?:cut short|halted|stopped|blocked|turned back|turning back|turn back|forced to|"
    r"came to a halt|abandoned|aborted|failed to (?:reach|complete|finish)|"
    r"could not (?:continue|go on|proceed|reach)|unable to (?:continue|proceed|reach))\b",
    re.IGNORECASE,
)
_NOT_RUN = re.compile(
    r"\b(?:cancell?ed|postponed|called off|suspended|scrapped|delayed|"
    r"did not|didn't|never|no (?:joint )?patrols?|failed to (?:start|set off|take place))\b",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(r"^\W*(?:the (?:\w+[- ]){0,3}?(?:patrol|convoy)|it|they)\b", re.IGNORECASE)
_ROUTE_START = re.compile(
    r"\bfrom (?:the |its )?(?:(?:usual |agreed )?start(?:ing point)?|beginning|first end) "
    r"(?:of (?:the|its) route)?",
    re.IGNORECASE,
)
# A place name: capitalised words, with Arabic article forms (al-, ash-) in between.
_NAME = (
    r"(?P<name>[A-Z][\w'\u2019-]*(?:\s+(?:(?:al|el|as|ash|ad|ar|at|az|an|ath)-[\w'\u2019-]+|"
    r"[A-Z][\w'\u2019-]*))*)"
)
_FRAME = r"(?:the )?(?:(?:outskirts|edge|entrance|gates|village|town|city) (?:of|to) )?"
_CUE_WORDS: tuple[tuple[Role, str], ...] = (
    ("start", r"\b(?:[Ff]rom|[Ss]et (?:off|out) from|[Dd]eparted(?: from)?|[Ll]eft) "),
    ("end", r"\b(?:to|as far as|reached|reaching|arrived (?:in|at)|until|up to) "),
    ("stop", r"\b(?:near|at|outside|close to|short of|before) "),
    ("heading", r"\b(?:towards?|heading for|bound for) "),
)
_CUES = tuple((role, re.compile(rx + _FRAME + _NAME)) for role, rx in _CUE_WORDS)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence that reports the patrol, with its character offsets in the document's text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Named:
    """A place a sentence names, what it is to the patrol, and where it is."""

    name: str
    role: Role
    point: LatLon


@dataclass(frozen=True, slots=True)
class _Fragment:
    """What one sentence says about a run."""

    evidence: Sentence
    date: dt.date | None
    places: tuple[_Named, ...]
    parties: tuple[str, ...]
    cut_short: bool
    from_route_start: bool
    anaphoric: bool
    joint: bool


@dataclass(frozen=True, slots=True)
class PatrolReport:
    """One patrol a document reports, placed on a patrol provision's route."""

    agreement: str
    provision: str
    date: dt.date
    from_km: float
    to_km: float
    completed: bool
    parties: tuple[str, ...]
    start_place: str
    end_place: str
    evidence: tuple[Sentence, ...]
    notes: tuple[str, ...] = ()

    @property
    def note(self) -> str | None:
        """The notes as one line, or None."""
        return "; ".join(self.notes) or None


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A patrol a document reports that cannot be put on any route, and why."""

    date: dt.date | None
    reason: str
    evidence: tuple[Sentence, ...]


@dataclass
class Lexicon:
    """Names to points and nationalities to parties, for one agreement.

    The agreement's own places come first; the world gazetteer (given, or loaded on first
    use) knows the rest and the demonyms ("Turkish" is Turkey).
    """

    agreement: Agreement
    gazetteer: Gazetteer | None = None
    _own: dict[str, LatLon] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for place in self.agreement.places:
            for name in (*place.names, place.id):
                self._own.setdefault(lookup_key(name), (place.lat, place.lon))

    @cached_property
    def world(self) -> Gazetteer:
        if self.gazetteer is None:
            from trucewatch.places.gazetteer import load_gazetteer

            extras = [ExtraPlace.of(p) for p in self.agreement.places]
            self.gazetteer = load_gazetteer(extras)
        return self.gazetteer

    def points(self, name: str) -> list[LatLon]:
        """The points a place name may mean: the agreement's own, else the gazetteer's."""
        own = self._own.get(lookup_key(name))
        if own is not None:
            return [own]
        gaz = self.world
        return [(gaz.place(i).lat, gaz.place(i).lon) for i in gaz.candidates(name)]

    def country(self, word: str) -> str | None:
        """The country a country name or demonym stands for ("Russian" is Russia)."""
        gaz = self.world
        for m in gaz.matches(word):
            place = gaz.place(m.index)
            if place.kind == "country" and (
                m.how == DEMONYM or lookup_key(place.name) == lookup_key(word)
            ):
                return lookup_key(place.name)
        return None

    @cached_property
    def party_countries(self) -> dict[str, str]:
        """Country key -> party id, from each party's actor names and name."""
        out: dict[str, str] = {}
        for party in self.agreement.parties:
            for country in _party_countries(party, self):
                out.setdefault(country, party.id)
        return out


def _party_countries(party: Party, lexicon: Lexicon) -> set[str]:
    found: set[str] = set()
    for actor in party.actors:
        m = re.search(r"\bof ([A-Z][\w ]+?)\s*$|\(([A-Z][\w ]+)\)\s*$", actor)
        if m:
            country = lexicon.country(m.group(1) or m.group(2))
            if country:
                found.add(country)
    country = lexicon.country(party.name)
    if country:
        found.add(country)
    return found


def patrol_provisions(agreement: Agreement) -> list[tuple[str, PatrolTerms]]:
    """Each patrol provision of an agreement, with its terms as last amended."""
    out = []
    for provision in agreement.provisions:
        terms = provision.terms_at()
        if isinstance(terms, PatrolTerms):
            out.append((provision.id, terms))
    return out


def _sentences(text: str) -> Iterator[Sentence]:
    for m in _SENTENCE.finditer(text):
        chunk = m.group(0)
        stripped = chunk.strip()
        if stripped:
            start = m.start() + chunk.index(stripped)
            yield Sentence(stripped, start, start + len(stripped))


def _is_plan(sentence: str, at: int) -> bool:
    """Whether the clause holding offset ``at`` states a plan or obligation."""
    return any(f.start <= at < f.end and f.reason.startswith("a plan") for f in flags(sentence))


def _named(sentence: str, lexicon: Lexicon) -> tuple[_Named, ...]:
    out: list[_Named] = []
    taken: set[int] = set()
    for role, rx in _CUES:
        for m in rx.finditer(sentence):
            if m.start("name") in taken:
                continue
            words = m.group("name").split()
            # The longest run of words that names a place: "Ariha" of "Ariha Monday".
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n])
                points = lexicon.points(name)
                if points:
                    taken.add(m.start("name"))
                    out.append(_Named(name, role, _nearest_to_agreement(points, lexicon)))
                    break
    return tuple(sorted(out, key=lambda n: sentence.find(n.name)))


def _nearest_to_agreement(points: Sequence[LatLon], lexicon: Lexicon) -> LatLon:
    if len(points) == 1:
        return points[0]
    routes = [terms.route for _, terms in patrol_provisions(lexicon.agreement)]
    if not routes:
        return points[0]
    return min(points, key=lambda p: min(r.locate(*p).distance_km for r in routes))


_NATIONALITY = re.compile(
    r"\b[A-Z][a-z]+\b(?!\s+(?:defen[cs]e |foreign |interior )?(?:ministry|ministries|officials?|"
    r"media|state media|sources?|spokesm[ae]n|news agency|press)\b)"
)


def _parties(sentence: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The parties a sentence names as patrolling (not those it quotes: "the Turkish ministry")."""
    found: list[str] = []
    for word in _NATIONALITY.findall(sentence):
        country = lexicon.country(word)
        party = lexicon.party_countries.get(country) if country else None
        if party and party not in found:
            found.append(party)
    return tuple(found)


def _fragment(sentence: Sentence, published: dt.date | None, lexicon: Lexicon) -> _Fragment | None:
    text = sentence.text
    cue = _PATROL.search(text)
    ran = _RAN.search(text)
    if cue is None or ran is None or _NOT_RUN.search(text):
        return None
    if _is_plan(text, ran.start()) or _is_plan(text, cue.start()):
        return None
    days = [d for d in find_dates(text, published) if d.precision == 1]
    return _Fragment(
        evidence=sentence,
        date=days[0].date if days else None,
        places=_named(text, lexicon),
        parties=_parties(text, lexicon),
        cut_short=_CUT.search(text) is not None,
        from_route_start=_ROUTE_START.search(text) is not None,
        anaphoric=_ANAPHOR.search(text) is not None,
        joint=re.search(r"\bjoint\b", text, re.IGNORECASE) is not None,
    )


def _runs(fragments: Sequence[_Fragment]) -> list[list[_Fragment]]:
    """Fragments grouped into runs: a sentence about "the patrol" adds to the run before."""
    runs: list[list[_Fragment]] = []
    for f in fragments:
        if runs and f.anaphoric:
            dates = {g.date for g in runs[-1] if g.date is not None}
            if f.date is None or f.date in dates or not dates:
                runs[-1].append(f)
                continue
        runs.append([f])
    return runs


def _pick(places: Sequence[_Named], *roles: Role) -> _Named | None:
    for role in roles:
        for p in places:
            if p.role == role:
                return p
    return None


def _place_run(
    run: Sequence[_Fragment],
    published: dt.date | None,
    agreement: Agreement,
    lexicon: Lexicon,
) -> PatrolReport | Unplaced:
    evidence = tuple(f.evidence for f in run)
    notes: list[str] = []
    date = next((f.date for f in run if f.date is not None), None)
    if date is None:
        if published is None:
            return Unplaced(None, "no day given and the document is undated", evidence)
        date = published
        notes.append("no day given: the publication day")
    places = [p for f in run for p in f.places]
    cut_short = any(f.cut_short for f in run)
    start = _pick(places, "start")
    end = _pick(places, "stop", "end") if cut_short else _pick(places, "end", "stop")
    if end is None:
        return Unplaced(date, "the report names no place where the patrol ended", evidence)
    provisions = patrol_provisions(agreement)
    named = [p for p in (start, end) if p is not None]
    best: tuple[float, str, PatrolTerms] | None = None
    for provision_id, terms in provisions:
        off = [terms.route.locate(*p.point).distance_km for p in named]
        if max(off) <= MAX_OFF_ROUTE_KM and (best is None or sum(off) < best[0]):
            best = (sum(off), provision_id, terms)
    if best is None:
        names = ", ".join(p.name for p in named)
        return Unplaced(
            date,
            f"{names}: not within {MAX_OFF_ROUTE_KM:g} km of any patrol route of {agreement.id}",
            evidence,
        )
    _, provision_id, terms = best
    route: Route = terms.route
    to_km = route.along_km(*end.point)
    if start is not None:
        from_km, start_name = route.along_km(*start.point), start.name
    else:
        from_km, start_name = 0.0, "start of the route"
        if not any(f.from_route_start for f in run):
            notes.append("start not reported: assumed to be the start of the route (km 0)")
    parties = tuple(dict.fromkeys(p for f in run for p in f.parties))
    if not parties:
        parties = terms.parties
        if not any(f.joint for f in run):
            notes.append("parties not named: the provision's")
    if date < terms.start.astimezone(agreement.timezone or dt.UTC).date():
        notes.append("before the provision's start")
    return PatrolReport(
        agreement=agreement.id,
        provision=provision_id,
        date=date,
        from_km=round(from_km, 3),
        to_km=round(to_km, 3),
        completed=not cut_short,
        parties=parties,
        start_place=start_name,
        end_place=end.name,
        evidence=evidence,
        notes=tuple(notes),
    )


def find_patrols(
    text: str,
    published: dt.datetime | None,
    agreement: Agreement,
    lexicon: Lexicon | None = None,
) -> list[PatrolReport | Unplaced]:
    """The patrols a document's text reports as having run, placed on the agreement's routes.

    ``published`` is read in the agreement's time zone to resolve "on Sunday". An
    agreement without patrol provisions gives nothing.
    """
    if not patrol_provisions(agreement):
        return []
    lexicon = lexicon or Lexicon(agreement)
    day = None if published is None else agreement.local(published).date()
    fragments = [f for s in _sentences(text) if (f := _fragment(s, day, lexicon)) is not None]
    return [_place_run(run, day, agreement, lexicon) for run in _runs(fragments)]
