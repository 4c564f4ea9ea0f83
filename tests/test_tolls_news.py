"""Tolls as news states them: totals and their parts, the attackers named apart from the dead,
bounds, each side's losses in battle reports, revised tolls and tolls split across places.
Every sentence is written for this test (invented places, names and figures, several tenses and
voices); none comes from an evaluation set."""
from __future__ import annotations

import pytest

from polemos.api_python import extract
from polemos.extract.counts import extract_counts
from polemos.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def killed(nlp, sentence: str) -> int | None:
    c = extract_counts(nlp(sentence)).get("killed")
    return None if c is None else c.best


def bounds(nlp, sentence: str, kind: str = "killed") -> tuple[int | None, int | None, int | None]:
    c = extract_counts(nlp(sentence))[kind]
    return c.low, c.best, c.high


def event_tolls(text: str, kind: str = "killed") -> list[int]:
    """The figures the events of a text carry, smallest first."""
    evs = extract(text, published="2024-03-01")
    return sorted(getattr(e, kind).best for e in evs if getattr(e, kind) is not None)


@pytest.mark.parametrize("sentence, expected", [
    # the parts of a list of dead are added
    ("Government troops stormed the camp near Kidal on Monday, killing 5 fighters and 3 soldiers.", 8),
    ("15 militants and 4 soldiers were killed in clashes in the Hama countryside.", 19),
    ("Eleven soldiers and six Taliban fighters died in a gunfight in Helmand province.", 17),
    ("Heavy fighting erupted in Marib, where 22 Houthi fighters and 9 pro-government troops were killed.", 31),
    ("Fighting between two militias near Beni left 8 militiamen and 5 faction members dead.", 13),
    ("Clashes on the Latakia front killed 6 from the rebel side and 3 regime soldiers.", 9),
    ("At least 22 civilians, 2 police officers, and 5 attackers were killed in the siege of the mall.", 24),
    ("The attackers shot dead three policemen and two civilians before fleeing into the forest.", 5),
    ("Two policemen and a civilian were killed in a grenade attack in Srinagar.", 3),
    ("A woman and her three children were killed when a shell struck their home.", 4),
    ("Eleven police personnel and a driver were killed when the rebels blew up their truck.", 12),
    ("Two militia fighters were killed by a drone strike, and a third died of his wounds later.", 3),
    ("Two herders were killed by a landmine near the well, and one of the injured later died.", 3),
    # parts inside a total are not added
    ("Soldiers killed six monks -- four Thais and two Laotians -- and two farmers.", 8),
    ("Soldiers killed six monks (four Thais and two Laotians) and two farmers.", 8),
    ("At least 12 people, including 3 children, were killed when a shell hit a market in Kherson.", 12),
    ("Twenty people, among them six women, were killed in an air strike on the village.", 20),
    ("Regime shelling on the town killed 4 civilians, including a child, and wounded 9 others.", 4),
    ("The attack killed six: four soldiers and two civilians.", 6),
    ("A bomb killed 12 people, 5 of them children, at the bus park in Maiduguri.", 12),
    # the attacker named apart from the victims is not in the toll; counted in, he stays
    ("A suicide bomber blew himself up at a wedding hall, killing 26 people and the bomber.", 26),
    ("The blast killed 31 people as well as the two attackers, police in Quetta said.", 31),
    ("In the two raids, 40 villagers and 3 gunmen were killed.", 40),
    ("At least 17 worshippers were killed, along with the 3 assailants, when the mosque was stormed.", 17),
    ("A car bomb killed 14 people, including the bomber, outside the ministry on Sunday.", 14),
    ("Three gunmen were killed by police after the siege ended.", 3),
    # battle reports: each side's losses, per-side figures, gapped clauses
    ("Clashes between regime forces and rebels in Daraa killed 12 regime fighters and 7 rebels on Tuesday.", 19),
    ("Government troops repelled an assault on the base, killing 18 jihadists and losing 5 of their own.", 23),
    ("Insurgents killed 3 soldiers and lost 2 fighters in an attack on a post near Gao.", 5),
    ("14 regime soldiers were killed in the attack on the checkpoint, while the rebels lost 6 fighters.", 20),
    ("Rebels and army units fought near the airport on Sunday, killing 4 from each side.", 8),
    ("Clashes between the two clans left 3 dead on either side.", 6),
    ("Fierce clashes broke out in the valley, killing at least 9 fighters from both sides.", 9),
    ("Nine were killed in the first blast and four in the second, officials in Kandahar said.", 13),
    ("Army units killed 5 rebels in the assault on the ridge; 3 soldiers were also killed.", 8),
    ("Rebels stormed an army post near the dam, killing 4 soldiers, while 2 rebels were killed.", 6),
    ("Gunmen killed 4 people in Kano on Monday, while in Kaduna 2 people were killed by bandits.", 4),
    ("A total of 27 people died in the two attacks on the capital.", 27),
    # a running toll of a war or of a period is no event's figure
    ("Drones killed 5 people on Monday, raising the toll of attacks in the province this month to 60.", 5),
])
def test_totals_parts_and_sides(nlp, sentence, expected):
    assert killed(nlp, sentence) == expected


