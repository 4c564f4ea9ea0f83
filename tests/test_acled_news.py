"""ACLED sub-event types of one- or two-sentence snippets of ordinary news (session 7, docs/acled.md
"Added in session 7"): present-tense headlines, places taken or driven from, bases set up, changes
to a group, chemical agents, force on a sit-in. Each case is a variant in other words, places and
names than the four sentence sets (tests/data/acled_*.jsonl)."""
from __future__ import annotations

import pytest

from polemos.api_python import extract
from polemos.extract.acled import report_main_sub_event
from polemos.extract.acled.cues import trigger_cues


def _sub(text: str) -> str | None:
    evs = extract(text, published="2023-06-01")
    return report_main_sub_event([e.model_dump(mode="json") for e in evs])


@pytest.mark.parametrize("text,sub", [
    # present-tense headlines whose verb the parser reads as a noun; a source verb may follow
    ("Bandits kidnap twelve traders on Zaria road, police say", "Abduction/forced disappearance"),
    ("Warplanes pound rebel-held villages in Hama, activists say", "Air/drone strike"),
    ("Militiamen rape displaced women near Bunia, UN says", "Sexual violence"),
    ("Police pepper-spray students outside parliament in Tirana", "Protest with intervention"),
    ("Gunmen torch health clinic in Tillaberi, no one hurt", "Looting/property destruction"),
    # places driven from, taken over, moved into
    ("Nigerien troops drove the jihadists from the village of Tassia after a day of fighting, the army said.",
     "Government regains territory"),
    ("Army units pushed the rebels out of the last neighbourhoods they held in Kalehe, officials said.",
     "Government regains territory"),
    ("Insurgents have taken over Macomia, the district capital, after routing a police unit, residents said.",
     "Non-state actor overtakes territory"),
    ("Rebels took over the Goma airport after government troops abandoned it, witnesses said.",
     "Non-violent transfer of territory"),
    ("Peacekeepers moved into villages vacated by the militia near Pibor, the mission said.",
     "Non-violent transfer of territory"),
    # bases and camps
    ("The militants have established a new training camp in the hills near Garissa, officials said.",
     "Headquarters or base established"),
    ("Kidnappers have set up camps in the Falgore forest, villagers told reporters.",
     "Headquarters or base established"),
    # changes to a group
    ("A commander of the rebel group defected to the government with forty of his men, the army said.",
     "Change to group/activity"),
    ("The armed coalition announced a unilateral truce for the holidays and said it would halt attacks.",
     "Change to group/activity"),
    # chemical agents, force on a sit-in, exchanges, suicide bombers told without the word "suicide"
    ("Troops used munitions filled with chlorine against rebel trenches near Harasta, a monitor said.",
     "Chemical weapon"),
    ("Two teachers were hospitalised with broken ribs after riot police charged a sit-in in Conakry, the union said.",
     "Excessive force against protesters"),
    ("The rebels freed 60 captives under a Qatari-brokered swap with the government, mediators said.", "Agreement"),
    ("An attacker on foot detonated his explosives at a checkpoint in Gao, killing himself and two soldiers.",
     "Suicide bomb"),
    ("Fans of two rival clubs fought with sticks and bottles outside the stadium in Oran, injuring eight people.",
     "Mob violence"),
    # a verb read as a participle on the root noun ("X-led forces handed over ..."); a headline's passive
    # with its own complement verb
    ("US-backed fighters handed over four villages near Raqqa to government forces under a new deal.",
     "Non-violent transfer of territory"),
    ("Police officers accused of raping detainee in Lahore station", "Sexual violence"),
    # a demonstration where the police said no one was arrested stays peaceful
    ("Nurses staged a silent march in Blantyre; police said no one was arrested.", "Peaceful protest"),
])
def test_session7_news_wordings(text: str, sub: str) -> None:
    assert _sub(text) == sub, text


def test_trigger_cues_read_only_the_trigger_words() -> None:
    assert "regain" in trigger_cues("drove the militants from the town")
    assert "overtake" in trigger_cues("took Macomia")
    assert trigger_cues("killed") == frozenset() and trigger_cues(None) == frozenset()


def test_words_near_the_event_are_not_the_event() -> None:
    # "from the town" in a sentence whose event word does not hold it says nothing of territory
    assert _sub("Soldiers killed three militants five kilometres from the town of Kidal, the army said.") != \
        "Government regains territory"
    # pushing an object is no offensive
    assert _sub("A man pushed his cart out of the market in Kano on Monday.") is None


def test_quotes_lost_in_an_encoding_are_no_question() -> None:
    # "??" where curly quotes were lost (protest notes): the sentence still tells its protest
    assert _sub("??several hundred nurses marched through the capital yesterday to demand higher pay. ??") == \
        "Peaceful protest"
    assert _sub("tens of thousands of farmers took to the streets of the capital on sunday to demand aid.?") == \
        "Peaceful protest"
    # a real question tells no event
    assert _sub("Did police arrest the protesters in the capital yesterday?") is None


@pytest.mark.parametrize("text,sub", [
    # blows by police told in a headline, or in a later sentence of a report about a demonstration
    ("Officers punch demonstrators outside city hall in Lyon", "Excessive force against protesters"),
    ("Hundreds of students marched to the education ministry in Dhaka on Monday. An officer kicked one of them "
     "repeatedly as he lay on the ground.", "Excessive force against protesters"),
    ("An officer pushes a marcher into a parked car during the rally in Leeds.", "Protest with intervention"),
    # demonstrators who threw stones make a riot, whatever force then met them (the codebook's precedence)
    ("Demonstrators threw stones at police outside the parliament in Tbilisi. Police then fired on the crowd, "
     "killing two people.", "Violent demonstration"),
])
def test_force_on_demonstrations_by_the_codebook(text: str, sub: str) -> None:
    assert _sub(text) == sub, text


def test_one_person_named_by_a_pronoun_is_one_incident() -> None:
    # the narrated present (footage described as it happens): force on "him" or by "two troopers" is told
    assert _sub("During the march on the bridge, one officer shoves him into a railing.") == "Protest with intervention"
    assert _sub("Two troopers tackle him to the ground as protesters march past the capitol.") == \
        "Protest with intervention"
    # "them" may be anyone: a state of affairs stays no event
    assert _sub("Officers shove them at every demonstration, activists say.") is None
    assert _sub("Soldiers arrest them without warrants in many districts.") is None
