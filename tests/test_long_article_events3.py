"""Long articles (issue 12, i12-events3): court and administrative events, warnings and threats,
bombing waves told again, and words in another sense, typed by the PLOVER manual
(openeventdata/PLOVER: SANCTION `convict`, CONCEDE for acquittals, ACCUSE `allege` for charges and
trials, THREATEN for "coercive or forceful warnings", COERCE `seize` for raids). Every sentence here
is our own, in varied tenses, voices, countries and names; none comes from an evaluation record."""
from __future__ import annotations

import pytest

from polemos.api_python import extract_events
from polemos.models import Article


def _events(text: str, published: str | None = "2021-05-04") -> list:
    art = Article(id="t", text=text, published=published)
    return [e for _, evs in extract_events([art]) for e in evs]


def _types(text: str) -> list[str]:
    return sorted(e.type for e in _events(text))


def _typed(text: str) -> list[tuple[str, str | None, str]]:
    return [(e.type, e.mode, e.status) for e in _events(text)]


# ---------------------------------------------------------------- court: convictions and sentences
@pytest.mark.parametrize("text", [
    "A court in Ankara found the journalist guilty of spreading propaganda on Tuesday.",
    "Three men were found guilty of murder by a jury in Leeds.",
    "The former mayor was sentenced to 10 years in prison for corruption.",
    "A military tribunal in Cairo sentenced 12 Islamists to death on Monday.",
    "Judges convicted the warlord of war crimes at The Hague last week.",
    "The activist has been convicted of sedition and jailed for five years.",
])
def test_a_conviction_or_a_sentence_is_a_sanction(text: str) -> None:
    assert ("SANCTION", "convict", "occurred") in _typed(text), _typed(text)
    assert "ASSAULT" not in _types(text)


@pytest.mark.parametrize("text", [
    "His sentencing is scheduled for October 16.",
    "The sentencing of the two officers is scheduled for next week.",
    "Sentencing was rescheduled for March 3.",
    "The verdict in the case of the Lagos bombers has been rescheduled for Friday.",
    "The Dhaka court's sentencing of the six defendants is scheduled for 2 June.",
])
def test_a_scheduled_sentencing_is_a_planned_sanction(text: str) -> None:
    assert ("SANCTION", "convict", "planned") in _typed(text), _typed(text)


@pytest.mark.parametrize("text", [
    "The court acquitted the opposition leader of all charges.",
    "Two soldiers were acquitted of killing a protester in Lima.",
    "The jury found him not guilty of manslaughter.",
    "A judge in Nairobi acquitted four police officers on Thursday.",
    "The appeals court exonerated the former minister in March.",
])
def test_an_acquittal_is_a_concession(text: str) -> None:
    # PLOVER CONCEDE: "formal pardons, acquittals, and amnesties"
    assert "CONCEDE" in _types(text), _typed(text)


@pytest.mark.parametrize("text", [
    "Two soldiers were convicted of plotting attacks on churches in Lima.",
    "Prosecutors charged five men with plotting attacks in Madrid.",
    "He was accused of planning bombings during the 2019 elections.",
    "The men were arrested on suspicion of planning attacks on churches.",
    "She was indicted for conspiring to bomb a pipeline, prosecutors in Lagos said.",
])
def test_what_someone_is_charged_with_is_alleged_not_an_event(text: str) -> None:
    assert "ASSAULT" not in _types(text), _typed(text)
    assert _types(text), "the legal act itself is still an event"


@pytest.mark.parametrize("text", [
    "Five men charged with carrying out the assassination were arrested in Medellin.",
    "Police in Kano detained a man suspected of staging the attack on the market.",
    "The man accused of the 2016 attack on the market in Berlin was shot dead in Milan.",
    "She was convicted of staging the attack on a bus in Jerusalem.",
    "Two brothers suspected of carrying out the shooting at the synagogue were detained.",
])
def test_a_definite_act_or_a_killing_a_charge_names_happened(text: str) -> None:
    # the act is presupposed ("the assassination", "six priests" killed): only its author is alleged
    assert "ASSAULT" in _types(text), _typed(text)


