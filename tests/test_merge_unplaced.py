"""Undated reports with no place of their own, from different stories (wire headlines of one
attack): they join an event when their known fields say more than the event type, and stay apart
when only the type and the week agree (issue 12's dedup check)."""
from __future__ import annotations

import datetime as dt

from polemos.merge import ArticleInfo, combine, match_score
from polemos.models import Actor, Count, Event, Evidence, Place

ARMY = Actor(text="Algerian troops", country="DZA", sector="MIL")
MILITANTS = Actor(text="militants", country="DZA", sector="REB")
PEOPLE = Actor(text="people", sector="CVL")
ALGERIA = Place(name="Algeria", country="DZA", precision="country", lat=28.0, lon=3.0)
DAY = dt.date(2021, 5, 19)


def report(doc: str, a1: Actor | None, a2: Actor | None, killed: int | None = None, place: Place | None = None) -> Event:
    return Event(id="m", document_id=doc, type="ASSAULT", actor1=a1, actor2=a2, location=place,
                 killed=Count(best=killed) if killed is not None else None, evidence=Evidence(text="x", start=0, end=1))


def event_of(m: Event, published: dt.date):
    return combine("ev_1", [("k0", m, ArticleInfo(m.document_id or "d", m.document_id, published))])


def test_both_parties_agreeing_join_an_unplaced_report_published_days_later() -> None:
    first = event_of(report("a", ARMY, MILITANTS, killed=22), DAY)
    later = report("b", Actor(text="Army", country="DZA", sector="MIL"), MILITANTS, killed=22)
    assert match_score(later, first, DAY + dt.timedelta(days=2)) is not None


def test_one_party_and_the_same_figure_join() -> None:
    first = event_of(report("a", ARMY, None, killed=22, place=ALGERIA), DAY)
    assert match_score(report("b", ARMY, PEOPLE, killed=22), first, DAY + dt.timedelta(days=2)) is not None


def test_one_party_joins_the_next_days_report_without_a_figure_but_not_a_later_one() -> None:
    first = event_of(report("a", MILITANTS, None), DAY)
    assert match_score(report("b", MILITANTS, PEOPLE), first, DAY + dt.timedelta(days=1)) is not None
    assert match_score(report("c", MILITANTS, PEOPLE), first, DAY + dt.timedelta(days=3)) is None


def test_only_the_type_in_common_stays_apart() -> None:
    first = event_of(report("a", None, PEOPLE, killed=5), DAY)
    assert match_score(report("b", None, PEOPLE, killed=5), first, DAY) is None


def test_one_party_with_a_different_figure_stays_apart() -> None:
    first = event_of(report("a", MILITANTS, PEOPLE, killed=5), DAY)
    assert match_score(report("b", MILITANTS, PEOPLE, killed=9), first, DAY) is None


def test_reports_a_week_apart_stay_apart_however_alike() -> None:
    first = event_of(report("a", ARMY, MILITANTS, killed=22), DAY)
    assert match_score(report("b", ARMY, MILITANTS, killed=22), first, DAY + dt.timedelta(days=8)) is None
