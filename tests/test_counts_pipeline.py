"""Counts as they reach events through the whole pipeline: news-style present tense, headlines
that state a toll, tolls told in a later sentence. Every sentence is written for this test."""
from __future__ import annotations

from polemos.api_python import extract
from polemos.extract.counts import writes_number


def _tolls(text: str, kind: str = "killed") -> list[int]:
    return [getattr(e, kind).best for e in extract(text, published="2023-06-01") if getattr(e, kind) is not None]


def test_writes_number():
    assert writes_number("73 people") and writes_number("seven soldiers") and writes_number("1,200 people")
    assert writes_number("twenty-five") and writes_number("43+ people")
    assert not writes_number("dozens of people") and not writes_number("a man") and not writes_number(None)


def test_present_tense_with_a_stated_toll_is_an_event():
    # the news style of one event, as on wire summaries and incident lists
    assert _tolls("Two car bombs kill 41 people and injure 90 at a market in Kirkuk.") == [41]
    assert _tolls("Two car bombs kill 41 people and injure 90 at a market in Kirkuk.", "injured") == [90]
    assert _tolls("At least 6 are killed when a roadside bomb hits a minibus in Kandahar.") == [6]
    assert _tolls("Gunmen storm a hotel in Mogadishu, killing 9 guests.") == [9]


def test_present_tense_without_a_number_stays_generic():
    assert extract("So many civilians die in these wars.", published="2023-06-01") == []
    assert extract("Hundreds die in the camps every year.", published="2023-06-01") == []


def test_a_habit_with_a_number_stays_generic():
    for text in ("Unexploded shells kill 300 children a year in the province.",
                 "Snipers kill 15 residents every month in the old city.",
                 "Such raids usually kill 2 or 3 people."):
        assert extract(text, published="2023-06-01") == [], text


def test_headline_toll_of_a_named_attack():
    assert _tolls("Four policemen dead in bandit ambush") == [4]
    assert _tolls("Mali: three dead in a jihadist attack near Gao") == [3]


def test_headline_toll_with_no_event_word():
    evs = extract("Roadside Blast Kills 3, Wounds 11 Others in Helmand", published="2023-06-01")
    assert [(e.type, e.killed.best, e.injured.best) for e in evs] == [("ASSAULT", 3, 11)]
    assert _tolls("Militia Kill 5, Ituri") == [5]
    assert _tolls("Residents find nine dead near the river bank") == [9]


def test_headline_toll_of_a_non_violent_cause_is_no_attack():
    assert extract("Six dead in road crash near Ibadan", published="2023-06-01") == []
    assert extract("12 dead in landslide in Assam", published="2023-06-01") == []


def test_martyrs_are_dead_and_massacres_are_not_people():
    from polemos.extract.counts import extract_counts
    from polemos.nlp import load_nlp

    nlp = load_nlp()
    c = extract_counts(nlp("31 martyrs, among them 6 women, in the shelling of the town by regime artillery"))
    assert c["killed"].best == 31
    c = extract_counts(nlp("Activists documented three massacres in the province last month."))
    assert "killed" not in c


def test_a_toll_told_in_a_later_sentence_revises_the_attack():
    text = "A car bomb exploded near a bus station in Quetta on Monday, killing 6 people. The death toll rose to 19 on Tuesday."
    assert _tolls(text) == [19]
    # a lower figure later is a repeat, not a revision; with no attack before, there is nothing to revise
    assert _tolls("Gunmen killed 9 villagers in Zamfara. The death toll stood at 7 by noon.") == [9]
    assert extract("The death toll rose to 19 on Tuesday.", published="2023-06-01") == []


def test_a_later_toll_of_something_else_revises_nothing():
    first = "Gunmen killed 4 people at a bus stop in Kano on Monday. "
    for later in ("The death toll from the 2012 floods was 363.", "The war's death toll has reached 350,000.",
                  "The death toll in the insurgency stands at 35,000."):
        assert _tolls(first + later) == [4], later


