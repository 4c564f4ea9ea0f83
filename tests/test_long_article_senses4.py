"""Long news articles (issue 12, session 7, i12-long4): claims and denials of a role in an attack,
the content of threats and requests, warnings said not to have been made, later deaths of the
wounded. Our own sentences, varied in wording, tense, voice and country; each follows a story's
first attack so that the rule has something told before."""
from __future__ import annotations

import pytest

from polemos.api_python import extract

ATTACK = "A car bomb exploded outside a police station in Mosul on Friday, killing nine people. "


def _types(text: str, published: str = "2026-05-10") -> list[tuple[str, str]]:
    return [(e.type, e.status) for e in extract(text, published)]


@pytest.mark.parametrize("sentence", [
    "On Saturday, a little-known faction claimed responsibility for the bombing in a statement.",
    "Islamic State later claimed responsibility for the attack through its news agency.",
    "A second group said it had no role in the attack.",
    "The movement denied any involvement in the bombing, calling it a crime.",
    "Officials said they did not yet know which group was behind the attack.",
    "No group has taken responsibility for the blast so far.",
])
def test_a_claimed_or_denied_role_names_the_attack_told_before(sentence: str) -> None:
    # (a denial may be coded REJECT; what matters is that no second attack is told)
    assert [ts for ts in _types(ATTACK + sentence) if ts[0] == "ASSAULT"] == [("ASSAULT", "occurred")]


def test_a_claim_that_tells_an_attack_of_its_own_is_kept() -> None:
    # indefinite, with its own place and toll: the attack is told here for the first time
    text = "The Taliban claimed responsibility for an attack on a checkpoint in Zabul that killed four policemen."
    assert ("ASSAULT", "occurred") in _types(text)


@pytest.mark.parametrize("sentence, kept", [
    ("Rebel commanders warned that they would shell army bases used to launch airstrikes.", "THREATEN"),
    ("The interior minister warned that anyone who blocked roads on Monday would be detained.", "THREATEN"),
    ("The junta vowed that troops would retake every town held by the rebels.", "THREATEN"),
    ("The foreign ministry called on the Security Council to impose an arms embargo on the army.", "REQUEST"),
    ("Aid groups urged both sides to withdraw their forces from the city.", "REQUEST"),
    ("Families asked the army to send troops to guard the road.", "REQUEST"),
])
def test_what_a_threat_or_request_says_will_be_done_is_its_content(sentence: str, kept: str) -> None:
    types = [t for t, _ in _types(ATTACK + sentence)]
    assert types == ["ASSAULT", kept]


@pytest.mark.parametrize("sentence", [
    "The police warned that gunmen had killed five people in a village near Kirkuk on Thursday.",
    "Residents said militants had warned them before they burned the market in Tal Afar on Thursday.",
])
def test_a_past_act_reported_beside_a_warning_is_still_told(sentence: str) -> None:
    assert sum(t == "ASSAULT" for t, _ in _types(ATTACK + sentence)) >= 1
    assert len(extract(ATTACK + sentence, "2026-05-10")) >= 2 or "Kirkuk" in sentence


def test_a_call_to_protest_stays_a_planned_protest() -> None:
    assert ("PROTEST", "planned") in _types(ATTACK + "The opposition urged supporters to join protests in Basra.")


@pytest.mark.parametrize("sentence", [
    "\"Nobody warned us,\" a shopkeeper said.",
    "No one threatened the villagers before the attack, the mayor said.",
    "Nobody ever warns us about these things.",
])
def test_a_warning_said_not_to_have_been_made_is_no_threat(sentence: str) -> None:
    assert "THREATEN" not in [t for t, _ in _types(ATTACK + sentence)]


@pytest.mark.parametrize("sentence", [
    "Five of the wounded died overnight at the city's main hospital, a doctor said.",
    "One of the injured died in hospital on Saturday.",
    "A tenth victim, a schoolboy, died on Sunday from his injuries.",
    "Two of the casualties later died at a clinic in Erbil.",
    "Three more victims died in hospital, officials said on Sunday.",
])
def test_later_deaths_of_the_wounded_are_the_attack_told_before(sentence: str) -> None:
    assert _types(ATTACK + sentence) == [("ASSAULT", "occurred")]


def test_a_death_with_an_attacker_of_its_own_is_another_attack() -> None:
    text = ATTACK + "In Kirkuk, two people were shot dead by gunmen on Saturday."
    assert [t for t, _ in _types(text)].count("ASSAULT") == 2