# ---------------------------------------------------------------- charges and trials
@pytest.mark.parametrize("text", [
    "The suspect is on trial on charges of murder.",
    "The general remains on trial in The Hague.",
    "She pleaded not guilty to charges of fraud.",
    "A citizen of Chile pleaded guilty to two counts of arson on Monday.",
    "Dzhokhar Tsarnaev is awaiting trial on charges that carry the threat of execution.",
    "He was charged with terrorism offences in Manchester.",
    "Eight soldiers were charged with killing six Jesuit priests in San Salvador.",
])
def test_charges_and_trials_are_accusations(text: str) -> None:
    assert _types(text) == ["ACCUSE"], _typed(text)


@pytest.mark.parametrize("text", [
    "He is in charge of security at the airport.",
    "The colonel took charge of the brigade in May.",
    "Officials in charge of the prison declined to comment.",
    "The charge nurse was in charge of the ward.",
    "She was put in charge of the inquiry's logistics.",
])
def test_being_in_charge_is_no_accusation(text: str) -> None:
    assert "ACCUSE" not in _types(text), _typed(text)


# ---------------------------------------------------------------- bans
@pytest.mark.parametrize("text", [
    "The interior ministry banned the group on Friday.",
    "The government outlawed the Muslim Brotherhood last year.",
    "Authorities in Minsk have banned the opposition party.",
    "The junta dissolved the teachers' union in 2021.",
    "Pakistan banned the movement after the riots.",
])
def test_banning_a_group_is_coercion(text: str) -> None:
    assert _types(text) == ["COERCE"], _typed(text)


# ---------------------------------------------------------------- warnings and threats
@pytest.mark.parametrize("text", [
    "Police received a warning that a bomb had been planted in the station.",
    "The group warned it would strike again.",
    "A caller warned police that a bomb would go off within an hour.",
    "The rebels have warned of retaliation if the arrests continue.",
    "Officials in Manila got a threat that the ferry would be attacked.",
    "The militia warned that it will attack any convoy on the highway.",
])
def test_a_bomb_warning_or_a_warning_of_force_is_a_threat(text: str) -> None:
    types = _types(text)
    assert "THREATEN" in types and "ASSAULT" not in types and "AGREE" not in types, _typed(text)


@pytest.mark.parametrize("text", [
    "Locals warned the police of their fears about the young man.",
    "A friend warned police, alerting them to comments he had made.",
    "Neighbours had warned the authorities about the preacher's sermons.",
    "The State Department issued a travel warning for Venezuela.",
    "Forecasters issued storm warnings for the coast of Kerala.",
    "The minister said the group poses a threat to national security.",
])
def test_tip_offs_advisories_and_dangers_are_no_threats(text: str) -> None:
    assert "THREATEN" not in _types(text), _typed(text)


# ---------------------------------------------------------------- a bombing wave and its parts
@pytest.mark.parametrize("text", [
    "A car bomb exploded outside a market in Baghdad on Monday, killing 12 people. The bombs began to explode "
    "before noon.",
    "Several bombs hit the centre of Quetta on Friday. Then for 20 minutes they exploded at one a minute.",
    "Militants bombed three villages in Borno on Sunday. As each bomb exploded, people ran for cover.",
    "Insurgents set off bombs across Mogadishu on Saturday, killing nine. The bombs went off near hotels and "
    "shops.",
    "A bomb tore through a bus in Peshawar on 3 May 2014. The bomb was placed under a seat and exploded as the "
    "bus left.",
])
def test_the_bombs_of_a_wave_told_again_found_no_new_event(text: str) -> None:
    assert _types(text) == ["ASSAULT"], [(e.type, e.evidence.text) for e in _events(text)]


