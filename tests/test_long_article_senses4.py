"""Long news articles (issue 12, session 7, i12-long4): claims and denials of a role in an attack,
the content of threats and requests, warnings said not to have been made, later deaths of the
wounded. Our own sentences, varied in wording, tense, voice and country; each follows a story's
first attack so that the rule has something told before."""
from __future__ import annotations

import datetime as dt

import pytest

from polemos.api_python import extract
from polemos.extract.dates import interpret
from polemos.extract.senses import threat_or_request_content
from polemos.nlp_model import load_nlp

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


@pytest.mark.parametrize("sentence, word, content", [
    ("The police warned that gunmen had killed five people in a village near Kirkuk.", "killed", None),
    ("Residents said militants had warned them before they burned the market in Tal Afar.", "burned", None),
    ("The minister warned that anyone who blocked roads would be detained.", "blocked", "warn"),
    ("Aid groups urged the army to stop shelling the camps near Goma.", "shelling", "urge"),
])
def test_only_what_is_threatened_or_asked_for_is_content(sentence: str, word: str, content: str | None) -> None:
    doc = load_nlp()(sentence)
    tok = next(t for t in doc if t.text == word)
    assert threat_or_request_content(tok) == content


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


# ---- the day something was said is not the day it happened (extract/date_frames.py: said_on) ----
def _dated(text: str, published: str) -> list[tuple[str, str | None]]:
    return [(e.type, e.date) for e in extract(text, published)]


@pytest.mark.parametrize("text, published, expected", [
    ("On Saturday, gunmen attacked a polling station in Zaria. In Jos, gunmen attacked a church, killing three, "
     "police said in a statement on Monday.", "2026-03-10", "2026-03-07"),
    ("Rebels shelled Sake on Thursday. Two civilians were killed when a shell hit a market in Minova, residents "
     "told reporters on Saturday.", "2026-03-09", "2026-03-05"),
    ("Troops clashed with militants near Marawi on Monday. Soldiers killed four fighters in a raid on a camp in "
     "Butig, the army said Wednesday.", "2026-03-12", "2026-03-09"),
])
def test_an_event_reported_days_later_keeps_the_story_frame(text: str, published: str, expected: str) -> None:
    dated = _dated(text, published)
    assert dated and all(d == expected for t, d in dated if t == "ASSAULT")


@pytest.mark.parametrize("text, published, expected", [
    # no earlier date in the story: the day of the report is the best date there is
    ("Gunmen killed five villagers in Borno state, police said on Tuesday.", "2026-03-10", "2026-03-10"),
    # the saying is the event: its own day
    ("Troops raided a camp near Gao on Friday. The government accused the rebels of the attack on Sunday.",
     "2026-03-09", "2026-03-08"),
])
def test_the_day_of_saying_stays_where_it_is_the_only_date_or_the_event(text: str, published: str,
                                                                          expected: str) -> None:
    assert _dated(text, published)[-1][1] == expected


# ---- a bomb that "went off" with its subject apart; times of day after a weekday ----------------
@pytest.mark.parametrize("sentence", [
    "The bomb, hidden in a motorcycle parked near the main gate, went off on Friday evening in Peshawar.",
    "An explosive device, which had been concealed in a fruit cart, went off near a bus stop in Kirkuk.",
    "A grenade thrown from a passing car went off outside a bar in Goma, police said.",
    "The bombs, packed with nails and bolts, went off within minutes of each other in Maiduguri.",
])
def test_a_bomb_that_went_off_is_a_bombing(sentence: str) -> None:
    assert [(e.type, e.mode) for e in extract(sentence, "2026-03-15")] == [("ASSAULT", "explosives")]


@pytest.mark.parametrize("sentence", [
    "The alarm went off at the police station in Lahore on Monday.",
    "The lights went off across Karachi on Friday night.",
])
def test_other_things_that_go_off_are_no_bombing(sentence: str) -> None:
    assert extract(sentence, "2026-03-15") == []


@pytest.mark.parametrize("text, expected", [
    ("Gunmen attacked a checkpoint in Bannu on Saturday afternoon, killing two policemen.", "2026-03-14"),
    ("A bomb went off in a market in Quetta on Friday evening.", "2026-03-13"),
    ("Troops shelled villages near Sake on Thursday morning, residents said.", "2026-03-12"),
    ("Militants stormed a police post in Tank late on Saturday night.", "2026-03-14"),
])
def test_a_weekday_with_a_time_of_day_is_that_weekday(text: str, expected: str) -> None:
    # (published on a Sunday; "Saturday afternoon" holds the letters of "day after")
    dates = [e.date for e in extract(text, "2026-03-15")]
    assert dates and all(d == expected for d in dates)


@pytest.mark.parametrize("text, expected", [
    ("Four people were killed when gunmen attacked polling units during Saturday's by-election in Kaduna.",
     "2026-02-21"),
    ("Police fired rubber bullets at protesters during Sunday's march in Nairobi.", "2026-02-22"),
    ("A grenade exploded amid Friday's celebrations in Bujumbura, wounding six people.", "2026-02-20"),
])
def test_an_event_during_a_dated_occasion_has_its_day(text: str, expected: str) -> None:
    dates = {e.date for e in extract(text, "2026-02-23")}
    assert dates == {expected}


def test_an_act_after_a_dated_occasion_does_not_take_its_day() -> None:
    # "after Sunday's vote": the date is the vote's, the deployment's day is not told
    assert [e.date for e in extract("Troops were deployed after Sunday's vote in Lagos.", "2026-02-23")] == [None]


@pytest.mark.parametrize("text", ["Sunday's march", "a march on Sunday", "talks may resume on Sunday"])
def test_lower_case_march_and_may_are_no_months(text: str) -> None:
    res = interpret(text, dt.date(2026, 2, 23))
    assert res.date in (None, dt.date(2026, 2, 22)) and res.precision != "month"


@pytest.mark.parametrize("text, expected", [("on 27 march at 2100", dt.date(1989, 3, 27)),
                                            ("may 5, 1990", dt.date(1990, 5, 5)),
                                            ("3 march 2021", dt.date(2021, 3, 3))])
def test_a_lower_case_month_beside_a_number_is_the_month(text: str, expected: dt.date) -> None:
    # wire copy in capitals is read lower-cased: "ON 27 MARCH" keeps its month
    assert interpret(text, dt.date(2021, 3, 9) if expected.year == 2021 else dt.date(expected.year, 6, 1)).date == expected


def test_a_claim_of_an_attack_described_in_the_claim_tells_it() -> None:
    text = "A faction calling itself the People's Brigade claimed responsibility for the killing of two judges in Arusha."
    assert [t for t, _ in _types(text)] == ["ASSAULT"]


@pytest.mark.parametrize("sentence", [
    "The ministry said only special means permitted by law had been deployed.",
    "Police deployed new methods to track the suspects.",
    "The city deployed extra resources to clear the streets.",
])
def test_deploying_means_or_methods_moves_no_forces(sentence: str) -> None:
    assert "MOBILIZE" not in [e.type for e in extract(sentence, "2026-03-15")]


@pytest.mark.parametrize("sentence", [
    "The army deployed troops to Kafanchan on Sunday.",
    "Armoured vehicles were deployed in the capital on Monday.",
])
def test_deploying_troops_or_vehicles_still_mobilizes(sentence: str) -> None:
    assert "MOBILIZE" in [e.type for e in extract(sentence, "2026-03-15")]
