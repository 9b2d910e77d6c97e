"""From a report to coded mentions: one per event it describes, with its evidence.

The cascade, cheapest first, so that the costly parts read only what can hold an event:

1. the report is cut into sentences; each is typed with the cue lexicons
   (:func:`.events.classify`, a few microseconds); sentences with no conflict event stop
   here, and so do events stated only in a clause that gives a total, a plan or
   background (:func:`.filters.flags`);
2. the places of the report are found and resolved once, with the whole report as their
   context (:func:`trucewatch.places.geoparse.geoparse`), and each event takes the most
   precise place its sentence names, else the report's main place at region precision;
3. dates resolve against the publication date (:func:`.dates.find_dates`); a sentence
   that gives none happened on the day of publication, and a report with no date yields
   undated mentions, flagged;
4. the killed are counted in the sentence, or in the next one when it only adds the toll
   (:func:`.numbers.find_fatalities`), leaving out figures in clauses that state totals;
5. actors are named in ACLED's style (:mod:`.actors`), and who says so, claims or denies
   it is read from the sentence and the one after it.

Mentions of one event repeated within a report (a lead paragraph printed twice, a headline)
are kept as one, with every evidence sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from trucewatch.agreements import Agreement
from trucewatch.corroborate import matches
from trucewatch.extract._prefilter import gate_ready
from trucewatch.extract.actors import Actor, actor_name, code_actors, find_actors
from trucewatch.extract.dates import DateSpan, find_dates
from trucewatch.extract.events import EventType, classify
from trucewatch.extract.filters import Flag, flags
from trucewatch.extract.numbers import Fatalities, find_fatalities
from trucewatch.geometry import geodesic_km
from trucewatch.places.finder import THE_BEFORE, PlaceFinder, in_hyphened_word, sentence_spans
from trucewatch.places.gazetteer import Gazetteer, Place, division_seats
from trucewatch.places.geoparse import PlaceMention, geoparse
from trucewatch.places.relative import base_precision
from trucewatch.places.resolve import CONTAINER_GAP
from trucewatch.places.resolve import Mention as PlaceName
from trucewatch.records import Claim, Evidence, Mention, When, Where

__all__ = ["BATCH", "EXTRACTOR_VERSION", "Extractor", "Report"]

EXTRACTOR_VERSION = "rules-2026.11.7"
"""Changes whenever the extractor codes anything differently: stored documents coded by an
older version are coded again by ``trucewatch extract``."""

BATCH = 50
"""Reports coded together by :meth:`Extractor.extract_many` where many are at hand (the
stored documents, an evaluation's rows): spaCy's NER reads the windows of fifty reports in
one go at about half the cost a word of one report's. ``trucewatch extract`` also commits
each batch in one transaction."""


@dataclass(frozen=True, slots=True)
class Report:
    """What the extractor reads: a stored document's text and provenance."""

    id: str
    text: str
    published: dt.datetime | None = None
    published_precision: str | None = None
    """``day`` when only the day is known (the time then means nothing), else ``time``."""
    outlet: str | None = None
    source: str | None = None
    title: str | None = None


@dataclass(slots=True)
class _Draft:
    """A mention being assembled from a sentence."""

    sentence: int
    event: EventType
    when: When
    where: Where
    fatalities: int | None
    fatalities_text: str | None
    actors: list[Actor]
    claims: list[Claim]
    evidence: list[Evidence]
    flags: list[str]
    confidence: float
    country: str | None = None
    extra_evidence: list[Evidence] = field(default_factory=list)
    context_actors: list[Actor] = field(default_factory=list)
    """The actors of the whole report, when it is short and tells one event."""
    report_country: str | None = None
    """The country the report's places are most often in: whose actors they are when the
    event's own place is not known."""


_DENIAL = re.compile(
    r"^(?P<by>(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,6}?)\s+"
    r"(?:has\s+|had\s+)?(?:denie[sd]|deny|rejected|dismissed|refuted)\b",
)
_SAID = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|while)\s+)(?P<by>(?:the\s+|a\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,7}?)"
    r"\s+(?:has\s+|had\s+)?(?:said|says|claimed|claims|reported|reports|announced|stated|"
    r"told [\w\s]{1,30}?)\b"
)
_ACCORDING = re.compile(
    r"\baccording to\s+(?P<by>(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,7}?)(?=[,.;]|\s+(?:who|which"
    r"|helping|in|on|at)\b|$)",
    re.I,
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "this", "that", "who"})
_NOT_SOURCES = re.compile(r"^(?:(?:the\s+)?(?:truce|ceasefire|deal|agreement|report))$", re.I)
_TALKS = re.compile(
    r"\b(?:talks|summit|meeting|negotiations|met|signed|agreed)\b[^.;]{0,40}?\b(?:in|at)\s+$", re.I
)
_LOCATIVE = re.compile(
    r"\b(?:in|into|across|inside|throughout|within|at|near)\s+(?:(?:the\s+)?(?:north|south|east|west|"
    r"central|northern|southern|eastern|western|north-?western|north-?eastern|south-?western|"
    r"south-?eastern)\w*\s+)?$",
    re.I,
)
_LOCATED = re.compile(
    r"\b(?:in|at|near|outside|on|into|onto|from|of|around|across|between|towards?|to|inside|"
    r"within|off|along|outskirts|countryside|hit|struck|shelled|bombed|attacked|stormed)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
"""Words before a place that make it where something happened, not who acted ("Ankara said")."""
_ATTRIBUTIVE = re.compile(
    r"^\s+(?:meeting|talks|summit|agreement|deal|accord|process|format|government|"
    r"administration|authorities|regime|memorandum|declaration|conference)\b",
    re.I,
)
"""A place name used as an adjective ("the Moscow meeting", "the Sochi agreement")."""
_DESTINATION = re.compile(
    r"(?:\btowards?|\b(?:road|route|highway|way|turn-?off|heads?|heading|leads?|leading|"
    r"connects\b[^.;]{1,40}?)\s+to)\s+(?:the\s+)?$",
    re.I,
)
"""Words before a place an event's road leads to, not where it happened ("the road that
links the market town to Hilltop")."""
_ORIGIN = re.compile(
    r"\b(?:travell?(?:ing|ed)|coming|came|returning|returned|fleeing|fled|arriving|arrived|"
    r"moving|moved|driving|drove|deported|displaced|transferred|relocated|heading|headed)"
    r"\s+(?:back\s+)?from\s+(?:the\s+)?$",
    re.I,
)
"""Words before a place someone came from, not where the event happened ("fighters coming
from the hill town arrived at the port")."""
_PEOPLE_OF = re.compile(
    r"\b(?:residents|inhabitants|villagers|people|natives|members|merchants|traders|vendors|"
    r"workers|farmers|students|families|youths?|supporters|protesters|demonstrators)"
    r"\s+(?:of|from)\s+(?:the\s+)?$",
    re.I,
)
"""Words before a place that say where people live or come from ("traders from Hilltop
protested in Port Town"): where they acted is the other town the clause names (``_AT``)."""
_AT = re.compile(r"\b(?:in|at|inside|outside|near)\s+$", re.I)
_PART_BEFORE = re.compile(
    r"\b(?:colonia|barangay|brgy\.?|fraccionamiento|barrio|bairro|loteamento)\s+$",
    re.I,
)
_BODY_BEFORE = re.compile(
    r"\b(?i:bank|banque|banco|cartel|university|universidad|palace|ministry|court|company|club)"
    r"(?:\s+(?:of|du|de|des|del|of\s+the|de\s+la))?\s+$"
)
"""Words before a name that make it part of a body's or a building's name ("the Bank of
Hilltop", "Cartel Hilltop")."""
_THE_BODY_AFTER = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:in|at|on|near|to|from|[a-z]+ed)\b")
"""A name between "the" and a stop, a preposition or a verb is a body or a building
("workers of the Metro protested", "outside the Palace in Hilltop"); "the Hilltop
district", "the Hilltop and Ridge border" are places."""
_PART_AFTER = re.compile(
    r"(?:\s+(?:[A-Z][\w'’.-]*|[IVX]+|\d+)){0,3}?\s+(?:neighbou?rhoods?|square|sector|quarter|"
    r"building|mall|bridge|bypass|intersection|roundabout|cemetery|hospital|university|"
    r"college|(?:high\s*)?school|press\s+club|stadium|palace|bank|street|prison|market|"
    r"company|factory|ministry|(?:metro|bus|train|railway)\s+station|church|mosque|hotel|"
    r"(?:area|part)\s+of)\b",
    re.I,
)
_PART_WORDS = frozenset({"colonia", "barangay", "fraccionamiento", "barrio", "bairro"})
"""A name written as a part of a town ("residents of Hilltop neighbourhood", "Colonia
Centro", "the Palm square", "the Hilltop Palace"), or inside a body's name ("Hilltop Bank",
"staff of Congress' offices"): where it happened is the town, which the report names too."""
_UNIT_WORD = re.compile(
    r"\s(?:district|province|governorate|region|state|county|municipality|township|"
    r"department|commune|sub-?district|subdivision|lga|locality|town|city|village)\s*[,(]\s*$",
    re.I,
)
"""A place the text calls a unit ("Hill district (Port)"): the place after it locates it,
finer or not (a division named after its main town). Read in the name as well as after it
("Hill Locality, Port"); not CONTAINER_GAP's words ("locality" here, "zone" and "area"
there), so the two are kept apart."""
_SENTENCE_GAP = 2
"""How many sentences after an event may still add its toll or a denial."""
_ASTRAY_KM = 100.0
"""A town farther than this from every other town a report names is a doubtful event place."""


