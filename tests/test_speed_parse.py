"""Fewer sentences parsed in full (session 7): a phrase's gate opens only with its words in a row,
and a candidate whose tags and tree hold no event word gets no entity recogniser (it is left
unparsed). Sentences written for these tests."""
from __future__ import annotations

import pytest

from polemos.extract.pipeline import Extractor
from polemos.extract.triggers import TriggerLexicon, default_lexicon
from polemos.ingest import clean_text
from polemos.models import Article
from polemos.nlp import load_nlp, parse_texts


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return default_lexicon()


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor.default()


@pytest.mark.parametrize(("sentence", "key"), [
    ("The government finally gave in to the strikers after a month.", "give in"),
    ("Ministers will not give in to pressure from the unions.", "give in"),
    ("The council is giving in on the question of pay.", "give in"),
    ("The opposition called on the army to stay in its barracks.", "call on"),
    ("Church leaders are calling on both sides to lay down their arms.", "call on"),
    ("Thousands called for the resignation of the mayor.", "call for"),
    ("The junta backed down after a week of protests in Lome.", "back down"),
    ("Striking nurses walked out of three hospitals in Nairobi.", "walk out"),
    ("Police broke up a rally of about 200 students.", "break up"),
    ("The army launched a military operation in the northern hills.", "military operation"),
])
def test_a_phrase_opens_its_gate_with_its_words_in_a_row(lex: TriggerLexicon, sentence: str, key: str) -> None:
    assert key in lex.candidate_keys(sentence)
    assert lex.is_candidate(sentence)


@pytest.mark.parametrize(("sentence", "key"), [
    ("The storm gave the town a week of snow in January.", "give in"),
    ("He was given a medal in a ceremony in the capital.", "give in"),
    ("Residents called the hotline on Monday evening.", "call on"),
    ("She called her sister for advice.", "call for"),
    ("The truck backed into a ditch and rolled down the hill.", "back down"),
    ("Officers broke the lock and went up the stairs.", "break up"),
    ("The operation on his knee went well, military doctors said.", "military operation"),
])
def test_a_phrase_with_its_words_apart_opens_no_gate(lex: TriggerLexicon, sentence: str, key: str) -> None:
    assert key not in lex.candidate_keys(sentence)


def _parsed(ex: Extractor, text: str, keep: bool):
    names, proper = ex.coder.proper_names
    return parse_texts([clean_text(text).text], ex._is_candidate, names=names, proper=proper,  # noqa: SLF001
                       context=ex.lexicon.with_context, keep=ex.may_yield if keep else None)[0]


TEXT = ("Her daughter cannot walk or talk since the accident. "                      # "talk": a verb here
        "It can take three years to gain control of the paperwork. "                 # "take" with no place taken
        "Rebels attacked an army post near Gao on Tuesday, killing four soldiers. "
        "The minister said the rebels must leave the town. "                         # a demand by "must"
        "Prices recovered after a weak start to the quarter. "                       # "recovered" with no place
        "The Pakistani Taliban claimed responsibility. "                             # a claim
        "Foreign Minister Ali Bakr spoke in Cairo on Monday. "
        "The minister condemned the attack on the convoy.")                          # refers back


def test_candidates_with_no_event_word_get_no_entities(ex: Extractor) -> None:
    full, staged = _parsed(ex, TEXT, False), _parsed(ex, TEXT, True)
    assert all(s.doc is not None for s in full.sentences)      # the gate lets them all in
    kept = [s.doc is not None for s in staged.sentences]
    assert kept == [False, False, True, True, False, True, True, True]
    # a kept sentence has every annotation of the full pipeline, entities included
    for a, b in zip(full.sentences, staged.sentences):
        if b.doc is not None:
            assert a.doc is not None
            assert [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_) for t in a.doc] == \
                [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_) for t in b.doc]
    assert load_nlp().pipe_names[-1] == "ner"     # the recogniser comes last: nothing else reads it


@pytest.mark.parametrize("sentence", [
    "Gunmen stormed a village in Zamfara and abducted 30 people.",
    "Police detained five journalists outside the court.",
    "The two presidents met in Geneva to discuss the ceasefire.",
    "Three civilians were wounded when a shell hit the market.",
    "The government pledged 20 million dollars in aid to the flood victims.",
    "A roadside bomb exploded near a patrol in the south.",
    "Protesters marched through the capital demanding new elections.",
])
def test_sentences_with_an_event_word_keep_their_entities(ex: Extractor, sentence: str) -> None:
    doc = _parsed(ex, sentence, True).sentences[0].doc
    assert doc is not None and doc.has_annotation("ENT_IOB")      # the recogniser ran


def test_the_events_are_those_of_the_full_pipeline(ex: Extractor) -> None:
    art = Article(id="speed3-test", text=TEXT, published="2024-03-05")
    clean = clean_text(art.text)
    full = ex.article_events(art, clean, _parsed(ex, TEXT, False))
    staged = ex.article_events(art, clean, _parsed(ex, TEXT, True))
    assert full and [e.model_dump() for e in staged] == [e.model_dump() for e in full]
