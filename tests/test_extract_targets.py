"""Targets that are implied rather than named as an object: the country an event is done in, to or
from, and the author of a proposal that is accepted or rejected."""
from __future__ import annotations

from polemos.api_python import extract


def _one(text: str, type_: str):
    evs = [e for e in extract(text, published="2023-06-01") if e.type == type_]
    assert evs, f"no {type_} in {text!r}"
    return evs[0]


def test_the_country_an_event_is_done_in_is_its_target() -> None:
    ev = _one("Pakistan has refused to deploy peacekeepers in Iraq.", "REJECT")
    assert (ev.actor2.country, ev.actor2.sector) == ("IRQ", "GOV")


def test_the_country_forces_withdraw_from_is_the_target() -> None:
    ev = _one("The United States speeded up the withdrawal of its forces from Panama on Wednesday.", "RETREAT")
    assert ev.actor2.country == "PAN"


def test_a_place_in_a_clause_of_its_own_is_not_the_target() -> None:
    ev = _one("Kenya rejected the proposal that was drafted in Doha.", "REJECT")
    assert ev.actor2 is None or ev.actor2.country != "QAT"


def test_a_named_target_wins_over_the_place() -> None:
    ev = _one("Police arrested 40 protesters in Tehran on Saturday.", "COERCE")
    assert ev.actor2.sector == "CVL"


def test_rejecting_calls_targets_who_made_them() -> None:
    ev = _one("Berlin rejected recent calls by Belarus's rulers for immediate economic aid.", "REJECT")
    assert (ev.actor2.country, ev.actor2.sector) == ("BLR", "GOV")


def test_a_plan_named_by_its_country_targets_that_country() -> None:
    ev = _one("Ivory Coast rebels on Friday rejected a Senegalese peace plan.", "REJECT")
    assert ev.actor2.country == "SEN"
