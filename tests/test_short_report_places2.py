"""Places of short battle and incident reports (issue 12, i12-places2), read with the shipped
default index: reference points ("30 km west of X", "the outskirts of X") put the event near X;
a reference that only locates a place named before it ("X, 15 km north of Y") keeps X; a division
named after its town ("X district", "the countryside of X") is X at admin2; "X district of
<province>" is X; the '-a'/'-ah' spellings of one Arabic name meet; a short report's name is the
place spelled so in the report's country, not an alternate name abroad; a participle clause
("..., abducting 15") takes its verb's place; "struck X and Y in the Z area" is X. The sentences are written for these tests."""
from __future__ import annotations

import pytest

from geosupport import event_place
from polemos.eval import short_places
from polemos.eval.common import Run
from polemos.geo import get_geocoder
from polemos.geo.api import Geocoder
from polemos.geo.build import build_index
from polemos.geo.distance import haversine_km
from polemos.geo.normalize import ending_variant
from polemos.geo.report_place import reference_role, report_precision
from polemos.nlp import parse_texts


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return get_geocoder()


# (report, event word, (lat, lon) of the place a coder records, country, precision)
REPORTS = [
    # the event lies near a reference point
    ("Gunmen kidnapped two engineers 30 km west of Kandahar.", "kidnapped", (31.61, 65.71), "AFG", "near"),
    ("Militants ambushed a police convoy 12 miles from Peshawar.", "ambushed", (34.01, 71.58), "PAK", "near"),
    ("A mortar round landed on the outskirts of Mogadishu, wounding three children.", "landed",
     (2.04, 45.34), "SOM", "near"),
    ("In Kandahar province, a truck carrying fuel was set on fire on the highway 25 km north of "
     "Spin Boldak.", "set", (31.00, 66.40), "AFG", "near"),
    ("Two soldiers died when rebels attacked their patrol some 40 kilometres south of Goma.", "attacked",
     (-1.68, 29.23), "COD", "near"),
    ("A bomb exploded at the entrance of Mosul on Monday.", "exploded", (36.34, 43.13), "IRQ", "near"),
    # the reference only locates the place named before it
    ("Shelling hit Avdiivka, 15 km north of Donetsk, killing a woman.", "hit", (48.14, 37.74), "UKR", "place"),
    ("Insurgents stormed a checkpoint in Baqubah, 50 km north-east of Baghdad.", "stormed",
     (33.75, 44.64), "IRQ", "place"),
    # a division named after its town: somewhere in it
    ("Clashes erupted in Spin Boldak district near the border with Pakistan.", "erupted",
     (31.00, 66.40), "AFG", "admin2"),
    ("Unidentified gunmen attacked a bus in the countryside of Al-Bab.", "attacked", (36.37, 37.52), "SYR",
     "admin2"),
    ("Regime helicopters dropped barrel bombs on the Jisr al-Shughur countryside.", "dropped",
     (35.81, 36.32), "SYR", "admin2"),
    ("Herders killed nine farmers in Bokkos LGA on Sunday.", "killed", (9.30, 8.99), "NGA", "admin2"),
    # "X district of <province>": X
    ("Taliban fighters overran a police post in Nad Ali district of Helmand.", "overran",
     (31.59, 64.26), "AFG", "admin2"),
    # the first of a list of targets, not the place the list is said to lie in
    ("Israeli aircraft struck Beit Lahia and Beit Hanoun in the Jabalia area overnight.", "struck",
     (31.55, 34.50), "PSE", "place"),
    ("Warplanes carried out strikes on Saraqib and Sarmin in the Idlib countryside.", "carried",
     (35.86, 36.80), "SYR", "place"),
    # the '-a' spelling of an '-ah' name
    ("Government forces and tribal fighters clashed in Shabwa on Friday.", "clashed", (14.7, 46.8), "YEM",
     "admin1"),
    # a participle clause takes its verb's place
    ("Gunmen raided Bama in Borno State, abducting 15 women.", "abducting", (11.52, 13.69), "NGA", "place"),
]


@pytest.mark.parametrize("text,trigger,point,country,precision", REPORTS, ids=[r[0][:40] for r in REPORTS])
def test_a_short_report_is_placed_where_a_coder_puts_it(geocoder, text, trigger, point, country,
                                                        precision) -> None:
    place = event_place(geocoder, text, trigger)
    assert place is not None and place.country == country, (text, place)
    assert place.precision == precision, (text, place)
    limit = {"place": 25, "near": 50, "admin2": 100, "admin1": 250}[precision]
    assert haversine_km(place.lat, place.lon, *point) < limit, (text, place)


def test_a_neighbourhood_of_a_city_is_not_read_as_a_division_of_it(geocoder) -> None:
    """"the X district of Baghdad": Baghdad is a city holding X, not a province X is the seat of."""
    place = event_place(geocoder, "A car bomb exploded in the Mansour district of Baghdad, killing five.", "exploded")
    assert place is not None and place.country == "IRQ", place


