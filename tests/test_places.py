"""Geoparsing with the world gazetteer: the seed reports, spellings, demonyms, non-places,
regions and relative expressions."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import need_shared
from places_cases import AGREEMENT_PLACES, GEONAMES
from trucewatch.geometry import geodesic_km
from trucewatch.places import (
    Entry,
    Gazetteer,
    Kind,
    Mention,
    PlaceFinder,
    PlaceMention,
    geoparse,
    load_gazetteer,
    load_model,
    resolve,
)
from trucewatch.places.gazetteer import LOOSE, Place
from trucewatch.places.resolve import Resolution, candidate_matches


@pytest.fixture(scope="session")
def world() -> Gazetteer:
    """The world gazetteer with the example agreement's places (built once per machine)."""
    return load_gazetteer(AGREEMENT_PLACES)


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_model()


@pytest.fixture(scope="session")
def finder(world: Gazetteer, nlp: Any) -> PlaceFinder:
    return PlaceFinder(world, nlp)


def _place(text: str, name: str, world: Gazetteer, finder: PlaceFinder) -> Place:
    """What ``name`` resolves to in ``text``; it must be found there and resolved."""
    found = {p.text: p for p in geoparse(text, world, finder)}
    assert name in found, f"{name!r} not found in {sorted(found)}"
    place = found[name].place
    assert place is not None
    return place


@pytest.fixture(scope="session")
def seed_places(world: Gazetteer, finder: PlaceFinder) -> list[PlaceMention]:
    found: list[PlaceMention] = []
    for path in sorted(need_shared("seeds").glob("0*.txt")):
        found += geoparse(path.read_text(encoding="utf-8"), world, finder)
    return found


@pytest.mark.parametrize("name", sorted(GEONAMES))
def test_seed_places_resolve_within_10_km_of_geonames(
    name: str, seed_places: list[PlaceMention]
) -> None:
    _, lat, lon = GEONAMES[name]
    hits = [p for p in seed_places if p.text == name]
    assert hits, f"{name} not found in the seed reports"
    for p in hits:
        assert p.place is not None
        assert geodesic_km((lat, lon), (p.place.lat, p.place.lon)) < 10, (name, p.place)


@pytest.mark.parametrize(
    ("name", "place_id"), [("Trumba", "trumba"), ("Ain al Havr", "ain-al-havr")]
)
def test_seed_agreement_places_resolve_to_the_agreement(
    name: str, place_id: str, seed_places: list[PlaceMention]
) -> None:
    hits = [p for p in seed_places if p.text == name]
    assert hits
    assert {p.place.id for p in hits if p.place} == {place_id}


def test_seed_places_abroad_keep_their_country(seed_places: list[PlaceMention]) -> None:
    countries = {p.text: p.place.country for p in seed_places if p.place}
    assert countries["Kastanies"] == "GR"
    assert countries["Serres"] == "GR"
    assert countries["Edirne"] == "TR"
    assert countries["Saraqeb"] == "SY"


def test_seed_people_and_organisations_are_not_places(seed_places: list[PlaceMention]) -> None:
    texts = {p.text for p in seed_places}
    assert not texts & {"Putin", "Erdogan", "Vladimir", "Soylu", "Assad", "Reuters", "TV"}


@pytest.mark.parametrize(
    "spellings",
    [
        ("Saraqeb", "Saraqib", "Saraqab"),
        ("Maarat Misrin", "Ma'arrat Misrin", "Maarrat Misrin"),
        ("Kfar Nabl", "Kafr Nabl", "Kafranbel"),
        ("Idlib", "Idleb"),
        ("Jisr al-Shughur", "Jisr ash-Shughur"),
        ("Latakia", "Lattakia", "Al-Ladhiqiyah"),
        ("Trumba", "Turnabah", "Tarnabeh"),
    ],
)
def test_transliterations_resolve_to_one_place(
    spellings: tuple[str, ...], world: Gazetteer
) -> None:
    ids = set()
    for name in spellings:
        text = f"Shelling was reported in {name} in Syria on Monday."
        start, country = text.index(name), text.index("Syria")
        mentions = [Mention(start, start + len(name), name), Mention(country, country + 5, "Syria")]
        res, _ = resolve(text, mentions, world)
        assert res.place is not None, name
        ids.add((round(res.place.lat, 1), round(res.place.lon, 1)))
    assert len(ids) == 1, ids


@pytest.mark.parametrize(
    ("word", "country"), [("Turkish", "TR"), ("Syrian", "SY"), ("Russians", "RU")]
)
def test_demonyms_name_their_country(
    word: str, country: str, world: Gazetteer, finder: PlaceFinder
) -> None:
    text = f"{word} officials met in Geneva on Tuesday."
    found = geoparse(text, world, finder)
    demonyms = [p for p in found if p.demonym]
    assert [p.text for p in demonyms] == [word]
    assert demonyms[0].place is not None and demonyms[0].place.country == country
    assert demonyms[0].place.kind == "country"


def test_people_and_organisations_are_not_places(world: Gazetteer, finder: PlaceFinder) -> None:
    text = (
        "President Vladimir Putin met Erdogan at the Kremlin, and Interior Minister "
        "Suleyman Soylu told Reuters that NATO would meet in Brussels."
    )
    texts = [p.text for p in geoparse(text, world, finder)]
    assert "Brussels" in texts
    assert not set(texts) & {"Vladimir", "Putin", "Erdogan", "Soylu", "Suleyman", "Reuters"}


def test_initials_are_places_only_when_they_abbreviate_a_place(world: Gazetteer) -> None:
    # Airport and other codes the gazetteer lists for towns ("DMK", "STC") are far more
    # often a party's or a group's initials; a country's or a city's own initials are not.
    # (The gazetteer alone: the NER's verdict on initials varies with their words around.)
    text = (
        "Members of DMK marched to STC offices in Chennai, and fighters of IS fled. "
        "Envoys from the UK, the US, the UAE and the DRC flew on to NYC."
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = {p.text: p for p in geoparse(text, world, PlaceFinder(world, nlp=None))}
    assert not set(found) & {"DMK", "STC", "IS"}
    for initials, country in (("UK", "GB"), ("US", "US"), ("UAE", "AE"), ("DRC", "CD")):
        place = found[initials].place
        assert place is not None and (place.kind, place.country) == ("country", country)
    assert found["NYC"].place is not None and found["NYC"].place.name == "New York City"


def test_a_states_code_after_a_town_is_the_state(world: Gazetteer, finder: PlaceFinder) -> None:
    found = {p.text: p for p in geoparse("A storm hit Macon, GA, on Friday.", world, finder)}
    assert found["GA"].place is not None and found["GA"].place.admin1 == "US-GA"


@pytest.mark.parametrize(
    ("text", "code", "admin1"),
    [
        ("Shops shut in Sopore town (Baramulla district, J&K) on Friday.", "J&K", "IN-JK"),
        ("Riots hit Macon (GA) overnight.", "GA", "US-GA"),
    ],
)
def test_a_states_short_form_in_brackets_after_a_town_it_holds_is_the_state(
    text: str, code: str, admin1: str, world: Gazetteer, finder: PlaceFinder
) -> None:
    found = {p.text: p for p in geoparse(text, world, finder)}
    assert found[code].place is not None and found[code].place.admin1 == admin1


@pytest.mark.parametrize(
    "text",
    [
        "BEIRUT (AP) -- Talks resumed.",  # a news agency after a dateline
        "Savannah (VA) is a town Virginia does not hold.",
    ],
)
def test_initials_in_brackets_after_a_town_they_do_not_hold_are_no_place(
    text: str, world: Gazetteer, finder: PlaceFinder
) -> None:
    found = [p.text for p in geoparse(text, world, finder)]
    assert "AP" not in found and "VA" not in found


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Flooding closed roads across Laurel County on Friday.", "Laurel County", "admin2"),
        ("Ministers from across Europe met on Friday.", "Europe", "continent"),
        ("Settlers clashed with farmers in the West Bank.", "West Bank", "region"),
        ("Aid convoys reached Darfur last week.", "Darfur", "region"),
    ],
)
def test_counties_continents_and_regions_are_places(
    text: str, name: str, kind: str, world: Gazetteer, finder: PlaceFinder
) -> None:
    found = {p.text: p for p in geoparse(text, world, finder)}
    assert name in found
    place = found[name].place
    assert place is not None and place.kind == kind
    assert found[name].precision == 3


