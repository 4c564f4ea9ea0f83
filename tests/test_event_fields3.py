"""Places of events in long articles (issue 12, i12-fields), read with the shipped default index
(real GeoNames data), on our own sentences and mini-articles:

- a street is not the town it is named after ("Oxford Street" in Belfast, "Haifa Street" in
  Baghdad); it lies in the last town the story named, at that town's point, under its own name;
- a known name opening a longer name is its place ("the Boston Marathon", "the Kabul Serena Hotel");
- a wire dateline, also right after a headline ("... Probe\\nBOSTON — "), weighs in the story's place,
  and so do the lead's places; a nationality named three times does not outweigh them;
- Arabic articles glued by a hyphen stay inside a name ("Deir ez-Zor", "Jisr esh-Shughur");
- a date in the deed's own clause dates it, not the day the deed was reported ("said Sunday that
  rebels ambushed a convoy on Thursday");
- a nationality ("a US citizen") is never the event's place.
"""
from __future__ import annotations

import datetime as dt

import pytest

from geosupport import event_place as _event_place
from polemos.extract.dates import resolve_date
from polemos.geo import get_geocoder
from polemos.geo.api import Geocoder
from polemos.geo.distance import haversine_km
from polemos.geo.link import event_toponym, is_street_name, lead_spans, main_place, rank
from polemos.nlp import load_nlp, parse_texts


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return get_geocoder()


def _near(place, latlon, km: float = 25.0) -> bool:
    return place is not None and place.lat is not None and \
        haversine_km(place.lat, place.lon, latlon[0], latlon[1]) <= km


# (story, event word, (lat, lon) of the town the street lies in, country)
STREETS = [
    ("Car bombs went off across Belfast on Friday. At Oxford Street, the busiest bus station in "
     "Northern Ireland, six people were killed.", "killed", (54.597, -5.930), "GBR"),
    ("Police in Baghdad said the blast was the third this week. A car bomb exploded on Haifa Street, "
     "killing five people.", "exploded", (33.341, 44.401), "IRQ"),
    ("A bomb went off in Lyon on Friday evening. It targeted a bakery on Rue de Marseille, "
     "wounding thirteen people.", "targeted", (45.748, 4.847), "FRA"),
    ("Gunmen opened fire in Lahore late on Monday. Two people were shot dead in Mall Road, "
     "police said.", "shot", (31.549, 74.344), "PAK"),
    ("A grenade was thrown at a bar in Nairobi. Later, a man was stabbed to death on Moi Avenue.",
     "stabbed", (-1.283, 36.817), "KEN"),
    ("Militants struck Kabul again on Sunday. A roadside bomb hit a minibus on Jalalabad Road, "
     "killing three passengers.", "hit", (34.528, 69.172), "AFG"),
]


@pytest.mark.parametrize("text,trigger,latlon,country", STREETS)
def test_a_street_lies_in_the_town_told_before(geocoder: Geocoder, text: str, trigger: str,
                                                latlon: tuple[float, float], country: str) -> None:
    place = _event_place(geocoder, text, trigger)
    assert place is not None and place.country == country, place
    assert _near(place, latlon), place
    assert place.precision == "place" and place.geonameid is None   # the street's own place, not the town's id
    assert place.text is not None and place.name is not None and place.text in place.name


@pytest.mark.parametrize("text,street", [
    ("A bomb exploded on Haifa Street on Tuesday.", "Haifa Street"),
    ("Four workers were killed at Oxford St on Friday.", "Oxford St"),
    ("The attack took place in Calle del Correo in the centre.", "Calle del Correo"),
    ("Protesters marched down Rue de Lyon towards the square.", "Rue de Lyon"),
    ("A man was shot dead at his door in Deerpark Road.", "Deerpark Road"),
])
def test_a_street_is_not_the_town_it_is_named_after(geocoder: Geocoder, text: str, street: str) -> None:
    parsed = parse_texts([text], lambda s: True)[0]
    tops = geocoder.toponyms(parsed)
    named = [t for t in tops if t.text == street]
    assert named and named[0].place is None, tops          # not Haifa, Oxford, Lyon, El Correo, Deer Park
    assert not any(t.place is not None and t.start >= named[0].start and t.end <= named[0].end for t in tops)


