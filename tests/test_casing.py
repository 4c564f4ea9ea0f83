"""Headlines in title case and wire copy in capitals are parsed in ordinary case, offsets intact."""
from __future__ import annotations

import pytest

from polemos import extract_articles
from polemos.casing import is_all_caps, is_ordinary_word, is_title_case, parser_input, recase_title
from polemos.extract.pipeline import Extractor
from polemos.models import Article


@pytest.fixture(scope="module")
def names():
    return Extractor.default().coder.proper_names


@pytest.mark.parametrize("text, title", [
    ("Police Say Two Officers Were Shot Dead at Checkpoint", True),
    ("Rebels Seize Town After Week of Fighting", True),
    ("Rebels seized the town of Kidal after a week of fighting, officials said.", False),
    ("The United Nations Security Council met on Friday in New York.", False),   # names, not a title
    ("SIX SOLDIERS KILLED IN AMBUSH NEAR THE BORDER", False),                     # capitals: the other path
    ("Kabul", False),
])
def test_title_case_is_told_from_sentences_full_of_names(text, title):
    assert is_title_case(text) is title


def test_recased_title_keeps_every_offset_and_the_names(names):
    pat, _ = names
    text = "Gunmen Kill 12 in North Waziristan Mosque Attack, Afghan Forces Say"
    out = recase_title(text, pat)
    assert len(out) == len(text) and out.lower() == text.lower()
    assert out.startswith("Gunmen kill 12 in North Waziristan")   # a direction that starts a name stays
    assert "attack, Afghan forces say" in out                       # demonym kept, ordinary words lowered
    assert "Mosque" in out                                          # nouns stay: WordNet's list holds places


def test_words_the_vocabulary_does_not_know_stay_capitalised(names):
    pat, _ = names
    out = recase_title("Suspected Herders Kill Ten in Zungeru Raid", pat)
    assert "Zungeru" in out and " kill " in out
    assert is_ordinary_word("killed") and is_ordinary_word("during") and not is_ordinary_word("zungeru")


def test_parser_input_routes_capitals_titles_and_plain_text(names):
    pat, proper = names
    caps = "TROOPS KILLED 4 REBELS NEAR KABUL ON MONDAY, THE ARMY SAID"
    assert is_all_caps(caps) and parser_input(caps, pat, proper).startswith("Troops killed 4 rebels")
    plain = "Troops killed four rebels near Kabul on Monday."
    assert parser_input(plain, pat, proper) is plain


def test_a_title_case_headline_gives_its_toll_and_no_false_place():
    (_, shot), (_, blast) = extract_articles([
        Article(id="a", text="Police Say Two Officers Were Shot Dead at Checkpoint"),
        Article(id="b", text="At Least 3 People Are Confirmed Dead and 7 Others Wounded in a Market Blast"),
    ])
    assert [e.killed.best for e in shot if e.killed] == [2]          # title case alone: no event at all
    assert [(e.killed.best, e.injured.best) for e in blast] == [(3, 7)]
    assert all(e.location is None for e in blast)                    # "Market" is no place (Marquette)
    ev = shot[0]
    assert ev.evidence.text == "Police Say Two Officers Were Shot Dead at Checkpoint"   # evidence as written


@pytest.mark.parametrize("text", [
    "State Police, the Department of Fish and Wildlife, Pike County Sheriff's Office and Pike County Fire "
    "and EMS all responded to the scene.",
    "The case is United States v. Ortega, U.S. District Court, Southern District of Texas.",
])
def test_sentences_naming_institutions_are_not_titles(text):
    assert not is_title_case(text)


def test_a_place_in_a_title_case_headline_is_found():
    """In title case every word is capitalised, so no name stands out to the geoparser; it reads
    the headline in the case the parser read it (names capitalised, ordinary words not)."""
    from polemos.geo import get_geocoder
    from polemos.nlp import parse_texts

    text = "Gunmen Kill Five Farmers in Attack on Village Near Jos"
    parsed = parse_texts([text], lambda s: True)[0]
    found = [(t.text, t.place and t.place.country) for t in get_geocoder().toponyms(parsed)]
    assert found == [("Jos", "NGA")]
