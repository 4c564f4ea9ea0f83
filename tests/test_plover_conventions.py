"""PLOVER conventions where the project used to depart from the manual (openeventdata/PLOVER,
PLOVER_MANUAL.tex) and from the event-data conventions of the long-article sets
(wikievents_dev_plover's README): crowd-control weapons, arson and destruction, people seized,
bills withdrawn, signed accords, speculation, defiance someone is charged with. Our own sentences,
varied in wording, tense, voice and country; each rule also checks the ACLED sub-event type the
crosswalk gives, which must not change with the PLOVER type (issue 12, session 7, i12-events5)."""
from __future__ import annotations

import pytest

from polemos.api_python import extract


def _events(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.mode, e.acled_sub_event_type) for e in extract(text, "2026-05-10")
            if e.status == "occurred"]


def _types(text: str) -> list[str]:
    return [t for t, _, _ in _events(text)]


# PLOVER ASSAULT `crowd-control`: "tear gas, water cannons, firing weapons in the air, lathi charges"
@pytest.mark.parametrize("sentence", [
    "Riot police fired tear gas at hundreds of protesters outside parliament in Tbilisi on Sunday.",
    "Officers used water cannon and rubber bullets to disperse the crowd in Nairobi.",
    "Police fired tear gas to break up the rally in Caracas on Monday.",
    "Security forces lobbed tear gas canisters at students marching towards the palace in Dhaka.",
    "Riot police in Santiago have used water cannon against the marchers.",
    "Police pepper-sprayed the demonstrators outside the courthouse.",
])
def test_a_crowd_control_weapon_is_assault_and_still_a_protest_with_intervention(sentence: str) -> None:
    evs = [e for e in _events(sentence) if e[0] in ("ASSAULT", "COERCE")]
    assert ("ASSAULT", "crowd-control", "Protest with intervention") in evs, evs
    # (a purpose told with it, "to disperse the crowd", may stay its own COERCE: the same ACLED type)
    assert all(e[1] in ("crowd-control", "disperse") and e[2] == "Protest with intervention" for e in evs), evs


@pytest.mark.parametrize("sentence", [
    "Security forces pushed back the demonstrators from the square.",
    "Police dispersed the crowd outside the stadium in Harare.",
    "Police kettled the marchers near the station in London on Saturday.",
])
def test_force_short_of_a_weapon_stays_coercion(sentence: str) -> None:
    # the manual: "police pushed back protesters" is coercion, not crowd-control assault
    evs = [e for e in _events(sentence) if e[0] in ("ASSAULT", "COERCE")]
    assert evs and all(e[:2] == ("COERCE", "disperse") for e in evs), evs
    assert all(e[2] == "Protest with intervention" for e in evs)


# PLOVER ASSAULT `destroy` (intentional destruction of property; fire is a `primitive` weapon)
@pytest.mark.parametrize("sentence, acled", [
    ("Supporters of the ruling party set fire to the opposition's offices in Kano on Saturday.",
     "Looting/property destruction"),
    ("Gunmen burned down a school in the village overnight.", "Looting/property destruction"),
    ("Rebels destroyed a bridge on the road to Goma on Friday.", "Looting/property destruction"),
    ("A mob torched two buses and a police car in the city centre.", "Mob violence"),
    ("Attackers set the ward collation centre ablaze after seizing ballot boxes.", None),
])
def test_arson_and_destruction_are_assault(sentence: str, acled: str | None) -> None:
    evs = [e for e in _events(sentence) if e[1] == "destroy"]
    assert evs and all(e[0] == "ASSAULT" for e in evs), _events(sentence)
    if acled is not None:
        assert evs[0][2] == acled


# PLOVER ASSAULT `abduct` (abduct, kidnap, hijack): people seized are abducted, property is seized
@pytest.mark.parametrize("sentence", [
    "Gunmen seized three fishermen from their boat off Jolo on Tuesday.",
    "The four men were seized from their boat off the coast by gunmen who arrived in a speedboat.",
    "Armed men seized two aid workers from their car near Gao.",
    "Pirates seized the crew of a cargo ship in the Gulf of Guinea.",
    "Bandits seized two women from a bus near Kaduna on Sunday.",
])
def test_people_seized_are_abducted(sentence: str) -> None:
    assert ("ASSAULT", "abduct", "Abduction/forced disappearance") in _events(sentence)