@pytest.mark.parametrize("text", [
    "A wave of bombings killed 25 people across Baghdad on Tuesday. One car bomb exploded near a market in "
    "Sadr City, killing eight. Another bomb hit a mosque in Karrada, killing five.",
    "Bombs struck Kabul on Friday, killing 20 people. A first bomb exploded at a school in Dasht-e-Barchi, "
    "killing 11. A second bomb hit a clinic in Karte Seh, killing nine.",
])
def test_each_attack_of_a_wave_told_apart_is_its_own_event_without_the_wave_total(text: str) -> None:
    evs = [e for e in _events(text) if e.type == "ASSAULT"]
    assert len(evs) == 3, [(e.evidence.text, e.killed) for e in evs]
    tolls = sorted(e.killed.best for e in evs if e.killed is not None)
    assert len(tolls) == 3 and len(set(tolls)) == 3, tolls      # the total goes to the wave only


def test_two_places_bombed_are_two_events_but_one_act_told_with_two_verbs_is_one() -> None:
    assert _types("The army shelled Idlib and bombed Aleppo on Monday.") == ["ASSAULT", "ASSAULT"]
    assert _types("Gunmen stormed the hotel and attacked guests in Mogadishu.") == ["ASSAULT"]
    assert _types("A device was planted under a car and detonated by remote control in Quetta.") == ["ASSAULT"]


# ---------------------------------------------------------------- raids by the police
@pytest.mark.parametrize("text", [
    "Police and counter-terror officers launched further raids early Monday in east London.",
    "Police raided three homes in Birmingham on Tuesday.",
    "FBI agents searched the suspect's apartment in Queens.",
    "Gendarmes raided a farm near Lyon on Sunday.",
    "Detectives raided the offices of the newspaper in Istanbul.",
])
def test_a_police_raid_or_search_is_coercion(text: str) -> None:
    assert ("COERCE", "seize", "occurred") in _typed(text), _typed(text)


@pytest.mark.parametrize("text", [
    "Gunmen raided a village in Zamfara, killing 12 people.",
    "Militants launched a raid on an army post in Borno.",
    "Rebels raided a police station in Cauca overnight.",
    "Police were searching for a man seen near the scene.",
    "Police searched for the missing boy for three days.",
])
def test_raids_by_armed_groups_stay_attacks_and_a_manhunt_is_no_raid(text: str) -> None:
    assert ("COERCE", "seize", "occurred") not in _typed(text), _typed(text)


# ---------------------------------------------------------------- words in another sense
@pytest.mark.parametrize("text", [
    "Ninety six people were detained in hospital, and about 24 others were allowed home after treatment.",
    "Eleven people were detained in hospital overnight in Kano.",
    "The internment of suspects is never ruled out.",
    "It is not ruled out that the suspects are involved.",
    "Perez conceded that the country is experiencing a shortage of medicine.",
    "The ministry acknowledged that supplies of fuel were running low.",
    "Several dozen peoples have settled among the high valleys over the centuries.",
    "Many families settled in the capital after the war.",
    "Jurors saw him approach the counter and later walk out of the restaurant.",
    "Asked to point him out, the witness gestured to the defense table.",
    "When asked about the talks, the minister said nothing.",
])
def test_words_in_another_sense_tell_no_event(text: str) -> None:
    assert _types(text) == [], _typed(text)


@pytest.mark.parametrize("text, expected", [
    ("Police detained 40 protesters in Harare on Monday.", "COERCE"),
    ("Opposition lawmakers walked out of parliament on Tuesday.", "PROTEST"),
    ("The government conceded to the strikers' demands.", "CONCEDE"),
    ("The two factions settled their dispute in Juba.", "AGREE"),
    ("The president ruled out talks with the rebels.", "REJECT"),
    ("Police asked residents to leave the area.", "REQUEST"),
])
def test_the_event_senses_stay(text: str, expected: str) -> None:
    assert expected in _types(text), _typed(text)


