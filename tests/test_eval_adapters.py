"""The evaluation adapters' readers and scorers on small hand-made records in each set's own
format (with its quirks), and hand-made predictions."""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from polemos.eval import muc4, petrarch, plover_gsr, ucdp, wikievents, wikipedia
from polemos.eval.common import Record, Run, best_count, main_event, number_in_text, select


def ev(type_="ASSAULT", start=0, conf=0.5, **kw):
    return {"type": type_, "confidence": conf, "evidence": {"text": "", "start": start, "end": start + 1}, **kw}


def run_of(records, preds):
    return Run(records=records, preds=preds)


# --- common --------------------------------------------------------------------------------

def test_select_is_deterministic_and_keeps_file_order():
    recs = [Record(id=str(i), text="", gold=None) for i in range(100)]
    a, b = select(recs, sample=10), select(recs, sample=10)
    assert [r.id for r in a] == [r.id for r in b]
    assert [int(r.id) for r in a] == sorted(int(r.id) for r in a)
    assert [r.id for r in select(recs, sample=10, limit=3)] == [r.id for r in a[:3]]
    assert len(select(recs, sample=500)) == 100 and len(select(recs, limit=5)) == 5


def test_main_event_prefers_confidence_then_text_order():
    assert main_event([ev("PROTEST", 5, 0.4), ev("ASSAULT", 9, 0.9)])["type"] == "ASSAULT"
    assert main_event([ev("PROTEST", 9, 0.5), ev("ASSAULT", 2, 0.5)])["type"] == "ASSAULT"
    assert main_event([]) is None


def test_best_count_takes_the_largest_mention_not_the_sum():
    assert best_count([ev(killed={"best": 7}), ev(killed={"best": 9}), ev()], "killed") == 9
    assert best_count([ev(killed={"low": 20})], "killed") == 20
    assert best_count([ev()], "killed") is None


def test_numbers_in_text():
    from polemos.eval.common import numbers_in_text
    assert numbers_in_text("Two BSF men among eight killed, 1,200 displaced in 2019") == {2, 8, 1200, 2019}


def test_number_in_text():
    assert number_in_text(7, "Seven police officers were killed")
    assert number_in_text(1200, "over 1,200 people") and number_in_text(27, "27 wounded")
    assert not number_in_text(7, "17 killed") and not number_in_text(3, "the 3rd")


# --- PLOVER gold standard records ------------------------------------------------------------

def _plover_file(tmp_path: Path) -> Path:
    recs = [
        {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "metadata"},
        {"id": "R1", "event": "FIGHT", "text": "Serb forces killed three ethnic Albanians.", "dead": "3",
         "source": [{"actorText": "Serb forces", "code": "SRB", "sector": "MIL"}],
         "target": [{"actorText": "ethnic Albanians", "code": "SRB", "sector": "CVLalb"}]},
        {"id": "R2", "event": "DEMAND", "text": "Tokyo demanded that Washington act.",
         "source": [{"actorText": "Tokyo", "code": "JAP"}], "target": "diplomatic"},
        {"id": "R3", "event": "AGREE", "text": "APEC agreed.", "source": [{"actorText": "APEC", "code": "IGO"}], "target": ""},
    ]
    d = tmp_path / "plover_gsr_cameo"
    d.mkdir()
    (d / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(recs))
    return d


def test_plover_reader_handles_the_quirks(tmp_path):
    recs = plover_gsr.load(_plover_file(tmp_path))
    assert [r.id for r in recs] == ["R1", "R2", "R3"]                      # DOCUMENT record skipped
    r1, r2, r3 = (r.gold for r in recs)
    assert r1["type"] == "ASSAULT" and r2["type"] == "REQUEST"             # PLOVER 0.x names
    assert r1["target"] == {"countries": ["SRB"], "sectors": ["CVL"], "text": ["ethnic Albanians"]}
    assert r2["source"]["countries"] == ["JPN"] and r2["target"]["countries"] == []  # 'diplomatic'
    assert r3["source"] == {"countries": [], "sectors": ["IGO"], "text": ["APEC"]}
    assert r1["killed"] == 3


def test_plover_scoring(tmp_path):
    recs = plover_gsr.load(_plover_file(tmp_path))
    preds = [
        [ev("ASSAULT", conf=0.9, actor1={"country": "SRB", "sector": "MIL"}, actor2={"country": "SRB", "sector": "CVL"},
            killed={"best": 3}), ev("PROTEST", conf=0.3)],
        [ev("ACCUSE", actor1={"country": "JPN"})],
        [],
    ]
    m = plover_gsr.score(run_of(recs, preds))
    assert m["n"] == 3 and m["type_acc"] == round(1 / 3, 4) and m["no_event_rate"] == round(1 / 3, 4)
    assert m["source_country_acc"] == 1.0 and m["source_country_n"] == 2
    assert m["target_sector_acc"] == 1.0 and m["killed_exact"] == 1.0
    assert m["source_sector_n"] == 2 and m["source_sector_acc"] == 0.5     # MIL right, IGO missed (no event)
    assert {"gold": "REQUEST", "pred": "ACCUSE", "count": 1} in m["confusions"]


