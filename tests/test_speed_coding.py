"""The speed changes of session 6 keep the answers: the entity of a number found once equals the
token-by-token definition it replaced; the claim words' set view follows the lexicon it is made from."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span, Token

from polemos.extract.claims import _as_sets
from polemos.extract.quantities import NOT_COUNT_ENTS, _ent_tokens, find_quantities
from polemos.nlp import load_nlp

SENTENCES = [
    "Police detained 40 people on Feb. 3 after clashes that began at 3 p.m. on Monday.",
    "Gunmen killed 12 villagers on 14 March 2021 and stole $5,000 from the market in Kano.",
    "The army said 250 rebels surrendered between 20 and 25 May, two weeks after the offensive.",
    "About 30 percent of the 1,200 protesters were arrested last Friday night in Minsk.",
]


def _by_definition(doc: Doc | Span, tok: Token) -> list[Token]:
    """The tokens of `doc` in the entity holding `tok`, one token at a time (the old reading)."""
    holder = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return [t for t in doc if t.ent_iob_ != "O" and t.ent_type_ == tok.ent_type_
            and holder is not None and holder.start <= t.i < holder.end]


@pytest.mark.parametrize("text", SENTENCES)
def test_entity_of_a_number_is_found_once_with_the_same_tokens(text: str) -> None:
    doc = load_nlp()(text)
    assert any(t.ent_type_ in NOT_COUNT_ENTS for t in doc), "the sentence must hold a date, time or sum"
    for view in (doc, doc[2:len(doc) - 2]):          # a Doc and a Span of it
        for tok in view:
            if tok.ent_type_ in NOT_COUNT_ENTS:
                assert [t.i for t in _ent_tokens(view, tok)] == [t.i for t in _by_definition(view, tok)]


def test_dates_are_still_no_counts() -> None:
    doc = load_nlp()("Gunmen killed 12 villagers on 14 March 2021.")
    assert [q.best for q in find_quantities(doc)] == [12]


def test_claim_word_sets_follow_their_lexicon() -> None:
    resp = {"verbs": ["claim", "own"], "affiliation_verbs": {"belong": ["to"]}}
    view = _as_sets(resp)
    assert "claim" in view["verbs"] and "deny" not in view["verbs"]
    assert view["affiliation_verbs"] == {"belong": ["to"]}
    assert _as_sets(resp) is view                    # made once per lexicon
    other = {"verbs": ["deny"]}
    assert "deny" in _as_sets(other)["verbs"] and "claim" not in _as_sets(other)["verbs"]
