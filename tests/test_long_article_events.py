"""Long articles (issue 12, i12-events): which sentences tell a new event, which tell one again,
and the dates background and relative expressions give. Every sentence and mini-article here is
our own, written from how news is written and from the PLOVER manual, not from evaluation records.
Events are read as `polemos extract` prints them: each article's mentions merged."""
from __future__ import annotations

import pytest

from polemos.api_python import extract_events
from polemos.models import Article


def _events(text: str, published: str | None = None) -> list:
    art = Article(id="t", text=text, published=published)
    return [e for _, evs in extract_events([art]) for e in evs]


def _types(text: str, published: str | None = None) -> list[str]:
    return [e.type for e in _events(text, published)]


def _told_in(events: list, words: str) -> list:
    return [e for e in events if any(words in m.evidence.text for m in e.mentions) or words in e.evidence.text]


# ---------------------------------------------------------------- headings are not sentences
@pytest.mark.parametrize("heading", [
    "Car bombs", "Calls for calm", "Collapsed ceasefire", "Protests Turn Deadly in Northern Towns",
    "Army Raids Leave Villagers Wounded", "Aftermath of the attack",
])
def test_a_heading_inside_the_body_tells_no_event(heading: str) -> None:
    text = ("Militants stormed a police post near Kunduz on Monday, killing four officers.\n"
            f"{heading}\nThe governor said reinforcements had been sent to the district.")
    evs = _events(text, "2021-03-02")
    assert not _told_in(evs, heading), [e.evidence.text for e in evs]
    assert any(e.type == "ASSAULT" for e in evs)


def test_a_headline_above_the_body_is_kept_and_a_digest_of_headlines_is_read() -> None:
    evs = _events("Gunmen Kill Six in Market Raid\n\nGunmen killed six traders at a market in Zamfara on Sunday.",
                  "2022-05-02")
    assert [e.type for e in evs].count("ASSAULT") == 1
    digest = _events("Rebels seize border town\nPolice arrest 40 protesters in capital", "2022-05-02")
    assert {"ASSAULT", "COERCE"} <= {e.type for e in digest}


@pytest.mark.parametrize("furniture", [
    "\"Read more: Why the border guards keep quitting",
    "* Air Force Office of Special Investigations* 2009 Camp Bastion bombing* 2012 Camp Bastion raid",
])
def test_read_more_and_see_also_lists_tell_no_event(furniture: str) -> None:
    text = f"A suicide bomber killed nine soldiers at a checkpoint in Helmand on 3 May 2012.{furniture}"
    evs = _events(text, "2012-05-04")
    assert all(e.type == "ASSAULT" for e in evs)
    assert len(evs) == 1, [e.evidence.text for e in evs]


# ---------------------------------------------------------------- the victims told again
@pytest.mark.parametrize("retold", [
    "Of the 40 injured, 12 were children.",
    "The wounded included a district judge and two of his guards.",
    "There were five women, a 9-year-old boy and three men injured.",
    "All four of those killed were off-duty soldiers.",
    "Three other policemen were wounded, the state news agency reported.",
    "There have been injuries, and my thoughts are with the injured and their families.",
])
def test_the_victims_of_an_attack_told_again_are_no_new_attack(retold: str) -> None:
    text = f"A car bomb exploded outside a hotel in Mogadishu on Saturday, killing seven people and injuring 40. {retold}"
    evs = _events(text, "2020-08-16")
    assert [e.type for e in evs] == ["ASSAULT"], [e.evidence.text for e in evs]


def test_victims_told_after_the_attack_give_it_the_toll_it_lacked() -> None:
    evs = _events("A grenade was thrown into a bar in Kampala on Friday night. Eleven people were wounded, "
                  "police said.", "2019-02-16")
    assert len(evs) == 1 and evs[0].injured is not None and evs[0].injured.best == 11


