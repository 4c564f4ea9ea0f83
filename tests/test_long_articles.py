"""Long scraped articles: page furniture is not sentences, glued text is split, and the event
senses, claims and vows a long article carries are coded as PLOVER says (issue 12).
Sentences are our own, written in the manner of the failures the issue quotes."""
from __future__ import annotations

import pytest

from polemos.api_python import extract
from polemos.ingest import clean_text


def _assert_maps_back(original: str, cleaned) -> None:
    for i, ch in enumerate(cleaned.text):
        if not ch.isspace():
            assert original[cleaned.to_original(i)] == ch, (i, ch)


def _lines(text: str) -> list[str]:
    c = clean_text(text)
    _assert_maps_back(text, c)
    return [ln for ln in c.text.split("\n") if ln.strip()]


# ---------------------------------------------------------------- furniture and glued text
@pytest.mark.parametrize("text, gone", [
    ("Two soldiers died in the blast.==Aftermath==The army sealed off the town.", "Aftermath"),
    ("The rebels took the hill.== Background ==Fighting began in May.", "Background"),
    ("Police made arrests.[Officials vow to rebuild the bombed market within a year]Shops stayed shut.",
     "Officials vow"),
    ("He was freed on Monday.1 of 12 Full Screen Autoplay Close Skip Ad × Scenes from the border View Photos "
     "Crowds gathered at dawn.", "Autoplay"),
])
def test_inline_furniture_is_cut_and_the_rest_kept(text: str, gone: str) -> None:
    lines = _lines(text)
    assert not any(gone in ln for ln in lines), lines
    assert len(lines) >= 2, lines


@pytest.mark.parametrize("text", [
    "Demonstrators marched to parliament. Caption Riot police stand guard outside the ministry in the capital.",
    "The strike closed the port. Photograph: Staff/Handout/Reuters",
    "Three buildings collapsed. Read more: Why the city keeps flooding every spring",
])
def test_captions_and_read_more_after_a_sentence_go(text: str) -> None:
    lines = _lines(text)
    assert len(lines) == 1, lines
    assert lines[0].endswith(".")


def test_wiki_reference_marks_vanish_without_breaking_the_sentence() -> None:
    lines = _lines("Sergeant Ann Lee[12], of the 3rd Brigade, was wounded in the attack.")
    assert lines == ["Sergeant Ann Lee, of the 3rd Brigade, was wounded in the attack."]


@pytest.mark.parametrize("text, first, second", [
    ("The convoy was hit near the city of Homs.The desert has become a hot spot.",
     "The convoy was hit near the city of Homs.", "The desert has become a hot spot."),
    ("Gunmen killed 4 people in 2019.Police said the group fled.", "Gunmen killed 4 people in 2019.",
     "Police said the group fled."),
    ("Pending chargesProsecutors said he deleted the files.", "Pending charges",
     "Prosecutors said he deleted the files."),
    ("Security strategy reviewA senior official spoke.", "Security strategy review", "A senior official spoke."),
    ("Court Frees Journalist After Two Years in JailNAIROBI — A court on Monday freed a reporter.",
     "Court Frees Journalist After Two Years in Jail", "NAIROBI — A court on Monday freed a reporter."),
    ("She said it was over.“We will rebuild,” the mayor said.", "She said it was over.",
     "“We will rebuild,” the mayor said."),
])
def test_glued_text_is_broken_into_lines(text: str, first: str, second: str) -> None:
    assert _lines(text) == [first, second]


@pytest.mark.parametrize("text", [
    "Users shared the video on WhatsApp and YouTube before it was removed.",
    "Timothy McVeigh and Gen. MacArthur were named in the U.S. report at 4 p.m. on Monday.",
    "The bomb went off at 5.30 p.m. local time, police said.",
    "The company, BlackRock, and ExxonMobil declined to comment.",
    "\"It was over,\" she said. \"We left.\"",
])
def test_ordinary_prose_and_camel_case_names_are_not_cut(text: str) -> None:
    assert _lines(text) == [text]


# ---------------------------------------------------------------- event senses
def _types(text: str, published: str = "2023-06-01") -> list[str]:
    return [e.type for e in extract(text, published=published)]


@pytest.mark.parametrize("text", [
    "Opposition parties are boycotting the election.",
    "Shopkeepers boycotted the new market tax for a week.",
    "The union called a boycott of state-owned stores on Monday.",
])
def test_a_boycott_is_a_protest(text: str) -> None:
    types = _types(text)
    assert "PROTEST" in types and "REJECT" not in types, types


