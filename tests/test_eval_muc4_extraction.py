"""Extractor rules added for the MUC-4 failure classes (bombings told without a bombing verb,
hostages held, air strikes written with "bombed", wounds by gunshot), on sentences written for
these tests, in mixed case and in the wire services' all-capitals style."""
from __future__ import annotations

import datetime as dt

import pytest

from polemos import extract_articles
from polemos.models import Article


def _events(text: str) -> list[tuple[str, str | None]]:
    art = Article(id="t", text=text, published=dt.date(2021, 3, 4))
    return [(e.type, e.mode) for _, evs in extract_articles([art]) for e in evs]


def _injured(text: str) -> list[tuple[str, str | None, int | None]]:
    art = Article(id="t", text=text, published=dt.date(2021, 3, 4))
    return [(e.type, e.mode, e.injured.best if e.injured else None) for _, evs in extract_articles([art]) for e in evs]


@pytest.mark.parametrize("sentence", [
    "A bomb went off at the gate of the university on Monday.",
    "A POWERFUL BOMB WENT OFF OUTSIDE THE BANK LAST NIGHT.",
    "Three explosives were hurled at the mayor's house on Monday.",
    "Terrorist bombs were set off in the capital last night.",
    "A telephone booth in the south of the city was destroyed by a bomb, police said.",
    "The party's offices were damaged by a bomb on Sunday.",
    "The rebels placed a charge of dynamite under a bus carrying workers.",
    "A car bomb with 800 kg of dynamite was left by traffickers in the capital.",
    "The guerrillas planted two bombs at the bank on Monday.",
])
def test_bombings_told_without_a_bombing_verb(sentence: str) -> None:
    assert ("ASSAULT", "explosives") in _events(sentence)


def test_leaving_a_place_is_no_bombing() -> None:
    assert ("ASSAULT", "explosives") not in _events("The rebels left the town on Monday.")
    assert ("ASSAULT", "explosives") not in _events("Workers left the mine after the shift on Monday.")


@pytest.mark.parametrize("sentence", [
    "Three diplomats are being held hostage by the group.",
    "The commando held about 20 foreign diplomats hostage in the embassy.",
])
def test_hostages_held_are_an_abduction(sentence: str) -> None:
    assert ("ASSAULT", "abduct") in _events(sentence)


def test_bombs_dropped_by_aircraft_are_an_air_strike() -> None:
    assert _events("Their planes bombed a refugee camp in the north on Monday.") == [("ASSAULT", "aerial")]
    assert _events("Air force planes bombed rebel positions near the border.") == [("ASSAULT", "aerial")]
    # bombs set by people stay explosives; a suicide bomber is no aircraft
    assert _events("Rebels bombed two electricity pylons in the capital.") == [("ASSAULT", "explosives")]
    assert ("ASSAULT", "suicide-attack") in _events("A suicide bomber blew himself up at a checkpoint.")


def test_weapon_words_give_the_mode() -> None:
    # "bombing attack": the noun names the weapon; the victims told next are that attack's own
    assert _injured("A bombing attack occurred at a bank branch on Monday. Five people were injured.") == \
        [("ASSAULT", "explosives", 5)]
    # a wound by gunshot is a shooting even right after a bombing
    evs = _events("A bomb went off outside the ministry on Monday. One of the guards was wounded by a gunshot.")
    assert evs == [("ASSAULT", "explosives"), ("ASSAULT", "firearms")]


@pytest.mark.parametrize("sentence", [
    "Armed men set the club on fire after beating the watchmen.",
    "Rioters set two buses ablaze in the city centre on Friday.",
])
def test_setting_a_place_on_fire(sentence: str) -> None:
    # PLOVER ASSAULT `destroy` (intentional destruction of property; fire a `primitive` weapon)
    assert ("ASSAULT", "destroy") in _events(sentence)


def test_victims_with_an_attacker_of_their_own_keep_no_earlier_weapon() -> None:
    # victims told alone are the latest attack's (its toll, not a second event); victims of a
    # named attacker are not
    assert _injured("A bomb exploded at a bank on Monday. Two people were injured.") == \
        [("ASSAULT", "explosives", 2)]
    assert _events("A bomb exploded at a bank on Monday. Later that week, soldiers killed two farmers "
                   "near the border.") == [("ASSAULT", "explosives"), ("ASSAULT", None)]
    # victims of another day are another attack's
    assert _events("A bomb exploded at a bank on 3 May. A banker was murdered outside his house on 25 August.") == \
        [("ASSAULT", "explosives"), ("ASSAULT", None)]
    # a blast's shock wave is no attacker
    assert _events("Three bombs exploded at two banks on Monday. Injured by the shock wave were a taxi "
                   "driver and a guard.") == [("ASSAULT", "explosives"), ("ASSAULT", "explosives")]


def test_weapon_and_statement_of_a_passive_light_verb() -> None:
    # "the attack was carried out with grenades": stated, and its weapon named by the light verb
    assert _events("The attack was carried out with grenades.") == [("ASSAULT", "explosives")]
    assert _events("The attack on the mayor was carried out with machine guns on Monday.") == [("ASSAULT", "firearms")]
    assert _events("THE PIPELINE WAS DYNAMITED ON MONDAY NEAR THE TOWN.") == [("ASSAULT", "explosives")]


def test_hard_wrapped_lines_keep_phrases_whole() -> None:
    # wire copy wrapped at 72 columns: a line break inside a sentence is a space
    text = "THE PARTY HEADQUARTERS WAS COMPLETELY DESTROYED\nBY A BOMB EXPLOSION ON MONDAY."
    assert _events(text) == [("ASSAULT", "explosives")]
    assert ("ASSAULT", "destroy") in _events("Guerrillas set\nfire to three tank trucks on the highway.")


def test_violence_told_in_a_participle_with_its_own_time_or_perpetrator() -> None:
    text = ("The government asked Colombia to help free Juan Carlos Mir, a Mexican citizen kidnapped "
            "last Tuesday by a guerrilla commando.")
    assert ("ASSAULT", "abduct") in _events(text)
    # what is asked for is no event; the participle's past, with its own time or agent, is one
    assert ("ASSAULT", "abduct") in _events("The families urged the army to free two engineers abducted in May by gunmen.")
    assert ("ASSAULT", "abduct") in _events(
        "The mayor asked the government to help find a journalist kidnapped on Friday in the north.")
    assert _events("The president urged troops to arrest the protesters.") == [("REQUEST", None)]
    # a description is still no new event
    assert _events("A cease-fire brokered by Russia took effect on Monday.") == [("AGREE", None)]


def test_a_relative_pronoun_stands_for_its_noun() -> None:
    text = "The powerful bomb, which was placed at the institute's main entrance, damaged a car parked nearby."
    assert ("ASSAULT", "explosives") in _events(text)
    assert _events("The report, which was placed on the minister's desk, was never read.") == []
