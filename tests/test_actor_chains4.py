"""Actors across long articles, fourth pass (issue 12): who acts in a judicial act or an arrest the
text tells without naming the doer (PLOVER: JUD "judges, courts"; COP "police forces, criminal
investigative units"); the accused is the target; "his arrest" is done to him; where an
appositive says a person is from; the other side of a fight named with "with"; the one country
a story gives a multinational force's troops; "the worst explosion was at X, where ..." refers
back to the story's attacks. Our own sentences, varied countries, names, tenses and voices."""
from __future__ import annotations

import pytest

from polemos.api_python import extract
from polemos.models import Actor, Event

PUBLISHED = "2021-06-01"


def _event(text: str, part: str, type_: str) -> Event:
    evs = [e for e in extract(text, published=PUBLISHED)
           if e.type == type_ and part in (e.evidence.text if e.evidence else "")]
    assert evs, [(e.type, e.evidence.text if e.evidence else None) for e in extract(text, published=PUBLISHED)]
    return evs[0]


def _is(a: Actor | None, country: str | None, sector: str | None) -> bool:
    return a is not None and (country is None or a.country == country) and (sector is None or a.sector == sector)


# ---------------------------------------------------------------- a judicial act with no one named
@pytest.mark.parametrize("text, part, type_, court, accused", [
    ("A citizen of Chad on Monday pleaded not guilty to charges of financing terrorism in Paris, France.",
     "pleaded", "ACCUSE", "FRA", "TCD"),
    ("Li Wei, a student from China, was found guilty of espionage in Melbourne, Australia, on Friday.",
     "guilty", "SANCTION", "AUS", "CHN"),
    ("Olga Petrova was convicted of fraud by a jury in Vilnius, Lithuania, last week.",
     "convicted", "SANCTION", "LTU", None),
    ("Three police officers were charged with manslaughter in Nairobi, Kenya, on Tuesday.",
     "charged", "ACCUSE", "KEN", None),
    ("The former mayor of Cali is on trial in Colombia on charges of bribery.",
     "trial", "ACCUSE", "COL", None),
    ("Ahmed Saleh, a native of Yemen, was sentenced to 12 years in prison in Cairo, Egypt, on Sunday.",
     "sentenced", "SANCTION", "EGY", "YEM"),
    ("Two Belgian men were indicted in Brussels on Thursday over the 2016 bombings.",
     "indicted", "ACCUSE", "BEL", None),
    ("Rosa Diaz stood trial in Quito, Ecuador, on charges of embezzlement on Monday.",
     "trial", "ACCUSE", "ECU", None),
])
def test_a_court_of_the_country_acts_when_the_text_names_no_one(text: str, part: str, type_: str, court: str,
                                                                 accused: str | None) -> None:
    e = _event(text, part, type_)
    assert _is(e.actor1, court, "JUD"), (e.actor1, e.actor2)
    if accused is not None:
        assert _is(e.actor2, accused, None), (e.actor1, e.actor2)


@pytest.mark.parametrize("text, part, type_, who", [
    # the accused as subject of "plead", "face", "stand trial", "be on trial" is the target
    ("Maria Santos pleaded not guilty to charges of embezzlement in Manila, Philippines, on Monday.",
     "pleaded", "ACCUSE", "Santos"),
    ("Kofi Mensah is on trial in Ghana on charges of treason.", "trial", "ACCUSE", "Mensah"),
    ("Ivan Petrov, 41, is awaiting trial in Minsk, Belarus, on charges of spying.", "trial", "ACCUSE", "Petrov"),
])
def test_the_accused_is_the_target_not_the_accuser(text: str, part: str, type_: str, who: str) -> None:
    e = _event(text, part, type_)
    assert e.actor2 is not None and who in (e.actor2.text or ""), (e.actor1, e.actor2)
    assert e.actor1 is not None and e.actor1.sector == "JUD", (e.actor1, e.actor2)