def _sha(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def _inside(flagged: Sequence[Flag], start: int, end: int) -> bool:
    return any(f.start <= start and end <= f.end for f in flagged)


class Extractor:
    """Codes reports into mentions with one gazetteer (and spaCy pipeline, when given)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        finder: PlaceFinder | None = None,
        timezone: dt.tzinfo | None = None,
        version: str = EXTRACTOR_VERSION,
    ) -> None:
        self.gazetteer = gazetteer
        self.finder = finder or PlaceFinder(gazetteer)
        self.timezone = timezone or dt.UTC
        self.version = version
        self._seats: dict[str, Place] | None = None

    @property
    def seats(self) -> dict[str, Place]:
        """Each division's main town (built on first use, a fraction of a second)."""
        if self._seats is None:
            self._seats = division_seats(self.gazetteer)
        return self._seats

    @classmethod
    def load(cls, agreements: Iterable[Agreement] = (), *, model: bool = True) -> Extractor:
        """The world gazetteer plus the agreements' places, and spaCy's pipeline if installed.

        The first agreement's time zone is the one publication times are read in.
        """
        from trucewatch.places.finder import load_model
        from trucewatch.places.gazetteer import ExtraPlace, load_gazetteer

        chosen = list(agreements)
        extras = [ExtraPlace.of(p) for a in chosen for p in a.places]
        gaz = load_gazetteer(extras)
        zone: ZoneInfo | None = next((a.timezone for a in chosen if a.timezone), None)
        return cls(gaz, PlaceFinder(gaz, load_model() if model else None), zone)

    # -- the day a report speaks from ------------------------------------------------------

    def _published_day(self, report: Report) -> dt.date | None:
        if report.published is None:
            return None
        if report.published_precision == "day":
            return report.published.date()
        return report.published.astimezone(self.timezone).date()

    # -- the whole cascade -----------------------------------------------------------------

    def extract(self, report: Report) -> list[Mention]:
        """Every event ``report`` describes, as mentions in the order they are told."""
        return self.extract_many([report])[0]

    def extract_many(self, reports: Sequence[Report]) -> list[list[Mention]]:
        """:meth:`extract` for each of ``reports``, their place names found in one batch
        (the NER reads a batch's windows at half the cost a word; see ``BATCH``)."""
        read = []
        for report in reports:
            spans = list(sentence_spans(report.text))
            read.append((report, spans, _units(report.text, spans)))
        coded = [(r.text, spans) for r, spans, units in read if units]
        names = iter(self.finder.find_many([t for t, _ in coded], [s for _, s in coded]))
        return [
            self._code(r, spans, units, next(names)) if units else [] for r, spans, units in read
        ]

    def extract_all(self, reports: Iterable[Report]) -> Iterator[list[Mention]]:
        """:meth:`extract` for each of ``reports`` in turn, coded ``BATCH`` at a time."""
        it = iter(reports)
        while batch := list(itertools.islice(it, BATCH)):
            yield from self.extract_many(batch)

    def _code(
        self,
        report: Report,
        spans: list[tuple[int, int]],
        units: list[_Unit],
        names: list[PlaceName],
    ) -> list[Mention]:
        """The mentions of one report, its event units and place names found."""
        text = report.text
        places = geoparse(text, self.gazetteer, self.finder, names=names)
        by_sentence: dict[int, list[PlaceMention]] = {}
        cursor = 0
        for p in places:
            while cursor < len(spans) - 1 and p.start >= spans[cursor][1]:
                cursor += 1
            by_sentence.setdefault(cursor, []).append(p)
        focus = _focus(places)
        report_country = _report_country(places)
        day = self._published_day(report)
        actors_in = _ActorMemo()
        drafts: list[_Draft] = []
        event_sentences = {u.sentence for u in units}
        for u in units:
            clause = text[u.start : u.end]
            here = [
                p
                for p in by_sentence.get(u.sentence, [])
                if p.place is not None and u.start <= p.start < u.end
            ]
            if u.whole is not None and not any(_finer_than_country(p) for p in here):
                # A short report names the place of its one event anywhere in it.
                here = [p for p in places if p.place is not None]
            previous = drafts[-1] if drafts else None
            if (
                previous is not None
                and u.sentence - previous.sentence <= _SENTENCE_GAP
                and _ANAPHORA.search(clause)
                and not any(_finer_than_country(p) for p in here)
            ):
                # "The strikes hit civilians sheltering in a farm": more on the last event.
                _add_to(previous, report.id, text, u, clause)
                continue
            sentence_start = spans[u.sentence][0]
            where, country, place_note = _where(text, u.start, here, focus, u.event, self.seats)
            when, date_note = _when(clause, u.flagged, day)
            if date_note and u.whole is not None:
                whole_text = text[u.whole[0] : u.whole[1]]
                when, date_note = _when(whole_text, flags(whole_text), day)
            if (
                date_note
                and previous is not None
                and "date" not in " ".join(previous.flags)
                and u.sentence - previous.sentence <= _SENTENCE_GAP + 1
            ):
                when, date_note = previous.when, "date_from_context"
            tolls, toll_text = _toll(clause, u.flagged)
            evidence = Evidence(
                document_id=report.id,
                text=text[sentence_start : spans[u.sentence][1]],
                start=sentence_start,
                end=spans[u.sentence][1],
                outlet=report.outlet,
            )
            extra: list[Evidence] = []
            for j in range(u.sentence + 1, min(u.sentence + 1 + _SENTENCE_GAP, len(spans))):
                if j in event_sentences or tolls is not None:
                    break
                ja, jb = spans[j]
                more, more_text = _toll(text[ja:jb], None)
                if more is not None:
                    tolls, toll_text = more, more_text
                    extra.append(
                        Evidence(document_id=report.id, text=text[ja:jb], start=ja, end=jb)
                    )
            countries = _countries(text, here, u.start, u.end)
            context: list[Actor] = []
            if u.whole is not None and u.whole != (u.start, u.end):
                # "Police raided a farm in X. Two men were arrested.": the event's sentence
                # may leave its actors to the report's others.
                a, b = u.whole
                context = actors_in(text[a:b], _countries(text, places, a, b))
            drafts.append(
                _Draft(
                    sentence=u.sentence,
                    event=u.event,
                    when=when,
                    where=where,
                    fatalities=tolls,
                    fatalities_text=toll_text,
                    actors=actors_in(clause, countries),
                    claims=_claims(text[sentence_start : spans[u.sentence][1]]),
                    evidence=[evidence],
                    flags=[n for n in (place_note, date_note) if n],
                    confidence=u.event.confidence,
                    country=country,
                    extra_evidence=extra,
                    context_actors=context,
                    report_country=report_country,
                )
            )
        _attach_statements(text, spans, drafts, event_sentences)
        for d in drafts:
            d.claims = [_claimant(c, text, places, actors_in) for c in d.claims]
        return _merge([self._mention(report, d) for d in drafts])

    def _mention(self, report: Report, d: _Draft) -> Mention:
        actors = code_actors(
            d.actors,
            d.event.event_type,
            d.event.sub_event_type,
            d.country or d.report_country,
            context=d.context_actors,
        )
        flags_ = list(d.flags)
        if any(c.kind == "claim" for c in d.claims) and not any(
            c.kind == "denial" for c in d.claims
        ):
            flags_.append("attributed")
        return Mention(
            id=_sha(self.version, report.id, d.evidence[0].start, d.event.sub_event_type),
            document_id=report.id,
            source=report.source,
            outlet=report.outlet,
            extractor_version=self.version,
            event_type=d.event.event_type,
            sub_event_type=d.event.sub_event_type,
            actor1=actors.actor1,
            actor2=actors.actor2,
            assoc_actors=actors.assoc,
            when=d.when,
            where=d.where,
            fatalities=d.fatalities,
            fatalities_text=d.fatalities_text,
            claims=tuple(d.claims),
            evidence=tuple(
                e
                if e.outlet or not report.outlet
                else e.model_copy(update={"outlet": report.outlet})
                for e in (*d.evidence, *d.extra_evidence)
            ),
            confidence=round(d.confidence, 3),
            flags=tuple(flags_),
        )


@dataclass(frozen=True, slots=True)
class _Unit:
    """A sentence, or a clause of one, that states one event."""

    sentence: int
    start: int
    end: int
    event: EventType
    flagged: list[Flag]
    whole: tuple[int, int] | None = None
    """The whole text, when a short report was typed as one event."""


_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")
_ANAPHORA = re.compile(
    r"\b(?:the|these|those|that) (?:air ?strikes?|strikes?|attacks?|raids?|bombings?|shelling|"
    r"blasts?|explosions?|bombardment|assault)\b(?! (?:on|in|at|near) [A-Z])",
    re.I,
)
_HEADLINE_WORDS = 25
_PROTEST = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march\w*|sit-ins?|strik(?:e|es|ers|ing)|"
    r"picket\w*|gather\w* to (?:demand|denounce|call)|chant\w*|slogans?)\b",
    re.I,
)
_SHORT_SENTENCES = 4
_SHORT_WORDS = 120


