"""The merging rules, one relaxation of ACLED's rule at a time (pure functions, no store)."""
from __future__ import annotations

import datetime as dt

from polemos.merge import ArticleInfo, actors, combine, dates, link_totals, match_score, places
from polemos.models import Actor, Count, Event, Evidence, Place

IDLIB_PROV = Place(name="Idlib Governorate", country="SYR", admin1="13", lat=35.83, lon=36.63, precision="admin1")
ATARIB = Place(name="Atarib", country="SYR", admin1="13", lat=36.1389, lon=36.8297, precision="place")
SHEIKH_ALI = Place(name="Sheikh Ali", country="SYR", admin1="13", lat=36.1206, lon=36.8075, precision="place")
IBBIN = Place(name="Ibbin", country="SYR", admin1="13", lat=36.2497, lon=36.7347, precision="place")
ALEPPO = Place(name="Aleppo", country="SYR", admin1="09", lat=36.2021, lon=37.1343, precision="place")
HAMA_PROV = Place(name="Hama Governorate", country="SYR", admin1="10", lat=35.2, lon=36.9, precision="admin1")
ANKARA = Place(name="Ankara", country="TUR", lat=39.92, lon=32.85, precision="place")
RUS, TUR, SYR_CVL = (Actor(name="Russia", country="RUS", sector="MIL"), Actor(name="Turkey", country="TUR", sector="GOV"),
                     Actor(country="SYR", sector="CVL"))


def ev(doc="d1", type_="ASSAULT", place=ATARIB, date="2020-02-09", killed=None, a1=RUS, a2=SYR_CVL, **kw) -> Event:
    return Event(id="m", document_id=doc, type=type_, actor1=a1, actor2=a2, date=date, location=place,
                 date_precision=kw.pop("date_precision", "day" if date else "unknown"),
                 killed=Count(best=killed) if killed is not None else None,
                 evidence=Evidence(text="x", start=0, end=1), **kw)


def stored(*mentions: Event, eid="ev_1"):
    return combine(eid, [(f"k{i}", m, ArticleInfo(m.document_id or "d", m.document_id, None))
                         for i, m in enumerate(mentions)])


def test_place_relations():
    assert places.relation(ATARIB, ATARIB) == "same"
    assert places.relation(IDLIB_PROV, ATARIB) == "contains"
    assert places.relation(ATARIB, IDLIB_PROV) == "within"
    assert places.relation(ATARIB, SHEIKH_ALI) == "near"          # ~3 km apart
    assert places.relation(ATARIB, ALEPPO) == "far"               # ~28 km, another province
    assert places.relation(HAMA_PROV, ATARIB) == "far"            # province that does not contain it
    assert places.relation(ANKARA, ATARIB) == "far"               # other country
    assert places.relation(None, ATARIB) == "unknown"
    assert places.relation(Place(country="SYR", precision="country"), ATARIB) == "contains"


def test_weekday_and_calendar_date_are_the_same_day():
    sunday = ev(date="2020-02-09", date_text="Sunday")
    feb9 = ev(date="2020-02-09", date_text="Feb. 9")
    assert dates.relation(sunday, feb9) == "same"
    sunday_or_monday = ev(date="2020-02-09", date_end="2020-02-10", date_precision="range")
    assert dates.relation(sunday_or_monday, ev(date="2020-02-10")) == "overlap"
    week = ev(date="2020-02-03", date_precision="week")
    assert dates.relation(week, ev(date="2020-02-09")) == "overlap"
    assert dates.relation(ev(date="2020-02-08"), ev(date="2020-02-09")) == "adjacent"
    assert dates.relation(ev(date="2020-02-03"), ev(date="2020-02-09")) == "far"


def test_symmetric_meetings_match_either_way():
    a = ev(type_="CONSULT", a1=TUR, a2=Actor(name="Russia", country="RUS", sector="GOV"), place=ANKARA)
    b = ev(type_="CONSULT", a1=Actor(name="Russia", country="RUS", sector="GOV"), a2=TUR, place=ANKARA)
    assert actors.agreement(a, b) == 2
    assert actors.agreement(ev(a1=RUS), ev(a1=TUR)) is None       # an attack by Russia is not one by Turkey


def test_acled_rule_relaxed():
    base = stored(ev(doc="a", killed=15, date_text="Sunday"))
    assert match_score(ev(doc="b", killed=17), base) is not None            # revision, same village
    assert match_score(ev(doc="b", place=IDLIB_PROV), base) is not None     # province level, no figure
    assert match_score(ev(doc="b", place=IDLIB_PROV, killed=26), base) is None   # a total: linked, not merged
    assert match_score(ev(doc="b", place=SHEIKH_ALI), base) is not None     # neighbouring village, no figure
    assert match_score(ev(doc="a", place=SHEIKH_ALI), base) is None         # same story naming two villages
    assert match_score(ev(doc="b", place=IBBIN, killed=9), base) is None    # other village, own figure
    assert match_score(ev(doc="b", date="2020-02-03"), base) is None        # another day
    assert match_score(ev(doc="b", type_="PROTEST"), base) is None
    assert match_score(ev(doc="b", status="threatened"), base) is None
    assert match_score(ev(doc="b", a1=TUR), base) is None
    # no place in one story: same day and same actors still match; nothing but type and day does not
    assert match_score(ev(doc="b", place=None), base) is not None
    assert match_score(ev(doc="b", place=None, a1=None, a2=None), base) is None
    # no date: only with the same place and a publication date close to the event
    assert match_score(ev(doc="b", date=None), base, published=dt.date(2020, 2, 10)) is not None
    assert match_score(ev(doc="b", date=None), base, published=dt.date(2020, 3, 10)) is None