@pytest.mark.parametrize("before,role", [
    ("Gunmen ambushed a convoy 20 km east of ", "event"),
    ("A shepherd was killed north-west of the town of ", "event"),
    ("Fighters shelled the outskirts of ", "event"),
    ("Troops entered a village 10 km east of ", "event"),          # an unnamed village: near the reference
    ("A policeman was shot in a town northeast of ", "event"),
    ("Rebels took Kibati, 15 km north of ", "container"),
    ("Rebels took the town, some 15 km north of ", "container"),
    ("Clashes broke out in Tarmiyah district north of ", "container"),
    ("A bomb went off in Dujail, also just south of ", "container"),
    ("Militants attacked Kirkush, about 60 kilometres (37 miles) east of ", "container"),
    ("Troops stormed the Tal Hamra hill north of ", "container"),
    ("An aide to the emir of al-Mayadin west of ", "container"),
    ("West of ", "opening"),
    ("Officials met in ", None),
])
def test_a_reference_point_locates_the_event_or_a_place_named_before(before, role) -> None:
    assert reference_role(before + "X", len(before)) == role


@pytest.mark.parametrize("text,start,end,prec", [
    ("fighting in Manbij district", 12, 18, "admin2"),
    ("an attack in Mangu LGA of Plateau State", 13, 18, "admin2"),
    ("shelling in the countryside of Idlib", 31, 36, "admin2"),
    ("shelling in the Idlib countryside", 16, 21, "admin2"),
    ("clashes on the outskirts of Gao", 28, 31, "near"),
    ("clashes in Gao town", 11, 14, "place"),
])
def test_the_precision_a_coder_writes(text, start, end, prec) -> None:
    assert report_precision("place", False, text, start, end) == prec
    assert report_precision("admin1", False, text, start, end) == "admin1"   # a province stays a province


@pytest.mark.parametrize("key,alt", [("latamina", "lataminah"), ("raqa", "raqah"), ("hasakeh", "hasakah"),
                                     ("lataminah", None), ("salah", None), ("kafr nabl", None), ("gao", None)])
def test_arabic_feminine_endings_meet(key, alt) -> None:
    assert ending_variant(key) == alt


def test_a_name_spelled_with_or_without_the_final_h_finds_the_same_place(geocoder) -> None:
    with_h = {c.geonameid for c in geocoder.gazetteer.lookup("Shabwah")}
    assert with_h and with_h <= {c.geonameid for c in geocoder.gazetteer.lookup("Shabwa")}


@pytest.mark.parametrize("text", ["An attack on a Federal Police post left one officer dead on Monday.",
                                  "Gunmen ambushed a National Guard patrol on Tuesday."])
def test_a_common_word_of_a_body_is_no_division_by_an_alternate_name(geocoder, text) -> None:
    """"Federal" is an alternate name of Brazil's Federal District, but "Federal Police" names no place."""
    assert [t.text for t in geocoder.toponyms(parse_texts([text], lambda s: True)[0])] == []


def test_the_own_set_is_scored_by_the_stated_precision_on_both_halves() -> None:
    """`polemos eval short-places`: the set loads in alternating halves; a place counts within the
    gold precision's distance in the gold country, and precision_exact also wants the precision."""
    recs = short_places.load()
    assert len(recs) >= 60 and {r.meta["half"] for r in recs[:2]} == {"dev", "check"}
    g = recs[0].gold
    at = {"lat": g["lat"], "lon": g["lon"], "country": g["country"], "precision": g["precision"]}
    off = dict(at, lat=g["lat"] + 1.0)                                  # ~110 km away
    abroad = dict(at, country="XXX")
    coarse = dict(at, precision="country")
    preds = [[{"location": at}], [{"location": off}], [{"location": abroad}], [{"location": coarse}], []]
    run = Run(records=[recs[0]] * 5, preds=preds)
    m = short_places.score(run)
    assert m["all"]["within"] == round(2 / 5, 4) and m["all"]["precision_exact"] == round(1 / 5, 4)
    assert m["all"]["no_place"] == 1


def test_a_seat_after_in_is_a_town_whatever_its_recorded_population(tmp_path) -> None:
    """A built index may hold a district seat with population 0 (GeoNames' cities500 does for some
    Syrian towns): after "in" it is still a town, even where the model tags nothing."""
    rows = ["9100001\tQamishli\tQamishli\t\t37.05\t41.22\tP\tPPLA2\tSY\t\t01\t\t\t\t0\t\t450\tAsia/Damascus\t2020-01-01",
            "9100002\tKhirbat Umar\tKhirbat Umar\t\t37.10\t41.30\tP\tPPL\tSY\t\t01\t\t\t\t0\t\t450\tAsia/Damascus\t2020-01-01"]
    (tmp_path / "SY.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    build_index([tmp_path / "SY.txt"], tmp_path / "g.sqlite")
    geo = Geocoder(tmp_path / "g.sqlite")
    for text in ("Heavy shelling in rural Qamishli", "Sporadic fighting in rural Qamishli"):
        found = [t.text for t in geo.toponyms(parse_texts([text], lambda s: True)[0])]
        assert found == ["Qamishli"], (text, found)
