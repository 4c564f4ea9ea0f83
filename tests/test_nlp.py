"""The spaCy pipeline as Polemos loads it: the same annotations as the stock en_core_web_sm, with
the attribute ruler's rules applied by lookup (polemos.nlp.AttributeLookup) and the lemmatizer
called once per distinct word, POS and morphology (polemos.nlp.LemmaCache)."""
from __future__ import annotations

import pytest

from polemos.nlp import AttributeLookup, LemmaCache, load_nlp, load_sentencizer, load_stock_nlp

# Sentences written to exercise the ruler's exceptions: determiners and pronouns by word ("that",
# "her", "its"), negation ("n't", "nt"), modals, "'d", "been", dependency-conditioned rules ("but"
# as an adverb), whitespace tokens, and words in capitals.
TEXTS = [
    "She said that her brother hadn't seen them since the talks, but that he would've gone anyway.",
    "I'd say nothing  was  decided;  y'all know those rules.\n\nThey themselves said it's over.",
    "POLICE ARRESTED 12 ACTIVISTS IN TEHRAN, BUT NONE WERE CHARGED.",
    "Can you imagine?  We've been waiting here since 9 a.m. and nobody came -- not once.",
    "Rebels, whose leader is in exile, said they will not negotiate unless the army withdraws.",
]


@pytest.fixture(scope="module")
def pipelines():
    return load_nlp(), load_stock_nlp()


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_the_pipeline_applies_the_ruler_by_lookup(pipelines) -> None:
    fast, stock = pipelines
    assert fast.pipe_names == stock.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), AttributeLookup)
    assert isinstance(fast.get_pipe("lemmatizer"), LemmaCache)


def test_sample_articles_get_the_stock_annotations(pipelines) -> None:
    from pathlib import Path

    fast, stock = pipelines
    texts = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parents[1] / "samples").glob("*.txt"))]
    assert texts
    for a, b in zip(fast.pipe(texts * 2), stock.pipe(texts * 2)):
        assert _annotations(a) == _annotations(b)


@pytest.mark.parametrize("text", TEXTS)
def test_lookup_gives_the_stock_annotations(pipelines, text: str) -> None:
    fast, stock = pipelines
    assert _annotations(fast(text)) == _annotations(stock(text))


def test_lookup_gives_the_stock_annotations_in_batches(pipelines) -> None:
    fast, stock = pipelines
    texts = TEXTS * 3     # the second and third rounds are answered from the lookup's memory
    for a, b in zip(fast.pipe(texts, batch_size=4), stock.pipe(texts, batch_size=4)):
        assert _annotations(a) == _annotations(b)


def test_parse_all_parses_every_sentence(monkeypatch) -> None:
    """POLEMOS_PARSE_ALL=1 turns the sentence filter off (to measure what it costs)."""
    from polemos.nlp import parse_texts

    text = "Police arrested 12 activists in Tehran. The weather was mild and sunny."
    never = lambda sentence: False  # noqa: E731
    assert [s.doc is None for s in parse_texts([text], never)[0].sentences] == [True, True]
    monkeypatch.setenv("POLEMOS_PARSE_ALL", "1")
    assert [s.doc is None for s in parse_texts([text], never)[0].sentences] == [False, False]


@pytest.mark.parametrize("block", [
    "Rebels attacked the town. Two soldiers died!  \"We will respond,\" he said. (The army denied it.)",
    "U.S. forces left at 3 p.m. on Jan. 5... Nobody knows why?! Officials declined to comment",
    "",
    "   ",
    "...",
])
def test_sentence_bounds_are_the_sentencizers(block: str) -> None:
    from polemos.nlp import _sentence_bounds, load_sentencizer

    splitter = load_sentencizer()
    expected = [(s.start_char, s.start_char + len(s.text)) for s in splitter(block).sents]
    assert _sentence_bounds(splitter, block) == expected


def test_lemma_index_is_looked_up_as_sets_with_the_stock_words(pipelines) -> None:
    """The lemmatizer's word index is held as sets (a membership test, not a list scan), with the
    same words per part of speech; the stock pipeline keeps its lists."""
    fast, stock = pipelines
    fast_index = fast.get_pipe("lemmatizer").lemmatizer.lookups.get_table("lemma_index")
    stock_index = stock.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert set(fast_index) == set(stock_index)
    for pos, words in stock_index.items():
        assert isinstance(words, list)
        assert isinstance(fast_index[pos], frozenset) and fast_index[pos] == frozenset(words)
    rare = "The juntas' spokespersons were reprimanding mutineers; the insurgencies had regrouped."
    assert [t.lemma_ for t in fast(rare)] == [t.lemma_ for t in stock(rare)]


def test_the_splitter_tokenizes_as_the_model() -> None:
    """Sentence bounds are read from the model's tokenizer (its cache then serves the parse): the
    sentencizer's own tokenizer has the very same rules."""
    exclude = ["vocab"]
    assert load_sentencizer().tokenizer.to_bytes(exclude=exclude) == load_nlp().tokenizer.to_bytes(exclude=exclude)
