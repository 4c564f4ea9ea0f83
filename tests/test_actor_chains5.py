"""Actors across long articles, fifth pass (issue 12): a modifier that settles who a head's
people are ("police officers", "rebel forces", "the opposition government", "the ruling X"),
acronyms a story spells out, purpose clauses ("announced a shutdown to protest"), a group "calling
itself X" that claims an attack and is "the group" next, "its supporters", "the governor of X
State, who ...", unnamed protesters, and who hurt the victims of a passive casualty ("were injured
when protesters threw stones"). Our own sentences, varied countries, names, tenses and voices."""
from __future__ import annotations

import pytest

from polemos.api_python import extract
from polemos.models import Actor, Event

PUBLISHED = "2021-06-01"


def _event(text: str, part: str, type_: str) -> Event:
    evs = extract(text, published=PUBLISHED)
    found = [e for e in evs if e.type == type_ and part in (e.evidence.text if e.evidence else "")]
    assert found, [(e.type, e.evidence.text if e.evidence else None) for e in evs]
    return found[0]


def _is(a: Actor | None, country: str | None, sector: str | None) -> bool:
    return a is not None and (country is None or a.country == country) and (sector is None or a.sector == sector)


# ---------------------------------------------------------------- a modifier settles the head
@pytest.mark.parametrize("text, part, type_, side, country, sector", [
    ("Twelve police officers were injured when protesters threw stones in Lagos, Nigeria, on Monday.",
     "Twelve", "ASSAULT", 2, "NGA", "COP"),
    ("Army officers arrested three journalists in Harare, Zimbabwe, on Monday.", "arrested", "COERCE", 1,
     "ZWE", "MIL"),
    ("The rebel forces attacked an army base in Chad on Friday.", "attacked", "ASSAULT", 1, "TCD", "REB"),
    ("A spokesman for the resistance forces warned that they would target military bases in Myanmar.",
     "warned", "THREATEN", 1, "MMR", "REB"),
    ("A spokeswoman for the rebel forces said on Friday they would attack army posts in Chad.",
     "attack", "THREATEN", 1, "TCD", "REB"),
    ("The opposition government in exile accused the junta of war crimes in Myanmar on Monday.",
     "accused", "ACCUSE", 1, "MMR", "OPP"),
    ("The opposition Labour Party accused the government of lying in Britain on Monday.", "accused", "ACCUSE", 1,
     "GBR", "OPP"),
    ("The main opposition Democratic Alliance (DA) accused the ruling African National Congress (ANC) on "
     "Sunday of rigging the vote in South Africa.", "accused", "ACCUSE", 2, "ZAF", "PTY"),
])
def test_a_modifier_says_who_the_heads_people_are(text: str, part: str, type_: str, side: int,
                                                  country: str, sector: str) -> None:
    e = _event(text, part, type_)
    assert _is(e.actor1 if side == 1 else e.actor2, country, sector), (e.actor1, e.actor2)


def test_the_state_government_stays_the_state() -> None:
    e = _event("The government of Kenya accused the opposition of inciting violence on Monday.", "accused", "ACCUSE")
    assert _is(e.actor1, "KEN", "GOV") and _is(e.actor2, "KEN", "OPP"), (e.actor1, e.actor2)


# ---------------------------------------------------------------- acronyms spelled out before
@pytest.mark.parametrize("text, part, type_, side, sector", [
    ("The main opposition Democratic Alliance (DA) accused the ruling African National Congress (ANC) on "
     "Sunday of rigging the vote in South Africa. The DA later accused the ANC of fraud.",
     "The DA later", "ACCUSE", 1, "OPP"),
    ("The main opposition Democratic Alliance (DA) accused the ruling African National Congress (ANC) on "
     "Sunday of rigging the vote in South Africa. The DA later accused the ANC of fraud.",
     "The DA later", "ACCUSE", 2, "PTY"),
    ("The opposition Movement for Democratic Change (MDC) accused the government of fraud in Zimbabwe on "
     "Monday. The MDC gave the electoral commission until Friday to annul the vote, saying its supporters "
     "would otherwise march on Harare.", "The MDC gave", "THREATEN", 1, "OPP"),
    ("The opposition Government of National Salvation (GNS) said on Monday that troops had shelled Sirte. "
     "The GNS's foreign ministry accused the army of war crimes in Libya.", "foreign ministry", "ACCUSE", 1, "OPP"),
])
def test_an_acronym_the_story_spelled_out_is_that_body(text: str, part: str, type_: str, side: int,
                                                       sector: str) -> None:
    e = _event(text, part, type_)
    assert _is(e.actor1 if side == 1 else e.actor2, None, sector), (e.actor1, e.actor2)