def test_x_comma_y_picks_the_place_in_y(world: Gazetteer, finder: PlaceFinder) -> None:
    found = geoparse("A tornado hit Springfield, Illinois, overnight.", world, finder)
    town = next(p for p in found if p.text == "Springfield")
    assert town.place is not None and town.place.admin1 == "US-IL"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a three-letter town, taken because the country after it holds it
        ("Fans sang in the streets of Nis, Serbia, after the final.", "Nis", "RS"),
        # a small town NER reads as part of an organisation "Rawson (Chubut"
        ("Teachers marched in Rawson (Chubut) for higher pay.", "Rawson", "AR"),
        # a loose spelling with a short skeleton, held by the bracket's division
        ("Traders closed shop in Dayniile district (Dayniile, Benadir).", "Benadir", "SO"),
        # a division written with its kind: the words say it is a place
        ("A land dispute flared in a parish (Omoro district) last week.", "Omoro district", "UG"),
    ],
)
def test_a_name_the_text_puts_inside_a_division_is_a_place(
    text: str, name: str, country: str, world: Gazetteer, finder: PlaceFinder
) -> None:
    assert _place(text, name, world, finder).country == country


@pytest.mark.parametrize(
    "text",
    [
        "Van Morrison played two encores.",  # a short word with no division after it
        "Nis told the committee nothing new.",
        "Benadir is a name the gazetteer spells otherwise.",  # a thin likeness, alone
    ],
)
def test_short_names_and_thin_likenesses_need_a_division(
    text: str, world: Gazetteer, finder: PlaceFinder
) -> None:
    assert [p.text for p in geoparse(text, world, finder)] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Farmers blocked the Jounieh highway at dawn.", "Jounieh"),
        ("Fighting resumed on the Harib front overnight.", "Harib"),
        ("Drivers blocked the Batroun intersection for an hour.", "Batroun"),
        ("Guns fell silent on the Sirwah frontline.", "Sirwah"),
    ],
)
def test_a_highway_or_front_named_after_a_town_names_the_town(
    text: str, name: str, world: Gazetteer
) -> None:
    # Without the model, so only the words around the name can make it a place.
    assert name in [m.text for m in PlaceFinder(world, nlp=None).find(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Crowds gathered in el Hermel after prayers.", "el Hermel"),
        ("A curfew began in ash Shihr at sunset.", "ash Shihr"),
        ("Farmers met in al Muthanna to ask for seeds.", "al Muthanna"),
    ],
)
def test_a_name_after_a_lower_case_arabic_article_is_found_with_it(
    text: str, name: str, world: Gazetteer
) -> None:
    assert [m.text for m in PlaceFinder(world, nlp=None).find(text)] == [name]


def test_an_article_inside_a_longer_unknown_name_starts_no_name(world: Gazetteer) -> None:
    found = PlaceFinder(world, nlp=None).find("Scouts crossed Wadi al Qalah at night.")
    assert [m.text for m in found] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the town after a village the gazetteer lacks ("Smallbrook" is made up)
        ("Mortars landed near Smallbrook, Khojavend overnight.", "Khojavend"),
        # a division's other name in brackets before the word for its kind
        ("Drones struck a hamlet in Sidakan (Soran) district twice.", "Soran"),
        ("Raids hit a valley in Barwari (Amadiya) region at dawn.", "Amadiya"),
    ],
)
def test_a_place_the_words_around_it_locate_is_found(
    text: str, name: str, world: Gazetteer
) -> None:
    assert name in [m.text for m in PlaceFinder(world, nlp=None).find(text)]


def test_a_name_listed_after_members_of_a_group_is_not_put_at_a_place(
    world: Gazetteer, finder: PlaceFinder
) -> None:
    text = "Members of the Harbour Guild, Svoboda and the mayor marched in Cherkasy."
    assert [m.text for m in finder.find(text)] == ["Cherkasy"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Blasts shook the mine at Zolote-3 overnight.", ["Zolote"]),
        ("Trucks crowded US-24 after the flood.", []),  # a road, not the country
        ("They could not use Interstate-35 for a week.", []),  # no place, however spelt
        ("Two Su-24 jets flew over Hama.", ["Hama"]),  # a model's code, not a place
        ("The walls date from 500 BC, the guide said in Luxor.", ["Luxor"]),  # an era
    ],
)
def test_a_numbered_settlement_is_its_town(text: str, found: list[str], world: Gazetteer) -> None:
    assert [m.text for m in PlaceFinder(world, nlp=None).find(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Protesters gathered in central Van.", ["Van"]),
        ("A ban was issued by the Van Governorship on Monday.", ["Van"]),
        ("Looters struck shops in Ica city.", ["Ica"]),
        ("Kelowna Mayor Jane Roe opened the bridge.", ["Kelowna"]),
        ("Shoppers crowded downtown Greer on Saturday.", ["Greer"]),
        ("A man was detained in the town of Van.", ["Van"]),
        ("Fans of Man City cheered.", []),  # a club: the place word is part of its name
        ("Any city may apply.", []),  # a sentence's first word
    ],
)
def test_an_office_or_a_part_of_a_town_makes_its_name_a_place(
    text: str, found: list[str], world: Gazetteer
) -> None:
    assert [m.text for m in PlaceFinder(world, nlp=None).find(text)] == found


def test_the_first_word_of_an_unknown_arabic_name_is_no_place(finder: PlaceFinder) -> None:
    # "Wadi" (a valley) is a town's name somewhere, not the place "Wadi al-Rabi" means.
    assert [m.text for m in finder.find("Clashes erupted in Wadi al-Rabi overnight.")] == []


def test_a_street_named_after_a_town_is_not_the_town(world: Gazetteer) -> None:
    found = [m.text for m in PlaceFinder(world, nlp=None).find("A shop on Murree Road burned.")]
    assert "Murree" not in found


def test_a_place_the_text_puts_inside_a_city_is_no_namesake_abroad(
    world: Gazetteer, finder: PlaceFinder
) -> None:
    # Hamra is a Beirut quarter the gazetteer lacks; its namesakes lie in other countries.
    found = {p.text: p for p in geoparse("A grenade hit a cafe in Hamra, Beirut.", world, finder)}
    assert "Hamra" not in found or (found["Hamra"].place or found["Beirut"].place).country == "LB"
    assert found["Beirut"].place is not None and found["Beirut"].place.country == "LB"


def test_a_name_as_written_beats_a_name_that_only_sounds_alike(
    world: Gazetteer, finder: PlaceFinder
) -> None:
    text = "Tribes fought in Abyan governorate."
    assert _place(text, "Abyan governorate", world, finder).country == "YE"


