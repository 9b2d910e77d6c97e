"""Counts in report text, and the killed (never the wounded) that a sentence reports.

Vague quantities follow ACLED's conventions: "a dozen" and "dozens" are 12, "tens" 10,
"hundreds" 100, "several", "many" and "scores of" 10. Hedges keep the stated figure:
"at least 16", "more than 16", "up to 16" and "some 16" are all 16, the conservative
reading of what was reported.

>>> parse_count("at least sixteen"), parse_count("dozens"), parse_count("1,200")
(16, 12, 1200)
>>> [(f.count, f.group) for f in find_fatalities("The strike killed 16 civilians and wounded 40.")]
[(16, 'civilians')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Fatalities", "find_fatalities", "parse_count"]

_UNITS = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "both": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "couple": 2, "pair": 2, "dozen": 12, "score": 20,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = {
    "hundreds of thousands": 100_000,
    "tens of thousands": 10_000,
    "dozens": 12,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
    "several": 10,
    "many": 10,
    "scores": 10,
    "numerous": 10,
    "multiple": 10,
}
_HEDGE_WORDS = (
    "at least", "at most", "more than", "over", "nearly", "almost", "around", "about",
    "roughly", "some", "up to", "approximately", "an estimated", "as many as", "close to",
    "fewer than", "less than", "a total of", "no fewer than", "no less than", "upwards of",
    "in excess of",
)  # fmt: skip
_HEDGES = f"(?:{'|'.join(_HEDGE_WORDS)})"
_HEDGE = re.compile(rf"^{_HEDGES}\s+", re.IGNORECASE)

_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*)"
    rf"|{'|'.join(sorted(_VAGUE, key=len, reverse=True))})"
)
"""A regular expression for a count written in digits, words or vague words."""


def parse_count(text: str) -> int | None:
    """The number a phrase states, or None when it states none.

    >>> parse_count("two hundred and fifty"), parse_count("a dozen"), parse_count("twenty-one")
    (250, 12, 21)
    >>> parse_count("some"), parse_count("scores of")
    (None, 10)
    """
    words = _HEDGE.sub("", text.strip().lower()).removesuffix(" of").strip()
    if not words:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", words):
        return int(words.replace(",", ""))
    if words in _VAGUE:
        return _VAGUE[words]
    total, current, seen = 0, 0, False
    for token in re.split(r"[\s-]+", words):
        if token == "and":
            continue
        if token in _UNITS:
            value = _UNITS[token]
            # "a dozen", "a hundred": the article only multiplies what follows
            current = (
                value
                if token in {"a", "an"} or current == 0
                else (current * value if value in {12, 20} else current + value)
            )
            seen = True
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


@dataclass(frozen=True, slots=True)
class Fatalities:
    """A count of people reported killed in one phrase, and who they were if said."""

    count: int
    text: str
    offset: int
    group: str | None = None


_GROUPS = {
    "civilians": r"civilians?|residents?|villagers?|people|persons?|men|women|children|"
    r"family members|farmers?|students?|worker[s]?|passengers?|displaced|refugees?|"
    r"migrants?|journalists?|protesters?|demonstrators?|man|woman|boy|girl|child|"
    r"teenagers?|individuals?|bodies|body|inmates?|prisoners?|members? of the public|"
    r"suspects?|supporters?|drivers?|locals?|officials?|brothers?|sisters?|sons?|daughters?|"
    r"fathers?|mothers?|wife|husband|relatives?|traders?|herders?|activists?|"
    r"party (?:members?|workers?)|youths?|guests?|pilgrims?|doctors?|nurses?|teachers?",
    "troops": r"soldiers?|troops?|servicem[ae]n|military personnel|officers?|police(?:m[ae]n)?|"
    r"policem[ae]n|security forces?|security personnel|guards?|gendarmes?|army personnel|"
    r"marines?|sailors?|airm[ae]n|conscripts?|personnel|(?:sub-)?inspectors?|constables?|"
    r"commanders?|paramilitar(?:y|ies)|border guards?|police officers?",
    "fighters": r"fighters?|militants?|rebels?|insurgents?|gunmen|gunman|jihadists?|"
    r"terrorists?|combatants?|militiam[ae]n|militia members?|attackers?|assailants?|"
    r"elements?|bandits?|(?:al-)?shabaab|extremists?|cadres?|guerrillas?|separatists?|"
    r"mercenaries|members?",
}
_WHO = "|".join(f"(?P<{name}>{rx})" for name, rx in _GROUPS.items())
_ADJ = (
    r"(?:(?:(?-i:[A-Z][\w'-]+)|pro-[\w-]+|\w+-backed|armed|unarmed|innocent|other|more|"
    r"local|foreign|suspected|alleged|civilian|young|elderly|teenage|[\w-]+-year-old)\s+){0,3}"
)
# A count starts with a digit or the first letter of a hedge or number word: one look at
# that letter spares trying every word of the count at every other position.
_FIRST = "".join(sorted({w[0] for w in (*_HEDGE_WORDS, *_UNITS, *_SCALES, *_VAGUE)}))
_COUNT = rf"(?=\d|\b[{_FIRST}])(?<!\bno )(?P<count>(?:{_HEDGES}\s+)?{NUMBER})"
_KILL_VERB = (
    r"(?:killed|killing|kills|kill|dead|died|dies|die|deaths?|fatalit(?:y|ies)|slain|"
    r"lost (?:their|his|her) lives|lost (?:their|his|her) life|perished|massacred|executed|"
    r"shot dead|beheaded|lynched|murdered|(?:shot|burned|burnt|beaten|stabbed|hacked) to death|"
    r"shot and killed|found dead)"
)

_PATTERNS = [
    # "killing 16 civilians", "killed at least 34 Turkish soldiers", "left 3 dead"
    rf"\b(?:killing|killed|kills|kill|claimed the lives of|took the lives of|"
    rf"murdered|executed|shot dead|massacred)\s+{_COUNT}\s+(?:of\s+)?{_ADJ}(?:{_WHO})?",
    rf"\b(?:left|leaving)\s+{_COUNT}\s+{_ADJ}(?:{_WHO})?\s*dead\b",
    # "16 civilians were killed", "34 soldiers died", "two people dead"
    rf"{_COUNT}\s+(?:of\s+)?{_ADJ}(?:{_WHO})\s+(?:(?:were|was|have been|had been|are|is|being)\s+)?"
    rf"(?:(?:reportedly|allegedly|also|all|later|subsequently)\s+)?{_KILL_VERB}",
    # "3 killed", "2 dead", "1 fatality", "4 fatalities", "five deaths"
    rf"{_COUNT}\s+(?:(?:were|was)\s+)?(?:killed|dead|fatalit(?:y|ies)|deaths?)\b",
    # "the death toll rose to 16", "a toll of 16"
    rf"(?:death toll|toll)\s+(?:\w+\s+){{0,3}}?(?:to|of|at|is|was|stood at|reached)\s+{_COUNT}",
    # "a man was killed", "one soldier died"
    rf"(?<!\bno )\b(?P<count1>an?|one)\s+{_ADJ}"
    rf"(?P<single>{_GROUPS['civilians']}|{_GROUPS['troops']}|{_GROUPS['fighters']})\s+(?:\w+\s+)?(?:was|were|is)\s+(?:reportedly\s+)?{_KILL_VERB}",
    # "the body of a man was found", "the bodies of 3 men were found"
    rf"\bthe (?:body|bodies|corpses?) of\s+(?P<count2>an?|one|{NUMBER})\s+{_ADJ}"
    rf"(?:{_WHO})?[^.;]{{0,60}}?\b(?:was|were)\s+(?:\w+\s+)?(?:found|discovered|recovered)",
]
_RX = [re.compile(p, re.IGNORECASE) for p in _PATTERNS]
# A cheap gate: the patterns are costly, and most sentences mention no death at all.
_DEATH_WORD = re.compile(
    r"kill|dead|death|died|dies\b|\bdie\b|fatalit|toll|bod(?:y|ies)|corpse|slain|perish|massacr|"
    r"execut|behead|lynch|murder|lives|life",
    re.IGNORECASE,
)
_DEATH_STEMS = (
    "kill", "dead", "death", "die", "fatalit", "toll", "bod", "corpse", "slain", "perish",
    "massacr", "execut", "behead", "lynch", "murder", "lives", "life",
)  # fmt: skip
"""Letters every match of _DEATH_WORD holds, lower-cased."""


def _tells_deaths(sentence: str) -> bool:
    """Whether a sentence has a word for death (_DEATH_WORD), plain substring tests first:
    a regular expression with no literal start tries every position of the sentence."""
    if sentence.isascii():  # ASCII: matching in any case is matching the lower case
        low = sentence.lower()
        if not any(stem in low for stem in _DEATH_STEMS):
            return False
    return _DEATH_WORD.search(sentence) is not None


_NONE = re.compile(
    r"\b(?:no (?:one|deaths?|fatalit(?:y|ies)|casualties) (?:was |were )?(?:killed|reported)?|"
    r"no fatalities|without (?:any )?casualties|no (?:one )?was (?:killed|hurt)|"
    r"no (?:deaths|casualties) (?:were|was) reported)",
    re.IGNORECASE,
)


def _group_of(match: re.Match[str]) -> str | None:
    for name in _GROUPS:
        if match.groupdict().get(name):
            return name
    single = match.groupdict().get("single")
    if single:
        for name, rx in _GROUPS.items():
            if re.fullmatch(rx, single, re.IGNORECASE):
                return name
    return None


def find_fatalities(sentence: str) -> list[Fatalities]:
    """Every count of people killed in a sentence; wounded and injured are left out.

    >>> [(f.count, f.group) for f in find_fatalities("Three soldiers and two rebels were killed.")]
    [(3, 'troops'), (2, 'fighters')]
    >>> find_fatalities("No one was killed in the blast.")[0].count
    0
    """
    found: dict[int, Fatalities] = {}
    if not _tells_deaths(sentence):
        return _no_deaths(sentence)
    for rx in _RX:
        for m in rx.finditer(sentence):
            key = next((k for k in ("count", "count1", "count2") if m.groupdict().get(k)), None)
            if key is None:
                continue
            count = parse_count(m.group(key))
            if count is None:
                continue
            start = m.start(key)
            if any(
                f.offset < m.end() and m.start() < f.offset + len(f.text) for f in found.values()
            ):
                continue  # one phrase, read by two patterns
            found[start] = Fatalities(count, m.group(0), m.start(), _group_of(m))
    _shared_verb(sentence, found)
    if not found:
        return _no_deaths(sentence)
    return sorted(found.values(), key=lambda f: f.offset)


def _no_deaths(sentence: str) -> list[Fatalities]:
    none = _NONE.search(sentence)
    return [Fatalities(0, none.group(0), none.start())] if none else []


_LIST = re.compile(
    rf"{_COUNT}\s+{_ADJ}(?:{_WHO})\s+(?:and|,)\s+(?P<count2>{NUMBER})\s+{_ADJ}"
    rf"(?P<who2>{_GROUPS['civilians']}|{_GROUPS['troops']}|{_GROUPS['fighters']})\s+"
    rf"(?:(?:were|was|have been|had been)\s+)?(?:(?:reportedly|allegedly|all)\s+)?{_KILL_VERB}",
    re.IGNORECASE,
)


def _shared_verb(sentence: str, found: dict[int, Fatalities]) -> None:
    """Add the first part of "3 soldiers and 2 rebels were killed" (one verb, two counts)."""
    for m in _LIST.finditer(sentence):
        first = parse_count(m.group("count"))
        if first is not None and m.start() not in found:
            found[m.start()] = Fatalities(
                first, m.group(0)[: m.start("count2") - m.start()].strip(), m.start(), _group_of(m)
            )