# --- PETRARCH2 unit tests -----------------------------------------------------------------------

def test_cameo_crosswalk():
    assert petrarch.cameo_to_plover("042") == "CONSULT"
    assert petrarch.cameo_to_plover("057") == "AGREE"        # code-level exception
    assert petrarch.cameo_to_plover("0874") == "RETREAT"     # longest prefix wins
    assert petrarch.cameo_to_plover("190") == "ASSAULT"
    assert petrarch.cameo_to_plover("010") is None           # statements are not PLOVER events
    assert petrarch.cameo_to_plover("901") is None           # validation-dictionary test codes
    assert petrarch.cameo_to_plover("---") is None


def test_petrarch_reader_and_scoring(tmp_path):
    rows = [
        {"id": "A", "date": "19950101", "text": "Arnor restored ties with Gondor.",
         "expected_events": [{"sourcecode": "ARN", "targetcode": "GON", "eventcode": "064"}]},
        {"id": "B", "date": "19950101", "text": "Nothing happened.", "expected_events": [{"noevents": "True"}]},
        {"id": "C", "date": "19950101", "text": "x", "expected_events": [{"error": "True"}]},
        {"id": "D", "date": "19950101", "text": "y", "expected_events": json.dumps([{"eventcode": "901"}])},
    ]
    (tmp_path / "PETR_UnitTest_records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    recs = petrarch.load(tmp_path)
    assert [r.gold["kind"] for r in recs] == ["event", "noevent", "unscorable"]
    assert recs[0].published == dt.date(1995, 1, 1)
    m = petrarch.score(run_of(recs, [[ev("COOPERATE")], [ev("ASSAULT")], []]))
    assert m["type_acc"] == 1.0 and m["noevent_specificity"] == 0.0 and m["n_unscorable"] == 1


# --- Wikipedia incidents -------------------------------------------------------------------

def _wiki(tmp_path, rows):
    p = tmp_path / "wikipedia_terror_incidents_2016_2022.csv"
    with p.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["row_id", "Year", "Category", "Country", "Perpetrator", "Injured", "Dead", "Description"])
        w.writeheader()
        w.writerows(rows)
    return wikipedia.load(tmp_path)


def test_wikipedia_scoring(tmp_path):
    recs = _wiki(tmp_path, [
        {"row_id": "1", "Year": "2016", "Category": "Explosion", "Country": "Turkey", "Perpetrator": "Kurdistan Workers' Party (PKK)",
         "Injured": "27", "Dead": "7", "Description": "Seven police officers were killed and 27 wounded by a car bomb."},
        {"row_id": "2", "Year": "2022", "Category": "Explosion", "Country": "UAE", "Perpetrator": "Unknown",
         "Injured": "6", "Dead": "0", "Description": "Rebels attacked the capital."},
    ])
    preds = [[ev(killed={"best": 7}, injured={"best": 20}, actor1={"text": "the PKK"}), ev(killed={"best": 5})],
             [ev()]]
    m = wikipedia.score(run_of(recs, preds))
    assert m["killed_exact"] == 1.0                 # 7 (largest) and 0 met by no count
    assert m["injured_exact"] == 0.0 and m["injured_stated_n"] == 1   # "6" never written in row 2
    assert m["perpetrator_n"] == 1 and m["perpetrator_acc"] == 1.0    # acronym; 'Unknown' not scored
    assert m["perpetrator_stated_n"] == 0           # the description never names the PKK


def test_wikipedia_perpetrator_named_in_the_description(tmp_path):
    recs = _wiki(tmp_path, [
        {"row_id": "1", "Year": "2019", "Category": "Shooting", "Country": "Mali", "Perpetrator": "Ansar Dine",
         "Injured": "0", "Dead": "4", "Description": "Ansar Dine fighters killed four soldiers."},
        {"row_id": "2", "Year": "2019", "Category": "Shooting", "Country": "Mali", "Perpetrator": "Ansar Dine",
         "Injured": "0", "Dead": "4", "Description": "Gunmen killed four soldiers near Gao."},
    ])
    m = wikipedia.score(run_of(recs, [[ev(actor1={"text": "Ansar Dine fighters"})], [ev(actor1={"text": "Gunmen"})]]))
    assert m["perpetrator_acc"] == 0.5
    assert (m["perpetrator_stated_n"], m["perpetrator_acc_stated"]) == (1, 1.0)


