"""Which event keeps a count. A count carries the token span it was read from, so when one
sentence writes the same figure twice ("killed 3 people ... arrested 3 people"), each figure
goes to the event that governs its own words — not to whichever event the first matching text
happens to sit under."""
from __future__ import annotations

import pytest

from polemos.api_python import extract
from polemos.extract.counts import count_spans
from polemos.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _by_trigger(text: str) -> dict[str, tuple[int | None, int | None]]:
    out = {}
    for e in extract(text, published="2023-06-01"):
        out[e.trigger] = (e.killed.best if e.killed else None, e.arrested.best if e.arrested else None)
    return out


def test_a_count_span_covers_the_words_it_was_read_from(nlp):
    doc = nlp("Police later arrested 3 people in Kaduna after gunmen killed 3 people in Kano.")
    spans = count_spans(doc, next(t for t in doc if t.text == "arrested"))
    arrested = spans["arrested"]
    assert doc[arrested.start:arrested.end].text == arrested.count.text == "3 people"
    assert doc[arrested.start - 1].text == "arrested"   # the first "3 people"
    killed = count_spans(doc, next(t for t in doc if t.text == "killed"))["killed"]
    assert doc[killed.start - 1].text == "killed"       # the second "3 people"


def test_the_same_figure_twice_keeps_the_arrests_count():
    got = _by_trigger("Gunmen killed 3 people in Kano, and police later arrested 3 people in Kaduna.")
    assert got == {"killed": (3, None), "arrested": (None, 3)}


def test_the_same_figure_twice_keeps_the_attacks_killed():
    got = _by_trigger("Soldiers arrested 4 men after militants killed 4 men.")
    assert got == {"arrested": (None, 4), "killed": (4, None)}


def test_different_figures_still_go_to_their_own_events():
    got = _by_trigger("Gunmen killed 5 people in Kano, and police later arrested 2 people in Kaduna.")
    assert got == {"killed": (5, None), "arrested": (None, 2)}


def test_a_figure_repeated_by_a_second_clause_goes_to_that_clauses_event():
    # "2" is written twice: the shooting's victims, then the arrested
    got = _by_trigger("Troops shot dead 2 gunmen and 2 were arrested.")
    assert got == {"shot": (2, None), "arrested": (None, 2)}


def test_a_figure_that_also_starts_a_date_is_read_where_it_stands():
    # the "1" killed is not the "1" that starts "12 March"
    evs = extract("Two explosions occurred in Quetta on 12 March, killing 1 and injuring at least 4 others.",
                  published="2023-06-01")
    killed = [(e.trigger, e.killed.best) for e in evs if e.killed is not None]
    assert killed == [("killing / injuring", 1)]


def test_a_one_word_count_is_located_at_its_own_token(nlp):
    # text search for "he" would land inside "The" / "THE" (MUC-4's capitals are parsed lower-cased)
    doc = nlp("The gunmen attacked the house in which he was wounded.")
    span = count_spans(doc)["injured"]
    assert [t.text for t in doc[span.start:span.end]] == ["he"]