@pytest.mark.parametrize("text", [
    "The Provisional IRA accepted responsibility for the bombings.",
    "The group later accepted responsibility for the kidnapping in a statement.",
    "Health officials said they would attack the virus with every resource they had.",
    "Doctors are trying to fight the disease in the northern provinces.",
    "Eight people have died of the disease since January, the ministry said.",
    "Two patients died from the infection last week.",
    "The former senator died of a heart attack at his home on Sunday.",
])
def test_claims_and_figurative_senses_are_no_agree_or_assault(text: str) -> None:
    types = _types(text)
    assert "AGREE" not in types and "ASSAULT" not in types, types


@pytest.mark.parametrize("text, type_", [
    ("The rebels agreed to a ceasefire on Monday.", "AGREE"),
    ("Gunmen attacked the convoy near the border, killing four soldiers.", "ASSAULT"),
    ("Three soldiers died of their wounds after the ambush.", "ASSAULT"),
    ("Militants fought government troops in the hills for two days.", "ASSAULT"),
])
def test_ordinary_senses_stay(text: str, type_: str) -> None:
    assert type_ in _types(text)


# ---------------------------------------------------------------- vows, threats, questions
@pytest.mark.parametrize("text", [
    "The militants vowed to carry out more attacks against the army.",
    "In a statement, the Taliban promised further attacks on foreign troops.",
    "The group pledged to launch new attacks until the troops leave.",
    "The rebels vowed to attack the capital.",
    "The fundamentalist party has said it will boycott the elections unless the president steps down.",
])
def test_a_vow_of_force_or_a_conditional_boycott_is_a_threat(text: str) -> None:
    types = _types(text)
    assert "THREATEN" in types and "AGREE" not in types, types


def test_a_promise_of_peaceful_acts_stays_an_agreement() -> None:
    assert "AGREE" in _types("The president pledged to release the prisoners next week.")


@pytest.mark.parametrize("text", [
    "Why do I have to sign if I don't agree?",
    "Should the council accept the offer?",
])
def test_a_question_tells_no_event(text: str) -> None:
    assert _types(text) == []


# ---------------------------------------------------------------- who did it, who suffered it
def _assaults(text: str):
    return [e for e in extract(text, published="2023-06-01") if e.type == "ASSAULT"]


@pytest.mark.parametrize("text", [
    "During an hour of concentrated bombing at least 11 people died in the city.",
    "A general died after a roadside bomb detonated under a convoy near the town.",
    "Three villagers perished in the explosion at the market on Sunday.",
])
def test_those_who_died_are_victims_not_attackers(text: str) -> None:
    evs = _assaults(text)
    assert evs, text
    assert all(e.actor1 is None for e in evs), [(e.actor1, e.actor2) for e in evs]
    assert any(e.actor2 is not None for e in evs)


@pytest.mark.parametrize("text, group", [
    ("Bombs exploded across the city on Friday, killing 11 people at a bus station. "
     "The Provisional IRA accepted responsibility for the bombings.", "IRA"),
    ("A car bomb killed six soldiers near the base on Monday. The Haqqani network later "
     "claimed responsibility for the attack.", "Haqqani"),
])
def test_a_claim_names_the_attacker_of_the_attack_told_before(text: str, group: str) -> None:
    evs = _assaults(text)
    assert evs and evs[0].actor1 is not None and group in (evs[0].actor1.text or ""), [e.actor1 for e in evs]
    assert evs[0].actor1.sector == "REB"
    assert not [e for e in extract(text, published="2023-06-01") if e.type == "AGREE"]


@pytest.mark.parametrize("text, want, not_want", [
    ("On Wednesday, the administration targeted 13 more officials, alleging corruption.", "SANCTION", "ASSAULT"),
    ("The Treasury Department targeted three Iranian banks on Monday.", "SANCTION", "ASSAULT"),
    ("The European Union hit five ministers with travel bans.", "SANCTION", "ASSAULT"),
    ("Gunmen targeted two officials in Kandahar on Monday, killing one.", "ASSAULT", "SANCTION"),
])
def test_a_government_targeting_officials_sanctions_them(text: str, want: str, not_want: str) -> None:
    types = _types(text)
    assert want in types and not_want not in types, types


@pytest.mark.parametrize("text", [
    "The council also pushed back elections for governors to December.",
    "The electoral board pushed back the referendum by six months.",
])
def test_postponing_a_vote_is_no_attack(text: str) -> None:
    assert "ASSAULT" not in _types(text)
