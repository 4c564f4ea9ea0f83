"""Word forms the trigger lexicon and the sentence filter read: a verb's regular inflections, a
noun's plurals, the lower-case words of a text."""
from __future__ import annotations

import re

from polemos import datafiles

_SIBILANT_ENDINGS = datafiles.word_list("function_words", "sibilant_endings")
_WORD = re.compile(r"[a-z0-9]+")


def verb_forms(lemma: str) -> set[str]:
    """Regular inflections of a verb ("stage" -> staged, stages, staging), for tokens the
    lemmatizer gets wrong ("staged" -> "stag")."""
    w = lemma.lower()
    out = {w, w + "s", w + "ed", w + "ing"}
    if w.endswith("e"):
        out |= {w + "d", w[:-1] + "ing"}
    if w.endswith("ie"):
        out.add(w[:-2] + "ying")                           # "die" -> dying
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w.endswith(_SIBILANT_ENDINGS):
        out.add(w + "es")
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}     # "ban" -> banned, banning
    return out


def noun_forms(noun: str) -> set[str]:
    """A noun and its regular plurals ("rally" -> rallies)."""
    w = noun.lower()
    out = {w, w + "s", w + "es"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out.add(w[:-1] + "ies")
    return out


def words_of(text: str) -> list[str]:
    """The lower-case words of a text, split at every non-alphanumeric character ("sit-in" -> sit,
    in): phrases and sentences are split alike, so a phrase's words are a subset of the sentence's."""
    return _WORD.findall(text.lower())