def test_an_attack_that_caused_deaths_is_stated():
    evs = extract("A suicide attack on a wedding hall caused at least 31 deaths and 54 injuries.", published="2023-06-01")
    assert [(e.type, e.killed.best, e.injured.best) for e in evs] == [("ASSAULT", 31, 54)]


def test_time_phrases_do_not_swallow_the_toll():
    from polemos.extract.counts import extract_counts
    from polemos.nlp import load_nlp

    nlp = load_nlp()
    assert extract_counts(nlp("The toll climbed to 57 a few days later."))["killed"].best == 57
    c = extract_counts(nlp("The rockets killed 8 soldiers and wounded another 23."))
    assert (c["killed"].best, c["injured"].best) == (8, 23)
    assert extract_counts(nlp("The siege lasted another 3 days.")) == {}


def test_the_toll_goes_to_the_attack_whose_verb_states_it():
    text = ("Gunmen opened fire on a wedding in the town of Kerem killing at least 14 and wounding 30 guests, "
            "all 3 gunmen were killed by soldiers.")
    evs = extract(text, published="2023-06-01")
    tolls = sorted(e.killed.best for e in evs if e.killed is not None)
    assert tolls == [3, 14]
    assert any(e.killed is not None and e.killed.best == 14 and e.injured is not None and e.injured.best == 30 for e in evs)


def test_a_victim_wounded_who_then_died_is_dead_not_injured():
    from polemos.extract.counts import extract_counts
    from polemos.nlp import load_nlp

    nlp = load_nlp()
    c = extract_counts(nlp("A shopkeeper was stabbed and later died in hospital."))
    assert c["killed"].best == 1 and "injured" not in c
    c = extract_counts(nlp("A soldier was killed and a civilian was wounded."))
    assert (c["killed"].best, c["injured"].best) == (1, 1)
    assert extract_counts(nlp("A guard was stabbed and survived."))["injured"].best == 1


def test_a_risen_toll_over_its_parts_is_the_total():
    from polemos.extract.counts import extract_counts
    from polemos.nlp import load_nlp

    nlp = load_nlp()
    doc = nlp("The death toll rose to 57 on Friday with 20 farmers and 37 herders dying in the clashes.")
    dying = next(t for t in doc if t.text == "dying")
    assert extract_counts(doc, dying)["killed"].best == 57
    # a toll raised by the event's own verb is still the event's figure when its verb is the trigger
    doc = nlp("Airstrikes killed 12 people on Monday, raising the death toll to 40.")
    killed = next(t for t in doc if t.text == "killed")
    assert extract_counts(doc, killed)["killed"].best == 12


def test_headline_tolls_reach_their_event():
    assert _tolls("Kabul market blast death toll rises to 23") == [23]
    assert _tolls("Two policemen among 6 killed in Quetta ambush, weapons seized.") == [6]


def test_a_killing_told_in_passing_is_not_the_protests_toll():
    evs = extract("Hundreds of students marched in Quito on Friday to protest the killing of a teacher by police.",
                  published="2023-06-01")
    assert evs and all(e.killed is None for e in evs if e.type == "PROTEST")
    assert _tolls("A knife attack occurred in Lyon, resulting in the death of 2 people and the wounding of 4 others.") == [2]


def test_a_toll_with_its_own_verb_gives_one_event():
    # the noun rules for tolls stated without a casualty verb must not add a second, empty event
    evs = extract("A roadside bomb tore through a minibus near Kandahar on Sunday, killing 7 passengers.",
                  published="2023-06-01")
    assert [(e.type, e.killed.best if e.killed else None) for e in evs] == [("ASSAULT", 7)]
    evs = extract("Army patrols found a truck with 11 bodies of men who were shot dead overnight.", published="2023-06-01")
    assert 11 in [e.killed.best for e in evs if e.killed is not None]
