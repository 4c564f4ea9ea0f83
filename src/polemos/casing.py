"""Text in the case the tagger and parser were trained on. en_core_web_sm reads ordinary
sentence case; wire copy in capitals only ("SIX SOLDIERS KILLED") and headlines in title case
("At Least 1 Person Is Confirmed Dead and 4 Others Wounded") lose their verbs to proper-noun
tags. Both are given to the parser in ordinary case, character for character, so every offset
into the original text still holds (evidence spans are cut from the original, not from this).

- capitals only: everything lower case, a capital at the start, known names restored;
- title case: only the words that are ordinary English words are lowered (function words, and
  words the model's lemmatizer tables know as verbs, adjectives, adverbs or nouns), never a known
  name (countries, capitals, organisations, office holders) nor a word the tables do not know
  ("Kogi", "Zacatecas"), nor an acronym ("ANDSF")."""
from __future__ import annotations

import functools
import re
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from polemos import datafiles
from polemos.nlp_model import load_nlp

_NO_ASCII_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# a title-case headline: of its longer words (4+ letters, the first word aside) at least this
# share capitalised, none in lower case but stop words, and this many ordinary words among them
TITLE_SHARE = 0.75
TITLE_MIN_WORDS = 3
TITLE_MIN_ORDINARY = 2


def is_all_caps(text: str) -> bool:
    """Old wire copy and some feeds come in capitals only; the tagger and parser need case."""
    if 10 * (len(text) - len(text.translate(_NO_ASCII_LOWER))) > len(text):
        return False      # (speed) more than a tenth of it is lower-case letters: ordinary text
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def is_title_case(text: str) -> bool:
    """A headline in title case: most of its longer words start with a capital, and some word
    of it is written in lower case (text in capitals only is `is_all_caps`'s)."""
    if len(text) > 300 or "\n" in text.strip():
        return False      # a headline is one short line
    long_words = [w for w in _WORD.findall(text)[1:] if len(w) >= 4]
    if len(long_words) < TITLE_MIN_WORDS or all(w.isupper() for w in long_words) \
            or sum(w[0].isupper() for w in long_words) < TITLE_SHARE * len(long_words):
        return False      # (speed) most of its words are not even capitalised
    # a title leaves only short function words in lower case; a sentence full of names still
    # writes its verbs and common nouns so ("... and EMS all responded to the scene")
    if any(w[0].islower() and w.lower() not in _stop_words() for w in long_words):
        return False
    # and names are capitalised in any case: it must capitalise words a sentence would not
    ordinary = [w for w in long_words if not w.isupper() and is_ordinary_word(w.lower())]
    return len(ordinary) >= TITLE_MIN_ORDINARY


def recase(text: str, names: re.Pattern[str] | None = None, proper: dict[str, str] | None = None) -> str:
    """All-capitals text in ordinary case, character for character (offsets do not move): lower
    case, a capital at the start, and known names (countries, capitals, organisations) restored."""
    low = text.lower()
    out = list(low)
    first = next((i for i, c in enumerate(low) if c.isalpha()), None)
    if first is not None:
        out[first] = out[first].upper()
    if names is not None and proper is not None:
        for m in names.finditer(low):
            good = proper.get(m.group(0), m.group(0))
            if len(good) == m.end() - m.start():
                out[m.start():m.end()] = list(good)
    return "".join(out)


def recase_title(text: str, names: re.Pattern[str] | None = None) -> str:
    """A title-case headline in sentence case, character for character: its ordinary words
    lowered, the first word, names and words the vocabulary does not know left as written."""
    protected = [False] * len(text)
    if names is not None:
        for m in names.finditer(text.lower()):
            protected[m.start():m.end()] = [True] * (m.end() - m.start())
    words = list(_WORD.finditer(text))
    lower = [i > 0 and w[0].isupper() and not w.isupper() and not protected[m.start()] and len(w.lower()) == len(w)
             and is_ordinary_word(w.lower()) and w.lower() not in _name_words()
             for i, m in enumerate(words) for w in [m.group(0)]]
    for i in range(len(words) - 1):   # "North Waziristan", "New Delhi": a direction starts the name
        if lower[i] and words[i].group(0).lower() in _name_starters() and not lower[i + 1] \
                and words[i + 1].group(0)[0].isupper():
            lower[i] = False
    out = list(text)
    for m, low in zip(words, lower):
        if low:
            out[m.start():m.end()] = list(m.group(0).lower())
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """Adjectives that name a people or country ("Afghan", "Kurdish"): capitalised in any case."""
    # geo's demonyms (geo/demonyms.tsv), read through the loader below both nlp and geo
    return frozenset(row[0].lower() for row in datafiles.rows("geo/demonyms.tsv"))


@functools.lru_cache(maxsize=1)
def _name_starters() -> frozenset[str]:
    """Words that start place names before another name ("North", "Upper", "New")."""
    return datafiles.words("word_sets", "place_name_starters")


def parser_input(text: str, names: re.Pattern[str] | None = None, proper: dict[str, str] | None = None) -> str:
    """The text as the parser should read it (same length, same offsets)."""
    if is_all_caps(text):
        return recase(text, names, proper)
    if is_title_case(text):
        return recase_title(text, names)
    first = next((i for i, c in enumerate(text[:8]) if c.isalpha()), None)
    if first is not None and text[first].islower():
        # notes and fragments in lower case ("police fire tear gas at ..."): the parser reads a
        # lower-case start as the middle of a sentence; all lower case also restores known names
        if text == text.lower():
            return recase(text, names, proper)
        return text[:first] + text[first].upper() + text[first + 1:]
    return text


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(STOP_WORDS)


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, dict], dict[str, list]]:
    """spaCy's English stop words, and the model's own lemmatizer tables (WordNet's base forms
    per part of speech, its irregular forms and suffix rules): no word list of our own to keep."""
    lem: Any = load_nlp().get_pipe("lemmatizer")
    lem = getattr(lem, "lemmatizer", None) or lem       # LemmaCache wraps the stock component
    tables = lem.lookups
    strings = load_nlp().vocab.strings
    # nouns are left out: WordNet's noun list holds place names ("kandahar", "mosul", "gaza"),
    # and a noun left capitalised costs the parser little once the verbs around it are lowered
    keep = {strings.add(pos) for pos in ("verb", "adj", "adv")}
    index = {pos: frozenset(words) for pos, words in tables.get_table("lemma_index").items() if pos in keep}
    return _stop_words(), index, dict(tables.get_table("lemma_exc").items()), \
        dict(tables.get_table("lemma_rules").items())


@functools.lru_cache(maxsize=50_000)
def is_ordinary_word(word: str) -> bool:
    """A lower-case word that English uses as a common word: a stop word, or a form the
    lemmatizer tables lead back to a base form of a verb, adjective, adverb or noun."""
    stop, index, exc, rules = _vocabulary()
    if word in stop:
        return True
    for pos, base in index.items():
        if word in base or word in exc.get(pos, {}):
            return True
        for old, new in rules.get(pos, []):
            if word.endswith(old) and word[:len(word) - len(old)] + new in base:
                return True
    return False
