"""The shortcuts the bulk merge takes at 1,000,000 events (issue 17) decide nothing themselves:
relinking totals over only the events with a place and a figure (none when no such event lies
above level 0) links what link_totals over every event links, and a score kept by the batch's
index is used only for the very event object it was computed for."""
from __future__ import annotations

import datetime as dt
import random

from polemos.merge.candidates import candidate
from polemos.merge.cluster import ArticleInfo, combine, match_score
from polemos.merge.index import CandidateIndex
from polemos.merge.measure import DEFAULT_CORPUS, load_corpus
from polemos.merge.totals import link_totals, tally
from polemos.models import Count, Evidence, Place, StoredEvent


def _event(rng: random.Random, i: int, points: bool = False) -> StoredEvent:
    loc = None if rng.random() < 0.1 else Place(
        name=rng.choice(["Atarib", "Ibbin", "Idlib", None]), country=rng.choice(["SYR", "SYR", "IRQ"]),
        lat=36 + rng.uniform(-1.5, 1.5) if rng.random() < 0.9 else None, lon=37 + rng.uniform(-1.5, 1.5),
        admin1=rng.choice([None, "01", "02"]), admin2=rng.choice([None, "x", "y"]),
        precision="place" if points else rng.choice(["place", "admin2", "admin1", "country", None, "document"]),
        feature_code=None if points else rng.choice([None, "ADM1", "ADM2", "PPL"]))
    k = rng.choice([None, None, 1, 2, 3, 5, 8, 13, 20, 26, 40])
    count = {} if k is None else {rng.choice(["killed", "injured"]): rng.choice([Count(best=k), Count(low=k)])}
    return StoredEvent(id=f"e{i:04d}", type=rng.choice(["ASSAULT", "COERCE"]), date=f"2022-03-0{rng.randint(1, 6)}",
                       date_precision="day", location=loc, evidence=Evidence(text="x", start=0, end=1), **count)


def test_totals_over_counted_events_only_link_the_same():
    rng = random.Random(5)
    linked = skipped = 0
    for g in range(300):
        points = g % 3 == 0      # a neighbourhood of towns only (as most are)
        evs = [_event(rng, i, points and i > 0) for i in range(rng.randint(3, 120))]
        every = link_totals(evs)
        tallies = {e.id: tally(e) for e in evs}
        if not any(tallies.values()):
            assert every == {}
            skipped += 1
        assert link_totals([e for e in evs if tallies[e.id] is not None]) == every
        linked += len(every)
    assert linked > 1000 and skipped > 0


def test_a_kept_score_is_used_only_for_the_event_object_it_was_computed_for():
    pairs, _ = load_corpus(DEFAULT_CORPUS)
    (a1, ms1), (a2, ms2) = pairs[0], pairs[1]
    info = ArticleInfo(a1.id, a1.source, a1.published)
    ev = combine("ev_a", [(ms1[0].id, ms1[0], info)])
    idx = CandidateIndex({"ev_a": ev})
    m = ms2[0]
    want = match_score(m, ev, a2.published) if candidate(m, ev, a2.published) else None
    assert idx.score(m, "ev_a", ev, a2.published, keep=True) == want
    idx.scores[(m.id, "ev_a")] = (ev, a2.published, 99.0)          # a kept score is taken as is ...
    assert idx.score(m, "ev_a", ev, a2.published) == 99.0
    same_fields = ev.model_copy()                                   # ... only for that object and day
    assert idx.score(m, "ev_a", same_fields, a2.published) == want
    assert idx.score(m, "ev_a", ev, (a2.published or dt.date(2020, 1, 1)) + dt.timedelta(days=1)) != 99.0