def test_a_street_with_its_town_in_the_sentence_is_in_that_town(geocoder: Geocoder) -> None:
    place = _event_place(geocoder, "The bombing was an attack on a cafe in Calle del Correo, Madrid, Spain "
                                   "which killed 13 people.", "killed")
    assert place is not None and place.country == "ESP" and _near(place, (40.417, -3.704))


def test_a_street_in_a_division_takes_a_town_of_that_division(geocoder: Geocoder) -> None:
    # the last town named (London) lies outside the division the sentence names: Belfast, named before, is in it
    text = ("Bombs exploded in Belfast on Friday. Ministers met in London that evening. At Oxford Street, "
            "the busiest bus station in Northern Ireland, six people were killed.")
    place = _event_place(geocoder, text, "killed")
    assert place is not None and _near(place, (54.597, -5.930)), place


def test_no_town_before_the_street_keeps_the_old_answer(geocoder: Geocoder) -> None:
    place = _event_place(geocoder, "A man was shot dead on Victoria Road on Monday.", "shot")
    assert place is None or place.geonameid is None or place.name != "Victoria"


@pytest.mark.parametrize("name,street", [
    ("Haifa Street", True), ("Oxford St", True), ("Rue Victor Hugo", True), ("Calle del Correo", True),
    ("Jalalabad Road", True), ("Moi Avenue", True), ("Haifa", False), ("Street", False), ("Sadr City", False),
])
def test_street_names(name: str, street: bool) -> None:
    assert is_street_name(name) is street


# (sentence, event word, (lat, lon), country): the place opens the longer name
OPENING = [
    ("Twin bombs exploded near the finish line of the annual Boston Marathon, killing three people.",
     "exploded", (42.358, -71.060), "USA"),
    ("Gunmen stormed the Kabul Serena Hotel on Thursday, killing nine guests.", "stormed", (34.528, 69.172), "AFG"),
    ("A suicide bomber struck the Manchester Arena after a concert, killing 22 people.", "struck",
     (53.481, -2.237), "GBR"),
    ("Gunmen attacked the Peshawar Press Club on Monday.", "attacked", (34.008, 71.578), "PAK"),
    ("Attackers set fire to the Nairobi Central Market overnight.", "set", (-1.283, 36.817), "KEN"),
]


@pytest.mark.parametrize("text,trigger,latlon,country", OPENING)
def test_the_place_opening_a_longer_name(geocoder: Geocoder, text: str, trigger: str,
                                         latlon: tuple[float, float], country: str) -> None:
    place = _event_place(geocoder, text, trigger)
    assert place is not None and place.country == country, place
    assert _near(place, latlon), place


# (article, (lat, lon) of the story's place): the dateline, also glued after a headline, weighs
DATELINES = [
    ("Kyrgyzstan National Pleads Not Guilty in Court\nBOSTON — A citizen of Kyrgyzstan on Wednesday pleaded "
     "not guilty. His family left Kyrgyzstan in 2010. Judges ordered him held until trial.", (42.358, -71.060)),
    ("Somali Refugee Charged\nMINNEAPOLIS (AP) — A refugee from Somalia was charged on Monday. He was born in "
     "Somalia and lived in Somalia until 2012. Prosecutors accused him of fraud.", (44.980, -93.264)),
    ("KABUL, Afghanistan (Reuters) — A man from Pakistan was arrested on Tuesday. Officials said he had "
     "crossed from Pakistan twice. Pakistan denied any link. He was detained.", (34.528, 69.172)),
    ("NAIROBI, Kenya — Two Ugandan nationals were charged. Uganda asked for their return. Uganda's envoy "
     "met officials. Police arrested a third man.", (-1.283, 36.817)),
    ("Court Hears Case\nLAGOS — A citizen of Ghana appeared in court. Ghana's consul attended. He left Ghana "
     "in 2015. He was remanded in custody.", (6.454, 3.395)),
]


