"""Event typing: which ACLED sub-event type a sentence reports, from weighted cue lexicons.

Each sub-event type has cues (regular expressions over the sentence) with weights written
from ACLED's definitions, not learnt from data. A sentence's score for a type is the sum
of its matched cues; a few rules then apply ACLED's precedence (a protest met by force is
not a peaceful protest; a suicide bombing is not an IED). Sentences whose strongest cues
are about disasters, crime or diplomacy are not conflict events and get no type.

>>> typed = classify("Warplanes pounded the village, killing six civilians.")
>>> typed.sub_event_type, typed.event_type
('Air/drone strike', 'Explosions/Remote violence')
>>> classify("An earthquake of magnitude 6 struck the coast.") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trucewatch.taxonomy import event_type_of

__all__ = ["NON_CONFLICT", "EventType", "classify", "scores"]

NON_CONFLICT = ("Disaster", "Crime", "Diplomacy")
"""Kinds of news that are not conflict events: they yield no mention."""

# fmt: off
_CUES: dict[str, list[tuple[str, float]]] = {
    "Air/drone strike": [
        (r"\bair ?strikes?\b|\bairstrikes?\b|\bair raids?\b|\baerial (?:bombardment|attacks?|bombing)", 3),
        (r"\bwar ?planes?\b|\bjets?\b|\bfighter jets?\b|\bhelicopters? gunships?\b|\bgunships?\b", 2),
        (r"\bdrones?\b|\buavs?\b|\bunmanned aerial", 2.5),
        (r"\bbomb(?:ed|ing|s)? (?:from the air|by (?:war)?planes?)|\bbarrel bombs?\b", 2.5),
        (r"\b(?:air force|aircraft|planes?) (?:struck|bombed|hit|pounded|targeted)", 2.5),
        (r"\bpounded\b|\bbombarded\b", 0.5),
    ],
    "Shelling/artillery/missile attack": [
        (r"\bshell(?:ed|ing|s)\b|\bartillery\b|\bmortars?\b|\bhowitzers?\b", 3),
        (r"\brockets?\b|\bmissiles?\b|\bprojectiles?\b|\bkatyusha", 2.5),
        (r"\bgrad\b|\bmlrs\b|\bmultiple rocket", 2.5),
        (r"\bbombard(?:ed|ment)\b|\bheavy weapons fire\b|\btank fire\b", 1.5),
    ],
    "Remote explosive/landmine/IED": [
        (r"\bieds?\b|\bimprovised explosive", 3.5),
        (r"\b(?:land ?)?mines?\b(?! (?:workers?|owners?|sites?))|\blandmines?\b", 2.5),
        (r"\broadside bombs?\b|\bcar bombs?\b|\bvbieds?\b|\bbomb-laden\b|\bbooby[- ]trap", 3.5),
        (r"\bexplosive devices?\b|\bbombs? (?:exploded|went off|blast)|\bblast\b|\bexplosions?\b", 1.5),
        (r"\b(?:bomb|explosive)s? (?:planted|hidden)\b|\bdetonated\b|\bexploded\b", 1.5),
        (r"\bmagnetic bomb|\bsticky bomb|\bparcel bomb|\bbomb attack|\bbombing\b", 1.5),
    ],
    "Suicide bomb": [
        (r"\bsuicide (?:bomb(?:er|ers|ing|ings)?|attacks?|attackers?|vests?|car bomb|belt)", 5),
        (r"\bblew (?:himself|herself|themselves) up\b|\bsvbied\b", 5),
    ],
    "Grenade": [
        (r"\bgrenades?\b", 4),
        (r"\bhurled (?:a|an) explosive|\bthrew (?:a|an) explosive|\bpetrol bombs?\b|\bmolotov", 1),
    ],
    "Chemical weapon": [
        (r"\bchemical (?:weapons?|attacks?|agents?|munitions?)\b|\bnerve (?:agent|gas)\b", 5),
        (r"\bsarin\b|\bchlorine\b|\bmustard gas\b|\btoxic gas\b|\bpoison(?:ous)? gas\b|\bvx\b", 4),
    ],
    "Armed clash": [
        (r"\b(?:fighters|militants|insurgents|rebels|gunmen|terrorists|troops|forces|militias?|militiamen|taliban|al-shabaa?b|boko haram|jihadists|soldiers|army)\b (?:\w+ ){0,2}(?:attacked|stormed|raided|assaulted|ambushed|targeted|overran) "
         r"(?:\w+ ){0,5}(?:checkpoints?|bases?|posts?|positions?|forces|troops|soldiers|army|military|police|camps?|convoys?|patrols?|headquarters?|barracks|outposts?|garrison|militiamen|fighters|militants)\b", 4),
        (r"\battacks? (?:on|against) (?:\w+ ){0,4}(?:checkpoints?|bases?|posts?|positions?|forces|troops|soldiers|army|military|police|camps?|convoys?|patrols?|headquarters?|barracks|outposts?|garrison|militiamen|fighters|militants)\b", 3),
        (r"\b(?:killed|captured) (?:\w+ ){0,3}(?:militants|insurgents|rebels|terrorists|fighters)\b", 1.5),
        (r"\bclash(?:ed|es|ing)?\b|\bfighting\b|\bfought\b|\bbattles?\b|\bbattled\b", 2.5),
        (r"\bgun ?fights?\b|\bfirefights?\b|\bexchange(?:d)? (?:of )?(?:gun)?fire\b|\bshoot-?outs?\b", 3),
        (r"\bskirmish(?:es)?\b|\bengaged\b|\bambush(?:ed|es)?\b|\boffensive\b|\bcounter-?attack", 2),
        (r"\brepelled\b|\brepulsed\b|\bassault(?:ed)? on\b|\battacked (?:an? )?(?:army|military|police) "
         r"(?:post|base|checkpoint|patrol|convoy|position)", 2),
        (r"\btroops? (?:and|with) (?:militants|rebels|insurgents)|\bgunmen attacked (?:a |the )?"
         r"(?:police|army|military|security)", 2),
        (r"\bmilitants?\b|\binsurgents?\b|\brebels?\b|\bfighters\b|\bterrorists?\b", 0.5),
    ],
    "Government regains territory": [
        (r"\b(?:government|army|security|military|federal|state|national|pro-government|regime|loyalist)\b"
         r"[^.]{0,25}\b(?:forces|troops|army|soldiers|troopers|units)\b[^.]{0,60}\b(?:captured|took control|"
         r"freed|seized|cleared|pushed back|drove out|expelled|took over|secured|advanced into|"
         r"entered|recovered)", 4),
        (r"\b(?:were|was) (?:pushed back|driven out|expelled|dislodged) from\b", 3),
        (r"\b(?:army|troops|forces|government|military|soldiers)\b[^.]{0,60}\b(?:recaptured|retook|"
         r"regained(?: control)?|liberated|took back|reclaimed|recovered control)", 4.5),
        (r"\b(?:recapture|retake|regain|liberation) of\b", 3.5),
        (r"\b(?:recaptured|retook|liberated|regained control of)\b", 2.5),
    ],
    "Non-state actor overtakes territory": [
        (r"\b(?:militants?|rebels?|insurgents?|jihadists?|fighters|taliban|isis|isil|islamic state|"
         r"al-shabaab|shabaab|houthis?|group)\b[^.]{0,60}\b(?:seized|captured|overran|took control|"
         r"took over|stormed and (?:seized|captured)|gained control|recaptured|retook)", 4.5),
        (r"\b(?:fell|falls) (?:to|into the hands of) (?:the )?(?:militants?|rebels?|insurgents?|jihadists?)", 4.5),
        (r"\bseized control\b|\boverran\b|\btook control of\b|\bcaptured the (?:town|city|village|district)", 2.5),
    ],
    "Attack": [
        (r"\bgunmen\b|\bgunman\b|\bassailants?\b|\bunidentified (?:men|attackers|persons|armed)", 2),
        (r"\bshot (?:dead|and killed|to death)\b|\bkilled (?:a|an|two|three|\d+) (?:civilians?|villagers?|"
         r"farmers?|men|women|people|residents?)\b", 2.5),
        (r"\bmassacre(?:d)?\b|\bexecuted\b|\bbeheaded\b|\bstabbed\b|\bhacked\b|\bmurdered\b|\bmurder\b", 2.5),
        (r"\battacked (?:a |the )?(?:village|villagers|civilians|residents|house|home|family|market|"
         r"worshippers|church|mosque|school|students)", 2.5),
        (r"\b(?:was|were) attacked\b|\bopened fire on (?:civilians|a crowd|people|worshippers)", 1.5),
        (r"\bkilled\b|\bkilling\b|\bshot\b", 0.5),
        (r"\bhostages?\b|\bhostage-taking\b", 1.5),
    ],
    "Sexual violence": [
        (r"\brap(?:e|ed|es|ing|ist)\b|\bgang-?rap", 5),
        (r"\bsexual(?:ly)? (?:assault(?:ed)?|violence|abuse|harassment|abused|slavery)", 5),
    ],
    "Abduction/forced disappearance": [
        (r"\babduct(?:ed|ion|ions|s|ing)?\b|\bkidnap(?:ped|ping|pings|s)?\b", 4),
        (r"\bforced(?:ly)? disappear|\bwent missing\b|\bwhereabouts (?:remain|are) unknown|\btaken hostage\b", 3),
    ],
    "Peaceful protest": [
        (r"\bprotest(?:ed|ing|s|ers)?\b|\bdemonstrat(?:ed|ion|ions|ors|ing)\b|\brall(?:y|ies|ied)\b", 2.5),
        (r"\bsit-ins?\b|\bstrikes? (?:by|over)\b|\bon strike\b|\bwalkouts?\b|\bvigils?\b", 1.5),
        (r"\bmarch(?:ed|es)? (?:to|through|on|in protest)\b|\bprotest marche?s?\b", 1.5),
        (r"\bpeaceful(?:ly)?\b|\bchant(?:ed|ing)\b|\bplacards?\b|\bbanners?\b|\bslogans\b", 1.5),
        (r"\bgathered (?:outside|in front of|at)\b|\bstaged (?:a )?(?:protest|demonstration|sit-in)", 2),
        (r"\bhunger strike\b|\bboycott", 1.5),
    ],
    "Protest with intervention": [
        (r"\bsuppress(?:ed|ing)?\b|\bpepper[- ]spray(?:ed)?\b|\bdrag(?:ged)? (?:them|protesters)", 2),
        (r"\b(?:detain(?:ed)?|arrest(?:ed)?) (?:\w+ ){0,3}(?:protesters|demonstrators|activists)|"
         r"\b(?:protesters|demonstrators|activists) (?:\w+ ){0,3}(?:were|have been) (?:detained|arrested)", 2.5),
        (r"\bdispers(?:ed|e|ing)\b|\bbroke up\b|\btear ?gas\b|\bwater cannons?\b|\bbaton(?:s|-charged)?\b", 2),
        (r"\b(?:arrested|detained|rounded up) (?:\w+ ){0,3}(?:protesters|demonstrators|activists|"
         r"participants|students)", 2.5),
        (r"\brubber bullets\b|\bcharged (?:at )?(?:the )?(?:protesters|demonstrators|crowd)", 1.5),
    ],
    "Excessive force against protesters": [
        (r"\b(?:opened fire|fired|shot) (?:\w+ ){0,3}(?:on|at|into) (?:\w+ ){0,2}(?:protesters|"
         r"demonstrators|crowds?|marchers|protest)", 4),
        (r"\bkill(?:ing|ed) (?:one|two|three|\d+|several|dozens of) (?:\w+ )?(?:protesters?|demonstrators?)|"
         r"\bviolently (?:suppress|disperse|crush)|\bexcessive force\b|\blive bullets\b", 3),
        (r"\b(?:fired|opened fire|shot) (?:live (?:rounds|ammunition|bullets) )?(?:on|at|into) "
         r"(?:the )?(?:unarmed |peaceful )?(?:protesters|demonstrators|crowd|marchers)", 4),
        (r"\b(?:protesters|demonstrators)\b[^.]{0,40}\b(?:killed|shot dead|died)\b", 3),
        (r"\blive (?:ammunition|rounds|fire)\b|\bbrutal(?:ly)?\b|\bcrackdown\b", 1.5),
        (r"\b(?:police|officers|security forces)\b[^.]{0,40}\b(?:beat|attacked|assaulted|injured)"
         r"[^.]{0,30}\b(?:protesters|demonstrators|students|demonstration)", 3),
    ],
    "Violent demonstration": [
        (r"\bclash(?:ed|es)? (?:\w+ ){0,3}(?:with|between) (?:\w+ ){0,3}(?:protesters|demonstrators)|"
         r"\b(?:protesters|demonstrators) (?:\w+ ){0,3}clash(?:ed|es)?\b", 2.5),
        (r"\bthrow(?:ing|n)? (?:\w+ ){0,2}(?:bottles|stones|rocks|bricks|fireworks)|\bdebris\b|"
         r"\bescalating violence\b|\bunrest\b", 1.5),
        (r"\brioters?\b|\briot(?:s|ed|ing)?\b", 3),
        (r"\b(?:pelted|threw|hurled) (?:\w+ ){0,2}(?:stones|rocks|bricks|bottles|petrol bombs|"
         r"molotov)", 3),
        (r"\b(?:torched|set (?:ablaze|fire to|on fire)|vandali[sz]ed|ransacked|blocked roads with "
         r"burning tyres|burn(?:ed|t|ing) tyres)", 2),
        (r"\b(?:protesters|demonstrators)\b[^.]{0,60}\b(?:clashed|attacked|stormed|torched|"
         r"smashed|damaged|burned|injured)", 3),
        (r"\bviolent (?:protests?|demonstrations?)", 3),
    ],
    "Mob violence": [
        (r"\bmobs?\b|\blynch(?:ed|ing|ings)?\b|\bvigilantes?\b", 4),
        (r"\bangry (?:crowd|villagers|residents)\b|\bcrowd (?:attacked|beat|killed|set)", 3),
        (r"\bmob justice\b|\bbeaten to death by\b", 3),
    ],
    "Agreement": [
        (r"\bcease-fire\b|\barmistice\b", 1.5),
        (r"\b(?:exchange|swap) of prisoners\b|\bprisoners? (?:were|was) (?:swapped|exchanged|released)|"
         r"\bas part of (?:the|a) (?:deal|agreement|accord)|\brelease of (?:\w+ ){0,4}prisoners", 3),
        (r"\bagreed (?:a|to|on|upon) (?:\w+ ){0,3}(?:ceasefire|cease-fire|truce|deal|pause|"
         r"humanitarian)", 3.5),
        (r"\b(?:signed|reached|agreed|brokered|struck|concluded) (?:\w+ ){0,3}(?:agreement|accord|deal|"
         r"ceasefire|truce|memorandum|protocol|treaty|peace)", 4),
        (r"\b(?:peace|ceasefire|truce) (?:agreement|deal|accord|pact)\b|\bagreed (?:on|to) (?:a )?"
         r"(?:ceasefire|truce)", 3.5),
        (r"\bprisoner (?:swap|exchange)\b|\bexchanged prisoners\b|\breleased (?:\w+ ){0,3}(?:hostages|"
         r"prisoners|detainees)", 2.5),
        (r"\bagreement\b|\bceasefire\b|\btruce\b|\baccord\b", 1),
    ],
    "Arrests": [
        (r"\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|s|ing)?\b|\bapprehended\b|\btaken into custody\b", 3),
        (r"\bin custody\b|\bheld for questioning\b|\bremanded\b|\bcaptured (?:a |an |\d+ |two |three )"
         r"?(?:suspected )?(?:militants?|terrorists?|members?|suspects?|leaders?|commanders?)", 2),
    ],
    "Change to group/activity": [
        (r"\bdeployed\b|\bdeployment\b|\breinforcements?\b|\bsent (?:more )?(?:troops|forces)\b", 2.5),
        (r"\bdefect(?:ed|ion|ions|s)?\b|\bjoined (?:the )?(?:ranks|forces)\b|\bmerged?\b|\bformed\b", 2.5),
        (r"\bwithdr(?:ew|awn|awal)\b|\bpulled out\b|\bredeploy", 1.5),
        (r"\bcurfew\b|\bimposed (?:a )?(?:lockdown|curfew|ban)\b|\bannounced (?:the )?(?:formation|launch|"
         r"creation)", 2),
        (r"\bmilitary exercises?\b|\bdrills?\b|\bconvoy (?:entered|arrived)|\btraining camp\b", 2),
        (r"\brecruit(?:ed|ment|ing)\b|\bsurrender(?:ed)?\b|\blaid down (?:their|his) (?:arms|weapons)", 2),
    ],
    "Disrupted weapons use": [
        (r"\b(?:weapons|arms|ammunition|explosives|firearms|rifles|guns|explosive devices|bombs?|"
         r"grenades|ieds?|suspicious packages?|packages|missiles|rockets|drones?)\b[^.]{0,50}\b(?:was|were|"
         r"has been|have been|had been) (?:\w+ )?(?:seized|recovered|confiscated|found|discovered|"
         r"intercepted|defused|uncovered|destroyed|shot down)", 4),
        (r"\b(?:stash|cache|haul|depot|hideout) of (?:\w+ ){0,3}(?:weapons|arms|firearms|ammunition|"
         r"explosives)|\bto depot arms\b|\barms depot\b", 3.5),
        (r"\b(?:seized|recovered|confiscated) (?:\w+ ){0,4}(?:firearms|weapons|arms)\b", 3.5),
        (r"\bdefus(?:ed|ing|e)\b|\bdismantled (?:\w+ ){0,2}(?:bomb|ied|explosive)|\bdeactivated\b|"
         r"\bdisarmed\b|\bbomb disposal\b", 4),
        (r"\b(?:seized|recovered|confiscated|found|discovered|intercepted|uncovered) (?:\w+ ){0,5}(?:weapons|"
         r"arms|ammunition|explosives|rifles|guns|grenades|rockets|missiles|munitions|ieds?|cache|"
         r"depot|stockpiles?)", 3.5),
        (r"\bintercepted\b|\bshot down\b|\bthwarted\b|\bfoiled\b|\bweapons caches?\b|\barms caches?\b", 2.5),
        (r"\bcontrolled (?:explosion|detonation)|\bdestroyed (?:\w+ ){0,3}(?:stockpile|cache|ammunition)", 3),
    ],
    "Headquarters or base established": [
        (r"\b(?:set up|established|built|opened|erected|installed) (?:\w+ ){0,4}(?:base|bases|post|posts|"
         r"outpost|headquarters|observation points?|checkpoints?|camp|positions?)", 4.5),
        (r"\bnew (?:military )?(?:base|observation post|outpost|headquarters)\b", 3),
    ],
    "Looting/property destruction": [
        (r"\bloot(?:ed|ing|ers)?\b|\bplunder(?:ed)?\b|\bpillag(?:ed|ing)\b", 4),
        (r"\b(?:torched|burned|burnt|set fire to|set ablaze|destroyed|demolished|razed|vandali[sz]ed) "
         r"(?:\w+ ){0,4}(?:houses?|homes?|shops?|vehicles?|cars?|property|properties|buildings?|"
         r"crops?|offices?|school|church|mosque|village)", 3),
        (r"\barson\b|\bproperty destruction\b|\bdamaged (?:\w+ ){0,3}(?:property|offices?|houses?)", 2.5),
    ],
    "Non-violent transfer of territory": [
        (r"\bhanded over\b|\bhand(?:ed|s)? (?:control|over)\b|\bhandover\b|\btook over (?:\w+ ){0,3}"
         r"(?:positions|posts|bases) (?:vacated|left)", 3.5),
        (r"\bwithdr(?:ew|awn) (?:from|its forces from)\b[^.]{0,60}\b(?:entered|took over|moved in|"
         r"deployed)", 3.5),
        (r"\bwithout (?:a )?(?:fight|resistance)\b|\bpeacefully (?:entered|took)\b", 3),
        (r"\bentered (?:the )?(?:town|city|village|area)\b", 1.5),
    ],
    "Other": [
        (r"\bmass graves?\b|\bbodies (?:were )?(?:found|discovered|exhumed)\b|\bexhum", 2.5),
        (r"\breturn(?:ed)? (?:to their|home)\b|\bhumanitarian (?:assistance|aid)\b", 1),
    ],
    # Not conflict events: they compete so that such news yields no mention.
    "Disaster": [
        (r"\bearthquakes?\b|\bfloods?\b|\bflooding\b|\bcyclones?\b|\bhurricanes?\b|\btyphoons?\b|"
         r"\blandslides?\b|\btsunami\b|\bdrought\b|\bwildfires?\b|\bforest fires?\b|\bvolcan", 4.5),
        (r"\bcovid|\bcoronavirus|\bpandemic\b|\boutbreak\b|\binfect(?:ed|ions?)\b|\bcases\b|\bvirus\b|"
         r"\bepidemic\b|\bcholera\b|\bebola\b", 3),
        (r"\b(?:train|plane|bus|road|traffic|boat|ferry|mining|industrial) (?:accident|crash|collision)|"
         r"\bcrash(?:ed)?\b|\bcollapsed?\b|\bderail|\bcapsized\b|\bsank\b|\bgas leak\b|\bfactory fire\b|"
         r"\bblaze\b|\bfire broke out\b|\bcaught fire\b|\bleak\b", 3),
        (r"\bmagnitude\b|\brichter\b|\bheavy rains?\b|\bstorm\b|\bheatwave\b", 2.5),
    ],
    "Crime": [
        (r"\brobb(?:ed|ery|eries|ers?)\b|\bthe(?:ft|fts|ves|f)\b|\bstole\b|\bburglar", 3.5),
        (r"\bdrug (?:traffick|smuggl|cartel|dealer|bust|seizure|lord)|\bnarcotics?\b|\bcocaine\b|\bheroin\b|"
         r"\bmethamphetamine\b|\bcartels?\b", 3),
        (r"\bsmuggl(?:e|ed|ing|ers?)\b|\btraffick(?:ing|ers?|ed)\b|\bfraud\b|\bcorruption\b|\bbribe", 3),
        (r"\bgangs?\b|\bmafia\b|\bextortion\b|\bcounterfeit\b|\bmoney laundering\b", 2),
    ],
    "Diplomacy": [
        (r"\bsanctions?\b|\bexpel(?:led|s)? (?:\w+ ){0,3}diplomats?\b|\bambassadors?\b|\bdiplomat(?:s|ic)?\b|"
         r"\bembassy\b|\bsummoned\b", 3.5),
        (r"\btalks?\b|\bsummit\b|\bvisit(?:ed|s)?\b|\bmet with\b|\bcondemned\b|\bcalled (?:on|for)\b|"
         r"\burged\b|\bvowed\b|\bstatement\b|\bresolution\b|\bsecurity council\b|\bforeign minist", 1.5),
        (r"\bblam(?:ed|es|ing)\b|\baccus(?:ed|es|ing)\b|\bclaimed responsibility\b|\bresponsibility for\b", 1),
    ],
}
# fmt: on

# Sentences are lower-cased once and each kind's cues are first tried as one alternation:
# most sentences match few kinds, so the individual cues run only where they can score.
_COMPILED = {
    kind: [(re.compile(rx), weight) for rx, weight in cues] for kind, cues in _CUES.items()
}
_ANY_OF_KIND = {
    kind: re.compile("|".join(f"(?:{rx})" for rx, _ in cues)) for kind, cues in _CUES.items()
}


@dataclass(frozen=True, slots=True)
class EventType:
    """The type a sentence reports, how sure, and the words that decided it."""

    sub_event_type: str
    confidence: float
    cue: str
    offset: int

    @property
    def event_type(self) -> str:
        return event_type_of(self.sub_event_type)


def _lower(text: str) -> str:
    """Lower case that keeps every offset (a few letters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def scores(sentence: str) -> dict[str, tuple[float, re.Match[str]]]:
    """Each kind's score in a sentence, with its first matched cue (kinds with a cue only)."""
    out: dict[str, tuple[float, re.Match[str]]] = {}
    low = _lower(sentence)
    for kind, cues in _COMPILED.items():
        if not _ANY_OF_KIND[kind].search(low):
            continue
        total = 0.0
        first: re.Match[str] | None = None
        for rx, weight in cues:
            m = rx.search(low)
            if m:
                total += weight
                if first is None or m.start() < first.start():
                    first = m
        if first is not None:
            out[kind] = (total, first)
    return out


_PROTEST = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")


def _precedence(found: dict[str, tuple[float, re.Match[str]]]) -> dict[str, float]:
    """ACLED's precedence between related types, applied to the raw scores."""
    s = {k: v[0] for k, v in found.items()}
    protest = s.get("Peaceful protest", 0.0)
    if protest >= 2.5:
        # A protest met by force is coded by the force used, not as a peaceful protest.
        for kind in ("Protest with intervention", "Excessive force against protesters"):
            if kind in s:
                s[kind] += protest
        if "Violent demonstration" in s:
            s["Violent demonstration"] += protest / 2
    else:
        for kind in _PROTEST[1:]:
            s[kind] = s.get(kind, 0.0) / 2 if kind in s else 0.0
    if s.get("Suicide bomb", 0.0) >= 5:
        s["Suicide bomb"] += s.get("Remote explosive/landmine/IED", 0.0)
    if s.get("Air/drone strike", 0.0) >= 2.5:
        s["Air/drone strike"] += s.get("Shelling/artillery/missile attack", 0.0) / 3
    return {k: v for k, v in s.items() if v > 0}


def classify(sentence: str, minimum: float = 2.0) -> EventType | None:
    """The sub-event type a sentence most likely reports, or None (no event, or not conflict).

    >>> classify("Police fired tear gas to disperse the protesters.").sub_event_type
    'Protest with intervention'
    >>> classify("The ministers held talks in Ankara.") is None
    True
    """
    found = scores(sentence)
    if not found:
        return None
    ranked = sorted(_precedence(found).items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < minimum:
        return None
    kind, score = ranked[0]
    if kind in NON_CONFLICT:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    confidence = round(min(0.99, 0.5 + (score - runner_up) / (2 * score) + min(score, 8) / 32), 3)
    cue = found[kind][1] if kind in found else found[max(found, key=lambda k: found[k][0])][1]
    return EventType(kind, confidence, sentence[cue.start() : cue.end()], cue.start())
