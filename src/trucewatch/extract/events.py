"""Event typing: which ACLED sub-event type a sentence reports, from weighted cue lexicons.

Each sub-event type has cues (regular expressions over the sentence) with weights written
from ACLED's definitions, not learnt from data. A sentence's score for a type is the sum
of its matched cues; rules then apply ACLED's precedence (a protest met by force is not a
peaceful protest; a suicide bombing is not an IED; a fight with small arms is a clash even
when mortars join in). Sentences whose strongest cues are about disasters, crime,
diplomacy or who is to blame are not conflict events and get no type.

>>> typed = classify("Warplanes pounded the village, killing six civilians.")
>>> typed.sub_event_type, typed.event_type
('Air/drone strike', 'Explosions/Remote violence')
>>> classify("An earthquake of magnitude 6 struck the coast.") is None
True
>>> strongest_kind("An earthquake of magnitude 6 struck the coast.")
'Natural disaster'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from trucewatch.extract._prefilter import Gate, holds_any, words_and_text
from trucewatch.taxonomy import event_type_of

__all__ = ["NON_CONFLICT", "EventType", "classify", "scores", "strongest_kind"]

NON_CONFLICT = ("Natural disaster", "Man-made disaster", "Crime", "Diplomacy", "Attribution")
"""Kinds of news that are not conflict events: they yield no mention."""

# Words for the sides of a fight, used inside several cues.
_ARMED = (
    r"(?:fighters|militants?|insurgents?|rebels?|gunmen|terrorists?|troops|forces|militias?|"
    r"militiamen|taliban|al-?shabaa?b|boko haram|jihadists?|soldiers?|army|military|police(?:men)?|"
    r"officers?|guards?|personnel|servicem[ae]n|positions?|check ?points?|bases?|posts?|outposts?|"
    r"convoys?|patrols?|barracks|garrison|camps?|units?|members|bandits|raiders|gangs?|gendarmes?|"
    r"gendarmerie|(?:police|military|army) stations?|stations?)"
)
_CIVILIANS = (
    r"(?:civilians?|villagers?|farmers?|herders?|residents?|people|persons?|man|men|woman|women|"
    r"boys?|girls?|child(?:ren)?|teenagers?|students?|teachers?|journalists?|traders?|worshippers|"
    r"family|families|individuals?|victims?|youths?|locals?|passengers?|workers?|activists?|"
    r"leaders?|candidates?|politicians?|officials?|doctors?|nurses?|health workers|elder|chief)"
)
# Armed people on the state's side: violence against them is a clash, not an attack.
_STATE_ARMED = (
    r"(?<!off-duty )(?:soldiers?|policem[ae]n|policewom[ae]n|police (?:officers?|agents?)|bodyguards?|officers?|security (?:forces|personnel|guards?)|"
    r"troops|servicem[ae]n|personnel|commanders?|(?:border )?guards?|gendarmes?|militiam[ae]n|members of the \w+ forces)"
)
_NUMBER = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|some|\d+)"

# Who takes ground, and the words for taking it: which side decides the type.
_GOVERNMENT = (
    r"\b(?:government|army|armed forces|security forces|military|regime|pro-government|loyalist|troops|"
    r"soldiers|troopers|federal forces|state forces)\b"
)
_NON_STATE = (
    r"\b(?:militants?|rebels?|insurgents?|jihadists?|fighters|taliban|isis|isil|islamic state|daesh|"
    r"al-shabaa?b|shabaa?b|houthis?|militias?|opposition|separatists?|guerrillas?|terrorists?)\b"
)
# What is seized when weapons use is disrupted (and not ground taken).
_WEAPONS = (
    r"(?:weapons|arms|ammunitions?|explosives|firearms|rifles|guns|pistols|revolvers|bullets|"
    r"cartridges|rounds|magazines|kalashnikovs|ak-47s?|carbines?|muskets?|machine-?guns|rockets|"
    r"missiles|munitions|grenades|mortars|rpgs|ieds?|improvised explosive devices|explosive devices|"
    r"detonators|bombs|projectiles|caches?|stockpiles?|drones?|uavs?|mines|landmines)"
)
_TAKE = (
    r"(?<!were )(?<!was )(?<!been )\b(?:(?:captured|seized)(?! (?:[\w,.-]+ ){0,4}(?:"
    + _WEAPONS
    + r"|commanders?|leaders?|members?|suspects?|fighters|militants|soldiers|hostages|"
    r"prisoners|drugs|vehicles?|boats?|ships?|trucks?|cars?|livestock|cattle|goods|documents)\b)|freed|took control|taken control|taking control|cleared|pushed (?:back|(?:[\w-]+ ){1,4}out)|"
    r"dr(?:ove|iven) (?:back|out|(?:[\w-]+ ){1,4}out)|expelled|took over|secured|advanced (?:into|to)|entered|"
    r"recovered|regained|retook|recaptured|liberated|occupied|wrested control|established control|"
    r"controlling the|gained control|gained ground|overran|stormed and (?:seized|captured)|overtook|seizing|capturing|"
    r"taken over|taking over|advanced in(?:to)? the area)\b"
)

# fmt: off
_CUES: dict[str, list[tuple[str, float]]] = {
    "Air/drone strike": [
        (r"\bair ?strikes?\b|\bairstrikes?\b|\bair raids?\b|\baerial (?:bombardment|attacks?|bombing|strikes?)", 3.5),
        (r"\bwar ?planes?\b|\bjets?\b|\bfighter jets?\b|\bhelicopters? gunships?\b|\bgunships?\b|\bhelicopters?\b|\bbombers\b", 2),
        (r"\bdrones?\b|\buavs?\b|\bunmanned aerial|\bsorties\b|\bchoppers?\b|\bair force\b|\bf-\d+s?\b|\bsukhoi|\bmigs?\b", 2.5),
        (r"\bbomb(?:ed|ing|s)? (?:from the air|by (?:war)?planes?)|\bbarrel bombs?\b", 2.5),
        (r"\b(?:air force|aircraft|war ?planes?|planes?|jets?|helicopters?|drones?|aviation|coalition) (?:\w+ ){0,2}(?:struck|bombed|hit|pounded|targeted|raided|fired)", 2.5),
        (r"\bpounded\b|\bbombarded\b|\bbombed\b", 0.5),
    ],
    "Shelling/artillery/missile attack": [
        (r"\btank (?:attack|fire|shells?|rounds)\b|\brockets? (?:struck|hit|landed|fell)\b", 3),
        (r"\bshell(?:ed|ing|s)?\b|\bartillery\b|\bmortars?\b|\bhowitzers?\b", 3),
        (r"\brockets?\b|\bmissiles?\b|\bprojectiles?\b|\bkatyushas?\b", 2.5),
        (r"\bgrad\b|\bmlrs\b|\bmultiple rocket|\bgrenade[- ]launchers?\b|\brpgs?\b|\bheavy (?:and medium )?weapons\b", 2.5),
        (r"\bheavy machine ?guns?\b|\bifvs?\b|\binfantry fighting vehicles?\b|\banti-tank\b|\batgms?\b|\banti-aircraft\b|\bcannons?\b|\bmedium weapons\b|\brecoilless\b", 2),
        (r"\bbombard(?:ed|ment)\b|\bheavy weapons fire\b|\btank (?:fire|shells?|rounds?)\b|\btanks? fired\b", 1.5),
        (r"\bexplosions? (?:\w+ ){0,3}(?:weapons|artillery|mortars?|shells?|rounds)\b", 2),
        # Fire from afar that a position "came under": the remote weapon is the event.
        (r"\bcame under (?:heavy |intense )?(?:rocket|artillery|mortar|missile|tank) (?:fire|attack)\b", 1.5),
    ],
    "Remote explosive/landmine/IED": [
        (r"\blimpet (?:mine|bomb|blast)s?\b|\bsticky bombs?\b", 4),
        (r"\b(?:uv|vb|pb|rc|vo|p)?ieds?\b|\bimprovised explosive|\bremote(?:ly)? (?:explosive|detonat|controlled bomb)|\bplanted (?:a |an )?(?:bomb|explosive|ied|mine)|\b(?:used|set|activated) (?:\w+ )?explosives?\b|\bdetonat(?:ed|ing)\b|\b(?:land ?mine|mine|ied|bomb) (?:attack|blast|explosion)s?\b", 3.5),
        (r"\b(?:land ?)?mines?\b(?! (?:workers?|owners?|sites?))|\blandmines?\b|\bunexploded\b|\buxo\b", 2.5),
        (r"\broadside bombs?\b|\bcar bombs?\b|\bvbieds?\b|\bbomb-laden\b|\bbooby[- ]trap|\bexplosive-laden\b", 3.5),
        (r"\bexplosive devices?\b|\bbombs? (?:exploded|went off|blast)|\bblast\b|\bexplosions?\b", 1.5),
        (r"\b(?:bomb|explosive)s? (?:planted|hidden)\b|\bdetonated\b|\bexploded\b|\bstepped on\b|\bran over\b", 1.5),
        (r"\bmagnetic bomb|\bsticky bomb|\bparcel bomb|\bbomb attack|\bbombing\b|\bbomb\b", 1.5),
    ],
    "Suicide bomb": [
        (r"\bsuicide (?:bomb(?:er|ers|ing|ings)?|attacks?|attackers?|vests?|car bomb|belt|blast|explosion)", 5),
        (r"\bblew (?:himself|herself|themselves) up\b|\bsvbieds?\b|\bsuicide\b", 4),
    ],
    "Grenade": [
        (r"(?<!rpg )\bgrenades?\b(?![- ]launch)", 4),
        (r"\bhurled (?:a|an) explosive|\bthrew (?:a|an) explosive|\bpetrol bombs?\b|\bmolotov", 1),
    ],
    "Chemical weapon": [
        (r"\bsul(?:ph|f)ur mustard\b|\bmustard (?:agent|gas)\b", 5),
        (r"\bchemical (?:weapons?|attacks?|agents?|munitions?)\b|\bnerve (?:agent|gas)\b", 5),
        (r"\bsarin\b|\bchlorine\b|\bmustard gas\b|\btoxic gas\b|\bpoison(?:ous)? gas(?:es)?\b|\bvx\b", 4),
        (r"\basphyxi|\bbreathing difficult|\brespiratory (?:problems|symptoms|distress)|\bsuffocat|\bblurred vision|\bgas(?:es)? (?:attack|shells|canisters)|\bcontaining (?:\w+ )?(?:gas|gases|chemicals)", 4),
    ],
    "Armed clash": [
        (r"\b(?:fighters|militants|insurgents|rebels|gunmen|terrorists|troops|forces|militias?|militiamen|taliban|al-?shabaa?b|boko haram|jihadists|soldiers|army|raiders|bandits|herders|assailants|armed men|gunmen|members)\b[^.;]{0,40}?\b(?:attacked|charged|stormed|raided|assaulted|ambushed|targeted|overran|fired (?:on|at|against)|opened fire (?:on|at|against)|shooting against) "
         r"(?:\w+ ){0,5}" + _ARMED + r"\b", 4),
        (r"\battacks? (?:on|against) (?:\w+ ){0,4}" + _ARMED + r"\b", 3),
        (r"\b(?:killed|killing|captured|neutrali[sz]ed|eliminated|wounded)\b[^.;]{0,40}?\b(?:militants|insurgents|rebels|terrorists|fighters|taliban|jihadists|bandits|gunmen)\b|\binflict(?:ed|ing) (?:\w+ ){0,2}(?:losses|casualties)\b|\blaunched (?:\w+ ){0,2}attacks?\b|\bset upon\b", 2.5),
        (r"\bskirmish(?:es)?\b|\bengaged\b|\bencountered\b|\bambush(?:ed|es)?\b|\boffensive\b|\bcounter-?attack|\braid(?:ed|s)?\b|\bassault\b", 2),
        (r"\brepelled\b|\brepulsed\b|\brouted\b|\bfended off\b|\b(?:thwarted|foiled|repelled|repulsed) (?:\w+ ){0,4}(?:attacks?|incursions?|advances?|infiltrations?|assaults?|offensives?)\b|\bassault(?:ed)? on\b|\b(?:security|military|army|clearance|counter-?terrorism|joint) operations?\b", 2),
        (r"\bfired (?:\w+ ){0,6}(?:at|on|towards) (?:the )?(?:\w+ )?(?:positions?|posts?|troops|forces|soldiers)\b|\bpositions of\b", 2.5),
        (r"\btroops? (?:and|with) (?:militants|rebels|insurgents)|\bgunmen attacked (?:a |the )?(?:police|army|military|security)", 2),
        (r"\boperations? (?:by|of|against)\b", 1.5),
        (r"\b(?:militants?|rebels?|insurgents?|fighters|forces|troops|soldiers|militias?|militiamen|gunmen|terrorists)\b (?:\w+ )?(?:were|was) (?:\w+ )?(?:attacked|ambushed|targeted) by\b", 4),
        (r"\bincursions?\b|\binter-?(?:clan|communal|ethnic|tribal|militia) (?:violence|clash\w*|fighting)|\bkillings between\b|\bbetween (?:rival|different) (?:\w+ )?(?:clans?|sections|militias|factions)", 3),
        (r"\bmilitants?\b|\binsurgents?\b|\brebels?\b|\bfighters\b|\bterrorists?\b|\bjihadists?\b", 0.5),
    ],
    # Not a type: armed agents of the state as the victims, which makes an attack a clash.
    "_armed victims": [
        (r"\b" + _NUMBER + r" (?:\w+ ){0,3}" + _STATE_ARMED + r" (?:\w+ )?(?:was|were|had been|has been|have been) (?:\w+ )?(?:shot|killed|attacked|injured|wounded|ambushed)", 3.5),
        (r"\b(?:killed|killing|shot|attacked|injured|wounded|ambushed) (?:\w+ ){0,3}" + _STATE_ARMED + r"\b", 3),
    ],
    # Not a type: the signs of a fight at close quarters, which decide between types.
    "_close combat": [
        (r"\bclash(?:ed|es|ing)?\b|\bfighting\b|\bfought\b|\bbattles?\b|\bbattled\b|\bcombat\b|\bhostilities\b", 2.5),
        (r"\bgun ?fights?\b|\bfirefights?\b|\bexchang\w* (?:of )?(?:\w+ )?(?:gun)?fire\b|\bexchanged (?:\w+ ){0,2}(?:fire|shots)\b|\bshoot-?outs?\b|\bcrossfire\b|\breturned fire\b|\bfire exchanges?\b|\bshot back\b|\bfired back\b|\b(?:fire|shots|projectiles)\b[^.]{0,60}\bboth directions\b|\bexchanged (?:\w+ ){0,2}(?:artillery|mortars?|rockets|shells|shots)\b|\bresponded (?:with|by firing)\b", 3.5),
        (r"\bsmall arms\b|\b(?<!heavy )machine ?guns?\b|\bsnipers?\b|\bautomatic weapons\b|\bgunfire\b|\bstarted shooting\b", 2.5),
    ],
    "Government regains territory": [
        (_GOVERNMENT + r"[^.;]{0,60}?" + _TAKE, 4),
        (r"\b(?:were|was|have been|has been) (?:pushed back|driven out|driven back|expelled|dislodged|flushed out|ousted|cleared) (?:of|from)\b", 3),
        (_NON_STATE + r"[^.;]{0,50}?\b(?:were|was|have been|has been) (?:pushed back|driven out|driven back|expelled|dislodged|flushed out|ousted)\b|\bground was regained\b", 4),
        (r"\b(?:army|troops|forces|government|military|soldiers)\b[^.;]{0,60}\b(?:recaptured|retook|"
         r"regained(?: control)?|liberated|took back|reclaimed|recovered control|regained control)", 4.5),
        (r"\b(?:recapture|retake|regain|liberation|recapturing|retaking|liberating) (?:of|the)\b", 3.5),
        (r"\b(?:recaptured|retook|liberated|regained control of|back under (?:the )?(?:control|government))\b|\bground was regained\b", 2.5),
    ],
    "Non-state actor overtakes territory": [
        (_NON_STATE + r"[^.;]{0,60}?" + _TAKE, 4),
        (r"\b(?:fell|falls|fallen) (?:to|into the hands of|under (?:the )?control of) (?:the )?(?:\w+ )?(?:militants?|rebels?|insurgents?|jihadists?|fighters|group|taliban|militias?)", 4.5),
        (_GOVERNMENT + r"[^.;]{0,50}?\b(?:were|was|have been|has been) (?:pushed back|driven out|driven back|expelled|dislodged|ousted)\b", 4),
        (r"\bseized control\b|\boverran\b|\btook control of\b|\bcaptured the (?:town|city|village|district)|\bunder (?:their|its) control\b", 2.5),
    ],
    "Attack": [
        (r"\bgunmen\b|\bgunman\b|\bassailants?\b|\bbandits\b|\b(?:gun|shooting|knife|machete) attacks?\b|\bunidentified (?:\w+ )?(?:men|attackers|persons|armed|individuals|people|gunmen|assailants)|\bunknown (?:\w+ )?(?:men|attackers|persons|armed|individuals|people|gunmen|assailants)|\barmed (?:men|individuals|persons|man|group)", 2),
        (r"\bshot (?:dead|and killed|to death|and wounded|and injured)\b|\bkill(?:ed|ing) (?:at least )?(?:\w+ ){0,2}" + _CIVILIANS + r"\b|\bdrive-by\b|\bassassinat\w*", 3),
        (r"\bmassacre(?:d)?\b|\bexecuted\b|\bbeheaded\b|\bstabbed\b|\bhacked\b|\bmurdered\b|\bmurder\b|\bbeat(?:en)? to death\b|\bstoned\b|\btortured\b|\bkilled and (?:his|her|their) bod", 3),
        (r"\battacked (?:\w+ ){0,3}(?:village|villagers|civilians|residents|house|home|family|market|"
         r"worshippers|church|mosque|school|students|man|woman|men|women|people|farmers|herders|community|journalists?)", 2.5),
        (r"\b" + _NUMBER + r" (?:\w+ ){0,2}" + _CIVILIANS + r" (?:was|were|had been|has been|have been) (?:\w+ )?(?:shot|killed|stabbed|attacked|beaten|injured|wounded|murdered|hacked|assaulted|lynched|found dead|burned)", 3),
        (r"\bfired (?:\w+ ){0,3}(?:at|on|towards|into) (?:a |an |the |two |three |several |\d+ )?(?:\w+ )?" + _CIVILIANS + r"\b|\b(?:beat|beaten|hit|whipped|tortured|assaulted|attacked) (?:\w+ ){0,3}" + _CIVILIANS + r"\b|\bkilled (?:\w+ ){0,4}members? of (?:the |a )?(?:\w+ )?(?:community|family|party|village|tribe|clan)", 2.5),
        (r"\b(?:was|were) (?:found dead|found killed)\b|\b(?:bod(?:y|ies)|heads|remains|corpses?)\b (?:\w+ ){0,4}(?:found|discovered|dumped|recovered)|\b(?:were|was) found (?:\w+ ){0,2}(?:dead|wrapped|bound|tied|murdered|decapitated|with)|\bfound (?:dead|murdered|decapitated)|\bmutilated\b|\bfound (?:\w+ ){0,3}bod(?:y|ies)\b|\bgunshot wounds?\b|\bfirearm injuries\b|\bsigns of (?:violence|torture)\b", 2.5),
        (r"\b(?:was|were) attacked\b|\bopened fire (?:on|at)\b|\bshot at\b|\b(?:physically )?assaulted\b|\battacked and (?:injured|killed|wounded)\b|\bfatally\b", 2),
        (r"\bkilled\b|\bkilling\b|\bshot\b|\binjured\b|\bwounded\b|\bbeat\b|\bbeaten\b|\battacked\b", 0.5),
        (r"\bhostages?\b|\bhostage-taking\b", 1.5),
    ],
    "Sexual violence": [
        (r"\bmolest(?:ed|ing|ation|s)?\b|\bsexually (?:abus|assault|exploit)", 5),
        (r"\brap(?:e|ed|es|ing|ist)\b|\bgang-?rap", 5),
        (r"\bsexual(?:ly)? (?:assault(?:ed)?|violence|abuse|harassment|abused|slavery)", 5),
    ],
    "Abduction/forced disappearance": [
        (r"\babduct(?:ed|ion|ions|s|ing)?\b|\bkidnap(?:ped|ping|pings|s)?\b", 4),
        (r"\bforced(?:ly)? disappear|\bwent missing\b|\bwhereabouts (?:remain|are) unknown|\btaken hostage\b|\bheld captive\b", 3),
    ],
    "Peaceful protest": [
        (r"\bdie-ins?\b|\bmarched (?:\w+ ){0,6}(?:against|for|to demand|demanding|in support)\b", 3),
        (r"\bprotest(?:ed|ing|s|ers?)?\b|\bdemonstrat(?:ed|ion|ions|ors?|ing)\b|\brall(?:y|ies|ied)\b|\bmarchers\b", 2.5),
        (r"\bsit-ins?\b|\bstrikes? (?:by|over)\b|\bon strike\b|\bwalkouts?\b|\bvigils?\b|\bpickets?\b|\bmarches\b|\bmarched\b", 1.5),
        (r"\bmarch(?:ed|es)? (?:to|through|on|in protest|against|for)\b|\bprotest marche?s?\b", 1.5),
        (r"\bpeaceful(?:ly)?\b|\bchant(?:ed|ing)\b|\bplacards?\b|\bbanners?\b|\bslogans\b|\bpetition\b|\bmemorandum\b", 1.5),
        (r"\bgathered (?:\w+ ){0,2}(?:outside|in front of|at|in)\b|\bstaged (?:a )?(?:protest|demonstration|sit-in)|\bassembled\b", 2),
        (r"\bhunger strike\b|\bboycott|\bto (?:demand|denounce|protest|condemn|press for|call for|express|show solidarity|oppose)\b|\bdemand(?:ing|ed)\b|\bin solidarity\b", 1.5),
    ],
    # Not a type: a fight among a crowd or with the police, which makes a demonstration violent.
    "_crowd fight": [
        (r"\bclash(?:ed|es|ing)?\b|\bscuffle[sd]?\b|\bbrawl|\bfist ?fights?\b|\bfought\b|\bstreet-?fight", 2.5),
    ],
    # Not a type: violence against people by anyone, which makes a crowd without a cause a mob.
    "_violence": [
        (r"\battack(?:ed|ing)\b|\bbeat(?:en|ing)?\b|\bassault(?:ed|ing)\b|\bkill(?:ed|ing)\b|\bset (?:\w+ )?(?:alight|on fire|ablaze)|\blynch|\binjur(?:ed|ing)\b|\bstabbed\b|\bhacked\b|\bstoned\b|\bthrash(?:ed|ing)\b", 2.5),
    ],
    # Not a type: deaths and serious injuries, which make force against a protest excessive.
    "_lethal": [
        (r"\bkill(?:ed|ing)\b|\bdied\b|\bdead\b|\bdeaths?\b|\blive (?:rounds|bullets|ammunition|fire)\b|\bgunfire\b|\bfatal|\bserious(?:ly)? (?:injur|wound)|\bshot (?:at|into|on)\b", 2.5),
        (r"\binjur(?:ed|ies|ing)\b|\bwounded\b|\bhospitali[sz]ed\b", 1),
    ],
    # Not a type: weapons fired from the ground, which no aircraft carries.
    "_ground fire": [
        (r"\bartillery\b|\bmortars?\b|\bhowitzers?\b|\bshell(?:ed|ing|s)?\b|\btanks? fire|\bmlrs\b|\bgrad\b", 1),
    ],
    # Not a type: words that put what follows in the past or the background.
    "_reference": [
        (r"\bin (?:response|retaliation|reaction|reprisal) (?:to|for)\b|\bin retaliation\b|\bthe scene of\b|\b(?:days?|weeks?|months?|years?) after\b|\banniversary of\b|\bin memory of\b|\bcommemorat", 1),
    ],
    # Not a type: ACLED's notes give the size of every demonstration, and only of those.
    "_demonstration size": [
        (r"\[size=", 2.5),
    ],
    # Not a type: what only demonstrators do, which makes a violent crowd a demonstration.
    "_riot tactic": [
        (r"\bbarricad(?:ed|es|ing)\b(?! (?:themselves|himself|herself))|\bburn(?:ed|t|ing)? (?:\w+ ){0,2}(?:tyres|tires|objects|material|materials|mattresses|chairs|debris|rubbish|garbage|effigy|effigies)\b|\bblock(?:ed|ing) (?:\w+ ){0,3}(?:roads?|highway|streets?|avenue)s? with\b|\bburning (?:objects|debris|barricades|material)\b|\bs[ea]t(?:ting)? fire to\b|\bprison riot|\briot(?:ing|ers)\b|\bdestroy(?:ed|ing) (?:\w+ ){0,2}(?:documents|property|furniture)|\bproperty (?:was |were )?destroyed\b", 2.5),
    ],
    "Protest with intervention": [
        (r"\bsuppress(?:ed|ing)?\b|\bpepper[- ]spray(?:ed)?\b|\bdrag(?:ged)? (?:them|protesters)|\bintervened\b|\bby force\b|\bforcibly\b|\bremoved (?:the )?(?:protesters|demonstrators)", 2),
        (r"\b(?:detain(?:ed)?|arrest(?:ed)?) (?:\w+ ){0,3}(?:protesters|demonstrators|activists|participants)|"
         r"\b(?:protesters|demonstrators|activists|participants) (?:\w+ ){0,3}(?:were|have been) (?:detained|arrested)", 2.5),
        (r"\bdispers(?:ed|e|ing)\b|\bbroke up\b|\btear ?gas\b|\bwater cannons?\b|\bbaton(?:s|-charged)?\b|\blathi", 2),
        (r"\b(?:arrested|detained|rounded up) (?:\w+ ){0,3}(?:protesters|demonstrators|activists|"
         r"participants|students)|\b(?:arrested|detained) (?:\d+|several|some|dozens|many|a number of|scores|hundreds|all)\b|"
         r"\b(?:\d+|several|dozens|many|some) (?:\w+ ){0,2}(?:were |have been )?(?:arrested|detained)\b", 2.5),
        (r"\brubber bullets\b|\bcharged (?:at )?(?:the )?(?:protesters|demonstrators|crowd)|\bstun grenades?\b", 1.5),
        (r"\btear ?gas (?:being |was |were |had been )?(?:employed|used|fired|lobbed)\b[^.]{0,40}\bby (?:the )?(?:authorities|police|security forces|guards|border guards)\b", 2.5),
        (r"\b(?:they|protesters|demonstrators|participants|activists|workers|students|residents|organi[sz]ers|people|(?:some|all|many|several|most|dozens|\d+) of them) (?:were|have been|had been) (?:\w+ )?(?:arrested|detained)\b|\b(?:arrested|detained) for (?:\w+ )?(?:violating|defying|breaching|breaking)\b|"
         r"\b(?:police|officers|forces|soldiers|authorities)\b (?:\w+ ){0,3}(?:stopped|blocked|prevented|removed|dismantled|took down|tore down|confiscated|dragged)\b|\bbeaten up and dragged\b", 2.5),
    ],
    "Excessive force against protesters": [
        (r"\b(?:opened fire|fired|shot) (?:\w+ ){0,3}(?:on|at|into) (?:\w+ ){0,2}(?:protesters|"
         r"demonstrators|crowds?|marchers|protest)", 4),
        (r"\bkill(?:ing|ed) (?:one|two|three|\d+|several|dozens of) (?:\w+ )?(?:protesters?|demonstrators?)|"
         r"\bviolently (?:suppress|disperse|crush)|\bexcessive force\b|\blive bullets\b", 3),
        (r"\b(?:fired|opened fire|shot) (?:live (?:rounds|ammunition|bullets) )?(?:on|at|into) "
         r"(?:the )?(?:unarmed |peaceful )?(?:protesters|demonstrators|crowd|marchers)", 4),
        (r"\b(?:protesters?|demonstrators?)\b[^.]{0,40}\b(?:killed|shot dead|died)\b", 3),
        (r"\blive (?:ammunition|rounds|fire)\b|\bbrutal(?:ly)?\b|\bcrackdown\b", 1.5),
        (r"\b(?:police|officers|security forces)\b[^.]{0,40}\b(?:beat|attacked|assaulted|injured)"
         r"[^.]{0,30}\b(?:protesters|demonstrators|students|demonstration)", 3),
    ],
    "Violent demonstration": [
        (r"\bclash(?:ed|es)? (?:\w+ ){0,3}(?:with|between) (?:\w+ ){0,3}(?:protesters|demonstrators)|"
         r"\b(?:protesters|demonstrators) (?:\w+ ){0,3}clash(?:ed|es)?\b", 2.5),
        (r"\bthrow(?:ing|n)? (?:\w+ ){0,2}(?:bottles|stones|rocks|bricks|fireworks)|\bdebris\b|"
         r"\bescalating violence\b|\bunrest\b", 1.5),
        (r"\brioters?\b|\briot(?:ed|ing)\b|\briots? (?:broke out|erupted)", 3),
        (r"\briots?\b(?! (?:police|gear|control|squad|units?))", 1.5),
        (r"\b(?:pelted|threw|throws?|hurled|hurls?|throwing|pelting|lobbed|lobbing) (?:\w+ ){0,2}(?:stones|rocks|bricks|bottles|petrol bombs?|"
         r"molotov|objects|projectiles|fences?|firecrackers|fireworks|eggs)|\bstone[- ]pelting\b", 3),
        (r"\b(?:torched|set (?:ablaze|fire to|on fire)|vandali[sz]ed|ransacked|burn(?:ed|t|ing) (?:\w+ )?(?:tyres|tires)|barricad(?:ed|es|ing))", 2.5),
        (r"\b(?:protesters|demonstrators)\b[^.]{0,60}\b(?:clashed|attacked|stormed|torched|"
         r"smashed|damaged|burned|set fire|vandali[sz]ed)", 3),
        (r"\bviolent (?:protests?|demonstrations?)|\bturned (?:\w+ )?violent\b|\bturn (?:\w+ )?violent\b|\bstreet violence\b|\baggressive (?:protests?|demonstrations?)", 3),
        (r"\b(?:molotov|firecrackers|fireworks|projectiles|objects|stones|rocks|bottles|eggs|bricks|tear gas canisters)\b[^.]{0,20}\b(?:were |was )?(?:thrown|hurled|lobbed)|\bfire (?:firecrackers|fireworks)\b", 2.5),
        (r"\bsmash(?:ed|ing)\b|\bscuffles?\b|\bscuffled\b|\bpull(?:ed)? down\b|\bstormed\b|\bbroke into\b|\bforced their way\b|\bset (?:\w+ )?on fire\b|\btore down\b", 2.5),
    ],
    "Mob violence": [
        (r"\bmobs?\b|\blynch(?:ed|ing|ings)?\b|\bvigilantes?\b", 4),
        (r"\bangry (?:crowd|villagers|residents|youths?)\b|\bcrowd (?:attacked|beat|killed|set)", 3),
        (r"\bmob justice\b|\bbeaten to death by\b|\bbeat (?:\w+ ){0,2}up\b|\bfist ?fight\b|\bsticks\b|\baxes\b|\bbamboo\b|\brods\b|\bclubs\b", 2),
        (r"\b(?:two|rival) (?:groups|communities|factions|families|clans)\b|\bcommunal (?:clash|violence)", 2),
    ],
    "Agreement": [
        (r"\b(?:announced|declared|proclaimed|called|observed|extended) (?:a |an |the )?(?:\w+[- ]){0,3}(?:ceasefire|cease-fire|truce)\b", 4),
        (r"\bcease-fire\b|\barmistice\b", 1.5),
        (r"\b(?:exchange|swap) of prisoners\b|\bprisoners? (?:were|was) (?:swapped|exchanged)|"
         r"\bas part of (?:the|a) (?:deal|agreement|accord)", 3),
        (r"\b(?:agreed|announced|declared|extended|accepted) (?:a|to|on|upon|the) (?:[\w-]+ ){0,3}(?:ceasefire|cease-fire|truce|deal|pause|"
         r"humanitarian|peace)", 3.5),
        (r"\bpeace (?:talks|process|negotiations|plan)\b|\bin exchange for (?:the )?(?:release|freedom)|\bexchange (?:\w+ ){0,2}of (?:\w+ ){0,2}prisoners|\bprisoners of war\b|\bdisarmament\b|\bintegrat\w+ into the (?:army|armed forces)", 3),
        (r"\b(?:signed|reached|agreed|brokered|struck|concluded) (?:\w+ ){0,3}(?:agreement|accord|deal|"
         r"ceasefire|truce|memorandum|protocol|treaty|peace)", 4),
        (r"\b(?:peace|ceasefire|truce) (?:agreement|deal|accord|pact)\b|\bagreed (?:on|to) (?:a )?"
         r"(?:ceasefire|truce)", 3.5),
        (r"\bprisoner (?:swap|exchange)\b|\bexchanged (?:\w+ )?prisoners\b", 3),
        (r"\bagreed to (?:establish|set up|create|form|open|implement|hold joint)\b", 3.5),
        (r"\bthe (?:agreement|deal|accord|truce|ceasefire) (?:came about|was (?:reached|signed|agreed|struck|brokered))\b", 4),
        # ACLED's examples: peace talks, evacuation deals, prisoner releases, surrenders, repatriations.
        (r"\bsurrender(?:ed|s|ing)?\b|\blaid down (?:their|his|its) (?:arms|weapons)|\breleased (?:\w+ ){0,3}(?:prisoners|detainees|hostages|captives)\b|\bevacuation (?:deal|agreement)|\brepatriat", 3),
        (r"\bagreement\b|\bceasefire\b|\btruce\b|\baccord\b|\bagreed\b", 1),
    ],
    "Arrests": [
        (r"\b(?:jailed|imprisoned|locked up) (?:\w+ ){0,4}(?:suspect|terrorist|militant|member|activist|people|men)", 3),
        (r"\barrest(?:ed|ing)\b|\bdetain(?:ed|s|ing)?\b|\bapprehended\b|\btaken into custody\b|\bnabbed\b", 3),
        (r"\barrests?\b|\bin custody\b|\bheld for questioning\b|\bremanded\b|\bcaptured (?:a |an |\d+ |two |three )"
         r"?(?:suspected )?(?:militants?|terrorists?|members?|suspects?|leaders?|commanders?)", 2),
    ],
    "Change to group/activity": [
        (r"\bdeployed\b|\bdeployment\b|\breinforcements?\b|\breinforc(?:ed|ing)\b|\bsent (?:more )?(?:troops|forces)\b|\bmoved (?:troops|forces)|\bmoving troops\b", 2.5),
        (r"\bdefect(?:ed|ion|ions|s)?\b|\bjoined (?:the )?(?:ranks|forces)\b|\bmerged?\b|\bformed\b|\bset up a (?:new )?(?:\w+ )?(?:militia|group|unit|force|committee|patrol)", 2.5),
        (r"\bwithdr(?:ew|awn|awal)\b|\bpulled out\b|\bredeploy|\bfortif(?:y|ied|ications?)\b|\btrenches\b", 2),
        (r"\bcurfew\b|\bimposed (?:a )?(?:\w+ )?(?:lockdown|curfew|ban|restrictions)\b|\bannounced (?:the )?(?:formation|launch|creation)", 2),
        # Authorities' measures (lockdowns, curfews, states of emergency) change their activity.
        (r"\b(?:declared|announced|imposed|extended|ordered|enforced|lifted) (?:[\w-]+ ){0,4}(?:lockdown|curfew|state of emergency|quarantine|ban on|restrictions on|mandatory)\b|\bhalted all (?:entries|movement|traffic)\b", 4),
        (r"\bmilitary exercises?\b|\bdrills?\b|\bconvoy (?:entered|arrived)|\btraining camp\b|\bmobili[sz]ed\b|\bmobili[sz]ation\b", 2),
        (r"\brecruit(?:ed|ment|ing)\b|\bdistribut(?:ed|ing) (?:food|aid|masks)", 2),
    ],
    "Disrupted weapons use": [
        (r"\b(?:" + _WEAPONS + r"|bombs?|suspicious packages?|packages)\b[^.]{0,80}\b(?:was|were|"
         r"has been|have been|had been) (?:\w+ )?(?:seized|recovered|confiscated|found|discovered|"
         r"intercepted|defused|uncovered|destroyed|shot down|neutrali[sz]ed|dismantled|captured|identified|handed over)", 4),
        (r"\b(?:stash|cache|caches|haul|depot|hideout|stockpile)s? of (?:\w+ ){0,3}" + _WEAPONS + r"|\barms depot\b", 3.5),
        (r"\b(?:seized|recovered|confiscated) (?:\w+ ){0,4}(?:firearms|weapons|arms)\b", 3.5),
        (r"\bdefus(?:ed|ing|e|al)\b|\bdismantled (?:\w+ ){0,2}(?:bomb|ied|explosive)|\bdeactivated\b|"
         r"\bdisarmed\b|\bbomb disposal\b|\bdemin(?:ed|ing)\b", 4),
        (r"\b(?:seized|recovered|confiscated|found|discovered|intercepted|uncovered|shot down|downed|captured|destroyed|dismantled) (?:[\w,.-]+ ){0,5}" + _WEAPONS + r"\b", 3.5),
        (r"\bintercepted\b|\bshot down\b|\b(?:thwarted|foiled) (?:\w+ ){0,3}(?:bomb|plot|attempt to (?:plant|detonate|smuggle (?:arms|weapons)))|\bweapons caches?\b|\barms caches?\b|\bair defen[cs]es?\b", 2.5),
        (r"\bcontrolled (?:explosion|detonation)|\bdestroyed (?:\w+ ){0,3}(?:stockpile|cache|ammunition)", 3),
    ],
    "Headquarters or base established": [
        (r"\b(?:set(?:ting)? up|establish(?:ed|ing|es)?|built|building|opened|erected|installed|build) (?:[\w,-]+ ){0,4}(?:base|bases|post|posts|"
         r"outposts?|headquarters|observation points?|points|checkpoints?|camps?|positions?|barracks)\b", 4.5),
        (r"\b(?:base|bases|posts?|outposts?|headquarters|points?|checkpoints?|camps?|barracks)\b (?:\w+ ){0,2}(?:was|were|has been|have been|had been) (?:\w+ )?(?:set up|established|built|erected|opened)\b", 4.5),
        (r"\bnew (?:military )?(?:base|observation post|outpost|headquarters)\b", 3),
    ],
    "Looting/property destruction": [
        (r"\bloot(?:ed|ing|ers)?\b|\bplunder(?:ed)?\b|\bpillag(?:ed|ing)\b|\bransacked\b", 4),
        (r"\b(?:torched|burned|burnt|set fire to|set ablaze|destroyed|demolished|razed|vandali[sz]ed|bulldozed|damaged) "
         r"(?:\w+ ){0,4}(?:houses?|homes?|shops?|vehicles?|cars?|property|properties|buildings?|"
         r"crops?|offices?|school|church|mosque|village|farms?|structures?|trees)", 3),
        (r"\b(?:houses?|homes?|shops?|vehicles?|cars?|property|properties|buildings?|crops?|offices?|structures?)\b (?:\w+ ){0,3}(?:were|was|have been|has been|had been) (?:\w+ )?(?:set on fire|torched|burned|burnt|destroyed|demolished|vandali[sz]ed|set ablaze|looted)", 3),
        (r"\btorching\b|\b(?:destruction|burning) of (?:\w+ ){0,3}(?:properties|property|homes|houses|shops|buildings|villages?)", 3),
        (r"\barson\b|\bproperty destruction\b|\bdamaged (?:\w+ ){0,3}(?:property|offices?|houses?)|\bconfiscated (?:\w+ ){0,3}(?:land|property|properties|mall|houses?)|\bseized (?:\w+ ){0,3}(?:land|property|properties|livestock|cattle)|\brustl(?:ed|ing)\b", 2.5),
    ],
    "Non-violent transfer of territory": [
        (r"\bhanded over\b|\bhand(?:ed|s|ing)? (?:back )?(?:control|over)\b|\bhandover\b|\btook over (?:\w+ ){0,3}"
         r"(?:positions|posts|bases) (?:vacated|left)", 3.5),
        (r"\bwithdr(?:ew|awn) (?:from|its forces from)\b[^.]{0,60}\b(?:entered|took over|moved in|"
         r"deployed)|\bleaving it (?:\w+ ){0,2}in the hands\b|\bpulled out of\b[^.]{0,60}\b(?:recaptured|entered|took)", 3.5),
        (r"\bwithout (?:a )?(?:fight|resistance|firing)\b|\bpeacefully (?:entered|took)\b|\b(?:not|no) (?:encounter(?:ed)? )?(?:any )?resistance\b|\bdeserted\b|\bvacated\b|\babandoned\b", 3),
        (r"\b(?:after|following|as|when) (?:the )?(?:\w+ ){0,4}(?:pulled out|withdrew|withdrawal|retreated|retreat|handed)", 3),
        (r"\bentered (?:the )?(?:town|city|village|area)\b", 1.5),
    ],
    "Other": [
        (r"\bmass graves?\b|\bexhum", 3),
        (r"\breturn(?:ed)? (?:to their|home)\b|\bhumanitarian (?:assistance|aid)\b", 1),
    ],
    # Not conflict events: they compete so that such news yields no mention.
    "Natural disaster": [
        (r"\bearthquakes?\b|\bfloods?\b|\bflooding\b|\bcyclones?\b|\bhurricanes?\b|\btyphoons?\b|"
         r"\blandslides?\b|\btsunami\b|\bdrought\b|\bwildfires?\b|\bforest fires?\b|\bvolcan|\btornado", 4.5),
        (r"\bcases\b|\binfect(?:ed|ions?)\b|\btested positive\b|\bdeath toll\b|\boutbreak\b|\bepidemic\b|\bcholera\b|\bebola\b|\bcaseload\b", 3),
        (r"\bcovid|\bcoronavirus|\bpandemic\b|\bvirus\b", 1),
        (r"\bmagnitude\b|\brichter\b|\bheavy rains?\b|\bstorm\b|\bheatwave\b|\blocusts?\b", 2.5),
    ],
    "Man-made disaster": [
        (r"\b(?:train|plane|bus|road|traffic|boat|ferry|mining|industrial|car|vehicle|truck|helicopter) (?:accident|crash|collision)|"
         r"\bcrash(?:ed)?\b|\bcollapsed?\b|\bderail|\bcapsized\b|\bsank\b|\bgas leak\b|\bfactory fire\b|"
         r"\bblaze\b|\bfire broke out\b|\bcaught fire\b|\bleak\b|\bspill(?:ed|age)?\b|\bcollision\b|\boverturned\b|\bleak(?:ed|age|s)?\b|\b(?:gas|propane|boiler|tank|cylinders?|containers?|reactor|furnace)s? (?:\w+ ){0,3}explo", 3),
        (r"\b(?:fire|blaze|flames) (?:broke out|engulfed|gutted|ripped|swept|razed)|\bcatching fire\b|\bin a fire\b(?! exchange)|\bexplosions? (?:\w+ ){0,5}(?:warehouse|factory|plant|refinery|mine|depot|port|industrial|chemical|gas|pipeline|tanker|fireworks|boiler|cylinder)|\bammonium nitrate\b|\b(?:food|alcohol|gas|carbon monoxide) poisoning\b|\bcontaminated\b|\badulterated\b|\btoxins?\b|\bcollided\b|\boil spill\b|\bleaked\b|\bstampede\b|\bbuilding (?:collapse|fell)", 3.5),
        (r"\baccident(?:al|ally)?\b|\bfire (?:crews|fighters|service|brigade)\b|\bfirefighters\b|\bemergency services\b|\bchemical (?:plant|leak|spill)\b|\bfumes\b", 2),
    ],
    "Crime": [
        (r"\brobb(?:ed|ery|eries|ers?)\b|\bthe(?:ft|fts|ves|f)\b|\bstole\b|\bburglar|\bpickpocket", 3.5),
        (r"\bdrug (?:traffick|smuggl|cartel|dealer|bust|seizure|lord)|\bnarcotics?\b|\bcocaine\b|\bheroin\b|"
         r"\bmethamphetamine\b|\bcartels?\b|\bcannabis\b|\bmarijuana\b", 3),
        (r"\bsmuggl(?:e|ed|ing|ers?)\b|(?<!drug )\btraffick(?:ing|ers?|ed)\b|\bfraud\b|\bcorruption\b|\bbribe|\bembezzl", 3),
        (r"\bgangs?\b|\bmafia\b|\bextortion\b|\bcounterfeit\b|\bmoney laundering\b|\bcontraband\b|\bsteal(?:ing)?\b|\bstolen\b|\bscam\b|\bpornograph|\bhashish\b|\bmigrants\b|\bcyber ?crime|\bpoaching\b|\bpoachers\b", 2),
    ],
    "Diplomacy": [
        (r"\bsanctions?\b|\bexpel(?:led|s)? (?:\w+ ){0,3}diplomats?\b|\bambassadors?\b|\bdiplomat(?:s|ic)?\b|"
         r"\bembassy\b|\bsummoned\b", 3.5),
        (r"\btalks?\b|\bsummit\b|\bvisit(?:ed|s)?\b|\bmet with\b|\bcondemned\b|\bcalled (?:on|for)\b|"
         r"\burged\b|\bvowed\b|\bstatement\b|\bresolution\b|\bsecurity council\b|\bforeign minist|\bnegotiat", 1.5),
    ],
    "Attribution": [
        (r"\bclaimed responsibility\b|\bclaim(?:ed|s)? (?:\w+ ){0,2}responsibility\b|\bresponsibility for\b|\bdenied (?:\w+ ){0,2}(?:involvement|responsibility|sending|any role)", 5),
        (r"\btak(?:es|ing|en)? credit\b|\btook credit\b|\b(?:rejected|denied|dismissed) (?:\w+ ){0,3}(?:allegations|accusations|claims|reports?)\b|\baccus(?:ed|es|ing) (?:\w+ ){0,3}of (?:bombing|attacking|carrying out|being behind|launching|orchestrating|staging)|\b(?:were|was|is|are) (?:not )?responsible for\b|\bheld accountable\b", 4),
        (r"\bblam(?:ed|es|ing)\b|\baccus(?:ed|es|ing|ations?)\b|\ballegations?\b|\b(?:is|was|were|are) (?:\w+ )?(?:responsible|behind)\b", 1),
    ],
}
# fmt: on

# Sentences are lower-cased once; a kind's cues run only where a word of the sentence starts
# with one of their literal starts (see _prefilter): most sentences match few kinds.
_COMPILED = {
    kind: [(re.compile(rx), weight, Gate.of([rx])) for rx, weight in cues]
    for kind, cues in _CUES.items()
}


def _index() -> tuple[
    dict[str, list[int]], frozenset[int], list[tuple[str, re.Pattern[str], float, Gate]]
]:
    """The cues by the word starts that open their gates (numbered in _COMPILED's order),
    the cues whose gates must always be asked, and every cue with its kind, by number."""
    by_start: dict[str, list[int]] = {}
    asked: list[int] = []
    flat: list[tuple[str, re.Pattern[str], float, Gate]] = []
    for kind, cues in _COMPILED.items():
        for rx, weight, gate in cues:
            n = len(flat)
            flat.append((kind, rx, weight, gate))
            if gate.word_starts is None or gate.anywhere:
                asked.append(n)
            for start in gate.word_starts or ():
                by_start.setdefault(start, []).append(n)
    return by_start, frozenset(asked), flat


# A sentence's word starts look up the cues that may match it (one dict lookup a start, not
# one gate a cue); only those cues' gates are asked.
_BY_START, _ASKED, _CUE_LIST = _index()
_STARTS = frozenset(_BY_START)
_CUE_ROWS = [(*cue, n in _ASKED, cue[3].needs) for n, cue in enumerate(_CUE_LIST)]
"""Each cue with whether its gate must be asked and the literals it needs, read in one go."""


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
    """Each kind's score in a sentence, with its first matched cue (kinds with a cue only).

    Kinds named with a leading "_" are signals for the precedence rules (close combat, a
    demonstration's size, background words), never a type.
    """
    found: dict[str, list[Any]] = {}  # kind: [total, first match]
    low = _lower(sentence)
    gated = words_and_text(low)
    maybe = set(_ASKED)
    for start in gated[0] & _STARTS:
        maybe.update(_BY_START[start])
    # Cues in their numbered order, so kinds come in _COMPILED's order and, between two
    # matches at one place, the kind's earlier cue is its first.
    text = gated[1]
    for n in sorted(maybe):
        kind, rx, weight, gate, asked, needs = _CUE_ROWS[n]
        if asked:
            if not gate.open(gated):
                continue
        elif needs and not holds_any(needs, text):
            continue  # a word of the sentence starts as the cue does: only its needs are asked
        m = rx.search(low)
        if m is None:
            continue
        seen = found.get(kind)
        if seen is None:
            found[kind] = [weight, m]
        else:
            seen[0] += weight
            if m.start() < seen[1].start():
                seen[1] = m
    return {kind: (total, first) for kind, (total, first) in found.items()}


_PROTEST = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")
_RIOT = ("Violent demonstration", "Mob violence")
_REMOTE = (
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
)


def _demonstration(s: dict[str, float], words: float, marker: float, close: float) -> None:
    """Within a demonstration, ACLED's order: violence by the crowd, then force against it,
    then intervention; a crowd with no protest to make is a mob."""
    fight = s.pop("_crowd fight", 0.0)
    violence = s.pop("_violence", 0.0)
    lethal = s.pop("_lethal", 0.0)
    violent = s.get("Violent demonstration", 0.0) + s.pop("_riot tactic", 0.0)
    mob = s.get("Mob violence", 0.0)
    force = s.get("Excessive force against protesters", 0.0)
    intervention = s.get("Protest with intervention", 0.0)
    evidence = words + marker + violent + mob + force + intervention
    if words >= 2.5:
        if violent >= 2.5 or fight >= 2.5:
            winner = "Violent demonstration"
        elif mob >= 4:
            winner = "Mob violence"
        elif force >= 3 or (lethal >= 2.5 and force + intervention >= 1.5) or lethal >= 3.5:
            # Deaths or serious injuries where the police acted: the force was excessive.
            winner = "Excessive force against protesters"
        elif intervention >= 2:
            winner = "Protest with intervention"
        else:
            winner = "Peaceful protest"
    else:
        harm = max(
            s.get("Attack", 0.0), s.get("Looting/property destruction", 0.0), fight, mob, violence
        )
        if mob >= 4 and words < 1.5:
            winner = "Mob violence"
        elif violent >= 2.5 and (words >= 1.5 or s.get("Violent demonstration", 0.0) < violent):
            winner = "Violent demonstration"
        elif violent >= 2.5 or harm >= 2:
            winner = "Mob violence"
        elif intervention >= 2:
            winner = "Protest with intervention"
        else:
            winner = "Peaceful protest"
        evidence += harm
    for kind in (*_PROTEST, *_RIOT):
        s.pop(kind, None)
    s[winner] = evidence + fight
    # The cause of a protest (an epidemic, a court ruling, an arrest, a killing) is its context.
    for kind in s:
        if kind != winner:
            s[kind] /= 2


def _background(s: dict[str, float], found: dict[str, tuple[float, re.Match[str]]]) -> None:
    """Halve the kinds first named after "in response to", "the scene of" and the like, when
    some kind is named before: the news is what comes first, the rest is its cause or past."""
    marker = found["_reference"][1].start()
    before = [k for k in s if not k.startswith("_") and found[k][1].start() < marker]
    if not before:
        return
    for kind in s:
        if not kind.startswith("_") and found[kind][1].start() > marker:
            s[kind] /= 2


def _precedence(found: dict[str, tuple[float, re.Match[str]]]) -> dict[str, float]:
    """ACLED's precedence between related types, applied to the raw scores."""
    s = {k: v[0] for k, v in found.items()}
    if s.pop("_reference", 0.0):
        _background(s, found)
    close = s.pop("_close combat", 0.0)
    armed_victims = s.pop("_armed victims", 0.0)
    marker = s.pop("_demonstration size", 0.0)
    words = s.get("Peaceful protest", 0.0)
    if words >= 2.5 or marker:
        _demonstration(s, words, marker, close)
    else:
        for kind in ("_riot tactic", "_crowd fight", "_lethal", "_violence"):
            s.pop(kind, None)
        # Force and intervention need a protest to act on; arrests away from one are arrests.
        for kind in _PROTEST[1:]:
            if kind in s:
                s[kind] /= 2
        if s.get("Arrests", 0.0) >= 3:
            s.pop("Protest with intervention", None)
        if armed_victims:
            # Armed agents of the state are a side in a fight, not civilians attacked.
            s["Armed clash"] = s.get("Armed clash", 0.0) + armed_victims + s.pop("Attack", 0.0) / 2
        territory = max(
            s.get("Government regains territory", 0.0),
            s.get("Non-state actor overtakes territory", 0.0),
        )
        if territory >= 4 and not close and s.get("Non-violent transfer of territory", 0.0) >= 3:
            # Ground taken where the other side had left, without a fight, changed hands peacefully.
            s["Non-violent transfer of territory"] += territory
        elif territory >= 4:
            # A fight in which ground changes hands is coded by who took it: the side named first.
            taker = min(
                (
                    k
                    for k in ("Government regains territory", "Non-state actor overtakes territory")
                    if s.get(k, 0.0) >= 4
                ),
                key=lambda k: found[k][1].start(),
            )
            s[taker] = max(s[taker], territory) + close + 0.5
        elif close:
            # Fighting at close quarters is a clash, even where artillery or an attack joins in.
            shelling = s.get("Shelling/artillery/missile attack", 0.0)
            s["Armed clash"] = s.get("Armed clash", 0.0) + close + shelling / 2
            # Those killed in a fight are its casualties, not the victims of a separate
            # attack; criminals who fight the police are an armed side.
            for kind in ("Attack", "Crime", "Arrests"):
                if kind in s:
                    s[kind] /= 3 if close >= 3.5 else 2
        elif (
            max((s.get(kind, 0.0) for kind in _REMOTE), default=0.0) >= 3.5
            or s.get("Shelling/artillery/missile attack", 0.0) >= 3
            or s.get("Air/drone strike", 0.0) >= 2
        ):
            # Fire from afar at an enemy's positions, with no fight on the ground, is remote.
            if s.get("Shelling/artillery/missile attack", 0.0) >= 3:
                s["Shelling/artillery/missile attack"] += 2
            if "Armed clash" in s:
                s["Armed clash"] /= 2
    claim = s.get("Attribution", 0.0)
    if claim >= 4 and "Attribution" in found:
        # A claim or denial of responsibility stated first is the news: the event is its object.
        events = [
            k
            for k in s
            if k in found and k not in NON_CONFLICT and not k.startswith("_") and s[k] >= 2
        ]
        if events and all(found["Attribution"][1].start() < found[k][1].start() for k in events):
            s["Attribution"] += max(s[k] for k in events)
    if s.get("Disrupted weapons use", 0.0) >= 3.5 and not close:
        # Weapons found, seized or defused: the weapons named are what was disrupted.
        s["Disrupted weapons use"] += max((s.get(kind, 0.0) for kind in _REMOTE), default=0.0)
    if s.get("Crime", 0.0) >= 3 and "Arrests" in s:
        # Arrests for ordinary crime are not ACLED's arrests (of political actors).
        s["Arrests"] /= 2
    if s.get("Man-made disaster", 0.0) >= 3 or s.get("Natural disaster", 0.0) >= 4.5:
        # The dead of an accident or a disaster are not victims of an attack; a gas that
        # leaked is not a chemical weapon unless one is named.
        s.pop("Attack", None)
        if s.get("Chemical weapon", 0.0) < 5:
            s.pop("Chemical weapon", None)
    if s.get("Chemical weapon", 0.0) >= 4:
        # Shells or bombs that carry a chemical are a chemical weapon.
        s["Chemical weapon"] += max((s.get(kind, 0.0) for kind in _REMOTE), default=0.0)
    if s.get("Suicide bomb", 0.0) >= 4:
        s["Suicide bomb"] += s.get("Remote explosive/landmine/IED", 0.0)
    ground = s.pop("_ground fire", 0.0)
    if s.get("Air/drone strike", 0.0) >= 2:
        # Missiles and bombs from aircraft are an air strike; with artillery named beside
        # the aircraft, the ground weapons keep their own type.
        shelling = s.get("Shelling/artillery/missile attack", 0.0)
        s["Air/drone strike"] += shelling / 3 if ground else shelling * 0.75
    if (
        (
            max((s.get(kind, 0.0) for kind in _REMOTE), default=0.0) >= 2.5
            or s.get("Air/drone strike", 0.0) >= 2
        )
        and not close
        and "Attack" in s
    ):
        s["Attack"] /= 2
    # The kinds named with "_" only inform the rules above: they are never a sentence's type.
    return {k: v for k, v in s.items() if v > 0 and not k.startswith("_")}


def _ranked(sentence: str) -> list[tuple[str, float]]:
    found = scores(sentence)
    if not found:
        return []
    return sorted(_precedence(found).items(), key=lambda kv: kv[1], reverse=True)


def strongest_kind(sentence: str, minimum: float = 2.0) -> str | None:
    """The kind of news a sentence most likely reports, conflict or not (None: no kind scores enough).

    >>> strongest_kind("Thieves robbed a jewellery shop downtown.")
    'Crime'
    """
    ranked = _ranked(sentence)
    if not ranked or ranked[0][1] < minimum:
        return None
    return ranked[0][0]


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