@pytest.mark.parametrize("text,latlon", DATELINES)
def test_the_dateline_outweighs_a_nationality(geocoder: Geocoder, text: str, latlon: tuple[float, float]) -> None:
    parsed = parse_texts([text], lambda s: True)[0]
    tops = geocoder.toponyms(parsed)
    place = main_place(tops, parsed.text, lead_spans(parsed))
    assert _near(place, latlon, 40.0), place


def test_the_lead_outweighs_background_comparisons(geocoder: Geocoder) -> None:
    text = ("Police in the city of Lyon were searching for a man after a blast on Friday. The bomb was left "
            "near a bakery. Paris prosecutors opened a probe. The city has been calm since attacks in Paris. "
            "Lyon is the third-largest city after Paris and Marseille.")
    parsed = parse_texts([text], lambda s: True)[0]
    tops = geocoder.toponyms(parsed)
    place = main_place(tops, parsed.text, lead_spans(parsed))
    assert _near(place, (45.748, 4.847)), place


def test_a_town_outweighs_the_division_it_lies_in(geocoder: Geocoder) -> None:
    text = ("Violence in Northern Ireland grew. Bombs hit Belfast. Northern Ireland's police were stretched. "
            "Leaders in Northern Ireland met. Shops in Belfast closed.")
    parsed = parse_texts([text], lambda s: True)[0]
    place = main_place(geocoder.toponyms(parsed), parsed.text)
    assert place is not None and place.precision == "place" and _near(place, (54.597, -5.930)), place


@pytest.mark.parametrize("text,latlon", [
    ("A roadside bomb detonated under a convoy near the city of Deir ez-Zor.", (35.336, 40.141)),
    ("Regime aircraft bombed Jisr esh-Shughur on Monday.", (35.812, 36.318)),
    ("Clashes erupted in Deir ez-Zor on Monday.", (35.336, 40.141)),
    ("Militants ambushed soldiers outside Deir ez-Zor overnight.", (35.336, 40.141)),
    ("Shelling hit Jisr ash-Shughur and its countryside.", (35.812, 36.318)),
])
def test_hyphenated_articles_stay_in_the_name(geocoder: Geocoder, text: str, latlon: tuple[float, float]) -> None:
    trigger = next(w for w in ("detonated", "bombed", "Clashes", "ambushed", "hit") if w in text)
    place = _event_place(geocoder, text, trigger)
    assert place is not None and place.country == "SYR" and _near(place, latlon, 30.0), place


# ------------------------------------------------------------------ dates: the deed's day, not the saying's
MON = dt.date(2020, 2, 10)           # a Monday


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize("sentence, trigger, expected", [
    ("The army said Sunday that rebels ambushed a convoy on Thursday near Goma.", "ambushed", "2020-02-06"),
    ("The minister announced today that gunmen on 4 February kidnapped an engineer and killed his driver.",
     "kidnapped", "2020-02-04"),
    ("The minister announced today that gunmen on 4 February kidnapped an engineer and killed his driver.",
     "killed", "2020-02-04"),
    ("Police confirmed on Monday that militants had attacked a checkpoint on Saturday.", "attacked", "2020-02-08"),
    ("Officials in Kabul told reporters yesterday that a bomb exploded at a mosque on 2 February.", "exploded",
     "2020-02-02"),
    ("A spokesman said on Sunday that protesters marched through Santiago on Friday.", "marched", "2020-02-07"),
    ("The governor said Monday that the raid on the village took place on Wednesday.", "raid", "2020-02-05"),
])
def test_the_date_of_the_deed_not_of_the_saying(nlp, sentence: str, trigger: str, expected: str) -> None:
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == trigger)
    assert resolve_date(doc, tok, MON).date == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("sentence, trigger, expected", [
    # with no date of its own in the deed's clause, the saying's day is still the best there is
    ("On Friday, officials said that a bomb exploded in a market in Kano.", "exploded", "2020-02-07"),
    ("Police said on Sunday the gunmen were arrested.", "arrested", "2020-02-09"),
    ("Rebels shelled the town on Saturday, the army said on Sunday.", "shelled", "2020-02-08"),
    ("Rebels shelled the town on Saturday, the army said on Sunday.", "said", "2020-02-09"),
    ("Troops killed five militants in a raid on 6 February, the ministry said today.", "killed", "2020-02-06"),
])
def test_the_saying_day_when_the_deed_has_none(nlp, sentence: str, trigger: str, expected: str) -> None:
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == trigger)
    assert resolve_date(doc, tok, MON).date == dt.date.fromisoformat(expected)