def _typed(text: str, start: int, end: int, sentence: int) -> _Unit | None:
    part = text[start:end]
    event = classify(part)
    if event is None:
        return None
    flagged = flags(part)
    if event.sub_event_type == "Agreement":
        # An agreement is made of promises: its plans are its content, not a reason to drop it.
        flagged = [f for f in flagged if not f.reason.startswith("a plan")]
    if _inside(flagged, event.offset, event.offset + len(event.cue)):
        return None  # the event is a total, a plan or background
    if event.sub_event_type == "Protest with intervention" and not _PROTEST.search(part):
        # Force used on a crowd that was not protesting (migrants at a border, a crowd
        # storming a post): ACLED codes the confrontation as a violent demonstration.
        event = EventType("Violent demonstration", event.confidence, event.cue, event.offset)
    return _Unit(sentence, start, end, event, flagged)


def _units(text: str, spans: Sequence[tuple[int, int]]) -> list[_Unit]:
    """The sentences (or clauses, when a sentence tells two events) that state an event."""
    out: list[_Unit] = []
    if len(spans) <= _SHORT_SENTENCES and len(text.split()) <= _SHORT_WORDS:
        # A short report (a wire brief, an event log's note) tells one event: its type is
        # read from all of it, the first sentence's words weighed with the rest.
        whole = _typed(text, spans[0][0], spans[-1][1], 0) if spans else None
        if whole is not None:
            # Its date, place and actors are read where the deciding words are.
            cue = whole.start + whole.event.offset
            i = next(k for k, (a, b) in enumerate(spans) if cue < b)
            a, b = spans[i]
            event = EventType(
                whole.event.sub_event_type, whole.event.confidence, whole.event.cue, cue - a
            )
            return [_Unit(i, a, b, event, flags(text[a:b]), (spans[0][0], spans[-1][1]))]
    for i, (a, b) in enumerate(spans):
        sentence = text[a:b]
        if (
            i == 0
            and sentence.rstrip()[-1:] not in ".!?\"”'’"
            and len(sentence.split()) < _HEADLINE_WORDS
        ):
            continue  # a headline: the body tells the same events with their details
        whole = _typed(text, a, b, i)
        if whole is None:
            continue  # a clause holds no event its whole sentence lacks
        cuts = [a, *(a + m.end() for m in _CLAUSE.finditer(sentence)), b]
        if len(cuts) == 2:
            out.append(whole)  # one clause: it is the whole sentence, already typed
            continue
        parts = [u for x, y in itertools.pairwise(cuts) if (u := _typed(text, x, y, i))]
        if len(parts) > 1:
            out.extend(parts)
        elif whole is not None:
            out.append(whole)
    return out