def test_a_list_of_places_is_not_a_place_and_its_container(
    world: Gazetteer, finder: PlaceFinder
) -> None:
    found = {
        p.text: p for p in geoparse("Flights to Saipan, Guam and Hawaii resumed.", world, finder)
    }
    assert found["Saipan"].place is not None and found["Saipan"].place.name == "Saipan"


@pytest.mark.parametrize(
    ("text", "name", "relation", "precision", "km_from_town"),
    [
        (
            "Artillery hit a farm 6 km north of Saraqeb on Monday.",
            "Saraqeb",
            "6 km north of",
            2,
            6.0,
        ),
        ("A drone struck near the town of Saraqeb.", "Saraqeb", "near", 2, 0.0),
        ("Fighting on the outskirts of Saraqeb went on.", "Saraqeb", "on the outskirts of", 2, 0.0),
        ("Shelling in the Saraqeb countryside killed two.", "Saraqeb", "countryside", 2, 0.0),
        ("Troops entered Saraqeb at dawn.", "Saraqeb", "at", 1, 0.0),
        ("Mortars fell NEAR the town of Saraqeb.", "Saraqeb", "near", 2, 0.0),
        ("Über Nacht: shelling 5 km west of Saraqeb.", "Saraqeb", "5 km west of", 2, 5.0),
        ("Patrols crossed the Idlib province.", "Idlib province", "at", 3, None),
        # Each pattern is tried only where a word it needs stands before the name.
        (
            "Rockets landed two miles SOUTHEAST of Saraqeb.",
            "Saraqeb",
            "two miles southeast of",
            2,
            3.2,
        ),
        ("Clashes in the east of Saraqeb went on.", "Saraqeb", "east of", 2, 0.0),
        ("The mayor of the town of Saraqeb spoke.", "Saraqeb", "at", 1, 0.0),
    ],
)
def test_relative_expressions_give_a_point_and_precision(
    text: str,
    name: str,
    relation: str,
    precision: int,
    km_from_town: float | None,
    world: Gazetteer,
    finder: PlaceFinder,
) -> None:
    found = {p.text: p for p in geoparse(text, world, finder)}
    p = found[name]
    assert (p.relation, p.precision) == (relation, precision)
    if km_from_town is not None:
        _, lat, lon = GEONAMES["Saraqeb"]
        assert p.lat is not None and p.lon is not None
        assert geodesic_km((lat, lon), (p.lat, p.lon)) == pytest.approx(km_from_town, abs=0.5)


def test_between_x_and_y_is_the_midpoint(world: Gazetteer, finder: PlaceFinder) -> None:
    found = geoparse("Clashes broke out between Saraqeb and Trumba overnight.", world, finder)
    assert [(p.text, p.relation, p.precision) for p in found] == [
        ("Saraqeb", "between", 2),
        ("Trumba", "between", 2),
    ]
    _, lat, lon = GEONAMES["Saraqeb"]
    mid = (found[0].lat or 0.0, found[0].lon or 0.0)
    half = geodesic_km((lat, lon), (35.8603, 36.7678)) / 2
    assert geodesic_km((lat, lon), mid) == pytest.approx(half, abs=0.1)


def test_without_the_model_the_gazetteer_finds_places_alone(world: Gazetteer) -> None:
    with pytest.warns(RuntimeWarning, match="gazetteer alone"):
        nlp = load_model("en_core_web_sm_no_such_package")
    assert nlp is None
    found = geoparse(
        "Shells fell near the town of Saraqeb and in Idlib.", world, PlaceFinder(world, nlp)
    )
    assert [p.text for p in found] == ["Saraqeb", "Idlib"]


def test_the_finder_uses_ner_only_on_doubtful_windows(world: Gazetteer, nlp: Any) -> None:
    if nlp is None:
        pytest.skip("the spaCy model is not installed")
    finder = PlaceFinder(world, nlp)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        finder.find("Syria and Turkey agreed a truce in Moscow on Thursday.")
    assert finder.ner_windows == 0


def test_user_places_file_adds_places(tmp_path: Path) -> None:
    from trucewatch.places import read_places

    csv_file = tmp_path / "places.csv"
    csv_file.write_text(
        "id,names,lat,lon\nfarm-7,Farm Seven|Farm 7,35.80,36.70\n", encoding="utf-8"
    )
    places = read_places(csv_file)
    assert [(p.id, p.names) for p in places] == [("farm-7", ("Farm Seven", "Farm 7"))]
    geo = tmp_path / "places.geojson"
    geo.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"name": "Hill 402"}, "geometry": {"type": "Point", "coordinates": [36.7, 35.8]}}]}',
        encoding="utf-8",
    )
    (hill,) = read_places(geo)
    assert (hill.id, hill.lat, hill.lon) == ("hill-402", 35.8, 36.7)


def test_user_places_file_errors_say_where(tmp_path: Path) -> None:
    from trucewatch.errors import InputError
    from trucewatch.places import read_places

    bad = tmp_path / "bad.csv"
    bad.write_text("name,lat,lon\nFarm,north,36.7\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv:2: lat and lon must be numbers"):
        read_places(bad)


def test_a_town_the_text_calls_a_town_stays_far_from_the_other_places(
    world: Gazetteer, finder: PlaceFinder
) -> None:
    text = (
        "Officials in Moscow and Ankara and London spoke on Monday after an air strike hit "
        "a camp near the town of Maarat Misrin."
    )
    assert _place(text, "Maarat Misrin", world, finder).country == "SY"


def test_between_two_countries_is_not_a_point(world: Gazetteer, finder: PlaceFinder) -> None:
    found = geoparse("A clash between Russia and Turkey was feared.", world, finder)
    assert [(p.text, p.relation, p.precision) for p in found] == [
        ("Russia", "at", 3),
        ("Turkey", "at", 3),
    ]


def test_an_area_of_interest_and_an_outlet_country_steer_resolution(world: Gazetteer) -> None:
    from trucewatch.places import Context

    text = "Storms hit Paris overnight."
    mention = [Mention(11, 16, "Paris")]
    (plain,) = resolve(text, mention, world)
    (texas,) = resolve(text, mention, world, Context(area=(33.66, -95.55, 50.0)))
    assert plain.place is not None and plain.place.country == "FR"
    assert texas.place is not None and texas.place.admin1 == "US-TX"


def test_agreement_places_connect_through_any_record_with_their_fields() -> None:
    from dataclasses import dataclass

    from trucewatch.places import ExtraPlace

    @dataclass
    class AgreementPlace:
        id: str
        names: list[str]
        lat: float
        lon: float
        approximate: bool

    extra = ExtraPlace.of(AgreementPlace("trumba", ["Trumba", "Tarnaba"], 35.86, 36.77, True))
    assert extra == ExtraPlace("trumba", ("Trumba", "Tarnaba"), 35.86, 36.77, None, "agreement")


@pytest.mark.parametrize(
    "text",
    [
        "Government artillery shelled the village of Kansafra in Idlib province on Monday.",
        "Syrian government artillery shelled the village of Kansafra on Monday.",
    ],
)
def test_a_loose_spelling_far_from_the_story_is_not_forced(
    world: Gazetteer, finder: PlaceFinder, text: str
) -> None:
    found = {p.text: p for p in geoparse(text, world, finder)}
    place = found["Kansafra"].place if "Kansafra" in found else None
    assert place is None or place.country == "SY"  # never a namesake on another continent


