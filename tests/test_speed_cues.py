"""ACLED cues found by word lookup (cues.cues_in) are those each cue's own test (`_Words.has`)
finds: the index is a speed-up only."""
from __future__ import annotations

import random

from polemos.extract.acled import cues as C
from polemos.extract.triggers import load_data


def _one_by_one(text: str) -> frozenset[str]:
    low, asis = C._Words(text.lower()), C._Words(text)
    return frozenset(n for n, (ci, cs) in C.cue_patterns().items() if low.has(ci) or asis.has(cs))


def test_cues_by_lookup_are_the_cues_one_by_one() -> None:
    entries = [str(e).lstrip("=").rstrip("*") for es in load_data("acled/cues.yaml")["cues"].values() for e in es]
    rng = random.Random(11)
    texts = ["Police fired tear gas at protesters marching in March; two were killed by a roadside bomb.",
             "Rebels shelled the town with mortars and artillery, injuring civilians.", ""]
    for _ in range(600):
        words = rng.sample(entries, 3) + rng.sample(["the", "March", "march", "Police", "said", "-"], 2)
        rng.shuffle(words)
        texts.append(" ".join(w + rng.choice(["", "s", "es", "ing", "-"]) if rng.random() < 0.5 else w.upper()
                              if rng.random() < 0.2 else w for w in words))
    found = 0
    for text in texts:
        want = _one_by_one(text)
        assert C.cues_in(text) == want, text
        found += bool(want)
    assert found > 500           # the texts do hold cues