@pytest.mark.parametrize("text", [
    # its own time, its own place, its own cause, or the attackers as the dead: another event
    "A bomb killed three people in Quetta on Monday. Two days later, five people were killed in Turbat.",
    "A bomb killed three people in Quetta on Monday. During an hour of shelling, nine people died in the old town.",
    "Militants attacked an army base in Bannu on Monday, killing four soldiers. Twelve militants were killed.",
])
def test_deaths_with_their_own_time_place_cause_or_victims_found_their_own_event(text: str) -> None:
    assert _types(text, "2021-06-10").count("ASSAULT") == 2


def test_one_story_telling_its_attack_again_in_another_section_is_one_event() -> None:
    text = ("On 4 March 2016, a suicide bomber blew himself up at a checkpoint in Kandahar, killing five "
            "police officers.==Attack==The bomber approached on foot while the officers were searching cars. "
            "Five police officers were killed.")
    evs = [e for e in _events(text) if e.type == "ASSAULT"]
    assert len(evs) == 1 and evs[0].date == "2016-03-04"


# ---------------------------------------------------------------- an attack named as the scene
@pytest.mark.parametrize("text", [
    "At the Harbour Street bomb, the victims were two dockers and a taxi driver.",
    "In the bus station attack, the dead included four drivers.",
    "At the second bomb, the casualties were mostly shoppers.",
])
def test_an_attack_named_as_the_scene_of_its_victims_is_an_attack(text: str) -> None:
    assert "ASSAULT" in _types(text, "2018-01-05")


def test_a_place_named_with_victims_is_no_attack() -> None:
    assert "ASSAULT" not in _types("At the memorial service, the victims were remembered by their families.",
                                   "2018-01-05")


# ---------------------------------------------------------------- senses: visits, questions, pleas
@pytest.mark.parametrize("text", [
    "Police arrived and cordoned off the scene.",
    "A patrol was travelling through the village when the shooting began.",
    "Hobbyists flew drones over the airbase for hours.",
    "The new interceptors will be flown in exercises next month.",
])
def test_travel_with_no_destination_is_no_visit(text: str) -> None:
    assert "CONSULT" not in _types(text, "2019-11-20")


@pytest.mark.parametrize("text", [
    "The foreign minister flew to Ankara on Monday.",
    "The envoy arrived in Khartoum for talks with the army.",
    "The president travelled to Nairobi to meet opposition leaders.",
])
def test_travel_to_a_place_is_a_visit(text: str) -> None:
    assert "CONSULT" in _types(text, "2019-11-20")


@pytest.mark.parametrize("text", [
    "The defence lawyer asked the detective if anyone had seen the car.",
    "\"Where were you that night?\" the prosecutor asked.",
    "A former soldier pleaded not guilty to charges of smuggling weapons.",
    "The two men pleaded guilty to arson.",
])
def test_a_question_or_a_plea_is_no_request(text: str) -> None:
    assert "REQUEST" not in _types(text, "2019-11-20")


@pytest.mark.parametrize("text", [
    "The governor asked the army to send more troops.",
    "Flood victims asked for food and blankets.",
    "Relatives pleaded with the kidnappers to free the children.",
])
def test_asking_for_help_or_action_is_a_request(text: str) -> None:
    assert "REQUEST" in _types(text, "2019-11-20")


# ---------------------------------------------------------------- dates
def test_background_with_its_own_date_leaves_the_story_in_its_own_time() -> None:
    evs = _events("A student from Chad on Tuesday pleaded not guilty to lying to investigators. The "
                  "March 3, 2015, bombing killed four people at a bus stop. Police later arrested his roommate.",
                  "2016-05-11")
    bombing = [e for e in evs if e.type == "ASSAULT"]
    assert bombing and bombing[0].date == "2015-03-03"
    later = [e for e in evs if e.type != "ASSAULT"]
    assert later and all(e.date == "2016-05-10" for e in later), [(e.type, e.date) for e in later]