# --- UCDP GED --------------------------------------------------------------------------------

UCDP_COLS = ["id", "source_headline", "source_date", "side_a", "side_b", "best", "low", "high", "country", "latitude",
             "longitude", "where_prec", "where_coordinates", "date_start", "date_end", "type_of_violence"]


def test_ucdp_reader_and_scoring(tmp_path):
    rows = [
        {"id": "1.0", "source_headline": "15 Afghan Taliban killed in Paktya;Taliban attack repelled", "source_date": "2015-04-20;2015-04-21",
         "side_a": "Government of Afghanistan", "side_b": "Taleban", "best": "15.0", "low": "16.0", "high": "14.0",
         "country": "Afghanistan", "latitude": "33.67", "longitude": "69.33", "where_prec": "4.0",
         "where_coordinates": "Paktya province", "date_start": "2015-04-19", "date_end": "2015-04-20", "type_of_violence": "1.0"},
        {"id": "2.0", "source_headline": "", "source_date": "", "side_a": "x", "side_b": "y", "best": "1", "low": "1",
         "high": "1", "country": "Syria", "latitude": "0", "longitude": "0", "where_prec": "1", "where_coordinates": "",
         "date_start": "2015-01-01", "date_end": "2015-01-01", "type_of_violence": "1.0"},
        {"id": "3.0", "source_headline": "VDC 2014-07-21", "source_date": "2014-07-21", "side_a": "Government of Russia (Soviet Union)",
         "side_b": "Civilians", "best": "1", "low": "1", "high": "1", "country": "Russia (Soviet Union)", "latitude": "43.3",
         "longitude": "45.7", "where_prec": "1", "where_coordinates": "Grozny", "date_start": "2014-07-20",
         "date_end": "2014-07-20", "type_of_violence": "3.0"},
    ]
    with (tmp_path / "ucdpged_sample_1000.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=UCDP_COLS)
        w.writeheader()
        w.writerows(rows)
    recs = ucdp.load(tmp_path)
    assert [r.id for r in recs] == ["ucdp-1", "ucdp-3"]                  # no headline: left out
    r1 = recs[0]
    assert r1.text == "15 Afghan Taliban killed in Paktya\n\nTaliban attack repelled"   # one paragraph per source
    assert r1.published == dt.date(2015, 4, 20)
    assert (r1.gold["low"], r1.gold["high"]) == (14, 16) and r1.gold["states_number"] and r1.gold["headline_agrees"]
    assert not recs[1].gold["states_number"] and recs[1].gold["side_a"]["country"] == "RUS"
    preds = [[ev(killed={"best": 15}, date="2015-04-20",
                 actor1={"country": "AFG", "sector": "MIL"}, actor2={"sector": "REB"},
                 location={"country": "AFG", "lat": 33.5, "lon": 69.5})],
             [ev(actor1={"country": "RUS", "sector": "GOV"}, location={"country": "RUS", "lat": 44.0, "lon": 45.7})]]
    m = ucdp.score(run_of(recs, preds))
    assert m["stated_n"] == 1 and m["deaths_in_range_stated"] == 1.0 and m["agrees_n"] == 1
    assert m["side_a_acc"] == 1.0 and m["side_b_acc"] == 0.5            # no CVL actor in record 3
    assert m["country_acc"] == 1.0 and m["place_acc"] == 0.5             # Grozny: 78 km off, 25 km allowed
    assert m["date_in_window"] == 0.5


# --- MUC-4 ------------------------------------------------------------------------------------

def test_muc4_date_slots():
    d = dt.date
    assert muc4.parse_date_slot("30 DEC 89") == (d(1989, 12, 30), d(1989, 12, 30))
    assert muc4.parse_date_slot("24 OCT 89 - 25 OCT 89") == (d(1989, 10, 24), d(1989, 10, 25))
    assert muc4.parse_date_slot("- 03 NOV 89") == (d(1989, 10, 3), d(1989, 11, 3))
    assert muc4.parse_date_slot("(05 OCT 89) / (04 OCT 89 - 05 OCT 89)") == (d(1989, 10, 4), d(1989, 10, 5))
    assert muc4.parse_date_slot("-") is None


def _muc_template(**kw):
    t = {"MESSAGE: TEMPLATE": "1", "INCIDENT: DATE": "30 DEC 89",
         "INCIDENT: LOCATION": "EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)",
         "INCIDENT: TYPE": "BOMBING", "PERP: INDIVIDUAL ID": '"TERRORISTS"',
         "PERP: ORGANIZATION ID": '"FARABUNDO MARTI NATIONAL LIBERATION FRONT" / "FMLN"',
         "HUM TGT: NUMBER": '3: "PEASANTS"\n1: "SOLDIER"\nPLURAL: "CIVILIANS"',
         "HUM TGT: EFFECT OF INCIDENT": 'DEATH: "PEASANTS"\nDEATH: "SOLDIER"\nINJURY: "CIVILIANS"'}
    t.update(kw)
    return t


def test_muc4_reader_and_scoring(tmp_path):
    docs = [
        {"doc_id": "DEV-1", "text": "SAN SALVADOR, 3 JAN 90 -- [TEXT] A BOMB KILLED FOUR PEOPLE.", "templates": [_muc_template()]},
        {"doc_id": "DEV-2", "text": "LIMA, 25 OCTOBER 89 (EFE) -- [TEXT] NOTHING.", "templates": json.dumps([])},
        {"doc_id": "DEV-3", "text": "BOGOTA, NO DATE -- [TEXT] GUERRILLAS KIDNAPPED A MAYOR.",
         "templates": [_muc_template(**{"INCIDENT: TYPE": "KIDNAPPING", "MESSAGE: TEMPLATE": "1 (OPTIONAL)"})]},
    ]
    (tmp_path / "muc4_dev.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    recs = muc4.load(tmp_path)
    assert [r.published for r in recs] == [dt.date(1990, 1, 3), dt.date(1989, 10, 25), None]
    t = recs[0].gold["templates"][0]
    assert t["killed"] == 4 and t["injured"] is None                        # PLURAL injured: unscored
    assert t["country"] == "SLV" and t["places"] == ["SAN MIGUEL", "SAN LUIS DE LA REINA"]
    preds = [[ev("ASSAULT", mode="explosives", trigger="killed", date="1989-12-30", killed={"best": 4},
                 location={"country": "SLV", "text": "San Miguel"}, actor1={"text": "FMLN guerrillas"})],
             [ev("ASSAULT", trigger="attacked")],
             [ev("ASSAULT", trigger="kidnapped")]]
    m = muc4.score(run_of(recs, preds))
    assert m["incident_type_acc"] == 1.0                                    # BOMBING, KIDNAPPING
    assert m["detection_recall"] == 1.0 and m["detection_precision"] == round(2 / 3, 4)
    assert m["date_n"] == 1 and m["date_acc"] == 1.0                        # optional template not scored
    assert m["place_acc"] == 1.0 and m["perpetrator_acc"] == 1.0 and m["killed_found"] == 1.0


def test_muc4_incident_type_and_truecase():
    assert muc4.incident_type(ev("ASSAULT", mode="explosives")) == "BOMBING"
    assert muc4.incident_type(ev("ASSAULT", trigger="abducted")) == "KIDNAPPING"
    assert muc4.incident_type(ev("ASSAULT", trigger="shot")) == "ATTACK"
    assert muc4.incident_type(ev("CONSULT")) is None
    assert muc4.truecase("THE ARMY SAID. I KNOW IT.") == "The army said. I know it."


# --- WikiEvents ----------------------------------------------------------------------------------

def test_wikievents_units_and_roles(tmp_path):
    doc = {"doc_id": "d1", "text": "Bomb kills general in SyriaPolice met reporters",
           "sentences": [[[["Bomb", 0, 4]], "Bomb kills general in Syria"], [[["Police", 28, 34]], "Police met reporters"]],
           "event_mentions": [
               {"event_type": "Life.Die.Unspecified", "trigger": {"text": "kills", "sent_idx": 0},
                "arguments": [{"role": "Victim", "text": "general"}, {"role": "Place", "text": "Syria"}]},
               {"event_type": "Conflict.Attack.DetonateExplode", "trigger": {"text": "Bomb", "sent_idx": 0},
                "arguments": [{"role": "Instrument", "text": "Bomb"}]},
               {"event_type": "Contact.Contact.Broadcast", "trigger": {"text": "met", "sent_idx": 1}, "arguments": []}]}
    (tmp_path / "dev.jsonl").write_text(json.dumps(doc) + "\n")
    recs = wikievents.load(tmp_path)
    assert recs[0].text == "Bomb kills general in Syria\nPolice met reporters"
    assert len(recs[0].gold["units"]) == 1                                   # Die+Attack in one sentence: one unit
    preds = [[ev("ASSAULT", 0, actor2={"text": "a Russian general"}, location={"text": "Syria"}),
              ev("CONSULT", 30), ev("ACCUSE", 30)]]
    m = wikievents.score(run_of(recs, preds))
    assert (m["recall"], m["precision"]) == (1.0, 0.5)                      # spurious CONSULT; ACCUSE not judged
    assert m["role_acc"] == 1.0 and m["roles_n"] == 2
