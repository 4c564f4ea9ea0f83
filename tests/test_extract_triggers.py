"""Trigger words: which words state an event, of which PLOVER type and mode (data/triggers.yaml)."""
from __future__ import annotations

import pytest

from polemos.extract.triggers import TriggerLexicon, default_lexicon, load_data
from polemos.nlp import load_nlp


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return default_lexicon()


def _found(lex: TriggerLexicon, sentence: str) -> set[tuple[str, str | None]]:
    return {(t.type, t.mode) for t in lex.find(load_nlp()(sentence))}


def test_every_entry_uses_a_plover_type_and_a_listed_mode() -> None:
    onto = load_data("ontology.yaml")["types"]
    for e in load_data("triggers.yaml")["entries"]:
        assert e["type"] in onto, e
        if e.get("mode"):
            assert e["mode"] in onto[e["type"]]["modes"], e
    assert len(onto) == 16


@pytest.mark.parametrize("sentence", [
    "Russian warplanes struck opposition-held areas on Sunday.",
    "The delegations resumed meetings in Ankara.",
    "Protesters took to the streets of Nairobi.",
    "Police arrested 12 activists in Tehran.",
])
def test_sentences_with_event_words_pass_the_cheap_filter(lex: TriggerLexicon, sentence: str) -> None:
    assert lex.is_candidate(sentence)


def test_sentence_without_event_words_is_not_parsed(lex: TriggerLexicon) -> None:
    assert not lex.is_candidate("The weather in the capital was mild and sunny this week.")


@pytest.mark.parametrize("sentence, expected", [
    ("Saudi-led coalition warplanes carried out airstrikes on Saada.", ("ASSAULT", "aerial")),
    ("A drone strike hit a car near Mogadishu.", ("ASSAULT", "drone")),
    ("Russian forces shelled Kharkiv overnight.", ("ASSAULT", "heavy-weapons")),
    ("A roadside bomb exploded near a convoy in Helmand.", ("ASSAULT", "explosives")),
    ("A suicide bomber attacked a mosque in Peshawar.", ("ASSAULT", "suicide-attack")),
    ("Gunmen kidnapped 30 students in Kaduna.", ("ASSAULT", "abduct")),
    ("Government troops captured the town of Kidal.", ("ASSAULT", "ground")),
    ("Police arrested 12 activists in Tehran.", ("COERCE", "arrest")),
    ("The authorities imposed a curfew on the city.", ("COERCE", "curfew")),
    ("The U.S. envoy will pay a visit to Turkey.", ("CONSULT", "visit")),
    ("Turkey sent hundreds of troops into Idlib.", ("MOBILIZE", "troops")),
    ("The WFP delivered food aid to Tigray.", ("AID", None)),
    ("The EU imposed sanctions on eight officials.", ("SANCTION", None)),
    ("Students staged a demonstration in Nairobi.", ("PROTEST", "demo-org")),
    ("Workers began a general strike.", ("PROTEST", "strike-gen")),
    ("Israel and Hamas agreed to a ceasefire.", ("AGREE", None)),
])
def test_type_and_mode_of_event_words(lex: TriggerLexicon, sentence: str, expected: tuple) -> None:
    assert expected in _found(lex, sentence)


def test_send_is_aid_or_troops_by_what_is_sent(lex: TriggerLexicon) -> None:
    assert ("MOBILIZE", "troops") in _found(lex, "Turkey sent hundreds of military vehicles and troops into Idlib.")
    assert ("AID", None) in _found(lex, "Germany sent tents and medicine to the camps.")


def test_strike_is_military_with_a_target_and_labour_without(lex: TriggerLexicon) -> None:
    assert ("ASSAULT", None) in _found(lex, "Israeli strikes on Gaza continued overnight.")
    assert ("PROTEST", "strike-gen") in _found(lex, "Teachers called off a four-day strike.")


def test_words_that_are_not_events(lex: TriggerLexicon) -> None:
    assert _found(lex, "Idlib has been a stronghold of the opposition since 2011.") == set()



def test_setting_off_or_planting_a_bomb_is_a_bombing() -> None:
    from polemos.api_python import extract

    for text in ("Urban guerrillas set off a bomb in the basement of a bank in San Salvador.",
                 "A man planted a homemade bomb outside the courthouse."):
        evs = extract(text, published="2023-06-01")
        assert [(e.type, e.mode) for e in evs] == [("ASSAULT", "explosives")], text