def test_combine_keeps_highest_count_finest_place_and_history():
    e = combine("ev_x", [("k1", ev(doc="a", killed=15, place=IDLIB_PROV), ArticleInfo("a", "Wire", dt.date(2020, 2, 9))),
                         ("k2", ev(doc="b", killed=17), ArticleInfo("b", "Daily", dt.date(2020, 2, 10))),
                         ("k3", ev(doc="c", killed=15), ArticleInfo("c", "Wire", dt.date(2020, 2, 11)))])
    assert e.killed.best == 17 and e.location.name == "Atarib"
    assert [h["value"] for h in e.count_history] == [15, 17, 15]
    assert e.n_mentions == 3 and e.n_sources == 2 and e.sources == ["Wire", "Daily"]
    assert e.document_ids == ["a", "b", "c"]


def test_total_over_local_events():
    total = stored(ev(doc="a", place=IDLIB_PROV, killed=26), eid="ev_total")
    atarib = stored(ev(doc="a", killed=17), eid="ev_atarib")
    ibbin = stored(ev(doc="a", place=IBBIN, killed=9, date="2020-02-09", date_end="2020-02-10",
                      date_precision="range"), eid="ev_ibbin")
    hama = stored(ev(doc="a", place=Place(name="Kafr Nabudah", country="SYR", admin1="10", lat=35.4, lon=36.5,
                                          precision="place"), killed=3), eid="ev_hama")
    assert link_totals([total, atarib, ibbin, hama]) == {"ev_atarib": "ev_total", "ev_ibbin": "ev_total"}
    # parts that add up to more than the total are not all its parts
    big = stored(ev(doc="b", place=IBBIN, killed=20), eid="ev_big")
    links = link_totals([total, atarib, big])
    assert links == {"ev_big": "ev_total"}


def test_weak_evidence_does_not_merge():
    belfast_doc = Place(name="Belfast", country="GBR", lat=54.6, lon=-5.93, precision="document")
    civilians = Actor(text="a man", country="GBR", sector="CVL")
    a = stored(ev(doc="a", place=belfast_doc, date=None, a1=None, a2=civilians))
    # same story, no date, no place of its own, only the victims' nationality in common
    assert match_score(ev(doc="a", place=belfast_doc, date=None, a1=None, a2=civilians), a) is None
    # an attacker named in both is enough inside one story
    army = Actor(name="British Army", country="GBR", sector="MIL")
    b = stored(ev(doc="a", place=belfast_doc, date=None, a1=army))
    assert match_score(ev(doc="a", place=belfast_doc, date=None, a1=army), b) is not None
    # a document-level place neither matches nor contradicts a real one
    assert places.relation(belfast_doc, Place(name="Derry", country="GBR", lat=55.0, lon=-7.3, precision="place")) == "unknown"


def test_headline_joins_its_story():
    from polemos.merge import mark_headline
    from polemos.models import Article

    text = "Russian jets strike Idlib village, 15 dead\n\nRussian warplanes struck Atarib on Sunday, killing 15."
    art = Article(id="a", text=text)
    body = ev(doc="a", killed=15)
    head = ev(doc="a", date=None, killed=15, a2=None,
              place=Place(name="Idlib", country="SYR", lat=35.93, lon=36.63, precision="place"))
    head = head.model_copy(update={"evidence": Evidence(text="Russian jets strike Idlib village, 15 dead", start=0, end=42)})
    head = mark_headline(head, art)
    assert head.extra.get("headline") and not mark_headline(body, art).extra.get("headline")
    event = stored(body)
    assert match_score(head, event) is not None                     # the headline's loose place does not veto
    joined = combine("ev", [("k0", head, ArticleInfo("a")), ("k1", body, ArticleInfo("a"))])
    assert joined.location.name == "Atarib"                          # the body's place wins over the headline's
    assert match_score(head.model_copy(update={"document_id": "b"}), event) is None   # another story's headline


def test_undated_reports_of_a_place_and_the_region_holding_it_merge_when_actors_agree():
    """Two outlets, no dates in the text, published the same day: "in Atarib" and "in Idlib
    province" (or the country) with the same attacker are one event; a conflicting attacker,
    a place outside, or stories days apart are not."""
    day = dt.date(2020, 2, 9)
    a = stored(ev(doc="a", place=ATARIB, date=None))
    assert match_score(ev(doc="b", place=IDLIB_PROV, date=None), a, day) is None  # a has no publication date
    a = combine("ev_1", [("k0", ev(doc="a", place=ATARIB, date=None), ArticleInfo("a", "a", day))])
    assert match_score(ev(doc="b", place=IDLIB_PROV, date=None), a, day) is not None
    assert match_score(ev(doc="b", place=Place(country="SYR", precision="country"), date=None), a, day) is not None
    assert match_score(ev(doc="b", place=IDLIB_PROV, date=None, a1=TUR), a, day) is None
    assert match_score(ev(doc="b", place=HAMA_PROV, date=None), a, day) is None
    assert match_score(ev(doc="b", place=IDLIB_PROV, date=None), a, day + dt.timedelta(days=9)) is None
