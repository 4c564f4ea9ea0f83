"""The geoparser on real GeoNames data (../shared/gazetteer) and the reference article.

The index is built once per module in a temporary folder from cities15000 plus a Syria/Turkey/
Jordan subset of cities500 (so the villages-and-towns behaviour is tested without building the
whole cities500, which takes ~15 s of CPU)."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from polemos.geo.api import Geocoder
from polemos.geo.build import build_index
from polemos.geo.gazetteer import Gazetteer
from polemos.geo.normalize import name_key
from polemos.geo.resolve import haversine_km
from polemos.nlp import ParsedText, Sentence, parse_texts

REF = "fixtures/idlib-talks-2020-02-10"


@pytest.fixture(scope="module")
def index(shared: Path, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("gaz")
    g = shared / "gazetteer"
    # a real cities500 file, cut to three countries (same format, fewer rows)
    with zipfile.ZipFile(g / "cities500.zip") as z, z.open("cities500.txt") as f:
        rows = [line for line in f.read().decode("utf-8").splitlines(keepends=True)
                if line.split("\t")[8] in ("SY", "TR", "JO")]
    sub = tmp / "cities500.txt"
    sub.write_text("".join(rows), encoding="utf-8")
    out = tmp / "index.sqlite"
    build_index([g / "cities15000.zip", sub, g / "admin1CodesASCII.txt", g / "admin2Codes.txt",
                 g / "countryInfo.txt"], out)
    return out


@pytest.fixture(scope="module")
def geocoder(index: Path) -> Geocoder:
    return Geocoder(index)


@pytest.fixture(scope="module")
def reference(shared: Path) -> tuple[ParsedText, dict]:
    text = (shared / REF / "article.txt").read_text(encoding="utf-8")
    gold = {e["id"]: e for e in json.loads((shared / REF / "gold.json").read_text())["events"]}
    return parse_texts([text], lambda s: True)[0], gold


def test_transliteration_variants_share_a_key() -> None:
    assert name_key("Kafr Nūrān") == name_key("Kfar Nouran") == name_key("kafr-nuran")
    assert name_key("Shaykh ‘Alī") == name_key("Sheikh Ali")
    assert name_key("Al Atārib") == name_key("Atarib") == name_key("al-Atarib")
    assert name_key("Ma‘arrat an Nu‘mān") == name_key("Maarrat al-Numan")
    assert name_key("Deir ez-Zor") == name_key("Dayr az Zor")


def test_index_holds_places_divisions_and_countries(index: Path) -> None:
    g = Gazetteer(index)
    kinds = {c.fcode for c in g.lookup("Idlib")}
    assert {"ADM1", "PPLA"} <= kinds
    assert any(c.geonameid == 174030 for c in g.lookup("Atarib"))      # Al Atārib, from cities500
    syria = g.country_place("SY")
    damascus = max((c for c in g.lookup("Damascus") if c.cc == "SY"), key=lambda c: c.population)
    # a country is placed at its centroid, not at its capital
    assert syria.is_country and haversine_km(syria.lat, syria.lon, damascus.lat, damascus.lon) > 150
    assert g.iso3("SY") == "SYR"


def test_toponyms_of_the_reference_article(geocoder: Geocoder, reference) -> None:
    parsed, _ = reference
    tops = geocoder.toponyms(parsed)
    by_text: dict[str, list] = {}
    for t in tops:
        assert parsed.text[t.start:t.end] == t.text
        by_text.setdefault(t.text, []).append(t)
    ankara = by_text["Ankara"][0].place
    assert ankara.country == "TUR" and ankara.precision == "place"
    assert haversine_km(ankara.lat, ankara.lon, 39.93, 32.86) < 20
    # demonyms name countries
    assert by_text["Syrian"][0].demonym and by_text["Syrian"][0].place.country == "SYR"
    # villages the small model tags PERSON, found from the list and its "villages" cue
    assert {"Sheikh Ali", "Atarib", "Kafr Nouran", "Ibbin"} <= set(by_text)
    atarib = by_text["Atarib"][0].place
    assert atarib.geonameid == 174030 and atarib.precision == "place"
    # not in the index: placed at the governorate the text puts it in ("Idlib's"), said so
    kafr = by_text["Kafr Nouran"][0]
    assert kafr.fallback and kafr.place.precision == "admin1" and kafr.place.admin1 == "Idlib"
    # "Aleppo countryside" is the governorate, not the city
    assert by_text["Aleppo"][0].place.feature_code == "ADM1"
    assert all(t.place is None or t.place.country in {"SYR", "TUR", "RUS", "JOR", "USA", "SVN"} for t in tops)


def _event_place(geocoder: Geocoder, parsed: ParsedText, anchor: str, trigger: str):
    pos = parsed.text.index(anchor)
    sent = next(s for s in parsed.sentences if s.start <= pos < s.end)
    tok = next(t for t in sent.doc if t.text == trigger)
    return geocoder.event_place(parsed, sent, tok, geocoder.toponyms(parsed))


@pytest.mark.parametrize("event,anchor,trigger", [
    ("E1", "Turkish and Russian delegations have resumed", "meetings"),   # "the talks in Ankara"
    ("E4", "the Russian delegation visited Jordan", "visited"),
    ("E6", "will pay a visit to Turkey", "visit"),
    ("E7", "have been advancing into", "advancing"),
    ("E8", "The death toll from Sunday", "airstrikes"),
    ("E9", "17 people had been killed", "struck"),
    ("E10", "the airstrikes also killed nine", "killed"),
    ("E11", "an attack led by the regime", "killed"),
    ("E12", "Turkey sent hundreds", "sent"),
])
def test_reference_events_are_placed_within_tolerance(geocoder, reference, event, anchor, trigger) -> None:
    parsed, gold = reference
    loc = gold[event]["location"]
    place = _event_place(geocoder, parsed, anchor, trigger)
    assert place is not None and place.country == loc["country"]
    if "lat" in loc:
        assert haversine_km(place.lat, place.lon, loc["lat"], loc["lon"]) <= loc["tolerance_km"]


def test_unresolved_village_falls_back_to_the_story_not_a_country(geocoder, reference) -> None:
    parsed, _ = reference
    place = _event_place(geocoder, parsed, "the airstrikes also killed nine", "killed")
    assert place.precision == "document" and place.feature_code != "PCLI"


def test_actor_countries_are_not_event_places(geocoder, reference) -> None:
    parsed, _ = reference
    place = _event_place(geocoder, parsed, "Turkey sent hundreds", "sent")
    assert place.name == "Idlib"        # "Turkey sent troops into Idlib province": not Turkey


def test_unparsed_sentences_use_gazetteer_matching(geocoder) -> None:
    text = "Fighting went on near Saraqib and in Aleppo province. Refugees reached Gaziantep."
    parsed = ParsedText(text=text, sentences=[Sentence(0, 53, text[:53]), Sentence(54, len(text), text[54:])])
    got = {t.text: t.place for t in geocoder.toponyms(parsed)}
    assert got["Saraqib"].geonameid == 164816
    assert got["Aleppo"].feature_code == "ADM1"
    assert got["Gaziantep"].country == "TUR"


def test_event_place_in_short_sentences(geocoder) -> None:
    cases = [("Shelling hit a market in Homs on Thursday, killing 8 people.", "killing", "Homs", "place"),
             ("Two soldiers were killed near Saraqib.", "killed", "Saraqib", "near"),
             ("Rebels seized the town of Kafr Nabl in Idlib province.", "seized", "Kafr Nabl", None)]
    for text, trig, name, precision in cases:
        parsed = parse_texts([text], lambda s: True)[0]
        sent = parsed.sentences[0]
        tok = next(t for t in sent.doc if t.text == trig)
        place = geocoder.event_place(parsed, sent, tok, geocoder.toponyms(parsed))
        assert place is not None and place.country == "SYR", text
        if precision:
            assert place.text == name and place.precision == precision, (text, place)


def test_places_named_together_lie_together(geocoder) -> None:
    # Edmonton (Alberta, 1M people) and Enfield (Connecticut) are each the likelier reading
    # alone, and London alone is the English one; named in one story the three lie together
    text = ("An Edmonton man who stabbed a woman has been jailed. He was arrested in Edmonton "
            "after the attack and tried in London. Police in Enfield welcomed the sentence.")
    got = {t.text: t.place for t in geocoder.toponyms(parse_texts([text], lambda s: True)[0])}
    assert got["Edmonton"].country == "GBR" and got["Enfield"].country == "GBR", got
    assert haversine_km(got["Edmonton"].lat, got["Edmonton"].lon, 51.62, -0.06) < 20


def test_continent_adjective_is_the_continent(geocoder) -> None:
    # "European" is Europe even in a story about other countries (no country focus applies)
    text = ("Syria and Turkey met in Ankara. Turkey asked for European support, "
            "and Russia sent envoys to Damascus and Idlib.")
    parsed = parse_texts([text], lambda s: True)[0]
    start = text.index("European")
    m = geocoder.recognizer.forced(parsed, start, start + len("European"))
    mentions = geocoder.recognizer.find(parsed)
    (_, c), = geocoder.resolver.resolve([x for x in mentions if x.start != start] + [m])[-1:]
    assert c is not None and c.fcode == "CONT" and c.name == "Europe"


def test_event_toponym_in_attacks_capitals_and_city_parts(geocoder) -> None:
    cases = [("Russian jets also launched intense airstrikes on the towns of Khan Touman and Aleis "
              "in southern rural Aleppo.", "launched", "Khan Touman"),      # the target, not the container
             ("In the south Baghdad neighbourhood of Al-Bayaa, a roadside bomb killed one civilian.",
              "killed", "Al-Bayaa"),                                        # the city only contains it
             ("And a policeman was killed in the capital Grozny when his vehicle hit a roadside bomb.",
              "killed", "Grozny"),                                          # "the capital X" is a place
             ("On Sunday, peacekeepers were patrolling Kabul's potholed streets in jeeps.",
              "patrolling", "Kabul")]                                       # "X's streets": no actor
    for text, trig, name in cases:
        got = _event_toponym(geocoder, text, trig)
        assert got is not None and got.text == name, (text, got)


def test_place_comma_division_lies_in_that_division(geocoder) -> None:
    # "Paris, Texas": the Texan Paris, here and wherever the story names Paris again; a town the
    # index lacks ("Quillbury, Kansas") is placed at the state with the state's precision;
    # a list of states is no container
    text = ("The singer grew up near Paris, Texas, before moving west. Friends in Paris still call "
            "him. His mother lives on a farm outside Quillbury, Kansas. Governors of Texas, "
            "Arizona and New Mexico met on Friday.")
    tops = geocoder.toponyms(parse_texts([text], lambda s: True)[0])
    paris = [t.place for t in tops if t.text == "Paris"]
    assert len(paris) == 2 and all(p.country == "USA" and p.admin1 == "Texas" for p in paris), paris
    quill = next(t for t in tops if t.text == "Quillbury")
    assert quill.place.feature_code == "ADM1" and quill.place.admin1 == "Kansas"
    assert quill.place.precision == "admin1" and quill.fallback
    states = {t.text: t.place for t in tops if t.text in ("Texas", "Arizona")}
    assert states["Texas"].name == "Texas" and states["Arizona"].name == "Arizona"


def test_long_unknown_name_resolves_by_its_place_word_not_a_generic_word(geocoder) -> None:
    # a gold-span name the index lacks: the place inside it, never "South", "Union", "University"
    text = ("She studied at the University of California and later worked in West Surrey. "
            "Her father was born in the Soviet Union.")
    parsed = parse_texts([text], lambda s: True)[0]

    def forced(name: str):
        s = text.index(name)
        return geocoder.recognizer.forced(parsed, s, s + len(name))
    assert {c.name for c in forced("University of California").candidates} >= {"California"}
    assert all(c.name != "West" for c in forced("West Surrey").candidates)
    assert not forced("Soviet Union").candidates
    text2 = "The Mexican Senate met as growth slowed in the Western US and the North American market."
    parsed2 = parse_texts([text2], lambda s: True)[0]

    def forced2(name: str):
        s = text2.index(name)
        return geocoder.recognizer.forced(parsed2, s, s + len(name))
    assert forced2("Mexican Senate").demonym == "MX"
    assert any(c.is_country and c.cc == "US" for c in forced2("Western US").candidates)
    assert any(c.fcode == "CONT" and c.name == "North America" for c in forced2("North American").candidates)


def _event_toponym(geocoder, text: str, trigger: str):
    """The toponym linked to the event word `trigger` of the one-sentence `text`."""
    from polemos.geo import link

    parsed = parse_texts([text], lambda s: True)[0]
    sent = parsed.sentences[0]
    tok = next(t for t in sent.doc if t.text == trigger)
    return link.event_toponym(sent, tok, geocoder.toponyms(parsed))


@pytest.mark.parametrize("text, trigger, name", [
    # targets and passive agents
    ("Rebel fighters captured the capital, Brazzaville, after a week of fighting.",
     "captured", "Brazzaville"),                                             # apposition of the target
    ("Mosul was retaken by Iraq after a nine-month battle.", "retaken", "Mosul"),  # the agent acts
    ("Troops patrolled Amman's government buildings overnight.", "patrolled", "Amman"),
    ("A bomb destroyed a shelter for displaced families in southern Homs.", "destroyed", "Homs"),
    # a target then "in": the target, not its container
    ("Rebels captured Saraqib in Idlib province last week.", "captured", "Saraqib"),
    ("Government troops entered Manbij City in northern Aleppo on Friday.", "entered", "Manbij"),
    ("A bomb placed in a car exploded in Talbiseh District of Homs Province.", "exploded", "Talbiseh"),
])
def test_event_toponym_is_the_place_of_the_event(geocoder, text: str, trigger: str, name: str) -> None:
    got = _event_toponym(geocoder, text, trigger)
    assert got is not None and got.text == name, got


def test_building_words_and_contractions_are_no_places(geocoder) -> None:
    text = "I'm sure the blast hit the Police Headquarters in Aleppo, he said. Jewish settlers left."
    names = {t.text for t in geocoder.toponyms(parse_texts([text], lambda s: True)[0])}
    assert "Aleppo" in names and not names & {"Headquarters", "I'm", "Jewish"}, names


def test_city_names_the_model_mislabels(geocoder) -> None:
    # a big city modifying a noun, a town owning its governor, a village after "in": places
    # whatever label the small model gives them; an acronym before a noun stays an organisation
    text = ("Fire engulfed the Damascus home of a former minister. Homs's governor said two "
            "people died in Jezzine on Monday. Three SDF fighters were wounded.")
    names = {t.text for t in geocoder.toponyms(parse_texts([text], lambda s: True)[0])}
    assert {"Damascus", "Homs"} <= names and "SDF" not in names, names


def test_dateline_places_are_found(geocoder) -> None:
    # the sentence splitter leaves a wire dateline out of the first sentence; its places count
    text = "PARIS, Texas (AP) — A tornado destroyed three homes on Sunday, officials said."
    tops = geocoder.toponyms(parse_texts([text], lambda s: True)[0])
    got = {t.text: t.place for t in tops}
    assert got["PARIS"].admin1 == "Texas" and got["Texas"].feature_code == "ADM1", got


def test_a_list_names_places_of_one_kind(geocoder) -> None:
    # alone "Washington" is the capital; among states it is the state
    text = "Wildfires burned across Oregon, Washington and Idaho this week, officials said."
    got = {t.text: t.place for t in geocoder.toponyms(parse_texts([text], lambda s: True)[0])}
    assert got["Washington"].feature_code == "ADM1", got


def test_remembered_name_matches_give_the_same_places(geocoder, index) -> None:
    # the recognizer remembers what each name matched (speed): a name met again, in this text or
    # an earlier one, gives the places a fresh recognizer gives
    text = ("Shelling hit Idlib and Aleppo on Monday. In Idlib province, three villages near "
            "Maarat al-Numan were emptied, and Turkish troops moved to Saraqib.")
    fresh = [(t.text, t.place) for t in Geocoder(index).toponyms(parse_texts([text], lambda s: True)[0])]
    first = [(t.text, t.place) for t in geocoder.toponyms(parse_texts([text], lambda s: True)[0])]
    again = [(t.text, t.place) for t in geocoder.toponyms(parse_texts([text], lambda s: True)[0])]
    assert {"Idlib", "Aleppo", "Saraqib"} <= {name for name, _ in fresh}, fresh
    assert first == again == fresh