def test_what_a_finder_finds_does_not_depend_on_what_it_looked_up_before() -> None:
    # "Saraqeb" only sounds like the entry's "Saraqib": too short a likeness for the finder
    # to take on its own, even after resolving has asked the finder's cache for it.
    from trucewatch.places.sources import Entry, Kind

    gaz = Gazetteer.from_entries([Entry("s", "Saraqib", 35.86, 36.8, Kind.CITY, "SY")])
    finder = PlaceFinder(gaz, nlp=None)
    text = "Shelling hit the town of Saraqeb."
    before = [m.text for m in finder.find(text)]
    assert finder.matches("Saraqeb")  # the lookup resolution makes, now remembered
    assert [m.text for m in finder.find(text)] == before == []


@pytest.mark.parametrize(
    ("text", "name", "point"),
    [
        ("Wildfires spread across Canada this summer.", "Canada", (60.10867, -113.64258)),
        ("Monsoon rains flooded parts of India.", "India", (22.0, 79.0)),
        ("An earthquake shook Japan before dawn.", "Japan", (35.68536, 139.75309)),
        ("Rival governments still divide Libya.", "Libya", (28.0, 17.0)),
    ],
)
def test_a_country_sits_at_its_geonames_point(
    text: str, name: str, point: tuple[float, float], world: Gazetteer, finder: PlaceFinder
) -> None:
    place = _place(text, name, world, finder)
    assert place.kind == "country"
    assert geodesic_km((place.lat, place.lon), point) < 1.0


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Insurgents attacked a police post in Nad Ali district, Helmand.", "Nad Ali", "AF-HEL"),
        ("Gunmen raided a market in Damboa LGA (Borno) at dawn.", "Damboa", "NG-BO"),
    ],
)
def test_a_name_before_district_or_lga_is_the_town_of_that_name(
    text: str, name: str, admin1: str, world: Gazetteer, finder: PlaceFinder
) -> None:
    assert _place(text, name, world, finder).admin1 == admin1


def test_the_start_of_a_longer_spanish_name_is_not_a_place(
    world: Gazetteer, finder: PlaceFinder
) -> None:
    texts = [
        p.text for p in geoparse("Police found a body in San Juan de Xochitepec.", world, finder)
    ]
    assert "San Juan" not in texts
    found = geoparse("Farmers marched through San Cristobal de las Casas.", world, finder)
    assert [p.text for p in found] == ["San Cristobal de las Casas"]


def _village(ident: str, name: str, lat: float, lon: float, admin1: str, people: int) -> Entry:
    return Entry(ident, name, lat, lon, Kind.CITY, "XX", admin1, population=people)


# Invented places: a big town also known by a village's name, namesake villages in two
# provinces, and the provinces.
CONTAINER_WORLD = [
    Entry("bigtown", "Bigtown", 40.0, 30.0, Kind.CITY, "XX", "XX-A", population=900_000,
          names=["Millford"]),
    _village("millford-near", "Millford", 40.1, 30.1, "XX-A", 800),
    _village("millford-far", "Millford", 41.5, 31.0, "XX-A", 4_000),
    _village("kotal-a", "Kotal", 40.5, 30.5, "XX-A", 200_000),
    _village("kotal-b", "Kotal", 43.0, 34.0, "XX-B", 700),
    Entry("prov-a", "Alpha", 40.3, 30.3, Kind.ADMIN1, "XX", "XX-A", population=2_000_000),
    Entry("prov-b", "Bravo", 43.2, 34.2, Kind.ADMIN1, "XX", "XX-B", population=1_000_000),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # A place written as inside a town is not that town, though the town bears its name.
        ("Shells fell on Millford, Bigtown, overnight.", "Millford", "millford-near"),
        # The namesake in the province the text names, not the bigger one elsewhere.
        (
            "Clashes broke out in Kotal district, Bravo. Families fled to Bigtown.",
            "Kotal",
            "kotal-b",
        ),
    ],
)
def test_a_place_written_inside_another_takes_its_namesake_there(
    text: str, name: str, expected: str
) -> None:
    gaz = Gazetteer.from_entries(CONTAINER_WORLD)
    names = [n for n in ("Millford", "Bigtown", "Kotal", "Bravo") if n in text]
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    chosen = {r.mention.text: r.place for r in resolve(text, mentions, gaz)}
    place = chosen[name]
    assert place is not None and place.id == expected


def test_a_division_spelt_loosely_counts_in_the_brackets_after_a_place(
    world: Gazetteer, finder: PlaceFinder
) -> None:
    # "Middle Shabelle" is a spelling of the Somali region the gazetteer does not hold; in
    # the brackets after "Balcad town" it can only name what holds the town. After a bare
    # name, brackets hold as often a translation or a person, and a loose spelling there
    # is no place on its own word.
    town = "On Friday, militants raided Balcad town (Middle Shabelle)."
    found = [
        (p.text, p.place.kind, p.place.country) for p in geoparse(town, world, finder) if p.place
    ]
    assert ("Middle Shabelle", "admin1", "SO") in found
    assert "Middle Shabelle" in [m.text for m in PlaceFinder(world).find(town)]  # without NER
    bare = "On Friday, militants raided Balcad (Middle Shabelle)."
    assert not [p for p in geoparse(bare, world, finder) if p.text == "Middle Shabelle"]


def test_names_found_in_many_texts_at_once_are_those_found_in_each(finder: PlaceFinder) -> None:
    # The NER reads the windows of many texts in one batch; its word on each name must go
    # back to the text the name is in. "Ariha" alone, without a locative, stands only on
    # the NER's word that it is a place here.
    texts = [
        "Residents of Sarmin fled north as the bombing went on.",
        "The ministry published its yearly budget.",
        "The offensive on Ariha resumed, said Marcus Ariha of the rescue team.",
        "Troops stormed Kafranbel at dawn.",
    ]
    alone = [[m.text for m in finder.find(t)] for t in texts]
    together = [[m.text for m in found] for found in finder.find_many(texts)]
    assert together == alone
    assert together[2] == ["Ariha", "Ariha"]
    assert [m.text for m in PlaceFinder(finder.gaz).find(texts[2])] == []


def test_reading_many_reports_grows_the_models_vocabulary_only_so_far(
    world: Gazetteer, nlp: Any
) -> None:
    # Unknown capitalised words after "in" send windows to the NER; spaCy would otherwise
    # keep each new word for good, and a long run would grow without end.
    finder = PlaceFinder(world, nlp, vocab_growth=0)
    assert finder.nlp is not None
    finder.find("Clashes were reported in Zorvantic on Monday.")
    size = len(finder.nlp.vocab.strings)
    for a in "bcdfgklmnprstvz":
        for b in "aeiou":
            finder.find(f"Clashes were reported in Qel{a}{b}ric and near Vos{b}{a}rav on Monday.")
    assert finder.ner_windows > 0
    assert len(finder.nlp.vocab.strings) == size