def test_a_named_court_or_prosecutor_keeps_its_own_role() -> None:
    e = _event("Prosecutors in Warsaw charged two men with arson on Monday.", "charged", "ACCUSE")
    assert e.actor1 is not None and e.actor1.text == "Prosecutors" and e.actor1.sector == "JUD"


# ---------------------------------------------------------------- an arrest with no one named
@pytest.mark.parametrize("text, part, who, country, sector", [
    ("Three men were detained in Lagos, Nigeria, on Monday.", "detained", None, "NGA", "COP"),
    ("Five activists have been arrested in Minsk, Belarus, since Sunday.", "arrested", None, "BLR", "COP"),
    ("Two journalists were arrested in Harare, Zimbabwe, on Friday, a police spokesman said.", "arrested",
     None, "ZWE", "COP"),
    ("Pedro Alvarez was arrested in Caracas, Venezuela, on Friday, the army said.", "arrested", "army", "VEN",
     "MIL"),
    ("A teacher was detained in Yangon, Myanmar, on Tuesday.", "detained", None, "MMR", "COP"),
    ("Dozens of protesters were rounded up in Tehran, Iran, on Saturday.", "rounded", None, "IRN", "COP"),
    ("Dozens of students were detained overnight in Baku, Azerbaijan, officials said.", "detained",
     None, "AZE", "COP"),
    ("Police arrested four students in Dhaka, Bangladesh, on Sunday.", "arrested", "Police", "BGD", "COP"),
])
def test_an_arrest_is_made_by_the_police_or_the_force_that_reports_it(text: str, part: str, who: str | None,
                                                                       country: str, sector: str) -> None:
    e = _event(text, part, "COERCE")
    assert _is(e.actor1, country, sector), e.actor1
    if who is not None:
        assert who in (e.actor1.text or ""), e.actor1


# ---------------------------------------------------------------- "his arrest": done to him
@pytest.mark.parametrize("text, part, type_, country", [
    ("Azamat Serikov, a student from Kazakhstan, was found guilty of obstruction in Boston, Massachusetts. "
     "His sentencing is scheduled for October 16.", "His sentencing", "SANCTION", "KAZ"),
    ("Nadia Karimova, a journalist from Uzbekistan, was detained in Moscow, Russia, on Monday. Her detention "
     "was extended on Friday by a court.", "Her detention", "COERCE", "UZB"),
    ("Kim Tae-ho, a citizen of South Korea, was found guilty of smuggling in Manila, Philippines. His "
     "sentencing is scheduled for May 3.", "His sentencing", "SANCTION", "KOR"),
])
def test_the_possessor_of_an_arrest_or_a_trial_is_the_one_it_is_done_to(text: str, part: str, type_: str,
                                                                         country: str) -> None:
    e = _event(text, part, type_)
    assert _is(e.actor2, country, None), (e.actor1, e.actor2)
    assert e.actor1 is None or e.actor1.country != country or e.actor1.sector in ("JUD", "COP"), e.actor1


def test_an_of_object_keeps_the_possessor_as_the_doer() -> None:
    e = _event("Police said the army's arrest of three journalists in Yangon on Monday was illegal.", "arrest",
               "COERCE")
    assert e.actor2 is None or e.actor2.sector != "MIL", (e.actor1, e.actor2)


# ---------------------------------------------------------------- where an appositive says one is from
@pytest.mark.parametrize("text, part, type_, country", [
    ("Ali Musa, a citizen of Chad, was arrested in Niamey, Niger, on Monday.", "arrested", "COERCE", "TCD"),
    ("Ana Souza, a student from Brazil, was detained in Lisbon, Portugal, on Friday.", "detained", "COERCE", "BRA"),
    ("Joseph Otieno, a native of Kenya, was shot dead in Kampala, Uganda, on Sunday.", "shot", "ASSAULT", "KEN"),
    ("Gunmen kidnapped Hans Weber, a tourist from Germany, near Timbuktu, Mali, on Tuesday.", "kidnapped",
     "ASSAULT", "DEU"),
    ("Police detained Sara Cohen, a journalist from Israel, in Istanbul, Turkey, on Wednesday.", "detained",
     "COERCE", "ISR"),
    ("Rebels abducted Carlos Mendez, a worker from Colombia, in Zulia, Venezuela, on Thursday.", "abducted",
     "ASSAULT", "COL"),
    ("Omar Haddad, a refugee from Syria, was stabbed to death in Beirut, Lebanon, on Saturday.", "stabbed",
     "ASSAULT", "SYR"),
    ("Mehmet Kaya, a man from Turkey, was arrested in Athens, Greece, on Monday.", "arrested", "COERCE", "TUR"),
])
def test_a_person_is_from_where_the_appositive_says(text: str, part: str, type_: str, country: str) -> None:
    e = _event(text, part, type_)
    assert _is(e.actor2, country, None), (e.actor1, e.actor2)


