"""The extraction pipeline end to end on sentences of different conflicts: one event per event
stated, none for mere mentions, ACLED names, evidence offsets into the original text, stable ids."""
from __future__ import annotations

import datetime as dt

from polemos.api_python import extract
from polemos.extract.acled import crosswalk
from polemos.extract.pipeline import Extractor
from polemos.models import Article


def _types(text: str, published: str = "2023-06-01") -> list[str]:
    return [e.type for e in extract(text, published=published)]


def test_extractor_is_built_once() -> None:
    assert Extractor.default() is Extractor.default()


def test_two_events_in_one_sentence() -> None:
    evs = extract("Police arrested 40 protesters in Tehran and the government imposed a curfew on the city.",
                  published="2023-03-05")
    assert sorted(e.type for e in evs) == ["COERCE", "COERCE"]
    assert {e.mode for e in evs} == {"arrest", "curfew"}


def test_a_visit_and_a_return_is_one_event() -> None:
    evs = extract("Between the two sessions, the Russian delegation visited Jordan and came back to Turkey.",
                  published="2020-02-10")
    assert [(e.type, e.actor1.country, e.actor2.country) for e in evs] == [("CONSULT", "RUS", "JOR")]


def test_killed_and_injured_in_one_attack_is_one_event() -> None:
    evs = extract("Gunmen killed five villagers and injured 11 others in an attack on Kadji in Niger on Sunday.",
                  published="2023-06-05")
    assert [e.type for e in evs] == ["ASSAULT"]
    assert evs[0].actor1.sector == "UAF"


def test_mere_mentions_and_background_give_nothing() -> None:
    assert _types("The escalating situation worries diplomats in the region.") == []
    assert _types("Idlib has been a stronghold of opposition and anti-government armed groups since 2011.") == []
    assert _types("It is not possible to talk about the political process while so many civilians die.") == []


def test_total_and_parts_are_separate_events() -> None:
    text = ("The death toll from Sunday's Russian airstrikes in Syria's Idlib province has risen to 26. "
            "On Monday, rescuers said the airstrikes also killed nine civilians in Ibbin village.")
    evs = extract(text, published="2020-02-10")
    assert [e.type for e in evs] == ["ASSAULT", "ASSAULT"]
    # "the airstrikes" are the Russian airstrikes named before
    assert [(e.actor1.country, e.actor1.sector, e.mode) for e in evs] == [("RUS", "MIL", "aerial")] * 2


def test_acled_names_are_acled_spellings() -> None:
    cw = crosswalk()
    assert len(cw["event_types"]) == 6
    assert sum(len(v) for v in cw["event_types"].values()) == 25
    cases = {
        "Saudi-led coalition warplanes struck a market in Saada on Tuesday, killing 12 civilians.":
            ("Explosions/Remote violence", "Air/drone strike"),
        "Thousands of protesters marched peacefully through Nairobi on Tuesday.": ("Protests", "Peaceful protest"),
        "Iranian security forces arrested 12 activists in Tehran on Saturday.": ("Strategic developments", "Arrests"),
        "Sudan's army and the Rapid Support Forces clashed in Khartoum on Saturday.": ("Battles", "Armed clash"),
        "Gunmen abducted 30 students from a school in Kaduna state.":
            ("Violence against civilians", "Abduction/forced disappearance"),
    }
    for text, expected in cases.items():
        ev = extract(text, published="2023-06-01")[0]
        assert (ev.acled_event_type, ev.acled_sub_event_type) == expected, text


def test_non_violent_types_have_no_acled_type() -> None:
    ev = extract("Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa on Monday.",
                 published="2023-10-02")[0]
    assert ev.type == "CONSULT"
    assert ev.acled_event_type is None


def test_evidence_points_into_the_text_as_given_and_ids_are_stable() -> None:
    text = ("Headline: clashes in Khartoum\n\n\n  Sudan's army and the Rapid Support Forces clashed in "
            "Khartoum on Saturday, residents said.\n")
    a = extract(text, published="2023-04-15", document_id="d1")
    b = extract(text, published="2023-04-15", document_id="d1")
    ev = next(e for e in a if e.type == "ASSAULT")
    assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    assert "Rapid Support Forces clashed" in ev.evidence.text
    assert [e.id for e in a] == [e.id for e in b]
    assert ev.document_id == "d1"


