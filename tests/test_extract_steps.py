"""Each extraction step on one parsed sentence, read as the rule it implements; and the step list
as data: a step can be switched off or added by name."""
from __future__ import annotations

import datetime as dt

import pytest

from polemos.errors import InputError
from polemos.extract.context import Remember, SentenceContext, SentenceWork, Stated
from polemos.extract.pipeline import Extractor
from polemos.extract.resources import Resources
from polemos.extract.revisions import CountRevision, PerpetratorRevision
from polemos.extract.steps import (
    DEFAULT_STEPS,
    STEPS,
    claims,
    count_owners,
    events,
    later_toll,
    register_step,
    remember_people,
)
from polemos.extract.story import StoryState
from polemos.ingest.clean import clean_text
from polemos.models import Article, Count, Event, Evidence
from polemos.nlp import parse_texts

PUBLISHED = dt.date(2023, 6, 1)


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.default()


def _context(ex: Extractor, text: str) -> SentenceContext:
    """The first sentence of `text`, parsed as the pipeline parses it (no geocoder)."""
    article = Article(id="t", text=text, published=PUBLISHED)
    clean = clean_text(text)
    parsed = parse_texts([clean.text], lambda s: True)[0]
    sent = parsed.sentences[0]
    assert sent.doc is not None
    return SentenceContext(article, clean, parsed, sent, sent.doc, False, [], None)


def _events(ex: Extractor, ctx: SentenceContext, state: StoryState) -> list[Stated]:
    out = [c for c in events(ex.parts, ctx, state, SentenceWork()) if isinstance(c, Stated)]
    for s in out:
        state.events.append(({m.token.lemma_.lower() for m in s.group.members}, s.event))
    return out


def _attack(state: StoryState, killed: int | None = None) -> Event:
    ev = Event(id="a", document_id="t", type="ASSAULT", status="occurred",
               evidence=Evidence(text="A bomb killed people.", start=0, end=21),
               killed=Count(low=killed, best=killed, high=killed) if killed else None)
    state.events.append(({"attack"}, ev))
    return ev


def test_events_writes_one_event_per_group_of_event_words(ex):
    ctx = _context(ex, "Police arrested 150 protesters in Lagos and the army imposed a curfew.")
    stated = _events(ex, ctx, StoryState())
    assert [(s.event.type, s.event.mode) for s in stated] == [("COERCE", "arrest"), ("COERCE", "curfew")]
    assert stated[0].event.arrested is not None and stated[0].event.arrested.best == 150


def test_events_keep_each_counts_token_span(ex):
    ctx = _context(ex, "Gunmen killed 3 people in Kano, and police later arrested 3 people in Kaduna.")
    stated = _events(ex, ctx, StoryState())
    arrest = next(s for s in stated if s.event.type == "COERCE")
    span = arrest.spans["arrested"]
    assert ctx.doc[span.start - 1].text == "arrested"      # the second "3 people", not the first


def test_count_owners_drops_a_count_from_the_event_that_does_not_govern_it(ex):
    ctx = _context(ex, "Gunmen killed 3 people in Kano, and police later arrested 3 people in Kaduna.")
    state = StoryState()
    work = SentenceWork(stated=_events(ex, ctx, state))
    revs = list(count_owners(ex.parts, ctx, state, work))
    assert revs and all(isinstance(r, CountRevision) and r.count is None for r in revs)
    kept = {(s.event.type, k) for s in work.stated for k in s.spans} - {(r.event.type, r.kind) for r in revs}
    assert kept == {("ASSAULT", "killed"), ("COERCE", "arrested")}


def test_later_toll_revises_the_latest_attack_upwards(ex):
    state = StoryState()
    attack = _attack(state, killed=4)
    ctx = _context(ex, "The death toll rose to 14 on Monday.")
    revs = list(later_toll(ex.parts, ctx, state, SentenceWork()))
    assert [(r.event, r.kind, r.count.best if r.count else None, r.source) for r in revs
            if isinstance(r, CountRevision)] == [(attack, "killed", 14, "later toll")]


def test_later_toll_is_silent_when_the_sentence_states_its_own_event(ex):
    state = StoryState()
    _attack(state, killed=4)
    ctx = _context(ex, "The death toll rose to 14 on Monday.")
    work = SentenceWork(stated=[Stated(group=None, event=_attack(StoryState()), spans={})])  # type: ignore[arg-type]
    assert list(later_toll(ex.parts, ctx, state, work)) == []


def test_claims_name_the_perpetrator_of_an_earlier_attack(ex):
    state = StoryState()
    attack = _attack(state)
    ctx = _context(ex, "The Taliban claimed responsibility.")
    revs = list(claims(ex.parts, ctx, state, SentenceWork(article_events=[attack])))
    assert len(revs) == 1 and isinstance(revs[0], PerpetratorRevision)
    assert revs[0].event is attack and revs[0].source == "claim of responsibility"
    assert attack.actor1 is None                            # the step only proposes; the pipeline applies


def test_remember_people_yields_the_people_a_sentence_names(ex):
    ctx = _context(ex, "Nigerian President Bola Tinubu condemned the attack.")
    got = list(remember_people(ex.parts, ctx, StoryState(), SentenceWork()))
    assert got and all(isinstance(r, Remember) for r in got)
    assert any(r.memory[1].actor.country == "NGA" for r in got)


# ---------------------------------------------------------------- the step list is data

def _run(ex: Extractor, text: str) -> list[Event]:
    art = Article(id="x", text=text, published=PUBLISHED)
    return next(iter(ex.extract_stream([art])))[1]


def test_default_steps_are_registered_in_order():
    assert DEFAULT_STEPS == ("events", "count_owners", "later_toll", "claims", "remember_people", "story_frame")
    assert all(name in STEPS for name in DEFAULT_STEPS)


def test_switching_off_count_ownership_leaves_every_count_on_every_event():
    text = "Gunmen killed 3 people in Kano, and police later arrested 3 people in Kaduna."
    on = Extractor(Resources.default())
    off = Extractor(Resources.default(), steps=[s for s in DEFAULT_STEPS if s != "count_owners"])
    attack_on = next(e for e in _run(on, text) if e.type == "ASSAULT")
    attack_off = next(e for e in _run(off, text) if e.type == "ASSAULT")
    assert attack_on.arrested is None
    assert attack_off.arrested is not None and attack_off.arrested.best == 3


def test_switching_off_claims_leaves_the_attack_without_perpetrator():
    text = "A bomb killed five people at a market in Kabul on Sunday. The Taliban claimed responsibility."
    with_claims = _run(Extractor(Resources.default()), text)
    without = _run(Extractor(Resources.default(), steps=[s for s in DEFAULT_STEPS if s != "claims"]), text)
    assert with_claims[0].actor1 is not None and with_claims[0].extra.get("actor1_from") == "claim of responsibility"
    assert without[0].actor1 is None or "actor1_from" not in without[0].extra


def test_an_unknown_step_is_refused_by_name():
    with pytest.raises(InputError, match="no_such_step"):
        Extractor(Resources.default(), steps=["events", "no_such_step"])


def test_a_registered_step_runs_after_the_others():
    seen: list[str] = []

    @register_step("test_sentence_counter")
    def count(parts, ctx, state, work):
        seen.append(ctx.sentence.text)
        return ()

    try:
        _run(Extractor(Resources.default(), steps=[*DEFAULT_STEPS, "test_sentence_counter"]),
             "Police arrested 12 people in Lagos.")
    finally:
        del STEPS["test_sentence_counter"]
    assert seen == ["Police arrested 12 people in Lagos."]