# ---------------------------------------------------------------- the other side of a fight
@pytest.mark.parametrize("text, part, sector", [
    ("Tamerlan, 26, died after a gunfight with police three days after the bombing.", "gunfight", "COP"),
    ("Days later, the suspect was killed in a gun battle with police in Toulouse.", "battle", "COP"),
    ("Two gunmen died in a shootout with soldiers near Kandahar on Monday.", "shootout", "MIL"),
    ("Three protesters were killed in clashes with riot police in Dhaka on Friday.", "clashes", "COP"),
    ("A smuggler was shot dead in a firefight with border guards in Sonora, Mexico, on Sunday.", "firefight",
     "COP"),
    ("Four rebels died in fighting with government troops in Darfur on Tuesday.", "fighting", "MIL"),
    ("A militant was killed in a clash with security forces in Kashmir on Wednesday.", "clash", "COP"),
    ("Five bandits were killed in a gunfight with the army in Zamfara, Nigeria, on Thursday.", "gunfight", "MIL"),
])
def test_the_other_side_of_a_fight_named_with_with_is_an_actor(text: str, part: str, sector: str) -> None:
    e = _event(text, part, "ASSAULT")
    assert any(a is not None and a.sector == sector for a in (e.actor1, e.actor2)), (e.actor1, e.actor2)


# ---------------------------------------------------------------- a multinational force's troops
@pytest.mark.parametrize("text, country", [
    ("A suicide bomber killed six NATO service members near Bagram on Monday. Six American NATO service "
     "members were killed in the blast.", "USA"),
    ("A roadside bomb killed three NATO soldiers in Helmand on Monday. The three British NATO soldiers were "
     "killed instantly.", "GBR"),
    ("Two NATO troops were killed by a mine near Kunduz. The dead were German NATO troops, officials said "
     "after the attack.", "DEU"),
    ("Gunmen killed a NATO soldier in Kabul on Friday. The Danish NATO soldier was shot at a checkpoint.", "DNK"),
])
def test_a_multinational_force_takes_the_one_country_the_story_gives_it(text: str, country: str) -> None:
    e = extract(text, published=PUBLISHED)[0]
    assert e.actor2 is not None and e.actor2.country == country, (e.actor2, e.evidence)


@pytest.mark.parametrize("text", [
    "A roadside bomb killed three NATO soldiers in Helmand on Monday. Two British and one Danish NATO soldiers "
    "were killed.",
    "A roadside bomb killed three NATO soldiers in Helmand on Monday. Afghan police said the NATO soldiers "
    "died at once.",
])
def test_no_country_when_the_story_gives_several_or_none(text: str) -> None:
    e = extract(text, published=PUBLISHED)[0]
    assert e.actor2 is not None and e.actor2.country is None, e.actor2


