"""The trie alternation finds exactly what the longest-first alternation of the same words finds."""
from __future__ import annotations

import random
import re

import pytest

from polemos.extract.resources import Resources
from polemos.trie_regex import alternation


def _longest_first(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


def _spans(pattern: str, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(1)) for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("wrap", ["({})", r"(?<![\w.])({})(?![\w])", r"\b({})\b"])
def test_random_prefix_heavy_words_match_alike(wrap: str) -> None:
    rng = random.Random(7)
    for _ in range(300):
        words = ["".join(rng.choice("ab.-") for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 10))]
        old, new = wrap.format(_longest_first(words)), wrap.format(alternation(words))
        for _ in range(20):
            text = "".join(rng.choice("ab.- ") for _ in range(30))
            assert _spans(new, text) == _spans(old, text), (words, text)


def test_country_names_and_demonyms_match_alike() -> None:
    coder = Resources.default().coder
    words = list(coder._country_words)
    old = rf"(?<![\w.])({_longest_first(words)})(?![\w])"
    new = rf"(?<![\w.])({alternation(words)})(?![\w])"
    texts = ["Saudi Arabia and the United Arab Emirates struck Yemen; Iraqi and Iranian forces met.",
             "South Sudanese troops entered Sudan.", "Congo, the Democratic Republic of the Congo, DR Congo"]
    texts += [" ".join(random.Random(i).sample(words, 4)) for i in range(200)]
    for text in texts:
        assert _spans(new, text) == _spans(old, text)


def test_no_words_matches_nothing() -> None:
    assert re.search(alternation([]), "anything") is None
    assert re.search(alternation(["", "x"]), "a x").group(0) == "x"