# ------------------------------------------------------------------ a nationality is no place
@pytest.mark.parametrize("text, trigger", [
    ("Gunmen kidnapped a US citizen and killed his driver.", "kidnapped"),
    ("Militants seized a French journalist and two local guides.", "seized"),
    ("Police arrested a Kenyan national and a Somali trader.", "arrested"),
    ("Kidnappers released a Chinese engineer after three weeks.", "released"),
    ("The court sentenced a Canadian citizen to ten years.", "sentenced"),
])
def test_a_nationality_is_not_the_events_place(geocoder: Geocoder, text: str, trigger: str) -> None:
    parsed = parse_texts([text], lambda s: True)[0]
    sent = parsed.sentences[0]
    tok = next(t for t in sent.doc if t.text == trigger)
    assert all(s <= -3.0 for s, _, _, t in rank(sent, tok, geocoder.toponyms(parsed)) if t.place is not None
               and t.place.precision == "country"), text


def test_a_country_naming_a_war_still_places_it(geocoder: Geocoder) -> None:
    place = _event_place(geocoder, "Fighting in the Yemen conflict killed nine people.", "killed")
    assert place is not None and place.country == "YEM"


@pytest.mark.parametrize("text, trigger, country", [
    ("An attacker shot his way into a home in this West Bank settlement, killing a woman.", "shot", "PSE"),
    ("A man was shot dead as he drove on a Gaza street.", "shot", "PSE"),
    ("Rebels attacked a Yemen border post at dawn.", "attacked", "YEM"),
    ("Soldiers raided a Lebanon village overnight.", "raided", "LBN"),
    ("A teenager captured in Afghanistan sobs in the video.", "captured", "AFG"),
])
def test_a_country_naming_a_place_noun_still_places_it(geocoder: Geocoder, text: str, trigger: str,
                                                       country: str) -> None:
    place = _event_place(geocoder, text, trigger)
    assert place is not None and place.country == country, place


@pytest.mark.parametrize("text, trigger, name", [
    ("Clashes broke out in a northern Congo River port, forcing two airports to close.", "forcing", "Congo"),
    ("The fugitives were shot dead when troops raided their West Bank hideout.", "shot", "West Bank"),
    ("On the edge of the northern Gaza Strip soldiers shot two men.", "shot", "Gaza Strip"),
])
def test_a_misparsed_or_owned_country_is_still_the_place(geocoder: Geocoder, text: str, trigger: str,
                                                         name: str) -> None:
    parsed = parse_texts([text], lambda s: True)[0]
    sent = parsed.sentences[0]
    tok = next(t for t in sent.doc if t.text == trigger)
    chosen = event_toponym(sent, tok, geocoder.toponyms(parsed))
    assert chosen is not None and name in chosen.text


def test_a_dateline_abroad_is_only_where_the_story_was_filed(geocoder: Geocoder) -> None:
    text = ("PANAMA CITY, Panama (EFE) — The Salvadoran army said today that two men were killed in "
            "Chalatenango. Opposition leaders in San Salvador rejected the account. Soldiers in "
            "Chalatenango searched homes.")
    parsed = parse_texts([text], lambda s: True)[0]
    place = main_place(geocoder.toponyms(parsed), parsed.text, lead_spans(parsed))
    assert place is not None and place.country == "SLV", place
