"""ACLED coding by the codebook (extract/acled): sub-event types read from the whole sentence (the
weapon, the target, who was hurt), the one event ACLED records per sentence, inter and interaction
codes, civilian targeting, precision codes, and `--format acled-csv` read back with pandas."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from polemos.api_python import extract
from polemos.eval.acled import NEWS, NOTES, SENTENCES, WIRE, metrics
from polemos.extract.acled import code_acled, crosswalk, mark_main_events, report_main_sub_event
from polemos.models import Actor, Count, Event, Evidence, Place
from polemos.store.acled_csv import COLUMNS

POLEMOS = str(Path(sys.executable).with_name("polemos"))


def _sub(text: str) -> str | None:
    evs = extract(text, published="2023-06-01")
    return report_main_sub_event([e.model_dump(mode="json") for e in evs])


# Variants (not in the codebook sentence file) of the sub-types issue 12 found never coded
@pytest.mark.parametrize("text,sub", [
    ("Militants threw a grenade at a police checkpoint in Kismayo on Monday, wounding two officers.", "Grenade"),
    ("Government aircraft dropped chlorine gas on the village of Kafr Zita, doctors said.", "Chemical weapon"),
    ("Police opened fire on a peaceful march in Lilongwe, killing three protesters.",
     "Excessive force against protesters"),
    ("Soldiers raped two girls in a village near Kalemie on Saturday.", "Sexual violence"),
    ("A mob lynched a suspected thief in the market of Jinja.", "Mob violence"),
    ("Protesters hurled stones at police and burned tyres in Conakry.", "Violent demonstration"),
    ("Police fired tear gas to break up a demonstration by traders in Accra.", "Protest with intervention"),
    ("Farmers marched peacefully through Nairobi on Tuesday.", "Peaceful protest"),
    ("About 150 traders gathered outside the governor's office in Kano to demand lower market fees.",
     "Peaceful protest"),
    ("The government and the rebels signed a ceasefire in Juba on Friday.", "Agreement"),
    ("Air defences intercepted two drones over Odesa on Sunday.", "Disrupted weapons use"),
    ("A suicide bomber blew himself up at a checkpoint in Baidoa, killing five soldiers.", "Suicide bomb"),
    ("Rebels captured the town of Rubaya from the army on Tuesday.", "Non-state actor overtakes territory"),
])
def test_sub_event_types_read_from_the_sentence(text: str, sub: str) -> None:
    assert _sub(text) == sub, text


# Session 5 (issue 12): variants, in other words and places than either sentence set, of the wordings
# the event notes' dev half showed uncoded (docs/acled.md)
@pytest.mark.parametrize("text,sub", [
    ('On 3 May 2022, Police Forces of Guinea opened fire on demonstrators in Conakry. 3 fatalities.',
     'Excessive force against protesters'),   # the report's own toll line
    ('Security forces opened fire on a peaceful sit-in in Khartoum.',
     'Excessive force against protesters'),   # live fire on a sit-in
    ('Officers fired rubber bullets at demonstrators outside the parliament in Lima.',
     'Protest with intervention'),   # rubber bullets: less-lethal
    ('An officer shoves a protester to the ground outside the courthouse.',
     'Protest with intervention'),   # narrated present tense
    ('Federal agents threw a stun grenade at protesters near the courthouse.',
     'Protest with intervention'),   # a stun grenade is crowd control, not a grenade attack
    ('On 9 June 2022, Ansar Dine established a new base near Menaka.',
     'Headquarters or base established'),   # a group the lexicon does not know sets up a base
    ('On 2 March 2021, Military Forces of Egypt forcibly disappeared a lawyer in Cairo.',
     'Abduction/forced disappearance'),   # forcibly disappeared
    ('Government aircraft dropped barrel bombs filled with chlorine on Latamneh.',
     'Chemical weapon'),   # barrel bombs dropped, filled with chlorine
    ('Men armed with knives attacked travellers on the road near Garissa, wounding three.',
     'Attack'),   # armed men are no mob
    ('Supporters of the opposition clashed with riot police and burned a lorry in Lubumbashi.',
     'Violent demonstration'),   # a crowd fighting the police
    ('Residents set fire to the house of a man accused of sorcery in Kasai.',
     'Mob violence'),   # a crowd of residents burning a house
    ('The authorities declared a state of emergency in the capital.',
     'Other'),   # state of emergency declared
    ('Around 300 fighters of the FDLR surrendered to the army and joined a demobilisation programme.',
     'Change to group/activity'),   # fighters surrendering
    ('The junta dissolved all political parties on Tuesday.',
     'Other'),   # parties dissolved
    ('Government troops recaptured Bunia from the militia on Sunday.',
     'Government regains territory'),   # a named town recaptured
    ('Insurgents captured an army garrison near the border on Friday.',
     'Non-state actor overtakes territory'),   # a garrison captured
    ('Al-Shabaab fighters sabotaged a telecommunications tower near Beledweyne.',
     'Looting/property destruction'),   # infrastructure sabotaged
    ('Army troops took control of the town after the rebels abandoned it.',
     'Non-violent transfer of territory'),   # taken after the other side abandoned it
    ("On 1 June 2022, unidentified persons burned a polling station in Mbuji-Mayi (Kasai-Oriental). 0 fatalities.",
     "Looting/property destruction"),   # unidentified perpetrators are no mob
    ("On 12 April 2022, JNIM militants attacked and looted the village of Kourouma (Kenedougou, Hauts-Bassins), "
     "burning shops. 0 fatalities.", "Looting/property destruction"),   # a raid with no one hurt, no fight
    ("Gunmen attacked a village in Zamfara and burned houses, killing five residents.", "Attack"),
    ("On 3 March 2021, Military Forces of Mali (2021-) destroyed an IED on the road between Douentza and Boni "
     "(Douentza, Mopti). 0 fatalities.", "Disrupted weapons use"),   # a device destroyed before use
    ("On 30 April 2022, Ansar Allah released 14 detainees in a prisoner exchange with the Government of Yemen in "
     "Sanaa (Amanat al Asimah).", "Agreement"),   # a prisoner exchange is an agreement
    ("Around 15 March 2022, Military Forces of Myanmar (2021-) troops raided Nyaung Pin Thar village (Salin, Magway) "
     "and torched 30 houses. 0 fatalities.", "Looting/property destruction"),
    ("On 7 April 2022, Police Forces of Pakistan recovered a large cache of arms and explosives in Quetta "
     "(Quetta, Balochistan).", "Disrupted weapons use"),
    ("On 14 March 2022, members of the Imbonerakure beat two members of the CNL in Ngozi (Ngozi). 0 fatalities.",
     "Attack"),   # a beating is one-sided
    ("On 6 June 2021, Protesters (Nigeria) gathered in Lagos (Lagos) to demand an end to insecurity. [size=hundreds]",
     "Peaceful protest"),
    # an event named as the setting of another is not the report's event
    ("On 2 April 2022, the Government of Sri Lanka imposed a curfew across the country amid protests.", "Other"),
    ("On 4 May 2022, Police Forces of Kenya arrested 20 people following clashes between rival supporters in "
     "Nakuru (Nakuru).", "Arrests"),
    ("On 5 August 2022, Military Forces of Mali (2021-) redeployed troops from Menaka to Gao (Gao).",
     "Change to group/activity"),
    ("On 22 August 2022, ISWAP released 10 abducted farmers in Gwoza (Borno) after a ransom was paid.", "Other"),
    ("Officers held a demonstrator on the pavement in Leeds while one of them punched him repeatedly.",
     "Excessive force against protesters"),   # blows on a held protester
    ("Police officers beat men and women who were standing around peacefully outside the stadium in Kampala.",
     "Attack"),   # "peacefully" alone transfers no territory
])
def test_more_sub_event_wordings(text: str, sub: str) -> None:
    assert _sub(text) == sub, text


# Session 6 (issue 12): my own variants, in other words and places than the three sentence sets, of the
# wordings the wire notes' even half and fresh probes showed wrong (docs/acled.md, "Added in session 6"):
# a person seized is abducted, places taken back or taken by name, custody, placards, pelting, present-tense
# headlines read as noun compounds and headline passives, a protest over a killing, the crowd's own violence,
# forces leaving a joint force, no fight (without clashes), a controlled detonation, communal fights, a grenade
# into a crowd, the target's own words (attack vs clash), munitions landing, accusations of rape
@pytest.mark.parametrize("text,sub", [
    ('Armed men seized a priest from his church in Kajuru on Sunday and took him to an unknown destination.',
     'Abduction/forced disappearance'),
    ('Gunmen seized two engineers at a construction site near Auchi and drove off with them.',
     'Abduction/forced disappearance'),
    ('Malian soldiers took back Boulkessi from jihadists after a day of fighting.',
     'Government regains territory'),
    ('The army retook Rutshuru from the rebels on Friday.',
     'Government regains territory'),
    ('Rebel fighters occupied Kiwanja on Tuesday after driving out government soldiers.',
     'Non-state actor overtakes territory'),
    ('Two opposition organisers were taken into custody by police in Lusaka on Monday.',
     'Arrests'),
    ('About 80 nurses stood with placards outside the regional hospital in Mombasa to demand unpaid allowances.',
     'Peaceful protest'),
    ('Students pelted riot police with stones outside the university in Nairobi.',
     'Violent demonstration'),
    ('Protesters torch tax office in Kisumu',
     'Violent demonstration'),
    ('Militants torch homes in Borno village',
     'Looting/property destruction'),
    ("Security forces fired pellets at demonstrators outside the governor's office in Srinagar.",
     'Protest with intervention'),
    ('Security forces fired pellets at demonstrators in Srinagar, blinding a teenager.',
     'Excessive force against protesters'),
    ('Hundreds of traders marched in Kampala to protest the killing of a market leader.',
     'Peaceful protest'),
    ('Police fired tear gas after protesters hurled rocks at officers in Lilongwe.',
     'Violent demonstration'),
    ('Chad withdrew its troops from the regional task force on Tuesday.',
     'Change to group/activity'),
    ('Rebels took over the abandoned army positions near Tessalit without clashes.',
     'Non-violent transfer of territory'),
    ('Soldiers found and detonated a roadside bomb on the road to Mopti.',
     'Disrupted weapons use'),
    ('Rival groups of youths attacked each other with machetes in Kaduna, injuring nine.',
     'Mob violence'),
    ('A grenade was thrown into a crowd of shoppers in Bujumbura, wounding six.',
     'Grenade'),
    ('Unidentified gunmen shot dead a local chief in Beni on Sunday.',
     'Attack'),
    ('Al-Shabaab fighters killed five fishermen near Kismayo on Tuesday.',
     'Attack'),
    ('Mortar shells fired by the rebels landed on a school in Marawi.',
     'Shelling/artillery/missile attack'),
    ('Opposition activist detained by police in Harare',
     'Arrests'),
    ('Soldiers were accused of raping three women at a checkpoint near Bunia.',
     'Sexual violence'),
    ('Bandits seized cattle from herders in Zurmi and drove off with them into the bush.',
     'Looting/property destruction'),
    ('Security forces kill two protesters in Conakry demonstration',
     'Excessive force against protesters'),
    ('Gunmen torch market stalls in Mangu, no casualties',
     'Looting/property destruction'),
    ('On 8 January 2024, rockets fired by Houthi forces landed near the port of Mokha (Taizz). No fatalities.',
     'Shelling/artillery/missile attack'),
    ('ISWAP fighters killed eight fishermen on the shores of Lake Chad near Kukawa (Borno).',
     'Attack'),
    ('Journalist detained by security forces in Bujumbura',
     'Arrests'),
    # notes told in the present by a named or definite actor; arrests before a march; a remote-controlled bomb
    ('FDLR rebels attack a FARDC position near Kitchanga. Casualties unknown.', 'Armed clash'),
    ('The army retakes Nyanzale from M23 after fighting.', 'Government regains territory'),
    ('ISWAP establishes a new base near Malam Fatori.', 'Headquarters or base established'),
    ('Police arrest 15 youth activists in Lubumbashi ahead of a planned march.', 'Arrests'),
    ('An RCIED hits an army vehicle near Marka, wounding three soldiers.', 'Remote explosive/landmine/IED'),
    ('Mortar bombs land on a market in Mogadishu, wounding seven people.', 'Shelling/artillery/missile attack'),
    ('The student leader was picked up by intelligence agents in Khartoum and has not been seen since.',
     'Abduction/forced disappearance'),
    ('Villagers beat two men accused of stealing goats to death in Nakuru.', 'Mob violence'),
])
def test_session6_wordings(text: str, sub: str) -> None:
    assert _sub(text) == sub, text


def test_harm_in_a_clause_of_setting_is_another_events() -> None:
    # the killing is what the marchers protest, not force used on them
    text = "Students marched in Eldoret to demand more security after gunmen killed 12 people at a college last week."
    assert _sub(text) == "Peaceful protest"
    # force on the march itself still counts
    assert _sub("Police opened fire on students marching in Eldoret after a college was attacked, killing two.") == \
        "Excessive force against protesters"


def test_a_present_with_no_one_named_is_still_no_event() -> None:
    # the narrated present needs a named or definite actor or a specific object: a bare plural states a habit
    assert _sub("Rebels attack villages in the region every year.") is None
    assert _sub("Soldiers arrest people without warrants in many districts.") is None


def test_a_generic_present_states_no_event() -> None:
    """The narrated present needs a specific object: a state of affairs stays no event."""
    assert extract("Civilians die every day in the besieged city.", published="2023-06-01") == []


def test_a_protest_met_by_tear_gas_is_one_event() -> None:
    evs = extract("Hundreds of students marched in Dakar on Monday and police dispersed them with tear gas.",
                  published="2023-06-01")
    main = [e for e in evs if e.acled_main]
    assert len(main) == 1 and main[0].acled_sub_event_type == "Protest with intervention"
    assert all(e.acled_main is False for e in evs if e.acled_sub_event_type and e is not main[0])


def _event(type_: str, mode: str | None = None, a1: Actor | None = None, a2: Actor | None = None,
           place: Place | None = None, **kw) -> Event:
    return Event(id="x", document_id="d", type=type_, mode=mode, actor1=a1, actor2=a2, location=place,
                 evidence=Evidence(text="", start=0, end=0), **kw)


def test_inter_interaction_civilian_targeting_and_precision() -> None:
    army = Actor(text="the army", country="MLI", sector="MIL")
    villagers = Actor(text="villagers", country="MLI", sector="CVL")
    place = Place(text="Moura", country="MLI", precision="place")
    c = code_acled(_event("ASSAULT", "firearms", army, villagers, place, date="2023-03-27", date_precision="day",
                          killed=Count(best=5)), "Soldiers shot dead five villagers in Moura.")
    assert (c.event_type, c.sub_event_type, c.disorder_type) == ("Violence against civilians", "Attack",
                                                                  "Political violence")
    assert (c.inter1, c.inter2, c.interaction, c.civilian_targeting) == (1, 7, 17, "Civilian targeting")
    assert (c.geo_precision, c.time_precision) == (1, 1)
    # foreign state forces are external forces (8); a week-long window is time precision 2
    ru = Actor(text="Russian troops", country="RUS", sector="MIL")
    c = code_acled(_event("ASSAULT", "heavy-weapons", ru, None, Place(country="UKR", precision="admin1"),
                          date="2023-03-01", date_end="2023-03-06", date_precision="range"),
                   "Russian troops shelled the region.")
    assert (c.sub_event_type, c.inter1, c.interaction, c.geo_precision, c.time_precision) == \
        ("Shelling/artillery/missile attack", 8, 80, 3, 2)
    # the crowd of a protest is coded as protesters (6), the police as state forces (1)
    police = Actor(text="police", country="KEN", sector="COP")
    crowd = Actor(text="the crowd", country="KEN", sector="CVL")
    c = code_acled(_event("COERCE", "disperse", police, crowd), "Police dispersed protesters with tear gas.")
    assert (c.sub_event_type, c.disorder_type, c.inter1, c.inter2, c.interaction) == \
        ("Protest with intervention", "Demonstrations", 1, 6, 16)
    # a peaceful protest has one actor: the body it addresses is not its actor2 (interaction 60)
    ministry = Actor(text="the ministry", country="KEN", sector="GOV")
    c = code_acled(_event("PROTEST", "demo-org", Actor(text="nurses", sector="CVL"), ministry),
                   "Nurses protested outside the ministry.")
    assert (c.sub_event_type, c.inter1, c.inter2, c.interaction) == ("Peaceful protest", 6, None, 60)
    # threats and plans are not events ACLED records
    assert code_acled(_event("ASSAULT", "aerial", army, None, status="threatened"), "").sub_event_type is None


def test_main_event_precedence_is_the_codebooks() -> None:
    order = crosswalk()["main_event_precedence"]
    assert sorted(order) == sorted(s for ss in crosswalk()["event_types"].values() for s in ss)
    a = _event("PROTEST", acled_sub_event_type="Peaceful protest")
    b = _event("ASSAULT", acled_sub_event_type="Excessive force against protesters")
    other = _event("CONSULT")
    mark_main_events([a, b, other])
    assert (a.acled_main, b.acled_main, other.acled_main) == (False, True, None)


@pytest.mark.parametrize("path,halves", [(SENTENCES, ("dev", "check")), (NOTES, ("dev", "check")),
                                         (WIRE, ("even", "odd")), (NEWS, ("even", "odd"))],
                         ids=["codebook", "notes", "wire", "news"])
def test_sentence_sets_hold_ten_per_sub_type_in_two_halves(path: Path, halves: tuple[str, str]) -> None:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    subs = {s for ss in crosswalk()["event_types"].values() for s in ss}
    assert {r["half"] for r in rows} == set(halves)
    for half in halves:
        got = [r["sub_event_type"] for r in rows if r["half"] == half]
        assert set(got) == subs and all(got.count(s) >= 5 for s in subs), half
    assert len({r["text"] for r in rows}) == len(rows)


def test_metrics_balanced_and_weighted() -> None:
    m = metrics(["A", "A", "B", "B"], ["A", "A", "A", None])
    assert m["accuracy"] == 0.5 and m["balanced_accuracy"] == 0.5
    # F1(A) = 2*(2/3*1)/(2/3+1) = 0.8, F1(B) = 0, weighted by 2 and 2
    assert m["weighted_f1"] == 0.4


def test_events_acled_csv_read_back_with_pandas(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Police fired tear gas at hundreds of protesters in Nairobi on 3 May 2023. "
                   "Separately, a roadside bomb killed four soldiers in Kunar province on 2 May 2023.\n")
    db = tmp_path / "p.duckdb"
    r = subprocess.run([POLEMOS, "ingest", str(art), "--db", str(db)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "acled.csv"
    r = subprocess.run([POLEMOS, "events", "--db", str(db), "--format", "acled-csv", "--out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(out)
    assert tuple(df.columns) == COLUMNS
    by_sub = df.set_index("sub_event_type")
    pwi = by_sub.loc["Protest with intervention"]
    assert (pwi["event_type"], pwi["disorder_type"], pwi["interaction"], pwi["country"], pwi["iso"]) == \
        ("Protests", "Demonstrations", 16, "Kenya", 404)
    assert (pwi["event_date"], pwi["year"], pwi["time_precision"], pwi["geo_precision"]) == ("2023-05-03", 2023, 1, 1)
    ied = by_sub.loc["Remote explosive/landmine/IED"]
    assert (ied["event_type"], ied["fatalities"], ied["country"]) == ("Explosions/Remote violence", 4, "Afghanistan")
    # no attacker named: ACLED's unidentified armed group (3) against state forces (1)
    assert (ied["actor1"], ied["inter1"], ied["inter2"], ied["interaction"]) == \
        ("Unidentified Armed Group (Afghanistan)", 3, 1, 13)
    # an unknown format is refused with the choices named
    r = subprocess.run([POLEMOS, "events", "--db", str(db), "--format", "acled"], capture_output=True, text=True)
    assert r.returncode != 0 and "acled-csv" in (r.stderr + r.stdout)