# ---------------------------------------------------------------- "the worst explosion was at X, where"
@pytest.mark.parametrize("text, part, name", [
    ("The IRA set off 20 bombs in Belfast on Friday. Passers-by had to strike hysterical girls to calm them. "
     "The worst explosion was at the bus station, where at least six people were killed.", "worst",
     "Irish Republican Army"),
    ("Al-Shabaab detonated three car bombs in Mogadishu on Saturday. Crowds ran to the shore. The deadliest "
     "blast was at a hotel, where 20 people were killed.", "deadliest", "Al-Shabaab"),
    ("Boko Haram fighters attacked four villages in Borno on Sunday. Witnesses had to hide in the bush. The "
     "worst attack was in Konduga, where 30 people were killed.", "worst", "Boko Haram"),
])
def test_the_worst_explosion_refers_back_to_the_story_attacks(text: str, part: str, name: str) -> None:
    e = _event(text, part, "ASSAULT")
    assert e.actor1 is not None and name.lower() in (e.actor1.name or e.actor1.text or "").lower(), e.actor1


# ---------------------------------------------------------------- a claim told in other words
@pytest.mark.parametrize("text, name", [
    ("Gunmen stormed a hotel in Mogadishu on Friday, killing 12. Al-Shabaab said it carried out the attack.",
     "al-Shabaab"),
    ("A bomb killed seven soldiers near Arish, Egypt, on Monday. Islamic State said in a statement that it "
     "carried out the bombing.", "Islamic State"),
    ("Gunmen killed four policemen in Quetta, Pakistan, on Tuesday. The Baloch Liberation Army said they "
     "carried out the ambush.", "Baloch Liberation Army"),
    ("Militants raided a police post in Kashmir on Sunday, killing three officers. Lashkar-e-Taiba announced "
     "that it had conducted the raid.", "Lashkar"),
    ("A car bomb killed nine people in Diyarbakir, Turkey, on Friday. The PKK declared that it had carried out "
     "the bombing.", "PKK"),
    ("Gunmen killed six villagers in Borno, Nigeria, on Monday. Boko Haram said on Tuesday it had carried out "
     "the attack.", "Boko Haram"),
    ("Attackers ambushed an army convoy in Tillaberi, Niger, killing 11 soldiers. Islamic State said it "
     "carried out the ambush.", "Islamic State"),
    ("A bomb went off at a bus stop in Jerusalem, killing two. Hamas said it carried out the bombing.", "Hamas"),
])
def test_a_group_saying_it_carried_out_the_attack_claims_it(text: str, name: str) -> None:
    e = extract(text, published=PUBLISHED)[0]
    assert e.actor1 is not None and name.lower() in (e.actor1.name or "").lower(), (e.actor1, e.evidence)


def test_a_denial_claims_nothing() -> None:
    e = extract("Militants attacked an army post in Mali on Sunday, killing 10 soldiers. JNIM said it did not "
                "carry out the attack.", published=PUBLISHED)[0]
    assert e.actor1 is not None and e.actor1.name != "JNIM", e.actor1


# ---------------------------------------------------------------- a lede's "a citizen of X", then the name
@pytest.mark.parametrize("text, name, country", [
    ("A citizen of Kyrgyzstan on Wednesday pleaded not guilty to charges of lying to investigators in Boston. "
     "Aibek Toktogulov, 23, faces one count of destroying records. A judge ordered Toktogulov detained until "
     "trial on Wednesday.", "Toktogulov", "KGZ"),
    ("A Nigerian man was arrested in London on Monday. Chinedu Okafor, 34, is suspected of fraud. Police "
     "detained Okafor at Heathrow airport.", "Okafor", "NGA"),
    ("A Tunisian national was detained in Milan, Italy, on Friday. Karim Ben Salah, 29, was arrested at the "
     "station. Police arrested Salah after a tip-off.", "Salah", "TUN"),
    ("A citizen of Chile was charged with smuggling in Lima, Peru, on Monday. Javier Rojas, 41, denies the "
     "charges. A court ordered Rojas detained for nine months.", "Rojas", "CHL"),
    ("A Syrian refugee was arrested in Berlin, Germany, on Tuesday. Omar Khalil, 19, is suspected of planning "
     "an attack. Police detained Khalil at a shelter.", "Khalil", "SYR"),
    ("An Iranian student was detained in Sydney, Australia, on Sunday. Reza Ahmadi, 22, was held at the "
     "airport. Police arrested Ahmadi on Monday.", "Ahmadi", "IRN"),
    ("A native of Somalia was charged with terrorism in Minneapolis on Thursday. Abdi Warsame, 25, pleaded "
     "not guilty. Police arrested Warsame in 2019.", "Warsame", "SOM"),
    ("A Moroccan man was arrested in Madrid, Spain, on Monday. Youssef Alami, 30, is accused of recruiting "
     "fighters. Police detained Alami at his home.", "Alami", "MAR"),
])
def test_a_person_named_after_the_lede_described_them_is_of_its_country(text: str, name: str,
                                                                      country: str) -> None:
    evs = [e for e in extract(text, published=PUBLISHED) if e.actor2 is not None and name in (e.actor2.text or "")]
    assert evs and all(e.actor2 is not None and e.actor2.country == country for e in evs), \
        [(e.type, e.actor2) for e in extract(text, published=PUBLISHED)]


