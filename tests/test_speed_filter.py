"""The sentence filter (TriggerLexicon.is_candidate): only sentences in which some entry of the
trigger lexicon could match are parsed. Sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from polemos.extract.triggers import TriggerLexicon, default_lexicon
from polemos.nlp import load_nlp, load_stock_nlp

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def lex() -> TriggerLexicon:
    return default_lexicon()


@pytest.mark.parametrize("sentence", [
    "Rebels attacked an army post near the border on Tuesday.",
    "Two soldiers dead in attack",                                 # a headline
    "Government forces fought the insurgents for three days.",    # irregular form of a trigger verb
    "The army declared martial law in the province.",             # a phrase: all its words
    "Turkey sent troops to the border.",                          # a verb with its object
    "The minister said the militia must leave the city.",         # a demand stated with "must"
    "The Pakistani Taliban claimed responsibility.",              # a claim names an earlier attacker
    "Turkey will respond if the regime continues its attacks.",   # a threat needs its condition
    "The United States backed the plan.",                         # weak word in its event form
    "Thousands joined a march in the capital.",
    "THOUSANDS MARCH IN CAPITAL AGAINST REFORMS",                   # a headline in capitals
])
def test_sentences_that_can_state_an_event_pass(lex: TriggerLexicon, sentence: str) -> None:
    assert lex.is_candidate(sentence)


@pytest.mark.parametrize("sentence", [
    "The weather in the capital was mild and sunny this week.",
    "He came back home after a long holiday.",                    # "back" the adverb
    "Prices rose sharply in March.",                              # "March" the month
    "The press reported the figures.",                            # "the press"
    "The school teaches martial arts classes.",                   # half a phrase
    "She sent a letter to her mother.",                           # not an object the verb needs
    "You must try the soup.",                                     # "must" with no one saying it
    "He claimed that the figures were wrong.",                    # a claim of nothing violent
    "The ministry will respond to questions on Monday.",          # no condition: no threat
])
def test_background_sentences_are_not_parsed(lex: TriggerLexicon, sentence: str) -> None:
    assert not lex.is_candidate(sentence)


def test_a_sentence_naming_the_minister_referred_to_later_is_parsed(lex: TriggerLexicon) -> None:
    sents = ["Foreign Minister Ali Bakr spoke in Cairo on Monday.",
             "The weather was mild.",
             "The minister condemned the attack on the convoy."]
    flags = [lex.is_candidate(s) for s in sents]
    assert flags == [False, False, True]
    assert lex.with_context(sents, flags) == [True, False, True]
    # without a back-reference nothing more is parsed
    assert lex.with_context(sents[:2] + ["Rebels attacked the convoy."], [False, False, True]) == [False, False, True]


@pytest.mark.parametrize("sentence", [
    "Protesters took to the streets of the capital and set fire to tyres.",
    "Police rounded up 40 people and opened fire on the crowd.",
    "A car bomb went off near the market, and the army put its units on high alert.",
    "The two sides agreed to a cease-fire and held peace talks in Doha.",
])
def test_phrase_matchers_run_only_where_their_words_are_and_find_the_same(
        lex: TriggerLexicon, sentence: str, monkeypatch) -> None:
    doc = load_nlp()(sentence)
    gated = [(t.token.i, t.start, t.end, t.type, t.mode) for t in lex.find(doc)]
    monkeypatch.setattr(lex, "_phrases_in", lambda words: list(range(len(lex._patterns))))
    every = [(t.token.i, t.start, t.end, t.type, t.mode) for t in lex.find(doc)]
    assert gated == every and gated


def test_sample_articles_give_the_same_events_as_parsing_every_sentence(monkeypatch) -> None:
    """The filter only skips work: on samples/ the events are those of parsing everything."""
    from polemos import extract_articles
    from polemos.extract.pipeline import Extractor
    from polemos.ingest import RecordError, read_inputs

    files = sorted(str(p) for p in (ROOT / "samples").iterdir() if p.is_file() and not p.name.startswith((".", "README")))
    arts = [a for a in read_inputs(files) if not isinstance(a, RecordError)]

    def events() -> list[str]:
        return [e.model_dump_json() for _, evs in extract_articles(arts) for e in evs]

    filtered = events()
    monkeypatch.setattr(Extractor, "_is_candidate", lambda self, sentence: True)
    assert events() == filtered and len(filtered) >= 20


def test_every_irregular_form_of_a_trigger_verb_passes_the_filter(lex: TriggerLexicon) -> None:
    # The filter matches word forms, not lemmas: an irregular form missing from the lexicon's
    # `irregular` list would silently keep its sentences from being parsed. The model's own
    # lemmatizer exceptions are the reference list of English irregular verb forms.
    from polemos.extract.triggers import load_data

    exc = load_stock_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]
    forms_of: dict[str, set[str]] = {}
    for form, lemmas in exc.items():
        for lemma in lemmas:
            forms_of.setdefault(lemma, set()).add(form)
    verbs = {v.split()[0] for e in load_data("triggers.yaml")["entries"] for v in e.get("verbs") or []
             if isinstance(v, str)}
    missing = {v: sorted(f for f in forms_of.get(v, ()) if f not in lex._gates._vforms(v))
               for v in sorted(verbs)}
    assert {v: f for v, f in missing.items() if f} == {}
