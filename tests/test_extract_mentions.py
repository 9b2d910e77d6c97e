"""Reports to mentions: the whole cascade, the store, the commands and the seed gold."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from tests.conftest import EXAMPLE, need_shared
from typer.testing import CliRunner

from trucewatch.agreements import load_agreement
from trucewatch.cli import app
from trucewatch.extract.actors import code_actors, find_actors
from trucewatch.extract.mentions import Extractor, Report
from trucewatch.store import Store

DAY = dt.datetime(2020, 3, 12, tzinfo=dt.UTC)  # a Thursday


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load([load_agreement(EXAMPLE / "agreement.yaml")])


def _one(extractor: Extractor, text: str, published: dt.datetime | None = DAY) -> list:
    return extractor.extract(
        Report(id="d", text=text, published=published, published_precision="day")
    )


def test_an_air_strike_is_coded_with_its_day_place_toll_actors_and_sources(
    extractor: Extractor,
) -> None:
    text = (
        "Aid groups said on Friday that the war had displaced thousands.\n\n"
        "On Wednesday, at least 7 civilians were killed when Syrian government warplanes "
        "bombed a market near the town of Sarmin, according to rescue workers.\n\n"
        "Damascus denied hitting civilians."
    )
    [m] = [m for m in _one(extractor, text) if m.sub_event_type == "Air/drone strike"]
    assert m.when.date == dt.date(2020, 3, 11) and m.when.precision == 1
    assert m.where.name == "Sarmin" and m.where.precision == 2
    assert m.fatalities == 7 and "at least 7" in (m.fatalities_text or "")
    assert (m.actor1, m.actor2) == ("Military Forces of Syria", "Civilians (Syria)")
    assert ("Rescue workers", "claim") in {(c.by, c.kind) for c in m.claims}
    assert ("Damascus", "denial") in {(c.by, c.kind) for c in m.claims}
    sentence = m.evidence[0]
    assert text[sentence.start : sentence.end] == sentence.text and "Sarmin" in sentence.text


def test_reports_coded_together_are_coded_as_each_alone(extractor: Extractor) -> None:
    # ``trucewatch extract`` codes fifty stored documents at a time, their place names read
    # by the NER in one batch: each must come out as it would on its own.
    texts = [
        "On Tuesday, gunmen killed two farmers near Kafr Nabl, residents said.",
        "The ministry published its yearly budget on Monday.",
        "Jordan Avery, a nurse, said shelling hit the clinic in Saraqeb on Sunday, killing one.",
        "Clashes were reported in Zorvantic and near Maarat Misrin on Wednesday.",
    ]
    reports = [
        Report(id=str(i), text=t, published=DAY, published_precision="day")
        for i, t in enumerate(texts)
    ]
    before = extractor.finder.ner_windows
    together = extractor.extract_many(reports)
    assert extractor.finder.ner_windows > before
    alone = [extractor.extract(r) for r in reports]
    assert together == alone
    assert [bool(ms) for ms in together] == [True, False, True, True]
    assert [m.where.name for m in together[2]] == ["Saraqeb"]
    assert list(extractor.extract_all(iter(reports))) == alone


def test_what_a_party_says_after_the_event_is_its_claim_with_the_party_coded(
    extractor: Extractor,
) -> None:
    text = (
        "Shells landed on a school in Ariha on Tuesday morning, killing two teachers, "
        "local volunteers said.\n\n"
        "The Turkish defence ministry said the fire had come from positions held by "
        "extremists near the town."
    )
    [m] = _one(extractor, text)
    said = {c.by: c for c in m.claims}
    assert said["Turkish defence ministry"].actor == "Military Forces of Turkey"
    assert said["Local volunteers"].actor is None
    assert any("extremists" in e.text for e in m.evidence)


def test_a_place_named_to_locate_another_is_not_the_event_place(extractor: Extractor) -> None:
    text = (
        "On Monday, in Sabadell, Barcelona, police officers went to a market to check a tip. "
        "Officers were shot at and a gunfight broke out."
    )
    [m] = _one(extractor, text)
    assert m.where.name == "Sabadell"


def test_a_town_far_from_the_others_the_report_names_is_not_the_event_place(
    extractor: Extractor,
) -> None:
    # The neighbourhood shares its name with a city 1,300 km away; the report is set in Sorriso.
    text = (
        "On Sunday, in Sorriso, Mato Grosso, gunmen shot two men dead in the Santa Maria "
        "neighbourhood."
    )
    [m] = _one(extractor, text)
    assert m.where.name == "Sorriso"


def test_a_town_in_a_country_nothing_else_names_gives_way_to_one_the_report_backs(
    extractor: Extractor,
) -> None:
    # "Lima" alone reads as Peru's capital; Kaya's province places the report in Burkina Faso.
    text = (
        "On Monday, troops shot dead two smugglers near the Lima hills, outside Kaya "
        "(Sanmatenga province)."
    )
    [m] = _one(extractor, text)
    assert (m.where.name, m.where.country) == ("Kaya", "BF")


def test_where_a_road_leads_is_not_the_event_place(extractor: Extractor) -> None:
    text = "On Monday, in Irapuato, gunmen shot a bus driver dead on the road towards Silao."
    [m] = _one(extractor, text)
    assert m.where.name == "Irapuato"


def test_a_village_read_as_a_far_namesake_gives_way_to_the_town_locating_it(
    extractor: Extractor,
) -> None:
    # The gazetteer's only Santa Maria lies some 1,500 km from Sorriso: not this village.
    text = (
        "On Tuesday, a landmine killed a farmer in Santa Maria village, Sorriso district, "
        "Mato Grosso."
    )
    [m] = _one(extractor, text)
    assert m.where.name == "Sorriso"


def test_an_event_known_only_by_its_province_is_at_the_main_town(extractor: Extractor) -> None:
    [m] = _one(extractor, "Militants ambushed an army convoy in Helmand province on Tuesday.")
    assert m.where.name == "Lashkar Gāh" and m.where.precision == 3
    assert m.where.admin1 == "AF-HEL"


def test_a_place_someone_came_from_is_not_the_event_place(extractor: Extractor) -> None:
    text = (
        "On Sunday, police detained a reporter in Helmand province as he was travelling "
        "from Kandahar to see his family."
    )
    [m] = _one(extractor, text)
    assert m.where.admin1 == "AF-HEL" and m.where.precision == 3


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot dead on Friday in Colonia Tepeyac, in Irapuato.",
        "On Friday, in Irapuato, traders from Santa Rosa neighbourhood protested against a curfew.",
        "On Friday, traders protested at the San Juan square in Irapuato against a curfew.",
    ],
)
def test_a_part_of_a_town_is_not_the_event_place(extractor: Extractor, text: str) -> None:
    # The part ("Colonia X", "X neighbourhood", "X square") is read as a namesake far
    # away, or not at all: where it happened is the town the report names.
    [m] = _one(extractor, text)
    assert m.where.name == "Irapuato"


@pytest.mark.parametrize(
    "text",
    [
        "On Friday, in Irapuato, a crowd gathered outside the Tampico Palace.",
        "In Irapuato on Friday, staff of the Victoria marched to demand unpaid wages.",
    ],
)
def test_a_name_inside_a_building_or_body_is_not_the_event_place(
    extractor: Extractor, text: str
) -> None:
    # "the X Palace", "staff of the X marched": X names a building or a body, not a town.
    [m] = _one(extractor, text)
    assert m.where.name == "Irapuato"


def test_a_town_written_in_a_division_of_another_country_is_a_misread_namesake(
    extractor: Extractor,
) -> None:
    # Springfield reads as the US city; the state written to locate it is Mexican, so the
    # event is put at the state's main town, at region precision.
    [m] = _one(extractor, "On Friday, in Springfield, Guanajuato, gunmen shot a man dead.")
    assert (m.where.country, m.where.precision) == ("MX", 3)


def test_a_town_written_as_a_locality_of_a_state_is_the_event_place(
    extractor: Extractor,
) -> None:
    # "locality" is a unit named after its town, not a part of a town: the town, not the
    # state's main town.
    text = "On Monday, gunmen killed two farmers in Talodi locality (South Kordofan state)."
    [m] = _one(extractor, text)
    assert (m.where.name, m.where.precision) == ("Talodi", 1)


def test_a_town_in_brackets_after_a_district_locates_the_district(
    extractor: Extractor,
) -> None:
    # "X district (Dhaka)": Dhaka names the division holding the district, not the town.
    [m] = _one(extractor, "On Friday, police fired on protesters in Narsingdi district (Dhaka).")
    assert m.where.admin1 == "BD-42"


def test_where_people_come_from_gives_way_to_where_they_acted(extractor: Extractor) -> None:
    text = "On Friday, residents of Silao staged a sit-in in Irapuato to demand clean water."
    [m] = _one(extractor, text)
    assert m.where.name == "Irapuato"


def test_each_province_of_a_list_is_a_province(extractor: Extractor) -> None:
    # "provinces" after the list makes each name a province: Kabul is put at its main
    # town at precision 3, as a province-level event, not at the city at precision 1.
    text = "On Monday, police raids in Kabul, Logar and Helmand provinces left 4 militants dead."
    [m] = _one(extractor, text)
    assert m.where.admin1 == "AF-KAB" and m.where.precision == 3


def test_a_speaker_named_again_is_one_claim(extractor: Extractor) -> None:
    text = (
        "Rockets hit a bakery in Sarmin on Tuesday, killing one man, a local doctor said.\n\n"
        "The doctor said the bakery had been closed for the night."
    )
    [m] = _one(extractor, text)
    assert [c.by for c in m.claims] == ["Local doctor"]
    assert len(m.evidence) == 2  # the second sentence is still evidence


def test_totals_plans_and_background_are_not_mentions(extractor: Extractor) -> None:
    text = (
        "Some 200 soldiers have been killed in the province since early January.\n\n"
        "Joint patrols will begin along the highway on 15 March.\n\n"
        "The conflict has killed hundreds of thousands of people."
    )
    assert _one(extractor, text) == []


def test_wounded_are_not_killed_and_a_dozen_is_twelve(extractor: Extractor) -> None:
    [m] = _one(extractor, "Shelling hit Ariha on Tuesday, wounding a dozen residents.")
    assert m.sub_event_type == "Shelling/artillery/missile attack"
    assert m.fatalities is None and m.when.date == dt.date(2020, 3, 10)
    [m] = _one(extractor, "Shelling hit Ariha on Tuesday, killing a dozen residents.")
    assert m.fatalities == 12


def test_a_report_without_a_date_gives_undated_flagged_mentions(extractor: Extractor) -> None:
    [m] = _one(extractor, "Rebels shelled the town of Saraqib.", published=None)
    assert m.when.date is None and "undated" in m.flags


def test_an_event_without_a_date_is_the_day_of_publication_or_the_day_before(
    extractor: Extractor,
) -> None:
    [m] = _one(extractor, "Rebels shelled the town of Saraqib.")
    assert (m.when.first, m.when.last) == (dt.date(2020, 3, 11), dt.date(2020, 3, 12))
    assert "date_from_publication" in m.flags


def test_a_repeated_paragraph_is_one_mention_with_both_sentences(extractor: Extractor) -> None:
    lead = "Rebels shelled the town of Saraqib on Monday, killing two soldiers."
    middle = "Officials met later. They spoke for an hour. Nothing was decided. Talks go on."
    [m] = _one(extractor, f"{lead}\n\n{middle}\n\n{lead}")
    assert len(m.evidence) == 2 and m.fatalities == 2


def test_two_events_in_one_sentence_are_two_mentions(extractor: Extractor) -> None:
    text = (
        "Leaders met in the capital. They spoke for an hour. Nothing was decided. "
        "Talks go on.\n\nWitnesses saw Turkish reinforcements deploying into Idlib on Monday, "
        "and a news agency said rebels had resumed shelling the town of Saraqib."
    )
    kinds = {m.sub_event_type: m for m in _one(extractor, text)}
    assert set(kinds) == {"Change to group/activity", "Shelling/artillery/missile attack"}
    assert kinds["Shelling/artillery/missile attack"].where.name in {"Saraqib", "Saraqeb"}
    assert kinds["Shelling/artillery/missile attack"].actor1 == "Opposition Rebels (Syria)"


@pytest.mark.parametrize(
    ("sentence", "countries", "kind", "sub", "country", "expected"),
    [
        (
            "Police fired tear gas at protesters in Lahore.",
            {},
            "Protests",
            "Excessive force against protesters",
            "PK",
            ("Police Forces of Pakistan", "Protesters (Pakistan)"),
        ),
        (
            "Military forces of India and Pakistan exchanged fire.",
            {"India": "IN", "Pakistan": "PK"},
            "Battles",
            "Armed clash",
            "IN",
            ("Military Forces of India", "Military Forces of Pakistan"),
        ),
        (
            "Gunmen abducted two farmers near the village.",
            {},
            "Violence against civilians",
            "Abduction/forced disappearance",
            "NG",
            ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)"),
        ),
        (
            "Taliban militants attacked a checkpoint of Afghan forces.",
            {"Afghan": "AF"},
            "Battles",
            "Armed clash",
            "AF",
            ("Taliban", "Military Forces of Afghanistan"),
        ),
        (
            "Overnight the Moldovan Army traded fire with rebels near the river.",
            {"Moldovan": "MD"},
            "Battles",
            "Armed clash",
            "MD",
            ("Military Forces of Moldova", "Opposition Rebels (Moldova)"),
        ),
        (
            "Military forces of Abkhazia fired on the military forces of Georgia at a bridge.",
            {},
            "Battles",
            "Armed clash",
            "GE",
            ("Military Forces of Abkhazia", "Military Forces of Georgia"),
        ),
        (
            "Heavy gunfire was heard in the market district overnight.",
            {},
            "Battles",
            "Armed clash",
            "LY",
            ("Unidentified Armed Group (Libya)", None),
        ),
        (
            "A taxi driver was killed in a drive-by shooting by two armed men on a motorbike.",
            {},
            "Violence against civilians",
            "Attack",
            "MX",
            ("Unidentified Gang (Mexico)", "Civilians (Mexico)"),
        ),
        (
            "A taxi driver was killed in a drive-by shooting by two armed men on a motorbike.",
            {},
            "Violence against civilians",
            "Attack",
            "BR",
            ("Unidentified Gang and/or Police Militia", "Civilians (Brazil)"),
        ),
        (
            "A taxi driver was killed in a drive-by shooting by two armed men on a motorbike.",
            {},
            "Violence against civilians",
            "Attack",
            "KE",
            ("Unidentified Armed Group (Kenya)", "Civilians (Kenya)"),
        ),
        (
            "Members of a street gang shot a shopkeeper who refused to pay them.",
            {},
            "Violence against civilians",
            "Attack",
            "HN",
            ("Unidentified Gang (Honduras)", "Civilians (Honduras)"),
        ),
        (
            "Military police officers exchanged fire with suspects during a patrol.",
            {},
            "Battles",
            "Armed clash",
            "BR",
            ("Military Forces of Brazil Military Police", None),
        ),
        (
            "Prison guards fired rubber bullets at inmates protesting over food.",
            {},
            "Protests",
            "Excessive force against protesters",
            "VE",
            ("Police Forces of Venezuela Prison Guards", "Protesters (Venezuela)"),
        ),
        (
            "Boko Haram fighters raided a village and burned the granaries.",
            {},
            "Violence against civilians",
            "Attack",
            "NE",
            (
                "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah "
                "lid-Dawatai wal-Jihad",
                "Civilians (Niger)",
            ),
        ),
        (
            "Saudi artillery shelled farms along the border.",
            {"Saudi": "SA"},
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            "YE",
            ("Operation Restoring Hope", None),
        ),
        (
            "Two traders were shot dead near the market, police said.",
            {},
            "Violence against civilians",
            "Attack",
            "KE",
            ("Unidentified Armed Group (Kenya)", "Civilians (Kenya)"),
        ),
        (
            "A police officer on patrol was shot by two men on a motorbike.",
            {},
            "Battles",
            "Armed clash",
            "JM",
            ("Unidentified Armed Group (Jamaica)", "Police Forces of Jamaica"),
        ),
        (
            "Dinka and Nuer militias fought over grazing land for two days.",
            {},
            "Battles",
            "Armed clash",
            "SS",
            ("Dinka Ethnic Militia (South Sudan)", "Nuer Ethnic Militia (South Sudan)"),
        ),
        (
            "Militiamen from the Marehan clan raided a water point near the town.",
            {},
            "Battles",
            "Armed clash",
            "SO",
            ("Marehan Clan Militia (Somalia)", None),
        ),
        (
            "Two rival clans exchanged gunfire over a disputed plot.",
            {},
            "Battles",
            "Armed clash",
            "PH",
            ("Unidentified Clan Militia (Philippines)", None),
        ),
        (
            "Suspected Islamist militants torched a clinic in the district.",
            {},
            "Violence against civilians",
            "Attack",
            "MZ",
            ("Islamist Militia (Mozambique)", "Civilians (Mozambique)"),
        ),
        (
            "Presumed JNIM or ISGS fighters stopped a bus and beat the driver.",
            {},
            "Violence against civilians",
            "Attack",
            "BF",
            (
                "JNIM: Group for Support of Islam and Muslims"
                " and/or Islamic State (Greater Sahara)",
                "Civilians (Burkina Faso)",
            ),
        ),
        (
            "IS snipers wounded a soldier at a checkpoint.",
            {},
            "Battles",
            "Armed clash",
            "IQ",
            ("Islamic State (Iraq)", "Military Forces of Iraq"),
        ),
        (
            "Military police raided a hillside slum held by the Comando Vermelho.",
            {},
            "Battles",
            "Armed clash",
            "BR",
            ("Military Forces of Brazil Military Police", "CV: Red Command"),
        ),
        (
            "Military forces of India and Pakistan exchanged fire across the border.",
            {},
            "Battles",
            "Armed clash",
            "PK",
            ("Military Forces of Pakistan", "Military Forces of India"),
        ),
        (
            "Congolese soldiers repelled an ADF raid on a camp.",
            {"Congolese": "CD"},
            "Battles",
            "Armed clash",
            "CD",
            (
                "ADF: Allied Democratic Forces",
                "Military Forces of the Democratic Republic of Congo",
            ),
        ),
        (
            "Fighters of ISWAP or Boko Haram looted a market.",
            {},
            "Violence against civilians",
            "Looting/property destruction",
            "NG",
            (
                "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah "
                "lid-Dawatai wal-Jihad",
                "Civilians (Nigeria)",
            ),
        ),
        (
            "A soldier was killed when his truck hit a landmine.",
            {},
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
            "ML",
            ("Unidentified Armed Group (Mali)", "Military Forces of Mali"),
        ),
        (
            "A roadside bomb went off targeting an army convoy on the ring road.",
            {},
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
            "SO",
            ("Unidentified Armed Group (Somalia)", "Military Forces of Somalia"),
        ),
        (
            "A private security guard beat a street vendor outside the mall.",
            {},
            "Violence against civilians",
            "Attack",
            "ZA",
            ("Private Security Forces (South Africa)", "Civilians (South Africa)"),
        ),
        (
            "Gunmen opened fire on a bank guarded by two security guards.",
            {},
            "Battles",
            "Armed clash",
            "NG",
            ("Unidentified Armed Group (Nigeria)", "Private Security Forces (Nigeria)"),
        ),
        (
            "Govt forces clashed with Al Shabaab fighters near the river crossing.",
            {},
            "Battles",
            "Armed clash",
            "SO",
            ("Military Forces of Somalia", "Al Shabaab"),
        ),
        (
            "Misseriya pastoralists stabbed a farmer in a dispute over cattle.",
            {},
            "Violence against civilians",
            "Attack",
            "SD",
            ("Misseriya Ethnic Militia (Sudan)", "Civilians (Sudan)"),
        ),
        (
            "Three shopkeepers were killed by the Cite Soleil Boys gang on Friday.",
            {},
            "Violence against civilians",
            "Attack",
            "HT",
            ("Cite Soleil Boys Gang", "Civilians (Haiti)"),
        ),
        (
            "Arbaki fighters beat two farmers at a checkpoint.",
            {},
            "Violence against civilians",
            "Attack",
            "AF",
            ("Militia (Pro-Government)", "Civilians (Afghanistan)"),
        ),
        (
            "A retired officer was shot dead by at least three men in a car.",
            {},
            "Battles",
            "Armed clash",
            "CO",
            ("Unidentified Armed Group (Colombia)", None),
        ),
        (
            "Border police shot and killed an Al Shabaab fighter carrying a grenade.",
            {},
            "Explosions/Remote violence",
            "Grenade",
            "KE",
            ("Police Forces of Kenya", "Al Shabaab"),
        ),
    ],
)
def test_actors_are_named_in_acled_style(
    sentence: str,
    countries: dict[str, str],
    kind: str,
    sub: str,
    country: str,
    expected: tuple[str, str],
) -> None:
    at = {sentence.index(word): code for word, code in countries.items()}
    coded = code_actors(find_actors(sentence, at), kind, sub, country)
    assert (coded.actor1, coded.actor2) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Aid agencies warned that the crisis in the camps was worsening.",  # "crISIS"
        "Protesters demanded their rights outside the ministry.",  # "rigHTS"
    ],
)
def test_a_group_name_inside_another_word_is_no_actor(sentence: str) -> None:
    assert [a.name for a in find_actors(sentence, {}) if a.role == "armed"] == []


def test_anti_before_a_name_is_not_that_group() -> None:
    names = [a.name for a in find_actors("Anti-Taliban fighters shelled the valley.", {})]
    assert "Taliban" not in names


@pytest.mark.parametrize(
    ("report", "sentence", "kind", "sub", "country", "expected"),
    [
        (  # the sentence names no one: the report's other sentences do
            "Federal police raided a warehouse on the coast. Two men were arrested.",
            "Two men were arrested.",
            "Strategic developments",
            "Arrests",
            "BR",
            "Police Forces of Brazil Federal Police",
        ),
        (  # unnamed gunmen, a gang in the report's words
            "A bus driver was shot dead by armed men. Detectives blame a gang feud.",
            "A bus driver was shot dead by armed men.",
            "Violence against civilians",
            "Attack",
            "GT",
            "Unidentified Gang (Guatemala)",
        ),
        (  # a group claims it afterwards
            "Unknown attackers ambushed a patrol on the highway. Al Shabaab claimed the ambush.",
            "Unknown attackers ambushed a patrol on the highway.",
            "Battles",
            "Armed clash",
            "SO",
            "Al Shabaab",
        ),
        (  # the report blames a group in another sentence
            "A truck carrying troops struck a mine. The mine had been laid by ISGS fighters.",
            "A truck carrying troops struck a mine.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
            "NE",
            "Islamic State (Greater Sahara)",
        ),
    ],
)
def test_a_short_report_tells_who_its_event_sentence_leaves_unnamed(
    report: str, sentence: str, kind: str, sub: str, country: str, expected: str
) -> None:
    context = find_actors(report, {})
    coded = code_actors(find_actors(sentence, {}), kind, sub, country, context=context)
    assert coded.actor1 == expected


def _ingest(db: str, *args: str) -> None:
    result = CliRunner().invoke(app, ["ingest", *args, "--db", db, "--json"])
    assert result.exit_code == 0, result.output


def test_extract_codes_each_document_once_per_version_and_lists_mentions(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "tw.db")
    _ingest(db, str(EXAMPLE / "reports"))
    runner = CliRunner()
    agreement = str(EXAMPLE / "agreement.yaml")
    first = runner.invoke(app, ["extract", "--agreement", agreement, "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert summary["documents"] >= 9 and summary["mentions"] >= 8
    again = json.loads(runner.invoke(app, ["extract", "--db", db, "--json"]).stdout)
    assert again["documents"] == 0 and again["already_coded"] == summary["documents"]
    listed = json.loads(runner.invoke(app, ["mentions", "--db", db, "--json"]).stdout)
    assert len(listed) == summary["mentions"]
    assert all(m["extractor_version"] == summary["extractor_version"] for m in listed)
    assert any(m["where"]["name"] == "Maarat Misrin" and m["fatalities"] == 15 for m in listed)
    store = Store(db)
    try:
        with store.session() as s:
            from trucewatch.store import Extraction

            assert s.query(Extraction).count() == summary["documents"]
    finally:
        store.close()


def test_the_seed_gold_is_found_and_no_not_incident_becomes_a_mention() -> None:
    gold = need_shared("gold", "seeds-incidents.jsonl")
    seeds = need_shared("seeds")
    result = CliRunner().invoke(
        app,
        [
            "eval", "gold", str(gold), "--docs", str(seeds), "--published", "000=2020-03-05",
            "--published", "002=2020-03-06", "--agreement", str(EXAMPLE / "agreement.yaml"),
            "--json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["core_found"] == scores["core_total"] == 8
    assert scores["not_incidents_violated"] == 0


def test_a_fixed_slice_of_the_acled_file_keeps_its_scores() -> None:
    from trucewatch.extract.evaluate import evaluate_acled

    path = need_shared("data", "acled", "acled-2020-04-27_2020-05-09-except-syria.csv")
    scores = evaluate_acled(path, Extractor.load(), limit=300)
    assert scores["n"] == 300
    assert scores["found"] >= 95 and scores["sub_event_type"] >= 82
    assert scores["date_exact"] >= 95 and scores["fatalities_exact"] >= 92
    assert scores["place_10km"] >= 60 and scores["place_25km"] >= 66.5
    assert scores["actor1"] >= 78


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (
            "Russian-backed government forces shelled Kafr Nabl in Idlib on Tuesday, killing "
            "three people.",
            "Russia",
        ),
        (
            "A London-based monitor said rebels shelled Saraqeb in Idlib on Tuesday, killing "
            "two civilians.",
            "United Kingdom",
        ),
    ],
)
def test_a_sponsor_or_a_base_written_with_a_hyphen_is_no_actor_or_place(
    extractor: Extractor, text: str, wrong: str
) -> None:
    (coded,) = _one(extractor, text)
    assert wrong not in (coded.actor1 or "")
    assert coded.where.country == "SY"


def test_a_sponsors_demonym_does_not_give_an_unplaced_event_its_country(
    extractor: Extractor,
) -> None:
    text = "Turkish-backed Syrian fighters shelled a farm on Monday, killing two civilians."
    (coded,) = _one(extractor, text)
    assert coded.actor1 is not None and coded.actor1.endswith("(Syria)")
