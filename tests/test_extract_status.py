"""Status (occurred / planned / threatened / denied / hypothetical) and who reported the event."""
from __future__ import annotations

from polemos.api_python import extract


def _events(text: str, published: str = "2023-06-01"):
    return extract(text, published=published)


def _one(text: str, type_: str, published: str = "2023-06-01"):
    evs = [e for e in _events(text, published) if e.type == type_]
    assert evs, f"no {type_} in {text!r}: {[(e.type, e.status) for e in _events(text, published)]}"
    return evs[0]


def test_past_event_occurred() -> None:
    assert _one("Police arrested 12 activists in Tehran on Saturday.", "COERCE").status == "occurred"


def test_future_visit_is_planned() -> None:
    ev = _one("U.S. Special Envoy James Jeffrey will pay a visit to Turkey on Feb. 12.", "CONSULT", "2020-02-10")
    assert ev.status == "planned"
    assert ev.mode == "visit"


def test_conditional_use_of_force_is_a_threat_that_was_made() -> None:
    ev = _one("Turkey would take the necessary measures if the regime continues its aggression in Idlib.",
              "THREATEN", "2020-02-10")
    assert ev.status == "occurred"
    assert ev.actor1.country == "TUR"


def test_announced_hostile_action_is_a_threat() -> None:
    ev = _one("Palestinian leaders said they would boycott all official contact with the United States.", "THREATEN")
    assert ev.actor1.country == "PSE"


def test_negated_event_is_denied() -> None:
    assert _one("Government troops did not attack the camp, the army said.", "ASSAULT").status == "denied"


def test_event_denied_by_its_actor() -> None:
    ev = _one("The army denied that its troops had fired on protesters in Khartoum.", "ASSAULT")
    assert ev.status == "denied"
    assert not any(e.type == "REJECT" for e in _events("The army denied that its troops had fired on protesters in Khartoum."))


def test_refusal_to_agree_is_a_rejection() -> None:
    ev = _one("Syria said it will not accept any more refugees.", "REJECT")
    assert ev.actor1.country == "SYR"


def test_possible_event_is_hypothetical() -> None:
    assert _one("Russian jets could strike rebel positions in Idlib.", "ASSAULT").status == "hypothetical"


def test_a_condition_states_no_event() -> None:
    assert _events("If the talks fail, the delegations will go home.", "2020-02-10") == []


def test_according_to_gives_the_reporter() -> None:
    ev = _one("Sunday's Russian airstrikes in Idlib killed 26 people, according to the White Helmets.", "ASSAULT",
              "2020-02-10")
    assert (ev.reported_by.country, ev.reported_by.sector) == ("SYR", "NGO")


def test_speaker_of_reported_speech_is_the_reporter() -> None:
    ev = _one("Gunmen abducted 30 students from a school in Kaduna state, police said.", "ASSAULT")
    assert ev.reported_by.sector == "COP"
    assert ev.mode == "abduct"


def test_a_demand_stated_with_must() -> None:
    ev = _one("Russia said on Tuesday that Sudan must return a helicopter captured last week.", "REQUEST")
    assert (ev.actor1.country, ev.actor2.country) == ("RUS", "SDN")


def test_offer_is_an_agreement() -> None:
    ev = _one("Syria says it is willing to withdraw its troops from Lebanon.", "AGREE")
    assert ev.actor1.country == "SYR"


def test_package_function_survives_submodule_imports() -> None:
    import polemos.extract.pipeline  # noqa: F401  (rebinds polemos.extract to the subpackage)

    assert polemos.extract("Police arrested 12 activists in Tehran on Saturday.", published="2023-03-05")


def test_announced_operation_is_a_threat_by_the_state() -> None:
    ev = _one("Erdogan said Turkey would not hesitate to launch a new ground operation in northern Syria.",
              "THREATEN", "2022-11-22")
    assert (ev.actor1.country, ev.reported_by.country) == ("TUR", "TUR")


def test_passive_deployment_names_who_was_deployed() -> None:
    ev = _one("Hundreds of Congolese soldiers were deployed to Goma on Friday.", "MOBILIZE", "2022-11-04")
    assert (ev.actor1.country, ev.actor1.sector) == ("COD", "MIL")
