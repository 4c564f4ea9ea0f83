"""Which mentions of ONE article are one event (issue 12, long articles): a headline and its lead
retell the body's event; two acts of one sentence, or undated acts of different forms, stay apart.

Our own invented articles (several countries and wordings), merged by the real merge loop
(`polemos.merge_article`, what `polemos extract` prints and an empty store keeps); mentions are
built by hand so each rule is tested alone and fast.
"""
from __future__ import annotations

import datetime as dt

import pytest

from polemos.merge import mark_headline, mark_lead, merge_article
from polemos.models import Actor, Article, Count, Event, Evidence, Place

MOGADISHU = Place(name="Mogadishu", text="Mogadishu", country="SOM", admin1="02", lat=2.04, lon=45.34, precision="place")
SOMALIA = Place(name="Somalia", text="Somalia", country="SOM", lat=6.0, lon=47.0, precision="country")
MALI = Place(name="Mali", text="Mali", country="MLI", lat=17.0, lon=-4.0, precision="country")
BANKASS = Place(name="Bankass", country="MLI", admin1="06", lat=14.08, lon=-3.52, precision="place")
DJENNE = Place(name="Djenné", country="MLI", admin1="06", lat=13.91, lon=-4.55, precision="place")
GARISSA = Place(name="Garissa", country="KEN", admin1="07", lat=-0.45, lon=39.65, precision="place")
DHAKA = Place(name="Dhaka", country="BGD", admin1="81", lat=23.71, lon=90.41, precision="place")
CHATTOGRAM = Place(name="Chattogram", country="BGD", admin1="84", lat=22.34, lon=91.83, precision="place")
POLICE_KEN = Actor(text="police", country="KEN", sector="COP")
OPPOSITION = Actor(text="the opposition Nationalist Party", name="Nationalist Party", country="BGD", sector="OPP")


def mention(text: str, sentence: str, type_: str = "ASSAULT", date: str | None = None, place: Place | None = None,
            killed: int | None = None, **kw) -> Event:
    """A mention whose evidence is `sentence`, found in the article `text` (offsets as the extractor gives)."""
    start = text.index(sentence)
    return Event(id="m", type=type_, date=date, date_precision="day" if date else "unknown", location=place,
                 killed=Count(best=killed) if killed is not None else None,
                 evidence=Evidence(text=sentence, start=start, end=start + len(sentence)), **kw)


def merged(text: str, mentions: list[Event], published: str, title: str | None = None):
    article = Article(id="story", text=text, title=title, published=dt.date.fromisoformat(published))
    return merge_article(article, [m.model_copy(update={"document_id": "story"}) for m in mentions])


# A car bombing: headline, a lead dated by its saying ("officials said on Monday", the report's day,
# Somalia-wide), then the body's own telling, dated Saturday at the junction in Mogadishu.
CAR_BOMB = ("Car bomb toll rises to 11 at Mogadishu checkpoint\n\n"
            "The death toll from a car bombing at a security checkpoint in Somalia has risen to 11, officials said on Monday.\n\n"
            "The car exploded on Saturday near the Sayidka junction in Mogadishu as soldiers searched vehicles, "
            "killing nine people at the scene.\n\n"
            "Two of the wounded died in hospital on Sunday.\n")
HEAD = "Car bomb toll rises to 11 at Mogadishu checkpoint"
LEAD = "The death toll from a car bombing at a security checkpoint in Somalia has risen to 11, officials said on Monday."
BODY = ("The car exploded on Saturday near the Sayidka junction in Mogadishu as soldiers searched vehicles, "
        "killing nine people at the scene.")


def car_bomb_mentions(lead_date: str = "2025-03-10") -> list[Event]:
    return [mention(CAR_BOMB, HEAD, place=MOGADISHU, killed=11, mode="explosives"),
            mention(CAR_BOMB, LEAD, date=lead_date, place=SOMALIA, killed=11, mode="explosives", date_text="Monday"),
            mention(CAR_BOMB, BODY, date="2025-03-08", place=MOGADISHU, killed=9, mode="explosives",
                    date_text="Saturday")]


def test_headline_and_lead_retelling_the_body_join_its_event_with_the_bodys_date_place_and_evidence():
    (event,) = merged(CAR_BOMB, car_bomb_mentions(), "2025-03-10")
    assert event.n_mentions == 3
    assert event.date == "2025-03-08"                    # the body's Saturday, not the report's Monday
    assert event.location.name == "Mogadishu"            # not the lead's "Somalia"
    assert event.evidence.text == BODY                   # the body's sentence speaks for the event
    assert event.killed.best == 11                       # the lead's revised toll


def test_a_lead_dated_before_the_body_event_or_days_after_it_stays_apart():
    # "on Monday" a week later is no saying-day of Saturday's bombing: another report, another act
    assert len(merged(CAR_BOMB, car_bomb_mentions(lead_date="2025-03-15"), "2025-03-16")) == 2
    # a lead telling a day BEFORE the body's is another event, whatever it retells
    assert len(merged(CAR_BOMB, car_bomb_mentions(lead_date="2025-03-06"), "2025-03-10")) == 2


