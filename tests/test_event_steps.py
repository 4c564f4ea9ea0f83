"""The steps that write one event (event_builder.py), each on one parsed sentence: settle type and
status → assign participants → place → date → counts → mode → write the record. Each test reads
as the rule the step implements; no step writes the story state."""
from __future__ import annotations

import datetime as dt

import pytest

from polemos.extract.context import SentenceContext, SentenceWork, Stated
from polemos.extract.event_builder import Draft, write_event
from polemos.extract.event_date import date_of
from polemos.extract.event_mode import mode_from_story, mode_of
from polemos.extract.event_sides import assign
from polemos.extract.event_type import settle
from polemos.extract.groups import EventGroup
from polemos.extract.pipeline import Extractor
from polemos.extract.steps import events
from polemos.extract.story import StoryState
from polemos.ingest.clean import clean_text
from polemos.models import Actor, Article, Event, Evidence
from polemos.nlp import parse_texts

PUBLISHED = dt.date(2023, 6, 1)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.default()


def _context(text: str) -> SentenceContext:
    article = Article(id="t", text=text, published=PUBLISHED)
    clean = clean_text(text)
    parsed = parse_texts([clean.text], lambda s: True)[0]
    sent = parsed.sentences[0]
    assert sent.doc is not None
    return SentenceContext(article, clean, parsed, sent, sent.doc, False, [], None)


def _group(ex: Extractor, ctx: SentenceContext, word: str) -> EventGroup:
    """The group of event words with `word` among its members."""
    groups = list(ex.parts.grouping.groups(ctx.doc, ctx.headline))
    return next(g for g in groups if any(m.token.lower_ == word for m in g.members))


# -------------------------------------------------------------- settle type and status
def test_a_future_boycott_said_by_someone_is_a_threat(ex):
    ctx = _context("Turkey said it would boycott the talks.")
    s = settle(ex.res, _group(ex, ctx, "boycott"), ctx.headline)
    assert s is not None and (s.type, s.status) == ("THREATEN", "occurred")


def test_what_someone_must_do_is_a_demand_on_them(ex):
    ctx = _context("Hamas must release the hostages, Egypt said.")
    s = settle(ex.res, _group(ex, ctx, "release"), ctx.headline)
    assert s is not None and (s.type, s.status, s.obligation) == ("REQUEST", "occurred", True)


def test_the_condition_of_a_threat_states_no_event(ex):
    ctx = _context("Turkey will retaliate if the rebels attack the border posts.")
    assert settle(ex.res, _group(ex, ctx, "attack"), ctx.headline) is None


# -------------------------------------------------------------- participants
def test_the_subject_acts_and_the_object_is_the_target(ex):
    ctx = _context("Police arrested 30 protesters in Kano on Monday.")
    g = _group(ex, ctx, "arrested")
    s = settle(ex.res, g, False)
    assert s is not None
    sides = assign(ex.res, ex.parts.participants, ex.parts.story, g, s, StoryState(), PUBLISHED)
    assert sides.actor1 is not None and sides.actor1.sector == "COP"
    assert sides.actor2 is not None and "protesters" in (sides.actor2.text or "")
    assert sides.named_attacker


def test_the_one_who_must_act_is_the_target_of_a_demand(ex):
    ctx = _context("Hamas must release the hostages, Egypt said.")
    g = _group(ex, ctx, "release")
    s = settle(ex.res, g, False)
    assert s is not None
    sides = assign(ex.res, ex.parts.participants, ex.parts.story, g, s, StoryState(), PUBLISHED)
    assert sides.actor2 is not None and "Hamas" in (sides.actor2.text or "")
    assert sides.reported_by is not None and sides.reported_by.country == "EGY"


# -------------------------------------------------------------- date
def test_the_date_is_read_against_publication_and_moves_the_story_time_as_a_value(ex):
    ctx = _context("Gunmen killed 3 villagers on 12 May.")
    state = StoryState()
    dated = date_of(_group(ex, ctx, "killed").root.token, PUBLISHED, state, None)
    assert dated.date.date == dt.date(2023, 5, 12) and dated.date.precision == "day"
    assert dated.story_date is not None and dated.story_date.date == dt.date(2023, 5, 12)
    assert state.story_date is None          # the step returns the new time frame; it writes nothing