def _add_to(draft: _Draft, document_id: str, text: str, u: _Unit, clause: str) -> None:
    draft.extra_evidence.append(
        Evidence(document_id=document_id, text=clause.strip(), start=u.start, end=u.end)
    )
    if draft.fatalities is None:
        draft.fatalities, draft.fatalities_text = _toll(clause, u.flagged)
    draft.claims.extend(c for c in _claims(clause) if c not in draft.claims)


def _attach_statements(
    text: str,
    spans: Sequence[tuple[int, int]],
    drafts: list[_Draft],
    event_sentences: set[int],
) -> None:
    """Attach what parties say about an event in the sentences after it ("X denies ...",
    "the ministry said its aircraft struck militants") to that event, as claims with the
    sentence as evidence: a party's justification is what an exemption is judged on."""
    for d in drafts:
        for j in range(d.sentence + 1, min(d.sentence + 1 + _SENTENCE_GAP, len(spans))):
            if j in event_sentences:
                break
            a, b = spans[j]
            sentence = text[a:b]
            said = _claims(sentence)
            if not said:
                continue
            for claim in said:
                if not _said_before(claim, d.claims):
                    d.claims.append(claim)
            if all(e.start != a for e in (*d.evidence, *d.extra_evidence)):
                d.extra_evidence.append(
                    Evidence(document_id=d.evidence[0].document_id, text=sentence, start=a, end=b)
                )