def test_a_states_own_ministry_stays_the_government() -> None:
    e = _event("Kenya's foreign ministry accused Somalia of harbouring militants on Monday.", "accused", "ACCUSE")
    assert _is(e.actor1, "KEN", "GOV"), e.actor1


# ---------------------------------------------------------------- who acts in a purpose clause
@pytest.mark.parametrize("text, country, sector", [
    ("Traders' associations in Lahore, Pakistan, announced a three-day shutdown of markets to protest "
     "against taxes.", "PAK", "BUS"),
    ("Bus drivers in Accra, Ghana, called a two-day strike on Monday to protest against fuel prices.", "GHA", "CVL"),
    ("Shopkeepers in Kano, Nigeria, closed their stores on Monday to protest against a new tax.", "NGA", "BUS"),
    ("Farmers blocked roads near Lyon, France, on Tuesday to protest against fuel prices.", "FRA", "CVL"),
])
def test_who_acts_to_protest_is_the_protester(text: str, country: str, sector: str) -> None:
    e = _event(text, "protest", "PROTEST")
    assert _is(e.actor1, country, sector), e.actor1


@pytest.mark.parametrize("text, country", [
    ("Smaller rallies took place on Sunday in the Kenyan city of Mombasa.", "KEN"),
    ("A march against the new tax law was held in Lima, Peru, on Saturday.", "PER"),
])
def test_unnamed_protesters_are_civilians_of_the_place(text: str, country: str) -> None:
    e = _event(text, "", "PROTEST")
    assert _is(e.actor1, country, "CVL"), e.actor1


# ---------------------------------------------------------------- claims and "the group"
@pytest.mark.parametrize("text, country, name", [
    ("A bomb exploded at a bus station in Quetta, Pakistan, on Friday, killing six people. On Saturday, a "
     "little-known militant faction calling itself Jaish-ul-Hind claimed responsibility for the bombing. "
     "The group vowed to carry out more attacks on the police.", "PAK", "Jaish-ul-Hind"),
    ("Gunmen killed four soldiers at a checkpoint in Diffa, Niger, on Monday. A new armed group calling "
     "itself Katiba Sahel claimed responsibility for the attack on Tuesday. The group threatened to attack "
     "more army posts.", "NER", "Katiba Sahel"),
])
def test_a_group_calling_itself_x_claims_and_is_the_group_next(text: str, country: str, name: str) -> None:
    evs = extract(text, published=PUBLISHED)
    attack = next(e for e in evs if e.type == "ASSAULT")
    assert _is(attack.actor1, country, "REB") and attack.actor1.name == name, attack.actor1
    vow = next(e for e in evs if e.type == "THREATEN")
    assert _is(vow.actor1, country, "REB") and vow.actor1.name == name, vow.actor1


def test_a_denial_names_no_group() -> None:
    evs = extract("A bomb exploded at a market in Peshawar, Pakistan, on Friday, killing five people. A group "
                  "calling itself Lashkar-e-Noor said it had no role in the bombing.", published=PUBLISHED)
    attack = next(e for e in evs if e.type == "ASSAULT")
    assert attack.actor1 is None or attack.actor1.name != "Lashkar-e-Noor", attack.actor1


# ---------------------------------------------------------------- people of a body, and "who"
def test_the_official_of_a_place_who_acts_is_the_official() -> None:
    e = _event("The governor of Borno State, who visited Maiduguri on Sunday, promised to arrest the attackers "
               "in Nigeria.", "visited", "CONSULT")
    assert _is(e.actor1, "NGA", "GOV") and (e.actor1.text or "").lower().endswith("governor"), e.actor1


# ---------------------------------------------------------------- who hurt the victims of a passive
@pytest.mark.parametrize("text, part, country, doer, victim", [
    ("Twelve police officers were injured when protesters threw stones in Lagos, Nigeria, on Monday.",
     "Twelve", "NGA", "CVL", "COP"),
    ("Three students were wounded when riot police fired rubber bullets at a crowd in Santiago, Chile, on Friday.",
     "wounded", "CHL", "COP", "CVL"),
    ("Two soldiers were killed when militants attacked a checkpoint in Mali on Monday.", "killed", "MLI", "REB", "MIL"),
])
def test_the_when_clause_names_who_hurt_them(text: str, part: str, country: str, doer: str, victim: str) -> None:
    e = _event(text, part, "ASSAULT")
    assert _is(e.actor1, country, doer) and _is(e.actor2, country, victim), (e.actor1, e.actor2)


def test_an_accident_in_the_when_clause_names_no_one() -> None:
    e = _event("Four people were killed when their bus overturned near Kampala, Uganda, on Sunday.", "killed",
               "ASSAULT")
    assert e.actor1 is None, e.actor1