def test_an_event_referring_back_takes_the_date_of_the_one_told_before(ex):
    ctx = _context("The strikes hit a market.")
    before = Event(id="a", document_id="t", type="ASSAULT", status="occurred", date="2023-05-20",
                   date_precision="day", evidence=Evidence(text="x", start=0, end=1))
    dated = date_of(_group(ex, ctx, "hit").root.token, PUBLISHED, StoryState(), before)
    assert dated.date.date == dt.date(2023, 5, 20)


# -------------------------------------------------------------- counts
def test_an_event_reads_its_figures_by_kind_with_their_words(ex):
    ctx = _context("Gunmen killed 3 villagers and wounded 5 others.")
    spans = ex.parts.counts.event_spans(ctx.doc, _group(ex, ctx, "killed"), "ASSAULT")
    assert spans["killed"].count.best == 3 and spans["injured"].count.best == 5
    assert "3" in ctx.doc[spans["killed"].start:spans["killed"].end].text


# -------------------------------------------------------------- mode
def test_explosives_dropped_by_planes_are_an_air_strike(ex):
    ctx = _context("Their planes bombed a refugee camp.")
    g = _group(ex, ctx, "bombed")
    assert mode_of(ex.res, g, "ASSAULT", None) == "aerial"


def test_victims_told_alone_are_the_latest_attacks_with_its_weapon_and_attacker(ex):
    ctx = _context("Two people were injured.")
    g = _group(ex, ctx, "injured")
    state = StoryState()
    bomb = Event(id="a", document_id="t", type="ASSAULT", status="occurred", mode="explosives",
                 actor1=Actor(text="rebels", sector="REB"), evidence=Evidence(text="x", start=0, end=1))
    state.events.append(({"explode"}, bomb))
    dated = date_of(g.root.token, PUBLISHED, state, None)
    moded = mode_from_story(g, "ASSAULT", None, None, None, False, dated.date, state)
    assert moded.mode == "explosives"
    assert moded.actor1 is not None and moded.actor1.text == "rebels" and moded.actor1 is not bomb.actor1


def test_victims_whose_killer_is_named_are_not_the_latest_attacks(ex):
    ctx = _context("Two people were injured.")
    g = _group(ex, ctx, "injured")
    state = StoryState()
    state.events.append(({"explode"}, Event(id="a", document_id="t", type="ASSAULT", status="occurred",
                                            mode="explosives", evidence=Evidence(text="x", start=0, end=1))))
    dated = date_of(g.root.token, PUBLISHED, state, None)
    assert mode_from_story(g, "ASSAULT", None, None, None, True, dated.date, state).mode is None


# -------------------------------------------------------------- the record
def test_the_record_points_into_the_article_as_given_and_its_id_is_stable(ex):
    ctx = _context("  Gunmen   killed 3 villagers on 12 May.")
    g = _group(ex, ctx, "killed")
    s = settle(ex.res, g, False)
    assert s is not None
    d = Draft(s, None, None, None, None, date_of(g.root.token, PUBLISHED, StoryState(), None).date,
              ex.parts.counts.event_spans(ctx.doc, g, s.type), None)
    ev, again = write_event(ctx, g, d), write_event(ctx, g, d)
    assert ctx.article.text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    assert ev.evidence.text.startswith("Gunmen   killed")
    assert ev.id == again.id and ev.killed is not None and ev.killed.best == 3 and ev.date == "2023-05-12"


def test_the_events_step_leaves_the_story_state_to_the_pipeline(ex):
    ctx = _context("President Erdogan said Turkish troops shelled Kobani on 12 May.")
    state = StoryState()
    out = [c for c in events(ex.parts, ctx, state, SentenceWork()) if isinstance(c, Stated)]
    assert out and state.story_date is None and not state.memory and not state.events
    assert out[0].story_date is not None and out[0].story_date.date == dt.date(2023, 5, 12)
    assert out[0].remember            # the actors named, for "he" and "the president" later