@pytest.mark.parametrize("sentence, kept", [
    ("Police seized 20 kilograms of heroin in a raid in Karachi.", ("COERCE", "seize")),
    ("Rebels seized the town of Bunia on Friday.", ("ASSAULT", "ground")),
])
def test_things_and_places_seized_are_no_abduction(sentence: str, kept: tuple[str, str]) -> None:
    assert kept in [e[:2] for e in _events(sentence)]
    assert all(e[1] != "abduct" for e in _events(sentence))


# PLOVER CONCEDE: giving way on one's own policy (CAMEO 0832 "accede to demands for change in policy")
@pytest.mark.parametrize("sentence", [
    "The government withdrew the controversial tax bill after a week of protests.",
    "Parliament scrapped the proposed amendment to the election law on Tuesday.",
    "Facing strikes, the cabinet withdrew its plan to raise fuel prices.",
    "The ruling party scrapped the draft law on foreign agents in March.",
])
def test_a_bill_withdrawn_is_a_concession(sentence: str) -> None:
    assert "CONCEDE" in _types(sentence) and "RETREAT" not in _types(sentence)


def test_troops_withdrawn_stay_a_retreat() -> None:
    assert "RETREAT" in _types("The army withdrew its troops from the border town on Monday.")


# an agreed or signed accord is AGREE (wikievents_dev_plover README); mode `sign` keeps it an ACLED
# Agreement
@pytest.mark.parametrize("sentence", [
    "The two governments signed a peace accord in Doha on Friday.",
    "The rebels and the government signed a ceasefire agreement in Nairobi in March 2024.",
    "The ELN signed a peace deal with the government in November 2016.",
    "Parliament ratified the border treaty with Peru on Wednesday.",
])
def test_a_signed_accord_is_agree(sentence: str) -> None:
    evs = _events(sentence)
    assert ("AGREE", "sign", "Agreement") in evs and "SUPPORT" not in _types(sentence), evs


def test_an_accord_agreed_unsigned_has_no_sign_mode() -> None:
    evs = _events("Both sides agreed to a ceasefire on Sunday.")
    assert [e[:2] for e in evs if e[0] == "AGREE"] == [("AGREE", None)]


# PLOVER THREATEN is a coercive or forceful warning; speculation is none
@pytest.mark.parametrize("sentence", [
    "If the shutdown does not bring results, he said, traders might block the main highway.",
    "If the talks collapse, tens of thousands more could be forced from their homes, aid agencies said.",
    "Analysts said the militants might attack again if the army withdrew.",
    "If the dam fails, whole villages may be swept away, engineers said.",
])
def test_speculation_under_a_condition_is_no_threat(sentence: str) -> None:
    assert "THREATEN" not in _types(sentence)


@pytest.mark.parametrize("sentence", [
    "The rebels warned they might attack the city if the army advanced.",
    "The army said it would strike the camps if the attacks continued.",
    "The union said workers may strike if wages are not paid by Friday.",
])
def test_a_conditional_threat_stays_a_threat(sentence: str) -> None:
    assert "THREATEN" in _types(sentence)


# what someone is detained or charged for is alleged: no REJECT told
@pytest.mark.parametrize("sentence", [
    "The ministry said 47 people had been detained for disobeying lawful orders of the police.",
    "Two activists were charged with defying a court ban on the march in Minsk.",
    "The journalist was arrested for refusing to reveal his sources.",
])
def test_defiance_someone_is_charged_with_is_no_rejection(sentence: str) -> None:
    assert "REJECT" not in _types(sentence)


def test_a_refusal_told_stays_a_rejection() -> None:
    assert "REJECT" in _types("The opposition rejected the election results on Monday.")


# an event named only to open a span of time ("since the offensive began") is not told here
@pytest.mark.parametrize("sentence", [
    "More than 12,000 people have fled their homes in the district since the offensive began in late May.",
    "Prices have tripled in the capital since the war started in 2022.",
    "Schools have stayed closed since the fighting began, teachers said.",
])
def test_an_event_opening_a_span_of_time_is_not_told(sentence: str) -> None:
    assert "ASSAULT" not in _types(sentence)


def test_an_event_that_begins_in_its_own_clause_is_told() -> None:
    assert "ASSAULT" in _types("The army launched an offensive in Sagaing province in late May.")