@pytest.mark.parametrize("text, expected", [
    ("In 1995 the rebels seized hundreds of hostages in hospitals in two towns.", ("ASSAULT", "abduct")),
    ("Gunmen took 30 hostages at a school in Beslan.", ("ASSAULT", "abduct")),
    ("Within a few weeks, government forces had suppressed the insurrection.", ("ASSAULT", "ground")),
    ("The army crushed the uprising in the north in 1982.", ("ASSAULT", "ground")),
    ("The army moved in to the district to take control of the area.", ("MOBILIZE", "troops")),
    ("Troops rolled in to the border town on Sunday.", ("MOBILIZE", "troops")),
])
def test_hostage_taking_putting_down_a_rising_and_moving_in(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(t, m) for t, m, _ in _typed(text)], _typed(text)


@pytest.mark.parametrize("text", [
    "The government offered a reward of one million pesos for information leading to his capture.",
    "Police have offered a $10,000 reward for information about the shooting.",
    "The embassy offered a large reward for news of the kidnapped engineers.",
    "Authorities in Lahore are offering a reward for the bomber's arrest.",
    "The family offered a reward to anyone who finds the missing girl.",
])
def test_a_reward_offered_is_an_appeal_not_an_agreement(text: str) -> None:
    types = _types(text)
    assert "REQUEST" in types and "AGREE" not in types, _typed(text)


@pytest.mark.parametrize("text", [
    "He was seen on CCTV the night he committed the attack.",
    "The man who committed the bombing in Ankara was 19.",
    "Police said the gang had committed the murders in 2010.",
    "The bombing gave his rivals the opportunity to attack the prime minister.",
    "The opportunity to strike the convoy never came.",
])
def test_committing_an_attack_is_no_agreement_and_an_opportunity_is_no_attack(text: str) -> None:
    types = _types(text)
    assert "AGREE" not in types, _typed(text)
    if "opportunity" in text:
        assert "ASSAULT" not in types, _typed(text)


# ---------------------------------------------------------------- more classes (round 2)
@pytest.mark.parametrize("text", [
    "A bomb hit a bus in Quetta on 2 May 2015, killing 12. Two suspects died in a shootout with police three days "
    "after the bombing.",
    "Gunmen attacked a hotel in Bamako on 20 November 2015. Hours after the attack, troops killed two militants in "
    "a gunfight.",
    "A car bomb exploded in Mogadishu on 1 June 2019. Police arrested four men two weeks after the blast.",
])
def test_an_event_named_as_a_time_offset_gives_no_type_or_mode_to_the_clause(text: str) -> None:
    last = text.split(". ")[-1]
    evs = [e for e in _events(text) if last[:20] in e.evidence.text]
    assert evs, [(e.type, e.evidence.text) for e in _events(text)]
    assert all(e.mode != "explosives" for e in evs), [(e.type, e.mode) for e in evs]


@pytest.mark.parametrize("text", [
    "A bomb exploded in a cafe in Madrid in 1974, killing 12. A thirteenth victim died in 1977 of injuries "
    "suffered during the attack.",
    "Gunmen shot five villagers in Kaduna on Monday. One of them later died of his wounds in hospital.",
    "A grenade was thrown into a bar in Bujumbura on Friday. A waiter succumbed to his injuries on Sunday.",
])
def test_a_later_death_of_wounds_is_no_new_attack(text: str) -> None:
    assert _types(text) == ["ASSAULT"], [(e.type, e.evidence.text) for e in _events(text)]


@pytest.mark.parametrize("text", [
    "A doctor said the clinic was busy. An old man died of diabetes and a child from leukemia.",
    "Officials said the patients died of natural causes.",
    "Health workers said the miner died of pneumonia in Oruro.",
    "The man was seen pushing his bike along the street, then leaving a bag near a bakery.",
    "The organ nonetheless recognized the need to keep up appearances.",
    "The minister acknowledged the importance of the port.",
])
def test_illness_bikes_and_needs_tell_no_event(text: str) -> None:
    assert _types(text) == [], _typed(text)