def _said_before(claim: Claim, claims: Sequence[Claim]) -> bool:
    """Whether ``claims`` already hold this one, or the same speaker's words of the same
    kind ("the monitor said" after "a local monitor said")."""
    words = claim.by.casefold().split()
    return any(
        c == claim or (c.kind == claim.kind and c.by.casefold().split()[-len(words) :] == words)
        for c in claims
    )


class _ActorMemo:
    """:func:`find_actors` for one report: its clauses, their sentences and its speakers
    overlap, and each text is read once."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, tuple[tuple[int, str], ...]], list[Actor]] = {}

    def __call__(self, sentence: str, countries: Mapping[int, str]) -> list[Actor]:
        key = (sentence, tuple(sorted(countries.items())))
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = find_actors(sentence, countries)
        return list(found)


def _claimant(
    claim: Claim, text: str, places: Sequence[PlaceMention], actors_in: _ActorMemo
) -> Claim:
    """``claim`` with its speaker coded as an actor, when the words name one ("the Turkish
    defence ministry" is Turkey's military; "residents" is nobody in particular)."""
    at = text.find(claim.text)
    by = claim.text.find(claim.by) if at >= 0 else -1
    if by < 0:
        return claim
    start = at + by
    countries = _countries(text, places, start, start + len(claim.by))
    found = [a for a in actors_in(claim.by, countries) if a.role in ("armed", "police")]
    named = actor_name(found[0]) if found else None
    return claim.model_copy(update={"actor": named}) if named else claim


def _focus(places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The report's main place: the most named one finer than a country."""
    named = [p for p in places if _finer_than_country(p)]
    if not named:
        return None
    # most_common keeps first-named order among equals: the earlier place wins a tie.
    best = Counter(p.place.id for p in named if p.place).most_common(1)[0][0]
    return next(p for p in named if p.place and p.place.id == best)


def _where(
    text: str,
    offset: int,
    here: Sequence[PlaceMention],
    focus: PlaceMention | None,
    event: EventType,
    seats: Mapping[str, Place] | None = None,
) -> tuple[Where, str | None, str | None]:
    """The event's place, its country code, and a flag when it came from the context.

    ``offset`` is where the event's clause starts in ``text``; the places in ``here`` may lie
    outside it (a short report names its one event's place anywhere). An event known only
    by its division is put at the division's main town in ``seats``, as ACLED codes it.

    The places that may be the event's are narrowed in steps, each keeping all it was given
    when it would keep none: the innermost places (:func:`_innermost`), not one someone
    came from (:func:`_not_origins`), where people acted (:func:`_where_acted`), one another
    place backs (:func:`_backed`); the best of those left wins (:func:`_rank`).
    """
    named = sorted((p for p in here if p.place and not p.demonym), key=lambda p: p.start)
    candidates = _event_places(text, here)
    candidates = _innermost(text, candidates, named)
    candidates = _not_origins(text, candidates)
    candidates = _where_acted(text, candidates)
    # "near the Lima hills, outside Kaya (Sanmatenga province)": a name read as a town in a
    # country no other place of the clause lies in gives way to one that another place
    # there backs. Countries and demonyms back nothing: they name parties as often.
    candidates = [p for p in candidates if _backed(p, here)] or candidates
    if not candidates:
        return _from_context(text, here, focus, seats)
    cue = offset + event.offset
    best = min(candidates, key=lambda p: _rank(text, p, cue, event, named))
    return _point(best, best.precision, seats), best.place.country if best.place else None, None


def _event_places(text: str, here: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The places of ``here`` an event may have happened at: those finer than a country,
    but a name used as an adjective ("the Sochi agreement") or an acronym ("STC", "GNA")."""
    return [
        p
        for p in here
        if _finer_than_country(p)
        and not _ATTRIBUTIVE.match(text[p.end :])
        and not (p.text.isupper() and len(p.text) <= 4)
    ]


def _innermost(
    text: str, candidates: list[PlaceMention], named: Sequence[PlaceMention]
) -> list[PlaceMention]:
    """The ``candidates`` where the event happened rather than the places that locate them:
    a container ("in Tigre, Buenos Aires") or a part of a town or a name inside a body's
    name ("Colonia X, Hilltop", "the X Palace in Hilltop") gives way to the place it goes
    with, and a namesake misread far away to the place written to locate it."""
    containers, misread = _containers(text, named)
    parts = {id(p) for p in candidates if _is_part(text, p)}
    candidates = [p for p in candidates if id(p) not in misread] or candidates
    whole = [p for p in candidates if id(p) not in parts]
    inner = [p for p in whole if id(p) not in containers]
    towns = [p for p in inner if _is_town(p)]
    if towns and all(_astray(p, named) for p in towns):
        # "a mine in Hilltop village, Riverside district": a village read as a namesake far
        # from the town written to locate it; the town is the surer place.
        inner = [p for p in whole if _is_town(p) and not _astray(p, named)] or inner
    return inner or whole or candidates


def _containers(text: str, named: Sequence[PlaceMention]) -> tuple[set[int], set[int]]:
    """The ``id`` of each place of ``named`` written to locate the one before it ("Qaniyah
    (Mahliyah, Marib)": Mahliyah and Marib), and of each place before a container it cannot
    lie in ("Hilltop, Riverside" with Hilltop read as a namesake far from Riverside)."""
    containers: set[int] = set()
    misread: set[int] = set()
    for p in named:
        for q in named:
            # "Punjab (Lahore)" names the town after its province: only a place no finer
            # than the one before it, one further along a chain, or one after a place the
            # text calls a unit ("Hill district (Port)") is a container.
            if _locates(text, q, p) and (
                id(q) in containers
                or _finer_or_equal(q, p)
                or _UNIT_WORD.search(text, q.start, p.start)
            ):
                containers.add(id(p))
                if id(q) not in containers and not _holds(p, q, named):
                    # The container is the surer place.
                    misread.add(id(q))
    for p in named:
        # What is written to locate a misread namesake is the place itself.
        if any(id(q) in misread and _locates(text, q, p) for q in named):
            containers.discard(id(p))
    return containers, misread


def _locates(text: str, q: PlaceMention, p: PlaceMention) -> bool:
    """Whether ``p`` stands after ``q`` as a place written to locate it ("Biu LGA, Borno",
    "Debiro (Biu")."""
    return q.end <= p.start and bool(CONTAINER_GAP.match(text[q.end : p.start]))


def _not_origins(text: str, candidates: list[PlaceMention]) -> list[PlaceMention]:
    """The ``candidates`` but the places someone came from, however fine ("arrested in Hill
    province as he travelled from Port Town"); all of them when each is one."""
    return [p for p in candidates if not _ORIGIN.search(_before(text, p, 60))] or candidates


def _where_acted(text: str, candidates: list[PlaceMention]) -> list[PlaceMention]:
    """The ``candidates`` but where people come from, when a town where they acted is left
    ("residents of Hilltop rallied in Port Town"); else all of them."""
    acted = [p for p in candidates if not _PEOPLE_OF.search(_before(text, p, 40))]
    if any(_is_town(p) and _AT.search(_before(text, p, 12)) for p in acted):
        return acted
    return candidates


def _rank(
    text: str, p: PlaceMention, cue: int, event: EventType, named: Sequence[PlaceMention]
) -> tuple[int, int, int, float]:
    """How ``p`` ranks as the place of the event told at ``cue``, lowest first: the finest
    place, one near the others, not a road's destination, then the one nearest the words
    that tell the event (after them more likely than before: "shelled the town of X")."""
    assert p.place is not None
    if event.sub_event_type == "Agreement" and _TALKS.search(_before(text, p, 60)):
        return 0, 0, 0, 0.0  # where the talks were held is where the agreement was made
    distance = p.start - cue if p.start >= cue else 1.5 * (cue - p.start)
    located = _LOCATED.search(_before(text, p, 40))
    destination = bool(_DESTINATION.search(_before(text, p, 60)))
    return (
        base_precision(p.place),
        _astray(p, named),
        destination,
        distance * (1 if located else 4),
    )


def _from_context(
    text: str,
    here: Sequence[PlaceMention],
    focus: PlaceMention | None,
    seats: Mapping[str, Place] | None,
) -> tuple[Where, str | None, str | None]:
    """:func:`_where` for a clause that names no place finer than a country: the country it
    puts the event in ("clashes in Mali"), else the report's main place at region precision,
    else no place, with the country a demonym names."""
    countries = [
        p
        for p in here
        if p.place
        and p.place.kind == "country"
        and not p.demonym
        and _LOCATIVE.search(_before(text, p, 40))
    ]
    if countries:
        first = countries[0]
        assert first.place is not None
        if focus is None or focus.place is None or focus.place.country != first.place.country:
            return _point(first, 3), first.place.country, "country_only"
    if focus is not None and focus.place is not None:
        # Named nowhere in the sentence: the report's main place, at region precision.
        return _point(focus, 3, seats), focus.place.country, "place_from_context"
    demonyms = [
        p for p in here if p.demonym and p.place and not in_hyphened_word(text, p.start, p.end)
    ]
    country = demonyms[0].place.country if demonyms and demonyms[0].place else None
    return Where(), country, "no_place"


def _before(text: str, p: PlaceMention, width: int) -> str:
    """The ``width`` characters of ``text`` before the place ``p`` (fewer at its start)."""
    return text[max(0, p.start - width) : p.start]


def _finer_than_country(p: PlaceMention) -> bool:
    """Whether ``p`` names a place finer than a country (not a country, not a demonym)."""
    return not p.demonym and p.place is not None and p.place.kind != "country"


def _is_town(p: PlaceMention) -> bool:
    """Whether ``p`` resolved to a town: a place of precision 1."""
    return p.place is not None and base_precision(p.place) == 1


def _astray(p: PlaceMention, named: Sequence[PlaceMention]) -> bool:
    """Whether ``p`` is a town far from every other place in ``named`` ("in Sorriso, Mato
    Grosso, a man was shot in the Sao Domingos neighbourhood", read as a namesake far away)."""
    assert p.place is not None
    if base_precision(p.place) != 1:
        return False
    others = [q.place for q in named if q.place and q.place.id != p.place.id]
    return bool(others) and not any(
        geodesic_km((p.place.lat, p.place.lon), (q.lat, q.lon)) <= _ASTRAY_KM
        if base_precision(q) == 1
        else q.kind == "admin1" and q.admin1 == p.place.admin1
        for q in others
        if q.kind != "country"
    )


def _is_part(text: str, p: PlaceMention) -> bool:
    """Whether ``p`` is written as a part of a town ("Colonia Centro", "Hilltop
    neighbourhood") or inside a body's or a building's name ("the Bank of Hilltop")."""
    return bool(
        _PART_BEFORE.search(_before(text, p, 30))
        or p.text.split()[0].lower() in _PART_WORDS
        or _PART_AFTER.match(text, p.end)
        or _BODY_BEFORE.search(_before(text, p, 30))
        or (THE_BEFORE.search(_before(text, p, 5)) and _THE_BODY_AFTER.match(text, p.end))
    )


def _backed(p: PlaceMention, places: Sequence[PlaceMention]) -> bool:
    """Whether another of ``places``, finer than a country, lies in ``p``'s country."""
    country = p.place.country if p.place else None
    return bool(country) and any(
        q is not p
        and not q.demonym
        and q.place is not None
        and q.place.kind != "country"
        and q.place.country == country
        for q in places
    )


def _countries(text: str, places: Sequence[PlaceMention], start: int, end: int) -> dict[int, str]:
    """The countries named (by name or demonym) in ``text[start:end]``, by offset in it; not
    a sponsor's or a base's in a hyphened word ("Russian-backed forces" are not Russia's)."""
    return {
        p.start - start: p.place.country
        for p in places
        if p.place is not None
        and p.place.country
        and (p.demonym or p.place.kind == "country")
        and start <= p.start < end
        and not in_hyphened_word(text, p.start, p.end)
    }


def _report_country(places: Sequence[PlaceMention]) -> str | None:
    """The country most of the report's places are in (the first named among equals)."""
    named = Counter(p.place.country for p in places if p.place is not None and p.place.country)
    return named.most_common(1)[0][0] if named else None


def _holds(container: PlaceMention, p: PlaceMention, places: Sequence[PlaceMention]) -> bool:
    """Whether ``p`` can lie in the place written to locate it, rather than be a namesake
    read wrongly in another country than a division written to locate it, or than a
    container town the report's other places back."""
    a, c = p.place, container.place
    assert a is not None and c is not None
    if a.country == c.country or c.kind == "country":
        return True
    return not (c.kind == "admin1" or _backed(container, [q for q in places if q is not p]))


def _finer_or_equal(a: PlaceMention, b: PlaceMention) -> bool:
    assert a.place is not None and b.place is not None
    return base_precision(a.place) <= base_precision(b.place)


def _point(
    p: PlaceMention, precision: int | None, seats: Mapping[str, Place] | None = None
) -> Where:
    place = p.place
    assert place is not None
    town = seats.get(place.admin1 or "") if seats and place.kind == "admin1" else None
    if town is not None and p.relation == "at":
        # A division named alone: its main town at region precision, as ACLED codes it.
        return Where(
            name=town.name,
            place_id=town.id,
            country=town.country,
            admin1=town.admin1,
            latitude=round(town.lat, 5),
            longitude=round(town.lon, 5),
            precision=3,
        )
    # GeoNames' own spelling may carry diacritics a reader would not type; the report's
    # spelling is then the clearer name.
    name = place.name if place.name.isascii() or not p.text.isascii() else p.text
    return Where(
        name=name,
        place_id=place.id,
        country=place.country,
        admin1=place.admin1,
        latitude=round(p.lat if p.lat is not None else place.lat, 5),
        longitude=round(p.lon if p.lon is not None else place.lon, 5),
        precision=max(precision or base_precision(place), p.precision or 1),
    )


def _when(sentence: str, flagged: Sequence[Flag], day: dt.date | None) -> tuple[When, str | None]:
    spans: list[DateSpan] = [
        d
        for d in find_dates(sentence, day)
        if not _inside(flagged, d.offset, d.offset + len(d.text))
        and (day is None or d.start <= day)
    ]
    if spans:
        d = spans[0]
        if d.precision == 1:
            return When(date=d.start, precision=1), None
        return When(date=d.date, start=d.start, end=d.end, precision=d.precision), None
    if day is None:
        return When(), "undated"
    # News tells of the day before as often as of the day itself.
    return When(date=day, start=day - dt.timedelta(days=1), end=day, precision=1), (
        "date_from_publication"
    )


def _toll(sentence: str, flagged: Sequence[Flag] | None) -> tuple[int | None, str | None]:
    """The killed a sentence counts, outside its flagged clauses (None: flag it if need be)."""
    found: list[Fatalities] = find_fatalities(sentence)
    if found and flagged is None:
        flagged = flags(sentence)  # only a sentence that counts the dead needs its clauses
    found = [f for f in found if not _inside(flagged or (), f.offset, f.offset + 1)]
    if not found:
        return None, None
    return sum(f.count for f in found), "; ".join(f.text for f in found)


def _tidy(by: str) -> str:
    by = re.sub(r"^(?:(?:and|but|while|the|a)\s+)+", "", by.strip(), flags=re.I)
    by = re.sub(r"\s+(?:also|too|later|earlier|then)$", "", by).rstrip(".,;:")
    return by[:1].upper() + by[1:]


_SAID_WORDS = ("said", "says", "claim", "report", "announced", "stated", "told")
"""Words every match of _SAID holds (it is matched in its own case)."""


def _claims(sentence: str) -> list[Claim]:
    out: list[Claim] = []
    low = sentence.lower() if gate_ready(sentence) else None
    for rx, may in (
        (_ACCORDING, low is None or "according to" in low),
        (_SAID, any(w in sentence for w in _SAID_WORDS)),
    ):
        for m in rx.finditer(sentence) if may else ():
            by = m.group("by").strip()
            if by.split()[0].lower() in _PRONOUNS or _NOT_SOURCES.match(by):
                continue
            if any(c.by.lower() == _tidy(by).lower() for c in out):
                continue
            out.append(Claim(by=_tidy(by), kind="claim", text=sentence))
    denial = _DENIAL.match(sentence.strip())
    if denial:
        out.append(Claim(by=_tidy(denial.group("by")), kind="denial", text=sentence))
    return out


def _merge(mentions: Sequence[Mention]) -> list[Mention]:
    """One mention per event of a report: a repeat (the same type, day, place and actors,
    as when a lead paragraph is printed twice) joins the first."""
    out: list[Mention] = []
    for m in mentions:
        for k, kept in enumerate(out):
            if _same_event(kept, m):
                out[k] = kept.model_copy(
                    update={
                        "evidence": kept.evidence + m.evidence,
                        "claims": kept.claims + tuple(c for c in m.claims if c not in kept.claims),
                        "fatalities": kept.fatalities
                        if kept.fatalities is not None
                        else m.fatalities,
                        "fatalities_text": kept.fatalities_text or m.fatalities_text,
                        "confidence": max(kept.confidence, m.confidence),
                    }
                )
                break
        else:
            out.append(m)
    return out


def _same_event(a: Mention, b: Mention) -> bool:
    def fits(x: str | None, y: str | None) -> bool:
        return x is None or y is None or x == y

    return (
        a.sub_event_type == b.sub_event_type
        and a.where.place_id == b.where.place_id
        and a.when.date == b.when.date
        and fits(a.actor1, b.actor1)
        and fits(a.actor2, b.actor2)
        and matches(a, b)
    )