# A province total over two villages' tolls: the lead is the total, not a retelling of either.
MALI_TEXT = ("Jihadist attacks kill 30 in central Mali\n\n"
             "Suspected jihadists killed 30 civilians in two attacks in central Mali on Tuesday, local officials said.\n\n"
             "In Bankass, gunmen on motorbikes killed 18 villagers at a weekly market on Tuesday.\n\n"
             "Near Djenné, 12 herders were shot dead on Tuesday evening, a local mayor said.\n")


def test_a_lead_whose_toll_sums_the_bodys_attacks_is_their_total_not_a_retelling():
    head = mention(MALI_TEXT, "Jihadist attacks kill 30 in central Mali", place=MALI, killed=30)
    lead = mention(MALI_TEXT, "Suspected jihadists killed 30 civilians in two attacks in central Mali on Tuesday, "
                   "local officials said.", date="2025-06-03", place=MALI, killed=30)
    a = mention(MALI_TEXT, "In Bankass, gunmen on motorbikes killed 18 villagers at a weekly market on Tuesday.",
                date="2025-06-03", place=BANKASS, killed=18)
    b = mention(MALI_TEXT, "Near Djenné, 12 herders were shot dead on Tuesday evening, a local mayor said.",
                date="2025-06-03", place=DJENNE, killed=12)
    article = Article(id="story", text=MALI_TEXT, published=dt.date(2025, 6, 4))
    marked = mark_lead([mark_headline(m.model_copy(update={"document_id": "story"}), article)
                        for m in (head, lead, a, b)])
    assert marked[0].extra.get("headline") and not marked[1].extra.get("lead")
    events = merged(MALI_TEXT, [head, lead, a, b], "2025-06-04")
    total = next(e for e in events if e.killed.best == 30)
    assert sorted(e.killed.best for e in events if e.part_of == total.id) == [12, 18]


def test_only_a_lead_of_a_type_its_headline_tells_is_marked():
    text = ("Kenyan police impose curfew in Garissa\n\n"
            "Gunmen attacked a bus near Garissa on Friday, police said.\n\n"
            "Police imposed a curfew on the town on Saturday.\n")
    article = Article(id="story", text=text, published=dt.date(2025, 9, 7))
    ms = [mention(text, "Kenyan police impose curfew in Garissa", type_="COERCE", place=GARISSA),
          mention(text, "Gunmen attacked a bus near Garissa on Friday, police said.", date="2025-09-05", place=GARISSA),
          mention(text, "Police imposed a curfew on the town on Saturday.", type_="COERCE", date="2025-09-06")]
    marked = mark_lead([mark_headline(m.model_copy(update={"document_id": "story"}), article) for m in ms])
    assert [bool(m.extra.get("lead")) for m in marked] == [False, False, False]


@pytest.mark.parametrize("sentence, acts", [
    ("Authorities in Garissa imposed a dusk-to-dawn curfew on Sunday and police arrested 40 people.",
     [("curfew", None), ("arrest", "40 people")]),
    ("On Sunday the county police banned all rallies in Garissa and detained 40 traders.",
     [("ban", None), ("arrest", "40 traders")]),
])
def test_two_coercive_acts_of_one_sentence_are_two_events(sentence: str, acts: list[tuple[str, str | None]]):
    text = f"Unrest in northeastern Kenya\n\n{sentence}\n\nShops stayed shut on Monday.\n"
    ms = [mention(text, sentence, type_="COERCE", date="2025-09-07", place=GARISSA, mode=mode, actor1=POLICE_KEN,
                  actor2=Actor(text=target, country="KEN", sector="CVL") if target else None)
          for mode, target in acts]
    events = merged(text, ms, "2025-09-08")
    assert sorted(e.mode for e in events) == sorted(mode for mode, _ in acts)


def test_the_same_act_told_twice_in_one_sentence_still_merges():
    sentence = "Police arrested 40 people in Garissa on Sunday, detaining them at the main station."
    text = f"Arrests in Garissa\n\n{sentence}\n"
    ms = [mention(text, sentence, type_="COERCE", date="2025-09-07", place=GARISSA, mode="arrest", actor1=POLICE_KEN)
          for _ in range(2)]
    assert len(merged(text, ms, "2025-09-08")) == 1


# Two undated protests called by the same party: a strike and a march are two events.
BANGLA = ("Opposition steps up pressure on government\n\n"
          "The opposition Nationalist Party called a nationwide general strike against fuel price rises.\n\n"
          "Supporters of the opposition Nationalist Party also marched through Chattogram, party officials said.\n")


