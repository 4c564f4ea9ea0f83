"""Actors coded {text, name, country, sector} from the dependency tree and the data dictionaries."""
from __future__ import annotations

import datetime as dt

import pytest

from polemos import extract
from polemos.extract.actors import default_coder
from polemos.nlp import load_nlp


def _code(sentence: str, word: str, when: dt.date | None = None, event_type: str | None = None):
    doc = load_nlp()(sentence)
    tok = next(t for t in doc if t.text == word)
    return [(c.actor.country, c.actor.sector) for c in default_coder().code(tok, when, event_type)]


def _one(text: str, type_: str, published: str = "2023-06-01"):
    evs = [e for e in extract(text, published=published) if e.type == type_]
    assert evs, f"no {type_} event in {text!r}: {[e.type for e in extract(text, published=published)]}"
    return evs[0]


@pytest.mark.parametrize("sentence, word, expected", [
    ("Turkish and Russian delegations met.", "delegations", [("TUR", "GOV"), ("RUS", "GOV")]),
    ("Ankara said the talks failed.", "Ankara", [("TUR", "GOV")]),
    ("Houthi rebels fired a missile.", "rebels", [("YEM", "REB")]),
    ("Kenyan police fired tear gas.", "police", [("KEN", "COP")]),
    ("The White Helmets said nine people died.", "Helmets", [("SYR", "NGO")]),
    ("Seven Turkish soldiers were killed.", "soldiers", [("TUR", "MIL")]),
    ("Afghan rebel leaders said they would meet.", "leaders", [("AFG", "REB")]),
    ("The United Nations sent observers.", "Nations", [(None, "IGO")]),
])
def test_phrases_are_coded_from_names_demonyms_capitals_and_sector_words(sentence, word, expected) -> None:
    assert _code(sentence, word) == expected


def test_possessor_gives_the_country_and_the_head_noun_the_sector() -> None:
    got = _code("Syrian President Bashar al-Assad's forces advanced.", "forces", dt.date(2020, 2, 10))
    assert got == [("SYR", "MIL")]


def test_office_holders_are_chosen_by_the_publication_date() -> None:
    assert _code("Erdogan said Turkey would respond.", "Erdogan", dt.date(2020, 2, 10)) == [("TUR", "GOV")]
    # a name we know, but nobody of that name held an office then: not guessed
    assert _code("Zelensky said the army would respond.", "Zelensky", dt.date(2015, 1, 1)) == []


def test_a_country_acting_by_force_acts_through_its_military() -> None:
    ev = _one("Turkey sent hundreds of military vehicles and troops into Idlib province last week.", "MOBILIZE")
    assert (ev.actor1.country, ev.actor1.sector) == ("TUR", "MIL")


def test_passive_voice_and_agent() -> None:
    ev = _one("Five protesters were shot dead by security forces in Khartoum on Monday.", "ASSAULT")
    assert ev.actor1.sector == "COP"
    assert (ev.actor2.country, ev.actor2.sector) == ("SDN", "CVL")


def test_attack_led_by_and_victims_of_the_country_named() -> None:
    ev = _one("On Feb. 3, an attack led by the regime in Idlib killed seven Turkish soldiers.", "ASSAULT",
              "2020-02-10")
    assert (ev.actor1.sector, ev.actor2.country, ev.actor2.sector) == ("MIL", "TUR", "MIL")


def test_coordinated_subject_gives_both_sides_of_an_agreement() -> None:
    ev = _one("In September 2018, Turkey and Russia agreed to turn the province into a de-escalation zone.", "AGREE")
    assert {ev.actor1.country, ev.actor2.country} == {"TUR", "RUS"}


def test_fighting_between_two_named_sides() -> None:
    ev = _one("Sudan's army and the Rapid Support Forces clashed in Khartoum on Saturday.", "ASSAULT")
    assert (ev.actor1.country, ev.actor1.sector) == ("SDN", "MIL")
    assert ev.actor2.name == "Rapid Support Forces"


def test_civilians_belong_to_the_country_the_event_happened_in() -> None:
    ev = _one("Saudi-led coalition warplanes struck a market in Yemen's Saada province on Tuesday, killing 12 civilians.",
              "ASSAULT", "2021-03-10")
    assert (ev.actor1.country, ev.actor1.sector) == ("SAU", "MIL")
    assert (ev.actor2.country, ev.actor2.sector) == ("YEM", "CVL")


def test_regime_in_a_syria_story_is_the_syrian_state() -> None:
    text = ("Russian airstrikes in Syria's Idlib province killed 20 civilians on Sunday. "
            "Turkey would take the necessary measures if the regime continues its attacks, Ankara said.")
    ev = _one(text, "THREATEN", "2020-02-10")
    assert (ev.actor1.country, ev.actor2.country, ev.actor2.sector) == ("TUR", "SYR", "GOV")


def test_the_minister_is_the_minister_named_before() -> None:
    text = ("Foreign Minister Mevlut Cavusoglu spoke in Ankara on Monday. "
            "There was no agreement with the visiting Russian delegation at the talks on Feb. 8, the minister said.")
    ev = _one(text, "CONSULT", "2020-02-10")
    assert {ev.actor1.country, ev.actor2.country} == {"TUR", "RUS"}



def test_claim_of_responsibility_names_the_perpetrator() -> None:
    text = ("A suicide bomber struck a van near the university in Karachi, killing three people. "
            "The Balochistan Liberation Army claimed responsibility for the attack.")
    ev = _one(text, "ASSAULT", "2022-04-26")
    assert (ev.actor1.name, ev.actor1.sector) == ("Balochistan Liberation Army", "REB")
    assert ev.mode == "suicide-attack"


def test_a_named_attacker_is_not_replaced_by_a_later_claim() -> None:
    text = ("Houthi rebels fired a missile at the Saudi city of Jizan on Monday. "
            "Al-Qaeda claimed responsibility for a separate bombing in Aden.")
    ev = _one(text, "ASSAULT", "2021-03-10")
    assert ev.actor1.name == "Houthis"


def test_victims_take_the_story_country_not_a_namesake_village_abroad() -> None:
    ev = _one("Malian soldiers and Wagner fighters executed dozens of civilians in the village of Moura, "
              "according to Human Rights Watch.", "ASSAULT", "2022-04-05")
    assert (ev.actor2.country, ev.actor2.sector) == ("MLI", "CVL")
    assert (ev.reported_by.name, ev.reported_by.sector) == ("Human Rights Watch", "NGO")


def test_announced_sanctions_are_planned_sanctions_on_their_target() -> None:
    ev = _one("The United States will impose new sanctions on Russian banks, the Treasury said.", "SANCTION",
              "2022-02-25")
    assert (ev.status, ev.actor1.country, ev.actor2.country, ev.actor2.sector) == ("planned", "USA", "RUS", "BUS")


def test_speaker_pronouns_and_possessives_point_to_the_speaker() -> None:
    text = ("Ukraine's air force said it shot down 14 of 19 drones launched by Russia overnight. "
            "Russia's defence ministry said its forces had captured the village of Novomykhailivka.")
    evs = extract(text, published="2024-03-16")
    down = next(e for e in evs if e.mode == "intercept")
    assert (down.actor1.country, down.acled_sub_event_type) == ("UKR", "Disrupted weapons use")
    taken = next(e for e in evs if e.mode == "ground")
    assert (taken.actor1.country, taken.actor1.sector, taken.acled_sub_event_type) == \
        ("RUS", "MIL", "Government regains territory")
