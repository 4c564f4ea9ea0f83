"""Rules across the sentences and events of one story: the story's time frame carries to sentences
that state no date, and a sentence's counts stay with the event they describe."""
from __future__ import annotations

from polemos.api_python import extract


def _by_type(text: str, published: str = "2023-06-01") -> dict[str, list]:
    out: dict[str, list] = {}
    for e in extract(text, published=published):
        out.setdefault(e.type, []).append(e)
    return out


def test_undated_sentence_takes_the_story_time_frame() -> None:
    evs = _by_type("On Sunday, government warplanes struck the market in Atarib. "
                   "Rebel fighters have been shelling villages nearby.", published="2023-06-01")
    dates = sorted(e.date for e in evs["ASSAULT"])
    assert dates == ["2023-05-28", "2023-05-28"]


def test_background_year_does_not_move_the_time_frame() -> None:
    text = ("On Sunday, soldiers clashed with rebels near Goma. In 2012, the rebels had seized the city. "
            "The army has been shelling rebel positions.")
    evs = extract(text, published="2023-06-01")
    last = [e for e in evs if "shelling" in e.trigger]
    assert last and last[0].date == "2023-05-28"


def test_arrests_belong_to_the_arrest_not_to_the_demand() -> None:
    evs = _by_type("Police arrested 150 protesters in Nairobi on Tuesday, and opposition leaders "
                   "demanded their release.")
    assert evs["COERCE"][0].arrested.best == 150
    assert all(e.arrested is None for e in evs["REQUEST"])


def test_a_demand_about_detainees_counts_no_arrests() -> None:
    evs = extract("Opposition leaders demanded the release of 150 activists arrested last week.",
                  published="2023-06-01")
    assert all(e.arrested is None for e in evs if e.type != "COERCE")


def test_the_dead_belong_to_the_attack_not_to_the_threat() -> None:
    evs = _by_type("Warplanes bombed the town on Sunday, killing 12 civilians, and the government "
                   "threatened to retaliate.")
    assert evs["ASSAULT"][0].killed.best == 12
    assert all(e.killed is None for e in evs["THREATEN"])


def test_a_toll_with_no_verb_of_its_own_goes_to_the_attack() -> None:
    evs = _by_type("The death toll from Sunday's airstrikes on Idlib has risen to 26, "
                   "a monitoring group said.")
    assert evs["ASSAULT"][0].killed.best == 26


def _attackers(text: str) -> list[str | None]:
    return [(e.actor1.text if e.actor1 else None) for e in extract(text, published="2023-06-01") if e.type == "ASSAULT"]


def test_a_named_claim_replaces_an_unnamed_attacker() -> None:
    got = _attackers("A terrorist shot police officers at a mosque in Peshawar, killing two. "
                     "The Islamic State claimed the attack.")
    assert got and "Islamic State" in got[0]


def test_a_spokesman_claims_for_his_group() -> None:
    got = _attackers("An IED exploded in a market in Lahore, killing three people. A spokesperson for "
                     "the Baloch Nationalist Army claimed responsibility for the attack.")
    assert got == ["Baloch Nationalist Army"]


def test_a_group_no_dictionary_lists_is_still_the_claimant() -> None:
    evs = [e for e in extract("Gunmen on motorbikes attacked a military base in Mali. Jama'at Nasr al Islam "
                              "wal Muslimin claimed responsibility for the attack.", published="2023-06-01")
           if e.type == "ASSAULT"]
    assert evs[0].actor1.name == "Jama'at Nasr al Islam wal Muslimin"
    assert evs[0].extra["actor1_from"] == "claim of responsibility"


def test_no_claim_then_a_suspect() -> None:
    got = _attackers("Three bombs targeted a school in Kabul, killing six people. No group has claimed "
                     "responsibility yet, but the Islamic State is suspected.")
    assert got and "Islamic State" in got[0]


def test_blamed_for_and_responsible_for_name_the_attacker() -> None:
    assert "YPG" in _attackers("A grenade exploded near a market in Afrin, killing 53 people. The Turkish "
                               "government blamed the YPG for the attack.")[0]
    assert "PKK" in _attackers("A bomb exploded in Diyarbakir. Police believe the PKK was responsible for the attack.")[0]


def test_a_claim_never_replaces_a_state_force() -> None:
    evs = extract("Militants attacked the stock exchange in Karachi. All four attackers were killed by the "
                  "police. The Balochistan Liberation Army claimed responsibility.", published="2023-06-01")
    police = [e for e in evs if e.actor1 is not None and e.actor1.sector == "COP"]
    assert police and police[0].actor1.text == "the police"


def test_victims_told_after_a_bombing_are_its_victims() -> None:
    evs = [e for e in extract("A bomb exploded at a bank in Bogota on Monday night. Two people were slightly "
                              "injured, police said.", published="2023-06-01") if e.type == "ASSAULT"]
    hurt = [e for e in evs if e.injured is not None]
    assert hurt and hurt[0].mode == "explosives"


def test_a_plural_opening_a_sentence_is_coded() -> None:
    evs = extract("Guerrillas attacked a military base in Morazan on Friday.", published="2023-06-01")
    assert evs[0].actor1 is not None and evs[0].actor1.sector == "REB"


def test_capitals_only_wire_copy_is_split_at_sentences_not_lines() -> None:
    from polemos.nlp import split_sentences

    text = ("BOGOTA, 7 NOV 89 -- SIX PEOPLE WERE KILLED AND FIVE WOUNDED TODAY WHEN A POWERFUL\n"
            "BOMB WENT OFF IN A BUSY MARKET.  THE POLICE BLAMED THE MEDELLIN CARTEL FOR\nTHE ATTACK.")
    sents = split_sentences(text)
    assert len(sents) == 2
    assert all(text[s.start:s.end] == s.text for s in sents)
    evs = [e for e in extract(text, published="1989-11-07") if e.type == "ASSAULT"]
    assert evs and evs[0].mode == "explosives" and evs[0].killed.best == 6


def test_a_weapon_in_the_clause_that_explains_the_deaths_gives_the_mode() -> None:
    evs = extract("Six people were killed in Bogota today when a powerful bomb went off.", published="2023-06-01")
    assert evs[0].mode == "explosives"


def test_an_identified_attacker_names_the_unnamed_one() -> None:
    evs = [e for e in extract("A gunman opened fire in Vienna, killing four civilians. The attacker was "
                              "identified as Kujtim Fejzullai.", published="2020-11-03") if e.type == "ASSAULT"]
    assert evs[0].actor1.name == "Kujtim Fejzullai"
    assert evs[0].extra["actor1_from"] == "identified attacker"


def test_the_attack_told_again_keeps_its_weapon() -> None:
    evs = [e for e in extract("A car bomb exploded outside the police station in Bogota on Monday. According "
                              "to the report, the attack took place at 0200.", published="2023-06-01")
           if e.type == "ASSAULT"]
    assert [e.mode for e in evs] == ["explosives", "explosives"]