# A port known abroad by a spelling of its own name, a much smaller town that bears that
# spelling as its own, and a city also once called by a quite different name.
SPELLING_WORLD = [
    Entry("port", "Varnopol", 46.5, 30.7, Kind.CITY, "XA", "XA-1", population=1_000_000,
          names=["Varnopoll"]),
    Entry("small", "Varnopoll", 31.8, -102.4, Kind.CITY, "XB", "XB-9", population=110_000),
    Entry("renamed", "Kendara", -17.8, 31.0, Kind.CITY, "XC", "XC-1", population=1_000_000,
          names=["Westbury"]),
    Entry("westbury", "Westbury", 51.1, -1.8, Kind.CITY, "XD", "XD-1", population=40_000),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # A spelling of a big place's own name: ten times the people outweigh the town that
        # bears the spelling as its own.
        ("Shelling was heard near Varnopoll overnight.", "Varnopoll", "port"),
        # An old name of another making stays the weaker reading, however big the place.
        ("A fair opened in Westbury on Sunday.", "Westbury", "westbury"),
    ],
)
def test_a_spelling_of_a_much_bigger_places_own_name_means_that_place(
    text: str, name: str, expected: str
) -> None:
    gaz = Gazetteer.from_entries(SPELLING_WORLD)
    start = text.index(name)
    (chosen,) = resolve(text, [Mention(start, start + len(name), name)], gaz)
    assert chosen.place is not None and chosen.place.id == expected


# Two countries: a story in one of them names a state the gazetteer lacks, whose name
# a small town abroad also bears; and provinces that share their names with their towns.
DIVISION_WORLD = [
    Entry("far-town", "Qarsa", 35.9, 14.5, Kind.CITY, "XB", "XB-1", population=11_000),
    Entry("home-city", "Medan Kor", 14.4, 33.5, Kind.CITY, "XA", "XA-2", population=350_000),
    Entry("alpha-town", "Alpha", 34.5, 69.2, Kind.CITY, "XC", "XC-A", population=900_000),
    Entry("alpha-prov", "Alpha", 34.6, 69.3, Kind.ADMIN1, "XC", "XC-A", population=1_000_000),
    Entry("bravo-town", "Bravo", 36.7, 67.1, Kind.CITY, "XC", "XC-B", population=100_000),
    Entry("bravo-prov", "Bravo", 36.6, 66.9, Kind.ADMIN1, "XC", "XC-B", population=800_000),
]  # fmt: skip


def _resolve_names(text: str, names: Sequence[str]) -> dict[str, Resolution]:
    gaz = Gazetteer.from_entries(DIVISION_WORLD)
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    return {r.mention.text: r for r in resolve(text, mentions, gaz)}


def test_a_state_the_gazetteer_lacks_is_no_small_town_abroad() -> None:
    text = "Protesters marched in Medan Kor, the capital, and in Qarsa state on Friday."
    chosen = _resolve_names(text, ["Medan Kor", "Qarsa"])
    qarsa = chosen["Qarsa"]
    assert qarsa.fallback or qarsa.place is None or qarsa.place.id != "far-town"
    # Without the word "state" it is the town, as before.
    chosen = _resolve_names("A fair opened in Qarsa on Friday.", ["Qarsa"])
    assert chosen["Qarsa"].place is not None and chosen["Qarsa"].place.id == "far-town"


def test_each_name_of_a_list_before_provinces_is_a_province() -> None:
    text = "Raids hit Alpha and Bravo provinces; the market in Alpha reopened."
    chosen = _resolve_names(text, ["Alpha", "Bravo"])
    assert chosen["Bravo"].place is not None and chosen["Bravo"].place.id == "bravo-prov"
    assert chosen["Alpha"].place is not None and chosen["Alpha"].place.id == "alpha-prov"
    # The bare names are the towns.
    chosen = _resolve_names("Raids hit Alpha and Bravo overnight.", ["Alpha", "Bravo"])
    assert [chosen[n].place.id for n in ("Alpha", "Bravo")] == ["alpha-town", "bravo-town"]


def test_a_division_is_found_without_its_arabic_article(world: Gazetteer) -> None:
    # As written, not merely as a loose spelling: a loose one gives way to any exact name.
    found = [m for m in candidate_matches(world, "Anbar province") if m.how != LOOSE]
    assert any(world.kind[m.index] == Kind.ADMIN1 and world.country[m.index] == "IQ" for m in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Farmers marched in Kut e Abdollah on Monday.", "Kut e Abdollah"),
        ("A bomb went off in Qala i Naw overnight.", "Qala i Naw"),
    ],
)
def test_a_persian_joining_word_stays_inside_the_name(
    world: Gazetteer, finder: PlaceFinder, text: str, name: str
) -> None:
    assert [p.text for p in geoparse(text, world, finder)] == [name]


def test_a_town_written_with_its_division_of_the_same_name_is_the_seat() -> None:
    # A bigger namesake town elsewhere loses to the one in the division that bears the name.
    gaz = Gazetteer.from_entries([
        Entry("seat", "Ravena", 13.99, -89.56, Kind.CITY, "XA", "XA-R", population=170_000),
        Entry("prov", "Ravena", 14.0, -89.6, Kind.ADMIN1, "XA", "XA-R", population=500_000),
        Entry("far", "Ravena", 14.6, 121.0, Kind.CITY, "XB", "XB-1", population=600_000),
    ])  # fmt: skip
    text = "In Ravena (Ravena), workers protested outside their factory."
    first = text.index("Ravena")
    second = text.index("Ravena", first + 1)
    mentions = [Mention(first, first + 6, "Ravena"), Mention(second, second + 6, "Ravena")]
    assert {r.place.id for r in resolve(text, mentions, gaz) if r.place} == {"seat"}


def test_a_name_the_text_calls_a_city_is_the_town_not_its_division() -> None:
    # The division is the stronger reading of the bare name (kind prior, codes unaligned);
    # "city" after the name says the town is meant.
    gaz = Gazetteer.from_entries([
        Entry("town", "Ostrova", 22.8, 89.5, Kind.CITY, "XA", "XA.82", population=60_000),
        Entry("div", "Ostrova", 22.9, 89.3, Kind.ADMIN1, "XA", "XA-D", population=400_000),
    ])  # fmt: skip
    text = "Hundreds rallied in Ostrova city on Monday."
    start = text.index("Ostrova")
    [r] = resolve(text, [Mention(start, start + 7, "Ostrova")], gaz)
    assert r.place is not None and r.place.id == "town"
    [r] = resolve(
        "Hundreds rallied in Ostrova on Monday.", [Mention(start, start + 7, "Ostrova")], gaz
    )
    assert r.place is not None and r.place.id == "div"


@pytest.mark.parametrize(
    ("text", "name", "point"),
    [
        ("Envoys toured the Middle East for a week.", "Middle East", (33.13906, 35.85869)),
        ("A cargo ship sank in the Indian Ocean.", "Indian Ocean", (-10.0, 70.0)),
        ("Talks on the Korean Peninsula resumed.", "Korean Peninsula", (38.62545, 127.55127)),
        ("Migrants crossed from North Africa by boat.", "North Africa", (32.95337, 9.97559)),
    ],
)
def test_a_region_or_sea_sits_at_its_geonames_point(
    text: str, name: str, point: tuple[float, float], world: Gazetteer, finder: PlaceFinder
) -> None:
    place = _place(text, name, world, finder)
    assert place.kind == "region"
    assert geodesic_km((place.lat, place.lon), point) < 1.0


@pytest.mark.parametrize(
    ("text", "word", "name", "country"),
    [
        ("Two English fans were hurt outside the ground.", "English", "England", "GB"),
        ("Welsh farmers blocked a road in protest.", "Welsh", "Wales", "GB"),
        ("Arab ministers gathered for a summit.", "Arab", "Arab world", None),
    ],
)
def test_a_demonym_of_a_nation_or_region_names_it(
    text: str, word: str, name: str, country: str | None, world: Gazetteer
) -> None:
    start = text.index(word)
    (chosen,) = resolve(text, [Mention(start, start + len(word), word, demonym=True)], world)
    assert chosen.place is not None and chosen.place.name == name
    assert chosen.place.country == country