def test_a_party_losing_seats_is_no_toll(nlp):
    assert killed(nlp, "The ruling party lost 12 seats in the vote.") is None


@pytest.mark.parametrize("sentence, expected", [
    ("More than 40 people were killed in clashes in Tripoli on Saturday.", (41, 41, None)),
    ("Nearly 30 civilians were killed when jets bombed a market in Ariha.", (None, 30, 30)),
    ("Up to 15 people may have been killed in the raid on the camp.", (None, 15, 15)),
    ("Over 100 fighters were killed as the army retook the town.", (101, 101, None)),
    ("At least 18 people were killed and more than 50 wounded in twin bombings.", (18, 18, None)),
])
def test_bounds(nlp, sentence, expected):
    assert bounds(nlp, sentence) == expected


def test_vague_figures_keep_the_project_values(nlp):
    dozens = extract_counts(nlp("Dozens of people were killed in a bombing at a bus station in Kano."))["killed"]
    scores = extract_counts(nlp("Scores of soldiers died when the convoy was ambushed."))["killed"]
    assert dozens.high is None and scores.high is None and 0 < dozens.best < scores.best


def test_killed_and_wounded_in_one_clause_pair(nlp):
    c = extract_counts(nlp("Two soldiers were killed and four wounded when their patrol hit a mine near Menaka."))
    assert (c["killed"].best, c["injured"].best) == (2, 4)
    c = extract_counts(nlp("Fighters of the group attacked an army post near Mayadin, killing 3 and wounding 10."))
    assert (c["killed"].best, c["injured"].best) == (3, 10)


def test_revised_toll_in_the_same_sentence_is_the_total(nlp):
    doc = nlp("The explosion at the rally killed 40 people, a toll that rose to 54 by Monday evening.")
    verb = next(t for t in doc if t.text == "killed")
    assert extract_counts(doc, verb)["killed"].best == 54
    doc = nlp("Two more policemen died in hospital, bringing the toll to 7.")
    verb = next(t for t in doc if t.text == "died")
    assert extract_counts(doc, verb)["killed"].best == 7
    # a campaign's toll raised by one strike stays the campaign's
    doc = nlp("Air raids killed 20 people on Tuesday, raising the death toll to 900.")
    verb = next(t for t in doc if t.text == "killed")
    assert extract_counts(doc, verb)["killed"].best == 20


def test_events_carry_the_tolls_news_states():
    assert event_tolls("A bomb exploded at a market in Beledweyne, killing 8 people. The death toll later rose to 30.")[-1] == 30
    assert event_tolls("Militants ambushed a convoy in Borno state; seven soldiers died and 11 others were injured.") == [7]
    assert event_tolls("Six people were shot dead and 14 injured at a bar in Soweto overnight.", "injured") == [14]
    assert event_tolls("Thirteen people die as gunmen raid a village in Plateau state.") == [13]
    assert event_tolls("15 militants and 4 soldiers were killed in clashes near Palmyra.") == [19]
    assert event_tolls("A suicide bomber struck a funeral in Jalalabad, killing 26 mourners and himself.") == [26]


def test_attackers_killed_beside_the_victims_are_no_toll_of_their_own():
    assert event_tolls("The raid killed four guards, and the ministry said 12 assailants were also killed.") == [4]
    # alone, the attackers' deaths are the toll of the event that killed them
    assert event_tolls("Commandos killed 3 gunmen who had seized a bank in the port city.") == [3]


def test_the_number_of_those_killed_is_a_toll(nlp):
    doc = nlp("The number of those killed in the bombardment of the market rose to 14, including 5 children.")
    assert extract_counts(doc)["killed"].best == 14


def test_no_toll_for_an_event_the_sentence_does_not_tie_it_to():
    evs = extract("Protesters marched in Bamako on Friday to denounce an attack that killed 40 soldiers in March.",
                  published="2024-03-01")
    assert [e for e in evs if e.type == "PROTEST"] and all(e.killed is None for e in evs if e.type == "PROTEST")
    assert event_tolls("Students rallied in the capital, demanding justice for a woman who died in custody.") == []