def test_two_undated_protests_of_one_party_in_different_forms_stay_two():
    strike = mention(BANGLA, "The opposition Nationalist Party called a nationwide general strike against fuel "
                     "price rises.", type_="PROTEST", mode="strike-gen", actor1=OPPOSITION, place=DHAKA)
    march = mention(BANGLA, "Supporters of the opposition Nationalist Party also marched through Chattogram, party "
                    "officials said.", type_="PROTEST", mode="demo-org", actor1=OPPOSITION)
    assert len(merged(BANGLA, [strike, march], "2025-11-02")) == 2
    # the same march told again ("the march") is still one event
    again = BANGLA + "\nPolice watched the march from a distance.\n"
    bare = mention(again, "Police watched the march from a distance.", type_="PROTEST", mode="demo-org",
                   trigger="march")
    march2 = march.model_copy(update={"evidence": march.evidence})
    assert len(merged(again, [march2, bare], "2025-11-02")) == 1


def test_a_first_line_ending_as_a_sentence_is_the_lead_paragraph_not_a_headline():
    text = "Gunmen killed 12 villagers in Zamfara on Tuesday, police said.\n\nResidents fled to the state capital.\n"
    article = Article(id="story", text=text)
    m = mention(text, "Gunmen killed 12 villagers in Zamfara on Tuesday, police said.")
    assert not mark_headline(m, article).extra.get("headline")
    head = "Gunmen kill 12 villagers in Zamfara\n\nGunmen killed 12 villagers in Zamfara on Tuesday, police said.\n"
    h = mention(head, "Gunmen kill 12 villagers in Zamfara")
    assert mark_headline(h, Article(id="story", text=head)).extra.get("headline")


def test_a_curfew_and_arrests_told_in_two_sentences_of_one_story_are_two_events():
    text = ("Troops deployed after clashes in Garissa\n\n"
            "Police said they had detained 23 people in Garissa by Sunday.\n\n"
            "The county government also imposed a night curfew on the town on Sunday.\n")
    arrests = mention(text, "Police said they had detained 23 people in Garissa by Sunday.", type_="COERCE",
                      date="2025-09-07", place=GARISSA, mode="arrest", actor1=POLICE_KEN)
    curfew = mention(text, "The county government also imposed a night curfew on the town on Sunday.",
                     type_="COERCE", date="2025-09-07", place=GARISSA, mode="curfew",
                     actor1=Actor(text="The county government", country="KEN", sector="GOV"))
    assert sorted(e.mode for e in merged(text, [arrests, curfew], "2025-09-08")) == ["arrest", "curfew"]


def test_an_attack_told_with_two_weapons_in_one_sentence_stays_one_attack():
    sentence = "Militants stormed an army post near Tillabéri on Monday, firing rockets and detonating a car bomb."
    text = f"Army post attacked in western Niger\n\n{sentence}\n"
    tillaberi = Place(name="Tillabéri", country="NER", admin1="06", lat=14.21, lon=1.45, precision="place")
    ms = [mention(text, sentence, date="2025-04-14", place=tillaberi, mode=mode,
                  actor1=Actor(text="Militants", country="NER", sector="REB"))
          for mode in ("heavy-weapons", "explosives")]
    assert len(merged(text, ms, "2025-04-15")) == 1


def _stories() -> list[tuple[Article, list[Event]]]:
    """The car bombing and the Mali total, each from two outlets a day apart."""
    mali = [mention(MALI_TEXT, "Jihadist attacks kill 30 in central Mali", place=MALI, killed=30),
            mention(MALI_TEXT, "Suspected jihadists killed 30 civilians in two attacks in central Mali on Tuesday, "
                    "local officials said.", date="2025-06-03", place=MALI, killed=30),
            mention(MALI_TEXT, "In Bankass, gunmen on motorbikes killed 18 villagers at a weekly market on Tuesday.",
                    date="2025-06-03", place=BANKASS, killed=18)]
    out = []
    for outlet, day in (("wire-a", 0), ("wire-b", 1)):
        for name, text, ms, pub in (("car", CAR_BOMB, car_bomb_mentions(), dt.date(2025, 3, 10)),
                                    ("mali", MALI_TEXT, mali, dt.date(2025, 6, 4))):
            art = Article(id=f"{outlet}-{name}", text=text, source=outlet, published=pub + dt.timedelta(days=day))
            out.append((art, [m.model_copy(update={"document_id": art.id}) for m in ms]))
    return out


def test_the_store_article_by_article_in_bulk_and_extract_keep_the_same_events(tmp_path):
    from polemos.merge import merge_articles
    from polemos.merge.memory import article_info, keyed_mentions
    from polemos.store import open_store, sql_cache
    from polemos.store.sql_ingest import add_articles

    pairs = _stories()
    rows = []
    for bulk in (False, True):
        sql_cache.clear()
        with open_store(str(tmp_path / f"s{bulk}.duckdb")) as s:
            add_articles(s.inner, s.inner.sources, pairs, bulk=bulk)
            assert s.check() == []
            rows.append(s.inner.rows("SELECT id, data FROM events ORDER BY id"))
    assert rows[0] == rows[1]
    memory = merge_articles([(article_info(a), keyed_mentions(a, ms)) for a, ms in pairs])
    assert [e.id for e in memory] == [r[0] for r in rows[0]]
    car = next(e for e in memory if e.killed and e.killed.best == 11)
    assert (car.n_sources, car.date, car.location.name) == (2, "2025-03-08", "Mogadishu")