# A sea and a small town that bear one name, and towns of the town's country around it.
SEA_WORLD = [
    Entry("sea", "Varnic", 20.0, -30.0, Kind.REGION),
    Entry("town", "Varnic", 40.0, -95.0, Kind.CITY, "XA", "XA-1", population=7_000),
    Entry("city", "Orlen", 40.5, -95.5, Kind.CITY, "XA", "XA-1", population=300_000),
    Entry("xa", "Xanland", 39.0, -98.0, Kind.COUNTRY, "XA", population=30_000_000),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forecasters in Orlen, Xanland, expect storms over the Varnic.", "sea"),
        ("Forecasters in Orlen, Xanland, see the warm Varnic as a threat.", "sea"),
        ("Forecasters in Orlen, Xanland, drove to Varnic for the fair.", "town"),
        ("Forecasters in Orlen, Xanland, met the mayor of Varnic.", "town"),
    ],
)
def test_a_name_after_the_is_a_sea_or_region_not_a_town(text: str, expected: str) -> None:
    gaz = Gazetteer.from_entries(SEA_WORLD)
    names = ["Orlen", "Xanland", "Varnic"]
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    chosen = {r.mention.text: r for r in resolve(text, mentions, gaz)}
    place = chosen["Varnic"].place
    assert place is not None and place.id == expected


@pytest.mark.parametrize(
    ("text", "word", "country", "kind"),
    [
        ("The T&T delegation left the talks early.", "T&T", "TT", "country"),
        ("Miners in SA went on strike, South African unions said.", "SA", "ZA", "country"),
        ("Philippine coast guard ships shadowed the convoy.", "Philippine", "PH", "country"),
        ("A Serb deputy walked out of the assembly.", "Serb", "RS", "country"),
        ("Voters in Bosnia go to the polls on Sunday.", "Bosnia", "BA", "country"),
        ("Carnival crowds filled the streets of Trinidad.", "Trinidad", "TT", "country"),
        ("Shells fell on eastern Ghouta overnight.", "Ghouta", "SY", "region"),
    ],
)
def test_short_names_and_adjectives_news_uses_name_their_place(
    text: str, word: str, country: str, kind: str, world: Gazetteer
) -> None:
    start = text.index(word)
    (chosen,) = resolve(text, [Mention(start, start + len(word), word)], world)
    assert chosen.place is not None and not chosen.fallback
    assert (chosen.place.country, chosen.place.kind) == (country, kind)


def test_a_town_takes_the_division_a_listed_town_beside_it_is_filed_under() -> None:
    # A long, narrow division's centre lies far off; the nearest centre is its neighbour's.
    # A town the division list files under the long one, a kilometre away, decides.
    from trucewatch.places.sources import _align_admin1, _bucket

    states = [
        Entry("long", "Longreach", -3.0, 20.0, Kind.ADMIN1, "XC", "XC-LO"),
        Entry("round", "Roundhill", 0.4, 20.0, Kind.ADMIN1, "XC", "XC-RO"),
    ]
    town = {"countrycode": "XC", "admin1code": "04", "latitude": 1.5, "longitude": 20.0}
    assert _align_admin1([town], states, {})[("XC", "04")] == "XC-RO"
    listed = _bucket([(1.51, 20.005, "XC", "XC-LO"), (1.5, 20.0, "XD", "XD-1")])
    assert _align_admin1([town], states, listed)[("XC", "04")] == "XC-LO"


def test_a_town_whose_code_names_no_division_counts_in_the_one_it_lies_in() -> None:
    # Its GeoNames code spans several divisions, so no code says where it belongs; the
    # listed town next to it does, and its people count towards that division.
    from trucewatch.places.sources import _bucket, _division_totals

    towns = [
        Entry("a", "Harbour", 5.0, 7.0, Kind.CITY, "XG", "XG.2", population=300_000),
        Entry("b", "Upland", 8.0, 7.0, Kind.CITY, "XG", "XG-UP", population=20_000),
    ]
    listed = _bucket([(5.02, 7.01, "XG", "XG-CO"), (8.0, 7.0, "XG", "XG-UP")])
    totals = _division_totals(towns, listed)
    assert (totals["XG-CO"], totals["XG-UP"], totals["XG.2"]) == (300_000, 20_000, 0)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Ties between Moscow and the West have cooled again.", "West", "Western world"),
        ("Several Western capitals recalled their envoys.", "Western", "Western world"),
        ("Floods in Ghana cut roads in Western, officials in Accra said.", "Western", "Western"),
    ],
)
def test_a_direction_word_is_the_western_world_unless_the_story_is_in_its_country(
    text: str, word: str, expected: str, world: Gazetteer
) -> None:
    names = [n for n in ("Moscow", "Ghana", "Accra", word) if n in text]
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    chosen = {r.mention.text: r for r in resolve(text, mentions, world)}
    place = chosen[word].place
    assert place is not None and place.name == expected
    if expected == "Western":
        assert (place.country, place.kind) == ("GH", "admin1")


def test_a_nation_of_the_united_kingdom_outranks_a_village_of_its_name(world: Gazetteer) -> None:
    text = "Police numbers in England and Wales have fallen since 2010."
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in ("England", "Wales")]
    chosen = {r.mention.text: r.place for r in resolve(text, mentions, world)}
    assert all(p is not None and p.kind == "admin1" for p in chosen.values())
    wales = chosen["Wales"]
    assert wales is not None and geodesic_km((wales.lat, wales.lon), (52.4, -3.6)) < 100


@pytest.mark.parametrize(
    ("text", "county", "point"),
    [
        ("The rally moved on to Brackley, Northamptonshire.", "Northamptonshire", (52.3, -1.1)),
        ("Wards in Reading and across Berkshire were full, NHS England said.", "Berkshire",
         (51.45, -0.85)),
        ("Floods closed roads in Chester and across Cheshire, Britain's agency said.", "Cheshire",
         (53.17, -2.5)),
    ],
)  # fmt: skip
def test_an_english_county_the_iso_list_splits_is_a_place_of_its_own(
    text: str, county: str, point: tuple[float, float], world: Gazetteer, finder: PlaceFinder
) -> None:
    place = _place(text, county, world, finder)
    assert (place.country, place.kind) == ("GB", "admin1")
    assert geodesic_km((place.lat, place.lon), point) < 60


def test_a_town_and_city_is_that_town_before_a_namesake_spelt_alike(world: Gazetteer) -> None:
    # "Hull City" is spelt much like "Hill City", a town in the United States; the club
    # bears the English city's name.
    text = "Hull City lost at home to Leeds on Saturday."
    mentions = [Mention(0, 9, "Hull City"), Mention(26, 31, "Leeds")]
    chosen = resolve(text, mentions, world)[0].place
    assert chosen is not None and chosen.country == "GB"
    assert geodesic_km((chosen.lat, chosen.lon), (53.74, -0.33)) < 30


