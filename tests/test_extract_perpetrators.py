"""Who did an attack, when a later sentence (or a phrase of the same one) says it: claims taken
or blamed, membership and affiliation, a named attacker. Our own sentences."""
from __future__ import annotations

import pytest

from polemos.api_python import extract


def _attackers(text: str) -> list[tuple[str | None, str | None]]:
    return [((e.actor1.name or e.actor1.text) if e.actor1 else None, e.extra.get("actor1_from"))
            for e in extract(text, published="2023-06-01") if e.type == "ASSAULT"]


@pytest.mark.parametrize("text, who", [
    # a group named by a common noun and its proper-name qualifiers
    ("A car bomb exploded outside a police station in the port city, killing three officers. "
     "The Harakat al-Nasr group claimed responsibility.", "Harakat al-Nasr group"),
    # the name set beside a common noun
    ("A bomb hit an army post near the border, killing four soldiers. The attack was claimed by a "
     "little-known group, Liwa al-Thawra.", "Liwa al-Thawra"),
    ("A roadside bomb killed five soldiers near the border. The attack was blamed on the "
     "Kachin Liberation Front.", "Kachin Liberation Front"),
    ("Gunmen stormed a hotel in the capital, killing nine guests. Jund al-Haqq took "
     "responsibility for the attack.", "Jund al-Haqq"),
    ("A man opened fire at a bus stop, killing two commuters. The shooter was a member of "
     "Hezbollah, officials said.", "Hezbollah"),
    ("A gunman affiliated with al-Shabaab attacked a checkpoint, killing four policemen.", "al-Shabaab"),
    ("Militants belonging to Ansar Dine ambushed a convoy, killing seven soldiers.", "Ansar Dine"),
])
def test_the_group_behind_an_attack_is_its_perpetrator(text, who):
    got = _attackers(text)
    assert got and got[0][0] == who
    assert got[0][1] == "claim of responsibility"


def test_a_named_attacker_gets_his_name():
    got = _attackers("A suicide bomber named Karim Haddad blew himself up at a stadium, killing 12 people.")
    assert got == [("Karim Haddad", "identified attacker")]


def test_no_claim_taken_names_no_one():
    got = _attackers("Gunmen stormed a hotel in the capital, killing nine guests. No group took responsibility "
                     "for the attack.")
    assert got and got[0][1] is None


def test_a_member_of_a_group_who_is_not_the_attacker_names_no_perpetrator():
    got = _attackers("Gunmen stormed a hotel in the capital, killing nine guests. One of the victims was a "
                     "member of parliament.")
    assert got and got[0][1] is None


def test_a_claimed_killing_told_only_in_the_claim_is_an_attack():
    evs = [e for e in extract("The Sendero Rojo group claimed responsibility for the murder of a provincial "
                              "governor.", published="2023-06-01") if e.type == "ASSAULT"]
    assert len(evs) == 1
    assert evs[0].actor1.name == "Sendero Rojo group" and evs[0].killed.best == 1


def test_an_unclaimed_attack_is_told_once():
    evs = [e for e in extract("A bomb exploded in a crowded market, killing five people. No group has claimed "
                              "responsibility for the attack.", published="2023-06-01") if e.type == "ASSAULT"]
    assert len(evs) == 1 and evs[0].killed.best == 5


def test_an_acronym_claims_the_attack():
    got = _attackers("A bomb exploded in a crowded market, killing five people. The KLF claimed "
                     "responsibility for the attack.")
    assert got and all(who == "KLF" for who, _ in got)


def test_a_killing_only_mentioned_is_no_event():
    assert not [e for e in extract("The killing of civilians must stop, the minister said.", published="2023-06-01")
                if e.type == "ASSAULT"]


@pytest.mark.parametrize("headline", ["Two soldiers gunned down in Farah", "Two soldiers shot dead in Farah"])
def test_a_headline_passive_without_its_auxiliary_names_the_victims(headline):
    (ev,) = [e for e in extract(headline, published="2023-06-01") if e.type == "ASSAULT"]
    assert ev.actor1 is None and ev.actor2.text == "Two soldiers" and ev.killed.best == 2


def test_an_active_shot_dead_keeps_its_attackers():
    (ev,) = [e for e in extract("Gunmen shot dead two police officers in Farah.", published="2023-06-01")
             if e.type == "ASSAULT"]
    assert ev.actor1.text == "Gunmen" and ev.killed.best == 2