def test_the_date_of_the_attack_an_event_names_is_not_its_own() -> None:
    evs = _events("A man was arrested on Friday in connection with the 12 June 2014 attack on a church.",
                  "2015-01-10")
    arrest = [e for e in evs if e.type == "COERCE"]
    assert arrest and arrest[0].date == "2015-01-09"


@pytest.mark.parametrize("text, expected", [
    ("Police arrested two suspects three days after 9 October 2017.", "2017-10-12"),
    ("A mortar hit a school in Aleppo on 2 May 2016. Two days later, a car bomb killed six people in Idlib.",
     "2016-05-04"),
    ("A bomb exploded at a market in Jos on 20 May 2014, killing 118 people. Three days after the bombing, "
     "soldiers arrested eleven men in Bauchi.", "2014-05-23"),
    ("Gunmen attacked a bank in Lagos on 4 June 1999. A week later, police arrested the driver in Ibadan.",
     "1999-06-11"),
])
def test_relative_dates_count_from_the_right_anchor(text: str, expected: str) -> None:
    dates = [e.date for e in _events(text)]
    assert expected in dates, dates


def test_a_yearless_month_takes_the_year_of_the_story_without_a_publication_date() -> None:
    evs = _events("Bombs exploded across the city on 21 July 1972, killing nine people. By June, the group had "
                  "called a ceasefire.")
    truce = [e for e in evs if e.type != "ASSAULT"]
    assert truce and truce[0].date == "1972-06-01" and truce[0].date_end == "1972-06-30"


def test_the_first_day_an_article_names_dates_the_events_told_after_it() -> None:
    evs = _events("Few days in the city's history are remembered like Friday, 14 August 1998, a day that "
                  "came to be called Black Friday. By nightfall, the gangs had killed six shopkeepers.")
    fire = [e for e in evs if e.type == "ASSAULT"]
    assert fire and fire[0].date == "1998-08-14"


def test_an_article_with_no_date_gives_no_date() -> None:
    evs = _events("Gunmen set fire to a school. Two days later, soldiers arrested three men.")
    assert evs and all(e.date is None for e in evs)


# ---------------------------------------------------------------- imagined events and walking
@pytest.mark.parametrize("text", [
    "Officials fear the prospect of smugglers using boats to launch raids on the coast.",
    "There are many ways to bring down a small aircraft.",
    "The junta has shown no willingness to back down.",
    "Few still hold out hope that the general will resign.",
    "Her lawyer kept the option to seek bail later.",
])
def test_an_event_only_imagined_in_a_noun_of_possibility_or_hope_is_none(text: str) -> None:
    assert _types(text, "2020-02-02") == []


def test_walking_somewhere_is_no_strike_but_walking_out_is() -> None:
    assert "PROTEST" not in _types("He walked to the bus depot and bought a ticket.", "2020-02-02")
    assert "PROTEST" in _types("Hundreds of dock workers walked out on Monday over unpaid wages.", "2020-02-04")


# ---------------------------------------------------------------- the event named again
@pytest.mark.parametrize("again", [
    "Ministers voiced deep frustration about Saturday's bombing.",
    "Shop windows along the street were damaged by the blast.",
])
def test_the_event_named_again_with_nothing_of_its_own_is_the_same_event(again: str) -> None:
    text = f"A parcel bomb exploded outside a bakery in Lyon on Saturday, injuring 13 people. {again}"
    evs = [e for e in _events(text, "2019-05-27") if e.type == "ASSAULT"]
    assert len(evs) == 1, [e.evidence.text for e in evs]


def test_another_attack_told_with_its_own_place_stays_apart() -> None:
    text = ("A parcel bomb exploded outside a bakery in Lyon on Saturday, injuring 13 people. "
            "Two days later, gunmen attacked an army post in Marseille.")
    assert len([e for e in _events(text, "2019-05-27") if e.type == "ASSAULT"]) == 2