def test_a_code_a_city_goes_by_is_no_part_of_a_longer_name() -> None:
    # An airport's code among a big city's names does not make "Dunmore KRB" (a council
    # in a small town) that city.
    gaz = Gazetteer.from_entries([
        Entry("big", "Karabo", 1.5, 124.8, Kind.CITY, "XA", "XA-1", population=450_000,
              names=["Karabo", "KRB"]),
        Entry("small", "Dunmore", 52.9, -8.2, Kind.CITY, "XB", "XB-1", population=8_000),
    ])  # fmt: skip
    text = "Homes on the Dunmore KRB list were let, a spokesman in Dunmore said."
    mentions = [Mention(13, 24, "Dunmore KRB"), Mention(55, 62, "Dunmore")]
    chosen = resolve(text, mentions, gaz)[0]
    assert chosen.place is not None and chosen.place.id == "small"


def test_a_loosely_known_place_does_not_locate_the_town_after_in() -> None:
    # "Harlan Supply Depot" is known only by a part of its name, a hamlet elsewhere; it
    # says nothing about which Marlow the depot is in. The state the story names does.
    gaz = Gazetteer.from_entries([
        Entry("hamlet", "Harlan", 35.0, -86.0, Kind.CITY, "XA", "XA-2", population=900),
        Entry("county", "Marlow County", 35.2, -89.9, Kind.ADMIN2, "XA", "XA-2",
              population=2_000_000, names=["Marlow County", "Marlow"]),
        Entry("town", "Marlow", 48.5, -111.9, Kind.CITY, "XA", "XA-1", population=3_300),
        Entry("state", "Tobin", 47.0, -109.7, Kind.ADMIN1, "XA", "XA-1", population=1_000_000),
    ])  # fmt: skip
    text = "Guards walked out at the Harlan Supply Depot in Marlow. Tobin officials said so."
    names = ["Harlan Supply Depot", "Marlow", "Tobin"]
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    chosen = {r.mention.text: r.place for r in resolve(text, mentions, gaz)}
    assert chosen["Marlow"] is not None and chosen["Marlow"].id == "town"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("A strike shut the Toronto Transit Commission buses for a day.", "Toronto", "CA"),
        ("Officers of the Houston Police Department arrested him.", "Houston", "US"),
    ],
)
def test_a_body_named_after_its_place_opens_with_a_place_name(
    text: str, name: str, country: str, world: Gazetteer, finder: PlaceFinder
) -> None:
    assert _place(text, name, world, finder).country == country


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("A Paris-based charity paid for the flights.", ["Paris"]),
        ("Shelling on the Lebanese-Israeli frontier resumed.", ["Lebanese", "Israeli"]),
        ("Crowds chanted anti-French slogans outside.", ["French"]),
        ("Jean-Claude met Coca-Cola and Rolls-Royce chiefs.", []),
        ("Troops left Guinea-Bissau for Saint-Denis.", ["Guinea-Bissau", "Saint-Denis"]),
    ],
)
def test_a_sure_place_name_inside_a_hyphened_word_is_found(
    text: str, names: list[str], world: Gazetteer, finder: PlaceFinder
) -> None:
    assert [p.text for p in geoparse(text, world, finder)] == names


def test_a_name_listed_with_a_state_is_the_state_not_the_capital_city() -> None:
    gaz = Gazetteer.from_entries([
        Entry("ardel", "Ardel", 44.0, -120.5, Kind.ADMIN1, "XA", "XA-1", population=4_000_000),
        Entry("capital", "Belvoir", 38.9, -77.0, Kind.CAPITAL, "XA", "XA-9", population=700_000),
        Entry("state", "Belvoir", 47.5, -120.5, Kind.ADMIN1, "XA", "XA-2", population=2_000_000),
    ])  # fmt: skip
    text = "Firms leave states such as Ardel or Belvoir for cheaper rents."
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in ("Ardel", "Belvoir")]
    chosen = {r.mention.text: r.place for r in resolve(text, mentions, gaz)}
    assert chosen["Belvoir"] is not None and chosen["Belvoir"].id == "state"
    # Alone, the capital.
    text = "Firms leave Belvoir for cheaper rents."
    (alone,) = resolve(text, [Mention(12, 19, "Belvoir")], gaz)
    assert alone.place is not None and alone.place.id == "capital"


@pytest.mark.parametrize(
    ("text", "name", "place_name"),
    [
        # Small towns bear the demonym as their name; the word still names the country.
        ("Most Canadian provinces raised the levy.", "Canadian", "Canada"),
        ("Moscow blamed the West for the crisis.", "West", "Western world"),
        ("The West's answer came a week later.", "West", "Western world"),
        ("Envoys of T&T and Barbados met at the summit.", "T&T", "Trinidad and Tobago"),
    ],
)
def test_demonyms_the_west_and_initials_with_an_ampersand_are_found(
    text: str, name: str, place_name: str, world: Gazetteer, finder: PlaceFinder
) -> None:
    found = {p.text: p for p in geoparse(text, world, finder)}
    assert name in found
    place = found[name].place
    assert place is not None and place.name == place_name


def test_the_west_as_the_start_of_a_longer_name_is_not_the_western_world(
    world: Gazetteer, finder: PlaceFinder
) -> None:
    found = [p.text for p in geoparse("Settlers in the West Bank marched.", world, finder)]
    assert found == ["West Bank"]


def test_a_town_and_a_county_named_together_are_the_town_in_that_county() -> None:
    gaz = Gazetteer.from_entries([
        Entry("capital", "Lorne", 48.9, 2.4, Kind.CAPITAL, "XB", "XB-1", population=2_000_000),
        Entry("town", "Lorne", 36.3, -88.3, Kind.CITY, "XA", "XA-T", population=10_000),
        Entry("county-t", "Garvey County", 36.3, -88.3, Kind.ADMIN2, "XA", "XA-T",
              population=30_000),
        Entry("county-i", "Garvey County", 41.3, -90.2, Kind.ADMIN2, "XA", "XA-I",
              population=50_000),
    ])  # fmt: skip
    text = "Homes in Lorne and Garvey County will get a letter on flood insurance."
    names = ["Lorne", "Garvey County"]
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    chosen = {r.mention.text: r.place for r in resolve(text, mentions, gaz)}
    assert {n: p.id for n, p in chosen.items() if p} == {
        "Lorne": "town",
        "Garvey County": "county-t",
    }


STAND_IN_WORLD = [
    Entry("ash", "Ashford", 40.00, 20.00, Kind.CITY, "XE", "XE-1", population=40_000),
    Entry("birch", "Birchley", 40.05, 20.08, Kind.CITY, "XE", "XE-1", population=40_000),
    Entry("cedar", "Cedarton", 39.95, 20.05, Kind.CITY, "XE", "XE-1", population=40_000),
    Entry("dale", "Dalewick", 40.02, 19.93, Kind.CITY, "XE", "XE-1", population=40_000),
    Entry("elm", "Elmstead", 39.98, 20.12, Kind.CITY, "XE", "XE-1", population=40_000),
    Entry("far", "Farholm", 44.00, 26.00, Kind.CITY, "XE", "XE-1", population=90_000),
    Entry("lakeland", "Lakeland", 10.0, 80.0, Kind.ADMIN1, "XF", "XF-9", population=2_000_000),
    Entry("portvale", "Portvale", 10.3, 80.2, Kind.CITY, "XF", "XF-9", population=40_000),
    Entry("freedonia", "Freedonia", -5.0, 5.0, Kind.COUNTRY, "XG", population=9_000_000),
    Entry("grand", "Grandport", 46.0, 30.0, Kind.CITY, "XE", "XE-2", population=2_000_000),
    Entry("enf", "Enfield Town", 43.0, 24.0, Kind.CITY, "XE", "XE-1", population=60_000,
          names=["Enfield"]),
    Entry("delf", "Delfton", 52.0, 4.0, Kind.CITY, "XH", "XH-1", population=95_000),
]  # fmt: skip