@pytest.mark.parametrize("text, expected", [
    ("By June, the rebels felt confident enough to call a ceasefire.", "RETREAT"),
    ("The militia declared a unilateral truce on Sunday.", "RETREAT"),
    ("The rebels and the army agreed a ceasefire on Monday.", "AGREE"),
    ("In 1976, courts dismissed the cases against the students.", "CONCEDE"),
    ("The prosecutor dropped all charges against the journalist in Baku.", "CONCEDE"),
    ("The Public Prosecutor's office has delivered the information to Interpol.", "COOPERATE"),
    ("Kenyan police handed over the intelligence to their Ugandan counterparts.", "COOPERATE"),
    ("They were released in June 1977 as part of a general amnesty.", "RETREAT"),
    ("Troops pushed into the town of Bakhmut on Monday.", "ASSAULT"),
])
def test_ceasefires_declared_cases_dropped_and_information_shared(text: str, expected: str) -> None:
    # a ceasefire one side declares: RETREAT, as PLOVER's gold record PLOVER-GSR01-RETREAT-0014 codes it
    assert expected in _types(text), _typed(text)


@pytest.mark.parametrize("text, expected", [
    ("The ministers immediately flew back to Belfast for their emergency meeting.", []),
    ("The envoy flew home on Sunday.", []),
    ("The president flew to Ankara for talks on Monday.", ["CONSULT"]),
])
def test_travelling_back_visits_nobody(text: str, expected: list[str]) -> None:
    assert _types(text) == expected, _typed(text)


@pytest.mark.parametrize("text", [
    "The opposition called for three days of nationwide protests.",
    "The opposition asked citizens to protest on Friday.",
    "The union asked its members to take to the streets next week.",
    "Student leaders urged supporters to demonstrate outside parliament on Monday.",
    "The movement called on Kenyans to take to the streets on Tuesday.",
])
def test_calling_people_out_to_protest_is_a_planned_protest(text: str) -> None:
    # PLOVER (MOBILIZE, ambiguities): "mobilizing supporters to demonstrate" is PROTEST
    assert ("PROTEST", "planned") in [(t, s) for t, _, s in _typed(text)], _typed(text)


def test_taking_to_the_streets_is_a_protest_and_a_call_to_end_one_is_no_protest() -> None:
    assert "PROTEST" in _types("Thousands of people took to the streets of Minsk on Sunday.")
    assert "PROTEST" not in _types("The government called on the union to end the strike.")


@pytest.mark.parametrize("text", [
    "Portugal will support Turkey's efforts to join the bloc, President Soares said on Tuesday.",
    "A top U.S. official praised Haiti's efforts to improve its record on human rights.",
    "France recognized the new government in Tripoli on Monday.",
    "Serbia lodged a protest with Albania, charging its neighbour with supporting dissidents.",
    "Germany backed Kenya's bid for a council seat.",
])
def test_support_and_recognition_of_actors_stay(text: str) -> None:
    assert _types(text), _typed(text)


@pytest.mark.parametrize("text", [
    "A memorial service was held for the victims of the massacre.",
    "Relatives of the victims of the bombing gathered outside the court.",
    "A fund for the victims of the attack has raised two million euros.",
    "Jurors were told the defendant had visited the site twice.",
    "He visited the store the day before, prosecutors said.",
    "A mass grave containing 40 bodies was found near Izium on Friday.",
    "The group named a new leader after the death of its founder.",
    "The two rebel groups merged to form a new alliance in Idlib.",
    "Hundreds gathered in Oslo on Thursday to mark the tenth anniversary of the attack.",
    "The trial heard that the bomber had bought fertiliser in March.",
])
def test_memorials_visits_to_places_graves_leaders_and_trial_background_are_no_events(text: str) -> None:
    assert _types(text) == [], _typed(text)


@pytest.mark.parametrize("text, expected", [
    ("The president visited Kenya on Tuesday.", "CONSULT"),
    ("The envoy visited the rebel leader in his camp.", "CONSULT"),
    ("Survivors commemorated the victims of the 2004 bombing in Madrid.", "ASSAULT"),
    ("The 12 victims of the attack on the bus in Quetta were buried on Sunday.", "ASSAULT"),
])
def test_visits_to_actors_and_dated_background_attacks_stay(text: str, expected: str) -> None:
    assert expected in _types(text), _typed(text)