def test_stream_keeps_articles_apart_and_in_order() -> None:
    arts = [Article(id=f"a{i}", text=t, published=dt.date(2023, 6, 1)) for i, t in enumerate([
        "Police arrested 12 activists in Tehran on Saturday.",
        "The weather was mild.",
        "The WFP delivered 2,000 tonnes of food aid to displaced families in Tigray last week.",
    ])]
    out = list(Extractor.default().extract_stream(arts, batch_size=2))
    assert [a.id for a, _ in out] == ["a0", "a1", "a2"]
    assert [[e.type for e in evs] for _, evs in out] == [["COERCE"], [], ["AID"]]
    assert all(e.document_id == a.id for a, evs in out for e in evs)


def test_headlines_state_events_in_their_own_grammar() -> None:
    evs = extract("Three Turkish soldiers killed in Kurdish militant attack: security sources", published="2019-07-01")
    assert [(e.type, e.actor2.country, e.actor2.sector) for e in evs] == [("ASSAULT", "TUR", "MIL")]
    assert [e.type for e in extract("Renewed clashes in Eastern Ghouta", published="2018-02-01")] == ["ASSAULT"]


def test_running_tolls_refusals_to_comment_and_questions_are_not_events() -> None:
    assert _types("The conflict has killed more than 500,000 people since 2011, according to the United Nations.") == []
    assert _types("Officials declined to say how many troops would be deployed.") == []
    assert _types("The ministry did not respond to a request for comment.") == []


def test_fighting_between_two_sides() -> None:
    ev = extract("Fighting between the army and rebels in Darfur has displaced thousands of people.",
                 published="2023-06-01")[0]
    assert (ev.type, ev.actor1.sector, ev.actor2.sector) == ("ASSAULT", "MIL", "REB")


def test_wire_story_with_dateline_back_reference_and_follow_up_strikes() -> None:
    text = ("OUAGADOUGOU, Burkina Faso (AP) \u2014 Suspected jihadists killed 15 soldiers in an ambush in "
            "northern Burkina Faso on Monday, the army said.\n\n"
            "The attack took place near the town of Djibo. Army helicopters later carried out airstrikes on "
            "the attackers' positions, killing dozens of terrorists, the statement said.\n\n"
            "Burkina Faso's military junta, which seized power in September 2022, suspended the broadcasts "
            "of French radio station RFI.")
    evs = extract(text, published="2023-06-27")
    first = evs[0]
    assert not first.evidence.text.startswith("OUAGADOUGOU")          # the dateline is no actor
    assert (first.actor1.country, first.actor1.sector) == ("BFA", "REB")
    back = next(e for e in evs if e.evidence.text.startswith("The attack took place"))
    assert back.actor1.sector == "REB"                                 # "the attack" is the ambush
    strikes = [e for e in evs if "helicopters" in e.evidence.text]
    assert [(e.mode, e.actor1.country, e.actor2.sector) for e in strikes] == [("aerial", "BFA", "REB")]
    assert {(e.mode, e.acled_sub_event_type) for e in evs if e.type == "COERCE"} == {("coup", "Other"), ("censor", "Other")}


def test_a_back_reference_takes_the_actor_and_date_of_the_event_it_names() -> None:
    evs = extract("Government airstrikes killed 12 civilians in Maarat al-Numan in Syria on Sunday.\n\n"
                  "The strikes hit a market.", published="2021-03-08")
    assert [(e.type, e.date, e.actor1.country, e.actor1.sector) for e in evs] == \
        [("ASSAULT", "2021-03-07", "SYR", "MIL")] * 2


def test_only_candidate_sentences_are_parsed_and_datelines_are_cut() -> None:
    from polemos.extract.triggers import default_lexicon
    from polemos.nlp import parse_texts

    texts = ["KYIV (Reuters) - Russian forces shelled Kharkiv overnight. The weather was mild and sunny.",
             "Nothing happened here at all."]
    a, b = parse_texts(texts, default_lexicon().is_candidate)
    assert [(s.text, s.doc is not None) for s in a.sentences] == [
        ("Russian forces shelled Kharkiv overnight.", True), ("The weather was mild and sunny.", False)]
    assert a.text[a.sentences[0].start:a.sentences[0].end] == "Russian forces shelled Kharkiv overnight."
    assert [s.doc for s in b.sentences] == [None]


def test_text_in_capitals_only_is_read_in_ordinary_case() -> None:
    text = ("SAN SALVADOR, 3 JAN 90 -- THE ARMY HAS REPORTED THAT ABOUT 50 PEASANTS HAVE BEEN KIDNAPPED BY "
            "TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT IN SAN MIGUEL DEPARTMENT.")
    evs = extract(text, published="1990-01-03")
    assert [(e.type, e.mode, e.actor1.sector, e.actor1.country) for e in evs] == [("ASSAULT", "abduct", "REB", "SLV")]
    assert text[evs[0].evidence.start:evs[0].evidence.end] == evs[0].evidence.text   # offsets unchanged