def _stand_ins(text: str, names: Sequence[str]) -> list[Resolution]:
    gaz = Gazetteer.from_entries(STAND_IN_WORLD)
    mentions, at = [], 0
    for name in names:
        at = text.index(name, at)
        mentions.append(Mention(at, at + len(name), name))
        at += len(name)
    return resolve(text, mentions, gaz)


def test_an_unknown_name_written_in_a_division_stands_in_that_division() -> None:
    # "the Copper Pot in Lakeland": the division written to hold the unknown name says
    # where it is, not the town named just before it.
    text = "She cooked in Ashford and later at the Copper Pot in Lakeland."
    out = _stand_ins(text, ["Ashford", "Copper Pot", "Lakeland"])
    assert out[1].fallback and out[1].place is not None and out[1].place.id == "lakeland"


def test_an_unknown_name_far_from_any_town_stands_in_the_story_s_cluster() -> None:
    # The visitors' home town is named most often, but the story's places lie around
    # Ashford: a street named far from every town is in that cluster, not in Farholm.
    text = (
        "Fans from Farholm filled the stands. Farholm sent buses, Farholm's mayor came and"
        " Farholm's band played. The derby was held in Ashford; fans stayed in Birchley,"
        " Cedarton, Dalewick and Elmstead."
        " After the match the crowd walked for an hour, singing and waving scarves, past the"
        " stadium gates, the old tram depot and the covered market, until it reached the"
        " long avenue by the riverside, and then spilled out onto Mill Lane."
    )
    names = ["Farholm"] * 4 + ["Ashford", "Birchley", "Cedarton", "Dalewick", "Elmstead"]
    out = _stand_ins(text, [*names, "Mill Lane"])
    assert out[-1].fallback and out[-1].place is not None
    assert out[-1].place.id in {"ash", "birch", "cedar", "dale", "elm"}


def test_a_building_named_after_a_division_stands_in_the_story_s_town_inside_it() -> None:
    # A university named after its state lies somewhere in the state: the story's own
    # town there says where better than the state's middle.
    text = "Portvale's council met on Monday. A professor at Lakeland State University spoke."
    out = _stand_ins(text, ["Portvale", "Lakeland State University"])
    assert out[1].place is not None and out[1].place.id == "portvale"
    # Named alone, it is the state.
    out = _stand_ins(
        "A professor at Lakeland State University spoke.", ["Lakeland State University"]
    )
    assert out[0].place is not None and out[0].place.id == "lakeland"


def test_a_country_s_embassy_is_not_in_that_country() -> None:
    text = "Protesters gathered outside the Embassy of Freedonia in Ashford on Sunday."
    out = _stand_ins(text, ["Embassy of Freedonia", "Ashford"])
    assert out[0].place is not None and out[0].place.id == "ash"
    # The country itself is still the country.
    out = _stand_ins("Talks with Freedonia resumed in Ashford.", ["Freedonia", "Ashford"])
    assert out[0].place is not None and out[0].place.id == "freedonia"


CLUSTER = {"ash", "birch", "cedar", "dale", "elm"}
TOWNS = "Teams came from Ashford, Birchley and Cedarton on Sunday."


def _in_cluster(out: Resolution) -> bool:
    return out.fallback and out.place is not None and out.place.id in CLUSTER


@pytest.mark.parametrize(
    "name",
    [
        "Farholm Academy",  # a town's name in a building's
        "Grandport Avenue",  # a big city's name in a street's
        "Anfield",  # a town's loose spelling, and unlike its name
    ],
)
def test_a_name_that_only_holds_a_far_town_s_stands_in_the_story_s_place(name: str) -> None:
    # A street, a school or a ground named after a town far from every place the story
    # names lies in the story's own area: the town named in it is not where it is.
    text = f"{TOWNS} Boys train at {name} every week."
    out = _stand_ins(text, ["Ashford", "Birchley", "Cedarton", name])
    assert _in_cluster(out[-1])


def test_a_big_city_s_name_in_another_name_and_a_town_s_own_name_stand() -> None:
    # A show or a university named after a big city is there; a town's own name stands
    # however far.
    for name, ident in (
        ("Grandport Motor Show", "grand"),
        ("Grandport State University", "grand"),
        ("Farholm", "far"),
    ):
        out = _stand_ins(f"{TOWNS} Dealers met at {name} every week.", [
            "Ashford", "Birchley", "Cedarton", name
        ])  # fmt: skip
        assert out[-1].place is not None and out[-1].place.id == ident, name


def test_a_small_town_abroad_gives_way_to_the_story_s_place_when_the_story_is_in_one_country(
) -> None:  # fmt: skip
    # "the Delft police station" in a Cape Town story: the Dutch town is a namesake of a
    # place the gazetteer lacks near Cape Town.
    text = f"{TOWNS} She reported it at the Delfton police station."
    out = _stand_ins(text, ["Ashford", "Birchley", "Cedarton", "Delfton"])
    assert _in_cluster(out[-1])
    # A story whose places lie in two countries keeps it.
    text = "Teams came from Ashford and Portvale. She reported it at the Delfton police station."
    out = _stand_ins(text, ["Ashford", "Portvale", "Delfton"])
    assert out[-1].place is not None and out[-1].place.id == "delf"


def test_a_building_named_after_a_division_stands_in_the_story_s_main_town_there() -> None:
    # The town named next to it lies outside the state; the story's main town lies inside.
    text = (
        "Portvale's council met on Monday; Portvale's mayor spoke of the new budget, of the"
        " roads and of the schools for an hour and more, and the talks went on into the"
        " evening. A professor at Lakeland State University and a teacher from Grandport"
        " joined them."
    )
    out = _stand_ins(text, ["Portvale", "Portvale", "Lakeland State University", "Grandport"])
    assert out[2].place is not None and out[2].place.id == "portvale"


@pytest.mark.parametrize(
    ("text", "code", "division"),
    [
        ("Two groups clashed in Sultanpur (UP) on Sunday.", "UP", "Uttar Pradesh"),
        ("Farmers marched in Madurai city (Madurai, TN) on Friday.", "TN", "Tamil Nadu"),
        ("A storm tore roofs off in Tulsa, OK on Monday.", "OK", "Oklahoma"),
    ],
)
def test_a_state_s_code_after_a_town_it_holds_is_that_state(
    world: Gazetteer, finder: PlaceFinder, text: str, code: str, division: str
) -> None:
    # A state's code counts where news writes one, after a town the state holds: India's
    # too, and one that is also a common word ("UP").
    found = {p.text: p.place.name for p in geoparse(text, world, finder) if p.place}
    assert found.get(code) == division, found


@pytest.mark.parametrize(
    "text",
    [
        "LUCKNOW (AP) - The MP said the AP had it wrong.",
        "Prices went UP in Delhi, and the MP for Leeds said so.",
        "He met the AP reporter in Chennai.",
    ],
)
def test_initials_india_s_states_share_with_other_things_are_no_place_alone(
    world: Gazetteer, finder: PlaceFinder, text: str
) -> None:
    # A news agency, a member of parliament, a rise: not Andhra or Madhya Pradesh, nor
    # Uttar Pradesh, unless written after a town the state holds.
    found = {p.text for p in geoparse(text, world, finder)}
    assert not found & {"AP", "MP", "UP"}, found