def test_no_origin_without_a_lede_that_describes_by_country() -> None:
    text = ("Police arrested a man in Madrid, Spain, on Monday. Youssef Alami, 30, is accused of recruiting "
            "fighters. Police detained Alami at his home.")
    evs = [e for e in extract(text, published=PUBLISHED) if e.actor2 is not None and "Alami" in (e.actor2.text or "")]
    assert evs and all(e.actor2 is not None and e.actor2.country in (None, "ESP") for e in evs), evs


# ---------------------------------------------------------------- "X, leader of the Y Party"
@pytest.mark.parametrize("text, part, type_, sector", [
    ("Nigel Farage, leader of the Brexit Party, called for new elections in Britain on Monday.", "called",
     "REQUEST", "PTY"),
    ("Kemal Kilicdaroglu, head of the Republican People's Party, accused the government of fraud in Ankara on "
     "Friday.", "accused", "ACCUSE", "PTY"),
    ("Sam Rainsy, president of the Cambodia National Rescue Party, urged a boycott on Monday.", "urged",
     "PROTEST", "PTY"),
    ("Pauline Hanson, leader of the One Nation party, demanded an inquiry on Monday.", "demanded", "REQUEST",
     "PTY"),
    ("Ahmed Ali, a member of parliament, condemned the bombing in Kabul on Monday.", "condemned", "ACCUSE",
     "LEG"),
    ("Musa Bello, spokesman of the army, accused the rebels of killing 12 villagers on Sunday.", "accused",
     "ACCUSE", "MIL"),
    ("Ana Ruiz, president of the court, accused the minister of lying on Friday.", "accused", "ACCUSE", "JUD"),
    ("Tom Kariuki, the chairman of the opposition party, accused the president of fraud on Monday.", "accused",
     "ACCUSE", "OPP"),
])
def test_a_named_person_is_of_the_body_the_appositive_says_they_lead(text: str, part: str, type_: str,
                                                                    sector: str) -> None:
    e = _event(text, part, type_)
    assert e.actor1 is not None and e.actor1.sector == sector, (e.actor1, e.actor2)


@pytest.mark.parametrize("text, country", [
    ("The Pakistani Taliban attacked a school in Peshawar on Monday, killing 140.", "PAK"),
    ("The Afghan Taliban seized a district centre in Kunduz on Sunday.", "AFG"),
])
def test_a_demonym_on_a_group_name_says_which_country(text: str, country: str) -> None:
    e = extract(text, published=PUBLISHED)[0]
    assert e.actor1 is not None and e.actor1.country == country, e.actor1


@pytest.mark.parametrize("text, part, country", [
    ("Police said Ahmed Musa, a local imam, was detained in Kano, Nigeria, on Monday.", "detained", "NGA"),
    ("A journalist was arrested in Baku, Azerbaijan, on Friday.", "arrested", "AZE"),
    ("Two priests were detained in Managua, Nicaragua, on Sunday.", "detained", "NIC"),
])
def test_the_arrested_are_of_the_place_when_nothing_says_otherwise(text: str, part: str, country: str) -> None:
    e = _event(text, part, "COERCE")
    assert _is(e.actor2, country, None), e.actor2
